//! How action inputs and outputs get their types (README's resolution order): an explicit type,
//! the builder's `.io_type` override, an output model named like it, the output models'
//! same-named field, the fallback; with their diagnostics (N0221, W0223, and W0150/E0101 for the
//! keys of a typed input or output), each checked for message, position and help.

use mixin_codegen::diagnostics::{Diagnostic, Severity, Style};
use mixin_codegen::model::{Mixin, Param, Resolution, TypeRef};
use mixin_codegen::{load, parse, validate, Builder, Error};
use std::path::PathBuf;

/// Line numbers in the tests refer to this contract.
const CONTRACT: &str = r#"mixin_name: "mixin_retry"
mixin_version: {major: 1, minor: 0, patch: 0}
description: "Retries"
applicable_node_types: ["COMPUTE"]
actions:
  - name: "should_retry"
    description: "Decide whether to retry"
    inputs:
      - {name: "error_type", type: "string", description: "The error's class name"}
      - "attempt_number"
      - "operation_context"
      - {name: "deadline", type: "timestamp", optional: true}
    outputs:
      - "retry_decision"
      - "failure_rate"
      - "status"
    required: true
    timeout_ms: 100
output_models:
  retry_decision_result:
    should_retry: "boolean"
  circuit_status:
    failure_rate: "float"
    status: "string"
  health:
    status: "integer"
    checked: {type: "timestamp", optional: true, description: "When it was last checked"}
"#;

fn scratch(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mixin-type-resolution-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("mixin_retry.yaml");
    std::fs::write(&file, text).unwrap();
    file
}

/// The checked model and every diagnostic, with the given `.io_type` overrides.
fn model(name: &str, text: &str, io_types: &[(&str, &str)]) -> (Option<Mixin>, Vec<Diagnostic>) {
    let file = scratch(name, text);
    let source = load::read(&file).unwrap();
    let doc = parse::parse(&source).unwrap();
    let options = validate::Options {
        io_types: io_types.iter().map(|(p, t)| (p.to_string(), t.to_string())).collect(),
        ..validate::Options::default()
    };
    let out = validate::validate(&source, &doc, &options);
    let _ = std::fs::remove_dir_all(file.parent().unwrap());
    out
}

fn param<'a>(mixin: &'a Mixin, name: &str) -> &'a Param {
    let action = &mixin.actions[0];
    action.inputs.iter().chain(&action.outputs).find(|p| p.name == name).unwrap_or_else(|| panic!("no {name}"))
}

fn render(ds: &[Diagnostic]) -> String {
    ds.iter().map(|d| d.render(&|p| std::fs::read_to_string(p).ok(), Style::Plain)).collect::<Vec<_>>().join("\n")
}

fn at(d: &Diagnostic) -> (usize, usize) {
    let loc = d.primary.location.unwrap_or_else(|| panic!("no location: {d}"));
    (loc.line, loc.column)
}

fn only<'a>(ds: &'a [Diagnostic], code: &str) -> &'a Diagnostic {
    let found: Vec<&Diagnostic> = ds.iter().filter(|d| d.code == code).collect();
    assert_eq!(found.len(), 1, "expected one {code}:\n{}", render(ds));
    found[0]
}

