//! The sync protocol over the real router and a temporary SQLite file:
//! exactly-once push, gaps, retries, rejections, per-operation access,
//! field-level merging, and paged pulls with tombstones and resets.

use crate::support::*;
use http::StatusCode;
use serde_json::{Value, json};

fn push_body(client: &str, mutations: Value) -> Value {
    json!({ "request": { "protocol_version": 1, "client_id": client, "mutations": mutations } })
}

fn pull_body(client: &str, cursor: i64, limit: u32) -> Value {
    json!({ "request": { "protocol_version": 1, "client_id": client, "cursor": cursor, "limit": limit } })
}

fn create_lead(mutation_id: u64, lead_id: &str, name: &str) -> Value {
    json!({ "id": mutation_id, "operation": { "type": "create_lead", "draft": lead_draft(lead_id, name) } })
}

async fn count(world: &World, sql: &str) -> i64 {
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_string()))
        .fetch_one(world.store.pool())
        .await
        .unwrap_or(-1)
}

#[tokio::test]
async fn a_push_applies_each_mutation_exactly_once_even_when_retried() {
    let world = world().await;
    let client = new_id();
    let (lead, activity) = (new_id(), new_id());
    let mutations = json!([
        create_lead(1, &lead, "Offline lead"),
        { "id": 2, "operation": { "type": "log_activity", "draft": activity_draft(&activity, Some(&lead)) } },
    ]);
    let first = world
        .rep1
        .call(
            &world,
            "/api/sync/push",
            push_body(&client, mutations.clone()),
        )
        .await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    assert_eq!(
        first.body,
        json!({ "last_mutation_id": 2, "rejected": [], "stopped_at_gap": false })
    );
    let version_after_first = count(&world, "SELECT last_version FROM sync_state").await;

    // The response was lost: the client sends the same batch again, plus one more.
    let mut retry = mutations.as_array().cloned().unwrap_or_default();
    retry.push(
        json!({ "id": 3, "operation": { "type": "complete_task", "id": activity, "done": false } }),
    );
    let second = world
        .rep1
        .call(
            &world,
            "/api/sync/push",
            push_body(&client, Value::Array(retry)),
        )
        .await;
    assert_eq!(second.body["last_mutation_id"], 3);
    assert_eq!(count(&world, "SELECT COUNT(*) FROM leads").await, 1);
    assert_eq!(count(&world, "SELECT COUNT(*) FROM activities").await, 1);
    assert_eq!(
        count(&world, "SELECT last_version FROM sync_state").await,
        version_after_first + 1,
        "only mutation 3 wrote anything"
    );

    let again = world
        .rep1
        .call(&world, "/api/sync/push", push_body(&client, mutations))
        .await;
    assert_eq!(
        again.body["last_mutation_id"], 3,
        "a pure duplicate changes nothing"
    );
    assert_eq!(
        count(&world, "SELECT last_version FROM sync_state").await,
        version_after_first + 1
    );
}

#[tokio::test]
async fn a_gap_stops_the_push_until_the_missing_mutation_arrives() {
    let world = world().await;
    let client = new_id();
    let (one, three) = (new_id(), new_id());
    let answer = world
        .rep1
        .call(
            &world,
            "/api/sync/push",
            push_body(
                &client,
                json!([create_lead(1, &one, "One"), create_lead(3, &three, "Three")]),
            ),
        )
        .await;
    assert_eq!(
        answer.body,
        json!({ "last_mutation_id": 1, "rejected": [], "stopped_at_gap": true })
    );
    assert_eq!(count(&world, "SELECT COUNT(*) FROM leads").await, 1);
    let two = new_id();
    let answer = world
        .rep1
        .call(
            &world,
            "/api/sync/push",
            push_body(
                &client,
                json!([create_lead(2, &two, "Two"), create_lead(3, &three, "Three")]),
            ),
        )
        .await;
    assert_eq!(answer.body["last_mutation_id"], 3);
    assert_eq!(count(&world, "SELECT COUNT(*) FROM leads").await, 3);
}

