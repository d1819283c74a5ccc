//! mixin-codegen as a build-dependency of a throwaway consumer crate, built with the real cargo.
//! The consumer lives under CARGO_TARGET_TMPDIR with its own CARGO_TARGET_DIR there (kept between
//! runs, so only the first run compiles the dependencies).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

/// The tests share one consumer crate: one at a time.
static LOCK: Mutex<()> = Mutex::new(());

const CONTRACTS: &[&str] = &["mixin_error_handling.yaml", "mixin_health_check.yaml", "mixin_rate_limiting.yaml"];

const BUILD_RS: &str = "fn main() -> Result<(), mixin_codegen::Error> {
    mixin_codegen::Builder::new().input(\"mixins\").generate()?;
    Ok(())
}
";

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("build-script")
}

fn consumer() -> PathBuf {
    root().join("consumer")
}

/// (Re)writes the consumer crate; files whose content is already right are left alone, so cargo
/// sees no change between runs.
fn setup() -> PathBuf {
    let dir = consumer();
    let _ = std::fs::remove_file(dir.join("mixins/mixin_broken.yaml"));
    let manifest = format!(
        r#"[package]
name = "mixin-consumer"
version = "0.1.0"
edition = "2021"
publish = false

# Not a member of the mixin-codegen workspace above it.
[workspace]

[dependencies]
serde = {{ version = "1", features = ["derive"] }}

[build-dependencies]
mixin-codegen = {{ path = "{}" }}
"#,
        env!("CARGO_MANIFEST_DIR")
    );
    let mut files: Vec<(PathBuf, String)> = vec![
        (dir.join("Cargo.toml"), manifest),
        (dir.join("build.rs"), BUILD_RS.to_string()),
        (dir.join("src/lib.rs"), "include!(concat!(env!(\"OUT_DIR\"), \"/mixins.rs\"));\n".to_string()),
        // Not a contract: must not be watched.
        (dir.join("mixins/README.md"), "Contracts for the consumer.\n".to_string()),
    ];
    for c in CONTRACTS {
        files.push((dir.join("mixins").join(c), std::fs::read_to_string(workspace().join("mixins").join(c)).unwrap()));
    }
    for (path, text) in files {
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, text).unwrap();
        }
    }
    // Same dependency versions as the workspace, so --offline resolves from the local cache.
    if !dir.join("Cargo.lock").exists() {
        std::fs::copy(workspace().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    }
    dir
}

struct Cargo {
    ok: bool,
    out: String,
}

fn cargo(args: &[&str]) -> Cargo {
    let program = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut cmd = Command::new(program);
    cmd.args(args)
        .current_dir(consumer())
        .env("CARGO_TARGET_DIR", root().join("target"))
        .env("CARGO_TERM_COLOR", "never")
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env_remove("CARGO_BUILD_RUSTFLAGS");
    // Variables cargo set for this test binary would leak into the consumer's build.
    for (k, _) in std::env::vars() {
        if k.starts_with("CARGO_PKG_") || k.starts_with("CARGO_BIN_") || k == "CARGO_MANIFEST_DIR" || k == "OUT_DIR" {
            cmd.env_remove(k);
        }
    }
    let out = cmd.output().unwrap();
    let text = String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    if !out.status.success() && text.contains("offline") && args.contains(&"--offline") {
        // Something is not in the local cache: try once with the network.
        let online: Vec<&str> = args.iter().copied().filter(|a| *a != "--offline").collect();
        return cargo(&online);
    }
    Cargo { ok: out.status.success(), out: text }
}

fn build() -> Cargo {
    cargo(&["build", "-vv", "--offline"])
}

fn build_script_ran(out: &str) -> bool {
    out.lines().any(|l| l.contains("Running") && l.contains("build-script-build"))
}

