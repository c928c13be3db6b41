//! How the pipeline flows and what it will bring: the funnel (how many
//! leads entered each stage in a period, how many went on, and the median
//! time spent in each stage), stale deals (open deals nobody touched for
//! days or stuck longer than the team's usual), the forecast (won so far
//! plus the open pipeline weighted by each stage's historical win rate,
//! from the team's own closed deals) and each rep's productivity. The
//! server counts rows (`store::pipeline_health`); the arithmetic here is
//! pure and unit-tested.

use super::ids::{LeadId, UserId};
use super::lead::LeadStage;
use super::money::{Currency, MoneySum};
use super::period::{Calendar, Period};
use super::team_dashboard::{MoneyByCurrency, add_money};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Days without any activity after which an open deal counts as stale.
pub const DEFAULT_IDLE_DAYS: u32 = 14;
/// Stale deals listed at most, most stale first.
pub const STALE_DEALS_SHOWN: usize = 50;
/// How far back closed deals teach the stage win rates.
pub const WIN_RATE_LOOKBACK_DAYS: i64 = 365;

/// Seconds in a tenth of a day: durations are kept in tenths of days so
/// "3.5 days" needs no floating point.
const SECONDS_PER_TENTH_DAY: i64 = 8_640;

/// A duration in seconds as tenths of a day, rounded half up.
pub fn tenths_of_days(seconds: i64) -> i64 {
    (seconds.max(0) + SECONDS_PER_TENTH_DAY / 2) / SECONDS_PER_TENTH_DAY
}

/// The median of `values` (the mean of the middle two when even), or
/// `None` for no values.
pub fn median(values: &mut [i64]) -> Option<i64> {
    if values.is_empty() {
        return None;
    }
    crate::domain::sorting::sort(values);
    let middle = values.len() / 2;
    Some(if values.len() % 2 == 1 {
        values[middle]
    } else {
        i64::try_from((i128::from(values[middle - 1]) + i128::from(values[middle])) / 2)
            .unwrap_or(values[middle])
    })
}

/// The stages a deal passes through before it closes, in order.
pub const OPEN_STAGES: [LeadStage; 5] = [
    LeadStage::New,
    LeadStage::Contacted,
    LeadStage::Qualified,
    LeadStage::Proposal,
    LeadStage::Negotiation,
];

/// One stage of the funnel over the period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunnelStep {
    pub stage: LeadStage,
    /// Leads that entered the stage during the period.
    pub entered: i64,
    /// Of those, how many have since moved further along.
    pub went_on: i64,
    /// Median time in the stage of the moves out of it in the period, in
    /// tenths of a day.
    pub median_tenths_of_days: Option<i64>,
}

impl FunnelStep {
    pub fn conversion_percent(&self) -> Option<i64> {
        super::effectiveness::share_percent(self.went_on, self.entered)
    }
}

/// The funnel from counted rows: `entered` (stage, entered, went on) and
/// `durations` (stage left, seconds spent in it). Every open stage and won
/// are listed, in pipeline order, even when nothing happened in them.
pub fn funnel(
    entered: &[(LeadStage, i64, i64)],
    durations: &[(LeadStage, i64)],
) -> Vec<FunnelStep> {
    OPEN_STAGES
        .iter()
        .chain(std::iter::once(&LeadStage::Won))
        .map(|stage| {
            let (entered, went_on) = entered
                .iter()
                .filter(|(entered_stage, _, _)| entered_stage == stage)
                .fold((0, 0), |(sum_entered, sum_on), (_, count, on)| {
                    (sum_entered + count, sum_on + on)
                });
            let mut times: Vec<i64> = durations
                .iter()
                .filter(|(left, _)| left == stage)
                .map(|(_, seconds)| tenths_of_days(*seconds))
                .collect();
            FunnelStep {
                stage: *stage,
                entered,
                went_on: if *stage == LeadStage::Won { 0 } else { went_on },
                median_tenths_of_days: median(&mut times),
            }
        })
        .collect()
}

/// An open deal as the stale list considers it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct OpenDeal {
    pub lead_id: LeadId,
    pub name: String,
    pub owner_id: UserId,
    pub owner_name: String,
    pub stage: LeadStage,
    pub value: i64,
    pub currency: Currency,
    /// The last activity logged on it, if any.
    #[cfg_attr(
        feature = "ssr",
        sqlx(try_from = "crate::store::columns::OptionalInstant")
    )]
    #[serde(default, with = "crate::domain::wire_time::optional_instant")]
    pub last_touched_at: Option<DateTime<Utc>>,
    /// When it entered its current stage.
    #[cfg_attr(
        feature = "ssr",
        sqlx(
            rename = "stage_since",
            try_from = "crate::store::columns::StoredInstant"
        )
    )]
    #[serde(with = "crate::domain::wire_time::instant")]
    pub in_stage_since: DateTime<Utc>,
}

