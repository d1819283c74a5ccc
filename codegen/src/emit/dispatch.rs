//! Routing actions by name, as a node runtime does with events: per mixin, `Action` (the action
//! names), `Request` and `Response` (an action with its inputs or its outputs, tagged by name on
//! the wire) and `Request::dispatch`, which calls the trait method the request names.

use super::ast::{self, arm, match_expr, method_call};
use super::docs::doc_attrs;
use super::{ident, EmitOptions, Std};
use crate::model::{Action, Mixin};
use quote::quote;
use syn::{Expr, ImplItem, Pat, Stmt, Type};

/// The dispatch items of one mixin; none for a mixin without actions.
pub fn items(mixin: &Mixin, options: &EmitOptions, std: &Std) -> Vec<syn::Item> {
    if mixin.actions.is_empty() {
        return Vec::new();
    }
    let variants = mixin.actions.iter().map(|a| (ident(&a.variant), a.name.as_str()));
    let names =
        super::enums::string_enum(ast::path(false, &["super", "string_enum"]), &ast::ident("Action"), "name", variants);
    [
        action_enum(mixin),
        names,
        action_impl(),
        message_enum(mixin, Message::Request),
        tagged(mixin, Message::Request),
        ast::impl_block(None, ast::ty(ast::path(false, &["Request"])), vec![dispatch(mixin, options, std)]),
        message_enum(mixin, Message::Response),
        tagged(mixin, Message::Response),
    ]
    .into()
}

#[derive(Clone, Copy, PartialEq)]
enum Message {
    Request,
    Response,
}

impl Message {
    fn name(self) -> &'static str {
        match self {
            Message::Request => "Request",
            Message::Response => "Response",
        }
    }

    /// The struct a variant carries, if the action has inputs (outputs).
    fn payload(self, action: &Action) -> Option<&crate::names::Ident> {
        match self {
            Message::Request => action.input.as_ref(),
            Message::Response => action.output.as_ref(),
        }
    }
}

fn public() -> syn::Visibility {
    syn::Visibility::Public(Default::default())
}

fn self_variant(action: &Action) -> syn::Path {
    let mut path = ast::path(false, &["Self"]);
    path.segments.push(ident(&action.variant).into());
    path
}

fn item_enum(attrs: Vec<syn::Attribute>, name: &str, variants: Vec<syn::Variant>) -> syn::Item {
    syn::Item::Enum(syn::ItemEnum {
        attrs,
        vis: public(),
        enum_token: Default::default(),
        ident: ast::ident(name),
        generics: Default::default(),
        brace_token: Default::default(),
        variants: variants.into_iter().collect(),
    })
}

/// `pub enum Action { HandleError, .. }`: every action by name.
fn action_enum(mixin: &Mixin) -> syn::Item {
    let mut attrs = doc_attrs(&format!(
        "The actions of `{}`, by name: [`Action::spec`] gives each one's\n[`super::ActionSpec`].",
        mixin.name
    ));
    attrs.push(ast::list_attr("derive", quote!(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)));
    // Adding an optional action is a minor change: other crates match with a wildcard arm.
    attrs.push(ast::word_attr("non_exhaustive"));
    attrs.push(ast::list_attr("allow", quote!(clippy::enum_variant_names)));
    let variants = mixin
        .actions
        .iter()
        .map(|a| syn::Variant {
            attrs: Vec::new(),
            ident: ident(&a.variant),
            fields: syn::Fields::Unit,
            discriminant: None,
        })
        .collect();
    item_enum(attrs, "Action", variants)
}

/// `spec()`: the variants are in the order of `ACTIONS`, so a variant's discriminant is its index.
fn action_impl() -> syn::Item {
    let index = Expr::Cast(syn::ExprCast {
        attrs: Vec::new(),
        expr: Box::new(ast::path_expr(ast::path(false, &["self"]))),
        as_token: Default::default(),
        ty: Box::new(ast::ty(ast::path(false, &["usize"]))),
    });
    let entry = Expr::Index(syn::ExprIndex {
        attrs: Vec::new(),
        expr: Box::new(ast::path_expr(ast::path(false, &["ACTIONS"]))),
        bracket_token: Default::default(),
        index: Box::new(index),
    });
    let spec = const_method(
        " The action's entry in [`ACTIONS`].",
        "spec",
        ast::static_ref(ast::ty(ast::path(false, &["super", "ActionSpec"]))),
        ast::ref_expr(entry),
    );
    ast::impl_block(None, ast::ty(ast::path(false, &["Action"])), vec![spec])
}

