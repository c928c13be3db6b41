//! A team's working days: its week and the holiday list its manager keeps,
//! which pace and projection count. Everyone on the team reads them; only
//! the team's manager (or an admin) changes them.

use crate::domain::period::Calendar;
use crate::domain::team_dashboard::TeamChoice;
use crate::domain::working_days::{Holiday, WorkingWeek};
use crate::domain::{Locale, TeamId};
use crate::error::AppError;
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

/// The team's days as its screen shows them, for one year of holidays.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamDaysView {
    pub team_id: TeamId,
    pub team_name: String,
    /// The calendar its years and weeks are shown in.
    pub calendar: Calendar,
    pub week: WorkingWeek,
    /// Whether the week is the calendar's default.
    pub default_week: bool,
    /// The year's holidays in day order; a fixed solar holiday's name is
    /// `FIXED_HOLIDAY_NAME`, shown in the reader's language.
    pub holidays: Vec<Holiday>,
    #[serde(with = "crate::domain::wire_time::day")]
    pub first_day: NaiveDate,
    #[serde(with = "crate::domain::wire_time::day")]
    pub last_day: NaiveDate,
    /// Whether the reader may change them (the team's manager, an admin).
    pub can_edit: bool,
    /// The teams an admin may switch to (empty for everyone else).
    pub teams: Vec<TeamChoice>,
}

/// The team's week and the holidays of the year containing `day` (a Jalali
/// year for a Jalali team).
#[server(endpoint = "team_days/read", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn read_team_days(
    team_id: Option<TeamId>,
    day: NaiveDate,
    locale: Locale,
) -> Result<TeamDaysView, AppError> {
    use crate::api::context::{ReportSubject, actor, report_subject, signed_in};
    use crate::domain::period::{PeriodLength, calendar_for, period_containing};
    use crate::domain::validation::{FieldErrors, FieldProblem};

    let (state, profile) = signed_in().await?;
    let ReportSubject {
        team,
        team_calendar,
        teams,
        ..
    } = report_subject(&state, &profile, team_id).await?;
    let Some((team_id, team_name)) = team else {
        return Err(AppError::NotFound);
    };
    let calendar = calendar_for(team_calendar, locale);
    let Some(year) = period_containing(calendar, PeriodLength::Year, day) else {
        let mut errors = FieldErrors::default();
        errors.add("day", FieldProblem::InvalidDate);
        return Err(AppError::Invalid(errors));
    };
    let kept = state
        .store
        .kept_days(team_id, year.start, year.end)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(TeamDaysView {
        team_id,
        team_name,
        calendar,
        week: kept.week,
        default_week: kept.default_week,
        holidays: kept.holidays,
        first_day: year.start,
        last_day: year.end,
        can_edit: actor(&profile).can_manage_team(team_id),
        teams,
    })
}

/// Sets the team's working week (halves worked per weekday, Monday first);
/// `None` goes back to the calendar's week.
#[server(endpoint = "team_days/save_week", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn save_working_week(team_id: TeamId, week: Option<WorkingWeek>) -> Result<(), AppError> {
    use crate::domain::validation::{FieldErrors, FieldProblem};
    use crate::domain::working_days::valid_week;
    let (state, profile) = managed_team(team_id).await?;
    if week.as_ref().is_some_and(|week| !valid_week(week)) {
        let mut errors = FieldErrors::default();
        errors.add("week", FieldProblem::NotAllowed);
        return Err(AppError::Invalid(errors));
    }
    state.store.save_working_week(team_id, week).await?;
    announce_settings(&state, team_id, profile.id).await;
    Ok(())
}

/// Adds a day off to the team's list (or renames the one on that day).
#[server(endpoint = "team_days/add_holiday", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn add_holiday(team_id: TeamId, day: String, name: String) -> Result<Holiday, AppError> {
    use crate::domain::working_days::valid_holiday;
    let (state, profile) = managed_team(team_id).await?;
    let holiday = valid_holiday(&day, &name)?;
    state
        .store
        .add_holiday(team_id, &holiday, profile.id)
        .await?;
    announce_settings(&state, team_id, profile.id).await;
    Ok(holiday)
}

/// Takes a day off the team's list.
#[server(endpoint = "team_days/remove_holiday", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn remove_holiday(team_id: TeamId, day: NaiveDate) -> Result<(), AppError> {
    let (state, profile) = managed_team(team_id).await?;
    if !state.store.remove_holiday(team_id, day).await? {
        return Err(AppError::NotFound);
    }
    announce_settings(&state, team_id, profile.id).await;
    Ok(())
}

/// Adds the fixed solar holidays of a Jalali year (a Jalali team only).
#[server(endpoint = "team_days/add_fixed", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn add_fixed_holidays(team_id: TeamId, jalali_year: i32) -> Result<(), AppError> {
    use crate::domain::validation::{FieldErrors, FieldProblem};
    let (state, profile) = managed_team(team_id).await?;
    if !(1380..=1500).contains(&jalali_year) {
        let mut errors = FieldErrors::default();
        errors.add("jalali_year", FieldProblem::InvalidDate);
        return Err(AppError::Invalid(errors));
    }
    state.store.add_fixed_holidays(team_id, jalali_year).await?;
    announce_settings(&state, team_id, profile.id).await;
    Ok(())
}

/// The server state once the caller is known to manage `team_id` (its
/// manager or an admin); decided before anything is written.
#[cfg(feature = "ssr")]
async fn managed_team(
    team_id: TeamId,
) -> Result<(crate::api::context::ServerState, crate::domain::UserProfile), AppError> {
    use crate::api::context::{actor, signed_in};
    let (state, profile) = signed_in().await?;
    if !actor(&profile).can_manage_team(team_id) {
        return Err(AppError::Forbidden);
    }
    if state.store.team_name(team_id).await?.is_none() {
        return Err(AppError::NotFound);
    }
    Ok((state, profile))
}

/// Open dashboards of the team re-read their pace after a change.
#[cfg(feature = "ssr")]
async fn announce_settings(
    state: &crate::api::context::ServerState,
    team_id: TeamId,
    by: crate::domain::UserId,
) {
    crate::api::context::announce(
        state,
        crate::sync::live::LiveEventKind::Settings,
        crate::domain::access::Owner {
            user_id: by,
            team_id: Some(team_id),
        },
    )
    .await;
}
