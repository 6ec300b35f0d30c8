//! `cs-tools report FILES…`: the whole period in one workbook — an Overview first, then
//! Commission, Conversion, Lost reasons, Scorecard, 质检 (QA), Daily trend, Issues and Rules.
//! Sheets are found by kind in any number of files (one workbook holding everything works).

use super::{Outcome, input_rule_items, lang, load_config, output_path, print_stdout, read_options, requested_period};
use crate::cli::{Format, ReportArgs};
use crate::compute::agents::AgentDirectory;
use crate::compute::commission::RuleBook;
use crate::compute::conversion::{ConversionResult, conversion_by_day};
use crate::compute::lost::KeywordMatcher;
use crate::compute::period::conversion_for;
use crate::compute::qa::{Check, Norm, QaCollector, QaResult};
use crate::config::QaRule;
use crate::error::{Error, Result};
use crate::inputs::read_everything;
use crate::labels::{Lang, label, say};
use crate::model::{Period, PeriodKind, Phrase};
use crate::quotes::Quotes;
use crate::read::fields::SheetKind;
use crate::report::commission as commission_output;
use crate::report::coverage::Covered;
use crate::report::trend::{TrendDay, trend_days_sheet};
use crate::report::{
    Chart, ChartKind, Column, ColumnKind, Report, Rows, Sheet, Title, Value, issues_sheet, period_text, rules_sheet,
    shop_of, text, xlsx,
};
use chrono::NaiveDate;
use serde_json::json;

/// Top lost reasons shown on the Overview.
const TOP_REASONS: usize = 5;
/// Top QA findings (rules and norms) shown on the Overview.
const TOP_FINDINGS: usize = 3;
/// The first and last date the chats and the orders hold.
#[derive(Clone, Copy)]
struct DaySpans {
    chats: Option<(NaiveDate, NaiveDate)>,
    orders: Option<(NaiveDate, NaiveDate)>,
}

/// What a figure that cannot be computed shows (JSON: null).
const MISSING: &str = "—";
/// The conversion sheet's columns that need orders (blank with --no-orders).
const ORDER_FIGURES: [&str; 6] = ["ordered", "paid_buyers", "conversion", "order_rate", "sales_attributed", "aov"];
/// The longest period that gets a Daily trend sheet.
const MAX_TREND_DAYS: i64 = 366;

