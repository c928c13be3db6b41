//! A first visit gets its screen drawn by the server (issue 13), over the
//! real router and a real database: only a browser's navigation with a live
//! session is drawn (or the sign-in page for nobody), only with rows the
//! person may read, in their language, and never kept by a cache.

// The pages drawn for nobody signed in: a public web form, a sign-up
// link, and the browser's language.
mod signed_out;

use crate::support::*;
use app::api::context::ServerState;
use axum::Router;
use axum::body::Body;
use http::{Request, StatusCode, header};
use serde_json::json;

/// A built page's shape: the drawn screen goes first in its body.
const PAGE: &str = "<!doctype html>\n<html lang=\"en\" dir=\"ltr\">\n<head><title>Pishro</title></head>\n\
                    <body>\n  <noscript>Pishro needs JavaScript to run.</noscript>\n</body>\n</html>\n";

/// The test world with a second router that serves a page shaped like the
/// built one (the world's own serves a bare page), and the folder holding it.
async fn drawing_world() -> (World, Router, tempfile::TempDir) {
    let world = world().await;
    let directory = tempfile::tempdir().expect("temp dir");
    let router = drawing_router(&world, directory.path());
    (world, router, directory)
}

/// The real router over the world's store, serving a page shaped like the built one.
fn drawing_router(world: &World, directory: &std::path::Path) -> Router {
    let site = directory.join("site");
    std::fs::create_dir_all(&site).expect("site dir");
    std::fs::write(site.join("index.html"), PAGE).expect("index");
    server::app(
        ServerState {
            store: world.store.clone(),
            secure_cookies: false,
            sign_in_throttle: Default::default(),
            submission_limits: Default::default(),
            live: Default::default(),
        },
        site,
    )
}

/// What a browser asks for when it opens `path` (`destination` is its
/// `Sec-Fetch-Dest`: `document` for a navigation).
async fn open(router: &Router, path: &str, cookie: Option<&str>, destination: &str) -> Answer {
    let mut request = Request::builder()
        .uri(path)
        .header("sec-fetch-dest", destination);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    send(router, request.body(Body::empty()).expect("request")).await
}

fn page_text(answer: &Answer) -> String {
    answer.body.as_str().expect("an HTML page").to_string()
}

/// The drawn screen alone (empty when nothing was drawn).
fn drawn(answer: &Answer) -> String {
    let page = page_text(answer);
    page.split_once("<div id=\"first-screen\">")
        .and_then(|(_, rest)| rest.split_once("<noscript>"))
        .map(|(screen, _)| screen.to_string())
        .unwrap_or_default()
}

/// The answers handed to the device with a drawn page, one block each.
fn answers_of(page: &str) -> app::first_screen::DrawnAnswers {
    fn block<T: serde::de::DeserializeOwned>(page: &str, id: &str) -> Option<T> {
        let (_, after) =
            page.split_once(&format!("<script type=\"application/json\" id=\"{id}\">"))?;
        let (answer, _) = after.split_once("</script>").expect("its end");
        Some(serde_json::from_str(answer).expect("an answer as JSON"))
    }
    app::first_screen::DrawnAnswers {
        team_dashboard: block(page, app::first_screen::TEAM_DASHBOARD_ELEMENT),
        goal_standings: block(page, app::first_screen::GOAL_STANDINGS_ELEMENT),
        records: block(page, app::first_screen::RECORDS_ELEMENT),
        pool: block(page, app::first_screen::POOL_ELEMENT),
        web_form: block(page, app::first_screen::WEB_FORM_ELEMENT),
        invite: block(page, app::first_screen::INVITE_ELEMENT),
    }
}

