//! docs/definitions.md#reconcile: cs-tools' figures beside a per-agent report's (赤兔, the
//! platform's), under each attribution rule, which rule comes closest, and the orders and
//! receptions behind each difference.
//!
//! Everything here is computed elsewhere first: our figures are the conversion of each rule
//! (`period::conversion_for` with the rule set three ways), and each order's agent under each
//! rule both with the whole attribution chain and with the chat source alone — what a tool
//! that sees only the chats (赤兔, the platform) can find.

use super::agent_reports::aov;
use super::attribution::Attribution;
use super::conversion::{AgentConversion, ConversionResult, ReceptionOutcome, ReceptionType, Tally, created};
use super::orders::{OrderState, net, state};
use super::receptions::Reception;
use crate::config::{AttributionRule, AttributionSource};
use crate::model::{AgentReportLine, Money, Order, Period, SharedName};
use std::collections::{BTreeSet, HashMap};

/// The rules, in the order every result lists them (and ties are settled).
pub const RULES: [AttributionRule; 3] = AttributionRule::ALL;

/// A figure a per-agent report may have (JSON ids in `id`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Figure {
    Consulted,
    Received,
    Inquiries,
    PaidBuyers,
    Conversion,
    Sales,
    Aov,
    FirstResponse,
    AvgResponse,
    ReplyRate,
    AnswerRatio,
}

/// How a figure is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureKind {
    Count,
    Rate,
    Money,
    Secs,
    Ratio,
}

impl Figure {
    pub const ALL: [Figure; 11] = [
        Figure::Consulted,
        Figure::Received,
        Figure::Inquiries,
        Figure::PaidBuyers,
        Figure::Conversion,
        Figure::Sales,
        Figure::Aov,
        Figure::FirstResponse,
        Figure::AvgResponse,
        Figure::ReplyRate,
        Figure::AnswerRatio,
    ];

    /// The JSON name, the same as the conversion JSON's.
    pub fn id(self) -> &'static str {
        match self {
            Figure::Consulted => "consulted",
            Figure::Received => "received",
            Figure::Inquiries => "inquiries",
            Figure::PaidBuyers => "paid_buyers",
            Figure::Conversion => "conversion",
            Figure::Sales => "sales",
            Figure::Aov => "aov",
            Figure::FirstResponse => "first_response_secs",
            Figure::AvgResponse => "avg_response_secs",
            Figure::ReplyRate => "reply_rate",
            Figure::AnswerRatio => "answer_ratio",
        }
    }

    pub fn kind(self) -> FigureKind {
        match self {
            Figure::Consulted | Figure::Received | Figure::Inquiries | Figure::PaidBuyers => FigureKind::Count,
            Figure::Conversion | Figure::ReplyRate => FigureKind::Rate,
            Figure::Sales | Figure::Aov => FigureKind::Money,
            Figure::FirstResponse | Figure::AvgResponse => FigureKind::Secs,
            Figure::AnswerRatio => FigureKind::Ratio,
        }
    }

    /// The report's value (客单价: its 销售额 / its 付款人数, as everywhere a report is read).
    pub fn of_report(self, r: &AgentReportLine) -> Option<Amount> {
        let n = |v: Option<f64>| v.map(Amount::Number);
        match self {
            Figure::Consulted => n(r.consulted),
            Figure::Received => n(r.received),
            Figure::Inquiries => n(r.inquiries),
            Figure::PaidBuyers => n(r.paid_buyers),
            Figure::Conversion => n(r.conversion),
            Figure::Sales => r.sales.map(Amount::Money),
            Figure::Aov => aov(r).map(Amount::Money),
            Figure::FirstResponse => n(r.first_response_secs),
            Figure::AvgResponse => n(r.avg_response_secs),
            Figure::ReplyRate => n(r.reply_rate),
            Figure::AnswerRatio => n(r.answer_ratio),
        }
    }

    /// Our value (None: it cannot be computed, e.g. a rate over no receptions).
    pub fn of_ours(self, a: &AgentConversion) -> Option<Amount> {
        let count = |v: u64| Some(Amount::Number(v as f64));
        let n = |v: Option<f64>| v.map(Amount::Number);
        match self {
            Figure::Consulted => count(a.consulted),
            Figure::Received => count(a.received),
            Figure::Inquiries => count(a.inquiries),
            Figure::PaidBuyers => count(a.paid_buyers),
            Figure::Conversion => n(a.conversion),
            Figure::Sales => Some(Amount::Money(a.sales)),
            Figure::Aov => a.aov.map(Amount::Money),
            Figure::FirstResponse => n(a.first_response_secs),
            Figure::AvgResponse => n(a.avg_response_secs),
            Figure::ReplyRate => n(a.reply_rate),
            Figure::AnswerRatio => n(a.answer_ratio),
        }
    }
}

