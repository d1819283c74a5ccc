//! Constants describing the mixin, and its type definitions.

use super::data::{default_impl, type_tokens};
use super::docs::doc;
use super::{ident, EmitOptions};
use crate::model::{DependencyKind, EnumDef, Field, MetricKind, Mixin, StructDef, TypeDef};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

pub fn constants(mixin: &Mixin) -> TokenStream {
    let name = &mixin.name;
    let description = &mixin.description;
    let [major, minor, patch] =
        [mixin.version.major, mixin.version.minor, mixin.version.patch].map(Literal::u64_unsuffixed);
    let nodes = mixin.node_types.iter().map(|n| {
        let v = proc_macro2::Ident::new(n.variant(), proc_macro2::Span::call_site());
        quote!(super::NodeType::#v)
    });
    let actions = mixin.actions.iter().map(|a| {
        let (name, description, required) = (&a.name, &a.description, a.required);
        let timeout = Literal::u64_unsuffixed(a.timeout_ms);
        let inputs = a.inputs.iter().map(|p| &p.name);
        let outputs = a.outputs.iter().map(|p| &p.name);
        quote! {
            super::ActionSpec {
                name: #name,
                description: #description,
                required: #required,
                timeout: ::core::time::Duration::from_millis(#timeout),
                inputs: &[#(#inputs),*],
                outputs: &[#(#outputs),*],
            }
        }
    });
    let metrics = mixin.metrics.iter().map(|m| {
        let (name, description, labels) = (&m.name, &m.description, &m.labels);
        let kind = match m.kind {
            MetricKind::Counter => quote!(Counter),
            MetricKind::Gauge => quote!(Gauge),
            MetricKind::Histogram => quote!(Histogram),
        };
        let buckets = m.buckets.iter().map(|b| Literal::f64_unsuffixed(*b));
        quote! {
            super::MetricSpec {
                name: #name,
                kind: super::MetricKind::#kind,
                description: #description,
                labels: &[#(#labels),*],
                buckets: &[#(#buckets),*],
            }
        }
    });
    let deps = |list: &[crate::model::Dependency]| -> Vec<TokenStream> {
        list.iter()
            .map(|d| {
                let (name, description, optional) = (&d.name, &d.description, d.optional);
                let kind = match d.kind {
                    DependencyKind::Capability => quote!(Capability),
                    DependencyKind::Protocol => quote!(Protocol),
                    DependencyKind::Service => quote!(Service),
                    DependencyKind::Resource => quote!(Resource),
                };
                quote! {
                    super::DependencySpec {
                        name: #name,
                        kind: super::DependencyKind::#kind,
                        description: #description,
                        optional: #optional,
                    }
                }
            })
            .collect()
    };
    let provides = deps(&mixin.provides);
    let requires = deps(&mixin.requires);
    let module = mixin.module.name.as_str();
    quote! {
        /// The contract's `mixin_name`.
        pub const NAME: &str = #name;
        /// The contract's `mixin_version`.
        pub const VERSION: super::Version = super::Version { major: #major, minor: #minor, patch: #patch };
        /// The contract's `description`.
        pub const DESCRIPTION: &str = #description;
        /// The node types this mixin applies to.
        pub const APPLICABLE_NODE_TYPES: &[super::NodeType] = &[#(#nodes),*];
        /// Every action, in contract order.
        pub const ACTIONS: &[super::ActionSpec] = &[#(#actions),*];
        /// The metrics this mixin collects.
        pub const METRICS: &[super::MetricSpec] = &[#(#metrics),*];
        /// What this mixin provides (`dependencies`).
        pub const DEPENDENCIES: &[super::DependencySpec] = &[#(#provides),*];
        /// What this mixin needs (`requires_dependencies`).
        pub const REQUIRED_DEPENDENCIES: &[super::DependencySpec] = &[#(#requires),*];
        /// Everything above, in one value.
        pub const MIXIN: super::MixinSpec = super::MixinSpec {
            name: NAME,
            module: #module,
            version: VERSION,
            description: DESCRIPTION,
            applicable_node_types: APPLICABLE_NODE_TYPES,
            actions: ACTIONS,
            metrics: METRICS,
            dependencies: DEPENDENCIES,
            required_dependencies: REQUIRED_DEPENDENCIES,
        };
    }
}

pub fn type_defs(mixin: &Mixin, options: &EmitOptions) -> TokenStream {
    let mut out = TokenStream::new();
    for def in &mixin.types {
        let path = format!("{}.{}", mixin.module.name, def.name().name);
        let extra: Vec<&TokenStream> = options
            .type_attributes
            .iter()
            .filter(|(pattern, _)| pattern == "." || path.starts_with(pattern.as_str()))
            .map(|(_, attr)| attr)
            .collect();
        out.extend(match def {
            TypeDef::Struct(s) => structure(mixin, s, options, &extra),
            TypeDef::Enum(e) => enumeration(e, options, &extra),
            TypeDef::Alias(a) => {
                let name = ident(&a.name);
                let target = type_tokens(&a.target, options);
                let docs = doc(&a.doc);
                quote! {
                    #docs
                    pub type #name = #target;
                }
            }
        });
    }
    out
}

fn serde_rename(wire: &str, rust: &str) -> Option<TokenStream> {
    (wire != rust).then(|| quote!(#[serde(rename = #wire)]))
}

fn structure(mixin: &Mixin, s: &StructDef, options: &EmitOptions, extra: &[&TokenStream]) -> TokenStream {
    let name = ident(&s.name);
    let docs = doc(&s.doc);
    let derive_serde = options.serde.then(|| quote!(::serde::Serialize, ::serde::Deserialize,));
    // Data with defaults: a partial override keeps the other defaults; a typo is an error.
    let container = (options.serde && s.defaults.is_some()).then(|| quote!(#[serde(default, deny_unknown_fields)]));
    let fields = s.fields.iter().map(|f| field(f, options));
    let default = s.defaults.as_ref().map(|values| default_impl(mixin, s, values, options));
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, #derive_serde)]
        #container
        #(#extra)*
        pub struct #name {
            #(#fields)*
        }
        #default
    }
}

fn field(f: &Field, options: &EmitOptions) -> TokenStream {
    let name = ident(&f.ident);
    let ty = type_tokens(&f.ty, options);
    let docs = if f.doc.is_empty() { doc(&format!("`{}`", f.wire)) } else { doc(&f.doc) };
    let rename = options.serde.then(|| serde_rename(&f.wire, &f.ident.name)).flatten();
    quote! {
        #docs
        #rename
        pub #name: #ty,
    }
}

fn enumeration(e: &EnumDef, options: &EmitOptions, extra: &[&TokenStream]) -> TokenStream {
    let name = ident(&e.name);
    let docs = doc(&e.doc);
    let derive_serde = options.serde.then(|| quote!(::serde::Serialize, ::serde::Deserialize,));
    let variants = e.variants.iter().map(|v| {
        let id = ident(&v.ident);
        let rename = options.serde.then(|| serde_rename(&v.wire, &v.ident.name)).flatten();
        let vdoc = doc(&format!("`{}`", v.wire));
        quote!(#vdoc #rename #id,)
    });
    let idents: Vec<_> = e.variants.iter().map(|v| ident(&v.ident)).collect();
    let wires: Vec<&String> = e.variants.iter().map(|v| &v.wire).collect();
    let type_name = e.name.name.as_str();
    quote! {
        #docs
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, #derive_serde)]
        #(#extra)*
        pub enum #name {
            #(#variants)*
        }
        impl #name {
            /// Every value, in contract order.
            pub const ALL: &'static [Self] = &[#(Self::#idents),*];
            /// The value as the contract writes it.
            pub const fn as_str(self) -> &'static str {
                match self {
                    #(Self::#idents => #wires,)*
                }
            }
        }
        impl ::core::fmt::Display for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl ::core::str::FromStr for #name {
            type Err = super::UnknownVariant;
            // Not `Self::Err`: an enum value named `Err` makes that ambiguous.
            fn from_str(s: &str) -> ::core::result::Result<Self, super::UnknownVariant> {
                match s {
                    #(#wires => ::core::result::Result::Ok(Self::#idents),)*
                    _ => ::core::result::Result::Err(super::UnknownVariant {
                        type_name: #type_name,
                        value: ::std::string::String::from(s),
                    }),
                }
            }
        }
    }
}
