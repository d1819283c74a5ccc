//! The breaking-change check: one pair of contracts per rule (tests/support/pairs.rs), each with
//! its code, message, place and bump; the verdict on versions; matching, added and removed
//! contracts; the JSON report; and docs/breaking-changes.md listing every rule.
#![cfg(feature = "diff")]

#[path = "support/node_pairs.rs"]
mod node_pairs;
#[path = "support/pairs.rs"]
mod pairs;

use mixin_codegen::diagnostics::Style;
use mixin_codegen::diff::{self, rules, Actual, Bump, Contract, ContractKind, Found, NodeContract, Status};
use mixin_codegen::load::Source;
use mixin_codegen::Severity;
use node_pairs::{NodePair, MIXINS, NODE, NODE_FILE, NODE_PAIRS};
use pairs::{Pair, BASE, PAIRS};
use std::path::{Path, PathBuf};

fn contract(path: &str, text: &str) -> Contract {
    Contract::check(Source { path: path.into(), text: text.into() })
        .unwrap_or_else(|d| panic!("{path} is not valid: {d:#?}\n{text}"))
}

fn versioned(text: &str, (major, minor, patch): (u64, u64, u64)) -> String {
    let from = "mixin_version: {major: 1, minor: 0, patch: 0}";
    assert!(text.contains(from));
    text.replacen(from, &format!("mixin_version: {{major: {major}, minor: {minor}, patch: {patch}}}"), 1)
}

const OLD: &str = "old/mixin_base.yaml";
const NEW: &str = "new/mixin_base.yaml";

fn one(old: &str, new: &str) -> diff::ContractReport {
    let report = diff::compare(&[contract(OLD, old)], &[contract(NEW, new)]).unwrap();
    assert_eq!(report.contracts.len(), 1);
    report.contracts.into_iter().next().unwrap()
}

/// The version that makes exactly `bump` after 1.0.0, and the one just below it.
fn versions(bump: Bump) -> ((u64, u64, u64), (u64, u64, u64)) {
    match bump {
        Bump::Major => ((2, 0, 0), (1, 1, 0)),
        Bump::Minor => ((1, 1, 0), (1, 0, 1)),
        Bump::Patch | Bump::None => ((1, 0, 1), (1, 0, 0)),
    }
}

fn check_pair(pair: &Pair) -> Result<(), String> {
    let rule = rules::by_code(pair.code).ok_or("no such rule")?;
    let new_text = pair.new_text(None);
    let old_text = pair.old_text(None);
    let c = one(&old_text, &new_text);
    let codes: Vec<&str> = c.findings.iter().map(|f| f.rule.code).collect();
    // Reshaping `Configuration` comes with the section that reshapes it.
    let expected: &[&str] = if pair.code == "B0508" { &["B0501", "B0508"] } else { &[pair.code] };
    if codes != expected {
        return Err(format!(
            "findings {codes:?}: {:#?}",
            c.findings.iter().map(|f| &f.diagnostic.message).collect::<Vec<_>>()
        ));
    }
    let f = c.findings.iter().find(|f| f.rule.code == pair.code).unwrap();
    let d = &f.diagnostic;
    let expected_end = format!(" ({})", rule.bump);
    if !d.message.starts_with(pair.message) || !d.message.ends_with(&expected_end) {
        return Err(format!("message `{}`, expected `{}...{expected_end}`", d.message, pair.message));
    }
    let file = if pair.at.new { NEW } else { OLD };
    let line = pair.line(&old_text, &new_text);
    let found = (d.primary.file.as_path(), d.primary.location.map(|l| l.line));
    if found != (Path::new(file), Some(line)) {
        return Err(format!("at {found:?}, expected {file}:{line}"));
    }
    let help = d.help.as_deref().unwrap_or_default();
    if !help.contains(rule.reason) {
        return Err(format!("help `{help}` does not give the rule's reason"));
    }
    if c.status != Status::Changed || c.required != rule.bump {
        return Err(format!("status {:?}, required {:?}", c.status, c.required));
    }
    // The same version: any change needs at least a patch.
    if d.severity != Severity::Error || c.verdict.as_ref().map(|v| v.code) != Some(rules::BUMP_TOO_SMALL) || c.ok() {
        return Err(format!("unchanged version accepted: {:?} {:?}", d.severity, c.verdict));
    }
    let (enough, too_small) = versions(rule.bump);
    let ok = one(&old_text, &versioned(&new_text, enough));
    if !ok.ok() || ok.findings.iter().any(|f| f.diagnostic.severity != Severity::Note || !f.covered) {
        return Err(format!("{enough:?} does not cover it: {:?}", ok.verdict));
    }
    let small = one(&old_text, &versioned(&new_text, too_small));
    let small_finding = small.findings.iter().find(|f| f.rule.code == pair.code).unwrap();
    if small.ok() || small_finding.covered {
        return Err(format!("{too_small:?} covers it"));
    }
    let suggested = small.suggested.map(|v| (v.major, v.minor, v.patch));
    if suggested != Some(enough) {
        return Err(format!("suggested {suggested:?}, expected {enough:?}"));
    }
    Ok(())
}

