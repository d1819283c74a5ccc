//! The integration guide's Step 5 test, in Rust: a node type implements every mixin that
//! nodes/data_processor_compute lists, reads its `DataProcessorComputeContract` (the contract's
//! defaults, then an override file), and its circuit-breaker path runs on the configuration it read.

use onex_mixins::error_handling::{self as eh, ErrorHandlingActions};
use onex_mixins::event_handling::{self as ev, EventHandlingActions};
use onex_mixins::health_check::{self as hc, HealthCheckActions};
use onex_mixins::nodes::data_processor_compute::{
    self as node, DataProcessorComputeContract, DataProcessorComputeNode,
};
use onex_mixins::performance_monitoring::{self as pm, PerformanceMonitoringActions};
use onex_mixins::{Node, NodeType, NotImplemented, Value};
use std::future::Future;
use std::pin::pin;
use std::sync::atomic::{AtomicI64, Ordering};
use std::task::{Context, Poll, Waker};

fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = future.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

#[derive(Debug, PartialEq)]
enum ProcessorError {
    NotImplemented(NotImplemented),
    CircuitOpen { failures: i64 },
    Upstream(String),
}

impl From<NotImplemented> for ProcessorError {
    fn from(e: NotImplemented) -> Self {
        ProcessorError::NotImplemented(e)
    }
}

/// A COMPUTE node whose upstream fails every call; the contract decides when its breaker opens.
struct DataProcessor {
    contract: DataProcessorComputeContract,
    failures: AtomicI64,
}

impl DataProcessor {
    fn new(contract: DataProcessorComputeContract) -> Self {
        DataProcessor { contract, failures: AtomicI64::new(0) }
    }
}

impl Node for DataProcessor {
    type Error = ProcessorError;
}

impl ErrorHandlingActions for DataProcessor {
    fn handle_error(
        &self,
        input: eh::HandleErrorInput,
    ) -> impl Future<Output = Result<eh::HandleErrorOutput, ProcessorError>> + Send {
        self.failures.fetch_add(1, Ordering::SeqCst);
        let kind = input.error_info.as_str().unwrap_or_default().to_string();
        let retriable = self.contract.error_handling_configuration.retriable_error_types.contains(&kind);
        std::future::ready(Ok(eh::HandleErrorOutput {
            error_handling_result: eh::ErrorHandlingResult {
                error_category: if retriable { "retriable" } else { "fatal" }.into(),
                recovery_possible: retriable,
                ..Default::default()
            },
            recovery_actions: Value::Null,
        }))
    }

    fn circuit_breaker_check(
        &self,
        input: eh::CircuitBreakerCheckInput,
    ) -> impl Future<Output = Result<eh::CircuitBreakerCheckOutput, ProcessorError>> + Send {
        let _ = input;
        let config = &self.contract.error_handling_configuration;
        let failures = self.failures.load(Ordering::SeqCst);
        let open = config.enable_circuit_breaker && failures >= config.circuit_failure_threshold;
        std::future::ready(Ok(eh::CircuitBreakerCheckOutput {
            circuit_status: eh::CircuitStatusResult {
                status: if open { "open" } else { "closed" }.into(),
                failure_count: failures,
                ..Default::default()
            },
            failure_rate: 1.0,
        }))
    }
}

impl HealthCheckActions for DataProcessor {
    fn health_check(&self) -> impl Future<Output = Result<hc::HealthCheckOutput, ProcessorError>> + Send {
        let interval = self.contract.health_check_configuration.check_interval_ms;
        std::future::ready(Ok(hc::HealthCheckOutput {
            health_status: hc::HealthStatus { message: format!("every {interval} ms"), ..Default::default() },
            ..Default::default()
        }))
    }
}

impl PerformanceMonitoringActions for DataProcessor {
    fn collect_metrics(
        &self,
        input: pm::CollectMetricsInput,
    ) -> impl Future<Output = Result<pm::CollectMetricsOutput, ProcessorError>> + Send {
        let _ = input;
        std::future::ready(Ok(Default::default()))
    }
}

impl EventHandlingActions for DataProcessor {
    fn publish_event(
        &self,
        input: ev::PublishEventInput,
    ) -> impl Future<Output = Result<ev::PublishEventOutput, ProcessorError>> + Send {
        std::future::ready(Ok(ev::PublishEventOutput { event_id: input.routing_key, ..Default::default() }))
    }

