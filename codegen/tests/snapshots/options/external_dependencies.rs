
/// EXTERNAL DEPENDENCY CONFIGURATION
///
/// Configuration section `external_dependency_config`. `Default` gives the contract's values;
/// deserializing a partial override keeps the defaults of every key it leaves out,
/// and an unknown key is an error.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ExternalDependencyConfig {
    /// Default `20`.
    pub connection_pool_size: i64,
    /// Default `15000`.
    pub default_timeout_ms: i64,
    /// Default `50`.
    pub max_concurrent_calls: i64,
    /// Default `true`.
    pub circuit_breaker_enabled: bool,
    pub retry_policy: ExternalDependencyConfigRetryPolicy,
    pub rate_limiting: ExternalDependencyConfigRateLimiting,
}

impl Default for ExternalDependencyConfig {
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

/// `external_dependency_config.retry_policy` in the contract.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ExternalDependencyConfigRetryPolicy {
    /// Default `3`.
    pub max_retries: i64,
    /// Default `1000`.
    pub initial_delay_ms: i64,
    /// Default `10000`.
    pub max_delay_ms: i64,
    /// Default `true`.
    pub exponential_backoff: bool,
    /// Default `true`.
    pub jitter_enabled: bool,
}

impl Default for ExternalDependencyConfigRetryPolicy {
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
    /// Default `true`.
    pub enabled: bool,
    /// Default `100`.
    pub requests_per_second: i64,
    /// Default `200`.
    pub burst_capacity: i64,
}

impl Default for ExternalDependencyConfigRateLimiting {
    fn default() -> Self {
        Self {
            enabled: true,
            requests_per_second: 100,
            burst_capacity: 200,
        }
    }
}

/// CIRCUIT BREAKER PATTERNS
///
/// Configuration section `circuit_breaker_config`. `Default` gives the contract's values;
/// deserializing a partial override keeps the defaults of every key it leaves out,
/// and an unknown key is an error.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct CircuitBreakerConfig {
    /// Default `10`.
    pub failure_threshold: i64,
    /// 1 minute
    ///
    /// Default `60000`.
    pub timeout_duration_ms: i64,
    /// Default `3`.
    pub half_open_max_calls: i64,
    /// 10 seconds
    ///
    /// Default `10000`.
    pub metrics_window_ms: i64,
    /// Default `5`.
    pub min_calls_for_evaluation: i64,
}

impl Default for CircuitBreakerConfig {
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
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct Configuration {
    /// The `external_dependency_config` section.
    pub external_dependency_config: ExternalDependencyConfig,
    /// The `circuit_breaker_config` section.
    pub circuit_breaker_config: CircuitBreakerConfig,
}

/// EXTERNAL DEPENDENCY CONFIGURATION
///
/// The contract's `external_dependency_config` section, with the values the contract gives.
pub fn external_dependency_config() -> ExternalDependencyConfig {
    <ExternalDependencyConfig as Default>::default()
}

/// CIRCUIT BREAKER PATTERNS
///
/// The contract's `circuit_breaker_config` section, with the values the contract gives.
pub fn circuit_breaker_config() -> CircuitBreakerConfig {
    <CircuitBreakerConfig as Default>::default()
}

/// The actions of `mixin_external_dependencies`: implement this for a node that uses the mixin.
///
/// Every action returns the node's error type, [`super::Node::Error`]. Required actions
/// have no default; the others answer [`super::NotImplemented`] until implemented.
///
/// # Example
///
/// ```ignore
/// use external_dependencies::ExternalDependenciesActions;
///
/// struct MyNode;
///
/// impl Node for MyNode {
///     type Error = NotImplemented;
/// }
///
/// impl ExternalDependenciesActions for MyNode {
///     fn execute_external_call(&self, input: external_dependencies::ExecuteExternalCallInput) -> Result<external_dependencies::ExecuteExternalCallOutput, Self::Error> {
///         let _ = input;
///         Ok(external_dependencies::ExecuteExternalCallOutput::default())
///     }
///
///     fn validate_external_response(&self, input: external_dependencies::ValidateExternalResponseInput) -> Result<external_dependencies::ValidateExternalResponseOutput, Self::Error> {
///         let _ = input;
///         Ok(external_dependencies::ValidateExternalResponseOutput::default())
///     }
///
///     fn handle_service_failure(&self, input: external_dependencies::HandleServiceFailureInput) -> Result<external_dependencies::HandleServiceFailureOutput, Self::Error> {
///         let _ = input;
///         Ok(external_dependencies::HandleServiceFailureOutput::default())
///     }
/// }
///
/// fn call(node: &MyNode) -> Result<external_dependencies::ExecuteExternalCallOutput, NotImplemented> {
///     node.execute_external_call(external_dependencies::ExecuteExternalCallInput::default())
/// }
/// ```
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

/// The actions of `mixin_external_dependencies`, by name: [`Action::spec`] gives each one's
/// [`super::ActionSpec`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
#[allow(clippy::enum_variant_names)]
pub enum Action {
    ExecuteExternalCall,
    ValidateExternalResponse,
    ManageServiceHealth,
    HandleServiceFailure,
    TransformExternalData,
}

super::string_enum! {
    Action(name) { ExecuteExternalCall("execute_external_call"),
    ValidateExternalResponse("validate_external_response"),
    ManageServiceHealth("manage_service_health"),
    HandleServiceFailure("handle_service_failure"),
    TransformExternalData("transform_external_data") }
}

impl Action {
    /// The action's entry in [`ACTIONS`].
    pub const fn spec(self) -> &'static super::ActionSpec {
        &ACTIONS[self as usize]
    }
}

