//! The audit history over the real router and a temporary SQLite file
//! (issue 15): a record's edits, a person's changes by an admin and a
//! password change are each kept with who, when, field, before and after
//! (a password never with its hash); a manager reads their own team's
//! history only, an admin everyone's, a rep none.

use crate::support::*;
use http::StatusCode;
use serde_json::{Value, json};

fn record(id: &str, title: &str, amount: &str) -> Value {
    json!({ "draft": { "id": id, "kind": "other", "title": title, "amount": amount, "currency": "USD",
                       "period_start": "2026-12-01", "period_end": "2026-12-31", "body": "" } })
}

fn everything() -> Value {
    json!({ "subject": null, "from": null, "to": null })
}

fn entries_of(view: &Value, field: &str) -> Vec<Value> {
    view.as_array()
        .or_else(|| view["entries"].as_array())
        .map(|entries| {
            entries
                .iter()
                .filter(|entry| entry["field"] == field)
                .cloned()
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn every_change_is_kept_with_who_before_and_after_and_read_only_by_the_teams_managers() {
    let world = world().await;
    let id = new_id();
    ok(
        &world.manager_a,
        &world,
        "/api/records/save",
        record(&id, "Fair stand", "1,000"),
    )
    .await;
    ok(
        &world.manager_a,
        &world,
        "/api/records/save",
        record(&id, "Fair stand and travel", "1,500"),
    )
    .await;

    let item = ok(
        &world.manager_a,
        &world,
        "/api/audit/item",
        json!({ "subject": "record", "id": id }),
    )
    .await;
    let title = entries_of(&item, "title");
    assert_eq!(title.len(), 1, "{item}");
    assert_eq!(
        (
            title[0]["before"].clone(),
            title[0]["after"].clone(),
            title[0]["actor_name"].clone()
        ),
        (
            json!("Fair stand"),
            json!("Fair stand and travel"),
            json!("manager.a@test.local")
        )
    );
    assert_eq!(entries_of(&item, "amount").len(), 1);
    assert_eq!(entries_of(&item, "created").len(), 1);

    // An admin renames rep1; rep1 changes their own password.
    let renamed = world
        .admin
        .call(
            &world,
            "/api/people/save",
            json!({ "draft": { "id": world.rep1.id.to_string(), "email": world.rep1.email, "display_name": "Sara Rahimi",
                    "role": "rep", "team_id": world.team_a.to_string(), "locale": "en", "active": true, "password": "" } }),
        )
        .await;
    assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.body);
    ok(
        &world.rep1,
        &world,
        "/api/account/password",
        json!({ "change": { "current_password": app::store::demo::DEMO_PASSWORD,
                "new_password": "a much longer secret", "repeated_password": "a much longer secret" } }),
    )
    .await;
    let person = ok(
        &world.admin,
        &world,
        "/api/audit/item",
        json!({ "subject": "person", "id": world.rep1.id.to_string() }),
    )
    .await;
    let name = entries_of(&person, "display_name");
    assert_eq!(
        (
            name[0]["before"].clone(),
            name[0]["after"].clone(),
            name[0]["actor_name"].clone()
        ),
        (
            json!("rep1@test.local"),
            json!("Sara Rahimi"),
            json!("admin@test.local")
        )
    );
    let password = entries_of(&person, "password");
    assert_eq!(password.len(), 1, "{person}");
    assert_eq!(password[0]["actor_name"], "Sara Rahimi");
    assert!(
        !person.to_string().contains("$argon2"),
        "no hash in the history"
    );

    // The team's manager reads it in the team's list, filtered by kind.
    let records_only = ok(
        &world.manager_a,
        &world,
        "/api/audit/list",
        json!({ "team_id": null, "query": { "subject": "record", "from": null, "to": null } }),
    )
    .await;
    assert!(
        records_only["entries"]
            .as_array()
            .is_some_and(|entries| !entries.is_empty()
                && entries.iter().all(|entry| entry["subject"] == "record"))
    );
    // Another team's manager sees none of it; a rep reads no history.
    let theirs = ok(
        &world.manager_b,
        &world,
        "/api/audit/list",
        json!({ "team_id": null, "query": everything() }),
    )
    .await;
    assert!(!theirs.to_string().contains("Fair stand"), "{theirs}");
    let other_item = ok(
        &world.manager_b,
        &world,
        "/api/audit/item",
        json!({ "subject": "record", "id": id }),
    )
    .await;
    assert_eq!(other_item, json!([]));
    let aimed = world
        .manager_b
        .call(
            &world,
            "/api/audit/list",
            json!({ "team_id": world.team_a.to_string(), "query": everything() }),
        )
        .await;
    assert_eq!(aimed.status, StatusCode::FORBIDDEN);
    for person in [&world.rep1, &world.rep2] {
        let answer = person
            .call(
                &world,
                "/api/audit/list",
                json!({ "team_id": null, "query": everything() }),
            )
            .await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN);
    }
    // A backwards range gets a field error.
    let backwards = world
        .manager_a
        .call(
            &world,
            "/api/audit/list",
            json!({ "team_id": null,
            "query": { "subject": null, "from": "2026-12-02", "to": "2026-12-01" } }),
        )
        .await;
    assert_eq!(problem_fields(&backwards), vec!["to"]);
}
