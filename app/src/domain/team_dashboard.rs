//! The manager's team dashboard: who is on track this period, what each rep
//! did today and this week, how fresh each rep's numbers are, the pipeline
//! by stage and the won-revenue trend. The shapes travel from the server
//! (which fills them from the roll-up tables) to the screen; the arithmetic
//! on them (win rate, weeks, the last N periods, trend buckets, freshness)
//! is pure and unit-tested here.

use super::ids::{TeamId, UserId};
use super::lead::LeadStage;
use super::money::{Currency, MoneySum};
use super::period::{Calendar, Period, PeriodLength, period_containing};
use super::progress::GoalStanding;
use super::{ActivityKind, Choice};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Amounts per currency, in minor units: amounts in different currencies
/// are never added together.
pub type MoneyByCurrency = BTreeMap<Currency, MoneySum>;

/// Adds an amount to its currency's line, saturating rather than wrapping.
pub fn add_money(sums: &mut MoneyByCurrency, currency: Currency, amount: impl Into<MoneySum>) {
    let entry = sums.entry(currency).or_insert(0);
    *entry = entry.saturating_add(amount.into());
}

/// Activities of one person over a span, by type. Tasks count when done.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityCounts {
    pub calls: i64,
    pub meetings: i64,
    pub emails: i64,
    pub notes: i64,
    pub tasks_done: i64,
}

impl ActivityCounts {
    pub fn add(&mut self, kind: ActivityKind, count: i64) {
        let slot = match kind {
            ActivityKind::Call => &mut self.calls,
            ActivityKind::Meeting => &mut self.meetings,
            ActivityKind::Email => &mut self.emails,
            ActivityKind::Note => &mut self.notes,
            ActivityKind::Task => &mut self.tasks_done,
        };
        *slot = slot.saturating_add(count);
    }

    pub fn total(&self) -> i64 {
        [
            self.calls,
            self.meetings,
            self.emails,
            self.notes,
            self.tasks_done,
        ]
        .into_iter()
        .fold(0i64, i64::saturating_add)
    }
}

/// One rep's line on the dashboard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepFigures {
    pub user_id: UserId,
    pub name: String,
    pub today: ActivityCounts,
    pub this_week: ActivityCounts,
    pub open_deals: i64,
    pub open_pipeline: MoneyByCurrency,
    /// Deals closed in the dashboard's period.
    pub won_deals: i64,
    pub lost_deals: i64,
    pub won_revenue: MoneyByCurrency,
    /// When any of the rep's devices last pushed or pulled.
    #[serde(default, with = "crate::domain::wire_time::optional_instant")]
    pub last_synced_at: Option<DateTime<Utc>>,
    /// The last push of some device of theirs left work waiting (it stopped
    /// at a gap or was a full batch): their numbers are not all in yet.
    pub work_pending: bool,
}

/// One pipeline column: open deals in a stage and their value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageFigures {
    pub stage: LeadStage,
    pub count: i64,
    pub value: MoneyByCurrency,
}

/// Won deals and revenue in one period of the trend.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrendPoint {
    pub period: Period,
    pub deals_won: i64,
    pub revenue: MoneyByCurrency,
}

/// Everything the dashboard shows for one team (or one rep's own figures),
/// as computed by the server at `computed_at`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamDashboard {
    pub team_id: Option<TeamId>,
    pub team_name: String,
    pub calendar: Calendar,
    /// "This month" in the team's calendar: every period figure counts it.
    pub period: Period,
    pub week: Period,
    #[serde(with = "crate::domain::wire_time::day")]
    pub today: NaiveDate,
    pub reps: Vec<RepFigures>,
    pub pipeline: Vec<StageFigures>,
    /// The last 12 months, oldest first, the current one last.
    pub trend: Vec<TrendPoint>,
    /// Goals in force today that the reader may see, with pace and projection.
    pub goals: Vec<GoalStanding>,
    #[serde(with = "crate::domain::wire_time::instant")]
    pub computed_at: DateTime<Utc>,
    /// The teams an admin may switch to (empty for everyone else).
    pub teams: Vec<TeamChoice>,
}