pub fn run(args: &ReportArgs, today: NaiveDate) -> Result<Outcome> {
    let loaded = load_config(args.input.config.as_deref())?;
    let config = &loaded.config;
    let options = read_options(&args.input, config);
    let requested = requested_period(&args.period, today)?;
    let directory = AgentDirectory::new(&config.agents);
    let categories = config.lost.effective();
    let matcher = KeywordMatcher::new(&categories);
    // The month's full report always inspects the chat messages (docs/definitions.md#quality-inspection): one more
    // Aho–Corasick pass per agent message while they are read.
    let qa_rules = config.qa.effective();
    let collector = Box::new(QaCollector::new(&qa_rules, &config.qa, requested, Quotes::spilled()));
    let all = read_everything(&args.files, &options, &loaded, &directory, Some(matcher.clone()), Some(collector))?;
    // Left for the exit to free (see `kept_until_exit`).
    let mut all = super::kept_until_exit(all);
    let qa = all.qa.take().map(|q| q.finish(&qa_rules, config, &all.buyers)).filter(|r| !r.agents.is_empty());
    crate::timings::phase("qa finished");
    let qa_view = qa.as_ref().map(|r| (r, qa_rules.as_slice()));
    if all.orders.is_empty() && all.receptions.is_empty() && all.summaries.is_empty() {
        return Err(Error::Input(format!(
            "no orders, chats or per-agent report found in {}: check the files with `cs-tools inspect`",
            super::file_list(&args.files)
        )));
    }
    let period = all.period(requested).unwrap_or(Period { from: today, to: today, kind: PeriodKind::Range });
    let lang = lang(&args.output);
    let l = |k| label(lang, k);
    let has_order_sheet = all.read.tables_of(SheetKind::Orders).next().is_some();
    if args.no_orders && has_order_sheet {
        return Err(Error::Usage(say(
            lang,
            &Phrase::new("report.no_orders_but_orders").with("files", super::file_list(&args.files)),
        )));
    }
    // Chats without orders (and without a per-agent report's money) would report every
    // figure that needs orders as a confident 0.
    if !args.no_orders && !all.receptions.is_empty() && all.summaries.is_empty() {
        crate::inputs::require_orders(lang, "report", &all.read, &args.files, "inputs.instead_no_orders")?;
    }
    let covered =
        Covered::of(period, has_order_sheet.then_some(all.orders.as_slice()), &all.receptions, &all.summaries);

    // Commission (from orders, else from a per-agent report; none with --no-orders).
    let rules = RuleBook::new(&config.commission, args.rate, |n| directory.resolve(n).unwrap_or_else(|| n.to_string()));
    let computed = if args.no_orders {
        None
    } else if !all.orders.is_empty() {
        Some(crate::compute::payroll::from_orders(
            &all.orders,
            &all.buyers,
            &all.attributions,
            &all.receptions,
            &rules,
            config,
            Some(period),
        ))
    } else {
        Some(crate::compute::payroll::Payroll::from_summaries(&all.summaries, &rules, Some(period))?)
    };
    crate::timings::phase("commission computed");
    if let Some(c) = &computed {
        c.result.reconcile().map_err(Error::Reconcile)?;
        if let Some(note) = c.kpi_note(&rules).filter(|_| !args.output.quiet) {
            eprintln!("{note}");
        }
    }
    // docs/definitions.md#commands: nothing in the period is an error naming the dates the files cover.
    let choose = "--month or --from/--to";
    if !all.orders.is_empty() && computed.as_ref().is_some_and(|c| c.detail.is_empty()) {
        let span = crate::compute::coverage::span_of(crate::inputs::paid_dates(&all.orders));
        return Err(super::empty_period("paid orders", Some(period), span, &args.files, choose));
    }
    if all.orders.is_empty() && all.summaries.is_empty() && !all.receptions.iter().any(|r| period.contains(r.date())) {
        let span = crate::compute::coverage::span_of(all.receptions.iter().map(|r| r.date()));
        return Err(super::empty_period("chats", Some(period), span, &args.files, choose));
    }
    covered.warn(lang);
    let names_known = !config.agents.is_empty()
        || !all.receptions.is_empty()
        || all.read.tables_of(SheetKind::Orders).any(|t| t.col("agent").is_some());
    if let Some(c) = &computed
        && let Some(note) = super::unattributed_note(
            c.result.rows.len(),
            c.result.unattributed.orders.unwrap_or(0),
            names_known || c.from_summary,
        )
    {
        eprintln!("{note}");
    }

    // Conversion, lost reasons and the daily trend (need chats).
    let agents = all.order_agents();
    let (outcomes, conv) = conversion_for(&all.receptions, &all.orders, &agents, period, config);
    crate::timings::phase("conversion computed");
    let lost = crate::compute::lost::lost_for(
        &all.receptions,
        &all.words,
        &all.buyers,
        &outcomes,
        &categories,
        &matcher,
        period,
        config.slow_response_secs,
    );
    // A daily trend for up to a year of days (a wild date in a file must not make millions).
    let span = (period.to - period.from).num_days();
    let days: Vec<(NaiveDate, ConversionResult)> = if all.receptions.is_empty() || span > MAX_TREND_DAYS {
        Vec::new()
    } else {
        let days = period.from.iter_days().take_while(|d| *d <= period.to);
        conversion_by_day(&all.receptions, &outcomes, &all.orders, &agents, days, config.slow_response_secs)
            .into_iter()
            .collect()
    };
    crate::timings::phase("lost reasons and days computed");
    // Without orders nothing is kept or compared: a day of zeros would become history.
    let month = match &computed {
        Some(c) => {
            let mut history =
                crate::history::run::RunHistory::open(&args.history, &loaded, &all.orders, "report", args.rate);
            crate::history::run::record_commission(&mut history, &all.orders, c.attributions, Some(period));
            crate::history::run::for_period_known(
                &mut history,
                &loaded,
                (&all.receptions, &outcomes, &all.orders, &agents),
                period,
                &conv,
                &days,
            )
        }
        None => None,
    };
    // Without orders, a scoring table that scores what orders give is not scored at all.
    let scores = if args.no_orders && config.scorecard.scores_from_orders() {
        Vec::new()
    } else if all.receptions.is_empty() {
        let read = all.scored_inputs(&agents);
        crate::compute::scorecard::for_period(&read, Some(period), config, qa.as_ref())
            .map(|s| s.scores)
            .unwrap_or_default()
    } else {
        crate::compute::scorecard::from_conversion(&all.scored_inputs(&agents), period, &conv, config, qa.as_ref())
            .scores
    };

    crate::timings::phase("month compared, scores computed");
    let mut sheets = vec![overview_sheet(
        computed.as_ref(),
        &conv,
        &lost,
        qa_view,
        period,
        !days.is_empty() && computed.is_some(),
        lang,
    )];
    if let (Some(m), crate::report::Rows::Owned(rows)) = (&month, &mut sheets[0].rows) {
        rows.extend(crate::report::history::overview_rows(m, lang));
    }
    if let Some(c) = &computed {
        let mut commission_sheet = commission_output::summary_sheet(c, lang);
        commission_sheet.name = l("sheet.commission").to_string();
        retarget(&mut commission_sheet);
        sheets.push(commission_sheet);
    }
    if !all.receptions.is_empty() {
        let mut conversion_sheet = crate::report::conversion::summary_sheet(&conv, lang);
        conversion_sheet.name = l("sheet.conversion").to_string();
        retarget(&mut conversion_sheet);
        let mut reasons = crate::report::lost::reasons_sheet(&lost, lang);
        retarget(&mut reasons);
        if args.no_orders {
            missing(&mut conversion_sheet, &ORDER_FIGURES.map(l));
            conversion_sheet.note = Some(l("report.no_orders_note").to_string());
            reasons.note = Some(l("lost.no_orders_note_report").to_string());
        }
        sheets.push(conversion_sheet);
        sheets.push(reasons);
    }
    if !scores.is_empty() {
        sheets.push(crate::report::scorecard::scorecard_sheet(&scores, &config.scorecard, lang));
    }
    if let Some(r) = &qa {
        let mut qa_sheet = crate::report::qa::summary_sheet(r, &qa_rules, lang);
        qa_sheet.name = l("sheet.qa").to_string();
        sheets.push(qa_sheet);
    }
    if !days.is_empty() {
        let covers = DaySpans {
            chats: crate::compute::coverage::span_of(all.receptions.iter().map(|r| r.date())),
            orders: crate::compute::coverage::order_span(&all.orders),
        };
        let mut trend = daily_sheet(&days, covers, lang);
        if args.no_orders {
            missing(&mut trend, &[l("paid_buyers"), l("conversion"), l("sales_with_unattributed")]);
        }
        sheets.push(trend);
    }
    sheets.extend(month.iter().flat_map(|m| crate::report::history::month_sheets(m, lang)));
    sheets.push(issues_sheet(lang, &all.read.problems));
    let mut rules_items = vec![
        (
            l("rules.command").to_string(),
            format!("cs-tools {}", std::env::args().skip(1).collect::<Vec<_>>().join(" ")),
        ),
        (l("rules.period").to_string(), format!("{} – {}", period.from, period.to)),
    ];
    rules_items.extend(covered.rule_items(lang));
    match &computed {
        Some(c) => {
            rules_items
                .push((l("rules.commission").to_string(), commission_output::rule_description(&rules.default, lang)));
            rules_items.extend(c.report.iter().flat_map(|r| crate::inputs::agent_report_rule_items(lang, r)));
        }
        None => rules_items.push((l("rules.orders").to_string(), l("report.no_orders_note").to_string())),
    }
    if qa.is_some() {
        rules_items.extend(crate::report::qa::rule_items(&config.qa, &qa_rules, lang));
    }
    rules_items.extend(input_rule_items(lang, &all.read));
    sheets.push(rules_sheet(lang, rules_items));

    let problems = all.read.problems.len();
    let title = Title::new(lang, "title.report", period_text(period.from, period.to), shop_of(&all.orders));
    let title = covered.title(title, lang);
    // Money that cannot be computed is shown as missing, never as ¥0.00.
    let money = |m: fn(&crate::compute::payroll::Payroll<'_>) -> crate::model::Money| {
        computed.as_ref().map_or_else(|| "—".to_string(), |c| super::yuan(m(c)))
    };
    let money_json = |m: fn(&crate::compute::payroll::Payroll<'_>) -> crate::model::Money| {
        computed.as_ref().map_or(serde_json::Value::Null, |c| super::money_json(m(c)))
    };
    match args.output.format {
        Format::Xlsx => {
            let path = output_path(&args.output, "report", &period.label(), &args.files)?;
            xlsx::write(&Report::titled(title, sheets), &path)?;
            if !args.output.quiet {
                print_stdout(&format!(
                    "report {} – {}: sales {}, commission {}, {} inquiries (receptions), {} not converted\nwrote {}\n",
                    period.from,
                    period.to,
                    money(|c| c.result.totals.net),
                    money(|c| c.result.total_commission),
                    conv.totals.tally.inquiry_receptions,
                    computed.as_ref().map_or_else(|| "—".to_string(), |_| lost.lost.len().to_string()),
                    path.display()
                ));
            }
        }
        Format::Markdown | Format::Text => {
            let with_chats = !all.receptions.is_empty();
            let summary = crate::report::group_chat::report(
                lang,
                &title,
                computed.as_ref(),
                &conv,
                &lost,
                with_chats,
                qa.as_ref().map(|r| r.team.score),
            );
            print_stdout(&summary.render_as(args.output.format));
        }
        // The Overview, as the other commands print their summary.
        Format::Csv => print_stdout(&text::csv(&sheets[0])),
        Format::Table => print_stdout(&text::table(&sheets[0])),
        // The overview's key figures, for scripts.
        Format::Json => {
            let v = json!({
                "command": "report",
                "period": {"from": period.from.to_string(), "to": period.to.to_string()},
                "rows": [],
                "unattributed": null,
                "totals": {
                    "sales": money_json(|c| c.result.totals.net),
                    "paid": money_json(|c| c.result.totals.paid),
                    "commission": money_json(|c| c.result.total_commission),
                    "inquiries": conv.totals.inquiries,
                    "paid_buyers": computed.as_ref().map(|_| conv.totals.paid_buyers),
                    "conversion": computed.as_ref().and(conv.totals.conversion),
                    "shop_inquiries": conv.shop.inquiries,
                    "inquiry_receptions": conv.totals.tally.inquiry_receptions,
                    "slow_rate": conv.totals.slow_rate,
                    "first_response_secs": conv.totals.first_response_secs,
                    "lost": computed.as_ref().map(|_| lost.lost.len()),
                },
                "issues": problems,
            });
            let mut v = v;
            v["qa"] = qa_view.map(qa_json).unwrap_or(serde_json::Value::Null);
            if let Some(m) = &month {
                v["month_comparison"] = crate::report::history::month_json(m);
            }
            print_stdout(&format!("{v}\n"));
        }
    }
    super::note_problems(problems, args.output.format);
    Ok(Outcome { problems, strict: args.output.strict })
}

