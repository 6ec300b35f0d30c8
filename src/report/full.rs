//! `cs-tools report`'s workbook (docs/definitions.md#reports): the Overview for the wall, then
//! commission, conversion, lost reasons, scorecard, 质检 and the daily trend, each sheet
//! built by its topic's module and renamed for this workbook; the JSON of the key figures.

use super::trend::{TrendDay, trend_days_sheet};
use super::{Chart, ChartKind, Column, ColumnKind, Rows, Sheet, Value};
use crate::compute::commission::RuleBook;
use crate::compute::comparison::MonthComparison;
use crate::compute::conversion::ConversionResult;
use crate::compute::lost::Lost;
use crate::compute::payroll::Payroll;
use crate::compute::qa::{Check, Norm, QaResult};
use crate::compute::scorecard::AgentScore;
use crate::config::{Config, QaRule};
use crate::inputs::Inputs;
use crate::labels::{Lang, label};
use crate::model::Period;
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
    c: Option<&Payroll<'_>>,
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
    let money = |m: fn(&Payroll<'_>) -> crate::model::Money| c.map_or(Value::text(MISSING), |c| Value::Money(m(c)));
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
    // The team's platform response rates (docs/definitions.md#conversion).
    for (i, rate) in conv.rates.iter().enumerate() {
        rows.push(vec![Value::text(crate::labels::response_rate(lang, rate)), opt(t.response_rate(i), true)]);
    }
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
                Value::text(format!("{} · {}", l("sheet.qa"), super::qa::check_label(check, rules, lang))),
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

/// `cs-tools report`'s result, ready for every format.
pub struct FullReport<'a> {
    pub period: Period,
    pub all: &'a Inputs,
    /// Commission for the period; None with `--no-orders` (money is then missing, never 0).
    pub payroll: Option<&'a Payroll<'a>>,
    pub rules: &'a RuleBook,
    pub conversion: &'a ConversionResult,
    pub lost: &'a Lost<'a>,
    /// The period's days with their figures, for the Daily trend (empty: no trend).
    pub days: &'a [(NaiveDate, ConversionResult)],
    pub scores: &'a [AgentScore],
    /// The chat quality pass, when chat messages were read.
    pub qa: Option<&'a QaResult>,
    pub qa_rules: &'a [QaRule],
    /// The month before and the same month last year, when the history holds them.
    pub month: Option<&'a MonthComparison>,
    pub covered: &'a super::coverage::Covered,
    pub config: &'a Config,
    /// `--no-orders`: the figures that need orders are missing.
    pub no_orders: bool,
}

