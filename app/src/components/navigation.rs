//! The main navigation: on a phone a bottom tab bar with the role's four
//! main screens and a "More" sheet for the rest (and signing out); on a
//! wide screen one row of links in the top bar. One `<nav>` serves both, so
//! a screen reader and the tests meet the same links whatever the width;
//! the stylesheet decides where they sit.

use crate::client::session::use_session;
use crate::components::later::Later;
use crate::domain::{Locale, Role};
use crate::i18n::shell::shell_texts;
use crate::routing::use_location;
use leptos::prelude::*;

/// A screen the navigation leads to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    MyDay,
    Pipeline,
    Leads,
    Activities,
    Goals,
    Pay,
    Dashboard,
    Reports,
    Records,
    Events,
    People,
}

impl Screen {
    pub fn href(self) -> &'static str {
        match self {
            Screen::MyDay => "/today",
            Screen::Pipeline => "/pipeline",
            Screen::Leads => "/leads",
            Screen::Activities => "/activities",
            Screen::Goals => "/goals",
            Screen::Pay => "/pay",
            Screen::Dashboard => "/dashboard",
            Screen::Reports => "/reports",
            Screen::Records => "/records",
            Screen::Events => "/events",
            Screen::People => "/people",
        }
    }

    pub fn label(self, locale: Locale) -> &'static str {
        let texts = crate::i18n::texts(locale);
        match self {
            Screen::MyDay => texts.nav_my_day,
            Screen::Pipeline => texts.nav_pipeline,
            Screen::Leads => texts.nav_leads,
            Screen::Activities => texts.nav_activities,
            Screen::Goals => texts.nav_goals,
            Screen::Pay => texts.nav_pay,
            Screen::Dashboard => texts.nav_dashboard,
            Screen::Reports => texts.nav_reports,
            Screen::Records => texts.nav_records,
            Screen::Events => texts.nav_events,
            Screen::People => texts.nav_people,
        }
    }

    /// The outline drawn above a tab's name (a 24 x 24 SVG path); only the
    /// tabs have one.
    fn icon(self) -> &'static str {
        match self {
            Screen::MyDay => "M4 6h16v14H4zM4 10h16M8 3v4M16 3v4",
            Screen::Pipeline => "M4 5h4v14H4zM10 5h4v9h-4zM16 5h4v5h-4z",
            Screen::Leads => "M12 12a4 4 0 1 0 0-8a4 4 0 0 0 0 8zM4 21a8 8 0 0 1 16 0",
            Screen::Goals => {
                "M12 21a9 9 0 1 0 0-18a9 9 0 0 0 0 18zM12 16a4 4 0 1 0 0-8a4 4 0 0 0 0 8z"
            }
            Screen::Dashboard => "M4 4h7v7H4zM13 4h7v4h-7zM13 10h7v10h-7zM4 13h7v7H4z",
            Screen::Reports => "M4 20h16M7 16v-5M12 16V6M17 16V9",
            _ => "M5 12h14",
        }
    }
}

/// The screens a role reaches: its four main ones (the tab bar, in this
/// order) and the rest (the "More" sheet). A rep's day is their own work;
/// a manager's is the team's figures.
pub fn screens_for(role: Role) -> ([Screen; 4], Vec<Screen>) {
    match role {
        Role::Rep => (
            [
                Screen::MyDay,
                Screen::Pipeline,
                Screen::Leads,
                Screen::Goals,
            ],
            vec![Screen::Activities, Screen::Pay, Screen::Dashboard],
        ),
        Role::Manager | Role::Admin => {
            let more = vec![
                Screen::MyDay,
                Screen::Pipeline,
                Screen::Activities,
                Screen::Pay,
                Screen::Records,
                Screen::Events,
                // An admin keeps every account; a manager their reps' availability.
                Screen::People,
            ];
            (
                [
                    Screen::Dashboard,
                    Screen::Reports,
                    Screen::Leads,
                    Screen::Goals,
                ],
                more,
            )
        }
    }
}

