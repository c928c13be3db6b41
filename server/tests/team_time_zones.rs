//! Team time zones over the real router and a temporary SQLite file: a
//! Jalali team counts Tehran days by default, so a call at 01:00 Tehran time
//! on 1 Farvardin is a Farvardin call (it is still 29 Esfand in UTC); an
//! admin choosing another zone recounts the team's roll-ups at once; a zone
//! the server does not know is a field error; a rep who moves to a team in
//! another zone is recounted in it; the profile carries the zone.

use crate::support::*;
use http::StatusCode;
use serde_json::{Value, json};

/// 1 Farvardin 1405 is 21 March 2026; 01:00 in Tehran (+03:30) is 21:30 UTC
/// on 20 March, 29 Esfand 1404.
const ONE_AM_ON_NOWRUZ: &str = "2026-03-20T21:30:00Z";

async fn log_call(world: &World, person: &Person, when: &str) {
    log_call_on(world, person, when, None).await;
}

async fn log_call_on(world: &World, person: &Person, when: &str, lead: Option<&str>) {
    let mut draft = activity_draft(&new_id(), lead);
    draft["when"] = json!(when);
    let answer = person
        .call(world, "/api/activities/save", json!({ "draft": draft }))
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
}

async fn save_team(world: &World, calendar: &str, zone: &str) -> Answer {
    world
        .admin
        .call(
            world,
            "/api/teams/save",
            json!({ "draft": {
                "id": world.team_a.to_string(), "name": "Team A",
                "manager_id": world.manager_a.id.to_string(),
                "calendar": calendar, "time_zone": zone
            } }),
        )
        .await
}

/// The team's calls in the Jalali month containing `day`.
async fn calls_in_month_of(world: &World, day: &str) -> Value {
    let answer = world
        .manager_a
        .call(
            world,
            "/api/reports/period_comparison",
            json!({ "team_id": null, "length": "month", "day": day, "locale": "fa" }),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer.body["subjects"][0]["lines"]
        .as_array()
        .and_then(|lines| lines.iter().find(|line| line["metric"] == "calls"))
        .map(|line| line["current"].clone())
        .unwrap_or(Value::Null)
}

/// Leads first reached by a call in the team's month containing `day`
/// (the tactic report, read from its day roll-ups).
async fn reached_by_calls_in_month_of(world: &World, day: &str) -> Value {
    let answer = world
        .manager_a
        .call(
            world,
            "/api/reports/tactics",
            json!({ "team_id": null, "rep_id": null, "length": "month", "day": day,
                    "window_days": 14, "locale": "fa" }),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer.body["by_kind"]
        .as_array()
        .and_then(|lines| {
            lines
                .iter()
                .find(|line| line["approach"]["value"] == "call")
        })
        .map(|line| line["leads_touched"].clone())
        .unwrap_or(json!(0))
}

#[tokio::test]
async fn a_call_at_one_in_the_morning_tehran_time_on_nowruz_counts_in_farvardin() {
    let world = world().await;
    let saved = save_team(&world, "jalali", "").await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let me = world.rep1.call(&world, "/api/auth/me", json!({})).await;
    assert_eq!(me.body["team_time_zone"], "Asia/Tehran", "{}", me.body);

    let lead = new_id();
    let answer = world
        .rep1
        .call(
            &world,
            "/api/leads/save",
            json!({ "draft": lead_draft(&lead, "Nowruz call") }),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    log_call_on(&world, &world.rep1, ONE_AM_ON_NOWRUZ, Some(&lead)).await;
    // Farvardin 1405 (from 21 March) has it; Esfand 1404 does not.
    assert_eq!(calls_in_month_of(&world, "2026-03-25").await, json!(1));
    assert_eq!(calls_in_month_of(&world, "2026-03-10").await, json!(0));
    assert_eq!(
        reached_by_calls_in_month_of(&world, "2026-03-25").await,
        json!(1)
    );
    assert_eq!(
        reached_by_calls_in_month_of(&world, "2026-03-10").await,
        json!(0)
    );

    // The same team on UTC days: recounted at once, the call is Esfand's.
    let utc = save_team(&world, "jalali", "UTC").await;
    assert_eq!(utc.status, StatusCode::OK, "{}", utc.body);
    assert_eq!(utc.body["time_zone"], "UTC");
    assert_eq!(calls_in_month_of(&world, "2026-03-25").await, json!(0));
    assert_eq!(calls_in_month_of(&world, "2026-03-10").await, json!(1));
    assert_eq!(
        reached_by_calls_in_month_of(&world, "2026-03-25").await,
        json!(0)
    );
    assert_eq!(
        reached_by_calls_in_month_of(&world, "2026-03-10").await,
        json!(1)
    );

    // Back to Tehran: Farvardin's again.
    save_team(&world, "jalali", "Asia/Tehran").await;
    assert_eq!(calls_in_month_of(&world, "2026-03-25").await, json!(1));
    assert_eq!(
        reached_by_calls_in_month_of(&world, "2026-03-25").await,
        json!(1)
    );
}

#[tokio::test]
async fn a_zone_the_server_does_not_know_is_a_field_error_and_changes_nothing() {
    let world = world().await;
    save_team(&world, "jalali", "").await;
    for zone in ["Asia/Atlantis", "../../etc/passwd"] {
        let answer = save_team(&world, "gregorian", zone).await;
        assert_eq!(problem_fields(&answer), vec!["time_zone"], "{zone}");
    }
    let stored: (Option<String>, Option<String>) =
        sqlx::query_as("SELECT calendar, time_zone FROM teams WHERE id = $1")
            .bind(world.team_a.to_string())
            .fetch_one(world.store.pool())
            .await
            .unwrap_or_default();
    assert_eq!(stored, (Some("jalali".into()), None));
    // A manager may not change the zone (teams are an admin's).
    let refused = world
        .manager_a
        .call(
            &world,
            "/api/teams/save",
            json!({ "draft": { "id": world.team_a.to_string(), "name": "Team A", "time_zone": "UTC" } }),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_rep_who_moves_to_a_team_in_another_zone_is_counted_in_its_days() {
    let world = world().await;
    save_team(&world, "jalali", "").await;
    log_call(&world, &world.rep1, ONE_AM_ON_NOWRUZ).await;
    let day_of_call = || async {
        sqlx::query_scalar::<_, String>("SELECT day FROM activity_days WHERE owner_id = $1")
            .bind(world.rep1.id.to_string())
            .fetch_all(world.store.pool())
            .await
            .unwrap_or_default()
    };
    assert_eq!(day_of_call().await, vec!["2026-03-21".to_string()]);
    // Team B follows each reader's language: UTC days.
    let moved = world
        .admin
        .call(
            &world,
            "/api/people/save",
            json!({ "draft": {
                "id": world.rep1.id.to_string(), "email": world.rep1.email, "display_name": "Sara Rep",
                "role": "rep", "team_id": world.team_b.to_string(), "locale": "en", "active": true,
                "password": ""
            } }),
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
    assert_eq!(day_of_call().await, vec!["2026-03-20".to_string()]);
    let me = world.rep1.call(&world, "/api/auth/me", json!({})).await;
    assert_eq!(me.body["team_time_zone"], "UTC", "{}", me.body);
}
