//! "My day", a rep's home screen: overdue and today's tasks (done or
//! rescheduled right here), open leads going cold, what was done today, and
//! this period's goals. Built from the device's cache by `domain::agenda`,
//! so it opens instantly and works offline; every action goes through the
//! outbox like any other edit.

use crate::client::engine::use_sync;
use crate::client::session::use_session;
use crate::components::{DateTimeField, Loading, ShowMore};
use crate::domain::agenda::{
    ColdLead, DEFAULT_COLD_AFTER_DAYS, GoalProgress, MyDay, Today, my_day, own_goal_progress,
};
use crate::domain::{Activity, ActivityId, FieldErrors, Locale};
use crate::error::AppError;
use crate::i18n::{Label, error_message, format_date_time, format_money, localize_digits};
use crate::routing::use_navigate;
use crate::sync::plan::activity_as_draft;
use crate::sync::protocol::Operation;
use chrono::{DateTime, Duration, Utc};
use leptos::prelude::*;

/// How many tasks a list of My day shows at first, and adds with each
/// "Show more": a rep back from two weeks away may have hundreds overdue,
/// and building them all at once would freeze a phone's first screen.
const DAY_PAGE: usize = 20;

/// Today in the team's time zone, as the server counts it.
fn team_today(zone: &crate::domain::time_zone::UtcOffsets) -> Today {
    let now = Utc::now();
    let day = zone.local_day(now);
    Today {
        now,
        start: zone.start_of_day(day),
        end: zone.start_of_day(day + Duration::days(1)),
    }
}

#[component]
pub fn MyDayPage() -> impl IntoView {
    let session = use_session();
    let engine = use_sync();
    let navigate = use_navigate();
    let day = Memo::new(move |_| {
        let profile = session.user.get()?;
        let goals = engine.goals().unwrap_or_default();
        let zone = session.zone();
        let today = team_today(&zone);
        engine.leads_view.with(|leads| {
            engine.activities_view.with(|activities| {
                let (leads, activities) = (leads.as_deref()?, activities.as_deref()?);
                let day = my_day(
                    leads,
                    activities,
                    profile.id,
                    today,
                    DEFAULT_COLD_AFTER_DAYS,
                );
                let goals = own_goal_progress(
                    &goals,
                    leads,
                    activities,
                    profile.id,
                    zone.local_day(today.now),
                    &crate::domain::working_days::WorkingCalendar::of_profile(
                        profile.team_calendar,
                        profile.team_days.as_ref(),
                    ),
                    &zone,
                );
                Some((day, goals))
            })
        })
    });
    // The last task marked done, so the rep can take it back.
    let completed = RwSignal::new(None::<ActivityId>);
    let failure = RwSignal::new(None::<AppError>);
    // How many overdue and due-today tasks are shown: kept here, so marking
    // one done (which builds the sections again) keeps the pages opened.
    let shown = (RwSignal::new(DAY_PAGE), RwSignal::new(DAY_PAGE));
    let locale = move || session.locale.get();
    let complete = move |id: ActivityId| {
        failure.set(None);
        match engine.record(Operation::CompleteTask { id, done: true }) {
            Ok(()) => completed.set(Some(id)),
            Err(error) => failure.set(Some(error)),
        }
    };
    let undo_complete = move |_| {
        if let Some(id) = completed.get_untracked() {
            if let Err(error) = engine.record(Operation::CompleteTask { id, done: false }) {
                failure.set(Some(error));
            }
            completed.set(None);
        }
    };
    view! {
        <div class="page-head">
            <h1>{move || session.texts().my_day_title}</h1>
            <button type="button" class="button-primary" on:click=move |_| navigate("/activities/new", Default::default())>
                {move || session.texts().log_activity}
            </button>
        </div>
        {move || failure.get().map(|error| view! {
            <p class="notice notice-error" role="alert">{move || error_message(locale(), &error)}</p>
        })}
        {move || completed.get().map(|_| view! {
            <p class="notice toast" role="status">
                {move || session.texts().task_done}" "
                <button type="button" class="button-quiet" on:click=undo_complete>{move || session.texts().undo}</button>
            </p>
        })}
        {move || match day.get() {
            // A plain loading line, not `LoadingFromDevice`: My day is in
            // the main module, where that mark's view code cost 2.1 KB of the
            // first load (over its limit).
            None => view! { <Loading/> }.into_any(),
            Some((day, goals)) => view! { <DaySections day=day goals=goals locale=locale() complete=complete shown=shown/> }.into_any(),
        }}
    }
}

