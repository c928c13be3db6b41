//! The pipeline board: leads grouped by stage with each column's count and
//! value, and what moving a lead to another stage changes. Pure, so the
//! board's numbers and moves are unit-tested without a browser.

use super::Choice;
use super::lead::{Lead, LeadDraft, LeadStage};
use super::money::Currency;

/// One column of the board.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BoardColumn {
    pub stage: LeadStage,
    /// Most recently updated first, so today's work is on top.
    pub leads: Vec<Lead>,
    /// The column's value per currency (amounts in different currencies
    /// never add up): the won amount for won deals, else the estimate.
    pub totals: Vec<(Currency, super::money::MoneySum)>,
}

/// The value a lead adds to its column.
pub fn board_value(lead: &Lead) -> i64 {
    match (lead.stage, lead.won_amount) {
        (LeadStage::Won, Some(amount)) => amount,
        _ => lead.estimated_value,
    }
}

/// Every stage in pipeline order, each with its leads (deleted ones left out).
pub fn board_columns(leads: &[Lead]) -> Vec<BoardColumn> {
    let mut columns: Vec<BoardColumn> = LeadStage::ALL
        .iter()
        .map(|stage| BoardColumn {
            stage: *stage,
            leads: Vec::new(),
            totals: Vec::new(),
        })
        .collect();
    for lead in leads.iter().filter(|lead| !lead.deleted) {
        let Some(column) = columns.iter_mut().find(|column| column.stage == lead.stage) else {
            continue;
        };
        let value = board_value(lead);
        match column
            .totals
            .iter_mut()
            .find(|(currency, _)| *currency == lead.currency)
        {
            Some((_, total)) => *total = total.saturating_add(value.into()),
            None => column.totals.push((lead.currency, value.into())),
        }
        column.leads.push(lead.clone());
    }
    for column in &mut columns {
        super::sorting::sort_by(&mut column.leads, |a, b| {
            b.updated_at.cmp(&a.updated_at).then(a.name.cmp(&b.name))
        });
        super::sorting::sort_by_key(&mut column.totals, |(currency, _)| currency.as_str());
    }
    columns
}

/// What a rep fills in when a move needs more than the stage: the amount
/// and date of a win, or the reason and date of a loss. Text as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MoveDetails {
    pub won_amount: String,
    pub lost_reason: String,
    /// `YYYY-MM-DD`; empty means today.
    pub closed_on: String,
}

/// Moving to won or lost asks for details; other moves happen at once.
pub fn move_needs_details(to: LeadStage) -> bool {
    to.is_closed()
}

/// The lead's form after moving it to `to`, starting from `before` (the lead
/// as its form shows it). Reopening a deal clears its close date.
pub fn moved_draft(before: &LeadDraft, to: LeadStage, details: &MoveDetails) -> LeadDraft {
    let mut after = before.clone();
    after.stage = to.as_str().to_string();
    match to {
        LeadStage::Won => {
            after.won_amount = details.won_amount.clone();
            after.closed_on = details.closed_on.clone();
        }
        LeadStage::Lost => {
            after.lost_reason = details.lost_reason.clone();
            after.closed_on = details.closed_on.clone();
        }
        _ => after.closed_on = String::new(),
    }
    after
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::{LeadId, UserId};
    use crate::domain::lead::{CustomerKind, LeadSource};
    use chrono::{TimeZone, Utc};

    fn lead(stage: LeadStage, value: i64, currency: Currency, minute: u32) -> Lead {
        let at = Utc
            .with_ymd_and_hms(2026, 11, 20, 9, minute, 0)
            .single()
            .unwrap_or_default();
        Lead {
            event_id: None,
            id: LeadId::new(),
            owner_id: UserId::new(),
            owner_name: "Rep".into(),
            name: format!("Lead {minute}"),
            company: String::new(),
            phone: String::new(),
            email: String::new(),
            source: LeadSource::Referral,
            stage,
            estimated_value: value,
            currency,
            customer_kind: CustomerKind::New,
            won_amount: None,
            closed_at: None,
            lost_reason: String::new(),
            created_at: at,
            updated_at: at,
            version: 1,
            deleted: false,
        }
    }

    #[test]
    fn columns_follow_the_pipeline_with_counts_and_totals_per_currency() {
        let older = lead(LeadStage::Proposal, 1_000, Currency::Usd, 1);
        let newer = lead(LeadStage::Proposal, 2_500, Currency::Usd, 2);
        let rial = lead(LeadStage::Proposal, 70_000, Currency::Irr, 3);
        let won = Lead {
            won_amount: Some(900),
            ..lead(LeadStage::Won, 1_000, Currency::Usd, 4)
        };
        let deleted = Lead {
            deleted: true,
            ..lead(LeadStage::Proposal, 5_000, Currency::Usd, 5)
        };
        let columns = board_columns(&[older.clone(), newer.clone(), rial.clone(), won, deleted]);
        let stages: Vec<_> = columns.iter().map(|column| column.stage).collect();
        assert_eq!(stages, LeadStage::ALL.to_vec());
        let proposal = &columns[3];
        assert_eq!(proposal.stage, LeadStage::Proposal);
        assert_eq!(
            proposal
                .leads
                .iter()
                .map(|lead| lead.id)
                .collect::<Vec<_>>(),
            vec![rial.id, newer.id, older.id]
        );
        assert_eq!(
            proposal.totals,
            vec![(Currency::Irr, 70_000), (Currency::Usd, 3_500)]
        );
        let won_column = &columns[5];
        assert_eq!(won_column.totals, vec![(Currency::Usd, 900)]);
        assert!(columns[0].leads.is_empty() && columns[0].totals.is_empty());
    }

    #[test]
    fn moving_to_won_carries_the_amount_and_date_and_reopening_clears_the_date() {
        let before = LeadDraft {
            stage: "proposal".into(),
            won_amount: String::new(),
            ..LeadDraft::default()
        };
        let details = MoveDetails {
            won_amount: "1,200".into(),
            lost_reason: "ignored".into(),
            closed_on: "2026-11-19".into(),
        };
        let won = moved_draft(&before, LeadStage::Won, &details);
        assert_eq!(won.stage, "won");
        assert_eq!(won.won_amount, "1,200");
        assert_eq!(won.closed_on, "2026-11-19");
        assert_eq!(won.lost_reason, "");
        let reopened = moved_draft(&won, LeadStage::Negotiation, &MoveDetails::default());
        assert_eq!(reopened.stage, "negotiation");
        assert_eq!(reopened.closed_on, "");
        let lost = moved_draft(&before, LeadStage::Lost, &details);
        assert_eq!(lost.lost_reason, "ignored");
        assert!(move_needs_details(LeadStage::Lost) && !move_needs_details(LeadStage::Qualified));
    }
}
