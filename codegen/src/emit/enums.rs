//! A contract's `enum[...]` type: the enum with its wire names, `ALL`, `as_str`, `Display` and
//! `FromStr`, built as syntax trees (a real contract has several; parsing each from tokens cost
//! about a tenth of an unoptimised build script's run).

use super::ast::{self, arm, match_expr, method_call};
use super::data::Cx;
use super::docs::doc_attrs;
use super::ident;
use crate::model::EnumDef;
use proc_macro2::{Ident, Span};
use quote::quote;
use syn::{Expr, ImplItem, Type};

pub fn enumeration(cx: &Cx, e: &EnumDef, extra: &[syn::Attribute]) -> Vec<syn::Item> {
    let name = ident(&e.name);
    if let Some(path) = &cx.string_enum_macro {
        let variants = e.variants.iter().map(|v| (ident(&v.ident), v.wire.as_str()));
        return vec![definition(e, extra, false), string_enum(path.clone(), &name, "as_str", variants)];
    }
    let values = variant_paths(e).zip(&e.variants).map(|(path, v)| (v.wire.as_str(), path)).collect();
    vec![
        definition(e, extra, cx.options.serde),
        inherent_impl(e, &name),
        display_impl(&name, "as_str"),
        from_str_impl(cx.std(), cx.shared("UnknownVariant"), &name, &e.name.name, values),
    ]
}

