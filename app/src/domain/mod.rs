//! Pishro's domain: ids, entities and the pure rules about them (validation,
//! access). Nothing here does I/O, so all of it is unit-tested directly and
//! shared by the browser and the server.

pub mod access;
pub mod activity;
pub mod agenda;
pub mod audit;
pub mod availability;
pub mod budget;
pub mod calendar;
pub mod comparison;
pub mod compensation;
pub mod csv;
pub mod distribution;
pub mod effectiveness;
pub mod event;
pub mod goal;
pub mod headcount;
pub mod ids;
pub mod invite;
pub mod lead;
pub mod lead_import;
pub mod letter_case;
pub mod money;
pub mod period;
pub mod pipeline;
pub mod pipeline_health;
pub mod pool;
mod problems_on_wire;
pub mod progress;
pub mod recognition;
pub mod record;
pub mod report;
pub mod search;
pub mod sorted_map;
pub mod sorting;
pub mod staff;
pub mod summary;
pub mod team_dashboard;
pub mod time_zone;
pub mod training;
pub mod user;
pub mod validation;
pub mod wire_time;
pub mod working_days;

pub use access::Actor;
pub use activity::{Activity, ActivityDraft, ActivityKind, Outcome, Tactic};
pub use goal::{Goal, GoalDraft, GoalMetric, GoalScope};
pub use ids::{
    AbsenceId, ActivityId, BudgetLineId, EventId, GoalId, InviteId, KudosId, LeadId, PlanId,
    PoolLeadId, RecordId, SpendingId, TeamId, TrainingProgrammeId, TrainingSessionId, UserId,
    WebFormId,
};
pub use lead::{CustomerKind, Lead, LeadDraft, LeadSource, LeadStage};
pub use money::Currency;
pub use record::{ManagerRecord, RecordDraft, RecordKind};
pub use user::{Locale, Person, PersonDraft, Role, Team, TeamDraft, TeamMember, UserProfile};
pub use validation::{FieldError, FieldErrors, FieldProblem};

/// A choice list shown in a form: every enum a user picks from implements it,
/// so forms, validation and the database agree on one spelling per value.
pub trait Choice: Sized + Copy + 'static {
    /// All values in display order.
    const ALL: &'static [Self];
    /// The stable spelling used on the wire and in the database.
    fn as_str(self) -> &'static str;
    /// Reads the stable spelling back; `None` for anything unknown.
    fn parse(value: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .copied()
            .find(|choice| choice.as_str() == value)
    }
}

/// Reads a choice from its stable spelling. Every choice goes through one
/// string read and `Choice::parse` instead of serde's derived enum visitor
/// per type: the same wire text, and about 1.3 KB less browser code per
/// choice type (BENCHMARKS, "Browser app size", session 31). A spelling
/// this build does not know is an error, as it was with the derived one.
pub(crate) fn deserialize_choice<'de, T: Choice, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    let text = <String as serde::Deserialize>::deserialize(deserializer)?;
    T::parse(&text).ok_or_else(|| {
        <D::Error as serde::de::Error>::custom(format_args!("unknown choice {text:?}"))
    })
}

/// Gives a type the database keeps as text its sqlx reading and writing,
/// for any sqlx database with a text type (the ids and the choices: one
/// spelling in SQLite today, the same in PostgreSQL later): `decode` turns
/// the stored text into the value, an error for text it does not know;
/// `encode` gives the value's stored text.
#[cfg(feature = "ssr")]
macro_rules! stored_as_text {
    ($name:ty, decode: |$text:ident| $decode:expr, encode: |$value:ident| $encode:expr) => {
        impl<Database: sqlx::Database> sqlx::Type<Database> for $name
        where
            String: sqlx::Type<Database>,
        {
            fn type_info() -> Database::TypeInfo {
                <String as sqlx::Type<Database>>::type_info()
            }

            fn compatible(kind: &Database::TypeInfo) -> bool {
                <String as sqlx::Type<Database>>::compatible(kind)
            }
        }

        impl<'row, Database: sqlx::Database> sqlx::Decode<'row, Database> for $name
        where
            &'row str: sqlx::Decode<'row, Database>,
        {
            fn decode(
                value: <Database as sqlx::Database>::ValueRef<'row>,
            ) -> Result<Self, sqlx::error::BoxDynError> {
                let $text = <&str as sqlx::Decode<Database>>::decode(value)?;
                $decode
            }
        }

        impl<'query, Database: sqlx::Database> sqlx::Encode<'query, Database> for $name
        where
            String: sqlx::Encode<'query, Database>,
        {
            fn encode_by_ref(
                &self,
                buffer: &mut <Database as sqlx::Database>::ArgumentBuffer,
            ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
                let $value = *self;
                <String as sqlx::Encode<Database>>::encode($encode, buffer)
            }
        }
    };
}
#[cfg(feature = "ssr")]
pub(crate) use stored_as_text;

