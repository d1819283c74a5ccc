//! The rules are true of the generated Rust (issue 15 item 4): for every rule that says minor or
//! patch, code written against OLD's generated crate (tests/support/witness.rs: the idioms README
//! recommends) compiles against NEW's generated crate, and its test loading OLD's config values
//! as an override file passes. And the other way round, so the witness cannot pass by touching
//! nothing: for every major rule that a Rust user can see, the same code fails to compile. The
//! same for node contracts (tests/support/node_pairs.rs), with a node witness of their own.
//!
//! Few crates, to stay fast on small machines: the generated code for OLD (one module), for every
//! minor/patch pair's NEW (one module each, in one crate) and for every Rust-visible major pair's
//! NEW (one crate); the witness once per module, in three user crates; one `cargo test` and one
//! `cargo check`, with `RUSTFLAGS=-D warnings`, sharing tests/compile.rs's target folder.
#![cfg(feature = "diff")]

#[path = "support/node_pairs.rs"]
mod node_pairs;
#[path = "support/pairs.rs"]
mod pairs;
#[path = "support/witness.rs"]
mod witness;

#[path = "support/cargo.rs"]
mod cargo_run;
use cargo_run::cargo;
use mixin_codegen::diff::{rules, Bump, Contract};
use mixin_codegen::load::Source;
use mixin_codegen::Builder;
use pairs::PAIRS;
use std::path::{Path, PathBuf};

/// Major rules whose break a Rust user sees at compile time. The others are major for what the
/// Rust compiler cannot see: timeouts the runtime enforces, metrics dashboards query, node types
/// and dependencies nodes declare (docs/breaking-changes.md says which is which).
const RUST_VISIBLE_MAJOR: &[&str] = &[
    "B0102", "B0103", "B0104", "B0106", "B0203", "B0204", "B0302", "B0303", "B0402", "B0404", "B0405", "B0502",
    "B0505", "B0506", "B0508", "B0902", "B0905", "B0906",
];

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    // Unchanged files keep their timestamps, so reruns reuse cargo's work.
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::write(path, text).unwrap();
    }
}

/// Generates the contracts `(file name, text)` into `crate_dir/generated` and makes it a crate.
fn api_crate(crate_dir: &Path, name: &str, contracts: &[(String, String)]) {
    let input = crate_dir.join("contracts");
    let _ = std::fs::remove_dir_all(&input);
    for (file, text) in contracts {
        write(&input.join(file), text);
    }
    let out = crate_dir.join("generated");
    Builder::new()
        .input(&input)
        .out_dir(&out)
        .emit_rerun_directives(false)
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    write(
        &crate_dir.join("Cargo.toml"),
        &format!("[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\nserde = {{ version = \"1\", features = [\"derive\"] }}\n"),
    );
    write(
        &crate_dir.join("src/lib.rs"),
        &format!("//! Generated code.\ninclude!({:?});\n", out.join("mixins.rs").display().to_string()),
    );
}

/// A crate of witnesses `(module, source)` that uses `api` as the crate `api`.
fn user_crate(crate_dir: &Path, name: &str, api: &str, modules: &[(String, String)]) {
    write(
        &crate_dir.join("Cargo.toml"),
        &format!(
            "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\n\
             api = {{ package = \"{api}\", path = \"../{api}\" }}\nserde_json = \"1\"\n"
        ),
    );
    let mut lib = String::from("//! Code written against OLD's generated crate.\n");
    for (module, source) in modules {
        lib.push_str(&format!("pub mod {module};\n"));
        write(&crate_dir.join(format!("src/{module}.rs")), source);
    }
    write(&crate_dir.join("src/lib.rs"), &lib);
}

fn module_of(code: &str) -> String {
    code.to_lowercase()
}

