//! Contract data (`*_config` and sections the format does not define) into types and values.
//! Types are inferred from the values; lists of mappings merge into one item type.

use super::field_spec::{self, is_field_spec};
use super::{Checker, MapView};
use crate::each;
use crate::locate::{Anchor, Seg};
use crate::model::{
    AliasDef, DataSection, Field, FieldDefault, NodeType, StructDef, StructRole, TypeDef, TypeRef, Value,
};
use crate::names::Case;
use crate::parse::Yaml;

/// The inferred shape of a piece of data, before it gets Rust names.
#[derive(Debug, Clone, PartialEq)]
enum Shape {
    Null,
    Bool,
    Int,
    Float,
    Str,
    EmptyList,
    List(Box<Shape>),
    EmptyMap,
    /// Fields in first-seen order, each with whether every merged mapping had it.
    Map(Vec<(String, Shape, bool)>),
    Optional(Box<Shape>),
    Dynamic,
    /// A mapping whose keys are all node types (`COMPUTE`, ...): the shape its values share.
    NodeMap(Box<Shape>),
    /// `{type: object, additionalProperties: T, default: {..}}`: a map of `T` the contract declares.
    DeclaredMap(Yaml),
    /// `{type: integer, default: 5, minimum: 1, ...}`: a field spec (configuration only).
    FieldSpec(Yaml),
    /// A data section's list of one-key mappings with distinct keys (`- HEALTHY: "..."`): an
    /// ordered map, read as its pairs; the shape its values share.
    Pairs(Box<Shape>),
}

/// Keys of a map declaration in contract data.
const MAP_DECLARATION_KEYS: &[&str] = &["type", "additionalProperties", "default", "description"];

/// Whether a mapping in contract data declares a map (`{type: object, additionalProperties: T}`,
/// with `default` entries and a `description`) rather than holding values. A mapping whose keys
/// are really `type` and `additionalProperties` would read the same: the one ambiguity.
fn is_map_declaration(v: &Yaml) -> bool {
    match v {
        Yaml::Map(entries) => {
            v.get("type").and_then(Yaml::as_str) == Some("object")
                && v.get("additionalProperties").is_some()
                && entries.iter().all(|(k, _)| MAP_DECLARATION_KEYS.contains(&k.as_str()))
        }
        _ => false,
    }
}

fn is_node_type(key: &str) -> bool {
    NodeType::ALL.iter().any(|n| n.wire() == key)
}

