//! One mixin against its older self: every change, each under the rule that classifies it.

use super::place;
use super::rules::{self, Rule};
use super::types::{self, dotted, Kind, Step, TypeChange, Types};
use super::{Change, Contract, Side};
use crate::locate::{Anchor, Seg};
use crate::model::{Action, DataSection, Dependency, Metric, MetricKind, Mixin, Param, TypeDef, TypeRef, Value};

struct Cx<'a> {
    old: &'a Contract,
    new: &'a Contract,
    old_types: Types<'a>,
    new_types: Types<'a>,
    out: Vec<Change>,
}

impl Cx<'_> {
    fn doc(&self, side: Side) -> &crate::parse::Yaml {
        match side {
            Side::Old => &self.old.doc,
            Side::New => &self.new.doc,
        }
    }

    fn push(&mut self, rule: &'static Rule, message: String, side: Side, at: Anchor, label: &str) -> &mut Change {
        self.out.push(Change { rule, message, side, at, label: label.to_string(), also: Vec::new() });
        self.out.last_mut().expect("just pushed")
    }

    /// Type changes under one root, each reported with the rule its kind maps to.
    fn type_changes(
        &mut self,
        changes: Vec<TypeChange>,
        roots: (&[Seg], &[Seg]),
        rule_of: impl Fn(&Kind) -> &'static Rule,
        message_of: impl Fn(&TypeChange) -> String,
    ) {
        for change in changes {
            let rule = rule_of(&change.kind);
            let message = message_of(&change);
            match &change.kind {
                Kind::Added { .. } => {
                    let at = place::resolve(self.doc(Side::New), roots.1, &change.path);
                    self.push(rule, message, Side::New, Anchor::key_of(at), "added here");
                }
                Kind::Removed => {
                    let at = place::resolve(self.doc(Side::Old), roots.0, &change.path);
                    self.push(rule, message, Side::Old, Anchor::key_of(at), "removed in the new version");
                }
                Kind::Retyped { old, new } => {
                    let at_new = place::resolve(self.doc(Side::New), roots.1, &change.path);
                    let at_old = place::resolve(self.doc(Side::Old), roots.0, &change.path);
                    let label = format!("now {new}");
                    let also = (Side::Old, Anchor::value_of(at_old), format!("was {old}"));
                    self.push(rule, message, Side::New, Anchor::value_of(at_new), &label).also.push(also);
                }
            }
        }
    }
}

/// Every change from `old` to `new` (the same mixin_name), in contract order.
pub(super) fn changes(old: &Contract, new: &Contract) -> Vec<Change> {
    let mut cx = Cx { old, new, old_types: Types::new(&old.mixin), new_types: Types::new(&new.mixin), out: Vec::new() };
    description(&mut cx);
    node_types(&mut cx);
    actions(&mut cx);
    sections(&mut cx, true);
    configuration(&mut cx);
    sections(&mut cx, false);
    models(&mut cx);
    dependencies(&mut cx, false);
    dependencies(&mut cx, true);
    metrics(&mut cx);
    if cx.out.is_empty() && !same_apart_from_version(&old.mixin, &new.mixin) {
        let at = Anchor::value(&[Seg::key("mixin_name")]);
        cx.push(
            &rules::OTHER_CHANGE,
            "the generated code changes, but no name, type or value (items reordered, docs)".into(),
            Side::New,
            at,
            "this contract",
        );
    }
    cx.out
}

/// The changes of the data sections alone: a node's, seen as a mixin's (`NodeContract::data_view`).
pub(super) fn data_sections(old: &Contract, new: &Contract) -> Vec<Change> {
    let mut cx = Cx { old, new, old_types: Types::new(&old.mixin), new_types: Types::new(&new.mixin), out: Vec::new() };
    sections(&mut cx, false);
    cx.out
}

fn same_apart_from_version(a: &Mixin, b: &Mixin) -> bool {
    let blank = |m: &Mixin| Mixin { source: Default::default(), version: b.version, ..m.clone() };
    blank(a) == blank(b)
}

fn key(k: &str) -> Seg {
    Seg::key(k)
}

fn description(cx: &mut Cx) {
    if cx.old.mixin.description != cx.new.mixin.description {
        let at = Anchor::value(&[key("description")]);
        cx.push(&rules::DESCRIPTION_CHANGED, "description of the mixin changed".into(), Side::New, at, "changed");
    }
}

