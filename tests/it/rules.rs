//! The three attribution rules (下单判定, 付款判定, 下单优先, docs/definitions.md#attribution-rules) on
//! one month where they give three different answers. Every figure is worked out by hand in
//! `fixtures/rules/EXPECTED.md`; the files are written by `fixtures/rules/make_rules.py`.

use crate::common::{agent_row, fx, json, num, run, run_in, scratch, sheet_text};
use serde_json::Value;

const ORDERS: &str = "rules/ExportOrderList202610200900.csv";
const CHATS: &str = "rules/chats.csv";
/// The days the files hold: no coverage note.
const PERIOD: [&str; 4] = ["--from", "2026-10-05", "--to", "2026-10-12"];

/// The config of each rule: `order.toml` leaves the key out (the default).
const RULES: [&str; 3] = ["order", "payment", "order_first"];

fn config(rule: &str) -> String {
    fx(&format!("rules/{rule}.toml"))
}

fn commission(rule: &str) -> Value {
    let (orders, chats, config) = (fx(ORDERS), fx(CHATS), config(rule));
    let mut args = vec!["commission", &orders, "--chats", &chats, "--config", &config];
    args.extend(PERIOD);
    json(&args).0
}

fn conversion(rule: &str) -> Value {
    let (orders, chats, config) = (fx(ORDERS), fx(CHATS), config(rule));
    let mut args = vec!["conversion", &chats, "--orders", &orders, "--config", &config];
    args.extend(PERIOD);
    json(&args).0
}

/// (orders, net, commission) of a commission JSON row; None when the agent has no row.
fn paid(v: &Value, agent: &str) -> Option<(u64, f64, f64)> {
    let row = v["rows"].as_array().unwrap().iter().find(|r| r["agent"] == agent)?;
    Some((row["orders"].as_u64().unwrap(), num(&row["net"]), num(&row["commission"])))
}

/// The commission workbook under `rule`, in `lang`: its Detail and Rules sheets.
fn workbook(rule: &str, lang: &str) -> (Vec<Vec<String>>, Vec<Vec<String>>) {
    let dir = scratch();
    let out = dir.path().join("c.xlsx");
    let (orders, chats, config) = (fx(ORDERS), fx(CHATS), config(rule));
    let mut args = vec!["commission", &orders, "--chats", &chats, "--config", &config, "--lang", lang];
    args.extend(PERIOD);
    args.extend(["-o", out.to_str().unwrap()]);
    let r = run_in(dir.path(), &args);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let (detail, rules) = if lang == "en" { ("Detail", "Rules") } else { ("明细", "规则") };
    (sheet_text(&out, detail), sheet_text(&out, rules))
}

// EXPECTED §2
#[test]
fn each_rule_gives_each_agent_the_commission_worked_by_hand() {
    let order = commission("order");
    assert_eq!(paid(&order, "小王"), Some((2, 400.0, 8.0)), "401 and 403: the receptions before the orders");
    assert_eq!(paid(&order, "东东"), Some((1, 50.0, 1.0)), "404 by its memo");
    assert_eq!(paid(&order, "阿杰"), None, "阿杰's chats came after the orders");
    assert_eq!(order["unattributed"]["orders"], 1, "402: 小王's chat was 77 h before it");
    assert_eq!(num(&order["unattributed"]["net"]), 200.0);
    assert_eq!(num(&order["totals"]["commission"]), 9.0);

    let payment = commission("payment");
    assert_eq!(paid(&payment, "小王"), Some((1, 100.0, 2.0)), "403 only");
    assert_eq!(paid(&payment, "东东"), Some((2, 350.0, 7.0)), "401 by the 催付 chat, 404 by the memo");
    assert_eq!(paid(&payment, "阿杰"), Some((1, 200.0, 4.0)), "402 by the 催付 chat; 404's memo comes first");
    assert_eq!(payment["unattributed"]["orders"], 0);
    assert_eq!(num(&payment["totals"]["commission"]), 13.0);

    let first = commission("order_first");
    assert_eq!(paid(&first, "小王"), Some((2, 400.0, 8.0)), "401 by 下单判定");
    assert_eq!(paid(&first, "东东"), Some((1, 50.0, 1.0)));
    assert_eq!(paid(&first, "阿杰"), Some((1, 200.0, 4.0)), "402: no reception before the order, one before payment");
    assert_eq!(first["unattributed"]["orders"], 0);
    assert_eq!(num(&first["totals"]["commission"]), 13.0);

    // Every rule shares out the same paid orders.
    for v in [&order, &payment, &first] {
        assert_eq!((v["totals"]["orders"].as_u64(), num(&v["totals"]["net"])), (Some(4), 650.0));
    }
}

