//! Terminal table and CSV renderings of a sheet (`--format table|csv`).

use super::{ColumnKind, Sheet, Value};
use crate::model::round_fen;
use unicode_width::UnicodeWidthStr;

/// The plain text of a value: money to the fen, rates as percentages.
pub fn plain(value: &Value) -> String {
    match value {
        Value::Empty => String::new(),
        Value::Text(s) => s.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Money(m) => format!("{:.2}", round_fen(*m)),
        // A rate reads as a percentage in any column (the Overview mixes kinds in one).
        Value::Rate(r) => format!("{:.1}%", r * 100.0),
        Value::Number(r) => format!("{r:.2}"),
        Value::DateTime(d) => d.format("%Y-%m-%d %H:%M:%S").to_string(),
        Value::Date(d) => d.format("%Y-%m-%d").to_string(),
    }
}

/// A value in its column: columns compared with band thresholds carry more decimals.
fn in_column(value: &Value, kind: Option<ColumnKind>) -> String {
    match (value, kind) {
        (Value::Rate(r), Some(ColumnKind::FineRate)) => format!("{:.2}%", r * 100.0),
        (Value::Number(r), Some(ColumnKind::FineNumber)) => format!("{r:.4}"),
        _ => plain(value),
    }
}

fn all_rows(sheet: &Sheet<'_>, guard: bool) -> Vec<Vec<String>> {
    let render = |values: &[Value]| -> Vec<String> {
        values
            .iter()
            .enumerate()
            .map(|(c, v)| {
                let text = in_column(v, sheet.columns.get(c).map(|c| c.kind));
                match v {
                    Value::Text(_) if guard => neutralise_formula(text),
                    _ => text,
                }
            })
            .collect()
    };
    let mut rows = vec![sheet.columns.iter().map(|c| c.label.clone()).collect::<Vec<_>>()];
    sheet.rows.for_each(|_, values| rows.push(render(values)));
    if let Some(t) = &sheet.totals {
        rows.push(render(t));
    }
    rows
}

/// Aligned columns for a terminal; numbers right-aligned, CJK counted two wide.
pub fn table(sheet: &Sheet<'_>) -> String {
    let rows = all_rows(sheet, false);
    let n = sheet.columns.len();
    let widths: Vec<usize> =
        (0..n).map(|c| rows.iter().map(|r| r.get(c).map_or(0, |s| s.width())).max().unwrap_or(0)).collect();
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        let cells: Vec<String> = (0..n)
            .map(|c| {
                let s = row.get(c).map(String::as_str).unwrap_or("");
                let pad = " ".repeat(widths[c].saturating_sub(s.width()));
                let numeric = i > 0 && sheet.columns[c].kind != ColumnKind::Text;
                if numeric { format!("{pad}{s}") } else { format!("{s}{pad}") }
            })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
        if i == 0 {
            let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
            out.push_str(&rule.join("  "));
            out.push('\n');
        }
    }
    out
}

/// RFC 4180 CSV of the sheet, header first. Text cells that a spreadsheet would run as a
/// formula are neutralised (`neutralise_formula`); numbers, money and dates are left alone.
pub fn csv(sheet: &Sheet<'_>) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in all_rows(sheet, true) {
        // Writing to memory cannot fail.
        let _ = writer.write_record(&row);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// CSV text as a file for Excel on a Chinese Windows: a UTF-8 BOM (without it Excel reads the
/// file as GBK) and CRLF line ends. Stdout keeps the plain text, for pipes and scripts.
pub fn csv_file(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16 + 3);
    out.push('\u{feff}');
    for line in text.split_inclusive('\n') {
        match line.strip_suffix('\n') {
            Some(body) => {
                out.push_str(body.strip_suffix('\r').unwrap_or(body));
                out.push_str("\r\n");
            }
            None => out.push_str(line),
        }
    }
    out
}

/// CSV injection (OWASP): names and texts come from buyers, and a spreadsheet opening the CSV
/// runs a cell starting with `=`, `+`, `-`, `@`, tab or carriage return as a formula. Such a
/// text gets a leading `'`, which shows it as text. A text that is only a number (`-5`,
/// `-1.5%`) or a lone `-` cannot run anything and is kept as written.
pub fn neutralise_formula(text: String) -> String {
    let Some(first) = text.chars().next() else { return text };
    if !matches!(first, '=' | '+' | '-' | '@' | '\t' | '\r') || text == "-" || is_plain_number(&text) {
        return text;
    }
    format!("'{text}")
}

/// `-12`, `+3.5`, `-1.5%`: a sign, digits, at most one point, an optional percent sign.
fn is_plain_number(text: &str) -> bool {
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    let body = body.strip_suffix('%').unwrap_or(body);
    let mut parts = body.splitn(2, '.');
    let int = parts.next().unwrap_or("");
    let frac = parts.next();
    !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Column, Rows};
    use rust_decimal::Decimal;

    #[test]
    fn csv_guards_text_cells_only_never_numbers() {
        let columns = vec![
            Column::new("客服", ColumnKind::Text),
            Column::new("金额", ColumnKind::Money),
            Column::new("数量", ColumnKind::Int),
            Column::new("比率", ColumnKind::Rate),
        ];
        let rows =
            vec![vec![Value::text("-2+3"), Value::Money(Decimal::new(-1250, 2)), Value::Int(-3), Value::Rate(-0.05)]];
        let sheet = Sheet::new("s", columns, Rows::Owned(rows));
        assert_eq!(csv(&sheet), "客服,金额,数量,比率\n'-2+3,-12.50,-3,-5.0%\n");
        assert_eq!(csv_file(&csv(&sheet)), "\u{feff}客服,金额,数量,比率\r\n'-2+3,-12.50,-3,-5.0%\r\n");
        assert!(table(&sheet).contains("-2+3"), "the terminal table shows names as they are");
    }

    #[test]
    fn text_that_a_spreadsheet_would_run_gets_a_leading_quote() {
        for (text, want) in [
            ("@SUM(1)", "'@SUM(1)"),
            ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
            ("-2+3", "'-2+3"),
            ("+1+1", "'+1+1"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("小王", "小王"),
            ("a=b", "a=b"),
            ("", ""),
            ("-", "-"),
            ("-5", "-5"),
            ("-1.5%", "-1.5%"),
            ("-1.", "'-1."),
            ("--1", "'--1"),
        ] {
            assert_eq!(neutralise_formula(text.to_string()), want, "{text:?}");
        }
    }
}
