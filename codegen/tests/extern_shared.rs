//! Shared types across crates (issue 13 item 4): `.shared_types_from(path)` makes a root file that
//! re-exports the shared types (`Node`, `Value`, `ActionSpec`...) of another crate's generated code
//! instead of defining copies, and `.reuse_mixin(module)` re-exports a whole mixin module of it.
//!
//! The compile test builds a throwaway workspace under `CARGO_TARGET_TMPDIR` (in the target folder
//! of tests/compile.rs, so serde and serde_json are built once for both) with `RUSTFLAGS=-D
//! warnings` and clippy:
//! - `first`: mixins/'s error_handling and event_handling, serde and async, as any crate makes them;
//! - `second`, which depends on `first`: the node contract data_processor_compute (which lists
//!   health_check, performance_monitoring, event_handling and error_handling) and rate_limiting,
//!   on `first`'s shared types, reusing `first`'s error_handling and event_handling modules; and
//!   rate_limiting again, blocking and without serde, on the same shared types.
//!
//! Tests inside `second` show the types are `first`'s: its constants are `first::mixins::Version`s
//! and `ActionSpec`s, one type implements `first`'s `Node` and the mixin traits of both crates,
//! configuration bounds are checked by `first`'s helpers, and the node's contract holds `first`'s
//! `Configuration` types.

#[path = "support/cargo.rs"]
mod cargo_run;
use cargo_run::cargo;
use mixin_codegen::{Builder, Error};
use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn mixin(name: &str) -> PathBuf {
    workspace().join("mixins").join(format!("mixin_{name}.yaml"))
}

fn data_processor_node() -> PathBuf {
    workspace().join("nodes/data_processor_compute/v1_0_0/contract.yaml")
}

fn generate(builder: Builder, out: &Path) {
    let _ = std::fs::remove_dir_all(out);
    builder.out_dir(out).emit_rerun_directives(false).generate().unwrap_or_else(|e| panic!("{e}"));
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    // Unchanged files keep their time stamps, for cargo's incremental state.
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::write(path, text).unwrap();
    }
}

fn module(name: &str, doc: &str, dir: &Path) -> String {
    format!("/// {doc}\npub mod {name} {{\n    include!({:?});\n}}\n", dir.join("mixins.rs").display().to_string())
}

