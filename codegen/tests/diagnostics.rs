//! Every diagnostic code, checked through the public API: its severity, the key words of its
//! message, the exact line and column it points at, and its help. Each test starts from a small
//! valid contract (the guide's shape) and breaks one thing.
//!
//! The codes are listed with examples in `docs/diagnostics.md`.

#[path = "support/cpu_time.rs"]
mod cpu_time;

use mixin_codegen::diagnostics::{Diagnostic, Severity, Style};
use mixin_codegen::{Builder, Error, UntypedNames, ValidationReport};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// A fresh folder under the system temp folder, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!("mixin-diagnostics-{}-{name}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create temp folder");
        TempDir(dir)
    }

    fn write(&self, file: &str, text: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(file);
        std::fs::write(&path, text).expect("write contract");
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The guide's shape, small and valid. Line numbers below refer to it:
const BASE: &str = r#"mixin_name: "mixin_example"
mixin_version:
  major: 1
  minor: 0
  patch: 0
description: "An example mixin"
applicable_node_types: ["COMPUTE", "EFFECT"]
actions:
  - name: "handle_error"
    description: "Handle an error"
    inputs:
      - {name: "error_info", type: "string"}
    outputs:
      - "error_handling_result"
    required: true
    timeout_ms: 2000
output_models:
  error_handling_result:
    error_category: "string"
    recovery_possible: "boolean"
"#;

/// Appended to [`BASE`]: its first line is line 21.
const METRICS: &str = r#"metrics:
  - name: "errors_total"
    type: "counter"
    description: "Total errors"
    labels: ["error_category", "node_type"]
  - name: "duration_ms"
    type: "histogram"
    description: "Time spent"
    buckets: [1, 5, 10]
"#;

/// Appended to [`BASE`]: its first line is line 21.
const DEPENDENCIES: &str = r#"dependencies:
  - name: "error_handling"
    type: "capability"
    description: "Provides error handling"
requires_dependencies:
  - name: "logging_protocol"
    type: "protocol"
    description: "Requires logging"
    optional: false
"#;

/// `text` with the first `old` replaced by `new`; `old` must be there.
fn edit(text: &str, old: &str, new: &str) -> String {
    assert!(text.contains(old), "`{old}` is not in the contract");
    text.replacen(old, new, 1)
}

fn base_with(old: &str, new: &str) -> String {
    edit(BASE, old, new)
}

fn render(d: &Diagnostic) -> String {
    d.render(&|p| std::fs::read_to_string(p).ok(), Style::Plain)
}

fn render_all(ds: &[Diagnostic]) -> String {
    ds.iter().map(render).collect::<Vec<_>>().join("\n")
}

fn validate_with(builder: Builder) -> ValidationReport {
    match builder.emit_rerun_directives(false).validate() {
        Ok(report) => report,
        Err(e) => panic!("validate failed instead of reporting: {e}"),
    }
}

/// Validates one contract written to a fresh folder.
fn diagnostics_of(text: impl AsRef<[u8]>) -> (TempDir, Vec<Diagnostic>) {
    diagnostics_with(text, |b| b)
}

fn diagnostics_with(text: impl AsRef<[u8]>, configure: impl FnOnce(Builder) -> Builder) -> (TempDir, Vec<Diagnostic>) {
    let dir = TempDir::new("contract");
    let file = dir.write("contract.yaml", text);
    let report = validate_with(configure(Builder::new().input(&file)));
    (dir, report.diagnostics)
}

/// The contract's only diagnostic (anything else fails the test: no pile of follow-on errors).
fn sole(text: impl AsRef<[u8]>) -> Diagnostic {
    sole_with(text, |b| b)
}

fn sole_with(text: impl AsRef<[u8]>, configure: impl FnOnce(Builder) -> Builder) -> Diagnostic {
    let (_dir, ds) = diagnostics_with(text, configure);
    assert_eq!(ds.len(), 1, "expected exactly one diagnostic, got:\n{}", render_all(&ds));
    ds.into_iter().next().unwrap()
}

/// What a diagnostic must say.
struct Expect<'a> {
    severity: Severity,
    code: &'static str,
    /// 1-based line and column of the primary location.
    at: (usize, usize),
    /// Words the message must contain.
    words: &'a [&'a str],
    /// The help must contain this; `None`: there must be no help.
    help: Option<&'a str>,
}

fn error<'a>(code: &'static str, at: (usize, usize), words: &'a [&'a str], help: Option<&'a str>) -> Expect<'a> {
    Expect { severity: Severity::Error, code, at, words, help }
}

fn warning<'a>(code: &'static str, at: (usize, usize), words: &'a [&'a str], help: Option<&'a str>) -> Expect<'a> {
    Expect { severity: Severity::Warning, code, at, words, help }
}

fn assert_diag(d: &Diagnostic, e: Expect) {
    let shown = render(d);
    assert_eq!(d.code, e.code, "wrong code:\n{shown}");
    assert_eq!(d.severity, e.severity, "wrong severity:\n{shown}");
    let loc = d.primary.location.unwrap_or_else(|| panic!("no location:\n{shown}"));
    assert_eq!((loc.line, loc.column), e.at, "wrong position:\n{shown}");
    for word in e.words {
        assert!(d.message.contains(word), "message lacks `{word}`:\n{shown}");
    }
    match (e.help, &d.help) {
        (Some(want), Some(help)) => assert!(help.contains(want), "help lacks `{want}`:\n{shown}"),
        (Some(want), None) => panic!("no help, expected `{want}`:\n{shown}"),
        (None, Some(_)) => panic!("unexpected help:\n{shown}"),
        (None, None) => {}
    }
}

fn check(text: impl AsRef<[u8]>, e: Expect) -> Diagnostic {
    let d = sole(text);
    assert_diag(&d, e);
    d
}

fn quickly<T>(f: impl FnOnce() -> T) -> T {
    let (out, took) = cpu_time::timed(f);
    assert!(took < Duration::from_millis(800), "took {took:?}");
    out
}

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

// ---------------------------------------------------------------------------------------------
// The starting point
// ---------------------------------------------------------------------------------------------

#[test]
fn base_contracts_are_clean() {
    for text in [BASE.to_string(), format!("{BASE}{METRICS}"), format!("{BASE}{DEPENDENCIES}")] {
        let (_dir, ds) = diagnostics_of(&text);
        assert!(ds.is_empty(), "{}", render_all(&ds));
    }
}

// ---------------------------------------------------------------------------------------------
// E0001-E0009: files and YAML
// ---------------------------------------------------------------------------------------------

#[test]
fn e0001_input_that_does_not_exist() {
    let dir = TempDir::new("missing");
    let result = Builder::new().input(dir.0.join("nope.yaml")).emit_rerun_directives(false).validate();
    let Err(Error::Inputs(ds)) = result else { panic!("expected Error::Inputs") };
    assert_eq!(ds.len(), 1);
    assert_eq!(ds[0].code, "E0001");
    assert_eq!(ds[0].severity, Severity::Error);
    assert!(ds[0].message.contains("no such file or folder"), "{}", ds[0]);
    assert!(ds[0].primary.file.ends_with("nope.yaml"));
    assert!(ds[0].help.as_deref().unwrap_or_default().contains("*.yaml"));
}

#[test]
fn e0001_folder_without_contracts() {
    let dir = TempDir::new("empty-folder");
    dir.write("notes.txt", "not a contract");
    let result = Builder::new().input(&dir.0).emit_rerun_directives(false).validate();
    let Err(Error::Inputs(ds)) = result else { panic!("expected Error::Inputs") };
    assert_eq!(ds[0].code, "E0001");
    assert!(ds[0].message.contains("no contract files"), "{}", ds[0]);
}

/// A file that exists but cannot be read. Root reads any file whatever its mode, so Linux's
/// `/proc/self/mem` (whose first page is never mapped: reading it fails with EIO) stands in.
#[cfg(target_os = "linux")]
#[test]
fn e0001_unreadable_file() {
    let report = validate_with(Builder::new().input("/proc/self/mem"));
    assert_eq!(report.diagnostics.len(), 1, "{}", render_all(&report.diagnostics));
    let d = &report.diagnostics[0];
    assert_eq!((d.code, d.severity), ("E0001", Severity::Error));
    assert!(d.message.contains("cannot read file"), "{d}");
    assert_eq!(d.primary.file, Path::new("/proc/self/mem"));
}

