//! The verdict: the bump the changes need against the bump NEW's version (`mixin_version`, a
//! node's `version`) made.
//!
//! Versions follow the format's rule as written: major for breaking changes, minor for compatible
//! additions, patch for fixes, at every version (`0.x` is not special, unlike in Cargo).

use super::rules::{Bump, BUMP_TOO_SMALL, VERSION_LOWERED};
use super::View;
use crate::diagnostics::{Diagnostic, Label};
use crate::locate::{Anchor, Seg, SpanIndex};
use crate::model::Version;

/// What NEW's version did to OLD's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actual {
    /// Lower than OLD's.
    Lowered,
    /// The largest part that went up (`Bump::None`: the same version).
    Bumped(Bump),
}

impl Actual {
    pub fn as_str(self) -> &'static str {
        match self {
            Actual::Lowered => "lowered",
            Actual::Bumped(b) => b.as_str(),
        }
    }
}

pub(super) fn actual(old: Version, new: Version) -> Actual {
    use std::cmp::Ordering::*;
    match (new.major.cmp(&old.major), new.minor.cmp(&old.minor), new.patch.cmp(&old.patch)) {
        (Greater, _, _) => Actual::Bumped(Bump::Major),
        (Less, _, _) => Actual::Lowered,
        (Equal, Greater, _) => Actual::Bumped(Bump::Minor),
        (Equal, Less, _) => Actual::Lowered,
        (Equal, Equal, Greater) => Actual::Bumped(Bump::Patch),
        (Equal, Equal, Less) => Actual::Lowered,
        (Equal, Equal, Equal) => Actual::Bumped(Bump::None),
    }
}

pub(super) fn covers(actual: Actual, needed: Bump) -> bool {
    match actual {
        Actual::Lowered => false,
        Actual::Bumped(made) => made >= needed,
    }
}

/// The smallest version after `old` that makes a `bump`.
pub(super) fn next(old: Version, bump: Bump) -> Version {
    match bump {
        Bump::Major => Version { major: old.major + 1, minor: 0, patch: 0 },
        Bump::Minor => Version { minor: old.minor + 1, patch: 0, ..old },
        Bump::Patch => Version { patch: old.patch + 1, ..old },
        Bump::None => old,
    }
}

/// A diagnostic at NEW's version (`mixin_version`, a node's `version`) when the version went down
/// or does not cover `needed`.
pub(super) fn verdict(old: View, new: View, needed: Bump, actual: Actual) -> Option<Diagnostic> {
    let key = new.version_key();
    let anchor = Anchor::key(&[Seg::key(key)]);
    let at = |c: View| SpanIndex::build_for(&c.source.text, [&anchor]).find(&anchor);
    let (was, now) = (old.version, new.version);
    let name = new.name;
    let mut d = match actual {
        Actual::Lowered => {
            Diagnostic::error(VERSION_LOWERED, new.path(), format!("{key} of `{name}` went down from {was} to {now}"))
                .label("lower than before")
                .with_help(format!("a new version must be above {was}"))
        }
        Actual::Bumped(made) if made >= needed => return None,
        Actual::Bumped(made) => {
            let want = next(was, needed);
            let message = if made == Bump::None {
                format!("`{name}` changed but {key} is still {now}: the changes need a {needed} bump")
            } else {
                format!("`{name}` went from {was} to {now}, a {made} bump, but the changes need a {needed} bump")
            };
            // Written the way NEW writes it.
            let written = if new.version_is_string() {
                format!("{key}: \"{want}\"")
            } else {
                format!("{key}: {{major: {}, minor: {}, patch: {}}}", want.major, want.minor, want.patch)
            };
            Diagnostic::error(BUMP_TOO_SMALL, new.path(), message)
                .label(format!("needs {want} or later"))
                .with_help(format!("write `{written}`, or undo the changes that need more"))
        }
    };
    d.primary.location = at(new);
    d.secondary.push(Label { file: old.path().to_path_buf(), location: at(old), message: format!("was {was}") });
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(major: u64, minor: u64, patch: u64) -> Version {
        Version { major, minor, patch }
    }

    #[test]
    fn the_largest_part_that_went_up_decides() {
        assert_eq!(actual(v(1, 2, 3), v(2, 0, 0)), Actual::Bumped(Bump::Major));
        assert_eq!(actual(v(1, 2, 3), v(1, 3, 0)), Actual::Bumped(Bump::Minor));
        assert_eq!(actual(v(1, 2, 3), v(1, 2, 4)), Actual::Bumped(Bump::Patch));
        assert_eq!(actual(v(1, 2, 3), v(1, 2, 3)), Actual::Bumped(Bump::None));
        assert_eq!(actual(v(1, 2, 3), v(1, 1, 9)), Actual::Lowered);
        assert_eq!(actual(v(1, 2, 3), v(0, 9, 9)), Actual::Lowered);
        assert_eq!(actual(v(1, 2, 3), v(1, 2, 2)), Actual::Lowered);
        // A major bump may reset the rest to anything.
        assert_eq!(actual(v(1, 2, 3), v(2, 0, 1)), Actual::Bumped(Bump::Major));
    }

    #[test]
    fn next_versions_reset_the_lower_parts() {
        assert_eq!(next(v(1, 2, 3), Bump::Major), v(2, 0, 0));
        assert_eq!(next(v(1, 2, 3), Bump::Minor), v(1, 3, 0));
        assert_eq!(next(v(1, 2, 3), Bump::Patch), v(1, 2, 4));
        assert!(covers(Actual::Bumped(Bump::Major), Bump::Minor));
        assert!(!covers(Actual::Bumped(Bump::Patch), Bump::Minor));
        assert!(!covers(Actual::Lowered, Bump::None));
    }
}
