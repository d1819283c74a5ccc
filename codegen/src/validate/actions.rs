//! Actions: names, timeouts, and the types of their inputs and outputs.

use super::records::{describe, list_of_maps, string};
use super::{types, Checker, MapView};
use crate::diagnostics::{Diagnostic, Severity};
use crate::locate::{Anchor, Seg};
use crate::model::{Action, Field, OutputModel, Param, Resolution, StructDef, StructRole, TypeDef, TypeRef};
use crate::names::{Case, Ident};
use crate::parse::Yaml;
use std::collections::HashMap;

pub const MAX_TIMEOUT_MS: i64 = 300_000;

/// Action names seen so far, by contract name and by Rust method name.
#[derive(Default)]
struct Seen {
    by_name: HashMap<String, Anchor>,
    by_method: HashMap<String, (String, Anchor)>,
}

pub(super) fn check(cx: &mut Checker, map: &MapView, models: &[OutputModel]) -> Option<Vec<Action>> {
    let path = map.child("actions");
    let value = map.get("actions")?;
    if matches!(value, Yaml::Seq(items) if items.is_empty()) {
        cx.error("E0140", Anchor::value(&path), "a mixin needs at least one action")
            .label("no actions")
            .help("add an action with name, description, inputs, outputs, required and timeout_ms");
        return None;
    }
    let views = list_of_maps(cx, map, "actions", "action");
    let mut actions = Vec::new();
    let mut untyped: Vec<(String, Anchor)> = Vec::new();
    let mut seen = Seen::default();
    let mut ok = true;
    for view in &views {
        match action(cx, view, models, &mut seen, &mut untyped) {
            Some(a) => actions.push(a),
            None => ok = false,
        }
    }
    // A name whose output model is declared but invalid already has that model's error: no warning.
    if let Some(Yaml::Map(declared)) = map.get("output_models") {
        untyped.retain(|(n, _)| !declared.iter().any(|(m, _)| m == n || m.strip_suffix("_result") == Some(n.as_str())));
    }
    const HELP: &str =
        "write `{name: x, type: <type>}`, or add an output model named like it (or like it plus `_result`)";
    if cx.severity_for_untyped() == Severity::Error {
        // An error must be fixed where it is: one per name, each at its own place.
        for (name, at) in untyped {
            let d = Diagnostic::new(
                Severity::Error,
                "W0220",
                cx.file,
                format!("action input/output `{name}` has no declared type (strict types: the fallback type is not allowed)"),
            );
            cx.report(d, at).label("no type for this name").help(HELP);
        }
    } else if let Some((_, first)) = untyped.first().cloned() {
        let mut once = std::collections::HashSet::new();
        let distinct: Vec<&str> = untyped.iter().map(|(n, _)| n.as_str()).filter(|n| once.insert(*n)).collect();
        let names = distinct.join(", ");
        let count = match distinct.len() {
            1 => "1 action input/output name has".to_string(),
            n => format!("{n} action input/output names have"),
        };
        let d = Diagnostic::new(
            cx.severity_for_untyped(),
            "W0220",
            cx.file,
            format!("{count} no declared type and use the fallback type: {names}"),
        );
        cx.report(d, first).label("no type for this name").help(HELP);
    }
    (ok && !views.is_empty()).then_some(actions)
}

fn action(
    cx: &mut Checker,
    view: &MapView,
    models: &[OutputModel],
    seen: &mut Seen,
    untyped: &mut Vec<(String, Anchor)>,
) -> Option<Action> {
    let complete =
        view.check_keys(cx, "an action", &["name", "description", "inputs", "outputs", "required", "timeout_ms"], &[]);
    let name = string(cx, view, "name", "an action");
    let description = string(cx, view, "description", "an action");
    let name_at = Anchor::value_of(view.child("name"));
    let method = name.as_ref().and_then(|n| cx.ident(n, Case::Snake, &name_at, "action name"));
    if let (Some(n), Some(m)) = (&name, &method) {
        if let Some(at) = seen.by_name.get(n) {
            let first = n;
            cx.error("E0142", name_at.clone(), format!("action `{first}` is defined twice"))
                .label("second definition")
                .also(at.clone(), "first defined here")
                .help("give each action a unique name");
            return None;
        }
        if let Some((first, at)) = seen.by_method.get(&m.name) {
            cx.error(
                "E0143",
                name_at.clone(),
                format!("actions `{first}` and `{n}` would both become the Rust method `{m}`"),
            )
            .label(format!("becomes `{m}`"))
            .also(at.clone(), format!("`{first}` becomes `{m}` here"))
            .help("rename one of them");
            return None;
        }
        seen.by_name.insert(n.clone(), name_at.clone());
        seen.by_method.insert(m.name.clone(), (n.clone(), name_at.clone()));
    }
    let required = match view.get("required") {
        None => None,
        Some(Yaml::Bool(b)) => Some(*b),
        Some(other) => {
            cx.error(
                "E0101",
                Anchor::value_of(view.child("required")),
                format!("`required` must be true or false, found {}", describe(other)),
            )
            .label("expected a boolean");
            None
        }
    };
    let timeout_ms = match view.get("timeout_ms") {
        None => None,
        Some(Yaml::Int(t)) if (1..=MAX_TIMEOUT_MS).contains(t) => Some(*t as u64),
        Some(other) => {
            cx.error(
                "E0141",
                Anchor::value_of(view.child("timeout_ms")),
                format!("timeout_ms must be an integer from 1 to {MAX_TIMEOUT_MS}, found {}", describe(other)),
            )
            .label("out of range")
            .help("timeouts are milliseconds, at most 300000 (5 minutes)");
            None
        }
    };
    let upper = name.as_ref().and_then(|n| crate::names::to_ident(n, Case::UpperCamel).ok());
    let inputs = params(cx, view, "inputs", models, untyped);
    let outputs = params(cx, view, "outputs", models, untyped);
    let input = io_struct(cx, view, upper.as_ref(), "inputs", "Input", name.as_deref(), inputs.as_deref());
    let output = io_struct(cx, view, upper.as_ref(), "outputs", "Output", name.as_deref(), outputs.as_deref());
    if !complete {
        return None;
    }
    Some(Action {
        name: name?,
        method: method?,
        description: description?,
        required: required?,
        timeout_ms: timeout_ms?,
        input: input?,
        output: output?,
        inputs: inputs?,
        outputs: outputs?,
    })
}

