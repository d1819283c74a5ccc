//! One pair of contracts per breaking-change rule: OLD is diff_base.yaml, NEW is OLD with a few
//! textual edits. Shared by tests/diff.rs (the verdict and message of each rule) and
//! tests/diff_compile.rs (code written against OLD's generated crate compiles against NEW's).

#![allow(dead_code)]

/// The contract every pair starts from: one of everything a rule looks at.
pub const BASE: &str = include_str!("diff_base.yaml");

/// Where a rule's diagnostic must point: the `nth` (from 1) line holding `needle`, in OLD or NEW.
#[derive(Debug, Clone, Copy)]
pub struct At {
    pub new: bool,
    pub needle: &'static str,
    pub nth: usize,
}

const fn new(needle: &'static str) -> At {
    At { new: true, needle, nth: 1 }
}

const fn new_nth(needle: &'static str, nth: usize) -> At {
    At { new: true, needle, nth }
}

const fn old(needle: &'static str) -> At {
    At { new: false, needle, nth: 1 }
}

#[derive(Debug, Clone, Copy)]
pub struct Pair {
    pub code: &'static str,
    /// Edits of diff_base.yaml that make this pair's OLD (usually none: OLD is the base).
    pub old_edits: &'static [(&'static str, &'static str)],
    /// `(text in OLD, its replacement)`: each text occurs exactly once in OLD.
    pub edits: &'static [(&'static str, &'static str)],
    /// The diagnostic's message starts with this.
    pub message: &'static str,
    pub at: At,
}

impl Pair {
    /// NEW's text, under another `mixin_name` when `name` is given (to put several pairs in one crate).
    pub fn new_text(&self, name: Option<&str>) -> String {
        edit(&self.old_text(name), self.edits, self.code)
    }

    /// OLD's text, under another `mixin_name` when `name` is given.
    pub fn old_text(&self, name: Option<&str>) -> String {
        edit(&old_text(name), self.old_edits, self.code)
    }

    /// The line (from 1) the diagnostic must point at.
    pub fn line(&self, old_text: &str, new_text: &str) -> usize {
        let text = if self.at.new { new_text } else { old_text };
        text.lines()
            .enumerate()
            .filter(|(_, l)| l.contains(self.at.needle))
            .nth(self.at.nth - 1)
            .map(|(i, _)| i + 1)
            .unwrap_or_else(|| panic!("{}: no line {} with `{}`", self.code, self.at.nth, self.at.needle))
    }
}

/// OLD's text, under another `mixin_name` when `name` is given.
pub fn old_text(name: Option<&str>) -> String {
    rename(BASE, name)
}

fn edit(text: &str, edits: &[(&str, &str)], code: &str) -> String {
    let mut text = text.to_string();
    for (from, to) in edits {
        assert_eq!(text.matches(from).count(), 1, "{code}: `{from}` must occur once");
        text = text.replacen(from, to, 1);
    }
    text
}

fn rename(text: &str, name: Option<&str>) -> String {
    match name {
        Some(name) => text.replacen("mixin_name: \"mixin_base\"", &format!("mixin_name: \"{name}\""), 1),
        None => text.to_string(),
    }
}

macro_rules! pairs {
    ($($code:literal $(from [$(($ofrom:expr, $oto:expr)),* $(,)?])? [$(($from:expr, $to:expr)),* $(,)?] $message:literal $at:expr;)*) => {
        pub const PAIRS: &[Pair] = &[$(Pair {
            code: $code,
            old_edits: &[$($(($ofrom, $oto)),*)?],
            edits: &[$(($from, $to)),*],
            message: $message,
            at: $at,
        }),*];
    };
}

const INSPECT: &str = "  - name: \"inspect\"\n    description: \"Inspect the state\"\n    inputs: [{name: \"key\", type: \"string\"}]\n    outputs: [{name: \"found\", type: \"boolean\"}]\n    required: false\n    timeout_ms: 500\n";

