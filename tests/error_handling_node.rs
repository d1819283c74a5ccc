//! The guide's Step 5 integration test, in Rust: an example node implementing
//! `onex_mixins::error_handling::ErrorHandlingActions` with a working circuit breaker and retry
//! policy, both driven by `ErrorHandlingConfig`. Time comes from an injectable clock, so no test sleeps.

use onex_mixins::error_handling::{
    self, CircuitBreakerCheckInput, CircuitBreakerCheckOutput, CircuitStatusResult, ErrorHandlingActions,
    ErrorHandlingConfig, ErrorHandlingResult, HandleErrorInput, HandleErrorOutput, RecordErrorMetricInput,
    RetryDecisionResult, ShouldRetryInput, ShouldRetryOutput,
};
use onex_mixins::{NotImplemented, Value};
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::future::Future;
use std::pin::pin;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

// ---------------------------------------------------------------------------------------------
// Test support: a tiny executor and a manual clock.
// ---------------------------------------------------------------------------------------------

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

/// Milliseconds since some fixed start, as `i64` like every duration in the contract, so the
/// config's timeouts and delays compare with it directly.
trait Clock: Send + Sync {
    fn now_ms(&self) -> i64;
    /// Waits `ms` milliseconds (a real clock would sleep or await a timer).
    fn sleep_ms(&self, ms: i64);
}

/// A clock the test moves by hand; "sleeping" advances it.
#[derive(Clone, Default)]
struct ManualClock(Arc<AtomicI64>);

impl ManualClock {
    fn advance(&self, ms: i64) {
        self.0.fetch_add(ms, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now_ms(&self) -> i64 {
        self.0.load(Ordering::SeqCst)
    }

    fn sleep_ms(&self, ms: i64) {
        self.advance(ms);
    }
}

// ---------------------------------------------------------------------------------------------
// The node.
// ---------------------------------------------------------------------------------------------

/// The node's error: every `ErrorHandlingActions` method returns it.
#[derive(Debug, Clone, PartialEq)]
enum NodeError {
    /// An optional action this node does not implement.
    NotImplemented(NotImplemented),
    /// The circuit for this operation is open: the call was not made.
    CircuitOpen { operation_key: String },
    /// The operation failed with an error type the config calls fatal (or does not know).
    Fatal { error_type: String, attempts: u32 },
    /// Every allowed retry failed.
    RetriesExhausted { error_type: String, attempts: u32 },
    /// An input did not have the expected shape.
    BadInput(String),
}

impl From<NotImplemented> for NodeError {
    fn from(e: NotImplemented) -> Self {
        NodeError::NotImplemented(e)
    }
}

impl fmt::Display for NodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NodeError::NotImplemented(e) => write!(f, "{e}"),
            NodeError::CircuitOpen { operation_key } => write!(f, "circuit breaker open for `{operation_key}`"),
            NodeError::Fatal { error_type, attempts } => {
                write!(f, "fatal error {error_type} after {attempts} attempts")
            }
            NodeError::RetriesExhausted { error_type, attempts } => {
                write!(f, "{error_type}: gave up after {attempts} attempts")
            }
            NodeError::BadInput(what) => write!(f, "bad input: {what}"),
        }
    }
}

impl std::error::Error for NodeError {}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum CircuitState {
    #[default]
    Closed,
    Open {
        since_ms: i64,
    },
    HalfOpen {
        trial_calls: i64,
    },
}

impl CircuitState {
    fn name(self) -> &'static str {
        match self {
            CircuitState::Closed => "closed",
            CircuitState::Open { .. } => "open",
            CircuitState::HalfOpen { .. } => "half_open",
        }
    }
}

#[derive(Debug, Clone, Default)]
struct Circuit {
    state: CircuitState,
    /// Consecutive failures while closed.
    consecutive_failures: i64,
    /// `u32`, so the failure rate converts them to `f64` without loss.
    calls: u32,
    failures: u32,
    last_failure_ms: Option<i64>,
}

