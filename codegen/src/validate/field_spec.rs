//! Field specs in configuration: `{type: integer, default: 5, minimum: 1, maximum: 100}` declares
//! a field's type, default, doc and bounds in one place (E0260-E0267 when it cannot).

use super::records::describe;
use super::{suggest, Checker, MapView};
use crate::each;
use crate::locate::{Anchor, Seg};
use crate::model::{Bound, Check, TypeRef};
use crate::parse::Yaml;

/// Every key a field spec may have.
const SPEC_KEYS: &[&str] = &[
    "type",
    "default",
    "description",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "items",
    "enum",
];

/// The keys of an `items` spec: a type and the bounds each item keeps.
const ITEM_KEYS: &[&str] =
    &["type", "description", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength"];

/// The types a field spec may name.
const FIELD_TYPES: &[&str] = &["string", "integer", "number", "float", "boolean", "array"];

/// Bounds on numbers, on text and on lists: which kind of value each applies to.
const NUMBER_BOUNDS: &[&str] = &["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"];
const LENGTH_BOUNDS: &[&str] = &["minLength", "maxLength"];
const LIST_BOUNDS: &[&str] = &["minItems", "maxItems", "items"];

/// Whether a mapping in configuration is a field spec: it has both `type` and `default`. A nested
/// mapping whose keys really are `type` and `default` reads the same: the one ambiguity.
pub(super) fn is_field_spec(v: &Yaml) -> bool {
    v.get("type").is_some() && v.get("default").is_some()
}

/// What a checked field spec gives its field.
pub(super) struct Spec {
    pub ty: TypeRef,
    pub checks: Vec<Check>,
    /// The spec's `description`.
    pub description: String,
    /// The bounds or the `enum` values in words.
    pub allowed: String,
}

/// The kind of value a spec's `type` names.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Str,
    Int,
    Float,
    Bool,
    List,
}

impl Kind {
    fn of(name: &str) -> Option<Kind> {
        Some(match name {
            "string" => Kind::Str,
            "integer" => Kind::Int,
            "number" | "float" => Kind::Float,
            "boolean" => Kind::Bool,
            "array" => Kind::List,
            _ => return None,
        })
    }

    fn type_ref(self) -> TypeRef {
        match self {
            Kind::Str => TypeRef::String,
            Kind::Int => TypeRef::Integer,
            Kind::Float => TypeRef::Float,
            Kind::Bool => TypeRef::Bool,
            Kind::List => TypeRef::List(Box::new(TypeRef::Dynamic)),
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Kind::Str => "a string",
            Kind::Int => "an integer",
            Kind::Float => "a number",
            Kind::Bool => "a boolean",
            Kind::List => "a list",
        }
    }

    fn fits(self, v: &Yaml) -> bool {
        matches!(
            (self, v),
            (Kind::Str, Yaml::Str(_))
                | (Kind::Int, Yaml::Int(_))
                | (Kind::Float, Yaml::Int(_) | Yaml::Float(_))
                | (Kind::Bool, Yaml::Bool(_))
                | (Kind::List, Yaml::Seq(_))
        )
    }
}

