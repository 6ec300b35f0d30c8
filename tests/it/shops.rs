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
