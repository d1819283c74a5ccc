//! The real generated `Configuration` types against the committed config schemas
//! (generated-example/schema/): the contract's values serialized to JSON pass their schema, and
//! an override the schema refuses is one the generated type refuses too.

use serde_json::{json, Value};

fn validator(module: &str) -> jsonschema::Validator {
    let path = format!("{}/generated-example/schema/{module}.config.schema.json", env!("CARGO_MANIFEST_DIR"));
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    jsonschema::draft202012::new(&schema).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Each mixin's `Configuration::default()` as JSON, and whether an override deserializes.
macro_rules! mixins {
    ($($module:ident),* $(,)?) => {
        fn defaults() -> Vec<(&'static str, Value)> {
            vec![$((
                stringify!($module),
                serde_json::to_value(onex_mixins::$module::Configuration::default()).unwrap(),
            )),*]
        }

        fn reads(module: &str, value: &Value) -> bool {
            match module {
                $(stringify!($module) => {
                    serde_json::from_value::<onex_mixins::$module::Configuration>(value.clone()).is_ok()
                })*
                other => panic!("no mixin {other}"),
            }
        }
    };
}

mixins!(
    aggregation_window,
    error_handling,
    event_handling,
    external_dependencies,
    health_check,
    introspection,
    performance_monitoring,
    rate_limiting,
    state_management,
);

#[test]
fn every_default_configuration_passes_its_schema() {
    let all = defaults();
    let committed = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/generated-example/schema"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".config.schema.json"))
        .count();
    assert_eq!(all.len(), committed, "a config schema per mixin, and every mixin listed here");
    for (module, value) in all {
        let errors: Vec<String> = validator(module).iter_errors(&value).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{module}: {errors:?}\n{value:#}");
    }
}

#[test]
fn schema_and_generated_type_agree_on_overrides() {
    let cases: &[(&str, Value, bool)] = &[
        ("error_handling", json!({"circuit_failure_threshold": 10}), true),
        ("error_handling", json!({}), true),
        ("error_handling", json!({"circuit_failure_thresold": 10}), false),
        ("error_handling", json!({"circuit_failure_threshold": "ten"}), false),
        ("error_handling", json!({"error_retry_backoff_multiplier": 3}), true),
        ("error_handling", json!({"retriable_error_types": "TimeoutError"}), false),
        ("external_dependencies", json!({"circuit_breaker_config": {}}), true),
        ("external_dependencies", json!({"circuit_breaker_confi": {}}), false),
        ("external_dependencies", json!({"external_dependency_config": {"retry_policy": {"max_atempts": 1}}}), false),
        ("rate_limiting", json!({"per_key_overrides": {"x": {"requests_per_second": 1, "burst_capacity": 2}}}), true),
        ("rate_limiting", json!({"per_key_overrides": {"x": {"requests_per_second": 1, "burst": 2}}}), false),
        ("aggregation_window", json!({"unknown": 1}), false),
        // Field-spec bounds: the schema says what deserializing refuses, at both edges.
        ("error_handling", json!({"circuit_failure_threshold": 100}), true),
        ("error_handling", json!({"circuit_failure_threshold": 101}), false),
        ("error_handling", json!({"circuit_failure_threshold": 1}), true),
        ("error_handling", json!({"error_retry_attempts": 0}), false),
        ("health_check", json!({"timeout_ms": 99}), false),
        ("health_check", json!({"timeout_ms": 100}), true),
    ];
    for (module, value, ok) in cases {
        let by_schema = validator(module).is_valid(value);
        assert_eq!(by_schema, *ok, "{module} {value}: schema says {by_schema}");
        assert_eq!(reads(module, value), *ok, "{module} {value}: the generated type disagrees");
    }
}
