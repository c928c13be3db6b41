//! Golden tests: the endpoints and JSON shapes an installed (possibly old,
//! offline-cached) client depends on. Changing one of these breaks clients in
//! the field: add a new endpoint or version instead.

use app::api;
use app::domain::{FieldErrors, FieldProblem, LeadDraft, LeadId};
use app::error::AppError;
use leptos::server_fn::ServerFn;

#[test]
fn endpoints_are_pinned() {
    let paths = [
        <api::SignIn as ServerFn>::PATH,
        <api::SignOut as ServerFn>::PATH,
        <api::CurrentUser as ServerFn>::PATH,
        <api::SetLocale as ServerFn>::PATH,
        <api::ListLeads as ServerFn>::PATH,
        <api::GetLead as ServerFn>::PATH,
        <api::SaveLead as ServerFn>::PATH,
        <api::DeleteLead as ServerFn>::PATH,
        <api::ListActivities as ServerFn>::PATH,
        <api::GetActivity as ServerFn>::PATH,
        <api::SaveActivity as ServerFn>::PATH,
        <api::DeleteActivity as ServerFn>::PATH,
        <api::ListGoals as ServerFn>::PATH,
        <api::GetGoal as ServerFn>::PATH,
        <api::SaveGoal as ServerFn>::PATH,
        <api::DeleteGoal as ServerFn>::PATH,
        <api::ListRecords as ServerFn>::PATH,
        <api::GetRecord as ServerFn>::PATH,
        <api::SaveRecord as ServerFn>::PATH,
        <api::DeleteRecord as ServerFn>::PATH,
        <api::TeamMembers as ServerFn>::PATH,
        <api::Teammates as ServerFn>::PATH,
        <api::LoadDashboard as ServerFn>::PATH,
        <api::ListPeople as ServerFn>::PATH,
        <api::ListTeams as ServerFn>::PATH,
        <api::SavePerson as ServerFn>::PATH,
        <api::SaveTeam as ServerFn>::PATH,
        <api::Push as ServerFn>::PATH,
        <api::Pull as ServerFn>::PATH,
        <api::LeadHistory as ServerFn>::PATH,
        <api::Conflicts as ServerFn>::PATH,
        <api::GoalStandings as ServerFn>::PATH,
        <api::Leaderboard as ServerFn>::PATH,
        <api::CopyPreviousGoals as ServerFn>::PATH,
        <api::SaveGoalForEveryRep as ServerFn>::PATH,
        <api::SavePlan as ServerFn>::PATH,
        <api::DeletePlan as ServerFn>::PATH,
        <api::CommissionReport as ServerFn>::PATH,
        <api::GiveKudos as ServerFn>::PATH,
        <api::TeamDashboard as ServerFn>::PATH,
        <api::ComparePeriods as ServerFn>::PATH,
        <api::TacticEffectiveness as ServerFn>::PATH,
        <api::PipelineReport as ServerFn>::PATH,
        <api::LeadershipSummary as ServerFn>::PATH,
        <api::SavePeriodNote as ServerFn>::PATH,
        <api::ReadTeamDays as ServerFn>::PATH,
        <api::SaveWorkingWeek as ServerFn>::PATH,
        <api::AddHoliday as ServerFn>::PATH,
        <api::RemoveHoliday as ServerFn>::PATH,
        <api::AddFixedHolidays as ServerFn>::PATH,
    ];
    assert_eq!(
        paths,
        [
            "/api/auth/sign_in",
            "/api/auth/sign_out",
            "/api/auth/me",
            "/api/auth/locale",
            "/api/leads/list",
            "/api/leads/get",
            "/api/leads/save",
            "/api/leads/delete",
            "/api/activities/list",
            "/api/activities/get",
            "/api/activities/save",
            "/api/activities/delete",
            "/api/goals/list",
            "/api/goals/get",
            "/api/goals/save",
            "/api/goals/delete",
            "/api/records/list",
            "/api/records/get",
            "/api/records/save",
            "/api/records/delete",
            "/api/team/members",
            "/api/team/teammates",
            "/api/dashboard/counts",
            "/api/people/list",
            "/api/teams/list",
            "/api/people/save",
            "/api/teams/save",
            "/api/sync/push",
            "/api/sync/pull",
            "/api/leads/history",
            "/api/sync/conflicts",
            "/api/goals/standings",
            "/api/goals/leaderboard",
            "/api/goals/copy_previous",
            "/api/goals/save_for_every_rep",
            "/api/pay/save_plan",
            "/api/pay/delete_plan",
            "/api/pay/commission_report",
            "/api/kudos/give",
            "/api/dashboard/team",
            "/api/reports/period_comparison",
            "/api/reports/tactics",
            "/api/reports/pipeline",
            "/api/reports/summary",
            "/api/reports/save_note",
            "/api/team_days/read",
            "/api/team_days/save_week",
            "/api/team_days/add_holiday",
            "/api/team_days/remove_holiday",
            "/api/team_days/add_fixed",
        ]
    );
}

