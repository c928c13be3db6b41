//! "Funnel, stale deals and forecast": the pipeline report
//! (`api::pipeline_report`) for the team or one rep: the funnel with its
//! chart, the stale deals with a link to each and one tap to log an
//! activity on it, the forecast beside the revenue goals, the stage win
//! rates it rests on, and each rep's productivity.

use super::remembered_key;
use super::{AsOf, PeriodPicker, RepPicker, asked_day, length_from, report_team, team_key};
use crate::client::session::use_session;
use crate::components::chart::{Bar, BarChart};
use crate::components::figures::money_lines;
use crate::components::{ErrorNotice, Loading};
use crate::domain::pipeline_health::{DEFAULT_IDLE_DAYS, PipelineReport};
use crate::domain::team_dashboard::MoneyByCurrency;
use crate::domain::{Choice, Locale, UserId};
use crate::error::AppError;
use crate::i18n::Label;
use crate::i18n::format::format_number;
use crate::i18n::format_money;
use crate::i18n::insights::{
    count_and_share, days_text, insight_texts, percent_text, stale_count_text, whole_days_text,
};
use leptos::prelude::*;

#[component]
pub fn PipelineHealthReport() -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let words = move || insight_texts(locale());
    let length = RwSignal::new(String::from("month"));
    let chosen_start = RwSignal::new(String::new());
    let rep = RwSignal::new(String::new());
    let idle = RwSignal::new(DEFAULT_IDLE_DAYS.to_string());
    let answer = LocalResource::new(move || {
        let length = length_from(&length.get());
        let day = asked_day(&chosen_start.get(), session.today());
        let rep_id = rep.get().parse::<uuid::Uuid>().ok().map(UserId);
        let idle_days = idle
            .get()
            .trim()
            .parse::<u32>()
            .unwrap_or(DEFAULT_IDLE_DAYS);
        let reader_locale = session.locale.get();
        let team = report_team();
        super::follow_live_changes();
        let key = remembered_key(
            &session,
            &format!(
                "pipeline.{}.{length:?}.{day}.{}.{idle_days}.{}",
                team_key(team),
                rep.get_untracked(),
                reader_locale.as_str()
            ),
        );
        async move {
            crate::client::storage::remember_or_recall(
                key.as_deref(),
                crate::api::pipeline_report(team, rep_id, length, day, idle_days, reader_locale)
                    .await,
            )
        }
    });
    view! {
        <section class="panel" aria-labelledby="pipeline-heading">
            <h2 id="pipeline-heading">{move || words().pipeline_heading}</h2>
            <div class="filters">
                <PeriodPicker prefix="pipeline" length_label=|locale| crate::i18n::reports::report_texts(locale).period_length
                    length=length chosen_start=chosen_start/>
                <RepPicker prefix="pipeline" rep=rep/>
                <div class="field">
                    <label for="pipeline-idle">{move || words().idle_days}</label>
                    <input id="pipeline-idle" type="number" min="1" max="365" inputmode="numeric"
                        prop:value=move || idle.get()
                        on:change=move |event| idle.set(event_target_value(&event))/>
                </div>
            </div>
            {move || match answer.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Err(AppError::Network(_))) => view! {
                    <p class="hint">{move || crate::i18n::reports::report_texts(locale()).needs_network}</p>
                }.into_any(),
                Some(Err(error)) => view! { <ErrorNotice error=error/> }.into_any(),
                Some(Ok((report, remembered))) => view! { <PipelineHealth report=report remembered=remembered/> }.into_any(),
            }}
        </section>
    }
}

