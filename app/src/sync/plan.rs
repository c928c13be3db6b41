//! Pure sync logic shared by the client and the server: a lead's fields as
//! form text, the field-level changes between two versions of a form, and
//! how a set of changes lands on the current value (with conflicts noted).
//! Kept free of I/O so every rule is unit-tested.

use super::protocol::{FieldChange, Mutation, Operation};
use crate::domain::money::amount_for_input;
use crate::domain::{Activity, ActivityDraft, Choice, Lead, LeadDraft};
use serde::{Deserialize, Serialize};

/// The fields of a lead that a person edits, by their draft names.
pub const LEAD_FIELDS: [&str; 14] = [
    "owner_id",
    "name",
    "company",
    "phone",
    "email",
    "source",
    "stage",
    "estimated_value",
    "currency",
    "customer_kind",
    "won_amount",
    "lost_reason",
    "closed_on",
    "event_id",
];

/// A stored lead as the form shows it; the text a `FieldChange` compares.
pub fn lead_as_draft(lead: &Lead) -> LeadDraft {
    LeadDraft {
        id: lead.id,
        owner_id: Some(lead.owner_id),
        name: lead.name.clone(),
        company: lead.company.clone(),
        phone: lead.phone.clone(),
        email: lead.email.clone(),
        source: lead.source.as_str().into(),
        stage: lead.stage.as_str().into(),
        estimated_value: amount_for_input(lead.estimated_value, lead.currency),
        currency: lead.currency.as_str().into(),
        customer_kind: lead.customer_kind.as_str().into(),
        won_amount: lead
            .won_amount
            .map(|amount| amount_for_input(amount, lead.currency))
            .unwrap_or_default(),
        lost_reason: lead.lost_reason.clone(),
        closed_on: lead
            .closed_at
            .filter(|_| lead.stage.is_closed())
            .map(|closed_at| closed_at.date_naive().to_string())
            .unwrap_or_default(),
        event_id: lead.event_id.map(|id| id.to_string()).unwrap_or_default(),
    }
}

/// The fields of lead `survivor` that a merge fills from its duplicate
/// `other`: company, phone, e-mail and event the survivor lacks and the
/// other has.
/// Nothing the survivor already says is replaced.
pub fn fill_from_duplicate(survivor: &Lead, other: &Lead) -> Vec<FieldChange> {
    let (kept, merged) = (lead_as_draft(survivor), lead_as_draft(other));
    ["company", "phone", "email", "event_id"]
        .into_iter()
        .filter_map(|field| {
            let base = draft_field(&kept, field)?;
            let value = draft_field(&merged, field)?;
            (base.trim().is_empty() && !value.trim().is_empty()).then(|| FieldChange {
                field: field.to_string(),
                base,
                value,
            })
        })
        .collect()
}

/// A stored activity as its form shows it, so marking a task done (or any
/// edit made from the cache) starts from exactly what is stored.
pub fn activity_as_draft(activity: &Activity) -> ActivityDraft {
    ActivityDraft {
        id: activity.id,
        lead_id: activity.lead_id,
        kind: activity.kind.as_str().into(),
        tactic: activity.tactic.as_str().into(),
        outcome: activity
            .outcome
            .map(|outcome| outcome.as_str().to_string())
            .unwrap_or_default(),
        notes: activity.notes.clone(),
        when: activity
            .when()
            .map(|when| when.to_rfc3339())
            .unwrap_or_default(),
        duration_minutes: activity
            .duration_minutes
            .map(|minutes| minutes.to_string())
            .unwrap_or_default(),
        done: activity.done_at.is_some(),
    }
}

/// The text of one field of a draft; `None` for an unknown field name.
pub fn draft_field(draft: &LeadDraft, field: &str) -> Option<String> {
    Some(match field {
        "owner_id" => draft.owner_id.map(|id| id.to_string()).unwrap_or_default(),
        "name" => draft.name.clone(),
        "company" => draft.company.clone(),
        "phone" => draft.phone.clone(),
        "email" => draft.email.clone(),
        "source" => draft.source.clone(),
        "stage" => draft.stage.clone(),
        "estimated_value" => draft.estimated_value.clone(),
        "currency" => draft.currency.clone(),
        "customer_kind" => draft.customer_kind.clone(),
        "won_amount" => draft.won_amount.clone(),
        "lost_reason" => draft.lost_reason.clone(),
        "closed_on" => draft.closed_on.clone(),
        "event_id" => draft.event_id.clone(),
        _ => return None,
    })
}

