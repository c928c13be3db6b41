//! A real Pishro server for tests: the real router over a temporary SQLite
//! file, with a small world of people in two teams, and helpers to call
//! server functions as a signed-in person.

#![allow(dead_code)]

pub mod process;

use app::api::context::ServerState;
use app::domain::{Locale, Role, TeamId, UserId};
use app::store::Store;
use app::store::demo::DEMO_PASSWORD;
use axum::Router;
use axum::body::Body;
use http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

pub struct Person {
    pub id: UserId,
    pub email: String,
    pub cookie: String,
}

pub struct World {
    pub router: Router,
    pub store: Store,
    pub team_a: TeamId,
    pub team_b: TeamId,
    pub manager_a: Person,
    pub rep1: Person,
    pub rep2: Person,
    pub manager_b: Person,
    pub rep_b: Person,
    pub admin: Person,
    _directory: tempfile::TempDir,
}

pub struct Answer {
    pub status: StatusCode,
    pub headers: http::HeaderMap,
    pub body: Value,
}

/// A fresh, empty database for one test: a SQLite file in `directory`, or,
/// when `PISHRO_TEST_POSTGRES` names a PostgreSQL server
/// (`postgres://user@host:port`), a new database of its own there, so the
/// same tests prove both backends.
pub async fn fresh_database_url(directory: &std::path::Path) -> String {
    // RUST_LOG=error shows what the server logged (e.g. the cause of a 500).
    if std::env::var_os("RUST_LOG").is_some() {
        let _ = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
            .with_test_writer()
            .try_init();
    }
    match std::env::var("PISHRO_TEST_POSTGRES") {
        Ok(server) if !server.is_empty() => app::store::new_postgres_database(&server)
            .await
            .expect("a test database on the PostgreSQL server in PISHRO_TEST_POSTGRES"),
        _ => format!("sqlite:{}", directory.join("test.db").display()),
    }
}

/// A router over a fresh temporary database and a site folder with an index page.
pub async fn empty_server() -> (Router, Store, tempfile::TempDir) {
    let directory = tempfile::tempdir().expect("temp dir");
    let store = Store::connect(&fresh_database_url(directory.path()).await)
        .await
        .expect("database");
    let router = router_over(&store, directory.path()).await;
    (router, store, directory)
}

/// The real router over `store`, its site folder (an index page) made in
/// `directory`.
pub async fn router_over(store: &Store, directory: &std::path::Path) -> Router {
    let mut live = app::api::context::LiveHub::default();
    // Open live streams re-check their session often in tests.
    live.session_check_every = std::time::Duration::from_millis(200);
    router_with_hub(store, directory, live).await
}

/// The same, its live events going to `live` (a test listens there); on
/// PostgreSQL with the relay a server runs (events go through the database).
pub async fn router_with_hub(
    store: &Store,
    directory: &std::path::Path,
    live: app::api::context::LiveHub,
) -> Router {
    // Ends with the test's runtime.
    let _relay = server::live::relay_between_servers(store, live.clone()).await;
    let site = directory.join("site");
    std::fs::create_dir_all(&site).expect("site dir");
    std::fs::write(
        site.join("index.html"),
        "<!doctype html><title>Pishro</title>",
    )
    .expect("index");
    server::app(
        ServerState {
            store: store.clone(),
            secure_cookies: false,
            sign_in_throttle: Default::default(),
            submission_limits: Default::default(),
            live,
        },
        site,
    )
}

pub async fn world() -> World {
    let (router, store, directory) = empty_server().await;
    let hash = app::auth::hash_password(DEMO_PASSWORD).expect("hash");
    let team_a = TeamId::new();
    let team_b = TeamId::new();
    store
        .insert_team(team_a, "Team A", None)
        .await
        .expect("team");
    store
        .insert_team(team_b, "Team B", None)
        .await
        .expect("team");
    let mut people = Vec::new();
    for (email, role, team) in [
        ("manager.a@test.local", Role::Manager, Some(team_a)),
        ("rep1@test.local", Role::Rep, Some(team_a)),
        ("rep2@test.local", Role::Rep, Some(team_a)),
        ("manager.b@test.local", Role::Manager, Some(team_b)),
        ("rep.b@test.local", Role::Rep, Some(team_b)),
        ("admin@test.local", Role::Admin, None),
    ] {
        let id = UserId::new();
        store
            .insert_user(app::store::NewUser {
                id,
                email,
                display_name: email,
                password_hash: &hash,
                role,
                team_id: team,
                locale: Locale::En,
            })
            .await
            .expect("user");
        let cookie = sign_in_cookie(&router, email, DEMO_PASSWORD).await;
        people.push(Person {
            id,
            email: email.to_string(),
            cookie,
        });
    }
    let mut people = people.into_iter();
    let mut next = || people.next().expect("person");
    World {
        router,
        store,
        team_a,
        team_b,
        manager_a: next(),
        rep1: next(),
        rep2: next(),
        manager_b: next(),
        rep_b: next(),
        admin: next(),
        _directory: directory,
    }
}

