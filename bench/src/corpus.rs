//! Deterministic synthetic corpus of "guide-sized" mixin contracts.
//!
//! Each contract is shaped like `mixin_error_handling.yaml` from the mixin guide:
//! a versioned header, 4-8 actions, one `<name>_config` section of 10-20 keys,
//! 2-4 output models, dependencies, requires_dependencies and 2-4 metrics.
//! The content varies with a xorshift PRNG seeded from the corpus seed and the
//! contract's index, so contract `i` is the same whatever `n` is, on any machine.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The default seed; the corpus (and so every figure) depends on it.
pub const DEFAULT_SEED: u64 = 0x5EED_0F0E_C0DE;

/// xorshift64* : small, fast, good enough to vary synthetic content.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        // splitmix64 of the seed, so that nearby seeds give unrelated streams and 0 is fine.
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        Rng(if z == 0 { 0x2545_F491_4F6C_DD1D } else { z })
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `lo..=hi` (modulo bias is irrelevant here).
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next_u64() % items.len() as u64) as usize]
    }
}

// Word lists: all lowercase, none a Rust keyword (strict, reserved or weak), so that every
// snake_case name built from them is a valid identifier as-is.
const VERBS: &[&str] = &[
    "handle",
    "check",
    "record",
    "compute",
    "validate",
    "resolve",
    "publish",
    "collect",
    "refresh",
    "schedule",
    "dispatch",
    "reconcile",
    "evaluate",
    "fetch",
    "persist",
    "emit",
    "drain",
    "probe",
    "rotate",
    "sample",
    "throttle",
    "merge",
    "index",
    "notify",
];
const NOUNS: &[&str] = &[
    "error",
    "circuit",
    "retry",
    "cache",
    "event",
    "metric",
    "health",
    "session",
    "token",
    "request",
    "response",
    "batch",
    "queue",
    "lease",
    "snapshot",
    "partition",
    "schema",
    "policy",
    "route",
    "signal",
    "window",
    "budget",
    "quota",
    "replica",
    "checkpoint",
    "workflow",
    "state",
    "trace",
    "span",
    "buffer",
];
const QUALIFIERS: &[&str] = &[
    "max", "min", "default", "initial", "target", "current", "last", "total", "pending", "failed", "active", "allowed",
    "expected", "observed", "backoff", "warmup",
];
const UNITS: &[&str] = &[
    "ms",
    "count",
    "limit",
    "size",
    "rate",
    "threshold",
    "ratio",
    "level",
    "mode",
    "name",
    "interval",
    "attempts",
    "factor",
    "key",
    "id",
    "status",
    "flag",
    "types",
];
const WORDS: &[&str] = &[
    "standardized",
    "fault",
    "tolerant",
    "handling",
    "for",
    "onex",
    "nodes",
    "with",
    "bounded",
    "latency",
    "and",
    "retries",
    "across",
    "every",
    "operation",
    "of",
    "the",
    "pipeline",
    "when",
    "a",
    "downstream",
    "dependency",
    "is",
    "slow",
    "or",
    "unavailable",
    "records",
    "outcome",
    "per",
    "tenant",
];
const STR_VALUES: &[&str] = &[
    "ERROR",
    "WARN",
    "INFO",
    "DEBUG",
    "exponential",
    "linear",
    "fixed",
    "round_robin",
    "least_loaded",
    "primary",
    "secondary",
    "TimeoutError",
    "ConnectionError",
    "TemporaryFailure",
    "AuthenticationError",
    "ValidationError",
    "ConfigurationError",
    "utf-8",
    "us-east-1",
    "none",
];
const NODE_TYPES: &[&str] = &["COMPUTE", "EFFECT", "REDUCER", "ORCHESTRATOR"];
const SIMPLE_TYPES: &[&str] = &["string", "integer", "float", "boolean", "timestamp"];

/// File name and mixin name of contract `i`.
pub fn mixin_name(i: usize) -> String {
    format!("mixin_synth_{i:05}")
}

/// Writes `n` contracts `mixin_synth_00000.yaml` ... into `dir` (created if missing).
/// Returns the paths written, in order.
pub fn write_corpus(dir: &Path, n: usize) -> io::Result<Vec<PathBuf>> {
    write_corpus_seeded(dir, n, DEFAULT_SEED)
}

pub fn write_corpus_seeded(dir: &Path, n: usize, seed: u64) -> io::Result<Vec<PathBuf>> {
    fs::create_dir_all(dir)?;
    let mut paths = Vec::with_capacity(n);
    for i in 0..n {
        let name = mixin_name(i);
        let path = dir.join(format!("{name}.yaml"));
        fs::write(&path, contract(i, seed))?;
        paths.push(path);
    }
    Ok(paths)
}

/// A name made of words from `parts`, unique within `used`.
fn unique(rng: &mut Rng, used: &mut BTreeSet<String>, parts: &[&[&str]]) -> String {
    loop {
        let name = parts.iter().map(|list| *rng.pick(list)).collect::<Vec<_>>().join("_");
        if used.insert(name.clone()) {
            return name;
        }
    }
}

