//! `cs-tools inspect FILE…`: what the tool sees — per sheet its kind, header row, the
//! field ← column mapping, unmapped columns, rows, date range, encoding, first problems.

use super::runner::read_options;
use super::{Outcome, load_config, print_stdout};
use crate::cli::{InspectArgs, InspectFormat};
use crate::compute::agents::AgentDirectory;
use crate::error::Result;
use crate::inputs::InputReader;
use crate::read::ReadLog;
use crate::read::fields::SheetKind;
use crate::read::schedule::{ScheduleOptions, read_schedule};
use crate::report::inspect::{self, Schedules};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeSet;

pub fn run(args: &InspectArgs, today: NaiveDate) -> Result<Outcome> {
    let loaded = load_config(args.input.config.as_deref())?;
    let mut options = read_options(&args.input, &loaded.config);
    options.track_dates = true;
    let mut inputs = InputReader::new(&loaded);
    inputs.read(&args.files, &options, &SheetKind::ALL, &AgentDirectory::new(&loaded.config.agents))?;
    inputs.done_reading();
    let InputReader { book, read: mut summary, .. } = inputs;
    // Orders in several exports and statuses in no list are found once every sheet is read.
    crate::inputs::finish_orders(book, &mut summary);
    let found = schedules(&summary, &options, &loaded.config, today.year());
    print_stdout(&match args.format {
        InspectFormat::Json => format!("{}\n", inspect::json(&summary, &found)),
        InspectFormat::Table => inspect::text(&summary, &found),
    });
    Ok(Outcome { problems: 0, strict: false })
}

/// Sheets that no table kind fits may be schedules (`cs-tools schedule` reads them).
fn schedules(
    summary: &ReadLog,
    options: &crate::read::ReadOptions,
    config: &crate::config::Config,
    year: i32,
) -> Schedules {
    let codes: BTreeSet<String> = config.shifts.keys().cloned().collect();
    let default_shift = config.schedule.default_shift.as_deref();
    let reading = ScheduleOptions { month: None, year, codes: &codes, default_shift };
    let mut out = Schedules::default();
    for f in &summary.files {
        let unused = summary.tables.iter().any(|t| *t.file == *f.name && t.kind.is_none());
        if !unused || f.format == crate::read::source::FileFormat::QianniuText {
            continue;
        }
        let Ok(read) = read_schedule(f, options.sheet.as_deref(), &reading, &mut out.problems) else { continue };
        out.sheets.extend(read.sheets);
        // Sheets of a known kind already say what they are.
        let used =
            |sheet: &str| summary.tables.iter().any(|t| *t.file == *f.name && *t.sheet == *sheet && t.kind.is_some());
        out.others
            .extend(read.others.into_iter().filter(|o| !used(&o.0)).map(|(sheet, why)| (f.name.clone(), sheet, why)));
    }
    out
}
