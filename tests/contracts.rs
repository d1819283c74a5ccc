//! Every contract in mixins/ against what the generated Rust says about it. The expected values are
//! read from the YAML here (serde_yaml), never written out by hand.

use onex_mixins::{
    aggregation_window, error_handling, event_handling, external_dependencies, health_check, introspection,
    performance_monitoring, rate_limiting, state_management, DependencyKind, DependencySpec, MetricKind, MixinSpec,
    NodeType, MIXINS,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_yaml::Value as Yaml;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{Debug, Display};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

/// The top-level keys the mixin format defines; every other one is a config or data section.
const FORMAT_KEYS: &[&str] = &[
    "mixin_name",
    "mixin_version",
    "description",
    "applicable_node_types",
    "actions",
    "output_models",
    "dependencies",
    "requires_dependencies",
    "metrics",
];

fn contract_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("mixins");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
        .collect();
    files.sort();
    files
}

fn load(path: &Path) -> Yaml {
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// (contract YAML, its MixinSpec) for every contract, matched by mixin_name.
fn contracts() -> Vec<(PathBuf, Yaml, &'static MixinSpec)> {
    contract_files()
        .into_iter()
        .map(|path| {
            let yaml = load(&path);
            let name = yaml["mixin_name"].as_str().unwrap().to_string();
            let spec = MIXINS
                .iter()
                .copied()
                .find(|m| m.name == name)
                .unwrap_or_else(|| panic!("{name} ({}) is not in MIXINS", path.display()));
            (path, yaml, spec)
        })
        .collect()
}

fn seq(v: &Yaml) -> &[Yaml] {
    v.as_sequence().map(Vec::as_slice).unwrap_or(&[])
}

fn s(v: &Yaml) -> &str {
    v.as_str().unwrap_or_else(|| panic!("expected a string, got {v:?}"))
}

/// An action input/output: a plain name or `{name: x, type: t}`.
fn io_name(v: &Yaml) -> &str {
    v.as_str().unwrap_or_else(|| s(&v["name"]))
}

fn node_type(name: &str) -> NodeType {
    name.parse().unwrap_or_else(|e| panic!("{e}"))
}

fn metric_kind(name: &str) -> MetricKind {
    match name {
        "counter" => MetricKind::Counter,
        "gauge" => MetricKind::Gauge,
        "histogram" => MetricKind::Histogram,
        other => panic!("unknown metric type {other}"),
    }
}

fn dependency_kind(name: &str) -> DependencyKind {
    match name {
        "capability" => DependencyKind::Capability,
        "protocol" => DependencyKind::Protocol,
        "service" => DependencyKind::Service,
        "resource" => DependencyKind::Resource,
        other => panic!("unknown dependency type {other}"),
    }
}

// ---------------------------------------------------------------------------------------------
// The spec constants.
// ---------------------------------------------------------------------------------------------

#[test]
fn mixins_lists_every_contract_in_file_order() {
    let files = contract_files();
    assert_eq!(files.len(), 9);
    let from_yaml: Vec<String> = files.iter().map(|f| s(&load(f)["mixin_name"]).to_string()).collect();
    let listed: Vec<&str> = MIXINS.iter().map(|m| m.name).collect();
    assert_eq!(listed, from_yaml);
    for m in MIXINS {
        assert_eq!(format!("mixin_{}", m.module), m.name, "module name is mixin_name without `mixin_`");
    }
}

/// Each module's constants are the ones its MIXIN (and so MIXINS) carries.
#[test]
fn module_constants_agree_with_mixin_table() {
    macro_rules! same {
        ($($m:ident),*) => {$(
            let spec = &$m::MIXIN;
            assert_eq!(spec.name, $m::NAME);
            assert_eq!(spec.module, stringify!($m));
            assert_eq!(spec.version, $m::VERSION);
            assert_eq!(spec.description, $m::DESCRIPTION);
            assert_eq!(spec.applicable_node_types, $m::APPLICABLE_NODE_TYPES);
            assert_eq!(spec.actions, $m::ACTIONS);
            assert_eq!(spec.metrics, $m::METRICS);
            assert_eq!(spec.dependencies, $m::DEPENDENCIES);
            assert_eq!(spec.required_dependencies, $m::REQUIRED_DEPENDENCIES);
            assert!(MIXINS.iter().any(|m| std::ptr::eq(*m, spec) || **m == *spec));
        )*};
    }
    same!(
        aggregation_window,
        error_handling,
        event_handling,
        external_dependencies,
        health_check,
        introspection,
        performance_monitoring,
        rate_limiting,
        state_management
    );
}

#[test]
fn name_version_description_node_types_match_yaml() {
    for (path, y, m) in contracts() {
        let p = path.display();
        assert_eq!(m.name, s(&y["mixin_name"]), "{p}");
        let v = &y["mixin_version"];
        let want = (v["major"].as_u64().unwrap(), v["minor"].as_u64().unwrap(), v["patch"].as_u64().unwrap());
        assert_eq!((m.version.major, m.version.minor, m.version.patch), want, "{p}");
        assert_eq!(m.version.to_string(), format!("{}.{}.{}", want.0, want.1, want.2));
        assert_eq!(m.description, s(&y["description"]), "{p}");
        let types: Vec<NodeType> = seq(&y["applicable_node_types"]).iter().map(|t| node_type(s(t))).collect();
        assert_eq!(m.applicable_node_types, types.as_slice(), "{p}");
        for t in NodeType::ALL {
            assert_eq!(m.applies_to(*t), types.contains(t), "{p}: {t}");
        }
    }
}

#[test]
fn actions_match_yaml() {
    let mut total = 0;
    for (path, y, m) in contracts() {
        let p = path.display();
        let actions = seq(&y["actions"]);
        assert_eq!(m.actions.len(), actions.len(), "{p}");
        for (a, spec) in actions.iter().zip(m.actions) {
            total += 1;
            let name = s(&a["name"]);
            assert_eq!(spec.name, name, "{p}");
            assert_eq!(spec.description, s(&a["description"]), "{p}: {name}");
            assert_eq!(spec.required, a["required"].as_bool().unwrap_or(false), "{p}: {name}");
            let ms = a["timeout_ms"].as_u64().unwrap_or_else(|| panic!("{p}: {name} has no timeout_ms"));
            assert_eq!(spec.timeout, Duration::from_millis(ms), "{p}: {name}");
            let inputs: Vec<&str> = seq(&a["inputs"]).iter().map(io_name).collect();
            let outputs: Vec<&str> = seq(&a["outputs"]).iter().map(io_name).collect();
            assert_eq!(spec.inputs, inputs.as_slice(), "{p}: {name} inputs");
            assert_eq!(spec.outputs, outputs.as_slice(), "{p}: {name} outputs");
            assert_eq!(m.action(name), Some(spec));
        }
    }
    assert!(total >= 30, "{total} actions");
}

#[test]
fn metrics_match_yaml() {
    for (path, y, m) in contracts() {
        let p = path.display();
        let metrics = seq(&y["metrics"]);
        assert_eq!(m.metrics.len(), metrics.len(), "{p}");
        for (x, spec) in metrics.iter().zip(m.metrics) {
            let name = s(&x["name"]);
            assert_eq!(spec.name, name, "{p}");
            assert_eq!(spec.kind, metric_kind(s(&x["type"])), "{p}: {name}");
            assert_eq!(spec.description, s(&x["description"]), "{p}: {name}");
            let labels: Vec<&str> = seq(&x["labels"]).iter().map(s).collect();
            assert_eq!(spec.labels, labels.as_slice(), "{p}: {name} labels");
            let buckets: Vec<f64> = seq(&x["buckets"]).iter().map(|b| b.as_f64().unwrap()).collect();
            assert_eq!(spec.buckets, buckets.as_slice(), "{p}: {name} buckets");
        }
    }
}

fn check_dependencies(p: &str, yaml: &Yaml, specs: &[DependencySpec]) {
    let deps = seq(yaml);
    assert_eq!(specs.len(), deps.len(), "{p}");
    for (d, spec) in deps.iter().zip(specs) {
        let name = s(&d["name"]);
        assert_eq!(spec.name, name, "{p}");
        assert_eq!(spec.kind, dependency_kind(s(&d["type"])), "{p}: {name}");
        assert_eq!(spec.description, s(&d["description"]), "{p}: {name}");
        assert_eq!(spec.optional, d["optional"].as_bool().unwrap_or(false), "{p}: {name} optional");
    }
}

#[test]
fn dependencies_match_yaml() {
    let mut optional_seen = false;
    for (path, y, m) in contracts() {
        let p = path.display().to_string();
        check_dependencies(&p, &y["dependencies"], m.dependencies);
        check_dependencies(&p, &y["requires_dependencies"], m.required_dependencies);
        optional_seen |= m.required_dependencies.iter().any(|d| d.optional);
    }
    assert!(optional_seen, "some contract has an optional dependency");
}

// ---------------------------------------------------------------------------------------------
// Config and data sections carry the contract's values.
// ---------------------------------------------------------------------------------------------

/// Every config and data section of every mixin as YAML: a config serialized from its function,
/// a data section (a static with no serde) read back from its `Debug` text.
fn sections() -> BTreeMap<(&'static str, &'static str), Yaml> {
    let mut out = BTreeMap::new();
    macro_rules! configs {
        ($($m:ident: [$($f:ident),*]),* $(,)?) => {$($(
            out.insert((stringify!($m), stringify!($f)), serde_yaml::to_value($m::$f()).unwrap());
        )*)*};
    }
    macro_rules! statics {
        ($($m:ident: [$($key:ident = $s:ident),*]),* $(,)?) => {$($(
            out.insert((stringify!($m), stringify!($key)), debug_to_yaml(&format!("{:?}", $m::$s)));
        )*)*};
    }
    configs! {
        aggregation_window: [aggregation_window_config],
        error_handling: [error_handling_config],
        event_handling: [event_config],
        external_dependencies: [external_dependency_config, circuit_breaker_config],
        health_check: [health_check_config],
        introspection: [introspection_config],
        performance_monitoring: [performance_config],
        rate_limiting: [rate_limiting_config],
        state_management: [state_management_config],
    }
    statics! {
        event_handling: [node_specific_events = NODE_SPECIFIC_EVENTS],
        external_dependencies: [
            supported_service_types = SUPPORTED_SERVICE_TYPES, fallback_strategies = FALLBACK_STRATEGIES,
            authentication_patterns = AUTHENTICATION_PATTERNS, data_transformation = DATA_TRANSFORMATION
        ],
        health_check: [health_status_levels = HEALTH_STATUS_LEVELS],
        performance_monitoring: [
            core_metrics = CORE_METRICS, node_specific_metrics = NODE_SPECIFIC_METRICS,
            default_alerts = DEFAULT_ALERTS, metrics_export = METRICS_EXPORT
        ],
        state_management: [
            storage_backends = STORAGE_BACKENDS, state_versioning = STATE_VERSIONING,
            consistency_patterns = CONSISTENCY_PATTERNS, aggregation_patterns = AGGREGATION_PATTERNS
        ],
    }
    out
}

/// Reads the `Debug` text of generated data back as YAML: a struct becomes a mapping keyed by its
/// Rust field names, `Some(x)` and the `DataValue` variants their value, `None`/`Null` null, a
/// slice a sequence, and a slice of `(key, value)` pairs (a map in contract order) a mapping.
fn debug_to_yaml(text: &str) -> Yaml {
    struct P<'a>(&'a [u8], usize);
    impl P<'_> {
        fn ws(&mut self) {
            while self.1 < self.0.len() && self.0[self.1].is_ascii_whitespace() {
                self.1 += 1;
            }
        }
        fn eat(&mut self, c: u8) -> bool {
            self.ws();
            let hit = self.0.get(self.1) == Some(&c);
            self.1 += hit as usize;
            hit
        }
        fn expect(&mut self, c: u8) {
            assert!(self.eat(c), "expected {:?} at {} in {}", c as char, self.1, String::from_utf8_lossy(self.0));
        }
        fn word(&mut self) -> String {
            self.ws();
            let start = self.1;
            while self.1 < self.0.len() && (self.0[self.1].is_ascii_alphanumeric() || b"_.-+".contains(&self.0[self.1]))
            {
                self.1 += 1;
            }
            String::from_utf8(self.0[start..self.1].to_vec()).unwrap()
        }
        fn string(&mut self) -> String {
            let mut out = Vec::new();
            loop {
                let c = self.0[self.1];
                self.1 += 1;
                match c {
                    b'"' => return String::from_utf8(out).unwrap(),
                    b'\\' => {
                        let e = self.0[self.1];
                        self.1 += 1;
                        match e {
                            b'n' => out.push(b'\n'),
                            b'r' => out.push(b'\r'),
                            b't' => out.push(b'\t'),
                            b'0' => out.push(0),
                            b'u' => {
                                let end = self.1 + self.0[self.1..].iter().position(|&b| b == b'}').unwrap();
                                let hex = std::str::from_utf8(&self.0[self.1 + 1..end]).unwrap();
                                let ch = char::from_u32(u32::from_str_radix(hex, 16).unwrap()).unwrap();
                                out.extend_from_slice(ch.to_string().as_bytes());
                                self.1 = end + 1;
                            }
                            other => out.push(other),
                        }
                    }
                    c => out.push(c),
                }
            }
        }
        fn items(&mut self, close: u8) -> Vec<Yaml> {
            let mut items = Vec::new();
            while !self.eat(close) {
                items.push(self.value());
                self.eat(b',');
            }
            items
        }
        fn value(&mut self) -> Yaml {
            if self.eat(b'"') {
                return Yaml::String(self.string());
            }
            if self.eat(b'[') {
                let items = self.items(b']');
                let pairs = !items.is_empty()
                    && items.iter().all(|i| matches!(i, Yaml::Sequence(p) if p.len() == 2 && p[0].is_string()));
                if !pairs {
                    return Yaml::Sequence(items);
                }
                let map = items.into_iter().map(|i| match i {
                    Yaml::Sequence(mut p) => {
                        let v = p.pop().unwrap();
                        (p.pop().unwrap(), v)
                    }
                    _ => unreachable!(),
                });
                return Yaml::Mapping(map.collect());
            }
            if self.eat(b'(') {
                return Yaml::Sequence(self.items(b')'));
            }
            let word = self.word();
            match word.as_str() {
                "true" => return Yaml::Bool(true),
                "false" => return Yaml::Bool(false),
                "None" | "Null" => return Yaml::Null,
                _ => {}
            }
            if let Ok(i) = word.parse::<i64>() {
                return Yaml::Number(i.into());
            }
            if let Ok(f) = word.parse::<f64>() {
                return Yaml::Number(f.into());
            }
            if self.eat(b'(') {
                // `Some(x)`, `DataValue::Int(5)`, `DataValue::Map([..])`: the value inside.
                let inner = self.value();
                self.expect(b')');
                return inner;
            }
            if !self.eat(b'{') {
                // A unit enum value (`Compute`, a node type key).
                return Yaml::String(word);
            }
            let mut map = serde_yaml::Mapping::new();
            while !self.eat(b'}') {
                let field = self.word();
                self.expect(b':');
                map.insert(Yaml::String(field), self.value());
                self.eat(b',');
            }
            Yaml::Mapping(map)
        }
    }
    let mut p = P(text.as_bytes(), 0);
    let v = p.value();
    p.ws();
    assert_eq!(p.1, text.len(), "trailing text in {text}");
    v
}

