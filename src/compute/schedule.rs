//! docs/definitions.md#schedule: does the shift schedule (排班表) cover the hours buyers write? Shifts from
//! `[shifts]`, load from receptions and buyer messages, agents on duty per hour.

use crate::model::{Period, Phrase, RowProblem};
use crate::read::schedule::{ALL_DAY, DayKind, ScheduleRow, day_kind, shift_ranges};
use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use std::collections::{BTreeMap, BTreeSet};

/// A shift's time ranges in minutes from the start of its day; an end past 24:00 runs into
/// the next day.
#[derive(Debug, Clone, PartialEq)]
pub struct Shift {
    pub code: String,
    pub ranges: Vec<(u32, u32)>,
}

/// The `[shifts]` range parser lives with the config that it validates.
pub use crate::config::shifts::parse_range;

/// The shifts of `[shifts]`. `all_day`: a long-layout roster without shifts puts its names
/// on duty all day, as the code `ALL_DAY` (unless `[shifts]` names that code itself).
pub fn shifts_of(table: &BTreeMap<String, Vec<String>>, all_day: bool) -> Vec<Shift> {
    let mut shifts: Vec<Shift> = table
        .iter()
        .map(|(code, ranges)| Shift {
            code: code.clone(),
            ranges: ranges.iter().filter_map(|r| parse_range(r)).collect(),
        })
        .collect();
    if all_day && !table.contains_key(ALL_DAY) {
        shifts.push(Shift { code: ALL_DAY.to_string(), ranges: vec![(0, 24 * 60)] });
    }
    shifts
}

/// The dates counted, from the schedule's `first` and `last`: the period asked for cut to
/// them, else all of them; None when the period lies outside them.
pub fn dates_counted(asked: Option<Period>, first: NaiveDate, last: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let (from, to) = match asked {
        Some(p) => (p.from.max(first), p.to.min(last)),
        None => (first, last),
    };
    (from <= to).then_some((from, to))
}

/// One agent's day in the schedule.
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    pub agent: String,
    pub date: NaiveDate,
    /// None: a day off.
    pub shift: Option<Shift>,
    /// A day off under a leave code (病假, 事假, 年假, 调休).
    pub leave: bool,
}

