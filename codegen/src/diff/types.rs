//! Two resolved types side by side: which fields were added, removed or changed type, down
//! through nested structs, lists, maps and aliases. Compared by wire name, and by Rust name where
//! a type is named: a field whose type becomes another named type changed type in Rust even when
//! the two look alike on the wire.

use crate::model::{TypeDef, TypeRef};
use std::collections::HashSet;

/// One step from a root (an input, an output model, a config section) into its type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum Step {
    Field(String),
    /// Into a list's items.
    Item,
    /// Into a map's values.
    Entry,
}

/// `error_info.details`, `components[].name`: a path as contract authors read it.
pub(super) fn dotted(root: &str, path: &[Step]) -> String {
    let mut out = root.to_string();
    for step in path {
        match step {
            Step::Field(f) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(f);
            }
            Step::Item => out.push_str("[]"),
            Step::Entry => out.push_str("{}"),
        }
    }
    out
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Kind {
    /// The path's last step is the new field. `has_default`: the struct that gained it has a
    /// `Default` (and `#[serde(default)]`), so struct update syntax and partial data still work.
    /// `optional`: the new field's type is optional, so data written without it still reads.
    Added {
        has_default: bool,
        optional: bool,
    },
    Removed,
    Retyped {
        old: String,
        new: String,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct TypeChange {
    pub path: Vec<Step>,
    pub kind: Kind,
}

/// One side's type definitions.
pub(super) struct Types<'a> {
    defs: &'a [TypeDef],
    /// The Rust names of output model types: each is compared once, as a model, not again
    /// wherever a field or an input names it.
    models: HashSet<&'a str>,
}

impl<'a> Types<'a> {
    pub(super) fn new(mixin: &'a crate::model::Mixin) -> Self {
        let models = mixin
            .output_models
            .iter()
            .filter_map(|m| match &m.ty {
                TypeRef::Named(n) => Some(n.name.as_str()),
                _ => None,
            })
            .collect();
        Types { defs: &mixin.types, models }
    }

    fn def(&self, name: &str) -> Option<&'a TypeDef> {
        self.defs.iter().find(|d| d.name().name == name)
    }

    /// A type as the contract would say it.
    pub(super) fn describe(&self, ty: &TypeRef) -> String {
        match ty {
            TypeRef::String => "string".into(),
            TypeRef::Integer => "integer".into(),
            TypeRef::Float => "float".into(),
            TypeRef::Bool => "boolean".into(),
            TypeRef::Timestamp => "timestamp".into(),
            TypeRef::Object => "object".into(),
            TypeRef::Fallback => "untyped (the fallback type)".into(),
            TypeRef::Dynamic => "any value".into(),
            TypeRef::List(item) => format!("list of {}", self.describe(item)),
            TypeRef::Map(value) => format!("map of {}", self.describe(value)),
            TypeRef::NodeMap(value) => format!("map by node type of {}", self.describe(value)),
            TypeRef::Optional(inner) => format!("optional {}", self.describe(inner)),
            TypeRef::Named(n) => match self.def(&n.name) {
                Some(TypeDef::Enum(e)) => {
                    let wires: Vec<&str> = e.variants.iter().map(|v| v.wire.as_str()).collect();
                    format!("enum[{}]", wires.join(","))
                }
                _ => format!("`{}`", n.name),
            },
            TypeRef::Custom(rust) => format!("the Rust type `{rust}` (from `.io_type`)"),
        }
    }
}

/// Every difference between `old` and `new`. `root`: the types being compared are a root (an output
/// model itself), so a named model type is looked into rather than left to its own comparison.
pub(super) fn compare(old: &Types, new: &Types, o: &TypeRef, n: &TypeRef, root: bool) -> Vec<TypeChange> {
    let mut out = Vec::new();
    let mut path = Vec::new();
    walk(old, new, o, n, root, &mut path, &mut out);
    out
}

fn walk(
    old: &Types,
    new: &Types,
    o: &TypeRef,
    n: &TypeRef,
    root: bool,
    path: &mut Vec<Step>,
    out: &mut Vec<TypeChange>,
) {
    let retyped = |out: &mut Vec<TypeChange>, path: &[Step]| {
        out.push(TypeChange { path: path.to_vec(), kind: Kind::Retyped { old: old.describe(o), new: new.describe(n) } })
    };
    match (o, n) {
        (TypeRef::Named(a), TypeRef::Named(b)) => {
            if a.name != b.name {
                return retyped(out, path);
            }
            if !root && old.models.contains(a.name.as_str()) && new.models.contains(b.name.as_str()) {
                return;
            }
            match (old.def(&a.name), new.def(&b.name)) {
                (Some(TypeDef::Struct(sa)), Some(TypeDef::Struct(sb))) => {
                    for f in &sa.fields {
                        path.push(Step::Field(f.wire.clone()));
                        match sb.fields.iter().find(|g| g.wire == f.wire) {
                            Some(g) => walk(old, new, &f.ty, &g.ty, false, path, out),
                            None => out.push(TypeChange { path: path.clone(), kind: Kind::Removed }),
                        }
                        path.pop();
                    }
                    for g in sb.fields.iter().filter(|g| !sa.fields.iter().any(|f| f.wire == g.wire)) {
                        path.push(Step::Field(g.wire.clone()));
                        out.push(TypeChange {
                            path: path.clone(),
                            kind: Kind::Added {
                                has_default: sb.defaults.is_some(),
                                optional: matches!(g.ty, TypeRef::Optional(_)),
                            },
                        });
                        path.pop();
                    }
                }
                (Some(TypeDef::Enum(ea)), Some(TypeDef::Enum(eb))) => {
                    let wires =
                        |e: &crate::model::EnumDef| e.variants.iter().map(|v| v.wire.clone()).collect::<Vec<_>>();
                    if wires(ea) != wires(eb) {
                        retyped(out, path);
                    }
                }
                (Some(TypeDef::Alias(aa)), Some(TypeDef::Alias(ab))) => {
                    walk(old, new, &aa.target, &ab.target, false, path, out);
                }
                _ => retyped(out, path),
            }
        }
        (TypeRef::List(a), TypeRef::List(b)) => {
            path.push(Step::Item);
            walk(old, new, a, b, false, path, out);
            path.pop();
        }
        (TypeRef::Map(a), TypeRef::Map(b)) | (TypeRef::NodeMap(a), TypeRef::NodeMap(b)) => {
            path.push(Step::Entry);
            walk(old, new, a, b, false, path, out);
            path.pop();
        }
        (TypeRef::Optional(a), TypeRef::Optional(b)) => walk(old, new, a, b, false, path, out),
        (a, b) if a == b => {}
        _ => retyped(out, path),
    }
}
