//! The schedule's coverage as sheets and JSON (docs/definitions.md#schedule): the flagged hours,
//! the weekday × hour heatmaps, per agent the shifts, hours and days off, the dates nobody is
//! scheduled; the Rules rows on the shifts and the rosters' layouts.

use super::output::Output;
use super::{Column, ColumnKind, Highlight, Report, Rows, Sheet, Title, Value, issues_sheet, period_text, rules_sheet};
use crate::compute::schedule::{Coverage, Flag, HourCell};
use crate::config::Config;
use crate::error::Result;
use crate::labels::{Lang, label, say};
use crate::model::{Period, Phrase, RowProblem};
use crate::read::ReadLog;
use crate::read::schedule::{LongLayout, ScheduleSheet};
use chrono::NaiveDate;
use serde_json::{Value as Json, json};
use std::path::Path;

const WEEKDAYS_ZH: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
const WEEKDAYS_EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// `cs-tools schedule`'s result, ready for every format.
pub struct ScheduleReport<'a> {
    pub result: &'a Coverage,
    /// The dates counted; `kind` as asked (`All` without a period option), for the file name.
    pub period: Period,
    /// The schedule covers only part of the period asked for: said in the title and the Rules.
    pub coverage_note: Option<&'a str>,
    /// How the long-layout rosters were read ([`layout_rule_items`]).
    pub layout_rules: &'a [(String, String)],
    /// The schedules' problems, then the chats'.
    pub problems: &'a [RowProblem],
    /// The chats and the schedules read, for the Rules sheet.
    pub read: &'a ReadLog,
    pub config: &'a Config,
}

impl ScheduleReport<'_> {
    fn rule_items(&self, lang: Lang) -> Vec<(String, String)> {
        let config = self.config;
        let mut rules = vec![
            (label(lang, "rules.period").to_string(), format!("{} – {}", self.period.from, self.period.to)),
            ("max_buyers_per_agent_hour".to_string(), config.max_buyers_per_agent_hour.to_string()),
        ];
        for s in &config.shifts {
            rules.push((format!("{} {}", label(lang, "shifts"), s.0), s.1.join(", ")));
        }
        if config.shifts.is_empty() {
            rules.push((label(lang, "shifts").to_string(), label(lang, "schedule.no_shifts").to_string()));
        }
        if let Some(note) = self.coverage_note {
            rules.push((label(lang, "schedule.rules.coverage").to_string(), note.to_string()));
        }
        rules.extend(self.layout_rules.iter().cloned());
        rules.extend(super::inputs::input_rule_items(lang, self.read));
        rules
    }
}

impl Output for ScheduleReport<'_> {
    fn name(&self) -> &'static str {
        "schedule"
    }

    fn period_label(&self) -> String {
        self.period.label()
    }

    fn json(&self) -> Json {
        json_summary(self.result, self.period.from, self.period.to, self.problems.len())
    }

    fn table(&self, lang: Lang) -> Sheet<'_> {
        flags_sheet(self.result, lang)
    }

    /// The hours that need attention first; then the heatmaps they come from.
    fn workbook(&self, lang: Lang) -> Result<Report<'_>> {
        let (c, no_shifts) = (self.result, self.config.shifts.is_empty());
        let mut flags = flags_sheet(c, lang);
        flags.note = Some(label(lang, if no_shifts { "schedule.no_shifts" } else { "note.flags" }).into());
        let sheets = vec![
            flags,
            heatmap(c, lang, "sheet.heat_per_agent", |c| per_agent(c, lang)),
            heatmap(c, lang, "sheet.heat_receptions", |c| Value::Number(c.receptions)),
            heatmap(c, lang, "sheet.heat_on_duty", |c| Value::Number(c.on_duty)),
            agents_sheet(c, lang),
            unstaffed_sheet(c, lang),
            issues_sheet(lang, self.problems),
            rules_sheet(lang, self.rule_items(lang)),
        ];
        let (from, to) = (self.period.from, self.period.to);
        let period_shown = match self.coverage_note {
            Some(note) => format!("{}（{note}）", period_text(from, to)),
            None => period_text(from, to),
        };
        Ok(Report::titled(Title::new(lang, "title.schedule", period_shown, None), sheets))
    }

    fn written(&self, path: &Path) -> String {
        let flagged = self.result.hours.iter().filter(|h| h.flag.is_some()).count();
        let summary = msg!("run.schedule.summary", from = self.period.from, to = self.period.to, flagged = flagged);
        format!("{summary}\n{}\n", msg!("run.wrote", path = path.display()))
    }

    /// Without `[shifts]` nobody is on duty: said once more after the result.
    fn notes(&self, _format: crate::cli::Format, quiet: bool) -> Vec<String> {
        if self.config.shifts.is_empty() && !quiet {
            vec![msg!("run.note", note = label(crate::labels::message_language(), "schedule.no_shifts"))]
        } else {
            Vec::new()
        }
    }
}

/// "The schedule covers 2025-04-01 to 2025-04-20 (20 of 30 days)": the dates counted,
/// `from`–`to`, of the period `asked`.
pub fn coverage_note(lang: Lang, asked: Period, from: NaiveDate, to: NaiveDate) -> String {
    let days = |a: NaiveDate, b: NaiveDate| (b - a).num_days() + 1;
    say(
        lang,
        &Phrase::new("schedule.coverage")
            .with("from", from)
            .with("to", to)
            .with("n", days(from, to))
            .with("total", days(asked.from, asked.to)),
    )
}

/// One Rules row per long-layout roster (one row per date): where its shifts come from.
pub fn layout_rule_items(lang: Lang, sheets: &[ScheduleSheet]) -> Vec<(String, String)> {
    sheets
        .iter()
        .filter_map(|s| {
            let phrase = match s.long.as_ref()? {
                LongLayout::ShiftColumn(h) => Phrase::new("schedule.rules.long_shift_column").with("header", h),
                LongLayout::DefaultShift(c) => Phrase::new("schedule.rules.long_default_shift").with("code", c),
                LongLayout::AllDay => Phrase::new("schedule.rules.long_all_day"),
            };
            Some((format!("{} {} [{}]", label(lang, "schedule.rules.layout"), s.file, s.sheet), say(lang, &phrase)))
        })
        .collect()
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

pub fn flags_sheet<'a>(c: &Coverage, lang: Lang) -> Sheet<'a> {
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
pub fn json_summary(c: &Coverage, from: NaiveDate, to: NaiveDate, issues: usize) -> Json {
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
