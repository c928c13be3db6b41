//! Which tactics work: for each tactic, activity type and lead source, the
//! activities of a period, the leads it first reached in the period, and
//! how many of those leads moved forward a stage or were won within a
//! window of days after that first touch (the seed's question: do cold
//! calls or personalised e-mails bring more?). A lead counts once per
//! approach, in the period of its first touch, so a long deal is not
//! counted again every month it is called. The server counts (`store::effectiveness`); the
//! derived shares, the order and the CSV are pure and live here, shared
//! with the screen.

use super::Choice;
use super::activity::{ActivityKind, Tactic};
use super::csv::field;
use super::lead::LeadSource;
use super::money::{Currency, amount_for_input};
use super::period::{Calendar, Period};
use super::team_dashboard::MoneyByCurrency;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Days after a first touch in which a move forward or a win counts for it.
pub const DEFAULT_WINDOW_DAYS: u32 = 14;
/// The windows a report may ask for: the server keeps a count for each,
/// so every period's report is a sum of day counts (migration 0035).
pub const WINDOW_CHOICES: [u32; 6] = [7, 14, 30, 60, 90, 180];

/// What a line groups by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "by", content = "value", rename_all = "snake_case")]
pub enum Approach {
    Tactic(Tactic),
    Kind(ActivityKind),
    Source(LeadSource),
}

impl Approach {
    /// The stored spelling of the tactic, type or source.
    pub fn value(self) -> &'static str {
        match self {
            Approach::Tactic(tactic) => tactic.as_str(),
            Approach::Kind(kind) => kind.as_str(),
            Approach::Source(source) => source.as_str(),
        }
    }
}

/// One tactic's (or type's, or source's) figures over the period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApproachLine {
    pub approach: Approach,
    /// Activities logged in the period (tasks left out).
    pub activities: i64,
    /// Distinct leads those activities were about.
    pub leads_touched: i64,
    /// Of those leads, how many moved forward a stage (or were won, even
    /// straight from where they were) within the window.
    pub moved_forward: i64,
    /// Of those leads, how many were won within the window.
    pub won: i64,
    /// What those won deals brought, per currency.
    pub revenue: MoneyByCurrency,
}

/// A share in whole percent, rounded half up; `None` when there is no whole.
pub fn share_percent(part: i64, whole: i64) -> Option<i64> {
    if whole <= 0 {
        return None;
    }
    i64::try_from((i128::from(part) * 200 + i128::from(whole)) / (i128::from(whole) * 2)).ok()
}

impl ApproachLine {
    pub fn forward_percent(&self) -> Option<i64> {
        share_percent(self.moved_forward, self.leads_touched)
    }

    pub fn won_percent(&self) -> Option<i64> {
        share_percent(self.won, self.leads_touched)
    }

    /// Revenue won per 100 activities, per currency (rounded down), so a
    /// tactic used ten times and one used a thousand times compare fairly.
    pub fn revenue_per_hundred(&self) -> Vec<(Currency, i64)> {
        if self.activities <= 0 {
            return Vec::new();
        }
        self.revenue
            .iter()
            .map(|(currency, amount)| {
                let per_hundred = amount.saturating_mul(100) / i128::from(self.activities);
                (*currency, i64::try_from(per_hundred).unwrap_or(i64::MAX))
            })
            .collect()
    }
}

/// How the lines are ranked, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApproachOrder {
    /// Share of touched leads won (the default: what pays).
    WonShare,
    ForwardShare,
    Activities,
    LeadsTouched,
}

impl ApproachOrder {
    pub const ALL: [ApproachOrder; 4] = [
        ApproachOrder::WonShare,
        ApproachOrder::ForwardShare,
        ApproachOrder::Activities,
        ApproachOrder::LeadsTouched,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ApproachOrder::WonShare => "won_share",
            ApproachOrder::ForwardShare => "forward_share",
            ApproachOrder::Activities => "activities",
            ApproachOrder::LeadsTouched => "leads_touched",
        }
    }

    pub fn from_text(text: &str) -> ApproachOrder {
        Self::ALL
            .into_iter()
            .find(|order| order.as_str() == text)
            .unwrap_or(ApproachOrder::WonShare)
    }
}

