// Over 500 lines with its tests: merging rows into orders is one state machine over the book's private index.
//! Item rows merged into orders, duplicates, one order across several exports, statuses,
//! refunds and net (`docs/orders.md`).

use crate::buyers::{BuyerId, Buyers, spread};
use crate::model::{Money, Order, Origin, Phrase, RowProblem, SharedName, SharedNames, UnknownStatus};
use crate::read::OrderRow;
use crate::read::order_words::{StatusKind, StatusLists};
use crate::shops::ShopId;
pub use across::AlsoIn;
use across::Version;
use chrono::NaiveDateTime;
use hashbrown::HashTable;
use rustc_hash::FxHashMap as HashMap;
use std::borrow::Cow;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

mod across;

/// A refund_status containing this closes the order as well.
const REFUND_DONE: &str = "退款成功";

pub use crate::model::OrderState;

/// What happened to a row given to the book.
#[derive(Debug, Clone, PartialEq)]
pub enum Added {
    New,
    /// Another row of an order already seen (an item row): amounts summed.
    Merged,
    /// Identical in every mapped field to a row already read there: counted once. `row`
    /// is where this copy was read, `first` where the original was.
    Duplicate {
        row: Origin,
        first: Origin,
    },
    /// An item row of an order already read from an order-level sheet (the 千牛 main-order
    /// table beside its sub-order table): not added again (docs/definitions.md#fields).
    ItemLeftOut,
}

/// Where a row was read, compactly: (file and sheet as an index, Excel row).
type RowRef = (u32, u32);

/// Orders by id, merged as rows stream in. Memory grows with orders, not rows' text:
/// repeated names and statuses are shared, row origins are two numbers.
#[derive(Default)]
pub struct OrderBook {
    /// (order number, the top 32 bits of its id's hash), found by the hash and compared with
    /// the order's own id only when the hashes agree: 8 bytes a slot (a map from the id's
    /// hash was 16, and a second map for collisions). Growing the table rehashes from the
    /// kept hashes: reading every order's id again was a cache miss per order.
    index: HashTable<(u32, u32)>,
    orders: Vec<Order>,
    /// Fingerprint and origin of each order's first row; later rows in `more_rows`.
    first_row: Vec<(u64, RowRef)>,
    more_rows: HashMap<u32, Vec<(u64, RowRef)>>,
    sources: Vec<(Arc<str>, Arc<str>)>,
    names: SharedNames,
    /// Per order: its status and refund status (docs/definitions.md#orders), as numbers into `statuses`
    /// (0: none). Needed only to decide each order's state, so they stay here.
    status_of: Vec<[u32; 2]>,
    statuses: Statuses,
    /// Per order: its rows come from an order-level sheet (no 子订单编号 column).
    order_level: Vec<bool>,
    /// Positive refunds by order, with the source each was read from: added back to paid
    /// for sheets whose paid column is already net of refunds (docs/definitions.md#fields).
    refunds: HashMap<u32, Vec<(u32, Money)>>,
    item_rows_left_out: u64,
    /// Per source: the newest created_at or paid_at of its rows, to tell the later export.
    newest: Vec<Option<NaiveDateTime>>,
    /// Per source: which optional fields its rows fill (`says_bits`), to tell two copies of
    /// one export apart: the one that says more (its 客服 column) is kept.
    says: Vec<u8>,
    /// Per source: the export day its file name carries, if any.
    name_days: Vec<Option<chrono::NaiveDate>>,
    /// The other exports' versions of orders read from more than one sheet, by order:
    /// decided once every sheet is read (an order in one sheet costs nothing here).
    others: HashMap<u32, Vec<Version>>,
    lists: StatusLists,
}

/// What deciding the orders found besides the orders.
#[derive(Debug, Default)]
pub struct Settled {
    pub also_in: Vec<AlsoIn>,
    pub unknown_statuses: Vec<UnknownStatus>,
}

fn id_hash(id: &str) -> u32 {
    let mut h = rustc_hash::FxHasher::default();
    id.hash(&mut h);
    (h.finish() >> 32) as u32
}

impl OrderBook {
    /// A book that sorts statuses by `lists` (the built-in lists plus the config's).
    pub fn with_statuses(lists: StatusLists) -> Self {
        OrderBook { lists, ..OrderBook::default() }
    }