/// How the config classifies an error type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Category {
    Retriable,
    Fatal,
    Unknown,
}

impl Category {
    fn as_str(self) -> &'static str {
        match self {
            Category::Retriable => "retriable",
            Category::Fatal => "fatal",
            Category::Unknown => "unknown",
        }
    }
}

/// A COMPUTE node using the error handling mixin.
struct ComputeNode<C: Clock> {
    config: ErrorHandlingConfig,
    clock: C,
    circuits: Mutex<HashMap<String, Circuit>>,
    /// Every delay the retry loop waited, in order (for assertions).
    waited_ms: Mutex<Vec<i64>>,
}

impl<C: Clock> ComputeNode<C> {
    fn new(config: ErrorHandlingConfig, clock: C) -> Self {
        ComputeNode { config, clock, circuits: Mutex::new(HashMap::new()), waited_ms: Mutex::new(Vec::new()) }
    }

    fn categorize(&self, error_type: &str) -> Category {
        let has = |list: &[String]| list.iter().any(|t| t == error_type);
        if has(&self.config.fatal_error_types) {
            Category::Fatal
        } else if has(&self.config.retriable_error_types) {
            Category::Retriable
        } else {
            Category::Unknown
        }
    }

    /// The delay before retry number `retry` (0 = the first retry):
    /// `error_retry_delay_ms * backoff^retry`, capped at `max_retry_delay_ms`.
    fn retry_delay_ms(&self, retry: i64) -> i64 {
        let c = &self.config;
        // Past i32::MAX retries the power is long beyond the cap (or zero), as at i32::MAX.
        let power = c.error_retry_backoff_multiplier.powi(i32::try_from(retry).unwrap_or(i32::MAX));
        // The multiplier is a float, so the backoff is computed in f64 (std has no `From` between
        // i64 and f64); `as i64` saturates, so an infinite power still meets the cap.
        let raw = (c.error_retry_delay_ms as f64 * power) as i64;
        raw.min(c.max_retry_delay_ms).max(0)
    }

    /// Updates the circuit's state for the passage of time and answers whether a call may go ahead.
    /// Half-open lets `circuit_half_open_max_calls` trial calls through.
    fn admit(&self, key: &str) -> bool {
        if !self.config.enable_circuit_breaker {
            return true;
        }
        let now = self.clock.now_ms();
        let mut circuits = self.circuits.lock().unwrap();
        let c = circuits.entry(key.to_string()).or_default();
        if let CircuitState::Open { since_ms } = c.state {
            if now.saturating_sub(since_ms) >= self.config.circuit_timeout_ms {
                c.state = CircuitState::HalfOpen { trial_calls: 0 };
            }
        }
        match &mut c.state {
            CircuitState::Closed => true,
            CircuitState::Open { .. } => false,
            CircuitState::HalfOpen { trial_calls } => {
                if *trial_calls < self.config.circuit_half_open_max_calls {
                    *trial_calls += 1;
                    true
                } else {
                    false
                }
            }
        }
    }

    /// The state as of now (moves open to half-open once the timeout has passed), without admitting a call.
    fn state(&self, key: &str) -> CircuitState {
        let now = self.clock.now_ms();
        let mut circuits = self.circuits.lock().unwrap();
        let c = circuits.entry(key.to_string()).or_default();
        if let CircuitState::Open { since_ms } = c.state {
            if now.saturating_sub(since_ms) >= self.config.circuit_timeout_ms {
                c.state = CircuitState::HalfOpen { trial_calls: 0 };
            }
        }
        c.state
    }

    fn record_success(&self, key: &str) {
        let mut circuits = self.circuits.lock().unwrap();
        let c = circuits.entry(key.to_string()).or_default();
        c.calls += 1;
        c.consecutive_failures = 0;
        c.state = CircuitState::Closed;
    }

