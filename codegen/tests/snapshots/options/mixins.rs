
/// The kinds of ONEX node a mixin can apply to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NodeType {
    /// `COMPUTE`
    Compute,
    /// `EFFECT`
    Effect,
    /// `REDUCER`
    Reducer,
    /// `ORCHESTRATOR`
    Orchestrator,
}

impl NodeType {
    /// Every node type.
    pub const ALL: &'static [NodeType] = &[
        NodeType::Compute,
        NodeType::Effect,
        NodeType::Reducer,
        NodeType::Orchestrator,
    ];

    /// The name contracts use (`COMPUTE`, ...).
    pub const fn as_str(self) -> &'static str {
        match self {
            NodeType::Compute => "COMPUTE",
            NodeType::Effect => "EFFECT",
            NodeType::Reducer => "REDUCER",
            NodeType::Orchestrator => "ORCHESTRATOR",
        }
    }
}

impl ::core::fmt::Display for NodeType {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ::core::str::FromStr for NodeType {
    type Err = UnknownVariant;

    fn from_str(s: &str) -> ::core::result::Result<Self, Self::Err> {
        NodeType::ALL
            .iter()
            .copied()
            .find(|n| n.as_str() == s)
            .ok_or_else(|| UnknownVariant {
                type_name: "NodeType",
                value: ::std::string::String::from(s),
            })
    }
}

/// A string that names none of an enum's values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownVariant {
    /// The enum that was asked for.
    pub type_name: &'static str,
    /// The text that matched none of its values.
    pub value: ::std::string::String,
}

impl ::core::fmt::Display for UnknownVariant {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        write!(f, "`{}` is not a value of {}", self.value, self.type_name)
    }
}

impl ::std::error::Error for UnknownVariant {}

/// A contract's `mixin_version`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Version {
    /// Incompatible changes.
    pub major: u64,
    /// Compatible additions.
    pub minor: u64,
    /// Fixes.
    pub patch: u64,
}

impl Version {
    /// `major.minor.patch`.
    pub const fn new(major: u64, minor: u64, patch: u64) -> Self {
        Self { major, minor, patch }
    }
}

impl ::core::fmt::Display for Version {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// An action of a mixin, as its contract declares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ActionSpec {
    /// The action's name, also the trait method's name.
    pub name: &'static str,
    /// What the action does.
    pub description: &'static str,
    /// Whether every node using the mixin must implement it.
    pub required: bool,
    /// How long the action may take.
    pub timeout: ::core::time::Duration,
    /// The names of its inputs.
    pub inputs: &'static [&'static str],
    /// The names of its outputs.
    pub outputs: &'static [&'static str],
}

/// What a metric measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MetricKind {
    /// Only goes up.
    Counter,
    /// Goes up and down.
    Gauge,
    /// Counts observations into buckets.
    Histogram,
}

/// A metric a mixin collects.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MetricSpec {
    /// The metric's name.
    pub name: &'static str,
    /// Counter, gauge or histogram.
    pub kind: MetricKind,
    /// What it measures.
    pub description: &'static str,
    /// Label names.
    pub labels: &'static [&'static str],
    /// Histogram bucket bounds, strictly increasing (empty: the collector's defaults).
    pub buckets: &'static [f64],
}

/// What kind of thing a dependency is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DependencyKind {
    /// A capability.
    Capability,
    /// A protocol.
    Protocol,
    /// A service.
    Service,
    /// A resource.
    Resource,
}

/// A dependency a mixin provides or requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DependencySpec {
    /// The dependency's name.
    pub name: &'static str,
    /// Capability, protocol, service or resource.
    pub kind: DependencyKind,
    /// What it is for.
    pub description: &'static str,
    /// Whether the mixin works without it.
    pub optional: bool,
}

