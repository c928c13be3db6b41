//! Load, measured open-loop (issue 14): `cargo bench -p server --bench load`.
//!
//! Fills a temporary SQLite file with `pishro generate` (a team of 180 reps,
//! 36,000 leads, 180,000 activities over 12 months), starts the release
//! `pishro` binary on it on a loopback port and plays 200 devices: one per
//! rep and 20 of the manager. Each pulls every 2 s, reads its dashboard
//! every 10 s (a rep their own figures, the manager the whole team's) and
//! pushes 1 to 50 mutations every 20 s. Requests go out at their scheduled moments
//! whether or not earlier ones have answered (open loop), and latency is
//! counted from the scheduled moment, so queueing shows. Prints p50 / p99 /
//! p99.9 and errors (and p99 per kind of request) for: the steady load
//! (`PISHRO_LOAD_SECONDS`, default 300), the same load at 1.5, 2, 3, 4, 6
//! and 8 times the rates (15 s each, stopping at the first whose p99
//! passes 50 ms: the capacity of these cores), the steady load with
//! 1,000 live dashboards open, and sign-in during a password-guessing
//! flood from 50 other addresses (legitimate sign-ins still succeed; the
//! server's memory before and after). `PISHRO_LOAD_STEADY_ONLY=1` stops
//! after the steady load (for comparing one change).
//!
//! On PostgreSQL (issue 16): `PISHRO_BENCH_POSTGRES=postgres://user@host:port`
//! generates the team in a new database there instead, and
//! `PISHRO_LOAD_SERVERS=2` starts two servers on it, each device talking to
//! one of them (device i to server i mod 2), as behind a load balancer.

mod support;

use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};
use support::{Server, resident_kib, until_listening};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};
use tokio::sync::Mutex;

const DEVICES: usize = 200;
/// Device i starts at (i x this mod the device count) / the device count of
/// each period: coprime with 200, so every device has its own moment.
/// (Until session 18 the phase was i / 200, and the manager's 20 devices
/// pulled the team's changes within the same 190 ms of every 2 s.)
const PHASE_STRIDE: usize = 77;
/// The steady run's p99 is also given per window of this many seconds.
const WINDOW_SECONDS: f64 = 30.0;

/// The `share` percentile of sorted durations, in ms.
fn percentile(sorted: &[Duration], share: f64) -> f64 {
    sorted
        .get(((sorted.len().max(1) - 1) as f64 * share).round() as usize)
        .map_or(0.0, |duration| duration.as_secs_f64() * 1000.0)
}

const REPS: usize = 180;

/// One exchange on a fresh connection from `from` (a loopback address, so
/// the sign-in throttle sees different machines); `None` on a socket error.
async fn exchange_from(from: [u8; 4], address: &str, request: String) -> Option<String> {
    let socket = TcpSocket::new_v4().ok()?;
    socket.bind((from, 0).into()).ok()?;
    let mut stream = socket.connect(address.parse().ok()?).await.ok()?;
    stream.write_all(request.as_bytes()).await.ok()?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.ok()?;
    Some(String::from_utf8_lossy(&response).into_owned())
}

