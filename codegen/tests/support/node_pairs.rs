//! One pair of node contracts per node rule (and per mixin rule that applies to nodes too): OLD
//! is `NODE` below, NEW is OLD with a few textual edits. A node's subcontracts name mixin files,
//! so every pair is a folder: `mixins/` with the three mixins `MIXINS`, and
//! `nodes/base_node/v1_0_0/contract.yaml`. Shared by tests/diff.rs and tests/diff_cli.rs.

#![allow(dead_code)]

/// The node's file, below a side's folder.
pub const NODE_FILE: &str = "nodes/base_node/v1_0_0/contract.yaml";

/// The mixins the node lists (alpha, beta) or may list (gamma): `(file below the side's folder, text)`.
pub const MIXINS: &[(&str, &str)] =
    &[("mixins/mixin_alpha.yaml", ALPHA), ("mixins/mixin_beta.yaml", BETA), ("mixins/mixin_gamma.yaml", GAMMA)];

const ALPHA: &str = r#"mixin_name: "mixin_alpha"
mixin_version: {major: 1, minor: 0, patch: 0}
description: "The first mixin"
applicable_node_types: ["COMPUTE", "EFFECT"]
actions:
  - name: "run_alpha"
    description: "Runs alpha"
    inputs: [{name: "what", type: "string"}]
    outputs: [{name: "done", type: "boolean"}]
    required: true
    timeout_ms: 100
alpha_config:
  retries: 3
"#;

const BETA: &str = r#"mixin_name: "mixin_beta"
mixin_version: {major: 1, minor: 0, patch: 0}
description: "The second mixin"
applicable_node_types: ["COMPUTE", "EFFECT"]
actions:
  - name: "run_beta"
    description: "Runs beta"
    inputs: []
    outputs: [{name: "ok", type: "boolean"}]
    required: false
    timeout_ms: 100
beta_config:
  enabled: true
"#;

const GAMMA: &str = r#"mixin_name: "mixin_gamma"
mixin_version: {major: 1, minor: 0, patch: 0}
description: "A third mixin, listed by no node yet"
applicable_node_types: ["COMPUTE", "EFFECT"]
actions:
  - name: "run_gamma"
    description: "Runs gamma"
    inputs: []
    outputs: []
    required: false
    timeout_ms: 100
gamma_config:
  level: 1
"#;

/// The node every pair starts from.
pub const NODE: &str = r#"node_name: "base_node"
node_type: "COMPUTE"
version: "1.0.0"
description: "A node to change"
subcontracts:
  - path: "../../../mixins/mixin_alpha.yaml"
    integration_field: "alpha_configuration"
  - path: "../../../mixins/mixin_beta.yaml"
    integration_field: "beta_configuration"

processing:
  batch_size: 500
  formats: ["json", "csv"]
"#;

/// Where a rule's diagnostic must point: the first line holding `needle`, in OLD or NEW.
#[derive(Debug, Clone, Copy)]
pub struct At {
    pub new: bool,
    pub needle: &'static str,
}

const fn new(needle: &'static str) -> At {
    At { new: true, needle }
}

const fn old(needle: &'static str) -> At {
    At { new: false, needle }
}

#[derive(Debug, Clone, Copy)]
pub struct NodePair {
    pub code: &'static str,
    /// `(text in OLD, its replacement)`: each text occurs exactly once in OLD.
    pub edits: &'static [(&'static str, &'static str)],
    /// The diagnostic's message starts with this.
    pub message: &'static str,
    pub at: At,
}

impl NodePair {
    pub fn new_text(&self) -> String {
        let mut text = NODE.to_string();
        for (from, to) in self.edits {
            assert_eq!(text.matches(from).count(), 1, "{}: `{from}` must occur once", self.code);
            text = text.replacen(from, to, 1);
        }
        text
    }

