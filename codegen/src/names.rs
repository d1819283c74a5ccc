//! The one place where contract names become Rust identifiers.

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

/// A valid Rust identifier. `raw` marks a keyword written as `r#name`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ident {
    pub name: String,
    pub raw: bool,
}

impl Ident {
    /// For names the generator itself makes up (never from a contract alone).
    pub fn fixed(name: &str) -> Ident {
        Ident { name: name.to_string(), raw: false }
    }

    /// `r#type` for raw identifiers, the plain name otherwise.
    pub fn as_rust(&self) -> String {
        if self.raw {
            format!("r#{}", self.name)
        } else {
            self.name.clone()
        }
    }
}

impl std::fmt::Display for Ident {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.as_rust())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// fields, modules, methods, functions
    Snake,
    /// types, enum variants
    UpperCamel,
    /// constants
    ShoutySnake,
}

/// Why a name cannot become an identifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameError {
    Empty,
    Char(char),
    NoLetters,
}

impl std::fmt::Display for NameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NameError::Empty => f.write_str("the name is empty"),
            NameError::Char(c) if c.is_whitespace() || crate::diagnostics::is_hidden_char(*c) => {
                write!(f, "the name contains the character {:?}", c)
            }
            NameError::Char(c) => write!(f, "the name contains `{c}`"),
            NameError::NoLetters => f.write_str("the name has no letters or digits"),
        }
    }
}

/// Keywords of every edition (strict and reserved). `r#` works for all but [`NOT_RAW`].
pub(crate) const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
    "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers; they get a trailing underscore instead.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Turns a contract name into an identifier of the given case.
///
/// Accepted names use ASCII letters, digits, `_` and `-`. Keywords become raw identifiers
/// (`type` -> `r#type`); `self`, `Self`, `super` and `crate` get a trailing underscore (`self_`);
/// a leading digit gets a prefix (`_` for snake case, `N` for types). Whether the result differs
/// from the wire name (and so needs `serde(rename)`) is for the caller to compare.
pub fn to_ident(name: &str, case: Case) -> Result<Ident, NameError> {
    let shape = Shape::of(name)?;
    let mut converted = match (shape.plain_snake, case) {
        (true, Case::Snake) => name.to_string(),
        (true, _) => join_words(name.split('_'), case),
        (false, Case::Snake) => name.to_snake_case(),
        (false, Case::UpperCamel) => name.to_upper_camel_case(),
        (false, Case::ShoutySnake) => name.to_shouty_snake_case(),
    };
    if converted.starts_with(|c: char| c.is_ascii_digit()) {
        converted.insert_str(0, if case == Case::UpperCamel { "N" } else { "_" });
    }
    // Every keyword is at most 8 letters without `_`, except `_` itself: most names skip the lists.
    let may_be_keyword = converted.len() <= 8 && (converted == "_" || !converted.contains('_'));
    if may_be_keyword && NOT_RAW.contains(&converted.as_str()) {
        converted.push('_');
        return Ok(Ident { name: converted, raw: false });
    }
    let raw = may_be_keyword && KEYWORDS.contains(&converted.as_str());
    Ok(Ident { name: converted, raw })
}

/// The type named by `name` and a suffix (`handle_error` + `Input` -> `HandleErrorInput`). The
/// whole name is converted at once, so a keyword inside it needs no escape: `self` + `Input` is
/// `SelfInput`, where joining `self`'s own type name would give `Self_Input`, which is not
/// UpperCamelCase.
pub fn with_suffix(name: &str, suffix: &str) -> Result<Ident, NameError> {
    to_ident(name, Case::UpperCamel)?;
    to_ident(&format!("{name}_{suffix}"), Case::UpperCamel)
}

/// What one pass over a name tells: whether it can become an identifier at all, and whether it
/// is already lowercase snake_case (`a_b1`: words split on single `_`, no `_` at either end), the
/// shape of most contract names, whose words are then just the parts between `_`. heck's general
/// word splitting, which allocates per word, gives the same result on those.
struct Shape {
    plain_snake: bool,
}

impl Shape {
    fn of(name: &str) -> Result<Shape, NameError> {
        let bytes = name.as_bytes();
        if bytes.is_empty() {
            return Err(NameError::Empty);
        }
        let (mut letters, mut plain, mut previous) = (false, true, b'_');
        for &b in bytes {
            match b {
                b'a'..=b'z' | b'0'..=b'9' => letters = true,
                b'A'..=b'Z' => (letters, plain) = (true, false),
                b'-' => plain = false,
                b'_' => plain &= previous != b'_',
                _ => {
                    let bad = name.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-'));
                    return Err(NameError::Char(bad.unwrap_or(char::REPLACEMENT_CHARACTER)));
                }
            }
            previous = b;
        }
        if !letters {
            return Err(NameError::NoLetters);
        }
        Ok(Shape { plain_snake: plain && previous != b'_' })
    }
}

