//! The Reports screen: one report at a time, picked at the top (kept in
//! the address as `?report=`): month over month and year over year for the
//! team and each rep (`comparison`), which tactics work
//! (`tactics`) and the pipeline's funnel, stale deals, forecast and
//! productivity (`pipeline`) and the leadership summary with the manager's
//! note (`summary`). Each has period and whose-figures filters and
//! a CSV of exactly the rows shown; the last answer for each choice is kept
//! on the device, so a report reads offline with its time.

mod comparison;
mod pipeline;
mod summary;
mod tactics;

use crate::client::session::use_session;
use crate::components::later::Later;
use crate::components::live::LiveState;
use crate::domain::Locale;
use crate::domain::period::{Period, PeriodLength};
use crate::domain::team_dashboard::last_periods;
use crate::i18n::format_date_time;
use crate::i18n::insights::insight_texts;
use crate::i18n::reports::{period_label, report_texts};
use crate::routing::{use_navigate, use_query_map};
use chrono::NaiveDate;
use leptos::prelude::*;

/// What "whose figures" shows: everyone, or one subject by position.
const EVERYONE: &str = "everyone";

fn length_from(value: &str) -> PeriodLength {
    match value {
        "quarter" => PeriodLength::Quarter,
        "year" => PeriodLength::Year,
        _ => PeriodLength::Month,
    }
}

/// The team an admin reads reports of (`None`: the server's choice, their
/// own team or the first); shared by every report on the screen.
#[derive(Clone, Copy)]
pub(crate) struct ReportTeam(pub RwSignal<Option<crate::domain::TeamId>>);

/// The chosen team (tracked), for the server functions.
pub(crate) fn report_team() -> Option<crate::domain::TeamId> {
    use_context::<ReportTeam>().and_then(|team| team.0.get())
}

/// Counts the team's changes heard live; every report's loader tracks it
/// (`follow_live_changes`) and asks the server again.
#[derive(Clone, Copy)]
pub(crate) struct LiveChanges(pub RwSignal<u32>);

/// Makes the calling loader ask again when the team's work changes.
pub(crate) fn follow_live_changes() {
    if let Some(changes) = use_context::<LiveChanges>() {
        changes.0.track();
    }
}

/// How long the screen waits after a change before asking again, so a
/// burst of pushes (a rep's device syncing a day's work) asks once.
const LIVE_SETTLE: std::time::Duration = std::time::Duration::from_millis(800);

/// The reports, by their name in the address.
const REPORTS: [&str; 4] = ["comparison", "tactics", "pipeline", "summary"];

