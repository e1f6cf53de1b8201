//! One stable sort for the whole crate, so the WebAssembly carries one copy of it.
//!
//! `slice::sort_by` is generic over the element type and the comparator, so
//! every call site compiles its own copy of the standard library's driftsort,
//! about 3.5 KB of WebAssembly each. Here the callers sort a list of indices
//! through a `&dyn` comparator instead, which compiles the sort once for all of
//! them; only the small step that moves the items into place is per type.
//!
//! The result is what `sort_by` gives, ties included: the index breaks ties, so
//! equal items keep their order. The callers sort the spans, mentions,
//! candidate elements or export groups of one page, where an indirect call per
//! comparison costs nothing measurable.

use std::cmp::Ordering;

/// Sorts `items` as `items.sort_by(compare)` would (stable).
pub(crate) fn stable_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    let mut order: Vec<usize> = (0..items.len()).collect();
    sort_indices(&mut order, &|a, b| compare(&items[a], &items[b]));
    permute(items, &mut order);
}

/// Sorts `items` as `items.sort_by_key(key)` would (stable).
pub(crate) fn stable_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    stable_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The one instance of the standard sort: indices, through a `dyn` comparator.
/// Not inlined, so that no caller gets a copy specialised to its comparator.
#[inline(never)]
fn sort_indices(order: &mut [usize], compare: &dyn Fn(usize, usize) -> Ordering) {
    // Indices are unique, so the unstable sort (smaller, and no buffer to
    // allocate) is stable once they break ties.
    order.sort_unstable_by(|&a, &b| compare(a, b).then(a.cmp(&b)));
}

/// Puts `items[order[i]]` at position `i` for every `i`, in place: the cycle
/// walk of the standard library's `sort_by_cached_key`. By the time position
/// `i` is filled, an item whose index is below `i` has been swapped away to
/// the position the chain of earlier swaps gives, which `order` records.
fn permute<T>(items: &mut [T], order: &mut [usize]) {
    for i in 0..items.len() {
        let mut index = order[i];
        while index < i {
            index = order[index];
        }
        order[i] = index;
        items.swap(i, index);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_keys_keep_their_order_as_with_sort_by_key() {
        let mut mentions = vec![
            (30, "Blinken"),
            (10, "he"),
            (30, "Lammy"),
            (10, "she"),
            (20, "Sen."),
        ];
        let mut expected = mentions.clone();
        expected.sort_by_key(|m| m.0);
        stable_by_key(&mut mentions, |m| m.0);
        assert_eq!(mentions, expected);
    }

    #[test]
    fn every_permutation_of_five_sorts_as_the_standard_sort_does() {
        // All 5^5 sequences of keys 0..5: every pattern of ties and order.
        for n in 0..5u32.pow(5) {
            let keys: Vec<u32> = (0..5).map(|i| n / 5u32.pow(i) % 5).collect();
            let items: Vec<(u32, usize)> = keys.iter().copied().zip(0..).collect();
            let mut expected = items.clone();
            expected.sort_by_key(|item| std::cmp::Reverse(item.0));
            let mut ours = items;
            stable_by(&mut ours, |a, b| b.0.cmp(&a.0));
            assert_eq!(ours, expected, "keys {keys:?}");
        }
    }
}