/// A figure's value: money exact, the rest as numbers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Amount {
    Money(Money),
    Number(f64),
}

impl Amount {
    /// self − other (both of one figure, so of one kind).
    pub fn minus(self, other: Amount) -> Amount {
        match (self, other) {
            (Amount::Money(a), Amount::Money(b)) => Amount::Money(a - b),
            (a, b) => Amount::Number(a.as_f64() - b.as_f64()),
        }
    }

    pub fn as_f64(self) -> f64 {
        use rust_decimal::prelude::ToPrimitive;
        match self {
            Amount::Money(m) => m.to_f64().unwrap_or(0.0),
            Amount::Number(n) => n,
        }
    }
}

/// One figure of one agent: the report's value and ours under each rule (in `RULES` order).
#[derive(Debug, Clone, PartialEq)]
pub struct FigureLine {
    pub figure: Figure,
    /// None only for an agent the report does not list.
    pub report: Option<Amount>,
    pub ours: [Option<Amount>; 3],
}

impl FigureLine {
    /// ours − report under the rule at `i` of `RULES`.
    pub fn diff(&self, i: usize) -> Option<Amount> {
        Some(self.ours[i]?.minus(self.report?))
    }
}

/// Why an order's agent differs (docs/definitions.md#reconcile).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Cause {
    /// The order's agent column named the agent: a chat-only tool cannot see it.
    AgentColumn,
    /// The seller memo named the agent: a chat-only tool cannot see it.
    Memo,
    /// The buyer has no reception at all (静默下单): a chat-only tool gives it to nobody.
    Silent,
    /// The order's agent changes between the rules.
    RuleChange,
}

impl Cause {
    pub fn id(self) -> &'static str {
        match self {
            Cause::AgentColumn => "agent_column",
            Cause::Memo => "memo",
            Cause::Silent => "silent",
            Cause::RuleChange => "rule_change",
        }
    }
}

/// A paid order of the period whose agent is not the same everywhere: ours under each rule,
/// and a chat-only tool's under each rule.
#[derive(Debug, Clone, PartialEq)]
pub struct DiffOrder {
    /// Index in the orders.
    pub order: u32,
    pub net: Money,
    pub ours: [Option<SharedName>; 3],
    pub chat_only: [Option<SharedName>; 3],
    /// The source that attributed it under the closest rule.
    pub source: Option<AttributionSource>,
    pub causes: Vec<Cause>,
    /// It moves a paying buyer (付款人数) between us and a chat-only tool: its buyer chatted,
    /// and the agent whose inquiry it converts (the `order` rule) differs.
    pub moves_paid_buyer: bool,
}

/// An after-sales reception left out of inquiries, listed for an agent whose report counts
/// more inquiries than we do.
#[derive(Debug, Clone, PartialEq)]
pub struct AfterSales {
    /// Index in the receptions.
    pub reception: u32,
    /// The buyer's latest order created before the reception, which made it after-sales.
    pub earlier_order: Option<u32>,
}

/// An order's share of an agent's difference under the closest rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Contribution {
    pub order: u32,
    /// + when we give the order to the agent and a chat-only tool does not, − the other way.
    pub sales: Money,
    pub cause: Cause,
    pub ours: Option<SharedName>,
    pub chat_only: Option<SharedName>,
}

