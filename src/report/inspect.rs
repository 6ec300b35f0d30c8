//! `cs-tools inspect`'s view of the files: per file its sheets (kind, header row, the field ←
//! column mapping, unmapped columns, rows, dates, notes), the schedules found among the other
//! sheets and why the rest are not schedules, the first row problems; as text or JSON.

use crate::format::{count_of, yuan};
use crate::inputs::sheet_notes;
use crate::labels::Lang;
use crate::model::RowProblem;
use crate::read::ReadLog;
use crate::read::schedule::{LongLayout, MonthSource, NameFound, NotSchedule, ScheduleSheet, column_letter};
use chrono::NaiveDate;
use serde_json::{Value as Json, json};

/// Problems shown per run; the rest are counted.
const FIRST_PROBLEMS: usize = 20;

/// The schedules among the sheets no table kind fits, and why the others are not schedules.
#[derive(Default)]
pub struct Schedules {
    pub sheets: Vec<ScheduleSheet>,
    /// (file, sheet, why) for the unused sheets that are not schedules.
    pub others: Vec<(String, String, NotSchedule)>,
    pub problems: Vec<RowProblem>,
}

/// The rows of a schedule sheet that were not read as agents.
fn sheet_problems<'p>(s: &ScheduleSheet, problems: &'p [RowProblem]) -> Vec<&'p RowProblem> {
    problems.iter().filter(|p| p.file == s.file && p.sheet == s.sheet).collect()
}

fn schedule_dates(s: &ScheduleSheet) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let dates = s.rows.iter().flat_map(|r| r.days.iter().map(|d| d.0));
    (dates.clone().min(), dates.max())
}

/// docs/definitions.md#fields: which column holds the names and why; where the year and month come from.
fn name_column(s: &ScheduleSheet) -> (String, &'static str, String) {
    let header = match &s.name_found {
        NameFound::Header(h) => h.clone(),
        NameFound::FirstTextLeftOfDates => String::new(),
    };
    let why = match s.name_found {
        NameFound::Header(_) => "header",
        NameFound::FirstTextLeftOfDates => "first_text_column_left_of_dates",
    };
    (column_letter(s.name_column), why, header)
}

fn month_json(m: &MonthSource) -> Json {
    match m {
        MonthSource::DateCells => json!({"source": "date_cells"}),
        MonthSource::MonthOption(y, mo) => json!({"source": "month_option", "year": y, "month": mo}),
        MonthSource::Title(t, y, mo) => json!({"source": "title", "title": t, "year": y, "month": mo}),
        MonthSource::TitleRange(t, a, b) => {
            json!({"source": "title_range", "title": t, "from": a.to_string(), "to": b.to_string()})
        }
        MonthSource::AssumedYear(y) => json!({"source": "assumed_year", "year": y}),
    }
}

/// Wide (a row of dates) or long (a row per date), and where a long roster's shifts come from.
fn layout_json(long: Option<&LongLayout>) -> Json {
    match long {
        None => json!({"rows": "agent"}),
        Some(LongLayout::ShiftColumn(h)) => json!({"rows": "date", "shifts": "column", "column": h}),
        Some(LongLayout::DefaultShift(c)) => json!({"rows": "date", "shifts": "default_shift", "code": c}),
        Some(LongLayout::AllDay) => json!({"rows": "date", "shifts": "all_day"}),
    }
}

fn layout_text(long: Option<&LongLayout>) -> String {
    match long {
        None => String::new(),
        Some(LongLayout::ShiftColumn(h)) => format!("    one row per date: shifts from the column \"{h}\"\n"),
        Some(LongLayout::DefaultShift(c)) => {
            format!("    one row per date, no shift column: [schedule] default_shift = \"{c}\" applies\n")
        }
        Some(LongLayout::AllDay) => {
            "    one row per date, no shift column and no [schedule] default_shift: on duty all day\n".to_string()
        }
    }
}

fn schedule_json(s: &ScheduleSheet, problems: &[RowProblem]) -> Json {
    let problems: Vec<Json> = sheet_problems(s, problems)
        .iter()
        .map(|p| json!({"row": p.row, "value": p.value, "problem": p.problem, "action": p.action}))
        .collect();
    let (from, to) = schedule_dates(s);
    let (column, why, header) = name_column(s);
    json!({
        "file": s.file, "sheet": s.sheet, "agents": s.rows.len(),
        "from": from.map(|d| d.to_string()), "to": to.map(|d| d.to_string()),
        "date_row": s.date_row, "weekday_rows": s.weekday_rows,
        "name_column": {"column": column, "header": header, "found_by": why},
        "year_month": month_json(&s.month_source),
        "layout": layout_json(s.long.as_ref()),
        "problems": problems,
    })
}