#[test]
fn each_rule_pair_gives_its_code_message_place_and_bump() {
    let failures: Vec<String> =
        PAIRS.iter().filter_map(|p| check_pair(p).err().map(|e| format!("{}: {e}", p.code))).collect();
    assert!(failures.is_empty(), "{} of {} pairs failed:\n{}", failures.len(), PAIRS.len(), failures.join("\n"));
}

#[test]
fn every_rule_has_a_pair() {
    // Added and removed contracts are pairs of sets, tested below.
    let set_rules = [rules::CONTRACT_ADDED.code, rules::CONTRACT_REMOVED.code, rules::NODE_REMOVED.code];
    // B10xx are about node contracts: their pairs are pairs of nodes.
    let node_rule = |code: &str| code.starts_with("B10");
    for rule in rules::ALL {
        let pairs = PAIRS.iter().filter(|p| p.code == rule.code).count();
        let expected = usize::from(!set_rules.contains(&rule.code) && !node_rule(rule.code));
        assert_eq!(pairs, expected, "rule {} ({}) has {pairs} pairs", rule.code, rule.id);
        let node_pairs = NODE_PAIRS.iter().filter(|p| p.code == rule.code).count();
        if node_rule(rule.code) {
            let expected = usize::from(!set_rules.contains(&rule.code));
            assert_eq!(node_pairs, expected, "node rule {} ({}) has {node_pairs} node pairs", rule.code, rule.id);
        }
    }
    for code in PAIRS.iter().map(|p| p.code).chain(NODE_PAIRS.iter().map(|p| p.code)) {
        assert!(rules::by_code(code).is_some(), "pair for unknown rule {code}");
    }
    for pair in NODE_PAIRS {
        assert!(NODE_PAIRS.iter().filter(|p| p.code == pair.code).count() == 1, "two node pairs for {}", pair.code);
    }
}

#[test]
fn an_unchanged_contract_needs_nothing_and_a_bump_without_changes_is_fine() {
    let c = one(BASE, BASE);
    assert_eq!((c.status, c.required, c.findings.len()), (Status::Unchanged, Bump::None, 0));
    assert!(c.ok());
    let c = one(BASE, &versioned(BASE, (1, 0, 1)));
    assert_eq!(c.status, Status::Unchanged);
    assert_eq!(c.actual, Some(Actual::Bumped(Bump::Patch)));
    assert!(c.ok());
}

#[test]
fn a_lower_version_is_an_error_at_the_new_version() {
    let new = versioned(BASE, (0, 9, 0));
    let c = one(BASE, &new);
    assert_eq!(c.actual, Some(Actual::Lowered));
    let v = c.verdict.as_ref().expect("a verdict");
    assert_eq!(v.code, rules::VERSION_LOWERED);
    assert_eq!(v.message, "mixin_version of `mixin_base` went down from 1.0.0 to 0.9.0");
    assert_eq!(v.primary.file, Path::new(NEW));
    assert_eq!(v.primary.location.map(|l| (l.line, l.column)), Some((2, 1)));
    assert_eq!(v.secondary[0].file, Path::new(OLD));
    assert!(!c.ok());
    // Lower is lower, even with every change covered by the part that went up.
    let c = one(&versioned(BASE, (2, 3, 0)), &versioned(&PAIRS[0].new_text(None), (1, 9, 0)));
    assert_eq!(c.verdict.map(|v| v.code), Some(rules::VERSION_LOWERED));
}

