//! Helpers shared by the integration tests: fixture paths, running the binary (in a scratch
//! directory or in the repository root), its JSON, and the sheets of the workbooks it writes.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use calamine::{Data, Reader, Xlsx, open_workbook};
use chrono::{NaiveDate, NaiveDateTime};
use serde_json::Value;
use tempfile::TempDir;

// ---- fixtures -----------------------------------------------------------------------------------

/// The repository's root, the tests' working directory: `fixtures/…` written as a user types
/// it resolves from here.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Absolute path of a file under `fixtures/`.
pub fn fx_path(name: &str) -> PathBuf {
    root().join("fixtures").join(name)
}

/// Absolute path of a file under `fixtures/`, as a string argument.
pub fn fx(name: &str) -> String {
    fx_path(name).to_string_lossy().into_owned()
}

/// A scratch directory, removed when dropped.
pub fn scratch() -> TempDir {
    tempfile::tempdir().expect("a scratch directory")
}

/// The names of the files in `dir`, sorted.
pub fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

// ---- running the binary ---------------------------------------------------------------------------

/// The built binary, for a test that spawns (and kills) the process itself.
pub fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("cs-tools")
}

/// `cs-tools` with its working directory, HOME and XDG_CONFIG_HOME at `dir`, so no stray
/// `cs-tools.toml` interferes.
pub fn cs_tools_in(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("cs-tools").expect("the cs-tools binary is built");
    cmd.current_dir(dir).env("HOME", dir).env("XDG_CONFIG_HOME", dir);
    cmd
}

/// `cs-tools` in the repository root, where `fixtures/…` paths resolve as written.
pub fn cs_tools() -> Command {
    cs_tools_in(root())
}

/// What a run printed and how it ended.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

fn finish(cmd: &mut Command) -> Run {
    // Under Wine, starting a process now and then fails on its own (os error 1359) though the
    // program is fine: tried once more.
    let out = cmd.output().or_else(|_| cmd.output()).expect("cs-tools runs");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Runs `cs-tools ARGS` in `dir`.
pub fn run_in<S: AsRef<OsStr>>(dir: &Path, args: &[S]) -> Run {
    finish(cs_tools_in(dir).args(args))
}

/// `run_in` with the history where a user's run keeps it: `.cargo/config.toml` turns it off
/// for the test suite (`CS_TOOLS_HISTORY=off`), so fixture folders stay clean.
pub fn run_in_keeping_history(dir: &Path, args: &[&str]) -> Run {
    finish(cs_tools_in(dir).env_remove("CS_TOOLS_HISTORY").args(args))
}

/// Runs `cs-tools ARGS` in a scratch directory.
pub fn run<S: AsRef<OsStr>>(args: &[S]) -> Run {
    let dir = scratch();
    run_in(dir.path(), args)
}

/// Runs `cs-tools ARGS` in the repository root, where `fixtures/…` paths resolve as written.
pub fn run_here<S: AsRef<OsStr>>(args: &[S]) -> Run {
    run_in(root(), args)
}

/// The stdout of a run that must have exited 0, as one JSON value.
#[track_caller]
pub fn stdout_json(r: &Run) -> Value {
    assert_eq!(r.code, Some(0), "cs-tools failed:\nstdout: {}\nstderr: {}", r.stdout, r.stderr);
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("stdout is not one JSON value ({e}):\n{}", r.stdout))
}

/// Runs `cs-tools ARGS --format json` in `dir`; it must exit 0. Its JSON and its stderr.
#[track_caller]
pub fn json_in<S: AsRef<OsStr>>(dir: &Path, args: &[S]) -> (Value, String) {
    let r = finish(cs_tools_in(dir).args(args).args(["--format", "json"]));
    (stdout_json(&r), r.stderr)
}

/// Runs `cs-tools ARGS --format json` in a scratch directory; it must exit 0 and write no file
/// there. Its JSON and its stderr.
#[track_caller]
pub fn json<S: AsRef<OsStr>>(args: &[S]) -> (Value, String) {
    let dir = scratch();
    let out = json_in(dir.path(), args);
    assert!(files_in(dir.path()).is_empty(), "--format json writes no file, found {:?}", files_in(dir.path()));
    out
}

