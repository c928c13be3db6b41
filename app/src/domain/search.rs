//! Finding and ordering leads on the device: search that treats the Arabic
//! and Persian forms of a letter or digit as the same (a rep types `ی` where
//! the record has `ي`, or `0912` where it has `۰۹۱۲`), filters, and sorts.
//! Pure, so the leads screen stays instant on thousands of cached leads and
//! every rule is unit-tested.

use super::sorting::sort_by;
use super::{Activity, ActivityKind, CustomerKind, Lead, LeadId, LeadSource, LeadStage};
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// Text folded for matching: lower case; Arabic letter forms as their
/// Persian ones (ي ى → ی, ك → ک, ة → ه, أ إ آ → ا, ؤ → و); Persian and Arabic
/// digits as ASCII; diacritics, tatweel and zero-width joiners removed;
/// runs of spaces as one space.
pub fn fold_for_search(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    let mut last_was_space = true;
    for character in text.chars() {
        let mapped = match character {
            'ي' | 'ى' | 'ئ' => 'ی',
            'ك' => 'ک',
            'ة' => 'ه',
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ؤ' => 'و',
            '۰'..='۹' => char::from(b'0' + (character as u32 - '۰' as u32) as u8),
            '٠'..='٩' => char::from(b'0' + (character as u32 - '٠' as u32) as u8),
            // Diacritics (harakat), tatweel, zero-width (non-)joiners.
            '\u{064B}'..='\u{065F}' | '\u{0670}' | 'ـ' | '\u{200C}' | '\u{200D}' => continue,
            other if other.is_whitespace() => ' ',
            other => other,
        };
        if mapped == ' ' {
            if !last_was_space {
                folded.push(' ');
            }
            last_was_space = true;
            continue;
        }
        last_was_space = false;
        super::letter_case::push_letter(&mut folded, mapped);
    }
    if folded.ends_with(' ') {
        folded.pop();
    }
    folded
}

/// Only the digits of a text (after folding), for phone numbers typed with
/// spaces, dashes or a different digit script.
fn digits_only(text: &str) -> String {
    fold_for_search(text)
        .chars()
        .filter(char::is_ascii_digit)
        .collect()
}

/// What the leads screen asks for: a search text and optional filters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LeadFilter {
    pub query: String,
    pub stage: Option<LeadStage>,
    pub source: Option<LeadSource>,
    pub customer_kind: Option<CustomerKind>,
}

/// The orders a rep can list leads in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LeadOrder {
    /// Most recently changed first.
    #[default]
    RecentlyUpdated,
    /// Highest estimated value first (within a currency, then by currency).
    HighestValue,
    /// Most recent activity first; leads never worked on last.
    LastActivity,
    /// Soonest open follow-up (task) first; leads with none last.
    NextFollowUp,
}

impl LeadOrder {
    pub const ALL: [LeadOrder; 4] = [
        LeadOrder::RecentlyUpdated,
        LeadOrder::HighestValue,
        LeadOrder::LastActivity,
        LeadOrder::NextFollowUp,
    ];

    /// The spelling used in the screen's select and its address.
    pub fn as_str(self) -> &'static str {
        match self {
            LeadOrder::RecentlyUpdated => "updated",
            LeadOrder::HighestValue => "value",
            LeadOrder::LastActivity => "last_activity",
            LeadOrder::NextFollowUp => "next_follow_up",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|order| order.as_str() == text)
    }
}

/// A lead as the list shows it, with the activity facts it sorts by.
#[derive(Clone, Debug, PartialEq)]
pub struct LeadRow {
    pub lead: Lead,
    /// When something last happened on the lead (a logged activity or a done task).
    pub last_activity_at: Option<DateTime<Utc>>,
    /// The earliest open task's due time.
    pub next_follow_up: Option<DateTime<Utc>>,
}

/// When a lead was last worked on, and its soonest open follow-up.
#[derive(Clone, Copy, Debug, Default)]
struct ActivityFacts {
    last_activity_at: Option<DateTime<Utc>>,
    next_follow_up: Option<DateTime<Utc>>,
}

