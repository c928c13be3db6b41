//! Training over the real router and a temporary SQLite file (issue 15): a
//! manager starts a programme, plans sessions, ticks who came and marks who
//! completed; a completion counts toward the person's (and the team's)
//! "training completed" goal in the period of its day; every step is in the
//! audit history. Reps, another team's manager and people of another team
//! are refused before anything is written.

use crate::support::*;
use http::StatusCode;
use serde_json::{Value, json};

fn programme(title: &str) -> Value {
    json!({ "team_id": null, "draft": { "id": null, "kind": "product", "title": title, "description": "The 2027 price list" } })
}

async fn count(world: &World, table: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
        .fetch_one(world.store.pool())
        .await
        .unwrap_or(-1)
}

#[tokio::test]
async fn a_completion_counts_toward_the_training_goals_of_its_period() {
    let world = world().await;
    let programme_id = ok(
        &world.manager_a,
        &world,
        "/api/training/save_programme",
        programme("Pricing 2027"),
    )
    .await;
    let session = |day: &str| json!({ "draft": { "programme_id": programme_id, "day": day, "topic": "Discounts" } });
    ok(
        &world.manager_a,
        &world,
        "/api/training/add_session",
        session("2026-11-10"),
    )
    .await;
    let view = ok(
        &world.manager_a,
        &world,
        "/api/training/list",
        json!({ "team_id": null }),
    )
    .await;
    assert_eq!(view["programmes"][0]["title"], "Pricing 2027");
    assert_eq!(view["programmes"][0]["kind"], "product");
    // Reps come first among the people offered.
    assert_eq!(view["people"][0]["role"], "rep", "{view}");
    let session_id = view["programmes"][0]["sessions"][0]["id"].clone();
    ok(
        &world.manager_a,
        &world,
        "/api/training/set_attendance",
        json!({ "session_id": session_id, "person_id": world.rep1.id, "attended": true }),
    )
    .await;

    let goal = |id: &str, scope: &str, subject: String| {
        json!({ "draft": { "id": id, "scope": scope, "subject_id": subject, "metric": "training_completed",
            "target": "2", "currency": "USD", "period_start": "2026-11-01", "period_end": "2026-11-30" } })
    };
    let (rep_goal, team_goal) = (new_id(), new_id());
    ok(
        &world.manager_a,
        &world,
        "/api/goals/save",
        goal(&rep_goal, "rep", world.rep1.id.to_string()),
    )
    .await;
    ok(
        &world.manager_a,
        &world,
        "/api/goals/save",
        goal(&team_goal, "team", world.team_a.to_string()),
    )
    .await;
    let complete = |day: &str| json!({ "programme_id": programme_id, "person_id": world.rep1.id, "completed_on": day });
    ok(
        &world.manager_a,
        &world,
        "/api/training/set_completion",
        complete("2026-11-12"),
    )
    .await;
    // A completion in December does not count for November.
    let other = ok(
        &world.manager_a,
        &world,
        "/api/training/save_programme",
        programme("Objections"),
    )
    .await;
    ok(
        &world.manager_a,
        &world,
        "/api/training/set_completion",
        json!({ "programme_id": other, "person_id": world.rep2.id, "completed_on": "2026-12-02" }),
    )
    .await;

    let actual = |standings: &Value, id: &str| {
        standings
            .as_array()
            .and_then(|all| all.iter().find(|one| one["goal"]["id"] == id))
            .map(|one| one["actual"].clone())
            .unwrap_or(Value::Null)
    };
    let standings = ok(
        &world.rep1,
        &world,
        "/api/goals/standings",
        json!({ "day": "2026-11-20" }),
    )
    .await;
    assert_eq!(actual(&standings, &rep_goal), 1, "{standings}");
    let team = ok(
        &world.manager_a,
        &world,
        "/api/goals/standings",
        json!({ "day": "2026-11-20" }),
    )
    .await;
    assert_eq!(actual(&team, &team_goal), 1, "{team}");

    // Taken back, it stops counting; the history keeps both steps.
    ok(
        &world.manager_a,
        &world,
        "/api/training/set_completion",
        complete(""),
    )
    .await;
    let after = ok(
        &world.rep1,
        &world,
        "/api/goals/standings",
        json!({ "day": "2026-11-20" }),
    )
    .await;
    assert_eq!(actual(&after, &rep_goal), 0);
    let history = ok(
        &world.manager_a,
        &world,
        "/api/audit/item",
        json!({ "subject": "record", "id": programme_id }),
    )
    .await;
    let fields: Vec<_> = history
        .as_array()
        .map(|all| all.iter().map(|entry| entry["field"].clone()).collect())
        .unwrap_or_default();
    assert_eq!(
        fields
            .iter()
            .filter(|field| **field == "training_completed")
            .count(),
        2,
        "{history}"
    );
    assert!(fields.contains(&json!("created")), "{history}");
    let entry = history
        .as_array()
        .and_then(|all| {
            all.iter()
                .find(|entry| entry["field"] == "training_completed" && entry["after"].is_string())
        })
        .cloned()
        .unwrap_or(Value::Null);
    assert_eq!(entry["after"], "rep1@test.local 2026-11-12", "{history}");
    assert_eq!(entry["actor_name"], "manager.a@test.local", "{history}");
}

