//! The command line's conventions and messages (issue 13): no silent empty report, why every
//! order is 未归属, `report --format table|csv`, messages that fit what happened, CSV that a
//! spreadsheet cannot run, completions and the man page. Figures: fixtures/cli/EXPECTED.md and
//! fixtures/EXPECTED.md.

use crate::common::{english_sentence, files_in, fx, json, json_in, run, run_in, run_json, scratch};

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap_or_else(|e| panic!("not CSV ({e}):\n{text}")).iter().map(str::to_string).collect())
        .collect()
}

// ---- 2. no silent empty report -------------------------------------------------------------

#[test]
fn a_month_without_paid_orders_exits_1_names_the_dates_the_files_hold_and_writes_nothing() {
    let orders = fx("taobao_orders_gbk.csv");
    for command in ["commission", "report"] {
        for format in ["xlsx", "json"] {
            let dir = scratch();
            let r = run_in(dir.path(), &[command, &orders, "--month", "2026-11", "--format", format, "--lang", "en"]);
            assert_eq!(r.code, Some(1), "{command} {format}: {}", r.stderr);
            assert_eq!(
                r.stderr,
                format!(
                    "cs-tools: no paid orders in 2026-11-01 – 2026-11-30 in {orders}: the files hold paid orders from \
                     2026-09-28 to 2026-10-31. Nothing was written: export that period again, or choose another with \
                     --month or --from/--to\n"
                ),
                "{command} {format}"
            );
            assert!(r.stdout.is_empty(), "{command} {format} printed {}", r.stdout);
            assert!(files_in(dir.path()).is_empty(), "{command} {format} wrote {:?}", files_in(dir.path()));
        }
    }
}

