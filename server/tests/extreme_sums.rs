//! Money sums at the edge (issue 14, item 6): every amount is capped one by
//! one (`MAX_MINOR_UNITS`, 10^15 minor units), but a team's sums are not;
//! 9,300 deals at the cap add up to more than an `i64` holds. Every report
//! where money adds up answers 200 with the exact figure, for the rep and
//! the whole team.

use crate::support::*;
use chrono::Utc;
use serde_json::{Value, json};

/// The largest amount a person may type, in dollars (the cap in cents).
const LARGEST_DOLLARS: &str = "10000000000000";
const DEALS: i128 = 9_300;
/// 9,300 deals at the cap, in cents: 9.3 x 10^18, beyond i64::MAX.
const TOTAL_CENTS: i128 = DEALS * 1_000_000_000_000_000;
/// Leads per push (the protocol's batch is at most 500).
const PER_PUSH: i128 = 465;

fn figure(value: &Value) -> Option<i128> {
    value
        .as_i64()
        .map(i128::from)
        .or_else(|| value.as_u64().map(i128::from))
        .or_else(|| value.to_string().parse().ok())
}

#[tokio::test]
async fn nine_thousand_three_hundred_deals_at_the_cap_add_up_exactly_everywhere() {
    let world = world().await;
    let today = Utc::now().date_naive();
    let month_start = today.format("%Y-%m-01").to_string();
    // Won deals and open deals at the cap, pushed as an offline device would.
    let client = new_id();
    let mut mutation = 0_u64;
    for (stage, first) in [("won", 0), ("proposal", DEALS)] {
        for batch in 0..DEALS / PER_PUSH {
            let mutations: Vec<Value> = (0..PER_PUSH)
                .map(|index| {
                    mutation += 1;
                    let number = first + batch * PER_PUSH + index;
                    let mut draft = lead_draft(&new_id(), &format!("Deal {number}"));
                    draft["phone"] = json!(format!("0912{number:07}"));
                    draft["email"] = json!(format!("buyer{number}@example.com"));
                    draft["stage"] = json!(stage);
                    draft["estimated_value"] = json!(LARGEST_DOLLARS);
                    if stage == "won" {
                        draft["won_amount"] = json!(LARGEST_DOLLARS);
                        draft["closed_on"] = json!(today.to_string());
                    }
                    json!({ "id": mutation, "operation": { "type": "create_lead", "draft": draft } })
                })
                .collect();
            let pushed = ok(
                &world.rep1,
                &world,
                "/api/sync/push",
                json!({ "request": {
                "protocol_version": 1, "client_id": client, "mutations": mutations } }),
            )
            .await;
            assert_eq!(pushed["rejected"], json!([]), "{pushed}");
        }
    }
    // A revenue goal for the rep and one for the team, this month.
    let period_end = {
        let next = if today.format("%m").to_string() == "12" {
            format!(
                "{}-01-01",
                today
                    .format("%Y")
                    .to_string()
                    .parse::<i32>()
                    .unwrap_or(2026)
                    + 1
            )
        } else {
            today.format("%Y-").to_string()
                + &format!(
                    "{:02}-01",
                    today.format("%m").to_string().parse::<u32>().unwrap_or(1) + 1
                )
        };
        (chrono::NaiveDate::parse_from_str(&next, "%Y-%m-%d").unwrap_or(today)
            - chrono::Days::new(1))
        .to_string()
    };
    for (scope, subject) in [
        ("rep", world.rep1.id.to_string()),
        ("team", world.team_a.to_string()),
    ] {
        ok(&world.manager_a, &world, "/api/goals/save", json!({ "draft": {
            "id": new_id(), "scope": scope, "subject_id": subject, "metric": "revenue_won",
            "target": "1000", "currency": "USD", "period_start": month_start, "period_end": period_end,
        } })).await;
    }
    ok(&world.manager_a, &world, "/api/pay/save_plan", json!({ "draft": {
        "id": new_id(), "effective_from": month_start, "effective_to": "", "new_customer_rate": "10",
        "existing_customer_rate": "10", "tiers": [], "rep_bonus": "", "team_bonus": "", "bonus_currency": "USD",
    } })).await;

    for person in [&world.rep1, &world.manager_a] {
        let standings = ok(
            person,
            &world,
            "/api/goals/standings",
            json!({ "day": today }),
        )
        .await;
        let actuals: Vec<i128> = standings
            .as_array()
            .map(|all| {
                all.iter()
                    .filter_map(|standing| figure(&standing["actual"]))
                    .collect()
            })
            .unwrap_or_default();
        assert!(
            actuals.contains(&TOTAL_CENTS),
            "{}: {standings}",
            person.email
        );
    }
    let board = ok(
        &world.manager_a,
        &world,
        "/api/goals/leaderboard",
        json!({ "team_id": null, "metric": "revenue_won", "currency": "USD",
            "period_start": month_start, "period_end": period_end }),
    )
    .await;
    assert!(
        board.to_string().contains(&TOTAL_CENTS.to_string()),
        "{board}"
    );

    let report = ok(
        &world.manager_a,
        &world,
        "/api/pay/commission_report",
        json!({ "team_id": null, "period_start": month_start, "period_end": period_end }),
    )
    .await;
    // 10% of the revenue, exactly.
    assert!(
        report.to_string().contains(&(TOTAL_CENTS / 10).to_string()),
        "{report}"
    );

    let dashboard = ok(
        &world.manager_a,
        &world,
        "/api/dashboard/team",
        json!({ "team_id": null, "locale": "en" }),
    )
    .await;
    let text = dashboard.to_string();
    assert!(
        text.contains(&TOTAL_CENTS.to_string()),
        "won this period and open pipeline"
    );
    // The trend's latest period holds this month's wins, exactly (it once
    // read only the low part of each day's split sum: 0 for these deals).
    let latest = dashboard["trend"]
        .as_array()
        .and_then(|points| points.last())
        .cloned()
        .unwrap_or_default();
    assert!(
        latest["revenue"]
            .to_string()
            .contains(&TOTAL_CENTS.to_string()),
        "{latest}"
    );
    let counts = ok(&world.rep1, &world, "/api/dashboard/counts", json!({})).await;
    assert_eq!(
        counts["revenue_won"],
        json!([["USD", TOTAL_CENTS]]),
        "{counts}"
    );
    assert_eq!(
        counts["pipeline_value"],
        json!([["USD", TOTAL_CENTS]]),
        "{counts}"
    );

    let comparison = ok(
        &world.manager_a,
        &world,
        "/api/reports/period_comparison",
        json!({ "team_id": null, "length": "month", "day": today, "locale": "en" }),
    )
    .await;
    assert!(
        comparison.to_string().contains(&TOTAL_CENTS.to_string()),
        "{comparison}"
    );
    for (path, body) in [
        (
            "/api/reports/tactics",
            json!({ "team_id": null, "rep_id": null, "length": "month", "day": today, "window_days": 14, "locale": "en" }),
        ),
        (
            "/api/reports/pipeline",
            json!({ "team_id": null, "rep_id": null, "length": "month", "day": today, "idle_days": 14, "locale": "en" }),
        ),
        (
            "/api/reports/summary",
            json!({ "team_id": null, "length": "month", "day": today, "locale": "en" }),
        ),
    ] {
        let answer = ok(&world.manager_a, &world, path, body.clone()).await;
        if path == "/api/reports/summary" {
            assert!(
                answer.to_string().contains(&TOTAL_CENTS.to_string()),
                "{path}"
            );
        }
        if path != "/api/reports/summary" {
            ok(&world.rep1, &world, path, body).await;
        }
    }
}
