//! `cs-tools qa`: chat quality inspection (SPEC §4.9) on fixtures/qa, every figure worked
//! out by hand in fixtures/qa/EXPECTED.md.

mod common;

use common::{agent_row, fx, json, num, run_in, sheet_text};
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
    assert_eq!((num(&wang["points"]), num(&wang["points_per_100"]), num(&wang["score"])), (13.0, 650.0, 0.0));
    let li = agent_row(&v, "阿丽");
    assert_eq!((li["receptions"].as_u64(), li["messages"].as_u64()), (Some(2), Some(8)));
    let f = &li["findings"];
    assert_eq!([&f["fake_review"], &f["rude"], &f["off_platform"], &f["repeat"]], [1, 1, 1, 1]);
    assert_eq!((num(&li["points"]), num(&li["points_per_100"]), num(&li["score"])), (14.0, 700.0, 0.0));
    // Equal scores share the rank.
    assert_eq!((wang["rank"].as_u64(), li["rank"].as_u64()), (Some(1), Some(1)));
    assert_eq!((wang["grade"].as_str(), li["grade"].as_str()), (Some("D"), Some("D")));
    assert_eq!((num(&v["totals"]["points"]), num(&v["totals"]["points_per_100"])), (27.0, 675.0));
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
    assert_eq!((num(&wang["points"]), num(&wang["score"]), wang["rank"].as_u64()), (15.0, 25.0, Some(1)));
    assert_eq!((num(&li["points"]), num(&li["score"]), li["rank"].as_u64()), (17.0, 15.0, Some(2)));
    assert_eq!(li["findings"]["competitor"], 1);
    assert_eq!(num(&v["totals"]["score"]), 20.0);
    assert_eq!(v["auto_replies"][1]["findings"][0]["word"], "最");
}

#[test]
fn the_workbook_quotes_each_finding() {
    let dir = tempfile::tempdir().unwrap();
    let r = run_in(dir.path(), &["qa", &fx("qa/messages.csv"), "-o", "qa.xlsx"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let rows = sheet_text(&dir.path().join("qa.xlsx"), "违规明细");
    assert_eq!(rows[0], ["客服", "买家", "时间", "违规项", "命中词", "客服原话", "买家上一句", "等待时长 (秒)"]);
    assert_eq!(rows.len(), 11);
    assert_eq!(rows[2][3..7], ["引导站外交易", "加我", "加我微信给您优惠", "能便宜点吗"]);
    assert_eq!(rows[1][3], "回复慢");
    assert_eq!(rows[1][7], "240");
    let summary = sheet_text(&dir.path().join("qa.xlsx"), "质检汇总");
    let team = summary.last().unwrap();
    assert_eq!(team[0], "团队");
    assert_eq!(team[1], "4");
    for sheet in ["服务规范", "自动回复", "质检规则", "问题", "规则"] {
        assert!(!sheet_text(&dir.path().join("qa.xlsx"), sheet).is_empty(), "{sheet}");
    }
}
