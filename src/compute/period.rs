//! The period's inquiries and conversion from every reception and order, with the config's
//! windows (docs/definitions.md#receptions, docs/definitions.md#conversion).

use super::attribution::OrderAgents;
use super::conversion::{AgentConversion, ConversionResult, ReceptionOutcome, Windows, classify, conversion};
use super::receptions::Reception;
use crate::config::Config;
use crate::model::{Order, Period};

/// Inquiries and conversion for a period (docs/definitions.md#receptions, docs/definitions.md#conversion), from all receptions and orders:
/// inquiries convert by the `order` rule's agents, sales go by the attribution rule's
/// (docs/definitions.md#attribution-rules).
pub fn conversion_for(
    receptions: &[Reception],
    orders: &[Order],
    agents: &OrderAgents<'_>,
    period: Period,
    config: &Config,
) -> (Vec<ReceptionOutcome>, ConversionResult) {
    let converting = agents.converting();
    let outcomes = outcomes_for(receptions, orders, |i| converting[i], config);
    let mut result = conversion(receptions, &outcomes, orders, agents.sold(), period, config.slow_response_secs);
    result.rates = rate_names(config);
    (outcomes, result)
}

/// The config's platform response rates, by id and label, in the order receptions count them.
pub fn rate_names(config: &Config) -> Vec<super::conversion::RateName> {
    let rates = config.conversion.effective();
    rates.into_iter().map(|r| super::conversion::RateName { id: r.id, label: r.label }).collect()
}

/// Each reception's type and converting order (docs/definitions.md#attribution), without the per-agent figures.
pub fn outcomes_for<'a>(
    receptions: &[Reception],
    orders: &[Order],
    order_agent: impl Fn(usize) -> Option<&'a str> + Sync,
    config: &Config,
) -> Vec<ReceptionOutcome> {
    let windows =
        Windows { after_sales_days: config.after_sales_days, conversion_window_days: config.conversion_window_days };
    classify(receptions, orders, order_agent, windows)
}
/// The agents by conversion, highest first (none last), then by sales and name: the figure
/// the sheet is about.
pub fn by_conversion(rows: &[AgentConversion]) -> Vec<&AgentConversion> {
    let mut sorted: Vec<&AgentConversion> = rows.iter().collect();
    sorted.sort_by(|a, b| {
        let rate = |r: &AgentConversion| r.conversion.unwrap_or(-1.0);
        rate(b).total_cmp(&rate(a)).then(b.sales.cmp(&a.sales)).then(a.agent.cmp(&b.agent))
    });
    sorted
}
/// The period asked for, else the span of the data: reception dates, else paid dates.
pub fn data_period(requested: Option<Period>, receptions: &[Reception], orders: &[Order]) -> Option<Period> {
    if requested.is_some() {
        return requested;
    }
    let dates: Vec<chrono::NaiveDate> = if receptions.is_empty() {
        orders
            .iter()
            .filter(|o| o.state != crate::model::OrderState::Unpaid)
            .filter_map(|o| o.paid_at)
            .map(|t| t.date())
            .collect()
    } else {
        receptions.iter().map(|r| r.date()).collect()
    };
    let from = dates.iter().min()?;
    let to = dates.iter().max()?;
    Some(Period { from: *from, to: *to, kind: crate::model::PeriodKind::All })
}
