//! A zh report speaks Chinese (issue 13 point 4): every text cell of every sheet of every
//! command's xlsx, run on the bundled fixtures with bad rows, holds no English word outside
//! a short allow-list. Words that echo the user's own data or config are not the report's.

use crate::common::{fx, run_in, scratch, sheet_text};
use calamine::{Data, Reader, Xlsx, open_workbook};
use std::path::Path;

/// Columns that copy the input as written (names, ids, the buyer's words, a cell's raw
/// value): whatever language the export is in, it stays. 代码 is the id of a lost reason,
/// as `[[lost.category]] id` names it in the config.
const DATA_COLUMNS: &[&str] = &[
    "原始值",
    "买家",
    "订单编号",
    "成交订单",
    "买家原话",
    "证据",
    "客服",
    "命中关键词",
    "代码",
    "客服原话",
    "买家上一句",
    "命中词",
    "自动回复内容",
    "规则编号",
];

/// English that is not prose: file formats (xlsx, xls, ods, csv, txt, toml), the UTF of an
/// encoding's name (UTF-8; gb18030 has no word), KPI (written as is in Chinese business
/// writing, as in KPI系数).
const ALLOWED: &[&str] = &["xlsx", "xlsb", "xls", "ods", "csv", "txt", "toml", "utf", "kpi"];

/// The ASCII words of 3+ letters in `text` that a zh reader would have to read as English.
/// A token with `_` is an identifier (a config key such as paid_after_refund, a status code
/// such as TRADE_CLOSED); `--rate` is a command-line option; `cs-tools` is the program.
fn english_words(text: &str, files: &[&str]) -> Vec<String> {
    let mut text = text.to_string();
    for f in files {
        text = text.replace(f, " ");
    }
    // `[shifts]`, `[columns.*]`: a config table, named as the user writes it.
    while let Some(open) = text.find('[') {
        let Some(len) = text[open..].find(']') else { break };
        let inner = &text[open + 1..open + len];
        if !inner.chars().all(|c| c.is_ascii_lowercase() || c == '_' || c == '.' || c == '*') {
            break;
        }
        text.replace_range(open..=open + len, " ");
    }
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.'))
        .filter(|t| !t.contains('_') && !t.starts_with("--") && !t.starts_with("cs-tools"))
        .flat_map(|t| t.split(|c: char| !c.is_ascii_alphanumeric()))
        .flat_map(|t| {
            // A number with an English unit (1m, 30m): a chat length written the English way.
            let number = t.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            if !number.is_empty() && number.len() < t.len() && number.chars().all(|c| c.is_ascii_digit()) {
                return vec![t.to_string()];
            }
            t.split(|c: char| !c.is_ascii_alphabetic())
                .filter(|w| w.len() >= 3 && !ALLOWED.contains(&w.to_ascii_lowercase().as_str()))
                .map(str::to_string)
                .collect()
        })
        .collect()
}

/// A line of the config file as the Rules sheet shows it (`[table]`, `key = value`): the
/// config's own words, which the user types in that form.
fn config_line(text: &str) -> bool {
    let key = |k: &str| !k.is_empty() && k.chars().all(|c| c.is_ascii_lowercase() || c == '_' || c == '.');
    let t = text.trim();
    t.strip_prefix('[').and_then(|r| r.strip_suffix(']')).is_some_and(|k| key(k.trim_matches(['[', ']'])))
        || t.split_once(" = ").is_some_and(|(k, _)| key(k))
}

/// One text cell of a report: its sheet, its column's header (the first row's cell, "" in
/// the first row itself), the first cell of its row, and its text.
struct TextCell {
    sheet: String,
    column: String,
    row_label: String,
    text: String,
}

/// Every text cell of every sheet of an xlsx, sheet names included (as cells of no column).
fn text_cells(path: &Path) -> Vec<TextCell> {
    let mut book: Xlsx<_> = open_workbook(path).expect("the report opens");
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).expect("the sheet exists");
        let rows: Vec<&[Data]> = range.rows().collect();
        // A title row (report · sheet · period: one cell) stands above the header.
        let titled = rows.len() > 1 && rows[0].iter().skip(1).all(|c| *c == Data::Empty);
        let at = usize::from(titled);
        let header: Vec<String> = rows.get(at).map(|r| r.iter().map(|c| c.to_string()).collect()).unwrap_or_default();
        out.push(TextCell { sheet: name.clone(), column: String::new(), row_label: String::new(), text: name.clone() });
        for (i, r) in rows.iter().enumerate() {
            let row_label = r.first().map(|c| c.to_string()).unwrap_or_default();
            for (c, cell) in r.iter().enumerate() {
                if let Data::String(s) = cell {
                    let column = if i <= at { String::new() } else { header.get(c).cloned().unwrap_or_default() };
                    out.push(TextCell { sheet: name.clone(), column, row_label: row_label.clone(), text: s.clone() });
                }
            }
        }
    }
    out
}