/// A call of one action of `mixin_external_dependencies`, with its inputs:
/// `{"action": "<name>", "input": {..}}` on the wire.
/// Run it with [`Request::dispatch`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[allow(clippy::large_enum_variant, clippy::enum_variant_names)]
pub enum Request {
    /// A call of `execute_external_call`.
    ExecuteExternalCall(ExecuteExternalCallInput),
    /// A call of `validate_external_response`.
    ValidateExternalResponse(ValidateExternalResponseInput),
    /// A call of `manage_service_health`.
    ManageServiceHealth(ManageServiceHealthInput),
    /// A call of `handle_service_failure`.
    HandleServiceFailure(HandleServiceFailureInput),
    /// A call of `transform_external_data`.
    TransformExternalData(TransformExternalDataInput),
}

super::tagged! {
    Request("input") { ExecuteExternalCall(ExecuteExternalCallInput),
    ValidateExternalResponse(ValidateExternalResponseInput),
    ManageServiceHealth(ManageServiceHealthInput),
    HandleServiceFailure(HandleServiceFailureInput),
    TransformExternalData(TransformExternalDataInput) }
}

impl Request {
    /// Runs the action this request names on `node`: calls its method in
    /// [`ExternalDependenciesActions`] and wraps the outputs in the matching [`Response`].
    /// The error is the node's own.
    pub fn dispatch<N: ExternalDependenciesActions + ?Sized>(
        self,
        node: &N,
    ) -> Result<Response, N::Error> {
        match self {
            Self::ExecuteExternalCall(input) => {
                node.execute_external_call(input).map(Response::ExecuteExternalCall)
            }
            Self::ValidateExternalResponse(input) => {
                node.validate_external_response(input)
                    .map(Response::ValidateExternalResponse)
            }
            Self::ManageServiceHealth(input) => {
                node.manage_service_health(input).map(Response::ManageServiceHealth)
            }
            Self::HandleServiceFailure(input) => {
                node.handle_service_failure(input).map(Response::HandleServiceFailure)
            }
            Self::TransformExternalData(input) => {
                node.transform_external_data(input).map(Response::TransformExternalData)
            }
        }
    }
}

/// What one action of `mixin_external_dependencies` returned:
/// `{"action": "<name>", "output": {..}}` on the wire.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[allow(clippy::large_enum_variant, clippy::enum_variant_names)]
pub enum Response {
    /// The outputs of `execute_external_call`.
    ExecuteExternalCall(ExecuteExternalCallOutput),
    /// The outputs of `validate_external_response`.
    ValidateExternalResponse(ValidateExternalResponseOutput),
    /// The outputs of `manage_service_health`.
    ManageServiceHealth(ManageServiceHealthOutput),
    /// The outputs of `handle_service_failure`.
    HandleServiceFailure(HandleServiceFailureOutput),
    /// The outputs of `transform_external_data`.
    TransformExternalData(TransformExternalDataOutput),
}