    fn handle_event(
        &self,
        input: ev::HandleEventInput,
    ) -> impl Future<Output = Result<ev::HandleEventOutput, ProcessorError>> + Send {
        let _ = input;
        std::future::ready(Ok(Default::default()))
    }
}

/// What the guide's `execute_compute` does: check the breaker before the risky call, and on a
/// failure let the error handling mixin record it. Generic over any complete node whose error can
/// say what went wrong: one `N::Error` for every mixin's actions.
async fn execute_compute<N>(node: &N) -> Result<String, N::Error>
where
    N: DataProcessorComputeNode,
    N::Error: From<ProcessorError>,
{
    let check = node.circuit_breaker_check(eh::CircuitBreakerCheckInput { operation_key: "transform".into() }).await?;
    if check.circuit_status.status == "open" {
        return Err(circuit_open(check.circuit_status.failure_count));
    }
    node.handle_error(eh::HandleErrorInput { error_info: "TimeoutError".into(), ..Default::default() }).await?;
    Err(upstream())
}

/// Generic code names the node's error through `N::Error`, for any node of this kind.
fn health_message<N: DataProcessorComputeNode>(node: &N) -> Result<String, N::Error> {
    Ok(block_on(node.health_check())?.health_status.message)
}

// What the node's error says, in whatever type the node chose.
fn circuit_open<E: From<ProcessorError>>(failures: i64) -> E {
    E::from(ProcessorError::CircuitOpen { failures })
}
fn upstream<E: From<ProcessorError>>() -> E {
    E::from(ProcessorError::Upstream("transform failed".into()))
}

#[test]
fn the_node_is_described_by_its_contract() {
    assert_eq!(node::NODE_NAME, "data_processor_compute");
    assert_eq!(node::NODE_TYPE, NodeType::Compute);
    assert_eq!(node::VERSION.to_string(), "1.0.0");
    let fields: Vec<&str> = node::SUBCONTRACTS.iter().map(|s| s.integration_field).collect();
    assert_eq!(
        fields,
        [
            "health_check_configuration",
            "performance_monitoring_configuration",
            "event_handling_configuration",
            "error_handling_configuration"
        ]
    );
    let mixins: Vec<&str> = node::SUBCONTRACTS.iter().map(|s| s.mixin.name).collect();
    assert_eq!(
        mixins,
        ["mixin_health_check", "mixin_performance_monitoring", "mixin_event_handling", "mixin_error_handling"]
    );
    assert!(node::SUBCONTRACTS.iter().all(|s| s.mixin.applies_to(NodeType::Compute)));
    assert_eq!(node::PROCESSING.batch_size, 500);
    assert_eq!(node::PROCESSING.input_formats, ["json", "csv"]);
}

#[test]
fn defaults_are_every_mixins_contract_values() {
    let contract = DataProcessorComputeContract::default();
    assert_eq!(contract.error_handling_configuration, eh::error_handling_config());
    assert_eq!(contract.health_check_configuration, hc::health_check_config());
    assert_eq!(contract.performance_monitoring_configuration, pm::Configuration::default());
    assert_eq!(contract.event_handling_configuration, ev::Configuration::default());
    assert!(contract.error_handling_configuration.enable_circuit_breaker);
    assert_eq!(contract.error_handling_configuration.circuit_failure_threshold, 5);
}

fn overridden() -> DataProcessorComputeContract {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/data_processor_compute.override.yaml"
    ))
    .expect("override file");
    serde_yaml::from_str(&text).expect("a valid override")
}

#[test]
fn an_override_file_changes_what_it_names_and_keeps_every_other_default() {
    let contract = overridden();
    let defaults = DataProcessorComputeContract::default();
    let errors = &contract.error_handling_configuration;
    assert_eq!(errors.circuit_failure_threshold, 2);
    assert_eq!(
        eh::ErrorHandlingConfig { circuit_failure_threshold: 5, ..errors.clone() },
        defaults.error_handling_configuration,
        "every other key of error_handling_configuration keeps its default"
    );
    assert_eq!(contract.health_check_configuration.check_interval_ms, 5000);
    assert_eq!(
        hc::HealthCheckConfig {
            check_interval_ms: defaults.health_check_configuration.check_interval_ms,
            ..contract.health_check_configuration.clone()
        },
        defaults.health_check_configuration
    );
    assert_eq!(contract.performance_monitoring_configuration, defaults.performance_monitoring_configuration);
    assert_eq!(contract.event_handling_configuration, defaults.event_handling_configuration);
    assert_ne!(contract, defaults);
}

