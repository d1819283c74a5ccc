//! `--format json`: the report as one JSON document, written by hand (the library has no JSON
//! dependency, and the shape is small).
//!
//! ```json
//! {"ok": false,
//!  "summary": {"contracts": 2, "unchanged": 1, "changed": 1, "added": 0, "removed": 0, "failed": 1},
//!  "contracts": [{"name": "mixin_x", "kind": "mixin", "status": "changed",
//!    "old": {"file": "...", "version": "1.0.0"}, "new": {...},
//!    "required": "major", "actual": "minor", "suggested": "2.0.0", "ok": false,
//!    "changes": [{"code": "B0103", "rule": "action-removed", "bump": "major", "breaks": ["implementers"],
//!                 "covered": false, "message": "...", "file": "...", "line": 3, "column": 11}],
//!    "verdict": {"code": "B0011", "message": "...", "file": "...", "line": 2, "column": 1}}]}
//! ```

use super::{ContractKind, ContractReport, Report, Status};
use crate::diagnostics::Diagnostic;
use crate::model::Version;
use std::fmt::Write as _;
use std::path::PathBuf;

pub(super) fn report(r: &Report) -> String {
    let count = |s: Status| r.contracts.iter().filter(|c| c.status == s).count();
    let mut out = String::new();
    let _ = write!(
        out,
        "{{\"ok\":{},\"summary\":{{\"contracts\":{},\"unchanged\":{},\"changed\":{},\"added\":{},\"removed\":{},\"failed\":{}}},\"contracts\":[",
        r.ok(),
        r.contracts.len(),
        count(Status::Unchanged),
        count(Status::Changed),
        count(Status::Added),
        count(Status::Removed),
        r.contracts.iter().filter(|c| !c.ok()).count(),
    );
    for (i, c) in r.contracts.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        contract(&mut out, c);
    }
    out.push_str("]}\n");
    out
}

fn contract(out: &mut String, c: &ContractReport) {
    let side = |s: &Option<(PathBuf, Version)>| match s {
        Some((file, version)) => {
            format!("{{\"file\":{},\"version\":{}}}", string(&file.display().to_string()), string(&version.to_string()))
        }
        None => "null".into(),
    };
    let _ = write!(
        out,
        "{{\"name\":{},\"kind\":{},\"status\":{},\"old\":{},\"new\":{},\"required\":{},\"actual\":{},\"suggested\":{},\"ok\":{},\"changes\":[",
        string(&c.name),
        string(match c.kind {
            ContractKind::Mixin => "mixin",
            ContractKind::Node => "node",
        }),
        string(c.status.as_str()),
        side(&c.old),
        side(&c.new),
        string(c.required.as_str()),
        c.actual.map_or("null".into(), |a| string(a.as_str())),
        c.suggested.map_or("null".into(), |v| string(&v.to_string())),
        c.ok(),
    );
    for (i, f) in c.findings.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let breaks: Vec<String> = f.rule.breaks.iter().map(|w| string(w.id())).collect();
        let _ = write!(
            out,
            "{{\"code\":{},\"rule\":{},\"bump\":{},\"breaks\":[{}],\"covered\":{},{}}}",
            string(f.rule.code),
            string(f.rule.id),
            string(f.rule.bump.as_str()),
            breaks.join(","),
            f.covered,
            place(&f.diagnostic),
        );
    }
    out.push_str("],\"verdict\":");
    match &c.verdict {
        Some(d) => {
            let _ = write!(out, "{{\"code\":{},{}}}", string(d.code), place(d));
        }
        None => out.push_str("null"),
    }
    out.push('}');
}

/// `"message":..,"file":..,"line":..,"column":..` of a diagnostic's primary label.
fn place(d: &Diagnostic) -> String {
    let (line, column) = match d.primary.location {
        Some(l) => (l.line.to_string(), l.column.to_string()),
        None => ("null".into(), "null".into()),
    };
    format!(
        "\"message\":{},\"help\":{},\"file\":{},\"line\":{line},\"column\":{column}",
        string(&d.message),
        d.help.as_deref().map_or("null".into(), string),
        string(&d.primary.file.display().to_string()),
    )
}

/// A JSON string literal.
fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    crate::json_string::push(&mut out, s);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn strings_are_escaped() {
        assert_eq!(super::string("a\"b\\c\nd\u{1}"), "\"a\\\"b\\\\c\\nd\\u0001\"");
    }
}
