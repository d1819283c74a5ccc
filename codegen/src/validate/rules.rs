//! The format's rules that are data: keys, names, types and ranges. The validator enforces them
//! and the JSON Schema back end describes them, both reading these tables, so the two cannot
//! drift apart. (Rules that need the whole contract, such as unique names or types that resolve,
//! are the validator's alone.)

use crate::model::{DependencyKind, MetricKind};

/// Keys of a mixin contract the format defines; every other top-level key is data.
pub const REQUIRED_TOP: &[&str] = &["mixin_name", "mixin_version", "description", "applicable_node_types", "actions"];
pub const OPTIONAL_TOP: &[&str] = &["output_models", "dependencies", "requires_dependencies", "metrics"];

/// `mixin_version`'s keys, each a non-negative integer.
pub const VERSION_KEYS: &[&str] = &["major", "minor", "patch"];

/// An action's keys, all required.
pub const ACTION_KEYS: &[&str] = &["name", "description", "inputs", "outputs", "required", "timeout_ms"];

/// A typed input or output, `{name: x, type: T}`.
pub const IO_REQUIRED: &[&str] = &["name", "type"];
pub const IO_OPTIONAL: &[&str] = &["description", "optional"];

/// `timeout_ms`: milliseconds, at most five minutes.
pub const MIN_TIMEOUT_MS: i64 = 1;
pub const MAX_TIMEOUT_MS: i64 = 300_000;

/// The longest `mixin_name`: its module's file (`<name without mixin_>.rs`) and what other back
/// ends name after it must fit in a file name (255 bytes on common file systems), with room.
pub const MAX_MIXIN_NAME: usize = 128;

/// `mixin_` followed by lowercase snake_case: a lowercase letter first, no `__`, no `_` at the end
/// (what [`is_mixin_name`] accepts, as an ECMA-262 regular expression).
pub const MIXIN_NAME_PATTERN: &str = "^mixin_[a-z][a-z0-9]*(_[a-z0-9]+)*$";

pub fn is_mixin_name(name: &str) -> bool {
    let rest = name.strip_prefix("mixin_").unwrap_or("");
    rest.starts_with(|c: char| c.is_ascii_lowercase())
        && rest.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !rest.contains("__")
        && !rest.ends_with('_')
}

/// A metric's keys.
pub const METRIC_REQUIRED: &[&str] = &["name", "type", "description"];
pub const METRIC_OPTIONAL: &[&str] = &["labels", "buckets"];

/// Metric types by their contract name.
pub const METRIC_TYPES: &[(&str, MetricKind)] =
    &[("counter", MetricKind::Counter), ("gauge", MetricKind::Gauge), ("histogram", MetricKind::Histogram)];

/// A Prometheus metric name ([`is_metric_name`] as a regular expression).
pub const METRIC_NAME_PATTERN: &str = "^[a-zA-Z_:][a-zA-Z0-9_:]*$";

pub fn is_metric_name(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_' || c == ':')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':')
}

/// A Prometheus label name, not starting with `__` (reserved) ([`is_label_name`]).
pub const LABEL_NAME_PATTERN: &str = "^(?!__)[a-zA-Z_][a-zA-Z0-9_]*$";

pub fn is_label_name(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !s.starts_with("__")
}

/// A dependency's keys (`dependencies` and `requires_dependencies`).
pub const DEPENDENCY_REQUIRED: &[&str] = &["name", "type", "description"];
pub const DEPENDENCY_OPTIONAL: &[&str] = &["optional"];

/// Dependency types by their contract name.
pub const DEPENDENCY_TYPES: &[(&str, DependencyKind)] = &[
    ("capability", DependencyKind::Capability),
    ("protocol", DependencyKind::Protocol),
    ("service", DependencyKind::Service),
    ("resource", DependencyKind::Resource),
];

/// The type names of action inputs/outputs and output model fields.
pub const TYPE_NAMES: &[&str] =
    &["string", "integer", "float", "number", "boolean", "timestamp", "datetime", "object", "array"];

/// Keys that make a mapping a type specification rather than a nested object's fields.
pub const SPEC_KEYS: &[&str] =
    &["type", "items", "properties", "additionalProperties", "description", "format", "optional"];

/// The names of a table's entries: `counter, gauge, histogram`.
pub fn names<T>(table: &'static [(&'static str, T)]) -> Vec<&'static str> {
    crate::each::map(table, &mut |(name, _)| *name)
}

/// Node contracts' keys, every one required: the node validator (validate/node.rs) reads this
/// table, as the mixin validator reads the ones above, so `node-contract.schema.json` and it
/// cannot drift.
pub const NODE_REQUIRED: &[&str] = &["node_name", "node_type", "version", "description", "subcontracts"];
pub const NODE_OPTIONAL: &[&str] = &[];

/// A `subcontracts:` entry's keys.
pub const SUBCONTRACT_KEYS: &[&str] = &["path", "integration_field"];

/// An integration field becomes a Rust field: lowercase snake_case.
pub const INTEGRATION_FIELD_PATTERN: &str = "^[a-z_][a-z0-9_]*$";

/// A node's `version` written as text.
pub const VERSION_TEXT_PATTERN: &str = "^[0-9]+\\.[0-9]+\\.[0-9]+$";
