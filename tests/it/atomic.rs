//! A report is never half-written: interrupted while writing, the old report stays as it
//! was and no temporary file is left; a failed write exits 1 and leaves nothing.

use crate::common::{bin, files_in, scratch};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// An order export large enough that writing its report takes a while.
fn large_orders(dir: &Path, rows: usize) -> std::path::PathBuf {
    let path = dir.join("orders.csv");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    writeln!(out, "订单编号,买家会员名,实付金额,付款时间,客服,商家备注").unwrap();
    for i in 0..rows {
        writeln!(
            out,
            "9{i:018},buyer{},{}.{:02},2026-10-{:02} 10:{:02}:00,店:客服{},备注{i}",
            i % 9973,
            10 + i % 900,
            i % 100,
            1 + i % 28,
            i % 60,
            i % 12
        )
        .unwrap();
    }
    path
}

fn temp_files(dir: &Path) -> Vec<String> {
    files_in(dir).into_iter().filter(|n| n.ends_with(".tmp")).collect()
}

#[test]
#[cfg_attr(windows, ignore = "Windows has no SIGTERM: no `kill -TERM` to interrupt the write with")]
fn killed_while_writing_leaves_the_old_report_and_no_temp_file() {
    let dir = scratch();
    let orders = large_orders(dir.path(), 300_000);
    let report = dir.path().join("commission.xlsx");
    std::fs::write(&report, b"last month's report").unwrap();

    let mut child = Command::new(bin())
        .args(["commission", orders.to_str().unwrap(), "-o", report.to_str().unwrap(), "-q"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the report is being written (its temporary file exists), then kill.
    let started = Instant::now();
    let mut seen = false;
    while started.elapsed() < Duration::from_secs(120) {
        if !temp_files(dir.path()).is_empty() {
            seen = true;
            break;
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(seen, "the write finished before the test could interrupt it; make the input larger");
    let status = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let exit = child.wait().unwrap();
    assert!(!exit.success(), "the process was interrupted");
    assert_eq!(std::fs::read(&report).unwrap(), b"last month's report", "the old report is intact");
    assert_eq!(temp_files(dir.path()), Vec::<String>::new(), "no temporary file is left");
}

#[test]
fn an_output_folder_that_cannot_exist_exits_1_and_writes_nothing() {
    let dir = scratch();
    let orders = large_orders(dir.path(), 10);
    // A "folder" that is a file: the report cannot be written there.
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, b"x").unwrap();
    let out = Command::new(bin())
        .args(["commission", orders.to_str().unwrap(), "-o", blocker.join("r.xlsx").to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not-a-folder"));
    assert_eq!(temp_files(dir.path()), Vec::<String>::new());
}