fn node_types(cx: &mut Cx) {
    let (old, new) = (&cx.old.mixin.node_types, &cx.new.mixin.node_types);
    let added: Vec<(usize, &str)> =
        new.iter().enumerate().filter(|(_, n)| !old.contains(n)).map(|(i, n)| (i, n.wire())).collect();
    let removed: Vec<(usize, &str)> =
        old.iter().enumerate().filter(|(_, n)| !new.contains(n)).map(|(i, n)| (i, n.wire())).collect();
    for (i, wire) in added {
        let at = Anchor::value(&[key("applicable_node_types"), Seg::Index(i)]);
        cx.push(&rules::NODE_TYPE_ADDED, format!("node type {wire} added"), Side::New, at, "added");
    }
    for (i, wire) in removed {
        let at = Anchor::value(&[key("applicable_node_types"), Seg::Index(i)]);
        cx.push(
            &rules::NODE_TYPE_REMOVED,
            format!("node type {wire} removed"),
            Side::Old,
            at,
            "removed in the new version",
        );
    }
}

fn action_name(i: usize) -> Anchor {
    Anchor::value_of(vec![key("actions"), Seg::Index(i), key("name")])
}

fn actions(cx: &mut Cx) {
    let (old, new) = (&cx.old.mixin.actions, &cx.new.mixin.actions);
    let mut removed: Vec<usize> = (0..old.len()).filter(|&i| !new.iter().any(|a| a.name == old[i].name)).collect();
    let mut added: Vec<usize> = (0..new.len()).filter(|&i| !old.iter().any(|a| a.name == new[i].name)).collect();
    // A removed and an added action with the same inputs and outputs: one rename, not two changes.
    let mut renames = Vec::new();
    removed.retain(|&r| match added.iter().position(|&a| same_signature(cx, &old[r], &new[a])) {
        Some(p) => {
            renames.push((r, added.remove(p)));
            false
        }
        None => true,
    });
    for (i, a) in new.iter().enumerate() {
        if let Some(&(r, _)) = renames.iter().find(|(_, n)| *n == i) {
            let message = format!("action `{}` renamed to `{}`", old[r].name, a.name);
            cx.push(&rules::ACTION_RENAMED, message, Side::New, action_name(i), "new name").also.push((
                Side::Old,
                action_name(r),
                format!("was `{}`", old[r].name),
            ));
        } else if added.contains(&i) {
            let (rule, what) = if a.required {
                (&rules::REQUIRED_ACTION_ADDED, "required")
            } else {
                (&rules::OPTIONAL_ACTION_ADDED, "optional")
            };
            cx.push(rule, format!("{what} action `{}` added", a.name), Side::New, action_name(i), "added");
        } else if let Some(j) = old.iter().position(|o| o.name == a.name) {
            action(cx, j, i);
        }
    }
    for r in removed {
        let message = format!("action `{}` removed", old[r].name);
        cx.push(&rules::ACTION_REMOVED, message, Side::Old, action_name(r), "removed in the new version");
    }
}

fn same_signature(cx: &Cx, a: &Action, b: &Action) -> bool {
    let same = |x: &[Param], y: &[Param]| {
        x.len() == y.len()
            && x.iter().zip(y).all(|(p, q)| {
                p.name == q.name && types::compare(&cx.old_types, &cx.new_types, &p.ty, &q.ty, false).is_empty()
            })
    };
    same(&a.inputs, &b.inputs) && same(&a.outputs, &b.outputs)
}

