//! `cs-tools reconcile` (docs/definitions.md#reconcile) on fixtures/reconcile: a month of chats and
//! orders, and the 赤兔 report a chat-only tool made from them under 付款判定 with an after-sales
//! reception counted as an inquiry. Every figure is worked by hand in fixtures/reconcile/EXPECTED.md.

use crate::common::{agent_row, assert_close, assert_money, fx, json, run, sheet_names, sheet_text};
use serde_json::Value;

fn args() -> Vec<String> {
    [
        "reconcile".to_string(),
        fx("reconcile/chats.csv"),
        "--orders".into(),
        fx("reconcile/orders_gbk.csv"),
        "--against".into(),
        fx("reconcile/chitu_report.csv"),
        "--month".into(),
        "2026-10".into(),
    ]
    .to_vec()
}

fn order_ids(v: &Value) -> Vec<String> {
    v["orders"].as_array().unwrap().iter().map(|o| o["order_id"].as_str().unwrap().to_string()).collect()
}

fn order<'a>(v: &'a Value, suffix: &str) -> &'a Value {
    v["orders"].as_array().unwrap().iter().find(|o| o["order_id"].as_str().unwrap().ends_with(suffix)).unwrap()
}

#[test]
fn the_rule_the_report_was_made_with_is_closest() {
    let (v, _) = json(&args());
    assert_eq!(v["command"], "reconcile");
    assert_eq!(v["closest_rule"], "payment");
    // Σ |Δ销售额| over the agents: order 130 + 220 + 70, payment 80 + 80 + 70, order_first 220 + 220 + 70.
    for (rule, sales) in [("order", 420.0), ("payment", 230.0), ("order_first", 510.0)] {
        assert_money(&v["distance"][rule], "sales", sales);
        assert_close(v["distance"][rule]["paid_buyers"].as_f64().unwrap(), 1.0, rule);
    }
    for (rule, sales) in [("order", 140.0), ("payment", 50.0), ("order_first", 50.0)] {
        assert_money(&v["unattributed"][rule], "sales", sales);
    }
}

#[test]
fn figures_per_agent_under_each_rule() {
    let (v, _) = json(&args());
    // (agent, report sales, ours order/payment/order_first)
    for (agent, report, ours) in
        [("小王", 370.0, [500.0, 290.0, 590.0]), ("东东", 570.0, [350.0, 650.0, 350.0]), ("阿杰", 440.0, [510.0; 3])]
    {
        let row = agent_row(&v, agent);
        assert_money(&row["report"], "sales", report);
        for (rule, want) in ["order", "payment", "order_first"].iter().zip(ours) {
            assert_money(&row["ours"][rule], "sales", want);
            assert_money(&row["diff"][rule], "sales", want - report);
        }
    }
    let wang = agent_row(&v, "小王");
    assert_eq!(wang["report"]["paid_buyers"], 3);
    assert_eq!(wang["ours"]["payment"]["paid_buyers"], 2);
    assert_eq!(wang["diff"]["payment"]["paid_buyers"], -1);
    assert_close(wang["report"]["conversion"].as_f64().unwrap(), 0.75, "小王 report conversion");
    assert_close(wang["ours"]["order"]["conversion"].as_f64().unwrap(), 0.5, "小王 conversion");
    // 客单价: the report's 370 / 3; ours under payment 290 / 2 (tb_a1, tb_f1).
    assert_money(&wang["report"], "aov", 123.33);
    assert_money(&wang["ours"]["payment"], "aov", 145.0);
    assert_money(&wang["ours"]["order_first"], "aov", 196.67);
    let jie = agent_row(&v, "阿杰");
    assert_eq!(jie["report"]["inquiries"], 3);
    assert_eq!(jie["ours"]["payment"]["inquiries"], 2);
    assert_eq!(jie["diff"]["payment"]["inquiries"], -1);
    let dong = agent_row(&v, "东东");
    assert_close(dong["ours"]["payment"]["reply_rate"].as_f64().unwrap(), 0.75, "东东 reply rate");
    assert_close(dong["ours"]["payment"]["avg_response_secs"].as_f64().unwrap(), 40.0, "东东 avg response");
    assert_money(&dong["ours"]["payment"], "aov", 162.5);
}

