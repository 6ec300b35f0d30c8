//! `cs-tools schedule` on the fixture 排班表 (fixtures/schedule, see make_schedule.py for the
//! pattern) and the generated month of chats: figures found by hand.

use crate::common::{cs_tools, json_here, run_here, scratch, sheet_names, sheet_text_with_title};
use serde_json::Value;

const CHATS: [&str; 3] = ["fixtures/month/chats.csv", "fixtures/month/chats.xlsx", "fixtures/month/chats.txt"];

fn schedule(extra: &[&str]) -> Value {
    let head = ["schedule", "fixtures/schedule/schedule.csv", "--config", "fixtures/schedule/shifts.toml", "--chats"];
    json_here(&[&head[..], &CHATS[..], extra].concat())
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
    let dir = scratch();
    let out = dir.path().join("s.xlsx");
    let mut cmd = cs_tools();
    cmd.args(["schedule", "fixtures/schedule/schedule.csv", "--config", "fixtures/schedule/shifts.toml", "--chats"]);
    cmd.args(CHATS).args(["--lang", "en", "-q", "-o", out.to_str().unwrap()]);
    cmd.assert().success();
    assert_eq!(sheet_names(&out)[..4], ["Flagged hours", "Buyers per agent", "Receptions", "On duty"]);
    // The report's title row, the header, then the first problem. In the schedule: title row
    // 1, blank row 2, header row 3, then 小王 4, 东东 5, 阿杰 6, 小美 7.
    let row = &sheet_text_with_title(&out, "Issues")[2];
    assert_eq!(row[2], "7");
    assert_eq!(row[3], "10月31号");
    assert_eq!(row[4], "X");
}

// ---- Schedules as shops lay them out (fixtures/schedule/EXPECTED.md) ----------------------

fn run_json(schedule: &str, config: &str, extra: &[&str]) -> Value {
    let head = ["schedule", schedule, "--config", config, "--chats", "fixtures/schedule/chats.csv"];
    json_here(&[&head[..], extra].concat())
}

