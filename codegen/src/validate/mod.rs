//! Stage 3: the parsed tree into the checked model, collecting every problem of the file.

mod actions;
mod config_names;
mod configuration;
mod conform;
mod data;
mod field_spec;
pub mod node;
mod records;
mod resolve;
pub mod rules;
pub mod suggest;
mod types;
mod untyped;

pub use untyped::UntypedNames;

use crate::diagnostics::{Diagnostic, Label};
use crate::each;
use crate::load::Source;
use crate::locate::{Anchor, Seg, SpanIndex};
use crate::model::{Mixin, TypeDef, TypeRef};
use crate::names::{self, Case, Ident};
use crate::parse::Yaml;
use std::collections::HashMap;
use std::path::Path;

/// What validation may be asked to be stricter (or quieter) about.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// What to say about action inputs and outputs with no declared type.
    pub untyped: UntypedNames,
    /// `(path, Rust type)`: the type of the input/output at `module.action.name`, for names the
    /// contract gives no type (`.io_type`). The type text is checked to parse when it is set.
    pub io_types: Vec<(String, String)>,
}

/// Validates one parsed contract. Returns the checked model when there is no error, and every
/// diagnostic (errors, warnings, notes) with its location.
pub fn validate(source: &Source, doc: &Yaml, options: &Options) -> (Option<Mixin>, Vec<Diagnostic>) {
    let mut cx = Checker::new(&source.path, options);
    cx.comments = crate::locate::Comments::of(&source.text);
    let mixin = top::check(&mut cx, doc);
    let diagnostics = cx.finish(&source.text);
    let ok = !diagnostics.iter().any(Diagnostic::is_error);
    (mixin.filter(|_| ok), diagnostics)
}

/// Whether a parsed file is meant as a mixin contract: a mapping with at least one of the keys
/// that make one. Anything else gets one E0210 from [`validate`], and is "not a mixin contract"
/// to a node that lists it.
pub fn is_mixin_like(doc: &Yaml) -> bool {
    ["mixin_name", "mixin_version", "applicable_node_types"].iter().any(|k| doc.get(k).is_some())
}

/// A diagnostic waiting for its position, which is looked up only when there is one to report.
pub(crate) struct Pending {
    diagnostic: Diagnostic,
    at: Anchor,
    also: Vec<(Anchor, String)>,
}

/// Collects diagnostics and the names already given to Rust items.
pub(crate) struct Checker<'a> {
    file: &'a Path,
    options: &'a Options,
    pending: Vec<Pending>,
    /// Type-namespace items of the module: name -> where it came from.
    types: HashMap<String, (Anchor, String)>,
    /// Value-namespace items (constants, functions).
    values: HashMap<String, (Anchor, String)>,
    /// Type definitions, in the order they are made.
    defs: Vec<TypeDef>,
    /// Identical inline enums share one type: their values (as `{:?}` of the list, so this is
    /// the map type `structs` has: each map type is compiled on its own) -> its name.
    enums: HashMap<String, Ident>,
    /// Structurally identical nested structs share one type too: their shape -> its name.
    structs: HashMap<String, Ident>,
    /// Set while resolving types declared inside configuration: the structs they make are strict.
    in_config: bool,
    /// Output models already resolved: explicit types may name them.
    models: Vec<crate::model::OutputModel>,
    /// The module the mixin becomes (`error_handling`), once its name is known.
    module: Option<String>,
    /// Data keys with characters no identifier has (`$ref`) lose them, rather than being an
    /// error: node contracts carry JSON references (`$ref: "contracts/fsm_subcontract.yaml"`)
    /// in their data, which stays readable under the key's remaining letters.
    strip_key_symbols: bool,
    /// The YAML comments that document items.
    pub(crate) comments: crate::locate::Comments,
}

impl<'a> Checker<'a> {
    fn new(file: &'a Path, options: &'a Options) -> Self {
        Checker {
            file,
            options,
            pending: Vec::new(),
            types: HashMap::new(),
            values: HashMap::new(),
            defs: Vec::new(),
            enums: HashMap::new(),
            structs: HashMap::new(),
            in_config: false,
            models: Vec::new(),
            module: None,
            strip_key_symbols: false,
            comments: crate::locate::Comments::default(),
        }
    }

    pub(crate) fn report(&mut self, diagnostic: Diagnostic, at: Anchor) -> &mut Pending {
        self.pending.push(Pending { diagnostic, at, also: Vec::new() });
        self.pending.last_mut().expect("just pushed")
    }