/// The `option_errors` of a run that must fail on its options.
fn option_problems(result: Result<mixin_codegen::Report, Error>) -> Vec<String> {
    match result {
        Err(Error::Options(problems)) => problems,
        Err(other) => panic!("not an option error: {other}"),
        Ok(_) => panic!("the run succeeded"),
    }
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("extern-shared").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// Code in `second` that holds only if its generated code uses `first`'s types.
const SECOND_TESTS: &str = r#"
#[cfg(test)]
mod tests {
    use crate::mixins as two;
    use first::mixins as one;
    use serde_json::json;

    fn version_text(version: one::Version) -> String {
        version.to_string()
    }

    fn action_name(action: &one::ActionSpec) -> &'static str {
        action.name
    }

    /// The answer of a future that is ready at once (the default methods' futures are).
    fn ready<F: std::future::Future>(future: F) -> F::Output {
        let mut future = std::pin::pin!(future);
        let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
        match future.as_mut().poll(&mut cx) {
            std::task::Poll::Ready(out) => out,
            std::task::Poll::Pending => panic!("not ready"),
        }
    }

    /// `first`'s `Node`, and mixin traits of both crates on it.
    struct Both;

    impl one::Node for Both {
        type Error = one::NotImplemented;
    }

    impl one::error_handling::ErrorHandlingActions for Both {
        async fn handle_error(
            &self,
            input: one::error_handling::HandleErrorInput,
        ) -> Result<one::error_handling::HandleErrorOutput, Self::Error> {
            let _ = input;
            Ok(one::error_handling::HandleErrorOutput::default())
        }
    }

    impl two::rate_limiting::RateLimitingActions for Both {
        async fn acquire_permit(
            &self,
            input: two::rate_limiting::AcquirePermitInput,
        ) -> Result<two::rate_limiting::AcquirePermitOutput, Self::Error> {
            let _ = input;
            Ok(two::rate_limiting::AcquirePermitOutput::default())
        }
    }

    impl crate::blocking::rate_limiting::RateLimitingActions for Both {
        fn acquire_permit(
            &self,
            input: crate::blocking::rate_limiting::AcquirePermitInput,
        ) -> Result<crate::blocking::rate_limiting::AcquirePermitOutput, Self::Error> {
            let _ = input;
            Ok(crate::blocking::rate_limiting::AcquirePermitOutput::default())
        }
    }

    /// Generic code over mixins of both crates names one error type.
    fn both<N>(node: &N) -> Result<(), N::Error>
    where
        N: one::error_handling::ErrorHandlingActions + two::rate_limiting::RateLimitingActions,
    {
        ready(node.handle_error(Default::default()))?;
        ready(node.acquire_permit(Default::default()))?;
        Ok(())
    }

    #[test]
    fn the_constants_are_firsts_types() {
        assert_eq!(version_text(two::rate_limiting::VERSION), version_text(crate::blocking::rate_limiting::VERSION));
        assert_eq!(action_name(&two::rate_limiting::ACTIONS[0]), "acquire_permit");
        assert_eq!(action_name(&two::health_check::ACTIONS[0]), "health_check");
        let all: Vec<&'static one::MixinSpec> =
            one::MIXINS.iter().chain(two::MIXINS).chain(crate::blocking::MIXINS).copied().collect();
        assert_eq!(all.len(), 2 + 5 + 1);
        assert!(all.iter().all(|m| !m.applicable_node_types.is_empty()));
        let effect: one::NodeType = two::nodes::data_processor_compute::NODE_TYPE;
        assert_eq!(effect, one::NodeType::Compute);
        let value: one::Value = two::Value::from("text");
        assert_eq!(value.as_str(), Some("text"));
        // A reused module is `first`'s own: its types are `first`'s.
        let _: one::error_handling::Configuration = two::error_handling::Configuration::default();
        let _: one::event_handling::PublishEventInput = two::event_handling::PublishEventInput::default();
        assert_eq!(two::error_handling::MIXIN, one::error_handling::MIXIN);
    }

    #[test]
    fn one_node_implements_mixins_of_both_crates() {
        assert_eq!(both(&Both), Ok(()));
        // Optional actions answer `first`'s `NotImplemented`, through this crate's helper, async
        // and blocking alike.
        let err: one::NotImplemented =
            ready(two::rate_limiting::RateLimitingActions::bucket_snapshot(&Both)).unwrap_err();
        assert_eq!((err.mixin, err.action), ("mixin_rate_limiting", "bucket_snapshot"));
        let err = crate::blocking::rate_limiting::RateLimitingActions::bucket_snapshot(&Both).unwrap_err();
        assert_eq!(err.action, "bucket_snapshot");
        let err = ready(one::error_handling::ErrorHandlingActions::should_retry(&Both, Default::default())).unwrap_err();
        assert_eq!(err.mixin, "mixin_error_handling");
    }

    #[test]
    fn config_bounds_are_checked_by_firsts_helpers() {
        use two::health_check::HealthCheckConfig;
        let e = serde_json::from_value::<HealthCheckConfig>(json!({"failure_threshold": 0})).unwrap_err();
        assert!(e.to_string().contains("`failure_threshold` is 0, below the minimum 1"), "{e}");
        let config = HealthCheckConfig { failure_threshold: 11, ..Default::default() };
        let e: one::ConfigError = config.validate().unwrap_err();
        assert_eq!(e.violations[0].bound, one::Bound::Maximum(10.0));
        assert_eq!(<HealthCheckConfig as one::Checked>::validate(&HealthCheckConfig::default()), Ok(()));
    }

    #[test]
    fn the_node_holds_firsts_configurations() {
        use two::nodes::data_processor_compute as node;
        let contract = node::DataProcessorComputeContract::default();
        let _: &one::error_handling::Configuration = &contract.error_handling_configuration;
        let _: &one::event_handling::Configuration = &contract.event_handling_configuration;
        let _: &two::health_check::Configuration = &contract.health_check_configuration;
        let over: node::DataProcessorComputeContract =
            serde_json::from_value(json!({"health_check_configuration": {"failure_threshold": 7}})).unwrap();
        assert_eq!(over.error_handling_configuration, contract.error_handling_configuration);
        assert_eq!(*node::SUBCONTRACTS[3].mixin, one::error_handling::MIXIN);
    }
}
"#;

