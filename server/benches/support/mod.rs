//! What the benches share: the `pishro` binary as a child process that
//! stops with the bench, a process's resident memory, and the median time
//! of a piece of work run several times.

#![allow(dead_code)]

use std::process::Child;
use std::time::{Duration, Instant};

/// Stops the server when the bench ends, however it ends.
pub struct Server(pub Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Resident memory of process `pid` in KiB (`/proc/<pid>/status`), 0 when
/// unknown.
pub fn resident_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|line| line.starts_with("VmRSS:"))
                .and_then(|line| line.split_whitespace().nth(1))
                .and_then(|kib| kib.parse().ok())
        })
        .unwrap_or(0)
}

/// Waits (up to a minute) until something listens on `address`.
pub async fn until_listening(address: &str) {
    let started = std::time::Instant::now();
    while tokio::net::TcpStream::connect(address).await.is_err() {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(60),
            "the server did not start"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// The median of `runs` timings of `work`, each on a fresh state from
/// `setup` (not timed): one slow run, a page fault or the other core's
/// build, does not move the figure the way a mean would.
pub fn median_time<S>(runs: usize, setup: impl Fn() -> S, work: impl Fn(&mut S)) -> Duration {
    let mut timings: Vec<Duration> = (0..runs.max(1))
        .map(|_| {
            let mut state = setup();
            let started = Instant::now();
            work(&mut state);
            let took = started.elapsed();
            std::hint::black_box(&state);
            took
        })
        .collect();
    timings.sort();
    timings[timings.len() / 2]
}
