//! People who sign in, their role and language.

use super::choice_enum;
use super::ids::{TeamId, UserId};
use serde::{Deserialize, Serialize};

choice_enum!(
    /// What a person may do: a rep works their own leads, a manager leads a
    /// team, an admin manages users and teams.
    Role {
        Rep => "rep",
        Manager => "manager",
        Admin => "admin",
    }
);

choice_enum!(
    /// The language a person reads Pishro in. Persian also means right-to-left,
    /// Persian digits and the Jalali calendar.
    Locale {
        En => "en",
        Fa => "fa",
    }
);

impl Locale {
    pub fn is_right_to_left(self) -> bool {
        self == Locale::Fa
    }
}

/// The signed-in person as the client sees them; cached so the app can start
/// offline as the last signed-in user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserProfile {
    pub id: UserId,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub team_id: Option<TeamId>,
    pub team_name: Option<String>,
    pub locale: Locale,
}

impl UserProfile {
    /// Managers and admins keep records and set goals.
    pub fn manages(&self) -> bool {
        matches!(self.role, Role::Manager | Role::Admin)
    }
}

/// Someone a manager can assign a lead or a goal to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMember {
    pub id: UserId,
    pub display_name: String,
    pub role: Role,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Choice;

    #[test]
    fn roles_and_locales_use_stable_spellings() {
        assert_eq!(Role::parse("manager"), Some(Role::Manager));
        assert_eq!(Role::parse("Manager"), None);
        assert_eq!(Locale::parse("fa"), Some(Locale::Fa));
        assert!(Locale::Fa.is_right_to_left());
        assert!(!Locale::En.is_right_to_left());
    }
}