impl TeamDashboard {
    /// Whether `other` holds the same figures, whenever each was computed:
    /// a screen already showing them need only move its "as of" time (a
    /// first screen's figures read again as the app starts, a live change
    /// that moved none of them), not rebuild every table.
    pub fn same_figures(&self, other: &TeamDashboard) -> bool {
        // Named one by one, so a new field cannot be left out unseen.
        let TeamDashboard {
            team_id,
            team_name,
            calendar,
            period,
            week,
            today,
            reps,
            pipeline,
            trend,
            goals,
            computed_at: _,
            teams,
        } = self;
        *team_id == other.team_id
            && *team_name == other.team_name
            && *calendar == other.calendar
            && *period == other.period
            && *week == other.week
            && *today == other.today
            && *reps == other.reps
            && *pipeline == other.pipeline
            && *trend == other.trend
            && *goals == other.goals
            && *teams == other.teams
    }
}

/// A team a reader may choose on the dashboard (admins choose any).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamChoice {
    pub id: TeamId,
    pub name: String,
}

/// Won deals as a whole percent of closed deals; `None` before any closed.
pub fn win_rate_percent(won: i64, lost: i64) -> Option<i64> {
    let closed = i128::from(won) + i128::from(lost);
    if closed <= 0 {
        return None;
    }
    // Rounded half up, in integers.
    i64::try_from((i128::from(won) * 200 + closed) / (closed * 2)).ok()
}

/// The first day of the working week: Saturday in the Jalali calendar
/// (Iran's week), Monday otherwise.
pub fn week_start_day(calendar: Calendar) -> Weekday {
    match calendar {
        Calendar::Jalali => Weekday::Sat,
        Calendar::Gregorian => Weekday::Mon,
    }
}

/// The week containing `day`.
pub fn week_of(calendar: Calendar, day: NaiveDate) -> Period {
    let first = week_start_day(calendar);
    let back = (7 + day.weekday().num_days_from_monday() - first.num_days_from_monday()) % 7;
    let start = day - Duration::days(i64::from(back));
    Period {
        start,
        end: start + Duration::days(6),
    }
}

/// The `count` periods of `length` ending with the one that contains `day`,
/// oldest first.
pub fn last_periods(
    calendar: Calendar,
    length: PeriodLength,
    day: NaiveDate,
    count: usize,
) -> Vec<Period> {
    let mut periods = Vec::with_capacity(count);
    let mut cursor = period_containing(calendar, length, day);
    while let Some(period) = cursor {
        if periods.len() == count {
            break;
        }
        periods.push(period);
        cursor = period
            .start
            .pred_opt()
            .and_then(|before| period_containing(calendar, length, before));
    }
    periods.reverse();
    periods
}

/// Won deals on one day in one currency, as the roll-up keeps them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WonOnDay {
    pub day: NaiveDate,
    pub currency: Currency,
    pub deals_won: i64,
    /// Exact: one day's revenue may pass what an `i64` holds.
    pub revenue: MoneySum,
}

/// Puts each day's wins in the period that contains it; days outside every
/// period are left out.
pub fn trend(periods: &[Period], days: &[WonOnDay]) -> Vec<TrendPoint> {
    let mut points: Vec<TrendPoint> = periods
        .iter()
        .map(|period| TrendPoint {
            period: *period,
            deals_won: 0,
            revenue: MoneyByCurrency::new(),
        })
        .collect();
    for won in days {
        // Periods are sorted and disjoint: find the one starting at or before the day.
        let index = points.partition_point(|point| point.period.start <= won.day);
        let Some(point) = index.checked_sub(1).and_then(|index| points.get_mut(index)) else {
            continue;
        };
        if !point.period.contains(won.day) {
            continue;
        }
        point.deals_won = point.deals_won.saturating_add(won.deals_won);
        if won.revenue != 0 {
            add_money(&mut point.revenue, won.currency, won.revenue);
        }
    }
    points
}

/// How far to trust a rep's figures, from their devices' last contact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Freshness {
    /// Synced within the last hour with nothing left waiting.
    UpToDate,
    /// A device's last push left work waiting.
    WorkPending,
    /// No contact for over an hour: work done since may be missing.
    Stale,
    /// No device of theirs has ever synced.
    NeverSynced,
}