/// Why one agent's figures differ from the report's under the closest rule.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Explanation {
    /// ours − report; None when the report lacks the figure.
    pub sales_diff: Option<Money>,
    pub paid_diff: Option<f64>,
    pub inquiries_diff: Option<f64>,
    pub orders: Vec<Contribution>,
    /// Orders that move a paying buyer to (+1) or from (−1) this agent.
    pub paid_orders: Vec<(u32, i64)>,
    /// Indexes into `Reconciliation::after_sales`.
    pub after_sales: Vec<usize>,
    /// The sales difference the orders do not explain.
    pub unexplained_sales: Option<Money>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AgentLine {
    pub agent: String,
    /// The report has a row for the agent.
    pub in_report: bool,
    /// The figures the report has for the agent (all it has, for an agent it lacks).
    pub figures: Vec<FigureLine>,
    pub explanation: Explanation,
}

/// How far a rule is from the report over all agents: Σ |Δ销售额|, then Σ |Δ付款人数|.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Distance {
    pub sales: Option<Money>,
    pub paid_buyers: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Reconciliation {
    pub period: Period,
    /// The figures the report has (for at least one agent), in `Figure::ALL` order.
    pub figures: Vec<Figure>,
    pub agents: Vec<AgentLine>,
    /// The distance of each rule, in `RULES` order.
    pub distances: [Distance; 3],
    /// The index in `RULES` of the rule closest to the report; None when the report has
    /// neither 销售额 nor 付款人数.
    pub closest: Option<usize>,
    pub orders: Vec<DiffOrder>,
    pub after_sales: Vec<AfterSales>,
    /// Our 未归属 sales under each rule.
    pub unattributed: [Money; 3],
}

impl Reconciliation {
    /// The rule the difference column and the explanations use: the closest, else the first.
    pub fn judged(&self) -> usize {
        self.closest.unwrap_or(0)
    }
}

