//! The checked model: what validation produces and every output (Rust, docs, diffs) reads.
//! Every name here is already a valid identifier and every type is resolved.

use crate::names::Ident;
use std::path::PathBuf;

/// One validated mixin contract.
#[derive(Debug, Clone, PartialEq)]
pub struct Mixin {
    /// The contract file, as it was given.
    pub source: PathBuf,
    /// `mixin_error_handling`
    pub name: String,
    /// `error_handling`
    pub module: Ident,
    /// `ErrorHandlingActions`
    pub trait_name: Ident,
    pub version: Version,
    pub description: String,
    pub node_types: Vec<NodeType>,
    pub actions: Vec<Action>,
    /// `*_config` sections, in contract order: owned types with serde, `Default` the contract's values.
    pub configs: Vec<DataSection>,
    /// Top-level sections the format does not define: `pub static` values of borrowed types.
    pub sections: Vec<DataSection>,
    /// Output models: contract name -> the type it became.
    pub output_models: Vec<OutputModel>,
    pub metrics: Vec<Metric>,
    pub provides: Vec<Dependency>,
    pub requires: Vec<Dependency>,
    /// Every type definition the mixin needs, in the order they are emitted.
    pub types: Vec<TypeDef>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NodeType {
    Compute,
    Effect,
    Reducer,
    Orchestrator,
}

impl NodeType {
    pub const ALL: [NodeType; 4] = [NodeType::Compute, NodeType::Effect, NodeType::Reducer, NodeType::Orchestrator];

    pub fn wire(self) -> &'static str {
        match self {
            NodeType::Compute => "COMPUTE",
            NodeType::Effect => "EFFECT",
            NodeType::Reducer => "REDUCER",
            NodeType::Orchestrator => "ORCHESTRATOR",
        }
    }

