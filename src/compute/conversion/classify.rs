//! docs/definitions.md#receptions: each reception an inquiry or after-sales, and the order that converts an
//! inquiry (docs/definitions.md#conversion).

use crate::compute::by_buyer::{ByBuyer, Timed};
use crate::compute::orders::{OrderState, state};
use crate::compute::receptions::Reception;
use crate::model::Order;
use chrono::{Duration, NaiveDateTime};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReceptionType {
    Inquiry,
    /// The buyer ordered shortly before and orders nothing now (docs/definitions.md#receptions).
    AfterSales,
    NoBuyerMessage,
}

/// What became of one reception.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReceptionOutcome {
    pub kind: ReceptionType,
    /// Index (in the orders slice) of the order that converts this inquiry: the first one
    /// paid, else the first one created.
    pub converting_order: Option<u32>,
    /// One of the converting orders is paid (at any time in the input: 最终付款). A buyer
    /// who leaves the first order unpaid and pays a second (拍错重拍) paid (docs/definitions.md#conversion).
    pub paid: bool,
}

#[derive(Debug, Clone, Copy)]
pub struct Windows {
    pub after_sales_days: u32,
    pub conversion_window_days: u32,
}

/// When an order was created: created_at, else paid_at (docs/definitions.md#fields).
pub fn created(order: &Order) -> Option<NaiveDateTime> {
    order.created_at.or(order.paid_at)
}

/// Orders by buyer, in creation order (orders without a buyer or a time are in no list).
pub struct BuyerOrders<'a> {
    orders: &'a [Order],
    by_buyer: ByBuyer,
}

impl<'a> BuyerOrders<'a> {
    pub fn new(orders: &'a [Order]) -> Self {
        let listed = (0..orders.len() as u32).filter(|&i| created(&orders[i as usize]).is_some());
        // Listed orders have a time.
        let by_buyer = ByBuyer::new(orders, listed, |o| o.buyer, |o| created(o).unwrap_or_default());
        BuyerOrders { orders, by_buyer }
    }

    /// The buyer's orders created in [from, to), in creation order.
    fn between(&self, buyer_orders: &'a [Timed], from: NaiveDateTime, to: NaiveDateTime) -> &'a [Timed] {
        let at = |i: u32| created(&self.orders[i as usize]).unwrap_or_default();
        let lo = self.by_buyer.count_before(buyer_orders, from, false, at);
        let hi = self.by_buyer.count_before(buyer_orders, to, false, at);
        &buyer_orders[lo..hi.max(lo)]
    }
}

/// The end of the conversion window: midnight after the inquiry's day + window days.
pub fn window_end(start: NaiveDateTime, windows: Windows) -> NaiveDateTime {
    (start.date() + Duration::days(i64::from(windows.conversion_window_days) + 1)).and_hms_opt(0, 0, 0).unwrap_or(start)
}

/// Inquiry or after-sales, and the converting order (docs/definitions.md#receptions, docs/definitions.md#conversion). `order_agent(i)` is
/// the agent order `i` is attributed to.
pub fn classify<'a>(
    receptions: &[Reception],
    orders: &[Order],
    order_agent: impl Fn(usize) -> Option<&'a str> + Sync,
    windows: Windows,
) -> Vec<ReceptionOutcome> {
    let by_buyer = BuyerOrders::new(orders);
    crate::compute::parallel::map(receptions, |_, r| {
        if !r.has_buyer_message {
            return ReceptionOutcome { kind: ReceptionType::NoBuyerMessage, converting_order: None, paid: false };
        }
        let end = window_end(r.start, windows);
        // One lookup of the buyer's orders for both windows.
        let orders_of_buyer = by_buyer.by_buyer.of(r.buyer);
        let in_window = by_buyer.between(orders_of_buyer, r.start, end);
        let recent =
            by_buyer.between(orders_of_buyer, r.start - Duration::days(i64::from(windows.after_sales_days)), r.start);
        if !recent.is_empty() && in_window.is_empty() {
            return ReceptionOutcome { kind: ReceptionType::AfterSales, converting_order: None, paid: false };
        }
        let mut converting = in_window.iter().map(|t| t.item as usize).filter(|i| order_agent(*i) == Some(&*r.agent));
        let first = converting.next();
        let first_paid = first.into_iter().chain(converting).find(|i| state(&orders[*i]) != OrderState::Unpaid);
        ReceptionOutcome {
            kind: ReceptionType::Inquiry,
            converting_order: first_paid.or(first).map(|i| i as u32),
            paid: first_paid.is_some(),
        }
    })
}
