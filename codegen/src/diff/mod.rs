//! The breaking-change check: two versions of a set of contracts, compared item by item, each
//! change classified by a rule (see [`rules`]) with the version bump it needs, then a verdict on
//! the bump each contract's version made (a mixin's `mixin_version`, a node's `version`).
//! Mixins are matched by `mixin_name`, node contracts by `node_name`.
//!
//! A back end like the Rust one: it reads only checked models (and the documents they came from,
//! to point at lines) and reports through [`Diagnostic`], so its findings print, sort and locate
//! like validation's.

mod compare;
mod json;
mod node;
mod place;
pub mod rules;
mod types;
mod verdict;

pub use crate::validate::node::ContractKind;
pub use node::{check_nodes, Found, NodeContract};
pub use rules::{Bump, Rule, Who};
pub use verdict::Actual;

use crate::diagnostics::{render_all_with, Diagnostic, Label, Severity, Style};
use crate::load::Source;
use crate::locate::{Anchor, Seg, SpanIndex};
use crate::model::{Mixin, Version};
use crate::parse::Yaml;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One valid contract, with the document it came from.
#[derive(Debug, Clone)]
pub struct Contract {
    pub source: Source,
    doc: Yaml,
    pub mixin: Mixin,
}

impl Contract {
    /// Parses and validates `source`. Every error of the file when it is not a valid contract.
    pub fn check(source: Source) -> Result<Contract, Vec<Diagnostic>> {
        let doc = crate::parse::parse(&source).map_err(|d| vec![*d])?;
        let (mixin, diagnostics) = crate::validate::validate(&source, &doc, &crate::validate::Options::default());
        match mixin {
            Some(mixin) => Ok(Contract { source, doc, mixin }),
            None => Err(diagnostics.into_iter().filter(Diagnostic::is_error).collect()),
        }
    }

    pub fn path(&self) -> &Path {
        &self.source.path
    }
}

/// Which version a change is shown in: NEW for what is there now, OLD for what was removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Old,
    New,
}

/// A change found, before its place in the file is looked up.
#[derive(Debug, Clone)]
pub(crate) struct Change {
    rule: &'static Rule,
    message: String,
    side: Side,
    at: Anchor,
    label: String,
    also: Vec<(Side, Anchor, String)>,
}

/// A change, classified and placed.
#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: &'static Rule,
    /// Whether NEW's version bump is enough for it.
    pub covered: bool,
    /// Rendered like any diagnostic: an error when the bump does not cover the change, a note when
    /// it does.
    pub diagnostic: Diagnostic,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Unchanged,
    Changed,
    Added,
    Removed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Unchanged => "unchanged",
            Status::Changed => "changed",
            Status::Added => "added",
            Status::Removed => "removed",
        }
    }
}

/// One contract (a mixin by `mixin_name`, a node by `node_name`) in both versions.
#[derive(Debug, Clone)]
pub struct ContractReport {
    pub name: String,
    /// A mixin or a node contract.
    pub kind: ContractKind,
    pub status: Status,
    pub old: Option<(PathBuf, Version)>,
    pub new: Option<(PathBuf, Version)>,
    pub findings: Vec<Finding>,
    /// The largest bump any change needs.
    pub required: Bump,
    /// What NEW's version did (`None` for an added or removed contract).
    pub actual: Option<Actual>,
    /// The smallest version that covers the changes (when NEW's does not).
    pub suggested: Option<Version>,
    /// Set when the bump is too small or the version went down.
    pub verdict: Option<Diagnostic>,
}

impl ContractReport {
    pub fn ok(&self) -> bool {
        self.verdict.is_none()
    }

    /// Every diagnostic: the findings, then the verdict.
    pub fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.findings.iter().map(|f| &f.diagnostic).chain(&self.verdict)
    }
}

/// The whole comparison.
#[derive(Debug, Clone)]
pub struct Report {
    /// The mixins, then the node contracts, each sorted by name.
    pub contracts: Vec<ContractReport>,
    /// The text of every file compared, by the path diagnostics name (a git revision's files are
    /// not on disk).
    texts: HashMap<PathBuf, String>,
}

