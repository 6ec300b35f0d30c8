//! Helpers shared by the integration tests: fixture paths, running the binary in a scratch
//! directory, reading its JSON and the sheets of the xlsx it writes.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use calamine::{Data, Reader, Xlsx, open_workbook};
use serde_json::Value;

/// Absolute path of a file under `fixtures/`, as a string argument.
pub fn fx(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(name).to_string_lossy().into_owned()
}

pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `cs-tools ARGS` in `dir`, with HOME there too, so no stray `cs-tools.toml` interferes.
pub fn run_in<S: AsRef<std::ffi::OsStr>>(dir: &Path, args: &[S]) -> Run {
    let out = Command::cargo_bin("cs-tools")
        .expect("the cs-tools binary is built")
        .current_dir(dir)
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir)
        .args(args)
        .output()
        .expect("cs-tools runs");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `run_in` with the history where a user's run keeps it: `.cargo/config.toml` turns it off
/// for the test suite (`CS_TOOLS_HISTORY=off`), so fixture folders stay clean.
pub fn run_in_keeping_history(dir: &Path, args: &[&str]) -> Run {
    let out = Command::cargo_bin("cs-tools")
        .expect("the cs-tools binary is built")
        .current_dir(dir)
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir)
        .env_remove("CS_TOOLS_HISTORY")
        .args(args)
        .output()
        .expect("cs-tools runs");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub fn run(args: &[&str]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    run_in(dir.path(), args)
}

/// Runs `cs-tools ARGS --format json`, checks exit 0, returns the JSON and stderr.
pub fn json(args: &[&str]) -> (Value, String) {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let r = run(&all);
    assert_eq!(r.code, Some(0), "cs-tools {all:?} failed:\n{}", r.stderr);
    (serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", r.stdout)), r.stderr)
}

/// A JSON number as f64 (money and rates are numbers in the JSON summary).
pub fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

/// The row of `agent` in a JSON summary's `rows`.
pub fn agent_row<'a>(v: &'a Value, agent: &str) -> &'a Value {
    v["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["agent"] == agent)
        .unwrap_or_else(|| panic!("no row for {agent} in {v}"))
}

/// Every cell of a sheet of an xlsx as text, row by row.
pub fn sheet_text(path: &Path, sheet: &str) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = open_workbook(path).expect("the report opens");
    let range = book.worksheet_range(sheet).expect("the sheet exists");
    range
        .rows()
        // The title row (report · sheet · period) above the header.
        .skip(1)
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

pub fn path_buf(dir: &Path, name: &str) -> PathBuf {
    dir.join(name)
}

/// Runs `cs-tools ARGS --format json` in a scratch directory; it must succeed.
pub fn run_json(args: &[&str]) -> Value {
    json(args).0
}

/// The JSON row of one agent.
pub fn row<'a>(v: &'a Value, agent: &str) -> &'a Value {
    agent_row(v, agent)
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

/// One text cell of a report: its sheet, its column's header (the first row's cell, "" in
/// the first row itself), the first cell of its row, and its text.
pub struct TextCell {
    pub sheet: String,
    pub column: String,
    pub row_label: String,
    pub text: String,
}

/// Every text cell of every sheet of an xlsx, sheet names included (as cells of no column).
pub fn text_cells(path: &Path) -> Vec<TextCell> {
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
