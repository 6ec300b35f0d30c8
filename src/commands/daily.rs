//! `cs-tools daily CHATS… --orders ORDERS… [--day D|yesterday]`: one day's conversion per
//! agent (日报), made for cron: a dated file name, `-q` for silence, exit codes as docs/definitions.md#commands.
//! `cs-tools daily REPORT… [--day D]`: the same day from a per-agent report by day
//! (客服绩效报表, docs/definitions.md#fields), with or without its sales column.

use super::{LoadedConfig, Outcome, input_rule_items, lang, load_config, output_path, print_stdout, read_options};
use crate::cli::{DailyArgs, DayArg, Format};
use crate::compute::agent_reports::agent_report_for;
use crate::compute::agent_reports::combine;
use crate::compute::agents::AgentDirectory;
use crate::compute::coverage::order_span;
use crate::compute::period::conversion_for;
use crate::error::{Error, Result};
use crate::inputs::{Everything, agent_report_rule_items, read_chats_or_agent_report};
use crate::labels::{Lang, label, say};
use crate::model::{AgentSummary, Money, Period, PeriodKind, Phrase, round_fen};
use crate::report::{
    Column, ColumnKind, Highlight, Report, Rows, Sheet, Title, Value, issues_sheet, rules_sheet, shop_of, text, xlsx,
};
use chrono::NaiveDate;
use serde_json::{Value as Json, json};

