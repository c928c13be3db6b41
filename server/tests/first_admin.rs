//! Starting a deployed Pishro (issue 14, item 1): no demo accounts on a
//! public address unless asked for, and `pishro create-admin` makes the
//! first admin with a random password that signs in once printed.

use crate::support::*;
use http::StatusCode;
use serde_json::json;

#[test]
fn demo_accounts_are_only_made_on_a_loopback_address() {
    for loopback in [
        "127.0.0.1:3000",
        "localhost:3000",
        "[::1]:3000",
        "127.0.0.2:80",
    ] {
        assert!(server::is_loopback(loopback), "{loopback}");
    }
    for public in [
        "0.0.0.0:3000",
        "[::]:3000",
        "192.168.1.10:3000",
        "pishro.example:443",
    ] {
        assert!(!server::is_loopback(public), "{public}");
    }
}

#[tokio::test]
async fn create_admin_makes_an_admin_whose_printed_password_signs_in() {
    let (router, store, _directory) = empty_server().await;
    let password = server::create_admin(&store, "owner@example.com")
        .await
        .expect("the first admin");
    assert!(password.len() >= 20, "a long random password");
    let again = server::create_admin(&store, "owner@example.com").await;
    assert!(again.is_err(), "one account per address");
    assert!(
        server::create_admin(&store, "not an address")
            .await
            .is_err()
    );
    let signed_in = call(
        &router,
        "/api/auth/sign_in",
        None,
        json!({ "email": "owner@example.com", "password": password }),
    )
    .await;
    assert_eq!(signed_in.status, StatusCode::OK, "{}", signed_in.body);
    assert_eq!(signed_in.body["role"], "admin");
    // A second run's password is another.
    let other = server::create_admin(&store, "second@example.com")
        .await
        .expect("another admin");
    assert_ne!(other, password);
}
