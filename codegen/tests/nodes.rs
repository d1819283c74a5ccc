//! Node contracts and what mixins give them: every node diagnostic (code, severity, message, line
//! and column, help), following subcontracts, and `Configuration`. Codes are listed in
//! docs/diagnostics.md.

#[path = "support/corpus_nodes.rs"]
mod corpus_nodes;

use mixin_codegen::diagnostics::{Diagnostic, Severity, Style};
use mixin_codegen::{Builder, ValidationReport};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A fresh folder under the system temp folder, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!("mixin-nodes-{}-{name}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create temp folder");
        TempDir(dir)
    }

    fn write(&self, file: &str, text: &str) -> PathBuf {
        let path = self.0.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).expect("write contract");
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn render(d: &Diagnostic) -> String {
    d.render(&|p| std::fs::read_to_string(p).ok(), Style::Plain)
}

fn render_all(ds: &[Diagnostic]) -> String {
    ds.iter().map(render).collect::<Vec<_>>().join("\n")
}

fn validate(builder: Builder) -> ValidationReport {
    builder
        .emit_rerun_directives(false)
        .validate()
        .unwrap_or_else(|e| panic!("validate failed instead of reporting: {e}"))
}

/// A small valid mixin that applies to COMPUTE and EFFECT.
const MIXIN: &str = r#"mixin_name: "mixin_example"
mixin_version: {major: 1, minor: 0, patch: 0}
description: "An example mixin"
applicable_node_types: ["COMPUTE", "EFFECT"]
actions:
  - name: "do_it"
    description: "Does it"
    inputs: [{name: "what", type: "string"}]
    outputs: [{name: "done", type: "boolean"}]
    required: true
    timeout_ms: 100
example_config:
  retries: 3
"#;

// ---------------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------------

#[test]
fn e0190_an_output_model_named_configuration() {
    let dir = TempDir::new("configuration-clash");
    let text = format!("{MIXIN}output_models:\n  configuration:\n    x: \"string\"\n");
    let file = dir.write("mixin_example.yaml", &text);
    let report = validate(Builder::new().input(&file));
    assert_eq!(report.diagnostics.len(), 1, "{}", render_all(&report.diagnostics));
    let d = &report.diagnostics[0];
    assert_eq!((d.code, d.severity), ("E0190", Severity::Error), "{}", render(d));
    assert!(d.message.contains("`Configuration`") && d.message.contains("output model `configuration`"), "{d}");
    let at = d.primary.location.expect("a location");
    assert_eq!((at.line, at.column), (15, 3), "{}", render(d));
    assert_eq!(d.primary.file, file);
}

// ---------------------------------------------------------------------------------------------
// Node contracts
// ---------------------------------------------------------------------------------------------

/// A valid node using `mixin_example.yaml` beside it; `{..}` parts are replaced by tests.
const NODE: &str = r#"node_name: "example_compute"
node_type: "COMPUTE"
version: "1.0.0"
description: "An example node"
subcontracts:
  - path: "mixin_example.yaml"
    integration_field: "example_configuration"
"#;

/// A folder with the example mixin and `files`, validated together (the folder is the input).
fn folder(name: &str, files: &[(&str, &str)]) -> (TempDir, ValidationReport) {
    let dir = TempDir::new(name);
    dir.write("mixin_example.yaml", MIXIN);
    for (file, text) in files {
        dir.write(file, text);
    }
    let report = validate(Builder::new().input(&dir.0));
    (dir, report)
}

/// The one diagnostic of the report, which must have `code`, at `line:column`, in `file`.
fn only(
    report: &ValidationReport,
    code: &str,
    severity: Severity,
    at: (usize, usize),
    file: &std::path::Path,
) -> Diagnostic {
    let ds: Vec<&Diagnostic> = report.diagnostics.iter().filter(|d| d.severity != Severity::Note).collect();
    assert_eq!(ds.len(), 1, "{}", render_all(&report.diagnostics));
    let d = ds[0].clone();
    assert_eq!((d.code, d.severity), (code, severity), "{}", render(&d));
    let loc = d.primary.location.unwrap_or_else(|| panic!("no location: {}", render(&d)));
    assert_eq!((loc.line, loc.column), at, "{}", render(&d));
    assert_eq!(d.primary.file, file, "{}", render(&d));
    d
}

