//! A team's working week and holiday list in the database (migration
//! 0016): what pace and projection count, read by the goal standings and
//! sent to the team's devices, and the yearly start of a Jalali team's list
//! with the fixed solar holidays.

use super::{Store, StoreResult, date_text, instant_text};
use crate::domain::calendar::jalali_parts;
use crate::domain::period::Calendar;
use crate::domain::working_days::{
    FIXED_HOLIDAY_NAME, Holiday, TeamDays, WorkingCalendar, WorkingWeek, default_week,
    fixed_jalali_holidays, parse_week, week_text,
};
use crate::domain::{TeamId, UserId};
use chrono::{Duration, NaiveDate, Utc};
use sqlx::AnyConnection;

/// A team's days as its manager edits them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeptDays {
    pub calendar: Option<Calendar>,
    pub week: WorkingWeek,
    /// Whether the week is the calendar's default (never changed).
    pub default_week: bool,
    pub holidays: Vec<Holiday>,
}

/// How many Jalali years ahead of today a Jalali team's list is filled.
const YEARS_FILLED_AHEAD: i32 = 1;

impl Store {
    /// The team's week and its holidays between two days (both included).
    pub async fn kept_days(
        &self,
        team_id: TeamId,
        from: NaiveDate,
        to: NaiveDate,
    ) -> StoreResult<Option<KeptDays>> {
        let Some((calendar, stored_week)) =
            sqlx::query_as::<_, (Option<Calendar>, Option<String>)>(
                "SELECT calendar, working_week FROM teams WHERE id = $1 AND deleted = 0",
            )
            .bind(team_id)
            .fetch_optional(self.pool())
            .await?
        else {
            return Ok(None);
        };
        let stored_week = stored_week.as_deref().and_then(parse_week);
        let holidays: Vec<Holiday> = sqlx::query_as(
            "SELECT day, name FROM team_holidays WHERE team_id = $1 AND day >= $2 AND day <= $3 ORDER BY day",
        )
        .bind(team_id)
        .bind(date_text(from))
        .bind(date_text(to))
        .fetch_all(self.pool())
        .await?;
        Ok(Some(KeptDays {
            calendar,
            week: stored_week.unwrap_or_else(|| default_week(calendar)),
            default_week: stored_week.is_none(),
            holidays,
        }))
    }

    /// The days a team's devices count pace with: its week and its
    /// holidays from a year ago to a year ahead.
    pub async fn team_days_for_devices(&self, team_id: TeamId) -> StoreResult<Option<TeamDays>> {
        let today = Utc::now().date_naive();
        let kept = self
            .kept_days(
                team_id,
                today - Duration::days(400),
                today + Duration::days(400),
            )
            .await?;
        Ok(kept.map(|kept| TeamDays {
            week: kept.week,
            holidays: kept
                .holidays
                .into_iter()
                .map(|holiday| holiday.day)
                .collect(),
        }))
    }

    /// The working calendar of a team's goal standings: its kept days
    /// around `period_start`..`period_end`.
    pub async fn team_working_calendar(
        &self,
        team_id: TeamId,
        period_start: NaiveDate,
        period_end: NaiveDate,
    ) -> StoreResult<WorkingCalendar> {
        Ok(
            match self.kept_days(team_id, period_start, period_end).await? {
                Some(kept) => WorkingCalendar::kept(&TeamDays {
                    week: kept.week,
                    holidays: kept
                        .holidays
                        .into_iter()
                        .map(|holiday| holiday.day)
                        .collect(),
                }),
                None => WorkingCalendar::of_team(None),
            },
        )
    }

    /// Sets the team's week (`None`: back to the calendar's default).
    pub async fn save_working_week(
        &self,
        team_id: TeamId,
        week: Option<WorkingWeek>,
    ) -> StoreResult<()> {
        // In a write transaction, so the audit history knows who set it.
        let mut transaction = self.write().await?;
        sqlx::query("UPDATE teams SET working_week = $1, updated_at = $2 WHERE id = $3")
            .bind(week.as_ref().map(week_text))
            .bind(super::instant_text(chrono::Utc::now()))
            .bind(team_id)
            .execute(&mut *transaction)
            .await?;
        transaction.commit().await
    }

