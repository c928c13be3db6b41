//! Goal progress from the canonical data: per-person totals over a period
//! (range scans on the daily roll-up tables of migration 0006), turned into
//! standings and leaderboards by the pure functions in `domain::progress`.

use super::{Store, StoreResult, date_text};
use crate::domain::goal::{Goal, GoalMetric, GoalScope};
use crate::domain::ids::{TeamId, UserId};
use crate::domain::period::Period;
use crate::domain::progress::{GoalStanding, LeaderboardRow, MetricTotals, leaderboard, standing};
use crate::domain::{Currency, Role};
use chrono::NaiveDate;
use std::collections::HashMap;

/// The totals of every current member of a team over one period (their
/// own training records included), and the training recorded for the team
/// as a whole.
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

/// The first and last day as the roll-up tables spell them.
fn text_bounds(period: Period) -> (String, String) {
    (date_text(period.start), date_text(period.end))
}

impl Store {
    /// Every current member's totals over `period` (members with nothing
    /// done are absent: their totals are zero).
    pub async fn team_totals(&self, team_id: TeamId, period: Period) -> StoreResult<TeamTotals> {
        let (from, until) = text_bounds(period);
        let team = team_id.to_string();
        let mut totals = TeamTotals::default();
        let mut connection = self.pool().acquire().await?;
        // Daily roll-ups kept by the triggers of migration 0006.
        type Closed = (UserId, Currency, i64, i64, i64, Option<i64>, Option<i64>);
        let closed: Vec<Closed> = sqlx::query_as(
            "SELECT owner_id, currency, CAST(SUM(won) AS BIGINT) AS won, CAST(SUM(lost) AS BIGINT) AS lost, \
                    CAST(SUM(new_customers) AS BIGINT) AS new_customers, CAST(SUM(revenue) AS BIGINT) AS revenue, \
                    CAST(SUM(revenue_high) AS BIGINT) AS revenue_high \
             FROM closed_days \
             WHERE owner_id IN (SELECT id FROM users WHERE team_id = $1) AND day >= $2 AND day <= $3 \
             GROUP BY owner_id, currency",
        )
        .bind(&team)
        .bind(&from)
        .bind(&until)
        .fetch_all(&mut *connection)
        .await?;
        for (owner, currency, won, lost, new_customers, low, high) in closed {
            let revenue = super::whole_sum(low.unwrap_or(0), high.unwrap_or(0));
            totals.members.entry(owner).or_default().add(&MetricTotals {
                revenue_won: [(currency, revenue)].into(),
                deals_won: won,
                deals_lost: lost,
                new_customers,
                ..MetricTotals::default()
            });
        }
        let done: Vec<(UserId, i64, i64, i64)> = sqlx::query_as(
            "SELECT owner_id, CAST(SUM(calls) AS BIGINT) AS calls, CAST(SUM(meetings) AS BIGINT) AS meetings, CAST(SUM(activities) AS BIGINT) AS activities \
             FROM activity_days \
             WHERE owner_id IN (SELECT id FROM users WHERE team_id = $1) AND day >= $2 AND day <= $3 \
             GROUP BY owner_id",
        )
        .bind(&team)
        .bind(&from)
        .bind(&until)
        .fetch_all(&mut *connection)
        .await?;
        for (owner, calls, meetings, activities) in done {
            totals.members.entry(owner).or_default().add(&MetricTotals {
                calls,
                meetings,
                activities,
                ..MetricTotals::default()
            });
        }
        // Training completed in the period: a record naming a member counts
        // for them (and so for the team); one naming nobody, for the team.
        let trainings: Vec<(Option<UserId>, i64)> = sqlx::query_as(
            "SELECT person_id, COUNT(*) AS completed FROM records \
             WHERE team_id = $1 AND kind = 'training' AND deleted = 0 AND period_end >= $2 AND period_end <= $3 \
             GROUP BY person_id",
        )
        .bind(&team)
        .bind(date_text(period.start))
        .bind(date_text(period.end))
        .fetch_all(&mut *connection)
        .await?;
        for (person, completed) in trainings {
            match person {
                Some(person) => {
                    totals.members.entry(person).or_default().training_completed += completed;
                }
                None => totals.training_completed += completed,
            }
        }
        // Programmes completed in the period (migration 0029), for the
        // person who completed them.
        let completions: Vec<(UserId, i64)> = sqlx::query_as(
            "SELECT c.person_id, COUNT(*) AS completed FROM training_completions c \
             JOIN training_programmes p ON p.id = c.programme_id \
             WHERE p.team_id = $1 AND p.deleted = 0 AND c.completed_on >= $2 AND c.completed_on <= $3 \
             GROUP BY c.person_id",
        )
        .bind(&team)
        .bind(date_text(period.start))
        .bind(date_text(period.end))
        .fetch_all(&mut *connection)
        .await?;
        for (person, completed) in completions {
            totals.members.entry(person).or_default().training_completed += completed;
        }
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
        // Pace counts each team's working days (the week and holidays its
        // manager keeps), read once per team and period.
        let mut working_days: HashMap<
            (TeamId, NaiveDate, NaiveDate),
            crate::domain::working_days::WorkingCalendar,
        > = HashMap::new();
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
            let working = match working_days.entry(key) {
                std::collections::hash_map::Entry::Occupied(entry) => entry.into_mut(),
                std::collections::hash_map::Entry::Vacant(entry) => entry.insert(
                    self.team_working_calendar(goal.team_id, goal.period_start, goal.period_end)
                        .await?,
                ),
            };
            standings.push(standing(goal, &totals, today, working));
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
