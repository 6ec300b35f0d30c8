//! A month as it really arrives: overlapping exports of the same orders, the CSV and the xlsx
//! of one export, and statuses that no platform list knows. Every figure is worked out by hand
//! in `fixtures/overlap/EXPECTED.md`; the files are written by `fixtures/overlap/make_overlap.py`.

use crate::common::{agent_row, fx, json, num, run, run_in, scratch, sheet_text};
use serde_json::Value;

const WEEK1: &str = "overlap/ExportOrderList202610120900.csv";
const WEEK2: &str = "overlap/ExportOrderList202610190905.csv";

fn commission(files: &[&str], config: &str) -> (Value, String) {
    let paths: Vec<String> = files.iter().map(|f| fx(f)).collect();
    let config = fx(config);
    let mut args = vec!["commission"];
    args.extend(paths.iter().map(String::as_str));
    args.extend(["--config", &config, "--month", "2026-10"]);
    json(&args)
}

/// (orders, paid, refund, net, commission) of a JSON row or totals.
fn figures(v: &Value) -> (u64, f64, f64, f64, f64) {
    let commission = v.get("commission").map_or(0.0, num);
    (v["orders"].as_u64().unwrap(), num(&v["paid"]), num(&v["refund"]), num(&v["net"]), commission)
}

/// The commission workbook of `files`, and its Issues (问题) and Rules (规则) sheets.
fn workbook(files: &[&str], extra: &[&str]) -> (Vec<Vec<String>>, Vec<Vec<String>>) {
    let dir = scratch();
    let out = dir.path().join("c.xlsx");
    let paths: Vec<String> = files.iter().map(|f| fx(f)).collect();
    let mut args = vec!["commission"];
    args.extend(paths.iter().map(String::as_str));
    args.extend(extra);
    args.extend(["--month", "2026-10", "-o", out.to_str().unwrap()]);
    let r = run_in(dir.path(), &args);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    (sheet_text(&out, "问题"), sheet_text(&out, "规则"))
}

fn inspect(files: &[&str], config: &str) -> Value {
    let paths: Vec<String> = files.iter().map(|f| fx(f)).collect();
    let config = fx(config);
    let mut args = vec!["inspect"];
    args.extend(paths.iter().map(String::as_str));
    args.extend(["--config", &config]);
    json(&args).0
}

// EXPECTED §1
#[test]
fn overlapping_weekly_exports_count_each_order_once_from_the_later_export() {
    for files in [[WEEK1, WEEK2], [WEEK2, WEEK1]] {
        let (v, _) = commission(&files, "overlap/plain.toml");
        assert_eq!(figures(agent_row(&v, "小王")), (5, 541.0, 20.0, 521.0, 10.42), "{files:?}");
        assert_eq!(figures(agent_row(&v, "东东")), (4, 1069.0, 330.0, 739.0, 14.78), "{files:?}");
        assert_eq!(figures(&v["totals"]), (9, 1610.0, 350.0, 1260.0, 25.2), "{files:?}");
        assert_eq!(v["unattributed"]["orders"], 0);
        assert_eq!(v["issues"], 4, "the four orders in both weeks, once each");
    }
}

// EXPECTED §1: the Issues rows name the earlier export's row and the export kept
#[test]
fn the_earlier_exports_rows_are_listed_once_per_order() {
    let (issues, rules) = workbook(&[WEEK2, WEEK1], &["--config", &fx("overlap/plain.toml")]);
    let also: Vec<&Vec<String>> = issues.iter().filter(|r| r.iter().any(|c| c.contains("较晚的导出"))).collect();
    assert_eq!(also.len(), 4, "{issues:?}");
    for (row, (line, id)) in also.iter().zip([("5", "304"), ("6", "305"), ("7", "306"), ("8", "307")]) {
        assert!(row[0].ends_with("ExportOrderList202610120900.csv"), "{row:?}");
        assert_eq!(row[2], line, "{row:?}");
        assert_eq!(row[3], "订单编号", "{row:?}");
        assert_eq!(row[4], format!("3864000000000{id}"), "{row:?}");
        assert!(row[5].contains("ExportOrderList202610190905.csv"), "{row:?}");
    }
    let counted: Vec<&String> = rules.iter().flatten().filter(|c| c.contains("单也在较晚的导出中")).collect();
    assert_eq!(counted.len(), 1, "{rules:?}");
    assert!(counted[0].contains("ExportOrderList202610120900.csv：4 单"), "{counted:?}");
}

// EXPECTED §2
#[test]
fn the_csv_and_the_xlsx_of_one_month_are_one_set_of_orders() {
    let (one, _) = json(&["commission", &fx("month/orders.xlsx"), "--month", "2026-10"]);
    let (pair, _) = json(&["commission", &fx("month/orders_gbk.csv"), &fx("month/orders.xlsx"), "--month", "2026-10"]);
    assert_eq!(figures(&pair["totals"]), (567, 179031.74, 7512.13, 171519.61, 1418.96));
    assert_eq!(pair["rows"], one["rows"], "the same agents' rows as orders.xlsx alone");
    assert_eq!(pair["unattributed"], one["unattributed"]);
    assert_eq!(pair["issues"], 600, "each of the 600 order ids once, in the CSV left out");
    // Given the other way round the xlsx is still kept: the two tie on time, and it fills a
    // 客服 column the CSV lacks.
    let (other, _) = json(&["commission", &fx("month/orders.xlsx"), &fx("month/orders_gbk.csv"), "--month", "2026-10"]);
    assert_eq!(figures(&other["totals"]), (567, 179031.74, 7512.13, 171519.61, 1418.96));
    assert_eq!(other["rows"], one["rows"]);
}