/// How long after the last sync a rep's numbers count as stale.
pub const STALE_AFTER_MINUTES: i64 = 60;

pub fn freshness(
    last_synced_at: Option<DateTime<Utc>>,
    work_pending: bool,
    now: DateTime<Utc>,
) -> Freshness {
    match last_synced_at {
        None => Freshness::NeverSynced,
        Some(_) if work_pending => Freshness::WorkPending,
        Some(at) if now - at > Duration::minutes(STALE_AFTER_MINUTES) => Freshness::Stale,
        Some(_) => Freshness::UpToDate,
    }
}

/// The stages a deal can be open in, in pipeline order.
pub fn open_stages() -> impl Iterator<Item = LeadStage> {
    LeadStage::ALL
        .iter()
        .copied()
        .filter(|stage| !stage.is_closed())
}

/// The team's pipeline by open stage: every open stage once, in order, even
/// when empty, summing the reps' rows.
pub fn pipeline_by_stage(rows: &[(LeadStage, Currency, i64, MoneySum)]) -> Vec<StageFigures> {
    open_stages()
        .map(|stage| {
            let mut figures = StageFigures {
                stage,
                count: 0,
                value: MoneyByCurrency::new(),
            };
            for (_, currency, count, value) in rows.iter().filter(|row| row.0 == stage) {
                figures.count = figures.count.saturating_add(*count);
                if *value != 0 {
                    add_money(&mut figures.value, *currency, *value);
                }
            }
            figures
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::from_jalali;

    fn day(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default()
    }

    #[test]
    fn the_same_figures_computed_later_are_the_same_and_any_changed_figure_is_not() {
        let period = Period {
            start: day(2026, 12, 1),
            end: day(2026, 12, 31),
        };
        let first = TeamDashboard {
            team_id: None,
            team_name: "Tehran Sales".into(),
            calendar: Calendar::Gregorian,
            period,
            week: week_of(Calendar::Gregorian, day(2026, 12, 7)),
            today: day(2026, 12, 7),
            reps: Vec::new(),
            pipeline: Vec::new(),
            trend: Vec::new(),
            goals: Vec::new(),
            computed_at: DateTime::from_timestamp(1_796_000_000, 0).unwrap_or_default(),
            teams: Vec::new(),
        };
        let later = TeamDashboard {
            computed_at: first.computed_at + chrono::Duration::seconds(3),
            ..first.clone()
        };
        assert!(first.same_figures(&later));
        assert_ne!(first, later);
        let renamed = TeamDashboard {
            team_name: "Shiraz Sales".into(),
            ..later.clone()
        };
        assert!(!first.same_figures(&renamed));
        let next_day = TeamDashboard {
            today: day(2026, 12, 8),
            ..later
        };
        assert!(!first.same_figures(&next_day));
    }

    #[test]
    fn win_rate_rounds_half_up_and_is_absent_before_any_close() {
        assert_eq!(win_rate_percent(0, 0), None);
        assert_eq!(win_rate_percent(1, 2), Some(33));
        assert_eq!(win_rate_percent(2, 1), Some(67));
        assert_eq!(win_rate_percent(1, 1), Some(50));
        assert_eq!(win_rate_percent(1, 7), Some(13)); // 12.5 -> 13
        assert_eq!(win_rate_percent(0, 3), Some(0));
        assert_eq!(win_rate_percent(i64::MAX, i64::MAX), Some(50));
    }

    #[test]
    fn a_jalali_week_starts_on_saturday_a_gregorian_one_on_monday() {
        // Tuesday 1 December 2026.
        let tuesday = day(2026, 12, 1);
        assert_eq!(
            week_of(Calendar::Gregorian, tuesday),
            Period {
                start: day(2026, 11, 30),
                end: day(2026, 12, 6)
            }
        );
        assert_eq!(
            week_of(Calendar::Jalali, tuesday),
            Period {
                start: day(2026, 11, 28),
                end: day(2026, 12, 4)
            }
        );
        // A Saturday starts its own Jalali week.
        let saturday = day(2026, 11, 28);
        assert_eq!(week_of(Calendar::Jalali, saturday).start, saturday);
    }

    #[test]
    fn the_last_twelve_jalali_months_cross_the_new_year() {
        // 10 Farvardin 1405 is in the first month of the Jalali year.
        let nowruz = from_jalali(1405, 1, 10).unwrap_or_default();
        let months = last_periods(Calendar::Jalali, PeriodLength::Month, nowruz, 12);
        assert_eq!(months.len(), 12);
        assert_eq!(Some(months[0].start), from_jalali(1404, 2, 1));
        assert_eq!(Some(months[10].start), from_jalali(1404, 12, 1));
        assert_eq!(Some(months[11].start), from_jalali(1405, 1, 1));
        assert!(
            months
                .windows(2)
                .all(|pair| pair[0].end.succ_opt() == Some(pair[1].start))
        );
    }

    #[test]
    fn wins_land_in_the_period_of_their_day() {
        let months = last_periods(
            Calendar::Gregorian,
            PeriodLength::Month,
            day(2026, 3, 15),
            3,
        );
        let won = |day, currency, deals_won, revenue| WonOnDay {
            day,
            currency,
            deals_won,
            revenue,
        };
        let points = trend(
            &months,
            &[
                won(day(2026, 1, 1), Currency::Usd, 1, 500),
                won(day(2026, 1, 31), Currency::Eur, 2, 700),
                won(day(2026, 2, 28), Currency::Usd, 1, 100),
                won(day(2025, 12, 31), Currency::Usd, 9, 9_000),
                won(day(2026, 4, 1), Currency::Usd, 9, 9_000),
            ],
        );
        assert_eq!(points.len(), 3);
        assert_eq!(points[0].deals_won, 3);
        assert_eq!(
            points[0].revenue,
            [(Currency::Eur, 700), (Currency::Usd, 500)].into()
        );
        assert_eq!(points[1].deals_won, 1);
        assert_eq!(points[2].deals_won, 0);
        assert!(points[2].revenue.is_empty());
    }

    #[test]
    fn freshness_says_whose_numbers_to_doubt() {
        let now = Utc::now();
        assert_eq!(freshness(None, false, now), Freshness::NeverSynced);
        assert_eq!(freshness(Some(now), false, now), Freshness::UpToDate);
        assert_eq!(freshness(Some(now), true, now), Freshness::WorkPending);
        assert_eq!(
            freshness(Some(now - Duration::minutes(61)), false, now),
            Freshness::Stale
        );
        assert_eq!(
            freshness(Some(now - Duration::minutes(59)), false, now),
            Freshness::UpToDate
        );
    }

    #[test]
    fn the_pipeline_lists_every_open_stage_once_in_order() {
        let stages = pipeline_by_stage(&[
            (LeadStage::Proposal, Currency::Usd, 2, 3_000),
            (LeadStage::Proposal, Currency::Irr, 1, 90_000),
            (LeadStage::New, Currency::Usd, 4, 0),
            (LeadStage::Proposal, Currency::Usd, 1, 1_000),
        ]);
        let order: Vec<LeadStage> = stages.iter().map(|stage| stage.stage).collect();
        assert_eq!(order, open_stages().collect::<Vec<_>>());
        assert_eq!(stages[0].count, 4);
        assert!(stages[0].value.is_empty());
        let proposal = stages
            .iter()
            .find(|stage| stage.stage == LeadStage::Proposal);
        assert_eq!(proposal.map(|stage| stage.count), Some(4));
        assert_eq!(
            proposal.map(|stage| stage.value.clone()),
            Some([(Currency::Irr, 90_000), (Currency::Usd, 4_000)].into())
        );
    }

    #[test]
    fn activity_counts_file_each_kind_in_its_own_column() {
        let mut counts = ActivityCounts::default();
        counts.add(ActivityKind::Call, 3);
        counts.add(ActivityKind::Email, 2);
        counts.add(ActivityKind::Task, 1);
        assert_eq!(counts.calls, 3);
        assert_eq!(counts.emails, 2);
        assert_eq!(counts.tasks_done, 1);
        assert_eq!(counts.total(), 6);
    }
}
