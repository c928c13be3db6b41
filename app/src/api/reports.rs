//! Reports: month over month and year over year for a team and its reps
//! (`domain::comparison`), read from the daily roll-ups. Who may read what
//! is the dashboard's rule (`context::report_subject`).

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
#[server(endpoint = "reports/period_comparison", input = Json)]
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
