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
    let shared = RootChunk::Formatted(shared_types_text(options.serde, options.async_methods));
    let modules = mixins.chunks(MODULES_PER_CHUNK).map(|chunk| RootChunk::Items(file(chunk.iter().map(module))));
    let table = RootChunk::Items(file([mixins_table(mixins)]));
    std::iter::once(shared).chain(modules).chain(std::iter::once(table))
}

fn file(items: impl IntoIterator<Item = syn::Item>) -> syn::File {
    syn::File { shebang: None, frontmatter: None, attrs: Vec::new(), items: items.into_iter().collect() }
}

/// `pub mod error_handling { include!("error_handling.rs"); }` with the contract's description.
fn module(m: &MixinSummary) -> syn::Item {
    let mut attrs = doc_attrs(&m.description);
    attrs.push(ast::doc_attr(""));
    attrs.extend(doc_attrs(&format!("Generated from the contract `{}`.", m.name)));
    attrs.push(ast::list_attr("allow", quote!(clippy::approx_constant, clippy::excessive_precision)));
    let file = &m.file_name;
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
        ident: ident(&m.module),
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
        " Every mixin generated here, in the order of their contract files.",
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

#[cfg(test)]
fn shared_types(options: &EmitOptions) -> TokenStream {
    let not_implemented = if options.async_methods {
        quote! {
            /// The answer of an optional action that a node does not implement: a ready future
            /// of [`NotImplemented`], converted into the node's error type.
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
            /// converted into the node's error type.
            pub fn not_implemented<T, E: ::core::convert::From<NotImplemented>>(
                mixin: &'static str,
                action: &'static str,
            ) -> ::core::result::Result<T, E> {
                ::core::result::Result::Err(E::from(NotImplemented { mixin, action }))
            }
        }
    };
    let serde_derive = options.serde.then(|| quote!(::serde::Serialize, ::serde::Deserialize,));
    let serde_untagged = options.serde.then(|| quote!(#[serde(untagged)]));
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
        /// contract data that is empty or mixes kinds.
        #[derive(Debug, Clone, PartialEq, Default, #serde_derive)]
        #serde_untagged
        pub enum Value {
            /// `null`
            #[default]
            Null,
            /// `true` or `false`
            Bool(bool),
            /// A whole number.
            Int(i64),
            /// A number with a fraction.
            Float(f64),
            /// Text.
            String(::std::string::String),
            /// A list.
            List(::std::vec::Vec<Value>),
            /// A mapping with string keys, in sorted order.
            Map(::std::collections::BTreeMap<::std::string::String, Value>),
        }
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
    }
}
