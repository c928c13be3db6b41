//! "Which tactics work": the tactic report (`api::tactic_effectiveness`)
//! by tactic, activity type and lead source, ranked by the reader's choice,
//! with a chart of the share won per tactic, the best-and-worst sentence
//! and a CSV of the rows shown.

use super::remembered_key;
use super::{AsOf, PeriodPicker, RepPicker, asked_day, length_from, report_team, team_key};
use crate::client::session::use_session;
use crate::components::chart::{Bar, BarChart, WIDE_LABELS};
use crate::components::{ErrorNotice, Loading};
use crate::domain::effectiveness::{
    ApproachLine, ApproachOrder, DEFAULT_WINDOW_DAYS, EffectivenessReport, WINDOW_CHOICES,
    best_and_worst, effectiveness_csv, rank,
};
use crate::domain::{Choice, Locale, UserId};
use crate::error::AppError;
use crate::i18n::format::format_number;
use crate::i18n::format_money;
use crate::i18n::insights::{
    InsightTexts, approach_label, best_and_worst_sentence, count_and_share, insight_texts,
    order_label, percent_text,
};
use leptos::prelude::*;

/// Tactics with fewer touched leads than this are left out of "best and
/// worst", so one lucky call does not top it.
const FEWEST_LEADS_FOR_BEST: i64 = 3;

