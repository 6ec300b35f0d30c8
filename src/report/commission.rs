//! The commission report: Summary, Detail and Rules sheets, the JSON summary (docs/definitions.md#json)
//! and the line printed after writing.

use crate::compute::attribution::Attribution;
use crate::compute::by_shop::ShopsCompared;
use crate::compute::commission::{AgentRule, Amounts, CommissionRow, RuleBook};
use crate::compute::orders::{net, refund};
use crate::compute::payroll::Payroll;
use crate::compute::payroll::by_commission;
use crate::config::LoadedConfig;
use crate::config::{AttributionRule, AttributionSource, BaseKind, CommissionMode};
use crate::format::{agents, orders, percent, rows_read, yuan};
use crate::labels::{Lang, label};
use crate::model::Order;
use crate::read::ReadLog;
use crate::read::fields::SheetKind;
use crate::report::inputs::input_rule_items;
use crate::report::money_json;
use crate::report::shops::{add_json, push_sheet, shop_label};
use crate::report::{Chart, ChartKind, Column, ColumnKind, Highlight, Rows, Sheet, Title, Value, period_text, shop_of};
use serde_json::{Value as Json, json};
use std::borrow::Cow;

fn rule_text(row: &CommissionRow, lang: Lang) -> String {
    let rule = &row.rule;
    match rule.mode {
        CommissionMode::Flat => percent(rule.rate),
        CommissionMode::Step | CommissionMode::Progressive => {
            let mode = label(lang, if rule.mode == CommissionMode::Step { "rate.step" } else { "rate.progressive" });
            match rule.reached_tier(row.base) {
                Some((from, rate)) => format!("{mode} {} (≥{})", percent(rate), yuan(from)),
                None => format!("{mode} {}", label(lang, "rate.no_tier")),
            }
        }
    }
}

pub fn summary_sheet<'a>(c: &'a Payroll<'_>, lang: Lang) -> Sheet<'a> {
    let l = |k| label(lang, k);
    let columns = vec![
        Column::new(l("agent"), ColumnKind::Text),
        Column::new(l("orders"), ColumnKind::Int),
        Column::new(l("paid"), ColumnKind::Money),
        Column::new(l("refund"), ColumnKind::Money),
        Column::new(l("net"), ColumnKind::Money),
        Column::new(l("base"), ColumnKind::Money),
        Column::new(l("rate"), ColumnKind::Text),
        Column::new(l("multiplier"), ColumnKind::Number),
        Column::new(l("commission"), ColumnKind::Money),
    ];
    let compared = c.shops.as_ref();
    let count = |a: &Amounts| a.orders.map(|n| Value::Int(n as i64)).unwrap_or(Value::Empty);
    let mut rows: Vec<Vec<Value>> = by_commission(&c.result.rows)
        .into_iter()
        .map(|r| {
            vec![
                Value::text(&r.agent),
                count(&r.amounts),
                Value::Money(r.amounts.paid),
                Value::Money(r.amounts.refund),
                Value::Money(r.amounts.net),
                Value::Money(r.base),
                Value::text(rule_text(r, lang)),
                Value::Number(r.multiplier.try_into().unwrap_or(1.0)),
                Value::Money(r.commission),
            ]
        })
        .collect();
    let agents = rows.len();
    let u = &c.result.unattributed;
    rows.push(vec![
        Value::text(l("unattributed")),
        count(u),
        Value::Money(u.paid),
        Value::Money(u.refund),
        Value::Money(u.net),
        Value::Empty,
        Value::Empty,
        Value::Empty,
        Value::Money(Default::default()),
    ]);
    let t = &c.result.totals;
    let totals = vec![
        Value::text(l("total")),
        count(t),
        Value::Money(t.paid),
        Value::Money(t.refund),
        Value::Money(t.net),
        Value::Money(c.result.rows.iter().map(|r| r.base).sum()),
        Value::Empty,
        Value::Empty,
        Value::Money(c.result.total_commission),
    ];
    let (mut columns, mut rows, mut totals) = (columns, rows, totals);
    if let Some(compared) = compared {
        // Each person's shops, with what each earned there (docs/definitions.md#shops).
        columns.push(Column::new(l("shops"), ColumnKind::Text));
        for (row, r) in rows.iter_mut().zip(by_commission(&c.result.rows)) {
            row.push(Value::text(person_shops(r, compared, lang)));
        }
        for row in rows.iter_mut().skip(agents) {
            row.push(Value::Empty);
        }
        totals.push(Value::Empty);
    }
    let mut sheet = Sheet::new(l("sheet.summary"), columns, Rows::Owned(rows));
    sheet.totals = Some(totals);
    // The agents' bars only: the 未归属 row would dwarf them.
    sheet.highlights = vec![Highlight::DataBarRows(4, agents)];
    sheet.charts =
        vec![Chart::new(ChartKind::Column, [l("chart.commission"), l("agent"), l("chart.amount")], 0, vec![8], agents)];
    sheet
}

