//! What a browser keeps for sync, as plain data with pure operations: the
//! server's rows as last pulled, the outbox, the pull cursor, and the
//! rejections to show. What the person sees is the server's rows with the
//! pending mutations re-applied on top (`leads_view`), so a save shows at
//! once and a later pull never hides it.
//!
//! The browser engine stores this value (per person) before it reports a
//! save, and runs push and pull; everything it decides is here, tested.

use super::plan::{Outbox, activity_as_draft, apply_changes, draft_field, lead_as_draft};
use super::protocol::{
    Change, ClientId, ConflictNotice, FieldChange, Operation, PossibleDuplicate, PullResponse,
    PushResponse,
};
use crate::domain::compensation::CompensationPlan;
use crate::domain::recognition::Kudos;
use crate::domain::{
    Activity, ActivityDraft, ActivityId, Goal, GoalId, KudosId, Lead, LeadDraft, LeadId, PlanId,
    UserId,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Leads named in the "new leads for you" notice at most (a manager
/// handing over thousands needs no list of them all).
const MAX_ARRIVED_NOTICES: usize = 200;

/// One person's sync state on one device.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClientState {
    pub client_id: ClientId,
    /// Whose outbox this is: it is only ever pushed as this person.
    pub user_id: UserId,
    /// The person's name, so a device can say whose unsynced work it holds.
    #[serde(default)]
    pub owner_name: String,
    pub outbox: Outbox,
    /// Changes the server refused, with the reason and what was typed,
    /// until the person dismisses them.
    pub rejected: Vec<RejectedChange>,
    /// Values of this person's that someone else's later change replaced.
    #[serde(default)]
    pub conflicts: Vec<ConflictNotice>,
    /// The newest conflict version this device has fetched.
    #[serde(default)]
    pub conflict_cursor: i64,
    /// New leads the server found to match a lead the team already has,
    /// until the person dismisses the notice.
    #[serde(default)]
    pub duplicates: Vec<PossibleDuplicate>,
    /// Leads that came to this device as the person's own without being
    /// made here (handed over by a manager, shared from the pool, taken
    /// from it), with their names, until the person has read the notice.
    #[serde(default)]
    pub arrived_leads: Vec<(LeadId, String)>,
    /// The server's rows. Stored under its own key: it is large and can be
    /// rebuilt by a pull, while the small part above must always be written.
    #[serde(skip)]
    pub cache: SyncedCache,
}

/// A change the server refused for good: the reason, and the operation
/// itself so what the person typed is still there to read or redo.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RejectedChange {
    pub mutation_id: u64,
    pub error: crate::error::AppError,
    pub operation: Option<Operation>,
}

/// The server's rows as last pulled, with the cursor they reach.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SyncedCache {
    pub leads: BTreeMap<LeadId, Lead>,
    pub activities: BTreeMap<ActivityId, Activity>,
    pub goals: BTreeMap<GoalId, Goal>,
    /// The team's compensation plans (protocol 2).
    #[serde(default)]
    pub plans: BTreeMap<PlanId, CompensationPlan>,
    /// The team's kudos feed (protocol 2).
    #[serde(default)]
    pub kudos: BTreeMap<KudosId, Kudos>,
    /// The protocol these rows were pulled with. Rows pulled by an older
    /// build lack newer kinds (plans, kudos), so they are pulled afresh.
    #[serde(default)]
    pub protocol_version: u32,
    pub cursor: i64,
    /// The scope stamp the cached rows follow (`PullResponse::scope`).
    #[serde(default)]
    pub scope_version: i64,
    pub last_synced_at: Option<DateTime<Utc>>,
    /// Synced rows dropped to make room in a full storage (they stay on the server).
    pub evicted: usize,
}

impl ClientState {
    pub fn new(user_id: UserId, owner_name: &str) -> Self {
        Self {
            client_id: ClientId::new(),
            user_id,
            owner_name: owner_name.to_string(),
            outbox: Outbox::new(),
            rejected: Vec::new(),
            conflicts: Vec::new(),
            conflict_cursor: 0,
            duplicates: Vec::new(),
            arrived_leads: Vec::new(),
            cache: SyncedCache::default(),
        }
    }

