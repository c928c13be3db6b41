//! Signing in and out, and the signed-in person's profile and language.

use crate::domain::{Locale, UserProfile};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Set by the browser as a person signs out, before the server has ended
/// their session: that request is cut off when the page is left at once.
/// While it is there the server draws no screen for the session (the next
/// navigation gets the plain page, whose app ends the session first). Not
/// a secret, and all it can do is take a drawn screen away; ended with the
/// session by `auth/sign_out`, and by the browser at the next sign-in. Here, not in
/// `auth`, because the browser sets it too.
pub const SIGNING_OUT_COOKIE: &str = "pishro_signing_out";

/// Checks e-mail and password and starts a session (an HttpOnly cookie).
#[server(endpoint = "auth/sign_in", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn sign_in(email: String, password: String) -> Result<UserProfile, AppError> {
    use crate::api::context::{cookies_must_be_secure, set_response_header, state};
    use crate::auth::{
        SESSION_DAYS, decoy_hash, new_session_token, session_cookie, token_hash, verify_password,
    };
    use crate::domain::validation::{FieldErrors, FieldProblem, required_email};

    let state = state()?;
    let mut errors = FieldErrors::default();
    let email = errors.check("email", required_email(&email));
    if password.is_empty() {
        errors.add("password", FieldProblem::Required);
    } else if password.len() > 1024 {
        errors.add("password", FieldProblem::TooLong { max: 1024 });
    }
    let email = match email {
        Some(email) if errors.is_empty() => email,
        _ => return Err(AppError::Invalid(errors)),
    };
    // Counted before the password is checked, so parallel guesses cannot
    // all get through; per address and client (see `SignInThrottle`).
    let client = crate::api::context::client_address();
    state
        .sign_in_throttle
        .attempt(&state.store, &email, &client)
        .await?;
    let credentials = state.store.credentials_by_email(&email).await?;
    let password_hash = credentials
        .as_ref()
        .map_or(decoy_hash(), |found| found.password_hash.as_str())
        .to_string();
    // Hashing is slow and takes memory on purpose: a few at once, off the
    // async workers.
    let turn = state
        .sign_in_throttle
        .hashing_turn()
        .await
        .map_err(|retry_after_seconds| AppError::TooManyAttempts {
            retry_after_seconds,
        })?;
    let matches =
        crate::auth::on_hashing_thread(move || verify_password(&password, &password_hash))
            .await
            .ok_or(AppError::Internal)?;
    drop(turn);
    let credentials = match credentials {
        Some(credentials) if matches && credentials.active => credentials,
        _ => return Err(AppError::BadCredentials),
    };
    state
        .sign_in_throttle
        .succeeded(&state.store, &email, &client)
        .await?;
    let token = new_session_token().map_err(|error| {
        tracing::error!(%error, "no randomness for a session token");
        AppError::Internal
    })?;
    let expires_at = chrono::Utc::now() + chrono::Duration::days(SESSION_DAYS);
    state
        .store
        .create_session(&token_hash(&token), credentials.user_id, expires_at)
        .await?;
    set_response_header(
        http::header::SET_COOKIE,
        &session_cookie(&token, cookies_must_be_secure(&state)),
    );
    let profile = state
        .store
        .profile(credentials.user_id)
        .await?
        .ok_or(AppError::BadCredentials)?;
    with_team_days(&state, profile).await
}

/// Changes the signed-in person's own password after checking the current
/// one (counted by the sign-in throttle like a sign-in, so it cannot be
/// used to guess); every other session of theirs ends, this one stays.
#[server(endpoint = "account/password", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn change_own_password(
    change: crate::domain::user::PasswordChange,
) -> Result<(), AppError> {
    use crate::api::context::{client_address, session_token, signed_in};
    use crate::auth::{hash_password, on_hashing_thread, token_hash, verify_password};
    use crate::domain::validation::{FieldErrors, FieldProblem};

    let (state, profile) = signed_in().await?;
    let (current, chosen) = change.validate()?;
    let client = client_address();
    state
        .sign_in_throttle
        .attempt(&state.store, &profile.email, &client)
        .await?;
    let credentials = state
        .store
        .credentials_by_email(&profile.email)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let turn = state
        .sign_in_throttle
        .hashing_turn()
        .await
        .map_err(|retry_after_seconds| AppError::TooManyAttempts {
            retry_after_seconds,
        })?;
    let stored = credentials.password_hash.clone();
    let matches = on_hashing_thread(move || verify_password(&current, &stored))
        .await
        .ok_or(AppError::Internal)?;
    if !matches {
        let mut errors = FieldErrors::default();
        errors.add("current_password", FieldProblem::WrongPassword);
        return Err(AppError::Invalid(errors));
    }
    state
        .sign_in_throttle
        .succeeded(&state.store, &profile.email, &client)
        .await?;
    let new_hash = on_hashing_thread(move || hash_password(&chosen))
        .await
        .ok_or(AppError::Internal)?
        .map_err(|error| {
            tracing::error!(%error, "could not hash a password");
            AppError::Internal
        })?;
    drop(turn);
    let keep = session_token()
        .map(|token| token_hash(&token))
        .ok_or(AppError::Unauthenticated)?;
    state
        .store
        .set_own_password(profile.id, &new_hash, &keep)
        .await?;
    Ok(())
}

/// The profile as a device keeps it: with the team's working days.
#[cfg(feature = "ssr")]
async fn with_team_days(
    state: &crate::api::context::ServerState,
    mut profile: UserProfile,
) -> Result<UserProfile, AppError> {
    if let Some(team_id) = profile.team_id {
        profile.team_days = state.store.team_days_for_devices(team_id).await?;
    }
    Ok(profile)
}

/// Ends the session on the server and clears the cookie.
#[server(endpoint = "auth/sign_out", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::api::context::{
        append_response_header, cookies_must_be_secure, session_token, set_response_header, state,
    };
    use crate::auth::{cleared_session_cookie, cleared_signing_out_cookie, token_hash};

    let state = state()?;
    if let Some(token) = session_token() {
        state.store.delete_session(&token_hash(&token)).await?;
    }
    let secure = cookies_must_be_secure(&state);
    set_response_header(http::header::SET_COOKIE, &cleared_session_cookie(secure));
    // The session is over: the browser's mark that it was ending goes too.
    append_response_header(
        http::header::SET_COOKIE,
        &cleared_signing_out_cookie(secure),
    );
    Ok(())
}

/// The signed-in person, or `None` when the browser has no live session.
/// Not an error: the app asks this on start to learn whether to show sign-in.
#[server(endpoint = "auth/me", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn current_user() -> Result<Option<UserProfile>, AppError> {
    match crate::api::context::signed_in().await {
        Ok((state, profile)) => Ok(Some(with_team_days(&state, profile).await?)),
        Err(AppError::Unauthenticated) => Ok(None),
        Err(error) => Err(error),
    }
}

/// Remembers the language the person reads Pishro in.
#[server(endpoint = "auth/locale", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn set_locale(locale: Locale) -> Result<(), AppError> {
    let (state, profile) = crate::api::context::signed_in().await?;
    state.store.set_locale(profile.id, locale).await?;
    Ok(())
}
