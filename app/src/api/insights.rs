//! The team's insight reports: which tactics work, the pipeline's health
//! (funnel, stale deals, forecast, productivity) and the leadership summary
//! with the manager's note. Access is the reports' rule (`reports::report_focus`:
//! the team as `report_subject` allows, narrowed to one of its reps).

use crate::domain::period::PeriodLength;
use crate::domain::{Locale, TeamId};
use crate::error::AppError;
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[cfg(feature = "ssr")]
use super::reports::{days_within, report_focus, report_period};

/// Which tactics, activity types and lead sources moved leads forward and
/// won deals in the period (of `length` containing `day`), for the team or
/// one of its reps (`rep_id`): the leads each first reached in the period,
/// a move or win counting within `window_days` (one of `WINDOW_CHOICES`,
/// else a field error) of that first touch.
#[server(endpoint = "reports/tactics", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn tactic_effectiveness(
    team_id: Option<TeamId>,
    rep_id: Option<crate::domain::UserId>,
    length: PeriodLength,
    day: NaiveDate,
    window_days: u32,
    locale: Locale,
) -> Result<crate::domain::effectiveness::EffectivenessReport, AppError> {
    use crate::api::context::signed_in;
    use crate::domain::effectiveness::{ApproachOrder, EffectivenessReport, WINDOW_CHOICES, rank};
    use crate::domain::validation::{FieldErrors, FieldProblem};

    let (state, profile) = signed_in().await?;
    if !WINDOW_CHOICES.contains(&window_days) {
        let mut errors = FieldErrors::default();
        errors.add("window_days", FieldProblem::UnknownChoice);
        return Err(AppError::Invalid(errors));
    }
    let focus = report_focus(&state, &profile, team_id, rep_id, locale).await?;
    let period = report_period(focus.calendar, length, day)?;
    let [mut by_tactic, mut by_kind, mut by_source] = state
        .store
        .approach_lines(focus.scope, period, window_days)
        .await?;
    for lines in [&mut by_tactic, &mut by_kind, &mut by_source] {
        rank(lines, ApproachOrder::WonShare);
    }
    Ok(EffectivenessReport {
        calendar: focus.calendar,
        period,
        window_days,
        subject: focus.subject,
        by_tactic,
        by_kind,
        by_source,
        computed_at: chrono::Utc::now(),
    })
}