    fn record_failure(&self, key: &str) {
        let now = self.clock.now_ms();
        let mut circuits = self.circuits.lock().unwrap();
        let c = circuits.entry(key.to_string()).or_default();
        c.calls += 1;
        c.failures += 1;
        c.last_failure_ms = Some(now);
        if !self.config.enable_circuit_breaker {
            return;
        }
        match c.state {
            CircuitState::HalfOpen { .. } => c.state = CircuitState::Open { since_ms: now },
            CircuitState::Closed => {
                c.consecutive_failures += 1;
                if c.consecutive_failures >= self.config.circuit_failure_threshold {
                    c.state = CircuitState::Open { since_ms: now };
                }
            }
            CircuitState::Open { .. } => {}
        }
    }

    /// Runs `op` under the mixin's policy, the way the guide's `execute_compute` does: check the
    /// circuit, call, and on failure ask `handle_error` and `should_retry`, waiting (on the clock)
    /// the delay they give. `op` fails with an error type name.
    fn execute<T>(&self, operation_key: &str, mut op: impl FnMut() -> Result<T, String>) -> Result<T, NodeError> {
        let mut attempt: u32 = 0;
        loop {
            let status =
                block_on(self.circuit_breaker_check(CircuitBreakerCheckInput { operation_key: operation_key.into() }))?;
            if status.circuit_status.status == "open" || !self.admit(operation_key) {
                return Err(NodeError::CircuitOpen { operation_key: operation_key.into() });
            }
            attempt += 1;
            let error_type = match op() {
                Ok(v) => {
                    self.record_success(operation_key);
                    return Ok(v);
                }
                Err(e) => e,
            };
            block_on(self.handle_error(HandleErrorInput {
                error_info: map([("type", error_type.as_str().into())]),
                error_context: map([("operation_key", operation_key.into())]),
                handling_strategy: "retry".into(),
            }))?;
            let decision = block_on(self.should_retry(ShouldRetryInput {
                error_type: error_type.as_str().into(),
                attempt_number: attempt.into(),
                ..Default::default()
            }))?
            .retry_decision;
            if !decision.should_retry {
                return Err(if self.categorize(&error_type) == Category::Retriable {
                    NodeError::RetriesExhausted { error_type, attempts: attempt }
                } else {
                    NodeError::Fatal { error_type, attempts: attempt }
                });
            }
            let delay = decision.retry_delay_ms;
            self.waited_ms.lock().unwrap().push(delay);
            self.clock.sleep_ms(delay);
        }
    }
}

/// A mapping value from `(key, value)` pairs.
fn map<const N: usize>(entries: [(&str, Value); N]) -> Value {
    entries.into_iter().map(|(k, v)| (k.to_string(), v)).collect::<BTreeMap<_, _>>().into()
}

/// Text given either bare or as a mapping's `type` (how `error_info` may arrive).
fn text(v: &Value, what: &str) -> Result<String, NodeError> {
    if let Some(s) = v.as_str() {
        return Ok(s.to_string());
    }
    match v.as_map() {
        Some(m) => m
            .get("type")
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| NodeError::BadInput(format!("{what}: no `type` key"))),
        None => Err(NodeError::BadInput(format!("{what}: expected text, got {v:?}"))),
    }
}

fn operation_key_of(context: &Value) -> Result<String, NodeError> {
    match context.as_map() {
        Some(m) => m
            .get("operation_key")
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| NodeError::BadInput("error_context: no operation_key".into())),
        None => text(context, "error_context"),
    }
}

impl<C: Clock> onex_mixins::Node for ComputeNode<C> {
    type Error = NodeError;
}