#[test]
fn the_verdict_names_the_bump_needed_and_the_version_to_write() {
    let removal = PAIRS.iter().find(|p| p.code == "B0103").unwrap();
    let c = one(BASE, &versioned(&removal.new_text(None), (1, 1, 0)));
    let v = c.verdict.expect("too small");
    assert_eq!(v.code, rules::BUMP_TOO_SMALL);
    assert_eq!(v.message, "`mixin_base` went from 1.0.0 to 1.1.0, a minor bump, but the changes need a major bump");
    assert_eq!(v.primary.message, "needs 2.0.0 or later");
    assert_eq!(
        v.help.as_deref(),
        Some("write `mixin_version: {major: 2, minor: 0, patch: 0}`, or undo the changes that need more")
    );
    let c = one(BASE, &PAIRS[0].new_text(None));
    let v = c.verdict.expect("unchanged version");
    assert_eq!(v.message, "`mixin_base` changed but mixin_version is still 1.0.0: the changes need a patch bump");
}

#[test]
fn several_changes_need_the_largest_bump_and_each_is_covered_or_not() {
    let edits = [PAIRS.iter().find(|p| p.code == "B0101").unwrap(), PAIRS.iter().find(|p| p.code == "B0507").unwrap()];
    let mut text = BASE.to_string();
    for pair in edits {
        for (from, to) in pair.edits {
            text = text.replacen(from, to, 1);
        }
    }
    let c = one(BASE, &versioned(&text, (1, 0, 1)));
    assert_eq!(c.required, Bump::Minor);
    let covered: Vec<(&str, bool)> = c.findings.iter().map(|f| (f.rule.code, f.covered)).collect();
    assert_eq!(covered, [("B0101", false), ("B0507", true)]);
    assert_eq!(c.suggested.map(|v| v.to_string()).as_deref(), Some("1.1.0"));
}

#[test]
fn contracts_are_matched_by_name_and_added_or_removed_ones_reported() {
    let other = BASE.replacen("mixin_name: \"mixin_base\"", "mixin_name: \"mixin_other\"", 1);
    // File names do not matter: only mixin_name does.
    let old = [contract("old/a.yaml", BASE)];
    let new = [contract("new/z.yaml", BASE), contract("new/b.yaml", &other)];
    let report = diff::compare(&old, &new).unwrap();
    let statuses: Vec<(&str, Status)> = report.contracts.iter().map(|c| (c.name.as_str(), c.status)).collect();
    assert_eq!(statuses, [("mixin_base", Status::Unchanged), ("mixin_other", Status::Added)]);
    let added = &report.contracts[1].findings[0].diagnostic;
    assert_eq!(
        (added.code, added.severity, added.message.as_str()),
        ("B0001", Severity::Note, "contract `mixin_other` added")
    );
    assert_eq!(
        (added.primary.file.as_path(), added.primary.location.map(|l| l.line)),
        (Path::new("new/b.yaml"), Some(1))
    );
    assert!(report.ok());

    let report = diff::compare(&new, &old).unwrap();
    let removed = &report.contracts[1];
    assert_eq!((removed.status, removed.required), (Status::Removed, Bump::Major));
    let d = &removed.findings[0].diagnostic;
    assert_eq!(
        (d.code, d.severity, d.message.as_str()),
        ("B0002", Severity::Warning, "contract `mixin_other` removed (major)")
    );
    assert_eq!(d.primary.file, Path::new("new/b.yaml"));
    assert!(d
        .help
        .as_deref()
        .unwrap()
        .starts_with("breaks nodes implementing the trait, callers of the actions and nodes using the mixin"));
    // No version can say a contract is gone: a warning, not a failed verdict.
    assert!(report.ok());
}

#[test]
fn two_contracts_with_one_name_cannot_be_matched() {
    let new = [contract("new/a.yaml", BASE), contract("new/b.yaml", BASE)];
    let problems = diff::compare(&[contract(OLD, BASE)], &new).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].code, "E0111");
    assert_eq!(problems[0].primary.file, Path::new("new/b.yaml"));
    assert_eq!(problems[0].secondary[0].file, Path::new("new/a.yaml"));
}

#[test]
fn findings_render_like_rustc_with_both_files() {
    let rename = PAIRS.iter().find(|p| p.code == "B0104").unwrap();
    let report = diff::compare(&[contract(OLD, BASE)], &[contract(NEW, &rename.new_text(None))]).unwrap();
    let text = report.render(Style::Plain);
    let expected = "\
error[B0104]: action `inspect` renamed to `peek` (major)
  --> new/mixin_base.yaml:18:11
   |
18 |   - name: \"peek\"
   |           ^^^^^^ new name
  ::: old/mixin_base.yaml:18:11
   |
18 |   - name: \"inspect\"
   |           --------- was `inspect`
   = help: breaks nodes implementing the trait and callers of the actions: a rename is a removal plus an addition: the old method name is gone from the trait
";
    assert!(text.starts_with(expected), "{text}");
    assert!(text.contains("error[B0011]: `mixin_base` changed but mixin_version is still 1.0.0"), "{text}");
    let summary = report.summary();
    assert_eq!(
        summary,
        "changed mixin_base 1.0.0 -> 1.0.0: needs major, bump too small (needs 2.0.0)\n\
         error: 1 contracts: 0 unchanged, 1 changed, 0 added, 0 removed; 1 with a version that does not cover its changes\n"
    );
}