/// A deal that needs attention, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaleDeal {
    pub deal: OpenDeal,
    /// Whole days since the last activity (or since it entered its stage,
    /// when nobody ever touched it), when that is at least the idle limit.
    pub idle_days: Option<i64>,
    /// Whole days in its stage, when longer than the team's median there.
    pub stuck_days: Option<i64>,
}

/// The open deals that went `idle_days` without an activity or sat in
/// their stage longer than the team's median (`medians`, tenths of days),
/// most idle first, at most `STALE_DEALS_SHOWN`.
pub fn stale_deals(
    deals: Vec<OpenDeal>,
    now: DateTime<Utc>,
    idle_days: u32,
    medians: &BTreeMap<LeadStage, i64>,
) -> Vec<StaleDeal> {
    let whole_days = |since: DateTime<Utc>| (now - since).num_days().max(0);
    let mut stale: Vec<StaleDeal> = deals
        .into_iter()
        .filter_map(|deal| {
            let quiet_since = deal.last_touched_at.unwrap_or(deal.in_stage_since);
            let idle = whole_days(quiet_since);
            let in_stage = whole_days(deal.in_stage_since);
            let idle_days = (idle >= i64::from(idle_days)).then_some(idle);
            let stuck_days = medians
                .get(&deal.stage)
                .filter(|median| in_stage * 10 > **median && in_stage > 0)
                .map(|_| in_stage);
            (idle_days.is_some() || stuck_days.is_some()).then_some(StaleDeal {
                deal,
                idle_days,
                stuck_days,
            })
        })
        .collect();
    crate::domain::sorting::sort_by(&mut stale, |a, b| {
        let quiet = |deal: &StaleDeal| {
            deal.deal
                .last_touched_at
                .unwrap_or(deal.deal.in_stage_since)
        };
        quiet(a)
            .cmp(&quiet(b))
            .then(b.deal.value.cmp(&a.deal.value))
            .then(a.deal.lead_id.cmp(&b.deal.lead_id))
    });
    stale.truncate(STALE_DEALS_SHOWN);
    stale
}

/// The instants before which entering a stage makes a deal stuck: one
/// whole day more than the stage's median (tenths of days), so the store's
/// filter and `stale_deals` agree.
pub fn stuck_cutoffs(
    medians: &BTreeMap<LeadStage, i64>,
    now: DateTime<Utc>,
) -> BTreeMap<LeadStage, DateTime<Utc>> {
    medians
        .iter()
        .map(|(stage, tenths)| {
            (
                *stage,
                now - chrono::Duration::days((tenths / 10 + 1).max(1)),
            )
        })
        .collect()
}

/// How often a closed deal that reached a stage was won.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageWinRate {
    pub stage: LeadStage,
    /// Closed deals (in the look-back) that passed through the stage.
    pub closed: i64,
    pub won: i64,
}

impl StageWinRate {
    pub fn percent(&self) -> Option<i64> {
        super::effectiveness::share_percent(self.won, self.closed)
    }
}

/// Open value weighted by win rates: each stage's value times the share of
/// closed deals that passed that stage and were won. A stage with no
/// history weighs nothing (no guessing), rounded down per stage.
pub fn weighted_open(
    open: &[(LeadStage, Currency, MoneySum)],
    rates: &[StageWinRate],
) -> MoneyByCurrency {
    let mut weighted = MoneyByCurrency::new();
    for (stage, currency, value) in open {
        let Some(rate) = rates.iter().find(|rate| rate.stage == *stage) else {
            continue;
        };
        if rate.closed <= 0 {
            continue;
        }
        let share = value.saturating_mul(i128::from(rate.won)) / i128::from(rate.closed);
        add_money(&mut weighted, *currency, share);
    }
    weighted
}

/// Adds two sums per currency.
pub fn money_sum(a: &MoneyByCurrency, b: &MoneyByCurrency) -> MoneyByCurrency {
    let mut sum = a.clone();
    for (currency, amount) in b {
        add_money(&mut sum, *currency, *amount);
    }
    sum
}

