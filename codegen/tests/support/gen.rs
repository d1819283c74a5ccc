//! Random VALID mixin contracts, shared by tests/robustness.rs and tests/compile.rs.
//!
//! A contract is built from a `u64` seed with a small deterministic generator, so a failing
//! property prints a seed that reproduces it, and compile.rs can build a fixed batch without
//! proptest. Names are chosen so that no two contract items become the same Rust item (each kind
//! of item has its own first letter: actions `a`, configs `c`, data sections `d`, output models
//! `m`, the mixin itself `x`); that is a real error the validator must report, not a generator
//! failure.

#![allow(dead_code)]

use mixin_codegen::names::{to_ident, Case};

/// A YAML value to write out.
#[derive(Debug, Clone)]
pub enum V {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<V>),
    Map(Vec<(String, V)>),
}

/// xorshift64*: enough randomness for test data, and reproducible.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15 | 1)
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// 0..n
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Field and key names that must survive as wire names: Rust keywords and the ones that cannot be
/// raw identifiers.
pub const TRICKY_KEYS: &[&str] =
    &["type", "async", "fn", "self", "Self", "super", "crate", "mod", "match", "impl", "await", "dyn", "r#"];

const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyz";
const ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
/// Words that hints append (`_item`, `_value`) or that make a mapping a type specification.
const RESERVED: &[&str] = &[
    "item",
    "value",
    "input",
    "output",
    "type",
    "items",
    "properties",
    "additionalProperties",
    "description",
    "format",
];

/// `[a-z][a-z0-9]{0,5}`: one snake_case segment.
fn segment(rng: &mut Rng) -> String {
    let mut s = String::new();
    s.push(*rng.pick(LETTERS) as char);
    for _ in 0..rng.below(6) {
        s.push(*rng.pick(ALNUM) as char);
    }
    s
}

/// Unique names: no two give the same identifier in `case` (and none is reserved).
struct Names {
    seen: Vec<String>,
    case: Case,
    reserved: &'static [&'static str],
}

impl Names {
    fn new(case: Case) -> Self {
        Names { seen: Vec::new(), case, reserved: RESERVED }
    }
    /// For data keys, where `type` and friends are ordinary keys.
    fn data() -> Self {
        Names { seen: Vec::new(), case: Case::Snake, reserved: &["item", "value"] }
    }
    fn take(&mut self, name: String) -> Option<String> {
        if self.reserved.contains(&name.as_str()) {
            return None;
        }
        let id = to_ident(&name, self.case).ok()?.name;
        let snake = to_ident(&name, Case::Snake).ok()?.name;
        if self.seen.contains(&id) || self.seen.contains(&snake) {
            return None;
        }
        self.seen.push(id);
        self.seen.push(snake);
        Some(name)
    }
    /// A fresh `prefix` + segment name.
    fn fresh(&mut self, rng: &mut Rng, prefix: &str) -> String {
        loop {
            if let Some(n) = self.take(format!("{prefix}{}", segment(rng))) {
                return n;
            }
        }
    }
    /// A field or key name: usually a plain segment, sometimes a keyword or special name.
    fn key(&mut self, rng: &mut Rng, tricky: bool) -> String {
        loop {
            let candidate =
                if tricky && rng.chance(15) { rng.pick(&TRICKY_KEYS[..12]).to_string() } else { segment(rng) };
            if let Some(n) = self.take(candidate) {
                return n;
            }
        }
    }
}

fn text(rng: &mut Rng) -> String {
    const WORDS: &[&str] = &[
        "Handles",
        "the",
        "error",
        "\"quoted\"",
        "back\\slash",
        "*/",
        "`code`",
        "naïve",
        "日本語",
        "emoji 🚀",
        "50%",
        "a: b",
        "#hash",
        "{braces}",
        "[brackets]",
    ];
    let n = 1 + rng.below(8);
    let mut out: Vec<&str> = Vec::new();
    for _ in 0..n {
        out.push(*rng.pick(WORDS));
    }
    out.join(" ")
}

fn enum_spec(rng: &mut Rng) -> String {
    const VALUES: &[&str] = &[
        "A",
        "B",
        "ACTIVE",
        "in_progress",
        "HALF_OPEN",
        "2xx",
        "ok",
        "Self",
        "type",
        "None",
        "Some",
        "Ok",
        "Err",
        "kebab-case",
        "x1",
    ];
    let mut names = Names::new(Case::UpperCamel);
    names.seen.clear();
    let mut values = Vec::new();
    for _ in 0..1 + rng.below(5) {
        let v = rng.pick(VALUES).to_string();
        let id = to_ident(&v, Case::UpperCamel).unwrap().name;
        if !names.seen.contains(&id) {
            names.seen.push(id);
            values.push(v);
        }
    }
    let sep = if rng.chance(50) { "," } else { ", " };
    format!("enum[{}]", values.join(sep))
}