/// Every `*.yaml` entry of an input folder that cannot be read as a contract file is an error
/// naming it, never skipped: a link to nothing, links in a loop, a FIFO (never opened), a folder.
#[cfg(unix)]
#[test]
fn e0001_unusable_folder_entries_are_named() {
    let dir = TempDir::new("odd-entries");
    dir.write("mixin_example.yaml", BASE);
    std::os::unix::fs::symlink("gone.yaml", dir.0.join("dangling.yaml")).unwrap();
    std::os::unix::fs::symlink("loop_b.yaml", dir.0.join("loop_a.yaml")).unwrap();
    std::os::unix::fs::symlink("loop_a.yaml", dir.0.join("loop_b.yaml")).unwrap();
    std::fs::create_dir(dir.0.join("folder.yml")).unwrap();
    std::os::unix::fs::symlink("folder.yml", dir.0.join("to_folder.yaml")).unwrap();
    assert!(std::process::Command::new("mkfifo").arg(dir.0.join("pipe.yaml")).status().unwrap().success());
    // Not contract names: not looked at.
    std::os::unix::fs::symlink("gone.txt", dir.0.join("notes.txt")).unwrap();
    let result = quickly(|| Builder::new().input(&dir.0).emit_rerun_directives(false).validate());
    let Err(Error::Inputs(ds)) = result else { panic!("expected Error::Inputs") };
    let found: Vec<(String, &str)> = ds
        .iter()
        .map(|d| (d.primary.file.file_name().unwrap().to_string_lossy().into_owned(), d.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("dangling.yaml".to_string(), "a symbolic link to `gone.yaml`, which does not exist"),
            ("folder.yml".to_string(), "a folder, not a contract file"),
            ("loop_a.yaml".to_string(), found[2].1),
            ("loop_b.yaml".to_string(), found[3].1),
            ("pipe.yaml".to_string(), "a FIFO (named pipe), not a contract file"),
            ("to_folder.yaml".to_string(), "a symbolic link to a folder, not a contract file"),
        ]
    );
    assert!(found[2].1.starts_with("a symbolic link that cannot be followed"), "{}", found[2].1);
    assert!(ds.iter().all(|d| d.code == "E0001" && d.primary.location.is_none() && d.help.is_some()));
}

/// A file reached through its folder and by its own path is one input, not E0111 against itself.
#[test]
fn e0111_is_not_reported_for_one_file_reached_twice() {
    let dir = TempDir::new("twice");
    let file = dir.write("mixin_example.yaml", BASE);
    let report =
        validate_with(Builder::new().input(&dir.0).input(&file).input(dir.0.join(".").join("mixin_example.yaml")));
    assert!(report.diagnostics.is_empty(), "{}", render_all(&report.diagnostics));
    assert_eq!(report.files.len(), 1);
}

#[test]
fn e0002_not_utf8_points_at_the_bad_byte() {
    let mut text = b"mixin_name: \"mixin_example\"\ndescription: \"caf".to_vec();
    text.extend_from_slice(&[0xe9, b'"', b'\n']);
    check(text, error("E0002", (2, 18), &["not valid UTF-8"], Some("save the contract as UTF-8")));
}

#[test]
fn e0003_empty_file() {
    for text in ["", "\n\n", "# only a comment\n---\n"] {
        let d = sole(text);
        assert_eq!((d.code, d.severity), ("E0003", Severity::Error), "{}", render(&d));
        assert!(d.message.contains("empty"));
        // The whole file is at fault: there is no line to point at.
        assert_eq!(d.primary.location, None);
        assert!(d.help.as_deref().unwrap_or_default().contains("mixin_name"));
    }
}

#[test]
fn e0004_yaml_syntax_error_has_the_parser_position() {
    let text = base_with("  minor: 0", "   minor: 0");
    check(text, error("E0004", (4, 9), &["YAML syntax error", "mapping values are not allowed"], Some("indentation")));
}

#[test]
fn e0005_more_than_one_document_points_at_the_second() {
    let text = format!("{BASE}---\nmixin_name: \"mixin_other\"\n");
    let d = check(text, error("E0005", (21, 1), &["more than one document"], Some("single YAML document")));
    assert_eq!(d.primary.message, "a second document starts here");
    // A value refused in the first document (a tag) does not hide the second.
    let text = format!("{}---\nmixin_name: \"mixin_other\"\n", base_with("major: 1", "major: !custom 1"));
    check(text, error("E0005", (21, 1), &["more than one document"], Some("single YAML document")));
}

#[test]
fn e0004_duplicate_keys_including_numbers_equal_by_value() {
    let text = base_with("  minor: 0", "  minor: 0\n  minor: 1");
    // serde_yaml places it at the start of the mapping.
    check(text, error("E0004", (3, 3), &["duplicate entry with key \"minor\""], Some("indentation")));
    let text = format!("{BASE}data:\n  0.0: a\n  -0.0: b\n");
    check(text, error("E0004", (22, 3), &["duplicate entry with key 0.0"], Some("indentation")));
    // Keys of different kinds are different keys, as they are in YAML.
    let (_dir, ds) = diagnostics_of(format!("{BASE}data:\n  1: a\n  \"1\": b\n"));
    assert!(ds.iter().all(|d| d.code != "E0004"), "{}", render_all(&ds));
}

#[test]
fn e0006_top_level_is_not_a_mapping() {
    check("- a\n- b\n", error("E0006", (1, 1), &["mapping at the top level", "found a list"], Some("mixin_name")));
    check("just some text\n", error("E0006", (1, 1), &["found a string"], Some("mixin_name")));
}