/// One action in both versions: `o` and `n` are its indices in the old and the new contract.
fn action(cx: &mut Cx, o: usize, n: usize) {
    let (old, new) = (&cx.old.mixin.actions[o], &cx.new.mixin.actions[n]);
    let field = |i: usize, k: &str| Anchor::value_of(vec![key("actions"), Seg::Index(i), key(k)]);
    match (old.required, new.required) {
        (true, false) => {
            let message = format!("action `{}` is no longer required", new.name);
            cx.push(&rules::ACTION_MADE_OPTIONAL, message, Side::New, field(n, "required"), "now optional");
        }
        (false, true) => {
            let message = format!("action `{}` is now required", new.name);
            cx.push(&rules::ACTION_MADE_REQUIRED, message, Side::New, field(n, "required"), "now required");
        }
        _ => {}
    }
    if old.timeout_ms != new.timeout_ms {
        let (rule, how) = if new.timeout_ms < old.timeout_ms {
            (&rules::TIMEOUT_SHORTENED, "shortened")
        } else {
            (&rules::TIMEOUT_LENGTHENED, "lengthened")
        };
        let message =
            format!("timeout of action `{}` {how} from {} ms to {} ms", new.name, old.timeout_ms, new.timeout_ms);
        let label = format!("was {} ms", old.timeout_ms);
        cx.push(rule, message, Side::New, field(n, "timeout_ms"), &label);
    }
    if old.description != new.description {
        let message = format!("description of action `{}` changed", new.name);
        cx.push(&rules::DESCRIPTION_CHANGED, message, Side::New, field(n, "description"), "changed");
    }
    params(cx, (o, n), true);
    params(cx, (o, n), false);
}

/// The inputs (or outputs) of one action in both versions.
fn params(cx: &mut Cx, (o, n): (usize, usize), inputs: bool) {
    let (old, new) = (&cx.old.mixin.actions[o], &cx.new.mixin.actions[n]);
    let (key_name, side_name) = if inputs { ("inputs", "input") } else { ("outputs", "output") };
    let (added_rule, optional_rule, removed_rule, retyped_rule) = if inputs {
        (&rules::INPUT_ADDED, &rules::OPTIONAL_INPUT_ADDED, &rules::INPUT_REMOVED, &rules::INPUT_RETYPED)
    } else {
        (&rules::OUTPUT_ADDED, &rules::OPTIONAL_OUTPUT_ADDED, &rules::OUTPUT_REMOVED, &rules::OUTPUT_RETYPED)
    };
    let (old_params, new_params) = if inputs { (&old.inputs, &new.inputs) } else { (&old.outputs, &new.outputs) };
    let root = |i: usize, j: usize| vec![key("actions"), Seg::Index(i), key(key_name), Seg::Index(j)];
    // The method's signature itself changes when the first input or output comes or the last goes.
    let signature = |now_has: bool| match (inputs, now_has) {
        (true, true) => format!("; `{}` now takes an input", new.method),
        (true, false) => format!("; `{}` no longer takes an input", new.method),
        (false, true) => format!("; `{}` now returns an output instead of `()`", new.method),
        (false, false) => format!("; `{}` now returns `()`", new.method),
    };
    for (j, p) in new_params.iter().enumerate() {
        match old_params.iter().position(|q| q.name == p.name) {
            None => {
                let optional = matches!(p.ty, TypeRef::Optional(_));
                let what = if optional { format!("optional {side_name}") } else { side_name.to_string() };
                let mut message = format!("{what} `{}` added to action `{}`", p.name, new.name);
                if old_params.is_empty() && j == 0 {
                    message.push_str(&signature(true));
                }
                // The first input or output changes the method's signature, however optional.
                let rule = if optional && !old_params.is_empty() { optional_rule } else { added_rule };
                cx.push(rule, message, Side::New, Anchor::value_of(root(n, j)), "added");
            }
            Some(k) => {
                if old_params[k].description != p.description {
                    let message = format!("description of {side_name} `{}` of action `{}` changed", p.name, new.name);
                    cx.push(&rules::DESCRIPTION_CHANGED, message, Side::New, Anchor::value_of(root(n, j)), "changed");
                }
                let changes = types::compare(&cx.old_types, &cx.new_types, &old_params[k].ty, &p.ty, false);
                let (old_root, new_root) = (root(o, k), root(n, j));
                let action = new.name.clone();
                let name = p.name.clone();
                cx.type_changes(
                    changes,
                    (&old_root, &new_root),
                    |kind| match kind {
                        Kind::Added { optional: true, .. } => optional_rule,
                        Kind::Added { .. } => added_rule,
                        Kind::Removed => removed_rule,
                        Kind::Retyped { .. } => retyped_rule,
                    },
                    |c| {
                        let path = dotted(&name, &c.path);
                        match &c.kind {
                            Kind::Added { optional: true, .. } => {
                                format!("optional {side_name} `{path}` added to action `{action}`")
                            }
                            Kind::Added { .. } => format!("{side_name} `{path}` added to action `{action}`"),
                            Kind::Removed => format!("{side_name} `{path}` removed from action `{action}`"),
                            Kind::Retyped { old, new } => {
                                format!("{side_name} `{path}` of action `{action}` changed type: {old} -> {new}")
                            }
                        }
                    },
                );
            }
        }
    }
    let gone: Vec<(usize, &Param)> =
        old_params.iter().enumerate().filter(|(_, q)| !new_params.iter().any(|p| p.name == q.name)).collect();
    let emptied = new_params.is_empty();
    for (idx, (j, q)) in gone.iter().enumerate() {
        let mut message = format!("{side_name} `{}` removed from action `{}`", q.name, new.name);
        if emptied && idx == 0 {
            message.push_str(&signature(false));
        }
        cx.push(removed_rule, message, Side::Old, Anchor::value_of(root(o, *j)), "removed in the new version");
    }
}

