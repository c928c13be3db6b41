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
    /// Failed sign-ins per e-mail, to slow down password guessing.
    pub sign_in_throttle: SignInThrottle,
    /// Recent submissions of the public web forms, per address and form.
    pub submission_limits: super::submission_limits::SubmissionLimits,
    /// Fans committed changes out to the open live-event streams.
    pub live: LiveHub,
}

/// Hands each committed change to every open live-event stream; a stream
/// that falls behind misses events and is told to re-read everything (the
/// device then pulls), so a slow listener never holds up a writer.
#[derive(Clone, Debug)]
pub struct LiveHub {
    sender: tokio::sync::broadcast::Sender<crate::sync::live::LiveEvent>,
    /// How often an open stream checks that its session still stands.
    pub session_check_every: std::time::Duration,
    /// Set when the server shuts down: every open stream ends, so the
    /// graceful shutdown is not held up by streams that never finish.
    closing: std::sync::Arc<tokio::sync::watch::Sender<bool>>,
    /// Counts the moments this server may have missed changes announced by
    /// others (its connection for them dropped and was made again): every
    /// open stream then tells its device to re-read everything.
    missed: std::sync::Arc<tokio::sync::watch::Sender<u64>>,
}

impl LiveHub {
    /// Events held for a listener that is slow to read.
    const BACKLOG: usize = 1024;

    pub fn publish(&self, event: crate::sync::live::LiveEvent) {
        // No listener is not an error.
        let _ = self.sender.send(event);
    }

    pub fn subscribe(&self) -> tokio::sync::broadcast::Receiver<crate::sync::live::LiveEvent> {
        self.sender.subscribe()
    }

    /// Open streams right now.
    pub fn listeners(&self) -> usize {
        self.sender.receiver_count()
    }

    /// Ends every open stream (and any opened from now on); browsers
    /// reconnect to the next server by themselves.
    pub fn close_streams(&self) {
        self.closing.send_replace(true);
    }

    /// What a stream watches to learn that the server is shutting down.
    pub fn closing(&self) -> tokio::sync::watch::Receiver<bool> {
        self.closing.subscribe()
    }

    /// Changes from other servers may have been missed: every open stream
    /// tells its device to re-read (the device pulls, so nothing stays
    /// unseen).
    pub fn changes_may_have_been_missed(&self) {
        self.missed.send_modify(|times| *times += 1);
    }

    /// What a stream watches to learn that changes may have been missed.
    pub fn missed(&self) -> tokio::sync::watch::Receiver<u64> {
        self.missed.subscribe()
    }
}

impl Default for LiveHub {
    fn default() -> Self {
        Self {
            sender: tokio::sync::broadcast::channel(Self::BACKLOG).0,
            session_check_every: std::time::Duration::from_secs(60),
            closing: std::sync::Arc::new(tokio::sync::watch::channel(false).0),
            missed: std::sync::Arc::new(tokio::sync::watch::channel(0).0),
        }
    }
}

/// Tells live listeners that `profile` (or, for a manager's write, the
/// owner they wrote for) changed data; called after the commit. With
/// several servers on PostgreSQL, the listeners of every server.
pub async fn announce(
    state: &ServerState,
    kind: crate::sync::live::LiveEventKind,
    owner: crate::domain::access::Owner,
) {
    let version = match state.store.last_version().await {
        Ok(version) => version,
        Err(error) => {
            tracing::warn!(%error, "could not read the sync version for a live event");
            return;
        }
    };
    let event = crate::sync::live::LiveEvent {
        kind,
        team_id: owner.team_id,
        owner_id: owner.user_id,
        version,
    };
    if !state.store.shared_by_several_servers() {
        state.live.publish(event);
        return;
    }
    // With several servers on the database, every server's relay (this
    // one's included) hears it from the database and hands it to its own
    // listeners.
    let sent = match serde_json::to_string(&event) {
        Ok(payload) => state.store.notify_every_server(&payload).await,
        Err(error) => Err(sqlx::Error::Encode(Box::new(error))),
    };
    if let Err(error) = sent {
        tracing::warn!(%error, "could not tell the other servers of a change; telling this one's listeners");
        state.live.publish(event);
    }
}

pub use super::sign_in_throttle::SignInThrottle;

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

/// Who is asking, for the sign-in throttle: the peer's IP address, or the
/// first `X-Forwarded-For` address when the peer is a proxy on this
/// machine; "unknown" when the server was not told (in-process tests).
pub fn client_address() -> String {
    let Some(parts) = request_parts() else {
        return "unknown".into();
    };
    client_address_of(&parts.headers, &parts.extensions)
}

