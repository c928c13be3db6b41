//! Thirteen months of closed deals behind the reports' trends.

use super::{Dice, PEOPLE};
use crate::domain::activity::ValidActivity;
use crate::domain::lead::ValidLead;
use crate::domain::{
    ActivityId, ActivityKind, Currency, CustomerKind, LeadId, LeadSource, LeadStage, Outcome,
    Tactic, UserId,
};
use crate::store::{Store, StoreResult};
use chrono::{Datelike, Duration, NaiveDate, Utc};

/// Thirteen months of closed deals and the work that led to them, ending
/// today, so the dashboard's trend and the month-over-month and
/// year-over-year reports have believable numbers from the first start:
/// more won in spring and autumn, personalised e-mails and visits winning
/// more often than cold calls, and some work logged today.
pub(super) async fn closed_deals(
    store: &Store,
    dice: &mut Dice,
    reps: [UserId; 2],
) -> StoreResult<()> {
    let now = Utc::now();
    let today = now.date_naive();
    let this_month = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap_or(today);
    for months_back in (0..13u32).rev() {
        let Some(month_start) = this_month.checked_sub_months(chrono::Months::new(months_back))
        else {
            continue;
        };
        let busy_season = matches!(month_start.month(), 3..=5 | 9..=11);
        for (rep_index, owner) in reps.iter().copied().enumerate() {
            let deals = 1 + dice.below(if busy_season { 2 } else { 1 }) + u64::from(busy_season);
            for deal in 0..deals {
                let latest_day = if months_back == 0 { today.day0() } else { 27 };
                let closed_day =
                    month_start + Duration::days(dice.below(u64::from(latest_day) + 1) as i64);
                let closed_at = closed_day
                    .and_hms_opt(10 + dice.below(7) as u32, 0, 0)
                    .unwrap_or_default()
                    .and_utc();
                // The tactic that opened the deal decides how likely it is won.
                let (tactic, kind, win_chance) = dice.pick(&[
                    (Tactic::ColdCall, ActivityKind::Call, 25),
                    (Tactic::PersonalisedEmail, ActivityKind::Email, 60),
                    (Tactic::Visit, ActivityKind::Meeting, 70),
                    (Tactic::Referral, ActivityKind::Call, 65),
                ]);
                let won = dice.below(100) < win_chance;
                let currency = if (deal + rep_index as u64) % 4 == 3 {
                    Currency::Usd
                } else {
                    Currency::Irr
                };
                let value = match currency {
                    Currency::Irr => (80 + dice.below(900) as i64) * 10_000_000,
                    _ => (10 + dice.below(90) as i64) * 100_000,
                };
                let (person, company) = dice.pick(&PEOPLE);
                let lead = ValidLead {
                    event_id: None,
                    id: LeadId::new(),
                    owner_id: Some(owner),
                    name: format!("{person} ({})", month_start.format("%Y-%m")),
                    company: company.to_string(),
                    phone: format!("0935{:07}", dice.below(10_000_000)),
                    email: String::new(),
                    source: match tactic {
                        Tactic::Referral => LeadSource::Referral,
                        Tactic::ColdCall => LeadSource::ColdList,
                        _ => LeadSource::Website,
                    },
                    stage: if won { LeadStage::Won } else { LeadStage::Lost },
                    estimated_value: value,
                    currency,
                    customer_kind: if dice.below(3) == 0 {
                        CustomerKind::Existing
                    } else {
                        CustomerKind::New
                    },
                    won_amount: won.then_some(value - value / 20),
                    lost_reason: if won {
                        String::new()
                    } else {
                        "Went with a competitor".into()
                    },
                    closed_on: Some(closed_day),
                };
                let created = closed_at - Duration::days(4 + dice.below(14) as i64);
                let first_touch =
                    (created + Duration::days(1) + Duration::hours(9 + dice.below(8) as i64))
                        .min(now - Duration::minutes(5));
                // The deal walks the pipeline, so the stage moves (and the
                // tactic and funnel reports) have a story: it is created new,
                // won deals and half the lost ones are qualified the day after
                // the first touch, then it closes.
                let open_stage = |stage: LeadStage| ValidLead {
                    stage,
                    won_amount: None,
                    lost_reason: String::new(),
                    closed_on: None,
                    ..lead.clone()
                };
                store
                    .save_lead(&open_stage(LeadStage::New), owner, None, created)
                    .await?;
                let qualified_at =
                    (first_touch + Duration::days(1)).min(closed_at - Duration::hours(1));
                if (won || dice.below(2) == 0) && qualified_at > created {
                    store
                        .save_lead(&open_stage(LeadStage::Qualified), owner, None, qualified_at)
                        .await?;
                }
                store
                    .save_lead(&lead, owner, Some(closed_at), closed_at.max(created))
                    .await?;
                // The first touch only: enough to compare tactics, light to
                // sync (every manager's device pulls all of it).
                {
                    let when = first_touch;
                    let activity = ValidActivity {
                        id: ActivityId::new(),
                        lead_id: Some(lead.id),
                        kind,
                        tactic,
                        outcome: (kind == ActivityKind::Call).then_some(Outcome::Reached),
                        notes: String::new(),
                        occurred_at: Some(when),
                        due_at: None,
                        done: false,
                        duration_minutes: (kind != ActivityKind::Email)
                            .then(|| 10 + dice.below(40) as i64),
                    };
                    store.save_activity(&activity, owner, None, when).await?;
                }
            }
        }
    }
    // Work logged today, so "today" on the dashboard is not empty.
    for (rep_index, owner) in reps.iter().copied().enumerate() {
        for call in 0..(2 + rep_index as i64) {
            let when = (now - Duration::minutes(20 + call * 35))
                .max(today.and_hms_opt(0, 1, 0).unwrap_or_default().and_utc());
            let activity = ValidActivity {
                id: ActivityId::new(),
                lead_id: None,
                kind: ActivityKind::Call,
                tactic: if call == 0 {
                    Tactic::ColdCall
                } else {
                    Tactic::WarmCall
                },
                outcome: Some(Outcome::Reached),
                notes: String::new(),
                occurred_at: Some(when),
                due_at: None,
                done: false,
                duration_minutes: Some(10),
            };
            store.save_activity(&activity, owner, None, when).await?;
        }
    }
    Ok(())
}
