//! The lead pool and web-to-lead forms. A team's manager (or an admin, for
//! any team) makes public forms, reads what comes in, hands waiting contacts
//! to reps by the import's rules or sets them aside, and decides whether the
//! team's reps may claim them; a rep of the team claims one when allowed.
//! Anyone may open a form's address and send it, within rate limits.

use crate::api::lead_import::ImportOwners;
use crate::api::lead_share::ShareOutcome;
use crate::domain::pool::{PoolLead, PublicWebForm, WebForm, WebFormSubmission};
use crate::domain::team_dashboard::TeamChoice;
use crate::domain::{PoolLeadId, TeamId, WebFormId};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

/// The pool screen: what waits, and what the reader may do with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoolView {
    pub team_id: TeamId,
    pub team_name: String,
    /// The oldest waiting contacts (all of them up to a page); empty for a
    /// rep whose team keeps the pool to the manager.
    pub leads: Vec<PoolLead>,
    /// How many wait in all.
    pub waiting: u64,
    pub reps_may_claim: bool,
    /// How new web form contacts are shared as they arrive (`None`: they
    /// wait here).
    #[serde(default)]
    pub web_form_rule: Option<crate::domain::distribution::DistributionRule>,
    /// The reader manages the team: hands out, discards, keeps the forms.
    pub manages: bool,
    /// The team's reps who can receive leads (for a manager).
    pub reps: Vec<crate::domain::distribution::RepLoad>,
    /// The teams an admin may switch to.
    pub teams: Vec<TeamChoice>,
}

/// The team's pool as the reader may see it.
#[server(endpoint = "pool/list", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn list_pool(team_id: Option<TeamId>) -> Result<PoolView, AppError> {
    let (state, profile) = crate::api::context::signed_in().await?;
    pool_of(&state, &profile, team_id).await
}

/// The pool of the reader's team (or an admin's choice of team): shared by
/// `list_pool` and the first screen the server draws for `/pool`.
#[cfg(feature = "ssr")]
pub async fn pool_of(
    state: &crate::api::context::ServerState,
    profile: &crate::domain::UserProfile,
    team_id: Option<TeamId>,
) -> Result<PoolView, AppError> {
    let (team_id, team_name) = server::pool_team(state, profile, team_id).await?;
    let manages = crate::api::context::actor(profile).can_manage_team(team_id);
    let reps_may_claim = state.store.reps_may_claim(team_id).await?;
    let (leads, waiting) = if manages || reps_may_claim {
        state.store.waiting_pool(team_id).await?
    } else {
        (Vec::new(), 0)
    };
    Ok(PoolView {
        team_id,
        team_name,
        leads,
        waiting,
        reps_may_claim,
        web_form_rule: state
            .store
            .web_form_auto_share(team_id)
            .await?
            .map(|(rule, _)| rule),
        manages,
        reps: if manages {
            state.store.rep_loads(team_id).await?
        } else {
            Vec::new()
        },
        teams: server::team_choices(state, profile).await?,
    })
}

