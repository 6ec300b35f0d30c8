//! Three shops in one run (fixtures/group/EXPECTED.md): buyers per shop, each person's
//! commission on their total, the 店铺 sheet and JSON `shops`, and each shop's run alone
//! giving its row of the combined run.

use crate::common::*;
use serde_json::Value;

const CONFIG: &str = "fixtures/group/group.toml";
const ALL: [&str; 5] = [
    "fixtures/group/tmall_orders_202610.csv",
    "fixtures/group/qianniu_202610.txt",
    "fixtures/group/jd_orders_202610.csv",
    "fixtures/group/pdd_orders_202610.csv",
    "fixtures/group/chats_202610.csv",
];

fn report(files: &[&str], config: &str) -> Value {
    let mut args = vec!["report"];
    args.extend(files);
    args.extend(["--month", "2026-10", "--config", config, "--no-history"]);
    json_here(&args)
}

fn commission(config: &str) -> Value {
    let mut args = vec!["commission", ALL[0], ALL[2], ALL[3], "--chats", ALL[1], ALL[4]];
    args.extend(["--month", "2026-10", "--config", config, "--no-history"]);
    json_here(&args)
}

/// A shop's row of JSON `shops`: (orders, paid, refund, net, unattributed net, inquiries,
/// paid buyers, conversion, first response, 3-minute rate, commission).
type ShopRow = (u64, f64, f64, f64, f64, u64, Option<u64>, Option<f64>, f64, f64, f64);

fn shop_row(v: &Value, shop: &str) -> ShopRow {
    let s = v["shops"].as_array().unwrap().iter().find(|s| s["shop"] == shop).unwrap_or_else(|| panic!("{shop}: {v}"));
    (
        s["orders"].as_u64().unwrap(),
        num(&s["paid"]),
        num(&s["refund"]),
        num(&s["net"]),
        num(&s["unattributed_net"]),
        s["inquiries"].as_u64().unwrap(),
        s["paid_buyers"].as_u64(),
        s["conversion"].as_f64(),
        num(&s["first_response_secs"]),
        num(&s["reply_3min_rate"]),
        num(&s["commission"]),
    )
}

