//! Staff records over the real router and a temporary SQLite file (issue
//! 15): a manager keeps their rep's start day and notes, reads the rep's
//! role history (from the audit history) beside them; a future start day
//! gets a field error; the rep, another team's manager and a rep of
//! another team are refused before anything is written.

use crate::support::*;
use http::StatusCode;
use serde_json::json;

#[tokio::test]
async fn a_manager_keeps_a_reps_start_day_notes_and_reads_their_role_history() {
    let world = world().await;
    let rep1 = world.rep1.id;
    let empty = ok(
        &world.manager_a,
        &world,
        "/api/people/staff/read",
        json!({ "person_id": rep1 }),
    )
    .await;
    assert_eq!(empty["started_on"], json!(null));
    assert_eq!(empty["notes"], "");

    let future = world
        .manager_a
        .call(
            &world,
            "/api/people/staff/save",
            json!({ "person_id": rep1, "draft": { "started_on": "2999-01-01", "notes": "" } }),
        )
        .await;
    assert_eq!(problem_fields(&future), vec!["started_on"]);
    assert_eq!(
        future.body["Invalid"][0]["problem"], "in_future",
        "{}",
        future.body
    );

    let saved = ok(
        &world.manager_a,
        &world,
        "/api/people/staff/save",
        json!({ "person_id": rep1, "draft": { "started_on": "2024-03-10", "notes": "Speaks Turkish" } }),
    )
    .await;
    assert_eq!(saved["started_on"], "2024-03-10");
    assert_eq!(saved["notes"], "Speaks Turkish");

    // The admin moves rep1 to team B: the move is in the role history.
    let person = |team: String| {
        json!({ "draft": { "id": rep1, "email": "rep1@test.local", "display_name": "rep1@test.local",
            "role": "rep", "team_id": team, "locale": "en", "active": true, "password": "" } })
    };
    ok(
        &world.admin,
        &world,
        "/api/people/save",
        person(world.team_b.to_string()),
    )
    .await;
    let moved = ok(
        &world.manager_b,
        &world,
        "/api/people/staff/read",
        json!({ "person_id": rep1 }),
    )
    .await;
    assert_eq!(moved["started_on"], "2024-03-10", "{moved}");
    let history: Vec<_> = moved["role_history"]
        .as_array()
        .map(|all| {
            all.iter()
                .map(|entry| (entry["field"].clone(), entry["after"].clone()))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        history.last(),
        Some(&(json!("team_id"), json!("Team B"))),
        "{moved}"
    );
    // Team A's manager no longer keeps rep1's record.
    let gone = world
        .manager_a
        .call(
            &world,
            "/api/people/staff/read",
            json!({ "person_id": rep1 }),
        )
        .await;
    assert_eq!(gone.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn reps_and_other_teams_are_refused_before_writing() {
    let world = world().await;
    let rep1 = world.rep1.id;
    ok(
        &world.manager_a,
        &world,
        "/api/people/staff/save",
        json!({ "person_id": rep1, "draft": { "started_on": "2025-01-05", "notes": "Kept" } }),
    )
    .await;
    for person in [&world.rep1, &world.rep2, &world.manager_b, &world.rep_b] {
        for (path, body) in [
            ("/api/people/staff/read", json!({ "person_id": rep1 })),
            (
                "/api/people/staff/save",
                json!({ "person_id": rep1, "draft": { "started_on": "", "notes": "Taken" } }),
            ),
        ] {
            let answer = person.call(&world, path, body).await;
            assert_eq!(
                answer.status,
                StatusCode::FORBIDDEN,
                "{path}: {}",
                answer.body
            );
            assert!(!answer.body.to_string().contains("Kept"));
        }
    }
    let notes: String = sqlx::query_scalar("SELECT notes FROM staff_records WHERE user_id = $1")
        .bind(rep1.to_string())
        .fetch_one(world.store.pool())
        .await
        .unwrap_or_default();
    assert_eq!(notes, "Kept");
}
