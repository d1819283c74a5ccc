//! Constants describing the mixin, and its type definitions.

use super::ast;
use super::data::Cx;
use super::docs::doc_attrs;
use super::ident;
use crate::model::{DependencyKind, MetricKind, Mixin, StructDef, StructRole, TypeDef, TypeRef};
use quote::quote;

pub fn constants(mixin: &Mixin) -> Vec<syn::Item> {
    let sup = |segments: &[&str]| {
        let mut all = vec!["super"];
        all.extend_from_slice(segments);
        ast::path(false, &all)
    };
    let strs = |items: &mut dyn Iterator<Item = &String>| ast::ref_array(items.map(|s| ast::str_lit(s)).collect());
    // Each table row repeats the same paths and field names: made once here, cloned per row.
    let id = |name: &str| proc_macro2::Ident::new(name, proc_macro2::Span::call_site());
    let field = |name: &proc_macro2::Ident, expr| (name.clone(), expr);
    let [name, description, required, timeout, inputs, outputs, kind, labels, buckets, optional] =
        ["name", "description", "required", "timeout", "inputs", "outputs", "kind", "labels", "buckets", "optional"]
            .map(id);
    let version = super::version(sup(&["Version"]), &mixin.version);
    let node_type = sup(&["NodeType"]);
    let nodes = ast::ref_array(
        mixin.node_types.iter().map(|n| ast::path_expr(ast::assoc(node_type.clone(), n.variant()))).collect(),
    );
    let (action_spec, from_millis) =
        (sup(&["ActionSpec"]), ast::path(true, &["core", "time", "Duration", "from_millis"]));
    let actions = ast::ref_array(
        mixin
            .actions
            .iter()
            .map(|a| {
                let time = ast::call(from_millis.clone(), vec![ast::uint_lit(a.timeout_ms)]);
                ast::struct_expr(
                    action_spec.clone(),
                    vec![
                        field(&name, ast::str_lit(&a.name)),
                        field(&description, ast::str_lit(&a.description)),
                        field(&required, ast::bool_lit(a.required)),
                        field(&timeout, time),
                        field(&inputs, strs(&mut a.inputs.iter().map(|p| &p.name))),
                        field(&outputs, strs(&mut a.outputs.iter().map(|p| &p.name))),
                    ],
                )
            })
            .collect(),
    );
    let (metric_spec, metric_kind) = (sup(&["MetricSpec"]), sup(&["MetricKind"]));
    let metrics = ast::ref_array(
        mixin
            .metrics
            .iter()
            .map(|m| {
                let variant = match m.kind {
                    MetricKind::Counter => "Counter",
                    MetricKind::Gauge => "Gauge",
                    MetricKind::Histogram => "Histogram",
                };
                ast::struct_expr(
                    metric_spec.clone(),
                    vec![
                        field(&name, ast::str_lit(&m.name)),
                        field(&kind, ast::path_expr(ast::assoc(metric_kind.clone(), variant))),
                        field(&description, ast::str_lit(&m.description)),
                        field(&labels, strs(&mut m.labels.iter())),
                        field(&buckets, ast::ref_array(m.buckets.iter().map(|b| ast::float_lit(*b)).collect())),
                    ],
                )
            })
            .collect(),
    );
    let (dependency_spec, dependency_kind) = (sup(&["DependencySpec"]), sup(&["DependencyKind"]));
    let deps = |list: &[crate::model::Dependency]| {
        ast::ref_array(
            list.iter()
                .map(|d| {
                    let variant = match d.kind {
                        DependencyKind::Capability => "Capability",
                        DependencyKind::Protocol => "Protocol",
                        DependencyKind::Service => "Service",
                        DependencyKind::Resource => "Resource",
                    };
                    ast::struct_expr(
                        dependency_spec.clone(),
                        vec![
                            field(&name, ast::str_lit(&d.name)),
                            field(&kind, ast::path_expr(ast::assoc(dependency_kind.clone(), variant))),
                            field(&description, ast::str_lit(&d.description)),
                            field(&optional, ast::bool_lit(d.optional)),
                        ],
                    )
                })
                .collect(),
        )
    };
    let str_ty = || ast::reference(ast::ty(ast::path(false, &["str"])));
    let table = |name: &str| ast::reference(ast::slice(ast::ty(sup(&[name]))));
    let own = |name: &str| ast::path_expr(ast::path(false, &[name]));
    let spec = ast::struct_expr(
        sup(&["MixinSpec"]),
        vec![
            (name.clone(), own("NAME")),
            (id("module"), ast::str_lit(&mixin.module.name)),
            (id("version"), own("VERSION")),
            (description.clone(), own("DESCRIPTION")),
            (id("applicable_node_types"), own("APPLICABLE_NODE_TYPES")),
            (id("actions"), own("ACTIONS")),
            (id("metrics"), own("METRICS")),
            (id("dependencies"), own("DEPENDENCIES")),
            (id("required_dependencies"), own("REQUIRED_DEPENDENCIES")),
        ],
    );
    vec![
        ast::item_const(" The contract's `mixin_name`.", "NAME", str_ty(), ast::str_lit(&mixin.name)),
        ast::item_const(" The contract's `mixin_version`.", "VERSION", ast::ty(sup(&["Version"])), version),
        ast::item_const(" The contract's `description`.", "DESCRIPTION", str_ty(), ast::str_lit(&mixin.description)),
        ast::item_const(" The node types this mixin applies to.", "APPLICABLE_NODE_TYPES", table("NodeType"), nodes),
        ast::item_const(" Every action, in contract order.", "ACTIONS", table("ActionSpec"), actions),
        ast::item_const(" The metrics this mixin collects.", "METRICS", table("MetricSpec"), metrics),
        ast::item_const(
            " What this mixin provides (`dependencies`).",
            "DEPENDENCIES",
            table("DependencySpec"),
            deps(&mixin.provides),
        ),
        ast::item_const(
            " What this mixin needs (`requires_dependencies`).",
            "REQUIRED_DEPENDENCIES",
            table("DependencySpec"),
            deps(&mixin.requires),
        ),
        ast::item_const(" Everything above, in one value.", "MIXIN", ast::ty(sup(&["MixinSpec"])), spec),
    ]
}

