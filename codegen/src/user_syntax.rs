//! The Rust a user writes in builder and CLI options: a type (`timestamp_type`...) and outer
//! attributes (`type_attribute`), read into syn trees by a small parser of their own.
//!
//! syn's parser (its `parsing` feature) is what the generator would otherwise need them for, and
//! it doubles the time syn takes to compile in every consumer's clean build. These options use a
//! small part of the grammar; anything outside it is refused with a message saying what is
//! accepted, never guessed at.

use crate::names::KEYWORDS;
use proc_macro2::{Delimiter, Ident, Spacing, TokenStream, TokenTree};
use syn::punctuated::Punctuated;
use syn::{GenericArgument, Path, PathArguments, PathSegment, Type, TypeParamBound};

const ACCEPTED: &str = "paths with generic arguments (`a::B<C, 'a, N = D>`), references, raw pointers, tuples, slices, arrays and `dyn` trait objects (`dyn Fn(A) -> B + Send`)";

/// A type, e.g. `chrono::DateTime<chrono::Utc>` or `Box<dyn std::error::Error + Send>`.
pub fn parse_type(text: &str) -> Result<Type, String> {
    let mut c = Cursor::lex(text)?;
    let ty = c.ty(true)?;
    c.end()?;
    Ok(ty)
}

/// One or more outer attributes, e.g. `#[derive(Eq)] #[serde(rename_all = "camelCase")]`.
pub fn parse_outer_attributes(text: &str) -> Result<Vec<syn::Attribute>, String> {
    let mut c = Cursor::lex(text)?;
    let mut attrs = Vec::new();
    while !c.at_end() {
        if !c.eat_punct('#') {
            return Err(format!("expected `#[...]`, found {}", c.describe()));
        }
        if c.is_punct('!') {
            return Err("`#![...]` is an inner attribute; only outer attributes (`#[...]`) can go on a type".into());
        }
        let Some(TokenTree::Group(group)) = c.next() else {
            return Err("expected `[...]` after `#`".into());
        };
        if group.delimiter() != Delimiter::Bracket {
            return Err("expected `[...]` after `#`".into());
        }
        let mut inner = Cursor::new(group.stream());
        let meta = inner.meta()?;
        attrs.push(syn::Attribute {
            pound_token: Default::default(),
            style: syn::AttrStyle::Outer,
            bracket_token: Default::default(),
            meta,
        });
    }
    if attrs.is_empty() {
        return Err("no attribute: expected `#[...]`".into());
    }
    Ok(attrs)
}

/// A module path, e.g. `::first_crate::mixins` or `crate::shared`: names joined by `::`, without
/// generic arguments; `crate`, `self` and `super` only where Rust allows them (at the start).
pub fn parse_module_path(text: &str) -> Result<Path, String> {
    let mut c = Cursor::lex(text)?;
    if c.at_end() {
        return Err("expected a module path such as `::first_crate::mixins`, found nothing".into());
    }
    let path = c.path(PathKind::Value)?;
    if !c.at_end() {
        return Err(format!("unexpected {} after the path: a module path has no generic arguments", c.describe()));
    }
    let mut relative = path.leading_colon.is_none();
    for (i, segment) in path.segments.iter().enumerate() {
        let name = segment.ident.to_string();
        let allowed = match name.as_str() {
            "Self" => false,
            "crate" | "self" => relative && i == 0,
            // `super::super::x`, `self::super::x`: only after the start's `self` and `super`s.
            "super" => relative,
            _ => {
                relative = false;
                true
            }
        };
        if !allowed {
            return Err(format!(
                "`{name}` cannot be the segment {} of a module path (`crate`, `self` and `super` only start one)",
                i + 1
            ));
        }
        if name == "crate" {
            relative = false;
        }
    }
    Ok(path)
}

struct Cursor {
    tokens: Vec<TokenTree>,
    pos: usize,
    /// How many types enclose the one being read: bounded, so no input can exhaust the stack.
    depth: usize,
}

const MAX_DEPTH: usize = 64;

impl Cursor {
    fn lex(text: &str) -> Result<Self, String> {
        let stream: TokenStream = text.parse().map_err(|e| format!("{e}"))?;
        Ok(Self::new(stream))
    }

    fn new(stream: TokenStream) -> Self {
        Cursor { tokens: stream.into_iter().collect(), pos: 0, depth: 0 }
    }

    /// A cursor over a group inside the current position, as deep as this one.
    fn inner(&self, stream: TokenStream) -> Self {
        Cursor { depth: self.depth, ..Cursor::new(stream) }
    }

