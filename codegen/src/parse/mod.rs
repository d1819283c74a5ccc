//! Stage 2: YAML text into a plain tree. This is the only module that uses serde_yaml (here and in
//! `tree`), so the YAML library can be replaced here alone.

use crate::diagnostics::{Diagnostic, Location};
use crate::load::Source;
use crate::locate::{nth_event, Anchor, Kind, Seg, SpanIndex};
use serde::de::DeserializeSeed;
use std::cell::RefCell;

mod tree;

/// Flow collections (`[`, `{`) nested deeper than this are refused before the YAML library runs:
/// its simple-key bookkeeping is quadratic in the flow depth (100 000 `[` take minutes).
pub const MAX_FLOW_DEPTH: usize = 128;

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
    if let Some(at) = too_deep(&source.text) {
        return Err(Box::new(
            Diagnostic::error("E0007", &source.path, format!("nesting deeper than {MAX_FLOW_DEPTH} levels"))
                .at(at)
                .label("too deep")
                .with_help("nesting this deep is not a mixin contract"),
        ));
    }
    let cx = tree::Context { file: &source.path, failure: RefCell::new(None) };
    let parsed = tree::Node(&cx).deserialize(serde_yaml::Deserializer::from_str(&source.text));
    match (parsed, cx.failure.into_inner()) {
        (Ok(doc), _) => Ok(doc),
        // serde_yaml reads the first document before it looks for a second, so a value refused
        // in the first would hide that the file has two; the file-level problem comes first.
        (Err(_), Some(_)) if nth_event(&source.text, 2, |k| *k == Kind::DocumentStart).is_some() => {
            Err(Box::new(second_document(source, SECOND_DOCUMENT.to_string())))
        }
        (Err(_), Some(mut failure)) => {
            failure.path.reverse();
            Err(at_path(source, &failure.path, failure.diagnostic))
        }
        (Err(e), None) => Err(Box::new(syntax_error(source, &e))),
    }
}

/// The `[` or `{` that opens flow nesting deeper than [`MAX_FLOW_DEPTH`], found by a linear scan
/// that skips comments and quoted scalars.
fn too_deep(text: &str) -> Option<Location> {
    // Each level opens with a bracket: with no more brackets than levels allowed, nothing to scan.
    let bytes = text.as_bytes();
    let mut brackets = 0usize;
    // Indexing, not an iterator: without optimisation every `next()` is a call.
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'[' || bytes[i] == b'{' {
            brackets += 1;
        }
        i += 1;
    }
    if brackets <= MAX_FLOW_DEPTH {
        return None;
    }
    let (mut depth, mut line, mut column) = (0usize, 1usize, 0usize);
    let mut quote: Option<char> = None;
    let mut comment = false;
    let mut prev = '\n';
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        column += 1;
        if c == '\n' {
            (line, column, comment, prev) = (line + 1, 0, false, c);
            continue;
        }
        match quote {
            _ if comment => {}
            Some('"') if c == '\\' && chars.peek() != Some(&'\n') => {
                chars.next();
                column += 1;
            }
            Some('\'') if c == '\'' && chars.peek() == Some(&'\'') => {
                chars.next();
                column += 1;
            }
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                '#' if prev.is_whitespace() => comment = true,
                '"' | '\'' if prev.is_whitespace() || matches!(prev, ':' | '[' | '{' | ',' | '-' | '?') => {
                    quote = Some(c)
                }
                '[' | '{' if prev.is_whitespace() || matches!(prev, '[' | '{' | ',' | ':' | '-' | '?') => {
                    depth += 1;
                    if depth > MAX_FLOW_DEPTH {
                        return Some(Location { line, column, len: 1 });
                    }
                }
                ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            },
        }
        prev = c;
    }
    None
}

/// serde_yaml's words for a file with several documents.
const SECOND_DOCUMENT: &str = "deserializing from YAML containing more than one document is not supported";

/// E0005, at the start of the second document (serde_yaml gives no position for it).
fn second_document(source: &Source, message: String) -> Diagnostic {
    let d = Diagnostic::error("E0005", &source.path, format!("YAML syntax error: {message}"))
        .with_help("a contract is a single YAML document: remove the `---` separators");
    match nth_event(&source.text, 2, |k| *k == Kind::DocumentStart) {
        Some(at) => d.at(at).label("a second document starts here"),
        None => d,
    }
}

fn syntax_error(source: &Source, e: &serde_yaml::Error) -> Diagnostic {
    let full = e.to_string();
    let message = match full.find(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full.clone(),
    };
    let big_int = message
        .split("integer `")
        .nth(1)
        .and_then(|rest| rest.split('`').next())
        .filter(|_| message.contains(" as u128") || message.contains(" as i128"));
    if let Some(n) = big_int {
        let mut d = Diagnostic::error("E0008", &source.path, format!("integer {n} does not fit in 64 bits"))
            .label("too large")
            .with_help("use a value between -9223372036854775808 and 9223372036854775807");
        if let Some(loc) = e.location() {
            d = d.at(Location { line: loc.line(), column: loc.column(), len: n.chars().count() });
        }
        return d;
    }
    if message.contains("more than one document") {
        return second_document(source, message);
    }
    let (code, help) = if message.contains("recursion limit") {
        ("E0007", "nesting this deep is not a mixin contract")
    } else if message.contains("repetition limit") {
        ("E0007", "aliases expand without bound here: write the values out")
    } else {
        ("E0004", "check indentation, quoting, and that every `key:` is followed by a space")
    };
    let mut d = Diagnostic::error(code, &source.path, format!("YAML syntax error: {message}")).with_help(help);
    if let Some(loc) = e.location() {
        d = d.at(Location { line: loc.line(), column: loc.column(), len: 1 });
    } else if code == "E0007" {
        if let Some(at) = nth_event(&source.text, 1, |k| *k == Kind::Alias) {
            d = d.at(at).label("first alias");
        }
    }
    d
}

/// A problem found while reading the tree, with the path to it collected innermost first as the
/// error returns: nothing is tracked on the way down, so a clean document pays nothing for it.
struct Failure {
    diagnostic: Diagnostic,
    path: Vec<Seg>,
}

impl Failure {
    fn new(diagnostic: Diagnostic) -> Box<Failure> {
        Box::new(Failure { diagnostic, path: Vec::new() })
    }
}

/// A diagnostic found while reading the tree, placed at `path` by a span-keeping pass.
fn at_path(source: &Source, path: &[Seg], d: Diagnostic) -> Box<Diagnostic> {
    let anchor = Anchor::value(path);
    match SpanIndex::build_for(&source.text, [&anchor]).find(&anchor) {
        Some(at) => Box::new(d.at(at)),
        None => Box::new(d),
    }
}
