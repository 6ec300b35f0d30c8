// Over 500 lines: the house formats, the streamed rows and the atomic write share one workbook's state; split, each part would reach into the others.
//! The xlsx renderer: the house formats in one place (docs/definitions.md#reports), atomic and
//! byte-identical writes.

use super::layout::{Layout, TitleCells, chart_size, layout, row_height, row_lines};
use super::{Chart, ChartKind, ColumnKind, Highlight, Report, Sheet, Value};
use crate::error::Error;
use crate::model::round_fen;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    Chart as XlsxChart, ChartAxisCrossing, ChartType, ConditionalFormat3ColorScale, ConditionalFormatDataBar,
    DocProperties, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};
use std::path::{Path, PathBuf};

struct Formats {
    bold: bool,
    header: Format,
    text: Format,
    int: Format,
    money: Format,
    rate: Format,
    number: Format,
    fine_rate: Format,
    fine_number: Format,
    datetime: Format,
    date: Format,
    /// A text column whose long values wrap, and the other text columns of its sheet: at the
    /// top of their rows, beside the wrapped lines.
    wrapped: Format,
    top: Format,
}

impl Formats {
    fn new(bold: bool) -> Formats {
        let base = if bold { Format::new().set_bold() } else { Format::new() };
        Formats {
            bold,
            header: Format::new()
                .set_bold()
                .set_background_color(0xDDEBF7)
                .set_border(FormatBorder::Thin)
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            text: base.clone(),
            int: base.clone().set_num_format("#,##0"),
            money: base.clone().set_num_format("¥#,##0.00"),
            rate: base.clone().set_num_format("0.0%"),
            number: base.clone().set_num_format("0.00"),
            fine_rate: base.clone().set_num_format("0.00%"),
            fine_number: base.clone().set_num_format("0.0000"),
            datetime: base.clone().set_num_format("yyyy-mm-dd hh:mm:ss"),
            date: base.set_num_format("yyyy-mm-dd"),
            wrapped: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            top: Format::new().set_align(FormatAlign::Top),
        }
    }

    /// The same formats starting at the top of the cell: on a sheet where some text wraps
    /// onto several lines, a figure stands beside the first line of the text it goes with.
    fn at_top(&self) -> Formats {
        let top = |f: &Format| f.clone().set_align(FormatAlign::Top);
        Formats {
            bold: self.bold,
            header: self.header.clone(),
            text: top(&self.text),
            int: top(&self.int),
            money: top(&self.money),
            rate: top(&self.rate),
            number: top(&self.number),
            fine_rate: top(&self.fine_rate),
            fine_number: top(&self.fine_number),
            datetime: top(&self.datetime),
            date: top(&self.date),
            wrapped: self.wrapped.clone(),
            top: self.top.clone(),
        }
    }

    fn for_kind(&self, kind: ColumnKind) -> &Format {
        match kind {
            ColumnKind::Text => &self.text,
            ColumnKind::Int => &self.int,
            ColumnKind::Money => &self.money,
            ColumnKind::Rate => &self.rate,
            ColumnKind::Number => &self.number,
            ColumnKind::FineRate => &self.fine_rate,
            ColumnKind::FineNumber => &self.fine_number,
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
/// target when complete: a crash never leaves half a report (docs/definitions.md#reports).
pub fn write(report: &Report<'_>, path: &Path) -> Result<(), Error> {
    let tmp = temp_path(path);
    set_unfinished(Some(tmp.clone()));
    let result = build(report, &tmp)
        .map_err(|e| match e {
            XlsxError::IoError(io) => cannot_write(path, &io),
            e => cannot_write(path, &std::io::Error::other(e.to_string())),
        })
        .and_then(|()| std::fs::rename(&tmp, path).map_err(|e| cannot_write(path, &e)));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    set_unfinished(None);
    crate::timings::phase("workbook written");
    result
}

/// Text (a CSV or JSON summary) written as a report is: to a temporary file beside the
/// target, then renamed over it.
pub fn write_text(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let tmp = temp_path(path);
    let result =
        std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path)).map_err(|e| cannot_write(path, &e));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Why a report could not be written, and what to do about it.
fn cannot_write(path: &Path, e: &std::io::Error) -> Error {
    let folder = match path.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(d) => d.display().to_string(),
        None => ".".to_string(),
    };
    let message = match e.kind() {
        // Windows refuses to replace a file Excel or WPS holds open: the usual case by far.
        std::io::ErrorKind::PermissionDenied => {
            msg!("run.write.held_open", folder = &folder, detail = crate::messages::technical(e))
        }
        std::io::ErrorKind::NotFound => {
            msg!("run.write.no_folder", folder = &folder, detail = crate::messages::technical(e))
        }
        _ => msg!("run.write.other", error = e, folder = &folder),
    };
    Error::Write { path: path.display().to_string(), message }
}

fn temp_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "report.xlsx".into());
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