/// The Rust field name a contract key becomes, as `Debug` prints it (no `r#`).
fn field_name(key: &str) -> String {
    mixin_codegen::names::to_ident(key, mixin_codegen::names::Case::Snake).map_or_else(|_| key.to_string(), |i| i.name)
}

/// Compares a contract value with the generated data, as data: numbers by value (`5` and `5.0`
/// are the same), mappings by key. A key the generated side has as `null` (an `Option` field of a
/// list item that mixes keys) may be absent from the contract. A declared map
/// (`{type: object, additionalProperties: .., default: ..}`) holds its `default` entries.
fn same_data(path: &str, want: &Yaml, got: &Yaml, problems: &mut Vec<String>) {
    if want.get("type").and_then(Yaml::as_str) == Some("object") && want.get("additionalProperties").is_some() {
        let default = want.get("default").cloned().unwrap_or(Yaml::Mapping(Default::default()));
        return same_data(path, &default, got, problems);
    }
    // A field spec (`{type, default, minimum, ...}`) holds its value in `default`.
    if let (Some(_), Some(default)) = (want.get("type"), want.get("default")) {
        if path.contains("_config") {
            return same_data(path, default, got, problems);
        }
    }
    match (want, got) {
        (Yaml::Number(a), Yaml::Number(b)) if a.as_f64() == b.as_f64() => {}
        // A static's field is named as Rust names it; a serialized config's keeps the wire name.
        (Yaml::Mapping(a), Yaml::Mapping(b)) => {
            // Node type keys print as their variant (`Compute` for `COMPUTE`).
            let rust = |k: &Yaml| Yaml::String(field_name(k.as_str().unwrap_or_default()));
            let b: serde_yaml::Mapping = b
                .iter()
                .map(|(k, v)| match k.as_str().and_then(|k| NodeType::ALL.iter().find(|n| format!("{n:?}") == k)) {
                    Some(n) => (Yaml::String(n.as_str().to_string()), v.clone()),
                    None => (k.clone(), v.clone()),
                })
                .collect();
            let b = &b;
            for (k, v) in a {
                let key = k.as_str().map_or_else(|| format!("{k:?}"), str::to_string);
                match b.get(k).or_else(|| b.get(rust(k))) {
                    Some(g) => same_data(&format!("{path}.{key}"), v, g, problems),
                    None => problems.push(format!("{path}.{key}: missing from the generated data")),
                }
            }
            for (k, v) in b {
                if !a.keys().any(|ak| ak == k || rust(ak) == *k) && !v.is_null() {
                    problems.push(format!("{path}.{k:?}: generated but not in the contract ({v:?})"));
                }
            }
        }
        // An empty map in a static is an empty slice of pairs.
        (Yaml::Mapping(a), Yaml::Sequence(b)) if a.is_empty() && b.is_empty() => {}
        // A list of one-key mappings in a data section is its pairs, in order.
        (Yaml::Sequence(a), Yaml::Mapping(b))
            if a.len() == b.len() && a.iter().all(|item| item.as_mapping().is_some_and(|m| m.len() == 1)) =>
        {
            for (i, (item, (gk, gv))) in a.iter().zip(b).enumerate() {
                let (wk, wv) = item.as_mapping().and_then(|m| m.iter().next()).expect("one key");
                if wk != gk {
                    problems.push(format!("{path}[{i}]: key {wk:?} in the contract, {gk:?} generated"));
                }
                same_data(&format!("{path}[{i}]"), wv, gv, problems);
            }
        }
        (Yaml::Sequence(a), Yaml::Sequence(b)) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                same_data(&format!("{path}[{i}]"), x, y, problems);
            }
        }
        _ if want == got => {}
        _ => problems.push(format!("{path}: contract has {want:?}, generated {got:?}")),
    }
}

