//! A rep's day: what is overdue, what is due today, which open leads are
//! going cold, what was done today, and how far this period's goals have
//! come. Pure functions over the device's cache, so "My day" opens instantly
//! and offline, and every rule is unit-tested.

use super::activity::{Activity, ActivityKind};
use super::goal::{Goal, GoalMetric, GoalScope};
use super::ids::UserId;
use super::lead::Lead;
use super::sorting::{sort, sort_by, sort_by_key};
use chrono::{DateTime, Duration, NaiveDate, Utc};

/// How many days without any activity make an open lead "going cold".
pub const DEFAULT_COLD_AFTER_DAYS: i64 = 14;

/// The bounds of "today" in the rep's own time zone, as instants; the caller
/// knows the zone, these functions only compare.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Today {
    pub now: DateTime<Utc>,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// An open task that is not done: a follow-up the rep owes.
pub fn is_open_task(activity: &Activity) -> bool {
    activity.kind == ActivityKind::Task && activity.done_at.is_none() && !activity.deleted
}

/// A task is overdue once its due time has passed and it is still not done.
pub fn is_overdue(activity: &Activity, now: DateTime<Utc>) -> bool {
    is_open_task(activity) && activity.due_at.is_some_and(|due| due < now)
}

/// An open lead nobody has touched for a while, and when it was last touched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColdLead {
    pub lead: Lead,
    /// The last activity on it, or when it was created if it has none.
    pub last_touched: DateTime<Utc>,
    pub idle_days: i64,
}

/// Everything on a rep's "My day" screen.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MyDay {
    /// Open tasks whose due time has passed, oldest first.
    pub overdue: Vec<Activity>,
    /// Open tasks due later today, earliest first.
    pub due_today: Vec<Activity>,
    /// Open leads with no activity for the threshold and nothing scheduled,
    /// longest idle first.
    pub going_cold: Vec<ColdLead>,
    /// Calls, meetings, e-mails and notes logged today, and tasks done today,
    /// latest first.
    pub done_today: Vec<Activity>,
}

/// Builds "My day" for `owner` from the cache. A lead with an open task
/// scheduled is not cold: the rep already has a plan for it.
pub fn my_day(
    leads: &[Lead],
    activities: &[Activity],
    owner: UserId,
    today: Today,
    cold_after_days: i64,
) -> MyDay {
    let mut day = MyDay::default();
    // Each lead's touches and planned tasks, collected and sorted once by
    // lead (a sorted `Vec` looked up by binary search: no hash map in the
    // browser's code, see `sorted_map::SortedMap`).
    let mut touches: Vec<(super::ids::LeadId, DateTime<Utc>)> = Vec::new();
    let mut planned: Vec<super::ids::LeadId> = Vec::new();
    for activity in activities.iter().filter(|activity| !activity.deleted) {
        if let Some(lead_id) = activity.lead_id {
            if is_open_task(activity) {
                planned.push(lead_id);
            }
            if let Some(touched) = activity.done_at.or(activity.occurred_at) {
                touches.push((lead_id, touched));
            }
        }
        if activity.owner_id != owner {
            continue;
        }
        if is_open_task(activity) {
            match activity.due_at {
                Some(due) if due < today.now => day.overdue.push(activity.clone()),
                Some(due) if due < today.end => day.due_today.push(activity.clone()),
                _ => {}
            }
        } else {
            let finished = if activity.kind == ActivityKind::Task {
                activity.done_at
            } else {
                activity.occurred_at
            };
            if finished.is_some_and(|at| at >= today.start && at < today.end) {
                day.done_today.push(activity.clone());
            }
        }
    }
    sort_by_key(&mut day.overdue, |task| task.due_at);
    sort_by_key(&mut day.due_today, |task| task.due_at);
    sort_by_key(&mut day.done_today, |activity| {
        std::cmp::Reverse(activity.done_at.or(activity.occurred_at))
    });
    // Newest touch first within each lead, so a lead's first entry is its last touch.
    sort_by(&mut touches, |a, b| {
        a.0.cmp(&b.0).then_with(|| b.1.cmp(&a.1))
    });
    touches.dedup_by_key(|(lead_id, _)| *lead_id);
    sort(&mut planned);
    let last_touch = |lead_id: &super::ids::LeadId| {
        touches
            .binary_search_by(|(held, _)| held.cmp(lead_id))
            .ok()
            .map(|at| touches[at].1)
    };
    let threshold = today.now - Duration::days(cold_after_days);
    day.going_cold = leads
        .iter()
        .filter(|lead| lead.owner_id == owner && !lead.deleted && !lead.stage.is_closed())
        .filter(|lead| planned.binary_search(&lead.id).is_err())
        .filter_map(|lead| {
            let last_touched = last_touch(&lead.id).unwrap_or(lead.created_at);
            (last_touched < threshold).then(|| ColdLead {
                lead: lead.clone(),
                last_touched,
                idle_days: (today.now - last_touched).num_days(),
            })
        })
        .collect();
    sort_by_key(&mut day.going_cold, |cold| cold.last_touched);
    day
}

