//! When an export was made, from its file name (`docs/orders.md#one-order-across-files`):
//! Taobao's `ExportOrderList202611051013.csv`, JD/Pinduoduo names such as
//! `订单导出_20261105_101300.xlsx` or `orders_2026-11-05_10-13.csv`.

use chrono::{NaiveDate, NaiveTime};
use std::cmp::Ordering;

/// The date, and the time of day when the name gives one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameTime {
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
}

impl NameTime {
    /// Later, earlier, or the same as far as both names tell: a name with a date alone is
    /// that day, so it ties with a time on the same day.
    pub fn compare(&self, other: &NameTime) -> Ordering {
        match (self.date.cmp(&other.date), self.time, other.time) {
            (Ordering::Equal, Some(a), Some(b)) => a.cmp(&b),
            (order, ..) => order,
        }
    }
}

/// The export time in a file name (its folders are ignored): a 12- or 14-digit run
/// yyyymmddHHMM[SS], or a date (yyyymmdd, yyyy-mm-dd, yyyy_mm_dd, yyyy.mm.dd) optionally
/// followed by a time (HHMM, HHMMSS, HH-MM[-SS], HH:MM[:SS], HH_MM…). The first found wins.
pub fn name_time(path: &str) -> Option<NameTime> {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let name = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    if let Some(t) = unix_seconds_lead(name) {
        return Some(t);
    }
    let runs = digit_runs(name);
    for (k, run) in runs.iter().enumerate() {
        let digits = &name[run.0..run.1];
        if let Some(t) = long_run(digits) {
            return Some(t);
        }
        let (date, next) = match digits.len() {
            8 => (ymd(&digits[..4], &digits[4..6], &digits[6..]), k + 1),
            4 if joined(name, &runs, k, 2)
                && (1..=2).contains(&runs[k + 1].len())
                && (1..=2).contains(&runs[k + 2].len()) =>
            {
                let (m, d) = (&name[runs[k + 1].0..runs[k + 1].1], &name[runs[k + 2].0..runs[k + 2].1]);
                (ymd(digits, m, d), k + 3)
            }
            _ => continue,
        };
        let Some(date) = date else { continue };
        let time =
            if next < runs.len() && joined(name, &runs, next - 1, 1) { time_at(name, &runs, next) } else { None };
        return Some(NameTime { date, time });
    }
    None
}

/// 抖店 names its exports by the export time in Unix seconds, then `_` and a hash:
/// `1791213782_3edeb47b86bdb5b9.csv` (docs/orders.md#layouts), the shop's time being Beijing's.
fn unix_seconds_lead(name: &str) -> Option<NameTime> {
    let (lead, rest) = name.split_once('_')?;
    if lead.len() != 10 || !lead.bytes().all(|b| b.is_ascii_digit()) || rest.is_empty() {
        return None;
    }
    let secs: i64 = lead.parse().ok()?;
    // 2001-09-09 (1e9) to 2286: a ten-digit run that is no time is far more often a date-time.
    let at = chrono::DateTime::from_timestamp(secs + 8 * 3600, 0)?.naive_utc();
    Some(NameTime { date: at.date(), time: Some(at.time()) })
}

/// (start, end) of each run of ASCII digits.
fn digit_runs(name: &str) -> Vec<(usize, usize)> {
    let bytes = name.as_bytes();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            runs.push((start, i));
        } else {
            i += 1;
        }
    }
    runs
}

trait RunLen {
    fn len(&self) -> usize;
}

impl RunLen for (usize, usize) {
    fn len(&self) -> usize {
        self.1 - self.0
    }
}

/// Runs `k`…`k + n` follow each other with one separator between each two.
fn joined(name: &str, runs: &[(usize, usize)], k: usize, n: usize) -> bool {
    (k..k + n).all(|j| {
        j + 1 < runs.len()
            && runs[j + 1].0 == runs[j].1 + 1
            && matches!(name.as_bytes()[runs[j].1], b'-' | b'_' | b'.' | b' ' | b':' | b'T')
    })
}

fn ymd(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    let y: i32 = y.parse().ok()?;
    if !(2000..=2099).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m.parse().ok()?, d.parse().ok()?)
}

fn hms(h: &str, m: &str, s: Option<&str>) -> Option<NaiveTime> {
    NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, s.map_or(Some(0), |s| s.parse().ok())?)
}

/// yyyymmddHHMM or yyyymmddHHMMSS.
fn long_run(digits: &str) -> Option<NameTime> {
    if digits.len() != 12 && digits.len() != 14 {
        return None;
    }
    let date = ymd(&digits[..4], &digits[4..6], &digits[6..8])?;
    let time = hms(&digits[8..10], &digits[10..12], digits.get(12..14))?;
    Some(NameTime { date, time: Some(time) })
}

/// The time whose first run is `k`: HHMM, HHMMSS, or HH sep MM [sep SS].
fn time_at(name: &str, runs: &[(usize, usize)], k: usize) -> Option<NaiveTime> {
    let text = |j: usize| &name[runs[j].0..runs[j].1];
    let first = text(k);
    match first.len() {
        4 => hms(&first[..2], &first[2..], None),
        6 => hms(&first[..2], &first[2..4], Some(&first[4..])),
        1 | 2 if joined(name, runs, k, 1) && runs[k + 1].len() == 2 => {
            let seconds = (joined(name, runs, k, 2) && runs[k + 2].len() == 2).then(|| text(k + 2));
            hms(first, text(k + 1), seconds)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Option<(String, Option<String>)> {
        name_time(s).map(|t| (t.date.to_string(), t.time.map(|t| t.format("%H:%M:%S").to_string())))
    }

    fn some(d: &str, t: Option<&str>) -> Option<(String, Option<String>)> {
        Some((d.to_string(), t.map(str::to_string)))
    }

    #[test]
    fn the_platforms_names_carry_their_export_time() {
        assert_eq!(at("ExportOrderList202611051013.csv"), some("2026-11-05", Some("10:13:00")));
        assert_eq!(at("/tmp/x2025/ExportOrderList20261105101322.csv"), some("2026-11-05", Some("10:13:22")));
        assert_eq!(at("订单导出_20261105_101300.xlsx"), some("2026-11-05", Some("10:13:00")));
        assert_eq!(at("orders_2026-11-05_10-13.csv"), some("2026-11-05", Some("10:13:00")));
        assert_eq!(at("orders 2026.11.5 9:05:07.csv"), some("2026-11-05", Some("09:05:07")));
        assert_eq!(at("pdd_20261105.csv"), some("2026-11-05", None));
        // 抖店: Unix seconds, then a hash; Beijing time.
        assert_eq!(at("1791213782_3edeb47b86bdb5b9.csv"), some("2026-10-05", Some("23:23:02")));
    }

    #[test]
    fn names_without_a_date_carry_none() {
        assert_eq!(at("orders.xlsx"), None);
        assert_eq!(at("orders_gbk.csv"), None);
        assert_eq!(at("shop7_week3.csv"), None);
        assert_eq!(at("item123456789.csv"), None);
    }

    #[test]
    fn a_date_alone_ties_with_a_time_that_day() {
        let day = name_time("a_20261105.csv").unwrap();
        let later = name_time("ExportOrderList202611051013.csv").unwrap();
        let next_day = name_time("b_20261106.csv").unwrap();
        assert_eq!(day.compare(&later), Ordering::Equal);
        assert_eq!(next_day.compare(&later), Ordering::Greater);
        assert_eq!(later.compare(&name_time("ExportOrderList202611050800.csv").unwrap()), Ordering::Greater);
    }
}
