//! Dates and times from cells and text (docs/definitions.md#cells times), and a shift's
//! time range.

use super::cell::{Cell, CellError, serial_to_datetime};
use super::clean::{clean_text, halfwidth_digits};
use crate::model::Phrase;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// docs/definitions.md#cells times: Excel date cells and serials, and the text forms exports write.
pub fn parse_datetime(cell: &Cell) -> Result<Option<NaiveDateTime>, CellError> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::DateTime(s) | Cell::Number(s) => {
            serial_to_datetime(*s).map(Some).ok_or_else(|| CellError::new("problem.date_out_of_range"))
        }
        Cell::Text(raw) => {
            let wide = halfwidth_digits(raw);
            let s = clean_text(&wide);
            if s.is_empty() {
                return Ok(None);
            }
            parse_datetime_text(s).map(Some).ok_or_else(|| CellError::new("problem.not_datetime"))
        }
        Cell::Error(e) => Err(CellError(Phrase::new("problem.formula_error").with("error", e))),
        Cell::Bool(_) => Err(CellError::new("problem.not_datetime")),
    }
}

/// `2026-10-01 09:05:03`, `2026/10/1 9:05`, `2026-10-01`, `2026年10月1日 09:05:03`,
/// `2026-10-01T09:05:03`, `2026.10.01`, with optional fractional seconds; a serial as text.
pub fn parse_datetime_text(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim();
    if let Some(t) = parse_iso_seconds(s.as_bytes()) {
        return Some(t);
    }
    if let Ok(serial) = s.parse::<f64>() {
        // A serial written as text ("45931.5"), as some tools do.
        return serial_to_datetime(serial);
    }
    let (date_part, time_part) = match s.find(['T', ' ']) {
        Some(i) => (&s[..i], s[i + 1..].trim()),
        None => (s, ""),
    };
    let date = parse_date_text(date_part)?;
    if time_part.is_empty() {
        return Some(date.and_time(NaiveTime::MIN));
    }
    Some(date.and_time(parse_time_text(time_part)?))
}

/// `YYYY-MM-DD HH:MM:SS` (or with `/`), the form nearly every export writes: read by position,
/// ten million times in a big month. Anything else goes the general way.
fn parse_iso_seconds(b: &[u8]) -> Option<NaiveDateTime> {
    if b.len() != 19 || b[10] != b' ' || b[13] != b':' || b[16] != b':' || b[4] != b[7] || !matches!(b[4], b'-' | b'/')
    {
        return None;
    }
    let num = |from: usize, to: usize| -> Option<u32> {
        b[from..to].iter().try_fold(0u32, |n, c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
    };
    let year = num(0, 4)? as i32;
    if year < 1000 {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(year, num(5, 7)?, num(8, 10)?)?;
    Some(date.and_time(NaiveTime::from_hms_opt(num(11, 13)?, num(14, 16)?, num(17, 19)?)?))
}

/// The date part alone, in any of the forms of `parse_datetime_text`.
pub fn parse_date_text(s: &str) -> Option<NaiveDate> {
    let s = s.trim().trim_end_matches('日').trim_end_matches('号');
    let mut parts = s.split(['-', '/', '.', '年', '月']).map(str::trim);
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    if parts.next().is_some() || !(1000..=9999).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day)
}

fn parse_time_text(s: &str) -> Option<NaiveTime> {
    let mut parts = s.split(':');
    let hour: u32 = parts.next()?.trim().parse().ok()?;
    let minute: u32 = parts.next()?.trim().parse().ok()?;
    let (second, nanos) = match parts.next() {
        Some(sec) => {
            let (whole, frac) = sec.split_once('.').unwrap_or((sec, ""));
            let whole: u32 = whole.trim().parse().ok()?;
            let frac_digits: String = frac.chars().take(9).collect();
            let nanos = if frac_digits.is_empty() {
                0
            } else {
                let n: u32 = frac_digits.parse().ok()?;
                n * 10u32.pow(9 - frac_digits.len() as u32)
            };
            (whole, nanos)
        }
        None => (0, 0),
    };
    if parts.next().is_some() {
        return None;
    }
    NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)
}

