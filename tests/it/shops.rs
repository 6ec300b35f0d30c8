//! docs/definitions.md#shops: the shop of every order and message — the shop column, the
//! sub-account's shop (`店铺:客服`), `[[shop]]` in the config, `--shop`, else the one unnamed
//! shop — as `inspect` shows it per sheet (fixtures/shops/EXPECTED.md).

use crate::common::*;
use serde_json::{Value, json};

const TAOBAO: &str = "fixtures/shops/ExportOrderList202610101200.csv";
const JD: &str = "fixtures/shops/jd_orders_202610.csv";
const QIANNIU: &str = "fixtures/shops/qianniu.txt";
const CONFIG: &str = "fixtures/shops/shops.toml";

/// The `shops` of the one sheet of `file` in `inspect --format json`.
fn shops_of(v: &Value, file: &str) -> Value {
    let f = v["files"].as_array().unwrap().iter().find(|f| f["file"] == file).unwrap();
    f["sheets"][0]["shops"].clone()
}

#[test]
fn each_sheet_says_its_shops_and_what_named_them() {
    let v = json_here(&["inspect", TAOBAO, JD, QIANNIU, "--config", CONFIG, "--shop", "木子家居折扣店"]);
    // Orders 301 and 302 have 店铺名称; 303's cell is empty: --shop names it.
    assert_eq!(
        shops_of(&v, TAOBAO),
        json!([
            {"shop": "木子家居旗舰店", "source": "column", "rows": 2},
            {"shop": "木子家居折扣店", "source": "option", "rows": 1},
        ])
    );
    // No shop column, no sub-account: `jd_orders_*.csv` in [[shop]] beats --shop.
    assert_eq!(shops_of(&v, JD), json!([{"shop": "木子京东自营", "source": "config", "rows": 2}]));
    // 东东's three messages (one of them sunny_88's) and 小美's three (one of them tom's).
    assert_eq!(
        shops_of(&v, QIANNIU),
        json!([
            {"shop": "木子家居折扣店", "source": "sub_account", "rows": 3},
            {"shop": "木子家居旗舰店", "source": "sub_account", "rows": 3},
        ])
    );
}

#[test]
fn a_file_nothing_names_is_the_unnamed_shop_or_the_one_shop_given() {
    let v = json_here(&["inspect", JD]);
    assert_eq!(shops_of(&v, JD), json!([{"shop": null, "source": "unnamed", "rows": 2}]));
    let text = run_here(&["inspect", JD]);
    assert!(!text.stdout.contains("店铺："), "one unnamed shop says nothing:\n{}", text.stdout);
    let v = json_here(&["inspect", JD, "--shop", "木子京东自营"]);
    assert_eq!(shops_of(&v, JD), json!([{"shop": "木子京东自营", "source": "option", "rows": 2}]));
    // The file's path as given matches too.
    let dir = scratch();
    std::fs::write(dir.path().join("c.toml"), "[[shop]]\nname = \"京东店\"\nfiles = [\"fixtures/shops/*.csv\"]\n")
        .unwrap();
    let config = dir.path().join("c.toml").to_string_lossy().into_owned();
    let v = json_here(&["inspect", JD, "--config", &config]);
    assert_eq!(shops_of(&v, JD), json!([{"shop": "京东店", "source": "config", "rows": 2}]));
}

#[test]
fn inspect_says_the_shops_in_both_languages() {
    let args = ["inspect", TAOBAO, JD, QIANNIU, "--config", CONFIG, "--shop", "木子家居折扣店"];
    let zh = run_here(&args).stdout;
    assert!(zh.contains("    店铺：木子家居旗舰店（店铺名称列，2 行）、木子家居折扣店（--shop，1 行）\n"), "{zh}");
    assert!(zh.contains("    店铺：木子京东自营（配置 [[shop]]）\n"), "{zh}");
    assert!(
        zh.contains("    店铺：木子家居折扣店（子账号 店铺:客服，3 行）、木子家居旗舰店（子账号 店铺:客服，3 行）\n"),
        "{zh}"
    );
    let en = run_here(&[&["--lang", "en"][..], &args].concat()).stdout;
    assert!(
        en.contains("    shop: 木子家居旗舰店 (column 店铺名称, 2 rows), 木子家居折扣店 (--shop, 1 row)\n"),
        "{en}"
    );
    assert!(en.contains("    shop: 木子京东自营 ([[shop]] in the config)\n"), "{en}");
}

