//! Sync throughput, measured (not asserted): `cargo bench -p server --bench sync`.
//!
//! 1. Server apply rate: 10,000 `create_lead` mutations pushed straight into
//!    the store in batches of 500 (the protocol's largest push); then 10,000
//!    mixed ones (a call logged on a lead, a stage change, alternating).
//! 2. End to end over loopback: a client pushes 10,000 queued mutations
//!    through the real router on a real socket, 500 per request, as JSON.
//! 3. Pull of 50,000 rows over loopback, 500 per page, from cursor 0.
//!
//! The database is a temporary file on disk with the production settings.

use app::api::context::ServerState;
use app::domain::access::Actor;
use app::domain::{ActivityDraft, ActivityId, LeadDraft, LeadId, Locale, Role, TeamId, UserId};
use app::store::{NewUser, Store};
use app::sync::protocol::{
    ClientId, Mutation, Operation, PROTOCOL_VERSION, PullResponse, PushRequest, PushResponse,
};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use std::time::Instant;

const BATCH: usize = 500;

fn lead(index: usize) -> LeadDraft {
    LeadDraft {
        event_id: String::new(),
        id: LeadId::new(),
        owner_id: None,
        name: format!("Lead {index}"),
        company: "Pars Tile".into(),
        phone: format!("0912{:07}", index % 10_000_000),
        email: format!("buyer{index}@example.com"),
        source: "referral".into(),
        stage: "new".into(),
        estimated_value: "1500".into(),
        currency: "USD".into(),
        customer_kind: "new".into(),
        won_amount: String::new(),
        lost_reason: String::new(),
        closed_on: String::new(),
    }
}

fn activity(lead_id: LeadId) -> ActivityDraft {
    ActivityDraft {
        id: ActivityId::new(),
        lead_id: Some(lead_id),
        kind: "call".into(),
        tactic: "cold_call".into(),
        outcome: "reached".into(),
        notes: "Asked for a quote".into(),
        when: "2026-11-20T09:30:00Z".into(),
        duration_minutes: "15".into(),
        done: false,
    }
}

/// A minimal HTTP/1.1 client on one kept-alive loopback connection.
struct Connection {
    sender: hyper::client::conn::http1::SendRequest<Full<Bytes>>,
}

impl Connection {
    async fn open(address: std::net::SocketAddr) -> Self {
        let stream = tokio::net::TcpStream::connect(address)
            .await
            .unwrap_or_else(|error| panic!("connect: {error}"));
        let (sender, connection) =
            hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
                .await
                .unwrap_or_else(|error| panic!("handshake: {error}"));
        tokio::spawn(connection);
        Self { sender }
    }

    async fn post(
        &mut self,
        path: &str,
        cookie: &str,
        body: String,
    ) -> (http::StatusCode, http::HeaderMap, Bytes) {
        let request = http::Request::post(path)
            .header(http::header::HOST, "127.0.0.1")
            .header(http::header::CONTENT_TYPE, "application/json")
            .header(http::header::COOKIE, cookie)
            .body(Full::new(Bytes::from(body)))
            .unwrap_or_else(|error| panic!("request: {error}"));
        self.sender
            .ready()
            .await
            .unwrap_or_else(|error| panic!("connection: {error}"));
        let response = self
            .sender
            .send_request(request)
            .await
            .unwrap_or_else(|error| panic!("send: {error}"));
        let status = response.status();
        let headers = response.headers().clone();
        let body = response
            .into_body()
            .collect()
            .await
            .unwrap_or_else(|error| panic!("body: {error}"))
            .to_bytes();
        (status, headers, body)
    }
}

