//! `cs-tools schedule SCHEDULE --chats CHATS… [--month]`: does the shift schedule (排班表)
//! cover the hours buyers write? (docs/definitions.md#schedule)

use super::{
    Outcome, file_list, input_rule_items, lang, load_config, output_path, print_stdout, read_options, requested_period,
};
use crate::cli::{Format, MonthArg, ScheduleArgs};
use crate::compute::agents::AgentDirectory;
use crate::compute::schedule::{Coverage, Flag, HourCell, Shift, assignments, coverage, parse_range};
use crate::error::{Error, Result};
use crate::inputs::Inputs;
use crate::labels::{Lang, label, say};
use crate::model::Phrase;
use crate::model::{Period, RowProblem};
use crate::read::fields::SheetKind;
use crate::read::schedule::{ALL_DAY, LongLayout, NotSchedule, ScheduleOptions, ScheduleRow, read_schedule};
use crate::read::source;
use crate::report::{
    Column, ColumnKind, Highlight, Report, Rows, Sheet, Title, Value, issues_sheet, period_text, rules_sheet, text,
    xlsx,
};
use chrono::{Datelike, NaiveDate};
use serde_json::{Value as Json, json};
use std::collections::BTreeSet;

const WEEKDAYS_ZH: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
const WEEKDAYS_EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

