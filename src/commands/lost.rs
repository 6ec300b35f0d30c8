//! `cs-tools lost CHATS… [--orders ORDERS…]`: why inquiries were lost (docs/definitions.md#lost-inquiries), with
//! the buyers' own words as evidence.

use super::Outcome;
use super::runner::{Start, finish};
use crate::cli::LostArgs;
use crate::compute::by_shop::ShopsCompared;
use crate::compute::conversion::ReceptionOutcome;
use crate::compute::lost::{KeywordMatcher, lost_for};
use crate::compute::period::outcomes_for;
use crate::config::Config;
use crate::error::Result;
use crate::inputs::{Inputs, data_period, read_chats_then_orders};
use crate::model::{Period, PeriodKind};
use crate::report::coverage::Covered;
use crate::report::lost::LostReport;
use crate::report::shop_of;
use chrono::NaiveDate;
use std::path::PathBuf;

pub fn run(args: &LostArgs, today: NaiveDate) -> Result<Outcome> {
    let start = Start::new(&args.input, &args.period, today)?;
    let (config, lang) = (start.config(), start.lang);
    // The buyers' words are scanned for the categories' keywords as the chats are read.
    let categories = config.lost.effective();
    let matcher = KeywordMatcher::new(&categories);
    let (options, loaded, scan) = (&start.options, &start.loaded, Some(matcher.clone()));
    let all = read_chats_then_orders(&args.chats, &args.orders, options, loaded, &start.directory, scan)?;
    // Left for the exit to free (see `kept_until_exit`).
    let mut all = super::runner::kept_until_exit(all);
    let period = period_with_chats(args, start.requested, &all, today)?;
    let no_orders = args.orders.is_empty();
    let covered = Covered::of(period, (!no_orders).then_some(all.orders.as_slice()), &all.receptions, &[]);
    covered.warn(lang);
    let (outcomes, shop, shops) = outcomes_then_free_orders(&mut all, config, (!no_orders).then_some(period));
    let slow = config.slow_response_secs;
    let result = lost_for(&all.receptions, &all.words, &all.buyers, &outcomes, &categories, &matcher, period, slow);
    let report = LostReport {
        result: &result,
        quotes: &all.quotes,
        read: &all.read,
        covered: &covered,
        shop,
        no_orders,
        lang,
        shops,
    };
    let inputs: Vec<PathBuf> = args.chats.iter().chain(&args.orders).cloned().collect();
    finish(&args.output, &inputs, all.read.problems.len(), &report)
}

/// Which receptions converted, the shop the orders name, and the shops side by side for
/// `shops_in` (docs/definitions.md#shops). The orders have then done their part: freed before
/// the lost inquiries are found and written, which need only the receptions.
fn outcomes_then_free_orders(
    all: &mut Inputs,
    config: &Config,
    shops_in: Option<Period>,
) -> (Vec<ReceptionOutcome>, Option<String>, Option<ShopsCompared>) {
    // Inquiries convert by the `order` rule's agents whatever the attribution rule
    // (docs/definitions.md#attribution-rules).
    let agents = all.order_agents();
    let converting = agents.converting();
    let outcomes = outcomes_for(&all.receptions, &all.orders, |i| converting[i], config);
    drop(agents);
    let shops = shops_in.and_then(|p| all.shops_compared(p, config, None, Some(&outcomes)));
    let shop = shop_of(&all.orders);
    drop(std::mem::take(&mut all.orders));
    drop(std::mem::take(&mut all.attributions));
    drop(all.by_order_rule.take());
    (outcomes, shop, shops)
}

/// The period asked for, else the span of the data; a period without chats is an error
/// naming the dates the files cover (docs/definitions.md#commands).
fn period_with_chats(args: &LostArgs, requested: Option<Period>, all: &Inputs, today: NaiveDate) -> Result<Period> {
    let period = data_period(requested, &all.receptions, &all.orders).unwrap_or(Period {
        from: today,
        to: today,
        kind: PeriodKind::All,
    });
    if !all.receptions.iter().any(|r| period.contains(r.date())) {
        let span = crate::compute::coverage::span_of(all.receptions.iter().map(|r| r.date()));
        return Err(super::runner::empty_period(
            super::runner::Held::Chats,
            Some(period),
            span,
            &args.chats,
            &msg!("run.choose.period"),
        ));
    }
    Ok(period)
}