#[test]
fn a_second_crate_uses_the_shared_types_of_a_first() {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("extern-shared");
    let gen_dir = root.join("generated");
    generate(Builder::new().input(mixin("error_handling")).input(mixin("event_handling")), &gen_dir.join("first"));
    generate(
        Builder::new()
            .input(data_processor_node())
            .input(mixin("rate_limiting"))
            .shared_types_from("::first::mixins")
            .reuse_mixin("error_handling")
            .reuse_mixin("event_handling"),
        &gen_dir.join("second"),
    );
    generate(
        Builder::new().input(mixin("rate_limiting")).shared_types_from("first::mixins").blocking(true).serde(false),
        &gen_dir.join("second-blocking"),
    );
    // The reused modules are not generated again.
    for reused in ["error_handling.rs", "event_handling.rs"] {
        assert!(!gen_dir.join("second").join(reused).exists(), "{reused} was generated again");
    }
    assert!(gen_dir.join("second/health_check.rs").exists());

    // A first crate without serde, and a second one with: the mismatch README says fails.
    generate(Builder::new().input(mixin("error_handling")).serde(false), &gen_dir.join("first-plain"));
    generate(
        Builder::new()
            .input(mixin("rate_limiting"))
            .input(mixin("health_check"))
            .shared_types_from("::first_plain::mixins"),
        &gen_dir.join("mismatch"),
    );
    // A reused module generated from another version of the contract than the one read here.
    let skewed_in = gen_dir.join("skewed-contracts/mixin_error_handling.yaml");
    let text = std::fs::read_to_string(mixin("error_handling")).unwrap();
    let bumped =
        text.replacen("mixin_version:\n  major: 1\n  minor: 0\n", "mixin_version:\n  major: 1\n  minor: 1\n", 1);
    assert_ne!(text, bumped, "mixins/mixin_error_handling.yaml is at 1.0.x");
    write(&skewed_in, &bumped);
    generate(
        Builder::new().input(&skewed_in).shared_types_from("::first::mixins").reuse_mixin("error_handling"),
        &gen_dir.join("skewed"),
    );

    let crates = root.join("crates");
    write(
        &crates.join("Cargo.toml"),
        "[workspace]\nmembers = [\"first\", \"second\", \"first_plain\", \"mismatch\", \"skewed\"]\nresolver = \"2\"\n",
    );
    let package = |name: &str, dependencies: &str| {
        format!("[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\n{dependencies}")
    };
    write(&crates.join("first_plain/Cargo.toml"), &package("first_plain", ""));
    write(
        &crates.join("first_plain/src/lib.rs"),
        &format!("//! Without serde.\n{}", module("mixins", "error_handling.", &gen_dir.join("first-plain"))),
    );
    write(
        &crates.join("mismatch/Cargo.toml"),
        &package(
            "mismatch",
            "first_plain = { path = \"../first_plain\" }\nserde = { version = \"1\", features = [\"derive\"] }\n",
        ),
    );
    write(
        &crates.join("skewed/Cargo.toml"),
        &package("skewed", "first = { path = \"../first\" }\nserde = { version = \"1\", features = [\"derive\"] }\n"),
    );
    write(
        &crates.join("skewed/src/lib.rs"),
        &format!("//! Reuses a module of another version.\n{}", module("mixins", "Mixins.", &gen_dir.join("skewed"))),
    );
    write(
        &crates.join("mismatch/src/lib.rs"),
        &format!("//! With serde, on types without.\n{}", module("mixins", "Mixins.", &gen_dir.join("mismatch"))),
    );
    write(
        &crates.join("first/Cargo.toml"),
        "[package]\nname = \"first\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\nserde = { version = \"1\", features = [\"derive\"] }\n",
    );
    let mut lib = String::from("//! Generates mixins as any crate does.\n#![deny(missing_docs)]\n\n");
    lib.push_str(&module("mixins", "error_handling and event_handling.", &gen_dir.join("first")));
    write(&crates.join("first/src/lib.rs"), &lib);
    write(
        &crates.join("second/Cargo.toml"),
        "[package]\nname = \"second\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\nfirst = { path = \"../first\" }\nserde = { version = \"1\", features = [\"derive\"] }\n\
         serde_json = \"1\"\n",
    );
    let mut lib = String::from("//! Mixins of its own, on the shared types of `first`.\n#![deny(missing_docs)]\n\n");
    lib.push_str(&module(
        "mixins",
        "A node and rate_limiting, reusing two modules of `first`.",
        &gen_dir.join("second"),
    ));
    lib.push_str(&module("blocking", "rate_limiting, blocking and without serde.", &gen_dir.join("second-blocking")));
    lib.push_str(SECOND_TESTS);
    lib.push_str(&readme_example());
    write(&crates.join("second/src/lib.rs"), &lib);

    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("compile").join("target");
    let (ok, out) = cargo(&crates, &target, &["test", "--quiet", "-p", "first", "-p", "second"]);
    assert!(ok, "cargo test of the two crates failed:\n{out}");
    assert!(out.contains("test result: ok. 4 passed"), "the tests inside `second` ran:\n{out}");
    let clippy =
        Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())).args(["clippy", "--version"]).output();
    if clippy.map(|o| o.status.success()).unwrap_or(false) {
        let (ok, out) = cargo(
            &crates,
            &target,
            &["clippy", "-p", "first", "-p", "second", "--all-targets", "--quiet", "--", "-D", "warnings"],
        );
        assert!(ok, "clippy on the two crates failed:\n{out}");
    } else {
        eprintln!("clippy is not installed: skipped");
    }
    // serde on, on shared types without serde: the build fails, and says where.
    let (ok, out) = cargo(&crates, &target, &["check", "--quiet", "-p", "mismatch", "--message-format", "short"]);
    assert!(!ok, "serde output built on shared types without serde:\n{out}");
    assert!(out.contains("E0432") && out.contains("deserialize_fields"), "the unresolved import is named:\n{out}");
    // A reused module of another mixin_version: the build fails, and says so.
    let (ok, out) = cargo(&crates, &target, &["check", "--quiet", "-p", "skewed", "--message-format", "short"]);
    assert!(!ok, "a reused module of another version was accepted:\n{out}");
    assert!(
        out.contains("the reused module `error_handling` was generated from another mixin_version than 1.1.0"),
        "{out}"
    );
}

