//! What applying a push will do, decided before anything is written: a
//! pure function of the mutations, the last one the device had applied and
//! which leads the push updates that were read at its start (issue 16; as
//! Atuin separates deciding its operations from carrying them out).
//! `push.rs` carries the steps out in one transaction; the order rules are
//! unit-tested here without a database.
//!
//! The rules, so that batching never changes an outcome:
//! - mutations already applied are skipped; a gap stops the push;
//! - new activities wait and go in together, and field updates of leads
//!   read at the start are checked at once and written together, as long
//!   as nothing that could change what their checks read comes between
//!   (anything else sends what waits first);
//! - a run of two or more new leads of the person's own goes in as one
//!   insert;
//! - everything else is applied alone, with all its checks.

use super::super::checked::{self, NewLead};
use crate::domain::LeadId;
use crate::domain::access::Actor;
use crate::sync::protocol::{Mutation, Operation};
use chrono::{DateTime, Utc};
use std::collections::HashSet;

/// One step of carrying out a push. Indices are into the pushed mutations.
pub(crate) enum Step {
    /// A new activity that waits for the next `SendHeld`.
    HoldActivity(usize),
    /// A field update of a lead read at the start: checked now, written
    /// with the next `SendHeld`.
    HoldLeadUpdate(usize),
    /// Writes what waits: the held lead updates, then the held activities.
    SendHeld,
    /// New leads of the person's own, from mutation `first` on, in one
    /// insert; any whose id turns out to exist get the full checks.
    InsertNewLeads { first: usize, leads: Vec<NewLead> },
    /// One mutation with all its checks.
    Apply(usize),
}

/// The steps, and where the push ends.
pub(crate) struct PushPlan {
    pub steps: Vec<Step>,
    /// The device's last applied mutation id once the steps are done.
    pub last_applied: u64,
    /// The push stopped at a missing mutation id.
    pub stopped_at_gap: bool,
}

/// The leading mutations (numbered on from the first) that create new
/// leads of the actor's own with valid drafts and distinct ids.
fn new_lead_run(mutations: &[Mutation], actor: &Actor, now: DateTime<Utc>) -> Vec<NewLead> {
    let mut run: Vec<NewLead> = Vec::new();
    let mut ids = HashSet::new();
    let mut expected = None;
    for mutation in mutations {
        if expected.is_some_and(|expected| mutation.id != expected) {
            break;
        }
        let Operation::CreateLead { draft } = &mutation.operation else {
            break;
        };
        let Some(new_lead) = checked::own_new_lead(actor, draft, now) else {
            break;
        };
        if !ids.insert(new_lead.lead.id) {
            break;
        }
        expected = Some(mutation.id + 1);
        run.push(new_lead);
    }
    run
}

