//! `cs-tools inspect`'s view of the files: per file its sheets (kind, header row, the field ←
//! column mapping, unmapped columns, rows, dates, notes), the schedules found among the other
//! sheets and why the rest are not schedules, the first row problems; as text or JSON.

use crate::format::{agents, item_rows, kind_name, orders, row_problems, yuan};
use crate::inputs::sheet_notes;
use crate::labels::{Lang, label, message_language};
use crate::model::RowProblem;
use crate::read::ReadLog;
use crate::read::schedule::{LongLayout, MonthSource, NameFound, NotSchedule, ScheduleSheet, column_letter};
use crate::read::table::TableInfo;
use crate::shops::ShopSource;
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

/// A field as `inspect` names it: its id (`item_id`) in English, its usual header in
/// Chinese (子订单编号), the first non-ASCII alias of the field table.
fn field_name(f: &crate::read::fields::FieldDef) -> &'static str {
    match message_language() {
        Lang::En => f.name,
        Lang::Zh => f.aliases.iter().find(|a| !a.is_ascii()).copied().unwrap_or(f.name),
    }
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
    let line = match long {
        None => return String::new(),
        Some(LongLayout::ShiftColumn(h)) => msg!("run.inspect.long_column", column = h),
        Some(LongLayout::DefaultShift(c)) => msg!("run.inspect.long_default", code = c),
        Some(LongLayout::AllDay) => msg!("run.inspect.long_all_day"),
    };
    format!("    {line}\n")
}

/// How a sheet is named in `inspect`: `sheet "订单报表"`, or `(text)` for a text file.
fn sheet_name(sheet: &str) -> String {
    if sheet.is_empty() { msg!("run.inspect.text") } else { msg!("run.inspect.sheet", sheet = sheet) }
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
        (Some(a), Some(b)) => msg!("run.inspect.schedule_range", from = a, to = b),
        _ => msg!("run.inspect.no_dates"),
    };
    // Inside its file's block: the sheet, as the other sheets are shown.
    let (sheet, agents) = (sheet_name(&s.sheet), agents(s.rows.len() as u64));
    let mut out = format!("  {}\n", msg!("run.inspect.schedule", sheet = sheet, agents = agents, range = range));
    let weekdays = match s.weekday_rows.as_slice() {
        [] => String::new(),
        rows => msg!("run.inspect.weekdays", rows = rows.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")),
    };
    let rows = if s.long.is_some() {
        msg!("run.inspect.header_row", row = s.date_row)
    } else {
        msg!("run.inspect.date_row", row = s.date_row, weekdays = weekdays)
    };
    out.push_str(&format!("    {rows}\n"));
    out.push_str(&layout_text(s.long.as_ref()));
    let (column, _, header) = name_column(s);
    let names = match &s.name_found {
        NameFound::Header(_) => msg!("run.inspect.names_header", column = column, header = header),
        NameFound::FirstTextLeftOfDates => msg!("run.inspect.names_first_text", column = column),
    };
    out.push_str(&format!("    {names}\n"));
    let month = match &s.month_source {
        MonthSource::DateCells => msg!("run.inspect.month_cells"),
        MonthSource::MonthOption(y, m) => msg!("run.inspect.month_option", month = format!("{y}-{m:02}")),
        MonthSource::Title(t, y, m) => msg!("run.inspect.month_title", month = format!("{y}-{m:02}"), title = t),
        MonthSource::TitleRange(t, a, b) => msg!("run.inspect.title_range", from = a, to = b, title = t),
        MonthSource::AssumedYear(y) => msg!("run.inspect.assumed_year", year = y),
    };
    out.push_str(&format!("    {month}\n"));
    for p in sheet_problems(s, problems) {
        let (row, value, problem, action) = (p.row, &p.value, &p.problem, &p.action);
        let line = msg!("run.inspect.schedule_problem", row = row, value = value, problem = problem, action = action);
        out.push_str(&format!("    {line}\n"));
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
                        "layout": t.layout.map(|l| json!({"id": l.id, "name": label(Lang::En, l.label)})),
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
                        "shops": shops_json(summary, t),
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

/// The shops a sheet's rows belong to (docs/definitions.md#shops), by source then name.
fn sheet_shops<'s>(summary: &'s ReadLog, t: &TableInfo) -> &'s [(String, ShopSource, u64)] {
    let found = summary.shops.iter().find(|s| *s.file == *t.file && *s.sheet == *t.sheet && t.kind.is_some());
    found.map(|s| s.shops.as_slice()).unwrap_or_default()
}