    /// A state for a second tab of the same person: the rows another tab
    /// already pulled (so it opens offline with data) under its own client
    /// id and an empty outbox, so the two never push each other's work.
    pub fn sibling_of(other: &ClientState) -> Self {
        Self {
            client_id: ClientId::new(),
            outbox: Outbox::new(),
            rejected: Vec::new(),
            conflicts: Vec::new(),
            conflict_cursor: 0,
            duplicates: Vec::new(),
            arrived_leads: Vec::new(),
            ..other.clone()
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
        for rejection in &answer.rejected {
            if !self
                .rejected
                .iter()
                .any(|known| known.mutation_id == rejection.mutation_id)
            {
                let operation = self
                    .outbox
                    .pending
                    .iter()
                    .find(|mutation| mutation.id == rejection.mutation_id)
                    .map(|mutation| mutation.operation.clone());
                self.rejected.push(RejectedChange {
                    mutation_id: rejection.mutation_id,
                    error: rejection.error.clone(),
                    operation,
                });
            }
        }
        for duplicate in &answer.possible_duplicates {
            if !self
                .duplicates
                .iter()
                .any(|known| known.lead_id == duplicate.lead_id)
            {
                self.duplicates.push(duplicate.clone());
            }
        }
        let refused: Vec<u64> = answer
            .rejected
            .iter()
            .map(|rejection| rejection.mutation_id)
            .collect();
        self.outbox.pushed(answer.last_mutation_id, &refused);
    }

    /// The person has read a duplicate notice (kept the lead, or merged by hand).
    pub fn dismiss_duplicate(&mut self, lead_id: LeadId) {
        self.duplicates.retain(|notice| notice.lead_id != lead_id);
    }

    /// The person has read a refusal.
    pub fn dismiss_rejection(&mut self, mutation_id: u64) {
        self.rejected
            .retain(|rejection| rejection.mutation_id != mutation_id);
    }

    /// The cursor to pull from: the stored one, or -1 (a fresh snapshot)
    /// when the cache was pulled with an older protocol.
    pub fn pull_cursor(&self) -> i64 {
        if self.cache.protocol_version < super::protocol::PULLED_ROWS_VERSION {
            -1
        } else {
            self.cache.cursor
        }
    }

    /// Takes in one pull page; a reset replaces the cached rows. Deleted
    /// rows leave the cache (the view hides them anyway).
    pub fn pulled(&mut self, page: PullResponse, now: DateTime<Utc>) {
        // A first fill (or a reset) brings everything: nothing in it is news.
        let noticing = !page.reset && self.cache.cursor > 0;
        if page.reset {
            self.cache.leads.clear();
            self.cache.activities.clear();
            self.cache.goals.clear();
            self.cache.plans.clear();
            self.cache.kudos.clear();
            self.cache.protocol_version = super::protocol::PROTOCOL_VERSION;
        }
        for change in page.changes {
            match change {
                Change::Lead(lead) if lead.deleted => {
                    self.cache.leads.remove(&lead.id);
                }
                Change::Lead(lead) => {
                    if noticing
                        && lead.owner_id == self.user_id
                        && !self.cache.leads.contains_key(&lead.id)
                        && !self.made_here(lead.id)
                        && self.arrived_leads.len() < MAX_ARRIVED_NOTICES
                        && !self.arrived_leads.iter().any(|(id, _)| *id == lead.id)
                    {
                        self.arrived_leads.push((lead.id, lead.name.clone()));
                    }
                    self.cache.leads.insert(lead.id, lead);
                }
                Change::Activity(activity) if activity.deleted => {
                    self.cache.activities.remove(&activity.id);
                }
                Change::Activity(activity) => {
                    self.cache.activities.insert(activity.id, activity);
                }
                Change::Goal(goal) if goal.deleted => {
                    self.cache.goals.remove(&goal.id);
                }
                Change::Goal(goal) => {
                    self.cache.goals.insert(goal.id, goal);
                }
                Change::Plan(plan) if plan.deleted => {
                    self.cache.plans.remove(&plan.id);
                }
                Change::Plan(plan) => {
                    self.cache.plans.insert(plan.id, plan);
                }
                Change::Kudos(kudos) if kudos.deleted => {
                    self.cache.kudos.remove(&kudos.id);
                }
                Change::Kudos(kudos) => {
                    self.cache.kudos.insert(kudos.id, kudos);
                }
            }
        }
        // Rows read with this id already reflect those mutations, even if
        // the push answer never arrived.
        self.outbox.acknowledge(page.last_mutation_id);
        self.cache.cursor = page.cursor;
        self.cache.scope_version = page.scope;
        if !page.more {
            self.cache.last_synced_at = Some(now);
        }
    }

    /// The leads as the person should see them: the server's rows with the
    /// pending mutations applied in order, newest change first. Deleted
    /// leads are left out. Only rows a pending mutation touches are copied.
    pub fn leads_view(&self, now: DateTime<Utc>) -> Vec<Lead> {
        let mut changed: BTreeMap<LeadId, Option<Lead>> = BTreeMap::new();
        for mutation in self.outbox.unpulled() {
            let current =
                |id: &LeadId, changed: &BTreeMap<LeadId, Option<Lead>>| match changed.get(id) {
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
        view.sort_by(|a, b| b.updated_at.cmp(&a.updated_at).then(a.id.cmp(&b.id)));
        view
    }

    /// The activities as the person should see them (pending mutations
    /// applied), latest first; `leads` is the leads view, for lead names.
    pub fn activities_view(&self, leads: &[Lead], now: DateTime<Utc>) -> Vec<Activity> {
        let lead_names: BTreeMap<LeadId, &str> = leads
            .iter()
            .map(|lead| (lead.id, lead.name.as_str()))
            .collect();
        let mut changed: BTreeMap<ActivityId, Option<Activity>> = BTreeMap::new();
        for mutation in self.outbox.unpulled() {
            let current =
                |id: &ActivityId, changed: &BTreeMap<ActivityId, Option<Activity>>| match changed
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
                    && let Some(name) = lead_names.get(&lead_id)
                {
                    activity.lead_name = Some((*name).to_string());
                }
                activity
            })
            .collect();
        view.sort_by(|a, b| b.when().cmp(&a.when()).then(a.id.cmp(&b.id)));
        view
    }

    /// An activity as it will be once the server applies a draft; `None`
    /// when the draft is invalid (the server will refuse it and say why).
    fn activity_from_draft(
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

    /// Whether this device created the lead (its create is still queued, or
    /// sent and not yet seen in a pull).
    fn made_here(&self, id: LeadId) -> bool {
        self.outbox
            .pending
            .iter()
            .chain(&self.outbox.sent)
            .any(|mutation| matches!(&mutation.operation, Operation::CreateLead { draft } if draft.id == id))
    }

    /// The person has read the notice of leads that came to them.
    pub fn dismiss_arrived_leads(&mut self) {
        self.arrived_leads.clear();
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

    /// Takes in newly fetched conflict notices (each kept once).
    pub fn conflicts_received(&mut self, notices: Vec<ConflictNotice>) {
        for notice in notices {
            self.conflict_cursor = self.conflict_cursor.max(notice.version);
            if !self.conflicts.iter().any(|known| {
                known.version == notice.version
                    && known.lead_id == notice.lead_id
                    && known.field == notice.field
            }) {
                self.conflicts.push(notice);
            }
        }
    }

    /// The person read a conflict notice and keeps the other value.
    pub fn dismiss_conflict(&mut self, lead_id: LeadId, field: &str, version: i64) {
        self.conflicts.retain(|notice| {
            !(notice.lead_id == lead_id && notice.field == field && notice.version == version)
        });
    }

    /// Puts the person's overwritten value back, as an ordinary field change
    /// queued in the outbox; `None` if the lead is gone or the field unknown.
    pub fn restore_conflict(
        &mut self,
        lead_id: LeadId,
        field: &str,
        version: i64,
        now: DateTime<Utc>,
    ) -> Option<u64> {
        let notice = self
            .conflicts
            .iter()
            .find(|notice| {
                notice.lead_id == lead_id && notice.field == field && notice.version == version
            })?
            .clone();
        let lead = self
            .leads_view(now)
            .into_iter()
            .find(|lead| lead.id == lead_id)?;
        let shown = draft_field(&lead_as_draft(&lead), field)?;
        // The notice can come before the overwriting change itself has
        // reached this device: the change then replaces what the server
        // has (their value), not the older value still shown, which the
        // server would take as a second conflict and pass to the other
        // person as their value lost.
        let base = if lead.version < notice.version {
            notice.their_value.clone()
        } else {
            shown
        };
        self.dismiss_conflict(lead_id, field, version);
        Some(self.record(Operation::UpdateLead {
            id: lead_id,
            changes: vec![FieldChange {
                field: field.to_string(),
                base,
                value: notice.your_value,
            }],
        }))
    }

    /// Frees room in a full storage by dropping up to `how_many` synced rows
    /// the outbox does not touch: done and past activities first (oldest
    /// first), then leads with nothing pending. The outbox is never touched.
    /// Returns how many rows went.
    pub fn evict_synced(&mut self, how_many: usize) -> usize {
        let mut candidates: Vec<(bool, DateTime<Utc>, ActivityId)> = self
            .cache
            .activities
            .values()
            .filter(|activity| !self.activity_is_pending(activity.id))
            .map(|activity| {
                let open_task = activity.due_at.is_some() && activity.done_at.is_none();
                (open_task, activity.updated_at, activity.id)
            })
            .collect();
        candidates.sort();
        let mut evicted = 0;
        for (_, _, id) in candidates.into_iter().take(how_many) {
            self.cache.activities.remove(&id);
            evicted += 1;
        }
        if evicted < how_many {
            let still_referenced: std::collections::BTreeSet<LeadId> = self
                .cache
                .activities
                .values()
                .filter_map(|activity| activity.lead_id)
                .collect();
            let mut leads: Vec<(bool, DateTime<Utc>, LeadId)> = self
                .cache
                .leads
                .values()
                .filter(|lead| !self.lead_is_pending(lead.id))
                .map(|lead| {
                    (
                        still_referenced.contains(&lead.id),
                        lead.updated_at,
                        lead.id,
                    )
                })
                .collect();
            leads.sort();
            for (_, _, id) in leads.into_iter().take(how_many - evicted) {
                self.cache.leads.remove(&id);
                evicted += 1;
            }
        }
        self.cache.evicted += evicted;
        evicted
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
            scope: 0,
        }
    }

    #[test]
    fn only_a_cache_pulled_before_the_last_new_row_kinds_is_pulled_again() {
        let mut state = ClientState::new(UserId::new(), "Sara");
        state.cache.cursor = 50;
        state.cache.protocol_version = 1;
        assert_eq!(
            state.pull_cursor(),
            -1,
            "protocol 1 caches lack plans and kudos"
        );
        state.cache.protocol_version = 3;
        assert_eq!(
            state.pull_cursor(),
            -1,
            "protocol 3 caches lack the events their leads name"
        );
        state.cache.protocol_version = 4;
        assert_eq!(state.pull_cursor(), 50);
    }

    #[test]
    fn a_lead_saved_offline_shows_at_once_and_stays_after_a_pull() {
        let mut state = ClientState::new(UserId::new(), "Sara");
        let new = draft("Offline lead");
        state.record(Operation::CreateLead { draft: new.clone() });
        assert_eq!(
            state
                .leads_view(Utc::now())
                .iter()
                .map(|l| l.name.as_str())
                .collect::<Vec<_>>(),
            ["Offline lead"]
        );
        assert!(state.lead_is_pending(new.id));
        // A pull that does not yet include it does not hide it.
        state.pulled(page(vec![], 5, 0), Utc::now());
        assert_eq!(state.leads_view(Utc::now()).len(), 1);
        assert_eq!(state.pending_count(), 1);
    }

    #[test]
    fn a_pushed_change_stays_in_view_until_a_pull_brings_its_row() {
        let mut state = ClientState::new(UserId::new(), "Sara");
        let kept = draft("Pushed, not pulled");
        let refused = draft("Refused");
        state.record(Operation::CreateLead {
            draft: kept.clone(),
        });
        state.record(Operation::CreateLead {
            draft: refused.clone(),
        });
        state.push_answered(&PushResponse {
            last_mutation_id: 2,
            rejected: vec![crate::sync::protocol::RejectedMutation {
                mutation_id: 2,
                error: AppError::Forbidden,
            }],
            stopped_at_gap: false,
            possible_duplicates: vec![],
        });
        // Nothing waits to be sent, yet the applied lead is still shown (the
        // pull after the push may fail: the device went offline); the
        // refused one had no effect anywhere and is gone.
        assert_eq!(state.pending_count(), 0);
        assert!(!state.lead_is_pending(kept.id));
        let names = |state: &ClientState| {
            state
                .leads_view(Utc::now())
                .into_iter()
                .map(|lead| lead.name)
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&state), ["Pushed, not pulled"]);
        // It survives a reload.
        let stored: ClientState =
            serde_json::from_str(&serde_json::to_string(&state).unwrap_or_default())
                .unwrap_or_else(|_| ClientState::new(UserId::new(), ""));
        assert_eq!(stored.outbox.sent.len(), 1);
        // The pull that covers mutation 2 brings the row and ends the wait.
        let row = server_lead(&state, &kept, 7);
        state.pulled(page(vec![Change::Lead(row)], 7, 2), Utc::now());
        assert!(state.outbox.sent.is_empty());
        assert_eq!(names(&state), ["Pushed, not pulled"]);
    }

    #[test]
    fn the_server_row_replaces_the_pending_one_once_acknowledged() {
        let mut state = ClientState::new(UserId::new(), "Sara");
        let new = draft("Lead");
        state.record(Operation::CreateLead { draft: new.clone() });
        let row = server_lead(&state, &new, 9);
        // The push answer was lost, but the pull says mutation 1 is applied.
        state.pulled(page(vec![Change::Lead(row)], 9, 1), Utc::now());
        assert_eq!(state.pending_count(), 0);
        let view = state.leads_view(Utc::now());
        assert_eq!((view.len(), view[0].version), (1, 9));
        assert!(state.cache.last_synced_at.is_some());
    }

    #[test]
    fn pending_field_changes_are_re_applied_on_top_of_newer_server_rows() {
        let mut state = ClientState::new(UserId::new(), "Sara");
        let original = draft("Sara");
        state.pulled(
            page(vec![Change::Lead(server_lead(&state, &original, 3))], 3, 0),
            Utc::now(),
        );
        let seen = lead_as_draft(&state.cache.leads[&original.id]);
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
        let view = state.leads_view(Utc::now());
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
        let mut state = ClientState::new(UserId::new(), "Sara");
        let lead = draft("Gone");
        state.pulled(
            page(vec![Change::Lead(server_lead(&state, &lead, 2))], 2, 0),
            Utc::now(),
        );
        state.record(Operation::DeleteLead { id: lead.id });
        assert!(state.leads_view(Utc::now()).is_empty());
        let answer = PushResponse {
            last_mutation_id: 1,
            rejected: vec![crate::sync::protocol::RejectedMutation {
                mutation_id: 1,
                error: AppError::Forbidden,
            }],
            stopped_at_gap: false,
            possible_duplicates: vec![],
        };
        state.push_answered(&answer);
        state.push_answered(&answer);
        assert_eq!(state.rejected.len(), 1, "a rejection is listed once");
        assert_eq!(
            state.rejected[0].operation,
            Some(Operation::DeleteLead { id: lead.id }),
            "what was refused is kept to show"
        );
        assert_eq!(state.pending_count(), 0);
    }

    #[test]
    fn a_duplicate_notice_is_kept_once_until_dismissed() {
        let mut state = ClientState::new(UserId::new(), "Sara");
        let lead = draft("Maybe twice");
        state.record(Operation::CreateLead {
            draft: lead.clone(),
        });
        let notice = PossibleDuplicate {
            lead_id: lead.id,
            lead_name: lead.name.clone(),
            existing_lead_id: LeadId::new(),
            existing_lead_name: "Already here".into(),
            existing_owner_name: "Reza".into(),
            matched_on: "phone".into(),
        };
        let answer = PushResponse {
            last_mutation_id: 1,
            rejected: vec![],
            stopped_at_gap: false,
            possible_duplicates: vec![notice.clone()],
        };
        state.push_answered(&answer);
        state.push_answered(&answer);
        assert_eq!(state.duplicates, vec![notice]);
        assert_eq!(state.pending_count(), 0, "the lead itself was applied");
        // It survives a reload (stored with the outbox) and goes when read.
        let stored: ClientState =
            serde_json::from_str(&serde_json::to_string(&state).unwrap_or_default())
                .unwrap_or_else(|_| ClientState::new(UserId::new(), ""));
        assert_eq!(stored.duplicates.len(), 1);
        state.dismiss_duplicate(lead.id);
        assert!(state.duplicates.is_empty());
    }

    #[test]
    fn leads_that_come_to_the_person_from_elsewhere_are_noticed_once_until_read() {
        let mut state = ClientState::new(UserId::new(), "Sara");
        // The first fill is not news.
        let old = draft("Had it already");
        state.pulled(
            page(vec![Change::Lead(server_lead(&state, &old, 2))], 2, 0),
            Utc::now(),
        );
        assert!(state.arrived_leads.is_empty());
        // Made here and pushed: not news when its row comes back.
        let mine = draft("Typed here");
        state.record(Operation::CreateLead {
            draft: mine.clone(),
        });
        state.push_answered(&PushResponse {
            last_mutation_id: 1,
            rejected: vec![],
            stopped_at_gap: false,
            possible_duplicates: vec![],
        });
        let given = draft("Handed over");
        let mut teammates = server_lead(&state, &draft("A teammate's"), 6);
        teammates.owner_id = UserId::new();
        let changed_old = server_lead(&state, &old, 7);
        state.pulled(
            page(
                vec![
                    Change::Lead(server_lead(&state, &mine, 4)),
                    Change::Lead(server_lead(&state, &given, 5)),
                    Change::Lead(teammates),
                    Change::Lead(changed_old),
                ],
                7,
                1,
            ),
            Utc::now(),
        );
        assert_eq!(
            state.arrived_leads,
            vec![(given.id, "Handed over".to_string())]
        );
        // Pulled again (a second page, another sync): still once.
        state.pulled(
            page(vec![Change::Lead(server_lead(&state, &given, 8))], 8, 1),
            Utc::now(),
        );
        assert_eq!(state.arrived_leads.len(), 1);
        // Kept through a reload, gone once read.
        let stored: ClientState =
            serde_json::from_str(&serde_json::to_string(&state).unwrap_or_default())
                .unwrap_or_else(|_| ClientState::new(UserId::new(), ""));
        assert_eq!(stored.arrived_leads.len(), 1);
        state.dismiss_arrived_leads();
        assert!(state.arrived_leads.is_empty());
    }

    #[test]
    fn a_reset_replaces_the_cache_but_keeps_the_outbox() {
        let mut state = ClientState::new(UserId::new(), "Sara");
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
                scope: 0,
            },
            Utc::now(),
        );
        let names: Vec<String> = state
            .leads_view(Utc::now())
            .into_iter()
            .map(|lead| lead.name)
            .collect();
        assert_eq!(names, ["Unsent"]);
    }

