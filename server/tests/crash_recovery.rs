//! Crashes (issue 14, "Faults"): the real `pishro` binary is killed with
//! SIGKILL at random moments while simulated devices push, and started
//! again on the same database. After every crash each device's applied
//! mutations are exactly a prefix of its outbox (a push is one transaction:
//! nothing half-applied), nothing acknowledged is missing, and at the end
//! every device's work is there exactly once and every device converges.
//!
//! `PISHRO_CRASH_ROUNDS` (default 4) and `PISHRO_CRASH_SEED` choose how
//! many crashes and where; the README's test command runs the default.

#![cfg(unix)]

use crate::support::process::{Server, request, sign_in, start, try_request};
use crate::support::{lead_draft, new_id};
use app::store::demo::DEMO_REP1;
use serde_json::{Value, json};
use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Mutex;

const DEVICES: usize = 5;

/// A small deterministic random source (no dependency, same run per seed).
struct Dice(u64);

impl Dice {
    fn below(&mut self, limit: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % limit.max(1)
    }
}

/// One device: its outbox of lead creations, numbered from 1, and how far
/// the server has acknowledged it.
struct Device {
    client_id: String,
    /// The lead each mutation creates; mutation n creates `leads[n - 1]`.
    leads: Vec<String>,
    acknowledged: usize,
}

impl Device {
    fn push_body(&self) -> String {
        let mutations: Vec<Value> = self
            .leads
            .iter()
            .enumerate()
            .skip(self.acknowledged)
            .take(50)
            .map(|(index, lead)| {
                json!({ "id": index + 1, "operation": { "type": "create_lead",
                    "draft": lead_draft(lead, &format!("Crash lead {}", index + 1)) } })
            })
            .collect();
        json!({ "request": { "protocol_version": 1, "client_id": self.client_id, "mutations": mutations } })
            .to_string()
    }
}

/// Pushes until the server goes away (or `pushes` are done): with `grow`,
/// each push first adds a few new leads to the outbox; each sends what is
/// not acknowledged yet.
async fn keep_pushing(
    device: Arc<Mutex<Device>>,
    address: String,
    cookie: String,
    pushes: usize,
    seed: u64,
    grow: bool,
) {
    let mut dice = Dice(seed);
    for _ in 0..pushes {
        let body = {
            let mut device = device.lock().await;
            if grow {
                for _ in 0..=dice.below(8) {
                    device.leads.push(new_id());
                }
            } else if device.acknowledged == device.leads.len() {
                return;
            }
            device.push_body()
        };
        let response = tokio::time::timeout(
            Duration::from_secs(10),
            try_request(
                &address,
                &format!("POST /api/sync/push HTTP/1.1\r\nContent-Type: application/json\r\nCookie: {cookie}"),
                &body,
            ),
        )
        .await;
        let Ok(Some(response)) = response else { return };
        let Some(json_start) = response.find("\r\n\r\n") else {
            return;
        };
        if !response.starts_with("HTTP/1.1 200") {
            return;
        }
        let answer: Value = serde_json::from_str(&response[json_start + 4..]).unwrap_or_default();
        let Some(last) = answer["last_mutation_id"].as_u64() else {
            return;
        };
        let mut device = device.lock().await;
        device.acknowledged = device.acknowledged.max(usize::try_from(last).unwrap_or(0));
    }
}

