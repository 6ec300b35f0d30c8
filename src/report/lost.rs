//! The lost inquiries as sheets and JSON (docs/definitions.md#lost-inquiries): the reasons by count,
//! per agent, the buyers' words as evidence, one row per lost inquiry, and the categories.

use super::coverage::Covered;
use super::{
    Chart, ChartKind, Column, ColumnKind, Report, Rows, Sheet, Title, Value, issues_sheet, period_text, rules_sheet,
};
use crate::compute::lost::{Lost, Reason, keywords_of, reason_id};
use crate::config::LostCategory;
use crate::error::{Error, Result};
use crate::labels::{Lang, label, reason_label};
use crate::quotes::Quotes;
use crate::read::ReadLog;
use serde_json::{Value as Json, json};
use std::collections::BTreeMap;

/// Quotes shown per reason on the Evidence sheet.
const EVIDENCE_PER_REASON: usize = 3;

/// The share of all lost inquiries.
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
        let quote = quotes.get(quote).map_err(|e| Error::Input(msg!("run.err.quote_read_back", error = e)))?;
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

/// `cs-tools lost`'s result, ready for every format.
pub struct LostReport<'a> {
    pub result: &'a Lost<'a>,
    /// The buyers' messages the Evidence sheet quotes.
    pub quotes: &'a Quotes,
    pub read: &'a ReadLog,
    /// What the inputs cover of the period, said in every title.
    pub covered: &'a Covered,
    /// The shop named by the orders, read before they were freed.
    pub shop: Option<String>,
    /// No orders were given: no inquiry could convert, and the Reasons sheet says so.
    pub no_orders: bool,
    /// The language of the lines printed once the workbook is written.
    pub lang: Lang,
    /// The shops side by side, with two or more named shops (docs/definitions.md#shops).
    pub shops: Option<crate::compute::by_shop::ShopsCompared>,
}

impl LostReport<'_> {
    /// The settings behind the reasons, for the Rules sheet: the keywords are on their own
    /// sheet, so the Rules sheet stays one page.
    fn rule_items(&self, lang: Lang) -> Vec<(String, String)> {
        let mut items = Vec::new();
        if self.no_orders {
            items.push((label(lang, "rules.orders").to_string(), label(lang, "rules.no_orders").to_string()));
        }
        items.push((
            label(lang, "rules.categories").to_string(),
            label(lang, "rules.categories_where").replace("{n}", &self.result.categories.len().to_string()),
        ));
        items
    }
}

impl super::output::Output for LostReport<'_> {
    fn name(&self) -> &'static str {
        "lost"
    }

    fn period_label(&self) -> String {
        self.result.period.label()
    }

    fn json(&self) -> Json {
        let mut v = json_summary(self.result, self.read.problems.len());
        super::shops::add_json(&mut v, self.shops.as_ref());
        v
    }

    fn table(&self, lang: Lang) -> Sheet<'_> {
        reasons_sheet(self.result, lang)
    }

    fn workbook(&self, lang: Lang) -> Result<Report<'_>> {
        let period = self.result.period;
        let mut rules = super::output::rules_head(lang, period);
        rules.extend(self.rule_items(lang));
        rules.extend(self.covered.rule_items(lang));
        rules.extend(super::inputs::input_rule_items(lang, self.read));
        let mut reasons = reasons_sheet(self.result, lang);
        if self.no_orders {
            // Without orders no inquiry can convert: the sheet says so where it is read.
            reasons.note = Some(label(lang, "lost.no_orders_note").to_string());
        }
        let mut sheets = vec![
            reasons,
            agents_sheet(self.result, lang),
            evidence_sheet(self.result, self.quotes, lang)?,
            lost_sheet(self.result, lang),
            categories_sheet(self.result.categories, lang),
            issues_sheet(lang, &self.read.problems),
            rules_sheet(lang, rules),
        ];
        super::shops::push_sheet(&mut sheets, self.shops.as_ref(), lang);
        let shop = self.shops.as_ref().and_then(|s| s.title()).or_else(|| self.shop.clone());
        let title = Title::new(lang, "title.lost", period_text(period.from, period.to), shop);
        Ok(Report::titled(self.covered.title(title, lang), sheets))
    }

    fn written(&self, path: &std::path::Path) -> String {
        let l = self.result;
        let top: Vec<String> = l
            .reasons
            .iter()
            .take(3)
            .map(|(r, n)| format!("{} {n}", reason_label(r, l.categories, self.lang)))
            .collect();
        let summary = msg!(
            "run.lost.summary",
            from = l.period.from,
            to = l.period.to,
            lost = l.lost.len(),
            inquiries = l.inquiries,
            reasons = top.join(&msg!("run.sep.list")),
        );
        format!("{summary}\n{}\n", msg!("run.wrote", path = path.display()))
    }

    fn notes(&self, _format: crate::cli::Format, quiet: bool) -> Vec<String> {
        // Without orders no inquiry counts as converted: said once on stderr, whatever the format.
        (self.no_orders && !quiet)
            .then(|| format!("{}{}", label(self.lang, "note_prefix"), label(self.lang, "lost.no_orders_note")))
            .into_iter()
            .collect()
    }
}
