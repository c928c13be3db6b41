//! Demo data for a first start on an empty database, so the app is alive at
//! once: one team with a manager and two reps, an admin, a few dozen leads and
//! activities over the last months, a few goals and records. Deterministic, so
//! every fresh start looks the same.

use super::users::NewUser;
use super::{Store, StoreResult};
use crate::domain::activity::ValidActivity;
use crate::domain::goal::ValidGoal;
use crate::domain::lead::ValidLead;
use crate::domain::record::ValidRecord;
use crate::domain::{
    ActivityId, ActivityKind, Currency, CustomerKind, GoalId, GoalMetric, GoalScope, LeadId,
    LeadSource, LeadStage, Locale, Outcome, RecordId, RecordKind, Role, Tactic, TeamId, UserId,
};
use chrono::{Datelike, Duration, NaiveDate, Utc};

/// The demo password, printed on start and in the README.
pub const DEMO_PASSWORD: &str = "pishro-demo";
pub const DEMO_MANAGER: &str = "manager@pishro.local";
pub const DEMO_REP1: &str = "rep1@pishro.local";
pub const DEMO_REP2: &str = "rep2@pishro.local";
pub const DEMO_ADMIN: &str = "admin@pishro.local";

/// A small deterministic random source (xorshift), enough to vary demo data.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound.max(1)
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }
}

const PEOPLE: [(&str, &str); 16] = [
    ("Sara Ahmadi", "Pars Tile"),
    ("Reza Karimi", "Karimi Trading"),
    ("Maryam Hosseini", "Negin Textiles"),
    ("Ali Rezaei", "Alborz Logistics"),
    ("Niloufar Moradi", "Zagros Foods"),
    ("Hamed Jafari", "Caspian Steel"),
    ("Elham Sadeghi", "Arya Pharma"),
    ("Mohammad Rahimi", "Kish Travel"),
    ("Laleh Ebrahimi", "Tabriz Carpets"),
    ("Dariush Kazemi", "Sepahan Cement"),
    ("Anna Keller", "Keller GmbH"),
    ("James Porter", "Porter & Sons"),
    ("مهسا نوری", "نوری پلاست"),
    ("کاوه شریفی", "شریفی الکترونیک"),
    ("Shirin Bagheri", "Bagheri Design"),
    ("Omid Farahani", "Farahani Auto"),
];

