//! The lead pool and web forms over the real router and a temporary SQLite
//! file (issue 15): a visitor's submission through a team's public form
//! lands in its pool; the manager gives it to a rep, whose lead it becomes
//! (from the website, with the message and the assignment on its timeline);
//! reps claim only when the manager allows it, only their own team's; bad
//! submissions get field errors, a filled trap field is refused, revoked
//! and made-up addresses answer 404; per-address and per-form limits hold.

use crate::support::*;
use axum::body::Body;
use axum::extract::ConnectInfo;
use http::{Request, StatusCode, header};
use serde_json::{Value, json};
use std::net::SocketAddr;

fn contact(name: &str, phone: &str) -> Value {
    json!({ "name": name, "company": "Pars Tile", "phone": phone, "email": "",
            "message": "Please call me about 200 m² of tiles." })
}

/// A public submission from a visitor at `client` (no session).
async fn submit_from(world: &World, client: &str, token: &str, submission: Value) -> Answer {
    let body = json!({ "token": token, "submission": submission }).to_string();
    let mut request = Request::builder()
        .method("POST")
        .uri("/api/web-form/submit")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::CONTENT_LENGTH, body.len())
        .body(Body::from(body))
        .unwrap_or_default();
    let address: SocketAddr = client
        .parse()
        .unwrap_or_else(|_| ([127, 0, 0, 9], 1).into());
    request.extensions_mut().insert(ConnectInfo(address));
    send(&world.router, request).await
}

/// Team A's manager makes a form; its token.
async fn new_form(world: &World, title: &str) -> (String, String) {
    let forms = ok(
        &world.manager_a,
        world,
        "/api/web-forms/create",
        json!({ "team_id": world.team_a, "title": title }),
    )
    .await;
    let form = forms
        .as_array()
        .and_then(|forms| forms.iter().find(|form| form["title"] == title))
        .cloned()
        .expect("the new form");
    (
        form["id"].as_str().unwrap_or_default().to_string(),
        form["token"].as_str().unwrap_or_default().to_string(),
    )
}

async fn waiting(world: &World, person: &Person) -> Value {
    ok(person, world, "/api/pool/list", json!({ "team_id": null })).await
}

