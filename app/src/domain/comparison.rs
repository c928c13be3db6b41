//! Month over month and year over year: the same figures for the current
//! period, the one before it and the same period a year earlier, with the
//! change in percent, for a team and for each of its reps. Figures come
//! from `progress::MetricTotals`, so a report counts exactly what goals
//! count (deals on the day they closed, activities on the day they
//! happened, whenever they were synced). Pure, shared by the server (which
//! fills it) and the screen (which shows it and writes the CSV).

use super::csv::field;
use super::goal::GoalMetric;
use super::ids::UserId;
use super::money::{Currency, amount_for_input};
use super::period::{Calendar, Period, PeriodLength, period_containing};
use super::progress::MetricTotals;
use super::{Choice, calendar};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// One metric in the three periods.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetricLine {
    pub metric: GoalMetric,
    /// For revenue: one line per currency.
    pub currency: Option<Currency>,
    /// 128 bits: a revenue total may pass `i64::MAX` (`money::MoneySum`).
    pub current: i128,
    pub previous: i128,
    pub year_ago: i128,
}

/// Whose figures: the team as a whole (`user_id` none) or one rep.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubjectComparison {
    pub user_id: Option<UserId>,
    pub name: String,
    pub lines: Vec<MetricLine>,
}

/// The whole report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodComparison {
    pub calendar: Calendar,
    pub current: Period,
    pub previous: Period,
    pub year_ago: Period,
    /// The team first (when the reader may see it), then each rep.
    pub subjects: Vec<SubjectComparison>,
    #[serde(with = "crate::domain::wire_time::instant")]
    pub computed_at: DateTime<Utc>,
}

/// The change from `before` to `now` in whole percent (rounded half away
/// from zero); `None` when there was nothing before to compare with.
pub fn change_percent(now: impl Into<i128>, before: impl Into<i128>) -> Option<i64> {
    let (now, before): (i128, i128) = (now.into(), before.into());
    if before == 0 {
        return None;
    }
    let difference = now.saturating_sub(before).saturating_mul(100);
    let before = before.saturating_abs();
    let rounded = if difference >= 0 {
        (difference * 2 + before) / (before * 2)
    } else {
        -((-difference * 2 + before) / (before * 2))
    };
    i64::try_from(rounded).ok()
}

/// The period of the same length a year before `period` in `calendar` (the
/// same month, quarter or year, one year back).
pub fn year_before(calendar: Calendar, length: PeriodLength, period: Period) -> Option<Period> {
    let start = period.start;
    let a_year_earlier = match calendar {
        Calendar::Gregorian => NaiveDate::from_ymd_opt(start.year() - 1, start.month(), 1)?,
        Calendar::Jalali => {
            let (year, month, _) = calendar::jalali_parts(start)?;
            calendar::from_jalali(year - 1, month, 1)?
        }
    };
    period_containing(calendar, length, a_year_earlier)
}

/// The metrics a comparison shows, in order; revenue once per currency
/// that appears in any of the three periods.
pub fn metric_lines(
    current: &MetricTotals,
    previous: &MetricTotals,
    year_ago: &MetricTotals,
) -> Vec<MetricLine> {
    let mut currencies: Vec<Currency> = [current, previous, year_ago]
        .iter()
        .flat_map(|totals| totals.revenue_won.keys().copied())
        .collect();
    crate::domain::sorting::sort(&mut currencies);
    currencies.dedup();
    let line = |metric: GoalMetric, currency: Option<Currency>| MetricLine {
        metric,
        currency,
        current: current.value(metric, currency),
        previous: previous.value(metric, currency),
        year_ago: year_ago.value(metric, currency),
    };
    let mut lines: Vec<MetricLine> = currencies
        .into_iter()
        .map(|currency| line(GoalMetric::RevenueWon, Some(currency)))
        .collect();
    for metric in [
        GoalMetric::DealsWon,
        GoalMetric::NewCustomers,
        GoalMetric::ConversionRate,
        GoalMetric::Calls,
        GoalMetric::Meetings,
        GoalMetric::Activities,
    ] {
        lines.push(line(metric, None));
    }
    lines
}

