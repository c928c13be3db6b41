//! The in-app notices that a goal reached 50, 90 or 100 percent, shown on
//! whichever screen the person is on until dismissed (the standings they
//! read are `client::standings`).

use crate::client::session::use_session;
use crate::client::standings::use_standings;
use crate::domain::GoalId;
use crate::domain::progress::{GoalStanding, milestone_to_announce};
use crate::domain::sorted_map::SortedMap;
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
    let pending = Memo::new(move |_| {
        announced.with(|announced| {
            standings.by_goal.with(|by_goal| {
                let mut pending: Vec<(GoalStanding, i64)> = by_goal
                    .values()
                    .filter_map(|standing| {
                        let already = announced.get(&standing.goal.id).copied().unwrap_or(0);
                        milestone_to_announce(already, standing.percent)
                            .map(|milestone| (standing.clone(), milestone))
                    })
                    .collect();
                crate::domain::sorting::sort_by(&mut pending, |a, b| {
                    b.1.cmp(&a.1)
                        .then_with(|| a.0.goal.subject_name.cmp(&b.0.goal.subject_name))
                        .then_with(|| a.0.goal.id.cmp(&b.0.goal.id))
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
                        .map(|(standing, milestone)| {
                            let id = standing.goal.id;
                            let metric = standing.goal.metric;
                            let subject = standing.goal.subject_name.clone();
                            view! {
                                <p class="notice milestone" role="status">
                                    <span>{move || {
                                        let locale = session.locale.get();
                                        milestone_message(locale, metric.label(locale), &subject, milestone)
                                    }}</span>
                                    <button type="button" class="button-quiet" on:click=move |_| dismiss(id, milestone)>
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
