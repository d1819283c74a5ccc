//! syn nodes built directly. Most generated code is data (struct fields, constant tables, default
//! values); building those nodes skips printing tokens only to parse them back, the costliest
//! stage of a tokens-then-parse pipeline. Contract text still enters only as literals and idents.

use proc_macro2::{Literal, Span, TokenStream};
use syn::punctuated::Punctuated;
use syn::{token, Attribute, Expr, Member, Path, PathArguments, PathSegment, Type};

fn sp() -> Span {
    Span::call_site()
}

/// `a::b::C` (or `::a::b::C` with `leading`), from plain segment names.
pub fn path(leading: bool, segments: &[&str]) -> Path {
    Path {
        leading_colon: leading.then(token::PathSep::default),
        segments: segments.iter().map(|s| PathSegment::from(proc_macro2::Ident::new(s, sp()))).collect(),
    }
}

pub fn ident_path(ident: proc_macro2::Ident) -> Path {
    Path::from(ident)
}

/// `P<A, B>`: the arguments go on the last segment.
pub fn generic(mut p: Path, args: Vec<Type>) -> Path {
    if let Some(last) = p.segments.last_mut() {
        last.arguments = PathArguments::AngleBracketed(syn::AngleBracketedGenericArguments {
            colon2_token: None,
            lt_token: Default::default(),
            args: args.into_iter().map(syn::GenericArgument::Type).collect(),
            gt_token: Default::default(),
        });
    }
    p
}

pub fn ty(path: Path) -> Type {
    Type::Path(syn::TypePath { attrs: Vec::new(), qself: None, path })
}

fn attr(meta: syn::Meta) -> Attribute {
    Attribute { pound_token: Default::default(), style: syn::AttrStyle::Outer, bracket_token: Default::default(), meta }
}

/// `#[doc = "..."]`
pub fn doc_attr(line: &str) -> Attribute {
    attr(syn::Meta::NameValue(syn::MetaNameValue {
        path: path(false, &["doc"]),
        eq_token: Default::default(),
        value: lit(syn::Lit::Str(syn::LitStr::new(line, sp()))),
    }))
}

/// `#[name(tokens)]`, e.g. `#[derive(Debug, Clone)]` or `#[serde(rename = "x")]`.
pub fn list_attr(name: &str, tokens: TokenStream) -> Attribute {
    attr(syn::Meta::List(syn::MetaList {
        path: path(false, &[name]),
        delimiter: syn::MacroDelimiter::Paren(Default::default()),
        tokens,
    }))
}

pub fn field(attrs: Vec<Attribute>, ident: proc_macro2::Ident, ty: Type) -> syn::Field {
    syn::Field {
        attrs,
        vis: syn::Visibility::Public(Default::default()),
        modifiers: Default::default(),
        ident: Some(ident),
        colon_token: Some(Default::default()),
        ty,
        default: None,
    }
}

pub fn item_struct(attrs: Vec<Attribute>, ident: proc_macro2::Ident, fields: Vec<syn::Field>) -> syn::Item {
    syn::Item::Struct(syn::ItemStruct {
        attrs,
        vis: syn::Visibility::Public(Default::default()),
        struct_token: Default::default(),
        ident,
        generics: Default::default(),
        fields: syn::Fields::Named(syn::FieldsNamed {
            brace_token: Default::default(),
            named: fields.into_iter().collect(),
        }),
        semi_token: None,
    })
}

fn lit(lit: syn::Lit) -> Expr {
    Expr::Lit(syn::ExprLit { attrs: Vec::new(), lit })
}

/// A string literal. Text with nothing to escape (printable ASCII without `"` or `\\`), which is
/// most of what contracts hold, is lexed as a literal: several times cheaper than escaping it
/// character by character, and the same token. proc-macro2's lexer accepts only a single
/// string literal, so the text still reaches the output as nothing but a literal.
pub fn str_lit(s: &str) -> Expr {
    let plain = s.bytes().all(|b| matches!(b, b' ' | b'!' | b'#'..=b'[' | b']'..=b'~'));
    if plain {
        let mut repr = String::with_capacity(s.len() + 2);
        repr.push('"');
        repr.push_str(s);
        repr.push('"');
        if let Ok(token) = repr.parse::<Literal>() {
            return lit(syn::Lit::Verbatim(token));
        }
    }
    lit(syn::Lit::Str(syn::LitStr::new(s, sp())))
}

pub fn bool_lit(b: bool) -> Expr {
    lit(syn::Lit::Bool(syn::LitBool::new(b, sp())))
}

