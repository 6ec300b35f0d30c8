//! The history's comparisons as a report shows them: the comparison sheet (对比), the month
//! sheets (环比, the last 30 days), the Overview's rows, JSON `comparisons` and
//! `month_comparison`, and the team's changes for the group-chat summary.

use crate::compute::compare::{self, Covered, Figures, PerDay, Reference};
use crate::compute::comparison::{Current, Gathered, MonthComparison, figures_of};
use crate::labels::{Lang, label};
use crate::report::trend::{TrendDay, trend_days_sheet};
use crate::report::{Chart, ChartKind, Column, ColumnKind, Rows, Sheet, Value, money_json};
use chrono::{Datelike, NaiveDate};
use serde_json::{Value as Json, json};
use std::collections::BTreeMap;

fn figures_json(f: Option<&Figures>) -> Json {
    match f {
        None => Json::Null,
        Some(f) => json!({
            "inquiries": f.inquiries,
            "paid_buyers": f.paid_buyers,
            "conversion": f.conversion,
            "sales": money_json(crate::model::round_fen(f.sales)),
            "first_response_secs": f.first_response_secs,
        }),
    }
}

/// A per-day count as shown: to 0.01, half away from zero (5.125 → 5.13).
fn round2(x: f64) -> f64 {
    use rust_decimal::prelude::ToPrimitive;
    rust_decimal::Decimal::try_from(x)
        .map(|d| d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero))
        .ok()
        .and_then(|d| d.to_f64())
        .unwrap_or(x)
}

fn per_day_json(f: Option<&Figures>, days: usize) -> Json {
    match f.and_then(|f| PerDay::of(f, days)) {
        None => Json::Null,
        Some(p) => json!({
            "inquiries": round2(p.inquiries),
            "paid_buyers": round2(p.paid_buyers),
            "sales": money_json(p.sales),
        }),
    }
}

/// JSON `comparisons`: for the team and each agent, the figures now (the run's own) and of
/// each reference (its days added up, or the whole month the history keeps: `counts`), and the changes (`conversion_pt`, `sales_pct`,
/// `inquiries_pct`, `paid_buyers_pct`, `first_response_pct`); `current` and each reference say
/// their dates, `days` covered of `period_days`, and whether counts and money were compared
/// per day (`per_day`: then `current_per_day` and `<reference>_per_day` give the means).
pub fn comparisons_json(current: &Current, refs: &[Gathered]) -> Json {
    let entity = |agent: Option<&str>| {
        let now = figures_of(&current.tallies, agent).unwrap_or_default();
        let mut v = json!({ "current": figures_json(Some(&now)) });
        for g in refs {
            let then = g.tallies.as_ref().and_then(|t| figures_of(t, agent));
            v[g.reference.name()] = figures_json(then.as_ref());
            if g.reference == Reference::MonthToDate {
                continue;
            }
            let changes: serde_json::Map<String, Json> = current
                .changes(&now, g, then.as_ref())
                .into_iter()
                .map(|(k, c)| (k.to_string(), json!(c.value())))
                .collect();
            v[format!("{}_change", g.reference.name())] = Json::Object(changes);
            if current.per_day(g) {
                v[format!("{}_per_day", g.reference.name())] = per_day_json(then.as_ref(), g.days());
                v["current_per_day"] = per_day_json(Some(&now), current.days);
            }
        }
        v
    };
    let mut agents = serde_json::Map::new();
    for name in current.tallies.keys().filter(|a| !a.is_empty()) {
        agents.insert(name.clone(), entity(Some(name)));
    }
    let references: serde_json::Map<String, Json> = refs
        .iter()
        .map(|g| {
            let covered = g.covered();
            (
                g.reference.name().to_string(),
                json!({
                    "from": g.from.to_string(), "to": g.to.to_string(), "days": covered.days,
                    "period_days": covered.of, "source": g.source(), "config_changed": g.config_changed,
                    "per_day": current.per_day(g), "counts": g.counts(),
                }),
            )
        })
        .collect();
    let covered = current.covered();
    let now = json!({
        "from": current.from.to_string(), "to": current.to.to_string(), "days": covered.days,
        "period_days": covered.of, "source": "input", "counts": "period",
    });
    json!({ "current": now, "references": references, "team": entity(None), "agents": agents })
}

/// A side's name for the coverage texts: a calendar month by its name (9月 / September), a
/// day by its date, else its dates.
fn side_name(lang: Lang, from: NaiveDate, to: NaiveDate) -> String {
    let whole_month = from.day() == 1 && to.month() == from.month() && to.succ_opt().is_none_or(|d| d.day() == 1);
    if whole_month {
        label(lang, "cmp.month_name")
            .replace("{m}", &from.month().to_string())
            .replace("{month}", &from.format("%B").to_string())
    } else if from == to {
        from.to_string()
    } else {
        format!("{from} – {to}")
    }
}