fn help(d: &Diagnostic) -> &str {
    d.help.as_deref().unwrap_or_default()
}

#[test]
fn a_valid_node_and_its_mixin_validate_with_nothing_to_say() {
    let (_dir, report) = folder("valid", &[("example_compute.yaml", NODE)]);
    let problems: Vec<&Diagnostic> = report.diagnostics.iter().filter(|d| d.severity != Severity::Note).collect();
    assert!(problems.is_empty(), "{}", render_all(&report.diagnostics));
    assert_eq!(report.files.len(), 1, "the mixin");
    assert_eq!(report.nodes, ["example_compute"]);
}

#[test]
fn e0300_node_name_missing_or_not_snake_case() {
    let text = NODE.replacen("node_name: \"example_compute\"\n", "", 1);
    let (dir, report) = folder("e0300-missing", &[("n.yaml", &text)]);
    let d = only(&report, "E0300", Severity::Error, (1, 1), &dir.0.join("n.yaml"));
    assert_eq!(d.message, "node contract is missing the required key `node_name`");
    assert!(help(&d).contains("node_name: \"api_client_effect\""), "{}", render(&d));

    let text = NODE.replacen("\"example_compute\"", "\"Example Compute\"", 1);
    let (dir, report) = folder("e0300-case", &[("n.yaml", &text)]);
    let d = only(&report, "E0300", Severity::Error, (1, 12), &dir.0.join("n.yaml"));
    assert!(d.message.contains("node_name `Example Compute` must be lowercase snake_case"), "{}", render(&d));
    assert_eq!(help(&d), "write `node_name: \"example_compute\"`");

    let text = NODE.replacen("node_name:", "node_nme:", 1);
    let (dir, report) = folder("e0300-misspelt", &[("n.yaml", &text)]);
    let d = only(&report, "E0300", Severity::Error, (1, 1), &dir.0.join("n.yaml"));
    assert_eq!(d.message, "unknown key `node_nme`; the node contract's required key `node_name` is missing");
    assert_eq!(help(&d), "rename `node_nme` to `node_name`");
}

#[test]
fn e0301_node_type_unknown_with_did_you_mean() {
    let text = NODE.replacen("\"COMPUTE\"", "\"COMPUT\"", 1);
    let (dir, report) = folder("e0301", &[("n.yaml", &text)]);
    let d = only(&report, "E0301", Severity::Error, (2, 12), &dir.0.join("n.yaml"));
    assert_eq!(d.message, "unknown node_type `COMPUT`");
    assert!(help(&d).starts_with("did you mean `COMPUTE`?"), "{}", render(&d));

    let text = NODE.replacen("node_type: \"COMPUTE\"\n", "", 1);
    let (dir, report) = folder("e0301-missing", &[("n.yaml", &text)]);
    let d = only(&report, "E0301", Severity::Error, (1, 1), &dir.0.join("n.yaml"));
    assert_eq!(d.message, "node contract is missing the required key `node_type`");
}

#[test]
fn e0302_version_malformed() {
    for (version, found) in
        [("\"1.0\"", "the string \"1.0\""), ("{major: 1, minor: 0}", "a mapping"), ("[1, 0, 0]", "a list")]
    {
        let text = NODE.replacen("\"1.0.0\"", version, 1);
        let (dir, report) = folder("e0302", &[("n.yaml", &text)]);
        let d = only(&report, "E0302", Severity::Error, (3, 10), &dir.0.join("n.yaml"));
        assert!(
            d.message.starts_with("version must be \"MAJOR.MINOR.PATCH\" or {major, minor, patch}"),
            "{}",
            render(&d)
        );
        assert!(d.message.contains(found), "{version}: {}", render(&d));
        assert!(help(&d).contains("version: {major: 1, minor: 0, patch: 0}"), "{}", render(&d));
    }
    // Both spellings are versions.
    let text = NODE.replacen("\"1.0.0\"", "{major: 2, minor: 1, patch: 3}", 1);
    let (_dir, report) = folder("e0302-map", &[("n.yaml", &text)]);
    assert!(!report.diagnostics.iter().any(Diagnostic::is_error), "{}", render_all(&report.diagnostics));
}

#[test]
fn e0303_description_not_a_string() {
    let text = NODE.replacen("\"An example node\"", "[a, b]", 1);
    let (dir, report) = folder("e0303", &[("n.yaml", &text)]);
    let d = only(&report, "E0303", Severity::Error, (4, 14), &dir.0.join("n.yaml"));
    assert_eq!(d.message, "`description` must be a string, found a list");
}