/// The pipeline's health in the period (of `length` containing `day`), for
/// the team or one rep: the funnel, stale deals (no activity for
/// `idle_days`, or in their stage longer than the median), the forecast
/// from the team's own stage win rates, and productivity per rep.
#[server(endpoint = "reports/pipeline", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn pipeline_report(
    team_id: Option<TeamId>,
    rep_id: Option<crate::domain::UserId>,
    length: PeriodLength,
    day: NaiveDate,
    idle_days: u32,
    locale: Locale,
) -> Result<crate::domain::pipeline_health::PipelineReport, AppError> {
    use crate::api::context::signed_in;
    use crate::domain::GoalMetric;
    use crate::domain::access::ReadScope;
    use crate::domain::goal::GoalScope;
    use crate::domain::pipeline_health::{
        ForecastLine, PipelineReport, Productivity, STALE_DEALS_SHOWN, WIN_RATE_LOOKBACK_DAYS,
        funnel, stale_deals, stuck_cutoffs, weighted_open,
    };
    use crate::domain::team_dashboard::{MoneyByCurrency, add_money};
    use chrono::Duration;
    use std::collections::BTreeMap;

    let (state, profile) = signed_in().await?;
    let idle_days = days_within(idle_days, 365, "idle_days")?;
    let focus = report_focus(&state, &profile, team_id, rep_id, locale).await?;
    let period = report_period(focus.calendar, length, day)?;
    let now = chrono::Utc::now();

    // The parts read the database side by side (the pool has connections
    // to spare); only the stale deals wait, for the funnel's medians.
    let funnel_and_stale = async {
        let (entries, durations) = tokio::try_join!(
            state
                .store
                .stage_entries(focus.scope, focus.zone.span(period)),
            state
                .store
                .stage_durations(focus.scope, focus.zone.span(period)),
        )?;
        let steps = funnel(&entries, &durations);
        let medians: BTreeMap<_, _> = steps
            .iter()
            .filter_map(|step| Some((step.stage, step.median_tenths_of_days?)))
            .collect();
        let (candidates, stale_count, stale_value) = state
            .store
            .stale_deals(
                focus.scope,
                now - Duration::days(i64::from(idle_days)),
                &stuck_cutoffs(&medians, now),
                STALE_DEALS_SHOWN,
            )
            .await?;
        let stale = stale_deals(candidates, now, idle_days, &medians);
        Ok::<_, AppError>((steps, stale, stale_count, stale_value))
    };

    // Win rates are the team's (a rep's own history is too thin to weigh
    // by), unless the reader may only see their own work.
    let rate_scope = match &focus.team {
        Some((team_id, _)) if profile.role != crate::domain::Role::Rep => ReadScope::Team(*team_id),
        _ => focus.scope,
    };
    let win_rates = async {
        let since = focus
            .zone
            .local_day(now - Duration::days(WIN_RATE_LOOKBACK_DAYS));
        Ok::<_, AppError>(state.store.stage_win_rates(rate_scope, since).await?)
    };
    let open = async { Ok::<_, AppError>(state.store.open_pipeline_by_owner(focus.scope).await?) };
    let totals = async {
        Ok::<_, AppError>(match &focus.team {
            Some((team_id, _)) => Some(state.store.team_totals(*team_id, period).await?),
            None => None,
        })
    };
    let days_to_close = async {
        Ok::<_, AppError>(
            state
                .store
                .days_to_close(focus.scope, focus.zone.span(period))
                .await?,
        )
    };
    let goals = async {
        Ok::<_, AppError>(match &focus.team {
            Some((team_id, _)) => state.store.list_goals(Some(*team_id)).await?,
            None => Vec::new(),
        })
    };
    let ((steps, stale, stale_count, stale_value), win_rates, open, totals, days_to_close, goals) =
        tokio::try_join!(
            funnel_and_stale,
            win_rates,
            open,
            totals,
            days_to_close,
            goals
        )?;
    let revenue_goal = |scope: GoalScope, subject: uuid::Uuid| -> MoneyByCurrency {
        let mut goal = MoneyByCurrency::new();
        for candidate in goals.iter().filter(|goal| {
            !goal.deleted
                && goal.metric == GoalMetric::RevenueWon
                && goal.scope == scope
                && goal.subject_id == subject
                && goal.period_start <= period.end
                && goal.period_end >= period.start
        }) {
            if let Some(currency) = candidate.currency {
                add_money(&mut goal, currency, candidate.target);
            }
        }
        goal
    };

    let mut forecast = Vec::new();
    let mut productivity = Vec::new();
    for (user_id, name) in &focus.people {
        let member = totals
            .as_ref()
            .map(|totals| totals.member(*user_id))
            .unwrap_or_default();
        let own_open: Vec<_> = open
            .iter()
            .filter(|(owner, ..)| owner == user_id)
            .map(|(_, stage, currency, value)| (*stage, *currency, *value))
            .collect();
        forecast.push(ForecastLine {
            user_id: Some(*user_id),
            name: name.clone(),
            won_so_far: member.revenue_won.clone().into_iter().collect(),
            weighted_open: weighted_open(&own_open, &win_rates),
            goal: revenue_goal(GoalScope::Rep, user_id.0),
        });
        productivity.push(Productivity {
            user_id: Some(*user_id),
            name: name.clone(),
            activities: member.activities,
            won: member.deals_won,
            lost: member.deals_lost,
            revenue: member.revenue_won.clone().into_iter().collect(),
            days_to_close_tenths: days_to_close.get(user_id).copied().unwrap_or(0),
        });
    }
    if !focus.one_rep
        && let Some((team_id, team_name)) = &focus.team
    {
        let all_open: Vec<_> = open
            .iter()
            .map(|(_, stage, currency, value)| (*stage, *currency, *value))
            .collect();
        let team = totals
            .as_ref()
            .map(|totals| totals.team())
            .unwrap_or_default();
        forecast.insert(
            0,
            ForecastLine {
                user_id: None,
                name: team_name.clone(),
                won_so_far: team.revenue_won.clone().into_iter().collect(),
                weighted_open: weighted_open(&all_open, &win_rates),
                goal: revenue_goal(GoalScope::Team, team_id.0),
            },
        );
        productivity.insert(0, Productivity::total(team_name.clone(), &productivity));
    }
    Ok(PipelineReport {
        calendar: focus.calendar,
        period,
        subject: focus.subject,
        funnel: steps,
        idle_days,
        stale,
        stale_count,
        stale_value,
        win_rates,
        forecast,
        productivity,
        computed_at: now,
    })
}

