//! The report layer: commands describe sheets (columns, rows, charts) once; the
//! renderers turn them into xlsx, CSV or a terminal table with the house formats.

mod chart_labels;
pub mod commission;
pub mod conversion;
pub mod coverage;
pub mod daily;
pub mod full;
pub mod group_chat;
pub mod history;
pub mod inputs;
pub mod inspect;
mod layout;
pub mod lost;
pub mod metrics;
pub mod output;
pub mod qa;
pub mod reconcile;
pub mod schedule;
pub mod scorecard;
pub mod shops;
pub mod text;
pub mod trend;
pub mod xlsx;

use crate::labels::{Lang, label, say};
use crate::model::{Money, Order, RowProblem};
use chrono::{NaiveDate, NaiveDateTime};
use std::borrow::Cow;

/// Money in JSON: a number rounded to the fen (docs/definitions.md#json).
pub fn money_json(m: crate::model::Money) -> serde_json::Value {
    use rust_decimal::prelude::ToPrimitive;
    serde_json::json!(crate::model::round_fen(m).to_f64().unwrap_or(0.0))
}

/// One cell of a report. Text borrows from the results where it can: a detail sheet of a
/// million rows should not copy every name.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Empty,
    Text(Cow<'a, str>),
    Int(i64),
    /// Rounded to 0.01 by the writer, once.
    Money(Money),
    /// A fraction: 0.125 is shown as 12.5%.
    Rate(f64),
    Number(f64),
    DateTime(NaiveDateTime),
    Date(NaiveDate),
}

impl<'a> Value<'a> {
    pub fn text(s: impl Into<Cow<'a, str>>) -> Value<'a> {
        Value::Text(s.into())
    }
}

/// How a column is formatted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    Text,
    Int,
    Money,
    Rate,
    /// A decimal number such as a multiplier or seconds.
    Number,
    /// A rate compared with band thresholds (scorecard): two decimals of a percent, so a value
    /// just under a threshold does not print as the threshold.
    FineRate,
    /// A ratio compared with band thresholds (aov_ratio 1.0996 against ≥1.10): four decimals.
    FineNumber,
    DateTime,
    Date,
}

#[derive(Debug, Clone)]
pub struct Column {
    pub label: String,
    pub kind: ColumnKind,
}

impl Column {
    pub fn new(label: impl Into<String>, kind: ColumnKind) -> Column {
        Column { label: label.into(), kind }
    }
}

/// Rows held in memory, or produced one at a time for large detail sheets.
pub enum Rows<'a> {
    Owned(Vec<Vec<Value<'a>>>),
    Lazy { len: usize, row: Box<dyn Fn(usize) -> Vec<Value<'a>> + 'a> },
}

impl<'a> Rows<'a> {
    pub fn len(&self) -> usize {
        match self {
            Rows::Owned(r) => r.len(),
            Rows::Lazy { len, .. } => *len,
        }
    }

