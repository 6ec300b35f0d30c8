//! Opening files: format decided by content (docs/definitions.md#formats), text encodings, and streaming
//! rows to a visitor. Nothing above this module knows what calamine or csv are.

use super::cells::{Cell, set_text};
use super::qianniu::looks_like_qianniu;
use super::text::read_text;
use crate::error::ReadError;
use crate::progress::Counted;
use calamine::{DataRef, Reader, Xls, XlsOptions, Xlsb, Xlsx};
use encoding_rs::Encoding;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

pub use super::types::{FileFormat, InputFile, SheetVisitor};

/// Decide how to read a file from its first bytes (docs/definitions.md#formats). `encoding` forces one.
pub fn open(path: &Path, encoding: Option<&'static Encoding>) -> Result<InputFile, ReadError> {
    let name = path.display().to_string();
    let file = File::open(path).map_err(|e| {
        ReadError::file(&name, msg!("reading.file.cannot_open", reason = crate::messages::system_error(&e)))
    })?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let mut head = Vec::with_capacity(64 * 1024);
    file.take(64 * 1024).read_to_end(&mut head).map_err(|e| {
        ReadError::file(&name, msg!("reading.file.cannot_read", reason = crate::messages::system_error(&e)))
    })?;
    if head.is_empty() {
        return Err(ReadError::file(&name, msg!("reading.file.empty")));
    }
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let format = if head.starts_with(b"PK\x03\x04") {
        match ext.as_str() {
            "xlsb" => FileFormat::Xlsb,
            "ods" => FileFormat::Ods,
            _ => FileFormat::Xlsx,
        }
    } else if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        FileFormat::Xls
    } else {
        FileFormat::Text
    };
    let mut input = InputFile { path: path.to_path_buf(), name, format, encoding: None, delimiter: b',', size };
    if format == FileFormat::Text {
        let enc = encoding.unwrap_or_else(|| sniff_encoding(&head));
        let text = decode_sample(&head, enc);
        if looks_like_html(&text) {
            return Err(ReadError::file(&input.name, msg!("reading.file.html")));
        }
        if text.contains('\0') && !text.contains(['\t', ',', ';', '|']) {
            return Err(ReadError::file(&input.name, msg!("reading.file.not_a_table")));
        }
        input.encoding = Some(enc);
        input.delimiter = sniff_delimiter(&text);
        if looks_like_qianniu(&text) {
            input.format = FileFormat::QianniuText;
        }
    }
    Ok(input)
}

/// BOM first; else valid UTF-8; else GB18030 (docs/definitions.md#formats).
pub fn sniff_encoding(head: &[u8]) -> &'static Encoding {
    if let Some((enc, _)) = Encoding::for_bom(head) {
        return enc;
    }
    match std::str::from_utf8(head) {
        Ok(_) => encoding_rs::UTF_8,
        // A sample cut inside a character is still UTF-8.
        Err(e) if e.error_len().is_none() => encoding_rs::UTF_8,
        Err(_) => encoding_rs::GB18030,
    }
}

fn decode_sample(head: &[u8], enc: &'static Encoding) -> String {
    let (text, _, _) = enc.decode(head);
    text.into_owned()
}

fn looks_like_html(text: &str) -> bool {
    let start: String =
        text.trim_start_matches('\u{feff}').trim_start().chars().take(512).collect::<String>().to_ascii_lowercase();
    start.starts_with('<') && (start.contains("<html") || start.contains("<table") || start.contains("<!doctype"))
}

/// The delimiter that occurs most often in the first lines, among `,` `\t` `;` `|`.
pub fn sniff_delimiter(text: &str) -> u8 {
    let sample: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).take(30).collect();
    let mut best = (b',', 0usize);
    for d in [b',', b'\t', b';', b'|'] {
        // The busiest line is the header or a data row; title lines have few delimiters.
        let count = sample.iter().map(|l| l.bytes().filter(|b| *b == d).count()).max().unwrap_or(0);
        if count > best.1 {
            best = (d, count);
        }
    }
    best.0
}

/// Stream every sheet (or the one named) of `input` to `visitor`.
pub fn read_file(input: &InputFile, only_sheet: Option<&str>, visitor: &mut dyn SheetVisitor) -> Result<(), ReadError> {
    match input.format {
        FileFormat::Text => read_text(input, visitor),
        // Read by `read::qianniu`, which needs the whole conversation; nothing here.
        FileFormat::QianniuText => Ok(()),
        FileFormat::Xlsx => read_xlsx(input, only_sheet, visitor),
        FileFormat::Xlsb => read_xlsb(input, only_sheet, visitor),
        FileFormat::Xls | FileFormat::Ods => read_dense(input, only_sheet, visitor),
    }
}