fn build(report: &Report<'_>, tmp: &Path) -> Result<(), XlsxError> {
    let mut workbook = Workbook::new();
    // Excel's own level: a few percent larger than the default 6, a third faster to save.
    workbook.set_zip_compression_level(3);
    // Fixed document dates: the same input gives the same bytes.
    let fixed = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0)).unwrap_or_default();
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&fixed).set_author("cs-tools"));
    let plain = Formats::new(false);
    let bold = Formats::new(true);
    let mut charts = false;
    for sheet in &report.sheets {
        // Excel stops at 1,048,576 rows: a longer sheet goes on in "name (2)", "name (3)"…
        let len = sheet.rows.len();
        let parts = len.div_ceil(MAX_DATA_ROWS).max(1);
        for part in 0..parts {
            let worksheet =
                if sheet.streaming { workbook.add_worksheet_with_constant_memory()? } else { workbook.add_worksheet() };
            let name = if part == 0 { sheet.name.clone() } else { format!("{} ({})", sheet.name, part + 1) };
            let title = report.title.as_ref().map(|t| {
                let mut text = t.text(&name);
                if let Some(note) = &sheet.note {
                    text.push_str(" — ");
                    text.push_str(note);
                }
                text
            });
            let rows = part * MAX_DATA_ROWS..((part + 1) * MAX_DATA_ROWS).min(len);
            let page = Page { name: &name, title: title.as_deref(), rows, last: part + 1 == parts };
            write_sheet(worksheet, sheet, &page, &plain, &bold)?;
        }
        charts |= sheet.charts.iter().any(|c| matches!(c.kind, ChartKind::Column | ChartKind::Bar) && c.rows > 0);
    }
    if let Some(dir) = tmp.parent().filter(|d| !d.as_os_str().is_empty()) {
        workbook.set_tempdir(dir)?;
    }
    workbook.save(tmp)?;
    if charts {
        super::chart_labels::label_every_category(tmp).map_err(|e| XlsxError::ParameterError(e.to_string()))?;
    }
    Ok(())
}

/// Data rows per worksheet: Excel's 1,048,576 rows less the title, the header and a totals row.
const MAX_DATA_ROWS: usize = 1_048_573;

/// One worksheet of a sheet: its name, its title row, which of the sheet's data rows it
/// holds, and whether it is the last (the one with the totals, formats and charts).
struct Page<'p> {
    name: &'p str,
    title: Option<&'p str>,
    rows: std::ops::Range<usize>,
    last: bool,
}

