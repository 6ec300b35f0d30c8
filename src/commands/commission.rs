//! `cs-tools commission ORDERS…`: per-agent commission for payroll (SPEC §4.6).

use super::{
    LoadedConfig, OrderInput, Outcome, lang, load_config, output_path, percent, print_stdout, read_options,
    read_orders, requested_period, yuan,
};
use crate::cli::{CommissionArgs, Format};
use crate::compute::agents::AgentDirectory;
use crate::compute::attribution::{Attribution, Attributor};
use crate::compute::commission::{self, Amounts, CommissionResult, CommissionRow, RuleBook};
use crate::compute::orders::{OrderState, net, refund, state};
use crate::config::{AttributionSource, BaseKind, CommissionMode};
use crate::error::{Error, Result};
use crate::model::{Order, Period, PeriodKind};
use crate::read::ReadSummary;
use crate::read::fields::SheetKind;
use crate::report::labels::{Lang, label};
use crate::report::{
    Chart, ChartKind, Column, ColumnKind, Highlight, Report, Rows, Sheet, Value, issues_sheet, rules_sheet, text, xlsx,
};
use chrono::NaiveDate;
use serde_json::{Value as Json, json};
use std::collections::BTreeSet;

/// Everything the command computed, ready for any output format.
struct Computed<'a> {
    period: Option<Period>,
    result: CommissionResult,
    /// The period's paid orders with their attribution, sorted by paid time then id.
    detail: Vec<(&'a Order, Attribution)>,
    /// Orders read, unpaid, outside the period: for the Rules sheet.
    counts: OrderCounts,
    from_summary: bool,
}

#[derive(Default)]
struct OrderCounts {
    merged: usize,
    unpaid: usize,
    outside: usize,
}

pub fn run(args: &CommissionArgs, today: NaiveDate) -> Result<Outcome> {
    let loaded = load_config(args.input.config.as_deref())?;
    let config = &loaded.config;
    let options = read_options(&args.input, config);
    let requested = requested_period(&args.period, today)?;

    let OrderInput { orders, mut summaries, read: summary } =
        read_orders(&args.files, &options, &[SheetKind::Orders, SheetKind::AgentSummary])?;

    let has_orders = summary.tables_of(SheetKind::Orders).next().is_some();
    if !has_orders && summaries.is_empty() && summary.tables_of(SheetKind::AgentSummary).next().is_none() {
        return Err(Error::Input(no_orders_message(&summary)));
    }

    let directory = AgentDirectory::new(&config.agents);
    let rules = RuleBook::new(&config.commission, args.rate, |name| {
        directory.resolve(name).unwrap_or_else(|| name.to_string())
    });
    let computed = if has_orders {
        compute_from_orders(&orders, &directory, &rules, &loaded, requested)
    } else {
        for s in &mut summaries {
            s.agent = directory.resolve(&s.agent).unwrap_or_else(|| s.agent.clone());
        }
        Computed {
            period: requested,
            result: commission::from_agent_summaries(&summaries, &rules),
            detail: Vec::new(),
            counts: OrderCounts::default(),
            from_summary: true,
        }
    };
    computed.result.reconcile().map_err(Error::Reconcile)?;

    let lang = lang(&args.output);
    let default_rule = loaded.path.is_none() && args.rate.is_none();
    let problems = summary.problems.len();
    match args.output.format {
        Format::Json => print_stdout(&format!("{}\n", json_summary(&computed, problems))),
        Format::Csv | Format::Table => {
            let sheet = summary_sheet(&computed, lang);
            print_stdout(&if args.output.format == Format::Csv { text::csv(&sheet) } else { text::table(&sheet) });
        }
        Format::Xlsx => {
            let label = computed.period.map(|p| p.label()).unwrap_or_else(|| "all".to_string());
            let path = output_path(&args.output, "commission", &label, &args.files)?;
            let mut sheets = vec![summary_sheet(&computed, lang)];
            if !computed.from_summary {
                sheets.push(detail_sheet(&computed, lang));
            }
            sheets.push(issues_sheet(lang, &summary.problems));
            sheets.push(rules_sheet(lang, rules_items(&computed, &summary, &loaded, args, default_rule)));
            xlsx::write(&Report { sheets }, &path)?;
            if !args.output.quiet {
                print_stdout(&stdout_summary(&computed, &summary, &path.display().to_string(), default_rule, &rules));
            }
        }
    }
    if default_rule && args.output.format != Format::Xlsx && !args.output.quiet {
        eprintln!("note: no config and no --rate: flat 2% commission (the default)");
    }
    if problems > 0 {
        let where_listed = if args.output.format == Format::Xlsx {
            "listed in the report's Issues sheet (问题)"
        } else {
            "write the xlsx report (or run `cs-tools inspect`) to see them"
        };
        eprintln!("{problems} row problem(s): {where_listed}");
    }
    Ok(Outcome { problems, strict: args.output.strict })
}

