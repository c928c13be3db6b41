//! The manager's team dashboard and the live-event stream over the real
//! router and a temporary SQLite file: a manager reads their team's figures
//! per rep (today, this week, open pipeline, won this month, freshness), a
//! rep only their own, an admin any team; another team's manager is
//! refused; and a push reaches the team's open streams at once, never
//! another team's.

use crate::support::*;
use axum::body::Body;
use chrono::{Duration, Utc};
use http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

fn push_body(client: &str, mutations: Value) -> Value {
    json!({ "request": { "protocol_version": 3, "client_id": client, "mutations": mutations } })
}

fn dashboard(world: &World, person: &Person, team: Option<&str>) -> impl Future<Output = Answer> {
    let cookie = person.cookie.clone();
    let router = world.router.clone();
    let body = json!({ "team_id": team, "locale": "en" });
    async move { call(&router, "/api/dashboard/team", Some(&cookie), body).await }
}

fn row_of<'a>(answer: &'a Answer, person: &Person) -> &'a Value {
    answer.body["reps"]
        .as_array()
        .and_then(|reps| {
            reps.iter()
                .find(|rep| rep["user_id"] == json!(person.id.to_string()))
        })
        .unwrap_or(&Value::Null)
}

/// A call logged now, a deal won today and an open proposal, all by `person`.
async fn a_days_work(world: &World, person: &Person) {
    let now = Utc::now();
    let mut call_draft = activity_draft(&new_id(), None);
    call_draft["when"] = json!(now.to_rfc3339());
    let answer = person
        .call(
            world,
            "/api/activities/save",
            json!({ "draft": call_draft }),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let mut won = lead_draft(&new_id(), "Won today");
    won["stage"] = json!("won");
    won["won_amount"] = json!("1400");
    won["closed_on"] = json!(now.date_naive().to_string());
    let answer = person
        .call(world, "/api/leads/save", json!({ "draft": won }))
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let mut open = lead_draft(&new_id(), "Open proposal");
    open["stage"] = json!("proposal");
    open["estimated_value"] = json!("2500");
    let answer = person
        .call(world, "/api/leads/save", json!({ "draft": open }))
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
}

#[tokio::test]
async fn a_manager_reads_each_reps_figures_for_this_month() {
    let world = world().await;
    a_days_work(&world, &world.rep1).await;
    // An old call, outside this week, and another team's work.
    let mut old_call = activity_draft(&new_id(), None);
    old_call["when"] = json!((Utc::now() - Duration::days(40)).to_rfc3339());
    world
        .rep1
        .call(&world, "/api/activities/save", json!({ "draft": old_call }))
        .await;
    a_days_work(&world, &world.rep_b).await;

    let answer = dashboard(&world, &world.manager_a, None).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let rep1 = row_of(&answer, &world.rep1);
    assert_eq!(rep1["today"]["calls"], 1, "{}", answer.body);
    assert_eq!(rep1["this_week"]["calls"], 1);
    assert_eq!(rep1["won_deals"], 1);
    assert_eq!(rep1["won_revenue"], json!({ "USD": 140_000 }));
    assert_eq!(rep1["open_deals"], 1);
    assert_eq!(rep1["open_pipeline"], json!({ "USD": 250_000 }));
    // Both reps have a line; the manager (no work of their own) has none;
    // nobody of team B is in it.
    let reps = answer.body["reps"].as_array().cloned().unwrap_or_default();
    assert_eq!(reps.len(), 2, "{}", answer.body);
    assert_eq!(row_of(&answer, &world.rep2)["won_deals"], 0);
    assert!(row_of(&answer, &world.rep_b).is_null());
    // The pipeline has every open stage once; proposal holds rep1's deal.
    let stages = answer.body["pipeline"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(stages.len(), 5);
    let proposal = stages.iter().find(|stage| stage["stage"] == "proposal");
    assert_eq!(proposal.map(|stage| stage["count"].clone()), Some(json!(1)));
    // The trend: 12 months, this one last with today's win in it.
    let trend = answer.body["trend"].as_array().cloned().unwrap_or_default();
    assert_eq!(trend.len(), 12);
    assert_eq!(trend[11]["deals_won"], 1);
    assert_eq!(trend[11]["period"], answer.body["period"]);
    assert_eq!(trend[11]["revenue"], json!({ "USD": 140_000 }));
    assert!(
        answer.body["period"]["start"].as_str()
            <= Some(Utc::now().date_naive().to_string().as_str())
    );
}

#[tokio::test]
async fn nobody_reads_a_team_that_is_not_theirs() {
    let world = world().await;
    a_days_work(&world, &world.rep1).await;
    let team_a = world.team_a.to_string();

    // Another team's manager asking for team A by id: refused.
    let answer = dashboard(&world, &world.manager_b, Some(&team_a)).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.body);
    // Their own dashboard holds none of team A's people.
    let answer = dashboard(&world, &world.manager_b, None).await;
    assert!(row_of(&answer, &world.rep1).is_null());
    assert_eq!(answer.body["team_id"], json!(world.team_b.to_string()));

    // A rep reads only their own line, and may not ask for the team.
    let answer = dashboard(&world, &world.rep2, None).await;
    assert_eq!(answer.status, StatusCode::OK);
    let reps = answer.body["reps"].as_array().cloned().unwrap_or_default();
    assert_eq!(reps.len(), 1);
    assert_eq!(reps[0]["user_id"], json!(world.rep2.id.to_string()));
    let stages = answer.body["pipeline"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(
        stages.iter().all(|stage| stage["count"] == 0),
        "rep1's deal is not rep2's"
    );
    let team_b = world.team_b.to_string();
    let answer = dashboard(&world, &world.rep2, Some(&team_b)).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);

    // An admin picks any team and is offered every team.
    let answer = dashboard(&world, &world.admin, Some(&team_a)).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(row_of(&answer, &world.rep1)["won_deals"], 1);
    assert_eq!(answer.body["teams"].as_array().map(Vec::len), Some(2));
    let answer = dashboard(&world, &world.admin, Some(&new_id())).await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);

    // No session, no figures.
    let answer = call(
        &world.router,
        "/api/dashboard/team",
        None,
        json!({ "team_id": null, "locale": "en" }),
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn freshness_says_when_each_reps_devices_last_synced_and_whether_work_waits() {
    let world = world().await;
    let answer = dashboard(&world, &world.manager_a, None).await;
    assert_eq!(row_of(&answer, &world.rep1)["last_synced_at"], Value::Null);

    // rep1's device pushes with a gap (mutation 2 is missing): work waits.
    let client = new_id();
    let create = |id: u64| json!({ "id": id, "operation": { "type": "create_lead", "draft": lead_draft(&new_id(), "Lead") } });
    let answer = world
        .rep1
        .call(
            &world,
            "/api/sync/push",
            push_body(&client, json!([create(1), create(3)])),
        )
        .await;
    assert_eq!(answer.body["stopped_at_gap"], true, "{}", answer.body);
    let answer = dashboard(&world, &world.manager_a, None).await;
    let rep1 = row_of(&answer, &world.rep1);
    assert!(rep1["last_synced_at"].is_string(), "{}", answer.body);
    assert_eq!(rep1["work_pending"], true);

    // The rest arrives: nothing waits any more.
    let answer = world
        .rep1
        .call(
            &world,
            "/api/sync/push",
            push_body(&client, json!([create(2), create(3)])),
        )
        .await;
    assert_eq!(answer.body["last_mutation_id"], 3, "{}", answer.body);
    let answer = dashboard(&world, &world.manager_a, None).await;
    assert_eq!(row_of(&answer, &world.rep1)["work_pending"], false);

    // A device that only pulls counts as synced too.
    let pull = json!({ "request": { "protocol_version": 3, "client_id": new_id(), "cursor": 0, "limit": 100 } });
    let answer = world.rep2.call(&world, "/api/sync/pull", pull).await;
    assert_eq!(answer.status, StatusCode::OK);
    let answer = dashboard(&world, &world.manager_a, None).await;
    assert!(row_of(&answer, &world.rep2)["last_synced_at"].is_string());
}

#[tokio::test]
async fn many_devices_pulling_at_once_are_each_noted_once() {
    let world = world().await;
    // Moments are kept to the millisecond.
    let before = Utc::now() - Duration::milliseconds(1);
    let clients: Vec<String> = (0..24).map(|_| new_id()).collect();
    let pulls = clients.iter().enumerate().map(|(index, client)| {
        let person = if index % 2 == 0 { &world.rep1 } else { &world.rep2 };
        let pull = json!({ "request": { "protocol_version": 3, "client_id": client, "cursor": 0, "limit": 100 } });
        person.call(&world, "/api/sync/pull", pull)
    });
    for answer in futures_util::future::join_all(pulls).await {
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    }
    // Whoever reads the freshness first writes what still waits.
    world.store.settle_pull_notes().await;
    let noted: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT client_id, user_id, last_pulled_at FROM sync_clients WHERE last_pulled_at IS NOT NULL",
    )
    .fetch_all(world.store.pool())
    .await
    .expect("the notes");
    assert_eq!(noted.len(), clients.len(), "one note per device: {noted:?}");
    for (index, client) in clients.iter().enumerate() {
        let person = if index % 2 == 0 {
            &world.rep1
        } else {
            &world.rep2
        };
        let (_, user, at) = noted
            .iter()
            .find(|(id, _, _)| id == client)
            .expect("every device is noted");
        assert_eq!(
            user,
            &person.id.to_string(),
            "noted as the person who pulled"
        );
        let at = chrono::DateTime::parse_from_rfc3339(at).expect("an instant");
        assert!(
            at >= before && at <= Utc::now(),
            "the moment of the pull: {at}"
        );
    }
    let answer = dashboard(&world, &world.manager_a, None).await;
    assert!(row_of(&answer, &world.rep1)["last_synced_at"].is_string());
    assert!(row_of(&answer, &world.rep2)["last_synced_at"].is_string());
}

/// Opens the live stream as `person` and returns its body.
async fn open_stream(world: &World, person: &Person) -> Body {
    let request = Request::builder()
        .method("GET")
        .uri(app::sync::live::LIVE_EVENTS_PATH)
        .header(header::COOKIE, &person.cookie)
        .body(Body::empty())
        .expect("request");
    let response = world
        .router
        .clone()
        .oneshot(request)
        .await
        .expect("response");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok()),
        Some("text/event-stream")
    );
    response.into_body()
}

