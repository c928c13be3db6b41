//! Signing in and out, sessions and cookies, over the real router.

use crate::support::*;
use http::{StatusCode, header};
use serde_json::json;

#[tokio::test]
async fn sign_in_sets_a_safe_cookie_and_sign_out_ends_the_session() {
    let world = world().await;
    let answer = call(
        &world.router,
        "/api/auth/sign_in",
        None,
        json!({"email": "REP1@test.local", "password": "pishro-demo"}),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.body["email"], "rep1@test.local");
    assert_eq!(answer.body["role"], "rep");
    let cookie = answer
        .headers
        .get(header::SET_COOKIE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_string();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(
        !cookie.contains("Secure"),
        "plain http gets no Secure flag: {cookie}"
    );
    let session = cookie.split(';').next().unwrap_or_default().to_string();

    let me = call(&world.router, "/api/auth/me", Some(&session), json!({})).await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.body["id"], world.rep1.id.to_string());

    let out = call(
        &world.router,
        "/api/auth/sign_out",
        Some(&session),
        json!({}),
    )
    .await;
    assert_eq!(out.status, StatusCode::OK);
    let cleared = out
        .headers
        .get(header::SET_COOKIE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
    let me = call(&world.router, "/api/auth/me", Some(&session), json!({})).await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(
        me.body,
        json!(null),
        "the ended session no longer names anyone"
    );
}

#[tokio::test]
async fn wrong_password_and_unknown_email_get_the_same_refusal() {
    let world = world().await;
    for (email, password) in [
        ("rep1@test.local", "wrong"),
        ("nobody@test.local", "pishro-demo"),
    ] {
        let answer = call(
            &world.router,
            "/api/auth/sign_in",
            None,
            json!({"email": email, "password": password}),
        )
        .await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{email}");
        assert_eq!(answer.body, json!("BadCredentials"));
        assert!(answer.headers.get(header::SET_COOKIE).is_none());
    }
}

#[tokio::test]
async fn password_guessing_locks_the_address_for_a_while() {
    let world = world().await;
    let attempt = |email: &'static str, password: &'static str| {
        let router = world.router.clone();
        async move {
            call(
                &router,
                "/api/auth/sign_in",
                None,
                json!({"email": email, "password": password}),
            )
            .await
        }
    };
    for _ in 0..5 {
        let answer = attempt("rep1@test.local", "guess").await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    }
    // Now even the right password waits, and the answer says how long.
    let locked = attempt("rep1@test.local", "pishro-demo").await;
    assert_eq!(
        locked.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        locked.body
    );
    let wait = locked.body["TooManyAttempts"]["retry_after_seconds"]
        .as_u64()
        .unwrap_or_default();
    assert!((1..=30).contains(&wait), "{}", locked.body);
    assert!(locked.headers.get(header::SET_COOKIE).is_none());
    // An unknown address is throttled the same way (nothing tells them apart).
    for _ in 0..5 {
        attempt("nobody@test.local", "guess").await;
    }
    let unknown = attempt("nobody@test.local", "guess").await;
    assert_eq!(unknown.status, StatusCode::TOO_MANY_REQUESTS);
    // Someone else is not affected.
    let other = attempt("rep2@test.local", "pishro-demo").await;
    assert_eq!(other.status, StatusCode::OK, "{}", other.body);
}

#[tokio::test]
async fn sign_in_reports_missing_fields_by_name() {
    let world = world().await;
    let answer = call(
        &world.router,
        "/api/auth/sign_in",
        None,
        json!({"email": "not-an-email", "password": ""}),
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem_fields(&answer), vec!["email", "password"]);
}

#[tokio::test]
async fn cookies_are_secure_behind_https() {
    let world = world().await;
    let request = http::Request::builder()
        .method("POST")
        .uri("/api/auth/sign_in")
        .header(header::CONTENT_TYPE, "application/json")
        .header("x-forwarded-proto", "https")
        .body(axum::body::Body::from(
            json!({"email": "rep1@test.local", "password": "pishro-demo"}).to_string(),
        ))
        .unwrap_or_default();
    let answer = send(&world.router, request).await;
    let cookie = answer
        .headers
        .get(header::SET_COOKIE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    assert!(cookie.contains("; Secure"), "{cookie}");
}

#[tokio::test]
async fn every_data_endpoint_refuses_a_visitor_without_a_session() {
    let world = world().await;
    let id = new_id();
    let me = call(
        &world.router,
        "/api/auth/me",
        Some("pishro_session=forged"),
        json!({}),
    )
    .await;
    assert_eq!((me.status, me.body), (StatusCode::OK, json!(null)));
    for (path, body) in [
        ("/api/auth/locale", json!({"locale": "fa"})),
        ("/api/leads/list", json!({})),
        ("/api/leads/get", json!({"id": id})),
        ("/api/leads/save", json!({"draft": lead_draft(&id, "X")})),
        ("/api/leads/delete", json!({"id": id})),
        ("/api/activities/list", json!({"lead_id": null})),
        (
            "/api/activities/save",
            json!({"draft": activity_draft(&id, None)}),
        ),
        ("/api/goals/list", json!({})),
        ("/api/records/list", json!({})),
        ("/api/team/members", json!({})),
        ("/api/dashboard/counts", json!({})),
        ("/api/people/list", json!({})),
        ("/api/teams/list", json!({})),
    ] {
        let answer = call(&world.router, path, None, body.clone()).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{path}");
        let forged = call(&world.router, path, Some("pishro_session=forged"), body).await;
        assert_eq!(
            forged.status,
            StatusCode::UNAUTHORIZED,
            "{path} with a forged cookie"
        );
    }
}

#[tokio::test]
async fn the_language_choice_is_remembered() {
    let world = world().await;
    let answer = world
        .rep1
        .call(&world, "/api/auth/locale", json!({"locale": "fa"}))
        .await;
    assert_eq!(answer.status, StatusCode::OK);
    let me = world.rep1.call(&world, "/api/auth/me", json!({})).await;
    assert_eq!(me.body["locale"], "fa");
    let bad = world
        .rep1
        .call(&world, "/api/auth/locale", json!({"locale": "klingon"}))
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn first_start_creates_demo_data_once() {
    let directory = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite:{}", directory.path().join("demo.db").display());
    let (store, seeded) = server::prepare_store(&url, true).await.expect("start");
    assert!(seeded);
    let leads: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM leads")
        .fetch_one(store.pool())
        .await
        .unwrap_or_default();
    let activities: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM activities")
        .fetch_one(store.pool())
        .await
        .unwrap_or_default();
    let goals: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM goals")
        .fetch_one(store.pool())
        .await
        .unwrap_or_default();
    assert!(
        leads >= 24 && activities >= 24 && goals >= 3,
        "{leads} leads, {activities} activities, {goals} goals"
    );
    drop(store);
    let (store, seeded_again) = server::prepare_store(&url, true).await.expect("restart");
    assert!(!seeded_again);
    let leads_after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM leads")
        .fetch_one(store.pool())
        .await
        .unwrap_or_default();
    assert_eq!(leads, leads_after);

    let empty = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite:{}", empty.path().join("empty.db").display());
    let (store, seeded) = server::prepare_store(&url, false)
        .await
        .expect("start without demo");
    assert!(!seeded && !store.has_users().await.unwrap_or(true));
}

#[tokio::test]
async fn demo_people_can_sign_in_with_the_published_password() {
    let directory = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite:{}", directory.path().join("demo.db").display());
    let (store, _) = server::prepare_store(&url, true).await.expect("start");
    let router = server::app(
        app::api::context::ServerState {
            store,
            secure_cookies: false,
            sign_in_throttle: Default::default(),
            submission_limits: Default::default(),
            live: Default::default(),
        },
        directory.path().to_path_buf(),
    );
    for email in [
        "manager@pishro.local",
        "rep1@pishro.local",
        "rep2@pishro.local",
        "admin@pishro.local",
    ] {
        let cookie = sign_in_cookie(&router, email, "pishro-demo").await;
        let leads = call(&router, "/api/leads/list", Some(&cookie), json!({})).await;
        assert_eq!(leads.status, StatusCode::OK, "{email}");
        let count = leads.body.as_array().map_or(0, Vec::len);
        assert!(count > 0, "{email} sees demo leads");
    }
}

#[tokio::test]
async fn an_expired_session_names_nobody_and_is_cleared_away() {
    let world = world().await;
    let token = "expired-token";
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(app::auth::token_hash(token))
    .bind(world.rep1.id.to_string())
    .bind("2020-01-01T00:00:00.000Z")
    .bind("2020-01-31T00:00:00.000Z")
    .execute(world.store.pool())
    .await
    .unwrap_or_default();
    let cookie = format!("pishro_session={token}");
    let me = call(&world.router, "/api/auth/me", Some(&cookie), json!({})).await;
    assert_eq!(me.body, json!(null));
    let leads = call(&world.router, "/api/leads/list", Some(&cookie), json!({})).await;
    assert_eq!(leads.status, StatusCode::UNAUTHORIZED);
    sign_in_cookie(&world.router, "rep2@test.local", "pishro-demo").await;
    let left: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE expires_at < '2021-01-01'")
            .fetch_one(world.store.pool())
            .await
            .unwrap_or(-1);
    assert_eq!(left, 0, "expired sessions are deleted");
}

#[tokio::test]
async fn a_person_changes_their_own_password_and_their_other_sessions_end() {
    let world = world().await;
    // rep1 is signed in on a second device too.
    let other_device = sign_in_cookie(&world.router, "rep1@test.local", "pishro-demo").await;
    let change = |current: &str, new: &str, repeated: &str| {
        json!({ "change": { "current_password": current, "new_password": new,
                            "repeated_password": repeated } })
    };
    // Signed out: refused.
    let answer = call(
        &world.router,
        "/api/account/password",
        None,
        change("pishro-demo", "a brand new secret", "a brand new secret"),
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    // The wrong current password, a typo in the repetition, a short one:
    // field errors, nothing changed.
    for (body, field, problem) in [
        (
            change("not it at all", "a brand new secret", "a brand new secret"),
            "current_password",
            "wrong_password",
        ),
        (
            change("pishro-demo", "a brand new secret", "a brand new secreT"),
            "repeated_password",
            "passwords_differ",
        ),
        (
            change("pishro-demo", "short", "short"),
            "new_password",
            "password_too_short",
        ),
    ] {
        let answer = world.rep1.call(&world, "/api/account/password", body).await;
        assert_eq!(
            answer.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            answer.body
        );
        assert_eq!(answer.body["Invalid"][0]["field"], field);
        assert_eq!(answer.body["Invalid"][0]["problem"], problem);
    }
    let still = call(
        &world.router,
        "/api/leads/list",
        Some(&other_device),
        json!({}),
    )
    .await;
    assert_eq!(still.status, StatusCode::OK);

    let answer = world
        .rep1
        .call(
            &world,
            "/api/account/password",
            change("pishro-demo", "a brand new secret", "a brand new secret"),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    // This device stays signed in; the other one is signed out.
    let here = world.rep1.call(&world, "/api/leads/list", json!({})).await;
    assert_eq!(here.status, StatusCode::OK);
    let there = call(
        &world.router,
        "/api/leads/list",
        Some(&other_device),
        json!({}),
    )
    .await;
    assert_eq!(there.status, StatusCode::UNAUTHORIZED);
    // The old password no longer signs in; the new one does. Nobody else changed.
    let old = call(
        &world.router,
        "/api/auth/sign_in",
        None,
        json!({ "email": "rep1@test.local", "password": "pishro-demo" }),
    )
    .await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED, "{}", old.body);
    let new = sign_in_cookie(&world.router, "rep1@test.local", "a brand new secret").await;
    assert!(!new.is_empty());
    let rep2 = sign_in_cookie(&world.router, "rep2@test.local", "pishro-demo").await;
    assert!(!rep2.is_empty());
}
