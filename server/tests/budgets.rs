//! A team's budget over the real router and a temporary SQLite file (issue
//! 15): a manager plans an events line, records spending, and an event's
//! cost counts on it by itself; remaining and the warning follow; another
//! team's manager and reps are refused before anything is written; bad
//! input gets field errors.

use crate::support::*;
use http::StatusCode;
use serde_json::{Value, json};

fn line(id: &str, category: &str, planned: &str) -> Value {
    json!({ "id": id, "category": category, "period_start": "2026-12-01", "period_end": "2026-12-31",
            "planned": planned, "currency": "USD" })
}

fn spending(line_id: &str, amount: &str) -> Value {
    json!({ "draft": { "id": new_id(), "line_id": line_id, "spent_on": "2026-12-05", "amount": amount,
            "note": "Stand" } })
}

async fn first_line(world: &World) -> Value {
    let view = ok(
        &world.manager_a,
        world,
        "/api/budgets/list",
        json!({ "team_id": null }),
    )
    .await;
    view["lines"][0].clone()
}

#[tokio::test]
async fn spending_and_event_costs_count_against_the_plan() {
    let world = world().await;
    let line_id = new_id();
    ok(
        &world.manager_a,
        &world,
        "/api/budgets/save_line",
        json!({ "team_id": null, "draft": line(&line_id, "events", "1,000") }),
    )
    .await;
    ok(
        &world.manager_a,
        &world,
        "/api/budgets/add_spending",
        spending(&line_id, "300"),
    )
    .await;
    // A fair in December costing 600 USD counts by itself; one in November
    // and one in rials do not.
    for (starts, cost, currency) in [
        ("2026-12-10", "600", "USD"),
        ("2026-11-10", "999", "USD"),
        ("2026-12-12", "5000000", "IRR"),
    ] {
        ok(
            &world.manager_a,
            &world,
            "/api/events/save",
            json!({ "team_id": null, "draft": {
            "id": new_id(), "name": "Fair", "kind": "fair", "starts_on": starts, "ends_on": starts,
            "place": "", "cost": cost, "currency": currency } }),
        )
        .await;
    }
    let standing = first_line(&world).await;
    assert_eq!(standing["line"]["planned"], 100_000);
    assert_eq!(standing["event_costs"], 60_000);
    assert_eq!(standing["entries"].as_array().map(Vec::len), Some(1));

    // Removing the entry takes it off.
    let entry = standing["entries"][0]["id"].clone();
    ok(
        &world.manager_a,
        &world,
        "/api/budgets/remove_spending",
        json!({ "spending_id": entry }),
    )
    .await;
    assert_eq!(first_line(&world).await["entries"], json!([]));
    // A travel line has no event costs.
    let travel = new_id();
    ok(
        &world.manager_a,
        &world,
        "/api/budgets/save_line",
        json!({ "team_id": null, "draft": line(&travel, "travel", "50") }),
    )
    .await;
    let view = ok(
        &world.manager_a,
        &world,
        "/api/budgets/list",
        json!({ "team_id": null }),
    )
    .await;
    let travel_line = view["lines"]
        .as_array()
        .and_then(|lines| {
            lines
                .iter()
                .find(|found| found["line"]["id"] == json!(travel))
        })
        .cloned()
        .expect("travel line");
    assert_eq!(travel_line["event_costs"], 0);
    ok(
        &world.manager_a,
        &world,
        "/api/budgets/delete_line",
        json!({ "line_id": travel }),
    )
    .await;
    let view = ok(
        &world.manager_a,
        &world,
        "/api/budgets/list",
        json!({ "team_id": null }),
    )
    .await;
    assert_eq!(view["lines"].as_array().map(Vec::len), Some(1));
}

#[tokio::test]
async fn bad_budget_input_gets_field_errors() {
    let world = world().await;
    let mut draft = line(&new_id(), "parties", "-5");
    draft["period_end"] = json!("2026-11-01");
    let answer = world
        .manager_a
        .call(
            &world,
            "/api/budgets/save_line",
            json!({ "team_id": null, "draft": draft }),
        )
        .await;
    assert_eq!(
        answer.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        answer.body
    );
    let mut fields = problem_fields(&answer);
    fields.sort();
    assert_eq!(fields, vec!["category", "period_end", "planned"]);
    let line_id = new_id();
    ok(
        &world.manager_a,
        &world,
        "/api/budgets/save_line",
        json!({ "team_id": null, "draft": line(&line_id, "tools", "10") }),
    )
    .await;
    let answer = world
        .manager_a
        .call(
            &world,
            "/api/budgets/add_spending",
            spending(&line_id, "1.234"),
        )
        .await;
    assert_eq!(
        answer.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        answer.body
    );
    assert_eq!(answer.body["Invalid"][0]["field"], "amount");
    assert_eq!(first_line(&world).await["entries"], json!([]));
}

#[tokio::test]
async fn another_teams_manager_and_reps_cannot_read_or_change_the_budget() {
    let world = world().await;
    let line_id = new_id();
    ok(
        &world.manager_a,
        &world,
        "/api/budgets/save_line",
        json!({ "team_id": null, "draft": line(&line_id, "events", "1000") }),
    )
    .await;
    ok(
        &world.manager_a,
        &world,
        "/api/budgets/add_spending",
        spending(&line_id, "300"),
    )
    .await;
    let entry = first_line(&world).await["entries"][0]["id"].clone();
    let team_a = world.team_a.to_string();
    for person in [&world.manager_b, &world.rep1, &world.rep_b] {
        for (path, body) in [
            ("/api/budgets/list", json!({ "team_id": team_a })),
            (
                "/api/budgets/save_line",
                json!({ "team_id": team_a, "draft": line(&line_id, "events", "1") }),
            ),
            ("/api/budgets/delete_line", json!({ "line_id": line_id })),
            ("/api/budgets/add_spending", spending(&line_id, "1")),
            (
                "/api/budgets/remove_spending",
                json!({ "spending_id": entry }),
            ),
        ] {
            let answer = person.call(&world, path, body).await;
            assert_eq!(
                answer.status,
                StatusCode::FORBIDDEN,
                "{} {path}: {}",
                person.email,
                answer.body
            );
        }
    }
    // Team B's manager aims at team A's line id from their own team.
    let answer = world
        .manager_b
        .call(
            &world,
            "/api/budgets/save_line",
            json!({ "team_id": null, "draft": line(&line_id, "events", "1") }),
        )
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.body);
    let standing = first_line(&world).await;
    assert_eq!(standing["line"]["planned"], 100_000);
    assert_eq!(standing["entries"].as_array().map(Vec::len), Some(1));
}
