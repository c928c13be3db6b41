//! The lead pool (`/pool`): contacts that came in through the team's web
//! forms and belong to nobody yet. A manager selects them and gives them to
//! reps by the import's rules, or sets them aside, decides whether reps may
//! take them, and keeps the web forms (`web_forms.rs`); a rep takes one
//! when the manager allows it. Online only: nothing here is on the device
//! until it becomes someone's lead.

use crate::api::pool::{
    PoolView, claim_pool_leads, discard_pool_leads, give_pool_leads, list_pool, set_pool_claims,
    set_web_form_auto_share,
};
use crate::client::session::use_session;
use crate::components::team_switch::TeamSwitch;
use crate::components::{ErrorNotice, Loading};
use crate::domain::distribution::DistributionRule;
use crate::domain::pool::PoolLead;
use crate::domain::{Choice, FieldErrors, PoolLeadId, TeamId};
use crate::error::AppError;
use crate::i18n::pool::{given_message, pool_texts, set_aside_message, waiting_heading};
use crate::i18n::{error_message, format_date_time};
use crate::pages::lead_import::{OwnersChoice, owners_chosen};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn PoolPage() -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let team = RwSignal::new(None::<TeamId>);
    let reload = RwSignal::new(0_u32);
    let pool = LocalResource::new(move || {
        reload.track();
        list_pool(team.get())
    });
    // A first visit drawn by the server came with the pool: shown at once
    // (the server draws it too), until the device's own ask answers. A
    // memo, so the same answer arriving keeps what was ticked meanwhile.
    let drawn = crate::first_screen::drawn_pool();
    let pool = Memo::new(move |_| pool.get().or_else(|| drawn.clone().map(Ok)));
    // Kept here: the lists below are drawn again after every action.
    let done = RwSignal::new(None::<String>);
    view! {
        <h1>{move || pool_texts(locale()).title}</h1>
        {move || done.get().map(|message| view! { <p class="notice" role="status" data-testid="pool-done">{message}</p> })}
        // Drawn again in the other language when it changes.
        {move || match (locale(), pool.get()).1 {
            None => view! { <Loading/> }.into_any(),
            Some(Err(error)) => view! { <ErrorNotice error=error/> }.into_any(),
            Some(Ok(view)) if view.manages => view! {
                <p class="hint">{move || pool_texts(locale()).explained}</p>
                <TeamSwitch id="pool-team" label=|locale| pool_texts(locale).team
                    teams=view.teams.clone() shown=view.team_id team=team/>
                <ClaimSetting team_id=view.team_id allowed=view.reps_may_claim/>
                <WebFormRuleSetting team_id=view.team_id rule=view.web_form_rule/>
                <ManagersPool view=view.clone() reload=reload done=done/>
                <crate::pages::web_forms::WebFormsSection team_id=view.team_id/>
            }.into_any(),
            Some(Ok(view)) => view! { <RepsPool view=view reload=reload done=done/> }.into_any(),
        }}
    }
}

/// The team's choice whether reps may take leads from the pool, saved as
/// soon as it changes.
#[component]
fn ClaimSetting(team_id: TeamId, allowed: bool) -> impl IntoView {
    let session = use_session();
    let checked = RwSignal::new(allowed);
    let failure = RwSignal::new(None::<AppError>);
    let change = move |event: leptos::ev::Event| {
        let on = event_target_checked(&event);
        checked.set(on);
        failure.set(None);
        spawn_local(async move {
            if let Err(error) = set_pool_claims(team_id, on).await {
                checked.set(!on);
                failure.set(Some(error));
            }
        });
    };
    view! {
        <div class="field field-checkbox">
            <input id="pool-reps-may-claim" type="checkbox" prop:checked=move || checked.get() on:change=change/>
            <label for="pool-reps-may-claim">{move || pool_texts(session.locale.get()).reps_may_claim}</label>
        </div>
        {move || failure.get().map(|error| view! { <ErrorNotice error=error/> })}
    }
}

