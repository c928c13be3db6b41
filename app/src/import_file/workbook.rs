//! The first sheet of an `.xlsx` workbook, cell by cell (calamine's
//! streaming reader, so a sheet claiming a million rows never becomes a
//! million-row grid in memory). The zip's declared sizes are checked
//! before anything is unzipped (a small upload may unzip to gigabytes),
//! and the text read is counted as it comes.

use super::Table;
use crate::domain::lead_import::{
    FileProblem, FileRow, MAX_IMPORT_COLUMNS, MAX_IMPORT_FILE_BYTES, MAX_IMPORT_ROWS,
};
use calamine::{DataRef, Reader, Xlsx};
use std::io::Cursor;

/// The most a workbook may unzip to, all parts together: XML is wordy,
/// so a list that fits the CSV limit unzips to a few times its size.
const MAX_UNZIPPED_BYTES: u64 = 8 * MAX_IMPORT_FILE_BYTES as u64;

fn too_large() -> FileProblem {
    FileProblem::TooLarge {
        max_bytes: MAX_IMPORT_FILE_BYTES,
    }
}

/// Refuses a zip whose parts claim more than `MAX_UNZIPPED_BYTES`.
fn check_unzipped_size(bytes: &[u8]) -> Result<(), FileProblem> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| FileProblem::Unreadable)?;
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let part = archive
            .by_index_raw(index)
            .map_err(|_| FileProblem::Unreadable)?;
        total = total.saturating_add(part.size());
    }
    if total > MAX_UNZIPPED_BYTES {
        return Err(too_large());
    }
    Ok(())
}

/// A cell as the text a manager sees in Excel: whole numbers without a
/// decimal point (phones typed as numbers), dates as `YYYY-MM-DD`.
fn cell_text(value: &DataRef<'_>) -> String {
    match value {
        DataRef::Int(number) => number.to_string(),
        DataRef::Float(number) => {
            if number.fract() == 0.0 && number.abs() < 1e15 {
                format!("{number:.0}")
            } else {
                number.to_string()
            }
        }
        DataRef::String(text) => text.clone(),
        DataRef::SharedString(text) => (*text).to_string(),
        DataRef::Bool(true) => "TRUE".into(),
        DataRef::Bool(false) => "FALSE".into(),
        DataRef::DateTime(moment) => match moment.as_datetime() {
            Some(at) if at.time() == chrono::NaiveTime::MIN => {
                at.date().format("%Y-%m-%d").to_string()
            }
            Some(at) => at.format("%Y-%m-%d %H:%M").to_string(),
            None => moment.as_f64().to_string(),
        },
        DataRef::DateTimeIso(text) | DataRef::DurationIso(text) => text.clone(),
        DataRef::Error(_) | DataRef::Empty => String::new(),
    }
}

/// Reads the workbook's first sheet; its first non-blank row is the header.
pub(super) fn read_first_sheet(bytes: &[u8]) -> Result<Table, FileProblem> {
    check_unzipped_size(bytes)?;
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(|_| FileProblem::Unreadable)?;
    let first = workbook
        .sheet_names()
        .first()
        .cloned()
        .ok_or(FileProblem::NoRows)?;
    let mut reader = workbook
        .worksheet_cells_reader(&first)
        .map_err(|_| FileProblem::Unreadable)?;
    // Rows as they come (the sheet lists them in order), each a line
    // number and its cells by column.
    let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
    let mut text_read = 0usize;
    while let Some(cell) = reader.next_cell().map_err(|_| FileProblem::Unreadable)? {
        let (row, column) = cell.get_position();
        let column = usize::try_from(column).unwrap_or(usize::MAX);
        if column >= MAX_IMPORT_COLUMNS {
            return Err(FileProblem::TooManyColumns {
                max: MAX_IMPORT_COLUMNS,
            });
        }
        let text = cell_text(cell.get_value());
        if text.is_empty() {
            continue;
        }
        text_read += text.len();
        if text_read > MAX_IMPORT_FILE_BYTES {
            return Err(too_large());
        }
        let line = usize::try_from(row).unwrap_or(usize::MAX).saturating_add(1);
        if rows.last().is_none_or(|(last, _)| *last != line) {
            // The header and at most MAX_IMPORT_ROWS rows under it.
            if rows.len() > MAX_IMPORT_ROWS {
                return Err(FileProblem::TooManyRows {
                    max: MAX_IMPORT_ROWS,
                });
            }
            rows.push((line, Vec::new()));
        }
        if let Some((_, cells)) = rows.last_mut() {
            if cells.len() <= column {
                cells.resize(column + 1, String::new());
            }
            cells[column] = text;
        }
    }
    let mut rows = rows.into_iter();
    let Some((_, headers)) = rows.next() else {
        return Err(FileProblem::NoRows);
    };
    let table = Table {
        headers: headers.iter().map(|cell| cell.trim().to_string()).collect(),
        rows: rows.map(|(line, cells)| FileRow { line, cells }).collect(),
    };
    if table.rows.is_empty() {
        return Err(FileProblem::NoRows);
    }
    if table.rows.len() > MAX_IMPORT_ROWS {
        return Err(FileProblem::TooManyRows {
            max: MAX_IMPORT_ROWS,
        });
    }
    Ok(table)
}
