//! Node contracts: a node's name, type, version and description, the mixins it lists under
//! `subcontracts:`, and every other section as typed data. What needs other files (does a path
//! lead to a mixin, does the mixin apply to the node's type) is checked when every file is read,
//! by `resolve`; this module checks one file alone.

use super::{data, suggest, Checker, MapView, Options};
use crate::diagnostics::{Diagnostic, Location};
use crate::load::Source;
use crate::locate::{Anchor, Seg, SpanIndex};
use crate::model::{NodeType, Version};
use crate::names::{self, Case, Ident};
use crate::parse::Yaml;

pub mod resolve;

/// The keys the node format defines; every other top-level key is data.
pub const NODE_KEYS: &[&str] = super::rules::NODE_REQUIRED;

/// Names every node module defines itself; data sections must not take them.
const FIXED_VALUES: &[&str] = &["NODE_NAME", "NODE_TYPE", "VERSION", "DESCRIPTION", "SUBCONTRACTS"];

/// The longest `node_name`, for the same reason as the longest `mixin_name`: it names a file.
pub const MAX_NODE_NAME: usize = 128;

/// What a parsed file is, before it is validated as one or the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContractKind {
    Mixin,
    Node,
}

/// A file is a node contract when it has `node_name` or `node_type` at the top level and none of
/// the keys that make a mixin contract. Either key is enough, so that a node contract missing the
/// other is told so rather than called "not a mixin contract".
pub fn kind(doc: &Yaml) -> ContractKind {
    let has = |k: &str| doc.get(k).is_some();
    let mixin = has("mixin_name") || has("mixin_version") || has("applicable_node_types");
    if !mixin && (has("node_name") || has("node_type")) {
        ContractKind::Node
    } else {
        ContractKind::Mixin
    }
}

/// What a node contract looks like, to a node whose subcontract leads to one.
pub const NODE_LOOKS: &str = "a node contract (it has `node_name`/`node_type`)";

/// What a file that is not a mixin contract looks like, for the node that points at it.
pub fn looks_like(doc: &Yaml) -> String {
    if kind(doc) == ContractKind::Node {
        return NODE_LOOKS.to_string();
    }
    if let Some(t) = doc.get("contract_type").and_then(Yaml::as_str) {
        return format!("a subcontract of the later format (`contract_type: \"{}\"`)", t.escape_debug());
    }
    if doc.get("contract_version").is_some() || doc.get("contract_type").is_some() {
        return "a subcontract of the later format (it has `contract_version`)".to_string();
    }
    if doc.get("id").is_some() && doc.get("version").is_some() {
        return "the later `id`/`version` mixin format".to_string();
    }
    match doc {
        Yaml::Map(entries) => {
            let keys: Vec<String> = entries.iter().take(4).map(|(k, _)| format!("`{k}`")).collect();
            if keys.is_empty() {
                "an empty mapping".to_string()
            } else {
                format!("a mapping of {}", keys.join(", "))
            }
        }
        other => other.kind().to_string(),
    }
}

/// A node contract checked alone: everything but its subcontracts' targets.
#[derive(Debug, Clone)]
pub struct Draft {
    pub source: std::path::PathBuf,
    pub name: String,
    pub module: Ident,
    pub contract_name: Ident,
    pub trait_name: Ident,
    pub node_type: NodeType,
    pub version: Version,
    pub description: String,
    pub entries: Vec<Entry>,
    pub sections: Vec<crate::model::DataSection>,
    pub types: Vec<crate::model::TypeDef>,
    /// Where `node_name`'s value is, for diagnostics that involve other files.
    pub name_at: Option<Location>,
}

/// One `subcontracts:` entry, with where it is written (for diagnostics found later).
#[derive(Debug, Clone)]
pub struct Entry {
    pub path: String,
    pub field: Ident,
    pub path_at: Option<Location>,
    pub field_at: Option<Location>,
}

/// Validates one node contract. Returns the draft when there is no error, and every diagnostic.
pub fn validate(source: &Source, doc: &Yaml, options: &Options) -> (Option<Draft>, Vec<Diagnostic>) {
    let mut cx = Checker::new(&source.path, options);
    cx.strip_key_symbols = true;
    let Yaml::Map(entries) = doc else {
        // `kind` only calls a mapping a node contract.
        return (None, Vec::new());
    };
    let map = MapView { path: Vec::new(), entries };
    let checked = check(&mut cx, &map);
    let diagnostics = cx.finish(&source.text);
    let ok = !diagnostics.iter().any(Diagnostic::is_error);
    let Some((mut draft, anchors)) = checked.filter(|_| ok) else { return (None, diagnostics) };
    // Positions of what later checks may point at, found in one pass while the text is at hand.
    let name_anchor = Anchor::value(&[Seg::key("node_name")]);
    let index = SpanIndex::build_for(
        &source.text,
        anchors.iter().flat_map(|(p, f)| [p, f]).chain(std::iter::once(&name_anchor)),
    );
    draft.name_at = index.find(&name_anchor);
    for (entry, (p, f)) in draft.entries.iter_mut().zip(&anchors) {
        entry.path_at = index.find(p);
        entry.field_at = index.find(f);
    }
    (Some(draft), diagnostics)
}

