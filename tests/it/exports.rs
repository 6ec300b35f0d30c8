//! Order exports in the layouts the platforms really write (docs/definitions.md#fields, #cells, #orders, #conversion):
//! item rows, refunds already taken out of the paid column, empty markers, closed orders,
//! exports without a paid time or without buyers, the 千牛 main and sub-order tables together,
//! and a re-placed order that pays an inquiry. Every figure is worked out by hand in
//! `fixtures/exports/EXPECTED.md`; the files are written by `fixtures/exports/make_exports.py`.

use crate::common::{agent_row, fx, json, num, run, run_in, scratch, sheet_text};
use serde_json::Value;

const FLAT: &str = "configs/flat.toml";

fn commission(files: &[&str], config: &str) -> (Value, String) {
    commission_in(files, config, &[])
}

/// `commission` with `more` options (`--lang`).
fn commission_in(files: &[&str], config: &str, more: &[&str]) -> (Value, String) {
    let paths: Vec<String> = files.iter().map(|f| fx(&format!("exports/{f}"))).collect();
    let config = if config.starts_with('/') { config.to_string() } else { fx(config) };
    let mut args = vec!["commission"];
    args.extend(paths.iter().map(String::as_str));
    args.extend(["--config", &config, "--month", "2026-10"]);
    args.extend(more);
    json(&args)
}

/// (orders, paid, refund, net) of a JSON object.
fn money(v: &Value) -> (u64, f64, f64, f64) {
    (v["orders"].as_u64().unwrap(), num(&v["paid"]), num(&v["refund"]), num(&v["net"]))
}

/// flat.toml plus an `[orders]` table, written to a scratch folder.
fn config_with(dir: &std::path::Path, orders: &str) -> String {
    let flat = std::fs::read_to_string(fx(FLAT)).unwrap();
    let path = dir.join("cs-tools.toml");
    std::fs::write(&path, format!("{flat}\n[orders]\n{orders}\n")).unwrap();
    path.to_string_lossy().into_owned()
}

fn inspect_sheet(file: &str) -> Value {
    let (v, _) = json(&["inspect", &fx(&format!("exports/{file}"))]);
    v["files"][0]["sheets"][0].clone()
}

// EXPECTED §1
#[test]
fn item_rows_that_differ_only_in_the_sub_order_number_are_two_items() {
    let (v, _) = commission(&["tmall_items.xlsx"], FLAT);
    let wang = agent_row(&v, "小王");
    assert_eq!(money(wang), (2, 197.0, 0.0, 197.0), "both blankets of order 9001 count: 79 + 79 + 39");
    assert_eq!(num(&wang["commission"]), 4.93);
    let dong = agent_row(&v, "东东");
    assert_eq!(money(dong), (2, 358.7, 278.9, 79.8));
    assert_eq!(num(&dong["commission"]), 2.0);
    assert_eq!(money(&v["totals"]), (4, 555.7, 278.9, 276.8));
    assert_eq!(num(&v["totals"]["commission"]), 6.93);
    assert_eq!(v["issues"], 1, "only the line exported twice (same 子订单编号) is a duplicate");
    let sheet = inspect_sheet("tmall_items.xlsx");
    assert_eq!(sheet["columns"]["item_id"], "子订单编号");
    assert_eq!(sheet["columns"]["order_id"], "主订单编号");
    assert_eq!(sheet["item_level"], true);
}