/// A person's shops with the rate and commission of each: `木子家居旗舰店 2% ¥30.00；木子京东自营 1% ¥10.00`
/// (no rate for progressive tiers, whose slices have several).
fn person_shops(r: &CommissionRow, compared: &ShopsCompared, lang: Lang) -> String {
    let sep = if lang == Lang::En { "; " } else { "；" };
    r.shops
        .iter()
        .map(|p| {
            let name = shop_label(lang, compared.name(p.shop));
            match p.rate {
                Some(rate) => format!("{name} {} {}", percent(rate), yuan(p.commission)),
                None => format!("{name} {}", yuan(p.commission)),
            }
        })
        .collect::<Vec<_>>()
        .join(sep)
}

/// The title row: 客服提成, the period (or "as exported"), the shop of the orders.
pub fn title(c: &Payroll<'_>, lang: Lang) -> Title {
    let period = c.period.map(|p| period_text(p.from, p.to)).unwrap_or_else(|| label(lang, "title.as_exported").into());
    Title::new(lang, "title.commission", period, c.shops.as_ref().and_then(|s| s.title()).or_else(|| shop_of(c.orders)))
}

fn source_key(source: Option<AttributionSource>) -> &'static str {
    match source {
        Some(AttributionSource::AgentColumn) => "source.agent_column",
        Some(AttributionSource::Memo) => "source.memo",
        Some(AttributionSource::Chat) => "source.chat",
        None => "source.none",
    }
}

fn source_label(lang: Lang, source: Option<AttributionSource>) -> &'static str {
    label(lang, source_key(source))
}

/// What the source saw: the agent cell, the memo, or the reception's agent and start. Under a
/// rule other than the default `order`, a chat attribution also says which rule's reception
/// it is (付款判定 or 下单判定: `order_first` uses both), docs/definitions.md#attribution-rules.
fn evidence<'a>(order: &'a Order, a: &Attribution, rule: AttributionRule, lang: Lang) -> Cow<'a, str> {
    match a.source {
        Some(AttributionSource::AgentColumn) => Cow::Borrowed(order.agent.as_deref().unwrap_or_default()),
        Some(AttributionSource::Memo) => Cow::Borrowed(order.memo.as_deref().unwrap_or_default()),
        Some(AttributionSource::Chat) => {
            let mut text = format!(
                "{} @ {}",
                a.agent.as_deref().unwrap_or_default(),
                a.reception_start.map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string()).unwrap_or_default()
            );
            if rule != AttributionRule::Order {
                let by = label(
                    lang,
                    if a.rule == Some(AttributionRule::Payment) { "evidence.by_payment" } else { "evidence.by_order" },
                );
                match lang {
                    Lang::Zh => text.push_str(&format!("（{by}）")),
                    Lang::En => text.push_str(&format!(" ({by})")),
                }
            }
            Cow::Owned(text)
        }
        None => Cow::Borrowed(""),
    }
}

