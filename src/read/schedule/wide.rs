//! The wide layout: one row per agent under a row of dates. Finds the weekday rows, the name
//! column and the agent rows, and lists what it leaves out (docs/schedules.md).

use super::dates::{DateContext, DateRow, row_dates};
use super::kind::{is_attendance_cell, is_footer_line, looks_like_code, shift_ranges};
use super::sheet::{
    DayKind, MonthSource, NameFound, NotSchedule, ScheduleOptions, ScheduleRow, ScheduleSheet, column_letter, day_kind,
    name_header, sheet_problem,
};
use super::weekdays::{is_weekday_row, weekday_disagreements};
use crate::model::{Phrase, RowProblem};
use crate::read::cells::{Cell, clean_text};

const WEEKDAY_KEYS: [&str; 7] = [
    "schedule.weekday.0",
    "schedule.weekday.1",
    "schedule.weekday.2",
    "schedule.weekday.3",
    "schedule.weekday.4",
    "schedule.weekday.5",
    "schedule.weekday.6",
];

/// The sheet being read in the wide layout: where its problems are listed, and how to read it.
pub(super) struct WideSheet<'a> {
    pub file: &'a str,
    pub sheet: &'a str,
    pub options: &'a ScheduleOptions<'a>,
}

impl WideSheet<'_> {
    pub(super) fn build(
        &self,
        rows: &[(u32, Vec<Cell>)],
        h: usize,
        date_row: DateRow,
        month_source: MonthSource,
        problems: &mut Vec<RowProblem>,
    ) -> Result<ScheduleSheet, NotSchedule> {
        let problem = |problems: &mut Vec<RowProblem>, row: u32, column: String, value: String, p: Phrase| {
            problems.push(sheet_problem(self.file, self.sheet, row, column, value, p));
        };
        let dates = date_row.columns;
        let first_date_col = dates.iter().map(|d| d.0).min().unwrap_or(0);
        let last_date_col = dates.iter().map(|d| d.0).max().unwrap_or(0);
        let ctx = DateContext {
            range: match &month_source {
                MonthSource::TitleRange(_, a, b) => Some((*a, *b)),
                _ => None,
            },
            month: match &month_source {
                MonthSource::MonthOption(y, m) | MonthSource::Title(_, y, m) => Some((*y, *m)),
                MonthSource::TitleRange(_, a, _) => Some((chrono::Datelike::year(a), chrono::Datelike::month(a))),
                _ => None,
            },
            year: self.options.year,
        };
        let cell =
            |cells: &[Cell], c: usize| cells.get(c).map(|x| clean_text(&x.display()).to_string()).unwrap_or_default();
        let is_weekday = |i: usize| rows.get(i).is_some_and(|(_, cells)| is_weekday_row(cells, &dates));
        let weekday_rows: Vec<usize> =
            [h.checked_sub(1), Some(h + 1)].into_iter().flatten().filter(|i| is_weekday(*i)).collect();
        // Without [shifts] (inspect with no config) short texts pass as codes.
        let codes = self.options.codes;
        // A cell written as hours (09:00-18:00) is a shift whatever `[shifts]` says.
        let known = |code: &str| {
            day_kind(code) != DayKind::Code
                || codes.contains(code)
                || shift_ranges(code).is_some()
                || (codes.is_empty() && looks_like_code(code))
        };
        // A header row repeated for a second group: the same dates under the same columns.
        let repeats_dates =
            |cells: &[Cell]| row_dates(cells, ctx).columns.iter().filter(|x| dates.contains(x)).count() >= 3;
        // An attendance export's day cells hold clock times and verdicts, not shift codes; a
        // code the config names (正常 may be a shift's name) is a shift.
        let attendance_rows = rows[h + 1..]
            .iter()
            .filter(|(_, cells)| {
                let filled: Vec<String> =
                    dates.iter().map(|(c, ..)| cell(cells, *c)).filter(|v| !v.is_empty()).collect();
                let clocked = filled.iter().filter(|v| !codes.contains(v.as_str()) && is_attendance_cell(v)).count();
                !filled.is_empty() && clocked * 2 > filled.len()
            })
            .count();
        if attendance_rows >= 2 {
            return Err(NotSchedule::Attendance);
        }
        // The name column: by its header in the date row or a row beside it, else the nearest
        // text column left of the dates.
        let header = [Some(h), Some(h + 1), h.checked_sub(1)]
            .into_iter()
            .flatten()
            .filter_map(|i| rows.get(i))
            .flat_map(|(_, cells)| {
                cells
                    .iter()
                    .take(first_date_col)
                    .enumerate()
                    .filter_map(|(c, x)| name_header(x).map(|p| (p, c, x.display())))
            })
            .min_by_key(|(p, c, _)| (*p, *c));
        // Every row below the dates but legend, rule and signature lines, which may sit between
        // agents (注：早=早班 晚=晚班) as well as under them: each is skipped, the rows after it read.
        let header_column = header.as_ref().map_or(usize::MAX, |x| x.1);
        let candidates: Vec<usize> = (h + 1..rows.len())
            .filter(|i| {
                !is_footer_line(&rows[*i].1, header_column)
                    && !is_weekday(*i)
                    && !repeats_dates(&rows[*i].1)
                    && dates.iter().any(|(c, ..)| known(&cell(&rows[*i].1, *c)) && !cell(&rows[*i].1, *c).is_empty())
            })
            .collect();
        let texty = |c: usize| {
            let text = candidates
                .iter()
                .filter(|i| {
                    let v = cell(&rows[**i].1, c);
                    matches!(rows[**i].1.get(c), Some(Cell::Text(_)))
                        && !v.is_empty()
                        && !v.chars().all(|ch| ch.is_ascii_digit())
                })
                .count();
            text * 2 > candidates.len()
        };
        let (name_column, name_found) = match header {
            Some((_, c, text)) => (c, NameFound::Header(clean_text(&text).to_string())),
            None => match (0..first_date_col).rev().find(|c| texty(*c)) {
                Some(c) => (c, NameFound::FirstTextLeftOfDates),
                None if candidates.len() < 2 => return Err(NotSchedule::TooFewAgents(0)),
                None => {
                    problem(problems, rows[h].0, String::new(), String::new(), Phrase::new("problem.no_name_column"));
                    return Err(NotSchedule::TooFewAgents(0));
                }
            },
        };
        // No column of the date row is left out without saying so.
        let (date_excel_row, date_cells) = (&rows[h].0, &rows[h].1);
        for p in &date_row.problems {
            let mut phrase = Phrase::new(p.key);
            if let Some(d) = p.date {
                phrase = phrase.with("date", d.format("%Y-%m-%d")).with("month", d.format("%Y-%m"));
            }
            problem(problems, *date_excel_row, column_letter(p.column), p.header.clone(), phrase);
        }
        // A day of the title's stated dates without a column: listed, one problem per run of days.
        for (from, to) in &date_row.missing {
            let (value, phrase) = if from == to {
                (from.to_string(), Phrase::new("schedule.problem.missing_date").with("date", from))
            } else {
                let n = (*to - *from).num_days() + 1;
                let phrase =
                    Phrase::new("schedule.problem.missing_dates").with("from", from).with("to", to).with("n", n);
                (format!("{from} – {to}"), phrase)
            };
            problem(problems, *date_excel_row, String::new(), value, phrase);
        }
        for (c, x) in date_cells.iter().enumerate() {
            let undated =
                !x.is_blank() && !dates.iter().any(|d| d.0 == c) && !date_row.problems.iter().any(|p| p.column == c);
            if undated && c > first_date_col && c < last_date_col {
                problem(
                    problems,
                    *date_excel_row,
                    column_letter(c),
                    x.display(),
                    Phrase::new("schedule.problem.column_not_dated"),
                );
            }
        }
        // A weekday row that disagrees with the dates: the dates win, and it is said once per row.
        for i in &weekday_rows {
            let wrong = weekday_disagreements(&rows[*i].1, &dates);
            if let Some((header, word, date)) = wrong.first() {
                let phrase = Phrase::new("schedule.problem.weekday_row_disagrees")
                    .with("n", wrong.len())
                    .with("header", header)
                    .with("written", word)
                    .with("date", date.format("%Y-%m-%d"))
                    .with_label(
                        "weekday",
                        WEEKDAY_KEYS[chrono::Datelike::weekday(date).num_days_from_monday() as usize],
                    );
                problem(problems, rows[*i].0, String::new(), word.clone(), phrase);
            }
        }
        let written_codes: std::collections::BTreeSet<String> = candidates
            .iter()
            .flat_map(|i| dates.iter().map(|(c, ..)| cell(&rows[*i].1, *c)))
            .filter(|v| !v.is_empty() && known(v))
            .collect();
        let mut agents = Vec::new();
        for (i, (row, cells)) in rows.iter().enumerate().skip(h + 1) {
            if is_weekday(i) || is_footer_line(cells, name_column) {
                continue; // 排班人：…, 备注：…: not agents, not problems
            }
            let name = cell(cells, name_column);
            let codes: Vec<String> = dates.iter().map(|(c, ..)| cell(cells, *c)).collect();
            let filled: Vec<&String> = codes.iter().filter(|c| !c.is_empty()).collect();
            if name_header(&Cell::Text(name.clone())).is_some() || repeats_dates(cells) {
                continue; // a repeated header row (姓名, dates), not an agent
            }
            // A legend of shift hours under the roster (早 | 09:00-18:00): named by a shift code,
            // one `[shifts]` names or the roster writes under its dates.
            let named_by_code = !name.is_empty()
                && (self.options.codes.contains(&name)
                    || written_codes.contains(&name)
                    || day_kind(&name) != DayKind::Code
                    || shift_ranges(&name).is_some());
            if named_by_code {
                continue;
            }
            if !candidates.contains(&i) {
                if !filled.is_empty() || !name.is_empty() {
                    // What the user sees at the row's start: the name, else a label such as 在岗人数.
                    let label = (0..first_date_col).map(|c| cell(cells, c)).find(|v| !v.is_empty());
                    let value = if name.is_empty() {
                        label.unwrap_or_else(|| filled.iter().take(3).map(|s| s.as_str()).collect::<Vec<_>>().join(" "))
                    } else {
                        name
                    };
                    problem(problems, *row, String::new(), value, Phrase::new("problem.no_shift_codes"));
                }
                continue;
            }
            if name.is_empty() {
                problem(problems, *row, String::new(), String::new(), Phrase::new("problem.codes_without_name"));
                continue;
            }
            let days = dates.iter().zip(codes).map(|((_, d, header), code)| (*d, code, header.clone())).collect();
            agents.push(ScheduleRow {
                agent: name,
                file: self.file.to_string(),
                sheet: self.sheet.to_string(),
                row: *row,
                days,
            });
        }
        Ok(ScheduleSheet {
            file: self.file.to_string(),
            sheet: self.sheet.to_string(),
            date_row: rows[h].0,
            weekday_rows: weekday_rows.iter().map(|i| rows[*i].0).collect(),
            name_column,
            name_found,
            month_source,
            rows: agents,
            long: None,
        })
    }
}
