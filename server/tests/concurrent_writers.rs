//! Writers at once (issue 14, item 7): every write opens its transaction
//! with `BEGIN IMMEDIATE`, so writers queue for SQLite's one write lock
//! instead of failing with SQLITE_BUSY when a read-then-write transaction
//! finds that another writer committed first. Eight devices pushing and
//! saving through the real router at the same moment all succeed, and every
//! row they wrote is there exactly once.

use crate::support::*;
use http::StatusCode;
use serde_json::json;

const WRITERS: usize = 8;
const ROUNDS: usize = 12;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn eight_writers_at_once_all_succeed() {
    let world = std::sync::Arc::new(world().await);
    let writers: Vec<_> = (0..WRITERS)
        .map(|writer| {
            let world = world.clone();
            tokio::spawn(async move {
                let client = new_id();
                let mut failures = Vec::new();
                let mut written = 0_i64;
                for round in 0..ROUNDS {
                    let person = match writer % 3 {
                        0 => &world.rep1,
                        1 => &world.rep2,
                        _ => &world.rep_b,
                    };
                    let (lead, activity) = (new_id(), new_id());
                    // A push: reads the device's last applied mutation, then writes.
                    let push = person
                        .call(
                            &world,
                            "/api/sync/push",
                            json!({ "request": { "protocol_version": 1, "client_id": client, "mutations": [
                                { "id": round as u64 * 2 + 1, "operation": { "type": "create_lead", "draft": lead_draft(&lead, &format!("Writer {writer} lead {round}")) } },
                                { "id": round as u64 * 2 + 2, "operation": { "type": "log_activity", "draft": activity_draft(&activity, Some(&lead)) } },
                            ] } }),
                        )
                        .await;
                    if push.status == StatusCode::OK {
                        written += 2;
                    } else {
                        failures.push(format!("push {}: {}", push.status, push.body));
                    }
                    // A form save: reads the lead's owner, then writes.
                    let mut draft = lead_draft(&lead, &format!("Writer {writer} lead {round} renamed"));
                    draft["stage"] = json!("contacted");
                    let save = person.call(&world, "/api/leads/save", json!({ "draft": draft })).await;
                    if save.status != StatusCode::OK {
                        failures.push(format!("save {}: {}", save.status, save.body));
                    }
                }
                (failures, written)
            })
        })
        .collect();
    let mut failures = Vec::new();
    let mut written = 0;
    for writer in writers {
        let (mut failed, rows) = writer.await.expect("writer task");
        failures.append(&mut failed);
        written += rows;
    }
    assert!(failures.is_empty(), "failed writes: {failures:#?}");
    let leads: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM leads WHERE name LIKE 'Writer % renamed' AND stage = 'contacted'",
    )
    .fetch_one(world.store.pool())
    .await
    .expect("count leads");
    let activities: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM activities")
        .fetch_one(world.store.pool())
        .await
        .expect("count activities");
    assert_eq!(written, (WRITERS * ROUNDS * 2) as i64);
    assert_eq!(leads, (WRITERS * ROUNDS) as i64);
    assert_eq!(activities, (WRITERS * ROUNDS) as i64);
    // Versions are handed out once each: no two rows share one.
    let shared_versions: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM (SELECT version FROM leads UNION ALL SELECT version FROM activities) AS versions \
         GROUP BY version HAVING COUNT(*) > 1",
    )
    .fetch_optional(world.store.pool())
    .await
    .expect("versions")
    .unwrap_or(0);
    assert_eq!(shared_versions, 0);
}