/// The last activity and next open follow-up of every lead, in one pass.
fn activity_facts(activities: &[Activity]) -> HashMap<LeadId, ActivityFacts> {
    let mut facts: HashMap<LeadId, ActivityFacts> = HashMap::new();
    for activity in activities.iter().filter(|activity| !activity.deleted) {
        let Some(lead_id) = activity.lead_id else {
            continue;
        };
        let entry = facts.entry(lead_id).or_default();
        let open_task = activity.kind == ActivityKind::Task && activity.done_at.is_none();
        if open_task {
            if let Some(due) = activity.due_at {
                entry.next_follow_up =
                    Some(entry.next_follow_up.map_or(due, |known| known.min(due)));
            }
        } else if let Some(happened) = activity.occurred_at.or(activity.done_at) {
            entry.last_activity_at = Some(
                entry
                    .last_activity_at
                    .map_or(happened, |known| known.max(happened)),
            );
        }
    }
    facts
}

/// Whether a lead matches every word of the search (in its name, company,
/// e-mail or phone); a word of digits also matches the phone ignoring
/// spaces and digit script.
fn matches(lead: &Lead, words: &[String]) -> bool {
    if words.is_empty() {
        return true;
    }
    let haystack = fold_for_search(&format!(
        "{} {} {} {}",
        lead.name, lead.company, lead.email, lead.phone
    ));
    let phone = digits_only(&lead.phone);
    words.iter().all(|word| {
        haystack.contains(word.as_str())
            || (word.chars().all(|c| c.is_ascii_digit()) && phone.contains(word.as_str()))
    })
}

/// The leads to show for a filter, in the chosen order.
pub fn lead_list(
    leads: &[Lead],
    activities: &[Activity],
    filter: &LeadFilter,
    order: LeadOrder,
) -> Vec<LeadRow> {
    let folded_query = fold_for_search(&filter.query);
    // Digits typed with spaces ("0912 111") are one phone fragment.
    let words: Vec<String> = if !folded_query.is_empty()
        && folded_query
            .chars()
            .all(|c| c.is_ascii_digit() || c == ' ' || c == '-' || c == '+')
    {
        vec![digits_only(&folded_query)]
    } else {
        folded_query.split(' ').map(str::to_string).collect()
    };
    let words: Vec<String> = words.into_iter().filter(|word| !word.is_empty()).collect();
    let facts = activity_facts(activities);
    let mut rows: Vec<LeadRow> = leads
        .iter()
        .filter(|lead| !lead.deleted)
        .filter(|lead| filter.stage.is_none_or(|stage| lead.stage == stage))
        .filter(|lead| filter.source.is_none_or(|source| lead.source == source))
        .filter(|lead| {
            filter
                .customer_kind
                .is_none_or(|kind| lead.customer_kind == kind)
        })
        .filter(|lead| matches(lead, &words))
        .map(|lead| {
            let found = facts.get(&lead.id).copied().unwrap_or_default();
            LeadRow {
                lead: lead.clone(),
                last_activity_at: found.last_activity_at,
                next_follow_up: found.next_follow_up,
            }
        })
        .collect();
    let newest_first = |a: &LeadRow, b: &LeadRow| {
        b.lead
            .updated_at
            .cmp(&a.lead.updated_at)
            .then(a.lead.id.cmp(&b.lead.id))
    };
    match order {
        LeadOrder::RecentlyUpdated => sort_by(&mut rows, newest_first),
        LeadOrder::HighestValue => sort_by(&mut rows, |a, b| {
            b.lead
                .estimated_value
                .cmp(&a.lead.estimated_value)
                .then(newest_first(a, b))
        }),
        // `None` sorts last in both: a missing date is never "most recent"
        // nor "soonest".
        LeadOrder::LastActivity => sort_by(&mut rows, |a, b| {
            match (a.last_activity_at, b.last_activity_at) {
                (Some(x), Some(y)) => y.cmp(&x),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            }
            .then(newest_first(a, b))
        }),
        LeadOrder::NextFollowUp => sort_by(&mut rows, |a, b| {
            match (a.next_follow_up, b.next_follow_up) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            }
            .then(newest_first(a, b))
        }),
    }
    rows
}

