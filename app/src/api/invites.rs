//! Invitations: a team's manager (or an admin) makes a one-time sign-up
//! link for a named e-mail, lists and revokes them; the person invited
//! opens the link signed out, sees where it leads, and makes their account
//! (signed in at once). Only the link's holder can use it, once, for 7 days.

use crate::domain::invite::{Invite, InviteDraft, InviteWelcome, JoinDraft};
use crate::domain::{InviteId, TeamId, UserProfile};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

/// A new invitation and its link, shown once (only its hash is kept).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedInvite {
    pub invite: Invite,
    /// The path to send, `/join/<secret>`.
    pub link_path: String,
}

/// Makes a sign-up link for `draft.email` into the caller's team (an
/// admin: the team named, else their own). The e-mail must not have an
/// account yet; an earlier waiting link for it stops working.
#[server(endpoint = "people/invites/create", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn create_invite(
    team_id: Option<TeamId>,
    draft: InviteDraft,
) -> Result<CreatedInvite, AppError> {
    use crate::domain::invite::INVITE_DAYS;
    use crate::domain::validation::{FieldErrors, FieldProblem};
    let (state, profile, team_id) = server::invites_team(team_id).await?;
    let (email, role) = draft.validate(profile.role)?;
    if state
        .store
        .email_taken(&email, crate::domain::UserId::new())
        .await?
    {
        let mut errors = FieldErrors::default();
        errors.add("email", FieldProblem::EmailTaken);
        return Err(AppError::Invalid(errors));
    }
    let secret = crate::auth::new_session_token().map_err(|error| {
        tracing::error!(%error, "no randomness for an invite");
        AppError::Internal
    })?;
    let now = chrono::Utc::now();
    let invite = Invite {
        id: InviteId::new(),
        email,
        role,
        created_at: now,
        expires_at: now + chrono::Duration::days(INVITE_DAYS),
        used_at: None,
        revoked_at: None,
    };
    state
        .store
        .create_invite(crate::store::NewInvite {
            id: invite.id,
            token_hash: &crate::auth::token_hash(&secret),
            team_id,
            role,
            email: &invite.email,
            created_by: profile.id,
            created_at: invite.created_at,
            expires_at: invite.expires_at,
        })
        .await?;
    Ok(CreatedInvite {
        invite,
        link_path: format!("/join/{secret}"),
    })
}

/// The team's invitations of the last 30 days, newest first.
#[server(endpoint = "people/invites/list", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn list_invites(team_id: Option<TeamId>) -> Result<Vec<Invite>, AppError> {
    let (state, _, team_id) = server::invites_team(team_id).await?;
    Ok(state
        .store
        .team_invites(team_id, chrono::Utc::now())
        .await?)
}

/// Stops a waiting link working.
#[server(endpoint = "people/invites/revoke", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn revoke_invite(invite_id: InviteId) -> Result<(), AppError> {
    use crate::api::context::{actor, signed_in};
    let (state, profile) = signed_in().await?;
    let team_id = state
        .store
        .invite_team(invite_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !actor(&profile).can_manage_team(team_id) {
        return Err(AppError::Forbidden);
    }
    Ok(state
        .store
        .revoke_invite(invite_id, chrono::Utc::now())
        .await?)
}

/// What a sign-up link leads to, for the person holding it (no session
/// needed). A link that is unknown, used, revoked or expired is `NotFound`.
#[server(endpoint = "invites/read", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn read_invite(secret: String) -> Result<InviteWelcome, AppError> {
    let state = crate::api::context::state()?;
    invite_of(&state, &secret, &crate::api::context::client_address()).await
}

/// What a link leads to, read for `client` (counted against that address's
/// throttle like any use of a link): shared by `read_invite` and the first
/// screen the server draws for `/join/<secret>`.
#[cfg(feature = "ssr")]
pub async fn invite_of(
    state: &crate::api::context::ServerState,
    secret: &str,
    client: &str,
) -> Result<InviteWelcome, AppError> {
    let hash = server::secret_hash(secret)?;
    server::throttle_link_use(state, &hash, client).await?;
    let welcome = state
        .store
        .invite_welcome(&hash, chrono::Utc::now())
        .await?
        .ok_or(AppError::NotFound)?;
    server::link_worked(state, &hash, client).await?;
    Ok(welcome)
}

