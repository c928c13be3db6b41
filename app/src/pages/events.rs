//! The events screen (`/events`, managers): what each fair, conference or
//! webinar brought (leads, won deals, revenue, cost per lead and per won
//! deal, return on cost), the form to add or change one, and the team's
//! leads per source. Typed values live outside the part redrawn on reload.

use crate::api::events::{EventsView, delete_event, list_events, save_event};
use crate::client::session::use_session;
use crate::components::delete_button::confirmed;
use crate::components::fields::{DateField, SelectField, TextField, choice_options};
use crate::components::form::FormStatus;
use crate::components::team_switch::TeamSwitch;
use crate::components::{ErrorNotice, Loading};
use crate::domain::event::{EventDraft, EventResults, SourceResults};
use crate::domain::money::{MoneySum, amount_for_input};
use crate::domain::{Choice, Currency, EventId, Locale, TeamId};
use crate::error::AppError;
use crate::i18n::events::{event_texts, percent_text};
use crate::i18n::format::{format_date, format_money, format_number};
use crate::i18n::{Label, error_message};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The form's typed values (text, as the inputs hold them).
#[derive(Clone, Copy)]
struct EventForm {
    editing: RwSignal<Option<EventId>>,
    name: RwSignal<String>,
    kind: RwSignal<String>,
    starts_on: RwSignal<String>,
    ends_on: RwSignal<String>,
    place: RwSignal<String>,
    cost: RwSignal<String>,
    currency: RwSignal<String>,
}

impl EventForm {
    fn new(currency: Currency) -> Self {
        Self {
            editing: RwSignal::new(None),
            name: RwSignal::new(String::new()),
            kind: RwSignal::new("fair".into()),
            starts_on: RwSignal::new(String::new()),
            ends_on: RwSignal::new(String::new()),
            place: RwSignal::new(String::new()),
            cost: RwSignal::new(String::new()),
            currency: RwSignal::new(currency.as_str().into()),
        }
    }

    fn clear(&self) {
        self.editing.set(None);
        self.name.set(String::new());
        self.starts_on.set(String::new());
        self.ends_on.set(String::new());
        self.place.set(String::new());
        self.cost.set(String::new());
    }

    fn fill(&self, results: &EventResults) {
        let event = &results.event;
        self.editing.set(Some(event.id));
        self.name.set(event.name.clone());
        self.kind.set(event.kind.as_str().into());
        self.starts_on.set(event.starts_on.to_string());
        self.ends_on.set(event.ends_on.to_string());
        self.place.set(event.place.clone());
        self.cost.set(amount_for_input(event.cost, event.currency));
        self.currency.set(event.currency.as_str().into());
    }
}

#[component]
pub fn EventsPage() -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let words = move || event_texts(locale());
    let team = RwSignal::new(None::<TeamId>);
    let reload = RwSignal::new(0_u32);
    let answer = LocalResource::new(move || {
        reload.track();
        list_events(team.get())
    });
    let form = EventForm::new(Currency::default_for_persian(
        session.locale.get_untracked() == Locale::Fa,
    ));
    // The form appears once the list has, below it: drawn before, the
    // arriving list would push it (and the field being typed in) down.
    let loaded_once = crate::components::notices::arrived_once(answer);
    view! {
        <h1>{move || words().title}</h1>
        <p class="hint">{move || words().explained}</p>
        {move || match answer.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Err(error)) => view! { <ErrorNotice error=error/> }.into_any(),
            Some(Ok(view)) => view! {
                <TeamSwitch id="events-team" label=|locale| event_texts(locale).team
                    teams=view.teams.clone() shown=view.team_id team=team/>
                <EventTable view=view.clone() form=form reload=reload/>
                <SourceTable sources=view.sources/>
            }
            .into_any(),
        }}
        <Show when=move || loaded_once.get()>
            <EventFormSection form=form team=team reload=reload/>
        </Show>
    }
}

fn money_or_dash(locale: Locale, amount: Option<MoneySum>, currency: Currency) -> String {
    amount.map_or_else(
        || event_texts(locale).nothing.to_string(),
        |amount| format_money(locale, amount, currency),
    )
}

fn revenue_lines(locale: Locale, revenue: &[(Currency, MoneySum)]) -> Vec<String> {
    if revenue.is_empty() {
        return vec![format_number(locale, 0)];
    }
    revenue
        .iter()
        .map(|(currency, amount)| format_money(locale, *amount, *currency))
        .collect()
}