fn models(cx: &mut Cx) {
    let (old, new) = (&cx.old.mixin.output_models, &cx.new.mixin.output_models);
    let root = |name: &str| vec![key("output_models"), key(name)];
    for m in new {
        match old.iter().find(|o| o.name == m.name) {
            None => {
                let message = format!("output model `{}` added", m.name);
                cx.push(&rules::MODEL_ADDED, message, Side::New, Anchor::key_of(root(&m.name)), "added");
            }
            Some(o) => {
                let changes = types::compare(&cx.old_types, &cx.new_types, &o.ty, &m.ty, true);
                let r = root(&m.name);
                let name = m.name.clone();
                cx.type_changes(
                    changes,
                    (&r, &r),
                    |kind| match kind {
                        Kind::Added { optional: true, .. } => &rules::OPTIONAL_MODEL_FIELD_ADDED,
                        Kind::Added { .. } => &rules::MODEL_FIELD_ADDED,
                        Kind::Removed => &rules::MODEL_FIELD_REMOVED,
                        Kind::Retyped { .. } => &rules::MODEL_FIELD_RETYPED,
                    },
                    |c| {
                        let path = dotted("", &c.path);
                        match &c.kind {
                            Kind::Added { optional: true, .. } => {
                                format!("optional field `{path}` added to output model `{name}`")
                            }
                            Kind::Added { .. } => format!("field `{path}` added to output model `{name}`"),
                            Kind::Removed => format!("field `{path}` removed from output model `{name}`"),
                            Kind::Retyped { old, new } if path.is_empty() => {
                                format!("output model `{name}` changed type: {old} -> {new}")
                            }
                            Kind::Retyped { old, new } => {
                                format!("field `{path}` of output model `{name}` changed type: {old} -> {new}")
                            }
                        }
                    },
                );
            }
        }
    }
    for o in old.iter().filter(|o| !new.iter().any(|m| m.name == o.name)) {
        let message = format!("output model `{}` removed", o.name);
        cx.push(&rules::MODEL_REMOVED, message, Side::Old, Anchor::key_of(root(&o.name)), "removed in the new version");
    }
}

/// The rules for config sections (`config`) or other data sections.
struct SectionRules {
    what: &'static str,
    added: &'static Rule,
    removed: &'static Rule,
    key_added: &'static Rule,
    item_key_added: &'static Rule,
    key_removed: &'static Rule,
    key_retyped: &'static Rule,
    value_changed: &'static Rule,
}

const CONFIG: SectionRules = SectionRules {
    what: "config",
    added: &rules::CONFIG_SECTION_ADDED,
    removed: &rules::CONFIG_SECTION_REMOVED,
    key_added: &rules::CONFIG_KEY_ADDED,
    item_key_added: &rules::CONFIG_ITEM_KEY_ADDED,
    key_removed: &rules::CONFIG_KEY_REMOVED,
    key_retyped: &rules::CONFIG_KEY_RETYPED,
    value_changed: &rules::CONFIG_DEFAULT_CHANGED,
};

const DATA: SectionRules = SectionRules {
    what: "data",
    added: &rules::SECTION_ADDED,
    removed: &rules::SECTION_REMOVED,
    key_added: &rules::SECTION_KEY_ADDED,
    item_key_added: &rules::SECTION_ITEM_KEY_ADDED,
    key_removed: &rules::SECTION_KEY_REMOVED,
    key_retyped: &rules::SECTION_KEY_RETYPED,
    value_changed: &rules::SECTION_VALUE_CHANGED,
};