#[test]
fn the_json_report_has_every_finding_with_its_place() {
    let removal = PAIRS.iter().find(|p| p.code == "B0103").unwrap();
    let report =
        diff::compare(&[contract(OLD, BASE)], &[contract(NEW, &versioned(&removal.new_text(None), (1, 1, 0)))])
            .unwrap();
    let json: serde_json::Value = serde_json::from_str(&report.json()).expect("valid JSON");
    assert_eq!(json["ok"], false);
    assert_eq!(json["summary"]["failed"], 1);
    let c = &json["contracts"][0];
    assert_eq!(c["name"], "mixin_base");
    assert_eq!(c["status"], "changed");
    assert_eq!(c["old"]["version"], "1.0.0");
    assert_eq!(c["new"]["version"], "1.1.0");
    assert_eq!(c["required"], "major");
    assert_eq!(c["actual"], "minor");
    assert_eq!(c["suggested"], "2.0.0");
    let change = &c["changes"][0];
    assert_eq!(change["code"], "B0103");
    assert_eq!(change["rule"], "action-removed");
    assert_eq!(change["bump"], "major");
    assert_eq!(change["breaks"], serde_json::json!(["implementers", "callers"]));
    assert_eq!(change["covered"], false);
    assert_eq!(change["message"], "action `inspect` removed (major)");
    assert_eq!(change["file"], OLD);
    assert_eq!(change["line"], 18);
    assert_eq!(change["column"], 11);
    assert_eq!(c["verdict"]["code"], "B0011");
    assert_eq!(c["verdict"]["line"], 2);
}

#[test]
fn nested_and_list_changes_point_at_the_nested_key() {
    // A typed input with a nested object: the field inside it, not the input.
    let with_nested = BASE.replacen(
        "inputs: [{name: \"key\", type: \"string\"}]",
        "inputs:\n      - name: \"key\"\n        type:\n          type: \"object\"\n          properties:\n            id: \"string\"",
        1,
    );
    let changed = with_nested.replacen(
        "            id: \"string\"",
        "            id: \"string\"\n            scope: \"string\"",
        1,
    );
    let c = one(&with_nested, &changed);
    let d = &c.findings[0].diagnostic;
    assert_eq!(d.code, "B0201");
    assert_eq!(d.message, "input `key.scope` added to action `inspect` (major)");
    assert_eq!(d.primary.location.map(|l| l.line), changed.lines().position(|l| l.contains("scope")).map(|i| i + 1));
}

#[test]
fn a_typed_input_description_change_is_a_patch_at_the_input() {
    let with = |d: &str| {
        BASE.replacen(
            "{name: \"key\", type: \"string\"}",
            &format!("{{name: \"key\", type: \"string\", description: \"{d}\"}}"),
            1,
        )
    };
    let c = one(&with("The key"), &with("The key to inspect"));
    let d = &c.findings[0].diagnostic;
    assert_eq!(
        (d.code, d.message.as_str()),
        ("B0003", "description of input `key` of action `inspect` changed (patch)")
    );
    assert_eq!(d.primary.location.map(|l| l.line), Some(20));
    assert_eq!(c.findings.len(), 1);
}

#[test]
fn the_docs_list_every_rule_with_its_bump() {
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/breaking-changes.md")).unwrap();
    for rule in rules::ALL {
        let row = format!("| {} | `{}` | {} |", rule.code, rule.id, rule.bump);
        assert!(doc.contains(&row), "docs/breaking-changes.md has no row starting `{row}`");
    }
    for code in [rules::VERSION_LOWERED, rules::BUMP_TOO_SMALL] {
        assert!(doc.contains(&format!("| {code} |")), "docs/breaking-changes.md does not list {code}");
    }
}

// ---------------------------------------------------------------------------------------------
// Node contracts: matched by node_name, checked with the mixins they list
// ---------------------------------------------------------------------------------------------