/// README's `second/src/lib.rs` example, but for its `include!` of the root file (`crate::mixins`
/// here), in a module of `second`.
fn readme_example() -> String {
    let readme = std::fs::read_to_string(workspace().join("README.md")).unwrap();
    let body: Vec<&str> = readme
        .lines()
        .skip_while(|l| *l != "// second/src/lib.rs")
        .skip(1)
        .take_while(|l| !l.starts_with("```"))
        .filter(|l| !l.starts_with("pub mod mixins"))
        .collect();
    assert!(body.iter().any(|l| l.contains("impl mixins::rate_limiting::RateLimitingActions")), "{body:?}");
    format!("\n#[allow(dead_code)]\nmod readme_example {{\n    use crate::mixins;\n{}\n}}\n", body.join("\n"))
}

/// The root file defines none of the shared types, re-exports them from the path, and is the only
/// file the option changes.
#[test]
fn the_root_re_exports_instead_of_defining() {
    let plain = scratch("plain");
    let shared = scratch("shared");
    let inputs = [mixin("health_check"), mixin("rate_limiting")];
    generate(Builder::new().inputs(&inputs), &plain);
    generate(Builder::new().inputs(&inputs).shared_types_from("::first_crate::mixins"), &shared);
    let root = std::fs::read_to_string(shared.join("mixins.rs")).unwrap();
    let defined = std::fs::read_to_string(plain.join("mixins.rs")).unwrap();
    for name in ["NodeType", "Version", "ActionSpec", "MixinSpec", "NotImplemented", "Value", "ConfigError", "Bound"] {
        assert!(defined.contains(&format!("pub struct {name}")) || defined.contains(&format!("pub enum {name}")));
        for kind in ["struct", "enum", "trait", "type"] {
            assert!(!root.contains(&format!("pub {kind} {name} ")), "`pub {kind} {name}` is defined:\n{root}");
        }
    }
    // At the top level: the bodies of the root file's own macros (which every root defines) are indented.
    for kind in ["pub struct ", "pub enum ", "pub trait ", "impl "] {
        assert!(!root.lines().any(|l| l.starts_with(kind)), "the root defines `{kind}..`:\n{root}");
    }
    assert!(root.contains("macro_rules! deserialize_struct {"), "the root defines its macros:\n{root}");
    assert!(root.contains("pub use ::first_crate::mixins::{\n    ActionSpec,"), "{root}");
    assert!(root.contains("#[doc(hidden)]\npub use ::first_crate::mixins::{"), "{root}");
    assert!(root.contains("deserialize_fields,"), "serde output re-exports the serde helpers:\n{root}");
    // This run's own: the helper shaped like its trait methods, the timestamp alias, the modules.
    assert!(root.contains("pub fn not_implemented<T, E: ::core::convert::From<NotImplemented>>("), "{root}");
    assert!(root.contains("pub type Timestamp = ::std::string::String;"), "{root}");
    assert!(root.contains("pub mod rate_limiting {"), "{root}");
    for file in ["health_check.rs", "rate_limiting.rs"] {
        assert_eq!(
            std::fs::read_to_string(plain.join(file)).unwrap(),
            std::fs::read_to_string(shared.join(file)).unwrap(),
            "{file} changed with the option"
        );
    }
    // Without serde there are no serde helpers to re-export.
    let plain_shared = scratch("plain-shared");
    generate(Builder::new().inputs(&inputs).serde(false).shared_types_from("crate::shared"), &plain_shared);
    let root = std::fs::read_to_string(plain_shared.join("mixins.rs")).unwrap();
    assert!(root.contains("pub use crate::shared::{") && !root.contains("deserialize_fields,"), "{root}");
    // A reused module is a `pub use` and no file.
    let reused = scratch("reused");
    generate(
        Builder::new().inputs(&inputs).shared_types_from("::first_crate::mixins").reuse_mixin("health_check"),
        &reused,
    );
    let root = std::fs::read_to_string(reused.join("mixins.rs")).unwrap();
    assert!(root.contains("pub use ::first_crate::mixins::health_check;"), "{root}");
    assert!(!root.contains("pub mod health_check"), "{root}");
    assert!(!reused.join("health_check.rs").exists());
    assert!(root.contains("&health_check::MIXIN"), "the table still lists it:\n{root}");
    assert!(
        root.contains("const _: () = assert!(\n    health_check::VERSION.major == 1"),
        "its version is checked:\n{root}"
    );
}

