//! `cs-tools commission ORDERS…`: per-agent commission for payroll (docs/definitions.md#commission).

pub mod output;

use crate::buyers::Buyers;
use output::{detail_sheet, json_summary, rules_items, stdout_summary, summary_sheet};

use super::inputs::{
    Inputs, agent_report_for, agent_report_rule_items, attribute_all, conversion_for, resolve_summary_agents,
};
use super::{LoadedConfig, Outcome, lang, load_config, output_path, print_stdout, read_options, requested_period};
use crate::cli::{CommissionArgs, Format};
use crate::compute::agent_reports::PeriodReport;
use crate::compute::agents::AgentDirectory;
use crate::compute::attribution::Attribution;
use crate::compute::commission::{self, CommissionResult, RuleBook};
use crate::compute::kpi::{self, KpiSource};
use crate::compute::metrics::{self, Metrics};
use crate::compute::orders::{OrderState, state};
use crate::error::{Error, Result};
use crate::model::{AgentSummary, Order, Period, PeriodKind};
use crate::read::ReadSummary;
use crate::read::fields::SheetKind;
use crate::report::coverage::Covered;
use crate::report::{Report, issues_sheet, rules_sheet, text, xlsx};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Everything the command computed, ready for any output format.
pub struct Computed<'a> {
    pub period: Option<Period>,
    pub result: CommissionResult,
    /// The period's paid orders with their attribution, sorted by paid time then id.
    pub detail: Vec<u32>,
    pub orders: &'a [Order],
    /// The names behind the orders' buyer numbers.
    pub buyers: &'a Buyers,
    pub attributions: &'a [Attribution],
    /// Orders read, unpaid, outside the period: for the Rules sheet.
    pub counts: OrderCounts,
    pub from_summary: bool,
    /// KPI figures came from chats.
    pub with_chats: bool,
    /// The per-agent report the figures came from, summed over the period.
    pub report: Option<PeriodReport>,
}

#[derive(Default)]
pub struct OrderCounts {
    merged: usize,
    unpaid: usize,
    outside: usize,
}

impl Computed<'_> {
    /// Commission from a per-agent report (no orders, no detail): the period's rows summed
    /// per agent (docs/definitions.md#fields). Without a period, the report's own dates (if any).
    pub fn from_summaries(summaries: &[AgentSummary], rules: &RuleBook, period: Option<Period>) -> Result<Self> {
        let report = agent_report_for(summaries, period)?;
        let period = period.or_else(|| report.dates.map(|(from, to)| Period { from, to, kind: PeriodKind::All }));
        Ok(Computed {
            period,
            result: commission::from_agent_summaries(&report.agents, rules),
            detail: Vec::new(),
            orders: &[],
            buyers: Buyers::NONE,
            attributions: &[],
            counts: OrderCounts::default(),
            from_summary: true,
            with_chats: false,
            report: Some(report),
        })
    }

    /// What to say when KPI rules name metrics these inputs do not give (docs/definitions.md#commission).
    pub fn kpi_note(&self, rules: &RuleBook) -> Option<String> {
        let source = match (self.from_summary, self.with_chats) {
            (true, _) => KpiSource::Report,
            (false, true) => KpiSource::Chats,
            (false, false) => KpiSource::Nothing,
        };
        kpi::note(rules, source)
    }
}

/// docs/definitions.md#fields: commission from a per-agent report needs its sales column (销售额).
fn require_sales(summary: &ReadSummary) -> Result<()> {
    let tables: Vec<_> = summary.tables_of(SheetKind::AgentSummary).collect();
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
        .map(|f| f.aliases.join(", "))
        .unwrap_or_default();
    Err(Error::Input(format!(
        "commission needs sales: the per-agent report {} has no sales column ({aliases}). \
         Export the report with its sales, give the order exports instead, or name the column in [columns.agent_summary]; \
         `cs-tools scorecard` and `cs-tools daily` work on this report as it is",
        places.join(", ")
    )))
}

