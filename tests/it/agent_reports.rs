//! Per-agent reports (赤兔/快麦/platform 客服绩效报表) by day and ratings, through the binary:
//! figures worked out by hand in fixtures/agent_reports/EXPECTED.md.

use crate::common::{agent_row, assert_near, fx, run, run_json};

fn ar(name: &str) -> String {
    fx(&format!("agent_reports/{name}"))
}

// §1: 赤兔 by day, October: counts and money summed, conversion from the summed counts.
#[test]
fn commission_sums_the_months_days_and_leaves_other_months_out() {
    let daily = ar("chitu_daily.xlsx");
    let kpi = fx("configs/kpi.toml");
    let v = run_json(&["commission", &daily, "--month", "2026-10", "--config", &kpi]);
    // 小王: 3600 + 4500 + 9900 = 18000.00 − 300.00 = 17700.00; conversion 60/100 = 0.60 → ×1.2;
    // 17700 × 2% = 354.00 × 1.2 = 424.80. (Its last day, 66%, would also give ×1.2; the mean of
    // its daily rates, 58.67%, ×1.1.)
    let w = agent_row(&v, "小王");
    assert_near(&w["paid"], 18000.00);
    assert_near(&w["refund"], 300.00);
    assert_near(&w["net"], 17700.00);
    assert_near(&w["multiplier"], 1.2);
    assert_near(&w["commission"], 424.80);
    // 东东: 2000 + 1800 + 1200 = 5000.00 − 200.00 = 4800.00; conversion 25/50 = 0.50 → ×1.1
    // (its last day, 60%, would give ×1.2): 4800 × 2% = 96.00 × 1.1 = 105.60.
    let d = agent_row(&v, "东东");
    assert_near(&d["net"], 4800.00);
    assert_near(&d["multiplier"], 1.1);
    assert_near(&d["commission"], 105.60);
    // September 30 (¥99,999) and November 1 (¥88,888) are left out; 汇总 is skipped.
    assert_near(&v["totals"]["paid"], 23000.00);
    assert_near(&v["totals"]["commission"], 530.40);
    assert_eq!(v["period"]["from"], "2026-10-01");
    assert_eq!(v["issues"], 0);
}

#[test]
fn scorecard_reads_the_by_day_report_the_same_way() {
    let v = run_json(&["scorecard", &ar("chitu_daily.xlsx"), "--month", "2026-10"]);
    let w = agent_row(&v, "小王");
    let m = &w["metrics"];
    assert_near(&m["conversion"], 0.60);
    assert_near(&m["inquiries"], 100.0);
    assert_near(&m["sales"], 18000.0);
    // Response times weighted by 接待人数: (40×10 + 60×15 + 100×12) / 200 = 12.5 and
    // (40×20 + 60×30 + 100×25) / 200 = 25.5; 回复率 by 咨询人数: (40 + 60 + 97) / 200 = 0.985.
    assert_near(&m["first_response_secs"], 12.5);
    assert_near(&m["avg_response_secs"], 25.5);
    assert_near(&m["reply_rate"], 0.985);
    // 答问比 from the message counts: 1150 / 1000.
    assert_near(&m["answer_ratio"], 1.15);
    // aov 18000/60 = 300; team 23000/85; ratio 1.1087 → 60.
    assert_near(&m["aov_ratio"], 300.0 / (23000.0 / 85.0));
    // (90×40 + 60×5 + 100×10 + 100×10 + 80×10) / 75 = 6700 / 75.
    assert_near(&w["score"], 6700.0 / 75.0);
    assert_eq!(w["grade"], "B");
    let d = agent_row(&v, "东东");
    assert_near(&d["metrics"]["conversion"], 0.50);
    assert_near(&d["metrics"]["first_response_secs"], 22.0);
    assert_near(&d["metrics"]["avg_response_secs"], 41.0);
    assert_near(&d["metrics"]["reply_rate"], 0.98);
    // (75×40 + 0×5 + 80×10 + 80×10 + 80×10) / 75 = 5400 / 75 = 72 → C.
    assert_near(&d["score"], 72.0);
    assert_eq!(d["grade"], "C");
}

