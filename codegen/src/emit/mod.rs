//! Stage 4: the checked model into Rust syntax trees. Contract text reaches the output only as
//! syn/`quote` literals and identifiers made by `names`, so no contract can inject code.

mod ast;
mod bounds;
mod data;
mod dispatch;
mod docs;
mod enums;
mod items;
mod node;
mod root;
mod traits;

pub use node::{node_file, node_file_name, NODES_MODULE};
pub use root::{root_file, root_file_with_nodes, MixinSummary, NodeSummary, RootChunk};

use crate::each;
use crate::model::Mixin;

/// How generated Rust should look: the user's choices from the builder or the CLI.
#[derive(Clone)]
pub struct EmitOptions {
    /// Trait methods return `impl Future + Send` (default) or are blocking.
    pub async_methods: bool,
    /// Derive serde's `Serialize`/`Deserialize` on generated types.
    pub serde: bool,
    /// The type of `timestamp`/`datetime` values; `None`: `String`.
    pub timestamp_type: Option<syn::Type>,
    /// The type of `object` values; `None`: the generated `Value`.
    pub object_type: Option<syn::Type>,
    /// The type of action inputs and outputs with no declared type; `None`: the generated `Value`.
    pub fallback_type: Option<syn::Type>,
    /// `(pattern, attributes)`: the attributes go on every type whose `module.Type` path starts
    /// with the pattern (`.` for all).
    pub type_attributes: Vec<(String, Vec<syn::Attribute>)>,
}

/// Paths of the standard items generated code uses, chosen per mixin. Prelude names (`String`,
/// `Option`...) read best and cost the least to format; a mixin that defines a type of the same
/// name gets full paths.
#[derive(Clone)]
pub(crate) struct Std {
    pub string: syn::Path,
    pub vec: syn::Path,
    pub option: syn::Path,
    pub default: syn::Path,
    pub result: syn::Path,
    pub send: syn::Path,
    /// `Future`, imported at the top of each module file that names it (see `uses`).
    pub future: syn::Path,
}

impl std::fmt::Debug for Std {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Std")
    }
}

impl Std {
    fn for_mixin(mixin: &Mixin) -> Std {
        let defined = |name: &str| mixin.types.iter().any(|d| d.name().name == name) || mixin.trait_name.name == name;
        Self::build(&defined)
    }

    fn build(full: &dyn Fn(&str) -> bool) -> Std {
        let pick = |short: &str, long: &[&str]| -> syn::Path {
            if full(short) {
                ast::path(true, long)
            } else {
                ast::path(false, &[short])
            }
        };
        const STRING: [&str; 3] = ["std", "string", "String"];
        const RESULT: [&str; 3] = ["core", "result", "Result"];
        Std {
            string: pick("String", &STRING),
            vec: pick("Vec", &["std", "vec", "Vec"]),
            option: pick("Option", &["core", "option", "Option"]),
            default: pick("Default", &["core", "default", "Default"]),
            result: pick("Result", &RESULT),
            send: pick("Send", &["core", "marker", "Send"]),
            future: pick("Future", &["core", "future", "Future"]),
        }
    }
}

// syn's types implement Debug only with its `extra-traits` feature, which the library leaves out.
impl std::fmt::Debug for EmitOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let set = |t: &Option<syn::Type>| if t.is_some() { "set" } else { "default" };
        f.debug_struct("EmitOptions")
            .field("async_methods", &self.async_methods)
            .field("serde", &self.serde)
            .field("timestamp_type", &set(&self.timestamp_type))
            .field("object_type", &set(&self.object_type))
            .field("fallback_type", &set(&self.fallback_type))
            .field("type_attributes", &each::map(&self.type_attributes, &mut |(p, a)| (p, a.len())))
            .finish()
    }
}

impl Default for EmitOptions {
    fn default() -> Self {
        EmitOptions {
            async_methods: true,
            serde: true,
            timestamp_type: None,
            object_type: None,
            fallback_type: None,
            type_attributes: Vec::new(),
        }
    }
}

/// The syntax tree of one mixin's module file.
pub fn mixin_file(mixin: &Mixin, options: &EmitOptions) -> syn::File {
    let cx = data::Cx::new(mixin, options, Std::for_mixin(mixin));
    // In reading order: what a node configures, the trait it implements and how requests reach
    // it, what actions take and give, models, enums, the contract's data, and its spec tables.
    let mut items = uses(mixin, options, cx.std());
    let mut types = items::type_defs(&cx).into_iter().peekable();
    let mut part = |p: items::Part| {
        let mut out = Vec::new();
        while let Some((_, item)) = types.next_if(|(q, _)| *q == p) {
            out.push(item);
        }
        out
    };
    items.extend(part(items::Part::Config));
    items.extend(cx.accessors());
    items.push(traits::actions_trait(mixin, options, cx.std()));
    items.extend(dispatch::items(mixin, options, cx.std()));
    items.extend(part(items::Part::Actions));
    items.extend(part(items::Part::Models));
    items.extend(part(items::Part::Enums));
    items.extend(cx.statics());
    items.extend(part(items::Part::Data));
    items.extend(items::constants(mixin));
    syn::File { shebang: None, frontmatter: None, attrs: Vec::new(), items }
}

/// `use ::core::future::Future;` when trait methods return futures by that short name: not in the
/// prelude of every edition, and spelt out in full it breaks each signature over more lines.
fn uses(mixin: &Mixin, options: &EmitOptions, std: &Std) -> Vec<syn::Item> {
    if !options.async_methods || mixin.actions.is_empty() || std.future.segments.len() != 1 {
        return Vec::new();
    }
    vec![syn::Item::Use(syn::ItemUse {
        attrs: Vec::new(),
        vis: syn::Visibility::Inherited,
        use_token: Default::default(),
        leading_colon: Some(Default::default()),
        tree: ["core", "future"].iter().rev().fold(
            syn::UseTree::Name(syn::UseName {
                ident: proc_macro2::Ident::new("Future", proc_macro2::Span::call_site()),
            }),
            |tree, segment| {
                syn::UseTree::Path(syn::UsePath {
                    ident: proc_macro2::Ident::new(segment, proc_macro2::Span::call_site()),
                    colon2_token: Default::default(),
                    tree: Box::new(tree),
                })
            },
        ),
        semi_token: Default::default(),
    })]
}

pub(crate) fn ident(id: &crate::names::Ident) -> proc_macro2::Ident {
    if id.raw {
        proc_macro2::Ident::new_raw(&id.name, proc_macro2::Span::call_site())
    } else {
        proc_macro2::Ident::new(&id.name, proc_macro2::Span::call_site())
    }
}
