//! `cs-tools inspect FILE…`: what the tool sees — per sheet its kind, header row, the
//! field ← column mapping, unmapped columns, rows, date range, encoding, first problems.

use super::inputs::Inputs;
use super::{Outcome, load_config, print_stdout, read_options, sheet_notes};
use crate::cli::{InspectArgs, InspectFormat};
use crate::compute::agents::AgentDirectory;
use crate::error::Result;
use crate::read::ReadSummary;
use crate::read::fields::SheetKind;
use crate::read::schedule::{ScheduleRow, read_schedule};
use crate::report::labels::Lang;
use chrono::{Datelike, NaiveDate};
use serde_json::{Value as Json, json};

/// Problems shown per run; the rest are counted.
const FIRST_PROBLEMS: usize = 20;

pub fn run(args: &InspectArgs, today: NaiveDate) -> Result<Outcome> {
    let loaded = load_config(args.input.config.as_deref())?;
    let mut options = read_options(&args.input, &loaded.config);
    options.track_dates = true;
    let mut inputs = Inputs::new(&loaded);
    inputs.read(&args.files, &options, &SheetKind::ALL, &AgentDirectory::new(&loaded.config.agents))?;
    let summary = inputs.read;
    let schedules = schedules(&summary, &options, today.year());
    match args.format {
        InspectFormat::Json => {
            let mut v = to_json(&summary);
            v["schedules"] = json!(schedules
                .iter()
                .map(|s| json!({"file": s.0, "sheet": s.1, "agents": s.2, "from": s.3.to_string(), "to": s.4.to_string()}))
                .collect::<Vec<_>>());
            print_stdout(&format!("{v}\n"))
        }
        InspectFormat::Table => {
            let mut text = to_text(&summary);
            for (file, sheet, agents, from, to) in &schedules {
                let sheet = if sheet.is_empty() { String::new() } else { format!(" [{sheet}]") };
                text.push_str(&format!("{file}{sheet}: a schedule (排班表) — {agents} agents, {from} … {to}\n"));
            }
            print_stdout(&text)
        }
    }
    Ok(Outcome { problems: 0, strict: false })
}

/// Sheets that no table kind fits may be schedules (`cs-tools schedule` reads them).
fn schedules(
    summary: &ReadSummary,
    options: &crate::read::ReadOptions,
    year: i32,
) -> Vec<(String, String, usize, NaiveDate, NaiveDate)> {
    let mut out = Vec::new();
    for f in &summary.files {
        let unused = summary.tables.iter().any(|t| *t.file == *f.name && t.kind.is_none());
        if !unused || f.format == crate::read::source::FileFormat::QianniuText {
            continue;
        }
        let mut problems = Vec::new();
        let Ok(rows) = read_schedule(f, options.sheet.as_deref(), None, year, &mut problems) else { continue };
        let mut by_sheet: std::collections::BTreeMap<&str, Vec<&ScheduleRow>> = Default::default();
        for r in &rows {
            by_sheet.entry(&r.sheet).or_default().push(r);
        }
        for (sheet, rows) in by_sheet {
            let dates = rows.iter().flat_map(|r| r.days.iter().map(|d| d.0));
            if let (Some(from), Some(to)) = (dates.clone().min(), dates.max()) {
                out.push((f.name.clone(), sheet.to_string(), rows.len(), from, to));
            }
        }
    }
    out
}

fn to_json(summary: &ReadSummary) -> Json {
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
    json!({"files": files, "problems": problems, "problem_count": summary.problems.len(), "item_rows_left_out": summary.item_rows_left_out})
}

fn to_text(summary: &ReadSummary) -> String {
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
                None => out.push_str(&format!(
                    "  {sheet}: not used — {}\n",
                    t.why_unused.as_deref().unwrap_or("no known columns")
                )),
            }
        }
    }
    if summary.item_rows_left_out > 0 {
        out.push_str(&format!(
            "{} item row(s) left out: their orders were read from an order-level sheet\n",
            summary.item_rows_left_out
        ));
    }
    if summary.problems.is_empty() {
        out.push_str("no row problems\n");
    } else {
        out.push_str(&format!("{} row problem(s)", summary.problems.len()));
        if summary.problems.len() > FIRST_PROBLEMS {
            out.push_str(&format!(", the first {FIRST_PROBLEMS}"));
        }
        out.push_str(":\n");
        for p in summary.problems.iter().take(FIRST_PROBLEMS) {
            let sheet = if p.sheet.is_empty() { String::new() } else { format!(" [{}]", p.sheet) };
            out.push_str(&format!(
                "  {}{sheet} row {} {}: \"{}\" — {} ({})\n",
                p.file, p.row, p.column, p.value, p.problem, p.action
            ));
        }
    }
    out
}
