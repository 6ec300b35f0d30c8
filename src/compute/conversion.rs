//! Inquiries versus after-sales (docs/definitions.md#receptions), conversion per agent
//! (docs/definitions.md#conversion), response metrics, silent sales and conversion by chat
//! length.

use super::orders::{OrderState, net, state};
use super::receptions::Reception;
use crate::buyers::BuyerId;
use crate::config::MAX_RESPONSE_RATES;
use crate::model::{Money, Order, Period};
use std::collections::BTreeMap;
use visits::{Acc, NO_AGENT, Visits, agent_did};

mod classify;
mod visits;
pub use classify::{ReceptionOutcome, ReceptionType, Windows, classify, created};

/// The additive counts behind one row of conversion figures. Adding two tallies gives the
/// row of both: the team row (团队) is the sum of the agents' tallies (docs/definitions.md#conversion).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Tally {
    /// Distinct buyers within the row's agent (summed over agents in the team row).
    pub consulted: u64,
    pub received: u64,
    pub inquiries: u64,
    pub ordered: u64,
    pub paid_buyers: u64,
    /// The buyers of the paid orders in `sales`: 客单价's denominator.
    pub sale_buyers: u64,
    pub sales: Money,
    /// Σ first response of the answered receptions, and their number.
    pub first_sum: f64,
    pub answered_receptions: u64,
    /// Σ response of the answered turns, and their number.
    pub response_sum: f64,
    pub answered_turns: u64,
    /// Receptions with a buyer message, and those whose first buyer turn was answered.
    pub with_buyer: u64,
    pub first_answered: u64,
    pub agent_messages: u64,
    pub buyer_messages: u64,
    /// Receptions (次): slow first responses, inquiries, inquiries that did not convert.
    pub slow: u64,
    pub inquiry_receptions: u64,
    pub lost_inquiries: u64,
    /// Per platform response rate (the config's order): turns (or receptions) answered in
    /// time, and those counted (docs/definitions.md#conversion).
    pub rates: [(u64, u64); MAX_RESPONSE_RATES],
}

impl std::ops::AddAssign<&Tally> for Tally {
    fn add_assign(&mut self, o: &Tally) {
        self.consulted += o.consulted;
        self.received += o.received;
        self.inquiries += o.inquiries;
        self.ordered += o.ordered;
        self.paid_buyers += o.paid_buyers;
        self.sale_buyers += o.sale_buyers;
        self.sales += o.sales;
        self.first_sum += o.first_sum;
        self.answered_receptions += o.answered_receptions;
        self.response_sum += o.response_sum;
        self.answered_turns += o.answered_turns;
        self.with_buyer += o.with_buyer;
        self.first_answered += o.first_answered;
        self.agent_messages += o.agent_messages;
        self.buyer_messages += o.buyer_messages;
        self.slow += o.slow;
        self.inquiry_receptions += o.inquiry_receptions;
        self.lost_inquiries += o.lost_inquiries;
        for (a, b) in self.rates.iter_mut().zip(o.rates) {
            a.0 += b.0;
            a.1 += b.1;
        }
    }
}

/// One agent's conversion figures (or the team's, in `totals`, or the shop's, in `shop`).
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
    /// 慢响应率 = slow receptions / answered receptions (docs/definitions.md#conversion "Units").
    pub slow_rate: Option<f64>,
    /// The counts the figures come from.
    pub tally: Tally,
}

impl AgentConversion {
    /// Every rate recomputed from the tally's sums, response times weighted by their counts.
    pub fn from_tally(agent: &str, t: Tally) -> Self {
        let ratio = |a: u64, b: u64| (b > 0).then(|| a as f64 / b as f64);
        AgentConversion {
            agent: agent.to_string(),
            consulted: t.consulted,
            received: t.received,
            inquiries: t.inquiries,
            ordered: t.ordered,
            paid_buyers: t.paid_buyers,
            conversion: ratio(t.paid_buyers, t.inquiries),
            order_rate: ratio(t.ordered, t.inquiries),
            sales: t.sales,
            aov: (t.sale_buyers > 0).then(|| t.sales / Money::from(t.sale_buyers)),
            first_response_secs: (t.answered_receptions > 0).then(|| t.first_sum / t.answered_receptions as f64),
            avg_response_secs: (t.answered_turns > 0).then(|| t.response_sum / t.answered_turns as f64),
            reply_rate: ratio(t.first_answered, t.with_buyer),
            answer_ratio: ratio(t.agent_messages, t.buyer_messages),
            slow_receptions: t.slow,
            slow_rate: ratio(t.slow, t.answered_receptions),
            tally: t,
        }
    }

