//! A first screen drawn by the server (issue 13). On a first visit the
//! largest thing on every signed-in screen used to wait for the app's code
//! (the main wasm) and the first pull; now the server draws the very same
//! views, from the same first page of rows the device's first pull brings,
//! into the page it sends. The device draws its own copy out of sight and
//! swaps it in once its screen is ready, carrying over anything typed
//! meanwhile (`pishroShowApp` in `frontend/index.html`).
//!
//! Only a navigation with a session (or to the sign-in page) is drawn: the
//! service worker keeps serving its plain shell to later visits, where the
//! device's local cache is the truth and opens with no network.

use crate::domain::progress::GoalStanding;
use crate::domain::team_dashboard::TeamDashboard;
use crate::domain::{ManagerRecord, UserProfile};
use crate::sync::client::ClientState;
use serde::Serialize;

/// Whom the server draws a screen for and the rows it draws from; provided
/// as context only while the server draws, read by `App`.
#[derive(Clone, Debug)]
pub struct DrawnFor {
    pub profile: UserProfile,
    pub state: ClientState,
}

/// Answers a screen would ask the server for after it starts, drawn into
/// the first screen and handed to the device with the page (one JSON block
/// each, `script_blocks`), so its own copy shows the same from the start.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DrawnAnswers {
    /// A manager's dashboard: the team's figures.
    pub team_dashboard: Option<TeamDashboard>,
    /// Where the person's goals stand by the server's count (team goals,
    /// others' goals): the milestone notices and the goals screen.
    pub goal_standings: Option<Vec<GoalStanding>>,
    /// A manager's records, on `/records`: the screen's list is its largest
    /// part, and it is not among the synced rows.
    pub records: Option<Vec<ManagerRecord>>,
    /// The lead pool, on `/pool`: online only, so never among the synced
    /// rows, and the waiting contacts are the screen.
    pub pool: Option<crate::api::pool::PoolView>,
    /// A team's public web form, on `/form/<token>`, for anyone (a
    /// prospect on a phone, signed out): its title and team, or that the
    /// address no longer works.
    pub web_form: Option<Result<crate::domain::pool::PublicWebForm, crate::error::AppError>>,
    /// A sign-up link, on `/join/<secret>`, for anyone: whom it is for and
    /// where, or that it no longer works.
    pub invite: Option<Result<crate::domain::invite::InviteWelcome, crate::error::AppError>>,
}

/// The language of a visitor nobody is signed in as (from the browser's
/// `Accept-Language`, as the app would pick it from `navigator.language`):
/// provided as context while the server draws for nobody.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VisitorLocale(pub crate::domain::Locale);

impl VisitorLocale {
    /// Persian when the browser's first choice is Persian, else English.
    pub fn from_accept_language(header: &str) -> Self {
        let first = header
            .split(',')
            .next()
            .and_then(|choice| choice.split(';').next())
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        if first == "fa" || first.starts_with("fa-") {
            Self(crate::domain::Locale::Fa)
        } else {
            Self(crate::domain::Locale::En)
        }
    }
}

/// The ids of the `<script type="application/json">` blocks of the answers.
pub const TEAM_DASHBOARD_ELEMENT: &str = "first-screen-team-dashboard";
pub const GOAL_STANDINGS_ELEMENT: &str = "first-screen-goal-standings";
pub const RECORDS_ELEMENT: &str = "first-screen-records";
pub const POOL_ELEMENT: &str = "first-screen-pool";
pub const WEB_FORM_ELEMENT: &str = "first-screen-web-form";
pub const INVITE_ELEMENT: &str = "first-screen-invite";

