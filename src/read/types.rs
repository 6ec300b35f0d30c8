//! The types the files of `read` share, so that each reader and the dispatcher above them
//! import them from here rather than from one another: the file being read and the visitor
//! its rows stream to, what was found in a sheet, the row being made a record, and the chat
//! records that both chat sheets and 千牛 text exports give (docs/definitions.md#formats,
//! docs/definitions.md#fields). Of `read` it imports only cells and fields.

use super::cells::{Cell, CellError};
use super::fields::SheetKind;
use crate::model::{Origin, Phrase, RowProblem};
use chrono::NaiveDateTime;
use encoding_rs::Encoding;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

pub use crate::model::Side;

/// How a file is read, decided from its first bytes by `source::open`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    Xlsx,
    Xlsb,
    Ods,
    Xls,
    /// CSV, TSV or any delimited text, whatever the file is called.
    Text,
    /// A 千牛 聊天记录 text export (docs/definitions.md#formats).
    QianniuText,
}

/// A file opened for reading: its format and, for text, its encoding and delimiter.
#[derive(Debug, Clone)]
pub struct InputFile {
    pub path: PathBuf,
    /// The path as the user typed it, for messages.
    pub name: String,
    pub format: FileFormat,
    pub encoding: Option<&'static Encoding>,
    pub delimiter: u8,
    pub size: u64,
}

impl InputFile {
    /// The file's format for the Rules sheet and `inspect`: `text (gb18030, comma-separated)`.
    pub fn format_label(&self) -> Phrase {
        match (self.format, self.encoding) {
            (FileFormat::QianniuText, Some(enc)) => Phrase::new("format.qianniu").with("encoding", enc.name()),
            (FileFormat::Text, Some(enc)) => {
                let delimiter = match self.delimiter {
                    b'\t' => "delimiter.tab",
                    b';' => "delimiter.semicolon",
                    b'|' => "delimiter.pipe",
                    _ => "delimiter.comma",
                };
                Phrase::new("format.text").with("encoding", enc.name()).with_label("delimiter", delimiter)
            }
            (f, _) => Phrase::new("format.workbook").with("format", format!("{f:?}").to_lowercase()),
        }
    }
}

/// Receives the rows of every sheet of a file, in order.
pub trait SheetVisitor {
    fn begin_sheet(&mut self, sheet: &str);
    /// One row; `row` is the Excel row number (1-based). Return `false` to skip the rest
    /// of the sheet.
    fn row(&mut self, row: u32, cells: &[Cell]) -> bool;
    fn end_sheet(&mut self);
}

/// `[columns.<kind>] field = "header"` from the config, headers already normalised.
pub type ColumnOverrides = BTreeMap<SheetKind, BTreeMap<String, String>>;

#[derive(Debug, Clone)]
pub struct ColumnMap {
    pub field: &'static str,
    pub col: usize,
    /// The header cell as written in the file.
    pub header: String,
}

/// What was found in one sheet: its kind, header and column mapping (for `inspect` and
/// the Rules sheet) and how many data rows it had.
#[derive(Debug, Clone)]
pub struct TableInfo {
    pub file: Arc<str>,
    pub sheet: Arc<str>,
    pub kind: Option<SheetKind>,
    /// Excel row number of the header; 0 when none was found.
    pub header_row: u32,
    pub columns: Vec<ColumnMap>,
    pub unmapped: Vec<String>,
    /// Why the sheet is not used, when `kind` is None.
    pub why_unused: Option<Phrase>,
    pub data_rows: u64,
    /// Earliest and latest date of the rows, when asked for (`inspect`).
    pub date_range: Option<(NaiveDateTime, NaiveDateTime)>,
    /// Order sheets with paid, refund and total columns: the after-refund check (docs/definitions.md#fields).
    pub after_refund: Option<AfterRefund>,
    /// The export layout its headers tell, when known (`layouts::LAYOUTS`), used or not.
    pub layout: Option<&'static super::layouts::Layout>,
}

/// The docs/definitions.md#fields check of an order sheet whose paid column may already be net of refunds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AfterRefund {
    /// Rows with a positive refund.
    pub refunded_rows: u64,
    /// Of those, rows where paid + refund = total (±0.01).
    pub matching_rows: u64,
    /// The paid column is read as paid + refund on every row of the sheet.
    pub applied: bool,
    /// Decided by `[orders] paid_after_refund = "yes"|"no"`, not by the check.
    pub forced: bool,
}

