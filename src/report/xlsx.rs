//! The xlsx renderer: the house formats in one place (SPEC §5), atomic and
//! byte-identical writes.

use super::{Chart, ChartKind, ColumnKind, Highlight, Report, Rows, Sheet, Value};
use crate::error::Error;
use crate::model::round_fen;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    Chart as XlsxChart, ChartType, ConditionalFormat3ColorScale, ConditionalFormatDataBar, DocProperties, Format,
    FormatBorder, Workbook, Worksheet, XlsxError,
};
use std::path::{Path, PathBuf};
use unicode_width::UnicodeWidthStr;

/// Rows looked at to size columns of a streamed sheet (its rows cannot be revisited).
const WIDTH_SAMPLE_ROWS: usize = 2_000;
const MAX_COLUMN_WIDTH: usize = 60;

struct Formats {
    bold: bool,
    header: Format,
    text: Format,
    int: Format,
    money: Format,
    rate: Format,
    number: Format,
    datetime: Format,
    date: Format,
}

impl Formats {
    fn new(bold: bool) -> Formats {
        let base = if bold { Format::new().set_bold() } else { Format::new() };
        Formats {
            bold,
            header: Format::new().set_bold().set_background_color(0xDDEBF7).set_border(FormatBorder::Thin),
            text: base.clone(),
            int: base.clone().set_num_format("#,##0"),
            money: base.clone().set_num_format("¥#,##0.00"),
            rate: base.clone().set_num_format("0.0%"),
            number: base.clone().set_num_format("0.00"),
            datetime: base.clone().set_num_format("yyyy-mm-dd hh:mm:ss"),
            date: base.set_num_format("yyyy-mm-dd"),
        }
    }

    fn for_kind(&self, kind: ColumnKind) -> &Format {
        match kind {
            ColumnKind::Text => &self.text,
            ColumnKind::Int => &self.int,
            ColumnKind::Money => &self.money,
            ColumnKind::Rate => &self.rate,
            ColumnKind::Number => &self.number,
            ColumnKind::DateTime => &self.datetime,
            ColumnKind::Date => &self.date,
        }
    }
}

/// The temporary file being written, for `remove_unfinished` (Ctrl-C, `kill`).
static UNFINISHED: std::sync::Mutex<Option<PathBuf>> = std::sync::Mutex::new(None);

/// Delete the report being written, if any: called when the process is interrupted, so that
/// nothing half-written is left beside the old report.
pub fn remove_unfinished() {
    if let Ok(mut slot) = UNFINISHED.lock()
        && let Some(tmp) = slot.take()
    {
        let _ = std::fs::remove_file(tmp);
    }
}

fn set_unfinished(tmp: Option<PathBuf>) {
    if let Ok(mut slot) = UNFINISHED.lock() {
        *slot = tmp;
    }
}

/// Write the report to `path` through a temporary file beside it, renamed over the
/// target when complete: a crash never leaves half a report (SPEC §5).
pub fn write(report: &Report<'_>, path: &Path) -> Result<(), Error> {
    let tmp = temp_path(path);
    set_unfinished(Some(tmp.clone()));
    let shown = path.display().to_string();
    let result = build(report, &tmp)
        .map_err(|e| Error::Write { path: shown.clone(), message: e.to_string() })
        .and_then(|()| std::fs::rename(&tmp, path).map_err(|e| Error::Write { path: shown, message: e.to_string() }));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    set_unfinished(None);
    result
}

fn temp_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "report.xlsx".into());
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

fn build(report: &Report<'_>, tmp: &Path) -> Result<(), XlsxError> {
    let mut workbook = Workbook::new();
    // Fixed document dates: the same input gives the same bytes.
    let fixed = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0)).unwrap_or_default();
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&fixed).set_author("cs-tools"));
    let plain = Formats::new(false);
    let bold = Formats::new(true);
    for sheet in &report.sheets {
        // Excel stops at 1,048,576 rows: a longer sheet goes on in "name (2)", "name (3)"…
        let len = sheet.rows.len();
        let parts = len.div_ceil(MAX_DATA_ROWS).max(1);
        for part in 0..parts {
            let worksheet =
                if sheet.streaming { workbook.add_worksheet_with_constant_memory()? } else { workbook.add_worksheet() };
            let name = if part == 0 { sheet.name.clone() } else { format!("{} ({})", sheet.name, part + 1) };
            let rows = part * MAX_DATA_ROWS..((part + 1) * MAX_DATA_ROWS).min(len);
            write_sheet(worksheet, sheet, &name, rows, part + 1 == parts, &plain, &bold)?;
        }
    }
    if let Some(dir) = tmp.parent().filter(|d| !d.as_os_str().is_empty()) {
        workbook.set_tempdir(dir)?;
    }
    workbook.save(tmp)
}

