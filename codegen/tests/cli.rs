//! The real `mixin-codegen` binary, run from the workspace root with relative contract paths (so
//! the headers it writes match generated-example/).
#![cfg(feature = "cli")]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, SystemTime};

const BIN: &str = env!("CARGO_BIN_EXE_mixin-codegen");

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// A fresh scratch folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs the binary from the workspace root. stdout and stderr are pipes, never terminals, so no
/// output may carry ANSI escapes: every run checks that.
fn run(args: &[&str]) -> Run {
    let r = run_raw(args);
    assert!(!r.stdout.contains('\x1b'), "ANSI escape in stdout of {args:?}:\n{}", r.stdout);
    assert!(!r.stderr.contains('\x1b'), "ANSI escape in stderr of {args:?}:\n{}", r.stderr);
    r
}

fn run_raw(args: &[&str]) -> Run {
    let Output { status, stdout, stderr } =
        Command::new(BIN).args(args).current_dir(workspace()).env_remove("CLICOLOR_FORCE").output().unwrap();
    Run {
        code: status.code().expect("exited"),
        stdout: String::from_utf8(stdout).unwrap(),
        stderr: String::from_utf8(stderr).unwrap(),
    }
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// file name -> bytes, for every Rust-output file in `dir` and its folders (`nodes/x.rs`); the
/// docs/ and schema/ folders of generated-example/ belong to other back ends.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        let name = e.file_name().into_string().unwrap();
        if e.file_type().unwrap().is_dir() {
            if name != "docs" && name != "schema" {
                out.extend(files(&e.path()).into_iter().map(|(n, b)| (format!("{name}/{n}"), b)));
            }
        } else {
            out.insert(name, std::fs::read(e.path()).unwrap());
        }
    }
    out
}

fn mtimes(dir: &Path) -> BTreeMap<String, SystemTime> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (e.file_name().into_string().unwrap(), e.metadata().unwrap().modified().unwrap())
        })
        .collect()
}

/// Sets every file's modification time to a fixed old instant, so "not rewritten" is exact.
fn age(dir: &Path) -> SystemTime {
    let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    for e in std::fs::read_dir(dir).unwrap() {
        std::fs::File::options().write(true).open(e.unwrap().path()).unwrap().set_modified(old).unwrap();
    }
    old
}

fn generate(out: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["generate", "mixins", "--out", s(out)];
    args.extend_from_slice(extra);
    let r = run(&args);
    assert_eq!(r.code, 0, "generate {extra:?} failed:\n{}", r.stderr);
    r
}

const BROKEN: &str = r#"mixin_name: "mixin_broken"
mixin_version: {major: 1, minor: 0, patch: 0}
description: "Applies to a node type that does not exist"
applicable_node_types: ["COMPUTER"]
actions:
  - name: "ping"
    description: "Answer"
    inputs: []
    outputs: [{name: "pong", type: "boolean"}]
    required: true
    timeout_ms: 10
"#;

