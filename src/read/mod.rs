//! The reading layer (docs/definitions.md#formats): files in, typed records and row problems out.
//! Every command reads through `read_inputs`.

pub mod cells;
pub(crate) mod chat_records;
pub(crate) mod fields;
pub(crate) mod layouts;
pub(crate) mod order_words;
mod pipeline;
pub mod qianniu;
pub(crate) mod records;
pub(crate) mod schedule;
pub mod source;
pub(crate) mod table;
mod text;
pub(crate) mod types;

use crate::error::ReadError;
use crate::model::{Money, PaidAfterRefund, RowProblem};
use crate::progress::{Counted, Reading};
use cells::Cell;
use encoding_rs::Encoding;
use fields::SheetKind;
pub use records::{OrderRow, Record};
use records::{agent_summary_row, order_row};
use std::path::PathBuf;
use table::{TableReader, TableSink};
use types::{AfterRefund, ColumnOverrides, InputFile, RowContext, TableInfo};

/// How to read: the options every command shares.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    pub encoding: Option<&'static Encoding>,
    pub sheet: Option<String>,
    pub overrides: ColumnOverrides,
    /// Keep each sheet's date range (`inspect`); costs a date parse per row.
    pub track_dates: bool,
    /// Show a progress bar on stderr while each file is read (set when stderr is a
    /// terminal): bytes read of the file's size, and rows (`crate::progress`).
    pub progress: bool,
    /// The progress bar's words in English (`--lang en`); Chinese otherwise.
    pub english: bool,
    /// `[orders] paid_after_refund` (docs/definitions.md#fields).
    pub paid_after_refund: PaidAfterRefund,
    /// Files read at once (`--threads`); 0 and 1 read one file after the other.
    pub threads: usize,
    /// Read a found but unwanted sheet to its end to count its rows (`inspect` and the
    /// Rules sheet show them); false stops at its header (a pass that reads the sheet
    /// again later).
    pub count_unwanted_rows: bool,
    /// `--mask-buyers`: once read, buyers' names are replaced by masks
    /// (docs/decisions.md#masked-buyers); the readers themselves read names as written.
    pub mask_buyers: bool,
    /// `--shop`: the shop of the files nothing else names (docs/definitions.md#shops).
    pub shop: Option<String>,
}

/// What was read, besides the records: for `inspect`, the Rules and Issues sheets.
#[derive(Debug, Default)]
pub struct ReadLog {
    pub files: Vec<InputFile>,
    pub tables: Vec<TableInfo>,
    pub problems: Vec<RowProblem>,
    /// Item rows of orders already read from an order-level sheet, not added again
    /// (docs/definitions.md#fields: the 千牛 main-order and sub-order tables given together).
    pub item_rows_left_out: u64,
    /// `--mask-buyers`: how many buyers' names were replaced by masks (None: not masked).
    pub buyers_masked: Option<usize>,
    /// Per file, in the order given: orders left out of it because a later export holds
    /// them too (the Rules sheet and `inspect` count them).
    pub orders_in_later_export: Vec<(String, u64)>,
    /// Order status texts in no list, once each (the Rules sheet and `inspect`).
    pub unknown_statuses: Vec<crate::model::UnknownStatus>,
    /// Per sheet, the shops its orders and messages belong to and what named each (`inspect`).
    pub shops: Vec<crate::shops::SheetShops>,
    /// Sub-account names kept apart per shop (docs/definitions.md#shops): (name, shops).
    pub persons_split: Vec<(String, Vec<String>)>,
    /// Buyers of no shop whose name is a buyer's of two or more named shops: joined to none
    /// (docs/definitions.md#shops).
    pub buyers_without_shop: u64,
    /// Every shop's name by number (`ShopId::index`): the unnamed shop's is empty.
    pub shop_names: Vec<String>,
}

impl ReadLog {
    pub fn tables_of(&self, kind: SheetKind) -> impl Iterator<Item = &TableInfo> {
        self.tables.iter().filter(move |t| t.kind == Some(kind))
    }

    pub fn rows_of(&self, kind: SheetKind) -> u64 {
        self.tables_of(kind).map(|t| t.data_rows).sum()
    }

    /// (file, sheet) of the order sheets whose paid column is read as paid + refund.
    pub fn after_refund_sheets(&self) -> Vec<(std::sync::Arc<str>, std::sync::Arc<str>)> {
        self.tables_of(SheetKind::Orders)
            .filter(|t| t.after_refund.is_some_and(|a| a.applied))
            .map(|t| (t.file.clone(), t.sheet.clone()))
            .collect()
    }
}

