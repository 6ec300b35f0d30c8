//! Integration tests for `cs-tools conversion` (and `commission --chats`), run on the chat
//! fixtures in `fixtures/chats/`.
//!
//! Every expected figure was computed by hand from docs/definitions.md (#formats, #fields,
//! #receptions, #attribution, #conversion, #commission, #json); the working, reception by
//! reception, is in `fixtures/chats/EXPECTED.md` (section numbers and reception ids such as R2,
//! S1, Q3 below refer to it). The fixtures are written by `fixtures/chats/make_chat_fixtures.py`.

use crate::common::{
    agent_row, agent_rows, assert_count, assert_money, assert_period, datetime, files_in, fx, issues_rows, json,
    read_sheet, run_in, scratch, sheet_names, text, xlsx_en,
};

use calamine::Data;
use chrono::{NaiveDate, NaiveDateTime};
use serde_json::Value;
use std::path::Path;

// ------------------------------------------------------------------------------------------------
// helpers
// ------------------------------------------------------------------------------------------------

/// A file of `fixtures/chats/`, as a string argument.
fn chat_fx(name: &str) -> String {
    fx(&format!("chats/{name}"))
}

/// The four chat inputs: message sheet (xlsx), message sheet (GBK CSV), 千牛 text, session sheet.
fn all_chats() -> Vec<String> {
    ["messages.xlsx", "messages_gbk.csv", "qianniu.txt", "sessions.xlsx"].iter().map(|n| chat_fx(n)).collect()
}

fn tiered() -> String {
    fx("configs/tiered.toml")
}

/// `conversion CHATS… --orders orders.xlsx EXTRA…` as an argument list.
fn conversion_args(chats: &[String], extra: &[&str]) -> Vec<String> {
    let mut all = vec!["conversion".to_string()];
    all.extend(chats.iter().cloned());
    all.push("--orders".into());
    all.push(chat_fx("orders.xlsx"));
    all.extend(extra.iter().map(|s| s.to_string()));
    all
}

/// Runs `args --format json` (which must write no file) and returns the JSON of `command`.
fn json_of(args: Vec<String>, command: &str) -> Value {
    let (v, _) = json(&args);
    assert_eq!(v["command"], command);
    v
}

/// `conversion` on the given chats and orders.xlsx, JSON summary.
fn conversion_json(chats: &[String], extra: &[&str]) -> Value {
    json_of(conversion_args(chats, extra), "conversion")
}

/// The usual run: all four chat files, tiered.toml (aliases, default chat settings), October.
fn october() -> Value {
    conversion_json(&all_chats(), &["--config", &tiered(), "--month", "2026-10"])
}

/// A rate or a number of seconds: within 1e-6, or null when `expected` is None.
#[track_caller]
fn assert_float(obj: &Value, key: &str, expected: Option<f64>) {
    match expected {
        None => assert!(obj[key].is_null(), "`{key}`: expected null in {obj}"),
        Some(e) => {
            let got = obj[key].as_f64().unwrap_or_else(|| panic!("`{key}` is not a number in {obj}"));
            assert!((got - e).abs() < 1e-6, "`{key}`: expected {e}, got {got} in {obj}");
        }
    }
}

/// One row (or the totals) of the conversion summary.
#[derive(Clone, Copy)]
struct Want {
    agent: &'static str,
    consulted: u64,
    received: u64,
    inquiries: u64,
    ordered: u64,
    paid_buyers: u64,
    conversion: Option<f64>,
    order_rate: Option<f64>,
    sales: f64,
    aov: Option<f64>,
    first_response_secs: Option<f64>,
    avg_response_secs: Option<f64>,
    reply_rate: Option<f64>,
    answer_ratio: Option<f64>,
    slow_receptions: u64,
}

#[track_caller]
fn assert_fields(obj: &Value, w: &Want) {
    assert_count(obj, "consulted", w.consulted);
    assert_count(obj, "received", w.received);
    assert_count(obj, "inquiries", w.inquiries);
    assert_count(obj, "ordered", w.ordered);
    assert_count(obj, "paid_buyers", w.paid_buyers);
    assert_float(obj, "conversion", w.conversion);
    assert_float(obj, "order_rate", w.order_rate);
    assert_money(obj, "sales", w.sales);
    match w.aov {
        Some(a) => assert_money(obj, "aov", a),
        None => assert!(obj["aov"].is_null(), "aov should be null in {obj}"),
    }
    assert_float(obj, "first_response_secs", w.first_response_secs);
    assert_float(obj, "avg_response_secs", w.avg_response_secs);
    assert_float(obj, "reply_rate", w.reply_rate);
    assert_float(obj, "answer_ratio", w.answer_ratio);
    assert_count(obj, "slow_receptions", w.slow_receptions);
}

/// The rows, in order (sorted by agent name), each with all its fields.
#[track_caller]
fn assert_rows(v: &Value, wants: &[Want]) {
    let (agents, rows) = agent_rows(v);
    let expected: Vec<&str> = wants.iter().map(|w| w.agent).collect();
    assert_eq!(agents, expected, "agent rows (sorted by name)");
    for (row, w) in rows.iter().zip(wants) {
        assert_fields(row, w);
    }
}

/// by_duration: (bucket, inquiries, converted, rate) in this order, all five buckets.
#[track_caller]
fn assert_by_duration(v: &Value, wants: &[(&str, u64, u64, Option<f64>)]) {
    let buckets = v["by_duration"].as_array().expect("by_duration is an array");
    let names: Vec<&str> = buckets.iter().map(|b| b["bucket"].as_str().unwrap_or("?")).collect();
    let expected: Vec<&str> = wants.iter().map(|w| w.0).collect();
    assert_eq!(names, expected, "by_duration buckets, all five in order");
    for (b, (_, inquiries, converted, rate)) in buckets.iter().zip(wants) {
        assert_count(b, "inquiries", *inquiries);
        assert_count(b, "converted", *converted);
        assert_float(b, "rate", *rate);
    }
}

// ---- the October figures (EXPECTED.md section 2) -----------------------------------------------

