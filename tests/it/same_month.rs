//! One month, two ways in: the month of fixtures/month read as an order export with its chats
//! and as a per-agent report by day gives the same per-agent figures where the inputs carry them.
//!
//! The report by day is `fixtures/month/by_day.csv`, laid out as 赤兔 writes one — 日期, 客服昵称,
//! 咨询人数, 接待人数, 询单人数, 询单->最终付款人数, 销售额, one row per agent per day — and worked out
//! from the month's raw files by the written definitions, without cs-tools, by
//! `fixtures/month/derive.py --by-day` (fixtures/month/EXPECTED.md). `daily` on each day must give
//! those rows. Money adds up across days, so each agent's commission from the report must equal
//! the one from the orders and chats; buyer counts are per day in such a report, so the scorecard
//! sums them and takes the conversion as their ratio (docs/definitions.md#fields), not the month's
//! distinct buyers.

use crate::common::{agent_row, assert_close, assert_money, fx, fx_path, json, num, scratch};
use serde_json::Value;

const CHATS: [&str; 3] = ["month/chats.csv", "month/chats.xlsx", "month/chats.txt"];

/// Per agent, from the rows of by_day.csv: Σ 询单人数, Σ 询单->最终付款人数, Σ 销售额 (= the agent's
/// October sales of EXPECTED.md, each order counted on its paid day) and flat.toml's 2.5% of it,
/// rounded to the fen half away from zero (小王: 7833.78 × 0.025 = 195.8445 → 195.84).
const MONTH: [(&str, u64, u64, f64, f64); 12] = [
    ("七七", 25, 13, 9_957.62, 248.94),
    ("东东", 27, 13, 15_568.43, 389.21),
    ("佳佳", 32, 12, 8_051.32, 201.28),
    ("大刘", 29, 17, 12_679.53, 316.99),
    ("婷婷", 28, 14, 14_020.37, 350.51),
    ("小李", 21, 13, 11_463.63, 286.59),
    ("小王", 35, 19, 7_833.78, 195.84),
    ("小美", 23, 15, 13_130.26, 328.26),
    ("晨晨", 27, 13, 10_718.66, 267.97),
    ("木木", 28, 14, 12_993.85, 324.85),
    ("阿May", 33, 16, 13_943.03, 348.58),
    ("阿杰", 30, 14, 9_354.37, 233.86),
];

/// Σ of MONTH's sales: the agents' sales of EXPECTED.md's team row.
const ATTRIBUTED: f64 = 139_714.85;

fn chats() -> Vec<String> {
    CHATS.iter().map(|c| fx(c)).collect()
}

fn config() -> String {
    fx("configs/flat.toml")
}

/// The data lines of by_day.csv: (date, agent, consulted, received, inquiries, paid buyers, sales).
fn by_day() -> Vec<String> {
    let text = std::fs::read_to_string(fx_path("month/by_day.csv")).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("日期,客服昵称,咨询人数,接待人数,询单人数,询单->最终付款人数,销售额"));
    lines.map(str::to_string).collect()
}

#[test]
fn daily_gives_the_by_day_rows_worked_out_from_the_raw_files() {
    let (chats, orders, config) = (chats(), fx("month/orders.xlsx"), config());
    let mut got = Vec::new();
    for day in 1..=31 {
        let date = format!("2026-10-{day:02}");
        let mut args: Vec<&str> = vec!["daily"];
        args.extend(chats.iter().map(String::as_str));
        args.extend(["--orders", &orders, "--config", &config, "--day", &date]);
        let (v, _) = json(&args);
        for r in v["rows"].as_array().unwrap() {
            let count = |k: &str| r[k].as_u64().unwrap_or_else(|| panic!("{date} {k}: {r}"));
            got.push(format!(
                "{},{},{},{},{},{},{:.2}",
                r["date"].as_str().unwrap(),
                r["agent"].as_str().unwrap(),
                count("consulted"),
                count("received"),
                count("inquiries"),
                count("paid_buyers"),
                num(&r["sales"])
            ));
        }
    }
    let want = by_day();
    assert_eq!(want.len(), 324, "by_day.csv: one row per agent a day with a reception or a sale");
    let missing: Vec<&String> = want.iter().filter(|w| !got.contains(w)).collect();
    let extra: Vec<&String> = got.iter().filter(|g| !want.contains(g)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "daily against by_day.csv:\nmissing {missing:#?}\nextra {extra:#?}"
    );
}

#[test]
fn a_month_read_from_orders_and_from_a_by_day_report_pays_the_same_commission() {
    let dir = scratch();
    let mut lines = vec!["日期,客服昵称,咨询人数,接待人数,询单人数,询单->最终付款人数,销售额".to_string()];
    lines.extend(by_day());
    // A September row and the report's own total row: both left out.
    lines.push("2026-09-30,小王,9,9,9,9,99999.00".into());
    lines.push("2026-10-31,汇总,1,1,1,1,1.00".into());
    let report = dir.path().join("客服绩效_日报.csv");
    std::fs::write(&report, lines.join("\n") + "\n").unwrap();
    let report = report.to_string_lossy().into_owned();

    let (chats, orders, config) = (chats(), fx("month/orders.xlsx"), config());
    let mut from_orders = vec!["commission", orders.as_str(), "--chats"];
    from_orders.extend(chats.iter().map(String::as_str));
    from_orders.extend(["--config", &config, "--month", "2026-10"]);
    let (by_orders, _) = json(&from_orders);
    let (by_report, _) = json(&["commission", &report, "--config", &config, "--month", "2026-10"]);
    assert_eq!(by_report["rows"].as_array().map(Vec::len), Some(MONTH.len()), "{}", by_report["rows"]);

    // Each agent's net and commission, from the orders (and chats) and from the report by day.
    for (agent, _, _, sales, commission) in MONTH {
        for v in [&by_orders, &by_report] {
            assert_money(agent_row(v, agent), "net", sales);
            assert_money(agent_row(v, agent), "commission", commission);
        }
    }
    let orders_attributed = num(&by_orders["totals"]["net"]) - num(&by_orders["unattributed"]["net"]);
    assert!((orders_attributed - ATTRIBUTED).abs() < 0.005, "the orders' attributed net {orders_attributed}");
    assert!((num(&by_report["totals"]["net"]) - ATTRIBUTED).abs() < 0.005, "the report's net: {}", by_report["totals"]);

    // Counts of a by-day report are summed over the period, the rate recomputed from the sums.
    let (card, _) = json(&["scorecard", &report, "--config", &config, "--month", "2026-10"]);
    for (agent, inquiries, paid, _, _) in MONTH {
        let m: &Value = &agent_row(&card, agent)["metrics"];
        assert_eq!(m["inquiries"].as_f64(), Some(inquiries as f64), "{agent}");
        assert_close(num(&m["conversion"]), paid as f64 / inquiries as f64, agent);
    }
}
