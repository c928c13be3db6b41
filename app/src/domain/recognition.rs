//! Recognition: a manager or teammate thanks a rep for something they did,
//! and the whole team reads it on the team feed.

use super::ids::{KudosId, TeamId, UserId};
use super::validation::{FieldErrors, FieldProblem, required_text};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Longest kudos message: a sentence or two, like a chat message.
pub const MAX_KUDOS_CHARS: usize = 280;

/// A kudos as stored, synced and shown on the team feed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Kudos {
    pub id: KudosId,
    pub team_id: TeamId,
    pub from_user_id: UserId,
    pub from_name: String,
    pub to_user_id: UserId,
    pub to_name: String,
    pub message: String,
    #[cfg_attr(
        feature = "ssr",
        sqlx(try_from = "crate::store::columns::StoredInstant")
    )]
    #[serde(with = "crate::domain::wire_time::instant")]
    pub created_at: DateTime<Utc>,
    pub version: i64,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "crate::store::columns::StoredFlag"))]
    pub deleted: bool,
}

/// A kudos as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KudosDraft {
    pub id: KudosId,
    /// The teammate thanked, as text from the picker.
    pub to_user_id: String,
    pub message: String,
}

/// A checked kudos draft (the recipient's team is checked by the server).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidKudos {
    pub id: KudosId,
    pub to_user_id: UserId,
    pub message: String,
}

impl KudosDraft {
    pub fn validate(&self, sender: UserId) -> Result<ValidKudos, FieldErrors> {
        let mut errors = FieldErrors::default();
        let to_user_id = errors.check(
            "to_user_id",
            if self.to_user_id.trim().is_empty() {
                Err(FieldProblem::Required)
            } else {
                self.to_user_id
                    .trim()
                    .parse::<UserId>()
                    .map_err(|_| FieldProblem::UnknownChoice)
                    .and_then(|id| {
                        if id == sender {
                            Err(FieldProblem::NotAllowed)
                        } else {
                            Ok(id)
                        }
                    })
            },
        );
        let message = errors.check("message", required_text(&self.message, MAX_KUDOS_CHARS));
        errors.into_result(|| {
            Some(ValidKudos {
                id: self.id,
                to_user_id: to_user_id?,
                message: message?,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kudos_need_a_teammate_and_a_message_and_not_oneself() {
        let me = UserId::new();
        let good = KudosDraft {
            id: KudosId::new(),
            to_user_id: UserId::new().to_string(),
            message: "  Closed Pars Tile in one call!  ".into(),
        };
        assert_eq!(
            good.validate(me).expect("valid").message,
            "Closed Pars Tile in one call!"
        );
        let to_self = KudosDraft {
            to_user_id: me.to_string(),
            message: String::new(),
            ..good.clone()
        };
        let errors = to_self.validate(me).expect_err("bad");
        assert_eq!(
            errors.for_field("to_user_id"),
            Some(&FieldProblem::NotAllowed)
        );
        assert_eq!(errors.for_field("message"), Some(&FieldProblem::Required));
        let long = KudosDraft {
            message: "x".repeat(MAX_KUDOS_CHARS + 1),
            ..good
        };
        assert_eq!(
            long.validate(me).expect_err("long").for_field("message"),
            Some(&FieldProblem::TooLong {
                max: MAX_KUDOS_CHARS
            })
        );
    }
}