    pub fn variant(self) -> &'static str {
        match self {
            NodeType::Compute => "Compute",
            NodeType::Effect => "Effect",
            NodeType::Reducer => "Reducer",
            NodeType::Orchestrator => "Orchestrator",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Action {
    pub name: String,
    pub method: Ident,
    /// Its variant in the mixin's `Action`, `Request` and `Response` enums.
    pub variant: Ident,
    pub description: String,
    pub required: bool,
    pub timeout_ms: u64,
    /// The input struct; `None` when the action takes no inputs.
    pub input: Option<Ident>,
    /// The output struct; `None` when the action has no outputs.
    pub output: Option<Ident>,
    pub inputs: Vec<Param>,
    pub outputs: Vec<Param>,
    /// The YAML comments that document it (empty when there are none).
    pub comment: String,
}

/// An action input or output and how its type was decided.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    pub name: String,
    pub ty: TypeRef,
    pub resolved_by: Resolution,
    /// The contract's `description` of it, after the YAML comments that document it (empty when
    /// there are neither).
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// `{name: x, type: integer}`
    Explicit,
    /// The builder's `.io_type(path, type)` (the CLI's `--io-type PATH=TYPE`), by its path.
    Override(String),
    /// Named like an output model (or like one without `_result`).
    OutputModel(String),
    /// Like the field of the same name in the output models, which all agree on its type:
    /// `(model, field path inside it)` for each, such as `("circuit_status_result", "failure_rate")`.
    ModelField(Vec<(String, String)>),
    /// No type anywhere: the documented fallback type.
    Fallback,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OutputModel {
    pub name: String,
    pub ty: TypeRef,
}

/// A section of contract data (`error_handling_config`, `storage_backends`, ...).
#[derive(Debug, Clone, PartialEq)]
pub struct DataSection {
    /// The top-level key.
    pub key: String,
    /// The item that gives the contract's values: the function `error_handling_config()` for a
    /// config section, the static `STORAGE_BACKENDS` for a data section.
    pub accessor: Ident,
    pub ty: TypeRef,
    pub value: Value,
    /// The YAML comments that document it (empty when there are none).
    pub comment: String,
}

/// A value from the contract, kept to become defaults and constants.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    List(Vec<Value>),
    Map(Vec<(String, Value)>),
}

/// A resolved type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TypeRef {
    String,
    Integer,
    Float,
    Bool,
    /// `timestamp` / `datetime`: mapped by the user's type mapping.
    Timestamp,
    /// `object`: mapped by the user's type mapping.
    Object,
    /// An input or output with no declared type: mapped by the user's type mapping.
    Fallback,
    /// Any YAML value, the generated `Value` type (for empty or mixed contract data).
    Dynamic,
    List(Box<TypeRef>),
    /// String keys, in sorted order.
    Map(Box<TypeRef>),
    /// Keyed by node type (contract data whose keys are all node types), in `NodeType` order.
    NodeMap(Box<TypeRef>),
    Optional(Box<TypeRef>),
    /// A type defined in this mixin's module.
    Named(Ident),
    /// A Rust type from the builder's options (`.io_type`), as the user wrote it; checked to be a
    /// type when the option was set.
    Custom(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeDef {
    Struct(StructDef),
    Enum(EnumDef),
    Alias(AliasDef),
}

impl TypeDef {
    pub fn name(&self) -> &Ident {
        match self {
            TypeDef::Struct(s) => &s.name,
            TypeDef::Enum(e) => &e.name,
            TypeDef::Alias(a) => &a.name,
        }
    }
}

/// The type of a mixin's whole configuration, an alias or a struct (validate/configuration.rs).
pub const CONFIGURATION: &str = "Configuration";

/// The per-mixin types that route actions by name (`Request::dispatch`): no contract item may take
/// their names.
pub const DISPATCH_TYPES: [&str; 3] = ["Action", "Request", "Response"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StructRole {
    Config,
    /// A data section's own type: borrowed (`&'static str`, `&'static [T]`), no serde.
    Section,
    /// A nested object inside a data section, borrowed like it.
    Data,
    OutputModel,
    ActionInput,
    ActionOutput,
    /// A nested object inside a config, an output model or an action's inputs or outputs.
    Nested,
}

impl StructRole {
    /// Data sections and their nested types hold `'static` borrowed data, for a `pub static`.
    pub fn is_static(self) -> bool {
        matches!(self, StructRole::Section | StructRole::Data)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct StructDef {
    pub name: Ident,
    pub doc: String,
    pub role: StructRole,
    pub fields: Vec<Field>,
    /// Present when the struct comes from one piece of contract data: a config's `Default` gives
    /// these values (a data section's static holds them). Without them, `Default` is every field's
    /// own default (payloads are built with `..Default::default()`); data structs have no `Default`.
    pub defaults: Option<Vec<Value>>,
    /// Unknown keys are an error when deserializing: configuration and contract data. Payloads
    /// (inputs, outputs, output models and what they contain) ignore them, so a newer peer may
    /// send fields an older one does not know.
    pub strict: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The key in the contract (and on the wire).
    pub wire: String,
    pub ident: Ident,
    pub ty: TypeRef,
    /// What the contract says of the field: its YAML comments, then its `description`.
    pub doc: String,
    /// A configuration field's value in the contract; `None` outside configuration.
    pub default: Option<FieldDefault>,
    /// The bounds a config field's value must keep (from a field spec); empty for most fields.
    pub checks: Vec<Check>,
    /// A field spec's bounds or `enum` values in words (`1 to 100`, one of `a`, `b`); empty
    /// when it has none.
    pub allowed: String,
}

/// A configuration field's value, as the field's docs show it.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldDefault {
    /// `30000`, `"json"`, `{...}` for a nested section (shortened).
    pub text: String,
    /// The value is a map declaration's: an override replaces every entry rather than merging.
    pub replaced_whole: bool,
}

/// A bound from a config field spec (`minimum: 1`, `maxLength: 64`, ...), checked when a
/// config is deserialized and by its `validate()`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Check {
    pub bound: Bound,
    /// The bound holds for every item of a list (`items: {type: integer, minimum: 0}`).
    pub each_item: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Bound {
    Minimum(f64),
    ExclusiveMinimum(f64),
    Maximum(f64),
    ExclusiveMaximum(f64),
    MinLength(u64),
    MaxLength(u64),
    MinItems(u64),
    MaxItems(u64),
}

#[derive(Debug, Clone, PartialEq)]
pub struct EnumDef {
    pub name: Ident,
    pub doc: String,
    pub variants: Vec<Variant>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    pub wire: String,
    pub ident: Ident,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AliasDef {
    pub name: Ident,
    pub doc: String,
    pub target: TypeRef,
    /// A data section's list: `&'static [T]` rather than `Vec<T>`.
    pub is_static: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetricKind {
    Counter,
    Gauge,
    Histogram,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Metric {
    pub name: String,
    pub kind: MetricKind,
    pub description: String,
    pub labels: Vec<String>,
    pub buckets: Vec<f64>,
    /// The YAML comments that document it (empty when there are none).
    pub comment: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DependencyKind {
    Capability,
    Protocol,
    Service,
    Resource,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Dependency {
    pub name: String,
    pub kind: DependencyKind,
    pub description: String,
    pub optional: bool,
}

impl Field {
    /// A field with no default and no bounds: an output model's, an action payload's.
    pub fn plain(wire: String, ident: Ident, ty: TypeRef, doc: String) -> Self {
        Field { wire, ident, ty, doc, default: None, checks: Vec::new(), allowed: String::new() }
    }
}

/// Everything one run checked, for every back end to read: the mixins and the node contracts
/// that put them together, each node's subcontracts resolved to mixins of `mixins`. Both in name
/// order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Project {
    pub mixins: Vec<Mixin>,
    pub nodes: Vec<Node>,
}

/// One validated node contract, its subcontracts resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The contract file, as it was given.
    pub source: PathBuf,
    /// `api_client_effect`: the `node_name`, also the module under `nodes`.
    pub name: String,
    pub module: Ident,
    /// `ApiClientEffectContract`
    pub contract_name: Ident,
    /// `ApiClientEffectNode`
    pub trait_name: Ident,
    pub node_type: NodeType,
    pub version: Version,
    pub description: String,
    /// In contract order.
    pub subcontracts: Vec<Subcontract>,
    /// Top-level sections the node format does not define: `pub static` values, as a mixin's.
    pub sections: Vec<DataSection>,
    /// The types of `sections`.
    pub types: Vec<TypeDef>,
}

impl Node {
    /// The node's data sections seen as a mixin's (no actions, configs or models), so that the
    /// emitters and the diff rules treat them with a mixin's code and rules.
    pub fn data_view(&self) -> Mixin {
        Mixin {
            source: self.source.clone(),
            name: self.name.clone(),
            module: self.module.clone(),
            trait_name: self.trait_name.clone(),
            version: self.version,
            description: self.description.clone(),
            node_types: vec![self.node_type],
            actions: Vec::new(),
            configs: Vec::new(),
            sections: self.sections.clone(),
            output_models: Vec::new(),
            metrics: Vec::new(),
            provides: Vec::new(),
            requires: Vec::new(),
            types: self.types.clone(),
        }
    }
}

/// One entry of a node's `subcontracts:`.
#[derive(Debug, Clone, PartialEq)]
pub struct Subcontract {
    /// The `path` as the contract writes it (relative to the node contract).
    pub path: String,
    /// The `integration_field`: the field of the node's contract struct.
    pub field: Ident,
    pub mixin: MixinRef,
}

/// What a node needs to know of a mixin it uses.
#[derive(Debug, Clone, PartialEq)]
pub struct MixinRef {
    /// `mixin_error_handling`
    pub name: String,
    /// `error_handling`
    pub module: Ident,
    /// `ErrorHandlingActions`
    pub trait_name: Ident,
    /// The mixin's contract file.
    pub source: PathBuf,
    /// `ErrorHandling`: its variant in the node's `Request` and `Response`.
    pub variant: Ident,
    /// Whether it has actions, and so a `Request` of its own to route to.
    pub has_actions: bool,
}
