//! Helpers shared by the integration tests: run the binary on fixtures and read its JSON.
//! Each test binary uses a subset of them.
#![allow(dead_code)]

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

/// A path under `fixtures/`, as an argument.
pub fn fixture(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(rel).to_string_lossy().into_owned()
}

/// Runs `cs-tools ARGS --format json` in a scratch directory (so no stray config or output file
/// interferes), checks exit 0, and returns the JSON object and stderr.
pub fn json_and_stderr(args: &[String]) -> (Value, String) {
    let dir = tempfile::tempdir().expect("a scratch directory");
    let out = Command::cargo_bin("cs-tools")
        .expect("the cs-tools binary is built")
        .current_dir(dir.path())
        .env("HOME", dir.path())
        .env("XDG_CONFIG_HOME", dir.path())
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("cs-tools runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "cs-tools {args:?} failed: {stderr}");
    let value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stderr}"));
    (value, stderr)
}

/// `json_and_stderr` without the stderr.
pub fn json(args: &[String]) -> Value {
    json_and_stderr(args).0
}

/// Builds an argument list from string slices.
pub fn args(parts: &[&str]) -> Vec<String> {
    parts.iter().map(|s| s.to_string()).collect()
}

/// A JSON number, failing the test with the value when it is not one.
pub fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

/// Exact figures computed by hand are compared to the binary's floats to 1e-9.
pub fn assert_close(got: f64, want: f64, what: &str) {
    assert!((got - want).abs() < 1e-9, "{what}: got {got}, want {want}");
}

/// The row of `agent` in a JSON array of per-agent rows.
pub fn row<'v>(rows: &'v Value, agent: &str) -> &'v Value {
    rows.as_array()
        .and_then(|r| r.iter().find(|r| r["agent"] == agent))
        .unwrap_or_else(|| panic!("no row for {agent} in {rows}"))
}
