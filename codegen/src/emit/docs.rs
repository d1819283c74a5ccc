//! Contract descriptions into doc attributes that rustdoc shows as text and never runs.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc]` attributes for a description, one per line.
///
/// Lines are trimmed (an indented line would be a code block, and rustdoc runs code blocks as
/// doctests), a leading code fence is escaped, and invisible control or bidirectional characters
/// are written out as `U+XXXX` so what the reader sees is what the contract says.
pub fn doc(text: &str) -> TokenStream {
    let mut out = TokenStream::new();
    for line in lines(text) {
        out.extend(quote!(#[doc = #line]));
    }
    out
}

/// The same as [`doc`], as syn attributes.
pub fn doc_attrs(text: &str) -> Vec<syn::Attribute> {
    lines(text).iter().map(|l| super::ast::doc_attr(l)).collect()
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
    if rest.bytes().all(|b| b.is_ascii_graphic() || b == b' ') {
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
