//! A roster's title: the month it lays out ("2024年9月员工排班表") or the dates it states
//! ("2025年3月21日至2025年4月20日"), which date its day numbers (docs/schedules.md#dates).

use crate::read::cells::clean_text;
use chrono::NaiveDate;

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

/// A title that states the roster's dates: "2025年3月21日至2025年4月20日客服排班表",
/// "2025年3月21日-4月20日", "2025-03-21 至 2025-04-20". The second date may leave out the year
/// (then the first's, or the next one when its month comes earlier).
pub fn title_range(text: &str) -> Option<(NaiveDate, NaiveDate)> {
    let chars: Vec<char> = clean_text(text).chars().collect();
    let mut found: Vec<(Option<i32>, u32, u32)> = Vec::new();
    let mut i = 0;
    let number = |i: &mut usize| -> Option<u32> {
        let start = *i;
        while *i < chars.len() && chars[*i].is_ascii_digit() {
            *i += 1;
        }
        (*i > start).then(|| chars[start..*i].iter().collect::<String>().parse().ok()).flatten()
    };
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let start = i;
        let Some(a) = number(&mut i) else { continue };
        let sep = chars.get(i).copied();
        // YYYY年M月D日 / YYYY-M-D / YYYY.M.D / YYYY/M/D
        if a >= 1900 && matches!(sep, Some('年' | '-' | '/' | '.')) {
            let mut j = i + 1;
            if let Some(m) = number(&mut j) {
                let sep2 = chars.get(j).copied();
                let ok = matches!(
                    (sep, sep2),
                    (Some('年'), Some('月')) | (Some('-'), Some('-')) | (Some('/'), Some('/')) | (Some('.'), Some('.'))
                );
                let mut k = j + 1;
                if ok && let Some(d) = number(&mut k) {
                    found.push((Some(a as i32), m, d));
                    i = k;
                    continue;
                }
            }
        }
        // M月D日 (year from the date before)
        if a <= 12 && sep == Some('月') {
            let mut j = i + 1;
            if let Some(d) = number(&mut j)
                && matches!(chars.get(j), Some('日' | '号'))
            {
                found.push((None, a, d));
                i = j;
                continue;
            }
        }
        i = start + 1;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
    }
    let (y1, m1, d1) = *found.first()?;
    let (y2, m2, d2) = *found.get(1)?;
    let y1 = y1?;
    let from = NaiveDate::from_ymd_opt(y1, m1, d1)?;
    let y2 = y2.unwrap_or(if m2 < m1 { y1 + 1 } else { y1 });
    let to = NaiveDate::from_ymd_opt(y2, m2, d2)?;
    // A roster's span: a few days to a couple of months.
    ((to - from).num_days() >= 1 && (to - from).num_days() <= 62).then_some((from, to))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn year_and_month_or_dates_from_a_title() {
        assert_eq!(title_month("2024年9月员工排班表"), Some((2024, 9)));
        assert_eq!(title_month("木子家居 2026年10月客服排班表（第一周）"), Some((2026, 10)));
        assert_eq!(title_month("114年7月班表"), Some((2025, 7)), "a 民国 year");
        assert_eq!(title_month("排班表（9/28-11/1）"), None);
        assert_eq!(title_month("2026年度排班"), None);
        let r = Some((ymd(2025, 3, 21), ymd(2025, 4, 20)));
        assert_eq!(title_range("2025年3月21日至2025年4月20日客服排班表"), r);
        assert_eq!(title_range("客服排班（2025年3月21日-4月20日）"), r);
        assert_eq!(title_range("排班 2025-03-21 至 2025-04-20"), r);
        assert_eq!(title_range("2024年12月21日至1月20日"), Some((ymd(2024, 12, 21), ymd(2025, 1, 20))));
        assert_eq!(title_range("2024年9月员工排班表"), None);
    }
}
