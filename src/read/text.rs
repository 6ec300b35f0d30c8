//! Delimited text (CSV, TSV, "xls" exports that are text) through the csv crate, decoded
//! to UTF-8 on the fly, with Excel row numbers.

use super::cells::{Cell, set_text};
use super::types::{InputFile, SheetVisitor};
use crate::error::ReadError;
use crate::progress::Counted;
use std::fs::File;
use std::io::BufReader;

/// Delimited text through the csv crate, decoded to UTF-8 on the fly.
pub(super) fn read_text(input: &InputFile, visitor: &mut dyn SheetVisitor) -> Result<(), ReadError> {
    let file =
        Counted(File::open(&input.path).map_err(|e| ReadError::file(&input.name, crate::messages::system_error(&e)))?);
    let decoded = encoding_rs_io::DecodeReaderBytesBuilder::new()
        .encoding(input.encoding)
        .bom_override(true)
        .strip_bom(true)
        .build(BufReader::with_capacity(256 * 1024, file));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(input.delimiter)
        // `\n` alone ends a record so that line numbers stay right under CRLF; the `\r`
        // left on the last field is trimmed with the other whitespace.
        .terminator(csv::Terminator::Any(b'\n'))
        .from_reader(decoded);
    visitor.begin_sheet("");
    let mut record = csv::StringRecord::new();
    let mut embedded_before: u64 = 0;
    let mut cells: Vec<Cell> = Vec::new();

    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                // The csv crate dates a record from before the blank lines it skipped, so
                // the row is found from the line after its end, less its embedded newlines
                // (Excel shows a record with an embedded newline as one row).
                let start_line = record.position().map(|p| p.line()).unwrap_or(0);
                let end_line = reader.position().line();
                // A record on one line has none (most): its bytes are not scanned for them.
                let embedded: u64 = if end_line > start_line + 1 {
                    record.iter().map(|f| f.bytes().filter(|b| *b == b'\n').count() as u64).sum()
                } else {
                    0
                };
                let line = start_line.max(end_line.saturating_sub(1 + embedded));
                let row = line.saturating_sub(embedded_before) as u32;
                embedded_before += embedded;
                if cells.len() < record.len() {
                    cells.resize(record.len(), Cell::Empty);
                }
                for (slot, field) in cells.iter_mut().zip(record.iter()) {
                    set_text(slot, field.strip_suffix('\r').unwrap_or(field));
                }
                if !visitor.row(row, &cells[..record.len()]) {
                    break;
                }
            }
            Err(e) => {
                visitor.end_sheet();
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                return Err(ReadError::file(
                    &input.name,
                    msg!(
                        "reading.file.text_unreadable",
                        line = line,
                        detail = e,
                        encoding = input.encoding.map(|e| e.name()).unwrap_or("UTF-8")
                    ),
                ));
            }
        }
    }
    visitor.end_sheet();
    Ok(())
}