/// The pairs of a list of two or more one-key mappings with distinct keys: in a data section, the
/// YAML way to write an ordered map.
fn as_pairs(items: &[Yaml]) -> Option<Vec<(&String, &Yaml)>> {
    let pairs: Vec<(&String, &Yaml)> = items
        .iter()
        .map(|item| match item {
            Yaml::Map(entries) if entries.len() == 1 => Some((&entries[0].0, &entries[0].1)),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let distinct = pairs.iter().enumerate().all(|(i, (k, _))| pairs[..i].iter().all(|(earlier, _)| earlier != k));
    (pairs.len() >= 2 && distinct).then_some(pairs)
}

/// The shape of contract data, in a data section (`data`) or in configuration, whose overrides
/// keep the contract's shape.
fn infer_as(v: &Yaml, data: bool) -> Shape {
    let infer = |v: &Yaml| infer_as(v, data);
    match v {
        Yaml::Null => Shape::Null,
        Yaml::Bool(_) => Shape::Bool,
        Yaml::Int(_) => Shape::Int,
        Yaml::Float(_) => Shape::Float,
        Yaml::Str(_) => Shape::Str,
        Yaml::Seq(items) if items.is_empty() => Shape::EmptyList,
        Yaml::Seq(items) => match as_pairs(items).filter(|_| data) {
            Some(pairs) => {
                Shape::Pairs(Box::new(pairs.into_iter().map(|(_, v)| infer(v)).reduce(unify).unwrap_or(Shape::Dynamic)))
            }
            None => Shape::List(Box::new(items.iter().map(infer).reduce(unify).unwrap_or(Shape::Dynamic))),
        },
        Yaml::Map(entries) if entries.is_empty() => Shape::EmptyMap,
        Yaml::Map(_) if is_map_declaration(v) => Shape::DeclaredMap(v.clone()),
        Yaml::Map(_) if is_field_spec(v) => Shape::FieldSpec(v.clone()),
        Yaml::Map(entries) if entries.iter().all(|(k, _)| is_node_type(k)) => {
            Shape::NodeMap(Box::new(entries.iter().map(|(_, v)| infer(v)).reduce(unify).unwrap_or(Shape::Dynamic)))
        }
        Yaml::Map(entries) => Shape::Map(each::map(entries, &mut |(k, v)| (k.clone(), infer(v), true))),
    }
}

/// The one shape two values can both have; `Dynamic` when there is none.
fn unify(a: Shape, b: Shape) -> Shape {
    use Shape::*;
    match (a, b) {
        (a, b) if a == b => a,
        (Null, Optional(x)) | (Optional(x), Null) => Optional(x),
        (Null, x) | (x, Null) => Optional(Box::new(x)),
        (Optional(x), y) | (y, Optional(x)) => match unify(*x, y) {
            Dynamic => Dynamic,
            u => Optional(Box::new(u)),
        },
        (Int, Float) | (Float, Int) => Float,
        (EmptyList, List(x)) | (List(x), EmptyList) => List(x),
        (List(x), List(y)) => List(Box::new(unify(*x, *y))),
        (NodeMap(x), NodeMap(y)) => NodeMap(Box::new(unify(*x, *y))),
        (Pairs(x), Pairs(y)) => Pairs(Box::new(unify(*x, *y))),
        (EmptyMap, Map(f)) | (Map(f), EmptyMap) => Map(each::map_into(f, &mut |(k, s, _)| (k, s, false))),
        (Map(fa), Map(fb)) => {
            let mut merged: Vec<(String, Shape, bool)> = each::map_into(fa, &mut |(k, s, p)| {
                let in_b = fb.iter().any(|(kb, _, _)| *kb == k);
                (k, s, p && in_b)
            });
            for (key, shape, present) in fb {
                match merged.iter_mut().find(|(k, _, _)| *k == key) {
                    Some(slot) => {
                        slot.1 = unify(std::mem::replace(&mut slot.1, Dynamic), shape);
                        slot.2 = slot.2 && present;
                    }
                    None => merged.push((key, shape, false)),
                }
            }
            Map(merged)
        }
        _ => Dynamic,
    }
}

pub(super) fn sections(cx: &mut Checker, map: &MapView, keys: &[&str], config: bool) -> Vec<DataSection> {
    let mut out = Vec::new();
    for key in keys {
        let Some(value) = map.get(key) else { continue };
        let path = map.child(key);
        let at = Anchor::key(&path);
        // A config's values come from a function (they are owned, for overrides); a data
        // section's are a static.
        let (case, what) = if config { (Case::Snake, "accessor") } else { (Case::ShoutySnake, "static") };
        let Some(accessor) = cx.ident(key, case, &at, "section") else { continue };
        if !cx.claim(&accessor, true, &at, format!("the {what} of section `{key}`")) {
            continue;
        }
        let role = if config { StructRole::Config } else { StructRole::Section };
        let doc = if config {
            format!("Configuration section `{key}`. `Default` gives the contract's values;\ndeserializing a partial override keeps the defaults of every key it leaves out,\nand an unknown key is an error.")
        } else {
            format!("The type of the contract's `{key}` section.")
        };
        let comment = cx.comment(&path);
        let doc = crate::locate::with_comment((!comment.is_empty()).then(|| comment.clone()), &doc);
        let shape = infer_as(value, !config);
        let Some(ty) = materialize(cx, &shape, Some(value), &path, key, role, doc) else { continue };
        out.push(DataSection { key: key.to_string(), accessor, ty, value: value_in(value, config), comment });
    }
    out
}

/// Contract data as a value; a map declaration is its `default` entries, and so is a field spec
/// in configuration (`config`; a data section holds its specs as written).
fn value_in(v: &Yaml, config: bool) -> Value {
    if config && is_field_spec(v) && !is_map_declaration(v) {
        return v.get("default").map_or(Value::Null, |d| value_in(d, true));
    }
    match v {
        Yaml::Seq(items) => match as_pairs(items).filter(|_| !config) {
            Some(pairs) => Value::Map(pairs.into_iter().map(|(k, v)| (k.clone(), value_in(v, config))).collect()),
            None => Value::List(each::map(items, &mut |v| value_in(v, config))),
        },
        Yaml::Map(entries) if !is_map_declaration(v) => {
            Value::Map(each::map(entries, &mut |(k, v)| (k.clone(), value_in(v, config))))
        }
        _ => to_value(v),
    }
}

/// Contract data as a value; a map declaration is its `default` entries.
pub(crate) fn to_value(v: &Yaml) -> Value {
    if is_map_declaration(v) {
        return match v.get("default") {
            Some(entries @ Yaml::Map(_)) => to_value(entries),
            _ => Value::Map(Vec::new()),
        };
    }
    match v {
        Yaml::Null => Value::Null,
        Yaml::Bool(b) => Value::Bool(*b),
        Yaml::Int(i) => Value::Int(*i),
        Yaml::Float(f) => Value::Float(*f),
        Yaml::Str(s) => Value::Str(s.clone()),
        Yaml::Seq(items) => Value::List(items.iter().map(to_value).collect()),
        Yaml::Map(entries) => Value::Map(each::map(entries, &mut |(k, v)| (k.clone(), to_value(v)))),
    }
}

/// Gives a shape Rust types. `value` is the single piece of data the shape came from, if any:
/// structs made from one value get a `Default` with its values.
fn materialize(
    cx: &mut Checker,
    shape: &Shape,
    value: Option<&Yaml>,
    path: &[Seg],
    hint: &str,
    role: StructRole,
    doc: String,
) -> Option<TypeRef> {
    Some(match shape {
        Shape::Null => TypeRef::Optional(Box::new(TypeRef::Dynamic)),
        Shape::Bool => TypeRef::Bool,
        Shape::Int => TypeRef::Integer,
        Shape::Float => TypeRef::Float,
        Shape::Str => TypeRef::String,
        Shape::EmptyList => TypeRef::List(Box::new(TypeRef::Dynamic)),
        Shape::EmptyMap => TypeRef::Map(Box::new(TypeRef::Dynamic)),
        Shape::Dynamic => TypeRef::Dynamic,
        Shape::NodeMap(values) => {
            // List values name their items after the map (`node_specific_metrics_item`).
            let value_hint =
                if matches!(**values, Shape::List(_)) { hint.to_string() } else { format!("{hint}_value") };
            let value_doc = match **values {
                Shape::Map(_) => {
                    format!("A value of `{}` in the contract (one per node type).", crate::locate::dotted(path))
                }
                _ => String::new(),
            };
            let value = materialize(cx, values, None, path, &value_hint, nested(role), value_doc)?;
            let ty = TypeRef::NodeMap(Box::new(value));
            if matches!(role, StructRole::Config | StructRole::Section) {
                return named_section(cx, path, hint, doc, ty, role.is_static());
            }
            ty
        }
        // A data section is nobody's to override: a map declaration there is data as written.
        Shape::DeclaredMap(Yaml::Map(entries)) if role.is_static() => {
            let shape = Shape::Map(each::map(entries, &mut |(k, v)| (k.clone(), infer_as(v, true), true)));
            materialize(cx, &shape, value, path, hint, role, doc)?
        }
        Shape::DeclaredMap(spec) => declared_map(cx, spec, path, hint)?,
        Shape::FieldSpec(Yaml::Map(entries)) if role.is_static() => {
            let shape = Shape::Map(each::map(entries, &mut |(k, v)| (k.clone(), infer_as(v, true), true)));
            materialize(cx, &shape, value, path, hint, role, doc)?
        }
        // A spec not directly under a key (a list item, a whole section): its type alone.
        Shape::FieldSpec(spec) => field_spec::check(cx, spec, path, hint)?.ty,
        Shape::Optional(inner) => {
            TypeRef::Optional(Box::new(materialize(cx, inner, None, path, hint, nested(role), String::new())?))
        }
        Shape::Pairs(values) => {
            let value_hint = format!("{hint}_value");
            let value = materialize(cx, values, None, path, &value_hint, nested(role), String::new())?;
            let ty = TypeRef::Map(Box::new(value));
            if matches!(role, StructRole::Config | StructRole::Section) {
                return named_section(cx, path, hint, doc, ty, role.is_static());
            }
            ty
        }
        Shape::List(item) => {
            let item_hint = format!("{hint}_item");
            let item = materialize(cx, item, None, path, &item_hint, nested(role), String::new())?;
            if matches!(role, StructRole::Config | StructRole::Section) {
                return named_section(cx, path, hint, doc, TypeRef::List(Box::new(item)), role.is_static());
            }
            TypeRef::List(Box::new(item))
        }
        Shape::Map(fields) => {
            let ident = cx.ident(hint, Case::UpperCamel, &Anchor::key(path), "section")?;
            let what = match role {
                StructRole::Config => format!("config section `{hint}`"),
                StructRole::Section => format!("section `{hint}`"),
                _ => format!("`{hint}`"),
            };
            if !cx.claim(&ident, false, &Anchor::key(path), what) {
                return None;
            }
            let mut out: Vec<Field> = Vec::new();
            // Rust field name -> index in `out`, and key -> index of the value's entry (the
            // first of a key): a section with 100k keys must not take quadratic time. (One map
            // type for both: each map type is compiled on its own.)
            let mut taken: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
            let (entries, by_key): (&[(String, Yaml)], std::collections::HashMap<String, usize>) = match value {
                Some(Yaml::Map(entries)) => {
                    (entries, entries.iter().enumerate().rev().map(|(i, (k, _))| (k.clone(), i)).collect())
                }
                _ => (&[], std::collections::HashMap::new()),
            };
            let mut defaults = Vec::new();
            let mut ok = true;
            for (key, field_shape, present) in fields {
                let mut fpath = path.to_vec();
                fpath.push(Seg::key(key));
                let Some(fid) = cx.ident(key, Case::Snake, &Anchor::key(&fpath), "key") else {
                    ok = false;
                    continue;
                };
                if let Some(prev) = taken.get(&fid.name).map(|&i| &out[i]) {
                    cx.error(
                        "E0190",
                        Anchor::key(&fpath),
                        format!("keys `{}` and `{key}` would both become the Rust field `{fid}`", prev.wire),
                    )
                    .label("second key")
                    .help("rename one of them");
                    ok = false;
                    continue;
                }
                let field_value = by_key.get(key).map(|&i| &entries[i].1);
                let fhint = format!("{hint}_{key}");
                let spec = match (field_shape, field_value) {
                    (Shape::FieldSpec(spec), Some(_)) if !role.is_static() => {
                        match field_spec::check(cx, spec, &fpath, &fhint) {
                            Some(spec) => Some(spec),
                            None => {
                                ok = false;
                                continue;
                            }
                        }
                    }
                    _ => None,
                };
                let materialized = match &spec {
                    Some(spec) => Some(spec.ty.clone()),
                    None => materialize(cx, field_shape, field_value, &fpath, &fhint, nested(role), String::new()),
                };
                let Some(mut ty) = materialized else {
                    ok = false;
                    continue;
                };
                if !present && !matches!(ty, TypeRef::Optional(_)) {
                    ty = TypeRef::Optional(Box::new(ty));
                }
                if let Some(v) = field_value {
                    defaults.push(value_in(v, !role.is_static()));
                }
                // A static shows its values where it is defined; a config's field says its default.
                let given = |text: String, replaced_whole| Some(FieldDefault { text, replaced_whole });
                let (description, default) = match field_value {
                    Some(v) if spec.is_some() => {
                        let description = spec.as_ref().map_or_else(String::new, |s| s.description.clone());
                        (description, v.get("default").map(short).and_then(|text| given(text, false)))
                    }
                    Some(v) if is_map_declaration(v) && !role.is_static() => {
                        let default = v.get("default").map_or_else(|| "{}".to_string(), short);
                        let description = v.get("description").and_then(Yaml::as_str).unwrap_or_default();
                        (description.to_string(), given(default, true))
                    }
                    // A nested section's fields say their own defaults.
                    Some(Yaml::Map(entries)) if !entries.is_empty() => (String::new(), None),
                    Some(v) if !role.is_static() => (String::new(), given(short(v), false)),
                    _ => (String::new(), None),
                };
                taken.insert(fid.name.clone(), out.len());
                let doc = cx.documented(&fpath, &description);
                let (checks, allowed) = spec.map(|s| (s.checks, s.allowed)).unwrap_or_default();
                out.push(Field { wire: key.clone(), ident: fid, ty, doc, default, checks, allowed });
            }
            if !ok {
                return None;
            }
            let defaults = value.map(|_| defaults);
            let doc = if doc.is_empty() {
                let items = if value.is_none() { " (one item's fields)" } else { "" };
                format!("`{}` in the contract{items}.", crate::locate::dotted(path))
            } else {
                doc
            };
            cx.define_struct(StructDef { name: ident, doc, role, fields: out, defaults, strict: true })
        }
    })
}

/// A top-level list or map section gets a named type (an alias) so its accessor reads well.
/// `is_static`: a data section's, borrowed (`&'static [T]`).
fn named_section(
    cx: &mut Checker,
    path: &[Seg],
    hint: &str,
    doc: String,
    target: TypeRef,
    is_static: bool,
) -> Option<TypeRef> {
    let ident = cx.ident(hint, Case::UpperCamel, &Anchor::key(path), "section")?;
    if !cx.claim(&ident, false, &Anchor::key(path), format!("section `{hint}`")) {
        return None;
    }
    cx.define(TypeDef::Alias(AliasDef { name: ident.clone(), doc, target, is_static }));
    Some(TypeRef::Named(ident))
}

/// `{type: object, additionalProperties: T, default: {..}}` in contract data: `BTreeMap<String, T>`
/// whose default is the `default` entries, each checked against `T` (E0250). The types `T`
/// defines are configuration: strict about unknown keys.
fn declared_map(cx: &mut Checker, spec: &Yaml, path: &[Seg], hint: &str) -> Option<TypeRef> {
    let Yaml::Map(entries) = spec else { return None };
    let view = MapView { path: path.to_vec(), entries };
    let mut ok = true;
    if let Some(d) = view.get("description").filter(|d| !matches!(d, Yaml::Str(_))) {
        cx.error(
            "E0101",
            Anchor::value_of(view.child("description")),
            format!("`description` must be a string, found {}", d.kind()),
        )
        .label("expected a string");
        ok = false;
    }
    let values = view.get("additionalProperties")?;
    cx.in_config = true;
    let value_ty = super::types::resolve(cx, values, &view.child("additionalProperties"), &format!("{hint}_value"));
    cx.in_config = false;
    let value_ty = value_ty?;
    match view.get("default") {
        None => {}
        Some(Yaml::Map(defaults)) => {
            for (key, value) in defaults {
                let mut at = view.child("default");
                at.push(Seg::key(key));
                ok &= super::conform::check(cx, &value_ty, value, &at, &format!("default entry `{key}`"));
            }
        }
        Some(other) => {
            cx.error(
                "E0101",
                Anchor::value_of(view.child("default")),
                format!("the `default` of a map must be a mapping of its entries, found {}", other.kind()),
            )
            .label("expected a mapping")
            .help("write `default: {key: value, ...}`, or `default: {}` for none");
            ok = false;
        }
    }
    ok.then(|| TypeRef::Map(Box::new(value_ty)))
}

/// The role of a type nested in one of `role`: data stays data.
fn nested(role: StructRole) -> StructRole {
    if role.is_static() {
        StructRole::Data
    } else {
        StructRole::Nested
    }
}

/// A one-line rendering of a default for docs; long values are cut.
fn short(v: &Yaml) -> String {
    let text = match v {
        Yaml::Null => "null".to_string(),
        Yaml::Bool(b) => b.to_string(),
        Yaml::Int(i) => i.to_string(),
        Yaml::Float(f) => format!("{f:?}"),
        Yaml::Str(s) => format!("{s:?}"),
        Yaml::Seq(items) => format!("[{}]", items.iter().map(short).collect::<Vec<_>>().join(", ")),
        Yaml::Map(entries) if entries.is_empty() => "{}".to_string(),
        Yaml::Map(entries) => {
            let entries: Vec<String> = entries.iter().map(|(k, v)| format!("{k}: {}", short(v))).collect();
            format!("{{{}}}", entries.join(", "))
        }
    };
    if text.chars().count() > 80 {
        let cut: String = text.chars().take(77).collect();
        format!("{cut}...")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_of_mappings_merge_with_optional_fields() {
        let a = Shape::Map(vec![
            ("name".into(), Shape::Str, true),
            ("buckets".into(), Shape::List(Box::new(Shape::Int)), true),
        ]);
        let b = Shape::Map(vec![
            ("name".into(), Shape::Str, true),
            ("labels".into(), Shape::List(Box::new(Shape::Str)), true),
        ]);
        let Shape::Map(fields) = unify(a, b) else { panic!("expected a map") };
        let presence: Vec<(&str, bool)> = fields.iter().map(|(k, _, p)| (k.as_str(), *p)).collect();
        assert_eq!(presence, [("name", true), ("buckets", false), ("labels", false)]);
    }

    #[test]
    fn numbers_widen_and_mixed_lists_become_dynamic() {
        assert_eq!(unify(Shape::Int, Shape::Float), Shape::Float);
        assert_eq!(unify(Shape::Str, Shape::Int), Shape::Dynamic);
        assert_eq!(unify(Shape::Null, Shape::Str), Shape::Optional(Box::new(Shape::Str)));
    }
}
