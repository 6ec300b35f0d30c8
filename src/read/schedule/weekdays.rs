//! Days named rather than numbered: weekday words (六, 周日, 星期一, Mon) and holidays in a
//! date row, and the weekday rows above or below it (docs/schedules.md#dates).

use crate::read::cells::{Cell, clean_text, serial_to_datetime};
use chrono::{Datelike, NaiveDate};

/// Holidays a roster may write in place of the day number.
pub(super) const HOLIDAYS: &[&str] =
    &["元旦", "除夕", "春节", "初一", "元宵", "清明", "劳动节", "五一", "端午", "中秋", "国庆", "国庆节", "圣诞"];

/// 一 … 日 / 周一 / 星期一 / Mon: 0 = Monday … 6 = Sunday.
pub(super) fn weekday_of_word(s: &str) -> Option<u32> {
    let s = s.trim();
    let rest = ["星期", "礼拜", "禮拜", "周", "週"].iter().find_map(|p| s.strip_prefix(p)).unwrap_or(s);
    if let Some(i) = ["一", "二", "三", "四", "五", "六", "日"].iter().position(|w| *w == rest) {
        return Some(i as u32);
    }
    if rest == "天" {
        return Some(6);
    }
    let lower = s.to_ascii_lowercase();
    let short = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let long = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    short.iter().chain(&long).position(|w| *w == lower).map(|i| (i % 7) as u32)
}

pub(super) fn is_weekday_word(s: &str) -> bool {
    weekday_of_word(s).is_some()
}

/// A weekday row: under the dates, weekday names, or what a formula such as `=C3` (shown as
/// a weekday) or `=WEEKDAY(C3,2)` leaves: the date itself or its weekday number.
pub(super) fn is_weekday_row(cells: &[Cell], dates: &[(usize, NaiveDate, String)]) -> bool {
    let filled: Vec<(&Cell, NaiveDate)> =
        dates.iter().filter_map(|(c, d, _)| cells.get(*c).filter(|x| !x.is_blank()).map(|x| (x, *d))).collect();
    let number = |x: &Cell| match x {
        Cell::Number(n) | Cell::DateTime(n) => Some(*n),
        _ => None,
    };
    let all = |f: &dyn Fn(&Cell, NaiveDate) -> bool| filled.iter().all(|(x, d)| f(x, *d));
    filled.len() >= 3
        && (all(
            &|x, _| matches!(x, Cell::Text(t) if is_weekday_word(clean_text(t)) || HOLIDAYS.contains(&clean_text(t))),
        ) || all(&|x, d| number(x).and_then(serial_to_datetime).is_some_and(|t| t.date() == d))
            || all(&|x, d| number(x) == Some(f64::from(d.weekday().number_from_monday())))
            || all(&|x, d| number(x) == Some(f64::from(d.weekday().number_from_sunday()))))
}

/// The columns of a weekday row whose weekday name is not the weekday of the column's date:
/// (column header, weekday written, date).
pub(super) fn weekday_disagreements(
    cells: &[Cell],
    dates: &[(usize, NaiveDate, String)],
) -> Vec<(String, String, NaiveDate)> {
    dates
        .iter()
        .filter_map(|(c, d, header)| {
            let Some(Cell::Text(t)) = cells.get(*c) else { return None };
            let word = clean_text(t);
            let w = weekday_of_word(word)?;
            (w != d.weekday().num_days_from_monday()).then(|| (header.clone(), word.to_string(), *d))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn weekday_rows_as_text_or_formula_results() {
        let cols: Vec<(usize, NaiveDate, String)> =
            (1..=3).map(|d| (d as usize, ymd(2026, 10, d), String::new())).collect();
        let row = |cells: Vec<Cell>| std::iter::once(Cell::Empty).chain(cells).collect::<Vec<_>>();
        assert!(is_weekday_row(&row(vec![t("四"), t("周五"), t("星期六")]), &cols));
        assert!(is_weekday_row(&row(vec![t("Thu"), t("Fri"), t("Sat")]), &cols));
        let serials = (0..3).map(|i| Cell::Number(46296.0 + f64::from(i))).collect(); // =C3 shown as 四
        assert!(is_weekday_row(&row(serials), &cols));
        assert!(is_weekday_row(&row(vec![Cell::Number(4.0), Cell::Number(5.0), Cell::Number(6.0)]), &cols));
        assert!(!is_weekday_row(&row(vec![t("A"), t("休"), t("A")]), &cols));
        assert!(!is_weekday_row(&row(vec![Cell::Number(3.0), Cell::Number(2.0), Cell::Number(3.0)]), &cols));
        // A row from another year: still a weekday row, every column disagreeing.
        let stale = row(vec![t("五"), t("六"), t("日")]);
        assert!(is_weekday_row(&stale, &cols));
        assert_eq!(weekday_disagreements(&stale, &cols).len(), 3);
    }
}
