//! Every message a person reads is Chinese by default (docs/decisions.md, "Language"): the
//! error paths of every command, its notes and summary lines, `inspect` and `--help`, run
//! without `--lang`, say no English sentence on stderr or stdout. What a message quotes as
//! written (file names, options, config lines, headers, a library's technical detail) is not
//! a sentence of the message.

use crate::common::{english_sentence, fx, run_in, scratch};

const MONTH: [&str; 2] = ["--month", "2026-10"];

#[test]
fn technical_detail_and_config_lines_are_not_sentences() {
    assert_eq!(english_sentence("cs-tools: cannot write the report").as_deref(), Some("cannot write the"));
    assert_eq!(english_sentence("提示：没有 cs-tools.toml，也没有 --rate：按默认 2% 计"), None);
    assert_eq!(english_sentence("请在 [agents] 下写 \"小王\" = [\"the agent id\"]"), None);
    assert_eq!(english_sentence("打不开（技术信息：invalid Zip archive here）"), None);
    assert_eq!(english_sentence("用 `cs-tools inspect FILES…` 查看"), None);
}

/// Each run: the arguments (`{F}` is the fixtures folder, `{OUT}` a scratch folder).
fn runs() -> Vec<(String, Vec<String>)> {
    let f = |name: &str| fx(name);
    let mut runs: Vec<(String, Vec<String>)> = Vec::new();
    let mut add = |name: &str, args: Vec<String>| runs.push((name.to_string(), args));
    let s = |v: &[&str]| v.iter().map(|a| a.to_string()).collect::<Vec<_>>();
    let month = s(&MONTH);

    // Every command that writes, on its usual inputs, with its summary lines and notes.
    let orders = f("month/orders.xlsx");
    let chats = f("month/chats.csv");
    let with = |mut a: Vec<String>, more: &[String]| {
        a.extend_from_slice(more);
        a
    };
    add("commission", with(s(&["commission", &orders]), &month));
    add("commission tiered", s(&["commission", &f("taobao_orders_gbk.csv"), "--config", &f("configs/tiered.toml")]));
    add("commission gbk", with(s(&["commission", &f("month/orders_gbk.csv")]), &month));
    add(
        "commission tmall",
        s(&["commission", &f("exports/tmall_after_refund.csv"), &f("exports/tmall_partly_net.csv")]),
    );
    add("commission pdd", s(&["commission", &f("exports/pdd_orders.csv"), "--format", "json"]));
    add(
        "commission overlap",
        s(&[
            "commission",
            &f("overlap/ExportOrderList202610120900.csv"),
            &f("overlap/ExportOrderList202610190905.csv"),
        ]),
    );
    add("commission chitu", s(&["commission", &f("chitu_agent_report.xlsx")]));
    add("commission csv", s(&["commission", &orders, "-o", "{OUT}/x.csv"]));
    add("conversion", with(s(&["conversion", &chats, "--orders", &orders]), &month));
    add("lost", with(s(&["lost", &chats, "--orders", &orders]), &month));
    add("lost without orders", s(&["lost", &f("lost/chats.csv")]));
    add("qa", with(s(&["qa", &chats]), &month));
    add("scorecard", with(s(&["scorecard", &chats, "--orders", &orders]), &month));
    add(
        "scorecard ratings",
        s(&["scorecard", &f("chitu_agent_report.xlsx"), "--ratings", &f("agent_reports/ratings.xlsx")]),
    );
    add("daily", s(&["daily", &chats, "--orders", &orders, "--day", "2026-10-15"]));
    add("report", with(s(&["report", &chats, &orders]), &month));
    add(
        "report partial",
        with(s(&["report", &f("partial/chats_1001_1003.csv"), &f("partial/orders_1001_1002.csv")]), &month),
    );
    add("report no orders", with(s(&["report", &chats, "--no-orders"]), &month));
    add(
        "schedule",
        s(&[
            "schedule",
            &f("schedule/schedule.csv"),
            "--config",
            &f("schedule/shifts.toml"),
            "--chats",
            &f("schedule/chats.csv"),
        ]),
    );
    let (rc_chats, rc_orders, rc_report) =
        (f("reconcile/chats.csv"), f("reconcile/orders_gbk.csv"), f("reconcile/chitu_report.csv"));
    add("reconcile", s(&["reconcile", &rc_chats, "--orders", &rc_orders, "--against", &rc_report]));
    add("reconcile without a report", s(&["reconcile", &rc_chats, "--orders", &rc_orders, "--against", &rc_orders]));
    add("mask buyers", with(s(&["report", &chats, &orders, "--mask-buyers"]), &month));
    add("rates", s(&["conversion", &f("rates/chats.csv"), "--orders", &f("rates/orders.csv")]));
    add("inspect", s(&["inspect", &orders, &chats, &f("exports/tmall_partly_net.csv"), &f("exports/pdd_orders.csv")]));
    add("inspect schedule", s(&["inspect", &f("schedule/attendance.xlsx"), &f("schedule/feb_template.csv")]));
    add("inspect agent report", s(&["inspect", &f("chitu_agent_report.xlsx")]));
    add("init", s(&["init", "{OUT}/cs-tools.toml"]));
    add("history", s(&["history", "list"]));
    add("history missing", s(&["history", "list", "--history", "{OUT}/none.db"]));

    // Every bad input: the configurations with `commission`, the chats with `conversion`,
    // the rest with `commission` and `--strict`.
    let mut bad: Vec<String> = std::fs::read_dir(fx("bad"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".py") && !n.ends_with(".md"))
        .collect();
    bad.sort();
    for name in &bad {
        let path = f(&format!("bad/{name}"));
        if name.ends_with(".toml") {
            add(name, s(&["commission", &f("taobao_orders_gbk.csv"), "--config", &path]));
        } else if name.starts_with("chat") {
            add(name, s(&["conversion", &path, "--orders", &orders]));
        } else {
            add(name, s(&["commission", &path, "--strict"]));
        }
    }

    // Files, folders and periods that do not fit.
    for command in ["commission", "conversion", "lost", "qa", "scorecard", "daily", "report", "schedule", "inspect"] {
        add(&format!("{command} missing file"), s(&[command, "{OUT}/没有这个文件.csv"]));
    }
    add("a folder as a file", s(&["commission", &fx("bad")]));
    add("no such output folder", s(&["commission", &orders, "-o", "{OUT}/nope/x.xlsx"]));
    add("output is an input", s(&["commission", &orders, "-o", &orders]));
    add("empty period", s(&["commission", &orders, "--month", "2020-01"]));
    add("chats: empty period", s(&["conversion", &chats, "--orders", &orders, "--month", "2020-01"]));
    add("daily: orders do not reach", s(&["daily", &chats, "--orders", &orders, "--day", "2026-11-15"]));
    add("report without orders", with(s(&["report", &chats]), &month));
    add("chats given as orders", s(&["commission", &chats]));
    add("orders given as chats", s(&["conversion", &orders]));
    add("schedule without shifts", s(&["schedule", &f("schedule/schedule.csv")]));

    // Usage errors and help.
    add("no arguments", vec![]);
    add("unknown command", s(&["commision", "x.csv"]));
    add("unknown option", s(&["commission", &orders, "--rat", "2%"]));
    add("bad month", s(&["commission", &orders, "--month", "2026-13"]));
    add("bad rate", s(&["commission", &orders, "--rate", "abc"]));
    add("bad format", s(&["commission", &orders, "--format", "pdf"]));
    add("from after to", s(&["commission", &orders, "--from", "2026-10-05", "--to", "2026-10-01"]));
    add("file name and format disagree", s(&["commission", &orders, "-o", "x.csv", "--format", "json"]));
    add("no files", s(&["commission"]));
    add("markdown for lost", s(&["lost", &chats, "--format", "markdown"]));
    add("bad day", s(&["daily", &chats, "--day", "tomorrow"]));
    add("bad encoding", s(&["commission", &orders, "--encoding", "klingon"]));
    add("help", s(&["--help"]));
    for command in [
        "commission",
        "conversion",
        "lost",
        "qa",
        "scorecard",
        "daily",
        "report",
        "schedule",
        "inspect",
        "init",
        "history",
    ] {
        add(&format!("{command} --help"), s(&[command, "--help"]));
    }
    runs
}

#[test]
fn no_message_is_english_under_the_default_language() {
    let mut found: Vec<String> = Vec::new();
    for (name, args) in runs() {
        let dir = scratch();
        let out = dir.path().to_string_lossy().into_owned();
        let args: Vec<String> = args.iter().map(|a| a.replace("{OUT}", &out)).collect();
        let r = run_in(dir.path(), &args);
        // A workbook's run prints its summary; `--format json` prints data for scripts.
        let stdout_is_data =
            args.windows(2).any(|w| w[0] == "--format" && w[1] != "xlsx") && !args.contains(&"-o".into());
        let texts = if stdout_is_data { vec![&r.stderr] } else { vec![&r.stderr, &r.stdout] };
        for line in texts.into_iter().flat_map(|t| t.lines()) {
            let line = line.replace(&out, "OUT").replace(&fx(""), "");
            if let Some(sentence) = english_sentence(&line) {
                found.push(format!("[{name}] «{sentence}» in: {line}"));
            }
        }
    }
    found.dedup();
    assert!(found.is_empty(), "{} lines say English under the default language:\n{}", found.len(), found.join("\n"));
}
