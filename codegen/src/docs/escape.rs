//! Contract text into Markdown that renders as exactly that text.
//!
//! A description is the contract author's, not the page's: it must not open a heading, a list,
//! a code block, a table cell, a link or raw HTML. Every character CommonMark (with GitHub's
//! tables) could read as markup is backslash-escaped, which CommonMark allows for all ASCII
//! punctuation, and line breaks become spaces so no block structure can start mid-text.

/// ASCII punctuation that means something inline: emphasis, code, links, images, HTML, entities,
/// table cells, strikethrough, footnotes, headings.
const INLINE: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '>', '#', '|', '!', '&', '~', '^', '$', '{', '}'];

/// Plain text for a paragraph, a list item or a table cell: one line, every markup character
/// escaped. At the start of a block, a leading `-`, `+`, `=` or `1.`/`1)` would start a list or
/// underline a heading, so those are escaped there too.
pub fn text(raw: &str) -> String {
    let flat = one_line(raw);
    let mut out = String::with_capacity(flat.len() + 8);
    let chars: Vec<char> = flat.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        // Inside a word `_` cannot open or close emphasis (CommonMark's flanking rules), so
        // `snake_case` stays as written.
        let in_word = c == '_'
            && i > 0
            && chars[i - 1].is_alphanumeric()
            && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
        if INLINE.contains(&c) && !in_word {
            out.push('\\');
        }
        out.push(c);
    }
    guard_block_start(out)
}

/// Text in a table cell: [`text`], or `-` for nothing, so a cell never reads as empty by mistake.
pub fn cell(raw: &str) -> String {
    if raw.trim().is_empty() {
        "-".to_string()
    } else {
        text(raw)
    }
}

/// An inline code span holding `raw` literally, for a table cell: fenced by more backticks than
/// any run inside it, padded when it starts or ends with a backtick. In a table `|` still ends the
/// cell inside a code span (GitHub's rule), so it is escaped, which the cell reads back as `|`.
pub fn code_cell(raw: &str) -> String {
    span(&one_line(raw).replace('|', "\\|"))
}

/// An inline code span outside tables, where a backslash inside it would show.
pub fn code(raw: &str) -> String {
    span(&one_line(raw))
}

fn span(body: &str) -> String {
    let fence = "`".repeat(longest_run(body, '`') + 1);
    let pad = if body.starts_with('`') || body.ends_with('`') || body.starts_with(' ') && body.ends_with(' ') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{body}{pad}{fence}")
}

/// Text inside an HTML comment (the page's header): `--` cannot occur, so the comment cannot end
/// early, and line breaks become spaces.
pub fn comment(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in one_line(raw).chars() {
        if c == '-' && out.ends_with('-') {
            out.push_str("%2D");
        } else if c == '>' || c == '<' {
            out.push_str(if c == '>' { "%3E" } else { "%3C" });
        } else {
            out.push(c);
        }
    }
    out
}

/// Every run of whitespace (line breaks included) as one space, trimmed; control characters and
/// the characters that hide text (bidirectional overrides) shown escaped.
fn one_line(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut space = false;
    for c in raw.trim().chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        if c.is_control() || crate::diagnostics::is_hidden_char(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

fn longest_run(s: &str, ch: char) -> usize {
    let (mut best, mut run) = (0, 0);
    for c in s.chars() {
        run = if c == ch { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

/// Escapes what would start a list item, a block quote or a setext underline at a block's start.
fn guard_block_start(s: String) -> String {
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    let after_digits = s[digits..].chars().next();
    if digits > 0 && matches!(after_digits, Some('.') | Some(')')) {
        return format!("{}\\{}", &s[..digits], &s[digits..]);
    }
    match s.chars().next() {
        Some('-' | '+' | '=') => format!("\\{s}"),
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::{code, comment, text};

    #[test]
    fn markup_is_escaped() {
        assert_eq!(text("# <b>x</b> | y"), "\\# \\<b\\>x\\</b\\> \\| y");
        assert_eq!(text("a\n\n# b"), "a \\# b");
        assert_eq!(text("1. first"), "1\\. first");
        assert_eq!(text("- item"), "\\- item");
        assert_eq!(text("plain words, fine."), "plain words, fine.");
        assert_eq!(text("snake_case _x_"), "snake_case \\_x\\_");
    }

    #[test]
    fn code_spans_outlast_the_backticks_inside() {
        assert_eq!(code("a"), "`a`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x`"), "`` `x` ``");
        assert_eq!(code("a|b"), "`a|b`");
        assert_eq!(super::code_cell("a|b"), "`a\\|b`");
    }

    #[test]
    fn comments_cannot_close_early() {
        assert_eq!(comment("a-->b"), "a-%2D%3Eb");
        assert!(!comment("x--y---z").contains("--"));
    }
}
