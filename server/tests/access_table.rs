//! The access table (issue 14, "Prove it across everything"): every server
//! function the router serves, and the live-event stream, called by each
//! of: no session, a rep of the same team, a rep of another team and a
//! manager of another team, each aiming at team A's records (rep1's lead,
//! activity and goal, the manager's record, plan, holidays and period
//! note). Every call is refused or answers without a word of those
//! records, and after every call the database is exactly as it was (the
//! few calls that can only act on the caller's own scope leave team A's
//! records as they were). A server function with no row here fails the
//! test: the rows are checked against the router's own list.

use crate::support::*;
use chrono::Utc;
use http::StatusCode;
use serde_json::{Value, json};
use std::collections::BTreeSet;

/// Words that only team A's private records contain.
const SECRETS: [&str; 13] = [
    "SECRET-LEAD-A",
    "SECRET-STAFF-A",
    "SECRET-TRAINING-A",
    "SECRET-POOL-A",
    "SECRET-FORM-A",
    "SECRET-SPENDING-A",
    "SECRET-EVENT-A",
    "secret-invite-a",
    "SECRET-ABSENCE-A",
    "SECRET-NOTE-A",
    "SECRET-RECORD-A",
    "SECRET-PERIOD-A",
    "SECRET-HOLIDAY-A",
];

/// Tables a refused call may still touch: the caller's own session and
/// device bookkeeping (a refused push is recorded for the caller's device).
const BOOKKEEPING: [&str; 8] = [
    // Who the last write transaction was by, and the history of the
    // caller's own changes (their locale, say).
    "audit_actor",
    "audit_log",
    "sessions",
    "sync_clients",
    "rejected_mutations",
    "_sqlx_migrations",
    // The caller's own attempts, counted by the sign-in throttle (opening
    // an invite link counts like a sign-in) and the web forms' limits.
    "sign_in_strikes",
    "recent_submissions",
];

/// One statement per table, except the caller's own bookkeeping, that
/// reads all its rows as text. Built once: the schema does not change
/// while the table runs, and reading it again for each of the thousand
/// fingerprints took most of this test's 196 s on PostgreSQL.
async fn row_readers(world: &World) -> Vec<(String, String)> {
    let sqlite = world.store.backend() == app::store::Backend::Sqlite;
    let tables: Vec<String> = sqlx::query_scalar(if sqlite {
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    } else {
        "SELECT table_name::text FROM information_schema.tables \
         WHERE table_schema = 'public' ORDER BY table_name"
    })
    .fetch_all(world.store.pool())
    .await
    .expect("tables");
    let mut readers = Vec::new();
    for table in tables
        .into_iter()
        .filter(|table| !BOOKKEEPING.contains(&table.as_str()))
    {
        let columns: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(if sqlite {
            format!("SELECT name FROM pragma_table_info('{table}')")
        } else {
            format!(
                "SELECT column_name::text FROM information_schema.columns \
                 WHERE table_name = '{table}' ORDER BY ordinal_position"
            )
        }))
        .fetch_all(world.store.pool())
        .await
        .expect("columns");
        let quote = if sqlite { "quote" } else { "quote_nullable" };
        let row = columns
            .iter()
            .map(|column| format!("{quote}(\"{column}\")"))
            .collect::<Vec<_>>()
            .join(" || '|' || ");
        let reader = format!("SELECT {row} FROM {table} ORDER BY 1");
        readers.push((table, reader));
    }
    readers
}

/// Every row of every table except the caller's own bookkeeping, as text.
async fn fingerprint(world: &World, readers: &[(String, String)]) -> String {
    let mut text = String::new();
    for (table, reader) in readers {
        let rows: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(reader.as_str()))
            .fetch_all(world.store.pool())
            .await
            .expect("rows");
        text.push_str(&format!("## {table}\n{}\n", rows.join("\n")));
    }
    text
}