// EXPECTED §3
#[test]
fn conversion_follows_the_order_rule_whatever_the_rule_and_sales_follow_the_rule() {
    // (consulted, inquiries, ordered, paid buyers, conversion) per agent: the same under every rule.
    let counts = |v: &Value, agent: &str| {
        let r = agent_row(v, agent);
        (r["consulted"].as_u64(), r["inquiries"].as_u64(), r["ordered"].as_u64(), r["paid_buyers"].as_u64())
    };
    let sales = |v: &Value, agent: &str| num(&agent_row(v, agent)["sales"]);
    for rule in RULES {
        let v = conversion(rule);
        assert_eq!(counts(&v, "小王"), (Some(3), Some(3), Some(2), Some(2)), "{rule}");
        assert!((num(&agent_row(&v, "小王")["conversion"]) - 2.0 / 3.0).abs() < 1e-9, "{rule}");
        assert_eq!(counts(&v, "东东"), (Some(1), Some(0), Some(0), Some(0)), "{rule}: the 催付 chat is after-sales");
        assert_eq!(agent_row(&v, "东东")["conversion"], Value::Null, "{rule}: no inquiry, no rate");
        assert_eq!(counts(&v, "阿杰"), (Some(3), Some(1), Some(1), Some(0)), "{rule}: vic never paid");
        assert_eq!(num(&agent_row(&v, "阿杰")["conversion"]), 0.0, "{rule}");
        assert_eq!((v["totals"]["inquiries"].as_u64(), v["totals"]["paid_buyers"].as_u64()), (Some(4), Some(2)));
    }
    let order = conversion("order");
    assert_eq!((sales(&order, "小王"), sales(&order, "东东"), sales(&order, "阿杰")), (400.0, 50.0, 0.0));
    assert_eq!(agent_row(&order, "阿杰")["aov"], Value::Null, "no sale, no 客单价");
    assert_eq!(num(&order["unattributed"]["sales"]), 200.0);
    let payment = conversion("payment");
    assert_eq!((sales(&payment, "小王"), sales(&payment, "东东"), sales(&payment, "阿杰")), (100.0, 350.0, 200.0));
    assert_eq!(num(&agent_row(&payment, "东东")["aov"]), 175.0, "350 over 2 paying buyers (xia, wu)");
    assert_eq!(num(&payment["unattributed"]["sales"]), 0.0);
    let first = conversion("order_first");
    assert_eq!((sales(&first, "小王"), sales(&first, "东东"), sales(&first, "阿杰")), (400.0, 50.0, 200.0));
}

// EXPECTED §4
#[test]
fn the_detail_says_which_rule_took_each_chat_attributed_order() {
    // Detail rows by paid time: 401, 402, 403, 404; the agent, the source and the evidence last.
    let tail = |rows: &[Vec<String>]| -> Vec<(String, String, String)> {
        rows[1..].iter().map(|r| (r[6].clone(), r[7].clone(), r[8].clone())).collect()
    };
    let t = |a: &str, s: &str, e: &str| (a.to_string(), s.to_string(), e.to_string());
    let (detail, _) = workbook("order", "zh");
    assert_eq!(
        tail(&detail),
        [
            t("小王", "聊天记录", "小王 @ 2026-10-05 10:00:00"),
            t("", "未归属", ""),
            t("小王", "聊天记录", "小王 @ 2026-10-10 14:00:00"),
            t("东东", "商家备注", "东东已核对"),
        ],
        "the default rule adds nothing to the evidence"
    );
    let (detail, _) = workbook("payment", "zh");
    assert_eq!(
        tail(&detail),
        [
            t("东东", "聊天记录", "东东 @ 2026-10-06 09:00:00（付款判定）"),
            t("阿杰", "聊天记录", "阿杰 @ 2026-10-09 10:00:00（付款判定）"),
            t("小王", "聊天记录", "小王 @ 2026-10-10 14:00:00（付款判定）"),
            t("东东", "商家备注", "东东已核对"),
        ]
    );
    let (detail, _) = workbook("order_first", "zh");
    assert_eq!(
        tail(&detail),
        [
            t("小王", "聊天记录", "小王 @ 2026-10-05 10:00:00（下单判定）"),
            t("阿杰", "聊天记录", "阿杰 @ 2026-10-09 10:00:00（付款判定）"),
            t("小王", "聊天记录", "小王 @ 2026-10-10 14:00:00（下单判定）"),
            t("东东", "商家备注", "东东已核对"),
        ]
    );
    let (detail, _) = workbook("order_first", "en");
    assert_eq!(detail[1][8], "小王 @ 2026-10-05 10:00:00 (下单判定, before the order)");
    assert_eq!(detail[2][8], "阿杰 @ 2026-10-09 10:00:00 (付款判定, before payment)");
}

