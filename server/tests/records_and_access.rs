//! Create, read, update and delete of every entity over the real router, and
//! the access rules tried as a second person using another's ids.

use crate::support::*;
use http::StatusCode;
use serde_json::{Value, json};

async fn create_lead(world: &World, person: &Person, name: &str) -> String {
    let id = new_id();
    let answer = person
        .call(
            world,
            "/api/leads/save",
            json!({ "draft": lead_draft(&id, name) }),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    id
}

fn names(list: &Value) -> Vec<String> {
    list.as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|item| item["name"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn a_rep_creates_reads_updates_and_deletes_a_lead() {
    let world = world().await;
    let id = create_lead(&world, &world.rep1, "Sara Ahmadi").await;

    let lead = world
        .rep1
        .call(&world, "/api/leads/get", json!({ "id": id }))
        .await;
    assert_eq!(lead.status, StatusCode::OK);
    assert_eq!(lead.body["phone"], "09123456789", "phone stored normalised");
    assert_eq!(
        lead.body["estimated_value"], 150_000,
        "money in minor units"
    );
    assert_eq!(lead.body["owner_id"], world.rep1.id.to_string());
    let first_version = lead.body["version"].as_i64().unwrap_or_default();

    let mut draft = lead_draft(&id, "Sara Ahmadi-Rad");
    draft["stage"] = json!("won");
    draft["won_amount"] = json!("1,400.50");
    let updated = world
        .rep1
        .call(&world, "/api/leads/save", json!({ "draft": draft }))
        .await;
    assert_eq!(updated.status, StatusCode::OK, "{}", updated.body);
    assert_eq!(updated.body["name"], "Sara Ahmadi-Rad");
    assert_eq!(updated.body["won_amount"], 140_050);
    assert!(
        updated.body["closed_at"].is_string(),
        "winning stamps the close time"
    );
    assert!(
        updated.body["version"].as_i64().unwrap_or_default() > first_version,
        "each write gets a newer version"
    );

    let list = world.rep1.call(&world, "/api/leads/list", json!({})).await;
    assert_eq!(names(&list.body), vec!["Sara Ahmadi-Rad"]);

    let deleted = world
        .rep1
        .call(&world, "/api/leads/delete", json!({ "id": id }))
        .await;
    assert_eq!(deleted.status, StatusCode::OK);
    let list = world.rep1.call(&world, "/api/leads/list", json!({})).await;
    assert!(names(&list.body).is_empty());
    let gone = world
        .rep1
        .call(&world, "/api/leads/get", json!({ "id": id }))
        .await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    let tombstone: i64 = sqlx::query_scalar("SELECT deleted FROM leads WHERE id = $1")
        .bind(&id)
        .fetch_one(world.store.pool())
        .await
        .unwrap_or_default();
    assert_eq!(tombstone, 1, "deletes leave a tombstone for sync");
}

#[tokio::test]
async fn a_rep_cannot_read_change_or_delete_another_reps_lead() {
    let world = world().await;
    let id = create_lead(&world, &world.rep1, "Rep one's customer").await;

    let read = world
        .rep2
        .call(&world, "/api/leads/get", json!({ "id": id }))
        .await;
    assert_eq!(read.status, StatusCode::FORBIDDEN);
    assert_eq!(read.body, json!("Forbidden"));

    let mut draft = lead_draft(&id, "Stolen");
    draft["owner_id"] = json!(world.rep2.id.to_string());
    let write = world
        .rep2
        .call(&world, "/api/leads/save", json!({ "draft": draft }))
        .await;
    assert_eq!(write.status, StatusCode::FORBIDDEN);
    let delete = world
        .rep2
        .call(&world, "/api/leads/delete", json!({ "id": id }))
        .await;
    assert_eq!(delete.status, StatusCode::FORBIDDEN);
    let activities = world
        .rep2
        .call(&world, "/api/activities/list", json!({ "lead_id": id }))
        .await;
    assert_eq!(activities.status, StatusCode::FORBIDDEN);

    let row: (String, String, i64) =
        sqlx::query_as("SELECT name, owner_id, deleted FROM leads WHERE id = $1")
            .bind(&id)
            .fetch_one(world.store.pool())
            .await
            .unwrap_or_default();
    assert_eq!(
        row,
        (
            "Rep one's customer".to_string(),
            world.rep1.id.to_string(),
            0
        ),
        "the row is unchanged"
    );
    let list = world.rep2.call(&world, "/api/leads/list", json!({})).await;
    assert!(names(&list.body).is_empty(), "rep2 lists nothing of rep1's");
}

#[tokio::test]
async fn a_rep_cannot_hand_a_lead_to_someone_else() {
    let world = world().await;
    let id = new_id();
    let mut draft = lead_draft(&id, "Gift");
    draft["owner_id"] = json!(world.rep2.id.to_string());
    let answer = world
        .rep1
        .call(&world, "/api/leads/save", json!({ "draft": draft }))
        .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem_fields(&answer), vec!["owner_id"]);
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM leads")
        .fetch_one(world.store.pool())
        .await
        .unwrap_or(-1);
    assert_eq!(count, 0);
}

#[tokio::test]
async fn a_manager_sees_and_distributes_within_their_team_only() {
    let world = world().await;
    create_lead(&world, &world.rep1, "A1").await;
    create_lead(&world, &world.rep2, "A2").await;
    let other_team = create_lead(&world, &world.rep_b, "B1").await;

    let list = world
        .manager_a
        .call(&world, "/api/leads/list", json!({}))
        .await;
    let mut seen = names(&list.body);
    seen.sort();
    assert_eq!(seen, vec!["A1", "A2"]);
    let read = world
        .manager_a
        .call(&world, "/api/leads/get", json!({ "id": other_team }))
        .await;
    assert_eq!(read.status, StatusCode::FORBIDDEN);

    // A manager assigns a new lead to a rep of their team, not to another team.
    let id = new_id();
    let mut draft = lead_draft(&id, "Assigned");
    draft["owner_id"] = json!(world.rep2.id.to_string());
    let assigned = world
        .manager_a
        .call(&world, "/api/leads/save", json!({ "draft": draft.clone() }))
        .await;
    assert_eq!(assigned.status, StatusCode::OK);
    assert_eq!(assigned.body["owner_id"], world.rep2.id.to_string());
    let rep2_list = world.rep2.call(&world, "/api/leads/list", json!({})).await;
    assert!(names(&rep2_list.body).contains(&"Assigned".to_string()));

    draft["id"] = json!(new_id());
    draft["owner_id"] = json!(world.rep_b.id.to_string());
    let refused = world
        .manager_a
        .call(&world, "/api/leads/save", json!({ "draft": draft }))
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem_fields(&refused), vec!["owner_id"]);

    let members = world
        .manager_a
        .call(&world, "/api/team/members", json!({}))
        .await;
    assert_eq!(
        members.body.as_array().map_or(0, Vec::len),
        3,
        "manager and two reps"
    );

    let all = world.admin.call(&world, "/api/leads/list", json!({})).await;
    assert_eq!(
        all.body.as_array().map_or(0, Vec::len),
        4,
        "an admin sees every team"
    );
}

#[tokio::test]
async fn bad_lead_input_gets_a_message_per_field() {
    let world = world().await;
    let id = new_id();
    let draft = json!({
        "id": id, "owner_id": null, "name": "", "company": "x".repeat(200), "phone": "12",
        "email": "nope", "source": "pigeon", "stage": "won", "estimated_value": "-1", "currency": "USD",
        "customer_kind": "vip", "won_amount": "", "lost_reason": ""
    });
    let answer = world
        .rep1
        .call(&world, "/api/leads/save", json!({ "draft": draft }))
        .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    let mut fields = problem_fields(&answer);
    fields.sort();
    assert_eq!(
        fields,
        vec![
            "company",
            "customer_kind",
            "email",
            "estimated_value",
            "name",
            "phone",
            "source",
            "won_amount"
        ]
    );
    assert_eq!(
        answer.body["Invalid"][0],
        json!({"field": "name", "problem": "required"})
    );
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM leads")
        .fetch_one(world.store.pool())
        .await
        .unwrap_or(-1);
    assert_eq!(count, 0, "nothing stored");
}

#[tokio::test]
async fn malformed_and_oversized_requests_are_refused_without_harm() {
    let world = world().await;
    let garbage = http::Request::builder()
        .method("POST")
        .uri("/api/leads/save")
        .header(http::header::CONTENT_TYPE, "application/json")
        .header(http::header::COOKIE, &world.rep1.cookie)
        .body(axum::body::Body::from("{\"draft\": {\"id\": 42"))
        .unwrap_or_default();
    let answer = send(&world.router, garbage).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(answer.body, json!("BadRequest"));

    let wrong_type = world
        .rep1
        .call(&world, "/api/leads/get", json!({ "id": "not-a-uuid" }))
        .await;
    assert_eq!(wrong_type.status, StatusCode::BAD_REQUEST);

    let huge = lead_draft(&new_id(), &"x".repeat(server::MAX_REQUEST_BYTES + 10));
    let answer = world
        .rep1
        .call(&world, "/api/leads/save", json!({ "draft": huge }))
        .await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);

    let unknown = world
        .rep1
        .call(&world, "/api/leads/explode", json!({}))
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);

    // The server still answers normally afterwards.
    let list = world.rep1.call(&world, "/api/leads/list", json!({})).await;
    assert_eq!(list.status, StatusCode::OK);
}