/// Hands waiting contacts of the team to one rep or shares them among the
/// chosen reps by a rule: each becomes a new lead of its rep (from the
/// website, logged on its timeline) that reaches the rep's devices on
/// their next sync. Every contact and rep is checked before the first write.
#[server(endpoint = "pool/give", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn give_pool_leads(
    team_id: TeamId,
    ids: Vec<PoolLeadId>,
    owners: ImportOwners,
) -> Result<ShareOutcome, AppError> {
    use crate::store::lead_import::{Assignment, last_round_robin_turn_in, rep_loads_in};
    let (state, profile) = server::managing(team_id).await?;
    server::check_action_size(&ids)?;
    let now = chrono::Utc::now();
    let mut transaction = state.store.write().await?;
    let contacts = crate::store::pool::waiting_pool_leads_in(&mut transaction, team_id, &ids)
        .await?
        .ok_or(AppError::Forbidden)?;
    let reps = rep_loads_in(&mut transaction, team_id).await?;
    let last_turn = last_round_robin_turn_in(&mut transaction, team_id).await?;
    let owned =
        crate::api::lead_import::server::owners_for(&owners, &reps, contacts.len(), last_turn)?;
    let handed: Vec<_> = contacts
        .into_iter()
        .zip(owned.iter().copied())
        .map(|(contact, (to_user, rule))| {
            let assignment = Assignment {
                lead_id: crate::domain::LeadId::new(),
                from_user: None,
                to_user,
                rule,
            };
            (contact, assignment)
        })
        .collect();
    crate::store::pool::give_pool_leads_in(&mut transaction, team_id, handed, profile.id, now)
        .await?;
    transaction.commit().await?;
    crate::api::lead_import::server::announce_work(
        &state,
        team_id,
        owned.iter().map(|(user, _)| *user),
    )
    .await;
    Ok(ShareOutcome {
        assigned: owned.len(),
        per_rep: crate::api::lead_import::server::per_rep(
            &reps,
            owned.iter().map(|(user, _)| *user),
        ),
    })
}

/// A rep takes waiting contacts of their own team as their leads, when the
/// team's manager allows it.
#[server(endpoint = "pool/claim", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn claim_pool_leads(ids: Vec<PoolLeadId>) -> Result<usize, AppError> {
    use crate::domain::Role;
    use crate::store::lead_import::Assignment;
    let (state, profile) = crate::api::context::signed_in().await?;
    let team_id = profile.team_id.ok_or(AppError::Forbidden)?;
    if profile.role != Role::Rep {
        // Managers hand leads out; they do not claim them.
        return Err(AppError::Forbidden);
    }
    server::check_action_size(&ids)?;
    let now = chrono::Utc::now();
    let mut transaction = state.store.write().await?;
    if !crate::store::pool::reps_may_claim_in(&mut transaction, team_id).await? {
        return Err(AppError::Forbidden);
    }
    let contacts = crate::store::pool::waiting_pool_leads_in(&mut transaction, team_id, &ids)
        .await?
        .ok_or(AppError::NotFound)?;
    let claimed = contacts.len();
    let handed = contacts
        .into_iter()
        .map(|contact| {
            let assignment = Assignment {
                lead_id: crate::domain::LeadId::new(),
                from_user: None,
                to_user: profile.id,
                rule: None,
            };
            (contact, assignment)
        })
        .collect();
    crate::store::pool::give_pool_leads_in(&mut transaction, team_id, handed, profile.id, now)
        .await?;
    transaction.commit().await?;
    crate::api::lead_import::server::announce_work(&state, team_id, [profile.id]).await;
    Ok(claimed)
}

/// Sets waiting contacts aside (spam, a customer the team already has).
#[server(endpoint = "pool/discard", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn discard_pool_leads(team_id: TeamId, ids: Vec<PoolLeadId>) -> Result<usize, AppError> {
    let (state, profile) = server::managing(team_id).await?;
    server::check_action_size(&ids)?;
    state
        .store
        .discard_pool_leads(team_id, &ids, profile.id, chrono::Utc::now())
        .await?
        .ok_or(AppError::Forbidden)
}

/// Whether the team's reps may claim pool contacts themselves.
#[server(endpoint = "pool/settings", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn set_pool_claims(team_id: TeamId, reps_may_claim: bool) -> Result<(), AppError> {
    let (state, _) = server::managing(team_id).await?;
    Ok(state
        .store
        .set_reps_may_claim(team_id, reps_may_claim)
        .await?)
}

/// Whether each new web form contact goes straight to a rep by `rule`
/// (`None`: contacts wait in the pool for the manager).
#[server(endpoint = "pool/auto_share", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn set_web_form_auto_share(
    team_id: TeamId,
    rule: Option<crate::domain::distribution::DistributionRule>,
) -> Result<(), AppError> {
    let (state, profile) = server::managing(team_id).await?;
    Ok(state
        .store
        .set_web_form_auto_share(team_id, rule, profile.id)
        .await?)
}