/// Data rows per worksheet: Excel's 1,048,576 rows less the header and a totals row.
const MAX_DATA_ROWS: usize = 1_048_574;

/// One worksheet: the header, the data rows `rows` of the sheet, and on the `last` part
/// the totals, conditional formats and charts.
fn write_sheet(
    ws: &mut Worksheet,
    sheet: &Sheet<'_>,
    name: &str,
    rows: std::ops::Range<usize>,
    last: bool,
    plain: &Formats,
    bold: &Formats,
) -> Result<(), XlsxError> {
    ws.set_name(name)?;
    let widths = column_widths(sheet);
    for (col, width) in widths.iter().enumerate() {
        ws.set_column_width(col as u16, *width as f64)?;
    }
    for (col, c) in sheet.columns.iter().enumerate() {
        ws.write_string_with_format(0, col as u16, &c.label, &plain.header)?;
    }
    let first = rows.start;
    let mut row_error = None;
    sheet.rows.for_each_in(rows.clone(), |i, values| {
        if row_error.is_none()
            && let Err(e) = write_row(ws, (i - first + 1) as u32, sheet, values, plain)
        {
            row_error = Some(e);
        }
    });
    if let Some(e) = row_error {
        return Err(e);
    }
    let data_rows = rows.len() as u32;
    let last_col = sheet.columns.len().saturating_sub(1) as u16;
    ws.set_freeze_panes(1, 0)?;
    // Printed for the wall or payroll: landscape, one page wide, header on every page.
    ws.set_landscape().set_print_fit_to_pages(1, if sheet.one_page { 1 } else { 0 });
    ws.set_repeat_rows(0, 0)?;
    ws.autofilter(0, 0, data_rows, last_col)?;
    if !last {
        return Ok(());
    }
    if let Some(totals) = &sheet.totals {
        write_row(ws, data_rows + 1, sheet, totals, bold)?;
    }
    for h in &sheet.highlights {
        if data_rows == 0 {
            break;
        }
        match *h {
            Highlight::DataBar(col) => {
                ws.add_conditional_format(
                    1,
                    col as u16,
                    data_rows,
                    col as u16,
                    &ConditionalFormatDataBar::new().set_fill_color(0x63BE7B),
                )?;
            }
            Highlight::ColorScaleRange(first, last) => {
                let scale = ConditionalFormat3ColorScale::new()
                    .set_minimum_color(0xF8F8F8)
                    .set_midpoint_color(0xFFEB84)
                    .set_maximum_color(0xF8696B);
                ws.add_conditional_format(1, first as u16, data_rows, last as u16, &scale)?;
            }
            Highlight::ColorScale(col) => {
                ws.add_conditional_format(1, col as u16, data_rows, col as u16, &ConditionalFormat3ColorScale::new())?;
            }
        }
    }
    for (n, chart) in sheet.charts.iter().enumerate() {
        if chart.rows == 0 {
            continue;
        }
        let built = build_chart(chart.source.as_deref().unwrap_or(&sheet.name), chart);
        if sheet.one_page {
            // Beside the table, one under the other: the whole page at a glance.
            ws.insert_chart(1 + (19 * n) as u32, last_col + 2, &built)?;
        } else {
            // Below the table, so that the sheet prints one page wide.
            let below = data_rows + if sheet.totals.is_some() { 3 } else { 2 };
            ws.insert_chart(below + (20 * n) as u32, 0, &built)?;
        }
    }
    Ok(())
}

fn write_row(
    ws: &mut Worksheet,
    row: u32,
    sheet: &Sheet<'_>,
    values: &[Value],
    formats: &Formats,
) -> Result<(), XlsxError> {
    for (col, value) in values.iter().enumerate() {
        // The value decides its format (a key-figures column holds money, counts and rates);
        // a plain number takes its column's.
        let kind = match value {
            Value::Money(_) => ColumnKind::Money,
            Value::Rate(_) => ColumnKind::Rate,
            Value::Int(_) => ColumnKind::Int,
            Value::DateTime(_) => ColumnKind::DateTime,
            Value::Date(_) => ColumnKind::Date,
            _ => sheet.columns.get(col).map(|c| c.kind).unwrap_or(ColumnKind::Text),
        };
        let format = formats.for_kind(kind);
        let col = col as u16;
        match value {
            Value::Empty => {}
            // Plain text takes no format: rust_xlsxwriter hashes a format for every cell
            // written with one, which shows on a million-row sheet.
            Value::Text(s) if !formats.bold => {
                ws.write_string(row, col, excel_text(s))?;
            }
            Value::Text(s) => {
                ws.write_string_with_format(row, col, excel_text(s), format)?;
            }
            Value::Int(i) => {
                ws.write_number_with_format(row, col, *i as f64, format)?;
            }
            Value::Money(m) => {
                ws.write_number_with_format(row, col, round_fen(*m).to_f64().unwrap_or(0.0), format)?;
            }
            Value::Rate(r) | Value::Number(r) => {
                ws.write_number_with_format(row, col, *r, format)?;
            }
            // As the serial number Excel stores, without a round trip through a date type.
            Value::DateTime(dt) => {
                ws.write_number_with_format(row, col, excel_serial(dt), format)?;
            }
            Value::Date(d) => {
                ws.write_datetime_with_format(row, col, d, format)?;
            }
        }
    }
    Ok(())
}