    fn peek(&self) -> Option<&TokenTree> {
        self.tokens.get(self.pos)
    }

    fn peek_at(&self, n: usize) -> Option<&TokenTree> {
        self.tokens.get(self.pos + n)
    }

    fn next(&mut self) -> Option<TokenTree> {
        let t = self.tokens.get(self.pos).cloned();
        self.pos += usize::from(t.is_some());
        t
    }

    fn at_end(&self) -> bool {
        self.pos >= self.tokens.len()
    }

    fn end(&self) -> Result<(), String> {
        match self.peek() {
            None => Ok(()),
            Some(TokenTree::Punct(p)) if p.as_char() == '+' => {
                Err("unexpected `+`: write `dyn A + B` inside parentheses here, e.g. `&(dyn A + B)`".into())
            }
            Some(_) => Err(format!("unexpected {} after the type", self.describe())),
        }
    }

    fn describe(&self) -> String {
        match self.peek() {
            None => "the end".into(),
            Some(t) => format!("`{t}`"),
        }
    }

    fn is_punct(&self, ch: char) -> bool {
        matches!(self.peek(), Some(TokenTree::Punct(p)) if p.as_char() == ch)
    }

    /// A two-character operator such as `::` or `->`: two puncts, the first joined to the second.
    fn is_punct2(&self, a: char, b: char) -> bool {
        matches!(
            (self.peek(), self.peek_at(1)),
            (Some(TokenTree::Punct(p)), Some(TokenTree::Punct(q)))
                if p.as_char() == a && p.spacing() == Spacing::Joint && q.as_char() == b
        )
    }

    fn eat_punct(&mut self, ch: char) -> bool {
        let yes = self.is_punct(ch);
        self.pos += usize::from(yes);
        yes
    }

    fn eat_punct2(&mut self, a: char, b: char) -> bool {
        let yes = self.is_punct2(a, b);
        self.pos += 2 * usize::from(yes);
        yes
    }

    fn is_ident(&self, name: &str) -> bool {
        matches!(self.peek(), Some(TokenTree::Ident(i)) if i == name)
    }

    fn eat_ident(&mut self, name: &str) -> bool {
        let yes = self.is_ident(name);
        self.pos += usize::from(yes);
        yes
    }

    fn is_lifetime(&self) -> bool {
        matches!(self.peek(), Some(TokenTree::Punct(p)) if p.as_char() == '\'' && p.spacing() == Spacing::Joint)
            && matches!(self.peek_at(1), Some(TokenTree::Ident(_)))
    }

    fn lifetime(&mut self) -> Result<syn::Lifetime, String> {
        match (self.next(), self.next()) {
            (Some(TokenTree::Punct(_)), Some(TokenTree::Ident(name))) => {
                Ok(syn::Lifetime::new(&format!("'{name}"), name.span()))
            }
            _ => Err("expected a lifetime".into()),
        }
    }

    /// A type. `plus`: whether `dyn A + B` may take the `+` (not right after `&` or `*`, where
    /// Rust asks for parentheses).
    fn ty(&mut self, plus: bool) -> Result<Type, String> {
        if self.depth >= MAX_DEPTH {
            return Err(format!("the type nests more than {MAX_DEPTH} levels deep"));
        }
        self.depth += 1;
        let ty = self.ty_here(plus);
        self.depth -= 1;
        ty
    }

