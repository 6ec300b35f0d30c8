//! Integration tests for `cs-tools lost`, run on the files in `fixtures/lost/`.
//!
//! Every reception's reason was decided by hand from docs/definitions.md (#receptions,
//! #conversion, #lost-inquiries, #json); the working, reception by reception (R1 … R22) and run
//! by run (A … E), is in `fixtures/lost/EXPECTED.md`. The fixtures are written by
//! `fixtures/lost/make_lost_fixtures.py`.

use crate::common::{
    agent_rows, assert_period, datetime, files_in, fx, fx_path, json, read_sheet, run_in, scratch, sheet_names, text,
    xlsx_en,
};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use calamine::Data;
use chrono::NaiveDateTime;
use serde_json::Value;

// ------------------------------------------------------------------------------------------------
// helpers
// ------------------------------------------------------------------------------------------------

/// A file of `fixtures/lost/`, as a string argument.
fn lost_fx(name: &str) -> String {
    fx(&format!("lost/{name}"))
}

/// `lost chats.csv [EXTRA…]` as JSON.
fn lost_json(extra: &[&str]) -> Value {
    let chats = lost_fx("chats.csv");
    let mut args = vec!["lost", chats.as_str()];
    args.extend_from_slice(extra);
    json(&args).0
}

/// `lost chats.csv --orders orders.csv [EXTRA…]` as JSON.
fn lost_with_orders(extra: &[&str]) -> Value {
    let orders = lost_fx("orders.csv");
    let mut args = vec!["--orders", orders.as_str()];
    args.extend_from_slice(extra);
    lost_json(&args)
}

fn count(v: &Value) -> u64 {
    v.as_u64().unwrap_or_else(|| panic!("expected a whole number, got {v}"))
}

/// The `reasons` array: `ordered` must come first, exactly in this order (docs/definitions.md#lost-inquiries sorts them:
/// count descending, ties by categories in config order, then no_reply, slow_reply,
/// buyer_silent, other); `cells` (reasons named by an unknown 未成交原因 text) follow, in any
/// order among themselves. Every share is count / lost.
fn assert_reasons(v: &Value, ordered: &[(&str, u64)], cells: &[(&str, u64)]) {
    let lost = count(&v["totals"]["lost"]);
    let reasons = v["reasons"].as_array().expect("reasons is an array");
    let got: Vec<(String, u64)> = reasons
        .iter()
        .map(|r| (r["reason"].as_str().expect("reason is text").to_string(), count(&r["count"])))
        .collect();
    let want: Vec<(String, u64)> = ordered.iter().map(|(r, n)| (r.to_string(), *n)).collect();
    assert!(got.len() >= want.len(), "reasons {got:?}, expected to start with {want:?}");
    assert_eq!(&got[..want.len()], &want[..], "reasons in order (all: {got:?})");
    let tail: BTreeSet<(String, u64)> = got[want.len()..].iter().cloned().collect();
    let want_tail: BTreeSet<(String, u64)> = cells.iter().map(|(r, n)| (r.to_string(), *n)).collect();
    assert_eq!(tail, want_tail, "cell-text reasons after the rule reasons (all: {got:?})");
    assert_eq!(got.iter().map(|(_, n)| n).sum::<u64>(), lost, "Σ reason counts = totals.lost");
    for r in reasons {
        let share = r["share"].as_f64().expect("share is a number");
        let expected = count(&r["count"]) as f64 / lost as f64;
        assert!((share - expected).abs() < 1e-9, "share of {}: {share}, expected {expected}", r["reason"]);
    }
}

/// One expected JSON row: agent, lost, reasons with their counts.
type AgentRow<'a> = (&'a str, u64, &'a [(&'a str, u64)]);

