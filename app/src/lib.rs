//! Pishro's application crate, shared by the browser (`csr`) and the server
//! (`ssr`): the domain and its pure rules, translations, server functions,
//! and the screens. The SQL store and sign-in mechanics are server-only.

pub mod api;
#[cfg(feature = "ssr")]
pub mod auth;
pub mod clock;
pub mod components;
pub mod domain;
pub mod error;
pub mod i18n;
#[cfg(feature = "ssr")]
pub mod import_file;
pub mod pages;
pub mod session;
pub mod storage;
#[cfg(feature = "ssr")]
pub mod store;
pub mod sync;

use components::Shell;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use pages::activities::{ActivitiesPage, ActivityEditPage};
use pages::dashboard::DashboardPage;
use pages::goals::{GoalEditPage, GoalsPage};
use pages::lead_import::LeadImportPage;
use pages::leads::{LeadEditPage, LeadsPage};
use pages::my_day::MyDayPage;
use pages::people::{PeoplePage, PersonEditPage, TeamEditPage};
use pages::pipeline::PipelinePage;
use pages::records::{RecordEditPage, RecordsPage};
use pages::sign_in::SignInPage;
use session::Session;

/// The whole app: session and language, and the routes. Starts with no
/// network at all: the last signed-in profile comes from local storage.
#[component]
pub fn App() -> impl IntoView {
    let session = Session::restore();
    provide_context(session);
    // The local cache and outbox follow whoever is signed in (offline too).
    let engine = sync::engine::SyncEngine::new(session);
    provide_context(engine);
    components::Standings::provide();
    Effect::new(move || match session.user.get() {
        Some(profile) => engine.start(&profile),
        None => engine.stop(),
    });
    let _ = window_event_listener(leptos::ev::online, move |_| engine.set_online(true));
    let _ = window_event_listener(leptos::ev::offline, move |_| engine.set_online(false));

    // The document follows the language: `lang`, `dir` and the title.
    Effect::new(move || {
        let locale = session.locale.get();
        apply_document_language(locale);
    });

    // Ask the server who is signed in. A remembered profile is shown at once
    // and refreshed; an ended session signs out; a network failure keeps the
    // remembered profile (offline start).
    leptos::task::spawn_local(async move {
        let remembered = session.user.get_untracked().is_some();
        match session::ask_server_who_is_signed_in().await {
            Ok(Some(profile)) => {
                if session.user.get_untracked().as_ref() != Some(&profile) {
                    let chosen_locale = session.locale.get_untracked();
                    session.signed_in(profile);
                    if remembered {
                        session.set_locale(chosen_locale);
                    }
                }
            }
            Ok(None) => session.signed_out(),
            Err(_) => {}
        }
        session.checking.set(false);
    });

    view! {
        <a class="skip-link" href="#main">"↓"</a>
        <Router>
            <Routes fallback=|| view! { <pages::NotFound/> }>
                <Route path=path!("/signin") view=SignInPage/>
                <Route path=path!("/") view=|| view! { <Shell><pages::HomePage/></Shell> }/>
                <Route path=path!("/today") view=|| view! { <Shell><MyDayPage/></Shell> }/>
                <Route path=path!("/dashboard") view=|| view! { <Shell><DashboardPage/></Shell> }/>
                <Route path=path!("/pipeline") view=|| view! { <Shell><PipelinePage/></Shell> }/>
                <Route path=path!("/leads") view=|| view! { <Shell><LeadsPage/></Shell> }/>
                <Route path=path!("/leads/new") view=|| view! { <Shell><LeadEditPage/></Shell> }/>
                <Route path=path!("/leads/import") view=|| view! { <Shell><LeadImportPage/></Shell> }/>
                <Route path=path!("/leads/:id") view=|| view! { <Shell><LeadEditPage/></Shell> }/>
                <Route path=path!("/activities") view=|| view! { <Shell><ActivitiesPage/></Shell> }/>
                <Route path=path!("/activities/new") view=|| view! { <Shell><ActivityEditPage/></Shell> }/>
                <Route path=path!("/activities/:id") view=|| view! { <Shell><ActivityEditPage/></Shell> }/>
                <Route path=path!("/goals") view=|| view! { <Shell><GoalsPage/></Shell> }/>
                <Route path=path!("/pay") view=|| view! { <Shell><pages::pay::PayPage/></Shell> }/>
                <Route path=path!("/goals/new") view=|| view! { <Shell><GoalEditPage/></Shell> }/>
                <Route path=path!("/goals/:id") view=|| view! { <Shell><GoalEditPage/></Shell> }/>
                <Route path=path!("/reports") view=|| view! { <Shell><pages::reports::ReportsPage/></Shell> }/>
                <Route path=path!("/team-days") view=|| view! { <Shell><pages::team_days::TeamDaysPage/></Shell> }/>
                <Route path=path!("/records") view=|| view! { <Shell><RecordsPage/></Shell> }/>
                <Route path=path!("/records/new") view=|| view! { <Shell><RecordEditPage/></Shell> }/>
                <Route path=path!("/records/:id") view=|| view! { <Shell><RecordEditPage/></Shell> }/>
                <Route path=path!("/people") view=|| view! { <Shell><PeoplePage/></Shell> }/>
                <Route path=path!("/people/new") view=|| view! { <Shell><PersonEditPage/></Shell> }/>
                <Route path=path!("/people/:id") view=|| view! { <Shell><PersonEditPage/></Shell> }/>
                <Route path=path!("/teams/new") view=|| view! { <Shell><TeamEditPage/></Shell> }/>
                <Route path=path!("/teams/:id") view=|| view! { <Shell><TeamEditPage/></Shell> }/>
            </Routes>
        </Router>
    }
}

fn apply_document_language(locale: domain::Locale) {
    #[cfg(feature = "csr")]
    {
        use domain::Choice;
        if let Some(document) = web_sys::window().and_then(|window| window.document()) {
            if let Some(root) = document.document_element() {
                let _ = root.set_attribute("lang", locale.as_str());
                let _ = root.set_attribute(
                    "dir",
                    if locale.is_right_to_left() {
                        "rtl"
                    } else {
                        "ltr"
                    },
                );
            }
            document.set_title(i18n::texts(locale).app_name);
        }
    }
    #[cfg(not(feature = "csr"))]
    {
        let _ = locale;
    }
}