/// How far one goal has come (see `progress::GoalStanding`).
pub type GoalProgress = super::progress::GoalStanding;

/// Whether `goal` runs on `day` and its progress can be counted from
/// `owner`'s own records on their device (their own goals but training).
pub fn counted_on_device(goal: &Goal, owner: UserId, day: NaiveDate) -> bool {
    !goal.deleted
        && goal.scope == GoalScope::Rep
        && goal.subject_id == owner.0
        && goal.period_start <= day
        && day <= goal.period_end
        && goal.metric != GoalMetric::TrainingCompleted
}

/// The rep's own goals running today, with progress counted from their own
/// records in the cache (unsynced work included, since the cache view holds
/// it), through the same functions the server uses. Team goals need
/// teammates' records and training is kept by managers, so those come from
/// the server (the goals screen).
pub fn own_goal_progress(
    goals: &[Goal],
    leads: &[Lead],
    activities: &[Activity],
    owner: UserId,
    day: NaiveDate,
    working: &super::working_days::WorkingCalendar,
    zone: &super::time_zone::UtcOffsets,
) -> Vec<GoalProgress> {
    goals
        .iter()
        .filter(|goal| counted_on_device(goal, owner, day))
        .map(|goal| {
            let period = super::period::Period {
                start: goal.period_start,
                end: goal.period_end,
            };
            let totals =
                super::progress::MetricTotals::from_records(leads, activities, owner, period, zone);
            super::progress::standing(goal, &totals, day, working)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::activity::{Outcome, Tactic};
    use crate::domain::ids::{ActivityId, GoalId, LeadId, TeamId};
    use crate::domain::lead::LeadSource;
    use crate::domain::lead::{CustomerKind, LeadStage};
    use crate::domain::money::Currency;
    use crate::domain::working_days::WorkingCalendar;
    use chrono::TimeZone;

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0)
            .single()
            .unwrap_or_default()
    }

    fn today() -> Today {
        Today {
            now: at(20, 12),
            start: at(20, 0),
            end: at(21, 0),
        }
    }

    fn lead(owner: UserId, created: DateTime<Utc>) -> Lead {
        Lead {
            event_id: None,
            id: LeadId::new(),
            owner_id: owner,
            owner_name: "Rep".into(),
            name: "Lead".into(),
            company: String::new(),
            phone: String::new(),
            email: String::new(),
            source: LeadSource::Referral,
            stage: LeadStage::Contacted,
            estimated_value: 1000,
            currency: Currency::Usd,
            customer_kind: CustomerKind::New,
            won_amount: None,
            closed_at: None,
            lost_reason: String::new(),
            created_at: created,
            updated_at: created,
            version: 1,
            deleted: false,
        }
    }

    fn activity(owner: UserId, lead: Option<LeadId>, kind: ActivityKind) -> Activity {
        Activity {
            id: ActivityId::new(),
            lead_id: lead,
            lead_name: None,
            owner_id: owner,
            owner_name: "Rep".into(),
            kind,
            tactic: Tactic::ColdCall,
            outcome: Some(Outcome::Reached),
            occurred_at: None,
            due_at: None,
            done_at: None,
            duration_minutes: None,
            notes: String::new(),
            created_at: at(1, 9),
            updated_at: at(1, 9),
            version: 1,
            deleted: false,
        }
    }

    fn task(owner: UserId, lead: Option<LeadId>, due: DateTime<Utc>) -> Activity {
        Activity {
            due_at: Some(due),
            outcome: None,
            ..activity(owner, lead, ActivityKind::Task)
        }
    }

    fn call(owner: UserId, lead: Option<LeadId>, when: DateTime<Utc>) -> Activity {
        Activity {
            occurred_at: Some(when),
            ..activity(owner, lead, ActivityKind::Call)
        }
    }

    #[test]
    fn tasks_split_into_overdue_today_and_later() {
        let me = UserId::new();
        let yesterday = task(me, None, at(19, 9));
        let this_morning = task(me, None, at(20, 9));
        let this_evening = task(me, None, at(20, 18));
        let tomorrow = task(me, None, at(21, 9));
        let done = Activity {
            done_at: Some(at(20, 10)),
            ..task(me, None, at(19, 8))
        };
        let someone_elses = task(UserId::new(), None, at(19, 9));
        let activities = [
            this_evening.clone(),
            this_morning.clone(),
            yesterday.clone(),
            tomorrow,
            done.clone(),
            someone_elses,
        ];
        let day = my_day(&[], &activities, me, today(), 14);
        assert_eq!(day.overdue, vec![yesterday, this_morning]);
        assert_eq!(day.due_today, vec![this_evening]);
        assert_eq!(day.done_today, vec![done]);
    }

    #[test]
    fn overdue_needs_a_past_due_time_and_no_done_mark() {
        let me = UserId::new();
        let now = today().now;
        assert!(is_overdue(&task(me, None, at(20, 11)), now));
        assert!(!is_overdue(&task(me, None, at(20, 13)), now));
        let done = Activity {
            done_at: Some(at(20, 11)),
            ..task(me, None, at(20, 11))
        };
        assert!(!is_overdue(&done, now));
        assert!(!is_overdue(&call(me, None, at(19, 9)), now));
    }

    #[test]
    fn leads_go_cold_after_the_threshold_unless_something_is_planned() {
        let me = UserId::new();
        let fresh = lead(me, at(19, 9));
        let touched_recently = lead(me, at(1, 9));
        let idle = lead(me, at(1, 9));
        let idle_but_planned = lead(me, at(1, 9));
        let never_touched = lead(me, at(2, 9));
        let won = Lead {
            stage: LeadStage::Won,
            ..lead(me, at(1, 9))
        };
        let someone_elses = lead(UserId::new(), at(1, 9));
        let activities = [
            call(me, Some(touched_recently.id), at(15, 9)),
            // An older touch, listed after or before, never hides the newest.
            call(me, Some(touched_recently.id), at(2, 9)),
            call(me, Some(idle.id), at(2, 9)),
            call(me, Some(idle.id), at(3, 9)),
            task(me, Some(idle_but_planned.id), at(25, 9)),
        ];
        let leads = [
            fresh,
            touched_recently,
            idle.clone(),
            idle_but_planned,
            never_touched.clone(),
            won,
            someone_elses,
        ];
        let day = my_day(&leads, &activities, me, today(), 14);
        let cold: Vec<_> = day
            .going_cold
            .iter()
            .map(|cold| (cold.lead.id, cold.idle_days))
            .collect();
        assert_eq!(cold, vec![(never_touched.id, 18), (idle.id, 17)]);
    }

    #[test]
    fn the_threshold_is_exact() {
        let me = UserId::new();
        let edge = lead(me, today().now - Duration::days(14));
        let past_edge = lead(me, today().now - Duration::days(14) - Duration::seconds(1));
        let day = my_day(&[edge, past_edge.clone()], &[], me, today(), 14);
        assert_eq!(day.going_cold.len(), 1);
        assert_eq!(day.going_cold[0].lead.id, past_edge.id);
    }

    fn goal(owner: UserId, metric: GoalMetric, target: i64) -> Goal {
        Goal {
            id: GoalId::new(),
            team_id: TeamId::new(),
            scope: GoalScope::Rep,
            subject_id: owner.0,
            subject_name: "Rep".into(),
            metric,
            target,
            currency: metric.is_money().then_some(Currency::Usd),
            period_start: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap_or_default(),
            period_end: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap_or_default(),
            created_by: UserId::new(),
            created_at: at(1, 0),
            updated_at: at(1, 0),
            version: 1,
            deleted: false,
        }
    }

    #[test]
    fn goal_progress_counts_own_records_inside_the_period() {
        let me = UserId::new();
        let won = |amount, day| Lead {
            stage: LeadStage::Won,
            won_amount: Some(amount),
            closed_at: Some(at(day, 10)),
            ..lead(me, at(1, 9))
        };
        let lost = Lead {
            stage: LeadStage::Lost,
            closed_at: Some(at(10, 10)),
            ..lead(me, at(1, 9))
        };
        let last_month = Lead {
            closed_at: Some(
                Utc.with_ymd_and_hms(2026, 10, 30, 10, 0, 0)
                    .single()
                    .unwrap_or_default(),
            ),
            ..won(9_999, 1)
        };
        let other_currency = Lead {
            currency: Currency::Irr,
            ..won(5_000, 5)
        };
        let someone_elses = Lead {
            owner_id: UserId::new(),
            ..won(7_000, 5)
        };
        let leads = [
            won(1_000, 3),
            won(2_000, 15),
            lost,
            last_month,
            other_currency,
            someone_elses,
        ];
        let activities = [
            call(me, None, at(2, 9)),
            call(me, None, at(3, 9)),
            Activity {
                occurred_at: Some(at(4, 9)),
                ..activity(me, None, ActivityKind::Meeting)
            },
            call(UserId::new(), None, at(2, 9)),
            task(me, None, at(5, 9)),
        ];
        let goals = [
            goal(me, GoalMetric::RevenueWon, 6_000),
            goal(me, GoalMetric::DealsWon, 4),
            goal(me, GoalMetric::Calls, 0),
            goal(me, GoalMetric::Activities, 10),
            goal(me, GoalMetric::ConversionRate, 50),
            goal(UserId::new(), GoalMetric::Calls, 5),
        ];
        let day = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap_or_default();
        let progress: Vec<_> = own_goal_progress(
            &goals,
            &leads,
            &activities,
            me,
            day,
            &WorkingCalendar::every_day(),
            &crate::domain::time_zone::UtcOffsets::default(),
        )
        .into_iter()
        .map(|progress| (progress.goal.metric, progress.actual, progress.percent))
        .collect();
        assert_eq!(
            progress,
            vec![
                (GoalMetric::RevenueWon, 3_000, 50),
                (GoalMetric::DealsWon, 3, 75),
                (GoalMetric::Calls, 2, 0),
                (GoalMetric::Activities, 3, 30),
                (GoalMetric::ConversionRate, 75, 150),
            ]
        );
        // Day 20 of 30: two thirds of 6,000 expected; 3,000 projects to 4,500.
        let revenue = &own_goal_progress(
            &goals,
            &leads,
            &activities,
            me,
            day,
            &WorkingCalendar::every_day(),
            &crate::domain::time_zone::UtcOffsets::default(),
        )[0];
        assert_eq!(
            (revenue.expected_by_now, revenue.projected, revenue.pace),
            (4_000, 4_500, crate::domain::period::Pace::Behind)
        );
    }

    #[test]
    fn goals_outside_today_are_not_shown() {
        let me = UserId::new();
        let goals = [goal(me, GoalMetric::Calls, 5)];
        let december = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default();
        assert!(
            own_goal_progress(
                &goals,
                &[],
                &[],
                me,
                december,
                &WorkingCalendar::every_day(),
                &crate::domain::time_zone::UtcOffsets::default(),
            )
            .is_empty()
        );
    }
}
