//! Fuzzing the push (issue 14): arbitrary bytes posted to the sync push,
//! and arbitrary well-typed mutations (every operation, fields of any text,
//! ids of existing and unknown records, other people's leads) pushed by a
//! rep, through the real router and a real SQLite file. Bytes never get a
//! 500; a push of well-typed mutations is always answered 200 with every
//! mutation applied or rejected (so a device's outbox never sticks), and the
//! server's count of the device's mutations keeps up. `PISHRO_FUZZ_CASES`
//! sets the cases (default 1,000 bytes and 400 pushes).

use crate::support::*;
use http::StatusCode;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{Value, json};

fn cases(default: u32) -> u32 {
    std::env::var("PISHRO_FUZZ_CASES")
        .ok()
        .and_then(|value| value.parse::<u32>().ok())
        .map_or(default, |cases| cases.max(1))
}

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    })
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9۰-۹.,٫ -]{0,24}",
        "[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:00Z)?",
        proptest::sample::select(vec![
            "won",
            "lost",
            "new",
            "call",
            "meeting",
            "cold_call",
            "reached",
            "USD",
            "IRR",
            "referral",
            "existing",
            "name",
            "stage",
            "owner_id",
            "estimated_value",
        ])
        .prop_map(str::to_string),
        Just(String::new()),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn arbitrary_bytes_never_get_a_server_error() {
    let world = world().await;
    let handle = tokio::runtime::Handle::current();
    let result = tokio::task::spawn_blocking(move || {
        let strategy = prop_oneof![
            proptest::collection::vec(any::<u8>(), 0..600),
            text().prop_map(String::into_bytes),
            // Almost a push: valid JSON, wrong shapes.
            (text(), any::<i64>(), text()).prop_map(|(client, id, kind)| json!({ "request": {
                "protocol_version": 1, "client_id": client, "mutations": [{ "id": id, "operation": { "type": kind } }]
            } }).to_string().into_bytes()),
        ];
        runner(cases(1_000)).run(&strategy, |bytes| {
            let status = handle.block_on(async {
                let request = http::Request::builder()
                    .method("POST")
                    .uri("/api/sync/push")
                    .header(http::header::CONTENT_TYPE, "application/json")
                    .header(http::header::COOKIE, &world.rep1.cookie)
                    .body(axum::body::Body::from(bytes))
                    .expect("request");
                send(&world.router, request).await.status
            });
            prop_assert_ne!(status, StatusCode::INTERNAL_SERVER_ERROR);
            Ok(())
        })
    })
    .await
    .expect("the fuzzing thread");
    assert!(result.is_ok(), "{result:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn arbitrary_well_typed_mutations_are_applied_or_rejected_never_stuck() {
    let world = world().await;
    // Leads to aim at: rep1's own and rep_b's (another team).
    let (own, foreign) = (new_id(), new_id());
    for (person, lead) in [(&world.rep1, &own), (&world.rep_b, &foreign)] {
        let saved = person
            .call(
                &world,
                "/api/leads/save",
                json!({ "draft": lead_draft(lead, "Fuzz target") }),
            )
            .await;
        assert_eq!(saved.status, StatusCode::OK);
    }
    let ids = vec![own.clone(), foreign.clone(), new_id()];
    let id = proptest::sample::select(ids);
    let lead_fields = app::sync::plan::LEAD_FIELDS;
    let draft = (
        proptest::collection::vec(text(), lead_fields.len()),
        id.clone(),
    )
        .prop_map(move |(values, id)| {
            let mut draft = json!({ "id": id, "owner_id": null });
            for (field, value) in lead_fields.iter().zip(values) {
                if *field != "owner_id" {
                    draft[*field] = json!(value);
                }
            }
            draft
        });
    let activity = {
        let id = id.clone();
        move || {
            (proptest::collection::vec(text(), 6), any::<bool>(), id.clone()).prop_map(
                |(values, done, lead)| {
                    json!({ "id": uuid::Uuid::now_v7().to_string(), "lead_id": lead, "kind": values[0],
                        "tactic": values[1], "outcome": values[2], "notes": values[3], "when": values[4],
                        "duration_minutes": values[5], "done": done })
                },
            )
        }
    };
    let change = (
        proptest::sample::select(lead_fields.to_vec()),
        text(),
        text(),
    )
        .prop_map(|(field, base, value)| json!({ "field": field, "base": base, "value": value }));
    let operation = prop_oneof![
        draft.prop_map(|draft| json!({ "type": "create_lead", "draft": draft })),
        (id.clone(), proptest::collection::vec(change, 0..16))
            .prop_map(|(id, changes)| json!({ "type": "update_lead", "id": id, "changes": changes })),
        id.clone().prop_map(|id| json!({ "type": "delete_lead", "id": id })),
        activity().prop_map(|draft| json!({ "type": "log_activity", "draft": draft })),
        activity().prop_map(|draft| json!({ "type": "update_activity", "draft": draft })),
        any::<bool>().prop_map(|done| json!({ "type": "complete_task", "id": uuid::Uuid::now_v7().to_string(), "done": done })),
        (text(), text()).prop_map(|(to, message)| json!({ "type": "give_kudos",
            "draft": { "id": uuid::Uuid::now_v7().to_string(), "to_user_id": to, "message": message } })),
    ];
    let batch = proptest::collection::vec(operation, 1..12);
    let client = new_id();
    let handle = tokio::runtime::Handle::current();
    let next = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(1));
    let result = tokio::task::spawn_blocking({
        let world = std::sync::Arc::new(world);
        move || {
            runner(cases(400)).run(&batch, |operations| {
                let first = next.fetch_add(operations.len() as u64, std::sync::atomic::Ordering::SeqCst);
                let mutations: Vec<Value> = operations
                    .into_iter()
                    .enumerate()
                    .map(|(offset, operation)| json!({ "id": first + offset as u64, "operation": operation }))
                    .collect();
                let last = first + mutations.len() as u64 - 1;
                let answer = handle.block_on(world.rep1.call(
                    &world,
                    "/api/sync/push",
                    json!({ "request": { "protocol_version": 3, "client_id": client, "mutations": mutations } }),
                ));
                prop_assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
                prop_assert_eq!(answer.body["last_mutation_id"].as_u64(), Some(last), "{}", answer.body);
                Ok(())
            })
        }
    })
    .await
    .expect("the fuzzing thread");
    assert!(result.is_ok(), "{result:?}");
}
