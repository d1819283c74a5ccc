//! Bounds of configuration fields (field specs) in generated code: `validate()` and an
//! implementation of the shared `Checked` trait on every config struct that has bounds or holds
//! one that does. Each bound is one call into the shared helpers of the root file; with serde, a
//! config section's struct runs the same check once it is deserialized (`checked`).

use super::ast;
use super::data::Cx;
use super::ident;
use crate::each;
use crate::model::{Bound, Check, StructDef, TypeDef, TypeRef};
use std::collections::{HashMap, HashSet};
use syn::{Expr, Type};

/// The structs of a mixin that have bounds, directly or in a struct they hold, with the path of
/// each from its config section (`retry` for the struct of `my_config.retry`), for messages.
pub struct Bounded {
    paths: HashMap<String, String>,
    checked: HashSet<String>,
}

impl Bounded {
    pub fn of(cx: &Cx) -> Bounded {
        let structs: Vec<&StructDef> = cx
            .mixin
            .types
            .iter()
            .filter_map(|d| match d {
                TypeDef::Struct(s) if !s.role.is_static() => Some(s),
                _ => None,
            })
            .collect();
        let mut checked: HashSet<String> = structs
            .iter()
            .filter(|s| s.fields.iter().any(|f| !f.checks.is_empty()))
            .map(|s| s.name.name.clone())
            .collect();
        if checked.is_empty() {
            return Bounded { paths: HashMap::new(), checked };
        }
        // Structs holding checked ones are checked too, up to a fixed point.
        loop {
            let before = checked.len();
            for s in &structs {
                if !checked.contains(&s.name.name) && s.fields.iter().any(|f| holds(cx, &f.ty, &checked).is_some()) {
                    checked.insert(s.name.name.clone());
                }
            }
            if checked.len() == before {
                break;
            }
        }
        let mut paths = HashMap::new();
        for section in &cx.mixin.configs {
            if let Some(name) = holds(cx, &section.ty, &checked) {
                walk(cx, &structs, &name, String::new(), &checked, &mut paths);
            }
        }
        Bounded { paths, checked }
    }

    /// Whether deserializing `s` checks its bounds: a configuration section's struct does, for
    /// every bound in it at once, each named by its path from the section.
    pub fn checks_when_read(&self, s: &StructDef) -> bool {
        self.checked.contains(&s.name.name) && self.paths.get(&s.name.name).is_some_and(String::is_empty)
    }

    /// `impl X { pub fn validate(&self) -> .. }` and `impl super::Checked for X`, for a struct
    /// with bounds or holding one.
    pub fn impls(&self, cx: &Cx, s: &StructDef) -> Vec<syn::Item> {
        if !self.checked.contains(&s.name.name) {
            return Vec::new();
        }
        let sup = |segments: &[&str]| {
            let mut all = vec!["super"];
            all.extend_from_slice(segments);
            ast::path(false, &all)
        };
        let self_ty = ast::ty(ast::ident_path(ident(&s.name)));
        let doc = " Checks every bound of the contract's field specs (here and in the structs it holds),\n and returns every value that breaks one, not only the first. Deserializing checks them\n too; this is for values built or changed in code.";
        let attrs = doc.lines().map(ast::doc_attr).collect();
        let unit = ast::tuple_type(Vec::new());
        let validate = syn::ImplItem::Fn(syn::ImplItemFn {
            attrs,
            vis: syn::Visibility::Public(Default::default()),
            modifiers: Default::default(),
            sig: ast::signature(
                ast::ident("validate"),
                vec![ast::receiver(true)],
                ast::ty(ast::generic(cx.std().result.clone(), vec![unit, ast::ty(sup(&["ConfigError"]))])),
            ),
            block: ast::block(vec![syn::Stmt::Expr(
                ast::call(sup(&["Checked", "validate"]), vec![path_expr("self")]),
                None,
            )]),
        });
        let inherent = vec![validate];
        let mut stmts = Vec::new();
        for f in &s.fields {
            let value = ast::ref_expr(field_expr(&f.ident));
            let wire = ast::str_lit(&f.wire);
            let (own, items) = split(&f.checks);
            if !own.is_empty() {
                let args = vec![path_expr("out"), path_expr("path"), wire.clone(), value.clone(), bound_array(&own)];
                stmts.push(statement(ast::call(sup(&["check_bounds"]), args)));
            }
            if !items.is_empty() {
                let args = vec![path_expr("out"), path_expr("path"), wire.clone(), value.clone(), bound_array(&items)];
                stmts.push(statement(ast::call(sup(&["check_item_bounds"]), args)));
            }
            if holds(cx, &f.ty, &self.checked).is_some() {
                let at = ast::ref_expr(ast::call(sup(&["field_path"]), vec![path_expr("path"), wire]));
                let args = vec![value, at, path_expr("out")];
                stmts.push(statement(ast::call(sup(&["Checked", "collect_violations"]), args)));
            }
        }
        let violations = ast::ty(ast::generic(cx.std().vec.clone(), vec![ast::ty(sup(&["Violation"]))]));
        let collect = syn::ImplItem::Fn(syn::ImplItemFn {
            attrs: Vec::new(),
            vis: syn::Visibility::Inherited,
            modifiers: Default::default(),
            sig: syn::Signature {
                output: syn::ReturnType::Default,
                ..ast::signature(
                    ast::ident("collect_violations"),
                    vec![
                        ast::receiver(true),
                        ast::argument("path", ast::reference(ast::ty(ast::path(false, &["str"])))),
                        ast::argument("out", mut_reference(violations)),
                    ],
                    ast::tuple_type(Vec::new()),
                )
            },
            block: ast::block(stmts),
        });
        vec![
            ast::impl_block(None, self_ty.clone(), inherent),
            ast::impl_block(Some(sup(&["Checked"])), self_ty, vec![collect]),
        ]
    }
}