super::tagged! {
    Response("output") { ExecuteExternalCall(ExecuteExternalCallOutput),
    ValidateExternalResponse(ValidateExternalResponseOutput),
    ManageServiceHealth(ManageServiceHealthOutput),
    HandleServiceFailure(HandleServiceFailureOutput),
    TransformExternalData(TransformExternalDataOutput) }
}

/// The inputs of the `execute_external_call` action.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct ExecuteExternalCallInput {
    pub service_config: Box<str>,
    pub call_parameters: Box<str>,
    pub retry_config: Box<str>,
}

/// The outputs of the `execute_external_call` action.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct ExecuteExternalCallOutput {
    pub call_result: CallResult,
    pub execution_metadata: ExecutionMetadata,
}

/// The inputs of the `validate_external_response` action.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct ValidateExternalResponseInput {
    /// Typed like the output model field `call_result.response_data`.
    pub response_data: std::collections::BTreeMap<String, String>,
    pub validation_schema: Box<str>,
    pub service_contract: Box<str>,
}

/// The outputs of the `validate_external_response` action.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct ValidateExternalResponseOutput {
    pub validation_result: Box<str>,
    pub normalized_response: Box<str>,
}

/// The inputs of the `manage_service_health` action.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct ManageServiceHealthInput {
    pub service_list: Box<str>,
    pub health_check_config: Box<str>,
}

/// The outputs of the `manage_service_health` action.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct ManageServiceHealthOutput {
    pub health_status: HealthStatus,
    pub availability_metrics: Box<str>,
}

/// The inputs of the `handle_service_failure` action.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct HandleServiceFailureInput {
    pub failure_context: Box<str>,
    pub fallback_config: Box<str>,
    pub recovery_options: Box<str>,
}

/// The outputs of the `handle_service_failure` action.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct HandleServiceFailureOutput {
    pub recovery_action: Box<str>,
    pub fallback_result: FallbackResult,
}

/// The inputs of the `transform_external_data` action.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct TransformExternalDataInput {
    pub source_data: Box<str>,
    pub transformation_config: Box<str>,
    pub target_schema: Box<str>,
}

/// The outputs of the `transform_external_data` action.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct TransformExternalDataOutput {
    pub transformed_data: Box<str>,
    pub transformation_metadata: Box<str>,
}

/// The output model `call_result`.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct CallResult {
    pub success: bool,
    pub response_data: std::collections::BTreeMap<String, String>,
    pub http_status: i64,
    pub response_time_ms: i64,
    pub service_endpoint: String,
    pub headers: ::std::collections::BTreeMap<String, String>,
    pub metadata: CallResultMetadata,
}

/// `output_models.call_result.metadata` in the contract.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct CallResultMetadata {
    pub retry_count: i64,
    pub circuit_breaker_state: CallResultMetadataCircuitBreakerState,
}

/// The output model `execution_metadata`.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct ExecutionMetadata {
    pub service_name: String,
    pub operation_name: String,
    pub start_time: super::Timestamp,
    pub end_time: super::Timestamp,
    pub total_time_ms: i64,
    pub network_time_ms: i64,
    pub processing_time_ms: i64,
    pub bytes_sent: i64,
    pub bytes_received: i64,
}

/// The output model `health_status`.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct HealthStatus {
    pub service_name: String,
    pub status: HealthStatusStatus,
    pub last_check: super::Timestamp,
    pub response_time_ms: i64,
    pub error_rate_percent: f64,
    pub availability_percent: f64,
    pub circuit_breaker_state: String,
}

/// The output model `fallback_result`.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct FallbackResult {
    pub fallback_strategy_used: String,
    pub fallback_success: bool,
    pub fallback_data: std::collections::BTreeMap<String, String>,
    pub original_error: String,
    pub degradation_level: FallbackResultDegradationLevel,
}

/// One of `CLOSED`, `OPEN`, `HALF_OPEN`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[non_exhaustive]
pub enum CallResultMetadataCircuitBreakerState {
    #[default]
    Closed,
    Open,
    HalfOpen,
}

super::string_enum! {
    CallResultMetadataCircuitBreakerState(as_str) { Closed("CLOSED"), Open("OPEN"),
    HalfOpen("HALF_OPEN") }
}

