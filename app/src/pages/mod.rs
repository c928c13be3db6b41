//! One module per screen.

pub mod activities;
pub mod dashboard;
pub mod goals;
pub mod leads;
pub mod people;
pub mod records;
pub mod sign_in;

use crate::session::use_session;
use leptos::prelude::*;

/// Shown for an address that matches no screen.
#[component]
pub fn NotFound() -> impl IntoView {
    let session = use_session();
    view! {
        <main id="main" class="narrow">
            <h1>{move || session.texts().not_found_title}</h1>
            <p><a href="/">{move || session.texts().nav_dashboard}</a></p>
        </main>
    }
}