#[test]
fn every_section_is_reachable_and_carries_the_contract_values() {
    let sections = sections();
    let mut seen: BTreeSet<(&'static str, &'static str)> = BTreeSet::new();
    let mut problems = Vec::new();
    for (path, y, m) in contracts() {
        for (key, want) in y.as_mapping().unwrap() {
            let key = key.as_str().unwrap();
            if FORMAT_KEYS.contains(&key) {
                continue;
            }
            let Some((&id, got)) = sections.iter().find(|(k, _)| k.0 == m.module && k.1 == key) else {
                problems.push(format!("{}: section `{key}` has no generated function", path.display()));
                continue;
            };
            seen.insert(id);
            same_data(&format!("{}:{key}", m.module), want, got, &mut problems);
        }
    }
    let unused: Vec<_> = sections.keys().filter(|k| !seen.contains(*k)).collect();
    assert!(unused.is_empty(), "sections not in any contract: {unused:?}");
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn named_data_sections_hold_contract_values() {
    // state_management: storage_backends is a struct of per-backend structs.
    let y = load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("mixins/mixin_state_management.yaml"));
    let backends = &state_management::STORAGE_BACKENDS;
    let as_yaml = debug_to_yaml(&format!("{backends:?}"));
    for (name, _) in y["storage_backends"].as_mapping().unwrap() {
        assert!(as_yaml.get(field_name(s(name))).is_some(), "storage backend {name:?}");
    }
    let postgresql = &y["storage_backends"]["postgresql"];
    assert_eq!(Some(backends.postgresql.connection_pool_size), postgresql["connection_pool_size"].as_i64());
    assert_eq!(Some(backends.redis.persistence_mode), y["storage_backends"]["redis"]["persistence_mode"].as_str());

    // performance_monitoring: node_specific_metrics keyed by node type.
    let y = load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("mixins/mixin_performance_monitoring.yaml"));
    let nsm = debug_to_yaml(&format!("{:?}", performance_monitoring::NODE_SPECIFIC_METRICS));
    let want = y["node_specific_metrics"].as_mapping().unwrap();
    assert_eq!(nsm.as_mapping().unwrap().len(), want.len());
    for t in NodeType::ALL {
        let key = t.as_str().to_lowercase();
        let (Some(w), Some(g)) = (want.get(key.as_str()), nsm.get(key.as_str())) else { continue };
        assert_eq!(seq(w).len(), seq(g).len(), "node_specific_metrics.{key}");
    }

    // health_check: health_status_levels, a list of one-key mappings, is its pairs in contract order.
    let y = load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("mixins/mixin_health_check.yaml"));
    let levels: &'static [(&'static str, &'static str)] = health_check::HEALTH_STATUS_LEVELS;
    let want = seq(&y["health_status_levels"]);
    assert_eq!(levels.len(), want.len());
    for ((name, text), item) in levels.iter().zip(want) {
        assert_eq!(Some(*text), item[*name].as_str(), "{name}");
    }
    assert_eq!(levels[0], ("HEALTHY", "All systems operational"));
}

