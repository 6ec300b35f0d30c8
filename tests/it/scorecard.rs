//! `scorecard`, `daily` and `report` through the binary, with scores computed by hand.

use crate::common::{
    agent_row, cs_tools, json_here, json_in, near, root, scratch, sheet_names, sheet_text, sheet_text_with_title,
};
use std::io::Read;

/// The 赤兔 report (fixtures/chitu_agent_report.xlsx) scored by the default table of docs/definitions.md#scorecard.
#[test]
fn default_table_on_a_per_agent_report() {
    let v = json_here(&["scorecard", "fixtures/chitu_agent_report.xlsx"]);
    // 小王: conversion 62.50% ≥ 0.60 → 90 (×40); aov_ratio 286.50 / shop 283.06 = 1.012 < 1.10 → 0 (×5);
    // first response 12.5 s ≤ 15 → 100 (×10); average 28.3 s ≤ 30 → 100 (×10); reply 99.1% ≥ 0.99 → 100
    // (×10); payment_rate has no value (no orders): left out, not 0.
    // (3600 + 0 + 1000 + 1000 + 1000) / (40 + 5 + 10 + 10 + 10) = 6600 / 75 = 88.0 → B.
    let w = agent_row(&v, "小王");
    assert!(near(&w["scores"]["conversion"], 90.0));
    assert!(near(&w["scores"]["aov_ratio"], 0.0));
    assert!(w["scores"]["payment_rate"].is_null() && w["metrics"]["payment_rate"].is_null());
    assert!(near(&w["score"], 88.0));
    assert_eq!(w["grade"], "B");
    // 小美: conversion exactly 60% reaches the 0.60 band → 90; first response 18 s ≤ 20 → 90;
    // average 31 s ≤ 35 → 90; reply 98% ≥ 0.97 → 80; aov_ratio 0.736 → 0.
    // (3600 + 0 + 900 + 900 + 800) / 75 = 6200 / 75 = 82.666… → B.
    let m = agent_row(&v, "小美");
    assert!(near(&m["scores"]["conversion"], 90.0), "a value on the threshold reaches it");
    assert!(near(&m["score"], 6200.0 / 75.0));
    // 东东: first response is `延迟统计` (not computed yet): missing, and its weight drops out.
    // conversion 53.85% ≥ 0.45 → 75; average 35.1 s ≤ 45 → 80; reply 97.8% → 80; aov_ratio → 0.
    // (3000 + 0 + 800 + 800) / (40 + 5 + 10 + 10) = 4600 / 65 = 70.769… → C.
    let d = agent_row(&v, "东东");
    assert!(d["metrics"]["first_response_secs"].is_null());
    assert!(d["scores"]["first_response_secs"].is_null());
    assert!(near(&d["score"], 4600.0 / 65.0));
    assert_eq!(d["grade"], "C");
    // 阿杰: reply rate `95%` is exactly 0.95 → 60 (the band edge), first response 20 s → 90.
    let j = agent_row(&v, "阿杰");
    assert!(near(&j["metrics"]["reply_rate"], 0.95));
    assert!(near(&j["scores"]["reply_rate"], 60.0));
    assert!(near(&j["scores"]["first_response_secs"], 90.0));
}

#[test]
fn linear_scoring_is_clamped_and_grades_come_from_the_config() {
    let dir = scratch();
    let config = dir.path().join("score.toml");
    std::fs::write(
        &config,
        "[scorecard]\nbelow = \"待改进\"\n[scorecard.grades]\n\"优秀\" = 80.0\n\"合格\" = 50.0\n\n\
         [[scorecard.metric]]\nmetric = \"conversion\"\nweight = 1\nlinear = { worst = 0.45, best = 0.60 }\n",
    )
    .unwrap();
    let v = json_here(&["scorecard", "fixtures/chitu_agent_report.xlsx", "--config", config.to_str().unwrap()]);
    // 小王 62.5%: above best → clamped to 100. 阿杰 42.86%: below worst → 0.
    // 东东 53.85%: 100 × (0.5385 − 0.45) / 0.15 = 59.0. 小美 60%: exactly best → 100.
    assert!(near(&agent_row(&v, "小王")["score"], 100.0));
    assert!(near(&agent_row(&v, "阿杰")["score"], 0.0));
    assert!(near(&agent_row(&v, "东东")["score"], 100.0 * (0.5385 - 0.45) / 0.15));
    assert_eq!(agent_row(&v, "小王")["grade"], "优秀");
    assert_eq!(agent_row(&v, "东东")["grade"], "合格");
    assert_eq!(agent_row(&v, "阿杰")["grade"], "待改进");
}