fn join_words<'a>(words: impl Iterator<Item = &'a str>, case: Case) -> String {
    let mut out = String::new();
    for (i, word) in words.enumerate() {
        match case {
            Case::Snake | Case::ShoutySnake => {
                if i > 0 {
                    out.push('_');
                }
                if case == Case::Snake {
                    out.push_str(word);
                } else {
                    out.extend(word.chars().map(|c| c.to_ascii_uppercase()));
                }
            }
            Case::UpperCamel => {
                let mut chars = word.chars();
                if let Some(first) = chars.next() {
                    out.push(first.to_ascii_uppercase());
                    out.push_str(chars.as_str());
                }
            }
        }
    }
    out
}

/// `mixin_error_handling` -> `error_handling`.
pub fn module_stem(mixin_name: &str) -> &str {
    mixin_name.strip_prefix("mixin_").unwrap_or(mixin_name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snake(s: &str) -> String {
        to_ident(s, Case::Snake).unwrap().as_rust()
    }

    #[test]
    fn every_keyword_becomes_a_usable_identifier() {
        for kw in KEYWORDS {
            let id = to_ident(kw, Case::Snake).unwrap();
            let text = id.as_rust();
            assert!(syn::parse_str::<syn::Ident>(&text).is_ok(), "{kw} -> {text} does not parse");
        }
    }

    #[test]
    fn keywords_and_special_names() {
        assert_eq!(snake("type"), "r#type");
        assert_eq!(snake("async"), "r#async");
        assert_eq!(snake("self"), "self_");
        assert_eq!(snake("super"), "super_");
        assert_eq!(snake("crate"), "crate_");
        assert_eq!(to_ident("self", Case::UpperCamel).unwrap().as_rust(), "Self_");
        assert_eq!(snake("2fa_enabled"), "_2fa_enabled");
        assert_eq!(to_ident("2xx", Case::UpperCamel).unwrap().as_rust(), "N2xx");
        assert_eq!(snake("HEALTHY"), "healthy");
        assert_eq!(to_ident("half_open", Case::UpperCamel).unwrap().as_rust(), "HalfOpen");
        assert_eq!(to_ident("retry_now", Case::UpperCamel), to_ident("RetryNow", Case::UpperCamel));
    }

    #[test]
    fn a_suffix_joins_the_name_before_it_is_converted() {
        let joined = |name: &str, suffix: &str| with_suffix(name, suffix).unwrap().as_rust();
        assert_eq!(joined("self", "Input"), "SelfInput");
        assert_eq!(joined("Self", "Output"), "SelfOutput");
        assert_eq!(joined("super", "Input"), "SuperInput");
        assert_eq!(joined("type", "Input"), "TypeInput");
        // What joining the converted name gave, for every name that is not a keyword.
        for name in ["handle_error", "RetryNow", "retry-now", "run_", "1run", "HTTPCall", "a__b", "x"] {
            let before = format!("{}Input", to_ident(name, Case::UpperCamel).unwrap().name);
            assert_eq!(joined(name, "Input"), before, "{name}");
        }
        assert!(with_suffix("a b", "Input").is_err());
    }

    #[test]
    fn fast_path_agrees_with_heck() {
        let parts = ["a", "ab", "a1", "1a", "x9y", "2", "zz", "type", "v2beta"];
        let mut names: Vec<String> = parts.iter().map(|p| p.to_string()).collect();
        for a in parts {
            for b in parts {
                names.push(format!("{a}_{b}"));
                for c in parts {
                    names.push(format!("{a}_{b}_{c}"));
                }
            }
        }
        for name in names.iter().map(String::as_str) {
            for case in [Case::Snake, Case::UpperCamel, Case::ShoutySnake] {
                let heck_name = match case {
                    Case::Snake => name.to_snake_case(),
                    Case::UpperCamel => name.to_upper_camel_case(),
                    Case::ShoutySnake => name.to_shouty_snake_case(),
                };
                assert!(Shape::of(name).expect("a name").plain_snake, "{name}");
                let fast = if case == Case::Snake { name.to_string() } else { join_words(name.split('_'), case) };
                assert_eq!(fast, heck_name, "{name} {case:?}");
            }
        }
    }

    #[test]
    fn names_that_cannot_be_identifiers_are_refused() {
        assert_eq!(to_ident("", Case::Snake), Err(NameError::Empty));
        assert_eq!(to_ident("a b", Case::Snake), Err(NameError::Char(' ')));
        assert_eq!(to_ident("x\"}); fn evil() {", Case::Snake), Err(NameError::Char('"')));
        assert_eq!(to_ident("a{b}", Case::Snake), Err(NameError::Char('{')));
        assert_eq!(to_ident("é", Case::Snake), Err(NameError::Char('é')));
        assert_eq!(to_ident("__", Case::Snake), Err(NameError::NoLetters));
    }
}
