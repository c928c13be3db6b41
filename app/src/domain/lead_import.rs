//! Bringing a list of leads in from a spreadsheet: which column holds which
//! lead field (guessed from headers in English or Persian, changeable by the
//! manager), what is wrong with each row, and which rows repeat an existing
//! lead or an earlier row of the same file. Pure: the server reads the file
//! into rows (`crate::import_file`) and asks the store which phones and
//! e-mails are taken; everything decided about a row is decided here.

use super::lead::{LeadDraft, LeadSource, LeadStage, ValidLead};
use super::money::Currency;
use super::search::fold_for_search;
use super::validation::FieldError;
use super::{Choice, LeadId, choice_enum};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

choice_enum!(
    /// A lead field a file's column can fill.
    LeadColumn {
        Name => "name",
        Company => "company",
        Phone => "phone",
        Email => "email",
        Stage => "stage",
        Source => "source",
        EstimatedValue => "estimated_value",
        Currency => "currency",
        CustomerKind => "customer_kind",
    }
);

/// The most rows one import takes; a bigger list is split by the manager.
pub const MAX_IMPORT_ROWS: usize = 50_000;
/// The most columns a file may have: a spreadsheet of leads has a dozen, so
/// thousands means the file is not what the manager thinks it is.
pub const MAX_IMPORT_COLUMNS: usize = 200;
/// The largest file accepted (bytes), before it is even read.
pub const MAX_IMPORT_FILE_BYTES: usize = 8 * 1024 * 1024;

/// Why a file could not be read at all, as the manager is told. Written
/// with its tag inside (`{"reason":"too_many_rows","max":5000}`), read
/// through the plain `problems_on_wire::FileProblemOnWire` (see `FieldProblem` on why).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(
    tag = "reason",
    rename_all = "snake_case",
    try_from = "super::problems_on_wire::FileProblemOnWire"
)]
pub enum FileProblem {
    #[error("the file is larger than {max_bytes} bytes")]
    TooLarge { max_bytes: usize },
    #[error("the file is empty or has only a header")]
    NoRows,
    #[error("the file has more than {max} rows")]
    TooManyRows { max: usize },
    #[error("the file has more than {max} columns")]
    TooManyColumns { max: usize },
    /// Not UTF-8 or UTF-16 text (an old "ANSI" export, or not text at all).
    #[error("the file is not UTF-8 text")]
    NotUnicodeText,
    /// An Excel 97-2003 workbook (.xls): saved as .xlsx or "CSV UTF-8" it can be read.
    #[error("the file is an Excel 97-2003 workbook")]
    Workbook,
    #[error("the file is not a readable CSV file or .xlsx workbook")]
    Unreadable,
}

/// Header spellings (folded, letters and digits only) that name each field,
/// in English and Persian.
const HEADER_WORDS: &[(LeadColumn, &[&str])] = &[
    (
        LeadColumn::Name,
        &[
            "name",
            "fullname",
            "contact",
            "contactname",
            "leadname",
            "customer",
            "customername",
            "person",
            "نام",
            "نامکامل",
            "نامونامخانوادگی",
            "مخاطب",
            "نامشتری",
            "مشتری",
        ],
    ),
    (
        LeadColumn::Company,
        &[
            "company",
            "companyname",
            "organisation",
            "organization",
            "business",
            "account",
            "شرکت",
            "نامشرکت",
            "سازمان",
        ],
    ),
    (
        LeadColumn::Phone,
        &[
            "phone",
            "phonenumber",
            "mobile",
            "mobilephone",
            "tel",
            "telephone",
            "cell",
            "تلفن",
            "شمارهتلفن",
            "موبایل",
            "همراه",
            "تلفنهمراه",
            "شمارهتماس",
            "شماره",
        ],
    ),
    (
        LeadColumn::Email,
        &[
            "email",
            "emailaddress",
            "mail",
            "ایمیل",
            "رایانامه",
            "پستالکترونیک",
            "پستالکترونیکی",
        ],
    ),
    (
        LeadColumn::Stage,
        &["stage", "status", "dealstage", "مرحله", "وضعیت"],
    ),
    (
        LeadColumn::Source,
        &[
            "source",
            "leadsource",
            "origin",
            "channel",
            "منبع",
            "مبدا",
            "کانال",
        ],
    ),
    (
        LeadColumn::EstimatedValue,
        &[
            "value",
            "estimatedvalue",
            "dealvalue",
            "amount",
            "expectedvalue",
            "ارزش",
            "ارزشبرآوردی",
            "مبلغ",
            "ارزشمعامله",
        ],
    ),
    (LeadColumn::Currency, &["currency", "ارز", "واحدپول"]),
    (
        LeadColumn::CustomerKind,
        &["customertype", "customerkind", "kind", "نوعمشتری"],
    ),
];