    /// Visit rows without cloning the owned ones.
    pub fn for_each(&self, f: impl FnMut(usize, &[Value<'a>])) {
        self.for_each_in(0..self.len(), f);
    }

    /// Visit the rows of a range.
    pub fn for_each_in(&self, range: std::ops::Range<usize>, mut f: impl FnMut(usize, &[Value<'a>])) {
        match self {
            Rows::Owned(rows) => range.for_each(|i| f(i, &rows[i])),
            Rows::Lazy { row, .. } => range.for_each(|i| f(i, &row(i))),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    /// Vertical bars.
    Column,
    /// Horizontal bars (long category names).
    Bar,
    Pie,
    Line,
}

/// A chart over the sheet's own data rows (not the totals row).
#[derive(Debug, Clone)]
pub struct Chart {
    pub kind: ChartKind,
    pub title: String,
    pub x_title: String,
    pub y_title: String,
    pub category_column: usize,
    pub value_columns: Vec<usize>,
    /// How many of the first data rows to chart (e.g. leaving out 未归属).
    pub rows: usize,
    /// The sheet holding the data, when not the chart's own (an overview page).
    pub source: Option<String>,
    /// Value columns drawn against a second axis (a rate beside money).
    pub secondary: Vec<usize>,
}

impl Chart {
    /// A chart of `values` against the categories in `category`, over the first `rows` data
    /// rows of its own sheet.
    pub fn new(
        kind: ChartKind,
        titles: [&str; 3],
        category_column: usize,
        value_columns: Vec<usize>,
        rows: usize,
    ) -> Chart {
        let [title, x_title, y_title] = titles.map(str::to_string);
        Chart {
            kind,
            title,
            x_title,
            y_title,
            category_column,
            value_columns,
            rows,
            source: None,
            secondary: Vec::new(),
        }
    }
}

/// A conditional format on a column's data rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Highlight {
    /// Data bars over the first `n` data rows of a column only: the agents, not the
    /// 未归属 row below them, whose bar would dwarf theirs.
    DataBarRows(usize, usize),
    ColorScale(usize),
    /// One colour scale over columns first..=last (a heatmap).
    ColorScaleRange(usize, usize),
}

pub struct Sheet<'a> {
    pub name: String,
    pub columns: Vec<Column>,
    pub rows: Rows<'a>,
    /// Shown bold below the rows.
    pub totals: Option<Vec<Value<'a>>>,
    pub charts: Vec<Chart>,
    pub highlights: Vec<Highlight>,
    /// Write row by row with little memory (large detail sheets); no charts.
    pub streaming: bool,
    /// A page for the wall: charts beside the table, printed on one page.
    pub one_page: bool,
    /// A sentence after the title: how to read the sheet (e.g. "per-weekday means").
    pub note: Option<String>,
    /// A small table shown beside this one in a workbook, after an empty column (the scoring
    /// table a sheet's scores come from); its own header on the same row. Not in text or CSV.
    pub beside: Option<Box<Sheet<'a>>>,
}

impl<'a> Sheet<'a> {
    pub fn new(name: impl Into<String>, columns: Vec<Column>, rows: Rows<'a>) -> Self {
        Sheet {
            name: name.into(),
            columns,
            rows,
            totals: None,
            charts: Vec::new(),
            highlights: Vec::new(),
            streaming: false,
            one_page: false,
            note: None,
            beside: None,
        }
    }
}

pub struct Report<'a> {
    pub sheets: Vec<Sheet<'a>>,
    /// What the workbook is: written in the first row of every sheet.
    pub title: Option<Title>,
}

impl<'a> Report<'a> {
    /// A workbook whose sheets each start with the title row: the report, the sheet, the
    /// period (or day) and the shop, so a printed page says what it is.
    pub fn titled(title: Title, sheets: Vec<Sheet<'a>>) -> Report<'a> {
        Report { sheets, title: Some(title) }
    }
}

/// The title row of a report's sheets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    /// The report's name: 客服提成, 客服日报…
    pub report: String,
    /// "2026-10-01 – 2026-10-31", or one day.
    pub period: String,
    /// The shop, when the input names one (the orders' 店铺名称 column).
    pub shop: Option<String>,
    /// What the inputs cover, when less than the period ("数据覆盖：订单 … （2/31 天）").
    pub coverage: Option<String>,
}

impl Title {
    pub fn new(lang: Lang, report: &'static str, period: impl Into<String>, shop: Option<String>) -> Title {
        Title { report: label(lang, report).to_string(), period: period.into(), shop, coverage: None }
    }

    pub fn with_coverage(self, coverage: String) -> Title {
        Title { coverage: Some(coverage), ..self }
    }

    /// "木子家居旗舰店 · 客服提成 · 汇总 · 2026-10-01 – 2026-10-31"
    pub fn text(&self, sheet: &str) -> String {
        let mut parts: Vec<&str> = self.shop.iter().map(String::as_str).collect();
        parts.push(&self.report);
        // A sheet named as its report (绩效考核 in 绩效考核) is not named twice.
        if sheet != self.report {
            parts.push(sheet);
        }
        parts.extend(Some(self.period.as_str()).filter(|p| !p.is_empty()));
        parts.extend(self.coverage.as_deref());
        parts.join(" · ")
    }
}

/// The shop named by the orders' 店铺名称 column: one name, or the first three of several
/// (sorted, so a rerun gives the same title).
pub fn shop_of(orders: &[Order]) -> Option<String> {
    let shops: std::collections::BTreeSet<&str> =
        orders.iter().filter_map(|o| o.shop.as_deref()).map(str::trim).filter(|s| !s.is_empty()).collect();
    let shown: Vec<&str> = shops.iter().copied().take(3).collect();
    match shops.len() {
        0 => None,
        n if n > 3 => Some(format!("{}…", shown.join("、"))),
        _ => Some(shown.join("、")),
    }
}

/// A period as the title shows it: one day, or from – to.
pub fn period_text(from: NaiveDate, to: NaiveDate) -> String {
    if from == to { from.to_string() } else { format!("{from} – {to}") }
}

/// The Issues sheet every report has (docs/definitions.md#bad-rows, docs/definitions.md#reports).
pub fn issues_sheet<'a>(lang: Lang, problems: &'a [RowProblem]) -> Sheet<'a> {
    let l = |k| label(lang, k);
    let columns = vec![
        Column::new(l("file"), ColumnKind::Text),
        Column::new(l("sheet"), ColumnKind::Text),
        Column::new(l("row"), ColumnKind::Int),
        Column::new(l("column"), ColumnKind::Text),
        Column::new(l("value"), ColumnKind::Text),
        Column::new(l("problem"), ColumnKind::Text),
        Column::new(l("action"), ColumnKind::Text),
    ];
    // Each row is made as it is written: a month given twice lists a million orders here,
    // and holding them as cells cost more than the orders themselves.
    let row = move |i: usize| {
        let p = &problems[i];
        vec![
            Value::text(&p.file),
            Value::text(&p.sheet),
            if p.row > 0 { Value::Int(i64::from(p.row)) } else { Value::Empty },
            Value::text(&p.column),
            Value::text(&p.value),
            Value::text(say(lang, &p.problem)),
            Value::text(say(lang, &p.action)),
        ]
    };
    let mut sheet = Sheet::new(l("sheet.issues"), columns, Rows::Lazy { len: problems.len(), row: Box::new(row) });
    sheet.streaming = problems.len() > STREAMED_ISSUES;
    sheet
}

/// Issues sheets longer than this are written row by row in little memory.
const STREAMED_ISSUES: usize = 10_000;

/// The Rules sheet: settings, options and input files, so a figure can be audited.
pub fn rules_sheet<'a>(lang: Lang, items: Vec<(String, String)>) -> Sheet<'a> {
    let columns =
        vec![Column::new(label(lang, "item"), ColumnKind::Text), Column::new(label(lang, "setting"), ColumnKind::Text)];
    let rows = items.into_iter().map(|(k, v)| vec![Value::text(k), Value::text(v)]).collect();
    Sheet::new(label(lang, "sheet.rules"), columns, Rows::Owned(rows))
}