fn side_days(lang: Lang, from: NaiveDate, to: NaiveDate, c: Covered) -> String {
    label(lang, "cmp.side_days")
        .replace("{name}", &side_name(lang, from, to))
        .replace("{d}", &c.days.to_string())
        .replace("{n}", &c.of.to_string())
}

fn days_of(lang: Lang, c: Covered) -> String {
    label(lang, "cmp.days_of").replace("{d}", &c.days.to_string()).replace("{n}", &c.of.to_string())
}

/// Each side's coverage: "12月：2/31 天；11月：30/30 天" / "December: 2 of 31 days; November:
/// 30 of 30 days".
pub fn sides_text(lang: Lang, current: &Current, g: &Gathered) -> String {
    [side_days(lang, current.from, current.to, current.covered()), side_days(lang, g.from, g.to, g.covered())]
        .join(label(lang, "cmp.sides_sep"))
}

/// The team's changes for the group-chat summary, keyed by their JSON names: "环比 ▼ 5.0pt ·
/// 同比 ▲ 2.0pt". A reference neither the inputs nor the history have is left out; one compared
/// per day says so with each side's days: "月环比 ▲ 62.9%（日均；12月：2/31 天；11月：30/30 天）".
pub fn team_change_texts(lang: Lang, current: &Current, refs: &[Gathered]) -> BTreeMap<&'static str, String> {
    let now = figures_of(&current.tallies, None).unwrap_or_default();
    let mut parts: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    for g in refs {
        let key = match g.reference {
            Reference::DayBefore => "cmp.change_day",
            Reference::WeekBefore => "cmp.change_week",
            Reference::PreviousMonth => "cmp.change_month",
            Reference::MonthToDate => continue,
        };
        let Some(then) = g.tallies.as_ref().and_then(|t| figures_of(t, None)) else { continue };
        let per_day = current.per_day(g);
        for (name, change) in current.changes(&now, g, Some(&then)) {
            let mut text = format!("{} {}", label(lang, key), change.text());
            // A side short of its period says so: amounts are then per-day means.
            if per_day {
                let note = if compare::is_amount(name) { "cmp.change_per_day" } else { "cmp.change_coverage" };
                text = label(lang, note).replace("{change}", &text).replace("{sides}", &sides_text(lang, current, g));
            }
            parts.entry(name).or_default().push(text);
        }
    }
    parts.into_iter().map(|(k, v)| (k, v.join(" · "))).collect()
}

