//! Generated code compiles (issue 3 item 6, issue 4 item 6, issue 3 items 4-5).
//!
//! One throwaway workspace under `CARGO_TARGET_TMPDIR` with two crates, built by ONE `cargo test`
//! run (plus one `cargo clippy` run when clippy is installed), with `RUSTFLAGS=-D warnings`:
//! - `checked` (serde + serde_json): a batch of 20 random valid contracts; mixins/ with type
//!   overrides (`Duration`, `BTreeMap<String, String>`, an `.io_type`); mixins/ blocking with
//!   serde_json's `Value` as the fallback; the keyword/hostile contract of
//!   tests/support/tricky.rs, whose keyword names are round-tripped through serde_json by a test
//!   inside the crate, and whose doc comments must give no doctest (each hostile code block is a
//!   `compile_error!`, and the doctest run must report 0 tests);
//! - README's examples (in `checked`): its `type_attribute` row, its serde_yaml override snippet, and
//!   its claims that blocking traits are trait objects and async ones generics;
//! - `noserde` (no dependencies at all): mixins/ generated with `.serde(false)`, blocking and async.
//!
//! Every mixins/ build also takes the node contracts of nodes/, and the `overrides` one the two
//! real node contracts of tests/corpus/nodes/ (their paths pointed at mixins/), so node modules
//! compile in every option set.

#[path = "support/corpus_nodes.rs"]
mod corpus_nodes;
#[path = "support/gen.rs"]
mod gen;
#[path = "support/tricky.rs"]
mod tricky;

#[path = "support/cargo.rs"]
mod cargo_run;
use cargo_run::cargo;
use mixin_codegen::Builder;
use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn generate(builder: Builder, out: &Path) {
    let _ = std::fs::remove_dir_all(out);
    builder.out_dir(out).emit_rerun_directives(false).generate().unwrap_or_else(|e| panic!("{e}"));
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    // Leave unchanged files alone so cargo's incremental state survives reruns.
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::write(path, text).unwrap();
    }
}

fn module(name: &str, doc: &str, dir: &Path) -> String {
    format!("/// {doc}\npub mod {name} {{\n    include!({:?});\n}}\n", dir.join("mixins.rs").display().to_string())
}

const ROUND_TRIP: &str = r#"
#[cfg(test)]
mod tests {
    use crate::security::keywords as k;
    use serde_json::{json, Value};

    fn keys(v: &Value) -> Vec<String> {
        let mut keys: Vec<String> = v.as_object().expect("an object").keys().cloned().collect();
        keys.sort();
        keys
    }

