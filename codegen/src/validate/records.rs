//! The contract's fixed sections: name, version, node types, metrics, dependencies.

use super::rules::{self, OPTIONAL_TOP, REQUIRED_TOP};
use super::{actions, config_names, configuration, data, suggest, types, Checker, MapView};
use crate::each;
use crate::locate::{Anchor, Seg};
use crate::model::{Dependency, Metric, MetricKind, Mixin, NodeType, Version};
use crate::names::{self, Case, Ident};
use crate::parse::Yaml;

/// Names every mixin module defines itself; contract items must not take them.
const FIXED_VALUES: &[&str] = &[
    "NAME",
    "VERSION",
    "DESCRIPTION",
    "APPLICABLE_NODE_TYPES",
    "ACTIONS",
    "METRICS",
    "DEPENDENCIES",
    "REQUIRED_DEPENDENCIES",
    "MIXIN",
];

pub(super) fn check_top(cx: &mut Checker, map: &MapView) -> Option<Mixin> {
    let known: Vec<&str> = REQUIRED_TOP.iter().chain(OPTIONAL_TOP).copied().collect();
    // Unknown top-level keys are data sections, unless they look like a misspelt format key.
    let mut section_keys = Vec::new();
    let mut config_keys = Vec::new();
    for (key, _) in map.entries {
        if known.contains(&key.as_str()) {
            continue;
        }
        match suggest::closest(key, known.iter().copied()) {
            Some(near) if map.get(near).is_none() => {
                let at = Anchor::key_of(map.child(key));
                if REQUIRED_TOP.contains(&near) {
                    cx.error("E0151", at, format!("unknown key `{key}`; the required key `{near}` is missing"))
                        .label("unknown key")
                        .help(format!("rename `{key}` to `{near}`"));
                } else {
                    cx.warning("W0150", at, format!("unknown key `{key}` is kept as a data section"))
                        .label("not a key of the format")
                        .help(format!("did you mean `{near}`?"));
                    section_keys.push(key.as_str());
                }
            }
            _ => {
                config_names::check(cx, map, key);
                if key.ends_with("_config") {
                    config_keys.push(key.as_str());
                } else {
                    section_keys.push(key.as_str());
                }
            }
        }
    }
    let mut missing = false;
    for key in REQUIRED_TOP {
        if map.get(key).is_none() && !map.entries.iter().any(|(k, _)| suggest::closest(k, [*key]).is_some()) {
            missing = true;
            cx.error("E0100", Anchor::value(&[]), format!("required top-level key `{key}` is missing"))
                .label(format!("`{key}` missing in this contract"))
                .help(format!("add `{key}:` (see the guide's mixin_error_handling.yaml)"));
        }
    }

    let name = mixin_name(cx, map);
    let version = version(cx, map);
    let description = string(cx, map, "description", "the contract");
    let node_types = node_types(cx, map);

    let module = name.as_deref().map(|n| names::to_ident(names::module_stem(n), Case::Snake));
    cx.module = module.as_ref().and_then(|m| m.as_ref().ok()).map(|m| m.name.clone());
    let trait_name =
        name.as_deref().map(|n| names::to_ident(&format!("{}_actions", names::module_stem(n)), Case::UpperCamel));
    for fixed in FIXED_VALUES {
        cx.claim(&Ident::fixed(fixed), true, &Anchor::value(&[]), format!("the generated constant `{fixed}`"));
    }
    if let Some(Ok(t)) = &trait_name {
        cx.claim(t, false, &Anchor::value_of(map.child("mixin_name")), "the mixin's trait".to_string());
    }
    configuration::claim(cx);
    for name in crate::model::DISPATCH_TYPES {
        cx.claim(&Ident::fixed(name), false, &Anchor::value(&[]), format!("the generated dispatch type `{name}`"));
    }

    let output_models = types::output_models(cx, map);
    cx.models = output_models.clone();
    let configs = data::sections(cx, map, &config_keys, true);
    if let Some(name) = &name {
        configuration::define(cx, name, &configs);
    }
    let sections = data::sections(cx, map, &section_keys, false);
    let actions = actions::check(cx, map, &output_models);
    let metrics = metrics(cx, map);
    let provides = dependencies(cx, map, "dependencies");
    let requires = dependencies(cx, map, "requires_dependencies");

    if !sections.is_empty() {
        let list = each::map(&sections, &mut |s| format!("`{}`", s.key)).join(", ");
        let d = crate::diagnostics::Diagnostic::note(
            "N0230",
            cx.file,
            format!("sections the format does not define are generated as typed data: {list}"),
        );
        cx.report(d, Anchor::key_of(map.child(&sections[0].key)));
    }

    if missing {
        return None;
    }
    Some(Mixin {
        source: cx.file.to_path_buf(),
        name: name?,
        module: module?.ok()?,
        trait_name: trait_name?.ok()?,
        version: version?,
        description: description?,
        node_types: node_types?,
        actions: actions?,
        configs,
        sections,
        output_models,
        metrics,
        provides,
        requires,
        types: std::mem::take(&mut cx.defs),
    })
}