#[test]
fn the_month_pair_lists_every_order_once_in_the_workbook() {
    let (issues, rules) = workbook(&["month/orders_gbk.csv", "month/orders.xlsx"], &[]);
    let also: Vec<&Vec<String>> = issues.iter().filter(|r| r.iter().any(|c| c.contains("较晚的导出"))).collect();
    assert_eq!(also.len(), 600);
    let mut ids: Vec<&str> = also.iter().map(|r| r[4].as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 600, "once per order");
    assert!(also.iter().all(|r| r[0].ends_with("orders_gbk.csv")));
    assert!(rules.iter().flatten().any(|c| c.contains("orders_gbk.csv：600 单也在较晚的导出中")), "{rules:?}");
}

// EXPECTED §3
#[test]
fn statuses_in_no_list_count_as_paid_only_with_a_paid_time() {
    let (v, _) = commission(&["overlap/crm_orders.csv"], "overlap/plain.toml");
    assert_eq!(figures(agent_row(&v, "小王")), (3, 840.0, 0.0, 840.0, 16.8));
    assert_eq!(figures(agent_row(&v, "东东")), (2, 530.0, 0.0, 530.0, 10.6));
    assert_eq!(figures(&v["totals"]), (5, 1370.0, 0.0, 1370.0, 27.4));
    assert_eq!(v["issues"], 3, "待审核, 未提交, 已驳回: once each");
    let (v, _) = commission(&["overlap/erp_no_paid_time.csv"], "overlap/plain.toml");
    assert_eq!(figures(&v["totals"]), (1, 188.0, 0.0, 188.0, 3.76), "without a paid time 待审核 and 锁定 are not paid");
    assert_eq!(v["issues"], 2);
}

#[test]
fn each_unknown_status_is_one_issue_with_its_orders_and_money() {
    let (issues, rules) = workbook(&["overlap/crm_orders.csv"], &["--config", &fx("overlap/plain.toml")]);
    let want = [
        ("4", "待审核", "3 单，金额 ¥490.00", "（2 单）"),
        ("6", "未提交", "1 单，金额 ¥99.00", "（0 单）"),
        ("7", "已驳回", "1 单，金额 ¥210.00", "（1 单）"),
    ];
    // Below the header row.
    assert_eq!(issues.len(), 1 + want.len(), "{issues:?}");
    for (row, (line, text, money, paid)) in issues[1..].iter().zip(want) {
        assert_eq!((row[2].as_str(), row[3].as_str(), row[4].as_str()), (line, "订单状态", text), "{row:?}");
        assert!(row[5].contains("不在任何列表") && row[5].contains(money), "{row:?}");
        assert!(row[6].contains(paid) && row[6].contains("paid_statuses"), "{row:?}");
    }
    assert!(rules.iter().flatten().any(|c| c.contains("待审核：3 单，金额 ¥490.00")), "{rules:?}");
}

// EXPECTED §4
#[test]
fn the_config_settles_statuses_once() {
    let (v, _) = commission(&["overlap/crm_orders.csv"], "overlap/settle.toml");
    assert_eq!(figures(agent_row(&v, "小王")), (3, 840.0, 0.0, 840.0, 16.8));
    assert_eq!(figures(agent_row(&v, "东东")), (2, 530.0, 210.0, 320.0, 6.4), "已驳回 closed: wholly refunded");
    assert_eq!(figures(&v["totals"]), (5, 1370.0, 210.0, 1160.0, 23.2));
    assert_eq!(v["issues"], 1, "未提交 is still unknown");
    let (v, _) = commission(&["overlap/erp_no_paid_time.csv"], "overlap/settle.toml");
    assert_eq!(figures(agent_row(&v, "东东")), (1, 420.0, 0.0, 420.0, 8.4), "待审核 is paid now");
    assert_eq!(figures(&v["totals"]), (2, 608.0, 0.0, 608.0, 12.16));
    assert_eq!(v["issues"], 1, "锁定 is still unknown");
}

#[test]
fn a_status_given_two_kinds_is_a_config_error() {
    let dir = scratch();
    let config = dir.path().join("c.toml");
    std::fs::write(&config, "[orders]\npaid_statuses = [\"交易关闭\"]\n").unwrap();
    let r = run(&["commission", &fx("overlap/crm_orders.csv"), "--config", config.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains("交易关闭") && r.stderr.contains("closed"), "{}", r.stderr);
}

#[test]
fn inspect_counts_orders_in_a_later_export_and_unknown_statuses() {
    let v = inspect(&[WEEK1, WEEK2, "overlap/crm_orders.csv"], "overlap/plain.toml");
    let later = v["orders_in_later_export"].as_array().unwrap();
    assert_eq!(later.len(), 1);
    assert!(later[0]["file"].as_str().unwrap().ends_with("ExportOrderList202610120900.csv"));
    assert_eq!(later[0]["orders"], 4);
    let unknown: Vec<(String, u64, f64, u64)> = v["unknown_statuses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["status"].as_str().unwrap().to_string(),
                u["orders"].as_u64().unwrap(),
                num(&u["money"]),
                u["paid"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        unknown,
        [("待审核".to_string(), 3, 490.0, 2), ("未提交".to_string(), 1, 99.0, 0), ("已驳回".to_string(), 1, 210.0, 1)]
    );
    let paths = [fx(WEEK1), fx(WEEK2)];
    let r = run(&["inspect", &paths[0], &paths[1], "--lang", "en"]);
    assert!(r.stdout.contains("4 orders also in a later export, left out"), "{}", r.stdout);
    let r = run(&["inspect", &fx("overlap/erp_no_paid_time.csv"), "--lang", "en"]);
    assert!(r.stdout.contains("status \"锁定\" is in no list: 1 order, ¥75.00"), "{}", r.stdout);
}