#[test]
fn e0007_billion_laughs_is_refused_quickly() {
    let mut text = String::from(
        "mixin_name: \"mixin_x\"\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let mut prev = 'a';
    for c in "bcdefghi".chars() {
        text.push_str(&format!("{c}: &{c} [{}]\n", vec![format!("*{prev}"); 9].join(",")));
        prev = c;
    }
    let d = quickly(|| sole(&text));
    // Line 3 holds the first alias: `b: &b [*a,*a,...`.
    assert_diag(&d, error("E0007", (3, 8), &["repetition limit"], Some("aliases expand without bound")));
}

#[test]
fn e0007_very_deep_flow_nesting_is_refused_quickly() {
    let text = format!("mixin_name: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let d = quickly(|| sole(&text));
    // The 129th `[`, after `mixin_name: ` (12 characters).
    assert_diag(&d, error("E0007", (1, 12 + 129), &["nesting deeper than 128"], Some("nesting this deep")));

    let text = format!("mixin_name: {}{}\n", "{a: ".repeat(50_000), "}".repeat(50_000));
    let d = quickly(|| sole(&text));
    assert_diag(&d, error("E0007", (1, 12 + 128 * 4 + 1), &["nesting deeper than 128"], Some("nesting this deep")));
}

#[test]
fn e0007_very_deep_block_nesting_is_refused_quickly() {
    let mut text = String::from("mixin_name: \"mixin_x\"\nnest:\n");
    for i in 0..300 {
        text.push_str(&format!("{}k{i}:\n", "  ".repeat(i + 1)));
    }
    text.push_str(&format!("{}v\n", "  ".repeat(301)));
    let d = quickly(|| sole(&text));
    assert_eq!((d.code, d.severity), ("E0007", Severity::Error), "{}", render(&d));
    assert!(d.message.contains("recursion limit"), "{}", render(&d));
    assert!(d.primary.location.is_some_and(|l| l.line > 100), "{}", render(&d));

    let text = format!("mixin_name: \"mixin_x\"\nl:\n{}x\n", "- ".repeat(100_000));
    let d = quickly(|| sole(&text));
    assert_eq!(d.code, "E0007", "{}", render(&d));
    assert_eq!(d.primary.location.map(|l| l.line), Some(3));
}

#[test]
fn e0008_integer_too_large() {
    // Above i64::MAX but within u64.
    let text = base_with("major: 1", "major: 9223372036854775808");
    check(text, error("E0008", (3, 10), &["9223372036854775808", "does not fit in 64 bits"], Some("between")));
    // Beyond u64: the YAML library's own error, given the same code.
    let text = base_with("major: 1", "major: 99999999999999999999");
    check(text, error("E0008", (3, 10), &["99999999999999999999", "does not fit in 64 bits"], Some("between")));
}

#[test]
fn e0009_tags_and_complex_keys() {
    let text = base_with("major: 1", "major: !custom 1");
    check(text, error("E0009", (3, 10), &["tag `!custom`", "not supported"], Some("remove the `!tag`")));
    let text = base_with("  major: 1", "  [a, b]: 1");
    check(text, error("E0009", (3, 3), &["mapping key must be a plain string", "found a list"], Some("plain names")));
}

#[test]
fn e0009_every_tag_is_refused_the_core_tags_too() {
    // The core tags serde_yaml would resolve silently, verbatim tags, named handles, and tags
    // on collections: each is E0009 at the tag, never a value of another type.
    for (value, tag) in [
        ("!!binary aGVsbG8=", "!!binary"),
        ("!!str 1", "!!str"),
        ("!!int \"1\"", "!!int"),
        ("!!timestamp 2001-12-14", "!!timestamp"),
        ("!<tag:yaml.org,2002:int> 1", "!<tag:yaml.org,2002:int>"),
        ("!!python/object/apply:os.system [\"ls\"]", "!!python/object/apply:os.system"),
        ("!!set {a, b}", "!!set"),
        ("!!omap [a: 1]", "!!omap"),
        ("&anchor !!str x", "!!str"),
    ] {
        let text = base_with("description: \"An example mixin\"", &format!("description: {value}"));
        let column = 14 + value.find('!').unwrap();
        let d = check(
            text,
            error("E0009", (6, column), &[&format!("tag `{tag}`"), "not supported"], Some("remove the `!tag`")),
        );
        assert_eq!(d.primary.location.unwrap().len, tag.len(), "{value}");
    }
    // A named handle declared by a %TAG directive.
    let text = format!("%TAG !e! tag:example.com,2000:\n---\n{}", base_with("major: 1", "major: !e!x 1"));
    check(text, error("E0009", (5, 10), &["tag `!e!x`"], Some("remove the `!tag`")));
    // All tags of a file in one diagnostic; `!` elsewhere (in text) is no tag.
    let text = base_with("major: 1", "major: !!int 1");
    let text = edit(&text, "minor: 0", "minor: !!int 0");
    let text = edit(&text, "\"An example mixin\"", "\"Hello! An example!\"");
    let d = check(text, error("E0009", (3, 10), &["`!!int`"], Some("remove the `!tag`")));
    assert_eq!(d.secondary.len(), 1, "{}", render(&d));
    assert_eq!(d.secondary[0].location.map(|l| (l.line, l.column)), Some((4, 10)));
}

#[test]
fn e0010_numbers_that_yaml_readers_disagree_on_are_refused_where_they_are_written() {
    let with_config = |value: &str| format!("{BASE}example_config:\n  limit: {value}\n");
    for value in ["017", "0017", "1_000", "1:30", "-0b1_0", "1_000.5"] {
        check(
            with_config(value),
            error("E0010", (22, 10), &[&format!("`{value}`"), "as a number by other YAML readers"], Some("quote it")),
        );
    }
    check(
        with_config("1e400"),
        error("E0010", (22, 10), &["`1e400`", "too large for a 64-bit number"], Some("quote it")),
    );
    // In a metric's buckets too, not "found a string".
    check(
        format!("{BASE}{}", METRICS.replace("[1, 5, 10]", "[1, 5, 1e400]")),
        error("E0010", (29, 21), &["`1e400`", "too large"], Some("between")),
    );
    // Every such value in one diagnostic.
    let d = check(
        format!("{BASE}example_config:\n  a: 017\n  b: [1_000, 2]\n"),
        error("E0010", (22, 6), &["`017`"], Some("`017` -> `17`")),
    );
    assert_eq!(d.secondary.iter().map(|l| l.location.map(|l| (l.line, l.column))).collect::<Vec<_>>(), [Some((23, 7))]);
    // Quoted, they are strings; plain YAML 1.2 numbers are numbers; keys are names.
    for fine in ["\"017\"", "'1_000'", "17", "0x1F", "0o17", "1e3", "-1.5", ".inf", "1.2.3", "12:30pm"] {
        let (_dir, ds) = diagnostics_of(with_config(fine));
        assert!(ds.iter().all(|d| d.code != "E0010"), "{fine}: {}", render_all(&ds));
    }
    let (_dir, ds) = diagnostics_of(format!("{BASE}example_config:\n  017: \"x\"\n"));
    assert!(ds.iter().all(|d| d.code != "E0010"), "{}", render_all(&ds));
}

#[test]
fn e0004_control_characters_are_reported_where_they_are() {
    for (byte, name) in [(0u8, "U+0000 (NUL)"), (0x1b, "U+001B (ESC)"), (0x07, "U+0007")] {
        let mut text = BASE.as_bytes().to_vec();
        // Inside the description: line 6, after `description: "An `.
        let at = BASE.find("An example").unwrap() + 3;
        text.insert(at, byte);
        let d = check(text, error("E0004", (6, 18), &[name, "is not allowed"], Some("remove it")));
        assert_eq!(d.primary.message, "control character");
    }
}

// ---------------------------------------------------------------------------------------------
// E0100-E0112: required fields, their types, mixin_name
// ---------------------------------------------------------------------------------------------

#[test]
fn e0100_required_top_level_key_missing() {
    let text = base_with("description: \"An example mixin\"\n", "");
    let d = check(
        text,
        error("E0100", (1, 1), &["required top-level key `description` is missing"], Some("add `description:`")),
    );
    assert!(d.primary.message.contains("`description` missing"));
}

#[test]
fn e0100_action_key_missing() {
    let text = base_with("    outputs:\n      - \"error_handling_result\"\n", "");
    // Reported at the action that lacks it.
    check(text, error("E0100", (9, 5), &["an action is missing the required key `outputs`"], None));
}

#[test]
fn e0100_mixin_version_part_missing() {
    let text = base_with("  patch: 0\n", "");
    check(text, error("E0100", (3, 3), &["mixin_version is missing the required key `patch`"], None));
}

#[test]
fn e0101_wrong_value_types() {
    check(
        base_with("\"An example mixin\"", "5"),
        error("E0101", (6, 14), &["`description`", "must be a string", "found an integer"], Some("quote it")),
    );
    check(
        base_with("\"mixin_example\"", "42"),
        error("E0101", (1, 13), &["`mixin_name`", "must be a string"], Some("quote it")),
    );
    check(
        base_with("required: true", "required: \"yes\""),
        error("E0101", (15, 15), &["`required` must be true or false", "\"yes\""], None),
    );
    check(
        base_with("[\"COMPUTE\", \"EFFECT\"]", "\"COMPUTE\""),
        error("E0101", (7, 24), &["applicable_node_types must be a list"], Some("[\"COMPUTE\", \"EFFECT\"]")),
    );
    check(
        base_with("      - {name: \"error_info\", type: \"string\"}", "      error_info: \"string\""),
        error("E0101", (12, 7), &["`inputs` must be a list of names", "found a mapping"], Some("`[]` for none")),
    );
}

#[test]
fn e0110_mixin_name_pattern() {
    check(
        base_with("\"mixin_example\"", "\"mixin_Example\""),
        error(
            "E0110",
            (1, 13),
            &["mixin_Example", "`mixin_` followed by lowercase snake_case"],
            Some("\"mixin_example\""),
        ),
    );
    // The suggestion does not double the prefix.
    let d = check(
        base_with("\"mixin_example\"", "\"Mixin-Example\""),
        error("E0110", (1, 13), &["Mixin-Example"], Some("write `mixin_name: \"mixin_example\"`")),
    );
    assert_eq!(d.primary.message, "not a valid mixin name");
    check(
        base_with("\"mixin_example\"", "\"example\""),
        error("E0110", (1, 13), &["`example`"], Some("mixin_example")),
    );
    check(base_with("\"mixin_example\"", "\"mixin_\""), error("E0110", (1, 13), &["`mixin_`"], Some("mixin_")));
}

#[test]
fn e0113_mixin_name_too_long_for_a_file_name() {
    let long = format!("mixin_{}", "a".repeat(247));
    let d = check(
        base_with("\"mixin_example\"", &format!("\"{long}\"")),
        error("E0113", (1, 13), &["253 characters long", "more than 128"], Some("file name")),
    );
    assert_eq!(d.primary.message, "too long");
    let longest = format!("mixin_{}", "a".repeat(122));
    let (_dir, ds) = diagnostics_of(base_with("\"mixin_example\"", &format!("\"{longest}\"")));
    assert!(ds.is_empty(), "{}", render_all(&ds));
}

#[test]
fn e0111_duplicate_mixin_name_names_both_files() {
    let dir = TempDir::new("duplicate");
    let first = dir.write("a.yaml", BASE);
    let second = dir.write("b.yaml", format!("# the same name again\n{BASE}"));
    let report = validate_with(Builder::new().input(&dir.0));
    let ds = report.diagnostics;
    assert_eq!(ds.len(), 1, "{}", render_all(&ds));
    let d = &ds[0];
    assert_diag(
        d,
        error("E0111", (2, 13), &["mixin_name `mixin_example` is used by two contracts"], Some("its own mixin_name")),
    );
    assert_eq!(d.primary.file, second);
    assert_eq!(d.primary.message, "used again here");
    assert_eq!(d.secondary.len(), 1);
    assert_eq!(d.secondary[0].file, first);
    assert_eq!(d.secondary[0].location.map(|l| (l.line, l.column)), Some((1, 13)));
    assert_eq!(d.secondary[0].message, "first used here");
    let text = render(d);
    assert!(text.contains(&format!("--> {}:2:13", second.display())), "{text}");
    assert!(text.contains(&format!("::: {}:1:13", first.display())), "{text}");
}

#[test]
fn e0112_mixin_name_that_would_overwrite_the_root_file() {
    check(
        base_with("\"mixin_example\"", "\"mixin_mixins\""),
        error("E0112", (1, 13), &["`mixin_mixins` would generate `mixins.rs`"], Some("another mixin_name")),
    );
}

// ---------------------------------------------------------------------------------------------
// E0120: mixin_version
// ---------------------------------------------------------------------------------------------

#[test]
fn e0120_mixin_version_parts() {
    check(
        base_with("minor: 0", "minor: -1"),
        error("E0120", (4, 10), &["mixin_version.minor must be a non-negative integer", "`-1`"], None),
    );
    check(
        base_with("major: 1", "major: \"1\""),
        error("E0120", (3, 10), &["mixin_version.major", "the string \"1\""], None),
    );
    check(base_with("patch: 0", "patch: 1.5"), error("E0120", (5, 10), &["mixin_version.patch", "`1.5`"], None));
}

#[test]
fn e0120_mixin_version_as_a_string() {
    check(
        base_with("mixin_version:\n  major: 1\n  minor: 0\n  patch: 0", "mixin_version: \"1.2.3\""),
        error(
            "E0120",
            (2, 16),
            &["mapping of major, minor and patch", "found a string"],
            Some("{major: 1, minor: 2, patch: 3}"),
        ),
    );
}

// ---------------------------------------------------------------------------------------------
// E0130-W0132: node types
// ---------------------------------------------------------------------------------------------

#[test]
fn e0130_no_node_types() {
    check(
        base_with("[\"COMPUTE\", \"EFFECT\"]", "[]"),
        error("E0130", (7, 24), &["applicable_node_types is empty"], Some("at least one of COMPUTE")),
    );
}

#[test]
fn e0131_unknown_node_types_with_did_you_mean() {
    let (_dir, ds) =
        diagnostics_of(base_with("[\"COMPUTE\", \"EFFECT\"]", "[\"ORCHESTRATR\", \"compute\", \"INVALID_TYPE\"]"));
    assert_eq!(ds.len(), 3, "{}", render_all(&ds));
    assert_diag(
        &ds[0],
        error("E0131", (7, 25), &["unknown node type `ORCHESTRATR`"], Some("did you mean `ORCHESTRATOR`?")),
    );
    assert_diag(&ds[1], error("E0131", (7, 40), &["unknown node type `compute`"], Some("did you mean `COMPUTE`?")));
    assert_diag(
        &ds[2],
        error("E0131", (7, 51), &["`INVALID_TYPE`"], Some("node types are COMPUTE, EFFECT, REDUCER, ORCHESTRATOR")),
    );
    assert!(!ds[2].help.as_deref().unwrap_or_default().contains("did you mean"));
}

#[test]
fn e0131_in_a_block_list() {
    check(
        base_with("[\"COMPUTE\", \"EFFECT\"]", "\n  - \"COMPUTE\"\n  - \"ORCHESTRATR\""),
        error("E0131", (9, 5), &["`ORCHESTRATR`"], Some("did you mean `ORCHESTRATOR`?")),
    );
    check(
        base_with("[\"COMPUTE\", \"EFFECT\"]", "[\"COMPUTE\", 3]"),
        error("E0131", (7, 36), &["unknown node type `3`"], Some("node types are")),
    );
}

#[test]
fn w0132_duplicate_node_type() {
    check(
        base_with("[\"COMPUTE\", \"EFFECT\"]", "[\"COMPUTE\", \"EFFECT\", \"COMPUTE\"]"),
        warning("W0132", (7, 46), &["node type COMPUTE is listed twice"], Some("remove the repeated entry")),
    );
}

// ---------------------------------------------------------------------------------------------
// E0140-E0144: actions
// ---------------------------------------------------------------------------------------------

#[test]
fn e0140_no_actions() {
    let text = BASE.split("actions:").next().unwrap().to_string() + "actions: []\n";
    check(text, error("E0140", (8, 10), &["at least one action"], Some("add an action")));
    // `actions:` and nothing: null, also no action (it was once neither a mixin nor an error).
    let text = BASE.split("actions:").next().unwrap().to_string() + "actions:\n";
    check(text, error("E0140", (8, 9), &["at least one action"], Some("add an action")));
}

#[test]
fn e0141_timeout_out_of_range() {
    for (value, len) in [("0", 1), ("300001", 6), ("-5", 2), ("\"2000\"", 6), ("1.5", 3), ("100.0", 5)] {
        let d = check(
            base_with("timeout_ms: 2000", &format!("timeout_ms: {value}")),
            error("E0141", (16, 17), &["timeout_ms must be an integer from 1 to 300000"], Some("at most 300000")),
        );
        assert_eq!(d.primary.location.unwrap().len, len);
    }
    // A float is shown as one: `100.0`, not `100`, which would read as a valid timeout.
    let d = sole(base_with("timeout_ms: 2000", "timeout_ms: 100.0"));
    assert!(d.message.ends_with("found `100.0`"), "{}", render(&d));
    // The bounds themselves are fine.
    for value in ["1", "300000"] {
        let (_dir, ds) = diagnostics_of(base_with("timeout_ms: 2000", &format!("timeout_ms: {value}")));
        assert!(ds.is_empty(), "{}", render_all(&ds));
    }
}

const SECOND_ACTION: &str = r#"  - name: "retry_now"
    description: "Again"
    inputs: []
    outputs: []
    required: false
    timeout_ms: 100
"#;

/// [`BASE`] with a second action named `name` at line 17 (its name at column 11).
fn with_second_action(name: &str) -> String {
    base_with("output_models:\n", &format!("{}output_models:\n", SECOND_ACTION.replace("retry_now", name)))
}

#[test]
fn e0142_duplicate_action_names_point_at_both() {
    let d = check(
        with_second_action("handle_error"),
        error("E0142", (17, 11), &["action `handle_error` is defined twice"], Some("unique name")),
    );
    assert_eq!(d.secondary.len(), 1);
    assert_eq!(d.secondary[0].location.map(|l| (l.line, l.column)), Some((9, 11)));
    assert_eq!(d.secondary[0].message, "first defined here");
}

#[test]
fn e0143_names_that_become_the_same_method_point_at_both() {
    let text = base_with(
        "output_models:\n",
        &format!("{SECOND_ACTION}{}output_models:\n", SECOND_ACTION.replace("retry_now", "RetryNow")),
    );
    let d = check(
        text,
        error("E0143", (23, 11), &["`retry_now` and `RetryNow`", "the Rust method `retry_now`"], Some("rename one")),
    );
    assert_eq!(d.secondary.len(), 1);
    assert_eq!(d.secondary[0].location.map(|l| (l.line, l.column)), Some((17, 11)));
    assert!(d.secondary[0].message.contains("`retry_now` becomes `retry_now`"));
}

#[test]
fn e0143_names_that_become_the_same_action_variant_point_at_both() {
    // `retry_1` and `retry1` are two methods, but both would be `Action::Retry1`.
    let text = base_with(
        "output_models:\n",
        &format!(
            "{}{}output_models:\n",
            SECOND_ACTION.replace("retry_now", "retry_1"),
            SECOND_ACTION.replace("retry_now", "retry1")
        ),
    );
    let d = check(
        text,
        error("E0143", (23, 11), &["`retry_1` and `retry1`", "the variant `Action::Retry1`"], Some("rename one")),
    );
    assert_eq!(d.secondary[0].location.map(|l| (l.line, l.column)), Some((17, 11)));
}

#[test]
fn e0144_input_listed_twice() {
    check(
        base_with(
            "      - {name: \"error_info\", type: \"string\"}\n",
            "      - {name: \"error_info\", type: \"string\"}\n      - {name: \"error-info\", type: \"string\"}\n",
        ),
        error(
            "E0144",
            (13, 9),
            &["`error-info` is listed twice in `inputs`"],
            Some("`error_info` and `error-info` become the same field"),
        ),
    );
}

// ---------------------------------------------------------------------------------------------
// E0151 / W0150: unknown keys
// ---------------------------------------------------------------------------------------------

#[test]
fn e0151_misspelt_required_key_is_an_error_at_the_unknown_key() {
    let d = check(
        base_with("timeout_ms: 2000", "timeout_msec: 2000"),
        error(
            "E0151",
            (16, 5),
            &["unknown key `timeout_msec`", "the required key `timeout_ms` is missing"],
            Some("rename `timeout_msec` to `timeout_ms`"),
        ),
    );
    assert_eq!(d.primary.location.unwrap().len, "timeout_msec".len());
    check(
        base_with("description: \"An example", "descripton: \"An example"),
        error(
            "E0151",
            (6, 1),
            &["unknown key `descripton`", "`description` is missing"],
            Some("rename `descripton` to `description`"),
        ),
    );
    check(
        base_with("patch: 0", "ptach: 0"),
        error("E0151", (5, 3), &["unknown key `ptach` in mixin_version"], Some("rename `ptach` to `patch`")),
    );
    check(
        format!("{BASE}{}", edit(METRICS, "    type: \"counter\"", "    tpye: \"counter\"")),
        error("E0151", (23, 5), &["unknown key `tpye` in a metric"], Some("rename `tpye` to `type`")),
    );
}

#[test]
fn w0150_unknown_key_in_an_action() {
    check(
        base_with("timeout_ms: 2000", "timeout_ms: 2000\n    requird: true"),
        warning("W0150", (17, 5), &["unknown key `requird` in an action is ignored"], Some("did you mean `required`?")),
    );
    check(
        base_with("timeout_ms: 2000", "timeout_ms: 2000\n    retries: 3"),
        warning("W0150", (17, 5), &["unknown key `retries`"], Some("an action takes `name`, `description`")),
    );
}

#[test]
fn w0150_unknown_key_in_a_metric() {
    check(
        format!("{BASE}{METRICS}    lables: [\"a\"]\n"),
        warning("W0150", (30, 5), &["unknown key `lables` in a metric is ignored"], Some("did you mean `labels`?")),
    );
}

#[test]
fn w0150_unknown_key_in_a_dependency() {
    check(
        format!("{BASE}{DEPENDENCIES}    optinal: true\n"),
        warning(
            "W0150",
            (30, 5),
            &["unknown key `optinal` in a dependency is ignored"],
            Some("did you mean `optional`?"),
        ),
    );
}

#[test]
fn w0150_unknown_key_in_mixin_version() {
    check(
        base_with("patch: 0", "patch: 0\n  minr: 1"),
        warning("W0150", (6, 3), &["unknown key `minr` in mixin_version is ignored"], Some("did you mean `minor`?")),
    );
    check(
        base_with("patch: 0", "patch: 0\n  build: 7"),
        warning(
            "W0150",
            (6, 3),
            &["unknown key `build` in mixin_version"],
            Some("mixin_version takes `major`, `minor`, `patch`"),
        ),
    );
}

#[test]
fn w0150_top_level_key_close_to_an_optional_one() {
    let (_dir, ds) = diagnostics_of(format!("{BASE}metrix:\n  - name: \"a\"\n"));
    assert_eq!(ds.len(), 2, "{}", render_all(&ds));
    assert_diag(
        &ds[0],
        warning("W0150", (21, 1), &["unknown key `metrix` is kept as a data section"], Some("did you mean `metrics`?")),
    );
    assert_eq!((ds[1].code, ds[1].severity), ("N0230", Severity::Note));
}

// ---------------------------------------------------------------------------------------------
// E0160 / E0161 / E0240: output model types
// ---------------------------------------------------------------------------------------------

#[test]
fn e0160_unknown_type_name_with_did_you_mean() {
    check(
        base_with("recovery_possible: \"boolean\"", "recovery_possible: \"flaot\""),
        error("E0160", (20, 24), &["unknown type `flaot`"], Some("did you mean `float`?")),
    );
    check(
        base_with("type: \"string\"}", "type: \"strng\"}"),
        error("E0160", (12, 36), &["unknown type `strng`"], Some("did you mean `string`?")),
    );
    check(
        base_with("recovery_possible: \"boolean\"", "recovery_possible: \"widget\""),
        error("E0160", (20, 24), &["unknown type `widget`"], Some("type names are string, integer, float")),
    );
    check(
        base_with("recovery_possible: \"boolean\"", "recovery_possible: 5"),
        error(
            "E0160",
            (20, 24),
            &["expected a type name or a mapping of fields", "found an integer"],
            Some("type names are"),
        ),
    );
}

#[test]
fn e0162_output_models_that_contain_themselves() {
    let text = format!(
        "{BASE}  a:\n    b: \"b\"\n    many: {{type: \"array\", items: \"a\"}}\n  b:\n    back: \"a\"\n  c: \"c\"\n"
    );
    let (_dir, ds) = diagnostics_of(text);
    assert_eq!(ds.len(), 2, "{}", render_all(&ds));
    assert_diag(&ds[0], error("E0162", (21, 3), &["`a` contains itself", "`A` -> `B` -> `A`"], Some("a list")));
    assert_diag(&ds[1], error("E0162", (26, 3), &["`c` contains itself", "`C` -> `C`"], Some("a list")));
    // Through a list it is fine, and a model may name one declared after it.
    let (_dir, ds) = diagnostics_of(format!(
        "{BASE}  tree:\n    root: \"leaf\"\n    children: {{type: \"array\", items: \"tree\"}}\n  leaf:\n    v: \"integer\"\n"
    ));
    assert!(ds.is_empty(), "{}", render_all(&ds));
}

#[test]
fn e0161_array_without_items() {
    check(
        base_with("recovery_possible: \"boolean\"", "recovery_possible: \"array\""),
        error("E0161", (20, 24), &["an array type needs `items`"], Some("{type: \"array\", items: \"string\"}")),
    );
    check(
        base_with("recovery_possible: \"boolean\"", "recovery_possible:\n      type: \"array\""),
        error("E0161", (20, 5), &["an array type needs `items`"], Some("add `items: \"string\"`")),
    );
    // With items it is fine.
    let (_dir, ds) = diagnostics_of(base_with(
        "recovery_possible: \"boolean\"",
        "recovery_possible:\n      type: \"array\"\n      items: \"string\"",
    ));
    assert!(ds.is_empty(), "{}", render_all(&ds));
}

#[test]
fn e0240_inline_enums() {
    check(
        base_with("recovery_possible: \"boolean\"", "recovery_possible: \"enum[A,B\""),
        error("E0240", (20, 24), &["malformed inline enum `enum[A,B`"], Some("close the list with `]`")),
    );
    check(
        base_with("recovery_possible: \"boolean\"", "recovery_possible: \"enum[a_b,A_B]\""),
        error("E0240", (20, 24), &["enum values `a_b` and `A_B` would both become the variant `AB`"], None),
    );
}

// ---------------------------------------------------------------------------------------------
// E0170-E0175: metrics
// ---------------------------------------------------------------------------------------------

fn metrics_with(old: &str, new: &str) -> String {
    format!("{BASE}{}", edit(METRICS, old, new))
}

#[test]
fn e0170_unknown_metric_type() {
    check(
        metrics_with("\"counter\"", "\"countr\""),
        error("E0170", (23, 11), &["unknown metric type `countr`"], Some("did you mean `counter`?")),
    );
    check(
        metrics_with("\"counter\"", "\"meter\""),
        error("E0170", (23, 11), &["`meter`"], Some("metric types are counter, gauge, histogram")),
    );
}

#[test]
fn e0171_buckets_on_a_non_histogram() {
    check(
        metrics_with("    labels: [\"error_category\", \"node_type\"]", "    buckets: [1, 2]"),
        error("E0171", (25, 5), &["buckets are only allowed on histogram metrics"], Some("type: \"histogram\"")),
    );
}

#[test]
fn e0172_bad_buckets() {
    check(
        metrics_with("[1, 5, 10]", "[1, 5, 5]"),
        error("E0172", (29, 21), &["strictly increasing", "5 follows 5"], None),
    );
    check(metrics_with("[1, 5, 10]", "[1, 5, 2]"), error("E0172", (29, 21), &["2 follows 5"], None));
    check(
        metrics_with("[1, 5, 10]", "[1, 5, .inf]"),
        error("E0172", (29, 21), &["must be finite"], Some("+Inf bucket is implicit")),
    );
    check(
        metrics_with("[1, 5, 10]", "[1, \"x\", 10]"),
        error("E0172", (29, 18), &["a bucket must be a number", "found a string"], None),
    );
    check(
        metrics_with("[1, 5, 10]", "\"fast\""),
        error("E0172", (29, 14), &["buckets must be a list of numbers"], None),
    );
}

#[test]
fn e0173_bad_labels() {
    check(
        metrics_with("\"node_type\"", "\"node-type\""),
        error(
            "E0173",
            (25, 32),
            &["label name `node-type` is not a valid Prometheus label name"],
            Some("letters, digits and `_`"),
        ),
    );
    check(metrics_with("\"node_type\"", "\"__node\""), error("E0173", (25, 32), &["`__node`"], Some("`__`")));
    check(
        metrics_with("\"node_type\"", "\"error_category\""),
        error("E0173", (25, 32), &["label `error_category` is listed twice"], None),
    );
    check(metrics_with("\"node_type\"", "7"), error("E0173", (25, 32), &["a label must be a string"], None));
}

#[test]
fn e0174_invalid_prometheus_metric_name() {
    check(
        metrics_with("\"errors_total\"", "\"errors-total\""),
        error(
            "E0174",
            (22, 11),
            &["metric name `errors-total` is not a valid Prometheus metric name"],
            Some("not starting with a digit"),
        ),
    );
    check(
        metrics_with("\"errors_total\"", "\"2xx_total\""),
        error("E0174", (22, 11), &["`2xx_total`"], Some("letters, digits")),
    );
}

#[test]
fn e0175_duplicate_metric_points_at_both() {
    let d = check(
        metrics_with("\"duration_ms\"", "\"errors_total\""),
        error("E0175", (26, 11), &["metric `errors_total` is defined twice"], None),
    );
    assert_eq!(d.secondary[0].location.map(|l| (l.line, l.column)), Some((22, 11)));
    assert_eq!(d.secondary[0].message, "first defined here");
}

// ---------------------------------------------------------------------------------------------
// E0180 / E0181: dependencies
// ---------------------------------------------------------------------------------------------

fn dependencies_with(old: &str, new: &str) -> String {
    format!("{BASE}{}", edit(DEPENDENCIES, old, new))
}

#[test]
fn e0180_unknown_dependency_type() {
    check(
        dependencies_with("\"protocol\"", "\"protocl\""),
        error("E0180", (27, 11), &["unknown dependency type `protocl`"], Some("did you mean `protocol`?")),
    );
    check(
        dependencies_with("\"capability\"", "\"library\""),
        error("E0180", (23, 11), &["`library`"], Some("dependency types are capability, protocol, service, resource")),
    );
}

#[test]
fn e0181_optional_is_not_a_boolean() {
    check(
        dependencies_with("optional: false", "optional: \"false\""),
        error(
            "E0181",
            (29, 15),
            &["`optional` must be true or false", "the string \"false\""],
            Some("write `optional: false` without quotes"),
        ),
    );
    check(dependencies_with("optional: false", "optional: 1"), error("E0181", (29, 15), &["found `1`"], None));
}

// ---------------------------------------------------------------------------------------------
// E0190 / E0200: Rust items and identifiers
// ---------------------------------------------------------------------------------------------

#[test]
fn e0190_output_model_named_like_an_action_input_struct() {
    let text = base_with("output_models:\n", "output_models:\n  handle_error_input:\n    x: \"string\"\n");
    let d = check(
        text,
        error(
            "E0190",
            (11, 5),
            &[
                "the inputs of action `handle_error`",
                "output model `handle_error_input`",
                "the Rust item `HandleErrorInput`",
            ],
            Some("rename one of them"),
        ),
    );
    assert_eq!(d.secondary.len(), 1);
    assert_eq!(d.secondary[0].location.map(|l| (l.line, l.column)), Some((18, 3)));
}

#[test]
fn e0190_section_named_like_the_config_struct() {
    let text = format!(
        "{}example_config:\n  enabled: true\n",
        base_with("output_models:\n", "output_models:\n  example_config:\n    x: \"string\"\n")
    );
    let d = check(
        text,
        error(
            "E0190",
            (23, 1),
            &["config section `example_config`", "output model `example_config`", "`ExampleConfig`"],
            Some("rename one"),
        ),
    );
    assert_eq!(d.secondary[0].location.map(|l| (l.line, l.column)), Some((18, 3)));
}

#[test]
fn e0190_data_section_whose_static_is_a_generated_constant() {
    // A data section is a `pub static` named in capitals: `mixin` would be `MIXIN`.
    let text = format!("{BASE}mixin:\n  owner: \"team\"\n");
    let (_dir, ds) = diagnostics_with(text, |b| b);
    let errors: Vec<&Diagnostic> = ds.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "{}", render_all(&ds));
    assert_diag(
        errors[0],
        error("E0190", (21, 1), &["the static of section `mixin`", "the generated constant `MIXIN`"], Some("rename")),
    );
}

#[test]
fn e0190_output_model_named_like_the_trait() {
    let text = base_with("output_models:\n", "output_models:\n  example_actions:\n    x: \"string\"\n");
    let d = check(
        text,
        error(
            "E0190",
            (18, 3),
            &["output model `example_actions`", "the mixin's trait", "`ExampleActions`"],
            Some("rename"),
        ),
    );
    assert_eq!(d.secondary[0].location.map(|l| (l.line, l.column)), Some((1, 13)));
}

#[test]
fn e0190_output_model_named_like_a_dispatch_type() {
    // `Request` routes the mixin's actions by name: a model may not take the name.
    let text = base_with("output_models:\n", "output_models:\n  request:\n    x: \"string\"\n");
    check(
        text,
        error("E0190", (18, 3), &["output model `request`", "the generated dispatch type `Request`"], Some("rename")),
    );
}

#[test]
fn e0190_two_fields_that_become_one() {
    check(
        base_with(
            "    recovery_possible: \"boolean\"",
            "    recovery_possible: \"boolean\"\n    recovery-possible: \"boolean\"",
        ),
        error(
            "E0190",
            (21, 5),
            &["fields `recovery_possible` and `recovery-possible`", "the Rust field `recovery_possible`"],
            Some("rename one"),
        ),
    );
}

#[test]
fn e0200_names_that_cannot_become_identifiers() {
    let cases: [(&str, &str, usize); 4] = [
        ("\"handle_error\\\"); fn evil() {\"", "the name contains `\"`", 30),
        ("\"a{b}\"", "the name contains `{`", 6),
        ("\"handle error\"", "the name contains the character ' '", 14),
        ("\"\"", "the name is empty", 2),
    ];
    for (name, why, len) in cases {
        let d = check(
            base_with("\"handle_error\"", name),
            error(
                "E0200",
                (9, 11),
                &["action name", "cannot become a Rust identifier", why],
                Some("ASCII letters, digits"),
            ),
        );
        assert_eq!(d.primary.location.unwrap().len, len);
        assert_eq!(d.primary.message, "not a valid identifier");
    }
    check(
        base_with("output_models:\n", "output_models:\n  \"bad model\":\n    x: \"string\"\n"),
        error("E0200", (18, 3), &["output model `bad model`", "cannot become a Rust identifier"], Some("ASCII")),
    );
    check(
        base_with("    error_category: \"string\"", "    \"error}category\": \"string\""),
        error("E0200", (19, 5), &["field `error}category`"], Some("ASCII")),
    );
    check(
        base_with("{name: \"error_info\",", "{name: \"error info\","),
        error("E0200", (12, 9), &["name `error info`"], Some("ASCII")),
    );
}

// ---------------------------------------------------------------------------------------------
// E0210, W0220, N0230
// ---------------------------------------------------------------------------------------------

#[test]
fn e0210_not_a_mixin_contract() {
    let d = check(
        "contract_type: \"x\"\ncontract_version: {major: 1, minor: 0, patch: 0}\n",
        error(
            "E0210",
            (1, 1),
            &["not a mixin contract", "subcontract or node contract", "`mixin_name`", "are missing"],
            Some("mixin_name, mixin_version"),
        ),
    );
    assert!(d.message.contains("found `contract_type`, `contract_version`"), "{}", render(&d));
}

#[test]
fn w0220_untyped_input_is_a_warning() {
    let text = base_with("{name: \"error_info\", type: \"string\"}", "\"error_info\"");
    check(text, warning("W0220", (12, 9), &["no declared type", "error_info"], Some("{name: x, type: <type>}")));
}

#[test]
fn e0221_untyped_input_is_an_error_when_untyped_names_are_denied() {
    let text = base_with("{name: \"error_info\", type: \"string\"}", "\"error_info\"");
    let expect =
        || error("E0222", (12, 9), &["`error_info` has no declared type", "denied"], Some("{name: x, type: <type>}"));
    assert_diag(&sole_with(&text, |b| b.untyped_names(UntypedNames::Deny)), expect());
    // `strict_types(true)` (the CLI's `--strict`) is the same policy.
    assert_diag(&sole_with(&text, |b| b.strict_types(true)), expect());
    let d = sole_with(&text, |b| b.untyped_names(UntypedNames::Deny));
    let shown = render(&d);
    assert!(shown.starts_with("error[E0222]: action input/output `error_info` has no declared type"), "{shown}");
}

#[test]
fn allowed_untyped_names_are_not_reported() {
    let text = base_with("{name: \"error_info\", type: \"string\"}", "\"error_info\"");
    let report = validate_with(
        Builder::new().input(TempDir::new("allow").write("contract.yaml", &text)).untyped_names(UntypedNames::Allow),
    );
    assert!(report.diagnostics.is_empty(), "{}", render_all(&report.diagnostics));
    assert_eq!(report.files.len(), 1, "the contract passes");
    // The default is to warn, and `strict_types(false)` goes back to it.
    let d = sole_with(&text, |b| b.untyped_names(UntypedNames::Deny).strict_types(false));
    assert_eq!((d.code, d.severity), ("W0220", Severity::Warning), "{}", render(&d));
}

#[test]
fn e0221_when_denied_is_one_error_per_name_at_its_place() {
    let text = edit(
        &base_with("{name: \"error_info\", type: \"string\"}", "\"error_info\""),
        "      - \"error_handling_result\"\n",
        "      - \"error_handling_result\"\n      - \"trace_id\"\n",
    );
    // Warned about: one warning naming both, at the first.
    let d = sole(&text);
    assert_diag(
        &d,
        warning("W0220", (12, 9), &["2 action input/output names", "error_info, trace_id"], Some("type: <type>")),
    );
    // Denied: an error for each, where each must be fixed.
    let (_dir, ds) = diagnostics_with(&text, |b| b.untyped_names(UntypedNames::Deny));
    assert_eq!(ds.len(), 2, "{}", render_all(&ds));
    assert_diag(
        &ds[0],
        error("E0222", (12, 9), &["`error_info` has no declared type", "denied"], Some("type: <type>")),
    );
    assert_diag(&ds[1], error("E0222", (15, 9), &["`trace_id` has no declared type", "denied"], Some("type: <type>")));
}

#[test]
fn w0220_is_not_reported_for_an_output_model_that_has_its_own_error() {
    // `error_handling_result` has a model; the model is broken, which is the one thing to report.
    let text = base_with("recovery_possible: \"boolean\"", "recovery_possible: \"flaot\"");
    let d = sole(text);
    assert_eq!(d.code, "E0160", "{}", render(&d));
}

#[test]
fn n0230_sections_the_format_does_not_define() {
    let d = sole(format!("{BASE}extra_notes:\n  enabled: true\nmore_data: [1, 2]\n"));
    assert_eq!((d.code, d.severity), ("N0230", Severity::Note));
    assert_eq!(d.primary.location.map(|l| (l.line, l.column)), Some((21, 1)));
    assert!(d.message.contains("`extra_notes`, `more_data`"), "{}", render(&d));
    assert!(d.message.contains("generated as typed data"));
    // A `*_config` section is configuration, not an unknown section.
    let (_dir, ds) = diagnostics_of(format!("{BASE}example_config:\n  enabled: true\n"));
    assert!(ds.is_empty(), "{}", render_all(&ds));
}

// ---------------------------------------------------------------------------------------------
// Whole-file behaviour
// ---------------------------------------------------------------------------------------------

#[test]
fn all_problems_of_a_file_at_once_sorted_by_line() {
    let text = r#"mixin_name: "mixin_Example"
mixin_version:
  major: -1
  minor: 0
  patch: 0
description: "An example mixin"
applicable_node_types: ["COMPUTE", "ORCHESTRATR"]
actions:
  - name: "handle_error"
    description: "Handle an error"
    inputs:
      - {name: "error_info", type: "string"}
    outputs:
      - "error_handling_result"
    required: true
    timeout_ms: 0
output_models:
  error_handling_result:
    error_category: "flaot"
"#;
    let (_dir, ds) = diagnostics_of(text);
    let got: Vec<(&str, usize)> = ds.iter().map(|d| (d.code, d.primary.location.map_or(0, |l| l.line))).collect();
    assert_eq!(got, [("E0110", 1), ("E0120", 3), ("E0131", 7), ("E0141", 16), ("E0160", 19)], "{}", render_all(&ds));
    assert!(ds.iter().all(Diagnostic::is_error));
}

#[test]
fn other_formats_get_one_clear_diagnostic_each() {
    let folder = manifest_dir().join("../tests/corpus/other-formats");
    let files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    assert_eq!(files.len(), 2, "{files:?}");
    for file in files {
        let report = validate_with(Builder::new().input(&file));
        let ds = &report.diagnostics;
        assert_eq!(ds.len(), 1, "{}: {}", file.display(), render_all(ds));
        let d = &ds[0];
        assert_eq!((d.code, d.severity), ("E0210", Severity::Error), "{}", render(d));
        assert!(d.message.starts_with("not a mixin contract"), "{}", render(d));
        assert!(
            d.message.contains("`mixin_name`, `mixin_version` and `applicable_node_types` are missing"),
            "{}",
            render(d)
        );
        let hint = if file.ends_with("health_check_subcontract.yaml") {
            "subcontract or node contract"
        } else {
            "the later `id`/`version` mixin format"
        };
        assert!(d.message.contains(hint), "{}", render(d));
        assert!(d.primary.location.is_some(), "{}", render(d));
        assert!(report.files.is_empty());
    }
}

#[test]
fn repository_and_corpus_contracts_have_no_errors() {
    for folder in [manifest_dir().join("../mixins"), manifest_dir().join("../tests/corpus/mixins")] {
        assert!(folder.is_dir(), "{} is missing", folder.display());
        let count = std::fs::read_dir(&folder)
            .unwrap()
            .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "yaml"))
            .count();
        let report = validate_with(Builder::new().input(&folder));
        let errors: Vec<Diagnostic> = report.diagnostics.iter().filter(|d| d.is_error()).cloned().collect();
        assert!(errors.is_empty(), "{}:\n{}", folder.display(), render_all(&errors));
        assert_eq!(report.files.len(), count, "every contract in {} passes", folder.display());
        for d in &report.diagnostics {
            // Whatever is still said is located and rendered with its source line.
            assert!(d.primary.location.is_some(), "{}", render(d));
            // Real config and data section names are not taken for typos.
            assert_ne!(d.code, "W0152", "{}", render(d));
        }
    }
}