/// A string value at `key`; a wrong type is E0101. Missing keys are reported by the caller.
pub(super) fn string(cx: &mut Checker, map: &MapView, key: &str, what: &str) -> Option<String> {
    match map.get(key)? {
        Yaml::Str(s) => Some(s.clone()),
        other => {
            cx.error(
                "E0101",
                Anchor::value_of(map.child(key)),
                format!("`{key}` of {what} must be a string, found {}", other.kind()),
            )
            .label("expected a string")
            .help(format!("quote it: `{key}: \"...\"`"));
            None
        }
    }
}

pub use rules::MAX_MIXIN_NAME;

fn mixin_name(cx: &mut Checker, map: &MapView) -> Option<String> {
    let name = string(cx, map, "mixin_name", "the contract")?;
    let valid = rules::is_mixin_name(&name);
    if valid && name.len() > MAX_MIXIN_NAME {
        cx.error(
            "E0113",
            Anchor::value_of(map.child("mixin_name")),
            format!("mixin_name is {} characters long, more than {MAX_MIXIN_NAME}", name.len()),
        )
        .label("too long")
        .help(format!(
            "the name becomes the module's file name, which file systems limit; shorten it to at most {MAX_MIXIN_NAME} characters"
        ));
        return None;
    }
    if valid {
        return Some(name);
    }
    let stem = name.strip_prefix("mixin_").unwrap_or(&name);
    let fixed: String =
        stem.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-' || *c == ' ').collect();
    let fixed = heck::ToSnakeCase::to_snake_case(fixed.as_str());
    // `Mixin-Example` is snake-cased to `mixin_example`: do not suggest `mixin_mixin_example`.
    let fixed = fixed.strip_prefix("mixin_").map(str::to_owned).unwrap_or(fixed);
    let help = if fixed.starts_with(|c: char| c.is_ascii_lowercase()) {
        format!("write `mixin_name: \"mixin_{fixed}\"`")
    } else {
        "write `mixin_` followed by a lowercase snake_case name, such as `mixin_error_handling`".to_string()
    };
    cx.error(
        "E0110",
        Anchor::value_of(map.child("mixin_name")),
        format!("mixin_name `{}` must be `mixin_` followed by lowercase snake_case", name.escape_debug()),
    )
    .label("not a valid mixin name")
    .help(help);
    None
}

