//! Loading and error notices shared by the screens.

use crate::error::AppError;
use crate::i18n::error_message;
use crate::session::use_session;
use leptos::prelude::*;

#[component]
pub fn Loading() -> impl IntoView {
    let session = use_session();
    view! { <p class="notice" role="status">{move || session.texts().loading}</p> }
}

/// Says what went wrong and what to do; an ended session signs out locally.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    let session = use_session();
    session.note_error(&error);
    view! { <p class="notice notice-error" role="alert">{move || error_message(session.locale.get(), &error)}</p> }
}
