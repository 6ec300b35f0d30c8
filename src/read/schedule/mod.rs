//! The shift schedule (排班表, SPEC §3.3) as shops lay it out: title rows, then a row of dates
//! (a date cell, "3月1号", "12月29日", "10/1", or day numbers 1…31 given a month), maybe a
//! weekday row above or below it, then one row per agent with a shift code under each date.
//! Columns such as 序号, 门店/館別 and 工号 may come before the name column; legends and
//! signatures may follow the agents. The long layout (one row per date) is read in `long`.
//! What counts as a schedule: docs/schedules.md.

mod dates;
mod kind;
mod long;

use dates::{DateContext, DateRow, is_weekday_row, row_dates, weekday_disagreements};
pub use dates::{title_month, title_range};
use kind::{attendance_by_names, is_attendance_cell, is_footer_line, looks_like_code};

use super::cells::{Cell, clean_text};
use super::fields::SheetKind;
use super::source::{InputFile, SheetVisitor, read_file};
use crate::error::ReadError;
use crate::model::{Phrase, RowProblem};
use chrono::NaiveDate;
use std::collections::BTreeSet;

/// Codes meaning a day off (SPEC §3.3); an empty cell is off too.
pub const OFF_CODES: &[&str] = &["休", "休息", "off"];
/// Leave codes: a day off, counted per agent as leave (SPEC §3.3).
pub const LEAVE_CODES: &[&str] = &["病假", "事假", "年假", "调休"];
/// Headers naming the name column, in priority order (SPEC §3.3).
pub const NAME_HEADERS: &[&str] = &["姓名", "客服", "员工", "名字", "name"];

/// What a cell under a date says about that day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayKind {
    Off,
    Leave,
    /// Anything else: a shift code, known to `[shifts]` or not.
    Code,
}

pub fn day_kind(code: &str) -> DayKind {
    let code = code.trim();
    if code.is_empty() || OFF_CODES.iter().any(|c| c.eq_ignore_ascii_case(code)) {
        DayKind::Off
    } else if LEAVE_CODES.contains(&code) {
        DayKind::Leave
    } else {
        DayKind::Code
    }
}

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

/// How the name column was found (shown by `inspect`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameFound {
    /// A header cell 姓名, 客服, 员工, 名字 or name (also "日期/姓名", "员工姓名").
    Header(String),
    /// No such header: the nearest column left of the dates that holds text in agent rows.
    FirstTextLeftOfDates,
}

/// Where the year and month of the dates came from (shown by `inspect`). A title in the
/// file wins over `--month`: the file knows which month it lays out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MonthSource {
    /// The date cells carry their year and month.
    DateCells,
    /// `--month` (day numbers or dates without a year).
    MonthOption(i32, u32),
    /// A title such as "2024年9月员工排班表".
    Title(String, i32, u32),
    /// A title that states the roster's dates ("2025年3月21日至2025年4月20日客服排班表").
    TitleRange(String, NaiveDate, NaiveDate),
    /// Dates without a year and no month given: this year was assumed.
    AssumedYear(i32),
}

/// One schedule sheet as read.
#[derive(Debug, Clone, PartialEq)]
pub struct ScheduleSheet {
    pub file: String,
    pub sheet: String,
    /// Excel row numbers (1-based).
    pub date_row: u32,
    pub weekday_rows: Vec<u32>,
    /// 0-based column index.
    pub name_column: usize,
    pub name_found: NameFound,
    pub month_source: MonthSource,
    pub rows: Vec<ScheduleRow>,
    /// The long layout (one row per date): whether it has a shift column.
    pub long: Option<LongLayout>,
}

/// How a long-layout roster gives its shifts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LongLayout {
    /// A 班次 column: its header.
    ShiftColumn(String),
    /// No shift column: `[schedule] default_shift` applied.
    DefaultShift(String),
    /// No shift column and no default shift: on duty all day (`ALL_DAY`).
    AllDay,
}

/// The code a long-layout roster without shifts gives its names: on duty all day.
pub const ALL_DAY: &str = "全天";

/// Why a sheet is not read as a schedule (said by `inspect` and `schedule`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotSchedule {
    /// A 钉钉/企业微信 attendance export (考勤): clock times, not planned shifts.
    Attendance,
    /// A table of another kind (orders, chats, a per-agent report).
    Table(SheetKind),
    /// No row of dates (nor a date and a name column) among the first 30 rows.
    NoDates,
    /// Fewer than two rows with a shift code, 休 or leave under the dates.
    TooFewAgents(usize),
}

