//! Two Pishro servers on one PostgreSQL database (issue 16): a session
//! made on one works on the other; a change committed through A reaches
//! the live listeners of B within a second; and reps saving leads through
//! both at once while a manager's device pulls through either never
//! leaves a row behind the device's cursor (versions commit in the order
//! they are handed out); and the sign-in throttle and the web forms'
//! limits count the same attempts on both; a relay whose connection drops
//! listens again and has open streams re-read. Needs `PISHRO_TEST_POSTGRES` (`./scripts/test.sh`
//! starts one for its second pass); without it, says so and checks nothing.

use crate::support::{
    call, fresh_database_url, lead_draft, new_id, router_with_hub, sign_in_cookie,
};
use app::api::context::LiveHub;
use app::store::Store;
use app::store::demo::{DEMO_MANAGER, DEMO_PASSWORD, DEMO_REP1, DEMO_REP2};
use http::StatusCode;
use serde_json::json;
use std::collections::BTreeSet;
use std::time::{Duration, Instant};

struct Server {
    router: axum::Router,
    live: LiveHub,
}

async fn server_on(url: &str, directory: &std::path::Path) -> Server {
    let store = Store::connect(url).await.expect("the shared database");
    let live = LiveHub::default();
    // With the relay each server runs (router_with_hub starts it).
    Server {
        router: router_with_hub(&store, directory, live.clone()).await,
        live,
    }
}

/// Servers A and B on a new database holding the demo team, and a store
/// on that database for the test's own reads.
async fn two_servers_with_the_demo_team(directory: &std::path::Path) -> (Server, Server, Store) {
    let url = fresh_database_url(directory).await;
    let a = server_on(&url, &directory.join("a")).await;
    let b = server_on(&url, &directory.join("b")).await;
    let store = Store::connect(&url).await.expect("store");
    let hash = app::auth::hash_password(DEMO_PASSWORD).expect("hash");
    app::store::demo::seed(&store, &hash)
        .await
        .expect("demo data");
    (a, b, store)
}

