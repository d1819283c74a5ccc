//! Top-level keys that look like a misspelt config section. A `*_config` key is configuration and
//! any other unknown key is data, so a typo silently changes what a section becomes (or names its
//! struct after the typo): such keys get a warning with the name they probably meant.

use super::suggest::distance;
use super::{Checker, MapView};
use crate::locate::Anchor;
use crate::names;
use crate::parse::Yaml;

const SUFFIX: &str = "_config";

/// W0152 for a top-level `key` (neither a format key nor close to one) that looks like a
/// misspelt config section name.
pub(super) fn check(cx: &mut Checker, map: &MapView, key: &str) {
    let stem = map.get("mixin_name").and_then(Yaml::as_str).map(names::module_stem);
    let Some(meant) = misspelt(key, stem) else { return };
    let at = Anchor::key_of(map.child(key));
    match meant {
        Misspelt::OwnConfig(own) => {
            cx.warning(
                "W0152",
                at,
                format!("config section `{key}` is named almost like the mixin's own config section `{own}`"),
            )
            .label("a config section of its own")
            .help(match names::to_ident(key, names::Case::UpperCamel) {
                Ok(ty) => format!("did you mean `{own}`? as written, it becomes `struct {ty}`"),
                Err(_) => format!("did you mean `{own}`?"),
            });
        }
        Misspelt::NotConfig(config) => {
            cx.warning(
                "W0152",
                at,
                format!("`{key}` is kept as a data section: only keys ending in `{SUFFIX}` are config sections"),
            )
            .label("almost a config section name")
            .help(format!("did you mean `{config}`?"));
        }
    }
}

/// What a top-level key (neither a format key nor a misspelt one) probably meant, when it looks
/// like a typo of a config section name; `stem` is the mixin name without `mixin_`, whose own
/// config section is `<stem>_config`.
pub(super) fn misspelt(key: &str, stem: Option<&str>) -> Option<Misspelt> {
    let own = stem.map(|s| format!("{s}{SUFFIX}"));
    if let Some(key_stem) = key.strip_suffix(SUFFIX) {
        // A config section, named close to the mixin's own (but not the same): `http_clent_config`.
        let (stem, own) = (stem?, own?);
        let close = key_stem != stem && distance(key_stem, stem) <= (stem.chars().count() / 5).clamp(1, 2);
        return close.then_some(Misspelt::OwnConfig(own));
    }
    // A data section whose last word is nearly `config`: `http_client_cofnig`, `..._Config`,
    // `...-config`, `...config`. `..._configs`, `..._configuration` are words of their own.
    let split = key.rfind(['_', '-']);
    let (prefix, last) = match split {
        Some(i) => (&key[..i], &key[i + 1..]),
        None => ("", key),
    };
    let lower = last.to_ascii_lowercase();
    let glued = (lower.len() > "config".len() && lower.ends_with("config")).then(|| &last[..last.len() - 6]);
    let meant = if let Some(glued) = glued {
        join(prefix, key.as_bytes().get(split.unwrap_or(0)).copied(), glued)
    } else if (!lower.starts_with("config") && distance(&lower, "config") == 1) || lower == "config" {
        prefix.to_string()
    } else {
        return None;
    };
    Some(match meant.as_str() {
        "" => Misspelt::NotConfig(own.unwrap_or_else(|| format!("<name>{SUFFIX}"))),
        m => Misspelt::NotConfig(format!("{m}{SUFFIX}")),
    })
}

/// `prefix` + separator + `word`, without a separator when either side is empty.
fn join(prefix: &str, sep: Option<u8>, word: &str) -> String {
    match (prefix.is_empty(), word.is_empty()) {
        (true, _) => word.to_string(),
        (false, true) => prefix.to_string(),
        (false, false) => format!("{prefix}{}{word}", sep.map_or('_', char::from)),
    }
}

/// What a key probably meant.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Misspelt {
    /// A `*_config` section named nearly like the mixin's own config section, which it holds.
    OwnConfig(String),
    /// A data section whose name nearly ends in `_config`: this config section name.
    NotConfig(String),
}

#[cfg(test)]
mod tests {
    use super::{misspelt, Misspelt};

    fn own(s: &str) -> Option<Misspelt> {
        Some(Misspelt::OwnConfig(s.to_string()))
    }

    fn not(s: &str) -> Option<Misspelt> {
        Some(Misspelt::NotConfig(s.to_string()))
    }

    #[test]
    fn close_to_the_mixins_own_config_section() {
        let stem = Some("http_client");
        assert_eq!(misspelt("http_clent_config", stem), own("http_client_config"));
        assert_eq!(misspelt("htpt_client_config", stem), own("http_client_config"));
        assert_eq!(misspelt("http_client_config", stem), None);
        // Other config sections are fine, however many.
        assert_eq!(misspelt("retry_config", stem), None);
        assert_eq!(misspelt("http_client_tls_config", stem), None);
        // The corpus: a singular beside the mixin's plural is a name of its own.
        assert_eq!(misspelt("external_dependency_config", Some("external_dependencies")), None);
        assert_eq!(misspelt("event_config", Some("event_handling")), None);
        assert_eq!(misspelt("cahce_config", Some("cache")), own("cache_config"));
        assert_eq!(misspelt("cache_ttl_config", Some("cache")), None);
        assert_eq!(misspelt("x_config", None), None);
    }

    #[test]
    fn nearly_ending_in_config() {
        let stem = Some("http_client");
        assert_eq!(misspelt("http_client_cofnig", stem), not("http_client_config"));
        assert_eq!(misspelt("http_client_confg", stem), not("http_client_config"));
        assert_eq!(misspelt("http_client_Config", stem), not("http_client_config"));
        assert_eq!(misspelt("http_client-config", stem), not("http_client_config"));
        assert_eq!(misspelt("http_clientconfig", stem), not("http_client_config"));
        assert_eq!(misspelt("retry_conifg", stem), not("retry_config"));
        assert_eq!(misspelt("config", stem), not("http_client_config"));
        assert_eq!(misspelt("config", None), not("<name>_config"));
        // Words of their own.
        for key in ["retry_configs", "configuration", "node_configuration", "storage_backends", "confirm", "conf"] {
            assert_eq!(misspelt(key, stem), None, "{key}");
        }
    }
}