const DONG: Want = Want {
    agent: "东东",
    consulted: 4,
    received: 3,
    inquiries: 4,
    ordered: 2,
    paid_buyers: 1,
    conversion: Some(0.25),
    order_rate: Some(0.5),
    sales: 241.00,
    aov: Some(120.50),
    first_response_secs: Some(185.0 / 3.0),
    avg_response_secs: Some(77.5),
    reply_rate: Some(0.75),
    answer_ratio: Some(0.8),
    slow_receptions: 0,
};

const WANG: Want = Want {
    agent: "小王",
    consulted: 4,
    received: 4,
    inquiries: 2,
    ordered: 1,
    paid_buyers: 1,
    conversion: Some(0.5),
    order_rate: Some(0.5),
    sales: 433.00,
    aov: Some(144.33),
    first_response_secs: Some(143.6),
    avg_response_secs: Some(89.5),
    reply_rate: Some(1.0),
    answer_ratio: Some(10.0 / 11.0),
    slow_receptions: 1,
};

const JIE: Want = Want {
    agent: "阿杰",
    consulted: 3,
    received: 3,
    inquiries: 3,
    ordered: 2,
    paid_buyers: 2,
    conversion: Some(2.0 / 3.0),
    order_rate: Some(2.0 / 3.0),
    sales: 823.00,
    aov: Some(274.33),
    first_response_secs: Some(70.4),
    avg_response_secs: Some(55.0),
    reply_rate: Some(1.0),
    answer_ratio: Some(1.0),
    slow_receptions: 1,
};

/// The team row (docs/definitions.md#conversion): the three agents' rows added up, 未归属 left out; each rate from
/// the sums, so it lies between the agents' (conversion 4/9 between 0.25 and 0.667).
const TEAM: Want = Want {
    agent: "(team)",
    consulted: 11,  // 4 + 4 + 3
    received: 10,   // 3 + 4 + 3
    inquiries: 9,   // 4 + 2 + 3
    ordered: 5,     // 2 + 1 + 2
    paid_buyers: 4, // 1 + 1 + 2
    conversion: Some(4.0 / 9.0),
    order_rate: Some(5.0 / 9.0),
    sales: 1497.00,    // 241 + 433 + 823
    aov: Some(187.13), // 1497 / (2 + 3 + 3) paying buyers = 187.125
    first_response_secs: Some(1255.0 / 13.0),
    avg_response_secs: Some(1690.0 / 22.0),
    reply_rate: Some(13.0 / 14.0),
    answer_ratio: Some(23.0 / 26.0),
    slow_receptions: 2,
};

/// The whole shop, each buyer once across agents (店铺…, 去重), sales agents + 未归属.
const SHOP: Want = Want {
    agent: "(shop)",
    consulted: 9,
    received: 9,
    inquiries: 7,
    ordered: 5,
    paid_buyers: 4,
    conversion: Some(4.0 / 7.0),
    order_rate: Some(5.0 / 7.0),
    sales: 1625.50,
    aov: Some(203.19),
    first_response_secs: Some(1255.0 / 13.0),
    avg_response_secs: Some(1690.0 / 22.0),
    reply_rate: Some(13.0 / 14.0),
    answer_ratio: Some(23.0 / 26.0),
    slow_receptions: 2,
};

const OCTOBER_BY_DURATION: [(&str, u64, u64, Option<f64>); 5] = [
    ("<1m", 1, 0, Some(0.0)),         // R5 (40 s)
    ("1-3m", 2, 1, Some(0.5)),        // R4 (100 s) ✓, Q3 (120 s)
    ("3-10m", 3, 2, Some(2.0 / 3.0)), // R6 (180 s) ✓, R1 (200 s) ✓, R8 (420 s)
    ("10-30m", 2, 1, Some(0.5)),      // R2 (1200 s), R9 (1250 s) ✓
    (">=30m", 0, 0, None),
];

// ---- xlsx helpers -------------------------------------------------------------------------------

/// A number cell, or None for an empty cell.
fn opt_number(d: &Data) -> Option<f64> {
    match d {
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        Data::Empty => None,
        Data::String(s) if s.trim().is_empty() => None,
        other => panic!("expected a number cell or an empty one, got {other:?}"),
    }
}

fn at(day: u32, h: u32, m: u32, s: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 10, day).unwrap().and_hms_opt(h, m, s).unwrap()
}

/// One line of the Receptions sheet.
#[derive(Debug)]
struct Reception {
    agent: String,
    buyer: String,
    start: NaiveDateTime,
    messages: Option<f64>,
    first_response: Option<f64>,
    kind: String,
    converting_order: String,
}

const RECEPTIONS_HEADER: [&str; 7] =
    ["Agent", "Buyer", "Start", "Messages", "First response (s)", "Type", "Converting order"];

fn receptions(report: &Path) -> Vec<Reception> {
    let rows = read_sheet(report, "Receptions");
    let header: Vec<String> = rows[0].iter().map(text).collect();
    assert!(header.len() >= 7, "Receptions header: {header:?}");
    assert_eq!(&header[..7], &RECEPTIONS_HEADER, "Receptions header row");
    rows[1..]
        .iter()
        .filter(|r| !text(&r[0]).is_empty() && !text(&r[1]).is_empty())
        .map(|r| Reception {
            agent: text(&r[0]),
            buyer: text(&r[1]),
            start: datetime(&r[2]),
            messages: opt_number(&r[3]),
            first_response: opt_number(&r[4]),
            kind: text(&r[5]),
            converting_order: text(&r[6]),
        })
        .collect()
}

#[track_caller]
fn find_reception<'a>(all: &'a [Reception], agent: &str, buyer: &str, start: NaiveDateTime) -> &'a Reception {
    all.iter()
        .find(|r| r.agent == agent && r.buyer == buyer && r.start == start)
        .unwrap_or_else(|| panic!("no reception {agent} × {buyer} at {start} in {all:#?}"))
}

fn order_id(n: u32) -> String {
    format!("3864060000000000{n:03}")
}