/// Ranks `lines` best first by `order`; ties go to the line with more
/// wins, then more activities, then the approach's order, so the ranking
/// is stable. A line with nothing to share (no leads touched) goes last.
pub fn rank(lines: &mut [ApproachLine], order: ApproachOrder) {
    let measure = |line: &ApproachLine| -> Option<i64> {
        match order {
            ApproachOrder::WonShare => line.won_percent(),
            ApproachOrder::ForwardShare => line.forward_percent(),
            ApproachOrder::Activities => Some(line.activities),
            ApproachOrder::LeadsTouched => Some(line.leads_touched),
        }
    };
    crate::domain::sorting::sort_by(lines, |a, b| {
        measure(b)
            .cmp(&measure(a))
            .then(b.won.cmp(&a.won))
            .then(b.activities.cmp(&a.activities))
            .then(a.approach.cmp(&b.approach))
    });
}

/// The best and the worst tactic by share won, among tactics that touched
/// at least `minimum_leads` leads (so one lucky call does not top the list).
pub fn best_and_worst(
    lines: &[ApproachLine],
    minimum_leads: i64,
) -> Option<(&ApproachLine, &ApproachLine)> {
    let mut eligible: Vec<&ApproachLine> = lines
        .iter()
        .filter(|line| line.leads_touched >= minimum_leads.max(1))
        .collect();
    if eligible.len() < 2 {
        return None;
    }
    crate::domain::sorting::sort_by(&mut eligible, |a, b| {
        b.won_percent()
            .cmp(&a.won_percent())
            .then(b.won.cmp(&a.won))
            .then(a.approach.cmp(&b.approach))
    });
    Some((eligible[0], eligible[eligible.len() - 1]))
}

/// The tactic report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EffectivenessReport {
    pub calendar: Calendar,
    pub period: Period,
    pub window_days: u32,
    /// Whose work: the team's name, or one rep's.
    pub subject: String,
    pub by_tactic: Vec<ApproachLine>,
    pub by_kind: Vec<ApproachLine>,
    pub by_source: Vec<ApproachLine>,
    #[serde(with = "crate::domain::wire_time::instant")]
    pub computed_at: DateTime<Utc>,
}

