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
    pub current: i64,
    pub previous: i64,
    pub year_ago: i64,
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
    pub computed_at: DateTime<Utc>,
}

/// The change from `before` to `now` in whole percent (rounded half away
/// from zero); `None` when there was nothing before to compare with.
pub fn change_percent(now: i64, before: i64) -> Option<i64> {
    if before == 0 {
        return None;
    }
    let difference = (i128::from(now) - i128::from(before)) * 100;
    let before = i128::from(before).abs();
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
    currencies.sort();
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
            let value = |value: i64| match line.currency {
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
        let revenue: Vec<(Option<Currency>, i64, i64)> = lines
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
}
