//! A spreadsheet read into rows of text: CSV in any common delimiter and encoding, or
//! the first (or a named) sheet of an .xlsx or .ods workbook. The one place that uses
//! calamine and encoding_rs.

use std::path::Path;

use calamine::{Data, Reader};

/// A sheet's header row and the rows below it, each cell as text, trimmed.
#[derive(Debug, Default)]
pub struct Table {
    pub headers: Vec<String>,
    /// Each row with its number as a spreadsheet shows it (the header is row 1).
    pub rows: Vec<(usize, Vec<String>)>,
    /// What was found out while reading, worth telling: the encoding converted.
    pub notes: Vec<String>,
}

/// Reads `path` by its extension: `.xlsx`, `.xlsm`, `.ods`, `.xls` as workbooks,
/// anything else as CSV.
pub fn read(path: &Path, sheet: Option<&str>) -> Result<Table, String> {
    let extension = (path.extension().and_then(|e| e.to_str()))
        .unwrap_or("")
        .to_ascii_lowercase();
    match extension.as_str() {
        "xlsx" | "xlsm" | "xls" | "ods" => workbook(path, sheet),
        _ => {
            if sheet.is_some() {
                return Err(
                    "`--sheet` is for workbooks (.xlsx, .ods); a CSV file has one table".into(),
                );
            }
            let bytes = std::fs::read(path).map_err(|e| format!("cannot read it: {e}"))?;
            csv_table(&bytes)
        }
    }
}

/// A CSV file's text: UTF-8 (its BOM dropped), or else Windows-1252, which is also
/// what Latin-1 files turn out to be: the two agree on every printable letter.
pub fn decode(bytes: &[u8]) -> (String, Option<String>) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), None),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            let note = "the file is not UTF-8: read as Windows-1252 (Latin-1), as Excel on Windows saves CSV; check its accented letters".to_owned();
            (text.into_owned(), Some(note))
        }
    }
}

/// The delimiter of a CSV text: of `,` `;` tab `|`, the one that splits the header
/// line into the most cells, outside quotes (German Excel writes `;`).
pub fn sniff_delimiter(text: &str) -> u8 {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let count = |delimiter: char| {
        let mut quoted = false;
        let mut n = 0;
        for c in header.chars() {
            match c {
                '"' => quoted = !quoted,
                c if c == delimiter && !quoted => n += 1,
                _ => {}
            }
        }
        n
    };
    [b',', b';', b'\t', b'|']
        .into_iter()
        .max_by_key(|&d| (count(d as char), d == b','))
        .unwrap_or(b',')
}

fn csv_table(bytes: &[u8]) -> Result<Table, String> {
    let (text, note) = decode(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sniff_delimiter(&text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut table = Table {
        notes: note.into_iter().collect(),
        ..Table::default()
    };
    // Rows are numbered as a spreadsheet program shows them: a record is a row, even
    // when a quoted cell spans lines.
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("not a readable CSV file: {e}"))?;
        let cells: Vec<String> = record.iter().map(|c| c.trim().to_owned()).collect();
        push(&mut table, index + 1, cells);
    }
    Ok(table)
}

/// The header is the first row with any text; rows without any are skipped.
fn push(table: &mut Table, number: usize, cells: Vec<String>) {
    if cells.iter().all(String::is_empty) {
        return;
    }
    if table.headers.is_empty() {
        table.headers = cells;
    } else {
        table.rows.push((number, cells));
    }
}

fn workbook(path: &Path, sheet: Option<&str>) -> Result<Table, String> {
    let mut book =
        calamine::open_workbook_auto(path).map_err(|e| format!("not a readable workbook: {e}"))?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| n.as_str() == wanted)
            .cloned()
            .ok_or_else(|| {
                format!(
                    "it has no sheet `{wanted}`; its sheets are: {}",
                    names.join(", ")
                )
            })?,
        None => names.first().cloned().ok_or("the workbook has no sheet")?,
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|e| format!("cannot read sheet `{name}`: {e}"))?;
    let first_row = range.start().map_or(0, |(row, _)| row as usize);
    let mut table = Table::default();
    for (i, row) in range.rows().enumerate() {
        let cells = row.iter().map(cell_text).collect();
        push(&mut table, first_row + i + 1, cells);
    }
    Ok(table)
}

/// A cell as its text: whole numbers without `.0` (a year typed as 1961), dates in
/// ISO form.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_owned(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::DateTime(d) if d.is_datetime() => {
            let (year, month, day, ..) = d.to_ymd_hms_milli();
            format!("{year:04}-{month:02}-{day:02}")
        }
        // ODS writes a date cell as `1961-05-12` or `1961-05-12T00:00:00`.
        Data::DateTimeIso(s) => s.split('T').next().unwrap_or(s).to_owned(),
        other => other.to_string().trim().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_with_and_without_bom_and_windows_1252() {
        assert_eq!(decode("Görlitz".as_bytes()), ("Görlitz".to_owned(), None));
        assert_eq!(decode(b"\xEF\xBB\xBFG\xC3\xB6rlitz").0, "Görlitz");
        let (text, note) = decode(b"G\xF6rlitz;M\xFCnchen;Stra\xDFe \x80");
        assert_eq!(text, "Görlitz;München;Straße €");
        assert!(note.unwrap().contains("Windows-1252"));
    }

    #[test]
    fn sniffs_the_delimiter_of_the_header() {
        assert_eq!(sniff_delimiter("a,b,c\n1,2,3"), b',');
        assert_eq!(sniff_delimiter("Stadt;Land;\"seit, ca.\"\n"), b';');
        assert_eq!(sniff_delimiter("a\tb\tc"), b'\t');
        assert_eq!(sniff_delimiter("a|b|c"), b'|');
        assert_eq!(sniff_delimiter("city"), b',');
    }
}
