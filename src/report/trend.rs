//! The daily trend sheets: one row per day with the team's inquiring and paying buyers, their
//! conversion and the day's sales. `report`'s Daily sheet (its period's days, from the inputs)
//! and the last 30 days of a month's comparison (from the inputs, else the history) share it.

use super::{Column, ColumnKind, Rows, Sheet, Value};
use crate::labels::{Lang, label};
use crate::model::Money;
use chrono::NaiveDate;

/// One day of a trend sheet. A figure that is None is not known that day and left blank, not
/// 0: a chart's line stops there instead of falling to the floor.
#[derive(Debug, Clone, Copy)]
pub struct TrendDay {
    pub date: NaiveDate,
    pub inquiries: Option<u64>,
    pub paid_buyers: Option<u64>,
    pub conversion: Option<f64>,
    /// Every paid order of the day, as the Overview's 销售额 (agents + 未归属).
    pub sales: Option<Money>,
}

impl TrendDay {
    /// A day nothing is known of: a row of blanks.
    pub fn unknown(date: NaiveDate) -> TrendDay {
        TrendDay { date, inquiries: None, paid_buyers: None, conversion: None, sales: None }
    }
}

/// A trend sheet named by the label `name`: date, inquiries, paid buyers, conversion and
/// every sale, a row per day in the order given.
pub fn trend_days_sheet<'a>(name: &'static str, days: impl IntoIterator<Item = TrendDay>, lang: Lang) -> Sheet<'a> {
    let l = |k| label(lang, k);
    let columns = vec![
        Column::new(l("date"), ColumnKind::Date),
        Column::new(l("inquiries"), ColumnKind::Int),
        Column::new(l("paid_buyers"), ColumnKind::Int),
        Column::new(l("conversion"), ColumnKind::Rate),
        Column::new(l("sales_with_unattributed"), ColumnKind::Money),
    ];
    let count = |n: Option<u64>| n.map_or(Value::Empty, |n| Value::Int(n as i64));
    let rows = days
        .into_iter()
        .map(|d| {
            vec![
                Value::Date(d.date),
                count(d.inquiries),
                count(d.paid_buyers),
                d.conversion.map_or(Value::Empty, Value::Rate),
                d.sales.map_or(Value::Empty, Value::Money),
            ]
        })
        .collect();
    Sheet::new(l(name), columns, Rows::Owned(rows))
}