/// The report as CSV: one row per line shown, grouped, with plain numbers
/// (percent as a whole number, money in the currency's major unit).
pub fn effectiveness_csv(report: &EffectivenessReport) -> String {
    let mut csv = String::from(
        "group,value,activities,leads_touched,moved_forward,moved_forward_percent,won,won_percent,revenue_per_100_activities\r\n",
    );
    let groups = [
        ("tactic", &report.by_tactic),
        ("activity_type", &report.by_kind),
        ("lead_source", &report.by_source),
    ];
    let percent = |value: Option<i64>| value.map(|value| value.to_string()).unwrap_or_default();
    for (group, lines) in groups {
        for line in lines.iter() {
            let money: Vec<String> = line
                .revenue_per_hundred()
                .into_iter()
                .map(|(currency, amount)| {
                    format!(
                        "{} {}",
                        amount_for_input(amount, currency),
                        currency.as_str()
                    )
                })
                .collect();
            csv.push_str(&format!(
                "{group},{},{},{},{},{},{},{},{}\r\n",
                field(line.approach.value()),
                line.activities,
                line.leads_touched,
                line.moved_forward,
                percent(line.forward_percent()),
                line.won,
                percent(line.won_percent()),
                field(&money.join("; ")),
            ));
        }
    }
    csv
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(tactic: Tactic, activities: i64, touched: i64, forward: i64, won: i64) -> ApproachLine {
        ApproachLine {
            approach: Approach::Tactic(tactic),
            activities,
            leads_touched: touched,
            moved_forward: forward,
            won,
            revenue: MoneyByCurrency::new(),
        }
    }

    #[test]
    fn a_tactic_that_converts_ranks_above_one_that_does_not() {
        let mut lines = vec![
            line(Tactic::ColdCall, 120, 80, 4, 1),
            line(Tactic::PersonalisedEmail, 30, 20, 9, 5),
            line(Tactic::Visit, 0, 0, 0, 0),
        ];
        rank(&mut lines, ApproachOrder::WonShare);
        let order: Vec<Approach> = lines.iter().map(|line| line.approach).collect();
        assert_eq!(
            order,
            [
                Approach::Tactic(Tactic::PersonalisedEmail),
                Approach::Tactic(Tactic::ColdCall),
                Approach::Tactic(Tactic::Visit)
            ]
        );
        assert_eq!(lines[0].won_percent(), Some(25));
        assert_eq!(lines[1].won_percent(), Some(1));
        assert_eq!(lines[2].won_percent(), None);
        rank(&mut lines, ApproachOrder::Activities);
        assert_eq!(lines[0].approach, Approach::Tactic(Tactic::ColdCall));
    }

    #[test]
    fn revenue_is_per_hundred_activities_and_per_currency() {
        let mut tactic = line(Tactic::Referral, 8, 4, 2, 2);
        tactic.revenue.insert(Currency::Irr, 1_000);
        tactic.revenue.insert(Currency::Usd, 30);
        assert_eq!(
            tactic.revenue_per_hundred(),
            vec![(Currency::Irr, 12_500), (Currency::Usd, 375)]
        );
        assert!(
            line(Tactic::Other, 0, 0, 0, 0)
                .revenue_per_hundred()
                .is_empty()
        );
    }

    #[test]
    fn best_and_worst_ignore_tactics_with_too_few_leads() {
        let lines = vec![
            line(Tactic::ColdCall, 120, 80, 4, 2),
            line(Tactic::PersonalisedEmail, 30, 20, 9, 5),
            line(Tactic::Visit, 1, 1, 1, 1),
        ];
        let (best, worst) = best_and_worst(&lines, 5).expect("two tactics qualify");
        assert_eq!(best.approach, Approach::Tactic(Tactic::PersonalisedEmail));
        assert_eq!(worst.approach, Approach::Tactic(Tactic::ColdCall));
        assert!(best_and_worst(&lines[..1], 5).is_none());
    }

    #[test]
    fn the_csv_has_one_row_per_line_and_defuses_formulas() {
        let report = EffectivenessReport {
            calendar: Calendar::Gregorian,
            period: Period {
                start: chrono::NaiveDate::from_ymd_opt(2026, 11, 1).expect("date"),
                end: chrono::NaiveDate::from_ymd_opt(2026, 11, 30).expect("date"),
            },
            window_days: DEFAULT_WINDOW_DAYS,
            subject: "=Team".into(),
            by_tactic: vec![line(Tactic::ColdCall, 10, 5, 1, 1)],
            by_kind: vec![ApproachLine {
                approach: Approach::Kind(ActivityKind::Call),
                ..line(Tactic::ColdCall, 10, 5, 1, 1)
            }],
            by_source: Vec::new(),
            computed_at: DateTime::<Utc>::UNIX_EPOCH,
        };
        let csv = effectiveness_csv(&report);
        let rows: Vec<&str> = csv.lines().collect();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1], "tactic,cold_call,10,5,1,20,1,20,");
        assert!(rows[2].starts_with("activity_type,call,"));
    }

    #[test]
    fn the_approach_has_a_stable_wire_shape() {
        let json = serde_json::to_string(&Approach::Source(LeadSource::ColdList)).ok();
        assert_eq!(
            json.as_deref(),
            Some(r#"{"by":"source","value":"cold_list"}"#)
        );
    }
}
