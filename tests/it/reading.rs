//! The reading layer and the report plumbing, through the binary: encodings, formats
//! decided by content, inspect, output safety, determinism, config errors.

use crate::common::{cs_tools_in, root, run_in, scratch, stdout_json};
use predicates::prelude::PredicateBooleanExt;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Three orders: 小王 100.00 + 50.50, 东东 20.00 (refund 5.00).
const ORDERS: &str = "订单编号\t买家会员名\t实付金额\t退款金额\t付款时间\t客服\n\
A1\tbuyer1\t100.00\t\t2026-10-01 09:00:00\t店铺:小王\n\
A2\tbuyer2\t50.50\t0\t2026-10-02 10:00:00\t小王\n\
A3\tbuyer3\t20.00\t5.00\t2026-10-03 11:00:00\t东东\n";

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn json_of(dir: &Path, args: &[&str]) -> Value {
    stdout_json(&run_in(dir, args))
}

fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    bytes
}

/// Each encoding and disguise gives the same three orders: 2% of 150.50 = 3.01, 2% of 15.00 = 0.30.
fn assert_three_orders(v: &Value) {
    assert_eq!(v["totals"]["orders"], 3);
    assert_eq!(v["totals"]["net"], 165.5);
    assert_eq!(v["rows"][0]["agent"], "东东");
    assert_eq!(v["rows"][0]["commission"], 0.3);
    assert_eq!(v["rows"][1]["agent"], "小王");
    assert_eq!(v["rows"][1]["commission"], 3.01);
}

#[test]
fn utf16_tab_text_saved_as_xls_is_read_as_text() {
    let dir = scratch();
    write(dir.path(), "export.xls", &utf16le_with_bom(ORDERS));
    assert_three_orders(&json_of(dir.path(), &["commission", "export.xls", "--format", "json"]));
}

#[test]
fn utf8_with_bom_and_semicolons() {
    let dir = scratch();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(ORDERS.replace('\t', ";").as_bytes());
    write(dir.path(), "orders.csv", &bytes);
    assert_three_orders(&json_of(dir.path(), &["commission", "orders.csv", "--format", "json"]));
}

#[test]
fn gbk_is_detected_and_encoding_can_be_forced() {
    let dir = scratch();
    let comma_separated = ORDERS.replace('\t', ",");
    let (gbk, _, _) = encoding_rs::GBK.encode(&comma_separated);
    write(dir.path(), "orders.csv", &gbk);
    assert_three_orders(&json_of(dir.path(), &["commission", "orders.csv", "--format", "json"]));
    assert_three_orders(&json_of(dir.path(), &["commission", "orders.csv", "--encoding", "gbk", "--format", "json"]));
}