#[test]
fn rendering_is_rustc_like() {
    let (dir, ds) = diagnostics_of(base_with("[\"COMPUTE\", \"EFFECT\"]", "[\"COMPUTE\", \"ORCHESTRATR\"]"));
    assert_eq!(ds.len(), 1, "{}", render_all(&ds));
    let path = dir.0.join("contract.yaml");
    let expected = format!(
        "error[E0131]: unknown node type `ORCHESTRATR`
 --> {}:7:36
  |
7 | applicable_node_types: [\"COMPUTE\", \"ORCHESTRATR\"]
  |                                    ^^^^^^^^^^^^^ not a node type
  = help: did you mean `ORCHESTRATOR`? node types are COMPUTE, EFFECT, REDUCER, ORCHESTRATOR
",
        path.display()
    );
    assert_eq!(render(&ds[0]), expected);
    assert_eq!(
        ds[0].to_string(),
        format!(
            "{}:7:36: error[E0131]: unknown node type `ORCHESTRATR` (help: did you mean `ORCHESTRATOR`? node types are COMPUTE, EFFECT, REDUCER, ORCHESTRATOR)",
            path.display()
        )
    );
}

#[test]
fn w0152_a_config_section_named_almost_like_the_mixins_own() {
    // The new user's typo: `http_clent_config` in mixin_http_client silently became `HttpClentConfig`.
    let text = format!("{}http_clent_config:\n  timeout_ms: 5\n", base_with("mixin_example", "mixin_http_client"));
    let d = check(
        text,
        warning(
            "W0152",
            (21, 1),
            &["config section `http_clent_config`", "the mixin's own config section `http_client_config`"],
            Some("did you mean `http_client_config`? as written, it becomes `struct HttpClentConfig`"),
        ),
    );
    assert_eq!(d.primary.location.map(|l| l.len), Some("http_clent_config".len()), "{}", render(&d));
    // Spelt right, or named after something else, it is a config section like any other.
    for key in ["http_client_config", "retry_config", "http_client_tls_config"] {
        let (_dir, ds) =
            diagnostics_of(format!("{}{key}:\n  timeout_ms: 5\n", base_with("mixin_example", "mixin_http_client")));
        assert!(ds.is_empty(), "{key}: {}", render_all(&ds));
    }
}

#[test]
fn w0152_a_section_name_that_nearly_ends_in_config() {
    let text = format!("{}http_client_cofnig:\n  timeout_ms: 5\n", base_with("mixin_example", "mixin_http_client"));
    let (_dir, ds) = diagnostics_of(&text);
    assert_eq!(ds.len(), 2, "{}", render_all(&ds));
    assert_diag(
        &ds[0],
        warning(
            "W0152",
            (21, 1),
            &["`http_client_cofnig` is kept as a data section", "ending in `_config`"],
            Some("did you mean `http_client_config`?"),
        ),
    );
    // The note still says what became of it.
    assert_eq!((ds[1].code, ds[1].severity), ("N0230", Severity::Note), "{}", render(&ds[1]));
    for (key, meant) in
        [("retry_confg", "retry_config"), ("retry-config", "retry_config"), ("retryConfig", "retry_config")]
    {
        let (_dir, ds) = diagnostics_of(format!("{BASE}{key}:\n  timeout_ms: 5\n"));
        let help = format!("did you mean `{meant}`?");
        assert_diag(&ds[0], warning("W0152", (21, 1), &[key, "kept as a data section"], Some(&help)));
    }
    // Words of their own stay data sections with nothing but the note.
    for key in ["retry_configs", "node_configuration", "confirm"] {
        let d = sole(format!("{BASE}{key}:\n  timeout_ms: 5\n"));
        assert_eq!(d.code, "N0230", "{key}: {}", render(&d));
    }
}

#[test]
fn e0160_inside_properties_points_at_the_fields_value() {
    // Block style: the error is at `"type"`, the value of `sub_field`, not at `nested_object:`.
    let block =
        format!("{BASE}    nested_object:\n      type: object\n      properties:\n        sub_field: \"type\"\n");
    check(block, error("E0160", (24, 20), &["unknown type `type`"], Some("type names are")));
    // Flow style, as the new user wrote it.
    let line = "    nested_object: {type: object, properties: {sub_field: \"type\"}}";
    let column = line.find("\"type\"").unwrap() + 1;
    let d = check(
        format!("{BASE}{line}\n"),
        error("E0160", (21, column), &["unknown type `type`"], Some("type names are")),
    );
    assert_eq!(d.primary.location.map(|l| l.len), Some("\"type\"".len()), "{}", render(&d));
    // A duplicate field under `properties` is pointed at where it is, too.
    let dup = format!("{BASE}    nested_object:\n      type: object\n      properties:\n        sub_field: \"string\"\n        sub-field: \"string\"\n");
    check(dup, error("E0190", (25, 9), &["`sub_field` and `sub-field`"], Some("rename one of them")));
}

// ---------------------------------------------------------------------------------------------
// E0260-E0267: field specs in configuration
// ---------------------------------------------------------------------------------------------

/// Appended to [`BASE`]: its first line is line 21.
const SPECS: &str = r#"example_config:
  threshold:
    type: "integer"
    default: 5
    minimum: 1
    maximum: 100
  name:
    type: "string"
    default: "abc"
    maxLength: 8
  ports:
    type: "array"
    default: [80]
    items: {type: "integer", minimum: 1}
"#;

fn specs_with(old: &str, new: &str) -> String {
    format!("{BASE}{}", edit(SPECS, old, new))
}

#[test]
fn field_specs_are_clean() {
    let (_dir, ds) = diagnostics_of(format!("{BASE}{SPECS}"));
    assert!(ds.is_empty(), "{}", render_all(&ds));
}

#[test]
fn e0260_unknown_key_in_a_field_spec() {
    check(
        specs_with("    minimum: 1", "    minimun: 1"),
        error("E0260", (25, 5), &["unknown key `minimun` in a field spec"], Some("did you mean `minimum`?")),
    );
    check(
        specs_with("{type: \"integer\", minimum: 1}", "{type: \"integer\", minimun: 1}"),
        error(
            "E0260",
            (34, 30),
            &["unknown key `minimun` in the `items` of a field spec"],
            Some("did you mean `minimum`?"),
        ),
    );
    check(
        specs_with("    maxLength: 8", "    colour: 8"),
        error("E0260", (30, 5), &["unknown key `colour`"], Some("a field spec takes `type`, `default`")),
    );
}

#[test]
fn e0261_unknown_type_in_a_field_spec() {
    check(
        specs_with("type: \"integer\"", "type: \"integr\""),
        error("E0261", (23, 11), &["unknown type `integr` in a field spec"], Some("did you mean `integer`?")),
    );
    check(
        specs_with("{type: \"integer\", minimum: 1}", "{type: \"strng\"}"),
        error("E0261", (34, 19), &["unknown type `strng`"], Some("did you mean `string`?")),
    );
}

#[test]
fn e0262_bound_of_the_wrong_kind_for_the_type() {
    check(
        specs_with("    maxLength: 8", "    minimum: 1"),
        error("E0262", (30, 5), &["`minimum` applies to numbers", "not to a `string` field"], Some("remove `minimum`")),
    );
    check(
        specs_with("    maximum: 100", "    minItems: 1"),
        error("E0262", (26, 5), &["`minItems` applies to arrays", "not to a `integer` field"], Some("change `type`")),
    );
    check(
        specs_with("    maximum: 100", "    enum: [\"a\"]"),
        error("E0262", (26, 5), &["`enum` applies to strings"], Some("remove `enum`")),
    );
}

#[test]
fn e0263_bound_that_is_not_a_number() {
    check(
        specs_with("maximum: 100", "maximum: \"100\""),
        error("E0263", (26, 14), &["`maximum` must be a number, found the string \"100\""], Some("without quotes")),
    );
    check(
        specs_with("maxLength: 8", "maxLength: -1"),
        error("E0263", (30, 16), &["`maxLength` must be a whole number from 0, found `-1`"], Some("maxLength: 1")),
    );
}

#[test]
fn e0264_minimum_above_maximum() {
    let d = check(
        specs_with("minimum: 1", "minimum: 200"),
        error("E0264", (25, 14), &["`minimum: 200` is above `maximum: 100`: no value fits"], Some("swap them")),
    );
    assert_eq!(d.secondary[0].location.map(|l| (l.line, l.column)), Some((26, 14)), "{}", render(&d));
    check(
        specs_with("    minimum: 1\n    maximum: 100", "    exclusiveMinimum: 100\n    maximum: 100"),
        error(
            "E0264",
            (25, 23),
            &["`exclusiveMinimum: 100` is above `maximum: 100`", "an exclusive bound leaves no value"],
            Some("swap them"),
        ),
    );
    check(
        specs_with("    maxLength: 8", "    minLength: 9\n    maxLength: 8"),
        error("E0264", (30, 16), &["`minLength: 9` is above `maxLength: 8`"], Some("lower `minLength`")),
    );
}

#[test]
fn e0265_default_outside_its_own_bounds() {
    check(
        specs_with("default: 5", "default: 0"),
        error("E0265", (24, 14), &["the default 0 breaks the minimum 1"], Some("make the default keep the bounds")),
    );
    check(
        specs_with("    minimum: 1", "    exclusiveMinimum: 5"),
        error("E0265", (24, 14), &["the default 5 breaks the exclusive minimum 5"], Some("change the bounds")),
    );
    check(
        specs_with("maxLength: 8", "maxLength: 2"),
        error(
            "E0265",
            (29, 14),
            &["the default \"abc\" (3 characters) breaks the maximum length 2"],
            Some("keep the bounds"),
        ),
    );
    check(
        specs_with("default: [80]", "default: [80, 0]"),
        error("E0265", (33, 19), &["an item of the default 0 breaks the minimum 1"], Some("keep the bounds")),
    );
    check(
        specs_with("    maxLength: 8", "    enum: [\"abd\", \"xyz\"]"),
        error(
            "E0265",
            (29, 14),
            &["the default \"abc\" is not among the `enum` values: abd, xyz"],
            Some("did you mean `abd`?"),
        ),
    );
}

#[test]
fn e0266_default_of_the_wrong_type() {
    check(
        specs_with("default: 5", "default: \"five\""),
        error(
            "E0266",
            (24, 14),
            &["the default must be an integer (`type: integer`), found the string \"five\""],
            Some("change `type`"),
        ),
    );
    check(
        specs_with("default: [80]", "default: [80, \"x\"]"),
        error("E0266", (33, 19), &["item 1 of the default must be an integer"], Some("fit `items`")),
    );
}

#[test]
fn e0267_enum_that_is_not_a_list_of_distinct_strings() {
    check(
        specs_with("    maxLength: 8", "    enum: \"abc\""),
        error("E0267", (30, 11), &["`enum` must be a non-empty list of strings"], Some("enum: [\"DEBUG\", \"INFO\"]")),
    );
    check(
        specs_with("    maxLength: 8", "    enum: [\"abc\", \"abc\"]"),
        error("E0267", (30, 19), &["`abc` is listed twice in `enum`"], Some("list each allowed value once")),
    );
}
