//! Goals: reps read theirs and their team's (from the device's cache, so
//! offline too); managers also create and edit them (online: goals are set
//! at a desk, and the change reaches every device with the next sync).

use crate::api::{delete_goal, get_goal, save_goal, team_members};
use crate::components::{
    DateField, DeleteButton, ErrorNotice, FormActions, FormStatus, Loading, SelectField, TextField,
    choice_options,
};
use crate::domain::money::amount_for_input;
use crate::domain::{Choice, Currency, Goal, GoalDraft, GoalId, GoalMetric, GoalScope, Locale};
use crate::i18n::{Label, format_date, format_money, format_number, localize_digits};
use crate::session::use_session;
use chrono::{Datelike, Months, NaiveDate, Utc};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

/// A goal's target as its reader expects: money, a percentage or a count.
pub fn format_target(
    locale: Locale,
    metric: GoalMetric,
    target: i64,
    currency: Option<Currency>,
) -> String {
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
    let engine = crate::sync::engine::use_sync();
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
    // Where each goal stands: the server's numbers (every goal the person
    // may read), with the person's own goals counted on the device on top,
    // so an offline win shows at once.
    let standings = LocalResource::new(move || {
        engine.last_synced_at();
        crate::api::goal_standings(chrono::Local::now().date_naive())
    });
    let own = Memo::new(move |_| {
        let profile = session.user.get()?;
        let goals = engine.goals()?;
        engine.leads_view.with(|leads| {
            engine.activities_view.with(|activities| {
                Some(crate::domain::agenda::own_goal_progress(
                    &goals,
                    leads.as_deref()?,
                    activities.as_deref()?,
                    profile.id,
                    chrono::Local::now().date_naive(),
                ))
            })
        })
    });
    let standing_of = move |id: GoalId| -> Option<crate::domain::progress::GoalStanding> {
        own.get()
            .and_then(|own| own.into_iter().find(|standing| standing.goal.id == id))
            .or_else(|| match standings.get() {
                Some(Ok(all)) => all.into_iter().find(|standing| standing.goal.id == id),
                _ => None,
            })
    };
    let copied = RwSignal::new(None::<usize>);
    let copy_previous = move |_| {
        let (start, end) = this_month();
        leptos::task::spawn_local(async move {
            if let Ok(added) =
                crate::api::copy_previous_goals(start.to_string(), end.to_string()).await
            {
                copied.set(Some(added));
                engine.sync_now();
            }
        });
    };
    view! {
        <div class="page-head">
            <h1>{move || session.texts().goals_title}</h1>
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
                        view! { <GoalCard goal=goal editable=manages standing=Signal::derive(move || standing_of(id))/> }
                    }).collect_view()}
                </ul>
            }.into_any(),
        }}
    }
}

#[component]
fn GoalCard(
    goal: Goal,
    editable: bool,
    standing: Signal<Option<crate::domain::progress::GoalStanding>>,
) -> impl IntoView {
    let session = use_session();
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
                    <span class="bar" aria-hidden="true"><span class="bar-fill" style=format!("width: {width}%")></span></span>
                }
            })}
        </li>
    }
}

fn this_month() -> (NaiveDate, NaiveDate) {
    let today = Utc::now().date_naive();
    let start = today.with_day(1).unwrap_or(today);
    let end = start
        .checked_add_months(Months::new(1))
        .and_then(|next| next.pred_opt())
        .unwrap_or(start);
    (start, end)
}

/// Creates (`/goals/new`) or edits (`/goals/:id`) a goal; managers only.
#[component]
pub fn GoalEditPage() -> impl IntoView {
    let session = use_session();
    let engine = crate::sync::engine::use_sync();
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
    let (start, end) = this_month();

    let scope = RwSignal::new(GoalScope::Rep.as_str().to_string());
    let subject = RwSignal::new(String::new());
    let metric = RwSignal::new(GoalMetric::RevenueWon.as_str().to_string());
    let target = RwSignal::new(String::new());
    let currency = RwSignal::new(
        Currency::default_for_persian(session.locale.get_untracked() == Locale::Fa)
            .as_str()
            .to_string(),
    );
    let period_start = RwSignal::new(start.to_string());
    let period_end = RwSignal::new(end.to_string());
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

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
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
        status.submit(save_goal(draft), move |_| {
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
        <form class="form" on:submit=submit novalidate>
            <SelectField label=|t| t.goal_scope name="scope" value=scope errors=errors
                options=Signal::derive(move || choice_options::<GoalScope>(locale()))/>
            <SelectField label=|t| t.goal_subject name="subject_id" value=subject errors=errors options=subject_options/>
            <SelectField label=|t| t.metric name="metric" value=metric errors=errors
                options=Signal::derive(move || choice_options::<GoalMetric>(locale()))/>
            <TextField label=|t| t.target name="target" value=target errors=errors inputmode="decimal" required=true/>
            <Show when=move || metric.get() == GoalMetric::RevenueWon.as_str()>
                <SelectField label=|t| t.currency name="currency" value=currency errors=errors
                    options=Signal::derive(move || choice_options::<Currency>(locale()))/>
            </Show>
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
    }
}
