//! SPEC §4.1: item rows merged into orders, duplicates, statuses, refunds and net.

use crate::model::{Money, Order, Origin};
use crate::read::OrderRow;
use crate::read::cells::fold_fullwidth;
use std::collections::HashMap;

/// Statuses of orders never paid: not counted.
const UNPAID_STATUSES: &[&str] = &["等待买家付款", "未付款", "待付款", "WAIT_BUYER_PAY"];
/// Statuses of orders closed after payment: wholly refunded unless a refund value is given.
const CLOSED_STATUSES: &[&str] = &["交易关闭", "交易被淘宝关闭", "已关闭", "已取消", "TRADE_CLOSED"];
/// A refund_status containing this closes the order as well.
const REFUND_DONE: &str = "退款成功";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderState {
    Unpaid,
    Paid,
    ClosedAfterPayment,
}

/// What happened to a row given to the book.
#[derive(Debug, Clone, PartialEq)]
pub enum Added {
    New,
    /// Another row of an order already seen (an item row): amounts summed.
    Merged,
    /// Identical in every mapped field to a row already read there: counted once.
    Duplicate {
        first: Origin,
    },
}

/// Orders by id, merged as rows stream in. Memory grows with orders, not rows' text.
#[derive(Debug, Default)]
pub struct OrderBook {
    index: HashMap<Box<str>, usize>,
    orders: Vec<Order>,
    /// Fingerprints of the rows merged into each order, with the row they came from.
    rows: Vec<Vec<(u64, u32)>>,
    /// Origins of first rows, by position in `rows`' second field.
    origins: Vec<Origin>,
}

impl OrderBook {
    pub fn add(&mut self, row: OrderRow) -> Added {
        if let Some(&i) = self.index.get(row.id.as_str()) {
            if let Some(&(_, origin)) = self.rows[i].iter().find(|(fp, _)| *fp == row.fingerprint) {
                return Added::Duplicate { first: self.origins[origin as usize].clone() };
            }
            self.rows[i].push((row.fingerprint, self.origins.len() as u32));
            self.origins.push(row.origin.clone());
            merge(&mut self.orders[i], row);
            return Added::Merged;
        }
        let id: Box<str> = row.id.as_str().into();
        self.index.insert(id.clone(), self.orders.len());
        self.rows.push(vec![(row.fingerprint, self.origins.len() as u32)]);
        self.origins.push(row.origin.clone());
        self.orders.push(Order {
            id,
            buyer: row.buyer.map(Into::into),
            paid_amount: row.paid_amount,
            refund_amount: row.refund_amount,
            refund_status: row.refund_status.map(Into::into),
            status: row.status.map(Into::into),
            created_at: row.created_at,
            paid_at: row.paid_at,
            agent: row.agent.map(Into::into),
            memo: row.memo.map(Into::into),
            shop: row.shop.map(Into::into),
            postage: row.postage.unwrap_or_default(),
            origin: row.origin,
        });
        Added::New
    }

    pub fn into_orders(self) -> Vec<Order> {
        self.orders
    }

    pub fn len(&self) -> usize {
        self.orders.len()
    }

    pub fn is_empty(&self) -> bool {
        self.orders.is_empty()
    }
}

/// Amounts summed, earliest times, first non-empty of the rest (SPEC §4.1).
fn merge(order: &mut Order, row: OrderRow) {
    order.paid_amount += row.paid_amount;
    order.refund_amount = match (order.refund_amount, row.refund_amount) {
        (Some(a), Some(b)) => Some(a + b),
        (a, b) => a.or(b),
    };
    order.created_at = earliest(order.created_at, row.created_at);
    order.paid_at = earliest(order.paid_at, row.paid_at);
    fill(&mut order.buyer, row.buyer);
    fill(&mut order.refund_status, row.refund_status);
    fill(&mut order.status, row.status);
    fill(&mut order.agent, row.agent);
    fill(&mut order.memo, row.memo);
    fill(&mut order.shop, row.shop);
    if order.postage.is_zero()
        && let Some(p) = row.postage
    {
        order.postage = p;
    }
}

