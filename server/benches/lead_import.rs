//! Lead import at size, measured (not asserted):
//! `cargo bench -p server --bench lead_import`.
//!
//! Through the real router in process (no socket), over a temporary SQLite
//! file with the production settings, as a manager of a team of 50 reps:
//! 1. preview of a 50,000-row CSV file (about 4 MB: read, every row
//!    validated, phones and e-mails checked against the team's leads);
//! 2. import of the same file, shared round robin among the 50 reps (one
//!    transaction: 50,000 leads and 50,000 assignment rows);
//! 3. the same file again (every row now a lead of the team: nothing added);
//! 4. a 10,000-row file shared to the least busy of the 50 reps.
//!
//! Targets (issue 15): preview under 5 s, import under 10 s, distributing
//! 10,000 leads under 2 s.

use app::api::context::ServerState;
use app::domain::{Locale, Role, TeamId, UserId};
use app::store::{NewUser, Store};
use axum::body::Body;
use base64::Engine;
use http::{Request, header};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use std::time::Instant;
use tower::ServiceExt;

const REPS: usize = 50;

async fn post(
    router: &axum::Router,
    path: &str,
    cookie: Option<&str>,
    body: Value,
) -> (u16, http::HeaderMap, Value) {
    let body = body.to_string();
    let mut request = Request::builder()
        .method("POST")
        .uri(path)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::CONTENT_LENGTH, body.len());
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let response = router
        .clone()
        .oneshot(request.body(Body::from(body)).expect("request"))
        .await
        .expect("response");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    (
        status,
        headers,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

/// A file of `rows` leads, unique by phone and e-mail from `first`.
fn leads_file(first: usize, rows: usize) -> String {
    let mut text = String::from("Full name,Company,Mobile,E-mail,Stage,Source,Value\n");
    for row in first..first + rows {
        text.push_str(&format!(
            "Lead number {row},Company {},0912{:07},buyer{row}@example.com,{},Event,{}\n",
            row % 997,
            row,
            if row % 3 == 0 { "Qualified" } else { "New" },
            (row % 50 + 1) * 1000
        ));
    }
    text
}

fn import_body(file: &str, owners: Option<Value>) -> Value {
    let file = base64::engine::general_purpose::STANDARD.encode(file);
    let import = json!({ "file": file, "mapping": null, "currency": "USD" });
    match owners {
        Some(owners) => json!({ "import": import, "owners": owners }),
        None => json!({ "import": import }),
    }
}

#[tokio::main]
async fn main() {
    let directory = tempfile::tempdir().expect("temp dir");
    let store = Store::connect(&format!(
        "sqlite:{}",
        directory.path().join("bench.db").display()
    ))
    .await
    .expect("database");
    let site = directory.path().join("site");
    std::fs::create_dir_all(&site).expect("site");
    std::fs::write(
        site.join("index.html"),
        "<!doctype html><title>Pishro</title>",
    )
    .expect("index");
    let router = server::app(
        ServerState {
            store: store.clone(),
            secure_cookies: false,
            sign_in_throttle: Default::default(),
            submission_limits: Default::default(),
            live: Default::default(),
        },
        site,
    );
    let hash = app::auth::hash_password("bench-password").expect("hash");
    let team = TeamId::new();
    store
        .insert_team(team, "Bench team", None)
        .await
        .expect("team");
    let mut reps = Vec::new();
    for index in 0..=REPS {
        let id = UserId::new();
        let email = format!("person{index}@bench.local");
        store
            .insert_user(NewUser {
                id,
                email: &email,
                display_name: &email,
                password_hash: &hash,
                role: if index == 0 { Role::Manager } else { Role::Rep },
                team_id: Some(team),
                locale: Locale::En,
            })
            .await
            .expect("user");
        if index > 0 {
            reps.push(id.to_string());
        }
    }
    let (_, headers, _) = post(
        &router,
        "/api/auth/sign_in",
        None,
        json!({ "email": "person0@bench.local", "password": "bench-password" }),
    )
    .await;
    let cookie = headers
        .get(header::SET_COOKIE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .expect("session cookie")
        .to_string();

    let file = leads_file(0, 50_000);
    println!("file: 50,000 rows, {} bytes", file.len());
    let started = Instant::now();
    let (status, _, answer) = post(
        &router,
        "/api/leads/import/preview",
        Some(&cookie),
        import_body(&file, None),
    )
    .await;
    println!(
        "1. preview of 50,000 rows: {:.2} s (status {status}, {} accepted)",
        started.elapsed().as_secs_f64(),
        answer["accepted"]
    );
    let shared = json!({ "to": "shared", "rule": "round_robin", "reps": reps });
    let started = Instant::now();
    let (status, _, answer) = post(
        &router,
        "/api/leads/import/commit",
        Some(&cookie),
        import_body(&file, Some(shared.clone())),
    )
    .await;
    println!(
        "2. import of 50,000 rows round robin to {REPS} reps: {:.2} s (status {status}, {} imported)",
        started.elapsed().as_secs_f64(),
        answer["imported"]
    );
    let started = Instant::now();
    let (status, _, answer) = post(
        &router,
        "/api/leads/import/commit",
        Some(&cookie),
        import_body(&file, Some(shared)),
    )
    .await;
    println!(
        "3. the same file again: {:.2} s (status {status}, {} imported, {} refused)",
        started.elapsed().as_secs_f64(),
        answer["imported"],
        answer["refused"]
    );
    let file = leads_file(100_000, 10_000);
    let least_busy = json!({ "to": "shared", "rule": "least_busy", "reps": reps });
    let started = Instant::now();
    let (status, _, answer) = post(
        &router,
        "/api/leads/import/commit",
        Some(&cookie),
        import_body(&file, Some(least_busy)),
    )
    .await;
    println!(
        "4. 10,000 rows to the least busy of {REPS} reps: {:.2} s (status {status}, {} imported)",
        started.elapsed().as_secs_f64(),
        answer["imported"]
    );

    // Sharing leads already in Pishro: 10 reps are away today, the others
    // carry capacities from 50 to 440; the 10,000 leads just imported are
    // shared again by capacity (one checked reassignment per lead).
    let today = chrono::Utc::now().date_naive().to_string();
    for (index, rep) in reps.iter().enumerate() {
        let (status, _, answer) = if index < 10 {
            post(
                &router,
                "/api/people/absences/add",
                Some(&cookie),
                json!({ "draft": { "id": uuid::Uuid::now_v7().to_string(), "user_id": rep,
                    "starts_on": today, "ends_on": today, "reason": "Leave" } }),
            )
            .await
        } else {
            post(
                &router,
                "/api/people/capacity",
                Some(&cookie),
                json!({ "user_id": rep, "capacity": (50 + index * 10).to_string() }),
            )
            .await
        };
        assert_eq!(status, 200, "{answer}");
    }
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT l.id FROM leads l JOIN lead_assignments a ON a.lead_id = l.id \
         WHERE a.rule = 'least_busy' ORDER BY l.id LIMIT 10000",
    )
    .fetch_all(store.pool())
    .await
    .expect("lead ids");
    let by_capacity = json!({ "to": "shared", "rule": "weighted", "reps": reps });
    let started = Instant::now();
    let (status, _, answer) = post(
        &router,
        "/api/leads/share",
        Some(&cookie),
        json!({ "leads": { "which": "chosen", "ids": ids }, "owners": by_capacity }),
    )
    .await;
    println!(
        "5. sharing {} existing leads by capacity among {REPS} reps, 10 away: {:.2} s (status {status}, {} moved)",
        ids.len(),
        started.elapsed().as_secs_f64(),
        answer["assigned"]
    );
}
