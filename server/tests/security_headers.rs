//! Security headers over the real router: every answer carries the
//! Content-Security-Policy with the served page's inline scripts by hash
//! (and no `'unsafe-inline'` script), no framing; HSTS only over https;
//! API answers are never cached and say how long the server took.

use app::api::context::ServerState;
use app::store::Store;
use axum::body::Body;
use http::{Request, header};
use tower::ServiceExt;

async fn answer_headers(secure: bool) -> http::HeaderMap {
    answer_headers_of(secure, Request::builder().uri("/leads").body(Body::empty())).await
}

async fn answer_headers_of(
    secure: bool,
    request: Result<Request<Body>, http::Error>,
) -> http::HeaderMap {
    let directory = tempfile::tempdir().expect("temp dir");
    let store = Store::connect(&format!(
        "sqlite:{}",
        directory.path().join("h.db").display()
    ))
    .await
    .expect("database");
    let site = directory.path().join("site");
    std::fs::create_dir_all(&site).expect("site dir");
    std::fs::write(
        site.join("index.html"),
        "<!doctype html><script>start()</script><script type=\"module\" src=\"/pkg/a.js\"></script>",
    )
    .expect("index");
    let router = server::app(
        ServerState {
            store,
            secure_cookies: secure,
            sign_in_throttle: Default::default(),
            submission_limits: Default::default(),
            live: Default::default(),
        },
        site,
    );
    let answer = router
        .oneshot(request.expect("request"))
        .await
        .expect("answer");
    answer.headers().clone()
}

#[tokio::test]
async fn pages_carry_the_policy_and_https_adds_hsts() {
    let plain = answer_headers(false).await;
    let policy = plain
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let script_sources = policy
        .split(';')
        .find(|directive| directive.trim_start().starts_with("script-src"))
        .unwrap_or_default();
    // One hash: the inline script; the module with a src needs none.
    assert_eq!(script_sources.matches("'sha256-").count(), 1, "{policy}");
    assert!(!script_sources.contains("'unsafe-inline'"), "{policy}");
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    assert_eq!(
        plain
            .get(header::X_FRAME_OPTIONS)
            .and_then(|value| value.to_str().ok()),
        Some("DENY")
    );
    assert!(plain.get(header::STRICT_TRANSPORT_SECURITY).is_none());
    let https = answer_headers(true).await;
    assert!(
        https
            .get(header::STRICT_TRANSPORT_SECURITY)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| value.starts_with("max-age=31536000"))
    );
}

#[tokio::test]
async fn api_answers_are_not_stored_and_give_the_servers_time() {
    let headers = answer_headers_of(
        false,
        Request::builder()
            .method("POST")
            .uri("/api/sync/conflicts")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(
                r#"{"request":{"protocol_version":3,"after_version":0}}"#,
            )),
    )
    .await;
    assert_eq!(
        headers
            .get(header::CACHE_CONTROL)
            .and_then(|value| value.to_str().ok()),
        Some("no-store")
    );
    let timing = headers
        .get("server-timing")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    let milliseconds: Option<f64> = timing
        .strip_prefix("app;dur=")
        .and_then(|value| value.parse().ok());
    assert!(
        milliseconds.is_some_and(|milliseconds| (0.0..5_000.0).contains(&milliseconds)),
        "{timing:?}"
    );
}