/// The schedule's days on the dates `keep` accepts, codes mapped through `[shifts]`; a code
/// written as hours (`09:00-18:00`) is its own shift. An unknown code is listed as a problem
/// and counts as a day off. One row naming a date several times (a long-layout roster with the
/// person on the 早 and the 晚 row) gives them each of those shifts that day. One schedule per
/// person and date across rows, sheets and files: a second row for the same person and date is
/// never added; when it says something else it is listed as a conflict
/// (docs/schedules.md#one-schedule-per-person-and-date).
pub fn assignments(
    rows: &[ScheduleRow],
    shifts: &[Shift],
    agent: impl Fn(&str) -> String,
    keep: impl Fn(NaiveDate) -> bool,
    problems: &mut Vec<RowProblem>,
) -> Vec<Assignment> {
    let mut out = Vec::new();
    // (person, date) → (codes, file, sheet, row) of the first row that scheduled it.
    let mut seen: BTreeMap<(String, NaiveDate), (String, String, String, u32)> = BTreeMap::new();
    let shown = |code: &str| if code.is_empty() { "(空)".to_string() } else { code.to_string() };
    for row in rows {
        let name = agent(&row.agent);
        // The row's days by date, in the row's order: (date, [(code, header)]).
        let mut days: Vec<(NaiveDate, Vec<(&String, &String)>)> = Vec::new();
        for (date, code, header) in row.days.iter().filter(|d| keep(d.0)) {
            match days.iter_mut().find(|d| d.0 == *date) {
                Some(d) => d.1.push((code, header)),
                None => days.push((*date, vec![(code, header)])),
            }
        }
        for (date, cells) in days {
            let said = cells.iter().map(|c| c.0.as_str()).collect::<Vec<_>>().join(" + ");
            if let Some((first, file, sheet, at)) = seen.get(&(name.clone(), date)) {
                if *first != said {
                    problems.push(RowProblem {
                        file: row.file.clone(),
                        sheet: row.sheet.clone(),
                        row: row.row,
                        column: cells[0].1.clone(),
                        value: shown(&said),
                        problem: Phrase::new("schedule.problem.conflict")
                            .with("first", shown(first))
                            .with("file", file)
                            .with("sheet", sheet)
                            .with("row", at)
                            .with("date", date),
                        action: Phrase::new("schedule.action.first_kept"),
                    });
                }
                continue;
            }
            seen.insert((name.clone(), date), (said, row.file.clone(), row.sheet.clone(), row.row));
            let mut working = Vec::new();
            let mut leave = false;
            for (code, header) in &cells {
                match day_kind(code) {
                    DayKind::Off => {}
                    DayKind::Leave => leave = true,
                    DayKind::Code => {
                        let found = shifts
                            .iter()
                            .find(|s| s.code == **code)
                            .cloned()
                            .or_else(|| shift_ranges(code).map(|ranges| Shift { code: code.to_string(), ranges }));
                        match found {
                            Some(shift) => working.push(shift),
                            None => problems.push(RowProblem {
                                file: row.file.clone(),
                                sheet: row.sheet.clone(),
                                row: row.row,
                                column: header.to_string(),
                                value: code.to_string(),
                                problem: Phrase::new("problem.unknown_shift"),
                                action: Phrase::new("action.not_a_shift"),
                            }),
                        }
                    }
                }
            }
            if working.is_empty() {
                out.push(Assignment { agent: name.clone(), date, shift: None, leave });
            }
            for shift in working {
                out.push(Assignment { agent: name.clone(), date, shift: Some(shift), leave: false });
            }
        }
    }
    out
}

/// An agent is on duty in an hour when a shift covers the middle of it (hh:30).
pub fn on_duty_hours(a: &Assignment) -> Vec<NaiveDateTime> {
    let Some(shift) = &a.shift else { return Vec::new() };
    let day = a.date.and_hms_opt(0, 0, 0).unwrap_or_default();
    let mut out = Vec::new();
    for (start, end) in &shift.ranges {
        for hour in 0..48u32 {
            let mid = hour * 60 + 30;
            if *start <= mid && mid < *end {
                out.push(day + chrono::Duration::hours(i64::from(hour)));
            }
        }
    }
    out
}

/// The minutes a set of ranges covers, overlaps counted once.
fn covered_minutes(mut ranges: Vec<(u32, u32)>) -> u32 {
    ranges.sort_unstable();
    let (mut total, mut end) = (0, 0);
    for (a, b) in ranges {
        let a = a.max(end);
        if b > a {
            total += b - a;
            end = b;
        }
    }
    total
}

#[derive(Debug, Clone, PartialEq)]
pub struct HourCell {
    /// 0 = Monday … 6 = Sunday.
    pub weekday: u32,
    pub hour: u32,
    /// Means over the period's dates of that weekday.
    pub receptions: f64,
    pub buyer_messages: f64,
    pub on_duty: f64,
    /// Receptions per agent on duty; None when nobody is on duty.
    pub per_agent: Option<f64>,
    pub flag: Option<Flag>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    /// Buyers write but nobody is on duty.
    Unstaffed,
    /// More buyers per agent than `max_buyers_per_agent_hour`.
    Overloaded,
}