/// The comparison sheet (对比): for the team and each agent, each figure now (the run's own),
/// beside each reference with its change (▲/▼ points for conversion, percent for the others).
/// When a side misses days of its period, a first row gives each side's days covered, and each
/// count and money figure gets a per-day row below it that carries the change.
pub fn comparison_sheet<'a>(current: &Current, agents: &[String], refs: &[Gathered], lang: Lang) -> Sheet<'a> {
    let l = |k| label(lang, k);
    let mut columns = vec![
        Column::new(l("agent"), ColumnKind::Text),
        Column::new(l("cmp.metric"), ColumnKind::Text),
        Column::new(l("cmp.current"), ColumnKind::Number),
    ];
    for g in refs {
        columns.push(Column::new(reference_label(lang, g), ColumnKind::Number));
        if g.reference != Reference::MonthToDate {
            columns.push(Column::new(l(change_key(g.reference)), ColumnKind::Text));
        }
    }
    let per_day: Vec<bool> = refs.iter().map(|g| current.per_day(g)).collect();
    let any_per_day = per_day.iter().any(|p| *p);
    let mut rows: Vec<Vec<Value<'a>>> = Vec::new();
    if any_per_day {
        let mut row =
            vec![Value::Empty, Value::text(l("cmp.days_covered")), Value::text(days_of(lang, current.covered()))];
        for (g, p) in refs.iter().zip(&per_day) {
            row.push(Value::text(days_of(lang, g.covered())));
            if g.reference != Reference::MonthToDate {
                row.push(if *p { Value::text(l("cmp.compared_per_day")) } else { Value::Empty });
            }
        }
        rows.push(row);
    }
    let mut entity = |name: String, agent: Option<&str>| {
        let now = figures_of(&current.tallies, agent).unwrap_or_default();
        let thens: Vec<Option<Figures>> =
            refs.iter().map(|g| g.tallies.as_ref().and_then(|t| figures_of(t, agent))).collect();
        let changes: Vec<Vec<(&'static str, compare::Change)>> =
            refs.iter().zip(&thens).map(|(g, then)| current.changes(&now, g, then.as_ref())).collect();
        let change_text = |i: usize, key: &str| {
            changes[i].iter().find(|(k, _)| *k == key).map(|(_, c)| c.text()).unwrap_or_else(|| "—".into())
        };
        let metric_rows: [(&str, &str); 4] = [
            ("inquiries", "inquiries_pct"),
            ("paid_buyers", "paid_buyers_pct"),
            ("conversion", "conversion_pt"),
            ("sales", "sales_pct"),
        ];
        for (metric, change) in metric_rows {
            let value = |f: &Figures| match metric {
                "inquiries" => Value::Int(f.inquiries as i64),
                "paid_buyers" => Value::Int(f.paid_buyers as i64),
                "conversion" => f.conversion.map(Value::Rate).unwrap_or(Value::text("—")),
                _ => Value::Money(f.sales),
            };
            let amount = compare::is_amount(change);
            let mut row = vec![Value::text(name.clone()), Value::text(l(metric)), value(&now)];
            for (i, (g, then)) in refs.iter().zip(&thens).enumerate() {
                row.push(then.as_ref().map(value).unwrap_or(Value::text("—")));
                if g.reference != Reference::MonthToDate {
                    let text =
                        if amount && per_day[i] { l("cmp.see_per_day").to_string() } else { change_text(i, change) };
                    row.push(Value::text(text));
                }
            }
            rows.push(row);
            if !(amount && any_per_day) {
                continue;
            }
            // The per-day row: each side's figure ÷ its days covered, and the change of those.
            let mean = |f: Option<&Figures>, days: usize| match f.and_then(|f| PerDay::of(f, days)) {
                None => Value::text("—"),
                Some(p) => match metric {
                    "inquiries" => Value::Number(round2(p.inquiries)),
                    "paid_buyers" => Value::Number(round2(p.paid_buyers)),
                    _ => Value::Money(p.sales),
                },
            };
            let metric_name = l("cmp.per_day_metric").replace("{metric}", l(metric));
            let mut row = vec![Value::text(name.clone()), Value::text(metric_name), mean(Some(&now), current.days)];
            for (i, (g, then)) in refs.iter().zip(&thens).enumerate() {
                row.push(mean(then.as_ref(), g.days()));
                if g.reference != Reference::MonthToDate {
                    row.push(if per_day[i] { Value::text(change_text(i, change)) } else { Value::Empty });
                }
            }
            rows.push(row);
        }
    };
    entity(l("team").to_string(), None);
    for a in agents {
        entity(a.clone(), Some(a));
    }
    let mut sheet = Sheet::new(l("sheet.compare"), columns, Rows::Owned(rows));
    let mut note = l("cmp.note_like").to_string();
    if refs.iter().any(|g| g.distinct) {
        note.push(' ');
        note.push_str(l("cmp.note_month_distinct"));
    }
    for (g, _) in refs.iter().zip(&per_day).filter(|(_, p)| **p) {
        note.push(' ');
        note.push_str(&label(lang, "cmp.coverage_line").replace("{sides}", &sides_text(lang, current, g)));
    }
    if refs.iter().any(|g| g.config_changed) {
        note.push(' ');
        note.push_str(l("cmp.config_changed"));
    }
    sheet.note = Some(note);
    sheet
}

fn change_key(r: Reference) -> &'static str {
    match r {
        Reference::DayBefore => "cmp.change_day",
        Reference::WeekBefore => "cmp.change_week",
        _ => "cmp.change_month",
    }
}

fn reference_label(lang: Lang, g: &Gathered) -> String {
    let key = match g.reference {
        Reference::DayBefore => "cmp.day_before",
        Reference::WeekBefore => "cmp.week_before",
        Reference::MonthToDate => "cmp.month_to_date",
        Reference::PreviousMonth => "cmp.previous_month",
    };
    let dates = if g.from == g.to { g.from.to_string() } else { format!("{} – {}", g.from, g.to) };
    format!("{} ({dates})", label(lang, key))
}