/// `a/b/../c` is `a/c`.
fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out: Vec<Component> = Vec::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.last(), Some(Component::Normal(_))) => {
                out.pop();
            }
            _ => out.push(c),
        }
    }
    out.iter().collect()
}

/// The side's mixins, by their paths: what a subcontract path leads to.
fn among(mixins: &[Contract]) -> impl FnMut(&Path, &str) -> Found + '_ {
    move |node: &Path, written: &str| {
        let path = normalize(&node.parent().unwrap().join(written));
        match mixins.iter().find(|c| c.path() == path) {
            Some(c) => Found::Known(c.path().to_path_buf()),
            None => Found::Missing(path),
        }
    }
}

/// One side's folder: the three mixins and the nodes `(file, text)`.
fn node_side(side: &str, nodes: &[(&str, &str)]) -> (Vec<Contract>, Vec<NodeContract>) {
    let mixins: Vec<Contract> = MIXINS.iter().map(|(file, text)| contract(&format!("{side}/{file}"), text)).collect();
    let sources = nodes
        .iter()
        .map(|(file, text)| Source { path: format!("{side}/{file}").into(), text: text.to_string() })
        .collect();
    let nodes = diff::check_nodes(&mixins, sources, &mut among(&mixins))
        .unwrap_or_else(|d| panic!("{side}: nodes are not valid: {d:#?}"));
    (mixins, nodes)
}

fn node_report(old: &[(&str, &str)], new: &[(&str, &str)]) -> diff::Report {
    let (old_mixins, old_nodes) = node_side("old", old);
    let (new_mixins, new_nodes) = node_side("new", new);
    diff::compare_all((&old_mixins, &old_nodes), (&new_mixins, &new_nodes)).unwrap()
}

/// The node's report (the mixins, the same on both sides, are unchanged).
fn one_node(old: &str, new: &str) -> diff::ContractReport {
    let report = node_report(&[(NODE_FILE, old)], &[(NODE_FILE, new)]);
    let kinds: Vec<(&str, ContractKind, Status)> =
        report.contracts.iter().map(|c| (c.name.as_str(), c.kind, c.status)).collect();
    assert_eq!(
        kinds[..3],
        [
            ("mixin_alpha", ContractKind::Mixin, Status::Unchanged),
            ("mixin_beta", ContractKind::Mixin, Status::Unchanged),
            ("mixin_gamma", ContractKind::Mixin, Status::Unchanged),
        ]
    );
    assert_eq!(report.contracts.len(), 4);
    report.contracts.into_iter().nth(3).unwrap()
}

fn check_node_pair(pair: &NodePair) -> Result<(), String> {
    let rule = rules::by_code(pair.code).ok_or("no such rule")?;
    let new_text = pair.new_text();
    let c = one_node(NODE, &new_text);
    if (c.name.as_str(), c.kind) != ("base_node", ContractKind::Node) {
        return Err(format!("report for {} {:?}", c.name, c.kind));
    }
    let codes: Vec<&str> = c.findings.iter().map(|f| f.rule.code).collect();
    if codes != [pair.code] {
        return Err(format!(
            "findings {codes:?}: {:#?}",
            c.findings.iter().map(|f| &f.diagnostic.message).collect::<Vec<_>>()
        ));
    }
    let d = &c.findings[0].diagnostic;
    let expected_end = format!(" ({})", rule.bump);
    if !d.message.starts_with(pair.message) || !d.message.ends_with(&expected_end) {
        return Err(format!("message `{}`, expected `{}...{expected_end}`", d.message, pair.message));
    }
    let file = format!("{}/{NODE_FILE}", if pair.at.new { "new" } else { "old" });
    let line = pair.line(&new_text);
    let found = (d.primary.file.as_path(), d.primary.location.map(|l| l.line));
    if found != (Path::new(&file), Some(line)) {
        return Err(format!("at {found:?}, expected {file}:{line}"));
    }
    let help = d.help.as_deref().unwrap_or_default();
    if !help.contains(rule.reason) {
        return Err(format!("help `{help}` does not give the rule's reason"));
    }
    if c.status != Status::Changed || c.required != rule.bump {
        return Err(format!("status {:?}, required {:?}", c.status, c.required));
    }
    // The same version: any change needs at least a patch.
    if d.severity != Severity::Error || c.verdict.as_ref().map(|v| v.code) != Some(rules::BUMP_TOO_SMALL) || c.ok() {
        return Err(format!("unchanged version accepted: {:?} {:?}", d.severity, c.verdict));
    }
    let (enough, too_small) = versions(rule.bump);
    let ok = one_node(NODE, &node_pairs::versioned(&new_text, enough));
    if !ok.ok() || ok.findings.iter().any(|f| f.diagnostic.severity != Severity::Note || !f.covered) {
        return Err(format!("{enough:?} does not cover it: {:?}", ok.verdict));
    }
    let small = one_node(NODE, &node_pairs::versioned(&new_text, too_small));
    if small.ok() || small.findings[0].covered {
        return Err(format!("{too_small:?} covers it"));
    }
    let suggested = small.suggested.map(|v| (v.major, v.minor, v.patch));
    if suggested != Some(enough) {
        return Err(format!("suggested {suggested:?}, expected {enough:?}"));
    }
    Ok(())
}

