//! Malformed and hostile inputs (fixtures/bad, written by fixtures/bad/make_bad.py): every
//! command that takes a kind of input is run on every such file. A data file must give a usable
//! report whose figures add up (exit 0) or be refused with a message that names it (exit 1,
//! nothing written); a config is judged here one by one: an invalid one must be refused with a
//! message that names the file and says what is wrong, a valid one (however odd) must be used
//! as it reads. Never a panic, a hang or a half-written report (docs/definitions.md#commands,
//! #formats, #bad-rows, #reports).
//!
//! Every run is checked and all violations are reported together, one line each.

use crate::common::{cs_tools_in, fx, fx_path, json, root, scratch};
use serde_json::Value;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Each input is under 200 KB and a normal run takes about a second of CPU in a debug build:
/// one that takes this long is a hang (or work quadratic in a cell's length). The limit is wall
/// time, and the other tests of the binary run beside these on a shared machine: it leaves
/// room for a loaded one (a 1 s run has been seen to take 3 s).
const TIMEOUT: Duration = Duration::from_secs(20);

fn fixture(rel: &str) -> OsString {
    fx_path(rel).into_os_string()
}

/// The corpus: every generated file in fixtures/bad (not the generator itself), sorted.
fn corpus() -> Vec<PathBuf> {
    let dir = root().join("fixtures/bad");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e} (run python3 fixtures/bad/make_bad.py)", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_none_or(|x| x != "py"))
        .collect();
    files.sort();
    assert!(files.len() >= 40, "fixtures/bad holds {} files; run python3 fixtures/bad/make_bad.py", files.len());
    files
}

fn is_config(path: &Path) -> bool {
    path.extension().is_some_and(|x| x == "toml")
}

/// What a run was asked to produce, and so what exit 0 must leave behind.
#[derive(Clone, Copy, PartialEq)]
enum Wants {
    /// `-o <out>/out.xlsx`: the report must exist there.
    Xlsx,
    /// `--format json`: stdout must be one JSON value, and no file is written.
    Json,
    /// `inspect` as text: stdout is free-form, and no file is written.
    Text,
}

/// How a run must end.
#[derive(Clone, Copy)]
enum Verdict {
    /// A data file: a report (exit 0) or a refusal that names the file (exit 1).
    ReportOrRefusal,
    /// A valid config, however odd: used (exit 0).
    Used,
    /// An invalid config: refused (exit 1) with a message that names the file and says at least
    /// one of these.
    Refused(&'static [&'static str]),
}

struct Run {
    /// The corpus file under test: an exit-1 message must name it.
    subject: PathBuf,
    /// The arguments; `{out}` is replaced by the output xlsx path.
    args: Vec<OsString>,
    wants: Wants,
    verdict: Verdict,
}

const OUT: &str = "{out}";

/// `argv![a, b, …]`: each argument (`&str`, `&OsString`) as an `OsString`.
macro_rules! argv {
    ($($a:expr),* $(,)?) => { vec![$(OsString::from($a)),*] };
}

/// Every command that reads orders or chats, with the file in each role it can take.
fn data_runs(file: &Path) -> Vec<Run> {
    let f = file.as_os_str().to_os_string();
    let taobao = fixture("taobao_orders_gbk.csv");
    let chats = fixture("chats/messages_gbk.csv");
    let run = |wants, a: Vec<OsString>| Run {
        subject: file.to_path_buf(),
        args: a,
        wants,
        verdict: Verdict::ReportOrRefusal,
    };
    vec![
        // as orders
        run(Wants::Json, argv!["commission", &f, "--format", "json"]),
        run(Wants::Xlsx, argv!["commission", &f, "-o", OUT]),
        run(Wants::Json, argv!["conversion", &chats, "--orders", &f, "--format", "json"]),
        // as chats
        run(Wants::Json, argv!["conversion", &f, "--orders", &taobao, "--format", "json"]),
        run(Wants::Xlsx, argv!["conversion", &f, "--orders", &taobao, "-o", OUT]),
        run(Wants::Json, argv!["lost", &f, "--format", "json"]),
        run(Wants::Xlsx, argv!["lost", &f, "-o", OUT]),
        run(Wants::Json, argv!["commission", &taobao, "--chats", &f, "--format", "json"]),
        run(Wants::Json, argv!["scorecard", &f, "--orders", &taobao, "--format", "json"]),
        run(Wants::Json, argv!["daily", &f, "--orders", &taobao, "--format", "json"]),
        // as ratings
        run(Wants::Json, argv!["scorecard", &chats, "--orders", &taobao, "--ratings", &f, "--format", "json"]),
        // as any export of the month
        run(Wants::Xlsx, argv!["report", &f, "-o", OUT]),
        run(Wants::Json, argv!["report", &f, &taobao, &chats, "--format", "json"]),
        // anything
        run(Wants::Text, argv!["inspect", &f]),
        run(Wants::Json, argv!["inspect", &f, "--format", "json"]),
    ]
}

