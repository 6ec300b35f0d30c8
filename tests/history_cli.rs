//! The history store and the comparisons it feeds (issue 14), on fixtures/history: one
//! self-contained day per file pair (figures derived in fixtures/history/EXPECTED.md).

mod common;

use common::{fx, run_in, run_in_keeping_history, sheet_text};
use serde_json::Value;
use std::path::Path;

fn day(k: u32) -> (String, String) {
    (fx(&format!("history/chats_10{k:02}.csv")), fx(&format!("history/orders_10{k:02}.csv")))
}

/// `daily` on day k's files, recording in `db`; the JSON it prints.
fn daily(dir: &Path, db: &str, k: u32) -> Value {
    let (chats, orders) = day(k);
    let r = run_in(dir, &["daily", &chats, "--orders", &orders, "--history", db, "--format", "json"]);
    assert_eq!(r.code, Some(0), "daily day {k}: {}", r.stderr);
    serde_json::from_str(&r.stdout).unwrap()
}

fn export(dir: &Path, db: &str) -> Vec<Vec<String>> {
    let r = run_in(dir, &["history", "export", "--history", db, "--format", "csv"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    r.stdout.lines().skip(1).map(|l| l.split(',').map(str::to_string).collect()).collect()
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

#[test]
fn consecutive_days_compare_with_the_day_before_the_week_before_and_the_month() {
    let dir = tempfile::tempdir().unwrap();
    let mut last = Value::Null;
    for k in 1..=8 {
        last = daily(dir.path(), "h.db", k);
    }
    let c = &last["comparisons"];
    assert_eq!(c["references"]["day_before"]["source"], "history");
    assert_eq!(c["references"]["week_before"]["from"], "2026-10-01");
    assert_eq!(c["references"]["month_to_date"]["days"], 8);
    let team = &c["team"];
    // Day 8: 6 inquiring buyers, 2 paid, 350.00; day 7 and day 1: 5, 3, 550.00.
    assert_eq!(team["current"]["inquiries"], 6);
    assert_eq!(team["current"]["paid_buyers"], 2);
    assert_eq!(f(&team["current"]["sales"]), 350.0);
    for r in ["day_before", "week_before"] {
        assert_eq!(team[r]["inquiries"], 5, "{r}");
        assert_eq!(team[r]["paid_buyers"], 3, "{r}");
        assert_eq!(f(&team[r]["sales"]), 550.0, "{r}");
        // 2/6 − 3/5 = −26.67 points; (350 − 550) / 550 = −36.36 %.
        assert_eq!(f(&team[format!("{r}_change")]["conversion_pt"]), -26.7);
        assert_eq!(f(&team[format!("{r}_change")]["sales_pct"]), -36.4);
    }
    // Month to date: Σ of days 1–8, 41 inquiring buyers (per day), 20 paid, 3600.00.
    assert_eq!(team["month_to_date"]["inquiries"], 41);
    assert_eq!(team["month_to_date"]["paid_buyers"], 20);
    assert_eq!(f(&team["month_to_date"]["sales"]), 3600.0);
    let wang = &c["agents"]["小王"];
    // 小王 day 8: 4 inquiries, 1 paid (25%); day 7: 3, 2 (66.7%): −41.7 points, sales 200 vs 400.
    assert_eq!(wang["current"]["inquiries"], 4);
    assert_eq!(wang["day_before"]["paid_buyers"], 2);
    assert_eq!(f(&wang["day_before_change"]["conversion_pt"]), -41.7);
    assert_eq!(f(&wang["day_before_change"]["sales_pct"]), -50.0);
    assert_eq!(wang["month_to_date"]["inquiries"], 25);
    assert_eq!(wang["month_to_date"]["paid_buyers"], 12);

    // The xlsx: the comparison sheet with the arrows.
    let (chats, orders) = day(8);
    let out = dir.path().join("d8.xlsx");
    let r = run_in(
        dir.path(),
        &["daily", &chats, "--orders", &orders, "--history", "h.db", "-o", out.to_str().unwrap(), "--lang", "en"],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let rows = sheet_text(&out, "Comparison");
    let conv = rows.iter().find(|r| r[0] == "Team" && r[1] == "Conversion").expect("team conversion row");
    assert_eq!(conv[4], "▼ 26.7pt", "{conv:?}");
    assert_eq!(conv[6], "▼ 26.7pt", "{conv:?}");
    let sales = rows.iter().find(|r| r[0] == "Team" && r[1] == "Sales").expect("team sales row");
    assert_eq!(sales[4], "▼ 36.4%", "{sales:?}");
}

#[test]
fn done_means_history_equals_a_run_on_all_the_days_together() {
    let dir = tempfile::tempdir().unwrap();
    let mut from_history = Value::Null;
    for k in 1..=8 {
        from_history = daily(dir.path(), "h.db", k);
    }
    let mut args: Vec<String> = vec!["daily".into()];
    let days: Vec<(String, String)> = (1..=8).map(day).collect();
    args.extend(days.iter().map(|d| d.0.clone()));
    args.push("--orders".into());
    args.extend(days.iter().map(|d| d.1.clone()));
    args.extend(["--day", "2026-10-08", "--no-history", "--format", "json"].map(String::from));
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    let r = run_in(dir.path(), &argv);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let together: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(together["comparisons"]["references"]["day_before"]["source"], "input");
    for who in ["team", "agents"] {
        for r in ["day_before", "week_before", "day_before_change", "week_before_change", "month_to_date"] {
            let pick = |v: &Value| {
                if who == "team" {
                    v["comparisons"]["team"][r].clone()
                } else {
                    Value::Array(["小王", "小李"].iter().map(|a| v["comparisons"]["agents"][a][r].clone()).collect())
                }
            };
            assert_eq!(pick(&from_history), pick(&together), "{who} {r}");
        }
    }
}

#[test]
fn rerunning_a_day_replaces_it() {
    let dir = tempfile::tempdir().unwrap();
    daily(dir.path(), "h.db", 1);
    let first = export(dir.path(), "h.db");
    daily(dir.path(), "h.db", 1);
    let again = export(dir.path(), "h.db");
    // One conversion row per agent for the day, with the same figures.
    assert_eq!(first.len(), 2);
    assert_eq!(again.len(), 2);
    let strip = |rows: &[Vec<String>]| rows.iter().map(|r| r[..26].to_vec()).collect::<Vec<_>>();
    assert_eq!(strip(&first), strip(&again));
    assert!(again.iter().all(|r| r[0] == "木子家居旗舰店" && r[1] == "2026-10-01"), "{again:?}");
}

#[test]
fn two_runs_at_once_both_land() {
    let dir = tempfile::tempdir().unwrap();
    let bin = assert_cmd::cargo::cargo_bin("cs-tools");
    let spawn = |k: u32| {
        let (chats, orders) = day(k);
        std::process::Command::new(&bin)
            .current_dir(dir.path())
            .args(["daily", &chats, "--orders", &orders, "--history", "h.db", "-q"])
            .spawn()
            .unwrap()
    };
    let (mut a, mut b) = (spawn(1), spawn(2));
    assert!(a.wait().unwrap().success());
    assert!(b.wait().unwrap().success());
    let rows = export(dir.path(), "h.db");
    let days: std::collections::BTreeSet<&str> = rows.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(days.into_iter().collect::<Vec<_>>(), ["2026-10-01", "2026-10-02"]);
    assert_eq!(rows.len(), 4);
}

#[test]
fn a_damaged_history_is_named_and_the_report_still_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("broken.db");
    std::fs::write(&db, b"this is not sqlite at all, just some garbage bytes....................................")
        .unwrap();
    let (chats, orders) = day(2);
    let r = run_in(dir.path(), &["daily", &chats, "--orders", &orders, "--history", "broken.db", "-o", "d.xlsx"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stderr.contains("broken.db") && r.stderr.contains("not a cs-tools history"), "{}", r.stderr);
    assert!(dir.path().join("d.xlsx").is_file());
    // Left as it was.
    assert!(std::fs::read(&db).unwrap().starts_with(b"this is not sqlite"));
}

#[test]
fn no_config_and_no_history_flag_keeps_nothing_a_config_keeps_it_beside_itself() {
    let dir = tempfile::tempdir().unwrap();
    let (chats, orders) = day(1);
    let r = run_in_keeping_history(dir.path(), &["daily", &chats, "--orders", &orders, "-q"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(!dir.path().join("cs-tools.db").exists());
    assert_eq!(run_in_keeping_history(dir.path(), &["init"]).code, Some(0));
    let r = run_in_keeping_history(dir.path(), &["daily", &chats, "--orders", &orders, "-q", "--no-history"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(!dir.path().join("cs-tools.db").exists());
    let r = run_in_keeping_history(dir.path(), &["daily", &chats, "--orders", &orders, "-q"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(dir.path().join("cs-tools.db").is_file());
    let list = run_in_keeping_history(dir.path(), &["history", "list"]);
    assert!(list.stdout.contains("2026-10-01 – 2026-10-01") && list.stdout.contains("小李, 小王"), "{}", list.stdout);
    let forget =
        run_in_keeping_history(dir.path(), &["history", "forget", "--from", "2026-10-01", "--to", "2026-10-31"]);
    assert!(forget.stdout.contains("forgot 2 rows"), "{}", forget.stdout);
    assert!(run_in_keeping_history(dir.path(), &["history", "list"]).stdout.contains("nothing stored"));
}

#[test]
fn an_imported_past_month_gives_report_its_month_over_month() {
    let dir = tempfile::tempdir().unwrap();
    let r = run_in(
        dir.path(),
        &["history", "import", &fx("history/chats_09.csv"), &fx("history/orders_09.csv"), "--history", "h.db"],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stdout.contains("imported 2 days"), "{}", r.stdout);
    let mut args: Vec<String> = vec!["report".into()];
    for k in 1..=8 {
        let (c, o) = day(k);
        args.extend([c, o]);
    }
    args.extend(["--month", "2026-10", "--history", "h.db", "--format", "json"].map(String::from));
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    let r = run_in(dir.path(), &argv);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    let m = &v["month_comparison"];
    assert_eq!(m["references"]["previous_month"]["source"], "history");
    assert_eq!(m["references"]["previous_month"]["days"], 2);
    assert_eq!(m["references"]["previous_month"]["period_days"], 30);
    assert_eq!(m["references"]["previous_month"]["per_day"], true);
    assert_eq!((&m["current"]["days"], &m["current"]["period_days"]), (&Value::from(8), &Value::from(31)));
    let team = &m["team"];
    // September: 12 inquiring buyers, 6 paid, 1100.00; October 1–8: 41, 20, 3600.00.
    assert_eq!(team["previous_month"]["inquiries"], 12);
    assert_eq!(team["previous_month"]["paid_buyers"], 6);
    assert_eq!(f(&team["previous_month"]["sales"]), 1100.0);
    assert_eq!(team["current"]["inquiries"], 41);
    // Conversion as it is: 20/41 − 6/12 = −1.22 points. Sales per day (8 of 31 days against 2
    // of 30): 3600 / 8 = 450 against 1100 / 2 = 550, −18.18 % (the two totals, +227.3 %, were
    // a month of 8 days against one of 2).
    assert_eq!(f(&team["previous_month_change"]["conversion_pt"]), -1.2);
    assert_eq!(f(&team["previous_month_change"]["sales_pct"]), -18.2);
    assert_eq!(f(&team["current_per_day"]["sales"]), 450.0);
    assert_eq!(f(&team["previous_month_per_day"]["sales"]), 550.0);
    // Inquiring buyers per day 41 / 8 = 5.125 against 12 / 2 = 6: −14.58 %.
    assert_eq!(f(&team["current_per_day"]["inquiries"]), 5.13);
    assert_eq!(f(&team["previous_month_change"]["inquiries_pct"]), -14.6);
}
