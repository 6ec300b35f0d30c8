//! The conversion figures as sheets and JSON (docs/definitions.md#conversion): the per-agent summary with
//! the team row, conversion by chat length, one row per reception.

use super::{Chart, ChartKind, Column, ColumnKind, Highlight, Rows, Sheet, Value};
use crate::buyers::Buyers;
use crate::compute::conversion::{AgentConversion, ConversionResult, RateName, ReceptionOutcome, ReceptionType};
use crate::compute::period::by_conversion;
use crate::compute::receptions::Reception;
use crate::labels::{Lang, label};
use crate::model::{Order, Period};
use serde_json::{Value as Json, json};

/// The settings that shape conversion, for the Rules sheet.
pub fn settings_items(config: &crate::config::Config, lang: Lang) -> Vec<(String, String)> {
    let mut items = vec![
        ("after_sales_days".into(), config.after_sales_days.to_string()),
        ("conversion_window_days".into(), config.conversion_window_days.to_string()),
        ("response_cap_secs".into(), config.response_cap_secs.to_string()),
        ("slow_response_secs".into(), config.slow_response_secs.to_string()),
        ("attribution_window_hours".into(), config.attribution_window_hours.to_string()),
        ("auto_reply_markers".into(), config.auto_reply_markers.join(" ")),
    ];
    // Each platform response rate as written in the config (docs/definitions.md#conversion).
    items.extend(config.conversion.effective().into_iter().map(|r| {
        let per = if crate::config::per_turn(&r.per) == Some(true) { "rate.per_turn" } else { "rate.per_reception" };
        let text = label(lang, "rate.rule")
            .replace("{label}", &r.label)
            .replace("{secs}", &r.secs.to_string())
            .replace("{per}", label(lang, per))
            .replace("{hours}", &r.hours);
        (format!("conversion.response_rate {}", r.id), text)
    }));
    items
}

pub fn opt_num(v: Option<f64>) -> Value<'static> {
    v.map(Value::Number).unwrap_or(Value::Empty)
}

pub fn opt_rate(v: Option<f64>) -> Value<'static> {
    v.map(Value::Rate).unwrap_or(Value::Empty)
}

fn row_values<'a>(r: &'a AgentConversion, name: &'a str, rates: usize) -> Vec<Value<'a>> {
    let mut row = vec![
        Value::text(name),
        Value::Int(r.consulted as i64),
        Value::Int(r.received as i64),
        Value::Int(r.inquiries as i64),
        Value::Int(r.ordered as i64),
        Value::Int(r.paid_buyers as i64),
        opt_rate(r.conversion),
        opt_rate(r.order_rate),
        Value::Money(r.sales),
        r.aov.map(Value::Money).unwrap_or(Value::Empty),
        opt_num(r.first_response_secs),
        opt_num(r.avg_response_secs),
        opt_rate(r.reply_rate),
        opt_num(r.answer_ratio),
        Value::Int(r.tally.answered_receptions as i64),
        Value::Int(r.slow_receptions as i64),
        opt_rate(r.slow_rate),
    ];
    row.extend((0..rates).map(|i| opt_rate(r.response_rate(i))));
    row
}

/// Column of 销售额 in the summary.
const SALES_COL: usize = 8;

