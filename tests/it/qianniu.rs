//! The 千牛 text reader (docs/definitions.md#formats) end to end: the same chats as a message xlsx, a message CSV,
//! the 千牛 text export and a pasted chat window give the same per-agent figures, and the month's
//! text file is read as the agents answered it.
//!
//! Fixtures: `fixtures/qianniu/` (written by `make_qianniu_fixtures.py`); every figure below is
//! worked out by hand in `fixtures/qianniu/EXPECTED.md` (C1…C7 are its conversation ids).

use crate::common::{agent_row, assert_close, fx, json, num};
use serde_json::Value;

/// The four files holding the same chats.
const FORMATS: [&str; 4] = ["qianniu/chats.xlsx", "qianniu/chats.csv", "qianniu/chats.txt", "qianniu/pasted.txt"];

fn run(command: &str, chats: &str) -> Value {
    json(&[command, &fx(chats), "--orders", &fx("qianniu/orders.csv"), "--month", "2026-10"]).0
}

/// One agent's expected conversion figures (EXPECTED.md §2).
struct Figures {
    agent: &'static str,
    consulted: u64,
    received: u64,
    inquiries: u64,
    first_response_secs: f64,
    avg_response_secs: f64,
    reply_rate: f64,
    answer_ratio: f64,
    slow_receptions: u64,
    paid_buyers: u64,
    sales: f64,
}

const EXPECTED: [Figures; 2] = [
    Figures {
        agent: "小王",
        consulted: 3,
        received: 3,
        inquiries: 3,
        first_response_secs: 190.0 / 3.0,
        avg_response_secs: 48.0,
        reply_rate: 1.0,
        answer_ratio: 5.0 / 7.0,
        slow_receptions: 0,
        paid_buyers: 0,
        sales: 0.0,
    },
    Figures {
        agent: "东东",
        consulted: 4,
        received: 4,
        inquiries: 3,
        first_response_secs: 132.5,
        avg_response_secs: 95.0,
        reply_rate: 0.8,
        answer_ratio: 0.875,
        slow_receptions: 2,
        paid_buyers: 1,
        sales: 1280.0,
    },
];

#[test]
fn the_same_chats_in_every_format_give_the_same_conversion_figures() {
    for file in FORMATS {
        let v = run("conversion", file);
        assert_eq!(v["rows"].as_array().map(Vec::len), Some(2), "{file}: {}", v["rows"]);
        for e in &EXPECTED {
            let r = agent_row(&v, e.agent);
            let what = |k: &str| format!("{file} {} {k}", e.agent);
            for (k, want) in [
                ("consulted", e.consulted),
                ("received", e.received),
                ("inquiries", e.inquiries),
                ("slow_receptions", e.slow_receptions),
                ("paid_buyers", e.paid_buyers),
            ] {
                assert_eq!(r[k].as_u64(), Some(want), "{}", what(k));
            }
            for (k, want) in [
                ("first_response_secs", e.first_response_secs),
                ("avg_response_secs", e.avg_response_secs),
                ("reply_rate", e.reply_rate),
                ("answer_ratio", e.answer_ratio),
                ("sales", e.sales),
            ] {
                assert_close(num(&r[k]), want, &what(k));
            }
        }
    }
}

#[test]
fn the_same_chats_in_every_format_give_the_same_lost_reasons() {
    for file in FORMATS {
        let v = run("lost", file);
        assert_eq!(v["totals"]["inquiries"], 7, "{file}");
        assert_eq!(v["totals"]["lost"], 6, "{file}");
        // 小王: C2 alice price, C3 bob quality, C4 carol buyer_silent (her trailing product card
        // is no message). 东东: C1 alice stock, C5 dave 10-02 no_reply, C5 dave 10-03 buyer_silent.
        let wang = &agent_row(&v, "小王")["reasons"];
        let dong = &agent_row(&v, "东东")["reasons"];
        assert_eq!(wang, &serde_json::json!({"price": 1, "quality": 1, "buyer_silent": 1}), "{file}");
        assert_eq!(dong, &serde_json::json!({"stock": 1, "no_reply": 1, "buyer_silent": 1}), "{file}");
    }
}

#[test]
fn only_the_text_files_list_the_buyer_no_agent_writes_to() {
    for (file, messages, problem_line) in [
        ("qianniu/chats.xlsx", 28, None),
        ("qianniu/chats.csv", 28, None),
        // 79 lines; 28 messages; frank's sender line is line 78 (export) / 89 (pasted).
        ("qianniu/chats.txt", 28, Some(78)),
        ("qianniu/pasted.txt", 28, Some(89)),
    ] {
        let v = json(&["inspect", &fx(file)]).0;
        assert_eq!(v["files"][0]["sheets"][0]["rows"], messages, "{file}: messages read");
        let problems = v["problems"].as_array().expect("a problems list");
        match problem_line {
            None => assert!(problems.is_empty(), "{file}: {problems:?}"),
            Some(line) => {
                assert_eq!(problems.len(), 1, "{file}: {problems:?}");
                assert_eq!(problems[0]["row"], line, "{file}");
                assert_eq!(problems[0]["value"], "frank", "{file}");
                assert_eq!(problems[0]["problem"], "no agent writes to this buyer in this file", "{file}");
            }
        }
    }
}

/// fixtures/month/chats.txt (EXPECTED.md §4): 157 receptions have a buyer message; in 5 the agent
/// sent only the auto-reply, which is no reply (docs/definitions.md#receptions). Every other first turn is answered.
#[test]
fn the_month_text_file_is_answered_as_its_agents_answered_it() {
    let month = |f: &str| fx(&format!("month/{f}"));
    let conv = json(&["conversion", &month("chats.txt"), "--orders", &month("orders.xlsx"), "--month", "2026-10"]).0;
    assert_close(num(&conv["totals"]["reply_rate"]), 152.0 / 157.0, "month chats.txt reply rate");
    let lost = json(&["lost", &month("chats.txt"), "--orders", &month("orders.xlsx"), "--month", "2026-10"]).0;
    let no_reply = lost["reasons"]
        .as_array()
        .and_then(|r| r.iter().find(|r| r["reason"] == "no_reply"))
        .map(|r| r["count"].clone());
    // Of the five, tb_0000200 (10-15) converts and tb_0000213 (10-15) is after-sales.
    assert_eq!(no_reply, Some(Value::from(3)), "{}", lost["reasons"]);
}