#[test]
fn a_path_that_is_not_a_module_path_is_an_option_error() {
    for bad in [
        "",
        "first crate",
        "::first::mixins<T>",
        "first::<T>",
        "first::mixins;",
        "fn evil() {}",
        "first::mixins::",
        "first::crate",
        "::crate::mixins",
        "first::super::x",
        "Self::mixins",
        "self::self",
        "first::type",
        "\"first\"",
        "first::{mixins}",
        "first::*",
    ] {
        let out = scratch("bad-path");
        let problems = option_problems(
            Builder::new()
                .input(mixin("rate_limiting"))
                .shared_types_from(bad)
                .out_dir(&out)
                .emit_rerun_directives(false)
                .generate(),
        );
        assert_eq!(problems.len(), 1, "{bad:?}: {problems:?}");
        assert!(
            problems[0].starts_with(&format!("shared_types_from: `{bad}` is not a module path: ")),
            "{bad:?}: {problems:?}"
        );
        assert!(!out.exists(), "{bad:?}: something was written");
    }
    for good in ["first", "::first::mixins", "crate::shared", "self::shared", "super::super::shared", "r#type::mixins"]
    {
        let out = scratch("good-path");
        generate(Builder::new().input(mixin("rate_limiting")).shared_types_from(good), &out);
        let root = std::fs::read_to_string(out.join("mixins.rs")).unwrap();
        assert!(root.contains(&format!("pub use {good}::{{")), "{good}:\n{root}");
    }
}

