//! Sends a first visit its screen already drawn (issue 13): a browser's
//! navigation to one of the app's screens, with a live session, gets
//! `index.html` with the person's screen drawn by the app's own views from
//! the first page of their rows (`app::first_screen`). Anything else (files,
//! the service worker's fetch of its plain shell, a request with no session
//! or from a browser signing out, a screen that fails to draw in time) gets
//! the plain page as before.

use app::api::context::ServerState;
use app::auth::{signing_out, token_from_cookie_header, token_hash};
use app::domain::{Actor, Choice};
use app::error::AppError;
use app::first_screen::{DrawnAnswers, DrawnFor, VisitorLocale};
use app::sync::client::ClientState;
use app::sync::protocol::{ClientId, MAX_BATCH};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{HeaderValue, Method, header};
use std::sync::Arc;
use std::time::Duration;

/// How long a first screen may take to draw before the plain page is sent.
const DRAWING_TIME_LIMIT: Duration = Duration::from_secs(2);

/// What drawing needs: the store (sessions, rows) and the built page.
#[derive(Clone)]
pub struct FirstScreens {
    pub state: ServerState,
    /// `index.html` as built; `None` when the site has none (some tests).
    pub page: Option<Arc<str>>,
}

/// Middleware in front of the static files: draws a screen when it can.
pub async fn draw_first_screen(
    State(screens): State<FirstScreens>,
    request: Request,
    next: Next,
) -> Response {
    let Some(page) = screens.page.clone() else {
        return next.run(request).await;
    };
    let Some(path) = screen_path(&request) else {
        return next.run(request).await;
    };
    let cookies = request
        .headers()
        .get(header::COOKIE)
        .and_then(|cookies| cookies.to_str().ok())
        .map(str::to_string);
    let to_sign_in = request.uri().path() == "/signin";
    // A team's public web form is drawn for anyone: its visitors are
    // prospects, signed out, often on a phone.
    let web_form_token = request
        .uri()
        .path()
        .strip_prefix("/form/")
        .filter(|token| !token.is_empty() && !token.contains('/'))
        .map(str::to_string);
    // So is a sign-up link: a new rep opens it once, often on a phone.
    let invite_secret = request
        .uri()
        .path()
        .strip_prefix("/join/")
        .filter(|secret| !secret.is_empty() && !secret.contains('/'))
        .map(str::to_string);
    let profile = match signed_in(&screens.state, cookies.as_deref()).await {
        // The app sends a signed-in person on from the sign-in page.
        Some(_) if to_sign_in => return next.run(request).await,
        Some(profile) => Some(profile),
        None if to_sign_in || web_form_token.is_some() || invite_secret.is_some() => None,
        None => return next.run(request).await,
    };
    let (drawn, mut answers) = match profile {
        Some(profile) => match first_rows(&screens.state, profile, request.uri().path()).await {
            Some((drawn, answers)) => (Some(drawn), answers),
            None => return next.run(request).await,
        },
        None => (None, DrawnAnswers::default()),
    };
    if let Some(token) = web_form_token {
        answers.web_form = match app::api::pool::web_form_of(&screens.state, &token).await {
            Err(AppError::Internal) => {
                tracing::warn!("could not read a web form to draw; sent the plain page");
                return next.run(request).await;
            }
            answer => Some(answer),
        };
    }
    if let Some(secret) = invite_secret {
        let client = app::api::context::client_address_of(request.headers(), request.extensions());
        answers.invite = match app::api::invites::invite_of(&screens.state, &secret, &client).await
        {
            Err(AppError::Internal) => {
                tracing::warn!("could not read a sign-up link to draw; sent the plain page");
                return next.run(request).await;
            }
            answer => Some(answer),
        };
    }
    // Nobody signed in: the browser's language, as the app would choose.
    let visitor = VisitorLocale::from_accept_language(
        request
            .headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|language| language.to_str().ok())
            .unwrap_or_default(),
    );
    let locale = drawn
        .as_ref()
        .map_or(visitor.0, |drawn| drawn.profile.locale);
    match draw(path, drawn, answers.clone(), visitor).await {
        Some(html) => drawn_page(&page, &html, &answers, locale),
        None => next.run(request).await,
    }
}

/// The path and query of a browser's navigation to an app screen: a GET
/// the browser makes for a document (`Sec-Fetch-Dest`), not for a file.
fn screen_path(request: &Request) -> Option<String> {
    if request.method() != Method::GET {
        return None;
    }
    let destination = request.headers().get("sec-fetch-dest")?;
    if destination.as_bytes() != b"document" {
        return None;
    }
    let path = request.uri().path();
    if path.starts_with("/api/")
        || path
            .rsplit('/')
            .next()
            .is_some_and(|last| last.contains('.'))
    {
        return None;
    }
    Some(
        request
            .uri()
            .path_and_query()
            .map_or_else(|| path.to_string(), |whole| whole.as_str().to_string()),
    )
}