/// Every command that takes a config, on good inputs, with the config under test.
fn config_runs(file: &Path, verdict: Verdict) -> Vec<Run> {
    let f = file.as_os_str().to_os_string();
    let taobao = fixture("taobao_orders_gbk.csv");
    let (chats, orders) = (fixture("chats/messages_gbk.csv"), fixture("chats/orders.xlsx"));
    let (roster, roster_chats) = (fixture("schedule/schedule.csv"), fixture("schedule/chats.csv"));
    let run = |wants, a: Vec<OsString>| Run { subject: file.to_path_buf(), args: a, wants, verdict };
    vec![
        run(Wants::Json, argv!["schedule", &roster, "--chats", &roster_chats, "--config", &f, "--format", "json"]),
        run(Wants::Json, argv!["scorecard", &chats, "--orders", &orders, "--config", &f, "--format", "json"]),
        run(Wants::Json, argv!["daily", &chats, "--orders", &orders, "--config", &f, "--format", "json"]),
        run(Wants::Xlsx, argv!["report", &chats, &orders, "--config", &f, "-o", OUT]),
        run(Wants::Json, argv!["commission", &taobao, "--config", &f, "--format", "json"]),
        run(Wants::Xlsx, argv!["commission", &taobao, "--config", &f, "-o", OUT]),
        run(
            Wants::Json,
            argv![
                "commission",
                &fixture("chats/orders.xlsx"),
                "--chats",
                &fixture("chats/messages_gbk.csv"),
                "--config",
                &f,
                "--format",
                "json"
            ],
        ),
        run(
            Wants::Json,
            argv![
                "conversion",
                &fixture("chats/messages_gbk.csv"),
                &fixture("chats/qianniu.txt"),
                "--orders",
                &fixture("chats/orders.xlsx"),
                "--config",
                &f,
                "--format",
                "json"
            ],
        ),
        run(
            Wants::Json,
            argv![
                "lost",
                &fixture("lost/chats.csv"),
                "--orders",
                &fixture("lost/orders.csv"),
                "--config",
                &f,
                "--format",
                "json"
            ],
        ),
    ]
}

/// Every file left under `dir`, as paths relative to it.
fn files_under(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                found.push(p.strip_prefix(dir).unwrap_or(&p).display().to_string());
            }
        }
    }
    found.sort();
    found
}

fn first_line(bytes: &[u8]) -> String {
    let s = String::from_utf8_lossy(bytes);
    let mut lines: Vec<&str> = s.lines().filter(|l| !l.trim().is_empty()).collect();
    lines.truncate(3);
    let joined = lines.join(" ⏎ ");
    if joined.chars().count() > 300 { joined.chars().take(300).collect::<String>() + "…" } else { joined }
}