fn post(path: &str, cookie: Option<&str>, body: &str) -> String {
    let cookie = cookie.map_or_else(String::new, |cookie| format!("Cookie: {cookie}\r\n"));
    format!(
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n{cookie}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

fn body_of(response: &str) -> serde_json::Value {
    response
        .find("\r\n\r\n")
        .and_then(|start| serde_json::from_str(&response[start + 4..]).ok())
        .unwrap_or_default()
}

async fn sign_in(address: &str, email: &str, password: &str, from: [u8; 4]) -> Option<String> {
    let body = serde_json::json!({ "email": email, "password": password }).to_string();
    let response = exchange_from(from, address, post("/api/auth/sign_in", None, &body)).await?;
    response.lines().find_map(|line| {
        line.to_ascii_lowercase()
            .starts_with("set-cookie:")
            .then(|| line["set-cookie:".len()..].trim().split(';').next())
            .flatten()
            .map(str::to_string)
    })
}

struct Device {
    cookie: String,
    client_id: String,
    cursor: i64,
    next_mutation: u64,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Work {
    Pull,
    Dashboard,
    Push,
}

/// One request of a device: whether it answered 200, how long the
/// exchange itself took (connect, send, the server's answer read to the
/// end), to tell the server's time from the client's own delays, and the
/// time the server says it spent in the handler (`Server-Timing`).
async fn act(
    address: &str,
    device: &Mutex<Device>,
    work: Work,
    size: usize,
    from: [u8; 4],
) -> (bool, Duration, Duration) {
    let (cookie, body, path) = {
        let mut device = device.lock().await;
        match work {
            Work::Pull => (
                device.cookie.clone(),
                serde_json::json!({ "request": { "protocol_version": 3, "client_id": device.client_id,
                    "cursor": device.cursor, "limit": 500 } })
                .to_string(),
                "/api/sync/pull",
            ),
            Work::Dashboard => (
                device.cookie.clone(),
                r#"{"team_id":null,"locale":"en"}"#.to_string(),
                "/api/dashboard/team",
            ),
            Work::Push => {
                let mutations: Vec<serde_json::Value> = (0..size)
                    .map(|index| {
                        device.next_mutation += 1;
                        let id = uuid::Uuid::now_v7().to_string();
                        let operation = if index % 2 == 0 {
                            serde_json::json!({ "type": "create_lead", "draft": {
                                "id": id, "owner_id": null, "name": format!("Load lead {}", device.next_mutation),
                                "company": "Load", "phone": "", "email": "", "source": "referral", "stage": "new",
                                "estimated_value": "1000", "currency": "USD", "customer_kind": "new",
                                "won_amount": "", "lost_reason": "" } })
                        } else {
                            serde_json::json!({ "type": "log_activity", "draft": {
                                "id": id, "lead_id": null, "kind": "call", "tactic": "cold_call", "outcome": "reached",
                                "notes": "Load call", "when": chrono::Utc::now().to_rfc3339(), "duration_minutes": "5",
                                "done": false } })
                        };
                        serde_json::json!({ "id": device.next_mutation, "operation": operation })
                    })
                    .collect();
                (
                    device.cookie.clone(),
                    serde_json::json!({ "request": { "protocol_version": 3, "client_id": device.client_id,
                        "mutations": mutations } })
                    .to_string(),
                    "/api/sync/push",
                )
            }
        }
    };
    let sent = Instant::now();
    let answer = exchange_from(from, address, post(path, Some(&cookie), &body)).await;
    let exchange = sent.elapsed();
    let Some(response) = answer else {
        return (false, exchange, Duration::ZERO);
    };
    let ok = response.starts_with("HTTP/1.1 200");
    let handler = server_timing(&response).unwrap_or_default();
    if ok && matches!(work, Work::Pull) {
        let answer = body_of(&response);
        if let Some(cursor) = answer["cursor"].as_i64() {
            device.lock().await.cursor = cursor;
        }
    }
    (ok, exchange, handler)
}

/// The `Server-Timing: app;dur=<ms>` of an answer.
fn server_timing(response: &str) -> Option<Duration> {
    let head = &response[..response.find("\r\n\r\n")?];
    head.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        if !name.eq_ignore_ascii_case("server-timing") {
            return None;
        }
        let milliseconds: f64 = value.trim().strip_prefix("app;dur=")?.parse().ok()?;
        Some(Duration::from_secs_f64(milliseconds / 1000.0))
    })
}

struct Figures {
    requests: usize,
    errors: usize,
    seconds: f64,
    latencies: Vec<Duration>,
    /// The exchanges alone (sorted): without the client's scheduling delay.
    exchanges: Vec<Duration>,
    /// The server's own time in the handler (sorted), from `Server-Timing`.
    handlers: Vec<Duration>,
    /// p99 per kind of request, scheduled and in the handler, in ms.
    by_kind: Vec<(Work, f64, f64)>,
    /// p99 of each `WINDOW_SECONDS` of the run, in ms: a tail that grows
    /// with time shows here.
    by_window: Vec<f64>,
    /// Requests over 50 ms, as (scheduled second, kind, a manager's device,
    /// ms), in scheduled order: whether they come together (a stall of the
    /// whole server) or alone (one slow kind).
    slow: Vec<(f64, Work, bool, f64)>,
}

impl Figures {
    fn at(&self, share: f64) -> f64 {
        percentile(&self.latencies, share)
    }

    fn handler_at(&self, share: f64) -> f64 {
        percentile(&self.handlers, share)
    }

    fn exchange_at(&self, share: f64) -> f64 {
        percentile(&self.exchanges, share)
    }

    /// The slow requests grouped into bursts (each within 100 ms of the
    /// last), largest first: how many, how many requests each, and when.
    fn slow_bursts(&self) -> String {
        let mut bursts: Vec<Vec<&(f64, Work, bool, f64)>> = Vec::new();
        for request in &self.slow {
            match bursts.last_mut() {
                Some(burst) if burst.last().is_some_and(|last| request.0 - last.0 < 0.1) => {
                    burst.push(request);
                }
                _ => bursts.push(vec![request]),
            }
        }
        let alone = bursts.iter().filter(|burst| burst.len() == 1).count();
        bursts.sort_by_key(|burst| std::cmp::Reverse(burst.len()));
        let largest: Vec<String> = bursts
            .iter()
            .take(8)
            .map(|burst| {
                let managers = burst.iter().filter(|request| request.2).count();
                let kinds: Vec<String> = [Work::Pull, Work::Dashboard, Work::Push]
                    .iter()
                    .map(|kind| {
                        format!(
                            "{kind:?} {}",
                            burst.iter().filter(|request| request.1 == *kind).count()
                        )
                    })
                    .collect();
                format!(
                    "{} at {:.1} s ({}; {managers} of managers; up to {:.0} ms)",
                    burst.len(),
                    burst[0].0,
                    kinds.join(", "),
                    burst.iter().map(|request| request.3).fold(0.0, f64::max)
                )
            })
            .collect();
        format!(
            "{} requests over 50 ms in {} bursts ({alone} alone); largest: {}",
            self.slow.len(),
            bursts.len(),
            largest.join("; ")
        )
    }

    fn line(&self, name: &str) -> String {
        let kinds: Vec<String> = self
            .by_kind
            .iter()
            .map(|(kind, p99, in_handler)| format!("{kind:?} {p99:.1} (handler {in_handler:.1})"))
            .collect();
        let windows: Vec<String> = self
            .by_window
            .iter()
            .map(|p99| format!("{p99:.0}"))
            .collect();
        format!(
            "{name}: {} requests in {:.0} s ({:.0}/s), p50 {:.1} ms, p99 {:.1} ms, p99.9 {:.1} ms, errors {} (p99 by kind, ms: {}; the exchange alone: p50 {:.1}, p99 {:.1}, p99.9 {:.1} ms; in the handler: p50 {:.1}, p99 {:.1}, p99.9 {:.1} ms; p99 per {WINDOW_SECONDS} s: {})",
            self.requests,
            self.seconds,
            self.requests as f64 / self.seconds,
            self.at(0.5),
            self.at(0.99),
            self.at(0.999),
            self.errors,
            kinds.join(", "),
            self.exchange_at(0.5),
            self.exchange_at(0.99),
            self.exchange_at(0.999),
            self.handler_at(0.5),
            self.handler_at(0.99),
            self.handler_at(0.999),
            windows.join(" ")
        )
    }
}

/// Plays the devices for `seconds` at `speed` times the normal rates,
/// device i through server i mod the number of servers.
async fn play(
    addresses: &[String],
    devices: &[Arc<Mutex<Device>>],
    seconds: f64,
    speed: f64,
) -> Figures {
    // Every request's scheduled moment, spread evenly over each period.
    let mut schedule: Vec<(f64, usize, Work, usize)> = Vec::new();
    for (index, _) in devices.iter().enumerate() {
        // Spread over the period in a stride order, so the manager's 20
        // devices (the last 20, whose pulls bring the whole team's
        // changes) do not all fall in the same last tenth of every period.
        let phase = ((index * PHASE_STRIDE) % devices.len()) as f64 / devices.len() as f64;
        for (period, work) in [
            (2.0, Work::Pull),
            (10.0, Work::Dashboard),
            (20.0, Work::Push),
        ] {
            let period = period / speed;
            let mut at = phase * period;
            while at < seconds {
                schedule.push((at, index, work, 1 + (index * 7 + (at as usize)) % 50));
                at += period;
            }
        }
    }
    schedule.sort_by(|a, b| a.0.total_cmp(&b.0));
    let started = tokio::time::Instant::now();
    let results = Arc::new(std::sync::Mutex::new(Vec::with_capacity(schedule.len())));
    let mut tasks = Vec::with_capacity(schedule.len());
    for (at, index, work, size) in schedule {
        let due = started + Duration::from_secs_f64(at);
        tokio::time::sleep_until(due).await;
        let (address, device, results) = (
            addresses[index % addresses.len()].clone(),
            devices[index].clone(),
            results.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let (ok, exchange, handler) =
                act(&address, &device, work, size, device_address(index)).await;
            let latency = tokio::time::Instant::now() - due;
            if let Ok(mut results) = results.lock() {
                results.push((ok, latency, work, exchange, handler, at, index));
            }
        }));
    }
    for task in tasks {
        let _ = task.await;
    }
    let results = results
        .lock()
        .map(|results| results.clone())
        .unwrap_or_default();
    let windows = (seconds / WINDOW_SECONDS).ceil().max(1.0) as usize;
    let by_window = (0..windows)
        .map(|window| {
            let mut own: Vec<Duration> = results
                .iter()
                .filter(|result| (result.5 / WINDOW_SECONDS) as usize == window)
                .map(|result| result.1)
                .collect();
            own.sort();
            percentile(&own, 0.99)
        })
        .collect();
    let mut slow: Vec<(f64, Work, bool, f64)> = results
        .iter()
        .filter(|result| result.1 > Duration::from_millis(50))
        .map(|result| {
            (
                result.5,
                result.2,
                result.6 >= REPS,
                result.1.as_secs_f64() * 1000.0,
            )
        })
        .collect();
    slow.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut latencies: Vec<Duration> = results
        .iter()
        .map(|(_, latency, _, _, _, _, _)| *latency)
        .collect();
    latencies.sort();
    let mut exchanges: Vec<Duration> = results
        .iter()
        .map(|(_, _, _, exchange, _, _, _)| *exchange)
        .collect();
    exchanges.sort();
    let mut handlers: Vec<Duration> = results
        .iter()
        .map(|(_, _, _, _, handler, _, _)| *handler)
        .collect();
    handlers.sort();
    let by_kind = [Work::Pull, Work::Dashboard, Work::Push]
        .into_iter()
        .map(|kind| {
            let mut own: Vec<Duration> = results
                .iter()
                .filter(|result| result.2 == kind)
                .map(|result| result.1)
                .collect();
            own.sort();
            let mut in_handler: Vec<Duration> = results
                .iter()
                .filter(|result| result.2 == kind)
                .map(|result| result.4)
                .collect();
            in_handler.sort();
            (kind, percentile(&own, 0.99), percentile(&in_handler, 0.99))
        })
        .collect();
    Figures {
        requests: results.len(),
        errors: results.iter().filter(|result| !result.0).count(),
        seconds,
        latencies,
        exchanges,
        handlers,
        by_window,
        slow,
        by_kind,
    }
}

