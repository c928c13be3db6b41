//! Who may read and write what, as pure functions over ids and roles. The
//! server calls these before every read and write; keeping them pure means
//! every rule is unit-tested here.
//!
//! - A rep reads and writes their own leads and activities, and reads their
//!   own and their team's goals.
//! - A manager also reads and writes everything of their team (to distribute
//!   leads), and alone writes the team's goals and records.
//! - An admin manages users and teams and may read and write everything.

use super::goal::GoalScope;
use super::ids::{TeamId, UserId};
use super::user::Role;
use uuid::Uuid;

/// The signed-in person, as the access rules need them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Actor {
    pub user_id: UserId,
    pub role: Role,
    pub team_id: Option<TeamId>,
}

impl Actor {
    /// The signed-in person as the access rules see them.
    pub fn of(profile: &super::UserProfile) -> Self {
        Self {
            user_id: profile.id,
            role: profile.role,
            team_id: profile.team_id,
        }
    }
}

/// The rep a lead or activity belongs to, and that rep's team.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Owner {
    #[cfg_attr(feature = "ssr", sqlx(rename = "owner_id"))]
    pub user_id: UserId,
    #[cfg_attr(feature = "ssr", sqlx(rename = "owner_team_id"))]
    pub team_id: Option<TeamId>,
}

/// Which rows a list query may return for an actor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadScope {
    /// Only the actor's own rows.
    Own(UserId),
    /// Rows of anyone in the team.
    Team(TeamId),
    Everything,
}

impl Actor {
    /// The widest set of owned rows this actor may list.
    pub fn read_scope(&self) -> ReadScope {
        match (self.role, self.team_id) {
            (Role::Admin, _) => ReadScope::Everything,
            (Role::Manager, Some(team_id)) => ReadScope::Team(team_id),
            _ => ReadScope::Own(self.user_id),
        }
    }

    /// Whether `owner`'s lead or activity is visible to this actor.
    pub fn can_read(&self, owner: &Owner) -> bool {
        match self.read_scope() {
            ReadScope::Everything => true,
            ReadScope::Team(team_id) => {
                owner.user_id == self.user_id || owner.team_id == Some(team_id)
            }
            ReadScope::Own(user_id) => owner.user_id == user_id,
        }
    }

    /// Whether this actor may create or change a lead or activity owned by
    /// `owner` (including handing a lead to `owner`).
    pub fn can_write(&self, owner: &Owner) -> bool {
        self.can_read(owner)
    }

    /// Whether this actor sets goals and keeps records for `team_id`.
    pub fn can_manage_team(&self, team_id: TeamId) -> bool {
        match self.role {
            Role::Admin => true,
            Role::Manager => self.team_id == Some(team_id),
            Role::Rep => false,
        }
    }

    /// Whether a goal of `goal_team` with this scope and subject is visible:
    /// a rep sees their own goals and their team's; managers see their team's.
    pub fn can_read_goal(&self, goal_team: TeamId, scope: GoalScope, subject_id: Uuid) -> bool {
        if self.can_manage_team(goal_team) {
            return true;
        }
        match scope {
            GoalScope::Rep => subject_id == self.user_id.0,
            GoalScope::Team => self.team_id == Some(goal_team) && subject_id == goal_team.0,
        }
    }

    /// Whether this actor keeps a person's availability (absences,
    /// capacity) and may deactivate them: an admin anyone, a manager the
    /// reps of their own team (never another manager or an admin).
    pub fn can_manage_person(&self, team_id: Option<TeamId>, role: Role) -> bool {
        match self.role {
            Role::Admin => true,
            Role::Manager => role == Role::Rep && team_id.is_some() && team_id == self.team_id,
            Role::Rep => false,
        }
    }

    /// Only admins manage people and teams.
    pub fn can_manage_users(&self) -> bool {
        self.role == Role::Admin
    }

    /// The teams whose shared rows (goals, events) this actor may list:
    /// everyone belongs to their team's, an admin to every team's.
    pub fn member_teams(&self) -> TeamScope {
        match (self.role, self.team_id) {
            (Role::Admin, _) => TeamScope::EveryTeam,
            (_, Some(team_id)) => TeamScope::OneTeam(team_id),
            (_, None) => TeamScope::NoTeam,
        }
    }