impl FullReport<'_> {
    /// The shops side by side, with two or more named shops (docs/definitions.md#shops).
    fn shops(&self) -> Option<&crate::compute::by_shop::ShopsCompared> {
        self.payroll.and_then(|c| c.shops.as_ref())
    }

    fn title(&self, lang: Lang) -> super::Title {
        let shown = super::period_text(self.period.from, self.period.to);
        let shops = self.shops().and_then(|s| s.title());
        let shop = shops.or_else(|| super::shop_of(&self.all.orders));
        self.covered.title(super::Title::new(lang, "title.report", shown, shop), lang)
    }

    /// The Overview, with the month's comparison rows when the history gives them.
    fn overview(&self, lang: Lang) -> Sheet<'_> {
        let qa = self.qa.map(|r| (r, self.qa_rules));
        let with_trend = !self.days.is_empty() && self.payroll.is_some();
        let mut sheet = overview_sheet(self.payroll, self.conversion, self.lost, qa, self.period, with_trend, lang);
        if let (Some(m), Rows::Owned(rows)) = (self.month, &mut sheet.rows) {
            rows.extend(super::history::overview_rows(m, lang));
        }
        sheet
    }

    /// Money that cannot be computed is missing (—, JSON null), never ¥0.00.
    fn money(&self, m: fn(&Payroll<'_>) -> crate::model::Money) -> String {
        self.payroll.map_or_else(|| MISSING.to_string(), |c| crate::format::yuan(m(c)))
    }

    fn money_json(&self, m: fn(&Payroll<'_>) -> crate::model::Money) -> serde_json::Value {
        self.payroll.map_or(serde_json::Value::Null, |c| super::money_json(m(c)))
    }

    fn rules_items(&self, lang: Lang) -> Vec<(String, String)> {
        let l = |k| label(lang, k).to_string();
        let mut items = super::output::rules_head(lang, self.period);
        items.extend(self.covered.rule_items(lang));
        match self.payroll {
            Some(c) => {
                items.push((l("rules.commission"), super::commission::rule_description(&self.rules.default, lang)));
                items.push(super::output::attribution_rule_item(lang, self.config));
                items.extend(c.report.iter().flat_map(|r| crate::inputs::agent_report_rule_items(lang, r)));
            }
            None => items.push((l("rules.orders"), l("report.no_orders_note"))),
        }
        if let Some(r) = self.qa {
            items.extend(super::qa::rule_items(&self.config.qa, self.qa_rules, &r.grades, lang));
        }
        items.extend(super::inputs::input_rule_items(lang, &self.all.read));
        items
    }
}

impl super::output::Output for FullReport<'_> {
    fn name(&self) -> &'static str {
        "report"
    }

    fn period_label(&self) -> String {
        self.period.label()
    }

    /// The overview's key figures, for scripts.
    fn json(&self) -> serde_json::Value {
        let (conv, period) = (self.conversion, self.period);
        let with_orders = self.payroll.is_some();
        let mut v = json!({
            "command": "report",
            "period": {"from": period.from.to_string(), "to": period.to.to_string()},
            "rows": [],
            "unattributed": null,
            "totals": {
                "sales": self.money_json(|c| c.result.totals.net),
                "paid": self.money_json(|c| c.result.totals.paid),
                "commission": self.money_json(|c| c.result.total_commission),
                "inquiries": conv.totals.inquiries,
                "paid_buyers": with_orders.then_some(conv.totals.paid_buyers),
                "conversion": if with_orders { conv.totals.conversion } else { None },
                "shop_inquiries": conv.shop.inquiries,
                "inquiry_receptions": conv.totals.tally.inquiry_receptions,
                "slow_rate": conv.totals.slow_rate,
                "first_response_secs": conv.totals.first_response_secs,
                "lost": with_orders.then_some(self.lost.lost.len()),
            },
            "issues": self.all.read.problems.len(),
        });
        for (i, rate) in conv.rates.iter().enumerate() {
            v["totals"][rate.id.as_str()] = json!(conv.totals.response_rate(i));
        }
        super::shops::add_json(&mut v, self.shops());
        v["qa"] = self.qa.map(|r| qa_json((r, self.qa_rules))).unwrap_or(serde_json::Value::Null);
        if let Some(m) = self.month {
            v["month_comparison"] = super::history::month_json(m);
        }
        v
    }

    /// The Overview, as the other commands print their summary.
    fn table(&self, lang: Lang) -> Sheet<'_> {
        self.overview(lang)
    }

    fn message(&self, lang: Lang) -> Option<super::group_chat::GroupMessage> {
        let with_chats = !self.all.receptions.is_empty();
        let qa_score = self.qa.map(|r| r.team.score);
        let title = self.title(lang);
        Some(super::group_chat::report(lang, &title, self.payroll, self.conversion, self.lost, with_chats, qa_score))
    }

    fn workbook(&self, lang: Lang) -> crate::error::Result<super::Report<'_>> {
        let l = |k| label(lang, k);
        let mut sheets = vec![self.overview(lang)];
        // The shops side by side, first after the overview (docs/definitions.md#shops).
        super::shops::push_sheet(&mut sheets, self.shops(), lang);
        if let Some(c) = self.payroll {
            let mut commission_sheet = super::commission::summary_sheet(c, lang);
            commission_sheet.name = l("sheet.commission").to_string();
            retarget(&mut commission_sheet);
            sheets.push(commission_sheet);
        }
        if !self.all.receptions.is_empty() {
            let mut conversion_sheet = super::conversion::summary_sheet(self.conversion, lang);
            conversion_sheet.name = l("sheet.conversion").to_string();
            retarget(&mut conversion_sheet);
            let mut reasons = super::lost::reasons_sheet(self.lost, lang);
            retarget(&mut reasons);
            if self.no_orders {
                missing(&mut conversion_sheet, &ORDER_FIGURES.map(l));
                conversion_sheet.note = Some(l("report.no_orders_note").to_string());
                reasons.note = Some(l("lost.no_orders_note_report").to_string());
            }
            super::shops::add_person_shops(&mut conversion_sheet, 0, self.shops(), lang);
            sheets.push(conversion_sheet);
            sheets.push(reasons);
        }
        if !self.scores.is_empty() {
            // The scoring table beside the scores: why an agent got their grade.
            let mut scorecard = super::scorecard::scorecard_sheet(self.scores, &self.config.scorecard, lang);
            super::shops::add_person_shops(&mut scorecard, 1, self.shops(), lang);
            scorecard.beside = Some(Box::new(super::scorecard::scoring_table_sheet(&self.config.scorecard, lang)));
            sheets.push(scorecard);
        }
        if let Some(r) = self.qa {
            let mut qa_sheet = super::qa::summary_sheet(r, self.qa_rules, &self.config.qa, lang);
            qa_sheet.name = l("sheet.qa").to_string();
            sheets.push(qa_sheet);
        }
        if !self.days.is_empty() {
            let covers = DaySpans {
                chats: crate::compute::coverage::span_of(self.all.receptions.iter().map(|r| r.date())),
                orders: crate::compute::coverage::order_span(&self.all.orders),
            };
            let mut trend = daily_sheet(self.days, covers, lang);
            if self.no_orders {
                missing(&mut trend, &[l("paid_buyers"), l("conversion"), l("sales_with_unattributed")]);
            }
            sheets.push(trend);
        }
        sheets.extend(self.month.iter().flat_map(|m| super::history::month_sheets(m, lang)));
        sheets.push(super::issues_sheet(lang, &self.all.read.problems));
        sheets.push(super::rules_sheet(lang, self.rules_items(lang)));
        Ok(super::Report::titled(self.title(lang), sheets))
    }

    fn written(&self, path: &std::path::Path) -> String {
        let summary = msg!(
            "run.report.summary",
            from = self.period.from,
            to = self.period.to,
            sales = self.money(|c| c.result.totals.net),
            commission = self.money(|c| c.result.total_commission),
            inquiries = self.conversion.totals.tally.inquiry_receptions,
            lost = self.payroll.map_or_else(|| MISSING.to_string(), |_| self.lost.lost.len().to_string()),
        );
        format!("{summary}\n{}\n", msg!("run.wrote", path = path.display()))
    }
}