fn const_method(doc: &str, name: &str, output: Type, body: Expr) -> ImplItem {
    let mut sig = ast::signature(ast::ident(name), vec![ast::receiver(false)], output);
    sig.constness = Some(Default::default());
    ImplItem::Fn(syn::ImplItemFn {
        attrs: vec![ast::doc_attr(doc)],
        vis: public(),
        modifiers: Default::default(),
        sig,
        block: ast::block(vec![Stmt::Expr(body, None)]),
    })
}

/// `pub enum Request { HandleError(HandleErrorInput), .. }` (or `Response` with the outputs),
/// `{"action": "handle_error", "input": {..}}` on the wire.
fn message_enum(mixin: &Mixin, message: Message) -> syn::Item {
    let doc = match message {
        Message::Request => format!(
            "A call of one action of `{}`, with its inputs:\n`{{\"action\": \"<name>\", \"input\": {{..}}}}` on the wire.\nRun it with [`Request::dispatch`].",
            mixin.name
        ),
        Message::Response => format!(
            "What one action of `{}` returned:\n`{{\"action\": \"<name>\", \"output\": {{..}}}}` on the wire.",
            mixin.name
        ),
    };
    let mut attrs = doc_attrs(&doc);
    // `action()` and the serde impls are the root file's `tagged!`, in [`tagged`].
    attrs.push(ast::list_attr("derive", quote!(Debug, Clone, PartialEq)));
    attrs.push(ast::word_attr("non_exhaustive"));
    // Variants are as large as the action's payload: boxing them would cost every caller an
    // allocation to save memory on the largest. Variants are the contract's action names, so
    // `validate_external_response` is `Response::ValidateExternalResponse`.
    attrs.push(ast::list_attr("allow", quote!(clippy::large_enum_variant, clippy::enum_variant_names)));
    let variants = mixin
        .actions
        .iter()
        .map(|a| {
            let what = match message {
                Message::Request => "A call of",
                Message::Response => "The outputs of",
            };
            let attrs = doc_attrs(&format!("{what} `{}`.", a.name));
            let fields = match message.payload(a) {
                Some(payload) => one_field(ast::ty(ast::ident_path(ident(payload)))),
                None => syn::Fields::Unit,
            };
            syn::Variant { attrs, ident: ident(&a.variant), fields, discriminant: None }
        })
        .collect();
    item_enum(attrs, message.name(), variants)
}