/// `json`, the JSON only.
#[track_caller]
pub fn run_json<S: AsRef<OsStr>>(args: &[S]) -> Value {
    json(args).0
}

/// Runs `cs-tools ARGS --format json` in the repository root (fixture paths as written); it
/// must exit 0.
#[track_caller]
pub fn json_here<S: AsRef<OsStr>>(args: &[S]) -> Value {
    json_in(root(), args).0
}

/// Runs `cs-tools ARGS --lang en -o out.xlsx` in a scratch directory: the directory (the
/// report goes with it), the report's path and the run.
pub fn xlsx_en<S: AsRef<OsStr>>(args: &[S]) -> (TempDir, PathBuf, Run) {
    let dir = scratch();
    let out = dir.path().join("out.xlsx");
    let r = finish(cs_tools_in(dir.path()).args(args).args(["--lang", "en", "-o"]).arg(&out));
    (dir, out, r)
}

// ---- JSON ---------------------------------------------------------------------------------------

/// A JSON number as f64 (money and rates are numbers in the JSON summary).
#[track_caller]
pub fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

/// The row of `agent` in a JSON summary's `rows`.
#[track_caller]
pub fn agent_row<'a>(v: &'a Value, agent: &str) -> &'a Value {
    v["rows"]
        .as_array()
        .expect("rows is an array")
        .iter()
        .find(|r| r["agent"] == agent)
        .unwrap_or_else(|| panic!("no row for {agent} in {}", v["rows"]))
}

/// The agents of a JSON summary's `rows`, in the order given, and the rows.
#[track_caller]
pub fn agent_rows(v: &Value) -> (Vec<&str>, &[Value]) {
    let rows = v["rows"].as_array().unwrap_or_else(|| panic!("rows is an array in {v}"));
    (rows.iter().map(|r| r["agent"].as_str().unwrap_or("?")).collect(), rows)
}

/// A JSON number within 1e-9 of `want`.
pub fn near(v: &Value, want: f64) -> bool {
    v.as_f64().is_some_and(|x| (x - want).abs() < 1e-9)
}

#[track_caller]
pub fn assert_near(v: &Value, want: f64) {
    assert!(near(v, want), "expected {want}, got {v}");
}

/// Exact figures computed by hand are compared to the binary's floats to 1e-9.
#[track_caller]
pub fn assert_close(got: f64, want: f64, what: &str) {
    assert!((got - want).abs() < 1e-9, "{what}: got {got}, want {want}");
}

/// Money to the fen: `obj[key]` within 0.001 of `expected`.
#[track_caller]
pub fn assert_money(obj: &Value, key: &str, expected: f64) {
    let got = obj[key].as_f64().unwrap_or_else(|| panic!("`{key}` is not a number in {obj}"));
    assert!((got - expected).abs() < 0.001, "`{key}`: expected {expected:.2}, got {got} in {obj}");
}

/// A count: `obj[key]` is exactly `expected`.
#[track_caller]
pub fn assert_count(obj: &Value, key: &str, expected: u64) {
    assert_eq!(obj[key].as_u64(), Some(expected), "`{key}` in {obj}");
}

#[track_caller]
pub fn assert_period(v: &Value, from: &str, to: &str) {
    assert_eq!(v["period"]["from"], from, "period.from");
    assert_eq!(v["period"]["to"], to, "period.to");
}

// ---- workbooks ----------------------------------------------------------------------------------

pub fn sheet_names(path: &Path) -> Vec<String> {
    let book: Xlsx<_> = open_workbook(path).unwrap_or_else(|e| panic!("open {path:?}: {e}"));
    book.sheet_names()
}

/// One sheet of an xlsx report, row by row from its header: the title row (report · sheet ·
/// period, one cell) must come first and is left out.
pub fn read_sheet(path: &Path, sheet: &str) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap_or_else(|e| panic!("open {path:?}: {e}"));
    let range = book.worksheet_range(sheet).unwrap_or_else(|e| panic!("sheet {sheet} in {path:?}: {e}"));
    let mut rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
    assert!(rows.first().is_some_and(|t| t.iter().skip(1).all(|c| *c == Data::Empty)), "{sheet}: a title row first");
    rows.remove(0);
    rows
}

