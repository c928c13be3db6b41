//! The sync client state's tests: saves seen at once, pulls that never hide a
//! pending change, rejections and conflicts kept until read, eviction.

use super::view::lead_from_draft;
use super::*;
use crate::domain::{ActivityDraft, LeadDraft};
use crate::error::AppError;
use crate::sync::plan::field_changes;

fn draft(name: &str) -> LeadDraft {
    LeadDraft {
        id: LeadId::new(),
        name: name.into(),
        source: "referral".into(),
        stage: "new".into(),
        estimated_value: "100".into(),
        currency: "USD".into(),
        customer_kind: "new".into(),
        ..LeadDraft::default()
    }
}

fn server_lead(state: &ClientState, draft: &LeadDraft, version: i64) -> Lead {
    let mut lead = lead_from_draft(draft, None, state.user_id, "Sara", Utc::now())
        .unwrap_or_else(|| panic!("valid"));
    lead.version = version;
    lead
}

fn page(changes: Vec<Change>, cursor: i64, last_mutation_id: u64) -> PullResponse {
    PullResponse {
        reset: false,
        changes,
        cursor,
        last_mutation_id,
        more: false,
        scope: 0,
    }
}

#[test]
fn only_a_cache_pulled_before_the_last_new_row_kinds_is_pulled_again() {
    let mut state = ClientState::new(UserId::new(), "Sara");
    state.cache.cursor = 50;
    state.cache.protocol_version = 1;
    assert_eq!(
        state.pull_cursor(),
        -1,
        "protocol 1 caches lack plans and kudos"
    );
    state.cache.protocol_version = 3;
    assert_eq!(
        state.pull_cursor(),
        -1,
        "protocol 3 caches lack the events their leads name"
    );
    state.cache.protocol_version = 4;
    assert_eq!(state.pull_cursor(), 50);
}

#[test]
fn a_lead_saved_offline_shows_at_once_and_stays_after_a_pull() {
    let mut state = ClientState::new(UserId::new(), "Sara");
    let new = draft("Offline lead");
    state.record(Operation::CreateLead { draft: new.clone() });
    assert_eq!(
        state
            .leads_view(Utc::now())
            .iter()
            .map(|l| l.name.as_str())
            .collect::<Vec<_>>(),
        ["Offline lead"]
    );
    assert!(state.lead_is_pending(new.id));
    // A pull that does not yet include it does not hide it.
    state.pulled(page(vec![], 5, 0), Utc::now());
    assert_eq!(state.leads_view(Utc::now()).len(), 1);
    assert_eq!(state.pending_count(), 1);
}

#[test]
fn a_pushed_change_stays_in_view_until_a_pull_brings_its_row() {
    let mut state = ClientState::new(UserId::new(), "Sara");
    let kept = draft("Pushed, not pulled");
    let refused = draft("Refused");
    state.record(Operation::CreateLead {
        draft: kept.clone(),
    });
    state.record(Operation::CreateLead {
        draft: refused.clone(),
    });
    state.push_answered(&PushResponse {
        last_mutation_id: 2,
        rejected: vec![crate::sync::protocol::RejectedMutation {
            mutation_id: 2,
            error: AppError::Forbidden,
        }],
        stopped_at_gap: false,
        possible_duplicates: vec![],
    });
    // Nothing waits to be sent, yet the applied lead is still shown (the
    // pull after the push may fail: the device went offline); the
    // refused one had no effect anywhere and is gone.
    assert_eq!(state.pending_count(), 0);
    assert!(!state.lead_is_pending(kept.id));
    let names = |state: &ClientState| {
        state
            .leads_view(Utc::now())
            .into_iter()
            .map(|lead| lead.name)
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&state), ["Pushed, not pulled"]);
    // It survives a reload.
    let stored: ClientState =
        serde_json::from_str(&serde_json::to_string(&state).unwrap_or_default())
            .unwrap_or_else(|_| ClientState::new(UserId::new(), ""));
    assert_eq!(stored.outbox.sent.len(), 1);
    // The pull that covers mutation 2 brings the row and ends the wait.
    let row = server_lead(&state, &kept, 7);
    state.pulled(page(vec![Change::Lead(row)], 7, 2), Utc::now());
    assert!(state.outbox.sent.is_empty());
    assert_eq!(names(&state), ["Pushed, not pulled"]);
}