/// (agent, shifts, hours, days_off, leave) per row, sorted by agent as the JSON is.
fn agents(v: &Value) -> Vec<(String, u64, f64, u64, u64)> {
    v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["agent"].as_str().unwrap().to_string(),
                r["shifts"].as_u64().unwrap(),
                r["hours"].as_f64().unwrap(),
                r["days_off"].as_u64().unwrap(),
                r["leave"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn expect_agents(v: &Value, want: &[(&str, u64, f64, u64, u64)]) {
    let mut want: Vec<(String, u64, f64, u64, u64)> =
        want.iter().map(|(a, s, h, o, l)| (a.to_string(), *s, *h, *o, *l)).collect();
    want.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(agents(v), want);
}

/// (weekday, hour, receptions, on_duty, per_agent, flag) of the flagged hours.
fn flagged(v: &Value) -> Vec<(String, u64, f64, f64, Option<f64>, String)> {
    v["hours"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| !h["flag"].is_null())
        .map(|h| {
            (
                h["weekday"].as_str().unwrap().to_string(),
                h["hour"].as_u64().unwrap(),
                h["receptions"].as_f64().unwrap(),
                h["on_duty"].as_f64().unwrap(),
                h["per_agent"].as_f64(),
                h["flag"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn hour(v: &Value, weekday: &str, h: u64) -> Value {
    v["hours"].as_array().unwrap().iter().find(|x| x["weekday"] == weekday && x["hour"] == h).unwrap().clone()
}

fn f(w: &str, h: u64, r: f64, d: f64, p: Option<f64>, flag: &str) -> (String, u64, f64, f64, Option<f64>, String) {
    (w.to_string(), h, r, d, p, flag.to_string())
}

#[test]
fn name_in_column_d_after_number_shop_and_staff_id_with_the_month_from_the_title() {
    // 序号 | 门店 | 工号 | 姓名 | 1 … 31: refused before ("no schedule found").
    let v = run_json("fixtures/schedule/shop_columns.xlsx", "fixtures/schedule/shop.toml", &[]);
    assert_eq!(v["period"], serde_json::json!({"from": "2026-10-01", "to": "2026-10-31"}));
    expect_agents(
        &v,
        &[("小王", 24, 204.0, 7, 2), ("东东", 23, 184.0, 8, 3), ("阿杰", 14, 98.0, 17, 1), ("小美", 13, 107.0, 18, 1)],
    );
    assert_eq!(v["unstaffed_dates"], serde_json::json!(["2026-10-01"]));
    assert_eq!(
        flagged(&v),
        [f("Tue", 2, 0.25, 0.0, None, "unstaffed"), f("Thu", 10, 1.2, 0.8, Some(1.5), "overloaded")]
    );
    assert_eq!(v["issues"], 0, "the weekday row and the note under the table are not agents");
}

#[test]
fn branch_in_the_first_column_is_not_an_agent_and_all_35_dates_count_without_a_period() {
    let v = run_json("fixtures/schedule/branch_first.xlsx", "fixtures/schedule/shop.toml", &[]);
    assert_eq!(v["period"], serde_json::json!({"from": "2026-09-28", "to": "2026-11-01"}));
    expect_agents(
        &v,
        &[("小王", 28, 238.0, 7, 0), ("东东", 28, 224.0, 7, 0), ("阿杰", 8, 56.0, 27, 2), ("小美", 9, 74.0, 26, 1)],
    );
    assert_eq!(v["unstaffed_dates"], serde_json::json!(["2026-09-30", "2026-10-15"]));
    assert_eq!(
        flagged(&v),
        [
            f("Tue", 2, 0.2, 0.0, None, "unstaffed"),
            f("Tue", 3, 0.2, 0.0, None, "unstaffed"),
            f("Thu", 10, 1.2, 0.8, Some(1.5), "overloaded"),
            f("Sun", 7, 0.2, 0.0, None, "unstaffed"),
        ]
    );
    assert_eq!(hour(&v, "Wed", 9)["on_duty"], 0.8);
    assert_eq!(v["issues"], 1, "the 每日在岗 row of counts");
}

#[test]
fn month_counts_only_the_dates_of_the_month() {
    let v = run_json("fixtures/schedule/branch_first.xlsx", "fixtures/schedule/shop.toml", &["--month", "2026-10"]);
    assert_eq!(v["period"], serde_json::json!({"from": "2026-10-01", "to": "2026-10-31"}));
    expect_agents(
        &v,
        &[("小王", 26, 221.0, 5, 0), ("东东", 26, 208.0, 5, 0), ("阿杰", 7, 49.0, 24, 2), ("小美", 8, 66.0, 23, 0)],
    );
    assert_eq!(v["unstaffed_dates"], serde_json::json!(["2026-10-15"]));
    assert_eq!(
        flagged(&v),
        [f("Tue", 2, 0.25, 0.0, None, "unstaffed"), f("Thu", 10, 1.2, 0.8, Some(1.5), "overloaded")]
    );
    // Wednesdays: 09-30 nobody, then 小王 on 7, 14, 21, 28: 4 / 5 over 35 dates, 4 / 4 in October.
    assert_eq!(hour(&v, "Wed", 9)["on_duty"], 1.0);
}

#[test]
fn two_row_header_with_the_name_header_under_the_dates_and_a_repeated_group_header() {
    let v = run_json("fixtures/schedule/two_row_header.xlsx", "fixtures/schedule/shifts_cn.toml", &[]);
    assert_eq!(v["period"], serde_json::json!({"from": "2026-10-01", "to": "2026-10-07"}));
    expect_agents(
        &v,
        &[("小王", 5, 45.0, 2, 0), ("东东", 5, 45.0, 2, 1), ("阿杰", 2, 18.0, 5, 0), ("小美", 1, 9.0, 6, 3)],
    );
    assert_eq!(v["unstaffed_dates"], serde_json::json!(["2026-10-04"]));
    assert_eq!(flagged(&v), [f("Tue", 2, 1.0, 0.0, None, "unstaffed")]);
    assert_eq!(
        (hour(&v, "Thu", 10)["on_duty"].clone(), hour(&v, "Thu", 15)["on_duty"].clone()),
        (1.0.into(), 2.0.into())
    );
    assert_eq!(v["issues"], 0, "group rows, the repeated 日期 and 姓名 rows are not agents");
}

#[test]
fn a_period_outside_the_schedule_is_an_error_naming_its_dates() {
    let mut cmd = cs_tools();
    cmd.args(["schedule", "fixtures/schedule/two_row_header.xlsx", "--config", "fixtures/schedule/shifts_cn.toml"]);
    cmd.args(["--chats", "fixtures/schedule/chats.csv", "--month", "2026-11", "--format", "json"]);
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("2026-10-01 – 2026-10-07"), "{err}");
}

fn inspect(file: &str) -> Value {
    json_here(&["inspect", file])["schedules"][0].clone()
}

#[test]
fn inspect_says_which_column_holds_the_names_and_where_the_month_comes_from() {
    let s = inspect("fixtures/schedule/shop_columns.xlsx");
    assert_eq!(s["name_column"], serde_json::json!({"column": "D", "header": "姓名", "found_by": "header"}));
    assert_eq!((s["date_row"].clone(), s["weekday_rows"].clone()), (2.into(), serde_json::json!([3])));
    assert_eq!(
        s["year_month"],
        serde_json::json!({"source": "title", "title": "2026年10月客服部员工排班表", "year": 2026, "month": 10})
    );
    assert_eq!(s["agents"], 4);

    let s = inspect("fixtures/schedule/branch_first.xlsx");
    assert_eq!(
        s["name_column"],
        serde_json::json!({"column": "B", "header": "", "found_by": "first_text_column_left_of_dates"})
    );
    assert_eq!((s["date_row"].clone(), s["weekday_rows"].clone()), (3.into(), serde_json::json!([2])));
    assert_eq!(s["year_month"], serde_json::json!({"source": "date_cells"}));
    assert_eq!(s["problems"][0]["row"], 8);

    let s = inspect("fixtures/schedule/two_row_header.xlsx");
    assert_eq!(s["name_column"], serde_json::json!({"column": "B", "header": "姓名", "found_by": "header"}));
    assert_eq!(s["agents"], 4);

    let out = cs_tools().args(["inspect", "fixtures/schedule/branch_first.xlsx", "--lang", "en"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("names in column B: no 姓名/客服/员工 header, the first text column left of the dates"),
        "{text}"
    );
    assert!(text.contains("year and month: from the date cells"), "{text}");
}

#[test]
fn the_agents_sheet_has_a_leave_column() {
    let dir = scratch();
    let out = dir.path().join("s.xlsx");
    let mut cmd = cs_tools();
    cmd.args(["schedule", "fixtures/schedule/shop_columns.xlsx", "--config", "fixtures/schedule/shop.toml"]);
    cmd.args(["--chats", "fixtures/schedule/chats.csv", "--lang", "en", "-q", "-o", out.to_str().unwrap()]);
    cmd.assert().success();
    let rows = sheet_text_with_title(&out, "Agents");
    let header = rows.iter().position(|r| r.first().is_some_and(|c| c == "Agent")).unwrap();
    assert_eq!(rows[header][1..], ["Shifts", "Hours", "Days off", "Leave days"]);
    let dd = rows.iter().find(|r| r[0] == "东东").unwrap();
    assert_eq!(dd[1..], ["23", "184", "8", "3"]);
}

// ---- Schedules as they come from real shops (fixtures/schedule/EXPECTED.md) ----------------

/// Runs `schedule` and returns (exit code, JSON on stdout if any, stderr).
fn run_schedule(schedule: &str, config: &str, chats: &str, extra: &[&str]) -> (Option<i32>, Value, String) {
    let r = run_here(&[&["schedule", schedule, "--config", config, "--chats", chats][..], extra].concat());
    let v = serde_json::from_str(&r.stdout).unwrap_or(Value::Null);
    (r.code, v, r.stderr)
}

fn cross_month(extra: &[&str]) -> (Value, String) {
    let mut args = vec!["--format", "json"];
    args.extend(extra);
    let (code, v, err) = run_schedule(
        "fixtures/schedule/cross_month.xlsx",
        "fixtures/schedule/shifts_cn.toml",
        "fixtures/schedule/chats_2025.csv",
        &args,
    );
    assert_eq!(code, Some(0), "{err}");
    (v, err)
}

#[test]
fn a_roster_from_the_21st_to_the_20th_takes_its_dates_from_the_title() {
    let (v, err) = cross_month(&[]);
    assert_eq!(v["period"], serde_json::json!({"from": "2025-03-21", "to": "2025-04-20"}));
    // The signature line 排班人：倪昌飞 adds nothing to the agent 倪昌飞 (5 Sundays off, not 36 days).
    expect_agents(
        &v,
        &[("倪昌飞", 26, 234.0, 5, 0), ("小王", 25, 225.0, 6, 2), ("东东", 27, 243.0, 4, 1), ("阿杰", 26, 234.0, 5, 0)],
    );
    assert_eq!(v["unstaffed_dates"], serde_json::json!([]));
    // The weekday row copied from 2024 disagrees with every date: one listed problem.
    assert_eq!(v["issues"], 1);
    assert!(err.contains("1 行有问题"), "{err}");
    // Tuesdays 3-25, 4-01, 4-08, 4-15: two receptions on 4-01 at 10:xx; on duty at 10:00
    // 倪昌飞 4 + 阿杰 4 + 东东 3 (晚 on 3-25) = 11 over 4 Tuesdays.
    let tue10 = hour(&v, "Tue", 10);
    assert_eq!(tue10["receptions"].as_f64().unwrap(), 0.5);
    assert_eq!(tue10["on_duty"].as_f64().unwrap(), 2.75);
    assert!((tue10["per_agent"].as_f64().unwrap() - 2.0 / 11.0).abs() < 1e-12);
}

#[test]
fn month_on_a_cross_month_roster_selects_its_days_of_that_month_and_says_the_coverage() {
    let (v, err) = cross_month(&["--month", "2025-04"]);
    assert_eq!(v["period"], serde_json::json!({"from": "2025-04-01", "to": "2025-04-20"}));
    expect_agents(
        &v,
        &[("倪昌飞", 17, 153.0, 3, 0), ("小王", 16, 144.0, 4, 2), ("东东", 17, 153.0, 3, 1), ("阿杰", 17, 153.0, 3, 0)],
    );
    assert!(err.contains("2025-04-01 至 2025-04-20（20/30 天）"), "{err}");
    let tue10 = hour(&v, "Tue", 10);
    assert_eq!(tue10["on_duty"].as_f64().unwrap(), 3.0);

    // The workbook says it too: in the Rules sheet, and the Issues sheet lists the weekday row.
    let dir = scratch();
    let out = dir.path().join("s.xlsx");
    let (code, _, err) = run_schedule(
        "fixtures/schedule/cross_month.xlsx",
        "fixtures/schedule/shifts_cn.toml",
        "fixtures/schedule/chats_2025.csv",
        &["--month", "2025-04", "--lang", "en", "-q", "-o", out.to_str().unwrap()],
    );
    assert_eq!(code, Some(0), "{err}");
    let rules = sheet_text_with_title(&out, "Rules");
    assert!(
        rules.iter().any(|r| r.iter().any(|c| c == "the schedule covers 2025-04-01 to 2025-04-20 (20 of 30 days)")),
        "{rules:?}"
    );
    let issues = sheet_text_with_title(&out, "Issues");
    let weekday = issues.iter().find(|r| r.iter().any(|c| c.contains("weekday row disagrees"))).unwrap();
    assert_eq!((weekday[2].as_str(), weekday[4].as_str()), ("3", "四"), "{weekday:?}");
}

#[test]
fn inspect_names_the_titles_dates_of_a_cross_month_roster() {
    let s = inspect("fixtures/schedule/cross_month.xlsx");
    assert_eq!(
        s["year_month"],
        serde_json::json!({"source": "title_range", "title": "2025年3月21日至2025年4月20日客服排班表",
            "from": "2025-03-21", "to": "2025-04-20"})
    );
    assert_eq!((s["from"].clone(), s["to"].clone()), ("2025-03-21".into(), "2025-04-20".into()));
    assert_eq!(s["agents"], 4, "the legend and the signature line are not agents");
}

#[test]
fn an_order_sheet_is_not_a_schedule() {
    let (code, _, err) = run_schedule(
        "fixtures/month/orders.xlsx",
        "fixtures/schedule/shifts_cn.toml",
        "fixtures/schedule/chats.csv",
        &["--lang", "en"],
    );
    assert_eq!(code, Some(1));
    assert!(err.contains("no schedule (排班表) in fixtures/month/orders.xlsx"), "{err}");
    assert!(err.contains("sheet \"订单报表\" holds orders, not a schedule"), "{err}");
    let v = json_here(&["inspect", "fixtures/month/orders.xlsx"]);
    assert_eq!(v["schedules"], serde_json::json!([]));
}

#[test]
fn an_attendance_export_is_refused_by_name_and_inspect_says_what_it_is() {
    let (code, _, err) = run_schedule(
        "fixtures/schedule/attendance.xlsx",
        "fixtures/schedule/shifts_cn.toml",
        "fixtures/schedule/chats.csv",
        &[],
    );
    assert_eq!(code, Some(1));
    assert!(err.contains("fixtures/schedule/attendance.xlsx 是考勤导出"), "{err}");
    assert!(err.contains("请给排班表"), "{err}");
    let (_, _, err) = run_schedule(
        "fixtures/schedule/attendance.xlsx",
        "fixtures/schedule/shifts_cn.toml",
        "fixtures/schedule/chats.csv",
        &["--lang", "en"],
    );
    assert!(err.contains("is an attendance export") && err.contains("give the roster instead"), "{err}");

    let out = cs_tools().args(["inspect", "fixtures/schedule/attendance.xlsx", "--lang", "en"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    for sheet in ["打卡时间", "原始记录", "每日统计", "月度汇总"] {
        assert!(text.contains(&format!("sheet \"{sheet}\": 考勤导出 (attendance), not a 排班表")), "{text}");
    }
    assert!(!text.contains("a schedule (排班表)"), "{text}");
}

#[test]
fn weekday_and_holiday_headed_columns_are_counted_as_their_days() {
    // 元旦 | 2 | 六 | 日 | 5 … 9 | 六: January 1–10, 2026, every day counted.
    let v = run_json("fixtures/schedule/holidays.xlsx", "fixtures/schedule/shifts_cn.toml", &[]);
    assert_eq!(v["period"], serde_json::json!({"from": "2026-01-01", "to": "2026-01-10"}));
    expect_agents(&v, &[("小王", 8, 72.0, 2, 0), ("东东", 8, 72.0, 2, 0), ("阿杰", 4, 36.0, 6, 0)]);
    assert_eq!(v["issues"], 0);
}

#[test]
fn two_sheets_naming_the_same_person_and_date_are_not_added_up() {
    let v = run_json("fixtures/schedule/two_sheets.xlsx", "fixtures/schedule/shifts_cn.toml", &[]);
    // 小王 once per day from 售前 (the first sheet): 6 早 and 1 休, not 12 shifts.
    expect_agents(&v, &[("小王", 6, 54.0, 1, 0), ("东东", 6, 54.0, 1, 0), ("阿杰", 6, 54.0, 1, 0)]);
    assert_eq!(v["issues"], 2, "10-03 晚 and 10-06 休 in 售后 where 售前 says 早");
}

#[test]
fn the_long_layout_with_a_shift_column_and_several_names_in_a_cell() {
    let v = run_json("fixtures/schedule/long_layout.xlsx", "fixtures/schedule/shifts_cn.toml", &[]);
    assert_eq!(v["period"], serde_json::json!({"from": "2026-10-01", "to": "2026-10-07"}));
    expect_agents(
        &v,
        &[("小王", 5, 45.0, 2, 0), ("东东", 5, 45.0, 2, 0), ("阿杰", 5, 45.0, 2, 0), ("小美", 4, 36.0, 3, 0)],
    );
    assert_eq!(v["issues"], 0, "the signature line 制表人：… is not a row of the roster");
    let s = inspect("fixtures/schedule/long_layout.xlsx");
    assert_eq!(s["layout"], serde_json::json!({"rows": "date", "shifts": "column", "column": "班次"}));
    assert_eq!(s["name_column"], serde_json::json!({"column": "C", "header": "值班人员", "found_by": "header"}));
    assert_eq!(s["year_month"], serde_json::json!({"source": "date_cells"}));
}

#[test]
fn the_long_layout_without_a_shift_column_takes_the_default_shift_else_all_day() {
    let v = run_json("fixtures/schedule/long_no_shift.csv", "fixtures/schedule/long_default.toml", &[]);
    expect_agents(
        &v,
        &[("小王", 2, 18.0, 2, 0), ("东东", 2, 18.0, 2, 0), ("阿杰", 2, 18.0, 2, 0), ("小美", 1, 9.0, 3, 0)],
    );
    assert_eq!(hour(&v, "Thu", 3)["on_duty"].as_f64().unwrap(), 0.0);
    let v = run_json("fixtures/schedule/long_no_shift.csv", "fixtures/schedule/shifts_cn.toml", &[]);
    expect_agents(
        &v,
        &[("小王", 2, 48.0, 2, 0), ("东东", 2, 48.0, 2, 0), ("阿杰", 2, 48.0, 2, 0), ("小美", 1, 24.0, 3, 0)],
    );
    // 2026-10-01 (the one Thursday): 小王 and 东东 all day.
    assert_eq!(hour(&v, "Thu", 3)["on_duty"].as_f64().unwrap(), 2.0);

    let dir = scratch();
    let out = dir.path().join("s.xlsx");
    let (code, _, err) = run_schedule(
        "fixtures/schedule/long_no_shift.csv",
        "fixtures/schedule/shifts_cn.toml",
        "fixtures/schedule/chats.csv",
        &["-q", "-o", out.to_str().unwrap()],
    );
    assert_eq!(code, Some(0), "{err}");
    let said = sheet_text_with_title(&out, "规则").iter().flatten().any(|c| c.contains("按全天（00:00-24:00）在岗计"));
    assert!(said, "the Rules sheet says the names are on duty all day");
}

#[test]
fn a_day_that_does_not_exist_is_listed_never_moved() {
    // "2025年2月客服排班表" on a 1…31 template: 29, 30, 31 are listed and their cells not counted.
    let v = run_json("fixtures/schedule/feb_template.csv", "fixtures/schedule/shifts_cn.toml", &[]);
    assert_eq!(v["period"], serde_json::json!({"from": "2025-02-01", "to": "2025-02-28"}));
    expect_agents(&v, &[("小王", 24, 216.0, 4, 0), ("东东", 28, 252.0, 0, 0)]);
    assert_eq!(v["issues"], 3);
    let out = cs_tools().args(["inspect", "fixtures/schedule/feb_template.csv", "--lang", "en"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("row 2: \"30\" — no such day in 2025-02 (column left out)"), "{text}");
}

#[test]
fn a_sheet_of_moments_is_not_a_row_of_dates() {
    // A shipping export no table kind maps: three date-time columns per row and a courier
    // column left of them. Moments are not day headers, couriers are not agents.
    let dir = scratch();
    let path = dir.path().join("发货单.csv");
    let mut text = String::from("单号,快递公司,下单时间,付款时间,发货时间\n");
    for i in 1..=6 {
        let courier = if i % 2 == 0 { "顺丰速运" } else { "中通快递" };
        text.push_str(&format!(
            "T{i:04},{courier},2025-03-0{i} 10:00:00,2025-03-0{} 10:05:00,2025-03-0{} 09:00:00\n",
            i + 1,
            i + 2
        ));
    }
    std::fs::write(&path, text).unwrap();
    let file = path.to_str().unwrap();
    let (code, _, err) =
        run_schedule(file, "fixtures/schedule/shifts_cn.toml", "fixtures/schedule/chats.csv", &["--lang", "en"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("no schedule (排班表) in") && err.contains("发货单.csv"), "{err}");
    let v = json_here(&["inspect", file]);
    assert_eq!(v["schedules"], serde_json::json!([]));
    assert!(v["not_schedules"][0]["why"].as_str().unwrap().contains("has no row of dates"), "{v}");
}

// ---- Shift hours, notes between agents, double shifts, missing days (EXPECTED.md) -------------

fn inspect_text(file: &str) -> String {
    let r = run_here(&["inspect", file, "--lang", "en"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    r.stdout
}

#[test]
fn shift_codes_written_as_hours_or_named_like_a_verdict_are_a_roster_not_attendance() {
    // 09:00-18:00, 14:00-23:00, 10:00-14:00/18:00-22:00 and 正常 (a [shifts] code): refused as a
    // 钉钉 attendance export before.
    let v = run_json("fixtures/schedule/range_codes.csv", "fixtures/schedule/range_codes.toml", &[]);
    assert_eq!(v["period"], serde_json::json!({"from": "2025-05-01", "to": "2025-05-07"}));
    expect_agents(&v, &[("小王", 5, 45.0, 2, 0), ("东东", 5, 45.0, 2, 0), ("阿杰", 3, 24.0, 4, 1)]);
    assert_eq!(v["issues"], 0, "a range is a shift, not an unknown code");
    // Thursday 05-01 20:00: 东东 (14:00-23:00) and 阿杰 (18:00-22:00); Friday 05-02: 东东 alone.
    assert_eq!(hour(&v, "Thu", 20)["on_duty"], 2.0);
    assert_eq!(hour(&v, "Fri", 20)["on_duty"], 1.0);
    assert_eq!(hour(&v, "Thu", 12)["on_duty"], 2.0);
}

#[test]
fn an_attendance_csv_is_refused_naming_the_file_where_a_workbook_names_its_sheets() {
    let (code, _, err) = run_schedule(
        "fixtures/schedule/attendance_punch.csv",
        "fixtures/schedule/shifts_cn.toml",
        "fixtures/schedule/chats.csv",
        &[],
    );
    assert_eq!(code, Some(1));
    assert!(
        err.contains("fixtures/schedule/attendance_punch.csv 是考勤导出（钉钉/企业微信 考勤：attendance_punch.csv；"),
        "{err}"
    );
    assert!(!err.contains("考勤：；"), "{err}");
    let (_, _, err) = run_schedule(
        "fixtures/schedule/attendance.xlsx",
        "fixtures/schedule/shifts_cn.toml",
        "fixtures/schedule/chats.csv",
        &[],
    );
    assert!(err.contains("考勤：打卡时间, 原始记录, 每日统计, 月度汇总；"), "{err}");
}

#[test]
fn agents_below_a_note_line_are_read_and_a_row_of_codes_without_a_name_is_listed() {
    // 注：早=早班 晚=晚班 between 东东 and 阿杰: 阿杰 and 小美 were lost without a word before.
    let v = run_json("fixtures/schedule/note_between.csv", "fixtures/schedule/shifts_cn.toml", &[]);
    expect_agents(
        &v,
        &[("小王", 5, 45.0, 2, 0), ("东东", 6, 54.0, 1, 0), ("阿杰", 5, 45.0, 2, 0), ("小美", 5, 45.0, 2, 0)],
    );
    assert_eq!(v["issues"], 1, "row 8: codes without a name; the note and 排班人：… are not problems");
    let s = inspect("fixtures/schedule/note_between.csv");
    assert_eq!(s["agents"], 4);
    let rows: Vec<u64> = s["problems"].as_array().unwrap().iter().map(|p| p["row"].as_u64().unwrap()).collect();
    assert_eq!(rows, [8]);
    // The file's summary line agrees with the problem listed above it.
    let text = inspect_text("fixtures/schedule/note_between.csv");
    assert!(text.contains("    row 8: \"\" — shift codes without an agent name in the name column"), "{text}");
    assert!(text.contains("  1 row problem, listed with the schedule above\n"), "{text}");
    assert!(!text.contains("no row problems"), "{text}");
}

#[test]
fn the_long_layout_gives_a_person_on_two_shifts_of_a_date_both() {
    // 2025-04-01 早 小王 东东 / 2025-04-01 晚 小王: 小王 works both (09:00-23:00).
    let (code, v, err) = run_schedule(
        "fixtures/schedule/long_double.csv",
        "fixtures/schedule/shifts_cn.toml",
        "fixtures/schedule/chats_2025.csv",
        &["--format", "json"],
    );
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(v["period"], serde_json::json!({"from": "2025-04-01", "to": "2025-04-03"}));
    // 早 09:00-18:00 + 晚 14:00-23:00: 18 h of shifts, 14 h on duty (14:00-18:00 counted once).
    expect_agents(&v, &[("小王", 2, 14.0, 2, 0), ("东东", 3, 27.0, 0, 0), ("阿杰", 2, 18.0, 1, 0)]);
    assert_eq!(v["issues"], 0, "two shifts in one long sheet are not a conflict");
    // Tuesday 04-01: 10:00 小王 and 东东 (早), 15:00 the same two (小王 once), 20:00 小王 (晚).
    assert_eq!(hour(&v, "Tue", 10)["on_duty"], 2.0);
    assert_eq!(hour(&v, "Tue", 10)["per_agent"], 1.0);
    assert_eq!(hour(&v, "Tue", 15)["on_duty"], 2.0);
    assert_eq!(hour(&v, "Tue", 20)["on_duty"], 1.0);
    // A weekday the period does not have shows 0, not -0.
    assert_eq!(hour(&v, "Fri", 20)["receptions"].to_string(), "0.0");
}

#[test]
fn a_day_the_titles_dates_hold_without_a_column_is_listed_one_problem_per_run() {
    // 2025年3月21日至2025年4月20日 with no column for 3-26, nor for 4-10 and 4-11.
    let v = run_json("fixtures/schedule/missing_day.csv", "fixtures/schedule/shifts_cn.toml", &[]);
    assert_eq!(v["period"], serde_json::json!({"from": "2025-03-21", "to": "2025-04-20"}));
    expect_agents(&v, &[("小王", 23, 207.0, 5, 0), ("东东", 28, 252.0, 0, 0)]);
    assert_eq!(v["issues"], 2);
    // Thursdays 3-27, 4-03, 4-10 (no column: nobody on duty), 4-17: 东东 on 3 of 4.
    assert_eq!(hour(&v, "Thu", 20)["on_duty"], 0.75);
    let s = inspect("fixtures/schedule/missing_day.csv");
    let listed: Vec<(u64, String)> = s["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["row"].as_u64().unwrap(), p["value"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(listed, [(2, "2025-03-26".to_string()), (2, "2025-04-10 – 2025-04-11".to_string())]);
    let text = inspect_text("fixtures/schedule/missing_day.csv");
    assert!(
        text.contains("2025-04-10 to 2025-04-11 (2 days) are within the dates the title states but have no column"),
        "{text}"
    );
    assert!(text.contains("  2 row problems, listed with the schedule above\n"), "{text}");
}
