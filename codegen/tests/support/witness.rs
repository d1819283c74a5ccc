//! Code a user writes against a mixin's generated module, in the idioms README recommends, made
//! from the OLD contract's checked model: it implements the trait (the required actions), calls
//! every action with a struct literal for its input, builds every output and model with a struct
//! literal ending in `..Default::default()` (every generated struct but a data section's has
//! `Default`), reads every field as its OLD type, matches every enum exhaustively, reads every
//! table, config accessor and data static (data sections are read, never built),
//! and (a test) loads OLD's config values as an override file. Compiled against NEW's module, it
//! says whether NEW's generated API still serves OLD's users.

#![allow(dead_code)]

use mixin_codegen::model::{Mixin, StructDef, TypeDef, TypeRef, Value};
use std::fmt::Write as _;

/// The module's source. `module` is the generated module to compile against (`b0101`), `actions`
/// its trait (`B0101Actions`); the crate of generated code is `api`.
pub fn witness(old: &Mixin, module: &str, actions: &str) -> String {
    let w = Witness { mixin: old };
    let mut out = String::new();
    let _ = writeln!(out, "//! Written against `{}` {}, compiled against `api::{module}`.\n", old.name, old.version);
    let _ = writeln!(out, "use api::{module} as m;\nuse m::{actions} as _;\n");
    out.push_str("/// A node that implements the required actions.\npub struct Node;\n\n");
    // The node's one error type, shared by every mixin it implements.
    out.push_str("impl api::Node for Node {\n    type Error = api::NotImplemented;\n}\n\n");
    let _ = writeln!(out, "impl m::{actions} for Node {{");
    for a in old.actions.iter().filter(|a| a.required) {
        let arg = a.input.as_ref().map(|i| format!(", input: m::{i}")).unwrap_or_default();
        let output = a.output.as_ref().map_or("()".to_string(), |o| format!("m::{o}"));
        let _ = writeln!(
            out,
            "    fn {}(&self{arg}) -> impl ::core::future::Future<Output = ::core::result::Result<{output}, Self::Error>> + Send {{",
            a.method.as_rust()
        );
        if let Some(i) = &a.input {
            let _ = writeln!(out, "        read_{}(&input);", snake(&i.name));
        }
        let value = a.output.as_ref().map_or("()".to_string(), |o| w.value(&TypeRef::Named(o.clone())));
        let _ = writeln!(out, "        async move {{ Ok({value}) }}\n    }}");
    }
    out.push_str("}\n\n/// Calls every action.\npub fn call(node: &Node) {\n");
    for a in &old.actions {
        let arg = a.input.as_ref().map(|i| w.value(&TypeRef::Named(i.clone()))).unwrap_or_default();
        let _ = writeln!(out, "    let _ = node.{}({arg});", a.method.as_rust());
    }
    out.push_str("}\n\n");
    for def in &old.types {
        match def {
            TypeDef::Struct(s) => {
                let name = &s.name.name;
                // A data section's types are read from its static, never built.
                if !s.role.is_static() {
                    let _ = writeln!(out, "pub fn build_{}() -> m::{name} {{\n    {}\n}}\n", snake(name), w.literal(s));
                }
                let _ = writeln!(out, "pub fn read_{}(v: &m::{name}) {{", snake(name));
                for f in &s.fields {
                    let ty = if s.role.is_static() { w.static_type(&f.ty) } else { w.rust_type(&f.ty) };
                    let _ = writeln!(out, "    let _: &{ty} = &v.{};", f.ident.as_rust());
                }
                out.push_str("}\n\n");
            }
            TypeDef::Enum(e) => {
                let name = &e.name.name;
                let _ = writeln!(out, "pub fn match_{}(v: m::{name}) -> usize {{\n    match v {{", snake(name));
                for (i, v) in e.variants.iter().enumerate() {
                    let _ = writeln!(out, "        m::{name}::{} => {i},", v.ident.as_rust());
                }
                out.push_str("    }\n}\n\n");
            }
            TypeDef::Alias(a) => {
                let _ = writeln!(
                    out,
                    "pub fn alias_{}(v: m::{}) -> {} {{\n    v\n}}\n",
                    snake(&a.name.name),
                    a.name.name,
                    if a.is_static { w.static_type(&a.target) } else { w.rust_type(&a.target) }
                );
            }
        }
    }
    out.push_str("/// Reads every table and accessor.\npub fn tables() -> usize {\n");
    out.push_str("    let mut n = m::NAME.len() + m::DESCRIPTION.len() + m::VERSION.major as usize + m::APPLICABLE_NODE_TYPES.len();\n");
    out.push_str("    for a in m::ACTIONS {\n        n += a.name.len() + a.inputs.len() + a.outputs.len() + usize::from(a.required) + a.timeout.as_millis() as usize;\n    }\n");
    out.push_str("    for x in m::METRICS {\n        n += x.name.len() + x.labels.len() + x.buckets.len();\n    }\n");
    out.push_str("    for d in m::DEPENDENCIES.iter().chain(m::REQUIRED_DEPENDENCIES) {\n        n += d.name.len() + usize::from(d.optional);\n    }\n");
    out.push_str("    n += m::MIXIN.actions.len();\n");
    for s in &old.configs {
        let _ = writeln!(out, "    let _: {} = m::{}();", w.rust_type(&s.ty), s.accessor.as_rust());
    }
    // Data sections are statics of borrowed types, read in place.
    for s in &old.sections {
        let _ = writeln!(out, "    let _: &{} = &m::{};", w.static_type(&s.ty), s.accessor.as_rust());
    }
    out.push_str("    n\n}\n");
    if !old.configs.is_empty() {
        out.push_str(
            "\n#[cfg(test)]\nmod tests {\n    use super::m;\n\n    #[test]\n    fn old_override_files_still_load() {\n",
        );
        for s in &old.configs {
            let json = json(&s.value);
            assert!(!json.contains("\"#"), "the JSON needs another raw string delimiter");
            let _ = writeln!(
                out,
                "        let _: {} = serde_json::from_str(r#\"{json}\"#).expect(\"`{}` as OLD wrote it\");",
                w.rust_type(&s.ty),
                s.key
            );
        }
        out.push_str("    }\n}\n");
    }
    out
}