/// Team A's records as their owners read them.
async fn team_a_view(world: &World, day: &str) -> String {
    let mut view = String::new();
    for (person, path, body) in [
        (&world.rep1, "/api/leads/list", json!({})),
        (
            &world.rep1,
            "/api/activities/list",
            json!({ "lead_id": null }),
        ),
        (&world.manager_a, "/api/goals/list", json!({})),
        (&world.manager_a, "/api/records/list", json!({})),
        (
            &world.manager_a,
            "/api/team_days/read",
            json!({ "team_id": null, "day": day, "locale": "en" }),
        ),
        (&world.admin, "/api/people/list", json!({})),
        (&world.admin, "/api/teams/list", json!({})),
        (
            &world.manager_a,
            "/api/people/team",
            json!({ "team_id": null }),
        ),
        (
            &world.manager_a,
            "/api/people/invites/list",
            json!({ "team_id": null }),
        ),
        (
            &world.manager_a,
            "/api/events/list",
            json!({ "team_id": null }),
        ),
        (
            &world.manager_a,
            "/api/budgets/list",
            json!({ "team_id": null }),
        ),
        (
            &world.manager_a,
            "/api/training/list",
            json!({ "team_id": null }),
        ),
        (
            &world.manager_a,
            "/api/people/staff/read",
            json!({ "person_id": world.rep1.id }),
        ),
        (
            &world.manager_a,
            "/api/pool/list",
            json!({ "team_id": null }),
        ),
        (
            &world.manager_a,
            "/api/web-forms/list",
            json!({ "team_id": world.team_a }),
        ),
        (
            &world.manager_a,
            "/api/events/list",
            json!({ "team_id": null }),
        ),
    ] {
        let answer = person.call(world, path, body).await;
        // Of the people, rep1 and team A's manager (the others may change
        // their own locale).
        let victims = [world.rep1.id.to_string(), world.manager_a.id.to_string()];
        let shown = match answer.body.as_array() {
            Some(all) if path == "/api/people/list" => Value::Array(
                all.iter()
                    .filter(|person| victims.iter().any(|id| person["id"] == json!(id)))
                    .cloned()
                    .collect(),
            ),
            _ => answer.body,
        };
        view.push_str(&format!("{path}: {shown}\n"));
    }
    view
}

/// What each server function is called with: aimed at team A's records.
struct Aim {
    lead: String,
    activity: String,
    goal: String,
    record: String,
    plan: String,
    absence: String,
    invite: String,
    event: String,
    budget_line: String,
    spending: String,
    pool_lead: String,
    web_form: String,
    training_programme: String,
    training_session: String,
    team_a: String,
    rep1: String,
    day: String,
    month_start: String,
    month_end: String,
}

/// Server functions that can only act on the caller's own scope (their own
/// session, locale, team or teammates): they may write, but never to team
/// A's records.
const OWN_SCOPE: [&str; 6] = [
    "/api/auth/sign_in",
    "/api/auth/sign_out",
    "/api/auth/locale",
    "/api/goals/copy_previous",
    "/api/goals/save_for_every_rep",
    "/api/kudos/give",
];

/// A CSV file of one lead with the phone of team A's lead, base64.
fn import_file() -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode("name,phone\nCopy of a lead,0912 345 6789\n")
}

