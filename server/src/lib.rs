//! The Pishro server as a library: settings, start-up (database, migrations,
//! demo data) and `app(state) -> Router`, so tests drive the real router
//! in-process without a socket.

use app::api::context::ServerState;
use app::error::AppError;
use app::store::Store;
use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use http::{HeaderValue, StatusCode, header};
use std::path::PathBuf;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

pub mod first_screen;
pub mod guard;
pub mod headers;
pub mod live;

/// Largest request body accepted; anything bigger gets 413.
pub const MAX_REQUEST_BYTES: usize = 256 * 1024;

/// Largest lead import request: the largest file accepted, base64 (4/3),
/// plus room for the rest of the request.
pub const MAX_IMPORT_REQUEST_BYTES: usize =
    app::domain::lead_import::MAX_IMPORT_FILE_BYTES / 3 * 4 + 64 * 1024;

/// Largest "share leads" request: up to `MAX_SHARED_LEADS` quoted ids
/// (39 bytes each with the comma) and room for the rest. Found by the lead
/// import bench: 10,000 ids (390 KB) were refused at the general limit.
pub const MAX_SHARE_REQUEST_BYTES: usize = app::api::lead_share::MAX_SHARED_LEADS * 40 + 64 * 1024;

/// Where and how to run, read from the environment with sensible defaults.
#[derive(Clone, Debug)]
pub struct Settings {
    /// `PISHRO_DATABASE_URL`, default `sqlite:pishro.db` in the working directory.
    pub database_url: String,
    /// `PISHRO_ADDRESS`, default `127.0.0.1:3000`.
    pub address: String,
    /// `PISHRO_SITE_DIR`: the built frontend (index.html, pkg/, style).
    pub site_dir: PathBuf,
    /// Demo data (with its published passwords) on an empty database:
    /// `PISHRO_DEMO_DATA=1` or `=0` decides; unset, only when the server
    /// listens on a loopback address (the README's run), never on a
    /// public one.
    pub demo_data: bool,
    /// `PISHRO_SECURE_COOKIES=1` when served behind an https proxy.
    pub secure_cookies: bool,
    /// `PISHRO_WEB_FORM_SUBMISSIONS_PER_ADDRESS`: how many web form
    /// submissions one network address may send in ten minutes (default 5).
    pub web_form_submissions_per_address: usize,
}

impl Settings {
    pub fn from_environment() -> Self {
        let variable = |name: &str| std::env::var(name).ok().filter(|value| !value.is_empty());
        let flag = |name: &str, default: bool| {
            variable(name).map_or(default, |value| {
                !matches!(value.as_str(), "0" | "false" | "no" | "off")
            })
        };
        let address = variable("PISHRO_ADDRESS").unwrap_or_else(|| "127.0.0.1:3000".into());
        Self {
            database_url: variable("PISHRO_DATABASE_URL")
                .unwrap_or_else(|| "sqlite:pishro.db".into()),
            demo_data: flag("PISHRO_DEMO_DATA", is_loopback(&address)),
            address,
            site_dir: variable("PISHRO_SITE_DIR")
                .map_or_else(|| PathBuf::from("site"), PathBuf::from),
            secure_cookies: flag("PISHRO_SECURE_COOKIES", false),
            web_form_submissions_per_address: variable("PISHRO_WEB_FORM_SUBMISSIONS_PER_ADDRESS")
                .and_then(|value| value.parse().ok())
                .unwrap_or(app::api::submission_limits::PER_ADDRESS.count),
        }
    }
}

