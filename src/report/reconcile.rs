//! The reconciliation with a per-agent report as sheets and JSON (docs/definitions.md#reconcile):
//! 对账汇总 (per agent and figure: the report, ours under each rule, the difference to the
//! closest rule, and why), 差异订单 (the orders and receptions behind the differences), Issues,
//! Rules.

use super::coverage::Covered;
use super::{
    Column, ColumnKind, Report, Rows, Sheet, Title, Value, issues_sheet, money_json, period_text, rules_sheet,
};
use crate::compute::agent_reports::PeriodReport;
use crate::compute::reconcile::{Amount, Cause, Explanation, Figure, FigureKind, RULES, Reconciliation};
use crate::config::{AttributionRule, AttributionSource, Config};
use crate::error::Result;
use crate::inputs::Inputs;
use crate::labels::{Lang, label, named};
use crate::model::{Money, SharedName, round_fen};
use serde_json::{Map, Value as Json, json};

/// `cs-tools reconcile`'s result, ready for every format.
pub struct ReconcileReport<'a> {
    pub result: &'a Reconciliation,
    pub all: &'a Inputs,
    /// The per-agent report, summed over the period.
    pub report: &'a PeriodReport,
    pub covered: &'a Covered,
    pub config: &'a Config,
    /// The language of the lines printed once the workbook is written.
    pub lang: Lang,
}

fn rule_label(lang: Lang, rule: AttributionRule) -> &'static str {
    named(lang, "reconcile.rule", rule.name()).unwrap_or(rule.name())
}

fn figure_label(lang: Lang, f: Figure) -> &'static str {
    let key = match f {
        Figure::FirstResponse => "first_response",
        Figure::AvgResponse => "avg_response",
        other => other.id(),
    };
    label(lang, key)
}

fn cell(f: Figure, a: Option<Amount>) -> Value<'static> {
    match (a, f.kind()) {
        (None, _) => Value::Empty,
        (Some(Amount::Money(m)), _) => Value::Money(m),
        (Some(a), FigureKind::Rate) => Value::Rate(a.as_f64()),
        (Some(a), FigureKind::Count) if a.as_f64().fract() == 0.0 => Value::Int(a.as_f64() as i64),
        (Some(a), _) => Value::Number(a.as_f64()),
    }
}

fn amount_json(f: Figure, a: Amount) -> Json {
    match (a, f.kind()) {
        (Amount::Money(m), _) => money_json(m),
        (a, FigureKind::Count) if a.as_f64().fract() == 0.0 => json!(a.as_f64() as i64),
        (a, _) => json!(a.as_f64()),
    }
}

fn yuan(m: Money) -> String {
    format!("¥{:.2}", round_fen(m.abs()))
}

fn name_or_nobody(lang: Lang, n: &Option<SharedName>) -> String {
    n.as_deref().map(str::to_string).unwrap_or_else(|| label(lang, "reconcile.nobody").to_string())
}