impl Report {
    /// No contract's version is too small or lower than before.
    pub fn ok(&self) -> bool {
        self.contracts.iter().all(ContractReport::ok)
    }

    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        self.contracts.iter().flat_map(|c| c.diagnostics().cloned()).collect()
    }

    /// Every diagnostic, rustc-style, with source lines from the compared texts.
    pub fn render(&self, style: Style) -> String {
        render_all_with(&self.diagnostics(), style, &|path: &Path| self.texts.get(path).cloned())
    }

    /// One line per contract that is not unchanged, then the summary line.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        for c in &self.contracts {
            let version = |v: &Option<(PathBuf, Version)>| v.as_ref().map(|(_, v)| v.to_string()).unwrap_or_default();
            // `node api_client_effect`: a node's name says what it is; a mixin's starts with `mixin_`.
            let name = match c.kind {
                ContractKind::Mixin => c.name.clone(),
                ContractKind::Node => format!("node {}", c.name),
            };
            let line = match c.status {
                Status::Unchanged if c.ok() => continue,
                Status::Added => format!("added {name} {}", version(&c.new)),
                Status::Removed => format!("removed {name} {}", version(&c.old)),
                Status::Unchanged | Status::Changed => {
                    let verdict = match (&c.verdict, c.actual) {
                        (None, _) => "ok".to_string(),
                        (Some(_), Some(Actual::Lowered)) => "the version went down".to_string(),
                        (Some(_), _) => match c.suggested {
                            Some(v) => format!("bump too small (needs {v})"),
                            None => "bump too small".to_string(),
                        },
                    };
                    format!(
                        "{} {} {} -> {}: needs {}, {}",
                        c.status.as_str(),
                        name,
                        version(&c.old),
                        version(&c.new),
                        c.required,
                        verdict
                    )
                }
            };
            out.push_str(&line);
            out.push('\n');
        }
        let count = |s: Status| self.contracts.iter().filter(|c| c.status == s).count();
        let failed = self.contracts.iter().filter(|c| !c.ok()).count();
        let head = if failed == 0 { "ok" } else { "error" };
        out.push_str(&format!(
            "{head}: {} contracts: {} unchanged, {} changed, {} added, {} removed; {failed} with a version that does not cover its changes\n",
            self.contracts.len(),
            count(Status::Unchanged),
            count(Status::Changed),
            count(Status::Added),
            count(Status::Removed),
        ));
        out
    }

    /// The report for tools (`--format json`).
    pub fn json(&self) -> String {
        json::report(self)
    }
}

/// Compares two sets of mixin contracts, matched by `mixin_name`. Two contracts of one side with
/// the same name cannot be matched: that is an error (E0111), as it is for generation.
pub fn compare(old: &[Contract], new: &[Contract]) -> Result<Report, Vec<Diagnostic>> {
    compare_all((old, &[]), (new, &[]))
}

/// Compares two sets of mixins and node contracts: mixins matched by `mixin_name`, nodes by
/// `node_name` (E0111, E0313 when a side has two of one name). Node contracts come from
/// [`check_nodes`].
pub fn compare_all(
    (old, old_nodes): (&[Contract], &[NodeContract]),
    (new, new_nodes): (&[Contract], &[NodeContract]),
) -> Result<Report, Vec<Diagnostic>> {
    let mut problems = duplicates(old);
    problems.extend(duplicates(new));
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut texts = HashMap::new();
    for source in old.iter().chain(new).map(|c| &c.source).chain(old_nodes.iter().chain(new_nodes).map(|n| &n.source)) {
        texts.insert(source.path.clone(), source.text.clone());
    }
    let mut names: Vec<&str> = old.iter().chain(new).map(|c| c.mixin.name.as_str()).collect();
    names.sort();
    names.dedup();
    let mut contracts: Vec<ContractReport> = names
        .into_iter()
        .map(|name| {
            let o = old.iter().find(|c| c.mixin.name == name);
            let n = new.iter().find(|c| c.mixin.name == name);
            pair(name, (o, n), View::mixin, compare::changes)
        })
        .collect();
    let mut nodes: Vec<&str> = old_nodes.iter().chain(new_nodes).map(|c| c.node.name.as_str()).collect();
    nodes.sort();
    nodes.dedup();
    contracts.extend(nodes.into_iter().map(|name| {
        let o = old_nodes.iter().find(|c| c.node.name == name);
        let n = new_nodes.iter().find(|c| c.node.name == name);
        pair(name, (o, n), View::node, node::changes)
    }));
    Ok(Report { contracts, texts })
}