// ------------------------------------------------------------------------------------------------
// the whole month
// ------------------------------------------------------------------------------------------------

#[test]
fn october_per_agent_conversion_and_response_figures() {
    // EXPECTED.md section 2
    let v = october();
    assert_period(&v, "2026-10-01", "2026-10-31");
    assert_rows(&v, &[DONG, WANG, JIE]);
    assert_fields(&v["totals"], &TEAM);
    assert_fields(&v["shop"], &SHOP);
    // order 110: its only chat (R10) is after it
    assert_money(&v["unattributed"], "sales", 128.50);
    // order 109 (kk_home): kk_home's only chat row is an auto-reply, so no reception anywhere
    assert_money(&v, "silent_sales", 199.00);
    assert_by_duration(&v, &OCTOBER_BY_DURATION);
    // messages_gbk.csv line 6 (发送人 系统) and qianniu.txt line 41 (路人乙)
    assert_count(&v, "issues", 2);
}

/// docs/definitions.md#conversion "Units": reception counts (次) next to their own denominator (EXPECTED.md section 2,
/// "Units"): 慢响应 of the answered receptions, 询单次数 and 未成交询单 per agent, summed in the team row.
#[test]
fn reception_counts_carry_their_own_denominator() {
    let v = october();
    // (agent, answered receptions, slow, 询单次数, 未成交询单)
    for (agent, answered, slow, inquiries, lost) in
        [("东东", 3, 0, 4, 2), ("小王", 5, 1, 2, 1), ("阿杰", 5, 1, 4, 2), ("(team)", 13, 2, 10, 5)]
    {
        let r = if agent == "(team)" { &v["totals"] } else { agent_row(&v, agent) };
        assert_count(r, "answered_receptions", answered);
        assert_count(r, "slow_receptions", slow);
        assert_float(r, "slow_rate", Some(slow as f64 / answered as f64));
        assert_count(r, "inquiry_receptions", inquiries);
        assert_count(r, "lost_inquiries", lost);
    }
    // The Summary sheet: agents, the team row, 未归属's sales, the money total agents + 未归属.
    let (_dir, out, r) = xlsx_en(&conversion_args(&all_chats(), &["--config", &tiered(), "--month", "2026-10"]));
    assert_eq!(r.code, Some(0), "stderr: {}", r.stderr);
    let rows = read_sheet(&out, "Summary");
    let at = rows.iter().position(|r| text(&r[0]) == "Agent").expect("a header row");
    let header: Vec<String> = rows[at].iter().map(text).collect();
    let col = |h: &str| header.iter().position(|c| c == h).unwrap_or_else(|| panic!("no column {h} in {header:?}"));
    let names: Vec<String> = rows[at + 1..].iter().map(|r| text(&r[0])).filter(|n| !n.is_empty()).collect();
    // Agents by conversion (阿杰 2/3, 小王 1/2, 东东 1/4), then the team, 未归属 and the total.
    assert_eq!(names, ["阿杰", "小王", "东东", "Team", "Unattributed", "Total incl. unattributed"]);
    let line = |name: &str| rows.iter().find(|r| text(&r[0]) == name).unwrap().clone();
    let team = line("Team");
    assert_eq!(opt_number(&team[col("Inquiries")]), Some(9.0));
    assert_eq!(opt_number(&team[col("Sales (attributed orders)")]), Some(1497.0));
    assert_eq!(opt_number(&team[col("Answered receptions")]), Some(13.0));
    assert_eq!(opt_number(&team[col("Slow receptions")]), Some(2.0));
    assert_eq!(opt_number(&line("Unattributed")[col("Sales (attributed orders)")]), Some(128.5));
    assert_eq!(opt_number(&line("Total incl. unattributed")[col("Sales (attributed orders)")]), Some(1625.5));
}

#[test]
fn without_a_period_option_the_period_spans_the_reception_dates() {
    // EXPECTED.md section 3: receptions 10-03 … 10-20; orders 103 (paid 10-01) and 104 (10-02) drop
    // out of sales; every chat figure is as in October.
    let v = conversion_json(&all_chats(), &["--config", &tiered()]);
    assert_period(&v, "2026-10-03", "2026-10-20");
    assert_rows(
        &v,
        &[
            Want { sales: 152.00, aov: Some(152.00), ..DONG }, // 105
            Want { sales: 357.00, aov: Some(178.50), ..WANG }, // 101 + 102, 2 buyers
            JIE,                                               // 107 + 108 + 109
        ],
    );
    // team: 357 + 152 + 823 = 1332 over 2 + 1 + 3 paying buyers = 222.00
    assert_fields(&v["totals"], &Want { sales: 1332.00, aov: Some(222.00), ..TEAM });
    // shop: 1332 + 128.50 = 1460.50 over 7 buyers = 208.642… → 208.64
    assert_fields(&v["shop"], &Want { sales: 1460.50, aov: Some(208.64), ..SHOP });
    assert_money(&v["unattributed"], "sales", 128.50);
    assert_money(&v, "silent_sales", 199.00);
    assert_by_duration(&v, &OCTOBER_BY_DURATION);
}

