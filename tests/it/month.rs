//! A realistic month (fixtures/month, written by `examples/gen_month.rs --split`): 4,000
//! messages across a message CSV, a message xlsx and a 千牛 text export, 600 orders as a
//! 千牛 xlsx and as a Taobao GBK CSV. The commands must agree with each other and with
//! themselves: totals reconcile, the two order exports give the same money, lost reasons
//! add up to the inquiries that did not convert.

use crate::common::{cs_tools, json_here, num, scratch};
use serde_json::Value;

const CHATS: [&str; 3] = ["fixtures/month/chats.csv", "fixtures/month/chats.xlsx", "fixtures/month/chats.txt"];

fn sum(rows: &Value, field: &str) -> f64 {
    rows.as_array().unwrap().iter().map(|r| num(&r[field])).sum()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 0.005
}

fn conversion_args(orders: &str) -> Vec<&str> {
    let mut args = vec!["conversion"];
    args.extend(CHATS);
    args.extend(["--orders", orders, "--month", "2026-10"]);
    args
}

#[test]
fn every_chat_format_is_read_and_nothing_is_lost() {
    let v = json_here(&["inspect", CHATS[0], CHATS[1], CHATS[2]]);
    let messages: u64 = v["files"].as_array().unwrap().iter().map(|f| f["sheets"][0]["rows"].as_u64().unwrap()).sum();
    assert_eq!(messages, 4000, "the generator wrote 4,000 messages across the three files");
    assert_eq!(v["problem_count"], 0);
}

#[test]
fn conversion_sales_reconcile_with_commission_net() {
    let conv = json_here(&conversion_args("fixtures/month/orders.xlsx"));
    let rows = &conv["rows"];
    // Σ per-agent sales + unattributed = the period's paid net (the shop's sales).
    assert!(close(sum(rows, "sales") + num(&conv["unattributed"]["sales"]), num(&conv["shop"]["sales"])));
    // The same orders and chats through commission give the same net, agent by agent.
    let mut args = vec!["commission", "fixtures/month/orders.xlsx", "--month", "2026-10", "--chats"];
    args.extend(CHATS);
    let comm = json_here(&args);
    assert!(close(num(&comm["totals"]["net"]), num(&conv["shop"]["sales"])));
    assert!(close(num(&comm["unattributed"]["net"]), num(&conv["unattributed"]["sales"])));
    for row in comm["rows"].as_array().unwrap() {
        let agent = row["agent"].as_str().unwrap();
        let c = rows.as_array().unwrap().iter().find(|r| r["agent"] == agent).expect("agent in both");
        assert!(close(num(&row["net"]), num(&c["sales"])), "{agent}");
    }
    // Every count of buyers is bounded as the definitions say.
    for r in rows.as_array().unwrap() {
        let n = |k: &str| r[k].as_u64().unwrap();
        assert!(n("paid_buyers") <= n("ordered") && n("ordered") <= n("inquiries") && n("inquiries") <= n("consulted"));
        assert!(n("received") <= n("consulted"));
    }
}

#[test]
fn the_two_order_exports_give_the_same_money() {
    // orders.xlsx (千牛) and orders_gbk.csv (Taobao, GBK) hold the same 600 orders.
    let a = json_here(&["commission", "fixtures/month/orders.xlsx", "--month", "2026-10"]);
    let b = json_here(&["commission", "fixtures/month/orders_gbk.csv", "--month", "2026-10"]);
    for field in ["orders", "paid", "refund", "net"] {
        assert!(
            close(num(&a["totals"][field]), num(&b["totals"][field])),
            "{field}: {} vs {}",
            a["totals"],
            b["totals"]
        );
    }
}

#[test]
fn lost_reasons_add_up_to_the_inquiries_that_did_not_convert() {
    let conv = json_here(&conversion_args("fixtures/month/orders.xlsx"));
    let unconverted: u64 = conv["by_duration"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["inquiries"].as_u64().unwrap() - b["converted"].as_u64().unwrap())
        .sum();
    let mut args = vec!["lost"];
    args.extend(CHATS);
    args.extend(["--orders", "fixtures/month/orders.xlsx", "--month", "2026-10"]);
    let lost = json_here(&args);
    assert_eq!(lost["totals"]["lost"].as_u64().unwrap(), unconverted);
    let counted: u64 = lost["reasons"].as_array().unwrap().iter().map(|r| r["count"].as_u64().unwrap()).sum();
    assert_eq!(counted, unconverted);
    let shares: f64 = lost["reasons"].as_array().unwrap().iter().map(|r| num(&r["share"])).sum();
    assert!((shares - 1.0).abs() < 1e-9);
}