/// The team's web forms, newest first.
#[server(endpoint = "web-forms/list", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn list_web_forms(team_id: TeamId) -> Result<Vec<WebForm>, AppError> {
    let (state, _) = server::managing(team_id).await?;
    Ok(state.store.web_forms(team_id).await?)
}

/// Makes a new public form for the team, with an address nobody can guess.
#[server(endpoint = "web-forms/create", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn create_web_form(team_id: TeamId, title: String) -> Result<Vec<WebForm>, AppError> {
    let (state, profile) = server::managing(team_id).await?;
    let title = crate::domain::pool::form_title(&title)?;
    let token = crate::auth::new_session_token().map_err(|error| {
        tracing::error!(%error, "no randomness for a web form's address");
        AppError::Internal
    })?;
    state
        .store
        .create_web_form(team_id, &title, &token, profile.id, chrono::Utc::now())
        .await?;
    Ok(state.store.web_forms(team_id).await?)
}

/// Stops a form of the team taking submissions (what it brought stays).
#[server(endpoint = "web-forms/revoke", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn revoke_web_form(team_id: TeamId, id: WebFormId) -> Result<Vec<WebForm>, AppError> {
    let (state, _) = server::managing(team_id).await?;
    if !state
        .store
        .revoke_web_form(team_id, id, chrono::Utc::now())
        .await?
    {
        return Err(AppError::NotFound);
    }
    Ok(state.store.web_forms(team_id).await?)
}

/// What a visitor of a form's address sees (no sign-in): its title and team.
#[server(endpoint = "web-form/read", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn read_web_form(token: String) -> Result<PublicWebForm, AppError> {
    let state = crate::api::context::state()?;
    web_form_of(&state, &token).await
}

/// A form's title and team by its address's token: shared by
/// `read_web_form` and the first screen the server draws for `/form/<token>`.
#[cfg(feature = "ssr")]
pub async fn web_form_of(
    state: &crate::api::context::ServerState,
    token: &str,
) -> Result<PublicWebForm, AppError> {
    let token = server::plausible_token(token)?;
    let (_, _, form) = state
        .store
        .public_web_form(token)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(form)
}

/// A visitor's submission: checked field by field, limited per network
/// address and per form, then put in the team's pool.
#[server(endpoint = "web-form/submit", input = Json, output = crate::sync::objects_only::ObjectsJson)]
pub async fn submit_web_form(token: String, submission: WebFormSubmission) -> Result<(), AppError> {
    use crate::api::submission_limits::PER_FORM;
    let state = crate::api::context::state()?;
    let token = server::plausible_token(&token)?;
    let (form_id, team_id, _) = state
        .store
        .public_web_form(token)
        .await?
        .ok_or(AppError::NotFound)?;
    let contact = submission.validate()?;
    let address_key = format!("address:{}", crate::api::context::client_address());
    let form_key = format!("form:{form_id}");
    state
        .submission_limits
        .try_submit(
            &state.store,
            &[
                (&address_key, state.submission_limits.per_address()),
                (&form_key, PER_FORM),
            ],
        )
        .await?;
    let now = chrono::Utc::now();
    let pool_id = state
        .store
        .add_to_pool(team_id, form_id, &contact, now)
        .await?;
    // The contact is kept: sharing it is a second step, and if it cannot
    // be done (nobody present) the contact waits in the pool.
    if let Err(error) = server::share_on_arrival(&state, team_id, pool_id, now).await {
        tracing::error!(%error, "a web form contact stays in the pool: sharing it failed");
    }
    Ok(())
}

