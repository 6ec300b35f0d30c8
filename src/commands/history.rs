//! `cs-tools history list|import|export|forget`: what the history file holds, adding the days
//! of files to it without a report, writing it out as CSV, and forgetting days of it.

use super::{Outcome, load_config, print_stdout};
use crate::cli::{HistoryAction, HistoryArgs, HistoryCommand, HistoryWhere};
use crate::compute::comparison::input_days;
use crate::error::{Error, Result};
use crate::history::run::{RunHistory, money_days, place};
use crate::history::{self, Store};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// Runs `cs-tools history list|import|export|forget`.
pub fn run(cmd: &HistoryCommand, today: NaiveDate) -> Result<Outcome> {
    match &cmd.action {
        HistoryAction::List(w) => list(w),
        HistoryAction::Export(a) => export(a),
        HistoryAction::Forget(a) => forget(a),
        HistoryAction::Import(a) => import(a, today),
    }
}

/// `history list`: per shop and kind, the days kept, their agents and settings; the whole
/// months kept.
fn list(w: &HistoryWhere) -> Result<Outcome> {
    let store = open_existing(w)?;
    let coverage = store.coverage().map_err(to_error)?;
    let mut out = format!("{}\n", msg!("config.history.list_head", path = store.path().display()));
    if coverage.is_empty() {
        out.push_str(&format!("{}\n", msg!("config.history.list_empty")));
    }
    for c in coverage {
        let kind = match c.kind {
            history::Kind::Conversion => msg!("config.history.kind.conversion"),
            history::Kind::Money => msg!("config.history.kind.money"),
        };
        let line = msg!(
            "config.history.list_line",
            shop = shop_name(&c.shop),
            kind = kind,
            from = c.from,
            to = c.to,
            days = c.days,
            agents = if c.agents.is_empty() { "-".to_string() } else { c.agents.join(&msg!("config.list_sep")) },
            settings = if c.digests > 1 { msg!("config.history.settings", count = c.digests) } else { String::new() }
        );
        out.push_str(&format!("{line}\n"));
    }
    let months = store.months().map_err(to_error)?;
    let mut by_shop: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (shop, month) in months {
        by_shop.entry(shop).or_default().push(month);
    }
    for (shop, months) in by_shop {
        let months = months.join(&msg!("config.list_sep"));
        out.push_str(&format!("{}\n", msg!("config.history.months", shop = shop_name(&shop), months = months)));
    }
    print_stdout(&out);
    Ok(Outcome { problems: 0, strict: false })
}

/// A shop as `history list` names it: as stored, or "no shop name" for orders without one.
fn shop_name(shop: &str) -> String {
    if shop.is_empty() { msg!("config.history.no_shop") } else { shop.to_string() }
}

/// `history export`: every row kept, as CSV (to a file with -o).
fn export(a: &crate::cli::HistoryExportArgs) -> Result<Outcome> {
    let store = open_existing(&a.place)?;
    let csv = history::to_csv(&store.all().map_err(to_error)?);
    match &a.output {
        Some(p) => {
            // Written whole or not at all, with a BOM and CRLF for Excel (report::text::csv_file).
            crate::report::xlsx::write_text(p, crate::report::text::csv_file(&csv).as_bytes())?;
            print_stdout(&format!("{}\n", msg!("config.history.wrote", path = p.display())));
        }
        None => print_stdout(&csv),
    }
    Ok(Outcome { problems: 0, strict: false })
}

/// `history forget`: the days of a range (and their months' figures), for one shop or all.
fn forget(a: &crate::cli::HistoryForgetArgs) -> Result<Outcome> {
    if a.from > a.to {
        return Err(Error::Usage(msg!("config.history.from_after_to", from = a.from, to = a.to)));
    }
    let mut store = open_existing(&a.place)?;
    let (n, months) = store.forget(a.shop.as_deref(), a.from, a.to).map_err(to_error)?;
    let months = if months > 0 { msg!("config.history.forgot_months", count = months) } else { String::new() };
    let said = msg!(
        "config.history.forgot",
        rows = n,
        months = months,
        from = a.from,
        to = a.to,
        path = store.path().display()
    );
    print_stdout(&format!("{said}\n"));
    Ok(Outcome { problems: 0, strict: false })
}

fn to_error(e: history::HistoryError) -> Error {
    Error::Input(e.to_string())
}

fn open_existing(w: &HistoryWhere) -> Result<Store> {
    let loaded = load_config(w.config.as_deref())?;
    let path = place(w.history.as_deref(), &loaded).ok_or_else(|| Error::Input(msg!("config.history.none")))?;
    Store::open(&path, false).map_err(to_error)
}

/// `history import FILES…`: the days of the files (or of the period), recorded as
/// `conversion` and `commission` would, no report written.
fn import(a: &crate::cli::HistoryImportArgs, today: NaiveDate) -> Result<Outcome> {
    let loaded = load_config(a.input.config.as_deref())?;
    let config = &loaded.config;
    let options = super::runner::read_options(&a.input, config);
    let requested = super::runner::requested_period(&a.period, today)?;
    let directory = crate::compute::agents::AgentDirectory::new(&config.agents);
    let all = crate::inputs::read_everything(&a.files, &options, &loaded, &directory, None, None)?;
    if all.orders.is_empty() && all.receptions.is_empty() {
        return Err(Error::Input(msg!("config.history.import_nothing", files = super::file_list(&a.files))));
    }
    let args = HistoryArgs { history: a.history.clone(), no_history: false };
    if place(args.history.as_deref(), &loaded).is_none() {
        return Err(Error::Input(msg!("config.history.import_needs")));
    }
    let mut run = RunHistory::open(&args, &loaded, &all.orders, &all.read.shop_names, "import", a.rate);
    if let Some(e) = &run.error {
        return Err(Error::Input(e.clone()));
    }
    let agents = all.order_agents();
    let money = money_days(&all.orders, agents.sold().iter().copied(), requested);
    run.record_money(&money);
    let mut conv_days = 0;
    if !all.receptions.is_empty() {
        let windows = crate::compute::conversion::Windows {
            after_sales_days: config.after_sales_days,
            conversion_window_days: config.conversion_window_days,
        };
        let outcomes =
            crate::compute::conversion::classify(&all.receptions, &all.orders, |i| agents.converting()[i], windows);
        let dates: BTreeSet<NaiveDate> =
            all.receptions.iter().map(|r| r.date()).filter(|d| requested.is_none_or(|p| p.contains(*d))).collect();
        let days = input_days(&all.receptions, &outcomes, &all.orders, agents.sold(), dates, config.slow_response_secs);
        conv_days = days.len();
        run.record_conversion(&days);
    }
    if let Some(e) = &run.error {
        return Err(Error::Input(e.clone()));
    }
    let problems = all.read.problems.len();
    if !a.quiet {
        let span = |days: Vec<NaiveDate>| match (days.first(), days.last()) {
            (Some(f), Some(l)) => format!("{f} – {l}"),
            _ => "-".into(),
        };
        let said = msg!(
            "config.history.imported",
            conversion = conv_days,
            money = money.len(),
            span = span(money.keys().copied().collect()),
            shop = &run.shop
        );
        print_stdout(&format!("{said}\n"));
        if problems > 0 {
            // `import` writes no workbook and has no --format: `inspect` shows the rows.
            let problems = crate::format::row_problems(problems as u64);
            eprintln!("{}", msg!("config.history.import_problems", problems = problems));
        }
    }
    Ok(Outcome { problems, strict: false })
}
