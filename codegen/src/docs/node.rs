//! One node contract's page: its type, version and description, the mixins it lists (linked to
//! their pages) with the integration field that configures each, and the Rust it becomes.

use super::escape::{cell, code, code_cell, text};
use super::Page;
use crate::model::Node;
use std::fmt::Write;

/// `api_client_effect.node.md`: beside the mixin pages, and never one of their names (those end
/// in `.md` after a module name, which has no dot).
pub fn file_name(node: &Node) -> String {
    format!("{}.node.md", node.module.name)
}

pub fn page(node: &Node, shown: &str) -> Page {
    let mut out = super::header(Some(shown));
    let _ = writeln!(out, "# {} node\n", code(&node.name));
    let _ = writeln!(out, "- **Node type**: {}", node.node_type.wire());
    let _ = writeln!(out, "- **Version**: {}", node.version);
    let _ = writeln!(
        out,
        "- **Rust**: module {}, contract {}, trait {}",
        code(&format!("nodes::{}", node.module.as_rust())),
        code(&node.contract_name.as_rust()),
        code(&node.trait_name.as_rust())
    );
    let _ = writeln!(out, "\n## Overview\n\n{}\n", text(&node.description));
    out.push_str("## Mixins\n\n");
    if node.subcontracts.is_empty() {
        out.push_str("None.\n\n");
    } else {
        out.push_str("| integration field | mixin | configuration | path |\n| --- | --- | --- | --- |\n");
        for s in &node.subcontracts {
            let _ = writeln!(
                out,
                "| {} | [{}]({}.md) | {} | {} |",
                code_cell(&s.field.name),
                code_cell(&s.mixin.name),
                s.mixin.module.name,
                code_cell(&format!("{}::Configuration", s.mixin.module.as_rust())),
                cell(&s.path)
            );
        }
        out.push('\n');
    }
    out.push_str("## Usage\n\n");
    let _ = writeln!(
        out,
        "A type is a complete {} node once it implements `Node` and the trait of each mixin above; it reads its configuration as {}, whose `Default` is every mixin's contract values and which takes a partial override file.\n",
        code(&node.name),
        code(&node.contract_name.as_rust())
    );
    out.push_str("```rust\n");
    let _ = writeln!(out, "use crate::nodes::{}::{};", node.module.as_rust(), node.contract_name.as_rust());
    let _ = writeln!(
        out,
        "let contract: {} = serde_yaml::from_str(override_yaml)?; // or ::default()",
        node.contract_name.as_rust()
    );
    for s in &node.subcontracts {
        let _ =
            writeln!(out, "let _ = &contract.{}; // {}::Configuration", s.field.as_rust(), s.mixin.module.as_rust());
    }
    out.push_str("```\n");
    Page { path: file_name(node), text: out }
}