pub fn run(args: &ScheduleArgs, today: NaiveDate) -> Result<Outcome> {
    let loaded = load_config(args.input.config.as_deref())?;
    let config = &loaded.config;
    let options = read_options(&args.input, config);
    let directory = AgentDirectory::new(&config.agents);
    let month = match args.period.month {
        Some(MonthArg::Month(y, m)) => Some((y, m)),
        Some(MonthArg::Last) => Some((Period::last_month(today).from.year(), Period::last_month(today).from.month())),
        None => None,
    };

    // Chats first: buyer messages counted per hour as they are read.
    let mut inputs = Inputs::new(&loaded);
    inputs.chats.hourly_buyer_messages = Some(Default::default());
    inputs.chats.starts_only = true;
    inputs.read(&args.chats, &options, &[SheetKind::ChatMessages, SheetKind::ChatSessions], &directory)?;
    let hourly = inputs.chats.hourly_buyer_messages.take().unwrap_or_default();
    let receptions = inputs.finish_chats(config.response_cap_secs);
    let year = month.map(|m| m.0).or_else(|| receptions.iter().map(|r| r.date().year()).max()).unwrap_or(today.year());

    // The schedule, codes mapped through [shifts].
    let lang = lang(&args.output);
    let mut shifts: Vec<Shift> = config
        .shifts
        .iter()
        .map(|(code, ranges)| Shift {
            code: code.clone(),
            ranges: ranges.iter().filter_map(|r| parse_range(r)).collect(),
        })
        .collect();
    let codes: BTreeSet<String> = shifts.iter().map(|s| s.code.clone()).collect();
    let default_shift = config.schedule.default_shift.as_deref();
    let reading = ScheduleOptions { month, year, codes: &codes, default_shift };
    let mut problems: Vec<RowProblem> = Vec::new();
    let mut sheets = Vec::new();
    let mut files = Vec::new();
    let mut refused = Vec::new();
    for path in &args.schedule {
        let input = source::open(path, options.encoding)?;
        let read = read_schedule(&input, options.sheet.as_deref(), &reading, &mut problems)?;
        // A file given as the schedule that holds none is refused by name, never half-used.
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
    // A long-layout roster without shifts puts its names on duty all day.
    let all_day = sheets.iter().any(|s| s.long == Some(LongLayout::AllDay));
    if all_day && !codes.contains(ALL_DAY) {
        shifts.push(Shift { code: ALL_DAY.to_string(), ranges: vec![(0, 24 * 60)] });
    }
    let layout_rules: Vec<(String, String)> = sheets
        .iter()
        .filter_map(|s| {
            let phrase = match s.long.as_ref()? {
                LongLayout::ShiftColumn(h) => Phrase::new("schedule.rules.long_shift_column").with("header", h),
                LongLayout::DefaultShift(c) => Phrase::new("schedule.rules.long_default_shift").with("code", c),
                LongLayout::AllDay => Phrase::new("schedule.rules.long_all_day"),
            };
            Some((format!("{} {} [{}]", label(lang, "schedule.rules.layout"), s.file, s.sheet), say(lang, &phrase)))
        })
        .collect();
    let rows: Vec<ScheduleRow> = sheets.into_iter().flat_map(|s| s.rows).collect();
    let all_dates: BTreeSet<NaiveDate> = rows.iter().flat_map(|r| r.days.iter().map(|d| d.0)).collect();
    let (Some(&first), Some(&last)) = (all_dates.first(), all_dates.last()) else {
        let why = say(lang, &NotSchedule::NoDates.phrase(""));
        return Err(Error::Input(say(
            lang,
            &Phrase::new("schedule.err.none").with("file", file_list(&args.schedule)).with("why", why),
        )));
    };
    // Only the period's dates count; without a period option, the schedule's dates.
    let requested = requested_period(&args.period, today)?;
    let (from, to) = match requested {
        Some(p) => (p.from.max(first), p.to.min(last)),
        None => (first, last),
    };
    if from > to {
        let phrase = Phrase::new("schedule.err.outside")
            .with("files", file_list(&args.schedule))
            .with("first", first)
            .with("last", last);
        return Err(Error::Input(say(lang, &phrase)));
    }
    // A period the schedule covers only in part says so: 20 of April's 30 days.
    let coverage_note = requested.filter(|p| (p.from, p.to) != (from, to)).map(|p| {
        let days = |a: NaiveDate, b: NaiveDate| (b - a).num_days() + 1;
        say(
            lang,
            &Phrase::new("schedule.coverage")
                .with("from", from)
                .with("to", to)
                .with("n", days(from, to))
                .with("total", days(p.from, p.to)),
        )
    });
    let day_before = from.pred_opt().unwrap_or(from);
    let assignments = assignments(
        &rows,
        &shifts,
        |name| directory.resolve(name).unwrap_or_else(|| name.to_string()),
        |d| (day_before..=to).contains(&d),
        &mut problems,
    );
    let starts: Vec<_> = receptions.iter().filter(|r| (from..=to).contains(&r.date())).map(|r| r.start).collect();
    let result = coverage(&assignments, &starts, &hourly, from, to, config.max_buyers_per_agent_hour);

    let mut read = inputs.read;
    problems.append(&mut read.problems);
    let issues = problems.len();
    if let Some(note) = &coverage_note
        && !args.output.quiet
    {
        eprintln!("{note}");
    }
    match args.output.format {
        Format::Json => print_stdout(&format!("{}\n", json_summary(&result, from, to, issues))),
        Format::Csv | Format::Table | Format::Markdown | Format::Text => {
            let sheet = flags_sheet(&result, lang);
            print_stdout(&if args.output.format == Format::Csv { text::csv(&sheet) } else { text::table(&sheet) });
        }
        Format::Xlsx => {
            let kind = requested.map_or(crate::model::PeriodKind::All, |p| p.kind);
            let period = Period { from, to, kind };
            let all: Vec<_> = args.schedule.iter().chain(&args.chats).cloned().collect();
            let path = output_path(&args.output, "schedule", &period.label(), &all)?;
            let mut rules = vec![
                (label(lang, "rules.period").to_string(), format!("{from} – {to}")),
                ("max_buyers_per_agent_hour".to_string(), config.max_buyers_per_agent_hour.to_string()),
            ];
            for s in &config.shifts {
                rules.push((format!("{} {}", label(lang, "shifts"), s.0), s.1.join(", ")));
            }
            if config.shifts.is_empty() {
                rules.push((label(lang, "shifts").to_string(), label(lang, "schedule.no_shifts").to_string()));
            }
            if let Some(note) = &coverage_note {
                rules.push((label(lang, "schedule.rules.coverage").to_string(), note.clone()));
            }
            rules.extend(layout_rules);
            read.files.extend(files);
            rules.extend(input_rule_items(lang, &read));
            // The hours that need attention first; then the heatmaps they come from.
            let mut flags = flags_sheet(&result, lang);
            flags.note =
                Some(label(lang, if config.shifts.is_empty() { "schedule.no_shifts" } else { "note.flags" }).into());
            let sheets = vec![
                flags,
                heatmap(&result, lang, "sheet.heat_per_agent", |c| per_agent(c, lang)),
                heatmap(&result, lang, "sheet.heat_receptions", |c| Value::Number(c.receptions)),
                heatmap(&result, lang, "sheet.heat_on_duty", |c| Value::Number(c.on_duty)),
                agents_sheet(&result, lang),
                unstaffed_sheet(&result, lang),
                issues_sheet(lang, &problems),
                rules_sheet(lang, rules),
            ];
            let period_shown = match &coverage_note {
                Some(note) => format!("{}（{note}）", period_text(from, to)),
                None => period_text(from, to),
            };
            let title = Title::new(lang, "title.schedule", period_shown, None);
            xlsx::write(&Report::titled(title, sheets), &path)?;
            if !args.output.quiet {
                let flagged = result.hours.iter().filter(|h| h.flag.is_some()).count();
                print_stdout(&format!(
                    "schedule {from} – {to}: {flagged} flagged hours of the week\nwrote {}\n",
                    path.display()
                ));
            }
        }
    }
    if config.shifts.is_empty() && !args.output.quiet {
        eprintln!("note: {}", label(Lang::En, "schedule.no_shifts"));
    }
    super::note_problems(issues, args.output.format);
    Ok(Outcome { problems: issues, strict: args.output.strict })
}

fn weekday(lang: Lang, w: u32) -> &'static str {
    if lang == Lang::Zh { WEEKDAYS_ZH[w as usize] } else { WEEKDAYS_EN[w as usize] }
}

