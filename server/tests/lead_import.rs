//! Lead import over the real router and a temporary SQLite file (issue 15):
//! a manager previews a CSV file (nothing written), imports its good rows
//! shared round robin among their reps in one go, and importing the same
//! file again adds nothing. Reps, other teams' managers and the signed-out
//! are refused before anything is written; a bad file gets a reason.

use crate::support::*;
use base64::Engine;
use http::StatusCode;
use serde_json::{Value, json};

fn encoded(file: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(file)
}

fn import_body(file: &[u8]) -> Value {
    json!({ "import": { "file": encoded(file), "mapping": null, "currency": "USD" } })
}

fn commit_body(file: &[u8], owners: Value) -> Value {
    json!({ "import": { "file": encoded(file), "mapping": null, "currency": "USD" }, "owners": owners })
}

/// Five rows: two good, one bad e-mail, one repeating the first row's
/// phone, one with the phone of a lead the team already has.
const FILE: &str = "Full name;Mobile;E-mail;Stage;Value\n\
Reza Karimi;0912 111 2222;reza@example.com;Qualified;120000\n\
Nika Shams;+98 935 000 1111;;new;\n\
Bad Mail;0912 999 8888;not-an-email;;\n\
Reza again;09121112222;;;\n\
Known Buyer;0912 345 6789;;;\n";

/// Previews `file` as `person`.
async fn preview(world: &World, person: &Person, file: &[u8]) -> Answer {
    person
        .call(world, "/api/leads/import/preview", import_body(file))
        .await
}

/// Imports `file` as `person`, to `owners`.
async fn commit(world: &World, person: &Person, file: &[u8], owners: Value) -> Answer {
    person
        .call(world, "/api/leads/import/commit", commit_body(file, owners))
        .await
}

async fn lead_names(world: &World, person: &Person) -> Vec<String> {
    let answer = person.call(world, "/api/leads/list", json!({})).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer
        .body
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .filter_map(|lead| lead["name"].as_str().map(str::to_string))
        .collect()
}