impl ReconcileReport<'_> {
    fn judged_rule(&self) -> AttributionRule {
        RULES[self.result.judged()]
    }

    fn order_id(&self, i: u32) -> &str {
        &self.all.orders[i as usize].id
    }

    /// One sentence per agent: how far our figures under the closest rule are from the
    /// report's, and the orders and receptions behind it.
    pub fn why(&self, agent: &str, e: &Explanation, lang: Lang) -> String {
        let t = |k: &'static str| label(lang, k);
        let mut diffs = Vec::new();
        let more_less = |d: f64| if d > 0.0 { t("reconcile.more") } else { t("reconcile.less") };
        if let Some(d) = e.sales_diff.filter(|d| !d.is_zero()) {
            diffs.push(format!(
                "{}{}{}",
                t("sales").to_lowercase(),
                more_less(if d > Money::ZERO { 1.0 } else { -1.0 }),
                yuan(d)
            ));
        }
        for (key, d) in [("paid_buyers_short", e.paid_diff), ("inquiries", e.inquiries_diff)] {
            if let Some(d) = d.filter(|d| d.abs() > 1e-9) {
                diffs.push(format!("{}{}{}", t(key).to_lowercase(), more_less(d), d.abs()));
            }
        }
        let rule = rule_label(lang, self.judged_rule());
        if diffs.is_empty() {
            return t("reconcile.why.same").replace("{agent}", agent).replace("{rule}", rule);
        }
        let mut causes: Vec<String> = e
            .orders
            .iter()
            .map(|c| {
                let key = match c.cause {
                    Cause::Memo => "reconcile.why.memo",
                    Cause::AgentColumn => "reconcile.why.agent_column",
                    Cause::Silent => "reconcile.why.silent",
                    Cause::RuleChange => "reconcile.why.other",
                };
                let source = match self.result.orders.iter().find(|d| d.order == c.order).and_then(|d| d.source) {
                    Some(AttributionSource::AgentColumn) => t("source.agent_column"),
                    Some(AttributionSource::Memo) => t("source.memo"),
                    _ => t("source.chat"),
                };
                t(key)
                    .replace("{order}", self.order_id(c.order))
                    .replace("{net}", &yuan(c.sales))
                    .replace("{ours}", &name_or_nobody(lang, &c.ours))
                    .replace("{theirs}", &name_or_nobody(lang, &c.chat_only))
                    .replace("{source}", source)
            })
            .collect();
        for &i in &e.after_sales {
            let x = &self.result.after_sales[i];
            let r = &self.all.receptions[x.reception as usize];
            let earlier = x.earlier_order.map(|o| &self.all.orders[o as usize]);
            let ordered = earlier.and_then(|o| o.created_at.or(o.paid_at)).map(|t| t.date().to_string());
            causes.push(
                t("reconcile.why.after_sales")
                    .replace("{buyer}", self.all.buyers.name(r.buyer))
                    .replace("{date}", &r.start.date().to_string())
                    .replace("{ordered}", &ordered.unwrap_or_else(|| "—".into())),
            );
        }
        if let Some(rest) = e.unexplained_sales.filter(|r| !r.is_zero()) {
            causes.push(t("reconcile.why.unexplained").replace("{amount}", &yuan(rest)));
        }
        let mut text = t("reconcile.why.head")
            .replace("{agent}", agent)
            .replace("{rule}", rule)
            .replace("{diffs}", &diffs.join(t("reconcile.sep")));
        if !causes.is_empty() {
            text.push_str(&t("reconcile.why.causes").replace("{causes}", &causes.join(t("reconcile.sep2"))));
        }
        text.push_str(t("reconcile.end"));
        text
    }

    fn summary_sheet(&self, lang: Lang) -> Sheet<'_> {
        let t = |k: &'static str| label(lang, k);
        let judged = self.result.judged();
        let mut columns = vec![
            Column::new(t("agent"), ColumnKind::Text),
            Column::new(t("reconcile.figure"), ColumnKind::Text),
            Column::new(t("reconcile.report"), ColumnKind::Number),
        ];
        columns.extend(RULES.iter().map(|&r| Column::new(rule_label(lang, r), ColumnKind::Number)));
        let diff_header = t("reconcile.diff").replace("{rule}", rule_label(lang, RULES[judged]));
        columns.push(Column::new(diff_header, ColumnKind::Number));
        columns.push(Column::new(t("reconcile.why"), ColumnKind::Text));
        let mut rows = Vec::new();
        for a in &self.result.agents {
            let why = self.why(&a.agent, &a.explanation, lang);
            for (n, f) in a.figures.iter().enumerate() {
                let mut row = vec![Value::text(a.agent.clone()), Value::text(figure_label(lang, f.figure))];
                row.push(cell(f.figure, f.report));
                row.extend(f.ours.iter().map(|o| cell(f.figure, *o)));
                row.push(cell(f.figure, f.diff(judged)));
                row.push(if n == 0 { Value::text(why.clone()) } else { Value::Empty });
                rows.push(row);
            }
        }
        let mut sheet = Sheet::new(t("sheet.reconcile"), columns, Rows::Owned(rows));
        sheet.note = Some(self.closest_line(lang));
        sheet
    }

    /// The line naming the closest rule and how it was chosen.
    pub fn closest_line(&self, lang: Lang) -> String {
        let t = |k: &'static str| label(lang, k);
        let Some(i) = self.result.closest else { return t("reconcile.closest.none").to_string() };
        let d = &self.result.distances[i];
        let others: Vec<String> = RULES
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(j, &r)| {
                let o = &self.result.distances[j];
                t("reconcile.closest.other")
                    .replace("{rule}", rule_label(lang, r))
                    .replace("{sales}", &o.sales.map(yuan).unwrap_or_else(|| "—".into()))
                    .replace("{paid}", &o.paid_buyers.map(|p| p.to_string()).unwrap_or_else(|| "—".into()))
            })
            .collect();
        t("reconcile.closest")
            .replace("{rule}", rule_label(lang, RULES[i]))
            .replace("{sales}", &d.sales.map(yuan).unwrap_or_else(|| "—".into()))
            .replace("{paid}", &d.paid_buyers.map(|p| p.to_string()).unwrap_or_else(|| "—".into()))
            .replace("{others}", &others.join(t("reconcile.sep2")))
    }

    fn orders_sheet(&self, lang: Lang) -> Sheet<'_> {
        let t = |k: &'static str| label(lang, k);
        let judged = RULES[self.result.judged()];
        let mut columns = vec![
            Column::new(t("order_id"), ColumnKind::Text),
            Column::new(t("buyer"), ColumnKind::Text),
            Column::new(t("reconcile.time"), ColumnKind::DateTime),
            Column::new(t("net"), ColumnKind::Money),
        ];
        columns.extend(RULES.iter().map(|&r| Column::new(rule_label(lang, r), ColumnKind::Text)));
        columns
            .push(Column::new(t("reconcile.chat_only").replace("{rule}", rule_label(lang, judged)), ColumnKind::Text));
        columns.push(Column::new(t("source"), ColumnKind::Text));
        columns.push(Column::new(t("reconcile.cause"), ColumnKind::Text));
        columns.push(Column::new(t("reconcile.touches"), ColumnKind::Text));
        let j = self.result.judged();
        let mut rows: Vec<Vec<Value>> = Vec::new();
        for d in &self.result.orders {
            let o = &self.all.orders[d.order as usize];
            let buyer = o.buyer.map(|b| self.all.buyers.name(b).to_string()).unwrap_or_default();
            let mut row = vec![
                Value::text(o.id.to_string()),
                Value::text(buyer),
                o.paid_at.map(Value::DateTime).unwrap_or(Value::Empty),
                Value::Money(d.net),
            ];
            row.extend(d.ours.iter().map(|a| Value::text(name_or_nobody(lang, a))));
            row.push(Value::text(name_or_nobody(lang, &d.chat_only[j])));
            let source = match d.source {
                Some(AttributionSource::AgentColumn) => t("source.agent_column"),
                Some(AttributionSource::Memo) => t("source.memo"),
                Some(AttributionSource::Chat) => t("source.chat"),
                None => t("source.none"),
            };
            row.push(Value::text(source));
            let causes: Vec<&str> =
                d.causes.iter().map(|c| named(lang, "reconcile.cause", c.id()).unwrap_or(c.id())).collect();
            row.push(Value::text(causes.join(t("reconcile.sep2"))));
            let mut touches = vec![t("sales")];
            if d.moves_paid_buyer {
                touches.push(t("paid_buyers_short"));
            }
            row.push(Value::text(touches.join(t("reconcile.sep"))));
            rows.push(row);
        }
        for x in &self.result.after_sales {
            let r = &self.all.receptions[x.reception as usize];
            let earlier = x.earlier_order.map(|o| self.order_id(o).to_string()).unwrap_or_default();
            let mut row = vec![
                Value::text(earlier),
                Value::text(self.all.buyers.name(r.buyer).to_string()),
                Value::DateTime(r.start),
                Value::Empty,
            ];
            row.extend(RULES.iter().map(|_| Value::text(r.agent.to_string())));
            row.push(Value::text(r.agent.to_string()));
            row.push(Value::Empty);
            row.push(Value::text(t("reconcile.cause.after_sales")));
            row.push(Value::text(t("inquiries")));
            rows.push(row);
        }
        Sheet::new(t("sheet.reconcile_orders"), columns, Rows::Owned(rows))
    }

    fn rule_items(&self, lang: Lang) -> Vec<(String, String)> {
        let t = |k: &'static str| label(lang, k);
        let mut items = vec![
            super::output::attribution_rule_item(lang, self.config),
            (t("reconcile.rules.how").to_string(), t("reconcile.rules.how_text").to_string()),
            (t("reconcile.rules.closest").to_string(), self.closest_line(lang)),
        ];
        items.extend(crate::inputs::agent_report_rule_items(lang, self.report));
        items
    }

    fn json(&self) -> Json {
        let r = self.result;
        let rule_map = |f: &dyn Fn(usize) -> Json| -> Json {
            let mut m = Map::new();
            for (i, rule) in RULES.iter().enumerate() {
                m.insert(rule.name().to_string(), f(i));
            }
            Json::Object(m)
        };
        let rows: Vec<Json> = r
            .agents
            .iter()
            .map(|a| {
                let figures = |get: &dyn Fn(&crate::compute::reconcile::FigureLine) -> Option<Amount>| {
                    let mut m = Map::new();
                    for f in &a.figures {
                        m.insert(f.figure.id().to_string(), get(f).map_or(Json::Null, |v| amount_json(f.figure, v)));
                    }
                    Json::Object(m)
                };
                json!({
                    "agent": a.agent,
                    "in_report": a.in_report,
                    "report": figures(&|f| f.report),
                    "ours": rule_map(&|i| figures(&|f| f.ours[i])),
                    "diff": rule_map(&|i| figures(&|f| f.diff(i))),
                    "why": self.why(&a.agent, &a.explanation, self.lang),
                })
            })
            .collect();
        let name = |n: &Option<SharedName>| n.as_deref().map_or(Json::Null, |s| json!(s));
        let orders: Vec<Json> = r
            .orders
            .iter()
            .map(|d| {
                let o = &self.all.orders[d.order as usize];
                json!({
                    "order_id": o.id.to_string(),
                    "buyer": o.buyer.map(|b| self.all.buyers.name(b).to_string()),
                    "paid_at": o.paid_at.map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string()),
                    "net": money_json(d.net),
                    "ours": rule_map(&|i| name(&d.ours[i])),
                    "chat_only": rule_map(&|i| name(&d.chat_only[i])),
                    "source": d.source.map(|s| match s {
                        AttributionSource::AgentColumn => "agent_column",
                        AttributionSource::Memo => "memo",
                        AttributionSource::Chat => "chat",
                    }),
                    "causes": d.causes.iter().map(|c| c.id()).collect::<Vec<_>>(),
                    "moves_paid_buyer": d.moves_paid_buyer,
                })
            })
            .collect();
        let after_sales: Vec<Json> = r
            .after_sales
            .iter()
            .map(|x| {
                let rec = &self.all.receptions[x.reception as usize];
                json!({
                    "agent": rec.agent.to_string(),
                    "buyer": self.all.buyers.name(rec.buyer),
                    "start": rec.start.format("%Y-%m-%d %H:%M:%S").to_string(),
                    "earlier_order_id": x.earlier_order.map(|o| self.order_id(o).to_string()),
                })
            })
            .collect();
        json!({
            "command": "reconcile",
            "period": {"from": r.period.from.to_string(), "to": r.period.to.to_string()},
            "figures": r.figures.iter().map(|f| f.id()).collect::<Vec<_>>(),
            "closest_rule": r.closest.map(|i| RULES[i].name()),
            "distance": rule_map(&|i| json!({
                "sales": r.distances[i].sales.map(money_json),
                "paid_buyers": r.distances[i].paid_buyers,
            })),
            "rows": rows,
            "orders": orders,
            "after_sales": after_sales,
            "unattributed": rule_map(&|i| json!({"sales": money_json(r.unattributed[i])})),
            "issues": self.all.read.problems.len(),
        })
    }
}

