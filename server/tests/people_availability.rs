//! A manager runs their own team's people (issue 15), over the real router
//! and a temporary SQLite file: absences keep a rep out of shared leads,
//! capacities weight the "by capacity" rule, a deactivated rep is signed
//! out at once and their leads stay; input is checked field by field; and
//! another team's manager, a rep, or a manager aiming at a fellow manager
//! is refused before anything is written.

use crate::support::*;
use app::store::demo::DEMO_PASSWORD;
use chrono::{Duration, Utc};
use http::StatusCode;
use serde_json::{Value, json};

/// `count` open leads owned by team A's manager, ready to share out.
async fn manager_leads(world: &World, count: usize) -> Vec<String> {
    let mut ids = Vec::new();
    for number in 0..count {
        let id = new_id();
        let mut draft = lead_draft(&id, &format!("Lead {number}"));
        draft["phone"] = json!(format!("0912 000 {number:04}"));
        draft["email"] = json!(format!("buyer{number}@example.com"));
        ok(
            &world.manager_a,
            world,
            "/api/leads/save",
            json!({ "draft": draft }),
        )
        .await;
        ids.push(id);
    }
    ids
}

async fn share(world: &World, ids: &[String], rule: &str, reps: &[&Person]) -> Answer {
    let reps: Vec<String> = reps.iter().map(|rep| rep.id.to_string()).collect();
    world
        .manager_a
        .call(
            world,
            "/api/leads/share",
            json!({ "leads": { "which": "chosen", "ids": ids },
                    "owners": { "to": "shared", "rule": rule, "reps": reps } }),
        )
        .await
}

/// How many of the team's open leads each rep owns now.
async fn open_leads_of(world: &World, rep: &Person) -> u64 {
    let view = ok(
        &world.manager_a,
        world,
        "/api/people/team",
        json!({ "team_id": null }),
    )
    .await;
    view["reps"]
        .as_array()
        .and_then(|reps| {
            reps.iter()
                .find(|found| found["user_id"] == json!(rep.id.to_string()))
        })
        .and_then(|found| found["open_leads"].as_u64())
        .unwrap_or(u64::MAX)
}

#[tokio::test]
async fn a_rep_away_today_gets_no_shared_leads_and_comes_back_when_the_absence_is_removed() {
    let world = world().await;
    let today = Utc::now().date_naive();
    let absence = new_id();
    ok(
        &world.manager_a,
        &world,
        "/api/people/absences/add",
        json!({ "draft": { "id": absence, "user_id": world.rep2.id.to_string(),
            "starts_on": (today - Duration::days(1)).to_string(),
            "ends_on": (today + Duration::days(3)).to_string(), "reason": "Leave" } }),
    )
    .await;
    // The team screen and the share screen both say so.
    let view = ok(
        &world.manager_a,
        &world,
        "/api/people/team",
        json!({ "team_id": null }),
    )
    .await;
    let rep2 = view["reps"]
        .as_array()
        .and_then(|reps| {
            reps.iter()
                .find(|rep| rep["user_id"] == json!(world.rep2.id.to_string()))
        })
        .cloned()
        .expect("rep2 listed");
    assert_eq!(rep2["absences"][0]["reason"], "Leave");
    let loads = ok(&world.manager_a, &world, "/api/leads/reps", json!({})).await;
    let away: Vec<(String, Value)> = loads
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|rep| {
            (
                rep["display_name"].as_str().unwrap_or("").to_string(),
                rep["away_until"].clone(),
            )
        })
        .collect();
    assert_eq!(
        away,
        vec![
            ("rep1@test.local".to_string(), Value::Null),
            (
                "rep2@test.local".to_string(),
                json!((today + Duration::days(3)).to_string())
            ),
        ]
    );

    // Round robin among both: every lead goes to the rep who is in.
    let ids = manager_leads(&world, 4).await;
    let shared = share(&world, &ids, "round_robin", &[&world.rep1, &world.rep2]).await;
    assert_eq!(shared.status, StatusCode::OK, "{}", shared.body);
    assert_eq!(shared.body["per_rep"], json!([["rep1@test.local", 4]]));
    // Only the away rep chosen: a clear field error, nothing moves.
    let more = manager_leads(&world, 2).await;
    let refused = share(&world, &more, "least_busy", &[&world.rep2]).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert_eq!(refused.body["Invalid"][0]["field"], "owners");
    assert_eq!(refused.body["Invalid"][0]["problem"], "nobody_present");
    assert_eq!(open_leads_of(&world, &world.rep2).await, 0);

    // Back early: the absence is removed and rep2 gets leads again.
    ok(
        &world.manager_a,
        &world,
        "/api/people/absences/remove",
        json!({ "absence_id": absence }),
    )
    .await;
    let shared = share(&world, &more, "least_busy", &[&world.rep1, &world.rep2]).await;
    assert_eq!(shared.status, StatusCode::OK, "{}", shared.body);
    assert_eq!(open_leads_of(&world, &world.rep2).await, 2);
    assert_eq!(open_leads_of(&world, &world.rep1).await, 4);
}