fn sections(cx: &mut Cx, config: bool) {
    let rules = if config { &CONFIG } else { &DATA };
    let pick = |m: &Mixin| if config { m.configs.clone() } else { m.sections.clone() };
    let (old, new): (Vec<DataSection>, Vec<DataSection>) = (pick(&cx.old.mixin), pick(&cx.new.mixin));
    let what = rules.what;
    for s in &new {
        let root = vec![key(&s.key)];
        let Some(o) = old.iter().find(|o| o.key == s.key) else {
            let message = format!("{what} section `{}` added", s.key);
            cx.push(rules.added, message, Side::New, Anchor::key_of(root), "added");
            continue;
        };
        let changes = types::compare(&cx.old_types, &cx.new_types, &o.ty, &s.ty, true);
        let reported: Vec<Vec<Step>> = changes.iter().map(|c| c.path.clone()).collect();
        let section = s.key.clone();
        cx.type_changes(
            changes,
            (&root, &root),
            |kind| match kind {
                Kind::Added { has_default: true, .. } => rules.key_added,
                Kind::Added { has_default: false, .. } => rules.item_key_added,
                Kind::Removed => rules.key_removed,
                Kind::Retyped { .. } => rules.key_retyped,
            },
            |c| {
                let path = dotted(&section, &c.path);
                match &c.kind {
                    Kind::Added { has_default: true, .. } => format!("{what} key `{path}` added"),
                    Kind::Added { has_default: false, .. } => {
                        format!("{what} key `{path}` added to the items of a list")
                    }
                    Kind::Removed => format!("{what} key `{path}` removed"),
                    Kind::Retyped { old, new } => format!("{what} key `{path}` changed type: {old} -> {new}"),
                }
            },
        );
        if config {
            let (old_def, new_def) = (struct_named(&cx.old.mixin, &o.ty), struct_named(&cx.new.mixin, &s.ty));
            if let (Some(old_def), Some(new_def)) = (old_def, new_def) {
                bounds(cx, (old_def, new_def), &root, &s.key, &mut Vec::new());
            }
        }
        let mut changed = Vec::new();
        values(&o.value, &s.value, &mut Vec::new(), &reported, &mut changed);
        for (path, was, now) in changed {
            let shown = dotted(&s.key, &path);
            let message = if config {
                format!("default of config key `{shown}` changed: {was} -> {now}")
            } else {
                format!("value of `{shown}` changed: {was} -> {now}")
            };
            let at = place::resolve(&cx.new.doc, &root, &path);
            cx.push(rules.value_changed, message, Side::New, Anchor::value_of(at), &format!("was {was}"));
        }
    }
    for o in old.iter().filter(|o| !new.iter().any(|s| s.key == o.key)) {
        let message = format!("{what} section `{}` removed", o.key);
        cx.push(rules.removed, message, Side::Old, Anchor::key_of(vec![key(&o.key)]), "removed in the new version");
    }
}

/// `Configuration` (a node contract's integration field) turning from the one config section's
/// struct into a struct of sections. The sections themselves are compared above.
fn configuration(cx: &mut Cx) {
    let find = |m: &Mixin| m.types.iter().find(|d| d.name().name == "Configuration").cloned();
    let (Some(TypeDef::Alias(was)), Some(TypeDef::Struct(now))) = (find(&cx.old.mixin), find(&cx.new.mixin)) else {
        return;
    };
    let (old_sections, new_sections) = (&cx.old.mixin.configs, &cx.new.mixin.configs);
    let first_new = new_sections.iter().find(|s| !old_sections.iter().any(|o| o.key == s.key));
    let at = first_new.or(new_sections.first()).map(|s| vec![key(&s.key)]).unwrap_or_default();
    let target = match &was.target {
        TypeRef::Named(n) => n.name.clone(),
        _ => "its section".into(),
    };
    let message =
        format!("`Configuration` changes from `{target}` to a struct of {} config sections", now.fields.len());
    cx.push(&rules::CONFIGURATION_RESHAPED, message, Side::New, Anchor::key_of(at), "a second config section");
}