#[test]
fn each_rule_in_order() {
    let (mixin, ds) = model("order", CONTRACT, &[("retry.should_retry.attempt_number", "u32")]);
    let mixin = mixin.unwrap_or_else(|| panic!("{}", render(&ds)));
    // 1. explicit, with its description kept.
    let p = param(&mixin, "error_type");
    assert_eq!((&p.ty, &p.resolved_by), (&TypeRef::String, &Resolution::Explicit));
    assert_eq!(p.description, "The error's class name");
    // 2. the override.
    let p = param(&mixin, "attempt_number");
    assert_eq!(p.ty, TypeRef::Custom("u32".into()));
    assert_eq!(p.resolved_by, Resolution::Override("retry.should_retry.attempt_number".into()));
    // 3. the output model named like it plus `_result`.
    assert_eq!(param(&mixin, "retry_decision").resolved_by, Resolution::OutputModel("retry_decision_result".into()));
    // 4. the one model field of that name.
    let p = param(&mixin, "failure_rate");
    assert_eq!(p.ty, TypeRef::Float);
    assert_eq!(p.resolved_by, Resolution::ModelField(vec![("circuit_status".into(), "failure_rate".into())]));
    // 5. `status` is a string in one model and an integer in the other: the fallback.
    assert_eq!(
        (&param(&mixin, "status").ty, &param(&mixin, "status").resolved_by),
        (&TypeRef::Fallback, &Resolution::Fallback)
    );
    assert_eq!(param(&mixin, "operation_context").resolved_by, Resolution::Fallback);
    // Optional inputs and optional model fields.
    assert_eq!(param(&mixin, "deadline").ty, TypeRef::Optional(Box::new(TypeRef::Timestamp)));

    let note = only(&ds, "N0221");
    assert_eq!((note.severity, at(note)), (Severity::Note, (15, 9)));
    assert!(note.message.contains("failure_rate (like `circuit_status.failure_rate`)"), "{}", render(&ds));
    let fallback = only(&ds, "W0220");
    assert!(fallback.message.contains("operation_context, status"), "{}", render(&ds));
    assert_eq!(ds.len(), 2, "{}", render(&ds));
}

#[test]
fn an_override_beats_an_output_model_and_a_model_field() {
    let overrides = [("retry.should_retry.retry_decision", "bool"), ("retry.should_retry.failure_rate", "f32")];
    let (mixin, ds) = model("override", CONTRACT, &overrides);
    let mixin = mixin.unwrap_or_else(|| panic!("{}", render(&ds)));
    assert_eq!(param(&mixin, "retry_decision").ty, TypeRef::Custom("bool".into()));
    assert_eq!(param(&mixin, "failure_rate").ty, TypeRef::Custom("f32".into()));
    assert!(ds.iter().all(|d| d.code != "N0221"), "nothing is typed like a field now:\n{}", render(&ds));
}

#[test]
fn a_disagreement_between_model_fields_is_named_in_the_help() {
    let text = CONTRACT.replace("      - \"failure_rate\"\n", "").replace("      - \"operation_context\"\n", "");
    let (_, ds) = model("disagree", &text, &[]);
    let d = only(&ds, "W0220");
    assert_eq!(at(d), (10, 9), "{}", render(&ds));
    assert!(d.message.contains("attempt_number, status"), "{}", render(&ds));
    let text = text.replace("      - \"attempt_number\"\n", "");
    let (_, ds) = model("disagree-one", &text, &[]);
    let d = only(&ds, "W0220");
    assert!(
        d.help.as_deref().unwrap_or_default().contains("fields named `status` of different types"),
        "{}",
        render(&ds)
    );
}

#[test]
fn w0223_override_of_an_explicit_type_is_ignored() {
    let (mixin, ds) = model("explicit", CONTRACT, &[("retry.should_retry.error_type", "u8")]);
    assert_eq!(param(mixin.as_ref().unwrap(), "error_type").ty, TypeRef::String);
    let d = only(&ds, "W0223");
    assert_eq!((d.severity, at(d)), (Severity::Warning, (9, 36)));
    assert!(d.message.contains("`.io_type(\"retry.should_retry.error_type\", ..)` is ignored"), "{}", render(&ds));
    assert!(d.help.as_deref().unwrap().contains("remove the `.io_type` override"));
}

#[test]
fn w0223_override_that_matches_nothing_has_a_did_you_mean() {
    let (_, ds) = model("typo", CONTRACT, &[("retry.should_retry.attempt_numbr", "u32")]);
    let d = only(&ds, "W0223");
    assert_eq!(at(d), (6, 11), "at the action's name:\n{}", render(&ds));
    assert!(d.message.contains("matches no action input or output"), "{}", render(&ds));
    assert_eq!(d.help.as_deref(), Some("did you mean `retry.should_retry.attempt_number`?"));
    // An action that does not exist: at `actions:`.
    let (_, ds) = model("typo-action", CONTRACT, &[("retry.no_such_action.x", "u32")]);
    let d = only(&ds, "W0223");
    assert_eq!(at(d), (5, 1), "{}", render(&ds));
    assert_eq!(d.help.as_deref(), Some("paths are `retry.<action>.<input or output>`"));
}