#[test]
fn each_node_rule_pair_gives_its_code_message_place_and_bump() {
    let failures: Vec<String> =
        NODE_PAIRS.iter().filter_map(|p| check_node_pair(p).err().map(|e| format!("{}: {e}", p.code))).collect();
    assert!(
        failures.is_empty(),
        "{} of {} node pairs failed:\n{}",
        failures.len(),
        NODE_PAIRS.len(),
        failures.join("\n")
    );
}

#[test]
fn an_unchanged_node_needs_nothing_and_the_mixins_files_do_not_matter() {
    let c = one_node(NODE, NODE);
    assert_eq!((c.status, c.required, c.findings.len()), (Status::Unchanged, Bump::None, 0));
    assert!(c.ok());
    let c = one_node(NODE, &node_pairs::versioned(NODE, (1, 0, 1)));
    assert_eq!((c.status, c.actual), (Status::Unchanged, Some(Actual::Bumped(Bump::Patch))));
    assert!(c.ok());
}

#[test]
fn a_node_version_that_is_too_small_or_lower_fails_at_its_version_line() {
    let removal = NODE_PAIRS.iter().find(|p| p.code == "B1003").unwrap();
    let c = one_node(NODE, &node_pairs::versioned(&removal.new_text(), (1, 1, 0)));
    let v = c.verdict.as_ref().expect("too small");
    assert_eq!(v.code, rules::BUMP_TOO_SMALL);
    assert_eq!(v.message, "`base_node` went from 1.0.0 to 1.1.0, a minor bump, but the changes need a major bump");
    assert_eq!(v.primary.message, "needs 2.0.0 or later");
    // Written as NEW writes its version: a string here.
    assert_eq!(v.help.as_deref(), Some("write `version: \"2.0.0\"`, or undo the changes that need more"));
    assert_eq!(
        (v.primary.file.as_path(), v.primary.location.map(|l| (l.line, l.column))),
        (Path::new("new/nodes/base_node/v1_0_0/contract.yaml"), Some((3, 1)))
    );
    assert_eq!(v.secondary[0].file, Path::new("old/nodes/base_node/v1_0_0/contract.yaml"));
    assert_eq!(c.suggested.map(|v| v.to_string()).as_deref(), Some("2.0.0"));

    let description = NODE_PAIRS.iter().find(|p| p.code == "B0003").unwrap();
    let c = one_node(NODE, &description.new_text());
    let v = c.verdict.as_ref().expect("unchanged version");
    assert_eq!(v.message, "`base_node` changed but version is still 1.0.0: the changes need a patch bump");

    // The other way of writing a version.
    let map = removal.new_text().replacen("version: \"1.0.0\"", "version: {major: 1, minor: 0, patch: 0}", 1);
    let c = one_node(NODE, &map);
    assert_eq!(
        c.verdict.and_then(|v| v.help).as_deref(),
        Some("write `version: {major: 2, minor: 0, patch: 0}`, or undo the changes that need more")
    );

    let c = one_node(&node_pairs::versioned(NODE, (1, 2, 0)), NODE);
    assert_eq!(c.actual, Some(Actual::Lowered));
    assert!(!c.ok());
    let v = c.verdict.expect("lowered");
    assert_eq!(v.code, rules::VERSION_LOWERED);
    assert_eq!(v.message, "version of `base_node` went down from 1.2.0 to 1.0.0");
}