/// Checks a field spec at `path` and gives its field's type, bounds and doc. `hint` names an
/// enum it defines. Every problem is reported; `None` if there was one.
pub(super) fn check(cx: &mut Checker, spec: &Yaml, path: &[Seg], hint: &str) -> Option<Spec> {
    let Yaml::Map(entries) = spec else { return None };
    let view = MapView { path: path.to_vec(), entries };
    let mut ok = unknown_keys(cx, &view, SPEC_KEYS, "a field spec");
    let kind = spec_type(cx, &view)?;
    let description = match view.get("description") {
        None => None,
        Some(Yaml::Str(d)) => Some(d.clone()),
        Some(other) => {
            cx.error(
                "E0101",
                Anchor::value_of(view.child("description")),
                format!("`description` must be a string, found {}", other.kind()),
            )
            .label("expected a string");
            ok = false;
            None
        }
    };
    let type_name = view.get("type").and_then(Yaml::as_str).unwrap_or_default().to_string();
    ok &= kinds_fit(cx, &view, kind, &type_name, SPEC_KEYS);
    let mut checks = Vec::new();
    ok &= bounds(cx, &view, kind, false, &mut checks);
    // An array's item type and item bounds.
    let mut item_kind = None;
    if kind == Kind::List {
        match view.get("items") {
            None => {}
            Some(Yaml::Str(name)) => item_kind = item_type(cx, name, &view.child("items")),
            Some(items @ Yaml::Map(item_entries)) => {
                let iview = MapView { path: view.child("items"), entries: item_entries };
                ok &= unknown_keys(cx, &iview, ITEM_KEYS, "the `items` of a field spec");
                match items.get("type") {
                    Some(Yaml::Str(name)) => {
                        let mut tat = iview.child("type");
                        item_kind = item_type(cx, name, &std::mem::take(&mut tat));
                    }
                    _ => {
                        cx.error("E0261", Anchor::key(&iview.path), "the `items` of a field spec need a `type`")
                            .label("no item type")
                            .help("write `items: {type: \"integer\", minimum: 0}`, or `items: \"string\"`");
                        ok = false;
                    }
                }
                if let Some(ik) = item_kind {
                    let name = items.get("type").and_then(Yaml::as_str).unwrap_or_default().to_string();
                    ok &= kinds_fit(cx, &iview, ik, &name, ITEM_KEYS);
                    ok &= bounds(cx, &iview, ik, true, &mut checks);
                }
            }
            Some(other) => {
                cx.error(
                    "E0261",
                    Anchor::value_of(view.child("items")),
                    format!("`items` must be a type name or a mapping, found {}", other.kind()),
                )
                .label("expected an item type");
                ok = false;
            }
        }
        if view.get("items").is_some() && item_kind.is_none() {
            ok = false;
        }
    }
    // `enum` on a string: the allowed values, an enum type.
    let mut ty = kind.type_ref();
    let mut allowed = None;
    if let Some(values) = view.get("enum") {
        match enum_values(cx, values, &view.child("enum")) {
            Some(wires) if kind == Kind::Str => {
                allowed = Some(wires.clone());
                match super::types::define_enum(cx, wires, &view.child("enum"), hint) {
                    Some(t) => ty = t,
                    None => ok = false,
                }
            }
            Some(_) => {}
            None => ok = false,
        }
    }
    if kind == Kind::List {
        let default_items = match view.get("default") {
            Some(Yaml::Seq(items)) => items.as_slice(),
            _ => &[],
        };
        let item = match item_kind {
            Some(k) => k.type_ref(),
            // No `items`: the default's items say, as a plain list's would.
            None => inferred_item(default_items),
        };
        ty = TypeRef::List(Box::new(item));
    }
    if !ok {
        return None;
    }
    // The default: its type, then its own bounds.
    let default = view.get("default")?;
    let dat = view.child("default");
    if !kind.fits(default) {
        cx.error(
            "E0266",
            Anchor::value(&dat),
            format!("the default must be {} (`type: {type_name}`), found {}", kind.noun(), describe(default)),
        )
        .label(format!("expected {}", kind.noun()))
        .help(format!("write a default of type `{type_name}`, or change `type`"));
        return None;
    }
    if let (Some(ik), Yaml::Seq(items)) = (item_kind, default) {
        for (i, item) in items.iter().enumerate() {
            if !ik.fits(item) {
                let mut at = dat.clone();
                at.push(Seg::Index(i));
                cx.error(
                    "E0266",
                    Anchor::value(&at),
                    format!("item {i} of the default must be {}, found {}", ik.noun(), describe(item)),
                )
                .label(format!("expected {}", ik.noun()))
                .help("make every item of the default fit `items`");
                ok = false;
            }
        }
    }
    if let (Some(wires), Yaml::Str(s)) = (&allowed, default) {
        if !wires.contains(s) {
            let d = cx
                .error(
                    "E0265",
                    Anchor::value(&dat),
                    format!("the default {s:?} is not among the `enum` values: {}", wires.join(", ")),
                )
                .label("not an allowed value");
            match suggest::closest(s, wires.iter().map(String::as_str)) {
                Some(near) => d.help(format!("did you mean `{near}`?")),
                None => d.help("make the default one of the `enum` values, or add it to them"),
            };
            ok = false;
        }
    }
    ok &= default_in_bounds(cx, default, &dat, &checks);
    if !ok {
        return None;
    }
    let allowed = match &allowed {
        Some(wires) => format!("one of `{}`", wires.join("`, `")),
        None => in_words(&checks),
    };
    Some(Spec { ty, checks, description: description.unwrap_or_default(), allowed })
}