type EntryAnchors = Vec<(Anchor, Anchor)>;

fn check(cx: &mut Checker, map: &MapView) -> Option<(Draft, EntryAnchors)> {
    // A key that is nearly a missing format key is that key misspelt, not data.
    let mut misspelt: Vec<(&str, &str)> = Vec::new();
    let mut section_keys = Vec::new();
    for (key, _) in map.entries {
        if NODE_KEYS.contains(&key.as_str()) {
            continue;
        }
        match suggest::closest(key, NODE_KEYS.iter().copied()) {
            Some(near) if map.get(near).is_none() && !misspelt.iter().any(|(_, n)| *n == near) => {
                misspelt.push((key.as_str(), near));
            }
            _ => section_keys.push(key.as_str()),
        }
    }
    for key in NODE_KEYS {
        if map.get(key).is_some() {
            continue;
        }
        let code = code_of(key);
        match misspelt.iter().find(|(_, near)| near == key) {
            Some((found, _)) => {
                cx.error(
                    code,
                    Anchor::key_of(map.child(found)),
                    format!("unknown key `{found}`; the node contract's required key `{key}` is missing"),
                )
                .label("unknown key")
                .help(format!("rename `{found}` to `{key}`"));
            }
            None => {
                cx.error(code, Anchor::value(&[]), format!("node contract is missing the required key `{key}`"))
                    .label(format!("`{key}` missing in this node contract"))
                    .help(format!("add `{key}:` ({})", example_of(key)));
            }
        }
    }

    let name = node_name(cx, map);
    let node_type = node_type(cx, map);
    let version = version(cx, map);
    let description = description(cx, map);

    let module = name.as_deref().and_then(|n| names::to_ident(n, Case::Snake).ok());
    cx.module = module.as_ref().map(|m| m.name.clone());
    let contract_name = name.as_deref().and_then(|n| names::with_suffix(n, "contract").ok());
    let trait_name = name.as_deref().and_then(|n| names::with_suffix(n, "node").ok());
    for fixed in FIXED_VALUES {
        cx.claim(&Ident::fixed(fixed), true, &Anchor::value(&[]), format!("the generated constant `{fixed}`"));
    }
    let name_at = Anchor::value_of(map.child("node_name"));
    if let Some(t) = &contract_name {
        cx.claim(t, false, &name_at, "the node's contract struct".to_string());
    }
    if let Some(t) = &trait_name {
        cx.claim(t, false, &name_at, "the node's trait".to_string());
    }
    for name in ["Request", "Response"] {
        cx.claim(&Ident::fixed(name), false, &Anchor::value(&[]), format!("the generated dispatch type `{name}`"));
    }
    let entries = subcontracts(cx, map);
    let sections = data::sections(cx, map, &section_keys, false);

    let (entries, anchors): (Vec<Entry>, EntryAnchors) = entries?.into_iter().unzip();
    Some((
        Draft {
            source: cx.file.to_path_buf(),
            name: name?,
            module: module?,
            contract_name: contract_name?,
            trait_name: trait_name?,
            node_type: node_type?,
            version: version?,
            description: description?,
            entries,
            sections,
            types: std::mem::take(&mut cx.defs),
            name_at: None,
        },
        anchors,
    ))
}

fn code_of(key: &str) -> &'static str {
    match key {
        "node_name" => "E0300",
        "node_type" => "E0301",
        "version" => "E0302",
        "description" => "E0303",
        _ => "E0304",
    }
}

fn example_of(key: &str) -> &'static str {
    match key {
        "node_name" => "`node_name: \"api_client_effect\"`",
        "node_type" => "one of COMPUTE, EFFECT, REDUCER, ORCHESTRATOR",
        "version" => "`version: \"1.0.0\"` or `{major: 1, minor: 0, patch: 0}`",
        "description" => "what the node does",
        _ => "a list of `{path: \"../mixins/mixin_x.yaml\", integration_field: \"x_configuration\"}`",
    }
}

fn string<'d>(cx: &mut Checker, map: &MapView<'d>, key: &str) -> Option<&'d str> {
    match map.get(key)? {
        Yaml::Str(s) => Some(s),
        other => {
            cx.error(
                code_of(key),
                Anchor::value_of(map.child(key)),
                format!("`{key}` must be a string, found {}", other.kind()),
            )
            .label("expected a string")
            .help(format!("quote it: `{key}: \"...\"`"));
            None
        }
    }
}

