//! Per-agent reports (赤兔/快麦/platform 客服绩效报表) by day and ratings, through the binary:
//! figures worked out by hand in fixtures/agent_reports/EXPECTED.md.

use crate::common::{
    agent_row, agent_rows, assert_count, assert_money, assert_near, fx, run, run_json, scratch, sheet_text, xlsx_en,
};

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
    assert_near(&j["metrics"]["reply_3min_rate"], 0.95); // 3分钟人工回复率 95.00%
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

// §5–§7: 飞鸽 客服数据 (one shop, two shops) and a 千牛/飞猪 report by week, read with no config.
const FEIGE_ONE: &str = "feige_one_shop.xlsx";
const FEIGE_SHOPS: &str = "feige_shops.xlsx";
const WEEKLY: &str = "qianniu_weekly.xlsx";

/// Structure rows (店铺汇总值, 店铺平均值, 汇总, the header again, a blank row) are neither agents
/// nor problems: `--strict` exits 0 on each fixture.
#[test]
fn feige_and_weekly_reports_read_with_no_config_and_pass_strict() {
    for (file, period, agents) in [
        (FEIGE_ONE, None, vec!["小鹿", "阿杰", "糖糖"]),
        (FEIGE_SHOPS, None, vec!["小鹿", "小美", "糖糖", "阿杰"]),
        (WEEKLY, Some("2026-10"), vec!["小王", "东东"]),
    ] {
        let mut args = vec!["scorecard".to_string(), ar(file), "--strict".into()];
        if let Some(month) = period {
            args.extend(["--month".into(), month.into()]);
        }
        let out = run(&args.iter().map(String::as_str).chain(["--format", "json"]).collect::<Vec<_>>());
        assert_eq!(out.code, Some(0), "{file}: {}", out.stderr);
        let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        assert_eq!(v["issues"], 0, "{file}");
        let (mut names, _) = agent_rows(&v);
        names.sort_unstable();
        let mut want = agents.clone();
        want.sort_unstable();
        assert_eq!(names, want, "{file}: the agents, and no structure row among them");
    }
    // commission reads them the same way (the weekly report has no sales: not asked).
    for file in [FEIGE_ONE, FEIGE_SHOPS] {
        let out = run(&["commission", &ar(file), "--strict", "--format", "json"]);
        assert_eq!(out.code, Some(0), "{file}: {}", out.stderr);
    }
}

// §5a, §6a: flat 2% (no config) of each agent's sales less refunds.
#[test]
fn commission_from_feige_gives_each_agents_sales() {
    let v = run_json(&["commission", &ar(FEIGE_ONE)]);
    for (agent, paid, refund, net, commission) in [
        ("小鹿", 13200.00, 600.00, 12600.00, 252.00),
        ("阿杰", 8100.00, 0.0, 8100.00, 162.00),
        ("糖糖", 1500.00, 300.00, 1200.00, 24.00),
    ] {
        let row = agent_row(&v, agent);
        assert_money(row, "paid", paid);
        assert_money(row, "refund", refund);
        assert_money(row, "net", net);
        assert_money(row, "commission", commission);
    }
    assert_money(&v["totals"], "paid", 22800.00);
    assert_money(&v["totals"], "refund", 900.00);
    assert_money(&v["totals"], "commission", 438.00);
    assert_eq!(v["rows"].as_array().unwrap().len(), 3, "店铺汇总值 and 店铺平均值 are no agents");

    let v = run_json(&["commission", &ar(FEIGE_SHOPS)]);
    for (agent, paid, commission) in
        [("小鹿", 15600.00, 312.00), ("阿杰", 9800.50, 196.01), ("糖糖", 4200.00, 84.00), ("小美", 2000.00, 40.00)]
    {
        let row = agent_row(&v, agent);
        assert_money(row, "paid", paid);
        assert_money(row, "net", paid);
        assert_money(row, "commission", commission);
    }
    assert_money(&v["totals"], "paid", 31600.50);
    assert_money(&v["totals"], "commission", 632.01);
}