#[test]
fn orders_outside_the_period_still_convert_the_periods_inquiries() {
    // EXPECTED.md section 4: R4 (东东 × 老李家, 10-12) converts with order 105, created and paid
    // 10-13, outside the period; 105 is not in 东东's sales.
    let v = conversion_json(&all_chats(), &["--config", &tiered(), "--from", "2026-10-01", "--to", "2026-10-12"]);
    assert_period(&v, "2026-10-01", "2026-10-12");
    assert_rows(
        &v,
        &[
            // R8, R6, R5, R7, R4: chat figures as in October; sales only 103 (89.00)
            Want { sales: 89.00, aov: Some(89.00), ..DONG },
            // R1, R2, R3: first (40 + 600 + 30)/3; avg 805/7 = 115; answer 8/9
            Want {
                consulted: 3,
                received: 3,
                first_response_secs: Some(670.0 / 3.0),
                avg_response_secs: Some(115.0),
                answer_ratio: Some(8.0 / 9.0),
                ..WANG
            },
            // R9, Q2, Q3: sunny_88 converts, 静静 (Q3) does not; sales 107 only
            Want {
                agent: "阿杰",
                consulted: 2,
                received: 2,
                inquiries: 2,
                ordered: 1,
                paid_buyers: 1,
                conversion: Some(0.5),
                order_rate: Some(0.5),
                sales: 356.00,
                aov: Some(356.00),
                first_response_secs: Some(190.0 / 3.0),
                avg_response_secs: Some(52.5),
                reply_rate: Some(1.0),
                answer_ratio: Some(1.0),
                slow_receptions: 0,
            },
        ],
    );
    // the team row: the three rows above added up
    assert_fields(
        &v["totals"],
        &Want {
            agent: "(team)",
            consulted: 9,
            received: 8,
            inquiries: 8,
            ordered: 4,
            paid_buyers: 3,
            conversion: Some(3.0 / 8.0),
            order_rate: Some(0.5),
            sales: 878.00,
            aov: Some(175.60), // 878 / (1 + 3 + 1)
            first_response_secs: Some(1045.0 / 9.0),
            avg_response_secs: Some(1480.0 / 17.0),
            reply_rate: Some(0.9),
            answer_ratio: Some(0.875),
            slow_receptions: 1,
        },
    );
    assert_fields(
        &v["shop"],
        &Want {
            agent: "(shop)",
            consulted: 8,
            received: 7, // 大米粥 only in R5, which had no agent message
            inquiries: 7,
            ordered: 4,
            paid_buyers: 3,
            conversion: Some(3.0 / 7.0),
            order_rate: Some(4.0 / 7.0),
            sales: 878.00,
            aov: Some(175.60),
            first_response_secs: Some(1045.0 / 9.0),
            avg_response_secs: Some(1480.0 / 17.0),
            reply_rate: Some(0.9),
            answer_ratio: Some(0.875),
            slow_receptions: 1,
        },
    );
    assert_money(&v["unattributed"], "sales", 0.00);
    assert_money(&v, "silent_sales", 0.00);
    assert_by_duration(&v, &OCTOBER_BY_DURATION);
}

// ------------------------------------------------------------------------------------------------
// the edges, one by one
// ------------------------------------------------------------------------------------------------

#[test]
fn auto_replies_are_not_replies_nor_messages() {
    // R1: the auto-reply 2 s after the first question is no reply → first response 40, 7 messages.
    // R8 (千牛): the auto-reply at 10:00:03 is no reply → 90 s (not 23 s), 7 messages.
    // R5: only an auto-reply answered → not received, no first response.
    // kk_home: a lone auto-reply is no reception at all.
    let (_dir, out, r) = xlsx_en(&conversion_args(&all_chats(), &["--config", &tiered(), "--month", "2026-10"]));
    assert_eq!(r.code, Some(0), "stderr: {}", r.stderr);
    let all = receptions(&out);
    let r1 = find_reception(&all, "小王", "晴天小猪", at(3, 10, 0, 0));
    assert_eq!((r1.messages, r1.first_response), (Some(7.0), Some(40.0)), "{r1:?}");
    let r8 = find_reception(&all, "东东", "sunny_88", at(5, 9, 58, 0));
    assert_eq!((r8.messages, r8.first_response), (Some(7.0), Some(90.0)), "{r8:?}");
    let r5 = find_reception(&all, "东东", "大米粥", at(8, 22, 10, 0));
    assert_eq!((r5.messages, r5.first_response), (Some(2.0), None), "{r5:?}");
    assert_eq!(r5.kind, "inquiry");
    assert!(all.iter().all(|r| r.buyer != "kk_home"), "an auto-reply alone makes no reception: {all:#?}");

    let v = october();
    // 东东: R5 counts in consulted but not in received; its first turn is unanswered
    assert_count(agent_row(&v, "东东"), "consulted", 4);
    assert_count(agent_row(&v, "东东"), "received", 3);
    assert_float(agent_row(&v, "东东"), "reply_rate", Some(0.75));
    // kk_home's order 109 is a silent sale; 小王 consulted 4 (no kk_home)
    assert_money(&v, "silent_sales", 199.00);
    assert_count(agent_row(&v, "小王"), "consulted", 4);
}

#[test]
fn unanswered_turns_are_left_out_of_the_response_means() {
    // messages.xlsx alone (EXPECTED.md section 7): R1, R2, R3 of 小王. R2's last turn (14:20) is
    // unanswered: answered turns 40, 40, 20, 600, 60, 30, 15 → 805/7 = 115; the reply rate looks at
    // first turns only, all answered → 1.0; answer ratio 8/9.
    let v = conversion_json(&[chat_fx("messages.xlsx")], &["--config", &tiered(), "--month", "2026-10"]);
    let w = agent_row(&v, "小王");
    assert_count(w, "consulted", 3);
    assert_count(w, "inquiries", 2);
    assert_float(w, "first_response_secs", Some(670.0 / 3.0));
    assert_float(w, "avg_response_secs", Some(115.0));
    assert_float(w, "reply_rate", Some(1.0));
    assert_float(w, "answer_ratio", Some(8.0 / 9.0));
    assert_count(w, "slow_receptions", 1);
    assert_count(&v, "issues", 0);

    // R5 (东东 × 大米粥): its only turn unanswered → 东东's reply rate 3/4, no response counted
    let v = october();
    assert_float(agent_row(&v, "东东"), "reply_rate", Some(0.75));
    assert_float(agent_row(&v, "东东"), "first_response_secs", Some(185.0 / 3.0));
}