#[test]
fn e0304_subcontracts_missing_or_not_a_list() {
    let text = NODE.split("subcontracts:").next().unwrap().to_string();
    let (dir, report) = folder("e0304-missing", &[("n.yaml", &text)]);
    let d = only(&report, "E0304", Severity::Error, (1, 1), &dir.0.join("n.yaml"));
    assert_eq!(d.message, "node contract is missing the required key `subcontracts`");

    let text = format!("{text}subcontracts: \"mixin_example.yaml\"\n");
    let (dir, report) = folder("e0304-string", &[("n.yaml", &text)]);
    let d = only(&report, "E0304", Severity::Error, (5, 15), &dir.0.join("n.yaml"));
    assert_eq!(d.message, "`subcontracts` must be a list, found a string");

    let text = NODE.replacen("subcontracts:", "subcontract:", 1);
    let (dir, report) = folder("e0304-misspelt", &[("n.yaml", &text)]);
    let d = only(&report, "E0304", Severity::Error, (5, 1), &dir.0.join("n.yaml"));
    assert_eq!(help(&d), "rename `subcontract` to `subcontracts`");
}

#[test]
fn e0305_subcontract_entry_not_a_mapping() {
    let text = NODE.replacen("subcontracts:\n", "subcontracts:\n  - \"mixin_example.yaml\"\n", 1);
    let (dir, report) = folder("e0305", &[("n.yaml", &text)]);
    let d = only(&report, "E0305", Severity::Error, (6, 5), &dir.0.join("n.yaml"));
    assert_eq!(d.message, "each entry of `subcontracts` must be a mapping, found a string");
}

#[test]
fn e0306_subcontract_path_or_field_missing_misspelt_or_not_a_string() {
    let text = NODE.replacen("  - path:", "  - pth:", 1);
    let (dir, report) = folder("e0306-misspelt", &[("n.yaml", &text)]);
    let d = only(&report, "E0306", Severity::Error, (6, 5), &dir.0.join("n.yaml"));
    assert_eq!(d.message, "unknown key `pth` in a subcontract; the required key `path` is missing");
    assert_eq!(help(&d), "rename `pth` to `path`");

    let text = NODE.replacen("    integration_field: \"example_configuration\"\n", "", 1);
    let (dir, report) = folder("e0306-missing", &[("n.yaml", &text)]);
    let d = only(&report, "E0306", Severity::Error, (6, 5), &dir.0.join("n.yaml"));
    assert_eq!(d.message, "subcontract is missing the required key `integration_field`");

    let text = NODE.replacen("\"mixin_example.yaml\"", "42", 1);
    let (dir, report) = folder("e0306-type", &[("n.yaml", &text)]);
    let d = only(&report, "E0306", Severity::Error, (6, 11), &dir.0.join("n.yaml"));
    assert_eq!(d.message, "`path` of a subcontract must be a non-empty string, found an integer");
}

#[test]
fn e0307_integration_field_not_a_safe_identifier() {
    for (field, hint) in [("Error-Handling_configuration", "error_handling_configuration"), ("type", "")] {
        let text = NODE.replacen("\"example_configuration\"", &format!("\"{field}\""), 1);
        let (dir, report) = folder("e0307", &[("n.yaml", &text)]);
        let d = only(&report, "E0307", Severity::Error, (7, 24), &dir.0.join("n.yaml"));
        assert_eq!(d.message, format!("integration_field `{field}` is not a safe Rust field name"));
        if !hint.is_empty() {
            assert_eq!(help(&d), format!("write `integration_field: \"{hint}\"`"));
        } else {
            assert!(help(&d).contains("not a Rust keyword"), "{}", render(&d));
        }
    }
}

