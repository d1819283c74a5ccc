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

/// `Path` as a bound, or `?Path` with `maybe`.
pub fn trait_bound(path: Path, maybe: bool) -> syn::TypeParamBound {
    syn::TypeParamBound::Trait(syn::TraitBound {
        paren_token: None,
        lifetimes: None,
        modifiers: Default::default(),
        maybe: maybe.then(Default::default),
        path,
    })
}

pub fn ty(path: Path) -> Type {
    Type::Path(syn::TypePath { attrs: Vec::new(), qself: None, path })
}

fn attr(meta: syn::Meta) -> Attribute {
    Attribute { pound_token: Default::default(), style: syn::AttrStyle::Outer, bracket_token: Default::default(), meta }
}

/// `#[doc = r"..."]`, which the printer writes as a `///` line.
pub fn doc_attr(line: &str) -> Attribute {
    attr(syn::Meta::NameValue(syn::MetaNameValue {
        path: path(false, &["doc"]),
        eq_token: Default::default(),
        value: lit(doc_lit(line)),
    }))
}

/// A raw string literal where one can hold the text. The printer reads every doc text back out of
/// its literal: a raw literal gives it back as it is, where an escaped one is unescaped character
/// by character, which cost more than a tenth of an unoptimised build script's run.
fn doc_lit(text: &str) -> syn::Lit {
    // One `#` more than the longest run after a quote inside, so nothing inside can close it.
    let mut hashes = 0;
    let mut run: Option<usize> = None;
    let quoted = if text.contains('"') { text } else { "" };
    for b in quoted.bytes() {
        run = match (b, run) {
            (b'"', _) => Some(0),
            (b'#', Some(n)) => Some(n + 1),
            _ => None,
        };
        if let Some(n) = run {
            hashes = hashes.max(n + 1);
        }
    }
    let mut repr = String::with_capacity(text.len() + 3 + 2 * hashes);
    repr.push('r');
    repr.extend(std::iter::repeat_n('#', hashes));
    repr.push('"');
    repr.push_str(text);
    repr.push('"');
    repr.extend(std::iter::repeat_n('#', hashes));
    // The lexer refuses what a raw literal cannot hold (a lone carriage return): escaped then.
    match repr.parse::<Literal>().map(syn::Lit::new) {
        Ok(lit @ syn::Lit::Str(_)) => lit,
        _ => syn::Lit::Str(syn::LitStr::new(text, sp())),
    }
}