/// The same October read as a by-day report and as a per-month report: the same figures.
#[test]
fn a_month_by_day_equals_the_month_report() {
    let daily = ar("chitu_daily.xlsx");
    let month = ar("chitu_month.xlsx");
    let kpi = fx("configs/kpi.toml");
    let by_day = run_json(&["scorecard", &daily, "--month", "2026-10"]);
    let by_month = run_json(&["scorecard", &month]);
    for agent in ["小王", "东东"] {
        let (a, b) = (agent_row(&by_day, agent), agent_row(&by_month, agent));
        for (name, value) in b["metrics"].as_object().unwrap() {
            match value.as_f64() {
                Some(want) => assert_near(&a["metrics"][name], want),
                None => assert!(a["metrics"][name].is_null(), "{agent} {name}"),
            }
        }
        assert_near(&a["score"], b["score"].as_f64().unwrap());
    }
    let c_day = run_json(&["commission", &daily, "--month", "2026-10", "--config", &kpi]);
    let c_month = run_json(&["commission", &month, "--config", &kpi]);
    assert_eq!(c_day["rows"], c_month["rows"]);
    assert_eq!(c_day["totals"], c_month["totals"]);
}

// §2: a report without sales, one file per day.
#[test]
fn a_report_without_sales_serves_scorecard() {
    let v = run_json(&["scorecard", &ar("service_day1.xlsx"), &ar("service_day2.xlsx")]);
    assert_eq!(v["period"]["from"], "2026-10-01");
    assert_eq!(v["period"]["to"], "2026-10-02");
    // No 咨询人数 or 询单人数: rates weighted by 接待人数 (40 and 60).
    let w = agent_row(&v, "小王");
    assert_near(&w["metrics"]["conversion"], 0.56); // (40×0.5 + 60×0.6) / 100
    assert_near(&w["metrics"]["reply_rate"], 0.976); // (40×1.0 + 60×0.96) / 100
    assert_near(&w["metrics"]["avg_response_secs"], 26.0); // (40×20 + 60×30) / 100
    assert_near(&w["metrics"]["satisfied_rate"], 0.96); // (40×0.9 + 60×1.0) / 100
    assert!(w["metrics"]["sales"].is_null());
    // (80×40 + 100×10 + 80×10) / 60 = 5000 / 60.
    assert_near(&w["score"], 5000.0 / 60.0);
    let d = agent_row(&v, "东东");
    // 回复率 100.00% (text) on day 1 and 0.9 (number) on day 2: (60×1.0 + 40×0.9) / 100.
    assert_near(&d["metrics"]["reply_rate"], 0.96);
    assert_near(&d["metrics"]["conversion"], 0.48);
    assert_near(&d["metrics"]["avg_response_secs"], 34.0);
    assert_near(&d["score"], 75.0);
    assert_eq!(d["grade"], "C");
}

#[test]
fn daily_reads_one_day_of_a_report_without_sales() {
    let v = run_json(&["daily", &ar("service_day1.xlsx"), &ar("service_day2.xlsx"), "--day", "2026-10-01"]);
    assert_eq!(v["command"], "daily");
    assert_eq!(v["period"]["from"], "2026-10-01");
    let w = agent_row(&v, "小王");
    assert_eq!(w["date"], "2026-10-01");
    assert_eq!(w["received"], 40);
    // 回复率 written 1.0 (a number) reads as 100%, as "100.00%" does for 东东.
    assert_near(&w["reply_rate"], 1.0);
    assert_near(&agent_row(&v, "东东")["reply_rate"], 1.0);
    assert!(w["sales"].is_null());
    // Team: 40 + 60 received; conversion (40×0.5 + 60×0.4) / 100 = 0.44; response (40×20 + 60×30) / 100 = 26.
    let t = &v["totals"];
    assert_eq!(t["received"], 100);
    assert_near(&t["conversion"], 0.44);
    assert_near(&t["avg_response_secs"], 26.0);
    // Without --day: the report's last day.
    let last = run_json(&["daily", &ar("service_day1.xlsx"), &ar("service_day2.xlsx")]);
    assert_eq!(last["period"]["from"], "2026-10-02");
    assert_near(&last["totals"]["reply_rate"], 0.936); // (60×0.96 + 40×0.9) / 100
}

#[test]
fn commission_on_a_report_without_sales_says_it_needs_sales() {
    let out = run(&["commission", &ar("service_day1.xlsx"), &ar("service_day2.xlsx"), "--lang", "en"]);
    assert_eq!(out.code, Some(1));
    let err = &out.stderr;
    assert!(err.contains("commission needs sales") && err.contains("service_day1.xlsx"), "{err}");
    assert!(err.contains("销售额"), "{err}");
}

#[test]
fn a_day_outside_the_report_names_the_dates_it_covers() {
    let out = run(&["daily", &ar("chitu_daily.xlsx"), "--day", "2026-12-01"]);
    assert_eq!(out.code, Some(1));
    let err = &out.stderr;
    assert!(err.contains("2026-09-30") && err.contains("2026-11-01"), "{err}");
}

