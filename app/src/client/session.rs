//! The client's view of who is signed in and in which language, shared with
//! every screen through context. The profile is cached locally so a reload
//! with no network still opens as the last signed-in person.

use crate::client::storage;
use crate::domain::period::{Calendar, calendar_for};
use crate::domain::{Locale, UserId, UserProfile};
use crate::error::AppError;
use crate::i18n::{Texts, texts};
use leptos::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};

/// Who is signed in and the language they read; provided by `App`.
#[derive(Clone, Copy)]
pub struct Session {
    pub user: RwSignal<Option<UserProfile>>,
    pub locale: RwSignal<Locale>,
    /// True while the app asks the server whether a session exists and has
    /// no remembered profile to show meanwhile.
    pub checking: RwSignal<bool>,
}

impl Session {
    /// Starts from what the browser remembers.
    pub fn restore() -> Self {
        let user: Option<UserProfile> = storage::load(storage::keys::PROFILE);
        let locale = storage::load(storage::keys::LOCALE)
            .or_else(|| user.as_ref().map(|profile| profile.locale))
            .unwrap_or_else(browser_locale);
        let checking = RwSignal::new(user.is_none());
        Self {
            user: RwSignal::new(user),
            locale: RwSignal::new(locale),
            checking,
        }
    }

    /// The person a first screen is drawn for by the server: nothing is
    /// read from or written to storage there.
    pub fn drawn_for(profile: UserProfile) -> Self {
        Self {
            locale: RwSignal::new(profile.locale),
            user: RwSignal::new(Some(profile)),
            checking: RwSignal::new(false),
        }
    }

    pub fn signed_in(&self, profile: UserProfile) {
        // A sign-out still to reach the server ended with that session.
        signing_out_done();
        storage::save(storage::keys::PROFILE, &profile);
        // Ask the browser not to evict Pishro's storage (the outbox lives there).
        #[cfg(feature = "csr")]
        if let Some(window) = web_sys::window() {
            let _ = window.navigator().storage().persist();
        }
        self.set_locale(profile.locale);
        self.user.set(Some(profile));
    }

    /// Who is signed in on this device now, untracked: for a decision taken
    /// once (an answer still current, whose choice to send), not for a view.
    pub fn signed_in_id(&self) -> Option<UserId> {
        self.user
            .with_untracked(|user| user.as_ref().map(|profile| profile.id))
    }

    pub fn signed_out(&self) {
        storage::remove(storage::keys::PROFILE);
        self.user.set(None);
    }

    pub fn set_locale(&self, locale: Locale) {
        storage::save(storage::keys::LOCALE, &locale);
        self.locale.set(locale);
    }

    /// The calendar this person's goal and pay periods follow: their team's
    /// choice, else their language's (tracked).
    pub fn calendar(&self) -> Calendar {
        calendar_for(
            self.user
                .with(|user| user.as_ref().and_then(|profile| profile.team_calendar)),
            self.locale.get(),
        )
    }

    /// The team's time zone as offsets, learned from the browser (tracked).
    pub fn zone(&self) -> crate::domain::time_zone::UtcOffsets {
        let zone = self.user.with(|user| {
            user.as_ref()
                .and_then(|profile| profile.team_time_zone.clone())
        });
        crate::clock::zone_offsets(zone.as_deref())
    }

    /// Today in the team's time zone (tracked): the day goals, pay and
    /// reports count, as the server counts it.
    pub fn today(&self) -> chrono::NaiveDate {
        self.zone().local_day(chrono::Utc::now())
    }

