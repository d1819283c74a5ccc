//! Types and contract values (defaults, accessors) as syn nodes.

use super::ast;
use super::docs::doc_attrs;
use super::{ident, EmitOptions};
use crate::each;
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
    data_value: syn::Path,
    /// Made once per mixin and cloned: building a path validates and allocates every ident.
    integer: Type,
    float: Type,
    boolean: Type,
    string: Type,
    static_str: Type,
    pub derive: syn::Attribute,
    /// The same, with `Default`: for structs whose default is every field's own.
    pub derive_default: syn::Attribute,
    /// `"Option::is_none"`, spelt as the mixin's paths are.
    pub is_none: String,
    /// The derives of data-section types: plain borrowed data, copied and compared.
    pub static_derive: syn::Attribute,
    /// `super::deserialize_struct`, the root file's macro that implements `Deserialize` for a
    /// struct in a mixin's module (with serde; elsewhere structs derive it).
    pub deserialize_macro: Option<syn::Path>,
    /// `super::string_enum`, the root file's macro for the impls of an enum of names (in a mixin's
    /// module; elsewhere they are written out).
    pub string_enum_macro: Option<syn::Path>,
    std: super::Std,
    /// The path from the module to the root file's shared types: `super` for a mixin's module,
    /// `super::super` for a node's (under `nodes`).
    root: &'static [&'static str],
}

fn shared_path(root: &[&str], name: &str) -> syn::Path {
    let mut segments = root.to_vec();
    segments.push(name);
    ast::path(false, &segments)
}

impl<'a> Cx<'a> {
    pub fn new(mixin: &'a Mixin, options: &'a EmitOptions, std: super::Std) -> Self {
        Self::at(mixin, options, std, &["super"])
    }

