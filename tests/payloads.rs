//! Payloads (action inputs and outputs, output models and what they hold) as a user builds and
//! reads them: `Default` and struct literals, optional values, maps, and what unknown fields and
//! enum values do (README's "Payloads and configuration on the wire").

use onex_mixins::external_dependencies::ExecutionMetadata;
use onex_mixins::performance_monitoring::{self as pm, NodeSpecificMetricsItem};
use onex_mixins::rate_limiting::{
    AcquirePermitInput, BucketState, PermitResult, PermitResultDecision, RateLimitingConfig,
    RateLimitingConfigPerKeyOverridesValue as KeyLimits,
};
use onex_mixins::{event_handling, NodeType, Timestamp};
use std::collections::BTreeMap;

#[test]
fn payloads_are_built_with_default_and_a_struct_literal() {
    let metadata = ExecutionMetadata { service_name: "payments".into(), total_time_ms: 12, ..Default::default() };
    assert_eq!((metadata.operation_name.as_str(), metadata.bytes_sent), ("", 0));
    let permit = PermitResult { granted: true, ..Default::default() };
    assert!(permit.granted && permit.waited_ms == 0);
    // An enum's default is its first value in the contract.
    assert_eq!(permit.decision, PermitResultDecision::Granted);
    assert_eq!(PermitResultDecision::default(), PermitResultDecision::ALL[0]);
}

#[test]
fn timestamps_have_one_type() {
    let t: Timestamp = String::from("2024-05-01T12:00:00Z");
    let state = BucketState { last_refill: Some(t.clone()), ..Default::default() };
    let meta = ExecutionMetadata { start_time: t.clone(), ..Default::default() };
    assert_eq!(state.last_refill.as_ref(), Some(&meta.start_time));
}