    /// Platform response rate `i` (the config's order): in time / counted; none when nothing
    /// was counted (docs/definitions.md#conversion).
    pub fn response_rate(&self, i: usize) -> Option<f64> {
        self.tally.rates.get(i).filter(|(_, n)| *n > 0).map(|(k, n)| *k as f64 / *n as f64)
    }
}

/// A platform response rate's name, as reports show it: its id (the JSON key) and the
/// config's label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateName {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DurationBucket {
    pub bucket: &'static str,
    pub inquiries: u64,
    pub converted: u64,
    pub rate: Option<f64>,
}

/// docs/definitions.md#conversion buckets of chat length, [from, to) seconds.
pub const DURATION_BUCKETS: [(&str, i64, i64); 5] =
    [("<1m", 0, 60), ("1-3m", 60, 180), ("3-10m", 180, 600), ("10-30m", 600, 1800), (">=30m", 1800, i64::MAX)];

#[derive(Debug, Clone, PartialEq)]
pub struct ConversionResult {
    pub rows: Vec<AgentConversion>,
    /// The team row: the agents' rows added up (docs/definitions.md#conversion), 未归属 not in it.
    pub totals: AgentConversion,
    pub unattributed_sales: Money,
    /// The whole shop, each buyer counted once across agents (店铺…人数, 去重); its sales are
    /// every paid order of the period, agents + 未归属.
    pub shop: AgentConversion,
    pub by_duration: Vec<DurationBucket>,
    pub silent_sales: Money,
    /// The platform response rates of `AgentConversion::response_rate`, in its order; empty
    /// where the figures are computed without them (a daily trend).
    pub rates: Vec<RateName>,
}

/// The buyers who chatted at all (any day), by buyer number: a sale to anyone else is
/// silent (静默销售).
struct Chatted(Vec<bool>);

impl Chatted {
    fn new(receptions: &[Reception]) -> Self {
        let mut seen = vec![false; receptions.iter().map(|r| r.buyer.index() + 1).max().unwrap_or(0)];
        for r in receptions {
            seen[r.buyer.index()] = true;
        }
        Chatted(seen)
    }

    fn contains(&self, buyer: BuyerId) -> bool {
        self.0.get(buyer.index()).copied().unwrap_or(false)
    }
}

/// Whether the order counts as a sale of `period`: paid in it (and not unpaid).
fn paid_in(order: &Order, period: Period) -> bool {
    order.paid_at.is_some_and(|t| period.contains(t.date())) && state(order) != OrderState::Unpaid
}

/// docs/definitions.md#conversion for the period: receptions dated in it, sales of orders paid in it.
pub fn conversion(
    receptions: &[Reception],
    outcomes: &[ReceptionOutcome],
    orders: &[Order],
    order_agent: &[Option<&str>],
    period: Period,
    slow_response_secs: u32,
) -> ConversionResult {
    let chatted = Chatted::new(receptions);
    let in_period = receptions.iter().zip(outcomes.iter().copied()).filter(|(r, _)| period.contains(r.date()));
    let sales = orders.iter().zip(order_agent.iter().copied()).filter(|(o, _)| paid_in(o, period));
    figures(in_period, sales, &chatted, slow_response_secs)
}

/// `conversion` of each of `shops` (docs/definitions.md#shops), from the outcomes classified once
/// over every shop: a buyer is a buyer of one shop, so a reception's outcome is the one a run of
/// its shop alone gives. Each shop counts its own receptions and its own orders.
pub fn conversion_by_shop(
    receptions: &[Reception],
    outcomes: &[ReceptionOutcome],
    orders: &[Order],
    order_agent: &[Option<&str>],
    period: Period,
    slow_response_secs: u32,
    shops: &[crate::shops::ShopId],
) -> Vec<ConversionResult> {
    let chatted = Chatted::new(receptions);
    super::parallel::map_heavy(shops, |_, &shop| {
        let in_period = receptions
            .iter()
            .zip(outcomes.iter().copied())
            .filter(|(r, _)| r.shop == shop && period.contains(r.date()));
        let sales =
            orders.iter().zip(order_agent.iter().copied()).filter(|(o, _)| o.shop_id == shop && paid_in(o, period));
        figures(in_period, sales, &chatted, slow_response_secs)
    })
}

