//! What a sheet's cells say it is: a 排班表, an attendance export (钉钉/企业微信 考勤), or
//! lines below a roster (legend, rules, signatures). See docs/schedules.md#what-is-a-schedule.

use super::weekdays::is_weekday_word;
use crate::read::cells::{Cell, clean_text};

/// Sheets of a 钉钉 attendance export (考勤报表), and names of 企业微信's.
const ATTENDANCE_SHEETS: &[&str] = &["打卡时间", "原始记录", "每日统计", "月度汇总", "打卡记录", "打卡详情"];

/// Headers only an attendance export has (钉钉 每日统计/原始记录, 企业微信 打卡日报).
const ATTENDANCE_HEADERS: &[&str] = &[
    "考勤组",
    "打卡结果",
    "打卡时间",
    "上班1打卡时间",
    "上班1打卡结果",
    "下班1打卡时间",
    "下班1打卡结果",
    "考勤日期",
    "考勤时间",
    "打卡状态",
    "最早打卡",
    "最晚打卡",
    "打卡次数",
];

/// What a day cell of an attendance export says: the clock's verdict, not a planned shift.
const ATTENDANCE_RESULTS: &[&str] = &[
    "正常",
    "迟到",
    "早退",
    "缺卡",
    "旷工",
    "严重迟到",
    "旷工迟到",
    "休息并打卡",
    "外勤",
    "补卡",
    "未打卡",
    "上班缺卡",
    "下班缺卡",
    "地点异常",
    "打卡无效",
];

/// Lines under a roster that are not agents: legends, rules, signatures.
const FOOTER_PREFIXES: &[&str] = &[
    "备注",
    "注：",
    "注:",
    "注意",
    "说明",
    "排班人",
    "排班：",
    "审核人",
    "审核",
    "审批",
    "批准",
    "制表",
    "负责人",
    "签字",
    "签名",
    "主管签",
    "经理签",
    "确认人",
];

/// A sheet named as an attendance export's sheet, or whose header names its columns.
pub(super) fn attendance_by_names(sheet: &str, rows: &[(u32, Vec<Cell>)]) -> bool {
    let sheet = sheet.trim();
    // Only the exports' own sheet names: a roster sheet may well be called "3月考勤排班".
    ATTENDANCE_SHEETS.contains(&sheet)
        || rows.iter().take(30).any(|(_, cells)| {
            cells.iter().any(|c| matches!(c, Cell::Text(t) if ATTENDANCE_HEADERS.contains(&clean_text(t))))
        })
}

/// A clock time and nothing else: `08:53`, `8:53`, `08:53:12`.
fn is_bare_clock_time(s: &str) -> bool {
    let mut parts = s.split([':', '：']);
    let hour = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    let two_digits = |p: &str| p.len() == 2 && p.chars().all(|c| c.is_ascii_digit());
    (1..=2).contains(&hour.len())
        && hour.chars().all(|c| c.is_ascii_digit())
        && (1..=2).contains(&rest.len())
        && rest.iter().all(|p| two_digits(p))
}

/// A shift written as its hours: `09:00-18:00`, `9:00~18:00`, `22:00-08:00`, or several
/// ranges in one cell (`11:30-15:30/19:00-22:00`). Each range in minutes from the start of
/// the day, as `[shifts]` ranges are.
pub fn shift_ranges(text: &str) -> Option<Vec<(u32, u32)>> {
    let s = clean_text(text);
    let mut ranges = Vec::new();
    for part in s.split(|c: char| c.is_whitespace() || matches!(c, '/' | ',' | '，' | '、' | '+' | ';' | '；')) {
        if part.is_empty() {
            continue;
        }
        let part = part.replace(['～', '—', '至', '到'], "-");
        let (a, b) = part.split_once(['-', '–', '~'])?;
        if !is_bare_clock_time(a.trim()) || !is_bare_clock_time(b.trim()) {
            return None;
        }
        let a = a.trim().split([':', '：']).take(2).collect::<Vec<_>>().join(":");
        let b = b.trim().split([':', '：']).take(2).collect::<Vec<_>>().join(":");
        ranges.push(crate::read::cells::parse_range(&format!("{a}-{b}"))?);
    }
    (!ranges.is_empty()).then_some(ranges)
}