/// Per agent, then the team row (the agents added up, docs/definitions.md#conversion), 未归属's sales, and the
/// money total agents + 未归属 that reconciles with the orders. People columns (人数) count
/// distinct buyers per agent; the last three count receptions (次), 慢响应 beside its own
/// denominator. The platform response rates follow, one column each.
pub fn summary_sheet<'a>(result: &'a ConversionResult, lang: Lang) -> Sheet<'a> {
    let l = |k| label(lang, k);
    let col = |k, kind| Column::new(l(k), kind);
    let mut columns = vec![
        col("agent", ColumnKind::Text),
        col("consulted", ColumnKind::Int),
        col("received", ColumnKind::Int),
        col("inquiries", ColumnKind::Int),
        col("ordered", ColumnKind::Int),
        col("paid_buyers", ColumnKind::Int),
        col("conversion", ColumnKind::Rate),
        col("order_rate", ColumnKind::Rate),
        col("sales_attributed", ColumnKind::Money),
        col("aov", ColumnKind::Money),
        col("first_response", ColumnKind::Number),
        col("avg_response", ColumnKind::Number),
        col("reply_rate", ColumnKind::Rate),
        col("answer_ratio", ColumnKind::Number),
        col("answered_receptions", ColumnKind::Int),
        col("slow_receptions", ColumnKind::Int),
        col("slow_rate", ColumnKind::Rate),
    ];
    columns.extend(result.rates.iter().map(|r| Column::new(crate::labels::response_rate(lang, r), ColumnKind::Rate)));
    let n = result.rates.len();
    let mut rows: Vec<Vec<Value>> =
        by_conversion(&result.rows).into_iter().map(|r| row_values(r, &r.agent, n)).collect();
    let agents = rows.len();
    rows.push(row_values(&result.totals, l("team"), n));
    let money_only = |name: &'static str, sales| {
        let mut row = vec![Value::Empty; columns.len()];
        row[0] = Value::text(name);
        row[SALES_COL] = Value::Money(sales);
        row
    };
    rows.push(money_only(l("unattributed"), result.unattributed_sales));
    let total = money_only(l("sales_all"), result.shop.sales);
    let mut sheet = Sheet::new(l("sheet.summary"), columns, Rows::Owned(rows));
    sheet.totals = Some(total);
    // Data bars over the agents' sales only: the team row's would dwarf them. The colour
    // scale on conversion can take the team row: its rate lies between the agents'.
    sheet.highlights = vec![Highlight::DataBarRows(SALES_COL, agents), Highlight::ColorScale(6)];
    sheet.charts = vec![Chart::new(
        ChartKind::Column,
        [l("chart.sales"), l("agent"), l("chart.amount")],
        0,
        vec![SALES_COL],
        agents,
    )];
    sheet
}

pub fn duration_sheet<'a>(result: &ConversionResult, lang: Lang) -> Sheet<'a> {
    let l = |k| label(lang, k);
    let columns = vec![
        Column::new(l("bucket"), ColumnKind::Text),
        Column::new(l("inquiry_count"), ColumnKind::Int),
        Column::new(l("converted_count"), ColumnKind::Int),
        Column::new(l("rate_converted"), ColumnKind::Rate),
    ];
    let rows: Vec<Vec<Value>> = result
        .by_duration
        .iter()
        .map(|b| {
            vec![
                Value::text(crate::labels::bucket(lang, b.bucket)),
                Value::Int(b.inquiries as i64),
                Value::Int(b.converted as i64),
                opt_rate(b.rate),
            ]
        })
        .collect();
    let n = rows.len();
    let mut sheet = Sheet::new(l("sheet.by_duration"), columns, Rows::Owned(rows));
    sheet.charts =
        vec![Chart::new(ChartKind::Column, [l("chart.by_duration"), l("bucket"), l("chart.count")], 0, vec![1, 2], n)];
    sheet
}

fn type_label(lang: Lang, kind: ReceptionType) -> &'static str {
    label(
        lang,
        match kind {
            ReceptionType::Inquiry => "type.inquiry",
            ReceptionType::AfterSales => "type.after_sales",
            ReceptionType::NoBuyerMessage => "type.no_buyer",
        },
    )
}

