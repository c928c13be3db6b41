//! Invitations over the real router and a temporary SQLite file (issue
//! 15): a manager invites a rep by e-mail; the link shows where it leads,
//! makes the account once (in the inviter's team, with the inviter's role)
//! and signs the person in; a used, revoked or expired link and a made-up
//! one all answer the same; another team's manager and reps are refused.

use crate::support::*;
use http::StatusCode;
use serde_json::{Value, json};

fn secret_of(created: &Value) -> String {
    created["link_path"]
        .as_str()
        .and_then(|path| path.strip_prefix("/join/"))
        .unwrap_or_default()
        .to_string()
}

fn join(name: &str) -> Value {
    json!({ "display_name": name, "password": "a long enough secret",
            "repeated_password": "a long enough secret", "locale": "fa" })
}

async fn accept(world: &World, secret: &str, draft: Value) -> Answer {
    call(
        &world.router,
        "/api/invites/accept",
        None,
        json!({ "secret": secret, "draft": draft }),
    )
    .await
}

#[tokio::test]
async fn an_invited_rep_joins_the_managers_team_once_and_is_signed_in() {
    let world = world().await;
    let created = ok(
        &world.manager_a,
        &world,
        "/api/people/invites/create",
        json!({ "team_id": null, "draft": { "email": "Nima@Example.com", "role": "" } }),
    )
    .await;
    assert_eq!(created["invite"]["email"], "nima@example.com");
    let secret = secret_of(&created);
    assert_eq!(secret.len(), 64, "{created}");
    // Only the hash is stored.
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM invites WHERE token_hash = $1")
        .bind(&secret)
        .fetch_one(world.store.pool())
        .await
        .expect("count");
    assert_eq!(stored, 0);

    let welcome = call(
        &world.router,
        "/api/invites/read",
        None,
        json!({ "secret": secret }),
    )
    .await;
    assert_eq!(welcome.status, StatusCode::OK, "{}", welcome.body);
    assert_eq!(welcome.body["team_name"], "Team A");
    assert_eq!(welcome.body["inviter_name"], "manager.a@test.local");
    assert_eq!(welcome.body["role"], "rep");

    // A bad form: field errors, the link still works.
    let mut bad = join("");
    bad["repeated_password"] = json!("another secret entirely");
    let answer = accept(&world, &secret, bad).await;
    assert_eq!(
        answer.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        answer.body
    );
    let mut fields = problem_fields(&answer);
    fields.sort();
    assert_eq!(fields, vec!["display_name", "repeated_password"]);

    let joined = accept(&world, &secret, join("Nima Tehrani")).await;
    assert_eq!(joined.status, StatusCode::OK, "{}", joined.body);
    assert_eq!(joined.body["email"], "nima@example.com");
    assert_eq!(joined.body["role"], "rep");
    assert_eq!(joined.body["team_id"], json!(world.team_a.to_string()));
    assert_eq!(joined.body["locale"], "fa");
    let cookie = joined
        .headers
        .get(http::header::SET_COOKIE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .unwrap_or_default()
        .to_string();
    let leads = call(&world.router, "/api/leads/list", Some(&cookie), json!({})).await;
    assert_eq!(leads.status, StatusCode::OK, "signed in at once");
    // The manager sees the new rep in the team and the invite used.
    let team = ok(
        &world.manager_a,
        &world,
        "/api/people/team",
        json!({ "team_id": null }),
    )
    .await;
    assert!(team.to_string().contains("Nima Tehrani"), "{team}");
    let invites = ok(
        &world.manager_a,
        &world,
        "/api/people/invites/list",
        json!({ "team_id": null }),
    )
    .await;
    assert!(invites[0]["used_at"].is_string(), "{invites}");

    // Twice: refused, no second account.
    let again = accept(&world, &secret, join("Someone Else")).await;
    assert_eq!(again.status, StatusCode::NOT_FOUND, "{}", again.body);
    let read_again = call(
        &world.router,
        "/api/invites/read",
        None,
        json!({ "secret": secret }),
    )
    .await;
    assert_eq!(read_again.status, StatusCode::NOT_FOUND);
    let accounts: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE email = 'nima@example.com'")
            .fetch_one(world.store.pool())
            .await
            .expect("count");
    assert_eq!(accounts, 1);
}

#[tokio::test]
async fn revoked_expired_replaced_and_made_up_links_all_fail_the_same_way() {
    let world = world().await;
    let invite =
        |email: &str| json!({ "team_id": null, "draft": { "email": email, "role": "rep" } });
    // Revoked.
    let revoked = ok(
        &world.manager_a,
        &world,
        "/api/people/invites/create",
        invite("one@example.com"),
    )
    .await;
    ok(
        &world.manager_a,
        &world,
        "/api/people/invites/revoke",
        json!({ "invite_id": revoked["invite"]["id"] }),
    )
    .await;
    // Replaced by a newer link for the same e-mail.
    let replaced = ok(
        &world.manager_a,
        &world,
        "/api/people/invites/create",
        invite("two@example.com"),
    )
    .await;
    let newer = ok(
        &world.manager_a,
        &world,
        "/api/people/invites/create",
        invite("two@example.com"),
    )
    .await;
    // Expired.
    let expired = ok(
        &world.manager_a,
        &world,
        "/api/people/invites/create",
        invite("three@example.com"),
    )
    .await;
    sqlx::query("UPDATE invites SET expires_at = '2026-01-01T00:00:00.000Z' WHERE id = $1")
        .bind(expired["invite"]["id"].as_str().unwrap_or_default())
        .execute(world.store.pool())
        .await
        .expect("expire");
    for secret in [
        secret_of(&revoked),
        secret_of(&replaced),
        secret_of(&expired),
        "f".repeat(64),
        "../../etc/passwd".to_string(),
    ] {
        let read = call(
            &world.router,
            "/api/invites/read",
            None,
            json!({ "secret": secret }),
        )
        .await;
        assert_eq!(
            read.status,
            StatusCode::NOT_FOUND,
            "{secret}: {}",
            read.body
        );
        let answer = accept(&world, &secret, join("Late Comer")).await;
        assert_eq!(
            answer.status,
            StatusCode::NOT_FOUND,
            "{secret}: {}",
            answer.body
        );
    }
    let answer = accept(&world, &secret_of(&newer), join("On Time")).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
}

#[tokio::test]
async fn only_the_teams_manager_or_an_admin_invite_and_only_reps_unless_admin() {
    let world = world().await;
    let team_a = world.team_a.to_string();
    let created = ok(
        &world.manager_a,
        &world,
        "/api/people/invites/create",
        json!({ "team_id": null, "draft": { "email": "newcomer@example.com", "role": "rep" } }),
    )
    .await;
    let invite_id = created["invite"]["id"].clone();
    for person in [&world.manager_b, &world.rep1, &world.rep_b] {
        for (path, body) in [
            (
                "/api/people/invites/create",
                json!({ "team_id": team_a, "draft": { "email": "intruder@example.com", "role": "rep" } }),
            ),
            ("/api/people/invites/list", json!({ "team_id": team_a })),
            (
                "/api/people/invites/revoke",
                json!({ "invite_id": invite_id }),
            ),
        ] {
            let answer = person.call(&world, path, body).await;
            assert_eq!(
                answer.status,
                StatusCode::FORBIDDEN,
                "{} {path}: {}",
                person.email,
                answer.body
            );
        }
    }
    // A manager invites reps only; the e-mail of an account is refused.
    let answer = world
        .manager_a
        .call(
            &world,
            "/api/people/invites/create",
            json!({ "team_id": null, "draft": { "email": "boss@example.com", "role": "manager" } }),
        )
        .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(answer.body["Invalid"][0]["field"], "role");
    let answer = world
        .manager_a
        .call(
            &world,
            "/api/people/invites/create",
            json!({ "team_id": null, "draft": { "email": "rep2@test.local", "role": "rep" } }),
        )
        .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(answer.body["Invalid"][0]["problem"], "email_taken");
    // The invite is untouched; an admin may invite a manager into team B.
    let invites = ok(
        &world.manager_a,
        &world,
        "/api/people/invites/list",
        json!({ "team_id": null }),
    )
    .await;
    assert_eq!(invites.as_array().map(Vec::len), Some(1));
    assert!(invites[0]["revoked_at"].is_null());
    let boss = ok(
        &world.admin,
        &world,
        "/api/people/invites/create",
        json!({ "team_id": world.team_b.to_string(), "draft": { "email": "boss@example.com", "role": "manager" } }),
    )
    .await;
    let joined = accept(&world, &secret_of(&boss), join("New Boss")).await;
    assert_eq!(joined.status, StatusCode::OK, "{}", joined.body);
    assert_eq!(joined.body["role"], "manager");
    assert_eq!(joined.body["team_id"], json!(world.team_b.to_string()));
    // Team B had no manager named: the new one is.
    let named: Option<String> = sqlx::query_scalar("SELECT manager_id FROM teams WHERE id = $1")
        .bind(world.team_b.to_string())
        .fetch_one(world.store.pool())
        .await
        .unwrap_or_default();
    assert_eq!(named.as_deref(), joined.body["id"].as_str());
}