/// Where a type goes in the file, in reading order: what a node configures, what its actions
/// take and give, the models they use, enums, then the contract's data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    Config,
    Actions,
    Models,
    Enums,
    Data,
}

/// The part of each of `mixin.types`. A nested struct is defined before the struct holding it
/// (validation makes the inner type first), so it goes with the next struct that is not nested.
fn parts(mixin: &crate::model::Mixin) -> Vec<Part> {
    let own = |def: &TypeDef| -> Option<Part> {
        Some(match def {
            TypeDef::Enum(_) => Part::Enums,
            TypeDef::Struct(s) => match s.role {
                StructRole::Config => Part::Config,
                StructRole::ActionInput | StructRole::ActionOutput => Part::Actions,
                StructRole::OutputModel => Part::Models,
                StructRole::Section | StructRole::Data => Part::Data,
                StructRole::Nested => return None,
            },
            TypeDef::Alias(a) if a.is_static => Part::Data,
            TypeDef::Alias(a) => {
                let named = |ty: &TypeRef| matches!(ty, TypeRef::Named(n) if *n == a.name);
                if a.name.name == crate::model::CONFIGURATION || mixin.configs.iter().any(|c| named(&c.ty)) {
                    Part::Config
                } else {
                    Part::Models
                }
            }
        })
    };
    let mut parts: Vec<Option<Part>> = mixin.types.iter().map(own).collect();
    let mut next = Part::Models;
    for part in parts.iter_mut().rev() {
        match part {
            Some(p) => next = *p,
            None => *part = Some(next),
        }
    }
    parts.into_iter().map(|p| p.unwrap_or(Part::Models)).collect()
}

/// The order to define `types` in: a struct before the nested structs it holds, each of them
/// before its own, in field order, as a reader meets them. Validation makes inner types first.
fn reading_order(types: &[TypeDef]) -> Vec<usize> {
    let nested = |def: &TypeDef| matches!(def, TypeDef::Struct(s) if s.role == StructRole::Nested);
    let mut order = Vec::with_capacity(types.len());
    // Nested structs since the last struct that is not nested: the ones it holds.
    let mut held = Vec::new();
    for (i, def) in types.iter().enumerate() {
        if nested(def) {
            held.push(i);
        } else if matches!(def, TypeDef::Enum(_)) {
            order.push(i);
        } else {
            let mut placed = vec![false; held.len()];
            outer_first(types, i, &held, &mut placed, &mut order);
            order.extend(held.iter().zip(&placed).filter(|(_, placed)| !**placed).map(|(j, _)| *j));
            held.clear();
        }
    }
    order.extend(held);
    order
}

