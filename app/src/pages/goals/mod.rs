//! Goals: reps read theirs and their team's (from the device's cache, so
//! offline too); managers also create and edit them (online: goals are set
//! at a desk, and the change reaches every device with the next sync).
//! This file is the list with each goal's card; `leaderboard.rs` ranks the
//! team, `edit.rs` is the goal form.

use crate::client::session::use_session;
use crate::domain::period::month_of;
use crate::domain::{Choice, Currency, Goal, GoalId, GoalMetric, Locale};
use crate::i18n::{Label, format_date, format_money, format_number, localize_digits};
use crate::routing::use_navigate;
use leptos::prelude::*;

mod edit;
mod leaderboard;
pub use edit::GoalEditPage;
use leaderboard::Leaderboard;

/// A goal's target as its reader expects: money, a percentage or a count.
pub fn format_target(
    locale: Locale,
    metric: GoalMetric,
    target: impl Into<i128>,
    currency: Option<Currency>,
) -> String {
    let target: i128 = target.into();
    match (metric, currency) {
        (GoalMetric::RevenueWon, Some(currency)) => format_money(locale, target, currency),
        (GoalMetric::ConversionRate, _) => {
            localize_digits(locale, &target.to_string())
                + if locale == Locale::Fa { "٪" } else { "%" }
        }
        _ => format_number(locale, target),
    }
}

#[component]
pub fn GoalsPage() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let manages = session
        .user
        .get_untracked()
        .is_some_and(|profile| profile.manages());
    let engine = crate::client::engine::use_sync();
    let goals = Memo::new(move |_| {
        let mut goals = engine.goals()?;
        crate::domain::sorting::sort_by(&mut goals, |a, b| {
            b.period_start
                .cmp(&a.period_start)
                .then(a.metric.as_str().cmp(b.metric.as_str()))
                .then(a.id.cmp(&b.id))
        });
        Some(goals)
    });
    // Where each goal stands (shared with the milestone notices).
    let standings = crate::client::standings::use_standings();
    standings.refresh();
    let standing_of = move |id: GoalId| standings.of(id);
    let copied = RwSignal::new(None::<usize>);
    let copy_previous = move |_| {
        let period = month_of(session.calendar(), session.today());
        leptos::task::spawn_local(async move {
            if let Ok(added) =
                crate::api::copy_previous_goals(period.start.to_string(), period.end.to_string())
                    .await
            {
                copied.set(Some(added));
                engine.sync_now();
            }
        });
    };
    view! {
        <div class="page-head">
            <h1>{move || session.texts().screens().goals_title}</h1>
            <a class="button-quiet" href="/team-days">
                {move || crate::i18n::team_days::team_day_texts(session.locale.get()).title}
            </a>
            <Show when=move || manages>
                <button type="button" class="button-quiet" on:click=copy_previous>{move || session.texts().screens().copy_last_period}</button>
            </Show>
            <Show when=move || manages fallback=move || view! { <p class="hint">{move || session.texts().screens().goals_set_by_manager}</p> }>
                <button type="button" class="button-primary" on:click={
                    let navigate = navigate.clone();
                    move |_| navigate("/goals/new", Default::default())
                }>
                    {move || session.texts().screens().new_goal}
                </button>
            </Show>
        </div>
        {move || copied.get().map(|added| view! {
            <p class="notice" role="status">{move || format!("{}: {}", session.texts().screens().goals_copied, localize_digits(session.locale.get(), &added.to_string()))}</p>
        })}
        // A task after the page's head on a first visit (issue 13): the
        // head, the goals' order and the first cards were one task.
        <crate::components::later::Later>
        {move || match goals.get() {
            None => view! { <crate::components::LoadingFromDevice/> }.into_any(),
            Some(goals) if goals.is_empty() => view! { <p class="empty">{move || session.texts().screens().no_goals}</p> }.into_any(),
            Some(goals) => view! {
                <ul class="cards" aria-label=move || session.texts().screens().goals_title>
                    {goals.into_iter().map(|goal| {
                        let id = goal.id;
                        let me = session.signed_in_id();
                        let counted_here = me.is_some_and(|me| {
                            crate::domain::agenda::counted_on_device(&goal, me, session.today())
                        });
                        view! { <GoalCard goal=goal editable=manages counted_here=counted_here standing=Signal::derive(move || standing_of(id))/> }
                    }).collect_view()}
                </ul>
            }.into_any(),
        }}
        </crate::components::later::Later>
        // Below the list, and only once it is there: the board must not be
        // pushed down when the goals arrive.
        // A task after the cards on a first visit (issue 13, blocking time).
        <Show when=move || goals.with(Option::is_some)>
            <crate::components::later::Later>
                <Leaderboard/>
            </crate::components::later::Later>
        </Show>
    }
}

#[component]
pub(crate) fn GoalCard(
    goal: Goal,
    editable: bool,
    /// Counted from this device's records, so unsynced work is in it.
    counted_here: bool,
    standing: Signal<Option<crate::domain::progress::GoalStanding>>,
) -> impl IntoView {
    let session = use_session();
    let engine = crate::client::engine::use_sync();
    let locale = move || session.locale.get();
    let Goal {
        id,
        metric,
        target,
        currency,
        period_start,
        period_end,
        subject_name,
        ..
    } = goal;
    let title = move || metric.label(locale());
    let today = session.today();
    let running = period_start <= today && today <= period_end;
    view! {
        <li class="card">
            {if editable {
                view! { <a class="card-title" href=format!("/goals/{id}")>{title}</a> }.into_any()
            } else {
                view! { <span class="card-title">{title}</span> }.into_any()
            }}
            <span class="card-sub">{subject_name}</span>
            <span class="card-value">{move || format_target(locale(), metric, target, currency)}</span>
            <span class="card-meta">
                {move || session.texts().period}": "
                {move || format_date(locale(), period_start)}" – "{move || format_date(locale(), period_end)}
            </span>
            // The standing arrives after the card (from the server for team
            // goals): its room is kept so the list does not jump.
            <div class="goal-standing" class:goal-running=running>
            {move || standing.get().map(|standing| {
                let percent_sign = if locale() == Locale::Fa { "٪" } else { "%" };
                let line = format!(
                    "{} / {} ({}{percent_sign})",
                    format_target(locale(), metric, standing.actual, currency),
                    format_target(locale(), metric, target, currency),
                    localize_digits(locale(), &standing.percent.to_string()),
                );
                let pace = crate::i18n::pace_message(
                    locale(),
                    standing.pace,
                    &format_target(locale(), metric, standing.expected_by_now, currency),
                    &format_target(locale(), metric, standing.projected, currency),
                );
                let width = standing.percent.clamp(0, 100);
                view! {
                    <span class="goal-progress" data-testid="goal-progress">{line}</span>
                    <span class="card-meta">{pace}</span>
                    {move || (counted_here && engine.pending_count() > 0).then(|| view! {
                        <span class="card-meta" data-testid="goal-unsynced">{move || session.texts().screens().unsynced_included}</span>
                    })}
                    {counted_here.then(|| view! { <crate::components::EvictionCaveat/> })}
                    <span class="bar" aria-hidden="true"><span class="bar-fill" style=format!("width: {width}%")></span></span>
                }
            })}
            </div>
        </li>
    }
}
