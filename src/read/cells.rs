//! Cell values and their cleaning (docs/definitions.md#cells): text wrappers, money, times, ids, names.

use crate::model::{Money, Phrase};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use rust_decimal::Decimal;
use std::str::FromStr;

/// One cell as any reader hands it over. Readers reuse a row's `Vec<Cell>`.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Cell {
    #[default]
    Empty,
    Text(String),
    Number(f64),
    /// An Excel serial in the 1900 system (1904 workbooks are shifted by the reader).
    DateTime(f64),
    Bool(bool),
    /// A formula error such as `#N/A`.
    Error(String),
}

impl Cell {
    /// The value as the user would read it, for the Issues sheet and for headers.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number(n) => format_number(*n),
            Cell::DateTime(s) => serial_to_datetime(*s)
                .map(|d| d.format("%Y-%m-%d %H:%M:%S").to_string())
                .unwrap_or_else(|| format_number(*s)),
            Cell::Bool(b) => b.to_string(),
            Cell::Error(e) => e.clone(),
        }
    }

    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => clean_text(s).is_empty(),
            _ => false,
        }
    }
}

fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e21 { format!("{n:.0}") } else { n.to_string() }
}

/// Strips what exports wrap around values: `="…"`, a leading `'`, tabs and spaces
/// (also the full-width U+3000). Returns a slice of the input.
pub fn clean_text(raw: &str) -> &str {
    let mut s = trim_all(raw);
    if let Some(inner) = s.strip_prefix("=\"").and_then(|r| r.strip_suffix('"')) {
        s = trim_all(inner);
    }
    if let Some(rest) = s.strip_prefix('\'') {
        s = trim_all(rest);
    }
    if is_empty_marker(s) { "" } else { s }
}

/// docs/definitions.md#cells: what exports write for "nothing" (ExportOrderList writes `null` in the paid
/// time of an unpaid order) is empty in every field.
fn is_empty_marker(s: &str) -> bool {
    s.len() <= 4
        && (matches!(s, "-" | "--" | "N/A" | "n/a") || s.eq_ignore_ascii_case("null") || s.eq_ignore_ascii_case("nan"))
}

fn trim_all(s: &str) -> &str {
    // Most cells start and end with a printable ASCII character: nothing to trim.
    if let [first, .., last] = s.as_bytes()
        && first.is_ascii_graphic()
        && last.is_ascii_graphic()
    {
        return s;
    }
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{feff}')
}

/// Why a cell could not be read; the caller adds file, row and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellError(pub Phrase);

impl CellError {
    /// A reason without parameters, by its label key.
    pub const fn new(key: &'static str) -> CellError {
        CellError(Phrase::new(key))
    }
}

/// Text in a refund column that says there is no refund (docs/definitions.md#cells).
const NO_REFUND_WORDS: &[&str] = &["无退款申请", "无", "没有申请退款", "无退款"];

/// No order is worth a trillion yuan; larger cells are errors, so sums cannot overflow.
const MAX_AMOUNT: i64 = 1_000_000_000_000;

/// docs/definitions.md#cells money: ¥ ￥ 元 and thousands separators dropped; `-` and empty are empty.
pub fn parse_money(cell: &Cell, refund_column: bool) -> Result<Option<Money>, CellError> {
    let amount = parse_money_unchecked(cell, refund_column)?;
    if amount.is_some_and(|a| a.abs() > Decimal::from(MAX_AMOUNT)) {
        return Err(CellError::new("problem.amount_too_large"));
    }
    Ok(amount)
}

fn parse_money_unchecked(cell: &Cell, refund_column: bool) -> Result<Option<Money>, CellError> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(n) => money_from_f64(*n).map(Some),
        Cell::Text(raw) => {
            let wide = halfwidth_digits(raw);
            let s = clean_text(&wide);
            if refund_column && NO_REFUND_WORDS.contains(&s) {
                return Ok(Some(Decimal::ZERO));
            }
            let cleaned: String =
                s.chars().filter(|c| !matches!(c, '¥' | '￥' | '元' | ',' | '，' | ' ' | '\u{3000}')).collect();
            if cleaned.is_empty() {
                return Ok(None);
            }
            Decimal::from_str(&cleaned)
                .or_else(|_| Decimal::from_scientific(&cleaned))
                .map(|d| Some(d.normalize()))
                .map_err(|_| CellError::new("problem.not_money"))
        }
        Cell::DateTime(_) => Err(CellError::new("problem.date_for_amount")),
        Cell::Bool(_) => Err(CellError::new("problem.bool_for_amount")),
        Cell::Error(e) => Err(CellError(Phrase::new("problem.formula_error").with("error", e))),
    }
}