fn postgres_available() -> bool {
    let available = std::env::var("PISHRO_TEST_POSTGRES").is_ok_and(|server| !server.is_empty());
    if !available {
        eprintln!("skipped: set PISHRO_TEST_POSTGRES (./scripts/test.sh does) for two servers");
    }
    available
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_servers_share_sessions_live_events_and_an_ordered_sync() {
    if !postgres_available() {
        return;
    }
    let directory = tempfile::tempdir().expect("temp dir");
    let (a, b, _) = two_servers_with_the_demo_team(directory.path()).await;

    // Signed in on A, known on B.
    let rep1 = sign_in_cookie(&a.router, DEMO_REP1, DEMO_PASSWORD).await;
    let rep2 = sign_in_cookie(&b.router, DEMO_REP2, DEMO_PASSWORD).await;
    let manager = sign_in_cookie(&a.router, DEMO_MANAGER, DEMO_PASSWORD).await;
    let me_on_b = call(&b.router, "/api/auth/me", Some(&rep1), json!({})).await;
    assert_eq!(me_on_b.status, StatusCode::OK, "{}", me_on_b.body);
    assert_eq!(me_on_b.body["email"], DEMO_REP1);

    // A save through A is heard by B's listeners within a second.
    let mut heard_on_b = b.live.subscribe();
    let mut heard_on_a = a.live.subscribe();
    let lead = new_id();
    let started = Instant::now();
    let saved = call(
        &a.router,
        "/api/leads/save",
        Some(&rep1),
        json!({ "draft": lead_draft(&lead, "Heard on B") }),
    )
    .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let event = tokio::time::timeout(Duration::from_secs(1), heard_on_b.recv())
        .await
        .expect("B hears A's change within a second")
        .expect("an event");
    assert_eq!(
        event.owner_id.to_string(),
        me_on_b.body["id"].as_str().unwrap_or_default()
    );
    eprintln!("A's save heard on B after {:?}", started.elapsed());
    // A's own listeners hear it once, through the same relay.
    let own = tokio::time::timeout(Duration::from_secs(1), heard_on_a.recv())
        .await
        .expect("A hears its own change")
        .expect("an event");
    assert_eq!(own, event);
    assert!(heard_on_a.try_recv().is_err(), "heard once, not twice");

    // Two reps save leads through A and B at once while the manager's
    // device pulls through either, alternating: no lead is ever skipped.
    let (writes_per_rep, servers) = (40, [&a.router, &b.router]);
    let mut expected = BTreeSet::from([lead.clone()]);
    let mut writers = Vec::new();
    for (rep_index, cookie) in [rep1.clone(), rep2.clone()].into_iter().enumerate() {
        let routers = [a.router.clone(), b.router.clone()];
        let ids: Vec<String> = (0..writes_per_rep).map(|_| new_id()).collect();
        expected.extend(ids.iter().cloned());
        writers.push(tokio::spawn(async move {
            for (index, id) in ids.iter().enumerate() {
                let router = &routers[(index + rep_index) % 2];
                let answer = call(
                    router,
                    "/api/leads/save",
                    Some(&cookie),
                    json!({ "draft": lead_draft(id, &format!("Race {rep_index}-{index}")) }),
                )
                .await;
                assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
            }
        }));
    }
    let client = new_id();
    let mut cursor = 0_i64;
    let mut seen = BTreeSet::new();
    let mut pulls = 0;
    let mut writers_done = false;
    loop {
        let page = call(
            servers[pulls % 2],
            "/api/sync/pull",
            Some(&manager),
            json!({ "request": { "protocol_version": 1, "client_id": client, "cursor": cursor, "limit": 25 } }),
        )
        .await;
        pulls += 1;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        for change in page.body["changes"].as_array().cloned().unwrap_or_default() {
            if let Some(id) = change["row"]["id"]
                .as_str()
                .filter(|_| change["kind"] == "lead")
            {
                seen.insert(id.to_string());
            }
        }
        cursor = page.body["cursor"].as_i64().expect("cursor");
        if writers_done && page.body["more"] == json!(false) {
            break;
        }
        if !writers_done && writers.iter().all(|writer| writer.is_finished()) {
            // One more full round after the last write.
            writers_done = true;
        }
        assert!(pulls < 2_000, "the pulls never caught up");
    }
    for writer in writers {
        writer.await.expect("writer");
    }
    let missing: Vec<_> = expected.difference(&seen).collect();
    assert!(
        missing.is_empty(),
        "leads a pull skipped: {missing:?} ({pulls} pulls)"
    );
    eprintln!(
        "{} leads saved through two servers, {pulls} pulls, none skipped",
        expected.len()
    );
}

/// A request from the network address `client` (as a load balancer on the
/// same machine would forward it).
fn request_from(
    client: &str,
    path: &str,
    body: serde_json::Value,
) -> http::Request<axum::body::Body> {
    let body = body.to_string();
    let mut request = http::Request::builder()
        .method("POST")
        .uri(path)
        .header(http::header::CONTENT_TYPE, "application/json")
        .header(http::header::CONTENT_LENGTH, body.len())
        .body(axum::body::Body::from(body))
        .unwrap_or_default();
    let address: std::net::SocketAddr = client
        .parse()
        .unwrap_or_else(|_| ([127, 0, 0, 9], 1).into());
    request
        .extensions_mut()
        .insert(axum::extract::ConnectInfo(address));
    request
}

/// The sign-in throttle and the web forms' limits count in the database:
/// guesses sent through both servers at once get the five free attempts
/// between them, not five each, while the person signs in from elsewhere
/// through either; a form's visitor gets five submissions across both.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn both_servers_count_the_same_sign_in_attempts_and_submissions() {
    if !postgres_available() {
        return;
    }
    let directory = tempfile::tempdir().expect("temp dir");
    let (a, b, seed_store) = two_servers_with_the_demo_team(directory.path()).await;

    let guesses: Vec<_> = (0..16)
        .map(|guess| {
            let router = if guess % 2 == 0 { &a.router } else { &b.router }.clone();
            tokio::spawn(async move {
                crate::support::send(
                    &router,
                    request_from(
                        "203.0.113.7:40000",
                        "/api/auth/sign_in",
                        json!({ "email": DEMO_REP1, "password": format!("guess {guess}") }),
                    ),
                )
                .await
                .status
            })
        })
        .collect();
    let (mut checked, mut told_to_wait) = (0, 0);
    for guess in guesses {
        match guess.await.expect("guess") {
            StatusCode::UNAUTHORIZED => checked += 1,
            StatusCode::TOO_MANY_REQUESTS => told_to_wait += 1,
            other => panic!("unexpected {other}"),
        }
    }
    assert_eq!(
        (checked, told_to_wait),
        (5, 11),
        "five passwords checked between the two servers"
    );
    for router in [&a.router, &b.router] {
        let again = crate::support::send(
            router,
            request_from(
                "203.0.113.7:40000",
                "/api/auth/sign_in",
                json!({ "email": DEMO_REP1, "password": DEMO_PASSWORD }),
            ),
        )
        .await;
        assert_eq!(
            again.status,
            StatusCode::TOO_MANY_REQUESTS,
            "even the right password waits"
        );
        let own = crate::support::send(
            router,
            request_from(
                "198.51.100.20:5000",
                "/api/auth/sign_in",
                json!({ "email": DEMO_REP1, "password": DEMO_PASSWORD }),
            ),
        )
        .await;
        assert_eq!(own.status, StatusCode::OK, "{}", own.body);
    }

    // A web form: one visitor's submissions alternate between the servers.
    let manager = sign_in_cookie(&a.router, DEMO_MANAGER, DEMO_PASSWORD).await;
    let team: String = sqlx::query_scalar("SELECT team_id FROM users WHERE email = $1")
        .bind(DEMO_MANAGER)
        .fetch_one(seed_store.pool())
        .await
        .expect("the manager's team");
    let forms = call(
        &b.router,
        "/api/web-forms/create",
        Some(&manager),
        json!({ "team_id": team, "title": "Shared limits" }),
    )
    .await;
    assert_eq!(forms.status, StatusCode::OK, "{}", forms.body);
    let token = forms.body[0]["token"].as_str().expect("token").to_string();
    let mut answers = Vec::new();
    for number in 0..7 {
        let router = if number % 2 == 0 {
            &a.router
        } else {
            &b.router
        };
        let sent = crate::support::send(
            router,
            request_from(
                "192.0.2.44:6000",
                "/api/web-form/submit",
                json!({ "token": token, "submission": {
                    "name": format!("Visitor {number}"), "company": "", "phone": format!("0912 555 00{number:02}"),
                    "email": "", "message": "" } }),
            ),
        )
        .await;
        answers.push(sent.status);
    }
    let accepted = answers
        .iter()
        .filter(|status| **status == StatusCode::OK)
        .count();
    assert_eq!(
        accepted,
        app::api::submission_limits::PER_ADDRESS.count,
        "one visitor's submissions through both servers: {answers:?}"
    );
    assert!(
        answers[accepted..]
            .iter()
            .all(|status| *status == StatusCode::TOO_MANY_REQUESTS)
    );
}

