//! Goal progress's tests: totals per person and period, team roll-ups,
//! standings with pace and projection, the leaderboard and milestones.

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
