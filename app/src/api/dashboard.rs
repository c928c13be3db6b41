//! The dashboard's headline numbers, computed from the canonical data for
//! the signed-in person's scope.

use crate::domain::report::DashboardCounts;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[server(endpoint = "dashboard/counts", input = Json)]
pub async fn load_dashboard() -> Result<DashboardCounts, AppError> {
    use crate::api::context::{actor, signed_in};
    use crate::domain::report::DashboardScope;
    use crate::i18n::format::calendar_month_start;

    let (state, profile) = signed_in().await?;
    let actor = actor(&profile);
    let now = chrono::Utc::now();
    let today = now.date_naive();
    let month_start = calendar_month_start(profile.locale, today)
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_utc();
    let scope = actor.read_scope();
    let mut counts = state.store.dashboard_counts(scope, month_start).await?;
    counts.scope = DashboardScope::of(scope);
    let goals = match (profile.role, profile.team_id) {
        (crate::domain::Role::Admin, _) => state.store.list_goals(None).await?,
        (_, Some(team_id)) => state.store.list_goals(Some(team_id)).await?,
        (_, None) => Vec::new(),
    };
    counts.active_goals = goals
        .iter()
        .filter(|goal| actor.can_read_goal(goal.team_id, goal.scope, goal.subject_id))
        .filter(|goal| goal.period_start <= today && today <= goal.period_end)
        .count() as i64;
    Ok(counts)
}
