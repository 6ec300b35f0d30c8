//! The report layer: commands describe sheets (columns, rows, charts) once; the
//! renderers turn them into xlsx, CSV or a terminal table with the house formats.

pub mod labels;
pub mod text;
pub mod xlsx;

use crate::model::{Money, RowProblem};
use chrono::{NaiveDate, NaiveDateTime};
use labels::{Lang, label, say};
use std::borrow::Cow;

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

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, i: usize) -> Vec<Value<'a>> {
        match self {
            Rows::Owned(r) => r[i].clone(),
            Rows::Lazy { row, .. } => row(i),
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
    DataBar(usize),
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
        }
    }
}

pub struct Report<'a> {
    pub sheets: Vec<Sheet<'a>>,
}

/// The Issues sheet every report has (SPEC §3.5, §5).
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
    let rows = problems
        .iter()
        .map(|p| {
            vec![
                Value::text(&p.file),
                Value::text(&p.sheet),
                if p.row > 0 { Value::Int(i64::from(p.row)) } else { Value::Empty },
                Value::text(&p.column),
                Value::text(&p.value),
                Value::text(say(lang, &p.problem)),
                Value::text(say(lang, &p.action)),
            ]
        })
        .collect();
    Sheet::new(l("sheet.issues"), columns, Rows::Owned(rows))
}

/// The Rules sheet: settings, options and input files, so a figure can be audited.
pub fn rules_sheet<'a>(lang: Lang, items: Vec<(String, String)>) -> Sheet<'a> {
    let columns =
        vec![Column::new(label(lang, "item"), ColumnKind::Text), Column::new(label(lang, "setting"), ColumnKind::Text)];
    let rows = items.into_iter().map(|(k, v)| vec![Value::text(k), Value::text(v)]).collect();
    Sheet::new(label(lang, "sheet.rules"), columns, Rows::Owned(rows))
}
