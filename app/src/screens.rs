//! The screens that load on demand. The first load carries the shell,
//! sign-in, the sync engine and a rep's home screen (My day); every other
//! screen, the manager's dashboard included, lives in one of three wasm
//! modules that `wasm-split-cli` cuts out of the app (`scripts/build-site.sh`).
//! Soon after sign-in the app loads them all ([`keep_screens_ready`]), so a
//! rep who goes offline a minute after their first visit still has every
//! screen; the service worker keeps them for the next visit.
//!
//! Screens are grouped, not split one by one: each split function is a
//! module, and code shared by several modules goes to one more chunk per
//! combination of modules that shares it. Sixteen one-screen modules made 177
//! files, 47 of them for the Leads list alone (a cold visit waited for each);
//! three groups make a handful.

use crate::client::session::use_session;
use crate::components::Shell;
use crate::components::later::a_task_later_while_drawn;
use crate::i18n::shell::shell_texts;
use crate::pages;
use leptos::prelude::*;
use leptos::wasm_split::{SplitLoaderError, wasm_split};
use send_wrapper::SendWrapper;
use std::time::Duration;

/// A screen's module could not be fetched: offline before it was ever stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("this screen is not stored on this device yet")]
pub struct ScreenNotStored;

impl From<SplitLoaderError> for ScreenNotStored {
    fn from(_: SplitLoaderError) -> Self {
        ScreenNotStored
    }
}

