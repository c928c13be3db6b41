//! Report shapes shared by the server (which computes them from canonical
//! data) and the screens (which show them).

use super::money::{Currency, MoneySum};
use super::{Activity, ActivityKind, Choice, Goal, Lead, LeadStage};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The dashboard's headline numbers for the signed-in person's scope.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardCounts {
    /// Whose numbers these are: own, team or everything.
    pub scope: DashboardScope,
    pub open_leads: i64,
    pub deals_won: i64,
    /// Won revenue per currency (amounts in different currencies never add up).
    pub revenue_won: Vec<(Currency, MoneySum)>,
    pub pipeline_value: Vec<(Currency, MoneySum)>,
    pub activities_this_month: i64,
    pub calls_this_month: i64,
    pub active_goals: i64,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DashboardScope {
    #[default]
    Own,
    Team,
    Everything,
}

impl DashboardScope {
    /// How far a person's dashboard reaches, from their read scope.
    pub fn of(scope: super::access::ReadScope) -> Self {
        use super::access::ReadScope;
        match scope {
            ReadScope::Own(_) => DashboardScope::Own,
            ReadScope::Team(_) => DashboardScope::Team,
            ReadScope::Everything => DashboardScope::Everything,
        }
    }
}

/// The dashboard's numbers from rows a device holds (its scoped cache, with
/// unsynced changes applied), by the same rules as the server's SQL, so an
/// offline rep sees the same figures a manager will see once synced.
pub fn dashboard_counts(
    leads: &[Lead],
    activities: &[Activity],
    goals: &[Goal],
    month_start: DateTime<Utc>,
    today: NaiveDate,
    scope: DashboardScope,
) -> DashboardCounts {
    let live_leads = leads.iter().filter(|lead| !lead.deleted);
    let mut revenue_won: Vec<(Currency, MoneySum)> = Vec::new();
    let mut pipeline_value: Vec<(Currency, MoneySum)> = Vec::new();
    let add = |sums: &mut Vec<(Currency, MoneySum)>, currency: Currency, amount: i64| match sums
        .iter_mut()
        .find(|(known, _)| *known == currency)
    {
        Some((_, sum)) => *sum = sum.saturating_add(MoneySum::from(amount)),
        None => sums.push((currency, MoneySum::from(amount))),
    };
    let (mut open_leads, mut deals_won) = (0, 0);
    for lead in live_leads {
        match lead.stage {
            LeadStage::Won => {
                deals_won += 1;
                add(
                    &mut revenue_won,
                    lead.currency,
                    lead.won_amount.unwrap_or(0),
                );
            }
            LeadStage::Lost => {}
            _ => {
                open_leads += 1;
                add(&mut pipeline_value, lead.currency, lead.estimated_value);
            }
        }
    }
    for sums in [&mut revenue_won, &mut pipeline_value] {
        sums.retain(|(_, amount)| *amount > 0);
        crate::domain::sorting::sort_by_key(sums, |(currency, _)| currency.as_str());
    }
    let this_month = activities.iter().filter(|activity| {
        !activity.deleted
            && activity
                .occurred_at
                .or(activity.done_at)
                .is_some_and(|at| at >= month_start)
    });
    let (mut activities_this_month, mut calls_this_month) = (0, 0);
    for activity in this_month {
        activities_this_month += 1;
        if activity.kind == ActivityKind::Call {
            calls_this_month += 1;
        }
    }
    DashboardCounts {
        scope,
        open_leads,
        deals_won,
        revenue_won,
        pipeline_value,
        activities_this_month,
        calls_this_month,
        active_goals: goals
            .iter()
            .filter(|goal| !goal.deleted && goal.period_start <= today && today <= goal.period_end)
            .count() as i64,
    }
}
