//! Types and contract values (defaults, accessors) as syn nodes.

use super::ast;
use super::docs::doc_attrs;
use super::{ident, EmitOptions};
use crate::model::{Mixin, StructDef, TypeDef, TypeRef, Value};
use quote::quote;
use syn::{Expr, Type};

/// Per-mixin emission context: the user's options and the paths to write.
pub struct Cx<'a> {
    pub mixin: &'a Mixin,
    pub options: &'a EmitOptions,
    timestamp: Type,
    object: Type,
    fallback: Type,
    value: syn::Path,
    /// Made once per mixin and cloned: building a path validates and allocates every ident.
    integer: Type,
    float: Type,
    boolean: Type,
    string: Type,
    pub derive: syn::Attribute,
    /// The same, with `Default`: for structs whose default is every field's own.
    pub derive_default: syn::Attribute,
    /// `"Option::is_none"`, spelt as the mixin's paths are.
    pub is_none: String,
    std: super::Std,
}

impl<'a> Cx<'a> {
    pub fn new(mixin: &'a Mixin, options: &'a EmitOptions, std: super::Std) -> Self {
        let value = ast::path(false, &["super", "Value"]);
        let chosen = |t: &Option<Type>| t.clone().unwrap_or_else(|| ast::ty(value.clone()));
        Cx {
            mixin,
            options,
            // One alias at the root, which `.timestamp_type(..)` sets.
            timestamp: ast::ty(ast::path(false, &["super", "Timestamp"])),
            object: chosen(&options.object_type),
            fallback: chosen(&options.fallback_type),
            value,
            integer: ast::ty(ast::path(false, &["i64"])),
            float: ast::ty(ast::path(false, &["f64"])),
            boolean: ast::ty(ast::path(false, &["bool"])),
            string: ast::ty(std.string.clone()),
            derive: {
                let serde = options.serde.then(|| quote!(::serde::Serialize, ::serde::Deserialize,));
                ast::list_attr("derive", quote!(Debug, Clone, PartialEq, #serde))
            },
            derive_default: {
                let serde = options.serde.then(|| quote!(::serde::Serialize, ::serde::Deserialize,));
                ast::list_attr("derive", quote!(Debug, Clone, PartialEq, Default, #serde))
            },
            is_none: {
                let lead = if std.option.leading_colon.is_some() { "::" } else { "" };
                let segments: Vec<String> = std.option.segments.iter().map(|s| s.ident.to_string()).collect();
                format!("{lead}{}::is_none", segments.join("::"))
            },
            std,
        }
    }

    pub(super) fn std(&self) -> &super::Std {
        &self.std
    }

    pub fn type_of(&self, ty: &TypeRef) -> Type {
        let std = self.std();
        match ty {
            TypeRef::String => self.string.clone(),
            TypeRef::Integer => self.integer.clone(),
            TypeRef::Float => self.float.clone(),
            TypeRef::Bool => self.boolean.clone(),
            TypeRef::Timestamp => self.timestamp.clone(),
            TypeRef::Object => self.object.clone(),
            TypeRef::Fallback => self.fallback.clone(),
            TypeRef::Dynamic => ast::ty(self.value.clone()),
            TypeRef::List(item) => ast::ty(ast::generic(std.vec.clone(), vec![self.type_of(item)])),
            TypeRef::Map(value) => {
                let map = ast::path(true, &["std", "collections", "BTreeMap"]);
                ast::ty(ast::generic(map, vec![ast::ty(std.string.clone()), self.type_of(value)]))
            }
            TypeRef::NodeMap(value) => {
                let map = ast::path(true, &["std", "collections", "BTreeMap"]);
                let key = ast::ty(ast::path(false, &["super", "NodeType"]));
                ast::ty(ast::generic(map, vec![key, self.type_of(value)]))
            }
            TypeRef::Optional(inner) => ast::ty(ast::generic(std.option.clone(), vec![self.type_of(inner)])),
            TypeRef::Named(name) => ast::ty(ast::ident_path(ident(name))),
            // Checked to parse when the option was set.
            TypeRef::Custom(text) => crate::user_syntax::parse_type(text).unwrap_or_else(|_| self.fallback.clone()),
        }
    }

    /// `pub fn storage_backends() -> StorageBackends`: each data section's values.
    pub fn accessors(&self) -> Vec<syn::Item> {
        let mixin = self.mixin;
        mixin
            .configs
            .iter()
            .chain(&mixin.sections)
            .map(|section| {
                let docs = doc_attrs(&format!(
                    "The contract's `{}` section, with the values the contract gives.",
                    section.key
                ));
                let body = self.expr(&section.ty, &section.value);
                ast::accessor(docs, ident(&section.accessor), self.type_of(&section.ty), body)
            })
            .collect()
    }

    pub fn default_impl(&self, s: &StructDef, values: &[Value]) -> syn::Item {
        let fields = s.fields.iter().zip(values).map(|(f, v)| (ident(&f.ident), self.expr(&f.ty, v))).collect();
        let body = ast::struct_expr(ast::path(false, &["Self"]), fields);
        ast::default_impl(self.std().default.clone(), ast::ty(ast::ident_path(ident(&s.name))), body)
    }

    fn find_def(&self, name: &crate::names::Ident) -> Option<&'a TypeDef> {
        self.mixin.types.iter().find(|d| d.name() == name)
    }

    /// A contract value as an expression of type `ty`. Validation inferred `ty` from this same
    /// value, so they agree; anything else falls back to `Default::default()`.
    pub fn expr(&self, ty: &TypeRef, value: &Value) -> Expr {
        let std = self.std();
        let default_call = || ast::call(ast::assoc(std.default.clone(), "default"), Vec::new());
        match (ty, value) {
            // Braced structs never take the value namespace, so `Some`/`None` cannot be shadowed.
            (TypeRef::Optional(_), Value::Null) => ast::path_expr(ast::path(false, &["None"])),
            (TypeRef::Optional(inner), v) => ast::call(ast::path(false, &["Some"]), vec![self.expr(inner, v)]),
            (TypeRef::String, Value::Str(s)) => self.string(s),
            (TypeRef::Integer, Value::Int(i)) => ast::int_lit(*i),
            (TypeRef::Float, Value::Int(i)) => ast::float_lit(*i as f64),
            (TypeRef::Float, Value::Float(f)) => ast::float_lit(*f),
            (TypeRef::Bool, Value::Bool(b)) => ast::bool_lit(*b),
            (TypeRef::Dynamic, v) => self.dynamic(v),
            (TypeRef::List(_), Value::List(items)) if items.is_empty() => {
                ast::call(ast::assoc(std.vec.clone(), "new"), Vec::new())
            }
            (TypeRef::List(item), Value::List(items)) => {
                let items = items.iter().map(|v| self.expr(item, v)).collect();
                ast::call(ast::assoc(std.vec.clone(), "from"), vec![ast::array(items)])
            }
            (TypeRef::Map(_), Value::Map(entries)) if entries.is_empty() => {
                ast::call(ast::path(true, &["std", "collections", "BTreeMap", "new"]), Vec::new())
            }
            (TypeRef::Map(inner), Value::Map(entries)) => {
                let entries =
                    entries.iter().map(|(k, v)| ast::tuple(vec![self.string(k), self.expr(inner, v)])).collect();
                ast::call(ast::path(true, &["std", "collections", "BTreeMap", "from"]), vec![ast::array(entries)])
            }
            (TypeRef::NodeMap(inner), Value::Map(entries)) => {
                // Validation made this type only for keys that are all node types.
                let node_type = ast::path(false, &["super", "NodeType"]);
                let entries = entries
                    .iter()
                    .filter_map(|(k, v)| {
                        let n = crate::model::NodeType::ALL.into_iter().find(|n| n.wire() == k)?;
                        let key = ast::path_expr(ast::assoc(node_type.clone(), n.variant()));
                        Some(ast::tuple(vec![key, self.expr(inner, v)]))
                    })
                    .collect();
                ast::call(ast::path(true, &["std", "collections", "BTreeMap", "from"]), vec![ast::array(entries)])
            }
            (TypeRef::Named(name), v) => match self.find_def(name) {
                Some(TypeDef::Alias(a)) => self.expr(&a.target, v),
                Some(TypeDef::Enum(e)) => {
                    match e.variants.iter().find(|x| matches!(v, Value::Str(s) if *s == x.wire)) {
                        Some(variant) => {
                            let mut path = ast::ident_path(ident(name));
                            path.segments.push(ident(&variant.ident).into());
                            ast::path_expr(path)
                        }
                        None => default_call(),
                    }
                }
                Some(TypeDef::Struct(s)) if s.defaults.is_some() => {
                    let name = ast::ty(ast::ident_path(ident(name)));
                    ast::qualified_call(name, self.std().default.clone(), "default")
                }
                Some(TypeDef::Struct(s)) => {
                    let fields = s
                        .fields
                        .iter()
                        .map(|f| {
                            let fv = match v {
                                Value::Map(entries) => entries.iter().find(|(k, _)| *k == f.wire).map(|(_, v)| v),
                                _ => None,
                            };
                            (ident(&f.ident), self.expr(&f.ty, fv.unwrap_or(&Value::Null)))
                        })
                        .collect();
                    ast::struct_expr(ast::ident_path(ident(name)), fields)
                }
                _ => default_call(),
            },
            _ => default_call(),
        }
    }

    fn string(&self, s: &str) -> Expr {
        ast::call(ast::assoc(self.std().string.clone(), "from"), vec![ast::str_lit(s)])
    }

    fn value_variant(&self, variant: &str, args: Vec<Expr>) -> Expr {
        ast::call(ast::assoc(self.value.clone(), variant), args)
    }

    fn dynamic(&self, v: &Value) -> Expr {
        let std = self.std();
        match v {
            Value::Null => ast::path_expr(ast::assoc(self.value.clone(), "Null")),
            Value::Bool(b) => self.value_variant("Bool", vec![ast::bool_lit(*b)]),
            Value::Int(i) => self.value_variant("Int", vec![ast::int_lit(*i)]),
            Value::Float(f) => self.value_variant("Float", vec![ast::float_lit(*f)]),
            Value::Str(s) => self.value_variant("String", vec![self.string(s)]),
            Value::List(items) if items.is_empty() => {
                self.value_variant("List", vec![ast::call(ast::assoc(std.vec.clone(), "new"), Vec::new())])
            }
            Value::List(items) => {
                let items = items.iter().map(|v| self.dynamic(v)).collect();
                self.value_variant(
                    "List",
                    vec![ast::call(ast::assoc(std.vec.clone(), "from"), vec![ast::array(items)])],
                )
            }
            Value::Map(entries) if entries.is_empty() => self.value_variant(
                "Map",
                vec![ast::call(ast::path(true, &["std", "collections", "BTreeMap", "new"]), Vec::new())],
            ),
            Value::Map(entries) => {
                let entries = entries.iter().map(|(k, v)| ast::tuple(vec![self.string(k), self.dynamic(v)])).collect();
                let map =
                    ast::call(ast::path(true, &["std", "collections", "BTreeMap", "from"]), vec![ast::array(entries)]);
                self.value_variant("Map", vec![map])
            }
        }
    }
}