    pub fn add(&mut self, buyers: &mut Buyers, mut row: OrderRow<'_>) -> Added {
        let at = self.row_ref(&row.origin);
        let newest = &mut self.newest[at.0 as usize];
        *newest = (*newest).max(row.created_at.max(row.paid_at));
        self.says[at.0 as usize] |= says_bits(&row);
        // An item row whose own refund succeeded is that item refunded in whole: decided per
        // item, since one refunded item of an order does not refund the others (docs/definitions.md#orders
        // applied to the row of an item-level export).
        if row.item_level
            && row.refund_status.as_deref().is_some_and(|s| s.contains(REFUND_DONE))
            && row.refund_amount.is_none_or(|r| r <= Money::ZERO)
        {
            row.refund_amount = Some(row.paid_amount);
        }
        let refund = row.refund_amount.filter(|r| *r > Money::ZERO);
        let order_level = !row.item_level;
        let (i, added) = match self.find(&row.id) {
            Some(i) if self.first_row[i as usize].1.0 != at.0 && self.another_export(i, at.0, order_level) => {
                // The same order in another export (not the other half of a 千牛 export).
                return self.add_version(i, row, at, refund, buyers);
            }
            Some(i) => {
                let rows =
                    std::iter::once(&self.first_row[i as usize]).chain(self.more_rows.get(&i).into_iter().flatten());
                if let Some(&(_, first)) = rows.into_iter().find(|(fp, _)| *fp == row.fingerprint) {
                    return Added::Duplicate { row: row.origin, first: self.origin(first) };
                }
                let slot = i as usize;
                if self.order_level[slot] && !order_level {
                    self.item_rows_left_out += 1;
                    return Added::ItemLeftOut;
                }
                if order_level && !self.order_level[slot] {
                    // The order's own row replaces the item rows read before it: they would
                    // count its money twice.
                    self.item_rows_left_out += 1 + self.more_rows.remove(&i).map_or(0, |r| r.len() as u64);
                    self.first_row[slot] = (row.fingerprint, at);
                    self.refunds.remove(&i);
                    self.order_level[slot] = true;
                    let order = &mut self.orders[slot];
                    order.paid_amount = Money::ZERO;
                    order.refund_amount = None;
                    order.postage = Money::ZERO;
                    order.paid_by_status = row.paid_by_status;
                    // The order row's own fields win over what its items said.
                    let names = &mut self.names;
                    let mut take = |slot: &mut Option<SharedName>, value: &Option<Cow<'_, str>>| {
                        if let Some(v) = value {
                            *slot = Some(names.get(v));
                        }
                    };
                    take(&mut order.agent, &row.agent);
                    take(&mut order.shop, &row.shop);
                    if row.shop.is_some() {
                        move_to_shop(order, row.shop_id, buyers);
                    }
                    if let Some(memo) = &row.memo {
                        order.memo = Some(memo.as_ref().into());
                    }
                    for (slot, value) in self.status_of[slot].iter_mut().zip([&row.status, &row.refund_status]) {
                        if let Some(v) = value {
                            *slot = self.statuses.id(v);
                        }
                    }
                } else {
                    self.more_rows.entry(i).or_default().push((row.fingerprint, at));
                }
                for (slot, value) in self.status_of[slot].iter_mut().zip([&row.status, &row.refund_status]) {
                    if *slot == 0
                        && let Some(v) = value
                    {
                        *slot = self.statuses.id(v);
                    }
                }
                merge(&mut self.orders[slot], row, &mut self.names, buyers);
                (i, Added::Merged)
            }
            None => {
                let i = self.orders.len() as u32;
                let h = id_hash(&row.id);
                self.index.insert_unique(spread(h), (i, h), |&(_, hj)| spread(hj));
                self.first_row.push((row.fingerprint, at));
                self.order_level.push(order_level);
                let status = self.status_ids(&row);
                self.status_of.push(status);
                let order = new_order(row, &mut self.names, buyers);
                self.orders.push(order);
                (i, Added::New)
            }
        };
        if let Some(refund) = refund {
            self.refunds.entry(i).or_default().push((at.0, refund));
        }
        added
    }

    fn status_ids(&mut self, row: &OrderRow<'_>) -> [u32; 2] {
        let statuses = &mut self.statuses;
        let mut status_id = |s: &Option<Cow<'_, str>>| s.as_deref().map_or(0, |s| statuses.id(s));
        [status_id(&row.status), status_id(&row.refund_status)]
    }

    /// Item rows left out because their order was read from an order-level sheet.
    pub fn item_rows_left_out(&self) -> u64 {
        self.item_rows_left_out
    }

    fn find(&self, id: &str) -> Option<u32> {
        let h = id_hash(id);
        self.index.find(spread(h), |&(o, ho)| ho == h && *self.orders[o as usize].id == *id).map(|&(o, _)| o)
    }

    /// Is a row of order `i` from `source` another export of it, rather than the other half
    /// of one 千牛 export (an order-level table and its sub-order table, exported together)?
    /// Sheets of one level are two exports; sheets of two levels are halves unless their file
    /// names carry export times of different days (a weekly 订单报表 and a later 宝贝报表).
    fn another_export(&self, i: u32, source: u32, order_level: bool) -> bool {
        let first = self.first_row[i as usize].1.0;
        if self.order_level[i as usize] == order_level {
            return true;
        }
        match (self.name_days[first as usize], self.name_days[source as usize]) {
            (Some(a), Some(b)) => a != b,
            _ => false,
        }
    }

    fn row_ref(&mut self, origin: &Origin) -> RowRef {
        let source = match self.sources.iter().rposition(|(f, s)| *f == origin.file && *s == origin.sheet) {
            Some(i) => i,
            None => {
                self.sources.push((origin.file.clone(), origin.sheet.clone()));
                self.newest.push(None);
                self.says.push(0);
                self.name_days.push(crate::compute::export_time::name_time(&origin.file).map(|t| t.date));
                self.sources.len() - 1
            }
        };
        (source as u32, origin.row)
    }

    fn origin(&self, (source, row): RowRef) -> Origin {
        let (file, sheet) = &self.sources[source as usize];
        Origin { file: file.clone(), sheet: sheet.clone(), row }
    }

    /// The merged orders, each with its state decided; what was found besides them is
    /// dropped (the unit tests' shorthand for `settle`).
    #[cfg(test)]
    pub fn into_orders(self, after_refund: &[(Arc<str>, Arc<str>)], problems: &mut Vec<RowProblem>) -> Vec<Order> {
        self.settle(after_refund, problems).0
    }

    /// The merged orders, each with its state decided (`docs/orders.md`). An order read
    /// from several exports takes its rows from the later one alone; the others are in
    /// `Settled::also_in`. `after_refund` names the (file, sheet) whose paid column is
    /// already net of refunds: their refunds are added back to paid. A refund larger than
    /// the paid amount is capped at it and listed in `problems`, so paid − refund = net on
    /// every order. Status texts in no list are in `Settled::unknown_statuses`.
    pub fn settle(
        mut self,
        after_refund: &[(Arc<str>, Arc<str>)],
        problems: &mut Vec<RowProblem>,
    ) -> (Vec<Order>, Settled) {
        let mut settled = Settled { also_in: self.keep_later_exports(), ..Settled::default() };
        if !after_refund.is_empty() {
            let restored: Vec<bool> = self.sources.iter().map(|s| after_refund.contains(s)).collect();
            for (i, refunds) in &self.refunds {
                let order = &mut self.orders[*i as usize];
                for (source, refund) in refunds {
                    if restored[*source as usize] {
                        order.paid_amount += *refund;
                    }
                }
            }
        }
        // Each distinct text once: a few texts over a million orders.
        let kinds: Vec<StatusKind> = self.statuses.texts.iter().map(|t| self.lists.kind(t)).collect();
        let refund_done: Vec<bool> = self.statuses.texts.iter().map(|t| t.contains(REFUND_DONE)).collect();
        let mut unknown: Vec<Option<UnknownStatus>> = vec![None; kinds.len()];
        for (i, order) in self.orders.iter_mut().enumerate() {
            if let Some(refund) = order.refund_amount
                && refund > order.paid_amount
            {
                let (source, row) = self.first_row[i].1;
                let (file, sheet) = &self.sources[source as usize];
                problems.push(RowProblem {
                    file: file.to_string(),
                    sheet: sheet.to_string(),
                    row,
                    column: String::new(),
                    value: format!("{refund} > {}", order.paid_amount),
                    problem: Phrase::new("problem.refund_over_paid"),
                    action: Phrase::new("action.capped_at_paid"),
                });
                order.refund_amount = Some(order.paid_amount);
            }
            let [status, refund_status] = self.status_of[i];
            let kind = status.checked_sub(1).map(|s| kinds[s as usize]);
            let refund_done = refund_status.checked_sub(1).is_some_and(|s| refund_done[s as usize]);
            order.state = classify(order, kind, refund_done);
            if kind == Some(StatusKind::Unknown) {
                let (source, row) = self.first_row[i].1;
                let (file, sheet) = &self.sources[source as usize];
                let seen = unknown[status as usize - 1].get_or_insert_with(|| UnknownStatus {
                    text: self.statuses.texts[status as usize - 1].to_string(),
                    orders: 0,
                    money: Money::ZERO,
                    paid: 0,
                    first: Origin { file: file.clone(), sheet: sheet.clone(), row },
                });
                seen.orders += 1;
                seen.money += order.paid_amount;
                seen.paid += u64::from(order.state != OrderState::Unpaid);
            }
            // Without a paid time the order is dated by its creation (docs/definitions.md#fields).
            if order.paid_by_status && order.state != OrderState::Unpaid {
                order.paid_at = order.created_at;
            }
        }
        settled.unknown_statuses = unknown.into_iter().flatten().collect();
        (self.orders, settled)
    }
}

