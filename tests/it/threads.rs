//! `--threads N` (issue 15): several input files read at once give the same reports, byte for
//! byte, as one file after another. The xlsx runs set the thread count with CS_TOOLS_THREADS so
//! that the command line the Rules sheet records is the same; the JSON runs use `--threads`.
//! Inputs: fixtures/month (three chat files in three formats, two order exports, see its
//! EXPECTED.md) and fixtures/chats (four chat files with two row problems, EXPECTED.md §7).

use crate::common::{cs_tools_in, fx, scratch, sheet_text};
use std::path::Path;

/// Runs cs-tools in `dir` with `env` set; returns stdout, stderr, and fails on a non-zero exit.
fn run(dir: &Path, env: &[(&str, &str)], args: &[String]) -> (Vec<u8>, String) {
    let mut cmd = cs_tools_in(dir);
    cmd.env_remove("CS_TOOLS_THREADS");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "cs-tools {args:?} failed: {stderr}");
    (out.stdout, stderr)
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|a| a.strip_prefix("fixtures/").map_or_else(|| a.to_string(), fx)).collect()
}

/// The xlsx (same relative output name, so the same command line) with 1 and 4 threads, and
/// the JSON with `--threads 1` and `--threads 4`, must be identical. Returns the 1-thread xlsx.
fn same_with_1_and_4_threads(args: &[&str], keep: &Path) -> std::path::PathBuf {
    let args = strings(args);
    let mut books = Vec::new();
    for n in ["1", "4"] {
        let dir = scratch();
        let mut a = args.clone();
        a.extend(["-o".into(), "out.xlsx".into(), "-q".into()]);
        run(dir.path(), &[("CS_TOOLS_THREADS", n)], &a);
        books.push(std::fs::read(dir.path().join("out.xlsx")).unwrap());
    }
    assert!(books[0] == books[1], "{args:?}: the xlsx differs between 1 and 4 threads");
    let mut outputs = Vec::new();
    for n in ["1", "4"] {
        let dir = scratch();
        let mut a = args.clone();
        a.extend(["--format".into(), "json".into(), "--threads".into(), n.into()]);
        outputs.push(run(dir.path(), &[], &a));
    }
    assert_eq!(outputs[0].0, outputs[1].0, "{args:?}: the JSON differs between --threads 1 and 4");
    assert_eq!(outputs[0].1, outputs[1].1, "{args:?}: the notes on stderr differ between --threads 1 and 4");
    let path = keep.join(format!("{}.xlsx", args[0]));
    std::fs::write(&path, &books[0]).unwrap();
    path
}

const MONTH: [&str; 5] = [
    "fixtures/month/chats.csv",
    "fixtures/month/chats.xlsx",
    "fixtures/month/chats.txt",
    "fixtures/month/orders.xlsx",
    "fixtures/month/orders_gbk.csv",
];

#[test]
fn month_reports_are_the_same_with_one_and_four_threads() {
    let keep = scratch();
    let [csv, xlsx, txt, orders, gbk] = MONTH;
    let m = ["--month", "2026-10"];
    same_with_1_and_4_threads(
        &[&["conversion", csv, xlsx, txt, "--orders", orders, gbk][..], &m].concat(),
        keep.path(),
    );
    same_with_1_and_4_threads(&[&["lost", csv, xlsx, txt, "--orders", orders, gbk][..], &m].concat(), keep.path());
    same_with_1_and_4_threads(&[&["commission", orders, gbk, "--chats", csv, xlsx, txt][..], &m].concat(), keep.path());
    same_with_1_and_4_threads(&[&["report", csv, xlsx, txt, orders, gbk][..], &m].concat(), keep.path());
}

/// fixtures/chats/EXPECTED.md: two row problems, messages_gbk.csv line 6 and qianniu.txt line
/// 41, listed in that order (the files' order on the command line) whatever the thread count.
#[test]
fn row_problems_keep_the_input_order_with_four_threads() {
    let keep = scratch();
    let config = ["--config", "fixtures/chats/chat.toml"];
    let chats = [
        "fixtures/chats/messages.xlsx",
        "fixtures/chats/messages_gbk.csv",
        "fixtures/chats/qianniu.txt",
        "fixtures/chats/sessions.xlsx",
    ];
    let orders = "fixtures/chats/orders.xlsx";
    for cmd in ["conversion", "lost"] {
        let book =
            same_with_1_and_4_threads(&[&[cmd][..], &chats, &["--orders", orders], &config].concat(), keep.path());
        let issues = sheet_text(&book, "问题");
        let places: Vec<(String, String)> = issues
            .iter()
            .skip(1)
            .filter(|r| !r.iter().all(|c| c.is_empty()))
            .map(|r| {
                let file = r[0].rsplit('/').next().unwrap().to_string();
                (file, r[2].clone())
            })
            .collect();
        assert_eq!(
            places,
            [("messages_gbk.csv".to_string(), "6".to_string()), ("qianniu.txt".to_string(), "41".to_string())],
            "{cmd}: the Issues sheet, {issues:?}"
        );
    }
    let report = [&["report", orders][..], &chats[..3], &config].concat();
    same_with_1_and_4_threads(&report, keep.path());
    let commission = [&["commission", orders, "--chats"][..], &chats[..3], &config].concat();
    same_with_1_and_4_threads(&commission, keep.path());
}

