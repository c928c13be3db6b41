//! Training: the programmes a team runs (onboarding, product, skills), their
//! sessions and who attended each, and who completed a programme on which
//! day. A completion is what "training completed" goals count. Pure: the
//! drafts a manager types and where each person stands in a programme.

use super::choice_enum;
use super::ids::{TrainingProgrammeId, TrainingSessionId, UserId};
use super::validation::{
    FieldErrors, MAX_NAME, MAX_NOTES, choice, optional_text, required_date, required_text,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

choice_enum!(
    /// What a programme teaches.
    TrainingKind {
        Onboarding => "onboarding",
        Product => "product",
        Skills => "skills",
    }
);

/// A programme with its sessions and completions, as the manager sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingProgramme {
    pub id: TrainingProgrammeId,
    pub kind: TrainingKind,
    pub title: String,
    pub description: String,
    /// Earliest first.
    pub sessions: Vec<TrainingSession>,
    pub completions: Vec<TrainingCompletion>,
}

/// One session and the people who came.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingSession {
    pub id: TrainingSessionId,
    #[serde(with = "crate::domain::wire_time::day")]
    pub day: NaiveDate,
    pub topic: String,
    pub attended: Vec<UserId>,
}

/// A person who completed the programme, and when (the day that counts
/// toward their training goals).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingCompletion {
    pub person_id: UserId,
    #[serde(with = "crate::domain::wire_time::day")]
    pub completed_on: NaiveDate,
}

/// A programme as typed: a new one has no id yet.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeDraft {
    pub id: Option<TrainingProgrammeId>,
    pub kind: String,
    pub title: String,
    pub description: String,
}

/// A checked programme.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidProgramme {
    pub id: TrainingProgrammeId,
    pub kind: TrainingKind,
    pub title: String,
    pub description: String,
}

impl ProgrammeDraft {
    pub fn validate(&self) -> Result<ValidProgramme, FieldErrors> {
        let mut errors = FieldErrors::default();
        let kind = errors.check("training_kind", choice::<TrainingKind>(&self.kind));
        let title = errors.check("title", required_text(&self.title, MAX_NAME));
        let description = errors.check("body", optional_text(&self.description, MAX_NOTES));
        errors.into_result(|| {
            Some(ValidProgramme {
                id: self.id.unwrap_or_default(),
                kind: kind?,
                title: title?,
                description: description?,
            })
        })
    }
}

/// A session as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionDraft {
    pub programme_id: Option<TrainingProgrammeId>,
    pub day: String,
    pub topic: String,
}

/// A checked session (the programme still to be checked against the
/// caller's team by the server).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidSession {
    pub id: TrainingSessionId,
    pub programme_id: TrainingProgrammeId,
    pub day: NaiveDate,
    pub topic: String,
}

impl SessionDraft {
    pub fn validate(&self) -> Result<ValidSession, FieldErrors> {
        let mut errors = FieldErrors::default();
        let programme_id = match self.programme_id {
            Some(id) => Some(id),
            None => {
                errors.add("training_programme", super::FieldProblem::Required);
                None
            }
        };
        let day = errors.check("training_day", required_date(&self.day));
        let topic = errors.check("training_topic", required_text(&self.topic, MAX_NAME));
        errors.into_result(|| {
            Some(ValidSession {
                id: TrainingSessionId::new(),
                programme_id: programme_id?,
                day: day?,
                topic: topic?,
            })
        })
    }
}

/// Where one person stands in a programme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TraineeStanding {
    pub person_id: UserId,
    /// Sessions held so far (on or before today) that they came to.
    pub attended: usize,
    /// Sessions held so far.
    pub held: usize,
    pub completed_on: Option<NaiveDate>,
}

impl TraineeStanding {
    /// Came to every session held so far (and at least one was held): the
    /// manager's cue that the person may be marked complete.
    pub fn attended_all(&self) -> bool {
        self.held > 0 && self.attended == self.held
    }
}

