//! Headcount plans over the real router and a temporary SQLite file (issue
//! 15): a manager plans the team's reps per period and reads them beside
//! the reps who can sign in now; a bad period or count gets field errors;
//! reps and another team's manager are refused before anything is written.

use crate::support::*;
use http::StatusCode;
use serde_json::{Value, json};

fn draft(start: &str, end: &str, planned: &str) -> Value {
    json!({ "team_id": null, "draft": { "period_start": start, "period_end": end, "planned": planned, "note": "Two more for the north" } })
}

#[tokio::test]
async fn a_manager_plans_headcount_and_sees_it_beside_the_reps_now() {
    let world = world().await;
    let view = ok(
        &world.manager_a,
        &world,
        "/api/headcount/add",
        draft("2027-01-01", "2027-03-31", "4"),
    )
    .await;
    assert_eq!(view["reps_now"], 2, "rep1 and rep2: {view}");
    assert_eq!(view["plans"][0]["planned"], 4);
    assert_eq!(view["plans"][0]["note"], "Two more for the north");
    let bad = world
        .manager_a
        .call(
            &world,
            "/api/headcount/add",
            draft("2027-03-31", "2027-01-01", "many"),
        )
        .await;
    assert_eq!(problem_fields(&bad), vec!["planned", "period_end"]);

    // Others are refused; team B's manager sees only team B.
    for person in [&world.rep1, &world.rep_b] {
        let answer = person
            .call(
                &world,
                "/api/headcount/add",
                draft("2027-01-01", "2027-01-31", "1"),
            )
            .await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.body);
    }
    let aimed = world
        .manager_b
        .call(
            &world,
            "/api/headcount/list",
            json!({ "team_id": world.team_a.to_string() }),
        )
        .await;
    assert_eq!(aimed.status, StatusCode::FORBIDDEN);
    let theirs = ok(
        &world.manager_b,
        &world,
        "/api/headcount/list",
        json!({ "team_id": null }),
    )
    .await;
    assert_eq!(theirs["plans"], json!([]));
    let id = view["plans"][0]["id"].clone();
    let foreign_delete = world
        .manager_b
        .call(
            &world,
            "/api/headcount/delete",
            json!({ "team_id": null, "id": id }),
        )
        .await;
    assert_eq!(foreign_delete.status, StatusCode::NOT_FOUND);
    assert_eq!(
        ok(
            &world.manager_a,
            &world,
            "/api/headcount/list",
            json!({ "team_id": null })
        )
        .await["plans"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    ok(
        &world.manager_a,
        &world,
        "/api/headcount/delete",
        json!({ "team_id": null, "id": id }),
    )
    .await;
    assert_eq!(
        ok(
            &world.manager_a,
            &world,
            "/api/headcount/list",
            json!({ "team_id": null })
        )
        .await["plans"],
        json!([])
    );
}