/// The columns headed `headers` show — in every row and the totals: figures that cannot be
/// computed from what was given.
fn missing(sheet: &mut Sheet<'_>, headers: &[&str]) {
    let at: Vec<usize> =
        sheet.columns.iter().enumerate().filter(|(_, c)| headers.contains(&c.label.as_str())).map(|(i, _)| i).collect();
    let blank = |row: &mut Vec<Value<'_>>| {
        for &i in &at {
            if let Some(v) = row.get_mut(i) {
                *v = Value::text(MISSING);
            }
        }
    };
    if let Rows::Owned(rows) = &mut sheet.rows {
        rows.iter_mut().for_each(blank);
    }
    sheet.totals.iter_mut().for_each(blank);
    sheet.highlights.clear();
    sheet.charts.clear();
}

/// A sheet renamed for the workbook: its charts must read from its new name.
fn retarget(sheet: &mut Sheet<'_>) {
    for chart in &mut sheet.charts {
        chart.source = Some(sheet.name.clone());
    }
}

/// The page for the wall: the team's figures, sales by agent, the daily trend, the top
/// lost reasons.
fn overview_sheet<'a>(
    c: Option<&crate::compute::payroll::Payroll<'_>>,
    conv: &ConversionResult,
    lost: &crate::compute::lost::Lost<'_>,
    qa: Option<(&QaResult, &[QaRule])>,
    period: Period,
    with_trend: bool,
    lang: Lang,
) -> Sheet<'a> {
    let l = |k| label(lang, k);
    let t = &conv.totals;
    let opt = |v: Option<f64>, rate: bool| match v {
        Some(x) if rate => Value::Rate(x),
        Some(x) => Value::Number(x),
        None => Value::Empty,
    };
    // Money reconciles with the orders (agents + 未归属); buyer counts are the agents' rows
    // added up (the team row of 询单转化, docs/definitions.md#conversion), the shop-wide distinct count labelled
    // as such; reception counts (次) sit beside their own denominator.
    let lost_share =
        (t.tally.inquiry_receptions > 0).then(|| lost.lost.len() as f64 / t.tally.inquiry_receptions as f64);
    // Without orders (--no-orders) what they give is missing, shown as —, never 0.
    let money = |m: fn(&crate::compute::payroll::Payroll<'_>) -> crate::model::Money| {
        c.map_or(Value::text(MISSING), |c| Value::Money(m(c)))
    };
    let from_orders = |v: Value<'a>| if c.is_some() { v } else { Value::text(MISSING) };
    let mut rows: Vec<Vec<Value>> =
        vec![vec![Value::text(l("rules.period")), Value::text(format!("{} – {}", period.from, period.to))]];
    if c.is_none() {
        rows.push(vec![Value::text(l("rules.orders")), Value::text(l("report.no_orders_note"))]);
    }
    rows.extend([
        vec![Value::text(l("sales_with_unattributed")), money(|c| c.result.totals.net)],
        vec![Value::text(l("paid")), money(|c| c.result.totals.paid)],
        vec![Value::text(l("refund")), money(|c| c.result.totals.refund)],
        vec![Value::text(l("commission")), money(|c| c.result.total_commission)],
        vec![Value::text(l("unattributed")), money(|c| c.result.unattributed.net)],
        vec![Value::text(l("team_inquiries")), Value::Int(t.inquiries as i64)],
        vec![Value::text(l("team_paid_buyers")), from_orders(Value::Int(t.paid_buyers as i64))],
        vec![Value::text(l("team_conversion")), from_orders(opt(t.conversion, true))],
        vec![Value::text(l("shop_inquiries")), Value::Int(conv.shop.inquiries as i64)],
        vec![Value::text(l("inquiry_count")), Value::Int(t.tally.inquiry_receptions as i64)],
        vec![Value::text(l("lost_count")), from_orders(Value::Int(lost.lost.len() as i64))],
        vec![Value::text(l("lost_share")), from_orders(opt(lost_share, true))],
        vec![Value::text(l("first_response")), opt(t.first_response_secs, false)],
        vec![Value::text(l("reply_rate")), opt(t.reply_rate, true)],
        vec![Value::text(l("slow_rate")), opt(t.slow_rate, true)],
    ]);
    for (reason, n) in lost.reasons.iter().take(TOP_REASONS) {
        let share = if lost.lost.is_empty() { 0.0 } else { *n as f64 / lost.lost.len() as f64 };
        rows.push(vec![
            Value::text(format!("{} · {}", l("reason"), crate::labels::reason_label(reason, lost.categories, lang))),
            Value::text(format!("{n} ({})", percent_f(share))),
        ]);
    }
    // docs/definitions.md#quality-inspection: the team's QA score and the checks with the most findings (no chat
    // messages: nothing is said about QA).
    if let Some((r, rules)) = qa {
        rows.push(vec![Value::text(l("report.qa_score")), Value::Number(r.team.score)]);
        rows.push(vec![Value::text(l("report.qa_findings")), Value::Int(r.team.findings() as i64)]);
        let total = r.team.findings();
        for (check, n) in top_findings(r) {
            let share = if total == 0 { 0.0 } else { n as f64 / total as f64 };
            rows.push(vec![
                Value::text(format!("{} · {}", l("sheet.qa"), crate::report::qa::check_label(check, rules, lang))),
                Value::text(format!("{n} ({})", percent_f(share))),
            ]);
        }
    }
    let columns = vec![Column::new(l("item"), ColumnKind::Text), Column::new(l("setting"), ColumnKind::Number)];
    let mut sheet = Sheet::new(l("sheet.overview"), columns, Rows::Owned(rows));
    sheet.one_page = true;
    let agents = c.map_or(0, |c| c.result.rows.len());
    sheet.charts.extend(c.map(|_| Chart {
        source: Some(l("sheet.commission").to_string()),
        secondary: Vec::new(),
        ..Chart::new(ChartKind::Column, [l("chart.sales"), l("agent"), l("chart.amount")], 0, vec![4], agents)
    }));
    let days = (period.to - period.from).num_days() as usize + 1;
    if with_trend {
        sheet.charts.push(Chart {
            source: Some(l("sheet.daily").to_string()),
            secondary: vec![3],
            ..Chart::new(ChartKind::Line, [l("chart.daily"), l("date"), l("chart.amount")], 0, vec![4, 3], days)
        });
    }
    sheet
}

