//! One node type using three mixins at once: error handling, health check and external
//! dependencies. Their generated modules repeat names (`HealthStatus`, `HealthStatusStatus`); each
//! mixin is its own module, so they do not collide. The error type is the node's, declared once
//! through `Node`, which every actions trait extends. A runtime routing events by action name
//! reaches the same node through a mixin's `Request::dispatch`.

use onex_mixins::error_handling::{self as eh, ErrorHandlingActions};
use onex_mixins::external_dependencies::{self as ext, ExternalDependenciesActions};
use onex_mixins::health_check::{self as hc, HealthCheckActions};
use onex_mixins::{Node, NodeType, NotImplemented, MIXINS};
use std::future::Future;
use std::pin::pin;
use std::sync::Mutex;
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
enum NodeError {
    NotImplemented(NotImplemented),
    Unavailable(String),
}

impl From<NotImplemented> for NodeError {
    fn from(e: NotImplemented) -> Self {
        NodeError::NotImplemented(e)
    }
}

/// An EFFECT node calling one external service.
struct PaymentsNode {
    error_config: eh::ErrorHandlingConfig,
    health_config: hc::HealthCheckConfig,
    service_up: bool,
    errors_seen: Mutex<Vec<String>>,
}

impl PaymentsNode {
    fn new(service_up: bool) -> Self {
        PaymentsNode {
            error_config: eh::error_handling_config(),
            health_config: hc::health_check_config(),
            service_up,
            errors_seen: Mutex::new(Vec::new()),
        }
    }
}

/// The node's error type, once for all three mixins.
impl Node for PaymentsNode {
    type Error = NodeError;
}

impl ErrorHandlingActions for PaymentsNode {
    fn handle_error(
        &self,
        input: eh::HandleErrorInput,
    ) -> impl Future<Output = Result<eh::HandleErrorOutput, NodeError>> + Send {
        let kind = input.error_info.as_str().map_or_else(|| format!("{:?}", input.error_info), str::to_string);
        self.errors_seen.lock().unwrap().push(kind.clone());
        let retriable = self.error_config.retriable_error_types.contains(&kind);
        std::future::ready(Ok(eh::HandleErrorOutput {
            error_handling_result: eh::ErrorHandlingResult {
                error_category: if retriable { "retriable" } else { "fatal" }.into(),
                handling_action: if retriable { "retry" } else { "fail" }.into(),
                recovery_possible: retriable,
                recovery_suggestions: Vec::new(),
            },
            ..Default::default()
        }))
    }
}

impl HealthCheckActions for PaymentsNode {
    fn health_check(&self) -> impl Future<Output = Result<hc::HealthCheckOutput, NodeError>> + Send {
        // This mixin's HealthStatus has `status: hc::HealthStatusStatus` with CRITICAL and ERROR.
        let status = if self.service_up { hc::HealthStatusStatus::Healthy } else { hc::HealthStatusStatus::Degraded };
        std::future::ready(Ok(hc::HealthCheckOutput {
            health_status: hc::HealthStatus {
                status,
                message: format!("checked every {} ms", self.health_config.check_interval_ms),
                timestamp: "2024-01-01T00:00:00Z".into(),
                check_duration_ms: 3,
            },
            component_health: hc::ComponentHealth {
                components: vec![hc::ComponentHealthComponentsItem {
                    component_name: "payments_api".into(),
                    status,
                    last_check: "2024-01-01T00:00:00Z".into(),
                    ..Default::default()
                }],
            },
            ..Default::default()
        }))
    }
}

impl ExternalDependenciesActions for PaymentsNode {
    fn execute_external_call(
        &self,
        input: ext::ExecuteExternalCallInput,
    ) -> impl Future<Output = Result<ext::ExecuteExternalCallOutput, NodeError>> + Send {
        let _ = input;
        let out = if self.service_up {
            Ok(ext::ExecuteExternalCallOutput {
                call_result: ext::CallResult {
                    success: true,
                    response_data: "paid".into(),
                    http_status: 200,
                    response_time_ms: 12,
                    service_endpoint: "https://payments.example/charge".into(),
                    headers: [("content-type".to_string(), "application/json".to_string())].into(),
                    metadata: ext::CallResultMetadata {
                        retry_count: 0,
                        circuit_breaker_state: ext::CallResultMetadataCircuitBreakerState::Closed,
                    },
                },
                execution_metadata: ext::ExecutionMetadata {
                    service_name: "payments".into(),
                    operation_name: "charge".into(),
                    total_time_ms: 12,
                    network_time_ms: 10,
                    processing_time_ms: 2,
                    bytes_sent: 100,
                    bytes_received: 20,
                    ..Default::default()
                },
            })
        } else {
            Err(NodeError::Unavailable("payments".into()))
        };
        std::future::ready(out)
    }