/// Values that differ where the types agree: `(path, old, new)`. A path at, inside or around a
/// reported type change is left out (that change already says it).
fn values(
    o: &Value,
    n: &Value,
    path: &mut Vec<Step>,
    reported: &[Vec<Step>],
    out: &mut Vec<(Vec<Step>, String, String)>,
) {
    let covered = |p: &[Step]| reported.iter().any(|r| r.starts_with(p) || p.starts_with(r));
    match (o, n) {
        (Value::Map(a), Value::Map(b)) => {
            let same_keys = a.len() == b.len() && a.iter().all(|(k, _)| b.iter().any(|(l, _)| l == k));
            if !same_keys && !covered(path) {
                out.push((path.clone(), show(o), show(n)));
                return;
            }
            for (k, v) in a {
                if let Some((_, w)) = b.iter().find(|(l, _)| l == k) {
                    path.push(Step::Field(k.clone()));
                    values(v, w, path, reported, out);
                    path.pop();
                }
            }
        }
        _ if o != n && !covered(path) => out.push((path.clone(), show(o), show(n))),
        _ => {}
    }
}

/// A value on one line, cut when long.
fn show(v: &Value) -> String {
    fn write(v: &Value, out: &mut String) {
        match v {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => out.push_str(&b.to_string()),
            Value::Int(i) => out.push_str(&i.to_string()),
            Value::Float(f) => out.push_str(&format!("{f:?}")),
            Value::Str(s) => out.push_str(&format!("{s:?}")),
            Value::List(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    write(item, out);
                }
                out.push(']');
            }
            Value::Map(entries) => {
                out.push('{');
                for (i, (k, item)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(k);
                    out.push_str(": ");
                    write(item, out);
                }
                out.push('}');
            }
        }
    }
    let mut text = String::new();
    write(v, &mut text);
    if text.chars().count() > 60 {
        let cut: String = text.chars().take(57).collect();
        format!("{cut}...")
    } else {
        text
    }
}

fn metrics(cx: &mut Cx) {
    let (old, new) = (&cx.old.mixin.metrics, &cx.new.mixin.metrics);
    let at = |i: usize, k: &str| Anchor::value_of(vec![key("metrics"), Seg::Index(i), key(k)]);
    let item =
        |i: usize, k: &str, j: usize| Anchor::value_of(vec![key("metrics"), Seg::Index(i), key(k), Seg::Index(j)]);
    for (i, m) in new.iter().enumerate() {
        let Some((j, o)) = old.iter().enumerate().find(|(_, o)| o.name == m.name) else {
            cx.push(&rules::METRIC_ADDED, format!("metric `{}` added", m.name), Side::New, at(i, "name"), "added");
            continue;
        };
        if o.kind != m.kind {
            let message = format!("metric `{}` changed type: {} -> {}", m.name, kind(o), kind(m));
            cx.push(&rules::METRIC_RETYPED, message, Side::New, at(i, "type"), &format!("was {}", kind(o)))
                .also
                .push((Side::Old, at(j, "type"), format!("was {}", kind(o))));
        }
        for (l, label) in m.labels.iter().enumerate().filter(|(_, l)| !o.labels.contains(l)) {
            let message = format!("label `{label}` added to metric `{}`", m.name);
            cx.push(&rules::METRIC_LABEL_ADDED, message, Side::New, item(i, "labels", l), "added");
        }
        for (l, label) in o.labels.iter().enumerate().filter(|(_, l)| !m.labels.contains(l)) {
            let message = format!("label `{label}` removed from metric `{}`", m.name);
            cx.push(
                &rules::METRIC_LABEL_REMOVED,
                message,
                Side::Old,
                item(j, "labels", l),
                "removed in the new version",
            );
        }
        let gone: Vec<(usize, f64)> =
            o.buckets.iter().copied().enumerate().filter(|(_, b)| !m.buckets.contains(b)).collect();
        let new_bounds: Vec<f64> = m.buckets.iter().copied().filter(|b| !o.buckets.contains(b)).collect();
        if let Some(&(first, _)) = gone.first() {
            let bounds = gone.iter().map(|(_, b)| format!("{b:?}")).collect::<Vec<_>>().join(", ");
            let message = format!("bucket bounds removed from metric `{}`: {bounds}", m.name);
            cx.push(
                &rules::METRIC_BUCKETS_REMOVED,
                message,
                Side::Old,
                item(j, "buckets", first),
                "removed in the new version",
            );
        } else if !new_bounds.is_empty() {
            let bounds = new_bounds.iter().map(|b| format!("{b:?}")).collect::<Vec<_>>().join(", ");
            let message = format!("bucket bounds added to metric `{}`: {bounds}", m.name);
            let key_at = Anchor::key_of(vec![key("metrics"), Seg::Index(i), key("buckets")]);
            cx.push(&rules::METRIC_BUCKETS_ADDED, message, Side::New, key_at, "every old bound is kept");
        }
        if o.description != m.description {
            let message = format!("description of metric `{}` changed", m.name);
            cx.push(&rules::DESCRIPTION_CHANGED, message, Side::New, at(i, "description"), "changed");
        }
    }
    for (j, o) in old.iter().enumerate().filter(|(_, o)| !new.iter().any(|m| m.name == o.name)) {
        let message = format!("metric `{}` removed", o.name);
        cx.push(&rules::METRIC_REMOVED, message, Side::Old, at(j, "name"), "removed in the new version");
    }
}

