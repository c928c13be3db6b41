//! Pages drawn for nobody signed in (issue 13): a team's public web form
//! and a sign-up link are drawn for anyone, with their answer or the page
//! saying the address no longer works, in the browser's language; and a
//! browser signing out is drawn nothing of the session it is ending.

use super::*;

#[tokio::test]
async fn a_public_web_form_is_drawn_for_anyone_and_a_dead_address_says_so() {
    let (world, router, _site) = drawing_world().await;
    let token = "a".repeat(24) + "Form4Drawing";
    world
        .store
        .create_web_form(
            world.team_a,
            "Ask us for a quote",
            &token,
            world.manager_a.id,
            chrono::Utc::now(),
        )
        .await
        .expect("a web form");

    // A prospect, signed out, on their first visit: the form is drawn.
    let visitor = open(&router, &format!("/form/{token}"), None, "document").await;
    assert_eq!(visitor.status, StatusCode::OK);
    assert_eq!(visitor.headers[header::CACHE_CONTROL], "no-store");
    let screen = drawn(&visitor);
    assert!(screen.contains("Ask us for a quote"), "{screen}");
    assert!(screen.contains("Team A"), "the team's name: {screen}");
    assert!(
        screen.contains("name=\"name\"") || screen.contains("id=\"field-name\""),
        "the fields: {screen}"
    );
    assert_eq!(
        answers_of(&page_text(&visitor)).web_form,
        Some(Ok(app::domain::pool::PublicWebForm {
            title: "Ask us for a quote".into(),
            team_name: "Team A".into(),
        }))
    );
    // Only the form's answer: nothing of anyone's rows or team.
    let answers = answers_of(&page_text(&visitor));
    assert!(answers.goal_standings.is_none() && answers.team_dashboard.is_none());

    // An address that never worked (or was revoked) says so at once.
    let dead = open(
        &router,
        &format!("/form/{}", "b".repeat(40)),
        None,
        "document",
    )
    .await;
    assert_eq!(
        answers_of(&page_text(&dead)).web_form,
        Some(Err(app::error::AppError::NotFound))
    );
    assert!(!drawn(&dead).contains("Ask us for a quote"));
    assert!(
        drawn(&dead).contains("<h1>"),
        "a heading that says so: {}",
        drawn(&dead)
    );

    // Other screens stay undrawn for nobody signed in.
    let leads = open(&router, "/leads", None, "document").await;
    assert!(drawn(&leads).is_empty());
}

#[tokio::test]
async fn nobody_signed_in_gets_the_drawn_page_in_their_browsers_language() {
    let (_world, router, _site) = drawing_world().await;
    let signed_out = |language: &'static str| {
        let router = router.clone();
        async move {
            let request = Request::builder()
                .uri("/signin")
                .header("sec-fetch-dest", "document")
                .header(header::ACCEPT_LANGUAGE, language)
                .body(Body::empty())
                .expect("request");
            send(&router, request).await
        }
    };
    // A browser that prefers Persian: the sign-in page is drawn in Persian,
    // right to left, as the app itself would start for it.
    let persian = signed_out("fa-IR,fa;q=0.9,en;q=0.8").await;
    assert!(
        page_text(&persian).contains("<html lang=\"fa\" dir=\"rtl\" data-drawn>"),
        "{}",
        page_text(&persian)
    );
    assert!(
        drawn(&persian).contains("ورود به پیشرو"),
        "{}",
        drawn(&persian)
    );
    // Persian only when it comes first; anything else is English.
    for language in ["en-US,en;q=0.9,fa;q=0.8", "de-DE", ""] {
        let other = signed_out(language).await;
        assert!(
            page_text(&other).contains("<html lang=\"en\" dir=\"ltr\" data-drawn>"),
            "{language}"
        );
        assert!(drawn(&other).contains("Sign in to Pishro"), "{language}");
    }
}

#[tokio::test]
async fn a_sign_up_link_is_drawn_for_anyone_and_still_works_once_drawn() {
    let (world, router, _site) = drawing_world().await;
    let created = ok(
        &world.manager_a,
        &world,
        "/api/people/invites/create",
        json!({ "team_id": null, "draft": { "email": "nima@example.com", "role": "" } }),
    )
    .await;
    let link = created["link_path"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(link.starts_with("/join/"), "{created}");

    // The new rep, signed out, on their first visit: whom it is for and where.
    let visitor = open(&router, &link, None, "document").await;
    assert_eq!(visitor.status, StatusCode::OK);
    assert_eq!(visitor.headers[header::CACHE_CONTROL], "no-store");
    let screen = drawn(&visitor);
    assert!(screen.contains("nima@example.com"), "{screen}");
    assert!(screen.contains("Team A"), "the team's name: {screen}");
    let welcome = answers_of(&page_text(&visitor))
        .invite
        .expect("the link's answer")
        .expect("a working link");
    assert_eq!(welcome.email, "nima@example.com");
    assert_eq!(welcome.team_name, "Team A");

    // Drawing read the link as a use of it, and gave the attempt back: it
    // still reads, and still signs the rep up.
    let secret = link.trim_start_matches("/join/");
    let read = call(
        &router,
        "/api/invites/read",
        None,
        json!({ "secret": secret }),
    )
    .await;
    assert_eq!(read.status, StatusCode::OK, "{}", read.body);

    // A link that never worked says so at once.
    let dead = open(
        &router,
        &format!("/join/{}", "c".repeat(64)),
        None,
        "document",
    )
    .await;
    assert_eq!(
        answers_of(&page_text(&dead)).invite,
        Some(Err(app::error::AppError::NotFound))
    );
    assert!(!drawn(&dead).contains("nima@example.com"));
    assert!(drawn(&dead).contains("<h1>"), "{}", drawn(&dead));
}

#[tokio::test]
async fn a_browser_signing_out_gets_no_screen_of_the_ending_session() {
    let (world, router, _site) = drawing_world().await;
    save_lead(&world, &world.rep1, "Lead of a rep signing out").await;
    // The app marks the sign-out on the device before the server is told;
    // the request may be cut off by the page being left.
    let signing_out = format!("{}; pishro_signing_out=1", world.rep1.cookie);
    let leads = open(&router, "/leads", Some(&signing_out), "document").await;
    assert_eq!(leads.status, StatusCode::OK);
    assert_eq!(
        page_text(&leads),
        PAGE,
        "the plain page: its app ends the session"
    );
    // The sign-in page is drawn as for nobody, with no one's rows.
    let sign_in = drawn(&open(&router, "/signin", Some(&signing_out), "document").await);
    assert!(sign_in.contains("<form"), "{sign_in}");
    assert!(!sign_in.contains("Lead of a rep signing out"));
    // Only the mark's own name counts; without it the session is drawn.
    let other_cookie = format!("{}; not_pishro_signing_out=1", world.rep1.cookie);
    let drawn_leads = drawn(&open(&router, "/leads", Some(&other_cookie), "document").await);
    assert!(
        drawn_leads.contains("Lead of a rep signing out"),
        "{drawn_leads}"
    );

    // Ending the session removes the mark with the session cookie.
    let out = call(
        &router,
        "/api/auth/sign_out",
        Some(&world.rep1.cookie),
        json!({}),
    )
    .await;
    assert_eq!(out.status, StatusCode::OK);
    let cleared: Vec<&str> = out
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .collect();
    for name in ["pishro_session=;", "pishro_signing_out=;"] {
        assert!(
            cleared
                .iter()
                .any(|cookie| cookie.starts_with(name) && cookie.contains("Max-Age=0")),
            "{name} cleared: {cleared:?}"
        );
    }
}
