//! `node-contract.schema.json`: the node contract format (issue 17) as a JSON Schema, from the
//! node rule tables in [`crate::validate::rules`]. Every other top-level key is typed data, as in
//! a mixin contract.

use super::contract::DIALECT;
use super::json::Json;
use crate::model::NodeType;
use crate::validate::rules;

pub const FILE: &str = "node-contract.schema.json";

fn typed(ty: &str, description: &str) -> Json {
    Json::object([("type", Json::str(ty)), ("description", Json::str(description))])
}

pub fn schema() -> Json {
    let version_keys: Vec<(&str, Json)> = rules::VERSION_KEYS
        .iter()
        .map(|k| {
            (
                *k,
                Json::object([
                    ("type", Json::str("integer")),
                    ("minimum", Json::Int(0)),
                    ("description", Json::str(format!("The {k} version number."))),
                ]),
            )
        })
        .collect();
    let version = Json::object([
        ("description", Json::str("The node's version: `\"1.0.0\"` or `{major: 1, minor: 0, patch: 0}`.")),
        (
            "anyOf",
            Json::Array(vec![
                Json::object([
                    ("type", Json::str("string")),
                    ("description", Json::str("major.minor.patch")),
                    ("pattern", Json::str(rules::VERSION_TEXT_PATTERN)),
                ]),
                Json::object([
                    ("type", Json::str("object")),
                    ("description", Json::str("major, minor and patch")),
                    ("required", Json::strings(rules::VERSION_KEYS.iter().copied())),
                    ("properties", Json::Object(version_keys.into_iter().map(|(k, v)| (k.to_string(), v)).collect())),
                ]),
            ]),
        ),
    ]);
    let subcontract = Json::object([
        ("type", Json::str("object")),
        ("description", Json::str("A mixin the node uses.")),
        ("required", Json::strings(rules::SUBCONTRACT_KEYS.iter().copied())),
        (
            "properties",
            Json::object([
                ("path", typed("string", "The mixin contract's file, relative to this file.")),
                (
                    "integration_field",
                    Json::object([
                        ("type", Json::str("string")),
                        ("description", Json::str("The field of the node's contract struct that holds the mixin's configuration, by convention `<module>_configuration`.")),
                        ("pattern", Json::str(rules::INTEGRATION_FIELD_PATTERN)),
                    ]),
                ),
            ]),
        ),
    ]);
    let properties = vec![
        (
            "node_name",
            Json::object([
                ("type", Json::str("string")),
                ("description", Json::str("The node's name.")),
                ("minLength", Json::Int(1)),
            ]),
        ),
        (
            "node_type",
            Json::object([
                ("description", Json::str("The node's type; every mixin it uses must apply to it.")),
                ("enum", Json::strings(NodeType::ALL.map(NodeType::wire))),
            ]),
        ),
        ("version", version),
        ("description", typed("string", "What the node does.")),
        (
            "subcontracts",
            Json::object([
                ("type", Json::str("array")),
                (
                    "description",
                    Json::str("The mixins the node uses, each with the field that holds its configuration."),
                ),
                ("items", subcontract),
            ]),
        ),
    ];
    debug_assert!(rules::NODE_REQUIRED
        .iter()
        .chain(rules::NODE_OPTIONAL)
        .all(|k| properties.iter().any(|(p, _)| p == k)));
    debug_assert_eq!(properties.len(), rules::NODE_REQUIRED.len() + rules::NODE_OPTIONAL.len());
    Json::object([
        ("$schema", Json::str(DIALECT)),
        ("title", Json::str("ONEX node contract")),
        (
            "description",
            Json::str("An ONEX node contract: its type and the mixins it uses. Any other key is typed data."),
        ),
        ("type", Json::str("object")),
        ("required", Json::strings(rules::NODE_REQUIRED.iter().copied())),
        ("properties", Json::object(properties)),
        ("additionalProperties", Json::object([("description", Json::str("A data section of the node."))])),
    ])
}
