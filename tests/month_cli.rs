//! A realistic month (fixtures/month, written by `examples/gen_month.rs --split`): 4,000
//! messages across a message CSV, a message xlsx and a 千牛 text export, 600 orders as a
//! 千牛 xlsx and as a Taobao GBK CSV. The commands must agree with each other and with
//! themselves: totals reconcile, the two order exports give the same money, lost reasons
//! add up to the inquiries that did not convert.

use assert_cmd::Command;
use serde_json::Value;

const CHATS: [&str; 3] = ["fixtures/month/chats.csv", "fixtures/month/chats.xlsx", "fixtures/month/chats.txt"];

fn json(args: &[&str]) -> Value {
    let out = Command::cargo_bin("cs-tools").unwrap().args(args).args(["--format", "json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

fn sum(rows: &Value, field: &str) -> f64 {
    rows.as_array().unwrap().iter().map(|r| f(&r[field])).sum()
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
    let v = json(&["inspect", CHATS[0], CHATS[1], CHATS[2]]);
    let messages: u64 = v["files"].as_array().unwrap().iter().map(|f| f["sheets"][0]["rows"].as_u64().unwrap()).sum();
    assert_eq!(messages, 4000, "the generator wrote 4,000 messages across the three files");
    assert_eq!(v["problem_count"], 0);
}

#[test]
fn conversion_sales_reconcile_with_commission_net() {
    let conv = json(&conversion_args("fixtures/month/orders.xlsx"));
    let rows = &conv["rows"];
    // Σ per-agent sales + unattributed = the period's paid net.
    assert!(close(sum(rows, "sales") + f(&conv["unattributed"]["sales"]), f(&conv["totals"]["sales"])));
    // The same orders and chats through commission give the same net, agent by agent.
    let mut args = vec!["commission", "fixtures/month/orders.xlsx", "--month", "2026-10", "--chats"];
    args.extend(CHATS);
    let comm = json(&args);
    assert!(close(f(&comm["totals"]["net"]), f(&conv["totals"]["sales"])));
    assert!(close(f(&comm["unattributed"]["net"]), f(&conv["unattributed"]["sales"])));
    for row in comm["rows"].as_array().unwrap() {
        let agent = row["agent"].as_str().unwrap();
        let c = rows.as_array().unwrap().iter().find(|r| r["agent"] == agent).expect("agent in both");
        assert!(close(f(&row["net"]), f(&c["sales"])), "{agent}");
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
    let a = json(&["commission", "fixtures/month/orders.xlsx", "--month", "2026-10"]);
    let b = json(&["commission", "fixtures/month/orders_gbk.csv", "--month", "2026-10"]);
    for field in ["orders", "paid", "refund", "net"] {
        assert!(close(f(&a["totals"][field]), f(&b["totals"][field])), "{field}: {} vs {}", a["totals"], b["totals"]);
    }
}

#[test]
fn lost_reasons_add_up_to_the_inquiries_that_did_not_convert() {
    let conv = json(&conversion_args("fixtures/month/orders.xlsx"));
    let unconverted: u64 = conv["by_duration"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["inquiries"].as_u64().unwrap() - b["converted"].as_u64().unwrap())
        .sum();
    let mut args = vec!["lost"];
    args.extend(CHATS);
    args.extend(["--orders", "fixtures/month/orders.xlsx", "--month", "2026-10"]);
    let lost = json(&args);
    assert_eq!(lost["totals"]["lost"].as_u64().unwrap(), unconverted);
    let counted: u64 = lost["reasons"].as_array().unwrap().iter().map(|r| r["count"].as_u64().unwrap()).sum();
    assert_eq!(counted, unconverted);
    let shares: f64 = lost["reasons"].as_array().unwrap().iter().map(|r| f(&r["share"])).sum();
    assert!((shares - 1.0).abs() < 1e-9);
}

/// One workbook holding orders and chats: every command finds the sheets it needs.
#[test]
fn one_workbook_holding_everything() {
    let dir = tempfile::tempdir().unwrap();
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
    let comm = json(&["commission", p]);
    assert_eq!(comm["rows"][0]["agent"], "小王");
    assert_eq!(comm["rows"][0]["orders"], 1);
    assert_eq!(comm["unattributed"]["orders"], 1);
    assert_eq!(comm["issues"], 0);
    // The same workbook as chats and orders is read once: no duplicates.
    let conv = json(&["conversion", p, "--orders", p]);
    assert_eq!(conv["rows"][0]["paid_buyers"], 1);
    assert_eq!(conv["issues"], 0);
    assert_eq!(f(&conv["silent_sales"]), 50.0, "bob ordered without chatting");
}
