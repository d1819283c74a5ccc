//! The checks of a node contract that need the files its subcontracts lead to: each path must
//! lead to a mixin contract that applies to the node's type, and no mixin comes twice (nor two
//! whose names give the node's `Request` one variant).

use super::{Draft, Entry};
use crate::diagnostics::{Diagnostic, Label, Location};
use crate::each;
use crate::model::{MixinRef, Node, NodeType, Subcontract};
use std::path::{Path, PathBuf};

/// A valid mixin, as nodes see it.
#[derive(Debug, Clone)]
pub struct MixinInfo {
    pub mixin: MixinRef,
    pub node_types: Vec<NodeType>,
}

/// Where one subcontract's path leads, as the caller found it.
#[derive(Debug, Clone)]
pub enum Target {
    /// Nothing there (the file the path names, resolved against the node's folder).
    Missing(PathBuf),
    /// Something that is not a file: what it is.
    NotAFile(PathBuf, &'static str),
    Mixin(MixinInfo),
    /// A readable contract of another kind: what it looks like.
    NotAMixin(PathBuf, String),
    /// A mixin contract with errors of its own, reported in its own file.
    Broken,
}

fn at(d: Diagnostic, location: Option<Location>) -> Diagnostic {
    match location {
        Some(l) => d.at(l),
        None => d,
    }
}

fn label(d: Diagnostic, message: &str) -> Diagnostic {
    let mut d = d;
    d.primary.message = message.to_string();
    d
}

/// The node, when every subcontract leads to a mixin that fits; every problem otherwise.
/// `targets` has one entry per `draft.entries`.
pub fn resolve(draft: Draft, targets: Vec<Target>) -> (Option<Node>, Vec<Diagnostic>) {
    let file = draft.source.clone();
    let mut problems = Vec::new();
    let mut subcontracts: Vec<(Subcontract, &Entry)> = Vec::new();
    let mut complete = true;
    for (entry, target) in draft.entries.iter().zip(targets) {
        let error = |code, message: String| at(Diagnostic::error(code, &file, message), entry.path_at);
        match target {
            Target::Missing(resolved) => {
                complete = false;
                problems.push(label(
                    error("E0308", format!("subcontract path `{}` does not exist ({})", entry.path, shown(&resolved)))
                        .with_help(
                        "the path is relative to the folder of this node contract; point it at a mixin contract file",
                    ),
                    "no such file",
                ));
            }
            Target::NotAFile(resolved, what) => {
                complete = false;
                problems.push(label(
                    error(
                        "E0308",
                        format!("subcontract path `{}` is {what}, not a file ({})", entry.path, shown(&resolved)),
                    )
                    .with_help("point the path at a mixin contract file (`mixin_*.yaml`)"),
                    "not a file",
                ));
            }
            Target::NotAMixin(resolved, looks) => {
                complete = false;
                problems.push(label(
                    error("E0309", format!("subcontract path `{}` leads to {looks}, not a mixin contract", entry.path))
                        .with_help(format!(
                            "a subcontract names a mixin contract (with `mixin_name`, `mixin_version`, `applicable_node_types`); `{}` is not one",
                            resolved.display()
                        )),
                    "not a mixin contract",
                ));
            }
            Target::Broken => complete = false,
            Target::Mixin(info) => {
                if !info.node_types.contains(&draft.node_type) {
                    let list = each::map(&info.node_types, &mut |n| n.wire()).join(", ");
                    problems.push(label(
                        error(
                            "E0310",
                            format!(
                                "`{}` does not apply to {} nodes; it applies to {list}",
                                info.mixin.name,
                                draft.node_type.wire()
                            ),
                        )
                        .with_help(format!(
                            "use a mixin whose `applicable_node_types` lists {}, or change `node_type`",
                            draft.node_type.wire()
                        )),
                        "not applicable to this node type",
                    ));
                    complete = false;
                    continue;
                }
                if let Some((first, first_entry)) =
                    subcontracts.iter().find(|(s, _)| s.mixin.source == info.mixin.source)
                {
                    problems.push(label(
                        error("E0312", format!("`{}` is listed twice in this node", info.mixin.name))
                            .with_help(format!("remove one entry: its configuration is already `{}`", first.field))
                            .with_secondary(Label {
                                file: file.clone(),
                                location: first_entry.path_at,
                                message: "first listed here".into(),
                            }),
                        "listed again here",
                    ));
                    complete = false;
                    continue;
                }
                if let Some((first, first_entry)) =
                    subcontracts.iter().find(|(s, _)| s.mixin.variant == info.mixin.variant)
                {
                    problems.push(label(
                        error(
                            "E0316",
                            format!(
                                "`{}` and `{}` both become the variant `{}` of this node's `Request` and `Response`",
                                first.mixin.name, info.mixin.name, info.mixin.variant
                            ),
                        )
                        .with_help(format!(
                            "the variant is the mixin's module name in UpperCamelCase (`{}`, `{}`); list only one of them in this node, or rename one mixin",
                            first.mixin.module, info.mixin.module
                        ))
                        .with_secondary(Label {
                            file: file.clone(),
                            location: first_entry.path_at,
                            message: format!("`{}` listed here", first.mixin.name),
                        }),
                        "same variant",
                    ));
                    complete = false;
                    continue;
                }
                subcontracts.push((
                    Subcontract { path: entry.path.clone(), field: entry.field.clone(), mixin: info.mixin },
                    entry,
                ));
            }
        }
    }
    // Integration fields: one struct field each. Checked for every entry, whatever its target.
    for (i, entry) in draft.entries.iter().enumerate() {
        if let Some(first) = draft.entries[..i].iter().find(|e| e.field == entry.field) {
            complete = false;
            problems.push(label(
                at(
                    Diagnostic::error("E0311", &file, format!("integration_field `{}` is used twice", entry.field)),
                    entry.field_at,
                )
                .with_help("each subcontract needs its own integration_field: it becomes a field of the node's contract struct")
                .with_secondary(Label { file: file.clone(), location: first.field_at, message: "first used here".into() }),
                "used again here",
            ));
        }
    }
    crate::order::sort_by(&mut problems, |a, b| a.primary.location.cmp(&b.primary.location));
    if !complete {
        return (None, problems);
    }
    let node = Node {
        source: draft.source,
        name: draft.name,
        module: draft.module,
        contract_name: draft.contract_name,
        trait_name: draft.trait_name,
        node_type: draft.node_type,
        version: draft.version,
        description: draft.description,
        subcontracts: each::map_into(subcontracts, &mut |(s, _)| s),
        sections: draft.sections,
        types: draft.types,
    };
    (Some(node), problems)
}

fn shown(path: &Path) -> String {
    format!("looked for `{}`", path.display())
}

/// E0313 for every node whose `node_name` an earlier one took: the module under `nodes` is
/// named after it.
pub fn unique_names(drafts: &[&Draft]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, draft) in drafts.iter().enumerate() {
        if let Some(first) = drafts[..i].iter().find(|d| d.name == draft.name) {
            out.push(label(
                at(
                    Diagnostic::error(
                        "E0313",
                        &draft.source,
                        format!("node_name `{}` is used by two node contracts", draft.name),
                    ),
                    draft.name_at,
                )
                .with_help("every node needs its own node_name: it names the node's module")
                .with_secondary(Label {
                    file: first.source.clone(),
                    location: first.name_at,
                    message: "first used here".into(),
                }),
                "used again here",
            ));
        }
    }
    out
}
