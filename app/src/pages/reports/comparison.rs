//! Month over month and year over year (`api::compare_periods`): this
//! period against the one before and the same one a year earlier, for the
//! team and each rep, with a CSV of exactly the rows shown; a rep's own
//! figures for the running period also show their unsynced work, marked.

use super::{
    AsOf, EVERYONE, PeriodPicker, follow_live_changes, length_from, remembered_key, report_team,
    team_key,
};
use crate::client::session::use_session;
use crate::components::{ErrorNotice, Loading};
use crate::domain::Choice;
use crate::domain::comparison::{PeriodComparison, change_percent, comparison_csv};
use crate::domain::period::PeriodLength;
use crate::error::AppError;
use crate::i18n::reports::{change_label, line_label, period_label, report_texts};
use crate::pages::goals::format_target;
use chrono::NaiveDate;
use leptos::prelude::*;

#[component]
pub(super) fn ComparisonReport() -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let words = move || report_texts(locale());
    let today = session.today();
    let length = RwSignal::new(String::from("month"));
    let chosen_start = RwSignal::new(String::new());
    let whose = RwSignal::new(String::from(EVERYONE));
    let answer = LocalResource::new(move || {
        let length = length_from(&length.get());
        let day = NaiveDate::parse_from_str(&chosen_start.get(), "%Y-%m-%d").unwrap_or(today);
        let reader_locale = session.locale.get();
        let team = report_team();
        follow_live_changes();
        let key = remembered_key(
            &session,
            &format!(
                "comparison.{}.{length:?}.{day}.{}",
                team_key(team),
                reader_locale.as_str()
            ),
        );
        async move {
            crate::client::storage::remember_or_recall(
                key.as_deref(),
                crate::api::compare_periods(team, length, day, reader_locale).await,
            )
        }
    });
    view! {
        <section class="panel" aria-labelledby="comparison-heading">
            <h2 id="comparison-heading">{move || words().comparison_heading}</h2>
            <div class="filters">
                <PeriodPicker prefix="report" length_label=|locale| report_texts(locale).period_length length=length chosen_start=chosen_start/>
                <div class="field">
                    <label for="report-whose">{move || words().whose}</label>
                    <select id="report-whose" on:change=move |event| whose.set(event_target_value(&event))>
                        <option value=EVERYONE>{move || words().everyone}</option>
                        {move || answer.get().and_then(Result::ok).map(|(report, _)| {
                            report.subjects.into_iter().enumerate().map(|(index, subject)| view! {
                                <option value=index.to_string() selected=move || whose.get() == index.to_string()>{subject.name}</option>
                            }).collect_view()
                        })}
                    </select>
                </div>
            </div>
            <p class="hint">{move || words().counted_when_it_happened}</p>
            {move || match answer.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Err(AppError::Network(_))) => view! { <p class="hint">{move || words().needs_network}</p> }.into_any(),
                Some(Err(error)) => view! { <ErrorNotice error=error/> }.into_any(),
                Some(Ok((mut report, remembered))) => {
                    if let Ok(index) = whose.get().parse::<usize>() {
                        report.subjects = report.subjects.into_iter().skip(index).take(1).collect();
                    }
                    let unsynced = own_unsynced_work(&report);
                    view! { <Comparison report=report remembered=remembered length=length_from(&length.get_untracked()) unsynced=unsynced/> }.into_any()
                }
            }}
        </section>
    }
}

/// The reader's own work still on this device, when the report shows their
/// figures for the period running now: (who, changes waiting, totals).
fn own_unsynced_work(
    report: &PeriodComparison,
) -> Option<(
    crate::domain::UserId,
    usize,
    crate::domain::progress::MetricTotals,
)> {
    let session = use_session();
    let me = session
        .user
        .with(|user| user.as_ref().map(|profile| profile.id))?;
    if !report
        .subjects
        .iter()
        .any(|subject| subject.user_id == Some(me))
        || !report.current.contains(session.today())
    {
        return None;
    }
    let engine = crate::client::engine::use_sync();
    let (pending, totals) = engine.unsynced_totals(me, report.current, &session.zone())?;
    (pending > 0 && totals != crate::domain::progress::MetricTotals::default())
        .then_some((me, pending, totals))
}