#[component]
fn DaySections(
    day: MyDay,
    goals: Vec<GoalProgress>,
    locale: Locale,
    complete: impl Fn(ActivityId) + Copy + Send + Sync + 'static,
    shown: (RwSignal<usize>, RwSignal<usize>),
) -> impl IntoView {
    let texts = crate::i18n::texts(locale);
    let MyDay {
        overdue,
        due_today,
        going_cold,
        done_today,
    } = day;
    // The first page is built with the section; "Show more" adds the next
    // ones after it without building the first again.
    let task_list =
        move |tasks: Vec<Activity>, overdue: bool, empty: &'static str, shown: RwSignal<usize>| {
            if tasks.is_empty() {
                return view! { <p class="empty">{empty}</p> }.into_any();
            }
            let card = move |task: Activity| {
                view! { <TaskItem task=task overdue=overdue locale=locale complete=complete/> }
            };
            let first: Vec<_> = tasks.iter().take(DAY_PAGE).cloned().map(card).collect();
            let tasks = StoredValue::new(tasks);
            let total = tasks.with_value(Vec::len);
            view! {
            <ul class="cards">
                {first}
                {move || tasks.with_value(|tasks| {
                    tasks.iter().take(shown.get()).skip(DAY_PAGE).cloned().map(card).collect_view()
                })}
            </ul>
            {move || view! {
                <ShowMore more=total.saturating_sub(shown.get()).min(DAY_PAGE)
                    on_more=move |()| shown.update(|shown| *shown += DAY_PAGE)/>
            }}
        }
        .into_any()
        };
    view! {
        <section aria-labelledby="day-overdue" class="day-section">
            <h2 id="day-overdue">{texts.overdue}" ("{localize_digits(locale, &overdue.len().to_string())}")"</h2>
            {task_list(overdue, true, texts.nothing_overdue, shown.0)}
        </section>
        <section aria-labelledby="day-today" class="day-section">
            <h2 id="day-today">{texts.due_today}" ("{localize_digits(locale, &due_today.len().to_string())}")"</h2>
            {task_list(due_today, false, texts.nothing_due_today, shown.1)}
        </section>
        <section aria-labelledby="day-cold" class="day-section">
            <h2 id="day-cold">{texts.going_cold}" ("{localize_digits(locale, &going_cold.len().to_string())}")"</h2>
            {if going_cold.is_empty() {
                view! { <p class="empty">{texts.nothing_going_cold}</p> }.into_any()
            } else {
                view! {
                    <ul class="cards">
                        {going_cold.into_iter().take(20).map(|cold| view! { <ColdLeadItem cold=cold locale=locale/> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="day-done" class="day-section">
            <h2 id="day-done">{texts.done_today}" ("{localize_digits(locale, &done_today.len().to_string())}")"</h2>
            {if done_today.is_empty() {
                view! { <p class="empty">{texts.nothing_done_today}</p> }.into_any()
            } else {
                view! {
                    <ul class="timeline">
                        {done_today.into_iter().map(|activity| {
                            let when = activity.done_at.or(activity.occurred_at);
                            view! {
                                <li>
                                    <a href=format!("/activities/{}", activity.id)>{activity.kind.label(locale)}</a>
                                    " "{activity.lead_name.clone().unwrap_or_default()}
                                    " "<span class="card-meta">{when.map(|when| format_date_time(locale, when)).unwrap_or_default()}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="day-goals" class="day-section">
            <h2 id="day-goals">{texts.goals_this_period}</h2>
            {if goals.is_empty() {
                view! { <p class="empty">{texts.no_goals_now}</p> }.into_any()
            } else {
                view! {
                    <ul class="goal-lines">
                        {goals.into_iter().map(|progress| view! { <GoalLine progress=progress locale=locale/> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// An open task: Done, or Reschedule to a new time, right from the list.
#[component]
fn TaskItem(
    task: Activity,
    overdue: bool,
    locale: Locale,
    complete: impl Fn(ActivityId) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let texts = crate::i18n::texts(locale);
    let engine = use_sync();
    let id = task.id;
    let rescheduling = RwSignal::new(false);
    let new_due = RwSignal::new(
        task.due_at
            .map(|due| super::activities::local_input_value(due.max(Utc::now())))
            .unwrap_or_default(),
    );
    let errors = RwSignal::new(FieldErrors::default());
    let stored = StoredValue::new(task.clone());
    let reschedule = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let mut draft = stored.with_value(activity_as_draft);
        draft.when = super::activities::instant_from_local_input(&new_due.get_untracked());
        if let Err(problems) = draft.validate() {
            errors.set(problems);
            return;
        }
        match engine.record(Operation::UpdateActivity { draft }) {
            Ok(()) => rescheduling.set(false),
            Err(AppError::Invalid(problems)) => errors.set(problems),
            Err(_) => errors.set(FieldErrors::default()),
        }
    };
    let title = if task.notes.trim().is_empty() {
        texts.task_without_notes.to_string()
    } else {
        task.notes.clone()
    };
    let due = task
        .due_at
        .map(|due: DateTime<Utc>| format_date_time(locale, due));
    view! {
        <li class="card task" class:overdue=overdue>
            <a class="card-title" href=format!("/activities/{id}")>{title}</a>
            {task.lead_id.map(|lead_id| view! {
                <a class="card-sub" href=format!("/leads/{lead_id}")>{task.lead_name.clone().unwrap_or_default()}</a>
            })}
            <span class="card-meta">{texts.due}": "{due}</span>
            <div class="card-actions">
                <button type="button" class="button-primary" on:click=move |_| complete(id)>{texts.mark_done}</button>
                <button type="button" class="button-quiet" aria-expanded=move || rescheduling.get().to_string()
                    on:click=move |_| rescheduling.update(|open| *open = !*open)>{texts.reschedule}</button>
            </div>
            <Show when=move || rescheduling.get()>
                <form class="form inline-form" on:submit=reschedule novalidate>
                    <DateTimeField label=|t| t.new_due_time name="when" value=new_due errors=errors required=true/>
                    <button type="submit" class="button-primary">{texts.save}</button>
                </form>
            </Show>
        </li>
    }
}

#[component]
fn ColdLeadItem(cold: ColdLead, locale: Locale) -> impl IntoView {
    let texts = crate::i18n::texts(locale);
    let lead = cold.lead;
    view! {
        <li class="card">
            <a class="card-title" href=format!("/leads/{}", lead.id)>{lead.name.clone()}</a>
            <span class="card-sub">{lead.company.clone()}</span>
            <span class="card-meta">{crate::i18n::idle_days_message(locale, cold.idle_days)}</span>
            <a class="button-link" href=format!("/activities/new?lead={}", lead.id)>{texts.log_activity}</a>
        </li>
    }
}

/// One goal on one line: actual of target, and the percent as a bar.
#[component]
fn GoalLine(progress: GoalProgress, locale: Locale) -> impl IntoView {
    let goal = &progress.goal;
    // Persian writes its own percent sign, after the number.
    let percent_sign = if locale == Locale::Fa { "٪" } else { "%" };
    let show = |amount: i128| match (goal.metric.is_money(), goal.currency) {
        (true, Some(currency)) => format_money(locale, amount, currency),
        _ if goal.metric.is_percentage() => {
            format!(
                "{}{percent_sign}",
                localize_digits(locale, &amount.to_string())
            )
        }
        _ => localize_digits(locale, &amount.to_string()),
    };
    let line = format!(
        "{}: {} / {} ({}{percent_sign})",
        goal.metric.label(locale),
        show(progress.actual),
        show(goal.target.into()),
        localize_digits(locale, &progress.percent.to_string())
    );
    let width = progress.percent.clamp(0, 100);
    let pace = crate::i18n::pace_message(
        locale,
        progress.pace,
        &show(progress.expected_by_now),
        &show(progress.projected),
    );
    view! {
        <li class="goal-line">
            <span>{line}</span>
            <span class=format!("card-meta pace-{:?}", progress.pace).to_ascii_lowercase()>{pace}</span>
            <span class="bar" aria-hidden="true"><span class="bar-fill" style=format!("width: {width}%")></span></span>
        </li>
    }
}