    fn validate_external_response(
        &self,
        input: ext::ValidateExternalResponseInput,
    ) -> impl Future<Output = Result<ext::ValidateExternalResponseOutput, NodeError>> + Send {
        std::future::ready(Ok(ext::ValidateExternalResponseOutput {
            validation_result: (!input.response_data.is_null()).into(),
            normalized_response: input.response_data,
        }))
    }

    fn manage_service_health(
        &self,
        input: ext::ManageServiceHealthInput,
    ) -> impl Future<Output = Result<ext::ManageServiceHealthOutput, NodeError>> + Send {
        let _ = input;
        // This mixin's HealthStatus is another type, with its own HealthStatusStatus (UNKNOWN).
        let status = if self.service_up { ext::HealthStatusStatus::Healthy } else { ext::HealthStatusStatus::Unknown };
        std::future::ready(Ok(ext::ManageServiceHealthOutput {
            health_status: ext::HealthStatus {
                service_name: "payments".into(),
                status,
                response_time_ms: 12,
                error_rate_percent: 0.0,
                availability_percent: 100.0,
                circuit_breaker_state: "CLOSED".into(),
                ..Default::default()
            },
            ..Default::default()
        }))
    }

    fn handle_service_failure(
        &self,
        input: ext::HandleServiceFailureInput,
    ) -> impl Future<Output = Result<ext::HandleServiceFailureOutput, NodeError>> + Send {
        let _ = input;
        std::future::ready(Ok(ext::HandleServiceFailureOutput {
            recovery_action: "use_cached_response".into(),
            fallback_result: ext::FallbackResult {
                fallback_strategy_used: "cached_response".into(),
                fallback_success: true,
                original_error: "ConnectionError".into(),
                degradation_level: ext::FallbackResultDegradationLevel::Partial,
                ..Default::default()
            },
        }))
    }
}

/// Generic over a node with all three mixins: one `N::Error`, named without saying which trait
/// (three traits each declaring their own would make `N::Error` ambiguous, E0221).
fn call_then_report<N>(node: &N) -> (bool, hc::HealthStatusStatus)
where
    N: ErrorHandlingActions + HealthCheckActions + ExternalDependenciesActions,
    N::Error: std::fmt::Debug,
{
    let call = block_on(node.execute_external_call(ext::ExecuteExternalCallInput::default()));
    let ok = call.is_ok();
    if !ok {
        let _: Result<eh::HandleErrorOutput, N::Error> = block_on(
            node.handle_error(eh::HandleErrorInput { error_info: "ConnectionError".into(), ..Default::default() }),
        );
    }
    let health = block_on(node.health_check()).unwrap();
    (ok, health.health_status.status)
}

#[test]
fn one_node_implements_three_mixins() {
    let up = PaymentsNode::new(true);
    assert_eq!(call_then_report(&up), (true, hc::HealthStatusStatus::Healthy));
    assert!(up.errors_seen.lock().unwrap().is_empty());

    let down = PaymentsNode::new(false);
    assert_eq!(call_then_report(&down), (false, hc::HealthStatusStatus::Degraded));
    assert_eq!(*down.errors_seen.lock().unwrap(), ["ConnectionError"]);
}

#[test]
fn same_named_types_stay_distinct() {
    let node = PaymentsNode::new(false);
    let a: hc::HealthStatus = block_on(node.health_check()).unwrap().health_status;
    let b: ext::HealthStatus =
        block_on(node.manage_service_health(ext::ManageServiceHealthInput::default())).unwrap().health_status;
    assert_eq!(a.status.to_string(), "DEGRADED");
    assert_eq!(b.status.to_string(), "UNKNOWN");
    assert!("UNKNOWN".parse::<hc::HealthStatusStatus>().is_err(), "health_check has no UNKNOWN");
    assert!("CRITICAL".parse::<ext::HealthStatusStatus>().is_err(), "external_dependencies has no CRITICAL");
}