impl NotSchedule {
    /// Why the sheet is not a schedule, said in the reader's language by the report layer.
    pub fn phrase(&self, sheet: &str) -> Phrase {
        let sheet = if sheet.is_empty() { "(text)".to_string() } else { sheet.to_string() };
        match self {
            NotSchedule::Attendance => Phrase::new("schedule.why.attendance").with("sheet", sheet),
            NotSchedule::Table(kind) => {
                Phrase::new("schedule.why.table").with("sheet", sheet).with_label("kind", kind.label_key())
            }
            NotSchedule::NoDates => Phrase::new("schedule.why.no_dates").with("sheet", sheet),
            NotSchedule::TooFewAgents(n) => Phrase::new("schedule.why.few_agents").with("sheet", sheet).with("n", n),
        }
    }
}

/// Everything `read_schedule` found in a file.
#[derive(Debug, Clone, Default)]
pub struct ScheduleRead {
    pub sheets: Vec<ScheduleSheet>,
    /// (sheet, why) for each sheet that is not a schedule.
    pub others: Vec<(String, NotSchedule)>,
}

impl ScheduleRead {
    /// An attendance export: some sheet is one and none is a roster.
    pub fn is_attendance(&self) -> bool {
        self.sheets.is_empty() && self.others.iter().any(|o| o.1 == NotSchedule::Attendance)
    }
}

/// How to read schedules: `month` from `--month`, `year` for dates without one when nothing
/// else gives it, `codes` the `[shifts]` codes (a row with none of them, nor 休 or a leave
/// code, is not an agent; with no codes at all, any short text but a weekday name or a time
/// counts), `default_shift` for a long-layout roster without a shift column.
pub struct ScheduleOptions<'a> {
    pub month: Option<(i32, u32)>,
    pub year: i32,
    pub codes: &'a BTreeSet<String>,
    pub default_shift: Option<&'a str>,
}

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

