//! The tactic and pipeline reports over the real router and a temporary
//! SQLite file: a tactic whose leads move on and win ranks above one whose
//! leads do not; the funnel counts stage entries; the forecast weighs the
//! open pipeline by the team's own stage win rates; an untouched deal is
//! listed as stale; another team's manager and another rep are refused;
//! and no statement reads a whole table.

use crate::support::*;
use app::domain::access::ReadScope;
use chrono::{Duration, Utc};
use http::StatusCode;
use serde_json::{Value, json};

async fn save_lead(world: &World, person: &Person, id: &str, name: &str, stage: &str) {
    let mut draft = lead_draft(id, name);
    draft["stage"] = json!(stage);
    draft["phone"] = json!("");
    draft["email"] = json!("");
    if stage == "won" {
        draft["won_amount"] = json!("1000");
        draft["closed_on"] = json!(Utc::now().date_naive().to_string());
    }
    if stage == "lost" {
        draft["lost_reason"] = json!("Price");
        draft["closed_on"] = json!(Utc::now().date_naive().to_string());
    }
    let answer = person
        .call(world, "/api/leads/save", json!({ "draft": draft }))
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
}

async fn log(world: &World, person: &Person, lead: &str, kind: &str, tactic: &str) {
    let mut draft = activity_draft(&new_id(), Some(lead));
    draft["kind"] = json!(kind);
    draft["tactic"] = json!(tactic);
    draft["when"] = json!((Utc::now() - Duration::hours(1)).to_rfc3339());
    let answer = person
        .call(world, "/api/activities/save", json!({ "draft": draft }))
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
}

fn report_day() -> String {
    (Utc::now() - Duration::hours(1)).date_naive().to_string()
}

async fn tactics(
    world: &World,
    person: &Person,
    team: Option<String>,
    rep: Option<String>,
) -> Answer {
    person
        .call(
            world,
            "/api/reports/tactics",
            json!({ "team_id": team, "rep_id": rep, "length": "month", "day": report_day(),
                    "window_days": 14, "locale": "en" }),
        )
        .await
}

async fn pipeline(
    world: &World,
    person: &Person,
    team: Option<String>,
    rep: Option<String>,
) -> Answer {
    person
        .call(
            world,
            "/api/reports/pipeline",
            json!({ "team_id": team, "rep_id": rep, "length": "month", "day": report_day(),
                    "idle_days": 14, "locale": "en" }),
        )
        .await
}

fn line<'a>(lines: &'a Value, value: &str) -> &'a Value {
    lines
        .as_array()
        .and_then(|lines| lines.iter().find(|line| line["approach"]["value"] == value))
        .unwrap_or(&Value::Null)
}

