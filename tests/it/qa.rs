//! `cs-tools qa`: chat quality inspection (docs/definitions.md#quality-inspection) on fixtures/qa, every figure worked
//! out by hand in fixtures/qa/EXPECTED.md.

use crate::common::{agent_row, fx, json, num, run, run_in, scratch, sheet_names, sheet_text};
use serde_json::Value;

fn findings(v: &Value) -> Vec<(String, String, String, String)> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or("").to_string();
            (s("time")[11..].to_string(), s("agent"), s("rule"), s("word"))
        })
        .collect()
}

fn expected_default() -> Vec<(String, String, String, String)> {
    [
        ("09:01:00", "小王", "slow_turn", ""),
        ("09:05:00", "小王", "off_platform", "加我"),
        ("09:06:00", "小王", "unanswered", ""),
        ("10:00:20", "小王", "no_greeting", ""),
        ("10:01:30", "小王", "ad_law", "第一"),
        ("10:01:30", "小王", "promise", "保证"),
        ("11:01:00", "阿丽", "repeat", ""),
        ("11:02:00", "阿丽", "fake_review", "好评返现"),
        ("14:00:30", "阿丽", "rude", "说了多少遍"),
        ("14:01:30", "阿丽", "off_platform", "Vx"),
    ]
    .iter()
    .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()))
    .collect()
}

#[test]
fn every_rule_and_norm_fires_and_every_exception_saves_a_message() {
    let (v, _) = json(&["qa", &fx("qa/messages.csv")]);
    assert_eq!(findings(&v), expected_default());
    assert_eq!(v["findings_total"], 10);
    let wang = agent_row(&v, "小王");
    assert_eq!((wang["receptions"].as_u64(), wang["messages"].as_u64()), (Some(2), Some(4)));
    let f = &wang["findings"];
    assert_eq!(
        [&f["off_platform"], &f["ad_law"], &f["promise"], &f["no_greeting"], &f["slow_turn"], &f["unanswered"]],
        [1, 1, 1, 1, 1, 1]
    );
    assert_eq!((f["fake_review"].as_u64(), f["rude"].as_u64(), f["repeat"].as_u64()), (Some(0), Some(0), Some(0)));
    // A: slow_turn 5 + off_platform 20 + unanswered 10 = 35 → 65; B: no_greeting 5 + ad_law 10
    // + promise 10 = 25 → 75; the mean (65 + 75) / 2 = 70.
    assert_eq!(
        (num(&wang["points"]), num(&wang["score"]), wang["receptions_with_findings"].as_u64()),
        (60.0, 70.0, Some(2))
    );
    let li = agent_row(&v, "阿丽");
    assert_eq!((li["receptions"].as_u64(), li["messages"].as_u64()), (Some(2), Some(8)));
    let f = &li["findings"];
    assert_eq!([&f["fake_review"], &f["rude"], &f["off_platform"], &f["repeat"]], [1, 1, 1, 1]);
    // C: repeat 5 + fake_review 20 = 25 → 75; D: rude 15 + off_platform 20 = 35 → 65; 70.
    assert_eq!((num(&li["points"]), num(&li["score"]), li["receptions_with_findings"].as_u64()), (60.0, 70.0, Some(2)));
    assert!(wang.get("points_per_100").is_none());
    // Equal scores share the rank; 70 is C by the scorecard's grades.
    assert_eq!((wang["rank"].as_u64(), li["rank"].as_u64()), (Some(1), Some(1)));
    assert_eq!((wang["grade"].as_str(), li["grade"].as_str()), (Some("C"), Some("C")));
    // Team: (65 + 75 + 75 + 65) / 4 = 70 over 120 points, every reception with a finding.
    let team = &v["totals"];
    assert_eq!((num(&team["points"]), num(&team["score"]), team["grade"].as_str()), (120.0, 70.0, Some("C")));
    assert_eq!((team["receptions"].as_u64(), team["receptions_with_findings"].as_u64()), (Some(4), Some(4)));
    // Evidence: the whole message and the buyer's message before it.
    let off = &v["findings"][1];
    assert_eq!((off["message"].as_str(), off["buyer_before"].as_str()), (Some("加我微信给您优惠"), Some("能便宜点吗")));
    assert_eq!(v["findings"][0]["wait_secs"], 240);
    assert_eq!(v["findings"][2]["buyer_before"], "好的");
    assert_eq!(v["findings"][6]["message"], "亲，拍下就发");
    // Auto-replies: checked once per distinct text, charged to nobody.
    let autos = v["auto_replies"].as_array().unwrap();
    assert_eq!(autos.len(), 2);
    assert_eq!((autos[0]["count"].as_u64(), autos[0]["findings"].as_array().unwrap().len()), (Some(2), 0));
    assert_eq!((autos[1]["count"].as_u64(), autos[1]["findings"][0]["word"].as_str()), (Some(1), Some("全网最低")));
}