impl TableInfo {
    /// A sheet found, nothing decided or counted yet.
    pub fn new(file: &str, sheet: &str, kind: Option<SheetKind>) -> Self {
        TableInfo {
            file: file.into(),
            sheet: sheet.into(),
            kind,
            header_row: 0,
            columns: Vec::new(),
            unmapped: Vec::new(),
            why_unused: None,
            data_rows: 0,
            date_range: None,
            after_refund: None,
            layout: None,
        }
    }

    pub fn col(&self, field: &str) -> Option<usize> {
        // Several fields of every row of millions: field names are a few ASCII bytes,
        // compared inline rather than through a call to memcmp each.
        let same = |a: &str| a.len() == field.len() && a.bytes().zip(field.bytes()).all(|(x, y)| x == y);
        self.columns.iter().find(|c| same(c.field)).map(|c| c.col)
    }

    /// An order sheet without a paid-time column: orders paid by status, dated by creation
    /// (docs/definitions.md#fields: JD's newer export, the 千牛 sub-order table).
    pub fn paid_by_status(&self) -> bool {
        self.kind == Some(SheetKind::Orders) && self.col("paid_at").is_none()
    }

    /// One row per item (子订单编号).
    pub fn item_level(&self) -> bool {
        self.kind == Some(SheetKind::Orders) && self.col("item_id").is_some()
    }

    pub fn header_of<'a>(&'a self, field: &'a str) -> &'a str {
        self.columns.iter().find(|c| c.field == field).map(|c| c.header.as_str()).unwrap_or(field)
    }
}

/// Builds row problems for one row, with file, sheet and row already filled in.
pub struct RowContext<'a> {
    pub info: &'a TableInfo,
    pub row: u32,
    pub cells: &'a [Cell],
    pub problems: &'a mut Vec<RowProblem>,
}

impl<'a> RowContext<'a> {
    pub fn cell(&self, field: &str) -> &'a Cell {
        static EMPTY: Cell = Cell::Empty;
        self.info.col(field).and_then(|c| self.cells.get(c)).unwrap_or(&EMPTY)
    }

    pub fn problem(&mut self, field: &str, problem: Phrase, action: Phrase) {
        self.problems.push(RowProblem {
            file: self.info.file.to_string(),
            sheet: self.info.sheet.to_string(),
            row: self.row,
            column: self.info.header_of(field).to_string(),
            value: self.cell(field).display(),
            problem,
            action,
        });
    }

    pub fn origin(&self) -> Origin {
        Origin { file: self.info.file.clone(), sheet: self.info.sheet.clone(), row: self.row }
    }

    /// An optional field that cannot be parsed is treated as empty and listed (docs/definitions.md#bad-rows).
    pub(super) fn optional<T>(&mut self, field: &str, parsed: Result<Option<T>, CellError>) -> Option<T> {
        match parsed {
            Ok(v) => v,
            Err(CellError(why)) => {
                self.problem(field, why, TREATED_AS_EMPTY);
                None
            }
        }
    }
}

pub const SKIPPED: Phrase = Phrase::new("action.row_skipped");
pub const TREATED_AS_EMPTY: Phrase = Phrase::new("action.treated_as_empty");

/// One chat message, from a message sheet or a 千牛 text export. Text borrows from the
/// row being read: ten million messages are not copied.
#[derive(Debug, Clone, PartialEq)]
pub struct ChatMessage<'c> {
    pub time: NaiveDateTime,
    /// The agent as written (a sub-account name is normalised in compute).
    pub agent: Cow<'c, str>,
    pub buyer: Cow<'c, str>,
    pub side: Side,
    pub content: Option<Cow<'c, str>>,
    pub lost_reason: Option<Cow<'c, str>>,
    /// The row (or text line) it was read from; the file and sheet are the table's.
    pub row: u32,
    /// The file and sheet it was read from (the sheet empty for text), for its shop.
    pub file: &'c std::sync::Arc<str>,
    pub sheet: &'c std::sync::Arc<str>,
    /// The sub-account's shop where the agent is written `店铺:客服` (docs/definitions.md#shops).
    pub sub_account_shop: Option<&'c str>,
}

/// One reception from an already-summarised 接待记录 sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionRow {
    pub agent: String,
    pub buyer: String,
    pub start: NaiveDateTime,
    pub first_response_secs: Option<f64>,
    pub avg_response_secs: Option<f64>,
    pub lost_reason: Option<String>,
    pub origin: Origin,
}

/// One service rating (服务评价, docs/definitions.md#fields): text grades or 1–5.
#[derive(Debug, Clone, PartialEq)]
pub struct RatingRow {
    pub agent: String,
    pub buyer: Option<String>,
    pub time: NaiveDateTime,
    /// 1–5.
    pub value: f64,
    /// 不满意原因, when the export has it.
    pub reason: Option<String>,
}
