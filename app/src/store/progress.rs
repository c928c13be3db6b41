//! Goal progress from the canonical data: per-person totals over a period
//! (range scans on the covering indexes of migration 0006), turned into
//! standings and leaderboards by the pure functions in `domain::progress`.

use super::{Store, StoreResult, date_text, parse_choice, parse_uuid};
use crate::domain::goal::{Goal, GoalMetric, GoalScope};
use crate::domain::ids::{TeamId, UserId};
use crate::domain::period::Period;
use crate::domain::progress::{GoalStanding, LeaderboardRow, MetricTotals, leaderboard, standing};
use crate::domain::{Currency, Role};
use chrono::NaiveDate;
use sqlx::Row;
use std::collections::HashMap;

/// The totals of every current member of a team over one period, and the
/// training the team's managers recorded as completed in it.
#[derive(Clone, Debug, Default)]
pub struct TeamTotals {
    pub members: HashMap<UserId, MetricTotals>,
    pub training_completed: i64,
}

impl TeamTotals {
    /// The team's roll-up: the sum of its members, plus the team's training.
    pub fn team(&self) -> MetricTotals {
        let mut total = MetricTotals::roll_up(self.members.values());
        total.training_completed = total
            .training_completed
            .saturating_add(self.training_completed);
        total
    }

    pub fn member(&self, user_id: UserId) -> MetricTotals {
        self.members.get(&user_id).cloned().unwrap_or_default()
    }
}

/// `[start, day after end)` as the text bounds stored instants compare with.
fn text_bounds(period: Period) -> (String, String) {
    let after_end = period.end.succ_opt().unwrap_or(period.end);
    (date_text(period.start), date_text(after_end))
}

impl Store {
    /// Every current member's totals over `period` (members with nothing
    /// done are absent: their totals are zero).
    pub async fn team_totals(&self, team_id: TeamId, period: Period) -> StoreResult<TeamTotals> {
        let (from, until) = text_bounds(period);
        let team = team_id.to_string();
        let mut totals = TeamTotals::default();
        let mut connection = self.pool().acquire().await?;
        let closed = sqlx::query(
            "SELECT owner_id, stage, currency, customer_kind, COUNT(*) AS deals, \
                    COALESCE(SUM(won_amount), 0) AS amount \
             FROM leads \
             WHERE owner_id IN (SELECT id FROM users WHERE team_id = ?) \
               AND closed_at >= ? AND closed_at < ? AND deleted = 0 AND stage IN ('won', 'lost') \
             GROUP BY owner_id, stage, currency, customer_kind",
        )
        .bind(&team)
        .bind(&from)
        .bind(&until)
        .fetch_all(&mut *connection)
        .await?;
        for row in closed {
            let owner = UserId(parse_uuid(row.try_get("owner_id")?)?);
            let stage = parse_choice(row.try_get("stage")?)?;
            let currency: Currency = parse_choice(row.try_get("currency")?)?;
            let customer = parse_choice(row.try_get("customer_kind")?)?;
            let deals: i64 = row.try_get("deals")?;
            let amount: i64 = row.try_get("amount")?;
            let entry = totals.members.entry(owner).or_default();
            entry.count_closed(stage, deals, amount, currency, customer);
        }
        let done = sqlx::query(
            "SELECT owner_id, kind, COUNT(*) AS done FROM activities \
             WHERE owner_id IN (SELECT id FROM users WHERE team_id = ?) \
               AND occurred_at >= ? AND occurred_at < ? AND deleted = 0 \
             GROUP BY owner_id, kind",
        )
        .bind(&team)
        .bind(&from)
        .bind(&until)
        .fetch_all(&mut *connection)
        .await?;
        for row in done {
            let owner = UserId(parse_uuid(row.try_get("owner_id")?)?);
            let kind = parse_choice(row.try_get("kind")?)?;
            let count: i64 = row.try_get("done")?;
            totals
                .members
                .entry(owner)
                .or_default()
                .count_activities(kind, count);
        }
        totals.training_completed = sqlx::query_scalar(
            "SELECT COUNT(*) FROM records WHERE team_id = ? AND kind = 'training' AND deleted = 0 \
               AND period_end >= ? AND period_end <= ?",
        )
        .bind(&team)
        .bind(date_text(period.start))
        .bind(date_text(period.end))
        .fetch_one(&mut *connection)
        .await?;
        Ok(totals)
    }

    /// Where each goal stands on `today`, from the canonical data. Goals of
    /// the same team and period share one pair of range queries.
    pub async fn goal_standings(
        &self,
        goals: &[Goal],
        today: NaiveDate,
    ) -> StoreResult<Vec<GoalStanding>> {
        let mut cache: HashMap<(TeamId, NaiveDate, NaiveDate), TeamTotals> = HashMap::new();
        let mut standings = Vec::with_capacity(goals.len());
        for goal in goals {
            let key = (goal.team_id, goal.period_start, goal.period_end);
            let team_totals = match cache.entry(key) {
                std::collections::hash_map::Entry::Occupied(entry) => entry.into_mut(),
                std::collections::hash_map::Entry::Vacant(entry) => {
                    let period = Period {
                        start: goal.period_start,
                        end: goal.period_end,
                    };
                    entry.insert(self.team_totals(goal.team_id, period).await?)
                }
            };
            let totals = match goal.scope {
                GoalScope::Team => team_totals.team(),
                GoalScope::Rep => team_totals.member(UserId(goal.subject_id)),
            };
            standings.push(standing(goal, &totals, today));
        }
        Ok(standings)
    }

    /// The team's reps ranked on one metric over one period.
    pub async fn leaderboard(
        &self,
        team_id: TeamId,
        metric: GoalMetric,
        currency: Option<Currency>,
        period: Period,
    ) -> StoreResult<Vec<LeaderboardRow>> {
        let totals = self.team_totals(team_id, period).await?;
        let people: Vec<(UserId, String, MetricTotals)> = self
            .team_members(team_id)
            .await?
            .into_iter()
            .filter(|member| member.role == Role::Rep)
            .map(|member| {
                let member_totals = totals.member(member.id);
                (member.id, member.display_name, member_totals)
            })
            .collect();
        Ok(leaderboard(&people, metric, currency))
    }
}
