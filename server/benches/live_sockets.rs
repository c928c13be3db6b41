//! Live events over real sockets, measured (not asserted):
//! `cargo bench -p server --bench live_sockets`.
//!
//! Starts the real `pishro` binary on a loopback port with a temporary
//! SQLite file and its demo data, signs the demo manager in, and opens
//! 1,000 `/api/live/events` streams over TCP (two batches of 500). Prints
//! the server process's resident memory per open stream (from
//! `/proc/<pid>/status`, so the bench's own sockets are not counted), then
//! has the demo rep log 20 calls through `/api/activities/save` and prints
//! how long from sending each save until every one of the 1,000 streams
//! has read its change event (p50 / p95 / max).

mod support;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use support::{Server, resident_kib, until_listening};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::mpsc;

const BATCH: usize = 500;
const EVENTS: usize = 20;

/// One HTTP/1.1 exchange on a fresh connection: the response's head and
/// body as text (the server closes after `Connection: close`).
async fn exchange(address: &str, request: String) -> String {
    let mut stream = TcpStream::connect(address).await.expect("connect");
    stream.write_all(request.as_bytes()).await.expect("write");
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.expect("read");
    String::from_utf8_lossy(&response).into_owned()
}

fn post(path: &str, cookie: Option<&str>, body: &str) -> String {
    let cookie = cookie.map_or_else(String::new, |cookie| format!("Cookie: {cookie}\r\n"));
    format!(
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n{cookie}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

async fn sign_in(address: &str, email: &str) -> String {
    let body = format!(r#"{{"email":"{email}","password":"pishro-demo"}}"#);
    let response = exchange(address, post("/api/auth/sign_in", None, &body)).await;
    response
        .lines()
        .find_map(|line| {
            line.to_ascii_lowercase()
                .starts_with("set-cookie:")
                .then(|| line["set-cookie:".len()..].trim().split(';').next())
                .flatten()
                .map(str::to_string)
        })
        .unwrap_or_else(|| panic!("no session cookie for {email}: {response}"))
}

/// Opens one event stream and reads it until `ready`; then reports each
/// change event it reads on `changes`.
async fn open_stream(address: String, cookie: String, changes: mpsc::UnboundedSender<()>) {
    let mut stream = TcpStream::connect(&address)
        .await
        .expect("connect a stream");
    let request = format!(
        "GET {} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookie}\r\nAccept: text/event-stream\r\n\r\n",
        app::sync::live::LIVE_EVENTS_PATH
    );
    stream.write_all(request.as_bytes()).await.expect("ask");
    let (ready_sender, ready) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(async move {
        let mut ready_sender = Some(ready_sender);
        let mut buffer = vec![0_u8; 4096];
        let mut pending = String::new();
        loop {
            let read = match stream.read(&mut buffer).await {
                Ok(0) | Err(_) => return,
                Ok(read) => read,
            };
            pending.push_str(&String::from_utf8_lossy(&buffer[..read]));
            if pending.contains("event: ready")
                && let Some(sender) = ready_sender.take()
            {
                let _ = sender.send(());
            }
            while let Some(at) = pending.find("event: change") {
                let _ = changes.send(());
                pending.drain(..at + "event: change".len());
            }
            if pending.len() > 8192 {
                let keep = pending.len() - 64;
                pending.drain(..keep);
            }
        }
    });
    ready.await.expect("the stream said ready");
}

#[tokio::main]
async fn main() {
    let directory = tempfile::tempdir().expect("temp dir");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port();
    let address = format!("127.0.0.1:{port}");
    let site = directory.path().join("site");
    std::fs::create_dir_all(&site).expect("site");
    std::fs::write(site.join("index.html"), "<!doctype html>").expect("index");
    let server = Server(
        Command::new(env!("CARGO_BIN_EXE_pishro"))
            .env("PISHRO_ADDRESS", &address)
            .env(
                "PISHRO_DATABASE_URL",
                format!("sqlite:{}", directory.path().join("live.db").display()),
            )
            .env("PISHRO_SITE_DIR", &site)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start pishro"),
    );
    let pid = server.0.id();
    until_listening(&address).await;
    let manager = sign_in(&address, "manager@pishro.local").await;
    let rep = sign_in(&address, "rep1@pishro.local").await;

    let (changes, mut heard) = mpsc::unbounded_channel();
    let mut resident = vec![resident_kib(pid)];
    for _batch in 0..2 {
        for _ in 0..BATCH {
            open_stream(address.clone(), manager.clone(), changes.clone()).await;
        }
        resident.push(resident_kib(pid));
    }
    let streams = 2 * BATCH;
    println!(
        "{streams} open streams over TCP: server resident {} -> {} -> {} KiB; {:.1} KiB per stream over the second {BATCH} ({:.1} over all)",
        resident[0],
        resident[1],
        resident[2],
        resident[2].saturating_sub(resident[1]) as f64 / BATCH as f64,
        resident[2].saturating_sub(resident[0]) as f64 / streams as f64,
    );

    let mut samples = Vec::with_capacity(EVENTS);
    for call in 0..EVENTS {
        let body = format!(
            r#"{{"draft":{{"id":"{}","lead_id":null,"kind":"call","tactic":"cold_call","outcome":"reached","notes":"Live bench call {call}","when":"2026-11-20T09:30:00Z","duration_minutes":"5","done":false}}}}"#,
            uuid::Uuid::now_v7()
        );
        let sent = Instant::now();
        let answer = exchange(&address, post("/api/activities/save", Some(&rep), &body)).await;
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        for _ in 0..streams {
            tokio::time::timeout(Duration::from_secs(10), heard.recv())
                .await
                .expect("every stream hears the change")
                .expect("a stream reader");
        }
        samples.push(sent.elapsed());
    }
    samples.sort();
    let at = |share: f64| samples[((samples.len() - 1) as f64 * share).round() as usize];
    let ms = |duration: Duration| duration.as_secs_f64() * 1000.0;
    println!(
        "a rep's save to all {streams} streams read over TCP ({EVENTS} saves): p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms",
        ms(at(0.5)),
        ms(at(0.95)),
        ms(at(1.0))
    );
    println!(
        "server resident after the events: {} KiB",
        resident_kib(pid)
    );
}