pairs! {
    "B0003" [("description: \"A mixin to change\"", "description: \"A mixin that changes\"")]
        "description of the mixin changed" new("A mixin that changes");
    "B0004" [("[\"COMPUTE\", \"EFFECT\"]", "[\"EFFECT\", \"COMPUTE\"]")]
        "the generated code changes" new("mixin_name");

    "B0101" [("actions:\n", concat!("actions:\n", "  - name: \"extra\"\n    description: \"An extra action\"\n    inputs: []\n    outputs: []\n", "    required: false\n    timeout_ms: 100\n\n"))]
        "optional action `extra` added" new("name: \"extra\"");
    "B0102" [("actions:\n", concat!("actions:\n", "  - name: \"extra\"\n    description: \"An extra action\"\n    inputs: []\n    outputs: []\n", "    required: true\n    timeout_ms: 100\n\n"))]
        "required action `extra` added" new("name: \"extra\"");
    "B0103" [(INSPECT, "")]
        "action `inspect` removed" old("name: \"inspect\"");
    "B0104" [("name: \"inspect\"", "name: \"peek\"")]
        "action `inspect` renamed to `peek`" new("name: \"peek\"");
    "B0105" [("required: true", "required: false")]
        "action `process` is no longer required" new("required: false");
    "B0106" [("required: false", "required: true")]
        "action `inspect` is now required" new_nth("required: true", 2);
    "B0107" [("timeout_ms: 1000", "timeout_ms: 400")]
        "timeout of action `process` shortened from 1000 ms to 400 ms" new("timeout_ms: 400");
    "B0108" [("timeout_ms: 1000", "timeout_ms: 2000")]
        "timeout of action `process` lengthened from 1000 ms to 2000 ms" new("timeout_ms: 2000");

    "B0201" [("inputs: [{name: \"key\", type: \"string\"}]", "inputs: [{name: \"key\", type: \"string\"}, {name: \"depth\", type: \"integer\"}]")]
        "input `depth` added to action `inspect`" new("name: \"depth\"");
    "B0202" [("inputs: [{name: \"key\", type: \"string\"}]", "inputs: [{name: \"key\", type: \"string\"}, {name: \"depth\", type: \"integer\", optional: true}]")]
        "optional input `depth` added to action `inspect`" new("name: \"depth\"");
    "B0203" [("      - {name: \"mode\", type: \"enum[FAST,SAFE]\"}\n", "")]
        "input `mode` removed from action `process`" old("name: \"mode\"");
    "B0204" [("{name: \"key\", type: \"string\"}", "{name: \"key\", type: \"integer\"}")]
        "input `key` of action `inspect` changed type: string -> integer" new("name: \"key\"");

    "B0301" [("outputs: [{name: \"found\", type: \"boolean\"}]", "outputs: [{name: \"found\", type: \"boolean\"}, {name: \"hits\", type: \"integer\"}]")]
        "output `hits` added to action `inspect`" new("name: \"hits\"");
    "B0302" [("      - {name: \"count\", type: \"integer\"}\n", "")]
        "output `count` removed from action `process`" old("name: \"count\"");
    "B0303" [("{name: \"found\", type: \"boolean\"}", "{name: \"found\", type: \"string\"}")]
        "output `found` of action `inspect` changed type: boolean -> string" new("name: \"found\"");

    "B0304" [("outputs: [{name: \"found\", type: \"boolean\"}]", "outputs: [{name: \"found\", type: \"boolean\"}, {name: \"hits\", type: \"integer\", optional: true}]")]
        "optional output `hits` added to action `inspect`" new("name: \"hits\"");

    "B0401" [("  audit_entry:\n", "  review_entry:\n    reviewer: \"string\"\n  audit_entry:\n")]
        "output model `review_entry` added" new("review_entry:");
    "B0402" [("  audit_entry:\n    actor: \"string\"\n", "")]
        "output model `audit_entry` removed" old("audit_entry:");
    "B0403" [("    actor: \"string\"\n", "    actor: \"string\"\n    at: \"timestamp\"\n")]
        "field `at` added to output model `audit_entry`" new("at: \"timestamp\"");
    "B0404" [("    status: \"string\"\n", "")]
        "field `status` removed from output model `process_result`" old("status: \"string\"");
    "B0405" [("        code: \"integer\"", "        code: \"string\"")]
        "field `details.code` of output model `process_result` changed type: integer -> string" new("code: \"string\"");

    "B0406" [("    actor: \"string\"\n", "    actor: \"string\"\n    at: {type: \"timestamp\", optional: true}\n")]
        "optional field `at` added to output model `audit_entry`" new("at: {type");

    "B0501" [("cache_config:\n", "extra_config:\n  depth: 1\n\ncache_config:\n")]
        "config section `extra_config` added" new("extra_config:");
    "B0502" [("cache_config:\n  ttl_s: 60\n\n", "")]
        "config section `cache_config` removed" old("cache_config:");
    "B0503" [("  retries: 3\n", "  retries: 3\n  backoff_ms: 100\n")]
        "config key `base_config.backoff_ms` added" new("backoff_ms");
    "B0504" [("      weight: 1\n", "      weight: 1\n      region: \"eu\"\n")]
        "config key `base_config.targets[].region` added to the items of a list" new("region");
    "B0505" [("  retries: 3\n", "")]
        "config key `base_config.retries` removed" old("retries: 3");
    "B0506" [("  retries: 3\n", "  retries: \"3\"\n")]
        "config key `base_config.retries` changed type: integer -> string" new("retries");
    "B0507" [("  retries: 3\n", "  retries: 5\n")]
        "default of config key `base_config.retries` changed: 3 -> 5" new("retries: 5");

    "B0509" from [("  retries: 3\n", "  retries: {type: \"integer\", default: 3, minimum: 1, maximum: 10}\n")]
        [("maximum: 10}", "maximum: 5}")]
        "bound of config key `base_config.retries` narrowed: maximum 10 -> 5" new("retries: {");
    "B0510" from [("  retries: 3\n", "  retries: {type: \"integer\", default: 3, minimum: 1, maximum: 10}\n")]
        [("maximum: 10}", "maximum: 20}")]
        "bound of config key `base_config.retries` widened: maximum 10 -> 20" new("retries: {");

    "B0508" from [("cache_config:\n  ttl_s: 60\n\n", "")] [("tuning:\n", "cache_config:\n  ttl_s: 60\n\ntuning:\n")]
        "`Configuration` changes from `BaseConfig` to a struct of 2 config sections" new("cache_config:");

    "B0601" [("[\"COMPUTE\", \"EFFECT\"]", "[\"COMPUTE\", \"EFFECT\", \"REDUCER\"]")]
        "node type REDUCER added" new("REDUCER");
    "B0602" [("[\"COMPUTE\", \"EFFECT\"]", "[\"COMPUTE\"]")]
        "node type EFFECT removed" old("applicable_node_types");

    "B0701" [("metrics:\n", "metrics:\n  - name: \"errors_total\"\n    type: \"counter\"\n    description: \"Errors\"\n")]
        "metric `errors_total` added" new("errors_total");
    "B0702" [("  - name: \"latency_ms\"\n    type: \"histogram\"\n    description: \"Processing latency\"\n    buckets: [10, 100]\n", "")]
        "metric `latency_ms` removed" old("name: \"latency_ms\"");
    "B0703" [("type: \"counter\"", "type: \"gauge\"")]
        "metric `records_total` changed type: counter -> gauge" new("type: \"gauge\"");
    "B0704" [("labels: [\"mode\"]", "labels: [\"mode\", \"region\"]")]
        "label `region` added to metric `records_total`" new("labels");
    "B0705" [("labels: [\"mode\"]", "labels: []")]
        "label `mode` removed from metric `records_total`" old("labels: [\"mode\"]");
    "B0706" [("buckets: [10, 100]", "buckets: [10, 100, 1000]")]
        "bucket bounds added to metric `latency_ms`: 1000.0" new("buckets");
    "B0707" [("buckets: [10, 100]", "buckets: [10, 50]")]
        "bucket bounds removed from metric `latency_ms`: 100.0" old("buckets");

    "B0801" [("dependencies:\n  - name: \"processing\"", "dependencies:\n  - name: \"batching\"\n    type: \"capability\"\n    description: \"Batches\"\n  - name: \"processing\"")]
        "provided dependency `batching` added" new("batching");
    "B0802" [("  - name: \"auditing\"\n    type: \"capability\"\n    description: \"Audits records\"\n    optional: true\n", "")]
        "provided dependency `auditing` removed" old("auditing");
    "B0803" [("requires_dependencies:\n", "requires_dependencies:\n  - name: \"tracing_protocol\"\n    type: \"protocol\"\n    description: \"Traces\"\n")]
        "required dependency `tracing_protocol` added" new("tracing_protocol");
    "B0804" [("requires_dependencies:\n", "requires_dependencies:\n  - name: \"tracing_protocol\"\n    type: \"protocol\"\n    description: \"Traces\"\n    optional: true\n")]
        "optional dependency `tracing_protocol` added" new("tracing_protocol");
    "B0805" [("  - name: \"metrics_protocol\"\n    type: \"protocol\"\n    description: \"Collects metrics\"\n    optional: true\n", "")]
        "dependency `metrics_protocol` is no longer needed" old("metrics_protocol");
    "B0806" [("    optional: false\n", "    optional: true\n")]
        "required dependency `logging_protocol` is now optional" new_nth("optional: true", 2);
    "B0807" [("    description: \"Collects metrics\"\n    optional: true\n", "    description: \"Collects metrics\"\n    optional: false\n")]
        "optional dependency `metrics_protocol` is now required" new_nth("optional: false", 2);
    "B0808" [("    description: \"Processes records\"\n", "    description: \"Processes records\"\n    optional: true\n")]
        "provided dependency `processing` is now optional" new("optional: true");
    "B0809" [("    description: \"Audits records\"\n    optional: true\n", "    description: \"Audits records\"\n")]
        "provided dependency `auditing` is no longer optional" new("name: \"auditing\"");
    "B0810" [("type: \"capability\"\n    description: \"Processes records\"", "type: \"service\"\n    description: \"Processes records\"")]
        "provided dependency `processing` changed type: capability -> service" new("type: \"service\"");

    "B0901" [("tuning:\n", "regions:\n  - \"eu\"\n\ntuning:\n")]
        "data section `regions` added" new("regions:");
    "B0902" [("tuning:\n  factor: 2\n", "")]
        "data section `tuning` removed" old("tuning:");
    "B0903" [("  factor: 2\n", "  factor: 2\n  offset: 1\n")]
        "data key `tuning.offset` added" new("offset");
    "B0904" [("    level: 1\n", "    level: 1\n    owner: \"ops\"\n")]
        "data key `catalog[].owner` added to the items of a list" new("owner");
    "B0905" [("    level: 1\n", "")]
        "data key `catalog[].level` removed" old("level: 1");
    "B0906" [("  factor: 2\n", "  factor: 2.5\n")]
        "data key `tuning.factor` changed type: integer -> float" new("factor");
    "B0907" [("  factor: 2\n", "  factor: 3\n")]
        "value of `tuning.factor` changed: 2 -> 3" new("factor: 3");
}
