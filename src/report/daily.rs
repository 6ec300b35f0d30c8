//! `daily`'s day as sheets, JSON and the group-chat message (日报): from chats and orders, the
//! day's conversion summary beside the days before it; from a per-agent report by day
//! (客服绩效报表, docs/definitions.md#fields), the report's lines of the day and the team row.

use super::conversion::{duration_sheet, json_summary, summary_sheet};
use super::output::{Output, command_line};
use super::{Column, ColumnKind, Highlight, Report, Rows, Sheet, Title, Value, issues_sheet, rules_sheet, shop_of};
use crate::compute::agent_reports::{PeriodReport, aov};
use crate::compute::conversion::ConversionResult;
use crate::compute::lost::Lost;
use crate::compute::period::by_conversion;
use crate::error::Result;
use crate::labels::{Lang, label};
use crate::model::{AgentReportLine, Order, Period, PeriodKind, round_fen};
use crate::read::ReadLog;
use chrono::NaiveDate;
use serde_json::{Value as Json, json};
use std::path::Path;

/// The default file name's second part: `daily-2026-10-03.xlsx`.
fn day_label(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

fn title(lang: Lang, day: NaiveDate, shop: Option<String>) -> Title {
    Title::new(lang, "title.daily", day.to_string(), shop)
}

/// `cs-tools daily CHATS… --orders ORDERS…`: one day's conversion per agent.
pub struct DailyReport<'a> {
    pub result: &'a ConversionResult,
    pub day: NaiveDate,
    /// The orders read, for the shop in the title.
    pub orders: &'a [Order],
    pub read: &'a ReadLog,
    pub comparisons: &'a crate::history::run::Daily,
    /// The day's lost reasons, for the group-chat message only.
    pub lost: Option<&'a Lost<'a>>,
    /// The run's language: the lines printed after writing name the figures as the workbook does.
    pub lang: Lang,
    /// The shops side by side, with two or more named shops (docs/definitions.md#shops).
    pub shops: Option<&'a crate::compute::by_shop::ShopsCompared>,
}

impl DailyReport<'_> {
    /// The shops compared, else the orders' shop column.
    fn shop(&self) -> Option<String> {
        self.shops.and_then(|s| s.title()).or_else(|| shop_of(self.orders))
    }
}

impl Output for DailyReport<'_> {
    fn name(&self) -> &'static str {
        "daily"
    }

    fn period_label(&self) -> String {
        day_label(self.day)
    }

    /// The conversion shape (docs/definitions.md#json) with `date` on each row and the
    /// comparisons.
    fn json(&self) -> Json {
        let period = Period { from: self.day, to: self.day, kind: PeriodKind::Range };
        let mut v = json_summary(self.result, period, self.read.problems.len());
        v["command"] = "daily".into();
        for row in v["rows"].as_array_mut().into_iter().flatten() {
            row["date"] = self.day.to_string().into();
        }
        v["comparisons"] = super::history::comparisons_json(&self.comparisons.current, &self.comparisons.refs);
        super::shops::add_json(&mut v, self.shops);
        super::shops::add_person_shops_json(&mut v, self.shops);
        v
    }

    fn table(&self, lang: Lang) -> Sheet<'_> {
        summary_sheet(self.result, lang)
    }

    fn message(&self, lang: Lang) -> Option<super::group_chat::GroupMessage> {
        let title = title(lang, self.day, self.shop());
        let changes = super::history::team_change_texts(lang, &self.comparisons.current, &self.comparisons.refs);
        let message = super::group_chat::conversion(lang, &title, self.result, self.lost);
        Some(message.with_team_changes(&changes).with_shops(self.shops))
    }

    fn workbook(&self, lang: Lang) -> Result<Report<'_>> {
        let names: Vec<String> = by_conversion(&self.result.rows).iter().map(|r| r.agent.clone()).collect();
        let mut summary = summary_sheet(self.result, lang);
        super::shops::add_person_shops(&mut summary, 0, self.shops, lang);
        let mut sheets = vec![
            summary,
            super::history::comparison_sheet(&self.comparisons.current, &names, &self.comparisons.refs, lang),
            duration_sheet(self.result, lang),
            issues_sheet(lang, &self.read.problems),
        ];
        super::shops::push_sheet(&mut sheets, self.shops, lang);
        Ok(Report::titled(title(lang, self.day, self.shop()), sheets))
    }

    /// The figures under the names the workbook and the Markdown give them.
    fn written(&self, path: &Path) -> String {
        let t = &self.result.totals;
        let l = |k| label(self.lang, k);
        let summary = msg!(
            "run.daily.summary",
            day = self.day,
            inquiries_label = l("inquiries"),
            inquiries = t.inquiries,
            paid_label = l("paid_buyers"),
            paid = t.paid_buyers,
            sales_label = l("sales_with_unattributed"),
            sales = crate::format::yuan(self.result.shop.sales),
        );
        format!("{summary}\n{}\n", msg!("run.wrote", path = path.display()))
    }

    /// Made for cron: `-q` prints nothing.
    fn quiet_silences_problems(&self) -> bool {
        true
    }
}

/// `cs-tools daily REPORT…`: one day from a per-agent report by day.
pub struct DailyFromReport<'a> {
    pub day: NaiveDate,
    /// The report's lines of the day, one per agent.
    pub report: &'a PeriodReport,
    /// The agents' lines combined (docs/definitions.md#conversion).
    pub team: &'a AgentReportLine,
    pub read: &'a ReadLog,
    /// The config file read, None for the built-in defaults: said in the Rules sheet.
    pub config_file: Option<&'a Path>,
}