#[tokio::test]
async fn a_first_visit_shows_the_persons_own_rows_drawn_and_nobody_elses() {
    let (world, router, _site) = drawing_world().await;
    save_lead(&world, &world.rep1, "Lead of rep one").await;
    save_lead(&world, &world.rep2, "Lead of rep two").await;
    save_lead(&world, &world.rep_b, "Lead of another team").await;

    let rep_one = open(&router, "/leads", Some(&world.rep1.cookie), "document").await;
    assert_eq!(rep_one.status, StatusCode::OK);
    let screen = drawn(&rep_one);
    assert!(screen.contains("<h1>Leads</h1>"), "{screen}");
    assert!(screen.contains("Lead of rep one"), "{screen}");
    assert!(
        !screen.contains("Lead of rep two"),
        "a rep sees only their own leads"
    );
    assert!(!screen.contains("Lead of another team"));
    // The mark that lets the drawn screen show comes after all of it.
    let page = page_text(&rep_one);
    let (_, after_screen) = page.split_once("Lead of rep one").expect("the drawn lead");
    assert!(
        after_screen.contains("<i id=\"first-screen-end\" hidden></i>"),
        "the screen shows only once parsed whole"
    );
    // Holding the person's rows, the page is never kept by a cache.
    assert_eq!(rep_one.headers[header::CACHE_CONTROL], "no-store");
    assert_eq!(rep_one.headers[header::VARY], "cookie, accept-language");
    assert!(
        rep_one.headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .expect("policy")
            .contains("default-src 'self'"),
        "a drawn page keeps the security headers"
    );

    // A manager's screen holds their team's work, not another team's.
    let manager = drawn(&open(&router, "/leads", Some(&world.manager_a.cookie), "document").await);
    assert!(manager.contains("Lead of rep one") && manager.contains("Lead of rep two"));
    assert!(!manager.contains("Lead of another team"));
    let other_manager =
        drawn(&open(&router, "/leads", Some(&world.manager_b.cookie), "document").await);
    assert!(other_manager.contains("Lead of another team"));
    assert!(!other_manager.contains("Lead of rep one"));
}

#[tokio::test]
async fn only_a_browsers_navigation_with_a_session_is_drawn() {
    let (world, router, _site) = drawing_world().await;
    save_lead(&world, &world.rep1, "Lead of rep one").await;
    let cookie = Some(world.rep1.cookie.as_str());

    // The service worker's fetch of its shell, and any non-browser client.
    for answer in [
        open(&router, "/", cookie, "empty").await,
        send(
            &router,
            Request::builder()
                .uri("/leads")
                .header(header::COOKIE, &world.rep1.cookie)
                .body(Body::empty())
                .expect("request"),
        )
        .await,
        // No session (or an ended one): the app sends the visitor to sign in.
        open(&router, "/leads", None, "document").await,
        open(&router, "/leads", Some("pishro_session=ended"), "document").await,
        // A signed-in person is sent on from the sign-in page by the app.
        open(&router, "/signin", cookie, "document").await,
    ] {
        assert_eq!(answer.status, StatusCode::OK);
        assert_eq!(page_text(&answer), PAGE, "the plain page, as built");
    }
    // Files and the API are never drawn.
    let file = open(&router, "/pkg/missing.js", cookie, "document").await;
    assert_eq!(page_text(&file), PAGE);

    // A signed-out visitor to the sign-in page gets the form drawn, with
    // its labels, and no one's rows.
    let sign_in = open(&router, "/signin", None, "document").await;
    let screen = drawn(&sign_in);
    assert!(screen.contains("<form"), "{screen}");
    assert!(screen.contains("<label"), "{screen}");
    assert!(!screen.contains("Lead of rep one"));
}

#[tokio::test]
async fn a_screen_is_drawn_in_the_persons_language_and_direction() {
    let (world, router, _site) = drawing_world().await;
    let chosen = world
        .rep2
        .call(&world, "/api/auth/locale", json!({ "locale": "fa" }))
        .await;
    assert_eq!(chosen.status, StatusCode::OK, "{}", chosen.body);

    let persian = open(&router, "/today", Some(&world.rep2.cookie), "document").await;
    let page = page_text(&persian);
    assert!(
        page.contains("<html lang=\"fa\" dir=\"rtl\" data-drawn>"),
        "{page}"
    );
    assert!(drawn(&persian).contains("روز من"), "My day, in Persian");

    let english = open(&router, "/today", Some(&world.rep1.cookie), "document").await;
    assert!(page_text(&english).contains("<html lang=\"en\" dir=\"ltr\" data-drawn>"));
    assert!(drawn(&english).contains("My day"));
}

