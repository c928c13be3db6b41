//! `pishro migrate-data`: a SQLite database with the demo data and a
//! generated team, copied into a new PostgreSQL database, holds the same
//! rows, answers every report the same, keeps people signed in, and a
//! device that had synced with the SQLite server goes on pulling from its
//! cursor (only what changed since). Needs a PostgreSQL server
//! (`PISHRO_TEST_POSTGRES`, which `./scripts/test.sh` starts for its second
//! pass); without one it says so and checks nothing.

use crate::support::{call, fresh_database_url, lead_draft, new_id, router_over, sign_in_cookie};
use app::store::copy::{COPIED_TABLES, CopyError, StoredValue};
use app::store::demo::{DEMO_MANAGER, DEMO_PASSWORD, DEMO_REP1};
use app::store::{GenerateOptions, Store};
use chrono::{Datelike, Utc};
use http::StatusCode;
use serde_json::{Value, json};

/// Pulls every page for `client` from `cursor`; returns the changes and the
/// new cursor.
async fn pull_all(
    router: &axum::Router,
    cookie: &str,
    client: &str,
    mut cursor: i64,
) -> (Vec<Value>, i64) {
    let mut changes = Vec::new();
    for _ in 0..200 {
        let page = call(
            router,
            "/api/sync/pull",
            Some(cookie),
            json!({ "request": { "protocol_version": 1, "client_id": client, "cursor": cursor, "limit": 500 } }),
        )
        .await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        changes.extend(page.body["changes"].as_array().cloned().unwrap_or_default());
        cursor = page.body["cursor"].as_i64().expect("a cursor");
        if page.body["more"] == json!(false) {
            break;
        }
    }
    (changes, cursor)
}

/// An answer without the moment it was computed at (the only part that
/// differs between two servers answering the same question).
fn without_time_of_answer(mut value: Value) -> Value {
    match &mut value {
        Value::Object(fields) => {
            fields.remove("computed_at");
            for field in fields.values_mut() {
                *field = without_time_of_answer(field.take());
            }
        }
        Value::Array(items) => {
            for item in items.iter_mut() {
                *item = without_time_of_answer(item.take());
            }
        }
        _ => {}
    }
    value
}