#[tokio::test]
async fn activities_are_logged_on_own_leads_and_kept_private() {
    let world = world().await;
    let lead = create_lead(&world, &world.rep1, "With calls").await;
    let id = new_id();
    let logged = world
        .rep1
        .call(
            &world,
            "/api/activities/save",
            json!({ "draft": activity_draft(&id, Some(&lead)) }),
        )
        .await;
    assert_eq!(logged.status, StatusCode::OK, "{}", logged.body);
    assert_eq!(logged.body["lead_name"], "With calls");
    assert_eq!(logged.body["occurred_at"], "2026-11-20T09:30:00Z");
    assert_eq!(logged.body["duration_minutes"], 15);

    let mut task = activity_draft(&id, Some(&lead));
    task["kind"] = json!("task");
    task["outcome"] = json!("");
    task["done"] = json!(true);
    let updated = world
        .rep1
        .call(&world, "/api/activities/save", json!({ "draft": task }))
        .await;
    assert_eq!(updated.status, StatusCode::OK);
    assert!(updated.body["due_at"].is_string() && updated.body["done_at"].is_string());

    let of_lead = world
        .rep1
        .call(&world, "/api/activities/list", json!({ "lead_id": lead }))
        .await;
    assert_eq!(of_lead.body.as_array().map_or(0, Vec::len), 1);

    // Another rep can neither read it, change it, nor log on rep1's lead.
    let read = world
        .rep2
        .call(&world, "/api/activities/get", json!({ "id": id }))
        .await;
    assert_eq!(read.status, StatusCode::FORBIDDEN);
    let write = world
        .rep2
        .call(
            &world,
            "/api/activities/save",
            json!({ "draft": activity_draft(&id, None) }),
        )
        .await;
    assert_eq!(write.status, StatusCode::FORBIDDEN);
    let on_their_lead = world
        .rep2
        .call(
            &world,
            "/api/activities/save",
            json!({ "draft": activity_draft(&new_id(), Some(&lead)) }),
        )
        .await;
    assert_eq!(on_their_lead.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem_fields(&on_their_lead), vec!["lead_id"]);
    let delete = world
        .rep2
        .call(&world, "/api/activities/delete", json!({ "id": id }))
        .await;
    assert_eq!(delete.status, StatusCode::FORBIDDEN);

    let manager = world
        .manager_a
        .call(&world, "/api/activities/list", json!({ "lead_id": null }))
        .await;
    assert_eq!(
        manager.body.as_array().map_or(0, Vec::len),
        1,
        "the manager sees the team's activity"
    );
    let outsider = world
        .manager_b
        .call(&world, "/api/activities/get", json!({ "id": id }))
        .await;
    assert_eq!(outsider.status, StatusCode::FORBIDDEN);

    let deleted = world
        .rep1
        .call(&world, "/api/activities/delete", json!({ "id": id }))
        .await;
    assert_eq!(deleted.status, StatusCode::OK);
    let after = world
        .rep1
        .call(&world, "/api/activities/list", json!({ "lead_id": null }))
        .await;
    assert_eq!(after.body.as_array().map_or(1, Vec::len), 0);

    let bad = world.rep1.call(&world, "/api/activities/save", json!({ "draft": {
        "id": new_id(), "lead_id": null, "kind": "fax", "tactic": "", "outcome": "", "notes": "",
        "when": "yesterday", "duration_minutes": "-3", "done": false
    }})).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        problem_fields(&bad),
        vec!["kind", "tactic", "when", "duration_minutes"]
    );
}

