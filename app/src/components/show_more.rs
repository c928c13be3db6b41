//! The button under a long list that builds its next page of cards. Lists
//! are built a page at a time (Leads, Activities, each board column):
//! building thousands of cards at once would freeze a phone.

use crate::client::session::use_session;
use crate::i18n::localize_digits;
use leptos::prelude::*;

/// "Show more (N)", where N is how many cards the next page adds; nothing
/// when the list is whole, so a page never offers a tap that does nothing.
#[component]
pub fn ShowMore(more: usize, #[prop(into)] on_more: Callback<()>) -> impl IntoView {
    let session = use_session();
    (more > 0).then(|| {
        view! {
            <button type="button" class="button-quiet show-more" on:click=move |_| on_more.run(())>
                {move || format!("{} ({})", session.texts().show_more, localize_digits(session.locale.get(), &more.to_string()))}
            </button>
        }
    })
}