/// A header (or a cell naming a choice) reduced to what tells it apart:
/// folded like search folds, then only its letters and digits.
fn header_key(text: &str) -> String {
    fold_for_search(text)
        .chars()
        .filter(|character| character.is_alphanumeric())
        .collect()
}

/// The field each column fills, guessed from its header; each field at
/// most once (the first column that names it), unknown headers unused.
pub fn guess_mapping(headers: &[String]) -> Vec<Option<LeadColumn>> {
    let mut taken = Vec::new();
    headers
        .iter()
        .map(|header| {
            let key = header_key(header);
            let column = HEADER_WORDS
                .iter()
                .find(|(column, words)| !taken.contains(column) && words.contains(&key.as_str()))
                .map(|(column, _)| *column)?;
            taken.push(column);
            Some(column)
        })
        .collect()
}

/// A mapping the manager chose, made safe: as long as the headers (extra
/// entries dropped, missing ones unused) and each field used once.
pub fn settle_mapping(chosen: &[Option<LeadColumn>], columns: usize) -> Vec<Option<LeadColumn>> {
    let mut taken = Vec::new();
    (0..columns)
        .map(|index| {
            let column = chosen.get(index).copied().flatten()?;
            if taken.contains(&column) {
                return None;
            }
            taken.push(column);
            Some(column)
        })
        .collect()
}

/// The names a choice may be written as in a file: its stable spelling and
/// its label in each language (the caller passes the labels, so the domain
/// does not depend on the translations).
pub struct ChoiceWords {
    words: HashMap<String, &'static str>,
}

impl ChoiceWords {
    /// Every value of `T` under its stable spelling and `labels(value)`.
    pub fn new<T: Choice>(labels: impl Fn(T) -> Vec<&'static str>) -> Self {
        let mut words = HashMap::new();
        for value in T::ALL {
            words.insert(header_key(value.as_str()), value.as_str());
            for label in labels(*value) {
                words.insert(header_key(label), value.as_str());
            }
        }
        Self { words }
    }

    /// The stable spelling a cell names, or the cell as typed (which then
    /// fails validation as an unknown choice).
    fn spelling(&self, cell: &str) -> String {
        self.words
            .get(&header_key(cell))
            .map_or_else(|| cell.trim().to_string(), |spelling| spelling.to_string())
    }
}

/// How cells naming choices are read, and what an empty or missing column means.
pub struct RowReading {
    pub stages: ChoiceWords,
    pub sources: ChoiceWords,
    pub customer_kinds: ChoiceWords,
    /// The team's currency, for a file without a currency column.
    pub currency: Currency,
}

/// What is wrong with one row of the file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RowProblem {
    /// A field's value is missing or wrong, as the lead form would say.
    Field { error: FieldError },
    /// The same phone or e-mail as an earlier row of this file.
    RepeatsRow { line: usize },
    /// The same phone or e-mail as a lead already in Pishro.
    AlreadyALead,
    /// Won or lost deals need an amount or a reason the file cannot give:
    /// only open leads are imported.
    ClosedStage,
}

/// One data row of the file: its line (1 is the header) and its cells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileRow {
    pub line: usize,
    pub cells: Vec<String>,
}

/// A row that became a valid lead (not yet checked for duplicates).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadRow {
    pub line: usize,
    pub lead: ValidLead,
}

/// Reads one row as a lead through the lead form's own validation.
pub fn read_row(
    row: &FileRow,
    mapping: &[Option<LeadColumn>],
    reading: &RowReading,
) -> Result<ValidLead, Vec<RowProblem>> {
    let cell = |wanted: LeadColumn| -> Option<&str> {
        mapping
            .iter()
            .position(|column| *column == Some(wanted))
            .and_then(|index| row.cells.get(index))
            .map(|cell| cell.trim())
            .filter(|cell| !cell.is_empty())
    };
    let draft = LeadDraft {
        event_id: String::new(),
        id: LeadId(uuid::Uuid::nil()),
        owner_id: None,
        name: cell(LeadColumn::Name).unwrap_or_default().to_string(),
        company: cell(LeadColumn::Company).unwrap_or_default().to_string(),
        phone: cell(LeadColumn::Phone).unwrap_or_default().to_string(),
        email: cell(LeadColumn::Email).unwrap_or_default().to_string(),
        source: cell(LeadColumn::Source).map_or_else(
            || LeadSource::Other.as_str().to_string(),
            |text| reading.sources.spelling(text),
        ),
        stage: cell(LeadColumn::Stage).map_or_else(
            || LeadStage::New.as_str().to_string(),
            |text| reading.stages.spelling(text),
        ),
        estimated_value: cell(LeadColumn::EstimatedValue)
            .unwrap_or_default()
            .to_string(),
        currency: cell(LeadColumn::Currency).map_or_else(
            || reading.currency.as_str().to_string(),
            |text| text.to_uppercase(),
        ),
        customer_kind: cell(LeadColumn::CustomerKind).map_or_else(
            || super::CustomerKind::New.as_str().to_string(),
            |text| reading.customer_kinds.spelling(text),
        ),
        won_amount: String::new(),
        lost_reason: String::new(),
        closed_on: String::new(),
    };
    if LeadStage::parse(&draft.stage).is_some_and(LeadStage::is_closed) {
        return Err(vec![RowProblem::ClosedStage]);
    }
    draft.validate().map_err(|errors| {
        errors
            .0
            .into_iter()
            .map(|error| RowProblem::Field { error })
            .collect()
    })
}