#[test]
fn nodes_are_matched_by_node_name_and_added_or_removed_ones_reported() {
    let other = NODE.replacen("node_name: \"base_node\"", "node_name: \"other_node\"", 1);
    // File names do not matter: only node_name does.
    let report = node_report(
        &[(NODE_FILE, NODE)],
        &[("nodes/moved/v1_0_0/contract.yaml", NODE), ("nodes/other/v1_0_0/contract.yaml", &other)],
    );
    let statuses: Vec<(&str, ContractKind, Status)> =
        report.contracts.iter().skip(3).map(|c| (c.name.as_str(), c.kind, c.status)).collect();
    assert_eq!(
        statuses,
        [("base_node", ContractKind::Node, Status::Unchanged), ("other_node", ContractKind::Node, Status::Added)]
    );
    let added = &report.contracts[4].findings[0].diagnostic;
    assert_eq!(
        (added.code, added.severity, added.message.as_str(), added.primary.message.as_str()),
        ("B0001", Severity::Note, "node contract `other_node` added", "new node contract")
    );
    assert_eq!(
        (added.primary.file.as_path(), added.primary.location.map(|l| (l.line, l.column))),
        (Path::new("new/nodes/other/v1_0_0/contract.yaml"), Some((1, 12)))
    );
    assert!(report.ok());
    assert!(report.summary().starts_with("added node other_node 1.0.0\nok: 5 contracts:"), "{}", report.summary());

    let report = node_report(&[(NODE_FILE, NODE), ("nodes/other/v1_0_0/contract.yaml", &other)], &[(NODE_FILE, NODE)]);
    let removed = &report.contracts[4];
    assert_eq!((removed.kind, removed.status, removed.required), (ContractKind::Node, Status::Removed, Bump::Major));
    let d = &removed.findings[0].diagnostic;
    assert_eq!(
        (d.code, d.severity, d.message.as_str(), d.primary.message.as_str()),
        (
            "B1001",
            Severity::Warning,
            "node contract `other_node` removed (major)",
            "no node contract in the new version has this node_name"
        )
    );
    assert_eq!(d.primary.file, Path::new("old/nodes/other/v1_0_0/contract.yaml"));
    assert!(d.help.as_deref().unwrap().starts_with(
        "breaks nodes implementing the trait, callers of the actions and configuration override files: the module `crate::nodes::<node_name>` is gone"
    ));
    // As for a mixin: no version of a file that is gone can say so.
    assert!(report.ok());
    assert_eq!(
        report.summary(),
        "removed node other_node 1.0.0\n\
         ok: 5 contracts: 4 unchanged, 0 changed, 0 added, 1 removed; 0 with a version that does not cover its changes\n"
    );
}

#[test]
fn a_mixin_and_a_node_of_one_name_are_two_contracts() {
    let named = NODE.replacen("node_name: \"base_node\"", "node_name: \"mixin_alpha\"", 1);
    let report = node_report(&[(NODE_FILE, &named)], &[(NODE_FILE, &named)]);
    let kinds: Vec<(&str, ContractKind)> = report.contracts.iter().map(|c| (c.name.as_str(), c.kind)).collect();
    assert_eq!(kinds.iter().filter(|(n, _)| *n == "mixin_alpha").count(), 2, "{kinds:?}");
    assert_eq!(kinds.last(), Some(&("mixin_alpha", ContractKind::Node)));
    assert!(report.contracts.iter().all(|c| c.status == Status::Unchanged));
}

#[test]
fn node_changes_render_like_rustc_and_the_summary_names_the_node() {
    let rename = NODE_PAIRS.iter().find(|p| p.code == "B1004").unwrap();
    let report = node_report(&[(NODE_FILE, NODE)], &[(NODE_FILE, &rename.new_text())]);
    let text = report.render(Style::Plain);
    let expected = "\
error[B1004]: integration_field of `mixin_alpha` renamed from `alpha_configuration` to `first_configuration` (major)
 --> new/nodes/base_node/v1_0_0/contract.yaml:7:24
  |
7 |     integration_field: \"first_configuration\"
  |                        ^^^^^^^^^^^^^^^^^^^^^ new name
 ::: old/nodes/base_node/v1_0_0/contract.yaml:7:24
  |
7 |     integration_field: \"alpha_configuration\"
  |                        --------------------- was `alpha_configuration`
  = help: breaks configuration override files: the contract struct's field is renamed";
    assert!(text.starts_with(expected), "{text}");
    assert!(text.contains("error[B0011]: `base_node` changed but version is still 1.0.0: the changes need a major bump\n --> new/nodes/base_node/v1_0_0/contract.yaml:3:1\n"), "{text}");
    assert_eq!(
        report.summary(),
        "changed node base_node 1.0.0 -> 1.0.0: needs major, bump too small (needs 2.0.0)\n\
         error: 4 contracts: 3 unchanged, 1 changed, 0 added, 0 removed; 1 with a version that does not cover its changes\n"
    );
}