/// E0260 for each key that is not in `known`, with a did-you-mean.
fn unknown_keys(cx: &mut Checker, view: &MapView, known: &[&str], what: &str) -> bool {
    let mut ok = true;
    for (key, _) in view.entries {
        if known.contains(&key.as_str()) {
            continue;
        }
        ok = false;
        let d = cx
            .error("E0260", Anchor::key_of(view.child(key)), format!("unknown key `{key}` in {what}"))
            .label("unknown key");
        match suggest::closest(key, known.iter().copied()) {
            Some(near) => d.help(format!("did you mean `{near}`?")),
            None => d.help(format!("{what} takes {}", each::map(known, &mut |k| format!("`{k}`")).join(", "))),
        };
    }
    ok
}

/// The kind the spec's `type` names, or E0261.
fn spec_type(cx: &mut Checker, view: &MapView) -> Option<Kind> {
    let at = Anchor::value_of(view.child("type"));
    match view.get("type") {
        Some(Yaml::Str(name)) => match Kind::of(name.trim()) {
            Some(kind) => Some(kind),
            None => {
                unknown_type(cx, name, at, FIELD_TYPES);
                None
            }
        },
        Some(other) => {
            cx.error("E0261", at, format!("`type` must be a type name, found {}", other.kind()))
                .label("not a type name")
                .help(format!("field specs take the types {}", FIELD_TYPES.join(", ")));
            None
        }
        None => None,
    }
}

fn unknown_type(cx: &mut Checker, name: &str, at: Anchor, known: &[&str]) {
    let d =
        cx.error("E0261", at, format!("unknown type `{}` in a field spec", name.escape_debug())).label("unknown type");
    match suggest::closest(name, known.iter().copied()) {
        Some(near) => d.help(format!("did you mean `{near}`?")),
        None => d.help(format!("field specs take the types {}", known.join(", "))),
    };
}

/// The kind of an array's items: any field type but another array.
fn item_type(cx: &mut Checker, name: &str, at: &[Seg]) -> Option<Kind> {
    const ITEM_TYPES: &[&str] = &["string", "integer", "number", "float", "boolean"];
    match Kind::of(name.trim()).filter(|k| *k != Kind::List) {
        Some(k) => Some(k),
        None => {
            unknown_type(cx, name, Anchor::value(at), ITEM_TYPES);
            None
        }
    }
}

/// E0262 for each bound that does not apply to the kind of value (`minimum` on a string).
fn kinds_fit(cx: &mut Checker, view: &MapView, kind: Kind, type_name: &str, known: &[&str]) -> bool {
    let mut ok = true;
    // Unknown keys are reported as such (E0260).
    for (key, _) in view.entries.iter().filter(|(k, _)| known.contains(&k.as_str())) {
        let applies_to = if NUMBER_BOUNDS.contains(&key.as_str()) {
            "numbers (`integer`, `number`)"
        } else if LENGTH_BOUNDS.contains(&key.as_str()) || key == "enum" {
            "strings"
        } else if LIST_BOUNDS.contains(&key.as_str()) {
            "arrays"
        } else {
            continue;
        };
        let fits = match kind {
            Kind::Int | Kind::Float => NUMBER_BOUNDS.contains(&key.as_str()),
            Kind::Str => LENGTH_BOUNDS.contains(&key.as_str()) || key == "enum",
            Kind::List => LIST_BOUNDS.contains(&key.as_str()),
            Kind::Bool => false,
        };
        if !fits {
            ok = false;
            cx.error(
                "E0262",
                Anchor::key_of(view.child(key)),
                format!("`{key}` applies to {applies_to}, not to a `{type_name}` field"),
            )
            .label(format!("not a bound of a `{type_name}`"))
            .help(format!("remove `{key}`, or change `type`"));
        }
    }
    ok
}

