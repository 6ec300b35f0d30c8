//! The 店铺 sheet and JSON `shops` (docs/definitions.md#shops): the shops side by side, with a
//! total that is the sum of the shops, when a run reads two or more named shops.

use crate::compute::by_shop::{ShopFigures, ShopsCompared};
use crate::compute::commission::Amounts;
use crate::compute::conversion::{AgentConversion, Tally};
use crate::compute::coverage::Coverage;
use crate::labels::{Lang, label};
use crate::report::{Column, ColumnKind, Rows, Sheet, Value, money_json};
use serde_json::{Value as Json, json};

/// A shop's name as reports show it: the unnamed shop (rows nothing named) is 未指明店铺.
pub fn shop_label(lang: Lang, name: &str) -> String {
    if name.is_empty() { label(lang, "shop.unnamed").to_string() } else { name.to_string() }
}

/// The figures of the shops added up: counts and money summed, rates from the sums.
fn total_chats(shops: &[ShopFigures]) -> Option<AgentConversion> {
    let mut tally = Tally::default();
    let mut any = false;
    for c in shops.iter().filter_map(|s| s.chats.as_ref()) {
        tally += &c.tally;
        any = true;
    }
    any.then(|| AgentConversion::from_tally("", tally))
}

/// The 店铺 sheet: one row per shop, then their total.
pub fn shops_sheet<'a>(compared: &ShopsCompared, lang: Lang) -> Sheet<'a> {
    let (shops, rates) = (compared.shops.as_slice(), compared.rates.as_slice());
    let l = |k| label(lang, k);
    let chats = shops.iter().any(|s| s.chats.is_some());
    let commission = shops.iter().any(|s| s.commission.is_some());
    let mut columns = vec![
        Column::new(l("shop"), ColumnKind::Text),
        Column::new(l("orders"), ColumnKind::Int),
        Column::new(l("paid"), ColumnKind::Money),
        Column::new(l("refund"), ColumnKind::Money),
        Column::new(l("net"), ColumnKind::Money),
        Column::new(l("unattributed_net"), ColumnKind::Money),
    ];
    if chats {
        columns.push(Column::new(l("inquiries"), ColumnKind::Int));
        columns.push(Column::new(l("paid_buyers"), ColumnKind::Int));
        columns.push(Column::new(l("conversion"), ColumnKind::Rate));
        columns.push(Column::new(l("first_response"), ColumnKind::Number));
        for r in rates {
            columns.push(Column::new(r.label.clone(), ColumnKind::Rate));
        }
    }
    if commission {
        columns.push(Column::new(l("commission"), ColumnKind::Money));
    }
    let row = |name: String,
               a: &Amounts,
               u: &Amounts,
               c: Option<&AgentConversion>,
               no_buyers: bool,
               money: Option<crate::model::Money>| {
        let mut values = vec![
            Value::text(name),
            a.orders.map(|n| Value::Int(n as i64)).unwrap_or(Value::Empty),
            Value::Money(a.paid),
            Value::Money(a.refund),
            Value::Money(a.net),
            Value::Money(u.net),
        ];
        if chats {
            let opt = |v: Option<f64>, value: fn(f64) -> Value<'a>| v.map(value).unwrap_or(Value::Empty);
            values.push(c.map(|c| Value::Int(c.inquiries as i64)).unwrap_or(Value::Empty));
            let paid = c.filter(|_| !no_buyers);
            values.push(paid.map(|c| Value::Int(c.paid_buyers as i64)).unwrap_or(Value::Empty));
            values.push(opt(paid.and_then(|c| c.conversion), Value::Rate));
            values.push(opt(c.and_then(|c| c.first_response_secs), Value::Number));
            for i in 0..rates.len() {
                values.push(opt(c.and_then(|c| c.response_rate(i)), Value::Rate));
            }
        }
        if commission {
            values.push(money.map(Value::Money).unwrap_or(Value::Empty));
        }
        values
    };
    let rows: Vec<Vec<Value>> = shops
        .iter()
        .map(|s| {
            row(shop_label(lang, &s.name), &s.amounts, &s.unattributed, s.chats.as_ref(), s.no_buyers, s.commission)
        })
        .collect();
    let (mut amounts, mut unattributed) = (Amounts::default(), Amounts::default());
    for s in shops {
        amounts.add(&s.amounts);
        unattributed.add(&s.unattributed);
    }
    let commission_total = commission.then(|| shops.iter().filter_map(|s| s.commission).sum());
    // The total is the team's, as every other sheet gives it; a shop without buyers is said.
    let totals =
        row(l("total").to_string(), &amounts, &unattributed, total_chats(shops).as_ref(), false, commission_total);
    let mut sheet = Sheet::new(l("sheet.shops"), columns, Rows::Owned(rows));
    sheet.totals = Some(totals);
    let sep = if lang == Lang::En { ", " } else { "、" };
    let named = |f: fn(&ShopFigures) -> bool, key: &'static str| {
        let these: Vec<String> = shops.iter().filter(|s| f(s)).map(|s| shop_label(lang, &s.name)).collect();
        (chats && !these.is_empty()).then(|| label(lang, key).replace("{shops}", &these.join(sep)))
    };
    let mut notes: Vec<String> = [
        named(|s| s.chats.is_none(), "shops.no_chats_note"),
        named(|s| s.chats.is_some() && s.no_buyers, "shops.no_buyers_note"),
    ]
    .into_iter()
    .flatten()
    .collect();
    // A shop whose exports reach fewer days than another shop's (a file missing for it): its
    // figures are of those days. What all shops lack alike the title's coverage says.
    let most_orders = shops.iter().map(|s| s.orders_cover.days).max().unwrap_or(0);
    let most_chats = shops.iter().filter_map(|s| s.chats_cover.map(|c| c.days)).max().unwrap_or(0);
    for s in shops {
        let short = |c: &Coverage, most: i64| !c.is_whole() && c.days < most;
        let parts: Vec<String> = [
            ("shops.cover_orders", Some(s.orders_cover).filter(|c| short(c, most_orders))),
            ("shops.cover_chats", s.chats_cover.filter(|c| short(c, most_chats))),
        ]
        .into_iter()
        .filter_map(|(key, c)| c.map(|c| (key, c)))
        .map(|(key, c)| {
            let span = c.span.map(|(a, b)| format!("{a} – {b}")).unwrap_or_else(|| "—".to_string());
            label(lang, key)
                .replace("{span}", &span)
                .replace("{days}", &c.days.to_string())
                .replace("{of}", &c.period_days.to_string())
        })
        .collect();
        if !parts.is_empty() {
            let line = label(lang, "shops.cover_note").replace("{shop}", &shop_label(lang, &s.name));
            notes.push(line.replace("{parts}", &parts.join(sep)));
        }
    }
    if !notes.is_empty() {
        sheet.note = Some(notes.join(if lang == Lang::En { " " } else { "" }));
    }
    sheet
}

