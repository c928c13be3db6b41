//! The device's row maps, measured (not asserted): `cargo bench -p server
//! --bench device_rows`.
//!
//! The synced rows on a device are `app::domain::sorted_map::SortedMap`s (a
//! `Vec` sorted by id) since session 38, not `BTreeMap`s: 6 KB brotli off
//! the first load. A pull page goes in with one merge (`SortedMap::apply`);
//! this times a first fill page by page, a page of updates spread over a
//! full map, and one edit, for both maps, on rows the size of a cached lead
//! (about 300 bytes) whose ids come in no order: the median of 7 runs each.
//! Native code, not wasm; the ratio between the two is what carries over.

mod support;

use app::domain::sorted_map::SortedMap;
use std::collections::BTreeMap;
use std::time::Duration;

const PAGE: usize = 500;

#[derive(Clone)]
struct Row {
    _rest: [u8; 296],
}

fn ids(count: usize, seed: u64) -> Vec<u128> {
    // A fixed pseudo-random sequence: the same ids every run.
    let mut state = seed;
    (0..count)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            u128::from(state)
        })
        .collect()
}

fn row() -> Row {
    Row { _rest: [7; 296] }
}

/// The median of 7 runs, each on a fresh copy of the map.
fn time<S>(setup: impl Fn() -> S, work: impl Fn(&mut S)) -> Duration {
    support::median_time(7, setup, work)
}

fn milliseconds(duration: Duration) -> String {
    format!("{:.3} ms", duration.as_secs_f64() * 1000.0)
}

fn main() {
    println!("| rows | what | `BTreeMap` | `SortedMap` | ratio |");
    println!("|---:|---|---:|---:|---:|");
    for count in [1_000, 10_000, 50_000] {
        let all = ids(count, 0x9E37_79B9_7F4A_7C15);
        let full_tree = || {
            all.iter()
                .map(|id| (*id, row()))
                .collect::<BTreeMap<_, _>>()
        };
        let full_sorted = || {
            all.iter()
                .map(|id| (*id, row()))
                .collect::<SortedMap<_, _>>()
        };
        let fill_tree = time(BTreeMap::new, |map| {
            for page in all.chunks(PAGE) {
                for id in page {
                    map.insert(*id, row());
                }
            }
        });
        let fill_sorted = time(SortedMap::default, |map| {
            for page in all.chunks(PAGE) {
                map.apply(page.iter().map(|id| (*id, Some(row()))).collect());
            }
        });
        let updates: Vec<u128> = ids(PAGE, 0x2545_F491_4F6C_DD1D)
            .into_iter()
            .map(|pick| all[(pick % count as u128) as usize])
            .collect();
        let page_tree = time(full_tree, |map| {
            for id in &updates {
                map.insert(*id, row());
            }
        });
        let page_sorted = time(full_sorted, |map| {
            map.apply(updates.iter().map(|id| (*id, Some(row()))).collect());
        });
        let new_id = u128::MAX / 3;
        let one_tree = time(full_tree, |map| {
            map.insert(new_id, row());
        });
        let one_sorted = time(full_sorted, |map| map.insert(new_id, row()));
        for (what, tree, sorted) in [
            ("first fill, pages of 500", fill_tree, fill_sorted),
            ("a page of 500 updates", page_tree, page_sorted),
            ("one new row", one_tree, one_sorted),
        ] {
            println!(
                "| {count} | {what} | {} | {} | {:.2}x |",
                milliseconds(tree),
                milliseconds(sorted),
                sorted.as_secs_f64() / tree.as_secs_f64()
            );
        }
    }
}
