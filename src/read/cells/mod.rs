//! Cell values and their cleaning (docs/definitions.md#cells): text wrappers, money, times, ids, names.
//! One file per topic; everything is re-exported here, so `read::cells::X` names any of it.

mod cell;
mod clean;
mod ids;
mod numbers;
mod times;

pub(in crate::read) use cell::set_text;
pub use cell::{Cell, CellError, parse_text, serial_to_datetime, text_ref};
pub use clean::{clean_text, fold_char, fold_fullwidth, halfwidth_digits};
pub use ids::{IdValue, looks_scientific, parse_id};
pub use numbers::{parse_duration, parse_money, parse_number, parse_rating};
pub use times::{parse_date_range, parse_date_text, parse_datetime, parse_datetime_text, parse_range};

/// Across topics: empty markers and full-width digits read the same in every parser.
#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use rust_decimal::Decimal;

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
}
