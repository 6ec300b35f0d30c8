//! The period's commission for payroll (docs/definitions.md#commission), from order exports or
//! from a per-agent report: the figures, the orders behind them and what was left out.

use super::agent_reports::{PeriodReport, agent_report_for};
use super::attribution::Attribution;
use super::commission::{self, CommissionResult, CommissionRow, RuleBook};
use super::kpi::{self, KpiSource};
use super::metrics::{self, Metrics};
use super::orders::{OrderState, state};
use super::period::conversion_for;
use crate::buyers::Buyers;
use crate::config::Config;
use crate::error::Result;
use crate::model::{AgentReportLine, Order, Period, PeriodKind};
use std::collections::HashMap;

/// Everything the command computed, ready for any output format.
pub struct Payroll<'a> {
    pub period: Option<Period>,
    pub result: CommissionResult,
    /// The period's paid orders with their attribution, sorted by paid time then id.
    pub detail: Vec<u32>,
    pub orders: &'a [Order],
    /// The names behind the orders' buyer numbers.
    pub buyers: &'a Buyers,
    pub attributions: &'a [Attribution],
    /// The rule the chat source followed (docs/definitions.md#attribution-rules): the Detail
    /// sheet names it beside each chat attribution when it is not the default.
    pub attribution_rule: crate::config::AttributionRule,
    /// Orders read, unpaid, outside the period: for the Rules sheet.
    pub counts: OrderCounts,
    pub from_summary: bool,
    /// KPI figures came from chats.
    pub with_chats: bool,
    /// The per-agent report the figures came from, summed over the period.
    pub report: Option<PeriodReport>,
    /// The shops side by side, when the run reads two or more named shops
    /// (docs/definitions.md#shops): set by the command, which may have the receptions'
    /// outcomes already.
    pub shops: Option<super::by_shop::ShopsCompared>,
}

#[derive(Default)]
pub struct OrderCounts {
    pub merged: usize,
    pub unpaid: usize,
    pub outside: usize,
}

impl Payroll<'_> {
    /// What to say when KPI rules name metrics these inputs do not give (docs/definitions.md#commission).
    pub fn kpi_note(&self, rules: &RuleBook) -> Option<String> {
        let source = match (self.from_summary, self.with_chats) {
            (true, _) => KpiSource::Report,
            (false, true) => KpiSource::Chats,
            (false, false) => KpiSource::Nothing,
        };
        kpi::note(rules, source)
    }

    /// Commission from a per-agent report (no orders, no detail): the period's rows summed
    /// per agent (docs/definitions.md#fields). Without a period, the report's own dates (if any).
    pub fn from_summaries(summaries: &[AgentReportLine], rules: &RuleBook, period: Option<Period>) -> Result<Self> {
        let report = agent_report_for(summaries, period)?;
        let period = period.or_else(|| report.dates.map(|(from, to)| Period { from, to, kind: PeriodKind::All }));
        Ok(Payroll {
            period,
            result: commission::from_agent_summaries(&report.agents, rules),
            detail: Vec::new(),
            orders: &[],
            buyers: Buyers::NONE,
            attributions: &[],
            attribution_rule: crate::config::AttributionRule::default(),
            counts: OrderCounts::default(),
            from_summary: true,
            with_chats: false,
            report: Some(report),
            shops: None,
        })
    }
}

/// Commission from order exports: the period's paid orders (the period asked for, else the
/// span of the paid dates), each with the agent attribution gave it; KPI figures from the
/// chats when a rule has a multiplier. With each order's attribution comes, when the
/// attribution rule is not `order`, its agent under the `order` rule, which conversion follows.
#[allow(clippy::too_many_arguments)]
pub fn from_orders<'a>(
    orders: &'a [Order],
    buyers: &'a Buyers,
    (attributions, by_order_rule): (&'a [Attribution], Option<&[Option<crate::model::SharedName>]>),
    receptions: &[crate::compute::receptions::Reception],
    rules: &RuleBook,
    config: &Config,
    requested: Option<Period>,
    shop_names: &[String],
) -> Payroll<'a> {
    let mut counts = OrderCounts { merged: orders.len(), ..OrderCounts::default() };
    let paid_date = |o: &Order| o.paid_at.map(|t| t.date());
    let paid = || orders.iter().filter(|o| state(o) != OrderState::Unpaid);
    counts.unpaid = orders.len() - paid().count();
    let period = requested.or_else(|| {
        let from = paid().filter_map(paid_date).min()?;
        let to = paid().filter_map(paid_date).max()?;
        Some(Period { from, to, kind: PeriodKind::All })
    });
    // The period's paid orders, as indices: the Detail sheet reads them in paid-time order.
    let mut detail: Vec<u32> = (0..orders.len() as u32)
        .filter(|&i| {
            let o = &orders[i as usize];
            state(o) != OrderState::Unpaid && period.is_some_and(|p| paid_date(o).is_some_and(|d| p.contains(d)))
        })
        .collect();
    counts.outside = orders.len() - counts.unpaid - detail.len();
    detail.sort_unstable_by_key(|&i| (orders[i as usize].paid_at, i));

    // KPI metrics: each agent's metrics for the period from chats and orders, as a scorecard
    // takes them (when a rule has a multiplier: classifying a big month's receptions is
    // seconds of work).
    let figures: HashMap<String, Metrics> = match period {
        Some(p) if !receptions.is_empty() && rules.uses_kpi() => {
            let sold: Vec<Option<&str>> = attributions.iter().map(|a| a.agent.as_deref()).collect();
            let converting = by_order_rule.map(|agents| agents.iter().map(|a| a.as_deref()).collect());
            let agents = super::attribution::OrderAgents::new(sold, converting);
            let (_, result) = conversion_for(receptions, orders, &agents, p, config);
            metrics::from_chats(&result, orders, agents.sold(), p, &[], None).into_iter().collect()
        }
        _ => HashMap::new(),
    };
    let metric = |agent: &str, name: &str| figures.get(agent).and_then(|m| m.get(name).copied().flatten());
    let result = commission::from_orders(
        detail.iter().map(|&i| (attributions[i as usize].agent.as_deref(), &orders[i as usize])),
        rules,
        shop_names,
        metric,
    );
    Payroll {
        period,
        result,
        detail,
        orders,
        buyers,
        attributions,
        attribution_rule: config.attribution_rule,
        counts,
        from_summary: false,
        with_chats: !receptions.is_empty(),
        report: None,
        shops: None,
    }
}
/// The agents by commission, highest first (then by name): the figure the sheet is about.
pub fn by_commission(rows: &[CommissionRow]) -> Vec<&CommissionRow> {
    let mut sorted: Vec<&CommissionRow> = rows.iter().collect();
    sorted.sort_by(|a, b| {
        b.commission.cmp(&a.commission).then(b.amounts.net.cmp(&a.amounts.net)).then(a.agent.cmp(&b.agent))
    });
    sorted
}
