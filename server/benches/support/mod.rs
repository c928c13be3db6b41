//! What the benches share: the `pishro` binary as a child process that
//! stops with the bench, and a process's resident memory.

#![allow(dead_code)]

use std::process::Child;

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
