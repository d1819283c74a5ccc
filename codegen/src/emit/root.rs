//! The root file: types every mixin module shares, one module per mixin, and a table of all.

use super::docs::doc_attrs;
use super::{ast, ident, EmitOptions};
use crate::names::Ident;
#[cfg(test)]
use proc_macro2::TokenStream;
use quote::quote;

/// What the root file needs to know of each mixin.
#[derive(Debug, Clone, PartialEq)]
pub struct MixinSummary {
    pub name: String,
    pub module: Ident,
    pub description: String,
    /// The generated file next to the root file (`error_handling.rs`).
    pub file_name: String,
    /// `mixin_version`: a reused module (`.reuse_mixin`) must have been generated from it.
    pub version: crate::model::Version,
    /// The module's doc comment: [`module_doc`].
    pub doc: String,
}

impl MixinSummary {
    pub fn of(mixin: &crate::model::Mixin) -> Self {
        MixinSummary {
            name: mixin.name.clone(),
            module: mixin.module.clone(),
            description: mixin.description.clone(),
            file_name: format!("{}.rs", mixin.module.name),
            version: mixin.version,
            doc: module_doc(mixin),
        }
    }
}

/// What the root file needs to know of each node.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeSummary {
    pub name: String,
    pub module: Ident,
    pub description: String,
    /// The generated file, relative to the root file (`nodes/api_client_effect.rs`).
    pub file_name: String,
}

impl NodeSummary {
    pub fn of(node: &crate::model::Node) -> Self {
        NodeSummary {
            name: node.name.clone(),
            module: node.module.clone(),
            description: node.description.clone(),
            file_name: super::node::node_file_name(node),
        }
    }
}

/// One piece of the root file, in order.
pub enum RootChunk {
    /// Text already formatted: the shared types, which depend on no contract.
    Formatted(&'static str),
    /// Items to format.
    Items(syn::File),
}

/// Modules per formatted chunk: with thousands of mixins, one syntax tree for the whole file
/// would cost far more memory than the file itself.
const MODULES_PER_CHUNK: usize = 256;

/// The root file as a sequence of chunks, formatted one at a time.
pub fn root_file<'a>(mixins: &'a [MixinSummary], options: &EmitOptions) -> impl Iterator<Item = RootChunk> + use<'a> {
    root_file_with_nodes(mixins, &[], options)
}

/// The root file of mixins and node contracts: after the mixins, `pub mod nodes { .. }` with one
/// module per node, when there are any (without nodes the file is what [`root_file`] makes).
pub fn root_file_with_nodes<'a>(
    mixins: &'a [MixinSummary],
    nodes: &[NodeSummary],
    options: &EmitOptions,
) -> impl Iterator<Item = RootChunk> + use<'a> {
    let shared = match &options.shared_types {
        None => vec![RootChunk::Formatted(shared_types_text(options.serde, options.async_methods))],
        // The helper generated default methods call has this run's signature (a future or not),
        // so it is defined here; everything else is the other crate's.
        Some(path) => vec![
            RootChunk::Items(file(shared_uses(path, options.serde))),
            RootChunk::Formatted(not_implemented_text(options.async_methods)),
        ],
    }
    .into_iter()
    .chain(std::iter::once(RootChunk::Formatted(macros_text(options.serde))));
    let timestamp = RootChunk::Items(file([timestamp_alias(options)]));
    let reused = options.shared_types.clone().map(|path| (path, options.reused_mixins.clone()));
    let modules = mixins.chunks(MODULES_PER_CHUNK).map(move |chunk| {
        RootChunk::Items(file(chunk.iter().flat_map(|m| match &reused {
            Some((path, names)) if names.contains(&m.module.name) => reused_module(m, path),
            _ => vec![module(m)],
        })))
    });
    let table = RootChunk::Items(file([mixins_table(mixins)]));
    let nodes = (!nodes.is_empty()).then(|| RootChunk::Items(file([nodes_module(nodes)])));
    shared.into_iter().chain(std::iter::once(timestamp)).chain(modules).chain(std::iter::once(table)).chain(nodes)
}

/// The shared types a root file re-exports from `.shared_types_from(..)`'s path: every public
/// item of the shared types that users name, in rustfmt's order. `shared_lists_are_complete`
/// checks these lists against the shared types.
const SHARED_TYPES: &[&str] = &[
    "ActionSpec",
    "Bound",
    "Bounded",
    "Checked",
    "ConfigError",
    "DataValue",
    "DependencyKind",
    "DependencySpec",
    "MetricKind",
    "MetricSpec",
    "MixinSpec",
    "Node",
    "NodeType",
    "NotImplemented",
    "UnknownVariant",
    "Value",
    "Version",
    "Violation",
];

/// The `#[doc(hidden)]` helpers generated code calls (public in the shared types for this).
const SHARED_HELPERS: &[&str] = &["check_bounds", "check_item_bounds", "field_path"];

/// The helpers only serde output has, and calls.
const SERDE_HELPERS: &[&str] = &[
    "FieldValue",
    "Fields",
    "Tagged",
    "deserialize_fields",
    "deserialize_name",
    "deserialize_tagged_enum",
    "serialize_tagged",
];

/// `pub use <path>::{ActionSpec, ..};` and `#[doc(hidden)] pub use <path>::{check_bounds, ..};`.
fn shared_uses(path: &syn::Path, serde: bool) -> Vec<syn::Item> {
    let types = doc_attrs(
        "The shared types, from the crate that generated them (`.shared_types_from(..)`): the same\ntypes as that crate's, not copies.",
    );
    let mut helpers = doc_attrs(
        "What the generated code calls, from the same crate. With serde on here, that crate must be\ngenerated with serde too: these then include `deserialize_fields`.",
    );
    helpers.push(ast::list_attr("doc", quote!(hidden)));
    let mut helper_names: Vec<&&str> = SHARED_HELPERS.iter().chain(if serde { SERDE_HELPERS } else { &[] }).collect();
    helper_names.sort();
    vec![use_group(types, path, SHARED_TYPES.iter()), use_group(helpers, path, helper_names.into_iter())]
}

