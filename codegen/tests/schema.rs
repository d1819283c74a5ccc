//! The JSON Schemas, checked with a JSON Schema validator (the `jsonschema` crate, draft 2020-12):
//! the schemas are valid schemas, every real contract passes the format's schema, contracts that
//! break a rule the schema can say fail both the schema and the validator, and configurations
//! pass or fail their config schema as the generated types read them.
#![cfg(feature = "schema")]

use mixin_codegen::Builder;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("schema").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes the schemas for `inputs` and reads one back.
fn schema_of(name: &str, inputs: &[PathBuf], file: &str) -> Value {
    let out = scratch(name);
    Builder::new().inputs(inputs).schema_out(&out).emit_rerun_directives(false).schemas().expect("valid contracts");
    serde_json::from_str(&std::fs::read_to_string(out.join(file)).unwrap()).unwrap()
}

fn contract_schema() -> jsonschema::Validator {
    let schema = schema_of("format", &[workspace().join("mixins")], "mixin-contract.schema.json");
    jsonschema::meta::validate(&schema).expect("a valid draft 2020-12 schema");
    jsonschema::draft202012::new(&schema).expect("compiles")
}

fn yaml_to_json(text: &str) -> Value {
    let yaml: serde_yaml::Value = serde_yaml::from_str(text).unwrap();
    serde_json::to_value(yaml).unwrap()
}

fn contracts_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    files
}

fn errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator.iter_errors(instance).map(|e| format!("{} at {}", e, e.instance_path())).collect()
}

#[test]
fn committed_schemas_are_current() {
    let report = Builder::new()
        .input(workspace().join("mixins"))
        .schema_out(workspace().join("generated-example/schema"))
        .emit_rerun_directives(false)
        .check_schemas()
        .expect("contracts in mixins/ are valid");
    let stale: Vec<String> = report.stale.iter().map(|f| f.path.display().to_string()).collect();
    assert!(
        stale.is_empty(),
        "generated-example/schema/ is stale: {stale:?}; run `cargo run -p mixin-codegen --features cli -- schema mixins --out generated-example/schema`"
    );
}

#[test]
fn every_real_contract_passes_the_format_schema() {
    let validator = contract_schema();
    let files: Vec<PathBuf> = contracts_in(&workspace().join("mixins"))
        .into_iter()
        .chain(contracts_in(&workspace().join("tests/corpus/mixins")))
        .collect();
    assert!(files.len() >= 15, "{files:?}");
    for file in files {
        let instance = yaml_to_json(&std::fs::read_to_string(&file).unwrap());
        let errors = errors(&validator, &instance);
        assert!(errors.is_empty(), "{}: {errors:?}", file.display());
    }
}

#[test]
fn every_property_has_a_description() {
    fn walk(v: &Value, at: &str, missing: &mut Vec<String>) {
        match v {
            Value::Object(map) => {
                for (k, child) in map {
                    match (k.as_str(), child) {
                        // A map of property names to schemas, not a schema itself.
                        ("properties" | "$defs", Value::Object(props)) => {
                            for (name, p) in props {
                                if k == "properties" && p.get("description").is_none() {
                                    missing.push(format!("{at}/properties/{name}"));
                                }
                                walk(p, &format!("{at}/{k}/{name}"), missing);
                            }
                        }
                        _ => walk(child, &format!("{at}/{k}"), missing),
                    }
                }
            }
            Value::Array(items) => items.iter().enumerate().for_each(|(i, c)| walk(c, &format!("{at}/{i}"), missing)),
            _ => {}
        }
    }
    let out = scratch("described");
    Builder::new().input(workspace().join("mixins")).schema_out(&out).emit_rerun_directives(false).schemas().unwrap();
    for entry in std::fs::read_dir(&out).unwrap() {
        let path = entry.unwrap().path();
        let schema: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let mut missing = Vec::new();
        walk(&schema, "#", &mut missing);
        assert!(missing.is_empty(), "{}: properties without a description: {missing:?}", path.display());
    }
}

const GOOD: &str = r#"mixin_name: "mixin_probe"
mixin_version: {major: 1, minor: 2, patch: 3}
description: "Probes things"
applicable_node_types: ["EFFECT", "COMPUTE"]
actions:
  - name: "probe"
    description: "Probe one target"
    inputs: [{name: "target", type: "string"}, "depth"]
    outputs: ["probe_result"]
    required: true
    timeout_ms: 300000
output_models:
  probe_result:
    status: "string"
probe_config:
  retries: 3
metrics:
  - name: "probe:latency_ms"
    type: "histogram"
    description: "Latency"
    labels: ["target"]
    buckets: [1, 10, 100]
dependencies:
  - name: "probing"
    type: "capability"
    description: "Probing"
requires_dependencies:
  - name: "network"
    type: "resource"
    description: "A network"
    optional: true
"#;