#[tokio::test]
async fn a_submission_lands_in_the_pool_and_becomes_the_lead_of_the_rep_it_is_given_to() {
    let world = world().await;
    let (_, token) = new_form(&world, "Contact us").await;
    let public = call(
        &world.router,
        "/api/web-form/read",
        None,
        json!({ "token": token }),
    )
    .await;
    assert_eq!(public.status, StatusCode::OK, "{}", public.body);
    assert_eq!(
        public.body,
        json!({ "title": "Contact us", "team_name": "Team A" })
    );
    let sent = submit_from(
        &world,
        "198.51.100.1:5000",
        &token,
        contact("Visitor One", "0912 777 0001"),
    )
    .await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);

    let pool = waiting(&world, &world.manager_a).await;
    assert_eq!(
        (pool["waiting"].clone(), pool["manages"].clone()),
        (json!(1), json!(true))
    );
    let waiting_one = &pool["leads"][0];
    assert_eq!(waiting_one["name"], "Visitor One");
    assert_eq!(
        waiting_one["phone"], "09127770001",
        "normalised as leads are"
    );
    assert_eq!(waiting_one["form_title"], "Contact us");
    // Nothing is on rep1's list yet.
    let leads = ok(&world.rep1, &world, "/api/leads/list", json!({})).await;
    assert!(!leads.to_string().contains("Visitor One"));

    let given = ok(
        &world.manager_a,
        &world,
        "/api/pool/give",
        json!({ "team_id": world.team_a, "ids": [waiting_one["id"]],
                "owners": { "to": "rep", "user_id": world.rep1.id } }),
    )
    .await;
    assert_eq!(given["assigned"], 1, "{given}");
    assert_eq!(waiting(&world, &world.manager_a).await["waiting"], 0);
    let leads = ok(&world.rep1, &world, "/api/leads/list", json!({})).await;
    let lead = leads
        .as_array()
        .and_then(|leads| leads.iter().find(|lead| lead["name"] == "Visitor One"))
        .cloned()
        .expect("rep1's new lead");
    assert_eq!(
        (
            lead["source"].clone(),
            lead["stage"].clone(),
            lead["phone"].clone()
        ),
        (json!("website"), json!("new"), json!("09127770001"))
    );
    // Its timeline says where it came from, what was asked, and who gave it.
    let history = ok(
        &world.rep1,
        &world,
        "/api/leads/history",
        json!({ "id": lead["id"] }),
    )
    .await;
    let fields: Vec<&str> = history
        .as_array()
        .map(|changes| {
            changes
                .iter()
                .filter_map(|change| change["field"].as_str())
                .collect()
        })
        .unwrap_or_default();
    assert!(
        fields.contains(&"web_form") && fields.contains(&"assigned"),
        "{history}"
    );
    assert!(history.to_string().contains("200 m² of tiles"));
    // rep1's devices receive it on their next pull.
    let pulled = ok(
        &world.rep1,
        &world,
        "/api/sync/pull",
        json!({ "request": { "protocol_version": 1, "client_id": new_id(), "cursor": 0, "limit": 500 } }),
    )
    .await;
    assert!(pulled.to_string().contains("Visitor One"), "{pulled}");
    // A contact already given cannot be given again.
    let again = world
        .manager_a
        .call(
            &world,
            "/api/pool/give",
            json!({ "team_id": world.team_a, "ids": [waiting_one["id"]],
                    "owners": { "to": "rep", "user_id": world.rep2.id } }),
        )
        .await;
    assert_eq!(again.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn reps_claim_only_when_allowed_and_only_their_own_teams_contacts() {
    let world = world().await;
    let (_, token) = new_form(&world, "Fair QR code").await;
    for (number, client) in ["198.51.100.2:1", "198.51.100.3:1"].iter().enumerate() {
        let sent = submit_from(
            &world,
            client,
            &token,
            contact(
                &format!("Claimable {number}"),
                &format!("0912 777 100{number}"),
            ),
        )
        .await;
        assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    }
    let ids: Vec<Value> = waiting(&world, &world.manager_a).await["leads"]
        .as_array()
        .map(|leads| leads.iter().map(|lead| lead["id"].clone()).collect())
        .unwrap_or_default();
    assert_eq!(ids.len(), 2);

    // The manager keeps the pool: rep1 sees none of it and cannot claim.
    let rep_view = waiting(&world, &world.rep1).await;
    assert_eq!(
        (rep_view["leads"].clone(), rep_view["manages"].clone()),
        (json!([]), json!(false))
    );
    let refused = world
        .rep1
        .call(&world, "/api/pool/claim", json!({ "ids": [ids[0]] }))
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    ok(
        &world.manager_a,
        &world,
        "/api/pool/settings",
        json!({ "team_id": world.team_a, "reps_may_claim": true }),
    )
    .await;
    assert_eq!(
        waiting(&world, &world.rep1).await["leads"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    // Team B allows claims too, yet its rep cannot take team A's contacts.
    ok(
        &world.manager_b,
        &world,
        "/api/pool/settings",
        json!({ "team_id": world.team_b, "reps_may_claim": true }),
    )
    .await;
    let foreign = world
        .rep_b
        .call(&world, "/api/pool/claim", json!({ "ids": [ids[0]] }))
        .await;
    assert_eq!(foreign.status, StatusCode::NOT_FOUND);
    // A manager hands out; they do not claim.
    let manager_claim = world
        .manager_a
        .call(&world, "/api/pool/claim", json!({ "ids": [ids[0]] }))
        .await;
    assert_eq!(manager_claim.status, StatusCode::FORBIDDEN);

    assert_eq!(
        ok(
            &world.rep1,
            &world,
            "/api/pool/claim",
            json!({ "ids": [ids[0]] })
        )
        .await,
        json!(1)
    );
    let taken_twice = world
        .rep2
        .call(&world, "/api/pool/claim", json!({ "ids": [ids[0]] }))
        .await;
    assert_eq!(taken_twice.status, StatusCode::NOT_FOUND);
    let leads = ok(&world.rep1, &world, "/api/leads/list", json!({})).await;
    assert!(leads.to_string().contains("Claimable 0"));
    assert_eq!(waiting(&world, &world.rep2).await["waiting"], 1);

    // Set aside: the other one leaves the pool and can no longer be given.
    assert_eq!(
        ok(
            &world.manager_a,
            &world,
            "/api/pool/discard",
            json!({ "team_id": world.team_a, "ids": [ids[1]] }),
        )
        .await,
        json!(1)
    );
    assert_eq!(waiting(&world, &world.manager_a).await["waiting"], 0);
    let forms = ok(
        &world.manager_a,
        &world,
        "/api/web-forms/list",
        json!({ "team_id": world.team_a }),
    )
    .await;
    assert_eq!(
        (forms[0]["received"].clone(), forms[0]["waiting"].clone()),
        (json!(2), json!(0))
    );
}

#[tokio::test]
async fn bad_submissions_are_explained_and_the_limits_and_revocation_hold() {
    let world = world().await;
    let (form_id, token) = new_form(&world, "Contact us").await;

    let mut trap = contact("Robot", "0912 777 2000");
    trap["leave_empty"] = json!("https://spam.example");
    let refused = submit_from(&world, "198.51.100.9:1", &token, trap).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert_eq!(problem_fields(&refused), vec!["leave_empty"]);
    let empty = submit_from(
        &world,
        "198.51.100.9:1",
        &token,
        json!({ "name": "", "company": "", "phone": "", "email": "no", "message": "x".repeat(2001) }),
    )
    .await;
    assert_eq!(problem_fields(&empty), vec!["name", "email", "message"]);
    let unreachable = submit_from(
        &world,
        "198.51.100.9:1",
        &token,
        json!({ "name": "Nobody", "company": "", "phone": "", "email": "", "message": "" }),
    )
    .await;
    assert_eq!(problem_fields(&unreachable), vec!["phone"]);
    assert_eq!(
        waiting(&world, &world.manager_a).await["waiting"],
        0,
        "nothing written"
    );

    // Five from one address in ten minutes; the sixth waits, others do not.
    for number in 0..5 {
        let sent = submit_from(
            &world,
            "203.0.113.5:1",
            &token,
            contact(
                &format!("Busy {number}"),
                &format!("0912 777 30{number:02}"),
            ),
        )
        .await;
        assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    }
    let sixth = submit_from(
        &world,
        "203.0.113.5:1",
        &token,
        contact("Busy 5", "0912 777 3005"),
    )
    .await;
    assert_eq!(
        sixth.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        sixth.body
    );
    assert!(
        sixth.body.to_string().contains("TooManySubmissions"),
        "{}",
        sixth.body
    );
    // One form takes at most 100 an hour, from however many addresses.
    let mut accepted = 5;
    for client in 0..40 {
        for number in 0..5 {
            let sent = submit_from(
                &world,
                &format!("192.0.2.{client}:1"),
                &token,
                contact(
                    &format!("Crowd {client} {number}"),
                    &format!("0912 8{client:02} {number:04}"),
                ),
            )
            .await;
            if sent.status == StatusCode::OK {
                accepted += 1;
            } else {
                assert_eq!(sent.status, StatusCode::TOO_MANY_REQUESTS);
            }
        }
    }
    assert_eq!(accepted, 100);
    assert_eq!(waiting(&world, &world.manager_a).await["waiting"], 100);

    // A revoked address, and a made-up one, take nothing.
    ok(
        &world.manager_a,
        &world,
        "/api/web-forms/revoke",
        json!({ "team_id": world.team_a, "id": form_id }),
    )
    .await;
    let closed = submit_from(
        &world,
        "198.51.100.77:1",
        &token,
        contact("Late", "0912 777 4000"),
    )
    .await;
    assert_eq!(closed.status, StatusCode::NOT_FOUND);
    let read_closed = call(
        &world.router,
        "/api/web-form/read",
        None,
        json!({ "token": token }),
    )
    .await;
    assert_eq!(read_closed.status, StatusCode::NOT_FOUND);
    for made_up in ["x", "../../etc/passwd", "0123456789abcdef0123456789abcdef"] {
        let answer = call(
            &world.router,
            "/api/web-form/read",
            None,
            json!({ "token": made_up }),
        )
        .await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{made_up}");
    }
}

/// With a rule chosen, each new web form contact becomes a rep's lead as
/// it arrives: in turns among the reps present (an absent rep is skipped),
/// logged as handed out by the manager who chose the rule. With the rule
/// taken away, contacts wait in the pool again. Only the team's manager
/// may choose it.
#[tokio::test]
async fn contacts_are_shared_as_they_arrive_when_the_manager_chose_a_rule() {
    let world = world().await;
    let (_, token) = new_form(&world, "Tiles").await;
    for person in [&world.rep1, &world.manager_b] {
        let refused = person
            .call(
                &world,
                "/api/pool/auto_share",
                json!({ "team_id": world.team_a, "rule": "round_robin" }),
            )
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    }
    ok(
        &world.manager_a,
        &world,
        "/api/pool/auto_share",
        json!({ "team_id": world.team_a, "rule": "round_robin" }),
    )
    .await;
    assert_eq!(
        waiting(&world, &world.manager_a).await["web_form_rule"],
        "round_robin"
    );
    for (index, name) in ["Arash", "Bita", "Cyrus", "Dara"].iter().enumerate() {
        let sent = submit_from(
            &world,
            "10.0.0.1:1",
            &token,
            contact(name, &format!("0912 000 00{index}0")),
        )
        .await;
        assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    }
    let view = waiting(&world, &world.manager_a).await;
    assert_eq!(view["waiting"], 0, "{view}");
    let owners: Vec<(String, i64)> = sqlx::query_as(
        "SELECT owner_id, COUNT(*) FROM leads WHERE source = 'website' GROUP BY owner_id ORDER BY owner_id",
    )
    .fetch_all(world.store.pool())
    .await
    .unwrap_or_default();
    let mut expected = vec![
        (world.rep1.id.to_string(), 2),
        (world.rep2.id.to_string(), 2),
    ];
    expected.sort();
    assert_eq!(owners, expected, "in turns, two each");
    let by: Vec<String> = sqlx::query_scalar("SELECT DISTINCT assigned_by FROM lead_assignments")
        .fetch_all(world.store.pool())
        .await
        .unwrap_or_default();
    assert_eq!(by, vec![world.manager_a.id.to_string()]);

    // rep2 is away: the next contacts all go to rep1.
    let today = chrono::Utc::now().date_naive();
    ok(
        &world.manager_a,
        &world,
        "/api/people/absences/add",
        json!({ "draft": { "id": new_id(), "user_id": world.rep2.id, "starts_on": today - chrono::Duration::days(1),
            "ends_on": today + chrono::Duration::days(2), "reason": "Leave" } }),
    )
    .await;
    for name in ["Elham", "Farid"] {
        submit_from(&world, "10.0.0.2:1", &token, contact(name, "0912 111 2233")).await;
    }
    let rep1_leads: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM leads WHERE source = 'website' AND owner_id = $1")
            .bind(world.rep1.id.to_string())
            .fetch_one(world.store.pool())
            .await
            .unwrap_or(-1);
    assert_eq!(rep1_leads, 4);

    // No rule: contacts wait for the manager.
    ok(
        &world.manager_a,
        &world,
        "/api/pool/auto_share",
        json!({ "team_id": world.team_a, "rule": null }),
    )
    .await;
    submit_from(
        &world,
        "10.0.0.3:1",
        &token,
        contact("Golnar", "0912 999 8877"),
    )
    .await;
    let view = waiting(&world, &world.manager_a).await;
    assert_eq!(view["waiting"], 1, "{view}");
    assert_eq!(view["web_form_rule"], Value::Null);
}