/// A range of days written in one cell, as weekly reports date their rows: `2024-01-01~2024-01-07`,
/// `2024-01-01 ~ 2024-01-07`, `2024-01-01至2024-01-07`, `2024-01-01 - 2024-01-07`,
/// `2024年1月1日-2024年1月7日`; each side a date as `parse_date_text` reads it, or `20240101`.
/// The first split that leaves a date on both sides is taken; None when none does. The two
/// days are returned as written: a range that ends before it starts is the caller's to refuse.
pub fn parse_date_range(text: &str) -> Option<(NaiveDate, NaiveDate)> {
    let text = text.trim();
    let day = |s: &str| {
        let s = s.trim();
        if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
            return NaiveDate::parse_from_str(s, "%Y%m%d").ok();
        }
        parse_date_text(s)
    };
    text.char_indices().filter(|(_, c)| matches!(c, '~' | '～' | '至' | '到' | '-' | '—' | '–')).find_map(|(i, c)| {
        let (a, b) = (&text[..i], &text[i + c.len_utf8()..]);
        (!a.trim().is_empty() && !b.trim().is_empty()).then(|| day(a).zip(day(b))).flatten()
    })
}

/// A time range of a shift, in minutes from midnight: "08:30-17:00"; "22:00-08:00" runs past midnight; "16:00-24:00" ends at midnight.
pub fn parse_range(text: &str) -> Option<(u32, u32)> {
    let (a, b) = text.split_once(['-', '–', '~'])?;
    let minutes = |t: &str| -> Option<u32> {
        let (h, m) = t.trim().split_once([':', '：']).unwrap_or((t.trim(), "0"));
        let (h, m): (u32, u32) = (h.trim().parse().ok()?, m.trim().parse().ok()?);
        (h <= 24 && m < 60 && h * 60 + m <= 24 * 60).then_some(h * 60 + m)
    };
    let (start, end) = (minutes(a)?, minutes(b)?);
    if start >= 24 * 60 {
        return None;
    }
    Some(if end <= start { (start, end + 24 * 60) } else { (start, end) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }

    #[test]
    fn a_range_of_days_in_one_cell() {
        let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).unwrap();
        let week = Some((d(1, 1), d(1, 7)));
        for s in [
            "2024-01-01~2024-01-07",
            "2024-01-01 ~ 2024-01-07",
            "2024-01-01～2024-01-07",
            "2024-01-01至2024-01-07",
            "2024-01-01 - 2024-01-07",
            "2024-01-01-2024-01-07",
            "2024/1/1-2024/1/7",
            "2024年01月01日-2024年01月07日",
            "20240101~20240107",
        ] {
            assert_eq!(parse_date_range(s), week, "{s}");
        }
        // Written backwards: returned as written, for the caller to refuse.
        assert_eq!(parse_date_range("2024-01-07~2024-01-01"), Some((d(1, 7), d(1, 1))));
        for s in ["2024-01-01", "02.05-02.11", "2024-01-01~", "~2024-01-07", "2024-01-01~下周", "小王"] {
            assert_eq!(parse_date_range(s), None, "{s}");
        }
    }

    #[test]
    fn the_common_form_read_by_position_agrees_with_the_general_way() {
        let general = |s: &str| {
            let (d, t) = s.split_once(' ').unwrap();
            Some(parse_date_text(d)?.and_time(parse_time_text(t)?))
        };
        for s in [
            "2026-10-01 09:05:03",
            "2026/10/31 23:59:59",
            "2026-02-29 10:00:00",
            "2026-10-01 24:00:00",
            "0999-10-01 10:00:00",
        ] {
            assert_eq!(parse_iso_seconds(s.as_bytes()), general(s), "{s}");
        }
        assert_eq!(parse_iso_seconds(b"2026-10/01 09:05:03"), None);
        assert_eq!(parse_iso_seconds(b"2026-1x-01 09:05:03"), None);
        assert_eq!(parse_datetime_text(" 2026-10-01 09:05:03 "), general("2026-10-01 09:05:03"));
    }

    #[test]
    fn dates_in_every_export_form() {
        let want = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap().and_hms_opt(9, 5, 3).unwrap();
        for s in [
            "2026-10-01 09:05:03",
            "2026/10/1 9:05:03",
            "2026年10月1日 09:05:03",
            "2026-10-01T09:05:03",
            "2026-10-01 09:05:03.000",
        ] {
            assert_eq!(parse_datetime(&t(s)), Ok(Some(want)), "{s}");
        }
        let no_secs = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap().and_hms_opt(9, 5, 0).unwrap();
        assert_eq!(parse_datetime(&t("2026/10/1 9:05")), Ok(Some(no_secs)));
        assert_eq!(
            parse_datetime(&t("2026-10-01")),
            Ok(Some(NaiveDate::from_ymd_opt(2026, 10, 1).unwrap().and_time(NaiveTime::MIN)))
        );
        assert!(parse_datetime(&t("昨天")).is_err());
    }
}
