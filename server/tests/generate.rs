//! `pishro generate` (`Store::generate`) on a temporary SQLite file: the
//! numbers asked for are written, the team's manager signs in with the demo
//! password, and the tactic report over the generated year tells the
//! tactics apart (referrals win far more often than cold calls, as
//! generated), so the reports have something true to show at any size.

use crate::support::*;
use app::store::GenerateOptions;
use app::store::demo::DEMO_PASSWORD;
use chrono::Utc;
use http::StatusCode;
use serde_json::{Value, json};

fn won_share(lines: &Value, tactic: &str) -> f64 {
    let line = lines
        .as_array()
        .and_then(|lines| {
            lines
                .iter()
                .find(|line| line["approach"]["value"] == tactic)
        })
        .cloned()
        .unwrap_or_default();
    let touched = line["leads_touched"].as_f64().unwrap_or(0.0);
    let won = line["won"].as_f64().unwrap_or(0.0);
    if touched > 0.0 { won / touched } else { -1.0 }
}

#[tokio::test]
async fn a_generated_team_has_the_numbers_asked_for_and_tactics_that_differ() {
    let (router, store, _directory) = empty_server().await;
    let options = GenerateOptions {
        reps: 4,
        leads: 2_000,
        activities: 10_000,
        months: 13,
        seed: 3,
    };
    let hash = app::auth::hash_password(DEMO_PASSWORD).expect("hash");
    let generated = store
        .generate(&options, &hash, Utc::now())
        .await
        .expect("generated");
    assert_eq!(generated.rep_emails.len(), 4);
    let count = |table: &'static str| {
        let store = store.clone();
        async move {
            sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!(
                "SELECT COUNT(*) FROM {table}"
            )))
            .fetch_one(store.pool())
            .await
            .unwrap_or(-1)
        }
    };
    assert_eq!(count("leads").await, 2_000);
    assert_eq!(count("activities").await, 10_000);
    // The roll-ups saw every row: every open lead is in the stale-deal table.
    let open: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM leads WHERE stage NOT IN ('won', 'lost')")
            .fetch_one(store.pool())
            .await
            .unwrap_or(-1);
    assert_eq!(count("open_lead_attention").await, open);

    let cookie = sign_in_cookie(&router, &generated.manager_email, DEMO_PASSWORD).await;
    let answer = call(
        &router,
        "/api/reports/tactics",
        Some(&cookie),
        json!({ "team_id": null, "rep_id": null, "length": "year", "day": Utc::now().date_naive(),
                "window_days": 60, "locale": "en" }),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let by_tactic = &answer.body["by_tactic"];
    let (referral, cold) = (
        won_share(by_tactic, "referral"),
        won_share(by_tactic, "cold_call"),
    );
    assert!(
        cold >= 0.0 && referral > cold * 2.0,
        "referral {referral}, cold call {cold}: {by_tactic}"
    );
    let answer = call(
        &router,
        "/api/reports/pipeline",
        Some(&cookie),
        json!({ "team_id": null, "rep_id": null, "length": "year", "day": Utc::now().date_naive(),
                "idle_days": 14, "locale": "en" }),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert!(
        answer.body["stale_count"].as_i64().unwrap_or(0) > 0,
        "{}",
        answer.body
    );
}