/// What does not add up in a JSON summary that a run printed with exit 0: a commission's agents
/// and 未归属 against its totals (docs/definitions.md#reports), money below 0, the total
/// commission against the agents'; a lost report's reasons against its lost inquiries.
fn figures_that_do_not_add_up(v: &Value) -> Vec<String> {
    let mut wrong = Vec::new();
    let money = |v: &Value| v.as_f64();
    match v["command"].as_str() {
        Some("commission") => {
            let rows = v["rows"].as_array().map(Vec::as_slice).unwrap_or_default();
            let (t, u) = (&v["totals"], &v["unattributed"]);
            for key in ["paid", "refund", "net"] {
                let sum: Option<f64> =
                    rows.iter().chain([u].into_iter().filter(|u| u.is_object())).map(|r| money(&r[key])).sum();
                match (sum, money(&t[key])) {
                    (Some(sum), Some(total)) if (sum - total).abs() < 0.005 && total >= 0.0 => {}
                    (sum, total) => wrong.push(format!("Σ agents + 未归属 {key} {sum:?} against the total {total:?}")),
                }
            }
            if let Some(total) = t["orders"].as_u64() {
                let sum: u64 = rows.iter().chain([u]).filter_map(|r| r["orders"].as_u64()).sum();
                if sum != total {
                    wrong.push(format!("Σ agents + 未归属 orders {sum} against the total {total}"));
                }
            }
            let commission: Option<f64> = rows.iter().map(|r| money(&r["commission"])).sum();
            let negative = rows
                .iter()
                .any(|r| ["paid", "refund", "net", "commission"].iter().any(|k| money(&r[k]).is_some_and(|x| x < 0.0)));
            match (commission, money(&t["commission"])) {
                (Some(sum), Some(total)) if (sum - total).abs() < 0.005 && !negative => {}
                (sum, total) => wrong.push(format!(
                    "the agents' commissions {sum:?} (one below 0: {negative}) against the total {total:?}"
                )),
            }
        }
        Some("lost") => {
            let counted: Option<u64> =
                v["reasons"].as_array().map(|r| r.iter().filter_map(|r| r["count"].as_u64()).sum());
            if counted != v["totals"]["lost"].as_u64() {
                wrong.push(format!("the reasons count {counted:?} against {} lost inquiries", v["totals"]["lost"]));
            }
        }
        _ => {}
    }
    wrong
}

/// Runs one command in a fresh working directory and returns every rule it broke.
fn check(run: &Run) -> Vec<String> {
    let work = scratch();
    let out_dir = work.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let out_xlsx = out_dir.join("out.xlsx");
    let argv: Vec<OsString> =
        run.args.iter().map(|a| if a == OUT { out_xlsx.clone().into_os_string() } else { a.clone() }).collect();
    let name = run.subject.file_name().unwrap().to_string_lossy().to_string();
    let shown: Vec<String> = argv
        .iter()
        .map(|a| {
            let s = a.to_string_lossy();
            let s = s.strip_prefix(&format!("{}/", root().display())).unwrap_or(&s).to_string();
            s.replace(&out_dir.display().to_string(), "<tmp>")
        })
        .collect();
    let cmdline = format!("cs-tools {}", shown.join(" "));

    let started = Instant::now();
    let start = || cs_tools_in(work.path()).args(&argv).env_remove("RUST_BACKTRACE").timeout(TIMEOUT).output();
    // Under Wine, starting or waiting for a process now and then fails on its own (os error
    // 1359) though the program is fine: a failure to run is tried once more.
    let output = start().or_else(|_| start());
    let elapsed = started.elapsed();
    let output = match output {
        Ok(o) => o,
        Err(e) => return vec![format!("{name}: `{cmdline}`: could not run: {e}")],
    };
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    let mut broken = Vec::new();
    let mut fail = |what: String| broken.push(format!("{name}: `{cmdline}`: {what}"));

    let code = output.status.code();
    if code == Some(101) || stderr.contains("panicked") {
        fail(format!("PANIC (exit {code:?}): {}", first_line(&output.stderr)));
        return broken;
    }
    let left = files_under(work.path());
    let tmp_left: Vec<&String> = left.iter().filter(|p| p.ends_with(".tmp")).collect();
    match code {
        None if elapsed >= TIMEOUT => fail(format!("timed out after {}s (killed)", TIMEOUT.as_secs())),
        None => fail(format!("killed by a signal ({:?}): {}", output.status, first_line(&output.stderr))),
        Some(0) => {
            if let Verdict::Refused(says) = run.verdict {
                fail(format!("exit 0: an invalid config was used; it must be refused (exit 1) saying one of {says:?}"));
            }
            match run.wants {
                Wants::Xlsx => match std::fs::read(&out_xlsx) {
                    Ok(bytes) if bytes.starts_with(b"PK\x03\x04") => {}
                    Ok(_) => fail("exit 0 but the xlsx written is not a zip".into()),
                    Err(_) => fail(format!("exit 0 but no xlsx at the -o path; files left: {left:?}")),
                },
                Wants::Json => match serde_json::from_slice::<Value>(&output.stdout) {
                    Ok(v) => {
                        for what in figures_that_do_not_add_up(&v) {
                            fail(format!("exit 0 but {what}"));
                        }
                    }
                    Err(e) => fail(format!("exit 0 but stdout is not JSON ({e}): {}", first_line(&output.stdout))),
                },
                Wants::Text => {}
            }
            if !tmp_left.is_empty() {
                fail(format!("exit 0 but temporary files were left: {tmp_left:?}"));
            }
            if run.wants != Wants::Xlsx && !left.is_empty() {
                fail(format!("exit 0 with no xlsx requested, but files were written: {left:?}"));
            }
        }
        Some(1) => {
            if !stderr.contains(&name) {
                fail(format!("exit 1 but stderr does not name {name}: {}", first_line(&output.stderr)));
            }
            if stderr.trim().is_empty() {
                fail("exit 1 with an empty stderr".into());
            }
            if !left.is_empty() {
                fail(format!("exit 1 but files were left behind: {left:?}"));
            }
            match run.verdict {
                Verdict::Used => fail(format!("exit 1: a valid config was refused: {}", first_line(&output.stderr))),
                Verdict::Refused(says) if !says.iter().any(|s| stderr.contains(s)) => {
                    fail(format!("exit 1 but the message says none of {says:?}: {}", first_line(&output.stderr)))
                }
                _ => {}
            }
        }
        Some(other) => fail(format!("exit {other} (expected 0 or 1): {}", first_line(&output.stderr))),
    }
    broken
}