// EXPECTED §5
#[test]
fn the_rules_sheet_names_the_rule() {
    let line = |rules: &[Vec<String>], item: &str| -> String {
        rules.iter().find(|r| r[0] == item).map(|r| r[1].clone()).unwrap_or_else(|| panic!("no {item} in {rules:?}"))
    };
    let (_, rules) = workbook("order", "zh");
    assert_eq!(line(&rules, "归属规则"), "下单判定：聊天归属给下单前 48 小时内最后一次接待该买家的客服");
    assert!(!rules.iter().any(|r| r[1].starts_with("attribution_rule")), "the default is not among the settings");
    let (_, rules) = workbook("payment", "zh");
    assert!(rules.iter().any(|r| r[1] == "attribution_rule = \"payment\""), "the settings in force: {rules:?}");
    assert!(line(&rules, "归属规则").starts_with("付款判定：聊天归属给付款前 48 小时内最后一次接待该买家的客服"));
    assert!(line(&rules, "归属规则").ends_with("询单转化仍按下单判定"));
    let (_, rules) = workbook("order_first", "en");
    assert!(line(&rules, "Attribution rule").starts_with("下单优先 (attribution_rule = \"order_first\")"));

    // conversion's Rules too.
    let dir = scratch();
    let out = dir.path().join("c.xlsx");
    let (orders, chats, config) = (fx(ORDERS), fx(CHATS), config("payment"));
    let mut args = vec!["conversion", &chats, "--orders", &orders, "--config", &config];
    args.extend(PERIOD);
    args.extend(["-o", out.to_str().unwrap()]);
    let r = run_in(dir.path(), &args);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(line(&sheet_text(&out, "规则"), "归属规则").starts_with("付款判定："));
}

// EXPECTED §6
#[test]
fn a_wrong_rule_or_one_written_below_a_table_is_refused_naming_what_to_write() {
    let dir = scratch();
    let orders = fx(ORDERS);
    let cases = [
        ("bad.toml", "attribution_rule = \"paid\"\n"),
        ("below.toml", "[commission]\nrate = 0.02\nattribution_rule = \"payment\"\n"),
        ("agents.toml", "[agents]\n\"小王\" = [\"wang\"]\nattribution_rule = \"payment\"\n"),
    ];
    for (name, text) in cases {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let said = |name: &str, lang: &str| {
        let r = run_in(dir.path(), &["commission", &orders, "--config", name, "--lang", lang]);
        assert_eq!(r.code, Some(1), "{name}: {}", r.stderr);
        r.stderr
    };
    let zh = said("bad.toml", "zh");
    assert!(
        zh.contains(
            "attribution_rule = \"paid\" 不是归属规则：请写 \"order\"（下单判定，默认）、\"payment\"（付款判定）或 \"order_first\"（下单优先）"
        ),
        "{zh}"
    );
    let en = said("bad.toml", "en");
    assert!(
        en.contains("write \"order\" (下单判定, the default), \"payment\" (付款判定) or \"order_first\" (下单优先)"),
        "{en}"
    );
    let zh = said("below.toml", "zh");
    assert!(zh.contains("attribution_rule 写在了 [commission] 下面"), "{zh}");
    assert!(zh.contains("请把 attribution_rule 移到文件开头、第一个 [表] 的上面"), "{zh}");
    let en = said("below.toml", "en");
    assert!(en.contains("move attribution_rule to the top of the file, above the first [table]"), "{en}");
    // In [agents] it would be an agent's name: said the same way.
    let zh = said("agents.toml", "zh");
    assert!(zh.contains("attribution_rule 写在了 [agents] 下面"), "{zh}");
}

#[test]
fn init_writes_the_rule_above_the_first_table() {
    let dir = scratch();
    let r = run_in(dir.path(), &["init"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let text = std::fs::read_to_string(dir.path().join("cs-tools.toml")).unwrap();
    let at = |p: &dyn Fn(&str) -> bool| text.lines().position(p).unwrap();
    let rule = at(&|l| l == "attribution_rule = \"order\"");
    let first_table = at(&|l| l.starts_with('['));
    assert!(rule < first_table, "line {rule} is below the first table (line {first_table})");
    // The file as written runs.
    let r = run(&["commission", &fx(ORDERS), "--config", dir.path().join("cs-tools.toml").to_str().unwrap()]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
}