/// `pub use path::{a, b};`
fn use_group<'a>(attrs: Vec<syn::Attribute>, path: &syn::Path, names: impl Iterator<Item = &'a &'a str>) -> syn::Item {
    let names = names
        .map(|name| syn::UseTree::Name(syn::UseName { ident: ast::ident(name) }))
        .collect::<syn::punctuated::Punctuated<_, syn::Token![,]>>();
    let group = syn::UseTree::Group(syn::UseGroup { brace_token: Default::default(), items: names });
    pub_use(attrs, path, group)
}

/// `pub use path::tree;`
fn pub_use(attrs: Vec<syn::Attribute>, path: &syn::Path, tree: syn::UseTree) -> syn::Item {
    let tree = path.segments.iter().rev().fold(tree, |tree, segment| {
        syn::UseTree::Path(syn::UsePath {
            ident: segment.ident.clone(),
            colon2_token: Default::default(),
            tree: Box::new(tree),
        })
    });
    syn::Item::Use(syn::ItemUse {
        attrs,
        vis: syn::Visibility::Public(Default::default()),
        use_token: Default::default(),
        leading_colon: path.leading_colon,
        tree,
        semi_token: Default::default(),
    })
}

/// `pub mod nodes { pub struct SubcontractSpec { .. } pub mod <node> { include!("nodes/<node>.rs"); } .. }`
fn nodes_module(nodes: &[NodeSummary]) -> syn::Item {
    let spec_doc = doc_attrs("One entry of a node contract's `subcontracts`: the field of the node's contract struct\nand the mixin whose `Configuration` it holds.");
    let mut spec_attrs = spec_doc;
    spec_attrs.push(ast::list_attr("derive", quote!(Debug, Clone, Copy, PartialEq)));
    let static_str = ast::static_ref(ast::ty(ast::path(false, &["str"])));
    let spec = ast::item_struct(
        spec_attrs,
        ast::ident("SubcontractSpec"),
        vec![
            ast::field(
                doc_attrs("`integration_field`: the field of the node's contract struct."),
                ast::ident("integration_field"),
                static_str.clone(),
            ),
            ast::field(
                doc_attrs("`path`, as the node contract writes it (relative to the node contract)."),
                ast::ident("path"),
                static_str,
            ),
            ast::field(
                doc_attrs("The mixin it names."),
                ast::ident("mixin"),
                ast::static_ref(ast::ty(ast::path(false, &["super", "MixinSpec"]))),
            ),
        ],
    );
    let mut items = vec![spec];
    items.extend(nodes.iter().map(|n| {
        let mut attrs = doc_attrs(&n.description);
        attrs.push(ast::doc_attr(""));
        attrs.extend(doc_attrs(&format!("Generated from the node contract `{}`.", n.name)));
        attrs.push(ast::list_attr("allow", quote!(missing_docs, clippy::approx_constant, clippy::excessive_precision)));
        include_module(attrs, &n.module, &n.file_name)
    }));
    syn::Item::Mod(syn::ItemMod {
        attrs: doc_attrs("The node contracts: one module per node, named by its `node_name`."),
        vis: syn::Visibility::Public(Default::default()),
        unsafety: None,
        mod_token: Default::default(),
        ident: ast::ident(super::node::NODES_MODULE),
        content: Some((Default::default(), items)),
        semi: None,
    })
}

/// `pub type Timestamp = ..;`: every `timestamp`/`datetime` value has this type, so
/// `.timestamp_type(..)` changes one line.
fn timestamp_alias(options: &EmitOptions) -> syn::Item {
    let target =
        options.timestamp_type.clone().unwrap_or_else(|| ast::ty(ast::path(true, &["std", "string", "String"])));
    let attrs = doc_attrs(
        "The type of `timestamp` and `datetime` values: RFC 3339 text, unless the build chose another\n(`.timestamp_type(..)`).",
    );
    syn::Item::Type(syn::ItemType {
        attrs,
        vis: syn::Visibility::Public(Default::default()),
        modifiers: Default::default(),
        type_token: Default::default(),
        ident: ast::ident("Timestamp"),
        generics: Default::default(),
        eq_token: Default::default(),
        ty: Box::new(target),
        semi_token: Default::default(),
        where_clause_placement: syn::WhereClausePlacement::Late,
    })
}

fn file(items: impl IntoIterator<Item = syn::Item>) -> syn::File {
    syn::File { shebang: None, frontmatter: None, attrs: Vec::new(), items: items.into_iter().collect() }
}

/// What rustdoc shows first of a mixin's module, and a reviewer sees of it in the root file: the
/// contract's description, where it comes from and what it applies to, and a table of its actions
/// (the trait's methods).
pub fn module_doc(mixin: &crate::model::Mixin) -> String {
    let every = crate::model::NodeType::ALL.iter().all(|t| mixin.node_types.contains(t));
    let node_types = match every {
        true => "every node type".to_string(),
        false => {
            format!("{} nodes", crate::each::and_list(&crate::each::map(&mixin.node_types, &mut |t| t.wire()), "no"))
        }
    };
    let mut doc = format!(
        "{}\n\nGenerated from the contract `{}`, version {}, for {node_types}.",
        mixin.description.trim(),
        mixin.name,
        mixin.version,
    );
    if mixin.actions.is_empty() {
        return doc;
    }
    doc.push_str(&format!("\n\nIts actions, the methods of `{}`:\n\n", mixin.trait_name));
    doc.push_str("| Action | Kind | Timeout | What it does |\n|---|---|---:|---|");
    for action in &mixin.actions {
        let kind = if action.required { "required" } else { "optional" };
        doc.push_str(&format!(
            "\n| `{}` | {kind} | {} ms | {} |",
            action.name,
            action.timeout_ms,
            table_cell(&action.description)
        ));
    }
    doc
}

/// Text that stays in one cell of a Markdown table: one line, no column separator.
fn table_cell(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").replace('|', "\\|")
}

/// `pub mod error_handling { include!("error_handling.rs"); }` with [`module_doc`].
fn module(m: &MixinSummary) -> syn::Item {
    let mut attrs = doc_attrs(&m.doc);
    // Fields the contract says nothing about have no doc comment rather than one restating their type.
    attrs.push(ast::list_attr("allow", quote!(missing_docs, clippy::approx_constant, clippy::excessive_precision)));
    include_module(attrs, &m.module, &m.file_name)
}

