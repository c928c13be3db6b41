//! Two Pishro servers on one PostgreSQL database (issue 16): a session
//! made on one works on the other; a change committed through A reaches
//! the live listeners of B within a second; and reps saving leads through
//! both at once while a manager's device pulls through either never
//! leaves a row behind the device's cursor (versions commit in the order
//! they are handed out); and the sign-in throttle and the web forms'
//! limits count the same attempts on both. Needs `PISHRO_TEST_POSTGRES` (`./scripts/test.sh`
//! starts one for its second pass); without it, says so and checks nothing.

mod support;

use app::api::context::LiveHub;
use app::store::Store;
use app::store::demo::{DEMO_MANAGER, DEMO_PASSWORD, DEMO_REP1, DEMO_REP2};
use http::StatusCode;
use serde_json::json;
use std::collections::BTreeSet;
use std::time::{Duration, Instant};
use support::{call, fresh_database_url, lead_draft, new_id, router_with_hub, sign_in_cookie};

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
    let url = fresh_database_url(directory.path()).await;
    let a = server_on(&url, &directory.path().join("a")).await;
    let b = server_on(&url, &directory.path().join("b")).await;
    let seed_store = Store::connect(&url).await.expect("store");
    let hash = app::auth::hash_password(DEMO_PASSWORD).expect("hash");
    app::store::demo::seed(&seed_store, &hash)
        .await
        .expect("demo data");

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
    let url = fresh_database_url(directory.path()).await;
    let a = server_on(&url, &directory.path().join("a")).await;
    let b = server_on(&url, &directory.path().join("b")).await;
    let seed_store = Store::connect(&url).await.expect("store");
    let hash = app::auth::hash_password(DEMO_PASSWORD).expect("hash");
    app::store::demo::seed(&seed_store, &hash)
        .await
        .expect("demo data");

    let guesses: Vec<_> = (0..16)
        .map(|guess| {
            let router = if guess % 2 == 0 { &a.router } else { &b.router }.clone();
            tokio::spawn(async move {
                support::send(
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
        let again = support::send(
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
        let own = support::send(
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
        let sent = support::send(
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