    /// The catalogue for the current language (tracked).
    pub fn texts(&self) -> &'static Texts {
        texts(self.locale.get())
    }

    /// Reacts to a failed server call: an ended session signs the person out
    /// locally, so the sign-in screen appears.
    pub fn note_error(&self, error: &AppError) {
        if *error == AppError::Unauthenticated {
            self.signed_out();
        }
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

fn browser_locale() -> Locale {
    #[cfg(feature = "csr")]
    {
        // A screen the server drew is in the person's language: keep it.
        if crate::first_screen::drawn_by_server()
            && let Some(root) = web_sys::window()
                .and_then(|window| window.document())
                .and_then(|document| document.document_element())
        {
            return if root.get_attribute("lang").as_deref() == Some("fa") {
                Locale::Fa
            } else {
                Locale::En
            };
        }
        let language = web_sys::window()
            .and_then(|window| window.navigator().language())
            .unwrap_or_default();
        if language.starts_with("fa") {
            Locale::Fa
        } else {
            Locale::En
        }
    }
    #[cfg(not(feature = "csr"))]
    {
        // The server drawing for nobody signed in: the browser's language.
        leptos::prelude::use_context::<crate::first_screen::VisitorLocale>()
            .map_or(Locale::En, |visitor| visitor.0)
    }
}

/// Notes on the device that the person is signing out, before the server
/// is told (the request is cut off if the page is left at once): in
/// storage, for the app's next start to end the session, and as a cookie,
/// so that meanwhile the server draws no screen for it
/// (`auth::SIGNING_OUT_COOKIE`).
pub fn note_signing_out() {
    storage::save(storage::keys::SIGN_OUT_PENDING, &true);
    set_signing_out_cookie(true);
}

/// The server has ended the session (or a sign-in replaced it): nothing
/// more to finish at the next start.
pub fn signing_out_done() {
    storage::remove(storage::keys::SIGN_OUT_PENDING);
    set_signing_out_cookie(false);
}

/// True while an `auth/sign_out` request is on its way.
static SIGN_OUT_IN_FLIGHT: AtomicBool = AtomicBool::new(false);

/// Ends the server's session for a sign-out made on this device; once the
/// server has answered, nothing is left to finish at the next start.
pub async fn end_server_session() {
    SIGN_OUT_IN_FLIGHT.store(true, Ordering::Relaxed);
    let ended = crate::api::sign_out().await.is_ok();
    SIGN_OUT_IN_FLIGHT.store(false, Ordering::Relaxed);
    if ended {
        signing_out_done();
    }
}

/// How long a sign-in waits for a sign-out still on its way.
const SIGN_OUT_WAIT_MILLISECONDS: i32 = 10_000;

/// Before a sign-in: a sign-out still on its way to the server finishes
/// first (waiting up to 10 s), and one that never reached it is sent now.
/// The sign-out's answer clears the session cookie: arriving after the
/// sign-in's, on a slow network, it cleared the new session's, and the
/// person who had just signed in was signed out by the server.
pub async fn finish_signing_out() {
    let mut waited = 0;
    while SIGN_OUT_IN_FLIGHT.load(Ordering::Relaxed) && waited < SIGN_OUT_WAIT_MILLISECONDS {
        super::browser::pause(50).await;
        waited += 50;
    }
    let pending = storage::load::<bool>(storage::keys::SIGN_OUT_PENDING).unwrap_or(false);
    if pending && !SIGN_OUT_IN_FLIGHT.load(Ordering::Relaxed) {
        end_server_session().await;
    }
}

fn set_signing_out_cookie(on: bool) {
    #[cfg(feature = "csr")]
    {
        use wasm_bindgen::JsCast;
        let Some(window) = web_sys::window() else {
            return;
        };
        let secure = window
            .location()
            .protocol()
            .is_ok_and(|protocol| protocol == "https:");
        let Some(document) = window
            .document()
            .and_then(|document| document.dyn_into::<web_sys::HtmlDocument>().ok())
        else {
            return;
        };
        let value = if on { "1" } else { "" };
        // As long as a session can last (30 days): a mark outliving it
        // changes nothing.
        let max_age = if on { 30 * 24 * 60 * 60 } else { 0 };
        let secure = if secure { "; Secure" } else { "" };
        let _ = document.set_cookie(&format!(
            "{}={value}; Path=/; SameSite=Lax; Max-Age={max_age}{secure}",
            crate::api::auth::SIGNING_OUT_COOKIE
        ));
    }
    #[cfg(not(feature = "csr"))]
    let _ = on;
}

/// Who is signed in, as the server says: `Ok(None)` when nobody. Uses the
/// answer the page asked for while the app was downloading when there is
/// one, else asks now.
pub async fn ask_server_who_is_signed_in() -> Result<Option<UserProfile>, AppError> {
    if storage::load::<bool>(storage::keys::SIGN_OUT_PENDING).unwrap_or(false) {
        // The person signed out offline: finish that instead of signing them back in.
        crate::api::sign_out().await?;
        signing_out_done();
        return Ok(None);
    }
    #[cfg(feature = "csr")]
    {
        // Read in a task after the one that mounted the app under a drawn
        // screen: decoding the answer there made that task ~10 ms longer
        // at 4x CPU on every screen (session 40).
        crate::components::later::a_task_later_while_drawn().await;
        if let Some(answer) = early_answer().await {
            // Taken in by a task of its own: the one that drew the app's first
            // frame has just run, and the two together blocked input too long.
            super::browser::yield_to_browser().await;
            return Ok(answer);
        }
    }
    crate::api::current_user().await
}

/// Tells the server the language this person chose, so their other devices
/// and the next sign-in open in it. Until the server has it, the choice is
/// kept on the device (`LOCALE_UNSENT`) and sent again at the next start:
/// a switch made offline, or cut off by leaving the page, is not lost.
pub async fn send_locale(user: UserId, locale: Locale) {
    storage::save(storage::keys::LOCALE_UNSENT, &user);
    if crate::api::set_locale(locale).await.is_ok() {
        storage::remove(storage::keys::LOCALE_UNSENT);
    }
}

/// At start, once the server has said who is signed in: a language choice
/// of theirs that did not reach the server is sent now (the device's choice
/// is the newer one; the server's answer still carried the old language).
#[cfg(not(feature = "ssr"))]
pub fn send_unsent_locale(session: &Session, signed_in: &UserProfile) {
    if storage::load::<UserId>(storage::keys::LOCALE_UNSENT) != Some(signed_in.id) {
        return;
    }
    let chosen = session.locale.get_untracked();
    if chosen == signed_in.locale {
        storage::remove(storage::keys::LOCALE_UNSENT);
        return;
    }
    leptos::task::spawn_local(send_locale(signed_in.id, chosen));
}

/// The profile from `window.pishroSession` (set by index.html), if that
/// request succeeded; taken once, so later checks ask the server afresh.
#[cfg(feature = "csr")]
async fn early_answer() -> Option<Option<UserProfile>> {
    // `null` (nobody is signed in) is an answer too: read as one, it spares
    // a signed-out visitor a second round trip before the sign-in form works.
    // (`from_slice`, as the server functions' codec reads the same answer.)
    crate::sync::objects_only::from_slice::<Option<UserProfile>>(
        take_early_answer("pishroSession").await?.as_bytes(),
    )
    .ok()
}

/// Takes (once) the text a request started by index.html answered with,
/// from the promise index.html left at `window[name]`; `None` if there is
/// none or it failed.
#[cfg(feature = "csr")]
pub async fn take_early_answer(name: &str) -> Option<String> {
    use wasm_bindgen::JsCast;
    let window = web_sys::window()?;
    let key = wasm_bindgen::JsValue::from_str(name);
    let promise = js_sys::Reflect::get(&window, &key)
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()?;
    let _ = js_sys::Reflect::delete_property(&window, &key);
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()?
        .as_string()
}