/// Runs `args` (a command writing `out.xlsx` in zh) and lists every English word found.
fn english_in(args: &[&str]) -> Vec<String> {
    let dir = scratch();
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["-o", "out.xlsx"]);
    let r = run_in(dir.path(), &all);
    assert!(r.code == Some(0) || r.code == Some(3), "cs-tools {all:?} failed ({:?}):\n{}", r.code, r.stderr);
    // Input file names as the Rules and Issues sheets show them (full paths and base names).
    let names: Vec<String> = args
        .iter()
        .filter(|a| a.contains('/'))
        .flat_map(|a| {
            let base = Path::new(a).file_name().unwrap().to_string_lossy().into_owned();
            [a.to_string(), base]
        })
        .collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut found = Vec::new();
    for cell in text_cells(&dir.path().join("out.xlsx")) {
        let rules = cell.sheet == "规则";
        // The Rules sheet names a lost category by its id: `原因类别 price`.
        let category_id = rules && cell.column == "项目" && cell.text.starts_with("原因类别 ");
        if DATA_COLUMNS.contains(&cell.column.as_str())
            || (rules && (config_line(&cell.text) || cell.row_label == "命令"))
            || category_id
        {
            continue;
        }
        let words = english_words(&cell.text, &names);
        let line = format!("{} [{}/{}] {words:?} in {:?}", args[0], cell.sheet, cell.column, cell.text);
        if !words.is_empty() && !found.contains(&line) {
            found.push(line);
        }
    }
    found
}

#[test]
fn the_allow_list_lets_identifiers_through_and_catches_prose() {
    assert_eq!(english_words("实付金额 not an amount of money", &[]), ["not", "amount", "money"]);
    assert!(english_words("配置 paid_after_refund：TRADE_CLOSED --rate cs-tools.toml KPI系数", &[]).is_empty());
    assert!(english_words("输入文件 /x/orders_gbk.csv", &["/x/orders_gbk.csv"]).is_empty());
    assert_eq!(english_words("表头行 0, Sheet1", &[]), ["Sheet"]);
    assert!(english_words("请在 cs-tools.toml 的 [shifts] 或 [columns.*] 中添加", &[]).is_empty());
    assert_eq!(english_words("[Not a table] <1m >=30m 1-3m", &[]), ["Not", "table", "1m", "30m", "3m"]);
    assert!(config_line("[[lost.category]]") && config_line("mode = \"flat\"") && config_line("[agents]"));
    assert!(!config_line("text (gb18030, comma-separated)") && !config_line("orders: 表头行 1"));
}

#[test]
fn every_zh_report_is_in_chinese() {
    let month_orders = fx("month/orders.xlsx");
    let month_chats = fx("month/chats.xlsx");
    let gbk = fx("taobao_orders_gbk.csv");
    let runs: Vec<Vec<String>> = vec![
        // A bad row and an exact duplicate; a 千牛 text (no header row).
        vec!["commission".into(), gbk.clone(), month_orders.clone(), "--chats".into(), fx("month/chats.txt")],
        vec!["commission".into(), fx("agent_reports/chitu_daily.xlsx"), fx("bad/agent_report_bad.csv")],
        vec!["commission".into(), fx("bad/order_id_scientific.csv"), fx("exports/tmall_after_refund.csv")],
        vec![
            "conversion".into(),
            month_chats.clone(),
            fx("bad/chat_bad_times.csv"),
            "--orders".into(),
            month_orders.clone(),
        ],
        vec![
            "conversion".into(),
            fx("bad/sessions_bad_values.csv"),
            fx("bad/chat_unknown_sender.csv"),
            "--orders".into(),
            gbk.clone(),
        ],
        vec!["lost".into(), fx("lost/chats.csv"), "--orders".into(), fx("lost/orders.csv")],
        vec!["qa".into(), fx("qa/messages.csv"), "--config".into(), fx("qa/qa.toml")],
        vec![
            "scorecard".into(),
            month_chats.clone(),
            "--orders".into(),
            month_orders.clone(),
            "--ratings".into(),
            fx("agent_reports/ratings.xlsx"),
        ],
        vec!["daily".into(), fx("chats/messages.xlsx"), "--orders".into(), fx("chats/orders.xlsx")],
        vec!["report".into(), month_chats.clone(), month_orders.clone(), gbk.clone()],
        vec![
            "schedule".into(),
            fx("schedule/schedule.csv"),
            "--config".into(),
            fx("schedule/shifts.toml"),
            "--chats".into(),
            fx("schedule/chats.csv"),
        ],
        vec!["schedule".into(), fx("schedule/two_row_header.xlsx"), "--chats".into(), fx("schedule/chats.csv")],
    ];
    let mut found = Vec::new();
    for args in &runs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        found.extend(english_in(&args));
    }
    assert!(found.is_empty(), "English in zh reports:\n{}", found.join("\n"));
}