/// The report as CSV, one row per subject and metric; money in major
/// units, conversion in percent, changes in percent (empty when there was
/// nothing to compare with).
pub fn comparison_csv(report: &PeriodComparison) -> String {
    let mut csv = String::from(
        "subject,metric,currency,period_start,period_end,current,previous,change_vs_previous_percent,year_ago,change_vs_year_ago_percent\r\n",
    );
    let percent = |change: Option<i64>| change.map(|change| change.to_string()).unwrap_or_default();
    for subject in &report.subjects {
        for line in &subject.lines {
            let value = |value: i128| match line.currency {
                Some(currency) => amount_for_input(value, currency),
                None => value.to_string(),
            };
            csv.push_str(&format!(
                "{},{},{},{},{},{},{},{},{},{}\r\n",
                field(&subject.name),
                line.metric.as_str(),
                line.currency.map(Choice::as_str).unwrap_or_default(),
                report.current.start.format("%Y-%m-%d"),
                report.current.end.format("%Y-%m-%d"),
                value(line.current),
                value(line.previous),
                percent(change_percent(line.current, line.previous)),
                value(line.year_ago),
                percent(change_percent(line.current, line.year_ago)),
            ));
        }
    }
    csv
}

/// A rep's work on this device that the server has not counted yet: the
/// totals of the device's view (synced rows with the outbox on top) minus
/// those of the synced rows alone, over the same rows, so rows the device
/// never held or evicted change nothing.
pub fn unsynced_part(view: &MetricTotals, synced: &MetricTotals) -> MetricTotals {
    let mut revenue_won = view.revenue_won.clone();
    for (currency, amount) in &synced.revenue_won {
        let entry = revenue_won.value_or_insert_with(*currency, || 0);
        *entry = entry.saturating_sub(*amount);
    }
    revenue_won.retain(|_, amount| *amount != 0);
    MetricTotals {
        revenue_won,
        deals_won: view.deals_won.saturating_sub(synced.deals_won),
        deals_lost: view.deals_lost.saturating_sub(synced.deals_lost),
        new_customers: view.new_customers.saturating_sub(synced.new_customers),
        calls: view.calls.saturating_sub(synced.calls),
        meetings: view.meetings.saturating_sub(synced.meetings),
        activities: view.activities.saturating_sub(synced.activities),
        training_completed: 0,
    }
}

