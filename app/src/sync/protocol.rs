//! The sync protocol's wire types. DO NOT change a field's name or meaning:
//! installed clients, possibly offline for days on an old build, send and
//! expect exactly these shapes. Add a new protocol version instead; the golden
//! tests below fail on any change.
//!
//! - Push: a client sends its outbox as mutations numbered 1, 2, 3, … (per
//!   client). The server applies each exactly once, in order, in one
//!   transaction per push, and answers with the last mutation id it has
//!   applied. A mutation that can never succeed is recorded as rejected, with
//!   the reason, and still counted as applied, so the queue never jams.
//! - Pull: a client asks for every change after its cursor (a server version);
//!   rows come in version order, deleted ones as tombstones, with the client's
//!   last applied mutation id read in the same transaction.

use crate::domain::compensation::CompensationPlan;
use crate::domain::recognition::{Kudos, KudosDraft};
use crate::domain::{Activity, ActivityDraft, ActivityId, Goal, Lead, LeadDraft, LeadId};
use crate::error::AppError;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The protocol version this build speaks. A server answers a version it
/// no longer (or not yet) speaks with `AppError::UnsupportedProtocol`, which
/// tells the person to reload; the outbox is kept.
///
/// 1: leads, activities, goals. 2: pulls carry plans and kudos.
/// 3: pushes may carry `give_kudos` (kudos typed offline).
/// 4: a lead may name the team event it was met at (`event_id` on pulled
/// leads, on drafts and as a changed field); left out when none, so every
/// older message reads the same.
pub const PROTOCOL_VERSION: u32 = 4;

/// The protocol that last added kinds of pulled rows, or fields to them: a
/// cache pulled with an older one is pulled again from scratch (its outbox
/// is kept), so leads tagged with an event before the upgrade show it.
pub const PULLED_ROWS_VERSION: u32 = 4;

/// The oldest protocol the server still speaks: version 1 clients (a build
/// cached before plans and kudos) keep syncing leads, activities and goals
/// until they reload; their pulls leave out the kinds they do not know.
pub const OLDEST_PROTOCOL_VERSION: u32 = 1;

/// Whether the server speaks a client's protocol version.
pub fn protocol_supported(version: u32) -> bool {
    (OLDEST_PROTOCOL_VERSION..=PROTOCOL_VERSION).contains(&version)
}

/// Largest number of mutations in one push, and of rows in one pull page.
pub const MAX_BATCH: usize = 500;

/// One browser profile's identity for sync; minted once and kept in local
/// storage with the outbox.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ClientId(pub Uuid);

impl ClientId {
    pub fn new() -> Self {
        Self(Uuid::now_v7())
    }
}

impl Default for ClientId {
    fn default() -> Self {
        Self::new()
    }
}

/// A change to one field of a lead: the value the person saw when they
/// edited (`base`) and the value they chose. Values are the form's text
/// (as in `LeadDraft`), so any field is compared the same way.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub base: String,
    pub value: String,
}

/// What a person did, as it travels from the outbox to the server.
///
/// The browser reads these back only from its own storage, where the tag is
/// always written first, so it decodes them with a small tag-first decoder
/// (`browser_decoding`) instead of serde's buffering one, which costs the
/// downloaded app tens of kilobytes; the server accepts any key order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(not(feature = "csr"), derive(Deserialize))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Operation {
    CreateLead {
        draft: LeadDraft,
    },
    /// Only the changed fields: two devices that change different fields of
    /// one lead both win.
    UpdateLead {
        id: LeadId,
        changes: Vec<FieldChange>,
    },
    DeleteLead {
        id: LeadId,
    },
    LogActivity {
        draft: ActivityDraft,
    },
    UpdateActivity {
        draft: ActivityDraft,
    },
    CompleteTask {
        id: ActivityId,
        done: bool,
    },
    DeleteActivity {
        id: ActivityId,
    },
    /// Thanks a teammate on the team feed (protocol 3).
    GiveKudos {
        draft: KudosDraft,
    },
}

impl Operation {
    /// The protocol version that introduced this operation: a push that
    /// declares an older one and carries it is malformed.
    pub fn since_version(&self) -> u32 {
        match self {
            Operation::GiveKudos { .. } => 3,
            _ => 1,
        }
    }
}

/// One outbox entry. `id` counts up from 1 per client without gaps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mutation {
    pub id: u64,
    pub operation: Operation,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushRequest {
    pub protocol_version: u32,
    pub client_id: ClientId,
    pub mutations: Vec<Mutation>,
}