/// `pub use <path>::error_handling;`: the module the crate at `path` generated from the same
/// contract, so that both crates' code (node modules here included) name the same types; and a
/// check, when this crate compiles, that it was generated from the same `mixin_version`.
fn reused_module(m: &MixinSummary, path: &syn::Path) -> Vec<syn::Item> {
    let mut attrs = doc_attrs(&m.description);
    attrs.push(ast::doc_attr(""));
    attrs.extend(doc_attrs(&format!(
        "Generated from the contract `{}`, by the crate of the shared types\n(`.reuse_mixin(..)`).",
        m.name
    )));
    let reexport = pub_use(attrs, path, syn::UseTree::Name(syn::UseName { ident: ident(&m.module) }));
    let module = ident(&m.module);
    let number = proc_macro2::Literal::u64_unsuffixed;
    let (major, minor, patch) = (number(m.version.major), number(m.version.minor), number(m.version.patch));
    let message = format!(
        "the reused module `{}` was generated from another mixin_version than {}, which this crate's contract has",
        m.module.name, m.version
    );
    let check = quote! {
        #module::VERSION.major == #major && #module::VERSION.minor == #minor && #module::VERSION.patch == #patch,
        #message
    };
    let assert = syn::Expr::Macro(syn::ExprMacro {
        attrs: Vec::new(),
        mac: syn::Macro {
            path: ast::path(false, &["assert"]),
            bang_token: Default::default(),
            delimiter: syn::MacroDelimiter::Paren(Default::default()),
            tokens: check,
        },
    });
    let unit = ast::tuple_type(Vec::new());
    let check = syn::Item::Const(syn::ItemConst {
        attrs: Vec::new(),
        vis: syn::Visibility::Inherited,
        modifiers: Default::default(),
        const_token: Default::default(),
        ident: proc_macro2::Ident::new("_", proc_macro2::Span::call_site()),
        generics: Default::default(),
        colon_token: Default::default(),
        ty: Box::new(unit),
        eq_token: Default::default(),
        expr: Box::new(assert),
        semi_token: Default::default(),
    });
    vec![reexport, check]
}

/// `pub mod name { include!("file"); }`
fn include_module(attrs: Vec<syn::Attribute>, name: &Ident, file: &str) -> syn::Item {
    let include = syn::Item::Macro(syn::ItemMacro {
        attrs: Vec::new(),
        ident: None,
        mac: syn::Macro {
            path: ast::path(false, &["include"]),
            bang_token: Default::default(),
            delimiter: syn::MacroDelimiter::Paren(Default::default()),
            tokens: quote!(#file),
        },
        semi_token: Some(Default::default()),
    });
    syn::Item::Mod(syn::ItemMod {
        attrs,
        vis: syn::Visibility::Public(Default::default()),
        unsafety: None,
        mod_token: Default::default(),
        ident: ident(name),
        content: Some((Default::default(), vec![include])),
        semi: None,
    })
}

/// `pub const MIXINS: &[&MixinSpec] = &[&error_handling::MIXIN, ...];`
fn mixins_table(mixins: &[MixinSummary]) -> syn::Item {
    let entries =
        mixins.iter().map(|m| ast::ref_expr(ast::path_expr(ast::assoc(ast::ident_path(ident(&m.module)), "MIXIN"))));
    let spec = ast::reference(ast::ty(ast::path(false, &["MixinSpec"])));
    ast::item_const(
        " Every mixin generated here, by name.",
        "MIXINS",
        ast::reference(ast::slice(spec)),
        ast::ref_array(entries.collect()),
    )
}

/// The shared types as formatted text, rendered from [`shared_types`] and kept in the crate:
/// they depend only on the serde and blocking options, and formatting them on every run cost more than a
/// contract. `shared_types_are_up_to_date` fails when the two disagree.
fn shared_types_text(serde: bool, async_methods: bool) -> &'static str {
    match (serde, async_methods) {
        (true, true) => include_str!("shared/serde_async.rs.txt"),
        (true, false) => include_str!("shared/serde_blocking.rs.txt"),
        (false, true) => include_str!("shared/plain_async.rs.txt"),
        (false, false) => include_str!("shared/plain_blocking.rs.txt"),
    }
}

/// The macros module files call, formatted (rendered from [`super::macros::macros`]): every root
/// file defines them, as a `macro_rules!` macro is not re-exported across crates.
fn macros_text(serde: bool) -> &'static str {
    if serde {
        include_str!("shared/macros_serde.rs.txt")
    } else {
        include_str!("shared/macros_plain.rs.txt")
    }
}

/// `not_implemented`, formatted: the one shared item a root file that re-exports the others
/// defines (rendered from [`not_implemented`], checked like the shared types).
fn not_implemented_text(async_methods: bool) -> &'static str {
    if async_methods {
        include_str!("shared/not_implemented_async.rs.txt")
    } else {
        include_str!("shared/not_implemented_blocking.rs.txt")
    }
}

/// The helper generated default methods call for optional actions, in the shape of the run's
/// trait methods.
#[cfg(test)]
fn not_implemented(async_methods: bool) -> TokenStream {
    if async_methods {
        quote! {
            /// The answer of an optional action that a node does not implement: a ready future
            /// of [`NotImplemented`], converted into the node's error type. Called by the generated
            /// default methods, not by users.
            #[doc(hidden)]
            pub fn not_implemented<T, E: ::core::convert::From<NotImplemented>>(
                mixin: &'static str,
                action: &'static str,
            ) -> ::core::future::Ready<::core::result::Result<T, E>> {
                ::core::future::ready(::core::result::Result::Err(E::from(NotImplemented { mixin, action })))
            }
        }
    } else {
        quote! {
            /// The answer of an optional action that a node does not implement: [`NotImplemented`],
            /// converted into the node's error type. Called by the generated default methods, not
            /// by users.
            #[doc(hidden)]
            pub fn not_implemented<T, E: ::core::convert::From<NotImplemented>>(
                mixin: &'static str,
                action: &'static str,
            ) -> ::core::result::Result<T, E> {
                ::core::result::Result::Err(E::from(NotImplemented { mixin, action }))
            }
        }
    }
}

