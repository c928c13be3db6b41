//! People who sign in, their role and language.

use super::choice_enum;
use super::ids::{TeamId, UserId};
use super::validation::{
    FieldErrors, FieldProblem, MAX_NAME, choice, required_email, required_text,
};
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
    /// The calendar the team's periods follow, when the team chose one.
    #[serde(default)]
    pub team_calendar: Option<crate::domain::period::Calendar>,
    /// The IANA zone the team counts its days in (`None`: no team, UTC);
    /// the device learns its offsets from the browser.
    #[serde(default)]
    pub team_time_zone: Option<String>,
    /// The week and holidays the team's manager keeps, around today, so
    /// the device paces goals as the server does (sent by `auth/me` and
    /// sign-in; `None` elsewhere and before the team has any).
    #[serde(default)]
    pub team_days: Option<crate::domain::working_days::TeamDays>,
}

impl UserProfile {
    /// Managers and admins keep records and set goals.
    pub fn manages(&self) -> bool {
        matches!(self.role, Role::Manager | Role::Admin)
    }
}

/// Someone a manager can assign a lead or a goal to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct TeamMember {
    pub id: UserId,
    pub display_name: String,
    pub role: Role,
}

/// A person as an admin sees them in the people list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Person {
    pub id: UserId,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub team_id: Option<TeamId>,
    pub team_name: Option<String>,
    pub locale: Locale,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "crate::store::columns::StoredFlag"))]
    pub active: bool,
}

/// A team and who leads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Team {
    pub id: TeamId,
    pub name: String,
    pub manager_id: Option<UserId>,
    pub manager_name: Option<String>,
    /// `None`: goal periods follow each reader's language.
    #[serde(default)]
    pub calendar: Option<crate::domain::period::Calendar>,
    /// The IANA zone its days are counted in; `None`: the calendar's
    /// (`time_zone::default_zone`).
    #[serde(default)]
    pub time_zone: Option<String>,
}

/// Shortest password accepted for a new account.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// Longest password accepted (argon2 has no limit; this bounds the work).
pub const MAX_PASSWORD_CHARS: usize = 256;

/// A password someone chooses: long enough to resist guessing, short
/// enough to bound the hashing work.
pub fn new_password(password: &str) -> Result<String, FieldProblem> {
    let length = password.chars().count();
    if length < MIN_PASSWORD_CHARS {
        Err(FieldProblem::PasswordTooShort {
            min: MIN_PASSWORD_CHARS,
        })
    } else if length > MAX_PASSWORD_CHARS {
        Err(FieldProblem::TooLong {
            max: MAX_PASSWORD_CHARS,
        })
    } else {
        Ok(password.to_string())
    }
}

/// A person changing their own password, as typed on their account page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
    pub repeated_password: String,
}

impl PasswordChange {
    /// The current and the new password, or a problem per field: the
    /// current one given, the new one a real password typed the same twice.
    pub fn validate(&self) -> Result<(String, String), FieldErrors> {
        let mut errors = FieldErrors::default();
        if self.current_password.is_empty() {
            errors.add("current_password", FieldProblem::Required);
        } else if self.current_password.chars().count() > MAX_PASSWORD_CHARS {
            errors.add("current_password", FieldProblem::WrongPassword);
        }
        let chosen = errors.check("new_password", new_password(&self.new_password));
        if chosen.is_some() && self.repeated_password != self.new_password {
            errors.add("repeated_password", FieldProblem::PasswordsDiffer);
        }
        errors.into_result(|| Some((self.current_password.clone(), chosen?)))
    }
}

/// A person as typed into the admin's form. An empty password keeps the
/// current one when editing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonDraft {
    pub id: UserId,
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub team_id: Option<TeamId>,
    pub locale: String,
    pub active: bool,
    pub password: String,
}

/// A checked person draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidPerson {
    pub id: UserId,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub team_id: Option<TeamId>,
    pub locale: Locale,
    pub active: bool,
    /// `None` keeps the stored password.
    pub password: Option<String>,
}

impl PersonDraft {
    /// `is_new`: a new account must get a password.
    pub fn validate(&self, is_new: bool) -> Result<ValidPerson, FieldErrors> {
        let mut errors = FieldErrors::default();
        let email = errors.check("email", required_email(&self.email));
        let display_name =
            errors.check("display_name", required_text(&self.display_name, MAX_NAME));
        let role = errors.check("role", choice::<Role>(&self.role));
        let locale = errors.check("locale", choice::<Locale>(&self.locale));
        let password = if self.password.is_empty() && !is_new {
            Some(None)
        } else {
            errors
                .check("password", new_password(&self.password))
                .map(Some)
        };
        if role == Some(Role::Manager) && self.team_id.is_none() {
            errors.add("team_id", FieldProblem::Required);
        }
        errors.into_result(|| {
            Some(ValidPerson {
                id: self.id,
                email: email?,
                display_name: display_name?,
                role: role?,
                team_id: self.team_id,
                locale: locale?,
                active: self.active,
                password: password?,
            })
        })
    }
}

