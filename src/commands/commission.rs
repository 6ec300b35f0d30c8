//! `cs-tools commission ORDERS…`: per-agent commission for payroll (docs/definitions.md#commission).

use super::Outcome;
use super::runner::{self, Start};
use crate::cli::CommissionArgs;
use crate::compute::commission::RuleBook;
use crate::compute::payroll::{self, Payroll};
use crate::error::{Error, Result};
use crate::history::run::{RunHistory, record_commission};
use crate::inputs::{Inputs, read_orders_and_chats, resolve_summary_agents};
use crate::read::ReadLog;
use crate::read::fields::SheetKind;
use crate::report::commission::CommissionReport;
use crate::report::coverage::Covered;
use chrono::NaiveDate;

/// docs/definitions.md#fields: commission from a per-agent report needs its sales column (销售额).
fn require_sales(summary: &ReadLog) -> Result<()> {
    let tables: Vec<_> = summary.tables_of(SheetKind::AgentReport).collect();
    if tables.iter().any(|t| t.col("sales").is_some()) {
        return Ok(());
    }
    let places: Vec<String> = tables
        .iter()
        .map(|t| if t.sheet.is_empty() { t.file.to_string() } else { format!("{} [{}]", t.file, t.sheet) })
        .collect();
    let aliases = crate::read::fields::AGENT_SUMMARY_FIELDS
        .iter()
        .find(|f| f.name == "sales")
        .map(|f| f.aliases.join(&msg!("run.sep.list")))
        .unwrap_or_default();
    Err(Error::Input(msg!("run.commission.needs_sales", places = places.join(", "), aliases = aliases)))
}

pub fn run(args: &CommissionArgs, today: NaiveDate) -> Result<Outcome> {
    let start = Start::new(&args.input, &args.period, today)?;
    let (config, lang) = (start.config(), start.lang);
    let mut all = read_orders_and_chats(&args.files, &args.chats, &start.options, &start.loaded, &start.directory)?;
    let has_orders = all.read.tables_of(SheetKind::Orders).next().is_some();
    if !has_orders && all.summaries.is_empty() && all.read.tables_of(SheetKind::AgentReport).next().is_none() {
        return Err(Error::Input(no_orders_message(&all.read)));
    }
    let rules = RuleBook::new(&config.commission, args.rate, |name| {
        start.directory.resolve(name).unwrap_or_else(|| name.to_string())
    });
    let payroll = if has_orders {
        let requested = start.requested;
        let mut payroll = payroll::from_orders(
            &all.orders,
            &all.buyers,
            (&all.attributions, all.by_order_rule.as_deref()),
            &all.receptions,
            &rules,
            config,
            requested,
            &all.read.shop_names,
        );
        payroll.shops = payroll.period.and_then(|p| all.shops_compared(p, config, Some(&payroll.result), None));
        payroll
    } else {
        from_agent_report(&mut all, &rules, &start, &args.files)?
    };
    payroll.result.reconcile().map_err(Error::Reconcile)?;
    if let Some(note) = payroll.kpi_note(&rules).filter(|_| !args.output.quiet) {
        eprintln!("{note}");
    }
    if has_orders {
        let mut history =
            RunHistory::open(&args.history, &start.loaded, &all.orders, &all.read.shop_names, "commission", args.rate);
        record_commission(&mut history, &all.orders, payroll.attributions, payroll.period);
        runner::require_paid_orders(payroll.detail.len(), payroll.period, &all.orders, &args.files)?;
    }
    runner::note_unattributed(&payroll, &all, config);
    // What the inputs cover of the period, said wherever the figures are shown.
    let covered = payroll.period.map_or_else(Covered::default, |p| {
        Covered::of(p, has_orders.then_some(all.orders.as_slice()), &all.receptions, &all.summaries)
    });
    covered.warn(lang);
    let default_rule = start.loaded.path.is_none() && args.rate.is_none();
    let (read, loaded, rate) = (&all.read, &start.loaded, args.rate);
    let report =
        CommissionReport { payroll: &payroll, rules: &rules, read, loaded, rate, default_rule, covered: &covered };
    let inputs: Vec<_> = args.files.iter().chain(&args.chats).cloned().collect();
    runner::finish(&args.output, &inputs, all.read.problems.len(), &report)
}

/// Commission from a per-agent report (no order sheet): it needs the report's sales column.
fn from_agent_report(
    all: &mut Inputs,
    rules: &RuleBook,
    start: &Start,
    files: &[std::path::PathBuf],
) -> Result<Payroll<'static>> {
    require_sales(&all.read)?;
    resolve_summary_agents(&mut all.summaries, &start.directory);
    Payroll::from_summaries(&all.summaries, rules, start.requested).map_err(|e| match e {
        Error::Input(m) => Error::Input(msg!("run.in_files", files = super::file_list(files), message = m)),
        other => other,
    })
}

fn no_orders_message(summary: &ReadLog) -> String {
    crate::inputs::no_orders_message(summary)
}