    pub(crate) fn error(&mut self, code: &'static str, at: Anchor, message: impl Into<String>) -> &mut Pending {
        let d = Diagnostic::error(code, self.file, message);
        self.report(d, at)
    }

    pub(crate) fn warning(&mut self, code: &'static str, at: Anchor, message: impl Into<String>) -> &mut Pending {
        let d = Diagnostic::warning(code, self.file, message);
        self.report(d, at)
    }

    fn finish(self, text: &str) -> Vec<Diagnostic> {
        if self.pending.is_empty() {
            return Vec::new();
        }
        let anchors = self.pending.iter().flat_map(|p| std::iter::once(&p.at).chain(p.also.iter().map(|(a, _)| a)));
        let index = SpanIndex::build_for(text, anchors);
        let file = self.file;
        let mut out: Vec<Diagnostic> = each::map_into(self.pending, &mut |p| {
            let mut d = p.diagnostic;
            d.primary.location = index.find(&p.at);
            for (anchor, message) in p.also {
                d.secondary.push(Label { file: file.to_path_buf(), location: index.find(&anchor), message });
            }
            d
        });
        crate::order::sort_by(&mut out, Diagnostic::cmp_in_file);
        out
    }

    /// The identifier for a contract name, or an E0200 diagnostic at `at`.
    pub(crate) fn ident(&mut self, name: &str, case: Case, at: &Anchor, what: &str) -> Option<Ident> {
        let stripped: String;
        let name = if self.strip_key_symbols && what == "key" {
            stripped = name.chars().filter(|c| c.is_alphanumeric() || *c == '_' || *c == '-' || *c == ' ').collect();
            if stripped.is_empty() {
                name
            } else {
                stripped.as_str()
            }
        } else {
            name
        };
        match names::to_ident(name, case) {
            Ok(id) => Some(id),
            Err(e) => {
                self.error(
                    "E0200",
                    at.clone(),
                    format!("{what} `{}` cannot become a Rust identifier: {e}", name.escape_debug()),
                )
                .label("not a valid identifier")
                .help("use ASCII letters, digits, `_` and `-`, starting with a letter");
                None
            }
        }
    }

    /// Claims a name in the module's type or value namespace; a clash is E0190 naming both.
    pub(crate) fn claim(&mut self, ident: &Ident, value_ns: bool, at: &Anchor, what: String) -> bool {
        let table = if value_ns { &mut self.values } else { &mut self.types };
        if let Some((first, first_what)) = table.get(&ident.name).cloned() {
            let message = format!("{what} and {first_what} would both become the Rust item `{ident}`");
            self.error("E0190", at.clone(), message)
                .label(format!("{what} becomes `{ident}`"))
                .also(first, format!("{first_what} becomes `{ident}` here"))
                .help("rename one of them in the contract");
            return false;
        }
        table.insert(ident.name.clone(), (at.clone(), what));
        true
    }

    pub(crate) fn define(&mut self, def: TypeDef) {
        self.defs.push(def);
    }

    /// Defines a struct, unless it is a nested one identical to one defined before (same fields,
    /// types, defaults and strictness), whose type it then shares, as identical enums do. Returns
    /// the type to use.
    pub(crate) fn define_struct(&mut self, def: crate::model::StructDef) -> TypeRef {
        // A struct with bounds names its fields' paths in messages: it is not shared.
        if def.role != crate::model::StructRole::Nested || def.fields.iter().any(|f| !f.checks.is_empty()) {
            let name = def.name.clone();
            self.define(TypeDef::Struct(def));
            return TypeRef::Named(name);
        }
        let fields: Vec<(&str, &Ident, &TypeRef)> = each::map(&def.fields, &mut |f| (f.wire.as_str(), &f.ident, &f.ty));
        let shape = format!("{:?}", (fields, &def.defaults, def.strict));
        if let Some(first) = self.structs.get(&shape) {
            return TypeRef::Named(first.clone());
        }
        self.structs.insert(shape, def.name.clone());
        let name = def.name.clone();
        self.define(TypeDef::Struct(def));
        TypeRef::Named(name)
    }

    /// `doc` after the YAML comments that document the item at `path`, if any.
    pub(crate) fn documented(&self, path: &[Seg], doc: &str) -> String {
        crate::locate::with_comment(self.comments.doc(path), doc)
    }

    /// The YAML comments that document the item at `path` (empty when none).
    pub(crate) fn comment(&self, path: &[Seg]) -> String {
        self.comments.doc(path).unwrap_or_default()
    }

    pub(crate) fn defined(&self, name: &Ident) -> bool {
        self.defs.iter().any(|d| d.name() == name)
    }
}

