//! `cs-tools conversion CHATS… --orders ORDERS…`: inquiry → order → payment conversion and
//! response times per agent (docs/definitions.md#receptions, docs/definitions.md#conversion).

use super::Outcome;
use super::runner::{self, Start, finish};
use crate::cli::ConversionArgs;
use crate::compute::conversion::ConversionResult;
use crate::compute::period::conversion_for;
use crate::error::{Error, Result};
use crate::history::run::{RunHistory, for_period};
use crate::inputs::{data_period, read_chats_then_orders};
use crate::model::{Money, Period, PeriodKind};
use crate::report::conversion::ConversionReport;
use crate::report::coverage::Covered;
use crate::report::group_chat::Keywords;
use chrono::NaiveDate;

pub fn run(args: &ConversionArgs, today: NaiveDate) -> Result<Outcome> {
    let start = Start::new(&args.input, &args.period, today)?;
    let (config, lang) = (start.config(), start.lang);
    // The group-chat message names the top lost reasons: the buyers' words are scanned then.
    let keywords = Keywords::for_format(args.output.format, config);
    let matcher = keywords.as_ref().map(|k| k.matcher.clone());
    let all =
        read_chats_then_orders(&args.chats, &args.orders, &start.options, &start.loaded, &start.directory, matcher)?;
    // Left for the exit to free (see `kept_until_exit`).
    let all = super::runner::kept_until_exit(all);
    let period = data_period(start.requested, &all.receptions, &all.orders)
        .unwrap_or_else(|| Period::day(today, PeriodKind::All));
    runner::require_chats_in(period, &all.receptions, &args.chats, &msg!("run.choose.period"))?;
    let covered = Covered::of(period, Some(&all.orders), &all.receptions, &[]);
    covered.warn(lang);
    let order_agent = all.order_agents();
    let (outcomes, result) = conversion_for(&all.receptions, &all.orders, &order_agent, period, config);
    crate::timings::phase("conversion computed");
    check_reconciles(&result)?;
    let mut history =
        RunHistory::open(&args.history, &start.loaded, &all.orders, &all.read.shop_names, "conversion", None);
    let month = for_period(
        &mut history,
        &start.loaded,
        &all.receptions,
        &outcomes,
        &all.orders,
        order_agent.sold(),
        period,
        &result,
    );
    crate::timings::phase("month compared");
    let lost = keywords.as_ref().map(|k| k.lost(&all, &outcomes, period, config.slow_response_secs));
    let (month, lost) = (month.as_ref(), lost.as_ref());
    let shops = all.shops_compared(period, config, None, Some(&outcomes));
    let report = ConversionReport {
        result: &result,
        period,
        all: &all,
        outcomes: &outcomes,
        covered: &covered,
        month,
        lost,
        config,
        shops: shops.as_ref(),
    };
    let inputs: Vec<_> = args.chats.iter().chain(&args.orders).cloned().collect();
    finish(&args.output, &inputs, all.read.problems.len(), &report)
}

/// Σ per-agent sales + unattributed = the period's paid net (docs/definitions.md#reports).
fn check_reconciles(result: &ConversionResult) -> Result<()> {
    let sum: Money = result.rows.iter().map(|r| r.sales).sum::<Money>() + result.unattributed_sales;
    if sum == result.shop.sales {
        Ok(())
    } else {
        Err(Error::Reconcile(msg!("run.conversion.reconcile", sum = sum, net = result.shop.sales)))
    }
}
