//! Reports: month over month and year over year for a team and its reps
//! (`domain::comparison`), read from the daily roll-ups. Who may read what
//! is the dashboard's rule (`context::report_subject`); `report_focus`
//! narrows it to one rep for the insight reports (`api::insights`).

use crate::domain::comparison::PeriodComparison;
use crate::domain::period::PeriodLength;
use crate::domain::{Locale, TeamId};
use crate::error::AppError;
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// The month, quarter or year containing `day` (in the team's calendar,
/// else the reader's `locale`) against the one before and the same one a
/// year earlier: the team's totals, then each rep's (a rep: their own only).
#[server(endpoint = "reports/period_comparison", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn compare_periods(
    team_id: Option<TeamId>,
    length: PeriodLength,
    day: NaiveDate,
    locale: Locale,
) -> Result<PeriodComparison, AppError> {
    use crate::api::context::{ReportSubject, report_subject, signed_in};
    use crate::domain::Role;
    use crate::domain::access::ReadScope;
    use crate::domain::comparison::{SubjectComparison, metric_lines, year_before};
    use crate::domain::period::{Period, calendar_for, period_containing, previous_period};
    use crate::domain::progress::MetricTotals;
    use crate::domain::validation::{FieldErrors, FieldProblem};

    let (state, profile) = signed_in().await?;
    let ReportSubject {
        scope,
        team,
        team_calendar,
        ..
    } = report_subject(&state, &profile, team_id).await?;
    let calendar = calendar_for(team_calendar, locale);
    let periods = period_containing(calendar, length, day).and_then(|current| {
        Some((
            current,
            previous_period(calendar, length, current)?,
            year_before(calendar, length, current)?,
        ))
    });
    let Some((current, previous, year_ago)) = periods else {
        let mut errors = FieldErrors::default();
        errors.add("day", FieldProblem::InvalidDate);
        return Err(AppError::Invalid(errors));
    };
    let mut subjects = Vec::new();
    if let Some((team_id, team_name)) = team {
        let totals_of = |period: Period| state.store.team_totals(team_id, period);
        let (now, before, last_year) = (
            totals_of(current).await?,
            totals_of(previous).await?,
            totals_of(year_ago).await?,
        );
        let people: Vec<(crate::domain::UserId, String)> = match scope {
            ReadScope::Own(user_id) => vec![(user_id, profile.display_name.clone())],
            _ => state
                .store
                .team_members(team_id)
                .await?
                .into_iter()
                .filter(|member| member.role == Role::Rep)
                .map(|member| (member.id, member.display_name))
                .collect(),
        };
        if !matches!(scope, ReadScope::Own(_)) {
            subjects.push(SubjectComparison {
                user_id: None,
                name: team_name,
                lines: metric_lines(&now.team(), &before.team(), &last_year.team()),
            });
        }
        for (user_id, name) in people {
            subjects.push(SubjectComparison {
                user_id: Some(user_id),
                name,
                lines: metric_lines(
                    &now.member(user_id),
                    &before.member(user_id),
                    &last_year.member(user_id),
                ),
            });
        }
    } else {
        let nothing = MetricTotals::default();
        subjects.push(SubjectComparison {
            user_id: Some(profile.id),
            name: profile.display_name.clone(),
            lines: metric_lines(&nothing, &nothing, &nothing),
        });
    }
    Ok(PeriodComparison {
        calendar,
        current,
        previous,
        year_ago,
        subjects,
        computed_at: chrono::Utc::now(),
    })
}

/// Whose work a report reads, once access is checked: the scope counted,
/// the name shown, the calendar, and the reps listed one by one.
#[cfg(feature = "ssr")]
pub(crate) struct ReportFocus {
    pub(crate) scope: crate::domain::access::ReadScope,
    pub(crate) subject: String,
    pub(crate) calendar: crate::domain::period::Calendar,
    pub(crate) team: Option<(TeamId, String)>,
    /// The team's time zone: a period's days are its local days.
    pub(crate) zone: crate::domain::time_zone::UtcOffsets,
    /// The reps shown line by line (a rep: only themself).
    pub(crate) people: Vec<(crate::domain::UserId, String)>,
    /// Whether the report is about one rep rather than the team.
    pub(crate) one_rep: bool,
}