/// Runs all the runs on a few threads and fails once, listing every violation.
fn check_all(runs: Vec<Run>) {
    let total = runs.len();
    let queue = Mutex::new(runs.into_iter());
    let failures = Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(2, 8);
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                loop {
                    let Some(run) = queue.lock().unwrap().next() else { break };
                    let broken = check(&run);
                    failures.lock().unwrap().extend(broken);
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap();
    failures.sort();
    assert!(failures.is_empty(), "{} of {total} runs broke the rules:\n{}\n", failures.len(), failures.join("\n"));
}

#[test]
fn every_command_on_every_bad_data_file_exits_0_or_1_naming_the_file() {
    let runs = corpus().iter().filter(|p| !is_config(p)).flat_map(|p| data_runs(p)).collect();
    check_all(runs);
}

/// The corpus's invalid configs and what the refusal must say (the key, the value or the rule
/// broken). A rate of NaN or below 0 used as written would pay a wrong commission.
const REFUSED: &[(&str, &str)] = &[
    ("cfg_agent_step_no_tiers.toml", "commission.agents.\"小王\": mode step/progressive needs tiers"),
    ("cfg_agents_conflict.toml", "\"dd01\" names both"),
    ("cfg_agents_wrong_type.toml", "invalid type: integer `1`, expected a string"),
    ("cfg_attribution_bad.toml", "unknown variant `bogus`"),
    ("cfg_columns_not_table.toml", "invalid type: string \"oops\", expected a map"),
    ("cfg_columns_unknown_field.toml", "unknown key columns.orders.nonsense_field"),
    ("cfg_gbk.toml", "请另存为 UTF-8"),
    ("cfg_invalid_syntax.toml", "TOML parse error at line 1"),
    ("cfg_kpi_both_bounds.toml", "give exactly one of at_least or at_most"),
    ("cfg_kpi_huge_multiplier.toml", "multiplier 78999999999999996926548246528 is outside 0–10"),
    ("cfg_kpi_inf_multiplier.toml", "multiplier = inf"),
    ("cfg_kpi_nan_bound.toml", "the bound must be a number"),
    ("cfg_kpi_no_bound.toml", "give exactly one of at_least or at_most"),
    ("cfg_kpi_unknown_metric.toml", "unknown metric \"happiness\""),
    ("cfg_lost_duplicate_ids.toml", "the id \"dup\" is used twice"),
    ("cfg_lost_empty_ids.toml", "every category needs an id and a label"),
    ("cfg_negative_rate.toml", "rate -0.02 is outside 0–100%"),
    ("cfg_rate_bad_strings.toml", "\"%\" is not a rate"),
    ("cfg_rate_double_percent.toml", "\"2%%\" is not a rate"),
    ("cfg_rate_empty_string.toml", "\"\" is not a rate"),
    ("cfg_rate_inf.toml", "rate = inf"),
    ("cfg_rate_nan.toml", "rate = nan"),
    ("cfg_rate_over_100.toml", "rate 1.50 is outside 0–100%"),
    ("cfg_shifts_bad.toml", "shifts.\"A\": write its hours as"),
    ("cfg_shifts_not_list.toml", "invalid type: string \"08:00-17:00\", expected a sequence"),
    ("cfg_step_no_tiers.toml", "commission: mode step/progressive needs tiers"),
    ("cfg_tiers_from_too_big.toml", "from = 99999999999999999999999999999"),
    ("cfg_tiers_not_array.toml", "invalid type: integer `5`, expected a sequence"),
    ("cfg_tiers_not_numbers.toml", "\"zero\" is not a number"),
    ("cfg_tiers_weird.toml", "commission.tiers: a tier starts below 0"),
    ("cfg_unknown_keys.toml", "unknown key comission, commission.rat"),
    ("cfg_unknown_top_key.toml", "unknown key foo"),
    ("cfg_window_i64_max.toml", "attribution_window_hours = 9223372036854775807"),
    ("cfg_windows_negative.toml", "expected u32"),
    ("cfg_windows_u32_max.toml", "attribution_window_hours = 4294967295 is more than 8784"),
    ("cfg_wrong_types.toml", "base = 5"),
];

/// The corpus's valid configs: odd, but each means something (checked below, in
/// `valid_but_odd_configs_mean_what_they_say`).
const USED: &[&str] = &[
    "cfg_attribution_repeated.toml",
    "cfg_bom.toml",
    "cfg_empty.toml",
    "cfg_lost_empty_keyword.toml",
    "cfg_lost_many_keywords.toml",
    "cfg_lost_replace_nothing.toml",
    "cfg_tiers_step_no_zero.toml",
];

/// Invalid configs the binary once used as written, and the keys its refusal names: an empty
/// auto-reply marker (every agent message would be an auto-reply: nothing is ever answered) and
/// an empty attribution chain (no order is ever attributed); a response cap of 0 s (every
/// response time reads 0) and a limit of 0 buyers per agent-hour (every hour overloaded); an
/// empty column header in [columns.orders]; max_buyers_per_agent_hour = nan.
const SHOULD_BE_REFUSED: &[(&str, &[&str])] = &[
    ("cfg_attribution_empty.toml", &["auto_reply_markers", "attribution"]),
    ("cfg_columns_bad.toml", &["columns.orders"]),
    ("cfg_max_buyers_nan.toml", &["max_buyers_per_agent_hour"]),
    ("cfg_windows_zero.toml", &["response_cap_secs", "max_buyers_per_agent_hour"]),
];

/// The verdict on each config of the corpus; a config without one fails the test that meets it.
fn verdict(config: &Path) -> Option<Verdict> {
    let name = config.file_name()?.to_str()?;
    REFUSED
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, says)| Verdict::Refused(std::slice::from_ref(says)))
        .or_else(|| USED.contains(&name).then_some(Verdict::Used))
        .or_else(|| SHOULD_BE_REFUSED.iter().find(|(n, _)| *n == name).map(|(_, says)| Verdict::Refused(says)))
}