/// Every paid order of the period with its attribution. When a rule takes postage out of
/// the base, each order also shows its postage and the base it adds, so a commission can be
/// traced to its orders.
pub fn detail_sheet<'a>(c: &'a Payroll<'a>, rules: &'a RuleBook, lang: Lang) -> Sheet<'a> {
    let l = |k| label(lang, k);
    let postage = rules.default.deduct_postage || rules.agents.values().any(|r| r.deduct_postage);
    let mut columns = vec![
        Column::new(l("order_id"), ColumnKind::Text),
        Column::new(l("buyer"), ColumnKind::Text),
        Column::new(l("paid_at"), ColumnKind::DateTime),
        Column::new(l("paid"), ColumnKind::Money),
        Column::new(l("refund"), ColumnKind::Money),
        Column::new(l("net"), ColumnKind::Money),
        Column::new(l("agent"), ColumnKind::Text),
        Column::new(l("source"), ColumnKind::Text),
        Column::new(l("evidence"), ColumnKind::Text),
    ];
    if postage {
        columns.insert(6, Column::new(l("postage"), ColumnKind::Money));
        columns.insert(7, Column::new(l("base"), ColumnKind::Money));
    }
    // With several shops, each order's shop follows its id.
    let compared = c.shops.as_ref();
    let shop_of_order = move |o: &Order| compared.map(|s| s.name(o.shop_id)).unwrap_or("");
    if compared.is_some() {
        columns.insert(1, Column::new(l("shop"), ColumnKind::Text));
    }
    let (detail, orders, buyers, attributions) = (&c.detail, c.orders, c.buyers, &c.attributions);
    let rule = c.attribution_rule;
    let row = move |i: usize| {
        let (o, a) = (&orders[detail[i] as usize], &attributions[detail[i] as usize]);
        let mut values = vec![
            Value::text(o.id.as_str()),
            o.buyer.map(|b| Value::text(buyers.name(b))).unwrap_or(Value::Empty),
            o.paid_at.map(Value::DateTime).unwrap_or(Value::Empty),
            Value::Money(o.paid_amount),
            Value::Money(refund(o)),
            Value::Money(net(o)),
            a.agent.as_deref().map(Value::text).unwrap_or(Value::Empty),
            Value::text(source_label(lang, a.source)),
            Value::text(evidence(o, a, rule, lang)),
        ];
        if postage {
            // An unattributed order earns nothing: it adds to no base.
            let base =
                a.agent.as_deref().map(|agent| Value::Money(rules.for_agent_in(agent, shop_of_order(o)).order_base(o)));
            values.insert(6, Value::Money(o.postage));
            values.insert(7, base.unwrap_or(Value::Empty));
        }
        if compared.is_some() {
            values.insert(1, Value::text(shop_label(lang, shop_of_order(o))));
        }
        values
    };
    let mut sheet = Sheet::new(l("sheet.detail"), columns, Rows::Lazy { len: detail.len(), row: Box::new(row) });
    sheet.streaming = true;
    sheet
}

fn amounts_json(a: &Amounts) -> serde_json::Map<String, Json> {
    let mut m = serde_json::Map::new();
    m.insert("orders".into(), a.orders.map(|n| json!(n)).unwrap_or(Json::Null));
    m.insert("paid".into(), money_json(a.paid));
    m.insert("refund".into(), money_json(a.refund));
    m.insert("net".into(), money_json(a.net));
    m
}

/// docs/definitions.md#json shape.
pub fn json_summary(c: &Payroll<'_>, issues: usize) -> Json {
    use rust_decimal::prelude::ToPrimitive;
    let rows: Vec<Json> = c
        .result
        .rows
        .iter()
        .map(|r| {
            let mut m = serde_json::Map::new();
            m.insert("agent".into(), json!(r.agent));
            m.extend(amounts_json(&r.amounts));
            m.insert("base".into(), money_json(r.base));
            m.insert("multiplier".into(), json!(r.multiplier.to_f64().unwrap_or(1.0)));
            m.insert("commission".into(), money_json(r.commission));
            if let Some(compared) = &c.shops {
                let shops: Vec<Json> = r
                    .shops
                    .iter()
                    .map(|p| {
                        let name = Some(compared.name(p.shop)).filter(|n| !n.is_empty());
                        let mut s = serde_json::Map::new();
                        s.insert("shop".into(), json!(name));
                        s.extend(amounts_json(&p.amounts));
                        s.insert("base".into(), money_json(p.base));
                        s.insert("rate".into(), json!(p.rate.and_then(|r| r.to_f64())));
                        s.insert("commission".into(), money_json(p.commission));
                        Json::Object(s)
                    })
                    .collect();
                m.insert("shops".into(), Json::Array(shops));
            }
            Json::Object(m)
        })
        .collect();
    let mut totals = amounts_json(&c.result.totals);
    totals.insert("commission".into(), money_json(c.result.total_commission));
    let period = match c.period {
        Some(p) => json!({"from": p.from.to_string(), "to": p.to.to_string()}),
        None => json!({"from": null, "to": null}),
    };
    let mut out = json!({
        "command": "commission",
        "period": period,
        "rows": rows,
        "unattributed": Json::Object(amounts_json(&c.result.unattributed)),
        "totals": Json::Object(totals),
        "issues": issues,
    });
    add_json(&mut out, c.shops.as_ref());
    out
}