/// The team (as `report_subject` allows) narrowed to `rep_id` when given:
/// a rep of that team, else `Forbidden`; a rep may only name themself.
#[cfg(feature = "ssr")]
pub(crate) async fn report_focus(
    state: &crate::api::context::ServerState,
    profile: &crate::domain::user::UserProfile,
    team_id: Option<TeamId>,
    rep_id: Option<crate::domain::UserId>,
    locale: Locale,
) -> Result<ReportFocus, AppError> {
    use crate::api::context::{ReportSubject, report_subject};
    use crate::domain::Role;
    use crate::domain::access::ReadScope;
    use crate::domain::period::calendar_for;

    let ReportSubject {
        scope,
        team,
        team_calendar,
        zone,
        ..
    } = report_subject(state, profile, team_id).await?;
    let calendar = calendar_for(team_calendar, locale);
    let mut people: Vec<(crate::domain::UserId, String)> = match (scope, &team) {
        (ReadScope::Own(_), _) | (_, None) => {
            vec![(user_id_or(scope, profile), profile.display_name.clone())]
        }
        (_, Some((team_id, _))) => state
            .store
            .team_members(*team_id)
            .await?
            .into_iter()
            .filter(|member| member.role == Role::Rep)
            .map(|member| (member.id, member.display_name))
            .collect(),
    };
    let own = matches!(scope, ReadScope::Own(_)) || team.is_none();
    let (scope, subject, one_rep) = match rep_id {
        Some(rep_id) => {
            let Some(person) = people.iter().find(|(id, _)| *id == rep_id).cloned() else {
                return Err(AppError::Forbidden);
            };
            people = vec![person.clone()];
            (ReadScope::Own(rep_id), person.1, true)
        }
        None if own => (scope, profile.display_name.clone(), true),
        None => (
            scope,
            team.as_ref()
                .map(|(_, name)| name.clone())
                .unwrap_or_default(),
            false,
        ),
    };
    Ok(ReportFocus {
        scope,
        subject,
        calendar,
        team,
        zone,
        people,
        one_rep,
    })
}

#[cfg(feature = "ssr")]
fn user_id_or(
    scope: crate::domain::access::ReadScope,
    profile: &crate::domain::user::UserProfile,
) -> crate::domain::UserId {
    match scope {
        crate::domain::access::ReadScope::Own(user_id) => user_id,
        _ => profile.id,
    }
}

/// The period of `length` containing `day`, or a field error on `day`.
#[cfg(feature = "ssr")]
pub(crate) fn report_period(
    calendar: crate::domain::period::Calendar,
    length: PeriodLength,
    day: NaiveDate,
) -> Result<crate::domain::period::Period, AppError> {
    use crate::domain::validation::{FieldErrors, FieldProblem};
    crate::domain::period::period_containing(calendar, length, day).ok_or_else(|| {
        let mut errors = FieldErrors::default();
        errors.add("day", FieldProblem::InvalidDate);
        AppError::Invalid(errors)
    })
}

/// A window in days within 1..=`longest`, or a field error on `field`.
#[cfg(feature = "ssr")]
pub(crate) fn days_within(days: u32, longest: u32, field: &str) -> Result<u32, AppError> {
    use crate::domain::validation::{FieldErrors, FieldProblem};
    if (1..=longest).contains(&days) {
        Ok(days)
    } else {
        let mut errors = FieldErrors::default();
        let problem = if days == 0 {
            FieldProblem::Required
        } else {
            FieldProblem::TooLarge
        };
        errors.add(field, problem);
        Err(AppError::Invalid(errors))
    }
}