/// Whether the validator (the library) finds an error in the contract.
fn validator_rejects(name: &str, text: &str) -> bool {
    let dir = scratch(name);
    let file = dir.join("mixin_probe.yaml");
    std::fs::write(&file, text).unwrap();
    Builder::new()
        .input(&file)
        .untyped_names(mixin_codegen::UntypedNames::Allow)
        .validate()
        .map_or(true, |r| r.diagnostics.iter().any(|d| d.severity == mixin_codegen::Severity::Error))
}

#[test]
fn contracts_breaking_a_rule_fail_the_schema_and_the_validator_alike() {
    let validator = contract_schema();
    assert!(errors(&validator, &yaml_to_json(GOOD)).is_empty(), "{:?}", errors(&validator, &yaml_to_json(GOOD)));
    assert!(!validator_rejects("good", GOOD));
    let broken: &[(&str, &str, &str)] = &[
        ("missing-description", "description: \"Probes things\"\n", ""),
        ("bad-name", "mixin_name: \"mixin_probe\"", "mixin_name: \"Mixin-Probe\""),
        ("double-underscore", "mixin_name: \"mixin_probe\"", "mixin_name: \"mixin_pro__be\""),
        ("trailing-underscore", "mixin_name: \"mixin_probe\"", "mixin_name: \"mixin_probe_\""),
        ("node-type", "[\"EFFECT\", \"COMPUTE\"]", "[\"EFFECT\", \"COMPUTR\"]"),
        ("no-node-types", "[\"EFFECT\", \"COMPUTE\"]", "[]"),
        ("version-string", "{major: 1, minor: 2, patch: 3}", "\"1.2.3\""),
        ("version-negative", "minor: 2", "minor: -2"),
        ("version-missing-patch", ", patch: 3}", "}"),
        ("timeout-zero", "timeout_ms: 300000", "timeout_ms: 0"),
        ("timeout-too-long", "timeout_ms: 300000", "timeout_ms: 300001"),
        ("timeout-text", "timeout_ms: 300000", "timeout_ms: \"5s\""),
        ("required-text", "required: true", "required: \"yes\""),
        ("no-actions", "actions:\n  - name: \"probe\"", "actions: []\nunused:\n  - name: \"probe\""),
        ("metric-type", "type: \"histogram\"", "type: \"histogrm\""),
        ("buckets-on-counter", "type: \"histogram\"", "type: \"counter\""),
        ("metric-name", "name: \"probe:latency_ms\"", "name: \"9probe\""),
        ("label-name", "labels: [\"target\"]", "labels: [\"__target\"]"),
        ("label-chars", "labels: [\"target\"]", "labels: [\"tar-get\"]"),
        ("bucket-text", "buckets: [1, 10, 100]", "buckets: [1, \"ten\"]"),
        ("dependency-type", "type: \"capability\"", "type: \"capabilities\""),
        ("dependency-optional-text", "optional: true", "optional: \"true\""),
        ("io-without-type", "{name: \"target\", type: \"string\"}", "{name: \"target\"}"),
    ];
    for (name, from, to) in broken {
        assert!(GOOD.contains(from), "{name}: {from:?} is not in the contract");
        let text = GOOD.replacen(from, to, 1);
        assert!(validator_rejects(name, &text), "{name}: the validator accepts it:\n{text}");
        let errors = errors(&validator, &yaml_to_json(&text));
        assert!(!errors.is_empty(), "{name}: the schema accepts what the validator rejects:\n{text}");
    }
}

/// The schema's name patterns say what the validator's functions say: names on either side of
/// every rule, in contracts that differ in nothing else.
#[test]
fn name_patterns_agree_with_the_validator() {
    let validator = contract_schema();
    let mixin_names =
        ["mixin_a", "mixin_a1_b2", "mixin_", "mixin_1a", "mixin_a__b", "mixin_a_", "mixin_A", "mix_a", "mixin_a-b"];
    let metric_names = ["a", "_a", ":a", "a:b_c9", "9a", "a-b", "a b", "é"];
    let label_names = ["a", "_a", "a9", "__a", "9a", "a:b", "a-b"];
    let mut checked = 0;
    let cases = mixin_names
        .iter()
        .map(|n| GOOD.replacen("mixin_probe", n, 1))
        .chain(metric_names.iter().map(|n| GOOD.replacen("probe:latency_ms", n, 1)))
        .chain(label_names.iter().map(|n| GOOD.replacen("labels: [\"target\"]", &format!("labels: [{n:?}]"), 1)));
    for (i, text) in cases.enumerate() {
        let by_schema = errors(&validator, &yaml_to_json(&text)).is_empty();
        let by_validator = !validator_rejects(&format!("pattern-{i}"), &text);
        assert_eq!(by_schema, by_validator, "schema and validator disagree on:\n{text}");
        checked += usize::from(!by_schema);
    }
    assert!(checked >= 10, "the cases must include names both sides reject ({checked})");
}

fn config_schema(module: &str) -> jsonschema::Validator {
    let schema = schema_of(
        &format!("config-{module}"),
        &[workspace().join(format!("mixins/mixin_{module}.yaml"))],
        &format!("{module}.config.schema.json"),
    );
    jsonschema::meta::validate(&schema).expect("a valid draft 2020-12 schema");
    jsonschema::draft202012::new(&schema).expect("compiles")
}

