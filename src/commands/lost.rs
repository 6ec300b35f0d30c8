//! `cs-tools lost CHATS… [--orders ORDERS…]`: why inquiries were lost (docs/definitions.md#lost-inquiries), with
//! the buyers' own words as evidence.

use super::{Outcome, input_rule_items, lang, load_config, output_path, print_stdout, read_options, requested_period};
use crate::cli::{Format, LostArgs};
use crate::compute::agents::AgentDirectory;
use crate::compute::lost::{KeywordMatcher, Reason, keywords_of};
use crate::compute::lost::{Lost, reason_id};
use crate::compute::period::outcomes_for;
use crate::config::LostCategory;
use crate::error::{Error, Result};
use crate::inputs::{data_period, read_chats_then_orders};
use crate::labels::reason_label;
use crate::labels::{Lang, label};
use crate::model::{Period, PeriodKind};
use crate::quotes::Quotes;
use crate::report::coverage::Covered;
use crate::report::{
    Chart, ChartKind, Column, ColumnKind, Report, Rows, Sheet, Title, Value, issues_sheet, period_text, rules_sheet,
    shop_of, text, xlsx,
};
use chrono::NaiveDate;
use serde_json::{Value as Json, json};
use std::collections::BTreeMap;

/// Quotes shown per reason on the Evidence sheet.
const EVIDENCE_PER_REASON: usize = 3;

pub fn run(args: &LostArgs, today: NaiveDate) -> Result<Outcome> {
    let loaded = load_config(args.input.config.as_deref())?;
    let config = &loaded.config;
    let options = read_options(&args.input, config);
    let requested = requested_period(&args.period, today)?;
    let directory = AgentDirectory::new(&config.agents);
    let categories = config.lost.effective();
    let matcher = KeywordMatcher::new(&categories);

    let all = read_chats_then_orders(&args.chats, &args.orders, &options, &loaded, &directory, Some(matcher.clone()))?;
    // Left for the exit to free (see `kept_until_exit`).
    let mut all = super::kept_until_exit(all);
    let period = data_period(requested, &all.receptions, &all.orders).unwrap_or(Period {
        from: today,
        to: today,
        kind: PeriodKind::All,
    });
    // docs/definitions.md#commands: a period without chats is an error naming the dates the files cover.
    if !all.receptions.iter().any(|r| period.contains(r.date())) {
        let span = crate::compute::coverage::span_of(all.receptions.iter().map(|r| r.date()));
        return Err(super::empty_period("chats", Some(period), span, &args.chats, "--month or --from/--to"));
    }
    let lang = lang(&args.output);
    let no_orders = args.orders.is_empty();
    let covered = Covered::of(period, (!no_orders).then_some(all.orders.as_slice()), &all.receptions, &[]);
    covered.warn(lang);
    let outcomes = outcomes_for(&all.receptions, &all.orders, |i| all.attributions[i].agent.as_deref(), config);
    // The orders have done their part (which receptions converted): freed before the lost
    // inquiries are found and written, which need only the receptions.
    let shop = shop_of(&all.orders);
    drop(std::mem::take(&mut all.orders));
    drop(std::mem::take(&mut all.attributions));
    let read = &all.read;
    let result = crate::compute::lost::lost_for(
        &all.receptions,
        &all.words,
        &all.buyers,
        &outcomes,
        &categories,
        &matcher,
        period,
        config.slow_response_secs,
    );

    let problems = read.problems.len();
    match args.output.format {
        Format::Json => print_stdout(&format!("{}\n", json_summary(&result, problems))),
        Format::Csv | Format::Table | Format::Markdown | Format::Text => {
            let sheet = reasons_sheet(&result, lang);
            print_stdout(&if args.output.format == Format::Csv { text::csv(&sheet) } else { text::table(&sheet) });
        }
        Format::Xlsx => {
            let all_inputs: Vec<_> = args.chats.iter().chain(&args.orders).cloned().collect();
            let path = output_path(&args.output, "lost", &period.label(), &all_inputs)?;
            let mut rules = vec![
                (
                    label(lang, "rules.command").to_string(),
                    format!("cs-tools {}", std::env::args().skip(1).collect::<Vec<_>>().join(" ")),
                ),
                (label(lang, "rules.period").to_string(), format!("{} – {}", period.from, period.to)),
            ];
            if no_orders {
                rules.push((label(lang, "rules.orders").to_string(), label(lang, "rules.no_orders").to_string()));
            }
            // The keywords are on their own sheet: the Rules sheet stays one page.
            rules.push((
                label(lang, "rules.categories").to_string(),
                label(lang, "rules.categories_where").replace("{n}", &categories.len().to_string()),
            ));
            rules.extend(covered.rule_items(lang));
            rules.extend(input_rule_items(lang, read));
            let mut reasons = reasons_sheet(&result, lang);
            if no_orders {
                // Without orders no inquiry can convert: the sheet says so where it is read.
                reasons.note = Some(label(lang, "lost.no_orders_note").to_string());
            }
            let sheets = vec![
                reasons,
                agents_sheet(&result, lang),
                evidence_sheet(&result, &all.quotes, lang)?,
                lost_sheet(&result, lang),
                categories_sheet(&categories, lang),
                issues_sheet(lang, &read.problems),
                rules_sheet(lang, rules),
            ];
            let title = covered.title(Title::new(lang, "title.lost", period_text(period.from, period.to), shop), lang);
            xlsx::write(&Report::titled(title, sheets), &path)?;
            if !args.output.quiet {
                let top: Vec<String> = result
                    .reasons
                    .iter()
                    .take(3)
                    .map(|(r, n)| format!("{} {n}", reason_label(r, &categories, lang)))
                    .collect();
                print_stdout(&format!(
                    "lost {} – {}: {} of {} inquiries lost; top reasons: {}\nwrote {}\n",
                    period.from,
                    period.to,
                    result.lost.len(),
                    result.inquiries,
                    top.join(", "),
                    path.display()
                ));
            }
        }
    }
    if no_orders && !args.output.quiet {
        eprintln!("{}{}", label(lang, "note_prefix"), label(lang, "lost.no_orders_note"));
    }
    super::note_problems(problems, args.output.format);
    Ok(Outcome { problems, strict: args.output.strict })
}

