//! A person moved to another team, or given another role, reads a different
//! set of rows (issue 14, item 10). Over the real router and a temporary
//! SQLite file: the devices of everyone whose scope changed are answered
//! with a reset on their next pull, so rows they may no longer read leave
//! them and rows that came into scope arrive, however old their versions;
//! the reset's pages then go on normally, and nobody else is reset.

use crate::support::*;
use http::StatusCode;
use serde_json::{Value, json};

/// A pull as the current client sends it: with the scope stamp it holds.
fn pull_body(client: &str, cursor: i64, scope: i64, limit: u32) -> Value {
    json!({ "request": { "protocol_version": 3, "client_id": client, "cursor": cursor, "scope": scope, "limit": limit } })
}

/// One device of a person: its client id, cursor and scope stamp.
struct Device {
    client: String,
    cursor: i64,
    scope: i64,
}

impl Device {
    fn new() -> Self {
        Self {
            client: new_id(),
            cursor: 0,
            scope: 0,
        }
    }

    /// Pulls every page, as the browser does; returns whether the first
    /// page was a reset and the lead ids received (tombstones apart).
    async fn pull_all(
        &mut self,
        world: &World,
        person: &Person,
        limit: u32,
    ) -> (bool, Vec<String>) {
        let mut first_reset = None;
        let mut leads = Vec::new();
        for _ in 0..200 {
            let page = person
                .call(
                    world,
                    "/api/sync/pull",
                    pull_body(&self.client, self.cursor, self.scope, limit),
                )
                .await;
            assert_eq!(page.status, StatusCode::OK, "{}", page.body);
            let reset = page.body["reset"].as_bool().unwrap_or(false);
            if first_reset.is_some() {
                assert!(
                    !reset,
                    "a page after the first must not reset again: {}",
                    page.body
                );
            }
            first_reset.get_or_insert(reset);
            if reset {
                leads.clear();
            }
            for change in page.body["changes"].as_array().cloned().unwrap_or_default() {
                if change["kind"] == "lead" && change["row"]["deleted"] == false {
                    leads.push(change["row"]["id"].as_str().unwrap_or_default().to_string());
                }
            }
            self.cursor = page.body["cursor"].as_i64().unwrap_or(-1);
            self.scope = page.body["scope"].as_i64().unwrap_or(-1);
            if page.body["more"] != true {
                return (first_reset.unwrap_or(false), leads);
            }
        }
        panic!("the pull never finished");
    }
}

async fn push_lead(world: &World, person: &Person, name: &str) -> String {
    let lead = new_id();
    let pushed = person
        .call(
            world,
            "/api/sync/push",
            json!({ "request": { "protocol_version": 3, "client_id": new_id(), "mutations": [
                { "id": 1, "operation": { "type": "create_lead", "draft": lead_draft(&lead, name) } }
            ] } }),
        )
        .await;
    assert_eq!(pushed.status, StatusCode::OK, "{}", pushed.body);
    assert_eq!(pushed.body["rejected"], json!([]), "{}", pushed.body);
    lead
}