pub fn run(args: &CommissionArgs, today: NaiveDate) -> Result<Outcome> {
    let loaded = load_config(args.input.config.as_deref())?;
    let config = &loaded.config;
    let options = read_options(&args.input, config);
    let requested = requested_period(&args.period, today)?;

    let directory = AgentDirectory::new(&config.agents);
    let mut inputs = Inputs::new(&loaded);
    // Chats first: their messages are freed (into receptions) before the orders are read.
    if !args.chats.is_empty() {
        inputs.read(&args.chats, &options, &[SheetKind::ChatMessages, SheetKind::ChatSessions], &directory)?;
    }
    let mut receptions = inputs.finish_chats(config.response_cap_secs);
    // Chat sheets inside the order files count too (one workbook holding everything).
    let kinds = [SheetKind::Orders, SheetKind::AgentSummary, SheetKind::ChatMessages, SheetKind::ChatSessions];
    inputs.read(&args.files, &options, &kinds, &directory)?;
    crate::timings::phase("orders read");
    inputs.more_chats(&mut receptions, config.response_cap_secs);
    let Inputs { book, mut buyers, mut summaries, read: mut summary, .. } = inputs;
    buyers.done_adding();
    let orders = super::inputs::finish_orders(book, &mut summary);
    crate::timings::phase("orders merged");

    super::inputs::note_orders_without_buyers(&summary, &receptions);
    let has_orders = summary.tables_of(SheetKind::Orders).next().is_some();
    if !has_orders && summaries.is_empty() && summary.tables_of(SheetKind::AgentSummary).next().is_none() {
        return Err(Error::Input(no_orders_message(&summary)));
    }

    let rules = RuleBook::new(&config.commission, args.rate, |name| {
        directory.resolve(name).unwrap_or_else(|| name.to_string())
    });
    let attributions = if has_orders { attribute_all(&orders, &receptions, &directory, &loaded) } else { Vec::new() };
    let computed = if has_orders {
        compute_from_orders(&orders, &buyers, &attributions, &receptions, &rules, &loaded, requested)
    } else {
        require_sales(&summary)?;
        resolve_summary_agents(&mut summaries, &directory);
        Computed::from_summaries(&summaries, &rules, requested).map_err(|e| match e {
            Error::Input(m) => Error::Input(format!("{}: {m}", super::file_list(&args.files))),
            other => other,
        })?
    };
    computed.result.reconcile().map_err(Error::Reconcile)?;
    if let Some(note) = computed.kpi_note(&rules).filter(|_| !args.output.quiet) {
        eprintln!("{note}");
    }
    if has_orders {
        let mut history = super::history::RunHistory::open(&args.history, &loaded, &orders, "commission", args.rate);
        super::history::record_commission(&mut history, &orders, computed.attributions, computed.period);
    }
    if has_orders && computed.detail.is_empty() {
        let span = crate::compute::coverage::span_of(super::inputs::paid_dates(&orders));
        return Err(super::empty_period("paid orders", computed.period, span, &args.files, "--month or --from/--to"));
    }
    let names_known = !config.agents.is_empty()
        || !receptions.is_empty()
        || summary.tables_of(SheetKind::Orders).any(|t| t.col("agent").is_some());
    if let Some(note) = super::unattributed_note(
        computed.result.rows.len(),
        computed.result.unattributed.orders.unwrap_or(0),
        names_known || computed.from_summary,
    ) {
        eprintln!("{note}");
    }

    let lang = lang(&args.output);
    // What the inputs cover of the period, said wherever the figures are shown.
    let covered = computed.period.map_or_else(Covered::default, |p| {
        Covered::of(p, has_orders.then_some(orders.as_slice()), &receptions, &summaries)
    });
    covered.warn(lang);
    let title = covered.title(output::title(&computed, lang), lang);
    let default_rule = loaded.path.is_none() && args.rate.is_none();
    let problems = summary.problems.len();
    match args.output.format {
        Format::Json => print_stdout(&format!("{}\n", json_summary(&computed, problems))),
        Format::Markdown | Format::Text => {
            let summary = super::summary::commission(lang, &title, &computed);
            print_stdout(&summary.render_as(args.output.format));
        }
        Format::Csv | Format::Table => {
            let sheet = summary_sheet(&computed, lang);
            print_stdout(&if args.output.format == Format::Csv { text::csv(&sheet) } else { text::table(&sheet) });
        }
        Format::Xlsx => {
            let label = computed.period.map(|p| p.label()).unwrap_or_else(|| "all".to_string());
            let inputs: Vec<_> = args.files.iter().chain(&args.chats).cloned().collect();
            let path = output_path(&args.output, "commission", &label, &inputs)?;
            let mut sheets = vec![summary_sheet(&computed, lang)];
            if !computed.from_summary {
                sheets.push(detail_sheet(&computed, &rules, lang));
            }
            sheets.push(issues_sheet(lang, &summary.problems));
            let mut items = rules_items(&computed, &summary, &loaded, args, default_rule, lang);
            items.splice(2..2, covered.rule_items(lang));
            if let Some(report) = &computed.report {
                // After the period line: how the report's rows were taken.
                items.splice(2..2, agent_report_rule_items(lang, report));
            }
            sheets.push(rules_sheet(lang, items));
            xlsx::write(&Report::titled(title, sheets), &path)?;
            if !args.output.quiet {
                print_stdout(&stdout_summary(&computed, &summary, &path.display().to_string(), default_rule, &rules));
            }
        }
    }
    if default_rule && args.output.format != Format::Xlsx && !args.output.quiet {
        eprintln!("note: no config and no --rate: flat 2% commission (the default)");
    }
    super::note_problems(problems, args.output.format);
    Ok(Outcome { problems, strict: args.output.strict })
}