#[tokio::test]
async fn bad_drafts_get_field_problems_and_outsiders_are_refused_before_writing() {
    let world = world().await;
    let bad = world
        .manager_a
        .call(
            &world,
            "/api/training/save_programme",
            json!({ "team_id": null, "draft": { "id": null, "kind": "juggling", "title": " ", "description": "" } }),
        )
        .await;
    assert_eq!(problem_fields(&bad), vec!["training_kind", "title"]);
    let programme_id = ok(
        &world.manager_a,
        &world,
        "/api/training/save_programme",
        programme("Onboarding"),
    )
    .await;
    let bad_session = world
        .manager_a
        .call(
            &world,
            "/api/training/add_session",
            json!({ "draft": { "programme_id": programme_id, "day": "next week", "topic": "" } }),
        )
        .await;
    assert_eq!(
        problem_fields(&bad_session),
        vec!["training_day", "training_topic"]
    );
    let bad_day = world
        .manager_a
        .call(
            &world,
            "/api/training/set_completion",
            json!({ "programme_id": programme_id, "person_id": world.rep1.id, "completed_on": "soon" }),
        )
        .await;
    assert_eq!(problem_fields(&bad_day), vec!["training_completed_on"]);
    let future = world
        .manager_a
        .call(
            &world,
            "/api/training/set_completion",
            json!({ "programme_id": programme_id, "person_id": world.rep1.id, "completed_on": "2999-01-01" }),
        )
        .await;
    assert_eq!(
        future.body["Invalid"][0]["problem"], "in_future",
        "{}",
        future.body
    );
    ok(
        &world.manager_a,
        &world,
        "/api/training/add_session",
        json!({ "draft": { "programme_id": programme_id, "day": "2026-12-01", "topic": "Welcome" } }),
    )
    .await;
    let session_id: String = sqlx::query_scalar("SELECT id FROM training_sessions")
        .fetch_one(world.store.pool())
        .await
        .unwrap_or_default();
    let (sessions, completions) = (
        count(&world, "training_sessions").await,
        count(&world, "training_completions").await,
    );

    // A rep of the team and the other team's manager may not touch it.
    for person in [&world.rep1, &world.manager_b] {
        for (path, body) in [
            (
                "/api/training/add_session",
                json!({ "draft": { "programme_id": programme_id, "day": "2026-12-02", "topic": "x" } }),
            ),
            (
                "/api/training/set_completion",
                json!({ "programme_id": programme_id, "person_id": world.rep1.id, "completed_on": "2026-12-02" }),
            ),
            (
                "/api/training/set_attendance",
                json!({ "session_id": session_id, "person_id": world.rep1.id, "attended": true }),
            ),
            (
                "/api/training/delete_session",
                json!({ "session_id": session_id }),
            ),
            (
                "/api/training/delete_programme",
                json!({ "programme_id": programme_id }),
            ),
            (
                "/api/training/save_programme",
                json!({ "team_id": null, "draft": { "id": programme_id, "kind": "skills", "title": "Taken", "description": "" } }),
            ),
        ] {
            let answer = person.call(&world, path, body).await;
            assert_eq!(
                answer.status,
                StatusCode::FORBIDDEN,
                "{path}: {}",
                answer.body
            );
        }
    }
    let aimed = world
        .manager_b
        .call(
            &world,
            "/api/training/list",
            json!({ "team_id": world.team_a.to_string() }),
        )
        .await;
    assert_eq!(aimed.status, StatusCode::FORBIDDEN);
    // Team A's manager may not name team B's rep.
    for (path, body) in [
        (
            "/api/training/set_completion",
            json!({ "programme_id": programme_id, "person_id": world.rep_b.id, "completed_on": "2026-12-02" }),
        ),
        (
            "/api/training/set_attendance",
            json!({ "session_id": session_id, "person_id": world.rep_b.id, "attended": true }),
        ),
    ] {
        let answer = world.manager_a.call(&world, path, body).await;
        assert_eq!(
            answer.status,
            StatusCode::NOT_FOUND,
            "{path}: {}",
            answer.body
        );
    }
    assert_eq!(count(&world, "training_sessions").await, sessions);
    assert_eq!(count(&world, "training_completions").await, completions);
    assert_eq!(count(&world, "training_attendance").await, 0);
    let title: String = sqlx::query_scalar("SELECT title FROM training_programmes WHERE id = $1")
        .bind(programme_id.as_str().unwrap_or_default())
        .fetch_one(world.store.pool())
        .await
        .unwrap_or_default();
    assert_eq!(title, "Onboarding");

    // The admin keeps any team's training; a retired programme leaves.
    let theirs = ok(
        &world.admin,
        &world,
        "/api/training/list",
        json!({ "team_id": world.team_a.to_string() }),
    )
    .await;
    assert_eq!(theirs["programmes"].as_array().map(Vec::len), Some(1));
    ok(
        &world.admin,
        &world,
        "/api/training/delete_programme",
        json!({ "programme_id": programme_id }),
    )
    .await;
    let after = ok(
        &world.manager_a,
        &world,
        "/api/training/list",
        json!({ "team_id": null }),
    )
    .await;
    assert_eq!(after["programmes"], json!([]));
}