/// A pair of count bounds: the keys of the lower and upper one, and the bounds they make.
type CountBounds = (&'static str, &'static str, fn(u64) -> Bound, fn(u64) -> Bound);

/// Reads the bounds of a spec (or of its `items`) into `checks`: E0263 for a bound that is not a
/// number (or, for lengths and counts, not a whole number from 0), E0264 for an empty range.
fn bounds(cx: &mut Checker, view: &MapView, kind: Kind, each_item: bool, checks: &mut Vec<Check>) -> bool {
    let mut ok = true;
    let mut number = |cx: &mut Checker, key: &str| -> Option<f64> {
        let v = view.get(key)?;
        let n = match v {
            Yaml::Int(i) => Some(*i as f64),
            Yaml::Float(f) if f.is_finite() => Some(*f),
            _ => None,
        };
        if n.is_none() {
            cx.error(
                "E0263",
                Anchor::value_of(view.child(key)),
                format!("`{key}` must be a number, found {}", describe(v)),
            )
            .label("expected a number")
            .help(format!("write `{key}: 1` (a finite number, without quotes)"));
            ok = false;
        }
        n
    };
    let (mut lower, mut upper) = (None, None);
    if matches!(kind, Kind::Int | Kind::Float) {
        for (key, exclusive) in [("minimum", false), ("exclusiveMinimum", true)] {
            if let Some(n) = number(cx, key) {
                checks.push(Check {
                    bound: if exclusive { Bound::ExclusiveMinimum(n) } else { Bound::Minimum(n) },
                    each_item,
                });
                if lower.is_none_or(|(l, _, _): (f64, bool, &str)| n >= l) {
                    lower = Some((n, exclusive, key));
                }
            }
        }
        for (key, exclusive) in [("maximum", false), ("exclusiveMaximum", true)] {
            if let Some(n) = number(cx, key) {
                checks.push(Check {
                    bound: if exclusive { Bound::ExclusiveMaximum(n) } else { Bound::Maximum(n) },
                    each_item,
                });
                if upper.is_none_or(|(u, _, _): (f64, bool, &str)| n <= u) {
                    upper = Some((n, exclusive, key));
                }
            }
        }
    }
    let pairs: &[CountBounds] = match kind {
        Kind::Str => &[("minLength", "maxLength", Bound::MinLength, Bound::MaxLength)],
        Kind::List if !each_item => &[("minItems", "maxItems", Bound::MinItems, Bound::MaxItems)],
        _ => &[],
    };
    for (min_key, max_key, min_bound, max_bound) in pairs {
        let mut count = |cx: &mut Checker, key: &str| -> Option<u64> {
            let v = view.get(key)?;
            match v {
                Yaml::Int(i) if *i >= 0 => Some(*i as u64),
                _ => {
                    cx.error(
                        "E0263",
                        Anchor::value_of(view.child(key)),
                        format!("`{key}` must be a whole number from 0, found {}", describe(v)),
                    )
                    .label("expected a count")
                    .help(format!("write `{key}: 1`"));
                    ok = false;
                    None
                }
            }
        };
        let min = count(cx, min_key);
        let max = count(cx, max_key);
        if let Some(n) = min {
            checks.push(Check { bound: min_bound(n), each_item });
        }
        if let Some(n) = max {
            checks.push(Check { bound: max_bound(n), each_item });
        }
        if let (Some(lo), Some(hi)) = (min, max) {
            if lo > hi {
                empty_range(cx, view, (lo as f64, min_key), (hi as f64, max_key), "");
                ok = false;
            }
        }
    }
    if let (Some((lo, lo_ex, lo_key)), Some((hi, hi_ex, hi_key))) = (lower, upper) {
        if lo > hi || (lo == hi && (lo_ex || hi_ex)) {
            let why = if lo == hi { " (an exclusive bound leaves no value)" } else { "" };
            empty_range(cx, view, (lo, lo_key), (hi, hi_key), why);
            ok = false;
        }
    }
    ok
}

