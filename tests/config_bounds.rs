//! The guide's Step 5 validation test ("Unit Test the Pydantic Model"), in Rust: the bounds its
//! backing model writes by hand (`circuit_failure_threshold: int = Field(default=5, ge=1, le=100)`,
//! `error_retry_attempts: int = Field(default=3, ge=1, le=10)`) are field specs in
//! mixins/mixin_error_handling.yaml, and the generated config enforces them when a value is
//! deserialized (YAML or JSON, a partial override) and through `validate()` for values built in code.

use onex_mixins::error_handling::ErrorHandlingConfig;
use onex_mixins::health_check::HealthCheckConfig;
use onex_mixins::{Bound, ConfigError};

/// `test_error_handling_subcontract_defaults`
#[test]
fn defaults() {
    let config = ErrorHandlingConfig::default();
    assert_eq!(onex_mixins::error_handling::NAME, "mixin_error_handling");
    assert_eq!(onex_mixins::error_handling::VERSION.to_string(), "1.0.0");
    assert!(config.enable_circuit_breaker);
    assert_eq!(config.error_retry_attempts, 3);
    assert_eq!(config.validate(), Ok(()));
}

/// `test_error_handling_subcontract_validation`, through a YAML override.
#[test]
fn validation_when_deserializing() {
    let config: ErrorHandlingConfig =
        serde_yaml::from_str("circuit_failure_threshold: 10\nerror_retry_attempts: 5").unwrap();
    assert_eq!(config.circuit_failure_threshold, 10);
    assert_eq!(config.error_retry_attempts, 5);

    let too_high = serde_yaml::from_str::<ErrorHandlingConfig>("circuit_failure_threshold: 101").unwrap_err();
    assert!(too_high.to_string().contains("`circuit_failure_threshold` is 101, above the maximum 100"), "{too_high}");
    let too_low = serde_yaml::from_str::<ErrorHandlingConfig>("error_retry_attempts: 0").unwrap_err();
    assert!(too_low.to_string().contains("`error_retry_attempts` is 0, below the minimum 1"), "{too_low}");
    // The same through JSON, and at the edges.
    assert!(serde_json::from_str::<ErrorHandlingConfig>(r#"{"error_retry_attempts": 11}"#).is_err());
    for edge in ["circuit_failure_threshold: 1", "circuit_failure_threshold: 100", "error_retry_attempts: 10"] {
        serde_yaml::from_str::<ErrorHandlingConfig>(edge).unwrap_or_else(|e| panic!("{edge}: {e}"));
    }
}

/// `test_error_handling_subcontract_validation`, for values built in code: every violation.
#[test]
fn validation_of_values_built_in_code() {
    let ok = ErrorHandlingConfig { circuit_failure_threshold: 10, error_retry_attempts: 5, ..Default::default() };
    assert_eq!(ok.validate(), Ok(()));
    let bad = ErrorHandlingConfig { circuit_failure_threshold: 101, error_retry_attempts: 0, ..Default::default() };
    let ConfigError { violations } = bad.validate().unwrap_err();
    let found: Vec<(&str, &str, Bound)> =
        violations.iter().map(|v| (v.field.as_str(), v.value.as_str(), v.bound)).collect();
    assert_eq!(
        found,
        [
            ("circuit_failure_threshold", "101", Bound::Maximum(100.0)),
            ("error_retry_attempts", "0", Bound::Minimum(1.0))
        ]
    );
}

/// `test_error_handling_subcontract_custom_error_types`
#[test]
fn custom_error_types() {
    let config: ErrorHandlingConfig = serde_yaml::from_str(
        "retriable_error_types: [CustomError1, CustomError2]\nfatal_error_types: [FatalCustomError]",
    )
    .unwrap();
    assert!(config.retriable_error_types.iter().any(|t| t == "CustomError1"));
    assert!(config.fatal_error_types.iter().any(|t| t == "FatalCustomError"));
    assert_eq!(config.validate(), Ok(()));
}

/// The health check's backing model bounds: interval 5 to 300 s, timeout 100 ms to 60 s.
#[test]
fn health_check_bounds() {
    let d = HealthCheckConfig::default();
    assert_eq!((d.check_interval_ms, d.timeout_ms, d.failure_threshold), (30000, 5000, 3));
    for (yaml, ok) in [
        ("check_interval_ms: 5000", true),
        ("check_interval_ms: 300000", true),
        ("check_interval_ms: 4999", false),
        ("timeout_ms: 99", false),
        ("timeout_ms: 60000", true),
        ("failure_threshold: 11", false),
    ] {
        assert_eq!(serde_yaml::from_str::<HealthCheckConfig>(yaml).is_ok(), ok, "{yaml}");
    }
    let bad = HealthCheckConfig { timeout_ms: 60001, failure_threshold: 0, ..Default::default() };
    assert_eq!(bad.validate().unwrap_err().violations.len(), 2);
}

/// The guide's YAML comments are the generated docs (`- "error_info"  # Exception details`,
/// `status: "string"  # open/closed/half_open`), and a section header documents its group.
#[test]
fn comments_become_docs() {
    let code = include_str!(concat!(env!("OUT_DIR"), "/error_handling.rs"));
    let doc_before = |item: &str| {
        let at = code.find(item).unwrap_or_else(|| panic!("no `{item}`"));
        code[..at].lines().rev().skip(1).take_while(|l| l.trim_start().starts_with("///")).collect::<Vec<_>>()
    };
    assert!(doc_before("pub error_info:").iter().any(|l| l.trim() == "/// Exception details"));
    assert!(doc_before("pub status: String").iter().any(|l| l.trim() == "/// open/closed/half_open"));
    assert!(doc_before("pub enable_circuit_breaker:")
        .iter()
        .any(|l| l.trim() == "/// Group: Circuit breaker settings."));
}
