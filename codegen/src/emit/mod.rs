//! Stage 4: the checked model into Rust tokens. Contract text reaches the output only as
//! `quote` literals and identifiers made by `names`, so no contract can inject code.

mod data;
mod docs;
mod items;
mod root;
mod traits;

pub use root::{root_file, MixinSummary};

use crate::model::Mixin;
use proc_macro2::TokenStream;
use quote::quote;

/// How generated Rust should look: the user's choices from the builder or the CLI.
#[derive(Debug, Clone)]
pub struct EmitOptions {
    /// Trait methods return `impl Future + Send` (default) or are blocking.
    pub async_methods: bool,
    /// Derive serde's `Serialize`/`Deserialize` on generated types.
    pub serde: bool,
    pub timestamp_type: TokenStream,
    pub object_type: TokenStream,
    pub fallback_type: TokenStream,
    /// `(pattern, attribute)`: the attribute goes on every type whose `module.Type` path starts with
    /// the pattern (`.` for all).
    pub type_attributes: Vec<(String, TokenStream)>,
}

impl Default for EmitOptions {
    fn default() -> Self {
        EmitOptions {
            async_methods: true,
            serde: true,
            timestamp_type: quote!(::std::string::String),
            object_type: quote!(super::Value),
            fallback_type: quote!(super::Value),
            type_attributes: Vec::new(),
        }
    }
}

/// The tokens of one mixin's module file.
pub fn mixin_file(mixin: &Mixin, options: &EmitOptions) -> TokenStream {
    let constants = items::constants(mixin);
    let actions = traits::actions_trait(mixin, options);
    let accessors = data::accessors(mixin, options);
    let types = items::type_defs(mixin, options);
    quote! {
        #constants
        #actions
        #accessors
        #types
    }
}

pub(crate) fn ident(id: &crate::names::Ident) -> proc_macro2::Ident {
    if id.raw {
        proc_macro2::Ident::new_raw(&id.name, proc_macro2::Span::call_site())
    } else {
        proc_macro2::Ident::new(&id.name, proc_macro2::Span::call_site())
    }
}