/// `super::tagged! { Request("input") { HandleError(HandleErrorInput), .. } }`
fn tagged(mixin: &Mixin, message: Message) -> syn::Item {
    let name = ast::ident(message.name());
    let content = match message {
        Message::Request => "input",
        Message::Response => "output",
    };
    let variants = mixin.actions.iter().map(|a| {
        let variant = ident(&a.variant);
        match message.payload(a) {
            Some(payload) => {
                let payload = ident(payload);
                quote!(#variant(#payload))
            }
            None => quote!(#variant),
        }
    });
    ast::brace_macro(ast::path(false, &["super", "tagged"]), quote!(#name(#content) { #(#variants),* }))
}

/// `pub async fn dispatch<N: XActions + ?Sized>(self, node: &N) -> Result<Response, N::Error>`:
/// the trait method the request names, its outputs wrapped in the matching `Response`.
fn dispatch(mixin: &Mixin, options: &EmitOptions, std: &Std) -> ImplItem {
    let arms = mixin
        .actions
        .iter()
        .map(|a| {
            let input = a.input.as_ref().map(|_| ast::path_expr(ast::path(false, &["input"])));
            let pat = match &input {
                Some(_) => variant_pat(self_variant(a), Some(ident_pat("input"))),
                None => Pat::Path(path_pat(self_variant(a))),
            };
            let call =
                method_call(ast::path_expr(ast::path(false, &["node"])), ident(&a.method), input.into_iter().collect());
            let mut response = ast::path(false, &["Response"]);
            response.segments.push(ident(&a.variant).into());
            let wrap = match &a.output {
                Some(_) => ast::path_expr(response),
                None => unit_to(ast::path_expr(response)),
            };
            let body = method_call(awaited(call, options), ast::ident("map"), vec![wrap]);
            arm(pat, body)
        })
        .collect();
    let how = if options.async_methods { "awaits" } else { "calls" };
    let doc = format!(
        "Runs the action this request names on `node`: {how} its method in\n[`{}`] and wraps the outputs in the matching [`Response`].\nThe error is the node's own.",
        mixin.trait_name.name
    );
    dispatch_method(&doc, &mixin.trait_name, arms, options, std)
}

/// `node.method(input)`, with `.await` when methods are async.
fn awaited(call: Expr, options: &EmitOptions) -> Expr {
    if !options.async_methods {
        return call;
    }
    Expr::Await(syn::ExprAwait {
        attrs: Vec::new(),
        base: Box::new(call),
        dot_token: Default::default(),
        await_token: Default::default(),
    })
}

/// `|()| value`: what `map` takes for an action without outputs.
fn unit_to(value: Expr) -> Expr {
    Expr::Closure(syn::ExprClosure {
        attrs: Vec::new(),
        lifetimes: None,
        modifiers: Default::default(),
        constness: None,
        asyncness: None,
        capture: None,
        inputs_begin: Default::default(),
        inputs: [Pat::Tuple(syn::PatTuple {
            attrs: Vec::new(),
            paren_token: Default::default(),
            elems: Default::default(),
        })]
        .into_iter()
        .collect(),
        inputs_end: Default::default(),
        output: syn::ReturnType::Default,
        body: Box::new(value),
    })
}

/// `pub (async) fn dispatch<N: Trait + ?Sized>(self, node: &N) -> Result<Response, N::Error> { match self { arms } }`
fn dispatch_method(
    doc: &str,
    bound: &crate::names::Ident,
    arms: Vec<syn::Arm>,
    options: &EmitOptions,
    std: &Std,
) -> ImplItem {
    let error = ast::ty(ast::path(false, &["N", "Error"]));
    let output = ast::ty(ast::generic(std.result.clone(), vec![ast::ty(ast::path(false, &["Response"])), error]));
    let mut sig = ast::signature(
        ast::ident("dispatch"),
        vec![ast::receiver(false), ast::argument("node", ast::reference(ast::ty(ast::path(false, &["N"]))))],
        output,
    );
    if options.async_methods {
        sig.asyncness = Some(Default::default());
    }
    sig.generics.lt_token = Some(Default::default());
    sig.generics.gt_token = Some(Default::default());
    sig.generics.params.push(syn::GenericParam::Type(syn::TypeParam {
        attrs: Vec::new(),
        ident: ast::ident("N"),
        colon_token: Some(Default::default()),
        bounds: [
            ast::trait_bound(ast::ident_path(ident(bound)), false),
            ast::trait_bound(ast::path(false, &["Sized"]), true),
        ]
        .into_iter()
        .collect(),
        default: None,
    }));
    ImplItem::Fn(syn::ImplItemFn {
        attrs: doc_attrs(doc),
        vis: public(),
        modifiers: Default::default(),
        sig,
        block: ast::block(vec![Stmt::Expr(match_self(arms), None)]),
    })
}

/// `(T)`: a variant's one unnamed field.
fn one_field(ty: Type) -> syn::Fields {
    syn::Fields::Unnamed(syn::FieldsUnnamed {
        paren_token: Default::default(),
        unnamed: [syn::Field {
            attrs: Vec::new(),
            vis: syn::Visibility::Inherited,
            modifiers: Default::default(),
            ident: None,
            colon_token: None,
            ty,
            default: None,
        }]
        .into_iter()
        .collect(),
    })
}

fn path_pat(path: syn::Path) -> syn::ExprPath {
    syn::ExprPath { attrs: Vec::new(), qself: None, path }
}

/// `Self::Variant(inner)`
fn variant_pat(path: syn::Path, inner: Option<Pat>) -> Pat {
    Pat::TupleStruct(syn::PatTupleStruct {
        attrs: Vec::new(),
        qself: None,
        path,
        paren_token: Default::default(),
        elems: inner.into_iter().collect(),
    })
}

fn ident_pat(name: &str) -> Pat {
    Pat::Ident(syn::PatIdent {
        attrs: Vec::new(),
        by_ref: None,
        mutability: None,
        ident: ast::ident(name),
        subpat: None,
    })
}

fn match_self(arms: Vec<syn::Arm>) -> Expr {
    match_expr(ast::path_expr(ast::path(false, &["self"])), arms)
}

/// A node's `Request` and `Response`: one variant per listed mixin that has actions, holding that
/// mixin's own `Request` (`Response`) and tagged with the mixin's name, so a call on the wire is
/// `{"mixin": "mixin_error_handling", "action": "should_retry", "input": {..}}`; and
/// `Request::dispatch`, over any type implementing the node's trait. `root` is the path from the
/// node's module to the root file (`super::super`).
pub fn node_items(node: &crate::model::Node, options: &EmitOptions, std: &Std, root: &[&str]) -> Vec<syn::Item> {
    let routed: Vec<&crate::model::MixinRef> =
        node.subcontracts.iter().map(|s| &s.mixin).filter(|m| m.has_actions).collect();
    if routed.is_empty() {
        return Vec::new();
    }
    let mixin_path = |m: &crate::model::MixinRef, last: &str| {
        let mut segments = root.to_vec();
        segments.push(&m.module.name);
        segments.push(last);
        ast::path(false, &segments)
    };
    let own_variant = |m: &crate::model::MixinRef| {
        let mut path = ast::path(false, &["Self"]);
        path.segments.push(ident(&m.variant).into());
        path
    };
    let message = |name: &str, doc: String| {
        let mut attrs = doc_attrs(&doc);
        let serde = options.serde.then(|| quote!(::serde::Serialize, ::serde::Deserialize,));
        attrs.push(ast::list_attr("derive", quote!(Debug, Clone, PartialEq, #serde)));
        if options.serde {
            attrs.push(ast::list_attr("serde", quote!(tag = "mixin")));
        }
        attrs.push(ast::word_attr("non_exhaustive"));
        attrs.push(ast::list_attr("allow", quote!(clippy::large_enum_variant, clippy::enum_variant_names)));
        let variants = routed
            .iter()
            .map(|m| {
                let mut attrs = doc_attrs(&format!("An action of `{}`.", m.name));
                if options.serde {
                    let wire = &m.name;
                    attrs.push(ast::list_attr("serde", quote!(rename = #wire)));
                }
                syn::Variant {
                    attrs,
                    ident: ident(&m.variant),
                    fields: one_field(ast::ty(mixin_path(m, name))),
                    discriminant: None,
                }
            })
            .collect();
        item_enum(attrs, name, variants)
    };
    let request = message(
        "Request",
        format!(
            "A call of one action of a mixin of `{}`:\n`{{\"mixin\": \"<mixin_name>\", \"action\": \"<name>\", \"input\": {{..}}}}` on the wire.\nRun it with [`Request::dispatch`].",
            node.name
        ),
    );
    let response = message(
        "Response",
        format!(
            "What one action of a mixin of `{}` returned:\n`{{\"mixin\": \"<mixin_name>\", \"action\": \"<name>\", \"output\": {{..}}}}` on the wire.",
            node.name
        ),
    );

    let arms = routed
        .iter()
        .map(|m| {
            let call = method_call(
                ast::path_expr(ast::path(false, &["request"])),
                ast::ident("dispatch"),
                vec![ast::path_expr(ast::path(false, &["node"]))],
            );
            let mut response = ast::path(false, &["Response"]);
            response.segments.push(ident(&m.variant).into());
            let body = method_call(awaited(call, options), ast::ident("map"), vec![ast::path_expr(response)]);
            arm(variant_pat(own_variant(m), Some(ident_pat("request"))), body)
        })
        .collect();
    let doc = format!(
        "Runs the action this request names on `node`, through the mixin's own [`Request::dispatch`]\n(see each mixin's module), and wraps the outputs in the matching [`Response`]. The error is\nthe node's own, declared once in [`Node`]({}::Node).",
        root.join("::")
    );
    let dispatch = dispatch_method(&doc, &node.trait_name, arms, options, std);
    vec![request, ast::impl_block(None, ast::ty(ast::path(false, &["Request"])), vec![dispatch]), response]
}
