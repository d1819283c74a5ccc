//! Node contracts and what mixins give them: every node diagnostic (code, severity, message, line
//! and column, help), following subcontracts, and `Configuration`. Codes are listed in
//! docs/diagnostics.md.

use mixin_codegen::diagnostics::{Diagnostic, Severity, Style};
use mixin_codegen::{Builder, ValidationReport};
use std::path::PathBuf;
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
