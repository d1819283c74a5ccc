
/// The contract's `mixin_name`.
pub const NAME: &str = "mixin_external_dependencies";
/// The contract's `mixin_version`.
pub const VERSION: super::Version = super::Version {
    major: 1,
    minor: 0,
    patch: 0,
};
/// The contract's `description`.
pub const DESCRIPTION: &str = "External service integrations, API calls, and I/O operations for EFFECT nodes";
/// The node types this mixin applies to.
pub const APPLICABLE_NODE_TYPES: &[super::NodeType] = &[super::NodeType::Effect];
/// Every action, in contract order.
pub const ACTIONS: &[super::ActionSpec] = &[
    super::ActionSpec {
        name: "execute_external_call",
        description: "Execute call to external service or API",
        required: true,
        timeout: ::core::time::Duration::from_millis(30000),
        inputs: &["service_config", "call_parameters", "retry_config"],
        outputs: &["call_result", "execution_metadata"],
    },
    super::ActionSpec {
        name: "validate_external_response",
        description: "Validate response from external service",
        required: true,
        timeout: ::core::time::Duration::from_millis(2000),
        inputs: &["response_data", "validation_schema", "service_contract"],
        outputs: &["validation_result", "normalized_response"],
    },
    super::ActionSpec {
        name: "manage_service_health",
        description: "Monitor and manage health of external dependencies",
        required: false,
        timeout: ::core::time::Duration::from_millis(10000),
        inputs: &["service_list", "health_check_config"],
        outputs: &["health_status", "availability_metrics"],
    },
    super::ActionSpec {
        name: "handle_service_failure",
        description: "Handle failures from external services with fallback strategies",
        required: true,
        timeout: ::core::time::Duration::from_millis(5000),
        inputs: &["failure_context", "fallback_config", "recovery_options"],
        outputs: &["recovery_action", "fallback_result"],
    },
    super::ActionSpec {
        name: "transform_external_data",
        description: "Transform data between internal and external formats",
        required: false,
        timeout: ::core::time::Duration::from_millis(3000),
        inputs: &["source_data", "transformation_config", "target_schema"],
        outputs: &["transformed_data", "transformation_metadata"],
    },
];
/// The metrics this mixin collects.
pub const METRICS: &[super::MetricSpec] = &[
    super::MetricSpec {
        name: "external_calls_total",
        kind: super::MetricKind::Counter,
        description: "Total number of external service calls",
        labels: &["service_name", "operation", "status"],
        buckets: &[],
    },
    super::MetricSpec {
        name: "external_call_duration",
        kind: super::MetricKind::Histogram,
        description: "Duration of external service calls",
        labels: &["service_name", "operation"],
        buckets: &[50.0, 100.0, 500.0, 1000.0, 5000.0, 10000.0, 30000.0],
    },
    super::MetricSpec {
        name: "circuit_breaker_state_changes",
        kind: super::MetricKind::Counter,
        description: "Number of circuit breaker state changes",
        labels: &["service_name", "from_state", "to_state"],
        buckets: &[],
    },
    super::MetricSpec {
        name: "fallback_activations",
        kind: super::MetricKind::Counter,
        description: "Number of fallback strategy activations",
        labels: &["service_name", "fallback_strategy"],
        buckets: &[],
    },
    super::MetricSpec {
        name: "external_service_availability",
        kind: super::MetricKind::Gauge,
        description: "External service availability percentage",
        labels: &["service_name"],
        buckets: &[],
    },
    super::MetricSpec {
        name: "data_transformation_operations",
        kind: super::MetricKind::Counter,
        description: "Number of data transformation operations",
        labels: &["source_format", "target_format", "transformation_type"],
        buckets: &[],
    },
    super::MetricSpec {
        name: "authentication_operations",
        kind: super::MetricKind::Counter,
        description: "Number of authentication operations",
        labels: &["service_name", "auth_type", "success"],
        buckets: &[],
    },
];
/// What this mixin provides (`dependencies`).
pub const DEPENDENCIES: &[super::DependencySpec] = &[
    super::DependencySpec {
        name: "external_integration",
        kind: super::DependencyKind::Capability,
        description: "Provides external service integration capabilities",
        optional: false,
    },
    super::DependencySpec {
        name: "api_client",
        kind: super::DependencyKind::Capability,
        description: "Provides HTTP/REST API client capabilities",
        optional: false,
    },
    super::DependencySpec {
        name: "data_transformation",
        kind: super::DependencyKind::Capability,
        description: "Provides data transformation and mapping capabilities",
        optional: false,
    },
];
/// What this mixin needs (`requires_dependencies`).
pub const REQUIRED_DEPENDENCIES: &[super::DependencySpec] = &[
    super::DependencySpec {
        name: "protocol_http_client",
        kind: super::DependencyKind::Protocol,
        description: "HTTP client protocol for REST API calls",
        optional: false,
    },
    super::DependencySpec {
        name: "protocol_database_client",
        kind: super::DependencyKind::Protocol,
        description: "Database client protocol for database operations",
        optional: true,
    },
    super::DependencySpec {
        name: "protocol_message_queue_client",
        kind: super::DependencyKind::Protocol,
        description: "Message queue client protocol",
        optional: true,
    },
];
/// Everything above, in one value.
pub const MIXIN: super::MixinSpec = super::MixinSpec {
    name: NAME,
    module: "external_dependencies",
    version: VERSION,
    description: DESCRIPTION,
    applicable_node_types: APPLICABLE_NODE_TYPES,
    actions: ACTIONS,
    metrics: METRICS,
    dependencies: DEPENDENCIES,
    required_dependencies: REQUIRED_DEPENDENCIES,
};
/// The actions of `mixin_external_dependencies`: implement this for a node that uses the mixin.
///
/// Every action returns the node's error type, [`super::Node::Error`]. Required actions
/// have no default; the others answer [`super::NotImplemented`] until implemented.
pub trait ExternalDependenciesActions: super::Node {
    /// Execute call to external service or API
    ///
    /// Required action `execute_external_call`, timeout 30000 ms.
    fn execute_external_call(
        &self,
        input: ExecuteExternalCallInput,
    ) -> Result<ExecuteExternalCallOutput, Self::Error>;
    /// Validate response from external service
    ///
    /// Required action `validate_external_response`, timeout 2000 ms.
    fn validate_external_response(
        &self,
        input: ValidateExternalResponseInput,
    ) -> Result<ValidateExternalResponseOutput, Self::Error>;
    /// Monitor and manage health of external dependencies
    ///
    /// Optional action `manage_service_health`, timeout 10000 ms.
    fn manage_service_health(
        &self,
        input: ManageServiceHealthInput,
    ) -> Result<ManageServiceHealthOutput, Self::Error> {
        let _ = input;
        super::not_implemented(NAME, "manage_service_health")
    }
    /// Handle failures from external services with fallback strategies
    ///
    /// Required action `handle_service_failure`, timeout 5000 ms.
    fn handle_service_failure(
        &self,
        input: HandleServiceFailureInput,
    ) -> Result<HandleServiceFailureOutput, Self::Error>;
    /// Transform data between internal and external formats
    ///
    /// Optional action `transform_external_data`, timeout 3000 ms.
    fn transform_external_data(
        &self,
        input: TransformExternalDataInput,
    ) -> Result<TransformExternalDataOutput, Self::Error> {
        let _ = input;
        super::not_implemented(NAME, "transform_external_data")
    }
}
/// The contract's `external_dependency_config` section, with the values the contract gives.
pub fn external_dependency_config() -> ExternalDependencyConfig {
    <ExternalDependencyConfig as Default>::default()
}
/// The contract's `circuit_breaker_config` section, with the values the contract gives.
pub fn circuit_breaker_config() -> CircuitBreakerConfig {
    <CircuitBreakerConfig as Default>::default()
}
/// The contract's `supported_service_types` section, with the values the contract gives.
pub fn supported_service_types() -> SupportedServiceTypes {
    <SupportedServiceTypes as Default>::default()
}
/// The contract's `fallback_strategies` section, with the values the contract gives.
pub fn fallback_strategies() -> FallbackStrategies {
    <FallbackStrategies as Default>::default()
}
/// The contract's `authentication_patterns` section, with the values the contract gives.
pub fn authentication_patterns() -> AuthenticationPatterns {
    <AuthenticationPatterns as Default>::default()
}
/// The contract's `data_transformation` section, with the values the contract gives.
pub fn data_transformation() -> DataTransformation {
    <DataTransformation as Default>::default()
}
/// One of `CLOSED`, `OPEN`, `HALF_OPEN`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[non_exhaustive]
pub enum CallResultMetadataCircuitBreakerState {
    /// `CLOSED`
    #[default]
    Closed,
    /// `OPEN`
    Open,
    /// `HALF_OPEN`
    HalfOpen,
}
impl CallResultMetadataCircuitBreakerState {
    /// Every value, in contract order.
    pub const ALL: &'static [Self] = &[Self::Closed, Self::Open, Self::HalfOpen];
    /// The value as the contract writes it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Closed => "CLOSED",
            Self::Open => "OPEN",
            Self::HalfOpen => "HALF_OPEN",
        }
    }
}
impl ::core::fmt::Display for CallResultMetadataCircuitBreakerState {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.write_str(self.as_str())
    }
}
impl ::core::str::FromStr for CallResultMetadataCircuitBreakerState {
    type Err = super::UnknownVariant;
    fn from_str(s: &str) -> Result<Self, super::UnknownVariant> {
        match s {
            "CLOSED" => Ok(Self::Closed),
            "OPEN" => Ok(Self::Open),
            "HALF_OPEN" => Ok(Self::HalfOpen),
            _ => {
                Err(super::UnknownVariant {
                    type_name: "CallResultMetadataCircuitBreakerState",
                    value: String::from(s),
                })
            }
        }
    }
}
/// `output_models.call_result.metadata` in the contract.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct CallResultMetadata {
    /// Contract type: `integer`.
    pub retry_count: i64,
    /// Contract type: `enum[CLOSED,OPEN,HALF_OPEN]`.
    pub circuit_breaker_state: CallResultMetadataCircuitBreakerState,
}
/// The output model `call_result`.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct CallResult {
    /// Contract type: `boolean`.
    pub success: bool,
    /// Contract type: `object`.
    pub response_data: std::collections::BTreeMap<String, String>,
    /// Contract type: `integer`.
    pub http_status: i64,
    /// Contract type: `integer`.
    pub response_time_ms: i64,
    /// Contract type: `string`.
    pub service_endpoint: String,
    /// `headers`
    pub headers: ::std::collections::BTreeMap<String, String>,
    /// `metadata`
    pub metadata: CallResultMetadata,
}
/// The output model `execution_metadata`.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct ExecutionMetadata {
    /// Contract type: `string`.
    pub service_name: String,
    /// Contract type: `string`.
    pub operation_name: String,
    /// Contract type: `datetime`.
    pub start_time: super::Timestamp,
    /// Contract type: `datetime`.
    pub end_time: super::Timestamp,
    /// Contract type: `integer`.
    pub total_time_ms: i64,
    /// Contract type: `integer`.
    pub network_time_ms: i64,
    /// Contract type: `integer`.
    pub processing_time_ms: i64,
    /// Contract type: `integer`.
    pub bytes_sent: i64,
    /// Contract type: `integer`.
    pub bytes_received: i64,
}
/// One of `HEALTHY`, `DEGRADED`, `UNHEALTHY`, `UNKNOWN`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[non_exhaustive]
pub enum HealthStatusStatus {
    /// `HEALTHY`
    #[default]
    Healthy,
    /// `DEGRADED`
    Degraded,
    /// `UNHEALTHY`
    Unhealthy,
    /// `UNKNOWN`
    Unknown,
}
impl HealthStatusStatus {
    /// Every value, in contract order.
    pub const ALL: &'static [Self] = &[
        Self::Healthy,
        Self::Degraded,
        Self::Unhealthy,
        Self::Unknown,
    ];
    /// The value as the contract writes it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Healthy => "HEALTHY",
            Self::Degraded => "DEGRADED",
            Self::Unhealthy => "UNHEALTHY",
            Self::Unknown => "UNKNOWN",
        }
    }
}
impl ::core::fmt::Display for HealthStatusStatus {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.write_str(self.as_str())
    }
}
impl ::core::str::FromStr for HealthStatusStatus {
    type Err = super::UnknownVariant;
    fn from_str(s: &str) -> Result<Self, super::UnknownVariant> {
        match s {
            "HEALTHY" => Ok(Self::Healthy),
            "DEGRADED" => Ok(Self::Degraded),
            "UNHEALTHY" => Ok(Self::Unhealthy),
            "UNKNOWN" => Ok(Self::Unknown),
            _ => {
                Err(super::UnknownVariant {
                    type_name: "HealthStatusStatus",
                    value: String::from(s),
                })
            }
        }
    }
}
/// The output model `health_status`.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct HealthStatus {
    /// Contract type: `string`.
    pub service_name: String,
    /// Contract type: `enum[HEALTHY,DEGRADED,UNHEALTHY,UNKNOWN]`.
    pub status: HealthStatusStatus,
    /// Contract type: `datetime`.
    pub last_check: super::Timestamp,
    /// Contract type: `integer`.
    pub response_time_ms: i64,
    /// Contract type: `float`.
    pub error_rate_percent: f64,
    /// Contract type: `float`.
    pub availability_percent: f64,
    /// Contract type: `string`.
    pub circuit_breaker_state: String,
}
/// One of `NONE`, `PARTIAL`, `FULL`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[non_exhaustive]
pub enum FallbackResultDegradationLevel {
    /// `NONE`
    #[default]
    None,
    /// `PARTIAL`
    Partial,
    /// `FULL`
    Full,
}
impl FallbackResultDegradationLevel {
    /// Every value, in contract order.
    pub const ALL: &'static [Self] = &[Self::None, Self::Partial, Self::Full];
    /// The value as the contract writes it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::None => "NONE",
            Self::Partial => "PARTIAL",
            Self::Full => "FULL",
        }
    }
}
impl ::core::fmt::Display for FallbackResultDegradationLevel {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.write_str(self.as_str())
    }
}
impl ::core::str::FromStr for FallbackResultDegradationLevel {
    type Err = super::UnknownVariant;
    fn from_str(s: &str) -> Result<Self, super::UnknownVariant> {
        match s {
            "NONE" => Ok(Self::None),
            "PARTIAL" => Ok(Self::Partial),
            "FULL" => Ok(Self::Full),
            _ => {
                Err(super::UnknownVariant {
                    type_name: "FallbackResultDegradationLevel",
                    value: String::from(s),
                })
            }
        }
    }
}
/// The output model `fallback_result`.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct FallbackResult {
    /// Contract type: `string`.
    pub fallback_strategy_used: String,
    /// Contract type: `boolean`.
    pub fallback_success: bool,
    /// Contract type: `object`.
    pub fallback_data: std::collections::BTreeMap<String, String>,
    /// Contract type: `string`.
    pub original_error: String,
    /// Contract type: `enum[NONE,PARTIAL,FULL]`.
    pub degradation_level: FallbackResultDegradationLevel,
}
/// `external_dependency_config.retry_policy` in the contract.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ExternalDependencyConfigRetryPolicy {
    /// Contract value: `3`.
    pub max_retries: i64,
    /// Contract value: `1000`.
    pub initial_delay_ms: i64,
    /// Contract value: `10000`.
    pub max_delay_ms: i64,
    /// Contract value: `true`.
    pub exponential_backoff: bool,
    /// Contract value: `true`.
    pub jitter_enabled: bool,
}
impl Default for ExternalDependencyConfigRetryPolicy {
    /// The contract's values.
    fn default() -> Self {
        Self {
            max_retries: 3,
            initial_delay_ms: 1000,
            max_delay_ms: 10000,
            exponential_backoff: true,
            jitter_enabled: true,
        }
    }
}
/// `external_dependency_config.rate_limiting` in the contract.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ExternalDependencyConfigRateLimiting {
    /// Contract value: `true`.
    pub enabled: bool,
    /// Contract value: `100`.
    pub requests_per_second: i64,
    /// Contract value: `200`.
    pub burst_capacity: i64,
}
impl Default for ExternalDependencyConfigRateLimiting {
    /// The contract's values.
    fn default() -> Self {
        Self {
            enabled: true,
            requests_per_second: 100,
            burst_capacity: 200,
        }
    }
}
/// Configuration section `external_dependency_config`. `Default` gives the contract's values; deserializing a partial override keeps the defaults of every key it leaves out, and an unknown key is an error.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ExternalDependencyConfig {
    /// Contract value: `20`.
    pub connection_pool_size: i64,
    /// Contract value: `15000`.
    pub default_timeout_ms: i64,
    /// Contract value: `50`.
    pub max_concurrent_calls: i64,
    /// Contract value: `true`.
    pub circuit_breaker_enabled: bool,
    /// Contract value: `{...}`.
    pub retry_policy: ExternalDependencyConfigRetryPolicy,
    /// Contract value: `{...}`.
    pub rate_limiting: ExternalDependencyConfigRateLimiting,
}
impl Default for ExternalDependencyConfig {
    /// The contract's values.
    fn default() -> Self {
        Self {
            connection_pool_size: 20,
            default_timeout_ms: 15000,
            max_concurrent_calls: 50,
            circuit_breaker_enabled: true,
            retry_policy: <ExternalDependencyConfigRetryPolicy as Default>::default(),
            rate_limiting: <ExternalDependencyConfigRateLimiting as Default>::default(),
        }
    }
}
/// Configuration section `circuit_breaker_config`. `Default` gives the contract's values; deserializing a partial override keeps the defaults of every key it leaves out, and an unknown key is an error.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct CircuitBreakerConfig {
    /// Contract value: `10`.
    pub failure_threshold: i64,
    /// Contract value: `60000`.
    pub timeout_duration_ms: i64,
    /// Contract value: `3`.
    pub half_open_max_calls: i64,
    /// Contract value: `10000`.
    pub metrics_window_ms: i64,
    /// Contract value: `5`.
    pub min_calls_for_evaluation: i64,
}
impl Default for CircuitBreakerConfig {
    /// The contract's values.
    fn default() -> Self {
        Self {
            failure_threshold: 10,
            timeout_duration_ms: 60000,
            half_open_max_calls: 3,
            metrics_window_ms: 10000,
            min_calls_for_evaluation: 5,
        }
    }
}
/// What a node contract's integration field for `mixin_external_dependencies` holds: one field
/// per configuration section. `Default` gives the contract's values; deserializing a partial
/// override keeps the defaults of every key it leaves out, and an unknown key is an error.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Configuration {
    /// The `external_dependency_config` section.
    pub external_dependency_config: ExternalDependencyConfig,
    /// The `circuit_breaker_config` section.
    pub circuit_breaker_config: CircuitBreakerConfig,
}
impl Default for Configuration {
    /// The contract's values.
    fn default() -> Self {
        Self {
            external_dependency_config: <ExternalDependencyConfig as Default>::default(),
            circuit_breaker_config: <CircuitBreakerConfig as Default>::default(),
        }
    }
}
/// `supported_service_types.rest_api` in the contract.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct SupportedServiceTypesRestApi {
    /// Contract value: `"HTTP/HTTPS"`.
    pub protocol: String,
    /// Contract value: `["bearer_token", "api_key", "oauth2", "basic_auth"]`.
    pub authentication: Vec<String>,
    /// Contract value: `["json", "xml", "form_data"]`.
    pub serialization: Vec<String>,
    /// Contract value: `["gzip", "deflate"]`.
    pub compression: Vec<String>,
}
impl Default for SupportedServiceTypesRestApi {
    /// The contract's values.
    fn default() -> Self {
        Self {
            protocol: String::from("HTTP/HTTPS"),
            authentication: Vec::from([
                String::from("bearer_token"),
                String::from("api_key"),
                String::from("oauth2"),
                String::from("basic_auth"),
            ]),
            serialization: Vec::from([
                String::from("json"),
                String::from("xml"),
                String::from("form_data"),
            ]),
            compression: Vec::from([String::from("gzip"), String::from("deflate")]),
        }
    }
}
/// `supported_service_types.database` in the contract.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct SupportedServiceTypesDatabase {
    /// Contract value: `["postgresql", "mysql", "mongodb", "cassandra"]`.
    pub protocols: Vec<String>,
    /// Contract value: `true`.
    pub connection_pooling: bool,
    /// Contract value: `true`.
    pub transaction_support: bool,
    /// Contract value: `false`.
    pub streaming_support: bool,
}
impl Default for SupportedServiceTypesDatabase {
    /// The contract's values.
    fn default() -> Self {
        Self {
            protocols: Vec::from([
                String::from("postgresql"),
                String::from("mysql"),
                String::from("mongodb"),
                String::from("cassandra"),
            ]),
            connection_pooling: true,
            transaction_support: true,
            streaming_support: false,
        }
    }
}
/// `supported_service_types.message_queue` in the contract.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct SupportedServiceTypesMessageQueue {
    /// Contract value: `["kafka", "rabbitmq", "aws_sqs", "azure_service_bus"]`.
    pub protocols: Vec<String>,
    /// Contract value: `["at_least_once", "at_most_once", "exactly_once"]`.
    pub delivery_guarantee: Vec<String>,
    /// Contract value: `true`.
    pub batching_support: bool,
}
impl Default for SupportedServiceTypesMessageQueue {
    /// The contract's values.
    fn default() -> Self {
        Self {
            protocols: Vec::from([
                String::from("kafka"),
                String::from("rabbitmq"),
                String::from("aws_sqs"),
                String::from("azure_service_bus"),
            ]),
            delivery_guarantee: Vec::from([
                String::from("at_least_once"),
                String::from("at_most_once"),
                String::from("exactly_once"),
            ]),
            batching_support: true,
        }
    }
}
/// `supported_service_types.file_storage` in the contract.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct SupportedServiceTypesFileStorage {
    /// Contract value: `["s3", "azure_blob", "gcs", "sftp", "local"]`.
    pub protocols: Vec<String>,
    /// Contract value: `true`.
    pub streaming_support: bool,
    /// Contract value: `true`.
    pub encryption_support: bool,
    /// Contract value: `true`.
    pub versioning_support: bool,
}
impl Default for SupportedServiceTypesFileStorage {
    /// The contract's values.
    fn default() -> Self {
        Self {
            protocols: Vec::from([
                String::from("s3"),
                String::from("azure_blob"),
                String::from("gcs"),
                String::from("sftp"),
                String::from("local"),
            ]),
            streaming_support: true,
            encryption_support: true,
            versioning_support: true,
        }
    }
}
/// `supported_service_types.external_apis` in the contract.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct SupportedServiceTypesExternalApis {
    /// Contract value: `["rest", "graphql", "grpc", "soap"]`.
    pub protocols: Vec<String>,
    /// Contract value: `["oauth2", "api_key", "jwt", "custom"]`.
    pub authentication_flows: Vec<String>,
    /// Contract value: `true`.
    pub rate_limiting_aware: bool,
}
impl Default for SupportedServiceTypesExternalApis {
    /// The contract's values.
    fn default() -> Self {
        Self {
            protocols: Vec::from([
                String::from("rest"),
                String::from("graphql"),
                String::from("grpc"),
                String::from("soap"),
            ]),
            authentication_flows: Vec::from([
                String::from("oauth2"),
                String::from("api_key"),
                String::from("jwt"),
                String::from("custom"),
            ]),
            rate_limiting_aware: true,
        }
    }
}
/// The contract's `supported_service_types` section, as typed data.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct SupportedServiceTypes {
    /// Contract value: `{...}`.
    pub rest_api: SupportedServiceTypesRestApi,
    /// Contract value: `{...}`.
    pub database: SupportedServiceTypesDatabase,
    /// Contract value: `{...}`.
    pub message_queue: SupportedServiceTypesMessageQueue,
    /// Contract value: `{...}`.
    pub file_storage: SupportedServiceTypesFileStorage,
    /// Contract value: `{...}`.
    pub external_apis: SupportedServiceTypesExternalApis,
}
impl Default for SupportedServiceTypes {
    /// The contract's values.
    fn default() -> Self {
        Self {
            rest_api: <SupportedServiceTypesRestApi as Default>::default(),
            database: <SupportedServiceTypesDatabase as Default>::default(),
            message_queue: <SupportedServiceTypesMessageQueue as Default>::default(),
            file_storage: <SupportedServiceTypesFileStorage as Default>::default(),
            external_apis: <SupportedServiceTypesExternalApis as Default>::default(),
        }
    }
}
/// `fallback_strategies.cached_response` in the contract.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct FallbackStrategiesCachedResponse {
    /// Contract value: `true`.
    pub enabled: bool,
    /// Contract value: `300000`.
    pub cache_ttl_ms: i64,
    /// Contract value: `true`.
    pub stale_while_revalidate: bool,
}
impl Default for FallbackStrategiesCachedResponse {
    /// The contract's values.
    fn default() -> Self {
        Self {
            enabled: true,
            cache_ttl_ms: 300000,
            stale_while_revalidate: true,
        }
    }
}
/// `fallback_strategies.default_response` in the contract.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct FallbackStrategiesDefaultResponse {
    /// Contract value: `true`.
    pub enabled: bool,
    /// Contract value: `{}`.
    pub response_templates: ::std::collections::BTreeMap<String, super::Value>,
    /// Contract value: `{}`.
    pub static_fallbacks: ::std::collections::BTreeMap<String, super::Value>,
}
impl Default for FallbackStrategiesDefaultResponse {
    /// The contract's values.
    fn default() -> Self {
        Self {
            enabled: true,
            response_templates: ::std::collections::BTreeMap::new(),
            static_fallbacks: ::std::collections::BTreeMap::new(),
        }
    }
}
/// `fallback_strategies.alternative_service` in the contract.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct FallbackStrategiesAlternativeService {
    /// Contract value: `false`.
    pub enabled: bool,
    /// Contract value: `[]`.
    pub service_priority_list: Vec<super::Value>,
    /// Contract value: `true`.
    pub automatic_failover: bool,
}
impl Default for FallbackStrategiesAlternativeService {
    /// The contract's values.
    fn default() -> Self {
        Self {
            enabled: false,
            service_priority_list: Vec::new(),
            automatic_failover: true,
        }
    }
}
/// `fallback_strategies.graceful_degradation` in the contract.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct FallbackStrategiesGracefulDegradation {
    /// Contract value: `true`.
    pub enabled: bool,
    /// Contract value: `true`.
    pub reduced_functionality_mode: bool,
    /// Contract value: `true`.
    pub user_notification_required: bool,
}
impl Default for FallbackStrategiesGracefulDegradation {
    /// The contract's values.
    fn default() -> Self {
        Self {
            enabled: true,
            reduced_functionality_mode: true,
            user_notification_required: true,
        }
    }
}
/// The contract's `fallback_strategies` section, as typed data.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct FallbackStrategies {
    /// Contract value: `{...}`.
    pub cached_response: FallbackStrategiesCachedResponse,
    /// Contract value: `{...}`.
    pub default_response: FallbackStrategiesDefaultResponse,
    /// Contract value: `{...}`.
    pub alternative_service: FallbackStrategiesAlternativeService,
    /// Contract value: `{...}`.
    pub graceful_degradation: FallbackStrategiesGracefulDegradation,
}
impl Default for FallbackStrategies {
    /// The contract's values.
    fn default() -> Self {
        Self {
            cached_response: <FallbackStrategiesCachedResponse as Default>::default(),
            default_response: <FallbackStrategiesDefaultResponse as Default>::default(),
            alternative_service: <FallbackStrategiesAlternativeService as Default>::default(),
            graceful_degradation: <FallbackStrategiesGracefulDegradation as Default>::default(),
        }
    }
}
/// `authentication_patterns.oauth2` in the contract.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct AuthenticationPatternsOauth2 {
    /// Contract value: `["client_credentials", "authorization_code"]`.
    pub grant_types: Vec<String>,
    /// Contract value: `true`.
    pub token_refresh_enabled: bool,
    /// Contract value: `true`.
    pub scope_management: bool,
}
impl Default for AuthenticationPatternsOauth2 {
    /// The contract's values.
    fn default() -> Self {
        Self {
            grant_types: Vec::from([
                String::from("client_credentials"),
                String::from("authorization_code"),
            ]),
            token_refresh_enabled: true,
            scope_management: true,
        }
    }
}
/// `authentication_patterns.api_key` in the contract.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct AuthenticationPatternsApiKey {
    /// Contract value: `true`.
    pub key_rotation_supported: bool,
    /// Contract value: `true`.
    pub header_based: bool,
    /// Contract value: `false`.
    pub query_param_based: bool,
}
impl Default for AuthenticationPatternsApiKey {
    /// The contract's values.
    fn default() -> Self {
        Self {
            key_rotation_supported: true,
            header_based: true,
            query_param_based: false,
        }
    }
}
/// `authentication_patterns.jwt_bearer` in the contract.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct AuthenticationPatternsJwtBearer {
    /// Contract value: `true`.
    pub token_validation: bool,
    /// Contract value: `true`.
    pub claim_extraction: bool,
    /// Contract value: `true`.
    pub expiration_handling: bool,
}
impl Default for AuthenticationPatternsJwtBearer {
    /// The contract's values.
    fn default() -> Self {
        Self {
            token_validation: true,
            claim_extraction: true,
            expiration_handling: true,
        }
    }
}
/// The contract's `authentication_patterns` section, as typed data.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct AuthenticationPatterns {
    /// Contract value: `{...}`.
    pub oauth2: AuthenticationPatternsOauth2,
    /// Contract value: `{...}`.
    pub api_key: AuthenticationPatternsApiKey,
    /// Contract value: `{...}`.
    pub jwt_bearer: AuthenticationPatternsJwtBearer,
}
impl Default for AuthenticationPatterns {
    /// The contract's values.
    fn default() -> Self {
        Self {
            oauth2: <AuthenticationPatternsOauth2 as Default>::default(),
            api_key: <AuthenticationPatternsApiKey as Default>::default(),
            jwt_bearer: <AuthenticationPatternsJwtBearer as Default>::default(),
        }
    }
}
/// The contract's `data_transformation` section, as typed data.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct DataTransformation {
    /// Contract value: `["json", "xml", "csv", "protobuf", "avro"]`.
    pub input_formats: Vec<String>,
    /// Contract value: `["json", "xml", "csv", "protobuf", "avro"]`.
    pub output_formats: Vec<String>,
    /// Contract value: `["field_mapping", "data_type_conversion", "structure_flattening", "data_enric...`.
    pub transformation_types: Vec<String>,
}
impl Default for DataTransformation {
    /// The contract's values.
    fn default() -> Self {
        Self {
            input_formats: Vec::from([
                String::from("json"),
                String::from("xml"),
                String::from("csv"),
                String::from("protobuf"),
                String::from("avro"),
            ]),
            output_formats: Vec::from([
                String::from("json"),
                String::from("xml"),
                String::from("csv"),
                String::from("protobuf"),
                String::from("avro"),
            ]),
            transformation_types: Vec::from([
                String::from("field_mapping"),
                String::from("data_type_conversion"),
                String::from("structure_flattening"),
                String::from("data_enrichment"),
                String::from("validation_and_sanitization"),
            ]),
        }
    }
}
/// The inputs of the `execute_external_call` action.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct ExecuteExternalCallInput {
    /// No type declared in the contract: the fallback type.
    pub service_config: Box<str>,
    /// No type declared in the contract: the fallback type.
    pub call_parameters: Box<str>,
    /// No type declared in the contract: the fallback type.
    pub retry_config: Box<str>,
}
/// The outputs of the `execute_external_call` action.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct ExecuteExternalCallOutput {
    /// Typed by the output model `call_result`.
    pub call_result: CallResult,
    /// Typed by the output model `execution_metadata`.
    pub execution_metadata: ExecutionMetadata,
}
/// The inputs of the `validate_external_response` action.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct ValidateExternalResponseInput {
    /// Typed like the output model field `call_result.response_data`.
    pub response_data: std::collections::BTreeMap<String, String>,
    /// No type declared in the contract: the fallback type.
    pub validation_schema: Box<str>,
    /// No type declared in the contract: the fallback type.
    pub service_contract: Box<str>,
}
/// The outputs of the `validate_external_response` action.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct ValidateExternalResponseOutput {
    /// No type declared in the contract: the fallback type.
    pub validation_result: Box<str>,
    /// No type declared in the contract: the fallback type.
    pub normalized_response: Box<str>,
}
/// The inputs of the `manage_service_health` action.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct ManageServiceHealthInput {
    /// No type declared in the contract: the fallback type.
    pub service_list: Box<str>,
    /// No type declared in the contract: the fallback type.
    pub health_check_config: Box<str>,
}
/// The outputs of the `manage_service_health` action.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct ManageServiceHealthOutput {
    /// Typed by the output model `health_status`.
    pub health_status: HealthStatus,
    /// No type declared in the contract: the fallback type.
    pub availability_metrics: Box<str>,
}
/// The inputs of the `handle_service_failure` action.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct HandleServiceFailureInput {
    /// No type declared in the contract: the fallback type.
    pub failure_context: Box<str>,
    /// No type declared in the contract: the fallback type.
    pub fallback_config: Box<str>,
    /// No type declared in the contract: the fallback type.
    pub recovery_options: Box<str>,
}
/// The outputs of the `handle_service_failure` action.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct HandleServiceFailureOutput {
    /// No type declared in the contract: the fallback type.
    pub recovery_action: Box<str>,
    /// Typed by the output model `fallback_result`.
    pub fallback_result: FallbackResult,
}
/// The inputs of the `transform_external_data` action.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct TransformExternalDataInput {
    /// No type declared in the contract: the fallback type.
    pub source_data: Box<str>,
    /// No type declared in the contract: the fallback type.
    pub transformation_config: Box<str>,
    /// No type declared in the contract: the fallback type.
    pub target_schema: Box<str>,
}
/// The outputs of the `transform_external_data` action.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct TransformExternalDataOutput {
    /// No type declared in the contract: the fallback type.
    pub transformed_data: Box<str>,
    /// No type declared in the contract: the fallback type.
    pub transformation_metadata: Box<str>,
}