#[component]
fn Comparison(
    report: PeriodComparison,
    remembered: bool,
    length: PeriodLength,
    unsynced: Option<(
        crate::domain::UserId,
        usize,
        crate::domain::progress::MetricTotals,
    )>,
) -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let words = move || report_texts(locale());
    let calendar = report.calendar;
    let (current, previous, year_ago) = (report.current, report.previous, report.year_ago);
    let label = move |period| period_label(locale(), calendar, length, period);
    let csv_href = crate::domain::csv::data_url(&comparison_csv(&report));
    let file_name = format!("comparison-{}-{}.csv", current.start, current.end);
    let computed_at = report.computed_at;
    view! {
        <AsOf computed_at=computed_at remembered=remembered/>
        <p><a class="button-quiet" href=csv_href download=file_name>{move || words().download_csv}</a></p>
        {unsynced.as_ref().map(|(_, pending, _)| {
            let pending = *pending;
            view! {
                <p class="notice unsynced-note" role="status" data-testid="report-unsynced">
                    {move || format!("{} {}", crate::i18n::format::localize_digits(locale(), &pending.to_string()), words().unsynced_changes)}
                </p>
            }
        })}
        {report.subjects.into_iter().map(|subject| {
            let added = unsynced
                .as_ref()
                .filter(|(me, _, _)| subject.user_id == Some(*me))
                .map(|(_, _, totals)| totals.clone());
            let with_added = added.is_some();
            let heading_id = format!("comparison-{}", subject.user_id.map_or_else(|| "team".into(), |id| id.to_string()));
            let (section_label, heading) = (heading_id.clone(), heading_id.clone());
            view! {
                <section class="comparison" aria-labelledby=section_label>
                    <h3 id=heading>{subject.name.clone()}</h3>
                    <div class="table-scroll">
                        <table class="data-table" aria-labelledby=heading_id>
                            <thead><tr>
                                <th scope="col">{move || words().metric}</th>
                                <th scope="col" class="number">{move || words().this_period}<br/>{move || label(current)}</th>
                                <th scope="col" class="number">{move || words().previous_period}<br/>{move || label(previous)}</th>
                                <th scope="col" class="number">{move || words().change}</th>
                                <th scope="col" class="number">{move || words().year_earlier}<br/>{move || label(year_ago)}</th>
                                <th scope="col" class="number">{move || words().change}</th>
                                {with_added.then(|| view! { <th scope="col" class="number unsynced">{move || words().with_unsynced}</th> })}
                            </tr></thead>
                            <tbody>
                                {subject.lines.into_iter().map(|line| {
                                    let value = move |value: i128| format_target(locale(), line.metric, value, line.currency);
                                    let versus_previous = change_percent(line.current, line.previous);
                                    let versus_year = change_percent(line.current, line.year_ago);
                                    let trend = |change: Option<i64>| match change {
                                        Some(change) if change > 0 => "up",
                                        Some(change) if change < 0 => "down",
                                        _ => "flat",
                                    };
                                    let name = line_label(locale(), &line);
                                    let counted_here = added.as_ref().map(|totals| crate::domain::comparison::with_unsynced(&line, totals));
                                    view! {
                                        <tr data-metric=line.metric.as_str()>
                                            <th scope="row">{name}</th>
                                            <td class="number">{move || value(line.current)}</td>
                                            <td class="number">{move || value(line.previous)}</td>
                                            <td class=format!("number change-{}", trend(versus_previous))>{move || change_label(locale(), versus_previous)}</td>
                                            <td class="number">{move || value(line.year_ago)}</td>
                                            <td class=format!("number change-{}", trend(versus_year))>{move || change_label(locale(), versus_year)}</td>
                                            {counted_here.map(|counted| view! {
                                                <td class="number unsynced">{move || counted.map_or_else(|| "—".to_string(), value)}</td>
                                            })}
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                </section>
            }
        }).collect_view()}
    }
}
