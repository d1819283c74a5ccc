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
    for line in text.trim().lines() {
        let line = safe_line(line);
        let line = if line.is_empty() { String::new() } else { format!(" {line}") };
        out.extend(quote!(#[doc = #line]));
    }
    out
}

/// A blank doc line between paragraphs.
pub fn gap() -> TokenStream {
    quote!(#[doc = ""])
}

fn safe_line(line: &str) -> String {
    let trimmed = line.trim();
    let mut out = String::with_capacity(trimmed.len());
    if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
        out.push('\\');
    }
    for c in trimmed.chars() {
        if crate::diagnostics::is_hidden_char(c) {
            out.push_str(&format!("U+{:04X}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}
