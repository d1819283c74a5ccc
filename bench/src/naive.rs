//! The "naive pipeline" baseline of issue 5, for the same contracts as ours:
//! read the file, `serde_yaml` into a `serde_yaml::Value`, build a `quote!` token stream
//! (one struct per config section with its fields and defaults, one struct per output
//! model, a trait with one method per action, consts), re-parse the tokens with
//! `syn::parse2::<syn::File>`, `prettyplease::unparse`, write the file.
//!
//! It validates nothing: whatever it cannot map it skips or maps to a string.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use serde_yaml::Value;

/// Stage times summed over all contracts (the same stages as ours; `validate` stays zero,
/// and `format` is split into the syn re-parse and prettyplease so its share shows).
#[derive(Debug, Default, Clone, Copy)]
pub struct NaiveTimings {
    pub load: Duration,
    pub parse: Duration,
    pub validate: Duration,
    pub emit: Duration,
    /// `syn::parse2::<syn::File>` of the token stream (part of `format`).
    pub reparse: Duration,
    /// `prettyplease::unparse` (part of `format`).
    pub unparse: Duration,
    pub write: Duration,
}

impl NaiveTimings {
    pub fn format(&self) -> Duration {
        self.reparse + self.unparse
    }
}

pub struct NaiveReport {
    pub timings: NaiveTimings,
    pub files_written: usize,
}

/// All `*.yaml` / `*.yml` files of `dir`, sorted.
pub fn contract_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
        .collect();
    files.sort();
    Ok(files)
}

/// Generates one `.rs` per contract of `input` into `out`, one contract at a time.
pub fn generate(input: &Path, out: &Path) -> Result<NaiveReport, String> {
    let files = contract_files(input).map_err(|e| format!("{}: {e}", input.display()))?;
    fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut t = NaiveTimings::default();
    let mut mods = Vec::with_capacity(files.len());
    for path in &files {
        let t0 = Instant::now();
        let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let t1 = Instant::now();
        let doc: Value = serde_yaml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let t2 = Instant::now();
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("mixin").to_string();
        let tokens = emit(&stem, &doc);
        let t3 = Instant::now();
        let file: syn::File = syn::parse2(tokens).map_err(|e| format!("{}: generated code: {e}", path.display()))?;
        let t4 = Instant::now();
        let code = prettyplease::unparse(&file);
        let t5 = Instant::now();
        let target = out.join(format!("{stem}.rs"));
        fs::write(&target, code).map_err(|e| format!("{}: {e}", target.display()))?;
        let t6 = Instant::now();
        t.load += t1 - t0;
        t.parse += t2 - t1;
        t.emit += t3 - t2;
        t.reparse += t4 - t3;
        t.unparse += t5 - t4;
        t.write += t6 - t5;
        mods.push(stem);
    }
    // The module index, like ours' mixins.rs.
    let t0 = Instant::now();
    let idents = mods.iter().map(|m| ident(m));
    let paths = mods.iter().map(|m| format!("/{m}.rs"));
    let index = quote! {
        #( pub mod #idents { include!(concat!(env!("OUT_DIR"), #paths)); } )*
    };
    let code = prettyplease::unparse(&syn::parse2(index).map_err(|e| e.to_string())?);
    let target = out.join("mixins.rs");
    fs::write(&target, code).map_err(|e| format!("{}: {e}", target.display()))?;
    t.write += t0.elapsed();
    Ok(NaiveReport { timings: t, files_written: files.len() + 1 })
}

fn ident(s: &str) -> Ident {
    // Naive: trusts the contract (the synthetic corpus only has valid snake_case names).
    Ident::new(s, Span::call_site())
}

fn camel(s: &str) -> Ident {
    let mut out = String::with_capacity(s.len());
    for part in s.split(|c: char| !c.is_ascii_alphanumeric()).filter(|p| !p.is_empty()) {
        let mut cs = part.chars();
        if let Some(f) = cs.next() {
            out.push(f.to_ascii_uppercase());
            out.extend(cs);
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'M');
    }
    Ident::new(&out, Span::call_site())
}