/// Whether `screen`'s link marks the page at `path` as its own: its own
/// pages ("/leads/…" too), and for the role's first tab `home` also "/",
/// which shows that screen.
pub fn is_current(path: &str, screen: Screen, home: Screen) -> bool {
    let here = path.trim_end_matches('/');
    if here.is_empty() {
        return screen == home;
    }
    here.strip_prefix(screen.href())
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// The most links that share the top bar's one row with the brand, the sync
/// state, the person's name, the language switch and sign-out on a 1280 px
/// laptop, in either language. A manager's eleven do not: they take a row
/// of their own (scrolled sideways, the last ones were cut off unseen).
const LINKS_ON_ONE_ROW: usize = 8;

const MORE_ICON: &str = "M4 7h16M4 12h16M4 17h16";

/// The outline icon of a tab, hidden from screen readers (the name says it).
#[component]
fn TabIcon(path: &'static str) -> impl IntoView {
    view! {
        <svg class="tab-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d=path/>
        </svg>
    }
}

/// The navigation of a signed-in person. `sign_out` runs the shell's
/// sign-out (with its unsynced-work warning) from the sheet.
#[component]
pub fn MainNavigation(role: Role, display_name: String, sign_out: Callback<()>) -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let (main, more) = screens_for(role);
    let own_row = main.len() + more.len() > LINKS_ON_ONE_ROW;
    let home = main[0];
    let location = use_location();
    let current = move |screen: Screen| {
        location
            .with_path(|path| is_current(path, screen, home))
            .then_some("page")
    };
    let open = RwSignal::new(false);
    let close_on_escape = move |event: leptos::ev::KeyboardEvent| {
        if event.key() == "Escape" && open.get_untracked() {
            open.set(false);
        }
    };
    view! {
        <nav class="main-nav" class:more-open=move || open.get() class:own-row=own_row
            aria-label=move || session.texts().main_navigation on:keydown=close_on_escape>
            {main.into_iter().map(|screen| view! {
                <a href=screen.href() class="tab" aria-current=move || current(screen)>
                    <TabIcon path=screen.icon()/>
                    <span>{move || screen.label(locale())}</span>
                </a>
            }).collect_view()}
            <button type="button" class="tab more-button" aria-controls="more-sheet"
                aria-expanded=move || open.get().to_string() on:click=move |_| open.update(|open| *open = !*open)>
                <TabIcon path=MORE_ICON/>
                <span>{move || shell_texts(locale()).more}</span>
            </button>
            // A tap beside the sheet closes it (Escape and "Close" do too).
            <div class="sheet-backdrop" aria-hidden="true" on:click=move |_| open.set(false)></div>
            // The sheet's links and account, hidden until "More" is tapped,
            // are drawn a task after the bar on a first visit (`Later`).
            <div id="more-sheet" class="more-sheet">
                <Later>
                    {more.into_iter().map(|screen| view! {
                        <a href=screen.href() class="sheet-link" aria-current=move || current(screen)>{move || screen.label(locale())}</a>
                    }).collect_view()}
                    <div class="sheet-account">
                        <p class="sheet-who">{move || shell_texts(locale()).signed_in_as}" "<a href="/account"><strong>{display_name}</strong></a></p>
                        <button type="button" class="button-quiet" on:click=move |_| sign_out.run(())>
                            {move || session.texts().sign_out}
                        </button>
                        <button type="button" class="button-quiet" on:click=move |_| open.set(false)>
                            {move || shell_texts(locale()).close}
                        </button>
                    </div>
                </Later>
            </div>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rep_has_their_day_pipeline_leads_and_goals_as_tabs() {
        let (main, more) = screens_for(Role::Rep);
        assert_eq!(
            main,
            [
                Screen::MyDay,
                Screen::Pipeline,
                Screen::Leads,
                Screen::Goals
            ]
        );
        assert!(!more.contains(&Screen::Reports));
        assert!(!more.contains(&Screen::Records));
        assert!(!more.contains(&Screen::People));
    }

    #[test]
    fn a_manager_has_the_team_screens_as_tabs_and_every_screen_once() {
        for role in [Role::Manager, Role::Admin] {
            let (main, more) = screens_for(role);
            assert_eq!(main[0], Screen::Dashboard);
            assert_eq!(main[1], Screen::Reports);
            let mut all: Vec<&str> = main
                .iter()
                .chain(&more)
                .map(|screen| screen.href())
                .collect();
            let count = all.len();
            all.sort_unstable();
            all.dedup();
            assert_eq!(all.len(), count, "{role:?} reaches a screen twice");
            assert!(more.contains(&Screen::People), "{role:?} runs their people");
        }
    }

    #[test]
    fn a_link_is_current_on_its_screen_its_pages_and_home() {
        assert!(is_current("/leads", Screen::Leads, Screen::MyDay));
        assert!(is_current("/leads/new", Screen::Leads, Screen::MyDay));
        assert!(!is_current("/leadsx", Screen::Leads, Screen::MyDay));
        assert!(!is_current("/leads", Screen::MyDay, Screen::MyDay));
        assert!(is_current("/", Screen::MyDay, Screen::MyDay));
        assert!(is_current("/", Screen::Dashboard, Screen::Dashboard));
        assert!(!is_current("/", Screen::MyDay, Screen::Dashboard));
    }

    #[test]
    fn every_screen_is_named_in_both_languages() {
        for role in [Role::Rep, Role::Manager, Role::Admin] {
            let (main, more) = screens_for(role);
            for screen in main.iter().chain(&more) {
                assert!(!screen.label(Locale::En).is_empty());
                assert_ne!(screen.label(Locale::En), screen.label(Locale::Fa));
            }
        }
    }
}