fn no_orders_message(summary: &ReadSummary) -> String {
    let mut lines = vec!["no order sheet or per-agent report found in the input:".to_string()];
    for t in &summary.tables {
        let place = if t.sheet.is_empty() { t.file.to_string() } else { format!("{} [{}]", t.file, t.sheet) };
        let what = match (t.kind, &t.why_unused) {
            (Some(kind), _) => format!("a {} sheet", kind.name()),
            (None, Some(why)) => why.to_string(),
            (None, None) => "not used".to_string(),
        };
        lines.push(format!("  {place}: {what}"));
    }
    let chats: Vec<String> = summary
        .tables
        .iter()
        .filter(|t| matches!(t.kind, Some(SheetKind::ChatMessages | SheetKind::ChatSessions)))
        .map(|t| t.file.to_string())
        .collect();
    if !chats.is_empty() {
        let mut files = chats;
        files.dedup();
        lines.push(format!(
            "{} is a chat export, not an order export: commission needs the order export (订单报表) as ORDERS; \
             give the chats after --chats (`cs-tools commission orders.xlsx --chats {}`)",
            files.join(", "),
            files.join(" ")
        ));
    } else {
        lines.push(
            "Name the columns in cs-tools.toml ([columns.orders]) or check the file with `cs-tools inspect`.".into(),
        );
    }
    lines.join("\n")
}

pub fn compute_from_orders<'a>(
    orders: &'a [Order],
    buyers: &'a Buyers,
    attributions: &'a [Attribution],
    receptions: &[crate::compute::receptions::Reception],
    rules: &RuleBook,
    loaded: &LoadedConfig,
    requested: Option<Period>,
) -> Computed<'a> {
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
            let agents: Vec<Option<&str>> = attributions.iter().map(|a| a.agent.as_deref()).collect();
            let (_, result) = conversion_for(receptions, orders, &agents, p, &loaded.config);
            metrics::from_chats(&result, orders, &agents, p, &[], None).into_iter().collect()
        }
        _ => HashMap::new(),
    };
    let metric = |agent: &str, name: &str| figures.get(agent).and_then(|m| m.get(name).copied().flatten());
    let result = commission::from_orders(
        detail.iter().map(|&i| (attributions[i as usize].agent.as_deref(), &orders[i as usize])),
        rules,
        metric,
    );
    Computed {
        period,
        result,
        detail,
        orders,
        buyers,
        attributions,
        counts,
        from_summary: false,
        with_chats: !receptions.is_empty(),
        report: None,
    }
}