fn earliest<T: Ord>(a: Option<T>, b: Option<T>) -> Option<T> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn fill(slot: &mut Option<Box<str>>, value: Option<String>) {
    if slot.is_none() {
        *slot = value.map(Into::into);
    }
}

fn status_in(status: Option<&str>, set: &[&str]) -> bool {
    status.is_some_and(|s| {
        let folded = fold_fullwidth(s);
        set.iter().any(|candidate| folded == *candidate)
    })
}

pub fn state(order: &Order) -> OrderState {
    if order.paid_at.is_none() || status_in(order.status.as_deref(), UNPAID_STATUSES) {
        OrderState::Unpaid
    } else if status_in(order.status.as_deref(), CLOSED_STATUSES)
        || order.refund_status.as_deref().is_some_and(|s| s.contains(REFUND_DONE))
    {
        OrderState::ClosedAfterPayment
    } else {
        OrderState::Paid
    }
}

/// The refund counted: closed orders are wholly refunded unless the refund column gives
/// a value (any non-empty cell, 0 included); other orders' empty refund is 0.
pub fn refund(order: &Order) -> Money {
    match (state(order), order.refund_amount) {
        (_, Some(r)) => r,
        (OrderState::ClosedAfterPayment, None) => order.paid_amount,
        (_, None) => Money::ZERO,
    }
}

/// net = max(paid_amount − refund_amount, 0).
pub fn net(order: &Order) -> Money {
    (order.paid_amount - refund(order)).max(Money::ZERO)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use rust_decimal::Decimal;

    fn row(id: &str, paid: i64, fp: u64) -> OrderRow {
        OrderRow {
            id: id.into(),
            buyer: Some("b".into()),
            paid_amount: Decimal::from(paid),
            refund_amount: None,
            refund_status: None,
            status: Some("交易成功".into()),
            created_at: None,
            paid_at: NaiveDate::from_ymd_opt(2026, 10, 1).unwrap().and_hms_opt(9, 0, 0),
            agent: None,
            memo: None,
            shop: None,
            postage: None,
            origin: Origin { file: "f".into(), sheet: "s".into(), row: fp as u32 },
            fingerprint: fp,
        }
    }

    #[test]
    fn item_rows_sum_and_exact_duplicates_count_once() {
        let mut book = OrderBook::default();
        assert_eq!(book.add(row("1", 100, 2)), Added::New);
        assert_eq!(book.add(row("1", 50, 3)), Added::Merged);
        assert!(matches!(book.add(row("1", 50, 3)), Added::Duplicate { first } if first.row == 3));
        let orders = book.into_orders();
        assert_eq!(orders[0].paid_amount, Decimal::from(150));
    }

    #[test]
    fn closed_orders_refund_everything_unless_a_value_is_given() {
        let mut book = OrderBook::default();
        let mut closed = row("1", 80, 2);
        closed.status = Some("交易关闭".into());
        book.add(closed.clone());
        closed.id = "2".into();
        closed.refund_amount = Some(Decimal::from(30));
        book.add(closed);
        let orders = book.into_orders();
        assert_eq!((refund(&orders[0]), net(&orders[0])), (Decimal::from(80), Decimal::ZERO));
        assert_eq!((refund(&orders[1]), net(&orders[1])), (Decimal::from(30), Decimal::from(50)));
    }

    #[test]
    fn statuses_fold_fullwidth_punctuation() {
        let mut o = OrderBook::default();
        let mut r = row("1", 10, 2);
        r.status = Some("ＷＡＩＴ＿ＢＵＹＥＲ＿ＰＡＹ".into());
        o.add(r);
        assert_eq!(state(&o.into_orders()[0]), OrderState::Unpaid);
    }

    #[test]
    fn refund_success_closes_and_net_never_negative() {
        let mut o = OrderBook::default();
        let mut r = row("1", 10, 2);
        r.refund_status = Some("退款成功".into());
        o.add(r);
        let mut r = row("2", 10, 3);
        r.refund_amount = Some(Decimal::from(15));
        o.add(r);
        let orders = o.into_orders();
        assert_eq!(state(&orders[0]), OrderState::ClosedAfterPayment);
        assert_eq!(net(&orders[0]), Decimal::ZERO);
        assert_eq!(net(&orders[1]), Decimal::ZERO);
    }
}
