//! What every server function needs from the request: the shared state and
//! the signed-in person. Only built on the server.

use crate::auth::{token_from_cookie_header, token_hash};
use crate::domain::{Actor, UserProfile};
use crate::error::AppError;
use crate::store::Store;
use leptos::prelude::use_context;

/// Shared by all requests; provided to server functions by the server.
#[derive(Clone, Debug)]
pub struct ServerState {
    pub store: Store,
    /// Set `Secure` on cookies even when the request itself looks like http
    /// (the app sits behind a TLS-terminating proxy).
    pub secure_cookies: bool,
}

pub fn state() -> Result<ServerState, AppError> {
    use_context::<ServerState>().ok_or_else(|| {
        tracing::error!("server state missing from the server function context");
        AppError::Internal
    })
}

fn request_parts() -> Option<http::request::Parts> {
    use_context::<http::request::Parts>()
}

/// Whether cookies must carry `Secure`: configured, or the request came over https.
pub fn cookies_must_be_secure(state: &ServerState) -> bool {
    state.secure_cookies
        || request_parts().is_some_and(|parts| {
            parts.uri.scheme_str() == Some("https")
                || parts
                    .headers
                    .get("x-forwarded-proto")
                    .and_then(|value| value.to_str().ok())
                    == Some("https")
        })
}

/// The session token sent by the browser, if any.
pub fn session_token() -> Option<String> {
    let parts = request_parts()?;
    parts
        .headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(token_from_cookie_header)
        .map(str::to_string)
}

/// The signed-in person, or `Unauthenticated`.
pub async fn signed_in() -> Result<(ServerState, UserProfile), AppError> {
    let state = state()?;
    let token = session_token().ok_or(AppError::Unauthenticated)?;
    let profile = state
        .store
        .session_profile(&token_hash(&token), chrono::Utc::now())
        .await?
        .ok_or(AppError::Unauthenticated)?;
    Ok((state, profile))
}

/// The signed-in admin, or `Forbidden` for anyone else.
pub async fn signed_in_admin() -> Result<(ServerState, UserProfile), AppError> {
    let (state, profile) = signed_in().await?;
    if actor(&profile).can_manage_users() {
        Ok((state, profile))
    } else {
        Err(AppError::Forbidden)
    }
}

pub fn actor(profile: &UserProfile) -> Actor {
    Actor::of(profile)
}

/// Adds a header to the server function's response.
pub fn set_response_header(name: http::HeaderName, value: &str) {
    if let (Some(response), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(value),
    ) {
        response.insert_header(name, value);
    }
}