/// A cell as trimmed text (a number as Rust prints it: 12.0 → "12").
pub fn text(d: &Data) -> String {
    d.to_string().trim().to_string()
}

/// Every row of a sheet as text (an empty cell as ""), the title row included.
pub fn sheet_text_with_title(path: &Path, sheet: &str) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap_or_else(|e| panic!("open {path:?}: {e}"));
    let range = book.worksheet_range(sheet).unwrap_or_else(|e| panic!("sheet {sheet} in {path:?}: {e}"));
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

/// Every row of a sheet as text, below its title row (report · sheet · period).
pub fn sheet_text(path: &Path, sheet: &str) -> Vec<Vec<String>> {
    sheet_text_with_title(path, sheet).split_off(1)
}

pub const ISSUES_HEADER: [&str; 7] = ["File", "Sheet", "Row", "Column", "Value", "Problem", "Action"];

/// The data rows of an English report's Issues sheet (its header checked), as text.
pub fn issues_rows(report: &Path) -> Vec<Vec<String>> {
    let rows = read_sheet(report, "Issues");
    let header: Vec<String> = rows[0].iter().map(text).collect();
    assert_eq!(&header[..7], &ISSUES_HEADER, "Issues header row");
    rows[1..]
        .iter()
        .map(|r| r.iter().map(text).collect::<Vec<_>>())
        .filter(|r| r.iter().any(|c| !c.is_empty()))
        .collect()
}

/// A date-time cell: an Excel date (or serial), or text such as `2026-10-03 10:00:00`.
pub fn datetime(d: &Data) -> NaiveDateTime {
    let from_serial = |serial: f64| {
        let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).unwrap().and_hms_opt(0, 0, 0).unwrap();
        epoch + chrono::Duration::seconds((serial * 86_400.0).round() as i64)
    };
    match d {
        Data::DateTime(e) => from_serial(e.as_f64()),
        Data::Float(f) => from_serial(*f),
        Data::Int(i) => from_serial(*i as f64),
        Data::String(s) | Data::DateTimeIso(s) => {
            let s = s.trim();
            ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y/%m/%d %H:%M:%S"]
                .iter()
                .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
                .unwrap_or_else(|| panic!("not a date-time: {s:?}"))
        }
        other => panic!("expected a date-time cell, got {other:?}"),
    }
}

// ---- messages ----------------------------------------------------------------------------------

/// The first run of three or more English words in `text`, not counting what a line quotes as
/// written: options, paths and file names, `[…]`, text in quotes or backticks, figures, and a
/// library's own words marked （技术信息：…）. None: nothing a reader of Chinese cannot read.
pub fn english_sentence(text: &str) -> Option<String> {
    let mut plain = String::new();
    let mut closing = None;
    for (i, c) in text.char_indices() {
        match closing {
            Some(end) if c == end => {
                closing = None;
                plain.push(' ');
            }
            Some(_) => {}
            None => match c {
                '"' | '`' | '\'' => closing = Some(c),
                '“' => closing = Some('”'),
                '[' => closing = Some(']'),
                '（' if text[i + c.len_utf8()..].starts_with("技术信息") => closing = Some('）'),
                _ => plain.push(c),
            },
        }
    }
    let mut run: Vec<&str> = Vec::new();
    for token in plain.split_whitespace() {
        let word = token.trim_matches(|c: char| matches!(c, ',' | ';' | '!' | '?' | '(' | ')' | '…' | '.'));
        let quoted_as_written = token.contains(['/', '\\', '.', '_', '=', ':', '@', '-', '<', '>', '*'])
            || token.chars().any(|c| c.is_ascii_digit());
        if !quoted_as_written && word.len() >= 2 && word.chars().all(|c| c.is_ascii_alphabetic()) {
            run.push(word);
            if run.len() >= 3 {
                return Some(run.join(" "));
            }
        } else {
            run.clear();
        }
    }
    None
}