#[tokio::test]
async fn a_copied_database_holds_the_same_rows_and_answers_every_report_the_same() {
    if std::env::var("PISHRO_TEST_POSTGRES").map_or(true, |server| server.is_empty()) {
        eprintln!(
            "skipped: set PISHRO_TEST_POSTGRES (./scripts/test.sh does) to copy into PostgreSQL"
        );
        return;
    }
    let directory = tempfile::tempdir().expect("temp dir");
    let source = Store::connect(&format!(
        "sqlite:{}",
        directory.path().join("source.db").display()
    ))
    .await
    .expect("the SQLite source");
    let hash = app::auth::hash_password(DEMO_PASSWORD).expect("hash");
    app::store::demo::seed(&source, &hash)
        .await
        .expect("demo data");
    let generated = source
        .generate(
            &GenerateOptions {
                reps: 4,
                leads: 300,
                activities: 900,
                months: 3,
                seed: 7,
            },
            &hash,
            Utc::now(),
        )
        .await
        .expect("a generated team");
    let source_router = router_over(&source, &directory.path().join("a")).await;

    // A rep's device syncs with the SQLite server before the move.
    let rep_cookie = sign_in_cookie(&source_router, DEMO_REP1, DEMO_PASSWORD).await;
    let client = new_id();
    let (before, cursor_before) = pull_all(&source_router, &rep_cookie, &client, 0).await;
    assert!(!before.is_empty());
    let manager_cookie = sign_in_cookie(&source_router, DEMO_MANAGER, DEMO_PASSWORD).await;
    let generated_manager =
        sign_in_cookie(&source_router, &generated.manager_email, DEMO_PASSWORD).await;

    let target_directory = tempfile::tempdir().expect("temp dir");
    let target = Store::connect(&fresh_database_url(target_directory.path()).await)
        .await
        .expect("the PostgreSQL target");
    let summary = source.copy_everything_to(&target).await.expect("the copy");
    assert_eq!(summary.tables, COPIED_TABLES.len());
    assert!(summary.rows > 1_000, "{summary:?}");
    assert_eq!(
        summary.last_version,
        source.last_version().await.expect("version")
    );
    // A second copy into the same database is refused, and changes nothing.
    assert!(matches!(
        source.copy_everything_to(&target).await,
        Err(CopyError::TargetNotEmpty(_))
    ));

    // Every row of every table, roll-ups and audit history included.
    for table in COPIED_TABLES {
        let original = source.table_contents(table).await.expect("source rows");
        let mut copied = target.table_contents(table).await.expect("target rows");
        // PostgreSQL numbers stage moves itself (SQLite keeps a rowid).
        for row in &mut copied {
            row.retain(|(column, _)| !(*table == "stage_moves" && column == "id"));
        }
        copied.sort();
        assert_eq!(original.len(), copied.len(), "rows of {table}");
        assert!(original == copied, "{table} differs after the copy");
    }
    let won_leads = target
        .table_contents("leads")
        .await
        .expect("leads")
        .iter()
        .filter(|row| row.contains(&("stage".to_string(), StoredValue::Text("won".into()))))
        .count();
    assert!(won_leads > 10, "the copy has deals to report on");

    // The same reports, through the real router, with the same sessions.
    let target_router = router_over(&target, &target_directory.path().join("b")).await;
    let today = Utc::now().date_naive();
    let month_start = today.with_day(1).expect("first of the month");
    let month_end = month_start
        .checked_add_months(chrono::Months::new(1))
        .and_then(|next| next.pred_opt())
        .expect("end of the month");
    let (day, start, end) = (
        today.to_string(),
        month_start.to_string(),
        month_end.to_string(),
    );
    let team = json!(generated.team_id);
    let reports = [
        ("/api/dashboard/counts", json!({})),
        (
            "/api/dashboard/team",
            json!({ "team_id": team, "locale": "en" }),
        ),
        (
            "/api/reports/summary",
            json!({ "team_id": team, "length": "month", "day": day, "locale": "en" }),
        ),
        (
            "/api/reports/summary",
            json!({ "team_id": team, "length": "quarter", "day": day, "locale": "fa" }),
        ),
        (
            "/api/reports/period_comparison",
            json!({ "team_id": team, "length": "month", "day": day, "locale": "en" }),
        ),
        (
            "/api/reports/tactics",
            json!({ "team_id": team, "rep_id": null, "length": "quarter", "day": day, "window_days": 30, "locale": "en" }),
        ),
        (
            "/api/reports/pipeline",
            json!({ "team_id": team, "rep_id": null, "length": "quarter", "day": day, "idle_days": 14, "locale": "en" }),
        ),
        ("/api/goals/standings", json!({ "day": day })),
        (
            "/api/goals/leaderboard",
            json!({ "team_id": team, "metric": "calls", "currency": "", "period_start": start, "period_end": end }),
        ),
        (
            "/api/goals/leaderboard",
            json!({ "team_id": team, "metric": "revenue_won", "currency": "USD", "period_start": start, "period_end": end }),
        ),
        (
            "/api/pay/commission_report",
            json!({ "team_id": team, "period_start": start, "period_end": end }),
        ),
    ];
    for cookie in [&generated_manager, &manager_cookie] {
        for (path, body) in &reports {
            let on_sqlite = call(&source_router, path, Some(cookie), body.clone()).await;
            let on_postgres = call(&target_router, path, Some(cookie), body.clone()).await;
            assert_eq!(
                on_postgres.status, on_sqlite.status,
                "{path}: {}",
                on_postgres.body
            );
            assert_eq!(
                without_time_of_answer(on_postgres.body),
                without_time_of_answer(on_sqlite.body),
                "{path} answers differently after the copy"
            );
        }
    }

    // The device carries on from its cursor: the whole snapshot is the same,
    // and a new lead on the PostgreSQL server is all it pulls next.
    let (everything, _) = pull_all(&target_router, &rep_cookie, &new_id(), 0).await;
    assert_eq!(everything, before, "a first pull returns the same rows");
    let lead = new_id();
    let saved = call(
        &target_router,
        "/api/leads/save",
        Some(&rep_cookie),
        json!({ "draft": lead_draft(&lead, "After the move") }),
    )
    .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let (next, cursor_after) = pull_all(&target_router, &rep_cookie, &client, cursor_before).await;
    assert_eq!(next.len(), 1, "only the new lead: {next:?}");
    assert_eq!(
        next[0]["row"]["id"].as_str(),
        Some(lead.as_str()),
        "{}",
        next[0]
    );
    assert!(cursor_after > cursor_before);
}