/// The consumer's OUT_DIR: the build folder of mixin-consumer that holds mixins.rs, newest first.
fn out_dir() -> PathBuf {
    let mut dirs: Vec<(SystemTime, PathBuf)> = std::fs::read_dir(root().join("target/debug/build"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_str().unwrap().starts_with("mixin-consumer-"))
        .map(|p| p.join("out"))
        .filter(|p| p.join("mixins.rs").exists())
        .map(|p| (std::fs::metadata(p.join("mixins.rs")).unwrap().modified().unwrap(), p))
        .collect();
    dirs.sort();
    dirs.pop().expect("an OUT_DIR with mixins.rs").1
}

fn rerun_lines(out: &str) -> Vec<String> {
    let mut paths: Vec<String> = out
        .lines()
        .filter_map(|l| l.split_once("cargo:rerun-if-changed=").map(|(_, p)| p.trim().to_string()))
        .collect();
    paths.sort();
    paths
}

#[test]
fn consumer_crate_builds_and_reruns_only_when_contracts_change() {
    let _guard = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let dir = setup();
    // A first build (from scratch the first time this runs, so its output is not inspected):
    let first = build();
    assert!(first.ok, "first build failed:\n{}", first.out);
    // Touch a contract so the next build runs the build script and we see what it prints.
    let watched = dir.join("mixins").join(CONTRACTS[1]);
    std::fs::write(&watched, std::fs::read(&watched).unwrap()).unwrap();

    let out_dir = out_dir();
    let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    for e in std::fs::read_dir(&out_dir).unwrap() {
        std::fs::File::options().write(true).open(e.unwrap().path()).unwrap().set_modified(old).unwrap();
    }
    let touched = build();
    assert!(touched.ok, "{}", touched.out);
    assert!(build_script_ran(&touched.out), "touching a contract reruns the build script:\n{}", touched.out);

    // rerun-if-changed: exactly each contract and the folder, all existing.
    let mut want: Vec<String> = CONTRACTS.iter().map(|c| format!("mixins/{c}")).collect();
    want.push("mixins".into());
    want.sort();
    let got = rerun_lines(&touched.out);
    assert_eq!(got, want, "rerun-if-changed lines:\n{}", touched.out);
    for p in &got {
        assert!(dir.join(p).exists(), "{p} does not exist");
    }

    // W0220 (untyped inputs/outputs) reaches cargo's output as `warning:` lines.
    let warnings: Vec<&str> =
        touched.out.lines().filter(|l| l.starts_with("warning:") && l.contains("W0220")).collect();
    assert!(!warnings.is_empty(), "no W0220 warning:\n{}", touched.out);
    assert!(warnings.iter().any(|l| l.contains("mixin_error_handling.yaml")), "{warnings:?}");

    // Nothing whose content is unchanged was rewritten.
    let written: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.metadata().unwrap().modified().unwrap() != old)
        .map(|e| e.file_name().into_string().unwrap())
        .collect();
    assert!(written.is_empty(), "rewritten although unchanged: {written:?}");
    assert_eq!(std::fs::read_dir(&out_dir).unwrap().count(), CONTRACTS.len() + 1);

    // A second build with nothing changed does not run the build script.
    let again = build();
    assert!(again.ok, "{}", again.out);
    assert!(again.out.contains("Fresh mixin-consumer"), "{}", again.out);
    assert!(!build_script_ran(&again.out), "build script reran with nothing changed:\n{}", again.out);
}

#[test]
fn broken_contract_fails_the_build_with_a_readable_diagnostic() {
    let _guard = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let dir = setup();
    std::fs::write(
        dir.join("mixins/mixin_broken.yaml"),
        "mixin_name: \"mixin_broken\"\nmixin_version: {major: 1, minor: 0, patch: 0}\ndescription: \"x\"\napplicable_node_types: [\"COMPUTER\"]\nactions:\n  - {name: ping, description: x, inputs: [], outputs: [], required: true, timeout_ms: 10}\n",
    )
    .unwrap();
    let r = build();
    std::fs::remove_file(dir.join("mixins/mixin_broken.yaml")).unwrap();
    assert!(!r.ok, "the build must fail:\n{}", r.out);
    assert!(r.out.contains("error[E0131]"), "{}", r.out);
    assert!(r.out.contains(" --> "), "{}", r.out);
    assert!(r.out.contains("mixins/mixin_broken.yaml"), "{}", r.out);
    assert!(!r.out.contains("\\n"), "escaped newlines in the output:\n{}", r.out);
    assert!(!r.out.contains("Contracts(["), "Debug text in the output:\n{}", r.out);
    // Fixed again: it builds.
    let fixed = build();
    assert!(fixed.ok, "{}", fixed.out);
}

#[test]
fn build_dependency_users_do_not_compile_cli_dependencies() {
    let _guard = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    setup();
    let r = cargo(&["tree", "-e", "normal,build", "--offline"]);
    assert!(r.ok, "{}", r.out);
    assert!(r.out.contains("mixin-codegen"), "{}", r.out);
    for cli_dep in ["clap", "similar"] {
        assert!(
            !r.out.lines().any(|l| l.split_whitespace().any(|w| w == cli_dep || w.starts_with(&format!("{cli_dep}_")))),
            "{cli_dep} in the consumer's tree:\n{}",
            r.out
        );
    }
    // And exactly one syn.
    let syns: std::collections::BTreeSet<&str> = r
        .out
        .lines()
        .filter_map(|l| l.split_once("syn v").map(|(_, v)| v.split_whitespace().next().unwrap()))
        .collect();
    assert_eq!(syns.len(), 1, "more than one syn: {syns:?}");
}