#[test]
fn a_custom_rule_and_a_replaced_default_from_the_config() {
    let (v, _) = json(&["qa", &fx("qa/messages.csv"), "--config", &fx("qa/qa.toml")]);
    let mut expected = expected_default();
    expected.push(("14:02:00".into(), "阿丽".into(), "competitor".into(), "拼多多".into()));
    assert_eq!(findings(&v), expected);
    let (wang, li) = (agent_row(&v, "小王"), agent_row(&v, "阿丽"));
    // B's ad_law now 4: 5 + 4 + 10 = 19 → 81; 小王 (65 + 81) / 2 = 73, C.
    assert_eq!(
        (num(&wang["points"]), num(&wang["score"]), wang["grade"].as_str(), wang["rank"].as_u64()),
        (54.0, 73.0, Some("C"), Some(1))
    );
    // D adds competitor 3: 15 + 20 + 3 = 38 → 62; 阿丽 (75 + 62) / 2 = 68.5, D.
    assert_eq!(
        (num(&li["points"]), num(&li["score"]), li["grade"].as_str(), li["rank"].as_u64()),
        (63.0, 68.5, Some("D"), Some(2))
    );
    assert_eq!(li["findings"]["competitor"], 1);
    // (65 + 81 + 75 + 62) / 4 = 70.75; the old `scale = 0.1` loads and changes nothing.
    assert_eq!((num(&v["totals"]["score"]), num(&v["totals"]["points"])), (70.75, 117.0));
    assert_eq!(v["auto_replies"][1]["findings"][0]["word"], "最");
    // The Rules sheet says how the score is made and that the old `scale` is not used.
    let dir = scratch();
    let r = run_in(dir.path(), &["qa", &fx("qa/messages.csv"), "--config", &fx("qa/qa.toml"), "-o", "qa.xlsx"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let rules = sheet_text(&dir.path().join("qa.xlsx"), "规则");
    let item = |first: &str| rules.iter().find(|r| r[0] == first).map(|r| r[1].clone());
    assert_eq!(item("qa.scale = 0.1").as_deref(), Some("已不再使用：得分按每次接待计算（见「质检得分」）"));
    assert_eq!(item("质检等级").as_deref(), Some("A ≥ 90，B ≥ 80，C ≥ 70，其余 D（同绩效考核的等级）"));
    assert!(item("质检得分").is_some_and(|t| t.starts_with("每次接待 100 分起")));
}

#[test]
fn the_workbook_quotes_each_finding() {
    let dir = scratch();
    let r = run_in(dir.path(), &["qa", &fx("qa/messages.csv"), "-o", "qa.xlsx"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let rows = sheet_text(&dir.path().join("qa.xlsx"), "违规明细");
    assert_eq!(rows[0], ["客服", "买家", "时间", "违规项", "命中词", "客服原话", "买家上一句", "等待时长 (秒)"]);
    assert_eq!(rows.len(), 11);
    assert_eq!(rows[2][3..7], ["引导站外交易", "加我", "加我微信给您优惠", "能便宜点吗"]);
    assert_eq!(rows[1][3], "回复慢");
    assert_eq!(rows[1][7], "240");
    let summary = sheet_text(&dir.path().join("qa.xlsx"), "质检汇总");
    assert_eq!(summary[0][12..18], ["违规数", "有问题的接待", "扣分", "质检得分", "等级", "排名"]);
    let team = &summary[3];
    assert_eq!(team[..2], ["团队", "4"]);
    assert_eq!(team[12..17], ["10", "4", "120", "70", "C"]);
    // The scoring table beside it, after an empty column: the points of each rule and norm,
    // how a reception and an agent are scored, and the grades.
    let table: Vec<Vec<&str>> = summary
        .iter()
        .map(|r| r[19..22].iter().map(String::as_str).collect())
        .filter(|r: &Vec<&str>| !r[0].is_empty())
        .collect();
    assert_eq!(
        table,
        [
            vec!["评分项", "每次扣分", "说明"],
            vec!["引导站外交易", "20", ""],
            vec!["广告法极限词", "10", ""],
            vec!["好评返现/刷单", "20", ""],
            vec!["服务态度", "15", ""],
            vec!["承诺风险", "10", ""],
            vec!["首次回复未问候", "5", "首次回复不含：您好 你好 亲 在的 欢迎"],
            vec!["回复慢", "5", "买家等待超过 180 秒"],
            vec!["买家最后一句未回复", "10", "当天买家最后一句无人回复"],
            vec!["重复刷屏", "5", "同一句连发 3 次（第 3 次计一条）"],
            vec!["每次接待", "", "100 分起，减去其中每条问题的扣分，最低 0"],
            vec!["质检得分", "", "客服各次接待得分的平均（没有问题的接待计 100）"],
            vec!["等级 A", "", "质检得分 ≥ 90"],
            vec!["等级 B", "", "质检得分 ≥ 80"],
            vec!["等级 C", "", "质检得分 ≥ 70"],
            vec!["等级 D", "", "质检得分 < 70（低于以上各等级）"],
        ]
    );
    assert!(summary.iter().all(|r| r[18].is_empty()), "an empty column between the two tables");
    for sheet in ["服务规范", "自动回复", "质检规则", "问题", "规则"] {
        assert!(!sheet_text(&dir.path().join("qa.xlsx"), sheet).is_empty(), "{sheet}");
    }
}

/// The rows, findings, auto-replies and totals of `qa --format json`: what must not depend on
/// the file's layout.
fn layout_free(v: &Value) -> Value {
    let findings: Vec<Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            serde_json::json!([
                f["time"],
                f["agent"],
                f["buyer"],
                f["rule"],
                f["word"],
                f["message"],
                f["buyer_before"],
                f["wait_secs"]
            ])
        })
        .collect();
    serde_json::json!({"rows": v["rows"], "findings": findings, "autos": v["auto_replies"], "totals": v["totals"]})
}

#[test]
fn the_same_chats_as_qianniu_text_give_the_same_findings() {
    let (csv, _) = json(&["qa", &fx("qa/messages.csv")]);
    let (txt, _) = json(&["qa", &fx("qa/messages.txt")]);
    assert_eq!(findings(&txt), expected_default());
    assert_eq!(layout_free(&txt), layout_free(&csv));
    // Status lines (已读) after the three repeats are no message text: the repeat still fires.
    assert_eq!(agent_row(&txt, "阿丽")["findings"]["repeat"], 1);
    assert_eq!(agent_row(&txt, "阿丽")["messages"], 8);
}

#[test]
fn the_scorecard_scores_qa_score_from_the_chats() {
    let (v, stderr) = json(&["scorecard", &fx("qa/messages.csv"), "--config", &fx("qa/scorecard.toml")]);
    assert!(!stderr.contains("qa_score"), "no note when messages were read: {stderr}");
    let (wang, li) = (agent_row(&v, "小王"), agent_row(&v, "阿丽"));
    // QA scores with unanswered 20: 小王 A 5 + 20 + 20 = 45 → 55, B 75: 65 (≥60 → 60);
    // 阿丽 70 as with the defaults (≥68 → 80).
    assert_eq!((num(&wang["metrics"]["qa_score"]), num(&wang["scores"]["qa_score"])), (65.0, 60.0));
    assert_eq!((num(&li["metrics"]["qa_score"]), num(&li["scores"]["qa_score"])), (70.0, 80.0));
    // (10 × 100 + 10 × 80 + 20 × 60) / 40 = 75; (10 × 100 + 10 × 80 + 20 × 80) / 40 = 85.
    assert_eq!((num(&wang["score"]), wang["grade"].as_str(), wang["rank"].as_u64()), (75.0, Some("C"), Some(2)));
    assert_eq!((num(&li["score"]), li["grade"].as_str(), li["rank"].as_u64()), (85.0, Some("B"), Some(1)));
    // The default table scores conversion and 客单价, which need orders: without them the
    // chats are no scorecard (every agent would score on zeros).
    let r = run(&["scorecard", &fx("qa/messages.csv"), "--format", "json"]);
    assert_eq!(r.code, Some(1), "{}", r.stdout);
    assert!(r.stderr.contains("--orders"), "{}", r.stderr);
    // The workbook shows it as a metric with its sub-score.
    let dir = scratch();
    let r = run_in(
        dir.path(),
        &["scorecard", &fx("qa/messages.csv"), "--config", &fx("qa/scorecard.toml"), "-o", "s.xlsx"],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let rows = sheet_text(&dir.path().join("s.xlsx"), "绩效考核");
    assert_eq!(rows[0][6..8], ["质检得分", "质检得分 得分"]);
    assert_eq!(rows[1][1..], ["阿丽", "1", "100", "22.5", "80", "70", "80", "85", "B"]);
    assert_eq!(rows[2][1..], ["小王", "1", "100", "25", "80", "65", "60", "75", "C"]);
}

#[test]
fn the_report_carries_the_qa_sheet_and_the_team_score() {
    let (v, _) = json(&["report", &fx("qa/messages.csv"), "--no-orders", "--config", &fx("qa/scorecard.toml")]);
    // Team: (55 + 75 + 75 + 65) / 4 = 67.5 over 70 + 60 = 130 points; below 合格 (68).
    let qa = &v["qa"];
    assert_eq!((num(&qa["score"]), qa["grade"].as_str(), num(&qa["points"])), (67.5, Some("待改进"), 130.0));
    assert_eq!((qa["receptions"].as_u64(), qa["findings"].as_u64()), (Some(4), Some(10)));
    assert_eq!(
        qa["top_findings"],
        serde_json::json!([
            {"rule": "off_platform", "count": 2},
            {"rule": "ad_law", "count": 1},
            {"rule": "fake_review", "count": 1},
        ])
    );
    let dir = scratch();
    let r = run_in(
        dir.path(),
        &["report", &fx("qa/messages.csv"), "--no-orders", "--config", &fx("qa/scorecard.toml"), "-o", "r.xlsx"],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let path = dir.path().join("r.xlsx");
    let names = sheet_names(&path);
    let at = |n: &str| names.iter().position(|s| s == n).unwrap_or_else(|| panic!("{n} in {names:?}"));
    assert_eq!(at("质检"), at("绩效考核") + 1);
    let rows = sheet_text(&path, "质检");
    assert_eq!(rows[0][0], "客服");
    assert_eq!(rows[0][12..18], ["违规数", "有问题的接待", "扣分", "质检得分", "等级", "排名"]);
    assert_eq!(rows[1][..3], ["阿丽", "2", "8"]);
    assert_eq!(rows[1][12..18], ["4", "2", "60", "70", "合格", "1"]);
    assert_eq!(rows[2][..3], ["小王", "2", "4"]);
    assert_eq!(rows[2][12..18], ["6", "2", "70", "65", "待改进", "2"]);
    assert_eq!(rows[3][..3], ["团队", "4", "12"]);
    assert_eq!(rows[3][12..17], ["10", "4", "130", "67.5", "待改进"]);
    // Beside it, the scoring table it used: unanswered at 20, the grades of [qa.grades].
    let beside = |first: &str| rows.iter().find(|r| r[19] == first).map(|r| r[19..22].to_vec());
    assert_eq!(beside("买家最后一句未回复").unwrap(), ["买家最后一句未回复", "20", "当天买家最后一句无人回复"]);
    assert_eq!(beside("等级 优秀").unwrap()[2], "质检得分 ≥ 85");
    assert_eq!(beside("等级 合格").unwrap()[2], "质检得分 ≥ 68");
    assert_eq!(beside("等级 待改进").unwrap()[2], "质检得分 < 68（低于以上各等级）");
    let overview = sheet_text(&path, "总览");
    let qa_rows: Vec<&[String]> = overview.iter().map(|r| &r[..2]).filter(|r| r[0].contains("质检")).collect();
    assert_eq!(
        qa_rows,
        [
            ["团队质检得分", "67.5"],
            ["质检违规数", "10"],
            ["质检 · 引导站外交易", "2 (20.0%)"],
            ["质检 · 广告法极限词", "1 (10.0%)"],
            ["质检 · 好评返现/刷单", "1 (10.0%)"],
        ]
    );
    // The scorecard sheet of the report scores qa_score too, its scoring table beside it.
    let scorecard = sheet_text(&path, "绩效考核");
    assert_eq!(scorecard[1][6..8], ["70", "80"]);
    assert_eq!(scorecard[0][11..15], ["指标", "权重", "评分", "未达任何档位的得分"]);
    assert_eq!(scorecard[3][11..15], ["质检得分", "20", "≥90 → 100, ≥68 → 80, ≥60 → 60", "40"]);
    // The group-chat summary carries the team's score.
    let md = run_in(
        dir.path(),
        &[
            "report",
            &fx("qa/messages.csv"),
            "--no-orders",
            "--config",
            &fx("qa/scorecard.toml"),
            "--format",
            "markdown",
        ],
    );
    assert!(md.stdout.contains("- 团队质检得分：67.5\n"), "{}", md.stdout);
}

#[test]
fn a_report_without_chat_messages_says_nothing_about_qa() {
    // Sessions only: receptions, but no message text to inspect.
    let (v, _) = json(&["report", &fx("chats/sessions.xlsx"), "--no-orders"]);
    assert!(v["qa"].is_null());
    let dir = scratch();
    let r = run_in(dir.path(), &["report", &fx("chats/sessions.xlsx"), "--no-orders", "-o", "r.xlsx"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let path = dir.path().join("r.xlsx");
    assert!(!sheet_names(&path).iter().any(|s| s == "质检"));
    assert!(!sheet_text(&path, "总览").iter().any(|r| r[0].contains("质检")));
    let md = run_in(dir.path(), &["report", &fx("chats/sessions.xlsx"), "--no-orders", "--format", "markdown"]);
    assert!(md.code == Some(0) && !md.stdout.contains("质检"), "{}", md.stdout);
}

#[test]
fn scoring_qa_score_from_session_sheets_says_why_no_agent_has_one() {
    // A session sheet (接待记录) has no message text: the QA pass has nothing to read.
    let (v, stderr) =
        json(&["scorecard", &fx("chats/sessions.xlsx"), "--config", &fx("qa/scorecard.toml"), "--lang", "en"]);
    assert!(v["rows"].as_array().is_some_and(|rows| !rows.is_empty()), "{v}");
    assert!(v["rows"].as_array().unwrap().iter().all(|r| r["metrics"]["qa_score"].is_null()), "{v}");
    assert!(stderr.contains("no agent has a qa_score"), "{stderr}");
    assert!(stderr.contains("聊天记录"), "{stderr}");
}

/// fixtures/month: agents answer within minutes and some turns wait; no agent message breaks a
/// word rule. Scored per reception the agents spread (82.50 to 88.13), none at 0 or 100. No
/// reception loses 100 points or more, so each score is 100 − points / receptions.
#[test]
fn the_month_spreads_the_agents_scores() {
    let (v, _) = json(&["qa", &fx("month/chats.csv"), "--month", "2026-10"]);
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 12);
    for r in rows {
        let (points, receptions) = (num(&r["points"]), r["receptions"].as_f64().unwrap());
        let mean = ((100.0 - points / receptions) * 100.0).round() / 100.0;
        assert_eq!(num(&r["score"]), mean, "{r}");
    }
    let score = |agent: &str| num(&agent_row(&v, agent)["score"]);
    // 木木: 8 receptions, 95 points → 100 − 11.875 = 88.13, rank 1; 小美: 10, 175 → 82.5, last.
    assert_eq!((score("木木"), agent_row(&v, "木木")["rank"].as_u64()), (88.13, Some(1)));
    assert_eq!((score("小美"), agent_row(&v, "小美")["rank"].as_u64()), (82.5, Some(12)));
    assert!(rows.iter().all(|r| (82.5..=88.13).contains(&num(&r["score"]))));
    // 佳佳 and 阿May: 17 receptions, 235 points each → 86.18, sharing rank 5.
    assert_eq!((score("佳佳"), score("阿May")), (86.18, 86.18));
    assert_eq!((agent_row(&v, "佳佳")["rank"].as_u64(), agent_row(&v, "阿May")["rank"].as_u64()), (Some(5), Some(5)));
    // Team: 158 receptions, 2,260 points → 100 − 14.30… = 85.70.
    assert_eq!((num(&v["totals"]["score"]), num(&v["totals"]["points"])), (85.7, 2260.0));
}
