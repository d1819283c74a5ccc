//! Node contracts: checked with the mixins their subcontracts name (found among the side's own
//! mixins, or read from wherever the side comes from), and one node against its older self.
//!
//! What a node generates (`crate::nodes::<node_name>`, see the emitter): `<Node>Contract`, a struct
//! with one field per integration field holding the mixin's `Configuration` (`Default`,
//! `#[serde(default, deny_unknown_fields)]`, not `#[non_exhaustive]`); `<Node>Node`, a trait whose
//! supertraits are `Node` and every listed mixin's actions trait, with a blanket impl;
//! `Request`/`Response` (`#[non_exhaustive]`, one variant per listed mixin that has actions); the
//! constants `NODE_NAME`, `NODE_TYPE`, `VERSION`, `DESCRIPTION`, `SUBCONTRACTS`; and its data
//! sections, as a mixin's. The rules below follow from that.

use super::rules::{self, Rule};
use super::{Change, Contract, Side};
use crate::diagnostics::Diagnostic;
use crate::load::Source;
use crate::locate::{Anchor, Seg};
use crate::model::{MixinRef, Node};
use crate::parse::Yaml;
use crate::validate::node::resolve::{MixinInfo, Target};
use crate::validate::node::ContractKind;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One valid node contract, with the document it came from.
#[derive(Debug, Clone)]
pub struct NodeContract {
    pub source: Source,
    pub(super) doc: Yaml,
    pub node: Node,
}

impl NodeContract {
    pub fn path(&self) -> &Path {
        &self.source.path
    }

    /// The node's data sections seen as a mixin's, so that the data rules compare them.
    pub(super) fn data_view(&self) -> Contract {
        let mixin = self.node.data_view();
        Contract { source: self.source.clone(), doc: self.doc.clone(), mixin }
    }
}

