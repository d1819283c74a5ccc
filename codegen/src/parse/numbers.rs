//! Plain scalars that YAML readers disagree on.
//!
//! Contracts are read as YAML 1.2 (serde_yaml; integers may also be written `0x1F`, `0o17`,
//! `0b101`). The contracts are also read by other tools, many of them YAML 1.1 readers such as
//! PyYAML, and some plain scalars are numbers there but text here: `017` (octal 15 in YAML 1.1,
//! 17 in YAML 1.2's core schema, text to serde_yaml), `1_000`, `1:30` (base 60). `1e400` is a
//! number too large for 64 bits, which serde_yaml also turns into text. One rule for all of
//! them: a plain value that our reader takes for text but a YAML 1.1 or 1.2 reader takes for a
//! number is refused (E0010), so that no reader silently disagrees with the generated code.

/// Why a plain scalar read as text is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Doubt {
    /// A number in YAML 1.1 or YAML 1.2, text to us.
    Ambiguous,
    /// A number too large for a 64-bit float.
    TooLarge,
}

/// For a plain scalar that the YAML reader resolved to a string: whether some YAML reader takes
/// it for a number.
pub fn doubt(text: &str) -> Option<Doubt> {
    // Every form starts with a digit, a sign or a dot: most strings stop here.
    if !text.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '+' | '-' | '.')) {
        return None;
    }
    if yaml12_float(text) && text.parse::<f64>().is_ok_and(f64::is_infinite) {
        return Some(Doubt::TooLarge);
    }
    (yaml12_int(text) || yaml12_float(text) || yaml11_int(text) || yaml11_float(text)).then_some(Doubt::Ambiguous)
}

/// A cursor over the bytes of a scalar, matching the pieces of the YAML schemas' patterns.
struct Cursor<'a> {
    rest: &'a [u8],
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str) -> Self {
        Cursor { rest: text.as_bytes() }
    }

    fn done(&self) -> bool {
        self.rest.is_empty()
    }

    fn sign(&mut self) {
        if matches!(self.rest.first(), Some(b'+' | b'-')) {
            self.rest = &self.rest[1..];
        }
    }

    fn literal(&mut self, s: &str) -> bool {
        match self.rest.strip_prefix(s.as_bytes()) {
            Some(rest) => {
                self.rest = rest;
                true
            }
            None => false,
        }
    }

    /// Bytes `allowed` accepts, at least `min`; how many.
    fn many(&mut self, allowed: fn(u8) -> bool, min: usize) -> Option<usize> {
        let n = self.rest.iter().take_while(|&&b| allowed(b)).count();
        self.rest = &self.rest[n..];
        (n >= min).then_some(n)
    }

    /// Tries `f` on a copy, keeping its progress only if it matched.
    fn attempt(&mut self, f: impl FnOnce(&mut Cursor<'a>) -> bool) -> bool {
        let mut copy = Cursor { rest: self.rest };
        let matched = f(&mut copy);
        if matched {
            self.rest = copy.rest;
        }
        matched
    }
}

fn digit(b: u8) -> bool {
    b.is_ascii_digit()
}

fn digit_(b: u8) -> bool {
    b.is_ascii_digit() || b == b'_'
}

fn whole(text: &str, f: impl FnOnce(&mut Cursor) -> bool) -> bool {
    let mut c = Cursor::new(text);
    f(&mut c) && c.done()
}

fn inf_or_nan(text: &str) -> bool {
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    matches!(unsigned, ".inf" | ".Inf" | ".INF") || matches!(text, ".nan" | ".NaN" | ".NAN")
}

/// YAML 1.2 core schema: `[-+]?[0-9]+`, `0o[0-7]+`, `0x[0-9a-fA-F]+`.
fn yaml12_int(text: &str) -> bool {
    whole(text, |c| {
        c.sign();
        c.many(digit, 1).is_some()
    }) || whole(text, |c| c.literal("0o") && c.many(|b| (b'0'..=b'7').contains(&b), 1).is_some())
        || whole(text, |c| c.literal("0x") && c.many(|b| b.is_ascii_hexdigit(), 1).is_some())
}

/// YAML 1.2 core schema: `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, infinities, NaN.
fn yaml12_float(text: &str) -> bool {
    inf_or_nan(text)
        || whole(text, |c| {
            c.sign();
            let mantissa = c.attempt(|c| c.literal(".") && c.many(digit, 1).is_some())
                || c.attempt(|c| {
                    c.many(digit, 1).is_some() && {
                        c.attempt(|c| c.literal(".") && c.many(digit, 0).is_some());
                        true
                    }
                });
            mantissa && {
                c.attempt(|c| {
                    (c.literal("e") || c.literal("E")) && {
                        c.sign();
                        c.many(digit, 1).is_some()
                    }
                });
                true
            }
        })
}

