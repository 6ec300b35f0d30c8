//! The history store and the comparisons it feeds (issue 14), on fixtures/history: one
//! self-contained day per file pair (figures derived in fixtures/history/EXPECTED.md).

use crate::common::{bin, fx, num, run_in, run_in_keeping_history, scratch, sheet_text, stdout_json};
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
    stdout_json(&r)
}

fn export(dir: &Path, db: &str) -> Vec<Vec<String>> {
    let r = run_in(dir, &["history", "export", "--history", db, "--format", "csv"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    r.stdout.lines().skip(1).map(|l| l.split(',').map(str::to_string).collect()).collect()
}

#[test]
fn consecutive_days_compare_with_the_day_before_the_week_before_and_the_month() {
    let dir = scratch();
    let mut last = Value::Null;
    for k in 1..=8 {
        last = daily(dir.path(), "h.db", k);
    }
    let c = &last["comparisons"];
    // Exported to a file, the CSV is Excel's: a BOM and CRLF, the same rows as on stdout.
    let r = run_in(dir.path(), &["history", "export", "--history", "h.db", "-o", "h.csv"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let file = std::fs::read_to_string(dir.path().join("h.csv")).unwrap();
    assert!(file.starts_with("\u{feff}shop,day,kind,agent"), "{file:?}");
    assert_eq!(file.matches('\n').count(), file.matches("\r\n").count(), "CRLF line ends: {file:?}");
    assert_eq!(file.lines().count(), export(dir.path(), "h.db").len() + 1);
    assert_eq!(c["references"]["day_before"]["source"], "history");
    assert_eq!(c["references"]["week_before"]["from"], "2026-10-01");
    assert_eq!(c["references"]["month_to_date"]["days"], 8);
    let team = &c["team"];
    // Day 8: 6 inquiring buyers, 2 paid, 350.00; day 7 and day 1: 5, 3, 550.00.
    assert_eq!(team["current"]["inquiries"], 6);
    assert_eq!(team["current"]["paid_buyers"], 2);
    assert_eq!(num(&team["current"]["sales"]), 350.0);
    for r in ["day_before", "week_before"] {
        assert_eq!(team[r]["inquiries"], 5, "{r}");
        assert_eq!(team[r]["paid_buyers"], 3, "{r}");
        assert_eq!(num(&team[r]["sales"]), 550.0, "{r}");
        // 2/6 − 3/5 = −26.67 points; (350 − 550) / 550 = −36.36 %.
        assert_eq!(num(&team[format!("{r}_change")]["conversion_pt"]), -26.7);
        assert_eq!(num(&team[format!("{r}_change")]["sales_pct"]), -36.4);
    }
    // Month to date: Σ of days 1–8, 41 inquiring buyers (per day), 20 paid, 3600.00.
    assert_eq!(team["month_to_date"]["inquiries"], 41);
    assert_eq!(team["month_to_date"]["paid_buyers"], 20);
    assert_eq!(num(&team["month_to_date"]["sales"]), 3600.0);
    let wang = &c["agents"]["小王"];
    // 小王 day 8: 4 inquiries, 1 paid (25%); day 7: 3, 2 (66.7%): −41.7 points, sales 200 vs 400.
    assert_eq!(wang["current"]["inquiries"], 4);
    assert_eq!(wang["day_before"]["paid_buyers"], 2);
    assert_eq!(num(&wang["day_before_change"]["conversion_pt"]), -41.7);
    assert_eq!(num(&wang["day_before_change"]["sales_pct"]), -50.0);
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
    let dir = scratch();
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
    let together = stdout_json(&r);
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
    let dir = scratch();
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
    let dir = scratch();
    let bin = bin();
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
    let dir = scratch();
    let db = dir.path().join("broken.db");
    std::fs::write(&db, b"this is not sqlite at all, just some garbage bytes....................................")
        .unwrap();
    let (chats, orders) = day(2);
    let r = run_in(dir.path(), &["daily", &chats, "--orders", &orders, "--history", "broken.db", "-o", "d.xlsx"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stderr.contains("历史文件 broken.db：不是 cs-tools 的历史文件"), "{}", r.stderr);
    let r = run_in(
        dir.path(),
        &["daily", &chats, "--orders", &orders, "--history", "broken.db", "-o", "d.xlsx", "--lang", "en"],
    );
    assert!(r.stderr.contains("broken.db") && r.stderr.contains("not a cs-tools history"), "{}", r.stderr);
    assert!(dir.path().join("d.xlsx").is_file());
    // Left as it was.
    assert!(std::fs::read(&db).unwrap().starts_with(b"this is not sqlite"));
}

#[test]
fn no_config_and_no_history_flag_keeps_nothing_a_config_keeps_it_beside_itself() {
    let dir = scratch();
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
    let list = run_in_keeping_history(dir.path(), &["history", "list", "--lang", "en"]);
    assert!(list.stdout.contains("2026-10-01 – 2026-10-01") && list.stdout.contains("小李, 小王"), "{}", list.stdout);
    let forget = run_in_keeping_history(
        dir.path(),
        &["history", "forget", "--from", "2026-10-01", "--to", "2026-10-31", "--lang", "en"],
    );
    assert!(forget.stdout.contains("forgot 2 rows"), "{}", forget.stdout);
    assert!(run_in_keeping_history(dir.path(), &["history", "list", "--lang", "en"]).stdout.contains("nothing stored"));
    assert_eq!(run_in_keeping_history(dir.path(), &["history", "list"]).stdout, "历史文件 cs-tools.db\n没有任何记录\n");
}

#[test]
fn an_imported_past_month_gives_report_its_month_over_month() {
    let dir = scratch();
    let r = run_in(
        dir.path(),
        &["history", "import", &fx("history/chats_09.csv"), &fx("history/orders_09.csv"), "--history", "h.db"],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stdout.starts_with("已为店铺“木子家居旗舰店”导入 2 天的转化数据"), "{}", r.stdout);
    let mut args: Vec<String> = vec!["report".into()];
    for k in 1..=8 {
        let (c, o) = day(k);
        args.extend([c, o]);
    }
    args.extend(["--month", "2026-10", "--history", "h.db", "--format", "json"].map(String::from));
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    let r = run_in(dir.path(), &argv);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let v = stdout_json(&r);
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
    assert_eq!(num(&team["previous_month"]["sales"]), 1100.0);
    assert_eq!(team["current"]["inquiries"], 41);
    // Conversion as it is: 20/41 − 6/12 = −1.22 points. Sales per day (8 of 31 days against 2
    // of 30): 3600 / 8 = 450 against 1100 / 2 = 550, −18.18 % (the two totals, +227.3 %, were
    // a month of 8 days against one of 2).
    assert_eq!(num(&team["previous_month_change"]["conversion_pt"]), -1.2);
    assert_eq!(num(&team["previous_month_change"]["sales_pct"]), -18.2);
    assert_eq!(num(&team["current_per_day"]["sales"]), 450.0);
    assert_eq!(num(&team["previous_month_per_day"]["sales"]), 550.0);
    // Inquiring buyers per day 41 / 8 = 5.125 against 12 / 2 = 6: −14.58 %.
    assert_eq!(num(&team["current_per_day"]["inquiries"]), 5.13);
    assert_eq!(num(&team["previous_month_change"]["inquiries_pct"]), -14.6);
}

/// `history import` of November's files (all 30 days, or `--from/--to` a part) into `db`.
fn import_november(dir: &Path, db: &str, part: &[&str]) {
    let mut args = vec!["history", "import"];
    let (c, o) = (fx("history/chats_11.csv"), fx("history/orders_11.csv"));
    args.extend([c.as_str(), o.as_str(), "--history", db]);
    args.extend(part);
    let r = run_in(dir, &args);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
}

/// `COMMAND` on December's two days of files with the history `db`, and `extra` arguments.
fn december(dir: &Path, command: &str, db: &str, extra: &[&str]) -> String {
    let (c, o) = (fx("history/chats_12.csv"), fx("history/orders_12.csv"));
    let mut args = vec![command, c.as_str(), "--orders", o.as_str(), "--month", "2026-12", "--history", db];
    if command == "report" {
        args.retain(|a| *a != "--orders");
    }
    args.extend(extra);
    let r = run_in(dir, &args);
    assert_eq!(r.code, Some(0), "{command}: {}", r.stderr);
    r.stdout
}

fn december_json(dir: &Path, command: &str, db: &str) -> Value {
    serde_json::from_str(&december(dir, command, db, &["--format", "json"])).unwrap()
}

#[test]
fn a_month_on_two_days_compares_per_day_with_a_whole_month_before() {
    let dir = scratch();
    import_november(dir.path(), "h.db", &[]);
    let v = december_json(dir.path(), "report", "h.db");
    let m = &v["month_comparison"];
    // Each side's days: December 2 of 31 (the inputs), November 30 of 30 (the history).
    assert_eq!(m["current"]["days"], 2);
    assert_eq!(m["current"]["period_days"], 31);
    let prev = &m["references"]["previous_month"];
    assert_eq!((&prev["days"], &prev["period_days"], &prev["per_day"]), (&30.into(), &30.into(), &true.into()));
    assert_eq!(prev["counts"], "sum_of_days");
    let team = &m["team"];
    // November: 360 inquiring buyers (Σ of days), 190 paid, 35000.00; December: 37, 20, 3800.00.
    assert_eq!(team["previous_month"]["inquiries"], 360);
    assert_eq!(team["previous_month"]["paid_buyers"], 190);
    assert_eq!(num(&team["previous_month"]["sales"]), 35000.0);
    assert_eq!(team["current"]["inquiries"], 37);
    assert_eq!(num(&team["current"]["sales"]), 3800.0);
    // Per day: 18.5 / 10 / 1900.00 against 12 / 6.33 / 1166.67.
    assert_eq!(num(&team["current_per_day"]["inquiries"]), 18.5);
    assert_eq!(num(&team["current_per_day"]["sales"]), 1900.0);
    assert_eq!(num(&team["previous_month_per_day"]["inquiries"]), 12.0);
    assert_eq!(num(&team["previous_month_per_day"]["paid_buyers"]), 6.33);
    assert_eq!(num(&team["previous_month_per_day"]["sales"]), 1166.67);
    let ch = &team["previous_month_change"];
    // (18.5 − 12) / 12 = +54.17 %, (10 − 6.333) / 6.333 = +57.89 %, (1900 − 1166.67) / 1166.67
    // = +62.86 % (the totals would say −89.1 %); conversion 20/37 − 190/360 = +1.28 points.
    assert_eq!(num(&ch["inquiries_pct"]), 54.2);
    assert_eq!(num(&ch["paid_buyers_pct"]), 57.9);
    assert_eq!(num(&ch["sales_pct"]), 62.9);
    assert_eq!(num(&ch["conversion_pt"]), 1.3);
    let wang = &m["agents"]["小王"];
    // 小王: 29 inquiring, 16 paid, 3200.00 against 240, 130, 26000.00: per day 14.5 vs 8
    // (+81.25 %), 8 vs 4.33 (+84.6 %), 1600 vs 866.67 (+84.6 %); 16/29 − 130/240 = +1.0 pt.
    assert_eq!(wang["current"]["inquiries"], 29);
    assert_eq!(num(&wang["previous_month_change"]["inquiries_pct"]), 81.3);
    assert_eq!(num(&wang["previous_month_change"]["sales_pct"]), 84.6);
    assert_eq!(num(&wang["previous_month_change"]["conversion_pt"]), 1.0);

    // The sheet: each side's days on the first row, a per-day row under each count and money.
    let out = dir.path().join("r.xlsx");
    december(dir.path(), "report", "h.db", &["-o", out.to_str().unwrap(), "--lang", "en"]);
    let rows = sheet_text(&out, "Month over month");
    let header = &rows[0];
    assert_eq!(header[2], "This period");
    assert!(header[3].starts_with("Previous month (2026-11-01 – 2026-11-30)"), "{header:?}");
    assert_eq!(rows[1][1..], ["Days covered", "2 of 31 days", "30 of 30 days", "compared per day"], "{rows:?}");
    let row = |who: &str, what: &str| {
        rows.iter().find(|r| r[0] == who && r[1] == what).unwrap_or_else(|| panic!("{who} {what}: {rows:?}")).clone()
    };
    assert_eq!(row("Team", "Sales")[2..], ["3800", "35000", "see per day"]);
    assert_eq!(row("Team", "Sales (per day)")[2..], ["1900", "1166.67", "▲ 62.9%"]);
    assert_eq!(row("Team", "Inquiries (per day)")[2..], ["18.5", "12", "▲ 54.2%"]);
    assert_eq!(row("Team", "Inquirers who paid (per day)")[2..], ["10", "6.33", "▲ 57.9%"]);
    assert_eq!(row("Team", "Conversion")[4], "▲ 1.3pt");
    assert_eq!(row("小王", "Inquiries")[2..4], ["29", "240"]);
    // The Overview says each side's coverage beside the month's change.
    let overview = sheet_text(&out, "Overview");
    let covered = overview.iter().find(|r| r[0] == "vs previous month · Days covered").expect("coverage row");
    assert_eq!(covered[1], "December: 2 of 31 days; November: 30 of 30 days, compared per day");
    let sales = overview.iter().find(|r| r[0].starts_with("vs previous month · Sales")).expect("sales change");
    assert_eq!(sales[1], "▲ 62.9% (per day)");
}

#[test]
fn a_month_on_two_days_compares_per_day_with_a_month_before_only_partly_in_the_history() {
    let dir = scratch();
    import_november(dir.path(), "h.db", &["--from", "2026-11-01", "--to", "2026-11-10"]);
    let v = december_json(dir.path(), "report", "h.db");
    let m = &v["month_comparison"];
    let prev = &m["references"]["previous_month"];
    assert_eq!((&prev["days"], &prev["period_days"], &prev["per_day"]), (&10.into(), &30.into(), &true.into()));
    let team = &m["team"];
    // November 1–10: 140 inquiring buyers, 70 paid, 13000.00: per day 14, 7, 1300.00, against
    // December's 18.5, 10, 1900.00: +32.14 %, +42.86 %, +46.15 %; 20/37 − 70/140 = +4.05 points.
    assert_eq!(team["previous_month"]["inquiries"], 140);
    assert_eq!(num(&team["previous_month_per_day"]["sales"]), 1300.0);
    let ch = &team["previous_month_change"];
    assert_eq!(num(&ch["inquiries_pct"]), 32.1);
    assert_eq!(num(&ch["paid_buyers_pct"]), 42.9);
    assert_eq!(num(&ch["sales_pct"]), 46.2);
    assert_eq!(num(&ch["conversion_pt"]), 4.1);
    // 小王: 29 against 100 (10 days): 14.5 vs 10 per day, +45.0 %; 16/29 − 50/100 = +5.17 points.
    let wang = &m["agents"]["小王"];
    assert_eq!(num(&wang["previous_month_change"]["inquiries_pct"]), 45.0);
    assert_eq!(num(&wang["previous_month_change"]["conversion_pt"]), 5.2);

    // In Chinese: the sheet's first row and its note, the Overview's coverage row.
    let out = dir.path().join("r.xlsx");
    december(dir.path(), "report", "h.db", &["-o", out.to_str().unwrap()]);
    let rows = sheet_text(&out, "月环比");
    assert_eq!(rows[1][1..], ["覆盖天数", "2/31 天", "10/30 天", "按日均比较"], "{rows:?}");
    let sales = rows.iter().find(|r| r[0] == "团队" && r[1] == "销售额（日均）").expect("per-day sales");
    assert_eq!(sales[2..], ["1900", "1300", "▲ 46.2%"]);
    let overview = sheet_text(&out, "总览");
    let covered = overview.iter().find(|r| r[0] == "月环比 · 覆盖天数").expect("coverage row");
    assert_eq!(covered[1], "12月：2/31 天；11月：10/30 天，按日均比较");
}

#[test]
fn the_current_side_is_the_runs_own_figures_not_its_days_added_up() {
    let dir = scratch();
    import_november(dir.path(), "h.db", &[]);
    // 小王's buyers 13–15 ask on 1 and 2 December: 16 + 16 = 32 a day at a time, 29 distinct
    // buyers over the month, as the main rows count them.
    let v = december_json(dir.path(), "conversion", "h.db");
    let row = v["rows"].as_array().unwrap().iter().find(|r| r["agent"] == "小王").expect("小王's row");
    assert_eq!(row["inquiries"], 29);
    let m = &v["month_comparison"];
    for field in ["inquiries", "paid_buyers", "sales", "conversion"] {
        assert_eq!(m["agents"]["小王"]["current"][field], row[field], "小王 {field}");
        assert_eq!(m["team"]["current"][field], v["totals"][field], "team {field}");
    }
    assert_eq!(m["team"]["current"]["inquiries"], 37);
    // The history keeps the days as they are: 16 on each day.
    let exported = export(dir.path(), "h.db");
    let wang_dec: Vec<&Vec<String>> =
        exported.iter().filter(|r| r[1].starts_with("2026-12") && r[3] == "小王" && r[2] == "conversion").collect();
    let per_day: Vec<u64> = wang_dec.iter().map(|r| r[6].parse().unwrap()).collect();
    assert_eq!(per_day, [16, 16]);
    // report: the same current side as its Overview's figures.
    let v = december_json(dir.path(), "report", "h.db");
    let team = &v["month_comparison"]["team"]["current"];
    for field in ["inquiries", "paid_buyers", "sales", "conversion"] {
        assert_eq!(team[field], v["totals"][field], "report team {field}");
    }
    assert_eq!(v["month_comparison"]["agents"]["小王"]["current"]["inquiries"], 29);
    // The xlsx: the comparison's 小王 row says 29, as the Conversion sheet.
    let out = dir.path().join("c.xlsx");
    december(dir.path(), "conversion", "h.db", &["-o", out.to_str().unwrap(), "--lang", "en"]);
    let rows = sheet_text(&out, "Month over month");
    let wang = rows.iter().find(|r| r[0] == "小王" && r[1] == "Inquiries").expect("小王 inquiries");
    assert_eq!(wang[2], "29");
}

#[test]
fn the_group_chat_summary_says_each_sides_days_beside_a_per_day_change() {
    let dir = scratch();
    import_november(dir.path(), "h.db", &[]);
    let md = december(dir.path(), "conversion", "h.db", &["--format", "markdown"]);
    assert!(md.contains("- 询单人数：37（月环比 ▲ 54.2%（日均；12月：2/31 天；11月：30/30 天））"), "{md}");
    assert!(md.contains("- 询单转化率：54.1%（月环比 ▲ 1.3pt（12月：2/31 天；11月：30/30 天））"), "{md}");
    let text = december(dir.path(), "conversion", "h.db", &["--format", "text", "--lang", "en"]);
    assert!(
        text.contains(
            "Sales incl. unattributed: ¥3,800.00 (vs previous month ▲ 62.9% (per day; December: 2 of 31 days; November: 30 of 30 days))"
        ),
        "{text}"
    );
}

#[test]
fn a_month_before_partly_in_the_inputs_compares_per_day_as_one_from_the_history() {
    let dir = scratch();
    let mut args: Vec<String> = vec!["report".into(), fx("history/chats_09.csv"), fx("history/orders_09.csv")];
    for k in 1..=8 {
        let (c, o) = day(k);
        args.extend([c, o]);
    }
    args.extend(["--month", "2026-10", "--no-history", "--format", "json"].map(String::from));
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    let r = run_in(dir.path(), &argv);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let v = stdout_json(&r);
    let m = &v["month_comparison"];
    let prev = &m["references"]["previous_month"];
    // September 10 and 20 from the inputs: 2 of 30 days; October 1–8: 8 of 31.
    assert_eq!((&prev["source"], &prev["days"], &prev["period_days"]), (&"input".into(), &2.into(), &30.into()));
    assert_eq!((&m["current"]["days"], &m["current"]["period_days"]), (&8.into(), &31.into()));
    // As from the history: sales 450.00 a day against 550.00, −18.2 %; conversion −1.2 points.
    assert_eq!(num(&m["team"]["previous_month_change"]["sales_pct"]), -18.2);
    assert_eq!(num(&m["team"]["previous_month_change"]["conversion_pt"]), -1.2);
}

/// `COMMAND` on the whole-month files of `month` (`09` or `10`) with the history `db`.
fn whole_month(dir: &Path, command: &str, month: &str, db: &str, extra: &[&str]) -> String {
    let (c, o) = (fx(&format!("history/chats_{month}_month.csv")), fx(&format!("history/orders_{month}_month.csv")));
    let period = format!("2026-{month}");
    let mut args = vec![command, c.as_str(), "--orders", o.as_str(), "--month", period.as_str(), "--history", db];
    if command == "report" {
        args.retain(|a| *a != "--orders");
    }
    args.extend(extra);
    let r = run_in(dir, &args);
    assert_eq!(r.code, Some(0), "{command} {month}: {}", r.stderr);
    r.stdout
}

fn whole_month_json(dir: &Path, command: &str, month: &str, db: &str) -> Value {
    serde_json::from_str(&whole_month(dir, command, month, db, &["--format", "json"])).unwrap()
}

#[test]
fn a_whole_month_run_keeps_its_distinct_buyers_and_the_next_month_compares_with_them() {
    let dir = scratch();
    // September run as a whole month: 小王 30 new buyers + 15 who ask on two days = 45 distinct
    // (60 a day at a time); 小李 30; team 75 (90 a day at a time), 45 paid, 8250.00.
    let sep = whole_month_json(dir.path(), "conversion", "09", "h.db");
    assert_eq!(sep["totals"]["inquiries"], 75);
    // A rerun of the month replaces its month figures (one set, the same).
    let sep = whole_month_json(dir.path(), "conversion", "09", "h.db");
    let sep_wang = sep["rows"].as_array().unwrap().iter().find(|r| r["agent"] == "小王").expect("小王's row");
    assert_eq!(sep_wang["inquiries"], 45);
    // The days are kept as they are (2 a day for 小王) and the export holds the days only.
    let exported = export(dir.path(), "h.db");
    assert_eq!(exported.len(), 60, "{exported:?}");
    assert!(exported.iter().all(|r| r[1].len() == 10 && r[1].starts_with("2026-09-")), "{exported:?}");
    let wang_days: u64 = exported.iter().filter(|r| r[3] == "小王").map(|r| r[6].parse::<u64>().unwrap()).sum();
    assert_eq!(wang_days, 60);
    let list = run_in(dir.path(), &["history", "list", "--history", "h.db", "--lang", "en"]);
    assert!(list.stdout.contains("whole months (buyers counted once a month): 2026-09"), "{}", list.stdout);
    let list = run_in(dir.path(), &["history", "list", "--history", "h.db"]);
    assert!(list.stdout.contains("  整月数据（买家按月去重）：2026-09\n"), "{}", list.stdout);

    // October, whole too: 小王 31 + 16 = 47, 31 paid, 6200.00; team 78, 47, 8600.00.
    let oct = whole_month_json(dir.path(), "report", "10", "h.db");
    let m = &oct["month_comparison"];
    let prev = &m["references"]["previous_month"];
    assert_eq!(
        (&prev["source"], &prev["counts"], &prev["per_day"]),
        (&"history".into(), &"period".into(), &false.into())
    );
    assert_eq!((&prev["days"], &prev["period_days"]), (&30.into(), &30.into()));
    // The September side is September's own main rows, not its days added up (90).
    for field in ["inquiries", "paid_buyers", "sales", "conversion"] {
        assert_eq!(m["team"]["previous_month"][field], sep["totals"][field], "team {field}");
        assert_eq!(m["agents"]["小王"]["previous_month"][field], sep_wang[field], "小王 {field}");
    }
    assert_eq!(m["team"]["previous_month"]["inquiries"], 75);
    assert_eq!(m["team"]["current"]["inquiries"], 78);
    let ch = &m["team"]["previous_month_change"];
    // (78 − 75) / 75 = +4.0 %; (47 − 45) / 45 = +4.44 %; 47/78 − 45/75 = +0.26 pt; (8600 −
    // 8250) / 8250 = +4.24 %. A day-summed September would read −13.3 % and +10.3 pt.
    assert_eq!(num(&ch["inquiries_pct"]), 4.0);
    assert_eq!(num(&ch["paid_buyers_pct"]), 4.4);
    assert_eq!(num(&ch["conversion_pt"]), 0.3);
    assert_eq!(num(&ch["sales_pct"]), 4.2);
    // 小王: (47 − 45) / 45 = +4.4 %; 31/47 − 30/45 = −0.71 pt.
    let wang = &m["agents"]["小王"]["previous_month_change"];
    assert_eq!(num(&wang["inquiries_pct"]), 4.4);
    assert_eq!(num(&wang["conversion_pt"]), -0.7);

    // The Overview names how the month before counts its buyers; the sheet shows 45 for 小王.
    let out = dir.path().join("r.xlsx");
    whole_month(dir.path(), "report", "10", "h.db", &["-o", out.to_str().unwrap()]);
    let overview = sheet_text(&out, "总览");
    let head = overview.iter().find(|r| r[0].starts_with("上月 (2026-09-01")).expect("month before row");
    assert_eq!(head[1], "按月去重");
    let rows = sheet_text(&out, "月环比");
    let inq = rows.iter().find(|r| r[0] == "小王" && r[1] == "询单人数").expect("小王 inquiries");
    assert_eq!(inq[2..5], ["47", "45", "▲ 4.4%"], "{inq:?}");
}

#[test]
fn a_history_without_month_figures_compares_the_days_added_up() {
    let dir = scratch();
    // September's days imported (no month figures), then the file made one of the first
    // schema: no month table at all.
    let (c, o) = (fx("history/chats_09_month.csv"), fx("history/orders_09_month.csv"));
    let r = run_in(dir.path(), &["history", "import", &c, &o, "--history", "h.db"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let db = dir.path().join("h.db");
    rusqlite::Connection::open(&db).unwrap().execute_batch("DROP TABLE month_figures").unwrap();

    let oct = whole_month_json(dir.path(), "conversion", "10", "h.db");
    let m = &oct["month_comparison"];
    let prev = &m["references"]["previous_month"];
    assert_eq!(
        (&prev["source"], &prev["counts"], &prev["days"]),
        (&"history".into(), &"sum_of_days".into(), &30.into())
    );
    // September's days added up: 小王 2 a day = 60, 小李 30, team 90; 45 paid, 8250.00.
    let team = &m["team"];
    assert_eq!(team["previous_month"]["inquiries"], 90);
    assert_eq!(team["previous_month"]["paid_buyers"], 45);
    assert_eq!(m["agents"]["小王"]["previous_month"]["inquiries"], 60);
    // (78 − 90) / 90 = −13.3 %; 47/78 − 45/90 = +10.26 pt; 小王 (47 − 60) / 60 = −21.67 %.
    assert_eq!(num(&team["previous_month_change"]["inquiries_pct"]), -13.3);
    assert_eq!(num(&team["previous_month_change"]["conversion_pt"]), 10.3);
    assert_eq!(num(&m["agents"]["小王"]["previous_month_change"]["inquiries_pct"]), -21.7);
    // The file got its month table back, and October (whole) its month figures.
    let n: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT count(*) FROM month_figures WHERE month = '2026-10'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 2);

    let out = dir.path().join("r.xlsx");
    whole_month(dir.path(), "report", "10", "h.db", &["-o", out.to_str().unwrap(), "--lang", "en"]);
    let overview = sheet_text(&out, "Overview");
    let head = overview.iter().find(|r| r[0].starts_with("Previous month (2026-09-01")).expect("month before row");
    assert_eq!(head[1], "sum of days");
}

#[test]
fn a_day_of_the_month_recorded_again_or_forgotten_drops_its_month_figures() {
    let dir = scratch();
    whole_month(dir.path(), "conversion", "09", "h.db", &["-q"]);
    // daily on 15 September: the day replaced, the month's figures no longer its own.
    let (c, o) = (fx("history/chats_09_month.csv"), fx("history/orders_09_month.csv"));
    let r = run_in(dir.path(), &["daily", &c, "--orders", &o, "--day", "2026-09-15", "--history", "h.db", "-q"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let oct = whole_month_json(dir.path(), "conversion", "10", "h.db");
    let prev = &oct["month_comparison"]["references"]["previous_month"];
    assert_eq!(prev["counts"], "sum_of_days");
    assert_eq!(oct["month_comparison"]["team"]["previous_month"]["inquiries"], 90);

    // A rerun of September brings them back; forgetting a day of it drops them with the day.
    whole_month(dir.path(), "conversion", "09", "h.db", &["-q"]);
    let oct = whole_month_json(dir.path(), "conversion", "10", "h.db");
    assert_eq!(oct["month_comparison"]["team"]["previous_month"]["inquiries"], 75);
    let r =
        run_in(dir.path(), &["history", "forget", "--from", "2026-09-30", "--to", "2026-09-30", "--history", "h.db"]);
    assert_eq!(r.stdout, "已从 h.db 删除 2026-09-30 至 2026-09-30 的 2 行，以及这些月份的整月数据（2 行）\n");
    let oct = whole_month_json(dir.path(), "conversion", "10", "h.db");
    let m = &oct["month_comparison"];
    assert_eq!(m["references"]["previous_month"]["counts"], "sum_of_days");
    assert_eq!(m["references"]["previous_month"]["days"], 29);
}

#[test]
fn history_list_without_a_history_says_where_it_would_be() {
    let dir = scratch();
    let r = run_in_keeping_history(dir.path(), &["history", "list"]);
    assert_eq!(r.code, Some(1));
    assert_eq!(
        r.stderr,
        "cs-tools: 没有历史文件：请给出 --history PATH，或在 cs-tools.toml 所在的文件夹运行（`cs-tools init` 可以写一个）；历史文件是它旁边的 cs-tools.db\n"
    );
    let r = run_in(dir.path(), &["history", "list", "--history", "none.db"]);
    assert_eq!(
        r.stderr,
        "cs-tools: 历史文件 none.db：这里还没有历史数据：运行 daily、conversion、commission 或 report 时会写入\n"
    );
    let r = run_in(dir.path(), &["history", "list", "--history", "none.db", "--lang", "en"]);
    assert_eq!(
        r.stderr,
        "cs-tools: history none.db: no history here yet: runs of daily, conversion, commission and report fill it\n"
    );
}

#[test]
fn import_lists_its_row_problems_without_speaking_of_a_format_it_does_not_have() {
    // fixtures/EXPECTED.md: taobao_orders_gbk.csv has two bad rows (12: "abc", 17: a duplicate).
    let dir = scratch();
    let orders = fx("taobao_orders_gbk.csv");
    let r = run_in(dir.path(), &["history", "import", &orders, "--history", "h.db"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(r.stderr, "2 行有问题：这些行没有记入历史；用 `cs-tools inspect FILES…` 查看\n");
    let r = run_in(dir.path(), &["history", "import", &orders, "--history", "h2.db", "--lang", "en"]);
    assert_eq!(r.stderr, "2 row problems: not recorded in the history; see them with `cs-tools inspect FILES…`\n");
}