#[test]
fn daily_reports_one_day() {
    let v = json_here(&[
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
    let month = json_here(&[
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
    let dir = scratch();
    let out = dir.path().join("month.xlsx");
    cs_tools()
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
    assert_eq!(
        sheet_names(&out),
        ["Overview", "Commission", "Conversion", "Reasons", "Scorecard", "QA", "Daily trend", "Issues", "Rules"]
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

/// A scoring table that scores conversion only: ≥60% → 100, else 50 (one band, so that two
/// agents tie on each score).
const ONE_BAND: &str = "[[scorecard.metric]]\nmetric = \"conversion\"\nweight = 1\nbands = [[0.60, 100]]\nelse = 50\n";

fn one_band_config(dir: &std::path::Path) -> String {
    let path = dir.join("one_band.toml");
    std::fs::write(&path, ONE_BAND).unwrap();
    path.to_str().unwrap().to_string()
}

/// docs/definitions.md#scorecard on the 赤兔 report: 小王 62.50% and 小美 60.00% reach the band (100), 东东 53.85%
/// and 阿杰 42.86% do not (50). Equal scores share a rank and the next rank skips: 1, 1, 3, 3.
#[test]
fn equal_scores_share_a_rank() {
    let dir = scratch();
    let config = one_band_config(dir.path());
    let v = json_here(&["scorecard", "fixtures/chitu_agent_report.xlsx", "--config", &config]);
    for (agent, score, rank) in [("小王", 100.0, 1), ("小美", 100.0, 1), ("东东", 50.0, 3), ("阿杰", 50.0, 3)] {
        let r = agent_row(&v, agent);
        assert!(near(&r["score"], score), "{agent}: {r}");
        assert_eq!(r["rank"], rank, "{agent}");
    }
    // The table prints the same ranks.
    let out = cs_tools()
        .args(["scorecard", "fixtures/chitu_agent_report.xlsx", "--config", &config, "--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    let ranks: Vec<&str> = csv.lines().skip(1).map(|l| l.split(',').next().unwrap()).collect();
    assert_eq!(ranks, ["1", "1", "3", "3"], "{csv}");
}

/// Ratings given with --ratings and a scoring table without a satisfaction metric: shown,
/// unscored, and stderr says how to score them. fixtures/agent_reports/ratings.xlsx (the 赤兔
/// report has no dates, so every rating counts): 小王 5, 4, 2, 1 → satisfaction 12/4 = 3.00,
/// satisfied (4 or 5) 2/4 = 50%; 东东 3 → 3.00, 0%; 阿杰 and 小美 have none.
#[test]
fn a_month_with_nothing_to_score_is_an_error_naming_the_dates_the_files_cover() {
    let out = cs_tools()
        .args(["scorecard", "fixtures/month/chats.csv", "--orders", "fixtures/month/orders.xlsx", "--month", "2026-12"])
        .args(["--format", "json", "--lang", "en"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("no chats in 2026-12-01 – 2026-12-31"), "{stderr}");
    assert!(out.stdout.is_empty(), "nothing printed on stdout");
}

#[test]
fn a_value_just_under_a_band_threshold_does_not_print_as_the_threshold() {
    // fixtures/month with its three chat files: 晨晨's aov_ratio is 1.099626… and 大刘's
    // 1.097543…, both scoring 0 against ≥1.10 → 60 (docs/definitions.md#scorecard). Shown with
    // four decimals cut toward the band not reached: 1.0996, not the 1.100 three decimals
    // rounded to; seconds (lower is better) cut upward.
    let m = |f: &str| format!("fixtures/month/{f}");
    let args = ["scorecard", &m("chats.csv"), &m("chats.xlsx"), &m("chats.txt"), "--orders", &m("orders.xlsx")];
    let out = cs_tools().args(args).args(["--month", "2026-10", "--format", "csv", "--lang", "en"]).output().unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let col = header.iter().position(|h| *h == "AOV ratio").expect("an AOV ratio column");
    let row = |agent: &str| -> Vec<String> {
        let line = csv.lines().find(|l| l.contains(&format!(",{agent},"))).expect("the agent's row");
        line.split(',').map(str::to_string).collect()
    };
    assert_eq!((row("晨晨")[col].as_str(), row("晨晨")[col + 1].as_str()), ("1.0996", "0.00"), "{csv}");
    assert_eq!((row("大刘")[col].as_str(), row("大刘")[col + 1].as_str()), ("1.0975", "0.00"), "{csv}");
    // 晨晨's first response 162.864864… s (≤30 → 60 not reached) shows as 162.8649.
    let first = header.iter().position(|h| h.starts_with("First response")).expect("a first-response column");
    assert_eq!(row("晨晨")[first], "162.8649", "{csv}");
    // The JSON keeps the value itself.
    let (v, _) = json_in(root(), &[&args[..], &["--month", "2026-10"]].concat());
    assert!(near(&agent_row(&v, "晨晨")["metrics"]["aov_ratio"], 1.0996263222317932));
    // The workbook holds the value shown, with four decimals.
    let dir = scratch();
    let xlsx = dir.path().join("s.xlsx");
    cs_tools().args(args).args(["--month", "2026-10", "-q", "-o", xlsx.to_str().unwrap()]).assert().success();
    let rows = sheet_text(&xlsx, "绩效考核");
    let col = rows[0].iter().position(|h| h == "客单价比").unwrap();
    let chen = rows.iter().find(|r| r[1] == "晨晨").unwrap();
    assert_eq!((chen[col].as_str(), chen[col + 1].as_str()), ("1.0996", "0"));
}

#[test]
fn ratings_without_a_satisfaction_metric_are_shown_unscored() {
    let dir = scratch();
    let config = one_band_config(dir.path());
    let out = cs_tools()
        .args([
            "scorecard",
            "fixtures/chitu_agent_report.xlsx",
            "--ratings",
            "fixtures/agent_reports/ratings.xlsx",
            "--config",
            &config,
            "--format",
            "csv",
            "--lang",
            "en",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("[[scorecard.metric]]") && stderr.contains("metric = \"satisfaction\""), "{stderr}");
    assert!(stderr.contains(&config), "names the config to edit: {stderr}");
    let csv = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "Rank,Agent,Conversion,Conversion score,Satisfaction (not scored),Satisfied rate (not scored),Score,Grade"
    );
    // Metric values carry more decimals than the house formats: they sit beside band thresholds.
    assert_eq!(lines[1], "1,小王,62.50%,100.00,3.0000,50.00%,100.00,A");
    assert_eq!(lines[3], "3,东东,53.85%,50.00,3.0000,0.00%,50.00,D");
    // The ratings do not change the score: 东东 is 50 with or without them.
    // With a satisfaction metric in the table they are scored, and stderr says nothing of it.
    let scored = dir.path().join("scored.toml");
    std::fs::write(
        &scored,
        format!(
            "{ONE_BAND}\n[[scorecard.metric]]\nmetric = \"satisfaction\"\nweight = 1\nbands = [[4.5, 100]]\nelse = 0\n"
        ),
    )
    .unwrap();
    let ratings = ["scorecard", "fixtures/chitu_agent_report.xlsx", "--ratings", "fixtures/agent_reports/ratings.xlsx"];
    let (v, stderr) = json_in(root(), &[&ratings[..], &["--config", scored.to_str().unwrap()]].concat());
    assert!(!stderr.contains("[[scorecard.metric]]"), "{stderr}");
    // 小王: conversion 100 × 1 + satisfaction 3.00 < 4.5 → 0 × 1 = 100 / 2 = 50.
    assert!(near(&agent_row(&v, "小王")["score"], 50.0));
}

/// The scoring-table sheet: thresholds of rates in percent, the score below every band in a
/// column that says so, each grade's minimum and the lowest grade below them.
#[test]
fn the_scoring_table_reads_as_a_lead_writes_it() {
    let dir = scratch();
    let out = dir.path().join("score.xlsx");
    cs_tools()
        .args(["scorecard", "fixtures/chitu_agent_report.xlsx", "-q", "-o", out.to_str().unwrap()])
        .assert()
        .success();
    let name = sheet_names(&out).into_iter().find(|n| n.contains("评分标准")).expect("a scoring-table sheet");
    let rows = sheet_text_with_title(&out, &name);
    let find = |first: &str| {
        rows.iter().find(|r| r[0] == first).unwrap_or_else(|| panic!("no row {first} in {rows:?}")).clone()
    };
    assert!(rows.iter().any(|r| r.iter().any(|c| c == "未达任何档位的得分")), "the else column says what it is");
    // the default table of docs/definitions.md#scorecard
    assert_eq!(find("询单转化率")[2], "≥65% → 100, ≥60% → 90, ≥55% → 80, ≥45% → 75");
    assert_eq!(find("询单转化率")[3], "65");
    assert_eq!(find("回复率")[2], "≥99% → 100, ≥97% → 80, ≥95% → 60");
    assert_eq!(find("客单价比")[2], "≥1.18 → 100, ≥1.14 → 90, ≥1.12 → 80, ≥1.10 → 60");
    assert_eq!(find("首次响应(秒)")[2], "≤15 → 100, ≤20 → 90, ≤25 → 80, ≤30 → 60");
    assert_eq!(find("等级 A")[2], "总分 ≥ 90");
    assert_eq!(find("等级 C")[2], "总分 ≥ 70");
    assert_eq!(find("等级 D")[2], "总分 < 70（低于以上各等级）");
}