/// The team's checks (word rules, then norms) with the most findings, most first; ties keep
/// that order. Checks without a finding are left out.
fn top_findings(r: &QaResult) -> Vec<(Check, u64)> {
    let rules = r.team.by_rule.iter().enumerate().map(|(i, n)| (Check::Rule(i as u16), *n));
    let norms = Norm::ALL.iter().map(|n| (Check::Norm(*n), r.team.by_norm[*n as usize]));
    let mut all: Vec<(Check, u64)> = rules.chain(norms).filter(|(_, n)| *n > 0).collect();
    all.sort_by_key(|c| std::cmp::Reverse(c.1));
    all.truncate(TOP_FINDINGS);
    all
}

/// JSON `qa`: the team's QA score and the top findings by rule or norm id.
fn qa_json((r, rules): (&QaResult, &[QaRule])) -> serde_json::Value {
    let top: Vec<serde_json::Value> = top_findings(r)
        .into_iter()
        .map(|(check, n)| {
            let id = match check {
                Check::Rule(i) => rules[i as usize].id.clone(),
                Check::Norm(norm) => norm.id().to_string(),
            };
            json!({"rule": id, "count": n})
        })
        .collect();
    json!({
        "score": r.team.score,
        "grade": r.team.grade,
        "receptions": r.team.receptions,
        "findings": r.team.findings(),
        "points": r.team.points,
        "top_findings": top,
    })
}

fn percent_f(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

/// One row per day: the agents' inquiring and paying buyers added up, their conversion, and
/// the day's sales (agents + 未归属).
/// A day the chats (or, for what needs orders, the orders) do not reach is blank, not 0:
/// the chart's line stops there instead of falling to the floor.
fn daily_sheet<'a>(days: &[(NaiveDate, ConversionResult)], covers: DaySpans, lang: Lang) -> Sheet<'a> {
    let days = days.iter().map(|(d, r)| {
        let within = |span: Option<(NaiveDate, NaiveDate)>| span.is_some_and(|(a, b)| a <= *d && *d <= b);
        let (chats, orders) = (within(covers.chats), within(covers.orders));
        TrendDay {
            date: *d,
            inquiries: chats.then_some(r.totals.inquiries),
            paid_buyers: (chats && orders).then_some(r.totals.paid_buyers),
            conversion: if chats && orders { r.totals.conversion } else { None },
            // Every paid order of the day, as the Overview's 销售额 (agents + 未归属).
            sales: orders.then_some(r.shop.sales),
        }
    });
    trend_days_sheet("sheet.daily", days, lang)
}
