//! Reading an uploaded spreadsheet into a header and rows of text cells:
//! CSV with the `csv` crate (UTF-8 with or without a byte-order mark, or
//! UTF-16 as Excel's "Unicode text" saves it; comma, semicolon or tab,
//! whichever the header line uses; quotes and line breaks inside cells), or
//! the first sheet of an Excel `.xlsx` workbook with `calamine`. Everything
//! a hostile file can do to the server is bounded here (size before and
//! after unzipping, rows, columns) and answered with a problem the manager
//! can act on. Server only.

use crate::domain::lead_import::{
    FileProblem, FileRow, MAX_IMPORT_COLUMNS, MAX_IMPORT_FILE_BYTES, MAX_IMPORT_ROWS,
};

/// A file read into text cells.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<FileRow>,
}

/// The file's text, whatever Unicode encoding it came in.
fn decode(bytes: &[u8]) -> Result<String, FileProblem> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(FileProblem::Workbook);
    }
    let utf16 = |bytes: &[u8], little_endian: bool| {
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|pair| {
                if little_endian {
                    u16::from_le_bytes([pair[0], pair[1]])
                } else {
                    u16::from_be_bytes([pair[0], pair[1]])
                }
            })
            .collect();
        String::from_utf16(&units).map_err(|_| FileProblem::NotUnicodeText)
    };
    match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => {
            String::from_utf8(rest.to_vec()).map_err(|_| FileProblem::NotUnicodeText)
        }
        [0xFF, 0xFE, rest @ ..] => utf16(rest, true),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, false),
        _ => String::from_utf8(bytes.to_vec()).map_err(|_| FileProblem::NotUnicodeText),
    }
}

/// The separator the header line uses most: comma, semicolon or tab.
fn separator(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or_default();
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|separator| {
            // Ties go to the earlier (comma first).
            let count = header.bytes().filter(|byte| byte == separator).count();
            (count, usize::from(*separator == b','))
        })
        .unwrap_or(b',')
}

/// Reads a whole uploaded file. The first non-blank line is the header.
pub fn read_table(bytes: &[u8]) -> Result<Table, FileProblem> {
    if bytes.len() > MAX_IMPORT_FILE_BYTES {
        return Err(FileProblem::TooLarge {
            max_bytes: MAX_IMPORT_FILE_BYTES,
        });
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return crate::import_file::workbook::read_first_sheet(bytes);
    }
    let text = decode(bytes)?;
    if text.contains('\0') {
        return Err(FileProblem::NotUnicodeText);
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator(&text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut table = Table::default();
    let mut header_read = false;
    let mut record = csv::StringRecord::new();
    // Lines are counted here (the reader's own count lags behind CR LF
    // endings and blank lines): the line a record starts on is one more
    // than the line breaks before its first byte.
    let bytes = text.as_bytes();
    let (mut counted_to, mut breaks) = (0usize, 0usize);
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(_) => return Err(FileProblem::Unreadable),
        }
        let mut start = record
            .position()
            .map_or(0, |position| usize::try_from(position.byte()).unwrap_or(0));
        // The reader may place a record at the line breaks before it (blank
        // lines, a CR LF's LF): a record itself never starts with one.
        while matches!(bytes.get(start), Some(b'\n' | b'\r')) {
            start += 1;
        }
        let start = start.min(bytes.len()).max(counted_to);
        breaks += bytes[counted_to..start]
            .iter()
            .filter(|byte| **byte == b'\n')
            .count();
        counted_to = start;
        let line = breaks + 1;
        if record.len() > MAX_IMPORT_COLUMNS {
            return Err(FileProblem::TooManyColumns {
                max: MAX_IMPORT_COLUMNS,
            });
        }
        let cells: Vec<String> = record.iter().map(str::to_string).collect();
        if !header_read {
            if cells.iter().all(|cell| cell.trim().is_empty()) {
                continue;
            }
            table.headers = cells.iter().map(|cell| cell.trim().to_string()).collect();
            header_read = true;
            continue;
        }
        if table.rows.len() == MAX_IMPORT_ROWS {
            return Err(FileProblem::TooManyRows {
                max: MAX_IMPORT_ROWS,
            });
        }
        table.rows.push(FileRow { line, cells });
    }
    if table
        .rows
        .iter()
        .all(|row| row.cells.iter().all(|cell| cell.trim().is_empty()))
    {
        return Err(FileProblem::NoRows);
    }
    Ok(table)
}