fn against_goal_text(
    locale: Locale,
    differences: &[(crate::domain::Currency, crate::domain::money::MoneySum)],
) -> String {
    differences
        .iter()
        .map(|(currency, difference)| {
            let sign = if *difference > 0 {
                "+"
            } else if *difference < 0 {
                "−"
            } else {
                ""
            };
            format!(
                "{sign}{}",
                format_money(locale, difference.saturating_abs(), *currency)
            )
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

#[component]
fn PipelineHealth(report: PipelineReport, remembered: bool) -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let words = move || insight_texts(locale());
    let chart_locale = session.locale.get_untracked();
    let bars: Vec<Bar> = report
        .funnel
        .iter()
        .map(|step| Bar {
            label: step.stage.label(chart_locale).to_string(),
            value: step.entered,
            value_text: format_number(chart_locale, step.entered),
        })
        .collect();
    let funnel_rows = report.funnel.clone();
    let stale = report.stale.clone();
    let (stale_count, stale_value) = (report.stale_count, report.stale_value.clone());
    let idle_days = report.idle_days;
    let forecast = report.forecast.clone();
    let rates = report.win_rates.clone();
    let productivity = report.productivity.clone();
    view! {
        <AsOf computed_at=report.computed_at remembered=remembered/>
        {view! {
        <section class="report-part" aria-labelledby="funnel-heading">
            <h3 id="funnel-heading">{move || words().funnel}</h3>
            <div class="report-pair">
                <BarChart label=insight_texts(chart_locale).funnel_chart.to_string() bars=bars
                    right_to_left=chart_locale.is_right_to_left()/>
                <div class="table-scroll">
                    <table class="data-table" id="funnel-table" aria-labelledby="funnel-heading">
                        <thead><tr>
                            <th scope="col">{move || words().stage}</th>
                            <th scope="col" class="number">{move || words().entered}</th>
                            <th scope="col" class="number">{move || words().went_on}</th>
                            <th scope="col" class="number">{move || words().median_days}</th>
                        </tr></thead>
                        <tbody>
                            {funnel_rows.into_iter().map(|step| {
                                let conversion = step.conversion_percent();
                                let won_stage = step.stage == crate::domain::LeadStage::Won;
                                view! {
                                    <tr data-stage=step.stage.as_str()>
                                        <th scope="row">{move || step.stage.label(locale())}</th>
                                        <td class="number">{move || format_number(locale(), step.entered)}</td>
                                        <td class="number">{move || if won_stage { "—".to_string() } else { count_and_share(locale(), step.went_on, conversion) }}</td>
                                        <td class="number">{move || days_text(locale(), step.median_tenths_of_days)}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </div>
        </section>
        }.into_any()}

        {view! {
        <section class="report-part" aria-labelledby="stale-heading">
            <h3 id="stale-heading">{move || words().stale}</h3>
            <p class="hint">{move || words().stale_explained}</p>
            <p data-testid="stale-count"><strong>{move || stale_count_text(locale(), stale_count, &stale_value)}</strong></p>
            {if stale.is_empty() {
                view! { <p class="empty">{move || words().no_stale}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="data-table" id="stale-table" aria-labelledby="stale-heading">
                            <thead><tr>
                                <th scope="col">{move || words().lead}</th>
                                <th scope="col">{move || words().owner}</th>
                                <th scope="col">{move || words().stage}</th>
                                <th scope="col" class="number">{move || words().value}</th>
                                <th scope="col" class="number">{move || words().quiet_for}</th>
                                <th scope="col" class="number">{move || words().in_stage_for}</th>
                                <th scope="col"><span class="visually-hidden">{move || words().log_activity}</span></th>
                            </tr></thead>
                            <tbody>
                                {stale.into_iter().map(|item| {
                                    let deal = item.deal;
                                    let lead_href = format!("/leads/{}", deal.lead_id);
                                    let log_href = format!("/activities/new?lead={}", deal.lead_id);
                                    let never = deal.last_touched_at.is_none();
                                    let quiet = item.idle_days;
                                    let stuck = item.stuck_days;
                                    let name = deal.name.clone();
                                    let log_label = move || format!("{}: {}", words().log_activity, name);
                                    view! {
                                        <tr>
                                            <th scope="row"><a href=lead_href>{deal.name.clone()}</a></th>
                                            <td>{deal.owner_name.clone()}</td>
                                            <td>{move || deal.stage.label(locale())}</td>
                                            <td class="number">{move || format_money(locale(), deal.value, deal.currency)}</td>
                                            <td class="number" class:stale=quiet.is_some()>{move || match quiet {
                                                Some(days) if never => format!("{} ({})", whole_days_text(locale(), days), words().never_touched),
                                                Some(days) => whole_days_text(locale(), days),
                                                None => "—".to_string(),
                                            }}</td>
                                            <td class="number" class:stale=stuck.is_some()>{move || stuck.map_or_else(|| "—".to_string(), |days| whole_days_text(locale(), days))}</td>
                                            <td><a class="button-quiet" href=log_href aria-label=log_label.clone()>{move || words().log_activity}</a></td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
            <p class="hint">{move || words().idle_days} ": " {move || format_number(locale(), i64::from(idle_days))}</p>
        </section>
        }.into_any()}

        {view! {
        <section class="report-part" aria-labelledby="forecast-heading">
            <h3 id="forecast-heading">{move || words().forecast}</h3>
            <p class="hint">{move || words().forecast_explained}</p>
            <div class="table-scroll">
                <table class="data-table" id="forecast-table" aria-labelledby="forecast-heading">
                    <thead><tr>
                        <th scope="col">{move || words().whose}</th>
                        <th scope="col" class="number">{move || words().won_so_far}</th>
                        <th scope="col" class="number">{move || words().weighted_open}</th>
                        <th scope="col" class="number">{move || words().expected}</th>
                        <th scope="col" class="number">{move || words().goal}</th>
                        <th scope="col" class="number">{move || words().against_goal}</th>
                    </tr></thead>
                    <tbody>
                        {forecast.into_iter().map(|line| {
                            let expected: MoneyByCurrency = line.expected();
                            let against = line.against_goal();
                            let short = against.iter().any(|(_, difference)| *difference < 0);
                            let (won, open, goal) = (line.won_so_far.clone(), line.weighted_open.clone(), line.goal.clone());
                            let has_goal = !goal.is_empty();
                            view! {
                                <tr class:team-line=line.user_id.is_none()>
                                    <th scope="row">{line.name.clone()}</th>
                                    <td class="number">{move || money_lines(locale(), &won)}</td>
                                    <td class="number">{move || money_lines(locale(), &open)}</td>
                                    <td class="number">{move || money_lines(locale(), &expected)}</td>
                                    <td class="number">{move || if has_goal { money_lines(locale(), &goal).into_any() } else { words().no_goal.into_any() }}</td>
                                    <td class=if short { "number change-down" } else { "number change-up" }>
                                        {move || if has_goal { against_goal_text(locale(), &against) } else { "—".to_string() }}
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <h4 id="win-rates-heading">{move || words().win_rates}</h4>
            <div class="table-scroll">
                <table class="data-table" id="win-rates-table" aria-labelledby="win-rates-heading">
                    <thead><tr>
                        <th scope="col">{move || words().stage}</th>
                        <th scope="col" class="number">{move || words().closed_through}</th>
                        <th scope="col" class="number">{move || words().win_rate}</th>
                    </tr></thead>
                    <tbody>
                        {crate::domain::pipeline_health::OPEN_STAGES.into_iter().map(|stage| {
                            let rate = rates.iter().find(|rate| rate.stage == stage).copied();
                            view! {
                                <tr>
                                    <th scope="row">{move || stage.label(locale())}</th>
                                    <td class="number">{move || format_number(locale(), rate.map_or(0, |rate| rate.closed))}</td>
                                    <td class="number">{move || percent_text(locale(), rate.and_then(|rate| rate.percent()))}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
        }.into_any()}

        {view! {
        <section class="report-part" aria-labelledby="productivity-heading">
            <h3 id="productivity-heading">{move || words().productivity}</h3>
            <div class="table-scroll">
                <table class="data-table" id="productivity-table" aria-labelledby="productivity-heading">
                    <thead><tr>
                        <th scope="col">{move || words().whose}</th>
                        <th scope="col" class="number">{move || words().activities}</th>
                        <th scope="col" class="number">{move || words().won}</th>
                        <th scope="col" class="number">{move || words().win_rate}</th>
                        <th scope="col" class="number">{move || words().activities_per_won}</th>
                        <th scope="col" class="number">{move || words().average_deal}</th>
                        <th scope="col" class="number">{move || words().average_days_to_close}</th>
                    </tr></thead>
                    <tbody>
                        {productivity.into_iter().map(|person| {
                            let average: MoneyByCurrency = person.average_deal().into_iter().collect();
                            let per_won = person.activities_per_won_tenths();
                            let win_rate = person.win_rate_percent();
                            let days = person.average_days_to_close_tenths();
                            let (activities, won) = (person.activities, person.won);
                            view! {
                                <tr class:team-line=person.user_id.is_none()>
                                    <th scope="row">{person.name.clone()}</th>
                                    <td class="number">{move || format_number(locale(), activities)}</td>
                                    <td class="number">{move || format_number(locale(), won)}</td>
                                    <td class="number">{move || percent_text(locale(), win_rate)}</td>
                                    <td class="number">{move || per_won.map_or_else(|| "—".to_string(), |tenths| tenths_text(locale(), tenths))}</td>
                                    <td class="number">{move || money_lines(locale(), &average)}</td>
                                    <td class="number">{move || days_text(locale(), days)}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
        }.into_any()}
    }
}

/// Tenths as a number with one decimal ("12.5"), the decimal dropped when whole.
fn tenths_text(locale: Locale, tenths: i64) -> String {
    let text = format!("{}.{}", tenths / 10, tenths % 10);
    let text = text.strip_suffix(".0").unwrap_or(&text).to_string();
    match locale {
        Locale::En => text,
        Locale::Fa => crate::i18n::localize_digits(locale, &text).replace('.', "٫"),
    }
}