/// Overview rows: the month's figures beside the month before (Σ of its days, or the whole
/// month the history keeps, as its first row says).
pub fn overview_rows<'a>(m: &MonthComparison, lang: Lang) -> Vec<Vec<Value<'a>>> {
    if m.previous.tallies.is_none() {
        return Vec::new();
    }
    let l = |k| label(lang, k);
    let now = figures_of(&m.current.tallies, None).unwrap_or_default();
    let then = m.previous.tallies.as_ref().and_then(|t| figures_of(t, None));
    let changes = m.current.changes(&now, &m.previous, then.as_ref());
    let per_day = m.current.per_day(&m.previous);
    let change = |k: &str| {
        let text = changes.iter().find(|(n, _)| *n == k).map(|(_, c)| c.text()).unwrap_or_default();
        if per_day && compare::is_amount(k) { l("cmp.overview_per_day").replace("{change}", &text) } else { text }
    };
    let head = format!("{} ({} – {})", l("cmp.previous_month"), m.previous.from, m.previous.to);
    let v = |f: Option<&Figures>, which: &str| -> Value<'a> {
        match (f, which) {
            (None, _) => Value::text("—"),
            (Some(f), "sales") => Value::Money(f.sales),
            (Some(f), "inquiries") => Value::Int(f.inquiries as i64),
            (Some(f), "paid_buyers") => Value::Int(f.paid_buyers as i64),
            (Some(f), _) => f.conversion.map(Value::Rate).unwrap_or(Value::text("—")),
        }
    };
    let counts = if m.previous.distinct { "cmp.month_distinct" } else { "cmp.sum_of_days" };
    let mut rows = vec![vec![Value::text(head), Value::text(l(counts))]];
    if per_day {
        let coverage = l("cmp.coverage_line").replace("{sides}", &sides_text(lang, &m.current, &m.previous));
        rows.push(vec![
            Value::text(format!("{} · {}", l("cmp.change_month"), l("cmp.days_covered"))),
            Value::text(coverage),
        ]);
    }
    for (key, which, ch) in [
        ("sales_with_unattributed", "sales", "sales_pct"),
        ("team_inquiries", "inquiries", "inquiries_pct"),
        ("team_paid_buyers", "paid_buyers", "paid_buyers_pct"),
        ("team_conversion", "conversion", "conversion_pt"),
    ] {
        rows.push(vec![Value::text(format!("{} · {}", l("cmp.previous_month"), l(key))), v(then.as_ref(), which)]);
        rows.push(vec![Value::text(format!("{} · {}", l("cmp.change_month"), l(key))), Value::text(change(ch))]);
    }
    rows
}

/// The per-agent month-over-month sheet (环比): this month and the month before (Σ of its
/// days, or the whole month the history keeps).
pub fn month_sheet<'a>(m: &MonthComparison, lang: Lang) -> Sheet<'a> {
    let agents: Vec<String> = m.current.tallies.keys().filter(|a| !a.is_empty()).cloned().collect();
    let mut sheet = comparison_sheet(&m.current, &agents, std::slice::from_ref(&m.previous), lang);
    sheet.name = label(lang, "sheet.month_compare").to_string();
    sheet
}

/// The last 30 days (from the inputs, else the history): the team's inquiries, paid buyers,
/// conversion and every sale; a line chart of conversion and sales.
pub fn trend_sheet<'a>(m: &MonthComparison, lang: Lang) -> Sheet<'a> {
    let l = |k| label(lang, k);
    let days = m.trend.iter().map(|(d, t)| match t.as_ref().and_then(|t| figures_of(t, None)) {
        Some(f) => TrendDay {
            date: *d,
            inquiries: Some(f.inquiries),
            paid_buyers: Some(f.paid_buyers),
            conversion: f.conversion,
            sales: Some(f.sales),
        },
        None => TrendDay::unknown(*d),
    });
    let mut sheet = trend_days_sheet("sheet.trend30", days, lang);
    let n = sheet.rows.len();
    sheet.charts = vec![Chart {
        secondary: vec![3],
        ..Chart::new(ChartKind::Line, [l("chart.daily"), l("date"), l("chart.amount")], 0, vec![4, 3], n)
    }];
    sheet
}

/// The team's month-over-month changes for the group-chat summary (`team_change_texts`).
pub fn month_change_texts(lang: Lang, m: &MonthComparison) -> BTreeMap<&'static str, String> {
    team_change_texts(lang, &m.current, std::slice::from_ref(&m.previous))
}

/// JSON `month_comparison`.
pub fn month_json(m: &MonthComparison) -> Json {
    let mut v = comparisons_json(&m.current, std::slice::from_ref(&m.previous));
    v["trend"] = m
        .trend
        .iter()
        .map(|(d, t)| {
            let mut f = figures_json(t.as_ref().and_then(|t| figures_of(t, None)).as_ref());
            if f.is_null() {
                f = json!({});
            }
            f["date"] = json!(d.to_string());
            f
        })
        .collect();
    v
}

/// The month-over-month sheets of a report: the per-agent comparison when the month before
/// is known (inputs or history), and the last 30 days when the history has some of them.
pub fn month_sheets<'a>(m: &MonthComparison, lang: Lang) -> Vec<Sheet<'a>> {
    let mut sheets = Vec::new();
    if m.previous.tallies.is_some() {
        sheets.push(month_sheet(m, lang));
    }
    if m.trend_from_history > 0 {
        sheets.push(trend_sheet(m, lang));
    }
    sheets
}