/// One device of a person: the browser's own sync state, and its session.
struct Device {
    cookie: String,
    state: app::sync::client::ClientState,
}

/// Pushes the device's outbox through `router`, a batch at a time.
async fn push_through(router: &axum::Router, device: &mut Device) {
    use app::sync::protocol::{PROTOCOL_VERSION, PushRequest, PushResponse};
    loop {
        let batch = device.state.outbox.batch(7).to_vec();
        if batch.is_empty() {
            return;
        }
        let request = PushRequest {
            protocol_version: PROTOCOL_VERSION,
            client_id: device.state.client_id,
            mutations: batch,
        };
        let answer = call(
            router,
            "/api/sync/push",
            Some(&device.cookie),
            json!({ "request": request }),
        )
        .await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        // Read as the device reads it (records as objects only).
        let text = serde_json::to_vec(&answer.body).expect("the answer as JSON");
        let response: PushResponse =
            app::sync::objects_only::from_slice(&text).expect("a push answer");
        assert!(response.rejected.is_empty(), "{:?}", response.rejected);
        device.state.push_answered(&response);
    }
}

/// Pulls every page through `router`.
async fn pull_through(router: &axum::Router, device: &mut Device) {
    use app::sync::protocol::{PROTOCOL_VERSION, PullRequest, PullResponse};
    loop {
        let request = PullRequest {
            protocol_version: PROTOCOL_VERSION,
            client_id: device.state.client_id,
            cursor: device.state.cache.cursor,
            limit: 50,
            scope: Some(device.state.cache.scope_version),
        };
        let answer = call(
            router,
            "/api/sync/pull",
            Some(&device.cookie),
            json!({ "request": request }),
        )
        .await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        let text = serde_json::to_vec(&answer.body).expect("the answer as JSON");
        let page: PullResponse = app::sync::objects_only::from_slice(&text).expect("a pull page");
        let more = page.more;
        device.state.pulled(page, chrono::Utc::now());
        if !more {
            return;
        }
    }
}