#[test]
fn data_sections_are_statics_of_borrowed_types() {
    // Read in place: no call, no allocation, a `&'static` reference into read-only data.
    let redis: &'static state_management::StorageBackendsRedis = &state_management::STORAGE_BACKENDS.redis;
    let mode: &'static str = redis.persistence_mode;
    assert_eq!(mode, "AOF");
    let formats: &'static [&'static str] = performance_monitoring::METRICS_EXPORT.formats;
    assert!(!formats.is_empty());
    // The same address every time: one value, not a copy per use.
    assert!(std::ptr::eq(&state_management::STORAGE_BACKENDS, &state_management::STORAGE_BACKENDS));
    // Empty maps and lists are empty slices, typed by what an override could not add.
    let templates: &'static [(&'static str, onex_mixins::DataValue)] =
        external_dependencies::FALLBACK_STRATEGIES.default_response.response_templates;
    assert!(templates.is_empty());
    let priority: &'static [onex_mixins::DataValue] =
        external_dependencies::FALLBACK_STRATEGIES.alternative_service.service_priority_list;
    assert!(priority.is_empty());
    // Data types are plain values: Copy and PartialEq, and no serde.
    let copy = *redis;
    assert_eq!(copy, *redis);
    let source = include_str!("../generated-example/state_management.rs");
    let data_type = source.split("pub struct StorageBackendsRedis").next().unwrap().lines().last().unwrap();
    assert_eq!(data_type, "#[derive(Debug, Clone, Copy, PartialEq)]");
}

