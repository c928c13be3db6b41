//! The budget screen (`/budgets`, managers): each planned line with what
//! was spent against it, what remains and a warning from 90%; the spending
//! entries; a form to plan an amount and one to record spending. Typed
//! values live outside the part redrawn after each save.

use crate::api::budgets::{
    BudgetView, add_spending, delete_budget_line, read_budget, remove_spending, save_budget_line,
};
use crate::client::session::use_session;
use crate::components::delete_button::confirmed;
use crate::components::fields::{DateField, SelectField, TextField, choice_options, keep_a_choice};
use crate::components::form::{FormStatus, run_and_reload};
use crate::components::team_switch::TeamSwitch;
use crate::components::{ErrorNotice, Loading};
use crate::domain::budget::{BudgetAlert, BudgetCategory, BudgetLineDraft, SpendingDraft};
use crate::domain::{BudgetLineId, Choice, Currency, Locale, SpendingId, TeamId};
use crate::error::AppError;
use crate::i18n::budgets::{budget_texts, standing_text};
use crate::i18n::format::{format_date, format_money};
use crate::i18n::{Label, error_message};
use leptos::prelude::*;

#[component]
pub fn BudgetsPage() -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let words = move || budget_texts(locale());
    let team = RwSignal::new(None::<TeamId>);
    let reload = RwSignal::new(0_u32);
    let answer = LocalResource::new(move || {
        reload.track();
        read_budget(team.get())
    });
    // The plan form appears once the lines have, below them: drawn before,
    // the arriving lines would push it down the page.
    let loaded_once = crate::components::notices::arrived_once(answer);
    view! {
        <h1>{move || words().title}</h1>
        <p class="hint">{move || words().explained}</p>
        {move || match answer.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Err(error)) => view! { <ErrorNotice error=error/> }.into_any(),
            Some(Ok(view)) => view! {
                <TeamSwitch id="budget-team" label=|locale| budget_texts(locale).team
                    teams=view.teams.clone() shown=view.team_id team=team/>
                <LineTable view=view.clone() reload=reload/>
                <EntryTable view=view reload=reload/>
            }
            .into_any(),
        }}
        <Show when=move || loaded_once.get()>
            <PlanForm team=team reload=reload/>
        </Show>
        <SpendForm answer=answer reload=reload/>
    }
}

/// A line's name: its category and period.
fn line_name(
    locale: Locale,
    category: BudgetCategory,
    start: chrono::NaiveDate,
    end: chrono::NaiveDate,
) -> String {
    format!(
        "{} ({} – {})",
        category.label(locale),
        format_date(locale, start),
        format_date(locale, end)
    )
}

