//! One trait per mixin, one method per action, built as syntax trees: no token stream to parse,
//! so a build script that generates one contract runs none of syn's parser.

use super::ast;
use super::docs::doc_attrs;
use super::{ident, EmitOptions, Std};
use crate::each;
use crate::model::{Action, Mixin};
use syn::{GenericArgument, TraitItem, Type};

/// `pub trait XActions: super::Node { .. }`: the error type is the node's, declared once in `Node`
/// for every mixin it implements, so generic code over several mixins names `N::Error` without
/// ambiguity.
pub fn actions_trait(mixin: &Mixin, options: &EmitOptions, std: &Std) -> syn::Item {
    let items = each::map(&mixin.actions, &mut |action| TraitItem::Fn(method(action, options, std)));
    let mut attrs = doc_attrs(&format!(
        "The actions of `{}`: implement this for a node that uses the mixin.\n\nEvery action returns the node's error type, [`super::Node::Error`]. Required actions\nhave no default; the others answer [`super::NotImplemented`] until implemented.",
        mixin.name
    ));
    attrs.extend(example(mixin, options).iter().map(|line| ast::doc_attr(&format!(" {line}"))));
    syn::Item::Trait(syn::ItemTrait {
        attrs,
        vis: syn::Visibility::Public(Default::default()),
        modifiers: Default::default(),
        unsafety: None,
        trait_token: Default::default(),
        ident: ident(&mixin.trait_name),
        generics: Default::default(),
        colon_token: Some(Default::default()),
        supertraits: [ast::trait_bound(ast::path(false, &["super", "Node"]), false)].into_iter().collect(),
        brace_token: Default::default(),
        items,
    })
}

/// `fn action(&self, input: ActionInput) -> Result<ActionOutput, Self::Error>`, returned through
/// `impl Future<Output = ..> + Send` unless blocking; optional actions get a default body.
fn method(action: &Action, options: &EmitOptions, std: &Std) -> syn::TraitItemFn {
    let mut attrs = doc_attrs(&action.description);
    attrs.push(ast::doc_attr(""));
    if !action.comment.is_empty() {
        attrs.extend(doc_attrs(&action.comment));
        attrs.push(ast::doc_attr(""));
    }
    let required = if action.required { "Required" } else { "Optional" };
    attrs.extend(doc_attrs(&format!("{required} action `{}`, timeout {} ms.", action.name, action.timeout_ms)));

    let mut inputs = vec![ast::receiver(true)];
    if let Some(input) = &action.input {
        inputs.push(ast::argument("input", ast::ty(ast::ident_path(ident(input)))));
    }
    let output = match &action.output {
        Some(o) => ast::ty(ast::ident_path(ident(o))),
        None => Type::Tuple(syn::TypeTuple {
            attrs: Vec::new(),
            paren_token: Default::default(),
            elems: Default::default(),
        }),
    };
    let self_error = ast::ty(ast::path(false, &["Self", "Error"]));
    let result = ast::ty(ast::generic(std.result.clone(), vec![output, self_error]));
    let ret = if options.async_methods {
        let mut future = std.future.clone();
        if let Some(last) = future.segments.last_mut() {
            last.arguments = syn::PathArguments::AngleBracketed(syn::AngleBracketedGenericArguments {
                colon2_token: None,
                lt_token: Default::default(),
                args: [GenericArgument::AssocType(syn::AssocType {
                    ident: ast::ident("Output"),
                    generics: None,
                    eq_token: Default::default(),
                    ty: result,
                })]
                .into_iter()
                .collect(),
                gt_token: Default::default(),
            });
        }
        Type::ImplTrait(syn::TypeImplTrait {
            attrs: Vec::new(),
            impl_token: Default::default(),
            bounds: [ast::trait_bound(future, false), ast::trait_bound(std.send.clone(), false)].into_iter().collect(),
        })
    } else {
        result
    };

    let default = (!action.required).then(|| ast::block(default_body(action)));
    syn::TraitItemFn {
        attrs,
        modifiers: Default::default(),
        sig: ast::signature(ident(&action.method), inputs, ret),
        semi_token: default.is_none().then(Default::default),
        default,
    }
}