#[component]
fn EventTable(view: EventsView, form: EventForm, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let words = move || event_texts(locale());
    let failure = RwSignal::new(None::<AppError>);
    if view.events.is_empty() {
        return view! {
            <section class="people-section" aria-labelledby="event-results-heading">
                <h2 id="event-results-heading">{move || words().results_heading}</h2>
                <p class="empty">{move || words().no_events}</p>
            </section>
        }
        .into_any();
    }
    let remove = move |event_id: EventId| {
        if !confirmed(words().confirm_delete) {
            return;
        }
        failure.set(None);
        spawn_local(async move {
            match delete_event(event_id).await {
                Ok(()) => reload.update(|count| *count += 1),
                Err(error) => {
                    session.note_error(&error);
                    failure.set(Some(error));
                }
            }
        });
    };
    view! {
        <section class="people-section" aria-labelledby="event-results-heading">
            <h2 id="event-results-heading">{move || words().results_heading}</h2>
            {move || failure.get().map(|error| view! {
                <p class="notice notice-error" role="alert">{move || error_message(locale(), &error)}</p>
            })}
            <div class="table-scroll">
                <table class="data-table wrap-headings" aria-labelledby="event-results-heading">
                    <thead><tr>
                        <th scope="col">{move || words().event}</th>
                        <th scope="col" class="number">{move || words().leads}</th>
                        <th scope="col" class="number">{move || words().won}</th>
                        <th scope="col" class="number">{move || words().cost}</th>
                        <th scope="col" class="number">{move || words().cost_per_lead}</th>
                        <th scope="col" class="number">{move || words().cost_per_won}</th>
                        <th scope="col" class="number">{move || words().revenue}</th>
                        <th scope="col" class="number">{move || words().return_on_cost}</th>
                        <th scope="col"><span class="visually-hidden">{move || words().edit}</span></th>
                    </tr></thead>
                    <tbody>
                        {view.events.into_iter().map(|results| {
                            let returns = results.returns();
                            let event = results.event.clone();
                            let currency = event.currency;
                            let (leads, won, cost) = (results.leads, results.won, event.cost);
                            let revenue = results.revenue.clone();
                            let (starts, ends) = (event.starts_on, event.ends_on);
                            let kind = event.kind;
                            let place = event.place.clone();
                            let name = event.name.clone();
                            let label = name.clone();
                            let id = event.id;
                            let editable = results.clone();
                            view! {
                                <tr>
                                    <th scope="row">
                                        <span class="amount-line">{name}</span>
                                        <span class="amount-line hint">{move || {
                                            // A middle dot beside Persian digits reads as a zero.
                                            let separator = if locale() == Locale::Fa { "، " } else { " · " };
                                            format!("{}{separator}{} – {}", kind.label(locale()), format_date(locale(), starts), format_date(locale(), ends))
                                        }}</span>
                                        {(!place.is_empty()).then(|| view! { <span class="amount-line hint">{place.clone()}</span> })}
                                    </th>
                                    <td class="number">{move || format_number(locale(), leads)}</td>
                                    <td class="number">{move || format_number(locale(), won)}</td>
                                    <td class="number">{move || format_money(locale(), cost, currency)}</td>
                                    <td class="number">{move || money_or_dash(locale(), returns.cost_per_lead, currency)}</td>
                                    <td class="number">{move || money_or_dash(locale(), returns.cost_per_won_deal, currency)}</td>
                                    <td class="number">{
                                        let revenue = revenue.clone();
                                        move || revenue_lines(locale(), &revenue).into_iter().map(|line| view! { <span class="amount-line">{line}</span> }).collect_view()
                                    }</td>
                                    <td class="number">{move || returns.return_percent.map_or_else(|| words().nothing.to_string(), |percent| percent_text(locale(), percent))}</td>
                                    <td class="row-action">
                                        <button type="button" class="button-quiet"
                                            aria-label=move || format!("{} {}", words().edit, label)
                                            on:click=move |_| form.fill(&editable)>
                                            {move || words().edit}
                                        </button>
                                        <button type="button" class="button-quiet"
                                            aria-label=move || format!("{} {}", words().delete, results.event.name)
                                            on:click=move |_| remove(id)>
                                            {move || words().delete}
                                        </button>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}

#[component]
fn SourceTable(sources: Vec<SourceResults>) -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let words = move || event_texts(locale());
    view! {
        <section class="people-section" aria-labelledby="sources-heading">
            <h2 id="sources-heading">{move || words().sources_heading}</h2>
            {if sources.is_empty() {
                view! { <p class="empty">{move || words().no_leads}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="data-table" aria-labelledby="sources-heading">
                            <thead><tr>
                                <th scope="col">{move || words().source}</th>
                                <th scope="col" class="number">{move || words().leads}</th>
                                <th scope="col" class="number">{move || words().won}</th>
                                <th scope="col" class="number">{move || words().win_rate}</th>
                                <th scope="col" class="number">{move || words().revenue}</th>
                            </tr></thead>
                            <tbody>
                                {sources.into_iter().map(|row| {
                                    let source = row.source;
                                    let (leads, won) = (row.leads, row.won);
                                    let rate = (won * 100 + leads / 2).checked_div(leads).and_then(|rate| i64::try_from(rate).ok()).unwrap_or(0);
                                    let revenue = row.revenue.clone();
                                    view! {
                                        <tr>
                                            <th scope="row">{move || source.label(locale())}</th>
                                            <td class="number">{move || format_number(locale(), leads)}</td>
                                            <td class="number">{move || format_number(locale(), won)}</td>
                                            <td class="number">{move || percent_text(locale(), rate)}</td>
                                            <td class="number">{
                                                let revenue = revenue.clone();
                                                move || revenue_lines(locale(), &revenue).into_iter().map(|line| view! { <span class="amount-line">{line}</span> }).collect_view()
                                            }</td>
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
}

/// Adds an event, or changes the one chosen with "Edit".
#[component]
fn EventFormSection(
    form: EventForm,
    team: RwSignal<Option<TeamId>>,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let words = move || event_texts(locale());
    let status = FormStatus::new();
    let errors = status.errors;
    let saved = RwSignal::new(false);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        saved.set(false);
        let draft = EventDraft {
            id: form.editing.get_untracked().unwrap_or_default(),
            name: form.name.get_untracked(),
            kind: form.kind.get_untracked(),
            starts_on: form.starts_on.get_untracked(),
            ends_on: form.ends_on.get_untracked(),
            place: form.place.get_untracked(),
            cost: form.cost.get_untracked(),
            currency: form.currency.get_untracked(),
        };
        status.submit(save_event(team.get_untracked(), draft), move |_| {
            form.clear();
            saved.set(true);
            reload.update(|count| *count += 1);
        });
    };
    view! {
        <section class="people-section" aria-labelledby="event-form-heading">
            <h2 id="event-form-heading">{move || if form.editing.get().is_some() { words().edit_heading } else { words().add_heading }}</h2>
            <form class="form" on:submit=submit novalidate>
                <TextField label=|t| t.screens().event_name name="name" value=form.name errors=errors required=true/>
                <SelectField label=|t| t.screens().event_kind name="kind" value=form.kind errors=errors
                    options=Signal::derive(move || choice_options::<crate::domain::event::EventKind>(locale()))/>
                <DateField label=|t| t.screens().event_starts name="starts_on" value=form.starts_on errors=errors required=true/>
                <DateField label=|t| t.screens().event_ends name="ends_on" value=form.ends_on errors=errors required=true/>
                <TextField label=|t| t.screens().event_place name="place" value=form.place errors=errors/>
                <TextField label=|t| t.screens().event_cost name="cost" value=form.cost errors=errors inputmode="decimal"/>
                <SelectField label=|t| t.currency name="currency" value=form.currency errors=errors
                    options=Signal::derive(move || choice_options::<Currency>(locale()))/>
                {move || status.failure.get().map(|error| view! {
                    <p class="notice notice-error" role="alert">{move || error_message(locale(), &error)}</p>
                })}
                {move || saved.get().then(|| view! { <p class="notice" role="status">{move || words().saved}</p> })}
                <div class="form-actions">
                    <button type="submit" class="button-primary" disabled=move || status.busy.get()>{move || words().save}</button>
                    <Show when=move || form.editing.get().is_some()>
                        <button type="button" class="button-quiet" on:click=move |_| form.clear()>{move || words().cancel}</button>
                    </Show>
                </div>
            </form>
        </section>
    }
}