#[tokio::test]
async fn every_main_screen_draws_for_every_role() {
    let (world, router, _site) = drawing_world().await;
    save_lead(&world, &world.rep1, "Lead of rep one").await;
    let screens = [
        "/",
        "/today",
        "/dashboard",
        "/pipeline",
        "/leads",
        "/leads/new",
        "/pool",
        "/activities",
        "/activities/new",
        "/goals",
        "/goals/new",
        "/pay",
        "/account",
        "/reports",
        "/team-days",
        "/events",
        "/budgets",
        "/training",
        "/audit",
        "/records",
        "/records/new",
        "/people",
        "/no-such-screen",
    ];
    for person in [&world.rep1, &world.manager_a, &world.admin] {
        for path in screens {
            let answer = open(&router, path, Some(&person.cookie), "document").await;
            assert_eq!(answer.status, StatusCode::OK, "{path}");
            let screen = drawn(&answer);
            assert_eq!(
                screen.matches("<h1").count(),
                1,
                "{} at {path}: one heading drawn: {screen}",
                person.email
            );
        }
    }
}

#[tokio::test]
async fn a_managers_home_comes_with_the_teams_figures_drawn_and_handed_over() {
    let (world, router, _site) = drawing_world().await;
    save_lead(&world, &world.rep1, "Lead of rep one").await;

    let home = open(&router, "/", Some(&world.manager_a.cookie), "document").await;
    let screen = drawn(&home);
    assert!(
        screen.contains("class=\"period-line\""),
        "the team's figures are drawn: {screen}"
    );
    assert!(screen.contains("Team A"), "{screen}");
    // The same answer goes to the device with the page, as data it reads once.
    let answers = answers_of(&page_text(&home));
    let figures = answers.team_dashboard.expect("the team's figures");
    assert_eq!(figures.team_id, Some(world.team_a));
    assert!(figures.reps.iter().any(|rep| rep.user_id == world.rep1.id));
    assert!(figures.reps.iter().all(|rep| rep.user_id != world.rep_b.id));
    // A team named to end the block cannot: `<` never appears in it.
    let mut hostile = figures.clone();
    hostile.team_name = "</script><script>alert(1)</script>".into();
    let hostile = app::first_screen::DrawnAnswers {
        team_dashboard: Some(hostile),
        goal_standings: None,
        records: None,
        pool: None,
        web_form: None,
        invite: None,
    };
    let blocks = hostile.script_blocks();
    assert_eq!(
        blocks.matches('<').count(),
        2,
        "only the block's own tags: {blocks}"
    );
    assert_eq!(answers_of(&blocks), hostile);

    // A rep's home is My day: no team figures are read for it.
    let rep_home = page_text(&open(&router, "/", Some(&world.rep1.cookie), "document").await);
    assert!(answers_of(&rep_home).team_dashboard.is_none());
}

#[tokio::test]
async fn goal_standings_are_drawn_for_those_who_may_read_the_goal() {
    let (world, router, _site) = drawing_world().await;
    let today = chrono::Utc::now().date_naive();
    let goal = new_id();
    ok(&world.manager_a, &world, "/api/goals/save", json!({ "draft": {
        "id": goal, "scope": "team", "subject_id": world.team_a.0, "metric": "calls", "target": "40",
        "currency": "", "period_start": today - chrono::Days::new(3), "period_end": today + chrono::Days::new(3) } }))
    .await;

    let standings = |page: &str| {
        answers_of(page)
            .goal_standings
            .unwrap_or_default()
            .into_iter()
            .map(|standing| standing.goal.id.to_string())
            .collect::<Vec<_>>()
    };
    let rep = page_text(&open(&router, "/today", Some(&world.rep1.cookie), "document").await);
    assert_eq!(
        standings(&rep),
        vec![goal.clone()],
        "the team's goal, for a rep of the team"
    );
    let other = page_text(&open(&router, "/today", Some(&world.rep_b.cookie), "document").await);
    assert!(standings(&other).is_empty(), "never another team's goal");
}