/// One worksheet: the title, the header, the data rows of the page and, on the last page,
/// the totals, conditional formats and charts.
fn write_sheet(
    ws: &mut Worksheet,
    sheet: &Sheet<'_>,
    page: &Page<'_>,
    plain: &Formats,
    bold: &Formats,
) -> Result<(), XlsxError> {
    ws.set_name(page.name)?;
    // The title (if any) on the first row, the header below it, then the data.
    let header = u32::from(page.title.is_some());
    let top = header + 1;
    let layout = layout(sheet, page.title, page.rows.len(), page.last);
    let at_top = layout.wraps.contains(&true).then(|| plain.at_top());
    let plain = at_top.as_ref().unwrap_or(plain);
    write_title(ws, page.title, &layout.title)?;
    for (col, width) in layout.widths.iter().enumerate() {
        ws.set_column_width(col as u16, *width as f64)?;
    }
    // A number column's format is set on the column and its plain cells are written without
    // one (they take it from the column, the same style): rust_xlsxwriter hashes the whole
    // format of every cell written with one, a tenth of writing a million-row sheet.
    for (col, c) in sheet.columns.iter().enumerate() {
        if takes_column_format(c.kind) {
            ws.set_column_format(col as u16, plain.for_kind(c.kind))?;
        } else if layout.wraps[col] {
            ws.set_column_format(col as u16, &plain.wrapped)?;
        } else if c.kind == ColumnKind::Text && layout.wraps.contains(&true) {
            ws.set_column_format(col as u16, &plain.top)?;
        }
    }
    for (col, c) in sheet.columns.iter().enumerate() {
        ws.write_string_with_format(header, col as u16, &c.label, &plain.header)?;
    }
    if layout.header_wraps {
        ws.set_row_height(header, 15 * layout.header_lines as u32 + 2)?;
    }
    wrapped_rows(ws, sheet, page, &layout, top)?;
    let first = page.rows.start;
    let mut row_error = None;
    sheet.rows.for_each_in(page.rows.clone(), |i, values| {
        crate::progress::row_written();
        if row_error.is_none()
            && let Err(e) = write_row(ws, top + (i - first) as u32, 0, sheet, values, plain)
        {
            row_error = Some(e);
        }
    });
    if let Some(e) = row_error {
        return Err(e);
    }
    let data_rows = page.rows.len() as u32;
    let last_col = sheet.columns.len().saturating_sub(1) as u16;
    ws.set_freeze_panes(top, 0)?;
    ws.autofilter(header, 0, header + data_rows, last_col)?;
    print_setup(ws, &layout, header)?;
    if !page.last {
        return Ok(());
    }
    if let Some(totals) = &sheet.totals {
        write_row(ws, top + data_rows, 0, sheet, totals, bold)?;
    }
    if let Some(beside) = &sheet.beside {
        write_beside(ws, beside, &layout.beside_widths, last_col + 2, header, plain)?;
    }
    let last_data = top + data_rows - 1;
    for h in &sheet.highlights {
        if data_rows == 0 {
            break;
        }
        match *h {
            Highlight::DataBarRows(col, n) if n > 0 => {
                let last = top + (n as u32).min(data_rows) - 1;
                let bar = ConditionalFormatDataBar::new().set_fill_color(0x63BE7B);
                ws.add_conditional_format(top, col as u16, last, col as u16, &bar)?;
            }
            Highlight::DataBarRows(..) => {}
            Highlight::ColorScaleRange(first, last) => {
                let scale = ConditionalFormat3ColorScale::new()
                    .set_minimum_color(0xF8F8F8)
                    .set_midpoint_color(0xFFEB84)
                    .set_maximum_color(0xF8696B);
                ws.add_conditional_format(top, first as u16, last_data, last as u16, &scale)?;
            }
            Highlight::ColorScale(col) => {
                let scale = ConditionalFormat3ColorScale::new();
                ws.add_conditional_format(top, col as u16, last_data, col as u16, &scale)?;
            }
        }
    }
    let mut below = top + data_rows + if sheet.totals.is_some() { 2 } else { 1 };
    let mut beside = top;
    for chart in &sheet.charts {
        if chart.rows == 0 {
            continue;
        }
        let own = chart.source.as_deref().is_none_or(|s| s == sheet.name);
        // A count axis steps by whole numbers: read the charted counts to choose the step.
        let counts = (own
            && chart.value_columns.iter().all(|&c| sheet.columns.get(c).is_some_and(|c| c.kind == ColumnKind::Int)))
        .then(|| count_max(sheet, chart));
        let built = build_chart(chart.source.as_deref().unwrap_or(&sheet.name), chart, top, counts);
        if sheet.one_page {
            // Beside the table, one under the other: the whole page at a glance.
            ws.insert_chart(beside, last_col + 2, &built.chart)?;
            beside += built.rows + 1;
        } else {
            // Below the table, so that the sheet prints one page wide.
            ws.insert_chart(below, 0, &built.chart)?;
            below += built.rows + 1;
        }
    }
    Ok(())
}

/// The table beside the sheet's (`Sheet::beside`) from column `first_col`: its header on the
/// sheet's header row, its rows below, each column with its own width and format.
fn write_beside(
    ws: &mut Worksheet,
    beside: &Sheet<'_>,
    widths: &[usize],
    first_col: u16,
    header: u32,
    plain: &Formats,
) -> Result<(), XlsxError> {
    for (i, c) in beside.columns.iter().enumerate() {
        let col = first_col + i as u16;
        if let Some(w) = widths.get(i) {
            ws.set_column_width(col, *w as f64)?;
        }
        if takes_column_format(c.kind) {
            ws.set_column_format(col, plain.for_kind(c.kind))?;
        }
        ws.write_string_with_format(header, col, &c.label, &plain.header)?;
    }
    let mut row_error = None;
    beside.rows.for_each(|i, values| {
        if row_error.is_none()
            && let Err(e) = write_row(ws, header + 1 + i as u32, first_col, beside, values, plain)
        {
            row_error = Some(e);
        }
    });
    row_error.map_or(Ok(()), Err)
}