// ---------------------------------------------------------------------------------------------
// Types.
// ---------------------------------------------------------------------------------------------

/// Every `enum[...]` string in a contract, as its list of values.
fn inline_enums(v: &Yaml, out: &mut BTreeSet<Vec<String>>) {
    match v {
        Yaml::String(t) => {
            if let Some(inner) = t.strip_prefix("enum[").and_then(|r| r.strip_suffix(']')) {
                out.insert(inner.split(',').map(|x| x.trim().to_string()).collect());
            }
        }
        Yaml::Sequence(items) => items.iter().for_each(|i| inline_enums(i, out)),
        Yaml::Mapping(m) => m.values().for_each(|i| inline_enums(i, out)),
        _ => {}
    }
}

/// Serializes each value as written in the contract, round-trips Display/FromStr and serde, and
/// rejects an unknown value. Returns the values.
fn check_enum<E>(all: &[E]) -> Vec<String>
where
    E: Copy + Debug + PartialEq + Display + FromStr + Serialize + DeserializeOwned,
    E::Err: Display,
{
    let mut values = Vec::new();
    for v in all {
        let text = v.to_string();
        assert_eq!(serde_json::to_string(v).unwrap(), format!("\"{text}\""));
        assert_eq!(serde_yaml::to_value(v).unwrap(), Yaml::String(text.clone()));
        assert_eq!(text.parse::<E>().ok(), Some(*v), "{text}");
        assert_eq!(serde_json::from_str::<E>(&format!("\"{text}\"")).unwrap(), *v);
        values.push(text);
    }
    let err = match "not_a_value".parse::<E>() {
        Err(e) => e.to_string(),
        Ok(v) => panic!("parsed {v:?}"),
    };
    assert!(err.contains("not_a_value"), "{err}");
    assert!(serde_json::from_str::<E>("\"not_a_value\"").is_err());
    values
}

