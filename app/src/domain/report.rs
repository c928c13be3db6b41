//! Report shapes shared by the server (which computes them from canonical
//! data) and the screens (which show them).

use super::money::Currency;
use serde::{Deserialize, Serialize};

/// The dashboard's headline numbers for the signed-in person's scope.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardCounts {
    /// Whose numbers these are: own, team or everything.
    pub scope: DashboardScope,
    pub open_leads: i64,
    pub deals_won: i64,
    /// Won revenue per currency (amounts in different currencies never add up).
    pub revenue_won: Vec<(Currency, i64)>,
    pub pipeline_value: Vec<(Currency, i64)>,
    pub activities_this_month: i64,
    pub calls_this_month: i64,
    pub active_goals: i64,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DashboardScope {
    #[default]
    Own,
    Team,
    Everything,
}