/// The corpus's configs with their verdicts; every config must have one.
fn configs() -> Vec<(PathBuf, Verdict)> {
    let configs: Vec<PathBuf> = corpus().into_iter().filter(|p| is_config(p)).collect();
    let unjudged: Vec<String> =
        configs.iter().filter(|p| verdict(p).is_none()).map(|p| p.display().to_string()).collect();
    assert!(unjudged.is_empty(), "configs in fixtures/bad without a verdict in tests/it/bad_inputs.rs: {unjudged:?}");
    configs.into_iter().map(|p| (p.clone(), verdict(&p).unwrap())).collect()
}

fn listed(config: &Path, names: &[&str]) -> bool {
    config.file_name().and_then(|n| n.to_str()).is_some_and(|n| names.contains(&n))
}

#[test]
fn every_invalid_config_is_refused_naming_it_and_what_is_wrong() {
    let refused: Vec<&str> = REFUSED.iter().map(|(n, _)| *n).collect();
    let runs = configs()
        .into_iter()
        .filter(|(p, _)| listed(p, &refused))
        .flat_map(|(p, verdict)| config_runs(&p, verdict))
        // What the refusals say is checked in English; `config_errors_are_said_in_chinese_by_default` checks some in Chinese.
        .map(|mut run| {
            run.args.extend(argv!["--lang", "en"]);
            run
        })
        .collect();
    check_all(runs);
}