/// Each device connects from its own loopback address (a machine of its
/// own to the sign-in throttle).
fn device_address(index: usize) -> [u8; 4] {
    [127, 0, 2 + (index / 250) as u8, 1 + (index % 250) as u8]
}

async fn open_stream(address: &str, cookie: &str) -> Option<TcpStream> {
    let mut stream = TcpStream::connect(address).await.ok()?;
    let request = format!(
        "GET /api/live/events HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {cookie}\r\nAccept: text/event-stream\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).await.ok()?;
    let mut buffer = [0_u8; 1024];
    let read = stream.read(&mut buffer).await.ok()?;
    (read > 0).then_some(stream)
}

/// The name under which a PostgreSQL server keeps the generated team, so
/// that later runs copy it (`CREATE DATABASE … TEMPLATE`, seconds) instead
/// of generating it again (minutes: every row goes through the roll-up
/// triggers). Drop it to generate afresh.
const GENERATED_TEAM: &str = "pishro_load_generated_team";

/// Fills `database` with the team the load plays (`pishro generate`).
fn generate_team(database: &str) {
    let generated = Command::new(env!("CARGO_BIN_EXE_pishro"))
        .args([
            "generate",
            "--reps",
            "180",
            "--leads",
            "36000",
            "--activities",
            "180000",
            "--months",
            "12",
        ])
        .env("PISHRO_DATABASE_URL", database)
        .env("PISHRO_DEMO_DATA", "0")
        .output()
        .expect("pishro generate");
    assert!(
        generated.status.success(),
        "{}",
        String::from_utf8_lossy(&generated.stderr)
    );
    print!("{}", String::from_utf8_lossy(&generated.stdout));
}

/// A new database copied from the kept generated team, if the server has one.
async fn copy_of_generated_team(server: &str) -> Option<String> {
    use sqlx::Connection;
    let mut admin = sqlx::postgres::PgConnection::connect(&format!("{server}/postgres"))
        .await
        .expect("PISHRO_BENCH_POSTGRES");
    let kept: Option<i32> = sqlx::query_scalar("SELECT 1 FROM pg_database WHERE datname = $1")
        .bind(GENERATED_TEAM)
        .fetch_optional(&mut admin)
        .await
        .expect("the server's databases");
    kept?;
    let name = format!("pishro_{}", uuid::Uuid::new_v4().simple());
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
        "CREATE DATABASE {name} TEMPLATE {GENERATED_TEAM}"
    )))
    .execute(&mut admin)
    .await
    .expect("a copy of the generated team");
    Some(format!("{server}/{name}"))
}