/// (person, orders, net, commission, commission per shop in name order)
type Person = (&'static str, u64, f64, f64, &'static [(&'static str, f64)]);

fn near(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn each_person_is_paid_on_their_total_and_split_over_their_shops() {
    let v = commission(CONFIG);
    let expected: [Person; 6] = [
        ("王小明", 6, 3300.0, 56.0, &[("木子京东自营", 10.0), ("木子家居旗舰店", 30.0), ("木子拼多多店", 16.0)]),
        ("李娜", 4, 1307.0, 10.31, &[("木子京东自营", 2.76), ("木子家居旗舰店", 4.55), ("木子拼多多店", 3.0)]),
        ("阿杰", 2, 3200.0, 64.0, &[("木子家居旗舰店", 64.0)]),
        ("小李", 2, 351.0, 2.51, &[("木子京东自营", 1.0), ("木子拼多多店", 1.51)]),
        ("东东", 2, 600.0, 3.0, &[("木子京东自营", 3.0)]),
        ("小美", 2, 260.0, 2.6, &[("木子拼多多店", 2.6)]),
    ];
    for (person, orders, net, paid, shops) in expected {
        let row = agent_row(&v, person);
        assert_eq!(row["orders"].as_u64(), Some(orders), "{person}");
        assert!(near(num(&row["net"]), net) && near(num(&row["commission"]), paid), "{person}: {row}");
        let mut parts: Vec<(String, f64)> = row["shops"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p["shop"].as_str().unwrap().to_string(), num(&p["commission"])))
            .collect();
        parts.sort_by(|a, b| a.0.cmp(&b.0));
        let want: Vec<(String, f64)> = shops.iter().map(|(s, m)| (s.to_string(), *m)).collect();
        assert_eq!(parts, want, "{person}");
    }
    assert!(near(num(&v["totals"]["commission"]), 138.42));
    // The rate each shop's base was paid at: 王小明's total reaches 2%, JD's own tiers give 1%.
    let rates: Vec<(String, f64)> = agent_row(&v, "王小明")["shops"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["shop"].as_str().unwrap().to_string(), num(&p["rate"])))
        .collect();
    assert!(rates.contains(&("木子京东自营".to_string(), 0.01)) && rates.contains(&("木子拼多多店".to_string(), 0.02)));
    // amy_2026's 京东 order, 25 h after her 旗舰店 chat, joins no chat of another shop: 未归属
    // with the 京东 order nobody chatted about and the two 拼多多 orders without a memo.
    assert!(near(num(&v["unattributed"]["net"]), 730.0), "{}", v["unattributed"]);
    // With tiers per shop, 王小明's 3300 reaches 3000 in no shop.
    let v = commission("fixtures/group/group_shop_tiers.toml");
    assert!(near(num(&agent_row(&v, "王小明")["commission"]), 28.0));
    assert!(near(num(&v["totals"]["commission"]), 110.42));
}

#[test]
fn the_shops_sheet_compares_the_shops_and_adds_up_to_the_team() {
    let v = report(&ALL, CONFIG);
    let tmall = shop_row(&v, "木子家居旗舰店");
    assert_eq!(tmall, (8, 5505.5, 100.0, 5405.5, 250.0, 10, Some(6), Some(0.6), 86.0, 9.0 / 11.0, 98.55));
    let jd = shop_row(&v, "木子京东自营");
    assert_eq!(jd, (7, 2652.0, 0.0, 2652.0, 300.0, 8, Some(6), Some(0.75), 98.75, 7.0 / 9.0, 16.76));
    // 拼多多's orders name no buyer: no inquiry can be seen to pay, so conversion is missing.
    let pdd = shop_row(&v, "木子拼多多店");
    assert_eq!(pdd, (7, 1780.5, 90.0, 1690.5, 180.0, 6, None, None, 85.0, 6.0 / 7.0, 23.11));
    // bob88 asks in 旗舰店 and in 京东 on one day: an inquiry in each, 24 in all.
    assert_eq!(v["totals"]["inquiries"].as_u64(), Some(24));
    assert!(near(num(&v["totals"]["commission"]), 98.55 + 16.76 + 23.11));

    let dir = scratch();
    let out = dir.path().join("r.xlsx");
    let files: Vec<String> = ALL.iter().map(|f| fx(f.trim_start_matches("fixtures/"))).collect();
    let mut args: Vec<String> = vec!["report".into()];
    args.extend(files);
    args.extend(["--month", "2026-10", "--config", &fx("group/group.toml"), "--no-history", "-o"].map(String::from));
    args.push(out.display().to_string());
    let r = run_in(dir.path(), &args);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(&sheet_names(&out)[..3], ["总览", "店铺", "提成"]);
    let rows = sheet_text_with_title(&out, "店铺");
    // The title says why 拼多多 has no conversion, and that the total counts its inquiries unpaid.
    assert!(rows[0][0].contains("木子拼多多店 的订单没有买家列"), "{:?}", rows[0]);
    assert_eq!(rows[1][..3], ["店铺", "订单数", "实付金额"]);
    let total = rows.iter().find(|r| r[0] == "合计").expect("total row");
    // 22 orders; 24 inquiries, 12 paid: 50%, the team's conversion as every sheet gives it.
    assert_eq!(total[1..3], ["22", "9938"]);
    assert_eq!(total[6..9], ["24", "12", "0.5"]);
}

#[test]
fn each_shop_alone_gives_its_row_of_the_combined_run() {
    let combined = report(&ALL, CONFIG);
    let alone = [
        ("木子家居旗舰店", vec![ALL[0], ALL[1]]),
        ("木子京东自营", vec![ALL[2], "fixtures/group/per_shop/chats_jd_only.csv"]),
        ("木子拼多多店", vec![ALL[3], "fixtures/group/per_shop/chats_pdd_only.csv"]),
    ];
    for (shop, files) in alone {
        let v = report(&files, CONFIG);
        let (orders, paid, refund, net, unattributed, inquiries, paid_buyers, _, first, _, _) =
            shop_row(&combined, shop);
        let t = &v["totals"];
        assert!(near(num(&t["paid"]), paid), "{shop}: {t}");
        assert!(near(num(&t["sales"]), net), "{shop}: {t}");
        assert_eq!(t["inquiries"].as_u64(), Some(inquiries), "{shop}");
        assert!(near(num(&t["first_response_secs"]), first), "{shop}");
        if let Some(paid_buyers) = paid_buyers {
            assert_eq!(t["paid_buyers"].as_u64(), Some(paid_buyers), "{shop}");
        }
        let _ = (orders, refund, unattributed);
    }
}

#[test]
fn one_shop_has_no_shops_sheet() {
    let v = report(&ALL[..2], CONFIG);
    assert!(v.get("shops").is_none(), "{v}");
}

/// The shops' rows of JSON `shops`, without commission (which only commission and report have).
fn chat_rows(v: &Value) -> Vec<Value> {
    let mut rows = v["shops"].as_array().unwrap_or_else(|| panic!("no shops: {v}")).clone();
    for r in &mut rows {
        r.as_object_mut().unwrap().remove("commission");
    }
    rows
}

#[test]
fn every_report_of_the_month_compares_the_same_shops() {
    let chats_then_orders = |cmd: &'static str| {
        let mut args = vec![cmd, ALL[1], ALL[4], "--orders", ALL[0], ALL[2], ALL[3], "--month", "2026-10"];
        args.extend(["--config", CONFIG]);
        args
    };
    let report = chat_rows(&report(&ALL, CONFIG));
    let mut conversion = chats_then_orders("conversion");
    conversion.push("--no-history");
    assert_eq!(chat_rows(&json_here(&conversion)), report);
    assert_eq!(chat_rows(&json_here(&chats_then_orders("lost"))), report);
    let mut scorecard = vec!["scorecard"];
    scorecard.extend(ALL);
    scorecard.extend(["--month", "2026-10", "--config", CONFIG]);
    assert_eq!(chat_rows(&json_here(&scorecard)), report);

    // The workbooks: the 店铺 sheet right after the first.
    let dir = scratch();
    let config = fx("group/group.toml");
    let files: Vec<String> = ALL.iter().map(|f| fx(f.trim_start_matches("fixtures/"))).collect();
    for (cmd, second) in [("conversion", "店铺"), ("lost", "店铺"), ("scorecard", "店铺")] {
        let out = dir.path().join(format!("{cmd}.xlsx"));
        let mut args: Vec<String> = vec![cmd.into()];
        if cmd == "scorecard" {
            args.extend(files.iter().cloned());
        } else {
            args.extend([files[1].clone(), files[4].clone(), "--orders".into()]);
            args.extend([files[0].clone(), files[2].clone(), files[3].clone()]);
        }
        args.extend(["--month", "2026-10", "--config", &config, "-o"].map(String::from));
        args.push(out.display().to_string());
        let r = run_in(dir.path(), &args);
        assert_eq!(r.code, Some(0), "{cmd}: {}", r.stderr);
        assert_eq!(sheet_names(&out)[1], second, "{cmd}");
    }
}

#[test]
fn the_day_compares_the_shops_that_day() {
    let mut args = vec!["daily", ALL[1], ALL[4], "--orders", ALL[0], ALL[2], ALL[3]];
    args.extend(["--day", "2026-10-08", "--config", CONFIG, "--no-history"]);
    let v = json_here(&args);
    let shops = v["shops"].as_array().unwrap();
    // 10-08: bob88 asks in 旗舰店 and in 京东 and pays the 京东 order (600.00) that day.
    let jd = shops.iter().find(|s| s["shop"] == "木子京东自营").unwrap();
    assert_eq!(
        (jd["orders"].as_u64(), jd["inquiries"].as_u64(), jd["paid_buyers"].as_u64()),
        (Some(1), Some(1), Some(1))
    );
    let tmall = shops.iter().find(|s| s["shop"] == "木子家居旗舰店").unwrap();
    assert_eq!(
        (tmall["orders"].as_u64(), tmall["inquiries"].as_u64(), tmall["paid_buyers"].as_u64()),
        (Some(0), Some(1), Some(0))
    );
    // The Markdown summary: one line per shop.
    let mut args = args.clone();
    args.extend(["--format", "markdown"]);
    let r = run_here(&args);
    assert!(r.stdout.contains("- 木子京东自营：净销售额 ¥600.00 · 询单转化率 100.0%"), "{}", r.stdout);
    assert!(r.stdout.contains("- 木子拼多多店：净销售额 ¥0.00"), "{}", r.stdout);
}

#[test]
fn each_person_row_names_their_shops() {
    let mut args = vec!["conversion", ALL[1], ALL[4], "--orders", ALL[0], ALL[2], ALL[3]];
    args.extend(["--month", "2026-10", "--config", CONFIG, "--no-history"]);
    let v = json_here(&args);
    let shops = |person: &str| -> Vec<String> {
        agent_row(&v, person)["shops"].as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_string()).collect()
    };
    assert_eq!(shops("王小明"), ["木子京东自营", "木子家居旗舰店", "木子拼多多店"]);
    assert_eq!(shops("小李"), ["木子京东自营", "木子拼多多店"]);
    assert_eq!(shops("阿杰"), ["木子家居旗舰店"]);
    // 王小明's inquiries over his three shops: 4 of 8 paid (bob88 counted in 旗舰店 and in 京东).
    let row = agent_row(&v, "王小明");
    assert_eq!((row["inquiries"].as_u64(), row["paid_buyers"].as_u64()), (Some(8), Some(4)));
}