/// Declares a `Choice` enum with its wire spellings in one place.
macro_rules! choice_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
        pub enum $name { $($(#[$vmeta])* #[serde(rename = $text)] $variant),+ }

        // Read as the text it is written as (see `deserialize_choice`).
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::domain::deserialize_choice(deserializer)
            }
        }

        impl $crate::domain::Choice for $name {
            const ALL: &'static [Self] = &[$(Self::$variant),+];
            fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text),+ }
            }
        }

        // Read by its stable spelling; a spelling this build does not know
        // is an error (a newer database), never a silent default.
        #[cfg(feature = "ssr")]
        $crate::domain::stored_as_text!($name,
            decode: |text| <$name as $crate::domain::Choice>::parse(text)
                .ok_or_else(|| format!("unknown stored value {text:?}").into()),
            encode: |choice| $crate::domain::Choice::as_str(choice).to_string());
    };
}
pub(crate) use choice_enum;

#[cfg(test)]
mod tests {
    use super::*;

    /// The wire spelling (serde) and the stored spelling (`as_str`) are one,
    /// each spelling reads back as its value (as a value, in a list, as a
    /// map's key), and a spelling this build does not know is an error.
    #[test]
    fn choices_serialize_as_their_stable_spelling() {
        fn check<T>()
        where
            T: Choice + serde::Serialize + serde::de::DeserializeOwned + Ord + std::fmt::Debug,
        {
            for value in T::ALL {
                assert_eq!(
                    serde_json::to_value(value).ok(),
                    Some(serde_json::Value::from(value.as_str()))
                );
                let quoted = format!("\"{}\"", value.as_str());
                assert_eq!(serde_json::from_str::<T>(&quoted).ok(), Some(*value));
            }
            let all: Vec<T> = T::ALL.to_vec();
            let listed = serde_json::to_string(&all).unwrap_or_default();
            assert_eq!(serde_json::from_str::<Vec<T>>(&listed).ok(), Some(all));
            let keyed: std::collections::BTreeMap<T, u32> =
                T::ALL.iter().map(|value| (*value, 1)).collect();
            let map_text = serde_json::to_string(&keyed).unwrap_or_default();
            assert_eq!(
                serde_json::from_str::<std::collections::BTreeMap<T, u32>>(&map_text).ok(),
                Some(keyed)
            );
            assert!(serde_json::from_str::<T>("\"no-such-choice\"").is_err());
            assert!(serde_json::from_str::<T>("7").is_err());
        }
        check::<Currency>();
        check::<LeadStage>();
        check::<LeadSource>();
        check::<CustomerKind>();
        check::<ActivityKind>();
        check::<Tactic>();
        check::<Outcome>();
        check::<GoalScope>();
        check::<GoalMetric>();
        check::<RecordKind>();
        check::<Role>();
        check::<Locale>();
        check::<period::Pace>();
    }

    /// The store reads and binds choices by their stable spelling (the text
    /// existing databases hold), and a spelling this build does not know is
    /// an error, never a default.
    #[cfg(feature = "ssr")]
    #[tokio::test]
    async fn choices_are_stored_by_their_spelling_and_an_unknown_one_is_an_error() {
        let pool = sqlx::SqlitePool::connect("sqlite::memory:")
            .await
            .expect("an in-memory database");
        for stage in LeadStage::ALL {
            let back: LeadStage = sqlx::query_scalar("SELECT $1")
                .bind(*stage)
                .fetch_one(&pool)
                .await
                .expect("the stage read back");
            assert_eq!(back, *stage);
            let text: String = sqlx::query_scalar("SELECT $1")
                .bind(*stage)
                .fetch_one(&pool)
                .await
                .expect("the stage as text");
            assert_eq!(text, stage.as_str());
        }
        let unknown = sqlx::query_scalar::<_, Currency>("SELECT 'XYZ'")
            .fetch_one(&pool)
            .await;
        assert!(unknown.is_err());
    }
}