impl Pending {
    pub(crate) fn help(&mut self, help: impl Into<String>) -> &mut Self {
        self.diagnostic.help = Some(help.into());
        self
    }
    pub(crate) fn label(&mut self, label: impl Into<String>) -> &mut Self {
        self.diagnostic.primary.message = label.into();
        self
    }
    pub(crate) fn also(&mut self, at: Anchor, message: impl Into<String>) -> &mut Self {
        self.also.push((at, message.into()));
        self
    }
}

/// A view of one mapping in the document, for checking its keys.
pub(crate) struct MapView<'d> {
    pub path: Vec<Seg>,
    pub entries: &'d [(String, Yaml)],
}

impl<'d> MapView<'d> {
    pub(crate) fn get(&self, key: &str) -> Option<&'d Yaml> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub(crate) fn child(&self, key: &str) -> Vec<Seg> {
        let mut p = Vec::with_capacity(self.path.len() + 1);
        p.extend_from_slice(&self.path);
        p.push(Seg::key(key));
        p
    }

    /// Reports unknown keys (a warning with a did-you-mean, or an error when the key looks like a
    /// required key that is missing) and missing required keys. Returns false if any required key
    /// is missing.
    pub(crate) fn check_keys(&self, cx: &mut Checker, what: &str, required: &[&str], optional: &[&str]) -> bool {
        let known = [required, optional].concat();
        let mut explained = Vec::new();
        for (key, _) in self.entries {
            if known.contains(&key.as_str()) {
                continue;
            }
            let at = Anchor::key_of(self.child(key));
            match suggest::closest(key, known.iter().copied()) {
                Some(near) if required.contains(&near) && self.get(near).is_none() => {
                    explained.push(near);
                    cx.error(
                        "E0151",
                        at,
                        format!("unknown key `{key}` in {what}; the required key `{near}` is missing"),
                    )
                    .label("unknown key")
                    .help(format!("rename `{key}` to `{near}`"));
                }
                Some(near) => {
                    cx.warning("W0150", at, format!("unknown key `{key}` in {what} is ignored"))
                        .label("unknown key")
                        .help(format!("did you mean `{near}`?"));
                }
                None => {
                    let list = each::map(&known, &mut |k| format!("`{k}`")).join(", ");
                    cx.warning("W0150", at, format!("unknown key `{key}` in {what} is ignored"))
                        .label("unknown key")
                        .help(format!("{what} takes {list}"));
                }
            }
        }
        let mut complete = true;
        for key in required {
            if self.get(key).is_none() {
                complete = false;
                if !explained.contains(key) {
                    cx.error("E0100", Anchor::value(&self.path), format!("{what} is missing the required key `{key}`"))
                        .label(format!("`{key}` missing here"));
                }
            }
        }
        complete
    }
}

mod top {
    use super::*;
    use crate::model::Mixin;

    pub(super) fn check(cx: &mut Checker, doc: &Yaml) -> Option<Mixin> {
        let root = Anchor::value(&[]);
        let Yaml::Map(entries) = doc else {
            cx.error("E0006", root, format!("a mixin contract is a mapping at the top level, found {}", doc.kind()))
                .help("start the file with `mixin_name: \"mixin_...\"`");
            return None;
        };
        let map = MapView { path: Vec::new(), entries };
        if !is_mixin_like(doc) {
            not_a_mixin(cx, &map);
            return None;
        }
        records::check_top(cx, &map)
    }

    /// Files of another format get one diagnostic, not one per missing key.
    fn not_a_mixin(cx: &mut Checker, map: &MapView) {
        let keys: Vec<&str> = each::map(map.entries, &mut |(k, _)| k.as_str());
        let shown = keys.iter().take(6).map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
        let hint = if map.get("contract_type").is_some() || map.get("contract_version").is_some() {
            " (it looks like a subcontract or node contract)"
        } else if map.get("id").is_some() && map.get("version").is_some() {
            " (it looks like the later `id`/`version` mixin format)"
        } else {
            ""
        };
        let first = map.entries.first().map(|(k, _)| Anchor::key(&[Seg::key(k)])).unwrap_or(Anchor::value(&[]));
        cx.error(
            "E0210",
            first,
            format!(
                "not a mixin contract{hint}: `mixin_name`, `mixin_version` and `applicable_node_types` are missing; found {shown}"
            ),
        )
        .label("a mixin contract starts with `mixin_name`")
        .help("mixin-codegen reads contracts with mixin_name, mixin_version, description, applicable_node_types and actions");
    }
}