#[test]
fn a_reply_after_the_cap_counts_as_the_cap() {
    // R2: first reply after 900 s → 600 (cap), slow; 小王 first (40 + 600 + 30 + 40 + 8)/5 = 143.6
    let (_dir, out, r) = xlsx_en(&conversion_args(&all_chats(), &["--config", &tiered(), "--month", "2026-10"]));
    assert_eq!(r.code, Some(0), "stderr: {}", r.stderr);
    let all = receptions(&out);
    let r2 = find_reception(&all, "小王", "tb_mumu", at(3, 14, 0, 0));
    assert_eq!((r2.messages, r2.first_response), (Some(5.0), Some(600.0)), "{r2:?}");
    let v = october();
    assert_float(agent_row(&v, "小王"), "first_response_secs", Some(143.6));
    assert_float(agent_row(&v, "小王"), "avg_response_secs", Some(89.5));
    assert_count(agent_row(&v, "小王"), "slow_receptions", 1);
    // Q3 (阿杰 × 静静) answered after exactly 120 s is not slow; S3 (150 s) is
    assert_count(agent_row(&v, "阿杰"), "slow_receptions", 1);
}

#[test]
fn config_sets_the_cap_and_the_conversion_window() {
    // EXPECTED.md section 6: chat.toml has response_cap_secs = 300, conversion_window_days = 2.
    // R2 now counts 300 s, and its buyer's order 102 (10-05 09:30) falls inside the window.
    let v = conversion_json(&all_chats(), &["--config", &chat_fx("chat.toml"), "--month", "2026-10"]);
    assert_rows(
        &v,
        &[
            Want { sales: 241.00, ..DONG },
            Want {
                ordered: 2,
                paid_buyers: 2,
                conversion: Some(1.0),
                order_rate: Some(1.0),
                first_response_secs: Some(83.6), // 418 / 5
                avg_response_secs: Some(59.5),   // 595 / 10
                ..WANG
            },
            JIE,
        ],
    );
    assert_fields(
        &v["totals"],
        &Want {
            ordered: 6,     // 2 + 2 + 2
            paid_buyers: 5, // 1 + 2 + 2
            conversion: Some(5.0 / 9.0),
            order_rate: Some(6.0 / 9.0),
            first_response_secs: Some(955.0 / 13.0),
            avg_response_secs: Some(1390.0 / 22.0),
            ..TEAM
        },
    );
    assert_fields(
        &v["shop"],
        &Want {
            ordered: 6,
            paid_buyers: 5,
            conversion: Some(5.0 / 7.0),
            order_rate: Some(6.0 / 7.0),
            first_response_secs: Some(955.0 / 13.0),
            avg_response_secs: Some(1390.0 / 22.0),
            ..SHOP
        },
    );
    assert_by_duration(
        &v,
        &[
            ("<1m", 1, 0, Some(0.0)),
            ("1-3m", 2, 1, Some(0.5)),
            ("3-10m", 3, 2, Some(2.0 / 3.0)),
            ("10-30m", 2, 2, Some(1.0)),
            (">=30m", 0, 0, None),
        ],
    );
}

#[test]
fn a_buyer_who_ordered_recently_is_after_sales_unless_they_order_again() {
    // R3 (小王 × 橙子味汽水, 10-11): order 103 ten days before, no new order → after-sales.
    // R4 (东东 × 老李家, 10-12): order 104 ten days before, but order 105 the next morning →
    // an inquiry, converting through 105.
    let (_dir, out, r) = xlsx_en(&conversion_args(&all_chats(), &["--config", &tiered(), "--month", "2026-10"]));
    assert_eq!(r.code, Some(0), "stderr: {}", r.stderr);
    let all = receptions(&out);
    let r3 = find_reception(&all, "小王", "橙子味汽水", at(11, 19, 0, 0));
    assert_eq!((r3.kind.as_str(), r3.converting_order.as_str()), ("after-sales", ""), "{r3:?}");
    assert_eq!((r3.messages, r3.first_response), (Some(5.0), Some(30.0)), "{r3:?}");
    let r4 = find_reception(&all, "东东", "老李家", at(12, 20, 0, 0));
    assert_eq!(r4.kind, "inquiry", "{r4:?}");
    assert_eq!(r4.converting_order, order_id(105), "{r4:?}");
    // 4 messages: the 系统 row is a problem, not a message
    assert_eq!((r4.messages, r4.first_response), (Some(4.0), Some(25.0)), "{r4:?}");

    let v = october();
    // 小王: 4 buyers consulted, only 晴天小猪 and tb_mumu inquired (R3, R10, S2 after-sales)
    assert_count(agent_row(&v, "小王"), "consulted", 4);
    assert_count(agent_row(&v, "小王"), "inquiries", 2);
    // 东东: 老李家 is an inquiry that converts and pays
    assert_count(agent_row(&v, "东东"), "inquiries", 4);
    assert_count(agent_row(&v, "东东"), "paid_buyers", 1);
}

#[test]
fn an_order_after_the_conversion_window_does_not_convert_but_is_still_attributed() {
    // R2 (小王 × tb_mumu, 10-03 14:00): order 102 created 10-05 09:30, after the window's end
    // (10-05 00:00) → no conversion; but it is 43.5 h after R2 → 小王's by chat, in his sales.
    let (_dir, out, r) = xlsx_en(&conversion_args(&all_chats(), &["--config", &tiered(), "--month", "2026-10"]));
    assert_eq!(r.code, Some(0), "stderr: {}", r.stderr);
    let all = receptions(&out);
    let r2 = find_reception(&all, "小王", "tb_mumu", at(3, 14, 0, 0));
    assert_eq!((r2.kind.as_str(), r2.converting_order.as_str()), ("inquiry", ""), "{r2:?}");
    let r1 = find_reception(&all, "小王", "晴天小猪", at(3, 10, 0, 0));
    assert_eq!(r1.converting_order, order_id(101), "{r1:?}");

    let v = october();
    let w = agent_row(&v, "小王");
    assert_count(w, "inquiries", 2);
    assert_count(w, "ordered", 1); // 晴天小猪 only
    assert_float(w, "conversion", Some(0.5));
    assert_money(w, "sales", 433.00); // 118 (101) + 239 (102) + 76 (104)
    assert_money(w, "aov", 144.33); // 433 / 3 buyers
}

