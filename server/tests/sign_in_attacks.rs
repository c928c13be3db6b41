//! Password guessing against the real router (issue 14, item 3): 20 wrong
//! guesses sent at once from one machine get at most 5 passwords checked,
//! the rest are told to wait; the person under attack still signs in from
//! their own machine; the attacker's machine stays locked out of it.

use crate::support::*;
use axum::body::Body;
use axum::extract::ConnectInfo;
use http::{Request, StatusCode, header};
use serde_json::json;
use std::net::SocketAddr;

fn sign_in_from(client: &str, email: &str, password: &str) -> Request<Body> {
    let mut request = Request::builder()
        .method("POST")
        .uri("/api/auth/sign_in")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(
            json!({ "email": email, "password": password }).to_string(),
        ))
        .unwrap_or_default();
    let address: SocketAddr = client
        .parse()
        .unwrap_or_else(|_| ([127, 0, 0, 9], 1).into());
    request.extensions_mut().insert(ConnectInfo(address));
    request
}

#[tokio::test]
async fn parallel_guesses_are_counted_before_checking_and_the_person_still_gets_in() {
    let world = world().await;
    let guesses: Vec<_> = (0..20)
        .map(|guess| {
            let router = world.router.clone();
            let email = world.rep1.email.clone();
            tokio::spawn(async move {
                send(
                    &router,
                    sign_in_from(
                        "203.0.113.7:40000",
                        &email,
                        &format!("guess number {guess}"),
                    ),
                )
                .await
                .status
            })
        })
        .collect();
    let mut checked = 0;
    let mut told_to_wait = 0;
    for guess in guesses {
        match guess.await.unwrap_or(StatusCode::INTERNAL_SERVER_ERROR) {
            StatusCode::UNAUTHORIZED => checked += 1,
            StatusCode::TOO_MANY_REQUESTS => told_to_wait += 1,
            other => panic!("unexpected {other}"),
        }
    }
    assert!(checked <= 5, "at most 5 passwords checked, {checked} were");
    assert_eq!(checked + told_to_wait, 20);

    // The real person, from their own machine, is not locked out.
    let person = send(
        &world.router,
        sign_in_from("198.51.100.20:50000", &world.rep1.email, "pishro-demo"),
    )
    .await;
    assert_eq!(person.status, StatusCode::OK, "{}", person.body);
    // The attacker's machine stays locked, even with the right password.
    let attacker = send(
        &world.router,
        sign_in_from("203.0.113.7:40001", &world.rep1.email, "pishro-demo"),
    )
    .await;
    assert_eq!(attacker.status, StatusCode::TOO_MANY_REQUESTS);
}
