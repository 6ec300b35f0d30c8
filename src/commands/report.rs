//! `cs-tools report FILES…`: the whole period in one workbook — an Overview first, then
//! Commission, Conversion, Lost reasons, Scorecard, 质检 (QA), Daily trend, Issues and Rules.
//! Sheets are found by kind in any number of files (one workbook holding everything works).

use super::Outcome;
use super::runner::{self, Start, finish};
use crate::cli::ReportArgs;
use crate::compute::attribution::OrderAgents;
use crate::compute::commission::RuleBook;
use crate::compute::comparison::MonthComparison;
use crate::compute::conversion::{ConversionResult, ReceptionOutcome, conversion_by_day};
use crate::compute::lost::{KeywordMatcher, Lost, lost_for};
use crate::compute::payroll::{self, Payroll};
use crate::compute::period::conversion_for;
use crate::compute::qa::{QaCollector, QaResult};
use crate::compute::scorecard::{self, AgentScore};
use crate::config::LostCategory;
use crate::error::{Error, Result};
use crate::history::run::{RunHistory, for_period_known, record_commission};
use crate::inputs::{Inputs, read_everything};
use crate::labels::say;
use crate::model::{Period, PeriodKind, Phrase};
use crate::quotes::Quotes;
use crate::read::fields::SheetKind;
use crate::report::coverage::Covered;
use crate::report::full::FullReport;
use chrono::NaiveDate;

/// The longest period that gets a Daily trend sheet.
const MAX_TREND_DAYS: i64 = 366;

pub fn run(args: &ReportArgs, today: NaiveDate) -> Result<Outcome> {
    let start = Start::new(&args.input, &args.period, today)?;
    let (config, lang) = (start.config(), start.lang);
    let (categories, qa_rules) = (config.lost.effective(), config.qa.effective());
    let matcher = KeywordMatcher::new(&categories);
    // The whole period's report always inspects the chat messages (docs/definitions.md#quality-inspection):
    // one more Aho–Corasick pass per agent message while they are read.
    let collector = Box::new(QaCollector::new(&qa_rules, &config.qa, start.requested, Quotes::spilled()));
    let (options, loaded, directory) = (&start.options, &start.loaded, &start.directory);
    let all = read_everything(&args.files, options, loaded, directory, Some(matcher.clone()), Some(collector))?;
    // Left for the exit to free (see `kept_until_exit`).
    let mut all = super::runner::kept_until_exit(all);
    let qa = all.qa.take().map(|q| q.finish(&qa_rules, config, &all.buyers)).filter(|r| !r.agents.is_empty());
    crate::timings::phase("qa finished");
    let period = check_inputs(args, &start, &all, today)?;
    let has_orders = all.read.tables_of(SheetKind::Orders).next().is_some();
    let covered = Covered::of(period, has_orders.then_some(all.orders.as_slice()), &all.receptions, &all.summaries);
    let rules = RuleBook::new(&config.commission, args.rate, |n| directory.resolve(n).unwrap_or_else(|| n.to_string()));
    let mut payroll = if args.no_orders { None } else { Some(payroll_of(args, &all, &rules, &start, period)?) };
    if all.orders.is_empty() && all.summaries.is_empty() {
        runner::require_chats_in(period, &all.receptions, &args.files, &msg!("run.choose.period"))?;
    }
    covered.warn(lang);
    if let Some(c) = &payroll {
        runner::note_unattributed(c, &all, config);
    }
    let agents = all.order_agents();
    let chats = ChatFigures::of(&all, &agents, period, config, (&categories, &matcher));
    // The shops side by side reuse the receptions' outcomes: classified once.
    if let Some(c) = &mut payroll {
        c.shops = all.shops_compared(period, config, Some(&c.result), Some(&chats.outcomes));
        crate::timings::phase("shops compared");
    }
    let month = payroll.as_ref().and_then(|c| month_of(args, &start, &all, c, agents.sold(), period, &chats));
    let scores = scores_of(args, &all, &agents, period, &chats.conv, config, qa.as_ref());
    crate::timings::phase("month compared, scores computed");
    let (month, qa, qa_rules, no_orders) = (month.as_ref(), qa.as_ref(), &qa_rules[..], args.no_orders);
    let report = FullReport {
        period,
        all: &all,
        payroll: payroll.as_ref(),
        rules: &rules,
        conversion: &chats.conv,
        lost: &chats.lost,
        days: &chats.days,
        scores: &scores,
        qa,
        qa_rules,
        month,
        covered: &covered,
        config,
        no_orders,
    };
    finish(&args.output, &args.files, all.read.problems.len(), &report)
}

/// What the chats give for the period: each reception's outcome, conversion, the lost
/// inquiries with their reasons, and each day's figures for the trend.
struct ChatFigures<'a> {
    outcomes: Vec<ReceptionOutcome>,
    conv: ConversionResult,
    lost: Lost<'a>,
    days: Vec<(NaiveDate, ConversionResult)>,
}