#[cfg(test)]
fn shared_types(options: &EmitOptions) -> TokenStream {
    let not_implemented = not_implemented(options.async_methods);
    let serde_derive = options.serde.then(|| quote!(::serde::Serialize, ::serde::Deserialize,));
    let value_serde = options.serde.then(|| {
        quote! {
            impl ::serde::Serialize for Value {
                fn serialize<S: ::serde::Serializer>(
                    &self,
                    serializer: S,
                ) -> ::core::result::Result<S::Ok, S::Error> {
                    match self {
                        Value::Null => serializer.serialize_unit(),
                        Value::Bool(b) => serializer.serialize_bool(*b),
                        Value::Int(i) => serializer.serialize_i64(*i),
                        Value::UInt(u) => serializer.serialize_u64(*u),
                        Value::Float(f) => serializer.serialize_f64(*f),
                        Value::String(s) => serializer.serialize_str(s),
                        Value::List(items) => serializer.collect_seq(items),
                        Value::Map(entries) => serializer.collect_map(entries),
                    }
                }
            }

            /// Any YAML or JSON value: whole numbers over the full `i64` and `u64` range, and
            /// mapping keys that are numbers, booleans or `null` (kept as their text).
            impl<'de> ::serde::Deserialize<'de> for Value {
                fn deserialize<D: ::serde::Deserializer<'de>>(
                    deserializer: D,
                ) -> ::core::result::Result<Self, D::Error> {
                    // Local items: the file is included where the user chooses, next to their own names.
                    struct AnyValue;

                    impl<'v> ::serde::de::Visitor<'v> for AnyValue {
                        type Value = Value;

                        fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                            f.write_str("any YAML or JSON value")
                        }

                        fn visit_bool<E>(self, b: bool) -> ::core::result::Result<Value, E> {
                            ::core::result::Result::Ok(Value::Bool(b))
                        }

                        fn visit_i64<E>(self, i: i64) -> ::core::result::Result<Value, E> {
                            ::core::result::Result::Ok(Value::Int(i))
                        }

                        fn visit_u64<E>(self, u: u64) -> ::core::result::Result<Value, E> {
                            ::core::result::Result::Ok(Value::from(u))
                        }

                        fn visit_i128<E: ::serde::de::Error>(self, i: i128) -> ::core::result::Result<Value, E> {
                            match (i64::try_from(i), u64::try_from(i)) {
                                (::core::result::Result::Ok(i), _) => ::core::result::Result::Ok(Value::Int(i)),
                                (_, ::core::result::Result::Ok(u)) => ::core::result::Result::Ok(Value::UInt(u)),
                                _ => ::core::result::Result::Err(E::custom("integer out of the range of i64 and u64")),
                            }
                        }

                        fn visit_u128<E: ::serde::de::Error>(self, u: u128) -> ::core::result::Result<Value, E> {
                            u64::try_from(u)
                                .map(Value::from)
                                .map_err(|_| E::custom("integer out of the range of u64"))
                        }

                        fn visit_f64<E>(self, f: f64) -> ::core::result::Result<Value, E> {
                            ::core::result::Result::Ok(Value::Float(f))
                        }

                        fn visit_str<E>(self, s: &str) -> ::core::result::Result<Value, E> {
                            ::core::result::Result::Ok(Value::from(s))
                        }

                        fn visit_string<E>(self, s: ::std::string::String) -> ::core::result::Result<Value, E> {
                            ::core::result::Result::Ok(Value::String(s))
                        }

                        fn visit_unit<E>(self) -> ::core::result::Result<Value, E> {
                            ::core::result::Result::Ok(Value::Null)
                        }

                        fn visit_none<E>(self) -> ::core::result::Result<Value, E> {
                            ::core::result::Result::Ok(Value::Null)
                        }

                        fn visit_some<D: ::serde::Deserializer<'v>>(
                            self,
                            deserializer: D,
                        ) -> ::core::result::Result<Value, D::Error> {
                            ::serde::Deserialize::deserialize(deserializer)
                        }

                        fn visit_seq<A: ::serde::de::SeqAccess<'v>>(
                            self,
                            mut seq: A,
                        ) -> ::core::result::Result<Value, A::Error> {
                            let mut items = ::std::vec::Vec::new();
                            while let ::core::option::Option::Some(item) = seq.next_element()? {
                                items.push(item);
                            }
                            ::core::result::Result::Ok(Value::List(items))
                        }

                        fn visit_map<A: ::serde::de::MapAccess<'v>>(
                            self,
                            mut map: A,
                        ) -> ::core::result::Result<Value, A::Error> {
                            /// A mapping key of any scalar kind, as text.
                            struct AnyKey(::std::string::String);

                            impl<'k> ::serde::Deserialize<'k> for AnyKey {
                                fn deserialize<D: ::serde::Deserializer<'k>>(
                                    deserializer: D,
                                ) -> ::core::result::Result<Self, D::Error> {
                                    let text = match <Value as ::serde::Deserialize>::deserialize(deserializer)? {
                                        Value::String(s) => s,
                                        Value::Null => ::std::string::String::from("null"),
                                        Value::Bool(b) => b.to_string(),
                                        Value::Int(i) => i.to_string(),
                                        Value::UInt(u) => u.to_string(),
                                        Value::Float(f) => ::std::format!("{f:?}"),
                                        Value::List(_) | Value::Map(_) => {
                                            return ::core::result::Result::Err(<D::Error as ::serde::de::Error>::custom(
                                                "a mapping key must be text, a number, a boolean or null",
                                            ));
                                        }
                                    };
                                    ::core::result::Result::Ok(AnyKey(text))
                                }
                            }

                            let mut entries = ::std::collections::BTreeMap::new();
                            while let ::core::option::Option::Some((key, value)) = map.next_entry::<AnyKey, Value>()? {
                                entries.insert(key.0, value);
                            }
                            ::core::result::Result::Ok(Value::Map(entries))
                        }
                    }

                    deserializer.deserialize_any(AnyValue)
                }
            }
        }
    });

    let bounds = bounds_types(options);
    let rename = |wire: &str| options.serde.then(|| quote!(#[serde(rename = #wire)]));
    let (compute, effect, reducer, orchestrator) =
        (rename("COMPUTE"), rename("EFFECT"), rename("REDUCER"), rename("ORCHESTRATOR"));
    quote! {
        /// The kinds of ONEX node a mixin can apply to.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, #serde_derive)]
        pub enum NodeType {
            /// `COMPUTE`
            #compute
            Compute,
            /// `EFFECT`
            #effect
            Effect,
            /// `REDUCER`
            #reducer
            Reducer,
            /// `ORCHESTRATOR`
            #orchestrator
            Orchestrator,
        }

        impl NodeType {
            /// Every node type.
            pub const ALL: &'static [NodeType] =
                &[NodeType::Compute, NodeType::Effect, NodeType::Reducer, NodeType::Orchestrator];
            /// The name contracts use (`COMPUTE`, ...).
            pub const fn as_str(self) -> &'static str {
                match self {
                    NodeType::Compute => "COMPUTE",
                    NodeType::Effect => "EFFECT",
                    NodeType::Reducer => "REDUCER",
                    NodeType::Orchestrator => "ORCHESTRATOR",
                }
            }
        }

        impl ::core::fmt::Display for NodeType {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::core::str::FromStr for NodeType {
            type Err = UnknownVariant;
            fn from_str(s: &str) -> ::core::result::Result<Self, Self::Err> {
                NodeType::ALL.iter().copied().find(|n| n.as_str() == s).ok_or_else(|| UnknownVariant {
                    type_name: "NodeType",
                    value: ::std::string::String::from(s),
                })
            }
        }

        /// A string that names none of an enum's values.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct UnknownVariant {
            /// The enum that was asked for.
            pub type_name: &'static str,
            /// The text that matched none of its values.
            pub value: ::std::string::String,
        }

        impl ::core::fmt::Display for UnknownVariant {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                write!(f, "`{}` is not a value of {}", self.value, self.type_name)
            }
        }

        impl ::std::error::Error for UnknownVariant {}

        /// A contract's `mixin_version`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct Version {
            /// Incompatible changes.
            pub major: u64,
            /// Compatible additions.
            pub minor: u64,
            /// Fixes.
            pub patch: u64,
        }

        impl Version {
            /// `major.minor.patch`.
            pub const fn new(major: u64, minor: u64, patch: u64) -> Self {
                Self { major, minor, patch }
            }
        }

        impl ::core::fmt::Display for Version {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
            }
        }

        /// An action of a mixin, as its contract declares it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct ActionSpec {
            /// The action's name, also the trait method's name.
            pub name: &'static str,
            /// What the action does.
            pub description: &'static str,
            /// Whether every node using the mixin must implement it.
            pub required: bool,
            /// How long the action may take.
            pub timeout: ::core::time::Duration,
            /// The names of its inputs.
            pub inputs: &'static [&'static str],
            /// The names of its outputs.
            pub outputs: &'static [&'static str],
        }

        /// What a metric measures.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum MetricKind {
            /// Only goes up.
            Counter,
            /// Goes up and down.
            Gauge,
            /// Counts observations into buckets.
            Histogram,
        }

        /// A metric a mixin collects.
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub struct MetricSpec {
            /// The metric's name.
            pub name: &'static str,
            /// Counter, gauge or histogram.
            pub kind: MetricKind,
            /// What it measures.
            pub description: &'static str,
            /// Label names.
            pub labels: &'static [&'static str],
            /// Histogram bucket bounds, strictly increasing (empty: the collector's defaults).
            pub buckets: &'static [f64],
        }

        /// What kind of thing a dependency is.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum DependencyKind {
            /// A capability.
            Capability,
            /// A protocol.
            Protocol,
            /// A service.
            Service,
            /// A resource.
            Resource,
        }

        /// A dependency a mixin provides or requires.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct DependencySpec {
            /// The dependency's name.
            pub name: &'static str,
            /// Capability, protocol, service or resource.
            pub kind: DependencyKind,
            /// What it is for.
            pub description: &'static str,
            /// Whether the mixin works without it.
            pub optional: bool,
        }

        /// Everything a contract declares about a mixin, as constants.
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub struct MixinSpec {
            /// `mixin_name`
            pub name: &'static str,
            /// The generated module's name.
            pub module: &'static str,
            /// `mixin_version`
            pub version: Version,
            /// `description`
            pub description: &'static str,
            /// `applicable_node_types`
            pub applicable_node_types: &'static [NodeType],
            /// `actions`
            pub actions: &'static [ActionSpec],
            /// `metrics`
            pub metrics: &'static [MetricSpec],
            /// `dependencies`
            pub dependencies: &'static [DependencySpec],
            /// `requires_dependencies`
            pub required_dependencies: &'static [DependencySpec],
        }

        impl MixinSpec {
            /// Whether the mixin may be used by a node of this type.
            pub fn applies_to(&self, node_type: NodeType) -> bool {
                self.applicable_node_types.contains(&node_type)
            }

            /// The action with this name.
            pub fn action(&self, name: &str) -> ::core::option::Option<&'static ActionSpec> {
                self.actions.iter().find(|a| a.name == name)
            }
        }

        /// What an optional action answers until a node implements it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct NotImplemented {
            /// The mixin's name.
            pub mixin: &'static str,
            /// The action's name.
            pub action: &'static str,
        }

        impl ::core::fmt::Display for NotImplemented {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                write!(f, "action `{}` of `{}` is not implemented", self.action, self.mixin)
            }
        }

        impl ::std::error::Error for NotImplemented {}

        #not_implemented

        /// A node: what every mixin's actions trait extends. A type that implements several
        /// mixins declares its error type once, here, and generic code over several mixins names
        /// `N::Error` without ambiguity.
        pub trait Node {
            /// The error every action of every mixin returns. Optional actions that are not
            /// implemented return it built from [`NotImplemented`].
            type Error: ::core::convert::From<NotImplemented> + ::core::marker::Send;
        }

        /// Any contract value: for `object`, for inputs and outputs with no declared type, and for
        /// contract data that is empty or mixes kinds. Build one with `From` (`Value::from("text")`,
        /// `5.into()`) and read it with the `as_*` accessors.
        #[derive(Debug, Clone, PartialEq, Default)]
        pub enum Value {
            /// `null`
            #[default]
            Null,
            /// `true` or `false`
            Bool(bool),
            /// A whole number that fits an `i64`.
            Int(i64),
            /// A whole number above `i64::MAX` (only those: `From` and deserializing give `Int`
            /// for every number that fits one).
            UInt(u64),
            /// A number with a fraction.
            Float(f64),
            /// Text.
            String(::std::string::String),
            /// A list.
            List(::std::vec::Vec<Value>),
            /// A mapping, in sorted key order. Keys that are not text in YAML (`1: a`, `true: b`)
            /// are kept as their text (`"1"`, `"true"`).
            Map(::std::collections::BTreeMap<::std::string::String, Value>),
        }

        impl Value {
            /// Whether it is `null`.
            pub fn is_null(&self) -> bool {
                matches!(self, Value::Null)
            }

            /// The boolean, if it is one.
            pub fn as_bool(&self) -> ::core::option::Option<bool> {
                match self {
                    Value::Bool(b) => ::core::option::Option::Some(*b),
                    _ => ::core::option::Option::None,
                }
            }

            /// The whole number, if it is one that fits an `i64`.
            pub fn as_i64(&self) -> ::core::option::Option<i64> {
                match self {
                    Value::Int(i) => ::core::option::Option::Some(*i),
                    _ => ::core::option::Option::None,
                }
            }

            /// The whole number, if it is one that fits a `u64`.
            pub fn as_u64(&self) -> ::core::option::Option<u64> {
                match self {
                    Value::Int(i) => u64::try_from(*i).ok(),
                    Value::UInt(u) => ::core::option::Option::Some(*u),
                    _ => ::core::option::Option::None,
                }
            }

            /// The number, whole or not (a whole number beyond 2^53 is rounded).
            pub fn as_f64(&self) -> ::core::option::Option<f64> {
                match self {
                    Value::Int(i) => ::core::option::Option::Some(*i as f64),
                    Value::UInt(u) => ::core::option::Option::Some(*u as f64),
                    Value::Float(f) => ::core::option::Option::Some(*f),
                    _ => ::core::option::Option::None,
                }
            }

            /// The text, if it is text.
            pub fn as_str(&self) -> ::core::option::Option<&str> {
                match self {
                    Value::String(s) => ::core::option::Option::Some(s),
                    _ => ::core::option::Option::None,
                }
            }

            /// The items, if it is a list.
            pub fn as_list(&self) -> ::core::option::Option<&[Value]> {
                match self {
                    Value::List(items) => ::core::option::Option::Some(items),
                    _ => ::core::option::Option::None,
                }
            }

            /// The entries, if it is a mapping.
            pub fn as_map(
                &self,
            ) -> ::core::option::Option<&::std::collections::BTreeMap<::std::string::String, Value>> {
                match self {
                    Value::Map(entries) => ::core::option::Option::Some(entries),
                    _ => ::core::option::Option::None,
                }
            }

            /// The value at `key`, if it is a mapping that has one.
            pub fn get(&self, key: &str) -> ::core::option::Option<&Value> {
                self.as_map().and_then(|entries| entries.get(key))
            }
        }

        impl ::core::convert::From<bool> for Value {
            fn from(b: bool) -> Self {
                Value::Bool(b)
            }
        }

        impl ::core::convert::From<i64> for Value {
            fn from(i: i64) -> Self {
                Value::Int(i)
            }
        }

        impl ::core::convert::From<i32> for Value {
            fn from(i: i32) -> Self {
                Value::Int(i64::from(i))
            }
        }

        impl ::core::convert::From<u32> for Value {
            fn from(u: u32) -> Self {
                Value::Int(i64::from(u))
            }
        }

        impl ::core::convert::From<u64> for Value {
            fn from(u: u64) -> Self {
                i64::try_from(u).map_or(Value::UInt(u), Value::Int)
            }
        }

        impl ::core::convert::From<usize> for Value {
            fn from(u: usize) -> Self {
                Value::from(u as u64)
            }
        }

        impl ::core::convert::From<f64> for Value {
            fn from(f: f64) -> Self {
                Value::Float(f)
            }
        }

        impl ::core::convert::From<&str> for Value {
            fn from(s: &str) -> Self {
                Value::String(::std::string::String::from(s))
            }
        }

        impl ::core::convert::From<::std::string::String> for Value {
            fn from(s: ::std::string::String) -> Self {
                Value::String(s)
            }
        }

        impl<T: ::core::convert::Into<Value>> ::core::convert::From<::std::vec::Vec<T>> for Value {
            fn from(items: ::std::vec::Vec<T>) -> Self {
                Value::List(items.into_iter().map(::core::convert::Into::into).collect())
            }
        }

        impl ::core::convert::From<::std::collections::BTreeMap<::std::string::String, Value>> for Value {
            fn from(entries: ::std::collections::BTreeMap<::std::string::String, Value>) -> Self {
                Value::Map(entries)
            }
        }

        impl<T: ::core::convert::Into<Value>> ::core::convert::From<::core::option::Option<T>> for Value {
            /// `None` is `null`.
            fn from(v: ::core::option::Option<T>) -> Self {
                v.map_or(Value::Null, ::core::convert::Into::into)
            }
        }

        #value_serde

        /// A value in a data section that is empty or mixes kinds: [`Value`]'s borrowed twin,
        /// held in the program's read-only data like the rest of the section.
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub enum DataValue {
            /// `null`
            Null,
            /// `true` or `false`
            Bool(bool),
            /// A whole number.
            Int(i64),
            /// A number with a fraction.
            Float(f64),
            /// Text.
            String(&'static str),
            /// A list.
            List(&'static [DataValue]),
            /// A mapping with string keys, in contract order.
            Map(&'static [(&'static str, DataValue)]),
        }

        #bounds
    }
}