pub fn uint_lit(v: u64) -> Expr {
    lit(syn::Lit::Int(syn::LitInt::new(&Literal::u64_unsuffixed(v).to_string(), sp())))
}

pub fn int_lit(v: i64) -> Expr {
    if v < 0 {
        neg(uint_lit(v.unsigned_abs()))
    } else {
        uint_lit(v as u64)
    }
}

pub fn float_lit(f: f64) -> Expr {
    if f.is_nan() {
        path_expr(path(false, &["f64", "NAN"]))
    } else if f.is_infinite() {
        let p = path_expr(path(false, &["f64", "INFINITY"]));
        if f > 0.0 {
            p
        } else {
            path_expr(path(false, &["f64", "NEG_INFINITY"]))
        }
    } else if f < 0.0 || (f == 0.0 && f.is_sign_negative()) {
        neg(float_lit(-f))
    } else {
        lit(syn::Lit::Float(syn::LitFloat::new(&Literal::f64_unsuffixed(f).to_string(), sp())))
    }
}

fn neg(expr: Expr) -> Expr {
    Expr::Unary(syn::ExprUnary { attrs: Vec::new(), op: syn::UnOp::Neg(Default::default()), expr: Box::new(expr) })
}

pub fn path_expr(path: Path) -> Expr {
    Expr::Path(syn::ExprPath { attrs: Vec::new(), qself: None, path })
}

/// `func(args...)`
pub fn call(func: Path, args: Vec<Expr>) -> Expr {
    Expr::Call(syn::ExprCall {
        attrs: Vec::new(),
        func: Box::new(path_expr(func)),
        paren_token: Default::default(),
        args: args.into_iter().collect(),
    })
}

/// `base::name` for a path `base` (`String::from`, `Vec::new`).
pub fn assoc(mut base: Path, name: &str) -> Path {
    base.segments.push(PathSegment::from(proc_macro2::Ident::new(name, sp())));
    base
}

/// `P { a: x, b: y }`
pub fn struct_expr(path: Path, fields: Vec<(proc_macro2::Ident, Expr)>) -> Expr {
    let fields: Punctuated<syn::FieldValue, token::Comma> = fields
        .into_iter()
        .map(|(name, expr)| syn::FieldValue {
            attrs: Vec::new(),
            member: Member::Named(name),
            colon_token: Some(Default::default()),
            expr,
        })
        .collect();
    Expr::Struct(syn::ExprStruct {
        attrs: Vec::new(),
        qself: None,
        path,
        brace_token: Default::default(),
        fields,
        dot2_token: None,
        rest: None,
    })
}

pub fn array(elems: Vec<Expr>) -> Expr {
    Expr::Array(syn::ExprArray {
        attrs: Vec::new(),
        bracket_token: Default::default(),
        elems: elems.into_iter().collect(),
    })
}

/// `&[a, b]`
pub fn ref_array(elems: Vec<Expr>) -> Expr {
    ref_expr(array(elems))
}

/// `&expr`
pub fn ref_expr(expr: Expr) -> Expr {
    Expr::Reference(syn::ExprReference {
        attrs: Vec::new(),
        and_token: Default::default(),
        mutability: None,
        expr: Box::new(expr),
    })
}

pub fn tuple(elems: Vec<Expr>) -> Expr {
    let mut elems: Punctuated<Expr, token::Comma> = elems.into_iter().collect();
    if elems.len() == 1 {
        elems.push_punct(Default::default());
    }
    Expr::Tuple(syn::ExprTuple { attrs: Vec::new(), paren_token: Default::default(), elems })
}

/// `&T`
pub fn reference(elem: Type) -> Type {
    Type::Reference(syn::TypeReference {
        attrs: Vec::new(),
        and_token: Default::default(),
        lifetime: None,
        mutability: None,
        elem: Box::new(elem),
    })
}

/// `[T]`
pub fn slice(elem: Type) -> Type {
    Type::Slice(syn::TypeSlice { attrs: Vec::new(), bracket_token: Default::default(), elem: Box::new(elem) })
}

/// `/// doc` `pub const NAME: ty = expr;`
pub fn item_const(doc: &str, name: &str, ty: Type, expr: Expr) -> syn::Item {
    syn::Item::Const(syn::ItemConst {
        attrs: vec![doc_attr(doc)],
        vis: syn::Visibility::Public(Default::default()),
        modifiers: Default::default(),
        const_token: Default::default(),
        ident: proc_macro2::Ident::new(name, sp()),
        generics: Default::default(),
        colon_token: Default::default(),
        ty: Box::new(ty),
        eq_token: Default::default(),
        expr: Box::new(expr),
        semi_token: Default::default(),
    })
}

