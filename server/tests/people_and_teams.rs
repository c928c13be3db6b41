//! Only an admin manages people and teams; everyone else is refused.

use crate::support::*;
use http::StatusCode;
use serde_json::{Value, json};

fn person_draft(id: &str, email: &str, role: &str, team: Option<String>) -> Value {
    json!({
        "id": id, "email": email, "display_name": "Nima Tehrani", "role": role, "team_id": team,
        "locale": "fa", "active": true, "password": "a long enough password"
    })
}

#[tokio::test]
async fn an_admin_adds_a_rep_who_can_then_sign_in_and_be_deactivated() {
    let world = world().await;
    let id = new_id();
    let draft = person_draft(
        &id,
        "nima@test.local",
        "rep",
        Some(world.team_a.to_string()),
    );
    let saved = world
        .admin
        .call(
            &world,
            "/api/people/save",
            json!({ "draft": draft.clone() }),
        )
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    assert_eq!(saved.body["team_name"], "Team A");
    let stored_hash: String = sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
        .bind(&id)
        .fetch_one(world.store.pool())
        .await
        .unwrap_or_default();
    assert!(
        stored_hash.starts_with("$argon2id$"),
        "passwords are stored hashed"
    );

    let cookie = sign_in_cookie(&world.router, "nima@test.local", "a long enough password").await;
    let me = call(&world.router, "/api/auth/me", Some(&cookie), json!({})).await;
    assert_eq!(me.body["locale"], "fa");
    let manager_sees = world
        .manager_a
        .call(&world, "/api/team/members", json!({}))
        .await;
    assert!(manager_sees.body.to_string().contains("Nima Tehrani"));

    // Editing without a password keeps it; deactivating ends the sessions.
    let mut edit = draft;
    edit["password"] = json!("");
    edit["active"] = json!(false);
    let updated = world
        .admin
        .call(&world, "/api/people/save", json!({ "draft": edit }))
        .await;
    assert_eq!(updated.status, StatusCode::OK, "{}", updated.body);
    let me = call(&world.router, "/api/auth/me", Some(&cookie), json!({})).await;
    assert_eq!(me.body, json!(null), "a deactivated person is signed out");
    let again = call(
        &world.router,
        "/api/auth/sign_in",
        None,
        json!({"email": "nima@test.local", "password": "a long enough password"}),
    )
    .await;
    assert_eq!(again.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn nobody_but_an_admin_manages_people_or_teams() {
    let world = world().await;
    for person in [&world.rep1, &world.manager_a] {
        for (path, body) in [
            ("/api/people/list", json!({})),
            ("/api/teams/list", json!({})),
            (
                "/api/people/save",
                json!({ "draft": person_draft(&person.id.to_string(), &person.email, "admin", None) }),
            ),
            (
                "/api/teams/save",
                json!({ "draft": { "id": world.team_b.to_string(), "name": "Mine now", "manager_id": person.id.to_string() } }),
            ),
        ] {
            let answer = person.call(&world, path, body).await;
            assert_eq!(
                answer.status,
                StatusCode::FORBIDDEN,
                "{} on {path}",
                person.email
            );
        }
    }
    let role: String = sqlx::query_scalar("SELECT role FROM users WHERE id = $1")
        .bind(world.rep1.id.to_string())
        .fetch_one(world.store.pool())
        .await
        .unwrap_or_default();
    assert_eq!(role, "rep", "no one promoted themselves");
    let team: String = sqlx::query_scalar("SELECT name FROM teams WHERE id = $1")
        .bind(world.team_b.to_string())
        .fetch_one(world.store.pool())
        .await
        .unwrap_or_default();
    assert_eq!(team, "Team B");
}

#[tokio::test]
async fn people_and_teams_are_validated() {
    let world = world().await;
    let taken = world
        .admin
        .call(
            &world,
            "/api/people/save",
            json!({ "draft": person_draft(&new_id(), "rep1@test.local", "rep", None) }),
        )
        .await;
    assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem_fields(&taken), vec!["email"]);
    assert_eq!(taken.body["Invalid"][0]["problem"], "email_taken");

    let mut short = person_draft(&new_id(), "new@test.local", "manager", None);
    short["password"] = json!("short");
    let answer = world
        .admin
        .call(&world, "/api/people/save", json!({ "draft": short }))
        .await;
    let mut fields = problem_fields(&answer);
    fields.sort();
    assert_eq!(
        fields,
        vec!["password", "team_id"],
        "short password; a manager needs a team"
    );

    let unknown_team = world
        .admin
        .call(
            &world,
            "/api/people/save",
            json!({ "draft": person_draft(&new_id(), "x@test.local", "rep", Some(new_id())) }),
        )
        .await;
    assert_eq!(problem_fields(&unknown_team), vec!["team_id"]);

    let admin_self = person_draft(&world.admin.id.to_string(), &world.admin.email, "rep", None);
    let demoted = world
        .admin
        .call(&world, "/api/people/save", json!({ "draft": admin_self }))
        .await;
    assert_eq!(
        problem_fields(&demoted),
        vec!["role"],
        "an admin cannot lock themselves out"
    );

    let team = new_id();
    let rep_as_manager = world.admin.call(&world, "/api/teams/save", json!({ "draft": { "id": team, "name": "Shiraz", "manager_id": world.rep1.id.to_string() } })).await;
    assert_eq!(problem_fields(&rep_as_manager), vec!["manager_id"]);
    let created = world.admin.call(&world, "/api/teams/save", json!({ "draft": { "id": team, "name": "Shiraz", "manager_id": world.manager_b.id.to_string() } })).await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    let teams = world.admin.call(&world, "/api/teams/list", json!({})).await;
    assert_eq!(teams.body.as_array().map_or(0, Vec::len), 3);
}

#[tokio::test]
async fn a_teams_calendar_choice_reaches_its_members_profiles() {
    let world = world().await;
    let team_a = world.team_a.to_string();
    let manager = world.manager_a.id.to_string();
    let draft = |calendar: &str| json!({ "draft": { "id": team_a, "name": "Team A", "manager_id": manager, "calendar": calendar } });
    // Until the team chooses, members follow their language (no calendar).
    let me = world.rep1.call(&world, "/api/auth/me", json!({})).await;
    assert_eq!(me.body["team_calendar"], Value::Null, "{}", me.body);

    let unknown = world
        .admin
        .call(&world, "/api/teams/save", draft("lunar"))
        .await;
    assert_eq!(problem_fields(&unknown), vec!["calendar"]);
    // A manager cannot change it (teams are an admin's).
    let refused = world
        .manager_a
        .call(&world, "/api/teams/save", draft("gregorian"))
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let stored: Option<String> = sqlx::query_scalar("SELECT calendar FROM teams WHERE id = $1")
        .bind(&team_a)
        .fetch_one(world.store.pool())
        .await
        .unwrap_or_default();
    assert_eq!(stored, None, "nothing written by refused calls");

    let saved = world
        .admin
        .call(&world, "/api/teams/save", draft("gregorian"))
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    assert_eq!(saved.body["calendar"], "gregorian");
    let me = world.rep1.call(&world, "/api/auth/me", json!({})).await;
    assert_eq!(me.body["team_calendar"], "gregorian");
    let other_team = world.rep_b.call(&world, "/api/auth/me", json!({})).await;
    assert_eq!(other_team.body["team_calendar"], Value::Null);

    // Back to "each reader's language".
    let cleared = world.admin.call(&world, "/api/teams/save", draft("")).await;
    assert_eq!(cleared.body["calendar"], Value::Null, "{}", cleared.body);
}