/// A float cell to exact money: `try_from` turns 0.1's binary noise back into 0.1.
fn money_from_f64(n: f64) -> Result<Money, CellError> {
    if !n.is_finite() {
        return Err(CellError::new("problem.not_finite"));
    }
    // Most amounts are whole fen: read them without the general float conversion.
    let fen = (n * 100.0).round();
    if fen.abs() < 1e15 && ((fen / 100.0) - n).abs() < 1e-9 {
        return Ok(Decimal::new(fen as i64, 2).normalize());
    }
    Decimal::try_from(n).map(|d| d.round_dp(6).normalize()).map_err(|_| CellError::new("problem.amount_out_of_range"))
}

/// A plain number (counts, seconds, rates): `80%` is 0.8.
pub fn parse_number(cell: &Cell) -> Result<Option<f64>, CellError> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(n) if n.is_finite() => Ok(Some(*n)),
        Cell::Text(raw) => {
            let wide = halfwidth_digits(raw);
            let s = clean_text(&wide);
            if s.is_empty() || s == "-" || s == "--" || s == "延迟统计" {
                return Ok(None);
            }
            // Divided, not multiplied by 0.01: "95%" must be exactly 0.95 for a band edge.
            let (digits, divisor) = match s.strip_suffix('%').or_else(|| s.strip_suffix('％')) {
                Some(p) => (p.trim(), 100.0),
                None => (s, 1.0),
            };
            let digits: String = digits.chars().filter(|c| *c != ',').collect();
            let digits = digits.trim_end_matches(['秒', 's']);
            digits
                .parse::<f64>()
                .ok()
                .filter(|n| n.is_finite())
                .map(|n| Some(n / divisor))
                .ok_or_else(|| CellError::new("problem.not_number"))
        }
        Cell::Error(e) => Err(CellError(Phrase::new("problem.formula_error").with("error", e))),
        _ => Err(CellError::new("problem.not_number")),
    }
}

/// A duration in seconds (response times): a number of seconds (`12.5`, `12.5秒`), a clock
/// `00:05:10` or `05:10` (as 快麦 and the platforms write them), `5分10秒`, or an Excel
/// time cell. Empty markers and `延迟统计` are empty, as in `parse_number`.
pub fn parse_duration(cell: &Cell) -> Result<Option<f64>, CellError> {
    match cell {
        // A time-of-day cell: the fraction of a day.
        Cell::DateTime(serial) if (0.0..1.0).contains(serial) => Ok(Some((serial * 86_400_000.0).round() / 1000.0)),
        Cell::DateTime(_) => Err(CellError::new("problem.date_for_duration")),
        Cell::Text(raw) => {
            let wide = halfwidth_digits(raw);
            let s = clean_text(&wide);
            match clock_secs(s).or_else(|| unit_secs(s)) {
                Some(secs) => Ok(Some(secs)),
                None => parse_number(cell),
            }
        }
        _ => parse_number(cell),
    }
}

/// `H:MM:SS` or `M:SS` (full-width colons too); the last part may have a fraction.
fn clock_secs(s: &str) -> Option<f64> {
    let parts: Vec<&str> = s.split([':', '：']).map(str::trim).collect();
    if !(2..=3).contains(&parts.len()) {
        return None;
    }
    let mut secs = 0.0;
    for (i, part) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        let digits_ok = !part.is_empty()
            && part.chars().all(|c| c.is_ascii_digit() || (last && c == '.'))
            && part.chars().next().is_some_and(|c| c.is_ascii_digit());
        if !digits_ok {
            return None;
        }
        let v: f64 = part.parse().ok()?;
        if i > 0 && v >= 60.0 {
            return None;
        }
        secs = secs * 60.0 + v;
    }
    Some(secs)
}

/// `1小时2分3秒`, `5分10秒`, `5分钟`: numbers each followed by its unit.
fn unit_secs(s: &str) -> Option<f64> {
    const UNITS: &[(&str, f64)] = &[("小时", 3600.0), ("分钟", 60.0), ("时", 3600.0), ("分", 60.0), ("秒", 1.0)];
    let mut rest = s.trim();
    let mut secs = 0.0;
    let mut any = false;
    while !rest.is_empty() {
        let end = rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(rest.len());
        if end == 0 {
            return None;
        }
        let v: f64 = rest[..end].parse().ok()?;
        let after = rest[end..].trim_start();
        let (unit, factor) = UNITS.iter().find(|(u, _)| after.starts_with(u))?;
        secs += v * factor;
        any = true;
        rest = after[unit.len()..].trim_start();
    }
    (any && secs.is_finite()).then_some(secs)
}