/// Fills an empty database with the demo world. `password_hash` is the
/// argon2id hash of `DEMO_PASSWORD`.
pub async fn seed(store: &Store, password_hash: &str) -> StoreResult<()> {
    let team = TeamId::new();
    store.insert_team(team, "Tehran Sales", None).await?;
    let manager = UserId::new();
    let rep1 = UserId::new();
    let rep2 = UserId::new();
    for (id, email, name, role, team_id, locale) in [
        (
            manager,
            DEMO_MANAGER,
            "Parisa Manager",
            Role::Manager,
            Some(team),
            Locale::En,
        ),
        (
            rep1,
            DEMO_REP1,
            "Sara Rep",
            Role::Rep,
            Some(team),
            Locale::En,
        ),
        (
            rep2,
            DEMO_REP2,
            "Reza Rep",
            Role::Rep,
            Some(team),
            Locale::Fa,
        ),
        (
            UserId::new(),
            DEMO_ADMIN,
            "Admin",
            Role::Admin,
            None,
            Locale::En,
        ),
    ] {
        store
            .insert_user(NewUser {
                id,
                email,
                display_name: name,
                password_hash,
                role,
                team_id,
                locale,
            })
            .await?;
    }
    store.set_team_manager(team, manager).await?;

    let now = Utc::now();
    let mut dice = Dice(0x5EED_1234_ABCD_0042);
    let stages = LeadStage::ALL_FOR_DEMO;
    for (index, (person, company)) in PEOPLE.iter().chain(PEOPLE.iter().take(12)).enumerate() {
        let owner = if index % 2 == 0 { rep1 } else { rep2 };
        let stage = dice.pick(stages);
        let currency = if index % 5 == 4 {
            Currency::Usd
        } else {
            Currency::Irr
        };
        let value = match currency {
            Currency::Irr => (50 + dice.below(950) as i64) * 10_000_000,
            _ => (5 + dice.below(95) as i64) * 100_000,
        };
        let created = now - Duration::days(dice.below(120) as i64 + 1);
        let lead = ValidLead {
            event_id: None,
            id: LeadId::new(),
            owner_id: Some(owner),
            name: (*person).to_string(),
            company: (*company).to_string(),
            phone: format!("0912{:07}", dice.below(10_000_000)),
            email: if index % 3 == 0 {
                String::new()
            } else {
                format!("contact{index}@example.com")
            },
            source: dice.pick(LeadSource::ALL_FOR_DEMO),
            stage,
            estimated_value: value,
            currency,
            customer_kind: if index % 4 == 0 {
                CustomerKind::Existing
            } else {
                CustomerKind::New
            },
            won_amount: (stage == LeadStage::Won).then_some(value - value / 10),
            lost_reason: if stage == LeadStage::Lost {
                "Chose a cheaper supplier".into()
            } else {
                String::new()
            },
            closed_on: None,
        };
        let closed_at = stage.is_closed().then(|| created + Duration::days(10));
        store.save_lead(&lead, owner, closed_at, created).await?;

        for step in 0..(1 + dice.below(3)) {
            let kind = dice.pick(&[
                ActivityKind::Call,
                ActivityKind::Call,
                ActivityKind::Meeting,
                ActivityKind::Email,
                ActivityKind::Task,
                ActivityKind::Note,
            ]);
            let when = created
                + Duration::days(step as i64 * 3 + 1)
                + Duration::hours(dice.below(8) as i64 + 8);
            let when = if when > now {
                now - Duration::hours(step as i64 + 1)
            } else {
                when
            };
            let is_task = kind == ActivityKind::Task;
            let activity = ValidActivity {
                id: ActivityId::new(),
                lead_id: Some(lead.id),
                kind,
                tactic: match kind {
                    ActivityKind::Call => dice.pick(&[Tactic::ColdCall, Tactic::WarmCall]),
                    ActivityKind::Email => Tactic::PersonalisedEmail,
                    ActivityKind::Meeting => dice.pick(&[Tactic::Visit, Tactic::Event]),
                    _ => Tactic::Other,
                },
                outcome: match kind {
                    ActivityKind::Call => Some(dice.pick(&[
                        Outcome::Reached,
                        Outcome::NoAnswer,
                        Outcome::Interested,
                        Outcome::MeetingBooked,
                    ])),
                    ActivityKind::Meeting => {
                        Some(dice.pick(&[Outcome::Interested, Outcome::NotInterested]))
                    }
                    _ => None,
                },
                notes: match kind {
                    ActivityKind::Task => "Send the price list".into(),
                    ActivityKind::Note => "Prefers WhatsApp after 5 pm".into(),
                    _ => String::new(),
                },
                occurred_at: (!is_task).then_some(when),
                due_at: is_task.then_some(when + Duration::days(2)),
                done: false,
                duration_minutes: matches!(kind, ActivityKind::Call | ActivityKind::Meeting)
                    .then(|| 5 + dice.below(55) as i64),
            };
            let done_at = (is_task && step == 0).then_some(when);
            store.save_activity(&activity, owner, done_at, when).await?;
        }
    }

    history(store, &mut dice, [rep1, rep2]).await?;

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

impl LeadStage {
    /// Demo stages, weighted towards the open ones.
    const ALL_FOR_DEMO: &'static [LeadStage] = &[
        LeadStage::New,
        LeadStage::New,
        LeadStage::Contacted,
        LeadStage::Contacted,
        LeadStage::Qualified,
        LeadStage::Proposal,
        LeadStage::Negotiation,
        LeadStage::Won,
        LeadStage::Won,
        LeadStage::Lost,
    ];
}

impl LeadSource {
    const ALL_FOR_DEMO: &'static [LeadSource] = <LeadSource as crate::domain::Choice>::ALL;
}

