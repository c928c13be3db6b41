//! Typed ids. Synced records get UUIDv7 ids minted by the client, so a record
//! created offline already has its final id and a retried create is idempotent.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A fresh time-ordered id (UUIDv7), safe to mint offline.
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(text).map(Self)
            }
        }

        #[cfg(feature = "ssr")]
        $crate::domain::stored_as_text!($name,
            decode: |text| Ok(Self(Uuid::parse_str(text)?)),
            encode: |id| id.0.to_string());
    };
}

id_type!(
    /// A person who signs in: rep, manager or admin.
    UserId
);
id_type!(
    /// A sales team; a manager leads one.
    TeamId
);
id_type!(
    /// A lead: the person or company sold to, and the deal.
    LeadId
);
id_type!(
    /// A call, meeting, email, task or note.
    ActivityId
);
id_type!(
    /// A goal or quota for a rep or a team.
    GoalId
);
id_type!(
    /// A manager's record: budget, staff, training or other.
    RecordId
);
id_type!(
    /// A team's compensation plan (rates, tiers, bonuses, dates in force).
    PlanId
);
id_type!(
    /// A thank-you posted to a rep on the team feed.
    KudosId
);
id_type!(
    /// A stretch of days a rep is away (leave, training, sick), so no leads go to them.
    AbsenceId
);
id_type!(
    /// A one-time sign-up link a manager sent (the link's secret is not the id).
    InviteId
);
id_type!(
    /// A fair, conference or webinar a team went to for leads.
    EventId
);
id_type!(
    /// A planned amount of a team's budget (category and period).
    BudgetLineId
);
id_type!(
    /// Money spent against a budget line.
    SpendingId
);
id_type!(
    /// A contact waiting in a team's lead pool for an owner.
    PoolLeadId
);
id_type!(
    /// A team's public web-to-lead form.
    WebFormId
);
id_type!(
    /// A training programme a team runs (onboarding, product, skills).
    TrainingProgrammeId
);
id_type!(
    /// One session of a training programme, on one day.
    TrainingSessionId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_ids_are_version_7_and_round_trip_as_text() {
        let id = LeadId::new();
        assert_eq!(id.0.get_version_num(), 7);
        assert_eq!(id.to_string().parse::<LeadId>().ok(), Some(id));
        assert!("not-an-id".parse::<LeadId>().is_err());
    }

    /// The store reads and binds ids as themselves, stored as the same text
    /// as before (so existing databases read the same), and a malformed
    /// one is an error, never a panic.
    #[cfg(feature = "ssr")]
    #[tokio::test]
    async fn ids_are_stored_as_their_text_and_a_malformed_one_is_an_error() {
        let pool = sqlx::SqlitePool::connect("sqlite::memory:")
            .await
            .expect("an in-memory database");
        let id = LeadId::new();
        let back: LeadId = sqlx::query_scalar("SELECT $1")
            .bind(id)
            .fetch_one(&pool)
            .await
            .expect("the id read back");
        assert_eq!(back, id);
        let text: String = sqlx::query_scalar("SELECT $1")
            .bind(id)
            .fetch_one(&pool)
            .await
            .expect("the id as text");
        assert_eq!(text, id.to_string());
        let none: Option<TeamId> = sqlx::query_scalar("SELECT NULL")
            .fetch_one(&pool)
            .await
            .expect("no team");
        assert_eq!(none, None);
        let malformed = sqlx::query_scalar::<_, LeadId>("SELECT 'not-an-id'")
            .fetch_one(&pool)
            .await;
        assert!(malformed.is_err());
    }

    #[test]
    fn ids_serialize_as_plain_strings() {
        let id = UserId::new();
        let json = serde_json::to_string(&id).unwrap_or_default();
        assert_eq!(json, format!("\"{id}\""));
    }
}
