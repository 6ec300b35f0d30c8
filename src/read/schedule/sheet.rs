//! One schedule sheet as read, and what every layout shares to read one: the codes a cell
//! may hold, the name column's headers, why a sheet is not a schedule, and the problems listed
//! against a sheet (docs/definitions.md#fields, docs/schedules.md).

use crate::model::{Phrase, RowProblem};
use crate::read::cells::{Cell, clean_text};
use crate::read::fields::SheetKind;
use crate::read::types::SKIPPED;
use chrono::NaiveDate;
use std::collections::BTreeSet;

/// Codes meaning a day off (docs/definitions.md#fields); an empty cell is off too.
pub const OFF_CODES: &[&str] = &["休", "休息", "off"];
/// Leave codes: a day off, counted per agent as leave (docs/definitions.md#fields).
pub const LEAVE_CODES: &[&str] = &["病假", "事假", "年假", "调休"];
/// Headers naming the name column, in priority order (docs/definitions.md#fields).
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
    /// (date, code as written, the column's header). A long-layout row may name one date
    /// several times, once per shift the person is on that day.
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
        // A text file has no sheet name: it is called what `inspect` calls it.
        let (zh, en) =
            if sheet.is_empty() { ("文本".to_string(), "(text)".to_string()) } else { (sheet.into(), sheet.into()) };
        let named = |key| Phrase::new(key).with_said("sheet", zh.clone(), en.clone());
        match self {
            NotSchedule::Attendance => named("schedule.why.attendance"),
            NotSchedule::Table(kind) => named("schedule.why.table").with_label("kind", kind.label_key()),
            NotSchedule::NoDates => named("schedule.why.no_dates"),
            NotSchedule::TooFewAgents(n) => named("schedule.why.few_agents").with("n", n),
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

/// A header cell naming the name column: the priority of the alias it matches.
pub(super) fn name_header(cell: &Cell) -> Option<usize> {
    let Cell::Text(raw) = cell else { return None };
    let s = clean_text(raw).to_ascii_lowercase();
    s.split(['/', '\\', '\n', '／', '、', '|'])
        .filter_map(|part| {
            let part = part.trim();
            NAME_HEADERS.iter().position(|h| *h == part).or_else(|| part.ends_with("姓名").then_some(0))
        })
        .min()
}

/// A problem of one schedule sheet.
pub(super) fn sheet_problem(
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
        "schedule.problem.missing_date" | "schedule.problem.missing_dates" => {
            Phrase::new("schedule.action.nobody_on_missing")
        }
        _ => SKIPPED,
    };
    RowProblem { file: file.to_string(), sheet: sheet.to_string(), row, column, value, problem, action }
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
