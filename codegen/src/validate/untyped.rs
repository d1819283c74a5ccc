//! What to say about action inputs and outputs that got the fallback type. A policy of its own:
//! however the resolution of types decides that a name has no type, it only hands the names here.

use super::Checker;
use crate::diagnostics::{Diagnostic, Severity};
use crate::locate::Anchor;
use std::fmt;
use std::str::FromStr;

/// How action inputs and outputs with no declared type (which get the fallback type) are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UntypedNames {
    /// Nothing is said: the fallback type is what the contracts mean.
    Allow,
    /// One warning per file (W0220) at the first such name, listing them all. The default.
    #[default]
    Warn,
    /// One error per name (E0222), at each: nothing is generated.
    Deny,
}

impl UntypedNames {
    pub const ALL: [UntypedNames; 3] = [UntypedNames::Allow, UntypedNames::Warn, UntypedNames::Deny];

    pub fn as_str(self) -> &'static str {
        match self {
            UntypedNames::Allow => "allow",
            UntypedNames::Warn => "warn",
            UntypedNames::Deny => "deny",
        }
    }
}

impl fmt::Display for UntypedNames {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for UntypedNames {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        UntypedNames::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| format!("`{s}` is not an untyped-names policy: allow, warn or deny"))
    }
}

/// Reports `untyped` (each name with where it is, in contract order) as the options' policy says.
/// `help` gives the help for one name; `general` is the help of a warning that lists several.
pub(super) fn report(cx: &mut Checker, untyped: &[(String, Anchor)], help: &dyn Fn(&str) -> String, general: &str) {
    match cx.options.untyped {
        UntypedNames::Allow => {}
        UntypedNames::Deny => {
            // An error must be fixed where it is: one per name, each at its own place.
            for (name, at) in untyped {
                let d = Diagnostic::error(
                    "E0222",
                    cx.file,
                    format!("action input/output `{name}` has no declared type (untyped names are denied)"),
                );
                cx.report(d, at.clone()).label("no type for this name").help(help(name));
            }
        }
        UntypedNames::Warn => {
            let Some((_, first)) = untyped.first() else { return };
            let mut once = std::collections::HashSet::new();
            let distinct: Vec<&str> =
                untyped.iter().map(|(n, _)| n.as_str()).filter(|n| once.insert(n.to_string())).collect();
            let (count, help) = match distinct.as_slice() {
                [one] => ("1 action input/output name has".to_string(), help(one)),
                many => (format!("{} action input/output names have", many.len()), general.to_string()),
            };
            let d = Diagnostic::new(
                Severity::Warning,
                "W0220",
                cx.file,
                format!("{count} no declared type and use the fallback type: {}", distinct.join(", ")),
            );
            cx.report(d, first.clone()).label("no type for this name").help(help);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::UntypedNames;

    #[test]
    fn policies_read_back_from_their_names() {
        for p in UntypedNames::ALL {
            assert_eq!(p.as_str().parse::<UntypedNames>(), Ok(p));
            assert_eq!(p.to_string(), p.as_str());
        }
        assert!("strict".parse::<UntypedNames>().unwrap_err().contains("allow, warn or deny"));
        assert_eq!(UntypedNames::default(), UntypedNames::Warn);
    }
}