/// `#[name]`, e.g. `#[default]` or `#[non_exhaustive]`.
pub fn word_attr(name: &str) -> Attribute {
    attr(syn::Meta::Path(path(false, &[name])))
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
    // Printable ASCII but `"` and `\\`: indexing, as an iterator costs a call per byte unoptimised.
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() && matches!(bytes[i], b' ' | b'!' | b'#'..=b'[' | b']'..=b'~') {
        i += 1;
    }
    let plain = i == bytes.len();
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

/// `&'static T`
pub fn static_ref(elem: Type) -> Type {
    Type::Reference(syn::TypeReference {
        attrs: Vec::new(),
        and_token: Default::default(),
        lifetime: Some(syn::Lifetime::new("'static", sp())),
        mutability: None,
        elem: Box::new(elem),
    })
}

/// `(A, B)`
pub fn tuple_type(elems: Vec<Type>) -> Type {
    let mut elems: Punctuated<Type, token::Comma> = elems.into_iter().collect();
    if elems.len() == 1 {
        elems.push_punct(Default::default());
    }
    Type::Tuple(syn::TypeTuple { attrs: Vec::new(), paren_token: Default::default(), elems })
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

/// `/// docs` `pub static NAME: ty = expr;`
pub fn item_static(docs: Vec<Attribute>, name: proc_macro2::Ident, ty: Type, expr: Expr) -> syn::Item {
    syn::Item::Static(syn::ItemStatic {
        attrs: docs,
        vis: syn::Visibility::Public(Default::default()),
        static_token: Default::default(),
        mutability: syn::StaticMutability::None,
        ident: name,
        colon_token: Default::default(),
        ty: Box::new(ty),
        eq_token: Default::default(),
        expr: Box::new(expr),
        semi_token: Default::default(),
    })
}

/// A signature with no generics: `fn name(inputs) -> output`.
pub fn signature(name: proc_macro2::Ident, inputs: Vec<syn::FnArg>, output: Type) -> syn::Signature {
    syn::Signature {
        constness: None,
        asyncness: None,
        safety: syn::Safety::Default,
        abi: None,
        fn_token: Default::default(),
        ident: name,
        generics: Default::default(),
        paren_token: Default::default(),
        inputs: inputs.into_iter().collect(),
        variadic: None,
        output: syn::ReturnType::Type(Default::default(), Box::new(output)),
    }
}

pub fn block(stmts: Vec<syn::Stmt>) -> syn::Block {
    syn::Block { brace_token: Default::default(), stmts }
}

/// `/// docs` `pub fn name() -> ty { body }`
pub fn accessor(docs: Vec<Attribute>, name: proc_macro2::Ident, ty: Type, body: Expr) -> syn::Item {
    syn::Item::Fn(syn::ItemFn {
        attrs: docs,
        vis: syn::Visibility::Public(Default::default()),
        modifiers: Default::default(),
        sig: signature(name, Vec::new(), ty),
        block: Box::new(block(vec![syn::Stmt::Expr(body, None)])),
    })
}

/// `impl Trait for ty { items }`, or `impl ty { items }` without a trait.
pub fn impl_block(trait_: Option<Path>, self_ty: Type, items: Vec<syn::ImplItem>) -> syn::Item {
    syn::Item::Impl(syn::ItemImpl {
        attrs: Vec::new(),
        modifiers: Default::default(),
        unsafety: None,
        impl_token: Default::default(),
        generics: Default::default(),
        trait_: trait_.map(|t| (t, Default::default())),
        self_ty: Box::new(self_ty),
        brace_token: Default::default(),
        items,
    })
}

pub fn ident(name: &str) -> proc_macro2::Ident {
    proc_macro2::Ident::new(name, sp())
}

/// `self`, by value or as `&self`.
pub fn receiver(by_reference: bool) -> syn::FnArg {
    syn::FnArg::Receiver(syn::Receiver {
        attrs: Vec::new(),
        mutability: None,
        self_token: Default::default(),
        kind: if by_reference {
            syn::ReceiverKind::Reference(Default::default(), None, None)
        } else {
            syn::ReceiverKind::Value
        },
    })
}

/// `name: ty`, a function's argument.
pub fn argument(name: &str, ty: Type) -> syn::FnArg {
    syn::FnArg::Typed(syn::PatType {
        attrs: Vec::new(),
        pat: Box::new(syn::Pat::Ident(syn::PatIdent {
            attrs: Vec::new(),
            by_ref: None,
            mutability: None,
            ident: ident(name),
            subpat: None,
        })),
        colon_token: Default::default(),
        ty: Box::new(ty),
    })
}

/// `impl Default for ty { fn default() -> Self { body } }`: the struct's doc says what it gives.
pub fn default_impl(default_trait: Path, ty: Type, body: Expr) -> syn::Item {
    let default = syn::ImplItemFn {
        attrs: Vec::new(),
        vis: syn::Visibility::Inherited,
        modifiers: Default::default(),
        sig: signature(proc_macro2::Ident::new("default", sp()), Vec::new(), self_type()),
        block: block(vec![syn::Stmt::Expr(body, None)]),
    };
    impl_block(Some(default_trait), ty, vec![syn::ImplItem::Fn(default)])
}

pub fn self_type() -> Type {
    ty(path(false, &["Self"]))
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

/// `receiver.method(args)`
pub fn method_call(receiver: Expr, method: proc_macro2::Ident, args: Vec<Expr>) -> Expr {
    Expr::MethodCall(syn::ExprMethodCall {
        attrs: Vec::new(),
        receiver: Box::new(receiver),
        dot_token: Default::default(),
        method,
        turbofish: None,
        paren_token: Default::default(),
        args: args.into_iter().collect(),
    })
}

/// `pat => body,`
pub fn arm(pat: syn::Pat, body: Expr) -> syn::Arm {
    syn::Arm {
        attrs: Vec::new(),
        pat,
        fat_arrow_token: Default::default(),
        body: Box::new(body),
        comma: Some(Default::default()),
    }
}

/// `match scrutinee { arms }`
pub fn match_expr(scrutinee: Expr, arms: Vec<syn::Arm>) -> Expr {
    Expr::Match(syn::ExprMatch {
        attrs: Vec::new(),
        match_token: Default::default(),
        expr: Box::new(scrutinee),
        brace_token: Default::default(),
        arms,
    })
}

/// `path! { tokens }`: a call of one of the root file's macros, as an item.
pub fn brace_macro(path: Path, tokens: proc_macro2::TokenStream) -> syn::Item {
    syn::Item::Macro(syn::ItemMacro {
        attrs: Vec::new(),
        ident: None,
        mac: syn::Macro {
            path,
            bang_token: Default::default(),
            delimiter: syn::MacroDelimiter::Brace(Default::default()),
            tokens,
        },
        semi_token: None,
    })
}

#[cfg(test)]
mod tests {
    use quote::ToTokens;

    #[test]
    fn doc_literals_hold_the_text_as_it_is() {
        for text in [
            "",
            " plain",
            " \"quoted\"",
            " \"# and \"## inside",
            " ends with \"",
            " back\\slash",
            " é",
            " cr\rhere",
            "\"#",
        ] {
            let syn::Lit::Str(lit) = super::doc_lit(text) else { panic!("not a string literal: {text:?}") };
            assert_eq!(lit.value(), text);
        }
        let raw = super::doc_lit(" a \"# b").to_token_stream().to_string();
        assert_eq!(raw, "r##\" a \"# b\"##");
    }

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
