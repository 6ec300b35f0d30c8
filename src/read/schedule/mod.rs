//! The shift schedule (排班表, docs/definitions.md#fields) as shops lay it out: title rows, then a row of dates
//! (a date cell, "3月1号", "12月29日", "10/1", or day numbers 1…31 given a month), maybe a
//! weekday row above or below it, then one row per agent with a shift code under each date.
//! Columns such as 序号, 门店/館別 and 工号 may come before the name column; legends and
//! signatures may follow the agents. The long layout (one row per date) is read in `long`.
//! What counts as a schedule: docs/schedules.md.

mod dates;
mod kind;
mod long;
mod sheet;
mod title;
mod weekdays;
mod wide;

use dates::{DateContext, DateRow, row_dates};
use kind::attendance_by_names;
pub use kind::shift_ranges;
pub use sheet::{
    ALL_DAY, DayKind, LongLayout, MonthSource, NameFound, NotSchedule, ScheduleOptions, ScheduleRead, ScheduleRow,
    ScheduleSheet, column_letter, day_kind,
};
pub use title::{title_month, title_range};
use wide::WideSheet;

use super::cells::{Cell, clean_text};
use super::source::read_file;
use super::table::table_kind;
use super::types::{InputFile, SheetVisitor};
use crate::error::ReadError;
use crate::model::RowProblem;
use chrono::NaiveDate;

/// Read every schedule sheet of a file, and say why each other sheet is not one.
pub fn read_schedule(
    input: &InputFile,
    sheet: Option<&str>,
    options: &ScheduleOptions,
    problems: &mut Vec<RowProblem>,
) -> Result<ScheduleRead, ReadError> {
    let mut visitor = Visitor {
        file: input.name.clone(),
        options,
        sheet: String::new(),
        rows: Vec::new(),
        problems: Vec::new(),
        out: ScheduleRead::default(),
    };
    read_file(input, sheet, &mut visitor)?;
    problems.append(&mut visitor.problems);
    Ok(visitor.out)
}

struct Visitor<'a> {
    file: String,
    options: &'a ScheduleOptions<'a>,
    sheet: String,
    /// Every non-blank row of the sheet so far; the rest is skipped when neither a row of
    /// dates nor a long layout's header shows up among the first 30.
    rows: Vec<(u32, Vec<Cell>)>,
    /// The problems of the schedules read (a sheet found not to be one keeps none).
    problems: Vec<RowProblem>,
    out: ScheduleRead,
}

impl Visitor<'_> {
    /// The row of dates among the first 30: the most distinct dates, at least three; the title
    /// above it (its stated dates, else its month) dates day numbers, before `--month`.
    fn date_row(&self, rows: &[(u32, Vec<Cell>)]) -> Option<(usize, DateRow, MonthSource)> {
        let mut title: Option<(String, i32, u32)> = None;
        let mut range: Option<(String, NaiveDate, NaiveDate)> = None;
        let mut best: Option<(usize, DateRow, MonthSource)> = None;
        let mut best_count = 2;
        for (i, (_, cells)) in rows.iter().take(30).enumerate() {
            let ctx = DateContext {
                range: range.as_ref().map(|r| (r.1, r.2)),
                month: title.as_ref().map(|t| (t.1, t.2)).or(self.options.month),
                year: self.options.year,
            };
            let dates = row_dates(cells, ctx);
            let count = dates.distinct();
            if count > best_count {
                best_count = count;
                let full = dates.columns.iter().all(|(c, ..)| {
                    matches!(
                        dates::header_kind(&cells[*c]),
                        Some(dates::HeaderDate::Full(_)) | Some(dates::HeaderDate::Named(_))
                    )
                });
                let source = if full {
                    MonthSource::DateCells
                } else if let Some((t, a, b)) = &range {
                    MonthSource::TitleRange(t.clone(), *a, *b)
                } else if let Some((t, y, m)) = &title {
                    MonthSource::Title(t.clone(), *y, *m)
                } else if let Some((y, m)) = self.options.month {
                    MonthSource::MonthOption(y, m)
                } else {
                    MonthSource::AssumedYear(self.options.year)
                };
                best = Some((i, dates, source));
            }
            for c in cells {
                let Cell::Text(t) = c else { continue };
                let text = clean_text(t);
                if range.is_none()
                    && let Some((a, b)) = title_range(text)
                {
                    range = Some((text.to_string(), a, b));
                }
                if title.is_none()
                    && let Some((y, m)) = title_month(text)
                {
                    title = Some((text.to_string(), y, m));
                }
            }
        }
        best
    }

    fn finish_sheet(&mut self) {
        let rows = std::mem::take(&mut self.rows);
        if rows.is_empty() {
            return;
        }
        let sheet = self.sheet.clone();
        if attendance_by_names(&sheet, &rows) {
            self.out.others.push((sheet, NotSchedule::Attendance));
            return;
        }
        // An order, chat or report sheet is never a schedule, whatever dates its rows hold.
        let overrides = Default::default();
        if let Some(kind) = rows.iter().take(30).find_map(|(_, cells)| table_kind(cells, &overrides)) {
            self.out.others.push((sheet, NotSchedule::Table(kind)));
            return;
        }
        let mut problems = Vec::new();
        let built = match self.date_row(&rows) {
            Some((h, dates, source)) => {
                let wide = WideSheet { file: &self.file, sheet: &self.sheet, options: self.options };
                wide.build(&rows, h, dates, source, &mut problems)
            }
            None => match long::header(&rows) {
                Some(header) => long::read(&self.file, &sheet, &rows, &header, self.options, &mut problems),
                None => Err(NotSchedule::NoDates),
            },
        };
        match built {
            Ok(s) if s.rows.len() >= 2 => {
                self.problems.append(&mut problems);
                self.out.sheets.push(s);
            }
            Ok(s) => self.out.others.push((sheet, NotSchedule::TooFewAgents(s.rows.len()))),
            Err(why) => self.out.others.push((sheet, why)),
        }
    }
}

impl SheetVisitor for Visitor<'_> {
    fn begin_sheet(&mut self, sheet: &str) {
        self.sheet = sheet.to_string();
        self.rows.clear();
    }

    fn row(&mut self, row: u32, cells: &[Cell]) -> bool {
        if cells.iter().all(Cell::is_blank) {
            return true;
        }
        self.rows.push((row, cells.to_vec()));
        // Neither a row of dates nor a long layout's header among the first 30: not a
        // schedule, skip the rest of the sheet.
        !(self.rows.len() == 30 && self.date_row(&self.rows).is_none() && long::header(&self.rows).is_none())
    }

    fn end_sheet(&mut self) {
        self.finish_sheet();
    }
}
