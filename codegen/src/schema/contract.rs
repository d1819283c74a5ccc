//! `mixin-contract.schema.json`: the mixin format as a JSON Schema (draft 2020-12), built from the
//! validator's rule tables ([`crate::validate::rules`]). It holds what the validator reports as
//! errors and can be said without reading the whole contract; warnings (an unknown key, a node
//! type listed twice) are left to the validator, so that every contract the validator accepts
//! passes the schema.

use super::json::Json;
use crate::model::NodeType;
use crate::validate::rules;

pub const FILE: &str = "mixin-contract.schema.json";

/// Draft 2020-12's meta-schema.
pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

fn described(description: &str, mut schema: Json) -> Json {
    schema.set("description", Json::str(description));
    schema
}

fn typed(ty: &str, description: &str) -> Json {
    Json::object([("type", Json::str(ty)), ("description", Json::str(description))])
}

/// An object with these required keys and these properties (every key of `required` among them).
fn record(description: &str, required: &[&str], properties: Vec<(&str, Json)>) -> Json {
    debug_assert!(required.iter().all(|r| properties.iter().any(|(k, _)| k == r)));
    Json::object([
        ("type", Json::str("object")),
        ("description", Json::str(description)),
        ("required", Json::strings(required.iter().copied())),
        ("properties", Json::object(properties)),
    ])
}

/// A list that may also be written empty as `null` (the validator reads `key:` with no value as
/// no entries).
fn list_or_null(description: &str, items: Json) -> Json {
    Json::object([
        ("type", Json::strings(["array", "null"])),
        ("description", Json::str(description)),
        ("items", items),
    ])
}

fn reference(name: &str) -> Json {
    Json::object([("$ref", Json::str(format!("#/$defs/{name}")))])
}

pub fn schema() -> Json {
    let node_types = NodeType::ALL.map(NodeType::wire);
    let properties = vec![
        (
            "mixin_name",
            Json::object([
                ("type", Json::str("string")),
                (
                    "description",
                    Json::str("The mixin's name: `mixin_` and lowercase snake_case. The generated module drops `mixin_` (`mixin_error_handling` -> `error_handling`)."),
                ),
                ("pattern", Json::str(rules::MIXIN_NAME_PATTERN)),
                ("maxLength", Json::Int(rules::MAX_MIXIN_NAME as i64)),
            ]),
        ),
        (
            "mixin_version",
            record(
                "Semantic version of the contract: major for breaking changes, minor for compatible additions, patch for fixes (`mixin-codegen diff` checks the bump).",
                rules::VERSION_KEYS,
                rules::VERSION_KEYS
                    .iter()
                    .map(|k| {
                        (*k, described(&format!("The {k} version number."), Json::object([("type", Json::str("integer")), ("minimum", Json::Int(0))])))
                    })
                    .collect(),
            ),
        ),
        ("description", typed("string", "What the mixin gives a node; the generated module's doc and the page's overview.")),
        (
            "applicable_node_types",
            Json::object([
                ("type", Json::str("array")),
                ("description", Json::str("The node types that may use the mixin.")),
                ("minItems", Json::Int(1)),
                (
                    "items",
                    Json::object([
                        ("description", Json::str("A node type.")),
                        ("enum", Json::strings(node_types)),
                    ]),
                ),
            ]),
        ),
        (
            "actions",
            Json::object([
                ("type", Json::str("array")),
                ("description", Json::str("What a node using the mixin can do: one trait method each.")),
                ("minItems", Json::Int(1)),
                ("items", reference("action")),
            ]),
        ),
        (
            "output_models",
            Json::object([
                ("type", Json::strings(["object", "null"])),
                ("description", Json::str("Output models by name: a mapping of field names to types, or a type specification. Each becomes a struct.")),
                ("additionalProperties", reference("type")),
            ]),
        ),
        ("dependencies", list_or_null("What the mixin provides.", reference("dependency"))),
        ("requires_dependencies", list_or_null("What the mixin needs from the node or its environment.", reference("dependency"))),
        ("metrics", list_or_null("The metrics the mixin collects.", reference("metric"))),
    ];
    assert_keys(rules::REQUIRED_TOP, rules::OPTIONAL_TOP, &properties);
    let mut root = record(
        "An ONEX mixin contract. Keys ending in `_config` are configuration sections (a struct a node may override); any other key is a data section (typed read-only data).",
        rules::REQUIRED_TOP,
        properties,
    );
    root.set(
        "additionalProperties",
        Json::object([(
            "description",
            Json::str("A configuration section (a key ending in `_config`) or a data section."),
        )]),
    );
    let mut out = Json::object([("$schema", Json::str(DIALECT)), ("title", Json::str("ONEX mixin contract"))]);
    if let Json::Object(entries) = root {
        for (k, v) in entries {
            out.set(&k, v);
        }
    }
    out.set(
        "$defs",
        Json::object([
            ("action", action()),
            ("io", io()),
            ("type", ty()),
            ("metric", metric()),
            ("dependency", dependency()),
        ]),
    );
    out
}

fn action() -> Json {
    let timeout = Json::object([
        ("type", Json::str("integer")),
        ("description", Json::str("How long the action may take, in milliseconds (at most five minutes).")),
        ("minimum", Json::Int(rules::MIN_TIMEOUT_MS)),
        ("maximum", Json::Int(rules::MAX_TIMEOUT_MS)),
    ]);
    let ios = |what: &str| {
        list_or_null(&format!("The action's {what}: names, or `{{name, type}}` mappings. They become the fields of its {what} struct."), reference("io"))
    };
    let properties = vec![
        ("name", typed("string", "The action's name; the trait method's name.")),
        ("description", typed("string", "What the action does; the method's doc.")),
        ("inputs", ios("inputs")),
        ("outputs", ios("outputs")),
        (
            "required",
            typed(
                "boolean",
                "Whether every node must implement it; optional actions answer NotImplemented by default.",
            ),
        ),
        ("timeout_ms", timeout),
    ];
    assert_keys(rules::ACTION_KEYS, &[], &properties);
    record("An action of the mixin.", rules::ACTION_KEYS, properties)
}