#[component]
fn LineTable(view: BudgetView, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let words = move || budget_texts(locale());
    let failure = RwSignal::new(None::<AppError>);
    view! {
        <section class="people-section" aria-labelledby="budget-lines-heading">
            <h2 id="budget-lines-heading">{move || words().lines_heading}</h2>
            {move || failure.get().map(|error| view! {
                <p class="notice notice-error" role="alert">{move || error_message(locale(), &error)}</p>
            })}
            {if view.lines.is_empty() {
                view! { <p class="empty">{move || words().no_lines}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="data-table" aria-labelledby="budget-lines-heading">
                            <thead><tr>
                                <th scope="col">{move || words().category}</th>
                                <th scope="col">{move || words().status}</th>
                                <th scope="col" class="number">{move || words().planned}</th>
                                <th scope="col" class="number">{move || words().spent}</th>
                                <th scope="col" class="number">{move || words().remaining}</th>
                                <th scope="col"><span class="visually-hidden">{move || words().delete}</span></th>
                            </tr></thead>
                            <tbody>
                                {view.lines.into_iter().map(|standing| {
                                    let line = standing.line.clone();
                                    let (spent, remaining, alert, percent) = (standing.spent(), standing.remaining(), standing.alert(), standing.percent_spent());
                                    let with_events = standing.event_costs > 0;
                                    let (category, start, end, currency, planned, id) = (line.category, line.period_start, line.period_end, line.currency, line.planned, line.id);
                                    let status_class = match alert {
                                        BudgetAlert::Under => "",
                                        BudgetAlert::Nearly => "stage stage-warning",
                                        BudgetAlert::Spent => "stage stage-lost",
                                    };
                                    view! {
                                        <tr>
                                            <th scope="row">{move || line_name(locale(), category, start, end)}</th>
                                            <td><span class=status_class>{move || standing_text(locale(), alert, percent, remaining, currency)}</span></td>
                                            <td class="number">{move || format_money(locale(), planned, currency)}</td>
                                            <td class="number">
                                                <span class="amount-line">{move || format_money(locale(), spent, currency)}</span>
                                                {with_events.then(|| view! { <span class="amount-line hint">{move || words().includes_events}</span> })}
                                            </td>
                                            <td class="number">{move || format_money(locale(), remaining, currency)}</td>
                                            <td class="row-action">
                                                <button type="button" class="button-quiet"
                                                    aria-label=move || format!("{} {}", words().delete, line_name(locale(), category, start, end))
                                                    on:click=move |_| {
                                                        if confirmed(session.texts().confirm_delete) {
                                                            run_and_reload(Box::pin(delete_budget_line(id)), failure, reload);
                                                        }
                                                    }>
                                                    {move || words().delete}
                                                </button>
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
}

#[component]
fn EntryTable(view: BudgetView, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let words = move || budget_texts(locale());
    let failure = RwSignal::new(None::<AppError>);
    let mut entries = Vec::new();
    for standing in &view.lines {
        for entry in &standing.entries {
            entries.push((standing.line.clone(), entry.clone()));
        }
    }
    crate::domain::sorting::sort_by_key(&mut entries, |entry| std::cmp::Reverse(entry.1.spent_on));
    if view.lines.is_empty() {
        return ().into_any();
    }
    view! {
        <section class="people-section" aria-labelledby="budget-entries-heading">
            <h2 id="budget-entries-heading">{move || words().entries_heading}</h2>
            {move || failure.get().map(|error| view! {
                <p class="notice notice-error" role="alert">{move || error_message(locale(), &error)}</p>
            })}
            {if entries.is_empty() {
                view! { <p class="empty">{move || words().no_entries}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="data-table" aria-labelledby="budget-entries-heading">
                            <thead><tr>
                                <th scope="col">{move || words().day}</th>
                                <th scope="col">{move || words().line}</th>
                                <th scope="col" class="number">{move || words().amount}</th>
                                <th scope="col">{move || words().note}</th>
                                <th scope="col"><span class="visually-hidden">{move || words().remove}</span></th>
                            </tr></thead>
                            <tbody>
                                {entries.into_iter().map(|(line, entry)| {
                                    let (day, amount, currency, id) = (entry.spent_on, entry.amount, line.currency, entry.id);
                                    let (category, start, end) = (line.category, line.period_start, line.period_end);
                                    view! {
                                        <tr>
                                            <th scope="row">{move || format_date(locale(), day)}</th>
                                            <td>{move || line_name(locale(), category, start, end)}</td>
                                            <td class="number">{move || format_money(locale(), amount, currency)}</td>
                                            <td>{entry.note}</td>
                                            <td class="row-action">
                                                <button type="button" class="button-quiet"
                                                    aria-label=move || format!("{} {} {}", words().remove, format_date(locale(), day), format_money(locale(), amount, currency))
                                                    on:click=move |_| run_and_reload(Box::pin(remove_spending(id)), failure, reload)>
                                                    {move || words().remove}
                                                </button>
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

#[component]
fn PlanForm(team: RwSignal<Option<TeamId>>, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let words = move || budget_texts(locale());
    let category = RwSignal::new(BudgetCategory::Events.as_str().to_string());
    let start = RwSignal::new(String::new());
    let end = RwSignal::new(String::new());
    let planned = RwSignal::new(String::new());
    let currency = RwSignal::new(
        Currency::default_for_persian(session.locale.get_untracked() == Locale::Fa)
            .as_str()
            .to_string(),
    );
    let status = FormStatus::new();
    let errors = status.errors;
    let saved = RwSignal::new(false);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        saved.set(false);
        let draft = BudgetLineDraft {
            id: BudgetLineId::new(),
            category: category.get_untracked(),
            period_start: start.get_untracked(),
            period_end: end.get_untracked(),
            planned: planned.get_untracked(),
            currency: currency.get_untracked(),
        };
        status.submit(save_budget_line(team.get_untracked(), draft), move |_| {
            planned.set(String::new());
            saved.set(true);
            reload.update(|count| *count += 1);
        });
    };
    view! {
        <section class="people-section" aria-labelledby="plan-heading">
            <h2 id="plan-heading">{move || words().plan_heading}</h2>
            <form class="form" on:submit=submit novalidate>
                <SelectField label=|t| t.screens().budget_category name="category" value=category errors=errors
                    options=Signal::derive(move || choice_options::<BudgetCategory>(locale()))/>
                <TextField label=|t| t.screens().budget_planned name="planned" value=planned errors=errors inputmode="decimal" required=true/>
                <DateField label=|t| t.screens().budget_from name="period_start" value=start errors=errors required=true/>
                <DateField label=|t| t.screens().budget_to name="period_end" value=end errors=errors required=true/>
                <SelectField label=|t| t.currency name="currency" value=currency errors=errors
                    options=Signal::derive(move || choice_options::<Currency>(locale()))/>
                {move || status.failure.get().map(|error| view! {
                    <p class="notice notice-error" role="alert">{move || error_message(locale(), &error)}</p>
                })}
                {move || saved.get().then(|| view! { <p class="notice" role="status">{move || words().saved}</p> })}
                <div class="form-actions">
                    <button type="submit" class="button-primary" disabled=move || status.busy.get()>{move || words().save_line}</button>
                </div>
            </form>
        </section>
    }
}

#[component]
fn SpendForm(
    answer: LocalResource<Result<BudgetView, AppError>>,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let words = move || budget_texts(locale());
    let line = RwSignal::new(String::new());
    let day = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let status = FormStatus::new();
    let errors = status.errors;
    let saved = RwSignal::new(false);
    let lines = Signal::derive(move || match answer.get() {
        Some(Ok(view)) => view
            .lines
            .iter()
            .map(|standing| {
                let line = &standing.line;
                (
                    line.id.to_string(),
                    line_name(locale(), line.category, line.period_start, line.period_end),
                )
            })
            .collect::<Vec<_>>(),
        _ => Vec::new(),
    });
    keep_a_choice(lines, line);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        saved.set(false);
        let Ok(line_id) = line.get_untracked().parse::<BudgetLineId>() else {
            return;
        };
        let draft = SpendingDraft {
            id: SpendingId::new(),
            line_id,
            spent_on: day.get_untracked(),
            amount: amount.get_untracked(),
            note: note.get_untracked(),
        };
        status.submit(add_spending(draft), move |_| {
            amount.set(String::new());
            note.set(String::new());
            saved.set(true);
            reload.update(|count| *count += 1);
        });
    };
    view! {
        <Show when=move || !lines.with(Vec::is_empty)>
            <section class="people-section" aria-labelledby="spend-heading">
                <h2 id="spend-heading">{move || words().spend_heading}</h2>
                <form class="form" on:submit=submit novalidate>
                    <SelectField label=|t| t.screens().spending_line name="line_id" value=line errors=errors options=lines/>
                    <DateField label=|t| t.spent_on name="spent_on" value=day errors=errors required=true/>
                    <TextField label=|t| t.screens().spending_amount name="amount" value=amount errors=errors inputmode="decimal" required=true/>
                    <TextField label=|t| t.screens().spending_note name="note" value=note errors=errors/>
                    {move || status.failure.get().map(|error| view! {
                        <p class="notice notice-error" role="alert">{move || error_message(locale(), &error)}</p>
                    })}
                    {move || saved.get().then(|| view! { <p class="notice" role="status">{move || words().saved}</p> })}
                    <div class="form-actions">
                        <button type="submit" class="button-primary" disabled=move || status.busy.get()>{move || words().add_spending}</button>
                    </div>
                </form>
            </section>
        </Show>
    }
}