#[test]
fn e0308_subcontract_path_missing_or_not_a_file() {
    let text = NODE.replacen("\"mixin_example.yaml\"", "\"mixins/mixin_gone.yaml\"", 1);
    let (dir, report) = folder("e0308", &[("n.yaml", &text)]);
    let d = only(&report, "E0308", Severity::Error, (6, 11), &dir.0.join("n.yaml"));
    assert!(d.message.starts_with("subcontract path `mixins/mixin_gone.yaml` does not exist"), "{}", render(&d));
    assert!(help(&d).contains("relative to the folder of this node contract"), "{}", render(&d));

    let dir = TempDir::new("e0308-folder");
    dir.write("mixin_example.yaml", MIXIN);
    std::fs::create_dir_all(dir.0.join("sub")).unwrap();
    let node = dir.write("n.yaml", &NODE.replacen("\"mixin_example.yaml\"", "\"sub\"", 1));
    let report = validate(Builder::new().input(&node));
    let d = only(&report, "E0308", Severity::Error, (6, 11), &node);
    assert!(d.message.starts_with("subcontract path `sub` is a folder, not a file"), "{}", render(&d));
}

#[test]
fn e0309_target_not_a_mixin_contract_says_what_it_looks_like() {
    let other = NODE.replacen("example_compute", "other_compute", 1);
    let text = NODE.replacen("\"mixin_example.yaml\"", "\"other.yaml\"", 1);
    let dir = TempDir::new("e0309-node");
    dir.write("other.yaml", &other.replacen("\"mixin_example.yaml\"", "\"missing.yaml\"", 1));
    let node = dir.write("n.yaml", &text);
    // Only the node is an input: the other node contract is reached through the path alone.
    let report = validate(Builder::new().input(&node));
    let d = only(&report, "E0309", Severity::Error, (6, 11), &node);
    assert_eq!(
        d.message,
        "subcontract path `other.yaml` leads to a node contract (it has `node_name`/`node_type`), not a mixin contract"
    );

    let dir = TempDir::new("e0309-subcontract");
    let corpus =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus/other-formats/health_check_subcontract.yaml");
    dir.write("health.yaml", &std::fs::read_to_string(corpus).unwrap());
    let node = dir.write("n.yaml", &NODE.replacen("\"mixin_example.yaml\"", "\"health.yaml\"", 1));
    let report = validate(Builder::new().input(&node));
    let d = only(&report, "E0309", Severity::Error, (6, 11), &node);
    assert!(
        d.message
            .contains("leads to a subcontract of the later format (`contract_type: \"health_check_subcontract\"`)"),
        "{}",
        render(&d)
    );
}

#[test]
fn e0310_mixin_not_applicable_to_the_node_type() {
    let text = NODE.replacen("\"COMPUTE\"", "\"REDUCER\"", 1);
    let (dir, report) = folder("e0310", &[("n.yaml", &text)]);
    let d = only(&report, "E0310", Severity::Error, (6, 11), &dir.0.join("n.yaml"));
    assert_eq!(d.message, "`mixin_example` does not apply to REDUCER nodes; it applies to COMPUTE, EFFECT");
}

#[test]
fn e0311_integration_field_used_twice_points_at_both() {
    let second = MIXIN.replacen("mixin_example", "mixin_second", 1).replacen("example_config", "second_config", 1);
    let text = format!("{NODE}  - path: \"mixin_second.yaml\"\n    integration_field: \"example_configuration\"\n");
    let (dir, report) = folder("e0311", &[("mixin_second.yaml", &second), ("n.yaml", &text)]);
    let d = only(&report, "E0311", Severity::Error, (9, 24), &dir.0.join("n.yaml"));
    assert_eq!(d.message, "integration_field `example_configuration` is used twice");
    let first = d.secondary[0].location.expect("the first use");
    assert_eq!((first.line, first.column, d.secondary[0].message.as_str()), (7, 24, "first used here"));
}

#[test]
fn e0312_same_mixin_listed_twice() {
    let text = format!("{NODE}  - path: \"./mixin_example.yaml\"\n    integration_field: \"again_configuration\"\n");
    let (dir, report) = folder("e0312", &[("n.yaml", &text)]);
    let d = only(&report, "E0312", Severity::Error, (8, 11), &dir.0.join("n.yaml"));
    assert_eq!(d.message, "`mixin_example` is listed twice in this node");
    let first = d.secondary[0].location.expect("the first entry");
    assert_eq!((first.line, first.column), (6, 11));
}

#[test]
fn e0313_two_nodes_with_one_name() {
    let (dir, report) = folder("e0313", &[("a.yaml", NODE), ("b.yaml", NODE)]);
    let d = only(&report, "E0313", Severity::Error, (1, 12), &dir.0.join("b.yaml"));
    assert_eq!(d.message, "node_name `example_compute` is used by two node contracts");
    assert_eq!(d.secondary[0].file, dir.0.join("a.yaml"));
    let first = d.secondary[0].location.expect("the first use");
    assert_eq!((first.line, first.column), (1, 12));
}