#[tokio::test]
async fn a_managers_records_are_drawn_on_records_and_nobody_elses() {
    let (world, router, _site) = drawing_world().await;
    let today = chrono::Utc::now().date_naive();
    for (manager, title) in [
        (&world.manager_a, "Budget of team A"),
        (&world.manager_b, "Budget of team B"),
    ] {
        ok(manager, &world, "/api/records/save", json!({ "draft": {
            "id": new_id(), "kind": "budget", "title": title, "amount": "25,000,000", "currency": "IRR",
            "period_start": today, "period_end": today, "body": "Stand and travel" } }))
        .await;
    }
    let titles = |page: &str| {
        answers_of(page).records.map(|records| {
            records
                .into_iter()
                .map(|record| record.title)
                .collect::<Vec<_>>()
        })
    };
    let manager = open(
        &router,
        "/records",
        Some(&world.manager_a.cookie),
        "document",
    )
    .await;
    assert_eq!(
        titles(&page_text(&manager)),
        Some(vec!["Budget of team A".to_string()])
    );
    let screen = drawn(&manager);
    assert!(
        screen.contains("Budget of team A"),
        "the list is drawn: {screen}"
    );
    assert!(
        !screen.contains("Budget of team B"),
        "never another team's record"
    );
    // A rep reads no records, and other screens carry none.
    let rep = page_text(&open(&router, "/records", Some(&world.rep1.cookie), "document").await);
    assert_eq!(titles(&rep), None);
    let home = page_text(&open(&router, "/", Some(&world.manager_a.cookie), "document").await);
    assert_eq!(titles(&home), None);
}

#[tokio::test]
async fn the_lead_pool_is_drawn_on_pool_for_the_readers_own_team() {
    let (world, router, _site) = drawing_world().await;
    let now = chrono::Utc::now();
    for (team, manager, name) in [
        (world.team_a, &world.manager_a, "Contact of team A"),
        (world.team_b, &world.manager_b, "Contact of team B"),
    ] {
        let form = world
            .store
            .create_web_form(
                team,
                "Contact us",
                &format!("token-{name}"),
                manager.id,
                now,
            )
            .await
            .expect("a web form");
        let contact = app::domain::pool::ValidSubmission {
            name: name.into(),
            company: "Pars Tile".into(),
            phone: "09121230001".into(),
            email: String::new(),
            message: "Please call me about tiles.".into(),
        };
        world
            .store
            .add_to_pool(team, form, &contact, now)
            .await
            .expect("a contact in the pool");
    }
    let waiting = |page: &str| {
        answers_of(page).pool.map(|pool| {
            pool.leads
                .into_iter()
                .map(|contact| contact.name)
                .collect::<Vec<_>>()
        })
    };
    let manager = open(&router, "/pool", Some(&world.manager_a.cookie), "document").await;
    assert_eq!(
        waiting(&page_text(&manager)),
        Some(vec!["Contact of team A".to_string()])
    );
    let screen = drawn(&manager);
    assert!(
        screen.contains("Contact of team A"),
        "the waiting contacts are drawn: {screen}"
    );
    assert!(
        !screen.contains("Contact of team B"),
        "never another team's contact"
    );
    // A rep of a team that keeps the pool to its manager: the screen says
    // so, and the answer carries no contact.
    let rep = open(&router, "/pool", Some(&world.rep1.cookie), "document").await;
    assert_eq!(waiting(&page_text(&rep)), Some(Vec::new()));
    assert!(!drawn(&rep).contains("Contact of team A"));
    // Other screens carry no pool.
    let home = page_text(&open(&router, "/", Some(&world.manager_a.cookie), "document").await);
    assert_eq!(waiting(&home), None);
}
