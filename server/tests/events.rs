//! Events over the real router and a temporary SQLite file (issue 15): a
//! manager adds a fair, imports the leads brought back tagged with it, and
//! the events list shows leads, won deals, revenue and return once a deal
//! is won; the per-source figures count them; another team's manager and
//! reps are refused before anything is written, and bad input gets field
//! errors.

use crate::support::*;
use base64::Engine;
use http::StatusCode;
use serde_json::{Value, json};

fn fair(id: &str, cost: &str) -> Value {
    json!({ "id": id, "name": "Iran Build Expo", "kind": "fair", "starts_on": "2026-11-10",
            "ends_on": "2026-11-13", "place": "Tehran", "cost": cost, "currency": "USD" })
}

fn import(event_id: &str, rep: &Person) -> Value {
    let file = base64::engine::general_purpose::STANDARD
        .encode("name,phone\nExpo buyer one,0912 555 0001\nExpo buyer two,0912 555 0002\n");
    json!({ "import": { "file": file, "mapping": null, "currency": "USD", "event_id": event_id },
            "owners": { "to": "rep", "user_id": rep.id.to_string() } })
}

async fn the_event(world: &World, person: &Person) -> Value {
    let view = ok(
        person,
        world,
        "/api/events/list",
        json!({ "team_id": null }),
    )
    .await;
    view["events"][0].clone()
}

#[tokio::test]
async fn an_events_leads_won_deal_and_return_show_once_a_deal_is_won() {
    let world = world().await;
    let event_id = new_id();
    ok(
        &world.manager_a,
        &world,
        "/api/events/save",
        json!({ "team_id": null, "draft": fair(&event_id, "400") }),
    )
    .await;
    let fresh = the_event(&world, &world.manager_a).await;
    assert_eq!(
        (fresh["leads"].clone(), fresh["won"].clone()),
        (json!(0), json!(0))
    );
    assert_eq!(fresh["event"]["cost"], 40_000);

    let imported = ok(
        &world.manager_a,
        &world,
        "/api/leads/import/commit",
        import(&event_id, &world.rep1),
    )
    .await;
    assert_eq!(imported["imported"], 2, "{imported}");
    let leads = ok(&world.rep1, &world, "/api/leads/list", json!({})).await;
    let leads = leads.as_array().cloned().unwrap_or_default();
    assert!(
        leads.iter().all(|lead| lead["source"] == "event"),
        "{leads:?}"
    );
    // rep1 wins one for 1,000 USD.
    let won = leads
        .iter()
        .find(|lead| lead["name"] == "Expo buyer one")
        .cloned()
        .expect("imported lead");
    let mut draft = lead_draft(won["id"].as_str().unwrap_or_default(), "Expo buyer one");
    draft["phone"] = json!("0912 555 0001");
    draft["source"] = json!("event");
    draft["stage"] = json!("won");
    draft["won_amount"] = json!("1,000");
    ok(
        &world.rep1,
        &world,
        "/api/leads/save",
        json!({ "draft": draft }),
    )
    .await;

    let event = the_event(&world, &world.manager_a).await;
    assert_eq!(event["leads"], 2);
    assert_eq!(event["won"], 1);
    assert_eq!(event["revenue"], json!([["USD", 100_000]]));
    let view = ok(
        &world.manager_a,
        &world,
        "/api/events/list",
        json!({ "team_id": null }),
    )
    .await;
    let by_event = view["sources"]
        .as_array()
        .and_then(|sources| sources.iter().find(|source| source["source"] == "event"))
        .cloned()
        .expect("an event line");
    assert_eq!(
        (by_event["leads"].clone(), by_event["won"].clone()),
        (json!(2), json!(1))
    );

    // A changed cost shows at once; a deleted event leaves the list, its leads stay.
    ok(
        &world.manager_a,
        &world,
        "/api/events/save",
        json!({ "team_id": null, "draft": fair(&event_id, "500") }),
    )
    .await;
    assert_eq!(
        the_event(&world, &world.manager_a).await["event"]["cost"],
        50_000
    );
    ok(
        &world.manager_a,
        &world,
        "/api/events/delete",
        json!({ "event_id": event_id }),
    )
    .await;
    let view = ok(
        &world.manager_a,
        &world,
        "/api/events/list",
        json!({ "team_id": null }),
    )
    .await;
    assert_eq!(view["events"], json!([]));
    let leads = ok(&world.rep1, &world, "/api/leads/list", json!({})).await;
    assert_eq!(leads.as_array().map(Vec::len), Some(2));
}

#[tokio::test]
async fn bad_events_get_field_errors() {
    let world = world().await;
    let mut draft = fair(&new_id(), "-3");
    draft["name"] = json!("");
    draft["kind"] = json!("party");
    draft["ends_on"] = json!("2026-11-01");
    let answer = world
        .manager_a
        .call(
            &world,
            "/api/events/save",
            json!({ "team_id": null, "draft": draft }),
        )
        .await;
    assert_eq!(
        answer.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        answer.body
    );
    let mut fields = problem_fields(&answer);
    fields.sort();
    assert_eq!(fields, vec!["cost", "ends_on", "kind", "name"]);
    let view = ok(
        &world.manager_a,
        &world,
        "/api/events/list",
        json!({ "team_id": null }),
    )
    .await;
    assert_eq!(view["events"], json!([]));
}

