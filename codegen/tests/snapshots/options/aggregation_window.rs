
/// Configuration section `aggregation_window_config`. `Default` gives the contract's values;
/// deserializing a partial override keeps the defaults of every key it leaves out,
/// and an unknown key is an error.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct AggregationWindowConfig {
    /// Default `60000`.
    pub window_size_ms: i64,
    /// Default `5000`.
    pub allowed_lateness_ms: i64,
    /// Default `["count", "sum", "max"]`.
    pub aggregate_functions: Vec<String>,
    /// Default `false`.
    pub emit_empty_windows: bool,
    pub watermark: AggregationWindowConfigWatermark,
}

impl Default for AggregationWindowConfig {
    fn default() -> Self {
        Self {
            window_size_ms: 60000,
            allowed_lateness_ms: 5000,
            aggregate_functions: Vec::from([
                String::from("count"),
                String::from("sum"),
                String::from("max"),
            ]),
            emit_empty_windows: false,
            watermark: <AggregationWindowConfigWatermark as Default>::default(),
        }
    }
}

/// `aggregation_window_config.watermark` in the contract.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct AggregationWindowConfigWatermark {
    /// Default `"bounded_out_of_orderness"`.
    pub strategy: String,
    /// Default `2000`.
    pub max_out_of_orderness_ms: i64,
}

impl Default for AggregationWindowConfigWatermark {
    fn default() -> Self {
        Self {
            strategy: String::from("bounded_out_of_orderness"),
            max_out_of_orderness_ms: 2000,
        }
    }
}

/// What a node contract's integration field for `mixin_aggregation_window` holds:
/// its `aggregation_window_config` section.
pub type Configuration = AggregationWindowConfig;

/// The contract's `aggregation_window_config` section, with the values the contract gives.
pub fn aggregation_window_config() -> AggregationWindowConfig {
    <AggregationWindowConfig as Default>::default()
}

/// The actions of `mixin_aggregation_window`: implement this for a node that uses the mixin.
///
/// Every action returns the node's error type, [`super::Node::Error`]. Required actions
/// have no default; the others answer [`super::NotImplemented`] until implemented.
///
/// # Example
///
/// ```ignore
/// use aggregation_window::AggregationWindowActions;
///
/// struct MyNode;
///
/// impl Node for MyNode {
///     type Error = NotImplemented;
/// }
///
/// impl AggregationWindowActions for MyNode {
///     fn add_event(&self, input: aggregation_window::AddEventInput) -> Result<aggregation_window::AddEventOutput, Self::Error> {
///         let _ = input;
///         Ok(aggregation_window::AddEventOutput::default())
///     }
///
///     fn close_window(&self, input: aggregation_window::CloseWindowInput) -> Result<aggregation_window::CloseWindowOutput, Self::Error> {
///         let _ = input;
///         Ok(aggregation_window::CloseWindowOutput::default())
///     }
/// }
///
/// fn call(node: &MyNode) -> Result<aggregation_window::AddEventOutput, NotImplemented> {
///     node.add_event(aggregation_window::AddEventInput::default())
/// }
/// ```
pub trait AggregationWindowActions: super::Node {
    /// Add one event to the open window of its key
    ///
    /// Required action `add_event`, timeout 50 ms.
    fn add_event(&self, input: AddEventInput) -> Result<AddEventOutput, Self::Error>;

    /// Close the window of a key and emit its aggregate
    ///
    /// Required action `close_window`, timeout 2000 ms.
    fn close_window(
        &self,
        input: CloseWindowInput,
    ) -> Result<CloseWindowOutput, Self::Error>;

    /// List the windows that are still open
    ///
    /// Optional action `list_open_windows`, timeout 500 ms.
    fn list_open_windows(&self) -> Result<ListOpenWindowsOutput, Self::Error> {
        super::not_implemented(NAME, "list_open_windows")
    }
}

/// The actions of `mixin_aggregation_window`, by name: [`Action::spec`] gives each one's
/// [`super::ActionSpec`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
#[allow(clippy::enum_variant_names)]
pub enum Action {
    AddEvent,
    CloseWindow,
    ListOpenWindows,
}

super::string_enum! {
    Action(name) { AddEvent("add_event"), CloseWindow("close_window"),
    ListOpenWindows("list_open_windows") }
}

impl Action {
    /// The action's entry in [`ACTIONS`].
    pub const fn spec(self) -> &'static super::ActionSpec {
        &ACTIONS[self as usize]
    }
}

/// A call of one action of `mixin_aggregation_window`, with its inputs:
/// `{"action": "<name>", "input": {..}}` on the wire.
/// Run it with [`Request::dispatch`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[allow(clippy::large_enum_variant, clippy::enum_variant_names)]
pub enum Request {
    /// A call of `add_event`.
    AddEvent(AddEventInput),
    /// A call of `close_window`.
    CloseWindow(CloseWindowInput),
    /// A call of `list_open_windows`.
    ListOpenWindows,
}

super::tagged! {
    Request("input") { AddEvent(AddEventInput), CloseWindow(CloseWindowInput),
    ListOpenWindows }
}

impl Request {
    /// Runs the action this request names on `node`: calls its method in
    /// [`AggregationWindowActions`] and wraps the outputs in the matching [`Response`].
    /// The error is the node's own.
    pub fn dispatch<N: AggregationWindowActions + ?Sized>(
        self,
        node: &N,
    ) -> Result<Response, N::Error> {
        match self {
            Self::AddEvent(input) => node.add_event(input).map(Response::AddEvent),
            Self::CloseWindow(input) => {
                node.close_window(input).map(Response::CloseWindow)
            }
            Self::ListOpenWindows => {
                node.list_open_windows().map(Response::ListOpenWindows)
            }
        }
    }
}