impl super::output::Output for ReconcileReport<'_> {
    fn name(&self) -> &'static str {
        "reconcile"
    }

    fn period_label(&self) -> String {
        self.result.period.label()
    }

    fn json(&self) -> Json {
        ReconcileReport::json(self)
    }

    fn table(&self, lang: Lang) -> Sheet<'_> {
        self.summary_sheet(lang)
    }

    fn workbook(&self, lang: Lang) -> Result<Report<'_>> {
        let period = self.result.period;
        let mut rules = super::output::rules_head(lang, period);
        rules.extend(self.rule_items(lang));
        rules.extend(self.covered.rule_items(lang));
        rules.extend(super::inputs::input_rule_items(lang, &self.all.read));
        let sheets = vec![
            self.summary_sheet(lang),
            self.orders_sheet(lang),
            issues_sheet(lang, &self.all.read.problems),
            rules_sheet(lang, rules),
        ];
        let title = Title::new(lang, "title.reconcile", period_text(period.from, period.to), None);
        Ok(Report::titled(self.covered.title(title, lang), sheets))
    }

    fn written(&self, path: &std::path::Path) -> String {
        let summary = msg!(
            "run.reconcile.summary",
            from = self.result.period.from,
            to = self.result.period.to,
            agents = self.result.agents.len(),
            closest = self.closest_line(self.lang),
        );
        format!("{summary}\n{}\n", msg!("run.wrote", path = path.display()))
    }
}