/// A mutation the server could never apply, and why (shown to the rep).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectedMutation {
    pub mutation_id: u64,
    pub error: AppError,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushResponse {
    /// Every mutation up to this id is applied (or rejected) on the server.
    pub last_mutation_id: u64,
    /// Mutations of this push that were rejected.
    pub rejected: Vec<RejectedMutation>,
    /// The push skipped past a missing id; the mutations after the gap were
    /// not applied and must be sent again after the missing one.
    pub stopped_at_gap: bool,
    /// New leads of this push whose phone or e-mail matches a lead already
    /// on the server in the person's team: the lead is kept (it is real
    /// work), and the rep is told. Left out when empty, so the answer reads
    /// the same to clients that predate it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub possible_duplicates: Vec<PossibleDuplicate>,
}

/// A lead a rep just created that may be one the team already has.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PossibleDuplicate {
    pub lead_id: LeadId,
    pub lead_name: String,
    pub existing_lead_id: LeadId,
    pub existing_lead_name: String,
    pub existing_owner_name: String,
    /// `phone` or `email`: what matched.
    pub matched_on: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PullRequest {
    pub protocol_version: u32,
    pub client_id: ClientId,
    /// The highest server version the client has; 0 for a first pull.
    pub cursor: i64,
    pub limit: u32,
    /// The scope stamp the device's rows were pulled under (the last
    /// `PullResponse::scope`). Older than the reader's current stamp (they
    /// moved team or changed role, or their team's members changed), the
    /// answer is a reset. Absent from builds before it: no such resets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<i64>,
}

/// A changed row, deleted ones included (`deleted: true`). The server
/// always writes `kind` before `row`; the browser decodes it in that order
/// (`browser_decoding`), without buffering.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(not(feature = "csr"), derive(Deserialize))]
#[serde(tag = "kind", content = "row", rename_all = "snake_case")]
pub enum Change {
    Lead(Lead),
    Activity(Activity),
    Goal(Goal),
    /// Protocol 2: the team's compensation plans.
    Plan(CompensationPlan),
    /// Protocol 2: the team's kudos feed.
    Kudos(Kudos),
}

impl Change {
    pub fn version(&self) -> i64 {
        match self {
            Change::Lead(lead) => lead.version,
            Change::Activity(activity) => activity.version,
            Change::Goal(goal) => goal.version,
            Change::Plan(plan) => plan.version,
            Change::Kudos(kudos) => kudos.version,
        }
    }

    /// Whether a client speaking `protocol_version` knows this kind of row
    /// (protocol 1 predates plans and kudos).
    pub fn known_to(&self, protocol_version: u32) -> bool {
        protocol_version >= 2
            || matches!(
                self,
                Change::Lead(_) | Change::Activity(_) | Change::Goal(_)
            )
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PullResponse {
    /// The cursor was unknown: drop the cache and take these rows as the
    /// whole (first page of the) scoped snapshot.
    pub reset: bool,
    pub changes: Vec<Change>,
    /// Send this as the next cursor.
    pub cursor: i64,
    /// Read in the same transaction as the rows: the client's mutations up
    /// to this id are reflected in them.
    pub last_mutation_id: u64,
    /// More rows wait: pull again with the new cursor.
    pub more: bool,
    /// The reader's scope stamp these rows follow: keep it and send it with
    /// the next pull (`PullRequest::scope`).
    #[serde(default)]
    pub scope: i64,
}

/// Asks for the conflicts that overwrote this person's values, newer than
/// the last one the device has seen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictsRequest {
    pub protocol_version: u32,
    /// The highest `ConflictNotice::version` the device already has; 0 at first.
    pub after_version: i64,
}

/// A value this person saved that a later change from someone else replaced.
/// Nothing is lost: the device shows both values with a one-click restore.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ConflictNotice {
    /// The server version of the change that overwrote the value.
    pub version: i64,
    pub lead_id: LeadId,
    pub lead_name: String,
    /// The lead field, by its draft name (see `sync::plan::LEAD_FIELDS`).
    pub field: String,
    /// What this person had saved (form text).
    pub your_value: String,
    /// What it was changed to.
    pub their_value: String,
    pub changed_by_name: String,
    #[cfg_attr(
        feature = "ssr",
        sqlx(try_from = "crate::store::columns::StoredInstant")
    )]
    #[serde(with = "crate::domain::wire_time::instant")]
    pub at: DateTime<Utc>,
}