/// What a subcontract's path leads to, as the caller found it (relative to the node's folder, on
/// whatever side the node comes from: a folder on disk, a git revision).
#[derive(Debug, Clone)]
pub enum Found {
    /// One of the side's own mixin contracts: the path it was read under. When it is not among
    /// the valid `mixins` given to [`check_nodes`], the node is not valid either (the mixin's own
    /// errors say why).
    Known(PathBuf),
    /// A file that is not among the side's contracts, read (a mixin the node lists from outside
    /// the folders compared).
    Source(Source),
    /// Nothing there: the path looked for.
    Missing(PathBuf),
    /// Something that is not a file: the path, and what it is (`a folder`).
    NotAFile(PathBuf, &'static str),
    /// A file that cannot be read or is not UTF-8.
    Unreadable(Diagnostic),
}

impl Contract {
    /// The mixin as a node's subcontract sees it.
    fn info(&self) -> MixinInfo {
        let m = &self.mixin;
        MixinInfo {
            mixin: MixinRef {
                name: m.name.clone(),
                module: m.module.clone(),
                trait_name: m.trait_name.clone(),
                source: m.source.clone(),
                // As the generator names it: the module in UpperCamelCase.
                variant: crate::names::to_ident(&m.module.name, crate::names::Case::UpperCamel)
                    .unwrap_or_else(|_| m.trait_name.clone()),
                has_actions: !m.actions.is_empty(),
            },
            node_types: m.node_types.clone(),
        }
    }
}

/// Checks one side's node contracts: each alone, then each subcontract against the mixin it names,
/// as generation does (the path leads to a mixin contract that applies to the node's type, no
/// mixin or integration field twice, node names unique). `find(node_file, path)` says where the
/// subcontract `path` (as written) of the node read from `node_file` leads; a file it reads is
/// checked here, once however many nodes name it. Every error of every node (and of a mixin read
/// for them) when one is not valid. A [`Found::Known`] path that is not one of `mixins` (a mixin
/// of the side that is not valid) leaves its node out without an error of the node's own: the
/// mixin's errors, which the caller has, say why.
pub fn check_nodes(
    mixins: &[Contract],
    nodes: Vec<Source>,
    find: &mut dyn FnMut(&Path, &str) -> Found,
) -> Result<Vec<NodeContract>, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let mut out = Vec::new();
    // Mixins read for the nodes, by the path they were read under.
    let mut read: HashMap<PathBuf, Target> = HashMap::new();
    for source in nodes {
        let doc = match crate::parse::parse(&source) {
            Ok(doc) => doc,
            Err(d) => {
                problems.push(*d);
                continue;
            }
        };
        let (draft, diagnostics) = crate::validate::node::validate(&source, &doc, &crate::validate::Options::default());
        problems.extend(diagnostics.into_iter().filter(Diagnostic::is_error));
        let Some(draft) = draft else { continue };
        let mut targets = Vec::new();
        for entry in &draft.entries {
            let target = match find(&source.path, &entry.path) {
                // Not among the valid ones: its errors are reported in its own file.
                Found::Known(path) => match mixins.iter().find(|c| c.source.path == path) {
                    Some(c) => Target::Mixin(c.info()),
                    None => Target::Broken,
                },
                Found::Source(s) => {
                    let path = s.path.clone();
                    match read.get(&path) {
                        Some(t) => t.clone(),
                        None => {
                            let t = outside_mixin(s, &mut problems);
                            read.insert(path, t.clone());
                            t
                        }
                    }
                }
                Found::Missing(path) => Target::Missing(path),
                Found::NotAFile(path, what) => Target::NotAFile(path, what),
                Found::Unreadable(d) => {
                    problems.push(d);
                    Target::Broken
                }
            };
            targets.push(target);
        }
        let (node, diagnostics) = crate::validate::node::resolve::resolve(draft, targets);
        problems.extend(diagnostics.into_iter().filter(Diagnostic::is_error));
        if let Some(node) = node {
            out.push(NodeContract { source, doc, node });
        }
    }
    problems.extend(duplicates(&out));
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// A file a subcontract leads to that is not among the compared contracts.
fn outside_mixin(source: Source, problems: &mut Vec<Diagnostic>) -> Target {
    let doc = match crate::parse::parse(&source) {
        Ok(doc) => doc,
        Err(d) => {
            problems.push(*d);
            return Target::Broken;
        }
    };
    if crate::validate::node::kind(&doc) == ContractKind::Node || !crate::validate::is_mixin_like(&doc) {
        return Target::NotAMixin(source.path.clone(), crate::validate::node::looks_like(&doc));
    }
    match Contract::check(source) {
        Ok(c) => Target::Mixin(c.info()),
        Err(d) => {
            problems.extend(d);
            Target::Broken
        }
    }
}

/// E0313 for a node whose `node_name` an earlier one of the same side took: the diff matches
/// nodes by it.
fn duplicates(side: &[NodeContract]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let name_at = |c: &NodeContract| super::locate(&c.source.text, &Anchor::value(&[Seg::key("node_name")]));
    for (i, c) in side.iter().enumerate() {
        if let Some(first) = side[..i].iter().find(|f| f.node.name == c.node.name) {
            let mut d = Diagnostic::error(
                "E0313",
                c.path(),
                format!("node_name `{}` is used by two node contracts", c.node.name),
            )
            .with_help("every node needs its own node_name: the diff matches node contracts by it")
            .with_secondary(crate::diagnostics::Label {
                file: first.path().to_path_buf(),
                location: name_at(first),
                message: "first used here".into(),
            });
            d.primary.location = name_at(c);
            d.primary.message = "used again here".into();
            out.push(d);
        }
    }
    out
}

fn key(k: &str) -> Seg {
    Seg::key(k)
}

fn subcontract(i: usize, k: &str) -> Anchor {
    Anchor::value_of(vec![key("subcontracts"), Seg::Index(i), key(k)])
}

fn change(rule: &'static Rule, message: String, side: Side, at: Anchor, label: &str) -> Change {
    Change { rule, message, side, at, label: label.to_string(), also: Vec::new() }
}

/// Every change from `old` to `new` (the same node_name), in contract order.
pub(super) fn changes(old: &NodeContract, new: &NodeContract) -> Vec<Change> {
    let (o, n) = (&old.node, &new.node);
    let mut out = Vec::new();
    if o.node_type != n.node_type {
        let (was, now) = (o.node_type.wire(), n.node_type.wire());
        let mut c = change(
            &rules::NODE_TYPE_CHANGED,
            format!("node_type changed from {was} to {now}"),
            Side::New,
            Anchor::value(&[key("node_type")]),
            &format!("was {was}"),
        );
        c.also.push((Side::Old, Anchor::value(&[key("node_type")]), format!("was {was}")));
        out.push(c);
    }
    if o.description != n.description {
        let at = Anchor::value(&[key("description")]);
        out.push(change(
            &rules::DESCRIPTION_CHANGED,
            "description of the node changed".into(),
            Side::New,
            at,
            "changed",
        ));
    }
    subcontracts(o, n, &mut out);
    out.extend(super::compare::data_sections(&old.data_view(), &new.data_view()));
    if out.is_empty() && !same_apart_from_version(o, n) {
        out.push(change(
            &rules::OTHER_CHANGE,
            "the generated code changes, but no name, type or value (items reordered, docs)".into(),
            Side::New,
            Anchor::value(&[key("node_name")]),
            "this contract",
        ));
    }
    out
}

/// Subcontracts are matched by the mixin they name (its `mixin_name`), not by place or path.
fn subcontracts(o: &Node, n: &Node, out: &mut Vec<Change>) {
    for (i, s) in n.subcontracts.iter().enumerate() {
        let Some((j, was)) = o.subcontracts.iter().enumerate().find(|(_, w)| w.mixin.name == s.mixin.name) else {
            let message = format!("subcontract `{}` added, as `{}`", s.mixin.name, s.field);
            out.push(change(&rules::SUBCONTRACT_ADDED, message, Side::New, subcontract(i, "path"), "added"));
            continue;
        };
        if was.field != s.field {
            let message =
                format!("integration_field of `{}` renamed from `{}` to `{}`", s.mixin.name, was.field, s.field);
            let mut c = change(
                &rules::INTEGRATION_FIELD_RENAMED,
                message,
                Side::New,
                subcontract(i, "integration_field"),
                "new name",
            );
            c.also.push((Side::Old, subcontract(j, "integration_field"), format!("was `{}`", was.field)));
            out.push(c);
        }
        if was.path != s.path {
            let message = format!("subcontract `{}` is read from `{}` instead of `{}`", s.mixin.name, s.path, was.path);
            let label = format!("was `{}`", was.path);
            out.push(change(&rules::SUBCONTRACT_PATH_CHANGED, message, Side::New, subcontract(i, "path"), &label));
        }
    }
    for (j, was) in o.subcontracts.iter().enumerate() {
        if !n.subcontracts.iter().any(|s| s.mixin.name == was.mixin.name) {
            let message = format!("subcontract `{}` (`{}`) removed", was.mixin.name, was.field);
            out.push(change(
                &rules::SUBCONTRACT_REMOVED,
                message,
                Side::Old,
                subcontract(j, "path"),
                "removed in the new version",
            ));
        }
    }
}

/// Equal but for the version and what the listed mixins are (their files, whether they have
/// actions: the mixins' own changes, under their own versions).
fn same_apart_from_version(a: &Node, b: &Node) -> bool {
    let listed = |n: &Node| -> Vec<(String, String, String)> {
        n.subcontracts.iter().map(|s| (s.mixin.name.clone(), s.field.name.clone(), s.path.clone())).collect()
    };
    (&a.name, a.node_type, &a.description, &a.sections, &a.types)
        == (&b.name, b.node_type, &b.description, &b.sections, &b.types)
        && listed(a) == listed(b)
}