/// What the database holds for each device: its last applied mutation and
/// which of its leads exist.
async fn applied(
    database: &std::path::Path,
    devices: &[Arc<Mutex<Device>>],
) -> Vec<(usize, Vec<bool>)> {
    use sqlx::ConnectOptions;
    let mut connection = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(database)
        .read_only(true)
        .connect()
        .await
        .expect("the database opens after the crash");
    let mut found = Vec::new();
    for device in devices {
        let device = device.lock().await;
        let last: Option<i64> =
            sqlx::query_scalar("SELECT last_mutation_id FROM sync_clients WHERE client_id = $1")
                .bind(&device.client_id)
                .fetch_optional(&mut connection)
                .await
                .expect("client row");
        let mut present = Vec::with_capacity(device.leads.len());
        for lead in &device.leads {
            let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM leads WHERE id = $1")
                .bind(lead)
                .fetch_one(&mut connection)
                .await
                .expect("lead count");
            present.push(count == 1);
        }
        found.push((usize::try_from(last.unwrap_or(0)).unwrap_or(0), present));
    }
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn killed_at_random_moments_the_server_loses_nothing_acknowledged_and_half_applies_nothing() {
    let rounds: usize = std::env::var("PISHRO_CRASH_ROUNDS")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(4);
    let seed: u64 = std::env::var("PISHRO_CRASH_SEED")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(20_261_202);
    let mut dice = Dice(seed);
    let directory = tempfile::tempdir().expect("temp dir");
    let database = directory.path().join("pishro.db");
    let devices: Vec<Arc<Mutex<Device>>> = (0..DEVICES)
        .map(|_| {
            Arc::new(Mutex::new(Device {
                client_id: new_id(),
                leads: Vec::new(),
                acknowledged: 0,
            }))
        })
        .collect();

    let mut crashes = 0;
    let mut unanswered = 0;
    for round in 0..=rounds {
        let mut server: Server = start(directory.path()).await;
        let cookie = sign_in(&server.address, DEMO_REP1).await;
        let last_round = round == rounds;
        let pushers: Vec<_> = devices
            .iter()
            .enumerate()
            .map(|(index, device)| {
                tokio::spawn(keep_pushing(
                    device.clone(),
                    server.address.clone(),
                    cookie.clone(),
                    if last_round { 20 } else { 1_000 },
                    seed ^ ((round * DEVICES + index) as u64 + 1),
                    true,
                ))
            })
            .collect();
        if last_round {
            // No crash: every device pushes until its outbox is empty.
            for pusher in pushers {
                pusher.await.expect("pusher");
            }
            for device in &devices {
                keep_pushing(
                    device.clone(),
                    server.address.clone(),
                    cookie.clone(),
                    1_000,
                    seed,
                    false,
                )
                .await;
            }
            // Every device converges: a pull from the start (page after
            // page) holds all its leads.
            let puller = new_id();
            let mut ids = HashSet::new();
            let mut cursor = 0_i64;
            loop {
                let pulled = request(
                    &server.address,
                    &format!("POST /api/sync/pull HTTP/1.1\r\nContent-Type: application/json\r\nCookie: {cookie}"),
                    &json!({ "request": { "protocol_version": 1, "client_id": puller, "cursor": cursor, "limit": 500 } }).to_string(),
                )
                .await;
                let answer: Value = pulled
                    .find("\r\n\r\n")
                    .and_then(|start| serde_json::from_str(&pulled[start + 4..]).ok())
                    .unwrap_or_default();
                for change in answer["changes"].as_array().cloned().unwrap_or_default() {
                    if let Some(id) = change["row"]["id"].as_str() {
                        ids.insert(id.to_string());
                    }
                }
                let next = answer["cursor"].as_i64().unwrap_or(cursor);
                if answer["more"] != json!(true) || next <= cursor {
                    break;
                }
                cursor = next;
            }
            for device in &devices {
                let device = device.lock().await;
                for lead in &device.leads {
                    assert!(ids.contains(lead), "a pull is missing lead {lead}");
                }
            }
            drop(server);
            break;
        }
        // Kill it while the devices are pushing.
        tokio::time::sleep(Duration::from_millis(150 + dice.below(600))).await;
        server.child.kill().expect("SIGKILL");
        server.child.wait().expect("the server died");
        crashes += 1;
        for pusher in pushers {
            pusher.await.expect("pusher");
        }
        // Each device: applied mutations are exactly 1..=last, never more,
        // and everything acknowledged is among them.
        for (index, (last, present)) in applied(&database, &devices).await.into_iter().enumerate() {
            let acknowledged = devices[index].lock().await.acknowledged;
            if last > acknowledged {
                // Committed, but the answer died with the server: the
                // device sends it again and the server skips it.
                unanswered += last - acknowledged;
            }
            assert!(
                last >= acknowledged,
                "device {index}: acknowledged {acknowledged}, applied {last}"
            );
            for (position, there) in present.iter().enumerate() {
                assert_eq!(
                    *there,
                    position < last,
                    "device {index}, mutation {}: half-applied push (last applied {last})",
                    position + 1
                );
            }
        }
    }
    assert_eq!(crashes, rounds);
    // At the end: every lead of every device exactly once, nothing else.
    let found = applied(&database, &devices).await;
    let mut total = 0;
    for (index, (last, present)) in found.iter().enumerate() {
        let device = devices[index].lock().await;
        assert_eq!(*last, device.leads.len(), "device {index} fully applied");
        assert!(
            present.iter().all(|there| *there),
            "device {index}: a lead is missing"
        );
        total += device.leads.len();
    }
    assert!(total > DEVICES * 20, "the devices pushed {total} leads");
    eprintln!(
        "{crashes} crashes, {total} leads pushed by {DEVICES} devices, \
         {unanswered} mutations committed but unanswered at a crash (sent again, applied once)"
    );
    use sqlx::ConnectOptions;
    let mut connection = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(&database)
        .read_only(true)
        .connect()
        .await
        .expect("database");
    let crash_leads: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM leads WHERE name LIKE 'Crash lead %'")
            .fetch_one(&mut connection)
            .await
            .expect("count");
    assert_eq!(
        crash_leads,
        i64::try_from(total).unwrap_or(-1),
        "each lead exactly once"
    );
}