#[test]
fn code_written_against_old_compiles_against_new_exactly_when_the_rule_says_so() {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("diff-compile");
    let old_of =
        |p: &pairs::Pair| Contract::check(Source { path: "old.yaml".into(), text: p.old_text(None) }).unwrap().mixin;
    let old = Contract::check(Source { path: "old.yaml".into(), text: pairs::old_text(None) }).unwrap().mixin;
    let rule = |code: &str| rules::by_code(code).unwrap();
    let compatible: Vec<&pairs::Pair> = PAIRS.iter().filter(|p| rule(p.code).bump < Bump::Major).collect();
    let breaking: Vec<&pairs::Pair> = PAIRS.iter().filter(|p| RUST_VISIBLE_MAJOR.contains(&p.code)).collect();
    for code in RUST_VISIBLE_MAJOR {
        assert_eq!(rule(code).bump, Bump::Major, "{code}");
    }
    assert!(compatible.len() >= 20, "every minor and patch rule has a pair");

    let news = |list: &[&pairs::Pair]| -> Vec<(String, String)> {
        list.iter()
            .map(|p| (format!("{}.yaml", module_of(p.code)), p.new_text(Some(&format!("mixin_{}", module_of(p.code))))))
            .collect()
    };
    let crates = root.join("crates");
    // OLD is the base, or for a few pairs the base edited: each such OLD is a module of its own.
    let own_old: Vec<&pairs::Pair> = PAIRS.iter().filter(|p| !p.old_edits.is_empty()).collect();
    let old_name = |p: &pairs::Pair| format!("{}_old", module_of(p.code));
    let mut olds = vec![("base.yaml".to_string(), pairs::old_text(None))];
    olds.extend(
        own_old.iter().map(|p| (format!("{}.yaml", old_name(p)), p.old_text(Some(&format!("mixin_{}", old_name(p)))))),
    );
    api_crate(&crates.join("api_old"), "api_old", &olds);
    api_crate(&crates.join("api_compatible"), "api_compatible", &news(&compatible));
    api_crate(&crates.join("api_breaking"), "api_breaking", &news(&breaking));
    let witness_for = |list: &[&pairs::Pair]| -> Vec<(String, String)> {
        list.iter()
            .map(|p| {
                let module = module_of(p.code);
                let actions = format!("{}Actions", p.code);
                let source = witness::witness(&old_of(p), &module, &actions);
                (module, source)
            })
            .collect()
    };
    let mut old_users = vec![("base".to_string(), witness::witness(&old, "base", "BaseActions"))];
    for p in &own_old {
        let module = old_name(p);
        let actions = format!("{}OldActions", p.code);
        old_users.push((module.clone(), witness::witness(&old_of(p), &module, &actions)));
    }
    user_crate(&crates.join("user_old"), "user_old", "api_old", &old_users);
    user_crate(&crates.join("user_compatible"), "user_compatible", "api_compatible", &witness_for(&compatible));
    user_crate(&crates.join("user_breaking"), "user_breaking", "api_breaking", &witness_for(&breaking));
    write(
        &crates.join("Cargo.toml"),
        "[workspace]\nmembers = [\"api_old\", \"api_compatible\", \"api_breaking\", \"user_old\", \"user_compatible\", \"user_breaking\"]\nresolver = \"2\"\n",
    );
    // The target folder of tests/compile.rs: serde and serde_json are built once for both.
    let target: PathBuf = Path::new(env!("CARGO_TARGET_TMPDIR")).join("compile").join("target");

    // OLD's own users, and every compatible NEW: they build and their tests pass.
    let (ok, out) = cargo(&crates, &target, &["test", "--quiet", "-p", "user_old", "-p", "user_compatible"]);
    assert!(ok, "code written against OLD does not build against a minor/patch NEW:\n{out}");
    let passed: usize =
        out.lines().filter_map(|l| l.strip_prefix("test result: ok. ")?.split(' ').next()?.parse::<usize>().ok()).sum();
    let with_config = old_users.len() + compatible.len();
    assert_eq!(passed, with_config, "one override-file test per crate module:\n{out}");

    // Every Rust-visible major NEW: the same code fails, in that rule's module.
    let (ok, out) = cargo(&crates, &target, &["check", "--quiet", "-p", "user_breaking", "--message-format", "short"]);
    assert!(!ok, "code written against OLD built against every major NEW:\n{out}");
    let quiet: Vec<&str> =
        breaking.iter().map(|p| p.code).filter(|code| !out.contains(&format!("src/{}.rs:", module_of(code)))).collect();
    assert!(quiet.is_empty(), "no compile error for the major rules {quiet:?}:\n{out}");
}