    fn ty_here(&mut self, plus: bool) -> Result<Type, String> {
        let Some(token) = self.peek().cloned() else {
            return Err("expected a type, found the end".into());
        };
        match token {
            TokenTree::Punct(p) if p.as_char() == '&' => {
                self.next();
                let lifetime = if self.is_lifetime() { Some(self.lifetime()?) } else { None };
                let mutability = self.eat_ident("mut").then(Default::default);
                Ok(Type::Reference(syn::TypeReference {
                    attrs: Vec::new(),
                    and_token: Default::default(),
                    lifetime,
                    mutability,
                    elem: Box::new(self.ty(false)?),
                }))
            }
            TokenTree::Punct(p) if p.as_char() == '*' => {
                self.next();
                let mutability = if self.eat_ident("const") {
                    syn::PointerMutability::Const(Default::default())
                } else if self.eat_ident("mut") {
                    syn::PointerMutability::Mut(Default::default())
                } else {
                    return Err("expected `const` or `mut` after `*`".into());
                };
                Ok(Type::Ptr(syn::TypePtr {
                    attrs: Vec::new(),
                    star_token: Default::default(),
                    mutability,
                    elem: Box::new(self.ty(false)?),
                }))
            }
            TokenTree::Group(g) if g.delimiter() == Delimiter::Parenthesis => {
                self.next();
                let mut inner = self.inner(g.stream());
                let mut elems = Punctuated::new();
                while !inner.at_end() {
                    elems.push_value(inner.ty(true)?);
                    if inner.at_end() {
                        break;
                    }
                    if !inner.eat_punct(',') {
                        return Err(format!("expected `,` or `)` in a tuple type, found {}", inner.describe()));
                    }
                    elems.push_punct(Default::default());
                }
                if elems.len() == 1 && !elems.trailing_punct() {
                    let elem = elems.into_iter().next().map(Box::new).ok_or("an empty parenthesis")?;
                    return Ok(Type::Paren(syn::TypeParen {
                        attrs: Vec::new(),
                        paren_token: Default::default(),
                        elem,
                    }));
                }
                Ok(Type::Tuple(syn::TypeTuple { attrs: Vec::new(), paren_token: Default::default(), elems }))
            }
            TokenTree::Group(g) if g.delimiter() == Delimiter::Bracket => {
                self.next();
                let mut inner = self.inner(g.stream());
                let elem = Box::new(inner.ty(true)?);
                if inner.at_end() {
                    return Ok(Type::Slice(syn::TypeSlice {
                        attrs: Vec::new(),
                        bracket_token: Default::default(),
                        elem,
                    }));
                }
                if !inner.eat_punct(';') {
                    return Err(format!("expected `;` or `]` in an array or slice type, found {}", inner.describe()));
                }
                let len = inner.array_length()?;
                inner.end()?;
                Ok(Type::Array(syn::TypeArray {
                    attrs: Vec::new(),
                    bracket_token: Default::default(),
                    elem,
                    semi_token: Default::default(),
                    len,
                }))
            }
            TokenTree::Ident(i) if i == "dyn" => {
                self.next();
                let mut bounds = Punctuated::new();
                loop {
                    bounds.push_value(self.bound()?);
                    if !plus || !self.is_punct('+') {
                        break;
                    }
                    self.next();
                    bounds.push_punct(Default::default());
                }
                if !bounds.iter().any(|b| matches!(b, TypeParamBound::Trait(_))) {
                    return Err("`dyn` needs a trait, not only lifetimes: e.g. `dyn std::any::Any + 'static`".into());
                }
                Ok(Type::TraitObject(syn::TypeTraitObject {
                    attrs: Vec::new(),
                    dyn_token: Some(Default::default()),
                    bounds,
                }))
            }
            TokenTree::Ident(ref i) if is_reserved(i) => {
                Err(format!("`{i}` cannot start a type here; a type option accepts {ACCEPTED}"))
            }
            TokenTree::Ident(_) => {
                Ok(syn::Type::Path(syn::TypePath { attrs: Vec::new(), qself: None, path: self.path(PathKind::Type)? }))
            }
            TokenTree::Punct(p) if p.as_char() == ':' && self.is_punct2(':', ':') => {
                Ok(syn::Type::Path(syn::TypePath { attrs: Vec::new(), qself: None, path: self.path(PathKind::Type)? }))
            }
            other => Err(format!("`{other}` cannot start a type here; a type option accepts {ACCEPTED}")),
        }
    }

    /// `a::b::C<..>`: segments take `<..>` in a type, `(..) -> ..` too in a bound; keywords are
    /// refused but `self`, `Self`, `super` and `crate`.
    fn path(&mut self, kind: PathKind) -> Result<Path, String> {
        let generics = matches!(kind, PathKind::Type | PathKind::Bound);
        let leading_colon = self.eat_punct2(':', ':').then(Default::default);
        let mut segments = Punctuated::new();
        loop {
            let ident = match self.next() {
                Some(TokenTree::Ident(i)) => i,
                Some(other) => return Err(format!("expected a name in a path, found `{other}`")),
                None => return Err("expected a name in a path, found the end".into()),
            };
            if is_reserved(&ident) {
                return Err(format!("`{ident}` is a keyword, not a name (write `r#{ident}` for a name spelt like it)"));
            }
            // `self`, `super` and `crate` name modules, which take no arguments (`Self` may).
            let module = ["self", "super", "crate"].iter().any(|m| ident == m);
            let mut segment = PathSegment::from(ident);
            if generics && !module {
                segment.arguments = self.path_arguments(kind == PathKind::Bound)?;
            }
            // `Fn(A) -> B` ends a bound's path.
            let sugar = matches!(segment.arguments, PathArguments::Parenthesized(_));
            segments.push_value(segment);
            if sugar || !self.is_punct2(':', ':') {
                break;
            }
            // `a::<T>` is written `a<T>` in a type: the turbofish is taken by path_arguments.
            self.pos += 2;
            segments.push_punct(Default::default());
        }
        Ok(Path { leading_colon, segments })
    }

