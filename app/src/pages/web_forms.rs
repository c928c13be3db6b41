//! A team's web forms, on the lead pool screen: make one (its title is the
//! public page's heading), copy its address, see what each brought in, and
//! revoke an address that should stop taking messages.

use crate::api::pool::{create_web_form, list_web_forms, revoke_web_form};
use crate::client::session::use_session;
use crate::components::fields::TextField;
use crate::components::form::FormStatus;
use crate::domain::{TeamId, WebFormId};
use crate::error::AppError;
use crate::i18n::pool::pool_texts;
use crate::i18n::{error_message, localize_digits};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn WebFormsSection(team_id: TeamId) -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let texts = move || pool_texts(locale());
    let reload = RwSignal::new(0_u32);
    let forms = LocalResource::new(move || {
        reload.track();
        list_web_forms(team_id)
    });
    let title = RwSignal::new(String::new());
    let status = FormStatus::new();
    let errors = status.errors;
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        status.submit(create_web_form(team_id, title.get_untracked()), move |_| {
            title.set(String::new());
            reload.update(|count| *count += 1);
        });
    };
    let failure = RwSignal::new(None::<AppError>);
    let revoke = move |id: WebFormId| {
        failure.set(None);
        spawn_local(async move {
            match revoke_web_form(team_id, id).await {
                Ok(_) => reload.update(|count| *count += 1),
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    let origin = crate::pages::invites::site_origin();
    view! {
        <section class="people-section" aria-labelledby="forms-heading">
            <h2 id="forms-heading">{move || texts().forms_heading}</h2>
            <p class="hint">{move || texts().forms_explained}</p>
            <form class="form" on:submit=submit novalidate>
                <TextField label=|t| t.screens().web_form_title name="title" value=title errors=errors required=true/>
                {move || status.failure.get().map(|error| view! {
                    <p class="notice notice-error" role="alert">{move || error_message(locale(), &error)}</p>
                })}
                <div class="form-actions">
                    <button type="submit" class="button-primary" disabled=move || status.busy.get()>{move || texts().create_form}</button>
                </div>
            </form>
            {move || failure.get().map(|error| view! {
                <p class="notice notice-error" role="alert">{move || error_message(locale(), &error)}</p>
            })}
            {move || match forms.get() {
                None => view! { <crate::components::Loading/> }.into_any(),
                Some(Err(error)) => view! { <crate::components::ErrorNotice error=error/> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p class="empty">{move || texts().no_forms}</p> }.into_any(),
                Some(Ok(list)) => {
                    let origin = origin.clone();
                    view! {
                        <div class="table-scroll">
                            <table class="data-table" aria-labelledby="forms-heading">
                                <thead><tr>
                                    <th scope="col">{move || texts().form}</th>
                                    <th scope="col">{move || texts().address}</th>
                                    <th scope="col" class="number">{move || texts().received}</th>
                                    <th scope="col" class="number">{move || texts().waiting_heading}</th>
                                    <th scope="col"><span class="visually-hidden">{move || texts().revoke}</span></th>
                                </tr></thead>
                                <tbody>
                                    {list.into_iter().map(|form| {
                                        let id = form.id;
                                        let live = form.revoked_at.is_none();
                                        let address = format!("{origin}/form/{}", form.token);
                                        let field_id = format!("form-address-{id}");
                                        let name = form.title.clone();
                                        let label_name = form.title.clone();
                                        view! {
                                            <tr>
                                                <th scope="row" class="break-anywhere">{form.title.clone()}</th>
                                                <td>
                                                    {if live {
                                                        view! {
                                                            <label class="visually-hidden" for=field_id.clone()>{move || format!("{} {}", texts().address, label_name)}</label>
                                                            <input id=field_id type="text" readonly class="address-field" prop:value=address/>
                                                        }.into_any()
                                                    } else {
                                                        view! { <span>{move || texts().revoked}</span> }.into_any()
                                                    }}
                                                </td>
                                                <td class="number">{move || localize_digits(locale(), &form.received.to_string())}</td>
                                                <td class="number">{move || localize_digits(locale(), &form.waiting.to_string())}</td>
                                                <td class="row-action">
                                                    {live.then(|| view! {
                                                        <button type="button" class="button-quiet"
                                                            aria-label=move || format!("{} {}", texts().revoke, name)
                                                            on:click=move |_| revoke(id)>
                                                            {move || texts().revoke}
                                                        </button>
                                                    })}
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any()
                }
            }}
        </section>
    }
}
