//! Order exports of 抖店, 快手小店 and 小红书 read with no config (fixtures/platforms/EXPECTED.md), and
//! `inspect` naming every layout it knows.

use crate::common::*;

/// (orders, paid, refund, net) of a commission run on `file`, with `--strict` (no row problem).
fn totals(file: &str) -> (u64, f64, f64, f64) {
    let v = json_here(&["commission", file, "--strict"]);
    let t = &v["totals"];
    (t["orders"].as_u64().unwrap(), num(&t["paid"]), num(&t["refund"]), num(&t["net"]))
}

#[test]
fn doudian_item_and_order_exports_are_read_with_no_config() {
    // Item rows: …761 and …771's 退款成功 items refunded, …781 closed and …791 unpaid never paid.
    assert_eq!(totals("fixtures/platforms/1791213782_3edeb47b86bdb5b9.csv"), (4, 153.3, 59.8, 93.5));
    // One row per order: …771's one refunded item cannot be seen there.
    assert_eq!(totals("fixtures/platforms/1791300000_9a1c2b3d4e5f6a7b.csv"), (4, 153.3, 44.8, 108.5));
}

#[test]
fn kuaishou_and_xiaohongshu_exports_are_read_with_no_config() {
    assert_eq!(totals("fixtures/platforms/快手小店_订单_20261101.xlsx"), (2, 1359.8, 1299.9, 59.9));
    assert_eq!(totals("fixtures/platforms/小红书订单查询2026-11-01.xlsx"), (2, 133.5, 0.0, 133.5));
}

#[test]
fn inspect_names_the_layout_of_every_sheet_it_knows() {
    let layout = |file: &str| {
        let v = json_here(&["inspect", file]);
        v["files"][0]["sheets"][0]["layout"]["id"].as_str().unwrap_or("").to_string()
    };
    let cases = [
        ("fixtures/platforms/1791213782_3edeb47b86bdb5b9.csv", "doudian_items"),
        ("fixtures/platforms/1791300000_9a1c2b3d4e5f6a7b.csv", "doudian_orders"),
        ("fixtures/platforms/快手小店_订单_20261101.xlsx", "kuaishou_orders"),
        ("fixtures/platforms/小红书订单查询2026-11-01.xlsx", "xiaohongshu_orders"),
        ("fixtures/taobao_orders_gbk.csv", "taobao_export"),
        ("fixtures/qianniu_orders.xlsx", "qianniu_orders"),
        ("fixtures/exports/qianniu_sub.csv", "qianniu_items"),
        ("fixtures/item_level_orders.xlsx", "taobao_items"),
        ("fixtures/exports/jd_orders.csv", "jd_orders"),
        ("fixtures/exports/pdd_orders.csv", "pdd_orders"),
        ("fixtures/chitu_agent_report.xlsx", "chitu_report"),
        ("fixtures/agent_reports/pdd_agents.csv", "pdd_service"),
        ("fixtures/agent_reports/feige_one_shop.xlsx", "feige_performance"),
        ("fixtures/agent_reports/feige_shops.xlsx", "feige_service"),
        ("fixtures/agent_reports/qianniu_weekly.xlsx", "qianniu_service"),
    ];
    for (file, id) in cases {
        assert_eq!(layout(file), id, "{file}");
    }
    // In words, in the run's language.
    let r = run_here(&["inspect", "fixtures/platforms/1791213782_3edeb47b86bdb5b9.csv"]);
    assert!(r.stdout.contains("版式：抖店 订单导出（商品维度，每个子订单一行）"), "{}", r.stdout);
    let r = run_here(&["--lang", "en", "inspect", "fixtures/platforms/快手小店_订单_20261101.xlsx"]);
    assert!(r.stdout.contains("layout: 快手小店 (Kuaishou) order export"), "{}", r.stdout);
    // A chat log is no platform's export: no layout.
    assert_eq!(layout("fixtures/month/chats.csv"), "");
}

#[test]
fn a_jd_reception_report_is_named_and_says_what_it_lacks() {
    // Its metric names are known, its whole header is not (docs/orders.md#layouts): named, not read.
    let file = "fixtures/platforms/jd_jingmai_reception.csv";
    let r = run_here(&["inspect", file]);
    assert!(r.stdout.contains("版式：京东 京麦/咚咚 客服接待数据"), "{}", r.stdout);
    assert!(r.stdout.contains("像是客服绩效报表，但缺少这些列：销售额（sales）或"), "{}", r.stdout);
    let v = json_here(&["inspect", file]);
    assert_eq!(v["files"][0]["sheets"][0]["layout"]["id"], "jd_reception");
    assert!(v["files"][0]["sheets"][0]["kind"].is_null());
}