fn no_orders_message(summary: &ReadSummary) -> String {
    let mut lines = vec!["no order sheet or per-agent report found in the input:".to_string()];
    for t in &summary.tables {
        let place = if t.sheet.is_empty() { t.file.to_string() } else { format!("{} [{}]", t.file, t.sheet) };
        let what = match (t.kind, &t.why_unused) {
            (Some(kind), _) => format!("a {} sheet", kind.name()),
            (None, Some(why)) => why.clone(),
            (None, None) => "not used".to_string(),
        };
        lines.push(format!("  {place}: {what}"));
    }
    lines
        .push("Name the columns in cs-tools.toml ([columns.orders]) or check the file with `cs-tools inspect`.".into());
    lines.join("\n")
}

fn compute_from_orders<'a>(
    orders: &'a [Order],
    directory: &AgentDirectory,
    rules: &RuleBook,
    loaded: &LoadedConfig,
    requested: Option<Period>,
) -> Computed<'a> {
    let mut counts = OrderCounts { merged: orders.len(), ..OrderCounts::default() };
    let paid: Vec<&Order> = orders.iter().filter(|o| state(o) != OrderState::Unpaid).collect();
    counts.unpaid = orders.len() - paid.len();
    let paid_date = |o: &Order| o.paid_at.map(|t| t.date());
    let period = requested.or_else(|| {
        let from = paid.iter().filter_map(|o| paid_date(o)).min()?;
        let to = paid.iter().filter_map(|o| paid_date(o)).max()?;
        Some(Period { from, to, kind: PeriodKind::All })
    });
    let mut in_period: Vec<&Order> =
        paid.into_iter().filter(|o| period.is_some_and(|p| paid_date(o).is_some_and(|d| p.contains(d)))).collect();
    counts.outside = orders.len() - counts.unpaid - in_period.len();
    in_period.sort_by(|a, b| a.paid_at.cmp(&b.paid_at).then_with(|| a.id.cmp(&b.id)));

    // Agents named in any agent column are known names for memos (SPEC §4.3).
    let seen: BTreeSet<String> =
        orders.iter().filter_map(|o| o.agent.as_deref()).filter_map(|a| directory.resolve(a)).collect();
    let mut attributor =
        Attributor::new(&loaded.config.attribution, directory, &seen, None, loaded.config.attribution_window_hours);
    let detail: Vec<(&Order, Attribution)> = in_period.into_iter().map(|o| (o, attributor.attribute(o))).collect();
    // KPI metrics come from chats; without them no condition holds and multipliers are 1.
    let result = commission::from_orders(detail.iter().map(|(o, a)| (a.agent.as_deref(), *o)), rules, |_, _| None);
    Computed { period, result, detail, counts, from_summary: false }
}

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