/// Everything a contract declares about a mixin, as constants.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MixinSpec {
    /// `mixin_name`
    pub name: &'static str,
    /// The generated module's name.
    pub module: &'static str,
    /// `mixin_version`
    pub version: Version,
    /// `description`
    pub description: &'static str,
    /// `applicable_node_types`
    pub applicable_node_types: &'static [NodeType],
    /// `actions`
    pub actions: &'static [ActionSpec],
    /// `metrics`
    pub metrics: &'static [MetricSpec],
    /// `dependencies`
    pub dependencies: &'static [DependencySpec],
    /// `requires_dependencies`
    pub required_dependencies: &'static [DependencySpec],
}

impl MixinSpec {
    /// Whether the mixin may be used by a node of this type.
    pub fn applies_to(&self, node_type: NodeType) -> bool {
        self.applicable_node_types.contains(&node_type)
    }

    /// The action with this name.
    pub fn action(&self, name: &str) -> ::core::option::Option<&'static ActionSpec> {
        self.actions.iter().find(|a| a.name == name)
    }
}

/// What an optional action answers until a node implements it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NotImplemented {
    /// The mixin's name.
    pub mixin: &'static str,
    /// The action's name.
    pub action: &'static str,
}

impl ::core::fmt::Display for NotImplemented {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        write!(f, "action `{}` of `{}` is not implemented", self.action, self.mixin)
    }
}

impl ::std::error::Error for NotImplemented {}

/// The answer of an optional action that a node does not implement: [`NotImplemented`],
/// converted into the node's error type. Called by the generated default methods, not
/// by users.
#[doc(hidden)]
pub fn not_implemented<T, E: ::core::convert::From<NotImplemented>>(
    mixin: &'static str,
    action: &'static str,
) -> ::core::result::Result<T, E> {
    ::core::result::Result::Err(E::from(NotImplemented { mixin, action }))
}

/// A node: what every mixin's actions trait extends. A type that implements several
/// mixins declares its error type once, here, and generic code over several mixins names
/// `N::Error` without ambiguity.
pub trait Node {
    /// The error every action of every mixin returns. Optional actions that are not
    /// implemented return it built from [`NotImplemented`].
    type Error: ::core::convert::From<NotImplemented> + ::core::marker::Send;
}

/// Any contract value: for `object`, for inputs and outputs with no declared type, and for
/// contract data that is empty or mixes kinds. Build one with `From` (`Value::from("text")`,
/// `5.into()`) and read it with the `as_*` accessors.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Value {
    /// `null`
    #[default]
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A whole number that fits an `i64`.
    Int(i64),
    /// A whole number above `i64::MAX` (only those: `From` and deserializing give `Int`
    /// for every number that fits one).
    UInt(u64),
    /// A number with a fraction.
    Float(f64),
    /// Text.
    String(::std::string::String),
    /// A list.
    List(::std::vec::Vec<Value>),
    /// A mapping, in sorted key order. Keys that are not text in YAML (`1: a`, `true: b`)
    /// are kept as their text (`"1"`, `"true"`).
    Map(::std::collections::BTreeMap<::std::string::String, Value>),
}

impl Value {
    /// Whether it is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// The boolean, if it is one.
    pub fn as_bool(&self) -> ::core::option::Option<bool> {
        match self {
            Value::Bool(b) => ::core::option::Option::Some(*b),
            _ => ::core::option::Option::None,
        }
    }

    /// The whole number, if it is one that fits an `i64`.
    pub fn as_i64(&self) -> ::core::option::Option<i64> {
        match self {
            Value::Int(i) => ::core::option::Option::Some(*i),
            _ => ::core::option::Option::None,
        }
    }

    /// The whole number, if it is one that fits a `u64`.
    pub fn as_u64(&self) -> ::core::option::Option<u64> {
        match self {
            Value::Int(i) => u64::try_from(*i).ok(),
            Value::UInt(u) => ::core::option::Option::Some(*u),
            _ => ::core::option::Option::None,
        }
    }

    /// The number, whole or not (a whole number beyond 2^53 is rounded).
    pub fn as_f64(&self) -> ::core::option::Option<f64> {
        match self {
            Value::Int(i) => ::core::option::Option::Some(*i as f64),
            Value::UInt(u) => ::core::option::Option::Some(*u as f64),
            Value::Float(f) => ::core::option::Option::Some(*f),
            _ => ::core::option::Option::None,
        }
    }