/// One of `HEALTHY`, `DEGRADED`, `UNHEALTHY`, `UNKNOWN`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[non_exhaustive]
pub enum HealthStatusStatus {
    #[default]
    Healthy,
    Degraded,
    Unhealthy,
    Unknown,
}

super::string_enum! {
    HealthStatusStatus(as_str) { Healthy("HEALTHY"), Degraded("DEGRADED"),
    Unhealthy("UNHEALTHY"), Unknown("UNKNOWN") }
}

/// One of `NONE`, `PARTIAL`, `FULL`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[non_exhaustive]
pub enum FallbackResultDegradationLevel {
    #[default]
    None,
    Partial,
    Full,
}

super::string_enum! {
    FallbackResultDegradationLevel(as_str) { None("NONE"), Partial("PARTIAL"),
    Full("FULL") }
}

/// SERVICE TYPES
///
/// The contract's `supported_service_types` section.
pub static SUPPORTED_SERVICE_TYPES: SupportedServiceTypes = SupportedServiceTypes {
    rest_api: SupportedServiceTypesRestApi {
        protocol: "HTTP/HTTPS",
        authentication: &["bearer_token", "api_key", "oauth2", "basic_auth"],
        serialization: &["json", "xml", "form_data"],
        compression: &["gzip", "deflate"],
    },
    database: SupportedServiceTypesDatabase {
        protocols: &["postgresql", "mysql", "mongodb", "cassandra"],
        connection_pooling: true,
        transaction_support: true,
        streaming_support: false,
    },
    message_queue: SupportedServiceTypesMessageQueue {
        protocols: &["kafka", "rabbitmq", "aws_sqs", "azure_service_bus"],
        delivery_guarantee: &["at_least_once", "at_most_once", "exactly_once"],
        batching_support: true,
    },
    file_storage: SupportedServiceTypesFileStorage {
        protocols: &["s3", "azure_blob", "gcs", "sftp", "local"],
        streaming_support: true,
        encryption_support: true,
        versioning_support: true,
    },
    external_apis: SupportedServiceTypesExternalApis {
        protocols: &["rest", "graphql", "grpc", "soap"],
        authentication_flows: &["oauth2", "api_key", "jwt", "custom"],
        rate_limiting_aware: true,
    },
};

/// FALLBACK STRATEGIES
///
/// The contract's `fallback_strategies` section.
pub static FALLBACK_STRATEGIES: FallbackStrategies = FallbackStrategies {
    cached_response: FallbackStrategiesCachedResponse {
        enabled: true,
        cache_ttl_ms: 300000,
        stale_while_revalidate: true,
    },
    default_response: FallbackStrategiesDefaultResponse {
        enabled: true,
        response_templates: &[],
        static_fallbacks: &[],
    },
    alternative_service: FallbackStrategiesAlternativeService {
        enabled: false,
        service_priority_list: &[],
        automatic_failover: true,
    },
    graceful_degradation: FallbackStrategiesGracefulDegradation {
        enabled: true,
        reduced_functionality_mode: true,
        user_notification_required: true,
    },
};

/// AUTHENTICATION PATTERNS
///
/// The contract's `authentication_patterns` section.
pub static AUTHENTICATION_PATTERNS: AuthenticationPatterns = AuthenticationPatterns {
    oauth2: AuthenticationPatternsOauth2 {
        grant_types: &["client_credentials", "authorization_code"],
        token_refresh_enabled: true,
        scope_management: true,
    },
    api_key: AuthenticationPatternsApiKey {
        key_rotation_supported: true,
        header_based: true,
        query_param_based: false,
    },
    jwt_bearer: AuthenticationPatternsJwtBearer {
        token_validation: true,
        claim_extraction: true,
        expiration_handling: true,
    },
};

/// DATA TRANSFORMATION PATTERNS
///
/// The contract's `data_transformation` section.
pub static DATA_TRANSFORMATION: DataTransformation = DataTransformation {
    input_formats: &["json", "xml", "csv", "protobuf", "avro"],
    output_formats: &["json", "xml", "csv", "protobuf", "avro"],
    transformation_types: &[
        "field_mapping",
        "data_type_conversion",
        "structure_flattening",
        "data_enrichment",
        "validation_and_sanitization",
    ],
};

/// `supported_service_types.rest_api` in the contract.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct SupportedServiceTypesRestApi {
    pub protocol: &'static str,
    pub authentication: &'static [&'static str],
    pub serialization: &'static [&'static str],
    pub compression: &'static [&'static str],
}

