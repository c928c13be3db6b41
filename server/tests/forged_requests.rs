//! Requests another site could forge (issue 14, CSRF) over the real router:
//! a cross-origin `text/plain` form post, a cross-site JSON post and a post
//! from a sibling subdomain are refused before any server function runs and
//! change nothing, as does a same-origin post without the header the app
//! sends; the app's own same-origin JSON post with it works.

use crate::support::*;
use axum::body::Body;
use http::{Request, StatusCode, header};
use serde_json::json;

fn forged(
    path: &str,
    cookie: &str,
    content_type: &str,
    origin: &str,
    site: &str,
    body: String,
) -> Request<Body> {
    Request::builder()
        .method("POST")
        .uri(path)
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::COOKIE, cookie)
        .header(header::CONTENT_TYPE, content_type)
        .header(header::ORIGIN, origin)
        .header("sec-fetch-site", site)
        .body(Body::from(body))
        .unwrap_or_default()
}

async fn lead_count(world: &World) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM leads")
        .fetch_one(world.store.pool())
        .await
        .unwrap_or(-1)
}

#[tokio::test]
async fn forged_posts_are_refused_and_the_apps_own_work() {
    let world = world().await;
    let before = lead_count(&world).await;
    let body = || json!({ "draft": lead_draft(&new_id(), "Forged lead") }).to_string();
    // A form on another site: enctype="text/plain" carrying JSON.
    let form = send(
        &world.router,
        forged(
            "/api/leads/save",
            &world.rep1.cookie,
            "text/plain",
            "https://evil.example",
            "cross-site",
            body(),
        ),
    )
    .await;
    assert_eq!(form.status, StatusCode::FORBIDDEN);
    // A script on another site that got JSON through (no preflight granted anyway).
    let script = send(
        &world.router,
        forged(
            "/api/leads/save",
            &world.rep1.cookie,
            "application/json",
            "https://evil.example",
            "cross-site",
            body(),
        ),
    )
    .await;
    assert_eq!(script.status, StatusCode::FORBIDDEN);
    // A sibling subdomain.
    let sibling = send(
        &world.router,
        forged(
            "/api/leads/save",
            &world.rep1.cookie,
            "application/json",
            "https://blog.127.0.0.1:3000",
            "same-site",
            body(),
        ),
    )
    .await;
    assert_eq!(sibling.status, StatusCode::FORBIDDEN);
    // Sign-out forced from another site (login CSRF's twin) is refused too.
    let sign_out = send(
        &world.router,
        forged(
            "/api/auth/sign_out",
            &world.rep1.cookie,
            "text/plain",
            "https://evil.example",
            "cross-site",
            "{}".into(),
        ),
    )
    .await;
    assert_eq!(sign_out.status, StatusCode::FORBIDDEN);
    // Not JSON, even with no browser headers: 415.
    let plain = send(
        &world.router,
        Request::builder()
            .method("POST")
            .uri("/api/leads/save")
            .header(header::COOKIE, &world.rep1.cookie)
            .header(header::CONTENT_TYPE, "text/plain")
            .body(Body::from(body()))
            .unwrap_or_default(),
    )
    .await;
    assert_eq!(plain.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(lead_count(&world).await, before, "nothing written");
    let me = world.rep1.call(&world, "/api/auth/me", json!({})).await;
    assert_eq!(me.status, StatusCode::OK, "the session survived");
    assert_eq!(me.body["email"], world.rep1.email.as_str());

    // Same origin and JSON, but without the header the app adds to every
    // request: not sent by the app, refused.
    let not_the_app = send(
        &world.router,
        forged(
            "/api/leads/save",
            &world.rep1.cookie,
            "application/json",
            "http://127.0.0.1:3000",
            "same-origin",
            body(),
        ),
    )
    .await;
    assert_eq!(not_the_app.status, StatusCode::FORBIDDEN);
    assert_eq!(lead_count(&world).await, before, "nothing written");

    // The app itself: same origin, JSON, its header.
    let mut own = forged(
        "/api/leads/save",
        &world.rep1.cookie,
        "application/json",
        "http://127.0.0.1:3000",
        "same-origin",
        body(),
    );
    own.headers_mut()
        .insert("x-pishro-client", http::HeaderValue::from_static("1"));
    let own = send(&world.router, own).await;
    assert_eq!(own.status, StatusCode::OK, "{}", own.body);
    assert_eq!(lead_count(&world).await, before + 1);
}