/// Cached clients listen on this path and read this shape: both frozen.
#[test]
fn a_live_event_has_a_frozen_path_and_shape() {
    use app::sync::live::{LIVE_EVENT_NAME, LIVE_EVENTS_PATH, LiveEvent, LiveEventKind};
    assert_eq!(LIVE_EVENTS_PATH, "/api/live/events");
    assert_eq!(LIVE_EVENT_NAME, "change");
    let team = "0192e0a0-0000-7000-8000-000000000001";
    let owner = "0192e0a0-0000-7000-8000-000000000002";
    let golden =
        serde_json::json!({ "kind": "work", "team_id": team, "owner_id": owner, "version": 42 });
    let event: LiveEvent = serde_json::from_value(golden.clone()).expect("reads the golden event");
    assert_eq!(event.kind, LiveEventKind::Work);
    assert_eq!(serde_json::to_value(&event).ok(), Some(golden));
    let settings: LiveEvent = serde_json::from_value(
        serde_json::json!({ "kind": "settings", "team_id": null, "owner_id": owner, "version": 1 }),
    )
    .expect("reads a settings event");
    assert_eq!(settings.kind, LiveEventKind::Settings);
}

#[test]
fn a_lead_draft_has_a_frozen_shape() {
    let id: LeadId = "01900000-0000-7000-8000-000000000001"
        .parse()
        .unwrap_or_default();
    let draft = LeadDraft {
        id,
        name: "Sara".into(),
        stage: "new".into(),
        ..LeadDraft::default()
    };
    let json = serde_json::to_value(&draft).unwrap_or_default();
    assert_eq!(
        json,
        serde_json::json!({
            "id": "01900000-0000-7000-8000-000000000001", "owner_id": null, "name": "Sara", "company": "",
            "phone": "", "email": "", "source": "", "stage": "new", "estimated_value": "", "currency": "",
            "customer_kind": "", "won_amount": "", "lost_reason": ""
        })
    );
    // The close day travels only when set; drafts without it still read.
    let closed = LeadDraft {
        stage: "won".into(),
        won_amount: "10".into(),
        closed_on: "2026-11-20".into(),
        ..draft.clone()
    };
    let json = serde_json::to_value(&closed).unwrap_or_default();
    assert_eq!(json["closed_on"], "2026-11-20");
    let mut old_shape = serde_json::to_value(&draft).unwrap_or_default();
    if let Some(fields) = old_shape.as_object_mut() {
        fields.remove("closed_on");
    }
    assert_eq!(
        serde_json::from_value::<LeadDraft>(old_shape).ok(),
        Some(draft)
    );
}

#[test]
fn errors_have_a_frozen_shape() {
    let mut fields = FieldErrors::default();
    fields.add("email", FieldProblem::InvalidEmail);
    fields.add("name", FieldProblem::TooLong { max: 120 });
    let cases = [
        (AppError::Unauthenticated, r#""Unauthenticated""#),
        (AppError::Forbidden, r#""Forbidden""#),
        (AppError::NotFound, r#""NotFound""#),
        (AppError::BadCredentials, r#""BadCredentials""#),
        (AppError::BadRequest, r#""BadRequest""#),
        (AppError::Internal, r#""Internal""#),
        (
            AppError::UnsupportedProtocol { server_version: 1 },
            r#"{"UnsupportedProtocol":{"server_version":1}}"#,
        ),
        (
            AppError::TooManyAttempts {
                retry_after_seconds: 30,
            },
            r#"{"TooManyAttempts":{"retry_after_seconds":30}}"#,
        ),
        (
            AppError::Invalid(fields),
            r#"{"Invalid":[{"field":"email","problem":"invalid_email"},{"field":"name","problem":"too_long","max":120}]}"#,
        ),
    ];
    for (error, expected) in cases {
        assert_eq!(serde_json::to_string(&error).unwrap_or_default(), expected);
        // The browser reads each back (by hand, not by the derive).
        assert_eq!(serde_json::from_str::<AppError>(expected).ok(), Some(error));
    }
}

/// index.html asks for the first pull page before the app starts; it must
/// speak the app's protocol, or a first visit takes in a page without the
/// row kinds added since (plans and kudos were missed that way with 1).
#[test]
fn the_early_first_pull_in_index_html_speaks_the_apps_protocol() {
    let page = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../frontend/index.html"
    ))
    .unwrap_or_default();
    let versions: Vec<u32> = page
        .match_indices("protocol_version: ")
        .filter_map(|(at, found)| {
            let rest = &page[at + found.len()..];
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok()
        })
        .collect();
    assert_eq!(
        versions,
        vec![app::sync::protocol::PROTOCOL_VERSION],
        "index.html's early pull"
    );
}
