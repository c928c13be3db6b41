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
pub mod money;
pub mod period;
pub mod pipeline;
pub mod pipeline_health;
pub mod pool;
pub mod progress;
pub mod recognition;
pub mod record;
pub mod report;
pub mod search;
pub mod staff;
pub mod summary;
pub mod team_dashboard;
pub mod time_zone;
pub mod training;
pub mod user;
pub mod validation;
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

/// Declares a `Choice` enum with its wire spellings in one place.
macro_rules! choice_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name { $($(#[$vmeta])* #[serde(rename = $text)] $variant),+ }

        impl $crate::domain::Choice for $name {
            const ALL: &'static [Self] = &[$(Self::$variant),+];
            fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text),+ }
            }
        }
    };
}
pub(crate) use choice_enum;

#[cfg(test)]
mod tests {
    use super::*;

    /// The wire spelling (serde) and the stored spelling (`as_str`) are one.
    #[test]
    fn choices_serialize_as_their_stable_spelling() {
        fn check<T: Choice + serde::Serialize>() {
            for value in T::ALL {
                assert_eq!(
                    serde_json::to_value(value).ok(),
                    Some(serde_json::Value::from(value.as_str()))
                );
            }
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
    }
}