    #[test]
    fn the_state_survives_storage_as_json() {
        let mut state = ClientState::new(UserId::new(), "Sara");
        state.record(Operation::CreateLead {
            draft: draft("Kept"),
        });
        let json = serde_json::to_string(&state).unwrap_or_default();
        let back: Option<ClientState> = serde_json::from_str(&json).ok();
        assert_eq!(back, Some(state));
    }

    fn call_draft(lead_id: Option<LeadId>, when: &str) -> ActivityDraft {
        ActivityDraft {
            id: ActivityId::new(),
            lead_id,
            kind: "task".into(),
            tactic: "cold_call".into(),
            when: when.into(),
            ..ActivityDraft::default()
        }
    }

    #[test]
    fn activities_logged_offline_show_with_their_lead_and_a_completed_task_is_done() {
        let mut state = ClientState::new(UserId::new(), "Sara");
        let lead = draft("Pars Tile");
        state.record(Operation::CreateLead {
            draft: lead.clone(),
        });
        let task = call_draft(Some(lead.id), "2026-11-20T09:30:00Z");
        let call = ActivityDraft {
            kind: "call".into(),
            ..call_draft(Some(lead.id), "2026-11-21T09:30:00Z")
        };
        state.record(Operation::LogActivity {
            draft: task.clone(),
        });
        state.record(Operation::LogActivity {
            draft: call.clone(),
        });
        state.record(Operation::CompleteTask {
            id: task.id,
            done: true,
        });
        let now = Utc::now();
        let view = state.activities_view(&state.leads_view(now), now);
        assert_eq!(
            view.iter().map(|activity| activity.id).collect::<Vec<_>>(),
            [call.id, task.id],
            "latest first"
        );
        assert!(
            view.iter()
                .all(|activity| activity.lead_name.as_deref() == Some("Pars Tile"))
        );
        assert_eq!(view[1].done_at, Some(now), "the task shows as done at once");
        assert!(state.activity_is_pending(task.id));
        state.record(Operation::DeleteActivity { id: call.id });
        assert_eq!(state.activities_view(&[], now).len(), 1);
    }

