//! `cs-tools scorecard FILES… [--orders …] [--ratings …]`: the weighted KPI score and
//! grade per agent (绩效考核, docs/definitions.md#scorecard), from chats and orders or from a per-agent report.

use super::Outcome;
use super::runner::{Held, Start, finish};
use crate::cli::ScorecardArgs;
use crate::compute::qa::QaCollector;
use crate::compute::scorecard::{self, Scored, uses_qa};
use crate::error::{Error, Result};
use crate::inputs::{Inputs, check_ratings_files, read_everything};
use crate::quotes::Quotes;
use crate::report::coverage::Covered;
use crate::report::scorecard::{ScorecardReport, unscored_note};
use chrono::NaiveDate;
use std::path::PathBuf;

pub fn run(args: &ScorecardArgs, today: NaiveDate) -> Result<Outcome> {
    let start = Start::new(&args.input, &args.period, today)?;
    let (config, lang, quiet) = (start.config(), start.lang, args.output.quiet);
    let files: Vec<_> = args.files.iter().chain(&args.orders).chain(&args.ratings).cloned().collect();
    // The chat quality pass runs only when the scoring table scores it (docs/definitions.md#quality-inspection).
    let qa_rules = uses_qa(&config.scorecard).then(|| config.qa.effective());
    let collector =
        qa_rules.as_ref().map(|r| Box::new(QaCollector::new(r, &config.qa, start.requested, Quotes::spilled())));
    let all = read_everything(&files, &start.options, &start.loaded, &start.directory, None, collector)?;
    // Left for the exit to free (see `kept_until_exit`).
    let mut all = super::runner::kept_until_exit(all);
    check_ratings_files(&all.read, &args.ratings)?;
    if all.receptions.is_empty() {
        crate::inputs::require_report_rows(&all.read, all.summaries.len())?;
    }
    // Scores from chats on conversion, payment rate or 客单价 rest on orders: without them
    // every agent would be scored on zeros. A table of response times and QA needs none.
    if !all.receptions.is_empty() && config.scorecard.scores_from_orders() {
        crate::inputs::require_orders(lang, "scorecard", &all.read, &files, "inputs.instead_orders")?;
    }
    let qa = qa_rules.as_ref().and_then(|rules| all.qa.take().map(|q| q.finish(rules, config, &all.buyers)));
    // qa_score comes from message logs: session sheets and per-agent reports have no text, so
    // the metric would be empty for everyone without a word.
    if qa_rules.is_some() && qa.as_ref().is_none_or(|q| q.agents.is_empty()) && !quiet {
        eprintln!("{}", msg!("run.scorecard.no_qa"));
    }
    let agents = all.order_agents();
    let scored = scorecard::for_period(&all.scored_inputs(&agents), start.requested, config, qa.as_ref())
        .map_err(|e| with_files(e, &files))?;
    let has_orders = all.read.tables_of(crate::read::fields::SheetKind::Orders).next().is_some();
    let covered = scored.period.map_or_else(Default::default, |p| {
        Covered::of(p, has_orders.then_some(all.orders.as_slice()), &all.receptions, &all.summaries)
    });
    covered.warn(lang);
    require_scores(&scored, &all, &files)?;
    if let Some(hint) = unscored_note(&scored, &start.loaded).filter(|_| !args.ratings.is_empty() && !quiet) {
        eprintln!("{hint}");
    }
    let (read, orders, qa_rules) = (&all.read, &all.orders, qa_rules.as_deref());
    let shops = scored.period.and_then(|p| all.shops_compared(p, config, None, None));
    let report =
        ScorecardReport { scored: &scored, config, qa_rules, read, orders, covered: &covered, shops: shops.as_ref() };
    finish(&args.output, &files, all.read.problems.len(), &report)
}

/// An input error names the files it is about.
fn with_files(e: Error, files: &[PathBuf]) -> Error {
    match e {
        Error::Input(m) => Error::Input(msg!("run.in_files", files = super::file_list(files), message = m)),
        other => other,
    }
}

/// A period with nothing to score is an error naming the dates the files cover
/// (docs/definitions.md#commands).
fn require_scores(scored: &Scored, all: &Inputs, files: &[PathBuf]) -> Result<()> {
    if !scored.scores.is_empty() || scored.period.is_none() {
        return Ok(());
    }
    let (what, span) = if all.receptions.is_empty() {
        (Held::PaidOrders, crate::compute::coverage::span_of(crate::inputs::paid_dates(&all.orders)))
    } else {
        (Held::Chats, crate::compute::coverage::span_of(all.receptions.iter().map(|r| r.date())))
    };
    Err(super::runner::empty_period(what, scored.period, span, files, &msg!("run.choose.period")))
}