/// A rule in words: "超额累进 ≥¥0.00 1%, ≥¥500.00 2% · 净销售额 (退款后)".
pub fn rule_description(rule: &AgentRule, lang: Lang) -> String {
    let l = |k| label(lang, k);
    let mut text = match rule.mode {
        CommissionMode::Flat => format!("{} {}", l("rate.flat"), percent(rule.rate)),
        CommissionMode::Step | CommissionMode::Progressive => {
            let tiers: Vec<String> =
                rule.tiers.iter().map(|(from, rate)| format!("≥{} {}", yuan(*from), percent(*rate))).collect();
            let mode = l(if rule.mode == CommissionMode::Step { "rate.step" } else { "rate.progressive" });
            format!("{mode} {}", tiers.join(", "))
        }
    };
    text.push_str(" · ");
    text.push_str(l(match rule.base {
        BaseKind::Net => "rules.base_net",
        BaseKind::Paid => "rules.base_paid",
    }));
    if rule.deduct_postage {
        text.push_str(" · ");
        text.push_str(l("rules.postage"));
    }
    if !rule.kpi.is_empty() {
        let kpis: Vec<String> = rule
            .kpi
            .iter()
            .map(|k| match (k.at_least, k.at_most) {
                (Some(min), _) => format!("{} ≥ {min} → ×{}", k.metric, k.multiplier.0),
                (_, Some(max)) => format!("{} ≤ {max} → ×{}", k.metric, k.multiplier.0),
                _ => String::new(),
            })
            .collect();
        text.push_str(&format!(" · KPI: {}", kpis.join("; ")));
    }
    text
}

pub fn rules_items(
    c: &Payroll<'_>,
    summary: &ReadLog,
    loaded: &LoadedConfig,
    rate: Option<rust_decimal::Decimal>,
    default_rule: bool,
    lang: Lang,
) -> Vec<(String, String)> {
    let l = |k| label(lang, k).to_string();
    let rules = RuleBook::new(&loaded.config.commission, rate, |n| n.to_string());
    let mut shop_rule = rule_description(&rules.default, lang);
    if default_rule {
        shop_rule.push_str(&format!(" — {}", l("rules.default_rule")));
    }
    let mut items = vec![
        (l("rules.command"), format!("cs-tools {}", std::env::args().skip(1).collect::<Vec<_>>().join(" "))),
        (
            l("rules.period"),
            match c.period {
                Some(p) if c.from_summary => format!("{} – {} ({})", p.from, p.to, l("rules.by_report_date")),
                Some(p) => format!("{} – {} ({})", p.from, p.to, l("rules.by_paid_date")),
                None => l("rules.no_dates"),
            },
        ),
        (l("rules.commission"), shop_rule),
    ];
    for (agent, rule) in &rules.agents {
        items.push((format!("{} {agent}", l("rules.commission")), rule_description(rule, lang)));
    }
    let has_kpi = !loaded.config.commission.kpi.is_empty() || rules.agents.values().any(|r| !r.kpi.is_empty());
    if has_kpi {
        let source = if c.from_summary {
            "rules.kpi_summary"
        } else if c.with_chats {
            "rules.kpi_chats"
        } else {
            "rules.kpi_no_chats"
        };
        items.push((l("rules.kpi"), l(source)));
    }
    let chain: Vec<String> =
        loaded.config.attribution.iter().map(|s| label(lang, source_key(Some(*s))).to_string()).collect();
    items.push((l("rules.attribution"), chain.join(" → ")));
    items.push(super::output::attribution_rule_item(lang, &loaded.config));
    if !c.from_summary {
        items.push((
            l("rules.orders"),
            match lang {
                Lang::Zh => format!(
                    "合并后 {} 笔订单；未付款 {} 笔（不计）；付款不在期间内 {} 笔；期间内 {} 笔",
                    c.counts.merged,
                    c.counts.unpaid,
                    c.counts.outside,
                    c.detail.len()
                ),
                Lang::En => format!(
                    "{} orders after merging rows; {} unpaid (not counted); {} paid outside the period; {} in the period",
                    c.counts.merged,
                    c.counts.unpaid,
                    c.counts.outside,
                    c.detail.len()
                ),
            },
        ));
    }
    items.extend(input_rule_items(lang, summary));
    items.push((
        l("rules.config"),
        loaded.path.as_ref().map(|p| p.display().to_string()).unwrap_or_else(|| l("rules.no_config")),
    ));
    // The settings in force, one line a row, so the sheet reads like the file; the lost
    // reasons' keywords, the scoring table and the shifts are other reports' (and pages long).
    let mut settings = toml::Value::try_from(&loaded.config).unwrap_or(toml::Value::Table(Default::default()));
    if let Some(table) = settings.as_table_mut() {
        for other in ["lost", "scorecard", "shifts", "qa", "history"] {
            table.remove(other);
        }
    }
    for line in toml::to_string(&settings).unwrap_or_default().lines().filter(|l| !l.trim().is_empty()) {
        items.push((String::new(), line.to_string()));
    }
    items
}