const TYPE_NAMES: &[&str] = &["string", "integer", "float", "number", "boolean", "timestamp", "datetime", "object"];

/// A type specification for an output model field or a typed input/output. `models` are output
/// model names the spec may refer to.
fn type_spec(rng: &mut Rng, depth: usize, models: &[String]) -> V {
    let roll = if depth >= 3 { rng.below(3) } else { rng.below(10) };
    match roll {
        0 | 1 => V::Str(rng.pick(TYPE_NAMES).to_string()),
        2 => V::Str(enum_spec(rng)),
        3 if !models.is_empty() => V::Str(rng.pick(models).clone()),
        3 | 4 => V::Map(vec![
            ("type".into(), V::Str("array".into())),
            (
                "items".into(),
                if rng.chance(50) { type_spec(rng, depth + 1, models) } else { fields(rng, depth + 1, models) },
            ),
        ]),
        5 => V::Map(vec![
            ("type".into(), V::Str("object".into())),
            ("additionalProperties".into(), type_spec(rng, depth + 1, models)),
        ]),
        6 => V::Map(vec![
            ("type".into(), V::Str("object".into())),
            ("properties".into(), fields(rng, depth + 1, models)),
        ]),
        7 => V::Map(vec![("type".into(), V::Str(rng.pick(TYPE_NAMES).to_string()))]),
        _ => fields(rng, depth + 1, models),
    }
}

/// A mapping of field names to type specifications (a nested struct).
fn fields(rng: &mut Rng, depth: usize, models: &[String]) -> V {
    let mut names = Names::new(Case::Snake);
    let n = 1 + rng.below(4);
    V::Map((0..n).map(|_| (names.key(rng, true), type_spec(rng, depth, models))).collect())
}

fn scalar(rng: &mut Rng) -> V {
    match rng.below(12) {
        0 => V::Null,
        1 => V::Bool(rng.chance(50)),
        2 => V::Int(*rng.pick(&[0, 1, -1, i64::MAX, i64::MIN, 300_000, -42])),
        3 => V::Int(rng.next() as i64 >> rng.below(63)),
        4 => V::Float(*rng.pick(&[0.5, -0.25, 1e300, -1e-300, 0.05, 3.0, -0.0, f64::INFINITY, f64::NAN])),
        5 => V::Float((rng.next() >> 11) as f64 / (1u64 << 40) as f64 - 2048.0),
        6 => V::Str(String::new()),
        7 => V::Str("${ENV_VAR:-default}".into()),
        8 => V::Str(text(rng)),
        9 => V::Seq(Vec::new()),
        10 => V::Map(Vec::new()),
        _ => V::Str(segment(rng)),
    }
}

/// Configuration or section data: nested maps, lists of scalars, lists of maps, empty collections.
fn data(rng: &mut Rng, depth: usize) -> V {
    let roll = if depth >= 4 { 0 } else { rng.below(6) };
    match roll {
        0 | 1 => scalar(rng),
        2 => data_map(rng, depth + 1),
        3 => {
            // A list of scalars of one kind.
            let kind = rng.below(4);
            let n = rng.below(5);
            V::Seq(
                (0..n)
                    .map(|i| match kind {
                        0 => V::Int(i as i64 - 2),
                        1 => V::Float(i as f64 * 0.5),
                        2 => V::Str(segment(rng)),
                        _ => V::Bool(i % 2 == 0),
                    })
                    .collect(),
            )
        }
        4 => {
            // A list of maps whose keys vary from item to item.
            let mut names = Names::data();
            let keys: Vec<String> = (0..1 + rng.below(4)).map(|_| names.key(rng, true)).collect();
            let n = 1 + rng.below(3);
            V::Seq(
                (0..n)
                    .map(|_| {
                        let mut entries = Vec::new();
                        for k in &keys {
                            if rng.chance(80) {
                                let v = match k.len() % 3 {
                                    0 => V::Int(rng.below(100) as i64),
                                    1 => V::Str(segment(rng)),
                                    _ => V::Bool(true),
                                };
                                entries.push((k.clone(), v));
                            }
                        }
                        V::Map(entries)
                    })
                    .collect(),
            )
        }
        _ => V::Seq(vec![data_map(rng, depth + 1)]),
    }
}

fn data_map(rng: &mut Rng, depth: usize) -> V {
    let mut names = Names::data();
    let n = rng.below(6);
    V::Map((0..n).map(|_| (names.key(rng, true), data(rng, depth))).collect())
}

