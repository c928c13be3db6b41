//! A delete button that asks first, then removes the record and returns to
//! its list. Deleting leaves a tombstone on the server so other devices learn
//! of it.

use crate::client::session::use_session;
use crate::error::AppError;
use crate::i18n::error_message;
use crate::routing::use_navigate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;

/// Asks the browser's yes/no question; `true` outside a browser.
pub(crate) fn confirmed(question: &str) -> bool {
    #[cfg(feature = "csr")]
    {
        web_sys::window()
            .and_then(|window| window.confirm_with_message(question).ok())
            .unwrap_or(false)
    }
    #[cfg(not(feature = "csr"))]
    {
        let _ = question;
        true
    }
}

#[component]
pub fn DeleteButton<Delete, Deleting>(delete: Delete, back_to: &'static str) -> impl IntoView
where
    Delete: Fn() -> Deleting + Copy + 'static,
    Deleting: Future<Output = Result<(), AppError>> + 'static,
{
    let session = use_session();
    let navigate = use_navigate();
    let failure = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let click = move |_| {
        if busy.get_untracked() || !confirmed(session.texts().confirm_delete) {
            return;
        }
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            match delete().await {
                Ok(()) => navigate(back_to, Default::default()),
                Err(error) => {
                    session.note_error(&error);
                    failure.set(Some(error));
                }
            }
            busy.set(false);
        });
    };
    view! {
        <button type="button" class="button-danger" disabled=move || busy.get() on:click=click>
            {move || session.texts().delete}
        </button>
        {move || failure.get().map(|error| view! {
            <p class="notice notice-error" role="alert">{move || error_message(session.locale.get(), &error)}</p>
        })}
    }
}
