//! serde_yaml's deserializer straight into [`Yaml`]: no `serde_yaml::Value` (hashed keys, tags) to
//! build, convert and drop on the way.

use super::{Failure, Yaml};
use crate::diagnostics::Diagnostic;
use crate::locate::Seg;
use serde::de::{self, DeserializeSeed, EnumAccess, MapAccess, SeqAccess, Visitor};
use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::fmt;
use std::path::Path;

/// Where a value YAML allows but contracts do not (a tag, a complex key, a 64-bit overflow) is
/// recorded. serde errors carry only text, so the diagnostic waits here while the error unwinds
/// and each level adds its path segment: a clean document pays nothing for locating problems.
pub(super) struct Context<'a> {
    pub file: &'a Path,
    pub failure: RefCell<Option<Box<Failure>>>,
    /// A string value looked like a number that YAML readers disagree on: whether it was written
    /// plain (and so is refused) is for a look at the events to tell.
    pub doubtful: Cell<bool>,
}

impl Context<'_> {
    fn fail<E: de::Error>(&self, diagnostic: Diagnostic) -> E {
        *self.failure.borrow_mut() = Some(Failure::new(diagnostic));
        E::custom("value not allowed in a contract")
    }

    fn within(&self, seg: impl FnOnce() -> Seg) {
        if let Some(failure) = self.failure.borrow_mut().as_mut() {
            failure.path.push(seg());
        }
    }
}

/// Any value.
#[derive(Clone, Copy)]
pub(super) struct Node<'c, 'a>(pub &'c Context<'a>);