/// Each person's attendance and completion in `programme`, in the order of
/// `people`. Sessions planned after `today` are not counted as missed.
pub fn trainee_standings(
    programme: &TrainingProgramme,
    people: &[UserId],
    today: NaiveDate,
) -> Vec<TraineeStanding> {
    let held: Vec<&TrainingSession> = programme
        .sessions
        .iter()
        .filter(|session| session.day <= today)
        .collect();
    people
        .iter()
        .map(|&person_id| TraineeStanding {
            person_id,
            attended: held
                .iter()
                .filter(|session| session.attended.contains(&person_id))
                .count(),
            held: held.len(),
            completed_on: programme
                .completions
                .iter()
                .find(|completion| completion.person_id == person_id)
                .map(|completion| completion.completed_on),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::FieldProblem;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date")
    }

    #[test]
    fn a_programme_needs_a_known_kind_and_a_title() {
        let draft = ProgrammeDraft {
            id: None,
            kind: "product".into(),
            title: "  Pricing in 2027 ".into(),
            description: String::new(),
        };
        let programme = draft.validate().expect("valid");
        assert_eq!(programme.kind, TrainingKind::Product);
        assert_eq!(programme.title, "Pricing in 2027");
        let problems = ProgrammeDraft {
            id: None,
            kind: "juggling".into(),
            title: " ".into(),
            description: "x".repeat(MAX_NOTES + 1),
        }
        .validate()
        .expect_err("refused");
        assert_eq!(
            problems.for_field("training_kind"),
            Some(&FieldProblem::UnknownChoice)
        );
        assert_eq!(problems.for_field("title"), Some(&FieldProblem::Required));
        assert!(problems.for_field("body").is_some());
    }

    #[test]
    fn a_session_needs_its_programme_a_day_and_a_topic() {
        let problems = SessionDraft::default().validate().expect_err("refused");
        for field in ["training_programme", "training_day", "training_topic"] {
            assert_eq!(problems.for_field(field), Some(&FieldProblem::Required));
        }
        // The date field sends ISO days; Persian digits in one are read.
        let session = SessionDraft {
            programme_id: Some(TrainingProgrammeId::new()),
            day: "۲۰۲۶-۱۲-۱۰".into(),
            topic: " Objections ".into(),
        }
        .validate()
        .expect("valid");
        assert_eq!(
            (session.day, session.topic.as_str()),
            (day("2026-12-10"), "Objections")
        );
    }

    #[test]
    fn standings_count_sessions_held_so_far_and_name_the_completion_day() {
        let (ana, reza) = (UserId::new(), UserId::new());
        let session = |on: &str, attended: Vec<UserId>| TrainingSession {
            id: TrainingSessionId::new(),
            day: day(on),
            topic: "t".into(),
            attended,
        };
        let programme = TrainingProgramme {
            id: TrainingProgrammeId::new(),
            kind: TrainingKind::Onboarding,
            title: "Welcome".into(),
            description: String::new(),
            sessions: vec![
                session("2026-12-01", vec![ana, reza]),
                session("2026-12-08", vec![ana]),
                session("2026-12-15", vec![]),
            ],
            completions: vec![TrainingCompletion {
                person_id: ana,
                completed_on: day("2026-12-09"),
            }],
        };
        let standings = trainee_standings(&programme, &[ana, reza], day("2026-12-10"));
        assert_eq!(
            (
                standings[0].attended,
                standings[0].held,
                standings[0].completed_on
            ),
            (2, 2, Some(day("2026-12-09")))
        );
        assert!(standings[0].attended_all());
        assert_eq!((standings[1].attended, standings[1].held), (1, 2));
        assert!(!standings[1].attended_all());
        let before_any = trainee_standings(&programme, &[reza], day("2026-11-30"));
        assert!(!before_any[0].attended_all());
    }
}