/// Keeps a copy of the freshly generated `database` as `GENERATED_TEAM`.
async fn keep_as_generated_team(server: &str, database: &str) {
    use sqlx::Connection;
    let Some(name) = database.rsplit('/').next() else {
        return;
    };
    let mut admin = sqlx::postgres::PgConnection::connect(&format!("{server}/postgres"))
        .await
        .expect("PISHRO_BENCH_POSTGRES");
    let kept = sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
        "CREATE DATABASE {GENERATED_TEAM} TEMPLATE {name}"
    )))
    .execute(&mut admin)
    .await;
    if let Err(error) = kept {
        println!("the generated team is not kept for later runs: {error}");
    }
}

#[tokio::main]
async fn main() {
    let seconds: f64 = std::env::var("PISHRO_LOAD_SECONDS")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(300.0);
    let directory = tempfile::tempdir().expect("temp dir");
    let address = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .to_string();
    let site = directory.path().join("site");
    std::fs::create_dir_all(&site).expect("site");
    std::fs::write(site.join("index.html"), "<!doctype html>").expect("index");
    let postgres = std::env::var("PISHRO_BENCH_POSTGRES")
        .ok()
        .filter(|server| !server.is_empty());
    let (database, copied) = match &postgres {
        Some(server) => match copy_of_generated_team(server).await {
            Some(copy) => (copy, true),
            None => (
                app::store::new_postgres_database(server)
                    .await
                    .expect("a database on PISHRO_BENCH_POSTGRES"),
                false,
            ),
        },
        None => (
            format!("sqlite:{}", directory.path().join("load.db").display()),
            false,
        ),
    };
    let server_count: usize = std::env::var("PISHRO_LOAD_SERVERS")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(1)
        .clamp(1, 8);
    assert!(
        server_count == 1 || database.starts_with("postgres"),
        "several servers share a PostgreSQL database: set PISHRO_BENCH_POSTGRES"
    );
    println!(
        "database: {}; {server_count} server(s)",
        database.split('@').next_back().unwrap_or_default()
    );
    let generating = Instant::now();
    if !copied {
        generate_team(&database);
        if let Some(server) = &postgres {
            keep_as_generated_team(server, &database).await;
        }
    }
    println!(
        "{} in {:.1} s",
        if copied {
            "copied the generated team kept on the server"
        } else {
            "generated"
        },
        generating.elapsed().as_secs_f64()
    );
    let mut addresses = vec![address];
    while addresses.len() < server_count {
        addresses.push(
            std::net::TcpListener::bind("127.0.0.1:0")
                .and_then(|listener| listener.local_addr())
                .expect("a free port")
                .to_string(),
        );
    }
    let servers: Vec<Server> = addresses
        .iter()
        .map(|address| {
            Server(
                Command::new(env!("CARGO_BIN_EXE_pishro"))
                    .env("PISHRO_ADDRESS", address)
                    .env("PISHRO_DATABASE_URL", &database)
                    .env("PISHRO_SITE_DIR", &site)
                    .env("PISHRO_DEMO_DATA", "0")
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .expect("start pishro"),
            )
        })
        .collect();
    for address in &addresses {
        until_listening(address).await;
    }
    // Resident memory of all servers together.
    let pids: Vec<u32> = servers.iter().map(|server| server.0.id()).collect();
    let resident = || pids.iter().map(|pid| resident_kib(*pid)).sum::<u64>();
    let address = addresses[0].clone();
    // One device per rep, and the manager's 20 devices.
    let manager = sign_in(
        &address,
        "gen7.manager@pishro.local",
        "pishro-demo",
        device_address(REPS),
    )
    .await
    .expect("the manager signs in");
    let mut devices = Vec::with_capacity(DEVICES);
    for index in 0..DEVICES {
        let cookie = if index < REPS {
            sign_in(
                &addresses[index % addresses.len()],
                &format!("gen7.rep{index:02}@pishro.local"),
                "pishro-demo",
                device_address(index),
            )
            .await
            .expect("a rep signs in")
        } else {
            manager.clone()
        };
        devices.push(Arc::new(Mutex::new(Device {
            cookie,
            client_id: uuid::Uuid::now_v7().to_string(),
            cursor: 0,
            next_mutation: 0,
        })));
    }
    // Each rep's first full pull, before measuring; the manager's devices
    // start where the reps' ended (as if synced earlier).
    let mut newest = 0;
    for (index, device) in devices.iter().enumerate().take(REPS) {
        for _ in 0..100 {
            let before = device.lock().await.cursor;
            act(
                &addresses[index % addresses.len()],
                device,
                Work::Pull,
                0,
                device_address(index),
            )
            .await;
            if device.lock().await.cursor == before {
                break;
            }
        }
        newest = newest.max(device.lock().await.cursor);
    }
    for device in devices.iter().skip(REPS) {
        device.lock().await.cursor = newest;
    }
    let cookies = [manager];
    let log_size = || {
        std::fs::metadata(directory.path().join("load.db-wal")).map_or(0, |metadata| metadata.len())
    };
    println!(
        "{DEVICES} devices synced; server resident {} KiB, write-ahead log {} KiB",
        resident(),
        log_size() / 1024
    );

    let steady = play(&addresses, &devices, seconds, 1.0).await;
    println!(
        "{}",
        steady.line(&format!("steady load, {DEVICES} devices"))
    );
    println!("{}", steady.slow_bursts());
    let file_size = |suffix: &str| {
        std::fs::metadata(directory.path().join(format!("load.db{suffix}")))
            .map_or(0, |metadata| metadata.len())
    };
    println!(
        "after the steady load: database {} KiB, write-ahead log {} KiB, server resident {} KiB",
        file_size("") / 1024,
        file_size("-wal") / 1024,
        resident()
    );

    if std::env::var("PISHRO_LOAD_STEADY_ONLY").is_ok_and(|value| value == "1") {
        return;
    }

    let mut capacity = None;
    for speed in [1.5, 2.0, 3.0, 4.0, 6.0, 8.0] {
        let figures = play(&addresses, &devices, 15.0, speed).await;
        println!("{}", figures.line(&format!("x{speed}")));
        if figures.at(0.99) > 50.0 {
            capacity = Some(figures.requests as f64 / figures.seconds);
            break;
        }
    }
    match capacity {
        Some(rate) => println!("p99 passes 50 ms at about {rate:.0} requests/s"),
        None => println!("p99 stayed under 50 ms up to x8"),
    }

    let mut streams = Vec::new();
    for stream_number in 0..1_000 {
        let address = &addresses[stream_number % addresses.len()];
        if let Some(stream) = open_stream(address, &cookies[0]).await {
            streams.push(stream);
        }
    }
    let with_streams = play(&addresses, &devices, seconds.min(60.0), 1.0).await;
    println!(
        "{} (server resident {} KiB)",
        with_streams.line(&format!(
            "steady load with {} live dashboards open",
            streams.len()
        )),
        resident()
    );
    drop(streams);

    // Password guessing from 50 addresses while the real rep signs in from
    // their own, once a second.
    let before = resident();
    let flood_seconds = 30;
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let guesses = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let mut attackers = Vec::new();
    for attacker in 0..50_u8 {
        let (address, stop, guesses) = (
            addresses[usize::from(attacker) % addresses.len()].clone(),
            stop.clone(),
            guesses.clone(),
        );
        attackers.push(tokio::spawn(async move {
            let mut round = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                round += 1;
                let _ = sign_in(
                    &address,
                    "gen7.rep00@pishro.local",
                    &format!("guess {round}"),
                    [127, 0, 1, attacker + 1],
                )
                .await;
                guesses.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
        }));
    }
    let (mut signed_in, mut tries, mut slowest) = (0, 0, Duration::ZERO);
    for _ in 0..flood_seconds {
        let sent = Instant::now();
        tries += 1;
        if sign_in(
            &address,
            "gen7.rep00@pishro.local",
            "pishro-demo",
            [127, 0, 0, 2],
        )
        .await
        .is_some()
        {
            signed_in += 1;
        }
        slowest = slowest.max(sent.elapsed());
        tokio::time::sleep(Duration::from_secs(1).saturating_sub(sent.elapsed())).await;
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    for attacker in attackers {
        let _ = attacker.await;
    }
    println!(
        "password flood: {} wrong guesses from 50 addresses in {flood_seconds} s; the real rep signed in {signed_in} of {tries} times (slowest {:.0} ms); server resident {before} -> {} KiB",
        guesses.load(std::sync::atomic::Ordering::Relaxed),
        slowest.as_secs_f64() * 1000.0,
        resident()
    );
}
