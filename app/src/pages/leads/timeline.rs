//! A lead's timeline: its activities and the history of its changes.

use crate::client::engine::use_sync;
use crate::client::session::use_session;
use crate::components::Loading;
use crate::domain::LeadId;
use crate::i18n::{Label, format_date_time};
use crate::sync::protocol::Operation;
use leptos::prelude::*;

/// Everything that happened to one lead, newest first: its activities
/// (from the device, offline too) and its field changes (from the server
/// when online, including values overwritten in sync conflicts). Open tasks
/// can be marked done right here.
#[component]
pub(super) fn LeadTimeline(lead_id: LeadId) -> impl IntoView {
    let session = use_session();
    let engine = use_sync();
    let activities = Memo::new(move |_| {
        engine.activities_view.with(|list| {
            list.as_deref().map(|list| {
                list.iter()
                    .filter(|activity| activity.lead_id == Some(lead_id) && !activity.deleted)
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    });
    // Refetched after each sync, so a change made here shows once sent.
    // `None` until the first answer, then `Some(None)` when it could not be
    // had (offline) and `Some(Some(changes))`.
    let history = LocalResource::new(move || {
        engine.last_synced_at();
        async move { crate::api::lead_history(lead_id).await.ok() }
    });
    // On a first visit the swap waits for the first answer (a pending
    // mark, as `Later` leaves): the changes come in among the activities,
    // newest first, and arriving after the swap they moved the list under
    // the reader's eyes (layout shifts in session 32).
    #[cfg(feature = "csr")]
    let first_visit = crate::first_screen::drawn_by_server();
    #[cfg(not(feature = "csr"))]
    let first_visit = false;
    let next_follow_up = Memo::new(move |_| {
        activities.with(|list| {
            list.as_ref()?
                .iter()
                .filter(|activity| crate::domain::agenda::is_open_task(activity))
                .filter_map(|activity| activity.due_at)
                .min()
        })
    });
    let locale = move || session.locale.get();
    let complete = move |id: crate::domain::ActivityId| {
        // A failure (full storage) is shown by the sync bar's storage notice.
        let _ = engine.record(Operation::CompleteTask { id, done: true });
    };
    view! {
        <section class="related" aria-labelledby="lead-timeline">
            <h2 id="lead-timeline">{move || session.texts().screens().activities_of_lead}</h2>
            {move || next_follow_up.get().map(|due| view! {
                <p class="next-follow-up">{move || session.texts().next_follow_up}": "{move || format_date_time(locale(), due)}</p>
            })}
            {move || {
                let Some(list) = activities.get() else {
                    return view! { <Loading/> }.into_any();
                };
                let answer = history.get();
                let waiting = first_visit && answer.is_none();
                // Only once asked and not answered: the server's drawing
                // and the first moments online do not say "offline".
                let offline_note = matches!(answer, Some(None));
                let changes = answer.flatten();
                let mut entries: Vec<TimelineEntry> = list.into_iter().map(TimelineEntry::Activity).collect();
                entries.extend(changes.unwrap_or_default().into_iter().map(TimelineEntry::Change));
                crate::domain::sorting::sort_by_key(&mut entries, |entry| std::cmp::Reverse(entry.at()));
                let now = chrono::Utc::now();
                view! {
                    {waiting.then(|| view! { <template data-pending=""></template> })}
                    {offline_note.then(|| view! { <p class="hint">{move || session.texts().screens().history_offline}</p> })}
                    {if entries.is_empty() {
                        view! { <p class="empty">{move || session.texts().screens().no_activities}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="timeline">
                                {entries.into_iter().map(|entry| match entry {
                                    TimelineEntry::Activity(activity) => {
                                        let open_task = crate::domain::agenda::is_open_task(&activity);
                                        let overdue = crate::domain::agenda::is_overdue(&activity, now);
                                        let id = activity.id;
                                        let kind = activity.kind;
                                        let outcome = activity.outcome;
                                        let when = activity.when();
                                        let done = activity.done_at.is_some();
                                        let details = move || {
                                            let mut parts = Vec::new();
                                            if let Some(outcome) = outcome {
                                                parts.push(outcome.label(locale()).to_string());
                                            }
                                            if let Some(when) = when {
                                                parts.push(format_date_time(locale(), when));
                                            }
                                            if done {
                                                parts.push(session.texts().done.to_string());
                                            }
                                            parts.join(" · ")
                                        };
                                        view! {
                                            <li class:overdue=overdue>
                                                <a href=format!("/activities/{id}")>{move || kind.label(locale())}</a>
                                                " "<span class="card-meta">{details}</span>
                                                <p class="card-sub">{activity.notes.clone()}</p>
                                                {open_task.then(|| view! {
                                                    <button type="button" class="button-primary" on:click=move |_| complete(id)>
                                                        {move || session.texts().mark_done}
                                                    </button>
                                                })}
                                            </li>
                                        }.into_any()
                                    }
                                    TimelineEntry::Change(change) => {
                                        let text = move || crate::i18n::lead_change_message(locale(), &change);
                                        view! { <li class="change">{text}</li> }.into_any()
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                }.into_any()
            }}
        </section>
    }
}

/// One line of a lead's timeline.
enum TimelineEntry {
    Activity(crate::domain::Activity),
    Change(crate::domain::lead::LeadChange),
}

impl TimelineEntry {
    fn at(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        match self {
            TimelineEntry::Activity(activity) => activity.done_at.or(activity.when()),
            TimelineEntry::Change(change) => Some(change.at),
        }
    }
}
