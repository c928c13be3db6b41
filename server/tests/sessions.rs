//! Session hardening over the real router (issue 14, item 4): a new
//! password ends the person's other sessions; a session unused for longer
//! than the idle limit names nobody while a recently used one lives on;
//! over https the cookie is `__Host-` prefixed and `Secure`.

use crate::support::*;
use http::StatusCode;
use serde_json::json;

#[tokio::test]
async fn a_password_reset_ends_the_persons_sessions() {
    let world = world().await;
    let before = world.rep1.call(&world, "/api/auth/me", json!({})).await;
    assert_eq!(before.body["email"], world.rep1.email.as_str());
    let reset = world
        .admin
        .call(
            &world,
            "/api/people/save",
            json!({ "draft": {
                "id": world.rep1.id.to_string(), "email": world.rep1.email, "display_name": "Sara Rep",
                "role": "rep", "team_id": world.team_a.to_string(), "locale": "en", "active": true,
                "password": "a brand new long password"
            } }),
        )
        .await;
    assert_eq!(reset.status, StatusCode::OK, "{}", reset.body);
    let after = world.rep1.call(&world, "/api/auth/me", json!({})).await;
    assert_eq!(
        after.body,
        serde_json::Value::Null,
        "the old session names nobody"
    );
    let leads = world.rep1.call(&world, "/api/leads/list", json!({})).await;
    assert_eq!(leads.status, StatusCode::UNAUTHORIZED);
    // The admin's own session is untouched; the new password signs in.
    let admin = world.admin.call(&world, "/api/auth/me", json!({})).await;
    assert_eq!(admin.body["role"], "admin");
    let fresh = call(
        &world.router,
        "/api/auth/sign_in",
        None,
        json!({ "email": world.rep1.email, "password": "a brand new long password" }),
    )
    .await;
    assert_eq!(fresh.status, StatusCode::OK, "{}", fresh.body);
}

#[tokio::test]
async fn an_idle_session_ends_and_a_used_one_lives_on() {
    let world = world().await;
    let set_last_seen = |days_ago: i64, user: String| {
        let pool = world.store.pool().clone();
        async move {
            let at = (chrono::Utc::now() - chrono::Duration::days(days_ago))
                .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
            sqlx::query(
                "UPDATE sessions SET last_seen_at = $1, created_at = $2 WHERE user_id = $3",
            )
            .bind(&at)
            .bind(&at)
            .bind(user)
            .execute(&pool)
            .await
            .expect("aged");
        }
    };
    set_last_seen(13, world.rep1.id.to_string()).await;
    set_last_seen(15, world.rep2.id.to_string()).await;
    let used = world.rep1.call(&world, "/api/auth/me", json!({})).await;
    assert_eq!(
        used.body["email"],
        world.rep1.email.as_str(),
        "13 days idle: still signed in"
    );
    let idle = world.rep2.call(&world, "/api/auth/me", json!({})).await;
    assert_eq!(
        idle.body,
        serde_json::Value::Null,
        "15 days idle: signed out"
    );
    // Using a session notes it, so it lives another 14 days from now.
    let noted: String = sqlx::query_scalar("SELECT last_seen_at FROM sessions WHERE user_id = $1")
        .bind(world.rep1.id.to_string())
        .fetch_one(world.store.pool())
        .await
        .unwrap_or_default();
    assert!(
        noted.starts_with(&chrono::Utc::now().date_naive().to_string()),
        "{noted}"
    );
}

#[test]
fn over_https_the_cookie_is_host_prefixed_and_secure() {
    let secure = app::auth::session_cookie("abc", true);
    assert!(
        secure.starts_with("__Host-pishro_session=abc; Path=/;"),
        "{secure}"
    );
    assert!(secure.contains("; Secure") && !secure.contains("Domain"));
    let plain = app::auth::session_cookie("abc", false);
    assert!(plain.starts_with("pishro_session=abc;") && !plain.contains("Secure"));
    for header in [
        "__Host-pishro_session=abc",
        "theme=dark; pishro_session=abc",
    ] {
        assert_eq!(
            app::auth::token_from_cookie_header(header),
            Some("abc"),
            "{header}"
        );
    }
}
