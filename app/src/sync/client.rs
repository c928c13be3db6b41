//! What a browser keeps for sync, as plain data with pure operations: the
//! server's rows as last pulled, the outbox, the pull cursor, and the
//! rejections to show. What the person sees is the server's rows with the
//! pending mutations re-applied on top (`leads_view`), so a save shows at
//! once and a later pull never hides it.
//!
//! The browser engine stores this value (per person) before it reports a
//! save, and runs push and pull; everything it decides is here, tested.

use super::plan::{Outbox, apply_changes, lead_as_draft};
use super::protocol::{Change, ClientId, Operation, PullResponse, PushResponse, RejectedMutation};
use crate::domain::{Activity, ActivityId, Goal, GoalId, Lead, LeadDraft, LeadId, UserId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One person's sync state on one device.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClientState {
    pub client_id: ClientId,
    /// Whose outbox this is: it is only ever pushed as this person.
    pub user_id: UserId,
    pub outbox: Outbox,
    pub leads: BTreeMap<LeadId, Lead>,
    pub activities: BTreeMap<ActivityId, Activity>,
    pub goals: BTreeMap<GoalId, Goal>,
    pub cursor: i64,
    /// Mutations the server refused, with the reason, until the person dismisses them.
    pub rejected: Vec<RejectedMutation>,
    pub last_synced_at: Option<DateTime<Utc>>,
}

impl ClientState {
    pub fn new(user_id: UserId) -> Self {
        Self {
            client_id: ClientId::new(),
            user_id,
            outbox: Outbox::new(),
            leads: BTreeMap::new(),
            activities: BTreeMap::new(),
            goals: BTreeMap::new(),
            cursor: 0,
            rejected: Vec::new(),
            last_synced_at: None,
        }
    }

    /// Queues a change; the caller stores the state before saying "saved".
    pub fn record(&mut self, operation: Operation) -> u64 {
        self.outbox.add(operation)
    }

    pub fn pending_count(&self) -> usize {
        self.outbox.pending.len()
    }

    /// Takes in a push answer: applied mutations leave the outbox, refused
    /// ones are kept to show with their reason.
    pub fn push_answered(&mut self, answer: &PushResponse) {
        self.outbox.acknowledge(answer.last_mutation_id);
        for rejection in &answer.rejected {
            if !self
                .rejected
                .iter()
                .any(|known| known.mutation_id == rejection.mutation_id)
            {
                self.rejected.push(rejection.clone());
            }
        }
    }

    /// Takes in one pull page; a reset replaces the cached rows.
    pub fn pulled(&mut self, page: PullResponse, now: DateTime<Utc>) {
        if page.reset {
            self.leads.clear();
            self.activities.clear();
            self.goals.clear();
        }
        for change in page.changes {
            match change {
                Change::Lead(lead) => {
                    self.leads.insert(lead.id, lead);
                }
                Change::Activity(activity) => {
                    self.activities.insert(activity.id, activity);
                }
                Change::Goal(goal) => {
                    self.goals.insert(goal.id, goal);
                }
            }
        }
        // Rows read with this id already reflect those mutations, even if
        // the push answer never arrived.
        self.outbox.acknowledge(page.last_mutation_id);
        self.cursor = page.cursor;
        if !page.more {
            self.last_synced_at = Some(now);
        }
    }

