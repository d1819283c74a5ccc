//! JSON string literals, for the back ends that write JSON (`diff --format json`, the schemas).

use std::fmt::Write;

/// Appends `s` as a JSON string: quotes, backslashes and every control character escaped
/// (RFC 8259), and DEL and the line and paragraph separators too, which some JavaScript readers
/// take for line breaks.
pub fn push(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || matches!(c, '\u{7f}' | '\u{2028}' | '\u{2029}') => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}
