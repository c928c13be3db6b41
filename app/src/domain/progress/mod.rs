//! Goal progress: the numbers a goal is measured on, counted once per person
//! and period (`MetricTotals`), summed for a team (a team goal rolls up its
//! reps), and turned into a standing (actual, target, percent, pace,
//! projection). The server fills the totals from SQL, the device from its
//! cache; both go through the same pure functions, so a rep offline and a
//! manager online see the same numbers for the same records.

use super::activity::{Activity, ActivityKind};
use super::goal::{Goal, GoalMetric};
use super::ids::UserId;
use super::lead::{CustomerKind, Lead, LeadStage};
use super::money::{Currency, MoneySum};
use super::period::{PaceReport, Period};
use crate::domain::sorted_map::SortedMap;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Everything a goal can measure, for one person (or a team, summed) over
/// one period. Closed deals count on the day they closed, activities on the
/// day they happened (UTC days, as stored); tasks are plans, not activity,
/// so they never count.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetricTotals {
    /// Won revenue per currency, in minor units.
    pub revenue_won: SortedMap<Currency, MoneySum>,
    pub deals_won: i64,
    pub deals_lost: i64,
    /// Deals won with a customer new to the company.
    pub new_customers: i64,
    pub calls: i64,
    pub meetings: i64,
    /// Calls, meetings, e-mails and notes (not tasks).
    pub activities: i64,
    pub training_completed: i64,
}

impl MetricTotals {
    /// Adds another person's totals (a team roll-up is the sum of its reps).
    pub fn add(&mut self, other: &MetricTotals) {
        for (currency, amount) in &other.revenue_won {
            let entry = self.revenue_won.value_or_insert_with(*currency, || 0);
            *entry = entry.saturating_add(*amount);
        }
        self.deals_won = self.deals_won.saturating_add(other.deals_won);
        self.deals_lost = self.deals_lost.saturating_add(other.deals_lost);
        self.new_customers = self.new_customers.saturating_add(other.new_customers);
        self.calls = self.calls.saturating_add(other.calls);
        self.meetings = self.meetings.saturating_add(other.meetings);
        self.activities = self.activities.saturating_add(other.activities);
        self.training_completed = self
            .training_completed
            .saturating_add(other.training_completed);
    }

    /// The sum of several people's totals.
    pub fn roll_up<'a>(members: impl IntoIterator<Item = &'a MetricTotals>) -> MetricTotals {
        let mut total = MetricTotals::default();
        for member in members {
            total.add(member);
        }
        total
    }

    /// The goal's number in its own unit: minor units of `currency` for
    /// revenue, a whole percentage for conversion (won / closed), else a
    /// count.
    /// 128 bits: a revenue total may pass `i64::MAX` (`MoneySum`).
    pub fn value(&self, metric: GoalMetric, currency: Option<Currency>) -> i128 {
        match metric {
            GoalMetric::RevenueWon => match currency {
                Some(currency) => self.revenue_won.get(&currency).copied().unwrap_or(0),
                None => self
                    .revenue_won
                    .values()
                    .fold(0, |sum: MoneySum, amount| sum.saturating_add(*amount)),
            },
            GoalMetric::DealsWon => self.deals_won.into(),
            GoalMetric::NewCustomers => self.new_customers.into(),
            GoalMetric::Calls => self.calls.into(),
            GoalMetric::Meetings => self.meetings.into(),
            GoalMetric::Activities => self.activities.into(),
            GoalMetric::ConversionRate => {
                let closed = self.deals_won.saturating_add(self.deals_lost);
                if closed == 0 {
                    0
                } else {
                    (self.deals_won.saturating_mul(100) / closed).into()
                }
            }
            GoalMetric::TrainingCompleted => self.training_completed.into(),
        }
    }

    /// Counts `deals` closed deals of one kind, worth `won_amount` together.
    pub fn count_closed(
        &mut self,
        stage: LeadStage,
        deals: i64,
        won_amount: impl Into<MoneySum>,
        currency: Currency,
        customer: CustomerKind,
    ) {
        match stage {
            LeadStage::Won => {
                self.deals_won = self.deals_won.saturating_add(deals);
                let entry = self.revenue_won.value_or_insert_with(currency, || 0);
                *entry = entry.saturating_add(won_amount.into().max(0));
                if customer == CustomerKind::New {
                    self.new_customers = self.new_customers.saturating_add(deals);
                }
            }
            LeadStage::Lost => self.deals_lost = self.deals_lost.saturating_add(deals),
            _ => {}
        }
    }

    /// Counts `count` done activities of one kind.
    pub fn count_activities(&mut self, kind: ActivityKind, count: i64) {
        match kind {
            ActivityKind::Task => return,
            ActivityKind::Call => self.calls += count,
            ActivityKind::Meeting => self.meetings += count,
            _ => {}
        }
        self.activities += count;
    }

    /// One person's totals from the records on a device (leads and
    /// activities as the view shows them, unsynced work included).
    pub fn from_records(
        leads: &[Lead],
        activities: &[Activity],
        owner: UserId,
        period: Period,
        zone: &crate::domain::time_zone::UtcOffsets,
    ) -> MetricTotals {
        // The team's local day of each record decides its period.
        let in_period =
            |at: Option<DateTime<Utc>>| at.is_some_and(|at| period.contains(zone.local_day(at)));
        let mut totals = MetricTotals::default();
        for lead in leads {
            if lead.owner_id == owner && !lead.deleted && in_period(lead.closed_at) {
                totals.count_closed(
                    lead.stage,
                    1,
                    lead.won_amount.unwrap_or(0),
                    lead.currency,
                    lead.customer_kind,
                );
            }
        }
        for activity in activities {
            if activity.owner_id == owner && !activity.deleted && in_period(activity.occurred_at) {
                totals.count_activities(activity.kind, 1);
            }
        }
        totals
    }
}