/// Buyers per agent on duty; an hour with buyers and nobody on duty says so (a blank would
/// hide the gap).
fn per_agent(c: &HourCell, lang: Lang) -> Value<'static> {
    match c.per_agent {
        Some(n) => Value::Number(n),
        None if c.receptions > 0.0 || c.buyer_messages > 0.0 => Value::text(label(lang, "schedule.nobody")),
        None => Value::Empty,
    }
}

/// Weekday × hour with a colour scale over the whole grid: means per weekday.
fn heatmap<'a>(c: &Coverage, lang: Lang, name: &'static str, value: impl Fn(&HourCell) -> Value<'static>) -> Sheet<'a> {
    let mut columns = vec![Column::new(label(lang, "weekday"), ColumnKind::Text)];
    columns.extend((0..24).map(|h| Column::new(format!("{h:02}"), ColumnKind::Number)));
    let rows = (0..7)
        .map(|w| {
            let mut row = vec![Value::text(weekday(lang, w))];
            for h in 0..24 {
                let cell = c.hours.iter().find(|x| x.weekday == w && x.hour == h);
                row.push(cell.map(&value).unwrap_or(Value::Empty));
            }
            row
        })
        .collect();
    let mut sheet = Sheet::new(label(lang, name), columns, Rows::Owned(rows));
    sheet.highlights = vec![Highlight::ColorScaleRange(1, 24)];
    sheet.note = Some(label(lang, "note.heatmap").into());
    sheet
}

fn flags_sheet<'a>(c: &Coverage, lang: Lang) -> Sheet<'a> {
    let l = |k| label(lang, k);
    let columns = vec![
        Column::new(l("weekday"), ColumnKind::Text),
        Column::new(l("hour"), ColumnKind::Text),
        Column::new(l("sheet.heat_receptions"), ColumnKind::Number),
        Column::new(l("buyer_messages"), ColumnKind::Number),
        Column::new(l("on_duty"), ColumnKind::Number),
        Column::new(l("per_agent"), ColumnKind::Number),
        Column::new(l("flag"), ColumnKind::Text),
    ];
    let rows = c
        .hours
        .iter()
        .filter(|h| h.flag.is_some())
        .map(|h| {
            vec![
                Value::text(weekday(lang, h.weekday)),
                Value::text(format!("{:02}:00-{:02}:00", h.hour, h.hour + 1)),
                Value::Number(h.receptions),
                Value::Number(h.buyer_messages),
                Value::Number(h.on_duty),
                h.per_agent.map(Value::Number).unwrap_or(Value::Empty),
                Value::text(l(match h.flag {
                    Some(Flag::Unstaffed) => "flag.unstaffed",
                    _ => "flag.overloaded",
                })),
            ]
        })
        .collect();
    Sheet::new(l("sheet.flags"), columns, Rows::Owned(rows))
}

fn agents_sheet<'a>(c: &Coverage, lang: Lang) -> Sheet<'a> {
    let l = |k| label(lang, k);
    let columns = vec![
        Column::new(l("agent"), ColumnKind::Text),
        Column::new(l("shifts"), ColumnKind::Int),
        Column::new(l("hours"), ColumnKind::Number),
        Column::new(l("days_off"), ColumnKind::Int),
        Column::new(l("leave"), ColumnKind::Int),
    ];
    let rows = c
        .agents
        .iter()
        .map(|a| {
            vec![
                Value::text(a.agent.clone()),
                Value::Int(a.shifts as i64),
                Value::Number(a.hours),
                Value::Int(a.days_off as i64),
                Value::Int(a.leave as i64),
            ]
        })
        .collect();
    Sheet::new(l("sheet.agents"), columns, Rows::Owned(rows))
}

fn unstaffed_sheet<'a>(c: &Coverage, lang: Lang) -> Sheet<'a> {
    let columns = vec![Column::new(label(lang, "date"), ColumnKind::Date)];
    let rows = c.unstaffed_dates.iter().map(|d| vec![Value::Date(*d)]).collect();
    Sheet::new(label(lang, "sheet.unstaffed"), columns, Rows::Owned(rows))
}

/// docs/definitions.md#json schedule shape.
fn json_summary(c: &Coverage, from: NaiveDate, to: NaiveDate, issues: usize) -> Json {
    let hours: Vec<Json> = c
        .hours
        .iter()
        .map(|h| {
            json!({
                "weekday": WEEKDAYS_EN[h.weekday as usize], "hour": h.hour, "receptions": h.receptions,
                "buyer_messages": h.buyer_messages, "on_duty": h.on_duty, "per_agent": h.per_agent,
                "flag": h.flag.map(Flag::name),
            })
        })
        .collect();
    let rows: Vec<Json> = c
        .agents
        .iter()
        .map(|a| json!({"agent": a.agent, "shifts": a.shifts, "hours": a.hours, "days_off": a.days_off, "leave": a.leave}))
        .collect();
    json!({
        "command": "schedule",
        "period": {"from": from.to_string(), "to": to.to_string()},
        "hours": hours,
        "rows": rows,
        "unstaffed_dates": c.unstaffed_dates.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
        "unattributed": null,
        "totals": null,
        "issues": issues,
    })
}