/// `client_address` for a request outside a server function (the first
/// screen the server draws).
pub fn client_address_of(headers: &http::HeaderMap, extensions: &http::Extensions) -> String {
    let peer = extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|info| info.0.ip());
    let forwarded = headers
        .get("x-forwarded-for")
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(',').next())
        .map(|value| value.trim().to_string())
        .filter(|value| !value.is_empty());
    match (peer, forwarded) {
        (Some(peer), Some(forwarded)) if peer.is_loopback() => forwarded,
        (Some(peer), _) => peer.to_string(),
        (None, _) => "unknown".into(),
    }
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
    let mut state = state()?;
    let token = session_token().ok_or(AppError::Unauthenticated)?;
    let profile = state
        .store
        .session_profile(&token_hash(&token), chrono::Utc::now())
        .await?
        .ok_or(AppError::Unauthenticated)?;
    // Whatever this request writes is the signed-in person's in the audit history.
    state.store = state.store.acting_as(profile.id);
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

/// The signed-in person as the owner of the work they write.
pub fn owner_of(profile: &UserProfile) -> crate::domain::access::Owner {
    crate::domain::access::Owner {
        user_id: profile.id,
        team_id: profile.team_id,
    }
}

pub fn actor(profile: &UserProfile) -> Actor {
    Actor::of(profile)
}

/// The caller's own team, when they manage it (its manager, or an admin
/// who belongs to it); anyone else is refused before anything is read.
pub fn managed_team(profile: &UserProfile) -> Result<crate::domain::TeamId, AppError> {
    let actor = actor(profile);
    profile
        .team_id
        .filter(|team| actor.can_manage_team(*team))
        .ok_or(AppError::Forbidden)
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

/// Adds a header to the response, beside any of the same name (a second
/// `Set-Cookie`).
pub fn append_response_header(name: http::HeaderName, value: &str) {
    if let (Some(response), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(value),
    ) {
        response.append_header(name, value);
    }
}

/// Whose figures a dashboard or report shows, decided (and refused) before
/// anything is read: a manager their own team, an admin the team they name
/// (else their own, else the first), a rep only their own work. Asking for
/// another team than one's own is `Forbidden`; an unknown team `NotFound`.
pub struct ReportSubject {
    pub scope: crate::domain::access::ReadScope,
    /// The team read, with its name (none for a rep without a team).
    pub team: Option<(crate::domain::TeamId, String)>,
    pub team_calendar: Option<crate::domain::period::Calendar>,
    /// The team's time zone: its days are the report's days.
    pub zone: crate::domain::time_zone::UtcOffsets,
    /// The teams an admin may switch to (empty for everyone else).
    pub teams: Vec<crate::domain::team_dashboard::TeamChoice>,
}

pub async fn report_subject(
    state: &ServerState,
    profile: &UserProfile,
    team_id: Option<crate::domain::TeamId>,
) -> Result<ReportSubject, AppError> {
    use crate::domain::Role;
    use crate::domain::access::ReadScope;
    use crate::domain::team_dashboard::TeamChoice;
    if profile.role != Role::Admin {
        if team_id.is_some() && team_id != profile.team_id {
            return Err(AppError::Forbidden);
        }
        return Ok(ReportSubject {
            scope: actor(profile).read_scope(),
            team: profile
                .team_id
                .map(|id| (id, profile.team_name.clone().unwrap_or_default())),
            team_calendar: profile.team_calendar,
            zone: state.store.team_zone(profile.team_id).await?,
            teams: Vec::new(),
        });
    }
    let all = state.store.list_teams().await?;
    let chosen = match team_id {
        Some(id) => Some(
            all.iter()
                .find(|team| team.id == id)
                .ok_or(AppError::NotFound)?,
        ),
        None => all
            .iter()
            .find(|team| Some(team.id) == profile.team_id)
            .or_else(|| all.first()),
    };
    Ok(ReportSubject {
        scope: chosen.map_or(ReadScope::Own(profile.id), |team| ReadScope::Team(team.id)),
        team: chosen.map(|team| (team.id, team.name.clone())),
        team_calendar: chosen.and_then(|team| team.calendar),
        zone: state.store.team_zone(chosen.map(|team| team.id)).await?,
        teams: all
            .iter()
            .map(|team| TeamChoice {
                id: team.id,
                name: team.name.clone(),
            })
            .collect(),
    })
}
