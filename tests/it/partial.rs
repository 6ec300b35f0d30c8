//! A month as it goes wrong (fixtures/partial, figures worked in its EXPECTED.md): two days
//! given as a month, chats a day past the orders, chats without orders. Each gives the right
//! figures with what it covers said, or stops naming the files and dates; never a confident 0.

use crate::common::{fx, json, run, run_in, scratch, sheet_names, sheet_text, sheet_text_with_title};

const TWO_DAYS: &str = "partial/orders_1001_1002.csv";
const THREE_DAYS_OF_CHATS: &str = "partial/chats_1001_1003.csv";
const COVERAGE_TITLE: &str = "数据覆盖：订单 2026-10-01 至 2026-10-02（2/31 天）";

#[test]
fn two_days_given_as_a_month_give_their_figures_and_say_two_of_thirty_one_days() {
    let (v, stderr) = json(&["commission", &fx(TWO_DAYS), "--month", "2026-10"]);
    let totals = &v["totals"];
    assert_eq!((totals["orders"].as_u64(), totals["paid"].as_f64()), (Some(23), Some(6246.37)));
    assert_eq!((totals["refund"].as_f64(), totals["net"].as_f64()), (Some(152.27), Some(6094.10)));
    assert!(stderr.contains("2026-10-03 至 2026-10-31"), "stderr names the days not covered: {stderr}");

    // The same orders over the two days they hold: the same money, nothing to say.
    let (whole, stderr) = json(&["commission", &fx(TWO_DAYS), "--from", "2026-10-01", "--to", "2026-10-02"]);
    assert_eq!(whole["totals"], v["totals"]);
    assert!(!stderr.contains("数据覆盖") && !stderr.contains("未覆盖"), "{stderr}");

    let dir = scratch();
    let r = run_in(dir.path(), &["commission", &fx(TWO_DAYS), "--month", "2026-10", "-o", "c.xlsx"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let book = dir.path().join("c.xlsx");
    for sheet in ["汇总", "明细", "问题", "规则"] {
        let title = title_of(&book, sheet);
        assert!(title.ends_with(COVERAGE_TITLE), "{sheet}'s title says the coverage: {title}");
    }
    let rules = sheet_text(&book, "规则");
    let line = rules.iter().find(|r| r[0] == "数据覆盖").expect("a coverage line in Rules");
    assert!(line[1].contains("2026-10-01 至 2026-10-02") && line[1].contains("31 天中的 2 天"), "{line:?}");
}

#[test]
fn daily_on_a_day_past_the_orders_stops_naming_the_dates_they_hold() {
    let r = run(&["daily", &fx(THREE_DAYS_OF_CHATS), "--orders", &fx(TWO_DAYS), "--format", "json"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    for what in ["2026-10-03", "2026-10-01 至 2026-10-02", "orders_1001_1002.csv", "chats_1001_1003.csv"] {
        assert!(r.stderr.contains(what), "the message names {what}: {}", r.stderr);
    }
    assert!(r.stdout.is_empty(), "nothing written: {}", r.stdout);
    let en = run(&["daily", &fx(THREE_DAYS_OF_CHATS), "--orders", &fx(TWO_DAYS), "--lang", "en", "-q"]);
    assert_eq!(en.code, Some(1));
    assert!(en.stderr.contains("run from 2026-10-01 to 2026-10-02 and do not reach 2026-10-03"), "{}", en.stderr);

    let (v, _) = json(&["daily", &fx(THREE_DAYS_OF_CHATS), "--orders", &fx(TWO_DAYS), "--day", "2026-10-02"]);
    assert_eq!(v["period"]["from"], "2026-10-02");
}

#[test]
fn conversion_over_days_the_orders_do_not_reach_lists_them() {
    let dir = scratch();
    let args = ["conversion", &fx(THREE_DAYS_OF_CHATS), "--orders", &fx(TWO_DAYS), "-o", "c.xlsx"];
    let r = run_in(dir.path(), &args);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stderr.contains("3 天中的 2 天") && r.stderr.contains("未覆盖：2026-10-03"), "{}", r.stderr);
    let title = title_of(&dir.path().join("c.xlsx"), "汇总");
    assert!(title.ends_with("数据覆盖：订单 2026-10-01 至 2026-10-02（2/3 天）"), "{title}");
}

#[test]
fn chats_without_orders_are_no_report_unless_asked_and_then_nothing_from_orders_is_zero() {
    let chats = fx("month/chats.csv");
    let r = run(&["report", &chats, "--month", "2026-10", "-q"]);
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains("没有订单表") && r.stderr.contains("--no-orders"), "{}", r.stderr);
    let r = run(&["scorecard", &chats, "--month", "2026-10", "-q"]);
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains("没有订单表") && r.stderr.contains("--orders"), "{}", r.stderr);

    let (v, _) = json(&["report", &chats, "--month", "2026-10", "--no-orders"]);
    let t = &v["totals"];
    for missing in ["sales", "paid", "commission", "paid_buyers", "conversion", "lost"] {
        assert!(t[missing].is_null(), "{missing} is missing, not 0: {t}");
    }
    assert_eq!((t["inquiries"].as_u64(), t["inquiry_receptions"].as_u64()), (Some(153), Some(158)));

    let dir = scratch();
    let r = run_in(dir.path(), &["report", &chats, "--month", "2026-10", "--no-orders", "-o", "r.xlsx"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stdout.contains("销售额 —，提成 —") && r.stdout.contains("未成交 —"), "{}", r.stdout);
    let book = dir.path().join("r.xlsx");
    let overview = sheet_text(&book, "总览");
    let value = |item: &str| overview.iter().find(|r| r[0] == item).map(|r| r[1].clone());
    assert_eq!(value("销售额(含未归属)").as_deref(), Some("—"));
    assert_eq!(value("询单转化率(团队)").as_deref(), Some("—"));
    assert_eq!(value("未成交询单(次)").as_deref(), Some("—"));
    assert!(value("订单").is_some_and(|v| v.contains("--no-orders")));
    let mut names = sheet_names(&book);
    names.sort();
    assert!(!names.iter().any(|n| n == "提成"), "no commission sheet without orders: {names:?}");

    let markdown = run(&["report", &chats, "--month", "2026-10", "--no-orders", "--format", "markdown"]);
    assert!(markdown.stdout.contains("询单转化率：—") && !markdown.stdout.contains("0.0%"), "{}", markdown.stdout);
}

#[test]
fn the_daily_trend_leaves_the_days_the_inputs_do_not_reach_blank() {
    let dir = scratch();
    let args = ["report", &fx(THREE_DAYS_OF_CHATS), &fx(TWO_DAYS), "--month", "2026-10", "-o", "r.xlsx"];
    let r = run_in(dir.path(), &args);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let book = dir.path().join("r.xlsx");
    assert!(title_of(&book, "总览").ends_with("聊天 2026-10-01 至 2026-10-03（3/31 天）"));
    let trend = sheet_text(&book, "每日趋势");
    // One row per day of October under the header; (date, inquiries, paid buyers, conversion,
    // sales): the 2nd has all; the 3rd has chats but no orders; the 4th has neither.
    assert_eq!(trend.len(), 1 + 31);
    let day = |n: usize| trend[n].clone();
    assert!(day(2)[1..].iter().all(|c| !c.is_empty()), "{:?}", day(2));
    let third = day(3);
    assert!(!third[1].is_empty() && third[2..].iter().all(String::is_empty), "{third:?}");
    assert!(day(4)[1..].iter().all(String::is_empty), "{:?}", day(4));
}

#[test]
fn lost_without_orders_says_so_on_its_reasons_sheet() {
    let dir = scratch();
    let r = run_in(dir.path(), &["lost", &fx(THREE_DAYS_OF_CHATS), "-o", "l.xlsx"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let title = title_of(&dir.path().join("l.xlsx"), "未成交原因");
    assert!(title.contains("未提供订单（--orders）"), "{title}");
}

#[test]
fn the_output_name_chooses_the_format_and_a_mismatch_is_refused() {
    let dir = scratch();
    let r = run_in(dir.path(), &["commission", &fx(TWO_DAYS), "-o", "payroll.csv"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let csv = std::fs::read_to_string(dir.path().join("payroll.csv")).unwrap();
    assert!(csv.starts_with("\u{feff}客服,订单数"), "a CSV with a BOM for Excel: {csv}");
    assert!(csv.contains("6094.10"), "{csv}");
    // Every line ends CRLF, as Excel on Windows writes them; none is a bare LF.
    assert!(csv.ends_with("\r\n") && csv.matches('\n').count() == csv.matches("\r\n").count(), "{csv:?}");
    let r = run_in(dir.path(), &["commission", &fx(TWO_DAYS), "-o", "x.json", "-q"]);
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.path().join("x.json")).unwrap()).unwrap();
    assert_eq!((r.code, v["totals"]["net"].as_f64()), (Some(0), Some(6094.10)));

    let r = run_in(dir.path(), &["commission", &fx(TWO_DAYS), "--format", "xlsx", "-o", "bad.csv"]);
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("bad.csv") && !dir.path().join("bad.csv").exists(), "{}", r.stderr);
}

#[test]
fn the_detail_sheet_shows_postage_and_base_when_postage_is_deducted() {
    let dir = scratch();
    std::fs::write(dir.path().join("cs-tools.toml"), "[commission]\ndeduct_postage = true\nrate = 0.02\n").unwrap();
    let args = ["commission", &fx("month/orders_gbk.csv"), "--chats", &fx("month/chats.csv"), "--month", "2026-10"];
    let r = run_in(dir.path(), &[&args[..], &["-o", "c.xlsx"]].concat());
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let book = dir.path().join("c.xlsx");
    let detail = sheet_text(&book, "明细");
    let col = |name: &str| detail[0].iter().position(|h| h == name).unwrap_or_else(|| panic!("no {name}"));
    let (net, postage, base, agent) = (col("净销售额"), col("邮费"), col("提成基数"), col("客服"));
    let money = |s: &str| s.parse::<f64>().unwrap_or(0.0);
    let mut by_agent = std::collections::BTreeMap::<String, f64>::new();
    for row in &detail[1..] {
        if row[agent].is_empty() {
            assert!(row[base].is_empty(), "an unattributed order adds to no base: {row:?}");
            continue;
        }
        let want = (money(&row[net]) - money(&row[postage])).max(0.0);
        assert!((money(&row[base]) - want).abs() < 0.005, "base = net − postage: {row:?}");
        *by_agent.entry(row[agent].clone()).or_default() += want;
    }
    assert!(detail[1..].iter().any(|r| money(&r[postage]) > 0.0), "some order has postage");
    let summary = sheet_text(&book, "汇总");
    let (s_agent, s_base) = (0, summary[0].iter().position(|h| h == "提成基数").unwrap());
    for (name, sum) in by_agent {
        let row = summary.iter().find(|r| r[s_agent] == name).unwrap();
        assert!((money(&row[s_base]) - sum).abs() < 0.005, "{name}: the detail's bases add up to the summary's");
    }
}

/// The title row of a sheet.
fn title_of(book: &std::path::Path, sheet: &str) -> String {
    sheet_text_with_title(book, sheet).first().and_then(|r| r.first()).cloned().unwrap_or_default()
}
