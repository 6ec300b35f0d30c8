//! The long layout of a roster: one row per date (or per date and shift), a date column, a
//! name column that may hold several names, and maybe a shift column (班次).
//! docs/schedules.md#the-long-layout

use super::dates::{HeaderDate, header_kind};
use super::kind::is_footer_line;
use super::sheet::{
    ALL_DAY, LongLayout, MonthSource, NameFound, NotSchedule, ScheduleOptions, ScheduleRow, ScheduleSheet,
    sheet_problem,
};
use super::title::title_month;
use crate::model::{Phrase, RowProblem};
use crate::read::cells::{Cell, clean_text, serial_to_datetime};
use chrono::NaiveDate;
use std::collections::BTreeMap;

const DATE_HEADERS: &[&str] = &["日期", "值班日期", "排班日期", "上班日期", "date"];
const NAME_HEADERS: &[&str] = &["姓名", "值班人员", "值班人", "值班客服", "客服", "人员", "员工", "name"];
const SHIFT_HEADERS: &[&str] = &["班次", "班别", "班次名称", "班型", "shift"];

/// One person's days: date → the codes of the shifts they are on that date (one or more), and
/// the date as written.
type Days = BTreeMap<NaiveDate, (Vec<String>, String)>;

/// Where the long layout's columns are.
#[derive(Debug, Clone)]
pub(super) struct LongHeader {
    /// Index into the sheet's rows.
    index: usize,
    date: usize,
    name: (usize, String),
    shift: Option<(usize, String)>,
}

fn find(cells: &[Cell], headers: &[&str]) -> Option<(usize, String)> {
    headers.iter().find_map(|h| {
        cells
            .iter()
            .position(|c| matches!(c, Cell::Text(t) if clean_text(t).eq_ignore_ascii_case(h)))
            .map(|c| (c, h.to_string()))
    })
}

/// A header row among the first 30 with a date column and a name column.
pub(super) fn header(rows: &[(u32, Vec<Cell>)]) -> Option<LongHeader> {
    rows.iter().take(30).enumerate().find_map(|(index, (_, cells))| {
        let (date, _) = find(cells, DATE_HEADERS)?;
        let name = find(cells, NAME_HEADERS).filter(|n| n.0 != date)?;
        let shift = find(cells, SHIFT_HEADERS).filter(|s| s.0 != date && s.0 != name.0);
        Some(LongHeader { index, date, name, shift })
    })
}

/// Several names in one cell: "小王 东东", "小王、东东", "小王,东东".
fn names(cell: &str) -> Vec<String> {
    cell.split(|c: char| c.is_whitespace() || matches!(c, '、' | ',' | '，' | '/' | ';' | '；'))
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect()
}

fn date_of(cell: &Cell, month: Option<(i32, u32)>, year: i32) -> Option<NaiveDate> {
    match cell {
        Cell::Number(n) | Cell::DateTime(n) if (30_000.0..80_000.0).contains(n) => {
            serial_to_datetime(*n).map(|t| t.date())
        }
        _ => match header_kind(cell)? {
            HeaderDate::Full(d) => Some(d),
            HeaderDate::MonthDay(m, d) => NaiveDate::from_ymd_opt(month.map_or(year, |x| x.0), m, d),
            HeaderDate::Day(d) => month.and_then(|(y, m)| NaiveDate::from_ymd_opt(y, m, d)),
            HeaderDate::Named(_) => None,
        },
    }
}