fn table(aim: &Aim) -> Vec<(&'static str, Value)> {
    let lead = |name: &str| {
        let mut draft = lead_draft(&aim.lead, name);
        draft["owner_id"] = json!(null);
        draft
    };
    let mut activity = activity_draft(&aim.activity, Some(&aim.lead));
    activity["notes"] = json!("Taken over");
    vec![
        (
            "/api/auth/sign_in",
            json!({ "email": "rep1@test.local", "password": "not the password" }),
        ),
        ("/api/auth/sign_out", json!({})),
        ("/api/auth/me", json!({})),
        ("/api/auth/locale", json!({ "locale": "fa" })),
        ("/api/leads/list", json!({})),
        ("/api/leads/get", json!({ "id": aim.lead })),
        ("/api/leads/save", json!({ "draft": lead("Taken over") })),
        ("/api/leads/delete", json!({ "id": aim.lead })),
        ("/api/leads/history", json!({ "id": aim.lead })),
        // A file naming team A's lead's phone: nobody else learns it exists.
        (
            "/api/leads/import/preview",
            json!({ "import": { "file": import_file(), "mapping": null, "currency": "USD" } }),
        ),
        ("/api/leads/reps", json!({})),
        (
            "/api/leads/share",
            json!({ "leads": { "which": "chosen", "ids": [aim.lead] },
                    "owners": { "to": "rep", "user_id": aim.rep1 } }),
        ),
        (
            "/api/leads/import/commit",
            json!({ "import": { "file": import_file(), "mapping": null, "currency": "USD" },
                    "owners": { "to": "rep", "user_id": aim.rep1 } }),
        ),
        ("/api/activities/list", json!({ "lead_id": aim.lead })),
        ("/api/activities/get", json!({ "id": aim.activity })),
        ("/api/activities/save", json!({ "draft": activity })),
        ("/api/activities/delete", json!({ "id": aim.activity })),
        ("/api/goals/list", json!({})),
        ("/api/goals/get", json!({ "id": aim.goal })),
        (
            "/api/goals/save",
            json!({ "draft": {
            "id": aim.goal, "scope": "rep", "subject_id": aim.rep1, "metric": "calls", "target": "1",
            "currency": "", "period_start": aim.month_start, "period_end": aim.month_end } }),
        ),
        ("/api/goals/delete", json!({ "id": aim.goal })),
        ("/api/goals/standings", json!({ "day": aim.day })),
        (
            "/api/goals/leaderboard",
            json!({ "team_id": aim.team_a, "metric": "calls", "currency": "",
            "period_start": aim.month_start, "period_end": aim.month_end }),
        ),
        (
            "/api/goals/copy_previous",
            json!({ "period_start": aim.month_start, "period_end": aim.month_end }),
        ),
        (
            "/api/goals/save_for_every_rep",
            json!({ "draft": {
            "id": new_id(), "scope": "rep", "subject_id": "", "metric": "calls", "target": "3",
            "currency": "", "period_start": aim.month_start, "period_end": aim.month_end } }),
        ),
        ("/api/records/list", json!({})),
        ("/api/records/get", json!({ "id": aim.record })),
        (
            "/api/records/save",
            json!({ "draft": {
            "id": aim.record, "kind": "budget", "title": "Taken over", "amount": "1", "currency": "IRR",
            "period_start": aim.month_start, "period_end": aim.month_end, "body": "" } }),
        ),
        ("/api/records/delete", json!({ "id": aim.record })),
        ("/api/team/members", json!({})),
        ("/api/team/teammates", json!({})),
        ("/api/dashboard/counts", json!({})),
        (
            "/api/dashboard/team",
            json!({ "team_id": aim.team_a, "locale": "en" }),
        ),
        ("/api/people/list", json!({})),
        ("/api/teams/list", json!({})),
        (
            "/api/people/save",
            json!({ "draft": {
            "id": aim.rep1, "email": "rep1@test.local", "display_name": "Taken over", "role": "admin",
            "team_id": null, "locale": "en", "active": true, "password": "" } }),
        ),
        (
            "/api/teams/save",
            json!({ "draft": { "id": aim.team_a, "name": "Taken over", "manager_id": null } }),
        ),
        (
            "/api/sync/push",
            json!({ "request": { "protocol_version": 1, "client_id": new_id(), "mutations": [
            { "id": 1, "operation": { "type": "update_lead", "id": aim.lead, "changes": [
                { "field": "name", "base": "SECRET-LEAD-A", "value": "Taken over" }] } },
            { "id": 2, "operation": { "type": "delete_activity", "id": aim.activity } },
            { "id": 3, "operation": { "type": "create_lead", "draft": lead("Taken over") } },
        ] } }),
        ),
        (
            "/api/sync/pull",
            json!({ "request": { "protocol_version": 1, "client_id": new_id(), "cursor": 0, "limit": 500 } }),
        ),
        (
            "/api/sync/conflicts",
            json!({ "request": { "protocol_version": 1, "after_version": 0 } }),
        ),
        (
            "/api/pay/save_plan",
            json!({ "draft": {
            "id": aim.plan, "effective_from": aim.month_start, "effective_to": "", "new_customer_rate": "50",
            "existing_customer_rate": "50", "tiers": [], "rep_bonus": "", "team_bonus": "", "bonus_currency": "" } }),
        ),
        ("/api/pay/delete_plan", json!({ "id": aim.plan })),
        (
            "/api/pay/commission_report",
            json!({ "team_id": aim.team_a, "period_start": aim.month_start,
            "period_end": aim.month_end }),
        ),
        (
            "/api/kudos/give",
            json!({ "draft": { "id": new_id(), "to_user_id": aim.rep1, "message": "Hello" } }),
        ),
        (
            "/api/reports/period_comparison",
            json!({ "team_id": aim.team_a, "length": "month", "day": aim.day, "locale": "en" }),
        ),
        (
            "/api/reports/tactics",
            json!({ "team_id": aim.team_a, "rep_id": aim.rep1, "length": "month", "day": aim.day,
            "window_days": 14, "locale": "en" }),
        ),
        (
            "/api/reports/pipeline",
            json!({ "team_id": aim.team_a, "rep_id": aim.rep1, "length": "month", "day": aim.day,
            "idle_days": 14, "locale": "en" }),
        ),
        (
            "/api/reports/summary",
            json!({ "team_id": aim.team_a, "length": "month", "day": aim.day, "locale": "en" }),
        ),
        (
            "/api/reports/save_note",
            json!({ "team_id": aim.team_a,
            "period": { "start": aim.month_start, "end": aim.month_end }, "note": "Taken over" }),
        ),
        (
            "/api/team_days/read",
            json!({ "team_id": aim.team_a, "day": aim.day, "locale": "en" }),
        ),
        (
            "/api/team_days/save_week",
            json!({ "team_id": aim.team_a, "week": [0, 0, 0, 0, 0, 0, 0] }),
        ),
        (
            "/api/team_days/add_holiday",
            json!({ "team_id": aim.team_a, "day": aim.day, "name": "Taken over" }),
        ),
        (
            "/api/team_days/remove_holiday",
            json!({ "team_id": aim.team_a, "day": aim.month_start }),
        ),
        (
            "/api/team_days/add_fixed",
            json!({ "team_id": aim.team_a, "jalali_year": 1405 }),
        ),
        ("/api/people/team", json!({ "team_id": aim.team_a })),
        ("/api/events/list", json!({ "team_id": aim.team_a })),
        ("/api/events/choices", json!({})),
        ("/api/budgets/list", json!({ "team_id": aim.team_a })),
        (
            "/api/budgets/save_line",
            json!({ "team_id": aim.team_a, "draft": { "id": aim.budget_line, "category": "travel",
            "period_start": aim.month_start, "period_end": aim.month_end, "planned": "1", "currency": "USD" } }),
        ),
        (
            "/api/budgets/delete_line",
            json!({ "line_id": aim.budget_line }),
        ),
        (
            "/api/budgets/add_spending",
            json!({ "draft": { "id": new_id(), "line_id": aim.budget_line, "spent_on": aim.day,
            "amount": "1", "note": "Taken over" } }),
        ),
        (
            "/api/budgets/remove_spending",
            json!({ "spending_id": aim.spending }),
        ),
        (
            "/api/events/save",
            json!({ "team_id": aim.team_a, "draft": { "id": aim.event, "name": "Taken over", "kind": "fair",
            "starts_on": aim.month_start, "ends_on": aim.month_end, "place": "", "cost": "1", "currency": "USD" } }),
        ),
        ("/api/events/delete", json!({ "event_id": aim.event })),
        (
            "/api/people/invites/create",
            json!({ "team_id": aim.team_a, "draft": { "email": "newcomer@test.local", "role": "rep" } }),
        ),
        ("/api/people/invites/list", json!({ "team_id": aim.team_a })),
        (
            "/api/people/invites/revoke",
            json!({ "invite_id": aim.invite }),
        ),
        // Public (the link is the key): a wrong secret learns nothing.
        (
            "/api/invites/read",
            json!({ "secret": "0123456789abcdef0123456789abcdef" }),
        ),
        (
            "/api/invites/accept",
            json!({ "secret": "0123456789abcdef0123456789abcdef", "draft": { "display_name": "Taken over",
            "password": "Taken over 12345", "repeated_password": "Taken over 12345", "locale": "en" } }),
        ),
        // Only ever the caller's own password, and only knowing it.
        (
            "/api/account/password",
            json!({ "change": { "current_password": "pishro-demo-not", "new_password": "Taken over 12345",
            "repeated_password": "Taken over 12345" } }),
        ),
        ("/api/people/availability", json!({ "user_id": aim.rep1 })),
        (
            "/api/people/capacity",
            json!({ "user_id": aim.rep1, "capacity": "1" }),
        ),
        (
            "/api/people/absences/add",
            json!({ "draft": { "id": new_id(), "user_id": aim.rep1, "starts_on": aim.month_start,
            "ends_on": aim.month_end, "reason": "Taken over" } }),
        ),
        (
            "/api/people/absences/remove",
            json!({ "absence_id": aim.absence }),
        ),
        (
            "/api/people/active",
            json!({ "user_id": aim.rep1, "active": false }),
        ),
        (
            "/api/leads/merge",
            json!({ "survivor": aim.lead, "merged": aim.lead }),
        ),
        (
            "/api/audit/list",
            json!({ "team_id": aim.team_a, "query": { "subject": null, "from": null, "to": null } }),
        ),
        (
            "/api/audit/item",
            json!({ "subject": "record", "id": aim.record }),
        ),
        ("/api/headcount/list", json!({ "team_id": aim.team_a })),
        (
            "/api/headcount/add",
            json!({ "team_id": aim.team_a, "draft": { "period_start": aim.month_start,
            "period_end": aim.month_end, "planned": "1", "note": "Taken over" } }),
        ),
        (
            "/api/headcount/delete",
            json!({ "team_id": aim.team_a, "id": new_id() }),
        ),
        ("/api/people/staff/read", json!({ "person_id": aim.rep1 })),
        (
            "/api/people/staff/save",
            json!({ "person_id": aim.rep1, "draft": { "started_on": "", "notes": "Taken over" } }),
        ),
        ("/api/training/list", json!({ "team_id": aim.team_a })),
        (
            "/api/training/save_programme",
            json!({ "team_id": aim.team_a, "draft": { "id": aim.training_programme,
            "kind": "skills", "title": "Taken over", "description": "" } }),
        ),
        (
            "/api/training/delete_programme",
            json!({ "programme_id": aim.training_programme }),
        ),
        (
            "/api/training/add_session",
            json!({ "draft": { "programme_id": aim.training_programme, "day": aim.day, "topic": "Taken over" } }),
        ),
        (
            "/api/training/delete_session",
            json!({ "session_id": aim.training_session }),
        ),
        (
            "/api/training/set_attendance",
            json!({ "session_id": aim.training_session, "person_id": aim.rep1, "attended": true }),
        ),
        (
            "/api/training/set_completion",
            json!({ "programme_id": aim.training_programme, "person_id": aim.rep1, "completed_on": aim.day }),
        ),
        ("/api/pool/list", json!({ "team_id": aim.team_a })),
        (
            "/api/pool/auto_share",
            json!({ "team_id": aim.team_a, "rule": "round_robin" }),
        ),
        (
            "/api/pool/give",
            json!({ "team_id": aim.team_a, "ids": [aim.pool_lead],
            "owners": { "to": "rep", "user_id": aim.rep1 } }),
        ),
        ("/api/pool/claim", json!({ "ids": [aim.pool_lead] })),
        (
            "/api/pool/discard",
            json!({ "team_id": aim.team_a, "ids": [aim.pool_lead] }),
        ),
        (
            "/api/pool/settings",
            json!({ "team_id": aim.team_a, "reps_may_claim": true }),
        ),
        ("/api/web-forms/list", json!({ "team_id": aim.team_a })),
        (
            "/api/web-forms/create",
            json!({ "team_id": aim.team_a, "title": "Taken over" }),
        ),
        (
            "/api/web-forms/revoke",
            json!({ "team_id": aim.team_a, "id": aim.web_form }),
        ),
        // Public (the address is the key): a made-up one learns nothing.
        (
            "/api/web-form/read",
            json!({ "token": "0123456789abcdef0123456789abcdef" }),
        ),
        (
            "/api/web-form/submit",
            json!({ "token": "0123456789abcdef0123456789abcdef", "submission": { "name": "Taken over",
            "company": "", "phone": "0912 000 0000", "email": "", "message": "" } }),
        ),
    ]
}

