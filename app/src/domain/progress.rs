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
mod tests {
    use super::*;
    use crate::domain::goal::GoalScope;
    use crate::domain::ids::{GoalId, TeamId};
    use crate::domain::period::Pace;
    use uuid::Uuid;

    #[test]
    fn each_milestone_is_announced_once_and_only_the_highest_reached() {
        assert_eq!(milestone_to_announce(0, 49), None);
        assert_eq!(milestone_to_announce(0, 50), Some(50));
        assert_eq!(milestone_to_announce(50, 89), None);
        assert_eq!(milestone_to_announce(0, 95), Some(90));
        assert_eq!(milestone_to_announce(90, 100), Some(100));
        assert_eq!(milestone_to_announce(100, 180), None);
        // Slipped back under 90 (a deal reopened): nothing new to say.
        assert_eq!(milestone_to_announce(90, 60), None);
    }

    fn date(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, day).unwrap_or_default()
    }

    fn goal(metric: GoalMetric, target: i64, currency: Option<Currency>) -> Goal {
        Goal {
            id: GoalId::new(),
            team_id: TeamId(Uuid::now_v7()),
            scope: GoalScope::Rep,
            subject_id: Uuid::now_v7(),
            subject_name: "Rep".into(),
            metric,
            target,
            currency,
            period_start: date(1),
            period_end: date(30),
            created_by: UserId(Uuid::now_v7()),
            created_at: Utc::now(),
            updated_at: Utc::now(),
            version: 1,
            deleted: false,
        }
    }

    /// A small deterministic generator, so the property runs are repeatable.
    struct Seeded(u64);
    impl Seeded {
        fn next(&mut self, below: i64) -> i64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            i64::try_from(self.0 % u64::try_from(below.max(1)).unwrap_or(1)).unwrap_or(0)
        }
    }

    fn random_totals(random: &mut Seeded) -> MetricTotals {
        let mut totals = MetricTotals::default();
        for _ in 0..random.next(6) {
            let stage = if random.next(2) == 0 {
                LeadStage::Won
            } else {
                LeadStage::Lost
            };
            let currency = if random.next(2) == 0 {
                Currency::Usd
            } else {
                Currency::Irr
            };
            let customer = if random.next(2) == 0 {
                CustomerKind::New
            } else {
                CustomerKind::Existing
            };
            totals.count_closed(stage, 1, random.next(1_000_000), currency, customer);
        }
        for kind in <ActivityKind as crate::domain::Choice>::ALL.iter().copied() {
            totals.count_activities(kind, random.next(50));
        }
        totals.training_completed = random.next(4);
        totals
    }

    #[test]
    fn a_team_roll_up_is_the_sum_of_its_reps_on_every_count_metric() {
        let mut random = Seeded(0x5eed_1234_abcd);
        for _ in 0..500 {
            let reps: Vec<MetricTotals> = (0..random.next(8))
                .map(|_| random_totals(&mut random))
                .collect();
            let team = MetricTotals::roll_up(&reps);
            for metric in [
                GoalMetric::DealsWon,
                GoalMetric::NewCustomers,
                GoalMetric::Calls,
                GoalMetric::Meetings,
                GoalMetric::Activities,
                GoalMetric::TrainingCompleted,
            ] {
                let sum: i128 = reps.iter().map(|rep| rep.value(metric, None)).sum();
                assert_eq!(team.value(metric, None), sum, "{metric:?}");
            }
            for currency in [Currency::Usd, Currency::Irr] {
                let sum: i128 = reps
                    .iter()
                    .map(|rep| rep.value(GoalMetric::RevenueWon, Some(currency)))
                    .sum();
                assert_eq!(team.value(GoalMetric::RevenueWon, Some(currency)), sum);
            }
            // A rate rolls up from the summed counts, not by adding rates.
            let won: i64 = reps.iter().map(|rep| rep.deals_won).sum();
            let lost: i64 = reps.iter().map(|rep| rep.deals_lost).sum();
            let expected = if won + lost == 0 {
                0
            } else {
                won * 100 / (won + lost)
            };
            assert_eq!(
                team.value(GoalMetric::ConversionRate, None),
                i128::from(expected)
            );
        }
    }

    #[test]
    fn revenue_counts_only_the_goals_currency_and_tasks_never_count() {
        let mut totals = MetricTotals::default();
        totals.count_closed(LeadStage::Won, 1, 140_000, Currency::Usd, CustomerKind::New);
        totals.count_closed(
            LeadStage::Won,
            1,
            9_000_000,
            Currency::Irr,
            CustomerKind::Existing,
        );
        totals.count_closed(LeadStage::Lost, 1, 0, Currency::Usd, CustomerKind::New);
        totals.count_activities(ActivityKind::Task, 7);
        totals.count_activities(ActivityKind::Call, 2);
        assert_eq!(
            totals.value(GoalMetric::RevenueWon, Some(Currency::Usd)),
            140_000
        );
        assert_eq!(totals.value(GoalMetric::DealsWon, None), 2);
        assert_eq!(totals.value(GoalMetric::NewCustomers, None), 1);
        assert_eq!(totals.value(GoalMetric::ConversionRate, None), 66);
        assert_eq!(totals.value(GoalMetric::Activities, None), 2);
        assert_eq!(totals.value(GoalMetric::Calls, None), 2);
    }

    #[test]
    fn a_quota_is_not_behind_pace_in_the_middle_of_nowruz() {
        use crate::domain::calendar::from_jalali;
        use crate::domain::period::{Calendar, Pace};
        use crate::domain::working_days::WorkingCalendar;
        let farvardin = |day: u8| from_jalali(1406, 1, day).expect("a Farvardin day");
        let mut deals = goal(GoalMetric::DealsWon, 100, None);
        deals.period_start = farvardin(1);
        deals.period_end = farvardin(31);
        let jalali_team = WorkingCalendar::of_team(Some(Calendar::Jalali));
        // Exactly on pace on 11 Farvardin, the last working day before the
        // 12th and 13th (holidays), nothing more is done on those days.
        let on_the_11th = standing(
            &deals,
            &MetricTotals::default(),
            farvardin(11),
            &jalali_team,
        );
        let totals = MetricTotals {
            deals_won: i64::try_from(on_the_11th.expected_by_now).unwrap_or(0),
            ..MetricTotals::default()
        };
        let on_the_13th = standing(&deals, &totals, farvardin(13), &jalali_team);
        assert_eq!(on_the_13th.pace, Pace::OnPace);
        assert_eq!(on_the_13th.expected_by_now, on_the_11th.expected_by_now);
        // Counted in calendar days, the same rep would be "behind".
        let calendar_days = standing(
            &deals,
            &totals,
            farvardin(13),
            &WorkingCalendar::every_day(),
        );
        assert_eq!(calendar_days.pace, Pace::Behind);
        // And the first four days of Nowruz expect nothing at all.
        assert_eq!(
            standing(&deals, &MetricTotals::default(), farvardin(4), &jalali_team).expected_by_now,
            0
        );
    }

    #[test]
    fn a_standing_has_percent_pace_and_projection() {
        let calendar_days = crate::domain::working_days::WorkingCalendar::every_day();
        let revenue = goal(GoalMetric::RevenueWon, 1_000_000, Some(Currency::Usd));
        let mut totals = MetricTotals::default();
        totals.count_closed(LeadStage::Won, 1, 400_000, Currency::Usd, CustomerKind::New);
        // Day 15 of 30: half the target is expected, 40% is done.
        let standing = standing(&revenue, &totals, date(15), &calendar_days);
        assert_eq!(standing.actual, 400_000);
        assert_eq!(standing.percent, 40);
        assert_eq!(standing.expected_by_now, 500_000);
        assert_eq!(standing.projected, 800_000);
        assert_eq!(standing.pace, Pace::Behind);
    }

    #[test]
    fn a_conversion_goal_is_paced_by_the_rate_itself() {
        let rate = goal(GoalMetric::ConversionRate, 30, None);
        let mut totals = MetricTotals::default();
        totals.count_closed(LeadStage::Won, 1, 1, Currency::Usd, CustomerKind::New);
        totals.count_closed(LeadStage::Lost, 1, 0, Currency::Usd, CustomerKind::New);
        let standing = standing(
            &rate,
            &totals,
            date(10),
            &crate::domain::working_days::WorkingCalendar::every_day(),
        );
        assert_eq!((standing.actual, standing.percent), (50, 166));
        assert_eq!((standing.expected_by_now, standing.projected), (30, 50));
        assert_eq!(standing.pace, Pace::Ahead);
    }

    #[test]
    fn ties_share_a_rank_and_the_order_is_stable() {
        let person = |name: &str, calls: i64| {
            let mut totals = MetricTotals::default();
            totals.count_activities(ActivityKind::Call, calls);
            (UserId(Uuid::now_v7()), name.to_string(), totals)
        };
        let rows = leaderboard(
            &[
                person("Sara", 3),
                person("Amir", 5),
                person("Bita", 3),
                person("Dara", 1),
            ],
            GoalMetric::Calls,
            None,
        );
        let ranks: Vec<(usize, &str, i128)> = rows
            .iter()
            .map(|row| (row.rank, row.name.as_str(), row.value))
            .collect();
        assert_eq!(
            ranks,
            vec![
                (1, "Amir", 5),
                (2, "Bita", 3),
                (2, "Sara", 3),
                (4, "Dara", 1)
            ]
        );
    }
}
