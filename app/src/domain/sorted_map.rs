//! A map kept as a `Vec` sorted by key, for every map the browser's code
//! holds: the device's synced rows by id, goal standings, learned time
//! zones, sums per currency.
//!
//! `BTreeMap` compiles its node code anew for every key and value type; the
//! device's five row maps alone put about 8.6 KB brotli of it into the main
//! module, and each use of `HashMap` brought hashbrown and its hasher (about
//! 3 KB). A sorted `Vec` is a binary search to read and one move of the
//! entries after the key to write. Rows arriving by the hundred (a pull
//! page, a storage eviction) go through [`SortedMap::apply`], one merge for
//! the whole batch, so a page costs one pass over the map whatever order
//! its rows come in.
//!
//! It reads and writes JSON as an object, exactly as `BTreeMap` did, so the
//! device's stored cache and the wire format did not change.

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::borrow::Borrow;
use std::fmt;
use std::marker::PhantomData;

/// Keys in ascending order, each once, with their values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SortedMap<K, V> {
    entries: Vec<(K, V)>,
}

impl<K, V> Default for SortedMap<K, V> {
    fn default() -> Self {
        Self {
            entries: Vec::new(),
        }
    }
}

impl<K: Ord, V> SortedMap<K, V> {
    fn position<Q: Ord + ?Sized>(&self, key: &Q) -> Result<usize, usize>
    where
        K: Borrow<Q>,
    {
        self.entries
            .binary_search_by(|(held, _)| held.borrow().cmp(key))
    }

    /// A map of `entries` in any order; of two entries with one key, the
    /// later wins (as inserting them one by one would).
    pub fn from_entries(mut entries: Vec<(K, V)>) -> Self {
        let sorted = entries.windows(2).all(|pair| pair[0].0 < pair[1].0);
        if !sorted {
            super::sorting::sort_by(&mut entries, |a, b| a.0.cmp(&b.0));
            // Stable: of equal keys the later entry comes later, and is kept.
            let mut kept: Vec<(K, V)> = Vec::with_capacity(entries.len());
            for entry in entries {
                match kept.last_mut() {
                    Some(last) if last.0 == entry.0 => *last = entry,
                    _ => kept.push(entry),
                }
            }
            entries = kept;
        }
        Self { entries }
    }

    /// The value under `key` (a `&str` for a `String` key, as with `BTreeMap`).
    pub fn get<Q: Ord + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
    {
        self.position(key).ok().map(|at| &self.entries[at].1)
    }

    /// Whether `key` has a value.
    pub fn contains_key<Q: Ord + ?Sized>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
    {
        self.position(key).is_ok()
    }

    /// Puts `value` under `key`, replacing what was there.
    pub fn insert(&mut self, key: K, value: V) {
        match self.position(&key) {
            Ok(at) => self.entries[at].1 = value,
            Err(at) => self.entries.insert(at, (key, value)),
        }
    }

    /// The value under `key`, put there first from `make` if there was none.
    pub fn value_or_insert_with(&mut self, key: K, make: impl FnOnce() -> V) -> &mut V {
        let at = match self.position(&key) {
            Ok(at) => at,
            Err(at) => {
                self.entries.insert(at, (key, make()));
                at
            }
        };
        &mut self.entries[at].1
    }