impl<C: Clock> ErrorHandlingActions for ComputeNode<C> {
    fn handle_error(
        &self,
        input: HandleErrorInput,
    ) -> impl Future<Output = Result<HandleErrorOutput, NodeError>> + Send {
        let result = (|| {
            let error_type = text(&input.error_info, "error_info")?;
            let key = operation_key_of(&input.error_context)?;
            self.record_failure(&key);
            let category = self.categorize(&error_type);
            let circuit_open = matches!(self.state(&key), CircuitState::Open { .. });
            let (action, suggestions): (&str, &[&str]) = match category {
                _ if circuit_open => ("open_circuit", &["wait for the circuit timeout", "use a fallback"]),
                Category::Retriable => ("retry", &["retry with backoff"]),
                Category::Fatal => ("fail", &["fix the request or configuration"]),
                Category::Unknown => ("fail", &["classify this error type in the config"]),
            };
            Ok(HandleErrorOutput {
                error_handling_result: ErrorHandlingResult {
                    error_category: category.as_str().into(),
                    handling_action: action.into(),
                    recovery_possible: category == Category::Retriable,
                    recovery_suggestions: suggestions.iter().map(|s| s.to_string()).collect(),
                },
                recovery_actions: suggestions.to_vec().into(),
            })
        })();
        std::future::ready(result)
    }

    fn circuit_breaker_check(
        &self,
        input: CircuitBreakerCheckInput,
    ) -> impl Future<Output = Result<CircuitBreakerCheckOutput, NodeError>> + Send {
        let result = text(&input.operation_key, "operation_key").map(|key| {
            let state = self.state(&key);
            let circuits = self.circuits.lock().unwrap();
            let c = circuits.get(&key).cloned().unwrap_or_default();
            let rate = if c.calls == 0 { 0.0 } else { f64::from(c.failures) / f64::from(c.calls) * 100.0 };
            CircuitBreakerCheckOutput {
                circuit_status: CircuitStatusResult {
                    status: state.name().into(),
                    failure_count: c.consecutive_failures,
                    failure_rate: rate,
                    last_failure_time: c.last_failure_ms.map(|t| format!("{t}ms")).unwrap_or_default(),
                },
                failure_rate: rate,
            }
        });
        std::future::ready(result)
    }

    fn should_retry(
        &self,
        input: ShouldRetryInput,
    ) -> impl Future<Output = Result<ShouldRetryOutput, NodeError>> + Send {
        let result = (|| {
            let error_type = text(&input.error_type, "error_type")?;
            // attempt_number: how many attempts have failed so far (1 after the first call).
            let attempt = input
                .attempt_number
                .as_i64()
                .filter(|&n| n >= 1)
                .ok_or_else(|| NodeError::BadInput(format!("attempt_number: {:?}", input.attempt_number)))?;
            let retries_done = attempt - 1;
            let max = self.config.error_retry_attempts;
            let retriable = self.categorize(&error_type) == Category::Retriable;
            let should = retriable && retries_done < max;
            let delay = if should { self.retry_delay_ms(retries_done) } else { 0 };
            Ok(ShouldRetryOutput {
                retry_decision: RetryDecisionResult {
                    should_retry: should,
                    retry_delay_ms: delay,
                    retry_attempt: retries_done + 1,
                    max_attempts_reached: retriable && retries_done >= max,
                },
                retry_delay_ms: delay,
            })
        })();
        std::future::ready(result)
    }

    // record_error_metric is optional and deliberately left unimplemented.
}

// ---------------------------------------------------------------------------------------------
// Helpers.
// ---------------------------------------------------------------------------------------------

fn contract_yaml() -> serde_yaml::Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/mixins/mixin_error_handling.yaml");
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn node(config: ErrorHandlingConfig) -> (ComputeNode<ManualClock>, ManualClock) {
    let clock = ManualClock::default();
    (ComputeNode::new(config, clock.clone()), clock)
}

fn status(node: &ComputeNode<ManualClock>, key: &str) -> CircuitStatusResult {
    block_on(node.circuit_breaker_check(CircuitBreakerCheckInput { operation_key: key.into() })).unwrap().circuit_status
}

fn fail(node: &ComputeNode<ManualClock>, key: &str, error_type: &str) -> HandleErrorOutput {
    block_on(node.handle_error(HandleErrorInput {
        error_info: map([("type", error_type.into()), ("message", "boom".into())]),
        error_context: map([("operation_key", key.into())]),
        handling_strategy: "retry".into(),
    }))
    .unwrap()
}

