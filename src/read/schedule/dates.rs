//! The dates of a schedule's date row: date cells, "3月1号", "10/1", day numbers given a month
//! or a title that states the roster's dates, and columns headed by a weekday or holiday name,
//! dated by their place in the run (docs/schedules.md#dates).

use super::weekdays::{HOLIDAYS, is_weekday_word, weekday_of_word};
use crate::read::cells::{Cell, clean_text, parse_date_text, serial_to_datetime};
use chrono::{Datelike, NaiveDate};

/// A header cell as a date, before the year and month are known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum HeaderDate {
    Full(NaiveDate),
    MonthDay(u32, u32),
    Day(u32),
    /// 六, 周日, 元旦, 春节…: a day column named instead of numbered.
    Named(String),
}

/// Has a clock time (`08:53`, `2025-03-01 10:00:00`): a moment, never a day header.
pub(super) fn has_clock_time(s: &str) -> bool {
    let b: Vec<char> = s.chars().collect();
    b.windows(3).any(|w| w[0].is_ascii_digit() && (w[1] == ':' || w[1] == '：') && w[2].is_ascii_digit())
}

pub(super) fn header_kind(cell: &Cell) -> Option<HeaderDate> {
    match cell {
        Cell::Number(n) if n.fract() == 0.0 && (1.0..=31.0).contains(n) => Some(HeaderDate::Day(*n as u32)),
        // A date with a time of day is an order's or a message's moment, not a day column.
        Cell::Number(n) | Cell::DateTime(n) if (30_000.0..80_000.0).contains(n) && n.fract() == 0.0 => {
            serial_to_datetime(*n).map(|t| HeaderDate::Full(t.date()))
        }
        Cell::Text(raw) => {
            let text = clean_text(raw);
            if has_clock_time(text) {
                return None;
            }
            // A weekday may share the cell: "1(一)", "10/1\n周四", "1日 星期四".
            let s = text.split(['\n', '(', '（', ' ']).next().unwrap_or("").trim();
            if is_weekday_word(s) || HOLIDAYS.contains(&s) {
                return Some(HeaderDate::Named(s.to_string()));
            }
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

pub(super) fn add_months(y: i32, m: u32, by: i64) -> (i32, u32) {
    let n = i64::from(y) * 12 + i64::from(m) - 1 + by;
    (n.div_euclid(12) as i32, n.rem_euclid(12) as u32 + 1)
}

/// What dates the day numbers of a row belong to.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct DateContext {
    /// A title that states the roster's first and last date.
    pub range: Option<(NaiveDate, NaiveDate)>,
    /// A title's month or `--month`.
    pub month: Option<(i32, u32)>,
    /// For dates without a year when nothing else gives it.
    pub year: i32,
}

/// A column of the date row that could not be dated, or was dated against its header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct HeaderProblem {
    pub column: usize,
    pub header: String,
    /// A label key (src/messages/labels.rs) with `{date}` / `{weekday}` arguments below.
    pub key: &'static str,
    pub date: Option<NaiveDate>,
}

/// The dated columns of a row: (column, date, header as written), and what could not be dated.
#[derive(Debug, Clone, Default)]
pub(super) struct DateRow {
    pub columns: Vec<(usize, NaiveDate, String)>,
    pub problems: Vec<HeaderProblem>,
    /// Runs of dates (first, last) inside a title's stated dates that no column has.
    pub missing: Vec<(NaiveDate, NaiveDate)>,
}

impl DateRow {
    pub fn distinct(&self) -> usize {
        self.columns.iter().map(|c| c.1).collect::<std::collections::BTreeSet<_>>().len()
    }
}

/// The dates of a header row. With a title's range, day numbers walk from its first date and a
/// number not above the one before starts the next month (21…31, 1…20). With only a month,
/// the longest run of day numbers is that month and the runs around it the months around it
/// (a 26th-to-25th schedule titled by its main month). A day that does not exist (2月30日) is a
/// problem, never a date moved. Named columns take the date of their place in the run.
pub(super) fn row_dates(cells: &[Cell], ctx: DateContext) -> DateRow {
    let kinds: Vec<(usize, HeaderDate)> =
        cells.iter().enumerate().filter_map(|(c, x)| header_kind(x).map(|k| (c, k))).collect();
    let mut out = DateRow::default();
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
    let anchor = ctx.range.map(|(from, _)| (from.year(), from.month())).or(ctx.month);
    let (mut day_i, mut last_month, mut y_roll) = (0, 0, ctx.year);
    let mut named = Vec::new();
    for (c, k) in kinds {
        let date = match k {
            HeaderDate::Full(d) => Some(d),
            HeaderDate::Named(_) => {
                named.push(c);
                continue;
            }
            HeaderDate::Day(d) => {
                let r = runs[day_i];
                day_i += 1;
                let Some((y, m)) = anchor else { continue };
                // The title's range starts at its first month; a month alone is the longest run.
                let shift = if ctx.range.is_some() { r } else { r - longest };
                let (y, m) = add_months(y, m, shift);
                no_such_day(&mut out.problems, c, &cells[c], y, m, d)
            }
            HeaderDate::MonthDay(m, d) => {
                let y = match anchor {
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
                no_such_day(&mut out.problems, c, &cells[c], y, m, d)
            }
        };
        // A title that states its dates fixes them: a column past them is not one of its days.
        if let (Some(d), Some((from, to))) = (date, ctx.range)
            && !(from..=to).contains(&d)
        {
            out.problems.push(HeaderProblem {
                column: c,
                header: cells[c].display(),
                key: "schedule.problem.outside_title",
                date: Some(d),
            });
            continue;
        }
        if let Some(d) = date {
            out.columns.push((c, d, cells[c].display()));
        }
    }
    date_named_columns(cells, &named, &mut out);
    // A title that states its dates promises a column for each: a day without one (a column
    // deleted from the template) is listed, one problem per run of missing days.
    if let Some((from, to)) = ctx.range
        && !out.columns.is_empty()
    {
        let have: std::collections::BTreeSet<NaiveDate> = out.columns.iter().map(|c| c.1).collect();
        for d in from.iter_days().take_while(|d| *d <= to).filter(|d| !have.contains(d)) {
            match out.missing.last_mut() {
                Some(run) if run.1.succ_opt() == Some(d) => run.1 = d,
                _ => out.missing.push((d, d)),
            }
        }
    }
    out
}

/// A column headed 六, 日, 元旦… sits in the run of dates: it is the day after the dated column
/// on its left (or the day before the one on its right), counted by columns through a run
/// without gaps. A weekday name that disagrees with that date is listed; the place wins.
fn date_named_columns(cells: &[Cell], named: &[usize], out: &mut DateRow) {
    if out.columns.is_empty() {
        return;
    }
    let mut dated: std::collections::BTreeMap<usize, NaiveDate> = out.columns.iter().map(|c| (c.0, c.1)).collect();
    let is_named = |c: usize| named.contains(&c);
    // Left to right from the dated column on the left, then right to left for leading ones.
    let mut pending: Vec<usize> = named.to_vec();
    for _ in 0..2 {
        let mut left = Vec::new();
        for &c in &pending {
            let from_left = (0..c)
                .rev()
                .take_while(|x| dated.contains_key(x) || is_named(*x))
                .find_map(|x| dated.get(&x).map(|d| *d + chrono::Duration::days((c - x) as i64)));
            let from_right = (c + 1..cells.len())
                .take_while(|x| dated.contains_key(x) || is_named(*x))
                .find_map(|x| dated.get(&x).map(|d| *d - chrono::Duration::days((x - c) as i64)));
            match from_left.or(from_right) {
                Some(d) => {
                    dated.insert(c, d);
                    let header = cells[c].display();
                    let word = clean_text(&header).split(['\n', '(', '（', ' ']).next().unwrap_or("").to_string();
                    if weekday_of_word(&word).is_some_and(|w| w != d.weekday().num_days_from_monday()) {
                        out.problems.push(HeaderProblem {
                            column: c,
                            header: header.clone(),
                            key: "schedule.problem.named_weekday_disagrees",
                            date: Some(d),
                        });
                    }
                    out.columns.push((c, d, header));
                }
                None => left.push(c),
            }
        }
        pending = left;
    }
    // Named columns with no dated run beside them are not day columns of this row.
    out.columns.sort_by_key(|c| c.0);
}

/// The date of day `d` of month `m`; a day the month does not have (2月30日) is a listed
/// problem, never moved to another date.
fn no_such_day(
    problems: &mut Vec<HeaderProblem>,
    column: usize,
    cell: &Cell,
    y: i32,
    m: u32,
    d: u32,
) -> Option<NaiveDate> {
    let date = NaiveDate::from_ymd_opt(y, m, d);
    if date.is_none() {
        problems.push(HeaderProblem {
            column,
            header: cell.display(),
            key: "schedule.problem.no_such_day",
            date: NaiveDate::from_ymd_opt(y, m, 1),
        });
    }
    date
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    fn dates(cells: &[Cell], month: Option<(i32, u32)>) -> Vec<String> {
        row_dates(cells, DateContext { month, year: 2026, ..Default::default() })
            .columns
            .iter()
            .map(|d| d.1.format("%m-%d").to_string())
            .collect()
    }

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
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
    fn moments_are_not_day_headers() {
        // An order row's 下单时间, 付款时间, 发货时间: three dates, but moments, not a date row.
        let row = [t("2026-10-01 09:00:00"), t("2026-10-02 10:00:00"), Cell::DateTime(46296.5), t("08:53 18:28")];
        assert!(dates(&row, None).is_empty());
    }

    #[test]
    fn day_numbers_that_wrap_belong_to_the_months_around_the_longest_run() {
        // A 26th-to-25th schedule titled October: 26…30 are September.
        let cells: Vec<Cell> = (26..=30).chain(1..=25).map(|d| Cell::Number(f64::from(d))).collect();
        let d = row_dates(&cells, DateContext { month: Some((2026, 10)), year: 2000, ..Default::default() }).columns;
        assert_eq!((d[0].1, d[29].1), (ymd(2026, 9, 26), ymd(2026, 10, 25)));
        // December into January without a year: the year turns.
        let d =
            row_dates(&[t("12月30日"), t("12月31日"), t("1月1日")], DateContext { year: 2026, ..Default::default() });
        assert_eq!(d.columns[2].1, ymd(2027, 1, 1));
    }

    #[test]
    fn a_title_range_fixes_every_date_and_a_missing_day_is_a_problem() {
        let cells: Vec<Cell> = (21..=31).chain(1..=20).map(|d| Cell::Number(f64::from(d))).collect();
        let range = Some((ymd(2025, 3, 21), ymd(2025, 4, 20)));
        let d = row_dates(&cells, DateContext { range, month: Some((2025, 3)), year: 2000 });
        assert_eq!(d.columns.len(), 31);
        assert_eq!(
            (d.columns[0].1, d.columns[10].1, d.columns[11].1),
            (ymd(2025, 3, 21), ymd(2025, 3, 31), ymd(2025, 4, 1))
        );
        assert!(d.problems.is_empty() && d.missing.is_empty());
        // No column for 3-26, nor for 4-10 and 4-11: one listed run each.
        let gaps: Vec<Cell> =
            (21..=25).chain(27..=31).chain(1..=9).chain(12..=20).map(|d| Cell::Number(f64::from(d))).collect();
        let d = row_dates(&gaps, DateContext { range, month: Some((2025, 3)), year: 2000 });
        assert_eq!(d.columns.len(), 28);
        assert_eq!(d.missing, [(ymd(2025, 3, 26), ymd(2025, 3, 26)), (ymd(2025, 4, 10), ymd(2025, 4, 11))]);
        // The same day numbers from January 21st: 2月29–31日 do not exist, and say so.
        let range = Some((ymd(2025, 1, 21), ymd(2025, 2, 20)));
        let cells: Vec<Cell> = (21..=31).chain(1..=31).map(|d| Cell::Number(f64::from(d))).collect();
        let d = row_dates(&cells, DateContext { range, month: None, year: 2000 });
        assert_eq!(d.problems.iter().filter(|p| p.key == "schedule.problem.outside_title").count(), 8);
        let d = DateRow {
            problems: d.problems.into_iter().filter(|p| p.key != "schedule.problem.outside_title").collect(),
            ..d
        };
        assert_eq!(d.problems.len(), 3);
        assert!(d.problems.iter().all(|p| p.key == "schedule.problem.no_such_day"));
        // 2月21–28日 are past the title's 2月20日: listed, not counted.
        assert_eq!(d.columns.len(), 11 + 20);
    }

    #[test]
    fn weekday_and_holiday_headed_columns_are_dated_by_place() {
        // 2026-01-01 is a Thursday: 元旦 | 2 | 六 | 日 | 5
        let cells = [t("姓名"), t("元旦"), Cell::Number(2.0), t("六"), t("日"), Cell::Number(5.0)];
        let d = row_dates(&cells, DateContext { month: Some((2026, 1)), year: 2026, ..Default::default() });
        let got: Vec<(usize, u32)> = d.columns.iter().map(|c| (c.0, c.1.day())).collect();
        assert_eq!(got, [(1, 1), (2, 2), (3, 3), (4, 4), (5, 5)]);
        assert!(d.problems.is_empty());
        // 日 where the place says Saturday: dated by place, listed.
        let cells = [Cell::Number(2.0), t("日"), Cell::Number(4.0)];
        let d = row_dates(&cells, DateContext { month: Some((2026, 1)), year: 2026, ..Default::default() });
        assert_eq!(d.columns[1].1, ymd(2026, 1, 3));
        assert_eq!(d.problems[0].key, "schedule.problem.named_weekday_disagrees");
    }
}