    /// The text, if it is text.
    pub fn as_str(&self) -> ::core::option::Option<&str> {
        match self {
            Value::String(s) => ::core::option::Option::Some(s),
            _ => ::core::option::Option::None,
        }
    }

    /// The items, if it is a list.
    pub fn as_list(&self) -> ::core::option::Option<&[Value]> {
        match self {
            Value::List(items) => ::core::option::Option::Some(items),
            _ => ::core::option::Option::None,
        }
    }

    /// The entries, if it is a mapping.
    pub fn as_map(
        &self,
    ) -> ::core::option::Option<
        &::std::collections::BTreeMap<::std::string::String, Value>,
    > {
        match self {
            Value::Map(entries) => ::core::option::Option::Some(entries),
            _ => ::core::option::Option::None,
        }
    }

    /// The value at `key`, if it is a mapping that has one.
    pub fn get(&self, key: &str) -> ::core::option::Option<&Value> {
        self.as_map().and_then(|entries| entries.get(key))
    }
}

impl ::core::convert::From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl ::core::convert::From<i64> for Value {
    fn from(i: i64) -> Self {
        Value::Int(i)
    }
}

impl ::core::convert::From<i32> for Value {
    fn from(i: i32) -> Self {
        Value::Int(i64::from(i))
    }
}

impl ::core::convert::From<u32> for Value {
    fn from(u: u32) -> Self {
        Value::Int(i64::from(u))
    }
}

impl ::core::convert::From<u64> for Value {
    fn from(u: u64) -> Self {
        i64::try_from(u).map_or(Value::UInt(u), Value::Int)
    }
}

impl ::core::convert::From<usize> for Value {
    fn from(u: usize) -> Self {
        Value::from(u as u64)
    }
}

impl ::core::convert::From<f64> for Value {
    fn from(f: f64) -> Self {
        Value::Float(f)
    }
}

impl ::core::convert::From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(::std::string::String::from(s))
    }
}

impl ::core::convert::From<::std::string::String> for Value {
    fn from(s: ::std::string::String) -> Self {
        Value::String(s)
    }
}

impl<T: ::core::convert::Into<Value>> ::core::convert::From<::std::vec::Vec<T>>
for Value {
    fn from(items: ::std::vec::Vec<T>) -> Self {
        Value::List(items.into_iter().map(::core::convert::Into::into).collect())
    }
}

impl ::core::convert::From<::std::collections::BTreeMap<::std::string::String, Value>>
for Value {
    fn from(
        entries: ::std::collections::BTreeMap<::std::string::String, Value>,
    ) -> Self {
        Value::Map(entries)
    }
}

impl<T: ::core::convert::Into<Value>> ::core::convert::From<::core::option::Option<T>>
for Value {
    /// `None` is `null`.
    fn from(v: ::core::option::Option<T>) -> Self {
        v.map_or(Value::Null, ::core::convert::Into::into)
    }
}

/// A value in a data section that is empty or mixes kinds: [`Value`]'s borrowed twin,
/// held in the program's read-only data like the rest of the section.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DataValue {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A number with a fraction.
    Float(f64),
    /// Text.
    String(&'static str),
    /// A list.
    List(&'static [DataValue]),
    /// A mapping with string keys, in contract order.
    Map(&'static [(&'static str, DataValue)]),
}

/// A bound on a configuration value, from its contract's field spec.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Bound {
    /// `minimum`: at least this.
    Minimum(f64),
    /// `exclusiveMinimum`: above this.
    ExclusiveMinimum(f64),
    /// `maximum`: at most this.
    Maximum(f64),
    /// `exclusiveMaximum`: below this.
    ExclusiveMaximum(f64),
    /// `minLength`: at least this many characters.
    MinLength(usize),
    /// `maxLength`: at most this many characters.
    MaxLength(usize),
    /// `minItems`: at least this many items.
    MinItems(usize),
    /// `maxItems`: at most this many items.
    MaxItems(usize),
}