/// Parsing a template costs far more than cloning it, and templates depend only on a few options:
/// each thread keeps what it parsed, by key, for the rest of the run.
pub fn cached<T: Clone + 'static>(key: String, make: impl FnOnce() -> T) -> T {
    thread_local! {
        static CACHE: std::cell::RefCell<Vec<(String, Box<dyn std::any::Any>)>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let hit = CACHE
        .with_borrow(|cache| cache.iter().find(|(k, _)| *k == key).and_then(|(_, v)| v.downcast_ref::<T>()).cloned());
    hit.unwrap_or_else(|| {
        let value = make();
        CACHE.with_borrow_mut(|cache| cache.push((key, Box::new(value.clone()))));
        value
    })
}

/// Items that differ only in names, types and values: parsed once, then cloned and filled.
#[derive(Clone)]
pub struct Templates {
    accessor: syn::ItemFn,
    default_impl: syn::ItemImpl,
}

impl Templates {
    /// The templates; an error means the generator's own template does not parse (a bug).
    pub fn new(default_trait: &TokenStream) -> Result<Self, String> {
        cached(format!("templates {default_trait}"), || Self::parse(default_trait))
    }

    fn parse(default_trait: &TokenStream) -> Result<Self, String> {
        let accessor = match syn::parse2(quote::quote!(
            pub fn __name() -> __Type {
                ()
            }
        )) {
            Ok(syn::Item::Fn(f)) => f,
            _ => return Err("the accessor template does not parse".into()),
        };
        let default_impl = match syn::parse2(quote::quote! {
            impl #default_trait for __Type {
                /// The contract's values.
                fn default() -> Self { () }
            }
        }) {
            Ok(syn::Item::Impl(i)) => i,
            _ => return Err("the Default impl template does not parse".into()),
        };
        Ok(Templates { accessor, default_impl })
    }

    /// `/// docs` `pub fn name() -> ty { body }`
    pub fn accessor(&self, docs: Vec<Attribute>, name: proc_macro2::Ident, ty: Type, body: Expr) -> syn::Item {
        let mut f = self.accessor.clone();
        f.attrs = docs;
        f.sig.ident = name;
        f.sig.output = syn::ReturnType::Type(Default::default(), Box::new(ty));
        f.block.stmts = vec![syn::Stmt::Expr(body, None)];
        syn::Item::Fn(f)
    }

    /// `impl Default for ty { fn default() -> Self { body } }`
    pub fn default_impl(&self, ty: Type, body: Expr) -> syn::Item {
        let mut i = self.default_impl.clone();
        *i.self_ty = ty;
        if let Some(syn::ImplItem::Fn(f)) = i.items.first_mut() {
            f.block.stmts = vec![syn::Stmt::Expr(body, None)];
        }
        syn::Item::Impl(i)
    }
}

/// `<T as Trait>::name()`: a call through a qualified path.
pub fn qualified_call(self_ty: Type, trait_path: Path, name: &str) -> Expr {
    let position = trait_path.segments.len();
    let qself = syn::QSelf {
        lt_token: Default::default(),
        ty: Box::new(self_ty),
        position,
        as_token: Some(Default::default()),
        gt_token: Default::default(),
    };
    let func = Expr::Path(syn::ExprPath { attrs: Vec::new(), qself: Some(qself), path: assoc(trait_path, name) });
    Expr::Call(syn::ExprCall {
        attrs: Vec::new(),
        func: Box::new(func),
        paren_token: Default::default(),
        args: Punctuated::new(),
    })
}

/// `a::b::C` as tokens, for code still written with `quote!`.
pub fn path_tokens(leading: bool, segments: &[&str]) -> TokenStream {
    let idents = segments.iter().map(|s| proc_macro2::Ident::new(s, sp()));
    if leading {
        quote::quote!(#(::#idents)*)
    } else {
        quote::quote!(#(#idents)::*)
    }
}

#[cfg(test)]
mod tests {
    use quote::ToTokens;

    #[test]
    fn string_literals_are_the_tokens_escaping_gives() {
        for text in
            ["", "plain words", "it's", "tab\there", "quote \" and \\ slash", "é", "}; fn evil() {", "a\nb", "\0"]
        {
            let ours = super::str_lit(text).to_token_stream().to_string();
            let escaped = syn::LitStr::new(text, proc_macro2::Span::call_site()).to_token_stream().to_string();
            assert_eq!(ours, escaped, "{text:?}");
        }
    }
}