fn kind(m: &Metric) -> &'static str {
    match m.kind {
        MetricKind::Counter => "counter",
        MetricKind::Gauge => "gauge",
        MetricKind::Histogram => "histogram",
    }
}

fn dependency_kind(d: &Dependency) -> &'static str {
    use crate::model::DependencyKind::*;
    match d.kind {
        Capability => "capability",
        Protocol => "protocol",
        Service => "service",
        Resource => "resource",
    }
}

/// `dependencies` (what the mixin provides) or `requires_dependencies` (what it needs).
fn dependencies(cx: &mut Cx, requires: bool) {
    let list = if requires { "requires_dependencies" } else { "dependencies" };
    let (old, new) = if requires {
        (&cx.old.mixin.requires, &cx.new.mixin.requires)
    } else {
        (&cx.old.mixin.provides, &cx.new.mixin.provides)
    };
    let what = if requires { "required dependency" } else { "provided dependency" };
    let at = |i: usize, k: &str| Anchor::value_of(vec![key(list), Seg::Index(i), key(k)]);
    for (i, d) in new.iter().enumerate() {
        let Some((j, o)) = old.iter().enumerate().find(|(_, o)| o.name == d.name) else {
            let (rule, message) = match (requires, d.optional) {
                (true, true) => (&rules::OPTIONAL_DEPENDENCY_ADDED, format!("optional dependency `{}` added", d.name)),
                (true, false) => (&rules::REQUIRED_DEPENDENCY_ADDED, format!("required dependency `{}` added", d.name)),
                (false, _) => (&rules::PROVIDED_DEPENDENCY_ADDED, format!("provided dependency `{}` added", d.name)),
            };
            cx.push(rule, message, Side::New, at(i, "name"), "added");
            continue;
        };
        if o.kind != d.kind {
            let message = format!("{what} `{}` changed type: {} -> {}", d.name, dependency_kind(o), dependency_kind(d));
            cx.push(
                &rules::DEPENDENCY_RETYPED,
                message,
                Side::New,
                at(i, "type"),
                &format!("was {}", dependency_kind(o)),
            )
            .also
            .push((Side::Old, at(j, "type"), format!("was {}", dependency_kind(o))));
        }
        if o.optional != d.optional {
            let rule = match (requires, d.optional) {
                (true, true) => &rules::REQUIREMENT_MADE_OPTIONAL,
                (true, false) => &rules::REQUIREMENT_MADE_REQUIRED,
                (false, true) => &rules::PROVISION_MADE_OPTIONAL,
                (false, false) => &rules::PROVISION_MADE_CERTAIN,
            };
            let message = match (requires, d.optional) {
                (true, true) => format!("required dependency `{}` is now optional", d.name),
                (true, false) => format!("optional dependency `{}` is now required", d.name),
                (false, true) => format!("provided dependency `{}` is now optional", d.name),
                (false, false) => format!("provided dependency `{}` is no longer optional", d.name),
            };
            let now = if d.optional { "now optional" } else { "no longer optional" };
            // `optional` may be absent (false): then the entry's name is the place.
            let anchor = if d.optional || place::at(&cx.new.doc, &[key(list), Seg::Index(i), key("optional")]).is_some()
            {
                at(i, "optional")
            } else {
                at(i, "name")
            };
            cx.push(rule, message, Side::New, anchor, now);
        }
        if o.description != d.description {
            let message = format!("description of {what} `{}` changed", d.name);
            cx.push(&rules::DESCRIPTION_CHANGED, message, Side::New, at(i, "description"), "changed");
        }
    }
    for (j, o) in old.iter().enumerate().filter(|(_, o)| !new.iter().any(|d| d.name == o.name)) {
        let rule = if requires { &rules::REQUIRED_DEPENDENCY_REMOVED } else { &rules::PROVIDED_DEPENDENCY_REMOVED };
        let message = if requires {
            format!("dependency `{}` is no longer needed", o.name)
        } else {
            format!("provided dependency `{}` removed", o.name)
        };
        cx.push(rule, message, Side::Old, at(j, "name"), "removed in the new version");
    }
}