#[test]
fn w0314_integration_field_not_ending_in_configuration() {
    let text = NODE.replacen("\"example_configuration\"", "\"example_config\"", 1);
    let (dir, report) = folder("w0314", &[("n.yaml", &text)]);
    let d = only(&report, "W0314", Severity::Warning, (7, 24), &dir.0.join("n.yaml"));
    assert_eq!(d.message, "integration_field `example_config` does not end in `_configuration`");
    assert_eq!(help(&d), "name it after the mixin, such as `example_configuration`");
}

#[test]
fn e0315_a_mixin_module_named_nodes_beside_node_contracts() {
    let nodes_mixin = MIXIN.replacen("mixin_example", "mixin_nodes", 1).replacen("example_config", "nodes_config", 1);
    let (dir, report) = folder("e0315", &[("mixin_nodes.yaml", &nodes_mixin), ("n.yaml", NODE)]);
    let d = only(&report, "E0315", Severity::Error, (1, 13), &dir.0.join("mixin_nodes.yaml"));
    assert!(d.message.contains("would become the module `nodes`"), "{}", render(&d));
}

#[test]
fn every_problem_of_a_node_at_once() {
    let text = "node_name: \"Bad Name\"\nnode_type: \"EFECT\"\nversion: 1\ndescription: \"x\"\nsubcontracts:\n  - \"x\"\n  - pth: \"a.yaml\"\n    integration_field: \"type\"\n";
    let (_dir, report) = folder("all-at-once", &[("n.yaml", text)]);
    let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["E0300", "E0301", "E0302", "E0305", "E0306", "E0307"], "{}", render_all(&report.diagnostics));
}

#[test]
fn a_broken_referenced_mixin_reports_in_its_own_file_only() {
    let dir = TempDir::new("broken-mixin");
    let broken = dir.write("mixin_example.yaml", &MIXIN.replacen("timeout_ms: 100", "timeout_ms: \"soon\"", 1));
    let node = dir.write("n.yaml", NODE);
    let report = validate(Builder::new().input(&node));
    assert!(!report.diagnostics.is_empty());
    assert!(report.diagnostics.iter().all(|d| d.primary.file == broken), "{}", render_all(&report.diagnostics));
    assert!(report.diagnostics.iter().any(Diagnostic::is_error));
}

#[test]
fn a_mixin_reached_through_a_node_is_generated_once_even_when_reached_twice() {
    let dir = TempDir::new("reached");
    dir.write("mixins/mixin_example.yaml", MIXIN);
    let path = "\"../mixins/mixin_example.yaml\"";
    dir.write("nodes/a.yaml", &NODE.replacen("\"mixin_example.yaml\"", path, 1));
    dir.write(
        "nodes/b.yaml",
        &NODE.replacen("example_compute", "other_effect", 1).replacen("\"COMPUTE\"", "\"EFFECT\"", 1).replacen(
            "\"mixin_example.yaml\"",
            path,
            1,
        ),
    );
    let out = dir.0.join("out");
    // Only the nodes are inputs; then the mixin too: the same output.
    let report =
        Builder::new().input(dir.0.join("nodes")).out_dir(&out).emit_rerun_directives(false).generate().unwrap();
    assert_eq!(report.mixins, ["mixin_example"]);
    assert_eq!(report.nodes, ["example_compute", "other_effect"]);
    let mut files: Vec<String> =
        std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    files.sort();
    assert_eq!(files, ["example.rs", "mixins.rs", "nodes"]);
    let root = std::fs::read_to_string(out.join("mixins.rs")).unwrap();
    assert_eq!(root.matches("pub mod example {").count(), 1);
    // cargo watches the mixin reached through the nodes, as it is reached.
    let mut watched = report.watched.clone();
    watched.sort();
    let nodes = dir.0.join("nodes");
    assert_eq!(
        watched,
        [nodes.clone(), nodes.join("../mixins/mixin_example.yaml"), nodes.join("a.yaml"), nodes.join("b.yaml")]
    );
    let report = Builder::new()
        .input(dir.0.join("mixins"))
        .input(dir.0.join("nodes"))
        .out_dir(&out)
        .emit_rerun_directives(false)
        .generate()
        .unwrap();
    assert_eq!(report.files_written, 0, "the same files");
}

