//! A team's public web form (`/form/<token>`), reachable by anyone, signed
//! out: the form's title, the team, and name, company, phone, e-mail and a
//! message; what is sent lands in the team's lead pool. A field nobody sees
//! must stay empty (programs that fill every field give themselves away);
//! every refusal (a field, too many messages, a closed form) says why.

use crate::api::pool::{read_web_form, submit_web_form};
use crate::client::session::use_session;
use crate::components::TextField;
use crate::components::fields::TextAreaField;
use crate::components::form::FormStatus;
use crate::components::shell::LanguageSwitch;
use crate::domain::pool::WebFormSubmission;
use crate::error::AppError;
use crate::i18n::error_message;
use crate::i18n::pool::pool_texts;
use crate::routing::use_params_map;
use leptos::prelude::*;

#[component]
pub fn WebFormPage() -> impl IntoView {
    let session = use_session();
    let params = use_params_map();
    let token = move || {
        params
            .with(|params| params.get("token"))
            .unwrap_or_default()
    };
    let form = LocalResource::new(move || read_web_form(token()));
    // Drawn by the server for a first visit (a prospect on a phone should
    // not wait for the app to read the form's title): shown until the
    // device's own ask answers. A memo, so the same answer arriving does
    // not draw the form again over what the visitor has typed.
    let drawn = crate::first_screen::drawn_web_form();
    let form = Memo::new(move |_| form.get().or_else(|| drawn.clone()));
    let texts = move || pool_texts(session.locale.get());
    view! {
        <main id="main" class="narrow sign-in">
            <div class="sign-in-language"><LanguageSwitch/></div>
            {move || match form.get() {
                None => view! { <crate::components::Loading/> }.into_any(),
                Some(Err(AppError::NotFound)) => view! {
                    <h1>{move || texts().dead_form_title}</h1>
                    <p>{move || texts().dead_form_explained}</p>
                }.into_any(),
                Some(Err(error)) => view! {
                    <h1>{move || texts().dead_form_title}</h1>
                    <p class="notice notice-error" role="alert">{move || error_message(session.locale.get(), &error)}</p>
                }.into_any(),
                Some(Ok(form)) => view! {
                    <h1>{form.title.clone()}</h1>
                    <p class="card-sub">{form.team_name.clone()}</p>
                    <WebFormFields token=token()/>
                }.into_any(),
            }}
        </main>
    }
}

#[component]
fn WebFormFields(token: String) -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let texts = move || pool_texts(locale());
    let name = RwSignal::new(String::new());
    let company = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let message = RwSignal::new(String::new());
    let leave_empty = RwSignal::new(String::new());
    let sent = RwSignal::new(false);
    let status = FormStatus::new();
    let errors = status.errors;
    let token = StoredValue::new(token);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let submission = WebFormSubmission {
            name: name.get_untracked(),
            company: company.get_untracked(),
            phone: phone.get_untracked(),
            email: email.get_untracked(),
            message: message.get_untracked(),
            leave_empty: leave_empty.get_untracked(),
        };
        status.submit(submit_web_form(token.get_value(), submission), move |()| {
            sent.set(true);
        });
    };
    view! {
        <Show when=move || !sent.get() fallback=move || view! {
            <p class="notice" role="status" data-testid="web-form-sent">{move || texts().sent}</p>
        }>
            <p>{move || texts().form_intro}</p>
            <form class="form one-column" on:submit=submit novalidate>
                <TextField label=|t| t.name name="name" value=name errors=errors required=true autocomplete="name"/>
                <TextField label=|t| t.company name="company" value=company errors=errors autocomplete="organization"/>
                <TextField label=|t| t.phone name="phone" value=phone errors=errors input_type="tel" autocomplete="tel"/>
                <TextField label=|t| t.email name="email" value=email errors=errors input_type="email" autocomplete="email"/>
                <TextAreaField label=|t| t.screens().web_form_message name="message" value=message errors=errors/>
                // Off screen for people; a program filling every field fills it.
                <div class="trap-field">
                    <label for="field-leave_empty">{move || session.texts().screens().web_form_leave_empty}</label>
                    <input id="field-leave_empty" name="leave_empty" type="text" tabindex="-1" autocomplete="off"
                        prop:value=move || leave_empty.get()
                        on:input=move |event| leave_empty.set(event_target_value(&event))/>
                    {move || errors.with(|errors| errors.for_field("leave_empty").map(|problem| view! {
                        <p class="field-problem" role="alert">{crate::i18n::field_problem_message(locale(), problem)}</p>
                    }))}
                </div>
                {move || status.failure.get().map(|error| view! {
                    <p class="notice notice-error" role="alert">{move || error_message(locale(), &error)}</p>
                })}
                <button type="submit" class="button-primary" disabled=move || status.busy.get()>{move || texts().send}</button>
            </form>
        </Show>
    }
}
