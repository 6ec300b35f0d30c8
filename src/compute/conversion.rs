//! SPEC §4.2 inquiries versus after-sales, §4.4 conversion per agent, response
//! metrics, silent sales and conversion by chat length.

use super::orders::{OrderState, net, state};
use super::receptions::Reception;
use crate::model::{Money, Order, Period};
use chrono::{Duration, NaiveDateTime};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReceptionType {
    Inquiry,
    /// The buyer ordered shortly before and orders nothing now (SPEC §4.2).
    AfterSales,
    NoBuyerMessage,
}

/// What became of one reception.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReceptionOutcome {
    pub kind: ReceptionType,
    /// Index (in the orders slice) of the order that converts this inquiry: the first one
    /// paid, else the first one created.
    pub converting_order: Option<usize>,
    /// One of the converting orders is paid (at any time in the input: 最终付款). A buyer
    /// who leaves the first order unpaid and pays a second (拍错重拍) paid (SPEC §4.4).
    pub paid: bool,
}

#[derive(Debug, Clone, Copy)]
pub struct Windows {
    pub after_sales_days: u32,
    pub conversion_window_days: u32,
}

/// When an order was created: created_at, else paid_at (SPEC §3.3).
pub fn created(order: &Order) -> Option<NaiveDateTime> {
    order.created_at.or(order.paid_at)
}

/// Orders by buyer, in creation order.
pub struct BuyerOrders<'a> {
    by_buyer: HashMap<&'a str, Vec<(NaiveDateTime, usize)>>,
}

impl<'a> BuyerOrders<'a> {
    pub fn new(orders: &'a [Order]) -> Self {
        let mut by_buyer: HashMap<&str, Vec<(NaiveDateTime, usize)>> = HashMap::default();
        for (i, o) in orders.iter().enumerate() {
            if let (Some(buyer), Some(at)) = (o.buyer.as_deref(), created(o)) {
                by_buyer.entry(buyer).or_default().push((at, i));
            }
        }
        for list in by_buyer.values_mut() {
            list.sort();
        }
        BuyerOrders { by_buyer }
    }

    /// The buyer's orders created in [from, to).
    fn between(&self, buyer: &str, from: NaiveDateTime, to: NaiveDateTime) -> &[(NaiveDateTime, usize)] {
        let Some(list) = self.by_buyer.get(buyer) else { return &[] };
        let lo = list.partition_point(|(t, _)| *t < from);
        let hi = list.partition_point(|(t, _)| *t < to);
        &list[lo..hi.max(lo)]
    }
}

/// The end of the conversion window: midnight after the inquiry's day + window days.
pub fn window_end(start: NaiveDateTime, windows: Windows) -> NaiveDateTime {
    (start.date() + Duration::days(i64::from(windows.conversion_window_days) + 1)).and_hms_opt(0, 0, 0).unwrap_or(start)
}

/// Inquiry or after-sales, and the converting order (SPEC §4.2, §4.4). `order_agent[i]` is
/// the agent order `i` is attributed to.
pub fn classify(
    receptions: &[Reception],
    orders: &[Order],
    order_agent: &[Option<&str>],
    windows: Windows,
) -> Vec<ReceptionOutcome> {
    let by_buyer = BuyerOrders::new(orders);
    receptions
        .iter()
        .map(|r| {
            if !r.has_buyer_message {
                return ReceptionOutcome { kind: ReceptionType::NoBuyerMessage, converting_order: None, paid: false };
            }
            let end = window_end(r.start, windows);
            let in_window = by_buyer.between(&r.buyer, r.start, end);
            let recent =
                by_buyer.between(&r.buyer, r.start - Duration::days(i64::from(windows.after_sales_days)), r.start);
            if !recent.is_empty() && in_window.is_empty() {
                return ReceptionOutcome { kind: ReceptionType::AfterSales, converting_order: None, paid: false };
            }
            let mut converting = in_window.iter().map(|(_, i)| *i).filter(|i| order_agent[*i] == Some(&*r.agent));
            let first = converting.next();
            let first_paid = first.into_iter().chain(converting).find(|i| state(&orders[*i]) != OrderState::Unpaid);
            ReceptionOutcome {
                kind: ReceptionType::Inquiry,
                converting_order: first_paid.or(first),
                paid: first_paid.is_some(),
            }
        })
        .collect()
}