    #[test]
    fn an_invalid_offline_change_is_kept_in_the_outbox_but_not_shown() {
        let mut state = ClientState::new(UserId::new(), "Sara");
        let broken = LeadDraft {
            name: String::new(),
            ..draft("x")
        };
        state.record(Operation::CreateLead { draft: broken });
        assert!(state.leads_view(Utc::now()).is_empty());
        assert_eq!(state.pending_count(), 1, "the server decides and says why");
    }

    #[test]
    fn a_conflict_restored_before_its_change_arrived_is_based_on_the_servers_value() {
        let mut state = ClientState::new(UserId::new(), "Parisa");
        let lead = draft("Contested Co");
        // The device has the lead as it was before the other person's change.
        state.pulled(
            page(vec![Change::Lead(server_lead(&state, &lead, 2))], 2, 0),
            Utc::now(),
        );
        state.conflicts_received(vec![ConflictNotice {
            version: 3,
            lead_id: lead.id,
            lead_name: "Contested Co".into(),
            field: "estimated_value".into(),
            your_value: "2500".into(),
            their_value: "2000".into(),
            changed_by_name: "Sara".into(),
            at: Utc::now(),
        }]);
        assert_eq!(
            state.restore_conflict(lead.id, "estimated_value", 3, Utc::now()),
            Some(1)
        );
        let Operation::UpdateLead { changes, .. } = &state.outbox.pending[0].operation else {
            panic!("a lead update is queued");
        };
        assert_eq!(
            changes[0].base, "2000",
            "what the server has, not the stale value shown"
        );
        assert_eq!(changes[0].value, "2500");
    }

