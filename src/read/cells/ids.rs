//! Order ids from cells (docs/definitions.md#cells): text kept as written, numbers that may
//! have lost digits flagged.

use super::cell::{Cell, CellError, format_number};
use super::clean::clean_text;
use crate::model::Phrase;

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

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }

    #[test]
    fn long_numeric_ids_are_kept_and_flagged() {
        assert!(matches!(parse_id(&Cell::Number(3864012345678901234.0)), IdValue::Lossy(_)));
        assert!(matches!(parse_id(&Cell::Number(12345.0)), IdValue::Ok(s) if s == "12345"));
        assert!(matches!(parse_id(&t("3.86401E+18")), IdValue::Lossy(_)));
        assert!(matches!(parse_id(&t("=\"3864012345678901234\"")), IdValue::Ok(s) if s == "3864012345678901234"));
    }
}
