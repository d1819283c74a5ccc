//! The type of an action input or output that the contract gives no type, in README's order:
//! the builder's `.io_type` override, an output model named like it, the output models' field of
//! the same name when they all agree on its type, and last the fallback type.

use super::Checker;
use crate::each;
use crate::model::{OutputModel, Resolution, TypeDef, TypeRef};
use std::collections::HashMap;

/// Every field of the output models (nested structs and list items included), by wire name:
/// `(model, field path inside it, type)`. Built once per mixin.
pub(super) struct ModelFields {
    by_name: HashMap<String, Vec<(String, String, TypeRef)>>,
}

impl ModelFields {
    pub(super) fn of(cx: &Checker, models: &[OutputModel]) -> ModelFields {
        let mut by_name: HashMap<String, Vec<(String, String, TypeRef)>> = HashMap::new();
        for model in models {
            let mut seen = Vec::new();
            walk(cx, &model.ty, "", &mut seen, &mut |path, wire, ty| {
                by_name.entry(wire.to_string()).or_default().push((model.name.clone(), path.to_string(), ty.clone()));
            });
        }
        ModelFields { by_name }
    }

    /// The type every output-model field called `name` has, and where they are; `None` when there
    /// is no such field or two of them disagree.
    fn agreed(&self, name: &str) -> Option<(TypeRef, Vec<(String, String)>)> {
        let fields = self.by_name.get(name)?;
        let (_, _, first) = fields.first()?;
        if fields.iter().any(|(_, _, ty)| ty != first) {
            return None;
        }
        Some((first.clone(), each::map(fields, &mut |(m, p, _)| (m.clone(), p.clone()))))
    }

    /// Whether fields of this name exist but disagree (for the fallback's help).
    pub(super) fn disagree(&self, name: &str) -> bool {
        self.by_name.get(name).is_some_and(|f| f.len() > 1) && self.agreed(name).is_none()
    }
}

/// Calls `found(path, wire, type)` for every field reachable from `ty`, each struct once. An
/// optional field counts as its inner type: whether a model may leave it out says nothing about
/// the action's input or output.
fn walk(cx: &Checker, ty: &TypeRef, prefix: &str, seen: &mut Vec<String>, found: &mut dyn FnMut(&str, &str, &TypeRef)) {
    match ty {
        TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::NodeMap(inner) | TypeRef::Optional(inner) => {
            walk(cx, inner, prefix, seen, found)
        }
        TypeRef::Named(name) => {
            if seen.contains(&name.name) {
                return;
            }
            seen.push(name.name.clone());
            match cx.defs.iter().find(|d| d.name() == name) {
                Some(TypeDef::Struct(s)) => {
                    for f in &s.fields {
                        let path = if prefix.is_empty() { f.wire.clone() } else { format!("{prefix}.{}", f.wire) };
                        let ty = match &f.ty {
                            TypeRef::Optional(inner) => inner,
                            other => other,
                        };
                        found(&path, &f.wire, ty);
                        walk(cx, &f.ty, &path, seen, found);
                    }
                }
                Some(TypeDef::Alias(a)) => walk(cx, &a.target, prefix, seen, found),
                _ => {}
            }
        }
        _ => {}
    }
}

/// The type and how it was decided, for an input or output at `path` (`module.action.name`) that
/// has no explicit type. Records the override it used.
pub(super) fn untyped(
    cx: &Checker,
    path: &str,
    name: &str,
    models: &[OutputModel],
    fields: &ModelFields,
    used: &mut Vec<String>,
) -> (TypeRef, Resolution) {
    if let Some((p, ty)) = cx.options.io_types.iter().find(|(p, _)| p == path) {
        used.push(p.clone());
        return (TypeRef::Custom(ty.clone()), Resolution::Override(p.clone()));
    }
    if let Some(m) = models.iter().find(|m| m.name == name || m.name.strip_suffix("_result") == Some(name)) {
        return (m.ty.clone(), Resolution::OutputModel(m.name.clone()));
    }
    if let Some((ty, at)) = fields.agreed(name) {
        return (ty, Resolution::ModelField(at));
    }
    (TypeRef::Fallback, Resolution::Fallback)
}
