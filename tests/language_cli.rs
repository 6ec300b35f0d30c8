//! A zh report speaks Chinese (issue 13 point 4): every text cell of every sheet of every
//! command's xlsx, run on the bundled fixtures with bad rows, holds no English word outside
//! a short allow-list. Words that echo the user's own data or config are not the report's.

mod common;
use common::{fx, run_in, text_cells};
use std::path::Path;

/// Columns that copy the input as written (names, ids, the buyer's words, a cell's raw
/// value): whatever language the export is in, it stays. 代码 is the id of a lost reason,
/// as `[[lost.category]] id` names it in the config.
const DATA_COLUMNS: &[&str] = &["原始值", "买家", "订单编号", "成交订单", "买家原话", "证据", "客服", "命中关键词", "代码"];

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

/// Runs `args` (a command writing `out.xlsx` in zh) and lists every English word found.
fn english_in(args: &[&str]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
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