    /// Adds (or renames) a holiday on the team's list.
    pub async fn add_holiday(
        &self,
        team_id: TeamId,
        holiday: &Holiday,
        added_by: UserId,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO team_holidays (team_id, day, name, added_by, added_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (team_id, day) DO UPDATE SET name = excluded.name, added_by = excluded.added_by, \
                 added_at = excluded.added_at",
        )
        .bind(team_id)
        .bind(date_text(holiday.day))
        .bind(&holiday.name)
        .bind(added_by)
        .bind(instant_text(Utc::now()))
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Takes a day off the team's list; whether there was one.
    pub async fn remove_holiday(&self, team_id: TeamId, day: NaiveDate) -> StoreResult<bool> {
        let removed = sqlx::query("DELETE FROM team_holidays WHERE team_id = $1 AND day = $2")
            .bind(team_id)
            .bind(date_text(day))
            .execute(self.pool())
            .await?;
        Ok(removed.rows_affected() > 0)
    }

    /// Adds the fixed solar holidays of a Jalali year to the team's list
    /// (those already there keep their names).
    pub async fn add_fixed_holidays(&self, team_id: TeamId, jalali_year: i32) -> StoreResult<()> {
        let mut connection = self.pool().acquire().await?;
        insert_fixed_holidays(&mut connection, team_id, jalali_year).await
    }

    /// Starts each Jalali team's list for this Jalali year and the next,
    /// once per year (at start and when a team turns Jalali).
    pub async fn settle_holidays(&self) -> StoreResult<()> {
        let teams: Vec<TeamId> =
            sqlx::query_scalar("SELECT id FROM teams WHERE deleted = 0 AND calendar = 'jalali'")
                .fetch_all(self.pool())
                .await?;
        for team in teams {
            let mut transaction = self.write().await?;
            fill_jalali_years(&mut transaction, team).await?;
            transaction.commit().await?;
        }
        Ok(())
    }
}

async fn insert_fixed_holidays(
    connection: &mut AnyConnection,
    team_id: TeamId,
    jalali_year: i32,
) -> StoreResult<()> {
    let now = instant_text(Utc::now());
    for day in fixed_jalali_holidays(jalali_year) {
        sqlx::query(
            "INSERT INTO team_holidays (team_id, day, name, added_by, added_at) \
             VALUES ($1, $2, $3, NULL, $4) ON CONFLICT DO NOTHING",
        )
        .bind(team_id)
        .bind(date_text(day))
        .bind(FIXED_HOLIDAY_NAME)
        .bind(&now)
        .execute(&mut *connection)
        .await?;
    }
    Ok(())
}

/// Fills a Jalali team's list with the fixed holidays of the Jalali years
/// up to next year not filled before, inside the caller's transaction.
pub(crate) async fn fill_jalali_years(
    connection: &mut AnyConnection,
    team_id: TeamId,
) -> StoreResult<()> {
    let Some((this_year, _, _)) = jalali_parts(Utc::now().date_naive()) else {
        return Ok(());
    };
    let filled: Option<i64> =
        sqlx::query_scalar("SELECT holidays_filled_through FROM teams WHERE id = $1")
            .bind(team_id)
            .fetch_optional(&mut *connection)
            .await?
            .flatten();
    let first = filled.map_or(this_year, |year| (year as i32 + 1).max(this_year));
    let last = this_year + YEARS_FILLED_AHEAD;
    if first > last {
        return Ok(());
    }
    for year in first..=last {
        insert_fixed_holidays(connection, team_id, year).await?;
    }
    sqlx::query("UPDATE teams SET holidays_filled_through = $1 WHERE id = $2")
        .bind(i64::from(last))
        .bind(team_id)
        .execute(&mut *connection)
        .await?;
    Ok(())
}