/// The per-agent rows, exactly (rows sorted by agent name).
fn assert_rows(v: &Value, want: &[AgentRow]) {
    let (agents, rows) = agent_rows(v);
    let want_agents: Vec<&str> = want.iter().map(|w| w.0).collect();
    assert_eq!(agents, want_agents, "one row per agent with a lost inquiry, sorted by name");
    for (row, (agent, lost, reasons)) in rows.iter().zip(want) {
        assert_eq!(count(&row["lost"]), *lost, "{agent}: lost");
        let got: BTreeMap<String, u64> = row["reasons"]
            .as_object()
            .unwrap_or_else(|| panic!("{agent}: reasons is an object"))
            .iter()
            .map(|(k, n)| (k.clone(), count(n)))
            .collect();
        let expected: BTreeMap<String, u64> = reasons.iter().map(|(k, n)| (k.to_string(), *n)).collect();
        assert_eq!(got, expected, "{agent}: reasons");
    }
}

fn assert_totals(v: &Value, lost: u64, inquiries: u64) {
    assert_eq!(v["command"], "lost");
    assert_eq!(count(&v["totals"]["lost"]), lost, "totals.lost");
    assert_eq!(count(&v["totals"]["inquiries"]), inquiries, "totals.inquiries");
    assert!(v["unattributed"].is_null(), "unattributed is null for lost");
    assert_eq!(count(&v["issues"]), 0, "the fixtures have no row problems");
}

/// Data rows (after the header) as text, blank rows dropped; the header is checked.
fn sheet_rows(path: &Path, sheet: &str, header: &[&str]) -> (Vec<Vec<Data>>, Vec<Vec<String>>) {
    let rows = read_sheet(path, sheet);
    let head: Vec<String> = rows[0].iter().map(text).collect();
    assert_eq!(&head[..header.len()], header, "{sheet}: header row");
    let data: Vec<Vec<Data>> = rows[1..].iter().filter(|r| r.iter().any(|c| !text(c).is_empty())).cloned().collect();
    let texts = data.iter().map(|r| r.iter().map(text).collect()).collect();
    (data, texts)
}

/// A local date-time written `2026-10-05 10:00:00`.
fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
}

/// The buyers' own lines in chats.csv: (agent, buyer) → contents. No field holds a comma.
fn buyer_lines() -> BTreeMap<(String, String), Vec<String>> {
    let csv = std::fs::read_to_string(fx_path("lost/chats.csv")).unwrap();
    let mut out: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for line in csv.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        assert_eq!(f.len(), 6, "chats.csv line {line:?}");
        if f[3] == "买家" {
            let agent = f[1].rsplit(':').next().unwrap().to_string();
            out.entry((agent, f[2].to_string())).or_default().push(f[4].to_string());
        }
    }
    out
}

/// Run A by hand (EXPECTED.md): agent, buyer → (reason, rule) of every lost inquiry.
const LOST_A: &[(&str, &str, &str, &str)] = &[
    ("东东", "uma", "no_reply", "no_reply"),          // R21
    ("小王", "amy", "postage", "lost_reason"),        // R1 label
    ("东东", "bob", "size", "lost_reason"),           // R2 alias, over stock keywords
    ("阿杰", "cat", "quality", "lost_reason"),        // R3 id, last non-empty cell
    ("小王", "dan", "已经在线下买了", "lost_reason"), // R4 unknown text
    ("东东", "eve", "no_reply", "no_reply"),          // R5 before keywords
    ("阿杰", "fay", "no_reply", "no_reply"),          // R6 only an auto-reply
    ("小王", "gus", "slow_reply", "slow_reply"),      // R7 300 s
    ("东东", "hal", "buyer_silent", "buyer_silent"),  // R8
    ("阿杰", "ivy", "buyer_silent", "buyer_silent"),  // R9 exactly 120 s
    ("小王", "jon", "other", "other"),                // R10 trailing auto-reply
    ("东东", "kim", "size", "keywords"),              // R11 size 3 : price 1
    ("阿杰", "leo", "quality", "keywords"),           // R12 tie quality / style
    ("小王", "max", "postage", "keywords"),           // R13 tie postage / delivery
    ("东东", "ned", "buyer_silent", "buyer_silent"),  // R14
    ("阿杰", "oli", "price", "keywords"),             // R15
    ("东东", "vic", "没送小样", "lost_reason"),       // R22 unknown text
    ("阿杰", "quinn", "price", "keywords"),           // R17 order is 小王's
    ("东东", "ray", "comparing", "keywords"),         // R18 order after the window
];

