//! Goal progress from the canonical data over the real router: a rep's goal
//! counts only their records, a team goal rolls up its reps, the device's
//! own count agrees with the server's, and only managers set goals (copy
//! last period, same goal for every rep), tried as a rep and as another
//! team's manager.

use crate::support::*;
use http::StatusCode;
use serde_json::{Value, json};

fn goal_draft(id: &str, scope: &str, subject: &str, metric: &str, target: &str) -> Value {
    json!({
        "id": id,
        "scope": scope,
        "subject_id": subject,
        "metric": metric,
        "target": target,
        "currency": "USD",
        "period_start": "2026-11-01",
        "period_end": "2026-11-30"
    })
}

/// A lead won on 20 November for `amount` dollars, by `person`.
async fn won_lead(world: &World, person: &Person, amount: &str, customer: &str) -> String {
    let id = new_id();
    let mut draft = lead_draft(&id, "Won deal");
    draft["stage"] = json!("won");
    draft["won_amount"] = json!(amount);
    draft["customer_kind"] = json!(customer);
    draft["closed_on"] = json!("2026-11-20");
    let answer = person
        .call(world, "/api/leads/save", json!({ "draft": draft }))
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    id
}

async fn log_call(world: &World, person: &Person, when: &str) {
    let mut draft = activity_draft(&new_id(), None);
    draft["when"] = json!(when);
    let answer = person
        .call(world, "/api/activities/save", json!({ "draft": draft }))
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
}

async fn save_goal(world: &World, person: &Person, draft: Value) -> StatusCode {
    person
        .call(world, "/api/goals/save", json!({ "draft": draft }))
        .await
        .status
}

fn standing_of<'a>(standings: &'a Value, goal_id: &str) -> &'a Value {
    standings
        .as_array()
        .and_then(|all| {
            all.iter()
                .find(|standing| standing["goal"]["id"] == goal_id)
        })
        .unwrap_or(&Value::Null)
}