/// Where one goal stands: what a rep or manager reads on a goal line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalStanding {
    pub goal: Goal,
    /// Same unit as the target: minor units, a percentage, or a count (128
    /// bits: a money total may pass `i64::MAX`).
    pub actual: i128,
    /// Whole percent of the target reached (0 when the target is 0).
    pub percent: i64,
    /// What an even pace would have reached by `today`, where the current
    /// pace ends the period (both in the target's unit).
    pub expected_by_now: i128,
    pub projected: i128,
    pub pace: super::period::Pace,
}

/// A goal's standing from the totals of its subject (the rep, or the sum of
/// the team's reps) on `today`.
/// Pace counts the team's working days (`working`).
pub fn standing(
    goal: &Goal,
    totals: &MetricTotals,
    today: NaiveDate,
    working: &super::working_days::WorkingCalendar,
) -> GoalStanding {
    let actual = totals.value(goal.metric, goal.currency);
    let percent = if goal.target > 0 {
        i64::try_from(actual.saturating_mul(100) / i128::from(goal.target)).unwrap_or(i64::MAX)
    } else {
        0
    };
    let period = Period {
        start: goal.period_start,
        end: goal.period_end,
    };
    let PaceReport {
        expected_by_now,
        projected,
        pace: verdict,
    } = if goal.metric.is_percentage() {
        // A rate is not a running total: the target applies from day one
        // and the projection is the rate so far.
        let started = today >= goal.period_start;
        PaceReport {
            expected_by_now: if started { goal.target.into() } else { 0 },
            projected: actual,
            pace: match actual.cmp(&goal.target.into()) {
                std::cmp::Ordering::Less => super::period::Pace::Behind,
                std::cmp::Ordering::Equal => super::period::Pace::OnPace,
                std::cmp::Ordering::Greater => super::period::Pace::Ahead,
            },
        }
    } else {
        super::period::pace_over(goal.target, actual, working.elapsed(period, today))
    };
    GoalStanding {
        goal: goal.clone(),
        actual,
        percent,
        expected_by_now,
        projected,
        pace: verdict,
    }
}

/// One row of a leaderboard: a rep and their number on the chosen metric.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaderboardRow {
    pub rank: usize,
    pub user_id: UserId,
    pub name: String,
    /// 128 bits: a revenue total may pass `i64::MAX`.
    pub value: i128,
}

/// Ranks reps by `metric` (highest first; equal numbers share a rank, then
/// alphabetical so the order is stable).
pub fn leaderboard(
    people: &[(UserId, String, MetricTotals)],
    metric: GoalMetric,
    currency: Option<Currency>,
) -> Vec<LeaderboardRow> {
    let mut rows: Vec<LeaderboardRow> = people
        .iter()
        .map(|(user_id, name, totals)| LeaderboardRow {
            rank: 0,
            user_id: *user_id,
            name: name.clone(),
            value: totals.value(metric, currency),
        })
        .collect();
    super::sorting::sort_by(&mut rows, |a, b| {
        b.value.cmp(&a.value).then_with(|| a.name.cmp(&b.name))
    });
    let mut previous: Option<(i128, usize)> = None;
    for (index, row) in rows.iter_mut().enumerate() {
        row.rank = match previous {
            Some((value, rank)) if value == row.value => rank,
            _ => index + 1,
        };
        previous = Some((row.value, row.rank));
    }
    rows
}

/// The milestone (50, 90 or 100 percent) to announce for a goal now at
/// `percent` when `announced` was the last one announced (0 for none): the
/// highest newly reached, so a jump from 40 to 95 says 90 once, not 50 then
/// 90. A goal that slips back is not announced again until it passes a
/// higher milestone.
pub fn milestone_to_announce(announced: i64, percent: i64) -> Option<i64> {
    super::period::thresholds_crossed(announced, percent)
        .last()
        .copied()
}

#[cfg(test)]
mod tests;