fn goal_draft(id: &str, scope: &str, subject: &str) -> Value {
    json!({
        "id": id, "scope": scope, "subject_id": subject, "metric": "revenue_won", "target": "10,000",
        "currency": "USD", "period_start": "2026-11-01", "period_end": "2026-11-30"
    })
}

#[tokio::test]
async fn only_the_teams_manager_sets_goals_and_reps_read_their_own() {
    let world = world().await;
    let rep_goal = new_id();
    let refused = world
        .rep1
        .call(
            &world,
            "/api/goals/save",
            json!({ "draft": goal_draft(&rep_goal, "rep", &world.rep1.id.to_string()) }),
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::FORBIDDEN,
        "a rep cannot set goals, even their own"
    );

    let saved = world
        .manager_a
        .call(
            &world,
            "/api/goals/save",
            json!({ "draft": goal_draft(&rep_goal, "rep", &world.rep1.id.to_string()) }),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    assert_eq!(saved.body["target"], 1_000_000);
    let team_goal = new_id();
    let team = world
        .manager_a
        .call(
            &world,
            "/api/goals/save",
            json!({ "draft": goal_draft(&team_goal, "team", &world.team_a.to_string()) }),
        )
        .await;
    assert_eq!(team.status, StatusCode::OK);
    assert_eq!(team.body["subject_name"], "Team A");

    let rep1_goals = world.rep1.call(&world, "/api/goals/list", json!({})).await;
    assert_eq!(
        rep1_goals.body.as_array().map_or(0, Vec::len),
        2,
        "own goal and the team's"
    );
    let rep2_goals = world.rep2.call(&world, "/api/goals/list", json!({})).await;
    assert_eq!(
        rep2_goals.body.as_array().map_or(0, Vec::len),
        1,
        "only the team's"
    );
    let peek = world
        .rep2
        .call(&world, "/api/goals/get", json!({ "id": rep_goal }))
        .await;
    assert_eq!(peek.status, StatusCode::FORBIDDEN);

    // The other team's manager can neither change these nor aim a goal at team A.
    let hijack = world
        .manager_b
        .call(
            &world,
            "/api/goals/save",
            json!({ "draft": goal_draft(&rep_goal, "rep", &world.rep_b.id.to_string()) }),
        )
        .await;
    assert_eq!(hijack.status, StatusCode::FORBIDDEN);
    let aimed = world
        .manager_b
        .call(
            &world,
            "/api/goals/save",
            json!({ "draft": goal_draft(&new_id(), "rep", &world.rep1.id.to_string()) }),
        )
        .await;
    assert_eq!(aimed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem_fields(&aimed), vec!["subject_id"]);
    let b_goals = world
        .manager_b
        .call(&world, "/api/goals/list", json!({}))
        .await;
    assert_eq!(b_goals.body.as_array().map_or(1, Vec::len), 0);

    let mut backwards = goal_draft(&rep_goal, "rep", &world.rep1.id.to_string());
    backwards["period_end"] = json!("2026-10-01");
    let bad = world
        .manager_a
        .call(&world, "/api/goals/save", json!({ "draft": backwards }))
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem_fields(&bad), vec!["period_end"]);

    let delete_refused = world
        .rep1
        .call(&world, "/api/goals/delete", json!({ "id": rep_goal }))
        .await;
    assert_eq!(delete_refused.status, StatusCode::FORBIDDEN);
    let deleted = world
        .manager_a
        .call(&world, "/api/goals/delete", json!({ "id": rep_goal }))
        .await;
    assert_eq!(deleted.status, StatusCode::OK);
    let rep1_goals = world.rep1.call(&world, "/api/goals/list", json!({})).await;
    assert_eq!(rep1_goals.body.as_array().map_or(0, Vec::len), 1);
}

