//! How figures and inputs are written in messages and titles: `¥12,345.67`, `1.5%`, `2 orders`,
//! `a.xlsx, b.csv`. One place, so that stderr, stdout and the sheets say them alike.

use std::path::PathBuf;

/// The files of an input, for messages: "a.xlsx, b.csv".
pub fn file_list(files: &[PathBuf]) -> String {
    files.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
}

/// `¥12,345.67`
pub fn yuan(amount: crate::model::Money) -> String {
    let rounded = crate::model::round_fen(amount);
    let text = format!("{:.2}", rounded.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, "00"));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{}¥{grouped}.{frac}", if rounded.is_sign_negative() && !rounded.is_zero() { "-" } else { "" })
}

/// A rate as a short percentage: 0.015 → `1.5%`.
pub fn percent(rate: rust_decimal::Decimal) -> String {
    format!("{}%", (rate * rust_decimal::Decimal::ONE_HUNDRED).normalize())
}

/// `1 order`, `2 orders`: a count with its noun.
pub fn count_of(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}