#[test]
fn inline_enums_serialize_as_written_and_round_trip() {
    let mut generated: BTreeMap<&str, BTreeSet<Vec<String>>> = BTreeMap::new();
    macro_rules! enums {
        ($($m:ident: [$($t:ident),*]),* $(,)?) => {$($(
            generated.entry(stringify!($m)).or_default().insert(check_enum($m::$t::ALL));
        )*)*};
    }
    enums! {
        aggregation_window: [WindowStatusState],
        event_handling: [PublishResultDeliveryStatus],
        external_dependencies: [CallResultMetadataCircuitBreakerState, HealthStatusStatus, FallbackResultDegradationLevel],
        health_check: [HealthStatusStatus],
        introspection: [NodeInfoNodeType, NodeInfoStatus],
        performance_monitoring: [MetricsDataMetricsItemMetricType],
        rate_limiting: [PermitResultDecision],
        state_management: [ConsistencyReportIssuesFoundItemIssueType, ConsistencyReportIssuesFoundItemSeverity],
    }
    // Exactly the contract's enums, one type per distinct list of values in a mixin.
    for (_, y, m) in contracts() {
        let mut in_yaml = BTreeSet::new();
        inline_enums(&y, &mut in_yaml);
        assert_eq!(generated.remove(m.module).unwrap_or_default(), in_yaml, "{}", m.module);
    }
    // Lowercase values stay lowercase.
    assert_eq!(performance_monitoring::MetricsDataMetricsItemMetricType::ALL[0].to_string(), "counter");
}

