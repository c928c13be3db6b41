//! Activities: the list, and the page to log or edit one. Both read the
//! device's cache and save through the outbox, so they work offline.

use crate::client::engine::use_sync;
use crate::client::session::use_session;
use crate::components::{
    CheckboxField, DeleteButton, ErrorNotice, FormActions, FormStatus, Later, SelectField,
    ShowMore, TextAreaField, TextField, choice_options,
};
use crate::domain::{
    Activity, ActivityDraft, ActivityId, ActivityKind, Choice, LeadId, Locale, Outcome, Tactic,
};
use crate::error::AppError;
use crate::i18n::{Label, format_date_time};
use crate::routing::{use_navigate, use_params_map, use_query_map};
use crate::sync::protocol::Operation;
use chrono::{DateTime, Local, TimeZone, Utc};
use leptos::prelude::*;

/// The value a `datetime-local` input shows for an instant, in local time.
pub(crate) fn local_input_value(instant: DateTime<Utc>) -> String {
    crate::domain::validation::local_minute_text(instant.with_timezone(&Local).naive_local())
}

/// Turns the local time typed into a `datetime-local` input into RFC 3339;
/// unreadable text is passed on as typed so the server names the problem.
pub(crate) fn instant_from_local_input(text: &str) -> String {
    let normalized = crate::domain::validation::normalize_digits(text.trim());
    crate::domain::validation::parse_local_minute(&normalized)
        .and_then(|naive| Local.from_local_datetime(&naive).earliest())
        .map(|local| local.with_timezone(&Utc).to_rfc3339())
        .unwrap_or(normalized)
}

/// How many activity cards are built at a time: a rep's year of calls is
/// thousands, and building them all at once would freeze a phone.
const LIST_PAGE: usize = 50;
/// The cards drawn with the screen; the rest of a page follow a task later
/// on a first visit (`Later`), a phone's screen holds fewer.
const FIRST_CARDS: usize = 10;

#[component]
pub fn ActivitiesPage() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let engine = use_sync();
    let activities = Memo::new(move |_| engine.activities());
    let shown = RwSignal::new(LIST_PAGE);
    let locale = move || session.locale.get();
    view! {
        <div class="page-head">
            <h1>{move || session.texts().screens().activities_title}</h1>
            <button type="button" class="button-primary" on:click=move |_| navigate("/activities/new", Default::default())>
                {move || session.texts().log_activity}
            </button>
        </div>
        {move || match activities.get() {
            None => view! { <crate::components::LoadingFromDevice/> }.into_any(),
            Some(list) if list.is_empty() => view! { <p class="empty">{move || session.texts().screens().no_activities}</p> }.into_any(),
            Some(list) => {
                let limit = shown.get();
                let more = list.len().saturating_sub(limit).min(LIST_PAGE);
                let card = move |activity: Activity| view! { <ActivityCard activity=activity locale=locale()/> };
                let mut cards = list.into_iter().take(limit);
                let first: Vec<_> = cards.by_ref().take(FIRST_CARDS).map(card).collect();
                let rest: Vec<_> = cards.collect();
                view! {
                    <ul class="cards activity-cards" aria-label=move || session.texts().screens().activities_title>
                        {first}
                        // The rest in a task of their own on a first visit.
                        <Later>{rest.into_iter().map(card).collect_view()}</Later>
                    </ul>
                    <ShowMore more=more on_more=move |()| shown.update(|shown| *shown += LIST_PAGE)/>
                }.into_any()
            }
        }}
    }
}

#[component]
fn ActivityCard(activity: Activity, locale: Locale) -> impl IntoView {
    // Plain text, not reactive: the list re-renders when the language changes.
    let when = activity.when();
    let overdue = activity.kind == ActivityKind::Task
        && activity.done_at.is_none()
        && when.is_some_and(|due| due < Utc::now());
    view! {
        <li class="card" class:overdue=overdue>
            <a class="card-title" href=format!("/activities/{}", activity.id)>
                {activity.kind.label(locale)}" · "{activity.tactic.label(locale)}
            </a>
            <span class="card-sub">{activity.lead_name.unwrap_or_default()}</span>
            <span class="card-meta">{activity.outcome.map(|outcome| outcome.label(locale)).unwrap_or_default()}</span>
            <span class="card-meta">{when.map(|when| format_date_time(locale, when)).unwrap_or_default()}</span>
            <p class="card-notes">{activity.notes}</p>
        </li>
    }
}

