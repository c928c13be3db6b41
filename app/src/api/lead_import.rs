//! Lead import: a manager uploads a CSV file of leads, sees what each
//! column fills and what is wrong with each row (preview), then imports the
//! good rows in one transaction, to one rep or shared out by a rule. The
//! file is read on the server (no parser in the app's wasm); the preview
//! writes nothing, so the manager can change the mapping and look again.
//! Leads already in Pishro are shared out the same way (`lead_share.rs`).

use crate::domain::distribution::DistributionRule;
use crate::domain::lead_import::{LeadColumn, RowProblem};
use crate::domain::{Currency, LeadSource, LeadStage, UserId};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

/// The file and how to read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeadImport {
    /// The file's bytes, base64 (standard alphabet, padded).
    pub file: String,
    /// The field each column fills; `None`: guessed from the headers.
    pub mapping: Option<Vec<Option<LeadColumn>>>,
    /// The currency of rows without a currency column.
    pub currency: Currency,
    /// The event the leads were captured at: they get it (and the source
    /// "event"). Left out by clients that predate events.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_id: Option<crate::domain::EventId>,
}

/// A row that will be imported, as the preview shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewLead {
    pub line: usize,
    pub name: String,
    pub company: String,
    pub phone: String,
    pub email: String,
    pub stage: LeadStage,
    pub source: LeadSource,
    pub estimated_value: i64,
    pub currency: Currency,
}

/// A refused row: its line, its first cells and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefusedRow {
    pub line: usize,
    pub cells: Vec<String>,
    pub problems: Vec<RowProblem>,
}

/// What an import of the file would do, and to whom it could go.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub headers: Vec<String>,
    pub mapping: Vec<Option<LeadColumn>>,
    /// Rows that would become leads.
    pub accepted: usize,
    /// The first of them.
    pub sample: Vec<PreviewLead>,
    /// Rows that would be refused.
    pub refused: usize,
    /// The first of them, with their problems.
    pub refused_rows: Vec<RefusedRow>,
    /// Every refused row with a reason column, as a CSV file to fix.
    pub refused_csv: String,
    /// The team's reps who can receive the leads.
    pub reps: Vec<crate::domain::distribution::RepLoad>,
}

/// Who receives the imported leads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "to", rename_all = "snake_case")]
pub enum ImportOwners {
    /// All of them to one rep.
    Rep { user_id: UserId },
    /// Shared among the chosen reps by a rule.
    Shared {
        rule: DistributionRule,
        reps: Vec<UserId>,
    },
}

/// What the import did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportOutcome {
    pub imported: usize,
    /// How many each rep received, by name.
    pub per_rep: Vec<(String, usize)>,
    pub refused: usize,
    pub refused_csv: String,
}

/// Rows shown in the preview's tables.
pub const PREVIEW_ROWS: usize = 20;

/// Reads the file and says what importing it would do; writes nothing.
#[server(endpoint = "leads/import/preview", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn preview_lead_import(import: LeadImport) -> Result<ImportPreview, AppError> {
    use crate::api::context::{managed_team, signed_in};
    let (state, profile) = signed_in().await?;
    let team_id = managed_team(&profile)?;
    let reading = server::ReadFile::new(&import)?;
    let keys = reading.identity_keys();
    let taken = state.store.taken_identities(team_id, &keys).await?;
    let plan = reading.plan(|key| taken.contains(key));
    let reps = state.store.rep_loads(team_id).await?;
    Ok(server::preview(&reading, &plan, reps, profile.locale))
}

/// Imports the file's good rows as new leads of the chosen reps, in one
/// transaction, and logs who received each. Rows that repeat a lead of the
/// team are refused, so importing the same file twice adds nothing.
#[server(endpoint = "leads/import/commit", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn import_leads(
    import: LeadImport,
    owners: ImportOwners,
) -> Result<ImportOutcome, AppError> {
    use crate::api::context::{managed_team, signed_in};
    let (state, profile) = signed_in().await?;
    let team_id = managed_team(&profile)?;
    let reading = server::ReadFile::new(&import)?;
    let now = chrono::Utc::now();
    let mut transaction = state.store.write().await?;
    if let Some(event_id) = import.event_id
        && crate::store::events::event_team_in(&mut transaction, event_id).await? != Some(team_id)
    {
        let mut errors = crate::domain::validation::FieldErrors::default();
        errors.add(
            "event_id",
            crate::domain::validation::FieldProblem::UnknownChoice,
        );
        return Err(AppError::Invalid(errors));
    }
    let reps = crate::store::lead_import::rep_loads_in(&mut transaction, team_id).await?;
    let keys = reading.identity_keys();
    let taken =
        crate::store::lead_import::taken_identities_in(&mut transaction, team_id, &keys).await?;
    let plan = reading.plan(|key| taken.contains(key));
    let last_turn =
        crate::store::lead_import::last_round_robin_turn_in(&mut transaction, team_id).await?;
    let owned = server::owners_for(&owners, &reps, plan.accepted.len(), last_turn)?;
    let outcome = server::outcome(&reading, &plan, &owned, &reps, profile.locale);
    let mut leads = server::new_leads(&plan, &owned, now);
    if let Some(event_id) = import.event_id {
        // The leads name the event (the event's report counts them).
        for (lead, _) in &mut leads {
            lead.lead.source = LeadSource::Event;
            lead.lead.event_id = Some(event_id);
        }
    }
    crate::store::lead_import::insert_imported_leads_in(
        &mut transaction,
        team_id,
        leads,
        profile.id,
        now,
    )
    .await?;
    transaction.commit().await?;
    server::announce_work(&state, team_id, owned.iter().map(|(user, _)| *user)).await;
    Ok(outcome)
}