impl<'a> ChatFigures<'a> {
    fn of(
        all: &'a Inputs,
        agents: &OrderAgents<'_>,
        period: Period,
        config: &crate::config::Config,
        (categories, matcher): (&'a [LostCategory], &'a KeywordMatcher),
    ) -> Self {
        let (outcomes, conv) = conversion_for(&all.receptions, &all.orders, agents, period, config);
        let slow = config.slow_response_secs;
        let (receptions, words, buyers) = (&all.receptions, &all.words, &all.buyers);
        let lost = lost_for(receptions, words, buyers, &outcomes, categories, matcher, period, slow);
        let days = trend_days(all, &outcomes, agents.sold(), period, slow);
        crate::timings::phase("lost reasons and days computed");
        ChatFigures { outcomes, conv, lost, days }
    }
}

/// The inputs make a report: some orders, chats or per-agent report; `--no-orders` only
/// where there are none; orders beside chats (else every figure that needs them would be a
/// confident 0). The period: the one asked for, else the data's.
fn check_inputs(args: &ReportArgs, start: &Start, all: &Inputs, today: NaiveDate) -> Result<Period> {
    if all.orders.is_empty() && all.receptions.is_empty() && all.summaries.is_empty() {
        return Err(Error::Input(msg!("run.report.nothing", files = super::file_list(&args.files))));
    }
    let period = all.period(start.requested).unwrap_or_else(|| Period::day(today, PeriodKind::Range));
    let has_order_sheet = all.read.tables_of(SheetKind::Orders).next().is_some();
    if args.no_orders && has_order_sheet {
        let phrase = Phrase::new("report.no_orders_but_orders").with("files", super::file_list(&args.files));
        return Err(Error::Usage(say(start.lang, &phrase)));
    }
    if !args.no_orders && !all.receptions.is_empty() && all.summaries.is_empty() {
        crate::inputs::require_orders(start.lang, "report", &all.read, &args.files, "inputs.instead_no_orders")?;
    }
    Ok(period)
}

/// Commission from orders, else from a per-agent report; nothing in the period is an error
/// naming the dates the files cover (docs/definitions.md#commands).
fn payroll_of<'a>(
    args: &ReportArgs,
    all: &'a Inputs,
    rules: &RuleBook,
    start: &Start,
    period: Period,
) -> Result<Payroll<'a>> {
    let config = start.config();
    let payroll = if all.orders.is_empty() {
        Payroll::from_summaries(&all.summaries, rules, Some(period))?
    } else {
        payroll::from_orders(
            &all.orders,
            &all.buyers,
            (&all.attributions, all.by_order_rule.as_deref()),
            &all.receptions,
            rules,
            config,
            Some(period),
            &all.read.shop_names,
        )
    };
    crate::timings::phase("commission computed");
    payroll.result.reconcile().map_err(Error::Reconcile)?;
    if let Some(note) = payroll.kpi_note(rules).filter(|_| !args.output.quiet) {
        eprintln!("{note}");
    }
    if !all.orders.is_empty() {
        runner::require_paid_orders(payroll.detail.len(), Some(period), &all.orders, &args.files)?;
    }
    Ok(payroll)
}

/// A daily trend for up to a year of days (a wild date in a file must not make millions).
fn trend_days(
    all: &Inputs,
    outcomes: &[ReceptionOutcome],
    agents: &[Option<&str>],
    period: Period,
    slow: u32,
) -> Vec<(NaiveDate, ConversionResult)> {
    if all.receptions.is_empty() || (period.to - period.from).num_days() > MAX_TREND_DAYS {
        return Vec::new();
    }
    let days = period.from.iter_days().take_while(|d| *d <= period.to);
    conversion_by_day(&all.receptions, outcomes, &all.orders, agents, days, slow).into_iter().collect()
}

/// The period's days kept in the history, and the month compared with the ones before.
fn month_of(
    args: &ReportArgs,
    start: &Start,
    all: &Inputs,
    payroll: &Payroll<'_>,
    agents: &[Option<&str>],
    period: Period,
    chats: &ChatFigures<'_>,
) -> Option<MonthComparison> {
    let mut history =
        RunHistory::open(&args.history, &start.loaded, &all.orders, &all.read.shop_names, "report", args.rate);
    record_commission(&mut history, &all.orders, payroll.attributions, Some(period));
    let inputs = (&all.receptions[..], &chats.outcomes[..], &all.orders[..], agents);
    for_period_known(&mut history, &start.loaded, inputs, period, &chats.conv, &chats.days)
}

/// The scorecard's scores; without orders, a scoring table that scores what orders give is
/// not scored at all.
fn scores_of<'a>(
    args: &ReportArgs,
    all: &'a Inputs,
    agents: &'a OrderAgents<'a>,
    period: Period,
    conv: &ConversionResult,
    config: &crate::config::Config,
    qa: Option<&QaResult>,
) -> Vec<AgentScore> {
    let read = all.scored_inputs(agents);
    if args.no_orders && config.scorecard.scores_from_orders() {
        Vec::new()
    } else if all.receptions.is_empty() {
        scorecard::for_period(&read, Some(period), config, qa).map(|s| s.scores).unwrap_or_default()
    } else {
        scorecard::from_conversion(&read, period, conv, config, qa).scores
    }
}
