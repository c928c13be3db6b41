//! A team's working days over the real router and a temporary SQLite
//! file: the manager keeps the week and the holiday list and pace counts
//! them at once; a Jalali team's list starts with the fixed solar holidays
//! once per year (a removed one stays removed); reps read, and another
//! team's manager and reps are refused before anything is written.

use crate::support::*;
use http::StatusCode;
use serde_json::{Value, json};

async fn read(world: &World, person: &Person, day: &str) -> Answer {
    person
        .call(
            world,
            "/api/team_days/read",
            json!({ "team_id": null, "day": day, "locale": "en" }),
        )
        .await
}

fn holiday_days(view: &Value) -> Vec<String> {
    view["holidays"]
        .as_array()
        .map(|days| {
            days.iter()
                .filter_map(|holiday| holiday["day"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The expected-by-now of a team calls goal of 210 over November 2026, on
/// Sunday 15 November.
async fn expected_calls(world: &World, goal_id: &str) -> i64 {
    let answer = world
        .manager_a
        .call(
            world,
            "/api/goals/standings",
            json!({ "day": "2026-11-15" }),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer
        .body
        .as_array()
        .and_then(|all| {
            all.iter()
                .find(|standing| standing["goal"]["id"] == goal_id)
        })
        .and_then(|standing| standing["expected_by_now"].as_i64())
        .unwrap_or(-1)
}

#[tokio::test]
async fn the_managers_holidays_and_week_change_the_pace_at_once() {
    let world = world().await;
    let team = world.team_a.to_string();
    let goal_id = new_id();
    let saved = world
        .manager_a
        .call(
            &world,
            "/api/goals/save",
            json!({ "draft": {
                "id": goal_id, "scope": "team", "subject_id": team, "metric": "calls",
                "target": "210", "currency": "USD",
                "period_start": "2026-11-01", "period_end": "2026-11-30"
            } }),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    // November 2026 has 21 weekdays; by Sunday the 15th, 10 are done.
    assert_eq!(expected_calls(&world, &goal_id).await, 100);

    let view = read(&world, &world.manager_a, "2026-11-15").await;
    assert_eq!(view.status, StatusCode::OK, "{}", view.body);
    assert_eq!(view.body["week"], json!([2, 2, 2, 2, 2, 0, 0]));
    assert_eq!(view.body["default_week"], true);
    assert_eq!(view.body["can_edit"], true);
    assert_eq!(view.body["first_day"], "2026-01-01");

    // A company day off on Friday the 13th: 9 of 20 working days done.
    let added = world
        .manager_a
        .call(
            &world,
            "/api/team_days/add_holiday",
            json!({ "team_id": team, "day": "2026-11-13", "name": "Company day" }),
        )
        .await;
    assert_eq!(added.status, StatusCode::OK, "{}", added.body);
    assert_eq!(expected_calls(&world, &goal_id).await, 94, "210 x 9 / 20");
    let view = read(&world, &world.rep1, "2026-11-15").await;
    assert_eq!(holiday_days(&view.body), vec!["2026-11-13".to_string()]);
    assert_eq!(view.body["can_edit"], false, "a rep reads, never edits");

    // A team that also works Saturday mornings: 10 + 1 half of 21 + 2 halves.
    let week = world
        .manager_a
        .call(
            &world,
            "/api/team_days/save_week",
            json!({ "team_id": team, "week": [2, 2, 2, 2, 2, 1, 0] }),
        )
        .await;
    assert_eq!(week.status, StatusCode::OK, "{}", week.body);
    assert_eq!(
        expected_calls(&world, &goal_id).await,
        210 * 20 / 44,
        "halves: 9 x 2 + 2 Saturday halves = 20 of 20 x 2 + 4 = 44"
    );
    // Field problems: a week with no work, a holiday with no name or day.
    let idle = world
        .manager_a
        .call(
            &world,
            "/api/team_days/save_week",
            json!({ "team_id": team, "week": [0, 0, 0, 0, 0, 0, 0] }),
        )
        .await;
    assert_eq!(problem_fields(&idle), vec!["week"]);
    let blank = world
        .manager_a
        .call(
            &world,
            "/api/team_days/add_holiday",
            json!({ "team_id": team, "day": "13/11/2026", "name": " " }),
        )
        .await;
    assert_eq!(problem_fields(&blank), vec!["day", "name"]);

    // Back to the calendar's week, and the day off removed: 100 again.
    for (path, body) in [
        (
            "/api/team_days/save_week",
            json!({ "team_id": team, "week": null }),
        ),
        (
            "/api/team_days/remove_holiday",
            json!({ "team_id": team, "day": "2026-11-13" }),
        ),
    ] {
        let answer = world.manager_a.call(&world, path, body).await;
        assert_eq!(answer.status, StatusCode::OK, "{path}: {}", answer.body);
    }
    assert_eq!(expected_calls(&world, &goal_id).await, 100);
}

#[tokio::test]
async fn another_teams_manager_and_reps_cannot_change_a_teams_days() {
    let world = world().await;
    let team = world.team_a.to_string();
    for person in [&world.manager_b, &world.rep1, &world.rep_b] {
        for (path, body) in [
            (
                "/api/team_days/add_holiday",
                json!({ "team_id": team, "day": "2026-11-13", "name": "Mine" }),
            ),
            (
                "/api/team_days/save_week",
                json!({ "team_id": team, "week": [2, 2, 2, 2, 2, 2, 2] }),
            ),
            (
                "/api/team_days/remove_holiday",
                json!({ "team_id": team, "day": "2026-11-13" }),
            ),
            (
                "/api/team_days/add_fixed",
                json!({ "team_id": team, "jalali_year": 1405 }),
            ),
        ] {
            let answer = person.call(&world, path, body).await;
            assert_eq!(
                answer.status,
                StatusCode::FORBIDDEN,
                "{} on {path}",
                person.email
            );
        }
    }
    let stored: (i64, Option<String>) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM team_holidays WHERE team_id = $1), \
                (SELECT working_week FROM teams WHERE id = $1)",
    )
    .bind(&team)
    .fetch_one(world.store.pool())
    .await
    .unwrap_or_default();
    assert_eq!(stored, (0, None), "nothing written by refused calls");
    // Another team's manager naming team A to read it is refused too.
    let named = world
        .manager_b
        .call(
            &world,
            "/api/team_days/read",
            json!({ "team_id": team, "day": "2026-11-15", "locale": "en" }),
        )
        .await;
    assert_eq!(named.status, StatusCode::FORBIDDEN);
    let anonymous = call(
        &world.router,
        "/api/team_days/read",
        None,
        json!({ "team_id": null, "day": "2026-11-15", "locale": "en" }),
    )
    .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_jalali_teams_list_starts_with_the_fixed_holidays_and_a_removed_one_stays_removed() {
    let world = world().await;
    let team = world.team_a.to_string();
    let saved = world
        .admin
        .call(
            &world,
            "/api/teams/save",
            json!({ "draft": { "id": team, "name": "Team A",
                "manager_id": world.manager_a.id.to_string(), "calendar": "jalali" } }),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let this_year = app::domain::calendar::jalali_parts(chrono::Utc::now().date_naive())
        .map_or(1405, |(year, _, _)| year);
    let nowruz = app::domain::calendar::from_jalali(this_year, 1, 1).unwrap_or_default();
    let view = read(&world, &world.manager_a, &nowruz.to_string()).await;
    assert_eq!(view.status, StatusCode::OK, "{}", view.body);
    assert_eq!(view.body["calendar"], "jalali");
    assert_eq!(view.body["week"], json!([2, 2, 2, 1, 0, 2, 2]));
    let days = holiday_days(&view.body);
    assert_eq!(days.len(), 10, "{days:?}");
    assert_eq!(days[0], nowruz.to_string());
    assert!(view.body["holidays"][0]["name"] == "fixed");

    // The company works on 29 Esfand: removed, and a restart (the yearly
    // fill runs again) does not bring it back.
    let esfand_29 = app::domain::calendar::from_jalali(this_year, 12, 29).unwrap_or_default();
    let removed = world
        .manager_a
        .call(
            &world,
            "/api/team_days/remove_holiday",
            json!({ "team_id": team, "day": esfand_29.to_string() }),
        )
        .await;
    assert_eq!(removed.status, StatusCode::OK, "{}", removed.body);
    world
        .store
        .settle_holidays()
        .await
        .expect("the yearly fill");
    let days = holiday_days(
        &read(&world, &world.manager_a, &nowruz.to_string())
            .await
            .body,
    );
    assert_eq!(days.len(), 9);
    assert!(!days.contains(&esfand_29.to_string()));
    // Next year's are there too; the device gets the kept days in its profile.
    let next = app::domain::calendar::from_jalali(this_year + 1, 1, 1).unwrap_or_default();
    let next_days = holiday_days(&read(&world, &world.manager_a, &next.to_string()).await.body);
    assert_eq!(next_days.len(), 10);
    let me = world.rep1.call(&world, "/api/auth/me", json!({})).await;
    assert_eq!(me.body["team_days"]["week"], json!([2, 2, 2, 1, 0, 2, 2]));
    assert!(
        me.body["team_days"]["holidays"]
            .as_array()
            .is_some_and(|days| days.len() >= 9),
        "{}",
        me.body
    );
}