/// Node rules whose break a Rust user sees at compile time. B1005 (node_type changed) changes a
/// constant's value only: it is major for what runs the node, not for the compiler.
const RUST_VISIBLE_MAJOR_NODES: &[&str] = &["B0905", "B1002", "B1003", "B1004"];

/// Code a user writes against OLD's node module `api::nodes::<module>` (the node of
/// tests/support/node_pairs.rs): one type that is a complete node (it implements `Node` and the
/// listed mixins' traits, nothing for the node itself), generic code calling the mixins' actions
/// through the node's trait, its contract struct built with `..Default::default()` and read field by
/// field, `Request` matched with a wildcard arm and dispatched, every constant and data field read,
/// and (a test) an override file of OLD's contract values loaded.
fn node_witness(module: &str) -> String {
    let camel: String = module
        .split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_uppercase().chain(c).collect::<String>()).unwrap_or_default()
        })
        .collect();
    let template = r###"//! Written against the OLD `base_node`, compiled against `api::nodes::MODULE`.

use api::nodes::MODULE as n;

/// A complete node of the kind: `Node` and each listed mixin's trait.
pub struct Impl;

impl api::Node for Impl {
    type Error = api::NotImplemented;
}

impl api::alpha::AlphaActions for Impl {
    fn run_alpha(
        &self,
        input: api::alpha::RunAlphaInput,
    ) -> impl ::core::future::Future<Output = ::core::result::Result<api::alpha::RunAlphaOutput, Self::Error>> + Send {
        let _: &String = &input.what;
        async move { Ok(api::alpha::RunAlphaOutput { done: true, ..Default::default() }) }
    }
}

impl api::beta::BetaActions for Impl {}

fn complete<N: n::CAMELNode + ?Sized>(_: &N) {}

pub fn is_complete() {
    complete(&Impl);
}

/// Calls the mixins' actions through the node's trait.
pub fn call<N: n::CAMELNode>(node: &N) {
    let _ = node.run_alpha(api::alpha::RunAlphaInput { what: String::new(), ..Default::default() });
    let _ = node.run_beta();
}

pub fn build() -> n::CAMELContract {
    n::CAMELContract {
        alpha_configuration: Default::default(),
        beta_configuration: Default::default(),
        ..Default::default()
    }
}

pub fn read(c: &n::CAMELContract) {
    let _: &api::alpha::Configuration = &c.alpha_configuration;
    let _: &api::beta::Configuration = &c.beta_configuration;
}

pub fn route(r: &n::Request) -> &'static str {
    match r {
        n::Request::Alpha(_) => "alpha",
        n::Request::Beta(_) => "beta",
        _ => "another mixin",
    }
}

pub async fn dispatch(r: n::Request) -> Result<n::Response, api::NotImplemented> {
    r.dispatch(&Impl).await
}

pub fn constants() {
    let _: &str = n::NODE_NAME;
    let _: api::NodeType = n::NODE_TYPE;
    let _: api::Version = n::VERSION;
    let _: &str = n::DESCRIPTION;
    let _: &[api::nodes::SubcontractSpec] = n::SUBCONTRACTS;
    let _: &i64 = &n::PROCESSING.batch_size;
    let _: &&[&str] = &n::PROCESSING.formats;
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_override_file_of_old_values_loads() {
        let text = r##"{"alpha_configuration": {"retries": 3}, "beta_configuration": {"enabled": true}}"##;
        let c: super::n::CAMELContract = serde_json::from_str(text).unwrap();
        assert_eq!(c, super::n::CAMELContract::default());
    }
}
"###;
    template.replace("MODULE", module).replace("CAMEL", &camel)
}

