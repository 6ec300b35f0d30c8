//! Helpers shared by the integration tests: run the binary, read its JSON, find rows.
#![allow(dead_code)]

use assert_cmd::Command;
use serde_json::Value;
use std::process::Output;

/// A fixture path under fixtures/.
pub fn fx(path: &str) -> String {
    format!("{}/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))
}

/// Run cs-tools with `args`, whatever its exit code.
pub fn run(args: &[&str]) -> Output {
    Command::cargo_bin("cs-tools").unwrap().args(args).output().unwrap()
}

/// Run cs-tools with `args --format json`; it must succeed.
pub fn run_json(args: &[&str]) -> Value {
    let out = run(&[args, &["--format", "json"]].concat());
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The JSON row of one agent.
pub fn row<'a>(v: &'a Value, agent: &str) -> &'a Value {
    v["rows"].as_array().unwrap().iter().find(|r| r["agent"] == agent).unwrap_or_else(|| panic!("no row {agent}: {v}"))
}

/// A JSON number within 1e-9 of `want`.
pub fn near(v: &Value, want: f64) -> bool {
    v.as_f64().is_some_and(|x| (x - want).abs() < 1e-9)
}

#[track_caller]
pub fn assert_near(v: &Value, want: f64) {
    assert!(near(v, want), "expected {want}, got {v}");
}
