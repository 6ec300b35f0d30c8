//! Platform response rates (docs/definitions.md#conversion): `reply_3min_rate` per buyer turn,
//! `reply_30s_rate` per reception, on `fixtures/rates/`. Every figure is worked by hand in
//! `fixtures/rates/EXPECTED.md` (R1…R6 below are its receptions).

use crate::common::{agent_row, fx, json_in, near, read_sheet, root, run_in, scratch, text};
use calamine::DataType;
use serde_json::Value;

fn chats() -> String {
    fx("rates/chats.csv")
}

fn orders() -> String {
    fx("rates/orders.csv")
}

fn json_of(command: &str, extra: &[&str]) -> Value {
    let mut args = vec![command.to_string(), chats(), "--orders".into(), orders()];
    args.extend(extra.iter().map(|s| s.to_string()));
    json_in(root(), &args).0
}

/// (3min, 30s) of a JSON row; a missing rate as None.
fn rates(row: &Value) -> (Option<f64>, Option<f64>) {
    (row["reply_3min_rate"].as_f64(), row["reply_30s_rate"].as_f64())
}

fn assert_rates(row: &Value, three_min: Option<f64>, thirty_s: Option<f64>, what: &str) {
    let (a, b) = rates(row);
    let same = |got: Option<f64>, want: Option<f64>| match (got, want) {
        (Some(g), Some(w)) => (g - w).abs() < 1e-9,
        (None, None) => true,
        _ => false,
    };
    assert!(same(a, three_min) && same(b, thirty_s), "{what}: got {a:?} / {b:?}, want {three_min:?} / {thirty_s:?}");
    // A missing rate is null, never left out.
    assert!(row.get("reply_3min_rate").is_some() && row.get("reply_30s_rate").is_some(), "{what}: {row}");
}

/// The figures of EXPECTED.md, per agent and for the team (Σ in time / Σ counted).
fn assert_expected(v: &Value, what: &str) {
    assert_rates(agent_row(v, "小王"), Some(0.75), Some(0.5), &format!("{what} 小王"));
    assert_rates(agent_row(v, "小李"), Some(2.0 / 3.0), Some(0.5), &format!("{what} 小李"));
    assert_rates(agent_row(v, "阿杰"), None, None, &format!("{what} 阿杰"));
    assert_rates(&v["totals"], Some(5.0 / 7.0), Some(0.5), &format!("{what} team"));
}

#[test]
fn conversion_json_per_agent_and_team() {
    let v = json_of("conversion", &[]);
    assert_expected(&v, "conversion");
}

#[test]
fn daily_json_has_the_same_rates() {
    let v = json_of("daily", &["--day", "2026-10-12"]);
    assert_expected(&v, "daily");
}

#[test]
fn report_json_totals_have_the_team_rates() {
    let v = crate::common::json_here(&["report", &chats(), &orders()]);
    assert!(near(&v["totals"]["reply_3min_rate"], 5.0 / 7.0) && near(&v["totals"]["reply_30s_rate"], 0.5), "{v}");
}

/// R2's 181 s turn capped to 60 s would look in time: the rates take the raw seconds.
#[test]
fn the_response_cap_does_not_make_a_late_answer_in_time() {
    let dir = scratch();
    let config = dir.path().join("cs-tools.toml");
    std::fs::write(&config, "response_cap_secs = 60\n").unwrap();
    let v = json_of("conversion", &["--config", config.to_str().unwrap()]);
    assert_expected(&v, "response_cap_secs = 60");
}