/// Tag-first decoders for the browser build (see `Operation` and `Change`).
#[cfg(feature = "csr")]
mod browser_decoding {
    use super::{Change, FieldChange, Operation};
    use crate::domain::recognition::KudosDraft;
    use crate::domain::{ActivityDraft, ActivityId, LeadDraft, LeadId};
    use serde::de::{Deserialize, Deserializer, Error, IgnoredAny, MapAccess, Visitor};
    use std::fmt;

    struct OperationVisitor;

    impl<'de> Visitor<'de> for OperationVisitor {
        type Value = Operation;

        fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
            formatter.write_str("an operation object whose first key is \"type\"")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Operation, A::Error> {
            if map.next_key::<String>()?.as_deref() != Some("type") {
                return Err(A::Error::custom("the operation's \"type\" must come first"));
            }
            let kind: String = map.next_value()?;
            let (mut lead_draft, mut activity_draft) = (None::<LeadDraft>, None::<ActivityDraft>);
            let mut kudos_draft = None::<KudosDraft>;
            let (mut id, mut changes, mut done) =
                (None::<uuid::Uuid>, None::<Vec<FieldChange>>, None::<bool>);
            while let Some(key) = map.next_key::<String>()? {
                match key.as_str() {
                    "draft" if kind == "create_lead" => lead_draft = Some(map.next_value()?),
                    "draft" if kind == "give_kudos" => kudos_draft = Some(map.next_value()?),
                    "draft" => activity_draft = Some(map.next_value()?),
                    "id" => id = Some(map.next_value()?),
                    "changes" => changes = Some(map.next_value()?),
                    "done" => done = Some(map.next_value()?),
                    _ => {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
            }
            let missing = |field: &'static str| A::Error::missing_field(field);
            Ok(match kind.as_str() {
                "create_lead" => Operation::CreateLead {
                    draft: lead_draft.ok_or_else(|| missing("draft"))?,
                },
                "update_lead" => Operation::UpdateLead {
                    id: LeadId(id.ok_or_else(|| missing("id"))?),
                    changes: changes.ok_or_else(|| missing("changes"))?,
                },
                "delete_lead" => Operation::DeleteLead {
                    id: LeadId(id.ok_or_else(|| missing("id"))?),
                },
                "log_activity" => Operation::LogActivity {
                    draft: activity_draft.ok_or_else(|| missing("draft"))?,
                },
                "update_activity" => Operation::UpdateActivity {
                    draft: activity_draft.ok_or_else(|| missing("draft"))?,
                },
                "complete_task" => Operation::CompleteTask {
                    id: ActivityId(id.ok_or_else(|| missing("id"))?),
                    done: done.ok_or_else(|| missing("done"))?,
                },
                "delete_activity" => Operation::DeleteActivity {
                    id: ActivityId(id.ok_or_else(|| missing("id"))?),
                },
                "give_kudos" => Operation::GiveKudos {
                    draft: kudos_draft.ok_or_else(|| missing("draft"))?,
                },
                other => {
                    return Err(A::Error::unknown_variant(
                        other,
                        &[
                            "create_lead",
                            "update_lead",
                            "delete_lead",
                            "log_activity",
                            "update_activity",
                            "complete_task",
                            "delete_activity",
                            "give_kudos",
                        ],
                    ));
                }
            })
        }
    }

    impl<'de> Deserialize<'de> for Operation {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_map(OperationVisitor)
        }
    }

    struct ChangeVisitor;

    impl<'de> Visitor<'de> for ChangeVisitor {
        type Value = Change;

        fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
            formatter.write_str("a change object: \"kind\" then \"row\"")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Change, A::Error> {
            if map.next_key::<String>()?.as_deref() != Some("kind") {
                return Err(A::Error::custom("a change's \"kind\" must come first"));
            }
            let kind: String = map.next_value()?;
            if map.next_key::<String>()?.as_deref() != Some("row") {
                return Err(A::Error::missing_field("row"));
            }
            let change = match kind.as_str() {
                "lead" => Change::Lead(map.next_value()?),
                "activity" => Change::Activity(map.next_value()?),
                "goal" => Change::Goal(map.next_value()?),
                "plan" => Change::Plan(map.next_value()?),
                "kudos" => Change::Kudos(map.next_value()?),
                other => {
                    return Err(A::Error::unknown_variant(
                        other,
                        &["lead", "activity", "goal", "plan", "kudos"],
                    ));
                }
            };
            while map.next_key::<IgnoredAny>()?.is_some() {
                map.next_value::<IgnoredAny>()?;
            }
            Ok(change)
        }
    }