/// What the report needs of a contract of either kind.
#[derive(Debug, Clone, Copy)]
pub(crate) struct View<'a> {
    source: &'a Source,
    doc: &'a Yaml,
    kind: ContractKind,
    name: &'a str,
    version: Version,
}

impl<'a> View<'a> {
    fn mixin(c: &'a Contract) -> View<'a> {
        View {
            source: &c.source,
            doc: &c.doc,
            kind: ContractKind::Mixin,
            name: &c.mixin.name,
            version: c.mixin.version,
        }
    }

    fn node(c: &'a NodeContract) -> View<'a> {
        View { source: &c.source, doc: &c.doc, kind: ContractKind::Node, name: &c.node.name, version: c.node.version }
    }

    fn path(&self) -> &'a Path {
        &self.source.path
    }

    fn name_key(&self) -> &'static str {
        match self.kind {
            ContractKind::Mixin => "mixin_name",
            ContractKind::Node => "node_name",
        }
    }

    /// `mixin_version`, or a node's `version`.
    fn version_key(&self) -> &'static str {
        match self.kind {
            ContractKind::Mixin => "mixin_version",
            ContractKind::Node => "version",
        }
    }

    /// Whether the version is written `"1.0.0"` rather than `{major: 1, minor: 0, patch: 0}`.
    fn version_is_string(&self) -> bool {
        matches!(self.doc.get(self.version_key()), Some(Yaml::Str(_)))
    }
}

fn duplicates(side: &[Contract]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, c) in side.iter().enumerate() {
        if let Some(first) = side[..i].iter().find(|f| f.mixin.name == c.mixin.name) {
            let name_at = |c: &Contract| locate(&c.source.text, &Anchor::value(&[Seg::key("mixin_name")]));
            let mut d =
                Diagnostic::error("E0111", c.path(), format!("mixin_name `{}` is used by two contracts", c.mixin.name))
                    .with_help("every mixin needs its own mixin_name: the diff matches contracts by it")
                    .with_secondary(Label {
                        file: first.path().to_path_buf(),
                        location: name_at(first),
                        message: "first used here".into(),
                    });
            d.primary.location = name_at(c);
            d.primary.message = "used again here".into();
            out.push(d);
        }
    }
    out
}

fn locate(text: &str, anchor: &Anchor) -> Option<crate::diagnostics::Location> {
    SpanIndex::build_for(text, [anchor]).find(anchor)
}

