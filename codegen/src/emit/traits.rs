//! One trait per mixin, one method per action.

use super::docs::{doc, gap};
use super::{ident, EmitOptions};
use crate::model::{Action, Mixin};
use proc_macro2::TokenStream;
use quote::quote;

pub fn actions_trait(mixin: &Mixin, options: &EmitOptions) -> TokenStream {
    let name = ident(&mixin.trait_name);
    let methods = mixin.actions.iter().map(|a| method(a, options));
    let head = doc(&format!(
        "The actions of `{}`: implement this for a node that uses the mixin.\n\nRequired actions have no default; the others answer [`super::NotImplemented`] until implemented.",
        mixin.name
    ));
    quote! {
        #head
        pub trait #name {
            /// The error every action returns. Optional actions that are not implemented return it
            /// built from [`super::NotImplemented`].
            type Error: ::core::convert::From<super::NotImplemented> + ::core::marker::Send;
            #(#methods)*
        }
    }
}

fn method(action: &Action, options: &EmitOptions) -> TokenStream {
    let name = ident(&action.method);
    let wire = &action.name;
    let mut docs = doc(&action.description);
    docs.extend(gap());
    let required = if action.required { "Required" } else { "Optional" };
    docs.extend(doc(&format!("{required} action `{}`, timeout {} ms.", action.name, action.timeout_ms)));
    let param = action.input.as_ref().map(|i| {
        let i = ident(i);
        quote!(, input: #i)
    });
    let output = match &action.output {
        Some(o) => {
            let o = ident(o);
            quote!(#o)
        }
        None => quote!(()),
    };
    let result = quote!(::core::result::Result<#output, Self::Error>);
    let ret = if options.async_methods {
        quote!(impl ::core::future::Future<Output = #result> + ::core::marker::Send)
    } else {
        result.clone()
    };
    if action.required {
        return quote! {
            #docs
            fn #name(&self #param) -> #ret;
        };
    }
    let discard = action.input.as_ref().map(|_| quote!(let _ = input;));
    let err = quote! {
        ::core::result::Result::Err(Self::Error::from(super::NotImplemented { mixin: NAME, action: #wire }))
    };
    let body = if options.async_methods { quote!(::core::future::ready(#err)) } else { err };
    quote! {
        #docs
        fn #name(&self #param) -> #ret {
            #discard
            #body
        }
    }
}