/// Declares a group of screens that load together: one enum naming them,
/// one split function that draws any of them inside the shell, and one route
/// value per screen (no data of its own: each page reads the local cache or
/// asks the server itself). A module that cannot be fetched shows
/// [`ScreenNotStoredPage`] instead of stopping the app.
macro_rules! screen_group {
    ($(#[$group_doc:meta])* $group:ident, $module:ident, $draw:ident, $preload:ident {
        $($(#[$doc:meta])* $name:ident => $page:path,)*
    }) => {
        $(#[$group_doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $group {
            $($(#[$doc])* $name,)*
        }

        #[wasm_split($module, wasm_split_path = ::leptos::wasm_split, preload($preload), fallible)]
        fn $draw(screen: $group) -> Result<AnyView, ScreenNotStored> {
            Ok(match screen {
                $($group::$name => view! { <Shell><$page/></Shell> }.into_any(),)*
            })
        }

        impl $group {
            /// Fetches the group's code if this device does not have it
            /// yet (`Err` when it cannot: offline before it was stored).
            pub async fn load() -> Result<(), ScreenNotStored> {
                $preload().await.map_err(ScreenNotStored::from)
            }

            /// Draws the screen inside the shell, once [`Self::load`] has
            /// finished; the "not stored" screen if the code is not here.
            pub fn draw(self) -> AnyView {
                ready_now($draw(self)).unwrap_or_else(not_stored_view)
            }
        }
    };
}

screen_group!(
    /// A rep's daily work beyond My day: the board, leads, activities, goals and pay.
    WorkScreen, work_screens, draw_work_screen, preload_work_screens {
        /// The pipeline board.
        Pipeline => pages::pipeline::PipelinePage,
        /// The person's own account (password).
        Account => pages::account::AccountPage,
        /// The list of leads.
        Leads => pages::leads::LeadsPage,
        /// One lead, new or existing.
        Lead => pages::leads::LeadEditPage,
        /// The list of activities.
        Activities => pages::activities::ActivitiesPage,
        /// One activity, new or existing.
        Activity => pages::activities::ActivityEditPage,
        /// Goals and standings.
        Goals => pages::goals::GoalsPage,
        /// One goal, new or existing.
        Goal => pages::goals::GoalEditPage,
        /// Earnings and compensation plans.
        Pay => pages::pay::PayPage,
        /// Contacts waiting for an owner (web forms), and the forms.
        Pool => pages::pool::PoolPage,
    }
);

screen_group!(
    /// What only managers and admins open: reports, working days, lead
    /// import, records, people and teams.
    TeamScreen, team_screens, draw_team_screen, preload_team_screens {
        /// A manager's reports.
        Reports => pages::reports::ReportsPage,
        /// Who changed what in records, goals, plans, people and teams.
        Audit => pages::audit::AuditPage,
        /// The team's working days and holidays.
        TeamDays => pages::team_days::TeamDaysPage,
        /// The team's budget: plan, spending, what remains.
        Budgets => pages::budgets::BudgetsPage,
        /// The team's training programmes, sessions and completions.
        Training => pages::training::TrainingPage,
        /// The team's events and what each brought.
        Events => pages::events::EventsPage,
        /// A manager's lead import.
        LeadImport => pages::lead_import::LeadImportPage,
        /// The list of records.
        Records => pages::records::RecordsPage,
        /// One record, new or existing.
        Record => pages::records::RecordEditPage,
        /// People and teams.
        People => pages::people::PeoplePage,
        /// One person, new or existing.
        Person => pages::people::PersonEditPage,
        /// One team, new or existing.
        TeamEdit => pages::people::TeamEditPage,
    }
);

/// The pages reached signed out through a link: a sign-up link and a
/// team's public web form. Fetched only when someone opens such a link,
/// drawn without the shell; nobody signed in needs them (they are not among
/// the modules kept for offline use).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkPage {
    Join,
    WebForm,
}

#[wasm_split(join_screen, wasm_split_path = ::leptos::wasm_split, preload(preload_join), fallible)]
fn draw_link_page(page: LinkPage) -> Result<AnyView, ScreenNotStored> {
    Ok(match page {
        LinkPage::Join => view! { <pages::join::JoinPage/> }.into_any(),
        LinkPage::WebForm => view! { <pages::web_form::WebFormPage/> }.into_any(),
    })
}

impl LinkPage {
    /// Fetches the link pages' code (`Err` offline).
    pub async fn load() -> Result<(), ScreenNotStored> {
        preload_join().await.map_err(ScreenNotStored::from)
    }

    /// Draws the page, once [`Self::load`] has finished.
    pub fn draw(self) -> AnyView {
        ready_now(draw_link_page(self)).unwrap_or_else(|| not_stored_body().into_any())
    }
}

/// The answer of a future that is already done: a split function whose
/// module is loaded (or the server's build, where it is called directly)
/// answers on its first poll. `None` if it would have to wait or failed.
fn ready_now<Fut: std::future::Future<Output = Result<AnyView, ScreenNotStored>>>(
    future: Fut,
) -> Option<AnyView> {
    let future = std::pin::pin!(future);
    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
    match future.poll(&mut context) {
        std::task::Poll::Ready(Ok(view)) => Some(view),
        _ => None,
    }
}

/// The dashboard's code, fetched when a manager's screen first needs it.
#[wasm_split(dashboard_screen, wasm_split_path = ::leptos::wasm_split, preload(preload_dashboard), fallible)]
fn draw_dashboard() -> Result<AnyView, ScreenNotStored> {
    Ok(view! { <pages::dashboard::DashboardPage/> }.into_any())
}

/// The dashboard, inside the shell (`/` for a manager, and `/dashboard`):
/// reps, whose home is My day, never download it.
#[component]
pub fn OnDemandDashboard() -> impl IntoView {
    // The split loader's future holds browser values (not `Send`); the
    // browser polls it on its one thread.
    let dashboard = async move {
        SendWrapper::new(a_task_later_while_drawn()).await;
        draw_dashboard()
            .await
            .unwrap_or_else(|_| not_stored_body().into_any())
    };
    view! { <Suspense fallback=|| ()>{Suspend::new(SendWrapper::new(dashboard))}</Suspense> }
}

/// Loads, once the first screen has had its time, every module of the app
/// (reps reach their own report and dashboard by address too), so that every
/// screen opens offline from then on. Marks `<html data-screens-stored>` and
/// the sync panel when done.
pub fn keep_screens_ready(stored: RwSignal<Option<bool>>) {
    set_timeout(
        move || {
            leptos::task::spawn_local(async move {
                let work = preload_work_screens().await.is_ok();
                let dashboard = preload_dashboard().await.is_ok();
                let team = preload_team_screens().await.is_ok();
                let notices = crate::components::sync_status::load_notice_list().await;
                let all = work && dashboard && team && notices;
                stored.set(Some(all));
                mark_document(all);
            })
        },
        Duration::from_millis(1500),
    );
}

fn mark_document(stored: bool) {
    #[cfg(feature = "csr")]
    if let Some(root) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.document_element())
    {
        let _ = root.set_attribute("data-screens-stored", if stored { "true" } else { "false" });
    }
    #[cfg(not(feature = "csr"))]
    let _ = stored;
}

/// Shown in place of a screen whose code this device could not fetch.
fn not_stored_view() -> AnyView {
    view! { <Shell>{not_stored_body}</Shell> }.into_any()
}

fn not_stored_body() -> impl IntoView {
    let session = use_session();
    let texts = move || shell_texts(session.locale.get());
    view! {
        <main id="main" class="narrow">
            <h1>{move || texts().screen_not_stored_title}</h1>
            <p class="hint">{move || texts().screen_not_stored}</p>
            <p>
                <button type="button" class="button-primary" on:click=move |_| reload_page()>
                    {move || texts().try_again}
                </button>
            </p>
        </main>
    }
}

pub(crate) fn reload_page() {
    #[cfg(feature = "csr")]
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}