/// `conversion` of each of `days`, in one pass over the receptions and orders (a month's
/// report and its comparisons need every day; one `conversion` per day would read them all
/// thirty times).
pub fn conversion_by_day(
    receptions: &[Reception],
    outcomes: &[ReceptionOutcome],
    orders: &[Order],
    order_agent: &[Option<&str>],
    days: impl IntoIterator<Item = chrono::NaiveDate>,
    slow_response_secs: u32,
) -> BTreeMap<chrono::NaiveDate, ConversionResult> {
    let days: Vec<chrono::NaiveDate> =
        days.into_iter().collect::<std::collections::BTreeSet<_>>().into_iter().collect();
    let day_of = |d: chrono::NaiveDate| days.binary_search(&d).ok();
    // Each day's receptions and sales as one list grouped by day (counted, then placed).
    let in_days = ByDay::new(days.len(), receptions.iter().map(|r| day_of(r.date())));
    let paid_days = ByDay::new(
        days.len(),
        orders.iter().map(|o| o.paid_at.filter(|_| state(o) != OrderState::Unpaid).and_then(|t| day_of(t.date()))),
    );
    let chatted = Chatted::new(receptions);
    let figures = super::parallel::map_heavy(&days, |d, _| {
        let in_day = in_days.of(d).iter().map(|i| (&receptions[*i as usize], outcomes[*i as usize]));
        let sales = paid_days.of(d).iter().map(|i| (&orders[*i as usize], order_agent[*i as usize]));
        figures(in_day, sales, &chatted, slow_response_secs)
    });
    days.into_iter().zip(figures).collect()
}

/// Item numbers grouped by day: day `d`'s are `items[starts[d]..starts[d + 1]]`, in order.
struct ByDay {
    starts: Vec<usize>,
    items: Vec<u32>,
}

impl ByDay {
    fn new(days: usize, day_of: impl Iterator<Item = Option<usize>> + Clone) -> Self {
        let mut starts = vec![0usize; days + 1];
        for d in day_of.clone().flatten() {
            starts[d + 1] += 1;
        }
        for d in 0..days {
            starts[d + 1] += starts[d];
        }
        let mut next = starts.clone();
        let mut items = vec![0u32; starts[days]];
        for (i, d) in day_of.enumerate() {
            if let Some(d) = d {
                items[next[d]] = i as u32;
                next[d] += 1;
            }
        }
        ByDay { starts, items }
    }

    fn of(&self, day: usize) -> &[u32] {
        &self.items[self.starts[day]..self.starts[day + 1]]
    }
}