fn select_sheets(input: &InputFile, names: Vec<String>, only: Option<&str>) -> Result<Vec<String>, ReadError> {
    match only {
        None => Ok(names),
        Some(want) => {
            if names.iter().any(|n| n == want) {
                Ok(vec![want.to_string()])
            } else {
                Err(ReadError::file(
                    &input.name,
                    msg!("reading.file.no_such_sheet", want = want, sheets = names.join(", ")),
                ))
            }
        }
    }
}

fn workbook_error(input: &InputFile, e: impl std::fmt::Display) -> ReadError {
    ReadError::file(&input.name, msg!("reading.file.not_a_workbook", detail = e))
}

/// xlsx streams cell by cell (TECH-NOTES: `worksheet_range` would hold every cell).
fn read_xlsx(input: &InputFile, only: Option<&str>, visitor: &mut dyn SheetVisitor) -> Result<(), ReadError> {
    let file =
        Counted(File::open(&input.path).map_err(|e| ReadError::file(&input.name, crate::messages::io_error(&e)))?);
    let mut book: Xlsx<_> = Xlsx::new(BufReader::new(file)).map_err(|e| workbook_error(input, e))?;
    let shift = if book.has_1904_epoch() { 1462.0 } else { 0.0 };
    for sheet in select_sheets(input, book.sheet_names(), only)? {
        let mut cells = book.worksheet_cells_reader(&sheet).map_err(|e| workbook_error(input, e))?;
        let mut rows = RowAssembler::new(visitor, &sheet);
        loop {
            match cells.next_cell() {
                Ok(Some(cell)) => {
                    let (r, c) = cell.get_position();
                    if !rows.put_ref(r, c, cell.get_value(), shift) {
                        break;
                    }
                }
                Ok(None) => break,
                Err(e) => {
                    rows.finish();
                    return Err(ReadError::sheet(&input.name, &sheet, msg!("reading.file.stopped", detail = e)));
                }
            }
        }
        rows.finish();
    }
    Ok(())
}

fn read_xlsb(input: &InputFile, only: Option<&str>, visitor: &mut dyn SheetVisitor) -> Result<(), ReadError> {
    let file =
        Counted(File::open(&input.path).map_err(|e| ReadError::file(&input.name, crate::messages::io_error(&e)))?);
    let mut book: Xlsb<_> = Xlsb::new(BufReader::new(file)).map_err(|e| workbook_error(input, e))?;
    let shift = if book.has_1904_epoch() { 1462.0 } else { 0.0 };
    for sheet in select_sheets(input, book.sheet_names(), only)? {
        let mut cells = book.worksheet_cells_reader(&sheet).map_err(|e| workbook_error(input, e))?;
        let mut rows = RowAssembler::new(visitor, &sheet);
        while let Some(cell) = cells.next_cell().map_err(|e| workbook_error(input, e))? {
            let (r, c) = cell.get_position();
            if !rows.put_ref(r, c, cell.get_value(), shift) {
                break;
            }
        }
        rows.finish();
    }
    Ok(())
}

/// xls and ods cannot stream in calamine; they are small enough to load whole.
fn read_dense(input: &InputFile, only: Option<&str>, visitor: &mut dyn SheetVisitor) -> Result<(), ReadError> {
    let file =
        Counted(File::open(&input.path).map_err(|e| ReadError::file(&input.name, crate::messages::io_error(&e)))?);
    let reader = BufReader::new(file);
    type SheetLoader = Box<dyn FnMut(&str) -> Result<calamine::Range<calamine::Data>, String>>;
    let (names, ranges): (Vec<String>, SheetLoader) = if input.format == FileFormat::Xls {
        let mut book = Xls::new_with_options(reader, XlsOptions::default()).map_err(|e| workbook_error(input, e))?;
        let names = book.sheet_names();
        (names, Box::new(move |s: &str| book.worksheet_range(s).map_err(|e| e.to_string())))
    } else {
        let mut book: calamine::Ods<_> = calamine::Ods::new(reader).map_err(|e| workbook_error(input, e))?;
        let names = book.sheet_names();
        (names, Box::new(move |s: &str| book.worksheet_range(s).map_err(|e| e.to_string())))
    };
    let mut ranges = ranges;
    for sheet in select_sheets(input, names, only)? {
        let range = ranges(&sheet).map_err(|e| workbook_error(input, e))?;
        let Some((r0, c0)) = range.start() else {
            visitor.begin_sheet(&sheet);
            visitor.end_sheet();
            continue;
        };
        let mut rows = RowAssembler::new(visitor, &sheet);
        'rows: for (i, row) in range.rows().enumerate() {
            for (j, value) in row.iter().enumerate() {
                let cell = convert_owned(value);
                if cell != Cell::Empty && !rows.put(r0 + i as u32, c0 + j as u32, cell) {
                    break 'rows;
                }
            }
        }
        rows.finish();
    }
    Ok(())
}