/// One workbook holding orders and chats: every command finds the sheets it needs.
#[test]
fn one_workbook_holding_everything() {
    let dir = scratch();
    let path = dir.path().join("month.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let orders = book.add_worksheet().set_name("订单").unwrap();
    for (r, row) in [
        ["订单编号", "买家会员名", "实付金额", "下单时间", "付款时间"],
        ["O1", "amy", "100", "2026-10-03 10:00:00", "2026-10-03 10:01:00"],
        ["O2", "bob", "50", "2026-10-03 11:00:00", "2026-10-03 11:01:00"],
    ]
    .iter()
    .enumerate()
    {
        for (c, v) in row.iter().enumerate() {
            orders.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    let chats = book.add_worksheet().set_name("聊天").unwrap();
    for (r, row) in [
        ["时间", "客服", "买家", "发送方", "内容"],
        ["2026-10-03 09:00:00", "店:小王", "amy", "买家", "在吗"],
        ["2026-10-03 09:00:30", "店:小王", "amy", "客服", "在的"],
    ]
    .iter()
    .enumerate()
    {
        for (c, v) in row.iter().enumerate() {
            chats.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    book.save(&path).unwrap();
    let p = path.to_str().unwrap();
    // amy's order follows her chat with 小王 (chat attribution); bob never chatted: 未归属.
    let comm = json_here(&["commission", p]);
    assert_eq!(comm["rows"][0]["agent"], "小王");
    assert_eq!(comm["rows"][0]["orders"], 1);
    assert_eq!(comm["unattributed"]["orders"], 1);
    assert_eq!(comm["issues"], 0);
    // The same workbook as chats and orders is read once: no duplicates.
    let conv = json_here(&["conversion", p, "--orders", p]);
    assert_eq!(conv["rows"][0]["paid_buyers"], 1);
    assert_eq!(conv["issues"], 0);
    assert_eq!(num(&conv["silent_sales"]), 50.0, "bob ordered without chatting");
}

/// docs/definitions.md#conversion "team row" on the month (fixtures/month/EXPECTED.md): the team row is the twelve
/// agents' rows added up, each rate recomputed from the sums, so it lies between the agents'.
#[test]
fn the_team_row_adds_up_the_agents() {
    let conv = json_here(&conversion_args("fixtures/month/orders.xlsx"));
    let rows = conv["rows"].as_array().unwrap();
    let t = &conv["totals"];
    assert_eq!(rows.len(), 12);
    for field in [
        "consulted",
        "received",
        "inquiries",
        "ordered",
        "paid_buyers",
        "slow_receptions",
        "answered_receptions",
        "inquiry_receptions",
        "lost_inquiries",
    ] {
        assert_eq!(num(&t[field]), sum(&conv["rows"], field), "{field}");
    }
    // 24 + 26 + 29 + 27 + 26 + 20 + 32 + 23 + 24 + 27 + 30 + 27 = 315 inquiring buyers, 165 paid
    assert_eq!(t["inquiries"], 315);
    assert_eq!(t["paid_buyers"], 165);
    assert!((num(&t["conversion"]) - 165.0 / 315.0).abs() < 1e-9);
    let rates: Vec<f64> = rows.iter().map(|r| num(&r["conversion"])).collect();
    let (min, max) = rates.iter().fold((1.0f64, 0.0f64), |(a, b), &x| (a.min(x), b.max(x)));
    // 佳佳 12/29 = 41.4% ≤ 52.4% ≤ 小美 15/23 = 65.2%
    assert!(min <= num(&t["conversion"]) && num(&t["conversion"]) <= max, "{min} {} {max}", t["conversion"]);
    // 客单价 = Σ agents' 销售额 / Σ agents' paying buyers = 139,714.85 / 387 = 361.0203 → 361.02,
    // between the agents' 287.55 (佳佳) and 435.72 (阿May); 未归属 (31,804.76) is not in it.
    assert!(close(num(&t["sales"]), 139_714.85));
    assert!(close(num(&t["aov"]), 361.02));
    assert!(close(num(&conv["unattributed"]["sales"]), 31_804.76));
    assert!(close(num(&conv["shop"]["sales"]), 171_519.61));
    // 慢响应 (次) beside its own denominator: 282 slow of 468 answered receptions.
    assert_eq!((t["slow_receptions"].as_u64(), t["answered_receptions"].as_u64()), (Some(282), Some(468)));
    assert!((num(&t["slow_rate"]) - 282.0 / 468.0).abs() < 1e-9);
    for r in rows {
        assert!(r["slow_receptions"].as_u64() <= r["answered_receptions"].as_u64(), "{r}");
    }
    // Shop-wide, each buyer counted once across agents: 196 inquiring buyers (去重).
    assert_eq!(conv["shop"]["inquiries"], 196);
    // 未成交询单 (次) are the inquiries (次) that did not convert, as `lost` counts them.
    let mut args = vec!["lost"];
    args.extend(CHATS);
    args.extend(["--orders", "fixtures/month/orders.xlsx", "--month", "2026-10"]);
    let lost = json_here(&args);
    assert_eq!(lost["totals"]["lost"], t["lost_inquiries"]);
    assert_eq!(t["inquiry_receptions"], 338);
    assert_eq!(t["lost_inquiries"], 154);
}

/// docs/definitions.md#scorecard aov_ratio = the agent's 客单价 / the team's (the team row of
/// docs/definitions.md#conversion). From the agents' rows of fixtures/month/EXPECTED.md (worked
/// out from the raw files by its derive.py): 阿May 13,943.03 over 32 buyers = 435.72; team
/// 139,714.85 / 387 = 361.02; 435.7197 / 361.0203 = 1.2069 ≥ 1.18 → 100. 小王 7,833.78 / 27 =
/// 290.14 → 0.8037 → 0.
#[test]
fn aov_ratio_divides_by_the_team_rows_aov() {
    let mut args = vec!["scorecard"];
    args.extend(CHATS);
    args.extend(["--orders", "fixtures/month/orders.xlsx", "--month", "2026-10"]);
    let v = json_here(&args);
    let agent = |name: &str| v["rows"].as_array().unwrap().iter().find(|r| r["agent"] == name).unwrap().clone();
    let may = agent("阿May");
    assert!((num(&may["metrics"]["aov_ratio"]) - (13_943.03 * 387.0) / (32.0 * 139_714.85)).abs() < 1e-9);
    assert_eq!(num(&may["scores"]["aov_ratio"]), 100.0);
    let wang = agent("小王");
    assert!((num(&wang["metrics"]["aov_ratio"]) - (7_833.78 * 387.0) / (27.0 * 139_714.85)).abs() < 1e-9);
    assert_eq!(num(&wang["scores"]["aov_ratio"]), 0.0);
    // The buyers-weighted mean of the ratios is 1: the team's 客单价 is the agents' together.
    let ratios: Vec<f64> = v["rows"].as_array().unwrap().iter().map(|r| num(&r["metrics"]["aov_ratio"])).collect();
    assert!(ratios.iter().any(|r| *r > 1.0) && ratios.iter().any(|r| *r < 1.0), "{ratios:?}");
}

/// The 总览 Overview of `report`: the agents' buyers added up next to the team conversion, the
/// shop-wide distinct count labelled as such, reception counts (次) beside their own total.
#[test]
fn the_overview_gives_each_figure_its_unit() {
    let dir = scratch();
    let out = dir.path().join("report.xlsx");
    let mut args = vec!["report"];
    args.extend(CHATS);
    args.extend(["fixtures/month/orders.xlsx", "--month", "2026-10", "-q", "-o", out.to_str().unwrap()]);
    cs_tools().args(&args).assert().success();
    use calamine::{DataType, Reader};
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    let overview = book.worksheet_range("总览").unwrap();
    let item = |label: &str| -> f64 {
        overview
            .rows()
            .find(|r| r.first().is_some_and(|c| c.get_string() == Some(label)))
            .and_then(|r| r.get(1).and_then(|c| c.as_f64()))
            .unwrap_or_else(|| panic!("no line {label} on the Overview"))
    };
    assert_eq!(item("询单人数(各客服相加)"), 315.0);
    assert_eq!(item("询单付款人数(各客服相加)"), 165.0);
    assert!((item("询单转化率(团队)") - 165.0 / 315.0).abs() < 1e-9);
    assert_eq!(item("店铺询单人数(去重)"), 196.0);
    assert_eq!(item("询单次数"), 338.0);
    assert_eq!(item("未成交询单(次)"), 154.0);
    assert!((item("未成交占询单次数") - 154.0 / 338.0).abs() < 1e-9);
    assert!((item("慢响应率") - 282.0 / 468.0).abs() < 1e-9);
    assert!((item("销售额(含未归属)") - 171_519.61).abs() < 0.005);
    // The conversion sheet: the team row, then 未归属, then the money total agents + 未归属.
    let conv = book.worksheet_range("询单转化").unwrap();
    let line = |name: &str| {
        conv.rows()
            .find(|r| r.first().is_some_and(|c| c.get_string() == Some(name)))
            .unwrap_or_else(|| panic!("no row {name}"))
            .to_vec()
    };
    let header: Vec<String> =
        conv.rows().find(|r| r[0].get_string() == Some("客服")).unwrap().iter().map(|c| c.to_string()).collect();
    let col = |h: &str| header.iter().position(|c| c == h).unwrap_or_else(|| panic!("no column {h}: {header:?}"));
    let team = line("团队");
    assert_eq!(team[col("询单人数")].as_f64(), Some(315.0));
    assert_eq!(team[col("慢响应(次)")].as_f64(), Some(282.0));
    assert_eq!(team[col("接待次数(已回复)")].as_f64(), Some(468.0));
    assert!((team[col("销售额(归属订单)")].as_f64().unwrap() - 139_714.85).abs() < 0.005);
    assert!((team[col("客单价")].as_f64().unwrap() - 361.02).abs() < 0.005);
    assert!((line("未归属")[col("销售额(归属订单)")].as_f64().unwrap() - 31_804.76).abs() < 0.005);
    assert!((line("合计(含未归属)")[col("销售额(归属订单)")].as_f64().unwrap() - 171_519.61).abs() < 0.005);
}
