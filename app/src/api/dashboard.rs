//! The dashboard's headline numbers, computed from the canonical data for
//! the signed-in person's scope.

use crate::domain::report::DashboardCounts;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[server(endpoint = "dashboard/counts", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn load_dashboard() -> Result<DashboardCounts, AppError> {
    use crate::api::context::{actor, signed_in};
    use crate::domain::period::{calendar_for, month_of};
    use crate::domain::report::DashboardScope;

    let (state, profile) = signed_in().await?;
    let actor = actor(&profile);
    let zone = state.store.team_zone(profile.team_id).await?;
    let today = zone.local_day(chrono::Utc::now());
    let month_start = zone
        .start_of_day(month_of(calendar_for(profile.team_calendar, profile.locale), today).start);
    let scope = actor.read_scope();
    let mut counts = state.store.dashboard_counts(scope, month_start).await?;
    counts.scope = DashboardScope::of(scope);
    let goals = match actor.member_teams().filter() {
        Some(teams) => state.store.list_goals(teams).await?,
        None => Vec::new(),
    };
    counts.active_goals = goals
        .iter()
        .filter(|goal| actor.can_read_goal(goal.team_id, goal.scope, goal.subject_id))
        .filter(|goal| goal.period_start <= today && today <= goal.period_end)
        .count() as i64;
    Ok(counts)
}

/// The team dashboard: a manager reads their own team, an admin any team
/// (`team_id`, else the first), a rep only their own figures. Periods
/// follow the team's calendar, else the reader's language (`locale`, as
/// the screen shows it); every period figure counts this month.
#[server(endpoint = "dashboard/team", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn team_dashboard(
    team_id: Option<crate::domain::TeamId>,
    locale: crate::domain::Locale,
) -> Result<crate::domain::team_dashboard::TeamDashboard, AppError> {
    let (state, profile) = crate::api::context::signed_in().await?;
    team_dashboard_of(&state, &profile, team_id, locale).await
}

/// The team dashboard as `profile` may read it; also drawn by the server
/// into a manager's first screen (`server::first_screen`).
#[cfg(feature = "ssr")]
pub async fn team_dashboard_of(
    state: &crate::api::context::ServerState,
    profile: &crate::domain::UserProfile,
    team_id: Option<crate::domain::TeamId>,
    locale: crate::domain::Locale,
) -> Result<crate::domain::team_dashboard::TeamDashboard, AppError> {
    use crate::api::context::{ReportSubject, actor, report_subject};
    use crate::domain::access::ReadScope;
    use crate::domain::period::{PeriodLength, calendar_for, month_of};
    use crate::domain::team_dashboard::{TeamDashboard, last_periods, week_of};
    use crate::domain::{Role, UserId};
    use crate::store::DashboardQuery;

    let actor = actor(profile);
    let ReportSubject {
        scope,
        team,
        team_calendar,
        zone,
        teams,
    } = report_subject(state, profile, team_id).await?;
    let calendar = calendar_for(team_calendar, locale);
    let now = chrono::Utc::now();
    let today = zone.local_day(now);
    let period = month_of(calendar, today);
    let week = week_of(calendar, today);
    let trend_periods = last_periods(calendar, PeriodLength::Month, today, 12);
    let members = match scope {
        ReadScope::Team(team_id) => state.store.team_members(team_id).await?,
        _ => Vec::new(),
    };
    let people: Vec<(UserId, String)> = match scope {
        ReadScope::Own(user_id) => vec![(user_id, profile.display_name.clone())],
        _ => members
            .iter()
            .filter(|member| member.role != Role::Admin)
            .map(|member| (member.id, member.display_name.clone()))
            .collect(),
    };
    let mut figures = state
        .store
        .dashboard_figures(&DashboardQuery {
            scope,
            people: &people,
            period,
            week,
            today,
            zone: &zone,
            trend_periods: &trend_periods,
        })
        .await?;
    // Reps always have a line; a manager only when they carry work.
    figures.reps.retain(|rep| {
        matches!(scope, ReadScope::Own(_))
            || members
                .iter()
                .any(|member| member.id == rep.user_id && member.role == Role::Rep)
            || rep.open_deals > 0
            || rep.won_deals + rep.lost_deals > 0
            || rep.this_week.total() > 0
    });
    let goals = match team {
        Some((team_id, _)) => state
            .store
            .list_goals(Some(team_id))
            .await?
            .into_iter()
            .filter(|goal| goal.period_start <= today && today <= goal.period_end)
            .filter(|goal| actor.can_read_goal(goal.team_id, goal.scope, goal.subject_id))
            .collect(),
        None => Vec::new(),
    };
    let goals = state.store.goal_standings(&goals, today).await?;
    Ok(TeamDashboard {
        team_id: team.as_ref().map(|(id, _)| *id),
        team_name: team.map(|(_, name)| name).unwrap_or_default(),
        calendar,
        period,
        week,
        today,
        reps: figures.reps,
        pipeline: figures.pipeline,
        trend: figures.trend,
        goals,
        computed_at: now,
        teams,
    })
}