/// `let _ = input; super::not_implemented(NAME, "action")`
fn default_body(action: &Action) -> Vec<syn::Stmt> {
    let mut stmts = Vec::new();
    if action.input.is_some() {
        stmts.push(syn::Stmt::Local(syn::Local {
            attrs: Vec::new(),
            let_token: Default::default(),
            modifiers: Default::default(),
            pat: syn::Pat::Wild(syn::PatWild { attrs: Vec::new(), underscore_token: Default::default() }),
            init: Some(syn::LocalInit {
                eq_token: Default::default(),
                expr: Box::new(ast::path_expr(ast::path(false, &["input"]))),
                diverge: None,
            }),
            semi_token: Default::default(),
        }));
    }
    let name = ast::path_expr(ast::path(false, &["NAME"]));
    let call = ast::call(ast::path(false, &["super", "not_implemented"]), vec![name, ast::str_lit(&action.name)]);
    stmts.push(syn::Stmt::Expr(call, None));
    stmts
}

/// The trait's rustdoc example: a node implementing every required action and calling the first
/// action. Its paths are those of the module that includes `mixins.rs`, which the generator cannot
/// name, so rustdoc shows it without running it (`ignore`); tests/compile.rs builds it.
pub fn example(mixin: &Mixin, options: &EmitOptions) -> Vec<String> {
    let module = mixin.module.as_rust();
    let trait_name = mixin.trait_name.as_rust();
    let (asyncness, dot_await) = if options.async_methods { ("async ", ".await") } else { ("", "") };
    let mut lines = vec![
        String::new(),
        "# Example".to_string(),
        String::new(),
        "```ignore".to_string(),
        format!("use {module}::{trait_name};"),
        String::new(),
        "struct MyNode;".to_string(),
        String::new(),
        "impl Node for MyNode {".to_string(),
        "    type Error = NotImplemented;".to_string(),
        "}".to_string(),
        String::new(),
    ];
    let required: Vec<_> = mixin.actions.iter().filter(|a| a.required).collect();
    if required.is_empty() {
        lines.push(format!("impl {trait_name} for MyNode {{}}"));
    } else {
        lines.push(format!("impl {trait_name} for MyNode {{"));
        for (i, action) in required.iter().enumerate() {
            if i > 0 {
                lines.push(String::new());
            }
            let (params, output) = signature_text(&module, action);
            lines.push(format!(
                "    {asyncness}fn {}(&self{params}) -> Result<{output}, Self::Error> {{",
                action.method.as_rust()
            ));
            if action.input.is_some() {
                lines.push("        let _ = input;".to_string());
            }
            lines.push(match &action.output {
                Some(_) => format!("        Ok({output}::default())"),
                None => "        Ok(())".to_string(),
            });
            lines.push("    }".to_string());
        }
        lines.push("}".to_string());
    }
    if let Some(first) = mixin.actions.first() {
        let (_, output) = signature_text(&module, first);
        let input = first.input.as_ref().map_or(String::new(), |i| format!("{module}::{}::default()", i.as_rust()));
        lines.push(String::new());
        lines.push(format!("{asyncness}fn call(node: &MyNode) -> Result<{output}, NotImplemented> {{"));
        lines.push(format!("    node.{}({input}){dot_await}", first.method.as_rust()));
        lines.push("}".to_string());
    }
    lines.push("```".to_string());
    lines
}

/// `, input: m::XInput` and `m::XOutput` (or `()`), as the example writes them.
fn signature_text(module: &str, action: &Action) -> (String, String) {
    let params = action.input.as_ref().map_or(String::new(), |i| format!(", input: {module}::{}", i.as_rust()));
    let output = action.output.as_ref().map_or("()".to_string(), |o| format!("{module}::{}", o.as_rust()));
    (params, output)
}
