//! The shift schedule (排班表, SPEC §3.3) as shops lay it out: title rows, then a row of dates
//! (a date cell, "3月1号", "12月29日", "10/1", or day numbers 1…31 given a month), maybe a
//! weekday row above or below it, then one row per agent with a shift code under each date.
//! Columns such as 序号, 门店/館別 and 工号 may come before the name column.

use super::cells::{Cell, clean_text, parse_date_text, serial_to_datetime};
use super::source::{InputFile, SheetVisitor, read_file};
use crate::error::ReadError;
use crate::model::{Phrase, RowProblem};
use chrono::{Datelike, NaiveDate};
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
}

/// How to read schedules: `month` from `--month`, `year` for dates without one when nothing
/// else gives it, `codes` the `[shifts]` codes (a row with none of them, nor 休 or a leave
/// code, is not an agent; with no codes at all, any text but a weekday name counts).
pub struct ScheduleOptions<'a> {
    pub month: Option<(i32, u32)>,
    pub year: i32,
    pub codes: &'a BTreeSet<String>,
}

/// Read every schedule sheet of a file: a sheet is one when a row among its first 30 has at
/// least three distinct dates.
pub fn read_schedule(
    input: &InputFile,
    sheet: Option<&str>,
    options: &ScheduleOptions,
    problems: &mut Vec<RowProblem>,
) -> Result<Vec<ScheduleSheet>, ReadError> {
    let mut visitor = Visitor {
        file: input.name.clone(),
        options,
        sheet: String::new(),
        rows: Vec::new(),
        problems,
        out: Vec::new(),
    };
    read_file(input, sheet, &mut visitor)?;
    Ok(visitor.out)
}

/// The date columns of a header row: (column, date, header as written).
type DateColumns = Vec<(usize, NaiveDate, String)>;

/// A header cell as a date, before the year and month are known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HeaderDate {
    Full(NaiveDate),
    MonthDay(u32, u32),
    Day(u32),
}

fn header_kind(cell: &Cell) -> Option<HeaderDate> {
    match cell {
        Cell::Number(n) if n.fract() == 0.0 && (1.0..=31.0).contains(n) => Some(HeaderDate::Day(*n as u32)),
        Cell::Number(n) | Cell::DateTime(n) if (30_000.0..80_000.0).contains(n) => {
            serial_to_datetime(*n).map(|t| HeaderDate::Full(t.date()))
        }
        Cell::Text(raw) => {
            // A weekday may share the cell: "1(一)", "10/1\n周四", "1日 星期四".
            let s = clean_text(raw).split(['\n', '(', '（', ' ']).next().unwrap_or("").trim();
            if let Some(d) = parse_date_text(s) {
                return Some(HeaderDate::Full(d));
            }
            let s = s.trim_end_matches(['号', '日']);
            if let Some((m, d)) = s.split_once(['月', '/', '-', '.']) {
                let (m, d): (u32, u32) = (m.trim().parse().ok()?, d.trim().parse().ok()?);
                return ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some(HeaderDate::MonthDay(m, d));
            }
            s.parse::<u32>().ok().filter(|d| (1..=31).contains(d)).map(HeaderDate::Day)
        }
        _ => None,
    }
}

fn add_months(y: i32, m: u32, by: i64) -> (i32, u32) {
    let n = i64::from(y) * 12 + i64::from(m) - 1 + by;
    (n.div_euclid(12) as i32, n.rem_euclid(12) as u32 + 1)
}