#[test]
fn a_shop_entry_that_cannot_name_files_is_refused() {
    let cases = [
        (
            "[[shop]]\nname = \" \"\nfiles = [\"a.csv\"]\n",
            "第 1 个 [[shop]]：name 不能为空",
            "[[shop]] number 1: name is empty",
        ),
        (
            "[[shop]]\nname = \"A\"\nfiles = [\"a.csv\"]\n[[shop]]\nname = \"B\"\nfiles = []\n",
            "第 2 个 [[shop]]（B）：files 为空",
            "[[shop]] number 2 (B): files is empty",
        ),
        (
            "[[shop]]\nname = \"A\"\nfiles = [\"a[.csv\"]\n",
            "\"a[.csv\" 不是有效的通配符",
            "\"a[.csv\" in files is not a valid glob",
        ),
    ];
    for (config, zh, en) in cases {
        let dir = scratch();
        std::fs::write(dir.path().join("c.toml"), config).unwrap();
        let jd = fx("shops/jd_orders_202610.csv");
        let r = run_in(dir.path(), &["inspect", &jd, "--config", "c.toml"]);
        assert_eq!(r.code, Some(1), "{config}: {}", r.stderr);
        assert!(r.stderr.contains(zh), "{}", r.stderr);
        let r = run_in(dir.path(), &["--lang", "en", "inspect", &jd, "--config", "c.toml"]);
        assert!(r.stderr.contains(en), "{}", r.stderr);
    }
}

// ---- persons across shops (fixtures/shops/EXPECTED.md, "Persons across shops") ---------------

const FLAGSHIP: &str = "fixtures/shops/persons_flagship.csv";
const OUTLET: &str = "fixtures/shops/persons_outlet.csv";

/// (paid, refund, net, orders) of `agent` in a commission JSON.
fn figures(v: &Value, agent: &str) -> (f64, f64, f64, u64) {
    let row = agent_row(v, agent);
    (num(&row["paid"]), num(&row["refund"]), num(&row["net"]), row["orders"].as_u64().unwrap())
}

fn names(v: &Value) -> Vec<String> {
    v["rows"].as_array().unwrap().iter().map(|r| r["agent"].as_str().unwrap().to_string()).collect()
}

