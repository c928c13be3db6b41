//! The leaderboard on the goals screen: the team ranked on one metric for
//! one period, remembered on the device so it reads offline.

use super::format_target;
use crate::client::session::use_session;
use crate::components::{Loading, SelectField, choice_options};
use crate::domain::period::{Period, PeriodLength, period_containing};
use crate::domain::{Choice, Currency, GoalMetric, Locale};
use crate::i18n::{format_date_time, localize_digits};
use chrono::Utc;
use leptos::prelude::*;

/// A leaderboard answer kept on the device for reading offline.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
struct RememberedBoard {
    period: Period,
    rows: Vec<crate::domain::progress::LeaderboardRow>,
    #[serde(with = "crate::domain::wire_time::instant")]
    at: chrono::DateTime<Utc>,
}

/// The team's reps ranked on one metric over this month, quarter or year
/// (from the server: a rep's device holds only their own work).
#[component]
pub(super) fn Leaderboard() -> impl IntoView {
    let session = use_session();
    let engine = crate::client::engine::use_sync();
    let locale = move || session.locale.get();
    let metric = RwSignal::new(GoalMetric::RevenueWon.as_str().to_string());
    let currency = RwSignal::new(
        Currency::default_for_persian(session.locale.get_untracked() == Locale::Fa)
            .as_str()
            .to_string(),
    );
    let length = RwSignal::new(String::from("month"));
    let errors = RwSignal::new(crate::domain::validation::FieldErrors::default());
    let period = Memo::new(move |_| {
        let length = match length.get().as_str() {
            "quarter" => PeriodLength::Quarter,
            "year" => PeriodLength::Year,
            _ => PeriodLength::Month,
        };
        let today = session.today();
        period_containing(session.calendar(), length, today).unwrap_or(Period {
            start: today,
            end: today,
        })
    });
    // The last answer for each choice is remembered, so the board still
    // reads (marked with its time) with no network.
    let rows = LocalResource::new(move || {
        engine.last_synced_at();
        let period = period.get();
        let (metric, currency, length) = (metric.get(), currency.get(), length.get());
        let key = session.user.with_untracked(|user| {
            user.as_ref().map(|profile| {
                crate::client::storage::keys::leaderboard(
                    &profile.id.to_string(),
                    &format!("{metric}.{currency}.{length}"),
                )
            })
        });
        async move {
            let answer = crate::api::leaderboard(
                None,
                metric,
                currency,
                period.start.to_string(),
                period.end.to_string(),
            )
            .await;
            match answer {
                Ok(rows) => {
                    if let Some(key) = &key {
                        crate::client::storage::save(
                            key,
                            &RememberedBoard {
                                period,
                                rows: rows.clone(),
                                at: Utc::now(),
                            },
                        );
                    }
                    Ok((rows, None))
                }
                Err(error) => key
                    .as_deref()
                    .and_then(crate::client::storage::load::<RememberedBoard>)
                    .filter(|remembered| remembered.period == period)
                    .map(|remembered| (remembered.rows, Some(remembered.at)))
                    .ok_or(error),
            }
        }
    });
    let length_options = Signal::derive(move || {
        let texts = session.texts();
        vec![
            ("month".to_string(), texts.screens().this_month.to_string()),
            (
                "quarter".to_string(),
                texts.screens().this_quarter.to_string(),
            ),
            ("year".to_string(), texts.screens().this_year.to_string()),
        ]
    });
    let chosen_metric = move || GoalMetric::parse(&metric.get()).unwrap_or(GoalMetric::RevenueWon);
    view! {
        <section class="panel" aria-labelledby="leaderboard-heading">
            <h2 id="leaderboard-heading">{move || session.texts().screens().leaderboard_title}</h2>
            <div class="filters">
                <SelectField label=|t| t.metric name="leaderboard_metric" value=metric errors=errors
                    options=Signal::derive(move || choice_options::<GoalMetric>(locale()))/>
                <Show when=move || chosen_metric().is_money()>
                    <SelectField label=|t| t.currency name="leaderboard_currency" value=currency errors=errors
                        options=Signal::derive(move || choice_options::<Currency>(locale()))/>
                </Show>
                <SelectField label=|t| t.period name="leaderboard_period" value=length errors=errors options=length_options/>
            </div>
            {move || match rows.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Err(_)) => view! { <p class="hint">{move || session.texts().screens().leaderboard_needs_network}</p> }.into_any(),
                Some(Ok((rows, _))) if rows.is_empty() => view! { <p class="empty">{move || session.texts().screens().nobody_ranked}</p> }.into_any(),
                Some(Ok((rows, remembered_at))) => {
                    let metric = chosen_metric();
                    let currency = Currency::parse(&currency.get_untracked());
                    view! {
                        {remembered_at.map(|at| view! {
                            <p class="hint" data-testid="leaderboard-as-of">
                                {move || format!("{} {}", session.texts().screens().leaderboard_as_of, format_date_time(locale(), at))}
                            </p>
                        })}
                        <div class="table-scroll">
                            <table class="data-table" aria-labelledby="leaderboard-heading">
                                <thead><tr>
                                    <th scope="col" class="number">{move || session.texts().screens().rank_label}</th>
                                    <th scope="col">{move || session.texts().screens().rep_label}</th>
                                    <th scope="col" class="number">{move || session.texts().screens().result_label}</th>
                                </tr></thead>
                                <tbody>
                                    {rows.into_iter().map(|row| view! {
                                        <tr>
                                            <td class="number">{move || localize_digits(locale(), &row.rank.to_string())}</td>
                                            <th scope="row">{row.name.clone()}</th>
                                            <td class="number">{move || format_target(locale(), metric, row.value, currency)}</td>
                                        </tr>
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