/// The order a first row makes.
fn new_order(row: OrderRow<'_>, names: &mut SharedNames, buyers: &mut Buyers) -> Order {
    let mut intern = |s: Option<Cow<'_, str>>| s.map(|s| names.get(&s));
    Order {
        id: row.id.as_ref().into(),
        buyer: buyer_id(buyers, row.shop_id, row.buyer.as_deref()),
        paid_amount: row.paid_amount,
        refund_amount: row.refund_amount,
        created_at: row.created_at,
        paid_at: row.paid_at,
        agent: intern(row.agent),
        memo: row.memo.map(|m| m.as_ref().into()),
        shop_id: row.shop_id,
        shop: intern(row.shop),
        postage: row.postage.unwrap_or_default(),
        state: OrderState::Paid,
        paid_by_status: row.paid_by_status,
    }
}

/// Order statuses by number: a few distinct texts over a million orders.
#[derive(Default)]
struct Statuses {
    ids: HashMap<Box<str>, u32>,
    /// By id − 1 (id 0 is "no status").
    texts: Vec<Box<str>>,
}

impl Statuses {
    fn id(&mut self, text: &str) -> u32 {
        if let Some(&id) = self.ids.get(text) {
            return id;
        }
        self.texts.push(text.into());
        let id = self.texts.len() as u32;
        self.ids.insert(text.into(), id);
        id
    }
}