    /// `<..>`, or `(..) -> ..` where `parenthesized` (a trait bound: `dyn Fn(A) -> B`).
    fn path_arguments(&mut self, parenthesized: bool) -> Result<PathArguments, String> {
        let turbofish =
            self.is_punct2(':', ':') && matches!(self.peek_at(2), Some(TokenTree::Punct(p)) if p.as_char() == '<');
        if turbofish {
            self.pos += 2;
        }
        if self.is_punct('<') {
            self.next();
            let mut args = Punctuated::new();
            while !self.eat_punct('>') {
                args.push_value(self.generic_argument()?);
                if self.eat_punct('>') {
                    break;
                }
                if !self.eat_punct(',') {
                    return Err(format!("expected `,` or `>` in generic arguments, found {}", self.describe()));
                }
                args.push_punct(Default::default());
            }
            return Ok(PathArguments::AngleBracketed(syn::AngleBracketedGenericArguments {
                colon2_token: turbofish.then(Default::default),
                lt_token: Default::default(),
                args,
                gt_token: Default::default(),
            }));
        }
        if let (true, Some(TokenTree::Group(g))) = (parenthesized, self.peek()) {
            if g.delimiter() == Delimiter::Parenthesis {
                let mut inner = self.inner(g.stream());
                self.next();
                let mut inputs = Punctuated::new();
                while !inner.at_end() {
                    inputs.push_value(syn::NamedArg { attrs: Vec::new(), name: None, ty: inner.ty(true)? });
                    if inner.at_end() {
                        break;
                    }
                    if !inner.eat_punct(',') {
                        return Err(format!("expected `,` or `)` in `Fn(..)` arguments, found {}", inner.describe()));
                    }
                    inputs.push_punct(Default::default());
                }
                let output = if self.eat_punct2('-', '>') {
                    syn::ReturnType::Type(Default::default(), Box::new(self.ty(false)?))
                } else {
                    syn::ReturnType::Default
                };
                return Ok(PathArguments::Parenthesized(syn::ParenthesizedGenericArguments {
                    paren_token: Default::default(),
                    inputs,
                    output,
                }));
            }
        }
        Ok(PathArguments::None)
    }

    fn generic_argument(&mut self) -> Result<GenericArgument, String> {
        if self.is_lifetime() {
            return Ok(GenericArgument::Lifetime(self.lifetime()?));
        }
        if let Some(TokenTree::Literal(_)) = self.peek() {
            return Ok(GenericArgument::Const(self.array_length()?));
        }
        // `Name = Type` or `Name=Type`: an associated type (but not `Name == ..`, no argument at all).
        let assoc = matches!(self.peek(), Some(TokenTree::Ident(i)) if !is_reserved(i))
            && matches!(self.peek_at(1), Some(TokenTree::Punct(p)) if p.as_char() == '=')
            && !matches!(
                (self.peek_at(1), self.peek_at(2)),
                (Some(TokenTree::Punct(p)), Some(TokenTree::Punct(q)))
                    if p.spacing() == Spacing::Joint && q.as_char() == '='
            );
        if let (true, Some(TokenTree::Ident(ident))) = (assoc, self.peek().cloned()) {
            self.pos += 2;
            return Ok(GenericArgument::AssocType(syn::AssocType {
                ident,
                generics: None,
                eq_token: Default::default(),
                ty: self.ty(true)?,
            }));
        }
        Ok(GenericArgument::Type(self.ty(true)?))
    }

    /// An array length or const argument: an integer literal or a constant's path.
    fn array_length(&mut self) -> Result<syn::Expr, String> {
        match self.peek().cloned() {
            Some(TokenTree::Literal(lit)) => {
                self.next();
                match syn::Lit::new(lit) {
                    lit @ syn::Lit::Int(_) => Ok(syn::Expr::Lit(syn::ExprLit { attrs: Vec::new(), lit })),
                    _ => Err("expected an integer or a constant's name as a length".into()),
                }
            }
            Some(TokenTree::Ident(_)) => {
                Ok(syn::Expr::Path(syn::ExprPath { attrs: Vec::new(), qself: None, path: self.path(PathKind::Value)? }))
            }
            _ => Err(format!("expected an integer or a constant's name as a length, found {}", self.describe())),
        }
    }

