//! Reports over the real router and a temporary SQLite file: month over
//! month and year over year count deals in the period they closed (in the
//! team's calendar), a manager reads the team and each rep, a rep only
//! themselves, and another team's manager is refused.

use crate::support::*;
use chrono::{Datelike, Months, NaiveDate, Utc};
use http::StatusCode;
use serde_json::{Value, json};

async fn won_on(world: &World, person: &Person, day: NaiveDate, amount: &str) {
    let mut draft = lead_draft(&new_id(), "Won deal");
    draft["stage"] = json!("won");
    draft["won_amount"] = json!(amount);
    draft["closed_on"] = json!(day.to_string());
    let answer = person
        .call(world, "/api/leads/save", json!({ "draft": draft }))
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
}

async fn compare(world: &World, person: &Person, body: Value) -> Answer {
    person
        .call(world, "/api/reports/period_comparison", body)
        .await
}

fn line<'a>(subject: &'a Value, metric: &str) -> &'a Value {
    subject["lines"]
        .as_array()
        .and_then(|lines| lines.iter().find(|line| line["metric"] == metric))
        .unwrap_or(&Value::Null)
}

#[tokio::test]
async fn this_month_is_compared_with_the_one_before_and_a_year_earlier() {
    let world = world().await;
    let today = Utc::now().date_naive();
    let month_start = today.with_day(1).unwrap_or(today);
    won_on(&world, &world.rep1, today, "1400").await;
    won_on(&world, &world.rep1, month_start - Months::new(1), "700").await;
    won_on(&world, &world.rep2, month_start - Months::new(12), "1000").await;

    let answer = compare(
        &world,
        &world.manager_a,
        json!({ "team_id": null, "length": "month", "day": today, "locale": "en" }),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(
        answer.body["current"]["start"],
        json!(month_start.to_string())
    );
    let subjects = answer.body["subjects"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        subjects.len(),
        3,
        "the team and its two reps: {}",
        answer.body
    );
    assert_eq!(subjects[0]["user_id"], Value::Null);
    let revenue = line(&subjects[0], "revenue_won");
    assert_eq!(
        (
            revenue["current"].clone(),
            revenue["previous"].clone(),
            revenue["year_ago"].clone()
        ),
        (json!(140_000), json!(70_000), json!(100_000)),
        "{}",
        answer.body
    );
    assert_eq!(line(&subjects[0], "deals_won")["current"], 1);
    let rep2 = subjects
        .iter()
        .find(|subject| subject["user_id"] == json!(world.rep2.id.to_string()))
        .cloned()
        .unwrap_or_default();
    assert_eq!(line(&rep2, "deals_won")["year_ago"], 1);
    assert_eq!(line(&rep2, "deals_won")["current"], 0);

    // In Persian (the team has no calendar) the period is the Jalali month.
    let answer = compare(
        &world,
        &world.manager_a,
        json!({ "team_id": null, "length": "month", "day": today, "locale": "fa" }),
    )
    .await;
    assert_eq!(answer.body["calendar"], "jalali");
    let start = answer.body["current"]["start"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let jalali_start = app::domain::calendar::jalali_parts(
        NaiveDate::parse_from_str(&start, "%Y-%m-%d").unwrap_or(today),
    );
    assert_eq!(jalali_start.map(|(_, _, day)| day), Some(1));
}

#[tokio::test]
async fn a_report_is_read_only_by_those_who_may_read_its_people() {
    let world = world().await;
    let today = Utc::now().date_naive();
    won_on(&world, &world.rep1, today, "1400").await;
    let body = |team: Option<String>| json!({ "team_id": team, "length": "quarter", "day": today, "locale": "en" });

    let answer = compare(
        &world,
        &world.manager_b,
        body(Some(world.team_a.to_string())),
    )
    .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.body);
    let answer = compare(&world, &world.manager_b, body(None)).await;
    let names: Vec<String> = answer.body["subjects"]
        .as_array()
        .map(|subjects| {
            subjects
                .iter()
                .filter_map(|subject| subject["name"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    assert!(
        !names.iter().any(|name| name.starts_with("rep1")),
        "{names:?}"
    );

    // A rep: only themselves, no team line.
    let answer = compare(&world, &world.rep2, body(None)).await;
    let subjects = answer.body["subjects"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(subjects.len(), 1);
    assert_eq!(subjects[0]["user_id"], json!(world.rep2.id.to_string()));
    assert_eq!(line(&subjects[0], "deals_won")["current"], 0);

    // An admin names any team.
    let answer = compare(&world, &world.admin, body(Some(world.team_a.to_string()))).await;
    assert_eq!(line(&answer.body["subjects"][0], "deals_won")["current"], 1);

    // No session, and a day that is no day.
    let answer = call(
        &world.router,
        "/api/reports/period_comparison",
        None,
        body(None),
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    let answer = compare(
        &world,
        &world.manager_a,
        json!({ "team_id": null, "length": "month", "day": "2026-13-45", "locale": "en" }),
    )
    .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
}