/// Thirteen months of closed deals and the work that led to them, ending
/// today, so the dashboard's trend and the month-over-month and
/// year-over-year reports have believable numbers from the first start:
/// more won in spring and autumn, personalised e-mails and visits winning
/// more often than cold calls, and some work logged today.
async fn history(store: &Store, dice: &mut Dice, reps: [UserId; 2]) -> StoreResult<()> {
    let now = Utc::now();
    let today = now.date_naive();
    let this_month = NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap_or(today);
    for months_back in (0..13u32).rev() {
        let Some(month_start) = this_month.checked_sub_months(chrono::Months::new(months_back))
        else {
            continue;
        };
        let busy_season = matches!(month_start.month(), 3..=5 | 9..=11);
        for (rep_index, owner) in reps.iter().copied().enumerate() {
            let deals = 1 + dice.below(if busy_season { 2 } else { 1 }) + u64::from(busy_season);
            for deal in 0..deals {
                let latest_day = if months_back == 0 { today.day0() } else { 27 };
                let closed_day =
                    month_start + Duration::days(dice.below(u64::from(latest_day) + 1) as i64);
                let closed_at = closed_day
                    .and_hms_opt(10 + dice.below(7) as u32, 0, 0)
                    .unwrap_or_default()
                    .and_utc();
                // The tactic that opened the deal decides how likely it is won.
                let (tactic, kind, win_chance) = dice.pick(&[
                    (Tactic::ColdCall, ActivityKind::Call, 25),
                    (Tactic::PersonalisedEmail, ActivityKind::Email, 60),
                    (Tactic::Visit, ActivityKind::Meeting, 70),
                    (Tactic::Referral, ActivityKind::Call, 65),
                ]);
                let won = dice.below(100) < win_chance;
                let currency = if (deal + rep_index as u64) % 4 == 3 {
                    Currency::Usd
                } else {
                    Currency::Irr
                };
                let value = match currency {
                    Currency::Irr => (80 + dice.below(900) as i64) * 10_000_000,
                    _ => (10 + dice.below(90) as i64) * 100_000,
                };
                let (person, company) = dice.pick(&PEOPLE);
                let lead = ValidLead {
                    event_id: None,
                    id: LeadId::new(),
                    owner_id: Some(owner),
                    name: format!("{person} ({})", month_start.format("%Y-%m")),
                    company: company.to_string(),
                    phone: format!("0935{:07}", dice.below(10_000_000)),
                    email: String::new(),
                    source: match tactic {
                        Tactic::Referral => LeadSource::Referral,
                        Tactic::ColdCall => LeadSource::ColdList,
                        _ => LeadSource::Website,
                    },
                    stage: if won { LeadStage::Won } else { LeadStage::Lost },
                    estimated_value: value,
                    currency,
                    customer_kind: if dice.below(3) == 0 {
                        CustomerKind::Existing
                    } else {
                        CustomerKind::New
                    },
                    won_amount: won.then_some(value - value / 20),
                    lost_reason: if won {
                        String::new()
                    } else {
                        "Went with a competitor".into()
                    },
                    closed_on: Some(closed_day),
                };
                let created = closed_at - Duration::days(4 + dice.below(14) as i64);
                let first_touch =
                    (created + Duration::days(1) + Duration::hours(9 + dice.below(8) as i64))
                        .min(now - Duration::minutes(5));
                // The deal walks the pipeline, so the stage moves (and the
                // tactic and funnel reports) have a story: it is created new,
                // won deals and half the lost ones are qualified the day after
                // the first touch, then it closes.
                let open_stage = |stage: LeadStage| ValidLead {
                    stage,
                    won_amount: None,
                    lost_reason: String::new(),
                    closed_on: None,
                    ..lead.clone()
                };
                store
                    .save_lead(&open_stage(LeadStage::New), owner, None, created)
                    .await?;
                let qualified_at =
                    (first_touch + Duration::days(1)).min(closed_at - Duration::hours(1));
                if (won || dice.below(2) == 0) && qualified_at > created {
                    store
                        .save_lead(&open_stage(LeadStage::Qualified), owner, None, qualified_at)
                        .await?;
                }
                store
                    .save_lead(&lead, owner, Some(closed_at), closed_at.max(created))
                    .await?;
                // The first touch only: enough to compare tactics, light to
                // sync (every manager's device pulls all of it).
                {
                    let when = first_touch;
                    let activity = ValidActivity {
                        id: ActivityId::new(),
                        lead_id: Some(lead.id),
                        kind,
                        tactic,
                        outcome: (kind == ActivityKind::Call).then_some(Outcome::Reached),
                        notes: String::new(),
                        occurred_at: Some(when),
                        due_at: None,
                        done: false,
                        duration_minutes: (kind != ActivityKind::Email)
                            .then(|| 10 + dice.below(40) as i64),
                    };
                    store.save_activity(&activity, owner, None, when).await?;
                }
            }
        }
    }
    // Work logged today, so "today" on the dashboard is not empty.
    for (rep_index, owner) in reps.iter().copied().enumerate() {
        for call in 0..(2 + rep_index as i64) {
            let when = (now - Duration::minutes(20 + call * 35))
                .max(today.and_hms_opt(0, 1, 0).unwrap_or_default().and_utc());
            let activity = ValidActivity {
                id: ActivityId::new(),
                lead_id: None,
                kind: ActivityKind::Call,
                tactic: if call == 0 {
                    Tactic::ColdCall
                } else {
                    Tactic::WarmCall
                },
                outcome: Some(Outcome::Reached),
                notes: String::new(),
                occurred_at: Some(when),
                due_at: None,
                done: false,
                duration_minutes: Some(10),
            };
            store.save_activity(&activity, owner, None, when).await?;
        }
    }
    Ok(())
}