/// The refusal of an invalid config in Chinese: where in the file, what is wrong, what to do;
/// the TOML parser's picture of the line kept under it.
#[test]
fn config_errors_are_said_in_chinese_by_default() {
    let said = |name: &str| {
        let config = fx(&format!("bad/{name}"));
        let r =
            crate::common::run(&["commission", &fx("taobao_orders_gbk.csv"), "--config", &config, "--format", "json"]);
        assert_eq!(r.code, Some(1), "{}", r.stderr);
        r.stderr.replace(&config, "C")
    };
    assert_eq!(
        said("cfg_attribution_bad.toml"),
        "cs-tools: 配置文件 C：第 1 行第 16 列：无法识别的取值 `bogus`：可选的值有 `agent_column`、`memo`、`chat`\n  |\n1 | attribution = [\"bogus\", \"memo\"]\n  |                ^^^^^^^\n"
    );
    assert_eq!(
        said("cfg_agents_wrong_type.toml"),
        "cs-tools: 配置文件 C：第 3 行第 9 列：这里应为加双引号的文本，写的是整数 `1`\n  |\n3 | \"东东\" = [1, 2]\n  |         ^\n"
    );
    assert!(
        said("cfg_invalid_syntax.toml").starts_with("cs-tools: 配置文件 C：第 1 行第 12 列：表头缺少右方括号 `]`\n")
    );
    assert!(
        said("cfg_rate_over_100.toml")
            .starts_with("cs-tools: 配置文件 C：第 2 行第 8 列：费率 1.50 不在 0–100% 之间：2% 请写 0.02 或 \"2%\"\n")
    );
    assert_eq!(
        said("cfg_unknown_keys.toml"),
        "cs-tools: 配置文件 C：无法识别的键 comission、commission.rat：请对照 `cs-tools init` 写出的文件检查拼写\n"
    );
    assert_eq!(
        said("cfg_agents_conflict.toml"),
        "cs-tools: 配置文件 C：agents：“dd01” 同时指向 “东东” 和 “小王”；一个别名只能属于一位客服\n"
    );
    assert_eq!(
        said("cfg_kpi_no_bound.toml"),
        "cs-tools: 配置文件 C：commission.kpi 中的 \"conversion\"：at_least 和 at_most 要写一个，且只能写一个\n"
    );
}

#[test]
fn every_valid_config_is_used() {
    let runs = configs()
        .into_iter()
        .filter(|(p, _)| listed(p, USED))
        .flat_map(|(p, verdict)| config_runs(&p, verdict))
        .collect();
    check_all(runs);
}

/// Configs that once were used as written and left figures wrong without a word (an empty
/// auto-reply marker or attribution chain, a response cap or buyer limit of 0, an empty
/// `[columns]` header, a NaN buyer limit): now refused, naming the key.
#[test]
fn configs_that_would_leave_figures_wrong_are_refused() {
    let should: Vec<&str> = SHOULD_BE_REFUSED.iter().map(|(n, _)| *n).collect();
    let runs = configs()
        .into_iter()
        .filter(|(p, _)| listed(p, &should))
        .flat_map(|(p, verdict)| config_runs(&p, verdict))
        .collect();
    check_all(runs);
}