// §5b, §6b: first and average response and the 3-minute rate scored from the report.
#[test]
fn scorecard_scores_feige_response_times_and_the_3_minute_rate() {
    let config = ar("feige_scorecard.toml");
    let v = run_json(&["scorecard", &ar(FEIGE_ONE), "--config", &config]);
    let want = [
        // agent, first, average, 3-minute, sub-scores, score, grade
        ("小鹿", 11.0, 25.0, Some(0.98), [Some(100.0), Some(100.0), Some(100.0)], 100.0, "A"),
        ("阿杰", 45.0, 150.0, Some(0.915), [Some(60.0), Some(60.0), Some(80.0)], 68.0, "D"),
        // 1分 = 60 s, 7小时41分52秒 = 27712 s, 3-minute rate `--`: scored over the other two.
        ("糖糖", 60.0, 27712.0, None, [Some(60.0), Some(0.0), None], 30.0, "D"),
    ];
    for (agent, first, avg, rate, subs, score, grade) in want {
        let row = agent_row(&v, agent);
        let m = &row["metrics"];
        assert_near(&m["first_response_secs"], first);
        assert_near(&m["avg_response_secs"], avg);
        match rate {
            Some(r) => assert_near(&m["reply_3min_rate"], r),
            None => assert!(m["reply_3min_rate"].is_null(), "{agent}: {m}"),
        }
        for (metric, sub) in ["first_response_secs", "avg_response_secs", "reply_3min_rate"].iter().zip(subs) {
            match sub {
                Some(s) => assert_near(&row["scores"][metric], s),
                None => assert!(row["scores"][metric].is_null(), "{agent} {metric}"),
            }
        }
        assert_near(&row["score"], score);
        assert_eq!(row["grade"], grade, "{agent}");
    }
    // The report's other figures, as printed: 55.00% → 0.55, 92.50% → 0.925, 13,200.00.
    let lu = &agent_row(&v, "小鹿")["metrics"];
    assert_near(&lu["conversion"], 0.55);
    assert_near(&lu["satisfied_rate"], 0.925);
    assert_near(&lu["sales"], 13200.0);
    assert!(agent_row(&v, "阿杰")["metrics"]["satisfied_rate"].is_null(), "满意率 `-` is no value");

    // The older layout: 3分钟人工回复率, never the session rate 3分钟人工回复率 (会话) beside it.
    let v = run_json(&["scorecard", &ar(FEIGE_SHOPS), "--config", &config]);
    for (agent, first, avg, rate, score, grade) in [
        ("小鹿", 12.0, 28.0, 0.98, 100.0, "A"),
        ("阿杰", 20.0, 40.0, 0.90, 80.0, "B"), // the session rate, 0.85, would give 72 → C
        ("糖糖", 15.0, 35.0, 0.95, 94.0, "A"), // the session rate, 0.90, would give 86 → B
        ("小美", 8.0, 20.0, 1.0, 100.0, "A"),
    ] {
        let row = agent_row(&v, agent);
        assert_near(&row["metrics"]["first_response_secs"], first);
        assert_near(&row["metrics"]["avg_response_secs"], avg);
        assert_near(&row["metrics"]["reply_3min_rate"], rate);
        assert_near(&row["score"], score);
        assert_eq!(row["grade"], grade, "{agent}");
    }
    let v = run_json(&["inspect", &ar(FEIGE_SHOPS)]);
    let sheet = &v["files"][0]["sheets"][0];
    assert_eq!(sheet["columns"]["reply_3min_rate"], "3分钟人工回复率");
    assert_eq!(sheet["columns"]["avg_response_secs"], "新平均响应时长（秒）");
    assert_eq!(sheet["columns"]["received"], "人工已接待人数");
    assert_eq!(sheet["columns"]["shop"], "店铺名称");
    assert!(sheet["unmapped"].as_array().unwrap().iter().any(|h| h == "3分钟人工回复率 (会话)"), "{sheet}");
}

// §5c: the figures daily shows from a report without a date column, taken as the day's.
#[test]
fn daily_from_feige_gives_received_ordered_and_paid_buyers() {
    let v = run_json(&["daily", &ar(FEIGE_ONE), "--day", "2026-10-01"]);
    let lu = agent_row(&v, "小鹿");
    assert_count(lu, "received", 120);
    assert_count(lu, "inquiries", 80);
    assert_count(lu, "ordered", 50);
    assert_count(lu, "paid_buyers", 44);
    assert_near(&lu["order_rate"], 50.0 / 80.0);
    // Team: 120 + 90 + 40 received; 44 + 27 + 6 paid of 80 + 60 + 20 inquiries.
    assert_count(&v["totals"], "received", 250);
    assert_count(&v["totals"], "ordered", 88);
    assert_near(&v["totals"]["conversion"], 77.0 / 160.0);
}

