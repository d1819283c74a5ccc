//! Output models and the type vocabulary: type names, inline enums, nested objects, arrays, maps.

use super::{suggest, Checker, MapView};
use crate::each;
use crate::locate::{Anchor, Seg};
use crate::model::{AliasDef, EnumDef, Field, OutputModel, StructDef, StructRole, TypeDef, TypeRef, Variant};
use crate::names::{Case, Ident};
use crate::parse::Yaml;

pub(super) use super::rules::{SPEC_KEYS, TYPE_NAMES};

pub(super) fn output_models(cx: &mut Checker, map: &MapView) -> Vec<OutputModel> {
    let path = map.child("output_models");
    let entries = match map.get("output_models") {
        None | Some(Yaml::Null) => return Vec::new(),
        Some(Yaml::Map(entries)) => entries,
        Some(other) => {
            cx.error(
                "E0101",
                Anchor::value(&path),
                format!("output_models must be a mapping of model names to fields, found {}", other.kind()),
            )
            .label("expected a mapping");
            return Vec::new();
        }
    };
    // Models may name each other, in any order: every name is known before any model is read.
    cx.models = entries
        .iter()
        .filter_map(|(name, _)| {
            let ident = crate::names::to_ident(name, Case::UpperCamel).ok()?;
            Some(OutputModel { name: name.clone(), ty: TypeRef::Named(ident) })
        })
        .collect();
    let mut out = Vec::new();
    for (name, spec) in entries {
        let mut at = path.clone();
        at.push(Seg::key(name));
        let Some(ident) = cx.ident(name, Case::UpperCamel, &Anchor::key(&at), "output model") else { continue };
        let doc = cx.documented(&at, &format!("The output model `{name}`."));
        let ty = match spec {
            Yaml::Map(fields) if !is_type_spec(spec) => {
                let fields = MapView { path: at.clone(), entries: fields };
                define_struct(cx, &fields, &at, ident, StructRole::OutputModel, doc, name)
            }
            _ => {
                let target = resolve(cx, spec, &at, name);
                target.and_then(|target| {
                    let target = match target {
                        // `{type: object, properties}` already made a struct under the model's name hint.
                        TypeRef::Named(n) if n.name == ident.name && cx.defined(&n) => return Some(TypeRef::Named(n)),
                        other => other,
                    };
                    cx.claim(&ident, false, &Anchor::key(&at), format!("output model `{name}`")).then(|| {
                        cx.define(TypeDef::Alias(AliasDef { name: ident.clone(), doc, target, is_static: false }));
                        TypeRef::Named(ident)
                    })
                })
            }
        };
        if let Some(ty) = ty {
            out.push(OutputModel { name: name.clone(), ty });
        }
    }
    // One error per cycle, at the first model on it.
    let mut in_cycles: Vec<String> = Vec::new();
    for model in &out {
        let TypeRef::Named(ident) = &model.ty else { continue };
        if in_cycles.contains(&ident.name) {
            continue;
        }
        if let Some(cycle) = cycle_from(cx, ident) {
            let mut at = path.clone();
            at.push(Seg::key(&model.name));
            let shown: Vec<String> = each::map(&cycle, &mut |t| format!("`{t}`"));
            cx.error(
                "E0162",
                Anchor::key(&at),
                format!("output model `{}` contains itself by value: {}", model.name, shown.join(" -> ")),
            )
            .label("a value that contains itself would have no end")
            .help("make one field on the way a list (`{type: \"array\", items: ...}`), or remove it");
            in_cycles.extend(cycle);
        }
    }
    out
}