    impl<'de> Deserialize<'de> for Change {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserializer.deserialize_map(ChangeVisitor)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ActivityDraft;

    fn id(text: &str) -> Uuid {
        Uuid::parse_str(text).unwrap_or_default()
    }

    #[test]
    fn a_push_has_a_frozen_shape() {
        let request = PushRequest {
            protocol_version: 1,
            client_id: ClientId(id("01900000-0000-7000-8000-0000000000c1")),
            mutations: vec![
                Mutation {
                    id: 1,
                    operation: Operation::UpdateLead {
                        id: LeadId(id("01900000-0000-7000-8000-000000000001")),
                        changes: vec![FieldChange {
                            field: "stage".into(),
                            base: "new".into(),
                            value: "won".into(),
                        }],
                    },
                },
                Mutation {
                    id: 2,
                    operation: Operation::DeleteLead {
                        id: LeadId(id("01900000-0000-7000-8000-000000000001")),
                    },
                },
                Mutation {
                    id: 3,
                    operation: Operation::CompleteTask {
                        id: ActivityId(id("01900000-0000-7000-8000-0000000000a1")),
                        done: true,
                    },
                },
            ],
        };
        let json = serde_json::to_string(&request).unwrap_or_default();
        assert_eq!(
            json,
            r#"{"protocol_version":1,"client_id":"01900000-0000-7000-8000-0000000000c1","mutations":[{"id":1,"operation":{"type":"update_lead","id":"01900000-0000-7000-8000-000000000001","changes":[{"field":"stage","base":"new","value":"won"}]}},{"id":2,"operation":{"type":"delete_lead","id":"01900000-0000-7000-8000-000000000001"}},{"id":3,"operation":{"type":"complete_task","id":"01900000-0000-7000-8000-0000000000a1","done":true}}]}"#
        );
        assert_eq!(
            serde_json::from_str::<PushRequest>(&json).ok(),
            Some(request)
        );
    }

    #[test]
    fn an_activity_operation_has_a_frozen_shape() {
        let draft = ActivityDraft {
            id: ActivityId(id("01900000-0000-7000-8000-0000000000a1")),
            kind: "call".into(),
            when: "2026-11-20T09:30:00Z".into(),
            ..ActivityDraft::default()
        };
        let json = serde_json::to_string(&Operation::LogActivity { draft }).unwrap_or_default();
        assert_eq!(
            json,
            r#"{"type":"log_activity","draft":{"id":"01900000-0000-7000-8000-0000000000a1","lead_id":null,"kind":"call","tactic":"","outcome":"","notes":"","when":"2026-11-20T09:30:00Z","duration_minutes":"","done":false}}"#
        );
    }

    #[test]
    fn a_kudos_operation_has_a_frozen_shape_from_protocol_3() {
        let operation = Operation::GiveKudos {
            draft: KudosDraft {
                id: crate::domain::KudosId(id("01900000-0000-7000-8000-0000000000d1")),
                to_user_id: "01900000-0000-7000-8000-0000000000e1".into(),
                message: "Two deals in one day!".into(),
            },
        };
        let json = serde_json::to_string(&operation).unwrap_or_default();
        assert_eq!(
            json,
            r#"{"type":"give_kudos","draft":{"id":"01900000-0000-7000-8000-0000000000d1","to_user_id":"01900000-0000-7000-8000-0000000000e1","message":"Two deals in one day!"}}"#
        );
        assert_eq!(
            serde_json::from_str::<Operation>(&json).ok(),
            Some(operation)
        );
    }

    #[test]
    fn a_lead_names_its_event_from_protocol_4_and_reads_the_same_without() {
        let event = "01900000-0000-7000-8000-0000000000e9";
        let draft = LeadDraft {
            id: LeadId(id("01900000-0000-7000-8000-000000000001")),
            name: "Met at the expo".into(),
            source: "event".into(),
            event_id: event.into(),
            ..LeadDraft::default()
        };
        let json = serde_json::to_string(&Operation::CreateLead {
            draft: draft.clone(),
        })
        .unwrap_or_default();
        assert_eq!(
            json,
            r#"{"type":"create_lead","draft":{"id":"01900000-0000-7000-8000-000000000001","owner_id":null,"name":"Met at the expo","company":"","phone":"","email":"","source":"event","stage":"","estimated_value":"","currency":"","customer_kind":"","won_amount":"","lost_reason":"","event_id":"01900000-0000-7000-8000-0000000000e9"}}"#
        );
        // Without an event, the draft is what protocol 3 sent.
        let plain = serde_json::to_string(&LeadDraft {
            event_id: String::new(),
            ..draft
        })
        .unwrap_or_default();
        assert!(!plain.contains("event_id"), "{plain}");
        let back: LeadDraft = serde_json::from_str(&plain).unwrap_or_default();
        assert_eq!(back.event_id, "");
    }