/// Leads (other than `except`) that look like the same customer: the same
/// phone number (digits only, any digit script, at least 7 digits) or the
/// same e-mail (ignoring case). Shown while a new lead is typed, so the rep
/// can open the existing one instead of creating a duplicate.
pub fn possible_duplicates<'a>(
    leads: &'a [Lead],
    phone: &str,
    email: &str,
    except: LeadId,
) -> Vec<&'a Lead> {
    let phone = digits_only(phone);
    let email = super::letter_case::lower_case(email.trim());
    let phone_matches = |lead: &Lead| phone.len() >= 7 && digits_only(&lead.phone) == phone;
    let email_matches = |lead: &Lead| {
        !email.is_empty() && super::letter_case::lower_case(lead.email.trim()) == email
    };
    leads
        .iter()
        .filter(|lead| lead.id != except && !lead.deleted)
        .filter(|lead| phone_matches(lead) || email_matches(lead))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ActivityId, Currency, Tactic, UserId};
    use chrono::TimeZone;

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, day, 9, 0, 0)
            .single()
            .unwrap_or_default()
    }

    fn lead(name: &str, phone: &str, value: i64, updated: u32) -> Lead {
        Lead {
            event_id: None,
            id: LeadId::new(),
            owner_id: UserId::new(),
            owner_name: "Sara".into(),
            name: name.into(),
            company: String::new(),
            phone: phone.into(),
            email: String::new(),
            source: LeadSource::Referral,
            stage: LeadStage::New,
            estimated_value: value,
            currency: Currency::Usd,
            customer_kind: CustomerKind::New,
            won_amount: None,
            closed_at: None,
            lost_reason: String::new(),
            created_at: at(1),
            updated_at: at(updated),
            version: 1,
            deleted: false,
        }
    }

    fn activity(lead_id: LeadId, kind: ActivityKind, day: u32, done: bool) -> Activity {
        let is_task = kind == ActivityKind::Task;
        Activity {
            id: ActivityId::new(),
            lead_id: Some(lead_id),
            lead_name: None,
            owner_id: UserId::new(),
            owner_name: "Sara".into(),
            kind,
            tactic: Tactic::ColdCall,
            outcome: None,
            occurred_at: (!is_task).then(|| at(day)),
            due_at: is_task.then(|| at(day)),
            done_at: done.then(|| at(day)),
            duration_minutes: None,
            notes: String::new(),
            created_at: at(day),
            updated_at: at(day),
            version: 1,
            deleted: false,
        }
    }

    fn names(rows: &[LeadRow]) -> Vec<&str> {
        rows.iter().map(|row| row.lead.name.as_str()).collect()
    }

    fn search(leads: &[Lead], query: &str) -> Vec<String> {
        let filter = LeadFilter {
            query: query.into(),
            ..LeadFilter::default()
        };
        lead_list(leads, &[], &filter, LeadOrder::RecentlyUpdated)
            .into_iter()
            .map(|row| row.lead.name)
            .collect()
    }

    #[test]
    fn arabic_and_persian_letters_and_digits_fold_to_one_form() {
        assert_eq!(fold_for_search("علي كريمي"), "علی کریمی");
        assert_eq!(fold_for_search("۰۹۱۲ ٣٤٥"), "0912 345");
        assert_eq!(fold_for_search("  Pars\u{200C}Tile   CO "), "parstile co");
        assert_eq!(fold_for_search("مُحَمَّد"), "محمد");
        assert_eq!(fold_for_search("مـــهر"), "مهر");
    }

    #[test]
    fn search_matches_across_scripts_and_every_word() {
        let leads = [
            lead("علي كريمي", "09121112233", 100, 1),
            lead("Pars Tile", "۰۹۳۵ ۰۰۰ ۱۱۲۲", 200, 2),
        ];
        assert_eq!(search(&leads, "علی"), ["علي كريمي"]);
        assert_eq!(search(&leads, "کریمی علی"), ["علي كريمي"]);
        assert_eq!(search(&leads, "۰۹۱۲"), ["علي كريمي"]);
        assert_eq!(search(&leads, "0935 000"), ["Pars Tile"]);
        assert_eq!(search(&leads, "pars"), ["Pars Tile"]);
        assert_eq!(search(&leads, "pars karimi"), Vec::<String>::new());
        assert_eq!(search(&leads, "   ").len(), 2);
    }

    #[test]
    fn filters_combine() {
        let mut won = lead("Won one", "", 100, 1);
        won.stage = LeadStage::Won;
        let mut existing = lead("Existing", "", 100, 2);
        existing.customer_kind = CustomerKind::Existing;
        existing.source = LeadSource::Event;
        let mut gone = lead("Deleted", "", 100, 3);
        gone.deleted = true;
        let leads = [won, existing, gone, lead("Plain", "", 100, 4)];
        let list = |filter: LeadFilter| {
            names(&lead_list(&leads, &[], &filter, LeadOrder::RecentlyUpdated))
                .into_iter()
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            list(LeadFilter::default()),
            ["Plain", "Existing", "Won one"]
        );
        assert_eq!(
            list(LeadFilter {
                stage: Some(LeadStage::Won),
                ..LeadFilter::default()
            }),
            ["Won one"]
        );
        assert_eq!(
            list(LeadFilter {
                source: Some(LeadSource::Event),
                customer_kind: Some(CustomerKind::Existing),
                ..LeadFilter::default()
            }),
            ["Existing"]
        );
        assert!(
            list(LeadFilter {
                source: Some(LeadSource::Event),
                customer_kind: Some(CustomerKind::New),
                ..LeadFilter::default()
            })
            .is_empty()
        );
    }

    #[test]
    fn orders_by_value_last_activity_and_next_follow_up() {
        let quiet = lead("Quiet", "", 500, 9);
        let busy = lead("Busy", "", 100, 1);
        let planned = lead("Planned", "", 300, 2);
        let activities = [
            activity(busy.id, ActivityKind::Call, 20, false),
            activity(busy.id, ActivityKind::Meeting, 5, false),
            activity(planned.id, ActivityKind::Call, 10, false),
            activity(planned.id, ActivityKind::Task, 28, false),
            activity(busy.id, ActivityKind::Task, 30, false),
            // A done task counts as activity, not as a follow-up.
            activity(quiet.id, ActivityKind::Task, 3, true),
        ];
        let leads = [quiet, busy, planned];
        let ordered = |order| {
            names(&lead_list(
                &leads,
                &activities,
                &LeadFilter::default(),
                order,
            ))
            .into_iter()
            .map(str::to_string)
            .collect::<Vec<_>>()
        };
        assert_eq!(
            ordered(LeadOrder::HighestValue),
            ["Quiet", "Planned", "Busy"]
        );
        assert_eq!(
            ordered(LeadOrder::LastActivity),
            ["Busy", "Planned", "Quiet"]
        );
        assert_eq!(
            ordered(LeadOrder::NextFollowUp),
            ["Planned", "Busy", "Quiet"]
        );
        assert_eq!(
            ordered(LeadOrder::RecentlyUpdated),
            ["Quiet", "Planned", "Busy"]
        );
        let rows = lead_list(
            &leads,
            &activities,
            &LeadFilter::default(),
            LeadOrder::NextFollowUp,
        );
        assert_eq!(
            (rows[0].last_activity_at, rows[0].next_follow_up),
            (Some(at(10)), Some(at(28)))
        );
    }

    #[test]
    fn an_order_survives_its_spelling() {
        for order in LeadOrder::ALL {
            assert_eq!(LeadOrder::parse(order.as_str()), Some(order));
        }
        assert_eq!(LeadOrder::parse("nonsense"), None);
    }

    #[test]
    fn duplicates_are_found_by_phone_in_any_script_or_by_email() {
        let mut with_email = lead("Pars Tile", "", 100, 1);
        with_email.email = "Buyer@ParsTile.ir".into();
        let mut gone = lead("Deleted", "09121112233", 100, 1);
        gone.deleted = true;
        let leads = [lead("Sara", "09121112233", 100, 1), with_email, gone];
        let found = |phone: &str, email: &str, except: LeadId| {
            possible_duplicates(&leads, phone, email, except)
                .into_iter()
                .map(|lead| lead.name.as_str())
                .collect::<Vec<_>>()
        };
        let new_id = LeadId::new();
        assert_eq!(found("۰۹۱۲ ۱۱۱ ۲۲۳۳", "", new_id), ["Sara"]);
        assert_eq!(found("", " buyer@parstile.IR ", new_id), ["Pars Tile"]);
        assert!(
            found("0912", "", new_id).is_empty(),
            "too short to mean anything"
        );
        assert!(
            found("09121112233", "", leads[0].id).is_empty(),
            "a lead is not its own duplicate"
        );
        assert!(found("", "", new_id).is_empty());
    }
}