async fn signed_in(state: &ServerState, cookies: Option<&str>) -> Option<app::domain::UserProfile> {
    let cookies = cookies?;
    // Signing out on this browser, the server not yet told: draw nothing
    // for the session (the app that starts ends it first).
    if signing_out(cookies) {
        return None;
    }
    let token = token_from_cookie_header(cookies)?;
    match state
        .store
        .session_profile(&token_hash(token), chrono::Utc::now())
        .await
    {
        Ok(profile) => profile,
        Err(error) => {
            tracing::warn!(%error, "could not read a session to draw a first screen");
            None
        }
    }
}

/// The rows the device's own first pull brings: the first page, as the
/// person may read them (the same read and scope as `api::pull`).
async fn first_rows(
    state: &ServerState,
    profile: app::domain::UserProfile,
    path: &str,
) -> Option<(DrawnFor, DrawnAnswers)> {
    let page = state
        .store
        .pull(
            &Actor::of(&profile),
            ClientId(uuid::Uuid::new_v4()),
            0,
            None,
            MAX_BATCH,
        )
        .await
        .inspect_err(|error| tracing::warn!(%error, "could not read rows to draw a first screen"))
        .ok()?;
    let mut client = ClientState::new(profile.id, &profile.display_name);
    client.pulled(page, chrono::Utc::now());
    // A manager's home and anyone's dashboard show the team's figures.
    let dashboard = path == "/dashboard" || (path == "/" && profile.manages());
    let team_dashboard = if dashboard {
        app::api::dashboard::team_dashboard_of(state, &profile, None, profile.locale)
            .await
            .inspect_err(
                |error| tracing::warn!(%error, "could not read the team's figures to draw"),
            )
            .ok()
    } else {
        None
    };
    // Where goals stand by the server's count (the milestone notices).
    let today = match state.store.team_zone(profile.team_id).await {
        Ok(zone) => zone.local_day(chrono::Utc::now()),
        Err(error) => {
            tracing::warn!(%error, "could not read the team's time zone to draw");
            return None;
        }
    };
    let goal_standings = app::api::goals::goal_standings_of(state, &profile, today)
        .await
        .inspect_err(|error| tracing::warn!(%error, "could not read goal standings to draw"))
        .ok();
    // A manager's records: the list is the screen.
    let records = if path == "/records" && profile.manages() {
        app::api::records::records_of(state, &profile)
            .await
            .inspect_err(|error| tracing::warn!(%error, "could not read records to draw"))
            .ok()
    } else {
        None
    };
    // The lead pool (online only): the waiting contacts are the screen.
    let pool = if path == "/pool" {
        app::api::pool::pool_of(state, &profile, None)
            .await
            .inspect_err(|error| tracing::warn!(%error, "could not read the lead pool to draw"))
            .ok()
    } else {
        None
    };
    Some((
        DrawnFor {
            profile,
            state: client,
        },
        DrawnAnswers {
            team_dashboard,
            goal_standings,
            records,
            pool,
            ..DrawnAnswers::default()
        },
    ))
}

/// Views are not `Send` and screens start local tasks as they draw: each
/// drawing runs on a blocking thread in its own local task set. A screen
/// that panics or takes too long is logged and the plain page sent.
async fn draw(
    path: String,
    drawn: Option<DrawnFor>,
    answers: DrawnAnswers,
    visitor: VisitorLocale,
) -> Option<String> {
    let drawing = tokio::task::spawn_blocking(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .ok()?;
        let tasks = tokio::task::LocalSet::new();
        tasks.block_on(&runtime, async move {
            tokio::time::timeout(
                DRAWING_TIME_LIMIT,
                app::first_screen::draw(&path, drawn, answers, visitor),
            )
            .await
            .ok()
        })
    });
    match drawing.await {
        Ok(Some(html)) => Some(html),
        Ok(None) => {
            tracing::warn!("a first screen took too long to draw; sent the plain page");
            None
        }
        Err(error) => {
            tracing::error!(%error, "a first screen failed to draw; sent the plain page");
            None
        }
    }
}

/// `index.html` with the drawn screen as the first thing in its body, in the
/// person's language and direction; never stored by a cache (it holds the
/// person's rows).
fn drawn_page(
    page: &str,
    html: &str,
    answers: &DrawnAnswers,
    locale: app::domain::Locale,
) -> Response {
    let mut whole = String::with_capacity(page.len() + html.len() + 64);
    // `data-drawn` tells index.html to paint before asking for the app.
    let page = page.replacen(
        "<html lang=\"en\" dir=\"ltr\">",
        &format!(
            "<html lang=\"{}\" dir=\"{}\" data-drawn>",
            locale.as_str(),
            if locale.is_right_to_left() {
                "rtl"
            } else {
                "ltr"
            }
        ),
        1,
    );
    match page.split_once("<body>") {
        Some((head, body)) => {
            whole.push_str(head);
            whole.push_str("<body>\n  <div id=\"first-screen\">");
            whole.push_str(html);
            // The mark that lets the drawn screen show (`main.css`): only
            // once all of it has been parsed.
            whole.push_str("</div><i id=\"first-screen-end\" hidden></i>");
            whole.push_str(&answers.script_blocks());
            whole.push_str(body);
        }
        None => whole.push_str(&page),
    }
    let mut response = Body::from(whole).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::VARY,
        HeaderValue::from_static("cookie, accept-language"),
    );
    response
}