pub(super) fn read(
    file: &str,
    sheet: &str,
    rows: &[(u32, Vec<Cell>)],
    header: &LongHeader,
    options: &ScheduleOptions,
    problems: &mut Vec<RowProblem>,
) -> Result<ScheduleSheet, NotSchedule> {
    let problem = |problems: &mut Vec<RowProblem>, row: u32, column: &str, value: String, p: Phrase| {
        problems.push(sheet_problem(file, sheet, row, column.to_string(), value, p));
    };
    let header_row = rows[header.index].0;
    let title = rows[..header.index].iter().flat_map(|(_, cells)| cells).find_map(|c| match c {
        Cell::Text(t) => title_month(t).map(|m| (clean_text(t).to_string(), m)),
        _ => None,
    });
    let month = title.as_ref().map(|t| t.1).or(options.month);
    let layout = match (&header.shift, options.default_shift) {
        (Some((_, h)), _) => LongLayout::ShiftColumn(h.clone()),
        (None, Some(code)) => LongLayout::DefaultShift(code.to_string()),
        (None, None) => LongLayout::AllDay,
    };
    let cell =
        |cells: &[Cell], c: usize| cells.get(c).map(|x| clean_text(&x.display()).to_string()).unwrap_or_default();
    // name → (first row, date → (codes, the date as written))
    let mut people: BTreeMap<String, (u32, Days)> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut dates: BTreeMap<NaiveDate, String> = BTreeMap::new();
    let mut last: Option<(NaiveDate, String)> = None;
    // Whether every date cell carried its own year and month.
    let mut full_dates = true;
    for (row, cells) in &rows[header.index + 1..] {
        if is_footer_line(cells, header.name.0) {
            // A legend or signature line, below the roster or between its rows: skipped, and the
            // rows after it read. A date merged over shift rows does not run across it.
            last = None;
            continue;
        }
        let who = names(&cell(cells, header.name.0));
        let raw = cell(cells, header.date);
        // A date cell merged over a day's shift rows is empty below its first row.
        let date = match cells.get(header.date) {
            Some(c) if !c.is_blank() => {
                full_dates &= matches!(c, Cell::Number(_) | Cell::DateTime(_))
                    || matches!(header_kind(c), Some(HeaderDate::Full(_)));
                date_of(c, month, options.year)
            }
            _ => last.as_ref().map(|l| l.0),
        };
        let Some(date) = date else {
            if !who.is_empty() || !raw.is_empty() {
                problem(problems, *row, "", raw, Phrase::new("schedule.problem.long_no_date"));
            }
            continue;
        };
        let written = if raw.is_empty() { last.as_ref().map(|l| l.1.clone()).unwrap_or_default() } else { raw };
        last = Some((date, written.clone()));
        dates.entry(date).or_insert_with(|| written.clone());
        let code = match (&header.shift, &layout) {
            (Some((c, h)), _) => {
                let code = cell(cells, *c);
                if code.is_empty() {
                    if !who.is_empty() {
                        problem(problems, *row, h, String::new(), Phrase::new("schedule.problem.long_no_shift"));
                    }
                    continue;
                }
                code
            }
            (None, LongLayout::DefaultShift(code)) => code.clone(),
            _ => ALL_DAY.to_string(),
        };
        for name in who {
            let entry = people.entry(name.clone()).or_insert_with(|| {
                order.push(name.clone());
                (*row, BTreeMap::new())
            });
            // On the 早 and the 晚 row of one date: both shifts are theirs that day. The same
            // code twice is one shift.
            let (codes, _) = entry.1.entry(date).or_insert_with(|| (Vec::new(), written.clone()));
            if !codes.contains(&code) {
                codes.push(code.clone());
            }
        }
    }
    if dates.is_empty() {
        return Err(NotSchedule::NoDates);
    }
    let rows: Vec<ScheduleRow> = order
        .iter()
        .map(|name| {
            let (row, days) = &people[name];
            // The roster's other dates are days off for this person; a date with several shifts
            // has one entry per shift.
            let days = dates
                .iter()
                .flat_map(|(d, written)| match days.get(d) {
                    Some((codes, w)) => codes.iter().map(|code| (*d, code.clone(), w.clone())).collect(),
                    None => vec![(*d, String::new(), written.clone())],
                })
                .collect();
            ScheduleRow { agent: name.clone(), file: file.to_string(), sheet: sheet.to_string(), row: *row, days }
        })
        .collect();
    Ok(ScheduleSheet {
        file: file.to_string(),
        sheet: sheet.to_string(),
        date_row: header_row,
        weekday_rows: Vec::new(),
        name_column: header.name.0,
        name_found: NameFound::Header(header.name.1.clone()),
        month_source: match (title, options.month) {
            _ if full_dates => MonthSource::DateCells,
            (Some((t, (y, m))), _) => MonthSource::Title(t, y, m),
            (None, Some((y, m))) => MonthSource::MonthOption(y, m),
            (None, None) => MonthSource::DateCells,
        },
        rows,
        long: Some(layout),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn several_names_in_one_cell() {
        assert_eq!(names("小王 东东"), ["小王", "东东"]);
        assert_eq!(names("小王、东东，阿杰"), ["小王", "东东", "阿杰"]);
        assert_eq!(names("  "), Vec::<String>::new());
    }
}
