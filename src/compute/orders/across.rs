//! One order in several exports (`docs/orders.md#one-order-across-files`): each sheet's
//! version of an order met in more than one sheet waits in a side table, and once every sheet
//! is read the later export's version is kept whole.

use super::{Added, OrderBook, REFUND_DONE, RowRef, merge, new_order};
use crate::buyers::Buyers;
use crate::compute::export_time::{NameTime, name_time};
use crate::model::{Money, Order, OrderState, Origin};
use crate::read::OrderRow;
use crate::read::order_words::StatusKind;
use chrono::NaiveDateTime;
use std::cmp::Ordering;
use std::sync::Arc;

/// One sheet's rows of an order that another sheet holds too.
pub(super) struct Version {
    order: Order,
    status: [u32; 2],
    order_level: bool,
    /// Fingerprint and place of each row, the first first.
    rows: Vec<(u64, RowRef)>,
    refunds: Vec<(u32, Money)>,
}

/// An order's rows in one sheet left out because a later export holds the order too.
#[derive(Debug, Clone, PartialEq)]
pub struct AlsoIn {
    pub id: Box<str>,
    /// The first row of the order in the sheet left out.
    pub left_out: Origin,
    /// The sheet kept: (file, sheet).
    pub kept: (Arc<str>, Arc<str>),
}

impl OrderBook {
    /// A row of order `i` from a sheet other than the one its rows came from first: kept
    /// aside as that sheet's version of the order, merged with the sheet's other rows of it.
    pub(super) fn add_version(
        &mut self,
        i: u32,
        row: OrderRow<'_>,
        at: RowRef,
        refund: Option<Money>,
        buyers: &mut Buyers,
    ) -> Added {
        let status = self.status_ids(&row);
        let versions = self.others.entry(i).or_default();
        let Some(v) = versions.iter_mut().find(|v| v.rows[0].1.0 == at.0) else {
            let order_level = !row.item_level;
            let fingerprint = row.fingerprint;
            let order = new_order(row, &mut self.names, buyers);
            let refunds = refund.map(|r| vec![(at.0, r)]).unwrap_or_default();
            // Most orders are in two exports at most: room for one version, not the four a
            // first push makes (a month given twice held 900 bytes an order).
            versions.reserve_exact(1);
            versions.push(Version { order, status, order_level, rows: vec![(fingerprint, at)], refunds });
            return Added::New;
        };
        if let Some(&(_, first)) = v.rows.iter().find(|(fp, _)| *fp == row.fingerprint) {
            let origin = row.origin;
            return Added::Duplicate { row: origin, first: self.origin(first) };
        }
        v.rows.push((row.fingerprint, at));
        for (slot, id) in v.status.iter_mut().zip(status) {
            if *slot == 0 {
                *slot = id;
            }
        }
        if let Some(r) = refund {
            v.refunds.push((at.0, r));
        }
        merge(&mut v.order, row, &mut self.names, buyers);
        Added::Merged
    }

