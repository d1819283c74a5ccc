//! `<module>.config.schema.json`: what a node's override of a mixin's `Configuration` may hold,
//! as the generated types read it: the types, the contract's values as defaults, enums, and
//! `additionalProperties: false` wherever the generated struct rejects unknown keys.

use super::contract::DIALECT;
use super::json::Json;
use crate::model::{Bound, Mixin, NodeType, StructDef, TypeDef, TypeRef, Value};

pub fn file_name(mixin: &Mixin) -> String {
    format!("{}.config.schema.json", mixin.module.name)
}

pub fn schema(mixin: &Mixin) -> Json {
    let mut out = Json::object([
        ("$schema", Json::str(DIALECT)),
        ("title", Json::str(format!("{} configuration", mixin.name))),
        (
            "description",
            Json::str(format!(
                "What a node contract's `{}_configuration` holds for `{}` (Rust `{}::Configuration`): any of its keys, each keeping the contract's value when left out.",
                mixin.module.name, mixin.name, mixin.module.name
            )),
        ),
    ]);
    let root = TypeRef::Named(crate::names::Ident::fixed("Configuration"));
    let mut open = Vec::new();
    if let Json::Object(entries) = of_type(mixin, &root, &mut open) {
        // The struct's own doc is written for Rust; the title and description above say it for
        // a node's file.
        for (k, v) in entries.into_iter().filter(|(k, _)| k != "description") {
            out.set(&k, v);
        }
    }
    out
}

fn ty(name: &str) -> Json {
    Json::object([("type", Json::str(name))])
}

/// The schema of one type. `open` holds the structs being expanded, so a struct that contains
/// itself (through a list) is described once, then accepted as any object inside itself.
fn of_type(mixin: &Mixin, t: &TypeRef, open: &mut Vec<String>) -> Json {
    match t {
        TypeRef::String | TypeRef::Timestamp => ty("string"),
        TypeRef::Integer => ty("integer"),
        TypeRef::Float => ty("number"),
        TypeRef::Bool => ty("boolean"),
        // The generated `Value` (or a type the build chose) reads any value.
        TypeRef::Object | TypeRef::Fallback | TypeRef::Dynamic | TypeRef::Custom(_) => Json::object::<&str>([]),
        TypeRef::List(item) => Json::object([("type", Json::str("array")), ("items", of_type(mixin, item, open))]),
        TypeRef::Map(value) => {
            Json::object([("type", Json::str("object")), ("additionalProperties", of_type(mixin, value, open))])
        }
        TypeRef::NodeMap(value) => Json::object([
            ("type", Json::str("object")),
            ("propertyNames", Json::object([("enum", Json::strings(NodeType::ALL.map(NodeType::wire)))])),
            ("additionalProperties", of_type(mixin, value, open)),
        ]),
        TypeRef::Optional(inner) => {
            Json::object([("anyOf", Json::Array(vec![of_type(mixin, inner, open), ty("null")]))])
        }
        TypeRef::Named(name) => match mixin.types.iter().find(|d| d.name() == name) {
            Some(TypeDef::Enum(e)) => Json::object([
                (
                    "description",
                    Json::str(format!(
                        "One of {}.",
                        e.variants.iter().map(|v| v.wire.as_str()).collect::<Vec<_>>().join(", ")
                    )),
                ),
                ("enum", Json::strings(e.variants.iter().map(|v| v.wire.as_str()))),
            ]),
            Some(TypeDef::Alias(a)) => of_type(mixin, &a.target, open),
            Some(TypeDef::Struct(s)) if !open.contains(&s.name.name) => {
                open.push(s.name.name.clone());
                let schema = of_struct(mixin, s, open);
                open.pop();
                schema
            }
            Some(TypeDef::Struct(_)) | None => ty("object"),
        },
    }
}

fn of_struct(mixin: &Mixin, s: &StructDef, open: &mut Vec<String>) -> Json {
    let defaults = s.defaults.as_deref();
    let properties: Vec<(String, Json)> = s
        .fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let mut schema = of_type(mixin, &f.ty, open);
            let doc = f.doc.as_str();
            if !doc.is_empty() {
                schema.set("description", Json::str(doc));
            } else if !matches!(schema, Json::Object(ref e) if e.iter().any(|(k, _)| k == "description")) {
                let doc = if defaults.is_some() {
                    format!("`{}`: left out, it keeps the contract's value (`default`).", f.wire)
                } else {
                    format!("`{}`", f.wire)
                };
                schema.set("description", Json::str(doc));
            }
            if let Some(v) = defaults.and_then(|d| d.get(i)) {
                schema.set("default", json_value(v));
            }
            for check in &f.checks {
                let (key, bound) = keyword(check.bound);
                if check.each_item {
                    set_in_items(&mut schema, key, bound);
                } else {
                    schema.set(key, bound);
                }
            }
            (f.wire.clone(), schema)
        })
        .collect();
    let mut out = Json::object([("type", Json::str("object"))]);
    if !s.doc.is_empty() {
        out.set("description", Json::str(s.doc.replace('\n', " ")));
    }
    out.set("properties", Json::Object(properties));
    // With the contract's values, every key may be left out (`#[serde(default)]`); without them
    // (list items), every key that is not optional must be given.
    if defaults.is_none() {
        let required: Vec<&str> =
            s.fields.iter().filter(|f| !matches!(f.ty, TypeRef::Optional(_))).map(|f| f.wire.as_str()).collect();
        if !required.is_empty() {
            out.set("required", Json::strings(required));
        }
    }
    if s.strict {
        out.set("additionalProperties", Json::Bool(false));
    }
    out
}

/// A field spec's bound as the JSON Schema keyword of the same meaning (the spec's keys are
/// JSON Schema's own names).
fn keyword(bound: Bound) -> (&'static str, Json) {
    let number = |n: f64| if n.fract() == 0.0 && n.abs() < 9.0e15 { Json::Int(n as i64) } else { Json::Float(n) };
    let count = |n: u64| Json::Int(i64::try_from(n).unwrap_or(i64::MAX));
    match bound {
        Bound::Minimum(n) => ("minimum", number(n)),
        Bound::ExclusiveMinimum(n) => ("exclusiveMinimum", number(n)),
        Bound::Maximum(n) => ("maximum", number(n)),
        Bound::ExclusiveMaximum(n) => ("exclusiveMaximum", number(n)),
        Bound::MinLength(n) => ("minLength", count(n)),
        Bound::MaxLength(n) => ("maxLength", count(n)),
        Bound::MinItems(n) => ("minItems", count(n)),
        Bound::MaxItems(n) => ("maxItems", count(n)),
    }
}

/// A bound on every item of a list: in the schema's `items`, made if it has none.
fn set_in_items(schema: &mut Json, key: &str, bound: Json) {
    if let Json::Object(entries) = schema {
        if let Some((_, items)) = entries.iter_mut().find(|(k, _)| k == "items") {
            items.set(key, bound);
            return;
        }
        entries.push(("items".to_string(), Json::object([(key, bound)])));
    }
}

pub fn json_value(v: &Value) -> Json {
    match v {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Int(i) => Json::Int(*i),
        Value::Float(f) => Json::Float(*f),
        Value::Str(s) => Json::str(s.clone()),
        Value::List(items) => Json::Array(items.iter().map(json_value).collect()),
        Value::Map(entries) => Json::Object(entries.iter().map(|(k, v)| (k.clone(), json_value(v))).collect()),
    }
}
