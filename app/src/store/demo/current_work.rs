//! The reps' current pipeline: two dozen leads at every stage, each with a
//! few calls, meetings, e-mails, tasks or notes from the last four months.

use super::{Dice, PEOPLE};
use crate::domain::activity::ValidActivity;
use crate::domain::lead::ValidLead;
use crate::domain::{
    ActivityId, ActivityKind, Currency, CustomerKind, LeadId, LeadSource, LeadStage, Outcome,
    Tactic, UserId,
};
use crate::store::{Store, StoreResult};
use chrono::{DateTime, Duration, Utc};

/// Alternates the leads between the two reps.
pub(super) async fn leads_and_activities(
    store: &Store,
    dice: &mut Dice,
    [rep1, rep2]: [UserId; 2],
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let stages = LeadStage::ALL_FOR_DEMO;
    for (index, (person, company)) in PEOPLE.iter().chain(PEOPLE.iter().take(12)).enumerate() {
        let owner = if index % 2 == 0 { rep1 } else { rep2 };
        let stage = dice.pick(stages);
        let currency = if index % 5 == 4 {
            Currency::Usd
        } else {
            Currency::Irr
        };
        let value = match currency {
            Currency::Irr => (50 + dice.below(950) as i64) * 10_000_000,
            _ => (5 + dice.below(95) as i64) * 100_000,
        };
        let created = now - Duration::days(dice.below(120) as i64 + 1);
        let lead = ValidLead {
            event_id: None,
            id: LeadId::new(),
            owner_id: Some(owner),
            name: (*person).to_string(),
            company: (*company).to_string(),
            phone: format!("0912{:07}", dice.below(10_000_000)),
            email: if index % 3 == 0 {
                String::new()
            } else {
                format!("contact{index}@example.com")
            },
            source: dice.pick(LeadSource::ALL_FOR_DEMO),
            stage,
            estimated_value: value,
            currency,
            customer_kind: if index % 4 == 0 {
                CustomerKind::Existing
            } else {
                CustomerKind::New
            },
            won_amount: (stage == LeadStage::Won).then_some(value - value / 10),
            lost_reason: if stage == LeadStage::Lost {
                "Chose a cheaper supplier".into()
            } else {
                String::new()
            },
            closed_on: None,
        };
        let closed_at = stage.is_closed().then(|| created + Duration::days(10));
        store.save_lead(&lead, owner, closed_at, created).await?;

        for step in 0..(1 + dice.below(3)) {
            let kind = dice.pick(&[
                ActivityKind::Call,
                ActivityKind::Call,
                ActivityKind::Meeting,
                ActivityKind::Email,
                ActivityKind::Task,
                ActivityKind::Note,
            ]);
            let when = created
                + Duration::days(step as i64 * 3 + 1)
                + Duration::hours(dice.below(8) as i64 + 8);
            let when = if when > now {
                now - Duration::hours(step as i64 + 1)
            } else {
                when
            };
            let is_task = kind == ActivityKind::Task;
            let activity = ValidActivity {
                id: ActivityId::new(),
                lead_id: Some(lead.id),
                kind,
                tactic: match kind {
                    ActivityKind::Call => dice.pick(&[Tactic::ColdCall, Tactic::WarmCall]),
                    ActivityKind::Email => Tactic::PersonalisedEmail,
                    ActivityKind::Meeting => dice.pick(&[Tactic::Visit, Tactic::Event]),
                    _ => Tactic::Other,
                },
                outcome: match kind {
                    ActivityKind::Call => Some(dice.pick(&[
                        Outcome::Reached,
                        Outcome::NoAnswer,
                        Outcome::Interested,
                        Outcome::MeetingBooked,
                    ])),
                    ActivityKind::Meeting => {
                        Some(dice.pick(&[Outcome::Interested, Outcome::NotInterested]))
                    }
                    _ => None,
                },
                notes: match kind {
                    ActivityKind::Task => "Send the price list".into(),
                    ActivityKind::Note => "Prefers WhatsApp after 5 pm".into(),
                    _ => String::new(),
                },
                occurred_at: (!is_task).then_some(when),
                due_at: is_task.then_some(when + Duration::days(2)),
                done: false,
                duration_minutes: matches!(kind, ActivityKind::Call | ActivityKind::Meeting)
                    .then(|| 5 + dice.below(55) as i64),
            };
            let done_at = (is_task && step == 0).then_some(when);
            store.save_activity(&activity, owner, done_at, when).await?;
        }
    }

    Ok(())
}

impl LeadStage {
    /// Demo stages, weighted towards the open ones.
    const ALL_FOR_DEMO: &'static [LeadStage] = &[
        LeadStage::New,
        LeadStage::New,
        LeadStage::Contacted,
        LeadStage::Contacted,
        LeadStage::Qualified,
        LeadStage::Proposal,
        LeadStage::Negotiation,
        LeadStage::Won,
        LeadStage::Won,
        LeadStage::Lost,
    ];
}

impl LeadSource {
    const ALL_FOR_DEMO: &'static [LeadSource] = <LeadSource as crate::domain::Choice>::ALL;
}