#[test]
fn the_server_row_replaces_the_pending_one_once_acknowledged() {
    let mut state = ClientState::new(UserId::new(), "Sara");
    let new = draft("Lead");
    state.record(Operation::CreateLead { draft: new.clone() });
    let row = server_lead(&state, &new, 9);
    // The push answer was lost, but the pull says mutation 1 is applied.
    state.pulled(page(vec![Change::Lead(row)], 9, 1), Utc::now());
    assert_eq!(state.pending_count(), 0);
    let view = state.leads_view(Utc::now());
    assert_eq!((view.len(), view[0].version), (1, 9));
    assert!(state.cache.last_synced_at.is_some());
}

#[test]
fn pending_field_changes_are_re_applied_on_top_of_newer_server_rows() {
    let mut state = ClientState::new(UserId::new(), "Sara");
    let original = draft("Sara");
    state.pulled(
        page(vec![Change::Lead(server_lead(&state, &original, 3))], 3, 0),
        Utc::now(),
    );
    let seen = lead_as_draft(&state.cache.leads[&original.id]);
    let edited = LeadDraft {
        stage: "qualified".into(),
        ..seen.clone()
    };
    state.record(Operation::UpdateLead {
        id: original.id,
        changes: field_changes(&seen, &edited),
    });
    // Meanwhile another device renamed the lead on the server.
    let renamed = server_lead(
        &state,
        &LeadDraft {
            name: "Sara Ahmadi".into(),
            ..original.clone()
        },
        4,
    );
    state.pulled(page(vec![Change::Lead(renamed)], 4, 0), Utc::now());
    let view = state.leads_view(Utc::now());
    assert_eq!(
        (
            view[0].name.as_str(),
            crate::domain::Choice::as_str(view[0].stage)
        ),
        ("Sara Ahmadi", "qualified")
    );
}

#[test]
fn deletes_hide_a_lead_and_rejections_are_kept_to_show() {
    let mut state = ClientState::new(UserId::new(), "Sara");
    let lead = draft("Gone");
    state.pulled(
        page(vec![Change::Lead(server_lead(&state, &lead, 2))], 2, 0),
        Utc::now(),
    );
    state.record(Operation::DeleteLead { id: lead.id });
    assert!(state.leads_view(Utc::now()).is_empty());
    let answer = PushResponse {
        last_mutation_id: 1,
        rejected: vec![crate::sync::protocol::RejectedMutation {
            mutation_id: 1,
            error: AppError::Forbidden,
        }],
        stopped_at_gap: false,
        possible_duplicates: vec![],
    };
    state.push_answered(&answer);
    state.push_answered(&answer);
    assert_eq!(state.rejected.len(), 1, "a rejection is listed once");
    assert_eq!(
        state.rejected[0].operation,
        Some(Operation::DeleteLead { id: lead.id }),
        "what was refused is kept to show"
    );
    assert_eq!(state.pending_count(), 0);
}

#[test]
fn a_duplicate_notice_is_kept_once_until_dismissed() {
    let mut state = ClientState::new(UserId::new(), "Sara");
    let lead = draft("Maybe twice");
    state.record(Operation::CreateLead {
        draft: lead.clone(),
    });
    let notice = PossibleDuplicate {
        lead_id: lead.id,
        lead_name: lead.name.clone(),
        existing_lead_id: LeadId::new(),
        existing_lead_name: "Already here".into(),
        existing_owner_name: "Reza".into(),
        matched_on: "phone".into(),
    };
    let answer = PushResponse {
        last_mutation_id: 1,
        rejected: vec![],
        stopped_at_gap: false,
        possible_duplicates: vec![notice.clone()],
    };
    state.push_answered(&answer);
    state.push_answered(&answer);
    assert_eq!(state.duplicates, vec![notice]);
    assert_eq!(state.pending_count(), 0, "the lead itself was applied");
    // It survives a reload (stored with the outbox) and goes when read.
    let stored: ClientState =
        serde_json::from_str(&serde_json::to_string(&state).unwrap_or_default())
            .unwrap_or_else(|_| ClientState::new(UserId::new(), ""));
    assert_eq!(stored.duplicates.len(), 1);
    state.dismiss_duplicate(lead.id);
    assert!(state.duplicates.is_empty());
}