impl ::core::fmt::Display for Bound {
    /// What breaking the bound means: `above the maximum 100`.
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        match self {
            Bound::Minimum(n) => write!(f, "below the minimum {n}"),
            Bound::ExclusiveMinimum(n) => {
                write!(f, "not above the exclusive minimum {n}")
            }
            Bound::Maximum(n) => write!(f, "above the maximum {n}"),
            Bound::ExclusiveMaximum(n) => {
                write!(f, "not below the exclusive maximum {n}")
            }
            Bound::MinLength(n) => write!(f, "shorter than the minimum length {n}"),
            Bound::MaxLength(n) => write!(f, "longer than the maximum length {n}"),
            Bound::MinItems(n) => write!(f, "fewer than the minimum of {n} items"),
            Bound::MaxItems(n) => write!(f, "more than the maximum of {n} items"),
        }
    }
}

/// A configuration value that breaks a bound of its field spec.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    /// The field, with its path when nested (`retry.max_attempts`, `ports[2]`).
    pub field: ::std::string::String,
    /// The value, as text (`101`, `"ab" (2 characters)`, `a list of 0 items`).
    pub value: ::std::string::String,
    /// The bound it breaks.
    pub bound: Bound,
}

impl ::core::fmt::Display for Violation {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        write!(f, "`{}` is {}, {}", self.field, self.value, self.bound)
    }
}

/// Every bound a configuration breaks, in field order: what `validate()` returns, and
/// the error deserializing a value that breaks a bound gives.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ConfigError {
    /// At least one.
    pub violations: ::std::vec::Vec<Violation>,
}

impl ConfigError {
    /// `Ok` when there are no violations.
    pub fn check(
        violations: ::std::vec::Vec<Violation>,
    ) -> ::core::result::Result<(), ConfigError> {
        if violations.is_empty() {
            ::core::result::Result::Ok(())
        } else {
            ::core::result::Result::Err(ConfigError { violations })
        }
    }
}

impl ::core::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        for (i, v) in self.violations.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{v}")?;
        }
        ::core::result::Result::Ok(())
    }
}

impl ::std::error::Error for ConfigError {}

/// A value a bound can apply to: numbers, text, lists, and optional ones.
pub trait Bounded {
    /// The value as text for a message, when it breaks `bound` (a bound of another kind of
    /// value never applies).
    fn breaks(&self, bound: Bound) -> ::core::option::Option<::std::string::String>;
}

/// A number breaks a bound it does not keep; NaN keeps none.
fn number_breaks(n: f64, bound: Bound) -> bool {
    match bound {
        Bound::Minimum(m) => n.is_nan() || n < m,
        Bound::ExclusiveMinimum(m) => n.is_nan() || n <= m,
        Bound::Maximum(m) => n.is_nan() || n > m,
        Bound::ExclusiveMaximum(m) => n.is_nan() || n >= m,
        _ => false,
    }
}

impl Bounded for i64 {
    fn breaks(&self, bound: Bound) -> ::core::option::Option<::std::string::String> {
        number_breaks(*self as f64, bound).then(|| self.to_string())
    }
}

impl Bounded for f64 {
    fn breaks(&self, bound: Bound) -> ::core::option::Option<::std::string::String> {
        number_breaks(*self, bound).then(|| self.to_string())
    }
}

impl Bounded for ::std::string::String {
    fn breaks(&self, bound: Bound) -> ::core::option::Option<::std::string::String> {
        let n = self.chars().count();
        let broken = match bound {
            Bound::MinLength(m) => n < m,
            Bound::MaxLength(m) => n > m,
            _ => false,
        };
        broken.then(|| ::std::format!("{self:?} ({n} characters)"))
    }
}