    /// A trait bound in `dyn ..`: a lifetime, or a trait path, possibly `?Sized` or
    /// `for<'a> Fn(&'a str)`.
    fn bound(&mut self) -> Result<TypeParamBound, String> {
        if self.is_lifetime() {
            return Ok(TypeParamBound::Lifetime(self.lifetime()?));
        }
        let lifetimes = if self.eat_ident("for") { Some(self.bound_lifetimes()?) } else { None };
        if lifetimes.is_some() && self.is_punct('?') {
            return Err("`for<..>` cannot go with `?`: write `for<'a> Trait` or `?Sized`".into());
        }
        let maybe = self.eat_punct('?').then(Default::default);
        Ok(TypeParamBound::Trait(syn::TraitBound {
            paren_token: None,
            lifetimes,
            modifiers: Default::default(),
            maybe,
            path: self.path(PathKind::Bound)?,
        }))
    }

    /// `<'a, 'b>` after `for`.
    fn bound_lifetimes(&mut self) -> Result<syn::BoundLifetimes, String> {
        if !self.eat_punct('<') {
            return Err("expected `<` after `for`".into());
        }
        let mut lifetimes = Punctuated::new();
        while !self.eat_punct('>') {
            if !self.is_lifetime() {
                return Err(format!("expected a lifetime in `for<..>`, found {}", self.describe()));
            }
            lifetimes.push_value(syn::GenericParam::Lifetime(syn::LifetimeParam {
                attrs: Vec::new(),
                lifetime: self.lifetime()?,
                colon_token: None,
                bounds: Punctuated::new(),
            }));
            if self.eat_punct('>') {
                break;
            }
            if !self.eat_punct(',') {
                return Err(format!("expected `,` or `>` in `for<..>`, found {}", self.describe()));
            }
            lifetimes.push_punct(Default::default());
        }
        Ok(syn::BoundLifetimes {
            for_token: Default::default(),
            lt_token: Default::default(),
            lifetimes,
            gt_token: Default::default(),
        })
    }

    /// The inside of `#[...]`: `path`, `path(tokens)` (or `[..]`, `{..}`), or `path = literal`.
    fn meta(&mut self) -> Result<syn::Meta, String> {
        // A name, or `unsafe` (as in `#[unsafe(no_mangle)]`), the one keyword an attribute may be.
        let path = match self.peek() {
            Some(TokenTree::Ident(i)) if i == "unsafe" => {
                let Some(TokenTree::Ident(i)) = self.next() else { return Err("expected `unsafe`".into()) };
                Path::from(i)
            }
            _ => self.path(PathKind::Value)?,
        };
        if self.at_end() {
            return Ok(syn::Meta::Path(path));
        }
        if self.eat_punct('=') {
            let value = self.attribute_value()?;
            if !self.at_end() {
                return Err(format!("unexpected {} after the attribute's value", self.describe()));
            }
            return Ok(syn::Meta::NameValue(syn::MetaNameValue { path, eq_token: Default::default(), value }));
        }
        let Some(TokenTree::Group(group)) = self.next() else {
            return Err(format!("expected `(`, `=` or `]` after the attribute's name, found {}", self.describe()));
        };
        let delimiter = macro_delimiter(group.delimiter())?;
        if !self.at_end() {
            return Err(format!("unexpected {} after the attribute's arguments", self.describe()));
        }
        if nesting(&group.stream()) > MAX_DEPTH {
            return Err(format!("the attribute's arguments nest more than {MAX_DEPTH} levels deep"));
        }
        Ok(syn::Meta::List(syn::MetaList { path, delimiter, tokens: group.stream() }))
    }