impl<'de> DeserializeSeed<'de> for Node<'_, '_> {
    type Value = Yaml;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Yaml, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl Node<'_, '_> {
    fn note_doubt(&self, s: &str) {
        if !self.0.doubtful.get() && super::numbers::doubt(s).is_some() {
            self.0.doubtful.set(true);
        }
    }
}

impl<'de> Visitor<'de> for Node<'_, '_> {
    type Value = Yaml;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a YAML value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Yaml, E> {
        Ok(Yaml::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Yaml, E> {
        Ok(Yaml::Null)
    }

    fn visit_some<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Yaml, D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Yaml, E> {
        Ok(Yaml::Bool(b))
    }

    fn visit_i64<E: de::Error>(self, i: i64) -> Result<Yaml, E> {
        Ok(Yaml::Int(i))
    }

    fn visit_u64<E: de::Error>(self, u: u64) -> Result<Yaml, E> {
        i64::try_from(u).map(Yaml::Int).map_err(|_| {
            self.0.fail(
                Diagnostic::error("E0008", self.0.file, format!("integer {u} does not fit in 64 bits"))
                    .label("too large")
                    .with_help("use a value between -9223372036854775808 and 9223372036854775807"),
            )
        })
    }

    fn visit_f64<E: de::Error>(self, f: f64) -> Result<Yaml, E> {
        Ok(Yaml::Float(f))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Yaml, E> {
        self.note_doubt(s);
        Ok(Yaml::Str(s.to_owned()))
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<Yaml, E> {
        self.note_doubt(&s);
        Ok(Yaml::Str(s))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Yaml, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        loop {
            match seq.next_element_seed(self) {
                Ok(Some(item)) => items.push(item),
                Ok(None) => return Ok(Yaml::Seq(items)),
                Err(e) => {
                    self.0.within(|| Seg::Index(items.len()));
                    return Err(e);
                }
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Yaml, A::Error> {
        let mut entries: Vec<(String, Yaml)> = Vec::new();
        let mut kinds: Vec<KeyKind> = Vec::new();
        // Keys seen, once a mapping is big enough that a linear search would cost more.
        let mut seen: Option<HashSet<(KeyKind, String)>> = None;
        while let Some((kind, key)) = map.next_key_seed(Key(self.0))? {
            let duplicate = match &mut seen {
                Some(seen) => !seen.insert((kind, same_as(kind, &key).to_string())),
                None => entries
                    .iter()
                    .zip(&kinds)
                    .any(|((k, _), kk)| *kk == kind && same_as(kind, k) == same_as(kind, &key)),
            };
            if duplicate {
                // serde_yaml names the key already in the mapping.
                let first = entries
                    .iter()
                    .zip(&kinds)
                    .find(|((k, _), kk)| **kk == kind && same_as(kind, k) == same_as(kind, &key))
                    .map_or(key.as_str(), |((k, _), _)| k.as_str());
                return Err(de::Error::custom(DuplicateKey(kind, first)));
            }
            let value = map.next_value_seed(self).inspect_err(|_| self.0.within(|| Seg::key(&key)))?;
            entries.push((key, value));
            kinds.push(kind);
            if seen.is_none() && entries.len() > 16 {
                seen = Some(
                    kinds
                        .iter()
                        .copied()
                        .zip(entries.iter().map(|(k, _)| k.clone()))
                        .map(|(kind, k)| (kind, same_as(kind, &k).to_string()))
                        .collect(),
                );
            }
        }
        Ok(Yaml::Map(entries))
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Yaml, A::Error> {
        let (tag, _) = data.variant::<String>()?;
        let tag = tag.strip_prefix('!').unwrap_or(&tag);
        Err(self.0.fail(
            Diagnostic::error("E0009", self.0.file, format!("YAML tag `!{tag}` is not supported in contracts"))
                .label("tagged value")
                .with_help("remove the `!tag`; contracts use plain YAML values"),
        ))
    }
}

/// What a mapping key was in YAML: keys of different kinds never collide (`1` and `"1"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum KeyKind {
    Str,
    Bool,
    Number,
    Null,
}

/// The form in which two keys are compared: YAML numbers compare by value, and `-0.0` equals `0.0`.
fn same_as(kind: KeyKind, key: &str) -> &str {
    if kind == KeyKind::Number && key == "-0.0" {
        "0.0"
    } else {
        key
    }
}

/// serde_yaml's wording, so the message is the one its own mappings give.
struct DuplicateKey<'k>(KeyKind, &'k str);

impl fmt::Display for DuplicateKey<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self.0 {
            KeyKind::Null => f.write_str("duplicate entry with null key"),
            KeyKind::Bool => write!(f, "duplicate entry with key `{}`", self.1),
            KeyKind::Number => write!(f, "duplicate entry with key {}", self.1),
            KeyKind::Str => write!(f, "duplicate entry with key {:?}", self.1),
        }
    }
}

/// A mapping key: a scalar, written as text.
#[derive(Clone, Copy)]
struct Key<'c, 'a>(&'c Context<'a>);

impl Key<'_, '_> {
    fn refuse<E: de::Error>(self, found: &str) -> E {
        self.0.fail(
            Diagnostic::error("E0009", self.0.file, format!("mapping key must be a plain string, found {found}"))
                .label("in this mapping")
                .with_help("write keys as plain names: `name: value`"),
        )
    }
}

impl<'de> DeserializeSeed<'de> for Key<'_, '_> {
    type Value = (KeyKind, String);

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Key<'_, '_> {
    type Value = (KeyKind, String);

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mapping key")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok((KeyKind::Null, "null".into()))
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        self.visit_unit()
    }

    fn visit_some<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Self::Value, E> {
        Ok((KeyKind::Bool, b.to_string()))
    }

    fn visit_i64<E: de::Error>(self, i: i64) -> Result<Self::Value, E> {
        Ok((KeyKind::Number, i.to_string()))
    }

    fn visit_u64<E: de::Error>(self, u: u64) -> Result<Self::Value, E> {
        Ok((KeyKind::Number, u.to_string()))
    }

    fn visit_f64<E: de::Error>(self, f: f64) -> Result<Self::Value, E> {
        Ok((KeyKind::Number, serde_yaml::Number::from(f).to_string()))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
        Ok((KeyKind::Str, s.to_owned()))
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<Self::Value, E> {
        Ok((KeyKind::Str, s))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(self.refuse("a list"))
    }

    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(self.refuse("a mapping"))
    }

    fn visit_enum<A: EnumAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(self.refuse("a tagged value"))
    }
}