#[tokio::main]
async fn main() {
    let directory = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    // PISHRO_BENCH_POSTGRES=postgres://USER@HOST:PORT: the same on a new
    // PostgreSQL database there.
    let url = match std::env::var("PISHRO_BENCH_POSTGRES") {
        Ok(server) => app::store::new_postgres_database(&server)
            .await
            .unwrap_or_else(|error| panic!("{error}")),
        Err(_) => format!("sqlite:{}", directory.path().join("bench.db").display()),
    };
    println!(
        "database: {}",
        url.split('@').next_back().unwrap_or_default()
    );
    let store = Store::connect(&url)
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    let team = TeamId::new();
    store
        .insert_team(team, "Bench", None)
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    let rep = UserId::new();
    let hash = app::auth::hash_password("bench password").unwrap_or_else(|error| panic!("{error}"));
    store
        .insert_user(NewUser {
            id: rep,
            email: "rep@bench.local",
            display_name: "Rep",
            password_hash: &hash,
            role: Role::Rep,
            team_id: Some(team),
            locale: Locale::En,
        })
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    let actor = Actor {
        user_id: rep,
        role: Role::Rep,
        team_id: Some(team),
    };

    // 1. Apply rate straight into the store.
    let client = ClientId::new();
    let mutations: Vec<Mutation> = (0..10_000)
        .map(|index| Mutation {
            id: index as u64 + 1,
            operation: Operation::CreateLead { draft: lead(index) },
        })
        .collect();
    let started = Instant::now();
    for batch in mutations.chunks(BATCH) {
        store
            .apply_push(&actor, client, batch)
            .await
            .unwrap_or_else(|error| panic!("{error:?}"));
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "apply: 10,000 create_lead mutations in {seconds:.2} s = {:.0} mutations/s",
        10_000.0 / seconds
    );

    // 1b. Apply rate for a mixed push, where no two neighbours are creates of
    // leads: a call logged on a lead, then a stage change on it, and so on.
    let lead_ids: Vec<LeadId> = mutations
        .iter()
        .filter_map(|mutation| match &mutation.operation {
            Operation::CreateLead { draft } => Some(draft.id),
            _ => None,
        })
        .collect();
    let client = ClientId::new();
    let mixed: Vec<Mutation> = (0..10_000)
        .map(|index| Mutation {
            id: index as u64 + 1,
            operation: if index % 2 == 0 {
                Operation::LogActivity {
                    draft: activity(lead_ids[index / 2]),
                }
            } else {
                Operation::UpdateLead {
                    id: lead_ids[index / 2],
                    changes: vec![app::sync::protocol::FieldChange {
                        field: "stage".into(),
                        base: "new".into(),
                        value: "qualified".into(),
                    }],
                }
            },
        })
        .collect();
    let started = Instant::now();
    for batch in mixed.chunks(BATCH) {
        store
            .apply_push(&actor, client, batch)
            .await
            .unwrap_or_else(|error| panic!("{error:?}"));
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "apply: 10,000 mixed mutations (5,000 log_activity + 5,000 update_lead) in {seconds:.2} s = {:.0} mutations/s",
        10_000.0 / seconds
    );

    // 2. End to end over loopback.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    let address = listener
        .local_addr()
        .unwrap_or_else(|error| panic!("{error}"));
    let router = server::app(
        ServerState {
            store: store.clone(),
            secure_cookies: false,
            sign_in_throttle: Default::default(),
            submission_limits: Default::default(),
            live: Default::default(),
        },
        directory.path().to_path_buf(),
    );
    tokio::spawn(async move { axum::serve(listener, router).await });
    let mut connection = Connection::open(address).await;
    let (status, headers, _) = connection
        .post(
            "/api/auth/sign_in",
            "",
            r#"{"email":"rep@bench.local","password":"bench password"}"#.into(),
        )
        .await;
    assert_eq!(status, http::StatusCode::OK);
    let cookie = headers
        .get(http::header::SET_COOKIE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .unwrap_or_default()
        .to_string();
    let client = ClientId::new();
    let mut queued: Vec<Mutation> = Vec::new();
    let mut leads = Vec::new();
    for index in 0..10_000 {
        let id = queued.len() as u64 + 1;
        if index % 2 == 0 {
            let draft = lead(index);
            leads.push(draft.id);
            queued.push(Mutation {
                id,
                operation: Operation::CreateLead { draft },
            });
        } else {
            let lead_id = leads[leads.len() - 1];
            queued.push(Mutation {
                id,
                operation: Operation::LogActivity {
                    draft: activity(lead_id),
                },
            });
        }
    }
    let started = Instant::now();
    for batch in queued.chunks(BATCH) {
        let body = serde_json::json!({ "request": PushRequest { protocol_version: PROTOCOL_VERSION, client_id: client, mutations: batch.to_vec() } });
        let (status, _, bytes) = connection
            .post("/api/sync/push", &cookie, body.to_string())
            .await;
        assert_eq!(
            status,
            http::StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&bytes)
        );
        let answer: PushResponse =
            serde_json::from_slice(&bytes).unwrap_or_else(|error| panic!("{error}"));
        assert!(answer.rejected.is_empty());
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "push over loopback: 10,000 queued mutations (leads and calls) in {seconds:.2} s, {} requests",
        queued.len() / BATCH
    );

    // 3. Pull 50,000 rows over loopback (top the store up to 50,000 first).
    let client = ClientId::new();
    let extra: Vec<Mutation> = (0..30_000)
        .map(|index| Mutation {
            id: index as u64 + 1,
            operation: Operation::LogActivity {
                draft: activity(leads[index % leads.len()]),
            },
        })
        .collect();
    for batch in extra.chunks(BATCH) {
        store
            .apply_push(&actor, client, batch)
            .await
            .unwrap_or_else(|error| panic!("{error:?}"));
    }
    let mut connection = Connection::open(address).await;
    let started = Instant::now();
    let (mut cursor, mut rows, mut pages) = (0_i64, 0_usize, 0);
    loop {
        let body = serde_json::json!({ "request": { "protocol_version": PROTOCOL_VERSION, "client_id": client, "cursor": cursor, "limit": BATCH } });
        let (status, _, bytes) = connection
            .post("/api/sync/pull", &cookie, body.to_string())
            .await;
        assert_eq!(status, http::StatusCode::OK);
        let page: PullResponse =
            serde_json::from_slice(&bytes).unwrap_or_else(|error| panic!("{error}"));
        rows += page.changes.len();
        pages += 1;
        cursor = page.cursor;
        if !page.more {
            break;
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "pull over loopback: {rows} rows in {pages} pages in {seconds:.2} s = {:.0} rows/s",
        rows as f64 / seconds
    );
}
