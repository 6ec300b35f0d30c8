//! One month, two ways in (issue: the same month read as an order export and as a per-agent
//! report by day gives the same per-agent figures where the inputs carry them).
//!
//! The by-day report is written the way 赤兔 writes one — 日期, 客服昵称, 咨询人数, 接待人数,
//! 询单人数, 询单->最终付款人数, 销售额, one row per agent per day — from `daily` on each day of
//! the bundled month (`fixtures/month`), plus a September day that `--month` must leave out.
//! Money adds up across days, so each agent's commission from the report must equal the one
//! from the orders and chats; buyer counts are per day in such a report, so the test checks that
//! they are the sums of the daily figures and the conversion their ratio (SPEC §3.3), not the
//! month's distinct buyers.

use crate::common::{agent_row, fx, json, num, scratch};
use serde_json::Value;
use std::collections::BTreeMap;

const CHATS: [&str; 3] = ["month/chats.csv", "month/chats.xlsx", "month/chats.txt"];

fn daily(day: &str) -> Value {
    let chats: Vec<String> = CHATS.iter().map(|c| fx(c)).collect();
    let (orders, config) = (fx("month/orders.xlsx"), fx_config());
    let mut args = vec!["daily"];
    args.extend(chats.iter().map(String::as_str));
    args.extend(["--orders", &orders, "--config", &config, "--day", day]);
    json(&args).0
}

fn fx_config() -> String {
    fx("configs/flat.toml")
}

#[derive(Default, Debug)]
struct Sums {
    inquiries: u64,
    paid_buyers: u64,
    sales_fen: i64,
}

#[test]
fn a_month_read_from_orders_and_from_a_by_day_report_pays_the_same_commission() {
    let dir = scratch();
    let mut lines = vec!["日期,客服昵称,咨询人数,接待人数,询单人数,询单->最终付款人数,销售额".to_string()];
    let mut sums: BTreeMap<String, Sums> = BTreeMap::new();
    for day in 1..=31 {
        let date = format!("2026-10-{day:02}");
        let v = daily(&date);
        for r in v["rows"].as_array().unwrap() {
            let agent = r["agent"].as_str().unwrap().to_string();
            let (inquiries, paid) = (r["inquiries"].as_u64().unwrap(), r["paid_buyers"].as_u64().unwrap());
            let sales = num(&r["sales"]);
            lines.push(format!(
                "{date},{agent},{},{},{inquiries},{paid},{sales:.2}",
                r["consulted"].as_u64().unwrap(),
                r["received"].as_u64().unwrap()
            ));
            let s = sums.entry(agent).or_default();
            s.inquiries += inquiries;
            s.paid_buyers += paid;
            s.sales_fen += (sales * 100.0).round() as i64;
        }
    }
    assert!(sums.len() >= 5, "the month has its agents: {sums:?}");
    // A September row and the report's own total row: both left out.
    lines.push("2026-09-30,小王,9,9,9,9,99999.00".into());
    lines.push("2026-10-31,汇总,1,1,1,1,1.00".into());
    let report = dir.path().join("客服绩效_日报.csv");
    std::fs::write(&report, lines.join("\n") + "\n").unwrap();
    let report = report.to_string_lossy().into_owned();

    let chats: Vec<String> = CHATS.iter().map(|c| fx(c)).collect();
    let orders = fx("month/orders.xlsx");
    let config = fx_config();
    let mut from_orders = vec!["commission", orders.as_str(), "--chats"];
    from_orders.extend(chats.iter().map(String::as_str));
    from_orders.extend(["--config", &config, "--month", "2026-10"]);
    let (by_orders, _) = json(&from_orders);
    let (by_report, _) = json(&["commission", &report, "--config", &config, "--month", "2026-10"]);

    for (agent, s) in &sums {
        let o = agent_row(&by_orders, agent);
        let r = agent_row(&by_report, agent);
        assert_eq!((num(&r["net"]) * 100.0).round() as i64, s.sales_fen, "{agent}: report = Σ daily sales");
        assert_eq!(num(&o["net"]), num(&r["net"]), "{agent}: net from orders = net from the report");
        assert_eq!(num(&o["commission"]), num(&r["commission"]), "{agent}: commission");
    }
    let attributed: f64 = sums.values().map(|s| s.sales_fen as f64 / 100.0).sum();
    let orders_total = num(&by_orders["totals"]["net"]) - num(&by_orders["unattributed"]["net"]);
    assert!((attributed - orders_total).abs() < 0.005, "Σ agents {attributed} = orders' attributed net {orders_total}");

    // Counts of a by-day report are summed over the period, the rate recomputed from the sums.
    let (card, _) = json(&["scorecard", &report, "--config", &config, "--month", "2026-10"]);
    for (agent, s) in sums.iter().filter(|(_, s)| s.inquiries > 0) {
        let m = &agent_row(&card, agent)["metrics"];
        assert_eq!(m["inquiries"].as_f64(), Some(s.inquiries as f64), "{agent}");
        let want = s.paid_buyers as f64 / s.inquiries as f64;
        assert!((num(&m["conversion"]) - want).abs() < 1e-9, "{agent}: {} vs {want}", m["conversion"]);
    }
}
