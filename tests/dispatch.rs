//! Routing actions by name (issue 16 item 6): a runtime receives `{"action": .., "input": ..}` as
//! JSON, turns it into `error_handling::Request`, dispatches it to a node and sends the
//! `Response` back. Unknown names and inputs of the wrong shape are errors, never panics.

use onex_mixins::error_handling::{
    Action, ErrorHandlingActions, ErrorHandlingResult, HandleErrorInput, HandleErrorOutput, Request, Response,
    RetryDecisionResult, ShouldRetryInput, ShouldRetryOutput, ACTIONS,
};
use onex_mixins::{Node, NotImplemented, Value};
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

/// Polls a future to completion on this thread (the node's futures never wait on anything).
fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = future.as_mut().poll(&mut cx) {
            return out;
        }
        std::thread::yield_now();
    }
}

#[derive(Debug, PartialEq)]
enum NodeError {
    NotImplemented(NotImplemented),
}

impl From<NotImplemented> for NodeError {
    fn from(e: NotImplemented) -> Self {
        NodeError::NotImplemented(e)
    }
}

/// Implements the required action and `should_retry`; the other optional actions keep their
/// defaults.
struct RetryingNode;

impl Node for RetryingNode {
    type Error = NodeError;
}

impl ErrorHandlingActions for RetryingNode {
    async fn handle_error(&self, input: HandleErrorInput) -> Result<HandleErrorOutput, NodeError> {
        let category = input.error_info.as_str().unwrap_or("unknown").to_string();
        Ok(HandleErrorOutput {
            error_handling_result: ErrorHandlingResult { error_category: category, ..Default::default() },
            ..Default::default()
        })
    }

    async fn should_retry(&self, input: ShouldRetryInput) -> Result<ShouldRetryOutput, NodeError> {
        let attempt = input.attempt_number.as_i64().unwrap_or(0);
        Ok(ShouldRetryOutput {
            retry_decision: RetryDecisionResult {
                should_retry: attempt < 3,
                retry_attempt: attempt + 1,
                ..Default::default()
            },
            retry_delay_ms: 100 * (attempt + 1),
        })
    }
}

/// What a runtime does with one message: JSON in, JSON out, every failure as text.
fn route(node: &RetryingNode, message: &str) -> Result<String, String> {
    let request: Request = serde_json::from_str(message).map_err(|e| format!("bad request: {e}"))?;
    let response = block_on(request.dispatch(node)).map_err(|e| format!("action failed: {e:?}"))?;
    serde_json::to_string(&response).map_err(|e| e.to_string())
}

#[test]
fn a_json_request_reaches_the_action_and_its_outputs_come_back_tagged() {
    let reply = route(
        &RetryingNode,
        r#"{"action": "should_retry", "input": {"error_type": "timeout", "attempt_number": 1, "operation_context": {}}}"#,
    )
    .unwrap();
    let reply: serde_json::Value = serde_json::from_str(&reply).unwrap();
    assert_eq!(reply["action"], "should_retry");
    assert_eq!(reply["output"]["retry_delay_ms"], 200);
    assert_eq!(reply["output"]["retry_decision"]["should_retry"], true);
    assert_eq!(reply["output"]["retry_decision"]["retry_attempt"], 2);

    let response: Response = serde_json::from_value(reply).unwrap();
    assert_eq!(response.action(), Action::ShouldRetry);
}

#[test]
fn the_required_action_dispatches_too() {
    let request = Request::HandleError(HandleErrorInput { error_info: Value::from("io"), ..Default::default() });
    assert_eq!(request.action(), Action::HandleError);
    match block_on(request.dispatch(&RetryingNode)).unwrap() {
        Response::HandleError(out) => assert_eq!(out.error_handling_result.error_category, "io"),
        other => panic!("the response names another action: {other:?}"),
    }
}