#[test]
fn zero_threads_is_refused() {
    let dir = scratch();
    let out = cs_tools_in(dir.path())
        .args(strings(&["conversion", MONTH[0], "--orders", MONTH[3], "--threads", "0"]))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "a usage error");
    assert!(String::from_utf8_lossy(&out.stderr).contains("--threads"));
}

/// One workbook holding the month's chats and orders as two sheets (as a lead who pastes
/// every export into one file): `report` reads the chat sheet first, stops at the order
/// sheet's header, and reads the order sheet in a second pass; with a spare thread the
/// workbook is parsed on it. Figures as from the two files read apart (fixtures/month/
/// EXPECTED.md: sales ¥171,519.61, 107 inquiring buyers, 53 paid), the same with 1 and 4 threads.
#[test]
fn one_workbook_of_chats_and_orders_reads_as_the_two_files() {
    let dir = scratch();
    let book_path = dir.path().join("all.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let chats = std::fs::read_to_string(fx("month/chats.csv")).unwrap();
    let gbk = std::fs::read(fx("month/orders_gbk.csv")).unwrap();
    let (orders, _, _) = encoding_rs::GB18030.decode(&gbk);
    for (name, text) in [("聊天记录", chats.as_str()), ("订单", orders.as_ref())] {
        let sheet = book.add_worksheet();
        sheet.set_name(name).unwrap();
        let mut rows = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
        for (r, record) in rows.records().enumerate() {
            for (c, field) in record.unwrap().iter().enumerate() {
                sheet.write_string(r as u32, c as u16, field).unwrap();
            }
        }
    }
    book.save(&book_path).unwrap();
    let totals = |args: &[String]| {
        let (out, _) = run(dir.path(), &[], args);
        let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let t = &json["totals"];
        (t["sales"].as_f64(), t["inquiries"].as_u64(), t["paid_buyers"].as_u64(), t["commission"].as_f64())
    };
    let month = ["--month", "2026-10", "--format", "json", "--threads"];
    let apart = strings(&["report", "fixtures/month/chats.csv", "fixtures/month/orders_gbk.csv"]);
    let expected =
        (Some(171_519.61), Some(107), Some(53), totals(&[&apart[..], &strings(&month), &["1".into()]].concat()).3);
    for n in ["1", "4"] {
        let args: Vec<String> =
            ["report", "all.xlsx"].iter().chain(&month).chain(&[n]).map(|s| s.to_string()).collect();
        assert_eq!(totals(&args), expected, "report all.xlsx --threads {n}");
    }
    let keep = scratch();
    let all = book_path.display().to_string();
    same_with_1_and_4_threads(&["report", &all, "--month", "2026-10"], keep.path());
    same_with_1_and_4_threads(&["conversion", &all, "--orders", &all, "--month", "2026-10"], keep.path());
}

/// `CS_TOOLS_TIMINGS=1` (README, speed and memory) names each phase of the run on stderr, in
/// the order they run, with its time and memory; it changes nothing in the report, and
/// without it nothing is said.
#[test]
fn timings_name_each_phase_in_order_and_change_nothing() {
    let args = strings(&[
        "conversion",
        "fixtures/month/chats.csv",
        "--orders",
        "fixtures/month/orders.xlsx",
        "--threads",
        "1",
        "-o",
        "out.xlsx",
    ]);
    let (with, without) = (scratch(), scratch());
    let (_, timed) = run(with.path(), &[("CS_TOOLS_TIMINGS", "1")], &args);
    let (_, quiet) = run(without.path(), &[], &args);
    let phases: Vec<&str> = timed
        .lines()
        .filter_map(|l| l.strip_prefix("timings:"))
        .map(|l| l.rsplit(')').next().unwrap_or("").trim())
        .collect();
    assert_eq!(
        phases,
        [
            "start",
            "chats read",
            "receptions built",
            "orders read",
            "orders merged",
            "orders attributed",
            "conversion computed",
            "month compared",
            "workbook written"
        ]
    );
    assert!(timed.lines().filter(|l| l.starts_with("timings:")).all(|l| l.contains(" s ") && l.contains(" MB ")));
    assert!(!quiet.contains("timings:"), "{quiet}");
    assert_eq!(
        std::fs::read(with.path().join("out.xlsx")).unwrap(),
        std::fs::read(without.path().join("out.xlsx")).unwrap()
    );
}