#[test]
fn reuse_mixin_needs_the_shared_types_and_a_module_that_is_generated() {
    let out = scratch("reuse-errors");
    let run = |b: Builder| b.input(mixin("rate_limiting")).out_dir(&out).emit_rerun_directives(false).generate();
    let problems = option_problems(run(Builder::new().reuse_mixin("rate_limiting")));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("`.shared_types_from(..)` names none"), "{problems:?}");
    let problems = option_problems(run(Builder::new().shared_types_from("::first::mixins").reuse_mixin("rate_limit")));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(
        problems[0],
        "reuse_mixin: no contract here generates the module `rate_limit` (did you mean `rate_limiting`?)"
    );
    assert!(!out.join("mixins.rs").exists(), "nothing is written");
}

/// The same option on the command line, and its error (exit code 2, nothing written).
#[cfg(feature = "cli")]
#[test]
fn the_command_line_takes_the_option() {
    let bin = env!("CARGO_BIN_EXE_mixin-codegen");
    let out = scratch("cli");
    let contract = mixin("rate_limiting");
    let run = |path: &str| {
        Command::new(bin)
            .arg("generate")
            .arg(&contract)
            .arg("--out")
            .arg(&out)
            .args(["--shared-types-from", path])
            .output()
            .unwrap()
    };
    let ok = run("::first::mixins");
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    let root = std::fs::read_to_string(out.join("mixins.rs")).unwrap();
    assert!(root.contains("pub use ::first::mixins::{"), "{root}");
    let _ = std::fs::remove_dir_all(&out);
    let bad = run("first::mixins<T>");
    assert_eq!(bad.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(stderr.contains("shared_types_from: `first::mixins<T>` is not a module path"), "{stderr}");
    assert!(!out.exists(), "nothing is written");
    // --reuse-mixin: the module is re-exported, and it needs --shared-types-from.
    let reused = Command::new(bin)
        .arg("generate")
        .arg(&contract)
        .arg("--out")
        .arg(&out)
        .args(["--shared-types-from", "::first::mixins", "--reuse-mixin", "rate_limiting"])
        .output()
        .unwrap();
    assert!(reused.status.success(), "{}", String::from_utf8_lossy(&reused.stderr));
    let root = std::fs::read_to_string(out.join("mixins.rs")).unwrap();
    assert!(root.contains("pub use ::first::mixins::rate_limiting;"), "{root}");
    assert!(!out.join("rate_limiting.rs").exists());
    let alone = Command::new(bin)
        .arg("generate")
        .arg(&contract)
        .arg("--out")
        .arg(&out)
        .args(["--reuse-mixin", "x"])
        .output()
        .unwrap();
    assert_eq!(alone.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&alone.stderr).contains("--shared-types-from"));
}