impl<T> Bounded for ::std::vec::Vec<T> {
    fn breaks(&self, bound: Bound) -> ::core::option::Option<::std::string::String> {
        let broken = match bound {
            Bound::MinItems(m) => self.len() < m,
            Bound::MaxItems(m) => self.len() > m,
            _ => false,
        };
        broken.then(|| ::std::format!("a list of {} items", self.len()))
    }
}

impl<T: Bounded> Bounded for ::core::option::Option<T> {
    fn breaks(&self, bound: Bound) -> ::core::option::Option<::std::string::String> {
        self.as_ref().and_then(|v| v.breaks(bound))
    }
}

/// Adds a violation for each of `bounds` that `value` breaks; `path` is where the struct
/// holding the field sits (empty at the top). Called by generated code, not by users.
#[doc(hidden)]
pub fn check_bounds<T: Bounded + ?Sized>(
    out: &mut ::std::vec::Vec<Violation>,
    path: &str,
    field: &str,
    value: &T,
    bounds: &[Bound],
) {
    for &bound in bounds {
        if let ::core::option::Option::Some(value) = value.breaks(bound) {
            out.push(Violation {
                field: field_path(path, field),
                value,
                bound,
            });
        }
    }
}

/// Adds a violation for each item of `items` that breaks one of `bounds`. Called by
/// generated code, not by users.
#[doc(hidden)]
pub fn check_item_bounds<T: Bounded>(
    out: &mut ::std::vec::Vec<Violation>,
    path: &str,
    field: &str,
    items: &[T],
    bounds: &[Bound],
) {
    for (i, item) in items.iter().enumerate() {
        for &bound in bounds {
            if let ::core::option::Option::Some(value) = item.breaks(bound) {
                let field = ::std::format!("{}[{i}]", field_path(path, field));
                out.push(Violation { field, value, bound });
            }
        }
    }
}

/// A configuration struct whose fields (or the structs inside it) have bounds.
pub trait Checked {
    /// Adds a violation for each bound a field breaks; `path` is where the value sits
    /// (empty at the top).
    fn collect_violations(&self, path: &str, out: &mut ::std::vec::Vec<Violation>);

    /// Every bound the value breaks, or `Ok`.
    fn validate(&self) -> ::core::result::Result<(), ConfigError> {
        let mut violations = ::std::vec::Vec::new();
        self.collect_violations("", &mut violations);
        ConfigError::check(violations)
    }
}

impl<T: Checked> Checked for ::core::option::Option<T> {
    fn collect_violations(&self, path: &str, out: &mut ::std::vec::Vec<Violation>) {
        if let ::core::option::Option::Some(v) = self {
            v.collect_violations(path, out);
        }
    }
}

impl<T: Checked> Checked for ::std::vec::Vec<T> {
    fn collect_violations(&self, path: &str, out: &mut ::std::vec::Vec<Violation>) {
        for (i, v) in self.iter().enumerate() {
            v.collect_violations(&::std::format!("{path}[{i}]"), out);
        }
    }
}

impl<K: ::core::fmt::Display, T: Checked> Checked
for ::std::collections::BTreeMap<K, T> {
    fn collect_violations(&self, path: &str, out: &mut ::std::vec::Vec<Violation>) {
        for (k, v) in self {
            v.collect_violations(&field_path(path, &k.to_string()), out);
        }
    }
}

/// `path.field`, or `field` at the top. Called by generated code, not by users.
#[doc(hidden)]
pub fn field_path(path: &str, field: &str) -> ::std::string::String {
    if path.is_empty() {
        ::std::string::String::from(field)
    } else {
        ::std::format!("{path}.{field}")
    }
}