/// Rows whose long text wraps are made tall enough for its lines: Excel would fit them itself,
/// LibreOffice keeps one line. Not on a streamed sheet: its rows are made once, as they are
/// written.
fn wrapped_rows(
    ws: &mut Worksheet,
    sheet: &Sheet<'_>,
    page: &Page<'_>,
    layout: &Layout,
    top: u32,
) -> Result<(), XlsxError> {
    if sheet.streaming || !layout.wraps.contains(&true) {
        return Ok(());
    }
    let mut heights = Vec::new();
    sheet.rows.for_each_in(page.rows.clone(), |i, values| {
        let lines = row_lines(layout, values);
        if lines > 1 {
            heights.push((top + (i - page.rows.start) as u32, row_height(lines)));
        }
    });
    for (row, height) in heights {
        ws.set_row_height(row, height)?;
    }
    Ok(())
}

/// The title row: in A1, or merged across the cells the layout gives it and wrapped there.
fn write_title(ws: &mut Worksheet, title: Option<&str>, cells: &TitleCells) -> Result<(), XlsxError> {
    let Some(title) = title else { return Ok(()) };
    let format = Format::new().set_bold().set_font_size(13);
    match *cells {
        TitleCells::Merged { last_col, .. } => {
            let format = format.set_text_wrap().set_align(FormatAlign::Top);
            if last_col > 0 {
                ws.merge_range(0, 0, 0, last_col, title, &format)?;
            } else {
                ws.write_string_with_format(0, 0, title, &format)?;
            }
        }
        TitleCells::Cell | TitleCells::None => {
            ws.write_string_with_format(0, 0, title, &format)?;
        }
    }
    ws.set_row_height(0, cells.row_height())?;
    Ok(())
}

/// Printed for the wall or payroll: A4, landscape when the columns are too wide for portrait,
/// one page wide (the wall page on one page) unless that would print below 80%: then over as
/// few pages across as keep that size, across before down. The title and header on every page,
/// and the first column on every page across.
fn print_setup(ws: &mut Worksheet, layout: &Layout, header: u32) -> Result<(), XlsxError> {
    const A4: u8 = 9;
    ws.set_paper_size(A4);
    if layout.landscape {
        ws.set_landscape();
    }
    ws.set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3);
    ws.set_print_fit_to_pages(layout.pages_wide, layout.pages_tall);
    if layout.pages_wide > 1 {
        // The pages of the same rows one after the other, each starting with what the row is.
        ws.set_page_order(false);
        ws.set_repeat_columns(0, layout.repeated_columns - 1)?;
    }
    ws.set_repeat_rows(0, header)?;
    Ok(())
}

/// The largest value a chart draws from its sheet's rows.
fn count_max(sheet: &Sheet<'_>, chart: &Chart) -> f64 {
    let mut max = 0.0f64;
    sheet.rows.for_each_in(0..chart.rows.min(sheet.rows.len()), |_, values| {
        for &c in &chart.value_columns {
            if let Some(Value::Int(n)) = values.get(c) {
                max = max.max(*n as f64);
            }
        }
    });
    max
}

/// A whole step for a count axis with at most about eight gridlines: 1, 2, 5, 10, 20, 50…
fn count_step(max: f64) -> f64 {
    let mut step = 1.0;
    for factor in [2.0, 2.5, 2.0].iter().cycle() {
        if max / step <= 8.0 {
            break;
        }
        step *= factor;
    }
    step
}