#[test]
fn a_chat_after_the_order_does_not_take_it() {
    // Order 110 (星空, created 10-20 10:00); 星空's only chat R10 starts 15:00 → unattributed.
    // R10 itself is after-sales (ordered five hours before, nothing after).
    let v = october();
    assert_money(&v["unattributed"], "sales", 128.50);
    assert_money(&v["totals"], "sales", 1497.00);
    assert_money(&v["shop"], "sales", 1625.50);
    // 星空 has a reception, so 110 is not a silent sale either
    assert_money(&v, "silent_sales", 199.00);

    let (_dir, out, r) = xlsx_en(&conversion_args(&all_chats(), &["--config", &tiered(), "--month", "2026-10"]));
    assert_eq!(r.code, Some(0), "stderr: {}", r.stderr);
    let all = receptions(&out);
    let r10 = find_reception(&all, "小王", "星空", at(20, 15, 0, 0));
    assert_eq!((r10.kind.as_str(), r10.first_response), ("after-sales", Some(40.0)), "{r10:?}");
}

#[test]
fn between_two_agents_the_latest_reception_before_the_order_wins() {
    // sunny_88 on 10-05: 东东 (R8, from 09:58:00) transfers to 阿杰 (R9, from 10:20:30); order 107
    // is created 10:40:00 → 阿杰's. R8 is an inquiry that does not convert for 东东.
    let (_dir, out, r) = xlsx_en(&conversion_args(&all_chats(), &["--config", &tiered(), "--month", "2026-10"]));
    assert_eq!(r.code, Some(0), "stderr: {}", r.stderr);
    let all = receptions(&out);
    let r8 = find_reception(&all, "东东", "sunny_88", at(5, 9, 58, 0));
    assert_eq!((r8.kind.as_str(), r8.converting_order.as_str()), ("inquiry", ""), "{r8:?}");
    let r9 = find_reception(&all, "阿杰", "sunny_88", at(5, 10, 20, 30));
    assert_eq!(r9.kind, "inquiry", "{r9:?}");
    assert_eq!(r9.converting_order, order_id(107), "{r9:?}");
    assert_eq!((r9.messages, r9.first_response), (Some(5.0), Some(40.0)), "{r9:?}");
    // two days later sunny_88 asks 阿杰 about shipping: after-sales
    let q2 = find_reception(&all, "阿杰", "sunny_88", at(7, 16, 0, 20));
    assert_eq!((q2.kind.as_str(), q2.first_response), ("after-sales", Some(30.0)), "{q2:?}");

    let v = october();
    // sunny_88 is one of 东东's 4 inquiries but not one of his 2 ordered buyers (猫爪杯, 老李家)
    assert_count(agent_row(&v, "东东"), "ordered", 2);
    assert_count(agent_row(&v, "阿杰"), "ordered", 2); // sunny_88, 静静
    // the team row adds the agents: sunny_88 is one of 东东's and one of 阿杰's inquiring
    // buyers, 9 in all; shop-wide (去重) she is one buyer: 7 inquiring buyers, 5 ordering
    assert_count(&v["totals"], "inquiries", 9);
    assert_count(&v["totals"], "ordered", 5);
    assert_count(&v["shop"], "inquiries", 7);
    assert_count(&v["shop"], "ordered", 5);
}

#[test]
fn unpaid_converting_order_counts_as_ordered_not_paid() {
    // R6 (东东 × 猫爪杯): order 106 is created (unpaid) 5 minutes after → ordered, not paid.
    let v = october();
    let d = agent_row(&v, "东东");
    assert_count(d, "ordered", 2);
    assert_count(d, "paid_buyers", 1);
    assert_float(d, "order_rate", Some(0.5));
    assert_float(d, "conversion", Some(0.25));
    assert_money(d, "sales", 241.00); // 106 is unpaid: no sales

    let (_dir, out, r) = xlsx_en(&conversion_args(&all_chats(), &["--config", &tiered(), "--month", "2026-10"]));
    assert_eq!(r.code, Some(0), "stderr: {}", r.stderr);
    let all = receptions(&out);
    // lines 8 and 9 of the CSV are out of time order; in order the turns are 70 s and 60 s
    let r6 = find_reception(&all, "东东", "猫爪杯", at(8, 15, 0, 0));
    assert_eq!(r6.converting_order, order_id(106), "{r6:?}");
    assert_eq!((r6.messages, r6.first_response), (Some(4.0), Some(70.0)), "{r6:?}");
    // the next day's 催付 message: a reception without a buyer message
    let r7 = find_reception(&all, "东东", "猫爪杯", at(9, 9, 30, 0));
    assert_eq!((r7.kind.as_str(), r7.messages, r7.first_response), ("no buyer message", Some(1.0), None), "{r7:?}");
}

#[test]
fn session_rows_are_received_receptions_without_durations() {
    // S1 (阿杰 × 静静) attributes order 108 and converts; S3 (jie = 阿杰 × 大米粥) is a slow inquiry;
    // S2 (小王 × 晴天小猪) is after-sales. None is in by_duration (8 inquiries there, 10 in all).
    let (_dir, out, r) = xlsx_en(&conversion_args(&all_chats(), &["--config", &tiered(), "--month", "2026-10"]));
    assert_eq!(r.code, Some(0), "stderr: {}", r.stderr);
    let all = receptions(&out);
    assert_eq!(all.len(), 15, "15 receptions in October: {all:#?}");
    let count = |kind: &str| all.iter().filter(|r| r.kind == kind).count();
    assert_eq!((count("inquiry"), count("after-sales"), count("no buyer message")), (10, 4, 1));
    let s1 = find_reception(&all, "阿杰", "静静", at(14, 15, 0, 0));
    assert_eq!((s1.kind.as_str(), s1.first_response), ("inquiry", Some(12.0)), "{s1:?}");
    assert_eq!(s1.converting_order, order_id(108), "{s1:?}");
    let s2 = find_reception(&all, "小王", "晴天小猪", at(20, 9, 0, 0));
    assert_eq!((s2.kind.as_str(), s2.first_response), ("after-sales", Some(8.0)), "{s2:?}");
    let s3 = find_reception(&all, "阿杰", "大米粥", at(15, 14, 0, 0));
    assert_eq!((s3.kind.as_str(), s3.first_response), ("inquiry", Some(150.0)), "{s3:?}");
    let q3 = find_reception(&all, "阿杰", "静静", at(7, 16, 0, 0));
    assert_eq!((q3.kind.as_str(), q3.messages, q3.first_response), ("inquiry", Some(3.0), Some(120.0)), "{q3:?}");

    let v = october();
    let in_buckets: u64 = v["by_duration"].as_array().unwrap().iter().map(|b| b["inquiries"].as_u64().unwrap()).sum();
    assert_eq!(in_buckets, 8, "session rows have no duration");
    // their 平均响应 values are one answered turn each: 阿杰 avg (40 + 20 + 30 + 120 + 30 + 90)/6 = 55
    assert_float(agent_row(&v, "阿杰"), "avg_response_secs", Some(55.0));
    assert_fields(agent_row(&v, "阿杰"), &JIE);
}

