//! `--mask-buyers` (docs/decisions.md#masked-buyers): no buyer's name in any sheet, JSON or
//! line a run prints, every figure as without the flag, masks as worked in
//! fixtures/mask/EXPECTED.md.

use crate::common::*;
use calamine::{Data, Reader, Xlsx, open_workbook};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const MONTH: [&str; 4] =
    ["fixtures/month/chats.csv", "fixtures/month/chats.xlsx", "fixtures/month/chats.txt", "fixtures/month/orders.xlsx"];

/// Every buyer's name in fixtures/month, read from the files themselves: the 买家 column of the
/// chat sheets, the 买家昵称 column of the orders, and the 千牛 text's senders that are not an
/// agent (agents write as 店铺:名字).
fn month_buyers() -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut csv = csv::Reader::from_path(fx_path("month/chats.csv")).unwrap();
    let col = csv.headers().unwrap().iter().position(|h| h == "买家").unwrap();
    names.extend(csv.records().map(|r| r.unwrap()[col].trim().to_string()));
    for (file, header) in [("month/chats.xlsx", "买家"), ("month/orders.xlsx", "买家昵称")] {
        let mut book: Xlsx<_> = open_workbook(fx_path(file)).unwrap();
        let range = book.worksheet_range_at(0).unwrap().unwrap();
        let rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(text).collect()).collect();
        let at = rows.iter().position(|r| r.iter().any(|c| c == header)).unwrap();
        let col = rows[at].iter().position(|c| c == header).unwrap();
        names.extend(rows[at + 1..].iter().map(|r| r[col].clone()).filter(|n| !n.is_empty()));
    }
    // A sender line: the sender, the date and the time.
    for l in std::fs::read_to_string(fx_path("month/chats.txt")).unwrap().lines() {
        let parts: Vec<&str> = l.trim().rsplitn(3, ' ').collect();
        if let [time, date, who] = parts[..]
            && chrono::NaiveDateTime::parse_from_str(&format!("{date} {time}"), "%Y-%m-%d %H:%M:%S").is_ok()
            && !who.contains(':')
        {
            names.insert(who.to_string());
        }
    }
    assert!(names.len() > 100, "the month's buyers: {}", names.len());
    names
}

#[track_caller]
fn assert_no_buyer(text: &str, buyers: &BTreeSet<String>, what: &str) {
    if let Some(name) = buyers.iter().find(|b| text.contains(b.as_str())) {
        panic!("{what} names the buyer {name:?}");
    }
}

/// Every cell of every sheet of a workbook, with where it is.
fn cells(path: &Path) -> Vec<(String, String)> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let mut out = Vec::new();
    for sheet in book.sheet_names() {
        let range = book.worksheet_range(&sheet).unwrap();
        for (i, row) in range.rows().enumerate() {
            for (j, c) in row.iter().enumerate() {
                if *c != Data::Empty {
                    out.push((format!("{sheet}!R{}C{}", i + 1, j + 1), c.to_string()));
                }
            }
        }
    }
    out
}

/// The JSON of a run, and the same run's JSON with `--mask-buyers`, whose `buyers_masked`
/// must be true (and is taken out); neither run's stderr names a buyer.
fn json_both(args: &[&str], buyers: &BTreeSet<String>) -> (Value, Value) {
    let (plain, _) = json_in(root(), args);
    let masked_args: Vec<&str> = args.iter().copied().chain(["--mask-buyers"]).collect();
    let r = run_in(root(), &[&masked_args[..], &["--format", "json"]].concat());
    let mut masked = stdout_json(&r);
    assert_no_buyer(&r.stdout, buyers, "the JSON");
    assert_no_buyer(&r.stderr, buyers, "stderr");
    assert_eq!(masked.as_object_mut().unwrap().remove("buyers_masked"), Some(Value::Bool(true)));
    assert!(plain.get("buyers_masked").is_none(), "unmasked JSON has no buyers_masked");
    (plain, masked)
}