#[test]
fn corpus_nodes_each_unresolved_path_is_one_error_at_its_line() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus/nodes");
    let report = validate(Builder::new().input(&corpus));
    let found: Vec<(String, &str, usize, usize)> = report
        .diagnostics
        .iter()
        .map(|d| {
            let at = d.primary.location.expect("a location");
            (d.primary.file.file_name().unwrap().to_string_lossy().into_owned(), d.code, at.line, at.column)
        })
        .collect();
    let compute = "canary_compute.contract.yaml".to_string();
    let reducer = "canary_reducer.contract.yaml".to_string();
    let expected: Vec<(String, &str, usize, usize)> = [161, 163, 165, 167, 169]
        .map(|l| (compute.clone(), "E0308", l, 11))
        .into_iter()
        .chain([257, 259, 261, 263, 265, 267].map(|l| (reducer.clone(), "E0308", l, 11)))
        .collect();
    assert_eq!(found, expected, "{}", render_all(&report.diagnostics));
    assert!(report.diagnostics[0].message.contains("`../../mixins/mixin_error_handling.yaml` does not exist"));
}

#[test]
fn corpus_nodes_own_content_is_accepted_when_their_paths_resolve() {
    let dir = TempDir::new("corpus-resolved");
    let mixins = Path::new(env!("CARGO_MANIFEST_DIR")).join("../mixins");
    let nodes = corpus_nodes::write(&dir.0, &mixins);
    let report = validate(Builder::new().inputs(&nodes));
    let said: Vec<&Diagnostic> = report.diagnostics.iter().filter(|d| nodes.contains(&d.primary.file)).collect();
    assert!(said.is_empty(), "{}", said.iter().map(|d| render(d)).collect::<Vec<_>>().join("\n"));
    assert!(!report.diagnostics.iter().any(Diagnostic::is_error));
    assert_eq!(report.nodes, ["canary_compute", "canary_reducer"]);
}

#[test]
fn the_project_holds_every_mixin_and_every_node_resolved() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    // Only the nodes: the mixins they list come with them.
    let report = Builder::new().input(root.join("nodes")).emit_rerun_directives(false).project().unwrap();
    let project = &report.project;
    let mixins: Vec<&str> = project.mixins.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(
        mixins,
        ["mixin_error_handling", "mixin_event_handling", "mixin_health_check", "mixin_performance_monitoring"]
    );
    let nodes: Vec<&str> = project.nodes.iter().map(|n| n.name.as_str()).collect();
    assert_eq!(nodes, ["api_client_effect", "data_processor_compute"]);
    let compute = &project.nodes[1];
    assert_eq!(compute.contract_name.name, "DataProcessorComputeContract");
    assert_eq!(compute.trait_name.name, "DataProcessorComputeNode");
    for sub in &compute.subcontracts {
        let mixin =
            project.mixins.iter().find(|m| m.name == sub.mixin.name).expect("resolved to a mixin of the project");
        assert_eq!(mixin.module, sub.mixin.module);
        assert!(sub.field.name.ends_with("_configuration"));
    }
    // An error anywhere is no project.
    let dir = TempDir::new("project-error");
    dir.write("n.yaml", NODE);
    let err = Builder::new().input(&dir.0).emit_rerun_directives(false).project().unwrap_err();
    assert_eq!(err.diagnostics()[0].code, "E0308", "{err}");
}

#[test]
fn the_module_of_a_node_that_is_gone_is_stale_and_removed() {
    let dir = TempDir::new("gone");
    dir.write("c/mixin_example.yaml", MIXIN);
    let node = dir.write("c/n.yaml", NODE);
    let out = dir.0.join("out");
    let build = || Builder::new().input(dir.0.join("c")).out_dir(&out).emit_rerun_directives(false);
    build().generate().unwrap();
    assert!(out.join("nodes/example_compute.rs").is_file());
    std::fs::remove_file(node).unwrap();
    let stale: Vec<PathBuf> = build().check().unwrap().stale.into_iter().map(|f| f.path).collect();
    assert!(stale.contains(&out.join("nodes/example_compute.rs")), "{stale:?}");
    let report = build().generate().unwrap();
    assert_eq!(report.files_removed, [out.join("nodes/example_compute.rs")]);
    assert!(build().check().unwrap().stale.is_empty());
}

