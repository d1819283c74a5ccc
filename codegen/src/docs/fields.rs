//! The checked model's types and values as a reader of the contract names them, and structs
//! flattened into rows (`retry_policy.max_attempts`, `components[].name`) for one table each.

use crate::model::{Field, Mixin, StructDef, TypeDef, TypeRef, Value};
use crate::names::Ident;

/// One row of a fields table.
pub struct Row<'m> {
    /// The dotted key path, as the contract (and the wire) spells it.
    pub key: String,
    pub ty: String,
    /// The contract's value, for configuration.
    pub default: Option<&'m Value>,
    /// The field spec's bounds in words (`1 to 100`), empty without any.
    pub bounds: String,
    pub doc: String,
}

/// A field's bounds as a table cell says them: `1 to 100`, `> 0`, `length 1 to 64`,
/// `at most 5 items`, `each item >= 0`.
pub fn bounds_text(checks: &[crate::model::Check]) -> String {
    use crate::model::Bound;
    let part = |each: bool| -> Option<String> {
        let bounds: Vec<Bound> = checks.iter().filter(|c| c.each_item == each).map(|c| c.bound).collect();
        if bounds.is_empty() {
            return None;
        }
        let find = |f: fn(&Bound) -> Option<String>| bounds.iter().find_map(f);
        let low = find(|b| match b {
            Bound::Minimum(n) => Some(format!("{n}")),
            _ => None,
        });
        let high = find(|b| match b {
            Bound::Maximum(n) => Some(format!("{n}")),
            _ => None,
        });
        let mut words = Vec::new();
        match (low, high) {
            (Some(l), Some(h)) => words.push(format!("{l} to {h}")),
            (Some(l), None) => words.push(format!(">= {l}")),
            (None, Some(h)) => words.push(format!("<= {h}")),
            (None, None) => {}
        }
        for b in &bounds {
            match b {
                Bound::ExclusiveMinimum(n) => words.push(format!("> {n}")),
                Bound::ExclusiveMaximum(n) => words.push(format!("< {n}")),
                Bound::MinLength(n) => words.push(format!("length >= {n}")),
                Bound::MaxLength(n) => words.push(format!("length <= {n}")),
                Bound::MinItems(n) => words.push(format!("at least {n} items")),
                Bound::MaxItems(n) => words.push(format!("at most {n} items")),
                _ => {}
            }
        }
        let text = words.join(", ");
        Some(if each { format!("each item {text}") } else { text })
    };
    [part(false), part(true)].into_iter().flatten().collect::<Vec<_>>().join("; ")
}

/// A type named as the contract's vocabulary names it: `integer`, `list of string`,
/// `enum: OPEN, CLOSED`, `object` (its fields get rows of their own).
pub fn type_text(mixin: &Mixin, ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "string".into(),
        TypeRef::Integer => "integer".into(),
        TypeRef::Float => "float".into(),
        TypeRef::Bool => "boolean".into(),
        TypeRef::Timestamp => "timestamp".into(),
        TypeRef::Object => "object (any)".into(),
        TypeRef::Fallback => "untyped".into(),
        TypeRef::Dynamic => "any value".into(),
        TypeRef::List(item) => format!("list of {}", type_text(mixin, item)),
        TypeRef::Map(value) => format!("map of {}", type_text(mixin, value)),
        TypeRef::NodeMap(value) => format!("map by node type of {}", type_text(mixin, value)),
        TypeRef::Optional(inner) => format!("{} (optional)", type_text(mixin, inner)),
        TypeRef::Custom(rust) => format!("Rust `{rust}`"),
        TypeRef::Named(name) => match lookup(mixin, name) {
            Some(TypeDef::Enum(e)) => {
                format!("enum: {}", e.variants.iter().map(|v| v.wire.as_str()).collect::<Vec<_>>().join(", "))
            }
            Some(TypeDef::Alias(a)) => type_text(mixin, &a.target),
            Some(TypeDef::Struct(_)) | None => match mixin.output_models.iter().find(|m| m.ty == *ty) {
                Some(model) => format!("output model {}", model.name),
                None => "object".into(),
            },
        },
    }
}

pub fn lookup<'m>(mixin: &'m Mixin, name: &Ident) -> Option<&'m TypeDef> {
    mixin.types.iter().find(|t| t.name() == name)
}

/// The struct behind a type, through aliases, lists and options (for rows nested under a key).
fn struct_of<'m>(mixin: &'m Mixin, ty: &TypeRef) -> Option<(&'m StructDef, &'static str)> {
    match ty {
        TypeRef::Named(name) => match lookup(mixin, name)? {
            TypeDef::Struct(s) => Some((s, "")),
            TypeDef::Alias(a) => struct_of(mixin, &a.target),
            TypeDef::Enum(_) => None,
        },
        TypeRef::Optional(inner) => struct_of(mixin, inner),
        TypeRef::List(item) => struct_of(mixin, item).map(|(s, _)| (s, "[]")),
        _ => None,
    }
}

/// The rows of a struct's fields, nested structs flattened under their key. `values` are the
/// contract's values for the fields (configuration), matched by key. A struct met again inside
/// itself (a model holding a list of itself) is not expanded again.
pub fn rows<'m>(mixin: &'m Mixin, def: &'m StructDef, values: Option<&'m [(String, Value)]>) -> Vec<Row<'m>> {
    let mut out = Vec::new();
    let mut open = vec![def.name.name.clone()];
    walk(mixin, &def.fields, values, "", &mut open, &mut out);
    out
}

fn walk<'m>(
    mixin: &'m Mixin,
    fields: &'m [Field],
    values: Option<&'m [(String, Value)]>,
    prefix: &str,
    open: &mut Vec<String>,
    out: &mut Vec<Row<'m>>,
) {
    for field in fields {
        let key = format!("{prefix}{}", field.wire);
        let value = values.and_then(|vs| vs.iter().find(|(k, _)| *k == field.wire)).map(|(_, v)| v);
        out.push(Row {
            key: key.clone(),
            ty: type_text(mixin, &field.ty),
            default: value,
            bounds: bounds_text(&field.checks),
            doc: field.doc.clone(),
        });
        let Some((nested, suffix)) = struct_of(mixin, &field.ty) else { continue };
        if open.contains(&nested.name.name) {
            continue;
        }
        let nested_values = match value {
            Some(Value::Map(entries)) if suffix.is_empty() => Some(entries.as_slice()),
            _ => None,
        };
        open.push(nested.name.name.clone());
        walk(mixin, &nested.fields, nested_values, &format!("{key}{suffix}."), open, out);
        open.pop();
    }
}

/// A contract value as YAML flow text: `true`, `5`, `2.0`, `"ERROR"`, `["a", "b"]`, `{k: 1}`.
pub fn value_text(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => format!("{f:?}"),
        Value::Str(s) => format!("{s:?}"),
        Value::List(items) => format!("[{}]", items.iter().map(value_text).collect::<Vec<_>>().join(", ")),
        Value::Map(entries) => format!(
            "{{{}}}",
            entries.iter().map(|(k, v)| format!("{k}: {}", value_text(v))).collect::<Vec<_>>().join(", ")
        ),
    }
}

/// [`value_text`] cut to a cell's width.
pub fn short_value(v: &Value) -> String {
    let text = value_text(v);
    if text.chars().count() > 80 {
        format!("{}...", text.chars().take(77).collect::<String>())
    } else {
        text
    }
}
