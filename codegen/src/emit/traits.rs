//! One trait per mixin, one method per action. The method shape is parsed once per mixin as a
//! template, then each action fills in its name, docs, input and output types.

use super::ast;
use super::docs::doc_attrs;
use super::{ident, EmitOptions};
use crate::model::{Action, Mixin};
use proc_macro2::TokenStream;
use quote::quote;
use syn::{FnArg, GenericArgument, PathArguments, ReturnType, TraitItem, TraitItemFn, Type, TypeParamBound};

pub fn actions_trait(mixin: &Mixin, options: &EmitOptions) -> Result<syn::Item, String> {
    let (send, result, future) = (&options.std.send, &options.std.result, &options.std.future);
    let ret = if options.async_methods {
        quote!(impl #future<Output = #result<__Output, Self::Error>> + #send)
    } else {
        quote!(#result<__Output, Self::Error>)
    };
    let body = quote!(super::not_implemented(NAME, ""));
    // Every token trait_template uses is in the key: a cached template must not differ from a
    // fresh one, whatever this thread made before.
    let key = format!("trait {ret} {body} {} {}", options.std.from, options.std.send);
    let template = super::ast::cached(key, || trait_template(&ret, &body, options));
    let mut tr = template?;
    tr.attrs = doc_attrs(&format!(
        "The actions of `{}`: implement this for a node that uses the mixin.\n\nRequired actions have no default; the others answer [`super::NotImplemented`] until implemented.",
        mixin.name
    ));
    tr.ident = ident(&mixin.trait_name);
    let optional = tr.items.pop();
    let required = tr.items.pop();
    if let (Some(TraitItem::Fn(required)), Some(TraitItem::Fn(optional))) = (required, optional) {
        for action in &mixin.actions {
            let template = if action.required { &required } else { &optional };
            tr.items.push(TraitItem::Fn(method(action, template.clone())));
        }
    }
    Ok(syn::Item::Trait(tr))
}

/// The trait with an `Error` type and one required and one optional method to copy.
fn trait_template(ret: &TokenStream, body: &TokenStream, options: &EmitOptions) -> Result<syn::ItemTrait, String> {
    let (from, send) = (&options.std.from, &options.std.send);
    let items = super::items::parse_items(quote! {
        pub trait __Trait {
            /// The error every action returns. Optional actions that are not implemented return it
            /// built from [`super::NotImplemented`].
            type Error: #from<super::NotImplemented> + #send;
            fn __required(&self, input: __Input) -> #ret;
            fn __optional(&self, input: __Input) -> #ret {
                let _ = input;
                #body
            }
        }
    });
    match items?.into_iter().next() {
        Some(syn::Item::Trait(tr)) => Ok(tr),
        _ => Err("the trait template is not a trait".into()),
    }
}

fn method(action: &Action, mut m: TraitItemFn) -> TraitItemFn {
    let mut attrs = doc_attrs(&action.description);
    attrs.push(ast::doc_attr(""));
    let required = if action.required { "Required" } else { "Optional" };
    attrs.extend(doc_attrs(&format!("{required} action `{}`, timeout {} ms.", action.name, action.timeout_ms)));
    m.attrs = attrs;
    m.sig.ident = ident(&action.method);
    match &action.input {
        Some(input) => {
            if let Some(FnArg::Typed(arg)) = m.sig.inputs.iter_mut().nth(1) {
                *arg.ty = ast::ty(ast::ident_path(ident(input)));
            }
        }
        None => {
            // No inputs: no `input` argument, and nothing to discard in the default body.
            let receiver = m.sig.inputs.iter().next().cloned();
            m.sig.inputs = receiver.into_iter().collect();
            if let Some(block) = &mut m.default {
                block.stmts.remove(0);
            }
        }
    }
    let output = match &action.output {
        Some(o) => ast::ty(ast::ident_path(ident(o))),
        None => Type::Tuple(syn::TypeTuple {
            attrs: Vec::new(),
            paren_token: Default::default(),
            elems: Default::default(),
        }),
    };
    if let ReturnType::Type(_, ty) = &mut m.sig.output {
        if let Some(slot) = placeholder(ty) {
            *slot = output;
        }
    }
    if let Some(block) = &mut m.default {
        if let Some(syn::Stmt::Expr(expr, _)) = block.stmts.last_mut() {
            set_action_name(expr, &action.name);
        }
    }
    m
}

/// The `__Output` type inside `Result<__Output, _>`, possibly within `impl Future<Output = ..>`.
fn placeholder(ty: &mut Type) -> Option<&mut Type> {
    match ty {
        Type::Path(p) if p.path.is_ident("__Output") => Some(ty),
        Type::Path(p) => in_path(&mut p.path),
        Type::ImplTrait(t) => t.bounds.iter_mut().find_map(|b| match b {
            TypeParamBound::Trait(tb) => in_path(&mut tb.path),
            _ => None,
        }),
        _ => None,
    }
}

fn in_path(path: &mut syn::Path) -> Option<&mut Type> {
    path.segments.iter_mut().find_map(|seg| match &mut seg.arguments {
        PathArguments::AngleBracketed(args) => args.args.iter_mut().find_map(|arg| match arg {
            GenericArgument::Type(t) => placeholder(t),
            GenericArgument::AssocType(a) => placeholder(&mut a.ty),
            _ => None,
        }),
        _ => None,
    })
}

/// Sets the action's name in the default body's `super::not_implemented(NAME, "..")`.
fn set_action_name(expr: &mut syn::Expr, name: &str) {
    if let syn::Expr::Call(call) = expr {
        if let Some(arg) = call.args.iter_mut().nth(1) {
            *arg = ast::str_lit(name);
        }
    }
}
