//! One module per screen.

pub mod account;
pub mod activities;
pub mod audit;
pub mod budgets;
pub mod dashboard;
pub mod events;
pub mod goals;
pub mod headcount;
pub mod invites;
pub mod join;
pub mod lead_import;
pub mod leads;
pub mod my_day;
pub mod pay;
pub mod people;
pub mod pipeline;
pub mod pool;
pub mod records;
pub mod reports;
pub mod sign_in;
pub mod staff;
pub mod team_days;
pub mod team_people;
pub mod training;
pub mod web_form;
pub mod web_forms;

use crate::client::session::use_session;
use leptos::prelude::*;

/// The first screen after signing in: a rep's day, or a manager's dashboard
/// (loaded on demand, so a rep's first load does not carry it).
#[component]
pub fn HomePage() -> impl IntoView {
    let session = use_session();
    move || {
        let manages = session
            .user
            .with(|profile| profile.as_ref().is_some_and(|profile| profile.manages()));
        if manages {
            view! { <crate::screens::OnDemandDashboard/> }.into_any()
        } else {
            view! { <my_day::MyDayPage/> }.into_any()
        }
    }
}

/// Shown for an address that matches no screen.
#[component]
pub fn NotFound() -> impl IntoView {
    let session = use_session();
    view! {
        <main id="main" class="narrow">
            <h1>{move || session.texts().screens().not_found_title}</h1>
            <p><a href="/">{move || session.texts().nav_dashboard}</a></p>
        </main>
    }
}
