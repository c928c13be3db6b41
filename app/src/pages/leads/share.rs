//! Sharing leads already in Pishro (managers): the open leads the list's
//! filter shows, or every open lead of one owner (a rep who left), handed
//! to one rep or shared among the team's reps in turns or to the least busy.
//! Needs the network; the leads move on the server and reach the devices on
//! their next sync.

use crate::api::{LeadsToShare, share_leads, team_reps};
use crate::client::session::use_session;
use crate::components::ErrorNotice;
use crate::domain::distribution::DistributionRule;
use crate::domain::{Choice, FieldErrors, LeadId, Locale, UserId};
use crate::error::AppError;
use crate::i18n::lead_import::{import_texts, shared_message};
use crate::i18n::localize_digits;
use crate::pages::lead_import::{OwnersChoice, owners_chosen};
use leptos::prelude::*;

/// An owner whose open leads can be handed over together.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnerLeads {
    pub user_id: UserId,
    pub name: String,
    pub open: usize,
}

/// The panel under the list's filters. `shown` is the open leads the filter
/// shows; `owners` every owner of open leads on this device.
#[component]
pub fn SharePanel(shown: Signal<Vec<LeadId>>, owners: Signal<Vec<OwnerLeads>>) -> impl IntoView {
    let session = use_session();
    let engine = use_context::<crate::client::engine::SyncEngine>();
    let which = RwSignal::new("shown".to_string());
    let give = RwSignal::new(DistributionRule::RoundRobin.as_str().to_string());
    let chosen = RwSignal::new(Vec::<UserId>::new());
    let errors = RwSignal::new(FieldErrors::default());
    let failure = RwSignal::new(None::<AppError>);
    let done = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let reps = LocalResource::new(move || async move {
        let answer = team_reps().await;
        if let Ok(reps) = &answer {
            chosen.set(crate::pages::lead_import::owners::present_reps(reps));
        }
        answer
    });
    let share = move |_| {
        let leads = match which.get_untracked().parse::<UserId>() {
            Ok(user_id) => LeadsToShare::OpenLeadsOf { user_id },
            Err(_) => LeadsToShare::Chosen {
                ids: shown.get_untracked(),
            },
        };
        let Some(owners) = owners_chosen(&give.get_untracked(), chosen.get_untracked()) else {
            return;
        };
        busy.set(true);
        failure.set(None);
        done.set(None);
        leptos::task::spawn_local(async move {
            let answer = share_leads(leads, owners).await;
            busy.set(false);
            match answer {
                Ok(outcome) => {
                    errors.set(FieldErrors::default());
                    done.set(Some(shared_message(
                        session.locale.get_untracked(),
                        outcome.assigned,
                        &outcome.per_rep,
                    )));
                    if let Some(engine) = engine {
                        engine.sync_now();
                    }
                }
                Err(AppError::Invalid(problems)) => errors.set(problems),
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    move || {
        let locale: Locale = session.locale.get();
        let texts = import_texts(locale);
        let count = move |value: usize| localize_digits(locale, &value.to_string());
        view! {
            <section class="share-panel" aria-labelledby="share-heading">
                <h2 id="share-heading">{texts.share_title}</h2>
                <div class="field">
                    <label for="share-which">{texts.which_leads}</label>
                    <select id="share-which" on:change=move |event| which.set(event_target_value(&event))>
                        <option value="shown" selected=move || which.get() == "shown">
                            {move || format!("{} ({})", texts.leads_shown_open, count(shown.with(Vec::len)))}
                        </option>
                        {move || owners.get().into_iter().map(|owner| {
                            let value = owner.user_id.to_string();
                            let selected = which.get_untracked() == value;
                            view! {
                                <option value=value selected=selected>
                                    {format!("{} {} ({})", texts.open_leads_of, owner.name, count(owner.open))}
                                </option>
                            }
                        }).collect_view()}
                    </select>
                </div>
                {move || match reps.get() {
                    None => view! { <p class="hint">{crate::i18n::texts(locale).loading}</p> }.into_any(),
                    Some(Err(error)) => view! { <ErrorNotice error=error/> }.into_any(),
                    Some(Ok(reps)) => view! {
                        <OwnersChoice reps=reps errors=errors give=give chosen=chosen locale=locale/>
                        <div class="form-actions">
                            <button type="button" class="button-primary" on:click=share disabled=move || busy.get()>
                                {texts.share_button}
                            </button>
                        </div>
                    }.into_any(),
                }}
                {move || failure.get().map(|error| view! { <ErrorNotice error=error/> })}
                {move || done.get().map(|message| view! {
                    <p class="notice notice-success" role="status" data-testid="share-done">{message}</p>
                })}
            </section>
        }
    }
}
