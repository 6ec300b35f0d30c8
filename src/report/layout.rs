//! How a sheet prints on A4 (docs/decisions.md#looks): the column widths, the text columns
//! that wrap, the orientation, how many pages across, and the cells the title takes. Nothing
//! may shrink a page below `MIN_SCALE`: a long note wraps in the title row, a long value wraps
//! in its column, and a table too wide for one page at that scale goes on over several pages
//! across instead of being made unreadable.
//!
//! Sizes are Excel's: a column of width w (characters of the default font) is 7w + 5 pixels,
//! a page holds 96 pixels an inch at 100%.

use super::{Chart, ChartKind, ColumnKind, Rows, Sheet, Value};
use crate::model::round_fen;
use unicode_width::UnicodeWidthStr;

/// Rows looked at to size columns of a streamed sheet (its rows cannot be revisited).
const WIDTH_SAMPLE_ROWS: usize = 2_000;
const MAX_COLUMN_WIDTH: usize = 60;
/// Header rows wrap at this many lines; a sheet too wide for a landscape page lets them take
/// one more when that narrows it.
const HEADER_LINES: usize = 2;

/// Characters across an A4 page at 100% between the 0.4" margins: wider sheets print landscape.
const PORTRAIT_CHARS: usize = 100;
/// Characters across a landscape A4 page at 100%: long text columns are narrowed (and wrap) to
/// fit within it, none below `TEXT_FLOOR`.
const LANDSCAPE_CHARS: usize = 146;
/// The narrowest a long text column is made to keep a sheet portrait (a two-column Rules
/// sheet, item and setting).
const PORTRAIT_TEXT_FLOOR: usize = 40;
/// The narrowest a long text column is made to keep a landscape sheet within a page.
const TEXT_FLOOR: usize = 30;

/// The printable area of A4 between the margins of `xlsx::print_setup` (0.4" left and right,
/// 0.5" top and bottom), in pixels at 100%: portrait width and height.
const PAGE_PX: (f64, f64) = ((8.27 - 0.8) * 96.0, (11.69 - 1.0) * 96.0);
/// The smallest print scale: 11-point text prints at about 9 points, as Excel's default font
/// would at 80%.
const MIN_SCALE: f64 = 0.8;
/// A column left at Excel's default width (8.43 characters).
const DEFAULT_COLUMN_PX: f64 = 64.0;
/// The 13-point bold title against the 11-point text `text_px` measures, with a little to
/// spare: the title row is made tall enough for the lines this counts.
const TITLE_SCALE: f64 = 1.25;
/// A cell's text starts and ends a few pixels inside its borders.
const CELL_PAD_PX: f64 = 8.0;
/// A title row's height in points: one line, and each line more (a CJK font's 13-point line
/// is taller than Calibri's).
const TITLE_ROW_PT: u32 = 21;
const TITLE_LINE_PT: u32 = 19;
/// A row of 11-point text: the default height in pixels, and points a wrapped line takes.
const ROW_PX: f64 = 20.0;
const LINE_PT: u32 = 16;

/// How one worksheet prints.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Layout {
    pub widths: Vec<usize>,
    /// The widths of the table beside this one (`Sheet::beside`), after an empty column.
    pub beside_widths: Vec<usize>,
    /// Text columns whose longest value is wider than the column: they wrap, so that no text
    /// runs on past the table and widens the printed page.
    pub wraps: Vec<bool>,
    /// Lines a header label may take, and whether any does take more than one.
    pub header_lines: usize,
    pub header_wraps: bool,
    pub landscape: bool,
    /// Fit to this many pages across, and down (0: as many as the rows need).
    pub pages_wide: u16,
    /// Columns printed again at the left of every page across: what the row is.
    pub repeated_columns: u16,
    pub pages_tall: u16,
    pub title: TitleCells,
}