/// One forecast line: a rep, or the team (`user_id` none).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForecastLine {
    pub user_id: Option<UserId>,
    pub name: String,
    pub won_so_far: MoneyByCurrency,
    pub weighted_open: MoneyByCurrency,
    /// Revenue goals in force for the period, per currency (targets).
    pub goal: MoneyByCurrency,
}

impl ForecastLine {
    pub fn expected(&self) -> MoneyByCurrency {
        money_sum(&self.won_so_far, &self.weighted_open)
    }

    /// Expected minus goal, per currency of the goal (negative: a shortfall).
    pub fn against_goal(&self) -> Vec<(Currency, MoneySum)> {
        let expected = self.expected();
        self.goal
            .iter()
            .map(|(currency, target)| {
                let have = expected.get(currency).copied().unwrap_or(0);
                (*currency, have.saturating_sub(*target))
            })
            .collect()
    }
}

/// One rep's productivity over the period.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Productivity {
    pub user_id: Option<UserId>,
    pub name: String,
    /// Activities logged (tasks when done).
    pub activities: i64,
    pub won: i64,
    pub lost: i64,
    pub revenue: MoneyByCurrency,
    /// Sum over the deals won in the period of the days from creation to
    /// close, in tenths, to average.
    pub days_to_close_tenths: i64,
}

impl Productivity {
    /// Activities per won deal, in tenths.
    pub fn activities_per_won_tenths(&self) -> Option<i64> {
        (self.won > 0).then(|| {
            i64::try_from(i128::from(self.activities) * 10 / i128::from(self.won))
                .unwrap_or(i64::MAX)
        })
    }

    /// Average won deal per currency (the currency's revenue over all wins
    /// in it is not known per currency, so over all wins of the period).
    pub fn average_deal(&self) -> Vec<(Currency, MoneySum)> {
        if self.won <= 0 {
            return Vec::new();
        }
        self.revenue
            .iter()
            .map(|(currency, amount)| (*currency, amount / MoneySum::from(self.won)))
            .collect()
    }

    pub fn win_rate_percent(&self) -> Option<i64> {
        super::team_dashboard::win_rate_percent(self.won, self.lost)
    }

    pub fn average_days_to_close_tenths(&self) -> Option<i64> {
        (self.won > 0).then(|| self.days_to_close_tenths / self.won)
    }

    /// The team's line: every rep's figures added.
    pub fn total(name: String, reps: &[Productivity]) -> Productivity {
        let mut team = Productivity {
            name,
            ..Productivity::default()
        };
        for rep in reps {
            team.activities = team.activities.saturating_add(rep.activities);
            team.won = team.won.saturating_add(rep.won);
            team.lost = team.lost.saturating_add(rep.lost);
            team.days_to_close_tenths = team
                .days_to_close_tenths
                .saturating_add(rep.days_to_close_tenths);
            team.revenue = money_sum(&team.revenue, &rep.revenue);
        }
        team
    }
}