#[cfg(feature = "ssr")]
pub(crate) mod server {
    //! The steps both server functions share, kept out of their bodies.

    use super::*;
    use crate::domain::distribution::RepLoad;
    use crate::domain::distribution::distribute;
    use crate::domain::lead_import::{
        ChoiceWords, IdentityKey, ImportPlan, RowReading, guess_mapping, identity_keys,
        plan_import, read_row, settle_mapping,
    };
    use crate::domain::validation::{FieldErrors, FieldProblem};
    use crate::domain::{CustomerKind, Locale};
    use crate::i18n::Label;
    use crate::import_file::{Table, read_table, rejected_rows_csv};
    use crate::store::lead_import::Assignment;
    use base64::Engine;

    /// Tells the live listeners that these people's leads changed (once each).
    pub async fn announce_work(
        state: &crate::api::context::ServerState,
        team_id: crate::domain::TeamId,
        people: impl IntoIterator<Item = UserId>,
    ) {
        let mut people: Vec<UserId> = people.into_iter().collect();
        people.sort();
        people.dedup();
        for user_id in people {
            crate::api::context::announce(
                state,
                crate::sync::live::LiveEventKind::Work,
                crate::domain::access::Owner {
                    user_id,
                    team_id: Some(team_id),
                },
            )
            .await;
        }
    }

    fn refuse(field: &str, problem: FieldProblem) -> AppError {
        let mut errors = FieldErrors::default();
        errors.add(field, problem);
        AppError::Invalid(errors)
    }