/// Excel serial (1900 system, with its phantom 1900-02-29) to a date-time.
pub fn serial_to_datetime(serial: f64) -> Option<NaiveDateTime> {
    // Serial 1.0 is 1900-01-01; beyond 9999-12-31 Excel has no dates.
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let serial = if serial < 60.0 { serial + 1.0 } else { serial };
    // Milliseconds, then whole seconds, half a second up: exports carry no sub-second
    // meaning and float noise would otherwise turn 09:05:03 into 09:05:02.999. Days and
    // seconds by arithmetic: ten million message times in a big month.
    let millis = (serial * 86_400_000.0).round() as i64;
    let secs = (millis + 500) / 1000;
    let date = NaiveDate::from_num_days_from_ce_opt(SERIAL_ZERO_DAYS_FROM_CE + (secs / 86_400) as i32)?;
    Some(date.and_time(NaiveTime::from_num_seconds_from_midnight_opt((secs % 86_400) as u32, 0)?))
}

/// Serial 0, 1899-12-30, in days from 0001-01-01 (chrono's count).
const SERIAL_ZERO_DAYS_FROM_CE: i32 = 693_594;

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

/// An order id as text. `Err` carries the kept id when digits may have been lost:
/// a number past 15 significant digits (docs/definitions.md#cells).
pub enum IdValue {
    Ok(String),
    Empty,
    /// Kept, but reported: "order id stored as a number, digits may be lost".
    Lossy(String),
    Bad(CellError),
}

pub fn parse_id(cell: &Cell) -> IdValue {
    match cell {
        Cell::Empty => IdValue::Empty,
        Cell::Text(raw) => {
            let s = clean_text(raw);
            if s.is_empty() {
                IdValue::Empty
            } else if looks_scientific(s) {
                // "3.86401E+18": a spreadsheet already rounded the id.
                match s.parse::<f64>() {
                    Ok(n) => IdValue::Lossy(format!("{n:.0}")),
                    Err(_) => IdValue::Ok(s.to_string()),
                }
            } else {
                IdValue::Ok(s.to_string())
            }
        }
        Cell::Number(n) | Cell::DateTime(n) => {
            let text = format_number(*n);
            if n.abs() >= 1e15 { IdValue::Lossy(text) } else { IdValue::Ok(text) }
        }
        Cell::Bool(_) => IdValue::Bad(CellError::new("problem.bool_order_id")),
        Cell::Error(e) => IdValue::Bad(CellError(Phrase::new("problem.formula_error").with("error", e))),
    }
}

pub fn looks_scientific(s: &str) -> bool {
    let Some((mantissa, exp)) = s.split_once(['E', 'e']) else { return false };
    !mantissa.is_empty()
        && mantissa.chars().all(|c| c.is_ascii_digit() || c == '.')
        && exp.trim_start_matches('+').chars().all(|c| c.is_ascii_digit())
        && !exp.is_empty()
}

/// Text of an optional field, borrowed from a text cell; `None` when blank.
pub fn text_ref(cell: &Cell) -> Option<std::borrow::Cow<'_, str>> {
    match cell {
        Cell::Empty => None,
        Cell::Text(raw) => {
            let s = clean_text(raw);
            (!s.is_empty()).then_some(std::borrow::Cow::Borrowed(s))
        }
        other => Some(std::borrow::Cow::Owned(other.display())),
    }
}

/// Plain text of an optional field; `None` when blank.
pub fn parse_text(cell: &Cell) -> Option<String> {
    match cell {
        Cell::Empty => None,
        Cell::Text(raw) => {
            let s = clean_text(raw);
            (!s.is_empty()).then(|| s.to_string())
        }
        other => Some(other.display()),
    }
}

/// Rating text or number to 1–5 (docs/definitions.md#fields): 很满意 5 … 很不满意 1.
pub fn parse_rating(text: &str) -> Option<f64> {
    match text.trim() {
        "很满意" | "非常满意" => Some(5.0),
        "满意" => Some(4.0),
        "一般" => Some(3.0),
        "不满意" => Some(2.0),
        "很不满意" | "非常不满意" => Some(1.0),
        other => other.parse::<f64>().ok().filter(|v| (1.0..=5.0).contains(v)),
    }
}