struct Witness<'a> {
    mixin: &'a Mixin,
}

impl Witness<'_> {
    fn def(&self, name: &str) -> &TypeDef {
        self.mixin.types.iter().find(|d| d.name().name == name).expect("every named type is defined")
    }

    fn rust_type(&self, ty: &TypeRef) -> String {
        match ty {
            TypeRef::String | TypeRef::Timestamp => "::std::string::String".into(),
            TypeRef::Integer => "i64".into(),
            TypeRef::Float => "f64".into(),
            TypeRef::Bool => "bool".into(),
            TypeRef::Object | TypeRef::Fallback | TypeRef::Dynamic => "api::Value".into(),
            TypeRef::List(item) => format!("::std::vec::Vec<{}>", self.rust_type(item)),
            TypeRef::Map(value) => {
                format!("::std::collections::BTreeMap<::std::string::String, {}>", self.rust_type(value))
            }
            TypeRef::NodeMap(value) => {
                format!("::std::collections::BTreeMap<api::NodeType, {}>", self.rust_type(value))
            }
            TypeRef::Optional(inner) => format!("::core::option::Option<{}>", self.rust_type(inner)),
            TypeRef::Named(n) => format!("m::{}", n.name),
            TypeRef::Custom(rust) => rust.clone(),
        }
    }

    /// The borrowed type a data section's value has (README: data sections).
    fn static_type(&self, ty: &TypeRef) -> String {
        match ty {
            TypeRef::String | TypeRef::Timestamp => "&'static str".into(),
            TypeRef::Object | TypeRef::Fallback | TypeRef::Dynamic | TypeRef::Custom(_) => "api::DataValue".into(),
            TypeRef::List(item) => format!("&'static [{}]", self.static_type(item)),
            TypeRef::Map(value) => format!("&'static [(&'static str, {})]", self.static_type(value)),
            TypeRef::NodeMap(value) => format!("&'static [(api::NodeType, {})]", self.static_type(value)),
            TypeRef::Optional(inner) => format!("::core::option::Option<{}>", self.static_type(inner)),
            other => self.rust_type(other),
        }
    }

    /// An expression of the type.
    fn value(&self, ty: &TypeRef) -> String {
        match ty {
            TypeRef::String | TypeRef::Timestamp => "::std::string::String::new()".into(),
            TypeRef::Integer => "0".into(),
            TypeRef::Float => "0.0".into(),
            TypeRef::Bool => "false".into(),
            TypeRef::Object | TypeRef::Fallback | TypeRef::Dynamic => "api::Value::Null".into(),
            TypeRef::List(_) => "::std::vec::Vec::new()".into(),
            TypeRef::Map(_) | TypeRef::NodeMap(_) => "::std::collections::BTreeMap::new()".into(),
            TypeRef::Optional(_) => "::core::option::Option::None".into(),
            TypeRef::Named(n) => match self.def(&n.name) {
                TypeDef::Struct(s) => self.literal(s),
                TypeDef::Enum(e) => format!("m::{}::{}", n.name, e.variants[0].ident.as_rust()),
                TypeDef::Alias(a) => self.value(&a.target),
            },
            TypeRef::Custom(_) => "::core::default::Default::default()".into(),
        }
    }

    /// A struct literal in README's idiom: the first field and `..Default::default()` (every
    /// generated struct has `Default`: configs their contract values, payloads their fields').
    fn literal(&self, s: &StructDef) -> String {
        let first =
            s.fields.first().map(|f| format!("{}: {}, ", f.ident.as_rust(), self.value(&f.ty))).unwrap_or_default();
        format!("m::{} {{ {first}..::core::default::Default::default() }}", s.name.name)
    }
}

fn snake(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// A contract value as JSON, as an override file would write it.
pub fn json(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => format!("{f:?}"),
        Value::Str(s) => format!("{s:?}"),
        Value::List(items) => format!("[{}]", items.iter().map(json).collect::<Vec<_>>().join(",")),
        Value::Map(entries) => {
            format!("{{{}}}", entries.iter().map(|(k, v)| format!("{k:?}:{}", json(v))).collect::<Vec<_>>().join(","))
        }
    }
}
