//! The live-event stream (`sync::live`): server-sent events behind the
//! session. Each listener hears only changes to rows it may read
//! (`LiveEvent::audible_to`); a listener that falls behind is told to
//! re-read everything; a comment every 15 s keeps proxies from closing an
//! idle stream; the stream ends within a minute of its session ending, and
//! at once when the server shuts down.

use app::api::context::ServerState;
use app::auth::{token_from_cookie_header, token_hash};
use app::domain::Actor;
use app::error::AppError;
use app::sync::live::LIVE_EVENT_NAME;
use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use http::{HeaderMap, header};
use std::convert::Infallible;
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;

/// How long a browser waits before reconnecting after the stream drops.
const RECONNECT_AFTER: Duration = Duration::from_secs(2);

fn refuse(error: AppError) -> Response {
    let status = error.http_status();
    (status, axum::Json(error)).into_response()
}

pub async fn live_events(State(state): State<ServerState>, headers: HeaderMap) -> Response {
    let token = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(token_from_cookie_header)
        .map(str::to_string);
    let Some(token) = token else {
        return refuse(AppError::Unauthenticated);
    };
    let profile = match state
        .store
        .session_profile(&token_hash(&token), chrono::Utc::now())
        .await
    {
        Ok(Some(profile)) => profile,
        Ok(None) => return refuse(AppError::Unauthenticated),
        Err(error) => {
            tracing::error!(%error, "could not read the session for a live stream");
            return refuse(AppError::Internal);
        }
    };
    let actor = Actor::of(&profile);
    let receiver = state.live.subscribe();
    tracing::debug!(user = %profile.id, listeners = state.live.listeners(), "live stream opened");
    let ready = Event::default()
        .retry(RECONNECT_AFTER)
        .event("ready")
        .data("{}");
    // The session is checked again every minute: a stream ends with the
    // session it was opened with (signed out, expired, password changed).
    let store = state.store.clone();
    let session = token_hash(&token);
    let every = state.live.session_check_every;
    let listener = (
        receiver,
        tokio::time::Instant::now() + every,
        state.live.closing(),
        state.live.missed(),
    );
    let changes = futures_util::stream::unfold(
        listener,
        move |(mut receiver, mut check_at, mut closing, mut missed)| {
            let (store, session) = (store.clone(), session.clone());
            async move {
                loop {
                    // The server is shutting down: end the stream cleanly.
                    let shutting_down = *closing.borrow_and_update();
                    if shutting_down {
                        return None;
                    }
                    tokio::select! {
                        _ = closing.changed() => return None,
                        // Changes from other servers may have been missed
                        // (the relay reconnected): the device re-reads.
                        seen = missed.changed() => {
                            if seen.is_err() {
                                return None;
                            }
                            let event = Event::default().event("reset").data("{}");
                            return Some((event, (receiver, check_at, closing, missed)));
                        }
                        received = receiver.recv() => match received {
                            Ok(event) if event.audible_to(&actor) => {
                                let data = serde_json::to_string(&event).unwrap_or_default();
                                let event = Event::default().event(LIVE_EVENT_NAME).data(data);
                                return Some((event, (receiver, check_at, closing, missed)));
                            }
                            Ok(_) => {}
                            // Missed some: the device re-reads everything.
                            Err(RecvError::Lagged(_)) => {
                                let event = Event::default().event("reset").data("{}");
                                return Some((event, (receiver, check_at, closing, missed)));
                            }
                            Err(RecvError::Closed) => return None,
                        },
                        () = tokio::time::sleep_until(check_at) => {
                            match store.session_profile(&session, chrono::Utc::now()).await {
                                Ok(Some(_)) => check_at += every,
                                _ => return None,
                            }
                        }
                    }
                }
            }
        },
    );
    let stream = futures_util::stream::once(async { ready })
        .chain(changes)
        .map(Ok::<_, Infallible>);
    let mut response = Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response();
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        http::HeaderValue::from_static("no-store"),
    );
    response
}

/// Hands the live events every server announces through PostgreSQL
/// (`Store::notify_every_server`) to this server's listeners, so a manager
/// connected to one server sees a push committed through another. Returns
/// once it listens (so no event sent after the start is missed), then keeps
/// listening across dropped connections in a task. Events sent while it is
/// away are lost, so after each reconnect every open stream of this server
/// tells its device to re-read (`LiveHub::changes_may_have_been_missed`).
/// `None` on SQLite, where events stay in the process.
pub async fn relay_between_servers(
    store: &app::store::Store,
    hub: app::api::context::LiveHub,
) -> Option<tokio::task::JoinHandle<()>> {
    if !store.shared_by_several_servers() {
        return None;
    }
    let url = store.url().to_string();
    let mut listening = listen(&url).await;
    Some(tokio::spawn(async move {
        loop {
            let stopped = match listening {
                Ok(listener) => pass_on(listener, &hub).await,
                Err(error) => error,
            };
            tracing::warn!(error = %stopped, "live events between servers paused; listening again in a second");
            tokio::time::sleep(Duration::from_secs(1)).await;
            listening = listen(&url).await;
            if listening.is_ok() {
                hub.changes_may_have_been_missed();
            }
        }
    }))
}

async fn listen(url: &str) -> Result<sqlx::postgres::PgListener, sqlx::Error> {
    let mut listener = sqlx::postgres::PgListener::connect(url).await?;
    listener.listen(app::store::LIVE_CHANNEL).await?;
    Ok(listener)
}

/// Publishes what `listener` hears until it fails or its connection drops.
async fn pass_on(
    mut listener: sqlx::postgres::PgListener,
    hub: &app::api::context::LiveHub,
) -> sqlx::Error {
    loop {
        // `None`: the connection dropped and is made again on the next call.
        let notification = match listener.try_recv().await {
            Ok(Some(notification)) => notification,
            // The connection dropped: listen again from the start, so the
            // streams are told to re-read only once this server hears
            // again (a device that re-read earlier could miss what came
            // in between).
            Ok(None) => {
                return sqlx::Error::Io(std::io::Error::new(
                    std::io::ErrorKind::ConnectionAborted,
                    "the live-event connection to PostgreSQL dropped",
                ));
            }
            Err(error) => return error,
        };
        match serde_json::from_str::<app::sync::live::LiveEvent>(notification.payload()) {
            Ok(event) => hub.publish(event),
            Err(error) => tracing::warn!(%error, "an unreadable live event from PostgreSQL"),
        }
    }
}