/// A row of `sheet`'s values, its first in column `first_col`.
fn write_row(
    ws: &mut Worksheet,
    row: u32,
    first_col: u16,
    sheet: &Sheet<'_>,
    values: &[Value],
    formats: &Formats,
) -> Result<(), XlsxError> {
    for (col, value) in values.iter().enumerate() {
        // The value decides its format (a key-figures column holds money, counts and rates);
        // a plain number takes its column's.
        let kind = match value {
            Value::Money(_) => ColumnKind::Money,
            Value::Rate(_) if sheet.columns.get(col).is_some_and(|c| c.kind == ColumnKind::FineRate) => {
                ColumnKind::FineRate
            }
            Value::Rate(_) => ColumnKind::Rate,
            Value::Int(_) => ColumnKind::Int,
            Value::DateTime(_) => ColumnKind::DateTime,
            Value::Date(_) => ColumnKind::Date,
            _ => sheet.columns.get(col).map(|c| c.kind).unwrap_or(ColumnKind::Text),
        };
        let format = formats.for_kind(kind);
        let from_column =
            !formats.bold && takes_column_format(kind) && sheet.columns.get(col).is_some_and(|c| c.kind == kind);
        let col = first_col + col as u16;
        if from_column {
            let number = match value {
                Value::Int(i) => Some(*i as f64),
                Value::Money(m) => Some(round_fen(*m).to_f64().unwrap_or(0.0)),
                Value::Rate(r) | Value::Number(r) => Some(*r),
                Value::DateTime(dt) => Some(excel_serial(dt)),
                _ => None,
            };
            if let Some(number) = number {
                ws.write_number(row, col, number)?;
                continue;
            }
        }
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

/// Columns of numbers written as numbers, whose plain cells take the column's format.
fn takes_column_format(kind: ColumnKind) -> bool {
    !matches!(kind, ColumnKind::Text | ColumnKind::Date)
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

/// A chart and the rows of the sheet it covers.
struct BuiltChart {
    chart: XlsxChart,
    rows: u32,
}

const ROW_PX: u32 = 20;

fn build_chart(sheet_name: &str, spec: &Chart, top: u32, counts: Option<f64>) -> BuiltChart {
    let mut chart = XlsxChart::new(match spec.kind {
        ChartKind::Column => ChartType::Column,
        ChartKind::Bar => ChartType::Bar,
        ChartKind::Pie => ChartType::Pie,
        ChartKind::Line => ChartType::Line,
    });
    let last = top + spec.rows as u32 - 1;
    let cat = spec.category_column as u16;
    for &col in &spec.value_columns {
        let series = chart
            .add_series()
            .set_name((sheet_name, top - 1, col as u16))
            .set_categories((sheet_name, top, cat, last, cat))
            .set_values((sheet_name, top, col as u16, last, col as u16));
        if spec.secondary.contains(&col) {
            series.set_secondary_axis(true);
        }
    }
    chart.title().set_name(&spec.title);
    let (width, height) = chart_size(spec);
    if spec.kind != ChartKind::Pie {
        // rust_xlsxwriter's x axis of a horizontal bar chart is the value axis at the bottom;
        // its y axis the categories.
        let bar = spec.kind == ChartKind::Bar;
        chart.x_axis().set_name(if bar { &spec.y_title } else { &spec.x_title });
        chart.y_axis().set_name(if bar { &spec.x_title } else { &spec.y_title });
        if spec.kind == ChartKind::Line {
            // A daily trend: dates on the axis, a rate on the second axis.
            chart.x_axis().set_num_format("m-d");
            chart.y2_axis().set_num_format("0%");
        }
        if let Some(max) = counts {
            let value_axis = if bar { chart.x_axis() } else { chart.y_axis() };
            value_axis.set_min(0).set_major_unit(count_step(max)).set_num_format("0");
        }
        if bar {
            // The first row (the largest) at the top, the value axis still at the bottom.
            chart.y_axis().set_reverse().set_crossing(ChartAxisCrossing::Max);
        }
        if spec.value_columns.len() == 1 {
            chart.legend().set_hidden();
        }
    }
    chart.set_width(width).set_height(height);
    BuiltChart { chart, rows: height.div_ceil(ROW_PX) }
}

#[cfg(test)]
mod tests {
    use super::cannot_write;
    use std::path::Path;

    /// Windows refuses to replace a report Excel or WPS holds open: the message says to close
    /// it, in the lead's language, and that the old file is kept.
    #[test]
    fn a_report_held_open_says_to_close_it() {
        let e = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let message = cannot_write(Path::new("报表/report-2026-10.xlsx"), &e).to_string();
        assert!(message.contains("请先在 Excel/WPS 中关闭该文件"), "{message}");
        assert!(message.contains("旧文件保持不变") && message.contains("report-2026-10.xlsx"), "{message}");
    }
}