/// The checked struct a type holds (through options, lists, maps and aliases), if any.
fn holds(cx: &Cx, ty: &TypeRef, checked: &HashSet<String>) -> Option<String> {
    match ty {
        TypeRef::Named(n) if checked.contains(&n.name) => Some(n.name.clone()),
        TypeRef::Named(n) => match cx.mixin.types.iter().find(|d| d.name() == n) {
            Some(TypeDef::Alias(a)) => holds(cx, &a.target, checked),
            _ => None,
        },
        TypeRef::Optional(inner) | TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::NodeMap(inner) => {
            holds(cx, inner, checked)
        }
        _ => None,
    }
}

/// Records the path of each checked struct under `name` (the first path that reaches it).
fn walk(
    cx: &Cx,
    structs: &[&StructDef],
    name: &str,
    path: String,
    checked: &HashSet<String>,
    paths: &mut HashMap<String, String>,
) {
    if paths.contains_key(name) {
        return;
    }
    paths.insert(name.to_string(), path.clone());
    let Some(s) = structs.iter().find(|s| s.name.name == name) else { return };
    for f in &s.fields {
        if let Some(inner) = holds(cx, &f.ty, checked) {
            let suffix = if matches!(f.ty, TypeRef::List(_)) { "[]" } else { "" };
            let here = if path.is_empty() { f.wire.clone() } else { format!("{path}.{}", f.wire) };
            walk(cx, structs, &inner, format!("{here}{suffix}"), checked, paths);
        }
    }
}

/// A field's own bounds and those of its items.
fn split(checks: &[Check]) -> (Vec<Bound>, Vec<Bound>) {
    let own = checks.iter().filter(|c| !c.each_item).map(|c| c.bound).collect();
    let items = checks.iter().filter(|c| c.each_item).map(|c| c.bound).collect();
    (own, items)
}

/// `&[super::Bound::Minimum(1.0), ...]`
fn bound_array(bounds: &[Bound]) -> Expr {
    let bound = ast::path(false, &["super", "Bound"]);
    let items = each::map(bounds, &mut |b| {
        let (variant, arg) = match *b {
            Bound::Minimum(n) => ("Minimum", ast::float_lit(n)),
            Bound::ExclusiveMinimum(n) => ("ExclusiveMinimum", ast::float_lit(n)),
            Bound::Maximum(n) => ("Maximum", ast::float_lit(n)),
            Bound::ExclusiveMaximum(n) => ("ExclusiveMaximum", ast::float_lit(n)),
            Bound::MinLength(n) => ("MinLength", ast::uint_lit(n)),
            Bound::MaxLength(n) => ("MaxLength", ast::uint_lit(n)),
            Bound::MinItems(n) => ("MinItems", ast::uint_lit(n)),
            Bound::MaxItems(n) => ("MaxItems", ast::uint_lit(n)),
        };
        ast::call(ast::assoc(bound.clone(), variant), vec![arg])
    });
    ast::ref_array(items)
}

fn path_expr(name: &str) -> Expr {
    ast::path_expr(ast::path(false, &[name]))
}

/// `self.field`
fn field_expr(field: &crate::names::Ident) -> Expr {
    Expr::Field(syn::ExprField {
        attrs: Vec::new(),
        base: Box::new(path_expr("self")),
        dot_token: Default::default(),
        member: syn::Member::Named(ident(field)),
    })
}

fn statement(expr: Expr) -> syn::Stmt {
    syn::Stmt::Expr(expr, Some(Default::default()))
}

fn mut_reference(elem: Type) -> Type {
    Type::Reference(syn::TypeReference {
        attrs: Vec::new(),
        and_token: Default::default(),
        lifetime: None,
        mutability: Some(Default::default()),
        elem: Box::new(elem),
    })
}