impl Output for DailyFromReport<'_> {
    fn name(&self) -> &'static str {
        "daily"
    }

    fn period_label(&self) -> String {
        day_label(self.day)
    }

    fn json(&self) -> Json {
        let rows: Vec<Json> = self.report.agents.iter().map(|a| report_row_json(a, Some(self.day))).collect();
        json!({
            "command": "daily",
            "period": {"from": self.day.to_string(), "to": self.day.to_string()},
            "rows": rows,
            "unattributed": null,
            "totals": report_row_json(self.team, None),
            "issues": self.read.problems.len(),
        })
    }

    fn table(&self, lang: Lang) -> Sheet<'_> {
        report_sheet(&self.report.agents, self.team, self.day, lang)
    }

    fn message(&self, lang: Lang) -> Option<super::group_chat::GroupMessage> {
        let title = title(lang, self.day, None);
        Some(super::group_chat::agent_report(lang, &title, &self.report.agents, self.team))
    }

    fn workbook(&self, lang: Lang) -> Result<Report<'_>> {
        let sheets = vec![
            report_sheet(&self.report.agents, self.team, self.day, lang),
            issues_sheet(lang, &self.read.problems),
            rules_sheet(lang, self.rule_items(lang)),
        ];
        Ok(Report::titled(title(lang, self.day, None), sheets))
    }

    fn written(&self, path: &Path) -> String {
        let count = |v: Option<f64>| v.map(|n| format!("{n}")).unwrap_or_else(|| "-".into());
        let sales = self.team.sales.map(crate::format::yuan).unwrap_or_else(|| "-".into());
        let summary = msg!(
            "run.daily.report_summary",
            day = self.day,
            agents = crate::format::agents(self.report.agents.len() as u64),
            inquiries = count(self.team.inquiries),
            paid = count(self.team.paid_buyers),
            sales = sales,
        );
        format!("{summary}\n{}\n", msg!("run.wrote", path = path.display()))
    }

    /// Made for cron: `-q` prints nothing.
    fn quiet_silences_problems(&self) -> bool {
        true
    }
}

impl DailyFromReport<'_> {
    /// The Rules sheet: the command line, the day (by the report's dates), the report's rows
    /// taken and left out, the inputs, the config file.
    fn rule_items(&self, lang: Lang) -> Vec<(String, String)> {
        let l = |k| label(lang, k).to_string();
        let mut rules = vec![
            (l("rules.command"), command_line()),
            (l("rules.period"), format!("{} ({})", self.day, l("rules.by_report_date"))),
        ];
        rules.extend(crate::inputs::agent_report_rule_items(lang, self.report));
        rules.extend(super::inputs::input_rule_items(lang, self.read));
        rules.push((
            l("rules.config"),
            self.config_file.map(|p| p.display().to_string()).unwrap_or_else(|| l("rules.no_config")),
        ));
        rules
    }
}

/// A count as the report wrote it: whole numbers as integers.
fn count_json(v: Option<f64>) -> Json {
    match v {
        Some(n) if n.fract() == 0.0 && n.abs() < 9e15 => json!(n as i64),
        other => json!(other),
    }
}

/// docs/definitions.md#json daily row: the conversion fields a per-agent report has; the others null.
fn report_row_json(a: &AgentReportLine, day: Option<NaiveDate>) -> Json {
    let mut v = json!({
        "consulted": count_json(a.consulted),
        "received": count_json(a.received),
        "inquiries": count_json(a.inquiries),
        "ordered": count_json(a.ordered),
        "paid_buyers": count_json(a.paid_buyers),
        "conversion": a.conversion,
        // 询单→下单率 from the report's 下单人数 (飞鸽).
        "order_rate": a.ordered.zip(a.inquiries).filter(|(_, i)| *i > 0.0).map(|(o, i)| o / i),
        "sales": a.sales.map(super::money_json),
        "aov": aov(a).map(super::money_json),
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

/// The report's lines of the day by conversion, then the team row.
fn report_sheet<'a>(agents: &'a [AgentReportLine], team: &'a AgentReportLine, day: NaiveDate, lang: Lang) -> Sheet<'a> {
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
    let values = |a: &'a AgentReportLine, date: Value<'a>| {
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
            aov(a).map(Value::Money).unwrap_or(Value::Empty),
            num(a.first_response_secs),
            num(a.avg_response_secs),
            rate(a.reply_rate),
            num(a.answer_ratio),
            rate(a.satisfied_rate),
        ]
    };
    // By conversion, highest first: the figure the sheet is about.
    let mut sorted: Vec<&'a AgentReportLine> = agents.iter().collect();
    let rate = |a: &AgentReportLine| a.conversion.unwrap_or(-1.0);
    sorted.sort_by(|a, b| rate(b).total_cmp(&rate(a)).then(a.agent.cmp(&b.agent)));
    let rows = sorted.into_iter().map(|a| values(a, Value::Date(day))).collect();
    let mut sheet = Sheet::new(l("sheet.summary"), columns, Rows::Owned(rows));
    sheet.totals = Some(values(team, Value::Empty));
    sheet.highlights = vec![Highlight::ColorScale(6)];
    sheet
}