/// Logs an activity (`/activities/new`, optionally `?lead=<id>`) or edits one.
#[component]
pub fn ActivityEditPage() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let params = use_params_map();
    let query = use_query_map();
    let existing_id = move || {
        params
            .with(|params| params.get("id"))
            .and_then(|id| id.parse::<ActivityId>().ok())
    };
    let new_id = ActivityId::new();
    let follow_up_id = ActivityId::new();

    // A quick action names the kind (`?kind=meeting`): one tap less.
    let kind = RwSignal::new(
        query
            .with_untracked(|query| query.get("kind"))
            .and_then(|kind| ActivityKind::parse(&kind))
            .unwrap_or(ActivityKind::Call)
            .as_str()
            .to_string(),
    );
    // The optional next step: a follow-up task on the same lead.
    let follow_up_due = RwSignal::new(String::new());
    let follow_up_notes = RwSignal::new(String::new());
    let tactic = RwSignal::new(Tactic::ColdCall.as_str().to_string());
    let outcome = RwSignal::new(String::new());
    let notes = RwSignal::new(String::new());
    let when = RwSignal::new(local_input_value(Utc::now()));
    let duration = RwSignal::new(String::new());
    let done = RwSignal::new(false);
    let lead = RwSignal::new(
        query
            .with_untracked(|query| query.get("lead"))
            .unwrap_or_default(),
    );
    let status = FormStatus::on_device();
    let errors = status.errors;

    let engine = use_sync();
    let found = Memo::new(move |_| {
        let id = existing_id()?;
        engine
            .activities()?
            .into_iter()
            .find(|activity| activity.id == id)
    });
    let filled = StoredValue::new(false);
    Effect::new(move || {
        if let Some(activity) = found.get()
            && !filled.get_value()
        {
            filled.set_value(true);
            kind.set(activity.kind.as_str().into());
            tactic.set(activity.tactic.as_str().into());
            outcome.set(
                activity
                    .outcome
                    .map(|outcome| outcome.as_str().to_string())
                    .unwrap_or_default(),
            );
            notes.set(activity.notes.clone());
            when.set(activity.when().map(local_input_value).unwrap_or_default());
            duration.set(
                activity
                    .duration_minutes
                    .map(|minutes| minutes.to_string())
                    .unwrap_or_default(),
            );
            done.set(activity.done_at.is_some());
            lead.set(
                activity
                    .lead_id
                    .map(|id| id.to_string())
                    .unwrap_or_default(),
            );
        }
    });
    let missing = move || existing_id().is_some() && engine.ready() && found.with(Option::is_none);
    let leads = Memo::new(move |_| engine.leads());
    let locale = move || session.locale.get();
    let lead_options = Signal::derive(move || {
        let mut options = vec![(
            String::new(),
            session.texts().screens().no_lead_choice.to_string(),
        )];
        if let Some(leads) = leads.get() {
            options.extend(
                leads
                    .into_iter()
                    .map(|lead| (lead.id.to_string(), lead.name)),
            );
        }
        options
    });
    let outcome_options = Signal::derive(move || {
        let mut options = vec![(
            String::new(),
            session.texts().screens().no_outcome_choice.to_string(),
        )];
        options.extend(choice_options::<Outcome>(locale()));
        options
    });

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let lead_id = lead.get_untracked().parse::<LeadId>().ok();
        let draft = ActivityDraft {
            id: existing_id().unwrap_or(new_id),
            lead_id,
            kind: kind.get_untracked(),
            tactic: tactic.get_untracked(),
            outcome: outcome.get_untracked(),
            notes: notes.get_untracked(),
            when: instant_from_local_input(&when.get_untracked()),
            duration_minutes: duration.get_untracked(),
            done: done.get_untracked(),
        };
        let is_new = found.with_untracked(Option::is_none);
        let lead_id = draft.lead_id;
        let follow_up =
            (is_new && !follow_up_due.get_untracked().trim().is_empty()).then(|| ActivityDraft {
                id: follow_up_id,
                lead_id,
                kind: ActivityKind::Task.as_str().into(),
                tactic: draft.tactic.clone(),
                outcome: String::new(),
                notes: follow_up_notes.get_untracked(),
                when: instant_from_local_input(&follow_up_due.get_untracked()),
                duration_minutes: String::new(),
                done: false,
            });
        let saved = status.save_locally(|| {
            draft.validate()?;
            // Both checked before either is queued: all or nothing.
            if let Some(follow_up) = &follow_up {
                follow_up.validate().map_err(|problems| {
                    AppError::Invalid(problems.renamed("when", "follow_up_due"))
                })?;
            }
            engine.record(if is_new {
                Operation::LogActivity { draft }
            } else {
                Operation::UpdateActivity { draft }
            })?;
            match follow_up {
                Some(follow_up) => engine.record(Operation::LogActivity { draft: follow_up }),
                None => Ok(()),
            }
        });
        if saved {
            let next = match lead_id {
                Some(lead_id) => format!("/leads/{lead_id}"),
                None => "/activities".to_string(),
            };
            navigate(&next, Default::default());
        }
    };

    view! {
        <h1>{move || if existing_id().is_some() { session.texts().screens().edit_activity } else { session.texts().log_activity }}</h1>
        {move || missing().then(|| view! { <ErrorNotice error=crate::error::AppError::NotFound/> })}
        // Logging a call: the lead's number, one tap to dial on a phone.
        {move || {
            let is_call = kind.get() == ActivityKind::Call.as_str();
            let lead_id = lead.get().parse::<LeadId>().ok()?;
            let phone = leads.with(|leads| {
                leads.as_ref()?.iter().find(|lead| lead.id == lead_id).map(|lead| lead.phone.clone())
            })?;
            (is_call && !phone.trim().is_empty()).then(|| view! {
                <p class="quick-actions"><super::leads::CallLink phone=phone/></p>
            })
        }}
        <form class="form" on:submit=submit novalidate>
            <SelectField label=|t| t.activity_type name="kind" value=kind errors=errors
                options=Signal::derive(move || choice_options::<ActivityKind>(locale()))/>
            <SelectField label=|t| t.lead name="lead_id" value=lead errors=errors options=lead_options/>
            <SelectField label=|t| t.tactic name="tactic" value=tactic errors=errors
                options=Signal::derive(move || choice_options::<Tactic>(locale()))/>
            <SelectField label=|t| t.outcome name="outcome" value=outcome errors=errors options=outcome_options/>
            <crate::components::DateTimeField label=|t| t.when name="when" value=when errors=errors required=true/>
            <TextField label=|t| t.duration_minutes name="duration_minutes" value=duration errors=errors inputmode="numeric"/>
            <Show when=move || kind.get() == ActivityKind::Task.as_str()>
                <CheckboxField label=|t| t.done name="done" checked=done/>
            </Show>
            <TextAreaField label=|t| t.notes name="notes" value=notes errors=errors/>
            <Show when=move || existing_id().is_none()>
                <crate::components::DateTimeField label=|t| t.screens().follow_up_due name="follow_up_due" value=follow_up_due errors=errors/>
                <TextField label=|t| t.screens().follow_up_notes name="follow_up_notes" value=follow_up_notes errors=errors/>
            </Show>
            <FormActions status=status back_to="/activities">
                    {move || existing_id().map(|id| view! {
                        <DeleteButton delete=move || {
                            let outcome = engine.record(Operation::DeleteActivity { id });
                            async move { outcome }
                        } back_to="/activities"/>
                    })}
            </FormActions>
        </form>
    }
}