    /// The teams whose manager's rows (records, budgets) this actor may
    /// list: a manager their own team's, an admin every team's, a rep none.
    pub fn managed_teams(&self) -> TeamScope {
        match (self.role, self.team_id) {
            (Role::Admin, _) => TeamScope::EveryTeam,
            (Role::Manager, Some(team_id)) => TeamScope::OneTeam(team_id),
            _ => TeamScope::NoTeam,
        }
    }

    /// The team a team-wide screen (leaderboard, commission) shows: the one
    /// an admin chose, or the actor's own; a manager or rep asking for
    /// another team still gets only their own.
    pub fn team_in_view(&self, chosen: Option<TeamId>) -> Option<TeamId> {
        match self.role {
            Role::Admin => chosen.or(self.team_id),
            Role::Manager | Role::Rep => self.team_id,
        }
    }
}

/// Which teams' shared rows a list may return; the store's team filters take
/// it through [`TeamScope::filter`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TeamScope {
    EveryTeam,
    OneTeam(TeamId),
    /// Someone without a team (or a rep, for a manager's rows).
    NoTeam,
}

impl TeamScope {
    /// The store's filter: `Some(None)` reads every team, `Some(Some(team))`
    /// one, `None` nothing at all (the caller answers empty or refuses).
    pub fn filter(self) -> Option<Option<TeamId>> {
        match self {
            TeamScope::EveryTeam => Some(None),
            TeamScope::OneTeam(team_id) => Some(Some(team_id)),
            TeamScope::NoTeam => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct World {
        team_a: TeamId,
        team_b: TeamId,
        rep1: Actor,
        rep2: Actor,
        rep_b: Actor,
        manager_a: Actor,
        admin: Actor,
    }

    fn actor(role: Role, team_id: Option<TeamId>) -> Actor {
        Actor {
            user_id: UserId::new(),
            role,
            team_id,
        }
    }

    fn world() -> World {
        let team_a = TeamId::new();
        let team_b = TeamId::new();
        World {
            team_a,
            team_b,
            rep1: actor(Role::Rep, Some(team_a)),
            rep2: actor(Role::Rep, Some(team_a)),
            rep_b: actor(Role::Rep, Some(team_b)),
            manager_a: actor(Role::Manager, Some(team_a)),
            admin: actor(Role::Admin, None),
        }
    }

    fn owner(of: &Actor) -> Owner {
        Owner {
            user_id: of.user_id,
            team_id: of.team_id,
        }
    }

    #[test]
    fn a_rep_reads_and_writes_only_their_own_work() {
        let w = world();
        assert!(w.rep1.can_read(&owner(&w.rep1)) && w.rep1.can_write(&owner(&w.rep1)));
        assert!(
            !w.rep1.can_read(&owner(&w.rep2)),
            "a teammate's lead is not a rep's"
        );
        assert!(!w.rep1.can_write(&owner(&w.rep2)));
        assert!(!w.rep1.can_read(&owner(&w.rep_b)));
        assert_eq!(w.rep1.read_scope(), ReadScope::Own(w.rep1.user_id));
    }

    #[test]
    fn a_manager_sees_their_team_only() {
        let w = world();
        assert!(w.manager_a.can_read(&owner(&w.rep1)) && w.manager_a.can_write(&owner(&w.rep2)));
        assert!(!w.manager_a.can_read(&owner(&w.rep_b)));
        assert!(!w.manager_a.can_write(&owner(&w.rep_b)));
        assert_eq!(w.manager_a.read_scope(), ReadScope::Team(w.team_a));
    }

    #[test]
    fn a_manager_without_a_team_sees_only_their_own() {
        let lone = actor(Role::Manager, None);
        assert_eq!(lone.read_scope(), ReadScope::Own(lone.user_id));
        assert!(!lone.can_manage_team(TeamId::new()));
    }

    #[test]
    fn only_the_teams_manager_or_an_admin_manage_goals_and_records() {
        let w = world();
        assert!(w.manager_a.can_manage_team(w.team_a));
        assert!(!w.manager_a.can_manage_team(w.team_b));
        assert!(!w.rep1.can_manage_team(w.team_a));
        assert!(w.admin.can_manage_team(w.team_b));
        assert!(w.admin.can_manage_users() && !w.manager_a.can_manage_users());
    }

    #[test]
    fn reps_see_their_own_goals_and_their_teams() {
        let w = world();
        assert!(
            w.rep1
                .can_read_goal(w.team_a, GoalScope::Rep, w.rep1.user_id.0)
        );
        assert!(
            !w.rep1
                .can_read_goal(w.team_a, GoalScope::Rep, w.rep2.user_id.0)
        );
        assert!(w.rep1.can_read_goal(w.team_a, GoalScope::Team, w.team_a.0));
        assert!(!w.rep1.can_read_goal(w.team_b, GoalScope::Team, w.team_b.0));
        assert!(
            w.manager_a
                .can_read_goal(w.team_a, GoalScope::Rep, w.rep2.user_id.0)
        );
        assert!(
            !w.manager_a
                .can_read_goal(w.team_b, GoalScope::Team, w.team_b.0)
        );
    }

    #[test]
    fn shared_rows_are_listed_for_ones_own_team_and_managers_rows_for_managers() {
        let w = world();
        assert_eq!(w.rep1.member_teams(), TeamScope::OneTeam(w.team_a));
        assert_eq!(w.manager_a.member_teams(), TeamScope::OneTeam(w.team_a));
        assert_eq!(w.admin.member_teams(), TeamScope::EveryTeam);
        assert_eq!(actor(Role::Rep, None).member_teams(), TeamScope::NoTeam);
        assert_eq!(
            w.rep1.managed_teams(),
            TeamScope::NoTeam,
            "a rep keeps no records"
        );
        assert_eq!(w.manager_a.managed_teams(), TeamScope::OneTeam(w.team_a));
        assert_eq!(
            actor(Role::Manager, None).managed_teams(),
            TeamScope::NoTeam
        );
        assert_eq!(w.admin.managed_teams(), TeamScope::EveryTeam);
        assert_eq!(TeamScope::EveryTeam.filter(), Some(None));
        assert_eq!(TeamScope::OneTeam(w.team_b).filter(), Some(Some(w.team_b)));
        assert_eq!(TeamScope::NoTeam.filter(), None);
    }

    #[test]
    fn only_an_admin_chooses_which_team_a_team_screen_shows() {
        let w = world();
        assert_eq!(w.admin.team_in_view(Some(w.team_b)), Some(w.team_b));
        assert_eq!(w.admin.team_in_view(None), None, "an admin without a team");
        assert_eq!(
            w.manager_a.team_in_view(Some(w.team_b)),
            Some(w.team_a),
            "a manager asking for another team gets their own"
        );
        assert_eq!(w.rep_b.team_in_view(Some(w.team_a)), Some(w.team_b));
        assert_eq!(actor(Role::Rep, None).team_in_view(Some(w.team_a)), None);
    }

    #[test]
    fn a_manager_keeps_the_availability_of_their_own_reps_only() {
        let w = world();
        assert!(w.manager_a.can_manage_person(Some(w.team_a), Role::Rep));
        assert!(
            !w.manager_a.can_manage_person(Some(w.team_b), Role::Rep),
            "another team's rep"
        );
        assert!(
            !w.manager_a.can_manage_person(Some(w.team_a), Role::Manager),
            "a fellow manager"
        );
        assert!(!w.manager_a.can_manage_person(Some(w.team_a), Role::Admin));
        assert!(
            !w.manager_a.can_manage_person(None, Role::Rep),
            "a rep without a team"
        );
        assert!(!w.rep1.can_manage_person(Some(w.team_a), Role::Rep));
        assert!(w.admin.can_manage_person(Some(w.team_b), Role::Manager));
        let lone = actor(Role::Manager, None);
        assert!(!lone.can_manage_person(None, Role::Rep));
    }
}