// §3: Pinduoduo aliases and 00:05:10 durations.
#[test]
fn platform_report_aliases_and_clock_durations() {
    let v = run_json(&["scorecard", &ar("pdd_agents.csv")]);
    let j = agent_row(&v, "阿杰");
    assert_near(&j["metrics"]["avg_response_secs"], 310.0); // 00:05:10
    assert_near(&j["metrics"]["conversion"], 0.40);
    assert_near(&j["metrics"]["inquiries"], 50.0);
    assert_near(&j["metrics"]["sales"], 6000.0);
    assert_near(&agent_row(&v, "小美")["metrics"]["avg_response_secs"], 25.0);
    let c = run_json(&["commission", &ar("pdd_agents.csv")]);
    assert_near(&agent_row(&c, "阿杰")["commission"], 120.00);
    assert_near(&agent_row(&c, "小美")["commission"], 48.00);
}

// §4: ratings.
#[test]
fn ratings_in_the_platform_layout_feed_satisfaction() {
    let v = run_json(&["scorecard", &ar("chitu_daily.xlsx"), "--month", "2026-10", "--ratings", &ar("ratings.xlsx")]);
    // 小王 in October: 5, 4, 2 (September's 1 is left out): mean 11/3; 很满意 + 满意 = 2 of 3.
    let w = agent_row(&v, "小王");
    assert_near(&w["metrics"]["satisfaction"], 11.0 / 3.0);
    assert_near(&w["metrics"]["satisfied_rate"], 2.0 / 3.0);
    let d = agent_row(&v, "东东");
    assert_near(&d["metrics"]["satisfaction"], 3.0);
    assert_near(&d["metrics"]["satisfied_rate"], 0.0);
}

#[test]
fn a_ratings_file_without_a_ratings_sheet_is_an_error() {
    let out = run(&["scorecard", &ar("chitu_daily.xlsx"), "--ratings", &ar("not_ratings.csv"), "--lang", "en"]);
    assert_eq!(out.code, Some(1));
    let err = &out.stderr;
    assert!(err.contains("not_ratings.csv"), "{err}");
    assert!(err.contains("no column for rating") && err.contains("评分"), "{err}");
    // In Chinese by default: which file, what it lacks, what to do.
    let file = ar("not_ratings.csv");
    let out = run(&["scorecard", &ar("chitu_daily.xlsx"), "--ratings", &file]);
    assert_eq!(out.code, Some(1));
    let err = &out.stderr;
    assert!(
        err.starts_with(&format!("cs-tools: {file} 是用 --ratings 给的，但其中没有评价表（服务评价）：\n")),
        "{err}"
    );
    assert!(err.contains("：缺少这些列：rating (") && err.contains("评分"), "{err}");
    assert!(err.ends_with("请用 `cs-tools inspect` 检查该文件，或在 [columns.ratings] 中写明列名。\n"), "{err}");
}

#[test]
fn inspect_says_a_report_by_day_is_summed_over_the_period() {
    let v = run_json(&["inspect", &ar("chitu_daily.xlsx")]);
    let sheet = &v["files"][0]["sheets"][0];
    assert_eq!(sheet["kind"], "agent_summary");
    assert_eq!(sheet["columns"]["date"], "日期");
    let notes = sheet["notes"].as_array().expect("notes");
    assert!(notes.iter().any(|n| n.as_str().unwrap().starts_with("a per-agent report by day")), "{notes:?}");
    let v = run_json(&["inspect", &ar("chitu_month.xlsx")]);
    assert_eq!(v["files"][0]["sheets"][0]["notes"], serde_json::json!([]), "a month report has no date column");
}

#[test]
fn a_period_outside_a_report_by_day_names_its_dates_in_either_language() {
    let file = ar("chitu_daily.xlsx");
    let out = run(&["scorecard", &file, "--month", "2025-01"]);
    assert_eq!(out.code, Some(1));
    assert!(
        out.stderr.contains("客服绩效报表中没有 2025-01-01 – 2025-01-31 的行：报表的日期是 2026-09-30 到 2026-11-01"),
        "{}",
        out.stderr
    );
    let out = run(&["scorecard", &file, "--month", "2025-01", "--lang", "en"]);
    assert!(
        out.stderr.contains(
            "the per-agent report has no rows for 2025-01-01 – 2025-01-31: its dates run from 2026-09-30 to 2026-11-01"
        ),
        "{}",
        out.stderr
    );
}