/// What one action of `mixin_aggregation_window` returned:
/// `{"action": "<name>", "output": {..}}` on the wire.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
#[allow(clippy::large_enum_variant, clippy::enum_variant_names)]
pub enum Response {
    /// The outputs of `add_event`.
    AddEvent(AddEventOutput),
    /// The outputs of `close_window`.
    CloseWindow(CloseWindowOutput),
    /// The outputs of `list_open_windows`.
    ListOpenWindows(ListOpenWindowsOutput),
}

super::tagged! {
    Response("output") { AddEvent(AddEventOutput), CloseWindow(CloseWindowOutput),
    ListOpenWindows(ListOpenWindowsOutput) }
}

/// The inputs of the `add_event` action.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct AddEventInput {
    /// Typed like the output model fields
    /// `window_status.window_key` and `window_aggregate_result.window_key`.
    pub window_key: String,
    /// Typed by the builder option `.io_type("aggregation_window.add_event.event_value", ..)`.
    pub event_value: f64,
    pub event_time: super::Timestamp,
}

/// The outputs of the `add_event` action.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct AddEventOutput {
    pub window_status: WindowStatus,
}

/// The inputs of the `close_window` action.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct CloseWindowInput {
    /// Typed like the output model fields
    /// `window_status.window_key` and `window_aggregate_result.window_key`.
    pub window_key: String,
}

/// The outputs of the `close_window` action.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct CloseWindowOutput {
    pub window_aggregate: WindowAggregateResult,
}

/// The outputs of the `list_open_windows` action.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct ListOpenWindowsOutput {
    pub open_windows: Vec<String>,
}

/// The output model `window_status`.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
#[derive(Eq)]
#[allow(dead_code)]
pub struct WindowStatus {
    pub window_key: String,
    pub state: WindowStatusState,
    pub event_count: i64,
}

/// The output model `window_aggregate_result`.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
#[derive(Eq)]
#[allow(dead_code)]
pub struct WindowAggregateResult {
    pub window_key: String,
    pub window_start: super::Timestamp,
    pub window_end: super::Timestamp,
    pub values: ::std::collections::BTreeMap<String, f64>,
    pub late_events_dropped: i64,
}

/// One of `OPEN`, `CLOSING`, `CLOSED`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[non_exhaustive]
#[derive(Eq)]
#[allow(dead_code)]
pub enum WindowStatusState {
    #[default]
    Open,
    Closing,
    Closed,
}

super::string_enum! {
    WindowStatusState(as_str) { Open("OPEN"), Closing("CLOSING"), Closed("CLOSED") }
}

/// The contract's `mixin_name`.
pub const NAME: &str = "mixin_aggregation_window";

/// The contract's `mixin_version`.
pub const VERSION: super::Version = super::Version::new(2, 1, 0);

/// The contract's `description`.
pub const DESCRIPTION: &str = "Windowed aggregation of incoming events into reducer state";

/// The node types this mixin applies to.
pub const APPLICABLE_NODE_TYPES: &[super::NodeType] = &[super::NodeType::Reducer];

/// Every action, in contract order.
pub const ACTIONS: &[super::ActionSpec] = &[
    super::ActionSpec {
        name: "add_event",
        description: "Add one event to the open window of its key",
        required: true,
        timeout: ::core::time::Duration::from_millis(50),
        inputs: &["window_key", "event_value", "event_time"],
        outputs: &["window_status"],
    },
    super::ActionSpec {
        name: "close_window",
        description: "Close the window of a key and emit its aggregate",
        required: true,
        timeout: ::core::time::Duration::from_millis(2000),
        inputs: &["window_key"],
        outputs: &["window_aggregate"],
    },
    super::ActionSpec {
        name: "list_open_windows",
        description: "List the windows that are still open",
        required: false,
        timeout: ::core::time::Duration::from_millis(500),
        inputs: &[],
        outputs: &["open_windows"],
    },
];

/// The metrics this mixin collects.
pub const METRICS: &[super::MetricSpec] = &[
    super::MetricSpec {
        name: "windows_closed_total",
        kind: super::MetricKind::Counter,
        description: "Windows closed, by outcome",
        labels: &["outcome"],
        buckets: &[],
    },
    super::MetricSpec {
        name: "window_event_count",
        kind: super::MetricKind::Histogram,
        description: "Events per closed window",
        labels: &[],
        buckets: &[1.0, 10.0, 100.0, 1000.0, 10000.0],
    },
];

/// What this mixin provides (`dependencies`).
pub const DEPENDENCIES: &[super::DependencySpec] = &[
    super::DependencySpec {
        name: "windowed_aggregation",
        kind: super::DependencyKind::Capability,
        description: "Aggregates events in tumbling windows",
        optional: false,
    },
];

/// What this mixin needs (`requires_dependencies`).
pub const REQUIRED_DEPENDENCIES: &[super::DependencySpec] = &[
    super::DependencySpec {
        name: "state_store",
        kind: super::DependencyKind::Resource,
        description: "Durable store for open windows",
        optional: true,
    },
];

/// Everything above, in one value.
pub const MIXIN: super::MixinSpec = super::MixinSpec {
    name: NAME,
    module: "aggregation_window",
    version: VERSION,
    description: DESCRIPTION,
    applicable_node_types: APPLICABLE_NODE_TYPES,
    actions: ACTIONS,
    metrics: METRICS,
    dependencies: DEPENDENCIES,
    required_dependencies: REQUIRED_DEPENDENCIES,
};
