//! The lead pool and web-to-lead forms: contacts that came in but belong to
//! nobody yet (a submission of a team's public form), waiting for a manager
//! to hand them out or for a rep of the team to claim them. Pure: what a
//! submission and a form may be, and the lead a pool contact becomes.

use super::lead::{CustomerKind, LeadSource, LeadStage, ValidLead};
use super::validation::{
    FieldErrors, FieldProblem, MAX_NAME, optional_email, optional_phone, optional_text,
    required_text,
};
use super::{Currency, LeadId, PoolLeadId, UserId, WebFormId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The longest message a visitor may leave on a web form.
pub const MAX_MESSAGE: usize = 2000;
/// The most pool contacts one action hands out, claims or discards.
pub const MAX_POOL_ACTION: usize = 1000;

/// A contact in the pool, as a manager (or a rep who may claim) sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PoolLead {
    pub id: PoolLeadId,
    pub name: String,
    pub company: String,
    pub phone: String,
    pub email: String,
    pub message: String,
    /// The title of the form it came through.
    pub form_title: Option<String>,
    #[cfg_attr(
        feature = "ssr",
        sqlx(try_from = "crate::store::columns::StoredInstant")
    )]
    #[serde(with = "crate::domain::wire_time::instant")]
    pub received_at: DateTime<Utc>,
    /// The name of a live lead of the team with the same phone or e-mail:
    /// probably the same customer, already someone's.
    pub same_as: Option<String>,
}

/// What a visitor types into a team's public form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebFormSubmission {
    pub name: String,
    pub company: String,
    pub phone: String,
    pub email: String,
    pub message: String,
    /// A field people never see filled (it is labelled "leave empty"):
    /// programs that fill every field give themselves away.
    #[serde(default)]
    pub leave_empty: String,
}

/// A submission that passed every check, ready for the pool.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidSubmission {
    pub name: String,
    pub company: String,
    pub phone: String,
    pub email: String,
    pub message: String,
}

impl WebFormSubmission {
    /// Checks each field; a phone or an e-mail is needed to reach the person.
    pub fn validate(&self) -> Result<ValidSubmission, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = errors.check("name", required_text(&self.name, MAX_NAME));
        let company = errors.check("company", optional_text(&self.company, MAX_NAME));
        let phone = errors.check("phone", optional_phone(&self.phone));
        let email = errors.check("email", optional_email(&self.email));
        let message = errors.check("message", optional_text(&self.message, MAX_MESSAGE));
        if !self.leave_empty.is_empty() {
            errors.add("leave_empty", FieldProblem::MustBeEmpty);
        }
        if let (Some(phone), Some(email)) = (&phone, &email)
            && phone.is_empty()
            && email.is_empty()
        {
            errors.add("phone", FieldProblem::PhoneOrEmailRequired);
        }
        match (name, company, phone, email, message) {
            (Some(name), Some(company), Some(phone), Some(email), Some(message))
                if errors.is_empty() =>
            {
                Ok(ValidSubmission {
                    name,
                    company,
                    phone,
                    email,
                    message,
                })
            }
            _ => Err(errors),
        }
    }
}

/// A team's public form as its manager sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct WebForm {
    pub id: WebFormId,
    pub title: String,
    /// The secret part of the form's address (`/form/<token>`).
    pub token: String,
    #[cfg_attr(
        feature = "ssr",
        sqlx(try_from = "crate::store::columns::StoredInstant")
    )]
    #[serde(with = "crate::domain::wire_time::instant")]
    pub created_at: DateTime<Utc>,
    #[cfg_attr(
        feature = "ssr",
        sqlx(try_from = "crate::store::columns::OptionalInstant")
    )]
    #[serde(default, with = "crate::domain::wire_time::optional_instant")]
    pub revoked_at: Option<DateTime<Utc>>,
    /// Submissions received, and how many still wait in the pool.
    #[cfg_attr(feature = "ssr", sqlx(try_from = "crate::store::columns::StoredCount"))]
    pub received: u64,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "crate::store::columns::StoredCount"))]
    pub waiting: u64,
}