#[test]
fn leads_that_come_to_the_person_from_elsewhere_are_noticed_once_until_read() {
    let mut state = ClientState::new(UserId::new(), "Sara");
    // The first fill is not news.
    let old = draft("Had it already");
    state.pulled(
        page(vec![Change::Lead(server_lead(&state, &old, 2))], 2, 0),
        Utc::now(),
    );
    assert!(state.arrived_leads.is_empty());
    // Made here and pushed: not news when its row comes back.
    let mine = draft("Typed here");
    state.record(Operation::CreateLead {
        draft: mine.clone(),
    });
    state.push_answered(&PushResponse {
        last_mutation_id: 1,
        rejected: vec![],
        stopped_at_gap: false,
        possible_duplicates: vec![],
    });
    let given = draft("Handed over");
    let mut teammates = server_lead(&state, &draft("A teammate's"), 6);
    teammates.owner_id = UserId::new();
    let changed_old = server_lead(&state, &old, 7);
    state.pulled(
        page(
            vec![
                Change::Lead(server_lead(&state, &mine, 4)),
                Change::Lead(server_lead(&state, &given, 5)),
                Change::Lead(teammates),
                Change::Lead(changed_old),
            ],
            7,
            1,
        ),
        Utc::now(),
    );
    assert_eq!(
        state.arrived_leads,
        vec![(given.id, "Handed over".to_string())]
    );
    // Pulled again (a second page, another sync): still once.
    state.pulled(
        page(vec![Change::Lead(server_lead(&state, &given, 8))], 8, 1),
        Utc::now(),
    );
    assert_eq!(state.arrived_leads.len(), 1);
    // Kept through a reload, gone once read.
    let stored: ClientState =
        serde_json::from_str(&serde_json::to_string(&state).unwrap_or_default())
            .unwrap_or_else(|_| ClientState::new(UserId::new(), ""));
    assert_eq!(stored.arrived_leads.len(), 1);
    state.dismiss_arrived_leads();
    assert!(state.arrived_leads.is_empty());
}

#[test]
fn a_reset_replaces_the_cache_but_keeps_the_outbox() {
    let mut state = ClientState::new(UserId::new(), "Sara");
    let old = draft("Old");
    state.pulled(
        page(vec![Change::Lead(server_lead(&state, &old, 2))], 2, 0),
        Utc::now(),
    );
    state.record(Operation::CreateLead {
        draft: draft("Unsent"),
    });
    state.pulled(
        PullResponse {
            reset: true,
            changes: vec![],
            cursor: 0,
            last_mutation_id: 0,
            more: false,
            scope: 0,
        },
        Utc::now(),
    );
    let names: Vec<String> = state
        .leads_view(Utc::now())
        .into_iter()
        .map(|lead| lead.name)
        .collect();
    assert_eq!(names, ["Unsent"]);
}

#[test]
fn the_state_survives_storage_as_json() {
    let mut state = ClientState::new(UserId::new(), "Sara");
    state.record(Operation::CreateLead {
        draft: draft("Kept"),
    });
    let json = serde_json::to_string(&state).unwrap_or_default();
    let back: Option<ClientState> = serde_json::from_str(&json).ok();
    assert_eq!(back, Some(state));
}