#[test]
fn node_code_written_against_old_compiles_against_new_exactly_when_the_rule_says_so() {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("diff-compile-nodes");
    let rule = |code: &str| rules::by_code(code).unwrap();
    for code in RUST_VISIBLE_MAJOR_NODES {
        assert_eq!(rule(code).bump, Bump::Major, "{code}");
    }
    let compatible: Vec<&node_pairs::NodePair> =
        node_pairs::NODE_PAIRS.iter().filter(|p| rule(p.code).bump < Bump::Major).collect();
    let breaking: Vec<&node_pairs::NodePair> =
        node_pairs::NODE_PAIRS.iter().filter(|p| RUST_VISIBLE_MAJOR_NODES.contains(&p.code)).collect();
    assert!(compatible.len() >= 4, "every minor and patch node rule has a pair");
    // Every pair's node under its own name, beside the mixins, in one crate per kind of NEW.
    let module = |p: &node_pairs::NodePair| format!("node_{}", module_of(p.code));
    let contracts = |list: &[&node_pairs::NodePair], new: bool| -> Vec<(String, String)> {
        let mut files: Vec<(String, String)> =
            node_pairs::MIXINS.iter().map(|(f, t)| (f.to_string(), t.to_string())).collect();
        for p in list {
            let text = if new { p.new_text() } else { node_pairs::NODE.to_string() };
            let named = text.replacen("node_name: \"base_node\"", &format!("node_name: \"{}\"", module(p)), 1);
            files.push((format!("nodes/{}/v1_0_0/contract.yaml", module(p)), named));
        }
        files
    };
    let all: Vec<&node_pairs::NodePair> = compatible.iter().chain(&breaking).copied().collect();
    let crates = root.join("crates");
    api_crate(&crates.join("api_nodes_old"), "api_nodes_old", &contracts(&all, false));
    api_crate(&crates.join("api_nodes_compatible"), "api_nodes_compatible", &contracts(&compatible, true));
    api_crate(&crates.join("api_nodes_breaking"), "api_nodes_breaking", &contracts(&breaking, true));
    let witnesses = |list: &[&node_pairs::NodePair]| -> Vec<(String, String)> {
        list.iter().map(|p| (module(p), node_witness(&module(p)))).collect()
    };
    user_crate(&crates.join("user_nodes_old"), "user_nodes_old", "api_nodes_old", &witnesses(&all));
    user_crate(
        &crates.join("user_nodes_compatible"),
        "user_nodes_compatible",
        "api_nodes_compatible",
        &witnesses(&compatible),
    );
    user_crate(&crates.join("user_nodes_breaking"), "user_nodes_breaking", "api_nodes_breaking", &witnesses(&breaking));
    write(
        &crates.join("Cargo.toml"),
        "[workspace]\nmembers = [\"api_nodes_old\", \"api_nodes_compatible\", \"api_nodes_breaking\", \"user_nodes_old\", \"user_nodes_compatible\", \"user_nodes_breaking\"]\nresolver = \"2\"\n",
    );
    let target: PathBuf = Path::new(env!("CARGO_TARGET_TMPDIR")).join("compile").join("target");

    // OLD's users, and every compatible NEW: they build and their tests pass.
    let (ok, out) =
        cargo(&crates, &target, &["test", "--quiet", "-p", "user_nodes_old", "-p", "user_nodes_compatible"]);
    assert!(ok, "code written against OLD's node does not build against a minor/patch NEW:\n{out}");
    let passed: usize =
        out.lines().filter_map(|l| l.strip_prefix("test result: ok. ")?.split(' ').next()?.parse::<usize>().ok()).sum();
    assert_eq!(passed, all.len() + compatible.len(), "one override-file test per node module:\n{out}");

    // Every Rust-visible major NEW: the same code fails, in that rule's module.
    let (ok, out) =
        cargo(&crates, &target, &["check", "--quiet", "-p", "user_nodes_breaking", "--message-format", "short"]);
    assert!(!ok, "code written against OLD's node built against every major NEW:\n{out}");
    let quiet: Vec<&str> = breaking
        .iter()
        .map(|p| p.code)
        .filter(|code| !out.contains(&format!("src/node_{}.rs:", module_of(code))))
        .collect();
    assert!(quiet.is_empty(), "no compile error for the major node rules {quiet:?}:\n{out}");
}
