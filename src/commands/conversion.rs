//! `cs-tools conversion CHATS… --orders ORDERS…`: inquiry → order → payment conversion and
//! response times per agent (docs/definitions.md#receptions, docs/definitions.md#conversion).

use super::{Outcome, input_rule_items, lang, load_config, output_path, print_stdout, read_options, requested_period};
use crate::cli::{ConversionArgs, Format};
use crate::compute::agents::AgentDirectory;
use crate::compute::conversion::ConversionResult;
use crate::compute::period::conversion_for;
use crate::error::{Error, Result};
use crate::history::run::{RunHistory, for_period};
use crate::inputs::{data_period, read_chats_then_orders};
use crate::labels::label;
use crate::model::{Money, Period, PeriodKind};
use crate::report::conversion::{duration_sheet, json_summary, receptions_sheet, settings_items, summary_sheet};
use crate::report::coverage::Covered;
use crate::report::history::{month_change_texts, month_json, month_sheets};
use crate::report::{Report, Title, issues_sheet, period_text, rules_sheet, shop_of, text, xlsx};
use chrono::NaiveDate;

pub fn run(args: &ConversionArgs, today: NaiveDate) -> Result<Outcome> {
    let loaded = load_config(args.input.config.as_deref())?;
    let config = &loaded.config;
    let options = read_options(&args.input, config);
    let requested = requested_period(&args.period, today)?;
    let directory = AgentDirectory::new(&config.agents);

    let keywords = crate::report::group_chat::Keywords::for_format(args.output.format, config);
    let matcher = keywords.as_ref().map(|k| k.matcher.clone());
    let all = read_chats_then_orders(&args.chats, &args.orders, &options, &loaded, &directory, matcher)?;
    // Left for the exit to free (see `kept_until_exit`).
    let all = super::kept_until_exit(all);
    let (receptions, orders, read) = (&all.receptions, &all.orders, &all.read);
    let order_agent = all.order_agents();
    let period =
        data_period(requested, receptions, orders).unwrap_or(Period { from: today, to: today, kind: PeriodKind::All });
    // docs/definitions.md#commands: a period without chats is an error naming the dates the files cover (the
    // inquiries are the chats'; zero of them is no report).
    if !receptions.iter().any(|r| period.contains(r.date())) {
        let span = crate::compute::coverage::span_of(receptions.iter().map(|r| r.date()));
        return Err(super::empty_period("chats", Some(period), span, &args.chats, "--month or --from/--to"));
    }
    let lang = lang(&args.output);
    let covered = Covered::of(period, Some(orders), receptions, &[]);
    covered.warn(lang);
    let (outcomes, result) = conversion_for(receptions, orders, &order_agent, period, config);
    crate::timings::phase("conversion computed");
    check_reconciles(&result)?;
    let mut history = RunHistory::open(&args.history, &loaded, orders, "conversion", None);
    let month = for_period(&mut history, &loaded, receptions, &outcomes, orders, &order_agent, period, &result);

    crate::timings::phase("month compared");
    let problems = read.problems.len();
    match args.output.format {
        Format::Json => {
            let mut v = json_summary(&result, period, problems);
            if let Some(m) = &month {
                v["month_comparison"] = month_json(m);
            }
            print_stdout(&format!("{v}\n"));
        }
        Format::Markdown | Format::Text => {
            let lost = keywords.as_ref().map(|k| k.lost(&all, &outcomes, period, config.slow_response_secs));
            let title = Title::new(lang, "title.conversion", period_text(period.from, period.to), shop_of(orders));
            let title = covered.title(title, lang);
            let changes = month.as_ref().map(|m| month_change_texts(lang, m)).unwrap_or_default();
            print_stdout(
                &crate::report::group_chat::conversion(lang, &title, &result, lost.as_ref())
                    .with_team_changes(&changes)
                    .render_as(args.output.format),
            );
        }
        Format::Csv | Format::Table => {
            let sheet = summary_sheet(&result, lang);
            print_stdout(&if args.output.format == Format::Csv { text::csv(&sheet) } else { text::table(&sheet) });
        }
        Format::Xlsx => {
            let all_inputs: Vec<_> = args.chats.iter().chain(&args.orders).cloned().collect();
            let path = output_path(&args.output, "conversion", &period.label(), &all_inputs)?;
            let mut rules = vec![
                (
                    label(lang, "rules.command").to_string(),
                    format!("cs-tools {}", std::env::args().skip(1).collect::<Vec<_>>().join(" ")),
                ),
                (label(lang, "rules.period").to_string(), format!("{} – {}", period.from, period.to)),
            ];
            rules.extend(covered.rule_items(lang));
            rules.extend(settings_items(config));
            rules.extend(input_rule_items(lang, read));
            let mut sheets = vec![summary_sheet(&result, lang)];
            sheets.extend(month.iter().flat_map(|m| month_sheets(m, lang)));
            sheets.extend([
                duration_sheet(&result, lang),
                receptions_sheet(receptions, &outcomes, orders, &all.buyers, period, lang),
                issues_sheet(lang, &read.problems),
                rules_sheet(lang, rules),
            ]);
            let title = Title::new(lang, "title.conversion", period_text(period.from, period.to), shop_of(orders));
            let title = covered.title(title, lang);
            xlsx::write(&Report::titled(title, sheets), &path)?;
            if !args.output.quiet {
                let t = &result.totals;
                print_stdout(&format!(
                    "conversion {} – {}: {} receptions; agents added up: {} inquiring buyers, {} paid ({}); sales {} incl. unattributed\nwrote {}\n",
                    period.from,
                    period.to,
                    receptions.iter().filter(|r| period.contains(r.date())).count(),
                    t.inquiries,
                    t.paid_buyers,
                    t.conversion.map(|c| format!("{:.1}%", c * 100.0)).unwrap_or_else(|| "-".into()),
                    super::yuan(result.shop.sales),
                    path.display()
                ));
            }
        }
    }
    super::note_problems(problems, args.output.format);
    Ok(Outcome { problems, strict: args.output.strict })
}

/// Σ per-agent sales + unattributed = the period's paid net (docs/definitions.md#reports).
fn check_reconciles(result: &ConversionResult) -> Result<()> {
    let sum: Money = result.rows.iter().map(|r| r.sales).sum::<Money>() + result.unattributed_sales;
    if sum == result.shop.sales {
        Ok(())
    } else {
        Err(Error::Reconcile(format!("agents' sales + unattributed = {sum}, period paid net = {}", result.shop.sales)))
    }
}