fn share(n: u64, total: usize) -> f64 {
    if total == 0 { 0.0 } else { n as f64 / total as f64 }
}

pub fn reasons_sheet<'a>(l: &'a Lost<'a>, lang: Lang) -> Sheet<'a> {
    let t = |k| label(lang, k);
    let columns = vec![
        Column::new(t("reason"), ColumnKind::Text),
        Column::new(t("reason_id"), ColumnKind::Text),
        Column::new(t("count"), ColumnKind::Int),
        Column::new(t("share"), ColumnKind::Rate),
    ];
    let rows: Vec<Vec<Value>> = l
        .reasons
        .iter()
        .map(|(r, n)| {
            vec![
                Value::text(reason_label(r, l.categories, lang)),
                Value::text(reason_id(r, l.categories)),
                Value::Int(*n as i64),
                Value::Rate(share(*n, l.lost.len())),
            ]
        })
        .collect();
    let n = rows.len();
    let mut sheet = Sheet::new(t("sheet.reasons"), columns, Rows::Owned(rows));
    sheet.totals = Some(vec![Value::text(t("total")), Value::Empty, Value::Int(l.lost.len() as i64), Value::Rate(1.0)]);
    sheet.charts = vec![Chart::new(ChartKind::Bar, [t("chart.reasons"), t("reason"), t("count")], 0, vec![2], n)];
    sheet
}

fn agents_sheet<'a>(l: &'a Lost<'a>, lang: Lang) -> Sheet<'a> {
    let t = |k| label(lang, k);
    let mut columns = vec![Column::new(t("agent"), ColumnKind::Text), Column::new(t("lost"), ColumnKind::Int)];
    columns.extend(l.reasons.iter().map(|(r, _)| Column::new(reason_label(r, l.categories, lang), ColumnKind::Int)));
    // Most lost first (then by name): the figure the sheet is about.
    let mut agents: Vec<(&str, &BTreeMap<Reason, u64>, u64)> =
        l.by_agent.iter().map(|(a, counts)| (*a, counts, counts.values().sum::<u64>())).collect();
    agents.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(b.0)));
    let rows: Vec<Vec<Value>> = agents
        .into_iter()
        .map(|(agent, counts, lost)| {
            let mut row = vec![Value::text(agent), Value::Int(lost as i64)];
            row.extend(l.reasons.iter().map(|(r, _)| Value::Int(counts.get(r).copied().unwrap_or(0) as i64)));
            row
        })
        .collect();
    let mut totals = vec![Value::text(t("total")), Value::Int(l.lost.len() as i64)];
    totals.extend(l.reasons.iter().map(|(_, n)| Value::Int(*n as i64)));
    let mut sheet = Sheet::new(t("sheet.reasons_agents"), columns, Rows::Owned(rows));
    sheet.totals = Some(totals);
    sheet
}