/// One row per reception of the period (streamed: there may be millions), with a column
/// per platform response rate marking the receptions that missed it.
#[allow(clippy::too_many_arguments)]
pub fn receptions_sheet<'a>(
    rates: &[RateName],
    receptions: &'a [Reception],
    outcomes: &'a [ReceptionOutcome],
    orders: &'a [Order],
    buyers: &'a Buyers,
    period: Period,
    lang: Lang,
) -> Sheet<'a> {
    let l = |k| label(lang, k);
    let mut columns = vec![
        Column::new(l("agent"), ColumnKind::Text),
        Column::new(l("buyer"), ColumnKind::Text),
        Column::new(l("start"), ColumnKind::DateTime),
        Column::new(l("messages"), ColumnKind::Int),
        Column::new(l("first_response"), ColumnKind::Number),
        Column::new(l("type"), ColumnKind::Text),
        Column::new(l("converting_order"), ColumnKind::Text),
    ];
    columns.extend(rates.iter().map(|r| Column::new(crate::labels::response_rate(lang, r), ColumnKind::Text)));
    let (n, missed) = (rates.len(), l("rate.missed"));
    let shown: Vec<usize> = (0..receptions.len()).filter(|&i| period.contains(receptions[i].date())).collect();
    let row = move |k: usize| {
        let i = shown[k];
        let (r, o) = (&receptions[i], &outcomes[i]);
        let mut row = vec![
            Value::text(&*r.agent),
            Value::text(buyers.name(r.buyer)),
            Value::DateTime(r.start),
            if r.from_session { Value::Empty } else { Value::Int(i64::from(r.buyer_messages + r.agent_messages)) },
            opt_num(r.first_response.get()),
            Value::text(type_label(lang, o.kind)),
            o.converting_order.map(|j| Value::text(&*orders[j as usize].id)).unwrap_or(Value::Empty),
        ];
        row.extend((0..n).map(|k| if r.rates.missed(k) { Value::text(missed) } else { Value::Empty }));
        row
    };
    let len = receptions.iter().filter(|r| period.contains(r.date())).count();
    let mut sheet = Sheet::new(l("sheet.receptions"), columns, Rows::Lazy { len, row: Box::new(row) });
    sheet.streaming = true;
    sheet
}

fn row_json(r: &AgentConversion, rates: &[RateName], with_agent: bool) -> Json {
    let mut v = json!({
        "consulted": r.consulted,
        "received": r.received,
        "inquiries": r.inquiries,
        "ordered": r.ordered,
        "paid_buyers": r.paid_buyers,
        "conversion": r.conversion,
        "order_rate": r.order_rate,
        "sales": crate::report::money_json(r.sales),
        "aov": r.aov.map(crate::report::money_json),
        "first_response_secs": r.first_response_secs,
        "avg_response_secs": r.avg_response_secs,
        "reply_rate": r.reply_rate,
        "answer_ratio": r.answer_ratio,
        "slow_receptions": r.slow_receptions,
        "answered_receptions": r.tally.answered_receptions,
        "slow_rate": r.slow_rate,
        "inquiry_receptions": r.tally.inquiry_receptions,
        "lost_inquiries": r.tally.lost_inquiries,
    });
    for (i, rate) in rates.iter().enumerate() {
        v[rate.id.as_str()] = json!(r.response_rate(i));
    }
    if with_agent {
        v["agent"] = json!(r.agent);
    }
    v
}

/// docs/definitions.md#json conversion shape. `totals` is the team row (the agents added up); `shop` counts
/// each buyer once across agents and its sales are agents + unattributed.
pub fn json_summary(result: &ConversionResult, period: Period, issues: usize) -> Json {
    json!({
        "command": "conversion",
        "period": {"from": period.from.to_string(), "to": period.to.to_string()},
        "rows": result.rows.iter().map(|r| row_json(r, &result.rates, true)).collect::<Vec<_>>(),
        "unattributed": {"sales": crate::report::money_json(result.unattributed_sales)},
        "totals": row_json(&result.totals, &result.rates, false),
        "shop": row_json(&result.shop, &result.rates, false),
        "by_duration": result.by_duration.iter().map(|b| json!({
            "bucket": b.bucket, "inquiries": b.inquiries, "converted": b.converted, "rate": b.rate,
        })).collect::<Vec<_>>(),
        "silent_sales": crate::report::money_json(result.silent_sales),
        "issues": issues,
    })
}