impl Flag {
    pub fn name(self) -> &'static str {
        match self {
            Flag::Unstaffed => "unstaffed",
            Flag::Overloaded => "overloaded",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct AgentShifts {
    pub agent: String,
    pub shifts: u64,
    pub hours: f64,
    /// Days off, leave included.
    pub days_off: u64,
    /// Days off under a leave code.
    pub leave: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Coverage {
    pub hours: Vec<HourCell>,
    pub agents: Vec<AgentShifts>,
    /// Dates of the schedule on which nobody works.
    pub unstaffed_dates: Vec<NaiveDate>,
}

/// docs/definitions.md#schedule for the dates `from..=to`. `receptions` are reception start times, `messages`
/// buyer message counts per hour (truncated to the hour).
pub fn coverage(
    assignments: &[Assignment],
    receptions: &[NaiveDateTime],
    messages: &BTreeMap<NaiveDateTime, u64>,
    from: NaiveDate,
    to: NaiveDate,
    max_per_agent: f64,
) -> Coverage {
    let hour_of = |t: &NaiveDateTime| t.date().and_hms_opt(t.hour(), 0, 0).unwrap_or(*t);
    let mut on_duty: BTreeMap<NaiveDateTime, BTreeSet<&str>> = BTreeMap::new();
    for a in assignments {
        for h in on_duty_hours(a) {
            on_duty.entry(h).or_default().insert(&a.agent);
        }
    }
    let mut load: BTreeMap<NaiveDateTime, u64> = BTreeMap::new();
    for r in receptions {
        *load.entry(hour_of(r)).or_default() += 1;
    }
    let days: Vec<NaiveDate> = from.iter_days().take_while(|d| *d <= to).collect();
    let mut hours = Vec::with_capacity(7 * 24);
    for weekday in 0..7u32 {
        let dates: Vec<&NaiveDate> = days.iter().filter(|d| d.weekday().num_days_from_monday() == weekday).collect();
        let n = dates.len().max(1) as f64;
        for hour in 0..24u32 {
            let slots: Vec<NaiveDateTime> = dates.iter().filter_map(|d| d.and_hms_opt(hour, 0, 0)).collect();
            // Folded from 0.0: a weekday the period lacks shows 0, not -0 (an empty f64 sum).
            let total = |m: &dyn Fn(&NaiveDateTime) -> f64| slots.iter().map(m).fold(0.0, |a, b| a + b);
            let sum = |m: &dyn Fn(&NaiveDateTime) -> f64| total(m) / n;
            let receptions = sum(&|s| load.get(s).copied().unwrap_or(0) as f64);
            let buyer_messages = sum(&|s| messages.get(s).copied().unwrap_or(0) as f64);
            let duty = sum(&|s| on_duty.get(s).map_or(0, BTreeSet::len) as f64);
            // The ratio of the sums (the days cancel out), free of rounding noise.
            let duty_total = total(&|s| on_duty.get(s).map_or(0, BTreeSet::len) as f64);
            let per_agent =
                (duty_total > 0.0).then(|| total(&|s| load.get(s).copied().unwrap_or(0) as f64) / duty_total);
            let flag = if (receptions > 0.0 || buyer_messages > 0.0) && duty == 0.0 {
                Some(Flag::Unstaffed)
            } else if per_agent.is_some_and(|p| p > max_per_agent) {
                Some(Flag::Overloaded)
            } else {
                None
            };
            hours.push(HourCell { weekday, hour, receptions, buyer_messages, on_duty: duty, per_agent, flag });
        }
    }
    let mut agents: BTreeMap<&str, AgentShifts> = BTreeMap::new();
    let mut day_ranges: BTreeMap<(&str, NaiveDate), Vec<(u32, u32)>> = BTreeMap::new();
    let mut working: BTreeSet<NaiveDate> = BTreeSet::new();
    // Days of the period only; a night shift of the day before still puts someone on duty.
    let in_period: Vec<&Assignment> = assignments.iter().filter(|a| (from..=to).contains(&a.date)).collect();
    let scheduled: BTreeSet<NaiveDate> = in_period.iter().map(|a| a.date).collect();
    for a in in_period {
        let e = agents.entry(&a.agent).or_insert_with(|| AgentShifts {
            agent: a.agent.clone(),
            shifts: 0,
            hours: 0.0,
            days_off: 0,
            leave: 0,
        });
        match &a.shift {
            Some(s) => {
                e.shifts += 1;
                day_ranges.entry((a.agent.as_str(), a.date)).or_default().extend(s.ranges.iter().copied());
                working.insert(a.date);
            }
            None => {
                e.days_off += 1;
                e.leave += u64::from(a.leave);
            }
        }
    }
    // Hours per person and date: the time their shifts cover, an hour two of them share (早
    // 09:00-18:00 and 晚 14:00-23:00 on one day) counted once.
    for ((agent, _), ranges) in day_ranges {
        if let Some(e) = agents.get_mut(agent) {
            e.hours += f64::from(covered_minutes(ranges)) / 60.0;
        }
    }
    Coverage {
        hours,
        agents: agents.into_values().collect(),
        unstaffed_dates: scheduled.difference(&working).copied().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shift(code: &str, ranges: &[&str]) -> Shift {
        Shift { code: code.into(), ranges: ranges.iter().map(|r| parse_range(r).unwrap()).collect() }
    }

    #[test]
    fn an_all_day_roster_adds_its_shift_unless_the_config_names_it() {
        let table = BTreeMap::from([("A".to_string(), vec!["08:30-17:00".to_string()])]);
        assert_eq!(shifts_of(&table, false), vec![shift("A", &["08:30-17:00"])]);
        let with_all_day = shifts_of(&table, true);
        assert_eq!(with_all_day[1], Shift { code: ALL_DAY.into(), ranges: vec![(0, 24 * 60)] });
        let own = BTreeMap::from([(ALL_DAY.to_string(), vec!["09:00-18:00".to_string()])]);
        assert_eq!(shifts_of(&own, true), vec![shift(ALL_DAY, &["09:00-18:00"])]);
    }

    #[test]
    fn the_dates_counted_are_the_period_cut_to_the_schedule() {
        let d = |m, d| NaiveDate::from_ymd_opt(2025, m, d).unwrap();
        let (first, last) = (d(3, 21), d(4, 20));
        assert_eq!(dates_counted(None, first, last), Some((first, last)));
        assert_eq!(dates_counted(Period::month(2025, 4), first, last), Some((d(4, 1), last)));
        assert_eq!(dates_counted(Period::month(2025, 5), first, last), None);
    }

    #[test]
    fn ranges_and_midnight() {
        assert_eq!(parse_range("08:30-17:00"), Some((510, 1020)));
        assert_eq!(parse_range("16:00-24:00"), Some((960, 1440)));
        assert_eq!(parse_range("22:00-08:00"), Some((1320, 1920)));
        assert_eq!(parse_range("25:00-99:99"), None);
    }

    #[test]
    fn an_hour_is_covered_when_its_middle_is() {
        let d = NaiveDate::from_ymd_opt(2026, 10, 5).unwrap();
        let a = Assignment { agent: "小王".into(), date: d, shift: Some(shift("A", &["08:30-17:00"])), leave: false };
        let hours: Vec<u32> = on_duty_hours(&a).iter().map(|t| t.hour()).collect();
        assert_eq!(hours, (8..=16).collect::<Vec<_>>());
        let night =
            Assignment { agent: "阿杰".into(), date: d, shift: Some(shift("夜", &["22:00-08:00"])), leave: false };
        let hours = on_duty_hours(&night);
        assert_eq!(hours.first().unwrap().to_string(), "2026-10-05 22:00:00");
        assert_eq!(hours.last().unwrap().to_string(), "2026-10-06 07:00:00");
        assert_eq!(hours.len(), 10);
    }

    #[test]
    fn one_schedule_per_person_and_date_and_a_conflict_is_listed() {
        let d = NaiveDate::from_ymd_opt(2026, 10, 5).unwrap();
        let row = |sheet: &str, code: &str| ScheduleRow {
            agent: "小王".into(),
            file: "book.xlsx".into(),
            sheet: sheet.into(),
            row: 3,
            days: vec![(d, code.into(), "5".into())],
        };
        let shifts = [shift("A", &["08:30-17:00"]), shift("C", &["16:00-24:00"])];
        let mut problems = Vec::new();
        let rows = [row("前台", "A"), row("后台", "C"), row("备份", "A")];
        let a = assignments(&rows, &shifts, |n| n.to_string(), |_| true, &mut problems);
        assert_eq!(a.len(), 1, "never added up");
        assert_eq!(a[0].shift.as_ref().unwrap().code, "A", "the first kept");
        assert_eq!(problems.len(), 1, "the different code is a conflict, the same code is not");
        assert_eq!(problems[0].sheet, "后台");
    }

    #[test]
    fn one_row_with_two_shifts_of_a_date_gives_both_and_hours_overlapping_count_once() {
        let d = NaiveDate::from_ymd_opt(2025, 4, 1).unwrap();
        let row = ScheduleRow {
            agent: "小王".into(),
            file: "long.csv".into(),
            sheet: String::new(),
            row: 2,
            days: vec![(d, "早".into(), "2025-04-01".into()), (d, "晚".into(), "2025-04-01".into())],
        };
        let shifts = [shift("早", &["09:00-18:00"]), shift("晚", &["14:00-23:00"]), shift("夜", &["19:00-23:00"])];
        let mut problems = Vec::new();
        let a = assignments(std::slice::from_ref(&row), &shifts, |n| n.to_string(), |_| true, &mut problems);
        assert_eq!(a.len(), 2);
        assert!(problems.is_empty(), "within one row, not a conflict");
        let c = coverage(&a, &[], &BTreeMap::new(), d, d, 20.0);
        assert_eq!((c.agents[0].shifts, c.agents[0].hours), (2, 14.0), "09:00-23:00");
        let cell = |h: u32| c.hours.iter().find(|x| x.weekday == 1 && x.hour == h).unwrap().on_duty;
        assert_eq!((cell(10), cell(16), cell(20)), (1.0, 1.0, 1.0));
        // Shifts that do not overlap: their hours added.
        let row = ScheduleRow { days: vec![(d, "早".into(), String::new()), (d, "夜".into(), String::new())], ..row };
        let a = assignments(&[row], &shifts, |n| n.to_string(), |_| true, &mut problems);
        let c = coverage(&a, &[], &BTreeMap::new(), d, d, 20.0);
        assert_eq!((c.agents[0].shifts, c.agents[0].hours), (2, 13.0));
    }

    #[test]
    fn a_code_written_as_hours_is_its_own_shift() {
        let d = NaiveDate::from_ymd_opt(2025, 5, 1).unwrap();
        let row = ScheduleRow {
            agent: "阿杰".into(),
            file: "r.csv".into(),
            sheet: String::new(),
            row: 3,
            days: vec![(d, "10:00-14:00/18:00-22:00".into(), "1".into())],
        };
        let mut problems = Vec::new();
        let a = assignments(&[row], &[shift("正常", &["09:00-18:00"])], |n| n.to_string(), |_| true, &mut problems);
        assert!(problems.is_empty());
        assert_eq!(a[0].shift.as_ref().unwrap().ranges, [(600, 840), (1080, 1320)]);
    }

    #[test]
    fn unstaffed_and_overloaded_hours_are_flagged() {
        let d = NaiveDate::from_ymd_opt(2026, 10, 5).unwrap(); // a Monday
        let a = Assignment { agent: "小王".into(), date: d, shift: Some(shift("A", &["09:00-10:00"])), leave: false };
        let at = |h| d.and_hms_opt(h, 10, 0).unwrap();
        let receptions = vec![at(3), at(9), at(9), at(9)];
        let c = coverage(&[a], &receptions, &BTreeMap::new(), d, d, 2.0);
        let cell = |h: u32| c.hours.iter().find(|x| x.weekday == 0 && x.hour == h).unwrap();
        assert_eq!(cell(3).flag, Some(Flag::Unstaffed));
        assert_eq!((cell(9).on_duty, cell(9).per_agent, cell(9).flag), (1.0, Some(3.0), Some(Flag::Overloaded)));
        assert_eq!(cell(12).flag, None);
        assert_eq!(c.agents[0].hours, 1.0);
    }
}
