//! What a manager keeps for the team: this month's goals, two records, an
//! onboarding programme with its staff records, and a web form's contacts
//! waiting in the lead pool.

use crate::domain::goal::ValidGoal;
use crate::domain::record::ValidRecord;
use crate::domain::{
    Currency, GoalId, GoalMetric, GoalScope, RecordId, RecordKind, TeamId, UserId,
};
use crate::store::{Store, StoreResult};
use chrono::{Datelike, NaiveDate};

/// The month's goals for the team and each rep, then the records.
pub(super) async fn goals_records_training_and_pool(
    store: &Store,
    team: TeamId,
    manager: UserId,
    [rep1, rep2]: [UserId; 2],
    now: chrono::DateTime<chrono::Utc>,
) -> StoreResult<()> {
    let month_start =
        NaiveDate::from_ymd_opt(now.year(), now.month(), 1).unwrap_or_else(|| now.date_naive());
    let month_end = month_start
        .checked_add_months(chrono::Months::new(1))
        .and_then(|next| next.pred_opt())
        .unwrap_or(month_start);
    let goals = [
        (
            GoalScope::Team,
            team.0,
            GoalMetric::RevenueWon,
            20_000_000_000,
            Some(Currency::Irr),
        ),
        (GoalScope::Rep, rep1.0, GoalMetric::Calls, 60, None),
        (GoalScope::Rep, rep2.0, GoalMetric::Calls, 60, None),
        (GoalScope::Rep, rep1.0, GoalMetric::DealsWon, 4, None),
        (GoalScope::Rep, rep2.0, GoalMetric::ConversionRate, 30, None),
        (
            GoalScope::Team,
            team.0,
            GoalMetric::TrainingCompleted,
            2,
            None,
        ),
    ];
    for (scope, subject_id, metric, target, currency) in goals {
        let goal = ValidGoal {
            id: GoalId::new(),
            scope,
            subject_id,
            metric,
            target,
            currency,
            period_start: month_start,
            period_end: month_end,
        };
        store.save_goal(&goal, team, manager, now).await?;
    }

    let records = [
        (
            RecordKind::Budget,
            "Events budget",
            Some(1_500_000_000),
            "Two trade fairs and one customer evening.",
        ),
        (
            RecordKind::Staff,
            "Hiring: third rep",
            None,
            "Interviews in progress.",
        ),
    ];
    for (kind, title, amount, body) in records {
        let record = ValidRecord {
            id: RecordId::new(),
            kind,
            title: title.into(),
            amount,
            currency: amount.map(|_| Currency::Irr),
            period_start: Some(month_start),
            period_end: Some(month_end),
            body: body.into(),
            person_id: None,
            tags: match kind {
                RecordKind::Budget => vec!["events".into(), "Q4".into()],
                _ => vec!["hiring".into()],
            },
        };
        store.save_record(&record, team, manager, now).await?;
    }
    training(store, team, manager, [rep1, rep2], month_start, now).await?;
    pool(store, team, manager, now).await
}

/// An onboarding programme this month: two sessions, who came, and the
/// first rep's completion (counted by the team's training goal).
async fn training(
    store: &Store,
    team: TeamId,
    manager: UserId,
    [rep1, rep2]: [UserId; 2],
    month_start: NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
) -> StoreResult<()> {
    use crate::domain::training::{TrainingKind, ValidProgramme, ValidSession};
    use crate::domain::{TrainingProgrammeId, TrainingSessionId};
    let programme = ValidProgramme {
        id: TrainingProgrammeId::new(),
        kind: TrainingKind::Skills,
        title: "Objection handling".into(),
        description: "Two role-play mornings: price, timing and the competitor's offer.".into(),
    };
    store
        .save_training_programme(team, &programme, manager, now)
        .await?;
    // The second session is today, so the completion has happened.
    let second_day = now.date_naive().max(month_start);
    for (day, topic, came) in [
        (month_start, "Price objections", vec![rep1, rep2]),
        (second_day, "Timing and competitors", vec![rep1]),
    ] {
        let session = ValidSession {
            id: TrainingSessionId::new(),
            programme_id: programme.id,
            day,
            topic: topic.into(),
        };
        store.add_training_session(&session, now).await?;
        for person in came {
            store
                .set_training_attendance(session.id, person, true)
                .await?;
        }
    }
    store
        .set_training_completion(programme.id, rep1, Some(second_day), manager)
        .await?;
    // Their staff records: when each started, and a note.
    for (rep, started, notes) in [
        (
            rep1,
            (2024, 3, 10),
            "Speaks Turkish; looks after the northern accounts.",
        ),
        (rep2, (2025, 9, 1), "Joined from retail; mentoring by Sara."),
    ] {
        let staff = crate::domain::staff::ValidStaff {
            started_on: NaiveDate::from_ymd_opt(started.0, started.1, started.2),
            notes: notes.into(),
        };
        store.save_staff_record(rep, &staff, now).await?;
    }
    Ok(())
}

/// A web form on the team's site and the three contacts it brought this
/// week, waiting in the lead pool for the manager to hand out.
async fn pool(
    store: &Store,
    team: TeamId,
    manager: UserId,
    now: chrono::DateTime<chrono::Utc>,
) -> StoreResult<()> {
    use crate::domain::pool::ValidSubmission;
    let token = format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    );
    let form = store
        .create_web_form(team, "Contact Tehran Sales", &token, manager, now)
        .await?;
    for (hours_ago, name, company, phone, email, message) in [
        (
            50,
            "Nasrin Ahmadi",
            "Ahmadi Builders",
            "09121230001",
            "",
            "We are fitting out 40 flats in Karaj and need a quote for floor tiles.",
        ),
        (
            26,
            "Kian Mousavi",
            "",
            "",
            "kian.mousavi@example.com",
            "Do you deliver to Isfahan?",
        ),
        (
            3,
            "Leila Rahimi",
            "Rahimi Hotels",
            "09351230002",
            "leila@rahimi.example",
            "Please call me about bathroom tiles for a hotel renovation.",
        ),
    ] {
        let contact = ValidSubmission {
            name: name.into(),
            company: company.into(),
            phone: phone.into(),
            email: email.into(),
            message: message.into(),
        };
        store
            .add_to_pool(
                team,
                form,
                &contact,
                now - chrono::Duration::hours(hours_ago),
            )
            .await?;
    }
    Ok(())
}
