//! One cell as readers hand it over, what an Excel date serial in it means, why a cell could
//! not be read, and the text of an optional field. The serials are here, not in `times`,
//! because a cell's display needs them and `times` reads cells.

use super::clean::clean_text;
use crate::model::Phrase;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

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

/// A number as the user would read it: whole numbers without a fraction.
pub(super) fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e21 { format!("{n:.0}") } else { n.to_string() }
}

/// Put text in a cell, reusing its buffer when it already holds text.
pub(in crate::read) fn set_text(slot: &mut Cell, text: &str) {
    match slot {
        Cell::Text(buf) => {
            buf.clear();
            buf.push_str(text);
        }
        other => *other = Cell::Text(text.to_string()),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