#[test]
fn an_unknown_action_name_is_a_clear_error() {
    let err = route(&RetryingNode, r#"{"action": "explode", "input": {}}"#).unwrap_err();
    assert!(err.contains("unknown variant `explode`"), "{err}");
    for known in ["handle_error", "circuit_breaker_check", "should_retry", "record_error_metric"] {
        assert!(err.contains(known), "the error lists `{known}`: {err}");
    }
}

#[test]
fn an_input_of_the_wrong_shape_is_a_clear_error() {
    let missing =
        route(&RetryingNode, r#"{"action": "should_retry", "input": {"error_type": "timeout"}}"#).unwrap_err();
    assert!(missing.contains("missing field `attempt_number`"), "{missing}");
    let wrong = route(&RetryingNode, r#"{"action": "should_retry", "input": "soon"}"#).unwrap_err();
    assert!(
        wrong.starts_with("bad request: invalid type: string \"soon\", expected struct ShouldRetryInput"),
        "{wrong}"
    );
    let no_action = route(&RetryingNode, r#"{"input": {}}"#).unwrap_err();
    assert!(no_action.contains("missing field `action`"), "{no_action}");
    // The name comes first on the wire, as serializing writes it: the payload is not buffered.
    let late =
        route(&RetryingNode, r#"{"input": {"error_type": "timeout", "attempt_number": 1}, "action": "should_retry"}"#)
            .unwrap_err();
    assert!(late.contains("`action` must come before `input`"), "{late}");
    let twice = route(&RetryingNode, r#"{"action": "should_retry", "action": "should_retry"}"#).unwrap_err();
    assert!(twice.contains("duplicate field `action`"), "{twice}");
}

#[test]
fn an_action_the_node_does_not_implement_answers_not_implemented() {
    let err =
        route(&RetryingNode, r#"{"action": "circuit_breaker_check", "input": {"operation_key": "db"}}"#).unwrap_err();
    assert_eq!(
        err,
        r#"action failed: NotImplemented(NotImplemented { mixin: "mixin_error_handling", action: "circuit_breaker_check" })"#
    );
}

#[test]
fn requests_round_trip_through_json() {
    let request = Request::ShouldRetry(ShouldRetryInput { attempt_number: Value::from(2i64), ..Default::default() });
    let json = serde_json::to_value(&request).unwrap();
    assert_eq!(json["action"], "should_retry");
    assert_eq!(json["input"]["attempt_number"], 2);
    assert_eq!(serde_json::from_value::<Request>(json).unwrap(), request);
}

#[test]
fn actions_are_named_listed_and_parsed_as_the_contract_writes_them() {
    assert_eq!(Action::ALL.len(), ACTIONS.len());
    for (action, spec) in Action::ALL.iter().zip(ACTIONS) {
        assert_eq!(action.name(), spec.name);
        assert_eq!(action.spec(), spec);
        assert_eq!(action.to_string(), spec.name);
        assert_eq!(spec.name.parse::<Action>().unwrap(), *action);
        assert_eq!(serde_json::to_value(action).unwrap(), spec.name);
    }
    assert_eq!(Action::ShouldRetry.spec().timeout, std::time::Duration::from_millis(100));
    assert!(!Action::ShouldRetry.spec().required);
    let err = "explode".parse::<Action>().unwrap_err();
    assert_eq!(err.to_string(), "`explode` is not a value of Action");
}

#[test]
fn an_action_without_inputs_or_outputs_is_its_name_alone_on_the_wire() {
    use onex_mixins::rate_limiting;
    let request = rate_limiting::Request::BucketSnapshot;
    assert_eq!(serde_json::to_string(&request).unwrap(), r#"{"action":"bucket_snapshot"}"#);
    assert_eq!(serde_json::from_str::<rate_limiting::Request>(r#"{"action":"bucket_snapshot"}"#).unwrap(), request);
    let response = rate_limiting::Response::ResetBucket;
    assert_eq!(serde_json::to_string(&response).unwrap(), r#"{"action":"reset_bucket"}"#);
    assert_eq!(serde_json::from_str::<rate_limiting::Response>(r#"{"action":"reset_bucket"}"#).unwrap(), response);
    let request = rate_limiting::Request::ResetBucket(rate_limiting::ResetBucketInput::default());
    let json = serde_json::to_value(&request).unwrap();
    assert_eq!(json["action"], "reset_bucket");
    assert_eq!(serde_json::from_value::<rate_limiting::Request>(json).unwrap(), request);
}