    /// Takes the value under `key` out of the map.
    pub fn remove<Q: Ord + ?Sized>(&mut self, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
    {
        let at = self.position(key).ok()?;
        Some(self.entries.remove(at).1)
    }

    /// Applies a batch of changes: `Some` puts a value under its key, `None`
    /// removes the key. Later changes to one key win, as if they were applied
    /// one by one in order. A new value for a key already held is put where
    /// it lies; new keys and removals are merged in one pass over the map.
    pub fn apply(&mut self, mut changes: Vec<(K, Option<V>)>) {
        if changes.is_empty() {
            return;
        }
        // Stable, so the changes to one key keep their order.
        super::sorting::sort_by(&mut changes, |a, b| a.0.cmp(&b.0));
        let mut moves = Vec::new();
        let mut changes = changes.into_iter().peekable();
        while let Some((key, value)) = changes.next() {
            if changes.peek().is_some_and(|(next, _)| *next == key) {
                continue;
            }
            match (self.position(&key), value) {
                (Ok(at), Some(value)) => self.entries[at].1 = value,
                (Err(_), None) => {}
                (_, value) => moves.push((key, value)),
            }
        }
        if moves.is_empty() {
            return;
        }
        let mut held = std::mem::take(&mut self.entries).into_iter().peekable();
        let mut merged = Vec::with_capacity(held.len() + moves.len());
        for (key, value) in moves {
            while let Some(entry) = held.next_if(|(old, _)| *old < key) {
                merged.push(entry);
            }
            held.next_if(|(old, _)| *old == key);
            if let Some(value) = value {
                merged.push((key, value));
            }
        }
        merged.extend(held);
        self.entries = merged;
    }

    /// Keeps only the entries `keep` says yes to.
    pub fn retain(&mut self, mut keep: impl FnMut(&K, &V) -> bool) {
        self.entries.retain(|(key, value)| keep(key, value));
    }
}

impl<K, V> SortedMap<K, V> {
    /// The keys and values, in the order of the keys.
    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.entries.iter().map(|(key, value)| (key, value))
    }

    /// The keys, in order.
    pub fn keys(&self) -> impl Iterator<Item = &K> {
        self.entries.iter().map(|(key, _)| key)
    }

    /// The values, in the order of their keys.
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.entries.iter().map(|(_, value)| value)
    }

    /// The values, taken out, in the order of their keys.
    pub fn into_values(self) -> impl Iterator<Item = V> {
        self.entries.into_iter().map(|(_, value)| value)
    }

    /// How many keys it holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it holds no key.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Removes every entry.
    pub fn clear(&mut self) {
        self.entries.clear();
    }
}

impl<K: Ord, V> Extend<(K, V)> for SortedMap<K, V> {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, entries: I) {
        self.apply(
            entries
                .into_iter()
                .map(|(key, value)| (key, Some(value)))
                .collect(),
        );
    }
}

impl<K: Ord, V> FromIterator<(K, V)> for SortedMap<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(entries: I) -> Self {
        Self::from_entries(entries.into_iter().collect())
    }
}

impl<K: Ord, V, const N: usize> From<[(K, V); N]> for SortedMap<K, V> {
    fn from(entries: [(K, V); N]) -> Self {
        Self::from_entries(entries.into())
    }
}

impl<K, V> IntoIterator for SortedMap<K, V> {
    type Item = (K, V);
    type IntoIter = std::vec::IntoIter<(K, V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl<'a, K, V> IntoIterator for &'a SortedMap<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (K, V)>, fn(&'a (K, V)) -> (&'a K, &'a V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(key, value)| (key, value))
    }
}

impl<K: Ord + Borrow<Q>, V, Q: Ord + ?Sized> std::ops::Index<&Q> for SortedMap<K, V> {
    type Output = V;

    /// The value under `key`; panics if there is none, as `BTreeMap` does
    /// (for tests and for keys just checked).
    fn index(&self, key: &Q) -> &V {
        match self.get(key) {
            Some(value) => value,
            None => panic!("no entry under that key"),
        }
    }
}

impl<K: Serialize, V: Serialize> Serialize for SortedMap<K, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.entries.len()))?;
        for (key, value) in &self.entries {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

impl<'de, K: Deserialize<'de> + Ord, V: Deserialize<'de>> Deserialize<'de> for SortedMap<K, V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(EntriesVisitor(PhantomData))
    }
}

struct EntriesVisitor<K, V>(PhantomData<(K, V)>);

