//! Loading and error notices shared by the screens.

use crate::client::session::use_session;
use crate::error::AppError;
use crate::i18n::error_message;
use leptos::prelude::*;

/// A part of a screen still on its way. While one is on the screen the
/// goal milestones at its foot wait (`main.css`): the part arriving would
/// push them down under the reader's eyes.
#[component]
pub fn Loading() -> impl IntoView {
    let session = use_session();
    view! { <p class="notice loading" role="status">{move || session.texts().loading}</p> }
}

/// True from the first answer of `answer` on, and through its reloads:
/// what a page draws below a list waits for it, so the arriving list never
/// pushes a form (and the field being typed in) down the page.
pub fn arrived_once<T: 'static>(answer: LocalResource<T>) -> Memo<bool> {
    Memo::new(move |before: Option<&bool>| {
        before.copied().unwrap_or(false) || answer.with(Option::is_some)
    })
}

/// Beside a figure this device counted from its own rows: once it has
/// removed synced rows to make room in a full storage, the figure may be
/// low, and it says so rather than undercount silently (the rows are
/// whole on the server).
#[component]
pub fn EvictionCaveat() -> impl IntoView {
    let session = use_session();
    let engine = crate::client::engine::use_sync();
    move || {
        (engine.evicted() > 0).then(|| {
            view! {
                <span class="card-meta caveat" data-testid="counted-after-eviction">
                    {move || session.texts().counted_after_eviction}
                </span>
            }
        })
    }
}

/// Says what went wrong and what to do; an ended session signs out locally.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    let session = use_session();
    session.note_error(&error);
    view! { <p class="notice notice-error" role="alert">{move || error_message(session.locale.get(), &error)}</p> }
}

/// Saves a file (a `data:` link) to the device, as a click on a download
/// link would: for files made when asked (an export of what a list shows).
pub fn download_file(file_name: &str, link: &str) {
    #[cfg(feature = "csr")]
    {
        use wasm_bindgen::JsCast;
        let Some(document) = web_sys::window().and_then(|window| window.document()) else {
            return;
        };
        let Ok(anchor) = document.create_element("a") else {
            return;
        };
        let _ = anchor.set_attribute("href", link);
        let _ = anchor.set_attribute("download", file_name);
        if let Ok(anchor) = anchor.dyn_into::<web_sys::HtmlElement>() {
            anchor.click();
        }
    }
    #[cfg(not(feature = "csr"))]
    let _ = (file_name, link);
}