#[test]
fn w0223_override_for_a_module_no_contract_generates() {
    let file = scratch("module", CONTRACT);
    let report = Builder::new()
        .input(&file)
        .io_type("rety.should_retry.attempt_number", "u32")
        .emit_rerun_directives(false)
        .validate()
        .unwrap();
    let d = only(&report.diagnostics, "W0223");
    assert!(d.message.contains("names the module `rety`, which no contract here generates"), "{d}");
    assert_eq!(d.help.as_deref(), Some("did you mean `retry`?"));
    let _ = std::fs::remove_dir_all(file.parent().unwrap());
}

#[test]
fn io_type_paths_and_types_are_checked_when_set() {
    let file = scratch("options", CONTRACT);
    let err = Builder::new()
        .input(&file)
        .io_type("retry.should_retry", "u32")
        .io_type("retry.should_retry.attempt_number", "Vec<")
        .validate()
        .unwrap_err();
    let Error::Options(problems) = err else { panic!("expected option errors, got {err}") };
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].contains("`retry.should_retry` is not a `module.action.name` path"), "{problems:?}");
    assert!(problems[1].starts_with("io_type: `Vec<` is not a Rust type"), "{problems:?}");
    let _ = std::fs::remove_dir_all(file.parent().unwrap());
}

#[test]
fn typed_input_keys_are_checked() {
    // A misspelt key is a warning with a did-you-mean, and the rest still counts.
    let text = CONTRACT.replace("description: \"The error's class name\"", "descripton: \"The error's class name\"");
    let (mixin, ds) = model("typo-key", &text, &[]);
    assert!(mixin.is_some(), "{}", render(&ds));
    let d = only(&ds, "W0150");
    assert_eq!(at(d), (9, 46), "{}", render(&ds));
    assert_eq!(d.help.as_deref(), Some("did you mean `description`?"));
    // `optional` must be a boolean.
    let text = CONTRACT.replace("optional: true}", "optional: \"true\"}");
    let (mixin, ds) = model("optional-string", &text, &[]);
    assert!(mixin.is_none());
    let d = only(&ds, "E0101");
    assert_eq!(at(d), (12, 57), "{}", render(&ds));
    assert_eq!(d.help.as_deref(), Some("write `optional: true` without quotes"));
}

#[test]
fn model_field_descriptions_and_optional_fields() {
    let (mixin, ds) = model("model", CONTRACT, &[]);
    let mixin = mixin.unwrap_or_else(|| panic!("{}", render(&ds)));
    let health = mixin
        .types
        .iter()
        .find_map(|d| match d {
            mixin_codegen::model::TypeDef::Struct(s) if s.name.name == "Health" => Some(s),
            _ => None,
        })
        .expect("struct Health");
    let checked = health.fields.iter().find(|f| f.wire == "checked").unwrap();
    assert_eq!(checked.ty, TypeRef::Optional(Box::new(TypeRef::Timestamp)));
    assert_eq!(checked.doc, "When it was last checked");
    // `format` is accepted and said to be ignored.
    let text = CONTRACT.replace("optional: true, description", "format: \"date-time\", description");
    let (_, ds) = model("format", &text, &[]);
    let d = only(&ds, "W0150");
    assert_eq!(at(d), (27, 34), "{}", render(&ds));
    assert!(d.message.contains("`format` in a type is ignored"), "{}", render(&ds));
}

#[cfg(feature = "cli")]
#[test]
fn cli_io_type_sets_the_type() {
    let file = scratch("cli", CONTRACT);
    let out = file.parent().unwrap().join("out");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_mixin-codegen"))
        .args(["generate", file.to_str().unwrap(), "--out", out.to_str().unwrap()])
        .args(["--io-type", "retry.should_retry.attempt_number=std::num::Wrapping<u32>"])
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let code = std::fs::read_to_string(out.join("retry.rs")).unwrap();
    assert!(code.contains("pub attempt_number: std::num::Wrapping<u32>,"), "{code}");
    // `validate` takes it too: the name is no longer untyped.
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_mixin-codegen"))
        .args(["validate", file.to_str().unwrap(), "--io-type", "retry.should_retry.attempt_number=u32"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("names have no declared type and use the fallback type: operation_context, status"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(file.parent().unwrap());
}
