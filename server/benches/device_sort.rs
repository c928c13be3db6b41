//! The device's shared sort against the standard library's, measured (not
//! asserted): `cargo bench -p server --bench device_sort`.
//!
//! `app::domain::sorting` sorts positions through one compiled copy of the
//! sort and then moves the items (session 33: 7 KB brotli off the first
//! load). Lists on the device are sorted with it as the cache changes (the
//! leads and activities views, My day, the board, the Leads list), so this
//! times both ways on rows the size of a cached lead (about 300 bytes), in
//! the order a sync leaves them (by id) and newest first, for 1,000, 10,000
//! and 50,000 rows: the median of 21 runs each. Native code, not wasm; the
//! ratio between the two is what carries over.

mod support;

use app::domain::sorting;
use std::cmp::Ordering;
use std::time::Duration;

/// A row the size of a cached lead, sorted as the leads view sorts them.
#[derive(Clone)]
struct Row {
    updated_at: i64,
    id: u128,
    _rest: [u8; 280],
}

fn newest_first(a: &Row, b: &Row) -> Ordering {
    b.updated_at.cmp(&a.updated_at).then(a.id.cmp(&b.id))
}

fn rows(count: usize) -> Vec<Row> {
    // A fixed pseudo-random sequence: the same rows every run.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..count)
        .map(|index| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            Row {
                updated_at: (state % 5_000_000) as i64,
                id: index as u128,
                _rest: [0; 280],
            }
        })
        .collect()
}

/// The median of 21 sorts, each of a fresh copy of the rows.
fn time(template: &[Row], sort: impl Fn(&mut Vec<Row>)) -> Duration {
    support::median_time(21, || template.to_vec(), |rows| sort(rows))
}

fn main() {
    println!("| rows | order | std `sort_by` | shared `sorting::sort_by` | ratio |");
    println!("|---:|---|---:|---:|---:|");
    for count in [1_000, 10_000, 50_000] {
        let by_id = rows(count);
        let mut newest = by_id.clone();
        newest.sort_by(newest_first);
        for (order, template) in [
            ("by id (after a pull)", &by_id),
            ("already newest first", &newest),
        ] {
            let standard = time(template, |rows| rows.sort_by(newest_first));
            let shared = time(template, |rows| sorting::sort_by(rows, newest_first));
            println!(
                "| {count} | {order} | {:.3} ms | {:.3} ms | {:.2}x |",
                standard.as_secs_f64() * 1000.0,
                shared.as_secs_f64() * 1000.0,
                shared.as_secs_f64() / standard.as_secs_f64()
            );
        }
    }
}