/// Lowercase snake_case, starting with a letter: the name is the node's module and file name.
fn is_snake(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !name.contains("__")
        && !name.ends_with('_')
}

fn node_name(cx: &mut Checker, map: &MapView) -> Option<String> {
    let name = string(cx, map, "node_name")?;
    let at = Anchor::value_of(map.child("node_name"));
    if !is_snake(name) || name.len() > MAX_NODE_NAME {
        let fixed = heck::ToSnakeCase::to_snake_case(
            name.chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-' || *c == ' ')
                .collect::<String>()
                .as_str(),
        );
        let help = if name.len() > MAX_NODE_NAME {
            format!("the name becomes the node module's file name: shorten it to at most {MAX_NODE_NAME} characters")
        } else if is_snake(&fixed) {
            format!("write `node_name: \"{fixed}\"`")
        } else {
            "write a lowercase snake_case name, such as `api_client_effect`".to_string()
        };
        cx.error(
            "E0300",
            at,
            format!(
                "node_name `{}` must be lowercase snake_case of at most {MAX_NODE_NAME} characters",
                name.escape_debug()
            ),
        )
        .label("not a valid node name")
        .help(help);
        return None;
    }
    Some(name.to_string())
}

fn node_type(cx: &mut Checker, map: &MapView) -> Option<NodeType> {
    let value = map.get("node_type")?;
    let at = Anchor::value_of(map.child("node_type"));
    if let Some(found) = value.as_str().and_then(|s| NodeType::ALL.into_iter().find(|n| n.wire() == s)) {
        return Some(found);
    }
    let shown = value.as_str().map_or_else(|| value.kind().to_string(), |s| format!("`{}`", s.escape_debug()));
    let d = cx.error("E0301", at, format!("unknown node_type {shown}")).label("not a node type");
    match value.as_str().and_then(|s| suggest::closest(s, NodeType::ALL.map(NodeType::wire))) {
        Some(near) => d.help(format!("did you mean `{near}`? node types are COMPUTE, EFFECT, REDUCER, ORCHESTRATOR")),
        None => d.help("node types are COMPUTE, EFFECT, REDUCER, ORCHESTRATOR"),
    };
    None
}

/// `"1.0.0"` or `{major: 1, minor: 0, patch: 0}`.
fn version(cx: &mut Checker, map: &MapView) -> Option<Version> {
    let value = map.get("version")?;
    let path = map.child("version");
    let number = |s: &str| s.parse::<u64>().ok().filter(|_| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()));
    let parsed = match value {
        Yaml::Str(s) => {
            let mut parts = s.split('.');
            let mut next = || parts.next().and_then(number);
            match (next(), next(), next(), parts.next()) {
                (Some(major), Some(minor), Some(patch), None) => Some(Version { major, minor, patch }),
                _ => None,
            }
        }
        Yaml::Map(entries) => {
            let part = |key: &str| match value.get(key) {
                Some(Yaml::Int(i)) if *i >= 0 => Some(*i as u64),
                _ => None,
            };
            let only_parts = entries.iter().all(|(k, _)| ["major", "minor", "patch"].contains(&k.as_str()));
            match (part("major"), part("minor"), part("patch")) {
                (Some(major), Some(minor), Some(patch)) if only_parts => Some(Version { major, minor, patch }),
                _ => None,
            }
        }
        _ => None,
    };
    if parsed.is_none() {
        let found = match value {
            Yaml::Str(s) => format!("the string {s:?}"),
            Yaml::Map(_) => {
                "a mapping without non-negative integers `major`, `minor` and `patch` (and nothing else)".to_string()
            }
            other => other.kind().to_string(),
        };
        cx.error(
            "E0302",
            Anchor::value(&path),
            format!("version must be \"MAJOR.MINOR.PATCH\" or {{major, minor, patch}}, found {found}"),
        )
        .label("not a version")
        .help("write `version: \"1.0.0\"` or `version: {major: 1, minor: 0, patch: 0}`");
    }
    parsed
}

fn description(cx: &mut Checker, map: &MapView) -> Option<String> {
    string(cx, map, "description").map(str::to_owned)
}