#[test]
fn the_json_report_says_which_contracts_are_nodes() {
    let added = NODE_PAIRS.iter().find(|p| p.code == "B1002").unwrap();
    let report =
        node_report(&[(NODE_FILE, NODE)], &[(NODE_FILE, &node_pairs::versioned(&added.new_text(), (1, 1, 0)))]);
    let json: serde_json::Value = serde_json::from_str(&report.json()).expect("valid JSON");
    assert_eq!(json["ok"], false);
    assert_eq!(json["contracts"][0]["kind"], "mixin");
    let c = &json["contracts"][3];
    assert_eq!((c["name"].as_str(), c["kind"].as_str()), (Some("base_node"), Some("node")));
    assert_eq!(
        (c["required"].as_str(), c["actual"].as_str(), c["suggested"].as_str()),
        (Some("major"), Some("minor"), Some("2.0.0"))
    );
    let change = &c["changes"][0];
    assert_eq!(change["code"], "B1002");
    assert_eq!(change["rule"], "subcontract-added");
    assert_eq!(change["breaks"], serde_json::json!(["implementers"]));
    assert_eq!(change["covered"], false);
    assert_eq!(change["file"], "new/nodes/base_node/v1_0_0/contract.yaml");
    assert_eq!(change["line"], 10);
    assert_eq!(c["verdict"]["code"], "B0011");
    assert_eq!(c["verdict"]["line"], 3);
}

#[test]
fn invalid_nodes_are_refused_with_their_errors() {
    let mixins: Vec<Contract> = MIXINS.iter().map(|(file, text)| contract(&format!("new/{file}"), text)).collect();
    let source = |text: &str| Source { path: format!("new/{NODE_FILE}").into(), text: text.into() };
    // A path that leads nowhere.
    let missing = NODE.replacen("mixin_beta.yaml", "mixin_zeta.yaml", 1);
    let problems = diff::check_nodes(&mixins, vec![source(&missing)], &mut among(&mixins)).unwrap_err();
    let codes: Vec<&str> = problems.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["E0308"]);
    assert_eq!(problems[0].primary.location.map(|l| l.line), Some(8));
    // A mixin that does not apply to the node's type.
    let reducer = NODE.replacen("node_type: \"COMPUTE\"", "node_type: \"REDUCER\"", 1);
    let problems = diff::check_nodes(&mixins, vec![source(&reducer)], &mut among(&mixins)).unwrap_err();
    assert_eq!(problems.iter().map(|d| d.code).collect::<Vec<_>>(), ["E0310", "E0310"]);
    // Two nodes of one name on one side.
    let sources =
        vec![source(NODE), Source { path: "new/nodes/again.yaml".into(), text: NODE.replace("../../../", "../") }];
    let problems = diff::check_nodes(&mixins, sources, &mut among(&mixins)).unwrap_err();
    assert_eq!(problems.iter().map(|d| d.code).collect::<Vec<_>>(), ["E0313"]);
    assert_eq!(problems[0].primary.file, Path::new("new/nodes/again.yaml"));
}

#[test]
fn a_mixin_outside_the_compared_folders_is_read_for_the_node_only() {
    // Only the node is compared; the mixins it lists are read through `find`.
    let read = |side: &'static str| {
        move |node: &Path, written: &str| {
            let path = normalize(&node.parent().unwrap().join(written));
            let file = path.strip_prefix(side).unwrap().to_string_lossy().into_owned();
            match MIXINS.iter().find(|(f, _)| *f == file) {
                Some((_, text)) => Found::Source(Source { path: path.clone(), text: text.to_string() }),
                None => Found::Missing(path),
            }
        }
    };
    let node = |side: &'static str, text: &str| {
        let source = Source { path: format!("{side}/{NODE_FILE}").into(), text: text.into() };
        diff::check_nodes(&[], vec![source], &mut read(side)).unwrap()
    };
    let added = NODE_PAIRS.iter().find(|p| p.code == "B1002").unwrap();
    let report = diff::compare_all((&[], &node("old", NODE)), (&[], &node("new", &added.new_text()))).unwrap();
    assert_eq!(report.contracts.len(), 1);
    assert_eq!(report.contracts[0].findings[0].rule.code, "B1002");
}
