//! Terminal table and CSV renderings of a sheet (`--format table|csv`).

use super::{ColumnKind, Sheet, Value};
use crate::model::round_fen;
use unicode_width::UnicodeWidthStr;

/// The plain text of a value: money to the fen, rates as percentages.
pub fn plain(value: &Value, kind: ColumnKind) -> String {
    match value {
        Value::Empty => String::new(),
        Value::Text(s) => s.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Money(m) => format!("{:.2}", round_fen(*m)),
        Value::Rate(r) if kind == ColumnKind::Rate => format!("{:.1}%", r * 100.0),
        Value::Rate(r) | Value::Number(r) => format!("{r:.2}"),
        Value::DateTime(d) => d.format("%Y-%m-%d %H:%M:%S").to_string(),
        Value::Date(d) => d.format("%Y-%m-%d").to_string(),
    }
}

fn all_rows(sheet: &Sheet<'_>) -> Vec<Vec<String>> {
    let kinds: Vec<ColumnKind> = sheet.columns.iter().map(|c| c.kind).collect();
    let render = |values: &[Value]| -> Vec<String> {
        values.iter().enumerate().map(|(i, v)| plain(v, kinds.get(i).copied().unwrap_or(ColumnKind::Text))).collect()
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
    let rows = all_rows(sheet);
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

/// RFC 4180 CSV of the sheet, header first.
pub fn csv(sheet: &Sheet<'_>) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in all_rows(sheet) {
        // Writing to memory cannot fail.
        let _ = writer.write_record(&row);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}