#[test]
fn a_nodes_own_diagnostics_and_its_subcontracts_come_in_file_order() {
    let text =
        NODE.replacen("\"mixin_example.yaml\"", "\"gone.yaml\"", 1).replacen("example_configuration", "example", 1);
    let (_dir, report) = folder("order", &[("n.yaml", &text)]);
    let found: Vec<(&str, usize)> =
        report.diagnostics.iter().map(|d| (d.code, d.primary.location.map_or(0, |l| l.line))).collect();
    assert_eq!(found, [("E0308", 6), ("W0314", 7)], "{}", render_all(&report.diagnostics));
}

/// Every node contract here (the example nodes, the corpus's), with each line deleted, duplicated,
/// or the file cut after it: never a panic, and a node comes out of validation exactly when no
/// error does (nothing is silently dropped).
#[test]
fn mutated_node_contracts_never_panic_and_never_vanish() {
    use mixin_codegen::validate::node::{self, ContractKind};
    use mixin_codegen::{load::Source, parse};
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let files = [
        root.join("nodes/api_client_effect/v1_0_0/contract.yaml"),
        root.join("nodes/data_processor_compute/v1_0_0/contract.yaml"),
        root.join("tests/corpus/nodes/canary_compute.contract.yaml"),
        root.join("tests/corpus/nodes/canary_reducer.contract.yaml"),
    ];
    let mut checked = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for i in 0..lines.len() {
            let deleted = [&lines[..i], &lines[i + 1..]].concat().join("\n");
            let duplicated = [&lines[..=i], &lines[i..]].concat().join("\n");
            let cut = lines[..=i].join("\n");
            for variant in [deleted, duplicated, cut] {
                let source = Source { path: file.clone(), text: variant };
                let Ok(doc) = parse::parse(&source) else { continue };
                if node::kind(&doc) != ContractKind::Node {
                    continue;
                }
                let (draft, diagnostics) = node::validate(&source, &doc, &Default::default());
                let errors = diagnostics.iter().any(Diagnostic::is_error);
                assert_eq!(draft.is_some(), !errors, "{}\n{}", source.text, render_all(&diagnostics));
                for d in &diagnostics {
                    let _ = d.render(&|_| Some(source.text.clone()), Style::Plain);
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 500, "{checked} variants checked");
}

#[test]
fn e0190_a_node_section_named_like_its_dispatch_type() {
    // The node's `Request` routes calls to its mixins: a data section may not take the name.
    let text = format!("{NODE}request:\n  retries: 2\n");
    let (dir, report) = folder("e0190-request", &[("n.yaml", &text)]);
    let d = only(&report, "E0190", Severity::Error, (8, 1), &dir.0.join("n.yaml"));
    assert!(d.message.contains("the generated dispatch type `Request`"), "{}", render(&d));
}

#[test]
fn e0316_two_mixins_that_give_one_variant() {
    let a = MIXIN.replacen("mixin_example", "mixin_cache_v2", 1).replacen("example_config", "cache_v2_config", 1);
    let b = MIXIN.replacen("mixin_example", "mixin_cache_v_2", 1).replacen("example_config", "cache_v_2_config", 1);
    let text = NODE.replacen("mixin_example.yaml", "mixin_cache_v2.yaml", 1).replacen(
        "example_configuration",
        "cache_v2_configuration",
        1,
    ) + "  - path: \"mixin_cache_v_2.yaml\"\n    integration_field: \"cache_v_2_configuration\"\n";
    let (dir, report) =
        folder("e0316", &[("mixin_cache_v2.yaml", &a), ("mixin_cache_v_2.yaml", &b), ("n.yaml", &text)]);
    let d = only(&report, "E0316", Severity::Error, (8, 11), &dir.0.join("n.yaml"));
    assert_eq!(
        d.message,
        "`mixin_cache_v2` and `mixin_cache_v_2` both become the variant `CacheV2` of this node's `Request` and `Response`"
    );
    assert!(help(&d).contains("`cache_v2`, `cache_v_2`"), "{}", render(&d));
    let first = d.secondary[0].location.expect("the first entry");
    assert_eq!((first.line, first.column, d.secondary[0].message.as_str()), (6, 11, "`mixin_cache_v2` listed here"));
}