#[test]
fn the_month_report_names_no_buyer_and_keeps_every_figure() {
    let buyers = month_buyers();
    let dir = scratch();
    let out = dir.path().join("report.xlsx");
    let args: Vec<String> = ["report".to_string()]
        .into_iter()
        .chain(MONTH.iter().map(|f| root().join(f).display().to_string()))
        .chain(["--month", "2026-10", "--mask-buyers", "-o", out.to_str().unwrap()].map(String::from))
        .collect();
    let r = run_in(dir.path(), &args);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_no_buyer(&r.stdout, &buyers, "stdout");
    assert_no_buyer(&r.stderr, &buyers, "stderr");
    let cells = cells(&out);
    for (at, cell) in &cells {
        assert_no_buyer(cell, &buyers, at);
    }
    // The Rules sheet says so, counting every buyer of the inputs.
    let rules = sheet_text(&out, "规则");
    let line = rules.iter().find(|r| r[0] == "买家昵称已隐去").expect("a Rules line on the masked buyers");
    assert!(line[1].starts_with(&format!("{} 位买家的昵称以代号显示（--mask-buyers）", buyers.len())), "{line:?}");
    assert_eq!(english_sentence(&line[1]), None);
    // The figures are those of the run without the flag: the whole JSON, totals and every agent row.
    let mut json_args: Vec<&str> = vec!["report"];
    json_args.extend(MONTH);
    json_args.extend(["--month", "2026-10"]);
    let (plain, masked) = json_both(&json_args, &buyers);
    assert_eq!(masked["totals"], plain["totals"]);
    // The per-agent figures of `report`'s JSON: its month comparison's rows, twelve agents.
    let agents = &plain["month_comparison"]["agents"];
    assert_eq!(agents.as_object().map(|a| a.len()), Some(12));
    assert_eq!(masked["month_comparison"]["agents"], *agents);
    assert_eq!(masked, plain);
}

#[test]
fn commission_lost_and_qa_json_with_the_flag() {
    let buyers = month_buyers();
    for args in [
        &["commission", "fixtures/month/orders.xlsx", "--chats", "fixtures/month/chats.csv", "--month", "2026-10"][..],
        &["lost", "fixtures/month/chats.csv", "--orders", "fixtures/month/orders.xlsx", "--month", "2026-10"],
    ] {
        let (plain, masked) = json_both(args, &buyers);
        assert_eq!(masked["totals"], plain["totals"], "{}", args[0]);
        assert_eq!(masked["rows"], plain["rows"], "{}", args[0]);
        assert_eq!(masked, plain, "{}", args[0]);
    }
    // QA findings name their buyer: each a mask, one mask per buyer and one buyer per mask, the
    // rest of every finding as without the flag.
    let args = ["qa", "fixtures/month/chats.csv", "--month", "2026-10"];
    let (mut plain, mut masked) = json_both(&args, &buyers);
    let key =
        |f: &Value| (f["time"].to_string(), f["agent"].to_string(), f["rule"].to_string(), f["message"].to_string());
    let sorted = |v: &mut Value| {
        let mut f = v["findings"].as_array().unwrap().clone();
        f.sort_by_key(key);
        v["findings"] = Value::Null;
        f
    };
    let (plain_findings, masked_findings) = (sorted(&mut plain), sorted(&mut masked));
    assert_eq!(masked, plain);
    assert_eq!(plain_findings.len(), masked_findings.len());
    assert!(plain_findings.len() > 10);
    let (mut mask_of, mut buyer_of) = (BTreeMap::new(), BTreeMap::new());
    for (p, m) in plain_findings.iter().zip(&masked_findings) {
        let (name, mask) = (p["buyer"].as_str().unwrap(), m["buyer"].as_str().unwrap());
        assert_eq!(*mask_of.entry(name).or_insert(mask), mask, "{name} has one mask");
        assert_eq!(*buyer_of.entry(mask).or_insert(name), name, "{mask} is one buyer's");
        let (mut p, mut m) = (p.clone(), m.clone());
        (p["buyer"], m["buyer"]) = (Value::Null, Value::Null);
        assert_eq!(m, p);
    }
    // The run's names are the buyers of chats.csv. A mask is the name's first character, a *
    // for each character between and its last; the k-th by text (k ≥ 2) of the names of the
    // same length, first and last character adds #k (tb_0000012 → t********2, or t********2#3
    // after two such names sorting before it).
    let mut csv = csv::Reader::from_path(fx_path("month/chats.csv")).unwrap();
    let run_names: BTreeSet<String> = csv.records().map(|r| r.unwrap()[2].to_string()).collect();
    let look = |n: &str| (n.chars().count(), n.chars().next(), n.chars().last());
    for (name, mask) in &mask_of {
        let k = run_names.iter().filter(|n| look(n) == look(name) && n.as_str() < *name).count() + 1;
        let last = name.chars().last().unwrap();
        let plain = format!("t{}{last}", "*".repeat(name.chars().count() - 2));
        let want = if k == 1 { plain } else { format!("{plain}#{k}") };
        assert_eq!(*mask, want, "{name}");
    }
    assert!(mask_of.values().any(|m| !m.contains('#')) && mask_of.values().any(|m| m.contains('#')));
    // The same masks whatever the number of threads reading the three chat files.
    let threads = |n: &str| {
        let r = run_here(&[
            "qa",
            MONTH[0],
            MONTH[1],
            MONTH[2],
            "--month",
            "2026-10",
            "--mask-buyers",
            "--format",
            "json",
            "--threads",
            n,
        ]);
        stdout_json(&r)["findings"].clone()
    };
    assert_eq!(threads("1"), threads("4"));
}