pub fn stdout_summary(c: &Payroll<'_>, summary: &ReadLog, path: &str, default_rule: bool, rules: &RuleBook) -> String {
    let lang = crate::labels::message_language();
    let period =
        c.period.map(|p| format!("{} – {}", p.from, p.to)).unwrap_or_else(|| label(lang, "title.as_exported").into());
    let rows: u64 = summary.rows_of(SheetKind::Orders) + summary.rows_of(SheetKind::AgentReport);
    // A per-agent report carries no order count: none is shown.
    let counted = c.result.totals.orders.map(|n| msg!("run.commission.summary_orders", orders = orders(n)));
    let mut out = msg!(
        "run.commission.summary",
        period = period,
        rows = rows_read(rows),
        agents = agents(c.result.rows.len() as u64),
        orders = counted.unwrap_or_default(),
        net = yuan(c.result.totals.net),
        commission = yuan(c.result.total_commission)
    );
    if let Some(n) = c.result.unattributed.orders.filter(|n| *n > 0) {
        let net = yuan(c.result.unattributed.net);
        out.push_str(&msg!("run.commission.summary_unattributed", orders = orders(n), net = net));
    }
    out.push('\n');
    if default_rule {
        out.push_str(&msg!("run.commission.default_rule"));
    } else {
        out.push_str(&msg!("run.commission.rule", rule = rule_description(&rules.default, lang)));
    }
    out.push('\n');
    out.push_str(&msg!("run.wrote", path = path));
    out.push('\n');
    out
}

/// `cs-tools commission`'s result, ready for every format.
pub struct CommissionReport<'a> {
    pub payroll: &'a Payroll<'a>,
    pub rules: &'a RuleBook,
    pub read: &'a ReadLog,
    pub loaded: &'a LoadedConfig,
    /// `--rate`, when given.
    pub rate: Option<rust_decimal::Decimal>,
    /// No config and no `--rate`: the flat 2% default, said wherever the rule is.
    pub default_rule: bool,
    /// What the inputs cover of the period, said in every title.
    pub covered: &'a crate::report::coverage::Covered,
}

impl super::output::Output for CommissionReport<'_> {
    fn name(&self) -> &'static str {
        "commission"
    }

    fn period_label(&self) -> String {
        self.payroll.period.map(|p| p.label()).unwrap_or_else(|| "all".to_string())
    }

    fn json(&self) -> Json {
        json_summary(self.payroll, self.read.problems.len())
    }

    fn table(&self, lang: Lang) -> Sheet<'_> {
        summary_sheet(self.payroll, lang)
    }

    fn message(&self, lang: Lang) -> Option<super::group_chat::GroupMessage> {
        let title = self.covered.title(title(self.payroll, lang), lang);
        Some(super::group_chat::commission(lang, &title, self.payroll))
    }

    fn workbook(&self, lang: Lang) -> crate::error::Result<super::Report<'_>> {
        let c = self.payroll;
        let mut sheets = vec![summary_sheet(c, lang)];
        push_sheet(&mut sheets, c.shops.as_ref(), lang);
        if !c.from_summary {
            sheets.push(detail_sheet(c, self.rules, lang));
        }
        sheets.push(super::issues_sheet(lang, &self.read.problems));
        let mut items = rules_items(c, self.read, self.loaded, self.rate, self.default_rule, lang);
        items.splice(2..2, self.covered.rule_items(lang));
        if let Some(report) = &c.report {
            // After the period line: how the report's rows were taken.
            items.splice(2..2, crate::inputs::agent_report_rule_items(lang, report));
        }
        sheets.push(super::rules_sheet(lang, items));
        Ok(super::Report::titled(self.covered.title(title(c, lang), lang), sheets))
    }

    fn written(&self, path: &std::path::Path) -> String {
        stdout_summary(self.payroll, self.read, &path.display().to_string(), self.default_rule, self.rules)
    }

    fn notes(&self, format: crate::cli::Format, quiet: bool) -> Vec<String> {
        // The workbook's stdout lines say the rule; the other formats say nothing of it.
        let said = format == crate::cli::Format::Xlsx || quiet;
        (self.default_rule && !said).then(|| msg!("run.commission.default_note")).into_iter().collect()
    }
}
