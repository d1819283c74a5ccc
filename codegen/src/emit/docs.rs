//! Contract descriptions into doc attributes that rustdoc shows as text and never runs.

use std::collections::{HashMap, HashSet};

/// `#[doc]` attributes for a description, one per line.
///
/// Lines are trimmed (an indented line would be a code block, and rustdoc runs code blocks as
/// doctests), a leading code fence is escaped, and invisible control or bidirectional characters
/// are written out as `U+XXXX` so what the reader sees is what the contract says.
///
/// The generator's own phrases recur in every contract ("No type declared in the contract...",
/// "Contract type: `string`."), and making a doc attribute means escaping its text into a
/// literal: each thread keeps the attributes of short texts it has seen twice and clones them
/// from then on.
pub fn doc_attrs(text: &str) -> Vec<syn::Attribute> {
    if text.len() > Recurring::MAX_TEXT {
        return build(text);
    }
    RECURRING.with_borrow_mut(|recurring| recurring.attrs(text))
}

/// A field's doc: what the contract says of it, then, for a configuration field, one line with
/// its default and what it allows ("Default `5`. Allowed: 1 to 100.").
pub fn field_doc(field: &crate::model::Field) -> String {
    let mut line = match &field.default {
        Some(d) if d.replaced_whole => format!("Default `{}`;\nan override replaces every entry.", d.text),
        Some(d) => format!("Default `{}`.", d.text),
        None => String::new(),
    };
    if !field.allowed.is_empty() {
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&format!("Allowed: {}.", field.allowed));
    }
    match (field.doc.is_empty(), line.is_empty()) {
        (_, true) => field.doc.clone(),
        (true, false) => line,
        (false, false) => format!("{}\n\n{line}", field.doc),
    }
}

fn build(text: &str) -> Vec<syn::Attribute> {
    lines(text).iter().map(|l| super::ast::doc_attr(l)).collect()
}

thread_local! {
    static RECURRING: std::cell::RefCell<Recurring> = std::cell::RefCell::new(Recurring::default());
}

#[derive(Default)]
struct Recurring {
    /// Hashes of texts seen once; cleared when full.
    seen: HashSet<u64, Prehashed>,
    /// Attributes of texts seen twice, by the text's hash; fixed once full.
    kept: HashMap<u64, (Box<str>, Vec<syn::Attribute>), Prehashed>,
}

impl Recurring {
    const MAX_TEXT: usize = 96;
    const MAX_SEEN: usize = 4096;
    const MAX_KEPT: usize = 512;

    fn attrs(&mut self, text: &str) -> Vec<syn::Attribute> {
        let hash = fnv(text);
        if let Some((kept, attrs)) = self.kept.get(&hash) {
            if **kept == *text {
                return attrs.clone();
            }
        }
        let attrs = build(text);
        if self.seen.contains(&hash) {
            if self.kept.len() < Self::MAX_KEPT {
                // A text whose hash another kept text has is simply not kept.
                self.kept.entry(hash).or_insert_with(|| (text.into(), attrs.clone()));
            }
        } else {
            if self.seen.len() >= Self::MAX_SEEN {
                self.seen.clear();
            }
            self.seen.insert(hash);
        }
        attrs
    }
}

/// FNV-1a: short texts hash in a few instructions a byte, where the default SipHash costs far
/// more without optimisation (build scripts run unoptimised). Keys are the generator's own
/// output, so hash flooding is not a concern.
fn fnv(text: &str) -> u64 {
    let bytes = text.as_bytes();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    // Indexing, not an iterator: without optimisation every `next()` is a call.
    let mut i = 0;
    while i < bytes.len() {
        h = (h ^ bytes[i] as u64).wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    h
}

/// The tables' keys are hashes already: used as they are.
#[derive(Default, Clone, Copy)]
struct Prehashed(u64);

impl std::hash::Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

impl std::hash::BuildHasher for Prehashed {
    type Hasher = Prehashed;

    fn build_hasher(&self) -> Prehashed {
        Prehashed::default()
    }
}

/// The doc lines of a description. A line after a list item or quote that is not one itself gets a
/// blank line before it: trimmed, it would otherwise read as a lazy continuation of the item.
fn lines(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_container = false;
    for line in text.trim().lines() {
        let line = safe_line(line);
        let starts_container = container_marker(line.trim_start()).is_some();
        if in_container && !line.is_empty() && !starts_container {
            out.push(String::new());
        }
        in_container = starts_container;
        out.push(line);
    }
    out
}

/// The line as a doc line: empty, or one space and the text made safe.
fn safe_line(line: &str) -> String {
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return String::new();
    }
    let mut out = String::with_capacity(trimmed.len() + 5);
    out.push(' ');
    // Block quotes and list items nest blocks, and rustdoc runs code blocks inside them too: after
    // each marker (`>`, `-`, `*`, `+`, `1.`) the spacing is cut to one space and a fence is escaped.
    let mut rest = trimmed;
    loop {
        if rest.starts_with("```") || rest.starts_with("~~~") {
            out.push('\\');
            break;
        }
        match container_marker(rest) {
            Some(n) if !rest[n..].trim_start().is_empty() => {
                out.push_str(&rest[..n]);
                out.push(' ');
                rest = rest[n..].trim_start();
            }
            _ => break,
        }
    }
    if is_printable_ascii(rest) {
        out.push_str(rest);
        return out;
    }
    for c in rest.chars() {
        if crate::diagnostics::is_hidden_char(c) {
            out.push_str(&format!("U+{:04X}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Only printable ASCII and spaces: nothing to write out as `U+XXXX`.
fn is_printable_ascii(s: &str) -> bool {
    let bytes = s.as_bytes();
    // Indexing, not an iterator: without optimisation every `next()` is a call.
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] < b' ' || bytes[i] > b'~' {
            return false;
        }
        i += 1;
    }
    true
}

/// The length of a block quote or list marker at the start of `s`, if there is one.
fn container_marker(s: &str) -> Option<usize> {
    let spaced = |n: usize| s[n..].starts_with([' ', '\t']).then_some(n);
    match s.as_bytes().first()? {
        b'>' => Some(1),
        b'-' | b'*' | b'+' => spaced(1),
        b'0'..=b'9' => {
            let digits = s.bytes().take_while(u8::is_ascii_digit).count();
            if digits <= 9 && s[digits..].starts_with(['.', ')']) {
                spaced(digits + 1)
            } else {
                None
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::lines;

    #[test]
    fn a_line_after_a_list_item_starts_a_new_paragraph() {
        // Trimmed, "continued" would be a lazy continuation of the item (clippy::doc_lazy_continuation).
        assert_eq!(lines("Modes:\n- fast\n  continued\n- slow"), [" Modes:", " - fast", "", " continued", " - slow"]);
    }

    #[test]
    fn fences_and_indentation_cannot_open_code_blocks() {
        assert_eq!(lines("```rust\n    fn evil() {}\n```"), [" \\```rust", " fn evil() {}", " \\```"]);
        assert_eq!(lines("> ```\n> x"), [" > \\```", " > x"]);
    }
}