/// The cells the title row's text takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum TitleCells {
    /// No title row.
    None,
    /// In A1 on one line, running on over the empty cells beside it within the page.
    Cell,
    /// Merged from A1 to `last_col` (a single cell when 0) and wrapped onto `lines` lines: on
    /// one line the text would run on past what the page holds, and the page would be printed
    /// smaller to fit it.
    Merged { last_col: u16, lines: usize },
}

impl TitleCells {
    /// The title row's height in points.
    pub fn row_height(&self) -> u32 {
        match self {
            TitleCells::Merged { lines, .. } => {
                (TITLE_ROW_PT + TITLE_LINE_PT * (*lines as u32).saturating_sub(1)).min(409)
            }
            _ => TITLE_ROW_PT,
        }
    }
}

/// The layout of a worksheet holding `data_rows` of the sheet's rows under `title`; its charts
/// (on the sheet's last worksheet only) count when `with_charts`.
pub(super) fn layout(sheet: &Sheet<'_>, title: Option<&str>, data_rows: usize, with_charts: bool) -> Layout {
    let longest = longest_values(sheet);
    let text: Vec<bool> = sheet.columns.iter().map(|c| c.kind == ColumnKind::Text).collect();
    let mut header_lines = HEADER_LINES;
    let mut widths = column_widths(sheet, &longest, header_lines);
    if chars(&widths) > LANDSCAPE_CHARS {
        let narrower = column_widths(sheet, &longest, HEADER_LINES + 1);
        if chars(&narrower) < chars(&widths) {
            widths = narrower;
            header_lines += 1;
        }
    }
    let mut landscape = sheet.one_page || chars(&widths) > PORTRAIT_CHARS;
    if landscape && !sheet.one_page {
        // Long text wraps in a narrower column rather than turning the page.
        let narrowed = narrow_text_columns(&widths, &text, PORTRAIT_TEXT_FLOOR, PORTRAIT_CHARS);
        if chars(&narrowed) <= PORTRAIT_CHARS {
            widths = narrowed;
            landscape = false;
        }
    }
    if landscape {
        widths = narrow_text_columns(&widths, &text, TEXT_FLOOR, LANDSCAPE_CHARS);
    }
    let wraps = (0..widths.len()).map(|i| text[i] && longest[i] + 2 > widths[i]).collect();
    let header_wraps = sheet.columns.iter().zip(&widths).any(|(c, &w)| c.label.width() + 1 > w);

    let charts: Vec<(u32, u32)> =
        if with_charts { sheet.charts.iter().filter(|c| c.rows > 0).map(chart_size).collect() } else { Vec::new() };
    // A table beside this one takes its own columns after an empty one: it prints as more
    // columns of the sheet.
    let beside_widths = match &sheet.beside {
        Some(b) => column_widths(b, &longest_values(b), HEADER_LINES),
        None => Vec::new(),
    };
    let mut columns_px: Vec<f64> = widths.iter().map(|&w| column_px(w)).collect();
    if !beside_widths.is_empty() {
        columns_px.push(DEFAULT_COLUMN_PX);
        columns_px.extend(beside_widths.iter().map(|&w| column_px(w)));
    }
    let table_px: f64 = columns_px.iter().sum();
    let chart_px = charts.iter().map(|c| f64::from(c.0)).fold(0.0, f64::max);
    // Charts go beside the table on a wall page (after an empty column), else below it.
    let content_px =
        if sheet.one_page && chart_px > 0.0 { table_px + DEFAULT_COLUMN_PX + chart_px } else { table_px.max(chart_px) };
    if !landscape && content_px > PAGE_PX.0 / MIN_SCALE {
        landscape = true;
    }
    let (page_w, page_h) = if landscape { (PAGE_PX.1, PAGE_PX.0) } else { PAGE_PX };
    let reach = page_w / MIN_SCALE;
    // A chart below the table starts at its left edge; beside it, after the table.
    let charts_reach = if sheet.one_page { content_px } else { chart_px };
    let pages_wide = if content_px <= reach {
        1
    } else {
        pages_across(&columns_px, usize::from(row_naming_columns(sheet)), reach)
            .max((charts_reach / reach).ceil() as u16)
    };
    // One page wide, the title may take the page's width (or the content's, printed smaller);
    // over several pages, what the first holds.
    let title_room = if pages_wide == 1 { content_px.max(page_w) } else { reach };
    let title = match title {
        None => TitleCells::None,
        Some(t) => title_cells(t, &columns_px, title_room),
    };
    let pages_tall = if sheet.one_page && pages_wide == 1 {
        let header_pt = if header_wraps { 15 * header_lines as u32 + 2 } else { 15 };
        let top_px = f64::from(title.row_height() + header_pt) * 4.0 / 3.0;
        let rows = data_rows + usize::from(sheet.totals.is_some());
        let charts_px: f64 = charts.iter().map(|c| (f64::from(c.1) / ROW_PX).ceil() * ROW_PX + ROW_PX).sum();
        let height = top_px + (rows as f64 * ROW_PX).max(charts_px);
        // The wall page on one page, unless that would print it too small: then one page wide.
        u16::from(height <= page_h / MIN_SCALE)
    } else {
        0
    };
    let repeated_columns = row_naming_columns(sheet);
    Layout {
        widths,
        beside_widths,
        wraps,
        header_lines,
        header_wraps,
        landscape,
        pages_wide,
        repeated_columns,
        pages_tall,
        title,
    }
}

