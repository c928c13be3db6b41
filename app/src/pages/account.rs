//! A person's own account (`/account`, for everyone): who they are in
//! Pishro, and changing their password, which signs out their other devices.

use crate::api::auth::change_own_password;
use crate::client::session::use_session;
use crate::components::fields::TextField;
use crate::components::form::FormStatus;
use crate::domain::user::PasswordChange;
use crate::i18n::account::account_texts;
use crate::i18n::{Label, error_message};
use leptos::prelude::*;

#[component]
pub fn AccountPage() -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let words = move || account_texts(locale());
    let profile = move || session.user.get();
    view! {
        <h1>{move || words().title}</h1>
        {move || profile().map(|profile| {
            let role = profile.role;
            let team = profile.team_name.clone();
            view! {
                <dl class="account-facts">
                    <dt>{move || words().name}</dt>
                    <dd>{profile.display_name.clone()}</dd>
                    <dt>{move || words().email}</dt>
                    <dd>{profile.email.clone()}</dd>
                    <dt>{move || words().role}</dt>
                    <dd>{move || role.label(locale())}</dd>
                    <dt>{move || words().team}</dt>
                    <dd>{move || team.clone().unwrap_or_else(|| words().no_team.to_string())}</dd>
                </dl>
            }
        })}
        <p class="hint">{move || words().language_hint}</p>
        <PasswordForm/>
    }
}

/// Current password, the new one twice; cleared once changed.
#[component]
fn PasswordForm() -> impl IntoView {
    let session = use_session();
    let words = move || account_texts(session.locale.get());
    let current = RwSignal::new(String::new());
    let chosen = RwSignal::new(String::new());
    let repeated = RwSignal::new(String::new());
    let changed = RwSignal::new(false);
    let status = FormStatus::new();
    let errors = status.errors;
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        changed.set(false);
        let change = PasswordChange {
            current_password: current.get_untracked(),
            new_password: chosen.get_untracked(),
            repeated_password: repeated.get_untracked(),
        };
        status.submit(change_own_password(change), move |_| {
            current.set(String::new());
            chosen.set(String::new());
            repeated.set(String::new());
            changed.set(true);
        });
    };
    view! {
        <section class="people-section" aria-labelledby="password-heading">
            <h2 id="password-heading">{move || words().password_heading}</h2>
            <p class="hint">{move || words().password_explained}</p>
            <form class="form one-column" on:submit=submit novalidate>
                <TextField label=|t| t.current_password name="current_password" value=current errors=errors
                    input_type="password" autocomplete="current-password" required=true/>
                <TextField label=|t| t.screens().chosen_password name="new_password" value=chosen errors=errors
                    input_type="password" autocomplete="new-password" required=true/>
                <TextField label=|t| t.repeated_password name="repeated_password" value=repeated errors=errors
                    input_type="password" autocomplete="new-password" required=true/>
                {move || status.failure.get().map(|error| view! {
                    <p class="notice notice-error" role="alert">{move || error_message(session.locale.get(), &error)}</p>
                })}
                {move || changed.get().then(|| view! { <p class="notice" role="status">{move || words().password_changed}</p> })}
                <div class="form-actions">
                    <button type="submit" class="button-primary" disabled=move || status.busy.get()>{move || words().change_password}</button>
                </div>
            </form>
        </section>
    }
}