#[test]
fn the_same_sub_account_name_in_two_shops_is_two_persons_and_said() {
    let r = run_here(&["commission", FLAGSHIP, OUTLET, "--rate", "0.02", "--format", "json"]);
    let v = stdout_json(&r);
    assert_eq!(names(&v), ["东东", "小王（木子家居折扣店）", "小王（木子家居旗舰店）", "王二"]);
    // 旗舰店's 小王: 401 200.00; 折扣店's 小王: 411 89.90 + 413 40.10 = 130.00.
    assert_eq!(figures(&v, "小王（木子家居旗舰店）"), (200.0, 0.0, 200.0, 1));
    assert_eq!(figures(&v, "小王（木子家居折扣店）"), (130.0, 0.0, 130.0, 2));
    assert_near(&agent_row(&v, "小王（木子家居折扣店）")["commission"], 2.6);
    let line = r#""小王" = ["木子家居折扣店:小王", "木子家居旗舰店:小王"]"#;
    assert!(r.stderr.contains("子账号「小王」出现在多个店铺（木子家居折扣店、木子家居旗舰店）"), "{}", r.stderr);
    assert!(r.stderr.contains(line), "{}", r.stderr);
    let en = run_here(&["commission", FLAGSHIP, OUTLET, "--format", "json", "--lang", "en"]);
    assert!(en.stderr.contains("sub-account \"小王\" is in several shops"), "{}", en.stderr);
    assert!(en.stderr.contains(line), "{}", en.stderr);
    // The Rules sheet lists it with the same line.
    let dir = scratch();
    let out = dir.path().join("c.xlsx");
    let (f, o) = (fx("shops/persons_flagship.csv"), fx("shops/persons_outlet.csv"));
    let r = run_in(dir.path(), &["commission", f.as_str(), o.as_str(), "-o", out.to_str().unwrap()]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let rules = sheet_text(&out, "规则");
    assert!(rules.iter().flatten().any(|c| c.contains("按店铺分开的子账号")), "{rules:?}");
    assert!(rules.iter().flatten().any(|c| c.contains(line)), "{rules:?}");
}

#[test]
fn an_agents_line_makes_the_two_sub_accounts_one_person_with_the_sum() {
    let r = run_here(&[
        "commission",
        FLAGSHIP,
        OUTLET,
        "--rate",
        "0.02",
        "--config",
        "fixtures/shops/persons_merged.toml",
        "--format",
        "json",
    ]);
    let v = stdout_json(&r);
    assert_eq!(names(&v), ["东东", "小王", "王二"]);
    // 200.00 + 89.90 + 40.10 = 330.00; 2% = 6.60.
    assert_eq!(figures(&v, "小王"), (330.0, 0.0, 330.0, 3));
    assert_near(&agent_row(&v, "小王")["commission"], 6.6);
    assert!(!r.stderr.contains("多个店铺"), "{}", r.stderr);
}

#[test]
fn a_person_mapped_across_shops_is_one_row_and_an_unmapped_namesake_stays_apart() {
    let r = run_here(&[
        "commission",
        FLAGSHIP,
        OUTLET,
        "--rate",
        "0.02",
        "--config",
        "fixtures/shops/persons_mapped.toml",
        "--format",
        "json",
    ]);
    let v = stdout_json(&r);
    assert_eq!(names(&v), ["东东", "小王（木子家居折扣店）", "王小明"]);
    // 旗舰店:小王 401 200.00 + 折扣店:王二 412 60.00 paid, 10.00 refund: net 250.00, 2% = 5.00.
    assert_eq!(figures(&v, "王小明"), (260.0, 10.0, 250.0, 2));
    assert_near(&agent_row(&v, "王小明")["commission"], 5.0);
    // 折扣店's 小王 is named by no line: not folded into 王小明 through 旗舰店's alias.
    assert_eq!(figures(&v, "小王（木子家居折扣店）"), (130.0, 0.0, 130.0, 2));
    assert!(r.stderr.contains("子账号「小王」出现在多个店铺"), "{}", r.stderr);
}

#[test]
fn one_shop_keeps_its_plain_names() {
    let v = json_here(&["commission", OUTLET]);
    assert_eq!(names(&v), ["小王", "王二"]);
}

#[test]
fn chats_keep_the_two_shops_sub_accounts_apart_too() {
    let chats = ["fixtures/shops/persons_chats_flagship.txt", "fixtures/shops/persons_chats_outlet.txt"];
    let args = |config: Option<&'static str>| {
        let mut a = vec!["conversion", chats[0], chats[1], "--orders", FLAGSHIP, OUTLET];
        if let Some(c) = config {
            a.extend(["--config", c]);
        }
        a
    };
    // (inquiries, paid buyers, sales, first response) of `agent`.
    let of = |v: &Value, agent: &str| {
        let r = agent_row(v, agent);
        (
            r["inquiries"].as_u64().unwrap(),
            r["paid_buyers"].as_u64().unwrap(),
            num(&r["sales"]),
            num(&r["first_response_secs"]),
        )
    };
    // The chats span 10-03 … 10-05: orders 401 (amy_2026) and 411 (cat_m) are in it.
    let v = json_here(&args(None));
    assert_eq!(of(&v, "小王（木子家居旗舰店）"), (1, 1, 200.0, 30.0));
    assert_eq!(of(&v, "小王（木子家居折扣店）"), (1, 1, 89.9, 60.0));
    let v = json_here(&args(Some("fixtures/shops/persons_merged.toml")));
    // 200.00 + 89.90; first responses (30 + 60) / 2.
    assert_eq!(of(&v, "小王"), (2, 2, 289.9, 45.0));
}

#[test]
fn the_quality_pass_keeps_the_two_shops_sub_accounts_apart_or_one_person() {
    let dir = scratch();
    let chats = [fx("shops/persons_chats_flagship.txt"), fx("shops/persons_chats_outlet.txt")];
    // (agent, receptions) of the QA summary's rows.
    let rows = |config: Option<String>| {
        let out = dir.path().join("qa.xlsx");
        let mut args =
            vec!["qa".to_string(), chats[0].clone(), chats[1].clone(), "-o".into(), out.display().to_string()];
        if let Some(c) = config {
            args.extend(["--config".to_string(), c]);
        }
        let r = run_in(dir.path(), &args);
        assert_eq!(r.code, Some(0), "{}", r.stderr);
        let summary = sheet_text(&out, "质检汇总");
        let header = summary.iter().position(|r| r.first().is_some_and(|c| c == "客服")).expect("header row");
        let col = summary[header].iter().position(|c| c == "接待次数").expect("接待次数 column");
        let mut found: Vec<(String, String)> = summary[header + 1..]
            .iter()
            .filter(|r| r[0].starts_with("小王"))
            .map(|r| (r[0].clone(), r[col].clone()))
            .collect();
        found.sort();
        found
    };
    // One reception in each shop's chats.
    assert_eq!(
        rows(None),
        [
            ("小王（木子家居折扣店）".to_string(), "1".to_string()),
            ("小王（木子家居旗舰店）".to_string(), "1".to_string())
        ]
    );
    assert_eq!(rows(Some(fx("shops/persons_merged.toml"))), [("小王".to_string(), "2".to_string())]);
}