/// Makes the invited person's account (the link's e-mail, team and role)
/// and signs them in. The link works once: a second use is `NotFound`.
#[server(endpoint = "invites/accept", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn accept_invite(secret: String, draft: JoinDraft) -> Result<UserProfile, AppError> {
    use crate::api::context::{cookies_must_be_secure, set_response_header};
    use crate::auth::{
        SESSION_DAYS, new_session_token, on_hashing_thread, session_cookie, token_hash,
    };
    let state = crate::api::context::state()?;
    let hash = server::secret_hash(&secret)?;
    let client = crate::api::context::client_address();
    server::throttle_link_use(&state, &hash, &client).await?;
    let now = chrono::Utc::now();
    // Checked before the slow work, so a dead link answers at once.
    state
        .store
        .invite_welcome(&hash, now)
        .await?
        .ok_or(AppError::NotFound)?;
    server::link_worked(&state, &hash, &client).await?;
    let join = draft.validate()?;
    let turn = state
        .sign_in_throttle
        .hashing_turn()
        .await
        .map_err(|retry_after_seconds| AppError::TooManyAttempts {
            retry_after_seconds,
        })?;
    let password = join.password.clone();
    let password_hash = on_hashing_thread(move || crate::auth::hash_password(&password))
        .await
        .ok_or(AppError::Internal)?
        .map_err(|error| {
            tracing::error!(%error, "could not hash a password");
            AppError::Internal
        })?;
    drop(turn);
    let user_id = state
        .store
        .accept_invite(
            &hash,
            crate::store::JoiningPerson {
                id: crate::domain::UserId::new(),
                display_name: &join.display_name,
                password_hash: &password_hash,
                locale: join.locale,
            },
            now,
        )
        .await?
        .ok_or(AppError::NotFound)?;
    let token = new_session_token().map_err(|error| {
        tracing::error!(%error, "no randomness for a session token");
        AppError::Internal
    })?;
    state
        .store
        .create_session(
            &token_hash(&token),
            user_id,
            now + chrono::Duration::days(SESSION_DAYS),
        )
        .await?;
    set_response_header(
        http::header::SET_COOKIE,
        &session_cookie(&token, cookies_must_be_secure(&state)),
    );
    state
        .store
        .profile(user_id)
        .await?
        .ok_or(AppError::Internal)
}

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use crate::api::context::{ServerState, actor, report_subject, signed_in};
    use crate::domain::{TeamId, UserProfile};
    use crate::error::AppError;

    /// The team the caller invites into: a manager's own, an admin's choice.
    pub async fn invites_team(
        team_id: Option<TeamId>,
    ) -> Result<(ServerState, UserProfile, TeamId), AppError> {
        let (state, profile) = signed_in().await?;
        let subject = report_subject(&state, &profile, team_id).await?;
        let (team_id, _) = subject.team.ok_or(AppError::Forbidden)?;
        if !actor(&profile).can_manage_team(team_id) {
            return Err(AppError::Forbidden);
        }
        Ok((state, profile, team_id))
    }

    /// The throttle's key for one link (beside the client's own count).
    fn link_key(hash: &str) -> String {
        format!("invite-link:{hash}")
    }

    pub async fn link_worked(
        state: &ServerState,
        hash: &str,
        client: &str,
    ) -> Result<(), AppError> {
        state
            .sign_in_throttle
            .succeeded(&state.store, &link_key(hash), client)
            .await
    }

    /// Link secrets are what `new_session_token` makes; anything else is
    /// refused before the database is asked.
    pub fn secret_hash(secret: &str) -> Result<String, AppError> {
        let plausible = (20..=128).contains(&secret.len())
            && secret
                .bytes()
                .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_');
        if plausible {
            Ok(crate::auth::token_hash(secret))
        } else {
            Err(AppError::NotFound)
        }
    }

    /// Opening a link counts like a sign-in attempt (per link and per
    /// client), so links cannot be tried by the thousand; a link that works
    /// gives its attempt back.
    pub async fn throttle_link_use(
        state: &ServerState,
        hash: &str,
        client: &str,
    ) -> Result<(), AppError> {
        state
            .sign_in_throttle
            .attempt(&state.store, &link_key(hash), client)
            .await
    }
}
