//! The in-app notices that a goal reached 50, 90 or 100 percent, shown on
//! whichever screen the person is on until dismissed (the standings they
//! read are `client::standings`).

use crate::client::session::use_session;
use crate::client::standings::use_standings;
use crate::domain::progress::milestone_to_announce;
use crate::domain::sorted_map::SortedMap;
use crate::domain::{GoalId, GoalMetric};
use crate::i18n::{Label, milestone_message};
use leptos::prelude::*;

/// Notices for goals that newly reached 50, 90 or 100 percent. Dismissing
/// one remembers it on this device, so it is not shown again.
#[component]
pub fn MilestoneNotices() -> impl IntoView {
    let session = use_session();
    let standings = use_standings();
    let storage_key = move || {
        session.user.with(|user| {
            user.as_ref()
                .map(|profile| crate::client::storage::keys::milestones(&profile.id.to_string()))
        })
    };
    // Read before the first render, so a dismissed notice never flashes
    // (the shell builds this anew for each signed-in person).
    let announced = RwSignal::new(
        untrack(storage_key)
            .and_then(|key| crate::client::storage::load::<SortedMap<GoalId, i64>>(&key))
            .unwrap_or_default(),
    );
    // Only what a notice shows: a pull that changes a standing's other
    // figures leaves the memo equal, so the notices (and a Dismiss button
    // under a finger) are not drawn anew.
    let pending = Memo::new(move |_| {
        announced.with(|announced| {
            standings.by_goal.with(|by_goal| {
                let mut pending: Vec<PendingMilestone> = by_goal
                    .values()
                    .filter_map(|standing| {
                        let already = announced.get(&standing.goal.id).copied().unwrap_or(0);
                        milestone_to_announce(already, standing.percent).map(|milestone| {
                            PendingMilestone {
                                goal: standing.goal.id,
                                metric: standing.goal.metric,
                                subject: standing.goal.subject_name.clone(),
                                milestone,
                            }
                        })
                    })
                    .collect();
                crate::domain::sorting::sort_by(&mut pending, |a, b| {
                    b.milestone
                        .cmp(&a.milestone)
                        .then_with(|| a.subject.cmp(&b.subject))
                        .then_with(|| a.goal.cmp(&b.goal))
                });
                pending
            })
        })
    });
    let dismiss = move |id: GoalId, milestone: i64| {
        announced.update(|announced| {
            announced.insert(id, milestone);
        });
        if let Some(key) = storage_key() {
            crate::client::storage::save(&key, &announced.get_untracked());
        }
    };
    move || {
        let pending = pending.get();
        (!pending.is_empty()).then(|| {
            view! {
                <section class="milestones" aria-label=move || session.texts().milestones_title>
                    {pending
                        .into_iter()
                        .map(|notice| {
                            let PendingMilestone { goal, metric, subject, milestone } = notice;
                            view! {
                                <p class="notice milestone" role="status">
                                    <span>{move || {
                                        let locale = session.locale.get();
                                        milestone_message(locale, metric.label(locale), &subject, milestone)
                                    }}</span>
                                    <button type="button" class="button-quiet" on:click=move |_| dismiss(goal, milestone)>
                                        {move || session.texts().dismiss}
                                    </button>
                                </p>
                            }
                        })
                        .collect_view()}
                </section>
            }
        })
    }
}

/// A goal's milestone waiting to be announced: only what its notice shows.
#[derive(Clone, PartialEq)]
struct PendingMilestone {
    goal: GoalId,
    metric: GoalMetric,
    subject: String,
    milestone: i64,
}
