//! The reading layer (SPEC §3): files in, typed records and row problems out.
//! Every command reads through `read_inputs`.

pub mod cells;
pub mod fields;
pub mod records;
pub mod source;
pub mod table;

use crate::error::ReadError;
use crate::model::RowProblem;
use cells::Cell;
use encoding_rs::Encoding;
use fields::SheetKind;
pub use records::{OrderRow, Record};
use records::{RowContext, agent_summary_row, order_row};
use source::InputFile;
use std::path::PathBuf;
use table::{ColumnOverrides, TableInfo, TableReader, TableSink};

/// How to read: the options every command shares.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    pub encoding: Option<&'static Encoding>,
    pub sheet: Option<String>,
    pub overrides: ColumnOverrides,
    /// Keep each sheet's date range (`inspect`); costs a date parse per row.
    pub track_dates: bool,
}

/// What was read, besides the records: for `inspect`, the Rules and Issues sheets.
#[derive(Debug, Default)]
pub struct ReadSummary {
    pub files: Vec<InputFile>,
    pub tables: Vec<TableInfo>,
    pub problems: Vec<RowProblem>,
}

impl ReadSummary {
    pub fn tables_of(&self, kind: SheetKind) -> impl Iterator<Item = &TableInfo> {
        self.tables.iter().filter(move |t| t.kind == Some(kind))
    }

    pub fn rows_of(&self, kind: SheetKind) -> u64 {
        self.tables_of(kind).map(|t| t.data_rows).sum()
    }
}

/// Read every file; records of the `wanted` kinds go to `on_record` as they are read,
/// so memory holds what the caller keeps, not the files.
pub fn read_inputs(
    paths: &[PathBuf],
    options: &ReadOptions,
    wanted: &[SheetKind],
    on_record: &mut dyn FnMut(Record),
) -> Result<ReadSummary, ReadError> {
    let mut summary = ReadSummary::default();
    for path in paths {
        let input = source::open(path, options.encoding)?;
        let sink = RecordSink { wanted, on_record: &mut *on_record, problems: Vec::new() };
        let mut reader = TableReader::new(&input.name, &options.overrides, sink, options.track_dates);
        source::read_file(&input, options.sheet.as_deref(), &mut reader)?;
        summary.problems.append(&mut reader.sink.problems);
        summary.tables.append(&mut reader.tables);
        summary.files.push(input);
    }
    Ok(summary)
}

struct RecordSink<'a> {
    wanted: &'a [SheetKind],
    on_record: &'a mut dyn FnMut(Record),
    problems: Vec<RowProblem>,
}

impl TableSink for RecordSink<'_> {
    fn begin_table(&mut self, info: &TableInfo) -> bool {
        info.kind.is_some_and(|k| self.wanted.contains(&k))
    }

    fn row(&mut self, info: &TableInfo, row: u32, cells: &[Cell]) {
        let mut ctx = RowContext { info, row, cells, problems: &mut self.problems };
        let record = match info.kind {
            Some(SheetKind::Orders) => order_row(&mut ctx).map(Record::Order),
            Some(SheetKind::AgentSummary) => agent_summary_row(&mut ctx).map(Record::AgentSummary),
            _ => None,
        };
        if let Some(record) = record {
            (self.on_record)(record);
        }
    }

    fn end_table(&mut self, _info: &TableInfo) {}
}