/// YAML 1.1 as PyYAML resolves it: `[-+]?0b[0-1_]+`, `[-+]?0[0-7_]+`, `[-+]?(0|[1-9][0-9_]*)`,
/// `[-+]?0x[0-9a-fA-F_]+`, `[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+`.
fn yaml11_int(text: &str) -> bool {
    let signed = |f: fn(&mut Cursor) -> bool| {
        whole(text, |c| {
            c.sign();
            f(c)
        })
    };
    signed(|c| c.literal("0b") && c.many(|b| matches!(b, b'0' | b'1' | b'_'), 1).is_some())
        || signed(|c| c.literal("0") && c.many(|b| matches!(b, b'0'..=b'7' | b'_'), 1).is_some())
        || signed(|c| c.literal("0"))
        || signed(leading_nonzero)
        || signed(|c| c.literal("0x") && c.many(|b| b.is_ascii_hexdigit() || b == b'_', 1).is_some())
        || signed(|c| leading_nonzero(c) && sexagesimal(c))
}

/// YAML 1.1 as PyYAML resolves it: `[-+]?[0-9][0-9_]*\.[0-9_]*([eE][-+][0-9]+)?`,
/// `\.[0-9_]+([eE][-+][0-9]+)?`, `[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*`, infinities, NaN.
fn yaml11_float(text: &str) -> bool {
    let exponent = |c: &mut Cursor| {
        c.attempt(|c| {
            (c.literal("e") || c.literal("E")) && matches!(c.rest.first(), Some(b'+' | b'-')) && {
                c.sign();
                c.many(digit, 1).is_some()
            }
        });
        true
    };
    inf_or_nan(text)
        || whole(text, |c| {
            c.sign();
            starts_digit(c)
                && c.many(digit_, 0).is_some()
                && c.literal(".")
                && c.many(digit_, 0).is_some()
                && exponent(c)
        })
        || whole(text, |c| c.literal(".") && c.many(digit_, 1).is_some() && exponent(c))
        || whole(text, |c| {
            c.sign();
            starts_digit(c)
                && c.many(digit_, 0).is_some()
                && sexagesimal(c)
                && c.literal(".")
                && c.many(digit_, 0).is_some()
        })
}

fn starts_digit(c: &mut Cursor) -> bool {
    c.many(digit, 1).is_some()
}

fn leading_nonzero(c: &mut Cursor) -> bool {
    matches!(c.rest.first(), Some(b'1'..=b'9')) && c.many(digit_, 1).is_some()
}

/// `(:[0-5]?[0-9])+`.
fn sexagesimal(c: &mut Cursor) -> bool {
    let mut parts = 0;
    while c.attempt(|c| {
        c.literal(":") && {
            let n = c.rest.iter().take_while(|b| b.is_ascii_digit()).count();
            let ok = n == 1 || (n == 2 && c.rest[0] <= b'5');
            if ok {
                c.rest = &c.rest[n..];
            }
            ok
        }
    }) {
        parts += 1;
    }
    parts > 0
}

#[cfg(test)]
mod tests {
    use super::{doubt, Doubt};

    #[test]
    fn numbers_that_readers_disagree_on_are_doubted() {
        for ambiguous in [
            "017",
            "0017",
            "-017",
            "00",
            "089",
            "1_000",
            "1_000.5",
            "0b1_0",
            "0x_1F",
            "1:30",
            "-1:30:00",
            "190:20:30.15",
            "+0",
            "1.2_3",
            "1_",
            "11",
            "-12_345",
        ] {
            assert_eq!(doubt(ambiguous), Some(Doubt::Ambiguous), "{ambiguous}");
        }
        for large in ["1e400", "-1e400", "1.5E+999", "99999999999999999999e300"] {
            assert_eq!(doubt(large), Some(Doubt::TooLarge), "{large}");
        }
    }

    #[test]
    fn text_that_no_reader_takes_for_a_number_is_not_doubted() {
        for text in [
            "1.2.3",
            "v1",
            "1 2",
            "1-2",
            "12:30pm",
            "1:60",
            "0x",
            "0o8",
            "1e",
            "1e+",
            "+",
            "-",
            ".",
            "..",
            "1:",
            "2024-01-01",
            "1.0.0-beta",
            "10%",
            "5ms",
            "0b2",
            "abc",
            "",
            "-.5.",
            "1__:2x",
            "_1",
        ] {
            assert_eq!(doubt(text), None, "{text}");
        }
    }
}