fn summary_sheet<'a>(c: &Computed<'_>, lang: Lang) -> Sheet<'a> {
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
    let count = |a: &Amounts| a.orders.map(|n| Value::Int(n as i64)).unwrap_or(Value::Empty);
    let mut rows: Vec<Vec<Value>> = c
        .result
        .rows
        .iter()
        .map(|r| {
            vec![
                Value::text(&r.agent),
                count(&r.amounts),
                Value::Money(r.amounts.paid),
                Value::Money(r.amounts.refund),
                Value::Money(r.amounts.net),
                Value::Money(r.base),
                Value::Text(rule_text(r, lang)),
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
    let mut sheet = Sheet::new(l("sheet.summary"), columns, Rows::Owned(rows));
    sheet.totals = Some(totals);
    sheet.highlights = vec![Highlight::DataBar(4)];
    sheet.charts = vec![Chart {
        kind: ChartKind::Column,
        title: l("chart.commission").to_string(),
        x_title: l("agent").to_string(),
        y_title: l("chart.amount").to_string(),
        category_column: 0,
        value_columns: vec![8],
        rows: agents,
    }];
    sheet
}

fn source_label(lang: Lang, source: Option<AttributionSource>) -> &'static str {
    label(
        lang,
        match source {
            Some(AttributionSource::AgentColumn) => "source.agent_column",
            Some(AttributionSource::Memo) => "source.memo",
            Some(AttributionSource::Chat) => "source.chat",
            None => "source.none",
        },
    )
}

fn evidence(order: &Order, a: &Attribution) -> String {
    match a.source {
        Some(AttributionSource::AgentColumn) => order.agent.as_deref().unwrap_or_default().to_string(),
        Some(AttributionSource::Memo) => order.memo.as_deref().unwrap_or_default().to_string(),
        Some(AttributionSource::Chat) => format!(
            "{} @ {}",
            a.agent.as_deref().unwrap_or_default(),
            a.reception_start.map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string()).unwrap_or_default()
        ),
        None => String::new(),
    }
}

fn detail_sheet<'a>(c: &'a Computed<'a>, lang: Lang) -> Sheet<'a> {
    let l = |k| label(lang, k);
    let columns = vec![
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
    let detail = &c.detail;
    let row = move |i: usize| {
        let (o, a) = &detail[i];
        vec![
            Value::text(o.id.as_ref()),
            o.buyer.as_deref().map(Value::text).unwrap_or(Value::Empty),
            o.paid_at.map(Value::DateTime).unwrap_or(Value::Empty),
            Value::Money(o.paid_amount),
            Value::Money(refund(o)),
            Value::Money(net(o)),
            a.agent.as_deref().map(Value::text).unwrap_or(Value::Empty),
            Value::text(source_label(lang, a.source)),
            Value::Text(evidence(o, a)),
        ]
    };
    let mut sheet = Sheet::new(l("sheet.detail"), columns, Rows::Lazy { len: detail.len(), row: Box::new(row) });
    sheet.streaming = true;
    sheet
}

fn money_json(m: crate::model::Money) -> Json {
    use rust_decimal::prelude::ToPrimitive;
    json!(crate::model::round_fen(m).to_f64().unwrap_or(0.0))
}

fn amounts_json(a: &Amounts) -> serde_json::Map<String, Json> {
    let mut m = serde_json::Map::new();
    m.insert("orders".into(), a.orders.map(|n| json!(n)).unwrap_or(Json::Null));
    m.insert("paid".into(), money_json(a.paid));
    m.insert("refund".into(), money_json(a.refund));
    m.insert("net".into(), money_json(a.net));
    m
}

/// SPEC §5.1 shape.
fn json_summary(c: &Computed<'_>, issues: usize) -> Json {
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
            Json::Object(m)
        })
        .collect();
    let mut totals = amounts_json(&c.result.totals);
    totals.insert("commission".into(), money_json(c.result.total_commission));
    let period = match c.period {
        Some(p) => json!({"from": p.from.to_string(), "to": p.to.to_string()}),
        None => json!({"from": null, "to": null}),
    };
    json!({
        "command": "commission",
        "period": period,
        "rows": rows,
        "unattributed": Json::Object(amounts_json(&c.result.unattributed)),
        "totals": Json::Object(totals),
        "issues": issues,
    })
}

fn rule_description(rules: &RuleBook, default_rule: bool) -> String {
    let r = &rules.default;
    let mut text = match r.mode {
        CommissionMode::Flat => format!("flat {}", percent(r.rate)),
        CommissionMode::Step | CommissionMode::Progressive => {
            let tiers: Vec<String> =
                r.tiers.iter().map(|(from, rate)| format!("≥{} {}", yuan(*from), percent(*rate))).collect();
            format!(
                "{} tiers {}",
                if r.mode == CommissionMode::Step { "step (全额累进)" } else { "progressive (超额累进)" },
                tiers.join(", ")
            )
        }
    };
    text.push_str(match r.base {
        BaseKind::Net => " of net sales (after refunds)",
        BaseKind::Paid => " of paid amounts (before refunds)",
    });
    if r.deduct_postage {
        text.push_str(", postage deducted");
    }
    if default_rule {
        text.push_str(" — the default: no cs-tools.toml and no --rate");
    }
    text
}