/// The leadership summary of the period (of `length` containing `day`) for
/// a manager's team (an admin: the team named): goals, headline changes,
/// best and worst tactic, stale pipeline, forecast and the stored note.
/// Reps have no team page to take upstairs: `Forbidden`.
#[server(endpoint = "reports/summary", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn leadership_summary(
    team_id: Option<TeamId>,
    length: PeriodLength,
    day: NaiveDate,
    locale: Locale,
) -> Result<crate::domain::summary::LeadershipSummary, AppError> {
    use crate::api::context::{actor, signed_in};
    use crate::domain::Role;
    use crate::domain::effectiveness::{DEFAULT_WINDOW_DAYS, best_and_worst};
    use crate::domain::goal::GoalScope;
    use crate::domain::pipeline_health::DEFAULT_IDLE_DAYS;
    use crate::domain::summary::{LeadershipSummary, STALE_DEALS_NAMED, headline_lines};

    let (state, profile) = signed_in().await?;
    if profile.role == Role::Rep {
        return Err(AppError::Forbidden);
    }
    let focus = report_focus(&state, &profile, team_id, None, locale).await?;
    let Some((team_id, team_name)) = focus.team.clone() else {
        return Err(AppError::NotFound);
    };
    let period = report_period(focus.calendar, length, day)?;
    // Everything the page needs reads the database side by side (the pool
    // has connections to spare), so the page waits for the slowest part,
    // not the sum: the three reports, the goals in force and the note.
    let goals = async {
        let today = focus.zone.local_day(chrono::Utc::now()).min(period.end);
        let mut goals: Vec<_> = state
            .store
            .list_goals(Some(team_id))
            .await?
            .into_iter()
            .filter(|goal| {
                !goal.deleted && goal.period_start <= period.end && goal.period_end >= period.start
            })
            .collect();
        goals.sort_by_key(|goal| (goal.scope != GoalScope::Team, goal.subject_name.clone()));
        Ok::<_, AppError>(state.store.goal_standings(&goals, today).await?)
    };
    let note = async { Ok::<_, AppError>(state.store.period_note(team_id, period).await?) };
    let (comparison, tactics, pipeline, goals, note) = tokio::try_join!(
        super::reports::compare_periods(Some(team_id), length, day, locale),
        tactic_effectiveness(
            Some(team_id),
            None,
            length,
            day,
            DEFAULT_WINDOW_DAYS,
            locale
        ),
        pipeline_report(Some(team_id), None, length, day, DEFAULT_IDLE_DAYS, locale),
        goals,
        note,
    )?;
    let headline = comparison
        .subjects
        .iter()
        .find(|subject| subject.user_id.is_none())
        .map(|team| headline_lines(&team.lines))
        .unwrap_or_default();
    let (best_tactic, worst_tactic) = match best_and_worst(&tactics.by_tactic, 3) {
        Some((best, worst)) => (Some(best.clone()), Some(worst.clone())),
        None => (None, None),
    };
    Ok(LeadershipSummary {
        calendar: comparison.calendar,
        period,
        previous: comparison.previous,
        year_ago: comparison.year_ago,
        team_name,
        goals,
        headline,
        best_tactic,
        worst_tactic,
        stale_count: pipeline.stale_count,
        stale_value: pipeline.stale_value,
        stale_named: pipeline.stale.into_iter().take(STALE_DEALS_NAMED).collect(),
        forecast: pipeline
            .forecast
            .into_iter()
            .find(|line| line.user_id.is_none()),
        note,
        may_write_note: actor(&profile).can_manage_team(team_id),
        computed_at: chrono::Utc::now(),
    })
}

/// Keeps the manager's note on a period of their team (an admin: any
/// team); an empty note removes it. Field error `note` when too long.
#[server(endpoint = "reports/save_note", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn save_period_note(
    team_id: Option<TeamId>,
    period: crate::domain::period::Period,
    note: String,
) -> Result<(), AppError> {
    use crate::api::context::{actor, signed_in};
    use crate::domain::summary::valid_note;
    use crate::domain::validation::{FieldErrors, FieldProblem};

    let (state, profile) = signed_in().await?;
    let team_id = team_id.or(profile.team_id).ok_or(AppError::Forbidden)?;
    if !actor(&profile).can_manage_team(team_id) {
        return Err(AppError::Forbidden);
    }
    if !state
        .store
        .list_teams()
        .await?
        .iter()
        .any(|team| team.id == team_id)
    {
        return Err(AppError::NotFound);
    }
    if period.end < period.start {
        let mut errors = FieldErrors::default();
        errors.add("period", FieldProblem::EndBeforeStart);
        return Err(AppError::Invalid(errors));
    }
    let note = valid_note(&note).map_err(AppError::Invalid)?;
    state
        .store
        .save_period_note(team_id, period, &note, profile.id, chrono::Utc::now())
        .await?;
    Ok(())
}