    fn both_labels<T: Label>(value: T) -> Vec<&'static str> {
        vec![value.label(Locale::En), value.label(Locale::Fa)]
    }

    /// The uploaded file, read, with the mapping and reading rules settled.
    pub(crate) struct ReadFile {
        pub table: Table,
        pub mapping: Vec<Option<LeadColumn>>,
        pub reading: RowReading,
    }

    impl ReadFile {
        pub fn new(import: &LeadImport) -> Result<Self, AppError> {
            use crate::domain::lead_import::FileProblem;
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(import.file.trim())
                .map_err(|_| {
                    refuse(
                        "file",
                        FieldProblem::BadFile {
                            file: FileProblem::Unreadable,
                        },
                    )
                })?;
            let table = read_table(&bytes)
                .map_err(|file| refuse("file", FieldProblem::BadFile { file }))?;
            let mapping = match &import.mapping {
                Some(chosen) => settle_mapping(chosen, table.headers.len()),
                None => guess_mapping(&table.headers),
            };
            if !mapping.contains(&Some(LeadColumn::Name)) {
                return Err(refuse("mapping", FieldProblem::Required));
            }
            Ok(Self {
                table,
                mapping,
                reading: RowReading {
                    stages: ChoiceWords::new(both_labels::<LeadStage>),
                    sources: ChoiceWords::new(both_labels::<LeadSource>),
                    customer_kinds: ChoiceWords::new(both_labels::<CustomerKind>),
                    currency: import.currency,
                },
            })
        }

        /// The phones and e-mails of every row that reads as a lead.
        pub fn identity_keys(&self) -> Vec<IdentityKey> {
            self.table
                .rows
                .iter()
                .filter_map(|row| read_row(row, &self.mapping, &self.reading).ok())
                .flat_map(|lead| identity_keys(&lead))
                .collect()
        }

        pub fn plan(&self, is_taken: impl Fn(&IdentityKey) -> bool) -> ImportPlan {
            plan_import(&self.table.rows, &self.mapping, &self.reading, is_taken)
        }
    }

    /// A refused row's problems in one line of the reader's language.
    fn reason(locale: Locale, problems: &[RowProblem]) -> String {
        problems
            .iter()
            .map(|problem| crate::i18n::lead_import::row_problem_message(locale, problem))
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn refused_csv(reading: &ReadFile, plan: &ImportPlan, locale: Locale) -> String {
        let rows: Vec<_> = plan
            .rejected
            .iter()
            .map(|(row, problems)| (row.clone(), reason(locale, problems)))
            .collect();
        rejected_rows_csv(&reading.table.headers, &rows)
    }

    pub fn preview(
        reading: &ReadFile,
        plan: &ImportPlan,
        reps: Vec<RepLoad>,
        locale: Locale,
    ) -> ImportPreview {
        ImportPreview {
            headers: reading.table.headers.clone(),
            mapping: reading.mapping.clone(),
            accepted: plan.accepted.len(),
            sample: plan
                .accepted
                .iter()
                .take(PREVIEW_ROWS)
                .map(|row| PreviewLead {
                    line: row.line,
                    name: row.lead.name.clone(),
                    company: row.lead.company.clone(),
                    phone: row.lead.phone.clone(),
                    email: row.lead.email.clone(),
                    stage: row.lead.stage,
                    source: row.lead.source,
                    estimated_value: row.lead.estimated_value,
                    currency: row.lead.currency,
                })
                .collect(),
            refused: plan.rejected.len(),
            refused_rows: plan
                .rejected
                .iter()
                .take(PREVIEW_ROWS)
                .map(|(row, problems)| RefusedRow {
                    line: row.line,
                    cells: row
                        .cells
                        .iter()
                        .take(4)
                        .map(|cell| cell.chars().take(60).collect())
                        .collect(),
                    problems: problems.clone(),
                })
                .collect(),
            refused_csv: refused_csv(reading, plan, locale),
            reps,
        }
    }

    /// The owner of each accepted row, in order, and the rule that chose
    /// them; refused when a chosen rep is not one of the team's reps.
    pub fn owners_for(
        owners: &ImportOwners,
        reps: &[RepLoad],
        count: usize,
        last_turn: Option<UserId>,
    ) -> Result<Vec<(UserId, Option<DistributionRule>)>, AppError> {
        let is_rep = |user: &UserId| reps.iter().any(|rep| rep.user_id == *user);
        match owners {
            ImportOwners::Rep { user_id } => {
                if !is_rep(user_id) {
                    return Err(refuse("owners", FieldProblem::NotAllowed));
                }
                Ok(vec![(*user_id, None); count])
            }
            ImportOwners::Shared { rule, reps: chosen } => {
                if chosen.is_empty() {
                    return Err(refuse("owners", FieldProblem::Required));
                }
                if !chosen.iter().all(is_rep) {
                    return Err(refuse("owners", FieldProblem::NotAllowed));
                }
                let candidates = crate::store::lead_import::candidates(reps, chosen);
                let owners = distribute(count, &candidates, *rule, last_turn);
                if owners.is_empty() && count > 0 {
                    return Err(refuse("owners", FieldProblem::NobodyPresent));
                }
                Ok(owners.into_iter().map(|user| (user, Some(*rule))).collect())
            }
        }
    }

    /// How many leads each rep received, by name (reps who got none left
    /// out), for the "17 leads imported: Reza 9, Sara 8." line.
    pub fn per_rep(
        reps: &[RepLoad],
        receivers: impl Iterator<Item = UserId>,
    ) -> Vec<(String, usize)> {
        let receivers: Vec<UserId> = receivers.collect();
        reps.iter()
            .map(|rep| {
                let count = receivers
                    .iter()
                    .filter(|user| **user == rep.user_id)
                    .count();
                (rep.display_name.clone(), count)
            })
            .filter(|(_, count)| *count > 0)
            .collect()
    }

    pub fn outcome(
        reading: &ReadFile,
        plan: &ImportPlan,
        owned: &[(UserId, Option<DistributionRule>)],
        reps: &[RepLoad],
        locale: Locale,
    ) -> ImportOutcome {
        ImportOutcome {
            imported: owned.len(),
            per_rep: per_rep(reps, owned.iter().map(|(user, _)| *user)),
            refused: plan.rejected.len(),
            refused_csv: refused_csv(reading, plan, locale),
        }
    }

    /// The accepted rows as new leads with fresh ids and their owners.
    pub fn new_leads(
        plan: &ImportPlan,
        owned: &[(UserId, Option<DistributionRule>)],
        now: chrono::DateTime<chrono::Utc>,
    ) -> Vec<(crate::store::checked::NewLead, Assignment)> {
        plan.accepted
            .iter()
            .zip(owned)
            .map(|(row, (owner, rule))| {
                let mut lead = row.lead.clone();
                lead.id = crate::domain::LeadId(uuid::Uuid::now_v7());
                lead.owner_id = Some(*owner);
                let closed_at =
                    crate::domain::lead::closed_at_after(None, lead.stage, lead.closed_on, now);
                let assignment = Assignment {
                    lead_id: lead.id,
                    from_user: None,
                    to_user: *owner,
                    rule: *rule,
                };
                (
                    crate::store::checked::NewLead { lead, closed_at },
                    assignment,
                )
            })
            .collect()
    }
}