/// Up to three quoted buyer messages per reason, one per lost inquiry (three buyers' words): for
/// a keyword reason, the first message that matched its category; otherwise the buyer's first.
fn evidence_sheet<'a>(l: &'a Lost<'a>, quotes: &Quotes, lang: Lang) -> Result<Sheet<'a>> {
    let t = |k| label(lang, k);
    let columns = vec![
        Column::new(t("reason"), ColumnKind::Text),
        Column::new(t("agent"), ColumnKind::Text),
        Column::new(t("buyer"), ColumnKind::Text),
        Column::new(t("time"), ColumnKind::DateTime),
        Column::new(t("quote"), ColumnKind::Text),
    ];
    let mut shown: BTreeMap<&Reason, usize> = BTreeMap::new();
    let mut rows_by_reason: BTreeMap<&Reason, Vec<Vec<Value>>> = BTreeMap::new();
    for lost in &l.lost {
        let count = shown.entry(&lost.reason).or_default();
        let r = &l.receptions[lost.reception as usize];
        if *count >= EVIDENCE_PER_REASON {
            continue;
        }
        let category = match lost.reason {
            Reason::Category(c) => Some(c),
            _ => None,
        };
        let Some(quote) = l.words.get(r.words).and_then(|w| w.quote_for(category)) else { continue };
        let quote = quotes.get(quote).map_err(|e| Error::Input(format!("cannot read back a quoted buyer message from the temporary file: {e}; check the space left in the temporary directory (TMPDIR) and run again")))?;
        *count += 1;
        rows_by_reason.entry(&lost.reason).or_default().push(vec![
            Value::text(reason_label(&lost.reason, l.categories, lang)),
            Value::text(&*r.agent),
            Value::text(l.buyers.name(r.buyer)),
            Value::DateTime(quote.at),
            Value::text(quote.text),
        ]);
    }
    // In the order of the Reasons sheet.
    let rows = l.reasons.iter().flat_map(|(r, _)| rows_by_reason.remove(r).unwrap_or_default()).collect();
    Ok(Sheet::new(t("sheet.evidence"), columns, Rows::Owned(rows)))
}

fn lost_sheet<'a>(l: &'a Lost<'a>, lang: Lang) -> Sheet<'a> {
    let t = |k| label(lang, k);
    let columns = vec![
        Column::new(t("agent"), ColumnKind::Text),
        Column::new(t("buyer"), ColumnKind::Text),
        Column::new(t("start"), ColumnKind::DateTime),
        Column::new(t("reason"), ColumnKind::Text),
        Column::new(t("rule"), ColumnKind::Text),
        Column::new(t("keywords"), ColumnKind::Text),
    ];
    // One row per lost inquiry (hundreds of thousands in a big month): made as written.
    let row = move |i: usize| {
        let lost = &l.lost[i];
        let r = &l.receptions[lost.reception as usize];
        vec![
            Value::text(&*r.agent),
            Value::text(l.buyers.name(r.buyer)),
            Value::DateTime(r.start),
            Value::text(reason_label(&lost.reason, l.categories, lang)),
            Value::text(crate::labels::named(lang, "rule", lost.rule.name()).unwrap_or(lost.rule.name())),
            Value::text(keywords_of(lost.rule, l.words.get(r.words), l.matcher).collect::<Vec<_>>().join(" ")),
        ]
    };
    let mut sheet = Sheet::new(t("sheet.lost"), columns, Rows::Lazy { len: l.lost.len(), row: Box::new(row) });
    sheet.streaming = true;
    sheet
}

/// The reason categories and their keywords (the Rules sheet points here).
fn categories_sheet<'a>(categories: &'a [LostCategory], lang: Lang) -> Sheet<'a> {
    let t = |k| label(lang, k);
    let columns = vec![
        Column::new(t("reason_id"), ColumnKind::Text),
        Column::new(t("reason"), ColumnKind::Text),
        Column::new(t("category_keywords"), ColumnKind::Text),
    ];
    let rows = categories
        .iter()
        .map(|c| vec![Value::text(c.id.as_str()), Value::text(c.label.as_str()), Value::text(c.keywords.join(" "))])
        .collect();
    Sheet::new(t("sheet.categories"), columns, Rows::Owned(rows))
}

/// docs/definitions.md#json lost shape.
fn json_summary(l: &Lost<'_>, issues: usize) -> Json {
    let reasons: Vec<Json> = l
        .reasons
        .iter()
        .map(|(r, n)| json!({"reason": reason_id(r, l.categories), "count": n, "share": share(*n, l.lost.len())}))
        .collect();
    let rows: Vec<Json> = l
        .by_agent
        .iter()
        .map(|(agent, counts)| {
            let reasons: serde_json::Map<String, Json> =
                counts.iter().map(|(r, n)| (reason_id(r, l.categories), json!(n))).collect();
            json!({"agent": agent, "lost": counts.values().sum::<u64>(), "reasons": reasons})
        })
        .collect();
    json!({
        "command": "lost",
        "period": {"from": l.period.from.to_string(), "to": l.period.to.to_string()},
        "reasons": reasons,
        "rows": rows,
        "unattributed": null,
        "totals": {"lost": l.lost.len(), "inquiries": l.inquiries},
        "issues": issues,
    })
}