/// A line's current figure with the unsynced work added; `None` for a rate,
/// which cannot be added up from the shown figures.
pub fn with_unsynced(line: &MetricLine, unsynced: &MetricTotals) -> Option<i128> {
    match line.metric {
        GoalMetric::ConversionRate => None,
        metric => Some(
            line.current
                .saturating_add(unsynced.value(metric, line.currency)),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::from_jalali;

    fn day(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default()
    }

    #[test]
    fn changes_are_whole_percent_and_absent_from_nothing() {
        assert_eq!(change_percent(150, 100), Some(50));
        assert_eq!(change_percent(50, 100), Some(-50));
        assert_eq!(change_percent(100, 100), Some(0));
        assert_eq!(change_percent(1, 3), Some(-67));
        assert_eq!(change_percent(2, 3), Some(-33));
        assert_eq!(change_percent(5, 0), None);
        assert_eq!(change_percent(0, 4), Some(-100));
        assert_eq!(change_percent(-2, -4), Some(50));
    }

    #[test]
    fn a_year_earlier_is_the_same_month_in_the_teams_calendar() {
        // Farvardin 1405 (from Nowruz 2026) against Farvardin 1404.
        let farvardin = period_containing(Calendar::Jalali, PeriodLength::Month, day(2026, 3, 25));
        let year_ago =
            farvardin.and_then(|period| year_before(Calendar::Jalali, PeriodLength::Month, period));
        assert_eq!(year_ago.map(|period| period.start), from_jalali(1404, 1, 1));
        assert_eq!(year_ago.map(|period| period.end), from_jalali(1404, 1, 31));
        // The month before Farvardin 1405 is Esfand 1404: across the Jalali new year.
        let previous = farvardin.and_then(|period| {
            crate::domain::period::previous_period(Calendar::Jalali, PeriodLength::Month, period)
        });
        assert_eq!(
            previous.map(|period| period.start),
            from_jalali(1404, 12, 1)
        );
        // Gregorian quarters and a leap February.
        let quarter =
            period_containing(Calendar::Gregorian, PeriodLength::Quarter, day(2028, 2, 29));
        let year_ago = quarter
            .and_then(|period| year_before(Calendar::Gregorian, PeriodLength::Quarter, period));
        assert_eq!(
            year_ago,
            Some(Period {
                start: day(2027, 1, 1),
                end: day(2027, 3, 31)
            })
        );
    }

    #[test]
    fn lines_cover_every_currency_seen_and_every_count() {
        let mut current = MetricTotals::default();
        current.revenue_won.insert(Currency::Usd, 150_000);
        current.deals_won = 3;
        current.deals_lost = 1;
        current.calls = 12;
        let mut year_ago = MetricTotals::default();
        year_ago.revenue_won.insert(Currency::Irr, 9_000_000);
        year_ago.deals_won = 1;
        year_ago.deals_lost = 1;
        let lines = metric_lines(&current, &MetricTotals::default(), &year_ago);
        let revenue: Vec<(Option<Currency>, i128, i128)> = lines
            .iter()
            .filter(|line| line.metric == GoalMetric::RevenueWon)
            .map(|line| (line.currency, line.current, line.year_ago))
            .collect();
        assert_eq!(
            revenue,
            vec![
                (Some(Currency::Irr), 0, 9_000_000),
                (Some(Currency::Usd), 150_000, 0)
            ]
        );
        let conversion = lines
            .iter()
            .find(|line| line.metric == GoalMetric::ConversionRate);
        assert_eq!(
            conversion.map(|line| (line.current, line.year_ago)),
            Some((75, 50))
        );
        assert_eq!(lines.len(), 2 + 6);
    }

    #[test]
    fn the_csv_has_a_row_per_subject_and_metric() {
        let mut current = MetricTotals::default();
        current.revenue_won.insert(Currency::Usd, 150_050);
        current.calls = 4;
        let mut previous = MetricTotals::default();
        previous.revenue_won.insert(Currency::Usd, 100_000);
        previous.calls = 8;
        let report = PeriodComparison {
            calendar: Calendar::Gregorian,
            current: Period {
                start: day(2026, 12, 1),
                end: day(2026, 12, 31),
            },
            previous: Period {
                start: day(2026, 11, 1),
                end: day(2026, 11, 30),
            },
            year_ago: Period {
                start: day(2025, 12, 1),
                end: day(2025, 12, 31),
            },
            subjects: vec![SubjectComparison {
                user_id: None,
                name: "=Team, A".into(),
                lines: metric_lines(&current, &previous, &MetricTotals::default()),
            }],
            computed_at: Utc::now(),
        };
        let csv = comparison_csv(&report);
        let rows: Vec<&str> = csv.split("\r\n").filter(|row| !row.is_empty()).collect();
        assert_eq!(rows.len(), 1 + 7);
        assert_eq!(
            rows[1],
            "\"'=Team, A\",revenue_won,USD,2026-12-01,2026-12-31,1500.50,1000,50,0,"
        );
        assert!(rows.contains(&"\"'=Team, A\",calls,,2026-12-01,2026-12-31,4,8,-50,0,"));
    }

    #[test]
    fn unsynced_work_is_the_device_view_minus_its_synced_rows_and_adds_to_a_line() {
        use crate::domain::lead::{CustomerKind, LeadStage};
        let mut synced = MetricTotals::default();
        synced.count_closed(LeadStage::Won, 1, 50_000, Currency::Usd, CustomerKind::New);
        synced.calls = 4;
        let mut view = synced.clone();
        view.count_closed(
            LeadStage::Won,
            1,
            20_000,
            Currency::Usd,
            CustomerKind::Existing,
        );
        view.calls = 6;
        let unsynced = unsynced_part(&view, &synced);
        assert_eq!(unsynced.deals_won, 1);
        assert_eq!(unsynced.calls, 2);
        assert_eq!(unsynced.revenue_won.get(&Currency::Usd), Some(&20_000));
        assert_eq!(unsynced.new_customers, 0);
        let line = |metric, currency, current| MetricLine {
            metric,
            currency,
            current,
            previous: 0,
            year_ago: 0,
        };
        assert_eq!(
            with_unsynced(&line(GoalMetric::Calls, None, 10), &unsynced),
            Some(12)
        );
        assert_eq!(
            with_unsynced(
                &line(GoalMetric::RevenueWon, Some(Currency::Usd), 80_000),
                &unsynced
            ),
            Some(100_000)
        );
        assert_eq!(
            with_unsynced(&line(GoalMetric::ConversionRate, None, 50), &unsynced),
            None
        );
        // Nothing pending: nothing added.
        assert_eq!(unsynced_part(&view, &view), MetricTotals::default());
    }
}