// ------------------------------------------------------------------------------------------------
// A. default categories, with orders
// ------------------------------------------------------------------------------------------------

#[test]
fn default_categories_with_orders_every_rule() {
    let v = lost_with_orders(&[]);
    assert_period(&v, "2026-09-30", "2026-10-16");
    // 22 receptions − R19 (after-sales) − R20 (no buyer message) = 20 inquiries; R16 converts.
    assert_totals(&v, 19, 20);
    assert_reasons(
        &v,
        &[
            ("no_reply", 3),
            ("buyer_silent", 3),
            ("price", 2),
            ("postage", 2),
            ("quality", 2),
            ("size", 2),
            ("comparing", 1),
            ("slow_reply", 1),
            ("other", 1),
        ],
        &[("已经在线下买了", 1), ("没送小样", 1)],
    );
    assert_rows(
        &v,
        &[
            ("东东", 8, &[("size", 2), ("no_reply", 2), ("buyer_silent", 2), ("comparing", 1), ("没送小样", 1)]),
            ("小王", 5, &[("postage", 2), ("已经在线下买了", 1), ("slow_reply", 1), ("other", 1)]),
            ("阿杰", 6, &[("quality", 2), ("price", 2), ("no_reply", 1), ("buyer_silent", 1)]),
        ],
    );
    let no_reply = v["reasons"].as_array().unwrap().iter().find(|r| r["reason"] == "no_reply").unwrap();
    assert!((no_reply["share"].as_f64().unwrap() - 3.0 / 19.0).abs() < 1e-9, "no_reply share 3/19");
}

// ------------------------------------------------------------------------------------------------
// B. the same chats without orders: every inquiry is lost, nothing is after-sales
// ------------------------------------------------------------------------------------------------

#[test]
fn without_orders_every_inquiry_is_lost() {
    let v = lost_json(&[]);
    assert_period(&v, "2026-09-30", "2026-10-16");
    // R16 (would convert) and R19 (after-sales only with orders) are now lost inquiries.
    assert_totals(&v, 21, 21);
    assert_reasons(
        &v,
        &[
            ("price", 3),
            ("no_reply", 3),
            ("buyer_silent", 3),
            ("postage", 2),
            ("quality", 2),
            ("size", 2),
            ("after_sales", 1),
            ("comparing", 1),
            ("slow_reply", 1),
            ("other", 1),
        ],
        &[("已经在线下买了", 1), ("没送小样", 1)],
    );
    assert_rows(
        &v,
        &[
            ("东东", 8, &[("size", 2), ("no_reply", 2), ("buyer_silent", 2), ("comparing", 1), ("没送小样", 1)]),
            (
                "小王",
                7,
                &[
                    ("postage", 2),
                    ("已经在线下买了", 1),
                    ("slow_reply", 1),
                    ("other", 1),
                    ("price", 1),
                    ("after_sales", 1),
                ],
            ),
            ("阿杰", 6, &[("quality", 2), ("price", 2), ("no_reply", 1), ("buyer_silent", 1)]),
        ],
    );
}

// ------------------------------------------------------------------------------------------------
// C. lost.toml: postage replaced in place, gift appended
// ------------------------------------------------------------------------------------------------