/// `cs-tools conversion`'s result, ready for every format.
pub struct ConversionReport<'a> {
    pub result: &'a ConversionResult,
    pub period: Period,
    /// Everything read: receptions, orders, buyers, what each file held.
    pub all: &'a crate::inputs::Inputs,
    pub outcomes: &'a [ReceptionOutcome],
    /// What the inputs cover of the period, said in every title.
    pub covered: &'a crate::report::coverage::Covered,
    /// The month before and the same month last year, when the history holds them.
    pub month: Option<&'a crate::compute::comparison::MonthComparison>,
    /// The period's lost reasons, for the group-chat message only.
    pub lost: Option<&'a crate::compute::lost::Lost<'a>>,
    pub config: &'a crate::config::Config,
    /// The shops side by side, with two or more named shops (docs/definitions.md#shops).
    pub shops: Option<&'a crate::compute::by_shop::ShopsCompared>,
}

impl ConversionReport<'_> {
    fn title(&self, lang: Lang) -> super::Title {
        let shop = self.shops.and_then(|s| s.title()).or_else(|| super::shop_of(&self.all.orders));
        let title =
            super::Title::new(lang, "title.conversion", super::period_text(self.period.from, self.period.to), shop);
        self.covered.title(title, lang)
    }
}

impl super::output::Output for ConversionReport<'_> {
    fn name(&self) -> &'static str {
        "conversion"
    }

    fn period_label(&self) -> String {
        self.period.label()
    }

    fn json(&self) -> Json {
        let mut v = json_summary(self.result, self.period, self.all.read.problems.len());
        if let Some(m) = self.month {
            v["month_comparison"] = crate::report::history::month_json(m);
        }
        super::shops::add_json(&mut v, self.shops);
        super::shops::add_person_shops_json(&mut v, self.shops);
        v
    }

    fn table(&self, lang: Lang) -> Sheet<'_> {
        summary_sheet(self.result, lang)
    }

    fn message(&self, lang: Lang) -> Option<super::group_chat::GroupMessage> {
        let changes = self.month.map(|m| crate::report::history::month_change_texts(lang, m)).unwrap_or_default();
        let message = super::group_chat::conversion(lang, &self.title(lang), self.result, self.lost);
        Some(message.with_team_changes(&changes).with_shops(self.shops))
    }

    fn workbook(&self, lang: Lang) -> crate::error::Result<super::Report<'_>> {
        let mut rules = super::output::rules_head(lang, self.period);
        rules.extend(self.covered.rule_items(lang));
        rules.push(super::output::attribution_rule_item(lang, self.config));
        rules.extend(settings_items(self.config, lang));
        rules.extend(super::inputs::input_rule_items(lang, &self.all.read));
        let mut summary = summary_sheet(self.result, lang);
        super::shops::add_person_shops(&mut summary, 0, self.shops, lang);
        let mut sheets = vec![summary];
        super::shops::push_sheet(&mut sheets, self.shops, lang);
        sheets.extend(self.month.iter().flat_map(|m| crate::report::history::month_sheets(m, lang)));
        sheets.extend([
            duration_sheet(self.result, lang),
            receptions_sheet(
                &self.result.rates,
                &self.all.receptions,
                self.outcomes,
                &self.all.orders,
                &self.all.buyers,
                self.period,
                lang,
            ),
            super::issues_sheet(lang, &self.all.read.problems),
            super::rules_sheet(lang, rules),
        ]);
        Ok(super::Report::titled(self.title(lang), sheets))
    }

    fn written(&self, path: &std::path::Path) -> String {
        let t = &self.result.totals;
        let summary = msg!(
            "run.conversion.summary",
            from = self.period.from,
            to = self.period.to,
            receptions = self.all.receptions.iter().filter(|r| self.period.contains(r.date())).count(),
            inquiries = t.inquiries,
            paid = t.paid_buyers,
            conversion = t.conversion.map(|c| format!("{:.1}%", c * 100.0)).unwrap_or_else(|| "-".into()),
            sales = crate::format::yuan(self.result.shop.sales),
        );
        format!("{summary}\n{}\n", msg!("run.wrote", path = path.display()))
    }
}