/// The sync protocol through two servers (issue 16): four devices of two
/// reps record leads, renames and calls offline and sync at the same time,
/// each pushing through one server and pulling through the other, while
/// the manager's device pulls through either and its dashboard listens on
/// B. Every device ends with exactly the server's rows, every mutation was
/// applied once (one row per new lead and call, one history entry per
/// rename), the manager's device holds every lead, and B's listeners heard
/// the pushes made through A.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn devices_syncing_through_both_servers_converge_and_apply_everything_once() {
    use app::domain::{ActivityDraft, ActivityId, LeadDraft, LeadId};
    use app::sync::client::ClientState;
    use app::sync::plan::{field_changes, lead_as_draft};
    use app::sync::protocol::Operation;
    use std::sync::Arc;

    if !postgres_available() {
        return;
    }
    let directory = tempfile::tempdir().expect("temp dir");
    let (a, b, seed_store) = two_servers_with_the_demo_team(directory.path()).await;
    let (a, b) = (Arc::new(a), Arc::new(b));
    let mut heard_on_b = b.live.subscribe();

    let mut tasks = Vec::new();
    for (number, email) in [DEMO_REP1, DEMO_REP1, DEMO_REP2, DEMO_REP2]
        .into_iter()
        .enumerate()
    {
        let cookie = sign_in_cookie(&a.router, email, DEMO_PASSWORD).await;
        let me = call(&a.router, "/api/auth/me", Some(&cookie), json!({})).await;
        let user_id = me.body["id"]
            .as_str()
            .expect("my id")
            .parse()
            .expect("an id");
        let (a, b) = (a.clone(), b.clone());
        tasks.push(tokio::spawn(async move {
            let mut device = Device {
                cookie,
                state: ClientState::new(user_id, "Device"),
            };
            // Pushes through one server, pulls through the other.
            let (push_via, pull_via) = if number % 2 == 0 { (&a, &b) } else { (&b, &a) };
            pull_through(&pull_via.router, &mut device).await;
            let (mut created, mut calls, mut renames) = (Vec::new(), Vec::new(), Vec::new());
            for round in 0..6 {
                for step in 0..4 {
                    let id = LeadId::new();
                    created.push(id);
                    device.state.record(Operation::CreateLead {
                        draft: LeadDraft {
                            id,
                            name: format!("Device {number} lead {round}-{step}"),
                            phone: format!("0935{number}{round}{step}0000"),
                            source: "referral".into(),
                            stage: "new".into(),
                            estimated_value: "250".into(),
                            currency: "USD".into(),
                            customer_kind: "new".into(),
                            ..LeadDraft::default()
                        },
                    });
                }
                // Rename one of the device's own leads as it sees it now,
                // and log a call on another.
                let view = device.state.leads_view(chrono::Utc::now());
                let mine: Vec<_> = view
                    .iter()
                    .filter(|lead| created.contains(&lead.id))
                    .collect();
                if let Some(lead) = mine.get(round % mine.len().max(1)) {
                    let seen = lead_as_draft(lead);
                    let mut renamed = seen.clone();
                    renamed.name = format!("renamed-{number}-{round}");
                    renames.push((lead.id, renamed.name.clone()));
                    device.state.record(Operation::UpdateLead {
                        id: lead.id,
                        changes: field_changes(&seen, &renamed),
                    });
                }
                if let Some(lead) = mine.last() {
                    let id = ActivityId::new();
                    calls.push(id);
                    device.state.record(Operation::LogActivity {
                        draft: ActivityDraft {
                            id,
                            lead_id: Some(lead.id),
                            kind: "call".into(),
                            tactic: "cold_call".into(),
                            outcome: "reached".into(),
                            when: "2026-11-20T09:30:00Z".into(),
                            ..ActivityDraft::default()
                        },
                    });
                }
                push_through(&push_via.router, &mut device).await;
                pull_through(&pull_via.router, &mut device).await;
            }
            (device, created, calls, renames)
        }));
    }
    // The manager's device pulls through either server while they work.
    let manager_cookie = sign_in_cookie(&b.router, DEMO_MANAGER, DEMO_PASSWORD).await;
    let manager_me = call(&b.router, "/api/auth/me", Some(&manager_cookie), json!({})).await;
    let mut manager = Device {
        cookie: manager_cookie,
        state: ClientState::new(
            manager_me.body["id"]
                .as_str()
                .expect("id")
                .parse()
                .expect("an id"),
            "Manager",
        ),
    };
    let mut pulls = 0;
    while !tasks.iter().all(|task| task.is_finished()) {
        let through = if pulls % 2 == 0 { &a.router } else { &b.router };
        pull_through(through, &mut manager).await;
        pulls += 1;
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let mut devices = Vec::new();
    let (mut all_created, mut all_calls, mut all_renames) = (Vec::new(), Vec::new(), Vec::new());
    for task in tasks {
        let (device, created, calls, renames) = task.await.expect("a device");
        devices.push(device);
        all_created.extend(created);
        all_calls.extend(calls);
        all_renames.extend(renames);
    }
    // Everyone syncs once more, through the other server this time.
    for (number, device) in devices.iter_mut().enumerate() {
        let router = if number % 2 == 0 {
            &a.router
        } else {
            &b.router
        };
        push_through(router, device).await;
        pull_through(router, device).await;
        assert_eq!(device.state.pending_count(), 0);
    }
    pull_through(&a.router, &mut manager).await;

    // Each device shows exactly what the server holds for its person.
    for device in &devices {
        let listed = call(
            &b.router,
            "/api/leads/list",
            Some(&device.cookie),
            json!({}),
        )
        .await;
        assert_eq!(listed.status, StatusCode::OK, "{}", listed.body);
        let server: BTreeSet<(String, String)> = listed
            .body
            .as_array()
            .expect("leads")
            .iter()
            .map(|lead| {
                (
                    lead["id"].as_str().unwrap_or_default().to_string(),
                    lead["name"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect();
        let shown: BTreeSet<(String, String)> = device
            .state
            .leads_view(chrono::Utc::now())
            .into_iter()
            .map(|lead| (lead.id.to_string(), lead.name))
            .collect();
        assert_eq!(shown, server, "a device differs from the server");
    }
    // Every mutation applied once.
    for id in &all_created {
        let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM leads WHERE id = $1")
            .bind(id.to_string())
            .fetch_one(seed_store.pool())
            .await
            .expect("count");
        assert_eq!(rows, 1, "lead {id}");
    }
    for id in &all_calls {
        let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM activities WHERE id = $1")
            .bind(id.to_string())
            .fetch_one(seed_store.pool())
            .await
            .expect("count");
        assert_eq!(rows, 1, "call {id}");
    }
    for (lead, name) in &all_renames {
        let applied: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM lead_history WHERE lead_id = $1 AND field = 'name' AND new_value = $2",
        )
        .bind(lead.to_string())
        .bind(name)
        .fetch_one(seed_store.pool())
        .await
        .expect("count");
        assert_eq!(applied, 1, "rename {name} of {lead}");
    }
    // The manager's device holds every lead the reps made.
    let held: BTreeSet<LeadId> = manager
        .state
        .leads_view(chrono::Utc::now())
        .into_iter()
        .map(|lead| lead.id)
        .collect();
    let missing: Vec<_> = all_created.iter().filter(|id| !held.contains(id)).collect();
    assert!(
        missing.is_empty(),
        "the manager's device lacks {missing:?} after {pulls} pulls"
    );
    // B's listeners heard the pushes made through A.
    let mut heard = 0;
    while let Ok(Ok(_)) = tokio::time::timeout(Duration::from_millis(200), heard_on_b.recv()).await
    {
        heard += 1;
    }
    assert!(heard >= 12, "B heard {heard} events");
    eprintln!(
        "{} leads, {} calls, {} renames through two servers; the manager's device pulled {pulls} times",
        all_created.len(),
        all_calls.len(),
        all_renames.len()
    );
}

/// A relay whose connection to PostgreSQL drops listens again by itself,
/// and since NOTIFYs sent meanwhile are lost, every stream open on that
/// server tells its device to re-read (`reset`); changes after that arrive
/// live again.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_dropped_relay_listens_again_and_tells_open_streams_to_re_read() {
    use crate::support::read_stream_until;
    use tower::ServiceExt;

    if !postgres_available() {
        return;
    }
    let directory = tempfile::tempdir().expect("temp dir");
    let (a, b, seed_store) = two_servers_with_the_demo_team(directory.path()).await;
    let manager = sign_in_cookie(&b.router, DEMO_MANAGER, DEMO_PASSWORD).await;
    let rep1 = sign_in_cookie(&a.router, DEMO_REP1, DEMO_PASSWORD).await;
    let request = http::Request::builder()
        .method("GET")
        .uri(app::sync::live::LIVE_EVENTS_PATH)
        .header(http::header::COOKIE, &manager)
        .body(axum::body::Body::empty())
        .expect("request");
    let response = b.router.clone().oneshot(request).await.expect("response");
    assert_eq!(response.status(), StatusCode::OK);
    let mut body = response.into_body();
    let mut read_until =
        async |wanted: &str| read_stream_until(&mut body, wanted, Duration::from_secs(5)).await;
    // The servers' listening connections are cut, as a database restart or
    // a network blip would.
    let cut: Vec<bool> = sqlx::query_scalar(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = current_database() AND query LIKE 'LISTEN%'",
    )
    .fetch_all(seed_store.pool())
    .await
    .expect("cut the listeners");
    assert!(cut.len() >= 2, "both relays were listening: {cut:?}");
    let told = read_until("event: reset").await;
    assert!(
        told.contains("event: reset"),
        "no reset on B's stream: {told}"
    );
    // Listening again: a save through A is heard on B's stream.
    let lead = new_id();
    let saved = call(
        &a.router,
        "/api/leads/save",
        Some(&rep1),
        json!({ "draft": lead_draft(&lead, "After the blip") }),
    )
    .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let heard = read_until("event: change").await;
    assert!(
        heard.contains("event: change"),
        "B's stream heard nothing after the blip: {heard}"
    );
}