/// Sets one field of a draft from its text; `false` for an unknown field.
pub fn set_draft_field(draft: &mut LeadDraft, field: &str, value: &str) -> bool {
    let value = value.to_string();
    match field {
        "owner_id" => draft.owner_id = value.parse().ok(),
        "name" => draft.name = value,
        "company" => draft.company = value,
        "phone" => draft.phone = value,
        "email" => draft.email = value,
        "source" => draft.source = value,
        "stage" => draft.stage = value,
        "estimated_value" => draft.estimated_value = value,
        "currency" => draft.currency = value,
        "customer_kind" => draft.customer_kind = value,
        "won_amount" => draft.won_amount = value,
        "lost_reason" => draft.lost_reason = value,
        "closed_on" => draft.closed_on = value,
        "event_id" => draft.event_id = value,
        _ => return false,
    }
    true
}

/// The fields a person changed between what they saw and what they saved.
pub fn field_changes(seen: &LeadDraft, saved: &LeadDraft) -> Vec<FieldChange> {
    LEAD_FIELDS
        .iter()
        .filter_map(|field| {
            let base = draft_field(seen, field)?;
            let value = draft_field(saved, field)?;
            (base != value).then(|| FieldChange {
                field: (*field).to_string(),
                base,
                value,
            })
        })
        .collect()
}

/// A field whose value someone else changed after this person saw it: the
/// later change wins, and the overwritten value is kept for a restore.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overwrite {
    pub field: String,
    /// What the field held just before this change (someone else's value).
    pub overwritten: String,
    pub value: String,
}

/// Why a set of changes cannot apply at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChangeProblem {
    UnknownField(String),
    /// One field named twice in one update: its history would hold a value
    /// the lead never had.
    RepeatedField(String),
    /// More changes than a lead has fields: no client of ours sends that.
    TooMany,
}

/// Lands `changes` on the `current` draft: each changed field takes its new
/// value (the later change wins); where the current value is neither the
/// base the person saw nor their new value, the old value is reported as
/// overwritten. Fields not named keep their current value.
pub fn apply_changes(
    current: &LeadDraft,
    changes: &[FieldChange],
) -> Result<(LeadDraft, Vec<Overwrite>), ChangeProblem> {
    if changes.len() > LEAD_FIELDS.len() {
        return Err(ChangeProblem::TooMany);
    }
    let mut next = current.clone();
    let mut overwrites = Vec::new();
    for (position, change) in changes.iter().enumerate() {
        let Some(now) = draft_field(current, &change.field) else {
            return Err(ChangeProblem::UnknownField(change.field.clone()));
        };
        if changes[..position]
            .iter()
            .any(|earlier| earlier.field == change.field)
        {
            return Err(ChangeProblem::RepeatedField(change.field.clone()));
        }
        if now != change.base && now != change.value {
            overwrites.push(Overwrite {
                field: change.field.clone(),
                overwritten: now,
                value: change.value.clone(),
            });
        }
        set_draft_field(&mut next, &change.field, &change.value);
    }
    Ok((next, overwrites))
}

/// The client's queue of mutations not yet acknowledged by the server.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outbox {
    /// The id the next mutation gets (ids start at 1 and never repeat).
    pub next_id: u64,
    pub pending: Vec<Mutation>,
    /// Applied by the server but not yet seen in a pull: still shown on top
    /// of the cache, so a change never blinks out between a push and the
    /// pull that brings its rows (or for as long as that pull fails).
    #[serde(default)]
    pub sent: Vec<Mutation>,
}

impl Outbox {
    pub fn new() -> Self {
        Self {
            next_id: 1,
            pending: Vec::new(),
            sent: Vec::new(),
        }
    }

    /// Queues an operation and returns its mutation id.
    pub fn add(&mut self, operation: Operation) -> u64 {
        let id = self.next_id.max(1);
        self.next_id = id + 1;
        self.pending.push(Mutation { id, operation });
        id
    }

    /// A push answer: mutations up to `last_mutation_id` are done on the
    /// server. Applied ones wait in `sent` until a pull shows their rows;
    /// `refused` ones had no effect and go at once.
    pub fn pushed(&mut self, last_mutation_id: u64, refused: &[u64]) {
        let (done, waiting): (Vec<Mutation>, Vec<Mutation>) = std::mem::take(&mut self.pending)
            .into_iter()
            .partition(|mutation| mutation.id <= last_mutation_id);
        self.pending = waiting;
        self.sent.extend(
            done.into_iter()
                .filter(|mutation| !refused.contains(&mutation.id)),
        );
    }