/// The keys two leads are the same customer by: the normalised phone and
/// the lower-cased e-mail (as validation stores them), when present.
pub fn identity_keys(lead: &ValidLead) -> Vec<IdentityKey> {
    let mut keys = Vec::new();
    if !lead.phone.is_empty() {
        keys.push(IdentityKey::Phone(lead.phone.clone()));
    }
    if !lead.email.is_empty() {
        keys.push(IdentityKey::Email(lead.email.clone()));
    }
    keys
}

/// A phone or an e-mail that identifies a customer.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum IdentityKey {
    Phone(String),
    Email(String),
}

/// What became of every row: the leads to create (in file order) and the
/// rows refused with their problems.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportPlan {
    pub accepted: Vec<ReadRow>,
    pub rejected: Vec<(FileRow, Vec<RowProblem>)>,
}

/// Reads every row and refuses the invalid ones, those that repeat an
/// earlier row (the first one stays) and those whose phone or e-mail
/// `is_taken` by an existing lead. Blank rows are skipped, not refused.
pub fn plan_import(
    rows: &[FileRow],
    mapping: &[Option<LeadColumn>],
    reading: &RowReading,
    is_taken: impl Fn(&IdentityKey) -> bool,
) -> ImportPlan {
    let mut plan = ImportPlan::default();
    let mut seen: HashMap<IdentityKey, usize> = HashMap::new();
    for row in rows {
        if row.cells.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let lead = match read_row(row, mapping, reading) {
            Ok(lead) => lead,
            Err(problems) => {
                plan.rejected.push((row.clone(), problems));
                continue;
            }
        };
        let keys = identity_keys(&lead);
        let mut problems = Vec::new();
        if let Some(line) = keys.iter().find_map(|key| seen.get(key)) {
            problems.push(RowProblem::RepeatsRow { line: *line });
        } else if keys.iter().any(&is_taken) {
            problems.push(RowProblem::AlreadyALead);
        }
        if problems.is_empty() {
            for key in keys {
                seen.insert(key, row.line);
            }
            plan.accepted.push(ReadRow {
                line: row.line,
                lead,
            });
        } else {
            plan.rejected.push((row.clone(), problems));
        }
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::CustomerKind;
    use crate::domain::validation::FieldProblem;

    fn reading() -> RowReading {
        RowReading {
            stages: ChoiceWords::new(|stage: LeadStage| match stage {
                LeadStage::Qualified => vec!["Qualified", "واجد شرایط"],
                LeadStage::New => vec!["New", "جدید"],
                _ => vec![],
            }),
            sources: ChoiceWords::new(|source: LeadSource| match source {
                LeadSource::ColdList => vec!["Cold list", "فهرست سرد"],
                _ => vec![],
            }),
            customer_kinds: ChoiceWords::new(|_: CustomerKind| vec![]),
            currency: Currency::Irr,
        }
    }

    fn row(line: usize, cells: &[&str]) -> FileRow {
        FileRow {
            line,
            cells: cells.iter().map(|cell| cell.to_string()).collect(),
        }
    }

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|name| name.to_string()).collect()
    }

    #[test]
    fn headers_in_english_and_persian_are_recognised() {
        assert_eq!(
            guess_mapping(&headers(&[
                "Full Name",
                "E-mail",
                "Mobile",
                "Company",
                "Notes"
            ])),
            vec![
                Some(LeadColumn::Name),
                Some(LeadColumn::Email),
                Some(LeadColumn::Phone),
                Some(LeadColumn::Company),
                None
            ]
        );
        // Arabic letter forms and a zero-width non-joiner fold away.
        assert_eq!(
            guess_mapping(&headers(&[
                "نام",
                "شماره\u{200C}تماس",
                "ايميل",
                "منبع",
                "مرحله"
            ])),
            vec![
                Some(LeadColumn::Name),
                Some(LeadColumn::Phone),
                Some(LeadColumn::Email),
                Some(LeadColumn::Source),
                Some(LeadColumn::Stage)
            ]
        );
    }

    #[test]
    fn a_field_is_filled_by_one_column_only() {
        assert_eq!(
            guess_mapping(&headers(&["Phone", "Mobile"])),
            vec![Some(LeadColumn::Phone), None]
        );
        assert_eq!(
            settle_mapping(
                &[
                    Some(LeadColumn::Name),
                    Some(LeadColumn::Name),
                    None,
                    Some(LeadColumn::Email)
                ],
                3
            ),
            vec![Some(LeadColumn::Name), None, None]
        );
    }

    #[test]
    fn a_row_reads_through_the_lead_forms_rules_with_labels_and_defaults() {
        let mapping = [
            Some(LeadColumn::Name),
            Some(LeadColumn::Phone),
            Some(LeadColumn::Stage),
            Some(LeadColumn::Source),
            Some(LeadColumn::EstimatedValue),
        ];
        let lead = read_row(
            &row(
                2,
                &[
                    " Reza Karimi ",
                    "۰۹۱۲ ۳۴۵ ۶۷۸۹",
                    "واجد شرايط",
                    "cold list",
                    "۱۲۰٬۰۰۰",
                ],
            ),
            &mapping,
            &reading(),
        )
        .expect("a good row");
        assert_eq!(lead.name, "Reza Karimi");
        assert_eq!(lead.phone, "09123456789");
        assert_eq!(lead.stage, LeadStage::Qualified);
        assert_eq!(lead.source, LeadSource::ColdList);
        assert_eq!(lead.currency, Currency::Irr);
        assert_eq!(lead.estimated_value, 120_000);
        // Missing columns take the defaults.
        let lead = read_row(&row(3, &["Ana"]), &[Some(LeadColumn::Name)], &reading())
            .expect("a name is enough");
        assert_eq!(
            (lead.stage, lead.source),
            (LeadStage::New, LeadSource::Other)
        );
    }

    #[test]
    fn bad_rows_say_what_is_wrong_with_each_field() {
        let mapping = [
            Some(LeadColumn::Name),
            Some(LeadColumn::Email),
            Some(LeadColumn::Stage),
        ];
        let problems = read_row(
            &row(4, &["", "not-an-email", "someday"]),
            &mapping,
            &reading(),
        )
        .expect_err("three problems");
        let fields: Vec<(&str, &FieldProblem)> = problems
            .iter()
            .filter_map(|problem| match problem {
                RowProblem::Field { error } => Some((error.field.as_str(), &error.problem)),
                _ => None,
            })
            .collect();
        assert!(fields.contains(&("name", &FieldProblem::Required)));
        assert!(fields.contains(&("email", &FieldProblem::InvalidEmail)));
        assert!(fields.contains(&("stage", &FieldProblem::UnknownChoice)));
        assert_eq!(
            read_row(&row(5, &["Old deal", "", "won"]), &mapping, &reading()),
            Err(vec![RowProblem::ClosedStage])
        );
    }

    #[test]
    fn repeated_rows_and_existing_leads_are_refused_and_blank_rows_skipped() {
        let mapping = [
            Some(LeadColumn::Name),
            Some(LeadColumn::Phone),
            Some(LeadColumn::Email),
        ];
        let rows = [
            row(2, &["A", "0912 111 2222", ""]),
            row(3, &["", "", ""]),
            row(4, &["B", "+98 912 000 0000", "b@example.com"]),
            row(5, &["A again", "09121112222", "a@example.com"]),
            row(6, &["Known", "", "KNOWN@example.com"]),
            row(7, &["B by mail", "", "B@Example.com"]),
        ];
        let taken = IdentityKey::Email("known@example.com".into());
        let plan = plan_import(&rows, &mapping, &reading(), |key| *key == taken);
        let accepted: Vec<usize> = plan.accepted.iter().map(|row| row.line).collect();
        assert_eq!(accepted, vec![2, 4]);
        let rejected: Vec<(usize, Vec<RowProblem>)> = plan
            .rejected
            .iter()
            .map(|(row, problems)| (row.line, problems.clone()))
            .collect();
        assert_eq!(
            rejected,
            vec![
                (5, vec![RowProblem::RepeatsRow { line: 2 }]),
                (6, vec![RowProblem::AlreadyALead]),
                (7, vec![RowProblem::RepeatsRow { line: 4 }]),
            ]
        );
    }
}