// ------------------------------------------------------------------------------------------------
// problems
// ------------------------------------------------------------------------------------------------

#[test]
fn qianniu_lines_of_a_buyer_no_agent_wrote_to_are_problems() {
    // qianniu.txt line 41: 路人乙 writes, no agent writes to 路人乙 in the file
    let v = conversion_json(&[chat_fx("qianniu.txt")], &["--config", &tiered(), "--month", "2026-10"]);
    assert_count(&v, "issues", 1);

    let (_dir, out, r) =
        xlsx_en(&conversion_args(&[chat_fx("qianniu.txt")], &["--config", &tiered(), "--month", "2026-10"]));
    assert_eq!(r.code, Some(0), "row problems still exit 0; stderr: {}", r.stderr);
    let issues = issues_rows(&out);
    assert_eq!(issues.len(), 1, "{issues:#?}");
    let i = &issues[0];
    assert!(i[0].contains("qianniu.txt"), "File names the file: {i:?}");
    assert_eq!(i[2], "41", "the line of 路人乙's message: {i:?}");
    assert!(i.iter().any(|c| c.contains("路人乙")), "the buyer is named: {i:?}");
    // and 路人乙 has no reception
    assert!(receptions(&out).iter().all(|r| r.buyer != "路人乙"));
}

#[test]
fn a_message_row_with_an_unknown_sender_is_a_problem() {
    // messages_gbk.csv line 6: 发送人 系统
    let v = conversion_json(&[chat_fx("messages_gbk.csv")], &["--config", &tiered(), "--month", "2026-10"]);
    assert_count(&v, "issues", 1);

    let (_dir, out, r) =
        xlsx_en(&conversion_args(&[chat_fx("messages_gbk.csv")], &["--config", &tiered(), "--month", "2026-10"]));
    assert_eq!(r.code, Some(0), "stderr: {}", r.stderr);
    let issues = issues_rows(&out);
    assert_eq!(issues.len(), 1, "{issues:#?}");
    let i = &issues[0];
    assert!(i[0].contains("messages_gbk.csv"), "File names the file: {i:?}");
    assert_eq!((i[2].as_str(), i[3].as_str(), i[4].as_str()), ("6", "发送人", "系统"), "{i:?}");
    assert!(!i[5].is_empty() && !i[6].is_empty(), "Problem and Action filled: {i:?}");
}

#[test]
fn strict_exits_3_on_chat_problems_with_the_report_written() {
    let mut args = conversion_args(&all_chats(), &["--config", &tiered(), "--month", "2026-10"]);
    args.push("--strict".into());
    let (_dir, out, r) = xlsx_en(&args);
    assert_eq!(r.code, Some(3), "stderr: {}", r.stderr);
    assert!(out.exists(), "the report is still written");
    assert_eq!(issues_rows(&out).len(), 2);
}

// ------------------------------------------------------------------------------------------------
// the xlsx report
// ------------------------------------------------------------------------------------------------