#[test]
fn identical_inline_enums_in_one_mixin_share_one_type() {
    // health_check's `health_status.status` and `component_health.components[].status` are the
    // same enum[...]: both fields have the type HealthStatusStatus.
    let top: fn(&health_check::HealthStatus) -> health_check::HealthStatusStatus = |h| h.status;
    let item: fn(&health_check::ComponentHealthComponentsItem) -> health_check::HealthStatusStatus = |c| c.status;
    let _ = (top, item);
    let source = include_str!("../generated-example/health_check.rs");
    // Besides the dispatch enums `Action`, `Request` and `Response`.
    let contract_enums = source.matches("pub enum ").count() - ["Action", "Request", "Response"].len();
    assert_eq!(contract_enums, 1, "one enum type from health_check's contract");
}

fn is_map<V>(_: &BTreeMap<String, V>) {}

#[test]
fn additional_properties_objects_are_btreemaps() {
    let _ = |r: &aggregation_window::WindowAggregateResult| is_map::<f64>(&r.values);
    let _ = |r: &event_handling::EventEnvelope| is_map::<String>(&r.headers);
    let _ = |r: &external_dependencies::CallResult| is_map::<String>(&r.headers);
    let _ = |r: &performance_monitoring::MetricsDataMetricsItem| is_map::<String>(&r.labels);
    let _ = |r: &performance_monitoring::TraceSummarySpansItem| is_map::<String>(&r.tags);
    // And they take any keys.
    let json = r#"{"window_key": "k", "window_start": "s", "window_end": "e",
                   "values": {"count": 3, "sum": 7.5}, "late_events_dropped": 0}"#;
    let r: aggregation_window::WindowAggregateResult = serde_json::from_str(json).unwrap();
    assert_eq!(r.values["sum"], 7.5);
    assert_eq!(r.values.len(), 2);
}