use crate::support::read_stream_until as read_until;

#[tokio::test]
async fn a_push_reaches_the_teams_open_streams_and_no_other() {
    let world = world().await;
    let mut manager_a = open_stream(&world, &world.manager_a).await;
    let mut manager_b = open_stream(&world, &world.manager_b).await;
    let mut rep2 = open_stream(&world, &world.rep2).await;
    let second = std::time::Duration::from_secs(1);
    for stream in [&mut manager_a, &mut manager_b, &mut rep2] {
        assert!(
            read_until(stream, "event: ready", second)
                .await
                .contains("event: ready")
        );
    }

    let client = new_id();
    let mutation = json!([{ "id": 1, "operation": { "type": "create_lead", "draft": lead_draft(&new_id(), "Live lead") } }]);
    let answer = world
        .rep1
        .call(&world, "/api/sync/push", push_body(&client, mutation))
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);

    let heard = read_until(&mut manager_a, "event: change", second).await;
    assert!(
        heard.contains("event: change"),
        "manager A heard: {heard:?}"
    );
    let data = heard
        .lines()
        .find_map(|line| line.strip_prefix("data: "))
        .and_then(|data| serde_json::from_str::<Value>(data).ok())
        .unwrap_or_default();
    assert_eq!(data["kind"], "work");
    assert_eq!(data["team_id"], json!(world.team_a.to_string()));
    assert_eq!(data["owner_id"], json!(world.rep1.id.to_string()));
    assert!(data["version"].as_i64().unwrap_or(0) > 0);

    let short = std::time::Duration::from_millis(300);
    let overheard = read_until(&mut manager_b, "event: change", short).await;
    assert!(
        !overheard.contains("event: change"),
        "another team's manager heard: {overheard:?}"
    );
    let overheard = read_until(&mut rep2, "event: change", short).await;
    assert!(
        !overheard.contains("event: change"),
        "a teammate heard rep1's work: {overheard:?}"
    );
}