/// The valid configs read as they are written: a BOM does not hide the config, step tiers no
/// base reaches pay nothing, a source repeated in the attribution chain changes nothing, and
/// an empty lost keyword or alias matches nothing.
#[test]
fn valid_but_odd_configs_mean_what_they_say() {
    let bad = |name: &str| fx(&format!("bad/{name}"));
    // cfg_bom.toml: "小王" = ["wang"], rate 3%. fixtures/EXPECTED.md 2b with `wang` as 小王:
    // 小王 189 + 128.50 (wang) + 358 + 268 + 239 + 200 = 1382.50, refund 268, net 1114.50;
    // × 3% = 33.435 → 33.44.
    let (v, _) = json(&["commission", &fx("qianniu_orders.xlsx"), "--config", &bad("cfg_bom.toml")]);
    let wang = crate::common::agent_row(&v, "小王");
    assert_eq!(wang["orders"], 6, "{wang}");
    for (key, want) in [("paid", 1382.50), ("refund", 268.00), ("net", 1114.50), ("commission", 33.44)] {
        crate::common::assert_money(wang, key, want);
    }
    assert!(v["rows"].as_array().unwrap().iter().all(|r| r["agent"] != "wang"), "wang is 小王: {}", v["rows"]);

    // cfg_tiers_step_no_zero.toml: the only tier starts at 1,000,000,000: no agent reaches it.
    let (chats, orders) = (fx("chats/messages_gbk.csv"), fx("chats/orders.xlsx"));
    let (v, _) = json(&["commission", &orders, "--chats", &chats, "--config", &bad("cfg_tiers_step_no_zero.toml")]);
    assert!(!v["rows"].as_array().unwrap().is_empty(), "{v}");
    for r in v["rows"].as_array().unwrap() {
        assert_eq!(r["commission"].as_f64(), Some(0.0), "{r}");
    }
    assert_eq!(v["totals"]["commission"].as_f64(), Some(0.0));

    // Equivalent configs give the same JSON.
    let dir = scratch();
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.to_string_lossy().into_owned()
    };
    let chain = write("chain.toml", "attribution = [\"chat\", \"memo\"]\n");
    let with = |config: &str| {
        json(&["commission", &orders, "--chats", &chats, &fx("chats/qianniu.txt"), "--config", config]).0
    };
    assert_eq!(with(&bad("cfg_attribution_repeated.toml")), with(&chain), "chat, chat, memo, chat = chat, memo");
    let gift = write("gift.toml", "[[lost.category]]\nid = \"gift\"\nlabel = \"赠品\"\nkeywords = [\"赠品\"]\n");
    let lost =
        |config: &str| json(&["lost", &fx("lost/chats.csv"), "--orders", &fx("lost/orders.csv"), "--config", config]).0;
    assert_eq!(lost(&bad("cfg_lost_empty_keyword.toml")), lost(&gift), "an empty keyword and alias match nothing");
}

/// A file that cannot be read is said in the language of messages: Chinese by default, what
/// happened and what to do, the system's or the library's own words kept as technical detail;
/// the English of `--lang en` as it always was.
#[test]
fn a_file_that_cannot_be_read_is_said_in_chinese_and_in_english() {
    let bad = |name: &str| fx(&format!("bad/{name}"));
    let dir = scratch();
    let said = |file: &str, lang: &[&str]| {
        let mut cmd = cs_tools_in(dir.path());
        cmd.args(["commission", file]).args(lang);
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{file}");
        String::from_utf8(out.stderr).unwrap()
    };
    let cases = [
        (
            bad("empty.csv"),
            "文件是空的：请从店铺后台重新导出",
            ": the file is empty: export it again from the shop back-end",
        ),
        (
            bad("html_table.xls"),
            "这是网页（HTML 表格），不是电子表格：请用 Excel 打开，另存为 .xlsx 后再运行",
            ": this is a web page (HTML table), not a spreadsheet: open it in Excel and save it as .xlsx, then run again",
        ),
        (
            bad("zip_empty.xlsx"),
            "既不是电子表格，也不是分隔符文本：请重新导出为 xlsx 或 CSV",
            ": this is neither a spreadsheet nor delimited text: export it again as xlsx or CSV",
        ),
        (
            bad("truncated.xlsx"),
            "无法作为工作簿读取，文件可能已损坏或不完整：请重新导出\
             （技术信息：Zip error: invalid Zip archive: Could not find EOCD）",
            ": cannot be read as a workbook (Zip error: invalid Zip archive: Could not find EOCD); is it damaged or \
             incomplete? Export it again",
        ),
        ("nope.csv".to_string(), "无法打开，找不到该文件或文件夹：请检查名称和路径。", ": cannot open: "),
    ];
    for (file, zh, en) in cases {
        let text = said(&file, &[]);
        assert!(text.starts_with(&format!("cs-tools: {file}：{zh}")), "{text}");
        let text = said(&file, &["--lang", "en"]);
        assert!(text.starts_with(&format!("cs-tools: {file}{en}")), "{text}");
    }
}