/// The dates of a header row. Day numbers need `month`; when they wrap (…30, 31, 1, 2…) the
/// longest run is `month` and the others the months around it (a 26th-to-25th schedule).
/// Dates without a year take the year nearest to `month`, else `year` (+1 after December).
fn row_dates(cells: &[Cell], month: Option<(i32, u32)>, year: i32) -> Vec<(usize, NaiveDate, String)> {
    let kinds: Vec<(usize, HeaderDate)> =
        cells.iter().enumerate().filter_map(|(c, x)| header_kind(x).map(|k| (c, k))).collect();
    // Runs of day numbers: a run ends where a number is not above the one before.
    let mut run = 0i64;
    let mut prev = 0;
    let mut runs: Vec<i64> = Vec::new();
    for (_, k) in &kinds {
        if let HeaderDate::Day(d) = k {
            if *d <= prev {
                run += 1;
            }
            prev = *d;
            runs.push(run);
        }
    }
    let longest = (0..=run).max_by_key(|r| (runs.iter().filter(|x| *x == r).count(), -r)).unwrap_or(0);
    let (mut day_i, mut last_month, mut y_roll) = (0, 0, year);
    let mut out = Vec::new();
    for (c, k) in kinds {
        let date = match k {
            HeaderDate::Full(d) => Some(d),
            HeaderDate::Day(d) => {
                let r = runs[day_i];
                day_i += 1;
                month.and_then(|(y, m)| {
                    let (y, m) = add_months(y, m, r - longest);
                    NaiveDate::from_ymd_opt(y, m, d)
                })
            }
            HeaderDate::MonthDay(m, d) => {
                let y = match month {
                    Some((ty, tm)) => (ty - 1..=ty + 1)
                        .min_by_key(|y| (i64::from(*y) * 12 + i64::from(m) - i64::from(ty) * 12 - i64::from(tm)).abs())
                        .unwrap_or(ty),
                    None => {
                        if m < last_month {
                            y_roll += 1;
                        }
                        last_month = m;
                        y_roll
                    }
                };
                NaiveDate::from_ymd_opt(y, m, d)
            }
        };
        if let Some(d) = date {
            out.push((c, d, cells[c].display()));
        }
    }
    out
}

/// "2024年9月员工排班表" → (2024, 9); a 民国 year ("114年7月") is converted.
pub fn title_month(text: &str) -> Option<(i32, u32)> {
    let chars: Vec<char> = text.chars().collect();
    for (i, ch) in chars.iter().enumerate() {
        if *ch != '年' {
            continue;
        }
        let start = chars[..i].iter().rposition(|c| !c.is_ascii_digit()).map_or(0, |p| p + 1);
        let after: String = chars[i + 1..].iter().take_while(|c| c.is_ascii_digit()).collect();
        let Some('月') = chars.get(i + 1 + after.chars().count()) else { continue };
        let (Ok(y), Ok(m)) = (chars[start..i].iter().collect::<String>().parse::<i32>(), after.parse::<u32>()) else {
            continue;
        };
        let y = if (1..200).contains(&y) { y + 1911 } else { y };
        if (1900..=2100).contains(&y) && (1..=12).contains(&m) {
            return Some((y, m));
        }
    }
    None
}

fn is_weekday_word(s: &str) -> bool {
    let s = s.trim();
    let rest = ["星期", "礼拜", "禮拜", "周", "週"].iter().find_map(|p| s.strip_prefix(p)).unwrap_or(s);
    ["一", "二", "三", "四", "五", "六", "日", "天"].contains(&rest)
        || [
            "mon",
            "tue",
            "wed",
            "thu",
            "fri",
            "sat",
            "sun",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
        ]
        .contains(&s.to_ascii_lowercase().as_str())
}

