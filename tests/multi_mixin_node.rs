//! One node type using three mixins at once: error handling, health check and external
//! dependencies. Their generated modules repeat names (`HealthStatus`, `HealthStatusStatus`, every
//! trait's associated `Error`); each mixin is its own module, so they do not collide.

use onex_mixins::error_handling::{self as eh, ErrorHandlingActions};
use onex_mixins::external_dependencies::{self as ext, ExternalDependenciesActions};
use onex_mixins::health_check::{self as hc, HealthCheckActions};
use onex_mixins::{NodeType, NotImplemented, Value, MIXINS};
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

/// The health check mixin gets its own error type, to show the associated types are independent.
#[derive(Debug, PartialEq)]
struct HealthError(String);

impl From<NotImplemented> for HealthError {
    fn from(e: NotImplemented) -> Self {
        HealthError(e.to_string())
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

impl ErrorHandlingActions for PaymentsNode {
    type Error = NodeError;

    fn handle_error(
        &self,
        input: eh::HandleErrorInput,
    ) -> impl Future<Output = Result<eh::HandleErrorOutput, NodeError>> + Send {
        let kind = match &input.error_info {
            Value::String(s) => s.clone(),
            other => format!("{other:?}"),
        };
        self.errors_seen.lock().unwrap().push(kind.clone());
        let retriable = self.error_config.retriable_error_types.contains(&kind);
        std::future::ready(Ok(eh::HandleErrorOutput {
            error_handling_result: eh::ErrorHandlingResult {
                error_category: if retriable { "retriable" } else { "fatal" }.into(),
                handling_action: if retriable { "retry" } else { "fail" }.into(),
                recovery_possible: retriable,
                recovery_suggestions: Vec::new(),
            },
            recovery_actions: Value::Null,
        }))
    }
}

impl HealthCheckActions for PaymentsNode {
    type Error = HealthError;

    fn health_check(&self) -> impl Future<Output = Result<hc::HealthCheckOutput, HealthError>> + Send {
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
                    message: String::new(),
                    last_check: "2024-01-01T00:00:00Z".into(),
                }],
            },
            dependency_health: Value::Null,
        }))
    }
}

impl ExternalDependenciesActions for PaymentsNode {
    type Error = NodeError;

    fn execute_external_call(
        &self,
        input: ext::ExecuteExternalCallInput,
    ) -> impl Future<Output = Result<ext::ExecuteExternalCallOutput, NodeError>> + Send {
        let _ = input;
        let out = if self.service_up {
            Ok(ext::ExecuteExternalCallOutput {
                call_result: ext::CallResult {
                    success: true,
                    response_data: Value::String("paid".into()),
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
                    start_time: String::new(),
                    end_time: String::new(),
                    total_time_ms: 12,
                    network_time_ms: 10,
                    processing_time_ms: 2,
                    bytes_sent: 100,
                    bytes_received: 20,
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
            validation_result: Value::Bool(!matches!(input.response_data, Value::Null)),
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
                last_check: String::new(),
                response_time_ms: 12,
                error_rate_percent: 0.0,
                availability_percent: 100.0,
                circuit_breaker_state: "CLOSED".into(),
            },
            availability_metrics: Value::Null,
        }))
    }

    fn handle_service_failure(
        &self,
        input: ext::HandleServiceFailureInput,
    ) -> impl Future<Output = Result<ext::HandleServiceFailureOutput, NodeError>> + Send {
        let _ = input;
        std::future::ready(Ok(ext::HandleServiceFailureOutput {
            recovery_action: Value::String("use_cached_response".into()),
            fallback_result: ext::FallbackResult {
                fallback_strategy_used: "cached_response".into(),
                fallback_success: true,
                fallback_data: Value::Null,
                original_error: "ConnectionError".into(),
                degradation_level: ext::FallbackResultDegradationLevel::Partial,
            },
        }))
    }
}

/// Generic over a node with all three mixins: the associated `Error`s must be named through
/// their trait, since three traits declare one.
fn call_then_report<N>(node: &N) -> (bool, hc::HealthStatusStatus)
where
    N: ErrorHandlingActions + HealthCheckActions + ExternalDependenciesActions,
    <N as HealthCheckActions>::Error: std::fmt::Debug,
{
    let call = block_on(node.execute_external_call(ext::ExecuteExternalCallInput {
        service_config: Value::Null,
        call_parameters: Value::Null,
        retry_config: Value::Null,
    }));
    let ok = call.is_ok();
    if !ok {
        let _: Result<eh::HandleErrorOutput, <N as ErrorHandlingActions>::Error> =
            block_on(node.handle_error(eh::HandleErrorInput {
                error_info: Value::String("ConnectionError".into()),
                error_context: Value::Null,
                handling_strategy: Value::Null,
            }));
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
    let b: ext::HealthStatus = block_on(node.manage_service_health(ext::ManageServiceHealthInput {
        service_list: Value::Null,
        health_check_config: Value::Null,
    }))
    .unwrap()
    .health_status;
    assert_eq!(a.status.to_string(), "DEGRADED");
    assert_eq!(b.status.to_string(), "UNKNOWN");
    assert!("UNKNOWN".parse::<hc::HealthStatusStatus>().is_err(), "health_check has no UNKNOWN");
    assert!("CRITICAL".parse::<ext::HealthStatusStatus>().is_err(), "external_dependencies has no CRITICAL");
}

#[test]
fn all_actions_answer_through_their_own_error_type() {
    let node = PaymentsNode::new(true);
    let out = block_on(node.handle_service_failure(ext::HandleServiceFailureInput {
        failure_context: Value::Null,
        fallback_config: Value::Null,
        recovery_options: Value::Null,
    }))
    .unwrap();
    assert_eq!(out.fallback_result.degradation_level, ext::FallbackResultDegradationLevel::Partial);
    let v = block_on(node.validate_external_response(ext::ValidateExternalResponseInput {
        response_data: Value::Int(1),
        validation_schema: Value::Null,
        service_contract: Value::Null,
    }))
    .unwrap();
    assert_eq!(v.validation_result, Value::Bool(true));

    // Optional actions left out: each answers NotImplemented through its trait's error type.
    let e = block_on(node.should_retry(eh::ShouldRetryInput {
        error_type: Value::Null,
        attempt_number: Value::Int(1),
        operation_context: Value::Null,
    }))
    .unwrap_err();
    assert_eq!(e, NodeError::NotImplemented(NotImplemented { mixin: eh::NAME, action: "should_retry" }));
    let e = block_on(node.component_health_check(hc::ComponentHealthCheckInput { component_name: String::new() }))
        .unwrap_err();
    assert!(e.0.contains("not implemented") && e.0.contains("component_health_check"), "{e:?}");
    let e = block_on(node.transform_external_data(ext::TransformExternalDataInput {
        source_data: Value::Null,
        transformation_config: Value::Null,
        target_schema: Value::Null,
    }))
    .unwrap_err();
    assert_eq!(e, NodeError::NotImplemented(NotImplemented { mixin: ext::NAME, action: "transform_external_data" }));
}

#[test]
fn the_three_mixins_apply_to_an_effect_node() {
    for m in [&eh::MIXIN, &hc::MIXIN, &ext::MIXIN] {
        assert!(m.applies_to(NodeType::Effect), "{}", m.name);
        assert!(MIXINS.contains(&m));
    }
}