fn schedule_text(s: &ScheduleSheet, problems: &[RowProblem]) -> String {
    let (from, to) = schedule_dates(s);
    let range = match (from, to) {
        (Some(a), Some(b)) => format!("{a} … {b}"),
        _ => "no dates".into(),
    };
    // Inside its file's block: the sheet, as the other sheets are shown.
    let sheet = if s.sheet.is_empty() { "(text)".to_string() } else { format!("sheet \"{}\"", s.sheet) };
    let agents = count_of(s.rows.len() as u64, "agent", "agents");
    let mut out = format!("  {sheet}: a schedule (排班表) — {agents}, {range}\n");
    let weekday = match s.weekday_rows.as_slice() {
        [] => String::new(),
        rows => format!(", weekdays in row {}", rows.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")),
    };
    if s.long.is_some() {
        out.push_str(&format!("    header in row {}\n", s.date_row));
    } else {
        out.push_str(&format!("    dates in row {}{weekday}\n", s.date_row));
    }
    out.push_str(&layout_text(s.long.as_ref()));
    let (column, _, header) = name_column(s);
    out.push_str(&match &s.name_found {
        NameFound::Header(_) => format!("    names in column {column}: headed \"{header}\"\n"),
        NameFound::FirstTextLeftOfDates => {
            format!("    names in column {column}: no 姓名/客服/员工 header, the first text column left of the dates\n")
        }
    });
    out.push_str(&match &s.month_source {
        MonthSource::DateCells => "    year and month: from the date cells\n".to_string(),
        MonthSource::MonthOption(y, m) => format!("    year and month: {y}-{m:02} from --month\n"),
        MonthSource::Title(t, y, m) => format!("    year and month: {y}-{m:02} from the title \"{t}\"\n"),
        MonthSource::TitleRange(t, a, b) => format!("    dates: {a} … {b} from the title \"{t}\"\n"),
        MonthSource::AssumedYear(y) => {
            format!("    year and month: dates without a year, {y} assumed (give --month or a title such as {y}年10月排班表)\n")
        }
    });
    for p in sheet_problems(s, problems) {
        out.push_str(&format!("    row {}: \"{}\" — {} ({})\n", p.row, p.value, p.problem, p.action));
    }
    out
}

fn to_json(summary: &ReadLog) -> Json {
    let files: Vec<Json> = summary
        .files
        .iter()
        .map(|f| {
            let sheets: Vec<Json> = summary
                .tables
                .iter()
                .filter(|t| *t.file == *f.name)
                .map(|t| {
                    let columns: serde_json::Map<String, Json> =
                        t.columns.iter().map(|c| (c.field.to_string(), json!(c.header))).collect();
                    json!({
                        "sheet": t.sheet.as_ref(),
                        "kind": t.kind.map(|k| k.name()),
                        "why_unused": t.why_unused,
                        "header_row": if t.header_row > 0 { json!(t.header_row) } else { Json::Null },
                        "columns": columns,
                        "unmapped": t.unmapped,
                        "rows": t.data_rows,
                        "date_from": t.date_range.map(|r| r.0.to_string()),
                        "date_to": t.date_range.map(|r| r.1.to_string()),
                        "paid_after_refund": t.after_refund.map(|a| json!({
                            "applied": a.applied,
                            "forced": a.forced,
                            "refunded_rows": a.refunded_rows,
                            "matching_rows": a.matching_rows,
                        })),
                        "paid_by_status": t.paid_by_status(),
                        "item_level": t.item_level(),
                        "notes": sheet_notes(Lang::En, t),
                    })
                })
                .collect();
            json!({
                "file": f.name,
                "format": format!("{:?}", f.format).to_lowercase(),
                "encoding": f.encoding.map(|e| e.name()),
                "size": f.size,
                "sheets": sheets,
            })
        })
        .collect();
    let problems: Vec<Json> = summary
        .problems
        .iter()
        .take(FIRST_PROBLEMS)
        .map(|p| json!({"file": p.file, "sheet": p.sheet, "row": p.row, "column": p.column, "value": p.value, "problem": p.problem, "action": p.action}))
        .collect();
    let later: Vec<Json> =
        summary.orders_in_later_export.iter().map(|(file, n)| json!({"file": file, "orders": n})).collect();
    let unknown: Vec<Json> = summary
        .unknown_statuses
        .iter()
        .map(|u| json!({"status": u.text, "orders": u.orders, "money": super::money_json(u.money), "paid": u.paid}))
        .collect();
    json!({
        "files": files, "problems": problems, "problem_count": summary.problems.len(),
        "item_rows_left_out": summary.item_rows_left_out,
        "orders_in_later_export": later, "unknown_statuses": unknown,
    })
}

/// `--format json`: the files, the schedules and the sheets that are not schedules.
pub fn json(summary: &ReadLog, found: &Schedules) -> Json {
    let mut v = to_json(summary);
    v["schedules"] = json!(found.sheets.iter().map(|s| schedule_json(s, &found.problems)).collect::<Vec<_>>());
    v["not_schedules"] = json!(
        found
            .others
            .iter()
            .map(|(file, sheet, why)| json!({"file": file, "sheet": sheet, "attendance": *why == NotSchedule::Attendance, "why": why.phrase(sheet)}))
            .collect::<Vec<_>>()
    );
    v
}

/// One block per file, in the order given: its sheets, any schedule in it, its row problems.
pub fn text(summary: &ReadLog, found: &Schedules) -> String {
    let (schedules, schedule_problems) = (&found.sheets, &found.problems);
    let mut out = String::new();
    for f in &summary.files {
        out.push_str(&format!("{} — {}, {} bytes\n", f.name, f.format_label(), f.size));
        for t in summary.tables.iter().filter(|t| *t.file == *f.name) {
            let sheet = if t.sheet.is_empty() { "(text)".to_string() } else { format!("sheet \"{}\"", t.sheet) };
            match t.kind {
                Some(kind) if t.header_row == 0 => {
                    // A 千牛 text export: no header, messages read from sender lines.
                    out.push_str(&format!("  {sheet}: {} — {} messages from sender lines", kind.name(), t.data_rows));
                    if let Some((a, b)) = t.date_range {
                        out.push_str(&format!(", {} … {}", a.date(), b.date()));
                    }
                    out.push('\n');
                }
                Some(kind) => {
                    out.push_str(&format!(
                        "  {sheet}: {} — header at row {}, {} data rows",
                        kind.name(),
                        t.header_row,
                        t.data_rows
                    ));
                    if let Some((a, b)) = t.date_range {
                        out.push_str(&format!(", {} … {}", a.date(), b.date()));
                    }
                    out.push('\n');
                    for c in &t.columns {
                        out.push_str(&format!("    {:<20} ← {}\n", c.field, c.header));
                    }
                    let missing: Vec<&str> =
                        kind.fields().iter().filter(|f| t.col(f.name).is_none()).map(|f| f.name).collect();
                    if !missing.is_empty() {
                        out.push_str(&format!("    not in this sheet: {}\n", missing.join(", ")));
                    }
                    if !t.unmapped.is_empty() {
                        out.push_str(&format!("    unmapped columns: {}\n", t.unmapped.join(", ")));
                    }
                    for note in sheet_notes(Lang::En, t) {
                        out.push_str(&format!("    note: {note}\n"));
                    }
                }
                None => {
                    let why = found.others.iter().find(|o| *o.0 == *f.name && *o.1 == *t.sheet);
                    if let Some((.., NotSchedule::Attendance)) = why {
                        out.push_str(&format!("  {sheet}: {}\n", NotSchedule::Attendance.phrase(&t.sheet)));
                        continue;
                    }
                    out.push_str(&format!(
                        "  {sheet}: not used — {}\n",
                        t.why_unused.as_ref().map_or("no known columns".into(), |w| w.to_string())
                    ));
                    if let Some((.., why)) = why {
                        out.push_str(&format!("    not a schedule: {}\n", why.phrase(&t.sheet)));
                    }
                }
            }
        }
        for s in schedules.iter().filter(|s| *s.file == *f.name) {
            out.push_str(&schedule_text(s, schedule_problems));
        }
        if let Some((_, n)) = summary.orders_in_later_export.iter().find(|(file, _)| *file == *f.name) {
            out.push_str(&format!("  {} also in a later export, left out\n", count_of(*n, "order", "orders")));
        }
        let problems: Vec<&RowProblem> = summary.problems.iter().filter(|p| *p.file == *f.name).collect();
        // The schedule's own problems were listed with it above: the count says them too.
        let in_schedules: usize =
            schedules.iter().filter(|s| *s.file == *f.name).map(|s| sheet_problems(s, schedule_problems).len()).sum();
        let total = count_of((problems.len() + in_schedules) as u64, "row problem", "row problems");
        if problems.is_empty() && in_schedules == 0 {
            out.push_str("  no row problems\n");
        } else if problems.is_empty() {
            out.push_str(&format!("  {total}, listed with the schedule above\n"));
        } else {
            out.push_str(&format!("  {total}"));
            if in_schedules > 0 {
                out.push_str(&format!(" ({in_schedules} listed with the schedule above)"));
            }
            if problems.len() > FIRST_PROBLEMS {
                out.push_str(&format!(", the first {FIRST_PROBLEMS}"));
            }
            out.push_str(":\n");
            for p in problems.iter().take(FIRST_PROBLEMS) {
                let sheet = if p.sheet.is_empty() { String::new() } else { format!(" [{}]", p.sheet) };
                let column = if p.column.is_empty() { String::new() } else { format!(" {}", p.column) };
                out.push_str(&format!(
                    "    {}{sheet} row {}{column}: \"{}\" — {} ({})\n",
                    p.file, p.row, p.value, p.problem, p.action
                ));
            }
        }
        out.push('\n');
    }
    if summary.item_rows_left_out > 0 {
        out.push_str(&format!(
            "{} left out: their orders were read from an order-level sheet\n",
            count_of(summary.item_rows_left_out, "item row", "item rows")
        ));
    }
    for u in &summary.unknown_statuses {
        out.push_str(&format!(
            "status \"{}\" is in no list: {}, {}; counted as paid only where a paid time is given ({} of them)\n",
            u.text,
            count_of(u.orders, "order", "orders"),
            yuan(u.money),
            u.paid
        ));
    }
    out
}