#[test]
fn nested_objects_are_structs() {
    let _: fn(&external_dependencies::CallResult) -> &external_dependencies::CallResultMetadata = |r| &r.metadata;
    let _: fn(&state_management::StateData) -> &state_management::StateDataMetadata = |r| &r.metadata;
    let _: fn(&performance_monitoring::PerformanceSummary) -> &performance_monitoring::PerformanceSummaryTimeRange =
        |r| &r.time_range;
    let _: fn(&aggregation_window::AggregationWindowConfig) -> &aggregation_window::AggregationWindowConfigWatermark =
        |c| &c.watermark;
    let cfg = aggregation_window::aggregation_window_config();
    assert_eq!(cfg.watermark.strategy, "bounded_out_of_orderness");
    assert_eq!(cfg.watermark.max_out_of_orderness_ms, 2000);
    // Nested defaults survive a partial nested override.
    let o: aggregation_window::AggregationWindowConfig =
        serde_yaml::from_str("watermark: {max_out_of_orderness_ms: 10}").unwrap();
    assert_eq!(o.watermark.strategy, "bounded_out_of_orderness");
    assert_eq!(o.watermark.max_out_of_orderness_ms, 10);
    assert_eq!(o.window_size_ms, cfg.window_size_ms);
}

#[test]
fn empty_defaults_accept_a_later_non_empty_override() {
    // `exempt_call_keys: []` in a config. (Configs with `{}` and a `[]` nested two deep are not
    // in mixins/: codegen/tests/compile.rs generates one and overrides it.)
    let r: rate_limiting::RateLimitingConfig = serde_yaml::from_str("exempt_call_keys: [health, metrics]").unwrap();
    assert_eq!(r.exempt_call_keys.len(), 2);
    assert_eq!(r.requests_per_second, rate_limiting::rate_limiting_config().requests_per_second);
    let r: rate_limiting::RateLimitingConfig =
        serde_json::from_str(r#"{"exempt_call_keys": ["health"], "burst_capacity": 3}"#).unwrap();
    assert_eq!(r.exempt_call_keys, [onex_mixins::Value::String("health".into())]);
    assert_eq!(r.burst_capacity, 3);
}

#[test]
fn config_sections_reject_unknown_keys_and_keep_defaults() {
    let e = serde_yaml::from_str::<health_check::HealthCheckConfig>("check_interval: 5").unwrap_err();
    assert!(e.to_string().contains("check_interval"), "{e}");
    // An unknown key inside a nested section, too.
    let e = serde_yaml::from_str::<aggregation_window::AggregationWindowConfig>("watermark: {ttl: 1}").unwrap_err();
    assert!(e.to_string().contains("ttl"), "{e}");
    let c: event_handling::EventConfig = serde_yaml::from_str("{}").unwrap();
    assert_eq!(c, event_handling::event_config());
}

/// `${VAR:-default}` strings stay strings. No contract in mixins/ (nor the corpus) has one, so this
/// generates a small contract that does and looks at the generated field.
#[test]
fn env_style_default_strings_stay_strings() {
    let in_corpus = contract_files().iter().any(|f| std::fs::read_to_string(f).unwrap().contains("${"));
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("contracts-env-default");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("in")).unwrap();
    std::fs::write(
        dir.join("in/mixin_env_default.yaml"),
        r#"mixin_name: "mixin_env_default"
mixin_version: {major: 1, minor: 0, patch: 0}
description: "A config value with an environment default"
applicable_node_types: ["EFFECT"]
actions:
  - name: "connect"
    description: "Connect"
    inputs: [{name: "dsn", type: "string"}]
    outputs: [{name: "ok", type: "boolean"}]
    required: true
    timeout_ms: 100
env_default_config:
  database_url: "${DATABASE_URL:-postgres://localhost/onex}"
  pool_size: 4
"#,
    )
    .unwrap();
    mixin_codegen::Builder::new()
        .input(dir.join("in"))
        .out_dir(dir.join("out"))
        .emit_rerun_directives(false)
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    let text = std::fs::read_to_string(dir.join("out/env_default.rs")).unwrap();
    assert!(text.contains("pub database_url: String"), "{text}");
    let compact: String = text.split_whitespace().collect();
    assert!(compact.contains(r#"database_url:String::from("${DATABASE_URL:-postgres://localhost/onex}""#), "{text}");
    // A `${..}` value in mixins/ would be compared as the exact string by
    // every_section_is_reachable_and_carries_the_contract_values; today there is none.
    assert!(!in_corpus, "mixins/ now has a `${{..}}` string: also assert its field's type here");
}