/// Defines `<Action>Input`/`<Action>Output`; `Some(None)` when the list is empty.
fn io_struct(
    cx: &mut Checker,
    view: &MapView,
    upper: Option<&Ident>,
    key: &str,
    suffix: &str,
    action: Option<&str>,
    params: Option<&[Param]>,
) -> Option<Option<Ident>> {
    let (upper, action, params) = (upper?, action?, params?);
    if params.is_empty() {
        return Some(None);
    }
    let ident = Ident { name: format!("{}{suffix}", upper.name), raw: false };
    let at = Anchor::key_of(view.child(key));
    if !cx.claim(&ident, false, &at, format!("the {key} of action `{action}`")) {
        return None;
    }
    let mut fields = Vec::new();
    for (i, p) in params.iter().enumerate() {
        let mut fat = view.child(key);
        fat.push(Seg::Index(i));
        let fid = cx.ident(&p.name, Case::Snake, &Anchor::value(&fat), "name")?;
        let doc = match &p.resolved_by {
            Resolution::Explicit => String::new(),
            Resolution::OutputModel(m) => format!("Typed by the output model `{m}`."),
            Resolution::Fallback => "No type declared in the contract: the fallback type.".to_string(),
        };
        fields.push(Field { wire: p.name.clone(), ident: fid, ty: p.ty.clone(), doc });
    }
    let role = if suffix == "Input" { StructRole::ActionInput } else { StructRole::ActionOutput };
    let doc = format!("The {key} of the `{action}` action.");
    cx.define(TypeDef::Struct(StructDef { name: ident.clone(), doc, role, fields, defaults: None }));
    Some(Some(ident))
}

fn params(
    cx: &mut Checker,
    view: &MapView,
    key: &str,
    models: &[OutputModel],
    untyped: &mut Vec<(String, Anchor)>,
) -> Option<Vec<Param>> {
    let path = view.child(key);
    let items = match view.get(key)? {
        Yaml::Seq(items) => items,
        Yaml::Null => return Some(Vec::new()),
        other => {
            cx.error("E0101", Anchor::value(&path), format!("`{key}` must be a list of names, found {}", other.kind()))
                .label("expected a list")
                .help(format!("write `{key}: [\"a\", \"b\"]`, or `[]` for none"));
            return None;
        }
    };
    let mut out: Vec<Param> = Vec::new();
    // The field each of `out` becomes, to find two names that become the same field.
    let mut fields = Vec::new();
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        let mut at = path.clone();
        at.push(Seg::Index(i));
        let (name, explicit) = match item {
            Yaml::Str(s) => (s.clone(), None),
            Yaml::Map(entries) => {
                let pview = MapView { path: at.clone(), entries };
                if !pview.check_keys(cx, "a typed input or output", &["name", "type"], &[]) {
                    ok = false;
                    continue;
                }
                let Some(name) = string(cx, &pview, "name", "an input or output") else {
                    ok = false;
                    continue;
                };
                (name, pview.get("type"))
            }
            other => {
                cx.error(
                    "E0101",
                    Anchor::value(&at),
                    format!("each of `{key}` must be a name or `{{name, type}}`, found {}", other.kind()),
                )
                .label("expected a name");
                ok = false;
                continue;
            }
        };
        let name_at = Anchor::value(&at);
        let Some(field) = cx.ident(&name, Case::Snake, &name_at, "name") else {
            ok = false;
            continue;
        };
        if let Some(prev) = fields.iter().position(|f| *f == field).map(|i| &out[i]) {
            cx.error("E0144", name_at, format!("`{name}` is listed twice in `{key}`"))
                .label("repeated")
                .help(format!("`{}` and `{name}` become the same field", prev.name));
            ok = false;
            continue;
        }
        let param = match explicit {
            Some(spec) => {
                let mut tat = at.clone();
                tat.push(Seg::key("type"));
                // `input`/`output` in the hint: an input and an output may share a name.
                let side = if key == "inputs" { "input" } else { "output" };
                let action = view.get("name").and_then(Yaml::as_str).unwrap_or("action");
                let hint = format!("{action}_{side}_{name}");
                match types::resolve(cx, spec, &tat, &hint) {
                    Some(ty) => Param { name, ty, resolved_by: Resolution::Explicit },
                    None => {
                        ok = false;
                        continue;
                    }
                }
            }
            None => match models.iter().find(|m| m.name == name || m.name.strip_suffix("_result") == Some(&name)) {
                Some(m) => Param { name, ty: m.ty.clone(), resolved_by: Resolution::OutputModel(m.name.clone()) },
                None => {
                    untyped.push((name.clone(), name_at));
                    Param { name, ty: TypeRef::Fallback, resolved_by: Resolution::Fallback }
                }
            },
        };
        out.push(param);
        fields.push(field);
    }
    ok.then_some(out)
}