    /// After `#[name =`: a literal (`"text"`, `3`, `-1`, `true`), a path, or a macro call such as
    /// `include_str!("doc.md")`.
    fn attribute_value(&mut self) -> Result<syn::Expr, String> {
        let lit = |lit| syn::Expr::Lit(syn::ExprLit { attrs: Vec::new(), lit });
        match self.peek().cloned() {
            Some(TokenTree::Literal(l)) => {
                self.next();
                Ok(lit(syn::Lit::new(l)))
            }
            Some(TokenTree::Punct(p)) if p.as_char() == '-' => {
                self.next();
                let Some(TokenTree::Literal(l)) = self.next() else {
                    return Err("expected a number after `-` in an attribute".into());
                };
                Ok(syn::Expr::Unary(syn::ExprUnary {
                    attrs: Vec::new(),
                    op: syn::UnOp::Neg(Default::default()),
                    expr: Box::new(lit(syn::Lit::new(l))),
                }))
            }
            Some(TokenTree::Ident(i)) if i == "true" || i == "false" => {
                self.next();
                Ok(lit(syn::Lit::Bool(syn::LitBool::new(i == "true", i.span()))))
            }
            Some(TokenTree::Ident(_)) | Some(TokenTree::Punct(_)) if self.is_ident_start_of_path() => {
                let path = self.path(PathKind::Value)?;
                if !self.eat_punct('!') {
                    return Ok(syn::Expr::Path(syn::ExprPath { attrs: Vec::new(), qself: None, path }));
                }
                let Some(TokenTree::Group(group)) = self.next() else {
                    return Err("expected `(..)`, `[..]` or `{..}` after `!`".into());
                };
                let delimiter = macro_delimiter(group.delimiter())?;
                if nesting(&group.stream()) > MAX_DEPTH {
                    return Err(format!("the macro's arguments nest more than {MAX_DEPTH} levels deep"));
                }
                Ok(syn::Expr::Macro(syn::ExprMacro {
                    attrs: Vec::new(),
                    mac: syn::Macro { path, bang_token: Default::default(), delimiter, tokens: group.stream() },
                }))
            }
            _ => Err("expected a literal, a path or a macro call after `=` in an attribute".into()),
        }
    }

    fn is_ident_start_of_path(&self) -> bool {
        matches!(self.peek(), Some(TokenTree::Ident(_))) || self.is_punct2(':', ':')
    }
}

/// How deep groups nest in `tokens`, counted without recursion (the printer's time grows with
/// the square of it).
fn nesting(tokens: &TokenStream) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(tokens.clone(), 0)];
    while let Some((tokens, depth)) = stack.pop() {
        deepest = deepest.max(depth);
        for token in tokens {
            if let TokenTree::Group(g) = token {
                if depth < MAX_DEPTH {
                    stack.push((g.stream(), depth + 1));
                } else {
                    return depth + 1;
                }
            }
        }
    }
    deepest
}

