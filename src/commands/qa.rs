//! `cs-tools qa CHATS… [--orders ORDERS…] [--month …]`: chat quality inspection (质检,
//! docs/definitions.md#quality-inspection), every finding quoting the agent's own message.

use super::Outcome;
use super::runner::{Start, finish};
use crate::buyers::Buyers;
use crate::cli::QaArgs;
use crate::compute::coverage::span_of;
use crate::compute::qa::QaCollector;
use crate::error::{Error, Result};
use crate::inputs::{InputReader, QaScan, data_period, finish_orders, keep_scan_apart};
use crate::model::{Period, PeriodKind};
use crate::quotes::Quotes;
use crate::read::ReadLog;
use crate::read::fields::SheetKind;
use crate::report::coverage::{Covered, Input};
use crate::report::qa::QaReport;
use crate::report::shop_of;
use chrono::NaiveDate;
use std::path::PathBuf;

pub fn run(args: &QaArgs, today: NaiveDate) -> Result<Outcome> {
    let start = Start::new(&args.input, &args.period, today)?;
    let (config, lang) = (start.config(), start.lang);
    // Every agent message is checked against the word rules and the norms as the chats are read.
    let rules = config.qa.effective();
    let collector = QaCollector::new(&rules, &config.qa, start.requested, Quotes::spilled());
    let chats = read_chats(args, &start, collector, today)?;
    let chats_span = span_of(chats.scan.keys.iter().map(|k| k.date));
    let result = chats.scan.finish(&rules, config, &chats.buyers);
    let covered = Covered::new(chats.period, &[(Input::Chats, chats_span)]);
    covered.warn(lang);
    let report = QaReport {
        result: &result,
        rules: &rules,
        qa: &config.qa,
        period: chats.period,
        read: &chats.read,
        covered: &covered,
        shop: chats.shop,
    };
    let inputs: Vec<PathBuf> = args.chats.iter().chain(&args.orders).cloned().collect();
    finish(&args.output, &inputs, chats.read.problems.len(), &report)
}

/// What qa reads: the chat messages, scanned by the checks as they are read; the period;
/// the orders only for the shop's name.
struct Chats {
    scan: QaScan,
    buyers: Buyers,
    period: Period,
    shop: Option<String>,
    read: ReadLog,
}

/// The chats, then the orders. No chat message at all is an error before the orders are
/// read (session sheets carry no text); a period without chats is one after.
fn read_chats(args: &QaArgs, start: &Start, collector: QaCollector, today: NaiveDate) -> Result<Chats> {
    let mut inputs = InputReader::new(&start.loaded);
    inputs.chats.observe(Box::new(collector));
    let kinds = [SheetKind::ChatMessages, SheetKind::ChatSessions, SheetKind::Orders];
    inputs.read(&args.chats, &start.options, &kinds, &start.directory)?;
    let scan = QaScan::taken(&mut inputs.chats);
    let receptions = inputs.finish_chats(start.config().response_cap_secs);
    let Some(mut scan) = scan.filter(|s| !s.keys.is_empty()) else {
        return Err(Error::Input(msg!("run.qa.no_messages", files = super::file_list(&args.chats))));
    };
    // The period comes from the receptions (there are some: the orders are not consulted);
    // they are freed before the orders are read.
    let period = data_period(start.requested, &receptions, &[]).unwrap_or(Period {
        from: today,
        to: today,
        kind: PeriodKind::All,
    });
    drop(receptions);
    if !args.orders.is_empty() {
        inputs.read(&args.orders, &start.options, &[SheetKind::Orders], &start.directory)?;
    }
    inputs.done_reading();
    let InputReader { book, mut read, buyers, shops, .. } = inputs;
    let orders = finish_orders(book, &mut read);
    keep_scan_apart(&mut scan, &orders, &shops, &start.directory, &mut read);
    let shop = shop_of(&orders);
    let keys = &scan.keys;
    if !keys.iter().any(|k| period.contains(k.date)) {
        let span = span_of(keys.iter().map(|k| k.date));
        return Err(super::runner::empty_period(
            super::runner::Held::Chats,
            Some(period),
            span,
            &args.chats,
            &msg!("run.choose.period"),
        ));
    }
    Ok(Chats { scan, buyers, period, shop, read })
}
