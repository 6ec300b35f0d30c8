//! `cs-tools schedule SCHEDULE --chats CHATS… [--month]`: does the shift schedule (排班表)
//! cover the hours buyers write? (docs/definitions.md#schedule)

use super::runner::{Start, finish};
use super::{Outcome, file_list};
use crate::cli::ScheduleArgs;
use crate::compute::coverage::span_of;
use crate::compute::receptions::Reception;
use crate::compute::schedule::{assignments, coverage, dates_counted, shifts_of};
use crate::error::{Error, Result};
use crate::inputs::InputReader;
use crate::labels::{Lang, say};
use crate::model::{Period, PeriodKind, Phrase, RowProblem};
use crate::read::ReadLog;
use crate::read::fields::SheetKind;
use crate::read::schedule::{LongLayout, NotSchedule, ScheduleOptions, ScheduleRow, ScheduleSheet, read_schedule};
use crate::read::source::{self, InputFile};
use crate::report::schedule::{ScheduleReport, coverage_note, layout_rule_items};
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

pub fn run(args: &ScheduleArgs, today: NaiveDate) -> Result<Outcome> {
    let start = Start::new(&args.input, &args.period, today)?;
    let (config, lang, asked) = (start.config(), start.lang, start.requested);
    // `--month` dates a schedule's day numbers.
    let month = asked.filter(|p| p.kind == PeriodKind::Month).map(|p| (p.from.year(), p.from.month()));
    let (mut read, receptions, hourly) = read_chats(&args.chats, &start)?;
    let year = month.map(|m| m.0).or_else(|| receptions.iter().map(|r| r.date().year()).max()).unwrap_or(today.year());
    // The schedule, codes mapped through [shifts].
    let mut problems = Vec::new();
    let (sheets, files) = read_schedules(&args.schedule, &start, month, year, &mut problems)?;
    let layout_rules = layout_rule_items(lang, &sheets);
    let shifts = shifts_of(&config.shifts, sheets.iter().any(|s| s.long == Some(LongLayout::AllDay)));
    let rows: Vec<ScheduleRow> = sheets.into_iter().flat_map(|s| s.rows).collect();
    let span = span_of(rows.iter().flat_map(|r| r.days.iter().map(|d| d.0)));
    let Some((first, last)) = span else { return Err(no_dates(lang, &args.schedule)) };
    // Only the period's dates count; without a period option, the schedule's dates.
    let Some((from, to)) = dates_counted(asked, first, last) else {
        return Err(outside(lang, &args.schedule, first, last));
    };
    // A period the schedule covers only in part says so: 20 of April's 30 days.
    let note = asked.filter(|p| (p.from, p.to) != (from, to)).map(|p| coverage_note(lang, p, from, to));
    if let Some(note) = note.as_ref().filter(|_| !args.output.quiet) {
        eprintln!("{note}");
    }
    // A night shift on the day before still covers the first morning.
    let day_before = from.pred_opt().unwrap_or(from);
    let agent = |name: &str| start.directory.resolve(name).unwrap_or_else(|| name.to_string());
    let assignments = assignments(&rows, &shifts, agent, |d| (day_before..=to).contains(&d), &mut problems);
    let starts: Vec<_> = receptions.iter().filter(|r| (from..=to).contains(&r.date())).map(|r| r.start).collect();
    let result = coverage(&assignments, &starts, &hourly, from, to, config.max_buyers_per_agent_hour);
    problems.append(&mut read.problems);
    read.files.extend(files);
    let period = Period { from, to, kind: asked.map_or(PeriodKind::All, |p| p.kind) };
    let (problems, read, coverage_note) = (&problems, &read, note.as_deref());
    let report =
        ScheduleReport { result: &result, period, coverage_note, layout_rules: &layout_rules, problems, read, config };
    let inputs: Vec<_> = args.schedule.iter().chain(&args.chats).cloned().collect();
    finish(&args.output, &inputs, problems.len(), &report)
}