#[test]
fn config_replaces_postage_and_adds_a_gift_category() {
    let config = lost_fx("lost.toml");
    let v = lost_with_orders(&["--config", &config]);
    assert_totals(&v, 19, 20);
    assert_reasons(
        &v,
        &[
            ("no_reply", 3),
            ("quality", 2),
            ("size", 2),
            ("gift", 2),
            ("buyer_silent", 2),
            ("price", 1),
            ("postage", 1),
            ("delivery", 1),
            ("comparing", 1),
            ("slow_reply", 1),
            ("other", 1),
        ],
        &[("运费/不包邮", 1), ("已经在线下买了", 1)],
    );
    assert_rows(
        &v,
        &[
            (
                "东东",
                8,
                &[("size", 2), ("no_reply", 2), ("buyer_silent", 1), ("postage", 1), ("comparing", 1), ("gift", 1)],
            ),
            ("小王", 5, &[("运费/不包邮", 1), ("已经在线下买了", 1), ("slow_reply", 1), ("other", 1), ("delivery", 1)]),
            ("阿杰", 6, &[("quality", 2), ("no_reply", 1), ("buyer_silent", 1), ("gift", 1), ("price", 1)]),
        ],
    );
}

// ------------------------------------------------------------------------------------------------
// D. only_gift.toml: replace_defaults = true keeps only the config's categories
// ------------------------------------------------------------------------------------------------

#[test]
fn replace_defaults_keeps_only_the_configured_categories() {
    let config = lost_fx("only_gift.toml");
    let v = lost_with_orders(&["--config", &config]);
    assert_totals(&v, 19, 20);
    assert_reasons(
        &v,
        &[("buyer_silent", 8), ("no_reply", 3), ("gift", 2), ("slow_reply", 1), ("other", 1)],
        &[("运费/不包邮", 1), ("尺寸", 1), ("quality", 1), ("已经在线下买了", 1)],
    );
}

// ------------------------------------------------------------------------------------------------
// E. --month: the September reception drops out
// ------------------------------------------------------------------------------------------------

#[test]
fn month_keeps_only_that_months_receptions() {
    let v = lost_with_orders(&["--month", "2026-10"]);
    assert_period(&v, "2026-10-01", "2026-10-31");
    assert_totals(&v, 18, 19);
    assert_reasons(
        &v,
        &[
            ("buyer_silent", 3),
            ("price", 2),
            ("postage", 2),
            ("quality", 2),
            ("size", 2),
            ("no_reply", 2),
            ("comparing", 1),
            ("slow_reply", 1),
            ("other", 1),
        ],
        &[("已经在线下买了", 1), ("没送小样", 1)],
    );
    assert_eq!(count(&v["rows"][0]["lost"]), 7, "东东 without R21");
    assert_eq!(count(&v["rows"][0]["reasons"]["no_reply"]), 1, "东东: only R5 is no_reply in October");
}