#[test]
fn a_figure_the_report_lacks_is_left_out() {
    let (v, _) = json(&args());
    // No 答问比 column: not a figure at all. 东东's 首次平均响应 is 延迟统计: absent for 东东 only.
    let figures: Vec<&str> = v["figures"].as_array().unwrap().iter().map(|f| f.as_str().unwrap()).collect();
    assert!(!figures.contains(&"answer_ratio"), "{figures:?}");
    assert!(figures.contains(&"first_response_secs"));
    let dong = agent_row(&v, "东东");
    for side in [&dong["report"], &dong["ours"]["payment"], &dong["diff"]["order"]] {
        assert!(side.get("first_response_secs").is_none(), "{side}");
        assert!(side.get("answer_ratio").is_none(), "{side}");
    }
    assert_close(agent_row(&v, "小王")["report"]["first_response_secs"].as_f64().unwrap(), 26.0, "小王 first");
}

#[test]
fn every_planted_difference_is_found() {
    let (v, _) = json(&args());
    let ids: Vec<String> = order_ids(&v);
    let suffixes: Vec<&str> = ids.iter().map(|i| &i[i.len() - 3..]).collect();
    assert_eq!(suffixes, ["202", "203", "207", "209"]);
    // The memo order: ours 东东 under every rule, a chat-only tool's 小王; it moves a paying buyer.
    let memo = order(&v, "202");
    assert_eq!(memo["causes"], serde_json::json!(["memo"]));
    assert_eq!(memo["ours"]["payment"], "东东");
    assert_eq!(memo["chat_only"]["payment"], "小王");
    assert_eq!(memo["moves_paid_buyer"], true);
    // 催付: 小王 before the order, 东东 before the payment.
    let chased = order(&v, "203");
    assert_eq!(chased["causes"], serde_json::json!(["rule_change"]));
    assert_eq!((&chased["ours"]["order"], &chased["ours"]["payment"]), (&"小王".into(), &"东东".into()));
    assert_eq!(chased["ours"]["order_first"], "小王");
    // Ordered before any chat: nobody under order, 小王 under payment and order_first.
    let late = order(&v, "207");
    assert_eq!(late["ours"]["order"], Value::Null);
    assert_eq!(late["ours"]["order_first"], "小王");
    // The silent order, attributed by its memo.
    let silent = order(&v, "209");
    assert_eq!(silent["causes"], serde_json::json!(["memo", "silent"]));
    assert_eq!(silent["ours"]["payment"], "阿杰");
    assert_eq!(silent["chat_only"]["payment"], Value::Null);
    assert_money(silent, "net", 70.0);
    // The after-sales reception the report counted as an inquiry.
    let after = v["after_sales"].as_array().unwrap();
    assert_eq!(after.len(), 1);
    assert_eq!(after[0]["agent"], "阿杰");
    assert_eq!(after[0]["buyer"], "tb_r2");
    assert_eq!(after[0]["start"], "2026-10-10 10:00:00");
    assert_eq!(after[0]["earlier_order_id"], "3864012345678901212");
    // One sentence per agent, naming the orders behind the difference.
    let why = agent_row(&v, "小王")["why"].as_str().unwrap();
    assert!(why.contains("付款判定") && why.contains("3864012345678901202") && why.contains("¥80.00"), "{why}");
    let why = agent_row(&v, "阿杰")["why"].as_str().unwrap();
    assert!(why.contains("静默") && why.contains("tb_r2"), "{why}");
}

#[test]
fn the_workbook_has_the_summary_and_the_differing_orders() {
    let dir = crate::common::scratch();
    let out = dir.path().join("r.xlsx");
    let mut a = args();
    a.extend(["-o".to_string(), out.display().to_string()]);
    let r = run(&a);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stdout.contains("付款判定"), "{}", r.stdout);
    assert_eq!(sheet_names(&out), ["对账汇总", "差异订单", "问题", "规则"]);
    let summary = sheet_text(&out, "对账汇总");
    let row = summary.iter().find(|r| r[0] == "小王" && r[1] == "销售额").expect("小王's 销售额 row");
    assert_eq!(row[2..7], ["370", "500", "290", "590", "-80"].map(String::from));
    assert!(!summary.iter().any(|r| r[0] == "东东" && r[1] == "首次响应(秒)"), "a figure the report lacks is left out");
    let orders = sheet_text(&out, "差异订单");
    assert_eq!(orders.len(), 1 + 5, "header, four orders and one after-sales reception: {orders:?}");
    assert!(orders.iter().any(|r| r.iter().any(|c| c == "售后接待，不算询单")));
}

#[test]
fn against_a_file_without_a_per_agent_report_is_an_error() {
    let mut a = args();
    let at = a.iter().position(|x| x == "--against").unwrap();
    a[at + 1] = fx("reconcile/chats.csv");
    let r = run(&a);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(r.stderr.contains("客服绩效报表") && r.stderr.contains("chats.csv"), "{}", r.stderr);
}