/// The buyer messages per hour, counted as the chats are read, their receptions (starts
/// only) and what was read.
type Chats = (ReadLog, Vec<Reception>, BTreeMap<NaiveDateTime, u64>);

/// The chats first: buyer messages counted per hour as they are read.
fn read_chats(chats: &[PathBuf], start: &Start) -> Result<Chats> {
    let mut inputs = InputReader::new(&start.loaded);
    inputs.chats.hourly_buyer_messages = Some(Default::default());
    inputs.chats.starts_only = true;
    inputs.read(chats, &start.options, &[SheetKind::ChatMessages, SheetKind::ChatSessions], &start.directory)?;
    let hourly = inputs.chats.hourly_buyer_messages.take().unwrap_or_default();
    let receptions = inputs.finish_chats(start.config().response_cap_secs);
    inputs.done_reading();
    Ok((inputs.read, receptions, hourly))
}

/// Every schedule sheet of the files given as the schedule, codes mapped through `[shifts]`,
/// and the files. Day numbers are dated by `month` (`--month`), else `year` for dates without
/// one. A file that holds none is refused by name, never half-used: all such files are named
/// in one error.
fn read_schedules(
    paths: &[PathBuf],
    start: &Start,
    month: Option<(i32, u32)>,
    year: i32,
    problems: &mut Vec<RowProblem>,
) -> Result<(Vec<ScheduleSheet>, Vec<InputFile>)> {
    let (config, options, lang) = (start.config(), &start.options, start.lang);
    let codes: BTreeSet<String> = config.shifts.keys().cloned().collect();
    let default_shift = config.schedule.default_shift.as_deref();
    let reading = ScheduleOptions { month, year, codes: &codes, default_shift };
    let (mut sheets, mut files, mut refused) = (Vec::new(), Vec::new(), Vec::new());
    for path in paths {
        let input = source::open(path, options.encoding)?;
        let read = read_schedule(&input, options.sheet.as_deref(), &reading, problems)?;
        if read.is_attendance() {
            // The attendance sheets by name; a text file (CSV) has none: its own name.
            let names: Vec<&str> = read
                .others
                .iter()
                .filter(|o| o.1 == NotSchedule::Attendance && !o.0.is_empty())
                .map(|o| o.0.as_str())
                .collect();
            let sheets = if names.is_empty() {
                let name = std::path::Path::new(&input.name).file_name().and_then(|n| n.to_str());
                name.unwrap_or(&input.name).to_string()
            } else {
                names.join(", ")
            };
            refused.push(say(
                lang,
                &Phrase::new("schedule.err.attendance").with("file", &input.name).with("sheets", sheets),
            ));
        } else if read.sheets.is_empty() {
            let why: Vec<String> = read.others.iter().map(|(sheet, why)| say(lang, &why.phrase(sheet))).collect();
            let why = if why.is_empty() { say(lang, &NotSchedule::NoDates.phrase("")) } else { why.join("; ") };
            refused.push(say(lang, &Phrase::new("schedule.err.none").with("file", &input.name).with("why", why)));
        }
        sheets.extend(read.sheets);
        files.push(input);
    }
    if !refused.is_empty() {
        return Err(Error::Input(refused.join("\n")));
    }
    Ok((sheets, files))
}

/// Schedules read, but no dates in them.
fn no_dates(lang: Lang, schedules: &[PathBuf]) -> Error {
    let why = say(lang, &NotSchedule::NoDates.phrase(""));
    Error::Input(say(lang, &Phrase::new("schedule.err.none").with("file", file_list(schedules)).with("why", why)))
}

/// The period asked for holds none of the schedule's dates.
fn outside(lang: Lang, schedules: &[PathBuf], first: NaiveDate, last: NaiveDate) -> Error {
    let phrase =
        Phrase::new("schedule.err.outside").with("files", file_list(schedules)).with("first", first).with("last", last);
    Error::Input(say(lang, &phrase))
}