impl DrawnAnswers {
    /// One `<script type="application/json">` per answer, as JSON that
    /// cannot end the element holding it (`<` is written `\\u003c`).
    pub fn script_blocks(&self) -> String {
        fn block(id: &str, answer: &impl Serialize) -> String {
            let json = serde_json::to_string(answer)
                .unwrap_or_else(|_| "null".into())
                .replace('<', "\\u003c");
            format!("<script type=\"application/json\" id=\"{id}\">{json}</script>")
        }
        let mut blocks = String::new();
        if let Some(figures) = &self.team_dashboard {
            blocks.push_str(&block(TEAM_DASHBOARD_ELEMENT, figures));
        }
        if let Some(standings) = &self.goal_standings {
            blocks.push_str(&block(GOAL_STANDINGS_ELEMENT, standings));
        }
        if let Some(records) = &self.records {
            blocks.push_str(&block(RECORDS_ELEMENT, records));
        }
        if let Some(pool) = &self.pool {
            blocks.push_str(&block(POOL_ELEMENT, pool));
        }
        if let Some(form) = &self.web_form {
            blocks.push_str(&block(WEB_FORM_ELEMENT, form));
        }
        if let Some(invite) = &self.invite {
            blocks.push_str(&block(INVITE_ELEMENT, invite));
        }
        blocks
    }
}

/// The team's figures drawn into this first screen: from the drawing's
/// context on the server; taken once from the page on the device (a later
/// visit to the dashboard asks the server as usual).
pub fn drawn_team_dashboard() -> Option<TeamDashboard> {
    drawn_answer(TEAM_DASHBOARD_ELEMENT, |answers| answers.team_dashboard)
}

/// Whether this first screen came with goal standings, without decoding
/// them (the app decodes them a task after it is mounted).
pub fn goal_standings_were_drawn() -> bool {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<DrawnAnswers>()
            .is_some_and(|answers| answers.goal_standings.is_some())
    }
    #[cfg(all(feature = "csr", not(feature = "ssr")))]
    {
        web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.get_element_by_id(GOAL_STANDINGS_ELEMENT))
            .is_some()
    }
    #[cfg(not(any(feature = "csr", feature = "ssr")))]
    {
        false
    }
}

/// The goal standings drawn into this first screen, likewise taken once.
pub fn drawn_goal_standings() -> Option<Vec<GoalStanding>> {
    drawn_answer(GOAL_STANDINGS_ELEMENT, |answers| answers.goal_standings)
}

/// The records drawn into this first screen, likewise taken once.
pub fn drawn_records() -> Option<Vec<ManagerRecord>> {
    drawn_answer(RECORDS_ELEMENT, |answers| answers.records)
}

/// The lead pool drawn into this first screen, likewise taken once.
pub fn drawn_pool() -> Option<crate::api::pool::PoolView> {
    drawn_answer(POOL_ELEMENT, |answers| answers.pool)
}

/// The public web form drawn into this first screen, likewise taken once.
pub fn drawn_web_form() -> Option<Result<crate::domain::pool::PublicWebForm, crate::error::AppError>>
{
    drawn_answer(WEB_FORM_ELEMENT, |answers| answers.web_form)
}

/// The sign-up link drawn into this first screen, likewise taken once.
pub fn drawn_invite() -> Option<Result<crate::domain::invite::InviteWelcome, crate::error::AppError>>
{
    drawn_answer(INVITE_ELEMENT, |answers| answers.invite)
}

/// One answer drawn into this first screen: on the server, picked out of
/// the drawing's context; on the device, taken once out of the page.
fn drawn_answer<T: serde::de::DeserializeOwned>(
    element_id: &str,
    pick: impl FnOnce(DrawnAnswers) -> Option<T>,
) -> Option<T> {
    #[cfg(feature = "ssr")]
    {
        let _ = element_id;
        pick(leptos::prelude::use_context::<DrawnAnswers>()?)
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = pick;
        take_drawn_answer(element_id)
    }
}

/// Takes one answer out of the page (its block is removed, so a later
/// screen asks the server as usual). Each is decoded where it is used, so
/// the code for it stays in that screen's module.
#[cfg(not(feature = "ssr"))]
fn take_drawn_answer<T: serde::de::DeserializeOwned>(element_id: &str) -> Option<T> {
    #[cfg(feature = "csr")]
    {
        let element = web_sys::window()?
            .document()?
            .get_element_by_id(element_id)?;
        let text = element.text_content()?;
        element.remove();
        crate::sync::objects_only::from_slice(text.as_bytes()).ok()
    }
    #[cfg(not(feature = "csr"))]
    {
        let _ = element_id;
        None
    }
}