async fn change_person(world: &World, person: &Person, role: &str, team: Option<String>) {
    let saved = world
        .admin
        .call(
            world,
            "/api/people/save",
            json!({ "draft": {
                "id": person.id.to_string(), "email": person.email, "display_name": person.email,
                "role": role, "team_id": team, "locale": "en", "active": true, "password": ""
            } }),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
}

#[tokio::test]
async fn a_rep_moved_to_another_team_leaves_the_old_managers_devices_and_reaches_the_new_ones() {
    let world = world().await;
    let moved_lead = push_lead(&world, &world.rep1, "Moves with Sara").await;
    let staying_lead = push_lead(&world, &world.rep2, "Stays in team A").await;
    let (mut manager_a, mut manager_b, mut rep1, mut rep2) =
        (Device::new(), Device::new(), Device::new(), Device::new());
    let (_, seen) = manager_a.pull_all(&world, &world.manager_a, 500).await;
    assert!(seen.contains(&moved_lead) && seen.contains(&staying_lead));
    let (_, seen) = manager_b.pull_all(&world, &world.manager_b, 500).await;
    assert!(!seen.contains(&moved_lead));
    rep1.pull_all(&world, &world.rep1, 500).await;
    rep2.pull_all(&world, &world.rep2, 500).await;

    change_person(&world, &world.rep1, "rep", Some(world.team_b.to_string())).await;

    // The old team's manager: a reset without the departed rep's lead.
    let (reset, seen) = manager_a.pull_all(&world, &world.manager_a, 500).await;
    assert!(reset, "the old team's manager is reset");
    assert!(!seen.contains(&moved_lead), "{seen:?}");
    assert!(seen.contains(&staying_lead));
    // The new team's manager: the lead arrives although its version is old.
    let (reset, seen) = manager_b.pull_all(&world, &world.manager_b, 500).await;
    assert!(reset, "the new team's manager is reset");
    assert!(seen.contains(&moved_lead), "{seen:?}");
    // The rep themself: a fresh snapshot of their new scope.
    let (reset, seen) = rep1.pull_all(&world, &world.rep1, 500).await;
    assert!(reset);
    assert_eq!(seen, vec![moved_lead.clone()]);

    // Once taken in, the next pulls are ordinary.
    for (device, person) in [
        (&mut manager_a, &world.manager_a),
        (&mut manager_b, &world.manager_b),
    ] {
        let (reset, seen) = device.pull_all(&world, person, 500).await;
        assert!(!reset && seen.is_empty(), "{seen:?}");
    }
    // Someone outside both teams is not reset... (rep2 stays in team A, whose
    // membership changed: a teammate's move resets the team, so rep2 is.)
    let (reset, _) = rep2.pull_all(&world, &world.rep2, 500).await;
    assert!(reset, "team A's membership changed");
    let (reset, _) = rep2.pull_all(&world, &world.rep2, 500).await;
    assert!(!reset);
    // ...and the admin, who reads everything, is not reset.
    let mut admin = Device::new();
    admin.pull_all(&world, &world.admin, 500).await;
    change_person(&world, &world.rep2, "rep", Some(world.team_b.to_string())).await;
    let (reset, _) = admin.pull_all(&world, &world.admin, 500).await;
    assert!(!reset, "an admin's scope did not change");
}

#[tokio::test]
async fn a_promoted_rep_gets_the_team_and_a_reset_pages_through_without_starting_over() {
    let world = world().await;
    let mut teammates_leads = Vec::new();
    for number in 0..5 {
        teammates_leads
            .push(push_lead(&world, &world.rep1, &format!("Sara's lead {number}")).await);
    }
    let own = push_lead(&world, &world.rep2, "Reza's own").await;
    let mut device = Device::new();
    let (_, seen) = device.pull_all(&world, &world.rep2, 500).await;
    assert_eq!(seen, vec![own.clone()]);

    change_person(
        &world,
        &world.rep2,
        "manager",
        Some(world.team_a.to_string()),
    )
    .await;

    // Pages of two rows: the reset comes once, then the pages go on.
    let (reset, seen) = device.pull_all(&world, &world.rep2, 2).await;
    assert!(reset);
    for lead in teammates_leads.iter().chain([&own]) {
        assert!(seen.contains(lead), "{lead} missing from {seen:?}");
    }
    // Demoted again: back to their own leads only.
    change_person(&world, &world.rep2, "rep", Some(world.team_a.to_string())).await;
    let (reset, seen) = device.pull_all(&world, &world.rep2, 2).await;
    assert!(reset);
    assert_eq!(seen, vec![own]);
}

#[tokio::test]
async fn a_client_from_before_scope_stamps_keeps_pulling_as_before() {
    let world = world().await;
    let lead = push_lead(&world, &world.rep1, "Cached build").await;
    let client = new_id();
    let old_pull = |cursor: i64| json!({ "request": { "protocol_version": 3, "client_id": client, "cursor": cursor, "limit": 500 } });
    let first = world
        .manager_b
        .call(&world, "/api/sync/pull", old_pull(0))
        .await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let cursor = first.body["cursor"].as_i64().unwrap_or(-1);
    change_person(&world, &world.rep1, "rep", Some(world.team_b.to_string())).await;
    // No stamp sent: no reset (it would loop for a client that cannot keep
    // the stamp); such a build reloads into the current one soon anyway.
    let next = world
        .manager_b
        .call(&world, "/api/sync/pull", old_pull(cursor))
        .await;
    assert_eq!(next.status, StatusCode::OK, "{}", next.body);
    assert_eq!(next.body["reset"], false);
    assert!(!next.body["changes"].to_string().contains(&lead));
}
