//! What a browser keeps for sync, as plain data with pure operations: the
//! server's rows as last pulled, the outbox, the pull cursor, and the
//! rejections to show. What the person sees is the server's rows with the
//! pending mutations re-applied on top (`view.rs`), so a save shows at
//! once and a later pull never hides it.
//!
//! The browser engine stores this value (per person) before it reports a
//! save, and runs push and pull; everything it decides is here, tested.

use super::plan::{Outbox, draft_field, lead_as_draft};
use super::protocol::{
    Change, ClientId, ConflictNotice, FieldChange, Operation, PossibleDuplicate, PullResponse,
    PushResponse,
};
use crate::domain::compensation::CompensationPlan;
use crate::domain::recognition::Kudos;
use crate::domain::sorted_map::SortedMap;
use crate::domain::{Activity, ActivityId, Goal, GoalId, KudosId, Lead, LeadId, PlanId, UserId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

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
    pub leads: SortedMap<LeadId, Lead>,
    pub activities: SortedMap<ActivityId, Activity>,
    pub goals: SortedMap<GoalId, Goal>,
    /// The team's compensation plans (protocol 2).
    #[serde(default)]
    pub plans: SortedMap<PlanId, CompensationPlan>,
    /// The team's kudos feed (protocol 2).
    #[serde(default)]
    pub kudos: SortedMap<KudosId, Kudos>,
    /// The protocol these rows were pulled with. Rows pulled by an older
    /// build lack newer kinds (plans, kudos), so they are pulled afresh.
    #[serde(default)]
    pub protocol_version: u32,
    pub cursor: i64,
    /// The scope stamp the cached rows follow (`PullResponse::scope`).
    #[serde(default)]
    pub scope_version: i64,
    #[serde(default, with = "crate::domain::wire_time::optional_instant")]
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
        // Each kind's rows go into its map in one merge: a page of 500
        // rows is one pass over the map, whatever order they come in.
        let mut leads = Vec::new();
        let mut activities = Vec::new();
        let mut goals = Vec::new();
        let mut plans = Vec::new();
        let mut kudos = Vec::new();
        for change in page.changes {
            match change {
                Change::Lead(lead) => {
                    if noticing
                        && !lead.deleted
                        && lead.owner_id == self.user_id
                        && !self.cache.leads.contains_key(&lead.id)
                        && !self.made_here(lead.id)
                        && self.arrived_leads.len() < MAX_ARRIVED_NOTICES
                        && !self.arrived_leads.iter().any(|(id, _)| *id == lead.id)
                    {
                        self.arrived_leads.push((lead.id, lead.name.clone()));
                    }
                    leads.push((lead.id, (!lead.deleted).then_some(lead)));
                }
                Change::Activity(activity) => {
                    activities.push((activity.id, (!activity.deleted).then_some(activity)));
                }
                Change::Goal(goal) => goals.push((goal.id, (!goal.deleted).then_some(goal))),
                Change::Plan(plan) => plans.push((plan.id, (!plan.deleted).then_some(plan))),
                Change::Kudos(one) => kudos.push((one.id, (!one.deleted).then_some(one))),
            }
        }
        self.cache.leads.apply(leads);
        self.cache.activities.apply(activities);
        self.cache.goals.apply(goals);
        self.cache.plans.apply(plans);
        self.cache.kudos.apply(kudos);
        // Rows read with this id already reflect those mutations, even if
        // the push answer never arrived.
        self.outbox.acknowledge(page.last_mutation_id);
        self.cache.cursor = page.cursor;
        self.cache.scope_version = page.scope;
        if !page.more {
            self.cache.last_synced_at = Some(now);
        }
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
        crate::domain::sorting::sort(&mut candidates);
        let dropped: Vec<(ActivityId, Option<Activity>)> = candidates
            .into_iter()
            .take(how_many)
            .map(|(_, _, id)| (id, None))
            .collect();
        let mut evicted = dropped.len();
        self.cache.activities.apply(dropped);
        if evicted < how_many {
            let mut still_referenced: Vec<LeadId> = self
                .cache
                .activities
                .values()
                .filter_map(|activity| activity.lead_id)
                .collect();
            crate::domain::sorting::sort(&mut still_referenced);
            let mut leads: Vec<(bool, DateTime<Utc>, LeadId)> = self
                .cache
                .leads
                .values()
                .filter(|lead| !self.lead_is_pending(lead.id))
                .map(|lead| {
                    (
                        still_referenced.binary_search(&lead.id).is_ok(),
                        lead.updated_at,
                        lead.id,
                    )
                })
                .collect();
            crate::domain::sorting::sort(&mut leads);
            let dropped: Vec<(LeadId, Option<Lead>)> = leads
                .into_iter()
                .take(how_many - evicted)
                .map(|(_, _, id)| (id, None))
                .collect();
            evicted += dropped.len();
            self.cache.leads.apply(dropped);
        }
        self.cache.evicted += evicted;
        evicted
    }
}

mod view;

#[cfg(test)]
mod tests;