/// A weekday row: under the dates, weekday names, or what a formula such as `=C3` (shown as
/// a weekday) or `=WEEKDAY(C3,2)` leaves: the date itself or its weekday number.
fn is_weekday_row(cells: &[Cell], dates: &[(usize, NaiveDate, String)]) -> bool {
    let filled: Vec<(&Cell, NaiveDate)> =
        dates.iter().filter_map(|(c, d, _)| cells.get(*c).filter(|x| !x.is_blank()).map(|x| (x, *d))).collect();
    let number = |x: &Cell| match x {
        Cell::Number(n) | Cell::DateTime(n) => Some(*n),
        _ => None,
    };
    let all = |f: &dyn Fn(&Cell, NaiveDate) -> bool| filled.iter().all(|(x, d)| f(x, *d));
    filled.len() >= 3
        && (all(&|x, _| matches!(x, Cell::Text(t) if is_weekday_word(clean_text(t))))
            || all(&|x, d| number(x).and_then(serial_to_datetime).is_some_and(|t| t.date() == d))
            || all(&|x, d| number(x) == Some(f64::from(d.weekday().number_from_monday())))
            || all(&|x, d| number(x) == Some(f64::from(d.weekday().number_from_sunday()))))
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

struct Visitor<'a, 'p> {
    file: String,
    options: &'a ScheduleOptions<'a>,
    sheet: String,
    /// Every non-blank row of the sheet so far; the rest is skipped when no row of dates
    /// shows up among the first 30.
    rows: Vec<(u32, Vec<Cell>)>,
    problems: &'p mut Vec<RowProblem>,
    out: Vec<ScheduleSheet>,
}

impl Visitor<'_, '_> {
    fn problem(&mut self, row: u32, value: String, problem: &'static str) {
        self.problems.push(RowProblem {
            file: self.file.clone(),
            sheet: self.sheet.clone(),
            row,
            column: String::new(),
            value,
            problem: Phrase::new(problem),
            action: super::records::SKIPPED,
        });
    }

    /// The row of dates among the first 30: the most distinct dates, at least three.
    fn date_row(&self) -> Option<(usize, DateColumns, MonthSource)> {
        let mut title: Option<(String, i32, u32)> = None;
        let mut best: Option<(usize, DateColumns, MonthSource)> = None;
        let mut best_count = 2;
        for (i, (_, cells)) in self.rows.iter().take(30).enumerate() {
            // The file's own title names its month; --month only when there is none.
            let month = title.as_ref().map(|t| (t.1, t.2)).or(self.options.month);
            let dates = row_dates(cells, month, self.options.year);
            let count = dates.iter().map(|d| d.1).collect::<BTreeSet<_>>().len();
            if count > best_count {
                best_count = count;
                let source = if dates.iter().all(|(c, ..)| matches!(header_kind(&cells[*c]), Some(HeaderDate::Full(_))))
                {
                    MonthSource::DateCells
                } else if let Some((t, y, m)) = &title {
                    MonthSource::Title(t.clone(), *y, *m)
                } else if let Some((y, m)) = self.options.month {
                    MonthSource::MonthOption(y, m)
                } else {
                    MonthSource::AssumedYear(self.options.year)
                };
                best = Some((i, dates, source));
            }
            if title.is_none() {
                title = cells.iter().find_map(|c| match c {
                    Cell::Text(t) => title_month(t).map(|(y, m)| (clean_text(t).to_string(), y, m)),
                    _ => None,
                });
            }
        }
        best
    }

    fn finish_sheet(&mut self) {
        let Some((h, dates, month_source)) = self.date_row() else { return };
        let rows = std::mem::take(&mut self.rows);
        self.build(rows, h, dates, month_source);
    }

    fn build(
        &mut self,
        rows: Vec<(u32, Vec<Cell>)>,
        h: usize,
        dates: Vec<(usize, NaiveDate, String)>,
        month_source: MonthSource,
    ) {
        let first_date_col = dates.iter().map(|d| d.0).min().unwrap_or(0);
        let month = match &month_source {
            MonthSource::MonthOption(y, m) | MonthSource::Title(_, y, m) => Some((*y, *m)),
            _ => None,
        };
        let cell =
            |cells: &[Cell], c: usize| cells.get(c).map(|x| clean_text(&x.display()).to_string()).unwrap_or_default();
        let is_weekday = |i: usize| rows.get(i).is_some_and(|(_, cells)| is_weekday_row(cells, &dates));
        let weekday_rows: Vec<usize> =
            [h.checked_sub(1), Some(h + 1)].into_iter().flatten().filter(|i| is_weekday(*i)).collect();
        // Without [shifts] (inspect with no config) any text but a weekday name passes as a code.
        let codes = self.options.codes;
        let known = |code: &str| {
            day_kind(code) != DayKind::Code
                || codes.contains(code)
                || (codes.is_empty() && !is_weekday_word(code) && code.parse::<f64>().is_err())
        };
        // A header row repeated for a second group: the same dates under the same columns.
        let repeats_dates = |cells: &[Cell]| {
            row_dates(cells, month, self.options.year).iter().filter(|x| dates.contains(x)).count() >= 3
        };
        // Agent candidates: below the dates, not a weekday or date row, some date cell holds a known code.
        let candidates: Vec<usize> = (h + 1..rows.len())
            .filter(|i| {
                !is_weekday(*i)
                    && !repeats_dates(&rows[*i].1)
                    && dates.iter().any(|(c, ..)| known(&cell(&rows[*i].1, *c)) && !cell(&rows[*i].1, *c).is_empty())
            })
            .collect();
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
                None => {
                    self.problem(rows[h].0, String::new(), "problem.no_name_column");
                    return;
                }
            },
        };
        let mut agents = Vec::new();
        for (i, (row, cells)) in rows.iter().enumerate().skip(h + 1) {
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
                    self.problem(*row, value, "problem.no_shift_codes");
                }
                continue;
            }
            if name.is_empty() {
                self.problem(*row, String::new(), "problem.codes_without_name");
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
        self.out.push(ScheduleSheet {
            file: self.file.clone(),
            sheet: self.sheet.clone(),
            date_row: rows[h].0,
            weekday_rows: weekday_rows.iter().map(|i| rows[*i].0).collect(),
            name_column,
            name_found,
            month_source,
            rows: agents,
        });
    }
}