#[test]
fn xlsx_report_has_its_sheets_and_one_reception_per_line() {
    let (_dir, out, r) = xlsx_en(&conversion_args(&all_chats(), &["--config", &tiered(), "--month", "2026-10"]));
    assert_eq!(r.code, Some(0), "stderr: {}", r.stderr);
    let names = sheet_names(&out);
    for s in ["Summary", "By duration", "Receptions", "Issues", "Rules"] {
        assert!(names.iter().any(|n| n == s), "sheet {s} missing in {names:?}");
    }

    // EXPECTED.md "All receptions of October": (agent, buyer, start, messages, first, type, order)
    type Line = (&'static str, &'static str, NaiveDateTime, Option<f64>, Option<f64>, &'static str, Option<u32>);
    let want: [Line; 15] = [
        ("小王", "晴天小猪", at(3, 10, 0, 0), Some(7.0), Some(40.0), "inquiry", Some(101)),
        ("小王", "tb_mumu", at(3, 14, 0, 0), Some(5.0), Some(600.0), "inquiry", None),
        ("小王", "橙子味汽水", at(11, 19, 0, 0), Some(5.0), Some(30.0), "after-sales", None),
        ("小王", "星空", at(20, 15, 0, 0), Some(4.0), Some(40.0), "after-sales", None),
        ("小王", "晴天小猪", at(20, 9, 0, 0), None, Some(8.0), "after-sales", None),
        ("东东", "sunny_88", at(5, 9, 58, 0), Some(7.0), Some(90.0), "inquiry", None),
        ("东东", "猫爪杯", at(8, 15, 0, 0), Some(4.0), Some(70.0), "inquiry", Some(106)),
        ("东东", "大米粥", at(8, 22, 10, 0), Some(2.0), None, "inquiry", None),
        ("东东", "猫爪杯", at(9, 9, 30, 0), Some(1.0), None, "no buyer message", None),
        ("东东", "老李家", at(12, 20, 0, 0), Some(4.0), Some(25.0), "inquiry", Some(105)),
        ("阿杰", "sunny_88", at(5, 10, 20, 30), Some(5.0), Some(40.0), "inquiry", Some(107)),
        ("阿杰", "sunny_88", at(7, 16, 0, 20), Some(2.0), Some(30.0), "after-sales", None),
        ("阿杰", "静静", at(7, 16, 0, 0), Some(3.0), Some(120.0), "inquiry", None),
        ("阿杰", "静静", at(14, 15, 0, 0), None, Some(12.0), "inquiry", Some(108)),
        ("阿杰", "大米粥", at(15, 14, 0, 0), None, Some(150.0), "inquiry", None),
    ];
    let all = receptions(&out);
    assert_eq!(all.len(), want.len(), "{all:#?}");
    for (agent, buyer, start, messages, first, kind, order) in want {
        let got = find_reception(&all, agent, buyer, start);
        // session rows (messages None here) carry no message count: not checked (Readings 3)
        if messages.is_some() {
            assert_eq!(got.messages, messages, "Messages of {got:?}");
        }
        assert_eq!(got.first_response, first, "First response of {got:?}");
        assert_eq!(got.kind, kind, "Type of {got:?}");
        assert_eq!(got.converting_order, order.map(order_id).unwrap_or_default(), "Converting order of {got:?}");
    }

    // By duration lists the five buckets in order (the JSON's <1m … >=30m, said in English)
    let rows = read_sheet(&out, "By duration");
    let want = ["under 1 min", "1–3 min", "3–10 min", "10–30 min", "30 min or more"];
    let buckets: Vec<String> = rows.iter().map(|r| text(&r[0])).filter(|t| want.contains(&t.as_str())).collect();
    assert_eq!(buckets, want, "By duration buckets");

    let issues = issues_rows(&out);
    assert_eq!(issues.len(), 2, "{issues:#?}");
    assert!(issues.iter().any(|i| i[0].contains("messages_gbk.csv") && i[2] == "6"), "{issues:#?}");
    assert!(issues.iter().any(|i| i[0].contains("qianniu.txt") && i[2] == "41"), "{issues:#?}");
}

// ------------------------------------------------------------------------------------------------
// commission with chats: the chat source of the attribution chain
// ------------------------------------------------------------------------------------------------

/// (agent, orders, paid = net, commission) rows of a commission JSON summary (no refunds here).
#[track_caller]
fn assert_commission_rows(v: &Value, wants: &[(&str, u64, f64, f64)]) {
    let (agents, rows) = agent_rows(v);
    let expected: Vec<&str> = wants.iter().map(|w| w.0).collect();
    assert_eq!(agents, expected, "agent rows");
    for (r, (_, orders, net, commission)) in rows.iter().zip(wants) {
        assert_count(r, "orders", *orders);
        assert_money(r, "paid", *net);
        assert_money(r, "refund", 0.0);
        assert_money(r, "net", *net);
        assert_money(r, "commission", *commission);
    }
}

#[test]
fn commission_with_chats_attributes_chat_only_orders() {
    // EXPECTED.md section 5
    let mut args = vec!["commission".to_string(), chat_fx("orders.xlsx"), "--chats".to_string()];
    args.extend(all_chats());
    args.extend(["--config", &tiered(), "--month", "2026-10"].iter().map(|s| s.to_string()));
    let v = json_of(args, "commission");
    assert_eq!(v["period"]["from"], "2026-10-01");
    assert_commission_rows(
        &v,
        &[
            ("东东", 2, 241.00, 12.05), // 103 (memo dd01) + 105 (chat R4); flat 5%
            ("小王", 3, 433.00, 4.33),  // 101, 102 (chat R1, R2) + 104 (column wang); 433 × 1%
            ("阿杰", 3, 823.00, 11.46), // 107 (chat R9, not 东东's R8), 108 (session S1), 109 (memo jie)
        ],
    );
    // 110: 星空's chat is five hours after the order → unattributed
    let u = &v["unattributed"];
    assert_count(u, "orders", 1);
    assert_money(u, "paid", 128.50);
    assert_money(u, "net", 128.50);
    let t = &v["totals"];
    assert_count(t, "orders", 9); // 106 is unpaid
    assert_money(t, "paid", 1625.50);
    assert_money(t, "net", 1625.50);
    assert_money(t, "commission", 27.84); // 12.05 + 4.33 + 11.46
    assert_count(&v, "issues", 2); // the chat files' two problems (Readings 5)
}

#[test]
fn commission_without_chats_leaves_chat_only_orders_unattributed() {
    // EXPECTED.md section 5, last paragraph: only the column (104) and memos (103, 109) attribute
    let args: Vec<String> = ["commission", &chat_fx("orders.xlsx"), "--config", &tiered(), "--month", "2026-10"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let v = json_of(args, "commission");
    assert_commission_rows(&v, &[("东东", 1, 89.00, 4.45), ("小王", 1, 76.00, 0.76), ("阿杰", 1, 199.00, 1.99)]);
    // 101, 102, 105, 107, 108, 110: 118 + 239 + 152 + 356 + 268 + 128.50
    assert_count(&v["unattributed"], "orders", 6);
    assert_money(&v["unattributed"], "net", 1261.50);
    assert_count(&v["totals"], "orders", 9);
    assert_money(&v["totals"], "net", 1625.50);
    assert_money(&v["totals"], "commission", 7.20);
    assert_count(&v, "issues", 0);
}

#[test]
fn a_month_without_chats_is_an_error_naming_the_dates_the_files_cover() {
    // docs/definitions.md#commands: never an empty report with exit 0 (the fixture's chats run 2026-10-08 … 2026-10-20).
    let dir = scratch();
    let r =
        run_in(dir.path(), &conversion_args(&[chat_fx("messages_gbk.csv")], &["--month", "2026-05", "--lang", "en"]));
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(r.stderr.contains("no chats in 2026-05-01 – 2026-05-31"), "{}", r.stderr);
    assert!(r.stderr.contains("from 2026-10-08 to 2026-10-20"), "{}", r.stderr);
    assert!(files_in(dir.path()).is_empty(), "nothing written");
}