fn decide(node: &ComputeNode<ManualClock>, error_type: &str, attempt: i64) -> RetryDecisionResult {
    block_on(node.should_retry(ShouldRetryInput {
        error_type: error_type.into(),
        attempt_number: attempt.into(),
        ..Default::default()
    }))
    .unwrap()
    .retry_decision
}

// ---------------------------------------------------------------------------------------------
// Config: defaults and overrides.
// ---------------------------------------------------------------------------------------------

#[test]
fn defaults_equal_every_yaml_value() {
    let yaml = contract_yaml();
    let section = yaml["error_handling_config"].as_mapping().expect("error_handling_config is a mapping");
    let default = serde_yaml::to_value(ErrorHandlingConfig::default()).unwrap();
    let default = default.as_mapping().unwrap();
    assert_eq!(default.len(), section.len(), "the config has exactly the YAML's keys");
    for (key, want) in section {
        // A field spec (`{type, default, minimum, ...}`) gives its `default`.
        let want = match (want.get("type"), want.get("default")) {
            (Some(_), Some(default)) => default,
            _ => want,
        };
        let got = default.get(key).unwrap_or_else(|| panic!("ErrorHandlingConfig has no field {key:?}"));
        let same = match (want.as_f64(), got.as_f64()) {
            (Some(a), Some(b)) => a == b,
            _ => want == got,
        };
        assert!(same, "{key:?}: YAML says {want:?}, ErrorHandlingConfig::default() has {got:?}");
    }
    // And through the typed fields, for the ones the node relies on.
    let d = ErrorHandlingConfig::default();
    assert_eq!(d, error_handling::error_handling_config());
    assert!(d.enable_circuit_breaker);
    assert_eq!((d.circuit_failure_threshold, d.circuit_timeout_ms, d.circuit_half_open_max_calls), (5, 30000, 3));
    assert_eq!((d.error_retry_attempts, d.error_retry_delay_ms, d.max_retry_delay_ms), (3, 1000, 30000));
    assert_eq!(d.error_retry_backoff_multiplier, 2.0);
    assert_eq!(d.error_log_level, "ERROR");
}