/// `版式：抖店 订单导出（商品维度，每个子订单一行）`, a line under a sheet whose layout is known.
fn export_layout_text(t: &TableInfo) -> String {
    t.layout
        .map(|l| format!("    {}\n", msg!("run.inspect.layout", layout = label(message_language(), l.label))))
        .unwrap_or_default()
}

/// `"shops": [{"shop", "source", "rows"}]`: the unnamed shop's name is null.
fn shops_json(summary: &ReadLog, t: &TableInfo) -> Json {
    let shops = sheet_shops(summary, t).iter().map(|(name, source, rows)| {
        let name = (!name.is_empty()).then_some(name.as_str());
        json!({"shop": name, "source": source.name(), "rows": rows})
    });
    json!(shops.collect::<Vec<_>>())
}

/// `店铺：木子家居旗舰店（店铺名称列）`, a line under the sheet when some shop is named; rows
/// are counted when the sheet holds more than one.
fn shops_text(summary: &ReadLog, t: &TableInfo) -> String {
    let shops = sheet_shops(summary, t);
    if shops.iter().all(|(_, source, _)| *source == ShopSource::Unnamed) {
        return String::new();
    }
    let one = shops.len() == 1;
    let said: Vec<String> = shops
        .iter()
        .map(|(name, source, rows)| {
            let name = if name.is_empty() { msg!("run.inspect.shop_unnamed") } else { name.clone() };
            let from = match source {
                ShopSource::Column => msg!("run.inspect.shop_column", column = t.header_of("shop")),
                ShopSource::SubAccount => msg!("run.inspect.shop_sub_account"),
                ShopSource::Config => msg!("run.inspect.shop_config"),
                ShopSource::Option => msg!("run.inspect.shop_option"),
                ShopSource::Unnamed => msg!("run.inspect.shop_nothing"),
            };
            let rows = match (one, rows) {
                (true, _) => String::new(),
                (false, 1) => msg!("run.inspect.shop_row", rows = rows),
                (false, _) => msg!("run.inspect.shop_rows", rows = rows),
            };
            msg!("run.inspect.shop_entry", shop = name, source = from, rows = rows)
        })
        .collect();
    format!("    {}\n", msg!("run.inspect.shops", shops = said.join(&msg!("run.sep.list"))))
}