fn call_draft(lead_id: Option<LeadId>, when: &str) -> ActivityDraft {
    ActivityDraft {
        id: ActivityId::new(),
        lead_id,
        kind: "task".into(),
        tactic: "cold_call".into(),
        when: when.into(),
        ..ActivityDraft::default()
    }
}

#[test]
fn activities_logged_offline_show_with_their_lead_and_a_completed_task_is_done() {
    let mut state = ClientState::new(UserId::new(), "Sara");
    let lead = draft("Pars Tile");
    state.record(Operation::CreateLead {
        draft: lead.clone(),
    });
    let task = call_draft(Some(lead.id), "2026-11-20T09:30:00Z");
    let call = ActivityDraft {
        kind: "call".into(),
        ..call_draft(Some(lead.id), "2026-11-21T09:30:00Z")
    };
    state.record(Operation::LogActivity {
        draft: task.clone(),
    });
    state.record(Operation::LogActivity {
        draft: call.clone(),
    });
    state.record(Operation::CompleteTask {
        id: task.id,
        done: true,
    });
    let now = Utc::now();
    let view = state.activities_view(&state.leads_view(now), now);
    assert_eq!(
        view.iter().map(|activity| activity.id).collect::<Vec<_>>(),
        [call.id, task.id],
        "latest first"
    );
    assert!(
        view.iter()
            .all(|activity| activity.lead_name.as_deref() == Some("Pars Tile"))
    );
    assert_eq!(view[1].done_at, Some(now), "the task shows as done at once");
    assert!(state.activity_is_pending(task.id));
    state.record(Operation::DeleteActivity { id: call.id });
    assert_eq!(state.activities_view(&[], now).len(), 1);
}

#[test]
fn an_invalid_offline_change_is_kept_in_the_outbox_but_not_shown() {
    let mut state = ClientState::new(UserId::new(), "Sara");
    let broken = LeadDraft {
        name: String::new(),
        ..draft("x")
    };
    state.record(Operation::CreateLead { draft: broken });
    assert!(state.leads_view(Utc::now()).is_empty());
    assert_eq!(state.pending_count(), 1, "the server decides and says why");
}

#[test]
fn a_conflict_restored_before_its_change_arrived_is_based_on_the_servers_value() {
    let mut state = ClientState::new(UserId::new(), "Parisa");
    let lead = draft("Contested Co");
    // The device has the lead as it was before the other person's change.
    state.pulled(
        page(vec![Change::Lead(server_lead(&state, &lead, 2))], 2, 0),
        Utc::now(),
    );
    state.conflicts_received(vec![ConflictNotice {
        version: 3,
        lead_id: lead.id,
        lead_name: "Contested Co".into(),
        field: "estimated_value".into(),
        your_value: "2500".into(),
        their_value: "2000".into(),
        changed_by_name: "Sara".into(),
        at: Utc::now(),
    }]);
    assert_eq!(
        state.restore_conflict(lead.id, "estimated_value", 3, Utc::now()),
        Some(1)
    );
    let Operation::UpdateLead { changes, .. } = &state.outbox.pending[0].operation else {
        panic!("a lead update is queued");
    };
    assert_eq!(
        changes[0].base, "2000",
        "what the server has, not the stale value shown"
    );
    assert_eq!(changes[0].value, "2500");
}