/// Signs in and returns the `name=value` part of the session cookie.
pub async fn sign_in_cookie(router: &Router, email: &str, password: &str) -> String {
    let answer = call(
        router,
        "/api/auth/sign_in",
        None,
        serde_json::json!({ "email": email, "password": password }),
    )
    .await;
    assert_eq!(
        answer.status,
        StatusCode::OK,
        "sign in as {email}: {}",
        answer.body
    );
    let set_cookie = answer
        .headers
        .get(header::SET_COOKIE)
        .and_then(|value| value.to_str().ok())
        .expect("cookie");
    set_cookie
        .split(';')
        .next()
        .expect("cookie pair")
        .to_string()
}

/// POSTs JSON to a server function, as the holder of `cookie` if given.
pub async fn call(router: &Router, path: &str, cookie: Option<&str>, body: Value) -> Answer {
    let mut request = Request::builder()
        .method("POST")
        .uri(path)
        .header(header::CONTENT_TYPE, "application/json");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    // Browsers always send the length of a JSON body.
    let body = body.to_string();
    let request = request
        .header(header::CONTENT_LENGTH, body.len())
        .body(Body::from(body))
        .expect("request");
    send(router, request).await
}

pub async fn send(router: &Router, request: Request<Body>) -> Answer {
    let response = router.clone().oneshot(request).await.expect("response");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    let body = serde_json::from_slice(&bytes)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into()));
    Answer {
        status,
        headers,
        body,
    }
}

impl Person {
    pub async fn call(&self, world: &World, path: &str, body: Value) -> Answer {
        call(&world.router, path, Some(&self.cookie), body).await
    }
}

/// A valid lead draft as the browser sends it.
pub fn lead_draft(id: &str, name: &str) -> Value {
    serde_json::json!({
        "id": id,
        "owner_id": null,
        "name": name,
        "company": "Pars Tile",
        "phone": "0912 345 6789",
        "email": "buyer@parstile.ir",
        "source": "referral",
        "stage": "new",
        "estimated_value": "1500",
        "currency": "USD",
        "customer_kind": "new",
        "won_amount": "",
        "lost_reason": ""
    })
}

/// Saves a new lead named `name` as `person` (the form's server function).
pub async fn save_lead(world: &World, person: &Person, name: &str) {
    let saved = person
        .call(
            world,
            "/api/leads/save",
            json!({ "draft": lead_draft(&new_id(), name) }),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
}

pub fn activity_draft(id: &str, lead_id: Option<&str>) -> Value {
    serde_json::json!({
        "id": id,
        "lead_id": lead_id,
        "kind": "call",
        "tactic": "cold_call",
        "outcome": "reached",
        "notes": "Asked for a quote",
        "when": "2026-11-20T09:30:00Z",
        "duration_minutes": "15",
        "done": false
    })
}

/// Calls a server function as `person` and returns its answer's body,
/// failing the test unless it answered 200.
pub async fn ok(person: &Person, world: &World, path: &str, body: Value) -> Value {
    let answer = person.call(world, path, body).await;
    assert_eq!(answer.status, StatusCode::OK, "{path}: {}", answer.body);
    answer.body
}

pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// The field names in a field-level error answer.
pub fn problem_fields(answer: &Answer) -> Vec<String> {
    answer.body["Invalid"]
        .as_array()
        .map(|problems| {
            problems
                .iter()
                .filter_map(|problem| problem["field"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// A live-events stream's text until it holds `wanted`, or what came
/// within `wait`.
pub async fn read_stream_until(body: &mut Body, wanted: &str, wait: std::time::Duration) -> String {
    let mut text = String::new();
    let deadline = tokio::time::Instant::now() + wait;
    while !text.contains(wanted) {
        match tokio::time::timeout_at(deadline, body.frame()).await {
            Ok(Some(Ok(frame))) => {
                if let Some(data) = frame.data_ref() {
                    text.push_str(&String::from_utf8_lossy(data));
                }
            }
            _ => break,
        }
    }
    text
}