#[tokio::test]
async fn another_teams_manager_and_reps_cannot_read_change_or_tag_with_an_event() {
    let world = world().await;
    let event_id = new_id();
    ok(
        &world.manager_a,
        &world,
        "/api/events/save",
        json!({ "team_id": null, "draft": fair(&event_id, "400") }),
    )
    .await;
    let team_a = world.team_a.to_string();
    for person in [&world.manager_b, &world.rep1, &world.rep_b] {
        for (path, body) in [
            ("/api/events/list", json!({ "team_id": team_a })),
            (
                "/api/events/save",
                json!({ "team_id": team_a, "draft": fair(&event_id, "1") }),
            ),
            ("/api/events/delete", json!({ "event_id": event_id })),
        ] {
            let answer = person.call(&world, path, body).await;
            assert_eq!(
                answer.status,
                StatusCode::FORBIDDEN,
                "{} {path}: {}",
                person.email,
                answer.body
            );
        }
    }
    // Team B's manager aims at team A's event id from their own team.
    let answer = world
        .manager_b
        .call(
            &world,
            "/api/events/save",
            json!({ "team_id": null, "draft": fair(&event_id, "1") }),
        )
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.body);
    let answer = world
        .manager_b
        .call(
            &world,
            "/api/leads/import/commit",
            import(&event_id, &world.rep_b),
        )
        .await;
    assert_eq!(
        answer.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        answer.body
    );
    assert_eq!(answer.body["Invalid"][0]["field"], "event_id");
    let imported: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM leads")
        .fetch_one(world.store.pool())
        .await
        .expect("count");
    assert_eq!(imported, 0, "nothing imported");
    // Team A's event is as it was.
    let event = the_event(&world, &world.manager_a).await;
    assert_eq!(event["event"]["cost"], 40_000);
    assert_eq!(event["event"]["name"], "Iran Build Expo");
}

fn push(client: &str, mutations: Value) -> Value {
    json!({ "request": { "protocol_version": 4, "client_id": client, "mutations": mutations } })
}

/// Protocol 4: a rep names the event on the lead form (offline, through the
/// outbox): the lead carries it in pulls, the event's report counts it, and
/// a field change moves or clears it. Another team's event is refused with
/// a field problem; the event list a rep's device keeps is their own
/// team's; a whole draft from an older build keeps the lead's event.
#[tokio::test]
async fn a_rep_names_the_event_on_a_lead_and_the_report_counts_it() {
    let world = world().await;
    let (ours, theirs) = (new_id(), new_id());
    ok(
        &world.manager_a,
        &world,
        "/api/events/save",
        json!({ "team_id": null, "draft": fair(&ours, "400") }),
    )
    .await;
    let mut other = fair(&theirs, "100");
    other["name"] = json!("Tabriz Fair");
    ok(
        &world.manager_b,
        &world,
        "/api/events/save",
        json!({ "team_id": null, "draft": other }),
    )
    .await;
    let choices = ok(&world.rep1, &world, "/api/events/choices", json!({})).await;
    assert_eq!(
        choices.as_array().map(|all| all
            .iter()
            .map(|choice| choice["id"].clone())
            .collect::<Vec<_>>()),
        Some(vec![json!(ours)]),
        "{choices}"
    );
    let everyone = ok(&world.admin, &world, "/api/events/choices", json!({})).await;
    assert_eq!(everyone.as_array().map(Vec::len), Some(2));

    let client = new_id();
    let (met, foreign) = (new_id(), new_id());
    let mut draft = lead_draft(&met, "Met at the expo");
    draft["source"] = json!("event");
    draft["event_id"] = json!(ours);
    let mut wrong = lead_draft(&foreign, "Met elsewhere");
    wrong["source"] = json!("event");
    wrong["event_id"] = json!(theirs);
    let answer = ok(
        &world.rep1,
        &world,
        "/api/sync/push",
        push(
            &client,
            json!([
                { "id": 1, "operation": { "type": "create_lead", "draft": draft } },
                { "id": 2, "operation": { "type": "create_lead", "draft": wrong } },
            ]),
        ),
    )
    .await;
    assert_eq!(answer["last_mutation_id"], 2, "{answer}");
    assert_eq!(answer["rejected"][0]["mutation_id"], 2, "{answer}");
    assert_eq!(
        answer["rejected"][0]["error"]["Invalid"][0]["field"], "event_id",
        "{answer}"
    );
    let pulled = ok(
        &world.rep1,
        &world,
        "/api/sync/pull",
        json!({ "request": { "protocol_version": 4, "client_id": client, "cursor": 0, "limit": 100 } }),
    )
    .await;
    let lead = pulled["changes"]
        .as_array()
        .and_then(|all| all.iter().find(|change| change["row"]["id"] == met))
        .cloned()
        .unwrap_or(Value::Null);
    assert_eq!(lead["row"]["event_id"], json!(ours), "{pulled}");
    assert_eq!(the_event(&world, &world.manager_a).await["leads"], 1);

    // A whole draft without the field (an older build) keeps the event.
    let mut older = lead_draft(&met, "Met at the expo, renamed");
    older["source"] = json!("event");
    ok(
        &world.rep1,
        &world,
        "/api/leads/save",
        json!({ "draft": older }),
    )
    .await;
    assert_eq!(the_event(&world, &world.manager_a).await["leads"], 1);

    // A field change clears it: the report no longer counts the lead.
    ok(
        &world.rep1,
        &world,
        "/api/sync/push",
        push(
            &client,
            json!([{ "id": 3, "operation": { "type": "update_lead", "id": met,
                "changes": [{ "field": "event_id", "base": ours, "value": "" }] } }]),
        ),
    )
    .await;
    assert_eq!(the_event(&world, &world.manager_a).await["leads"], 0);
    let stored: Option<String> = sqlx::query_scalar("SELECT event_id FROM leads WHERE id = $1")
        .bind(&met)
        .fetch_one(world.store.pool())
        .await
        .unwrap_or(Some("unread".into()));
    assert_eq!(stored, None);
}