/// A day cell of an attendance export: bare clock times (`08:53 18:28`, `08:53`) or a
/// verdict (正常, 迟到, 休息并打卡…). A range of hours (`09:00-18:00`) is a planned shift, not a
/// clocking; so is a code the config's `[shifts]` names (the caller checks that first).
pub(super) fn is_attendance_cell(text: &str) -> bool {
    let s = clean_text(text);
    if shift_ranges(s).is_some() {
        return false;
    }
    let parts: Vec<&str> = s.split(['\n', ' ', ',', '，', '；']).map(str::trim).filter(|p| !p.is_empty()).collect();
    parts.iter().any(|p| ATTENDANCE_RESULTS.contains(p))
        || (!parts.is_empty() && parts.iter().all(|p| is_bare_clock_time(p)))
}

/// Could this cell be a shift code when no `[shifts]` names them: short text, not a number,
/// a weekday, a time or an attendance verdict.
pub(super) fn looks_like_code(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && s.chars().count() <= 6
        && !is_weekday_word(s)
        && s.parse::<f64>().is_err()
        && !is_attendance_cell(s)
        && !s.contains([':', '：'])
}

/// A legend, rule or signature line: its first text starts so, or holds a colon where a roster
/// keeps its names (排班人：倪昌飞 is who made the roster, not an agent).
pub(super) fn is_footer_line(cells: &[Cell], name_column: usize) -> bool {
    let first = cells.iter().find_map(|c| match c {
        Cell::Text(t) if !clean_text(t).is_empty() => Some(clean_text(t)),
        _ => None,
    });
    let name = match cells.get(name_column) {
        Some(Cell::Text(t)) => clean_text(t),
        _ => "",
    };
    first.is_some_and(|f| FOOTER_PREFIXES.iter().any(|p| f.starts_with(p))) || name.contains([':', '：'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn attendance_sheets_and_cells() {
        assert!(attendance_by_names("每日统计", &[]));
        assert!(attendance_by_names("Sheet1", &[(1, vec![t("姓名"), t("考勤组"), t("部门")])]));
        assert!(!attendance_by_names("3月排班", &[(1, vec![t("姓名"), t("1"), t("2")])]));
        assert!(!attendance_by_names("3月考勤排班", &[(1, vec![t("姓名"), t("1"), t("2")])]));
        assert!(is_attendance_cell("08:53 18:28"));
        assert!(is_attendance_cell("休息并打卡"));
        assert!(is_attendance_cell("正常"));
        assert!(!is_attendance_cell("早"));
        assert!(is_attendance_cell("08:53"));
        assert!(is_attendance_cell("08:53\n18:28"));
        assert!(is_attendance_cell("迟到 09:12"));
        // Planned hours are shifts, not clockings.
        assert!(!is_attendance_cell("09:00-18:00"));
        assert!(!is_attendance_cell("9:00~18:00"));
        assert!(!is_attendance_cell("11:30-15:30/19:00-22:00"));
        assert!(!is_attendance_cell("2025-03-01"));
    }

    #[test]
    fn a_range_of_hours_is_a_shift() {
        assert_eq!(shift_ranges("09:00-18:00"), Some(vec![(540, 1080)]));
        assert_eq!(shift_ranges("9:00～18:00"), Some(vec![(540, 1080)]));
        assert_eq!(shift_ranges("22:00-08:00"), Some(vec![(1320, 1920)]));
        assert_eq!(shift_ranges("11:30-15:30 19:00-22:00"), Some(vec![(690, 930), (1140, 1320)]));
        assert_eq!(shift_ranges("08:53 18:28"), None, "clock times, no range");
        assert_eq!(shift_ranges("10-1"), None, "a date, not hours");
        assert_eq!(shift_ranges("早"), None);
    }

    #[test]
    fn codes_without_a_shift_table() {
        assert!(looks_like_code("A"));
        assert!(looks_like_code("早班"));
        assert!(!looks_like_code("四"));
        assert!(!looks_like_code("8"));
        assert!(!looks_like_code("09:00-18:00"));
        assert!(!looks_like_code("顺丰速运有限公司华南分公司"));
    }

    #[test]
    fn legends_and_signatures_are_not_agents() {
        assert!(is_footer_line(&[t("排班人：倪昌飞")], 0));
        assert!(is_footer_line(&[Cell::Empty, t("备注：“早”表示早班 09:00-18:00")], 1));
        assert!(is_footer_line(&[t("3"), t("店铺:小王")], 1), "a colon in the name column");
        assert!(is_footer_line(&[t("制表日期：2025-03-15")], 0));
        assert!(!is_footer_line(&[t("1"), t("倪昌飞"), t("早")], 1));
    }
}