/// The number of the buyer of `shop`; none for an empty cell.
fn buyer_id(buyers: &mut Buyers, shop: ShopId, name: Option<&str>) -> Option<BuyerId> {
    name.filter(|n| !n.trim().is_empty()).map(|n| buyers.id_in(shop, n))
}

/// A later row names the order's shop: the order and its buyer are that shop's.
fn move_to_shop(order: &mut Order, shop: ShopId, buyers: &mut Buyers) {
    if order.shop_id != shop {
        order.shop_id = shop;
        if let Some(b) = order.buyer {
            let name = buyers.name(b).to_string();
            order.buyer = Some(buyers.id_in(shop, &name));
        }
    }
}

/// The optional fields a row fills, one bit each.
fn says_bits(row: &OrderRow<'_>) -> u8 {
    let filled = [
        row.agent.is_some(),
        row.memo.is_some(),
        row.buyer.is_some(),
        row.shop.is_some(),
        row.status.is_some(),
        row.refund_status.is_some(),
        row.created_at.is_some(),
        row.postage.is_some(),
    ];
    filled.iter().enumerate().fold(0, |bits, (i, f)| bits | (u8::from(*f) << i))
}

/// Amounts summed, earliest times, first non-empty of the rest (docs/definitions.md#orders).
fn merge(order: &mut Order, row: OrderRow<'_>, names: &mut SharedNames, buyers: &mut Buyers) {
    order.paid_amount += row.paid_amount;
    order.refund_amount = match (order.refund_amount, row.refund_amount) {
        (Some(a), Some(b)) => Some(a + b),
        (a, b) => a.or(b),
    };
    order.created_at = earliest(order.created_at, row.created_at);
    order.paid_at = earliest(order.paid_at, row.paid_at);
    let mut fill = |slot: &mut Option<SharedName>, value: Option<Cow<'_, str>>| {
        if slot.is_none() {
            *slot = value.map(|v| names.get(&v));
        }
    };
    if order.shop.is_none() && row.shop.is_some() {
        move_to_shop(order, row.shop_id, buyers);
    }
    if order.buyer.is_none() {
        order.buyer = buyer_id(buyers, order.shop_id, row.buyer.as_deref());
    }
    fill(&mut order.agent, row.agent);
    fill(&mut order.shop, row.shop);
    if order.memo.is_none() {
        order.memo = row.memo.map(|m| m.as_ref().into());
    }
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