    #[test]
    fn a_conflict_can_be_restored_with_one_change_based_on_the_current_value() {
        let mut state = ClientState::new(UserId::new(), "Sara");
        let lead = draft("Pars Tile");
        state.pulled(
            page(vec![Change::Lead(server_lead(&state, &lead, 3))], 3, 0),
            Utc::now(),
        );
        let notice = ConflictNotice {
            version: 3,
            lead_id: lead.id,
            lead_name: "Pars Tile".into(),
            field: "estimated_value".into(),
            your_value: "2000".into(),
            their_value: "100".into(),
            changed_by_name: "Reza".into(),
            at: Utc::now(),
        };
        state.conflicts_received(vec![notice.clone(), notice.clone()]);
        assert_eq!((state.conflicts.len(), state.conflict_cursor), (1, 3));
        let restored = state.restore_conflict(lead.id, "estimated_value", 3, Utc::now());
        assert_eq!(restored, Some(1));
        assert!(state.conflicts.is_empty());
        assert_eq!(
            state.outbox.pending[0].operation,
            Operation::UpdateLead {
                id: lead.id,
                changes: vec![FieldChange {
                    field: "estimated_value".into(),
                    base: "100".into(),
                    value: "2000".into(),
                }],
            }
        );
        assert_eq!(
            state.leads_view(Utc::now())[0].estimated_value,
            200_000,
            "the restored value shows at once (minor units)"
        );
        // Dismissing instead keeps theirs and queues nothing.
        state.conflicts_received(vec![ConflictNotice {
            version: 4,
            ..notice
        }]);
        state.dismiss_conflict(lead.id, "estimated_value", 4);
        assert!(state.conflicts.is_empty());
        assert_eq!(state.pending_count(), 1);
    }