/// A team as typed into the admin's form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamDraft {
    pub id: TeamId,
    pub name: String,
    pub manager_id: Option<UserId>,
    /// `gregorian`, `jalali`, or empty for each reader's language.
    #[serde(default)]
    pub calendar: String,
    /// An IANA zone name ("Asia/Tehran"), or empty for the calendar's.
    #[serde(default)]
    pub time_zone: String,
}

/// A team ready to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidTeam {
    pub id: TeamId,
    pub name: String,
    pub manager_id: Option<UserId>,
    pub calendar: Option<crate::domain::period::Calendar>,
    pub time_zone: Option<String>,
}

impl TeamDraft {
    pub fn validate(&self) -> Result<ValidTeam, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = errors.check("name", required_text(&self.name, MAX_NAME));
        let calendar = if self.calendar.trim().is_empty() {
            Some(None)
        } else {
            errors
                .check(
                    "calendar",
                    crate::domain::validation::choice(&self.calendar),
                )
                .map(Some)
        };
        let zone = self.time_zone.trim();
        let time_zone = if zone.is_empty() {
            Some(None)
        } else if crate::domain::time_zone::plausible_zone_name(zone) {
            Some(Some(zone.to_string()))
        } else {
            errors.add("time_zone", FieldProblem::UnknownChoice);
            None
        };
        errors.into_result(|| {
            Some(ValidTeam {
                id: self.id,
                name: name?,
                manager_id: self.manager_id,
                calendar: calendar?,
                time_zone: time_zone?,
            })
        })
    }
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

    fn person() -> PersonDraft {
        PersonDraft {
            email: "Nima@Example.com".into(),
            display_name: "Nima".into(),
            role: "rep".into(),
            team_id: Some(TeamId::new()),
            locale: "fa".into(),
            active: true,
            password: "long enough secret".into(),
            ..PersonDraft::default()
        }
    }

    #[test]
    fn a_new_person_needs_a_real_password() {
        let valid = person().validate(true).expect("valid");
        assert_eq!(valid.email, "nima@example.com");
        assert_eq!(valid.password.as_deref(), Some("long enough secret"));
        let short = PersonDraft {
            password: "short".into(),
            ..person()
        };
        assert_eq!(
            short
                .validate(true)
                .expect_err("short")
                .for_field("password"),
            Some(&FieldProblem::PasswordTooShort {
                min: MIN_PASSWORD_CHARS
            })
        );
        let empty = PersonDraft {
            password: String::new(),
            ..person()
        };
        assert!(empty.validate(true).is_err());
        assert_eq!(
            empty.validate(false).map(|person| person.password),
            Ok(None),
            "editing keeps the password"
        );
    }

    #[test]
    fn a_manager_needs_a_team_and_fields_are_checked() {
        let manager = PersonDraft {
            role: "manager".into(),
            team_id: None,
            ..person()
        };
        assert_eq!(
            manager
                .validate(true)
                .expect_err("no team")
                .for_field("team_id"),
            Some(&FieldProblem::Required)
        );
        let bad = PersonDraft {
            email: "x".into(),
            display_name: " ".into(),
            role: "boss".into(),
            locale: "de".into(),
            ..person()
        };
        let errors = bad.validate(true).expect_err("bad");
        for field in ["email", "display_name", "role", "locale"] {
            assert!(errors.for_field(field).is_some(), "{field}");
        }
        assert!(
            TeamDraft {
                name: "".into(),
                ..TeamDraft::default()
            }
            .validate()
            .is_err()
        );
    }

    #[test]
    fn a_password_change_needs_the_current_one_and_the_new_one_twice() {
        let change = |current: &str, new: &str, repeated: &str| PasswordChange {
            current_password: current.into(),
            new_password: new.into(),
            repeated_password: repeated.into(),
        };
        assert_eq!(
            change("old secret", "a new long secret", "a new long secret").validate(),
            Ok(("old secret".to_string(), "a new long secret".to_string()))
        );
        let errors = change("", "short", "short")
            .validate()
            .expect_err("two problems");
        assert_eq!(
            errors.for_field("current_password"),
            Some(&FieldProblem::Required)
        );
        assert_eq!(
            errors.for_field("new_password"),
            Some(&FieldProblem::PasswordTooShort {
                min: MIN_PASSWORD_CHARS
            })
        );
        assert_eq!(
            errors.for_field("repeated_password"),
            None,
            "only the first problem"
        );
        let differ = change("old secret", "a new long secret", "a new long secreT")
            .validate()
            .expect_err("typo");
        assert_eq!(
            differ.for_field("repeated_password"),
            Some(&FieldProblem::PasswordsDiffer)
        );
        let huge = change(
            &"x".repeat(MAX_PASSWORD_CHARS + 1),
            "a new long secret",
            "a new long secret",
        )
        .validate()
        .expect_err("bounded");
        assert_eq!(
            huge.for_field("current_password"),
            Some(&FieldProblem::WrongPassword)
        );
    }
}
