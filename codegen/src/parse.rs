//! Stage 2: YAML text into a plain tree. This is the only module that uses serde_yaml, so the
//! YAML library can be replaced here alone.

use crate::diagnostics::{Diagnostic, Location};
use crate::load::Source;

/// A YAML value with string keys, in document order.
#[derive(Debug, Clone, PartialEq)]
pub enum Yaml {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Yaml>),
    Map(Vec<(String, Yaml)>),
}

impl Yaml {
    pub fn kind(&self) -> &'static str {
        match self {
            Yaml::Null => "null",
            Yaml::Bool(_) => "a boolean",
            Yaml::Int(_) => "an integer",
            Yaml::Float(_) => "a number",
            Yaml::Str(_) => "a string",
            Yaml::Seq(_) => "a list",
            Yaml::Map(_) => "a mapping",
        }
    }

    pub fn get(&self, key: &str) -> Option<&Yaml> {
        match self {
            Yaml::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Yaml::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// Parses one contract. Syntax errors carry the parser's position. serde_yaml bounds nesting depth
/// and alias expansion, so hostile documents fail fast instead of exhausting memory.
pub fn parse(source: &Source) -> Result<Yaml, Box<Diagnostic>> {
    let value: serde_yaml::Value =
        serde_yaml::from_str(&source.text).map_err(|e| Box::new(syntax_error(source, &e)))?;
    convert(source, value)
}

fn syntax_error(source: &Source, e: &serde_yaml::Error) -> Diagnostic {
    let full = e.to_string();
    let message = match full.find(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full.clone(),
    };
    let (code, help) = if message.contains("more than one document") {
        ("E0005", "a contract is a single YAML document: remove the `---` separators")
    } else if message.contains("recursion limit") {
        ("E0007", "nesting this deep is not a mixin contract")
    } else if message.contains("repetition limit") {
        ("E0007", "aliases expand without bound here: write the values out")
    } else {
        ("E0004", "check indentation, quoting, and that every `key:` is followed by a space")
    };
    let mut d = Diagnostic::error(code, &source.path, format!("YAML syntax error: {message}")).with_help(help);
    if let Some(loc) = e.location() {
        d = d.at(Location { line: loc.line(), column: loc.column(), len: 1 });
    }
    d
}

fn convert(source: &Source, value: serde_yaml::Value) -> Result<Yaml, Box<Diagnostic>> {
    Ok(match value {
        serde_yaml::Value::Null => Yaml::Null,
        serde_yaml::Value::Bool(b) => Yaml::Bool(b),
        serde_yaml::Value::Number(n) => match n.as_i64() {
            Some(i) => Yaml::Int(i),
            None if n.is_f64() => Yaml::Float(n.as_f64().unwrap_or(f64::NAN)),
            None => {
                return Err(Box::new(
                    Diagnostic::error("E0008", &source.path, format!("integer {n} does not fit in 64 bits"))
                        .with_help("use a value between -9223372036854775808 and 9223372036854775807"),
                ))
            }
        },
        serde_yaml::Value::String(s) => Yaml::Str(s),
        serde_yaml::Value::Sequence(items) => {
            Yaml::Seq(items.into_iter().map(|v| convert(source, v)).collect::<Result<_, _>>()?)
        }
        serde_yaml::Value::Mapping(map) => {
            let mut entries = Vec::with_capacity(map.len());
            for (k, v) in map {
                let key = match k {
                    serde_yaml::Value::String(s) => s,
                    serde_yaml::Value::Bool(b) => b.to_string(),
                    serde_yaml::Value::Number(n) => n.to_string(),
                    serde_yaml::Value::Null => "null".to_string(),
                    other => {
                        return Err(Box::new(Diagnostic::error(
                            "E0009",
                            &source.path,
                            format!("mapping key must be a plain string, found {}", describe(&other)),
                        )))
                    }
                };
                entries.push((key, convert(source, v)?));
            }
            Yaml::Map(entries)
        }
        serde_yaml::Value::Tagged(tagged) => {
            return Err(Box::new(
                Diagnostic::error(
                    "E0009",
                    &source.path,
                    format!("YAML tag `{}` is not supported in contracts", tagged.tag),
                )
                .with_help("remove the `!tag`; contracts use plain YAML values"),
            ))
        }
    })
}

fn describe(v: &serde_yaml::Value) -> &'static str {
    match v {
        serde_yaml::Value::Sequence(_) => "a list",
        serde_yaml::Value::Mapping(_) => "a mapping",
        _ => "a tagged value",
    }
}