/// Collects cells (absolute positions, row-major) into rows for the visitor.
struct RowAssembler<'v> {
    visitor: &'v mut dyn SheetVisitor,
    row: Option<u32>,
    cells: Vec<Cell>,
    stopped: bool,
}

impl<'v> RowAssembler<'v> {
    fn new(visitor: &'v mut dyn SheetVisitor, sheet: &str) -> Self {
        visitor.begin_sheet(sheet);
        RowAssembler { visitor, row: None, cells: Vec::with_capacity(64), stopped: false }
    }

    fn put(&mut self, row: u32, col: u32, cell: Cell) -> bool {
        match self.slot(row, col) {
            Slot::Stop => false,
            Slot::Skip => true,
            Slot::Cell(slot) => {
                *slot = cell;
                true
            }
        }
    }

    /// Like `put`, reusing the slot's text buffer: no allocation per string cell.
    fn put_ref(&mut self, row: u32, col: u32, value: &DataRef<'_>, shift_1904: f64) -> bool {
        let text = match value {
            DataRef::SharedString(s) => Some(*s),
            DataRef::String(s) => Some(s.as_str()),
            _ => None,
        };
        match (self.slot(row, col), text) {
            (Slot::Stop, _) => false,
            (Slot::Skip, _) => true,
            (Slot::Cell(slot), Some(text)) => {
                set_text(slot, text);
                true
            }
            (Slot::Cell(slot), None) => {
                *slot = convert(value, shift_1904);
                true
            }
        }
    }

    /// The cell to fill at (row, col), flushing the previous row first.
    fn slot(&mut self, row: u32, col: u32) -> Slot<'_> {
        if self.row != Some(row) {
            if !self.flush() {
                return Slot::Stop;
            }
            self.row = Some(row);
        }
        let col = col as usize;
        // A stray cell far to the right would allocate a huge row; 16384 is Excel's limit.
        if col >= 16_384 {
            return Slot::Skip;
        }
        if self.cells.len() <= col {
            self.cells.resize(col + 1, Cell::Empty);
        }
        Slot::Cell(&mut self.cells[col])
    }

    fn flush(&mut self) -> bool {
        if let Some(r) = self.row.take() {
            let keep_going = self.visitor.row(r + 1, &self.cells);
            // Keep text buffers for the next row; an empty text reads as a blank cell.
            for cell in &mut self.cells {
                match cell {
                    Cell::Text(buf) => buf.clear(),
                    other => *other = Cell::Empty,
                }
            }
            if !keep_going {
                self.stopped = true;
                return false;
            }
        }
        true
    }

    fn finish(mut self) {
        if !self.stopped {
            self.flush();
        }
        self.visitor.end_sheet();
    }
}

enum Slot<'c> {
    Stop,
    Skip,
    Cell(&'c mut Cell),
}

fn convert(value: &DataRef<'_>, shift_1904: f64) -> Cell {
    match value {
        DataRef::Empty => Cell::Empty,
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::String(s) => Cell::Text(s.clone()),
        DataRef::SharedString(s) => Cell::Text((*s).to_string()),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(d) if d.is_duration() => Cell::Number(d.as_f64() * 86_400.0),
        DataRef::DateTime(d) => Cell::DateTime(d.as_f64() + shift_1904),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::Text(s.clone()),
        DataRef::Error(e) => Cell::Error(e.to_string()),
    }
}

fn convert_owned(value: &calamine::Data) -> Cell {
    use calamine::Data;
    match value {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Bool(*b),
        // xls/ods dates: calamine already reports them in the 1900 system's serials.
        Data::DateTime(d) if d.is_duration() => Cell::Number(d.as_f64() * 86_400.0),
        Data::DateTime(d) => Cell::DateTime(d.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}