    #[test]
    fn keyword_config_keys_keep_their_wire_names() {
        let config = serde_json::to_value(k::kw_config()).unwrap();
        assert_eq!(
            keys(&config),
            ["async", "crate", "dyn", "fn", "impl", "match", "note", "self", "super", "type"]
        );
        assert_eq!(keys(&config["crate"]), ["Self", "mod"]);
        assert_eq!(config["type"], "t");
        assert_eq!(config["self"], 2.5);
        assert_eq!(config["crate"]["Self"], "S");
        // A partial override keeps the other defaults.
        let over: k::KwConfig = serde_json::from_value(json!({"fn": 7, "crate": {"Self": "T"}})).unwrap();
        assert_eq!(over.r#fn, 7);
        assert_eq!(over.crate_.self_, "T");
        assert_eq!(over.self_, 2.5);
    }

    #[test]
    fn keyword_model_fields_round_trip() {
        let wire = json!({"type": "t", "async": "a", "fn": 1, "self": true, "super": 0.5, "crate": "A", "match": ["x"]});
        let model: k::KwModel = serde_json::from_value(wire.clone()).unwrap();
        assert!(model.self_);
        assert_eq!(model.r#type, "t");
        assert_eq!(serde_json::to_value(&model).unwrap(), wire);
    }

    #[test]
    fn keyword_action_inputs_and_enum_values_round_trip() {
        let wire = json!({"async": "x", "self": 3, "crate": true});
        let input: k::TypeInput = serde_json::from_value(wire.clone()).unwrap();
        assert_eq!(input.self_, 3);
        assert_eq!(serde_json::to_value(&input).unwrap(), wire);
        for value in ["Self", "self_x", "None", "Some", "Ok", "Err", "type"] {
            let out: k::TypeOutput = serde_json::from_value(json!({"fn": value})).unwrap();
            assert_eq!(out.r#fn.as_str(), value);
            assert_eq!(out.r#fn.to_string(), value);
            assert_eq!(value.parse::<k::TypeOutputFn>().unwrap(), out.r#fn);
            assert_eq!(serde_json::to_value(&out).unwrap(), json!({"fn": value}));
        }
        assert!(k::DESCRIPTION.contains("fn evil() {}"));
    }

    #[test]
    fn empty_config_defaults_take_a_later_override() {
        use crate::empty::empty_defaults as e;
        // `templates: {}`, `nested.list: []`: an override fills them and keeps every other default.
        let c: e::EmptyDefaultsConfig =
            serde_json::from_value(json!({"templates": {"a": 1}, "nested": {"list": ["x", 2]}})).unwrap();
        assert_eq!(c.templates.len(), 1);
        assert_eq!(c.nested.list.len(), 2);
        assert_eq!(c.nested.keep, "kept");
        assert_eq!(c.plain, 1);
        assert_eq!(e::EmptyDefaultsConfig::default(), e::empty_defaults_config());
        let err = serde_json::from_value::<e::EmptyDefaultsConfig>(json!({"nested": {"typo": 1}})).unwrap_err();
        assert!(err.to_string().contains("typo"), "{err}");
        // The same shapes in a data section are empty slices in a static.
        assert!(e::EMPTY_DATA.templates.is_empty() && e::EMPTY_DATA.nested.list.is_empty());
        assert_eq!(e::EMPTY_DATA.nested.keep, "kept");
    }

    #[test]
    fn blocking_dispatch_calls_the_method_the_request_names() {
        use crate::blocking::error_handling as eh;
        struct N;
        impl crate::blocking::Node for N {
            type Error = crate::blocking::NotImplemented;
        }
        impl eh::ErrorHandlingActions for N {
            fn handle_error(&self, input: eh::HandleErrorInput) -> Result<eh::HandleErrorOutput, Self::Error> {
                Ok(eh::HandleErrorOutput { recovery_actions: input.error_info, ..Default::default() })
            }
        }
        let request: eh::Request =
            serde_json::from_value(json!({"action": "handle_error", "input": {"error_info": "disk", "error_context": null, "handling_strategy": null}})).unwrap();
        let response = request.dispatch(&N).unwrap();
        assert_eq!(serde_json::to_value(&response).unwrap()["output"]["recovery_actions"], "disk");
        let err = eh::Request::ShouldRetry(Default::default()).dispatch(&N).unwrap_err();
        assert_eq!(err.action, "should_retry");
    }

    #[test]
    fn overridden_types_are_used() {
        let _: fn(&crate::overrides::rate_limiting::BucketState) -> &Option<std::time::Duration> = |b| &b.last_refill;
        let _: fn(&crate::overrides::error_handling::ShouldRetryInput) -> &u32 = |i| &i.attempt_number;
        let _: fn(&crate::blocking::error_handling::ShouldRetryInput) -> &serde_json::Value = |i| &i.error_type;
    }

    #[test]
    fn node_contracts_read_overrides_in_every_build() {
        use crate::overrides::nodes::canary_compute as compute;
        let c: compute::CanaryComputeContract =
            serde_json::from_value(json!({"error_handling_configuration": {"circuit_failure_threshold": 9}})).unwrap();
        assert_eq!(c.error_handling_configuration.circuit_failure_threshold, 9);
        assert_eq!(c.health_check_configuration, compute::CanaryComputeContract::default().health_check_configuration);
        assert_eq!(compute::ALGORITHM.factors.group_correlation.weight, 0.4);
        assert_eq!(crate::overrides::nodes::canary_reducer::STATE_TRANSITIONS.r#ref, "contracts/fsm_subcontract.yaml");
        let _: fn(&crate::blocking::nodes::api_client_effect::ApiClientEffectContract) -> bool =
            |c| c.error_handling_configuration.enable_circuit_breaker;
    }
}
"#;

/// Field specs: every bound kind, an enum, a nested spec and a list with item bounds.
const FIELD_SPECS: &str = r#"mixin_name: "mixin_bounded"
mixin_version: {major: 1, minor: 0, patch: 0}
description: "Bounds"
applicable_node_types: ["EFFECT"]
actions:
  - name: "get"
    description: "Get"
    inputs: []
    outputs: [{name: "value", type: "string"}]
    required: true
    timeout_ms: 100
bounded_config:
  plain: 5
  threshold: {type: integer, default: 5, minimum: 1, maximum: 100, description: "Failures before opening"}
  ratio: {type: number, default: 0.5, exclusiveMinimum: 0, exclusiveMaximum: 1}
  name: {type: string, default: "abc", minLength: 1, maxLength: 8}
  level: {type: string, default: "INFO", enum: ["DEBUG", "INFO", "WARN"]}
  ports: {type: array, default: [80, 443], minItems: 1, maxItems: 4, items: {type: integer, minimum: 1, maximum: 65535}}
  tags: {type: array, default: ["a"], items: "string", maxItems: 3}
  retry:
    attempts: {type: integer, default: 3, minimum: 1, maximum: 10}
    delay_ms: 100
"#;

const SCREAMING: &str = r#"#[serde(rename_all = "SCREAMING_SNAKE_CASE")]"#;

/// A test inside the generated crate: a `#[serde(..)]` given by `type_attribute` reaches both
/// directions, and deserializing still keeps defaults, refuses unknown keys and checks bounds.
const RENAMED_SERDE: &str = r#"
#[cfg(test)]
mod renamed_keys {
    use crate::renamed::bounded::{BoundedConfig, BoundedConfigLevel};
    use serde_json::json;

    #[test]
    fn a_serde_attribute_from_type_attribute_reaches_serialize_and_deserialize() {
        let written = serde_json::to_value(BoundedConfig::default()).unwrap();
        assert_eq!(written["THRESHOLD"], 5);
        assert_eq!(written["RETRY"]["ATTEMPTS"], 3);
        assert_eq!(written["LEVEL"], "INFO", "an enum keeps its contract text");
        assert_eq!(serde_json::from_value::<BoundedConfig>(written).unwrap(), BoundedConfig::default());
        let over: BoundedConfig = serde_json::from_value(json!({"THRESHOLD": 7, "RETRY": {"DELAY_MS": 5}})).unwrap();
        assert_eq!((over.threshold, over.retry.delay_ms, over.retry.attempts), (7, 5, 3));
        assert_eq!(over.level, BoundedConfigLevel::Info);
        let e = serde_json::from_value::<BoundedConfig>(json!({"THRESHOLD": 0})).unwrap_err().to_string();
        assert!(e.contains("`threshold` is 0, below the minimum 1"), "{e}");
        let e = serde_json::from_value::<BoundedConfig>(json!({"RETRY": {"ATTEMPTS": 11}})).unwrap_err().to_string();
        assert!(e.contains("`retry.attempts` is 11, above the maximum 10"), "{e}");
        let e = serde_json::from_value::<BoundedConfig>(json!({"threshold": 7})).unwrap_err().to_string();
        assert!(e.contains("unknown field `threshold`"), "{e}");
    }
}
"#;

/// Tests inside the generated crates: bounds at every edge, through serde_json and `validate()`.
const BOUNDS_SERDE: &str = r#"
#[cfg(test)]
mod bounds {
    use crate::specs::bounded::{BoundedConfig, BoundedConfigLevel};
    use serde_json::json;

    fn parse(v: serde_json::Value) -> Result<BoundedConfig, String> {
        serde_json::from_value::<BoundedConfig>(v).map_err(|e| e.to_string())
    }

    #[test]
    fn every_bound_holds_at_its_edges_when_deserializing() {
        assert_eq!(parse(json!({})).unwrap(), BoundedConfig::default());
        let ok = [
            json!({"threshold": 1}), json!({"threshold": 100}),
            json!({"ratio": 0.0001}), json!({"ratio": 0.9999}),
            json!({"name": "a"}), json!({"name": "abcdefgh"}),
            json!({"ports": [1]}), json!({"ports": [1, 2, 3, 65535]}),
            json!({"tags": ["a", "b", "c"]}), json!({"tags": []}),
            json!({"retry": {"attempts": 1}}), json!({"retry": {"attempts": 10}}),
        ];
        for v in ok {
            parse(v.clone()).unwrap_or_else(|e| panic!("{v}: {e}"));
        }
        let refused = [
            (json!({"threshold": 0}), "`threshold` is 0, below the minimum 1"),
            (json!({"threshold": 101}), "`threshold` is 101, above the maximum 100"),
            (json!({"ratio": 0.0}), "`ratio` is 0, not above the exclusive minimum 0"),
            (json!({"ratio": 1.0}), "`ratio` is 1, not below the exclusive maximum 1"),
            (json!({"name": ""}), "`name` is \"\" (0 characters), shorter than the minimum length 1"),
            (json!({"name": "abcdefghi"}), "longer than the maximum length 8"),
            (json!({"ports": []}), "`ports` is a list of 0 items, fewer than the minimum of 1 items"),
            (json!({"ports": [1, 2, 3, 4, 5]}), "more than the maximum of 4 items"),
            (json!({"ports": [80, 0]}), "`ports[1]` is 0, below the minimum 1"),
            (json!({"ports": [65536]}), "`ports[0]` is 65536, above the maximum 65535"),
            (json!({"tags": ["a", "b", "c", "d"]}), "`tags` is a list of 4 items"),
            (json!({"retry": {"attempts": 0}}), "`retry.attempts` is 0, below the minimum 1"),
            (json!({"retry": {"attempts": 11}}), "`retry.attempts` is 11, above the maximum 10"),
            (json!({"level": "TRACE"}), "unknown variant `TRACE`"),
        ];
        for (v, words) in refused {
            let e = parse(v.clone()).expect_err(&v.to_string());
            assert!(e.contains(words), "{v}: {e}");
        }
    }

    #[test]
    fn validate_lists_every_violation_of_a_value_built_in_code() {
        assert_eq!(BoundedConfig::default().validate(), Ok(()));
        let mut c = BoundedConfig { threshold: 0, name: String::new(), ..Default::default() };
        c.retry.attempts = 11;
        c.ports = vec![0, 80];
        c.ratio = 1.0;
        let e = c.validate().unwrap_err();
        let fields: Vec<&str> = e.violations.iter().map(|v| v.field.as_str()).collect();
        assert_eq!(fields, ["threshold", "ratio", "name", "ports[0]", "retry.attempts"]);
        assert_eq!(e.violations[0].value, "0");
        assert_eq!(e.violations[0].bound, crate::specs::Bound::Minimum(1.0));
        assert!(e.to_string().contains("`retry.attempts` is 11, above the maximum 10"), "{e}");
        let _: &dyn std::error::Error = &e;
        // Each edge, inclusive and exclusive.
        for (threshold, ok) in [(1, true), (100, true), (0, false), (101, false)] {
            assert_eq!(BoundedConfig { threshold, ..Default::default() }.validate().is_ok(), ok, "{threshold}");
        }
        for (ratio, ok) in [(0.0, false), (1.0, false), (1e-9, true), (0.999, true), (f64::NAN, false)] {
            assert_eq!(BoundedConfig { ratio, ..Default::default() }.validate().is_ok(), ok, "{ratio}");
        }
        assert!(c.retry.validate().is_err(), "nested structs validate on their own too");
    }

    #[test]
    fn enum_specs_are_enums() {
        assert_eq!(BoundedConfig::default().level, BoundedConfigLevel::Info);
        assert_eq!("WARN".parse::<BoundedConfigLevel>().unwrap().to_string(), "WARN");
        assert_eq!(parse(json!({"level": "DEBUG"})).unwrap().level, BoundedConfigLevel::Debug);
    }
}
"#;

/// `validate()` without serde.
const BOUNDS_PLAIN: &str = r#"
#[cfg(test)]
mod bounds {
    use crate::specs::bounded::BoundedConfig;

    #[test]
    fn validate_works_without_serde() {
        assert!(BoundedConfig::default().validate().is_ok());
        let e = BoundedConfig { threshold: 101, ..Default::default() }.validate().unwrap_err();
        assert_eq!(e.to_string(), "`threshold` is 101, above the maximum 100");
    }
}
"#;

/// A config and a data section whose defaults are empty maps and lists, nested too.
const EMPTY_DEFAULTS: &str = r#"mixin_name: "mixin_empty_defaults"
mixin_version: {major: 1, minor: 0, patch: 0}
description: "Empty defaults that an override fills"
applicable_node_types: ["COMPUTE"]
actions:
  - name: "run"
    description: "Run"
    inputs: [{name: "n", type: "integer"}]
    outputs: []
    required: true
    timeout_ms: 10
empty_defaults_config:
  templates: {}
  nested:
    list: []
    keep: "kept"
  plain: 1
empty_data:
  templates: {}
  nested:
    list: []
    keep: "kept"
"#;

#[test]
fn generated_code_compiles_without_warnings() {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("compile");
    let gen_dir = root.join("generated");
    let mixins = workspace().join("mixins");
    let nodes = workspace().join("nodes");
    let corpus_nodes = corpus_nodes::write(&gen_dir.join("corpus-nodes"), &mixins);

    // (a) 20 random valid contracts in one folder.
    let random_in = gen_dir.join("random-contracts");
    let _ = std::fs::remove_dir_all(&random_in);
    std::fs::create_dir_all(&random_in).unwrap();
    for i in 0..20u64 {
        let seed = 0x5eed_0000 + i * 104_729;
        let yaml = gen::to_yaml(&gen::contract(seed), seed).replacen("\"mixin_x", &format!("\"mixin_r{i}x"), 1);
        std::fs::write(random_in.join(format!("c{i:02}.yaml")), yaml).unwrap();
    }
    generate(Builder::new().input(&random_in), &gen_dir.join("random"));
    // (b) mixins/ with std types for timestamp, object and the fallback (each with `Default`, as
    // payloads derive it), and an `.io_type` override.
    generate(
        Builder::new()
            .input(&mixins)
            .input(&nodes)
            .inputs(&corpus_nodes)
            .timestamp_type("std::time::Duration")
            .io_type("error_handling.should_retry.attempt_number", "u32")
            .object_type("std::collections::BTreeMap<String, String>")
            .fallback_type("std::collections::BTreeMap<String, Vec<String>>")
            .type_attribute(".", "#[allow(clippy::derive_partial_eq_without_eq)]"),
        &gen_dir.join("overrides"),
    );
    // The hostile and keyword contract (tests/security.rs checks its text).
    let tricky_in = tricky::write_keyword_folder(&gen_dir.join("tricky-contracts"));
    generate(Builder::new().input(&tricky_in), &gen_dir.join("security"));
    // Empty `{}` and `[]` defaults, in a config and in a data section.
    let empty_in = gen_dir.join("empty-contracts");
    write(&empty_in.join("mixin_empty_defaults.yaml"), EMPTY_DEFAULTS);
    generate(Builder::new().input(&empty_in), &gen_dir.join("empty"));
    let bounded_in = gen_dir.join("bounded-contracts");
    write(&bounded_in.join("mixin_bounded.yaml"), FIELD_SPECS);
    generate(Builder::new().input(&bounded_in), &gen_dir.join("bounded"));
    generate(Builder::new().input(&bounded_in).serde(false), &gen_dir.join("bounded-plain"));
    // A `#[serde(..)]` through `type_attribute`, on a config struct with bounds and the structs
    // and enum its path also matches.
    generate(
        Builder::new().input(&bounded_in).type_attribute("bounded.BoundedConfig", SCREAMING),
        &gen_dir.join("renamed"),
    );
    // (c) mixins/ blocking and without serde; async without serde; blocking with serde and
    // serde_json's `Value` as the fallback.
    generate(Builder::new().input(&mixins).input(&nodes).blocking(true).serde(false), &gen_dir.join("noserde"));
    generate(Builder::new().input(&mixins).input(&nodes).serde(false), &gen_dir.join("noserde-async"));
    generate(
        Builder::new().input(&mixins).input(&nodes).blocking(true).fallback_type("serde_json::Value"),
        &gen_dir.join("blocking"),
    );
    // (d) README's own examples, read from README.md so that an example edited there is tested.
    let readme = std::fs::read_to_string(workspace().join("README.md")).unwrap();
    let (attr_path, attr) = readme_type_attribute(&readme);
    generate(Builder::new().input(&mixins).type_attribute(&attr_path, &attr), &gen_dir.join("readme"));

    let crates = root.join("crates");
    write(&crates.join("Cargo.toml"), "[workspace]\nmembers = [\"checked\", \"noserde\"]\nresolver = \"2\"\n");
    write(
        &crates.join("checked/Cargo.toml"),
        "[package]\nname = \"checked\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\nserde = { version = \"1\", features = [\"derive\"] }\nserde_json = \"1\"\nserde_yaml = \"0.9\"\n",
    );
    let mut lib = String::from("//! Generated code under test.\n#![deny(missing_docs)]\n\n");
    lib.push_str(&module("random", "Random valid contracts.", &gen_dir.join("random")));
    lib.push_str(&module("overrides", "mixins/ with type overrides.", &gen_dir.join("overrides")));
    lib.push_str(&module(
        "blocking",
        "mixins/, blocking, serde_json's Value as the fallback.",
        &gen_dir.join("blocking"),
    ));
    // Markdown-ish descriptions trip clippy's doc_lazy_continuation (see the report).
    lib.push_str("#[allow(clippy::doc_lazy_continuation)]\n");
    lib.push_str(&module("security", "Keyword names and hostile text.", &gen_dir.join("security")));
    lib.push_str(&module("empty", "Empty defaults.", &gen_dir.join("empty")));
    lib.push_str(&module("readme", "mixins/ with README's `type_attribute` example.", &gen_dir.join("readme")));
    lib.push_str(&module("specs", "Field specs.", &gen_dir.join("bounded")));
    lib.push_str(&module("renamed", "Field specs, keys renamed by a serde attribute.", &gen_dir.join("renamed")));
    lib.push_str(ROUND_TRIP);
    lib.push_str(BOUNDS_SERDE);
    lib.push_str(RENAMED_SERDE);
    lib.push_str(&readme_examples(&readme, &attr_path, &attr));
    for dir in ["readme", "blocking", "random"] {
        lib.push_str(&trait_doc_examples(dir, &gen_dir.join(dir)));
    }
    write(&crates.join("checked/src/lib.rs"), &lib);
    write(
        &crates.join("noserde/Cargo.toml"),
        "[package]\nname = \"noserde\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[dependencies]\n",
    );
    let mut lib = String::from("//! Generated code without serde, blocking.\n#![deny(missing_docs)]\n\n");
    lib.push_str(&module("plain", "mixins/, blocking, no serde.", &gen_dir.join("noserde")));
    lib.push_str(&module("plain_async", "mixins/, async, no serde.", &gen_dir.join("noserde-async")));
    lib.push_str(&module("specs", "Field specs, no serde.", &gen_dir.join("bounded-plain")));
    lib.push_str(BOUNDS_PLAIN);
    write(&crates.join("noserde/src/lib.rs"), &lib);
    let noserde = std::fs::read_to_string(gen_dir.join("noserde/rate_limiting.rs")).unwrap();
    assert!(!noserde.contains("serde"), "serde(false) output mentions serde");

    let target = root.join("target");
    let (ok, out) = cargo(&crates, &target, &["test", "--workspace", "--quiet"]);
    assert!(ok, "cargo test on the generated code failed:\n{out}");
    // Doc-tests ran for both crates and found nothing to run: contract text is never a doctest.
    let doc_runs: Vec<&str> = out.lines().filter(|l| l.starts_with("running ")).collect();
    assert!(!out.contains("contract text ran as a doctest"), "{out}");
    assert!(out.contains("13 passed"), "the round-trip, README, bounds and renamed tests ran:\n{out}");
    assert!(out.contains("1 passed"), "the bounds test without serde ran:\n{out}");
    // The traits' examples are `ignore` blocks (built above as modules instead): rustdoc lists
    // them and runs none.
    let ran: Vec<&str> =
        out.lines().filter(|l| l.starts_with("test result:") && !l.contains(" 0 passed; 0 failed")).collect();
    assert_eq!(ran.len(), 2, "only the round-trip and bounds tests run, no doctest:\n{out}");
    assert!(doc_runs.len() >= 3, "the doctest runs were reported:\n{out}");

    let clippy =
        Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())).args(["clippy", "--version"]).output();
    if clippy.map(|o| o.status.success()).unwrap_or(false) {
        let (ok, out) = cargo(&crates, &target, &["clippy", "--workspace", "--quiet", "--", "-D", "warnings"]);
        assert!(ok, "clippy on the generated code failed:\n{out}");
    } else {
        eprintln!("clippy is not installed: skipped");
    }
}

/// The options table's `.type_attribute("path", "attribute")` example, as README.md writes it.
fn readme_type_attribute(readme: &str) -> (String, String) {
    let row = readme.lines().find(|l| l.starts_with("| `.type_attribute(")).expect("README has a type_attribute row");
    let args: Vec<&str> = row.split('"').collect();
    assert!(args.len() >= 5, "README's type_attribute example has two string arguments: {row}");
    (args[1].to_string(), args[3].to_string())
}

/// Tests built from README's examples: the derives its `type_attribute` example adds, its override
/// snippet (serde_yaml), and what it says about trait objects and generics.
fn readme_examples(readme: &str, attr_path: &str, attr: &str) -> String {
    let (module, ty) = attr_path.split_once('.').expect("a module.Type path");
    let derives = attr
        .trim_start_matches("#[derive(")
        .trim_end_matches(")]")
        .split(',')
        .map(|d| match d.trim() {
            "Hash" => "::std::hash::Hash".to_string(),
            other => other.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" + ");
    let override_snippet: String = readme
        .lines()
        .skip_while(|l| !l.starts_with("let config: crate::"))
        .take_while(|l| !l.starts_with("```"))
        .map(|l| l.replace("crate::", "crate::readme::") + "\n")
        .collect();
    assert!(override_snippet.contains("serde_yaml::from_str"), "README's override example: {override_snippet}");
    format!(
        r#"
#[cfg(test)]
mod readme_examples {{
    fn takes<T: {derives}>() {{}}

    #[test]
    fn type_attribute_example_adds_its_derives() {{
        takes::<crate::readme::{module}::{ty}>();
    }}

    #[test]
    fn override_example_keeps_other_defaults() -> Result<(), Box<dyn std::error::Error>> {{
        {override_snippet}
        let defaults = crate::readme::error_handling::ErrorHandlingConfig::default();
        assert_eq!(config.circuit_failure_threshold, 10);
        assert_eq!(config.error_retry_attempts, defaults.error_retry_attempts);
        Ok(())
    }}

    // Blocking traits work as trait objects; async ones are taken as generics.
    #[allow(dead_code)]
    fn blocking_as_object(
        node: Box<dyn crate::blocking::error_handling::ErrorHandlingActions<Error = crate::blocking::NotImplemented>>,
    ) -> Box<dyn crate::blocking::error_handling::ErrorHandlingActions<Error = crate::blocking::NotImplemented>> {{
        node
    }}
    #[allow(dead_code)]
    fn async_as_generic(node: &impl crate::readme::error_handling::ErrorHandlingActions) -> &impl crate::readme::error_handling::ErrorHandlingActions {{
        node
    }}
}}
"#
    )
}

/// Every trait's rustdoc example (an `ignore` block: its paths are the including module's),
/// each in a module of its own beside the module `dir` that includes the generated code. Mixin
/// module files only: node modules (in `nodes/`) have no actions of their own.
fn trait_doc_examples(dir: &str, generated: &Path) -> String {
    let mut files: Vec<PathBuf> = std::fs::read_dir(generated)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != "mixins.rs"))
        .collect();
    files.sort();
    let mut out = String::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let example: Vec<&str> = text
            .lines()
            .skip_while(|l| *l != "/// ```ignore")
            .skip(1)
            .take_while(|l| *l != "/// ```")
            .map(|l| l.strip_prefix("/// ").unwrap_or(l.trim_start_matches("///")))
            .collect();
        assert!(example.iter().any(|l| l.starts_with("impl Node for MyNode")), "{}: no example", file.display());
        let stem = file.file_stem().unwrap().to_string_lossy();
        out.push_str(&format!(
            "#[allow(dead_code, missing_docs)]\nmod example_{dir}_{stem} {{\n    use crate::{dir}::*;\n{}\n}}\n",
            example.join("\n")
        ));
    }
    out
}