    /// A pull answer read up to the client's `last_mutation_id`: the rows
    /// it brings include every mutation up to there, which can go.
    pub fn acknowledge(&mut self, last_mutation_id: u64) {
        self.pending
            .retain(|mutation| mutation.id > last_mutation_id);
        self.sent.retain(|mutation| mutation.id > last_mutation_id);
    }

    /// What the views apply on top of the pulled rows, oldest first.
    pub fn unpulled(&self) -> impl Iterator<Item = &Mutation> {
        self.sent.iter().chain(self.pending.iter())
    }

    /// The next batch to push, oldest first.
    pub fn batch(&self, limit: usize) -> &[Mutation] {
        &self.pending[..self.pending.len().min(limit)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{LeadId, UserId};

    fn draft() -> LeadDraft {
        LeadDraft {
            id: LeadId::new(),
            owner_id: Some(UserId::new()),
            name: "Sara".into(),
            company: "Pars Tile".into(),
            stage: "new".into(),
            estimated_value: "1500".into(),
            currency: "USD".into(),
            ..LeadDraft::default()
        }
    }

    #[test]
    fn only_changed_fields_travel() {
        let seen = draft();
        let saved = LeadDraft {
            stage: "qualified".into(),
            phone: "0912".into(),
            ..seen.clone()
        };
        let changes = field_changes(&seen, &saved);
        assert_eq!(
            changes,
            vec![
                FieldChange {
                    field: "phone".into(),
                    base: "".into(),
                    value: "0912".into()
                },
                FieldChange {
                    field: "stage".into(),
                    base: "new".into(),
                    value: "qualified".into()
                },
            ]
        );
        assert!(field_changes(&seen, &seen).is_empty());
    }

    #[test]
    fn two_devices_changing_different_fields_both_win() {
        let base = draft();
        let phone = field_changes(
            &base,
            &LeadDraft {
                phone: "0912".into(),
                ..base.clone()
            },
        );
        let stage = field_changes(
            &base,
            &LeadDraft {
                stage: "won".into(),
                ..base.clone()
            },
        );
        let (after_phone, overwrites) =
            apply_changes(&base, &phone).unwrap_or_else(|_| (base.clone(), vec![]));
        assert!(overwrites.is_empty());
        let (after_both, overwrites) =
            apply_changes(&after_phone, &stage).unwrap_or_else(|_| (base.clone(), vec![]));
        assert!(overwrites.is_empty());
        assert_eq!(
            (after_both.phone.as_str(), after_both.stage.as_str()),
            ("0912", "won")
        );
    }

    #[test]
    fn the_later_change_to_the_same_field_wins_and_the_loser_is_kept() {
        let base = draft();
        let first = field_changes(
            &base,
            &LeadDraft {
                estimated_value: "2000".into(),
                ..base.clone()
            },
        );
        let second = field_changes(
            &base,
            &LeadDraft {
                estimated_value: "2500".into(),
                ..base.clone()
            },
        );
        let (after_first, _) =
            apply_changes(&base, &first).unwrap_or_else(|_| (base.clone(), vec![]));
        let (after_second, overwrites) =
            apply_changes(&after_first, &second).unwrap_or_else(|_| (base.clone(), vec![]));
        assert_eq!(after_second.estimated_value, "2500");
        assert_eq!(
            overwrites,
            vec![Overwrite {
                field: "estimated_value".into(),
                overwritten: "2000".into(),
                value: "2500".into()
            }]
        );
        // Applying the same change twice is harmless: no overwrite is invented.
        let (again, overwrites) =
            apply_changes(&after_second, &second).unwrap_or_else(|_| (base.clone(), vec![]));
        assert_eq!(again, after_second);
        assert!(overwrites.is_empty());
    }

    #[test]
    fn an_unknown_field_is_refused() {
        let change = FieldChange {
            field: "password".into(),
            base: "".into(),
            value: "x".into(),
        };
        assert_eq!(
            apply_changes(&draft(), &[change]),
            Err(ChangeProblem::UnknownField("password".into()))
        );
    }

    #[test]
    fn a_field_named_twice_or_a_flood_of_changes_is_refused() {
        let change = |field: &str, value: &str| FieldChange {
            field: field.into(),
            base: String::new(),
            value: value.into(),
        };
        assert_eq!(
            apply_changes(&draft(), &[change("name", "A"), change("name", "B")]),
            Err(ChangeProblem::RepeatedField("name".into()))
        );
        let flood: Vec<_> = (0..5_000).map(|_| change("company", "X")).collect();
        assert_eq!(apply_changes(&draft(), &flood), Err(ChangeProblem::TooMany));
        // Every field once is fine.
        let every: Vec<_> = LEAD_FIELDS
            .iter()
            .map(|field| change(field, &draft_field(&draft(), field).unwrap_or_default()))
            .collect();
        assert!(apply_changes(&draft(), &every).is_ok());
    }

    #[test]
    fn the_outbox_numbers_mutations_and_forgets_acknowledged_ones() {
        let mut outbox = Outbox::new();
        for _ in 0..3 {
            outbox.add(Operation::DeleteLead { id: LeadId::new() });
        }
        assert_eq!(
            outbox.pending.iter().map(|m| m.id).collect::<Vec<_>>(),
            vec![1, 2, 3]
        );
        outbox.acknowledge(2);
        assert_eq!(
            outbox.pending.iter().map(|m| m.id).collect::<Vec<_>>(),
            vec![3]
        );
        assert_eq!(
            outbox.add(Operation::DeleteLead { id: LeadId::new() }),
            4,
            "ids never repeat"
        );
        assert_eq!(outbox.batch(1).len(), 1);
    }

    #[test]
    fn a_stored_lead_round_trips_through_its_form_text() {
        use crate::domain::{Currency, CustomerKind, LeadSource, LeadStage};
        let now = chrono::Utc::now();
        let lead = Lead {
            event_id: Some(crate::domain::EventId::new()),
            id: LeadId::new(),
            owner_id: UserId::new(),
            owner_name: "Sara Rep".into(),
            name: "Pars Tile".into(),
            company: "".into(),
            phone: "09123456789".into(),
            email: "".into(),
            source: LeadSource::Event,
            stage: LeadStage::Won,
            estimated_value: 125_050,
            currency: Currency::Usd,
            customer_kind: CustomerKind::Existing,
            won_amount: Some(120_000),
            closed_at: Some(now),
            lost_reason: "".into(),
            created_at: now,
            updated_at: now,
            version: 7,
            deleted: false,
        };
        let draft = lead_as_draft(&lead);
        assert_eq!(
            (draft.estimated_value.as_str(), draft.won_amount.as_str()),
            ("1250.50", "1200")
        );
        let valid = draft.validate().expect("a stored lead is valid as a form");
        assert_eq!(
            (
                valid.estimated_value,
                valid.won_amount,
                valid.stage,
                valid.source,
                valid.owner_id,
                valid.event_id
            ),
            (
                lead.estimated_value,
                lead.won_amount,
                lead.stage,
                lead.source,
                Some(lead.owner_id),
                lead.event_id
            )
        );
    }
    #[test]
    fn a_merge_fills_only_what_the_survivor_lacks() {
        let at = chrono::DateTime::UNIX_EPOCH;
        let lead = |company: &str, phone: &str, email: &str| Lead {
            event_id: None,
            id: crate::domain::LeadId::new(),
            owner_id: crate::domain::UserId::new(),
            owner_name: "Sara".into(),
            name: "Reza Karimi".into(),
            company: company.into(),
            phone: phone.into(),
            email: email.into(),
            source: crate::domain::LeadSource::Referral,
            stage: crate::domain::LeadStage::New,
            estimated_value: 100,
            currency: crate::domain::Currency::Usd,
            customer_kind: crate::domain::CustomerKind::New,
            won_amount: None,
            closed_at: None,
            lost_reason: String::new(),
            created_at: at,
            updated_at: at,
            version: 1,
            deleted: false,
        };
        let survivor = lead("", "09121112222", "");
        let mut other = lead("Pars Tile", "09129999999", "reza@example.com");
        let fair = crate::domain::EventId::new();
        other.event_id = Some(fair);
        let changes = fill_from_duplicate(&survivor, &other);
        let filled: Vec<(&str, &str)> = changes
            .iter()
            .map(|change| (change.field.as_str(), change.value.as_str()))
            .collect();
        let fair = fair.to_string();
        assert_eq!(
            filled,
            vec![
                ("company", "Pars Tile"),
                ("email", "reza@example.com"),
                ("event_id", fair.as_str())
            ]
        );
        assert!(changes.iter().all(|change| change.base.is_empty()));
        assert!(
            fill_from_duplicate(&other, &survivor).is_empty(),
            "nothing replaced"
        );
    }
}