#[tokio::test]
async fn by_capacity_a_rep_who_carries_three_times_as_much_gets_three_times_the_leads() {
    let world = world().await;
    ok(
        &world.manager_a,
        &world,
        "/api/people/capacity",
        json!({ "user_id": world.rep1.id.to_string(), "capacity": "۳۰۰" }),
    )
    .await;
    let rep = ok(
        &world.manager_a,
        &world,
        "/api/people/availability",
        json!({ "user_id": world.rep1.id.to_string() }),
    )
    .await;
    assert_eq!(rep["rep"]["capacity"], 300);
    let ids = manager_leads(&world, 8).await;
    let shared = share(&world, &ids, "weighted", &[&world.rep1, &world.rep2]).await;
    assert_eq!(shared.status, StatusCode::OK, "{}", shared.body);
    // rep2 has the usual 100.
    assert_eq!(open_leads_of(&world, &world.rep1).await, 6);
    assert_eq!(open_leads_of(&world, &world.rep2).await, 2);

    // Empty text goes back to the usual.
    ok(
        &world.manager_a,
        &world,
        "/api/people/capacity",
        json!({ "user_id": world.rep1.id.to_string(), "capacity": "" }),
    )
    .await;
    let rep = ok(
        &world.manager_a,
        &world,
        "/api/people/availability",
        json!({ "user_id": world.rep1.id.to_string() }),
    )
    .await;
    assert_eq!(rep["rep"]["capacity"], Value::Null);
}

