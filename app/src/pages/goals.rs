//! Goals: reps read theirs and their team's (from the device's cache, so
//! offline too); managers also create and edit them (online: goals are set
//! at a desk, and the change reaches every device with the next sync).

use crate::api::{delete_goal, get_goal, save_goal, team_members};
use crate::client::session::use_session;
use crate::components::{
    DateField, DeleteButton, ErrorNotice, FormActions, FormStatus, Loading, SelectField, TextField,
    choice_options,
};
use crate::domain::money::amount_for_input;
use crate::domain::period::{Period, PeriodLength, month_of, period_containing};
use crate::domain::{Choice, Currency, Goal, GoalDraft, GoalId, GoalMetric, GoalScope, Locale};
use crate::i18n::{
    Label, format_date, format_date_time, format_money, format_number, localize_digits,
};
use chrono::Utc;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

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
        goals.sort_by(|a, b| {
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
            <h1>{move || session.texts().goals_title}</h1>
            <a class="button-quiet" href="/team-days">
                {move || crate::i18n::team_days::team_day_texts(session.locale.get()).title}
            </a>
            <Show when=move || manages>
                <button type="button" class="button-quiet" on:click=copy_previous>{move || session.texts().copy_last_period}</button>
            </Show>
            <Show when=move || manages fallback=move || view! { <p class="hint">{move || session.texts().goals_set_by_manager}</p> }>
                <button type="button" class="button-primary" on:click={
                    let navigate = navigate.clone();
                    move |_| navigate("/goals/new", Default::default())
                }>
                    {move || session.texts().new_goal}
                </button>
            </Show>
        </div>
        {move || copied.get().map(|added| view! {
            <p class="notice" role="status">{move || format!("{}: {}", session.texts().goals_copied, localize_digits(session.locale.get(), &added.to_string()))}</p>
        })}
        {move || match goals.get() {
            None => view! { <Loading/> }.into_any(),
            Some(goals) if goals.is_empty() => view! { <p class="empty">{move || session.texts().no_goals}</p> }.into_any(),
            Some(goals) => view! {
                <ul class="cards" aria-label=move || session.texts().goals_title>
                    {goals.into_iter().map(|goal| {
                        let id = goal.id;
                        let me = session.user.with_untracked(|user| user.as_ref().map(|profile| profile.id));
                        let counted_here = me.is_some_and(|me| {
                            crate::domain::agenda::counted_on_device(&goal, me, session.today())
                        });
                        view! { <GoalCard goal=goal editable=manages counted_here=counted_here standing=Signal::derive(move || standing_of(id))/> }
                    }).collect_view()}
                </ul>
            }.into_any(),
        }}
        // Below the list, and only once it is there: the board must not be
        // pushed down when the goals arrive.
        <Show when=move || goals.with(Option::is_some)>
            <Leaderboard/>
        </Show>
    }
}

/// A leaderboard answer kept on the device for reading offline.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
struct RememberedBoard {
    period: Period,
    rows: Vec<crate::domain::progress::LeaderboardRow>,
    at: chrono::DateTime<Utc>,
}

/// The team's reps ranked on one metric over this month, quarter or year
/// (from the server: a rep's device holds only their own work).
#[component]
fn Leaderboard() -> impl IntoView {
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
            ("month".to_string(), texts.this_month.to_string()),
            ("quarter".to_string(), texts.this_quarter.to_string()),
            ("year".to_string(), texts.this_year.to_string()),
        ]
    });
    let chosen_metric = move || GoalMetric::parse(&metric.get()).unwrap_or(GoalMetric::RevenueWon);
    view! {
        <section class="panel" aria-labelledby="leaderboard-heading">
            <h2 id="leaderboard-heading">{move || session.texts().leaderboard_title}</h2>
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
                Some(Err(_)) => view! { <p class="hint">{move || session.texts().leaderboard_needs_network}</p> }.into_any(),
                Some(Ok((rows, _))) if rows.is_empty() => view! { <p class="empty">{move || session.texts().nobody_ranked}</p> }.into_any(),
                Some(Ok((rows, remembered_at))) => {
                    let metric = chosen_metric();
                    let currency = Currency::parse(&currency.get_untracked());
                    view! {
                        {remembered_at.map(|at| view! {
                            <p class="hint" data-testid="leaderboard-as-of">
                                {move || format!("{} {}", session.texts().leaderboard_as_of, format_date_time(locale(), at))}
                            </p>
                        })}
                        <div class="table-scroll">
                            <table class="data-table" aria-labelledby="leaderboard-heading">
                                <thead><tr>
                                    <th scope="col" class="number">{move || session.texts().rank_label}</th>
                                    <th scope="col">{move || session.texts().rep_label}</th>
                                    <th scope="col" class="number">{move || session.texts().result_label}</th>
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
                        <span class="card-meta" data-testid="goal-unsynced">{move || session.texts().unsynced_included}</span>
                    })}
                    {counted_here.then(|| view! { <crate::components::EvictionCaveat/> })}
                    <span class="bar" aria-hidden="true"><span class="bar-fill" style=format!("width: {width}%")></span></span>
                }
            })}
            </div>
        </li>
    }
}