fn io() -> Json {
    let properties = vec![
        ("name", typed("string", "The field's name.")),
        ("type", described("The field's type.", reference("type"))),
        ("description", typed("string", "The field's doc.")),
        ("optional", typed("boolean", "Whether it may be absent (`Option<T>`).")),
    ];
    assert_keys(rules::IO_REQUIRED, rules::IO_OPTIONAL, &properties);
    Json::object([
        ("description", Json::str("An input or output: a bare name (its type is found by the resolution rules), or a mapping with its type.")),
        (
            "anyOf",
            Json::Array(vec![
                typed("string", "A name; its type comes from an output model of that name, the build's `.io_type`, or the fallback type."),
                record("A name with its type.", rules::IO_REQUIRED, properties),
            ]),
        ),
    ])
}

fn ty() -> Json {
    let names = Json::object([
        ("description", Json::str("A type name.")),
        ("enum", Json::strings(rules::TYPE_NAMES.iter().copied())),
    ]);
    let spec_keys = rules::SPEC_KEYS.iter().map(|k| {
        let doc = match *k {
            "type" => "The type: a type name, `enum[A,B]`, or an output model's name.",
            "items" => "For `array`: the items' type.",
            "properties" => "For `object`: the fields and their types.",
            "additionalProperties" => "For `object`: a map's value type.",
            "description" => "The field's doc.",
            "format" => "A format hint, kept as documentation.",
            _ => "Whether the field may be absent (`Option<T>`).",
        };
        (*k, Json::object([("description", Json::str(doc))]))
    });
    Json::object([
        ("description", Json::str("A type: a type name (`string`, `integer`, ...), `enum[A,B]`, an output model's name, a type specification (`{type: array, items: T}`), or a mapping of field names to types (a nested object).")),
        (
            "anyOf",
            Json::Array(vec![
                names,
                typed("string", "`enum[A,B]` or an output model's name."),
                Json::object([
                    ("type", Json::str("object")),
                    ("description", Json::str("A type specification, or the fields of a nested object.")),
                    ("properties", Json::object(spec_keys)),
                ]),
            ]),
        ),
    ])
}

fn metric() -> Json {
    let properties = vec![
        (
            "name",
            Json::object([
                ("type", Json::str("string")),
                ("description", Json::str("A Prometheus metric name.")),
                ("pattern", Json::str(rules::METRIC_NAME_PATTERN)),
            ]),
        ),
        (
            "type",
            Json::object([
                ("description", Json::str("The metric's type.")),
                ("enum", Json::strings(rules::names(rules::METRIC_TYPES))),
            ]),
        ),
        ("description", typed("string", "What the metric measures.")),
        (
            "labels",
            list_or_null(
                "Label names.",
                Json::object([
                    ("type", Json::str("string")),
                    ("description", Json::str("A Prometheus label name (not starting with `__`).")),
                    ("pattern", Json::str(rules::LABEL_NAME_PATTERN)),
                ]),
            ),
        ),
        (
            "buckets",
            Json::object([
                ("type", Json::str("array")),
                ("description", Json::str("Histogram bucket bounds, strictly increasing (the +Inf bucket is implicit). Only on histograms.")),
                ("items", Json::object([("type", Json::str("number"))])),
            ]),
        ),
    ];
    assert_keys(rules::METRIC_REQUIRED, rules::METRIC_OPTIONAL, &properties);
    let mut m = record("A metric the mixin collects.", rules::METRIC_REQUIRED, properties);
    // Buckets belong to histograms only (E0171).
    m.set(
        "if",
        Json::object([
            ("required", Json::strings(["type"])),
            (
                "properties",
                Json::object([(
                    "type",
                    Json::object([
                        ("description", Json::str("Any metric type but histogram.")),
                        ("not", Json::object([("const", Json::str("histogram"))])),
                    ]),
                )]),
            ),
        ]),
    );
    m.set("then", Json::object([("not", Json::object([("required", Json::strings(["buckets"]))]))]));
    m
}

fn dependency() -> Json {
    let properties = vec![
        ("name", typed("string", "The dependency's name.")),
        (
            "type",
            Json::object([
                ("description", Json::str("The kind of dependency.")),
                ("enum", Json::strings(rules::names(rules::DEPENDENCY_TYPES))),
            ]),
        ),
        ("description", typed("string", "What it is for.")),
        ("optional", typed("boolean", "Whether the mixin works without it (default false).")),
    ];
    assert_keys(rules::DEPENDENCY_REQUIRED, rules::DEPENDENCY_OPTIONAL, &properties);
    record("A dependency provided or required.", rules::DEPENDENCY_REQUIRED, properties)
}

/// Every key of the rule tables has a property (and a description), and no other: a key added to
/// a table without a description here fails every test that writes a schema.
fn assert_keys(required: &[&str], optional: &[&str], properties: &[(&str, Json)]) {
    let keys: Vec<&str> = required.iter().chain(optional).copied().collect();
    let props: Vec<&str> = properties.iter().map(|(k, _)| *k).collect();
    debug_assert_eq!(keys.len(), props.len(), "schema properties {props:?} do not match the rule table {keys:?}");
    debug_assert!(
        keys.iter().all(|k| props.contains(k)),
        "schema properties {props:?} do not match the rule table {keys:?}"
    );
}