fn outer_first(types: &[TypeDef], i: usize, held: &[usize], placed: &mut [bool], order: &mut Vec<usize>) {
    order.push(i);
    let TypeDef::Struct(s) = &types[i] else { return };
    for field in &s.fields {
        let mut ty = &field.ty;
        while let TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::NodeMap(inner) | TypeRef::Optional(inner) = ty {
            ty = inner;
        }
        let TypeRef::Named(name) = ty else { continue };
        let found = held.iter().position(|&j| types[j].name() == name);
        if let Some(k) = found.filter(|&k| !placed[k]) {
            placed[k] = true;
            outer_first(types, held[k], held, placed, order);
        }
    }
}

/// Every generated type of the mixin with its impls, by part, each part in reading order.
pub fn type_defs(cx: &Cx) -> Vec<(Part, syn::Item)> {
    let (mixin, options) = (cx.mixin, cx.options);
    let mut tagged = Vec::new();
    let bounded = super::bounds::Bounded::of(cx);
    let mut out = Vec::new();
    let parts = parts(mixin);
    for i in reading_order(&mixin.types) {
        let (def, part) = (&mixin.types[i], parts[i]);
        let start = out.len();
        let path = format!("{}.{}", mixin.module.name, def.name().name);
        let extra: Vec<syn::Attribute> = options
            .type_attributes
            .iter()
            .filter(|(pattern, _)| pattern == "." || path.starts_with(pattern.as_str()))
            .flat_map(|(_, attrs)| attrs.iter().cloned())
            .collect();
        match def {
            TypeDef::Struct(s) => {
                let serde = Serde::of(cx, s, &extra, &bounded);
                out.push(structure(cx, s, &extra, serde));
                // A static's values are written out where it is defined: no `Default`.
                if let Some(values) = s.defaults.as_ref().filter(|_| !s.role.is_static() && !cx.derives_default(s)) {
                    out.push(cx.default_impl(s, values));
                }
                match serde {
                    Serde::Macro if !s.role.is_static() => out.extend(deserialize_impl(cx, s, &bounded)),
                    Serde::DerivedChecked => out.push(checked_serde_impls(s)),
                    _ => {}
                }
                out.extend(bounded.impls(cx, s));
            }
            TypeDef::Enum(e) => {
                // An enum's serde impls are its contract text: a `#[serde(..)]` meant for the
                // structs a path also matches has nothing to change here.
                let extra: Vec<syn::Attribute> = extra.into_iter().filter(|a| !a.path().is_ident("serde")).collect();
                out.extend(super::enums::enumeration(cx, e, &extra))
            }
            TypeDef::Alias(a) => out.push(syn::Item::Type(syn::ItemType {
                attrs: doc_attrs(&a.doc),
                vis: syn::Visibility::Public(Default::default()),
                modifiers: Default::default(),
                type_token: Default::default(),
                ident: ident(&a.name),
                generics: Default::default(),
                eq_token: Default::default(),
                ty: Box::new(if a.is_static { cx.static_type_of(&a.target) } else { cx.type_of(&a.target) }),
                semi_token: Default::default(),
                where_clause_placement: syn::WhereClausePlacement::Late,
            })),
        }
        tagged.extend(out.drain(start..).map(|item| (part, item)));
    }
    tagged.sort_by_key(|(part, _)| *part);
    tagged
}

/// How a struct gets its serde impls.
#[derive(Clone, Copy, PartialEq)]
enum Serde {
    /// None (`.serde(false)`, a data section), or derived as the context's derives say.
    AsContext,
    /// `Serialize` derived, `Deserialize` by the root file's `deserialize_struct!`.
    Macro,
    /// Both derived: a `#[serde(..)]` from `type_attribute` must reach `Deserialize` too.
    Derived,
    /// Both derived as inherent functions (`remote = "Self"`), and the traits written out to call
    /// them, so that deserializing still checks the bounds.
    DerivedChecked,
}

impl Serde {
    fn of(cx: &Cx, s: &StructDef, extra: &[syn::Attribute], bounded: &super::bounds::Bounded) -> Self {
        if cx.deserialize_macro.is_none() || s.role.is_static() {
            return Serde::AsContext;
        }
        if !extra.iter().any(|a| a.path().is_ident("serde")) {
            return Serde::Macro;
        }
        if bounded.checks_when_read(s) {
            Serde::DerivedChecked
        } else {
            Serde::Derived
        }
    }
}