    /// The leads as the person should see them: the server's rows with the
    /// pending mutations applied in order. Deleted leads are left out.
    pub fn leads_view(&self, owner_name: &str, now: DateTime<Utc>) -> Vec<Lead> {
        let mut leads = self.leads.clone();
        for mutation in &self.outbox.pending {
            match &mutation.operation {
                Operation::CreateLead { draft } => {
                    if let Some(lead) =
                        lead_from_draft(draft, leads.get(&draft.id), self.user_id, owner_name, now)
                    {
                        leads.insert(lead.id, lead);
                    }
                }
                Operation::UpdateLead { id, changes } => {
                    if let Some(current) = leads.get(id)
                        && let Ok((draft, _)) = apply_changes(&lead_as_draft(current), changes)
                        && let Some(lead) =
                            lead_from_draft(&draft, Some(current), self.user_id, owner_name, now)
                    {
                        leads.insert(lead.id, lead);
                    }
                }
                Operation::DeleteLead { id } => {
                    if let Some(lead) = leads.get_mut(id) {
                        lead.deleted = true;
                    }
                }
                _ => {}
            }
        }
        let mut view: Vec<Lead> = leads.into_values().filter(|lead| !lead.deleted).collect();
        view.sort_by(|a, b| b.updated_at.cmp(&a.updated_at).then(a.id.cmp(&b.id)));
        view
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
}

/// A lead as it will be once the server applies a draft; `None` when the
/// draft is invalid (the server will refuse it and say why).
fn lead_from_draft(
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
        closed_at: crate::domain::lead::closed_at_after(previous, valid.stage, now),
        lost_reason: valid.lost_reason,
        created_at: existing.map_or(now, |lead| lead.created_at),
        updated_at: now,
        version: existing.map_or(0, |lead| lead.version),
        deleted: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::AppError;
    use crate::sync::plan::field_changes;

    fn draft(name: &str) -> LeadDraft {
        LeadDraft {
            id: LeadId::new(),
            name: name.into(),
            source: "referral".into(),
            stage: "new".into(),
            estimated_value: "100".into(),
            currency: "USD".into(),
            customer_kind: "new".into(),
            ..LeadDraft::default()
        }
    }

    fn server_lead(state: &ClientState, draft: &LeadDraft, version: i64) -> Lead {
        let mut lead = lead_from_draft(draft, None, state.user_id, "Sara", Utc::now())
            .unwrap_or_else(|| panic!("valid"));
        lead.version = version;
        lead
    }

    fn page(changes: Vec<Change>, cursor: i64, last_mutation_id: u64) -> PullResponse {
        PullResponse {
            reset: false,
            changes,
            cursor,
            last_mutation_id,
            more: false,
        }
    }

    #[test]
    fn a_lead_saved_offline_shows_at_once_and_stays_after_a_pull() {
        let mut state = ClientState::new(UserId::new());
        let new = draft("Offline lead");
        state.record(Operation::CreateLead { draft: new.clone() });
        assert_eq!(
            state
                .leads_view("Sara", Utc::now())
                .iter()
                .map(|l| l.name.as_str())
                .collect::<Vec<_>>(),
            ["Offline lead"]
        );
        assert!(state.lead_is_pending(new.id));
        // A pull that does not yet include it does not hide it.
        state.pulled(page(vec![], 5, 0), Utc::now());
        assert_eq!(state.leads_view("Sara", Utc::now()).len(), 1);
        assert_eq!(state.pending_count(), 1);
    }

    #[test]
    fn the_server_row_replaces_the_pending_one_once_acknowledged() {
        let mut state = ClientState::new(UserId::new());
        let new = draft("Lead");
        state.record(Operation::CreateLead { draft: new.clone() });
        let row = server_lead(&state, &new, 9);
        // The push answer was lost, but the pull says mutation 1 is applied.
        state.pulled(page(vec![Change::Lead(row)], 9, 1), Utc::now());
        assert_eq!(state.pending_count(), 0);
        let view = state.leads_view("Sara", Utc::now());
        assert_eq!((view.len(), view[0].version), (1, 9));
        assert!(state.last_synced_at.is_some());
    }

    #[test]
    fn pending_field_changes_are_re_applied_on_top_of_newer_server_rows() {
        let mut state = ClientState::new(UserId::new());
        let original = draft("Sara");
        state.pulled(
            page(vec![Change::Lead(server_lead(&state, &original, 3))], 3, 0),
            Utc::now(),
        );
        let seen = lead_as_draft(&state.leads[&original.id]);
        let edited = LeadDraft {
            stage: "qualified".into(),
            ..seen.clone()
        };
        state.record(Operation::UpdateLead {
            id: original.id,
            changes: field_changes(&seen, &edited),
        });
        // Meanwhile another device renamed the lead on the server.
        let renamed = server_lead(
            &state,
            &LeadDraft {
                name: "Sara Ahmadi".into(),
                ..original.clone()
            },
            4,
        );
        state.pulled(page(vec![Change::Lead(renamed)], 4, 0), Utc::now());
        let view = state.leads_view("Sara", Utc::now());
        assert_eq!(
            (
                view[0].name.as_str(),
                crate::domain::Choice::as_str(view[0].stage)
            ),
            ("Sara Ahmadi", "qualified")
        );
    }

    #[test]
    fn deletes_hide_a_lead_and_rejections_are_kept_to_show() {
        let mut state = ClientState::new(UserId::new());
        let lead = draft("Gone");
        state.pulled(
            page(vec![Change::Lead(server_lead(&state, &lead, 2))], 2, 0),
            Utc::now(),
        );
        state.record(Operation::DeleteLead { id: lead.id });
        assert!(state.leads_view("Sara", Utc::now()).is_empty());
        let answer = PushResponse {
            last_mutation_id: 1,
            rejected: vec![RejectedMutation {
                mutation_id: 1,
                error: AppError::Forbidden,
            }],
            stopped_at_gap: false,
        };
        state.push_answered(&answer);
        state.push_answered(&answer);
        assert_eq!(state.rejected.len(), 1, "a rejection is listed once");
        assert_eq!(state.pending_count(), 0);
    }

    #[test]
    fn a_reset_replaces_the_cache_but_keeps_the_outbox() {
        let mut state = ClientState::new(UserId::new());
        let old = draft("Old");
        state.pulled(
            page(vec![Change::Lead(server_lead(&state, &old, 2))], 2, 0),
            Utc::now(),
        );
        state.record(Operation::CreateLead {
            draft: draft("Unsent"),
        });
        state.pulled(
            PullResponse {
                reset: true,
                changes: vec![],
                cursor: 0,
                last_mutation_id: 0,
                more: false,
            },
            Utc::now(),
        );
        let names: Vec<String> = state
            .leads_view("Sara", Utc::now())
            .into_iter()
            .map(|lead| lead.name)
            .collect();
        assert_eq!(names, ["Unsent"]);
    }

    #[test]
    fn the_state_survives_storage_as_json() {
        let mut state = ClientState::new(UserId::new());
        state.record(Operation::CreateLead {
            draft: draft("Kept"),
        });
        let json = serde_json::to_string(&state).unwrap_or_default();
        let back: Option<ClientState> = serde_json::from_str(&json).ok();
        assert_eq!(back, Some(state));
    }
}
