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

/// Counts with their noun, said in the language of messages: `1 order`, `2 orders`, `2 单`.
pub fn orders(n: u64) -> String {
    if n == 1 { msg!("run.count.order", n = n) } else { msg!("run.count.orders", n = n) }
}

pub fn agents(n: u64) -> String {
    if n == 1 { msg!("run.count.agent", n = n) } else { msg!("run.count.agents", n = n) }
}

pub fn rows_read(n: u64) -> String {
    if n == 1 { msg!("run.count.row_read", n = n) } else { msg!("run.count.rows_read", n = n) }
}

pub fn row_problems(n: u64) -> String {
    if n == 1 { msg!("run.count.row_problem", n = n) } else { msg!("run.count.row_problems", n = n) }
}

pub fn item_rows(n: u64) -> String {
    if n == 1 { msg!("run.count.item_row", n = n) } else { msg!("run.count.item_rows", n = n) }
}

/// A kind of sheet as messages name it: `orders` in English (the name `[columns.orders]`
/// uses), 订单表 in Chinese.
pub fn kind_name(kind: crate::read::fields::SheetKind) -> &'static str {
    match crate::messages::message_language() {
        crate::messages::Lang::En => kind.name(),
        crate::messages::Lang::Zh => crate::messages::label(crate::messages::Lang::Zh, kind.label_key()),
    }
}