/// One contract (a mixin or a node) in both versions; `changes` compares it when both have it.
fn pair<'a, T>(
    name: &str,
    (old_contract, new_contract): (Option<&'a T>, Option<&'a T>),
    view: fn(&'a T) -> View<'a>,
    changes: fn(&T, &T) -> Vec<Change>,
) -> ContractReport {
    let (old, new) = (old_contract.map(view), new_contract.map(view));
    let side = |c: Option<View>| c.map(|c| (c.path().to_path_buf(), c.version));
    let kind = old.or(new).map_or(ContractKind::Mixin, |v| v.kind);
    let mut report = ContractReport {
        name: name.to_string(),
        kind,
        status: Status::Unchanged,
        old: side(old),
        new: side(new),
        findings: Vec::new(),
        required: Bump::None,
        actual: None,
        suggested: None,
        verdict: None,
    };
    let what = match kind {
        ContractKind::Mixin => "contract",
        ContractKind::Node => "node contract",
    };
    match (old_contract, new_contract) {
        (None, Some(n)) => {
            let n = view(n);
            report.status = Status::Added;
            let d =
                Diagnostic::new(Severity::Note, rules::CONTRACT_ADDED.code, n.path(), format!("{what} `{name}` added"))
                    .label(format!("new {what}"))
                    .with_help(rules::CONTRACT_ADDED.reason);
            let location = locate(&n.source.text, &Anchor::value(&[Seg::key(n.name_key())]));
            report.findings.push(Finding {
                rule: &rules::CONTRACT_ADDED,
                covered: true,
                diagnostic: Diagnostic { primary: Label { location, ..d.primary.clone() }, ..d },
            });
        }
        (Some(o), None) => {
            let o = view(o);
            report.status = Status::Removed;
            report.required = Bump::Major;
            let rule = match kind {
                ContractKind::Mixin => &rules::CONTRACT_REMOVED,
                ContractKind::Node => &rules::NODE_REMOVED,
            };
            let d = Diagnostic::warning(rule.code, o.path(), format!("{what} `{name}` removed (major)"))
                .label(format!("no {what} in the new version has this {}", o.name_key()))
                .with_help(format!("breaks {}: {}", who(rule), rule.reason));
            let location = locate(&o.source.text, &Anchor::value(&[Seg::key(o.name_key())]));
            report.findings.push(Finding {
                rule,
                covered: true,
                diagnostic: Diagnostic { primary: Label { location, ..d.primary.clone() }, ..d },
            });
        }
        (Some(old_contract), Some(new_contract)) => {
            let changes = changes(old_contract, new_contract);
            let (o, n) = (view(old_contract), view(new_contract));
            report.status = if changes.is_empty() { Status::Unchanged } else { Status::Changed };
            report.required = changes.iter().map(|c| c.rule.bump).max().unwrap_or(Bump::None);
            let actual = verdict::actual(o.version, n.version);
            report.actual = Some(actual);
            report.findings = place_all(o, n, changes, actual);
            report.verdict = verdict::verdict(o, n, report.required, actual);
            if report.verdict.is_some() && actual != Actual::Lowered {
                report.suggested = Some(verdict::next(o.version, report.required));
            }
        }
        (None, None) => {}
    }
    report
}

/// `nodes implementing the trait and callers of the actions`
fn who(rule: &Rule) -> String {
    let names: Vec<&str> = rule.breaks.iter().map(|w| w.describe()).collect();
    crate::each::and_list(&names, "nothing")
}

/// Looks up every change's place (one targeted pass per file) and makes its diagnostic.
fn place_all(old: View, new: View, changes: Vec<Change>, actual: Actual) -> Vec<Finding> {
    let anchors = |side: Side| -> Vec<&Anchor> {
        changes
            .iter()
            .flat_map(|c| std::iter::once((c.side, &c.at)).chain(c.also.iter().map(|(s, a, _)| (*s, a))))
            .filter(|(s, _)| *s == side)
            .map(|(_, a)| a)
            .collect()
    };
    let old_index = SpanIndex::build_for(&old.source.text, anchors(Side::Old));
    let new_index = SpanIndex::build_for(&new.source.text, anchors(Side::New));
    let label = |side: Side, at: &Anchor, message: String| {
        let (contract, index) = match side {
            Side::Old => (old, &old_index),
            Side::New => (new, &new_index),
        };
        Label { file: contract.path().to_path_buf(), location: index.find(at), message }
    };
    changes
        .iter()
        .map(|c| {
            let covered = verdict::covers(actual, c.rule.bump);
            let severity = if covered { Severity::Note } else { Severity::Error };
            let help = match c.rule.bump {
                Bump::Major => format!("breaks {}: {}", who(c.rule), c.rule.reason),
                Bump::Minor => format!("compatible: {}", c.rule.reason),
                Bump::Patch | Bump::None => c.rule.reason.to_string(),
            };
            let mut d = Diagnostic::new(severity, c.rule.code, new.path(), format!("{} ({})", c.message, c.rule.bump))
                .with_help(help);
            d.primary = label(c.side, &c.at, c.label.clone());
            for (side, at, message) in &c.also {
                d.secondary.push(label(*side, at, message.clone()));
            }
            Finding { rule: c.rule, covered, diagnostic: d }
        })
        .collect()
}