/// The state of an order, decided once when the book is finished.
pub fn state(order: &Order) -> OrderState {
    order.state
}

/// `kind`: what the order's status says (none: no status). A status in no list is paid only
/// where the order has a paid time: a sheet without paid times cannot tell.
fn classify(order: &Order, kind: Option<StatusKind>, refund_done: bool) -> OrderState {
    if order.paid_by_status {
        // No paid time, so the status says it. A closed order was paid only when money went
        // back (退款成功 or a refund amount); else it closed before payment.
        let money_went_back = refund_done || order.refund_amount.is_some_and(|r| r > Money::ZERO);
        return match kind {
            Some(StatusKind::Unpaid | StatusKind::Unknown) => OrderState::Unpaid,
            Some(StatusKind::Closed) if money_went_back => OrderState::ClosedAfterPayment,
            Some(StatusKind::Closed) => OrderState::Unpaid,
            _ if refund_done => OrderState::ClosedAfterPayment,
            _ => OrderState::Paid,
        };
    }
    if order.paid_at.is_none() || kind == Some(StatusKind::Unpaid) {
        OrderState::Unpaid
    } else if kind == Some(StatusKind::Closed) || refund_done {
        OrderState::ClosedAfterPayment
    } else {
        OrderState::Paid
    }
}

