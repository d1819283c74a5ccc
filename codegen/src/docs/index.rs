//! `README.md`: every page linked, and which mixins apply to each node type.

use super::escape::{cell, code_cell};
use super::mixin::{applicable, file_name, title};
use super::{Documented, DocumentedNode, Page};
use crate::model::NodeType;
use std::fmt::Write;

pub fn page(mixins: &[Documented], nodes: &[DocumentedNode]) -> Page {
    let mut out = super::header(None);
    out.push_str("# Mixins\n\n");
    let _ = writeln!(out, "{} generated from their contracts.\n", count(mixins.len()));
    out.push_str("| mixin | version | applicable | description |\n| --- | --- | --- | --- |\n");
    for d in mixins {
        let m = d.mixin;
        let _ = writeln!(
            out,
            "| [{}]({}) | {} | {} | {} |",
            title(m),
            file_name(m),
            m.version,
            applicable(&m.node_types),
            cell(&m.description)
        );
    }
    out.push_str("\n## Mixins by node type\n\n| node type | mixins |\n| --- | --- |\n");
    for node in NodeType::ALL {
        let links: Vec<String> = mixins
            .iter()
            .filter(|d| d.mixin.node_types.contains(&node))
            .map(|d| format!("[{}]({})", code_cell(&d.mixin.name), file_name(d.mixin)))
            .collect();
        let links = if links.is_empty() { "-".to_string() } else { links.join(", ") };
        let _ = writeln!(out, "| {} | {links} |", node.wire());
    }
    if !nodes.is_empty() {
        out.push_str(
            "\n## Nodes\n\n| node | type | version | mixins | description |\n| --- | --- | --- | --- | --- |\n",
        );
        for d in nodes {
            let n = d.node;
            let mixins: Vec<String> = n
                .subcontracts
                .iter()
                .map(|s| format!("[{}]({}.md)", code_cell(&s.mixin.name), s.mixin.module.name))
                .collect();
            let _ = writeln!(
                out,
                "| [{}]({}) | {} | {} | {} | {} |",
                code_cell(&n.name),
                super::node::file_name(n),
                n.node_type.wire(),
                n.version,
                if mixins.is_empty() { "-".to_string() } else { mixins.join(", ") },
                cell(&n.description)
            );
        }
    }
    Page { path: super::INDEX.to_string(), text: out }
}

fn count(n: usize) -> String {
    match n {
        1 => "1 mixin".to_string(),
        n => format!("{n} mixins"),
    }
}