/// How new web form contacts are shared as they arrive, saved as soon as
/// it changes.
#[component]
fn WebFormRuleSetting(team_id: TeamId, rule: Option<DistributionRule>) -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let words = move || pool_texts(locale());
    let chosen = RwSignal::new(
        rule.map(|rule| rule.as_str().to_string())
            .unwrap_or_default(),
    );
    let failure = RwSignal::new(None::<AppError>);
    let saved = RwSignal::new(false);
    let change = move |event: leptos::ev::Event| {
        let value = event_target_value(&event);
        let previous = chosen.get_untracked();
        chosen.set(value.clone());
        failure.set(None);
        saved.set(false);
        let rule = DistributionRule::parse(&value);
        spawn_local(async move {
            match set_web_form_auto_share(team_id, rule).await {
                Ok(()) => saved.set(true),
                Err(error) => {
                    chosen.set(previous);
                    failure.set(Some(error));
                }
            }
        });
    };
    view! {
        <div class="field">
            <label for="pool-web-form-rule">{move || words().web_form_rule}</label>
            <select id="pool-web-form-rule" aria-describedby="pool-web-form-rule-hint" on:change=change>
                <option value="" selected=move || chosen.get().is_empty()>{move || words().keep_in_pool}</option>
                {DistributionRule::ALL.iter().map(|rule| {
                    let rule = *rule;
                    view! { <option value=rule.as_str() selected=move || chosen.get() == rule.as_str()>{move || crate::i18n::lead_import::rule_choice_label(locale(), rule)}</option> }
                }).collect_view()}
            </select>
            <p class="hint" id="pool-web-form-rule-hint">{move || words().web_form_rule_hint}</p>
            <Show when=move || saved.get()>
                <p class="hint" role="status">{move || words().web_form_rule_saved}</p>
            </Show>
        </div>
        {move || failure.get().map(|error| view! { <ErrorNotice error=error/> })}
    }
}

/// A contact's cells: name and company, how to reach them, what they wrote.
fn contact_cells(contact: &PoolLead, locale: crate::domain::Locale) -> impl IntoView + use<> {
    let texts = pool_texts(locale);
    let reach: Vec<String> = [contact.phone.clone(), contact.email.clone()]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect();
    let same_as = contact.same_as.clone();
    let form = contact.form_title.clone().unwrap_or_default();
    view! {
        <td class="break-anywhere wrapping" dir="auto">
            {reach.join(" · ")}
            {same_as.map(|name| view! { <p class="stage-warning">{format!("{}: {name}", texts.same_as)}</p> })}
        </td>
        <td class="long-text" dir="auto">{contact.message.clone()}</td>
        <td>{format_date_time(locale, contact.received_at)}<p class="card-sub">{form}</p></td>
    }
}