fn rules_items(
    c: &Computed<'_>,
    summary: &ReadSummary,
    loaded: &LoadedConfig,
    args: &CommissionArgs,
    default_rule: bool,
) -> Vec<(String, String)> {
    let rules = RuleBook::new(&loaded.config.commission, args.rate, |n| n.to_string());
    let mut items = vec![
        ("command".to_string(), std::env::args().collect::<Vec<_>>()[1..].join(" ")),
        (
            "period".to_string(),
            match c.period {
                Some(p) => format!("{} – {} (by paid date)", p.from, p.to),
                None => "as exported (a per-agent report has no dates)".to_string(),
            },
        ),
        ("commission".to_string(), rule_description(&rules, default_rule)),
        (
            "config".to_string(),
            loaded.path.as_ref().map(|p| p.display().to_string()).unwrap_or_else(|| "none: built-in defaults".into()),
        ),
    ];
    for (agent, r) in &rules.agents {
        items.push((
            format!("commission for {agent}"),
            format!("{} {}", format!("{:?}", r.mode).to_lowercase(), percent(r.rate)),
        ));
    }
    if !loaded.config.commission.kpi.is_empty() {
        items.push((
            "KPI multipliers".to_string(),
            if c.from_summary {
                "from the per-agent report's metrics".to_string()
            } else {
                "need conversion figures from chats: multiplier 1 for every agent".to_string()
            },
        ));
    }
    let chain: Vec<String> = loaded.config.attribution.iter().map(|s| format!("{s:?}")).collect();
    items.push(("attribution".to_string(), chain.join(" → ")));
    for f in &summary.files {
        items.push((format!("input {}", f.name), format!("{}, {} bytes", f.format_label(), f.size)));
    }
    for t in &summary.tables {
        let place = if t.sheet.is_empty() { t.file.to_string() } else { format!("{} [{}]", t.file, t.sheet) };
        let what = match t.kind {
            Some(k) => format!("{}: header at row {}, {} data rows", k.name(), t.header_row, t.data_rows),
            None => format!("not used: {}", t.why_unused.as_deref().unwrap_or("")),
        };
        items.push((format!("sheet {place}"), what));
    }
    if !c.from_summary {
        items.push((
            "orders".to_string(),
            format!(
                "{} orders after merging rows; {} unpaid (not counted); {} paid outside the period; {} in the period",
                c.counts.merged,
                c.counts.unpaid,
                c.counts.outside,
                c.detail.len()
            ),
        ));
    }
    items.push(("settings (cs-tools.toml)".to_string(), toml::to_string(&loaded.config).unwrap_or_default()));
    items
}

fn stdout_summary(c: &Computed<'_>, summary: &ReadSummary, path: &str, default_rule: bool, rules: &RuleBook) -> String {
    let period = c.period.map(|p| format!("{} – {}", p.from, p.to)).unwrap_or_else(|| "as exported".into());
    let rows: u64 = summary.rows_of(SheetKind::Orders) + summary.rows_of(SheetKind::AgentSummary);
    let mut out = format!(
        "commission {period}: {rows} rows read, {} agents, {} orders, net {}, commission {}",
        c.result.rows.len(),
        c.result.totals.orders.map(|n| n.to_string()).unwrap_or_else(|| "-".into()),
        yuan(c.result.totals.net),
        yuan(c.result.total_commission)
    );
    if c.result.unattributed.orders.unwrap_or(0) > 0 {
        out.push_str(&format!(
            "; unattributed {} orders, net {}",
            c.result.unattributed.orders.unwrap_or(0),
            yuan(c.result.unattributed.net)
        ));
    }
    out.push('\n');
    if default_rule {
        out.push_str("rule: flat 2% of net sales — the default (no cs-tools.toml and no --rate)\n");
    } else {
        out.push_str(&format!("rule: {}\n", rule_description(rules, false)));
    }
    out.push_str(&format!("wrote {path}\n"));
    out
}