fn macro_delimiter(delimiter: Delimiter) -> Result<syn::MacroDelimiter, String> {
    Ok(match delimiter {
        Delimiter::Parenthesis => syn::MacroDelimiter::Paren(Default::default()),
        Delimiter::Bracket => syn::MacroDelimiter::Bracket(Default::default()),
        Delimiter::Brace => syn::MacroDelimiter::Brace(Default::default()),
        Delimiter::None => return Err("unexpected invisible group in an attribute".into()),
    })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum PathKind {
    /// In a type: generic arguments allowed, keywords refused.
    Type,
    /// A trait in `dyn ..`: also `Fn(A) -> B`.
    Bound,
    /// An array length, a constant, an attribute's name or value: no generic arguments.
    Value,
}

/// A keyword that cannot name anything in a path (`self`, `Self`, `super` and `crate` can; a raw
/// identifier such as `r#type` is a name).
fn is_reserved(ident: &Ident) -> bool {
    let text = ident.to_string();
    text == "_" || (KEYWORDS.contains(&text.as_str()) && !["self", "Self", "super", "crate"].contains(&text.as_str()))
}

#[cfg(test)]
mod tests {
    use super::{parse_outer_attributes, parse_type};
    use quote::ToTokens;

    /// What syn's own parser makes of it, as text.
    fn syn_type(text: &str) -> Option<String> {
        syn::parse_str::<syn::Type>(text).ok().map(|t| t.to_token_stream().to_string())
    }

    fn printed(ty: syn::Type) -> String {
        let alias: syn::Item = syn::parse_quote!(type Alias = #ty;);
        prettyplease::unparse(&syn::File { shebang: None, frontmatter: None, attrs: Vec::new(), items: vec![alias] })
    }

    #[test]
    fn types_read_as_syn_reads_them() {
        for text in [
            "String",
            "::std::string::String",
            "std::time::SystemTime",
            "chrono::DateTime<chrono::Utc>",
            "std::collections::BTreeMap<String, Vec<String>>",
            "Vec<Vec<Vec<u8>>>",
            "HashMap<String, Box<dyn std::any::Any + Send + Sync>>",
            "Box<dyn std::error::Error + Send + Sync + 'static>",
            "Box<dyn Fn(String, &str) -> bool + Send>",
            "Box<dyn FnMut()>",
            "&'static str",
            "&'a mut [u8]",
            "&(dyn Fn() + Send)",
            "*const u8",
            "*mut [u8; 4]",
            "()",
            "(u8,)",
            "(u8, String, Vec<()>)",
            "(u8)",
            "[u8; 32]",
            "[u8; LEN]",
            "[String]",
            "Option<Box<Self>>",
            "super::Value",
            "crate::Value",
            "self::Value",
            "r#type::Value",
            "Iter<Item = u8>",
            "Array<u8, 3>",
            "Cow<'static, str>",
            "Vec::<u8>",
            "dyn Iterator<Item = u8> + Send",
            "Box<dyn ?Sized + Send>",
            "Box<dyn Iterator<Item=&str>>",
            "Iter<Item=::a::B>",
            "Iter<Item=*const u8>",
            "Box<dyn for<'a> Fn(&'a str) -> &'a str + Send>",
            "Box<dyn for<'a, 'b> Fn(&'a u8, &'b u8)>",
            "[u8; self::LEN]",
        ] {
            let ours = parse_type(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            let expected = syn_type(text).unwrap_or_else(|| panic!("syn refuses {text}"));
            assert_eq!(ours.to_token_stream().to_string(), expected, "{text}");
            let theirs = syn::parse_str::<syn::Type>(text).unwrap();
            assert_eq!(printed(ours), printed(theirs), "{text}");
        }
    }

    #[test]
    fn not_types_are_refused_with_a_reason() {
        for text in [
            "",
            "Vec<",
            "Vec<u8",
            "Vec<u8>>",
            "fn evil() {}",
            "struct S;",
            "u8; fn evil() {}",
            "&dyn A + B",
            "impl Trait",
            "fn(u8) -> u8",
            "<T as Trait>::X",
            "!",
            "_",
            "type",
            "std::fn",
            "[u8; \"x\"]",
            "\"text\"",
            "Vec<u8> extra",
            "(u8 u16)",
            "* u8",
            "Vec<'>",
            "Box<dyn 'static>",
            "&(dyn 'a + 'b)",
            "[u8; fn]",
            "[u8; a::type]",
            "Iter<Item == u8>",
            "Box<dyn for<T> Fn(T)>",
            "self<u8>",
            "crate<T>",
            "super::<T>",
            "a::self<u8>",
            "Iter<type = u8>",
            "Iter<fn = u8>",
            "Iter<_ = u8>",
            "Box<dyn for<'a> ?Sized>",
            "Box<dyn Fn()::Output>",
            "dyn a::Fn(u8)::X",
        ] {
            let e = parse_type(text).err().unwrap_or_else(|| panic!("accepted {text:?}"));
            assert!(!e.is_empty(), "{text}");
        }
    }

    /// Text made of the pieces types and attributes are made of, joined with or without spaces.
    fn pieces(alphabet: &'static [&'static str]) -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        proptest::collection::vec((proptest::sample::select(alphabet), any::<bool>()), 0..14).prop_map(|parts| {
            parts.into_iter().map(|(p, space)| if space { format!("{p} ") } else { p.to_string() }).collect()
        })
    }

    const TYPE_PIECES: &[&str] = &[
        "Vec", "a", "::", "<", ">", ">>", "&", "'a", "'static", "mut", "const", "*", "dyn", "+", "(", ")", "()", "[",
        "]", ";", "3", ",", "Fn", "->", "=", "==", "Item", "for", "?", "Sized", "fn", "_", "impl", "Self", "self",
        "r#type", "type", "\"s\"", "!", "{", "}", "super", "crate", "try", ")::", "Output", "3u8",
    ];

    const ATTRIBUTE_PIECES: &[&str] = &[
        "#",
        "!",
        "[",
        "]",
        "#[",
        "derive",
        "(",
        ")",
        "Eq",
        ",",
        "=",
        "\"x\"",
        "-",
        "1",
        "true",
        "include_str",
        "!(",
        "a",
        "::",
        "b",
        "{",
        "}",
        "unsafe",
        "pub",
        "struct",
        "S",
        ";",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 2000, failure_persistence: None, ..Default::default() })]

        /// Never a panic; what it accepts, syn accepts too, as the same tokens.
        #[test]
        fn every_type_accepted_is_one_syn_accepts(text in pieces(TYPE_PIECES)) {
            if let Ok(ours) = parse_type(&text) {
                let theirs = syn::parse_str::<syn::Type>(&text);
                proptest::prop_assert!(theirs.is_ok(), "accepted `{}`, which syn refuses", text);
                proptest::prop_assert_eq!(ours.to_token_stream().to_string(), theirs.unwrap().to_token_stream().to_string());
            }
        }

        #[test]
        fn every_attribute_accepted_is_one_syn_accepts(text in pieces(ATTRIBUTE_PIECES)) {
            if let Ok(ours) = parse_outer_attributes(&text) {
                let theirs = syn::parse::Parser::parse_str(syn::Attribute::parse_outer, &text);
                proptest::prop_assert!(theirs.is_ok(), "accepted `{}`, which syn refuses", text);
                let show = |attrs: &[syn::Attribute]| attrs.iter().map(|a| a.to_token_stream().to_string()).collect::<Vec<_>>();
                proptest::prop_assert_eq!(show(&ours), show(&theirs.unwrap()));
            }
        }
    }

    #[test]
    fn module_paths_read_as_syn_reads_them_and_nothing_else() {
        use super::parse_module_path;
        for text in ["a", "::a::b", "crate::a", "self::a", "super::super::a", "self::super::a", "r#type::a", "crate"] {
            let ours = parse_module_path(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            let theirs = syn::parse_str::<syn::Path>(text).unwrap();
            assert_eq!(ours.to_token_stream().to_string(), theirs.to_token_stream().to_string(), "{text}");
        }
        for text in [
            "",
            "a<T>",
            "a::<T>",
            "a::",
            "::",
            "a::crate",
            "::crate",
            "a::super",
            "super::self",
            "Self",
            "type",
            "a b",
            "a::*",
        ] {
            assert!(parse_module_path(text).is_err(), "accepted {text:?}");
        }
    }

    #[test]
    fn deep_nesting_is_refused_not_a_stack_overflow() {
        let deep = format!("{}u8", "&".repeat(100_000));
        assert!(parse_type(&deep).err().is_some_and(|e| e.contains("nests more than")));
        let deep = format!("{}u8{}", "Vec<".repeat(10_000), ">".repeat(10_000));
        assert!(parse_type(&deep).is_err());
        let deep = format!("{}u8{}", "(".repeat(10_000), ")".repeat(10_000));
        assert!(parse_type(&deep).is_err());
        let fine = format!("{}u8{}", "Vec<".repeat(30), ">".repeat(30));
        assert!(parse_type(&fine).is_ok());
        let deep = format!("#[a{}{}]", "(".repeat(10_000), ")".repeat(10_000));
        assert!(parse_outer_attributes(&deep).is_err());
        let fine = format!("#[a{}{}]", "(".repeat(30), ")".repeat(30));
        assert!(parse_outer_attributes(&fine).is_ok());
    }

    #[test]
    fn attributes_read_as_syn_reads_them() {
        for text in [
            "#[non_exhaustive]",
            "#[derive(Eq, Hash)]",
            "#[derive(Eq)] #[allow(dead_code)]",
            "#[serde(rename_all = \"camelCase\")]",
            "#[doc = \"text\"]",
            "#[doc = r\"raw\"]",
            "#[cfg_attr(test, derive(Default))]",
            "#[path::to::attr]",
            "#[attr[brackets]]",
            "#[attr{braces}]",
            "#[flag = true]",
            "#[number = 3]",
            "#[number = -1]",
            "#[doc = include_str!(\"x.md\")]",
            "#[doc = concat!(\"a\", \"b\")]",
            "#[path = some::constant]",
            "#[unsafe(no_mangle)]",
        ] {
            let ours = parse_outer_attributes(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            let theirs = syn::parse::Parser::parse_str(syn::Attribute::parse_outer, text).unwrap();
            let show =
                |attrs: &[syn::Attribute]| attrs.iter().map(|a| a.to_token_stream().to_string()).collect::<Vec<_>>();
            assert_eq!(show(&ours), show(&theirs), "{text}");
        }
    }

    #[test]
    fn not_outer_attributes_are_refused() {
        for text in [
            "",
            "derive(Eq)",
            "#![allow(dead_code)]",
            "#[derive(Eq)] pub",
            "#[derive(Eq)] struct S;",
            "#(derive)",
            "#[]",
            "#[a = ]",
            "#[a = b c]",
            "#[a(b) c]",
            "# [a] fn evil() {}",
            "#[a = -x]",
            "#[a = b!]",
            "#[a = b!(c) d]",
            "#[pub]",
        ] {
            assert!(parse_outer_attributes(text).is_err(), "accepted {text:?}");
        }
    }
}