/// A header cell naming the name column: the priority of the alias it matches.
fn name_header(cell: &Cell) -> Option<usize> {
    let Cell::Text(raw) = cell else { return None };
    let s = clean_text(raw).to_ascii_lowercase();
    s.split(['/', '\\', '\n', '／', '、', '|'])
        .filter_map(|part| {
            let part = part.trim();
            NAME_HEADERS.iter().position(|h| *h == part).or_else(|| part.ends_with("姓名").then_some(0))
        })
        .min()
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

/// A problem of one schedule sheet.
pub(crate) fn sheet_problem(
    file: &str,
    sheet: &str,
    row: u32,
    column: String,
    value: String,
    problem: Phrase,
) -> RowProblem {
    // What was done follows from what is wrong: a column left out, the dates kept, the first kept.
    let action = match problem.key {
        "schedule.problem.no_such_day" | "schedule.problem.column_not_dated" | "schedule.problem.outside_title" => {
            Phrase::new("schedule.action.column_left_out")
        }
        "schedule.problem.named_weekday_disagrees" | "schedule.problem.weekday_row_disagrees" => {
            Phrase::new("schedule.action.dates_kept")
        }
        "schedule.problem.conflict_same_sheet" => Phrase::new("schedule.action.first_kept"),
        _ => super::records::SKIPPED,
    };
    RowProblem { file: file.to_string(), sheet: sheet.to_string(), row, column, value, problem, action }
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
        if let Some(kind) = rows.iter().take(30).find_map(|(_, cells)| super::table::table_kind(cells, &overrides)) {
            self.out.others.push((sheet, NotSchedule::Table(kind)));
            return;
        }
        let mut problems = Vec::new();
        let built = match self.date_row(&rows) {
            Some((h, dates, source)) => self.build(&rows, h, dates, source, &mut problems),
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

    fn build(
        &self,
        rows: &[(u32, Vec<Cell>)],
        h: usize,
        date_row: DateRow,
        month_source: MonthSource,
        problems: &mut Vec<RowProblem>,
    ) -> Result<ScheduleSheet, NotSchedule> {
        let problem = |problems: &mut Vec<RowProblem>, row: u32, column: String, value: String, p: Phrase| {
            problems.push(sheet_problem(&self.file, &self.sheet, row, column, value, p));
        };
        let dates = date_row.columns;
        let first_date_col = dates.iter().map(|d| d.0).min().unwrap_or(0);
        let last_date_col = dates.iter().map(|d| d.0).max().unwrap_or(0);
        let ctx = DateContext {
            range: match &month_source {
                MonthSource::TitleRange(_, a, b) => Some((*a, *b)),
                _ => None,
            },
            month: match &month_source {
                MonthSource::MonthOption(y, m) | MonthSource::Title(_, y, m) => Some((*y, *m)),
                MonthSource::TitleRange(_, a, _) => Some((chrono::Datelike::year(a), chrono::Datelike::month(a))),
                _ => None,
            },
            year: self.options.year,
        };
        let cell =
            |cells: &[Cell], c: usize| cells.get(c).map(|x| clean_text(&x.display()).to_string()).unwrap_or_default();
        let is_weekday = |i: usize| rows.get(i).is_some_and(|(_, cells)| is_weekday_row(cells, &dates));
        let weekday_rows: Vec<usize> =
            [h.checked_sub(1), Some(h + 1)].into_iter().flatten().filter(|i| is_weekday(*i)).collect();
        // Without [shifts] (inspect with no config) short texts pass as codes.
        let codes = self.options.codes;
        let known = |code: &str| {
            day_kind(code) != DayKind::Code || codes.contains(code) || (codes.is_empty() && looks_like_code(code))
        };
        // A header row repeated for a second group: the same dates under the same columns.
        let repeats_dates =
            |cells: &[Cell]| row_dates(cells, ctx).columns.iter().filter(|x| dates.contains(x)).count() >= 3;
        // An attendance export's day cells hold clock times and verdicts, not shift codes.
        let attendance_rows = rows[h + 1..]
            .iter()
            .filter(|(_, cells)| {
                let filled: Vec<String> =
                    dates.iter().map(|(c, ..)| cell(cells, *c)).filter(|v| !v.is_empty()).collect();
                !filled.is_empty() && filled.iter().filter(|v| is_attendance_cell(v)).count() * 2 > filled.len()
            })
            .count();
        if attendance_rows >= 2 {
            return Err(NotSchedule::Attendance);
        }
        // The name column: by its header in the date row or a row beside it, else the nearest
        // text column left of the dates.
        let header = [Some(h), Some(h + 1), h.checked_sub(1)]
            .into_iter()
            .flatten()
            .filter_map(|i| rows.get(i))
            .flat_map(|(_, cells)| {
                cells
                    .iter()
                    .take(first_date_col)
                    .enumerate()
                    .filter_map(|(c, x)| name_header(x).map(|p| (p, c, x.display())))
            })
            .min_by_key(|(p, c, _)| (*p, *c));
        // Rows below the dates up to the first legend or signature line.
        let footer =
            (h + 1..rows.len()).find(|i| is_footer_line(&rows[*i].1, header.as_ref().map_or(usize::MAX, |x| x.1)));
        let body = h + 1..footer.unwrap_or(rows.len());
        let candidates: Vec<usize> = body
            .clone()
            .filter(|i| {
                !is_weekday(*i)
                    && !repeats_dates(&rows[*i].1)
                    && dates.iter().any(|(c, ..)| known(&cell(&rows[*i].1, *c)) && !cell(&rows[*i].1, *c).is_empty())
            })
            .collect();
        let texty = |c: usize| {
            let text = candidates
                .iter()
                .filter(|i| {
                    let v = cell(&rows[**i].1, c);
                    matches!(rows[**i].1.get(c), Some(Cell::Text(_)))
                        && !v.is_empty()
                        && !v.chars().all(|ch| ch.is_ascii_digit())
                })
                .count();
            text * 2 > candidates.len()
        };
        let (name_column, name_found) = match header {
            Some((_, c, text)) => (c, NameFound::Header(clean_text(&text).to_string())),
            None => match (0..first_date_col).rev().find(|c| texty(*c)) {
                Some(c) => (c, NameFound::FirstTextLeftOfDates),
                None if candidates.len() < 2 => return Err(NotSchedule::TooFewAgents(0)),
                None => {
                    problem(problems, rows[h].0, String::new(), String::new(), Phrase::new("problem.no_name_column"));
                    return Err(NotSchedule::TooFewAgents(0));
                }
            },
        };
        // No column of the date row is left out without saying so.
        let (date_excel_row, date_cells) = (&rows[h].0, &rows[h].1);
        for p in &date_row.problems {
            let mut phrase = Phrase::new(p.key);
            if let Some(d) = p.date {
                phrase = phrase.with("date", d.format("%Y-%m-%d")).with("month", d.format("%Y-%m"));
            }
            problem(problems, *date_excel_row, column_letter(p.column), p.header.clone(), phrase);
        }
        for (c, x) in date_cells.iter().enumerate() {
            let undated =
                !x.is_blank() && !dates.iter().any(|d| d.0 == c) && !date_row.problems.iter().any(|p| p.column == c);
            if undated && c > first_date_col && c < last_date_col {
                problem(
                    problems,
                    *date_excel_row,
                    column_letter(c),
                    x.display(),
                    Phrase::new("schedule.problem.column_not_dated"),
                );
            }
        }
        // A weekday row that disagrees with the dates: the dates win, and it is said once per row.
        for i in &weekday_rows {
            let wrong = weekday_disagreements(&rows[*i].1, &dates);
            if let Some((header, word, date)) = wrong.first() {
                let phrase = Phrase::new("schedule.problem.weekday_row_disagrees")
                    .with("n", wrong.len())
                    .with("header", header)
                    .with("written", word)
                    .with("date", date.format("%Y-%m-%d"))
                    .with_label(
                        "weekday",
                        WEEKDAY_KEYS[chrono::Datelike::weekday(date).num_days_from_monday() as usize],
                    );
                problem(problems, rows[*i].0, String::new(), word.clone(), phrase);
            }
        }
        let mut agents = Vec::new();
        for (i, (row, cells)) in rows.iter().enumerate().take(body.end).skip(h + 1) {
            if is_weekday(i) {
                continue;
            }
            let name = cell(cells, name_column);
            let codes: Vec<String> = dates.iter().map(|(c, ..)| cell(cells, *c)).collect();
            let filled: Vec<&String> = codes.iter().filter(|c| !c.is_empty()).collect();
            if name_header(&Cell::Text(name.clone())).is_some() || repeats_dates(cells) {
                continue; // a repeated header row (姓名, dates), not an agent
            }
            if !candidates.contains(&i) {
                if !filled.is_empty() || !name.is_empty() {
                    // What the user sees at the row's start: the name, else a label such as 在岗人数.
                    let label = (0..first_date_col).map(|c| cell(cells, c)).find(|v| !v.is_empty());
                    let value = if name.is_empty() {
                        label.unwrap_or_else(|| filled.iter().take(3).map(|s| s.as_str()).collect::<Vec<_>>().join(" "))
                    } else {
                        name
                    };
                    problem(problems, *row, String::new(), value, Phrase::new("problem.no_shift_codes"));
                }
                continue;
            }
            if name.contains([':', '：']) {
                continue; // 排班人：…, a signature line, not a 店铺:客服 sub-account
            }
            if name.is_empty() {
                problem(problems, *row, String::new(), String::new(), Phrase::new("problem.codes_without_name"));
                continue;
            }
            let days = dates.iter().zip(codes).map(|((_, d, header), code)| (*d, code, header.clone())).collect();
            agents.push(ScheduleRow {
                agent: name,
                file: self.file.clone(),
                sheet: self.sheet.clone(),
                row: *row,
                days,
            });
        }
        Ok(ScheduleSheet {
            file: self.file.clone(),
            sheet: self.sheet.clone(),
            date_row: rows[h].0,
            weekday_rows: weekday_rows.iter().map(|i| rows[*i].0).collect(),
            name_column,
            name_found,
            month_source,
            rows: agents,
            long: None,
        })
    }
}

const WEEKDAY_KEYS: [&str; 7] = [
    "schedule.weekday.0",
    "schedule.weekday.1",
    "schedule.weekday.2",
    "schedule.weekday.3",
    "schedule.weekday.4",
    "schedule.weekday.5",
    "schedule.weekday.6",
];

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

/// Excel's column letters for a 0-based index: 0 → A, 27 → AB.
pub fn column_letter(mut c: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push((b'A' + (c % 26) as u8) as char);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn name_headers_and_day_kinds() {
        assert_eq!(name_header(&t("姓名")), Some(0));
        assert_eq!(name_header(&t("日期/姓名")), Some(0));
        assert_eq!(name_header(&t("客服姓名")), Some(0));
        assert_eq!(name_header(&t("Name")), Some(4));
        assert_eq!(name_header(&t("工号")), None);
        assert_eq!(name_header(&t("门店")), None);
        assert_eq!([day_kind(""), day_kind("休"), day_kind("OFF")], [DayKind::Off; 3]);
        assert_eq!([day_kind("病假"), day_kind("事假"), day_kind("年假"), day_kind("调休")], [DayKind::Leave; 4]);
        assert_eq!(day_kind("A"), DayKind::Code);
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(27), "AB");
    }
}
