//! Types as tokens, and contract values as Rust expressions (defaults and accessors).

use super::docs::doc;
use super::{ident, EmitOptions};
use crate::model::{Mixin, StructDef, TypeDef, TypeRef, Value};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

pub fn type_tokens(ty: &TypeRef, options: &EmitOptions) -> TokenStream {
    match ty {
        TypeRef::String => quote!(::std::string::String),
        TypeRef::Integer => quote!(i64),
        TypeRef::Float => quote!(f64),
        TypeRef::Bool => quote!(bool),
        TypeRef::Timestamp => options.timestamp_type.clone(),
        TypeRef::Object => options.object_type.clone(),
        TypeRef::Fallback => options.fallback_type.clone(),
        TypeRef::Dynamic => quote!(super::Value),
        TypeRef::List(item) => {
            let item = type_tokens(item, options);
            quote!(::std::vec::Vec<#item>)
        }
        TypeRef::Map(value) => {
            let value = type_tokens(value, options);
            quote!(::std::collections::BTreeMap<::std::string::String, #value>)
        }
        TypeRef::Optional(inner) => {
            let inner = type_tokens(inner, options);
            quote!(::core::option::Option<#inner>)
        }
        TypeRef::Named(name) => {
            let name = ident(name);
            quote!(#name)
        }
    }
}

/// `pub fn storage_backends() -> StorageBackends`: each data section's values.
pub fn accessors(mixin: &Mixin, options: &EmitOptions) -> TokenStream {
    let mut out = TokenStream::new();
    for section in mixin.configs.iter().chain(&mixin.sections) {
        let name = ident(&section.accessor);
        let ty = type_tokens(&section.ty, options);
        let value = expr(mixin, &section.ty, &section.value);
        let docs = doc(&format!("The contract's `{}` section, with the values the contract gives.", section.key));
        out.extend(quote! {
            #docs
            pub fn #name() -> #ty {
                #value
            }
        });
    }
    out
}

pub fn default_impl(mixin: &Mixin, s: &StructDef, values: &[Value], _options: &EmitOptions) -> TokenStream {
    let name = ident(&s.name);
    let fields = s.fields.iter().zip(values).map(|(f, v)| {
        let fname = ident(&f.ident);
        let value = expr(mixin, &f.ty, v);
        quote!(#fname: #value,)
    });
    quote! {
        impl ::core::default::Default for #name {
            /// The contract's values.
            fn default() -> Self {
                Self {
                    #(#fields)*
                }
            }
        }
    }
}

fn find_def<'m>(mixin: &'m Mixin, name: &crate::names::Ident) -> Option<&'m TypeDef> {
    mixin.types.iter().find(|d| d.name() == name)
}

/// A contract value as an expression of type `ty`. Validation inferred `ty` from this same value,
/// so they agree; anything else falls back to `Default::default()`.
pub fn expr(mixin: &Mixin, ty: &TypeRef, value: &Value) -> TokenStream {
    match (ty, value) {
        // Braced structs never take the value namespace, so `Some`/`None` cannot be shadowed.
        (TypeRef::Optional(_), Value::Null) => quote!(None),
        (TypeRef::Optional(inner), v) => {
            let inner = expr(mixin, inner, v);
            quote!(Some(#inner))
        }
        (TypeRef::String, Value::Str(s)) => quote!(::std::string::String::from(#s)),
        (TypeRef::Integer, Value::Int(i)) => int(*i),
        (TypeRef::Float, Value::Int(i)) => float(*i as f64),
        (TypeRef::Float, Value::Float(f)) => float(*f),
        (TypeRef::Bool, Value::Bool(b)) => quote!(#b),
        (TypeRef::Dynamic, v) => dynamic(v),
        (TypeRef::List(item), Value::List(items)) if items.is_empty() => {
            let _ = item;
            quote!(::std::vec::Vec::new())
        }
        (TypeRef::List(item), Value::List(items)) => {
            let items = items.iter().map(|v| expr(mixin, item, v));
            quote!(::std::vec::Vec::from([#(#items),*]))
        }
        (TypeRef::Map(_), Value::Map(entries)) if entries.is_empty() => quote!(::std::collections::BTreeMap::new()),
        (TypeRef::Map(inner), Value::Map(entries)) => {
            let entries = entries.iter().map(|(k, v)| {
                let v = expr(mixin, inner, v);
                quote!((::std::string::String::from(#k), #v))
            });
            quote!(::std::collections::BTreeMap::from([#(#entries),*]))
        }
        (TypeRef::Named(name), v) => match find_def(mixin, name) {
            Some(TypeDef::Alias(a)) => expr(mixin, &a.target, v),
            Some(TypeDef::Struct(s)) if s.defaults.is_some() => {
                let name = ident(name);
                quote!(<#name as ::core::default::Default>::default())
            }
            Some(TypeDef::Struct(s)) => {
                let name = ident(name);
                let fields = s.fields.iter().map(|f| {
                    let fname = ident(&f.ident);
                    let fv = match v {
                        Value::Map(entries) => entries.iter().find(|(k, _)| *k == f.wire).map(|(_, v)| v),
                        _ => None,
                    };
                    let fv = expr(mixin, &f.ty, fv.unwrap_or(&Value::Null));
                    quote!(#fname: #fv,)
                });
                quote!(#name { #(#fields)* })
            }
            _ => quote!(::core::default::Default::default()),
        },
        _ => quote!(::core::default::Default::default()),
    }
}

fn int(i: i64) -> TokenStream {
    if i < 0 {
        let abs = Literal::u64_unsuffixed(i.unsigned_abs());
        quote!(-#abs)
    } else {
        let lit = Literal::i64_unsuffixed(i);
        quote!(#lit)
    }
}

fn float(f: f64) -> TokenStream {
    if f.is_nan() {
        quote!(f64::NAN)
    } else if f.is_infinite() {
        if f > 0.0 {
            quote!(f64::INFINITY)
        } else {
            quote!(f64::NEG_INFINITY)
        }
    } else if f < 0.0 || (f == 0.0 && f.is_sign_negative()) {
        let lit = Literal::f64_unsuffixed(-f);
        quote!(-#lit)
    } else {
        let lit = Literal::f64_unsuffixed(f);
        quote!(#lit)
    }
}

fn dynamic(v: &Value) -> TokenStream {
    match v {
        Value::Null => quote!(super::Value::Null),
        Value::Bool(b) => quote!(super::Value::Bool(#b)),
        Value::Int(i) => {
            let i = int(*i);
            quote!(super::Value::Int(#i))
        }
        Value::Float(f) => {
            let f = float(*f);
            quote!(super::Value::Float(#f))
        }
        Value::Str(s) => quote!(super::Value::String(::std::string::String::from(#s))),
        Value::List(items) if items.is_empty() => quote!(super::Value::List(::std::vec::Vec::new())),
        Value::List(items) => {
            let items = items.iter().map(dynamic);
            quote!(super::Value::List(::std::vec::Vec::from([#(#items),*])))
        }
        Value::Map(entries) if entries.is_empty() => quote!(super::Value::Map(::std::collections::BTreeMap::new())),
        Value::Map(entries) => {
            let entries = entries.iter().map(|(k, v)| {
                let v = dynamic(v);
                quote!((::std::string::String::from(#k), #v))
            });
            quote!(super::Value::Map(::std::collections::BTreeMap::from([#(#entries),*])))
        }
    }
}