#[tokio::test]
async fn bad_input_gets_field_errors_and_writes_nothing() {
    let world = world().await;
    let rep1 = world.rep1.id.to_string();
    for (capacity, problem) in [
        ("0", "too_small"),
        ("10001", "too_large"),
        ("lots", "not_a_number"),
    ] {
        let answer = world
            .manager_a
            .call(
                &world,
                "/api/people/capacity",
                json!({ "user_id": rep1, "capacity": capacity }),
            )
            .await;
        assert_eq!(
            answer.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{capacity}"
        );
        assert_eq!(answer.body["Invalid"][0]["field"], "capacity");
        assert_eq!(answer.body["Invalid"][0]["problem"], problem);
    }
    let answer = world
        .manager_a
        .call(
            &world,
            "/api/people/absences/add",
            json!({ "draft": { "id": new_id(), "user_id": rep1, "starts_on": "2026-12-10",
                "ends_on": "2026-12-01", "reason": "x".repeat(201) } }),
        )
        .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    let mut fields = problem_fields(&answer);
    fields.sort();
    assert_eq!(fields, vec!["ends_on", "reason"]);
    let view = ok(
        &world.manager_a,
        &world,
        "/api/people/availability",
        json!({ "user_id": rep1 }),
    )
    .await;
    assert_eq!(view["rep"]["capacity"], Value::Null);
    assert_eq!(view["rep"]["absences"], json!([]));
    // A body that is not the shape at all is refused, not a panic.
    let answer = world
        .manager_a
        .call(&world, "/api/people/absences/add", json!({ "draft": 7 }))
        .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_deactivated_rep_is_signed_out_at_once_and_their_leads_stay() {
    let world = world().await;
    let id = new_id();
    ok(
        &world.rep1,
        &world,
        "/api/leads/save",
        json!({ "draft": lead_draft(&id, "Kept lead") }),
    )
    .await;
    ok(
        &world.manager_a,
        &world,
        "/api/people/active",
        json!({ "user_id": world.rep1.id.to_string(), "active": false }),
    )
    .await;
    // Their session names nobody any more.
    let me = world.rep1.call(&world, "/api/auth/me", json!({})).await;
    assert_eq!(me.body, Value::Null, "{}", me.body);
    let list = world.rep1.call(&world, "/api/leads/list", json!({})).await;
    assert_eq!(list.status, StatusCode::UNAUTHORIZED, "{}", list.body);
    let again = call(
        &world.router,
        "/api/auth/sign_in",
        None,
        json!({ "email": world.rep1.email, "password": DEMO_PASSWORD }),
    )
    .await;
    assert_ne!(
        again.status,
        StatusCode::OK,
        "a deactivated rep cannot sign in"
    );
    let lead = ok(
        &world.manager_a,
        &world,
        "/api/leads/get",
        json!({ "id": id }),
    )
    .await;
    assert_eq!(lead["name"], "Kept lead");
    // Not offered for new leads while away from the team.
    let loads = ok(&world.manager_a, &world, "/api/leads/reps", json!({})).await;
    assert!(!loads.to_string().contains(&world.rep1.id.to_string()));

    // Back again: they sign in.
    ok(
        &world.manager_a,
        &world,
        "/api/people/active",
        json!({ "user_id": world.rep1.id.to_string(), "active": true }),
    )
    .await;
    let back = call(
        &world.router,
        "/api/auth/sign_in",
        None,
        json!({ "email": world.rep1.email, "password": DEMO_PASSWORD }),
    )
    .await;
    assert_eq!(back.status, StatusCode::OK, "{}", back.body);
}

#[tokio::test]
async fn only_the_reps_own_manager_or_an_admin_reach_them() {
    let world = world().await;
    let today = Utc::now().date_naive().to_string();
    let absence = new_id();
    ok(
        &world.manager_a,
        &world,
        "/api/people/absences/add",
        json!({ "draft": { "id": absence, "user_id": world.rep1.id.to_string(),
            "starts_on": today, "ends_on": today, "reason": "Dentist" } }),
    )
    .await;
    let rep1 = world.rep1.id.to_string();
    let attempts = [
        ("/api/people/availability", json!({ "user_id": rep1 })),
        (
            "/api/people/capacity",
            json!({ "user_id": rep1, "capacity": "1" }),
        ),
        (
            "/api/people/absences/add",
            json!({ "draft": { "id": new_id(), "user_id": rep1, "starts_on": today,
                "ends_on": today, "reason": "Taken" } }),
        ),
        (
            "/api/people/absences/remove",
            json!({ "absence_id": absence }),
        ),
        (
            "/api/people/active",
            json!({ "user_id": rep1, "active": false }),
        ),
        (
            "/api/people/team",
            json!({ "team_id": world.team_a.to_string() }),
        ),
    ];
    for person in [&world.manager_b, &world.rep2, &world.rep1] {
        for (path, body) in &attempts {
            let answer = person.call(&world, path, body.clone()).await;
            assert_eq!(
                answer.status,
                StatusCode::FORBIDDEN,
                "{} {path}: {}",
                person.email,
                answer.body
            );
        }
    }
    // A manager cannot reach a fellow manager, even of their own team, nor
    // an id that names nobody (refused the same way, so ids cannot be probed).
    for user_id in [
        world.manager_a.id.to_string(),
        world.manager_b.id.to_string(),
        new_id(),
    ] {
        let answer = world
            .manager_a
            .call(
                &world,
                "/api/people/active",
                json!({ "user_id": user_id, "active": false }),
            )
            .await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.body);
    }
    let answer = world
        .manager_a
        .call(
            &world,
            "/api/people/absences/remove",
            json!({ "absence_id": new_id() }),
        )
        .await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    // Nothing changed: the absence is there, rep1 still signed in.
    let view = ok(
        &world.manager_a,
        &world,
        "/api/people/availability",
        json!({ "user_id": rep1 }),
    )
    .await;
    assert_eq!(view["rep"]["absences"][0]["reason"], "Dentist");
    assert_eq!(view["rep"]["capacity"], Value::Null);
    assert_eq!(view["rep"]["active"], true);
    let me = world.rep1.call(&world, "/api/auth/me", json!({})).await;
    assert_eq!(me.body["id"], json!(rep1));
    // An admin reaches anyone, managers included, but not themselves.
    ok(
        &world.admin,
        &world,
        "/api/people/availability",
        json!({ "user_id": world.manager_b.id.to_string() }),
    )
    .await;
    let answer = world
        .admin
        .call(
            &world,
            "/api/people/active",
            json!({ "user_id": world.admin.id.to_string(), "active": false }),
        )
        .await;
    assert_eq!(
        answer.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        answer.body
    );
}
