//! `Configuration`: what a node contract's integration field holds for a mixin. One name for every
//! mixin, so a node contract's struct names `<mixin module>::Configuration` without knowing how many
//! configuration sections the mixin has.

use super::Checker;
use crate::each;
use crate::locate::Anchor;
use crate::model::{AliasDef, DataSection, Field, StructDef, StructRole, TypeDef, TypeRef};
use crate::names::Ident;

/// The generated name.
pub(crate) const NAME: &str = crate::model::CONFIGURATION;

/// Claims the name before the contract's own items, so an item that would take it is the one
/// reported (E0190), at its own line.
pub(super) fn claim(cx: &mut Checker) {
    cx.claim(&Ident::fixed(NAME), false, &Anchor::value(&[]), format!("the generated type `{NAME}`"));
}

/// An alias of the config struct when there is exactly one config section and it is a struct with
/// the contract's values as its `Default`; otherwise a struct with one field per config section
/// (none for a mixin without one), whose `Default` is every section's values.
pub(super) fn define(cx: &mut Checker, mixin_name: &str, configs: &[DataSection]) {
    let name = Ident::fixed(NAME);
    if let [only] = configs {
        let is_struct_with_values = match &only.ty {
            TypeRef::Named(ty) => cx.defs.iter().any(|d| match d {
                TypeDef::Struct(s) => &s.name == ty && s.defaults.is_some(),
                _ => false,
            }),
            _ => false,
        };
        if is_struct_with_values {
            let doc = format!(
                "What a node contract's integration field for `{mixin_name}` holds:\nits `{}` section.",
                only.key
            );
            cx.define(TypeDef::Alias(AliasDef { name, doc, target: only.ty.clone(), is_static: false }));
            return;
        }
    }
    let doc = if configs.is_empty() {
        format!("What a node contract's integration field for `{mixin_name}` holds: nothing,\nas the mixin has no configuration section. Deserializes from an empty mapping; any key\nis an error.")
    } else {
        format!("What a node contract's integration field for `{mixin_name}` holds: one field\nper configuration section. `Default` gives the contract's values; deserializing a partial\noverride keeps the defaults of every key it leaves out, and an unknown key is an error.")
    };
    let fields = each::map(configs, &mut |c| {
        Field::plain(c.key.clone(), c.accessor.clone(), c.ty.clone(), format!("The `{}` section.", c.key))
    });
    let defaults = Some(each::map(configs, &mut |c| c.value.clone()));
    cx.define(TypeDef::Struct(StructDef { name, doc, role: StructRole::Config, fields, defaults, strict: true }));
}
