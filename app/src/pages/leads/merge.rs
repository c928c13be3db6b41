//! Merging a duplicate into the lead on screen: the leads on this device
//! with the same phone or e-mail, each with "Merge into this lead" (asked
//! again before it happens). Needs the network: the server moves the
//! other's activities and history here and removes it, and the devices
//! learn of both on their next sync.

use crate::client::engine::use_sync;
use crate::client::session::use_session;
use crate::components::ErrorNotice;
use crate::domain::search::possible_duplicates;
use crate::domain::{Lead, LeadId};
use crate::error::AppError;
use crate::i18n::lead_merge::{confirm_merge, merge_label, merge_texts};
use leptos::prelude::*;

#[component]
pub(super) fn MergeDuplicates(lead: Lead) -> impl IntoView {
    let session = use_session();
    let engine = use_sync();
    let locale = move || session.locale.get();
    let survivor = lead.id;
    let (phone, email) = (lead.phone.clone(), lead.email.clone());
    let survivor_name = StoredValue::new(lead.name.clone());
    let asking = RwSignal::new(None::<(LeadId, String)>);
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<AppError>);
    let done = RwSignal::new(None::<String>);
    let duplicates = Memo::new(move |_| {
        engine.leads_view.with(|leads| {
            leads
                .as_deref()
                .map(|leads| {
                    possible_duplicates(leads, &phone, &email, survivor)
                        .into_iter()
                        .take(5)
                        .map(|lead| (lead.id, lead.name.clone(), lead.owner_name.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let merge = move |merged: LeadId, name: String| {
        busy.set(true);
        failure.set(None);
        leptos::task::spawn_local(async move {
            let answer = crate::api::merge_leads(survivor, merged).await;
            busy.set(false);
            asking.set(None);
            match answer {
                Ok(_) => {
                    done.set(Some(name));
                    engine.sync_now();
                }
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    view! {
        <Show when=move || !duplicates.with(Vec::is_empty) || done.with(Option::is_some)>
            <section class="merge-panel" aria-labelledby="merge-heading">
                <h2 id="merge-heading">{move || merge_texts(locale()).heading}</h2>
                {move || done.get().map(|name| view! {
                    <p class="notice" role="status" data-testid="merge-done">{move || merge_texts(locale()).merged(&name)}</p>
                })}
                <Show when=move || !duplicates.with(Vec::is_empty)>
                    <p class="hint">{move || merge_texts(locale()).explained}</p>
                    <ul class="merge-list">
                        {move || duplicates.get().into_iter().map(|(id, name, owner)| {
                            let label = name.clone();
                            let asked = name.clone();
                            view! {
                                <li>
                                    <a href=format!("/leads/{id}")>{name.clone()}</a>
                                    <span class="card-meta">{owner}</span>
                                    <button type="button" class="button-quiet"
                                        aria-label=move || merge_label(locale(), &label)
                                        on:click=move |_| asking.set(Some((id, asked.clone())))>
                                        {move || merge_texts(locale()).merge_here}
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </Show>
                {move || asking.get().map(|(id, name)| {
                    let question = confirm_merge(locale(), &name, &survivor_name.get_value());
                    view! {
                        <div class="notice notice-conflict" role="alertdialog" aria-labelledby="merge-question">
                            <p id="merge-question">{question}</p>
                            <div class="form-actions">
                                <button type="button" class="button-primary" disabled=move || busy.get()
                                    on:click=move |_| merge(id, name.clone())>
                                    {move || merge_texts(locale()).confirm}
                                </button>
                                <button type="button" class="button-quiet" on:click=move |_| asking.set(None)>
                                    {move || merge_texts(locale()).cancel}
                                </button>
                            </div>
                        </div>
                    }
                })}
                {move || failure.get().map(|error| view! { <ErrorNotice error=error/> })}
            </section>
        </Show>
    }
}