fn empty_range(cx: &mut Checker, view: &MapView, lo: (f64, &str), hi: (f64, &str), why: &str) {
    cx.error(
        "E0264",
        Anchor::value_of(view.child(lo.1)),
        format!("`{}: {}` is above `{}: {}`: no value fits{why}", lo.1, lo.0, hi.1, hi.0),
    )
    .label("lower bound above the upper one")
    .also(Anchor::value_of(view.child(hi.1)), "the upper bound")
    .help(format!("swap them, or lower `{}`", lo.1));
}

/// The values of `enum`: a non-empty list of distinct strings, or E0267.
fn enum_values(cx: &mut Checker, values: &Yaml, at: &[Seg]) -> Option<Vec<String>> {
    let wires: Option<Vec<String>> = match values {
        Yaml::Seq(items) if !items.is_empty() => items.iter().map(|v| v.as_str().map(str::to_string)).collect(),
        _ => None,
    };
    let Some(wires) = wires else {
        cx.error(
            "E0267",
            Anchor::value(at),
            format!("`enum` must be a non-empty list of strings, found {}", describe(values)),
        )
        .label("expected a list of strings")
        .help("write `enum: [\"DEBUG\", \"INFO\"]`");
        return None;
    };
    for (i, w) in wires.iter().enumerate() {
        if wires[..i].contains(w) {
            let mut wat = at.to_vec();
            wat.push(Seg::Index(i));
            cx.error("E0267", Anchor::value(&wat), format!("`{w}` is listed twice in `enum`"))
                .label("repeated value")
                .help("list each allowed value once");
            return None;
        }
    }
    Some(wires)
}

/// E0265 for a default that breaks one of its own bounds.
fn default_in_bounds(cx: &mut Checker, default: &Yaml, at: &[Seg], checks: &[Check]) -> bool {
    let mut ok = true;
    for check in checks {
        let targets: Vec<(Vec<Seg>, &Yaml)> = match (check.each_item, default) {
            (true, Yaml::Seq(items)) => items
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    let mut p = at.to_vec();
                    p.push(Seg::Index(i));
                    (p, v)
                })
                .collect(),
            _ => vec![(at.to_vec(), default)],
        };
        for (p, v) in targets {
            if let Some(found) = breaks(v, check.bound) {
                let which = if check.each_item { "an item of the default" } else { "the default" };
                cx.error("E0265", Anchor::value(&p), format!("{which} {found} breaks {}", bound_words(check.bound)))
                    .label("outside the field's own bounds")
                    .help("make the default keep the bounds, or change the bounds");
                ok = false;
            }
        }
    }
    ok
}

/// The value as text, when it breaks the bound.
fn breaks(v: &Yaml, bound: Bound) -> Option<String> {
    let n = match v {
        Yaml::Int(i) => Some(*i as f64),
        Yaml::Float(f) => Some(*f),
        _ => None,
    };
    let broken = match (bound, n, v) {
        (Bound::Minimum(m), Some(n), _) => n < m,
        (Bound::ExclusiveMinimum(m), Some(n), _) => n <= m,
        (Bound::Maximum(m), Some(n), _) => n > m,
        (Bound::ExclusiveMaximum(m), Some(n), _) => n >= m,
        (Bound::MinLength(m), _, Yaml::Str(s)) => (s.chars().count() as u64) < m,
        (Bound::MaxLength(m), _, Yaml::Str(s)) => s.chars().count() as u64 > m,
        (Bound::MinItems(m), _, Yaml::Seq(items)) => (items.len() as u64) < m,
        (Bound::MaxItems(m), _, Yaml::Seq(items)) => items.len() as u64 > m,
        _ => false,
    };
    broken.then(|| match v {
        Yaml::Str(s) => format!("{s:?} ({} characters)", s.chars().count()),
        Yaml::Seq(items) => format!("(a list of {} items)", items.len()),
        Yaml::Int(i) => i.to_string(),
        Yaml::Float(f) => f.to_string(),
        other => describe(other),
    })
}