fn version(cx: &mut Checker, map: &MapView) -> Option<Version> {
    let path = map.child("mixin_version");
    let value = map.get("mixin_version")?;
    let Yaml::Map(entries) = value else {
        let hint = match value {
            Yaml::Str(s) => {
                let parts: Vec<&str> = s.split('.').collect();
                if parts.len() == 3 {
                    format!("write `mixin_version: {{major: {}, minor: {}, patch: {}}}`", parts[0], parts[1], parts[2])
                } else {
                    "write `mixin_version: {major: 1, minor: 0, patch: 0}`".to_string()
                }
            }
            _ => "write `mixin_version: {major: 1, minor: 0, patch: 0}`".to_string(),
        };
        cx.error(
            "E0120",
            Anchor::value(&path),
            format!("mixin_version must be a mapping of major, minor and patch, found {}", value.kind()),
        )
        .label("expected {major, minor, patch}")
        .help(hint);
        return None;
    };
    let view = MapView { path, entries };
    let complete = view.check_keys(cx, "mixin_version", rules::VERSION_KEYS, &[]);
    let part = |cx: &mut Checker, key: &str| -> Option<u64> {
        match view.get(key)? {
            Yaml::Int(i) if *i >= 0 => Some(*i as u64),
            other => {
                cx.error(
                    "E0120",
                    Anchor::value_of(view.child(key)),
                    format!("mixin_version.{key} must be a non-negative integer, found {}", describe(other)),
                )
                .label("expected a non-negative integer");
                None
            }
        }
    };
    let major = part(cx, "major");
    let minor = part(cx, "minor");
    let patch = part(cx, "patch");
    if !complete {
        return None;
    }
    Some(Version { major: major?, minor: minor?, patch: patch? })
}

pub(super) fn describe(v: &Yaml) -> String {
    match v {
        Yaml::Int(i) => format!("`{i}`"),
        // `{:?}` keeps the fraction: `100.0`, not `100`, which would read as an integer.
        Yaml::Float(f) => format!("`{f:?}`"),
        Yaml::Str(s) => format!("the string {:?}", s),
        Yaml::Bool(b) => format!("`{b}`"),
        other => other.kind().to_string(),
    }
}

fn node_types(cx: &mut Checker, map: &MapView) -> Option<Vec<NodeType>> {
    let path = map.child("applicable_node_types");
    let value = map.get("applicable_node_types")?;
    let Yaml::Seq(items) = value else {
        cx.error(
            "E0101",
            Anchor::value(&path),
            format!("applicable_node_types must be a list, found {}", value.kind()),
        )
        .label("expected a list")
        .help("write `applicable_node_types: [\"COMPUTE\", \"EFFECT\"]`");
        return None;
    };
    if items.is_empty() {
        cx.error("E0130", Anchor::value(&path), "applicable_node_types is empty")
            .label("no node type")
            .help("list at least one of COMPUTE, EFFECT, REDUCER, ORCHESTRATOR");
        return None;
    }
    let mut out: Vec<NodeType> = Vec::new();
    let mut ok = true;
    let wires = NodeType::ALL.map(NodeType::wire);
    for (i, item) in items.iter().enumerate() {
        let mut at = path.clone();
        at.push(Seg::Index(i));
        let found = item.as_str().and_then(|s| NodeType::ALL.into_iter().find(|n| n.wire() == s));
        match found {
            Some(n) if out.contains(&n) => {
                cx.warning("W0132", Anchor::value(&at), format!("node type {} is listed twice", n.wire()))
                    .label("duplicate")
                    .help("remove the repeated entry");
            }
            Some(n) => out.push(n),
            None => {
                ok = false;
                let shown = item.as_str().map_or_else(|| describe(item), |s| format!("`{}`", s.escape_debug()));
                let d = cx
                    .error("E0131", Anchor::value(&at), format!("unknown node type {shown}"))
                    .label("not a node type");
                match item.as_str().and_then(|s| suggest::closest(s, wires)) {
                    Some(near) => {
                        d.help(format!("did you mean `{near}`? node types are COMPUTE, EFFECT, REDUCER, ORCHESTRATOR"))
                    }
                    None => d.help("node types are COMPUTE, EFFECT, REDUCER, ORCHESTRATOR"),
                };
            }
        }
    }
    ok.then_some(out)
}

