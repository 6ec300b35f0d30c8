//! `scorecard`, `daily` and `report` through the binary, with scores computed by hand.

use assert_cmd::Command;
use serde_json::Value;
use std::io::Read;

fn run_json(args: &[&str]) -> Value {
    let out = Command::cargo_bin("cs-tools").unwrap().args(args).args(["--format", "json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn row<'a>(v: &'a Value, agent: &str) -> &'a Value {
    v["rows"].as_array().unwrap().iter().find(|r| r["agent"] == agent).unwrap_or_else(|| panic!("no row {agent}"))
}

fn near(v: &Value, want: f64) -> bool {
    v.as_f64().is_some_and(|x| (x - want).abs() < 1e-6)
}

/// The 赤兔 report (fixtures/chitu_agent_report.xlsx) scored by the default table of SPEC §4.7.
#[test]
fn default_table_on_a_per_agent_report() {
    let v = run_json(&["scorecard", "fixtures/chitu_agent_report.xlsx"]);
    // 小王: conversion 62.50% ≥ 0.60 → 90 (×40); aov_ratio 286.50 / shop 283.06 = 1.012 < 1.10 → 0 (×5);
    // first response 12.5 s ≤ 15 → 100 (×10); average 28.3 s ≤ 30 → 100 (×10); reply 99.1% ≥ 0.99 → 100
    // (×10); payment_rate has no value (no orders): left out, not 0.
    // (3600 + 0 + 1000 + 1000 + 1000) / (40 + 5 + 10 + 10 + 10) = 6600 / 75 = 88.0 → B.
    let w = row(&v, "小王");
    assert!(near(&w["scores"]["conversion"], 90.0));
    assert!(near(&w["scores"]["aov_ratio"], 0.0));
    assert!(w["scores"]["payment_rate"].is_null() && w["metrics"]["payment_rate"].is_null());
    assert!(near(&w["score"], 88.0));
    assert_eq!(w["grade"], "B");
    // 小美: conversion exactly 60% reaches the 0.60 band → 90; first response 18 s ≤ 20 → 90;
    // average 31 s ≤ 35 → 90; reply 98% ≥ 0.97 → 80; aov_ratio 0.736 → 0.
    // (3600 + 0 + 900 + 900 + 800) / 75 = 6200 / 75 = 82.666… → B.
    let m = row(&v, "小美");
    assert!(near(&m["scores"]["conversion"], 90.0), "a value on the threshold reaches it");
    assert!(near(&m["score"], 6200.0 / 75.0));
    // 东东: first response is `延迟统计` (not computed yet): missing, and its weight drops out.
    // conversion 53.85% ≥ 0.45 → 75; average 35.1 s ≤ 45 → 80; reply 97.8% → 80; aov_ratio → 0.
    // (3000 + 0 + 800 + 800) / (40 + 5 + 10 + 10) = 4600 / 65 = 70.769… → C.
    let d = row(&v, "东东");
    assert!(d["metrics"]["first_response_secs"].is_null());
    assert!(d["scores"]["first_response_secs"].is_null());
    assert!(near(&d["score"], 4600.0 / 65.0));
    assert_eq!(d["grade"], "C");
    // 阿杰: reply rate `95%` is exactly 0.95 → 60 (the band edge), first response 20 s → 90.
    let j = row(&v, "阿杰");
    assert!(near(&j["metrics"]["reply_rate"], 0.95));
    assert!(near(&j["scores"]["reply_rate"], 60.0));
    assert!(near(&j["scores"]["first_response_secs"], 90.0));
}

#[test]
fn linear_scoring_is_clamped_and_grades_come_from_the_config() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("score.toml");
    std::fs::write(
        &config,
        "[scorecard]\nbelow = \"待改进\"\n[scorecard.grades]\n\"优秀\" = 80.0\n\"合格\" = 50.0\n\n\
         [[scorecard.metric]]\nmetric = \"conversion\"\nweight = 1\nlinear = { worst = 0.45, best = 0.60 }\n",
    )
    .unwrap();
    let v = run_json(&["scorecard", "fixtures/chitu_agent_report.xlsx", "--config", config.to_str().unwrap()]);
    // 小王 62.5%: above best → clamped to 100. 阿杰 42.86%: below worst → 0.
    // 东东 53.85%: 100 × (0.5385 − 0.45) / 0.15 = 59.0. 小美 60%: exactly best → 100.
    assert!(near(&row(&v, "小王")["score"], 100.0));
    assert!(near(&row(&v, "阿杰")["score"], 0.0));
    assert!(near(&row(&v, "东东")["score"], 100.0 * (0.5385 - 0.45) / 0.15));
    assert_eq!(row(&v, "小王")["grade"], "优秀");
    assert_eq!(row(&v, "东东")["grade"], "合格");
    assert_eq!(row(&v, "阿杰")["grade"], "待改进");
}

#[test]
fn daily_reports_one_day() {
    let v = run_json(&[
        "daily",
        "fixtures/chats/messages.xlsx",
        "fixtures/chats/messages_gbk.csv",
        "fixtures/chats/qianniu.txt",
        "fixtures/chats/sessions.xlsx",
        "--orders",
        "fixtures/chats/orders.xlsx",
        "--config",
        "fixtures/configs/tiered.toml",
        "--day",
        "2026-10-05",
    ]);
    assert_eq!(v["command"], "daily");
    assert_eq!(v["period"]["from"], "2026-10-05");
    assert_eq!(v["period"]["to"], "2026-10-05");
    for r in v["rows"].as_array().unwrap() {
        assert_eq!(r["date"], "2026-10-05");
    }
    // The day's inquiries are a part of the month's.
    let month = run_json(&[
        "conversion",
        "fixtures/chats/messages.xlsx",
        "fixtures/chats/messages_gbk.csv",
        "fixtures/chats/qianniu.txt",
        "fixtures/chats/sessions.xlsx",
        "--orders",
        "fixtures/chats/orders.xlsx",
        "--config",
        "fixtures/configs/tiered.toml",
        "--month",
        "2026-10",
    ]);
    assert!(v["totals"]["inquiries"].as_u64().unwrap() <= month["totals"]["inquiries"].as_u64().unwrap());
}

#[test]
fn report_holds_every_sheet_and_its_charts() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("month.xlsx");
    Command::cargo_bin("cs-tools")
        .unwrap()
        .args([
            "report",
            "fixtures/month/chats.csv",
            "fixtures/month/chats.xlsx",
            "fixtures/month/chats.txt",
            "fixtures/month/orders.xlsx",
            "--month",
            "2026-10",
            "--lang",
            "en",
            "-q",
            "-o",
            out.to_str().unwrap(),
        ])
        .assert()
        .success();
    use calamine::Reader;
    let book: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    assert_eq!(
        book.sheet_names(),
        ["Overview", "Commission", "Conversion", "Reasons", "Scorecard", "Daily trend", "Issues", "Rules"]
    );
    // Charts: sales by agent and the daily trend on the Overview, plus the sheets' own.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let charts: Vec<String> = zip
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.to_string()))
        .filter(|n| n.starts_with("xl/charts/chart"))
        .collect();
    assert!(charts.len() >= 5, "{charts:?}");
    let mut titles = String::new();
    for name in &charts {
        let mut xml = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut xml).unwrap();
        titles.push_str(&xml);
    }
    for title in ["Sales by agent", "Daily sales and conversion", "Why inquiries were lost", "Commission by agent"] {
        assert!(titles.contains(title), "no chart titled {title}");
    }
    // Every chart has axis titles (except none here is a pie).
    assert!(titles.matches("<c:title>").count() >= charts.len() * 2);
}