#[component]
pub fn TacticsReport() -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let words = move || insight_texts(locale());
    let length = RwSignal::new(String::from("month"));
    let chosen_start = RwSignal::new(String::new());
    let rep = RwSignal::new(String::new());
    let window = RwSignal::new(DEFAULT_WINDOW_DAYS.to_string());
    let order = RwSignal::new(ApproachOrder::WonShare);
    let answer = LocalResource::new(move || {
        let length = length_from(&length.get());
        let day = asked_day(&chosen_start.get(), session.today());
        let rep_id = rep.get().parse::<uuid::Uuid>().ok().map(UserId);
        let window_days = window
            .get()
            .trim()
            .parse::<u32>()
            .unwrap_or(DEFAULT_WINDOW_DAYS);
        let reader_locale = session.locale.get();
        let team = report_team();
        super::follow_live_changes();
        let key = remembered_key(
            &session,
            &format!(
                "tactics.{}.{length:?}.{day}.{}.{window_days}.{}",
                team_key(team),
                rep.get_untracked(),
                reader_locale.as_str()
            ),
        );
        async move {
            crate::client::storage::remember_or_recall(
                key.as_deref(),
                crate::api::tactic_effectiveness(
                    team,
                    rep_id,
                    length,
                    day,
                    window_days,
                    reader_locale,
                )
                .await,
            )
        }
    });
    view! {
        <section class="panel" aria-labelledby="tactics-heading">
            <h2 id="tactics-heading">{move || words().tactics_heading}</h2>
            <div class="filters">
                <PeriodPicker prefix="tactics" length_label=|locale| crate::i18n::reports::report_texts(locale).period_length
                    length=length chosen_start=chosen_start/>
                <RepPicker prefix="tactics" rep=rep/>
                <div class="field">
                    <label for="tactics-window">{move || words().window_days}</label>
                    <select id="tactics-window" on:change=move |event| window.set(event_target_value(&event))>
                        {WINDOW_CHOICES.into_iter().map(|days| view! {
                            <option value=days.to_string() selected=move || window.get() == days.to_string()>
                                {move || crate::i18n::format::format_number(locale(), days)}
                            </option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="tactics-order">{move || words().order}</label>
                    <select id="tactics-order" on:change=move |event| order.set(ApproachOrder::from_text(&event_target_value(&event)))>
                        {ApproachOrder::ALL.into_iter().map(|choice| view! {
                            <option value=choice.as_str() selected=move || order.get() == choice>
                                {move || order_label(locale(), choice)}
                            </option>
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <p class="hint">{move || words().tactics_explained}</p>
            {move || match answer.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Err(AppError::Network(_))) => view! {
                    <p class="hint">{move || crate::i18n::reports::report_texts(locale()).needs_network}</p>
                }.into_any(),
                Some(Err(error)) => view! { <ErrorNotice error=error/> }.into_any(),
                Some(Ok((mut report, remembered))) => {
                    let order = order.get();
                    for lines in [&mut report.by_tactic, &mut report.by_kind, &mut report.by_source] {
                        rank(lines, order);
                    }
                    view! { <Tactics report=report remembered=remembered/> }.into_any()
                }
            }}
        </section>
    }
}

#[component]
fn Tactics(report: EffectivenessReport, remembered: bool) -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let words = move || insight_texts(locale());
    let csv_href = crate::domain::csv::data_url(&effectiveness_csv(&report));
    let file_name = format!("tactics-{}-{}.csv", report.period.start, report.period.end);
    if report.by_tactic.is_empty() {
        return view! {
            <AsOf computed_at=report.computed_at remembered=remembered/>
            <p class="empty">{move || words().nothing_logged}</p>
        }
        .into_any();
    }
    let sentence = best_and_worst(&report.by_tactic, FEWEST_LEADS_FOR_BEST)
        .map(|(best, worst)| (best.clone(), worst.clone()));
    // The answer is asked again in the new language on a switch, so the
    // chart is drawn once per answer.
    let chart_locale = session.locale.get_untracked();
    // A chart of nothing but zeros says nothing: the table alone then.
    let anything_won = report.by_tactic.iter().any(|line| line.won > 0);
    let chart = anything_won.then(|| {
        view! {
            <BarChart label=insight_texts(chart_locale).won_share_chart.to_string()
                bars=report_bars(chart_locale, &report.by_tactic)
                right_to_left=chart_locale.is_right_to_left() rooms=WIDE_LABELS/>
        }
    });
    view! {
        <AsOf computed_at=report.computed_at remembered=remembered/>
        {sentence.map(|(best, worst)| view! {
            <p class="insight" data-testid="best-tactic">{move || best_and_worst_sentence(locale(), &best, &worst)}</p>
        })}
        <p><a class="button-quiet" href=csv_href download=file_name>
            {move || crate::i18n::reports::report_texts(locale()).download_csv}
        </a></p>
        <div class="report-pair">
            {chart.into_any()}
            {view! { <ApproachTable id="tactics-by-tactic" heading=|words| words.by_tactic column=|words| words.tactic lines=report.by_tactic.clone()/> }.into_any()}
        </div>
        {view! { <ApproachTable id="tactics-by-kind" heading=|words| words.by_kind column=|words| words.kind lines=report.by_kind.clone()/> }.into_any()}
        {view! { <ApproachTable id="tactics-by-source" heading=|words| words.by_source column=|words| words.source lines=report.by_source.clone()/> }.into_any()}
    }
    .into_any()
}

fn report_bars(locale: Locale, lines: &[ApproachLine]) -> Vec<Bar> {
    lines
        .iter()
        .map(|line| Bar {
            label: approach_label(locale, line.approach).to_string(),
            value: line.won_percent().unwrap_or(0),
            value_text: percent_text(locale, line.won_percent()),
        })
        .collect()
}

/// One grouping as a table: its lines in the chosen order.
#[component]
fn ApproachTable(
    id: &'static str,
    heading: fn(&InsightTexts) -> &'static str,
    column: fn(&InsightTexts) -> &'static str,
    lines: Vec<ApproachLine>,
) -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let words = move || insight_texts(locale());
    let heading_id = format!("{id}-heading");
    if lines.is_empty() {
        let section_label = heading_id.clone();
        return view! {
            <section class="report-part" aria-labelledby=section_label>
                <h3 id=heading_id>{move || heading(words())}</h3>
                <p class="empty">{move || words().nothing_for_this}</p>
            </section>
        }
        .into_any();
    }
    let (section_label, table_label) = (heading_id.clone(), heading_id.clone());
    view! {
        <section class="report-part" aria-labelledby=section_label>
            <h3 id=heading_id>{move || heading(words())}</h3>
            <div class="table-scroll">
                <table class="data-table" id=id aria-labelledby=table_label>
                    <thead><tr>
                        <th scope="col">{move || column(words())}</th>
                        <th scope="col" class="number">{move || words().activities}</th>
                        <th scope="col" class="number">{move || words().leads_touched}</th>
                        <th scope="col" class="number">{move || words().moved_forward}</th>
                        <th scope="col" class="number">{move || words().won}</th>
                        <th scope="col" class="number">{move || words().revenue_per_hundred}</th>
                    </tr></thead>
                    <tbody>
                        {lines.into_iter().map(|line| {
                            let per_hundred = line.revenue_per_hundred();
                            let money = move || {
                                let amounts: Vec<String> = per_hundred.iter()
                                    .map(|(currency, amount)| format_money(locale(), *amount, *currency))
                                    .collect();
                                if amounts.is_empty() { "—".to_string() } else { amounts.join(" · ") }
                            };
                            let approach = line.approach;
                            let (activities, touched) = (line.activities, line.leads_touched);
                            let (forward, forward_share) = (line.moved_forward, line.forward_percent());
                            let (won, won_share) = (line.won, line.won_percent());
                            view! {
                                <tr data-approach=approach.value()>
                                    <th scope="row">{move || approach_label(locale(), approach)}</th>
                                    <td class="number">{move || format_number(locale(), activities)}</td>
                                    <td class="number">{move || format_number(locale(), touched)}</td>
                                    <td class="number">{move || count_and_share(locale(), forward, forward_share)}</td>
                                    <td class="number">{move || count_and_share(locale(), won, won_share)}</td>
                                    <td class="number">{money}</td>
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