/// The goal form's third scope: one rep goal for each rep of the team.
const EVERY_REP: &str = "every_rep";

/// Creates (`/goals/new`) or edits (`/goals/:id`) a goal; managers only.
#[component]
pub fn GoalEditPage() -> impl IntoView {
    let session = use_session();
    let engine = crate::client::engine::use_sync();
    let navigate = use_navigate();
    let params = use_params_map();
    let existing_id = move || {
        params
            .with(|params| params.get("id"))
            .and_then(|id| id.parse::<GoalId>().ok())
    };
    let new_id = GoalId::new();
    let profile = session.user.get_untracked();
    let team_id = profile.as_ref().and_then(|profile| profile.team_id);
    let team_name = profile
        .as_ref()
        .and_then(|profile| profile.team_name.clone())
        .unwrap_or_default();
    let today = session.today();
    let month = month_of(untrack(|| session.calendar()), today);

    let scope = RwSignal::new(GoalScope::Rep.as_str().to_string());
    let subject = RwSignal::new(String::new());
    let metric = RwSignal::new(GoalMetric::RevenueWon.as_str().to_string());
    let target = RwSignal::new(String::new());
    let currency = RwSignal::new(
        Currency::default_for_persian(session.locale.get_untracked() == Locale::Fa)
            .as_str()
            .to_string(),
    );
    let period_start = RwSignal::new(month.start.to_string());
    let period_end = RwSignal::new(month.end.to_string());
    // "This month / quarter / year" in the team's calendar fill both dates.
    let fill_period = move |length: PeriodLength| {
        if let Some(period) = period_containing(untrack(|| session.calendar()), length, today) {
            period_start.set(period.start.to_string());
            period_end.set(period.end.to_string());
        }
    };
    // A new goal's dates follow the team's calendar (which can arrive with
    // the refreshed profile after the form opened) until they are changed.
    let default_period = StoredValue::new(month);
    Effect::new(move || {
        let month = month_of(session.calendar(), today);
        let shown = default_period.get_value();
        if existing_id().is_none()
            && period_start.get_untracked() == shown.start.to_string()
            && period_end.get_untracked() == shown.end.to_string()
        {
            period_start.set(month.start.to_string());
            period_end.set(month.end.to_string());
            default_period.set_value(month);
        }
    });
    let status = FormStatus::new();
    let errors = status.errors;

    let loaded = LocalResource::new(move || async move {
        match existing_id() {
            Some(id) => get_goal(id).await.map(Some),
            None => Ok(None),
        }
    });
    Effect::new(move || {
        if let Some(Ok(Some(goal))) = loaded.get() {
            scope.set(goal.scope.as_str().into());
            subject.set(goal.subject_id.to_string());
            metric.set(goal.metric.as_str().into());
            let shown_target = match goal.currency {
                Some(goal_currency) => amount_for_input(goal.target, goal_currency),
                None => goal.target.to_string(),
            };
            target.set(shown_target);
            if let Some(goal_currency) = goal.currency {
                currency.set(goal_currency.as_str().into());
            }
            period_start.set(goal.period_start.to_string());
            period_end.set(goal.period_end.to_string());
        }
    });
    let members = LocalResource::new(team_members);
    let subject_options = Signal::derive(move || {
        if scope.get() == GoalScope::Team.as_str() {
            team_id
                .map(|team_id| vec![(team_id.to_string(), team_name.clone())])
                .unwrap_or_default()
        } else {
            let mut options = vec![(String::new(), String::from("—"))];
            if let Some(Ok(members)) = members.get() {
                options.extend(
                    members
                        .into_iter()
                        .map(|member| (member.id.to_string(), member.display_name)),
                );
            }
            options
        }
    });
    // Team goals always have the team as their subject.
    Effect::new(move || {
        if scope.get() == GoalScope::Team.as_str()
            && let Some(team_id) = team_id
        {
            subject.set(team_id.to_string());
        }
    });
    let locale = move || session.locale.get();

    let scope_options = Signal::derive(move || {
        let mut options = choice_options::<GoalScope>(locale());
        if existing_id().is_none() {
            options.push((EVERY_REP.into(), session.texts().every_rep_scope.into()));
        }
        options
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let every_rep = scope.get_untracked() == EVERY_REP;
        let draft = GoalDraft {
            id: existing_id().unwrap_or(new_id),
            scope: scope.get_untracked(),
            subject_id: subject.get_untracked(),
            metric: metric.get_untracked(),
            target: target.get_untracked(),
            currency: currency.get_untracked(),
            period_start: period_start.get_untracked(),
            period_end: period_end.get_untracked(),
        };
        let navigate = navigate.clone();
        let saving = async move {
            if every_rep {
                crate::api::save_goal_for_every_rep(draft).await.map(|_| ())
            } else {
                save_goal(draft).await.map(|_| ())
            }
        };
        status.submit(saving, move |_| {
            // Saved on the server: bring it into this device's cache now.
            engine.sync_now();
            navigate("/goals", Default::default())
        });
    };

    view! {
        <h1>{move || if existing_id().is_some() { session.texts().edit_goal } else { session.texts().new_goal }}</h1>
        {move || match loaded.get() {
            Some(Err(error)) => Some(view! { <ErrorNotice error=error/> }),
            _ => None,
        }}
        // Inert until the edited goal has loaded, so the fill never
        // overwrites anything typed.
        <form class="form" on:submit=submit novalidate inert=move || existing_id().is_some() && loaded.get().is_none()>
            <SelectField label=|t| t.goal_scope name="scope" value=scope errors=errors options=scope_options/>
            <Show when=move || scope.get() != EVERY_REP>
                <SelectField label=|t| t.goal_subject name="subject_id" value=subject errors=errors options=subject_options/>
            </Show>
            <SelectField label=|t| t.metric name="metric" value=metric errors=errors
                options=Signal::derive(move || choice_options::<GoalMetric>(locale()))/>
            <TextField label=|t| t.target name="target" value=target errors=errors inputmode="decimal" required=true/>
            <Show when=move || metric.get() == GoalMetric::RevenueWon.as_str()>
                <SelectField label=|t| t.currency name="currency" value=currency errors=errors
                    options=Signal::derive(move || choice_options::<Currency>(locale()))/>
            </Show>
            <div class="quick-picks" role="group" aria-label=move || session.texts().period>
                <button type="button" class="button-quiet" on:click=move |_| fill_period(PeriodLength::Month)>{move || session.texts().this_month}</button>
                <button type="button" class="button-quiet" on:click=move |_| fill_period(PeriodLength::Quarter)>{move || session.texts().this_quarter}</button>
                <button type="button" class="button-quiet" on:click=move |_| fill_period(PeriodLength::Year)>{move || session.texts().this_year}</button>
            </div>
            <DateField label=|t| t.period_start name="period_start" value=period_start errors=errors required=true/>
            <DateField label=|t| t.period_end name="period_end" value=period_end errors=errors required=true/>
            <FormActions status=status back_to="/goals">
                    {move || existing_id().map(|id| view! { <DeleteButton delete=move || async move {
                        let outcome = delete_goal(id).await;
                        engine.sync_now();
                        outcome
                    } back_to="/goals"/> })}
            </FormActions>
        </form>
        {move || existing_id().map(|id| view! {
            <crate::pages::audit::ItemHistory subject=crate::domain::audit::AuditSubject::Goal id=id.to_string()/>
        })}
    }
}