/// `the minimum 1`, as a diagnostic says it.
fn bound_words(bound: Bound) -> String {
    match bound {
        Bound::Minimum(n) => format!("the minimum {n}"),
        Bound::ExclusiveMinimum(n) => format!("the exclusive minimum {n} (it must be above it)"),
        Bound::Maximum(n) => format!("the maximum {n}"),
        Bound::ExclusiveMaximum(n) => format!("the exclusive maximum {n} (it must be below it)"),
        Bound::MinLength(n) => format!("the minimum length {n}"),
        Bound::MaxLength(n) => format!("the maximum length {n}"),
        Bound::MinItems(n) => format!("the minimum of {n} items"),
        Bound::MaxItems(n) => format!("the maximum of {n} items"),
    }
}

/// A plain list's item type, for an array spec without `items`.
fn inferred_item(items: &[Yaml]) -> TypeRef {
    let kinds: Vec<Kind> = items
        .iter()
        .filter_map(|v| {
            [Kind::Str, Kind::Int, Kind::Bool]
                .into_iter()
                .find(|k| k.fits(v))
                .or_else(|| Kind::Float.fits(v).then_some(Kind::Float))
        })
        .collect();
    if kinds.len() != items.len() || kinds.is_empty() {
        return TypeRef::Dynamic;
    }
    if kinds.iter().all(|k| *k == kinds[0]) {
        kinds[0].type_ref()
    } else if kinds.iter().all(|k| matches!(k, Kind::Int | Kind::Float)) {
        TypeRef::Float
    } else {
        TypeRef::Dynamic
    }
}

/// The bounds in words, for docs: `1 to 100`, `above 0`, `1 to 64 characters`, `each item at least 0`.
pub(crate) fn in_words(checks: &[Check]) -> String {
    let mut parts = Vec::new();
    for each_item in [false, true] {
        let own: Vec<Bound> = checks.iter().filter(|c| c.each_item == each_item).map(|c| c.bound).collect();
        let mut words = Vec::new();
        let find = |f: fn(Bound) -> Option<(f64, bool)>| own.iter().find_map(|b| f(*b));
        let lower = find(|b| match b {
            Bound::Minimum(n) => Some((n, false)),
            Bound::ExclusiveMinimum(n) => Some((n, true)),
            _ => None,
        });
        let upper = find(|b| match b {
            Bound::Maximum(n) => Some((n, false)),
            Bound::ExclusiveMaximum(n) => Some((n, true)),
            _ => None,
        });
        match (lower, upper) {
            (Some((lo, false)), Some((hi, false))) => words.push(format!("{lo} to {hi}")),
            (lo, hi) => {
                let mut range = Vec::new();
                if let Some((n, ex)) = lo {
                    range.push(if ex { format!("above {n}") } else { format!("at least {n}") });
                }
                if let Some((n, ex)) = hi {
                    range.push(if ex { format!("below {n}") } else { format!("at most {n}") });
                }
                if !range.is_empty() {
                    words.push(range.join(" and "));
                }
            }
        }
        let count = |min: Option<u64>, max: Option<u64>, unit: &str| match (min, max) {
            (Some(lo), Some(hi)) => Some(format!("{lo} to {hi} {unit}")),
            (Some(lo), None) => Some(format!("at least {lo} {unit}")),
            (None, Some(hi)) => Some(format!("at most {hi} {unit}")),
            (None, None) => None,
        };
        let pick = |f: fn(Bound) -> Option<u64>| own.iter().find_map(|b| f(*b));
        words.extend(count(
            pick(|b| if let Bound::MinLength(n) = b { Some(n) } else { None }),
            pick(|b| if let Bound::MaxLength(n) = b { Some(n) } else { None }),
            "characters",
        ));
        words.extend(count(
            pick(|b| if let Bound::MinItems(n) = b { Some(n) } else { None }),
            pick(|b| if let Bound::MaxItems(n) = b { Some(n) } else { None }),
            "items",
        ));
        if words.is_empty() {
            continue;
        }
        let text = words.join(", ");
        parts.push(if each_item { format!("each item {text}") } else { text });
    }
    parts.join("; ")
}