/// Whether `address` ("127.0.0.1:3000", "localhost:3000", "[::1]:3000")
/// can only be reached from this machine.
pub fn is_loopback(address: &str) -> bool {
    let host = address
        .rsplit_once(':')
        .map_or(address, |(host, _)| host)
        .trim_start_matches('[')
        .trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Creates an admin account with a random password, returned once to be
/// printed (`pishro create-admin EMAIL`): the real way to start a deployed
/// Pishro, which has no demo accounts.
pub async fn create_admin(store: &Store, email: &str) -> Result<String, StartError> {
    use app::domain::validation::required_email;
    let email = required_email(email)
        .map_err(|_| StartError::Admin(format!("{email:?} is not an e-mail address")))?;
    if store
        .email_taken(&email, app::domain::UserId::new())
        .await?
    {
        return Err(StartError::Admin(format!("{email} already has an account")));
    }
    let password = app::auth::new_session_token()
        .map_err(|error| StartError::Admin(error.to_string()))?
        .chars()
        .take(24)
        .collect::<String>();
    let hash =
        app::auth::hash_password(&password).map_err(|error| StartError::Hash(error.to_string()))?;
    let name = email.split('@').next().unwrap_or("Admin").to_string();
    store
        .insert_user(app::store::NewUser {
            id: app::domain::UserId::new(),
            email: &email,
            display_name: &name,
            password_hash: &hash,
            role: app::domain::Role::Admin,
            team_id: None,
            locale: app::domain::Locale::En,
        })
        .await?;
    Ok(password)
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("could not open or migrate the database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("could not hash the demo password: {0}")]
    Hash(String),
    #[error("could not create the admin: {0}")]
    Admin(String),
}

/// Opens the database and, when it has no users and demo data is wanted,
/// fills it with the demo world. Returns whether demo data was created.
pub async fn prepare_store(
    database_url: &str,
    demo_data: bool,
) -> Result<(Store, bool), StartError> {
    let store = Store::connect(database_url).await?;
    let mut seeded = false;
    if demo_data && !store.has_users().await? {
        let hash = app::auth::hash_password(app::store::demo::DEMO_PASSWORD)
            .map_err(|error| StartError::Hash(error.to_string()))?;
        app::store::demo::seed(&store, &hash).await?;
        // The demo teams were made after the start's settling: their zones
        // and holiday lists now.
        store.settle_time_zones().await?;
        store.settle_holidays().await?;
        seeded = true;
    }
    Ok((store, seeded))
}

/// The whole HTTP surface: server functions under `/api/`, the built
/// frontend as static files, and `index.html` for every other path (the app
/// routes in the browser).
pub fn app(state: ServerState, site_dir: PathBuf) -> Router {
    let index = site_dir.join("index.html");
    let first_screens = first_screen::FirstScreens {
        state: state.clone(),
        page: std::fs::read_to_string(&index)
            .ok()
            .map(std::sync::Arc::from),
    };
    let content_security_policy = headers::content_security_policy(&site_dir);
    let https = state.secure_cookies;
    let static_files = ServeDir::new(&site_dir)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(
            ServeFile::new(index)
                .precompressed_br()
                .precompressed_gzip(),
        );
    Router::new()
        // Live events: a long-lived stream, never compressed (that would buffer it).
        .route(
            app::sync::live::LIVE_EVENTS_PATH,
            axum::routing::get(live::live_events)
                .layer(RequestBodyLimitLayer::new(MAX_REQUEST_BYTES)),
        )
        // API answers (a first pull can be large) are gzipped for browsers
        // that accept it; static files are pre-compressed at build time.
        .route(
            "/api/{*fn_name}",
            post(server_function)
                .get(server_function)
                .layer::<_, std::convert::Infallible>(
                    tower_http::compression::CompressionLayer::new(),
                )
                .layer(RequestBodyLimitLayer::new(MAX_REQUEST_BYTES)),
        )
        // A lead import carries the whole file (base64): the only larger body.
        .route(
            "/api/leads/import/{action}",
            post(server_function)
                .layer::<_, std::convert::Infallible>(
                    tower_http::compression::CompressionLayer::new(),
                )
                .layer::<_, std::convert::Infallible>(RequestBodyLimitLayer::new(
                    MAX_IMPORT_REQUEST_BYTES,
                ))
                // axum's own default (2 MB) would refuse a larger file first.
                .layer(axum::extract::DefaultBodyLimit::max(
                    MAX_IMPORT_REQUEST_BYTES,
                )),
        )
        // Sharing names up to 10,000 leads by id.
        .route(
            "/api/leads/share",
            post(server_function)
                .layer::<_, std::convert::Infallible>(
                    tower_http::compression::CompressionLayer::new(),
                )
                .layer(RequestBodyLimitLayer::new(MAX_SHARE_REQUEST_BYTES)),
        )
        // Static files revalidate (a cheap 304) rather than download again: the
        // service worker's copy of the shell and the HTTP cache agree.
        .fallback_service(
            tower::ServiceBuilder::new()
                // A drawn first screen is compressed as it goes; the static
                // files already are (their pre-compressed copies).
                .layer(tower_http::compression::CompressionLayer::new())
                .layer(axum::middleware::from_fn_with_state(
                    first_screens,
                    first_screen::draw_first_screen,
                ))
                .map_response(IntoResponse::into_response)
                .layer(RequestBodyLimitLayer::new(MAX_REQUEST_BYTES))
                .layer(SetResponseHeaderLayer::if_not_present(
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("no-cache"),
                ))
                .service(static_files),
        )
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            content_security_policy,
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(axum::middleware::map_response(
            move |mut response: Response| async move {
                // Only over https: on plain http (the README's loopback run)
                // browsers ignore it anyway.
                if https {
                    response.headers_mut().insert(
                        header::STRICT_TRANSPORT_SECURITY,
                        HeaderValue::from_static(headers::STRICT_TRANSPORT_SECURITY),
                    );
                }
                response
            },
        ))
        .with_state(state)
}

/// Answers one server function and says in a `Server-Timing` header how
/// long the server spent on it (shown in the browser's developer tools; the
/// load benchmark reads it to tell the server's time from the network's).
async fn server_function(State(state): State<ServerState>, request: Request<Body>) -> Response {
    let started = std::time::Instant::now();
    let mut response = answer_server_function(state, request).await;
    let milliseconds = started.elapsed().as_secs_f64() * 1000.0;
    if let Ok(timing) = HeaderValue::from_str(&format!("app;dur={milliseconds:.1}")) {
        response.headers_mut().insert("server-timing", timing);
    }
    response
}

async fn answer_server_function(state: ServerState, request: Request<Body>) -> Response {
    let path = request.uri().path().to_string();
    if let Some(refusal) = guard::refusal(request.method(), request.headers()) {
        tracing::info!(%path, ?refusal, "refused a request another site could have forged");
        return (refusal.status(), refusal.message()).into_response();
    }
    let response = leptos_axum::handle_server_fns_with_context(
        move || leptos::prelude::provide_context(state.clone()),
        request,
    )
    .await
    .into_response();
    let (mut parts, body) = response.into_parts();
    parts
        .headers
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if parts.headers.contains_key("serverfnerror") {
        // Errors arrive as status 500 with the `AppError` as JSON; give each
        // the status that says what it is.
        let Ok(bytes) = axum::body::to_bytes(body, MAX_REQUEST_BYTES).await else {
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        };
        if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
            parts.status = error.http_status();
        }
        return Response::from_parts(parts, Body::from(bytes));
    }
    if parts.status == StatusCode::BAD_REQUEST && !parts.headers.contains_key(header::CONTENT_TYPE)
    {
        tracing::debug!(%path, "no such server function");
        return (
            StatusCode::NOT_FOUND,
            "No such API endpoint. Please reload Pishro.",
        )
            .into_response();
    }
    Response::from_parts(parts, body)
}