/// fixtures/mask/EXPECTED.md: the masks of eight names, three of one look and three of another.
#[test]
fn masks_as_worked_by_hand() {
    let dir = scratch();
    let (chats, orders) = (fx("mask/chats.csv"), fx("mask/orders.csv"));
    let names = ["tb_12", "tb_72", "tb_92", "王五", "王六", "王七", "甲", "amy"];
    let buyers: BTreeSet<String> = names.iter().map(|s| s.to_string()).collect();
    let conv = dir.path().join("conv.xlsx");
    let r = run_in(
        dir.path(),
        &["conversion", &chats, "--orders", &orders, "--mask-buyers", "--lang", "en", "-o", conv.to_str().unwrap()],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_no_buyer(&r.stdout, &buyers, "stdout");
    for (at, cell) in cells(&conv) {
        assert_no_buyer(&cell, &buyers, &at);
    }
    let receptions = sheet_text(&conv, "Receptions");
    let column: Vec<&str> = receptions[1..].iter().map(|r| r[1].as_str()).collect();
    assert_eq!(column, ["t***2", "t***2#3", "王*#2", "王*#3", "*", "a*y"]);
    assert_eq!(issues_rows(&conv).iter().map(|r| r[4].as_str()).collect::<Vec<_>>(), ["t***2#2"]);
    let rules = sheet_text(&conv, "Rules");
    let line = rules.iter().find(|r| r[0] == "Buyers masked").expect("a Rules line");
    assert!(line[1].starts_with("8 buyers' nicknames shown as masks (--mask-buyers)"), "{line:?}");

    let comm = dir.path().join("comm.xlsx");
    let r = run_in(
        dir.path(),
        &["commission", &orders, "--chats", &chats, "--mask-buyers", "--lang", "en", "-o", comm.to_str().unwrap()],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let detail: Vec<(String, String)> =
        sheet_text(&comm, "Detail")[1..].iter().map(|r| (r[0].clone(), r[1].clone())).collect();
    let want = [("M1001", "t***2"), ("M1002", "王*#2"), ("M1003", "王*")];
    assert_eq!(detail, want.map(|(a, b)| (a.to_string(), b.to_string())));

    // Without the orders, 王七 is no name of the run: 王五 and 王六 are 王* and 王*#2.
    let (masked, _) = json_in(dir.path(), &["qa", &chats, "--mask-buyers"]);
    let found: Vec<(&str, &str)> = masked["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["buyer"].as_str().unwrap(), f["rule"].as_str().unwrap()))
        .collect();
    assert_eq!(found, [("王*#2", "unanswered"), ("*", "ad_law"), ("a*y", "unanswered")]);

    // The figures of fixtures/mask/EXPECTED.md, as without the flag.
    for args in [&["conversion", &chats, "--orders", &orders][..], &["commission", &orders, "--chats", &chats]] {
        let (plain, _) = json_in(dir.path(), args);
        let (mut masked, _) = json_in(dir.path(), &[args, &["--mask-buyers"]].concat());
        masked.as_object_mut().unwrap().remove("buyers_masked");
        assert_eq!(masked, plain, "{}", args[0]);
    }
    let (v, _) = json_in(dir.path(), &["commission", &orders, "--chats", &chats, "--mask-buyers"]);
    assert_money(agent_row(&v, "小王"), "commission", 2.0);
    assert_money(agent_row(&v, "小李"), "commission", 4.0);
    assert_money(&v["unattributed"], "net", 50.0);

    // inspect shows the problem's cell masked too.
    let r = run_in(dir.path(), &["inspect", &chats, "--mask-buyers"]);
    assert_eq!(r.code, Some(0));
    assert!(r.stdout.contains("“t***2#2”") && !r.stdout.contains("tb_72"), "{}", r.stdout);
}