#[tokio::test]
async fn personalised_emails_that_win_rank_above_cold_calls_that_do_not() {
    let world = world().await;
    let (cold_one, cold_two, warm_one, warm_two) = (new_id(), new_id(), new_id(), new_id());
    for (id, name) in [
        (&cold_one, "Cold one"),
        (&cold_two, "Cold two"),
        (&warm_one, "Warm one"),
        (&warm_two, "Warm two"),
    ] {
        save_lead(&world, &world.rep1, id, name, "new").await;
    }
    log(&world, &world.rep1, &cold_one, "call", "cold_call").await;
    log(&world, &world.rep1, &cold_one, "call", "cold_call").await;
    log(&world, &world.rep1, &cold_two, "call", "cold_call").await;
    log(
        &world,
        &world.rep1,
        &warm_one,
        "email",
        "personalised_email",
    )
    .await;
    log(
        &world,
        &world.rep1,
        &warm_two,
        "email",
        "personalised_email",
    )
    .await;
    save_lead(&world, &world.rep1, &warm_one, "Warm one", "proposal").await;
    save_lead(&world, &world.rep1, &warm_two, "Warm two", "won").await;

    let answer = tactics(&world, &world.manager_a, None, None).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let by_tactic = &answer.body["by_tactic"];
    assert_eq!(
        by_tactic[0]["approach"],
        json!({"by": "tactic", "value": "personalised_email"})
    );
    let email = line(by_tactic, "personalised_email");
    assert_eq!(
        (
            &email["activities"],
            &email["leads_touched"],
            &email["moved_forward"],
            &email["won"]
        ),
        (&json!(2), &json!(2), &json!(2), &json!(1)),
        "{}",
        answer.body
    );
    assert_eq!(email["revenue"], json!({"USD": 100_000}));
    let cold = line(by_tactic, "cold_call");
    assert_eq!(
        (
            &cold["activities"],
            &cold["leads_touched"],
            &cold["moved_forward"],
            &cold["won"]
        ),
        (&json!(3), &json!(2), &json!(0), &json!(0)),
        "{}",
        answer.body
    );
    assert_eq!(line(&answer.body["by_kind"], "email")["won"], 1);
    assert_eq!(
        line(&answer.body["by_source"], "referral")["leads_touched"],
        4
    );

    // The same figures for rep1 alone; rep2 did nothing.
    let answer = tactics(
        &world,
        &world.manager_a,
        None,
        Some(world.rep1.id.to_string()),
    )
    .await;
    assert_eq!(
        line(&answer.body["by_tactic"], "cold_call")["activities"],
        3
    );
    let answer = tactics(
        &world,
        &world.manager_a,
        None,
        Some(world.rep2.id.to_string()),
    )
    .await;
    assert_eq!(answer.body["by_tactic"], json!([]), "{}", answer.body);

    // A window of no days, or of years, is a field error.
    let answer = world
        .manager_a
        .call(
            &world,
            "/api/reports/tactics",
            json!({ "team_id": null, "rep_id": null, "length": "month", "day": report_day(),
                    "window_days": 0, "locale": "en" }),
        )
        .await;
    assert_eq!(problem_fields(&answer), ["window_days"], "{}", answer.body);
}