/// A list section of mappings: each item's view, or an E0101 for a wrong shape.
pub(super) fn list_of_maps<'d>(cx: &mut Checker, map: &MapView<'d>, key: &str, what: &str) -> Vec<MapView<'d>> {
    let path = map.child(key);
    let Some(value) = map.get(key) else { return Vec::new() };
    let items = match value {
        Yaml::Seq(items) => items,
        Yaml::Null => return Vec::new(),
        other => {
            cx.error(
                "E0101",
                Anchor::value(&path),
                format!("`{key}` must be a list of {what}s, found {}", other.kind()),
            )
            .label("expected a list");
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let mut at = path.clone();
        at.push(Seg::Index(i));
        match item {
            Yaml::Map(entries) => out.push(MapView { path: at, entries }),
            other => {
                cx.error(
                    "E0101",
                    Anchor::value(&at),
                    format!("each entry of `{key}` must be a mapping ({what}), found {}", other.kind()),
                )
                .label(format!("expected a {what}"))
                .help("write `- name: \"...\"` with the entry's keys indented under it");
            }
        }
    }
    out
}

use rules::{is_label_name, is_metric_name as is_prometheus_name};

fn metrics(cx: &mut Checker, map: &MapView) -> Vec<Metric> {
    let mut out = Vec::new();
    let mut seen: Vec<(String, Anchor)> = Vec::new();
    for view in list_of_maps(cx, map, "metrics", "metric") {
        view.check_keys(cx, "a metric", rules::METRIC_REQUIRED, rules::METRIC_OPTIONAL);
        let name = string(cx, &view, "name", "a metric");
        let description = string(cx, &view, "description", "a metric");
        if let Some(n) = &name {
            let at = Anchor::value_of(view.child("name"));
            if !is_prometheus_name(n) {
                cx.error(
                    "E0174",
                    at.clone(),
                    format!("metric name `{}` is not a valid Prometheus metric name", n.escape_debug()),
                )
                .label("invalid metric name")
                .help("use letters, digits, `_` and `:`, not starting with a digit");
            } else if let Some((_, first)) = seen.iter().find(|(s, _)| s == n) {
                cx.error("E0175", at.clone(), format!("metric `{n}` is defined twice"))
                    .label("second definition")
                    .also(first.clone(), "first defined here");
            }
            seen.push((n.clone(), at));
        }
        let kind = match string(cx, &view, "type", "a metric").as_deref() {
            Some(t) if rules::METRIC_TYPES.iter().any(|(n, _)| *n == t) => {
                rules::METRIC_TYPES.iter().find(|(n, _)| *n == t).map(|(_, k)| *k)
            }
            Some(other) => {
                let d = cx
                    .error(
                        "E0170",
                        Anchor::value_of(view.child("type")),
                        format!("unknown metric type `{}`", other.escape_debug()),
                    )
                    .label("not a metric type");
                match suggest::closest(other, rules::names(rules::METRIC_TYPES)) {
                    Some(near) => d.help(format!("did you mean `{near}`?")),
                    None => d.help(format!("metric types are {}", rules::names(rules::METRIC_TYPES).join(", "))),
                };
                None
            }
            None => None,
        };
        let labels = labels(cx, &view);
        let buckets = buckets(cx, &view, kind);
        if let (Some(name), Some(kind), Some(description)) = (name, kind, description) {
            let comment = cx.comment(&view.path);
            out.push(Metric { name, kind, description, labels, buckets, comment });
        }
    }
    out
}

fn labels(cx: &mut Checker, view: &MapView) -> Vec<String> {
    let path = view.child("labels");
    let items = match view.get("labels") {
        None | Some(Yaml::Null) => return Vec::new(),
        Some(Yaml::Seq(items)) => items,
        Some(other) => {
            cx.error(
                "E0101",
                Anchor::value(&path),
                format!("metric labels must be a list of names, found {}", other.kind()),
            )
            .label("expected a list");
            return Vec::new();
        }
    };
    let mut out: Vec<String> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let mut at = path.clone();
        at.push(Seg::Index(i));
        let at = Anchor::value(&at);
        match item.as_str() {
            Some(l) if !is_label_name(l) => {
                cx.error(
                    "E0173",
                    at,
                    format!("label name `{}` is not a valid Prometheus label name", l.escape_debug()),
                )
                .label("invalid label")
                .help("use letters, digits and `_`, not starting with a digit or `__`");
            }
            Some(l) if out.iter().any(|o| o == l) => {
                cx.error("E0173", at, format!("label `{l}` is listed twice")).label("duplicate label");
            }
            Some(l) => out.push(l.to_string()),
            None => {
                cx.error("E0173", at, format!("a label must be a string, found {}", item.kind()))
                    .label("expected a string");
            }
        }
    }
    out
}

