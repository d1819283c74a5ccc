//! Whether a piece of contract data fits a declared type: the `default` entries of a map declared
//! in configuration (`{type: object, additionalProperties: T, default: {..}}`). E0250 otherwise,
//! at the value that does not fit, so the generated `Default` never has to guess.

use super::records::describe;
use super::Checker;
use crate::each;
use crate::locate::{Anchor, Seg};
use crate::model::{TypeDef, TypeRef};
use crate::parse::Yaml;

/// Checks `value` against `ty`, reporting each misfit; `what` names the value in messages.
pub(super) fn check(cx: &mut Checker, ty: &TypeRef, value: &Yaml, at: &[Seg], what: &str) -> bool {
    let misfit = |cx: &mut Checker, expected: &str| {
        cx.error("E0250", Anchor::value(at), format!("{what} must be {expected}, found {}", describe(value)))
            .label(format!("expected {expected}"))
            .help("make the value fit the type declared in `additionalProperties`");
        false
    };
    match (ty, value) {
        (TypeRef::Optional(_), Yaml::Null) => true,
        (TypeRef::Optional(inner), v) => check(cx, inner, v, at, what),
        (TypeRef::String, Yaml::Str(_))
        | (TypeRef::Integer, Yaml::Int(_))
        | (TypeRef::Float, Yaml::Int(_) | Yaml::Float(_))
        | (TypeRef::Bool, Yaml::Bool(_))
        | (TypeRef::Dynamic, _) => true,
        (TypeRef::String, _) => misfit(cx, "a string"),
        (TypeRef::Integer, _) => misfit(cx, "an integer"),
        (TypeRef::Float, _) => misfit(cx, "a number"),
        (TypeRef::Bool, _) => misfit(cx, "a boolean"),
        (TypeRef::List(item), Yaml::Seq(items)) => {
            let mut ok = true;
            for (i, v) in items.iter().enumerate() {
                let mut p = at.to_vec();
                p.push(Seg::Index(i));
                ok &= check(cx, item, v, &p, &format!("item {i} of {what}"));
            }
            ok
        }
        (TypeRef::List(_), _) => misfit(cx, "a list"),
        (TypeRef::Map(inner) | TypeRef::NodeMap(inner), Yaml::Map(entries)) => {
            let mut ok = true;
            for (k, v) in entries {
                let mut p = at.to_vec();
                p.push(Seg::key(k));
                ok &= check(cx, inner, v, &p, &format!("`{k}` of {what}"));
            }
            ok
        }
        (TypeRef::Map(_) | TypeRef::NodeMap(_), _) => misfit(cx, "a mapping"),
        (TypeRef::Named(name), v) => match cx.defs.iter().find(|d| d.name() == name).cloned() {
            Some(TypeDef::Alias(a)) => check(cx, &a.target, v, at, what),
            Some(TypeDef::Enum(e)) => {
                if matches!(v, Yaml::Str(s) if e.variants.iter().any(|x| x.wire == *s)) {
                    return true;
                }
                let values: Vec<&str> = each::map(&e.variants, &mut |x| x.wire.as_str());
                misfit(cx, &format!("one of {}", values.join(", ")))
            }
            Some(TypeDef::Struct(s)) => {
                let Yaml::Map(entries) = v else { return misfit(cx, "a mapping") };
                let mut ok = true;
                for (k, fv) in entries {
                    let mut p = at.to_vec();
                    p.push(Seg::key(k));
                    match s.fields.iter().find(|f| f.wire == *k) {
                        Some(f) => ok &= check(cx, &f.ty, fv, &p, &format!("`{k}` of {what}")),
                        None => {
                            let known: Vec<&str> = each::map(&s.fields, &mut |f| f.wire.as_str());
                            let d = cx
                                .error("E0250", Anchor::key(&p), format!("unknown key `{k}` in {what}"))
                                .label("not a field of the map's value type");
                            match super::suggest::closest(k, known.iter().copied()) {
                                Some(near) => d.help(format!("did you mean `{near}`?")),
                                None => d.help(format!("its fields are {}", known.join(", "))),
                            };
                            ok = false;
                        }
                    }
                }
                for f in &s.fields {
                    if !matches!(f.ty, TypeRef::Optional(_)) && !entries.iter().any(|(k, _)| *k == f.wire) {
                        cx.error("E0250", Anchor::value(at), format!("{what} is missing `{}`", f.wire))
                            .label(format!("`{}` missing here", f.wire))
                            .help("give every field that is not `optional: true`");
                        ok = false;
                    }
                }
                ok
            }
            None => misfit(cx, "a value of a type the contract defines"),
        },
        // Their Rust types are the user's choice (`.timestamp_type(..)`, ...): no contract text can
        // be turned into one.
        (TypeRef::Timestamp | TypeRef::Object | TypeRef::Fallback | TypeRef::Custom(_), _) => {
            cx.error("E0250", Anchor::value(at), format!("{what} has a type whose values the contract cannot give"))
                .label("no default possible")
                .help("`timestamp`, `datetime` and `object` values have the Rust type the build chooses: leave them out of `default`, or make them `optional: true`");
            false
        }
    }
}
