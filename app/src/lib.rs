//! Pishro's application crate, shared by the browser (`csr`) and the server
//! (`ssr`): the domain and its pure rules, translations, server functions,
//! and the screens. The SQL store and sign-in mechanics are server-only.

// The server build (view types not erased) lays out each on-demand screen's
// whole view type inside its loading future (`screens`): deeper than 128.
#![recursion_limit = "256"]

pub mod api;
#[cfg(feature = "ssr")]
pub mod auth;
pub mod client;
pub mod clock;
pub mod components;
pub mod domain;
pub mod error;
pub mod first_screen;
pub mod i18n;
#[cfg(feature = "ssr")]
pub mod import_file;
pub mod pages;
pub mod screens;
#[cfg(feature = "ssr")]
pub mod store;
pub mod sync;

use client::session::Session;
use components::Shell;
use components::later::Later;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{Lazy, path};
use pages::my_day::MyDayPage;
use pages::sign_in::SignInPage;

/// The whole app: session and language, and the routes. Starts with no
/// network at all: the last signed-in profile comes from local storage.
#[component]
pub fn App() -> impl IntoView {
    // The server drawing a first screen says whom for; the device starts
    // from what it remembers. Only the server's build looks: the browser's
    // then carries no code to clone or drop the drawn rows and answers.
    #[cfg(feature = "ssr")]
    let drawn = use_context::<first_screen::DrawnFor>();
    #[cfg(not(feature = "ssr"))]
    let drawn: Option<first_screen::DrawnFor> = None;
    let session = match &drawn {
        Some(drawn) => Session::drawn_for(drawn.profile.clone()),
        None => Session::restore(),
    };
    provide_context(session);
    // The local cache and outbox follow whoever is signed in (offline too).
    let engine = client::engine::SyncEngine::new(session);
    if let Some(drawn) = drawn {
        engine.show_drawn(drawn.state);
    }
    provide_context(engine);
    #[cfg(feature = "csr")]
    first_screen::show_when_ready(session, engine);
    client::standings::Standings::provide();
    // Whether every screen the person uses is loaded (opens offline).
    let screens_stored = ScreensStored(RwSignal::new(None));
    provide_context(screens_stored);
    Effect::new(move || match session.user.get() {
        Some(profile) => {
            engine.start(&profile);
            screens::keep_screens_ready(screens_stored.0);
        }
        None => engine.stop(),
    });
    // The browser's network events (a server drawing a first screen has no
    // browser: calling into one there would stop the server).
    #[cfg(not(feature = "ssr"))]
    {
        let _ = window_event_listener(leptos::ev::online, move |_| {
            engine.set_online(true);
            // Screens that could not be fetched offline are fetched now.
            if screens_stored.0.get_untracked() == Some(false)
                && session.user.get_untracked().is_some()
            {
                screens::keep_screens_ready(screens_stored.0);
            }
        });
        let _ = window_event_listener(leptos::ev::offline, move |_| engine.set_online(false));
    }

    // The document follows the language: `lang`, `dir` and the title.
    Effect::new(move || {
        let locale = session.locale.get();
        apply_document_language(locale);
    });

    // Ask the server who is signed in. A remembered profile is shown at once
    // and refreshed; an ended session signs out; a network failure keeps the
    // remembered profile (offline start). A sign-in or sign-out on this
    // device while the question was on its way is newer than the answer:
    // the answer is dropped (a quick sign-in was once undone by the "nobody"
    // asked before it, and the sign-in screen stayed).
    #[cfg(not(feature = "ssr"))]
    leptos::task::spawn_local(async move {
        let asked_as = session.signed_in_id();
        let remembered = asked_as.is_some();
        let answer = client::session::ask_server_who_is_signed_in().await;
        if session.signed_in_id() != asked_as {
            session.checking.set(false);
            return;
        }
        match answer {
            Ok(Some(profile)) => {
                if remembered {
                    client::session::send_unsent_locale(&session, &profile);
                }
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

    // Under a drawn screen the routes are drawn a task after the app's
    // state is set up (`Later`): in one task the two held a slow phone's
    // main thread for about 120 ms.
    view! {
        <a class="skip-link" href="#main">"↓"</a>
        <Later>
            <Router>
                <Routes fallback=|| view! { <pages::NotFound/> }>
                    <Route path=path!("/signin") view=SignInPage/>
                    <Route path=path!("/join/:secret") view={Lazy::<screens::JoinScreen>::new()}/>
                    <Route path=path!("/form/:token") view={Lazy::<screens::WebFormScreen>::new()}/>
                    <Route path=path!("/") view=|| view! { <Shell><pages::HomePage/></Shell> }/>
                    <Route path=path!("/today") view=|| view! { <Shell><MyDayPage/></Shell> }/>
                    <Route path=path!("/dashboard") view=|| view! { <Shell><screens::OnDemandDashboard/></Shell> }/>
                    <Route path=path!("/pipeline") view={Lazy::<screens::PipelineScreen>::new()}/>
                    <Route path=path!("/account") view={Lazy::<screens::AccountScreen>::new()}/>
                    <Route path=path!("/leads") view={Lazy::<screens::LeadsScreen>::new()}/>
                    <Route path=path!("/leads/new") view={Lazy::<screens::LeadScreen>::new()}/>
                    <Route path=path!("/leads/import") view={Lazy::<screens::LeadImportScreen>::new()}/>
                    <Route path=path!("/leads/:id") view={Lazy::<screens::LeadScreen>::new()}/>
                    <Route path=path!("/pool") view={Lazy::<screens::PoolScreen>::new()}/>
                    <Route path=path!("/activities") view={Lazy::<screens::ActivitiesScreen>::new()}/>
                    <Route path=path!("/activities/new") view={Lazy::<screens::ActivityScreen>::new()}/>
                    <Route path=path!("/activities/:id") view={Lazy::<screens::ActivityScreen>::new()}/>
                    <Route path=path!("/goals") view={Lazy::<screens::GoalsScreen>::new()}/>
                    <Route path=path!("/pay") view={Lazy::<screens::PayScreen>::new()}/>
                    <Route path=path!("/goals/new") view={Lazy::<screens::GoalScreen>::new()}/>
                    <Route path=path!("/goals/:id") view={Lazy::<screens::GoalScreen>::new()}/>
                    <Route path=path!("/reports") view={Lazy::<screens::ReportsScreen>::new()}/>
                    <Route path=path!("/team-days") view={Lazy::<screens::TeamDaysScreen>::new()}/>
                    <Route path=path!("/events") view={Lazy::<screens::EventsScreen>::new()}/>
                    <Route path=path!("/budgets") view={Lazy::<screens::BudgetsScreen>::new()}/>
                    <Route path=path!("/training") view={Lazy::<screens::TrainingScreen>::new()}/>
                    <Route path=path!("/audit") view={Lazy::<screens::AuditScreen>::new()}/>
                    <Route path=path!("/records") view={Lazy::<screens::RecordsScreen>::new()}/>
                    <Route path=path!("/records/new") view={Lazy::<screens::RecordScreen>::new()}/>
                    <Route path=path!("/records/:id") view={Lazy::<screens::RecordScreen>::new()}/>
                    <Route path=path!("/people") view={Lazy::<screens::PeopleScreen>::new()}/>
                    <Route path=path!("/people/new") view={Lazy::<screens::PersonScreen>::new()}/>
                    <Route path=path!("/people/:id") view={Lazy::<screens::PersonScreen>::new()}/>
                    <Route path=path!("/teams/new") view={Lazy::<screens::TeamEditScreen>::new()}/>
                    <Route path=path!("/teams/:id") view={Lazy::<screens::TeamEditScreen>::new()}/>
                </Routes>
            </Router>
        </Later>
    }
}

/// Whether the code of every screen is loaded, so that each opens with no
/// network (the sync panel says so): `None` while loading, `Some(false)` if
/// a module could not be fetched (tried again when the network returns).
#[derive(Clone, Copy)]
pub struct ScreensStored(pub RwSignal<Option<bool>>);

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
