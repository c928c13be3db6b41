//! The goal form (`/goals/new`, `/goals/:id`): month, quarter or year
//! picks, and "each rep of the team"; managers only.

use crate::api::{delete_goal, get_goal, save_goal, team_members};
use crate::client::session::use_session;
use crate::components::{
    DateField, DeleteButton, ErrorNotice, FormActions, FormStatus, SelectField, TextField,
    choice_options,
};
use crate::domain::money::amount_for_input;
use crate::domain::period::{PeriodLength, month_of, period_containing};
use crate::domain::{Choice, Currency, GoalDraft, GoalId, GoalMetric, GoalScope, Locale};
use crate::routing::{use_navigate, use_params_map};
use leptos::prelude::*;

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
            options.push((
                EVERY_REP.into(),
                session.texts().screens().every_rep_scope.into(),
            ));
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
        <h1>{move || if existing_id().is_some() { session.texts().screens().edit_goal } else { session.texts().screens().new_goal }}</h1>
        {move || match loaded.get() {
            Some(Err(error)) => Some(view! { <ErrorNotice error=error/> }),
            _ => None,
        }}
        // Inert until the edited goal has loaded, so the fill never
        // overwrites anything typed.
        <form class="form" on:submit=submit novalidate inert=move || existing_id().is_some() && loaded.get().is_none()>
            <SelectField label=|t| t.screens().goal_scope name="scope" value=scope errors=errors options=scope_options/>
            <Show when=move || scope.get() != EVERY_REP>
                <SelectField label=|t| t.screens().goal_subject name="subject_id" value=subject errors=errors options=subject_options/>
            </Show>
            <SelectField label=|t| t.metric name="metric" value=metric errors=errors
                options=Signal::derive(move || choice_options::<GoalMetric>(locale()))/>
            <TextField label=|t| t.target name="target" value=target errors=errors inputmode="decimal" required=true/>
            <Show when=move || metric.get() == GoalMetric::RevenueWon.as_str()>
                <SelectField label=|t| t.currency name="currency" value=currency errors=errors
                    options=Signal::derive(move || choice_options::<Currency>(locale()))/>
            </Show>
            <div class="quick-picks" role="group" aria-label=move || session.texts().period>
                <button type="button" class="button-quiet" on:click=move |_| fill_period(PeriodLength::Month)>{move || session.texts().screens().this_month}</button>
                <button type="button" class="button-quiet" on:click=move |_| fill_period(PeriodLength::Quarter)>{move || session.texts().screens().this_quarter}</button>
                <button type="button" class="button-quiet" on:click=move |_| fill_period(PeriodLength::Year)>{move || session.texts().screens().this_year}</button>
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