/// The refund counted (docs/definitions.md#orders): a closed-after-payment order is wholly refunded unless
/// the refund column gives a positive amount (Taobao closes a paid order only once its money
/// has gone back, so an empty, 0 or 无退款申请 cell there means all of it); other orders'
/// empty refund is 0.
pub fn refund(order: &Order) -> Money {
    match (state(order), order.refund_amount) {
        (OrderState::ClosedAfterPayment, Some(r)) if r > Money::ZERO => r,
        (OrderState::ClosedAfterPayment, _) => order.paid_amount,
        (_, Some(r)) => r,
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

    pub(super) fn row(id: &str, paid: i64, fp: u64) -> OrderRow<'static> {
        OrderRow {
            id: id.to_string().into(),
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
            shop_id: crate::shops::ShopId::UNNAMED,
            postage: None,
            total: None,
            item_level: false,
            paid_by_status: false,
            origin: Origin { file: "f".into(), sheet: "s".into(), row: fp as u32 },
            fingerprint: fp,
        }
    }

    #[test]
    fn item_rows_sum_and_exact_duplicates_count_once() {
        let (mut book, mut buyers) = (OrderBook::default(), Buyers::default());
        assert_eq!(book.add(&mut buyers, row("1", 100, 2)), Added::New);
        assert_eq!(book.add(&mut buyers, row("1", 50, 3)), Added::Merged);
        assert!(matches!(book.add(&mut buyers, row("1", 50, 3)), Added::Duplicate { first, .. } if first.row == 3));
        let orders = book.into_orders(&[], &mut Vec::new());
        assert_eq!(orders[0].paid_amount, Decimal::from(150));
    }

    #[test]
    fn closed_orders_refund_everything_unless_a_value_is_given() {
        let (mut book, mut buyers) = (OrderBook::default(), Buyers::default());
        let mut closed = row("1", 80, 2);
        closed.status = Some("交易关闭".into());
        book.add(&mut buyers, closed.clone());
        closed.id = "2".into();
        closed.refund_amount = Some(Decimal::from(30));
        book.add(&mut buyers, closed);
        let orders = book.into_orders(&[], &mut Vec::new());
        assert_eq!((refund(&orders[0]), net(&orders[0])), (Decimal::from(80), Decimal::ZERO));
        assert_eq!((refund(&orders[1]), net(&orders[1])), (Decimal::from(30), Decimal::from(50)));
    }

    #[test]
    fn a_refunded_item_is_refunded_alone() {
        let (mut book, mut buyers) = (OrderBook::default(), Buyers::default());
        let mut first = row("1", 100, 2);
        first.item_level = true;
        first.refund_status = Some("退款成功".into());
        let mut second = row("1", 50, 3);
        second.item_level = true;
        second.refund_status = Some("没有申请退款".into());
        book.add(&mut buyers, first);
        book.add(&mut buyers, second);
        let orders = book.into_orders(&[], &mut Vec::new());
        assert_eq!((refund(&orders[0]), net(&orders[0])), (Decimal::from(100), Decimal::from(50)));
    }

    #[test]
    fn an_order_row_read_after_its_items_replaces_their_money_and_fields() {
        let (mut book, mut buyers) = (OrderBook::default(), Buyers::default());
        let mut item = row("1", 80, 2);
        item.item_level = true;
        item.status = Some("交易关闭".into());
        book.add(&mut buyers, item);
        let mut order = row("1", 95, 3);
        order.status = Some("交易成功".into());
        assert_eq!(book.add(&mut buyers, order), Added::Merged);
        assert_eq!(book.item_rows_left_out(), 1);
        let orders = book.into_orders(&[], &mut Vec::new());
        assert_eq!((orders[0].paid_amount, state(&orders[0])), (Decimal::from(95), OrderState::Paid));
    }

    /// `row` read from `file`, with `status` and paid on October `paid_at.0` at `paid_at.1` h.
    pub(super) fn at(row: OrderRow<'static>, file: &str, status: &str, paid_at: (u32, u32)) -> OrderRow<'static> {
        let mut row = row;
        row.origin.file = file.into();
        row.status = Some(status.to_string().into());
        row.paid_at = NaiveDate::from_ymd_opt(2026, 10, paid_at.0).unwrap().and_hms_opt(paid_at.1, 0, 0);
        row
    }

    #[test]
    fn an_unknown_status_is_paid_only_with_a_paid_time_and_listed_once() {
        let (mut book, mut buyers) = (OrderBook::default(), Buyers::default());
        book.add(&mut buyers, at(row("1", 10, 2), "crm.csv", "待审核", (5, 9)));
        let mut unpaid = at(row("2", 20, 3), "crm.csv", "待审核", (5, 9));
        unpaid.paid_at = None;
        book.add(&mut buyers, unpaid);
        let mut by_status = at(row("3", 30, 4), "erp.csv", "待审核", (5, 9));
        by_status.paid_at = None;
        by_status.paid_by_status = true;
        book.add(&mut buyers, by_status);
        let (orders, settled) = book.settle(&[], &mut Vec::new());
        let states: Vec<OrderState> = orders.iter().map(state).collect();
        assert_eq!(states, [OrderState::Paid, OrderState::Unpaid, OrderState::Unpaid]);
        assert_eq!(settled.unknown_statuses.len(), 1);
        let u = &settled.unknown_statuses[0];
        assert_eq!((u.text.as_str(), u.orders, u.money, u.paid, u.first.row), ("待审核", 3, Decimal::from(60), 1, 2));
        // Settled as paid in the config: the sheet without paid times pays it too.
        let mut book = OrderBook::with_statuses(StatusLists::new(&["待审核".into()], &[], &[]));
        let mut by_status = at(row("3", 30, 4), "erp.csv", "待审核", (5, 9));
        by_status.paid_at = None;
        by_status.paid_by_status = true;
        book.add(&mut buyers, by_status);
        let (orders, settled) = book.settle(&[], &mut Vec::new());
        assert_eq!(state(&orders[0]), OrderState::Paid);
        assert!(settled.unknown_statuses.is_empty());
    }

    #[test]
    fn statuses_fold_fullwidth_punctuation() {
        let (mut o, mut buyers) = (OrderBook::default(), Buyers::default());
        let mut r = row("1", 10, 2);
        r.status = Some("ＷＡＩＴ＿ＢＵＹＥＲ＿ＰＡＹ".into());
        o.add(&mut buyers, r);
        assert_eq!(state(&o.into_orders(&[], &mut Vec::new())[0]), OrderState::Unpaid);
    }

    #[test]
    fn refund_success_closes_and_net_never_negative() {
        let (mut o, mut buyers) = (OrderBook::default(), Buyers::default());
        let mut r = row("1", 10, 2);
        r.refund_status = Some("退款成功".into());
        o.add(&mut buyers, r);
        let mut r = row("2", 10, 3);
        r.refund_amount = Some(Decimal::from(15));
        o.add(&mut buyers, r);
        let mut problems = Vec::new();
        let orders = o.into_orders(&[], &mut problems);
        assert_eq!(state(&orders[0]), OrderState::ClosedAfterPayment);
        assert_eq!(net(&orders[0]), Decimal::ZERO);
        assert_eq!((refund(&orders[1]), net(&orders[1])), (Decimal::from(10), Decimal::ZERO));
        assert_eq!(problems.len(), 1, "the refund of 15 on a paid 10 is capped and listed");
        assert_eq!(problems[0].row, 3);
    }
}