/// The Issues sheet of `taobao_orders_gbk.csv` (fixtures/EXPECTED.md: row 12's paid cell is
/// `abc`, row 17 repeats row 16) and its Rules rows, in each language; stderr and
/// `inspect` stay English.
#[test]
fn issues_and_rules_are_said_in_the_report_language() {
    let gbk = fx("taobao_orders_gbk.csv");
    for (lang, issues, rules, said) in [
        (
            "zh",
            "问题",
            "规则",
            [
                "不是金额",
                "整行不计",
                "与 {gbk} 第 16 行完全相同",
                "只计一次",
                "文本表格（gb18030，逗号分隔），5383 字节",
                "订单表：表头在第 1 行，19 行数据",
            ],
        ),
        (
            "en",
            "Issues",
            "Rules",
            [
                "not an amount of money",
                "row skipped",
                "exact duplicate of {gbk} row 16",
                "counted once",
                "text (gb18030, comma-separated), 5383 bytes",
                "orders: header at row 1, 19 data rows",
            ],
        ),
    ] {
        let said = said.map(|s| s.replace("{gbk}", &gbk));
        let dir = scratch();
        let r = run_in(dir.path(), &["commission", &gbk, "--lang", lang, "-o", "out.xlsx"]);
        assert_eq!(r.code, Some(0), "{}", r.stderr);
        let out = dir.path().join("out.xlsx");
        let rows = sheet_text(&out, issues);
        assert_eq!(rows.len(), 3, "{lang}: header and two problems: {rows:?}");
        assert_eq!((rows[1][2].as_str(), rows[1][4].as_str()), ("12", "abc"), "{lang}");
        assert_eq!((rows[1][5].as_str(), rows[1][6].as_str()), (said[0].as_str(), said[1].as_str()), "{lang}");
        assert_eq!(rows[2][2], "17", "{lang}");
        assert_eq!((rows[2][5].as_str(), rows[2][6].as_str()), (said[2].as_str(), said[3].as_str()), "{lang}");
        let rules = sheet_text(&out, rules);
        assert!(rules.iter().any(|r| r[0].ends_with(&gbk) && r[1] == said[4]), "{lang}: {rules:?}");
        assert!(rules.iter().any(|r| r[1] == said[5]), "{lang}: {rules:?}");
    }
    let r = run_in(scratch().path(), &["inspect", &gbk, "--lang", "en"]);
    assert!(r.stdout.contains("\"abc\" — not an amount of money (row skipped)"), "{}", r.stdout);
    assert!(r.stdout.contains(&format!("exact duplicate of {gbk} row 16 (counted once)")), "{}", r.stdout);
}

/// A 千牛 text has no header row: the Rules sheet says so instead of 表头行 0.
#[test]
fn a_qianniu_text_has_no_header_row() {
    let dir = scratch();
    let r = run_in(
        dir.path(),
        &["commission", &fx("month/orders.xlsx"), "--chats", &fx("month/chats.txt"), "-o", "o.xlsx"],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let rules = sheet_text(&dir.path().join("o.xlsx"), "规则");
    let text: Vec<&str> = rules.iter().map(|r| r[1].as_str()).collect();
    assert!(text.contains(&"千牛聊天记录文本（UTF-8），79855 字节"), "{text:?}");
    assert!(text.iter().any(|t| t.starts_with("聊天记录：无表头行，")), "{text:?}");
    assert!(!text.iter().any(|t| t.contains("第 0 行")), "{text:?}");
}

/// `--lang en`: default lost categories by their English labels, rule reasons too; a
/// buyer's own reason text stays as written. Counts from fixtures/lost/EXPECTED.md (case A):
/// 19 lost inquiries.
#[test]
fn default_lost_categories_are_english_in_an_en_report() {
    let dir = scratch();
    let (chats, orders) = (fx("lost/chats.csv"), fx("lost/orders.csv"));
    let r = run_in(dir.path(), &["lost", &chats, "--orders", &orders, "--lang", "en", "-o", "l.xlsx"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let rows = sheet_text(&dir.path().join("l.xlsx"), "Reasons");
    let got: Vec<(&str, &str, &str)> =
        rows[1..].iter().map(|r| (r[0].as_str(), r[1].as_str(), r[2].as_str())).collect();
    assert_eq!(
        got,
        [
            ("no reply", "no_reply", "3"),
            ("buyer went silent", "buyer_silent", "3"),
            ("price, haggling", "price", "2"),
            ("postage, no free shipping", "postage", "2"),
            ("quality concerns", "quality", "2"),
            ("size", "size", "2"),
            ("comparing, hesitating", "comparing", "1"),
            ("slow reply", "slow_reply", "1"),
            ("other", "other", "1"),
            ("已经在线下买了", "已经在线下买了", "1"),
            ("没送小样", "没送小样", "1"),
            ("Total", "", "19"),
        ]
    );
}