// §7: weeks inside the month summed per agent; the weeks across its edges left out and said.
#[test]
fn a_weekly_report_gives_the_sums_of_the_weeks_inside_the_month() {
    let v = run_json(&["scorecard", &ar(WEEKLY), "--month", "2026-10"]);
    assert_eq!(v["period"]["from"], "2026-10-01");
    let w = &agent_row(&v, "小王")["metrics"];
    // Weeks 10-05, 10-12 and 10-19 (接待 100, 120, 80), each rate weighted by 接待人数.
    assert_near(&w["avg_response_secs"], 22.0); // (100×20 + 120×25 + 80×20) / 300
    assert_near(&w["reply_rate"], 0.984); // (100×1.0 + 120×0.98 + 80×0.97) / 300
    assert_near(&w["conversion"], 0.54); // (100×0.5 + 120×0.6 + 80×0.5) / 300
    assert_near(&w["satisfied_rate"], 0.94); // (100×0.9 + 120×1.0 + 80×0.9) / 300, 100% written as text
    assert_near(&agent_row(&v, "小王")["score"], 80.0);
    let d = &agent_row(&v, "东东")["metrics"];
    assert_near(&d["avg_response_secs"], 36.5); // (80×35 + 60×30 + 60×45) / 200
    assert_near(&d["reply_rate"], 0.95);
    assert_near(&d["conversion"], 0.40);
    assert_near(&d["satisfied_rate"], 0.85);
    assert_near(&agent_row(&v, "东东")["score"], 4000.0 / 60.0);

    // Without a period: every week, 09-28 to 11-01; 小王's 接待 50 + 100 + 120 + 80 + 50.
    let all = run_json(&["scorecard", &ar(WEEKLY)]);
    assert_eq!((&all["period"]["from"], &all["period"]["to"]), (&"2026-09-28".into(), &"2026-11-01".into()));
    assert_near(&agent_row(&all, "小王")["metrics"]["avg_response_secs"], 26.5); // 10600 / 400

    // The Rules sheet counts the weeks left out and says why; the title says what is covered.
    let (_dir, out, r) = xlsx_en(&["scorecard", &ar(WEEKLY), "--month", "2026-10"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stderr.contains("2026-10-05 to 2026-10-25"), "{}", r.stderr);
    let rules = sheet_text(&out, "Rules");
    let line = rules.iter().find(|row| row[0] == "Per-agent report").expect("the per-agent report line");
    assert!(
        line[1].starts_with("6 rows in the period (by date); 4 outside it (left out) (4 of them dated by a range that straddles the period's edge"),
        "{line:?}"
    );
    let v = run_json(&["inspect", &ar(WEEKLY)]);
    let sheet = &v["files"][0]["sheets"][0];
    assert_eq!(
        (&sheet["date_from"], &sheet["date_to"]),
        (&"2026-09-28 00:00:00".into(), &"2026-11-01 00:00:00".into())
    );
}

/// A report whose every row is a problem is named as such, not "no per-agent report found".
#[test]
fn a_report_none_of_whose_rows_can_be_used_is_named_with_its_first_problem() {
    let dir = scratch();
    let file = dir.path().join("weeks.csv");
    // Weeks without a year (a team's own workbook): not dates.
    std::fs::write(&file, "日期,旺旺,接待人数,回复率\n02.05-02.11,小王,10,95%\n02.05-02.11,东东,12,90%\n").unwrap();
    let path = file.display().to_string();
    for command in ["scorecard", "daily"] {
        let out = run(&[command, &path, "--lang", "en"]);
        assert_eq!(out.code, Some(1), "{command}");
        assert!(
            out.stderr.contains("is a per-agent report (客服绩效报表), but none of its rows could be used: 2 rows had problems, the first at row 2, column “日期” (02.05-02.11)"),
            "{command}: {}",
            out.stderr
        );
    }
}