/// The lines a row takes: its longest value in a wrapping column, wrapped at the column's
/// width.
pub(super) fn row_lines(layout: &Layout, values: &[Value]) -> usize {
    let mut lines = 1;
    for (col, v) in values.iter().enumerate() {
        if let (Value::Text(s), Some(true)) = (v, layout.wraps.get(col)) {
            let room = column_px(layout.widths[col]) - CELL_PAD_PX;
            lines = lines.max(s.lines().map(|line| lines_at(line, room, 1.0)).sum());
        }
    }
    lines
}

/// The height in points of a row of `lines` wrapped lines, at most Excel's 409.
pub(super) fn row_height(lines: usize) -> u32 {
    (LINE_PT * lines as u32 + 2).min(409)
}

/// A chart's width and height in pixels: wide enough for every category's label.
pub(super) fn chart_size(spec: &Chart) -> (u32, u32) {
    /// Pixels a category takes on a bar chart's axis, so that every label fits.
    const BAR_PX: u32 = 26;
    let (mut width, mut height) = (640u32, 360u32);
    match spec.kind {
        ChartKind::Bar => height = height.max(110 + BAR_PX * spec.rows as u32),
        ChartKind::Column => width = width.max(120 + 48 * spec.rows as u32),
        ChartKind::Pie | ChartKind::Line => {}
    }
    (width, height)
}

fn column_px(width: usize) -> f64 {
    7.0 * width as f64 + 5.0
}

fn chars(widths: &[usize]) -> usize {
    widths.iter().sum()
}

/// The columns that say what a row is, printed again on every page across: the first, and
/// the second too when the first is a number and the second text (排名 then 客服).
fn row_naming_columns(sheet: &Sheet<'_>) -> u16 {
    let kinds: Vec<ColumnKind> = sheet.columns.iter().map(|c| c.kind).take(2).collect();
    match kinds.as_slice() {
        [first, ColumnKind::Text] if *first != ColumnKind::Text => 2,
        _ => 1,
    }
}

/// Pages across that the columns take at `reach` pixels a page: a page breaks between columns.
/// Each page after the first starts with the first `repeated` columns again (the agent, the
/// day: what the row is).
fn pages_across(columns_px: &[f64], repeated: usize, reach: f64) -> u16 {
    let repeated: f64 = columns_px.iter().take(repeated).sum();
    let (mut pages, mut used) = (1u16, 0.0);
    for &px in columns_px {
        if used > repeated && used + px > reach {
            pages += 1;
            used = repeated;
        }
        used += px;
    }
    pages
}