impl SheetVisitor for Visitor<'_, '_> {
    fn begin_sheet(&mut self, sheet: &str) {
        self.sheet = sheet.to_string();
        self.rows.clear();
    }

    fn row(&mut self, row: u32, cells: &[Cell]) -> bool {
        if cells.iter().all(Cell::is_blank) {
            return true;
        }
        self.rows.push((row, cells.to_vec()));
        // No row of dates among the first 30: not a schedule, skip the rest of the sheet.
        !(self.rows.len() == 30 && self.date_row().is_none())
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

    fn dates(cells: &[Cell], month: Option<(i32, u32)>) -> Vec<String> {
        row_dates(cells, month, 2026).iter().map(|d| d.1.format("%m-%d").to_string()).collect()
    }

    #[test]
    fn headers_in_every_form() {
        let oct = Some((2026, 10));
        assert_eq!(dates(&[t("10月1号"), t("12月29日"), t("2026-10-03")], None), ["10-01", "12-29", "10-03"]);
        assert_eq!(
            dates(&[t("1日(四)"), t("5"), t("7\n周三"), Cell::Number(31.0)], oct),
            ["10-01", "10-05", "10-07", "10-31"]
        );
        assert!(dates(&[t("5"), Cell::Number(6.0)], None).is_empty(), "day numbers need a month");
        assert!(dates(&[t("姓名"), t("工号")], oct).is_empty());
    }

    #[test]
    fn day_numbers_that_wrap_belong_to_the_months_around_the_longest_run() {
        // A 26th-to-25th schedule titled October: 26…30 are September.
        let cells: Vec<Cell> = (26..=30).chain(1..=25).map(|d| Cell::Number(f64::from(d))).collect();
        let d = row_dates(&cells, Some((2026, 10)), 2000);
        assert_eq!((d[0].1.to_string(), d[29].1.to_string()), ("2026-09-26".into(), "2026-10-25".into()));
        // December into January without a year: the year turns.
        assert_eq!(row_dates(&[t("12月30日"), t("12月31日"), t("1月1日")], None, 2026)[2].1.to_string(), "2027-01-01");
        // A year-less month next to the title's month takes the nearer year.
        assert_eq!(row_dates(&[t("12月30日")], Some((2027, 1)), 2000)[0].1.to_string(), "2026-12-30");
    }

    #[test]
    fn year_and_month_from_a_title() {
        assert_eq!(title_month("2024年9月员工排班表"), Some((2024, 9)));
        assert_eq!(title_month("木子家居 2026年10月客服排班表（第一周）"), Some((2026, 10)));
        assert_eq!(title_month("114年7月班表"), Some((2025, 7)), "a 民国 year");
        assert_eq!(title_month("排班表（9/28-11/1）"), None);
        assert_eq!(title_month("2026年度排班"), None);
    }

    #[test]
    fn weekday_rows_as_text_or_formula_results() {
        let cols: Vec<(usize, NaiveDate, String)> =
            (1..=3).map(|d| (d as usize, NaiveDate::from_ymd_opt(2026, 10, d).unwrap(), String::new())).collect();
        let row = |cells: Vec<Cell>| std::iter::once(Cell::Empty).chain(cells).collect::<Vec<_>>();
        assert!(is_weekday_row(&row(vec![t("四"), t("周五"), t("星期六")]), &cols));
        assert!(is_weekday_row(&row(vec![t("Thu"), t("Fri"), t("Sat")]), &cols));
        let serials = (0..3).map(|i| Cell::Number(46296.0 + f64::from(i))).collect(); // =C3 shown as 四
        assert!(is_weekday_row(&row(serials), &cols));
        assert!(is_weekday_row(&row(vec![Cell::Number(4.0), Cell::Number(5.0), Cell::Number(6.0)]), &cols));
        assert!(!is_weekday_row(&row(vec![t("A"), t("休"), t("A")]), &cols));
        assert!(!is_weekday_row(&row(vec![Cell::Number(3.0), Cell::Number(2.0), Cell::Number(3.0)]), &cols));
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
