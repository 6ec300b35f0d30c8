//! The shift schedule (排班表, SPEC §3.3): one row per agent, the name in the first column,
//! one column per date (a date, "3月1号", "12月29日", or a day number with `--month`).

use super::cells::{Cell, clean_text, parse_date_text, serial_to_datetime};
use super::source::{InputFile, SheetVisitor, read_file};
use crate::error::ReadError;
use crate::model::RowProblem;
use chrono::NaiveDate;

/// One agent's row: the codes under each date column, with where they were read.
#[derive(Debug, Clone, PartialEq)]
pub struct ScheduleRow {
    pub agent: String,
    pub file: String,
    pub sheet: String,
    pub row: u32,
    /// (date, code as written, the column's header).
    pub days: Vec<(NaiveDate, String, String)>,
}

/// The date a header cell names; `month` gives the year and month to day numbers and
/// year-less dates ("3月1号" takes `year`).
pub fn header_date(cell: &Cell, month: Option<(i32, u32)>, year: i32) -> Option<NaiveDate> {
    let day_of_month = |d: u32| month.and_then(|(y, m)| NaiveDate::from_ymd_opt(y, m, d));
    match cell {
        Cell::Number(n) if n.fract() == 0.0 && (1.0..=31.0).contains(n) => day_of_month(*n as u32),
        Cell::Number(n) | Cell::DateTime(n) if (30_000.0..80_000.0).contains(n) => {
            serial_to_datetime(*n).map(|t| t.date())
        }
        Cell::Text(raw) => {
            let s = clean_text(raw);
            if let Some(d) = parse_date_text(s) {
                return Some(d);
            }
            let s = s.trim_end_matches(['号', '日']);
            if let Some((m, d)) = s.split_once(['月', '/', '-', '.']) {
                let (m, d): (u32, u32) = (m.trim().parse().ok()?, d.trim().parse().ok()?);
                return NaiveDate::from_ymd_opt(month.map_or(year, |(y, _)| y), m, d);
            }
            s.parse::<u32>().ok().filter(|d| (1..=31).contains(d)).and_then(day_of_month)
        }
        _ => None,
    }
}

/// Read every schedule sheet of a file. A sheet is a schedule when a row among its first 30
/// has at least three date headers.
pub fn read_schedule(
    input: &InputFile,
    sheet: Option<&str>,
    month: Option<(i32, u32)>,
    year: i32,
    problems: &mut Vec<RowProblem>,
) -> Result<Vec<ScheduleRow>, ReadError> {
    let mut visitor = Visitor {
        file: input.name.clone(),
        month,
        year,
        sheet: String::new(),
        pending: Vec::new(),
        header: None,
        rows: Vec::new(),
        problems,
    };
    read_file(input, sheet, &mut visitor)?;
    Ok(visitor.rows)
}

struct Visitor<'p> {
    file: String,
    month: Option<(i32, u32)>,
    year: i32,
    sheet: String,
    pending: Vec<(u32, Vec<Cell>)>,
    /// Date columns: (column, date, header text).
    header: Option<Vec<(usize, NaiveDate, String)>>,
    rows: Vec<ScheduleRow>,
    problems: &'p mut Vec<RowProblem>,
}

impl Visitor<'_> {
    fn dates(&self, cells: &[Cell]) -> Vec<(usize, NaiveDate, String)> {
        cells
            .iter()
            .enumerate()
            .skip(1)
            .filter_map(|(c, cell)| header_date(cell, self.month, self.year).map(|d| (c, d, cell.display())))
            .collect()
    }

    fn agent_row(&mut self, row: u32, cells: &[Cell]) {
        let Some(header) = &self.header else { return };
        let agent = cells.first().map(|c| clean_text(&c.display()).to_string()).unwrap_or_default();
        let days: Vec<(NaiveDate, String, String)> = header
            .iter()
            .map(|(c, d, h)| {
                (*d, cells.get(*c).map(|x| clean_text(&x.display()).to_string()).unwrap_or_default(), h.clone())
            })
            .collect();
        if agent.is_empty() {
            if days.iter().any(|(_, code, _)| !code.is_empty()) {
                self.problems.push(RowProblem {
                    file: self.file.clone(),
                    sheet: self.sheet.clone(),
                    row,
                    column: String::new(),
                    value: String::new(),
                    problem: "shift codes without an agent name in the first column".into(),
                    action: "row skipped".into(),
                });
            }
            return;
        }
        self.rows.push(ScheduleRow { agent, file: self.file.clone(), sheet: self.sheet.clone(), row, days });
    }

    fn decide(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        let best = pending
            .iter()
            .enumerate()
            .map(|(i, (_, cells))| (i, self.dates(cells)))
            .max_by_key(|(i, d)| (d.len(), usize::MAX - i));
        if let Some((i, dates)) = best.filter(|(_, d)| d.len() >= 3) {
            self.header = Some(dates);
            for (row, cells) in &pending[i + 1..] {
                self.agent_row(*row, cells);
            }
        } else {
            self.header = Some(Vec::new());
        }
    }
}

impl SheetVisitor for Visitor<'_> {
    fn begin_sheet(&mut self, sheet: &str) {
        self.sheet = sheet.to_string();
        self.pending.clear();
        self.header = None;
    }

    fn row(&mut self, row: u32, cells: &[Cell]) -> bool {
        if cells.iter().all(Cell::is_blank) {
            return true;
        }
        if self.header.is_none() {
            self.pending.push((row, cells.to_vec()));
            if self.pending.len() >= 30 {
                self.decide();
            }
        } else {
            self.agent_row(row, cells);
        }
        true
    }

    fn end_sheet(&mut self) {
        if self.header.is_none() {
            self.decide();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_in_every_form() {
        let t = |s: &str| Cell::Text(s.into());
        let oct = Some((2026, 10));
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day);
        assert_eq!(header_date(&t("10月1号"), None, 2026), d(10, 1));
        assert_eq!(header_date(&t("12月29日"), None, 2026), d(12, 29));
        assert_eq!(header_date(&t("2026-10-03"), None, 2000), d(10, 3));
        assert_eq!(header_date(&t("5"), oct, 2000), d(10, 5));
        assert_eq!(header_date(&Cell::Number(31.0), oct, 2000), d(10, 31));
        assert_eq!(header_date(&t("5"), None, 2026), None, "a day number needs --month");
        assert_eq!(header_date(&t("姓名"), oct, 2026), None);
    }
}