/// `supported_service_types.database` in the contract.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct SupportedServiceTypesDatabase {
    pub protocols: &'static [&'static str],
    pub connection_pooling: bool,
    pub transaction_support: bool,
    pub streaming_support: bool,
}

/// `supported_service_types.message_queue` in the contract.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct SupportedServiceTypesMessageQueue {
    pub protocols: &'static [&'static str],
    pub delivery_guarantee: &'static [&'static str],
    pub batching_support: bool,
}

/// `supported_service_types.file_storage` in the contract.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct SupportedServiceTypesFileStorage {
    pub protocols: &'static [&'static str],
    pub streaming_support: bool,
    pub encryption_support: bool,
    pub versioning_support: bool,
}

/// `supported_service_types.external_apis` in the contract.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct SupportedServiceTypesExternalApis {
    pub protocols: &'static [&'static str],
    pub authentication_flows: &'static [&'static str],
    pub rate_limiting_aware: bool,
}

/// SERVICE TYPES
///
/// The type of the contract's `supported_service_types` section.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct SupportedServiceTypes {
    pub rest_api: SupportedServiceTypesRestApi,
    pub database: SupportedServiceTypesDatabase,
    pub message_queue: SupportedServiceTypesMessageQueue,
    pub file_storage: SupportedServiceTypesFileStorage,
    pub external_apis: SupportedServiceTypesExternalApis,
}

/// `fallback_strategies.cached_response` in the contract.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct FallbackStrategiesCachedResponse {
    pub enabled: bool,
    /// 5 minutes
    pub cache_ttl_ms: i64,
    pub stale_while_revalidate: bool,
}

/// `fallback_strategies.default_response` in the contract.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct FallbackStrategiesDefaultResponse {
    pub enabled: bool,
    pub response_templates: &'static [(&'static str, super::DataValue)],
    pub static_fallbacks: &'static [(&'static str, super::DataValue)],
}

/// `fallback_strategies.alternative_service` in the contract.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct FallbackStrategiesAlternativeService {
    pub enabled: bool,
    pub service_priority_list: &'static [super::DataValue],
    pub automatic_failover: bool,
}

/// `fallback_strategies.graceful_degradation` in the contract.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct FallbackStrategiesGracefulDegradation {
    pub enabled: bool,
    pub reduced_functionality_mode: bool,
    pub user_notification_required: bool,
}

/// FALLBACK STRATEGIES
///
/// The type of the contract's `fallback_strategies` section.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct FallbackStrategies {
    pub cached_response: FallbackStrategiesCachedResponse,
    pub default_response: FallbackStrategiesDefaultResponse,
    pub alternative_service: FallbackStrategiesAlternativeService,
    pub graceful_degradation: FallbackStrategiesGracefulDegradation,
}

/// `authentication_patterns.oauth2` in the contract.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct AuthenticationPatternsOauth2 {
    pub grant_types: &'static [&'static str],
    pub token_refresh_enabled: bool,
    pub scope_management: bool,
}

/// `authentication_patterns.api_key` in the contract.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct AuthenticationPatternsApiKey {
    pub key_rotation_supported: bool,
    pub header_based: bool,
    pub query_param_based: bool,
}

/// `authentication_patterns.jwt_bearer` in the contract.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct AuthenticationPatternsJwtBearer {
    pub token_validation: bool,
    pub claim_extraction: bool,
    pub expiration_handling: bool,
}

/// AUTHENTICATION PATTERNS
///
/// The type of the contract's `authentication_patterns` section.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct AuthenticationPatterns {
    pub oauth2: AuthenticationPatternsOauth2,
    pub api_key: AuthenticationPatternsApiKey,
    pub jwt_bearer: AuthenticationPatternsJwtBearer,
}

/// DATA TRANSFORMATION PATTERNS
///
/// The type of the contract's `data_transformation` section.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct DataTransformation {
    pub input_formats: &'static [&'static str],
    pub output_formats: &'static [&'static str],
    pub transformation_types: &'static [&'static str],
}

/// The contract's `mixin_name`.
pub const NAME: &str = "mixin_external_dependencies";

/// The contract's `mixin_version`.
pub const VERSION: super::Version = super::Version::new(1, 0, 0);

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