    #[test]
    fn a_conflict_notice_has_a_frozen_shape() {
        let notice = ConflictNotice {
            version: 12,
            lead_id: LeadId(id("01900000-0000-7000-8000-000000000001")),
            lead_name: "Pars Tile".into(),
            field: "phone".into(),
            your_value: "0912 000 0001".into(),
            their_value: "0912 000 0002".into(),
            changed_by_name: "Reza".into(),
            at: DateTime::parse_from_rfc3339("2026-11-20T09:30:00Z")
                .map(|at| at.with_timezone(&Utc))
                .unwrap_or_default(),
        };
        let json = serde_json::to_string(&notice).unwrap_or_default();
        assert_eq!(
            json,
            r#"{"version":12,"lead_id":"01900000-0000-7000-8000-000000000001","lead_name":"Pars Tile","field":"phone","your_value":"0912 000 0001","their_value":"0912 000 0002","changed_by_name":"Reza","at":"2026-11-20T09:30:00Z"}"#
        );
        assert_eq!(
            serde_json::to_string(&ConflictsRequest {
                protocol_version: 1,
                after_version: 12
            })
            .unwrap_or_default(),
            r#"{"protocol_version":1,"after_version":12}"#
        );
    }

    #[test]
    fn a_push_answer_and_a_pull_request_have_frozen_shapes() {
        let response = PushResponse {
            last_mutation_id: 7,
            rejected: vec![RejectedMutation {
                mutation_id: 6,
                error: AppError::Forbidden,
            }],
            stopped_at_gap: false,
            possible_duplicates: vec![],
        };
        assert_eq!(
            serde_json::to_string(&response).unwrap_or_default(),
            r#"{"last_mutation_id":7,"rejected":[{"mutation_id":6,"error":"Forbidden"}],"stopped_at_gap":false}"#
        );
        // A possible duplicate (added within version 1: older clients ignore it).
        let with_duplicate = PushResponse {
            rejected: vec![],
            possible_duplicates: vec![PossibleDuplicate {
                lead_id: LeadId(id("01900000-0000-7000-8000-0000000000d1")),
                lead_name: "Sara".into(),
                existing_lead_id: LeadId(id("01900000-0000-7000-8000-0000000000d2")),
                existing_lead_name: "Sara A.".into(),
                existing_owner_name: "Reza".into(),
                matched_on: "phone".into(),
            }],
            ..response.clone()
        };
        let golden = r#"{"last_mutation_id":7,"rejected":[],"stopped_at_gap":false,"possible_duplicates":[{"lead_id":"01900000-0000-7000-8000-0000000000d1","lead_name":"Sara","existing_lead_id":"01900000-0000-7000-8000-0000000000d2","existing_lead_name":"Sara A.","existing_owner_name":"Reza","matched_on":"phone"}]}"#;
        assert_eq!(
            serde_json::to_string(&with_duplicate).unwrap_or_default(),
            golden
        );
        assert_eq!(
            crate::sync::objects_only::from_slice::<PushResponse>(golden.as_bytes()).ok(),
            Some(with_duplicate)
        );
        // An answer from before the field still reads.
        let old = r#"{"last_mutation_id":7,"rejected":[],"stopped_at_gap":false}"#;
        assert_eq!(
            crate::sync::objects_only::from_slice::<PushResponse>(old.as_bytes())
                .ok()
                .map(|answer| answer.possible_duplicates),
            Some(vec![])
        );
        let pull = PullRequest {
            protocol_version: 1,
            client_id: ClientId(id("01900000-0000-7000-8000-0000000000c1")),
            cursor: 42,
            limit: 100,
            scope: None,
        };
        assert_eq!(
            serde_json::to_string(&pull).unwrap_or_default(),
            r#"{"protocol_version":1,"client_id":"01900000-0000-7000-8000-0000000000c1","cursor":42,"limit":100}"#
        );
        let with_scope = PullRequest {
            scope: Some(9),
            ..pull
        };
        assert_eq!(
            serde_json::to_string(&with_scope).unwrap_or_default(),
            r#"{"protocol_version":1,"client_id":"01900000-0000-7000-8000-0000000000c1","cursor":42,"limit":100,"scope":9}"#
        );
        let empty = PullResponse {
            reset: false,
            changes: vec![],
            cursor: 42,
            last_mutation_id: 7,
            more: false,
            scope: 9,
        };
        assert_eq!(
            serde_json::to_string(&empty).unwrap_or_default(),
            r#"{"reset":false,"changes":[],"cursor":42,"last_mutation_id":7,"more":false,"scope":9}"#
        );
        // An answer from before scope stamps still reads (stamp 0).
        let old = r#"{"reset":false,"changes":[],"cursor":42,"last_mutation_id":7,"more":false}"#;
        assert_eq!(
            crate::sync::objects_only::from_slice::<PullResponse>(old.as_bytes())
                .ok()
                .map(|answer| answer.scope),
            Some(0)
        );
    }

