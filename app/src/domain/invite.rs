//! Invitations to join a team: a manager names the e-mail, Pishro makes a
//! one-time sign-up link (the team and role fixed by the inviter), and the
//! person chooses their name and password on it. Pure: what an invite may
//! be, its state, and the joiner's form are checked here.

use super::user::new_password;
use super::validation::MAX_NAME;
use super::validation::{FieldErrors, FieldProblem, required_email, required_text};
use super::{InviteId, Locale, Role};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// How long a sign-up link works.
pub const INVITE_DAYS: i64 = 7;

/// An invitation as its team's manager sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Invite {
    pub id: InviteId,
    pub email: String,
    pub role: Role,
    #[cfg_attr(
        feature = "ssr",
        sqlx(try_from = "crate::store::columns::StoredInstant")
    )]
    #[serde(with = "crate::domain::wire_time::instant")]
    pub created_at: DateTime<Utc>,
    #[cfg_attr(
        feature = "ssr",
        sqlx(try_from = "crate::store::columns::StoredInstant")
    )]
    #[serde(with = "crate::domain::wire_time::instant")]
    pub expires_at: DateTime<Utc>,
    #[cfg_attr(
        feature = "ssr",
        sqlx(try_from = "crate::store::columns::OptionalInstant")
    )]
    #[serde(default, with = "crate::domain::wire_time::optional_instant")]
    pub used_at: Option<DateTime<Utc>>,
    #[cfg_attr(
        feature = "ssr",
        sqlx(try_from = "crate::store::columns::OptionalInstant")
    )]
    #[serde(default, with = "crate::domain::wire_time::optional_instant")]
    pub revoked_at: Option<DateTime<Utc>>,
}

/// Where an invitation stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InviteState {
    Waiting,
    Used,
    Expired,
    Revoked,
}

impl Invite {
    pub fn state(&self, now: DateTime<Utc>) -> InviteState {
        if self.used_at.is_some() {
            InviteState::Used
        } else if self.revoked_at.is_some() {
            InviteState::Revoked
        } else if self.expires_at <= now {
            InviteState::Expired
        } else {
            InviteState::Waiting
        }
    }
}

/// What a manager types to invite someone.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteDraft {
    pub email: String,
    /// `rep`, or `manager` (only an admin invites a manager).
    pub role: String,
}

impl InviteDraft {
    /// The e-mail (lower-cased as sign-in compares it) and the role; a
    /// manager may only invite reps, an admin reps or managers.
    pub fn validate(&self, inviter: Role) -> Result<(String, Role), FieldErrors> {
        let mut errors = FieldErrors::default();
        let email = errors.check("email", required_email(&self.email));
        let role = match self.role.as_str() {
            "" | "rep" => Some(Role::Rep),
            "manager" if inviter == Role::Admin => Some(Role::Manager),
            "manager" => {
                errors.add("role", FieldProblem::NotAllowed);
                None
            }
            _ => {
                errors.add("role", FieldProblem::UnknownChoice);
                None
            }
        };
        errors.into_result(|| Some((email?, role?)))
    }
}

/// What the link shows before anyone signs up: whom it is for and where.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct InviteWelcome {
    pub email: String,
    pub role: Role,
    pub team_name: String,
    pub inviter_name: String,
    #[cfg_attr(
        feature = "ssr",
        sqlx(try_from = "crate::store::columns::StoredInstant")
    )]
    #[serde(with = "crate::domain::wire_time::instant")]
    pub expires_at: DateTime<Utc>,
}

/// The joiner's form on the sign-up link.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinDraft {
    pub display_name: String,
    pub password: String,
    pub repeated_password: String,
    pub locale: String,
}

/// A checked join form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidJoin {
    pub display_name: String,
    pub password: String,
    pub locale: Locale,
}

impl JoinDraft {
    pub fn validate(&self) -> Result<ValidJoin, FieldErrors> {
        let mut errors = FieldErrors::default();
        let display_name =
            errors.check("display_name", required_text(&self.display_name, MAX_NAME));
        let password = errors.check("password", new_password(&self.password));
        if password.is_some() && self.repeated_password != self.password {
            errors.add("repeated_password", FieldProblem::PasswordsDiffer);
        }
        let locale = errors.check("locale", super::validation::choice::<Locale>(&self.locale));
        errors.into_result(|| {
            Some(ValidJoin {
                display_name: display_name?,
                password: password?,
                locale: locale?,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn a_manager_invites_reps_and_an_admin_managers_too() {
        let draft = |email: &str, role: &str| InviteDraft {
            email: email.into(),
            role: role.into(),
        };
        assert_eq!(
            draft(" Nima@Example.com ", "").validate(Role::Manager),
            Ok(("nima@example.com".to_string(), Role::Rep))
        );
        let refused = draft("nima@example.com", "manager")
            .validate(Role::Manager)
            .expect_err("a manager cannot invite a manager");
        assert_eq!(refused.for_field("role"), Some(&FieldProblem::NotAllowed));
        assert_eq!(
            draft("nima@example.com", "manager").validate(Role::Admin),
            Ok(("nima@example.com".to_string(), Role::Manager))
        );
        let bad = draft("not mail", "admin")
            .validate(Role::Admin)
            .expect_err("bad");
        assert_eq!(bad.for_field("email"), Some(&FieldProblem::InvalidEmail));
        assert_eq!(bad.for_field("role"), Some(&FieldProblem::UnknownChoice));
    }

    #[test]
    fn an_invite_is_waiting_until_used_revoked_or_expired() {
        let now = Utc::now();
        let invite = Invite {
            id: InviteId::new(),
            email: "nima@example.com".into(),
            role: Role::Rep,
            created_at: now,
            expires_at: now + Duration::days(INVITE_DAYS),
            used_at: None,
            revoked_at: None,
        };
        assert_eq!(invite.state(now), InviteState::Waiting);
        assert_eq!(
            invite.state(now + Duration::days(INVITE_DAYS)),
            InviteState::Expired
        );
        let used = Invite {
            used_at: Some(now),
            ..invite.clone()
        };
        assert_eq!(used.state(now + Duration::days(30)), InviteState::Used);
        let revoked = Invite {
            revoked_at: Some(now),
            ..invite
        };
        assert_eq!(revoked.state(now), InviteState::Revoked);
    }

    #[test]
    fn joining_needs_a_name_and_a_real_password_typed_twice() {
        let join = JoinDraft {
            display_name: " Nima Tehrani ".into(),
            password: "a long enough secret".into(),
            repeated_password: "a long enough secret".into(),
            locale: "fa".into(),
        };
        let valid = join.validate().expect("valid");
        assert_eq!(valid.display_name, "Nima Tehrani");
        assert_eq!(valid.locale, Locale::Fa);
        let bad = JoinDraft {
            display_name: String::new(),
            repeated_password: "a long enough secreT".into(),
            locale: "de".into(),
            ..join
        }
        .validate()
        .expect_err("three problems");
        assert_eq!(bad.for_field("display_name"), Some(&FieldProblem::Required));
        assert_eq!(
            bad.for_field("repeated_password"),
            Some(&FieldProblem::PasswordsDiffer)
        );
        assert_eq!(bad.for_field("locale"), Some(&FieldProblem::UnknownChoice));
    }
}