/// The pipeline report: funnel, stale deals, forecast and productivity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PipelineReport {
    pub calendar: Calendar,
    pub period: Period,
    pub subject: String,
    pub funnel: Vec<FunnelStep>,
    pub idle_days: u32,
    /// The most neglected stale deals, at most `STALE_DEALS_SHOWN`.
    pub stale: Vec<StaleDeal>,
    /// All stale deals: how many, and their value per currency.
    pub stale_count: i64,
    pub stale_value: MoneyByCurrency,
    pub win_rates: Vec<StageWinRate>,
    /// The team first (when the reader may see it), then each rep.
    pub forecast: Vec<ForecastLine>,
    /// The team first (when the reader may see it), then each rep.
    pub productivity: Vec<Productivity>,
    #[serde(with = "crate::domain::wire_time::instant")]
    pub computed_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, day, 9, 0, 0)
            .single()
            .expect("a time")
    }

    #[test]
    fn medians_of_odd_and_even_counts() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [30, 10, 20]), Some(20));
        assert_eq!(median(&mut [40, 10, 20, 30]), Some(25));
        assert_eq!(tenths_of_days(86_400 * 3 + 43_200), 35);
    }

    #[test]
    fn the_funnel_lists_every_stage_with_conversion_and_median_time() {
        let entered = [
            (LeadStage::New, 10, 6),
            (LeadStage::Contacted, 6, 3),
            (LeadStage::Won, 2, 0),
        ];
        let durations = [
            (LeadStage::New, 86_400),
            (LeadStage::New, 3 * 86_400),
            (LeadStage::New, 2 * 86_400),
            (LeadStage::Contacted, 43_200),
        ];
        let steps = funnel(&entered, &durations);
        assert_eq!(steps.len(), 6);
        assert_eq!(steps[0].stage, LeadStage::New);
        assert_eq!(steps[0].conversion_percent(), Some(60));
        assert_eq!(steps[0].median_tenths_of_days, Some(20));
        assert_eq!(steps[1].conversion_percent(), Some(50));
        assert_eq!(steps[1].median_tenths_of_days, Some(5));
        assert_eq!(steps[2].entered, 0);
        assert_eq!(steps[2].conversion_percent(), None);
        assert_eq!(steps[5].stage, LeadStage::Won);
        assert_eq!(steps[5].entered, 2);
    }

    fn deal(name: &str, stage: LeadStage, touched: Option<u32>, since: u32) -> OpenDeal {
        OpenDeal {
            lead_id: LeadId::new(),
            name: name.into(),
            owner_id: UserId::new(),
            owner_name: "Sara".into(),
            stage,
            value: 100,
            currency: Currency::Usd,
            last_touched_at: touched.map(at),
            in_stage_since: at(since),
        }
    }

    #[test]
    fn stale_deals_are_the_idle_and_the_stuck_most_idle_first() {
        let medians = BTreeMap::from([(LeadStage::Proposal, 50)]);
        let deals = vec![
            deal("fresh", LeadStage::Proposal, Some(29), 27),
            deal("idle", LeadStage::Contacted, Some(10), 9),
            deal("never touched", LeadStage::New, None, 2),
            deal("stuck", LeadStage::Proposal, Some(28), 20),
        ];
        let stale = stale_deals(deals, at(30), 14, &medians);
        // The store's filter agrees: stuck in proposal means in it since
        // before day 30 - 6 (median 5 days, one whole day more).
        assert_eq!(
            stuck_cutoffs(&medians, at(30)).get(&LeadStage::Proposal),
            Some(&at(24))
        );
        let names: Vec<&str> = stale.iter().map(|deal| deal.deal.name.as_str()).collect();
        assert_eq!(names, ["never touched", "idle", "stuck"]);
        assert_eq!(stale[0].idle_days, Some(28));
        assert_eq!(stale[2].idle_days, None);
        assert_eq!(stale[2].stuck_days, Some(10));
    }

    #[test]
    fn the_forecast_weighs_open_value_by_the_stage_win_rate() {
        let rates = [
            StageWinRate {
                stage: LeadStage::Proposal,
                closed: 4,
                won: 3,
            },
            StageWinRate {
                stage: LeadStage::New,
                closed: 10,
                won: 1,
            },
        ];
        let open = [
            (LeadStage::Proposal, Currency::Usd, 1_000),
            (LeadStage::New, Currency::Usd, 500),
            (LeadStage::Qualified, Currency::Usd, 9_999),
            (LeadStage::Proposal, Currency::Irr, 80),
        ];
        let weighted = weighted_open(&open, &rates);
        assert_eq!(weighted.get(&Currency::Usd), Some(&800));
        assert_eq!(weighted.get(&Currency::Irr), Some(&60));
        let line = ForecastLine {
            user_id: None,
            name: "Team".into(),
            won_so_far: MoneyByCurrency::from([(Currency::Usd, 1_000)]),
            weighted_open: weighted,
            goal: MoneyByCurrency::from([(Currency::Usd, 2_500)]),
        };
        assert_eq!(line.expected().get(&Currency::Usd), Some(&1_800));
        assert_eq!(line.against_goal(), vec![(Currency::Usd, -700)]);
        assert_eq!(rates[0].percent(), Some(75));
    }

    #[test]
    fn productivity_averages_and_the_team_total() {
        let rep = Productivity {
            user_id: Some(UserId::new()),
            name: "Sara".into(),
            activities: 25,
            won: 2,
            lost: 2,
            revenue: MoneyByCurrency::from([(Currency::Usd, 900)]),
            days_to_close_tenths: 215,
        };
        assert_eq!(rep.activities_per_won_tenths(), Some(125));
        assert_eq!(rep.average_deal(), vec![(Currency::Usd, 450)]);
        assert_eq!(rep.win_rate_percent(), Some(50));
        assert_eq!(rep.average_days_to_close_tenths(), Some(107));
        let idle = Productivity {
            name: "Reza".into(),
            activities: 3,
            ..Productivity::default()
        };
        assert_eq!(idle.activities_per_won_tenths(), None);
        let team = Productivity::total("Team".into(), &[rep, idle]);
        assert_eq!(team.activities, 28);
        assert_eq!(team.won, 2);
    }
}