#[test]
fn a_conflict_can_be_restored_with_one_change_based_on_the_current_value() {
    let mut state = ClientState::new(UserId::new(), "Sara");
    let lead = draft("Pars Tile");
    state.pulled(
        page(vec![Change::Lead(server_lead(&state, &lead, 3))], 3, 0),
        Utc::now(),
    );
    let notice = ConflictNotice {
        version: 3,
        lead_id: lead.id,
        lead_name: "Pars Tile".into(),
        field: "estimated_value".into(),
        your_value: "2000".into(),
        their_value: "100".into(),
        changed_by_name: "Reza".into(),
        at: Utc::now(),
    };
    state.conflicts_received(vec![notice.clone(), notice.clone()]);
    assert_eq!((state.conflicts.len(), state.conflict_cursor), (1, 3));
    let restored = state.restore_conflict(lead.id, "estimated_value", 3, Utc::now());
    assert_eq!(restored, Some(1));
    assert!(state.conflicts.is_empty());
    assert_eq!(
        state.outbox.pending[0].operation,
        Operation::UpdateLead {
            id: lead.id,
            changes: vec![FieldChange {
                field: "estimated_value".into(),
                base: "100".into(),
                value: "2000".into(),
            }],
        }
    );
    assert_eq!(
        state.leads_view(Utc::now())[0].estimated_value,
        200_000,
        "the restored value shows at once (minor units)"
    );
    // Dismissing instead keeps theirs and queues nothing.
    state.conflicts_received(vec![ConflictNotice {
        version: 4,
        ..notice
    }]);
    state.dismiss_conflict(lead.id, "estimated_value", 4);
    assert!(state.conflicts.is_empty());
    assert_eq!(state.pending_count(), 1);
}

#[test]
fn eviction_drops_old_synced_rows_first_and_never_the_outbox() {
    let mut state = ClientState::new(UserId::new(), "Sara");
    let kept_lead = draft("Has a pending edit");
    let old_lead = draft("Old and synced");
    let mut rows = vec![
        Change::Lead(server_lead(&state, &kept_lead, 1)),
        Change::Lead(server_lead(&state, &old_lead, 2)),
    ];
    let open_task = call_draft(None, "2026-12-01T09:00:00Z");
    let done_call = ActivityDraft {
        kind: "call".into(),
        ..call_draft(None, "2026-11-01T09:00:00Z")
    };
    for (version, activity) in [(3, &open_task), (4, &done_call)] {
        let row = state
            .activity_from_draft(activity, None, Utc::now())
            .map(|mut row| {
                row.version = version;
                row
            });
        rows.extend(row.map(Change::Activity));
    }
    state.pulled(page(rows, 4, 0), Utc::now());
    let seen = lead_as_draft(&state.cache.leads[&kept_lead.id]);
    state.record(Operation::UpdateLead {
        id: kept_lead.id,
        changes: field_changes(
            &seen,
            &LeadDraft {
                stage: "won".into(),
                won_amount: "90".into(),
                ..seen.clone()
            },
        ),
    });
    assert_eq!(state.evict_synced(1), 1);
    assert!(
        state.cache.activities.contains_key(&open_task.id),
        "the finished call goes before the open task"
    );
    assert_eq!(
        state.evict_synced(10),
        2,
        "the open task, then the old lead"
    );
    assert_eq!(
        state.cache.leads.keys().collect::<Vec<_>>(),
        [&kept_lead.id],
        "a lead with a pending change stays"
    );
    assert_eq!((state.pending_count(), state.cache.evicted), (1, 3));
}

#[test]
fn a_second_tab_starts_with_the_rows_but_its_own_client_id_and_outbox() {
    let mut first = ClientState::new(UserId::new(), "Sara");
    let lead = draft("Seen");
    first.pulled(
        page(vec![Change::Lead(server_lead(&first, &lead, 5))], 5, 0),
        Utc::now(),
    );
    first.record(Operation::DeleteLead { id: lead.id });
    let second = ClientState::sibling_of(&first);
    assert_ne!(second.client_id, first.client_id);
    assert_eq!(second.pending_count(), 0);
    assert_eq!((second.cache.cursor, second.cache.leads.len()), (5, 1));
}

#[test]
fn tombstones_leave_the_cache() {
    let mut state = ClientState::new(UserId::new(), "Sara");
    let lead = draft("Gone soon");
    state.pulled(
        page(vec![Change::Lead(server_lead(&state, &lead, 1))], 1, 0),
        Utc::now(),
    );
    let mut tombstone = server_lead(&state, &lead, 2);
    tombstone.deleted = true;
    state.pulled(page(vec![Change::Lead(tombstone)], 2, 0), Utc::now());
    assert!(state.cache.leads.is_empty());
}