/// The widths with the widest text columns narrowed, a character at a time and none below
/// `floor`, until the columns add up to `target` characters or none can give more.
fn narrow_text_columns(widths: &[usize], text: &[bool], floor: usize, target: usize) -> Vec<usize> {
    let mut widths = widths.to_vec();
    while chars(&widths) > target {
        let widest = (0..widths.len())
            .filter(|&i| text[i] && widths[i] > floor)
            .max_by_key(|&i| (widths[i], std::cmp::Reverse(i)));
        match widest {
            Some(i) => widths[i] -= 1,
            None => break,
        }
    }
    widths
}

/// The title in A1 when on one line it stays within `room` pixels; else merged across the
/// table's columns and, up to `room`, the empty ones beside it, wrapped onto as many lines as
/// that width needs. A long note then never widens the printed page.
fn title_cells(title: &str, columns_px: &[f64], room: f64) -> TitleCells {
    let needed = text_px(title) * TITLE_SCALE + CELL_PAD_PX;
    if needed <= room {
        return TitleCells::Cell;
    }
    let (mut cols, mut px) = (0usize, 0.0);
    while px < needed {
        let next = columns_px.get(cols).copied().unwrap_or(DEFAULT_COLUMN_PX);
        if cols > 0 && px + next > room {
            break;
        }
        px += next;
        cols += 1;
    }
    TitleCells::Merged { last_col: (cols - 1) as u16, lines: lines_at(title, px - CELL_PAD_PX, TITLE_SCALE) }
}

/// Widths that fit the content; a CJK character counts two columns (TECH-NOTES).
/// A header label may wrap onto `header_lines` lines: a wide sheet (scorecard, conversion)
/// then prints at a readable size on one page width.
fn column_widths(sheet: &Sheet<'_>, longest: &[usize], header_lines: usize) -> Vec<usize> {
    sheet
        .columns
        .iter()
        .zip(longest)
        .map(|(c, &value)| (wrapped_width(&c.label, header_lines) + 2).max(value + 2).clamp(6, MAX_COLUMN_WIDTH))
        .collect()
}