/// A random valid contract.
pub fn contract(seed: u64) -> V {
    let rng = &mut Rng::new(seed);
    let mut top: Vec<(String, V)> = Vec::new();
    let mut mixin = Names::new(Case::Snake);
    let stem = {
        let first = mixin.fresh(rng, "x");
        if rng.chance(30) {
            format!("{first}_{}", segment(rng))
        } else {
            first
        }
    };
    top.push(("mixin_name".into(), V::Str(format!("mixin_{stem}"))));
    top.push((
        "mixin_version".into(),
        V::Map(vec![
            ("major".into(), V::Int(rng.below(5) as i64)),
            ("minor".into(), V::Int(rng.below(100) as i64)),
            ("patch".into(), V::Int(if rng.chance(10) { i64::MAX } else { rng.below(10) as i64 })),
        ]),
    ));
    let description = if rng.chance(30) { format!("{}\n{}\n", text(rng), text(rng)) } else { text(rng) };
    top.push(("description".into(), V::Str(description)));
    let all = ["COMPUTE", "EFFECT", "REDUCER", "ORCHESTRATOR"];
    let nodes: Vec<V> = all.iter().filter(|_| rng.chance(50)).map(|n| V::Str(n.to_string())).collect();
    let nodes = if nodes.is_empty() { vec![V::Str("COMPUTE".into())] } else { nodes };
    top.push(("applicable_node_types".into(), V::Seq(nodes)));

    // Output models first: typed inputs/outputs may name them.
    let mut model_names = Names::new(Case::UpperCamel);
    let models: Vec<(String, V)> = (0..rng.below(4))
        .map(|_| {
            let name = model_names.fresh(rng, "m");
            let spec = if rng.chance(20) {
                V::Map(vec![("type".into(), V::Str("array".into())), ("items".into(), fields(rng, 1, &[]))])
            } else {
                fields(rng, 0, &[])
            };
            (name, spec)
        })
        .collect();
    let model_list: Vec<String> = models.iter().map(|(n, _)| n.clone()).collect();

    let mut action_names = Names::new(Case::UpperCamel);
    let actions: Vec<V> = (0..1 + rng.below(4))
        .map(|_| {
            let name = action_names.fresh(rng, "a");
            // Inputs and outputs of one action use different names: the type hint for an inline
            // enum or struct is `<action>_<name>` for both (see the report on that).
            let mut params = Names::new(Case::Snake);
            let mut list = |rng: &mut Rng| -> V {
                V::Seq(
                    (0..rng.below(4))
                        .map(|_| {
                            let p = params.key(rng, true);
                            match rng.below(3) {
                                0 => V::Str(p),
                                _ => V::Map(vec![
                                    ("name".into(), V::Str(p)),
                                    ("type".into(), type_spec(rng, 1, &model_list)),
                                ]),
                            }
                        })
                        .collect(),
                )
            };
            let inputs = list(rng);
            let outputs = if rng.chance(20) && !model_list.is_empty() {
                V::Seq(vec![V::Str(rng.pick(&model_list).clone())])
            } else {
                list(rng)
            };
            V::Map(vec![
                ("name".into(), V::Str(name)),
                ("description".into(), V::Str(text(rng))),
                ("inputs".into(), inputs),
                ("outputs".into(), outputs),
                ("required".into(), V::Bool(rng.chance(50))),
                ("timeout_ms".into(), V::Int(*rng.pick(&[1, 100, 5000, 300_000]))),
            ])
        })
        .collect();
    top.push(("actions".into(), V::Seq(actions)));

    let mut section_names = Names::new(Case::UpperCamel);
    for _ in 0..rng.below(3) {
        let name = format!("{}_config", section_names.fresh(rng, "c"));
        top.push((name, data_map(rng, 0)));
    }
    for _ in 0..rng.below(3) {
        let name = section_names.fresh(rng, "d");
        let value = if rng.chance(70) { data_map(rng, 0) } else { data(rng, 0) };
        top.push((name, value));
    }
    if !models.is_empty() {
        top.push(("output_models".into(), V::Map(models)));
    }
    if rng.chance(50) {
        let mut metric_names = Names::new(Case::Snake);
        let metrics = (0..1 + rng.below(3))
            .map(|_| {
                let name = format!("{}_total", metric_names.fresh(rng, "m"));
                let kind = *rng.pick(&["counter", "gauge", "histogram"]);
                let mut m = vec![
                    ("name".into(), V::Str(name)),
                    ("type".into(), V::Str(kind.into())),
                    ("description".into(), V::Str(text(rng))),
                ];
                if rng.chance(70) {
                    let mut labels = Names::new(Case::Snake);
                    m.push((
                        "labels".into(),
                        V::Seq((0..rng.below(3)).map(|_| V::Str(labels.fresh(rng, "l"))).collect()),
                    ));
                }
                if kind == "histogram" && rng.chance(70) {
                    let mut b = 0.0;
                    let buckets = (0..rng.below(5))
                        .map(|i| {
                            b += 0.5 + rng.below(100) as f64;
                            if i % 2 == 0 {
                                V::Float(b)
                            } else {
                                b = b.ceil();
                                V::Int(b as i64)
                            }
                        })
                        .collect();
                    m.push(("buckets".into(), V::Seq(buckets)));
                }
                V::Map(m)
            })
            .collect();
        top.push(("metrics".into(), V::Seq(metrics)));
    }
    for key in ["dependencies", "requires_dependencies"] {
        if rng.chance(40) {
            let mut dep_names = Names::new(Case::Snake);
            let deps = (0..rng.below(3))
                .map(|_| {
                    V::Map(vec![
                        ("name".into(), V::Str(dep_names.fresh(rng, "s"))),
                        (
                            "type".into(),
                            V::Str(rng.pick(&["capability", "protocol", "service", "resource"]).to_string()),
                        ),
                        ("description".into(), V::Str(text(rng))),
                        ("optional".into(), V::Bool(rng.chance(50))),
                    ])
                })
                .collect();
            top.push((key.into(), V::Seq(deps)));
        }
    }
    // Top-level key order is free.
    if rng.chance(30) {
        top.reverse();
    }
    V::Map(top)
}