/// Read every file; records of the `wanted` kinds go to `on_record` as they are read,
/// so memory holds what the caller keeps, not the files.
///
/// With `options.threads` > 1, each file is parsed on a thread of its own while this one
/// makes the records (`pipeline`), one file after the other: memory stays a few batches of
/// rows. Reading further files ahead on more threads held each of them whole as owned
/// records (1.6 GB for a month in five files) and was no faster: making the records and
/// what the caller does with them, on this thread, is the slower half. `on_record` sees the
/// same records in the same order, and the summary is the same, whatever the threads.
pub fn read_inputs(
    paths: &[PathBuf],
    options: &ReadOptions,
    wanted: &[SheetKind],
    on_record: &mut dyn FnMut(Record<'_>),
) -> Result<ReadLog, ReadError> {
    let mut summary = ReadLog::default();
    let pipelined = options.threads > 1;
    for path in paths {
        read_one(path, options, wanted, options.progress, pipelined, &mut summary, on_record)?;
    }
    Ok(summary)
}

/// Read one file into `summary`, its records to `on_record`; `pipelined`: parsed on a
/// thread of its own while this one makes the records.
fn read_one(
    path: &std::path::Path,
    options: &ReadOptions,
    wanted: &[SheetKind],
    show_progress: bool,
    pipelined: bool,
    summary: &mut ReadLog,
    on_record: &mut dyn FnMut(Record<'_>),
) -> Result<(), ReadError> {
    let input = source::open(path, options.encoding)?;
    // A 千牛 text export is read twice (`qianniu::parse`).
    let passes = if input.format == source::FileFormat::QianniuText { 2 } else { 1 };
    let mut progress = show_progress.then(|| Reading::start(&input.name, input.size, passes, options.english));
    if input.format == source::FileFormat::QianniuText {
        if wanted.contains(&SheetKind::ChatMessages) || options.track_dates {
            summary.tables.push(read_qianniu(&input, &mut summary.problems, &mut progress, on_record)?);
        } else {
            // Not read, but named: "FILE: a chats sheet" tells the user what went wrong.
            summary.tables.push(TableInfo::new(&input.name, "", Some(SheetKind::ChatMessages)));
        }
        summary.files.push(input);
        return Ok(());
    }
    let sink = RecordSink {
        wanted,
        on_record: &mut *on_record,
        problems: Vec::new(),
        progress,
        paid_after_refund: options.paid_after_refund,
        after_refund: AfterRefund::default(),
    };
    let mut reader = TableReader::new(&input.name, &options.overrides, sink, options.track_dates);
    reader.count_unwanted_rows = options.count_unwanted_rows;
    if pipelined {
        pipeline::read_file(&input, options.sheet.as_deref(), &mut reader)?;
    } else {
        source::read_file(&input, options.sheet.as_deref(), &mut reader)?;
    }
    // The bar cleared before anything else is said.
    drop(reader.sink.progress.take());
    summary.problems.append(&mut reader.sink.problems);
    summary.tables.append(&mut reader.tables);
    summary.files.push(input);
    Ok(())
}

/// A 千牛 text export is one table of chat messages with no header row.
fn read_qianniu(
    input: &InputFile,
    problems: &mut Vec<RowProblem>,
    progress: &mut Option<Reading>,
    on_record: &mut dyn FnMut(Record<'_>),
) -> Result<TableInfo, ReadError> {
    let cannot_read = |e: std::io::Error| {
        ReadError::file(&input.name, msg!("reading.file.cannot_read", reason = crate::messages::system_error(&e)))
    };
    let file: std::sync::Arc<str> = input.name.as_str().into();
    let (mut rows, mut date_range) = (0u64, None);
    let mut open = || -> std::io::Result<Box<dyn qianniu::LineSource>> {
        Ok(Box::new(FileLines::open(&input.path, input.encoding.unwrap_or(encoding_rs::UTF_8))?))
    };
    qianniu::parse(&mut open, &file, problems, &mut |m| {
        rows += 1;
        if let Some(p) = progress {
            p.row();
        }
        let (from, to) = date_range.unwrap_or((m.time, m.time));
        date_range = Some((from.min(m.time), to.max(m.time)));
        on_record(Record::ChatMessage(m));
    })
    .map_err(cannot_read)?;
    let info =
        TableInfo { data_rows: rows, date_range, ..TableInfo::new(&input.name, "", Some(SheetKind::ChatMessages)) };
    Ok(info)
}

/// A text file's lines, decoded to UTF-8 as they are read (a BOM decides the encoding and
/// is dropped, as when the whole file is decoded at once).
struct FileLines {
    reader: std::io::BufReader<encoding_rs_io::DecodeReaderBytes<Counted<std::fs::File>, Vec<u8>>>,
    bytes: Vec<u8>,
}

impl FileLines {
    fn open(path: &std::path::Path, encoding: &'static encoding_rs::Encoding) -> std::io::Result<Self> {
        let decoded = encoding_rs_io::DecodeReaderBytesBuilder::new()
            .encoding(Some(encoding))
            .bom_override(true)
            .strip_bom(true)
            .build(Counted(std::fs::File::open(path)?));
        Ok(FileLines { reader: std::io::BufReader::with_capacity(256 * 1024, decoded), bytes: Vec::new() })
    }
}

impl qianniu::LineSource for FileLines {
    fn read_line(&mut self, line: &mut String) -> std::io::Result<bool> {
        use std::io::BufRead;
        line.clear();
        self.bytes.clear();
        if self.reader.read_until(b'\n', &mut self.bytes)? == 0 {
            return Ok(false);
        }
        // Without its ending: `\n` or `\r\n` (as `str::lines`).
        let mut end = self.bytes.len();
        if self.bytes[..end].ends_with(b"\n") {
            end -= 1;
            if self.bytes[..end].ends_with(b"\r") {
                end -= 1;
            }
        }
        line.push_str(&String::from_utf8_lossy(&self.bytes[..end]));
        Ok(true)
    }
}

struct RecordSink<'a> {
    wanted: &'a [SheetKind],
    on_record: &'a mut dyn FnMut(Record<'_>),
    problems: Vec<RowProblem>,
    progress: Option<Reading>,
    paid_after_refund: PaidAfterRefund,
    /// The current order sheet's after-refund check, row by row.
    after_refund: AfterRefund,
}

impl TableSink for RecordSink<'_> {
    fn begin_table(&mut self, info: &TableInfo) -> bool {
        self.after_refund = AfterRefund::default();
        info.kind.is_some_and(|k| self.wanted.contains(&k))
    }

    fn row(&mut self, info: &TableInfo, row: u32, cells: &[Cell]) {
        if let Some(p) = &mut self.progress {
            p.row();
        }
        let mut ctx = RowContext { info, row, cells, problems: &mut self.problems };
        let record = match info.kind {
            Some(SheetKind::Orders) => order_row(&mut ctx).map(|row| {
                observe_after_refund(&mut self.after_refund, row.paid_amount, row.refund_amount, row.total);
                Record::Order(row)
            }),
            Some(SheetKind::AgentReport) => agent_summary_row(&mut ctx).map(Record::AgentReportLine),
            Some(SheetKind::ChatMessages) => chat_records::message_row(&mut ctx).map(Record::ChatMessage),
            Some(SheetKind::ChatSessions) => chat_records::session_row(&mut ctx).map(Record::Session),
            Some(SheetKind::Ratings) => chat_records::rating_row(&mut ctx).map(Record::Rating),
            _ => None,
        };
        if let Some(record) = record {
            (self.on_record)(record);
        }
    }

    fn end_table(&mut self, info: &mut TableInfo) {
        if info.kind == Some(SheetKind::Orders) && info.col("refund_amount").is_some() {
            info.after_refund =
                decide_after_refund(self.after_refund, self.paid_after_refund, info.col("total").is_some());
        }
    }
}

/// docs/definitions.md#fields: a row with a positive refund counts; it matches when paid + refund = total.
fn observe_after_refund(check: &mut AfterRefund, paid: Money, refund: Option<Money>, total: Option<Money>) {
    let Some(refund) = refund.filter(|r| *r > Money::ZERO) else { return };
    check.refunded_rows += 1;
    if total.is_some_and(|t| (paid + refund - t).abs() <= Money::new(1, 2)) {
        check.matching_rows += 1;
    }
}

/// The sheet's decision: `auto` applies when at least one row has a refund and every such
/// row matches; `yes`/`no` decide for every sheet with a refund column.
fn decide_after_refund(check: AfterRefund, mode: PaidAfterRefund, has_total: bool) -> Option<AfterRefund> {
    match mode {
        PaidAfterRefund::Auto if !has_total => None,
        PaidAfterRefund::Auto => Some(AfterRefund {
            applied: check.refunded_rows > 0 && check.matching_rows == check.refunded_rows,
            forced: false,
            ..check
        }),
        PaidAfterRefund::Yes => Some(AfterRefund { applied: true, forced: true, ..check }),
        PaidAfterRefund::No => Some(AfterRefund { applied: false, forced: true, ..check }),
    }
}
