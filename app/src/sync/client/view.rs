//! What the person sees: the server's rows as last pulled with this
//! device's pending mutations re-applied on top, so a save shows at once
//! and a later pull never hides it; and which rows still wait to be pushed.

use super::ClientState;
use crate::domain::sorted_map::SortedMap;
use crate::domain::{Activity, ActivityDraft, ActivityId, Lead, LeadDraft, LeadId, UserId};
use crate::sync::plan::{activity_as_draft, apply_changes, lead_as_draft};
use crate::sync::protocol::Operation;
use chrono::{DateTime, Utc};

impl ClientState {
    /// The leads as the person should see them: the server's rows with the
    /// pending mutations applied in order, newest change first. Deleted
    /// leads are left out. Only rows a pending mutation touches are copied.
    pub fn leads_view(&self, now: DateTime<Utc>) -> Vec<Lead> {
        let mut changed: SortedMap<LeadId, Option<Lead>> = SortedMap::default();
        for mutation in self.outbox.unpulled() {
            let current =
                |id: &LeadId, changed: &SortedMap<LeadId, Option<Lead>>| match changed.get(id) {
                    Some(row) => row.clone(),
                    None => self.cache.leads.get(id).cloned(),
                };
            match &mutation.operation {
                Operation::CreateLead { draft } => {
                    let existing = current(&draft.id, &changed);
                    if let Some(lead) = lead_from_draft(
                        draft,
                        existing.as_ref(),
                        self.user_id,
                        &self.owner_name,
                        now,
                    ) {
                        changed.insert(lead.id, Some(lead));
                    }
                }
                Operation::UpdateLead { id, changes } => {
                    if let Some(existing) = current(id, &changed)
                        && let Ok((draft, _)) = apply_changes(&lead_as_draft(&existing), changes)
                        && let Some(lead) = lead_from_draft(
                            &draft,
                            Some(&existing),
                            self.user_id,
                            &self.owner_name,
                            now,
                        )
                    {
                        changed.insert(lead.id, Some(lead));
                    }
                }
                Operation::DeleteLead { id } => {
                    changed.insert(*id, None);
                }
                _ => {}
            }
        }
        let mut view: Vec<Lead> = self
            .cache
            .leads
            .values()
            .filter(|lead| !changed.contains_key(&lead.id))
            .cloned()
            .collect::<Vec<_>>()
            .into_iter()
            .chain(changed.into_values().flatten())
            .filter(|lead| !lead.deleted)
            .collect();
        crate::domain::sorting::sort_by(&mut view, |a, b| {
            b.updated_at.cmp(&a.updated_at).then(a.id.cmp(&b.id))
        });
        view
    }

    /// The activities as the person should see them (pending mutations
    /// applied), latest first; `leads` is the leads view, for lead names.
    pub fn activities_view(&self, leads: &[Lead], now: DateTime<Utc>) -> Vec<Activity> {
        // Looked up by a binary search: a map collected from the list
        // compiled a sort of its own into the main module.
        let mut lead_names: Vec<(LeadId, &str)> = leads
            .iter()
            .map(|lead| (lead.id, lead.name.as_str()))
            .collect();
        crate::domain::sorting::sort_by_key(&mut lead_names, |(id, _)| *id);
        let mut changed: SortedMap<ActivityId, Option<Activity>> = SortedMap::default();
        for mutation in self.outbox.unpulled() {
            let current =
                |id: &ActivityId, changed: &SortedMap<ActivityId, Option<Activity>>| match changed
                    .get(id)
                {
                    Some(row) => row.clone(),
                    None => self.cache.activities.get(id).cloned(),
                };
            let draft = match &mutation.operation {
                Operation::LogActivity { draft } | Operation::UpdateActivity { draft } => {
                    Some(draft.clone())
                }
                Operation::CompleteTask { id, done } => {
                    current(id, &changed).map(|activity| ActivityDraft {
                        done: *done,
                        ..activity_as_draft(&activity)
                    })
                }
                Operation::DeleteActivity { id } => {
                    changed.insert(*id, None);
                    None
                }
                _ => None,
            };
            if let Some(draft) = draft {
                let existing = current(&draft.id, &changed);
                if let Some(activity) = self.activity_from_draft(&draft, existing.as_ref(), now) {
                    changed.insert(activity.id, Some(activity));
                }
            }
        }
        let mut view: Vec<Activity> = self
            .cache
            .activities
            .values()
            .filter(|activity| !changed.contains_key(&activity.id))
            .cloned()
            .collect::<Vec<_>>()
            .into_iter()
            .chain(changed.into_values().flatten())
            .filter(|activity| !activity.deleted)
            .map(|mut activity| {
                if let Some(lead_id) = activity.lead_id
                    && let Ok(found) = lead_names.binary_search_by_key(&lead_id, |(id, _)| *id)
                {
                    activity.lead_name = Some(lead_names[found].1.to_string());
                }
                activity
            })
            .collect();
        crate::domain::sorting::sort_by(&mut view, |a, b| {
            b.when().cmp(&a.when()).then(a.id.cmp(&b.id))
        });
        view
    }