/// Draws the app at `path` (with its query) as HTML, for `drawn` or, with
/// `None`, for nobody signed in (the sign-in page, a public web form) in
/// `visitor`'s language, with the `answers` read for it. Screens that ask the
/// server for more (team figures, history) draw their loading state, as the
/// device does until the answer arrives.
///
/// Views are not `Send`: call this inside a `tokio::task::LocalSet`, since
/// screens start local tasks as they draw (they are dropped with the set).
#[cfg(feature = "ssr")]
pub async fn draw(
    path: &str,
    drawn: Option<DrawnFor>,
    answers: DrawnAnswers,
    visitor: VisitorLocale,
) -> String {
    use futures_util::StreamExt;
    use leptos::prelude::*;
    let _ = any_spawner::Executor::init_tokio();
    let owner = Owner::new();
    let stream = owner.with(|| {
        provide_context(crate::routing::ServerAddress(path.to_string()));
        // The answers on their own, so a screen reading one does not copy
        // the person's rows.
        provide_context(answers);
        match drawn {
            Some(drawn) => provide_context(drawn),
            None => provide_context(visitor),
        }
        view! { <crate::App/> }.to_html_stream_in_order()
    });
    let html = stream.collect::<String>().await;
    drop(owner);
    html
}

/// Starts the app in the browser: out of sight, in the element index.html
/// keeps for it (`window.pishroAppHolder`), when the server drew a first
/// screen; straight into the page otherwise. Under a drawn screen the app is
/// drawn in a task after the one that instantiated its code: together they
/// held up input for over 300 ms on a slow phone.
#[cfg(feature = "csr")]
pub fn mount() {
    use wasm_bindgen::JsCast;
    let holder = web_sys::window()
        .and_then(|window| js_sys::Reflect::get(&window, &"pishroAppHolder".into()).ok())
        .and_then(|holder| holder.dyn_into::<web_sys::HtmlElement>().ok());
    match holder {
        Some(holder) => leptos::prelude::set_timeout(
            move || leptos::mount::mount_to(holder, crate::App).forget(),
            std::time::Duration::ZERO,
        ),
        None => leptos::mount::mount_to_body(crate::App),
    }
}

/// Whether this page came with a screen the server drew (still shown).
#[cfg(feature = "csr")]
pub fn drawn_by_server() -> bool {
    web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id("first-screen"))
        .is_some()
}

/// Once the app knows who is signed in and has their rows (or knows nobody
/// is), asks index.html to swap the app's own copy in for the drawn one
/// (`pishroShowApp` waits for the screen's heading, then carries over what
/// was typed and replays a held tap).
#[cfg(feature = "csr")]
pub fn show_when_ready(
    session: crate::client::session::Session,
    engine: crate::client::engine::SyncEngine,
) {
    use leptos::prelude::*;
    if !drawn_by_server() {
        return;
    }
    let shown = StoredValue::new(false);
    Effect::new(move || {
        if shown.get_value() {
            return;
        }
        let ready = match session.user.with(Option::is_some) {
            true => engine.ready(),
            false => !session.checking.get(),
        };
        if ready {
            shown.set_value(true);
            if let Some(window) = web_sys::window()
                && let Ok(show) = js_sys::Reflect::get(&window, &"pishroShowApp".into())
                && let Ok(show) = wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(show)
            {
                let _ = show.call0(&window);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::VisitorLocale;
    use crate::domain::Locale;

    #[test]
    fn a_visitor_is_drawn_in_persian_only_when_the_browser_puts_it_first() {
        for (header, locale) in [
            ("fa", Locale::Fa),
            ("fa-IR,fa;q=0.9,en;q=0.8", Locale::Fa),
            (" FA-ir ;q=1", Locale::Fa),
            ("en-US,en;q=0.9,fa;q=0.8", Locale::En),
            ("fr-FR", Locale::En),
            ("far", Locale::En),
            ("", Locale::En),
            ("*", Locale::En),
        ] {
            assert_eq!(
                VisitorLocale::from_accept_language(header),
                VisitorLocale(locale),
                "{header:?}"
            );
        }
    }
}