/// `super::checked_serde! { Name }`: `impl Serialize` and `impl Deserialize` calling the inherent
/// functions that `#[serde(remote = "Self")]` derives; deserializing then checks the bounds.
fn checked_serde_impls(s: &StructDef) -> syn::Item {
    let name = ident(&s.name);
    ast::brace_macro(ast::path(false, &["super", "checked_serde"]), quote!(#name))
}

/// The struct. With the root file's `deserialize_struct!`, what serde's container and field
/// attributes would say for `Deserialize` goes to [`deserialize_impl`] instead.
fn structure(cx: &Cx, s: &StructDef, extra: &[syn::Attribute], serde: Serde) -> syn::Item {
    if s.role.is_static() {
        return static_structure(cx, s, extra);
    }
    let options = cx.options;
    let derived = serde != Serde::Macro;
    let mut attrs = doc_attrs(&s.doc);
    // Without the contract's values, `Default` is every field's own: payloads are built with
    // `..Default::default()`.
    let own_default = cx.derives_default(s);
    attrs.push(match serde {
        Serde::Derived | Serde::DerivedChecked => cx.derive_both_serde(own_default),
        _ if own_default => cx.derive_default.clone(),
        _ => cx.derive.clone(),
    });
    if serde == Serde::DerivedChecked {
        attrs.push(ast::list_attr("serde", quote!(remote = "Self")));
    }
    // Data with defaults: a partial override keeps the other defaults; a typo is an error.
    if options.serde && derived && s.defaults.is_some() {
        attrs.push(ast::list_attr("serde", quote!(default, deny_unknown_fields)));
    } else if options.serde && derived && s.strict {
        attrs.push(ast::list_attr("serde", quote!(deny_unknown_fields)));
    }
    attrs.extend_from_slice(extra);
    let fields = s
        .fields
        .iter()
        .map(|f| {
            let mut fattrs = doc_attrs(&super::docs::field_doc(f));
            if options.serde {
                // A payload leaves an absent optional value out, rather than writing `null`.
                let skip = (!s.strict && matches!(f.ty, TypeRef::Optional(_))).then(|| {
                    let is_none = &cx.is_none;
                    quote!(skip_serializing_if = #is_none)
                });
                let rename = (f.wire != f.ident.name).then(|| {
                    let wire = &f.wire;
                    quote!(rename = #wire)
                });
                match (rename, skip) {
                    (Some(r), Some(k)) => fattrs.push(ast::list_attr("serde", quote!(#r, #k))),
                    (Some(one), None) | (None, Some(one)) => fattrs.push(ast::list_attr("serde", one)),
                    (None, None) => {}
                }
            }
            ast::field(fattrs, ident(&f.ident), cx.type_of(&f.ty))
        })
        .collect();
    ast::item_struct(attrs, ident(&s.name), fields)
}

/// `super::deserialize_struct!(Name(defaults, strict, checked) { field, r#type = "type" });`
fn deserialize_impl(cx: &Cx, s: &StructDef, bounded: &super::bounds::Bounded) -> Option<syn::Item> {
    let path = cx.deserialize_macro.clone()?;
    let mut flags = Vec::new();
    if s.defaults.is_some() {
        flags.push(ast::ident("defaults"));
    }
    if s.defaults.is_some() || s.strict {
        flags.push(ast::ident("strict"));
    }
    if bounded.checks_when_read(s) {
        flags.push(ast::ident("checked"));
    }
    let flags = (!flags.is_empty()).then(|| quote!((#(#flags),*)));
    let fields = s.fields.iter().map(|f| {
        let name = ident(&f.ident);
        if name == f.wire.as_str() {
            quote!(#name)
        } else {
            let wire = &f.wire;
            quote!(#name = #wire)
        }
    });
    let name = ident(&s.name);
    Some(ast::brace_macro(path, quote!(#name #flags { #(#fields),* })))
}

/// A data section's type: borrowed fields, no serde; the static holding it shows the values.
fn static_structure(cx: &Cx, s: &StructDef, extra: &[syn::Attribute]) -> syn::Item {
    let mut attrs = doc_attrs(&s.doc);
    attrs.push(cx.static_derive.clone());
    attrs.extend_from_slice(extra);
    let fields =
        s.fields.iter().map(|f| ast::field(doc_attrs(&f.doc), ident(&f.ident), cx.static_type_of(&f.ty))).collect();
    ast::item_struct(attrs, ident(&s.name), fields)
}