/// `super::string_enum! { Name(text) { Variant("wire"), .. } }`: the root file's macro writes the
/// impls of an enum of names, serde's included.
pub(super) fn string_enum<'a>(
    path: syn::Path,
    name: &Ident,
    text: &str,
    variants: impl Iterator<Item = (Ident, &'a str)>,
) -> syn::Item {
    let text = ast::ident(text);
    let variants = variants.map(|(variant, wire)| quote!(#variant(#wire)));
    ast::brace_macro(path, quote!(#name(#text) { #(#variants),* }))
}

/// The enum; `serde` adds serde's derives and renames (when no macro writes its impls).
fn definition(e: &EnumDef, extra: &[syn::Attribute], serde: bool) -> syn::Item {
    let mut attrs = doc_attrs(&e.doc);
    let derive_serde = serde.then(|| quote!(::serde::Serialize, ::serde::Deserialize,));
    attrs.push(ast::list_attr(
        "derive",
        quote!(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, #derive_serde),
    ));
    attrs.extend_from_slice(extra);
    let variants = e
        .variants
        .iter()
        .enumerate()
        .map(|(i, v)| {
            // With the macro, its call shows each variant's text; else the rename does.
            let mut attrs = Vec::new();
            // The first value is the default, so structs holding the enum have `Default` too.
            if i == 0 {
                attrs.push(ast::word_attr("default"));
            }
            if serde && v.wire != v.ident.name {
                let wire = &v.wire;
                attrs.push(ast::list_attr("serde", quote!(rename = #wire)));
            }
            syn::Variant { attrs, ident: ident(&v.ident), fields: syn::Fields::Unit, discriminant: None }
        })
        .collect();
    syn::Item::Enum(syn::ItemEnum {
        attrs,
        vis: syn::Visibility::Public(Default::default()),
        enum_token: Default::default(),
        ident: ident(&e.name),
        generics: Default::default(),
        brace_token: Default::default(),
        variants,
    })
}

/// `Self::Variant` for each variant, in contract order.
fn variant_paths(e: &EnumDef) -> impl Iterator<Item = Expr> + '_ {
    e.variants.iter().map(|v| {
        let mut path = ast::path(false, &["Self"]);
        path.segments.push(ident(&v.ident).into());
        ast::path_expr(path)
    })
}

/// `impl E { pub const ALL: &'static [Self] = ..; pub const fn as_str(self) -> &'static str }`
fn inherent_impl(e: &EnumDef, name: &Ident) -> syn::Item {
    let all = ImplItem::Const(syn::ImplItemConst {
        attrs: vec![ast::doc_attr(" Every value, in contract order.")],
        vis: syn::Visibility::Public(Default::default()),
        modifiers: Default::default(),
        const_token: Default::default(),
        ident: ast::ident("ALL"),
        generics: Default::default(),
        colon_token: Default::default(),
        ty: reference(Some("'static"), false, slice(ast::self_type())),
        eq_token: Default::default(),
        expr: ast::ref_array(variant_paths(e).collect()),
        semi_token: Default::default(),
    });
    let arms = variant_paths(e).zip(&e.variants).map(|(variant, v)| arm(pat(variant), ast::str_lit(&v.wire))).collect();
    let mut sig = ast::signature(
        ast::ident("as_str"),
        vec![ast::receiver(false)],
        reference(Some("'static"), false, named(&["str"])),
    );
    sig.constness = Some(Default::default());
    let as_str = ImplItem::Fn(syn::ImplItemFn {
        attrs: vec![ast::doc_attr(" The value as the contract writes it.")],
        vis: syn::Visibility::Public(Default::default()),
        modifiers: Default::default(),
        sig,
        block: ast::block(vec![syn::Stmt::Expr(match_expr(ast::path_expr(ast::path(false, &["self"])), arms), None)]),
    });
    ast::impl_block(None, ast::ty(ast::ident_path(name.clone())), vec![all, as_str])
}

/// `impl Display for E { fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result { f.write_str(self.<text>()) } }`
pub(super) fn display_impl(name: &Ident, text: &str) -> syn::Item {
    let mut formatter = ast::path(true, &["core", "fmt", "Formatter"]);
    if let Some(last) = formatter.segments.last_mut() {
        last.arguments = syn::PathArguments::AngleBracketed(syn::AngleBracketedGenericArguments {
            colon2_token: None,
            lt_token: Default::default(),
            args: [syn::GenericArgument::Lifetime(syn::Lifetime::new("'_", Span::call_site()))].into_iter().collect(),
            gt_token: Default::default(),
        });
    }
    let inputs = vec![ast::receiver(true), ast::argument("f", reference(None, true, ast::ty(formatter)))];
    let as_str = method_call(ast::path_expr(ast::path(false, &["self"])), ast::ident(text), Vec::new());
    let body = method_call(ast::path_expr(ast::path(false, &["f"])), ast::ident("write_str"), vec![as_str]);
    let fmt = ImplItem::Fn(syn::ImplItemFn {
        attrs: Vec::new(),
        vis: syn::Visibility::Inherited,
        modifiers: Default::default(),
        sig: ast::signature(ast::ident("fmt"), inputs, ast::ty(ast::path(true, &["core", "fmt", "Result"]))),
        block: ast::block(vec![syn::Stmt::Expr(body, None)]),
    });
    ast::impl_block(
        Some(ast::path(true, &["core", "fmt", "Display"])),
        ast::ty(ast::ident_path(name.clone())),
        vec![fmt],
    )
}

/// `impl FromStr for E { type Err = UnknownVariant; fn from_str(s: &str) -> .. }`, each
/// `(wire, Self::Variant)` of `values` one arm; `type_name` is what the error names, `unknown` the
/// path to the shared `UnknownVariant`.
pub(super) fn from_str_impl(
    std: &super::Std,
    unknown: syn::Path,
    name: &Ident,
    type_name: &str,
    values: Vec<(&str, Expr)>,
) -> syn::Item {
    let err = ImplItem::Type(syn::ImplItemType {
        attrs: Vec::new(),
        vis: syn::Visibility::Inherited,
        modifiers: Default::default(),
        type_token: Default::default(),
        ident: ast::ident("Err"),
        generics: Default::default(),
        eq_token: Default::default(),
        ty: ast::ty(unknown.clone()),
        semi_token: Default::default(),
    });
    let s = || ast::path_expr(ast::path(false, &["s"]));
    let mut arms: Vec<syn::Arm> = values
        .into_iter()
        .map(|(wire, variant)| arm(pat(ast::str_lit(wire)), ast::call(ast::path(false, &["Ok"]), vec![variant])))
        .collect();
    let unknown_value = ast::struct_expr(
        unknown.clone(),
        vec![
            (ast::ident("type_name"), ast::str_lit(type_name)),
            (ast::ident("value"), ast::call(ast::assoc(std.string.clone(), "from"), vec![s()])),
        ],
    );
    let wild = syn::Pat::Wild(syn::PatWild { attrs: Vec::new(), underscore_token: Default::default() });
    arms.push(arm(wild, ast::call(ast::path(false, &["Err"]), vec![unknown_value])));
    // Not `Self::Err`: an enum value named `Err` makes that ambiguous.
    let output = ast::ty(ast::generic(std.result.clone(), vec![ast::self_type(), ast::ty(unknown)]));
    let from_str = ImplItem::Fn(syn::ImplItemFn {
        attrs: Vec::new(),
        vis: syn::Visibility::Inherited,
        modifiers: Default::default(),
        sig: ast::signature(
            ast::ident("from_str"),
            vec![ast::argument("s", reference(None, false, named(&["str"])))],
            output,
        ),
        block: ast::block(vec![syn::Stmt::Expr(match_expr(s(), arms), None)]),
    });
    ast::impl_block(
        Some(ast::path(true, &["core", "str", "FromStr"])),
        ast::ty(ast::ident_path(name.clone())),
        vec![err, from_str],
    )
}

fn named(segments: &[&str]) -> Type {
    ast::ty(ast::path(false, segments))
}

fn reference(lifetime: Option<&str>, mutable: bool, elem: Type) -> Type {
    Type::Reference(syn::TypeReference {
        attrs: Vec::new(),
        and_token: Default::default(),
        lifetime: lifetime.map(|l| syn::Lifetime::new(l, Span::call_site())),
        mutability: mutable.then(Default::default),
        elem: Box::new(elem),
    })
}

fn slice(elem: Type) -> Type {
    Type::Slice(syn::TypeSlice { attrs: Vec::new(), bracket_token: Default::default(), elem: Box::new(elem) })
}

/// A path or literal expression as a pattern.
pub(super) fn pat(expr: Expr) -> syn::Pat {
    match expr {
        Expr::Path(p) => syn::Pat::Path(p),
        Expr::Lit(l) => syn::Pat::Lit(l),
        _ => syn::Pat::Wild(syn::PatWild { attrs: Vec::new(), underscore_token: Default::default() }),
    }
}