/// One block per file, in the order given: its sheets, any schedule in it, its row problems.
pub fn text(summary: &ReadLog, found: &Schedules) -> String {
    let (schedules, schedule_problems) = (&found.sheets, &found.problems);
    let mut out = String::new();
    for f in &summary.files {
        let file = msg!("run.inspect.file", file = &f.name, format = f.format_label(), size = f.size);
        out.push_str(&format!("{file}\n"));
        let dates = |t: &crate::read::table::TableInfo| {
            t.date_range.map(|(a, b)| msg!("run.inspect.dates", from = a.date(), to = b.date())).unwrap_or_default()
        };
        for t in summary.tables.iter().filter(|t| *t.file == *f.name) {
            let sheet = sheet_name(&t.sheet);
            match t.kind {
                Some(kind) if t.header_row == 0 => {
                    // A 千牛 text export: no header, messages read from sender lines.
                    let (kind, rows) = (kind_name(kind), t.data_rows);
                    let line = msg!("run.inspect.sender_lines", sheet = sheet, kind = kind, rows = rows);
                    out.push_str(&format!("  {line}{}\n", dates(t)));
                    out.push_str(&shops_text(summary, t));
                }
                Some(kind) => {
                    let (kind_shown, row, rows) = (kind_name(kind), t.header_row, t.data_rows);
                    let line = msg!("run.inspect.header", sheet = sheet, kind = kind_shown, row = row, rows = rows);
                    out.push_str(&format!("  {line}{}\n", dates(t)));
                    out.push_str(&export_layout_text(t));
                    for c in &t.columns {
                        out.push_str(&format!("    {:<20} ← {}\n", c.field, c.header));
                    }
                    let missing: Vec<&str> =
                        kind.fields().iter().filter(|f| t.col(f.name).is_none()).map(field_name).collect();
                    let sep = msg!("run.sep.list");
                    if !missing.is_empty() {
                        out.push_str(&format!("    {}\n", msg!("run.inspect.missing", fields = missing.join(&sep))));
                    }
                    if !t.unmapped.is_empty() {
                        out.push_str(&format!(
                            "    {}\n",
                            msg!("run.inspect.unmapped", columns = t.unmapped.join(&sep))
                        ));
                    }
                    for note in sheet_notes(message_language(), t) {
                        out.push_str(&format!("    {}\n", msg!("run.note", note = note)));
                    }
                    out.push_str(&shops_text(summary, t));
                }
                None => {
                    let why = found.others.iter().find(|o| *o.0 == *f.name && *o.1 == *t.sheet);
                    if let Some((.., NotSchedule::Attendance)) = why {
                        let why = NotSchedule::Attendance.phrase(&t.sheet);
                        out.push_str(&format!("  {}\n", msg!("run.inspect.attendance", sheet = sheet, why = why)));
                        continue;
                    }
                    let unused =
                        t.why_unused.as_ref().map_or_else(|| msg!("run.inspect.no_known_columns"), |w| w.to_string());
                    out.push_str(&format!("  {}\n", msg!("run.inspect.not_used", sheet = sheet, why = unused)));
                    out.push_str(&export_layout_text(t));
                    if let Some((.., why)) = why {
                        out.push_str(&format!(
                            "    {}\n",
                            msg!("run.inspect.not_schedule", why = why.phrase(&t.sheet))
                        ));
                    }
                }
            }
        }
        for s in schedules.iter().filter(|s| *s.file == *f.name) {
            out.push_str(&schedule_text(s, schedule_problems));
        }
        if let Some((_, n)) = summary.orders_in_later_export.iter().find(|(file, _)| *file == *f.name) {
            out.push_str(&format!("  {}\n", msg!("run.inspect.later_export", orders = orders(*n))));
        }
        let problems: Vec<&RowProblem> = summary.problems.iter().filter(|p| *p.file == *f.name).collect();
        // The schedule's own problems were listed with it above: the count says them too.
        let in_schedules: usize =
            schedules.iter().filter(|s| *s.file == *f.name).map(|s| sheet_problems(s, schedule_problems).len()).sum();
        let total = row_problems((problems.len() + in_schedules) as u64);
        if problems.is_empty() && in_schedules == 0 {
            out.push_str(&format!("  {}\n", msg!("run.inspect.no_problems")));
        } else if problems.is_empty() {
            out.push_str(&format!("  {}\n", msg!("run.inspect.problems_with_schedule", problems = total)));
        } else {
            out.push_str(&format!("  {total}"));
            if in_schedules > 0 {
                out.push_str(&msg!("run.inspect.some_with_schedule", n = in_schedules));
            }
            if problems.len() > FIRST_PROBLEMS {
                out.push_str(&msg!("run.inspect.first", n = FIRST_PROBLEMS));
            }
            out.push_str(&msg!("run.inspect.colon"));
            out.push('\n');
            for p in problems.iter().take(FIRST_PROBLEMS) {
                let sheet = if p.sheet.is_empty() {
                    String::new()
                } else {
                    msg!("run.inspect.problem_sheet", sheet = &p.sheet)
                };
                let column = if p.column.is_empty() {
                    String::new()
                } else {
                    msg!("run.inspect.problem_column", column = &p.column)
                };
                let line = msg!(
                    "run.inspect.problem",
                    file = &p.file,
                    sheet = sheet,
                    row = p.row,
                    column = column,
                    value = &p.value,
                    problem = &p.problem,
                    action = &p.action
                );
                out.push_str(&format!("    {line}\n"));
            }
        }
        out.push('\n');
    }
    if summary.item_rows_left_out > 0 {
        let rows = item_rows(summary.item_rows_left_out);
        out.push_str(&format!("{}\n", msg!("run.inspect.item_rows_left_out", rows = rows)));
    }
    for u in &summary.unknown_statuses {
        let (status, counted, money) = (&u.text, orders(u.orders), yuan(u.money));
        let line = msg!("run.inspect.unknown_status", status = status, orders = counted, money = money, paid = u.paid);
        out.push_str(&format!("{line}\n"));
    }
    out
}
