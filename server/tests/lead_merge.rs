//! Merging duplicate leads over the real router and a temporary SQLite file
//! (issue 15): the survivor keeps its values and takes what it lacks, the
//! other's activities and history move to it, the other becomes a
//! tombstone that the devices receive, and the merge is on the survivor's
//! history. A rep merges only their own leads, a manager their team's;
//! another team's manager and reps are refused before anything is written.

use crate::support::*;
use http::StatusCode;
use serde_json::{Value, json};

async fn save(world: &World, person: &Person, draft: Value) {
    let saved = person
        .call(world, "/api/leads/save", json!({ "draft": draft }))
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
}

/// Two leads of rep1 for the same customer: the second has the e-mail and
/// company the first lacks, and a call logged on it.
async fn twins(world: &World) -> (String, String) {
    let (first, second) = (new_id(), new_id());
    let mut draft = lead_draft(&first, "Reza Karimi");
    draft["company"] = json!("");
    draft["email"] = json!("");
    save(world, &world.rep1, draft).await;
    let mut draft = lead_draft(&second, "Reza K");
    draft["company"] = json!("Pars Tile");
    draft["email"] = json!("reza@parstile.ir");
    save(world, &world.rep1, draft).await;
    let logged = world
        .rep1
        .call(
            world,
            "/api/activities/save",
            json!({ "draft": activity_draft(&new_id(), Some(&second)) }),
        )
        .await;
    assert_eq!(logged.status, StatusCode::OK, "{}", logged.body);
    (first, second)
}

fn merge(survivor: &str, merged: &str) -> Value {
    json!({ "survivor": survivor, "merged": merged })
}

#[tokio::test]
async fn a_merge_moves_the_activities_and_history_and_leaves_a_tombstone() {
    let world = world().await;
    let (first, second) = twins(&world).await;
    let kept = ok(
        &world.rep1,
        &world,
        "/api/leads/merge",
        merge(&first, &second),
    )
    .await;
    assert_eq!(kept["name"], "Reza Karimi", "the survivor keeps its name");
    assert_eq!(
        (kept["company"].clone(), kept["email"].clone()),
        (json!("Pars Tile"), json!("reza@parstile.ir")),
        "and takes what it lacked"
    );
    let leads = ok(&world.rep1, &world, "/api/leads/list", json!({})).await;
    let names: Vec<&str> = leads
        .as_array()
        .map(|leads| {
            leads
                .iter()
                .filter_map(|lead| lead["name"].as_str())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(names, vec!["Reza Karimi"]);
    let activities = ok(
        &world.rep1,
        &world,
        "/api/activities/list",
        json!({ "lead_id": first }),
    )
    .await;
    assert_eq!(activities.as_array().map(Vec::len), Some(1), "{activities}");
    let history = ok(
        &world.rep1,
        &world,
        "/api/leads/history",
        json!({ "id": first }),
    )
    .await;
    let merged_entry = history
        .as_array()
        .and_then(|changes| changes.iter().find(|change| change["field"] == "merged"))
        .cloned()
        .expect("the merge is in the history");
    assert_eq!(merged_entry["old_value"], "Reza K");
    assert!(
        history.to_string().contains("\"field\":\"email\""),
        "{history}"
    );
    // The other is gone, and a device learns it.
    let gone = world
        .rep1
        .call(&world, "/api/leads/get", json!({ "id": second }))
        .await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    let pulled = ok(
        &world.rep1,
        &world,
        "/api/sync/pull",
        json!({ "request": { "protocol_version": 3, "client_id": new_id(), "cursor": 0, "scope": 0, "limit": 500 } }),
    )
    .await;
    let tombstone = pulled["changes"]
        .as_array()
        .and_then(|changes| {
            changes
                .iter()
                .find(|change| change["row"]["id"] == json!(second))
        })
        .cloned();
    assert!(
        tombstone.is_none()
            || tombstone
                .as_ref()
                .is_some_and(|change| change["row"]["deleted"] == true),
        "{tombstone:?}"
    );
    let moved = pulled["changes"]
        .as_array()
        .and_then(|changes| {
            changes.iter().find(|change| {
                change["kind"] == "activity" && change["row"]["lead_id"] == json!(first)
            })
        })
        .cloned();
    assert!(
        moved.is_some(),
        "the moved activity reaches devices: {pulled}"
    );
    // Merging a lead into itself, or a tombstone, is refused.
    let itself = world
        .rep1
        .call(&world, "/api/leads/merge", merge(&first, &first))
        .await;
    assert_eq!(problem_fields(&itself), vec!["merged"]);
    let again = world
        .rep1
        .call(&world, "/api/leads/merge", merge(&first, &second))
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn only_who_may_write_both_leads_merges_them() {
    let world = world().await;
    let (first, second) = twins(&world).await;
    let theirs = new_id();
    save(&world, &world.rep2, lead_draft(&theirs, "Reza (rep2)")).await;
    let before = ok(&world.manager_a, &world, "/api/leads/list", json!({})).await;
    for (person, survivor, merged) in [
        (&world.rep2, &first, &second),
        (&world.rep2, &theirs, &second),
        (&world.rep1, &first, &theirs),
        (&world.manager_b, &first, &second),
        (&world.rep_b, &first, &second),
    ] {
        let answer = person
            .call(&world, "/api/leads/merge", merge(survivor, merged))
            .await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.body);
    }
    let signed_out = call(
        &world.router,
        "/api/leads/merge",
        None,
        merge(&first, &second),
    )
    .await;
    assert_eq!(signed_out.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        ok(&world.manager_a, &world, "/api/leads/list", json!({})).await,
        before,
        "nothing changed"
    );
    // The team's manager merges across two reps' leads.
    let kept = ok(
        &world.manager_a,
        &world,
        "/api/leads/merge",
        merge(&theirs, &second),
    )
    .await;
    assert_eq!(kept["owner_id"], json!(world.rep2.id.to_string()));
    let rep1_leads = ok(&world.rep1, &world, "/api/leads/list", json!({})).await;
    assert_eq!(rep1_leads.as_array().map(Vec::len), Some(1));
}