#[tokio::test]
async fn records_belong_to_the_managers_team() {
    let world = world().await;
    let id = new_id();
    let draft = json!({
        "id": id, "kind": "budget", "title": "Trade fair", "amount": "25,000,000", "currency": "IRR",
        "period_start": "2026-11-01", "period_end": "2026-12-31", "body": "Stand and travel"
    });
    let rep = world
        .rep1
        .call(
            &world,
            "/api/records/save",
            json!({ "draft": draft.clone() }),
        )
        .await;
    assert_eq!(rep.status, StatusCode::FORBIDDEN);
    let rep_list = world
        .rep1
        .call(&world, "/api/records/list", json!({}))
        .await;
    assert_eq!(rep_list.status, StatusCode::FORBIDDEN);

    let saved = world
        .manager_a
        .call(
            &world,
            "/api/records/save",
            json!({ "draft": draft.clone() }),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    assert_eq!(saved.body["amount"], 25_000_000);
    let mut changed = draft.clone();
    changed["title"] = json!("Trade fair (Kish)");
    let updated = world
        .manager_a
        .call(&world, "/api/records/save", json!({ "draft": changed }))
        .await;
    assert_eq!(updated.body["title"], "Trade fair (Kish)");
    let list = world
        .manager_a
        .call(&world, "/api/records/list", json!({}))
        .await;
    assert_eq!(list.body.as_array().map_or(0, Vec::len), 1);

    let other = world
        .manager_b
        .call(&world, "/api/records/get", json!({ "id": id }))
        .await;
    assert_eq!(other.status, StatusCode::FORBIDDEN);
    let overwrite = world
        .manager_b
        .call(&world, "/api/records/save", json!({ "draft": draft }))
        .await;
    assert_eq!(overwrite.status, StatusCode::FORBIDDEN);
    let b_list = world
        .manager_b
        .call(&world, "/api/records/list", json!({}))
        .await;
    assert_eq!(b_list.body.as_array().map_or(1, Vec::len), 0);

    let bad = world
        .manager_a
        .call(
            &world,
            "/api/records/save",
            json!({ "draft": {
                "id": new_id(), "kind": "budget", "title": "", "amount": "", "currency": "IRR",
                "period_start": "", "period_end": "", "body": ""
            }}),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem_fields(&bad), vec!["title", "amount"]);

    let deleted = world
        .manager_a
        .call(&world, "/api/records/delete", json!({ "id": id }))
        .await;
    assert_eq!(deleted.status, StatusCode::OK);
    let list = world
        .manager_a
        .call(&world, "/api/records/list", json!({}))
        .await;
    assert_eq!(list.body.as_array().map_or(1, Vec::len), 0);
}

#[tokio::test]
async fn the_dashboard_counts_the_callers_scope() {
    let world = world().await;
    let won = create_lead(&world, &world.rep1, "Won deal").await;
    let mut draft = lead_draft(&won, "Won deal");
    draft["stage"] = json!("won");
    draft["won_amount"] = json!("1000");
    world
        .rep1
        .call(&world, "/api/leads/save", json!({ "draft": draft }))
        .await;
    create_lead(&world, &world.rep1, "Open").await;
    create_lead(&world, &world.rep2, "Open two").await;
    create_lead(&world, &world.rep_b, "Other team").await;
    let mut call = activity_draft(&new_id(), None);
    call["when"] = json!(chrono::Utc::now().to_rfc3339());
    world
        .rep1
        .call(&world, "/api/activities/save", json!({ "draft": call }))
        .await;

    let rep = world
        .rep1
        .call(&world, "/api/dashboard/counts", json!({}))
        .await;
    assert_eq!(rep.status, StatusCode::OK);
    assert_eq!(rep.body["scope"], "own");
    assert_eq!(
        (
            rep.body["open_leads"].as_i64(),
            rep.body["deals_won"].as_i64()
        ),
        (Some(1), Some(1))
    );
    assert_eq!(rep.body["revenue_won"], json!([["USD", 100_000]]));
    assert_eq!(rep.body["calls_this_month"], 1);

    let manager = world
        .manager_a
        .call(&world, "/api/dashboard/counts", json!({}))
        .await;
    assert_eq!(manager.body["scope"], "team");
    assert_eq!(
        manager.body["open_leads"], 2,
        "two open leads in team A, none from team B"
    );
    assert_eq!(manager.body["pipeline_value"], json!([["USD", 300_000]]));
}

#[tokio::test]
async fn any_other_path_serves_the_app_page() {
    let world = world().await;
    let request = http::Request::builder()
        .uri("/leads/123")
        .body(axum::body::Body::empty())
        .unwrap_or_default();
    let answer = send(&world.router, request).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(
        answer
            .body
            .as_str()
            .unwrap_or_default()
            .contains("<title>Pishro</title>")
    );
}

/// Tags: split on either comma, kept once, read back in order; too many
/// get a field problem; a change of tags is in the record's history.
#[tokio::test]
async fn a_records_tags_are_kept_and_their_changes_are_in_its_history() {
    let world = world().await;
    let id = new_id();
    let draft = |tags: &str| {
        json!({ "draft": { "id": id, "kind": "other", "title": "Fair notes", "amount": "", "currency": "",
            "period_start": "", "period_end": "", "body": "", "tags": tags } })
    };
    let saved = ok(
        &world.manager_a,
        &world,
        "/api/records/save",
        draft("fair، Tabriz , Fair"),
    )
    .await;
    assert_eq!(saved["tags"], json!(["fair", "Tabriz"]), "{saved}");
    let many: Vec<String> = (0..11).map(|n| format!("t{n}")).collect();
    let refused = world
        .manager_a
        .call(&world, "/api/records/save", draft(&many.join(",")))
        .await;
    assert_eq!(problem_fields(&refused), vec!["tags"]);
    ok(
        &world.manager_a,
        &world,
        "/api/records/save",
        draft("fair, Q4"),
    )
    .await;
    let history = ok(
        &world.manager_a,
        &world,
        "/api/audit/item",
        json!({ "subject": "record", "id": id }),
    )
    .await;
    let change = history
        .as_array()
        .and_then(|all| all.iter().find(|entry| entry["field"] == "tags"))
        .cloned()
        .unwrap_or(Value::Null);
    assert_eq!(
        (change["before"].clone(), change["after"].clone()),
        (json!("fair, Tabriz"), json!("fair, Q4")),
        "{history}"
    );
}