#[cfg(feature = "ssr")]
mod server {
    use crate::api::context::{ServerState, actor, report_subject, signed_in};
    use crate::domain::team_dashboard::TeamChoice;
    use crate::domain::validation::{FieldErrors, FieldProblem};
    use crate::domain::{PoolLeadId, TeamId, UserProfile};
    use crate::error::AppError;

    /// Gives a contact that just arrived to a rep when the team's manager
    /// chose a rule for web form contacts; nothing when none was chosen or
    /// no rep is present.
    pub async fn share_on_arrival(
        state: &ServerState,
        team_id: TeamId,
        pool_id: PoolLeadId,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), sqlx::Error> {
        use crate::store::lead_import::{
            Assignment, candidates, last_round_robin_turn_in, rep_loads_in,
        };
        let Some((rule, chosen_by)) = state.store.web_form_auto_share(team_id).await? else {
            return Ok(());
        };
        let mut transaction = state.store.write().await?;
        let Some(contacts) =
            crate::store::pool::waiting_pool_leads_in(&mut transaction, team_id, &[pool_id])
                .await?
        else {
            return Ok(());
        };
        let reps = rep_loads_in(&mut transaction, team_id).await?;
        let everyone: Vec<_> = reps.iter().map(|rep| rep.user_id).collect();
        let last_turn = last_round_robin_turn_in(&mut transaction, team_id).await?;
        let owners = crate::domain::distribution::distribute(
            contacts.len(),
            &candidates(&reps, &everyone),
            rule,
            last_turn,
        );
        if owners.len() != contacts.len() {
            return Ok(());
        }
        let handed = contacts
            .into_iter()
            .zip(owners.iter().copied())
            .map(|(contact, to_user)| {
                let assignment = Assignment {
                    lead_id: crate::domain::LeadId::new(),
                    from_user: None,
                    to_user,
                    rule: Some(rule),
                };
                (contact, assignment)
            })
            .collect();
        crate::store::pool::give_pool_leads_in(&mut transaction, team_id, handed, chosen_by, now)
            .await?;
        transaction.commit().await?;
        crate::api::lead_import::server::announce_work(state, team_id, owners).await;
        Ok(())
    }

    /// The team whose pool the caller reads: their own (a rep's or a
    /// manager's), or an admin's choice.
    pub async fn pool_team(
        state: &ServerState,
        profile: &UserProfile,
        team_id: Option<TeamId>,
    ) -> Result<(TeamId, String), AppError> {
        let subject = report_subject(state, profile, team_id).await?;
        subject.team.ok_or(AppError::Forbidden)
    }

    pub async fn team_choices(
        state: &ServerState,
        profile: &UserProfile,
    ) -> Result<Vec<TeamChoice>, AppError> {
        Ok(report_subject(state, profile, None).await?.teams)
    }

    /// The caller manages the team (its manager, or an admin).
    pub async fn managing(team_id: TeamId) -> Result<(ServerState, UserProfile), AppError> {
        let (state, profile) = signed_in().await?;
        if !actor(&profile).can_manage_team(team_id) {
            return Err(AppError::Forbidden);
        }
        Ok((state, profile))
    }

    pub fn check_action_size(ids: &[PoolLeadId]) -> Result<(), AppError> {
        use crate::domain::pool::MAX_POOL_ACTION;
        let mut errors = FieldErrors::default();
        if ids.is_empty() {
            errors.add("ids", FieldProblem::Required);
        } else if ids.len() > MAX_POOL_ACTION {
            errors.add(
                "ids",
                FieldProblem::TooMany {
                    max: MAX_POOL_ACTION,
                },
            );
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(errors))
        }
    }

    /// Form addresses are what `new_session_token` makes; anything else is
    /// refused before the database is asked.
    pub fn plausible_token(token: &str) -> Result<&str, AppError> {
        let plausible = (20..=128).contains(&token.len())
            && token.bytes().all(|byte| byte.is_ascii_alphanumeric());
        if plausible {
            Ok(token)
        } else {
            Err(AppError::NotFound)
        }
    }
}