/// JSON `shops`: per shop, its name (null for the unnamed shop) and figures; rates and
/// response times null where nothing was counted.
pub fn shops_json(compared: &ShopsCompared) -> Json {
    let rates = &compared.rates;
    let items: Vec<Json> = compared
        .shops
        .iter()
        .map(|s| {
            let mut m = serde_json::Map::new();
            m.insert("shop".into(), if s.name.is_empty() { Json::Null } else { json!(s.name) });
            m.insert("orders".into(), json!(s.amounts.orders.unwrap_or(0)));
            m.insert("paid".into(), money_json(s.amounts.paid));
            m.insert("refund".into(), money_json(s.amounts.refund));
            m.insert("net".into(), money_json(s.amounts.net));
            m.insert("unattributed_net".into(), money_json(s.unattributed.net));
            if let Some(c) = &s.chats {
                m.insert("inquiries".into(), json!(c.inquiries));
                let paid = (!s.no_buyers).then_some(c);
                m.insert("paid_buyers".into(), json!(paid.map(|c| c.paid_buyers)));
                m.insert("conversion".into(), json!(paid.and_then(|c| c.conversion)));
                m.insert("first_response_secs".into(), json!(c.first_response_secs));
                for (i, r) in rates.iter().enumerate() {
                    m.insert(r.id.clone(), json!(c.response_rate(i)));
                }
            }
            if let Some(c) = s.commission {
                m.insert("commission".into(), money_json(c));
            }
            Json::Object(m)
        })
        .collect();
    Json::Array(items)
}

/// The workbook's sheets, JSON and summary lines of the shops, for a report that has them:
/// the 店铺 sheet goes first after its summary.
pub fn push_sheet<'a>(sheets: &mut Vec<Sheet<'a>>, compared: Option<&ShopsCompared>, lang: Lang) {
    if let Some(c) = compared {
        sheets.insert(1.min(sheets.len()), shops_sheet(c, lang));
    }
}

/// JSON `shops` added to a report's JSON, when it has them.
pub fn add_json(v: &mut Json, compared: Option<&ShopsCompared>) {
    if let Some(c) = compared {
        v["shops"] = shops_json(c);
    }
}

/// A 所在店铺 column after the others of a sheet of persons (their name in column `name_col`):
/// each person's shops; the other rows (team, 未归属) and the total have none.
pub fn add_person_shops(sheet: &mut Sheet<'_>, name_col: usize, compared: Option<&ShopsCompared>, lang: Lang) {
    let (Some(compared), Rows::Owned(rows)) = (compared, &mut sheet.rows) else { return };
    let unnamed = label(lang, "shop.unnamed");
    sheet.columns.push(Column::new(label(lang, "shops"), ColumnKind::Text));
    for row in rows.iter_mut() {
        let person = match row.get(name_col) {
            Some(Value::Text(name)) => compared.of_person(name, unnamed),
            _ => None,
        };
        row.push(person.map(Value::text).unwrap_or(Value::Empty));
    }
    if let Some(totals) = &mut sheet.totals {
        totals.push(Value::Empty);
    }
}

/// Each JSON row (`rows`, named by `agent`) of a person gets `shops`: their shops' names
/// (null for rows of no shop), with two or more named shops.
pub fn add_person_shops_json(v: &mut Json, compared: Option<&ShopsCompared>) {
    let Some(compared) = compared else { return };
    for row in v["rows"].as_array_mut().into_iter().flatten() {
        let Some(shops) = row["agent"].as_str().and_then(|a| compared.persons.get(a)) else { continue };
        let mut names: Vec<Json> = shops
            .iter()
            .map(|&id| Some(compared.name(id)).filter(|n| !n.is_empty()).map_or(Json::Null, |n| json!(n)))
            .collect();
        names.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
        row["shops"] = Json::Array(names);
    }
}
