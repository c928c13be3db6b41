//! The leadership summary: one page per period that a manager takes
//! upstairs (the seed's "connecting the department with leadership"):
//! results against goals, the headline changes month over month and year
//! over year, the best and worst tactic, the stale pipeline, the forecast
//! and the manager's own note, stored with the period. Built by the server
//! from the other reports; the picks and the note's rule are pure.

use super::comparison::MetricLine;
use super::effectiveness::ApproachLine;
use super::goal::GoalMetric;
use super::period::{Calendar, Period};
use super::pipeline_health::{ForecastLine, StaleDeal};
use super::progress::GoalStanding;
use super::team_dashboard::MoneyByCurrency;
use super::validation::{FieldErrors, MAX_NOTES, optional_text};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Stale deals named on the summary; the rest are counted.
pub const STALE_DEALS_NAMED: usize = 5;

/// The manager's note on a period, with who wrote it last.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PeriodNote {
    #[cfg_attr(feature = "ssr", sqlx(rename = "note"))]
    pub text: String,
    #[cfg_attr(feature = "ssr", sqlx(rename = "display_name"))]
    pub updated_by_name: String,
    #[cfg_attr(
        feature = "ssr",
        sqlx(try_from = "crate::store::columns::StoredInstant")
    )]
    #[serde(with = "crate::domain::wire_time::instant")]
    pub updated_at: DateTime<Utc>,
}

/// The whole page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeadershipSummary {
    pub calendar: Calendar,
    pub period: Period,
    pub previous: Period,
    pub year_ago: Period,
    pub team_name: String,
    /// The team's goals for the period (team goals first).
    pub goals: Vec<GoalStanding>,
    /// The team's headline figures in the three periods.
    pub headline: Vec<MetricLine>,
    pub best_tactic: Option<ApproachLine>,
    pub worst_tactic: Option<ApproachLine>,
    pub stale_count: i64,
    pub stale_value: MoneyByCurrency,
    /// The most neglected stale deals, at most `STALE_DEALS_NAMED`.
    pub stale_named: Vec<StaleDeal>,
    pub forecast: Option<ForecastLine>,
    pub note: Option<PeriodNote>,
    /// Whether the reader may write the note (the team's manager, an admin).
    pub may_write_note: bool,
    #[serde(with = "crate::domain::wire_time::instant")]
    pub computed_at: DateTime<Utc>,
}

/// The figures a leadership page leads with, in this order.
pub const HEADLINE_METRICS: [GoalMetric; 5] = [
    GoalMetric::RevenueWon,
    GoalMetric::DealsWon,
    GoalMetric::NewCustomers,
    GoalMetric::ConversionRate,
    GoalMetric::Activities,
];

/// The headline lines out of a team's comparison lines, in headline order.
pub fn headline_lines(lines: &[MetricLine]) -> Vec<MetricLine> {
    HEADLINE_METRICS
        .iter()
        .flat_map(|metric| {
            lines
                .iter()
                .filter(move |line| line.metric == *metric)
                .cloned()
        })
        .collect()
}

/// A note as typed: trimmed, at most `MAX_NOTES` characters; empty clears it.
pub fn valid_note(text: &str) -> Result<String, FieldErrors> {
    let mut errors = FieldErrors::default();
    let note = errors.check("note", optional_text(text, MAX_NOTES));
    errors.into_result(|| note)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(metric: GoalMetric) -> MetricLine {
        MetricLine {
            metric,
            currency: None,
            current: 1,
            previous: 0,
            year_ago: 0,
        }
    }

    #[test]
    fn the_headline_keeps_the_leading_metrics_in_order() {
        let lines = vec![
            line(GoalMetric::Calls),
            line(GoalMetric::Activities),
            line(GoalMetric::RevenueWon),
            line(GoalMetric::DealsWon),
        ];
        let metrics: Vec<GoalMetric> = headline_lines(&lines)
            .into_iter()
            .map(|line| line.metric)
            .collect();
        assert_eq!(
            metrics,
            [
                GoalMetric::RevenueWon,
                GoalMetric::DealsWon,
                GoalMetric::Activities
            ]
        );
    }

    #[test]
    fn a_note_is_trimmed_and_bounded() {
        assert_eq!(
            valid_note("  Strong month.  ").ok().as_deref(),
            Some("Strong month.")
        );
        assert_eq!(valid_note("").ok().as_deref(), Some(""));
        let long = "x".repeat(MAX_NOTES + 1);
        let errors = valid_note(&long).expect_err("too long");
        assert!(errors.for_field("note").is_some());
    }
}
