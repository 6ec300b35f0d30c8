//! Money, plain numbers, durations and ratings from cells (docs/definitions.md#cells).

use super::cell::{Cell, CellError};
use super::clean::{clean_text, halfwidth_digits};
use crate::model::{Money, Phrase};
use rust_decimal::Decimal;
use std::str::FromStr;

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

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.to_string())
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
}