/// What `reconcile` compares: the report summed over the period, and ours per rule.
pub struct Sides<'a> {
    pub report: &'a [AgentReportLine],
    /// Our conversion under each rule, in `RULES` order.
    pub ours: [&'a ConversionResult; 3],
    /// Each order's attribution under each rule with the whole chain…
    pub attributions: [&'a [Attribution]; 3],
    /// …and with the chat source alone.
    pub chat_only: [&'a [Attribution]; 3],
    pub orders: &'a [Order],
    pub receptions: &'a [Reception],
    /// Each reception's outcome (the same under every rule: conversion keeps the `order` rule).
    pub outcomes: &'a [ReceptionOutcome],
    pub period: Period,
}

/// docs/definitions.md#reconcile.
pub fn reconcile(s: &Sides<'_>) -> Reconciliation {
    let figures: Vec<Figure> =
        Figure::ALL.into_iter().filter(|f| s.report.iter().any(|r| f.of_report(r).is_some())).collect();
    let names: BTreeSet<&str> = s
        .report
        .iter()
        .map(|r| r.agent.as_str())
        .chain(s.ours.iter().flat_map(|o| o.rows.iter().map(|r| r.agent.as_str())))
        .collect();
    let none = AgentConversion::from_tally("", Tally::default());
    let mut agents: Vec<AgentLine> = names
        .into_iter()
        .map(|agent| {
            let line = s.report.iter().find(|r| r.agent == agent);
            let ours: Vec<&AgentConversion> =
                s.ours.iter().map(|o| o.rows.iter().find(|r| r.agent == agent).unwrap_or(&none)).collect();
            let figures = figures
                .iter()
                .filter_map(|&figure| {
                    let report = line.map(|l| figure.of_report(l));
                    // A figure the report lacks for this agent is left out, never 0.
                    if report == Some(None) {
                        return None;
                    }
                    Some(FigureLine {
                        figure,
                        report: report.flatten(),
                        ours: [figure.of_ours(ours[0]), figure.of_ours(ours[1]), figure.of_ours(ours[2])],
                    })
                })
                .collect();
            AgentLine {
                agent: agent.to_string(),
                in_report: line.is_some(),
                figures,
                explanation: Explanation::default(),
            }
        })
        .collect();
    let distances: [Distance; 3] = std::array::from_fn(|i| distance(&agents, i));
    let closest = closest(&distances);
    let judged = closest.unwrap_or(0);
    let orders = diff_orders(s, judged);
    let after_sales = after_sales(s, &agents);
    for a in &mut agents {
        a.explanation = explain(a, judged, s, &orders, &after_sales);
    }
    let unattributed = std::array::from_fn(|i| s.ours[i].unattributed_sales);
    Reconciliation { period: s.period, figures, agents, distances, closest, orders, after_sales, unattributed }
}

fn value_of(a: &AgentLine, figure: Figure) -> Option<&FigureLine> {
    a.figures.iter().find(|f| f.figure == figure)
}

fn distance(agents: &[AgentLine], i: usize) -> Distance {
    let mut d = Distance::default();
    for a in agents {
        if let Some(Amount::Money(m)) = value_of(a, Figure::Sales).and_then(|f| f.diff(i)) {
            d.sales = Some(d.sales.unwrap_or_default() + m.abs());
        }
        if let Some(n) = value_of(a, Figure::PaidBuyers).and_then(|f| f.diff(i)) {
            d.paid_buyers = Some(d.paid_buyers.unwrap_or_default() + n.as_f64().abs());
        }
    }
    d
}

/// The least Σ |Δ销售额|, then the least Σ |Δ付款人数|; a tie goes to the rule listed first
/// (order, payment, order_first). None when the report has neither figure.
fn closest(distances: &[Distance; 3]) -> Option<usize> {
    if distances.iter().all(|d| d.sales.is_none() && d.paid_buyers.is_none()) {
        return None;
    }
    let key = |d: &Distance| (d.sales.unwrap_or_default(), d.paid_buyers.unwrap_or_default());
    let mut best = 0;
    for i in 1..3 {
        let (a, b) = (key(&distances[i]), key(&distances[best]));
        if a.0 < b.0 || (a.0 == b.0 && a.1 < b.1) {
            best = i;
        }
    }
    Some(best)
}

fn paid_in(order: &Order, period: Period) -> bool {
    order.paid_at.is_some_and(|t| period.contains(t.date())) && state(order) != OrderState::Unpaid
}

/// The period's paid orders whose agent is not the same under every rule, with the whole
/// chain and with chats alone.
fn diff_orders(s: &Sides<'_>, judged: usize) -> Vec<DiffOrder> {
    let chatted: std::collections::HashSet<_> = s.receptions.iter().map(|r| r.buyer).collect();
    let mut out = Vec::new();
    for (i, order) in s.orders.iter().enumerate() {
        if !paid_in(order, s.period) {
            continue;
        }
        let ours: [Option<SharedName>; 3] = std::array::from_fn(|r| s.attributions[r][i].agent.clone());
        let chat_only: [Option<SharedName>; 3] = std::array::from_fn(|r| s.chat_only[r][i].agent.clone());
        let rule_change = ours.iter().any(|a| *a != ours[0]);
        let unseen = (0..3).any(|r| ours[r] != chat_only[r]);
        if !rule_change && !unseen {
            continue;
        }
        let source = s.attributions[judged][i].source;
        let silent = order.buyer.is_none_or(|b| !chatted.contains(&b));
        let mut causes = Vec::new();
        if unseen {
            match source {
                Some(AttributionSource::AgentColumn) => causes.push(Cause::AgentColumn),
                Some(AttributionSource::Memo) => causes.push(Cause::Memo),
                _ => {}
            }
            if silent {
                causes.push(Cause::Silent);
            }
        }
        if rule_change {
            causes.push(Cause::RuleChange);
        }
        let moves_paid_buyer = !silent && ours[0] != chat_only[0];
        out.push(DiffOrder { order: i as u32, net: net(order), ours, chat_only, source, causes, moves_paid_buyer });
    }
    out
}

/// After-sales receptions of the period, of the agents whose report counts more inquiries
/// than we do: the inquiries a report may have counted that we leave out.
fn after_sales(s: &Sides<'_>, agents: &[AgentLine]) -> Vec<AfterSales> {
    let more: BTreeSet<&str> = agents
        .iter()
        .filter(|a| value_of(a, Figure::Inquiries).and_then(|f| f.diff(0)).is_some_and(|d| d.as_f64() < 0.0))
        .map(|a| a.agent.as_str())
        .collect();
    let listed: Vec<usize> = s
        .receptions
        .iter()
        .zip(s.outcomes)
        .enumerate()
        .filter(|(_, (r, o))| {
            o.kind == ReceptionType::AfterSales && s.period.contains(r.date()) && more.contains(&*r.agent)
        })
        .map(|(i, _)| i)
        .collect();
    let buyers: BTreeSet<_> = listed.iter().map(|&i| s.receptions[i].buyer).collect();
    let mut by_buyer: HashMap<_, Vec<u32>> = HashMap::new();
    for (i, o) in s.orders.iter().enumerate() {
        if let Some(b) = o.buyer.filter(|b| buyers.contains(b)) {
            by_buyer.entry(b).or_default().push(i as u32);
        }
    }
    listed
        .into_iter()
        .map(|i| {
            let r = &s.receptions[i];
            let earlier = by_buyer
                .get(&r.buyer)
                .into_iter()
                .flatten()
                .filter_map(|&o| created(&s.orders[o as usize]).filter(|t| *t <= r.start).map(|t| (t, o)))
                .max()
                .map(|(_, o)| o);
            AfterSales { reception: i as u32, earlier_order: earlier }
        })
        .collect()
}

fn explain(
    a: &AgentLine,
    judged: usize,
    s: &Sides<'_>,
    orders: &[DiffOrder],
    after_sales: &[AfterSales],
) -> Explanation {
    let diff = |f: Figure| value_of(a, f).and_then(|l| l.diff(judged));
    let sales_diff = match diff(Figure::Sales) {
        Some(Amount::Money(m)) => Some(m),
        _ => None,
    };
    let mine = |n: &Option<SharedName>| n.as_deref() == Some(a.agent.as_str());
    let mut contributions = Vec::new();
    let mut paid_orders = Vec::new();
    for d in orders {
        let (ours, theirs) = (&d.ours[judged], &d.chat_only[judged]);
        if ours != theirs && (mine(ours) || mine(theirs)) {
            // A silent order first: that its buyer never chatted says it all.
            let cause = if d.causes.contains(&Cause::Silent) {
                Cause::Silent
            } else {
                d.causes.iter().copied().find(|c| *c != Cause::RuleChange).unwrap_or(Cause::RuleChange)
            };
            let sales = if mine(ours) { d.net } else { -d.net };
            contributions.push(Contribution {
                order: d.order,
                sales,
                cause,
                ours: ours.clone(),
                chat_only: theirs.clone(),
            });
        }
        if d.moves_paid_buyer && d.ours[0] != d.chat_only[0] {
            if mine(&d.ours[0]) {
                paid_orders.push((d.order, 1));
            } else if mine(&d.chat_only[0]) {
                paid_orders.push((d.order, -1));
            }
        }
    }
    let explained: Money = contributions.iter().map(|c| c.sales).sum();
    let listed = after_sales
        .iter()
        .enumerate()
        .filter(|(_, x)| *s.receptions[x.reception as usize].agent == *a.agent)
        .map(|(i, _)| i)
        .collect();
    Explanation {
        sales_diff,
        paid_diff: diff(Figure::PaidBuyers).map(Amount::as_f64),
        inquiries_diff: diff(Figure::Inquiries).map(Amount::as_f64),
        orders: contributions,
        paid_orders,
        after_sales: listed,
        unexplained_sales: sales_diff.map(|d| d - explained),
    }
}
