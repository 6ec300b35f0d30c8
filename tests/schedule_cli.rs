//! `cs-tools schedule` on the fixture 排班表 (fixtures/schedule, see make_schedule.py for the
//! pattern) and the generated month of chats: figures found by hand.

use assert_cmd::Command;
use serde_json::Value;

const CHATS: [&str; 3] = ["fixtures/month/chats.csv", "fixtures/month/chats.xlsx", "fixtures/month/chats.txt"];

fn schedule(extra: &[&str]) -> Value {
    let mut cmd = Command::cargo_bin("cs-tools").unwrap();
    cmd.args(["schedule", "fixtures/schedule/schedule.csv", "--config", "fixtures/schedule/shifts.toml", "--chats"]);
    cmd.args(CHATS).args(extra).args(["--format", "json"]);
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn hours_nobody_covers_are_flagged_and_no_others() {
    let v = schedule(&[]);
    // A covers hours 08–16 (an hour counts when its middle, hh:30, is in the shift), C 16–23,
    // B 11–14 and 19–21. Every day but 10-15 has an A and a C, so on every weekday hours 08–23
    // have someone on duty and 00–07 nobody. The month's chats reach every hour, so the
    // flagged hours are exactly 7 weekdays × 00–07, all "unstaffed"; with under three buyers
    // an hour per agent, nothing is over the limit of 20.
    let flagged: Vec<(String, u64, String)> = v["hours"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| !h["flag"].is_null())
        .map(|h| {
            (
                h["weekday"].as_str().unwrap().to_string(),
                h["hour"].as_u64().unwrap(),
                h["flag"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(flagged.len(), 7 * 8);
    assert!(flagged.iter().all(|(_, hour, flag)| *hour < 8 && flag == "unstaffed"));
    // Thursday 09:00: the Thursdays are 1, 8, 15, 22, 29; A works on all but the 15th (小王, or
    // 小美 when 小王 is off): 4 agents on duty over 5 Thursdays = 0.8 on average.
    let thu9 = v["hours"].as_array().unwrap().iter().find(|h| h["weekday"] == "Thu" && h["hour"] == 9).unwrap();
    assert!((thu9["on_duty"].as_f64().unwrap() - 0.8).abs() < 1e-9);
}

#[test]
fn shifts_hours_and_days_off_per_agent() {
    let v = schedule(&[]);
    let row = |a: &str| v["rows"].as_array().unwrap().iter().find(|r| r["agent"] == a).unwrap().clone();
    // 小王: A (8.5 h) on 31 − 5 days = 26 → 221 h. 东东: C (8 h) × 26 = 208 h.
    // 阿杰: B (4 h + 3 h) on the 16 odd days but the 15th = 15 → 105 h, 16 days off.
    // 小美: A × 4 + C × 4 = 34 + 32 = 66 h; the unknown code on the 31st counts as no shift.
    for (agent, shifts, hours, off) in
        [("小王", 26, 221.0, 5), ("东东", 26, 208.0, 5), ("阿杰", 15, 105.0, 16), ("小美", 8, 66.0, 23)]
    {
        let r = row(agent);
        assert_eq!(r["shifts"], shifts, "{agent}");
        assert_eq!(r["hours"].as_f64().unwrap(), hours, "{agent}");
        assert_eq!(r["days_off"], off, "{agent}");
    }
    assert_eq!(v["unstaffed_dates"], serde_json::json!(["2026-10-15"]));
    assert_eq!(v["issues"], 1, "the unknown code X");
}

#[test]
fn an_unknown_code_is_a_problem_with_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("s.xlsx");
    let mut cmd = Command::cargo_bin("cs-tools").unwrap();
    cmd.args(["schedule", "fixtures/schedule/schedule.csv", "--config", "fixtures/schedule/shifts.toml", "--chats"]);
    cmd.args(CHATS).args(["--lang", "en", "-q", "-o", out.to_str().unwrap()]);
    cmd.assert().success();
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
    assert_eq!(book.sheet_names()[..3], ["Buyers per agent", "Receptions", "On duty"]);
    let issues = book.worksheet_range("Issues").unwrap();
    // Title row 1, blank row 2, header row 3, then 小王 4, 东东 5, 阿杰 6, 小美 7.
    let row: Vec<String> = issues.rows().nth(1).unwrap().iter().map(|c| c.to_string()).collect();
    assert_eq!(row[2], "7");
    assert_eq!(row[3], "10月31号");
    assert_eq!(row[4], "X");
}
