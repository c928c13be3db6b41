//! The sign-in screen: the only one reachable signed out.

use crate::api::sign_in;
use crate::client::session::use_session;
use crate::components::TextField;
use crate::components::shell::LanguageSwitch;
use crate::domain::FieldErrors;
use crate::error::AppError;
use crate::i18n::error_message;
use crate::routing::Redirect;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn SignInPage() -> impl IntoView {
    let session = use_session();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::default());
    let failure = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        failure.set(None);
        errors.set(FieldErrors::default());
        spawn_local(async move {
            crate::client::session::finish_signing_out().await;
            match sign_in(email.get_untracked(), password.get_untracked()).await {
                Ok(profile) => session.signed_in(profile),
                Err(AppError::Invalid(problems)) => errors.set(problems),
                Err(error) => failure.set(Some(error)),
            }
            busy.set(false);
        });
    };

    view! {
        <Show when=move || session.user.with(Option::is_some)>
            <Redirect path="/"/>
        </Show>
        <main id="main" class="narrow sign-in">
            <div class="sign-in-language"><LanguageSwitch/></div>
            <h1>{move || session.texts().sign_in_title}</h1>
            <form on:submit=submit novalidate>
                <TextField label=|t| t.email name="email" value=email errors=errors input_type="email" autocomplete="username" required=true/>
                <TextField label=|t| t.password name="password" value=password errors=errors input_type="password" autocomplete="current-password" required=true/>
                {move || failure.get().map(|error| view! {
                    <p class="notice notice-error" role="alert">{move || error_message(session.locale.get(), &error)}</p>
                })}
                <button type="submit" class="button-primary" disabled=move || busy.get()>
                    {move || if busy.get() { session.texts().signing_in } else { session.texts().sign_in }}
                </button>
            </form>
            <p class="hint">{move || session.texts().sign_in_hint}</p>
            // Another person's unsynced work stays on this device until they return.
            {crate::client::engine::unsynced_elsewhere(None).into_iter().map(|(name, count)| view! {
                <p class="notice" role="status">
                    {move || crate::i18n::unsynced_on_device_message(session.locale.get(), &name, count)}
                </p>
            }).collect_view()}
        </main>
    }
}