pub fn run(args: &DailyArgs, today: NaiveDate) -> Result<Outcome> {
    let loaded = load_config(args.input.config.as_deref())?;
    let config = &loaded.config;
    let options = read_options(&args.input, config);
    let directory = AgentDirectory::new(&config.agents);
    let keywords = crate::report::group_chat::Keywords::for_format(args.output.format, config);
    let matcher = keywords.as_ref().map(|k| k.matcher.clone());
    let all = read_chats_or_agent_report(&args.chats, &args.orders, &options, &loaded, &directory, matcher)?;
    // Left for the exit to free (see `kept_until_exit`).
    let all = super::kept_until_exit(all);
    if all.receptions.is_empty() && !all.summaries.is_empty() {
        return from_agent_report(args, &all, &loaded, today);
    }
    if args.orders.is_empty() {
        let phrase = Phrase::new("daily.needs_orders").with("files", super::file_list(&args.chats));
        return Err(Error::Input(say(lang(&args.output), &phrase)));
    }
    let day = match args.day {
        Some(DayArg::Date(d)) => d,
        Some(DayArg::Yesterday) => today.pred_opt().unwrap_or(today),
        // Without --day: the last day in the chats (by hand, on yesterday's export).
        None => all.receptions.iter().map(|r| r.date()).max().unwrap_or(today),
    };
    let (receptions, orders, read) = (&all.receptions, &all.orders, &all.read);
    let agents = all.order_agents();
    let period = Period { from: day, to: day, kind: PeriodKind::Range };
    if !receptions.iter().any(|r| r.date() == day) {
        let span = crate::compute::coverage::span_of(receptions.iter().map(|r| r.date()));
        return Err(super::empty_period("chats", Some(period), span, &args.chats, "--day"));
    }
    let lang = lang(&args.output);
    // A day the orders do not reach would show every inquiry unpaid and no sales: stop and
    // say which days the orders hold (the cron case: today's orders not exported yet).
    let orders_cover = order_span(orders);
    if !orders_cover.is_some_and(|(first, last)| first <= day && day <= last) {
        return Err(Error::Input(orders_do_not_reach(lang, day, orders_cover, &args.chats, &args.orders)));
    }
    let (outcomes, result) = conversion_for(receptions, orders, &agents, period, config);
    let history =
        crate::history::run::for_daily(&args.history, &loaded, receptions, &outcomes, orders, &agents, day, &result);

    let problems = read.problems.len();
    match args.output.format {
        Format::Json => {
            let mut v = crate::report::conversion::json_summary(&result, period, problems);
            v["command"] = "daily".into();
            for row in v["rows"].as_array_mut().into_iter().flatten() {
                row["date"] = day.to_string().into();
            }
            v["comparisons"] = crate::report::history::comparisons_json(&history.current, &history.refs);
            print_stdout(&format!("{v}\n"));
        }
        Format::Markdown | Format::Text => {
            let lost = keywords.as_ref().map(|k| k.lost(&all, &outcomes, period, config.slow_response_secs));
            let title = Title::new(lang, "title.daily", day.to_string(), shop_of(orders));
            let changes = crate::report::history::team_change_texts(lang, &history.current, &history.refs);
            print_stdout(
                &crate::report::group_chat::conversion(lang, &title, &result, lost.as_ref())
                    .with_team_changes(&changes)
                    .render_as(args.output.format),
            );
        }
        Format::Csv | Format::Table => {
            let sheet = crate::report::conversion::summary_sheet(&result, lang);
            print_stdout(&if args.output.format == Format::Csv { text::csv(&sheet) } else { text::table(&sheet) });
        }
        Format::Xlsx => {
            let files: Vec<_> = args.chats.iter().chain(&args.orders).cloned().collect();
            let path = output_path(&args.output, "daily", &day.format("%Y-%m-%d").to_string(), &files)?;
            let names: Vec<String> =
                crate::compute::period::by_conversion(&result.rows).iter().map(|r| r.agent.clone()).collect();
            let sheets = vec![
                crate::report::conversion::summary_sheet(&result, lang),
                crate::report::history::comparison_sheet(&history.current, &names, &history.refs, lang),
                crate::report::conversion::duration_sheet(&result, lang),
                issues_sheet(lang, &read.problems),
            ];
            let title = Title::new(lang, "title.daily", day.to_string(), shop_of(orders));
            xlsx::write(&Report::titled(title, sheets), &path)?;
            if !args.output.quiet {
                // The figures under the names the workbook and the Markdown give them.
                let t = &result.totals;
                let l = |k| label(lang, k);
                print_stdout(&format!(
                    "daily {day}: {} {}, {} {}, {} {}\nwrote {}\n",
                    l("inquiries"),
                    t.inquiries,
                    l("paid_buyers"),
                    t.paid_buyers,
                    l("sales_with_unattributed"),
                    super::yuan(result.shop.sales),
                    path.display()
                ));
            }
        }
    }
    if !args.output.quiet {
        super::note_problems(problems, args.output.format);
    }
    Ok(Outcome { problems, strict: args.output.strict })
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
fn from_agent_report(args: &DailyArgs, all: &Everything, loaded: &LoadedConfig, today: NaiveDate) -> Result<Outcome> {
    let files = super::file_list(&args.chats);
    let day = match args.day {
        Some(DayArg::Date(d)) => d,
        Some(DayArg::Yesterday) => today.pred_opt().unwrap_or(today),
        None => all.summaries.iter().filter_map(|s| s.date).max().ok_or_else(|| {
            Error::Input(format!("{files}: the per-agent report has no date column (日期): give the day with --day"))
        })?,
    };
    let period = Period { from: day, to: day, kind: PeriodKind::Range };
    let report = agent_report_for(&all.summaries, Some(period)).map_err(|e| match e {
        Error::Input(m) => Error::Input(format!("{files}: {m}")),
        other => other,
    })?;
    let lang = lang(&args.output);
    let team = combine(label(lang, "team"), &report.agents.iter().collect::<Vec<_>>());
    let problems = all.read.problems.len();
    match args.output.format {
        Format::Json => {
            let rows: Vec<Json> = report.agents.iter().map(|a| report_row_json(a, Some(day))).collect();
            let v = json!({
                "command": "daily",
                "period": {"from": day.to_string(), "to": day.to_string()},
                "rows": rows,
                "unattributed": null,
                "totals": report_row_json(&team, None),
                "issues": problems,
            });
            print_stdout(&format!("{v}\n"));
        }
        Format::Markdown | Format::Text => {
            let title = Title::new(lang, "title.daily", day.to_string(), None);
            let summary = crate::report::group_chat::agent_report(lang, &title, &report.agents, &team);
            print_stdout(&summary.render_as(args.output.format));
        }
        Format::Csv | Format::Table => {
            let sheet = report_sheet(&report.agents, &team, day, lang);
            print_stdout(&if args.output.format == Format::Csv { text::csv(&sheet) } else { text::table(&sheet) });
        }
        Format::Xlsx => {
            let path = output_path(&args.output, "daily", &day.format("%Y-%m-%d").to_string(), &args.chats)?;
            let l = |k| label(lang, k).to_string();
            let mut rules = vec![
                (l("rules.command"), format!("cs-tools {}", std::env::args().skip(1).collect::<Vec<_>>().join(" "))),
                (l("rules.period"), format!("{day} ({})", l("rules.by_report_date"))),
            ];
            rules.extend(agent_report_rule_items(lang, &report));
            rules.extend(input_rule_items(lang, &all.read));
            rules.push((
                l("rules.config"),
                loaded.path.as_ref().map(|p| p.display().to_string()).unwrap_or_else(|| l("rules.no_config")),
            ));
            let sheets = vec![
                report_sheet(&report.agents, &team, day, lang),
                issues_sheet(lang, &all.read.problems),
                rules_sheet(lang, rules),
            ];
            let title = Title::new(lang, "title.daily", day.to_string(), None);
            xlsx::write(&Report::titled(title, sheets), &path)?;
            if !args.output.quiet {
                let count = |v: Option<f64>| v.map(|n| format!("{n}")).unwrap_or_else(|| "-".into());
                let sales = team.sales.map(super::yuan).unwrap_or_else(|| "-".into());
                print_stdout(&format!(
                    "daily {day}: {}, {} inquiries, {} paid buyers, sales {sales}\nwrote {}\n",
                    super::count_of(report.agents.len() as u64, "agent", "agents"),
                    count(team.inquiries),
                    count(team.paid_buyers),
                    path.display()
                ));
            }
        }
    }
    if !args.output.quiet {
        super::note_problems(problems, args.output.format);
    }
    Ok(Outcome { problems, strict: args.output.strict })
}

/// 客单价 of a report line: sales / paying buyers.
fn report_aov(a: &AgentSummary) -> Option<Money> {
    let buyers = a.paid_buyers.filter(|b| *b > 0.0).and_then(|b| Money::try_from(b).ok())?;
    a.sales.map(|s| s / buyers)
}

/// A count as the report wrote it: whole numbers as integers.
fn count_json(v: Option<f64>) -> Json {
    match v {
        Some(n) if n.fract() == 0.0 && n.abs() < 9e15 => json!(n as i64),
        other => json!(other),
    }
}

/// docs/definitions.md#json daily row: the conversion fields a per-agent report has; the others null.
fn report_row_json(a: &AgentSummary, day: Option<NaiveDate>) -> Json {
    let mut v = json!({
        "consulted": count_json(a.consulted),
        "received": count_json(a.received),
        "inquiries": count_json(a.inquiries),
        "ordered": null,
        "paid_buyers": count_json(a.paid_buyers),
        "conversion": a.conversion,
        "order_rate": null,
        "sales": a.sales.map(super::money_json),
        "aov": report_aov(a).map(super::money_json),
        "first_response_secs": a.first_response_secs,
        "avg_response_secs": a.avg_response_secs,
        "reply_rate": a.reply_rate,
        "answer_ratio": a.answer_ratio,
        "satisfied_rate": a.satisfied_rate,
        "slow_receptions": null,
    });
    if let Some(d) = day {
        v["date"] = json!(d.to_string());
        v["agent"] = json!(a.agent);
    }
    v
}

fn report_sheet<'a>(agents: &'a [AgentSummary], team: &'a AgentSummary, day: NaiveDate, lang: Lang) -> Sheet<'a> {
    let l = |k| label(lang, k);
    let col = |k, kind| Column::new(l(k), kind);
    let columns = vec![
        col("date", ColumnKind::Date),
        col("agent", ColumnKind::Text),
        col("consulted", ColumnKind::Int),
        col("received", ColumnKind::Int),
        col("inquiries", ColumnKind::Int),
        col("paid_buyers", ColumnKind::Int),
        col("conversion", ColumnKind::Rate),
        col("sales", ColumnKind::Money),
        col("aov", ColumnKind::Money),
        col("first_response", ColumnKind::Number),
        col("avg_response", ColumnKind::Number),
        col("reply_rate", ColumnKind::Rate),
        col("answer_ratio", ColumnKind::Number),
        col("satisfied_rate", ColumnKind::Rate),
    ];
    let values = |a: &'a AgentSummary, date: Value<'a>| {
        let count = |v: Option<f64>| match v {
            Some(n) if n.fract() == 0.0 && n.abs() < 9e15 => Value::Int(n as i64),
            Some(n) => Value::Number(n),
            None => Value::Empty,
        };
        let num = |v: Option<f64>| v.map(Value::Number).unwrap_or(Value::Empty);
        let rate = |v: Option<f64>| v.map(Value::Rate).unwrap_or(Value::Empty);
        vec![
            date,
            Value::text(a.agent.as_str()),
            count(a.consulted),
            count(a.received),
            count(a.inquiries),
            count(a.paid_buyers),
            rate(a.conversion),
            a.sales.map(|m| Value::Money(round_fen(m))).unwrap_or(Value::Empty),
            report_aov(a).map(Value::Money).unwrap_or(Value::Empty),
            num(a.first_response_secs),
            num(a.avg_response_secs),
            rate(a.reply_rate),
            num(a.answer_ratio),
            rate(a.satisfied_rate),
        ]
    };
    // By conversion, highest first: the figure the sheet is about.
    let mut sorted: Vec<&'a AgentSummary> = agents.iter().collect();
    let rate = |a: &AgentSummary| a.conversion.unwrap_or(-1.0);
    sorted.sort_by(|a, b| rate(b).total_cmp(&rate(a)).then(a.agent.cmp(&b.agent)));
    let rows = sorted.into_iter().map(|a| values(a, Value::Date(day))).collect();
    let mut sheet = Sheet::new(l("sheet.summary"), columns, Rows::Owned(rows));
    sheet.totals = Some(values(team, Value::Empty));
    sheet.highlights = vec![Highlight::ColorScale(6)];
    sheet
}