/// Full-width digits and the signs around numbers (０-９ ． ， ％ － ＋) as ASCII, so `１２８．００`
/// and `２％` read as numbers; other text is left as it is. Borrowed when there is nothing to fold.
pub fn halfwidth_digits(s: &str) -> std::borrow::Cow<'_, str> {
    let wide = |c: char| matches!(c, '\u{FF10}'..='\u{FF19}' | '．' | '，' | '％' | '－' | '＋');
    if s.is_ascii() || !s.chars().any(wide) {
        return std::borrow::Cow::Borrowed(s);
    }
    s.chars().map(|c| if wide(c) { fold_char(c) } else { c }).collect::<String>().into()
}

/// docs/definitions.md#orders: statuses are compared after folding full-width punctuation to ASCII.
pub fn fold_fullwidth(s: &str) -> String {
    s.chars().map(fold_char).collect::<String>().trim().to_string()
}

/// One character of `fold_fullwidth`.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        '、' => ',',
        _ => c,
    }
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
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }

    #[test]
    fn empty_markers_are_empty_in_every_field() {
        for marker in ["null", "'null", "NULL", "NaN", "N/A", "-", "--", " null "] {
            assert_eq!(clean_text(marker), "", "{marker}");
            assert_eq!(parse_datetime(&t(marker)), Ok(None), "{marker}");
            assert_eq!(parse_money(&t(marker), false), Ok(None), "{marker}");
            assert_eq!(parse_money(&t(marker), true), Ok(None), "{marker}");
            assert_eq!(parse_text(&t(marker)), None, "{marker}");
            assert!(matches!(parse_id(&t(marker)), IdValue::Empty), "{marker}");
        }
        assert_eq!(clean_text("nullable"), "nullable");
        assert_eq!(clean_text("-5"), "-5");
    }

    #[test]
    fn clean_text_strips_taobao_wrappers() {
        assert_eq!(clean_text("=\"3864012345678901234\""), "3864012345678901234");
        assert_eq!(clean_text("'0012\t"), "0012");
        assert_eq!(clean_text("\u{3000}小王 "), "小王");
    }

    #[test]
    fn money_drops_currency_and_separators() {
        assert_eq!(parse_money(&t("¥1,234.50"), false), Ok(Some(Decimal::new(123450, 2))));
        assert_eq!(parse_money(&t("88元"), false), Ok(Some(Decimal::new(88, 0))));
        assert_eq!(parse_money(&t("-"), false), Ok(None));
        assert_eq!(parse_money(&t("无退款申请"), true), Ok(Some(Decimal::ZERO)));
        assert!(parse_money(&t("无退款申请"), false).is_err());
        assert!(parse_money(&t("abc"), false).is_err());
        assert_eq!(parse_money(&Cell::Number(0.1 + 0.2), false), Ok(Some(Decimal::new(3, 1))));
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

    #[test]
    fn excel_serials_become_times() {
        // 46296.378506944 is 2026-10-01 09:05:03.
        let dt = serial_to_datetime(46296.0 + (9.0 * 3600.0 + 5.0 * 60.0 + 3.0) / 86400.0).unwrap();
        assert_eq!(dt.to_string(), "2026-10-01 09:05:03");
        assert_eq!(serial_to_datetime(1.0).unwrap().to_string(), "1900-01-01 00:00:00");
        use chrono::Datelike;
        assert_eq!(NaiveDate::from_ymd_opt(1899, 12, 30).unwrap().num_days_from_ce(), SERIAL_ZERO_DAYS_FROM_CE);
    }

    /// The serial as a duration from 1899-12-30, rounded to whole seconds: what the
    /// arithmetic of `serial_to_datetime` must give.
    fn by_duration(serial: f64) -> Option<NaiveDateTime> {
        use chrono::Timelike;
        let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?.and_time(NaiveTime::MIN);
        let serial = if serial < 60.0 { serial + 1.0 } else { serial };
        let dt = epoch.checked_add_signed(chrono::Duration::milliseconds((serial * 86_400_000.0).round() as i64))?;
        let base = dt.with_nanosecond(0)?;
        Some(if dt.nanosecond() >= 500_000_000 { base + chrono::Duration::seconds(1) } else { base })
    }

    proptest::proptest! {
        #[test]
        fn serials_by_arithmetic_are_serials_by_duration(serial in 1.0f64..2_958_466.0) {
            proptest::prop_assert_eq!(serial_to_datetime(serial), by_duration(serial));
        }
    }

    #[test]
    fn serials_at_second_and_day_edges() {
        for serial in
            [1.0, 59.999_999, 60.0, 60.5, 46_296.999_994, 46_296.999_995_0, 46_297.000_005_8, 2_958_465.999_999]
        {
            assert_eq!(serial_to_datetime(serial), by_duration(serial), "{serial}");
        }
    }

    #[test]
    fn long_numeric_ids_are_kept_and_flagged() {
        assert!(matches!(parse_id(&Cell::Number(3864012345678901234.0)), IdValue::Lossy(_)));
        assert!(matches!(parse_id(&Cell::Number(12345.0)), IdValue::Ok(s) if s == "12345"));
        assert!(matches!(parse_id(&t("3.86401E+18")), IdValue::Lossy(_)));
        assert!(matches!(parse_id(&t("=\"3864012345678901234\"")), IdValue::Ok(s) if s == "3864012345678901234"));
    }

    #[test]
    fn ratings_read_as_text_or_numbers() {
        assert_eq!(parse_rating("很满意"), Some(5.0));
        assert_eq!(parse_rating(" 不满意 "), Some(2.0));
        assert_eq!(parse_rating("4"), Some(4.0));
        assert_eq!(parse_rating("6"), None);
    }

    #[test]
    fn rates_read_the_same_as_fractions_or_percentages() {
        // One rate column may hold both (赤兔 writes 1.0 on some days, "100.00%" on others).
        assert_eq!(parse_number(&Cell::Number(1.0)), Ok(Some(1.0)));
        assert_eq!(parse_number(&t("100.00%")), Ok(Some(1.0)));
        assert_eq!(parse_number(&t("1.0")), Ok(Some(1.0)));
        assert_eq!(parse_number(&t("95%")), Ok(Some(0.95)));
        assert_eq!(parse_number(&t("延迟统计")), Ok(None));
    }

    #[test]
    fn durations_in_seconds_clocks_and_units() {
        assert_eq!(parse_duration(&t("00:05:10")), Ok(Some(310.0)));
        assert_eq!(parse_duration(&t("05:10")), Ok(Some(310.0)));
        assert_eq!(parse_duration(&t("1:00:01")), Ok(Some(3601.0)));
        assert_eq!(parse_duration(&t("00:00:12.5")), Ok(Some(12.5)));
        assert_eq!(parse_duration(&t("5分10秒")), Ok(Some(310.0)));
        assert_eq!(parse_duration(&t("2分钟")), Ok(Some(120.0)));
        assert_eq!(parse_duration(&t("12.5秒")), Ok(Some(12.5)));
        assert_eq!(parse_duration(&t("28.3")), Ok(Some(28.3)));
        assert_eq!(parse_duration(&Cell::Number(40.0)), Ok(Some(40.0)));
        // An Excel time cell 00:05:10 is 310/86400 of a day.
        assert_eq!(parse_duration(&Cell::DateTime(310.0 / 86_400.0)), Ok(Some(310.0)));
        assert_eq!(parse_duration(&t("延迟统计")), Ok(None));
        assert_eq!(parse_duration(&t("-")), Ok(None));
        assert!(parse_duration(&t("00:75:00")).is_err());
        assert!(parse_duration(&t("abc")).is_err());
        assert!(parse_duration(&Cell::DateTime(46296.5)).is_err());
    }

    #[test]
    fn fullwidth_digits_read_as_numbers() {
        assert_eq!(parse_money(&t("￥１２８．５０"), false).unwrap(), Some(Decimal::new(12850, 2)));
        assert_eq!(parse_money(&t("１，２３４"), false).unwrap(), Some(Decimal::from(1234)));
        assert_eq!(parse_number(&t("８５％")).unwrap(), Some(0.85));
        assert_eq!(parse_number(&t("－３")).unwrap(), Some(-3.0));
        assert_eq!(parse_duration(&t("１２秒")).unwrap(), Some(12.0));
        assert_eq!(
            parse_datetime(&t("２０２６年１０月１日 ０９:０５:０３")).unwrap(),
            NaiveDate::from_ymd_opt(2026, 10, 1).and_then(|d| d.and_hms_opt(9, 5, 3))
        );
        assert!(matches!(halfwidth_digits("小王"), std::borrow::Cow::Borrowed("小王")));
    }

    #[test]
    fn fullwidth_punctuation_folds() {
        assert_eq!(fold_fullwidth("买家已付款，等待卖家发货"), "买家已付款,等待卖家发货");
    }
}
