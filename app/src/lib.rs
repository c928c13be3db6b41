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
pub mod routing;
pub mod screens;
#[cfg(feature = "ssr")]
pub mod store;
pub mod sync;

use client::session::Session;
use components::Shell;
use components::later::Later;
use leptos::prelude::*;
use pages::my_day::MyDayPage;
use pages::sign_in::SignInPage;
use screens::{LinkPage, TeamScreen, WorkScreen};

/// The whole app: session and language, and the routes. Starts with no
/// network at all: the last signed-in profile comes from local storage.
///
/// Under a drawn screen the app's state is set up a task after the mount
/// (`Later`), and the routes a task after that: the mount, the state's
/// set-up and its effects' first runs were one task of 50-100 ms at 4x CPU.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <a class="skip-link" href="#main">"↓"</a>
        <Later><AppState/></Later>
    }
}

/// The session, the sync engine, goal standings and the address, provided
/// to every screen, and the routes under them.
#[component]
fn AppState() -> impl IntoView {
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
    let location = routing::Location::provide();
    let route = Memo::new(move |_| {
        Route(location.with_path(|path| routing::route_index(ROUTES, path).map(|(index, _)| index)))
    });
    view! { <Later><Pages route/></Later> }
}

/// Which of [`ROUTES`] the address matched (`None`: none). A new route
/// draws its page afresh, as a new page would (`/leads/new` to the saved
/// lead's `/leads/<id>` shows the lead as stored); another address of the
/// same route keeps it, and it follows its `:id`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Route(Option<usize>);

impl Route {
    fn page(self) -> Page {
        self.0
            .and_then(|index| ROUTES.get(index))
            .map_or(Page::NotFound, |(_, page)| *page)
    }
}

/// What an address opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    SignIn,
    /// A sign-up link or a team's public web form (signed out).
    Link(LinkPage),
    /// My day for a rep, the dashboard for a manager.
    Home,
    MyDay,
    Dashboard,
    Work(WorkScreen),
    Team(TeamScreen),
    NotFound,
}

/// Every address the app answers, first match wins: fixed paths before a
/// `:name` in the same place.
pub const ROUTES: &[(&str, Page)] = &[
    ("/signin", Page::SignIn),
    ("/join/:secret", Page::Link(LinkPage::Join)),
    ("/form/:token", Page::Link(LinkPage::WebForm)),
    ("/", Page::Home),
    ("/today", Page::MyDay),
    ("/dashboard", Page::Dashboard),
    ("/pipeline", Page::Work(WorkScreen::Pipeline)),
    ("/account", Page::Work(WorkScreen::Account)),
    ("/leads", Page::Work(WorkScreen::Leads)),
    ("/leads/new", Page::Work(WorkScreen::Lead)),
    ("/leads/import", Page::Team(TeamScreen::LeadImport)),
    ("/leads/:id", Page::Work(WorkScreen::Lead)),
    ("/pool", Page::Work(WorkScreen::Pool)),
    ("/activities", Page::Work(WorkScreen::Activities)),
    ("/activities/new", Page::Work(WorkScreen::Activity)),
    ("/activities/:id", Page::Work(WorkScreen::Activity)),
    ("/goals", Page::Work(WorkScreen::Goals)),
    ("/pay", Page::Work(WorkScreen::Pay)),
    ("/goals/new", Page::Work(WorkScreen::Goal)),
    ("/goals/:id", Page::Work(WorkScreen::Goal)),
    ("/reports", Page::Team(TeamScreen::Reports)),
    ("/team-days", Page::Team(TeamScreen::TeamDays)),
    ("/events", Page::Team(TeamScreen::Events)),
    ("/budgets", Page::Team(TeamScreen::Budgets)),
    ("/training", Page::Team(TeamScreen::Training)),
    ("/audit", Page::Team(TeamScreen::Audit)),
    ("/records", Page::Team(TeamScreen::Records)),
    ("/records/new", Page::Team(TeamScreen::Record)),
    ("/records/:id", Page::Team(TeamScreen::Record)),
    ("/people", Page::Team(TeamScreen::People)),
    ("/people/new", Page::Team(TeamScreen::Person)),
    ("/people/:id", Page::Team(TeamScreen::Person)),
    ("/teams/new", Page::Team(TeamScreen::TeamEdit)),
    ("/teams/:id", Page::Team(TeamScreen::TeamEdit)),
];

impl Page {
    /// Whether its code is in a module fetched on demand.
    fn on_demand(self) -> bool {
        matches!(self, Page::Link(_) | Page::Work(_) | Page::Team(_))
    }

    /// Fetches its code if it is on demand and not here yet. A failure is
    /// drawn as the "not stored" screen.
    #[cfg(feature = "csr")]
    async fn load(self) {
        let _ = match self {
            Page::Link(_) => LinkPage::load().await,
            Page::Work(_) => WorkScreen::load().await,
            Page::Team(_) => TeamScreen::load().await,
            _ => Ok(()),
        };
    }

    fn draw(self) -> AnyView {
        match self {
            Page::SignIn => view! { <SignInPage/> }.into_any(),
            Page::Link(page) => page.draw(),
            Page::Home => view! { <Shell><pages::HomePage/></Shell> }.into_any(),
            Page::MyDay => view! { <Shell><MyDayPage/></Shell> }.into_any(),
            Page::Dashboard => view! { <Shell><screens::OnDemandDashboard/></Shell> }.into_any(),
            Page::Work(screen) => screen.draw(),
            Page::Team(screen) => screen.draw(),
            Page::NotFound => view! { <pages::NotFound/> }.into_any(),
        }
    }
}

/// The page the address opens. A screen whose code is fetched on demand
/// replaces the one shown once its code is here (and, on a first visit, a
/// task later: `a_task_later_while_drawn`), so no blank frame comes between
/// two screens.
#[component]
fn Pages(route: Memo<Route>) -> impl IntoView {
    let wanted = route.get_untracked();
    // The server's build draws every page at once (it has all the code).
    let at_once = cfg!(not(feature = "csr")) || !wanted.page().on_demand();
    let shown = RwSignal::new(at_once.then_some(wanted));
    #[cfg(feature = "csr")]
    {
        // Showing the route already shown would draw its page afresh.
        let show = move |route: Route| {
            if shown.get_untracked() != Some(route) {
                shown.set(Some(route));
            }
        };
        let asked = StoredValue::new(0_u32);
        Effect::new(move || {
            let wanted = route.get();
            let ask = asked.get_value().wrapping_add(1);
            asked.set_value(ask);
            if !wanted.page().on_demand() {
                show(wanted);
                return;
            }
            leptos::task::spawn_local(async move {
                components::later::a_task_later_while_drawn().await;
                wanted.page().load().await;
                if asked.get_value() == ask {
                    show(wanted);
                }
            });
        });
    }
    move || shown.get().map(|route| route.page().draw())
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