#[test]
fn optional_values_may_be_absent_and_are_left_out_when_none() {
    let input: AcquirePermitInput = serde_yaml::from_str("call_key: payments_api").unwrap();
    assert_eq!(input, AcquirePermitInput { call_key: "payments_api".into(), max_wait_ms: None });
    assert_eq!(serde_json::to_string(&input).unwrap(), r#"{"call_key":"payments_api"}"#);
    let input = AcquirePermitInput { max_wait_ms: Some(50), ..input };
    assert_eq!(serde_json::to_string(&input).unwrap(), r#"{"call_key":"payments_api","max_wait_ms":50}"#);
    let state: BucketState = serde_json::from_str(r#"{"call_key":"a","tokens":1.5,"capacity":2}"#).unwrap();
    assert_eq!(state.last_refill, None);
    // A value that is not optional must be there.
    let err = serde_yaml::from_str::<AcquirePermitInput>("max_wait_ms: 5").unwrap_err();
    assert!(err.to_string().contains("missing field `call_key`"), "{err}");
}

#[test]
fn payloads_ignore_unknown_fields_but_not_unknown_enum_values() {
    // A newer peer may add fields: an older reader ignores them.
    let input: AcquirePermitInput = serde_json::from_str(r#"{"call_key":"a","priority":"high"}"#).unwrap();
    assert_eq!(input.call_key, "a");
    // An enum value it does not know is an error: it cannot act on a guess.
    let err = serde_json::from_str::<PermitResult>(
        r#"{"granted":true,"waited_ms":0,"remaining_tokens":1.0,"decision":"QUEUED"}"#,
    )
    .unwrap_err();
    assert!(err.to_string().contains("unknown variant `QUEUED`"), "{err}");
}

#[test]
fn configuration_stays_strict() {
    let err = serde_yaml::from_str::<RateLimitingConfig>("burst_capcity: 3").unwrap_err();
    assert!(err.to_string().contains("burst_capcity"), "{err}");
    // Inside a map's values too.
    let err = serde_yaml::from_str::<RateLimitingConfig>(
        "per_key_overrides:\n  orders_api: {requests_per_second: 1, burst_capacity: 2, burts: 3}",
    )
    .unwrap_err();
    assert!(err.to_string().contains("burts"), "{err}");
}

#[test]
fn a_declared_map_takes_new_keys_in_an_override() {
    let default = RateLimitingConfig::default();
    assert_eq!(
        default.per_key_overrides,
        BTreeMap::from([(
            "payments_api".to_string(),
            KeyLimits { requests_per_second: 5, burst_capacity: 10, reject_when_empty: None }
        )])
    );
    let config: RateLimitingConfig = serde_yaml::from_str(
        "requests_per_second: 80\nper_key_overrides:\n  orders_api: {requests_per_second: 20, burst_capacity: 40, reject_when_empty: true}",
    )
    .unwrap();
    assert_eq!(config.requests_per_second, 80);
    // The map's entries are replaced as a whole; every other key keeps its default.
    let keys: Vec<&str> = config.per_key_overrides.keys().map(String::as_str).collect();
    assert_eq!(keys, ["orders_api"]);
    assert_eq!(config.per_key_overrides["orders_api"].reject_when_empty, Some(true));
    assert_eq!(config.burst_capacity, default.burst_capacity);
}

#[test]
fn data_keyed_by_node_type_is_a_map_of_node_types() {
    // A data section is a static: the map is a slice of (node type, value) pairs in contract order.
    let metrics: &'static [(NodeType, &'static [NodeSpecificMetricsItem])] = pm::NODE_SPECIFIC_METRICS;
    assert_eq!(metrics.iter().map(|(n, _)| *n).collect::<Vec<_>>(), NodeType::ALL);
    let of = |node: NodeType| metrics.iter().find(|(n, _)| *n == node).map(|(_, items)| *items).unwrap();
    // One item type for all four lists (a key some items lack is optional).
    let effect: &[NodeSpecificMetricsItem] = of(NodeType::Effect);
    assert_eq!(effect[0].name, "external_call_duration");
    assert_eq!(of(NodeType::Compute)[1].labels, None);
    let events = event_handling::NODE_SPECIFIC_EVENTS;
    let reducer = events.iter().find(|(n, _)| *n == NodeType::Reducer).map(|(_, e)| e).unwrap();
    assert!(reducer.publishes.contains(&"state_updated"));
}

#[test]
fn inputs_typed_like_model_fields() {
    use onex_mixins::error_handling::{CircuitBreakerCheckOutput, ShouldRetryOutput};
    // `failure_rate` and `retry_delay_ms` have no type in the contract; the output models'
    // fields of the same name give them one.
    let out = CircuitBreakerCheckOutput { failure_rate: 12.5, ..Default::default() };
    assert_eq!(out.failure_rate, out.circuit_status.failure_rate + 12.5);
    let out = ShouldRetryOutput { retry_delay_ms: 1000, ..Default::default() };
    assert_eq!(out.retry_delay_ms, 1000_i64);
}

#[test]
fn the_generated_deserializers_keep_serde_s_rules() {
    // A key given twice is an error, as with serde's derive.
    let err = serde_json::from_str::<AcquirePermitInput>(r#"{"call_key":"a","call_key":"b"}"#).unwrap_err();
    assert!(err.to_string().contains("duplicate field `call_key`"), "{err}");
    // A struct may also come as a sequence of its fields, in order (as non-self-describing formats send it).
    let input: AcquirePermitInput = serde_json::from_str(r#"["a", 5]"#).unwrap();
    assert_eq!((input.call_key.as_str(), input.max_wait_ms), ("a", Some(5)));
    let err = serde_json::from_str::<AcquirePermitInput>(r#"["a"]"#).unwrap_err();
    assert!(err.to_string().contains("invalid length 1"), "{err}");
    // Enum values: the contract's text both ways, and serde's message for an unknown one.
    let decision: PermitResultDecision = serde_json::from_str(r#""DELAYED""#).unwrap();
    assert_eq!(decision, PermitResultDecision::Delayed);
    assert_eq!(serde_json::to_string(&decision).unwrap(), r#""DELAYED""#);
    let err = serde_json::from_str::<PermitResultDecision>(r#""LATE""#).unwrap_err();
    assert!(
        err.to_string().contains("unknown variant `LATE`, expected one of `GRANTED`, `DELAYED`, `REJECTED`"),
        "{err}"
    );
    // A config section's bounds are checked once it is read, every broken one named.
    let err = serde_yaml::from_str::<onex_mixins::health_check::HealthCheckConfig>(
        "check_interval_ms: 1\nfailure_threshold: 0",
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("`check_interval_ms` is 1") && err.contains("`failure_threshold` is 0"), "{err}");
}