#[component]
pub fn ReportsPage() -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let words = move || report_texts(locale());
    let query = use_query_map();
    let navigate = use_navigate();
    let chosen = move || {
        query
            .with(|query| query.get("report"))
            .filter(|report| REPORTS.contains(&report.as_str()))
            .unwrap_or_else(|| REPORTS[0].to_string())
    };
    let is_rep = move || {
        session.user.with_untracked(|user| {
            user.as_ref()
                .is_none_or(|profile| profile.role == crate::domain::Role::Rep)
        })
    };
    let is_admin = session.user.with_untracked(|user| {
        user.as_ref()
            .is_some_and(|profile| profile.role == crate::domain::Role::Admin)
    });
    let team = RwSignal::new(None::<crate::domain::TeamId>);
    provide_context(ReportTeam(team));
    // Live: a change on the team re-reads the report shown, once per burst.
    let changes = RwSignal::new(0_u32);
    provide_context(LiveChanges(changes));
    let waiting = StoredValue::new(false);
    let live = crate::components::live::use_live_events(move || {
        if waiting.get_value() {
            return;
        }
        waiting.set_value(true);
        set_timeout(
            move || {
                waiting.try_set_value(false);
                changes.try_update(|count| *count += 1);
            },
            LIVE_SETTLE,
        );
    });
    let teams = LocalResource::new(move || async move {
        if is_admin {
            crate::api::list_teams().await.unwrap_or_default()
        } else {
            Vec::new()
        }
    });
    let report_name = move |report: &str| {
        let insight = insight_texts(locale());
        match report {
            "tactics" => insight.tactics,
            "pipeline" => insight.pipeline,
            "summary" => insight.summary,
            _ => insight.comparison,
        }
    };
    view! {
        // The width is the report's from the first frame (a wide table
        // arriving later would widen the page under the reader's eyes).
        <h1 class:wide-page=move || chosen() != "summary">{move || words().title}</h1>
        <div class="filters report-picker">
            <div class="field">
                <label for="report-kind">{move || insight_texts(locale()).report}</label>
                // The value follows the address (back and forward too).
                <select id="report-kind" prop:value=chosen on:change=move |event| {
                    let report = event_target_value(&event);
                    navigate(&format!("/reports?report={report}"), Default::default());
                }>
                    // The leadership summary is a manager's page.
                    {REPORTS.into_iter().filter(move |report| *report != "summary" || !is_rep()).map(|report| view! {
                        <option value=report selected=move || chosen() == report>{move || report_name(report)}</option>
                    }).collect_view()}
                </select>
            </div>
            <Show when=move || is_admin>
                <div class="field">
                    <label for="report-team">{move || crate::i18n::dashboard::dashboard_texts(locale()).team}</label>
                    <select id="report-team" on:change=move |event| {
                        team.set(uuid::Uuid::parse_str(&event_target_value(&event)).ok().map(crate::domain::TeamId));
                    }>
                        {move || {
                            let own = session.user.with(|user| user.as_ref().and_then(|profile| profile.team_id));
                            let chosen = team.get().or(own);
                            teams.get().unwrap_or_default().into_iter().enumerate().map(|(index, choice)| {
                                let selected = chosen.map_or(index == 0, |id| id == choice.id);
                                view! { <option value=choice.id.to_string() selected=selected>{choice.name}</option> }
                            }).collect_view()
                        }}
                    </select>
                </div>
            </Show>
        </div>
        <p class="hint live-line" role="status" data-testid="reports-live">
            <span class="live-dot" class:live-on=move || live.get() == LiveState::Live
                class:live-connecting=move || live.get() == LiveState::Connecting aria-hidden="true"></span>
            {move || {
                let words = crate::i18n::dashboard::dashboard_texts(locale());
                match live.get() {
                    LiveState::Live => words.live,
                    LiveState::Connecting => words.live_connecting,
                    LiveState::Paused => words.live_paused,
                }
            }}
        </p>
        // On a first visit the report is drawn a task after the filters.
        <Later>
            {move || match chosen().as_str() {
                "tactics" => view! { <tactics::TacticsReport/> }.into_any(),
                "pipeline" => view! { <pipeline::PipelineHealthReport/> }.into_any(),
                "summary" => view! { <summary::SummaryReport/> }.into_any(),
                _ => view! { <comparison::ComparisonReport/> }.into_any(),
            }}
        </Later>
    }
}

/// The period filters every report shares: the period's length and which
/// of the last 12 periods (in the reader's calendar; the server answers in
/// the team's). `chosen_start` empty means the current period.
#[component]
fn PeriodPicker(
    /// Ids are prefixed so each report's fields have their own.
    prefix: &'static str,
    length_label: fn(Locale) -> &'static str,
    length: RwSignal<String>,
    chosen_start: RwSignal<String>,
) -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let words = move || report_texts(locale());
    let today = session.today();
    // The last 12 periods of the chosen length, newest first.
    let periods = Memo::new(move |_| {
        let mut periods = last_periods(session.calendar(), length_from(&length.get()), today, 12);
        periods.reverse();
        periods
    });
    let length_options = move || {
        let words = words();
        [
            ("month", words.month),
            ("quarter", words.quarter),
            ("year", words.year),
        ]
    };
    let (length_id, period_id) = (format!("{prefix}-length"), format!("{prefix}-period"));
    view! {
        <div class="field">
            <label for=length_id.clone()>{move || length_label(locale())}</label>
            <select id=length_id on:change=move |event| {
                length.set(event_target_value(&event));
                chosen_start.set(String::new());
            }>
                {move || length_options().into_iter().map(|(value, text)| view! {
                    <option value=value selected=move || length.get() == value>{text}</option>
                }).collect_view()}
            </select>
        </div>
        <div class="field">
            <label for=period_id.clone()>{move || words().period}</label>
            <select id=period_id on:change=move |event| chosen_start.set(event_target_value(&event))>
                {move || {
                    let calendar = session.calendar();
                    let length = length_from(&length.get());
                    periods.get().into_iter().map(|period: Period| {
                        let value = period.start.to_string();
                        let selected = chosen_start.get() == value;
                        view! {
                            <option value=value selected=selected>
                                {period_label(locale(), calendar, length, period)}
                            </option>
                        }
                    }).collect_view()
                }}
            </select>
        </div>
    }
}

