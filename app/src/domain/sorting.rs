//! Stable sorting through one shared copy of the standard library's sort.
//!
//! `slice::sort_by` is compiled anew for every comparison closure: each
//! copy of it cost about 4 KB of the app's main module (eleven copies, 43 KB
//! of code, in session 33's count). These functions sort the items'
//! positions instead, with one comparison type, so the sort itself is
//! compiled once, and then move the items into that order. The result is
//! exactly `sort_by`'s: stable, equal items keeping their order.

use std::cmp::Ordering;

/// Sorts `items` stably by `compare`, as `slice::sort_by` does.
pub fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let mut order: Vec<usize> = (0..items.len()).collect();
    sort_positions(&mut order, &|a, b| compare(&items[a], &items[b]));
    put_in_order(items, order);
}

/// Sorts `items` stably by the key `key` gives, as `slice::sort_by_key`.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` by their own order, as `slice::sort`.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// The one compiled copy of the sort: positions, compared through `compare`.
#[inline(never)]
fn sort_positions(order: &mut [usize], compare: &dyn Fn(usize, usize) -> Ordering) {
    order.sort_by(|a, b| compare(*a, *b));
}

/// Moves `items` so that position `i` holds the item that was at `order[i]`,
/// following each cycle of the permutation with swaps (no copies, no
/// `Clone`). `order` is a permutation of `0..items.len()`.
fn put_in_order<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut current = start;
        while order[current] != start {
            let next = order[current];
            items.swap(current, next);
            order[current] = current;
            current = next;
        }
        order[current] = current;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_exactly_as_the_standard_stable_sort(
            keys in proptest::collection::vec(0_u8..6, 0..80),
        ) {
            // Equal keys with different tags show whether the order of
            // equal items is kept.
            let items: Vec<(u8, usize)> = keys.into_iter().enumerate().map(|(tag, key)| (key, tag)).collect();
            let mut expected = items.clone();
            expected.sort_by_key(|item| item.0);
            let mut sorted = items.clone();
            sort_by_key(&mut sorted, |item| item.0);
            prop_assert_eq!(&sorted, &expected);
            let mut descending = items.clone();
            sort_by(&mut descending, |a, b| b.0.cmp(&a.0));
            expected.sort_by_key(|item| std::cmp::Reverse(item.0));
            prop_assert_eq!(descending, expected);
        }

        #[test]
        fn sorts_owned_values_without_losing_or_repeating_any(
            words in proptest::collection::vec("[a-c]{0,3}", 0..40),
        ) {
            let mut expected = words.clone();
            expected.sort();
            let mut sorted = words;
            sort(&mut sorted);
            prop_assert_eq!(sorted, expected);
        }
    }

    #[test]
    fn a_reversed_list_and_a_rotation_come_out_in_order() {
        let mut reversed: Vec<i32> = (0..10).rev().collect();
        sort(&mut reversed);
        assert_eq!(reversed, (0..10).collect::<Vec<_>>());
        let mut rotated = vec![3, 4, 5, 0, 1, 2];
        sort(&mut rotated);
        assert_eq!(rotated, vec![0, 1, 2, 3, 4, 5]);
    }
}
