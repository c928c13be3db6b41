//! The team part of the dashboard, from the server (`/api/dashboard/team`):
//! goals in force with pace, one line per rep (today, this week, open
//! pipeline, won this month, win rate, how fresh their data is), the open
//! pipeline by stage and the won-revenue trend. It is live: a change event
//! (`components::live`) makes the device pull and the figures re-read, with
//! the old figures kept on screen until the new ones arrive. The last
//! answer is kept on the device, so it reads offline with its time.

use crate::client::engine::use_sync;
use crate::client::session::use_session;
use crate::components::chart::{Bar, BarChart};
use crate::components::figures::money_lines;
use crate::components::live::{LiveState, use_live_events};
use crate::components::{ErrorNotice, Loading};
use crate::domain::team_dashboard::{
    MoneyByCurrency, RepFigures, TeamDashboard, freshness, win_rate_percent,
};
use crate::domain::{Choice, Currency, Locale, TeamId};
use crate::error::AppError;
use crate::i18n::Label;
use crate::i18n::dashboard::{activity_summary, dashboard_texts, freshness_label, month_label};
use crate::i18n::{format_date, format_date_time, format_money, format_number, localize_digits};
use chrono::Utc;
use leptos::prelude::*;

fn remembered_key(user: &str, team: Option<TeamId>, locale: Locale) -> String {
    let team = team.map_or_else(|| "own".into(), |team| team.to_string());
    crate::client::storage::keys::dashboard(user, &format!("{team}.{}", locale.as_str()))
}

fn percent(locale: Locale, value: Option<i64>) -> String {
    match value {
        Some(value) => {
            localize_digits(locale, &value.to_string())
                + if locale == Locale::Fa { "٪" } else { "%" }
        }
        None => "—".into(),
    }
}