/// Excel holds at most 32,767 characters in a cell: longer text is cut there.
fn excel_text(s: &str) -> &str {
    const MAX_CHARS: usize = 32_767;
    match s.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => &s[..cut],
        None => s,
    }
}

/// Days since 1899-12-30 with the time as a fraction: Excel's serial (1900 system).
fn excel_serial(dt: &chrono::NaiveDateTime) -> f64 {
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
    let days = (dt.date() - epoch).num_days() as f64;
    let secs = chrono::Timelike::num_seconds_from_midnight(dt) as f64;
    days + secs / 86_400.0
}

fn build_chart(sheet_name: &str, spec: &Chart) -> XlsxChart {
    let mut chart = XlsxChart::new(match spec.kind {
        ChartKind::Column => ChartType::Column,
        ChartKind::Bar => ChartType::Bar,
        ChartKind::Pie => ChartType::Pie,
        ChartKind::Line => ChartType::Line,
    });
    let last = spec.rows as u32;
    let cat = spec.category_column as u16;
    for &col in &spec.value_columns {
        let series = chart
            .add_series()
            .set_name((sheet_name, 0, col as u16))
            .set_categories((sheet_name, 1, cat, last, cat))
            .set_values((sheet_name, 1, col as u16, last, col as u16));
        if spec.secondary.contains(&col) {
            series.set_secondary_axis(true);
        }
    }
    chart.title().set_name(&spec.title);
    if spec.kind != ChartKind::Pie {
        // A horizontal bar chart's x axis is the value axis at the bottom.
        let (x, y) =
            if spec.kind == ChartKind::Bar { (&spec.y_title, &spec.x_title) } else { (&spec.x_title, &spec.y_title) };
        chart.x_axis().set_name(x);
        chart.y_axis().set_name(y);
        if spec.kind == ChartKind::Line {
            // A daily trend: dates on the axis, a rate on the second axis.
            chart.x_axis().set_num_format("m-d");
            chart.y2_axis().set_num_format("0%");
        }
        if spec.value_columns.len() == 1 {
            chart.legend().set_hidden();
        }
    }
    chart.set_width(640).set_height(360);
    chart
}

/// Widths that fit the content; a CJK character counts two columns (TECH-NOTES).
fn column_widths(sheet: &Sheet<'_>) -> Vec<usize> {
    let mut widths: Vec<usize> = sheet.columns.iter().map(|c| c.label.width() + 3).collect();
    let mut measure = |values: &[Value]| {
        for (col, v) in values.iter().enumerate() {
            if let Some(w) = widths.get_mut(col) {
                *w = (*w).max(display_width(v) + 3);
            }
        }
    };
    match &sheet.rows {
        Rows::Owned(rows) => rows.iter().for_each(|r| measure(r)),
        Rows::Lazy { len, row } => (0..(*len).min(WIDTH_SAMPLE_ROWS)).for_each(|i| measure(&row(i))),
    }
    if let Some(t) = &sheet.totals {
        measure(t);
    }
    widths.into_iter().map(|w| w.clamp(6, MAX_COLUMN_WIDTH)).collect()
}

fn display_width(v: &Value) -> usize {
    match v {
        Value::Empty => 0,
        Value::Text(s) => s.lines().map(UnicodeWidthStr::width).max().unwrap_or(0),
        Value::Int(i) => i.to_string().len() + i.to_string().len() / 3,
        // "¥1,234,567.89"
        Value::Money(m) => {
            let digits = round_fen(*m).trunc().abs().to_string().len();
            digits + digits / 3 + 5
        }
        Value::Rate(_) => 6,
        Value::Number(n) => format!("{n:.2}").len(),
        Value::DateTime(_) => 19,
        Value::Date(_) => 10,
    }
}