/// Where this reader's last answer to one report choice is kept on the
/// device (none when signed out).
fn remembered_key(session: &crate::client::session::Session, choice: &str) -> Option<String> {
    session.user.with_untracked(|user| {
        user.as_ref()
            .map(|profile| crate::client::storage::keys::report(&profile.id.to_string(), choice))
    })
}

/// The team's part of a remembered answer's key.
fn team_key(team: Option<crate::domain::TeamId>) -> String {
    team.map_or_else(|| "own".to_string(), |team| team.to_string())
}

/// The day the server is asked about: the chosen period's start, else today.
fn asked_day(chosen_start: &str, today: NaiveDate) -> NaiveDate {
    NaiveDate::parse_from_str(chosen_start, "%Y-%m-%d").unwrap_or(today)
}

/// Whose figures, for the tactic and pipeline reports: the team, or one of
/// its reps (a manager's or admin's team; a rep sees only their own, so the
/// field is not shown to them). Empty means the team.
#[component]
fn RepPicker(prefix: &'static str, rep: RwSignal<String>) -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    let is_rep = move || {
        session.user.with(|user| {
            user.as_ref()
                .is_none_or(|profile| profile.role == crate::domain::Role::Rep)
        })
    };
    let is_admin = move || {
        session.user.with(|user| {
            user.as_ref()
                .is_some_and(|profile| profile.role == crate::domain::Role::Admin)
        })
    };
    let members = LocalResource::new(move || {
        let team = report_team();
        async move {
            if is_rep() {
                return Vec::new();
            }
            if is_admin() {
                // An admin's team is the one picked (else their own, else the first).
                let own = session
                    .user
                    .with_untracked(|user| user.as_ref().and_then(|profile| profile.team_id));
                let people = crate::api::list_people().await.unwrap_or_default();
                let teams = crate::api::list_teams().await.unwrap_or_default();
                let team = team.or(own).or_else(|| teams.first().map(|first| first.id));
                return people
                    .into_iter()
                    .filter(|person| {
                        person.role == crate::domain::Role::Rep
                            && person.team_id.is_some()
                            && person.team_id == team
                    })
                    .map(|person| (person.id, person.display_name))
                    .collect();
            }
            crate::api::team_members()
                .await
                .map(|members| {
                    members
                        .into_iter()
                        .filter(|member| member.role == crate::domain::Role::Rep)
                        .map(|member| (member.id, member.display_name))
                        .collect()
                })
                .unwrap_or_default()
        }
    });
    // Another team's reps are not this team's: a team change starts over.
    Effect::new(move |_| {
        report_team();
        rep.set(String::new());
    });
    let id = format!("{prefix}-whose");
    view! {
        <Show when=move || !is_rep()>
            <div class="field">
                <label for=id.clone()>{move || report_texts(locale()).whose}</label>
                <select id=id.clone() on:change=move |event| rep.set(event_target_value(&event))>
                    <option value="">{move || insight_texts(locale()).whose_team}</option>
                    {move || members.get().unwrap_or_default().into_iter().map(|(id, name): (crate::domain::UserId, String)| {
                        let value = id.to_string();
                        let selected = rep.get() == value;
                        view! { <option value=value selected=selected>{name}</option> }
                    }).collect_view()}
                </select>
            </div>
        </Show>
    }
}

/// The figures' time, marked when they come from this device's memory.
#[component]
fn AsOf(computed_at: chrono::DateTime<chrono::Utc>, remembered: bool) -> impl IntoView {
    let session = use_session();
    let locale = move || session.locale.get();
    view! {
        <p class="hint" data-testid="report-as-of">
            {move || format!("{} {}", report_texts(locale()).figures_as_of, format_date_time(locale(), computed_at))}
            {remembered.then_some(" ⚠")}
        </p>
    }
}