/// What checks the bounds of configuration fields (field specs): the bounds and the violations
/// `validate()` returns; with serde, how generated structs deserialize (which checks them).
#[cfg(test)]
fn bounds_types(options: &EmitOptions) -> TokenStream {
    let deserialize = super::macros::runtime(options.serde);
    quote! {
        /// A bound on a configuration value, from its contract's field spec.
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub enum Bound {
            /// `minimum`: at least this.
            Minimum(f64),
            /// `exclusiveMinimum`: above this.
            ExclusiveMinimum(f64),
            /// `maximum`: at most this.
            Maximum(f64),
            /// `exclusiveMaximum`: below this.
            ExclusiveMaximum(f64),
            /// `minLength`: at least this many characters.
            MinLength(usize),
            /// `maxLength`: at most this many characters.
            MaxLength(usize),
            /// `minItems`: at least this many items.
            MinItems(usize),
            /// `maxItems`: at most this many items.
            MaxItems(usize),
        }

        impl ::core::fmt::Display for Bound {
            /// What breaking the bound means: `above the maximum 100`.
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self {
                    Bound::Minimum(n) => write!(f, "below the minimum {n}"),
                    Bound::ExclusiveMinimum(n) => write!(f, "not above the exclusive minimum {n}"),
                    Bound::Maximum(n) => write!(f, "above the maximum {n}"),
                    Bound::ExclusiveMaximum(n) => write!(f, "not below the exclusive maximum {n}"),
                    Bound::MinLength(n) => write!(f, "shorter than the minimum length {n}"),
                    Bound::MaxLength(n) => write!(f, "longer than the maximum length {n}"),
                    Bound::MinItems(n) => write!(f, "fewer than the minimum of {n} items"),
                    Bound::MaxItems(n) => write!(f, "more than the maximum of {n} items"),
                }
            }
        }

        /// A configuration value that breaks a bound of its field spec.
        #[derive(Debug, Clone, PartialEq)]
        pub struct Violation {
            /// The field, with its path when nested (`retry.max_attempts`, `ports[2]`).
            pub field: ::std::string::String,
            /// The value, as text (`101`, `"ab" (2 characters)`, `a list of 0 items`).
            pub value: ::std::string::String,
            /// The bound it breaks.
            pub bound: Bound,
        }

        impl ::core::fmt::Display for Violation {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                write!(f, "`{}` is {}, {}", self.field, self.value, self.bound)
            }
        }

        /// Every bound a configuration breaks, in field order: what `validate()` returns, and
        /// the error deserializing a value that breaks a bound gives.
        #[derive(Debug, Clone, PartialEq, Default)]
        pub struct ConfigError {
            /// At least one.
            pub violations: ::std::vec::Vec<Violation>,
        }

        impl ConfigError {
            /// `Ok` when there are no violations.
            pub fn check(violations: ::std::vec::Vec<Violation>) -> ::core::result::Result<(), ConfigError> {
                if violations.is_empty() {
                    ::core::result::Result::Ok(())
                } else {
                    ::core::result::Result::Err(ConfigError { violations })
                }
            }
        }

        impl ::core::fmt::Display for ConfigError {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                for (i, v) in self.violations.iter().enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    write!(f, "{v}")?;
                }
                ::core::result::Result::Ok(())
            }
        }

        impl ::std::error::Error for ConfigError {}

        /// A value a bound can apply to: numbers, text, lists, and optional ones.
        pub trait Bounded {
            /// The value as text for a message, when it breaks `bound` (a bound of another kind of
            /// value never applies).
            fn breaks(&self, bound: Bound) -> ::core::option::Option<::std::string::String>;

        }

        /// A number breaks a bound it does not keep; NaN keeps none.
        fn number_breaks(n: f64, bound: Bound) -> bool {
            match bound {
                Bound::Minimum(m) => n.is_nan() || n < m,
                Bound::ExclusiveMinimum(m) => n.is_nan() || n <= m,
                Bound::Maximum(m) => n.is_nan() || n > m,
                Bound::ExclusiveMaximum(m) => n.is_nan() || n >= m,
                _ => false,
            }
        }

        impl Bounded for i64 {
            fn breaks(&self, bound: Bound) -> ::core::option::Option<::std::string::String> {
                number_breaks(*self as f64, bound).then(|| self.to_string())
            }
        }

        impl Bounded for f64 {
            fn breaks(&self, bound: Bound) -> ::core::option::Option<::std::string::String> {
                number_breaks(*self, bound).then(|| self.to_string())
            }
        }

        impl Bounded for ::std::string::String {
            fn breaks(&self, bound: Bound) -> ::core::option::Option<::std::string::String> {
                let n = self.chars().count();
                let broken = match bound {
                    Bound::MinLength(m) => n < m,
                    Bound::MaxLength(m) => n > m,
                    _ => false,
                };
                broken.then(|| ::std::format!("{self:?} ({n} characters)"))
            }
        }

        impl<T> Bounded for ::std::vec::Vec<T> {
            fn breaks(&self, bound: Bound) -> ::core::option::Option<::std::string::String> {
                let broken = match bound {
                    Bound::MinItems(m) => self.len() < m,
                    Bound::MaxItems(m) => self.len() > m,
                    _ => false,
                };
                broken.then(|| ::std::format!("a list of {} items", self.len()))
            }

        }

        impl<T: Bounded> Bounded for ::core::option::Option<T> {
            fn breaks(&self, bound: Bound) -> ::core::option::Option<::std::string::String> {
                self.as_ref().and_then(|v| v.breaks(bound))
            }
        }

        /// Adds a violation for each of `bounds` that `value` breaks; `path` is where the struct
        /// holding the field sits (empty at the top). Called by generated code, not by users.
        #[doc(hidden)]
        pub fn check_bounds<T: Bounded + ?Sized>(
            out: &mut ::std::vec::Vec<Violation>,
            path: &str,
            field: &str,
            value: &T,
            bounds: &[Bound],
        ) {
            for &bound in bounds {
                if let ::core::option::Option::Some(value) = value.breaks(bound) {
                    out.push(Violation { field: field_path(path, field), value, bound });
                }
            }
        }

        /// Adds a violation for each item of `items` that breaks one of `bounds`. Called by
        /// generated code, not by users.
        #[doc(hidden)]
        pub fn check_item_bounds<T: Bounded>(
            out: &mut ::std::vec::Vec<Violation>,
            path: &str,
            field: &str,
            items: &[T],
            bounds: &[Bound],
        ) {
            for (i, item) in items.iter().enumerate() {
                for &bound in bounds {
                    if let ::core::option::Option::Some(value) = item.breaks(bound) {
                        let field = ::std::format!("{}[{i}]", field_path(path, field));
                        out.push(Violation { field, value, bound });
                    }
                }
            }
        }

        /// A configuration struct whose fields (or the structs inside it) have bounds.
        pub trait Checked {
            /// Adds a violation for each bound a field breaks; `path` is where the value sits
            /// (empty at the top).
            fn collect_violations(&self, path: &str, out: &mut ::std::vec::Vec<Violation>);

            /// Every bound the value breaks, or `Ok`.
            fn validate(&self) -> ::core::result::Result<(), ConfigError> {
                let mut violations = ::std::vec::Vec::new();
                self.collect_violations("", &mut violations);
                ConfigError::check(violations)
            }
        }

        impl<T: Checked> Checked for ::core::option::Option<T> {
            fn collect_violations(&self, path: &str, out: &mut ::std::vec::Vec<Violation>) {
                if let ::core::option::Option::Some(v) = self {
                    v.collect_violations(path, out);
                }
            }
        }

        impl<T: Checked> Checked for ::std::vec::Vec<T> {
            fn collect_violations(&self, path: &str, out: &mut ::std::vec::Vec<Violation>) {
                for (i, v) in self.iter().enumerate() {
                    v.collect_violations(&::std::format!("{path}[{i}]"), out);
                }
            }
        }

        impl<K: ::core::fmt::Display, T: Checked> Checked for ::std::collections::BTreeMap<K, T> {
            fn collect_violations(&self, path: &str, out: &mut ::std::vec::Vec<Violation>) {
                for (k, v) in self {
                    v.collect_violations(&field_path(path, &k.to_string()), out);
                }
            }
        }

        /// `path.field`, or `field` at the top. Called by generated code, not by users.
        #[doc(hidden)]
        pub fn field_path(path: &str, field: &str) -> ::std::string::String {
            if path.is_empty() {
                ::std::string::String::from(field)
            } else {
                ::std::format!("{path}.{field}")
            }
        }

        #deserialize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The committed renderings of the shared types equal what `shared_types` formats to. After
    /// changing `shared_types`, run with `MIXIN_CODEGEN_BLESS=1` to rewrite them.
    #[test]
    fn shared_types_are_up_to_date() {
        for (serde, async_methods, file) in [
            (true, true, "serde_async.rs.txt"),
            (true, false, "serde_blocking.rs.txt"),
            (false, true, "plain_async.rs.txt"),
            (false, false, "plain_blocking.rs.txt"),
        ] {
            let options = EmitOptions { serde, async_methods, ..EmitOptions::default() };
            let rendered = crate::format::format_tokens(shared_types(&options)).expect("shared types parse");
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/emit/shared").join(file);
            if std::env::var_os("MIXIN_CODEGEN_BLESS").is_some() {
                std::fs::write(&path, &rendered).expect("write rendering");
                continue;
            }
            assert!(
                rendered == shared_types_text(serde, async_methods),
                "{} is stale: run `MIXIN_CODEGEN_BLESS=1 cargo test -p mixin-codegen --lib`",
                path.display()
            );
        }
        for (serde, file) in [(true, "macros_serde.rs.txt"), (false, "macros_plain.rs.txt")] {
            let rendered = crate::format::format_tokens(super::super::macros::macros(serde)).expect("macros parse");
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/emit/shared").join(file);
            if std::env::var_os("MIXIN_CODEGEN_BLESS").is_some() {
                std::fs::write(&path, &rendered).expect("write rendering");
                continue;
            }
            assert!(
                rendered == macros_text(serde),
                "{} is stale: run `MIXIN_CODEGEN_BLESS=1 cargo test -p mixin-codegen --lib`",
                path.display()
            );
        }
        for (async_methods, file) in
            [(true, "not_implemented_async.rs.txt"), (false, "not_implemented_blocking.rs.txt")]
        {
            let rendered = crate::format::format_tokens(not_implemented(async_methods)).expect("helper parses");
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/emit/shared").join(file);
            if std::env::var_os("MIXIN_CODEGEN_BLESS").is_some() {
                std::fs::write(&path, &rendered).expect("write rendering");
                continue;
            }
            assert!(
                rendered == not_implemented_text(async_methods),
                "{} is stale: run `MIXIN_CODEGEN_BLESS=1 cargo test -p mixin-codegen --lib`",
                path.display()
            );
        }
    }

    /// `(name, doc(hidden))` of every public item of a shared types rendering.
    fn public_items(text: &str) -> Vec<(String, bool)> {
        let file: syn::File = syn::parse_str(text).expect("the shared types parse");
        let hidden = |attrs: &[syn::Attribute]| {
            attrs
                .iter()
                .any(|a| a.path().is_ident("doc") && quote::ToTokens::to_token_stream(a).to_string().contains("hidden"))
        };
        let public = |vis: &syn::Visibility| matches!(vis, syn::Visibility::Public(_));
        let mut out = Vec::new();
        for item in &file.items {
            let (vis, ident, attrs) = match item {
                syn::Item::Struct(i) => (&i.vis, &i.ident, &i.attrs),
                syn::Item::Enum(i) => (&i.vis, &i.ident, &i.attrs),
                syn::Item::Trait(i) => (&i.vis, &i.ident, &i.attrs),
                syn::Item::Fn(i) => (&i.vis, &i.sig.ident, &i.attrs),
                syn::Item::Type(i) => (&i.vis, &i.ident, &i.attrs),
                syn::Item::Const(i) => (&i.vis, &i.ident, &i.attrs),
                syn::Item::Static(i) => (&i.vis, &i.ident, &i.attrs),
                syn::Item::Mod(i) => (&i.vis, &i.ident, &i.attrs),
                syn::Item::Macro(_) | syn::Item::Use(_) => panic!("the shared types define no macros or imports"),
                _ => continue,
            };
            if public(vis) {
                out.push((ident.to_string(), hidden(attrs)));
            }
        }
        out.sort();
        out
    }

    /// What a root file re-exports with `.shared_types_from(..)` is every public item of the
    /// shared types in that mode but `not_implemented` (which it defines), hidden ones hidden: a
    /// shared item added later cannot be missing from the re-exports.
    #[test]
    fn shared_lists_are_complete() {
        for serde in [true, false] {
            for async_methods in [true, false] {
                let mut expected: Vec<(String, bool)> = SHARED_TYPES
                    .iter()
                    .map(|n| (n.to_string(), false))
                    .chain(SHARED_HELPERS.iter().map(|n| (n.to_string(), true)))
                    .chain(if serde { SERDE_HELPERS } else { &[] }.iter().map(|n| (n.to_string(), true)))
                    .chain(std::iter::once(("not_implemented".to_string(), true)))
                    .collect();
                expected.sort();
                assert_eq!(
                    public_items(shared_types_text(serde, async_methods)),
                    expected,
                    "serde {serde}, async {async_methods}"
                );
            }
        }
        let mut sorted = SHARED_TYPES.to_vec();
        sorted.sort();
        assert_eq!(sorted, SHARED_TYPES, "in rustfmt's order, as `cargo fmt` would leave them");
    }
}
