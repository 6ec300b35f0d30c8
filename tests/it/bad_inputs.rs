//! Malformed and hostile inputs (fixtures/bad, written by fixtures/bad/make_bad.py): every
//! command that takes a kind of input is run on every such file, and each run must either
//! succeed with a usable output (exit 0) or refuse with a message that names the file (exit 1,
//! nothing written) — never panic, hang or leave a half-written report (SPEC §2, §3, §3.5, §5).
//!
//! Every run is checked and all violations are reported together, one line each.

use crate::common::{cs_tools_in, fx_path, root, scratch};
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

struct Run {
    /// The corpus file under test: an exit-1 message must name it.
    subject: PathBuf,
    /// The arguments; `{out}` is replaced by the output xlsx path.
    args: Vec<OsString>,
    wants: Wants,
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
    let run = |wants, a: Vec<OsString>| Run { subject: file.to_path_buf(), args: a, wants };
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

/// Every command that takes a config, on good inputs, with the bad config.
fn config_runs(file: &Path) -> Vec<Run> {
    let f = file.as_os_str().to_os_string();
    let taobao = fixture("taobao_orders_gbk.csv");
    let (chats, orders) = (fixture("chats/messages_gbk.csv"), fixture("chats/orders.xlsx"));
    let run = |wants, a: Vec<OsString>| Run { subject: file.to_path_buf(), args: a, wants };
    vec![
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
    let output = cs_tools_in(work.path()).args(&argv).env_remove("RUST_BACKTRACE").timeout(TIMEOUT).output();
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
            match run.wants {
                Wants::Xlsx => match std::fs::read(&out_xlsx) {
                    Ok(bytes) if bytes.starts_with(b"PK\x03\x04") => {}
                    Ok(_) => fail("exit 0 but the xlsx written is not a zip".into()),
                    Err(_) => fail(format!("exit 0 but no xlsx at the -o path; files left: {left:?}")),
                },
                Wants::Json => {
                    if let Err(e) = serde_json::from_slice::<serde_json::Value>(&output.stdout) {
                        fail(format!("exit 0 but stdout is not JSON ({e}): {}", first_line(&output.stdout)));
                    }
                }
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

#[test]
fn every_bad_config_is_refused_naming_it_or_used() {
    let runs = corpus().iter().filter(|p| is_config(p)).flat_map(|p| config_runs(p)).collect();
    check_all(runs);
}
