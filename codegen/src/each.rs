//! `items.iter().map(f).collect()` with one small loop per element and result type. An
//! iterator pipeline is compiled again for every closure (`Map::fold`, `from_iter`,
//! `extend_trusted`, ...: 300 to 1,000 lines of LLVM IR per call site, in every consumer's
//! build of this build-dependency); through `&mut dyn FnMut` the loop is compiled once per
//! pair of types, and the closure's body stays in the caller.

/// `f` of each item, in order.
pub(crate) fn map<'a, T, U>(items: &'a [T], f: &mut dyn FnMut(&'a T) -> U) -> Vec<U> {
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        out.push(f(item));
    }
    out
}

/// `f` of each item, in order, the items moved.
pub(crate) fn map_into<T, U>(items: Vec<T>, f: &mut dyn FnMut(T) -> U) -> Vec<U> {
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        out.push(f(item));
    }
    out
}

/// `a, b and c`; `none` when there is nothing.
pub fn and_list(items: &[&str], none: &str) -> String {
    match items {
        [] => none.to_string(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn map_keeps_the_order() {
        let mut calls = 0;
        let doubled = super::map(&[3, 1, 2], &mut |n| {
            calls += 1;
            n * 2
        });
        assert_eq!(doubled, [6, 2, 4]);
        assert_eq!(calls, 3);
    }

    #[test]
    fn map_into_moves_the_items() {
        let words = vec![String::from("a"), String::from("b")];
        assert_eq!(
            super::map_into(words, &mut |mut w| {
                w.push('!');
                w
            }),
            ["a!", "b!"]
        );
    }
}