#[tokio::test]
async fn the_forecast_weighs_open_deals_by_the_teams_own_win_rates() {
    let world = world().await;
    // History: two deals reached proposal; one was won, one lost.
    let (won, lost, open, idle) = (new_id(), new_id(), new_id(), new_id());
    for (id, name) in [(&won, "Won"), (&lost, "Lost"), (&open, "Open")] {
        save_lead(&world, &world.rep1, id, name, "new").await;
        save_lead(&world, &world.rep1, id, name, "proposal").await;
    }
    save_lead(&world, &world.rep1, &won, "Won", "won").await;
    save_lead(&world, &world.rep1, &lost, "Lost", "lost").await;
    save_lead(&world, &world.rep2, &idle, "Nobody called", "contacted").await;
    // The untouched deal entered its stage 20 days ago.
    let long_ago =
        (Utc::now() - Duration::days(20)).to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    sqlx::query("UPDATE stage_moves SET moved_at = $1, entered_from_at = $2 WHERE lead_id = $3")
        .bind(&long_ago)
        .bind(&long_ago)
        .bind(&idle)
        .execute(world.store.pool())
        .await
        .expect("backdate");
    sqlx::query(
        "UPDATE open_lead_attention SET stage_since = $1, quiet_since = $2 WHERE lead_id = $3",
    )
    .bind(&long_ago)
    .bind(&long_ago)
    .bind(&idle)
    .execute(world.store.pool())
    .await
    .expect("backdate");

    let answer = pipeline(&world, &world.manager_a, None, None).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let body = &answer.body;
    let proposal = body["win_rates"]
        .as_array()
        .and_then(|rates| rates.iter().find(|rate| rate["stage"] == "proposal"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        (&proposal["closed"], &proposal["won"]),
        (&json!(2), &json!(1)),
        "{body}"
    );
    // The team first: won 1,000 USD, the open 1,500 USD proposal at 50%.
    assert_eq!(body["forecast"][0]["user_id"], Value::Null);
    assert_eq!(
        body["forecast"][0]["won_so_far"],
        json!({"USD": 100_000}),
        "{body}"
    );
    assert_eq!(
        body["forecast"][0]["weighted_open"]["USD"],
        json!(75_000),
        "{body}"
    );
    // The funnel: three leads entered proposal this month, two went on (won; lost is not on).
    let proposal_step = body["funnel"]
        .as_array()
        .and_then(|steps| steps.iter().find(|step| step["stage"] == "proposal"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        (&proposal_step["entered"], &proposal_step["went_on"]),
        (&json!(3), &json!(1)),
        "{body}"
    );
    // The deal nobody touched for 20 days is stale, with its owner.
    let stale = body["stale"].as_array().cloned().unwrap_or_default();
    assert_eq!(stale.len(), 1, "{body}");
    assert_eq!(stale[0]["deal"]["name"], "Nobody called");
    assert_eq!(stale[0]["idle_days"], 20);
    assert_eq!(body["stale_count"], 1);
    assert_eq!(body["stale_value"], json!({"USD": 150_000}));
    // Productivity: the team line first, then each rep.
    assert_eq!(body["productivity"][0]["won"], 1);
    assert_eq!(body["productivity"][0]["lost"], 1);
}

#[tokio::test]
async fn reports_are_refused_to_other_teams_and_other_reps() {
    let world = world().await;
    let lead = new_id();
    save_lead(&world, &world.rep1, &lead, "Rep one's", "new").await;
    log(&world, &world.rep1, &lead, "call", "cold_call").await;
    let team_a = Some(world.team_a.to_string());
    let rep1 = Some(world.rep1.id.to_string());

    for answer in [
        tactics(&world, &world.manager_b, team_a.clone(), None).await,
        pipeline(&world, &world.manager_b, team_a.clone(), None).await,
        tactics(&world, &world.manager_b, None, rep1.clone()).await,
        pipeline(&world, &world.manager_b, None, rep1.clone()).await,
        tactics(&world, &world.rep2, None, rep1.clone()).await,
        pipeline(&world, &world.rep2, None, rep1.clone()).await,
    ] {
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.body);
    }
    // Manager B's own team shows nothing of rep1's work.
    let answer = tactics(&world, &world.manager_b, None, None).await;
    assert_eq!(answer.body["by_tactic"], json!([]), "{}", answer.body);
    // A rep reads only their own work, with no team lines.
    let answer = tactics(&world, &world.rep2, None, None).await;
    assert_eq!(answer.body["by_tactic"], json!([]), "{}", answer.body);
    let answer = pipeline(&world, &world.rep2, None, None).await;
    let forecast = answer.body["forecast"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(forecast.len(), 1, "{}", answer.body);
    assert_eq!(forecast[0]["user_id"], json!(world.rep2.id.to_string()));
    // Signed out: refused.
    let answer = call(
        &world.router,
        "/api/reports/tactics",
        None,
        json!({ "team_id": null, "rep_id": null, "length": "month", "day": report_day(),
                "window_days": 14, "locale": "en" }),
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn no_report_statement_reads_a_whole_table() {
    let world = world().await;
    // The plans checked here are SQLite's (`EXPLAIN QUERY PLAN`).
    if world.store.backend() != app::store::Backend::Sqlite {
        return;
    }
    for scope in [ReadScope::Team(world.team_a), ReadScope::Own(world.rep1.id)] {
        let mut plans = world
            .store
            .effectiveness_query_plans(scope)
            .await
            .expect("plans");
        plans.extend(
            world
                .store
                .pipeline_health_query_plans(scope)
                .await
                .expect("plans"),
        );
        let scans: Vec<&String> = plans
            .iter()
            .filter(|step| step.starts_with("SCAN ") && !step.starts_with("SCAN CONSTANT"))
            .filter(|step| !step.contains("SUBQUERY") && !step.contains("(subquery"))
            .collect();
        assert!(scans.is_empty(), "{scans:?}\n{plans:#?}");
    }
}

async fn summary_of(world: &World, person: &Person, team: Option<String>) -> Answer {
    person
        .call(
            world,
            "/api/reports/summary",
            json!({ "team_id": team, "length": "month", "day": report_day(), "locale": "en" }),
        )
        .await
}

async fn save_note(
    world: &World,
    person: &Person,
    team: Option<String>,
    period: Value,
    note: String,
) -> Answer {
    person
        .call(
            world,
            "/api/reports/save_note",
            json!({ "team_id": team, "period": period, "note": note }),
        )
        .await
}

#[tokio::test]
async fn the_leadership_summary_keeps_the_managers_note_and_only_they_write_it() {
    let world = world().await;
    let won = new_id();
    save_lead(&world, &world.rep1, &won, "Won for the summary", "won").await;
    let answer = summary_of(&world, &world.manager_a, None).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(answer.body["team_name"], "Team A");
    assert_eq!(answer.body["headline"][0]["metric"], "revenue_won");
    assert_eq!(answer.body["headline"][0]["current"], 100_000);
    assert_eq!(answer.body["note"], Value::Null);
    assert_eq!(answer.body["may_write_note"], true);
    let period = answer.body["period"].clone();

    let answer = save_note(
        &world,
        &world.manager_a,
        None,
        period.clone(),
        "  Strong month; Sara carried it.  ".into(),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let answer = summary_of(&world, &world.admin, Some(world.team_a.to_string())).await;
    assert_eq!(
        answer.body["note"]["text"],
        "Strong month; Sara carried it."
    );
    assert_eq!(
        answer.body["note"]["updated_by_name"],
        "manager.a@test.local"
    );

    // Another team's manager, and reps, neither read nor write it.
    let team_a = Some(world.team_a.to_string());
    for answer in [
        save_note(
            &world,
            &world.manager_b,
            team_a.clone(),
            period.clone(),
            "Mine now".into(),
        )
        .await,
        save_note(&world, &world.rep1, None, period.clone(), "Mine now".into()).await,
        summary_of(&world, &world.manager_b, team_a.clone()).await,
        summary_of(&world, &world.rep1, None).await,
    ] {
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.body);
    }
    let answer = save_note(
        &world,
        &world.manager_a,
        None,
        period.clone(),
        "x".repeat(4001),
    )
    .await;
    assert_eq!(problem_fields(&answer), ["note"], "{}", answer.body);
    let answer = summary_of(&world, &world.manager_a, None).await;
    assert_eq!(
        answer.body["note"]["text"],
        "Strong month; Sara carried it."
    );

    // An empty note removes it.
    let answer = save_note(
        &world,
        &world.manager_a,
        None,
        period.clone(),
        String::new(),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let answer = summary_of(&world, &world.manager_a, None).await;
    assert_eq!(answer.body["note"], Value::Null);
}

/// The funnel's step for `stage` in the manager's pipeline report.
async fn funnel_step(world: &World, stage: &str) -> (Value, Value) {
    let answer = pipeline(world, &world.manager_a, None, None).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let step = answer.body["funnel"]
        .as_array()
        .and_then(|steps| steps.iter().find(|step| step["stage"] == stage))
        .cloned()
        .unwrap_or_default();
    (step["entered"].clone(), step["went_on"].clone())
}

#[tokio::test]
async fn the_funnel_counts_moves_in_whatever_order_they_arrive_and_forgets_deleted_leads() {
    let world = world().await;
    let (kept, deleted, late) = (new_id(), new_id(), new_id());
    for (id, name) in [(&kept, "Kept"), (&deleted, "Deleted")] {
        save_lead(&world, &world.rep1, id, name, "new").await;
        save_lead(&world, &world.rep1, id, name, "contacted").await;
        save_lead(&world, &world.rep1, id, name, "qualified").await;
    }
    assert_eq!(funnel_step(&world, "contacted").await, (json!(2), json!(2)));
    assert_eq!(funnel_step(&world, "qualified").await, (json!(2), json!(0)));

    // Offline work lands late: the move out of qualified (an hour ago)
    // arrives before the move into it (two hours ago). The entry still
    // counts as one that went on.
    save_lead(&world, &world.rep1, &late, "Late", "new").await;
    let at = |hours: i64| {
        (Utc::now() - Duration::hours(hours)).to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
    };
    for (from, to, hours) in [("qualified", "proposal", 1), ("new", "qualified", 2)] {
        sqlx::query(
            "INSERT INTO stage_moves (lead_id, owner_id, from_stage, to_stage, entered_from_at, moved_at, forward) \
             VALUES ($1, $2, $3, $4, $5, $6, 1)",
        )
        .bind(&late)
        .bind(world.rep1.id.to_string())
        .bind(from)
        .bind(to)
        .bind(at(3))
        .bind(at(hours))
        .execute(world.store.pool())
        .await
        .expect("a late move");
    }
    assert_eq!(funnel_step(&world, "qualified").await, (json!(3), json!(1)));

    // A deleted lead's moves leave the funnel.
    let answer = world
        .rep1
        .call(&world, "/api/leads/delete", json!({ "id": deleted }))
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(funnel_step(&world, "contacted").await, (json!(1), json!(1)));
    assert_eq!(funnel_step(&world, "qualified").await, (json!(2), json!(1)));
}

/// The manager's tactic report for the month containing `day`, with the
/// moves and wins counted within `window_days`.
async fn tactics_for(world: &World, day: &str, window_days: u32) -> Answer {
    world
        .manager_a
        .call(
            world,
            "/api/reports/tactics",
            json!({ "team_id": null, "rep_id": null, "length": "month", "day": day,
                    "window_days": window_days, "locale": "en" }),
        )
        .await
}

#[tokio::test]
async fn a_lead_counts_for_a_tactic_in_the_month_it_first_reached_it() {
    let world = world().await;
    let lead = new_id();
    save_lead(&world, &world.rep1, &lead, "Long deal", "new").await;
    // A cold call 40 days ago (last month, whatever today is), another now.
    let long_ago = Utc::now() - Duration::days(40);
    let first_call = new_id();
    let mut draft = activity_draft(&first_call, Some(&lead));
    draft["kind"] = json!("call");
    draft["tactic"] = json!("cold_call");
    draft["when"] = json!(long_ago.to_rfc3339());
    let answer = world
        .rep1
        .call(&world, "/api/activities/save", json!({ "draft": draft }))
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    log(&world, &world.rep1, &lead, "call", "cold_call").await;

    // This month: one call, but the lead was first reached last month.
    let answer = tactics_for(&world, &report_day(), 14).await;
    let cold = line(&answer.body["by_tactic"], "cold_call");
    assert_eq!(
        (&cold["activities"], &cold["leads_touched"]),
        (&json!(1), &json!(0)),
        "{}",
        answer.body
    );
    // Last month: the first call and the lead it reached.
    let last_month = long_ago.date_naive().to_string();
    let answer = tactics_for(&world, &last_month, 14).await;
    let cold = line(&answer.body["by_tactic"], "cold_call");
    assert_eq!(
        (&cold["activities"], &cold["leads_touched"]),
        (&json!(1), &json!(1)),
        "{}",
        answer.body
    );

    // The lead moves on today: more than 30 days after its first touch, so
    // it counts within a window of 60 days, not of 30.
    save_lead(&world, &world.rep1, &lead, "Long deal", "qualified").await;
    let moved =
        |answer: &Answer| line(&answer.body["by_tactic"], "cold_call")["moved_forward"].clone();
    assert_eq!(moved(&tactics_for(&world, &last_month, 30).await), json!(0));
    assert_eq!(moved(&tactics_for(&world, &last_month, 60).await), json!(1));

    // The first call is deleted: the lead was first reached this month.
    let answer = world
        .rep1
        .call(
            &world,
            "/api/activities/delete",
            json!({ "id": first_call }),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let answer = tactics_for(&world, &report_day(), 14).await;
    let cold = line(&answer.body["by_tactic"], "cold_call");
    assert_eq!(
        (
            &cold["activities"],
            &cold["leads_touched"],
            &cold["moved_forward"]
        ),
        (&json!(1), &json!(1), &json!(1)),
        "{}",
        answer.body
    );
    assert_eq!(
        line(
            &tactics_for(&world, &last_month, 60).await.body["by_tactic"],
            "cold_call"
        ),
        &Value::Null
    );

    // Any other window is a field error.
    let answer = tactics_for(&world, &report_day(), 15).await;
    assert_eq!(problem_fields(&answer), ["window_days"], "{}", answer.body);
}