    /// The line (from 1) the diagnostic must point at.
    pub fn line(&self, new_text: &str) -> usize {
        let text = if self.at.new { new_text } else { NODE };
        text.lines()
            .position(|l| l.contains(self.at.needle))
            .map(|i| i + 1)
            .unwrap_or_else(|| panic!("{}: no line with `{}`", self.code, self.at.needle))
    }
}

/// `text` with `version: "1.0.0"` replaced.
pub fn versioned(text: &str, (major, minor, patch): (u64, u64, u64)) -> String {
    let from = "version: \"1.0.0\"";
    assert!(text.contains(from));
    text.replacen(from, &format!("version: \"{major}.{minor}.{patch}\""), 1)
}

const BETA_ENTRY: &str =
    "  - path: \"../../../mixins/mixin_beta.yaml\"\n    integration_field: \"beta_configuration\"\n";
const ALPHA_ENTRY: &str =
    "  - path: \"../../../mixins/mixin_alpha.yaml\"\n    integration_field: \"alpha_configuration\"\n";

pub const NODE_PAIRS: &[NodePair] = &[
    NodePair {
        code: "B0003",
        edits: &[("A node to change", "A node that changes")],
        message: "description of the node changed",
        at: new("A node that changes"),
    },
    NodePair {
        // The subcontracts in another order: the struct's fields, the supertraits and the
        // `SUBCONTRACTS` table are reordered, nothing is renamed.
        code: "B0004",
        edits: &[(BETA_ENTRY, ""), (ALPHA_ENTRY, concat!(
            "  - path: \"../../../mixins/mixin_beta.yaml\"\n    integration_field: \"beta_configuration\"\n",
            "  - path: \"../../../mixins/mixin_alpha.yaml\"\n    integration_field: \"alpha_configuration\"\n"
        ))],
        message: "the generated code changes",
        at: new("node_name"),
    },
    NodePair {
        code: "B0905",
        edits: &[("  formats: [\"json\", \"csv\"]\n", "")],
        message: "data key `processing.formats` removed",
        at: old("formats"),
    },
    NodePair {
        code: "B0907",
        edits: &[("batch_size: 500", "batch_size: 250")],
        message: "value of `processing.batch_size` changed: 500 -> 250",
        at: new("batch_size: 250"),
    },
    NodePair {
        code: "B1002",
        edits: &[(BETA_ENTRY, concat!(
            "  - path: \"../../../mixins/mixin_beta.yaml\"\n    integration_field: \"beta_configuration\"\n",
            "  - path: \"../../../mixins/mixin_gamma.yaml\"\n    integration_field: \"gamma_configuration\"\n"
        ))],
        message: "subcontract `mixin_gamma` added, as `gamma_configuration`",
        at: new("mixin_gamma.yaml"),
    },
    NodePair {
        code: "B1003",
        edits: &[(BETA_ENTRY, "")],
        message: "subcontract `mixin_beta` (`beta_configuration`) removed",
        at: old("mixin_beta.yaml"),
    },
    NodePair {
        code: "B1004",
        edits: &[("integration_field: \"alpha_configuration\"", "integration_field: \"first_configuration\"")],
        message: "integration_field of `mixin_alpha` renamed from `alpha_configuration` to `first_configuration`",
        at: new("first_configuration"),
    },
    NodePair {
        code: "B1005",
        edits: &[("node_type: \"COMPUTE\"", "node_type: \"EFFECT\"")],
        message: "node_type changed from COMPUTE to EFFECT",
        at: new("node_type"),
    },
    NodePair {
        // The same file by another path (a moved mixin reads the same way): only the path changes.
        code: "B1006",
        edits: &[("\"../../../mixins/mixin_alpha.yaml\"", "\"../../../mixins/./mixin_alpha.yaml\"")],
        message: "subcontract `mixin_alpha` is read from `../../../mixins/./mixin_alpha.yaml` instead of `../../../mixins/mixin_alpha.yaml`",
        at: new("./mixin_alpha.yaml"),
    },
];
