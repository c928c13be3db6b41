//! A team's budget: its manager (or an admin, for any team) plans amounts
//! per category and period, records spending against them, and reads what
//! remains; event costs count on the "events" lines by themselves.

use crate::domain::budget::{BudgetLineDraft, BudgetStanding, SpendingDraft};
use crate::domain::team_dashboard::TeamChoice;
use crate::domain::{BudgetLineId, SpendingId, TeamId};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

/// The budget screen: every line with what was spent against it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetView {
    pub team_id: TeamId,
    pub team_name: String,
    pub lines: Vec<BudgetStanding>,
    /// The teams an admin may switch to (empty for a manager).
    pub teams: Vec<TeamChoice>,
}

#[server(endpoint = "budgets/list", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn read_budget(team_id: Option<TeamId>) -> Result<BudgetView, AppError> {
    let (state, _, team_id, team_name, teams) = server::budget_team(team_id).await?;
    Ok(BudgetView {
        team_id,
        team_name,
        lines: state.store.team_budget(team_id).await?,
        teams,
    })
}

/// Plans (or changes) an amount for a category and period.
#[server(endpoint = "budgets/save_line", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn save_budget_line(
    team_id: Option<TeamId>,
    draft: BudgetLineDraft,
) -> Result<(), AppError> {
    let (state, by, team_id, _, _) = server::budget_team(team_id).await?;
    let line = draft.validate(team_id)?;
    if !state
        .store
        .save_budget_line(&line, by, chrono::Utc::now())
        .await?
    {
        return Err(AppError::Forbidden);
    }
    Ok(())
}

#[server(endpoint = "budgets/delete_line", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn delete_budget_line(line_id: BudgetLineId) -> Result<(), AppError> {
    let (state, _) = server::managed_line(line_id).await?;
    Ok(state
        .store
        .delete_budget_line(line_id, chrono::Utc::now())
        .await?)
}

/// Records money spent against a line (in the line's currency).
#[server(endpoint = "budgets/add_spending", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn add_spending(draft: SpendingDraft) -> Result<(), AppError> {
    let (state, (by, currency)) = server::managed_line(draft.line_id).await?;
    let spending = draft.validate(currency)?;
    Ok(state
        .store
        .add_spending(&spending, by, chrono::Utc::now())
        .await?)
}

#[server(endpoint = "budgets/remove_spending", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn remove_spending(spending_id: SpendingId) -> Result<(), AppError> {
    let state = crate::api::context::state()?;
    let line_id = state
        .store
        .spending_line(spending_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (state, _) = server::managed_line(line_id).await?;
    Ok(state.store.remove_spending(spending_id).await?)
}

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use crate::api::context::{ServerState, actor, report_subject, signed_in};
    use crate::domain::team_dashboard::TeamChoice;
    use crate::domain::{BudgetLineId, Currency, TeamId, UserId};
    use crate::error::AppError;

    /// The team whose budget the caller keeps: a manager's own, an
    /// admin's choice; reps and other teams' managers are refused.
    pub async fn budget_team(
        team_id: Option<TeamId>,
    ) -> Result<(ServerState, UserId, TeamId, String, Vec<TeamChoice>), AppError> {
        let (state, profile) = signed_in().await?;
        let subject = report_subject(&state, &profile, team_id).await?;
        let (team_id, team_name) = subject.team.ok_or(AppError::Forbidden)?;
        if !actor(&profile).can_manage_team(team_id) {
            return Err(AppError::Forbidden);
        }
        Ok((state, profile.id, team_id, team_name, subject.teams))
    }

    /// A line the caller keeps, with who they are and the line's currency.
    pub async fn managed_line(
        line_id: BudgetLineId,
    ) -> Result<(ServerState, (UserId, Currency)), AppError> {
        let (state, profile) = signed_in().await?;
        let (team_id, currency) = state
            .store
            .budget_line_owner(line_id)
            .await?
            .ok_or(AppError::NotFound)?;
        if !actor(&profile).can_manage_team(team_id) {
            return Err(AppError::Forbidden);
        }
        Ok((state, (profile.id, currency)))
    }
}
