//! `cs-tools reconcile CHATS… --orders ORDERS… --against REPORT…`: our figures beside a
//! per-agent report's under each attribution rule, and the orders behind each difference
//! (docs/definitions.md#reconcile).

use super::Outcome;
use super::runner::{self, Start, finish};
use crate::cli::ReconcileArgs;
use crate::compute::agent_reports::agent_report_for;
use crate::compute::attribution::{Attribution, OrderAgents};
use crate::compute::conversion::{ConversionResult, ReceptionOutcome};
use crate::compute::period::conversion_for;
use crate::compute::reconcile::{RULES, Sides, reconcile};
use crate::config::{AttributionRule, AttributionSource, LoadedConfig};
use crate::error::Result;
use crate::inputs::{Inputs, attribute_all, data_period, read_chats_orders_and_report};
use crate::model::{Period, PeriodKind};
use crate::report::coverage::Covered;
use crate::report::reconcile::ReconcileReport;
use chrono::NaiveDate;

pub fn run(args: &ReconcileArgs, today: NaiveDate) -> Result<Outcome> {
    let start = Start::new(&args.input, &args.period, today)?;
    let lang = start.lang;
    let all = read_chats_orders_and_report(
        &args.chats,
        &args.orders,
        &args.against,
        &start.options,
        &start.loaded,
        &start.directory,
    )?;
    let all = runner::kept_until_exit(all);
    let period = data_period(start.requested, &all.receptions, &all.orders)
        .unwrap_or_else(|| Period::day(today, PeriodKind::All));
    runner::require_chats_in(period, &all.receptions, &args.chats, &msg!("run.choose.period"))?;
    let report = agent_report_for(&all.summaries, Some(period))?;
    let covered = Covered::of(period, Some(&all.orders), &all.receptions, &[]);
    covered.warn(lang);
    // Each rule's attributions, with the whole chain and with the chat source alone.
    let whole: Vec<Vec<Attribution>> = RULES.iter().map(|&r| attributions(&all, &start, r, false)).collect();
    let chats_only: Vec<Vec<Attribution>> = RULES.iter().map(|&r| attributions(&all, &start, r, true)).collect();
    let runs: Vec<(Vec<ReceptionOutcome>, ConversionResult)> =
        RULES.iter().enumerate().map(|(i, _)| ours(&all, &whole[i], &whole[0], period, &start)).collect();
    crate::timings::phase("conversion computed");
    let sides = Sides {
        report: &report.agents,
        ours: [&runs[0].1, &runs[1].1, &runs[2].1],
        attributions: [&whole[0], &whole[1], &whole[2]],
        chat_only: [&chats_only[0], &chats_only[1], &chats_only[2]],
        orders: &all.orders,
        receptions: &all.receptions,
        outcomes: &runs[0].0,
        period,
    };
    let result = reconcile(&sides);
    let out = ReconcileReport {
        result: &result,
        all: &all,
        report: &report,
        covered: &covered,
        config: start.config(),
        lang,
    };
    let inputs: Vec<_> = args.chats.iter().chain(&args.orders).chain(&args.against).cloned().collect();
    finish(&args.output, &inputs, all.read.problems.len(), &out)
}

/// Every order's attribution under `rule`: the config's chain, or the chat source alone (what
/// a tool that sees only the chats finds).
fn attributions(all: &Inputs, start: &Start, rule: AttributionRule, chats_only: bool) -> Vec<Attribution> {
    let mut config = start.config().clone();
    config.attribution_rule = rule;
    if chats_only {
        config.attribution = vec![AttributionSource::Chat];
    }
    let loaded = LoadedConfig { config, path: start.loaded.path.clone() };
    attribute_all(&all.orders, &all.receptions, &start.directory, &loaded).attributions
}

/// Our conversion with `sold` deciding sales and the `order` rule's agents (`converting`)
/// deciding conversion, as every command computes it.
fn ours(
    all: &Inputs,
    sold: &[Attribution],
    converting: &[Attribution],
    period: Period,
    start: &Start,
) -> (Vec<ReceptionOutcome>, ConversionResult) {
    let agents = OrderAgents::new(
        sold.iter().map(|a| a.agent.as_deref()).collect(),
        Some(converting.iter().map(|a| a.agent.as_deref()).collect()),
    );
    conversion_for(&all.receptions, &all.orders, &agents, period, start.config())
}