fn sentence(rng: &mut Rng, lo: u64, hi: u64) -> String {
    let len = rng.range(lo, hi);
    let mut s = String::new();
    for k in 0..len {
        let w = *rng.pick(WORDS);
        if k == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                s.push(f.to_ascii_uppercase());
                s.push_str(c.as_str());
            }
        } else {
            s.push(' ');
            s.push_str(w);
        }
    }
    s
}

fn list_of_strings(out: &mut String, indent: &str, items: &[String]) {
    for it in items {
        let _ = writeln!(out, "{indent}- \"{it}\"");
    }
}

/// The YAML text of contract `i`.
pub fn contract(i: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed ^ (i as u64).wrapping_mul(0xA076_1D64_78BD_642F));
    let name = mixin_name(i);
    let short = name.strip_prefix("mixin_").unwrap_or(&name).to_string();
    let mut y = String::with_capacity(6 * 1024);

    // Header.
    let _ = writeln!(y, "# {name}.yaml: synthetic guide-sized contract (mixin-codegen bench)");
    let _ = writeln!(y, "mixin_name: \"{name}\"");
    let _ = writeln!(
        y,
        "mixin_version:\n  major: {}\n  minor: {}\n  patch: {}",
        rng.range(0, 3),
        rng.range(0, 12),
        rng.range(0, 20)
    );
    let _ = writeln!(y, "description: \"{}\"", sentence(&mut rng, 6, 14));
    let mut types: Vec<&str> = NODE_TYPES.iter().copied().filter(|_| rng.chance(70)).collect();
    if types.is_empty() {
        types.push(*rng.pick(NODE_TYPES));
    }
    let types: Vec<String> = types.iter().map(|t| format!("\"{t}\"")).collect();
    let _ = writeln!(y, "applicable_node_types: [{}]", types.join(", "));
    y.push('\n');

    // Output models first (generated, written later), so that actions can name them.
    let n_models = rng.range(2, 4) as usize;
    let mut used_models = BTreeSet::new();
    let model_names: Vec<String> =
        (0..n_models).map(|_| format!("{}_result", unique(&mut rng, &mut used_models, &[NOUNS]))).collect();

    // Actions.
    let n_actions = rng.range(4, 8) as usize;
    let mut used_actions = BTreeSet::new();
    let _ = writeln!(y, "actions:");
    for a in 0..n_actions {
        let action = unique(&mut rng, &mut used_actions, &[VERBS, NOUNS]);
        let _ = writeln!(y, "  - name: \"{action}\"");
        let _ = writeln!(y, "    description: \"{}\"", sentence(&mut rng, 4, 10));
        let mut used_io = BTreeSet::new();
        let _ = writeln!(y, "    inputs:");
        for _ in 0..rng.range(1, 3) {
            let input = unique(&mut rng, &mut used_io, &[NOUNS, UNITS]);
            if rng.chance(20) {
                // The format's typed form of an input.
                let ty = rng.pick(SIMPLE_TYPES);
                let _ = writeln!(y, "      - {{name: \"{input}\", type: \"{ty}\"}}");
            } else {
                let _ = writeln!(y, "      - \"{input}\"          # {}", sentence(&mut rng, 2, 4));
            }
        }
        let _ = writeln!(y, "    outputs:");
        // Roughly every other action names an output model among its outputs.
        if a < model_names.len() || rng.chance(40) {
            let model = &model_names[a % model_names.len()];
            // Named like the model, or like it without `_result` (which also resolves to it).
            let output = if rng.chance(30) { model.trim_end_matches("_result").to_string() } else { model.clone() };
            used_io.insert(output.clone());
            let _ = writeln!(y, "      - \"{output}\"");
        }
        for _ in 0..rng.range(1, 2) {
            let output = unique(&mut rng, &mut used_io, &[NOUNS, UNITS]);
            let _ = writeln!(y, "      - \"{output}\"");
        }
        let _ = writeln!(y, "    required: {}", rng.chance(40));
        let timeout = match rng.range(0, 3) {
            0 => rng.range(1, 100),
            1 => rng.range(100, 5_000) / 50 * 50 + 50,
            2 => rng.range(1, 60) * 1_000,
            _ => 300_000,
        };
        let _ = writeln!(y, "    timeout_ms: {timeout}");
        y.push('\n');
    }

    // Config section.
    let _ = writeln!(y, "{short}_config:");
    let mut used_keys = BTreeSet::new();
    for _ in 0..rng.range(10, 20) {
        let key = unique(&mut rng, &mut used_keys, &[QUALIFIERS, NOUNS, UNITS]);
        // Mix like the guide's error_handling_config: mostly bools and ints, some floats,
        // strings and lists of strings.
        match rng.range(0, 11) {
            0..=2 => {
                let _ = writeln!(y, "  {key}: {}", rng.chance(50));
            }
            3..=5 => {
                let _ = writeln!(y, "  {key}: {}", rng.range(0, 100_000));
            }
            6 | 7 => {
                let _ = writeln!(y, "  {key}: {}.{}", rng.range(0, 100), rng.range(0, 99));
            }
            8 | 9 => {
                let _ = writeln!(y, "  {key}: \"{}\"", rng.pick(STR_VALUES));
            }
            _ => {
                let _ = writeln!(y, "  {key}:");
                let items: Vec<String> = (0..rng.range(1, 4)).map(|_| rng.pick(STR_VALUES).to_string()).collect();
                list_of_strings(&mut y, "    ", &items);
            }
        }
    }
    y.push('\n');

    // Output models.
    let _ = writeln!(y, "output_models:");
    for model in &model_names {
        let _ = writeln!(y, "  {model}:");
        let mut used_fields = BTreeSet::new();
        for _ in 0..rng.range(3, 6) {
            let field = unique(&mut rng, &mut used_fields, &[QUALIFIERS, UNITS]);
            if rng.chance(15) {
                let _ = writeln!(y, "    {field}:\n      type: \"array\"\n      items: \"string\"");
            } else {
                let _ = writeln!(y, "    {field}: \"{}\"", rng.pick(SIMPLE_TYPES));
            }
        }
        y.push('\n');
    }

    // Dependencies.
    let mut used_deps = BTreeSet::new();
    let _ = writeln!(y, "dependencies:");
    for _ in 0..rng.range(1, 3) {
        let dep = unique(&mut rng, &mut used_deps, &[NOUNS]);
        let _ = writeln!(y, "  - name: \"{dep}_{}\"", rng.pick(&["handling", "capability", "support"]));
        let _ = writeln!(y, "    type: \"capability\"");
        let _ = writeln!(y, "    description: \"{}\"", sentence(&mut rng, 3, 8));
        y.push('\n');
    }
    let _ = writeln!(y, "requires_dependencies:");
    for _ in 0..rng.range(1, 3) {
        let dep = unique(&mut rng, &mut used_deps, &[NOUNS]);
        let protocol = rng.chance(70);
        let kind = if protocol { "protocol" } else { "capability" };
        let _ = writeln!(y, "  - name: \"{dep}_{kind}\"");
        let _ = writeln!(y, "    type: \"{kind}\"");
        let _ = writeln!(y, "    description: \"{}\"", sentence(&mut rng, 3, 8));
        let _ = writeln!(y, "    optional: {}", rng.chance(50));
        y.push('\n');
    }

    // Metrics.
    let _ = writeln!(y, "metrics:");
    let mut used_metrics = BTreeSet::new();
    for m in 0..rng.range(2, 4) {
        let kind = match m {
            0 => "counter",
            1 => "histogram",
            _ => *rng.pick(&["counter", "gauge", "histogram"]),
        };
        let base = unique(&mut rng, &mut used_metrics, &[NOUNS, NOUNS]);
        let metric = match kind {
            "counter" => format!("{base}_total"),
            "histogram" => format!("{base}_duration_ms"),
            _ => format!("{base}_current"),
        };
        let _ = writeln!(y, "  - name: \"{metric}\"");
        let _ = writeln!(y, "    type: \"{kind}\"");
        let _ = writeln!(y, "    description: \"{}\"", sentence(&mut rng, 3, 8));
        let _ = writeln!(y, "    labels:");
        let mut used_labels = BTreeSet::new();
        let labels: Vec<String> =
            (0..rng.range(1, 3)).map(|_| unique(&mut rng, &mut used_labels, &[NOUNS, UNITS])).collect();
        list_of_strings(&mut y, "      ", &labels);
        if kind == "histogram" {
            let mut b = rng.range(1, 5);
            let mut buckets = Vec::new();
            for _ in 0..rng.range(4, 9) {
                buckets.push(b.to_string());
                b += rng.range(1, b.max(2) * 3);
            }
            let _ = writeln!(y, "    buckets: [{}]", buckets.join(", "));
        }
        y.push('\n');
    }
    y
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_parseable() {
        for i in [0, 1, 7, 4242] {
            let a = contract(i, DEFAULT_SEED);
            assert_eq!(a, contract(i, DEFAULT_SEED));
            let v: serde_yaml::Value = serde_yaml::from_str(&a).expect("valid YAML");
            assert_eq!(v["mixin_name"].as_str(), Some(mixin_name(i).as_str()));
            let actions = v["actions"].as_sequence().unwrap();
            assert!((4..=8).contains(&actions.len()));
            let cfg = v[format!("synth_{i:05}_config").as_str()].as_mapping().unwrap();
            assert!((10..=20).contains(&cfg.len()));
            let models = v["output_models"].as_mapping().unwrap();
            assert!((2..=4).contains(&models.len()));
            let metrics = v["metrics"].as_sequence().unwrap();
            assert!((2..=4).contains(&metrics.len()));
            for m in metrics {
                if let Some(b) = m["buckets"].as_sequence() {
                    let b: Vec<u64> = b.iter().map(|x| x.as_u64().unwrap()).collect();
                    assert!(b.windows(2).all(|w| w[0] < w[1]), "{b:?}");
                }
            }
            for a in actions {
                let t = a["timeout_ms"].as_u64().unwrap();
                assert!((1..=300_000).contains(&t));
            }
        }
    }
}