/// The display width of each column's widest value (the totals included; of a streamed
/// sheet, within its first rows).
fn longest_values(sheet: &Sheet<'_>) -> Vec<usize> {
    let mut longest = vec![0; sheet.columns.len()];
    let mut measure = |values: &[Value]| {
        for (col, v) in values.iter().enumerate() {
            let fine = sheet.columns.get(col).is_some_and(|c| c.kind == ColumnKind::FineNumber);
            let width = match v {
                // Four decimals beside band thresholds (the scorecard).
                Value::Number(n) if fine => format!("{n:.4}").len(),
                _ => display_width(v),
            };
            if let Some(w) = longest.get_mut(col) {
                *w = (*w).max(width);
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
    longest
}

/// Where `text` may break: Chinese between any two characters, other text at spaces and
/// before an opening bracket.
fn pieces(text: &str) -> Vec<String> {
    let mut tokens: Vec<String> = Vec::new();
    for c in text.chars() {
        let cjk = c.to_string().width() > 1;
        match tokens.last_mut() {
            Some(t)
                if !cjk
                    && c != ' '
                    && c != '('
                    && t.chars().last().is_some_and(|p| p.to_string().width() == 1 && p != ' ') =>
            {
                t.push(c)
            }
            _ => tokens.push(c.to_string()),
        }
    }
    tokens
}

/// The lines the pieces (text, width) take at `room`: a piece that does not fit goes to the
/// next line.
fn count_lines(pieces: &[(String, f64)], room: f64) -> usize {
    let (mut used, mut n) = (0.0, 1);
    for (t, tw) in pieces {
        if used > 0.0 && used + tw > room {
            n += 1;
            // A space that wraps is not written.
            used = if t == " " { 0.0 } else { *tw };
        } else {
            used += tw;
        }
    }
    n
}

/// The lines `text` wraps onto in `room` pixels, its 11-point size made `scale` times larger.
fn lines_at(text: &str, room: f64, scale: f64) -> usize {
    let pieces: Vec<(String, f64)> = pieces(text)
        .into_iter()
        .map(|t| {
            let px = text_px(&t) * scale;
            (t, px)
        })
        .collect();
    count_lines(&pieces, room)
}

/// Pixels `text` takes in 11-point Calibri (a CJK fallback font beside it), a little over
/// rather than under: a CJK character 15, a digit 7, a capital 8, a space 3.5, other text 6.5.
fn text_px(text: &str) -> f64 {
    text.chars()
        .map(|c| match c {
            ' ' => 3.5,
            '0'..='9' => 7.0,
            'A'..='Z' => 8.0,
            c if c.to_string().width() > 1 => 15.0,
            _ => 6.5,
        })
        .sum()
}

/// The narrowest width at which `text` wraps onto at most `lines` lines.
fn wrapped_width(text: &str, lines: usize) -> usize {
    let pieces: Vec<(String, f64)> = pieces(text)
        .into_iter()
        .map(|t| {
            let w = t.width() as f64;
            (t, w)
        })
        .collect();
    let widths: Vec<usize> = pieces.iter().map(|p| p.1 as usize).collect();
    let total: usize = widths.iter().sum();
    let longest = widths.iter().copied().max().unwrap_or(0);
    let narrowest = (longest..=total).find(|&w| count_lines(&pieces, w as f64) <= lines).unwrap_or(total);
    // Two lines split at a space ("询单转化率 得分") read better when hardly wider.
    let at_space = text
        .match_indices(' ')
        .map(|(i, _)| text[..i].width().max(text[i + 1..].width()))
        .min()
        .filter(|&w| lines >= 2 && w <= narrowest + 2);
    at_space.unwrap_or(narrowest)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Column;

    fn sheet(columns: Vec<Column>, rows: Vec<Vec<Value<'static>>>) -> Sheet<'static> {
        Sheet::new("s", columns, Rows::Owned(rows))
    }

    fn text(label: &str) -> Column {
        Column::new(label, ColumnKind::Text)
    }

    /// The print scale a fit to `pages_wide` needs at most, from the layout's own widths.
    fn smallest_scale(l: &Layout) -> f64 {
        let page = if l.landscape { PAGE_PX.1 } else { PAGE_PX.0 };
        let table: f64 = l.widths.iter().map(|&w| column_px(w)).sum();
        (page * f64::from(l.pages_wide) / table).min(1.0)
    }

    #[test]
    fn a_long_rules_value_wraps_in_a_portrait_column() {
        let command = format!("cs-tools commission {} -o {}", "十月/订单报表.xlsx ".repeat(12), "x/".repeat(40));
        let rows = vec![
            vec![Value::text("命令"), Value::text(command.clone())],
            vec![Value::text(format!("输入文件 {}", "很长的文件夹/".repeat(8))), Value::text("xlsx 工作簿")],
            vec![Value::text("期间"), Value::text("2026-10-01 – 2026-10-31")],
        ];
        let s = sheet(vec![text("项目"), text("内容")], rows);
        let l = layout(&s, Some("客服提成 · 规则 · 2026-10-01 – 2026-10-31"), 3, true);
        assert!(!l.landscape, "{l:?}");
        assert_eq!(l.pages_wide, 1);
        assert!(chars(&l.widths) <= PORTRAIT_CHARS, "{:?}", l.widths);
        assert_eq!(l.wraps, [true, true]);
        assert!(smallest_scale(&l) >= MIN_SCALE, "{l:?}");
        assert!(row_lines(&l, &[Value::text("命令"), Value::text(command)]) >= 4);
        assert_eq!(row_lines(&l, &[Value::text("期间"), Value::text("2026-10-01")]), 1);
        assert_eq!(row_height(2), 34);
        assert_eq!(row_height(1_000), 409, "Excel's tallest row");
        assert_eq!(l.title, TitleCells::Cell);
    }

    #[test]
    fn a_long_note_wraps_in_the_title_row_within_the_page() {
        let columns: Vec<Column> = (0..6).map(|i| Column::new(format!("列{i}"), ColumnKind::Int)).collect();
        let s = sheet(columns, vec![vec![Value::Int(1); 6]]);
        let note = "本期为本次报表的数字（与汇总表一致，人数按整个期间去重）；".repeat(8);
        let title = format!("客服日报 · 对比 · 2026-10-03 — {note}");
        let l = layout(&s, Some(&title), 1, true);
        let TitleCells::Merged { last_col, lines } = l.title else { panic!("{l:?}") };
        // Across the table and the empty columns beside it, up to a portrait page's width.
        let px: f64 =
            (0..=usize::from(last_col)).map(|c| l.widths.get(c).map_or(DEFAULT_COLUMN_PX, |&w| column_px(w))).sum();
        assert!(usize::from(last_col) >= l.widths.len() - 1 && px <= PAGE_PX.0, "{px} {l:?}");
        assert!(lines >= 4, "{lines}");
        assert_eq!(l.title.row_height(), TITLE_ROW_PT + TITLE_LINE_PT * (lines as u32 - 1));
        assert!(!l.landscape);
        assert_eq!(l.pages_wide, 1);
        // A short title stays in A1.
        assert_eq!(layout(&s, Some("客服日报 · 对比"), 1, true).title, TitleCells::Cell);
    }

    #[test]
    fn a_table_too_wide_for_a_page_at_80_percent_goes_on_over_pages_across() {
        let columns: Vec<Column> = (0..40).map(|i| Column::new(format!("指标 {i}"), ColumnKind::Money)).collect();
        let s = sheet(columns, vec![vec![Value::Int(1_234_567); 40]]);
        let l = layout(&s, None, 1, true);
        assert!(l.landscape);
        assert!(l.pages_wide > 1, "{l:?}");
        assert!(smallest_scale(&l) >= MIN_SCALE, "{l:?}");
        // One that fits at 80% stays one page wide.
        let columns: Vec<Column> = (0..14).map(|i| Column::new(format!("指标 {i}"), ColumnKind::Int)).collect();
        let s = sheet(columns, vec![vec![Value::Int(1_234_567); 14]]);
        let l = layout(&s, None, 1, true);
        assert_eq!((l.landscape, l.pages_wide, l.pages_tall), (true, 1, 0));
    }

    #[test]
    fn header_labels_wrap_as_before() {
        assert_eq!(wrapped_width("询单转化率 得分", 2), 10);
        assert_eq!(wrapped_width("First response (s) score", 2), 14);
        assert_eq!(wrapped_width("首次响应", 1), 8);
    }

    #[test]
    fn each_page_across_starts_with_the_first_column_again() {
        // 200 + 300 on the first page; then 200 (repeated) + 300 on each page after.
        assert_eq!(pages_across(&[200.0, 300.0, 300.0, 300.0], 1, 700.0), 3);
        assert_eq!(pages_across(&[200.0, 300.0, 150.0], 1, 700.0), 1);
        // A column wider than a page still gets a page of its own.
        assert_eq!(pages_across(&[200.0, 900.0, 900.0], 1, 700.0), 2);
        // 排名 and 客服 both repeated: 100 + 100 + 300 per page.
        assert_eq!(pages_across(&[100.0, 100.0, 300.0, 300.0, 300.0], 2, 600.0), 3);
    }
}