fn shouty(s: &str) -> Ident {
    Ident::new(&s.to_ascii_uppercase(), Span::call_site())
}

fn str_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}

fn model_type(v: &Value) -> TokenStream {
    match v {
        Value::String(s) => match s.as_str() {
            "integer" => quote!(i64),
            "float" => quote!(f64),
            "boolean" => quote!(bool),
            _ => quote!(::std::string::String),
        },
        Value::Mapping(m) => {
            let is_array = m.get("type").and_then(Value::as_str) == Some("array");
            match m.get("items") {
                Some(items) if is_array => {
                    let inner = model_type(items);
                    quote!(::std::vec::Vec<#inner>)
                }
                _ => quote!(::std::string::String),
            }
        }
        _ => quote!(::std::string::String),
    }
}

/// Config field type and default expression, inferred from the YAML value.
fn config_field(v: &Value) -> (TokenStream, TokenStream) {
    match v {
        Value::Bool(b) => (quote!(bool), quote!(#b)),
        Value::Number(n) if n.is_i64() => {
            let x = n.as_i64().unwrap_or_default();
            (quote!(i64), quote!(#x))
        }
        Value::Number(n) => {
            let x = n.as_f64().unwrap_or_default();
            (quote!(f64), quote!(#x))
        }
        Value::Sequence(items) => {
            let items = items.iter().map(str_of);
            (
                quote!(::std::vec::Vec<::std::string::String>),
                quote!(::std::vec![#(::std::string::String::from(#items)),*]),
            )
        }
        other => {
            let s = str_of(other);
            (quote!(::std::string::String), quote!(::std::string::String::from(#s)))
        }
    }
}

/// The token stream for one contract.
pub fn emit(stem: &str, doc: &Value) -> TokenStream {
    let name = doc.get("mixin_name").map(str_of).unwrap_or_else(|| stem.to_string());
    let short = name.strip_prefix("mixin_").unwrap_or(&name).to_string();
    let description = doc.get("description").map(str_of).unwrap_or_default();
    let ver = |k: &str| doc.get("mixin_version").and_then(|v| v.get(k)).and_then(Value::as_u64).unwrap_or(0);
    let (major, minor, patch) = (ver("major"), ver("minor"), ver("patch"));
    let node_types: Vec<String> = doc
        .get("applicable_node_types")
        .and_then(Value::as_sequence)
        .map(|s| s.iter().map(str_of).collect())
        .unwrap_or_default();

    // Config sections: every top-level mapping whose key ends in `_config`.
    let mut configs = Vec::new();
    if let Some(map) = doc.as_mapping() {
        for (k, v) in map {
            let (Some(key), Some(fields)) = (k.as_str(), v.as_mapping()) else { continue };
            if !key.ends_with("_config") {
                continue;
            }
            let ty = camel(key);
            let mut decls = Vec::new();
            let mut inits = Vec::new();
            for (fk, fv) in fields {
                let f = ident(&str_of(fk));
                let (t, d) = config_field(fv);
                decls.push(quote!(pub #f: #t));
                inits.push(quote!(#f: #d));
            }
            configs.push(quote! {
                #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
                pub struct #ty { #(#decls,)* }
                impl ::core::default::Default for #ty {
                    fn default() -> Self { Self { #(#inits,)* } }
                }
            });
        }
    }

    // Output models.
    let mut models = Vec::new();
    let mut model_names = Vec::new();
    if let Some(map) = doc.get("output_models").and_then(Value::as_mapping) {
        for (k, v) in map {
            let mname = str_of(k);
            let ty = camel(&mname);
            let fields = v.as_mapping().into_iter().flatten().map(|(fk, fv)| {
                let f = ident(&str_of(fk));
                let t = model_type(fv);
                quote!(pub #f: #t)
            });
            models.push(quote! {
                #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
                pub struct #ty { #(#fields,)* }
            });
            model_names.push(mname);
        }
    }

    // Actions: a trait method each, plus timeout/required consts.
    let mut methods = Vec::new();
    let mut consts = Vec::new();
    let mut action_names = Vec::new();
    for a in doc.get("actions").and_then(Value::as_sequence).into_iter().flatten() {
        let aname = a.get("name").map(str_of).unwrap_or_default();
        let adesc = a.get("description").map(str_of).unwrap_or_default();
        let m = ident(&aname);
        let params = a.get("inputs").and_then(Value::as_sequence).into_iter().flatten().map(|i| match i.get("name") {
            // `{name, type}`
            Some(n) => {
                let p = ident(&str_of(n));
                let t = i.get("type").map(model_type).unwrap_or_else(|| quote!(&str));
                quote!(#p: #t)
            }
            None => {
                let p = ident(&str_of(i));
                quote!(#p: &str)
            }
        });
        let outs: Vec<TokenStream> = a
            .get("outputs")
            .and_then(Value::as_sequence)
            .into_iter()
            .flatten()
            .map(|o| {
                let o = str_of(o);
                let with_suffix = format!("{o}_result");
                if model_names.contains(&o) {
                    let t = camel(&o);
                    quote!(#t)
                } else if model_names.contains(&with_suffix) {
                    let t = camel(&with_suffix);
                    quote!(#t)
                } else {
                    quote!(::std::string::String)
                }
            })
            .collect();
        methods.push(quote! {
            #[doc = #adesc]
            fn #m(&mut self, #(#params),*) -> ( #(#outs,)* );
        });
        let timeout = a.get("timeout_ms").and_then(Value::as_u64).unwrap_or(0);
        let required = a.get("required").and_then(Value::as_bool).unwrap_or(false);
        let tc = shouty(&format!("{aname}_timeout_ms"));
        let rc = shouty(&format!("{aname}_required"));
        consts.push(quote! {
            pub const #tc: u64 = #timeout;
            pub const #rc: bool = #required;
        });
        action_names.push(aname);
    }

    let deps = |key: &str| -> Vec<TokenStream> {
        doc.get(key)
            .and_then(Value::as_sequence)
            .into_iter()
            .flatten()
            .map(|d| {
                let n = d.get("name").map(str_of).unwrap_or_default();
                let t = d.get("type").map(str_of).unwrap_or_default();
                let o = d.get("optional").and_then(Value::as_bool).unwrap_or(false);
                quote!((#n, #t, #o))
            })
            .collect()
    };
    let provides = deps("dependencies");
    let requires = deps("requires_dependencies");
    let metrics: Vec<TokenStream> = doc
        .get("metrics")
        .and_then(Value::as_sequence)
        .into_iter()
        .flatten()
        .map(|m| {
            let n = m.get("name").map(str_of).unwrap_or_default();
            let t = m.get("type").map(str_of).unwrap_or_default();
            let b: Vec<f64> =
                m.get("buckets").and_then(Value::as_sequence).into_iter().flatten().filter_map(Value::as_f64).collect();
            quote!((#n, #t, &[#(#b),*]))
        })
        .collect();

    let trait_name = camel(&short);
    quote! {
        #![doc = #description]
        pub const MIXIN_NAME: &str = #name;
        pub const MIXIN_VERSION: (u64, u64, u64) = (#major, #minor, #patch);
        pub const APPLICABLE_NODE_TYPES: &[&str] = &[#(#node_types),*];
        pub const ACTIONS: &[&str] = &[#(#action_names),*];
        pub const DEPENDENCIES: &[(&str, &str, bool)] = &[#(#provides),*];
        pub const REQUIRES_DEPENDENCIES: &[(&str, &str, bool)] = &[#(#requires),*];
        pub const METRICS: &[(&str, &str, &[f64])] = &[#(#metrics),*];
        #(#consts)*
        #(#configs)*
        #(#models)*
        pub trait #trait_name { #(#methods)* }
    }
}