#[test]
fn yaml_override_keeps_every_other_default() {
    let config: ErrorHandlingConfig = serde_yaml::from_str("circuit_failure_threshold: 10").unwrap();
    let expected = ErrorHandlingConfig { circuit_failure_threshold: 10, ..ErrorHandlingConfig::default() };
    assert_eq!(config, expected);

    let json: ErrorHandlingConfig =
        serde_json::from_str(r#"{"error_retry_attempts": 5, "fatal_error_types": ["FatalCustomError"]}"#).unwrap();
    assert_eq!(json.error_retry_attempts, 5);
    assert_eq!(json.fatal_error_types, ["FatalCustomError"]);
    assert_eq!(json.retriable_error_types, ErrorHandlingConfig::default().retriable_error_types);

    // An empty document is the defaults.
    let empty: ErrorHandlingConfig = serde_yaml::from_str("{}").unwrap();
    assert_eq!(empty, ErrorHandlingConfig::default());
}

#[test]
fn unknown_key_is_rejected_by_name() {
    let err = serde_yaml::from_str::<ErrorHandlingConfig>("circuit_failure_treshold: 10").unwrap_err();
    assert!(err.to_string().contains("circuit_failure_treshold"), "{err}");
    let err = serde_json::from_str::<ErrorHandlingConfig>(r#"{"retry_forever": true}"#).unwrap_err();
    assert!(err.to_string().contains("retry_forever"), "{err}");
}

#[test]
fn wrong_value_type_is_rejected() {
    assert!(serde_yaml::from_str::<ErrorHandlingConfig>("circuit_failure_threshold: many").is_err());
    assert!(serde_yaml::from_str::<ErrorHandlingConfig>("enable_circuit_breaker: 3").is_err());
}

// ---------------------------------------------------------------------------------------------
// Circuit breaker.
// ---------------------------------------------------------------------------------------------

#[test]
fn circuit_opens_after_threshold_failures() {
    let (node, _clock) = node(ErrorHandlingConfig::default());
    for i in 1..5 {
        let out = fail(&node, "db", "TimeoutError");
        assert_eq!(out.error_handling_result.handling_action, "retry");
        let s = status(&node, "db");
        assert_eq!((s.status.as_str(), s.failure_count), ("closed", i));
    }
    let out = fail(&node, "db", "TimeoutError");
    assert_eq!(out.error_handling_result.handling_action, "open_circuit");
    assert_eq!(status(&node, "db").status, "open");
    assert!(!node.admit("db"));
    // Other operations have their own circuit.
    assert_eq!(status(&node, "cache").status, "closed");
    assert!(node.admit("cache"));
}

#[test]
fn success_resets_consecutive_failures() {
    let (node, _clock) = node(ErrorHandlingConfig::default());
    for _ in 0..4 {
        fail(&node, "db", "TimeoutError");
    }
    node.record_success("db");
    for _ in 0..4 {
        fail(&node, "db", "TimeoutError");
    }
    assert_eq!(status(&node, "db").status, "closed");
    let s = status(&node, "db");
    assert_eq!(s.failure_count, 4);
    assert!((s.failure_rate - 8.0 / 9.0 * 100.0).abs() < 1e-9);
    assert_eq!(s.last_failure_time, "0ms");
}

#[test]
fn circuit_goes_half_open_after_timeout_then_closes_on_success() {
    let (node, clock) = node(ErrorHandlingConfig::default());
    for _ in 0..5 {
        fail(&node, "db", "ConnectionError");
    }
    assert_eq!(status(&node, "db").status, "open");
    clock.advance(29_999);
    assert_eq!(status(&node, "db").status, "open");
    assert!(!node.admit("db"));
    clock.advance(1);
    assert_eq!(status(&node, "db").status, "half_open");
    // Half-open lets circuit_half_open_max_calls (3) trial calls through, no more.
    assert!(node.admit("db"));
    assert!(node.admit("db"));
    assert!(node.admit("db"));
    assert!(!node.admit("db"));
    node.record_success("db");
    assert_eq!(status(&node, "db").status, "closed");
    assert_eq!(status(&node, "db").failure_count, 0);
    assert!(node.admit("db"));
}

#[test]
fn failure_while_half_open_reopens_the_circuit() {
    let (node, clock) = node(ErrorHandlingConfig::default());
    for _ in 0..5 {
        fail(&node, "db", "TimeoutError");
    }
    clock.advance(30_000);
    assert!(node.admit("db"));
    fail(&node, "db", "TimeoutError");
    assert_eq!(status(&node, "db").status, "open");
    clock.advance(29_000);
    assert_eq!(status(&node, "db").status, "open", "the timeout restarts when it reopens");
    clock.advance(1_000);
    assert_eq!(status(&node, "db").status, "half_open");
}

#[test]
fn overridden_threshold_and_timeout_are_used() {
    let config: ErrorHandlingConfig =
        serde_yaml::from_str("circuit_failure_threshold: 10\ncircuit_timeout_ms: 500").unwrap();
    let (node, clock) = node(config);
    for _ in 0..9 {
        fail(&node, "api", "TimeoutError");
    }
    assert_eq!(status(&node, "api").status, "closed");
    fail(&node, "api", "TimeoutError");
    assert_eq!(status(&node, "api").status, "open");
    clock.advance(500);
    assert_eq!(status(&node, "api").status, "half_open");
}

#[test]
fn disabled_circuit_breaker_never_opens() {
    let config: ErrorHandlingConfig = serde_yaml::from_str("enable_circuit_breaker: false").unwrap();
    let (node, _clock) = node(config);
    for _ in 0..50 {
        fail(&node, "db", "TimeoutError");
    }
    assert_eq!(status(&node, "db").status, "closed");
    assert!(node.admit("db"));
}

// ---------------------------------------------------------------------------------------------
// Retry policy.
// ---------------------------------------------------------------------------------------------

#[test]
fn retry_delays_back_off_exponentially() {
    let (node, _clock) = node(ErrorHandlingConfig::default());
    let delays: Vec<i64> = (1..=3).map(|n| decide(&node, "TimeoutError", n).retry_delay_ms).collect();
    assert_eq!(delays, [1000, 2000, 4000]);
    let last = decide(&node, "TimeoutError", 4);
    assert!(!last.should_retry && last.max_attempts_reached, "{last:?}");
}

#[test]
fn retry_delay_is_capped_at_max_retry_delay() {
    let config: ErrorHandlingConfig = serde_yaml::from_str(
        "error_retry_attempts: 6\nerror_retry_delay_ms: 5000\nerror_retry_backoff_multiplier: 3.0",
    )
    .unwrap();
    let (node, _clock) = node(config);
    let delays: Vec<i64> = (1..=6).map(|n| decide(&node, "ConnectionError", n).retry_delay_ms).collect();
    assert_eq!(delays, [5000, 15000, 30000, 30000, 30000, 30000]);
}

#[test]
fn fatal_and_unknown_errors_are_not_retried() {
    let (node, _clock) = node(ErrorHandlingConfig::default());
    for t in ["TimeoutError", "ConnectionError", "TemporaryFailure"] {
        assert!(decide(&node, t, 1).should_retry, "{t} is retriable");
    }
    for t in ["AuthenticationError", "ValidationError", "ConfigurationError", "SomethingElse"] {
        let d = decide(&node, t, 1);
        assert!(!d.should_retry && !d.max_attempts_reached && d.retry_delay_ms == 0, "{t}: {d:?}");
    }
    let out = fail(&node, "k", "ValidationError");
    assert_eq!(out.error_handling_result.error_category, "fatal");
    assert_eq!(out.error_handling_result.handling_action, "fail");
    assert!(!out.error_handling_result.recovery_possible);
}

#[test]
fn custom_error_types_from_config() {
    let config: ErrorHandlingConfig = serde_yaml::from_str(
        "retriable_error_types: [CustomError1, CustomError2]\nfatal_error_types: [FatalCustomError]",
    )
    .unwrap();
    let (node, _clock) = node(config);
    assert!(decide(&node, "CustomError1", 1).should_retry);
    assert!(!decide(&node, "TimeoutError", 1).should_retry, "no longer in the retriable list");
    assert!(!decide(&node, "FatalCustomError", 1).should_retry);
}

// ---------------------------------------------------------------------------------------------
// The node running operations under the policy.
// ---------------------------------------------------------------------------------------------

#[test]
fn transient_failures_are_retried_until_success() {
    let (node, clock) = node(ErrorHandlingConfig::default());
    let mut calls = 0;
    let out = node.execute("risky_operation", || {
        calls += 1;
        if calls < 3 {
            Err("TimeoutError".to_string())
        } else {
            Ok(42)
        }
    });
    assert_eq!(out, Ok(42));
    assert_eq!(calls, 3);
    assert_eq!(*node.waited_ms.lock().unwrap(), [1000, 2000]);
    assert_eq!(clock.now_ms(), 3000);
    assert_eq!(status(&node, "risky_operation").status, "closed");
    assert_eq!(status(&node, "risky_operation").failure_count, 0);
}

#[test]
fn retries_are_exhausted_after_error_retry_attempts() {
    let (node, _clock) = node(ErrorHandlingConfig::default());
    let mut calls = 0;
    let out: Result<(), _> = node.execute("risky_operation", || {
        calls += 1;
        Err("TemporaryFailure".to_string())
    });
    assert_eq!(out, Err(NodeError::RetriesExhausted { error_type: "TemporaryFailure".into(), attempts: 4 }));
    assert_eq!(calls, 4, "one call plus error_retry_attempts retries");
    assert_eq!(*node.waited_ms.lock().unwrap(), [1000, 2000, 4000]);
}

#[test]
fn fatal_error_fails_at_once() {
    let (node, _clock) = node(ErrorHandlingConfig::default());
    let mut calls = 0;
    let out: Result<(), _> = node.execute("risky_operation", || {
        calls += 1;
        Err("AuthenticationError".to_string())
    });
    assert_eq!(out, Err(NodeError::Fatal { error_type: "AuthenticationError".into(), attempts: 1 }));
    assert_eq!(calls, 1);
    assert!(node.waited_ms.lock().unwrap().is_empty());
}

#[test]
fn open_circuit_stops_calls_until_timeout() {
    // The guide's integration test: retries exhaust, the circuit opens, the next call fails fast.
    let config: ErrorHandlingConfig = serde_yaml::from_str("circuit_failure_threshold: 4").unwrap();
    let (node, clock) = node(config);
    let mut calls = 0;
    let first: Result<(), _> = node.execute("risky_operation", || {
        calls += 1;
        Err("TimeoutError".to_string())
    });
    assert!(matches!(first, Err(NodeError::RetriesExhausted { attempts: 4, .. })), "{first:?}");
    assert_eq!(status(&node, "risky_operation").status, "open");
    let second: Result<(), _> = node.execute("risky_operation", || {
        calls += 1;
        Ok(())
    });
    assert_eq!(second, Err(NodeError::CircuitOpen { operation_key: "risky_operation".into() }));
    assert_eq!(second.unwrap_err().to_string(), "circuit breaker open for `risky_operation`");
    assert_eq!(calls, 4, "no call while open");
    clock.advance(30_000);
    let third = node.execute("risky_operation", || {
        calls += 1;
        Ok("recovered")
    });
    assert_eq!(third, Ok("recovered"));
    assert_eq!(status(&node, "risky_operation").status, "closed");
}

// ---------------------------------------------------------------------------------------------
// The trait itself.
// ---------------------------------------------------------------------------------------------

#[test]
fn unimplemented_optional_action_answers_not_implemented() {
    let (node, _clock) = node(ErrorHandlingConfig::default());
    let err = block_on(node.record_error_metric(RecordErrorMetricInput {
        error_category: "fatal".into(),
        operation_name: "risky_operation".into(),
        ..Default::default()
    }))
    .unwrap_err();
    assert_eq!(
        err,
        NodeError::NotImplemented(NotImplemented { mixin: "mixin_error_handling", action: "record_error_metric" })
    );
    let text = err.to_string();
    assert!(text.contains("not implemented"), "{text}");
    assert!(text.contains("record_error_metric"), "{text}");
}

#[test]
fn trait_futures_are_send_and_outputs_serialize() {
    fn assert_send<T: Send>(t: T) -> T {
        t
    }
    let (node, _clock) = node(ErrorHandlingConfig::default());
    let out = block_on(assert_send(node.handle_error(HandleErrorInput {
        error_info: "TimeoutError".into(),
        error_context: "db".into(),
        ..Default::default()
    })))
    .unwrap();
    let json = serde_json::to_value(&out).unwrap();
    assert_eq!(json["error_handling_result"]["error_category"], "retriable");
    assert_eq!(json["error_handling_result"]["recovery_possible"], true);
    let back: HandleErrorOutput = serde_json::from_value(json).unwrap();
    assert_eq!(back, out);
    // Bad inputs come back through the trait's error type.
    let err = block_on(node.should_retry(ShouldRetryInput {
        error_type: "TimeoutError".into(),
        attempt_number: "first".into(),
        ..Default::default()
    }))
    .unwrap_err();
    assert!(matches!(err, NodeError::BadInput(_)), "{err}");
}

#[test]
fn action_specs_match_what_the_node_implements() {
    let required: Vec<&str> = error_handling::ACTIONS.iter().filter(|a| a.required).map(|a| a.name).collect();
    assert_eq!(required, ["handle_error"]);
    let check = error_handling::MIXIN.action("should_retry").unwrap();
    assert_eq!(check.timeout, std::time::Duration::from_millis(100));
    assert!(error_handling::MIXIN.applies_to(onex_mixins::NodeType::Compute));
}