impl<'de, K: Deserialize<'de> + Ord, V: Deserialize<'de>> Visitor<'de> for EntriesVisitor<K, V> {
    type Value = SortedMap<K, V>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a map")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let mut entries = Vec::with_capacity(access.size_hint().unwrap_or(0).min(4096));
        while let Some(entry) = access.next_entry()? {
            entries.push(entry);
        }
        Ok(SortedMap::from_entries(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    fn same_as(map: &SortedMap<u8, u32>, expected: &BTreeMap<u8, u32>) -> bool {
        map.iter()
            .map(|(key, value)| (*key, *value))
            .collect::<Vec<_>>()
            == expected
                .iter()
                .map(|(key, value)| (*key, *value))
                .collect::<Vec<_>>()
    }

    proptest! {
        #[test]
        fn one_write_at_a_time_holds_what_a_btree_map_holds(
            writes in proptest::collection::vec((0_u8..20, proptest::option::of(0_u32..1000)), 0..60),
        ) {
            let mut expected = BTreeMap::new();
            let mut map = SortedMap::default();
            for (key, value) in &writes {
                match value {
                    Some(value) => {
                        expected.insert(*key, *value);
                        map.insert(*key, *value);
                    }
                    None => prop_assert_eq!(map.remove(key), expected.remove(key)),
                }
            }
            prop_assert!(same_as(&map, &expected));
            for key in 0_u8..20 {
                prop_assert_eq!(map.get(&key), expected.get(&key));
                prop_assert_eq!(map.contains_key(&key), expected.contains_key(&key));
            }
        }

        #[test]
        fn a_batch_ends_as_its_changes_one_by_one_would(
            start in proptest::collection::vec((0_u8..30, 0_u32..1000), 0..40),
            changes in proptest::collection::vec((0_u8..30, proptest::option::of(0_u32..1000)), 0..60),
        ) {
            let mut expected: BTreeMap<u8, u32> = start.iter().copied().collect();
            let mut map: SortedMap<u8, u32> = start.iter().copied().collect();
            prop_assert!(same_as(&map, &expected));
            for (key, value) in &changes {
                match value {
                    Some(value) => { expected.insert(*key, *value); }
                    None => { expected.remove(key); }
                }
            }
            map.apply(changes);
            prop_assert!(same_as(&map, &expected));
        }

        #[test]
        fn json_is_what_a_btree_map_writes_and_reads(
            entries in proptest::collection::vec((0_u8..30, 0_u32..1000), 0..40),
        ) {
            let expected: BTreeMap<String, u32> =
                entries.iter().map(|(key, value)| (format!("k{key:02}"), *value)).collect();
            let map: SortedMap<String, u32> =
                entries.iter().map(|(key, value)| (format!("k{key:02}"), *value)).collect();
            let written = serde_json::to_string(&map).map_err(|error| TestCaseError::fail(error.to_string()))?;
            prop_assert_eq!(&written, &serde_json::to_string(&expected).map_err(|error| TestCaseError::fail(error.to_string()))?);
            let read: SortedMap<String, u32> = crate::sync::objects_only::from_slice(written.as_bytes())
                .map_err(|error| TestCaseError::fail(error.to_string()))?;
            prop_assert_eq!(read, map);
        }
    }

    #[test]
    fn an_object_written_out_of_order_reads_sorted_with_the_last_value_of_a_key() {
        let read: SortedMap<String, i64> =
            serde_json::from_str(r#"{"b": 1, "a": 2, "b": 3}"#).expect("a JSON object");
        assert_eq!(
            read.iter()
                .map(|(key, value)| (key.as_str(), *value))
                .collect::<Vec<_>>(),
            vec![("a", 2), ("b", 3)]
        );
    }

    #[test]
    fn sums_per_key_start_from_the_default() {
        let mut sums: SortedMap<&str, i64> = SortedMap::default();
        for (key, amount) in [("usd", 5), ("irr", 7), ("usd", 10)] {
            *sums.value_or_insert_with(key, || 0) += amount;
        }
        assert_eq!(sums, SortedMap::from([("irr", 7), ("usd", 15)]));
        sums.retain(|_, amount| *amount > 10);
        assert_eq!(sums.keys().copied().collect::<Vec<_>>(), vec!["usd"]);
        assert_eq!(sums[&"usd"], 15);
    }
}