#[tokio::test]
async fn a_manager_previews_then_imports_the_good_rows_round_robin_and_a_second_import_adds_nothing()
 {
    let world = world().await;
    // rep1 already has "Known Buyer"'s phone (lead_draft's 0912 345 6789).
    save_lead(&world, &world.rep1, "Already ours").await;

    let preview = preview(&world, &world.manager_a, FILE.as_bytes()).await;
    assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
    let body = &preview.body;
    assert_eq!(
        body["mapping"],
        json!(["name", "phone", "email", "stage", "estimated_value"])
    );
    assert_eq!(
        (body["accepted"].as_u64(), body["refused"].as_u64()),
        (Some(2), Some(3))
    );
    let refused: Vec<(u64, String)> = body["refused_rows"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|row| {
            (
                row["line"].as_u64().unwrap_or(0),
                row["problems"][0]["kind"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
            )
        })
        .collect();
    assert_eq!(
        refused,
        vec![
            (4, "field".to_string()),
            (5, "repeats_row".to_string()),
            (6, "already_a_lead".to_string())
        ]
    );
    let csv = body["refused_csv"].as_str().unwrap_or_default();
    assert!(
        csv.starts_with("Full name,Mobile,E-mail,Stage,Value,line,reason\r\n"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 4, "{csv}");
    let reps: Vec<&str> = body["reps"]
        .as_array()
        .map(|reps| {
            reps.iter()
                .filter_map(|rep| rep["display_name"].as_str())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(reps, vec!["rep1@test.local", "rep2@test.local"]);
    // The preview wrote nothing.
    assert_eq!(
        lead_names(&world, &world.manager_a).await,
        vec!["Already ours"]
    );

    let owners = json!({ "to": "shared", "rule": "round_robin",
        "reps": [world.rep1.id.to_string(), world.rep2.id.to_string()] });
    let imported = commit(&world, &world.manager_a, FILE.as_bytes(), owners.clone()).await;
    assert_eq!(imported.status, StatusCode::OK, "{}", imported.body);
    assert_eq!(imported.body["imported"], 2);
    assert_eq!(
        imported.body["per_rep"],
        json!([["rep1@test.local", 1], ["rep2@test.local", 1]])
    );
    let mut rep1_leads = lead_names(&world, &world.rep1).await;
    rep1_leads.sort();
    let rep2_leads = lead_names(&world, &world.rep2).await;
    assert_eq!(
        rep1_leads.len() + rep2_leads.len(),
        3,
        "{rep1_leads:?} {rep2_leads:?}"
    );
    assert_eq!(rep2_leads.len(), 1);

    // The lead's timeline says who gave it to whom, by which rule.
    let leads = world.rep2.call(&world, "/api/leads/list", json!({})).await;
    let lead_id = leads.body[0]["id"].as_str().unwrap_or_default().to_string();
    assert_eq!(
        leads.body[0]["stage"],
        json!(if leads.body[0]["name"] == "Reza Karimi" {
            "qualified"
        } else {
            "new"
        })
    );
    let history = world
        .rep2
        .call(&world, "/api/leads/history", json!({ "id": lead_id }))
        .await;
    assert_eq!(history.status, StatusCode::OK, "{}", history.body);
    assert_eq!(history.body[0]["field"], "assigned", "{}", history.body);
    assert_eq!(history.body[0]["new_value"], "rep2@test.local");
    assert_eq!(history.body[0]["changed_by_name"], "manager.a@test.local");
    assert_eq!(history.body[0]["rule"], "round_robin");

    // The same file again: every row is now a lead of the team.
    let again = commit(&world, &world.manager_a, FILE.as_bytes(), owners).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    assert_eq!(
        (
            again.body["imported"].as_u64(),
            again.body["refused"].as_u64()
        ),
        (Some(0), Some(5))
    );
    assert_eq!(lead_names(&world, &world.manager_a).await.len(), 3);
}

#[tokio::test]
async fn the_round_robin_continues_from_one_import_to_the_next() {
    let world = world().await;
    let owners = json!({ "to": "shared", "rule": "round_robin",
        "reps": [world.rep1.id.to_string(), world.rep2.id.to_string()] });
    let mut given = Vec::new();
    for batch in 0..3 {
        let file = format!("name\nBatch {batch} lead\n");
        let answer = commit(&world, &world.manager_a, file.as_bytes(), owners.clone()).await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        given.push(
            answer.body["per_rep"][0][0]
                .as_str()
                .unwrap_or_default()
                .to_string(),
        );
    }
    // One lead per import, alternating: never the same rep twice in a row.
    assert_ne!(given[0], given[1], "{given:?}");
    assert_ne!(given[1], given[2], "{given:?}");
}

#[tokio::test]
async fn reps_other_teams_and_the_signed_out_are_refused_before_anything_is_written() {
    let world = world().await;
    let file = b"name\nNobody's lead\n";
    // A rep may not import.
    let answer = preview(&world, &world.rep1, file).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.body);
    let answer = commit(
        &world,
        &world.rep1,
        file,
        json!({ "to": "rep", "user_id": world.rep1.id.to_string() }),
    )
    .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.body);
    // Another team's manager may not hand leads to team A's rep.
    let answer = commit(
        &world,
        &world.manager_b,
        file,
        json!({ "to": "rep", "user_id": world.rep1.id.to_string() }),
    )
    .await;
    assert_eq!(
        answer.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        answer.body
    );
    assert_eq!(problem_fields(&answer), vec!["owners"]);
    let answer = commit(
        &world,
        &world.manager_b,
        file,
        json!({ "to": "shared", "rule": "least_busy", "reps": [world.rep2.id.to_string()] }),
    )
    .await;
    assert_eq!(
        answer.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        answer.body
    );
    // Another team's manager does not learn that team A has a lead with
    // this phone: for them the row is new.
    save_lead(&world, &world.rep1, "Team A's buyer").await;
    let answer = preview(
        &world,
        &world.manager_b,
        b"name,phone\nSame buyer,0912 345 6789\n",
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(
        (
            answer.body["accepted"].as_u64(),
            answer.body["refused"].as_u64()
        ),
        (Some(1), Some(0))
    );
    // Signed out.
    let answer = call(
        &world.router,
        "/api/leads/import/preview",
        None,
        import_body(file),
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{}", answer.body);
    // Nothing was written but team A's own lead.
    assert_eq!(
        lead_names(&world, &world.admin).await,
        vec!["Team A's buyer"]
    );
}

#[tokio::test]
async fn a_file_that_is_not_a_list_of_leads_gets_a_reason_and_big_files_are_bounded() {
    let world = world().await;
    let problem = |answer: &Answer| answer.body["Invalid"][0]["file"]["reason"].clone();
    // Windows-1256 ("ANSI") Persian, not UTF-8.
    let answer = preview(&world, &world.manager_a, b"name\n\xE1\xC7\xE3\n").await;
    assert_eq!(
        answer.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        answer.body
    );
    assert_eq!(problem(&answer), "not_unicode_text", "{}", answer.body);
    // A zip that is no workbook, and an old Excel 97-2003 (.xls) file.
    let answer = preview(&world, &world.manager_a, b"PK\x03\x04...").await;
    assert_eq!(problem(&answer), "unreadable", "{}", answer.body);
    let answer = preview(
        &world,
        &world.manager_a,
        &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1],
    )
    .await;
    assert_eq!(problem(&answer), "workbook", "{}", answer.body);
    // A real .xlsx workbook reads like a CSV file.
    let workbook = include_bytes!("../../app/tests/import_corpus/persian_leads.xlsx");
    let answer = preview(&world, &world.manager_a, workbook).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(
        (
            answer.body["accepted"].clone(),
            answer.body["refused"].clone()
        ),
        (json!(2), json!(1))
    );
    // Not base64 at all.
    let answer = world
        .manager_a
        .call(
            &world,
            "/api/leads/import/preview",
            json!({ "import": { "file": "%%%", "mapping": null, "currency": "USD" } }),
        )
        .await;
    assert_eq!(problem(&answer), "unreadable", "{}", answer.body);
    // No column that could be a name.
    let answer = preview(&world, &world.manager_a, b"colour\nblue\n").await;
    assert_eq!(problem_fields(&answer), vec!["mapping"], "{}", answer.body);
    // A file larger than other requests may be, and than axum's default
    // body limit (2 MB), is fine here...
    let mut big = String::from("name,phone,company\n");
    let company = "A company with a long name ".repeat(4);
    for row in 0..20_000 {
        big.push_str(&format!(
            "Lead number {row} of a long list of leads from a fair,,{company}\n"
        ));
    }
    assert!(
        big.len() > 2 * 1024 * 1024 + server::MAX_REQUEST_BYTES,
        "{}",
        big.len()
    );
    let answer = preview(&world, &world.manager_a, big.as_bytes()).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.body["accepted"], 20_000);
    // ...but not past the import's own limit, and not on other endpoints.
    let huge = "x".repeat(server::MAX_IMPORT_REQUEST_BYTES + 1);
    let answer = world
        .manager_a
        .call(
            &world,
            "/api/leads/import/preview",
            json!({ "import": { "file": huge } }),
        )
        .await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    let answer = world
        .manager_a
        .call(
            &world,
            "/api/leads/list",
            json!({ "padding": "x".repeat(server::MAX_REQUEST_BYTES) }),
        )
        .await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    // Sharing names up to 10,000 leads by id (390 KB): the body is read,
    // and the ids are then checked (none is team A's: refused, not 413).
    let ids: Vec<String> = (0..10_000).map(|_| new_id()).collect();
    let share = |ids: &[String]| {
        json!({ "leads": { "which": "chosen", "ids": ids },
                "owners": { "to": "rep", "user_id": world.rep1.id.to_string() } })
    };
    let answer = world
        .manager_a
        .call(&world, "/api/leads/share", share(&ids))
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.body);
    let mut too_many = ids.clone();
    too_many.push(new_id());
    let answer = world
        .manager_a
        .call(&world, "/api/leads/share", share(&too_many))
        .await;
    assert_eq!(
        answer.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        answer.body
    );
}

#[tokio::test]
async fn a_departed_reps_open_leads_go_to_a_teammate_in_one_action_and_other_teams_cannot() {
    let world = world().await;
    for name in ["Open one", "Open two", "Open three"] {
        save_lead(&world, &world.rep1, name).await;
    }
    // The rep leaves: the admin deactivates them.
    let saved = world
        .admin
        .call(
            &world,
            "/api/people/save",
            json!({ "draft": {
                "id": world.rep1.id.to_string(), "email": world.rep1.email, "display_name": world.rep1.email,
                "role": "rep", "team_id": world.team_a.to_string(), "locale": "en", "active": false, "password": ""
            } }),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let departed = json!({ "which": "open_leads_of", "user_id": world.rep1.id.to_string() });
    let to_rep2 = json!({ "to": "rep", "user_id": world.rep2.id.to_string() });
    // Another team's manager and a rep are refused; nothing moves.
    for person in [&world.manager_b, &world.rep2] {
        let answer = person
            .call(
                &world,
                "/api/leads/share",
                json!({ "leads": departed, "owners": to_rep2 }),
            )
            .await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.body);
    }
    let ids: Vec<String> = world
        .manager_a
        .call(&world, "/api/leads/list", json!({}))
        .await
        .body
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .filter_map(|lead| lead["id"].as_str().map(str::to_string))
        .collect();
    let answer = world
        .manager_b
        .call(
            &world,
            "/api/leads/share",
            json!({ "leads": { "which": "chosen", "ids": ids }, "owners": { "to": "rep", "user_id": world.rep_b.id.to_string() } }),
        )
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.body);
    assert!(lead_names(&world, &world.rep2).await.is_empty());

    // Team A's manager hands all three over in one action.
    let answer = world
        .manager_a
        .call(
            &world,
            "/api/leads/share",
            json!({ "leads": departed, "owners": to_rep2 }),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(answer.body["assigned"], 3);
    assert_eq!(answer.body["per_rep"], json!([["rep2@test.local", 3]]));
    let mut names = lead_names(&world, &world.rep2).await;
    names.sort();
    assert_eq!(names, vec!["Open one", "Open three", "Open two"]);
    let moved = world.rep2.call(&world, "/api/leads/list", json!({})).await;
    let history = world
        .rep2
        .call(
            &world,
            "/api/leads/history",
            json!({ "id": moved.body[0]["id"] }),
        )
        .await;
    assert_eq!(history.body[0]["field"], "assigned", "{}", history.body);
    assert_eq!(history.body[0]["old_value"], "rep1@test.local");
    assert_eq!(history.body[0]["new_value"], "rep2@test.local");
    assert!(
        history.body[0].get("rule").is_none(),
        "the manager chose: {}",
        history.body
    );
    // A deactivated rep cannot receive leads.
    let answer = world
        .manager_a
        .call(
            &world,
            "/api/leads/share",
            json!({ "leads": { "which": "chosen", "ids": [moved.body[0]["id"]] },
                    "owners": { "to": "rep", "user_id": world.rep1.id.to_string() } }),
        )
        .await;
    assert_eq!(problem_fields(&answer), vec!["owners"], "{}", answer.body);
}

/// Pulls every page from a device's cursor and scope stamp as `person`;
/// the lead rows received (tombstones included), and whether it was reset.
async fn pull_leads(
    world: &World,
    person: &Person,
    device: &mut (String, i64, i64),
) -> (Vec<Value>, bool) {
    let mut leads = Vec::new();
    let mut reset = false;
    for _ in 0..50 {
        let page = ok(
            person,
            world,
            "/api/sync/pull",
            json!({ "request": { "protocol_version": 3, "client_id": device.0, "cursor": device.1,
                                 "scope": device.2, "limit": 500 } }),
        )
        .await;
        reset |= page["reset"] == true;
        for change in page["changes"].as_array().cloned().unwrap_or_default() {
            if change["kind"] == "lead" {
                leads.push(change["row"].clone());
            }
        }
        device.1 = page["cursor"].as_i64().unwrap_or(device.1);
        device.2 = page["scope"].as_i64().unwrap_or(device.2);
        if page["more"] != true {
            break;
        }
    }
    (leads, reset)
}

#[tokio::test]
async fn shared_leads_move_together_leave_the_previous_owners_devices_and_reach_the_new_ones() {
    let world = world().await;
    for number in 0..7 {
        save_lead(&world, &world.rep1, &format!("Handed {number}")).await;
    }
    let mut rep1_device = (new_id(), 0, 0);
    let (before, _) = pull_leads(&world, &world.rep1, &mut rep1_device).await;
    assert_eq!(before.len(), 7);
    let rep1_cursor = rep1_device.1;
    let ids: Vec<Value> = before.iter().map(|lead| lead["id"].clone()).collect();
    // The same ids twice: each lead still moves once.
    let mut sent = ids.clone();
    sent.extend(ids.iter().cloned());
    let answer = ok(
        &world.manager_a,
        &world,
        "/api/leads/share",
        json!({ "leads": { "which": "chosen", "ids": sent }, "owners": { "to": "rep", "user_id": world.rep2.id.to_string() } }),
    )
    .await;
    assert_eq!(answer["assigned"], 7, "{answer}");

    // rep1's device is told each left, with none of its content.
    let (left, reset) = pull_leads(&world, &world.rep1, &mut rep1_device).await;
    assert!(!reset, "an ordinary pull, not a reset");
    assert_eq!(left.len(), 7, "{left:?}");
    assert!(
        left.iter()
            .all(|lead| lead["deleted"] == true && !lead.to_string().contains("Handed")),
        "{left:?}"
    );
    // rep2's new device gets all seven, as theirs, at versions above rep1's cursor.
    let (arrived, _) = pull_leads(&world, &world.rep2, &mut (new_id(), 0, 0)).await;
    let mine: Vec<&Value> = arrived
        .iter()
        .filter(|lead| lead["owner_id"] == json!(world.rep2.id.to_string()))
        .collect();
    assert_eq!(mine.len(), 7);
    assert!(
        mine.iter()
            .all(|lead| lead["version"].as_i64().unwrap_or(0) > rep1_cursor)
    );
    // Every version is unique and none is above the counter.
    let (distinct, total, highest, counter): (i64, i64, i64, i64) = sqlx::query_as(
        "SELECT COUNT(DISTINCT version), COUNT(*), MAX(version), (SELECT last_version FROM sync_state) \
         FROM (SELECT version FROM leads UNION ALL SELECT version FROM scope_exits) AS versions",
    )
    .fetch_one(world.store.pool())
    .await
    .expect("versions");
    assert_eq!(distinct, total);
    assert!(highest <= counter);
    // The team's open pipeline roll-up follows the owners.
    let rep2_open: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM leads WHERE owner_id = $1 AND deleted = 0")
            .bind(world.rep2.id.to_string())
            .fetch_one(world.store.pool())
            .await
            .expect("count");
    assert_eq!(rep2_open, 7);
}
