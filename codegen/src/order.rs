//! Stable sorting with one copy of the sort algorithm for the whole crate. `<[T]>::sort_by`
//! compiles its merge sort again for every element type and comparison (about 2,000 lines of
//! LLVM IR each, in every consumer's build of this build-dependency); here the sort runs on
//! indices, through one `&dyn` comparison, and only the small permutation is per type.

use std::cmp::Ordering;

/// Sorts `items` as `items.sort_by(compare)` does: stable, the same order.
pub(crate) fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    let order = sorted_indices(items.len(), &|a, b| compare(&items[a], &items[b]));
    permute(items, &order);
}

/// Sorts `items` as `items.sort()` does.
pub(crate) fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// `0..len` in the order `compare` gives the items at those indices, equal ones kept in index
/// order.
fn sorted_indices(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Puts the item that was at `order[i]` at `i`, for every `i` (`order` is a permutation of
/// the indices). Each step swaps the wanted item into place; an index below `i` was already
/// swapped away, to where its own index in `order` says.
fn permute<T>(items: &mut [T], order: &[usize]) {
    for i in 0..items.len() {
        let mut from = order[i];
        while from < i {
            from = order[from];
        }
        items.swap(i, from);
    }
}

#[cfg(test)]
mod tests {
    use super::{sort, sort_by};

    #[test]
    fn the_same_order_as_the_standard_stable_sort() {
        // Pseudo-random keys with many ties, so stability shows; every length up to 70.
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for len in 0..70 {
            for _ in 0..20 {
                let items: Vec<(u64, usize)> = (0..len)
                    .map(|i| {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        (seed % 5, i)
                    })
                    .collect();
                let mut want = items.clone();
                want.sort_by_key(|a| a.0);
                let mut got = items.clone();
                sort_by(&mut got, |a, b| a.0.cmp(&b.0));
                assert_eq!(got, want, "{items:?}");
                let mut reversed = items.clone();
                sort_by(&mut reversed, |a, b| b.0.cmp(&a.0));
                want.sort_by_key(|a| std::cmp::Reverse(a.0));
                assert_eq!(reversed, want, "{items:?}");
            }
        }
    }

    #[test]
    fn sort_uses_ord() {
        let mut words = vec!["pear", "apple", "fig", "apple"];
        sort(&mut words);
        assert_eq!(words, ["apple", "apple", "fig", "pear"]);
    }
}