/// The figures of a set of receptions (with their outcomes) and paid orders (with their
/// agents).
fn figures<'a>(
    receptions: impl Iterator<Item = (&'a Reception, ReceptionOutcome)>,
    sales: impl Iterator<Item = (&'a Order, Option<&'a str>)>,
    chatted: &Chatted,
    slow_response_secs: u32,
) -> ConversionResult {
    let slow = f64::from(slow_response_secs);
    let mut per_agent: BTreeMap<&str, Acc> = BTreeMap::new();
    let mut shop = Acc::new(NO_AGENT);
    // Sized at once when the numbers are known (a day's): a list grown in steps leaves
    // the smaller steps behind in the heap.
    let capacity = receptions.size_hint().0 + sales.size_hint().0;
    let mut visits = Visits { buyers: Vec::with_capacity(capacity), orders_without_buyer: Vec::new() };
    let mut buckets = [(0u64, 0u64); 5];
    for (r, outcome) in receptions {
        let next = per_agent.len() as u32;
        let acc = per_agent.entry(&r.agent).or_insert_with(|| Acc::new(next));
        let did = acc.add_reception(r, outcome, slow);
        shop.add_reception(r, outcome, slow);
        visits.buyers.push((agent_did(acc.slot, did), r.buyer));
        if outcome.kind == ReceptionType::Inquiry
            && let Some(d) = r.duration_secs()
            && let Some(b) = DURATION_BUCKETS.iter().position(|(_, from, to)| (*from..*to).contains(&d))
        {
            buckets[b].0 += 1;
            buckets[b].1 += u64::from(outcome.converting_order.is_some());
        }
    }
    let (mut unattributed_sales, mut silent_sales) = (Money::ZERO, Money::ZERO);
    for (order, agent) in sales {
        shop.sums.sales += net(order);
        match agent {
            Some(a) => {
                let next = per_agent.len() as u32;
                let acc = per_agent.entry(a).or_insert_with(|| Acc::new(next));
                acc.sums.sales += net(order);
                visits.sale(acc.slot, order);
            }
            None => {
                unattributed_sales += net(order);
                visits.sale(NO_AGENT, order);
            }
        }
        if order.buyer.is_none_or(|b| !chatted.contains(b)) {
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
    let (counts, shop_counts) = visits.count(per_agent.len());
    let rows: Vec<AgentConversion> = per_agent
        .into_iter()
        .map(|(agent, acc)| {
            let counts = counts[acc.slot as usize];
            AgentConversion::from_tally(agent, acc.tally(counts))
        })
        .collect();
    let mut team = Tally::default();
    for r in &rows {
        team += &r.tally;
    }
    ConversionResult {
        rows,
        totals: AgentConversion::from_tally("", team),
        unattributed_sales,
        shop: AgentConversion::from_tally("", shop.tally(shop_counts)),
        by_duration,
        silent_sales,
        rates: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::buyers::Buyers;
    use crate::model::{PeriodKind, Side};
    use chrono::{Duration, NaiveDate, NaiveDateTime};
    use rust_decimal::Decimal;

    fn october() -> Period {
        Period {
            from: NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
            to: NaiveDate::from_ymd_opt(2026, 10, 31).unwrap(),
            kind: PeriodKind::Month,
        }
    }

    fn t(day: u32, h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 10, day).unwrap().and_hms_opt(h, m, 0).unwrap()
    }

    thread_local! {
        /// The buyers of one test (each test runs on its own thread).
        static BUYERS: std::cell::RefCell<Buyers> = std::cell::RefCell::default();
    }

    fn order(id: &str, buyer: &str, created: NaiveDateTime, paid: Option<NaiveDateTime>) -> Order {
        Order {
            id: id.into(),
            buyer: Some(BUYERS.with_borrow_mut(|b| b.id(buyer))),
            paid_amount: Decimal::from(100),
            refund_amount: None,
            created_at: Some(created),
            paid_at: paid,
            agent: None,
            memo: None,
            shop: None,
            shop_id: crate::shops::ShopId::UNNAMED,
            postage: Decimal::ZERO,
            state: if paid.is_some() { OrderState::Paid } else { OrderState::Unpaid },
            paid_by_status: false,
        }
    }

    fn receptions(chats: &[(&str, &str, NaiveDateTime)]) -> Vec<Reception> {
        let mut book = super::super::receptions::ChatBook::new(&[]);
        BUYERS.with_borrow_mut(|buyers| {
            for (agent, buyer, at) in chats {
                book.add_message(buyers, agent, buyer, *at, Side::Buyer, Some("在吗"), None);
                book.add_message(buyers, agent, buyer, *at + Duration::seconds(10), Side::Agent, Some("在"), None);
            }
            book.finish(600, buyers, &mut Default::default())
        })
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
        let agents = [None, None, Some("小王")];
        let out = classify(&rs, &orders, |i| agents[i], W);
        let by_buyer: std::collections::HashMap<String, ReceptionOutcome> =
            rs.iter().map(|r| BUYERS.with_borrow(|b| b.name(r.buyer).to_string())).zip(out).collect();
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
        let out = classify(&rs, &orders, |i| [Some("小王"), Some("东东")][i], W);
        assert_eq!(out[0], ReceptionOutcome { kind: ReceptionType::Inquiry, converting_order: None, paid: false });
    }

    #[test]
    fn a_buyer_who_reorders_and_pays_the_second_order_paid() {
        // 拍错重拍: the first order left unpaid, the second, an hour later, paid.
        let rs = receptions(&[("小王", "amy", t(15, 10, 0))]);
        let orders = vec![order("1", "amy", t(15, 10, 5), None), order("2", "amy", t(15, 11, 5), Some(t(15, 11, 6)))];
        let agents = vec![Some("小王"), Some("小王")];
        let out = classify(&rs, &orders, |i| agents[i], W);
        assert_eq!(out[0], ReceptionOutcome { kind: ReceptionType::Inquiry, converting_order: Some(1), paid: true });
        let period = october();
        let r = &conversion(&rs, &out, &orders, &agents, period, 120).rows[0];
        assert_eq!((r.inquiries, r.ordered, r.paid_buyers, r.conversion), (1, 1, 1, Some(1.0)));
    }

    #[test]
    fn paid_buyers_and_rates() {
        let rs = receptions(&[("小王", "a", t(15, 10, 0)), ("小王", "b", t(15, 11, 0)), ("小王", "c", t(15, 12, 0))]);
        let orders = vec![order("1", "a", t(15, 10, 5), Some(t(15, 10, 6))), order("2", "b", t(15, 11, 5), None)];
        let agents = vec![Some("小王"), Some("小王")];
        let out = classify(&rs, &orders, |i| agents[i], W);
        let period = october();
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

    #[test]
    fn the_team_row_adds_up_the_agents_and_the_shop_counts_each_buyer_once() {
        // amy asks 小王 and 东东 the same day and buys from 东东; bob asks 小王 and buys.
        let rs =
            receptions(&[("小王", "amy", t(15, 10, 0)), ("东东", "amy", t(15, 11, 0)), ("小王", "bob", t(15, 12, 0))]);
        let mut orders = vec![
            order("1", "amy", t(15, 11, 5), Some(t(15, 11, 6))),
            order("2", "bob", t(15, 12, 5), Some(t(15, 12, 6))),
            order("3", "bob", t(15, 13, 0), Some(t(15, 13, 1))),
            order("4", "cat", t(15, 14, 0), Some(t(15, 14, 1))),
        ];
        orders[1].paid_amount = Decimal::from(300);
        let agents = vec![Some("东东"), Some("小王"), Some("小王"), None];
        let out = classify(&rs, &orders, |i| agents[i], W);
        let period = october();
        let res = conversion(&rs, &out, &orders, &agents, period, 5);
        let team = &res.totals;
        // 小王: inquiries {amy, bob}, paid {bob}; 东东: inquiries {amy}, paid {amy} → 3 and 2.
        assert_eq!((team.inquiries, team.paid_buyers), (3, 2));
        assert_eq!(team.conversion, Some(2.0 / 3.0), "between 小王's 1/2 and 东东's 1/1");
        // Sales: 小王 300 + 100 from bob (1 buyer), 东东 100 from amy: 500 / 2 buyers.
        assert_eq!(team.sales, Decimal::from(500));
        assert_eq!(team.aov, Some(Decimal::from(250)));
        // Every reception answered after 10 s, over the 5 s limit: 3 slow of 3 answered.
        assert_eq!((team.slow_receptions, team.tally.answered_receptions, team.slow_rate), (3, 3, Some(1.0)));
        assert_eq!((team.tally.inquiry_receptions, team.tally.lost_inquiries), (3, 1));
        // The shop counts amy once and its sales hold cat's unattributed order too.
        assert_eq!((res.shop.inquiries, res.shop.paid_buyers), (2, 2));
        assert_eq!(res.shop.sales, Decimal::from(600));
        assert_eq!(res.unattributed_sales, Decimal::from(100));
        // Buyers of sales: 小王 bob, 东东 amy; the shop amy, bob and cat.
        assert_eq!((team.tally.sale_buyers, res.shop.tally.sale_buyers), (2, 3));
    }

    #[test]
    fn an_order_without_a_buyer_is_a_buyer_of_its_own() {
        // Pinduoduo's export has no buyer column: three such orders of 小王 and one of nobody.
        let rs = receptions(&[("小王", "amy", t(15, 10, 0))]);
        let mut orders = vec![
            order("1", "amy", t(15, 10, 5), Some(t(15, 10, 6))),
            order("2", "-", t(15, 12, 0), Some(t(15, 12, 1))),
            order("3", "-", t(15, 12, 0), Some(t(15, 12, 1))),
            order("4", "-", t(15, 13, 0), Some(t(15, 13, 1))),
        ];
        for o in &mut orders[1..] {
            o.buyer = None;
        }
        let agents = [Some("小王"), Some("小王"), Some("小王"), None];
        let out = classify(&rs, &orders, |i| agents[i], W);
        let period = october();
        let res = conversion(&rs, &out, &orders, &agents, period, 120);
        // 小王: amy and orders 2 and 3; the shop: those and order 4.
        assert_eq!((res.rows[0].tally.sale_buyers, res.shop.tally.sale_buyers), (3, 4));
        assert_eq!(res.rows[0].aov, Some(Decimal::from(100)));
        // One buyer chatted: the three orders without a buyer are silent sales.
        assert_eq!(res.silent_sales, Decimal::from(300));
    }
}
