//! A node contract's module, `crate::nodes::<node_name>`: its constants, its subcontracts table,
//! one contract struct holding every listed mixin's `Configuration`, and one trait that is `Node`
//! plus every listed mixin's actions trait.

use super::ast;
use super::data::Cx;
use super::docs::doc_attrs;
use super::{ident, items, EmitOptions, Std};
use crate::each;
use crate::model::Node;
use quote::quote;

/// The module under the root that holds every node's module.
pub const NODES_MODULE: &str = "nodes";

/// From a node's module to the root file's shared types.
const ROOT: &[&str] = &["super", "super"];

/// Where a node's module file goes, inside the output folder: `nodes/<node_name>.rs`.
pub fn node_file_name(node: &Node) -> String {
    format!("{NODES_MODULE}/{}.rs", node.module.name)
}

/// `super::super::<segments>`: a path from the node's module through the root file.
fn root(segments: &[&str]) -> syn::Path {
    let mut all = ROOT.to_vec();
    all.extend_from_slice(segments);
    ast::path(false, &all)
}

/// The syntax tree of one node's module file.
pub fn node_file(node: &Node, options: &EmitOptions) -> syn::File {
    let view = node.data_view();
    let defined = |name: &str| {
        node.types.iter().any(|d| d.name().name == name)
            || node.trait_name.name == name
            || node.contract_name.name == name
    };
    let cx = Cx::at(&view, options, Std::build(&defined), ROOT);
    // As in a mixin's file: what the node configures, its trait, its data, its spec tables last.
    let mut items = vec![contract_struct(node, options)];
    items.extend(node_trait(node));
    items.extend(super::dispatch::node_items(node, options, cx.std(), ROOT));
    items.extend(cx.statics());
    items.extend(items::type_defs(&cx).into_iter().map(|(_, item)| item));
    items.extend(constants(node));
    syn::File { shebang: None, frontmatter: None, attrs: Vec::new(), items }
}

fn constants(node: &Node) -> Vec<syn::Item> {
    let id = ast::ident;
    let str_ty = || ast::reference(ast::ty(ast::path(false, &["str"])));
    let version = super::version(root(&["Version"]), &node.version);
    let node_type = root(&["NodeType"]);
    let spec = ast::path(false, &["super", "SubcontractSpec"]);
    let rows = each::map(&node.subcontracts, &mut |s| {
        let mixin = ast::path_expr(root(&[s.mixin.module.name.as_str(), "MIXIN"]));
        ast::struct_expr(
            spec.clone(),
            vec![
                (id("integration_field"), ast::str_lit(&s.field.name)),
                (id("path"), ast::str_lit(&s.path)),
                (id("mixin"), ast::ref_expr(mixin)),
            ],
        )
    });
    vec![
        ast::item_const(" The contract's `node_name`.", "NODE_NAME", str_ty(), ast::str_lit(&node.name)),
        ast::item_const(
            " The contract's `node_type`.",
            "NODE_TYPE",
            ast::ty(node_type.clone()),
            ast::path_expr(ast::assoc(node_type, node.node_type.variant())),
        ),
        ast::item_const(" The contract's `version`.", "VERSION", ast::ty(root(&["Version"])), version),
        ast::item_const(" The contract's `description`.", "DESCRIPTION", str_ty(), ast::str_lit(&node.description)),
        ast::item_const(
            " The contract's `subcontracts`, in contract order: each integration field and the mixin it configures.",
            "SUBCONTRACTS",
            ast::reference(ast::slice(ast::ty(spec))),
            ast::ref_array(rows),
        ),
    ]
}

/// `pub struct <Node>Contract { pub <integration_field>: <mixin>::Configuration, .. }`.
fn contract_struct(node: &Node, options: &EmitOptions) -> syn::Item {
    let mut attrs = doc_attrs(&format!(
        "The contract of `{}`: one field per subcontract, named by its `integration_field`, holding the\nmixin's `Configuration`. `Default` is every mixin's contract values; deserializing a partial\noverride keeps every other default, at both levels, and an unknown key is an error.",
        node.name
    ));
    let serde = options.serde.then(|| quote!(::serde::Serialize, ::serde::Deserialize,));
    attrs.push(ast::list_attr("derive", quote!(Debug, Clone, PartialEq, Default, #serde)));
    if options.serde {
        attrs.push(ast::list_attr("serde", quote!(default, deny_unknown_fields)));
    }
    let path = format!("{}.{}", node.module.name, node.contract_name.name);
    attrs.extend(
        options
            .type_attributes
            .iter()
            .filter(|(pattern, _)| pattern == "." || path.starts_with(pattern.as_str()))
            .flat_map(|(_, a)| a.iter().cloned()),
    );
    let fields = each::map(&node.subcontracts, &mut |s| {
        let doc = format!("The configuration of `{}` (subcontract `{}`).", s.mixin.name, s.path);
        ast::field(doc_attrs(&doc), ident(&s.field), ast::ty(root(&[s.mixin.module.name.as_str(), "Configuration"])))
    });
    ast::item_struct(attrs, ident(&node.contract_name), fields)
}

/// `pub trait <Node>Node: Node + <every mixin's actions trait> {}`, and its blanket impl: a type
/// that implements them all is such a node, with nothing more to write.
fn node_trait(node: &Node) -> Vec<syn::Item> {
    let mut bounds = vec![ast::trait_bound(root(&["Node"]), false)];
    bounds.extend(
        node.subcontracts
            .iter()
            .map(|s| ast::trait_bound(root(&[s.mixin.module.name.as_str(), s.mixin.trait_name.name.as_str()]), false)),
    );
    let names: Vec<String> = each::map(&node.subcontracts, &mut |s| format!("`{}`", s.mixin.name));
    let listed = if names.is_empty() { "no mixin".to_string() } else { names.join(", ") };
    let trait_item = syn::Item::Trait(syn::ItemTrait {
        attrs: doc_attrs(&format!(
            "A complete `{}` node: [`Node`](super::super::Node) and the actions of every mixin it lists\n({listed}). Implemented for every type that implements them all.",
            node.name
        )),
        vis: syn::Visibility::Public(Default::default()),
        modifiers: Default::default(),
        unsafety: None,
        trait_token: Default::default(),
        ident: ident(&node.trait_name),
        generics: Default::default(),
        colon_token: Some(Default::default()),
        supertraits: bounds.iter().cloned().collect(),
        brace_token: Default::default(),
        items: Vec::new(),
    });
    let t = ast::ident("T");
    let mut param_bounds: syn::punctuated::Punctuated<syn::TypeParamBound, syn::Token![+]> =
        bounds.into_iter().collect();
    param_bounds.push(ast::trait_bound(ast::path(false, &["Sized"]), true));
    let generics = syn::Generics {
        lt_token: Some(Default::default()),
        params: [syn::GenericParam::Type(syn::TypeParam {
            attrs: Vec::new(),
            ident: t.clone(),
            colon_token: Some(Default::default()),
            bounds: param_bounds,
            default: None,
        })]
        .into_iter()
        .collect(),
        gt_token: Some(Default::default()),
        where_clause: None,
    };
    let blanket = syn::Item::Impl(syn::ItemImpl {
        attrs: Vec::new(),
        modifiers: Default::default(),
        unsafety: None,
        impl_token: Default::default(),
        generics,
        trait_: Some((ast::ident_path(ident(&node.trait_name)), Default::default())),
        self_ty: Box::new(ast::ty(ast::ident_path(t))),
        brace_token: Default::default(),
        items: Vec::new(),
    });
    vec![trait_item, blanket]
}
