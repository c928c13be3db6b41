//! Staff records: the day a person started and their manager's notes,
//! beside the role history the audit history already keeps. Pure: the
//! draft a manager types, and how long someone has been with the company.

use super::audit::AuditEntry;
use super::validation::{FieldErrors, FieldProblem, MAX_NOTES, optional_text, required_date};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A person's staff record as shown on their page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffRecord {
    #[serde(default, with = "crate::domain::wire_time::optional_day")]
    pub started_on: Option<NaiveDate>,
    pub notes: String,
    /// Changes of role, team and sign-in, and the day they were added,
    /// oldest first (from the audit history).
    pub role_history: Vec<AuditEntry>,
    /// The day on the person's team, for the time with the company.
    #[serde(default, with = "crate::domain::wire_time::optional_day")]
    pub today: Option<NaiveDate>,
}

/// What the manager types.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffDraft {
    /// An ISO day, or empty when not known.
    pub started_on: String,
    pub notes: String,
}

/// A checked draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidStaff {
    pub started_on: Option<NaiveDate>,
    pub notes: String,
}

impl StaffDraft {
    /// A start day in the future (beyond `today`) is a typing slip.
    pub fn validate(&self, today: NaiveDate) -> Result<ValidStaff, FieldErrors> {
        let mut errors = FieldErrors::default();
        let started_on = if self.started_on.trim().is_empty() {
            Some(None)
        } else {
            match required_date(&self.started_on) {
                Ok(day) if day > today => {
                    errors.add("started_on", FieldProblem::InFuture);
                    None
                }
                Ok(day) => Some(Some(day)),
                Err(problem) => {
                    errors.add("started_on", problem);
                    None
                }
            }
        };
        let notes = errors.check("staff_notes", optional_text(&self.notes, MAX_NOTES));
        errors.into_result(|| {
            Some(ValidStaff {
                started_on: started_on?,
                notes: notes?,
            })
        })
    }
}

/// The audit fields that make up a person's role history.
pub const ROLE_HISTORY_FIELDS: [&str; 4] = ["created", "role", "team_id", "active"];

/// Whole months from `started_on` to `today` (0 in the first month; `None`
/// before the start).
pub fn months_with_company(started_on: NaiveDate, today: NaiveDate) -> Option<u32> {
    use chrono::Datelike;
    if today < started_on {
        return None;
    }
    let months = (today.year() - started_on.year()) * 12 + today.month() as i32
        - started_on.month() as i32
        - i32::from(today.day() < started_on.day());
    u32::try_from(months).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
    }

    #[test]
    fn a_start_day_is_optional_but_never_in_the_future() {
        let today = day("2026-12-03");
        let empty = StaffDraft::default().validate(today).expect("valid");
        assert_eq!(empty.started_on, None);
        let known = StaffDraft {
            started_on: "۲۰۲۴-۰۳-۱۰".into(),
            notes: " Speaks Turkish; wants the north. ".into(),
        }
        .validate(today)
        .expect("valid");
        assert_eq!(known.started_on, Some(day("2024-03-10")));
        assert_eq!(known.notes, "Speaks Turkish; wants the north.");
        let future = StaffDraft {
            started_on: "2027-01-01".into(),
            notes: String::new(),
        }
        .validate(today)
        .expect_err("refused");
        assert_eq!(
            future.for_field("started_on"),
            Some(&FieldProblem::InFuture)
        );
        let garbled = StaffDraft {
            started_on: "March".into(),
            notes: "x".repeat(MAX_NOTES + 1),
        }
        .validate(today)
        .expect_err("refused");
        assert_eq!(
            garbled.for_field("started_on"),
            Some(&FieldProblem::InvalidDate)
        );
        assert!(garbled.for_field("staff_notes").is_some());
    }

    #[test]
    fn months_count_whole_months_only() {
        let start = day("2024-03-10");
        assert_eq!(months_with_company(start, day("2024-03-31")), Some(0));
        assert_eq!(months_with_company(start, day("2024-04-09")), Some(0));
        assert_eq!(months_with_company(start, day("2024-04-10")), Some(1));
        assert_eq!(months_with_company(start, day("2026-12-03")), Some(32));
        assert_eq!(months_with_company(start, day("2024-03-09")), None);
    }
}