#[tokio::test]
async fn the_live_stream_needs_a_session() {
    let world = world().await;
    let request = Request::builder()
        .method("GET")
        .uri(app::sync::live::LIVE_EVENTS_PATH)
        .body(Body::empty())
        .expect("request");
    let answer = send(&world.router, request).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    let request = Request::builder()
        .method("GET")
        .uri(app::sync::live::LIVE_EVENTS_PATH)
        .header(header::COOKIE, "pishro_session=not-a-session")
        .body(Body::empty())
        .expect("request");
    let answer = send(&world.router, request).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn no_dashboard_statement_reads_a_whole_table() {
    let world = world().await;
    // The plans checked here are SQLite's (`EXPLAIN QUERY PLAN`).
    if world.store.backend() != app::store::Backend::Sqlite {
        return;
    }
    a_days_work(&world, &world.rep1).await;
    sqlx::query("ANALYZE")
        .execute(world.store.pool())
        .await
        .ok();
    for scope in [
        app::domain::access::ReadScope::Team(world.team_a),
        app::domain::access::ReadScope::Own(world.rep1.id),
    ] {
        let plans = world
            .store
            .dashboard_query_plans(scope)
            .await
            .unwrap_or_default();
        assert!(plans.len() >= 6, "{plans:?}");
        let scans: Vec<&String> = plans
            .iter()
            .filter(|step| step.starts_with("SCAN ") && !step.starts_with("SCAN CONSTANT"))
            .collect();
        assert!(
            scans.is_empty(),
            "{scope:?} scans: {scans:?}\nplans: {plans:?}"
        );
    }
}

#[tokio::test]
async fn an_open_stream_ends_with_its_session() {
    let world = world().await;
    let mut stream = open_stream(&world, &world.manager_a).await;
    let second = std::time::Duration::from_secs(1);
    assert!(
        read_until(&mut stream, "event: ready", second)
            .await
            .contains("event: ready")
    );
    let answer = world
        .manager_a
        .call(&world, "/api/auth/sign_out", json!({}))
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    // The stream ends (no more frames) soon after the session is gone.
    let ended = tokio::time::timeout(std::time::Duration::from_secs(3), async {
        loop {
            match stream.frame().await {
                None | Some(Err(_)) => return true,
                Some(Ok(_)) => {}
            }
        }
    })
    .await;
    assert_eq!(ended.ok(), Some(true), "the stream outlived its session");
}