    /// Orders read from several sheets take every field from the later export alone
    /// (`docs/orders.md#one-order-across-files`); the rows of the others are returned, one
    /// entry per order and sheet left out, in the order the orders were first read.
    pub(super) fn keep_later_exports(&mut self) -> Vec<AlsoIn> {
        if self.others.is_empty() {
            return Vec::new();
        }
        let times: Vec<Option<NameTime>> = self.sources.iter().map(|(file, _)| name_time(file)).collect();
        let newest = std::mem::take(&mut self.newest);
        let says = std::mem::take(&mut self.says);
        let later = |a: u32, b: u32, same_state: bool| later_export(a, b, &times, &newest, &says, same_state);
        let mut others: Vec<(u32, Vec<Version>)> = std::mem::take(&mut self.others).into_iter().collect();
        others.sort_unstable_by_key(|(i, _)| *i);
        let mut also_in = Vec::new();
        for (i, mut versions) in others {
            let slot = i as usize;
            let own = self.first_row[slot].1.0;
            // The sheets in the order they were read; the later export of each two wins.
            let mut best = own;
            let mut sources: Vec<u32> = versions.iter().map(|v| v.rows[0].1.0).collect();
            sources.push(own);
            sources.sort_unstable();
            // What each sheet says of the order's money and state: two forms of one export say
            // the same; a re-export after refunds does not.
            let state_of = |order: &Order, [status, refund_status]: [u32; 2]| -> State {
                let text = |id: u32| id.checked_sub(1).map(|i| &*self.statuses.texts[i as usize]);
                (
                    order.paid_amount,
                    order.refund_amount.unwrap_or_default(),
                    order.paid_at.map(|t| t.date()),
                    text(status).map(|t| self.lists.kind(t)),
                    text(refund_status).is_some_and(|t| t.contains(REFUND_DONE)),
                )
            };
            let own_state = state_of(&self.orders[slot], self.status_of[slot]);
            let state = |s: u32| {
                if s == own {
                    own_state
                } else {
                    versions.iter().find(|v| v.rows[0].1.0 == s).map_or(own_state, |v| state_of(&v.order, v.status))
                }
            };
            for &s in &sources {
                if s != best && later(s, best, state(s) == state(best)) {
                    best = s;
                }
            }
            if best != own {
                let k = versions.iter().position(|v| v.rows[0].1.0 == best).unwrap_or_default();
                let kept = std::mem::replace(&mut versions[k], self.take_version(i));
                self.put_version(i, kept);
            }
            let mut left: Vec<(u32, u32)> = versions.iter().map(|v| v.rows[0].1).collect();
            left.sort_unstable();
            let id: Box<str> = self.orders[slot].id.as_str().into();
            for r in left {
                also_in.push(AlsoIn {
                    id: id.clone(),
                    left_out: self.origin(r),
                    kept: self.sources[best as usize].clone(),
                });
            }
        }
        also_in
    }

    /// Order `i`'s rows as the book holds them, as a version (its place left empty).
    fn take_version(&mut self, i: u32) -> Version {
        let slot = i as usize;
        let mut rows = vec![self.first_row[slot]];
        rows.extend(self.more_rows.remove(&i).unwrap_or_default());
        let placeholder = new_order_like(&self.orders[slot]);
        Version {
            order: std::mem::replace(&mut self.orders[slot], placeholder),
            status: self.status_of[slot],
            order_level: self.order_level[slot],
            rows,
            refunds: self.refunds.remove(&i).unwrap_or_default(),
        }
    }

    /// `v` becomes order `i`'s rows.
    fn put_version(&mut self, i: u32, v: Version) {
        let slot = i as usize;
        self.orders[slot] = v.order;
        self.status_of[slot] = v.status;
        self.order_level[slot] = v.order_level;
        let mut rows = v.rows.into_iter();
        if let Some(first) = rows.next() {
            self.first_row[slot] = first;
        }
        let more: Vec<(u64, RowRef)> = rows.collect();
        if !more.is_empty() {
            self.more_rows.insert(i, more);
        }
        if !v.refunds.is_empty() {
            self.refunds.insert(i, v.refunds);
        }
    }
}

/// Is source `a` a later export than source `b`? The later export time in the file names
/// (when both names carry one and they differ), else the later newest created_at/paid_at of
/// the sheets. Sheets that still tie and say the same of the order's money and state
/// (`same_state`) are one export in two forms (its CSV and its xlsx): the one that fills more
/// fields (a 客服 column the other lacks) is kept, since it loses nothing. Else the one read
/// later (the later on the command line): a re-export after refunds given after the first.
fn later_export(
    a: u32,
    b: u32,
    times: &[Option<NameTime>],
    newest: &[Option<NaiveDateTime>],
    says: &[u8],
    same_state: bool,
) -> bool {
    let (a, b) = (a as usize, b as usize);
    if let (Some(x), Some(y)) = (times[a], times[b]) {
        match x.compare(&y) {
            Ordering::Equal => {}
            order => return order == Ordering::Greater,
        }
    }
    if let (Some(x), Some(y)) = (newest[a], newest[b])
        && x != y
    {
        return x > y;
    }
    let (more_a, more_b) = (says[a].count_ones(), says[b].count_ones());
    if same_state && more_a != more_b {
        return more_a > more_b;
    }
    a > b
}