#[test]
fn a_day_without_chats_exits_1_names_the_days_the_chats_hold() {
    let (chats, orders) = (fx("cli/formula_chats.csv"), fx("cli/formula_orders.csv"));
    let dir = scratch();
    let r = run_in(dir.path(), &["daily", &chats, "--orders", &orders, "--day", "2026-10-06", "--lang", "en"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert_eq!(
        r.stderr,
        format!(
            "cs-tools: no chats on 2026-10-06 in {chats}: the files hold chats of 2026-10-05 only. Nothing was \
             written: export that period again, or choose another with --day\n"
        )
    );
    assert!(files_in(dir.path()).is_empty());
}

// ---- 3. why everything is 未归属 ------------------------------------------------------------

#[test]
fn no_known_agent_name_says_why_every_order_is_unattributed_and_how_to_fix_it() {
    let r = run(&["commission", &fx("taobao_orders_gbk.csv"), "-q", "--lang", "en"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    // fixtures/EXPECTED.md §1g: no config, no agent column: all 15 counted orders are 未归属.
    let note = "note: no agent name is known, so all 15 orders are 未归属 (unattributed). Name the agents: \
                `cs-tools init` writes cs-tools.toml, list them under [agents] (\"小王\" = [\"工号07\"]) so memos \
                that name them count; or export the orders with a 客服 column; or give the chat exports with --chats";
    assert!(r.stderr.lines().any(|l| l == note), "stderr:\n{}", r.stderr);
    let r = run(&["commission", &fx("taobao_orders_gbk.csv"), "--config", &fx("configs/tiered.toml"), "-q"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(!r.stderr.contains("未归属 (unattributed)"), "agents are named, no note:\n{}", r.stderr);
}

// ---- 8. report --format table|csv ----------------------------------------------------------

#[test]
fn report_prints_its_overview_as_a_table_or_csv_not_json() {
    let base = [
        "report",
        &fx("taobao_orders_gbk.csv"),
        "--config",
        &fx("configs/tiered.toml"),
        "--month",
        "2026-10",
        "--format",
    ]
    .map(String::from);
    let args = |f: &'static str| base.iter().map(String::as_str).chain([f]).collect::<Vec<_>>();
    let r = run(&args("csv"));
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let rows = csv_rows(&r.stdout);
    assert_eq!(rows[0], ["项目", "内容"], "{}", r.stdout);
    // fixtures/EXPECTED.md §1f: October net = 1019.00 + 1091.50 + 1146.00 + 未归属 287.90 = 3544.40.
    assert!(rows.iter().any(|r| r.get(1).is_some_and(|v| v == "3544.40")), "{}", r.stdout);
    assert!(rows.iter().any(|r| r.get(1).is_some_and(|v| v == "2026-10-01 – 2026-10-31")), "{}", r.stdout);
    let r = run(&args("table"));
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(!r.stdout.trim_start().starts_with('{'), "a table, not JSON:\n{}", r.stdout);
    let mut lines = r.stdout.lines();
    assert!(lines.next().is_some_and(|l| l.starts_with("项目") && l.ends_with("内容")), "{}", r.stdout);
    assert!(lines.next().is_some_and(|l| l.starts_with("----")), "{}", r.stdout);
    assert!(r.stdout.lines().any(|l| l.ends_with(" 3544.40")), "{}", r.stdout);
}

// ---- 9. messages that fit what happened ----------------------------------------------------

#[test]
fn row_problems_without_a_workbook_say_how_to_see_them() {
    // fixtures/EXPECTED.md §1: row 12 (paid `abc`) and row 17 (duplicate) are the 2 problems.
    let orders = fx("taobao_orders_gbk.csv");
    for format in ["csv", "json", "table"] {
        let r = run(&["commission", &orders, "--format", format, "--lang", "en"]);
        assert_eq!(r.code, Some(0), "{}", r.stderr);
        let want = format!(
            "2 row problems: --format {format} writes no workbook; see them with `cs-tools inspect FILES…`, or \
             leave out --format to write the xlsx report with its Issues sheet (问题)"
        );
        assert!(r.stderr.lines().any(|l| l == want), "{format}:\n{}", r.stderr);
        assert!(!r.stderr.contains("listed in the report's Issues sheet"), "{}", r.stderr);
    }
    let r = run(&["commission", &orders, "--lang", "en"]);
    assert!(
        r.stderr.lines().any(|l| l == "2 row problems: listed in the report's Issues sheet (问题)"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_chat_export_given_as_orders_is_called_a_chat_export() {
    let chats = fx("cli/formula_chats.csv");
    let r = run(&["commission", &chats, "--lang", "en"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert_eq!(
        r.stderr,
        format!(
            "cs-tools: no order sheet or per-agent report found in the input:\n  {chats}: a chats sheet\n{chats} is a \
             chat export, not an order export: commission needs the order export (订单报表) as ORDERS; give the chats \
             after --chats (`cs-tools commission orders.xlsx --chats {chats}`)\n"
        )
    );
    let r = run(&["commission", &chats]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert_eq!(
        r.stderr,
        format!(
            "cs-tools: 输入中没有找到订单表或客服绩效报表：\n  {chats}：这是聊天记录\n{chats} 是聊天导出，不是订单导出：\
             计算提成需要订单导出（订单报表）作为 ORDERS；聊天文件请放在 --chats 后面\
             （`cs-tools commission orders.xlsx --chats {chats}`）\n"
        )
    );
}

#[test]
fn a_rate_over_100_percent_is_a_usage_error_that_gives_the_range() {
    let r = run(&["commission", &fx("taobao_orders_gbk.csv"), "--rate", "150%", "--lang", "en"]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(
        r.stderr.starts_with(
            "error: invalid value '150%' for '--rate <RATE>': \"150%\" is outside 0–100%: rates are 0–100%, e.g. 2% or 0.02"
        ),
        "{}",
        r.stderr
    );
}

#[test]
fn from_after_to_is_a_usage_error_exit_2_before_reading_anything() {
    let dir = scratch();
    // Even with a config that does not exist: the usage is checked first.
    let r = run_in(
        dir.path(),
        &[
            "commission",
            "no-such.csv",
            "--from",
            "2026-10-10",
            "--to",
            "2026-10-01",
            "--config",
            "none.toml",
            "--lang",
            "en",
        ],
    );
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(
        r.stderr.starts_with(
            "error: --from 2026-10-10 is after --to 2026-10-01: the period runs from --from to --to, both days included\n\nUsage: cs-tools commission"
        ),
        "{}",
        r.stderr
    );
    assert!(files_in(dir.path()).is_empty());
}

#[test]
fn an_unquoted_chinese_key_in_the_config_gets_a_sentence_on_quoting() {
    let dir = scratch();
    std::fs::write(dir.path().join("cs-tools.toml"), "[agents]\n小王 = [\"工号07\"]\n").unwrap();
    let r = run_in(dir.path(), &["commission", &fx("taobao_orders_gbk.csv"), "--lang", "en"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert_eq!(
        r.stderr,
        "cs-tools: config cs-tools.toml: line 2: the key 小王 must be in double quotes: TOML takes Chinese (and any \
         non-ASCII) keys only quoted; write \"小王\" = [\"工号07\"]\n"
    );
}

#[test]
fn fullwidth_digits_and_percent_read_in_rates_config_and_cells() {
    let (orders, chats) = (fx("cli/formula_orders.csv"), fx("cli/formula_chats.csv"));
    // EXPECTED.md: nets 100.00 (the full-width cell １００．００) and 150.00; at 3%: 3.00 + 4.50 = 7.50.
    let total = |v: &serde_json::Value| v["totals"]["commission"].as_f64().unwrap();
    let (v, _) = json(&["commission", &orders, "--chats", &chats, "--rate", "３％"]);
    assert_eq!(total(&v), 7.5, "{v}");
    assert_eq!(v["totals"]["paid"].as_f64(), Some(300.0), "{v}");
    let dir = scratch();
    std::fs::write(dir.path().join("cs-tools.toml"), "[commission]\nrate = \"３％\"\n").unwrap();
    let (v, _) = json_in(dir.path(), &["commission", &orders, "--chats", &chats]);
    assert_eq!(total(&v), 7.5, "{v}");
}

#[test]
fn a_missing_column_is_named_by_its_chinese_headers_and_aliases() {
    let file = fx("orders_missing_paid_time.csv");
    let r = run(&["commission", &file, "--lang", "en"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    let want = format!(
        "  {file}: it looks like orders but has no column for 订单付款时间 (paid_at; also 买家付款时间, 付款时间, \
         付款确认时间, …) — or 订单状态 (status) and 订单创建时间 (created_at)"
    );
    assert!(r.stderr.lines().any(|l| l == want), "{}", r.stderr);
    let r = run(&["commission", &file]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(r.stderr.starts_with("cs-tools: 输入中没有找到订单表或客服绩效报表：\n"), "{}", r.stderr);
    let want = format!(
        "  {file}：像是订单表，但缺少这些列：订单付款时间（paid_at；又作 买家付款时间、付款时间、付款确认时间…）；\
         或者 订单状态（status）和订单创建时间（created_at）"
    );
    assert!(r.stderr.lines().any(|l| l == want), "{}", r.stderr);
    assert!(
        r.stderr.ends_with("\n请在 cs-tools.toml 的 [columns.orders] 中写明列名，或用 `cs-tools inspect` 检查文件。\n"),
        "{}",
        r.stderr
    );
}

// ---- 12. small things ----------------------------------------------------------------------

#[test]
fn inspect_prints_each_files_block_together() {
    let (orders, schedule) = (fx("taobao_orders_gbk.csv"), fx("schedule/schedule.csv"));
    let r = run(&["inspect", &orders, &schedule, "--lang", "en"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let at = |s: &str| r.stdout.find(s).unwrap_or_else(|| panic!("no {s:?} in:\n{}", r.stdout));
    let orders_block = at(&format!("{orders} — "));
    let orders_problems = at("  2 row problems:");
    let schedule_block = at(&format!("{schedule} — "));
    let schedule_sheet = at("  (text): a schedule (排班表) — 4 agents, 2026-10-01 … 2026-10-31");
    assert!(orders_block < orders_problems && orders_problems < schedule_block, "{}", r.stdout);
    assert!(schedule_block < schedule_sheet, "{}", r.stdout);
    assert!(r.stdout.trim_end().ends_with("  no row problems"), "the schedule file's own line ends it:\n{}", r.stdout);
}

#[test]
fn a_duplicate_row_shows_its_order_id_under_the_order_id_column() {
    let v = run_json(&["inspect", &fx("taobao_orders_gbk.csv")]);
    let dup = v["problems"].as_array().unwrap().iter().find(|p| p["row"] == 17).expect("row 17 is a problem");
    assert_eq!(dup["column"], "订单编号");
    assert_eq!(dup["value"], "3864012345678901115");
}

#[test]
fn summaries_count_in_the_singular_and_leave_out_counts_they_do_not_have() {
    // fixtures/EXPECTED.md §1: one paid order on 2026-09-28 (row 13, 小王 300.00); tiered: 1% → 3.00.
    let r = run(&[
        "commission",
        &fx("taobao_orders_gbk.csv"),
        "--config",
        &fx("configs/tiered.toml"),
        "--from",
        "2026-09-28",
        "--to",
        "2026-09-28",
        "--lang",
        "en",
    ]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(
        r.stdout.lines().next(),
        Some("commission 2026-09-28 – 2026-09-28: 19 rows read, 1 agent, 1 order, net ¥300.00, commission ¥3.00")
    );
    // A per-agent report has no order count: none is printed (was "2 agents, - orders").
    let r = run(&["commission", &fx("agent_reports/pdd_agents.csv"), "--lang", "en"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let first = r.stdout.lines().next().unwrap_or_default();
    assert!(first.starts_with("commission as exported: 2 rows read, 2 agents, net ¥"), "{first}");
    assert!(!first.contains("orders"), "{first}");
}

#[test]
fn inspect_files_has_help_text() {
    let r = run(&["inspect", "--help", "--lang", "en"]);
    assert_eq!(r.code, Some(0));
    assert!(r.stdout.contains("Exports of any kind (xlsx, xls, csv, 千牛 text, schedules)"), "{}", r.stdout);
}

#[test]
fn the_installed_build_has_no_debug_info_and_a_profiling_profile_keeps_it() {
    let manifest: toml::Table =
        toml::from_str(&std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml")).unwrap()).unwrap();
    let profile = &manifest["profile"];
    assert_eq!(profile["release"]["debug"], toml::Value::Boolean(false));
    assert_eq!(profile["profiling"]["inherits"].as_str(), Some("release"));
    assert_eq!(profile["profiling"]["debug"].as_integer(), Some(1));
}

// ---- 13. formula injection in CSV ----------------------------------------------------------

#[test]
fn every_commands_csv_neutralises_text_a_spreadsheet_would_run() {
    let (orders, chats, schedule) =
        (fx("cli/formula_orders.csv"), fx("cli/formula_chats.csv"), fx("cli/formula_schedule.csv"));
    let shifts = fx("schedule/shifts.toml");
    let runs: Vec<Vec<&str>> = vec![
        vec!["commission", &orders, "--chats", &chats],
        vec!["conversion", &chats, "--orders", &orders],
        vec!["lost", &chats, "--orders", &orders],
        vec!["scorecard", &chats, "--orders", &orders],
        vec!["daily", &chats, "--orders", &orders, "--day", "2026-10-05"],
        vec!["report", &orders, &chats],
        vec!["schedule", &schedule, "--chats", &chats, "--config", &shifts],
    ];
    let mut agents_seen = 0;
    for args in runs {
        let mut all = args.clone();
        all.extend(["--format", "csv"]);
        let r = run(&all);
        assert_eq!(r.code, Some(0), "{all:?}: {}", r.stderr);
        let rows = csv_rows(&r.stdout);
        assert!(!rows.is_empty(), "{all:?}");
        for cell in rows.iter().flatten() {
            let risky = cell.starts_with(['=', '+', '@', '\t', '\r'])
                || (cell.starts_with('-') && cell.parse::<f64>().is_err() && cell != "-");
            assert!(!risky, "{all:?}: cell {cell:?} would run as a formula:\n{}", r.stdout);
        }
        let names: Vec<&String> = rows.iter().flatten().filter(|c| c.starts_with('\'')).collect();
        if ["commission", "conversion", "scorecard", "daily"].contains(&args[0]) {
            agents_seen += 1;
            for want in ["'@SUM(1)", "'=cmd|' /C calc'!A0"] {
                assert!(names.iter().any(|c| *c == want), "{all:?}: no {want:?} in\n{}", r.stdout);
            }
        }
    }
    assert_eq!(agents_seen, 4);
    // EXPECTED.md: B's row in the commission CSV, neutralised name and figures to the fen.
    let r = run(&["commission", &orders, "--chats", &chats, "--format", "csv"]);
    let rows = csv_rows(&r.stdout);
    let b = rows.iter().find(|r| r[0] == "'=cmd|' /C calc'!A0").expect("B's row");
    assert_eq!(b[1..5], ["1", "200.00", "50.00", "150.00"]);
    assert_eq!(b.last().map(String::as_str), Some("3.00"));
    let a = rows.iter().find(|r| r[0] == "'@SUM(1)").expect("A's row");
    assert_eq!(a[1..5], ["1", "100.00", "0.00", "100.00"]);
    // conversion: C (`-2+3`) converted nothing: 0.0%, a rate, not a name.
    let r = run(&["conversion", &chats, "--orders", &orders, "--format", "csv"]);
    let rows = csv_rows(&r.stdout);
    let c = rows.iter().find(|r| r[0] == "'-2+3").expect("C's row");
    assert_eq!(c[6], "0.0%");
    let team = rows.iter().find(|r| r[0] == "团队").expect("the team row");
    assert_eq!(team[6], "66.7%", "2 of 3 inquiries paid");
}

// ---- 14. completions and the man page ------------------------------------------------------

#[test]
fn completions_for_every_shell_name_the_commands() {
    for (shell, marker) in [
        ("bash", "complete -F _cs__tools"),
        ("zsh", "#compdef cs-tools"),
        ("fish", "complete -c cs-tools"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let r = run(&["completions", shell]);
        assert_eq!(r.code, Some(0), "{shell}: {}", r.stderr);
        assert!(r.stdout.contains(marker), "{shell}: no {marker:?}");
        assert!(r.stdout.contains("commission") && r.stdout.contains("month"), "{shell}");
    }
    assert_eq!(run(&["completions", "tcsh"]).code, Some(2));
}

#[test]
fn the_man_page_comes_from_the_same_definitions_as_help() {
    let r = run(&["man"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stdout.contains(".TH cs-tools 1"), "{}", &r.stdout[..200.min(r.stdout.len())]);
    assert!(r.stdout.contains("Per\\-agent commission"), "the subcommands are listed");
    let dir = scratch();
    let r = run_in(dir.path(), &["man", "--dir", "."]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let files = files_in(dir.path());
    for page in ["cs-tools.1", "cs-tools-commission.1", "cs-tools-report.1", "cs-tools-completions.1"] {
        assert!(files.iter().any(|f| f == page), "{page} not in {files:?}");
    }
    let commission = std::fs::read_to_string(dir.path().join("cs-tools-commission.1")).unwrap();
    assert!(commission.contains("\\-\\-rate"), "the command's options are on its page");
}

// ---- init ------------------------------------------------------------------------------------

#[test]
fn init_says_what_it_wrote_and_will_not_replace_a_config_unasked() {
    let dir = scratch();
    let r = run_in(dir.path(), &["init"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(r.stdout, "已写入 cs-tools.toml：包含每项设置及其默认值；请先填写 [agents] 和 [commission]\n");
    let r = run_in(dir.path(), &["init"]);
    assert_eq!(r.code, Some(1));
    assert_eq!(r.stderr, "cs-tools: cs-tools.toml 已存在：保留它，或用 `cs-tools init --force` 覆盖\n");
    let r = run_in(dir.path(), &["init", "--lang", "en"]);
    assert_eq!(
        r.stderr,
        "cs-tools: cs-tools.toml already exists: keep it, or replace it with `cs-tools init --force`\n"
    );
    let r = run_in(dir.path(), &["init", "--force", "--lang", "en"]);
    assert_eq!(r.stdout, "wrote cs-tools.toml: every setting with its default; edit [agents] and [commission] first\n");
}

// ---- 15. what a run says, in Chinese by default --------------------------------------------

#[test]
fn an_empty_period_is_said_in_chinese_by_default() {
    let orders = fx("taobao_orders_gbk.csv");
    let dir = scratch();
    let r = run_in(dir.path(), &["commission", &orders, "--month", "2026-11"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert_eq!(
        r.stderr,
        format!(
            "cs-tools: {orders} 中没有 2026-11-01 至 2026-11-30 的已付款订单：文件中的已付款订单从 2026-09-28 到 \
             2026-10-31。没有写出任何文件：请重新导出这个时段，或用 --month 或 --from/--to 另选时段\n"
        )
    );
    let (chats, orders) = (fx("cli/formula_chats.csv"), fx("cli/formula_orders.csv"));
    let r = run_in(dir.path(), &["daily", &chats, "--orders", &orders, "--day", "2026-10-06"]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert_eq!(
        r.stderr,
        format!(
            "cs-tools: {chats} 中没有 2026-10-06 的聊天记录：文件中只有 2026-10-05 一天的聊天记录。没有写出任何文件：\
             请重新导出这个时段，或用 --day 另选时段\n"
        )
    );
    assert!(files_in(dir.path()).is_empty());
}

#[test]
fn the_summary_notes_and_row_problems_are_said_in_chinese_by_default() {
    let orders = fx("taobao_orders_gbk.csv");
    let dir = scratch();
    let r = run_in(dir.path(), &["commission", &orders, "--config", &fx("configs/tiered.toml"), "--month", "2026-10"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    // fixtures/EXPECTED.md §1f: October, 3 agents, 13 orders, 2 of them 未归属.
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "提成 2026-10-01 – 2026-10-31：读取 19 行，3 名客服，13 单，净销售额 ¥3,544.40，提成 ¥89.53；未归属 2 单，净销售额 ¥287.90",
            "规则：超额累进 ≥¥0.00 1%, ≥¥500.00 2%, ≥¥1,000.00 3% · 基数：净销售额（扣除退款）",
            "已写入 commission-2026-10.xlsx",
        ],
        "{}",
        r.stdout
    );
    assert_eq!(r.stderr, "2 行有问题：已列在报告的“问题”工作表中\n");

    let r = run_in(dir.path(), &["commission", &orders, "--format", "json"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let want = "2 行有问题：--format json 不写工作簿；用 `cs-tools inspect FILES…` 查看，或去掉 --format 写出含“问题”工作表的 xlsx 报告";
    assert!(r.stderr.lines().any(|l| l == want), "{}", r.stderr);
    assert!(r.stderr.lines().any(|l| l == "提示：没有配置文件，也没有 --rate：按默认统一 2% 计算提成"), "{}", r.stderr);
    let note = "提示：不知道任何客服的名字，所以全部 15 单都是未归属。请写明客服：`cs-tools init` 会写出 cs-tools.toml，\
                在 [agents] 下列出客服（\"小王\" = [\"工号07\"]），备注中提到他们的订单就会算给他们；或者导出带“客服”列的订单；\
                或者用 --chats 给出聊天记录";
    assert!(r.stderr.lines().any(|l| l == note), "{}", r.stderr);

    let r = run_in(dir.path(), &["commission", &orders, "-o", &orders]);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert_eq!(r.stderr, format!("cs-tools: 输出文件 {orders} 是输入文件之一：请用 -o 换一个文件名\n"));
}

#[test]
fn inspect_says_in_chinese_what_it_sees_by_default() {
    let (orders, schedule) = (fx("taobao_orders_gbk.csv"), fx("schedule/schedule.csv"));
    let r = run(&["inspect", &orders, &schedule]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    for want in [
        format!("{orders} — 文本表格（gb18030，逗号分隔），5383 字节").as_str(),
        "  （文本）：订单表 — 表头在第 1 行，19 行数据，2026-09-28 … 2026-10-31",
        // The fields (and the mapping above, by their ids) as the export's headers name them.
        "    order_id             ← 订单编号",
        "    表中没有：子订单编号、退款状态、客服",
        "  2 行有问题：",
        format!("    {orders} 第 12 行“买家实际支付金额”列：“abc” — 不是金额（整行不计）").as_str(),
        "  （文本）：排班表 — 4 名客服，2026-10-01 … 2026-10-31",
        "    日期在第 3 行",
        "    姓名在 A 列：表头为“姓名”",
        "    年月：2026-10，取自标题“2026年10月客服排班表”",
        "  没有问题行",
    ] {
        assert!(lines.contains(&want), "no {want:?} in:\n{}", r.stdout);
    }
}

// ---- 16. --help and usage errors in Chinese ------------------------------------------------

fn english_lines(text: &str) -> Vec<&str> {
    text.lines().filter(|l| english_sentence(l).is_some()).collect()
}

#[test]
fn the_english_sentence_finder_finds_english_and_not_what_is_quoted() {
    assert!(english_sentence("Print this message or the help").is_some());
    assert!(english_sentence("  -h, --help         打印帮助").is_none());
    assert!(
        english_sentence("  cs-tools commission orders.xlsx --month last --config cs-tools.toml -o payroll.xlsx")
            .is_none()
    );
    assert!(english_sentence("[默认：zh] [possible values: zh, en] `cs-tools man > a b c`").is_none());
}

#[test]
fn help_is_in_chinese_by_default() {
    for args in [&["--help"][..], &["-h"], &["help"]] {
        let r = run(args);
        assert_eq!(r.code, Some(0), "{args:?}: {}", r.stderr);
        assert_eq!(english_lines(&r.stdout), Vec::<&str>::new(), "{args:?}:\n{}", r.stdout);
        for line in [
            "电商客服团队的提成、询单转化和服务报表，由店铺导出的订单表和聊天记录生成。",
            "用法：cs-tools [OPTIONS] <COMMAND>",
            "命令：",
            "  commission   按客服计算提成，用于发工资；数据来自订单报表或客服绩效报表",
            "  help         打印本说明，或所给命令的说明",
            "选项：",
            "      --lang <LANG>  报表和所有提示的语言：zh（默认）或 en [默认：zh] [可选值：zh, en]",
            "  -h, --help         打印帮助",
            "  -V, --version      打印版本号",
            "示例：",
            "  cs-tools inspect export.xls                        看 cs-tools 从文件里读到了什么",
        ] {
            assert!(r.stdout.lines().any(|l| l == line), "{args:?}: no line {line:?} in\n{}", r.stdout);
        }
    }
    for args in [&["commission", "--help"][..], &["help", "commission"]] {
        let r = run(args);
        assert_eq!(r.code, Some(0), "{args:?}: {}", r.stderr);
        assert_eq!(english_lines(&r.stdout), Vec::<&str>::new(), "{args:?}:\n{}", r.stdout);
        for line in [
            "用法：cs-tools commission [OPTIONS] <ORDERS>...",
            "参数：",
            "          订单报表（xlsx、xls、csv…）或客服绩效报表",
            "          一个自然月，YYYY-MM；`last` 表示上个月",
            "          可选值：",
            "          - markdown：发到群里的简短摘要，用钉钉/企业微信机器人能显示的 Markdown",
            "          [默认：xlsx]",
            "  -h, --help",
            "          打印帮助（'-h' 只显示摘要）",
        ] {
            assert!(r.stdout.lines().any(|l| l == line), "{args:?}: no line {line:?} in\n{}", r.stdout);
        }
    }
    let r = run(&["commission", "-h"]);
    assert!(r.stdout.contains("\n  -h, --help                 打印帮助（'--help' 显示完整说明）\n"), "{}", r.stdout);
    // Every command's help, short and long.
    let commands = ["conversion", "lost", "qa", "scorecard", "daily", "report", "schedule", "inspect", "init"];
    let more = ["history", "completions", "man", "history list", "history import", "history export", "history forget"];
    for command in commands.iter().chain(&more) {
        for flag in ["-h", "--help"] {
            let mut args: Vec<&str> = command.split(' ').collect();
            args.push(flag);
            let r = run(&args);
            assert_eq!(r.code, Some(0), "{args:?}: {}", r.stderr);
            assert!(r.stdout.contains("用法：cs-tools "), "{args:?}:\n{}", r.stdout);
            assert_eq!(english_lines(&r.stdout), Vec::<&str>::new(), "{args:?}:\n{}", r.stdout);
        }
    }
}

#[test]
fn help_in_english_is_the_doc_comments() {
    let r = run(&["--help", "--lang", "en"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stdout.contains("\nUsage: cs-tools [OPTIONS] <COMMAND>\n\nCommands:\n"), "{}", r.stdout);
    assert!(r.stdout.contains("\n  -h, --help         Print help\n"), "{}", r.stdout);
    assert!(r.stdout.contains("\nExamples:\n  cs-tools commission 订单报表.csv "), "{}", r.stdout);
    let r = run(&["commission", "--help", "--lang", "en"]);
    assert!(r.stdout.contains("          - text:     The same summary as plain text\n"), "{}", r.stdout);
    assert!(r.stdout.contains("\n          [default: zh]\n          [possible values: zh, en]\n"), "{}", r.stdout);
}

#[test]
fn an_unknown_option_is_said_in_chinese_with_the_option_meant() {
    let orders = fx("taobao_orders_gbk.csv");
    let r = run(&["commission", &orders, "--rat", "2%"]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert_eq!(
        r.stderr,
        "错误：不认识的参数 '--rat'\n\n  提示：有一个相近的参数：'--rate'\n\n用法：cs-tools commission --rate <RATE> \
         <ORDERS>...\n\n用 '--help' 查看更多说明。\n"
    );
    assert!(r.stdout.is_empty());
    let r = run(&["commission", &orders, "--rat", "2%", "--lang", "en"]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(
        r.stderr
            .starts_with("error: unexpected argument '--rat' found\n\n  tip: a similar argument exists: '--rate'\n"),
        "{}",
        r.stderr
    );
    // clap's tip for what looks like an option but is none: said in Chinese too.
    let r = run(&["commission", "x.csv", "--xyzzyq"]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(r.stderr.contains("\n  提示：要把 '--xyzzyq' 当作值，请写成 '-- --xyzzyq'\n"), "{}", r.stderr);
    let r = run(&["commision", "x.csv"]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(
        r.stderr.starts_with(
            "错误：不认识的命令 'commision'\n\n  提示：有几个相近的命令：'conversion'、'completions'、'commission'\n"
        ),
        "{}",
        r.stderr
    );
}

#[test]
fn a_bad_value_is_said_in_chinese() {
    let orders = fx("taobao_orders_gbk.csv");
    let r = run(&["commission", &orders, "--month", "2026-13"]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert_eq!(
        r.stderr,
        "错误：'--month <MONTH>' 的值 '2026-13' 无效：“2026-13” 不是月份：请写 YYYY-MM（如 2026-10）或 `last`\n\n\
         用 '--help' 查看更多说明。\n"
    );
    let r = run(&["commission", &orders, "--format", "pdf"]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(
        r.stderr.starts_with(
            "错误：'--format <FORMAT>' 的值 'pdf' 无效\n  [可选值：xlsx, csv, json, table, markdown, text]\n"
        ),
        "{}",
        r.stderr
    );
    let r = run(&["commission", &orders, "--rate", "150%"]);
    assert!(r.stderr.starts_with("错误：'--rate <RATE>' 的值 '150%' 无效：“150%” 超出了 0–100%"), "{}", r.stderr);
    let r = run(&["commission"]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(
        r.stderr.starts_with("错误：缺少必需的参数：\n  <ORDERS>...\n\n用法：cs-tools commission "),
        "{}",
        r.stderr
    );
}

#[test]
fn what_the_options_cannot_say_together_is_said_in_chinese() {
    let orders = fx("taobao_orders_gbk.csv");
    let r = run(&["commission", &orders, "--from", "2026-10-10", "--to", "2026-10-01"]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert_eq!(
        r.stderr,
        "错误：--from 2026-10-10 晚于 --to 2026-10-01：时段从 --from 到 --to，两天都包括在内\n\n\
         用法：cs-tools commission [OPTIONS] <ORDERS>...\n\n用 '--help' 查看更多说明。\n"
    );
    let dir = scratch();
    let r = run_in(dir.path(), &["commission", &orders, "-o", "x.csv", "--format", "json"]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(
        r.stderr.starts_with("错误：-o x.csv 是 csv 文件，但 --format 是 json：把文件名改成 .json，或去掉 --format\n"),
        "{}",
        r.stderr
    );
    let r = run_in(dir.path(), &["lost", &fx("month/chats.csv"), "--format", "markdown"]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(
        r.stderr.starts_with(
            "错误：--format markdown（群消息摘要）只有 daily、conversion、commission 和 report 能生成；lost 可以输出 \
             table、csv 或 json\n"
        ),
        "{}",
        r.stderr
    );
    assert!(files_in(dir.path()).is_empty());
}
