//! `cs-tools daily CHATS… --orders ORDERS… [--day D|yesterday]`: one day's conversion per
//! agent (日报), made for cron: a dated file name, `-q` for silence, exit codes as docs/definitions.md#commands.
//! `cs-tools daily REPORT… [--day D]`: the same day from a per-agent report by day
//! (客服绩效报表, docs/definitions.md#fields), with or without its sales column.

use super::Outcome;
use super::runner::{Start, finish};
use crate::cli::{DailyArgs, DayArg};
use crate::compute::agent_reports::{agent_report_for, combine};
use crate::compute::coverage::order_span;
use crate::compute::period::conversion_for;
use crate::error::{Error, Result};
use crate::inputs::{Inputs, read_chats_or_agent_report};
use crate::labels::{Lang, label, say};
use crate::model::{Period, PeriodKind, Phrase};
use crate::report::daily::{DailyFromReport, DailyReport};
use crate::report::group_chat::Keywords;
use chrono::NaiveDate;

pub fn run(args: &DailyArgs, today: NaiveDate) -> Result<Outcome> {
    let start = Start::without_period(&args.input)?;
    let (config, lang) = (start.config(), start.lang);
    // The group-chat message names the top lost reasons: the buyers' words are scanned then.
    let keywords = Keywords::for_format(args.output.format, config);
    let matcher = keywords.as_ref().map(|k| k.matcher.clone());
    let (chats, orders) = (&args.chats, &args.orders);
    let all = read_chats_or_agent_report(chats, orders, &start.options, &start.loaded, &start.directory, matcher)?;
    // Left for the exit to free (see `kept_until_exit`).
    let all = super::runner::kept_until_exit(all);
    if all.receptions.is_empty() && !all.summaries.is_empty() {
        return from_agent_report(args, &all, &start, today);
    }
    if orders.is_empty() {
        let phrase = Phrase::new("daily.needs_orders").with("files", super::file_list(chats));
        return Err(Error::Input(say(lang, &phrase)));
    }
    // Without --day: the last day in the chats (by hand, on yesterday's export).
    let last = || all.receptions.iter().map(|r| r.date()).max().unwrap_or(today);
    let day = day_asked(args.day, today).unwrap_or_else(last);
    let period = Period { from: day, to: day, kind: PeriodKind::Range };
    check_inputs_hold(lang, period, &all, args)?;
    let agents = all.order_agents();
    let (outcomes, result) = conversion_for(&all.receptions, &all.orders, &agents, period, config);
    let (receptions, loaded) = (&all.receptions, &start.loaded);
    let history = crate::history::run::for_daily(
        &args.history,
        loaded,
        receptions,
        &outcomes,
        (&all.orders, &all.read.shop_names),
        agents.sold(),
        day,
        &result,
    );
    let lost = keywords.as_ref().map(|k| k.lost(&all, &outcomes, period, config.slow_response_secs));
    let (read, lost) = (&all.read, lost.as_ref());
    let shops = all.shops_compared(period, config, None, Some(&outcomes));
    let report = DailyReport {
        result: &result,
        day,
        orders: &all.orders,
        read,
        comparisons: &history,
        lost,
        lang,
        shops: shops.as_ref(),
    };
    let inputs: Vec<_> = chats.iter().chain(orders).cloned().collect();
    finish(&args.output, &inputs, all.read.problems.len(), &report)
}

/// `--day`: the date given, or yesterday; None without it.
fn day_asked(day: Option<DayArg>, today: NaiveDate) -> Option<NaiveDate> {
    match day? {
        DayArg::Date(d) => Some(d),
        DayArg::Yesterday => Some(today.pred_opt().unwrap_or(today)),
    }
}

/// The day (`period`) must be in the chats, and the orders must reach it: a day the orders do
/// not reach would show every inquiry unpaid and no sales. Else stop and say which days the
/// files hold (the cron case: today's orders not exported yet).
fn check_inputs_hold(lang: Lang, period: Period, all: &Inputs, args: &DailyArgs) -> Result<()> {
    let day = period.from;
    if !all.receptions.iter().any(|r| r.date() == day) {
        let span = crate::compute::coverage::span_of(all.receptions.iter().map(|r| r.date()));
        return Err(super::runner::empty_period(
            super::runner::Held::Chats,
            Some(period),
            span,
            &args.chats,
            &msg!("run.choose.day"),
        ));
    }
    let cover = order_span(&all.orders);
    if cover.is_some_and(|(first, last)| first <= day && day <= last) {
        return Ok(());
    }
    Err(Error::Input(orders_do_not_reach(lang, day, cover, &args.chats, &args.orders)))
}

/// "No orders of 2026-10-03: the orders in FILES run from 10-01 to 10-02", in the run's
/// language, with what to do.
fn orders_do_not_reach(
    lang: Lang,
    day: NaiveDate,
    cover: Option<(NaiveDate, NaiveDate)>,
    chats: &[std::path::PathBuf],
    files: &[std::path::PathBuf],
) -> String {
    let phrase = match cover {
        Some((first, last)) => Phrase::new("daily.orders_do_not_reach").with("first", first).with("last", last),
        None => Phrase::new("daily.orders_without_dates"),
    };
    say(lang, &phrase.with("day", day).with("chats", super::file_list(chats)).with("files", super::file_list(files)))
}

/// One day from a per-agent report by day: the day's rows per agent, and the team row
/// (counts summed, rates recomputed from the sums, docs/definitions.md#conversion). Rows of a report without a
/// date column are taken as the day's (the export the lead downloaded for it).
fn from_agent_report(args: &DailyArgs, all: &Inputs, start: &Start, today: NaiveDate) -> Result<Outcome> {
    let files = super::file_list(&args.chats);
    let day = match day_asked(args.day, today) {
        Some(day) => day,
        None => all
            .summaries
            .iter()
            .filter_map(|s| s.days().map(|d| d.1))
            .max()
            .ok_or_else(|| Error::Input(msg!("run.daily.no_date_column", files = &files)))?,
    };
    let period = Period { from: day, to: day, kind: PeriodKind::Range };
    let report = agent_report_for(&all.summaries, Some(period)).map_err(|e| match e {
        Error::Input(m) => Error::Input(msg!("run.in_files", files = &files, message = m)),
        other => other,
    })?;
    let team = combine(label(start.lang, "team"), &report.agents.iter().collect::<Vec<_>>());
    let config_file = start.loaded.path.as_deref();
    let result = DailyFromReport { day, report: &report, team: &team, read: &all.read, config_file };
    finish(&args.output, &args.chats, all.read.problems.len(), &result)
}