#[tokio::test]
async fn a_reps_goal_counts_their_records_and_the_team_goal_rolls_up() {
    let world = world().await;
    let rep1_revenue = new_id();
    let rep1_calls = new_id();
    let team_revenue = new_id();
    let rep1 = world.rep1.id.to_string();
    let team = world.team_a.to_string();
    for draft in [
        goal_draft(&rep1_revenue, "rep", &rep1, "revenue_won", "5,000"),
        goal_draft(&rep1_calls, "rep", &rep1, "calls", "10"),
        goal_draft(&team_revenue, "team", &team, "revenue_won", "10,000"),
    ] {
        assert_eq!(
            save_goal(&world, &world.manager_a, draft).await,
            StatusCode::OK
        );
    }
    won_lead(&world, &world.rep1, "1,400", "new").await;
    won_lead(&world, &world.rep1, "600", "existing").await;
    won_lead(&world, &world.rep2, "3,000", "new").await;
    // Another team's deal never counts for team A.
    won_lead(&world, &world.rep_b, "9,000", "new").await;
    log_call(&world, &world.rep1, "2026-11-03T08:00:00Z").await;
    log_call(&world, &world.rep1, "2026-11-30T23:59:00Z").await;
    // Outside the period, and someone else's: not counted.
    log_call(&world, &world.rep1, "2026-12-01T00:00:00Z").await;
    log_call(&world, &world.rep2, "2026-11-10T08:00:00Z").await;

    let day = json!({ "day": "2026-11-15" });
    let manager = world
        .manager_a
        .call(&world, "/api/goals/standings", day.clone())
        .await;
    assert_eq!(manager.status, StatusCode::OK, "{}", manager.body);
    let revenue = standing_of(&manager.body, &rep1_revenue);
    assert_eq!(revenue["actual"], 200_000, "1,400 + 600 dollars in cents");
    assert_eq!(revenue["percent"], 40);
    // Pace counts working days (a team without a calendar works Monday to
    // Friday): by Sunday the 15th, 10 of November 2026's 21 are done.
    assert_eq!(
        revenue["expected_by_now"], 238_095,
        "5,000 x 10 / 21 working days"
    );
    assert_eq!(revenue["projected"], 420_000, "2,000 x 21 / 10");
    assert_eq!(revenue["pace"], "behind");
    assert_eq!(standing_of(&manager.body, &rep1_calls)["actual"], 2);
    let team_standing = standing_of(&manager.body, &team_revenue);
    assert_eq!(team_standing["actual"], 500_000, "rep1 2,000 + rep2 3,000");
    assert_eq!(team_standing["percent"], 50);

    // The rep sees their own goals and the team's with the same numbers.
    let own = world
        .rep1
        .call(&world, "/api/goals/standings", day.clone())
        .await;
    assert_eq!(own.body.as_array().map_or(0, Vec::len), 3);
    assert_eq!(standing_of(&own.body, &rep1_revenue)["actual"], 200_000);
    // A teammate sees the team's goal but not rep1's own.
    let teammate = world
        .rep2
        .call(&world, "/api/goals/standings", day.clone())
        .await;
    assert!(standing_of(&teammate.body, &rep1_revenue).is_null());
    assert_eq!(
        standing_of(&teammate.body, &team_revenue)["actual"],
        500_000
    );
    // Another team's manager sees none of them.
    let other = world
        .manager_b
        .call(&world, "/api/goals/standings", day)
        .await;
    assert_eq!(
        other.body.as_array().map_or(1, Vec::len),
        0,
        "{}",
        other.body
    );
    // Outside the period nothing is running.
    let december = world
        .rep1
        .call(
            &world,
            "/api/goals/standings",
            json!({ "day": "2026-12-02" }),
        )
        .await;
    assert_eq!(december.body.as_array().map_or(1, Vec::len), 0);
    // No session, no numbers.
    let anonymous = call(
        &world.router,
        "/api/goals/standings",
        None,
        json!({ "day": "2026-11-15" }),
    )
    .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_leaderboard_ranks_the_callers_team_only() {
    let world = world().await;
    won_lead(&world, &world.rep1, "1,000", "new").await;
    won_lead(&world, &world.rep2, "2,500", "new").await;
    won_lead(&world, &world.rep_b, "9,999", "new").await;
    let request = json!({
        "team_id": world.team_b.to_string(),
        "metric": "revenue_won",
        "currency": "USD",
        "period_start": "2026-11-01",
        "period_end": "2026-11-30"
    });
    // A rep of team A asking for team B still gets team A.
    let board = world
        .rep1
        .call(&world, "/api/goals/leaderboard", request.clone())
        .await;
    assert_eq!(board.status, StatusCode::OK, "{}", board.body);
    let rows: Vec<(i64, i64)> = board
        .body
        .as_array()
        .map(|rows| {
            rows.iter()
                .map(|row| {
                    (
                        row["rank"].as_i64().unwrap_or(0),
                        row["value"].as_i64().unwrap_or(0),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(rows, vec![(1, 250_000), (2, 100_000)]);
    assert_eq!(board.body[0]["user_id"], world.rep2.id.to_string());
    // The admin may name the team.
    let admin = world
        .admin
        .call(&world, "/api/goals/leaderboard", request.clone())
        .await;
    assert_eq!(admin.body[0]["value"], 999_900);
    // Bad input gets field messages.
    let mut bad = request;
    bad["metric"] = json!("vibes");
    bad["period_end"] = json!("yesterday");
    let refused = world.rep1.call(&world, "/api/goals/leaderboard", bad).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    let fields = problem_fields(&refused);
    assert!(
        fields.contains(&"metric".to_string()) && fields.contains(&"period_end".to_string()),
        "{fields:?}"
    );
}

#[tokio::test]
async fn only_a_manager_copies_last_period_or_sets_a_goal_for_every_rep() {
    let world = world().await;
    let rep1 = world.rep1.id.to_string();
    let mut october = goal_draft(&new_id(), "rep", &rep1, "calls", "40");
    october["period_start"] = json!("2026-10-01");
    october["period_end"] = json!("2026-10-31");
    assert_eq!(
        save_goal(&world, &world.manager_a, october).await,
        StatusCode::OK
    );
    let november = json!({ "period_start": "2026-11-01", "period_end": "2026-11-30" });

    for intruder in [&world.rep1, &world.manager_b] {
        let refused = intruder
            .call(&world, "/api/goals/copy_previous", november.clone())
            .await;
        let added = refused.body.as_u64().unwrap_or(0);
        assert!(
            refused.status == StatusCode::FORBIDDEN || added == 0,
            "{}: {} {}",
            intruder.email,
            refused.status,
            refused.body
        );
    }
    let copied = world
        .manager_a
        .call(&world, "/api/goals/copy_previous", november.clone())
        .await;
    assert_eq!(copied.status, StatusCode::OK, "{}", copied.body);
    assert_eq!(copied.body, 1);
    // A second copy adds nothing: the goal is already there.
    let again = world
        .manager_a
        .call(&world, "/api/goals/copy_previous", november)
        .await;
    assert_eq!(again.body, 0);
    let goals = world.rep1.call(&world, "/api/goals/list", json!({})).await;
    let november_calls: Vec<&Value> = goals
        .body
        .as_array()
        .map(|all| {
            all.iter()
                .filter(|goal| goal["period_start"] == "2026-11-01")
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(november_calls.len(), 1);
    assert_eq!(november_calls[0]["target"], 40);

    let every = goal_draft(&new_id(), "rep", "", "meetings", "8");
    let refused = world
        .rep1
        .call(
            &world,
            "/api/goals/save_for_every_rep",
            json!({ "draft": every.clone() }),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let set = world
        .manager_a
        .call(
            &world,
            "/api/goals/save_for_every_rep",
            json!({ "draft": every.clone() }),
        )
        .await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.body);
    assert_eq!(set.body, 2, "rep1 and rep2");
    for rep in [&world.rep1, &world.rep2] {
        let goals = rep.call(&world, "/api/goals/list", json!({})).await;
        let meetings = goals.body.as_array().map_or(0, |all| {
            all.iter()
                .filter(|goal| {
                    goal["metric"] == "meetings" && goal["subject_id"] == rep.id.to_string()
                })
                .count()
        });
        assert_eq!(meetings, 1, "{}", rep.email);
    }
    // Sent again (a retry, or a new target): still one goal per rep, with
    // the newest target (issue 14, item 8).
    let mut retried = goal_draft(&new_id(), "rep", "", "meetings", "10");
    retried["period_start"] = every["period_start"].clone();
    retried["period_end"] = every["period_end"].clone();
    for _ in 0..2 {
        let again = world
            .manager_a
            .call(
                &world,
                "/api/goals/save_for_every_rep",
                json!({ "draft": retried.clone() }),
            )
            .await;
        assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    }
    for rep in [&world.rep1, &world.rep2] {
        let goals = rep.call(&world, "/api/goals/list", json!({})).await;
        let targets: Vec<i64> = goals.body.as_array().map_or(Vec::new(), |all| {
            all.iter()
                .filter(|goal| {
                    goal["metric"] == "meetings" && goal["subject_id"] == rep.id.to_string()
                })
                .filter_map(|goal| goal["target"].as_i64())
                .collect()
        });
        assert_eq!(targets, vec![10], "{}", rep.email);
    }
    let mut bad = goal_draft(&new_id(), "rep", "", "meetings", "-3");
    bad["period_end"] = json!("2026-10-01");
    let invalid = world
        .manager_a
        .call(
            &world,
            "/api/goals/save_for_every_rep",
            json!({ "draft": bad }),
        )
        .await;
    assert_eq!(invalid.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields = problem_fields(&invalid);
    assert!(
        fields.contains(&"target".to_string()) && fields.contains(&"period_end".to_string()),
        "{fields:?}"
    );
}

/// Recounts a person's totals straight from the leads and activities
/// tables, the slow way the roll-ups replace.
async fn recount(store: &app::store::Store, owner: &str) -> (i64, i64, i64, i64, i64, i64, i64) {
    let closed: (i64, i64, i64, i64) = sqlx::query_as(
        "SELECT COALESCE(CAST(SUM(CASE WHEN stage = 'won' THEN 1 ELSE 0 END) AS BIGINT), 0), COALESCE(CAST(SUM(CASE WHEN stage = 'lost' THEN 1 ELSE 0 END) AS BIGINT), 0), \
                COALESCE(CAST(SUM(CASE WHEN stage = 'won' AND customer_kind = 'new' THEN 1 ELSE 0 END) AS BIGINT), 0), \
                COALESCE(CAST(SUM(CASE WHEN stage = 'won' THEN COALESCE(won_amount, 0) ELSE 0 END) AS BIGINT), 0) \
         FROM leads WHERE owner_id = $1 AND deleted = 0 AND stage IN ('won', 'lost') \
           AND closed_at >= '2026-11-01' AND closed_at < '2026-12-01'",
    )
    .bind(owner)
    .fetch_one(store.pool())
    .await
    .expect("recount leads");
    let done: (i64, i64, i64) = sqlx::query_as(
        "SELECT COALESCE(CAST(SUM(CASE WHEN kind = 'call' THEN 1 ELSE 0 END) AS BIGINT), 0), COALESCE(CAST(SUM(CASE WHEN kind = 'meeting' THEN 1 ELSE 0 END) AS BIGINT), 0), COUNT(*) \
         FROM activities WHERE owner_id = $1 AND deleted = 0 AND kind <> 'task' \
           AND occurred_at >= '2026-11-01' AND occurred_at < '2026-12-01'",
    )
    .bind(owner)
    .fetch_one(store.pool())
    .await
    .expect("recount activities");
    (
        closed.0, closed.1, closed.2, closed.3, done.0, done.1, done.2,
    )
}

#[tokio::test]
async fn the_daily_roll_ups_agree_with_the_records_after_edits_moves_and_deletes() {
    let world = world().await;
    let period = app::domain::period::Period {
        start: chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap_or_default(),
        end: chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap_or_default(),
    };
    let rep1 = world.rep1.id.to_string();
    let rep2 = world.rep2.id.to_string();
    let first = won_lead(&world, &world.rep1, "1,000", "new").await;
    let second = won_lead(&world, &world.rep1, "2,000", "existing").await;
    let third = won_lead(&world, &world.rep1, "3,000", "new").await;
    // Lost instead of won, then moved to another day, then to rep2.
    let mut draft = lead_draft(&second, "Won deal");
    draft["stage"] = json!("lost");
    draft["lost_reason"] = json!("Price");
    draft["closed_on"] = json!("2026-11-21");
    assert_eq!(
        world
            .rep1
            .call(&world, "/api/leads/save", json!({ "draft": draft }))
            .await
            .status,
        StatusCode::OK
    );
    let mut moved = lead_draft(&first, "Won deal");
    moved["stage"] = json!("won");
    moved["won_amount"] = json!("1,250");
    moved["closed_on"] = json!("2026-11-25");
    moved["owner_id"] = json!(rep2);
    let answer = world
        .manager_a
        .call(&world, "/api/leads/save", json!({ "draft": moved }))
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    // A deleted deal stops counting; a deal in another currency counts apart.
    assert_eq!(
        world
            .rep1
            .call(&world, "/api/leads/delete", json!({ "id": third }))
            .await
            .status,
        StatusCode::OK
    );
    let rial = new_id();
    let mut draft = lead_draft(&rial, "Rial deal");
    draft["currency"] = json!("IRR");
    draft["stage"] = json!("won");
    draft["won_amount"] = json!("50,000,000");
    draft["closed_on"] = json!("2026-11-02");
    assert_eq!(
        world
            .rep1
            .call(&world, "/api/leads/save", json!({ "draft": draft }))
            .await
            .status,
        StatusCode::OK
    );
    // Activities: a call turned into a meeting, one moved out of the month,
    // one deleted, one task (never counted).
    let mut ids = Vec::new();
    for when in [
        "2026-11-03T08:00:00Z",
        "2026-11-04T08:00:00Z",
        "2026-11-05T08:00:00Z",
        "2026-11-06T08:00:00Z",
    ] {
        let id = new_id();
        let mut draft = activity_draft(&id, None);
        draft["when"] = json!(when);
        assert_eq!(
            world
                .rep1
                .call(&world, "/api/activities/save", json!({ "draft": draft }))
                .await
                .status,
            StatusCode::OK
        );
        ids.push(id);
    }
    let mut meeting = activity_draft(&ids[0], None);
    meeting["kind"] = json!("meeting");
    meeting["outcome"] = json!("");
    meeting["when"] = json!("2026-11-03T08:00:00Z");
    let answer = world
        .rep1
        .call(&world, "/api/activities/save", json!({ "draft": meeting }))
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let mut later = activity_draft(&ids[1], None);
    later["when"] = json!("2026-12-04T08:00:00Z");
    assert_eq!(
        world
            .rep1
            .call(&world, "/api/activities/save", json!({ "draft": later }))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        world
            .rep1
            .call(&world, "/api/activities/delete", json!({ "id": ids[2] }))
            .await
            .status,
        StatusCode::OK
    );
    let mut task = activity_draft(&new_id(), None);
    task["kind"] = json!("task");
    task["outcome"] = json!("");
    task["when"] = json!("2026-11-07T08:00:00Z");
    let answer = world
        .rep1
        .call(&world, "/api/activities/save", json!({ "draft": task }))
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);

    let totals = world
        .store
        .team_totals(world.team_a, period)
        .await
        .expect("totals");
    for (person, id) in [(&rep1, world.rep1.id), (&rep2, world.rep2.id)] {
        let rolled = totals.member(id);
        let usd = rolled
            .revenue_won
            .get(&app::domain::Currency::Usd)
            .copied()
            .unwrap_or(0);
        let (won, lost, new_customers, revenue, calls, meetings, activities) =
            recount(&world.store, person).await;
        assert_eq!(
            (rolled.deals_won, rolled.deals_lost, rolled.new_customers),
            (won, lost, new_customers),
            "{person}"
        );
        assert_eq!(
            (rolled.calls, rolled.meetings, rolled.activities),
            (calls, meetings, activities),
            "{person}"
        );
        let irr = rolled
            .revenue_won
            .get(&app::domain::Currency::Irr)
            .copied()
            .unwrap_or(0);
        assert_eq!(usd + irr, i128::from(revenue), "{person}");
    }
    // And the figures themselves: rep1 lost one, won 50,000,000 rials, one
    // call and one meeting; rep2 has the moved deal at 1,250 dollars.
    let rep1_totals = totals.member(world.rep1.id);
    assert_eq!((rep1_totals.deals_won, rep1_totals.deals_lost), (1, 1));
    assert_eq!(
        rep1_totals.revenue_won.get(&app::domain::Currency::Irr),
        Some(&50_000_000)
    );
    assert_eq!(
        (
            rep1_totals.calls,
            rep1_totals.meetings,
            rep1_totals.activities
        ),
        (1, 1, 2)
    );
    let rep2_totals = totals.member(world.rep2.id);
    assert_eq!(
        rep2_totals.revenue_won.get(&app::domain::Currency::Usd),
        Some(&125_000)
    );
    assert_eq!(rep2_totals.new_customers, 1);
}

/// A training record may name the rep who completed it: it counts for that
/// rep's goal and, through them, for the team's; one naming nobody counts
/// for the team only. A record cannot name someone from another team.
#[tokio::test]
async fn training_records_count_for_the_rep_they_name_and_for_the_team() {
    let world = world().await;
    let rep1_training = new_id();
    let rep2_training = new_id();
    let team_training = new_id();
    let rep1 = world.rep1.id.to_string();
    let rep2 = world.rep2.id.to_string();
    let team = world.team_a.to_string();
    for draft in [
        goal_draft(&rep1_training, "rep", &rep1, "training_completed", "2"),
        goal_draft(&rep2_training, "rep", &rep2, "training_completed", "2"),
        goal_draft(&team_training, "team", &team, "training_completed", "4"),
    ] {
        assert_eq!(
            save_goal(&world, &world.manager_a, draft).await,
            StatusCode::OK
        );
    }
    let training = |person: &str| {
        json!({ "draft": {
            "id": new_id(), "kind": "training", "title": "Objection handling", "amount": "", "currency": "",
            "period_start": "2026-11-10", "period_end": "2026-11-12", "body": "", "person_id": person
        } })
    };
    for person in [rep1.as_str(), ""] {
        let saved = world
            .manager_a
            .call(&world, "/api/records/save", training(person))
            .await;
        assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    }
    let foreign = world
        .manager_a
        .call(
            &world,
            "/api/records/save",
            training(&world.rep_b.id.to_string()),
        )
        .await;
    assert_eq!(problem_fields(&foreign), vec!["person_id"]);
    let records: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM records WHERE kind = 'training'")
        .fetch_one(world.store.pool())
        .await
        .unwrap_or(-1);
    assert_eq!(records, 2, "the refused record wrote nothing");

    let standings = world
        .manager_a
        .call(
            &world,
            "/api/goals/standings",
            json!({ "day": "2026-11-20" }),
        )
        .await;
    assert_eq!(standings.status, StatusCode::OK, "{}", standings.body);
    assert_eq!(standing_of(&standings.body, &rep1_training)["actual"], 1);
    assert_eq!(standing_of(&standings.body, &rep2_training)["actual"], 0);
    assert_eq!(standing_of(&standings.body, &team_training)["actual"], 2);
    // The rep reads their own number too.
    let own = world
        .rep1
        .call(
            &world,
            "/api/goals/standings",
            json!({ "day": "2026-11-20" }),
        )
        .await;
    assert_eq!(standing_of(&own.body, &rep1_training)["percent"], 50);
}
