//! Compensation plans, the commission report and kudos over the real
//! router: who may set and read what (tried as a rep and as another team's
//! manager), plans and kudos reaching teammates' devices through the pull
//! (protocol 2, and left out for protocol 1 clients), and the report's
//! figures from the canonical data.

use crate::support::*;
use http::StatusCode;
use serde_json::{Value, json};

fn plan_draft(id: &str) -> Value {
    json!({
        "id": id,
        "effective_from": "2026-11-01",
        "effective_to": "",
        "new_customer_rate": "5",
        "existing_customer_rate": "2",
        "tiers": [{ "from_percent_of_quota": "100", "new_customer_rate": "8", "existing_customer_rate": "3" }],
        "rep_bonus": "500",
        "team_bonus": "",
        "bonus_currency": "USD"
    })
}

fn pull(version: u32, client: &str) -> Value {
    json!({ "request": { "protocol_version": version, "client_id": client, "cursor": 0, "limit": 500 } })
}

fn kinds(page: &Value) -> Vec<String> {
    page["changes"]
        .as_array()
        .map(|changes| {
            changes
                .iter()
                .filter_map(|change| change["kind"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

async fn win(world: &World, person: &Person, amount: &str, customer: &str) {
    let mut draft = lead_draft(&new_id(), "Deal");
    draft["stage"] = json!("won");
    draft["won_amount"] = json!(amount);
    draft["customer_kind"] = json!(customer);
    draft["closed_on"] = json!("2026-11-10");
    let answer = person
        .call(world, "/api/leads/save", json!({ "draft": draft }))
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
}

#[tokio::test]
async fn only_the_teams_manager_sets_the_plan_and_the_team_receives_it() {
    let world = world().await;
    let id = new_id();
    let refused = world
        .rep1
        .call(
            &world,
            "/api/pay/save_plan",
            json!({ "draft": plan_draft(&id) }),
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::FORBIDDEN,
        "a rep cannot set pay"
    );
    let saved = world
        .manager_a
        .call(
            &world,
            "/api/pay/save_plan",
            json!({ "draft": plan_draft(&id) }),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    assert_eq!(saved.body["new_customer_rate"], 500, "basis points");
    assert_eq!(saved.body["tiers"][0]["new_customer"], 800);
    assert_eq!(saved.body["rep_bonus"], 50_000);
    // Another team's manager cannot overwrite it by id.
    let mut hijack = plan_draft(&id);
    hijack["new_customer_rate"] = json!("50");
    let refused = world
        .manager_b
        .call(&world, "/api/pay/save_plan", json!({ "draft": hijack }))
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let refused = world
        .manager_b
        .call(&world, "/api/pay/delete_plan", json!({ "id": id }))
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let stored: i64 =
        sqlx::query_scalar("SELECT new_customer_rate FROM compensation_plans WHERE id = $1")
            .bind(&id)
            .fetch_one(world.store.pool())
            .await
            .unwrap_or(-1);
    assert_eq!(stored, 500, "nothing written by the refused calls");
    // Field-level errors for a bad plan.
    let mut bad = plan_draft(&new_id());
    bad["new_customer_rate"] = json!("150");
    bad["tiers"][0]["from_percent_of_quota"] = json!("x");
    let invalid = world
        .manager_a
        .call(&world, "/api/pay/save_plan", json!({ "draft": bad }))
        .await;
    assert_eq!(invalid.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        problem_fields(&invalid),
        vec!["new_customer_rate", "tiers.0.from_percent_of_quota"]
    );

    // The team's reps pull the plan (protocol 2); the other team does not;
    // a protocol 1 client gets only the kinds it knows.
    let page = world
        .rep1
        .call(&world, "/api/sync/pull", pull(2, &new_id()))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        kinds(&page.body).contains(&"plan".to_string()),
        "{}",
        page.body
    );
    let other = world
        .rep_b
        .call(&world, "/api/sync/pull", pull(2, &new_id()))
        .await;
    assert!(!kinds(&other.body).contains(&"plan".to_string()));
    let old = world
        .rep1
        .call(&world, "/api/sync/pull", pull(1, &new_id()))
        .await;
    assert_eq!(old.status, StatusCode::OK);
    assert!(!kinds(&old.body).contains(&"plan".to_string()));
    let future = world
        .rep1
        .call(&world, "/api/sync/pull", pull(5, &new_id()))
        .await;
    assert_eq!(future.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn the_commission_report_pays_each_rep_under_the_plan_and_only_managers_read_it() {
    let world = world().await;
    let saved = world
        .manager_a
        .call(
            &world,
            "/api/pay/save_plan",
            json!({ "draft": plan_draft(&new_id()) }),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let goal = json!({
        "id": new_id(), "scope": "rep", "subject_id": world.rep1.id.to_string(), "metric": "revenue_won",
        "target": "1,000", "currency": "USD", "period_start": "2026-11-01", "period_end": "2026-11-30"
    });
    assert_eq!(
        world
            .manager_a
            .call(&world, "/api/goals/save", json!({ "draft": goal }))
            .await
            .status,
        StatusCode::OK
    );
    // rep1: 800 new (5%) then 400 new: 200 below quota at 5%, 200 above at 8%.
    win(&world, &world.rep1, "800", "new").await;
    win(&world, &world.rep1, "400", "new").await;
    // rep2: 1,000 existing at 2%, no quota so no tier and no bonus.
    win(&world, &world.rep2, "1,000", "existing").await;
    let period =
        json!({ "team_id": null, "period_start": "2026-11-01", "period_end": "2026-11-30" });
    let report = world
        .manager_a
        .call(&world, "/api/pay/commission_report", period.clone())
        .await;
    assert_eq!(report.status, StatusCode::OK, "{}", report.body);
    let line = |user: &Person| {
        report
            .body
            .as_array()
            .and_then(|lines| {
                lines
                    .iter()
                    .find(|line| line["user_id"] == user.id.to_string())
                    .cloned()
            })
            .unwrap_or(Value::Null)
    };
    let rep1 = line(&world.rep1);
    assert_eq!(
        (rep1["revenue"].as_i64(), rep1["deals"].as_i64()),
        (Some(120_000), Some(2))
    );
    assert_eq!(
        rep1["commission"],
        4_000 + 1_000 + 1_600,
        "40 + 10 + 16 dollars"
    );
    assert_eq!(rep1["bonus"], 50_000, "beat the 1,000 quota: 500 bonus");
    let rep2 = line(&world.rep2);
    assert_eq!(
        (rep2["commission"].as_i64(), rep2["bonus"].as_i64()),
        (Some(2_000), Some(0))
    );

    for intruder in [&world.rep1, &world.manager_b] {
        let answer = intruder
            .call(&world, "/api/pay/commission_report", period.clone())
            .await;
        let leaked = answer.body.as_array().is_some_and(|lines| {
            lines
                .iter()
                .any(|line| line["user_id"] == world.rep1.id.to_string())
        });
        assert!(
            !leaked,
            "{} read team A's pay: {}",
            intruder.email, answer.body
        );
    }
    assert_eq!(
        world
            .rep1
            .call(&world, "/api/pay/commission_report", period)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn kudos_go_to_teammates_only_and_reach_the_team_feed() {
    let world = world().await;
    let id = new_id();
    let kudos = json!({ "draft": { "id": id, "to_user_id": world.rep2.id.to_string(), "message": "Great demo!" } });
    let given = world
        .rep1
        .call(&world, "/api/kudos/give", kudos.clone())
        .await;
    assert_eq!(given.status, StatusCode::OK, "{}", given.body);
    assert_eq!(given.body["from_name"], "rep1@test.local");
    // A retry stores it once; someone else reusing the id gets nothing.
    assert_eq!(
        world
            .rep1
            .call(&world, "/api/kudos/give", kudos.clone())
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        world
            .manager_a
            .call(&world, "/api/kudos/give", kudos)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM kudos")
        .fetch_one(world.store.pool())
        .await
        .unwrap_or(-1);
    assert_eq!(stored, 1);
    // Not to another team, not to oneself, not empty.
    let outside = world
        .rep1
        .call(&world, "/api/kudos/give", json!({ "draft": { "id": new_id(), "to_user_id": world.rep_b.id.to_string(), "message": "Hi" } }))
        .await;
    assert_eq!(outside.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem_fields(&outside), vec!["to_user_id"]);
    let empty = world
        .rep1
        .call(&world, "/api/kudos/give", json!({ "draft": { "id": new_id(), "to_user_id": world.rep1.id.to_string(), "message": " " } }))
        .await;
    assert_eq!(problem_fields(&empty), vec!["to_user_id", "message"]);
    // The team feed reaches the manager's device; not team B's.
    let page = world
        .manager_a
        .call(&world, "/api/sync/pull", pull(2, &new_id()))
        .await;
    assert!(
        kinds(&page.body).contains(&"kudos".to_string()),
        "{}",
        page.body
    );
    let other = world
        .manager_b
        .call(&world, "/api/sync/pull", pull(2, &new_id()))
        .await;
    assert!(!kinds(&other.body).contains(&"kudos".to_string()));
}

/// Protocol 3: kudos written offline travel in a push like any other work,
/// judged by the same rules as the direct call (teammates only), and the
/// team list a rep picks from names their teammates.
#[tokio::test]
async fn kudos_written_offline_arrive_with_a_push_and_a_foreign_recipient_is_refused() {
    let world = world().await;
    let client = new_id();
    let teammate = new_id();
    let foreign = new_id();
    let push = json!({ "request": { "protocol_version": 3, "client_id": client, "mutations": [
        { "id": 1, "operation": { "type": "give_kudos", "draft": { "id": teammate, "to_user_id": world.rep2.id.to_string(), "message": "Thanks for the intro!" } } },
        { "id": 2, "operation": { "type": "give_kudos", "draft": { "id": foreign, "to_user_id": world.rep_b.id.to_string(), "message": "Hi team B" } } },
    ] } });
    let answer = world.rep1.call(&world, "/api/sync/push", push).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(answer.body["last_mutation_id"], 2);
    let rejected = answer.body["rejected"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(rejected.len(), 1, "{}", answer.body);
    assert_eq!(rejected[0]["mutation_id"], 2);
    assert!(rejected[0]["error"].to_string().contains("to_user_id"));
    let stored: Vec<String> = sqlx::query_scalar("SELECT id FROM kudos")
        .fetch_all(world.store.pool())
        .await
        .unwrap_or_default();
    assert_eq!(
        stored,
        vec![teammate.clone()],
        "the foreign one wrote nothing"
    );
    // Protocol 2 builds cannot send it: the server names its version.
    let old = json!({ "request": { "protocol_version": 2, "client_id": new_id(), "mutations": [
        { "id": 1, "operation": { "type": "give_kudos", "draft": { "id": new_id(), "to_user_id": world.rep2.id.to_string(), "message": "x" } } },
    ] } });
    let old_answer = world.rep1.call(&world, "/api/sync/push", old).await;
    assert_eq!(
        old_answer.status,
        StatusCode::BAD_REQUEST,
        "{}",
        old_answer.body
    );

    // A rep's picker lists the team (teammates' names), nobody from team B.
    let team = world
        .rep1
        .call(&world, "/api/team/teammates", json!({}))
        .await;
    let names = team.body.to_string();
    assert!(names.contains(&world.rep2.id.to_string()), "{names}");
    assert!(!names.contains(&world.rep_b.id.to_string()), "{names}");
}