#[test]
fn config_schemas_take_partial_overrides_and_refuse_misspelt_or_ill_typed_keys() {
    let error_handling = config_schema("error_handling");
    for ok in [
        json!({}),
        json!({"circuit_failure_threshold": 10}),
        json!({"retriable_error_types": ["X"], "enable_error_metrics": false}),
    ] {
        assert!(errors(&error_handling, &ok).is_empty(), "{ok}: {:?}", errors(&error_handling, &ok));
    }
    for bad in [
        json!({"circuit_failure_thresold": 10}),
        json!({"circuit_failure_threshold": "ten"}),
        json!({"circuit_failure_threshold": 1.5}),
        json!({"retriable_error_types": "TimeoutError"}),
        json!({"enable_circuit_breaker": "true"}),
    ] {
        assert!(!errors(&error_handling, &bad).is_empty(), "{bad} passes");
    }
    // Several sections: one key per section, each strict inside.
    let external = config_schema("external_dependencies");
    assert!(errors(&external, &json!({"circuit_breaker_config": {}})).is_empty());
    assert!(!errors(&external, &json!({"circuit_breaker": {}})).is_empty());
    assert!(!errors(&external, &json!({"external_dependency_config": {"retry_policy": {"max_atempts": 1}}})).is_empty());
    // A declared map: any key, values of the declared shape, strict inside.
    let rate = config_schema("rate_limiting");
    let ok = json!({"per_key_overrides": {"any_api": {"requests_per_second": 1, "burst_capacity": 2}}});
    assert!(errors(&rate, &ok).is_empty(), "{:?}", errors(&rate, &ok));
    let bad = json!({"per_key_overrides": {"any_api": {"requests_per_second": 1, "burst": 2}}});
    assert!(!errors(&rate, &bad).is_empty());
}

#[test]
fn every_config_schema_holds_the_contracts_own_values() {
    // The schema's `default`s are the contract's values: together they must pass the schema.
    for file in contracts_in(&workspace().join("mixins")) {
        let module = file.file_stem().unwrap().to_str().unwrap().trim_start_matches("mixin_").to_string();
        let validator = config_schema(&module);
        let schema = schema_of(
            &format!("defaults-{module}"),
            std::slice::from_ref(&file),
            &format!("{module}.config.schema.json"),
        );
        let defaults: serde_json::Map<String, Value> = schema["properties"]
            .as_object()
            .map(|p| p.iter().filter_map(|(k, v)| Some((k.clone(), v.get("default")?.clone()))).collect())
            .unwrap_or_default();
        let instance = Value::Object(defaults);
        assert!(errors(&validator, &instance).is_empty(), "{module}: {:?}", errors(&validator, &instance));
    }
}

const NODE: &str = r#"node_name: "api_client_effect"
node_type: "EFFECT"
version: "1.0.0"
description: "Calls partner APIs with retries and a circuit breaker"
subcontracts:
  - path: "../../../mixins/mixin_error_handling.yaml"
    integration_field: "error_handling_configuration"
"#;

#[test]
fn node_contracts_pass_the_node_schema_and_broken_ones_fail() {
    let schema = schema_of("node", &[workspace().join("mixins")], "node-contract.schema.json");
    jsonschema::meta::validate(&schema).expect("a valid draft 2020-12 schema");
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    assert!(errors(&validator, &yaml_to_json(NODE)).is_empty(), "{:?}", errors(&validator, &yaml_to_json(NODE)));
    let versioned = NODE.replace("\"1.0.0\"", "{major: 1, minor: 0, patch: 0}");
    assert!(errors(&validator, &yaml_to_json(&versioned)).is_empty());
    // The real node contracts of the corpus, with all their extra sections.
    for file in contracts_in(&workspace().join("tests/corpus/nodes")) {
        let instance = yaml_to_json(&std::fs::read_to_string(&file).unwrap());
        assert!(errors(&validator, &instance).is_empty(), "{}: {:?}", file.display(), errors(&validator, &instance));
    }
    for (from, to) in [
        ("node_type: \"EFFECT\"", "node_type: \"EFECT\""),
        ("node_name: \"api_client_effect\"\n", ""),
        ("version: \"1.0.0\"", "version: \"1.0\""),
        ("integration_field: \"error_handling_configuration\"", "integration_field: \"Error-Handling\""),
        ("  - path: \"../../../mixins/mixin_error_handling.yaml\"\n    integration_field", "  - integration_field"),
        ("subcontracts:\n", "subcontracts: \"error_handling\"\nunused:\n"),
        // Every key is required, by the validator (nodes.rs: E0302-E0304) and so by the schema.
        ("version: \"1.0.0\"\n", ""),
        ("description: \"Calls partner APIs with retries and a circuit breaker\"\n", ""),
        ("subcontracts:\n", "subcontract:\n"),
    ] {
        assert!(NODE.contains(from), "{from:?}");
        let text = NODE.replacen(from, to, 1);
        assert!(!errors(&validator, &yaml_to_json(&text)).is_empty(), "the node schema accepts:\n{text}");
    }
}