#[test]
fn html_saved_as_xls_gets_a_clear_message() {
    let dir = scratch();
    write(dir.path(), "orders.xls", b"<html><body><table><tr><td>1</td></tr></table></body></html>");
    cs_tools_in(dir.path())
        .args(["commission", "orders.xls"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("orders.xls").and(predicates::str::contains("HTML")));
}

#[test]
fn a_missing_file_and_a_sheet_without_orders_exit_1_naming_the_file() {
    let dir = scratch();
    cs_tools_in(dir.path())
        .args(["commission", "nope.xlsx"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("nope.xlsx"));
    write(dir.path(), "notes.csv", "客服,备注\n小王,hello\n".as_bytes());
    cs_tools_in(dir.path())
        .args(["commission", "notes.csv", "--lang", "en"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("notes.csv").and(predicates::str::contains("no order sheet")));
    cs_tools_in(dir.path())
        .args(["commission", "notes.csv"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("notes.csv").and(predicates::str::contains("没有找到订单表")));
}

#[test]
fn usage_errors_exit_2() {
    let dir = scratch();
    write(dir.path(), "orders.tsv", ORDERS.as_bytes());
    cs_tools_in(dir.path()).args(["commission", "orders.tsv", "--month", "2026-13"]).assert().code(2);
    cs_tools_in(dir.path()).args(["commission", "orders.tsv", "--rate", "two"]).assert().code(2);
    cs_tools_in(dir.path()).args(["commission", "orders.tsv", "--from", "2026-10-01"]).assert().code(2);
}

#[test]
fn the_output_may_not_be_an_input() {
    let dir = scratch();
    write(dir.path(), "orders.tsv", ORDERS.as_bytes());
    cs_tools_in(dir.path())
        .args(["commission", "orders.tsv", "-o", "./orders.tsv", "--lang", "en"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("input"));
    assert_eq!(std::fs::read_to_string(dir.path().join("orders.tsv")).unwrap(), ORDERS);
}

#[test]
fn reruns_are_byte_identical_and_leave_no_temp_file() {
    let dir = scratch();
    write(dir.path(), "orders.tsv", ORDERS.as_bytes());
    cs_tools_in(dir.path()).args(["commission", "orders.tsv", "-q"]).assert().success();
    // Default name: the data's single month.
    let first = std::fs::read(dir.path().join("commission-2026-10.xlsx")).unwrap();
    cs_tools_in(dir.path()).args(["commission", "orders.tsv", "-q"]).assert().success();
    let second = std::fs::read(dir.path().join("commission-2026-10.xlsx")).unwrap();
    assert!(first == second, "two runs differ");
    let names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
}

#[test]
fn default_rule_is_said_on_stdout() {
    let dir = scratch();
    write(dir.path(), "orders.tsv", ORDERS.as_bytes());
    cs_tools_in(dir.path())
        .args(["commission", "orders.tsv", "--lang", "en"])
        .assert()
        .success()
        .stdout(predicates::str::contains("flat 2%").and(predicates::str::contains("default")));
}

#[test]
fn an_unwritable_output_folder_exits_1() {
    let dir = scratch();
    write(dir.path(), "orders.tsv", ORDERS.as_bytes());
    cs_tools_in(dir.path())
        .args(["commission", "orders.tsv", "-o", "missing/dir/out.xlsx"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("missing/dir"));
}

#[test]
fn config_errors_name_the_key_and_exit_1() {
    let dir = scratch();
    write(dir.path(), "orders.tsv", ORDERS.as_bytes());
    write(dir.path(), "cs-tools.toml", b"[commission]\nrat = 0.03\n");
    cs_tools_in(dir.path())
        .args(["commission", "orders.tsv", "--format", "json"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("cs-tools.toml").and(predicates::str::contains("commission.rat")));
    write(dir.path(), "cs-tools.toml", b"[commission]\nrate = \"lots\"\n");
    cs_tools_in(dir.path())
        .args(["commission", "orders.tsv"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("rate"));
}

#[test]
fn init_writes_a_config_that_reads_back_and_refuses_to_overwrite() {
    let dir = scratch();
    cs_tools_in(dir.path()).args(["init"]).assert().success();
    let text = std::fs::read_to_string(dir.path().join("cs-tools.toml")).unwrap();
    assert!(text.contains("[commission]") && text.contains("rate = 0.02"));
    // Every layout read with no config is listed with the headers that tell it.
    for line in [
        "# - 抖店 (Douyin) order export, one row per item: 主订单编号, 子订单编号, 选购商品, 订单应付金额",
        "# - 快手小店 (Kuaishou) order export: 订单号, 实付款, 订单创建时间, 成交数量",
        "# - Pinduoduo order export: 订单号, 订单成交时间, 用户实付金额, 商家实收金额",
        "# - 飞鸽 (Douyin) 客服数据, one or more shops: 店铺名称, 客服昵称, 人工已接待人数",
    ] {
        assert!(text.contains(line), "{line}");
    }
    cs_tools_in(dir.path()).args(["init"]).assert().code(1);
    write(dir.path(), "orders.tsv", ORDERS.as_bytes());
    // The written defaults give the default figures.
    assert_three_orders(&json_of(dir.path(), &["commission", "orders.tsv", "--format", "json"]));
}

#[test]
fn config_names_a_column_the_aliases_do_not_know() {
    let dir = scratch();
    write(dir.path(), "erp.csv", "单号,到手价,成交时间,跟单\nE1,300,2026-10-05 12:00,小王\n".as_bytes());
    write(
        dir.path(),
        "cs-tools.toml",
        "[columns.orders]\norder_id = \"单号\"\npaid_amount = \"到手价\"\npaid_at = \"成交时间\"\nagent = \"跟单\"\n"
            .as_bytes(),
    );
    let v = json_of(dir.path(), &["commission", "erp.csv", "--format", "json"]);
    assert_eq!(v["rows"][0]["agent"], "小王");
    assert_eq!(v["rows"][0]["commission"], 6.0);
}

#[test]
fn inspect_shows_header_row_mapping_and_problems() {
    let dir = scratch();
    let text = "2026年10月订单报表\n导出时间: 2026-11-01\n\n订单编号,实付金额,付款时间,买家留言\nX1,12.50,2026/10/3 9:05:07,hi\nX2,abc,2026/10/4 9:05,\n";
    write(dir.path(), "orders.csv", text.as_bytes());
    let v = json_of(dir.path(), &["inspect", "orders.csv", "--format", "json"]);
    let sheet = &v["files"][0]["sheets"][0];
    assert_eq!(sheet["kind"], "orders");
    assert_eq!(sheet["header_row"], 4);
    assert_eq!(sheet["columns"]["paid_amount"], "实付金额");
    assert_eq!(sheet["unmapped"][0], "买家留言");
    assert_eq!(sheet["rows"], 2);
    assert_eq!(sheet["date_from"], "2026-10-03 09:05:07");
    assert_eq!(v["files"][0]["encoding"], "UTF-8");
    assert_eq!(v["problems"][0]["row"], 6);
    assert_eq!(v["problems"][0]["column"], "实付金额");
    assert_eq!(v["problems"][0]["value"], "abc");
}

#[test]
fn csv_and_table_formats_print_the_summary() {
    let dir = scratch();
    write(dir.path(), "orders.tsv", ORDERS.as_bytes());
    let out =
        cs_tools_in(dir.path()).args(["commission", "orders.tsv", "--format", "csv", "--lang", "en"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "Agent,Orders,Paid,Refund,Net,Base,Rate,Multiplier,Commission");
    // By commission, highest first: 小王 3.01, then 东东 0.30.
    assert_eq!(lines[1], "小王,2,150.50,0.00,150.50,150.50,2%,1.00,3.01");
    assert_eq!(lines[2], "东东,1,20.00,5.00,15.00,15.00,2%,1.00,0.30");
    assert_eq!(lines[4], "Total,3,170.50,5.00,165.50,165.50,,,3.31");
    let out = cs_tools_in(dir.path()).args(["commission", "orders.tsv", "--format", "table"]).output().unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().contains("未归属"));
}

#[test]
fn csv_row_numbers_are_excel_rows_across_blank_lines_crlf_and_embedded_newlines() {
    let dir = scratch();
    // Excel: row 1 header, row 2 blank, row 3 "abc", row 4 the two-line record, row 5 "y".
    let text = "订单编号,实付金额,付款时间\r\n\r\n1,abc,2026-10-01\r\n\"2\r\nx\",x,2026-10-01\r\n3,y,2026-10-01";
    write(dir.path(), "edge.csv", text.as_bytes());
    let v = json_of(dir.path(), &["inspect", "edge.csv", "--format", "json"]);
    let rows: Vec<i64> = v["problems"].as_array().unwrap().iter().map(|p| p["row"].as_i64().unwrap()).collect();
    assert_eq!(rows, vec![3, 4, 5]);
    assert_eq!(v["problems"][2]["value"], "y", "no stray carriage return");
}

/// The 千牛 fixture saved by LibreOffice as xls (BIFF8) and ods
/// (`soffice --headless --convert-to xls|ods fixtures/qianniu_orders.xlsx`): the same figures
/// and the same problems, with the same Excel row numbers.
#[test]
fn xls_and_ods_read_like_xlsx() {
    let dir = root();
    let run = |file: &str| {
        json_of(
            dir,
            &["commission", file, "--config", "fixtures/configs/tiered.toml", "--month", "2026-10", "--format", "json"],
        )
    };
    let xlsx = run("fixtures/qianniu_orders.xlsx");
    for other in ["fixtures/qianniu_orders.xls", "fixtures/qianniu_orders.ods"] {
        let v = run(other);
        assert_eq!(v["rows"], xlsx["rows"], "{other}");
        assert_eq!(v["totals"], xlsx["totals"], "{other}");
        assert_eq!(v["issues"], xlsx["issues"], "{other}");
        let problems = json_of(dir, &["inspect", other, "--format", "json"])["problems"].clone();
        let rows: Vec<i64> = problems.as_array().unwrap().iter().map(|p| p["row"].as_i64().unwrap()).collect();
        assert_eq!(rows, vec![11, 12], "{other}: the numeric id and the bad paid time");
    }
}