mod workbook;

/// The refused rows as a CSV file to fix and import again: the original
/// header and cells, then the line number and the reason, every cell
/// written so a spreadsheet does not run it as a formula.
pub fn rejected_rows_csv(headers: &[String], rows: &[(FileRow, String)]) -> String {
    use crate::domain::csv::field;
    let mut text = String::new();
    let header: Vec<String> = headers
        .iter()
        .map(|header| field(header))
        .chain([field("line"), field("reason")])
        .collect();
    text.push_str(&header.join(","));
    text.push_str("\r\n");
    for (row, reason) in rows {
        let cells: Vec<String> = row
            .cells
            .iter()
            .map(|cell| field(cell))
            .chain([row.line.to_string(), field(reason)])
            .collect();
        text.push_str(&cells.join(","));
        text.push_str("\r\n");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(table: &Table) -> Vec<Vec<&str>> {
        table
            .rows
            .iter()
            .map(|row| row.cells.iter().map(String::as_str).collect())
            .collect()
    }

    #[test]
    fn commas_semicolons_and_tabs_with_or_without_a_byte_order_mark() {
        for (file, separator) in [
            ("\u{FEFF}name,phone\nReza,0912\n", ','),
            ("name;phone\nReza;0912\n", ';'),
            ("name\tphone\r\nReza\t0912\r\n", '\t'),
        ] {
            let table = read_table(file.as_bytes()).expect("readable");
            assert_eq!(
                table.headers,
                vec!["name", "phone"],
                "separator {separator:?}"
            );
            assert_eq!(cells(&table), vec![vec!["Reza", "0912"]]);
            assert_eq!(table.rows[0].line, 2);
        }
    }

    #[test]
    fn utf16_as_excel_saves_unicode_text() {
        let text = "نام\tتلفن\nرضا\t۰۹۱۲\n";
        let mut bytes = vec![0xFF, 0xFE];
        for unit in text.encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        let table = read_table(&bytes).expect("readable");
        assert_eq!(table.headers, vec!["نام", "تلفن"]);
        assert_eq!(cells(&table), vec![vec!["رضا", "۰۹۱۲"]]);
    }

    #[test]
    fn quotes_and_line_breaks_stay_inside_their_cell() {
        let table =
            read_table(b"name,note\n\"Karimi, Reza\",\"two\nlines \"\"quoted\"\"\"\nNext,x\n")
                .expect("readable");
        assert_eq!(
            cells(&table),
            vec![
                vec!["Karimi, Reza", "two\nlines \"quoted\""],
                vec!["Next", "x"]
            ]
        );
        assert_eq!(
            table.rows[1].line, 4,
            "lines count the break inside the cell"
        );
    }

    #[test]
    fn files_that_cannot_be_leads_are_refused_with_the_reason() {
        assert_eq!(read_table(b""), Err(FileProblem::NoRows));
        assert_eq!(read_table(b"name,phone\n"), Err(FileProblem::NoRows));
        assert_eq!(read_table(b"PK\x03\x04rest"), Err(FileProblem::Unreadable));
        assert_eq!(
            read_table(&[0xD0, 0xCF, 0x11, 0xE0, 0, 0]),
            Err(FileProblem::Workbook)
        );
        assert_eq!(
            read_table(b"name\n\xE1\xC7\xE3\n"),
            Err(FileProblem::NotUnicodeText)
        );
        let wide = vec!["x"; MAX_IMPORT_COLUMNS + 1].join(",");
        assert_eq!(
            read_table(format!("{wide}\n{wide}\n").as_bytes()),
            Err(FileProblem::TooManyColumns {
                max: MAX_IMPORT_COLUMNS
            })
        );
        let huge = vec![b'a'; MAX_IMPORT_FILE_BYTES + 1];
        assert!(matches!(
            read_table(&huge),
            Err(FileProblem::TooLarge { .. })
        ));
    }

    /// Every file of `app/tests/import_corpus`, read and planned as an
    /// import with guessed columns and no existing leads.
    #[test]
    fn the_hostile_corpus_is_read_or_refused_as_expected() {
        use crate::domain::lead_import::{
            ChoiceWords, RowProblem, RowReading, guess_mapping, plan_import,
        };
        use crate::domain::{Currency, CustomerKind, LeadSource, LeadStage, Locale};
        use crate::i18n::Label;
        fn labels<T: Label>(value: T) -> Vec<&'static str> {
            vec![value.label(Locale::En), value.label(Locale::Fa)]
        }
        let reading = RowReading {
            stages: ChoiceWords::new(labels::<LeadStage>),
            sources: ChoiceWords::new(labels::<LeadSource>),
            customer_kinds: ChoiceWords::new(labels::<CustomerKind>),
            currency: Currency::Irr,
        };
        /// The accepted and the refused lines, or the file's problem.
        type Outcome = Result<(Vec<usize>, Vec<usize>), FileProblem>;
        let expected: [(&str, &[u8], Outcome); 14] = [
            (
                "persian_bom_semicolon.csv",
                include_bytes!("../tests/import_corpus/persian_bom_semicolon.csv"),
                Ok((vec![2, 3], vec![])),
            ),
            (
                "windows_1256.csv",
                include_bytes!("../tests/import_corpus/windows_1256.csv"),
                Err(FileProblem::NotUnicodeText),
            ),
            (
                "utf16_big_endian.txt",
                include_bytes!("../tests/import_corpus/utf16_big_endian.txt"),
                Ok((vec![2], vec![])),
            ),
            (
                "quotes_and_line_breaks.csv",
                include_bytes!("../tests/import_corpus/quotes_and_line_breaks.csv"),
                Ok((vec![2, 4], vec![])),
            ),
            (
                "empty_lines.csv",
                include_bytes!("../tests/import_corpus/empty_lines.csv"),
                Ok((vec![5, 8], vec![])),
            ),
            (
                "formula_cells.csv",
                include_bytes!("../tests/import_corpus/formula_cells.csv"),
                Ok((vec![2, 3, 4], vec![])),
            ),
            (
                "ten_thousand_columns.csv",
                include_bytes!("../tests/import_corpus/ten_thousand_columns.csv"),
                Err(FileProblem::TooManyColumns {
                    max: MAX_IMPORT_COLUMNS,
                }),
            ),
            (
                "huge_field.csv",
                include_bytes!("../tests/import_corpus/huge_field.csv"),
                Ok((vec![], vec![2])),
            ),
            (
                "only_a_header.csv",
                include_bytes!("../tests/import_corpus/only_a_header.csv"),
                Err(FileProblem::NoRows),
            ),
            (
                "binary.csv",
                include_bytes!("../tests/import_corpus/binary.csv"),
                Err(FileProblem::NotUnicodeText),
            ),
            (
                "ragged_rows.csv",
                include_bytes!("../tests/import_corpus/ragged_rows.csv"),
                Ok((vec![2, 3], vec![])),
            ),
            (
                "persian_leads.xlsx",
                include_bytes!("../tests/import_corpus/persian_leads.xlsx"),
                Ok((vec![3, 4], vec![5])),
            ),
            (
                "unzips_to_80_megabytes.xlsx",
                include_bytes!("../tests/import_corpus/unzips_to_80_megabytes.xlsx"),
                Err(FileProblem::TooLarge {
                    max_bytes: MAX_IMPORT_FILE_BYTES,
                }),
            ),
            (
                "cell_in_column_xfd.xlsx",
                include_bytes!("../tests/import_corpus/cell_in_column_xfd.xlsx"),
                Err(FileProblem::TooManyColumns {
                    max: MAX_IMPORT_COLUMNS,
                }),
            ),
        ];
        for (name, bytes, outcome) in expected {
            let table = read_table(bytes);
            match (table, outcome) {
                (Ok(table), Ok((accepted, refused))) => {
                    let mapping = guess_mapping(&table.headers);
                    let plan = plan_import(&table.rows, &mapping, &reading, |_| false);
                    let lines: Vec<usize> = plan.accepted.iter().map(|row| row.line).collect();
                    assert_eq!(lines, accepted, "{name}: accepted lines");
                    let lines: Vec<usize> = plan.rejected.iter().map(|(row, _)| row.line).collect();
                    assert_eq!(lines, refused, "{name}: refused lines");
                    if name == "persian_bom_semicolon.csv" {
                        let first = &plan.accepted[0].lead;
                        assert_eq!(
                            (first.stage, first.source),
                            (LeadStage::Qualified, LeadSource::Event)
                        );
                        assert_eq!(first.phone, "09121112222");
                    }
                    if name == "persian_leads.xlsx" {
                        let (first, second) = (&plan.accepted[0].lead, &plan.accepted[1].lead);
                        assert_eq!(
                            (first.name.as_str(), first.phone.as_str(), first.stage),
                            ("رضا کریمی", "09121112222", LeadStage::Qualified)
                        );
                        assert_eq!(
                            (first.estimated_value, second.estimated_value),
                            (1_500_000, 250_000),
                            "numbers typed as numbers"
                        );
                        assert_eq!(second.name, "=HYPERLINK(\"http://x\")", "kept as typed");
                    }
                    if name == "huge_field.csv" {
                        assert!(
                            matches!(plan.rejected[0].1[0], RowProblem::Field { ref error } if error.field == "company")
                        );
                    }
                    if name == "formula_cells.csv" {
                        // Kept as typed, and never a formula when written back out.
                        let text = rejected_rows_csv(
                            &table.headers,
                            &[(table.rows[0].clone(), String::new())],
                        );
                        assert!(
                            text.lines()
                                .nth(1)
                                .is_some_and(|line| line.starts_with("\"'=HYPERLINK")),
                            "{text}"
                        );
                    }
                }
                (Err(problem), Err(wanted)) => assert_eq!(problem, wanted, "{name}"),
                (got, wanted) => panic!("{name}: got {got:?}, wanted {wanted:?}"),
            }
        }
    }

    /// An exported list (`domain::csv::leads_csv`) reads back through
    /// import as the same leads, and its formula cells are defused.
    #[test]
    fn exported_leads_import_back_as_the_same_leads() {
        use crate::domain::lead_import::{ChoiceWords, RowReading, guess_mapping, plan_import};
        use crate::domain::{Currency, CustomerKind, Lead, LeadId, LeadSource, LeadStage, UserId};
        let at = chrono::DateTime::UNIX_EPOCH;
        let lead = |name: &str, phone: &str| Lead {
            event_id: None,
            id: LeadId::new(),
            owner_id: UserId::new(),
            owner_name: "=Sara".into(),
            name: name.into(),
            company: "Pars \"Tile\", Tehran".into(),
            phone: phone.into(),
            email: String::new(),
            source: LeadSource::ColdList,
            stage: LeadStage::Qualified,
            estimated_value: 150_000,
            currency: Currency::Usd,
            customer_kind: CustomerKind::Existing,
            won_amount: None,
            closed_at: None,
            lost_reason: String::new(),
            created_at: at,
            updated_at: at,
            version: 1,
            deleted: false,
        };
        let leads = [
            lead("Karimi, Reza", "09121112222"),
            lead("Ana", "09123334444"),
        ];
        let text = crate::domain::csv::leads_csv(&leads);
        assert!(text.contains(",'=Sara,"), "formula cells defused: {text}");
        let table = read_table(text.as_bytes()).expect("readable");
        let reading = RowReading {
            stages: ChoiceWords::new(|_: LeadStage| vec![]),
            sources: ChoiceWords::new(|_: LeadSource| vec![]),
            customer_kinds: ChoiceWords::new(|_: CustomerKind| vec![]),
            currency: Currency::Irr,
        };
        let plan = plan_import(
            &table.rows,
            &guess_mapping(&table.headers),
            &reading,
            |_| false,
        );
        let read: Vec<_> = plan.accepted.iter().map(|row| &row.lead).collect();
        assert_eq!(read.len(), 2, "{:?}", plan.rejected);
        for (read, original) in read.iter().zip(&leads) {
            assert_eq!(
                (
                    &read.name,
                    &read.company,
                    &read.phone,
                    read.stage,
                    read.source
                ),
                (
                    &original.name,
                    &original.company,
                    &original.phone,
                    original.stage,
                    original.source
                )
            );
            assert_eq!(
                (read.estimated_value, read.currency, read.customer_kind),
                (
                    original.estimated_value,
                    original.currency,
                    original.customer_kind
                )
            );
        }
    }

    #[test]
    fn rejected_rows_come_back_with_a_reason_and_no_formulas() {
        let row = FileRow {
            line: 3,
            cells: vec!["=HYPERLINK(\"http://x\")".into(), "a,b".into()],
        };
        let text = rejected_rows_csv(
            &["name".into(), "note".into()],
            &[(row, "Name: required".into())],
        );
        assert_eq!(
            text,
            "name,note,line,reason\r\n\"'=HYPERLINK(\"\"http://x\"\")\",\"a,b\",3,Name: required\r\n"
        );
    }
}