/// The manager's waiting list with its selection, and what to do with the
/// selected: give them to reps, or set them aside.
#[component]
fn ManagersPool(
    view: PoolView,
    reload: RwSignal<u32>,
    done: RwSignal<Option<String>>,
) -> impl IntoView {
    let session = use_session();
    let locale = session.locale.get_untracked();
    let texts = pool_texts(locale);
    let team_id = view.team_id;
    let all: Vec<PoolLeadId> = view.leads.iter().map(|contact| contact.id).collect();
    let selected = RwSignal::new(all.clone());
    let give = RwSignal::new(DistributionRule::RoundRobin.as_str().to_string());
    let chosen = RwSignal::new(crate::pages::lead_import::owners::present_reps(&view.reps));
    let errors = RwSignal::new(FieldErrors::default());
    let failure = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let finish = move |answer: Result<String, AppError>| {
        busy.set(false);
        match answer {
            Ok(message) => {
                errors.set(FieldErrors::default());
                done.set(Some(message));
                reload.update(|count| *count += 1);
            }
            Err(AppError::Invalid(problems)) => errors.set(problems),
            Err(error) => failure.set(Some(error)),
        }
    };
    let start = move || {
        busy.set(true);
        failure.set(None);
        done.set(None);
    };
    let give_selected = move |_| {
        let Some(owners) = owners_chosen(&give.get_untracked(), chosen.get_untracked()) else {
            return;
        };
        start();
        let ids = selected.get_untracked();
        spawn_local(async move {
            let answer = give_pool_leads(team_id, ids, owners).await.map(|outcome| {
                given_message(
                    session.locale.get_untracked(),
                    outcome.assigned,
                    &outcome.per_rep,
                )
            });
            finish(answer);
        });
    };
    let set_aside = move |_| {
        start();
        let ids = selected.get_untracked();
        spawn_local(async move {
            let answer = discard_pool_leads(team_id, ids)
                .await
                .map(|count| set_aside_message(session.locale.get_untracked(), count));
            finish(answer);
        });
    };
    let count = move || selected.with(Vec::len);
    let all_ids = all.clone();
    view! {
        <section class="people-section" aria-labelledby="pool-waiting">
            <h2 id="pool-waiting">{waiting_heading(locale, view.waiting)}</h2>
            {if view.leads.is_empty() {
                view! { <p class="empty">{texts.nobody_waiting}</p> }.into_any()
            } else {
                view! {
                    <div class="field field-checkbox">
                        <input id="pool-select-all" type="checkbox"
                            prop:checked=move || selected.with(|chosen| chosen.len() == all_ids.len())
                            on:change=move |event| selected.set(if event_target_checked(&event) { all.clone() } else { Vec::new() })/>
                        <label for="pool-select-all">{texts.select_all}</label>
                    </div>
                    <div class="table-scroll">
                        <table class="data-table" aria-labelledby="pool-waiting">
                            <thead><tr>
                                <th scope="col">{texts.contact}</th>
                                <th scope="col">{texts.reach}</th>
                                <th scope="col">{texts.message}</th>
                                <th scope="col">{texts.received}</th>
                            </tr></thead>
                            <tbody>
                                {view.leads.iter().map(|contact| {
                                    let id = contact.id;
                                    let box_id = format!("pool-{id}");
                                    let company = contact.company.clone();
                                    view! {
                                        <tr>
                                            <th scope="row">
                                                <div class="field-checkbox in-table">
                                                    <input type="checkbox" id=box_id.clone()
                                                        prop:checked=move || selected.with(|chosen| chosen.contains(&id))
                                                        on:change=move |event| {
                                                            let on = event_target_checked(&event);
                                                            selected.update(|chosen| {
                                                                chosen.retain(|other| *other != id);
                                                                if on {
                                                                    chosen.push(id);
                                                                }
                                                            });
                                                        }/>
                                                    <label for=box_id>{contact.name.clone()}</label>
                                                </div>
                                                <p class="card-sub">{company}</p>
                                            </th>
                                            {contact_cells(contact, locale)}
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    <OwnersChoice reps=view.reps.clone() errors=errors give=give chosen=chosen locale=locale/>
                    {move || errors.with(|errors| errors.for_field("ids").map(|problem| view! {
                        <p class="field-problem" role="alert">{crate::i18n::field_problem_message(locale, problem)}</p>
                    }))}
                    <div class="form-actions">
                        <button type="button" class="button-primary" on:click=give_selected
                            disabled=move || busy.get() || count() == 0>
                            {move || format!("{} ({})", texts.give, crate::i18n::localize_digits(locale, &count().to_string()))}
                        </button>
                        <button type="button" class="button-quiet" on:click=set_aside
                            disabled=move || busy.get() || count() == 0>
                            {texts.set_aside}
                        </button>
                    </div>
                }.into_any()
            }}
            {move || failure.get().map(|error| view! {
                <p class="notice notice-error" role="alert">{error_message(locale, &error)}</p>
            })}
        </section>
    }
}

/// A rep's view: the waiting contacts with "Take" when the manager allows
/// it, else what the pool is and who hands it out.
#[component]
fn RepsPool(
    view: PoolView,
    reload: RwSignal<u32>,
    done: RwSignal<Option<String>>,
) -> impl IntoView {
    let session = use_session();
    let locale = session.locale.get_untracked();
    let texts = pool_texts(locale);
    let engine = use_context::<crate::client::engine::SyncEngine>();
    let failure = RwSignal::new(None::<AppError>);
    let take = move |id: PoolLeadId| {
        failure.set(None);
        spawn_local(async move {
            match claim_pool_leads(vec![id]).await {
                Ok(_) => {
                    done.set(Some(texts.taken.to_string()));
                    reload.update(|count| *count += 1);
                    if let Some(engine) = engine {
                        engine.sync_now();
                    }
                }
                Err(error) => failure.set(Some(error)),
            }
        });
    };
    if !view.reps_may_claim {
        return view! { <p class="hint">{texts.kept_by_manager}</p> }.into_any();
    }
    view! {
        <p class="hint">{texts.explained}</p>
        {move || failure.get().map(|error| view! {
            <p class="notice notice-error" role="alert">{error_message(locale, &error)}</p>
        })}
        <section class="people-section" aria-labelledby="pool-waiting">
            <h2 id="pool-waiting">{waiting_heading(locale, view.waiting)}</h2>
            {if view.leads.is_empty() {
                view! { <p class="empty">{texts.nobody_waiting_rep}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="data-table" aria-labelledby="pool-waiting">
                            <thead><tr>
                                <th scope="col">{texts.contact}</th>
                                <th scope="col">{texts.reach}</th>
                                <th scope="col">{texts.message}</th>
                                <th scope="col">{texts.received}</th>
                                <th scope="col"><span class="visually-hidden">{texts.take}</span></th>
                            </tr></thead>
                            <tbody>
                                {view.leads.iter().map(|contact| {
                                    let id = contact.id;
                                    let name = contact.name.clone();
                                    view! {
                                        <tr>
                                            <th scope="row">{contact.name.clone()}<p class="card-sub">{contact.company.clone()}</p></th>
                                            {contact_cells(contact, locale)}
                                            <td class="row-action">
                                                <button type="button" class="button-primary" on:click=move |_| take(id)
                                                    aria-label=format!("{} {name}", texts.take)>{texts.take}</button>
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
    .into_any()
}