    /// An activity as it will be once the server applies a draft; `None`
    /// when the draft is invalid (the server will refuse it and say why).
    pub(super) fn activity_from_draft(
        &self,
        draft: &ActivityDraft,
        existing: Option<&Activity>,
        now: DateTime<Utc>,
    ) -> Option<Activity> {
        let valid = draft.validate().ok()?;
        let done_at = match (valid.done, existing.and_then(|activity| activity.done_at)) {
            (true, Some(already)) => Some(already),
            (true, None) => Some(now),
            (false, _) => None,
        };
        Some(Activity {
            id: valid.id,
            lead_id: valid.lead_id,
            lead_name: None,
            owner_id: existing.map_or(self.user_id, |activity| activity.owner_id),
            owner_name: existing.map_or_else(
                || self.owner_name.clone(),
                |activity| activity.owner_name.clone(),
            ),
            kind: valid.kind,
            tactic: valid.tactic,
            outcome: valid.outcome,
            occurred_at: valid.occurred_at,
            due_at: valid.due_at,
            done_at,
            duration_minutes: valid.duration_minutes,
            notes: valid.notes,
            created_at: existing.map_or(now, |activity| activity.created_at),
            updated_at: now,
            version: existing.map_or(0, |activity| activity.version),
            deleted: false,
        })
    }

    /// Whether a lead has changes that have not reached the server yet.
    pub fn lead_is_pending(&self, id: LeadId) -> bool {
        self.outbox
            .pending
            .iter()
            .any(|mutation| match &mutation.operation {
                Operation::CreateLead { draft } => draft.id == id,
                Operation::UpdateLead { id: changed, .. }
                | Operation::DeleteLead { id: changed } => *changed == id,
                _ => false,
            })
    }

    /// Whether an activity has changes that have not reached the server yet.
    pub fn activity_is_pending(&self, id: ActivityId) -> bool {
        self.outbox
            .pending
            .iter()
            .any(|mutation| match &mutation.operation {
                Operation::LogActivity { draft } | Operation::UpdateActivity { draft } => {
                    draft.id == id
                }
                Operation::CompleteTask { id: changed, .. }
                | Operation::DeleteActivity { id: changed } => *changed == id,
                _ => false,
            })
    }
}

/// A lead as it will be once the server applies a draft; `None` when the
/// draft is invalid (the server will refuse it and say why).
pub(super) fn lead_from_draft(
    draft: &LeadDraft,
    existing: Option<&Lead>,
    user_id: UserId,
    owner_name: &str,
    now: DateTime<Utc>,
) -> Option<Lead> {
    let valid = draft.validate().ok()?;
    let owner_id = valid
        .owner_id
        .or(existing.map(|lead| lead.owner_id))
        .unwrap_or(user_id);
    let previous = existing.map(|lead| (lead.stage, lead.closed_at));
    Some(Lead {
        event_id: valid.event_id,
        id: valid.id,
        owner_id,
        owner_name: existing.map_or_else(|| owner_name.to_string(), |lead| lead.owner_name.clone()),
        name: valid.name,
        company: valid.company,
        phone: valid.phone,
        email: valid.email,
        source: valid.source,
        stage: valid.stage,
        estimated_value: valid.estimated_value,
        currency: valid.currency,
        customer_kind: valid.customer_kind,
        won_amount: valid.won_amount,
        closed_at: crate::domain::lead::closed_at_after(
            previous,
            valid.stage,
            valid.closed_on,
            now,
        ),
        lost_reason: valid.lost_reason,
        created_at: existing.map_or(now, |lead| lead.created_at),
        updated_at: now,
        version: existing.map_or(0, |lead| lead.version),
        deleted: false,
    })
}