/// For a mixin's `Request` or `Response`: its name, the key of the payload in parentheses, then
/// each variant (an action of `Action`) with its payload type, if it has one. Gives `action()`.
macro_rules! tagged {
    ($name:ident ($content:literal) { $($variant:ident $(($payload:ty))?),* $(,)? }) => {
        impl $name { #[doc = r" The action it names."] pub const fn action(& self) ->
        Action { match self { $(super::tagged!(@ bind $variant _ $($payload)?) =>
        Action:: $variant,)* } } }
    };
    (@ bind $variant:ident $bind:tt $payload:ty) => {
        Self:: $variant ($bind)
    };
    (@ bind $variant:ident $bind:tt) => {
        Self:: $variant
    };
    (@ some $bind:ident $payload:ty) => {
        ::core::option::Option::Some($bind)
    };
    (@ some $bind:ident) => {
        ::core::option::Option::None:: < & () >
    };
    (@ read $value:ident $variant:ident $payload:ty) => {
        Self:: $variant ($value .get:: < $payload > () ?)
    };
    (@ read $value:ident $variant:ident) => {
        { $value .skip() ?; Self:: $variant }
    };
}

#[doc(hidden)]
pub(crate) use tagged;

/// For a generated enum of names, each variant with its text in the contract: `ALL`, the
/// method giving the text (named first, in parentheses), `Display` and `FromStr`.
macro_rules! string_enum {
    ($name:ident ($text:ident) { $($variant:ident ($wire:literal)),* $(,)? }) => {
        impl $name { #[doc = r" Every value, in contract order."] pub const ALL : &
        'static [Self] = & [$(Self:: $variant),*]; #[doc =
        r" The value as the contract writes it."] pub const fn $text (self) -> & 'static
        str { match self { $(Self:: $variant => $wire,)* } } } impl ::core::fmt::Display
        for $name { fn fmt(& self, f : & mut ::core::fmt::Formatter < '_ >) ->
        ::core::fmt::Result { f.write_str(self. $text ()) } } impl ::core::str::FromStr
        for $name { type Err = super::UnknownVariant; fn from_str(s : & str) ->
        ::core::result::Result < Self, super::UnknownVariant > { match s { $($wire =>
        ::core::result::Result::Ok(Self:: $variant),)* _ =>
        ::core::result::Result::Err(super::UnknownVariant { type_name :
        ::core::stringify!($name), value : ::std::string::String::from(s), }), } } }
    };
}

#[doc(hidden)]
pub(crate) use string_enum;

/// The type of `timestamp` and `datetime` values: RFC 3339 text, unless the build chose another
/// (`.timestamp_type(..)`).
pub type Timestamp = std::time::SystemTime;

/// Windowed aggregation of incoming events into reducer state
///
/// Generated from the contract `mixin_aggregation_window`, version 2.1.0, for REDUCER nodes.
///
/// Its actions, the methods of `AggregationWindowActions`:
///
/// | Action | Kind | Timeout | What it does |
/// |---|---|---:|---|
/// | `add_event` | required | 50 ms | Add one event to the open window of its key |
/// | `close_window` | required | 2000 ms | Close the window of a key and emit its aggregate |
/// | `list_open_windows` | optional | 500 ms | List the windows that are still open |
#[allow(missing_docs, clippy::approx_constant, clippy::excessive_precision)]
pub mod aggregation_window {
    include!("aggregation_window.rs");
}

/// External service integrations, API calls, and I/O operations for EFFECT nodes
///
/// Generated from the contract `mixin_external_dependencies`, version 1.0.0, for EFFECT nodes.
///
/// Its actions, the methods of `ExternalDependenciesActions`:
///
/// | Action | Kind | Timeout | What it does |
/// |---|---|---:|---|
/// | `execute_external_call` | required | 30000 ms | Execute call to external service or API |
/// | `validate_external_response` | required | 2000 ms | Validate response from external service |
/// | `manage_service_health` | optional | 10000 ms | Monitor and manage health of external dependencies |
/// | `handle_service_failure` | required | 5000 ms | Handle failures from external services with fallback strategies |
/// | `transform_external_data` | optional | 3000 ms | Transform data between internal and external formats |
#[allow(missing_docs, clippy::approx_constant, clippy::excessive_precision)]
pub mod external_dependencies {
    include!("external_dependencies.rs");
}

/// Every mixin generated here, by name.
pub const MIXINS: &[&MixinSpec] = &[
    &aggregation_window::MIXIN,
    &external_dependencies::MIXIN,
];