/// What a visitor of a form's address is shown about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicWebForm {
    pub title: String,
    pub team_name: String,
}

/// Checks a form's title (what visitors read as its heading).
pub fn form_title(title: &str) -> Result<String, FieldErrors> {
    let mut errors = FieldErrors::default();
    match errors.check("title", required_text(title, MAX_NAME)) {
        Some(title) if errors.is_empty() => Ok(title),
        _ => Err(errors),
    }
}

/// The lead a pool contact becomes when it gets an owner: a new lead from
/// the website, with no value yet (the rep estimates it once they talk).
pub fn lead_from_pool(contact: &PoolLead, owner: UserId, currency: Currency) -> ValidLead {
    ValidLead {
        event_id: None,
        id: LeadId::new(),
        owner_id: Some(owner),
        name: contact.name.clone(),
        company: contact.company.clone(),
        phone: contact.phone.clone(),
        email: contact.email.clone(),
        source: LeadSource::Website,
        stage: LeadStage::New,
        estimated_value: 0,
        currency,
        customer_kind: CustomerKind::New,
        won_amount: None,
        lost_reason: String::new(),
        closed_on: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn submission() -> WebFormSubmission {
        WebFormSubmission {
            name: "  Reza Karimi ".into(),
            company: "Pars Tile".into(),
            phone: "۰۹۱۲ ۱۱۱ ۲۲۲۲".into(),
            email: String::new(),
            message: "Please call me about 200 m² of tiles.".into(),
            leave_empty: String::new(),
        }
    }

    fn fields(errors: FieldErrors) -> Vec<(String, FieldProblem)> {
        errors
            .0
            .into_iter()
            .map(|error| (error.field, error.problem))
            .collect()
    }

    #[test]
    fn a_good_submission_is_trimmed_and_its_phone_normalised() {
        let valid = submission().validate().expect("valid");
        assert_eq!(valid.name, "Reza Karimi");
        assert_eq!(valid.phone, "09121112222");
    }

    #[test]
    fn every_bad_field_is_named_and_a_filled_trap_field_refuses_the_submission() {
        let mut bad = submission();
        bad.name = String::new();
        bad.email = "not an e-mail".into();
        bad.message = "x".repeat(MAX_MESSAGE + 1);
        bad.leave_empty = "https://spam.example".into();
        let problems = fields(bad.validate().expect_err("refused"));
        let named: Vec<&str> = problems.iter().map(|(field, _)| field.as_str()).collect();
        assert_eq!(named, vec!["name", "email", "message", "leave_empty"]);
        assert!(problems.contains(&("leave_empty".into(), FieldProblem::MustBeEmpty)));
    }

    #[test]
    fn a_way_to_reach_the_person_is_needed() {
        let mut silent = submission();
        silent.phone = String::new();
        assert_eq!(
            fields(silent.validate().expect_err("refused")),
            vec![("phone".into(), FieldProblem::PhoneOrEmailRequired)]
        );
        silent.email = "reza@example.com".into();
        assert!(silent.validate().is_ok());
    }

    #[test]
    fn a_pool_contact_becomes_a_new_website_lead_of_its_owner() {
        let owner = UserId::new();
        let contact = PoolLead {
            id: PoolLeadId::new(),
            name: "Reza".into(),
            company: "Pars".into(),
            phone: "09121112222".into(),
            email: String::new(),
            message: "hello".into(),
            form_title: Some("Contact us".into()),
            received_at: DateTime::UNIX_EPOCH,
            same_as: None,
        };
        let lead = lead_from_pool(&contact, owner, Currency::Irr);
        assert_eq!(
            (lead.owner_id, lead.source, lead.stage, lead.estimated_value),
            (Some(owner), LeadSource::Website, LeadStage::New, 0)
        );
        assert_eq!(
            (lead.name.as_str(), lead.phone.as_str()),
            ("Reza", "09121112222")
        );
    }

    #[test]
    fn a_form_needs_a_title() {
        assert_eq!(form_title("  Contact us "), Ok("Contact us".into()));
        assert!(form_title("   ").is_err());
    }
}