#[tokio::test]
async fn a_refused_mutation_is_recorded_and_still_acknowledged() {
    let world = world().await;
    let client = new_id();
    let good = new_id();
    let answer = world
        .rep1
        .call(
            &world,
            "/api/sync/push",
            push_body(
                &client,
                json!([create_lead(1, &new_id(), ""), create_lead(2, &good, "Fine")]),
            ),
        )
        .await;
    assert_eq!(answer.body["last_mutation_id"], 2, "the queue moves on");
    assert_eq!(answer.body["rejected"][0]["mutation_id"], 1);
    assert_eq!(
        answer.body["rejected"][0]["error"],
        json!({ "Invalid": [{ "field": "name", "problem": "required" }] })
    );
    assert_eq!(
        count(&world, "SELECT COUNT(*) FROM rejected_mutations").await,
        1
    );
    assert_eq!(count(&world, "SELECT COUNT(*) FROM leads").await, 1);
}

#[tokio::test]
async fn a_reps_client_cannot_change_another_reps_lead_through_push() {
    let world = world().await;
    let lead = new_id();
    world
        .rep1
        .call(
            &world,
            "/api/sync/push",
            push_body(&new_id(), json!([create_lead(1, &lead, "Rep one's")])),
        )
        .await;

    let client = new_id();
    let attack = json!([
        { "id": 1, "operation": { "type": "update_lead", "id": lead, "changes": [{ "field": "name", "base": "Rep one's", "value": "Mine" }] } },
        { "id": 2, "operation": { "type": "delete_lead", "id": lead } },
        create_lead(3, &lead, "Overwritten by create"),
        { "id": 4, "operation": { "type": "log_activity", "draft": activity_draft(&new_id(), Some(&lead)) } },
    ]);
    let answer = world
        .rep2
        .call(&world, "/api/sync/push", push_body(&client, attack))
        .await;
    assert_eq!(answer.body["last_mutation_id"], 4);
    let errors: Vec<Value> = answer.body["rejected"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(|r| r["error"].clone())
        .collect();
    assert_eq!(
        errors[..3],
        [json!("Forbidden"), json!("Forbidden"), json!("Forbidden")]
    );
    assert_eq!(
        errors[3],
        json!({ "Invalid": [{ "field": "lead_id", "problem": "not_allowed" }] })
    );
    let row: (String, i64) = sqlx::query_as("SELECT name, deleted FROM leads WHERE id = $1")
        .bind(&lead)
        .fetch_one(world.store.pool())
        .await
        .unwrap_or_default();
    assert_eq!(row, ("Rep one's".to_string(), 0));
    assert_eq!(count(&world, "SELECT COUNT(*) FROM activities").await, 0);

    // Nor can rep2 push through rep1's client id.
    let hijack = world
        .rep2
        .call(&world, "/api/sync/push", push_body(&client, json!([])))
        .await;
    assert_eq!(hijack.status, StatusCode::OK, "rep2's own client");
    let rep1_client = new_id();
    world
        .rep1
        .call(&world, "/api/sync/push", push_body(&rep1_client, json!([])))
        .await;
    let stolen = world
        .rep2
        .call(
            &world,
            "/api/sync/push",
            push_body(&rep1_client, json!([create_lead(1, &new_id(), "x")])),
        )
        .await;
    assert_eq!(stolen.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn different_fields_both_win_and_an_overwritten_value_is_kept() {
    let world = world().await;
    let lead = new_id();
    let (phone_device, stage_device, value_device) = (new_id(), new_id(), new_id());
    world
        .rep1
        .call(
            &world,
            "/api/sync/push",
            push_body(&phone_device, json!([create_lead(1, &lead, "Sara")])),
        )
        .await;
    let update = |id: u64, field: &str, base: &str, value: &str| json!({ "id": id, "operation": { "type": "update_lead", "id": lead, "changes": [{ "field": field, "base": base, "value": value }] } });
    world
        .rep1
        .call(
            &world,
            "/api/sync/push",
            push_body(
                &phone_device,
                json!([update(2, "phone", "09123456789", "09350000000")]),
            ),
        )
        .await;
    world
        .rep1
        .call(
            &world,
            "/api/sync/push",
            push_body(
                &stage_device,
                json!([update(1, "stage", "new", "qualified")]),
            ),
        )
        .await;
    let lead_now = world
        .rep1
        .call(&world, "/api/leads/get", json!({ "id": lead }))
        .await;
    assert_eq!(
        (
            lead_now.body["phone"].as_str(),
            lead_now.body["stage"].as_str()
        ),
        (Some("09350000000"), Some("qualified"))
    );

    // Two devices change the estimated value from the same base: the later push wins.
    world
        .rep1
        .call(
            &world,
            "/api/sync/push",
            push_body(
                &stage_device,
                json!([update(2, "estimated_value", "1500", "2000")]),
            ),
        )
        .await;
    world
        .manager_a
        .call(
            &world,
            "/api/sync/push",
            push_body(
                &value_device,
                json!([update(1, "estimated_value", "1500", "2500")]),
            ),
        )
        .await;
    let lead_now = world
        .rep1
        .call(&world, "/api/leads/get", json!({ "id": lead }))
        .await;
    assert_eq!(lead_now.body["estimated_value"], 250_000);
    let conflict: (String, String, i64, Option<String>) = sqlx::query_as(
        "SELECT old_value, new_value, conflict, overwritten_user_id FROM lead_history WHERE lead_id = $1 AND field = 'estimated_value' ORDER BY version DESC LIMIT 1",
    )
    .bind(&lead)
    .fetch_one(world.store.pool())
    .await
    .unwrap_or_default();
    assert_eq!(
        conflict,
        (
            "2000".to_string(),
            "2500".to_string(),
            1,
            Some(world.rep1.id.to_string())
        )
    );

    // The history is readable by those who may see the lead, newest first.
    let history = world
        .rep1
        .call(&world, "/api/leads/history", json!({ "id": lead }))
        .await;
    assert_eq!(history.status, StatusCode::OK, "{}", history.body);
    let newest = &history.body[0];
    assert_eq!(
        (
            newest["field"].as_str(),
            newest["old_value"].as_str(),
            newest["new_value"].as_str()
        ),
        (Some("estimated_value"), Some("2000"), Some("2500"))
    );
    assert_eq!(
        (
            newest["conflict"].as_bool(),
            newest["overwritten_user_id"].as_str()
        ),
        (Some(true), Some(world.rep1.id.to_string().as_str()))
    );
    assert_eq!(
        history.body.as_array().map_or(0, Vec::len),
        4,
        "phone, stage and two value changes"
    );
    let other_rep = world
        .rep2
        .call(&world, "/api/leads/history", json!({ "id": lead }))
        .await;
    assert_eq!(other_rep.status, StatusCode::FORBIDDEN);
    let other_team = world
        .manager_b
        .call(&world, "/api/leads/history", json!({ "id": lead }))
        .await;
    assert_eq!(other_team.status, StatusCode::FORBIDDEN);

    // The rep whose value was overwritten is told, with both values; the
    // manager who overwrote it and other reps are not.
    let conflicts_body =
        |after: i64| json!({ "request": { "protocol_version": 1, "after_version": after } });
    let notices = world
        .rep1
        .call(&world, "/api/sync/conflicts", conflicts_body(0))
        .await;
    assert_eq!(notices.status, StatusCode::OK, "{}", notices.body);
    let list = notices.body.as_array().cloned().unwrap_or_default();
    assert_eq!(list.len(), 1, "{}", notices.body);
    assert_eq!(
        (
            list[0]["field"].as_str(),
            list[0]["your_value"].as_str(),
            list[0]["their_value"].as_str(),
            list[0]["lead_name"].as_str()
        ),
        (
            Some("estimated_value"),
            Some("2000"),
            Some("2500"),
            Some("Sara")
        )
    );
    let seen = list[0]["version"].as_i64().unwrap_or_default();
    let newer = world
        .rep1
        .call(&world, "/api/sync/conflicts", conflicts_body(seen))
        .await;
    assert_eq!(newer.body, json!([]), "nothing newer than what was seen");
    for other in [&world.manager_a, &world.rep2] {
        let theirs = other
            .call(&world, "/api/sync/conflicts", conflicts_body(0))
            .await;
        assert_eq!(theirs.body, json!([]));
    }
}

#[tokio::test]
async fn pull_pages_in_version_order_with_tombstones_and_the_clients_progress() {
    let world = world().await;
    let client = new_id();
    let leads: Vec<String> = (0..5).map(|_| new_id()).collect();
    let mut mutations: Vec<Value> = leads
        .iter()
        .enumerate()
        .map(|(index, id)| create_lead(index as u64 + 1, id, &format!("Lead {index}")))
        .collect();
    mutations.push(json!({ "id": 6, "operation": { "type": "delete_lead", "id": leads[0] } }));
    world
        .rep1
        .call(
            &world,
            "/api/sync/push",
            push_body(&client, Value::Array(mutations)),
        )
        .await;
    world
        .rep2
        .call(
            &world,
            "/api/sync/push",
            push_body(&new_id(), json!([create_lead(1, &new_id(), "Not rep1's")])),
        )
        .await;

    let mut cursor = 0;
    let mut seen = Vec::new();
    let mut pages = 0;
    loop {
        let page = world
            .rep1
            .call(&world, "/api/sync/pull", pull_body(&client, cursor, 2))
            .await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert_eq!(page.body["last_mutation_id"], 6);
        assert_eq!(page.body["reset"], false);
        for change in page.body["changes"].as_array().cloned().unwrap_or_default() {
            seen.push((
                change["row"]["version"].as_i64().unwrap_or(0),
                change["row"]["name"].as_str().unwrap_or("").to_string(),
                change["row"]["deleted"].as_bool(),
            ));
        }
        cursor = page.body["cursor"].as_i64().unwrap_or(0);
        pages += 1;
        if page.body["more"] == json!(false) || pages > 10 {
            break;
        }
    }
    assert_eq!(pages, 3, "5 rows in pages of 2");
    assert_eq!(
        seen.len(),
        5,
        "each lead once, in its latest state: {seen:?}"
    );
    assert!(
        seen.windows(2).all(|pair| pair[0].0 < pair[1].0),
        "version order"
    );
    assert!(
        seen.iter()
            .any(|(_, name, deleted)| name == "Lead 0" && *deleted == Some(true)),
        "the tombstone arrives"
    );
    assert!(
        !seen.iter().any(|(_, name, _)| name == "Not rep1's"),
        "only rep1's scope"
    );

    let nothing_new = world
        .rep1
        .call(&world, "/api/sync/pull", pull_body(&client, cursor, 50))
        .await;
    assert_eq!(nothing_new.body["changes"], json!([]));
    assert_eq!(nothing_new.body["more"], false);

    let unknown = world
        .rep1
        .call(
            &world,
            "/api/sync/pull",
            pull_body(&client, cursor + 1000, 50),
        )
        .await;
    assert_eq!(
        unknown.body["reset"], true,
        "an unknown cursor gets a full snapshot"
    );
    assert_eq!(unknown.body["changes"].as_array().map_or(0, Vec::len), 5);
}

#[tokio::test]
async fn another_protocol_version_is_told_to_reload() {
    let world = world().await;
    let body =
        json!({ "request": { "protocol_version": 99, "client_id": new_id(), "mutations": [] } });
    let answer = world.rep1.call(&world, "/api/sync/push", body).await;
    assert_eq!(answer.status, StatusCode::CONFLICT);
    assert_eq!(
        answer.body,
        json!({ "UnsupportedProtocol": { "server_version": 4 } })
    );
    let pull = json!({ "request": { "protocol_version": 0, "client_id": new_id(), "cursor": 0, "limit": 10 } });
    assert_eq!(
        world.rep1.call(&world, "/api/sync/pull", pull).await.status,
        StatusCode::CONFLICT
    );
    let visitor = call(
        &world.router,
        "/api/sync/pull",
        None,
        pull_body(&new_id(), 0, 10),
    )
    .await;
    assert_eq!(visitor.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn every_write_gets_its_own_version_and_the_counter_keeps_up() {
    let world = world().await;
    let client = new_id();
    let lead = new_id();
    let mutations = json!([
        create_lead(1, &lead, "First"),
        create_lead(2, &new_id(), "Second"),
        { "id": 3, "operation": { "type": "update_lead", "id": lead, "changes": [{ "field": "stage", "base": "new", "value": "qualified" }] } },
        { "id": 4, "operation": { "type": "log_activity", "draft": activity_draft(&new_id(), Some(&lead)) } },
        // Re-creating an existing id takes the full path (an overwrite).
        create_lead(5, &lead, "First, renamed"),
    ]);
    let answer = world
        .rep1
        .call(&world, "/api/sync/push", push_body(&client, mutations))
        .await;
    assert_eq!(answer.body["last_mutation_id"], 5, "{}", answer.body);
    // A run of creates with an existing id in the middle: the new ones go in
    // together, the existing one is judged (and overwritten) on its own.
    let answer = world
        .rep1
        .call(
            &world,
            "/api/sync/push",
            push_body(
                &client,
                json!([
                    create_lead(6, &new_id(), "Batch one"),
                    create_lead(7, &lead, "First, renamed again"),
                    create_lead(8, &new_id(), "Batch two"),
                ]),
            ),
        )
        .await;
    assert_eq!(answer.body["last_mutation_id"], 8, "{}", answer.body);
    assert_eq!(answer.body["rejected"], json!([]));
    assert_eq!(count(&world, "SELECT COUNT(*) FROM leads WHERE name IN ('Batch one', 'Batch two', 'First, renamed again')").await, 3);
    // Another rep's lead id inside a run is refused, not overwritten.
    let others = new_id();
    world
        .rep2
        .call(
            &world,
            "/api/leads/save",
            json!({ "draft": lead_draft(&others, "Reza's") }),
        )
        .await;
    let answer = world
        .rep1
        .call(
            &world,
            "/api/sync/push",
            push_body(
                &client,
                json!([
                    create_lead(9, &new_id(), "Batch three"),
                    create_lead(10, &others, "Taken over"),
                ]),
            ),
        )
        .await;
    assert_eq!(
        answer.body["rejected"][0]["mutation_id"], 10,
        "{}",
        answer.body
    );
    assert_eq!(
        count(
            &world,
            "SELECT COUNT(*) FROM leads WHERE name = 'Taken over'"
        )
        .await,
        0
    );
    let form = world
        .rep2
        .call(
            &world,
            "/api/leads/save",
            json!({ "draft": lead_draft(&new_id(), "By form") }),
        )
        .await;
    assert_eq!(form.status, StatusCode::OK);
    let versions: Vec<i64> = sqlx::query_scalar(
        "SELECT version FROM leads UNION ALL SELECT version FROM activities UNION ALL SELECT version FROM goals",
    )
    .fetch_all(world.store.pool())
    .await
    .unwrap_or_default();
    let mut unique = versions.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(
        unique.len(),
        versions.len(),
        "no two rows share a version: {versions:?}"
    );
    let counter: i64 = sqlx::query_scalar("SELECT last_version FROM sync_state WHERE id = 1")
        .fetch_one(world.store.pool())
        .await
        .unwrap_or_default();
    assert!(
        unique.last().is_some_and(|newest| *newest <= counter),
        "the counter ({counter}) is at or past the newest row version ({unique:?})"
    );
}

/// Pulls from `cursor` until done; returns the changes and the new cursor.
async fn pull_all(world: &World, person: &Person, client: &str, cursor: i64) -> (Vec<Value>, i64) {
    let mut changes = Vec::new();
    let mut cursor = cursor;
    loop {
        let page = person
            .call(world, "/api/sync/pull", pull_body(client, cursor, 3))
            .await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        changes.extend(page.body["changes"].as_array().cloned().unwrap_or_default());
        cursor = page.body["cursor"].as_i64().unwrap_or_default();
        if page.body["more"] != json!(true) {
            return (changes, cursor);
        }
    }
}

#[tokio::test]
async fn a_reassigned_lead_leaves_the_previous_owners_devices_without_its_content() {
    let world = world().await;
    let lead = new_id();
    world
        .rep1
        .call(
            &world,
            "/api/leads/save",
            json!({ "draft": lead_draft(&lead, "Moving on") }),
        )
        .await;
    let (rep_device, manager_device) = (new_id(), new_id());
    let (_, rep_cursor) = pull_all(&world, &world.rep1, &rep_device, 0).await;
    let (_, manager_cursor) = pull_all(&world, &world.manager_a, &manager_device, 0).await;

    // The manager gives the lead to rep2, in the same team.
    let mut draft = lead_draft(&lead, "Moving on");
    draft["owner_id"] = json!(world.rep2.id.to_string());
    let saved = world
        .manager_a
        .call(&world, "/api/leads/save", json!({ "draft": draft }))
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);

    let (changes, rep_cursor) = pull_all(&world, &world.rep1, &rep_device, rep_cursor).await;
    assert_eq!(changes.len(), 1, "{changes:?}");
    let row = &changes[0]["row"];
    assert_eq!(
        (row["id"].as_str(), row["deleted"].as_bool()),
        (Some(lead.as_str()), Some(true))
    );
    assert_eq!(
        row["name"], "",
        "nothing of the lead is sent to someone who lost access"
    );
    let (changes, _) = pull_all(&world, &world.rep2, &new_id(), 0).await;
    assert!(changes.iter().any(
        |change| change["row"]["id"] == json!(lead) && change["row"]["deleted"] == json!(false)
    ));
    // Still in the manager's team: the manager gets the update, not a removal.
    let (changes, _) = pull_all(&world, &world.manager_a, &manager_device, manager_cursor).await;
    assert!(
        changes
            .iter()
            .all(|change| change["row"]["deleted"] == json!(false)),
        "{changes:?}"
    );

    // The admin moves it to team B: team A's manager loses it too.
    let (_, manager_cursor) = pull_all(&world, &world.manager_a, &manager_device, 0).await;
    let mut draft = lead_draft(&lead, "Moving on");
    draft["owner_id"] = json!(world.rep_b.id.to_string());
    let saved = world
        .admin
        .call(&world, "/api/leads/save", json!({ "draft": draft }))
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let (changes, _) = pull_all(&world, &world.manager_a, &manager_device, manager_cursor).await;
    assert!(
        changes
            .iter()
            .any(|change| change["row"]["id"] == json!(lead)
                && change["row"]["deleted"] == json!(true)),
        "{changes:?}"
    );
    // And rep1, who lost it earlier, hears nothing more about it.
    let (changes, _) = pull_all(&world, &world.rep1, &rep_device, rep_cursor).await;
    assert!(changes.is_empty(), "{changes:?}");
}

#[tokio::test]
async fn a_new_lead_matching_a_teammates_phone_or_email_is_kept_and_reported_within_the_team() {
    let world = world().await;
    let push = |person: &'static str, lead: &str, name: &str, phone: &str, email: &str| {
        let mut draft = lead_draft(lead, name);
        draft["phone"] = json!(phone);
        draft["email"] = json!(email);
        let body = push_body(
            &new_id(),
            json!([{ "id": 1, "operation": { "type": "create_lead", "draft": draft } }]),
        );
        (person, body)
    };
    let who = |name: &str| match name {
        "rep1" => &world.rep1,
        "rep2" => &world.rep2,
        _ => &world.rep_b,
    };
    let (first, second, third, other_team) = (new_id(), new_id(), new_id(), new_id());
    let (person, body) = push(
        "rep1",
        &first,
        "Sara (rep1)",
        "0912 555 0001",
        "sara@tile.ir",
    );
    let answer = who(person).call(&world, "/api/sync/push", body).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert!(
        answer.body.get("possible_duplicates").is_none(),
        "{}",
        answer.body
    );

    // A teammate types the same number in another script and spacing.
    let (person, body) = push("rep2", &second, "Sara (rep2)", "۰۹۱۲-۵۵۵-۰۰۰۱", "");
    let answer = who(person).call(&world, "/api/sync/push", body).await;
    assert_eq!(answer.body["last_mutation_id"], 1);
    assert_eq!(
        answer.body["possible_duplicates"],
        json!([{
            "lead_id": second, "lead_name": "Sara (rep2)", "existing_lead_id": first,
            "existing_lead_name": "Sara (rep1)", "existing_owner_name": world.rep1.email, "matched_on": "phone"
        }])
    );

    // The same e-mail (any case) matches too.
    let (person, body) = push("rep2", &third, "Sara again", "", "SARA@tile.ir");
    let answer = who(person).call(&world, "/api/sync/push", body).await;
    assert_eq!(answer.body["possible_duplicates"][0]["matched_on"], "email");
    assert_eq!(
        answer.body["possible_duplicates"][0]["existing_lead_id"],
        json!(first)
    );

    // Another team's rep is not told about team A's leads.
    let (person, body) = push("rep_b", &other_team, "Sara (team B)", "09125550001", "");
    let answer = who(person).call(&world, "/api/sync/push", body).await;
    assert_eq!(answer.body["last_mutation_id"], 1);
    assert!(
        answer.body.get("possible_duplicates").is_none(),
        "{}",
        answer.body
    );
    assert_eq!(
        count(&world, "SELECT COUNT(*) FROM leads").await,
        4,
        "every lead is kept"
    );
}

/// Issue 14, item 9: a forged update that names a field twice (its history
/// would keep a value the lead never had) or floods thousands of changes
/// (beyond SQLite's parameter limit, a 500 on every retry) is acknowledged
/// as a rejected mutation; the device's next mutations still apply.
#[tokio::test]
async fn a_forged_or_flooded_change_list_is_rejected_and_the_outbox_moves_on() {
    let world = world().await;
    let client = new_id();
    let lead = new_id();
    let created = world
        .rep1
        .call(
            &world,
            "/api/sync/push",
            push_body(&client, json!([create_lead(1, &lead, "Ferdowsi Tiles")])),
        )
        .await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    let huge = "x".repeat(20_000);
    let flood: Vec<Value> = (0..3_000)
        .map(|round| json!({ "field": "company", "base": "Pars Tile", "value": format!("Company {round}") }))
        .collect();
    let mutations = json!([
        { "id": 2, "operation": { "type": "update_lead", "id": lead, "changes": [
            { "field": "company", "base": "Pars Tile", "value": huge },
            { "field": "company", "base": "Pars Tile", "value": "Short" },
        ] } },
        { "id": 3, "operation": { "type": "update_lead", "id": lead, "changes": flood } },
        { "id": 4, "operation": { "type": "update_lead", "id": lead, "changes": [
            { "field": "stage", "base": "new", "value": "contacted" },
        ] } },
    ]);
    let answer = world
        .rep1
        .call(&world, "/api/sync/push", push_body(&client, mutations))
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(answer.body["last_mutation_id"], 4);
    let rejected: Vec<(u64, Value)> = answer.body["rejected"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(|r| (r["mutation_id"].as_u64().unwrap_or(0), r["error"].clone()))
        .collect();
    assert_eq!(
        rejected,
        vec![
            (
                2,
                json!({ "Invalid": [{ "field": "company", "problem": "repeated" }] })
            ),
            (
                3,
                json!({ "Invalid": [{ "field": "changes", "problem": "too_many", "max": 14 }] })
            ),
        ]
    );
    let row: (String, String) = sqlx::query_as("SELECT company, stage FROM leads WHERE id = $1")
        .bind(&lead)
        .fetch_one(world.store.pool())
        .await
        .unwrap_or_default();
    assert_eq!(row, ("Pars Tile".to_string(), "contacted".to_string()));
    assert_eq!(
        count(
            &world,
            "SELECT COUNT(*) FROM lead_history WHERE field = 'company' OR length(new_value) > 1000"
        )
        .await,
        0
    );
}