/// One agent's conversion figures (or the team's, in `totals`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AgentConversion {
    pub agent: String,
    pub consulted: u64,
    pub received: u64,
    pub inquiries: u64,
    pub ordered: u64,
    pub paid_buyers: u64,
    pub conversion: Option<f64>,
    pub order_rate: Option<f64>,
    pub sales: Money,
    pub aov: Option<Money>,
    pub first_response_secs: Option<f64>,
    pub avg_response_secs: Option<f64>,
    pub reply_rate: Option<f64>,
    pub answer_ratio: Option<f64>,
    pub slow_receptions: u64,
}

impl AgentConversion {
    /// The value of a SPEC §4.7 metric name, for KPI multipliers and scorecards.
    pub fn metric(&self, name: &str) -> Option<f64> {
        use rust_decimal::prelude::ToPrimitive;
        match name {
            "inquiries" => Some(self.inquiries as f64),
            "conversion" => self.conversion,
            "order_rate" => self.order_rate,
            "sales" => self.sales.to_f64(),
            "aov" => self.aov.and_then(|a| a.to_f64()),
            "first_response_secs" => self.first_response_secs,
            "avg_response_secs" => self.avg_response_secs,
            "reply_rate" => self.reply_rate,
            "answer_ratio" => self.answer_ratio,
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct DurationBucket {
    pub bucket: &'static str,
    pub inquiries: u64,
    pub converted: u64,
    pub rate: Option<f64>,
}

/// SPEC §4.4 buckets of chat length, [from, to) seconds.
pub const DURATION_BUCKETS: [(&str, i64, i64); 5] =
    [("<1m", 0, 60), ("1-3m", 60, 180), ("3-10m", 180, 600), ("10-30m", 600, 1800), (">=30m", 1800, i64::MAX)];

#[derive(Debug, Clone, PartialEq)]
pub struct ConversionResult {
    pub rows: Vec<AgentConversion>,
    pub totals: AgentConversion,
    pub unattributed_sales: Money,
    pub by_duration: Vec<DurationBucket>,
    pub silent_sales: Money,
}

#[derive(Default)]
struct Acc<'a> {
    consulted: HashSet<&'a str>,
    received: HashSet<&'a str>,
    inquiries: HashSet<&'a str>,
    ordered: HashSet<&'a str>,
    paid: HashSet<&'a str>,
    first_sum: f64,
    first_n: u64,
    response_sum: f64,
    response_n: u64,
    with_buyer: u64,
    first_answered: u64,
    agent_messages: u64,
    buyer_messages: u64,
    slow: u64,
    sales: Money,
    sale_buyers: HashSet<&'a str>,
}

impl<'a> Acc<'a> {
    fn add_reception(&mut self, r: &'a Reception, outcome: ReceptionOutcome, slow_secs: f64) {
        let buyer: &str = &r.buyer;
        self.consulted.insert(buyer);
        if r.received {
            self.received.insert(buyer);
        }
        if r.has_buyer_message {
            self.with_buyer += 1;
            if r.first_response.is_some() {
                self.first_answered += 1;
            }
        }
        if let Some(f) = r.first_response {
            self.first_sum += f;
            self.first_n += 1;
            if f > slow_secs {
                self.slow += 1;
            }
        }
        self.response_sum += r.response_sum;
        self.response_n += u64::from(r.answered_turns);
        self.agent_messages += u64::from(r.agent_messages);
        self.buyer_messages += u64::from(r.buyer_messages);
        if outcome.kind == ReceptionType::Inquiry {
            self.inquiries.insert(buyer);
            if outcome.converting_order.is_some() {
                self.ordered.insert(buyer);
                if outcome.paid {
                    self.paid.insert(buyer);
                }
            }
        }
    }

    fn add_sale(&mut self, order: &'a Order) {
        self.sales += net(order);
        self.sale_buyers.insert(order.buyer.as_deref().unwrap_or(&order.id));
    }

    fn finish(self, agent: &str) -> AgentConversion {
        let ratio = |a: u64, b: u64| (b > 0).then(|| a as f64 / b as f64);
        let inquiries = self.inquiries.len() as u64;
        let buyers = self.sale_buyers.len() as u64;
        AgentConversion {
            agent: agent.to_string(),
            consulted: self.consulted.len() as u64,
            received: self.received.len() as u64,
            inquiries,
            ordered: self.ordered.len() as u64,
            paid_buyers: self.paid.len() as u64,
            conversion: ratio(self.paid.len() as u64, inquiries),
            order_rate: ratio(self.ordered.len() as u64, inquiries),
            sales: self.sales,
            aov: (buyers > 0).then(|| self.sales / Money::from(buyers)),
            first_response_secs: (self.first_n > 0).then(|| self.first_sum / self.first_n as f64),
            avg_response_secs: (self.response_n > 0).then(|| self.response_sum / self.response_n as f64),
            reply_rate: ratio(self.first_answered, self.with_buyer),
            answer_ratio: ratio(self.agent_messages, self.buyer_messages),
            slow_receptions: self.slow,
        }
    }
}

/// SPEC §4.4 for the period: receptions dated in it, sales of orders paid in it.
pub fn conversion(
    receptions: &[Reception],
    outcomes: &[ReceptionOutcome],
    orders: &[Order],
    order_agent: &[Option<&str>],
    period: Period,
    slow_response_secs: u32,
) -> ConversionResult {
    let slow = f64::from(slow_response_secs);
    let mut per_agent: BTreeMap<&str, Acc> = BTreeMap::new();
    let mut team = Acc::default();
    let mut buckets = [(0u64, 0u64); 5];
    for (r, outcome) in receptions.iter().zip(outcomes) {
        if !period.contains(r.date) {
            continue;
        }
        per_agent.entry(&r.agent).or_default().add_reception(r, *outcome, slow);
        team.add_reception(r, *outcome, slow);
        if outcome.kind == ReceptionType::Inquiry
            && let Some(d) = r.duration_secs()
            && let Some(b) = DURATION_BUCKETS.iter().position(|(_, from, to)| (*from..*to).contains(&d))
        {
            buckets[b].0 += 1;
            buckets[b].1 += u64::from(outcome.converting_order.is_some());
        }
    }
    let chatted: HashSet<&str> = receptions.iter().map(|r| &*r.buyer).collect();
    let (mut unattributed_sales, mut silent_sales) = (Money::ZERO, Money::ZERO);
    for (order, agent) in orders.iter().zip(order_agent) {
        let paid_in_period =
            order.paid_at.is_some_and(|t| period.contains(t.date())) && state(order) != OrderState::Unpaid;
        if !paid_in_period {
            continue;
        }
        team.add_sale(order);
        match agent {
            Some(a) => per_agent.entry(a).or_default().add_sale(order),
            None => unattributed_sales += net(order),
        }
        if order.buyer.as_deref().is_none_or(|b| !chatted.contains(b)) {
            silent_sales += net(order);
        }
    }
    let by_duration = DURATION_BUCKETS
        .iter()
        .zip(buckets)
        .map(|((name, _, _), (n, converted))| DurationBucket {
            bucket: name,
            inquiries: n,
            converted,
            rate: (n > 0).then(|| converted as f64 / n as f64),
        })
        .collect();
    ConversionResult {
        rows: per_agent.into_iter().map(|(agent, acc)| acc.finish(agent)).collect(),
        totals: team.finish(""),
        unattributed_sales,
        by_duration,
        silent_sales,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PeriodKind, Side};
    use chrono::NaiveDate;
    use rust_decimal::Decimal;

    fn t(day: u32, h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 10, day).unwrap().and_hms_opt(h, m, 0).unwrap()
    }

    fn order(id: &str, buyer: &str, created: NaiveDateTime, paid: Option<NaiveDateTime>) -> Order {
        Order {
            id: id.into(),
            buyer: Some(buyer.into()),
            paid_amount: Decimal::from(100),
            refund_amount: None,
            refund_status: None,
            status: None,
            created_at: Some(created),
            paid_at: paid,
            agent: None,
            memo: None,
            shop: None,
            postage: Decimal::ZERO,
            state: if paid.is_some() { OrderState::Paid } else { OrderState::Unpaid },
            paid_by_status: false,
        }
    }

    fn receptions(chats: &[(&str, &str, NaiveDateTime)]) -> Vec<Reception> {
        let mut book = super::super::receptions::ChatBook::new(&[]);
        for (agent, buyer, at) in chats {
            book.add_message(agent, buyer, *at, Side::Buyer, Some("在吗"), None);
            book.add_message(agent, buyer, *at + Duration::seconds(10), Side::Agent, Some("在"), None);
        }
        book.finish(600)
    }

    const W: Windows = Windows { after_sales_days: 21, conversion_window_days: 1 };

    #[test]
    fn after_sales_unless_the_buyer_orders_again_in_the_window() {
        let rs = receptions(&[("小王", "old", t(15, 10, 0)), ("小王", "back", t(15, 10, 0))]);
        let orders = vec![
            order("1", "old", t(5, 9, 0), Some(t(5, 9, 1))),
            order("2", "back", t(5, 9, 0), Some(t(5, 9, 1))),
            order("3", "back", t(16, 23, 0), Some(t(16, 23, 5))),
        ];
        let agents = vec![None, None, Some("小王")];
        let out = classify(&rs, &orders, &agents, W);
        let by_buyer: HashMap<&str, ReceptionOutcome> = rs.iter().map(|r| &*r.buyer).zip(out).collect();
        assert_eq!(by_buyer["old"].kind, ReceptionType::AfterSales);
        assert_eq!(
            by_buyer["back"],
            ReceptionOutcome { kind: ReceptionType::Inquiry, converting_order: Some(2), paid: true }
        );
    }

    #[test]
    fn an_order_after_the_window_or_for_another_agent_does_not_convert() {
        let rs = receptions(&[("小王", "amy", t(15, 10, 0))]);
        let orders = vec![order("1", "amy", t(17, 0, 0), None), order("2", "amy", t(16, 9, 0), None)];
        let out = classify(&rs, &orders, &[Some("小王"), Some("东东")], W);
        assert_eq!(out[0], ReceptionOutcome { kind: ReceptionType::Inquiry, converting_order: None, paid: false });
    }

    #[test]
    fn a_buyer_who_reorders_and_pays_the_second_order_paid() {
        // 拍错重拍: the first order left unpaid, the second, an hour later, paid.
        let rs = receptions(&[("小王", "amy", t(15, 10, 0))]);
        let orders = vec![order("1", "amy", t(15, 10, 5), None), order("2", "amy", t(15, 11, 5), Some(t(15, 11, 6)))];
        let agents = vec![Some("小王"), Some("小王")];
        let out = classify(&rs, &orders, &agents, W);
        assert_eq!(out[0], ReceptionOutcome { kind: ReceptionType::Inquiry, converting_order: Some(1), paid: true });
        let period = Period {
            from: NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
            to: NaiveDate::from_ymd_opt(2026, 10, 31).unwrap(),
            kind: PeriodKind::Month,
        };
        let r = &conversion(&rs, &out, &orders, &agents, period, 120).rows[0];
        assert_eq!((r.inquiries, r.ordered, r.paid_buyers, r.conversion), (1, 1, 1, Some(1.0)));
    }

    #[test]
    fn paid_buyers_and_rates() {
        let rs = receptions(&[("小王", "a", t(15, 10, 0)), ("小王", "b", t(15, 11, 0)), ("小王", "c", t(15, 12, 0))]);
        let orders = vec![order("1", "a", t(15, 10, 5), Some(t(15, 10, 6))), order("2", "b", t(15, 11, 5), None)];
        let agents = vec![Some("小王"), Some("小王")];
        let out = classify(&rs, &orders, &agents, W);
        let period = Period {
            from: NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
            to: NaiveDate::from_ymd_opt(2026, 10, 31).unwrap(),
            kind: PeriodKind::Month,
        };
        let res = conversion(&rs, &out, &orders, &agents, period, 120);
        let r = &res.rows[0];
        assert_eq!((r.inquiries, r.ordered, r.paid_buyers), (3, 2, 1));
        assert_eq!(r.conversion, Some(1.0 / 3.0));
        assert_eq!(r.order_rate, Some(2.0 / 3.0));
        assert_eq!(r.sales, Decimal::from(100));
        assert_eq!(r.first_response_secs, Some(10.0));
        assert_eq!(r.answer_ratio, Some(1.0));
        assert_eq!(res.by_duration[0].inquiries, 3);
        assert_eq!(res.by_duration[0].converted, 2);
        assert_eq!(res.silent_sales, Decimal::ZERO);
    }
}