/// The chain of types by which `start` contains itself by value (through fields, optional
/// fields and aliases; a list or a map holds its items elsewhere, so it breaks the chain).
fn cycle_from(cx: &Checker, start: &Ident) -> Option<Vec<String>> {
    fn direct(ty: &TypeRef) -> Option<&Ident> {
        match ty {
            TypeRef::Named(n) => Some(n),
            TypeRef::Optional(inner) => direct(inner),
            _ => None,
        }
    }
    fn walk(cx: &Checker, at: &Ident, start: &Ident, chain: &mut Vec<String>, seen: &mut Vec<String>) -> bool {
        if seen.contains(&at.name) {
            return false;
        }
        seen.push(at.name.clone());
        let next: Vec<&Ident> = match cx.defs.iter().find(|d| d.name() == at) {
            Some(TypeDef::Struct(s)) => s.fields.iter().filter_map(|f| direct(&f.ty)).collect(),
            Some(TypeDef::Alias(a)) => direct(&a.target).into_iter().collect(),
            _ => Vec::new(),
        };
        for n in next {
            chain.push(n.name.clone());
            if n == start || walk(cx, n, start, chain, seen) {
                return true;
            }
            chain.pop();
        }
        false
    }
    let mut chain = vec![start.name.clone()];
    walk(cx, start, start, &mut chain, &mut Vec::new()).then_some(chain)
}

pub(super) fn is_type_spec(spec: &Yaml) -> bool {
    match spec {
        Yaml::Map(entries) => {
            matches!(spec.get("type"), Some(Yaml::Str(t)) if TYPE_NAMES.contains(&t.as_str()) || suggest::closest(t, TYPE_NAMES.iter().copied()).is_some())
                && entries.iter().all(|(k, _)| SPEC_KEYS.contains(&k.as_str()))
        }
        _ => false,
    }
}

/// A struct from a mapping of field name -> type specification. Returns `Named` on success. `at`
/// is where the struct is named (the key that claims it); `fields` may sit deeper, under
/// `properties`.
pub(super) fn define_struct(
    cx: &mut Checker,
    fields: &MapView,
    at: &[Seg],
    ident: Ident,
    role: StructRole,
    doc: String,
    wire_path: &str,
) -> Option<TypeRef> {
    let what = match role {
        StructRole::OutputModel => format!("output model `{wire_path}`"),
        _ => format!("`{wire_path}`"),
    };
    let claimed = cx.claim(&ident, false, &Anchor::key(at), what);
    let mut out: Vec<Field> = Vec::new();
    let mut taken = std::collections::HashMap::new();
    let mut ok = claimed;
    for (key, spec) in fields.entries {
        let fat = fields.child(key);
        let Some(fid) = cx.ident(key, Case::Snake, &Anchor::key(&fat), "field") else {
            ok = false;
            continue;
        };
        if let Some(prev) = taken.get(&fid.name).map(|&i: &usize| &out[i]) {
            cx.error(
                "E0190",
                Anchor::key(&fat),
                format!("fields `{}` and `{key}` would both become the Rust field `{fid}`", prev.wire),
            )
            .label("second field")
            .help("rename one of them");
            ok = false;
            continue;
        }
        let Some(ty) = resolve(cx, spec, &fat, &format!("{wire_path}_{key}")) else {
            ok = false;
            continue;
        };
        let doc = match spec {
            // The Rust type says it: a doc that only restated it would be noise.
            Yaml::Str(_) => String::new(),
            _ => spec_description(spec).unwrap_or_default(),
        };
        let doc = cx.documented(&fat, &doc);
        taken.insert(fid.name.clone(), out.len());
        out.push(Field::plain(key.clone(), fid, ty, doc));
    }
    if !ok {
        return None;
    }
    let doc = if doc.is_empty() { format!("`{}` in the contract.", crate::locate::dotted(at)) } else { doc };
    let strict = cx.in_config;
    Some(cx.define_struct(StructDef { name: ident, doc, role, fields: out, defaults: None, strict }))
}

/// The `description` of a type specification, which becomes the doc of the field or input it types.
pub(super) fn spec_description(spec: &Yaml) -> Option<String> {
    match spec.get("description") {
        Some(Yaml::Str(d)) if is_type_spec(spec) => Some(d.clone()),
        _ => None,
    }
}

/// A boolean at `key` (`optional: true`): false when absent, `None` (and E0101) when not a boolean.
pub(super) fn flag(cx: &mut Checker, view: &MapView, key: &str) -> Option<bool> {
    match view.get(key) {
        None => Some(false),
        Some(Yaml::Bool(b)) => Some(*b),
        Some(other) => {
            let d = cx
                .error(
                    "E0101",
                    Anchor::value_of(view.child(key)),
                    format!("`{key}` must be true or false, found {}", super::records::describe(other)),
                )
                .label("expected a boolean");
            if let Some(s) = other.as_str().filter(|s| matches!(*s, "true" | "false")) {
                d.help(format!("write `{key}: {s}` without quotes"));
            }
            None
        }
    }
}