#[test]
fn an_unknown_key_is_an_error_naming_it() {
    let field = serde_yaml::from_str::<DataProcessorComputeContract>("rate_limiting_configuration: {}\n").unwrap_err();
    assert!(field.to_string().contains("rate_limiting_configuration"), "{field}");
    let key = serde_yaml::from_str::<DataProcessorComputeContract>(
        "error_handling_configuration:\n  circuit_failure_treshold: 2\n",
    )
    .unwrap_err();
    assert!(key.to_string().contains("circuit_failure_treshold"), "{key}");
    let json =
        serde_json::from_str::<DataProcessorComputeContract>(r#"{"health_check_configuration": {"interval": 1}}"#)
            .unwrap_err();
    assert!(json.to_string().contains("interval"), "{json}");
}

#[test]
fn the_circuit_breaker_runs_on_the_configuration_it_read() {
    // Defaults: the breaker opens after 5 failures.
    let by_default = DataProcessor::new(DataProcessorComputeContract::default());
    for _ in 0..5 {
        assert_eq!(block_on(execute_compute(&by_default)), Err(ProcessorError::Upstream("transform failed".into())));
    }
    assert_eq!(block_on(execute_compute(&by_default)), Err(ProcessorError::CircuitOpen { failures: 5 }));

    // The override file: after 2.
    let from_file = DataProcessor::new(overridden());
    for _ in 0..2 {
        assert_eq!(block_on(execute_compute(&from_file)), Err(ProcessorError::Upstream("transform failed".into())));
    }
    assert_eq!(block_on(execute_compute(&from_file)), Err(ProcessorError::CircuitOpen { failures: 2 }));
    assert_eq!(health_message(&from_file), Ok("every 5000 ms".to_string()));

    // Breaker off: never open, whatever the failures.
    let mut off = DataProcessorComputeContract::default();
    off.error_handling_configuration.enable_circuit_breaker = false;
    let never = DataProcessor::new(off);
    for _ in 0..8 {
        assert_eq!(block_on(execute_compute(&never)), Err(ProcessorError::Upstream("transform failed".into())));
    }
}

#[test]
fn optional_actions_not_implemented_answer_through_the_nodes_error() {
    let node = DataProcessor::new(DataProcessorComputeContract::default());
    let out = block_on(node.component_health_check(Default::default()));
    assert!(
        matches!(out, Err(ProcessorError::NotImplemented(NotImplemented { action: "component_health_check", .. }))),
        "{out:?}"
    );
}

#[test]
fn requests_for_any_of_its_mixins_route_through_the_node() {
    let processor = DataProcessor::new(DataProcessorComputeContract::default());
    let route = |message: &str| -> Result<serde_json::Value, String> {
        let request: node::Request = serde_json::from_str(message).map_err(|e| format!("bad request: {e}"))?;
        let response = block_on(request.dispatch(&processor)).map_err(|e| format!("{e:?}"))?;
        serde_json::to_value(&response).map_err(|e| e.to_string())
    };
    let health = route(r#"{"mixin": "mixin_health_check", "action": "health_check"}"#).unwrap();
    assert_eq!(health["mixin"], "mixin_health_check");
    assert_eq!(health["action"], "health_check");
    let interval = DataProcessorComputeContract::default().health_check_configuration.check_interval_ms;
    assert_eq!(health["output"]["health_status"]["message"], format!("every {interval} ms"));
    let back: node::Response = serde_json::from_value(health).unwrap();
    assert!(matches!(back, node::Response::HealthCheck(hc::Response::HealthCheck(_))));

    // The mixin's own errors: not implemented, unknown names, inputs of the wrong shape.
    let err = route(r#"{"mixin": "mixin_error_handling", "action": "record_error_metric", "input": {"error_category": "io", "operation_name": "x", "error_metadata": null}}"#)
        .unwrap_err();
    assert!(err.contains("record_error_metric"), "{err}");
    let err = route(r#"{"mixin": "mixin_rate_limiting", "action": "acquire", "input": {}}"#).unwrap_err();
    assert!(err.starts_with("bad request: unknown variant `mixin_rate_limiting`"), "{err}");
    assert!(err.contains("mixin_health_check") && err.contains("mixin_error_handling"), "{err}");
    let err = route(r#"{"mixin": "mixin_health_check", "action": "no_such_action"}"#).unwrap_err();
    assert!(err.contains("unknown variant `no_such_action`"), "{err}");
    let err = route(r#"{"action": "health_check"}"#).unwrap_err();
    assert!(err.contains("missing field `mixin`"), "{err}");
}