#[tokio::test]
async fn every_server_function_refuses_or_hides_another_teams_records_and_writes_nothing() {
    let world = world().await;
    let today = Utc::now().date_naive();
    let month_start = today.format("%Y-%m-01").to_string();
    let month_end = chrono::NaiveDate::parse_from_str(&month_start, "%Y-%m-%d")
        .ok()
        .and_then(|start| start.checked_add_months(chrono::Months::new(1)))
        .and_then(|next| next.pred_opt())
        .map(|end| end.to_string())
        .unwrap_or_default();
    let mut aim = Aim {
        lead: new_id(),
        activity: new_id(),
        goal: new_id(),
        record: new_id(),
        plan: new_id(),
        absence: new_id(),
        invite: String::new(),
        event: new_id(),
        budget_line: new_id(),
        spending: new_id(),
        pool_lead: String::new(),
        web_form: String::new(),
        training_programme: String::new(),
        training_session: String::new(),
        team_a: world.team_a.to_string(),
        rep1: world.rep1.id.to_string(),
        day: today.to_string(),
        month_start: month_start.clone(),
        month_end: month_end.clone(),
    };

    // Team A's records.
    let mut lead = lead_draft(&aim.lead, "SECRET-LEAD-A");
    lead["stage"] = json!("won");
    lead["won_amount"] = json!("1200");
    lead["closed_on"] = json!(aim.day);
    ok(
        &world.rep1,
        &world,
        "/api/leads/save",
        json!({ "draft": lead }),
    )
    .await;
    let mut activity = activity_draft(&aim.activity, Some(&aim.lead));
    activity["notes"] = json!("SECRET-NOTE-A");
    activity["when"] = json!(format!("{}T09:00:00Z", aim.day));
    ok(
        &world.rep1,
        &world,
        "/api/activities/save",
        json!({ "draft": activity }),
    )
    .await;
    ok(&world.manager_a, &world, "/api/goals/save", json!({ "draft": {
        "id": aim.goal, "scope": "rep", "subject_id": aim.rep1, "metric": "revenue_won", "target": "5000",
        "currency": "USD", "period_start": month_start, "period_end": month_end } })).await;
    ok(&world.manager_a, &world, "/api/records/save", json!({ "draft": {
        "id": aim.record, "kind": "budget", "title": "SECRET-RECORD-A", "amount": "25,000,000", "currency": "IRR",
        "period_start": month_start, "period_end": month_end, "body": "Stand and travel" } })).await;
    ok(&world.manager_a, &world, "/api/pay/save_plan", json!({ "draft": {
        "id": aim.plan, "effective_from": month_start, "effective_to": "", "new_customer_rate": "5",
        "existing_customer_rate": "2", "tiers": [], "rep_bonus": "500", "team_bonus": "", "bonus_currency": "USD" } })).await;
    ok(
        &world.manager_a,
        &world,
        "/api/team_days/add_holiday",
        json!({ "team_id": aim.team_a, "day": month_start, "name": "SECRET-HOLIDAY-A" }),
    )
    .await;
    ok(
        &world.manager_a,
        &world,
        "/api/reports/save_note",
        json!({ "team_id": null,
        "period": { "start": month_start, "end": month_end }, "note": "SECRET-PERIOD-A" }),
    )
    .await;
    ok(
        &world.manager_a,
        &world,
        "/api/people/absences/add",
        json!({ "draft": { "id": aim.absence, "user_id": aim.rep1, "starts_on": month_start,
        "ends_on": month_end, "reason": "SECRET-ABSENCE-A" } }),
    )
    .await;
    let invite = ok(
        &world.manager_a,
        &world,
        "/api/people/invites/create",
        json!({ "team_id": null, "draft": { "email": "secret-invite-a@test.local", "role": "rep" } }),
    )
    .await;
    aim.invite = invite["invite"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    ok(
        &world.manager_a,
        &world,
        "/api/events/save",
        json!({ "team_id": null, "draft": { "id": aim.event, "name": "SECRET-EVENT-A", "kind": "fair",
        "starts_on": month_start, "ends_on": month_end, "place": "", "cost": "10", "currency": "USD" } }),
    )
    .await;
    ok(
        &world.manager_a,
        &world,
        "/api/budgets/save_line",
        json!({ "team_id": null, "draft": { "id": aim.budget_line, "category": "travel",
        "period_start": month_start, "period_end": month_end, "planned": "100", "currency": "USD" } }),
    )
    .await;
    ok(
        &world.manager_a,
        &world,
        "/api/budgets/add_spending",
        json!({ "draft": { "id": aim.spending, "line_id": aim.budget_line, "spent_on": month_start,
        "amount": "5", "note": "SECRET-SPENDING-A" } }),
    )
    .await;
    let forms = ok(
        &world.manager_a,
        &world,
        "/api/web-forms/create",
        json!({ "team_id": aim.team_a, "title": "SECRET-FORM-A" }),
    )
    .await;
    aim.web_form = forms[0]["id"].as_str().unwrap_or_default().to_string();
    let token = forms[0]["token"].as_str().unwrap_or_default().to_string();
    let sent = call(
        &world.router,
        "/api/web-form/submit",
        None,
        json!({ "token": token, "submission": { "name": "SECRET-POOL-A", "company": "",
        "phone": "0912 444 5555", "email": "", "message": "SECRET-POOL-A" } }),
    )
    .await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    let pool = ok(
        &world.manager_a,
        &world,
        "/api/pool/list",
        json!({ "team_id": null }),
    )
    .await;
    aim.pool_lead = pool["leads"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    aim.training_programme = ok(
        &world.manager_a,
        &world,
        "/api/training/save_programme",
        json!({ "team_id": null, "draft": { "id": null, "kind": "product",
        "title": "SECRET-TRAINING-A", "description": "" } }),
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_string();
    ok(
        &world.manager_a,
        &world,
        "/api/training/add_session",
        json!({ "draft": { "programme_id": aim.training_programme, "day": month_start, "topic": "SECRET-TRAINING-A" } }),
    )
    .await;
    let training = ok(
        &world.manager_a,
        &world,
        "/api/training/list",
        json!({ "team_id": null }),
    )
    .await;
    aim.training_session = training["programmes"][0]["sessions"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    ok(
        &world.manager_a,
        &world,
        "/api/people/staff/save",
        json!({ "person_id": aim.rep1, "draft": { "started_on": "2024-03-10", "notes": "SECRET-STAFF-A" } }),
    )
    .await;
    // The owners see them: the words are there to be leaked.
    let view = team_a_view(&world, &aim.day).await;
    for secret in [
        "SECRET-LEAD-A",
        "SECRET-NOTE-A",
        "SECRET-RECORD-A",
        "SECRET-HOLIDAY-A",
        "SECRET-ABSENCE-A",
        "secret-invite-a",
        "SECRET-EVENT-A",
        "SECRET-SPENDING-A",
        "SECRET-POOL-A",
        "SECRET-FORM-A",
        "SECRET-TRAINING-A",
        "SECRET-STAFF-A",
    ] {
        assert!(
            view.contains(secret),
            "{secret} missing from the owners' view"
        );
    }

    // Every server function the router serves has a row, and no row is stale.
    let rows = table(&aim);
    let in_table: BTreeSet<String> = rows.iter().map(|(path, _)| (*path).to_string()).collect();
    let served: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_string())
        .collect();
    assert_eq!(
        served, in_table,
        "every server function needs a row in the access table"
    );

    let others = [
        ("no session", None),
        ("a rep of the same team", Some(&world.rep2)),
        ("a rep of another team", Some(&world.rep_b)),
        ("a manager of another team", Some(&world.manager_b)),
    ];
    let readers = row_readers(&world).await;
    // The database as the last checked call left it (equal to how it was
    // before that call), so each call reads it once instead of twice.
    let mut checked: Option<String> = None;
    let mut calls = 0;
    for (path, body) in &rows {
        for (who, person) in &others {
            let own_scope = OWN_SCOPE.contains(path);
            // A call that acts on the caller's own scope may change the
            // database; team A's records are what must stay.
            let (before, view_before) = if own_scope {
                checked = None;
                (String::new(), team_a_view(&world, &aim.day).await)
            } else {
                let before = match checked.take() {
                    Some(fingerprint) => fingerprint,
                    None => fingerprint(&world, &readers).await,
                };
                (before, String::new())
            };
            // Signing out ends a session of its own, so the rest of the
            // table still runs signed in.
            let cookie = match person {
                Some(person) if *path == "/api/auth/sign_out" => Some(
                    sign_in_cookie(
                        &world.router,
                        &person.email,
                        app::store::demo::DEMO_PASSWORD,
                    )
                    .await,
                ),
                Some(person) => Some(person.cookie.clone()),
                None => None,
            };
            let answer = call(&world.router, path, cookie.as_deref(), body.clone()).await;
            calls += 1;
            let text = answer.body.to_string();
            if answer.status.is_success() {
                // The team's own reps read its holiday list and its events'
                // names (the lead form offers them), by design.
                let same_team = person.is_some_and(|person| person.id == world.rep2.id);
                let by_design = |secret: &str| {
                    secret == "SECRET-HOLIDAY-A"
                        || (secret == "SECRET-EVENT-A" && *path == "/api/events/choices")
                };
                for secret in SECRETS
                    .iter()
                    .filter(|secret| !(same_team && by_design(secret)))
                {
                    assert!(
                        !text.contains(secret),
                        "{who} read {secret} through {path}: {text}"
                    );
                }
                for id in [
                    &aim.lead,
                    &aim.activity,
                    &aim.record,
                    &aim.plan,
                    &aim.pool_lead,
                ] {
                    assert!(
                        !text.contains(id.as_str()),
                        "{who} read team A's id {id} through {path}"
                    );
                }
            } else {
                assert!(
                    matches!(
                        answer.status,
                        StatusCode::UNAUTHORIZED
                            | StatusCode::FORBIDDEN
                            | StatusCode::NOT_FOUND
                            | StatusCode::UNPROCESSABLE_ENTITY
                            | StatusCode::TOO_MANY_REQUESTS
                    ),
                    "{who} on {path}: {} {text}",
                    answer.status
                );
            }
            if own_scope {
                assert_eq!(
                    team_a_view(&world, &aim.day).await,
                    view_before,
                    "{who} changed team A's records through {path}"
                );
            } else {
                let after = fingerprint(&world, &readers).await;
                assert_eq!(after, before, "{who} changed the database through {path}");
                checked = Some(after);
            }
        }
    }
    assert_eq!(calls, rows.len() * others.len());
}

/// The live stream: refused without a session; another team's manager
/// hears nothing of team A's work.
#[tokio::test]
async fn the_live_stream_needs_a_session() {
    let world = world().await;
    let request = http::Request::builder()
        .method("GET")
        .uri("/api/live/events")
        .body(axum::body::Body::empty())
        .expect("request");
    let answer = send(&world.router, request).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    let forged = http::Request::builder()
        .method("GET")
        .uri("/api/live/events")
        .header(
            http::header::COOKIE,
            "__Host-pishro_session=forged; pishro_session=forged",
        )
        .body(axum::body::Body::empty())
        .expect("request");
    assert_eq!(
        send(&world.router, forged).await.status,
        StatusCode::UNAUTHORIZED
    );
}