// EXPECTED §2
#[test]
fn closed_orders_without_a_positive_refund_are_wholly_refunded_and_empty_markers_are_empty() {
    let (v, _) = commission(&["taobao_null.csv"], FLAT);
    let wang = agent_row(&v, "小王");
    assert_eq!(money(wang), (2, 266.0, 66.0, 200.0), "205 closed with an empty refund cell: net 0");
    assert_eq!(num(&wang["commission"]), 5.0);
    let dong = agent_row(&v, "东东");
    assert_eq!(money(dong), (4, 598.9, 359.9, 239.0), "203 无退款申请 and 204 0.00: net 0; 206 120.00 given");
    assert_eq!(num(&dong["commission"]), 5.98);
    assert_eq!(money(&v["unattributed"]), (1, 128.0, 0.0, 128.0), "memo NULL names nobody");
    assert_eq!(money(&v["totals"]), (7, 992.9, 425.9, 567.0));
    assert_eq!(num(&v["totals"]["commission"]), 10.98);
    assert_eq!(v["issues"], 0, "null, 'null, NULL, NaN, N/A, -, -- are empty, not problems");
    // --strict exits 3 only when rows had problems: none here.
    let dir = scratch();
    let out = dir.path().join("c.xlsx");
    let r = run_in(
        dir.path(),
        &[
            "commission",
            &fx("exports/taobao_null.csv"),
            "--config",
            &fx(FLAT),
            "--month",
            "2026-10",
            "--strict",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
}

// EXPECTED §3
#[test]
fn a_buyer_who_leaves_one_order_unpaid_and_pays_the_next_is_a_paying_buyer() {
    let (v, _) = json(&[
        "conversion",
        &fx("exports/chats_replaced.csv"),
        "--orders",
        &fx("exports/taobao_null.csv"),
        "--config",
        &fx(FLAT),
        "--month",
        "2026-10",
    ]);
    let wang = agent_row(&v, "小王");
    assert_eq!(
        (wang["inquiries"].as_u64(), wang["ordered"].as_u64(), wang["paid_buyers"].as_u64()),
        (Some(1), Some(1), Some(1)),
        "amy's first order (202) stayed unpaid, her second (201) was paid"
    );
    assert_eq!(num(&wang["conversion"]), 1.0);
    assert_eq!((num(&wang["sales"]), num(&wang["aov"])), (200.0, 100.0));
    let dong = agent_row(&v, "东东");
    assert_eq!(dong["paid_buyers"].as_u64(), Some(1), "203 was paid, then closed: 最终付款");
    assert_eq!((num(&dong["sales"]), num(&dong["aov"])), (239.0, 59.75));
}

// EXPECTED §4
#[test]
fn a_paid_column_already_net_of_refunds_is_found_and_said() {
    let (v, stderr) = commission_in(&["tmall_after_refund.csv"], FLAT, &["--lang", "en"]);
    assert_eq!(money(&v["totals"]), (6, 988.2, 229.0, 759.2));
    assert_eq!(v["issues"], 0);
    assert!(stderr.contains("paid column already net of refunds"), "{stderr}");
    let (_, stderr) = commission(&["tmall_after_refund.csv"], FLAT);
    let file = fx("exports/tmall_after_refund.csv");
    assert!(
        stderr.lines().any(|l| l
            == format!("提示：{file}：实付金额已扣除退款（3 行退款均满足 实付+退款=总金额）：实付按 实付+退款 计")),
        "{stderr}"
    );
    let sheet = inspect_sheet("tmall_after_refund.csv");
    assert_eq!(sheet["paid_after_refund"]["applied"], true);
    assert_eq!(sheet["paid_after_refund"]["refunded_rows"], 3);
    // The Rules sheet says it, in the report's language.
    let dir = scratch();
    let out = dir.path().join("c.xlsx");
    let r = run_in(
        dir.path(),
        &["commission", &fx("exports/tmall_after_refund.csv"), "--config", &fx(FLAT), "-o", out.to_str().unwrap()],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let rules = sheet_text(&out, "规则");
    assert!(rules.iter().flatten().any(|c| c.contains("实付金额已扣除退款（3 行")), "{rules:?}");
}

#[test]
fn paid_after_refund_no_and_yes_override_the_check() {
    let dir = scratch();
    let no = config_with(dir.path(), "paid_after_refund = \"no\"");
    let (v, _) = commission(&["tmall_after_refund.csv"], &no);
    // 99 refunded on a paid 0.00 and 30 on a paid 15.90 are capped at the paid amount.
    assert_eq!(money(&v["totals"]), (6, 759.2, 115.9, 643.3));
    assert_eq!(v["issues"], 2, "the two capped refunds are listed");
    let dir = scratch();
    let yes = config_with(dir.path(), "paid_after_refund = \"yes\"");
    let (v, _) = commission(&["tmall_partly_net.csv"], &yes);
    assert_eq!(money(&v["totals"]), (2, 170.0, 40.0, 130.0));
}

#[test]
fn a_sheet_where_only_some_refunded_rows_add_up_is_read_as_written() {
    let (v, stderr) = commission(&["tmall_partly_net.csv"], FLAT);
    assert_eq!(money(&v["totals"]), (2, 130.0, 40.0, 90.0));
    assert!(!stderr.contains("net of refunds"), "{stderr}");
    let sheet = inspect_sheet("tmall_partly_net.csv");
    assert_eq!(sheet["paid_after_refund"]["applied"], false);
    assert_eq!(sheet["paid_after_refund"]["matching_rows"], 1);
}

// EXPECTED §5
#[test]
fn an_export_without_a_paid_time_is_read_by_status_and_dated_by_the_order_time() {
    let (v, _) = commission(&["jd_orders.csv"], FLAT);
    let wang = agent_row(&v, "小王");
    assert_eq!(money(wang), (2, 365.0, 0.0, 365.0), "等待付款 unpaid, the September order outside");
    assert_eq!(num(&wang["commission"]), 9.13);
    assert_eq!(money(agent_row(&v, "东东")), (1, 128.0, 0.0, 128.0), "已取消 without a refund is not counted");
    assert_eq!(money(&v["totals"]), (3, 493.0, 0.0, 493.0));
    assert_eq!(num(&v["totals"]["commission"]), 12.33);
    let sheet = inspect_sheet("jd_orders.csv");
    assert_eq!(sheet["kind"], "orders");
    assert_eq!(sheet["paid_by_status"], true);
    assert_eq!(
        (sheet["date_from"].as_str(), sheet["date_to"].as_str()),
        (Some("2026-09-30 23:30:00"), Some("2026-10-31 22:00:00"))
    );
}

// EXPECTED §6
#[test]
fn a_pinduoduo_export_has_no_buyers_and_still_counts() {
    let (v, _) = commission(&["pdd_orders.csv"], FLAT);
    assert_eq!(money(agent_row(&v, "小王")), (2, 35.6, 17.8, 17.8), "售后状态 退款成功: wholly refunded");
    assert_eq!(money(agent_row(&v, "东东")), (1, 35.6, 0.0, 35.6));
    assert_eq!(money(&v["totals"]), (3, 71.2, 17.8, 53.4));
    assert_eq!(num(&v["totals"]["commission"]), 1.34);
    let r = run(&[
        "conversion",
        &fx("exports/chats_replaced.csv"),
        "--orders",
        &fx("exports/pdd_orders.csv"),
        "--config",
        &fx(FLAT),
        "--format",
        "json",
        "--lang",
        "en",
    ]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stderr.contains("pdd_orders.csv has no buyer column"), "{}", r.stderr);
    let (chats, orders, flat) = (fx("exports/chats_replaced.csv"), fx("exports/pdd_orders.csv"), fx(FLAT));
    let r = run(&["conversion", &chats, "--orders", &orders, "--config", &flat, "--format", "json"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stderr.lines().any(|l| l
            == format!(
                "提示：{orders} 没有买家列：其中的订单计入销售额，但无法与聊天对应，不算询单成交，也不计入付款买家数"
            )),
        "{}",
        r.stderr
    );
}

// EXPECTED §7
#[test]
fn the_qianniu_main_and_sub_order_tables_given_together_count_each_order_once() {
    let (main, _) = commission(&["qianniu_main.csv"], FLAT);
    assert_eq!(money(&main["totals"]), (2, 249.0, 99.0, 150.0));
    let (sub, _) = commission(&["qianniu_sub.csv"], FLAT);
    assert_eq!(money(&sub["totals"]), (3, 284.0, 99.0, 185.0), "items without postage; 303 only here");
    for files in [["qianniu_main.csv", "qianniu_sub.csv"], ["qianniu_sub.csv", "qianniu_main.csv"]] {
        let (v, _) = commission(&files, FLAT);
        assert_eq!(money(&v["totals"]), (3, 294.0, 99.0, 195.0), "{files:?}");
        assert_eq!(money(agent_row(&v, "小王")), (1, 150.0, 0.0, 150.0), "{files:?}");
        assert_eq!(num(&v["totals"]["commission"]), 4.88, "{files:?}");
    }
    let (v, _) = json(&["inspect", &fx("exports/qianniu_main.csv"), &fx("exports/qianniu_sub.csv")]);
    assert_eq!(v["item_rows_left_out"], 4);
    assert_eq!(v["files"][1]["sheets"][0]["paid_by_status"], true);
}
