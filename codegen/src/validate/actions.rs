//! Actions: names, timeouts, and the types of their inputs and outputs.

use super::records::{describe, list_of_maps, string};
use super::{resolve, types, Checker, MapView};
use crate::diagnostics::Diagnostic;
use crate::each;
use crate::locate::{Anchor, Seg};
use crate::model::{Action, Field, OutputModel, Param, Resolution, StructDef, StructRole, TypeDef, TypeRef};
use crate::names::{self, Case, Ident};
use crate::parse::Yaml;
use std::collections::HashMap;

pub use super::rules::MAX_TIMEOUT_MS;
use super::rules::{ACTION_KEYS, IO_OPTIONAL, IO_REQUIRED, MIN_TIMEOUT_MS};

/// Action names seen so far, by contract name, by Rust method name and by `Action` variant:
/// where each was named and its contract name. (One map type for the three, and the one
/// `Checker` uses for its namespaces: each map type is compiled on its own.)
#[derive(Default)]
struct Seen {
    by_name: HashMap<String, (Anchor, String)>,
    by_method: HashMap<String, (Anchor, String)>,
    by_variant: HashMap<String, (Anchor, String)>,
}

/// An input/output typed like output-model fields: its name, place, and `(model, field)` each.
type ByField = (String, Anchor, Vec<(String, String)>);

/// What deciding the types of untyped inputs and outputs found, reported once per file.
#[derive(Default)]
struct Untyped {
    /// Fell back to the fallback type: name and place.
    fallback: Vec<(String, Anchor)>,
    /// Typed like same-named fields of the output models.
    by_field: Vec<ByField>,
    /// `.io_type` paths that typed something.
    used: Vec<String>,
    /// Every `module.action.name` of the contract, for a did-you-mean.
    paths: Vec<String>,
}

pub(super) fn check(cx: &mut Checker, map: &MapView, models: &[OutputModel]) -> Option<Vec<Action>> {
    let path = map.child("actions");
    let value = map.get("actions")?;
    // `actions:` with nothing after it is null: no actions, as `[]` is (not a contract silently
    // left out).
    if matches!(value, Yaml::Null) || matches!(value, Yaml::Seq(items) if items.is_empty()) {
        cx.error("E0140", Anchor::value(&path), "a mixin needs at least one action")
            .label("no actions")
            .help("add an action with name, description, inputs, outputs, required and timeout_ms");
        return None;
    }
    let views = list_of_maps(cx, map, "actions", "action");
    let fields = resolve::ModelFields::of(cx, models);
    let mut actions = Vec::new();
    let mut untyped = Untyped::default();
    let mut seen = Seen::default();
    let mut ok = true;
    for view in &views {
        match action(cx, view, models, &fields, &mut seen, &mut untyped) {
            Some(a) => actions.push(a),
            None => ok = false,
        }
    }
    // A name whose output model is declared but invalid already has that model's error: no warning.
    if let Some(Yaml::Map(declared)) = map.get("output_models") {
        untyped
            .fallback
            .retain(|(n, _)| !declared.iter().any(|(m, _)| m == n || m.strip_suffix("_result") == Some(n.as_str())));
    }
    report_fallback(cx, &untyped.fallback, &fields);
    report_by_field(cx, &untyped.by_field);
    report_unused_overrides(cx, &path, &views, &untyped);
    (ok && !views.is_empty()).then_some(actions)
}

/// Hands the names that fell back to the policy (untyped.rs), with the help for each.
fn report_fallback(cx: &mut Checker, untyped: &[(String, Anchor)], fields: &resolve::ModelFields) {
    const HELP: &str = "write `{name: x, type: <type>}`, add an output model named like it (or like it plus `_result`), or set its type with `.io_type(\"module.action.name\", \"T\")`";
    let help = |name: &str| {
        if fields.disagree(name) {
            format!("{HELP}; the output models have fields named `{name}` of different types")
        } else {
            HELP.to_string()
        }
    };
    super::untyped::report(cx, untyped, &help, HELP);
}

/// N0221: one note per file, naming for each input/output the model fields it was typed like.
fn report_by_field(cx: &mut Checker, by_field: &[ByField]) {
    let Some((_, first, _)) = by_field.first() else { return };
    let mut once = std::collections::HashSet::new();
    let listed: Vec<String> = by_field
        .iter()
        .filter(|(n, _, _)| once.insert(n.clone()))
        .map(|(n, _, at)| {
            let places: Vec<String> = each::map(at, &mut |(m, f)| format!("`{m}.{f}`"));
            format!("{n} (like {})", places.join(", "))
        })
        .collect();
    let count = match listed.len() {
        1 => "1 action input/output name with no declared type is".to_string(),
        n => format!("{n} action input/output names with no declared type are"),
    };
    let d = Diagnostic::note(
        "N0221",
        cx.file,
        format!("{count} typed like the output model field of the same name: {}", listed.join(", ")),
    );
    cx.report(d, first.clone())
        .label("typed like an output model field")
        .help("write `{name: x, type: <type>}` to choose another type");
}