#[test]
fn a_month_without_chats_is_an_error_naming_the_dates_the_files_cover() {
    // docs/definitions.md#commands: never an empty report with exit 0 (the receptions run 2026-09-30 … 2026-10-16).
    let dir = scratch();
    let r =
        run_in(dir.path(), &["lost", &lost_fx("chats.csv"), "--orders", &lost_fx("orders.csv"), "--month", "2026-12"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(r.stderr.contains("没有 2026-12-01 至 2026-12-31 的聊天记录"), "{}", r.stderr);
    let r = run_in(
        dir.path(),
        &["lost", &lost_fx("chats.csv"), "--orders", &lost_fx("orders.csv"), "--month", "2026-12", "--lang", "en"],
    );
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(r.stderr.contains("no chats in 2026-12-01 – 2026-12-31"), "{}", r.stderr);
    assert!(r.stderr.contains("from 2026-09-30 to 2026-10-16"), "{}", r.stderr);
    assert!(files_in(dir.path()).is_empty(), "nothing written");
}

// ------------------------------------------------------------------------------------------------
// lost = Σ over conversion's by_duration of (inquiries − converted)
// ------------------------------------------------------------------------------------------------

fn by_duration_sums(extra: &[&str]) -> (u64, u64) {
    let chats = lost_fx("chats.csv");
    let orders = lost_fx("orders.csv");
    let mut args = vec!["conversion", chats.as_str(), "--orders", orders.as_str()];
    args.extend_from_slice(extra);
    let (v, _) = json(&args);
    let buckets = v["by_duration"].as_array().expect("conversion JSON has by_duration");
    let inquiries: u64 = buckets.iter().map(|b| count(&b["inquiries"])).sum();
    let converted: u64 = buckets.iter().map(|b| count(&b["converted"])).sum();
    (inquiries, converted)
}

#[test]
fn lost_equals_conversion_inquiries_minus_converted() {
    let (inquiries, converted) = by_duration_sums(&[]);
    assert_eq!((inquiries, converted), (20, 1), "by_duration: 20 inquiries, R16 converted");
    let v = lost_with_orders(&[]);
    assert_eq!(count(&v["totals"]["lost"]), inquiries - converted);
    assert_eq!(count(&v["totals"]["inquiries"]), inquiries);

    let (inquiries, converted) = by_duration_sums(&["--month", "2026-10"]);
    assert_eq!((inquiries, converted), (19, 1), "October: R21 drops out");
    let v = lost_with_orders(&["--month", "2026-10"]);
    assert_eq!(count(&v["totals"]["lost"]), inquiries - converted);
    assert_eq!(count(&v["totals"]["inquiries"]), inquiries);
}

// ------------------------------------------------------------------------------------------------
// xlsx in English: sheets, Lost inquiries (Rule, Keywords), Evidence (the buyer's words)
// ------------------------------------------------------------------------------------------------

fn lost_xlsx(extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let chats = lost_fx("chats.csv");
    let orders = lost_fx("orders.csv");
    let mut args = vec!["lost", chats.as_str(), "--orders", orders.as_str()];
    args.extend_from_slice(extra);
    let (dir, out, r) = xlsx_en(&args);
    assert_eq!(r.code, Some(0), "stdout: {}\nstderr: {}", r.stdout, r.stderr);
    assert!(out.is_file(), "report written to {out:?}");
    (dir, out)
}

#[test]
fn xlsx_lost_inquiries_sheet_has_every_rule_and_the_keywords() {
    let (_dir, path) = lost_xlsx(&[]);
    let names = sheet_names(&path);
    for sheet in ["Reasons", "Reasons by agent", "Evidence", "Lost inquiries", "Issues", "Rules"] {
        assert!(names.iter().any(|n| n == sheet), "sheet {sheet} in {names:?}");
    }

    let (cells, rows) = sheet_rows(&path, "Lost inquiries", &["Agent", "Buyer", "Start", "Reason", "Rule", "Keywords"]);
    assert_eq!(rows.len(), LOST_A.len(), "one row per lost inquiry: {rows:?}");
    let by_reception: BTreeMap<(String, String), (usize, Vec<String>)> =
        rows.iter().enumerate().map(|(i, r)| ((r[0].clone(), r[1].clone()), (i, r.clone()))).collect();
    assert_eq!(by_reception.len(), rows.len(), "each lost reception once");
    for (agent, buyer, _reason, rule) in LOST_A {
        let (_, row) = by_reception
            .get(&(agent.to_string(), buyer.to_string()))
            .unwrap_or_else(|| panic!("{agent}/{buyer} is a lost inquiry: {rows:?}"));
        // The rule's id, as an en sheet says it.
        let said = match *rule {
            "lost_reason" => "lost-reason column",
            "no_reply" => "no reply",
            "slow_reply" => "slow reply",
            "buyer_silent" => "buyer went silent",
            other => other,
        };
        assert_eq!(row[4], said, "{agent}/{buyer}: Rule");
    }
    for (buyer, _) in [("pam", "converts"), ("sue", "after-sales"), ("tom", "no buyer message")] {
        assert!(rows.iter().all(|r| r[1] != buyer), "{buyer} is not a lost inquiry");
    }

    let keywords = |agent: &str, buyer: &str| -> BTreeSet<String> {
        let (_, row) = &by_reception[&(agent.to_string(), buyer.to_string())];
        row[5].split_whitespace().map(str::to_string).collect()
    };
    let kim = keywords("东东", "kim");
    for k in ["尺码", "偏大", "身高", "体重", "码数", "大小"] {
        assert!(kim.contains(k), "kim's Keywords hold {k}: {kim:?}");
    }
    assert!(keywords("阿杰", "leo").contains("做工"), "leo: 做工");
    assert!(keywords("小王", "max").contains("快递费"), "max: 快递费");
    assert!(keywords("东东", "bob").is_empty(), "a lost_reason cell decides without keywords");

    // Start is the reception's first message (R7: the buyer's 你好 at 10:00:00).
    let (i, _) = &by_reception[&("小王".to_string(), "gus".to_string())];
    assert_eq!(datetime(&cells[*i][2]), at("2026-10-05 10:00:00"), "gus: Start");
}

#[test]
fn xlsx_evidence_quotes_the_buyers_own_words() {
    let (_dir, path) = lost_xlsx(&[]);
    let (cells, rows) = sheet_rows(&path, "Evidence", &["Reason", "Agent", "Buyer", "Time", "Buyer's words"]);
    assert!(!rows.is_empty(), "Evidence has quotes");
    let lines = buyer_lines();
    let reason_of: BTreeMap<(String, String), &str> =
        LOST_A.iter().map(|(a, b, reason, _)| ((a.to_string(), b.to_string()), *reason)).collect();

    // Every quote is a buyer's line of a lost reception, grouped under that reception's reason,
    // at most three per reason; an auto-reply is never quoted.
    let mut per_reason: BTreeMap<String, (BTreeSet<&str>, usize)> = BTreeMap::new();
    for row in &rows {
        let key = (row[1].clone(), row[2].clone());
        let reason = reason_of.get(&key).unwrap_or_else(|| panic!("evidence from a lost inquiry: {row:?}"));
        let said = lines.get(&key).map(Vec::as_slice).unwrap_or_default();
        assert!(said.contains(&row[4]), "{row:?}: a line the buyer wrote ({said:?})");
        assert!(!row[4].contains("自动回复"), "an auto-reply is not the buyer's words: {row:?}");
        let entry = per_reason.entry(row[0].clone()).or_default();
        entry.0.insert(reason);
        entry.1 += 1;
    }
    for (label, (reasons, n)) in &per_reason {
        assert_eq!(reasons.len(), 1, "Evidence rows under {label} come from one reason: {reasons:?}");
        assert!(*n <= 3, "at most three quotes per reason: {label} has {n}");
    }

    // size (R11, keywords): the buyer's first size line, with its time.
    let (i, kim) = rows
        .iter()
        .enumerate()
        .find(|(_, r)| r[1] == "东东" && r[2] == "kim" && r[4] == "这个尺码偏大吗")
        .unwrap_or_else(|| panic!("kim's 这个尺码偏大吗 is quoted: {rows:?}"));
    assert!(kim[0] == "尺码" || kim[0] == "size", "quoted under size: {kim:?}");
    assert_eq!(datetime(&cells[i][3]), at("2026-10-07 09:00:00"), "kim's line: Time");
    // Every reason of run A has at least one quote (each lost reception has buyer lines).
    let quoted: BTreeSet<&str> = per_reason.values().flat_map(|(reasons, _)| reasons.iter().copied()).collect();
    let all: BTreeSet<&str> = LOST_A.iter().map(|(_, _, reason, _)| *reason).collect();
    assert_eq!(quoted, all, "every reason has evidence");
}