#[test]
fn a_shop_whose_chats_were_not_given_has_its_chat_figures_missing() {
    // Only the 旗舰店's chats: 京东 and 拼多多 have no inquiries known, not 0.
    let mut args = vec!["commission", ALL[0], ALL[2], ALL[3], "--chats", ALL[1]];
    args.extend(["--month", "2026-10", "--config", CONFIG, "--no-history"]);
    let v = json_here(&args);
    let shop = |name: &str| v["shops"].as_array().unwrap().iter().find(|s| s["shop"] == name).unwrap().clone();
    assert!(shop("木子京东自营").get("inquiries").is_none(), "{}", shop("木子京东自营"));
    assert_eq!(shop("木子家居旗舰店")["inquiries"].as_u64(), Some(10));
    let mut md = args.clone();
    md.extend(["--format", "markdown"]);
    let r = run_here(&md);
    assert!(r.stdout.contains("- 木子京东自营：净销售额 ¥2,652.00 · 提成 ¥0.00 · 询单转化率 -"), "{}", r.stdout);
}

#[test]
fn a_shop_exported_for_fewer_days_than_the_others_is_said() {
    // 京东's export without its rows of 10-10 and after: its orders reach 10-01 – 10-09 only.
    let dir = scratch();
    let jd = std::fs::read_to_string(fx("group/jd_orders_202610.csv")).unwrap();
    let kept: Vec<&str> = jd
        .lines()
        .filter(|l| !l.contains("2026-10-1") && !l.contains("2026-10-2") && !l.contains("2026-10-3"))
        .collect();
    std::fs::write(dir.path().join("jd_orders_half.csv"), kept.join("\n") + "\n").unwrap();
    let out = dir.path().join("r.xlsx");
    let mut args: Vec<String> =
        vec!["report".into(), fx("group/tmall_orders_202610.csv"), fx("group/qianniu_202610.txt")];
    args.extend([dir.path().join("jd_orders_half.csv").display().to_string(), fx("group/pdd_orders_202610.csv")]);
    args.extend([fx("group/chats_202610.csv")]);
    args.extend(["--month", "2026-10", "--config", &fx("group/group.toml"), "--no-history", "-o"].map(String::from));
    args.push(out.display().to_string());
    let r = run_in(dir.path(), &args);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let title = &sheet_text_with_title(&out, "店铺")[0][0];
    assert!(title.contains("木子京东自营 只覆盖期间的一部分：订单 2026-10-01 – 2026-10-09（9/31 天）"), "{title}");
    assert!(!title.contains("木子家居旗舰店 只覆盖"), "{title}");
}