/// W0223 for `.io_type` paths of this mixin that typed nothing.
fn report_unused_overrides(cx: &mut Checker, actions: &[Seg], views: &[MapView], untyped: &Untyped) {
    let Some(module) = cx.module.clone() else { return };
    let prefix = format!("{module}.");
    let unused: Vec<String> = cx
        .options
        .io_types
        .iter()
        .map(|(p, _)| p.clone())
        .filter(|p| p.starts_with(&prefix) && !untyped.used.contains(p) && !untyped.paths.contains(p))
        .collect();
    for path in unused {
        let action = path[prefix.len()..].split('.').next().unwrap_or_default();
        let at = views
            .iter()
            .find(|v| v.get("name").and_then(Yaml::as_str) == Some(action))
            .map(|v| Anchor::value_of(v.child("name")))
            .unwrap_or_else(|| Anchor::key(actions));
        let d = cx.warning("W0223", at, format!("`.io_type(\"{path}\", ..)` matches no action input or output"));
        d.label("no input or output at that path");
        match super::suggest::closest(&path, untyped.paths.iter().map(String::as_str)) {
            Some(near) => d.help(format!("did you mean `{near}`?")),
            None => d.help(format!("paths are `{module}.<action>.<input or output>`")),
        };
    }
}

fn action(
    cx: &mut Checker,
    view: &MapView,
    models: &[OutputModel],
    fields: &resolve::ModelFields,
    seen: &mut Seen,
    untyped: &mut Untyped,
) -> Option<Action> {
    let complete = view.check_keys(cx, "an action", ACTION_KEYS, &[]);
    let name = string(cx, view, "name", "an action");
    let description = string(cx, view, "description", "an action");
    let name_at = Anchor::value_of(view.child("name"));
    let method = name.as_ref().and_then(|n| cx.ident(n, Case::Snake, &name_at, "action name"));
    // A name the method accepts makes a variant too; a refused one is reported once, above.
    let variant = name.as_ref().filter(|_| method.is_some()).and_then(|n| names::to_ident(n, Case::UpperCamel).ok());
    if let (Some(n), Some(m), Some(v)) = (&name, &method, &variant) {
        if let Some((at, _)) = seen.by_name.get(n) {
            let first = n;
            cx.error("E0142", name_at.clone(), format!("action `{first}` is defined twice"))
                .label("second definition")
                .also(at.clone(), "first defined here")
                .help("give each action a unique name");
            return None;
        }
        if let Some((at, first)) = seen.by_method.get(&m.name) {
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
        // `a_1` and `a1` are two methods but one variant of `Action`, `Request` and `Response`.
        if let Some((at, first)) = seen.by_variant.get(&v.name) {
            cx.error(
                "E0143",
                name_at.clone(),
                format!("actions `{first}` and `{n}` would both become the variant `Action::{v}`"),
            )
            .label(format!("becomes `{v}`"))
            .also(at.clone(), format!("`{first}` becomes `{v}` here"))
            .help("rename one of them");
            return None;
        }
        seen.by_name.insert(n.clone(), (name_at.clone(), n.clone()));
        seen.by_method.insert(m.name.clone(), (name_at.clone(), n.clone()));
        seen.by_variant.insert(v.name.clone(), (name_at.clone(), n.clone()));
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
        Some(Yaml::Int(t)) if (MIN_TIMEOUT_MS..=MAX_TIMEOUT_MS).contains(t) => Some(*t as u64),
        Some(other) => {
            cx.error(
                "E0141",
                Anchor::value_of(view.child("timeout_ms")),
                format!(
                    "timeout_ms must be an integer from {MIN_TIMEOUT_MS} to {MAX_TIMEOUT_MS}, found {}",
                    describe(other)
                ),
            )
            .label("out of range")
            .help("timeouts are milliseconds, at most 300000 (5 minutes)");
            None
        }
    };
    let inputs = params(cx, view, "inputs", models, fields, untyped);
    let outputs = params(cx, view, "outputs", models, fields, untyped);
    let input = io_struct(cx, view, "inputs", "Input", name.as_deref(), inputs.as_deref());
    let output = io_struct(cx, view, "outputs", "Output", name.as_deref(), outputs.as_deref());
    if !complete {
        return None;
    }
    // A comment above the action's item, or after its first line (`- name: "x"  # ...`).
    let comment = match cx.comment(&view.path) {
        c if c.is_empty() => cx.comment(&view.child("name")),
        c => c,
    };
    Some(Action {
        comment,
        name: name?,
        method: method?,
        variant: variant?,
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
    key: &str,
    suffix: &str,
    action: Option<&str>,
    params: Option<&[Param]>,
) -> Option<Option<Ident>> {
    let (action, params) = (action?, params?);
    if params.is_empty() {
        return Some(None);
    }
    let ident = crate::names::with_suffix(action, suffix).ok()?;
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
            _ if !p.description.is_empty() => p.description.clone(),
            Resolution::Explicit => String::new(),
            Resolution::Override(path) => format!("Typed by the builder option `.io_type(\"{path}\", ..)`."),
            // The type is the model's own struct, which names it.
            Resolution::OutputModel(_) => String::new(),
            Resolution::ModelField(at) => {
                let places: Vec<String> = each::map(at, &mut |(m, f)| format!("`{m}.{f}`"));
                let places: Vec<&str> = places.iter().map(String::as_str).collect();
                match places.as_slice() {
                    [one] => format!("Typed like the output model field {one}."),
                    _ => format!("Typed like the output model fields\n{}.", each::and_list(&places, "")),
                }
            }
            // The fallback type shows it, and W0220 said so where the contract can change it.
            Resolution::Fallback => String::new(),
        };
        fields.push(Field::plain(p.name.clone(), fid, p.ty.clone(), doc));
    }
    let role = if suffix == "Input" { StructRole::ActionInput } else { StructRole::ActionOutput };
    let doc = format!("The {key} of the `{action}` action.");
    cx.define(TypeDef::Struct(StructDef { name: ident.clone(), doc, role, fields, defaults: None, strict: false }));
    Some(Some(ident))
}

fn params(
    cx: &mut Checker,
    view: &MapView,
    key: &str,
    models: &[OutputModel],
    fields: &resolve::ModelFields,
    untyped: &mut Untyped,
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
    let action = view.get("name").and_then(Yaml::as_str).unwrap_or("action");
    let mut out: Vec<Param> = Vec::new();
    // The field each of `out` becomes, to find two names that become the same field.
    let mut idents = Vec::new();
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        let mut at = path.clone();
        at.push(Seg::Index(i));
        let typed = match item {
            Yaml::Str(s) => Typed { name: s.clone(), spec: None, description: String::new(), optional: false },
            Yaml::Map(entries) => match typed(cx, &MapView { path: at.clone(), entries }) {
                Some(t) => t,
                None => {
                    ok = false;
                    continue;
                }
            },
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
        let name = typed.name;
        let name_at = Anchor::value(&at);
        let Some(field) = cx.ident(&name, Case::Snake, &name_at, "name") else {
            ok = false;
            continue;
        };
        if let Some(prev) = idents.iter().position(|f| *f == field).map(|i| &out[i]) {
            cx.error("E0144", name_at, format!("`{name}` is listed twice in `{key}`"))
                .label("repeated")
                .help(format!("`{}` and `{name}` become the same field", prev.name));
            ok = false;
            continue;
        }
        let override_path = cx.module.as_ref().map(|m| format!("{m}.{action}.{name}"));
        if let Some(p) = &override_path {
            untyped.paths.push(p.clone());
        }
        let (ty, resolved_by) = match typed.spec {
            Some(spec) => {
                let mut tat = at.clone();
                tat.push(Seg::key("type"));
                if let Some(p) = override_path.as_ref().filter(|p| cx.options.io_types.iter().any(|(o, _)| o == *p)) {
                    cx.warning(
                        "W0223",
                        Anchor::value(&tat),
                        format!("`.io_type(\"{p}\", ..)` is ignored: the contract declares this type"),
                    )
                    .label("the contract's type wins")
                    .help("remove the `.io_type` override, or the contract's `type`");
                }
                // `input`/`output` in the hint: an input and an output may share a name.
                let side = if key == "inputs" { "input" } else { "output" };
                let hint = format!("{action}_{side}_{name}");
                match types::resolve(cx, spec, &tat, &hint) {
                    Some(ty) => (ty, Resolution::Explicit),
                    None => {
                        ok = false;
                        continue;
                    }
                }
            }
            None => {
                let p = override_path.unwrap_or_default();
                let (ty, resolved_by) = resolve::untyped(cx, &p, &name, models, fields, &mut untyped.used);
                match &resolved_by {
                    Resolution::Fallback => untyped.fallback.push((name.clone(), name_at)),
                    Resolution::ModelField(at) => untyped.by_field.push((name.clone(), name_at, at.clone())),
                    _ => {}
                }
                (ty, resolved_by)
            }
        };
        let ty = match ty {
            TypeRef::Optional(_) => ty,
            ty if typed.optional => TypeRef::Optional(Box::new(ty)),
            ty => ty,
        };
        let description = cx.documented(&at, &typed.description);
        out.push(Param { name, ty, resolved_by, description });
        idents.push(field);
    }
    ok.then_some(out)
}

/// `{name: x, type: T, description: "..", optional: true}`, read but not resolved yet.
struct Typed<'d> {
    name: String,
    spec: Option<&'d Yaml>,
    description: String,
    optional: bool,
}

fn typed<'d>(cx: &mut Checker, view: &MapView<'d>) -> Option<Typed<'d>> {
    let complete = view.check_keys(cx, "a typed input or output", IO_REQUIRED, IO_OPTIONAL);
    let name = string(cx, view, "name", "an input or output");
    let description = match view.get("description") {
        Some(_) => string(cx, view, "description", "an input or output"),
        None => Some(String::new()),
    };
    let optional = types::flag(cx, view, "optional");
    if !complete {
        return None;
    }
    Some(Typed { name: name?, spec: view.get("type"), description: description?, optional: optional? })
}