    #[test]
    fn plan_and_kudos_rows_have_frozen_shapes_from_protocol_2() {
        use crate::domain::compensation::TierRates;
        use crate::domain::{Currency, KudosId, PlanId, TeamId, UserId};
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-01T08:00:00Z")
            .map(|at| at.with_timezone(&Utc))
            .unwrap_or_default();
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap_or_default();
        let plan = Change::Plan(CompensationPlan {
            id: PlanId(id("01900000-0000-7000-8000-0000000000e1")),
            team_id: TeamId(id("01900000-0000-7000-8000-0000000000e2")),
            effective_from: day,
            effective_to: None,
            new_customer_rate: 500,
            existing_customer_rate: 200,
            tiers: vec![TierRates {
                from_percent_of_quota: 100,
                new_customer: 800,
                existing_customer: 300,
            }],
            rep_bonus: 50_000,
            team_bonus: 0,
            bonus_currency: Some(Currency::Usd),
            created_by: UserId(id("01900000-0000-7000-8000-0000000000e3")),
            created_at: at,
            updated_at: at,
            version: 9,
            deleted: false,
        });
        let golden = r#"{"kind":"plan","row":{"id":"01900000-0000-7000-8000-0000000000e1","team_id":"01900000-0000-7000-8000-0000000000e2","effective_from":"2026-11-01","effective_to":null,"new_customer_rate":500,"existing_customer_rate":200,"tiers":[{"from_percent_of_quota":100,"new_customer":800,"existing_customer":300}],"rep_bonus":50000,"team_bonus":0,"bonus_currency":"USD","created_by":"01900000-0000-7000-8000-0000000000e3","created_at":"2026-11-01T08:00:00Z","updated_at":"2026-11-01T08:00:00Z","version":9,"deleted":false}}"#;
        assert_eq!(serde_json::to_string(&plan).unwrap_or_default(), golden);
        assert_eq!(
            crate::sync::objects_only::from_slice::<Change>(golden.as_bytes()).ok(),
            Some(plan.clone())
        );
        let kudos = Change::Kudos(Kudos {
            id: KudosId(id("01900000-0000-7000-8000-0000000000f1")),
            team_id: TeamId(id("01900000-0000-7000-8000-0000000000e2")),
            from_user_id: UserId(id("01900000-0000-7000-8000-0000000000f2")),
            from_name: "Maryam".into(),
            to_user_id: UserId(id("01900000-0000-7000-8000-0000000000f3")),
            to_name: "Reza".into(),
            message: "Great demo!".into(),
            created_at: at,
            version: 10,
            deleted: false,
        });
        let golden = r#"{"kind":"kudos","row":{"id":"01900000-0000-7000-8000-0000000000f1","team_id":"01900000-0000-7000-8000-0000000000e2","from_user_id":"01900000-0000-7000-8000-0000000000f2","from_name":"Maryam","to_user_id":"01900000-0000-7000-8000-0000000000f3","to_name":"Reza","message":"Great demo!","created_at":"2026-11-01T08:00:00Z","version":10,"deleted":false}}"#;
        assert_eq!(serde_json::to_string(&kudos).unwrap_or_default(), golden);
        assert_eq!(
            crate::sync::objects_only::from_slice::<Change>(golden.as_bytes()).ok(),
            Some(kudos.clone())
        );
        // Protocol 1 clients are never sent them.
        assert!(!plan.known_to(1) && !kudos.known_to(1) && plan.known_to(2));
        assert!(protocol_supported(1) && protocol_supported(2) && protocol_supported(3));
        assert!(protocol_supported(4));
        assert!(!protocol_supported(0) && !protocol_supported(5));
    }
}