fn buckets(cx: &mut Checker, view: &MapView, kind: Option<MetricKind>) -> Vec<f64> {
    let path = view.child("buckets");
    let Some(value) = view.get("buckets") else { return Vec::new() };
    if kind.is_some_and(|k| k != MetricKind::Histogram) {
        cx.error("E0171", Anchor::key(&path), "buckets are only allowed on histogram metrics")
            .label("not a histogram")
            .help("remove `buckets`, or make the metric `type: \"histogram\"`");
        return Vec::new();
    }
    let Yaml::Seq(items) = value else {
        cx.error("E0172", Anchor::value(&path), format!("buckets must be a list of numbers, found {}", value.kind()))
            .label("expected a list");
        return Vec::new();
    };
    let mut out: Vec<f64> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let mut at = path.clone();
        at.push(Seg::Index(i));
        let at = Anchor::value(&at);
        let v = match item {
            Yaml::Int(i) => *i as f64,
            Yaml::Float(f) => *f,
            other => {
                cx.error("E0172", at, format!("a bucket must be a number, found {}", other.kind()))
                    .label("expected a number");
                continue;
            }
        };
        if !v.is_finite() {
            cx.error("E0172", at, "bucket bounds must be finite")
                .label("not finite")
                .help("the +Inf bucket is implicit");
        } else if let Some(prev) = out.last().filter(|p| **p >= v) {
            cx.error("E0172", at, format!("buckets must be strictly increasing: {v} follows {prev}"))
                .label("not greater than the bucket before");
        } else {
            out.push(v);
        }
    }
    out
}

fn dependencies(cx: &mut Checker, map: &MapView, key: &str) -> Vec<Dependency> {
    let mut out = Vec::new();
    for view in list_of_maps(cx, map, key, "dependency") {
        view.check_keys(cx, "a dependency", rules::DEPENDENCY_REQUIRED, rules::DEPENDENCY_OPTIONAL);
        let name = string(cx, &view, "name", "a dependency");
        let description = string(cx, &view, "description", "a dependency");
        let kind = match string(cx, &view, "type", "a dependency").as_deref() {
            Some(t) if rules::DEPENDENCY_TYPES.iter().any(|(n, _)| *n == t) => {
                rules::DEPENDENCY_TYPES.iter().find(|(n, _)| *n == t).map(|(_, k)| *k)
            }
            Some(other) => {
                let kinds = rules::names(rules::DEPENDENCY_TYPES);
                let d = cx
                    .error(
                        "E0180",
                        Anchor::value_of(view.child("type")),
                        format!("unknown dependency type `{}`", other.escape_debug()),
                    )
                    .label("not a dependency type");
                match suggest::closest(other, kinds.clone()) {
                    Some(near) => d.help(format!("did you mean `{near}`?")),
                    None => d.help(format!("dependency types are {}", kinds.join(", "))),
                };
                None
            }
            None => None,
        };
        let optional = match view.get("optional") {
            None => Some(false),
            Some(Yaml::Bool(b)) => Some(*b),
            Some(other) => {
                let d = cx
                    .error(
                        "E0181",
                        Anchor::value_of(view.child("optional")),
                        format!("`optional` must be true or false, found {}", describe(other)),
                    )
                    .label("expected a boolean");
                if let Some(s) = other.as_str().filter(|s| matches!(*s, "true" | "false")) {
                    d.help(format!("write `optional: {s}` without quotes"));
                }
                None
            }
        };
        if let (Some(name), Some(kind), Some(description), Some(optional)) = (name, kind, description, optional) {
            out.push(Dependency { name, kind, description, optional });
        }
    }
    out
}