/// The struct a config section or field has, if it is one (`Named` to a struct).
fn struct_named<'m>(mixin: &'m Mixin, ty: &TypeRef) -> Option<&'m crate::model::StructDef> {
    let TypeRef::Named(name) = ty else { return None };
    mixin.types.iter().find_map(|d| match d {
        TypeDef::Struct(s) if s.name == *name => Some(s),
        _ => None,
    })
}

/// Field-spec bounds of every field both versions have, nested structs included: each bound
/// added or narrowed is B0509, each removed or widened B0510.
fn bounds(
    cx: &mut Cx,
    (old, new): (&crate::model::StructDef, &crate::model::StructDef),
    root: &[Seg],
    section: &str,
    path: &mut Vec<Step>,
) {
    for f in &new.fields {
        let Some(o) = old.fields.iter().find(|o| o.wire == f.wire) else { continue };
        path.push(Step::Field(f.wire.clone()));
        let shown = dotted(section, path);
        let at = place::resolve(&cx.new.doc, root, path);
        for (rule, what) in bound_changes(&o.checks, &f.checks) {
            let message = format!("bound of config key `{shown}` {what}");
            cx.push(rule, message, Side::New, Anchor::key_of(at.clone()), what.as_str());
        }
        if let (Some(od), Some(nd)) = (struct_named(&cx.old.mixin, &o.ty), struct_named(&cx.new.mixin, &f.ty)) {
            bounds(cx, (od, nd), root, section, path);
        }
        path.pop();
    }
}

/// `(rule, "tightened: maximum 10 -> 5")` for each bound kind that differs.
fn bound_changes(old: &[crate::model::Check], new: &[crate::model::Check]) -> Vec<(&'static Rule, String)> {
    use crate::model::Bound;
    // (kind, each item, value, whether a larger value is looser)
    let parts = |c: &crate::model::Check| -> (&'static str, bool, f64, bool) {
        match c.bound {
            Bound::Minimum(n) => ("minimum", c.each_item, n, false),
            Bound::ExclusiveMinimum(n) => ("exclusiveMinimum", c.each_item, n, false),
            Bound::Maximum(n) => ("maximum", c.each_item, n, true),
            Bound::ExclusiveMaximum(n) => ("exclusiveMaximum", c.each_item, n, true),
            Bound::MinLength(n) => ("minLength", c.each_item, n as f64, false),
            Bound::MaxLength(n) => ("maxLength", c.each_item, n as f64, true),
            Bound::MinItems(n) => ("minItems", c.each_item, n as f64, false),
            Bound::MaxItems(n) => ("maxItems", c.each_item, n as f64, true),
        }
    };
    let name = |kind: &str, each: bool| if each { format!("items.{kind}") } else { kind.to_string() };
    let mut out = Vec::new();
    for n in new.iter().map(parts) {
        match old.iter().map(parts).find(|o| o.0 == n.0 && o.1 == n.1) {
            None => out.push((&rules::CONFIG_BOUND_TIGHTENED, format!("added: {} {}", name(n.0, n.1), n.2))),
            Some(o) if o.2 != n.2 => {
                let looser = (n.2 > o.2) == n.3;
                let (rule, word) = if looser {
                    (&rules::CONFIG_BOUND_LOOSENED, "widened")
                } else {
                    (&rules::CONFIG_BOUND_TIGHTENED, "narrowed")
                };
                out.push((rule, format!("{word}: {} {} -> {}", name(n.0, n.1), o.2, n.2)));
            }
            Some(_) => {}
        }
    }
    for o in old.iter().map(parts).filter(|o| !new.iter().map(parts).any(|n| n.0 == o.0 && n.1 == o.1)) {
        out.push((&rules::CONFIG_BOUND_LOOSENED, format!("removed: {} {}", name(o.0, o.1), o.2)));
    }
    out
}