/// Writes `v` as a YAML document, mixing block and flow style at random.
pub fn to_yaml(v: &V, seed: u64) -> String {
    let rng = &mut Rng::new(seed.rotate_left(17));
    let mut out = String::from("# generated contract\n");
    match v {
        V::Map(entries) if !entries.is_empty() => block_map(&mut out, 0, entries, rng, true),
        other => {
            out.push_str(&flow(other));
            out.push('\n');
        }
    }
    out
}

fn is_collection(v: &V) -> bool {
    matches!(v, V::Seq(s) if !s.is_empty()) || matches!(v, V::Map(m) if !m.is_empty())
}

fn block_map(out: &mut String, indent: usize, entries: &[(String, V)], rng: &mut Rng, top: bool) {
    for (k, v) in entries {
        out.push_str(&" ".repeat(indent));
        out.push_str(&quote(k));
        out.push(':');
        if is_collection(v) && (top || rng.chance(60)) {
            out.push('\n');
            block(out, indent + 2, v, rng);
        } else {
            out.push(' ');
            out.push_str(&flow(v));
            out.push('\n');
        }
    }
}

fn block(out: &mut String, indent: usize, v: &V, rng: &mut Rng) {
    match v {
        V::Map(entries) => block_map(out, indent, entries, rng, false),
        V::Seq(items) => {
            for item in items {
                out.push_str(&" ".repeat(indent));
                out.push('-');
                if is_collection(item) && rng.chance(60) {
                    out.push('\n');
                    block(out, indent + 2, item, rng);
                } else {
                    out.push(' ');
                    out.push_str(&flow(item));
                    out.push('\n');
                }
            }
        }
        other => {
            out.push_str(&" ".repeat(indent));
            out.push_str(&flow(other));
            out.push('\n');
        }
    }
}

/// Flow style (JSON-like, which YAML reads).
pub fn flow(v: &V) -> String {
    match v {
        V::Null => "null".into(),
        V::Bool(b) => b.to_string(),
        V::Int(i) => i.to_string(),
        V::Float(f) if f.is_nan() => ".nan".into(),
        V::Float(f) if f.is_infinite() => if *f > 0.0 { ".inf" } else { "-.inf" }.into(),
        V::Float(f) => format!("{f:?}"),
        V::Str(s) => quote(s),
        V::Seq(items) => format!("[{}]", items.iter().map(flow).collect::<Vec<_>>().join(", ")),
        V::Map(entries) => {
            format!(
                "{{{}}}",
                entries.iter().map(|(k, v)| format!("{}: {}", quote(k), flow(v))).collect::<Vec<_>>().join(", ")
            )
        }
    }
}

/// A YAML double-quoted scalar.
pub fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' || c == '\u{85}' || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04X}", c as u32))
            }
            c if (c as u32) > 0xFFFF => out.push_str(&format!("\\U{:08X}", c as u32)),
            c if !(' '..='~').contains(&c) => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
