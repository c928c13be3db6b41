//! Live events at scale, measured (not asserted):
//! `cargo bench -p server --bench live_fanout`.
//!
//! One server (the real router over a temporary SQLite file, in process:
//! no sockets) holds 2,000 open `/api/live/events` streams of one team's
//! manager, opened 1,000 at a time; then a rep's push is announced 20
//! times. Prints the resident memory per stream over the second 1,000 and
//! how long one event takes to reach every stream (p50 / p95 / max).

mod support;

use app::api::context::ServerState;
use app::domain::{Locale, Role, TeamId, UserId};
use app::store::{NewUser, Store};
use app::sync::live::{LiveEvent, LiveEventKind};
use axum::body::Body;
use http::{Request, header};
use http_body_util::BodyExt;
use std::time::{Duration, Instant};
use support::resident_kib;
use tower::ServiceExt;

const STREAMS: usize = 1_000;
const EVENTS: usize = 20;

/// Reads frames until one holds `wanted`.
async fn until(body: &mut Body, wanted: &str) {
    loop {
        match body.frame().await {
            Some(Ok(frame)) => {
                if frame
                    .data_ref()
                    .is_some_and(|data| String::from_utf8_lossy(data).contains(wanted))
                {
                    return;
                }
            }
            _ => panic!("the stream ended before {wanted:?}"),
        }
    }
}

#[tokio::main]
async fn main() {
    let directory = tempfile::tempdir().expect("temp dir");
    let store = Store::connect(&format!(
        "sqlite:{}",
        directory.path().join("live.db").display()
    ))
    .await
    .expect("database");
    let team = TeamId::new();
    store
        .insert_team(team, "Live team", None)
        .await
        .expect("team");
    let hash = app::auth::hash_password("live-bench-password").expect("hash");
    let (manager, rep) = (UserId::new(), UserId::new());
    for (id, email, role) in [
        (manager, "manager@live.local", Role::Manager),
        (rep, "rep@live.local", Role::Rep),
    ] {
        store
            .insert_user(NewUser {
                id,
                email,
                display_name: email,
                password_hash: &hash,
                role,
                team_id: Some(team),
                locale: Locale::En,
            })
            .await
            .expect("user");
    }
    let state = ServerState {
        store: store.clone(),
        secure_cookies: false,
        sign_in_throttle: Default::default(),
        submission_limits: Default::default(),
        live: Default::default(),
    };
    let hub = state.live.clone();
    let site = directory.path().join("site");
    std::fs::create_dir_all(&site).expect("site");
    std::fs::write(site.join("index.html"), "<!doctype html>").expect("index");
    let router = server::app(state, site);
    let sign_in = Request::builder()
        .method("POST")
        .uri("/api/auth/sign_in")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(
            r#"{"email":"manager@live.local","password":"live-bench-password"}"#,
        ))
        .expect("request");
    let answer = router.clone().oneshot(sign_in).await.expect("sign in");
    let cookie = answer
        .headers()
        .get(header::SET_COOKIE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .expect("cookie")
        .to_string();

    // Streams are opened in two batches: the first takes up memory the
    // allocator kept from sign-in (argon2 frees 19 MiB), so the growth
    // over the second batch is what a stream really costs.
    let mut streams = Vec::with_capacity(2 * STREAMS);
    let mut resident = Vec::new();
    for _batch in 0..2 {
        resident.push(resident_kib(std::process::id()));
        for _ in 0..STREAMS {
            let request = Request::builder()
                .uri(app::sync::live::LIVE_EVENTS_PATH)
                .header(header::COOKIE, &cookie)
                .body(Body::empty())
                .expect("request");
            let mut body = router
                .clone()
                .oneshot(request)
                .await
                .expect("stream")
                .into_body();
            until(&mut body, "event: ready").await;
            streams.push(body);
        }
    }
    resident.push(resident_kib(std::process::id()));
    println!(
        "{} open streams ({} listeners): resident {} -> {} -> {} KiB; the second {STREAMS}: {:.1} KiB per stream",
        streams.len(),
        hub.listeners(),
        resident[0],
        resident[1],
        resident[2],
        resident[2].saturating_sub(resident[1]) as f64 / STREAMS as f64
    );

    let mut samples = Vec::with_capacity(EVENTS);
    for version in 0..EVENTS {
        let started = Instant::now();
        hub.publish(LiveEvent {
            kind: LiveEventKind::Work,
            team_id: Some(team),
            owner_id: rep,
            version: version as i64,
        });
        for body in &mut streams {
            until(body, "event: change").await;
        }
        samples.push(started.elapsed());
    }
    samples.sort();
    let at = |share: f64| samples[((samples.len() - 1) as f64 * share).round() as usize];
    let ms = |duration: Duration| duration.as_secs_f64() * 1000.0;
    println!(
        "one event to all {} streams ({EVENTS} events): p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms",
        streams.len(),
        ms(at(0.5)),
        ms(at(0.95)),
        ms(at(1.0))
    );
}