    #[test]
    fn eviction_drops_old_synced_rows_first_and_never_the_outbox() {
        let mut state = ClientState::new(UserId::new(), "Sara");
        let kept_lead = draft("Has a pending edit");
        let old_lead = draft("Old and synced");
        let mut rows = vec![
            Change::Lead(server_lead(&state, &kept_lead, 1)),
            Change::Lead(server_lead(&state, &old_lead, 2)),
        ];
        let open_task = call_draft(None, "2026-12-01T09:00:00Z");
        let done_call = ActivityDraft {
            kind: "call".into(),
            ..call_draft(None, "2026-11-01T09:00:00Z")
        };
        for (version, activity) in [(3, &open_task), (4, &done_call)] {
            let row = state
                .activity_from_draft(activity, None, Utc::now())
                .map(|mut row| {
                    row.version = version;
                    row
                });
            rows.extend(row.map(Change::Activity));
        }
        state.pulled(page(rows, 4, 0), Utc::now());
        let seen = lead_as_draft(&state.cache.leads[&kept_lead.id]);
        state.record(Operation::UpdateLead {
            id: kept_lead.id,
            changes: field_changes(
                &seen,
                &LeadDraft {
                    stage: "won".into(),
                    won_amount: "90".into(),
                    ..seen.clone()
                },
            ),
        });
        assert_eq!(state.evict_synced(1), 1);
        assert!(
            state.cache.activities.contains_key(&open_task.id),
            "the finished call goes before the open task"
        );
        assert_eq!(
            state.evict_synced(10),
            2,
            "the open task, then the old lead"
        );
        assert_eq!(
            state.cache.leads.keys().collect::<Vec<_>>(),
            [&kept_lead.id],
            "a lead with a pending change stays"
        );
        assert_eq!((state.pending_count(), state.cache.evicted), (1, 3));
    }

    #[test]
    fn a_second_tab_starts_with_the_rows_but_its_own_client_id_and_outbox() {
        let mut first = ClientState::new(UserId::new(), "Sara");
        let lead = draft("Seen");
        first.pulled(
            page(vec![Change::Lead(server_lead(&first, &lead, 5))], 5, 0),
            Utc::now(),
        );
        first.record(Operation::DeleteLead { id: lead.id });
        let second = ClientState::sibling_of(&first);
        assert_ne!(second.client_id, first.client_id);
        assert_eq!(second.pending_count(), 0);
        assert_eq!((second.cache.cursor, second.cache.leads.len()), (5, 1));
    }

    #[test]
    fn tombstones_leave_the_cache() {
        let mut state = ClientState::new(UserId::new(), "Sara");
        let lead = draft("Gone soon");
        state.pulled(
            page(vec![Change::Lead(server_lead(&state, &lead, 1))], 1, 0),
            Utc::now(),
        );
        let mut tombstone = server_lead(&state, &lead, 2);
        tombstone.deleted = true;
        state.pulled(page(vec![Change::Lead(tombstone)], 2, 0), Utc::now());
        assert!(state.cache.leads.is_empty());
    }
}