    /// A context for a module `root` below the root file (`&["super", "super"]` under `nodes`).
    pub fn at(mixin: &'a Mixin, options: &'a EmitOptions, std: super::Std, root: &'static [&'static str]) -> Self {
        let shared = |name: &str| shared_path(root, name);
        // The macro's expansion names the shared items as `super::..`: only a mixin's module.
        let deserialize_macro = (options.serde && root == ["super"]).then(|| shared("deserialize_struct"));
        let serde_derives = match (options.serde, deserialize_macro.is_some()) {
            (false, _) => None,
            (true, true) => Some(quote!(::serde::Serialize,)),
            (true, false) => Some(quote!(::serde::Serialize, ::serde::Deserialize,)),
        };
        let value = shared("Value");
        let chosen = |t: &Option<Type>| t.clone().unwrap_or_else(|| ast::ty(value.clone()));
        Cx {
            mixin,
            options,
            // One alias at the root, which `.timestamp_type(..)` sets.
            timestamp: ast::ty(shared("Timestamp")),
            object: chosen(&options.object_type),
            fallback: chosen(&options.fallback_type),
            value,
            data_value: shared("DataValue"),
            static_str: ast::static_ref(ast::ty(ast::path(false, &["str"]))),
            integer: ast::ty(ast::path(false, &["i64"])),
            float: ast::ty(ast::path(false, &["f64"])),
            boolean: ast::ty(ast::path(false, &["bool"])),
            string: ast::ty(std.string.clone()),
            derive: ast::list_attr("derive", quote!(Debug, Clone, PartialEq, #serde_derives)),
            derive_default: ast::list_attr("derive", quote!(Debug, Clone, PartialEq, Default, #serde_derives)),
            deserialize_macro,
            string_enum_macro: (root == ["super"]).then(|| shared("string_enum")),
            is_none: {
                let lead = if std.option.leading_colon.is_some() { "::" } else { "" };
                let segments: Vec<String> = std.option.segments.iter().map(|s| s.ident.to_string()).collect();
                format!("{lead}{}::is_none", segments.join("::"))
            },
            static_derive: ast::list_attr("derive", quote!(Debug, Clone, Copy, PartialEq)),
            std,
            root,
        }
    }

    /// A shared type of the root file (`super::NodeType`), from this module.
    pub(crate) fn shared(&self, name: &str) -> syn::Path {
        shared_path(self.root, name)
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
                let key = ast::ty(self.shared("NodeType"));
                ast::ty(ast::generic(map, vec![key, self.type_of(value)]))
            }
            TypeRef::Optional(inner) => ast::ty(ast::generic(std.option.clone(), vec![self.type_of(inner)])),
            TypeRef::Named(name) => ast::ty(ast::ident_path(ident(name))),
            // Checked to parse when the option was set.
            TypeRef::Custom(text) => crate::user_syntax::parse_type(text).unwrap_or_else(|_| self.fallback.clone()),
        }
    }

    /// `pub fn error_handling_config() -> ErrorHandlingConfig`: each config section's values.
    pub fn accessors(&self) -> Vec<syn::Item> {
        each::map(&self.mixin.configs, &mut |section| {
            let docs = doc_attrs(&crate::locate::with_comment(
                (!section.comment.is_empty()).then(|| section.comment.clone()),
                &format!("The contract's `{}` section, with the values the contract gives.", section.key),
            ));
            let body = self.expr(&section.ty, &section.value);
            ast::accessor(docs, ident(&section.accessor), self.type_of(&section.ty), body)
        })
    }

    /// `pub static STORAGE_BACKENDS: StorageBackends = ..`: each data section's values, borrowed
    /// from the program's read-only data, with nothing to allocate or deserialize.
    pub fn statics(&self) -> Vec<syn::Item> {
        each::map(&self.mixin.sections, &mut |section| {
            let docs = doc_attrs(&crate::locate::with_comment(
                (!section.comment.is_empty()).then(|| section.comment.clone()),
                &format!("The contract's `{}` section.", section.key),
            ));
            // A static's own type needs no `'static`: it is the default there (and clippy asks).
            let mut ty = self.static_type_of(&section.ty);
            elide_lifetimes(&mut ty);
            ast::item_static(docs, ident(&section.accessor), ty, self.static_expr(&section.ty, &section.value))
        })
    }

    /// The borrowed form of a type, for data sections: text is `&'static str`, a list
    /// `&'static [T]`, a map `&'static [(&'static str, T)]` in contract order, and a value of no
    /// single type `super::DataValue`.
    pub fn static_type_of(&self, ty: &TypeRef) -> Type {
        match ty {
            TypeRef::String | TypeRef::Timestamp => self.static_str.clone(),
            TypeRef::Integer => self.integer.clone(),
            TypeRef::Float => self.float.clone(),
            TypeRef::Bool => self.boolean.clone(),
            // Data types are inferred from values: a user's type never reaches them.
            TypeRef::Object | TypeRef::Fallback | TypeRef::Dynamic | TypeRef::Custom(_) => {
                ast::ty(self.data_value.clone())
            }
            TypeRef::List(item) => ast::static_ref(ast::slice(self.static_type_of(item))),
            TypeRef::Map(value) => {
                ast::static_ref(ast::slice(ast::tuple_type(vec![self.static_str.clone(), self.static_type_of(value)])))
            }
            TypeRef::NodeMap(value) => ast::static_ref(ast::slice(ast::tuple_type(vec![
                ast::ty(self.shared("NodeType")),
                self.static_type_of(value),
            ]))),
            TypeRef::Optional(inner) => {
                ast::ty(ast::generic(self.std().option.clone(), vec![self.static_type_of(inner)]))
            }
            TypeRef::Named(name) => ast::ty(ast::ident_path(ident(name))),
        }
    }

    /// A contract value as a constant expression of the borrowed type of `ty`. Validation
    /// inferred `ty` from this same value, so they agree; where they could not, the type's
    /// empty value.
    pub fn static_expr(&self, ty: &TypeRef, value: &Value) -> Expr {
        match (ty, value) {
            (TypeRef::Optional(_), Value::Null) => ast::path_expr(ast::path(false, &["None"])),
            (TypeRef::Optional(inner), v) => ast::call(ast::path(false, &["Some"]), vec![self.static_expr(inner, v)]),
            (TypeRef::String | TypeRef::Timestamp, Value::Str(s)) => ast::str_lit(s),
            (TypeRef::Integer, Value::Int(i)) => ast::int_lit(*i),
            (TypeRef::Float, Value::Int(i)) => ast::float_lit(*i as f64),
            (TypeRef::Float, Value::Float(f)) => ast::float_lit(*f),
            (TypeRef::Bool, Value::Bool(b)) => ast::bool_lit(*b),
            (TypeRef::Object | TypeRef::Fallback | TypeRef::Dynamic | TypeRef::Custom(_), v) => self.data_value(v),
            (TypeRef::List(item), Value::List(items)) => {
                ast::ref_array(each::map(items, &mut |v| self.static_expr(item, v)))
            }
            (TypeRef::Map(inner), Value::Map(entries)) => ast::ref_array(each::map(entries, &mut |(k, v)| {
                ast::tuple(vec![ast::str_lit(k), self.static_expr(inner, v)])
            })),
            (TypeRef::NodeMap(inner), Value::Map(entries)) => {
                ast::ref_array(self.node_entries(entries, &|v| self.static_expr(inner, v)))
            }
            (TypeRef::Named(name), v) => match self.find_def(name) {
                Some(TypeDef::Alias(a)) => self.static_expr(&a.target, v),
                Some(TypeDef::Struct(s)) => {
                    let entries = match v {
                        Value::Map(entries) => entries.as_slice(),
                        _ => &[],
                    };
                    let fields = each::map(&s.fields, &mut |f| {
                        let fv = entries.iter().find(|(k, _)| *k == f.wire).map_or(&Value::Null, |(_, v)| v);
                        (ident(&f.ident), self.static_expr(&f.ty, fv))
                    });
                    ast::struct_expr(ast::ident_path(ident(name)), fields)
                }
                // Data sections define no enums.
                _ => ast::path_expr(ast::assoc(self.data_value.clone(), "Null")),
            },
            (TypeRef::String | TypeRef::Timestamp, _) => ast::str_lit(""),
            (TypeRef::Integer, _) => ast::int_lit(0),
            (TypeRef::Float, _) => ast::float_lit(0.0),
            (TypeRef::Bool, _) => ast::bool_lit(false),
            (TypeRef::List(_) | TypeRef::Map(_) | TypeRef::NodeMap(_), _) => ast::ref_array(Vec::new()),
        }
    }

    /// `(NodeType::Compute, value)` for each entry of a map keyed by node types.
    fn node_entries(&self, entries: &[(String, Value)], value: &dyn Fn(&Value) -> Expr) -> Vec<Expr> {
        // Validation made this type only for keys that are all node types.
        let node_type = self.shared("NodeType");
        entries
            .iter()
            .filter_map(|(k, v)| {
                let n = crate::model::NodeType::ALL.into_iter().find(|n| n.wire() == k)?;
                let key = ast::path_expr(ast::assoc(node_type.clone(), n.variant()));
                Some(ast::tuple(vec![key, value(v)]))
            })
            .collect()
    }

    /// `super::DataValue::Int(5)`, `super::DataValue::List(&[..])`, ...
    fn data_value(&self, v: &Value) -> Expr {
        let variant = |name: &str, args: Vec<Expr>| ast::call(ast::assoc(self.data_value.clone(), name), args);
        match v {
            Value::Null => ast::path_expr(ast::assoc(self.data_value.clone(), "Null")),
            Value::Bool(b) => variant("Bool", vec![ast::bool_lit(*b)]),
            Value::Int(i) => variant("Int", vec![ast::int_lit(*i)]),
            Value::Float(f) => variant("Float", vec![ast::float_lit(*f)]),
            Value::Str(s) => variant("String", vec![ast::str_lit(s)]),
            Value::List(items) => variant("List", vec![ast::ref_array(each::map(items, &mut |v| self.data_value(v)))]),
            Value::Map(entries) => variant(
                "Map",
                vec![ast::ref_array(each::map(entries, &mut |(k, v)| {
                    ast::tuple(vec![ast::str_lit(k), self.data_value(v)])
                }))],
            ),
        }
    }

    /// The derives of a struct whose `Deserialize` is serde's too (a `#[serde(..)]` from
    /// `type_attribute` must reach it), with `Default` or not.
    pub fn derive_both_serde(&self, with_default: bool) -> syn::Attribute {
        let default = with_default.then(|| quote!(Default,));
        ast::list_attr("derive", quote!(Debug, Clone, PartialEq, #default ::serde::Serialize, ::serde::Deserialize))
    }

    /// Whether `Default` is derived: no contract values, or each the field type's own default (a
    /// written-out impl would be clippy's `derivable_impls`).
    pub fn derives_default(&self, s: &StructDef) -> bool {
        s.defaults.as_ref().is_none_or(|values| s.fields.iter().zip(values).all(|(f, v)| self.is_own_default(&f.ty, v)))
    }

    /// Whether [`Cx::expr`] of `value` is what `Default::default()` gives for `ty`.
    fn is_own_default(&self, ty: &TypeRef, value: &Value) -> bool {
        match (ty, value) {
            (TypeRef::Optional(_), Value::Null)
            | (TypeRef::Integer, Value::Int(0))
            | (TypeRef::Bool, Value::Bool(false)) => true,
            (TypeRef::Float, Value::Int(0)) => true,
            (TypeRef::Float, Value::Float(f)) => *f == 0.0 && f.is_sign_positive(),
            (TypeRef::String, Value::Str(s)) => s.is_empty(),
            (TypeRef::List(_), Value::List(items)) => items.is_empty(),
            (TypeRef::Map(_) | TypeRef::NodeMap(_), Value::Map(entries)) => entries.is_empty(),
            (TypeRef::Named(name), v) => match self.find_def(name) {
                Some(TypeDef::Alias(a)) => self.is_own_default(&a.target, v),
                Some(TypeDef::Enum(_)) => false,
                Some(TypeDef::Struct(s)) if s.defaults.is_some() => true,
                Some(TypeDef::Struct(_)) => false,
                None => true,
            },
            _ => false,
        }
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
                let items = each::map(items, &mut |v| self.expr(item, v));
                ast::call(ast::assoc(std.vec.clone(), "from"), vec![ast::array(items)])
            }
            (TypeRef::Map(_), Value::Map(entries)) if entries.is_empty() => {
                ast::call(ast::path(true, &["std", "collections", "BTreeMap", "new"]), Vec::new())
            }
            (TypeRef::Map(inner), Value::Map(entries)) => {
                let entries = each::map(entries, &mut |(k, v)| ast::tuple(vec![self.string(k), self.expr(inner, v)]));
                ast::call(ast::path(true, &["std", "collections", "BTreeMap", "from"]), vec![ast::array(entries)])
            }
            (TypeRef::NodeMap(inner), Value::Map(entries)) => {
                let entries = self.node_entries(entries, &|v| self.expr(inner, v));
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
                    let fields = each::map(&s.fields, &mut |f| {
                        let fv = match v {
                            Value::Map(entries) => entries.iter().find(|(k, _)| *k == f.wire).map(|(_, v)| v),
                            _ => None,
                        };
                        (ident(&f.ident), self.expr(&f.ty, fv.unwrap_or(&Value::Null)))
                    });
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
                let items = each::map(items, &mut |v| self.dynamic(v));
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
                let entries = each::map(entries, &mut |(k, v)| ast::tuple(vec![self.string(k), self.dynamic(v)]));
                let map =
                    ast::call(ast::path(true, &["std", "collections", "BTreeMap", "from"]), vec![ast::array(entries)]);
                self.value_variant("Map", vec![map])
            }
        }
    }
}

/// `&'static [(&'static str, T)]` as `&[(&str, T)]`, for the type of a static.
fn elide_lifetimes(ty: &mut Type) {
    match ty {
        Type::Reference(r) => {
            r.lifetime = None;
            elide_lifetimes(&mut r.elem);
        }
        Type::Slice(s) => elide_lifetimes(&mut s.elem),
        Type::Tuple(t) => t.elems.iter_mut().for_each(elide_lifetimes),
        Type::Path(p) => {
            for segment in &mut p.path.segments {
                if let syn::PathArguments::AngleBracketed(args) = &mut segment.arguments {
                    for arg in &mut args.args {
                        if let syn::GenericArgument::Type(t) = arg {
                            elide_lifetimes(t);
                        }
                    }
                }
            }
        }
        _ => {}
    }
}
