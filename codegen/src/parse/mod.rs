//! Stage 2: YAML text into a plain tree. This is the only module that uses serde_yaml (here and in
//! `tree`), so the YAML library can be replaced here alone.

use crate::diagnostics::{Diagnostic, Location};
use crate::load::Source;
use crate::locate::{nth_event, Anchor, Kind, Seg, SpanIndex};
use serde::de::DeserializeSeed;
use std::cell::{Cell, RefCell};

mod numbers;
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
    // Every tag starts with `!`: a file without one needs no look at its events for tags.
    if source.text.contains('!') {
        if let Some(d) = tags(source) {
            return Err(d);
        }
    }
    let cx = tree::Context { file: &source.path, failure: RefCell::new(None), doubtful: Cell::new(false) };
    let parsed = tree::Node(&cx).deserialize(serde_yaml::Deserializer::from_str(&source.text));
    match (parsed, cx.failure.into_inner()) {
        (Ok(doc), _) => match cx.doubtful.get().then(|| doubtful_numbers(source)).flatten() {
            Some(d) => Err(d),
            None => Ok(doc),
        },
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

/// E0009 for every tag in the file: contracts are plain YAML values. serde_yaml would resolve
/// the core tags silently (`!!binary` into text, `!!str 1` into a string) and report others as
/// a value of the wrong type, so tags are looked for before it reads the file.
fn tags(source: &Source) -> Option<Box<Diagnostic>> {
    let found = crate::locate::tags(&source.text);
    let ((first_at, first), rest) = found.split_first()?;
    // As for values serde_yaml refuses: a second document is the file-level problem, first.
    if nth_event(&source.text, 2, |k| *k == Kind::DocumentStart).is_some() {
        return Some(Box::new(second_document(source, SECOND_DOCUMENT.to_string())));
    }
    let mut d = Diagnostic::error("E0009", &source.path, format!("YAML tag `{first}` is not supported in contracts"))
        .at(*first_at)
        .label("tagged value")
        .with_help("remove the `!tag`: contracts use plain YAML values (quote a value to make it a string)");
    for (at, tag) in rest {
        d = d.with_secondary(crate::diagnostics::Label {
            file: source.path.clone(),
            location: Some(*at),
            message: format!("tag `{tag}` here too"),
        });
    }
    Some(Box::new(d))
}

/// E0010 for every plain value that serde_yaml read as text but another YAML reader reads as a
/// number (see [`numbers`]).
fn doubtful_numbers(source: &Source) -> Option<Box<Diagnostic>> {
    // Only those serde_yaml reads as text: a plain `1` is doubted by the rule's patterns too,
    // but it is the number 1 here as everywhere.
    let reads_as_text =
        |v: &str| matches!(serde_yaml::from_str::<serde_yaml::Value>(v), Ok(serde_yaml::Value::String(_)));
    let found = crate::locate::plain_values(&source.text, |v| numbers::doubt(v).is_some() && reads_as_text(v));
    let ((first_at, first), rest) = found.split_first()?;
    let (message, label, help) = match numbers::doubt(first) {
        Some(numbers::Doubt::TooLarge) => (
            format!("`{first}` is too large for a 64-bit number"),
            "too large",
            "use a number between -1.7e308 and 1.7e308, or quote it to make it a string".to_string(),
        ),
        _ => (
            format!("`{first}` is read as text here, but as a number by other YAML readers"),
            "a number in YAML 1.1 or in YAML 1.2's core schema",
            format!(
                "quote it to make it a string (`\"{first}\"`), or write the number without leading zeros, \
                 `_` or `:` (`017` -> `17`, `1_000` -> `1000`)"
            ),
        ),
    };
    let mut d = Diagnostic::error("E0010", &source.path, message).at(*first_at).label(label).with_help(help);
    for (at, value) in rest {
        d = d.with_secondary(crate::diagnostics::Label {
            file: source.path.clone(),
            location: Some(*at),
            message: format!("`{value}` here too"),
        });
    }
    Some(Box::new(d))
}

/// The first character YAML does not allow anywhere in a file (C0 controls other than tab and
/// line breaks, DEL, C1 controls other than NEL, U+FFFE and U+FFFF), and where it is.
fn forbidden_character(text: &str) -> Option<(char, Location)> {
    let (mut line, mut column) = (1, 0);
    for c in text.chars() {
        column += 1;
        if c == '\n' {
            (line, column) = (line + 1, 0);
            continue;
        }
        let allowed = matches!(c, '\t' | '\r' | '\u{85}') || !(c.is_control() || c == '\u{fffe}' || c == '\u{ffff}');
        if !allowed {
            return Some((c, Location { line, column, len: 1 }));
        }
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
    // libyaml names a byte offset, not a place: find the character.
    if message.starts_with("control characters are not allowed") {
        if let Some((c, at)) = forbidden_character(&source.text) {
            let name = match c {
                '\0' => " (NUL)".to_string(),
                '\u{1b}' => " (ESC)".to_string(),
                '\u{7f}' => " (DEL)".to_string(),
                _ => String::new(),
            };
            return Diagnostic::error(
                "E0004",
                &source.path,
                format!("YAML syntax error: the control character U+{:04X}{name} is not allowed", c as u32),
            )
            .at(at)
            .label("control character")
            .with_help("remove it; in a double-quoted string it can be written as an escape (`\\x1b`, `\\0`)");
        }
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