#[test]
fn generate_writes_the_committed_example() {
    let out = scratch("generate");
    let r = run(&["generate", "mixins", "nodes", "--out", s(&out)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("generated 9 mixins and 2 nodes: 12 files written, 0 unchanged, 0 removed"),
        "{}",
        r.stderr
    );
    let now = files(&out);
    let committed = files(&workspace().join("generated-example"));
    assert_eq!(now.keys().collect::<Vec<_>>(), committed.keys().collect::<Vec<_>>());
    for (name, bytes) in &committed {
        assert!(now[name] == *bytes, "{name} differs from generated-example/{name}");
    }
}

#[test]
fn second_generate_rewrites_nothing() {
    let out = scratch("twice");
    generate(&out, &[]);
    let old = age(&out);
    let before = files(&out);
    let r = generate(&out, &[]);
    assert!(r.stderr.contains("0 files written, 10 unchanged"), "{}", r.stderr);
    assert!(mtimes(&out).values().all(|t| *t == old), "a file was rewritten: {:?}", mtimes(&out));
    assert_eq!(files(&out), before);
}

#[test]
fn check_passes_on_fresh_output_and_on_the_committed_example() {
    let out = scratch("check-fresh");
    generate(&out, &[]);
    let r = run(&["check", "mixins", "--out", s(&out)]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.is_empty(), "no diff: {}", r.stdout);
    assert_eq!(run(&["check", "mixins", "nodes", "--out", "generated-example"]).code, 0);
    // Default PATH is mixins.
    assert_eq!(run(&["check", "--out", s(&out)]).code, 0);
}

#[test]
fn check_fails_with_a_diff_after_one_byte_changes() {
    let out = scratch("check-byte");
    generate(&out, &[]);
    let file = out.join("health_check.rs");
    let mut bytes = std::fs::read(&file).unwrap();
    let at = bytes.windows(7).position(|w| w == b"HEALTHY").unwrap();
    bytes[at] = b'W';
    std::fs::write(&file, &bytes).unwrap();
    let r = run(&["check", "mixins", "--out", s(&out)]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stdout.contains("--- a/") && r.stdout.contains("+++ b/"), "{}", r.stdout);
    assert!(r.stdout.contains("health_check.rs"), "{}", r.stdout);
    assert!(r.stdout.contains("@@ "), "{}", r.stdout);
    assert!(r.stdout.lines().any(|l| l.starts_with('-') && l.contains("WEALTHY")), "{}", r.stdout);
    assert!(r.stdout.lines().any(|l| l.starts_with('+') && l.contains("HEALTHY")), "{}", r.stdout);
    assert_eq!(r.stdout.lines().filter(|l| l.starts_with("+++ ")).count(), 1, "only one file differs");
    assert!(r.stderr.contains("stale"), "{}", r.stderr);
}

#[test]
fn check_fails_for_a_stray_file_and_a_missing_file() {
    let out = scratch("check-files");
    generate(&out, &[]);
    // A file of ours that generate would not write again (its contract is gone).
    std::fs::write(out.join("stray.rs"), "// @generated by mixin-codegen from mixins/mixin_stray.yaml. Do not edit.\n")
        .unwrap();
    let r = run(&["check", "mixins", "--out", s(&out)]);
    assert_eq!(r.code, 1, "stray file: {}", r.stderr);
    assert!(r.stdout.contains("stray.rs") && r.stdout.contains("+++ /dev/null"), "{}", r.stdout);
    assert!(r.stdout.contains("-// @generated by mixin-codegen from mixins/mixin_stray.yaml"), "{}", r.stdout);

    std::fs::remove_file(out.join("stray.rs")).unwrap();
    std::fs::remove_file(out.join("rate_limiting.rs")).unwrap();
    let r = run(&["check", "mixins", "--out", s(&out)]);
    assert_eq!(r.code, 1, "missing file: {}", r.stderr);
    assert!(r.stdout.contains("--- /dev/null") && r.stdout.contains("rate_limiting.rs"), "{}", r.stdout);
    assert!(r.stdout.contains("+pub const NAME: &str = \"mixin_rate_limiting\";"), "{}", r.stdout);
}

#[test]
fn a_failed_first_generate_leaves_no_folder_behind() {
    let dir = scratch("broken-fresh");
    let contracts = dir.join("contracts");
    std::fs::create_dir(&contracts).unwrap();
    // In sorted order the valid contract comes first: its file is written, then undone.
    std::fs::copy(workspace().join("mixins/mixin_error_handling.yaml"), contracts.join("mixin_a.yaml")).unwrap();
    std::fs::write(contracts.join("mixin_broken.yaml"), BROKEN).unwrap();
    let out = dir.join("out");
    let r = run(&["generate", s(&contracts), "--out", s(&out), "--jobs", "1"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(!out.exists(), "the folder the run made is gone with its files");

    // An output path that is a file is refused before any work.
    std::fs::write(&out, "not a folder").unwrap();
    std::fs::remove_file(contracts.join("mixin_broken.yaml")).unwrap();
    let r = run(&["generate", s(&contracts), "--out", s(&out)]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("not a folder"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "not a folder");
}

#[test]
fn generate_writes_nothing_when_a_contract_has_an_error() {
    let dir = scratch("broken");
    let contracts = dir.join("contracts");
    std::fs::create_dir(&contracts).unwrap();
    for f in ["mixin_error_handling.yaml", "mixin_health_check.yaml"] {
        std::fs::copy(workspace().join("mixins").join(f), contracts.join(f)).unwrap();
    }
    let out = dir.join("out");
    let r = run(&["generate", s(&contracts), "--out", s(&out)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    std::fs::write(out.join("hand_written.rs"), "// mine\n").unwrap();
    // A stale generated file: changed, it must not be repaired while a contract is broken.
    std::fs::write(out.join("health_check.rs"), "// @generated by mixin-codegen from elsewhere. Do not edit.\n")
        .unwrap();
    let old = age(&out);
    let before = files(&out);

    std::fs::write(contracts.join("mixin_broken.yaml"), BROKEN).unwrap();
    let r = run(&["generate", s(&contracts), "--out", s(&out)]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("error[E0131]") && r.stderr.contains("COMPUTER"), "{}", r.stderr);
    assert!(r.stderr.contains("nothing was written"), "{}", r.stderr);
    assert_eq!(files(&out), before, "nothing written, nothing deleted");
    assert!(mtimes(&out).values().all(|t| *t == old));

    // Fixed: everything is written again, and the hand-written file survives.
    std::fs::remove_file(contracts.join("mixin_broken.yaml")).unwrap();
    let r = run(&["generate", s(&contracts), "--out", s(&out)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(out.join("hand_written.rs")).unwrap(), "// mine\n");
    assert!(std::fs::read_to_string(out.join("health_check.rs")).unwrap().contains("HealthCheckActions"));
    // A contract that goes away takes its generated file with it, and only that.
    std::fs::remove_file(contracts.join("mixin_health_check.yaml")).unwrap();
    let r = run(&["generate", s(&contracts), "--out", s(&out)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let left: Vec<String> = files(&out).into_keys().collect();
    assert_eq!(left, ["error_handling.rs", "hand_written.rs", "mixins.rs"]);
}

#[test]
fn exit_code_2_for_missing_paths_and_bad_usage() {
    let out = scratch("usage");
    let r = run(&["generate", "no/such/folder", "--out", s(&out)]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("no/such/folder"), "{}", r.stderr);
    assert!(files(&out).is_empty());
    assert_eq!(run(&["check", "no_such.yaml", "--out", s(&out)]).code, 2);
    assert_eq!(run(&["validate", "no_such.yaml"]).code, 2);
    for bad in [
        &["generate", "mixins"][..], // no --out
        &["generate", "mixins", "--out", s(&out), "--frobnicate"],
        &["frobnicate"],
        &[],
        &["validate", "--color", "sometimes"],
        &["generate", "mixins", "--out", s(&out), "--timestamp-type", "not a type"],
    ] {
        let r = run(bad);
        assert_eq!(r.code, 2, "{bad:?}: {}{}", r.stdout, r.stderr);
        assert!(!r.stderr.is_empty(), "{bad:?} explains itself on stderr");
    }
    assert!(files(&out).is_empty(), "bad usage writes nothing");
}

#[test]
fn help_works_for_each_subcommand() {
    let r = run(&["--help"]);
    assert_eq!(r.code, 0);
    for sub in ["generate", "check", "validate"] {
        assert!(r.stdout.contains(sub), "{}", r.stdout);
        let h = run(&[sub, "--help"]);
        assert_eq!(h.code, 0, "{sub} --help: {}", h.stderr);
        assert!(h.stdout.contains(&format!("Usage: mixin-codegen {sub}")), "{}", h.stdout);
        let h2 = run(&["help", sub]);
        assert_eq!(h2.code, 0);
    }
    let g = run(&["generate", "--help"]).stdout;
    for flag in ["--out", "--blocking", "--no-serde", "--timestamp-type", "--strict", "--untyped-names"] {
        assert!(g.contains(flag), "generate --help lacks {flag}:\n{g}");
    }
    assert_eq!(run(&["--version"]).code, 0);
}

#[test]
fn validate_lists_what_it_checked_and_a_summary() {
    let r = run(&["validate", "mixins"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut contracts: Vec<String> = std::fs::read_dir(workspace().join("mixins"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    contracts.sort();
    let ok_lines: Vec<&str> = r.stdout.lines().filter(|l| l.starts_with("ok ")).collect();
    assert_eq!(ok_lines.len(), contracts.len(), "{}", r.stdout);
    for (line, file) in ok_lines.iter().zip(&contracts) {
        assert!(line.starts_with(&format!("ok mixins/{file}: ")), "{line}");
        for what in ["YAML syntax", " action", " metric", " dependenc"] {
            assert!(line.contains(what), "{line}");
        }
    }
    assert!(r.stdout.contains("ok mixins/mixin_error_handling.yaml: YAML syntax, schema, required fields, node types, 4 actions, 3 output models, 1 config section, 0 data sections, 4 metrics, 4 dependencies"), "{}", r.stdout);
    let last = r.stdout.lines().last().unwrap();
    assert!(last.starts_with("9 valid contracts: 0 errors"), "{last}");
    assert!(r.stderr.contains("warning[W0220]"), "{}", r.stderr);

    // A broken contract: exit 1, its diagnostic, and the summary still printed.
    let dir = scratch("validate");
    std::fs::write(dir.join("mixin_broken.yaml"), BROKEN).unwrap();
    let r = run(&["validate", s(&dir)]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("error[E0131]"), "{}", r.stderr);
    assert!(r.stdout.lines().last().unwrap().starts_with("0 valid contracts: 1 error"), "{}", r.stdout);
}

#[test]
fn no_ansi_escapes_even_with_errors() {
    // run() checks every output; this one makes the binary print diagnostics on both streams.
    let dir = scratch("ansi");
    std::fs::write(dir.join("mixin_broken.yaml"), BROKEN).unwrap();
    let r = run(&["validate", s(&dir)]);
    assert!(r.stderr.contains("-->"));
    assert!(r.stderr.contains("error[E0131]"));
    // Colour only when asked for (shows the check above can see escapes at all).
    let forced = run_raw(&["validate", "--color", "always", s(&dir)]);
    assert_eq!(forced.code, 1);
    assert!(forced.stderr.contains('\x1b'), "{}", forced.stderr);
    let r = run(&["validate", "--color", "never", s(&dir)]);
    assert_eq!(r.code, 1);
}

fn compact(text: &str) -> String {
    text.split_whitespace().collect()
}

#[test]
fn blocking_flag_emits_blocking_methods() {
    let out = scratch("blocking");
    generate(&out, &["--blocking"]);
    let text = std::fs::read_to_string(out.join("error_handling.rs")).unwrap();
    let c = compact(&text);
    assert!(!text.contains("Future"), "no futures with --blocking");
    assert!(
        c.contains("fnhandle_error(&self,input:HandleErrorInput,)->Result<HandleErrorOutput,Self::Error>;")
            || c.contains("fnhandle_error(&self,input:HandleErrorInput)->Result<HandleErrorOutput,Self::Error>;"),
        "{text}"
    );
    let default = std::fs::read_to_string(workspace().join("generated-example/error_handling.rs")).unwrap();
    assert!(default.contains("::core::future::Future"));
    // check compares with the same options.
    assert_eq!(run(&["check", "mixins", "--out", s(&out), "--blocking"]).code, 0);
    assert_eq!(run(&["check", "mixins", "--out", s(&out)]).code, 1);
}

#[test]
fn no_serde_flag_drops_serde() {
    let out = scratch("no-serde");
    generate(&out, &["--no-serde"]);
    for (name, bytes) in files(&out) {
        let text = String::from_utf8(bytes).unwrap();
        assert!(!text.contains("serde"), "{name} mentions serde with --no-serde");
    }
    let default = std::fs::read_to_string(workspace().join("generated-example/error_handling.rs")).unwrap();
    assert!(default.contains("::serde::Serialize") && default.contains("super::deserialize_struct!"));
}

#[test]
fn timestamp_type_flag_changes_timestamp_fields() {
    let out = scratch("timestamp");
    generate(&out, &["--timestamp-type", "chrono::DateTime<chrono::Utc>"]);
    // One alias at the root carries the mapping; timestamp and datetime fields name it.
    let root = compact(&std::fs::read_to_string(out.join("mixins.rs")).unwrap());
    assert!(root.contains("pubtypeTimestamp=chrono::DateTime<chrono::Utc>;"), "the Timestamp alias");
    let eh = compact(&std::fs::read_to_string(out.join("error_handling.rs")).unwrap());
    assert!(eh.contains("publast_failure_time:super::Timestamp,"), "timestamp field");
    let hc = compact(&std::fs::read_to_string(out.join("health_check.rs")).unwrap());
    assert!(hc.contains("pubtimestamp:super::Timestamp,"), "datetime field");
    // Other strings stay strings.
    assert!(eh.contains("puberror_category:String,"));
    let default = compact(&std::fs::read_to_string(workspace().join("generated-example/mixins.rs")).unwrap());
    assert!(default.contains("pubtypeTimestamp=::std::string::String;"));
}

/// Many contracts (the examples under other names, a broken one, a duplicate name): one job and
/// several give the same files, the same diagnostics in the same order, and the same exit codes.
#[test]
fn jobs_change_nothing_but_speed() {
    let input = scratch("jobs-in");
    let mut k = 0;
    for round in 0..6 {
        for entry in std::fs::read_dir(workspace().join("mixins")).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "yaml") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let stem = path.file_stem().unwrap().to_str().unwrap();
            let renamed = text.replacen(&format!("\"{stem}\""), &format!("\"{stem}_{round}\""), 1);
            assert_ne!(renamed, text, "{stem}: mixin_name not found to rename");
            std::fs::write(input.join(format!("{k:03}_{stem}.yaml")), renamed).unwrap();
            k += 1;
        }
    }
    let valid = files(&input);
    let generated = |jobs: &str| {
        let out = scratch(&format!("jobs-out-{jobs}"));
        let r = run(&["generate", s(&input), "--out", s(&out), "--jobs", jobs]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        (files(&out), r.stderr)
    };
    let one = generated("1");
    assert_eq!(one.0.len(), valid.len() + 1);
    assert_eq!(generated("3"), one);

    // Now with errors: a broken contract early, and a name used twice late.
    std::fs::write(input.join("002_broken.yaml"), BROKEN).unwrap();
    let first = input.join("000_mixin_aggregation_window.yaml");
    std::fs::copy(&first, input.join("900_again.yaml")).unwrap();
    let failed = |jobs: &str| {
        let out = scratch(&format!("jobs-fail-{jobs}"));
        let r = run(&["generate", s(&input), "--out", s(&out), "-j", jobs]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(files(&out).is_empty(), "files written despite errors");
        r.stderr
    };
    let one = failed("1");
    assert!(one.contains("E0120") || one.contains("COMPUTER"), "{one}");
    assert!(one.contains("E0111"), "{one}");
    assert_eq!(failed("2"), one);
    assert_eq!(failed("4"), one);
    let validated = |jobs: &str| {
        let r = run(&["validate", s(&input), "--jobs", jobs]);
        (r.code, r.stdout, r.stderr)
    };
    assert_eq!(validated("3"), validated("1"));
}

/// One of everything, so every count in the summaries is 1.
const ONE_OF_EACH: &str = r#"mixin_name: "mixin_single"
mixin_version: {major: 1, minor: 0, patch: 0}
description: "One of each"
applicable_node_types: ["COMPUTE"]
actions:
  - name: "ping"
    description: "Answer"
    inputs: ["probe"]
    outputs: ["pong_result"]
    required: true
    timeout_ms: 10
output_models:
  pong_result:
    ok: "boolean"
single_config:
  retries: 3
single_levels:
  HIGH: 1
metrics:
  - {name: "pings_total", type: "counter", description: "Pings"}
dependencies:
  - {name: "ping", type: "capability", description: "Answers pings"}
"#;

#[test]
fn counts_of_one_are_singular() {
    let dir = scratch("one-of-each");
    std::fs::write(dir.join("mixin_single.yaml"), ONE_OF_EACH).unwrap();
    let r = run(&["validate", s(&dir)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let ok = format!(
        "ok {}: YAML syntax, schema, required fields, node types, 1 action, 1 output model, 1 config section, \
         1 data section, 1 metric, 1 dependency",
        dir.join("mixin_single.yaml").display()
    );
    assert!(r.stdout.contains(&ok), "{}", r.stdout);
    assert_eq!(r.stdout.lines().last(), Some("1 valid contract: 0 errors, 1 warning"), "{}", r.stdout);

    let out = dir.join("out");
    let r = run(&["generate", s(&dir), "--out", s(&out)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("generated 1 mixin: 2 files written, 0 unchanged, 0 removed"), "{}", r.stderr);
    let r = run(&["generate", s(&dir), "--out", s(&out)]);
    assert!(r.stderr.contains("generated 1 mixin: 0 files written, 2 unchanged"), "{}", r.stderr);
    std::fs::write(out.join("single.rs"), "// edited by hand\n").unwrap();
    let r = run(&["check", s(&dir), "--out", s(&out)]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("error: 1 file in the output folder is stale;"), "{}", r.stderr);
    std::fs::remove_file(out.join("mixins.rs")).unwrap();
    let r = run(&["check", s(&dir), "--out", s(&out)]);
    assert!(r.stderr.contains("error: 2 files in the output folder are stale;"), "{}", r.stderr);
}

#[test]
fn jobs_must_be_at_least_one() {
    let out = scratch("jobs-zero");
    for args in [
        &["validate", "mixins", "--jobs", "0"][..],
        &["generate", "mixins", "--out", s(&out), "-j", "0"],
        &["-j", "0", "check", "mixins", "--out", s(&out)],
    ] {
        let r = run(args);
        assert_eq!(r.code, 2, "{args:?}: {}{}", r.stdout, r.stderr);
        assert!(r.stderr.contains("must be at least 1"), "{args:?}: {}", r.stderr);
    }
    assert!(files(&out).is_empty());
    assert_eq!(run(&["validate", "mixins", "--jobs", "1"]).code, 0);
}

#[test]
fn help_pages_list_the_exit_codes() {
    for args in
        [&["--help"][..], &["generate", "--help"], &["check", "--help"], &["validate", "--help"], &["diff", "--help"]]
    {
        let h = run(args);
        assert_eq!(h.code, 0, "{args:?}");
        let codes = h
            .stdout
            .split_once("Exit codes:")
            .map(|(_, rest)| rest)
            .unwrap_or_else(|| panic!("{args:?}:\n{}", h.stdout));
        for code in ["0  success", "1  ", "2  usage or I/O errors"] {
            assert!(codes.contains(code), "{args:?} lacks `{code}`:\n{}", h.stdout);
        }
    }
    assert!(run(&["check", "--help"]).stdout.contains("1  contract errors, or --out is stale"));
    assert!(run(&["validate", "--help"]).stdout.contains("1  contract errors\n"));
    assert!(run(&["diff", "--help"]).stdout.contains("1  a contract's mixin_version does not cover its changes"));
}

/// How many diagnostics with this `severity[code]` header the output holds.
fn headers(text: &str, header: &str) -> usize {
    text.lines().filter(|l| l.starts_with(header)).count()
}

#[test]
fn untyped_names_policy_on_the_command_line() {
    // mixins/ uses bare names throughout, as the format's own guide does.
    let warned = run(&["validate", "mixins"]);
    assert_eq!(warned.code, 0);
    let files_warned = headers(&warned.stderr, "warning[W0220]");
    assert!(files_warned >= 5, "{}", warned.stderr);

    let allowed = run(&["validate", "mixins", "--untyped-names", "allow"]);
    assert_eq!(allowed.code, 0, "{}", allowed.stderr);
    assert!(!allowed.stderr.contains("W0220") && !allowed.stderr.contains("E0222"), "{}", allowed.stderr);
    assert_eq!(headers(&allowed.stdout, "ok "), headers(&warned.stdout, "ok "));

    let explicit = run(&["validate", "mixins", "--untyped-names", "warn"]);
    assert_eq!((explicit.code, &explicit.stderr), (0, &warned.stderr));

    let denied = run(&["validate", "mixins", "--untyped-names", "deny"]);
    assert_eq!(denied.code, 1, "{}", denied.stderr);
    assert!(!denied.stderr.contains("W0220"), "{}", denied.stderr);
    // One error per name, each an error code: more errors than files warned about.
    let errors = headers(&denied.stderr, "error[E0222]: action input/output `");
    assert!(errors > files_warned, "{}", denied.stderr);
    assert!(denied.stdout.lines().last().unwrap().contains(&format!("{errors} errors")), "{}", denied.stdout);
    // --strict is the same.
    let strict = run(&["validate", "mixins", "--strict"]);
    assert_eq!((strict.code, &strict.stdout, &strict.stderr), (1, &denied.stdout, &denied.stderr));

    // generate: denied writes nothing; allowed writes quietly.
    let out = scratch("untyped-out");
    let r = run(&["generate", "mixins", "--out", s(&out), "--strict"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("error[E0222]"), "{}", r.stderr);
    assert!(files(&out).is_empty(), "nothing written when untyped names are denied");
    let r = run(&["generate", "mixins", "--out", s(&out), "--untyped-names", "allow"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("W0220"), "{}", r.stderr);
    assert_eq!(run(&["check", "mixins", "--out", s(&out), "--untyped-names", "allow"]).code, 0);

    // Usage errors: an unknown policy, or both spellings at once.
    for bad in [
        &["validate", "mixins", "--untyped-names", "sometimes"][..],
        &["validate", "mixins", "--strict", "--untyped-names", "allow"],
    ] {
        let r = run(bad);
        assert_eq!(r.code, 2, "{bad:?}: {}", r.stderr);
        assert!(r.stderr.contains("--untyped-names"), "{bad:?}: {}", r.stderr);
    }
}

/// A node contract with a subcontract path that leads nowhere and a mixin that does not apply.
const BAD_NODE: &str = r#"node_name: "bad_reducer"
node_type: "REDUCER"
version: "1.0.0"
description: "Lists what it cannot use"
subcontracts:
  - path: "mixins/mixin_gone.yaml"
    integration_field: "gone_configuration"
  - path: "mixins/mixin_rate_limiting.yaml"
    integration_field: "rate_limiting_configuration"
"#;

#[test]
fn bad_node_contracts_exit_1_with_file_and_line_and_write_nothing() {
    let dir = scratch("bad-node");
    std::fs::create_dir_all(dir.join("mixins")).unwrap();
    std::fs::copy(workspace().join("mixins/mixin_rate_limiting.yaml"), dir.join("mixins/mixin_rate_limiting.yaml"))
        .unwrap();
    std::fs::create_dir_all(dir.join("nodes/bad_reducer/v1_0_0")).unwrap();
    let node = dir.join("nodes/bad_reducer/v1_0_0/contract.yaml");
    std::fs::write(&node, BAD_NODE.replace("mixins/", "../../../mixins/")).unwrap();
    let out = dir.join("out");
    let nodes = dir.join("nodes");
    for command in ["generate", "check", "validate"] {
        let mut args = vec![command, s(&nodes)];
        if command != "validate" {
            args.extend(["--out", s(&out)]);
        }
        let r = run(&args);
        assert_eq!(r.code, 1, "{command}: {}{}", r.stdout, r.stderr);
        assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
        let shown = format!("{}:6:11", node.display());
        assert!(
            r.stderr.contains("error[E0308]: subcontract path `../../../mixins/mixin_gone.yaml` does not exist"),
            "{}",
            r.stderr
        );
        assert!(r.stderr.contains(&shown), "{command}: {shown} in\n{}", r.stderr);
        assert!(
            r.stderr
                .contains("error[E0310]: `mixin_rate_limiting` does not apply to REDUCER nodes; it applies to EFFECT"),
            "{}",
            r.stderr
        );
        assert!(r.stderr.contains(&format!("{}:8:11", node.display())), "{}", r.stderr);
        assert!(!out.exists(), "{command} wrote {}", out.display());
    }
}
