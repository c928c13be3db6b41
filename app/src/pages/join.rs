//! The sign-up link's page (`/join/<secret>`), reachable signed out: where
//! the link leads (team, role, e-mail, who invited), and the form that makes
//! the account and signs the person in. A link that no longer works says
//! so plainly and what to do.

use crate::api::invites::{accept_invite, read_invite};
use crate::client::session::use_session;
use crate::components::TextField;
use crate::components::form::FormStatus;
use crate::components::shell::LanguageSwitch;
use crate::domain::Choice;
use crate::domain::invite::{InviteWelcome, JoinDraft};
use crate::error::AppError;
use crate::i18n::account::{invited_by, join_texts, join_title};
use crate::i18n::{Label, error_message};
use crate::routing::{use_navigate, use_params_map};
use leptos::prelude::*;

#[component]
pub fn JoinPage() -> impl IntoView {
    let session = use_session();
    let params = use_params_map();
    let secret = move || {
        params
            .with(|params| params.get("secret"))
            .unwrap_or_default()
    };
    // Drawn by the server for a first visit: its answer stands, and the
    // link is not read again (each reading counts against the address's
    // throttle, so a dead link would count twice).
    let drawn = crate::first_screen::drawn_invite();
    let asked = drawn
        .is_none()
        .then(|| LocalResource::new(move || read_invite(secret())));
    let welcome = move || {
        drawn
            .clone()
            .or_else(|| asked.and_then(|asked| asked.get()))
    };
    let words = move || join_texts(session.locale.get());
    view! {
        <main id="main" class="narrow sign-in">
            <div class="sign-in-language"><LanguageSwitch/></div>
            {move || match welcome() {
                None => view! { <crate::components::Loading/> }.into_any(),
                Some(Err(AppError::NotFound)) => view! {
                    <h1>{move || words().dead_title}</h1>
                    <p>{move || words().dead_explained}</p>
                    <p><a href="/signin">{move || words().go_sign_in}</a></p>
                }.into_any(),
                Some(Err(error)) => view! {
                    <h1>{move || words().dead_title}</h1>
                    <p class="notice notice-error" role="alert">{move || error_message(session.locale.get(), &error)}</p>
                }.into_any(),
                Some(Ok(welcome)) => view! { <JoinForm secret=secret() welcome=welcome/> }.into_any(),
            }}
        </main>
    }
}

#[component]
fn JoinForm(secret: String, welcome: InviteWelcome) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let locale = move || session.locale.get();
    let words = move || join_texts(locale());
    let display_name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let repeated = RwSignal::new(String::new());
    let status = FormStatus::new();
    let errors = status.errors;
    let secret = StoredValue::new(secret);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let draft = JoinDraft {
            display_name: display_name.get_untracked(),
            password: password.get_untracked(),
            repeated_password: repeated.get_untracked(),
            locale: session.locale.get_untracked().as_str().to_string(),
        };
        let navigate = navigate.clone();
        // Like a sign-in, it starts a session: a sign-out on its way first.
        let joining = async move {
            crate::client::session::finish_signing_out().await;
            accept_invite(secret.get_value(), draft).await
        };
        status.submit(joining, move |profile| {
            session.signed_in(profile);
            navigate("/", Default::default());
        });
    };
    let InviteWelcome {
        email,
        role,
        team_name,
        inviter_name,
        ..
    } = welcome;
    view! {
        <h1>{move || join_title(locale(), &team_name)}</h1>
        <p>{move || invited_by(locale(), &inviter_name, role.label(locale()), &email)}</p>
        <form class="form one-column" on:submit=submit novalidate>
            <TextField label=|t| t.display_name name="display_name" value=display_name errors=errors required=true autocomplete="name"/>
            <TextField label=|t| t.screens().chosen_password name="password" value=password errors=errors
                input_type="password" autocomplete="new-password" required=true/>
            <TextField label=|t| t.repeated_password name="repeated_password" value=repeated errors=errors
                input_type="password" autocomplete="new-password" required=true/>
            <p class="hint">{move || words().password_hint}</p>
            {move || status.failure.get().map(|error| view! {
                <p class="notice notice-error" role="alert">{move || error_message(locale(), &error)}</p>
            })}
            <button type="submit" class="button-primary" disabled=move || status.busy.get()>{move || words().create_account}</button>
        </form>
    }
}