#[test]
fn all_actions_answer_through_their_own_error_type() {
    let node = PaymentsNode::new(true);
    let out = block_on(node.handle_service_failure(ext::HandleServiceFailureInput::default())).unwrap();
    assert_eq!(out.fallback_result.degradation_level, ext::FallbackResultDegradationLevel::Partial);
    let v = block_on(node.validate_external_response(ext::ValidateExternalResponseInput {
        response_data: 1.into(),
        ..Default::default()
    }))
    .unwrap();
    assert_eq!(v.validation_result.as_bool(), Some(true));
    assert_eq!(v.normalized_response.as_i64(), Some(1));

    // Optional actions left out: each answers NotImplemented through the node's error type.
    let e = block_on(node.should_retry(eh::ShouldRetryInput { attempt_number: 1.into(), ..Default::default() }))
        .unwrap_err();
    assert_eq!(e, NodeError::NotImplemented(NotImplemented { mixin: eh::NAME, action: "should_retry" }));
    let e = block_on(node.component_health_check(hc::ComponentHealthCheckInput { component_name: String::new() }))
        .unwrap_err();
    assert_eq!(e, NodeError::NotImplemented(NotImplemented { mixin: hc::NAME, action: "component_health_check" }));
    let e = block_on(node.transform_external_data(ext::TransformExternalDataInput::default())).unwrap_err();
    assert_eq!(e, NodeError::NotImplemented(NotImplemented { mixin: ext::NAME, action: "transform_external_data" }));
}

/// A runtime routes events by action name: `{"action": .., "input": ..}` becomes the error
/// handling mixin's `Request`, which dispatches to the node that also has the other two mixins.
#[test]
fn error_events_routed_by_name_reach_the_node() {
    let node = PaymentsNode::new(false);
    let event = r#"{"action": "handle_error",
        "input": {"error_info": "TimeoutError", "error_context": {"service": "payments"}, "handling_strategy": null}}"#;
    let request: eh::Request = serde_json::from_str(event).unwrap();
    assert_eq!(request.action(), eh::Action::HandleError);
    match block_on(request.dispatch(&node)).unwrap() {
        eh::Response::HandleError(out) => {
            assert_eq!(out.error_handling_result.error_category, "retriable");
            assert_eq!(out.error_handling_result.handling_action, "retry");
        }
        other => panic!("the response names another action: {other:?}"),
    }
    assert_eq!(*node.errors_seen.lock().unwrap(), ["TimeoutError"]);

    // An action the node left out answers NotImplemented through the same route.
    let event = r#"{"action": "should_retry",
        "input": {"error_type": "TimeoutError", "attempt_number": 1, "operation_context": null}}"#;
    let request: eh::Request = serde_json::from_str(event).unwrap();
    assert_eq!(
        block_on(request.dispatch(&node)).unwrap_err(),
        NodeError::NotImplemented(NotImplemented { mixin: eh::NAME, action: "should_retry" })
    );
}

#[test]
fn the_three_mixins_apply_to_an_effect_node() {
    for m in [&eh::MIXIN, &hc::MIXIN, &ext::MIXIN] {
        assert!(m.applies_to(NodeType::Effect), "{}", m.name);
        assert!(MIXINS.contains(&m));
    }
}

/// What a node contract's integration field holds, per mixin: the config struct itself when the
/// mixin has one config section, a struct of all of them when it has several.
#[test]
fn every_mixin_has_a_configuration() {
    let _same_type: fn(eh::Configuration) -> eh::ErrorHandlingConfig = |c| c;
    assert_eq!(eh::Configuration::default(), eh::error_handling_config());

    let both = ext::Configuration::default();
    assert_eq!(both.external_dependency_config, ext::external_dependency_config());
    assert_eq!(both.circuit_breaker_config, ext::circuit_breaker_config());
    // A partial override at the second level keeps every other default, at both levels.
    let over: ext::Configuration = serde_yaml::from_str("circuit_breaker_config:\n  failure_threshold: 9\n").unwrap();
    assert_eq!(over.circuit_breaker_config.failure_threshold, 9);
    assert_eq!(
        ext::Configuration {
            circuit_breaker_config: ext::CircuitBreakerConfig { failure_threshold: 9, ..ext::circuit_breaker_config() },
            ..ext::Configuration::default()
        },
        over
    );
    let unknown = serde_yaml::from_str::<ext::Configuration>("circuit_breaker_cfg: {}\n").unwrap_err();
    assert!(unknown.to_string().contains("circuit_breaker_cfg"), "{unknown}");
}