/// Plans a push. `already_applied` is the device's last applied mutation
/// id; `read_at_start` the leads the push updates that exist (read in one
/// query before the steps run).
pub(crate) fn plan_push(
    mutations: &[Mutation],
    already_applied: u64,
    read_at_start: &HashSet<LeadId>,
    actor: &Actor,
    now: DateTime<Utc>,
) -> PushPlan {
    let mut steps = Vec::new();
    let mut last = already_applied;
    let mut stopped_at_gap = false;
    // Leads read at the start that nothing in the push has written yet:
    // any write of a lead (create, update, delete) takes it out, so no
    // check is ever made on a stale copy.
    let mut fresh = read_at_start.clone();
    let mut holding = false;
    let mut index = 0;
    while let Some(mutation) = mutations.get(index) {
        if mutation.id <= last {
            index += 1;
            continue;
        }
        if mutation.id != last + 1 {
            stopped_at_gap = true;
            break;
        }
        match &mutation.operation {
            Operation::LogActivity { .. } => {
                steps.push(Step::HoldActivity(index));
                holding = true;
                last = mutation.id;
                index += 1;
                continue;
            }
            Operation::UpdateLead { id, changes }
                if fresh.contains(id)
                    && !changes.iter().any(|change| change.field == "owner_id") =>
            {
                fresh.remove(id);
                steps.push(Step::HoldLeadUpdate(index));
                holding = true;
                last = mutation.id;
                index += 1;
                continue;
            }
            _ => {}
        }
        if holding {
            steps.push(Step::SendHeld);
            holding = false;
        }
        let run = new_lead_run(&mutations[index..], actor, now);
        if run.len() >= 2 {
            for new_lead in &run {
                fresh.remove(&new_lead.lead.id);
            }
            let count = run.len();
            steps.push(Step::InsertNewLeads {
                first: index,
                leads: run,
            });
            last = mutations[index + count - 1].id;
            index += count;
            continue;
        }
        match &mutation.operation {
            Operation::CreateLead { draft } => {
                fresh.remove(&draft.id);
            }
            Operation::UpdateLead { id, .. } | Operation::DeleteLead { id } => {
                fresh.remove(id);
            }
            _ => {}
        }
        steps.push(Step::Apply(index));
        last = mutation.id;
        index += 1;
    }
    if holding {
        steps.push(Step::SendHeld);
    }
    PushPlan {
        steps,
        last_applied: last,
        stopped_at_gap,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ActivityDraft, ActivityId, LeadDraft, Role, UserId};
    use crate::sync::protocol::FieldChange;

    fn rep() -> Actor {
        Actor {
            user_id: UserId::new(),
            role: Role::Rep,
            team_id: None,
        }
    }

    fn create(id: u64, lead: LeadId) -> Mutation {
        Mutation {
            id,
            operation: Operation::CreateLead {
                draft: LeadDraft {
                    id: lead,
                    name: format!("Lead {id}"),
                    source: "referral".into(),
                    stage: "new".into(),
                    estimated_value: "100".into(),
                    currency: "USD".into(),
                    customer_kind: "new".into(),
                    ..LeadDraft::default()
                },
            },
        }
    }

    fn call(id: u64, lead: LeadId) -> Mutation {
        Mutation {
            id,
            operation: Operation::LogActivity {
                draft: ActivityDraft {
                    id: ActivityId::new(),
                    lead_id: Some(lead),
                    kind: "call".into(),
                    tactic: "cold_call".into(),
                    outcome: "reached".into(),
                    when: "2026-11-20T09:30".into(),
                    ..ActivityDraft::default()
                },
            },
        }
    }

    fn update(id: u64, lead: LeadId, field: &str) -> Mutation {
        Mutation {
            id,
            operation: Operation::UpdateLead {
                id: lead,
                changes: vec![FieldChange {
                    field: field.into(),
                    base: String::new(),
                    value: "x".into(),
                }],
            },
        }
    }

    /// The steps as short words, to compare whole plans.
    fn words(plan: &PushPlan) -> Vec<String> {
        plan.steps
            .iter()
            .map(|step| match step {
                Step::HoldActivity(index) => format!("hold-activity {index}"),
                Step::HoldLeadUpdate(index) => format!("hold-update {index}"),
                Step::SendHeld => "send".into(),
                Step::InsertNewLeads { first, leads } => format!("insert {first}+{}", leads.len()),
                Step::Apply(index) => format!("apply {index}"),
            })
            .collect()
    }

    #[test]
    fn applied_mutations_are_skipped_and_a_gap_stops_the_push() {
        let actor = rep();
        let lead = LeadId::new();
        let mutations = [
            create(1, lead),
            update(2, lead, "name"),
            update(3, lead, "name"),
            update(5, lead, "name"),
        ];
        let plan = plan_push(&mutations, 2, &HashSet::new(), &actor, Utc::now());
        assert_eq!(words(&plan), ["apply 2"]);
        assert_eq!((plan.last_applied, plan.stopped_at_gap), (3, true));
    }

    #[test]
    fn a_run_of_new_leads_is_one_insert_and_a_single_one_is_applied_alone() {
        let actor = rep();
        let (a, b, c) = (LeadId::new(), LeadId::new(), LeadId::new());
        let mutations = [create(1, a), create(2, b), call(3, b), create(4, c)];
        let plan = plan_push(&mutations, 0, &HashSet::new(), &actor, Utc::now());
        assert_eq!(
            words(&plan),
            ["insert 0+2", "hold-activity 2", "send", "apply 3"]
        );
        assert_eq!((plan.last_applied, plan.stopped_at_gap), (4, false));
    }

    #[test]
    fn a_repeated_id_ends_the_run_so_the_second_create_gets_the_full_checks() {
        let actor = rep();
        let (a, b) = (LeadId::new(), LeadId::new());
        let mutations = [create(1, a), create(2, b), create(3, a)];
        let plan = plan_push(&mutations, 0, &HashSet::new(), &actor, Utc::now());
        assert_eq!(words(&plan), ["insert 0+2", "apply 2"]);
    }

    #[test]
    fn updates_of_leads_read_at_the_start_wait_with_activities_until_something_else_comes() {
        let actor = rep();
        let (read, unknown) = (LeadId::new(), LeadId::new());
        let read_at_start = HashSet::from([read]);
        let mutations = [
            call(1, read),
            update(2, read, "stage"),
            call(3, read),
            // The same lead again: the copy read at the start is stale now.
            update(4, read, "name"),
            update(5, unknown, "name"),
        ];
        let plan = plan_push(&mutations, 0, &read_at_start, &actor, Utc::now());
        assert_eq!(
            words(&plan),
            [
                "hold-activity 0",
                "hold-update 1",
                "hold-activity 2",
                "send",
                "apply 3",
                "apply 4"
            ]
        );
    }

    #[test]
    fn a_change_of_owner_and_a_deleted_lead_are_never_held() {
        let actor = rep();
        let (moved, deleted) = (LeadId::new(), LeadId::new());
        let read_at_start = HashSet::from([moved, deleted]);
        let mutations = [
            update(1, moved, "owner_id"),
            Mutation {
                id: 2,
                operation: Operation::DeleteLead { id: deleted },
            },
            update(3, deleted, "name"),
        ];
        let plan = plan_push(&mutations, 0, &read_at_start, &actor, Utc::now());
        assert_eq!(words(&plan), ["apply 0", "apply 1", "apply 2"]);
    }

    #[test]
    fn a_new_lead_of_someone_else_is_not_batched() {
        let actor = rep();
        let mut other = create(1, LeadId::new());
        if let Operation::CreateLead { draft } = &mut other.operation {
            draft.owner_id = Some(UserId::new());
        }
        let mutations = [other, create(2, LeadId::new()), create(3, LeadId::new())];
        let plan = plan_push(&mutations, 0, &HashSet::new(), &actor, Utc::now());
        assert_eq!(words(&plan), ["apply 0", "insert 1+2"]);
    }
}
