//! The leadership summary (`api::leadership_summary`): one page per period
//! for a manager to take upstairs: results against goals, headline changes,
//! what worked, the stale pipeline, the forecast and the manager's note,
//! written here and stored with the period (`api::save_period_note`). The
//! print stylesheet makes it a clean A4 page in either language.

use super::remembered_key;
use super::{AsOf, PeriodPicker, asked_day, length_from, report_team, team_key};
use crate::client::session::use_session;
use crate::components::figures::money_lines;
use crate::components::{ErrorNotice, Loading};
use crate::domain::Choice;
use crate::domain::comparison::change_percent;
use crate::domain::period::PeriodLength;
use crate::domain::summary::LeadershipSummary;
use crate::error::AppError;
use crate::i18n::insights::{
    best_and_worst_sentence, insight_texts, stale_count_text, whole_days_text,
};
use crate::i18n::reports::{change_label, line_label, period_label, report_texts};
use crate::i18n::{Label, format_date_time, format_money, pace_message};
use crate::pages::goals::format_target;
use leptos::prelude::*;

#[component]
pub fn SummaryReport() -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let words = move || insight_texts(locale());
    let length = RwSignal::new(String::from("month"));
    let chosen_start = RwSignal::new(String::new());
    let answer = LocalResource::new(move || {
        let length = length_from(&length.get());
        let day = asked_day(&chosen_start.get(), session.today());
        let reader_locale = session.locale.get();
        let team = report_team();
        super::follow_live_changes();
        let key = remembered_key(
            &session,
            &format!(
                "summary.{}.{length:?}.{day}.{}",
                team_key(team),
                reader_locale.as_str()
            ),
        );
        async move {
            crate::client::storage::remember_or_recall(
                key.as_deref(),
                crate::api::leadership_summary(team, length, day, reader_locale).await,
            )
        }
    });
    let print = move |_| {
        #[cfg(feature = "csr")]
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    view! {
        <section class="panel summary" aria-labelledby="summary-heading">
            <h2 id="summary-heading">{move || words().summary}</h2>
            <div class="filters no-print">
                <PeriodPicker prefix="summary" length_label=|locale| report_texts(locale).period_length
                    length=length chosen_start=chosen_start/>
                <button type="button" class="button-quiet" on:click=print>{move || words().print}</button>
            </div>
            {move || match answer.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Err(AppError::Network(_))) => view! {
                    <p class="hint">{move || report_texts(locale()).needs_network}</p>
                }.into_any(),
                Some(Err(AppError::Forbidden)) => view! { <p class="hint">{move || words().summary_for_managers}</p> }.into_any(),
                Some(Err(error)) => view! { <ErrorNotice error=error/> }.into_any(),
                Some(Ok((summary, remembered))) => view! {
                    <Summary summary=summary remembered=remembered length=length_from(&length.get_untracked())/>
                }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Summary(summary: LeadershipSummary, remembered: bool, length: PeriodLength) -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let words = move || insight_texts(locale());
    let calendar = summary.calendar;
    let (current, previous, year_ago) = (summary.period, summary.previous, summary.year_ago);
    let label = move |period| period_label(locale(), calendar, length, period);
    let team_name = summary.team_name.clone();
    let goals = summary.goals.clone();
    let headline = summary.headline.clone();
    let tactic_sentence = match (&summary.best_tactic, &summary.worst_tactic) {
        (Some(best), Some(worst)) => Some((best.clone(), worst.clone())),
        _ => None,
    };
    let stale_named = summary.stale_named.clone();
    let (stale_count, stale_value) = (summary.stale_count, summary.stale_value.clone());
    let forecast = summary.forecast.clone();

    let goals_part = if goals.is_empty() {
        view! { <p class="empty">{move || words().no_goals_set}</p> }.into_any()
    } else {
        view! {
            <table class="data-table" id="summary-goals" aria-labelledby="summary-goals-heading">
                <thead><tr>
                    <th scope="col">{move || words().goal_line}</th>
                    <th scope="col" class="number">{move || words().target}</th>
                    <th scope="col" class="number">{move || words().actual}</th>
                    <th scope="col" class="number">{move || words().reached}</th>
                    <th scope="col">{move || words().pace}</th>
                </tr></thead>
                <tbody>
                    {goals.into_iter().map(|standing| {
                        let goal = standing.goal.clone();
                        let (metric, currency) = (goal.metric, goal.currency);
                        let value = move |amount: i128| format_target(locale(), metric, amount, currency);
                        let subject = goal.subject_name.clone();
                        let (target, actual, percent) = (goal.target, standing.actual, standing.percent);
                        let (expected, projected, pace) = (standing.expected_by_now, standing.projected, standing.pace);
                        view! {
                            <tr>
                                <th scope="row">{move || format!("{} · {}", metric.label(locale()), subject)}</th>
                                <td class="number">{move || value(target.into())}</td>
                                <td class="number">{move || value(actual)}</td>
                                <td class="number">{move || crate::i18n::insights::percent_text(locale(), Some(percent))}</td>
                                <td>{move || pace_message(locale(), pace, &value(expected), &value(projected))}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    };

    let headline_part = view! {
        <table class="data-table" id="summary-headline" aria-labelledby="summary-headline-heading">
            <thead><tr>
                <th scope="col">{move || report_texts(locale()).metric}</th>
                <th scope="col" class="number">{move || label(current)}</th>
                <th scope="col" class="number">{move || label(previous)}</th>
                <th scope="col" class="number">{move || report_texts(locale()).change}</th>
                <th scope="col" class="number">{move || label(year_ago)}</th>
                <th scope="col" class="number">{move || report_texts(locale()).change}</th>
            </tr></thead>
            <tbody>
                {headline.into_iter().map(|line| {
                    let value = move |amount: i128| format_target(locale(), line.metric, amount, line.currency);
                    let versus_previous = change_percent(line.current, line.previous);
                    let versus_year = change_percent(line.current, line.year_ago);
                    let name = line_label(locale(), &line);
                    view! {
                        <tr data-metric=line.metric.as_str()>
                            <th scope="row">{name}</th>
                            <td class="number">{move || value(line.current)}</td>
                            <td class="number">{move || value(line.previous)}</td>
                            <td class="number">{move || change_label(locale(), versus_previous)}</td>
                            <td class="number">{move || value(line.year_ago)}</td>
                            <td class="number">{move || change_label(locale(), versus_year)}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any();

    let stale_part = view! {
        <p data-testid="stale-summary">{move || stale_count_text(locale(), stale_count, &stale_value)}</p>
        <ul class="summary-list">
            {stale_named.into_iter().map(|item| {
                let deal = item.deal;
                let quiet = item.idle_days.or(item.stuck_days).unwrap_or(0);
                view! {
                    <li>
                        <strong>{deal.name.clone()}</strong>
                        " · " {deal.owner_name.clone()}
                        " · " {move || deal.stage.label(locale())}
                        " · " {move || format_money(locale(), deal.value, deal.currency)}
                        " · " {move || whole_days_text(locale(), quiet)}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any();

    let forecast_part = forecast.map(|line| {
        let expected = line.expected();
        let (won, open, goal) = (line.won_so_far.clone(), line.weighted_open.clone(), line.goal.clone());
        let has_goal = !goal.is_empty();
        view! {
            <table class="data-table" id="summary-forecast" aria-labelledby="summary-forecast-heading">
                <thead><tr>
                    <th scope="col" class="number">{move || words().won_so_far}</th>
                    <th scope="col" class="number">{move || words().weighted_open}</th>
                    <th scope="col" class="number">{move || words().expected}</th>
                    <th scope="col" class="number">{move || words().goal}</th>
                </tr></thead>
                <tbody><tr>
                    <td class="number">{move || money_lines(locale(), &won)}</td>
                    <td class="number">{move || money_lines(locale(), &open)}</td>
                    <td class="number">{move || money_lines(locale(), &expected)}</td>
                    <td class="number">{move || if has_goal { money_lines(locale(), &goal).into_any() } else { words().no_goal.into_any() }}</td>
                </tr></tbody>
            </table>
        }
        .into_any()
    });

    view! {
        <article class="summary-page">
            <AsOf computed_at=summary.computed_at remembered=remembered/>
            <h3 class="summary-title">{team_name} " · " {move || label(current)}</h3>
            <section aria-labelledby="summary-goals-heading">
                <h4 id="summary-goals-heading">{move || words().results_against_goals}</h4>
                {goals_part}
            </section>
            <section aria-labelledby="summary-headline-heading">
                <h4 id="summary-headline-heading">{move || words().headline_changes}</h4>
                {headline_part}
            </section>
            <section aria-labelledby="summary-tactics-heading">
                <h4 id="summary-tactics-heading">{move || words().tactics_line}</h4>
                <p data-testid="summary-tactics">{move || match &tactic_sentence {
                    Some((best, worst)) => best_and_worst_sentence(locale(), best, worst),
                    None => words().no_tactic_verdict.to_string(),
                }}</p>
            </section>
            <section aria-labelledby="summary-stale-heading">
                <h4 id="summary-stale-heading">{move || words().stale_pipeline}</h4>
                {stale_part}
            </section>
            <section aria-labelledby="summary-forecast-heading">
                <h4 id="summary-forecast-heading">{move || words().forecast}</h4>
                {forecast_part}
            </section>
            <NoteEditor summary=summary/>
        </article>
    }
}

/// The manager's note: a form for those who may write it (printed as
/// text), the text alone for everyone else.
#[component]
fn NoteEditor(summary: LeadershipSummary) -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let words = move || insight_texts(locale());
    let text = RwSignal::new(
        summary
            .note
            .as_ref()
            .map(|note| note.text.clone())
            .unwrap_or_default(),
    );
    let status = RwSignal::new(None::<Result<(), AppError>>);
    let written = summary.note.clone();
    let period = summary.period;
    let team = report_team();
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let note = text.get_untracked();
        status.set(None);
        leptos::task::spawn_local(async move {
            let answer = crate::api::save_period_note(team, period, note).await;
            status.set(Some(answer));
        });
    };
    let byline = move || {
        written.as_ref().map(|note| {
            format!(
                "{} {} · {}",
                words().note_by,
                note.updated_by_name,
                format_date_time(locale(), note.updated_at)
            )
        })
    };
    view! {
        <section aria-labelledby="summary-note-heading" class="summary-note">
            <h4 id="summary-note-heading">{move || words().manager_note}</h4>
            {if summary.may_write_note {
                view! {
                    <form class="no-print" on:submit=save>
                        <div class="field">
                            <label for="summary-note">{move || words().note_label}</label>
                            <textarea id="summary-note" rows="5" maxlength="4000"
                                prop:value=move || text.get()
                                on:input=move |event| text.set(event_target_value(&event))></textarea>
                        </div>
                        <button type="submit" class="button-primary">{move || words().save_note}</button>
                        {move || match status.get() {
                            Some(Ok(())) => Some(view! { <p class="notice" role="status">{move || words().note_saved}</p> }.into_any()),
                            Some(Err(error)) => Some(view! { <ErrorNotice error=error/> }.into_any()),
                            None => None,
                        }}
                    </form>
                    <p class="print-only note-text">{move || text.get()}</p>
                }.into_any()
            } else {
                view! {
                    <p class="note-text">{move || if text.get().is_empty() { words().no_note.to_string() } else { text.get() }}</p>
                }.into_any()
            }}
            <p class="hint">{byline}</p>
        </section>
    }
}