/// Each entry with where its path and field are; `None` when the list itself is unusable.
fn subcontracts(cx: &mut Checker, map: &MapView) -> Option<Vec<(Entry, (Anchor, Anchor))>> {
    let value = map.get("subcontracts")?;
    let path = map.child("subcontracts");
    let items = match value {
        Yaml::Seq(items) => items,
        other => {
            cx.error("E0304", Anchor::value(&path), format!("`subcontracts` must be a list, found {}", other.kind()))
                .label("expected a list")
                .help("write `subcontracts:` followed by `- path: \"...\"` / `  integration_field: \"...\"` entries");
            return None;
        }
    };
    let mut out = Vec::new();
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        let mut at = path.clone();
        at.push(Seg::Index(i));
        let Yaml::Map(entries) = item else {
            ok = false;
            cx.error(
                "E0305",
                Anchor::value(&at),
                format!("each entry of `subcontracts` must be a mapping, found {}", item.kind()),
            )
            .label("expected `{path, integration_field}`")
            .help("write `- path: \"../mixins/mixin_x.yaml\"` and `  integration_field: \"x_configuration\"`");
            continue;
        };
        match entry(cx, &MapView { path: at, entries }) {
            Some(e) => out.push(e),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

const ENTRY_KEYS: &[&str] = super::rules::SUBCONTRACT_KEYS;

fn entry(cx: &mut Checker, view: &MapView) -> Option<(Entry, (Anchor, Anchor))> {
    let mut explained = Vec::new();
    for (key, _) in view.entries {
        if ENTRY_KEYS.contains(&key.as_str()) {
            continue;
        }
        let at = Anchor::key_of(view.child(key));
        match suggest::closest(key, ENTRY_KEYS.iter().copied()) {
            Some(near) if view.get(near).is_none() => {
                explained.push(near);
                cx.error(
                    "E0306",
                    at,
                    format!("unknown key `{key}` in a subcontract; the required key `{near}` is missing"),
                )
                .label("unknown key")
                .help(format!("rename `{key}` to `{near}`"));
            }
            _ => {
                cx.warning("W0150", at, format!("unknown key `{key}` in a subcontract is ignored"))
                    .label("unknown key")
                    .help("a subcontract takes `path` and `integration_field`");
            }
        }
    }
    let text = |cx: &mut Checker, key: &'static str| -> Option<String> {
        match view.get(key) {
            Some(Yaml::Str(s)) if !s.is_empty() => Some(s.clone()),
            Some(other) => {
                let found = if matches!(other, Yaml::Str(_)) { "an empty string" } else { other.kind() };
                cx.error(
                    "E0306",
                    Anchor::value_of(view.child(key)),
                    format!("`{key}` of a subcontract must be a non-empty string, found {found}"),
                )
                .label("expected a string")
                .help(format!("quote it: `{key}: \"...\"`"));
                None
            }
            None if explained.contains(&key) => None,
            None => {
                cx.error(
                    "E0306",
                    Anchor::value(&view.path),
                    format!("subcontract is missing the required key `{key}`"),
                )
                .label(format!("`{key}` missing here"))
                .help(if key == "path" {
                    "add `path: \"../mixins/mixin_x.yaml\"` (relative to this node contract)"
                } else {
                    "add `integration_field: \"x_configuration\"` (the field of the node's contract struct)"
                });
                None
            }
        }
    };
    let path = text(cx, "path");
    let field = text(cx, "integration_field");
    let field_at = Anchor::value_of(view.child("integration_field"));
    let field = field.and_then(|f| integration_field(cx, &f, &field_at));
    Some((
        Entry { path: path?, field: field?, path_at: None, field_at: None },
        (Anchor::value_of(view.child("path")), field_at),
    ))
}

/// A field of the node's contract struct and its key in an override file, unchanged: lowercase
/// snake_case and not a Rust keyword, so no rename or raw identifier is ever needed.
fn integration_field(cx: &mut Checker, field: &str, at: &Anchor) -> Option<Ident> {
    let ident = names::to_ident(field, Case::Snake).ok().filter(|id| is_snake(field) && !id.raw && id.name == field);
    let Some(ident) = ident else {
        let fixed = heck::ToSnakeCase::to_snake_case(
            field
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-' || *c == ' ')
                .collect::<String>()
                .as_str(),
        );
        let help = if is_snake(&fixed) && fixed != field {
            format!("write `integration_field: \"{fixed}\"`")
        } else {
            "use lowercase ASCII letters, digits and single `_`, starting with a letter, and not a Rust keyword"
                .to_string()
        };
        cx.error(
            "E0307",
            at.clone(),
            format!("integration_field `{}` is not a safe Rust field name", field.escape_debug()),
        )
        .label("not lowercase snake_case, or a keyword")
        .help(help);
        return None;
    };
    if !field.ends_with("_configuration") {
        cx.warning("W0314", at.clone(), format!("integration_field `{field}` does not end in `_configuration`"))
            .label("the integration guide's naming rule")
            .help(format!("name it after the mixin, such as `{}_configuration`", field.trim_end_matches("_config")));
    }
    Some(ident)
}