/// An agent whose turns all start outside the hours has no rate: null in JSON, empty in the
/// sheet, never 0.
#[test]
fn receptions_sheet_marks_the_missed_receptions_and_the_summary_leaves_missing_rates_empty() {
    let dir = scratch();
    let out = dir.path().join("conversion.xlsx");
    let r = run_in(root(), &["conversion", &chats(), "--orders", &orders(), "-o", out.to_str().unwrap()]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let rows = read_sheet(&out, "接待明细");
    let header: Vec<String> = rows[0].iter().map(text).collect();
    assert_eq!(
        header,
        ["客服", "买家", "开始时间", "消息数", "首次响应(秒)", "类型", "成交订单", "3分钟人工响应率", "30秒应答率"]
    );
    let marks: Vec<(String, String, String)> =
        rows[1..].iter().map(|r| (text(&r[1]), text(&r[7]), text(&r[8]))).collect();
    let want = [
        ("tb_r1", "", ""),
        ("tb_r2", "未达标", "未达标"),
        ("tb_r4", "未达标", ""),
        ("tb_r5", "", "未达标"),
        ("tb_r3", "", ""),
        ("tb_r6", "", ""),
    ];
    let want: Vec<(String, String, String)> =
        want.iter().map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string())).collect();
    assert_eq!(marks, want);
    // The summary: the two rate columns last, 阿杰's empty (missing), the team's 5/7 and 0.5.
    let summary = read_sheet(&out, "汇总");
    let header: Vec<String> = summary[0].iter().map(text).collect();
    assert_eq!(&header[header.len() - 2..], ["3分钟人工响应率", "30秒应答率"]);
    let n = header.len();
    let row = |name: &str| summary.iter().find(|r| text(&r[0]) == name).unwrap_or_else(|| panic!("no row {name}"));
    assert_eq!((text(&row("阿杰")[n - 2]), text(&row("阿杰")[n - 1])), (String::new(), String::new()));
    let team = row("团队");
    assert!((team[n - 2].as_f64().unwrap() - 5.0 / 7.0).abs() < 1e-9 && team[n - 1].as_f64() == Some(0.5));
}

/// The scorecard has both as metrics; a table scoring `reply_3min_rate` alone: 小王 0.75 → 100,
/// 小李 0.667 → 80, 阿杰 no value → no score.
#[test]
fn scorecard_metrics_and_a_table_on_the_3min_rate() {
    let v = json_of("scorecard", &[]);
    assert!(near(&agent_row(&v, "小王")["metrics"]["reply_3min_rate"], 0.75));
    assert!(near(&agent_row(&v, "小李")["metrics"]["reply_30s_rate"], 0.5));
    assert!(agent_row(&v, "阿杰")["metrics"]["reply_3min_rate"].is_null());
    let dir = scratch();
    let config = dir.path().join("cs-tools.toml");
    std::fs::write(
        &config,
        "[[scorecard.metric]]\nmetric = \"reply_3min_rate\"\nweight = 1\nbands = [[0.7, 100], [0.6, 80]]\nelse = 0\n",
    )
    .unwrap();
    let v = json_of("scorecard", &["--config", config.to_str().unwrap()]);
    assert!(near(&agent_row(&v, "小王")["score"], 100.0), "{v}");
    assert!(near(&agent_row(&v, "小李")["score"], 80.0), "{v}");
    let jie = agent_row(&v, "阿杰");
    assert!(jie["scores"]["reply_3min_rate"].is_null() && jie["score"].is_null(), "{jie}");
}

/// A config of its own: a 60-second rate per reception over the whole day counts 阿杰's 23:00
/// reception (30 s: in time) and R1's 07:59 one (20 s).
#[test]
fn a_rate_of_the_configs_own_is_computed_and_named() {
    let dir = scratch();
    let config = dir.path().join("cs-tools.toml");
    std::fs::write(
        &config,
        "[[conversion.response_rate]]\nid = \"reply_60s_all_day\"\nlabel = \"60秒全天应答率\"\nsecs = 60\nper = \"reception\"\nhours = \"00:00-24:00\"\n",
    )
    .unwrap();
    let v = json_of("conversion", &["--config", config.to_str().unwrap()]);
    // 小王: R1 20 s, R2 180 s, R3 25 s → 2/3; 小李: R4 30 s, R5 31 s → 2/2; 阿杰: R6 30 s → 1/1.
    assert!(near(&agent_row(&v, "小王")["reply_60s_all_day"], 2.0 / 3.0));
    assert!(near(&agent_row(&v, "小李")["reply_60s_all_day"], 1.0));
    assert!(near(&agent_row(&v, "阿杰")["reply_60s_all_day"], 1.0));
    assert!(near(&v["totals"]["reply_60s_all_day"], 5.0 / 6.0));
    assert_expected(&v, "with a rate of its own");
}