#[component]
pub fn TeamSection() -> impl IntoView {
    let session = use_session();
    let engine = use_sync();
    let locale = move || session.locale.get();
    let words = move || dashboard_texts(locale());
    let chosen_team = RwSignal::new(None::<TeamId>);
    // (figures, whether they are the remembered ones read offline)
    // A first screen drawn by the server came with them: shown at once.
    let shown = RwSignal::new(
        crate::first_screen::drawn_team_dashboard()
            .map(|figures| Ok::<_, AppError>((figures, false))),
    );
    // When the figures shown were last confirmed, if after they were
    // computed (`None`: their own `computed_at`).
    let as_of = RwSignal::new(None::<chrono::DateTime<chrono::Utc>>);
    let in_flight = StoredValue::new(false);
    let again = StoredValue::new(false);

    // One read at a time; a change during a read asks for one more. The
    // screen may be gone when an answer arrives: then nothing is set.
    let read = move || {
        if in_flight.try_get_value().unwrap_or(true) {
            again.try_set_value(true);
            return;
        }
        in_flight.try_set_value(true);
        leptos::task::spawn_local(async move {
            loop {
                again.try_set_value(false);
                let (Some(team), Some(reader_locale)) = (
                    chosen_team.try_get_untracked(),
                    session.locale.try_get_untracked(),
                ) else {
                    return;
                };
                let key = session
                    .user
                    .try_with_untracked(|user| {
                        user.as_ref().map(|profile| {
                            remembered_key(&profile.id.to_string(), team, reader_locale)
                        })
                    })
                    .flatten();
                let answer = crate::client::storage::remember_or_recall(
                    key.as_deref(),
                    crate::api::team_dashboard(team, reader_locale).await,
                );
                // The same figures again move only the time they hold at:
                // rebuilding every table for them held a slow phone for
                // 130 ms as a manager's first screen started (4x CPU).
                let same_again = shown
                    .try_with_untracked(|shown| match (shown, &answer) {
                        (Some(Ok((old, old_remembered))), Ok((new, new_remembered))) => {
                            old_remembered == new_remembered && old.same_figures(new)
                        }
                        _ => false,
                    })
                    .unwrap_or(false);
                // A failed refresh keeps figures already on screen.
                let showing_figures = shown
                    .try_with_untracked(|shown| matches!(shown, Some(Ok(_))))
                    .unwrap_or(true);
                if same_again {
                    if let Ok((new, _)) = &answer {
                        as_of.try_set(Some(new.computed_at));
                    }
                } else if answer.is_ok() || !showing_figures {
                    as_of.try_set(None);
                    shown.try_set(Some(answer));
                }
                if !again.try_get_value().unwrap_or(false) {
                    break;
                }
            }
            in_flight.try_set_value(false);
        });
    };
    // First read, and again when the admin picks another team or the
    // reader switches language (a team without a calendar follows it).
    Effect::new(move || {
        chosen_team.track();
        session.locale.track();
        read();
    });
    // Live: a change makes the device pull and the figures re-read.
    let live = use_live_events(move || {
        engine.sync_now();
        read();
    });
    // Back online: read again (the stream reconnects by itself).
    Effect::new(move |was_online: Option<bool>| {
        let online = engine.online.get();
        if online && was_online == Some(false) {
            read();
        }
        online
    });

    view! {
        <section class="team-figures" aria-labelledby="team-figures-heading">
            <h2 id="team-figures-heading" class="visually-hidden">{move || words().team_figures}</h2>
            {move || match shown.get() {
                // Holds a screen's height: the figures arriving then never
                // move what lies below (the milestone notices).
                None => view! { <div class="team-figures-pending"><Loading/></div> }.into_any(),
                Some(Err(AppError::Network(_))) => view! {
                    <p class="hint">{move || words().needs_network}</p>
                }.into_any(),
                Some(Err(error)) => view! { <ErrorNotice error=error/> }.into_any(),
                Some(Ok((figures, remembered))) => view! {
                    <Figures figures=figures remembered=remembered live=live chosen_team=chosen_team as_of=as_of/>
                }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Figures(
    figures: TeamDashboard,
    remembered: bool,
    live: ReadSignal<LiveState>,
    chosen_team: RwSignal<Option<TeamId>>,
    as_of: RwSignal<Option<chrono::DateTime<chrono::Utc>>>,
) -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let words = move || dashboard_texts(locale());
    let TeamDashboard {
        team_id,
        team_name,
        calendar,
        period,
        reps,
        pipeline,
        trend,
        goals,
        computed_at,
        teams,
        ..
    } = figures;
    let period_name = move || month_label(locale(), calendar, period);
    let team_picker = (!teams.is_empty()).then(|| {
        let selected = team_id.map(|id| id.to_string()).unwrap_or_default();
        view! {
            <div class="field">
                <label for="dashboard-team">{move || words().team}</label>
                <select id="dashboard-team" on:change=move |event| {
                    let value = event_target_value(&event);
                    chosen_team.set(uuid::Uuid::parse_str(&value).ok().map(TeamId));
                }>
                    {teams.into_iter().map(|team| {
                        let value = team.id.to_string();
                        let is_selected = value == selected;
                        view! { <option value=value selected=is_selected>{team.name}</option> }
                    }).collect_view()}
                </select>
            </div>
        }
    });
    view! {
        <div class="dashboard-head">
            {team_picker}
            <p class="period-line">
                {(!team_name.is_empty()).then(|| view! { <strong>{team_name.clone()}</strong>" · " })}
                {move || words().this_month_is}": "
                <strong data-testid="dashboard-period">{period_name}</strong>
                " ("{move || format_date(locale(), period.start)}" – "{move || format_date(locale(), period.end)}")"
            </p>
            <p class="hint live-line" role="status" data-testid="dashboard-live">
                <span class="live-dot" class:live-on=move || live.get() == LiveState::Live
                    class:live-connecting=move || live.get() == LiveState::Connecting aria-hidden="true"></span>
                {move || match (live.get(), remembered) {
                    (LiveState::Live, false) => words().live,
                    (LiveState::Connecting, false) => words().live_connecting,
                    _ => words().live_paused,
                }}
                " · "{move || words().figures_as_of}" "{move || format_date_time(locale(), as_of.get().unwrap_or(computed_at))}
            </p>
        </div>
        // Each part a task after the one above on a first visit (`Later`).
        <crate::components::Later>
            <GoalsInForce goals=goals/>
        </crate::components::Later>
        <crate::components::Later>
            <RepsTable reps=reps/>
        </crate::components::Later>
        // The lower half a task later on a first visit: the stages, then the
        // trend's chart and its table (together they held a slow phone for
        // ~110 ms, the trend alone ~60 ms).
        <div class="dashboard-columns">
            <crate::components::Later>
                <PipelineTable pipeline=pipeline/>
            </crate::components::Later>
            <Trend trend=trend calendar=calendar/>
        </div>
    }
}

#[component]
fn GoalsInForce(goals: Vec<crate::domain::progress::GoalStanding>) -> impl IntoView {
    let session = use_session();
    let words = move || dashboard_texts(session.locale.get());
    view! {
        <section class="panel" aria-labelledby="goals-in-force-heading">
            <h2 id="goals-in-force-heading">{move || words().goals_heading}</h2>
            {if goals.is_empty() {
                view! { <p class="empty">{move || words().no_goals_in_force}</p> }.into_any()
            } else {
                view! {
                    <ul class="cards">
                        {goals.into_iter().map(|standing| {
                            let goal = standing.goal.clone();
                            view! {
                                <crate::pages::goals::GoalCard goal=goal editable=false counted_here=false
                                    standing=Signal::derive(move || Some(standing.clone()))/>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn RepsTable(reps: Vec<RepFigures>) -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let words = move || dashboard_texts(locale());
    let now = Utc::now();
    view! {
        <section class="panel" aria-labelledby="reps-heading">
            <h2 id="reps-heading">{move || words().reps_heading}</h2>
            {if reps.is_empty() {
                view! { <p class="empty">{move || words().nobody_in_team}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="data-table" aria-labelledby="reps-heading">
                            <thead><tr>
                                <th scope="col">{move || words().rep}</th>
                                <th scope="col">{move || words().today}</th>
                                <th scope="col">{move || words().this_week}</th>
                                <th scope="col" class="number">{move || words().open_pipeline}</th>
                                <th scope="col" class="number">{move || words().won_this_month}</th>
                                <th scope="col" class="number">{move || words().win_rate}</th>
                                <th scope="col">{move || words().data_freshness}</th>
                            </tr></thead>
                            <tbody>
                                {reps.into_iter().map(|rep| {
                                    let state = freshness(rep.last_synced_at, rep.work_pending, now);
                                    let doubtful = !matches!(state, crate::domain::team_dashboard::Freshness::UpToDate);
                                    let won = rep.won_deals;
                                    let lost = rep.lost_deals;
                                    view! {
                                        <tr data-testid="rep-row">
                                            <th scope="row">{rep.name.clone()}</th>
                                            <td data-testid="rep-today">{move || activity_summary(locale(), &rep.today)}</td>
                                            <td>{move || activity_summary(locale(), &rep.this_week)}</td>
                                            <td class="number">
                                                <strong class="amount-line">{move || format_number(locale(), rep.open_deals)}</strong>
                                                {move || money_lines(locale(), &rep.open_pipeline)}
                                            </td>
                                            <td class="number" data-testid="rep-won">
                                                <strong class="amount-line">{move || format_number(locale(), won)}</strong>
                                                {move || money_lines(locale(), &rep.won_revenue)}
                                            </td>
                                            <td class="number">{move || percent(locale(), win_rate_percent(won, lost))}</td>
                                            <td class:stale=doubtful>
                                                {move || freshness_label(locale(), state, rep.last_synced_at, now)}
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
fn PipelineTable(pipeline: Vec<crate::domain::team_dashboard::StageFigures>) -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let words = move || dashboard_texts(locale());
    view! {
        <section class="panel" aria-labelledby="pipeline-stages-heading">
            <h2 id="pipeline-stages-heading">{move || words().pipeline_heading}</h2>
            <div class="table-scroll">
                <table class="data-table" aria-labelledby="pipeline-stages-heading">
                    <thead><tr>
                        <th scope="col">{move || words().stage}</th>
                        <th scope="col" class="number">{move || words().deals}</th>
                        <th scope="col" class="number">{move || words().value}</th>
                    </tr></thead>
                    <tbody>
                        {pipeline.into_iter().map(|stage| view! {
                            <tr>
                                <th scope="row">{move || stage.stage.label(locale())}</th>
                                <td class="number">{move || format_number(locale(), stage.count)}</td>
                                <td class="number">{move || money_lines(locale(), &stage.value)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn Trend(
    trend: Vec<crate::domain::team_dashboard::TrendPoint>,
    calendar: crate::domain::period::Calendar,
) -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let words = move || dashboard_texts(locale());
    // The chart draws one currency: the one with the most won over the
    // months (amounts in different currencies never share an axis).
    let mut totals: MoneyByCurrency = MoneyByCurrency::new();
    for point in &trend {
        for (currency, amount) in &point.revenue {
            crate::domain::team_dashboard::add_money(&mut totals, *currency, *amount);
        }
    }
    let mut currencies: Vec<Currency> = totals.keys().copied().collect();
    crate::domain::sorting::sort_by_key(&mut currencies, |currency| {
        std::cmp::Reverse(totals.get(currency).copied().unwrap_or(0))
    });
    let chart_currency = RwSignal::new(currencies.first().copied());
    let chart_points = trend.clone();
    let chart = move || {
        let currency = chart_currency.get()?;
        let locale = locale();
        let bars = chart_points
            .iter()
            .map(|point| {
                let value = point.revenue.get(&currency).copied().unwrap_or(0);
                Bar {
                    label: month_label(locale, calendar, point.period),
                    // Only the bar's height; its text stays exact.
                    value: i64::try_from(value).unwrap_or(i64::MAX),
                    value_text: format_money(locale, value, currency),
                }
            })
            .collect();
        Some(view! {
            <BarChart label=dashboard_texts(locale).trend_chart_label.to_string() bars=bars
                right_to_left=locale.is_right_to_left()/>
        })
    };
    let picker = (currencies.len() > 1).then(|| {
        view! {
            <div class="field">
                <label for="trend-currency">{move || words().trend_currency}</label>
                <select id="trend-currency" on:change=move |event| {
                    chart_currency.set(Currency::parse(&event_target_value(&event)));
                }>
                    {currencies.iter().map(|currency| view! {
                        <option value=currency.as_str()>{currency.as_str()}</option>
                    }).collect_view()}
                </select>
            </div>
        }
    });
    let has_revenue = !totals.is_empty();
    view! {
        <section class="panel" aria-labelledby="trend-heading">
            <h2 id="trend-heading">{move || words().trend_heading}</h2>
            {picker}
            // The chart, then its table, each a task later on a first visit
            // (`Later`): together they held a slow phone for ~60 ms.
            <crate::components::Later>
                {if has_revenue {
                    chart.into_any()
                } else {
                    view! { <p class="empty">{move || words().no_revenue_yet}</p> }.into_any()
                }}
            </crate::components::Later>
            <crate::components::Later>
                <div class="table-scroll chart-table">
                    <table class="data-table" aria-labelledby="trend-heading">
                        <thead><tr>
                            <th scope="col">{move || words().month}</th>
                            <th scope="col" class="number">{move || words().deals_won}</th>
                            <th scope="col" class="number">{move || words().revenue}</th>
                        </tr></thead>
                        <tbody>
                            {trend.into_iter().rev().map(|point| view! {
                                <tr>
                                    <th scope="row">{move || month_label(locale(), calendar, point.period)}</th>
                                    <td class="number">{move || format_number(locale(), point.deals_won)}</td>
                                    <td class="number">{move || money_lines(locale(), &point.revenue)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </crate::components::Later>
        </section>
    }
}
