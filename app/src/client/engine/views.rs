//! What screens read from the sync engine: the person's rows as they see
//! them (pending changes applied), the notices a sync left (rejections,
//! conflicts, possible duplicates, arrived leads) and their dismissal. All
//! reads are tracked, so a screen redraws when a sync or a save changes
//! what it shows; the engine's start, saves and sync loop are in `engine`.

use super::SyncEngine;
use crate::domain::{Activity, Lead, LeadId};
use crate::sync::client::{ClientState, RejectedChange};
use crate::sync::protocol::{ConflictNotice, Operation};
use chrono::{DateTime, Utc};
use leptos::prelude::*;

impl SyncEngine {
    /// The leads as the person sees them (pending changes included); a copy.
    pub fn leads(self) -> Option<Vec<Lead>> {
        self.leads_view.get()
    }

    /// The activities as the person sees them (pending changes included); a copy.
    pub fn activities(self) -> Option<Vec<Activity>> {
        self.activities_view.get()
    }

    /// How far the device has pulled the server's changes (the pull cursor),
    /// tracked: it moves only when the server has something new for the
    /// person (their own pushed changes come back through it too).
    pub fn pulled_up_to(self) -> Option<i64> {
        self.state
            .with(|state| state.as_ref().map(|state| state.cache.cursor))
    }

    /// The goals the person may see, as last synced.
    pub fn goals(self) -> Option<Vec<crate::domain::Goal>> {
        self.state.with(|state| {
            state
                .as_ref()
                .map(|state| state.cache.goals.values().cloned().collect())
        })
    }

    /// The team's compensation plans, as last synced.
    pub fn plans(self) -> Option<Vec<crate::domain::compensation::CompensationPlan>> {
        self.state.with(|state| {
            state
                .as_ref()
                .map(|state| state.cache.plans.values().cloned().collect())
        })
    }

    /// The team's kudos, newest first, as last synced.
    pub fn kudos(self) -> Option<Vec<crate::domain::recognition::Kudos>> {
        self.state.with(|state| {
            state.as_ref().map(|state| {
                let mut kudos: Vec<_> = state.cache.kudos.values().cloned().collect();
                crate::domain::sorting::sort_by_key(&mut kudos, |kudos| {
                    std::cmp::Reverse(kudos.created_at)
                });
                kudos
            })
        })
    }

    /// Kudos given on this device and not yet synced, oldest first.
    pub fn pending_kudos(self) -> Vec<crate::domain::recognition::KudosDraft> {
        self.state.with(|state| {
            state.as_ref().map_or_else(Vec::new, |state| {
                state
                    .outbox
                    .pending
                    .iter()
                    .filter_map(|mutation| match &mutation.operation {
                        Operation::GiveKudos { draft } => Some(draft.clone()),
                        _ => None,
                    })
                    .collect()
            })
        })
    }

    /// This person's work in `period` that is on this device only (the
    /// view minus the synced rows), with how many changes wait; `None`
    /// before the local state is open. Reports add it to the server's
    /// figures, marked as such.
    pub fn unsynced_totals(
        self,
        owner: crate::domain::UserId,
        period: crate::domain::period::Period,
        zone: &crate::domain::time_zone::UtcOffsets,
    ) -> Option<(usize, crate::domain::progress::MetricTotals)> {
        use crate::domain::comparison::unsynced_part;
        use crate::domain::progress::MetricTotals;
        let pending = self.pending_count();
        if pending == 0 {
            return Some((0, MetricTotals::default()));
        }
        let view = self.leads_view.with(|leads| {
            self.activities_view.with(|activities| {
                Some(MetricTotals::from_records(
                    leads.as_deref()?,
                    activities.as_deref()?,
                    owner,
                    period,
                    zone,
                ))
            })
        })?;
        let synced = self.state.with(|state| {
            let state = state.as_ref()?;
            let leads: Vec<Lead> = state.cache.leads.values().cloned().collect();
            let activities: Vec<Activity> = state.cache.activities.values().cloned().collect();
            Some(MetricTotals::from_records(
                &leads,
                &activities,
                owner,
                period,
                zone,
            ))
        })?;
        Some((pending, unsynced_part(&view, &synced)))
    }

    /// How many saved changes wait to be pushed (the sync panel's count).
    pub fn pending_count(self) -> usize {
        self.state
            .with(|state| state.as_ref().map_or(0, ClientState::pending_count))
    }

    /// Whether a lead has changes not yet on the server (marked in lists).
    pub fn lead_is_pending(self, id: LeadId) -> bool {
        self.state.with(|state| {
            state
                .as_ref()
                .is_some_and(|state| state.lead_is_pending(id))
        })
    }

    /// When the last full sync finished (shown in the sync bar).
    pub fn last_synced_at(self) -> Option<DateTime<Utc>> {
        self.last_synced.get()
    }

    /// How many synced rows were dropped to make room (they stay on the server).
    pub fn evicted(self) -> usize {
        self.state
            .with(|state| state.as_ref().map_or(0, |state| state.cache.evicted))
    }

    /// Changes the server refused, with its reason, until dismissed.
    pub fn rejected(self) -> Vec<RejectedChange> {
        self.state.with(|state| {
            state
                .as_ref()
                .map(|state| state.rejected.clone())
                .unwrap_or_default()
        })
    }

    /// Fields where someone else's edit won, until dismissed or restored.
    pub fn conflicts(self) -> Vec<ConflictNotice> {
        self.state.with(|state| {
            state
                .as_ref()
                .map(|state| state.conflicts.clone())
                .unwrap_or_default()
        })
    }

    /// Leads the server thinks may already exist, until dismissed.
    pub fn duplicates(self) -> Vec<crate::sync::protocol::PossibleDuplicate> {
        self.state.with(|state| {
            state
                .as_ref()
                .map(|state| state.duplicates.clone())
                .unwrap_or_default()
        })
    }

    /// Leads that came to the person from elsewhere since they last looked.
    pub fn arrived_leads(self) -> Vec<(LeadId, String)> {
        self.state.with(|state| {
            state
                .as_ref()
                .map(|state| state.arrived_leads.clone())
                .unwrap_or_default()
        })
    }

    /// The person has seen the leads that arrived.
    pub fn dismiss_arrived_leads(self) {
        self.change(ClientState::dismiss_arrived_leads);
    }

    /// The person kept a lead flagged as a possible duplicate.
    pub fn dismiss_duplicate(self, lead_id: LeadId) {
        self.change(|state| state.dismiss_duplicate(lead_id));
    }

    /// The person has read why a change was refused.
    pub fn dismiss_rejection(self, mutation_id: u64) {
        self.change(|state| state.dismiss_rejection(mutation_id));
    }

    /// The person accepts the other edit of a field.
    pub fn dismiss_conflict(self, notice: &ConflictNotice) {
        self.change(|state| state.dismiss_conflict(notice.lead_id, &notice.field, notice.version));
    }
}