/// What one sheet says of an order's money and state: paid, refund, the day it was paid, the
/// kind of its status (texts that differ only in punctuation are one kind) and whether its
/// refund succeeded.
type State = (Money, Money, Option<chrono::NaiveDate>, Option<StatusKind>, bool);

/// An empty order with `order`'s id, to hold a place for a moment.
fn new_order_like(order: &Order) -> Order {
    Order {
        id: order.id.clone(),
        buyer: None,
        paid_amount: Money::ZERO,
        refund_amount: None,
        created_at: None,
        paid_at: None,
        agent: None,
        memo: None,
        shop: None,
        shop_id: crate::shops::ShopId::UNNAMED,
        postage: Money::ZERO,
        state: OrderState::Paid,
        paid_by_status: false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::state;
    use super::super::tests::{at, row};
    use super::*;
    use rust_decimal::Decimal;

    /// (order id, state, paid) of each order kept.
    type Kept = Vec<(String, OrderState, Decimal)>;
    /// (order id, file left out, file kept).
    type LeftOut = Vec<(String, String, String)>;

    /// The state each order was kept with, and the sheets left out.
    fn settle(book: OrderBook) -> (Kept, LeftOut) {
        let (orders, settled) = book.settle(&[], &mut Vec::new());
        let orders = orders.iter().map(|o| (o.id.to_string(), state(o), o.paid_amount)).collect();
        let left = settled
            .also_in
            .iter()
            .map(|a| (a.id.to_string(), a.left_out.file.to_string(), a.kept.0.to_string()))
            .collect();
        (orders, left)
    }

    #[test]
    fn the_later_export_time_in_the_file_name_wins_whatever_the_order() {
        for first in [true, false] {
            let (mut book, mut buyers) = (OrderBook::default(), Buyers::default());
            let early = at(row("1", 100, 2), "ExportOrderList202610120900.csv", "买家已付款，等待卖家发货", (10, 9));
            // The later export's newest date is earlier: the name decides first.
            let late = at(row("1", 100, 5), "ExportOrderList202610190905.csv", "交易关闭", (9, 9));
            let (a, b) = if first { (early, late) } else { (late, early) };
            book.add(&mut buyers, a);
            book.add(&mut buyers, b);
            let (orders, left) = settle(book);
            assert_eq!(orders, [("1".into(), OrderState::ClosedAfterPayment, Decimal::from(100))]);
            assert_eq!(
                left,
                [("1".into(), "ExportOrderList202610120900.csv".into(), "ExportOrderList202610190905.csv".into())]
            );
        }
    }

    #[test]
    fn without_times_in_the_names_the_newest_date_then_the_command_line_decide() {
        let (mut book, mut buyers) = (OrderBook::default(), Buyers::default());
        // a.csv's newest date (10-20, from order 2) is later than b.csv's (10-15).
        book.add(&mut buyers, at(row("1", 10, 2), "a.csv", "交易成功", (5, 9)));
        book.add(&mut buyers, at(row("2", 20, 3), "a.csv", "交易成功", (20, 9)));
        book.add(&mut buyers, at(row("1", 99, 2), "b.csv", "等待买家付款", (15, 9)));
        let (orders, left) = settle(book);
        assert_eq!(orders[0], ("1".into(), OrderState::Paid, Decimal::from(10)));
        assert_eq!(left, [("1".into(), "b.csv".into(), "a.csv".into())]);

        let (mut book, mut buyers) = (OrderBook::default(), Buyers::default());
        book.add(&mut buyers, at(row("1", 10, 2), "orders.xlsx", "交易成功", (5, 9)));
        book.add(&mut buyers, at(row("1", 12, 2), "orders.csv", "交易成功", (5, 9)));
        let (orders, left) = settle(book);
        assert_eq!(orders[0].2, Decimal::from(12), "a tie: the one later on the command line");
        assert_eq!(left, [("1".into(), "orders.xlsx".into(), "orders.csv".into())]);
    }

    #[test]
    fn of_two_forms_of_one_export_the_one_that_says_more_is_kept_whatever_the_order() {
        for xlsx_first in [true, false] {
            let (mut book, mut buyers) = (OrderBook::default(), Buyers::default());
            let mut xlsx = at(row("1", 10, 2), "orders.xlsx", "交易成功", (5, 9));
            xlsx.agent = Some("小王".into());
            let csv = at(row("1", 10, 2), "orders_gbk.csv", "交易成功", (5, 9));
            let (a, b) = if xlsx_first { (xlsx, csv) } else { (csv, xlsx) };
            book.add(&mut buyers, a);
            book.add(&mut buyers, b);
            let (orders, _) = book.settle(&[], &mut Vec::new());
            assert_eq!(orders[0].agent.as_deref(), Some("小王"), "the xlsx with its 客服 column is kept");
        }
    }

    #[test]
    fn a_re_export_that_says_another_state_is_kept_by_the_command_line_not_by_its_columns() {
        let (mut book, mut buyers) = (OrderBook::default(), Buyers::default());
        // The first export fills more fields (an agent column) but the order moved on since:
        // the same newest date, so the one given later is kept, columns or not.
        let mut first = at(row("1", 100, 2), "oct.csv", "卖家已发货，等待买家确认", (5, 9));
        first.agent = Some("小王".into());
        let later = at(row("1", 100, 2), "oct_again.csv", "交易关闭", (5, 9));
        book.add(&mut buyers, first);
        book.add(&mut buyers, later);
        let (orders, left) = settle(book);
        assert_eq!(orders, [("1".into(), OrderState::ClosedAfterPayment, Decimal::from(100))]);
        assert_eq!(left, [("1".into(), "oct.csv".into(), "oct_again.csv".into())]);
    }

    #[test]
    fn an_order_table_and_an_item_table_exported_on_different_days_are_two_exports() {
        for orders_first in [true, false] {
            let (mut book, mut buyers) = (OrderBook::default(), Buyers::default());
            let order = at(row("1", 100, 2), "orders_20261008_0900.csv", "卖家已发货，等待买家确认", (5, 9));
            let mut items = Vec::new();
            for (paid, fp) in [(60, 3), (40, 4)] {
                let mut item = at(row("1", paid, fp), "items_20261020_0900.csv", "交易关闭", (5, 9));
                item.item_level = true;
                items.push(item);
            }
            if orders_first {
                book.add(&mut buyers, order);
                items.into_iter().for_each(|r| drop(book.add(&mut buyers, r)));
            } else {
                items.into_iter().for_each(|r| drop(book.add(&mut buyers, r)));
                book.add(&mut buyers, order);
            }
            let (orders, left) = settle(book);
            // The later export (its items, both closed) is kept whole; the order row is left out.
            assert_eq!(orders, [("1".into(), OrderState::ClosedAfterPayment, Decimal::from(100))]);
            assert_eq!(left, [("1".into(), "orders_20261008_0900.csv".into(), "items_20261020_0900.csv".into())]);
        }
    }

    #[test]
    fn an_order_in_one_sheet_costs_no_side_table_and_item_rows_still_sum() {
        let (mut book, mut buyers) = (OrderBook::default(), Buyers::default());
        book.add(&mut buyers, at(row("1", 10, 2), "w1_202610120900.csv", "交易成功", (5, 9)));
        book.add(&mut buyers, at(row("1", 5, 3), "w1_202610120900.csv", "交易成功", (5, 9)));
        book.add(&mut buyers, at(row("2", 7, 4), "w1_202610120900.csv", "交易成功", (6, 9)));
        assert!(book.others.is_empty());
        // The later export's two item rows of order 1 are summed there, and win whole.
        book.add(&mut buyers, at(row("1", 11, 2), "w2_202610190905.csv", "交易成功", (5, 9)));
        book.add(&mut buyers, at(row("1", 6, 3), "w2_202610190905.csv", "交易成功", (5, 9)));
        let dup = book.add(&mut buyers, at(row("1", 6, 3), "w2_202610190905.csv", "交易成功", (5, 9)));
        assert!(matches!(dup, Added::Duplicate { .. }), "an exact copy within one sheet counts once");
        assert_eq!(book.others.len(), 1);
        assert_eq!(book.others[&0].len(), 1, "one version per sheet");
        let (orders, left) = settle(book);
        assert_eq!(orders[0].2, Decimal::from(17));
        assert_eq!(orders[1].2, Decimal::from(7));
        assert_eq!(left.len(), 1, "once per order, not per row");
    }
}