/// Resolves a type specification. `hint` names any type it has to define (a nested struct, an enum).
/// `optional: true` in a specification makes it an `Option`.
pub(super) fn resolve(cx: &mut Checker, spec: &Yaml, at: &[Seg], hint: &str) -> Option<TypeRef> {
    let Yaml::Map(entries) = spec else { return resolve_required(cx, spec, at, hint) };
    if !is_type_spec(spec) {
        return resolve_required(cx, spec, at, hint);
    }
    let view = MapView { path: at.to_vec(), entries };
    if view.get("format").is_some() {
        cx.warning("W0150", Anchor::key_of(view.child("format")), "`format` in a type is ignored")
            .label("ignored")
            .help("the type alone decides the Rust type; remove `format`, or describe it in `description`");
    }
    if let Some(d) = view.get("description").filter(|d| !matches!(d, Yaml::Str(_))) {
        cx.error(
            "E0101",
            Anchor::value_of(view.child("description")),
            format!("`description` must be a string, found {}", d.kind()),
        )
        .label("expected a string");
        return None;
    }
    let optional = flag(cx, &view, "optional")?;
    let ty = resolve_required(cx, spec, at, hint)?;
    Some(if optional && !matches!(ty, TypeRef::Optional(_)) { TypeRef::Optional(Box::new(ty)) } else { ty })
}

fn resolve_required(cx: &mut Checker, spec: &Yaml, at: &[Seg], hint: &str) -> Option<TypeRef> {
    match spec {
        Yaml::Str(name) => type_name(cx, name, at, hint),
        Yaml::Map(_) if is_type_spec(spec) => {
            let name = spec.get("type").and_then(Yaml::as_str).unwrap_or_default();
            let mut tat = at.to_vec();
            tat.push(Seg::key("type"));
            match name {
                "array" => {
                    let Some(items) = spec.get("items") else {
                        cx.error("E0161", Anchor::key(at), "an array type needs `items`")
                            .label("array without items")
                            .help("add `items: \"string\"` (a type name) or `items:` with the item's fields");
                        return None;
                    };
                    let mut iat = at.to_vec();
                    iat.push(Seg::key("items"));
                    let item_hint = format!("{hint}_item");
                    let item = match items {
                        Yaml::Map(fields) if !is_type_spec(items) => {
                            let ident = cx.ident(&item_hint, Case::UpperCamel, &Anchor::key(&iat), "type")?;
                            let fields = MapView { path: iat.clone(), entries: fields };
                            define_struct(cx, &fields, &iat, ident, StructRole::Nested, String::new(), &item_hint)?
                        }
                        _ => resolve(cx, items, &iat, &item_hint)?,
                    };
                    Some(TypeRef::List(Box::new(item)))
                }
                "object" => {
                    if let Some(props) = spec.get("properties") {
                        let mut pat = at.to_vec();
                        pat.push(Seg::key("properties"));
                        let Yaml::Map(fields) = props else {
                            cx.error(
                                "E0101",
                                Anchor::value(&pat),
                                format!("`properties` must map field names to types, found {}", props.kind()),
                            )
                            .label("expected a mapping");
                            return None;
                        };
                        let ident = cx.ident(hint, Case::UpperCamel, &Anchor::key(at), "type")?;
                        // Fields are found, and reported, where they are: under `properties`.
                        let fields = MapView { path: pat, entries: fields };
                        return define_struct(cx, &fields, at, ident, StructRole::Nested, String::new(), hint);
                    }
                    if let Some(values) = spec.get("additionalProperties") {
                        let mut vat = at.to_vec();
                        vat.push(Seg::key("additionalProperties"));
                        return Some(TypeRef::Map(Box::new(resolve(cx, values, &vat, &format!("{hint}_value"))?)));
                    }
                    Some(TypeRef::Object)
                }
                other => type_name(cx, other, &tat, hint),
            }
        }
        Yaml::Map(fields) => {
            let ident = cx.ident(hint, Case::UpperCamel, &Anchor::key(at), "type")?;
            let fields = MapView { path: at.to_vec(), entries: fields };
            define_struct(cx, &fields, at, ident, StructRole::Nested, String::new(), hint)
        }
        other => {
            cx.error(
                "E0160",
                Anchor::value(at),
                format!("expected a type name or a mapping of fields, found {}", other.kind()),
            )
            .label("not a type")
            .help(format!("type names are {}", TYPE_NAMES.join(", ")));
            None
        }
    }
}

