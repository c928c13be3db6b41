//! The dashboard a device computes from its synced cache (offline) gives the
//! same numbers as the server's SQL over the canonical data, for a rep and
//! for a manager, so nobody sees one figure offline and another online.

use crate::support::{Person, World, activity_draft, lead_draft, new_id, world};
use app::domain::period::{calendar_for, month_of};
use app::domain::report::{DashboardCounts, DashboardScope, dashboard_counts};
use app::domain::{Activity, Goal, Lead, Locale};
use app::sync::protocol::{Change, PullResponse};
use chrono::Utc;
use serde_json::json;

/// Everything `person` may see, as a device's first sync pulls it.
async fn pull_everything(world: &World, person: &Person) -> (Vec<Lead>, Vec<Activity>, Vec<Goal>) {
    let client = new_id();
    let (mut leads, mut activities, mut goals) = (Vec::new(), Vec::new(), Vec::new());
    let mut cursor = 0;
    loop {
        let answer = person
            .call(
                world,
                "/api/sync/pull",
                json!({ "request": { "protocol_version": 1, "client_id": client, "cursor": cursor, "limit": 7 } }),
            )
            .await;
        // Read as the device reads it (records as objects only).
        let text = serde_json::to_vec(&answer.body).expect("the answer as JSON");
        let page: PullResponse = app::sync::objects_only::from_slice(&text)
            .unwrap_or_else(|error| panic!("pull answer {error}: {}", answer.body));
        for change in page.changes {
            match change {
                Change::Lead(lead) => leads.push(lead),
                Change::Activity(activity) => activities.push(activity),
                Change::Goal(goal) => goals.push(goal),
                // Protocol 1 (asked for above) never carries these.
                Change::Plan(_) | Change::Kudos(_) => {}
            }
        }
        cursor = page.cursor;
        if !page.more {
            return (leads, activities, goals);
        }
    }
}

#[tokio::test]
async fn the_device_dashboard_equals_the_server_dashboard() {
    let world = world().await;
    let today = Utc::now();
    let this_month = today.to_rfc3339();
    // A spread of stages, currencies and owners, saved through the real forms.
    let plans = [
        (&world.rep1, "new", "USD", "1500", ""),
        (&world.rep1, "won", "USD", "2000", "1800"),
        (&world.rep1, "won", "EUR", "900", "900"),
        (&world.rep1, "lost", "USD", "700", ""),
        (&world.rep2, "qualified", "IRR", "50000000", ""),
        (&world.rep2, "won", "USD", "300", "250"),
        (&world.rep_b, "new", "USD", "999", ""),
    ];
    for (index, (person, stage, currency, value, won)) in plans.into_iter().enumerate() {
        let lead_id = new_id();
        let mut draft = lead_draft(&lead_id, &format!("Lead {index}"));
        draft["stage"] = json!(stage);
        draft["currency"] = json!(currency);
        draft["estimated_value"] = json!(value);
        draft["won_amount"] = json!(won);
        if stage == "lost" {
            draft["lost_reason"] = json!("Price");
        }
        let saved = person
            .call(&world, "/api/leads/save", json!({ "draft": draft }))
            .await;
        assert_eq!(saved.status, 200, "{}", saved.body);
        for (kind, when) in [
            ("call", this_month.as_str()),
            ("meeting", "2020-01-05T10:00:00Z"),
        ] {
            let mut activity = activity_draft(&new_id(), Some(&lead_id));
            activity["kind"] = json!(kind);
            activity["when"] = json!(when);
            let logged = person
                .call(&world, "/api/activities/save", json!({ "draft": activity }))
                .await;
            assert_eq!(logged.status, 200, "{}", logged.body);
        }
    }
    let deleted = new_id();
    world
        .rep1
        .call(
            &world,
            "/api/leads/save",
            json!({ "draft": lead_draft(&deleted, "Gone") }),
        )
        .await;
    world
        .rep1
        .call(&world, "/api/leads/delete", json!({ "id": deleted }))
        .await;

    // The world's teams chose no calendar: an English reader's months.
    let month_start = month_of(calendar_for(None, Locale::En), today.date_naive())
        .start
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_utc();
    for (person, scope) in [
        (&world.rep1, DashboardScope::Own),
        (&world.manager_a, DashboardScope::Team),
    ] {
        let server = person
            .call(&world, "/api/dashboard/counts", json!({}))
            .await;
        let server: DashboardCounts = serde_json::from_value(server.body.clone())
            .unwrap_or_else(|error| panic!("dashboard answer {error}: {}", server.body));
        let (leads, activities, goals) = pull_everything(&world, person).await;
        let device = dashboard_counts(
            &leads,
            &activities,
            &goals,
            month_start,
            today.date_naive(),
            scope,
        );
        assert_eq!(device, server);
        assert!(device.deals_won > 0 && device.activities_this_month > 0);
    }
}