fn type_name(cx: &mut Checker, name: &str, at: &[Seg], hint: &str) -> Option<TypeRef> {
    let at_value = Anchor::value(at);
    Some(match name.trim() {
        "string" => TypeRef::String,
        "integer" => TypeRef::Integer,
        "float" | "number" => TypeRef::Float,
        "boolean" => TypeRef::Bool,
        "timestamp" | "datetime" => TypeRef::Timestamp,
        "object" => TypeRef::Object,
        "array" => {
            cx.error("E0161", at_value, "an array type needs `items`")
                .label("array without items")
                .help("write `{type: \"array\", items: \"string\"}`");
            return None;
        }
        t if t.starts_with("enum[") => return inline_enum(cx, t, at, hint),
        t if cx.models.iter().any(|m| m.name == t) => {
            return cx.models.iter().find(|m| m.name == t).map(|m| m.ty.clone());
        }
        t => {
            let near = suggest::closest(t, TYPE_NAMES.iter().copied());
            let d =
                cx.error("E0160", at_value, format!("unknown type `{}`", t.escape_debug())).label("unknown type name");
            match near {
                Some(near) => d.help(format!("did you mean `{near}`?")),
                None => d.help(format!(
                    "type names are {}, `enum[A,B]`, and the mixin's output models",
                    TYPE_NAMES.join(", ")
                )),
            };
            return None;
        }
    })
}

fn inline_enum(cx: &mut Checker, text: &str, at: &[Seg], hint: &str) -> Option<TypeRef> {
    let at_value = Anchor::value(at);
    let Some(inner) = text.strip_prefix("enum[").and_then(|t| t.strip_suffix(']')) else {
        cx.error("E0240", at_value, format!("malformed inline enum `{}`", text.escape_debug()))
            .label("expected `enum[A,B,C]`")
            .help("close the list with `]`");
        return None;
    };
    let wires: Vec<String> = inner.split(',').map(|v| v.trim().to_string()).collect();
    define_enum(cx, wires, at, hint)
}

/// The enum of these values (shared with an identical one defined before), named after `hint`;
/// problems are reported at the value at `at`.
pub(super) fn define_enum(cx: &mut Checker, wires: Vec<String>, at: &[Seg], hint: &str) -> Option<TypeRef> {
    let at_value = Anchor::value(at);
    let key = format!("{wires:?}");
    if let Some(ident) = cx.enums.get(&key) {
        return Some(TypeRef::Named(ident.clone()));
    }
    let mut variants: Vec<Variant> = Vec::new();
    for wire in &wires {
        let ident = cx.ident(wire, Case::UpperCamel, &at_value, "enum value")?;
        if let Some(prev) = variants.iter().find(|v| v.ident == ident) {
            cx.error(
                "E0240",
                at_value,
                format!("enum values `{}` and `{wire}` would both become the variant `{ident}`", prev.wire),
            )
            .label("repeated enum value");
            return None;
        }
        variants.push(Variant { wire: wire.clone(), ident });
    }
    let ident = cx.ident(hint, Case::UpperCamel, &at_value, "type")?;
    if !cx.claim(&ident, false, &at_value, format!("the enum for `{hint}`")) {
        return None;
    }
    cx.enums.insert(key, ident.clone());
    let doc = format!("One of `{}`.", wires.join("`, `"));
    cx.define(TypeDef::Enum(EnumDef { name: ident.clone(), doc, variants }));
    Some(TypeRef::Named(ident))
}
