//! What every command that reads files does before and after its own work, written once:
//! the opening (the config, how to read, the period asked for, the agents' names, the
//! language) and the ending (the result in the format asked for, the row problems said on
//! stderr, what `main` needs for the exit code).

use super::{Outcome, lang, note_problems, output_path, print_stdout, read_options, requested_period};
use crate::cli::{Format, InputArgs, OutputArgs, PeriodArgs};
use crate::compute::agents::AgentDirectory;
use crate::compute::receptions::Reception;
use crate::config::{Config, LoadedConfig, load_config};
use crate::error::Result;
use crate::labels::Lang;
use crate::model::{Order, Period};
use crate::read::ReadOptions;
use crate::read::fields::SheetKind;
use crate::report::output::Output;
use crate::report::{text, xlsx};
use chrono::NaiveDate;
use std::path::PathBuf;

/// The opening every reading command shares.
pub struct Start {
    pub loaded: LoadedConfig,
    pub options: ReadOptions,
    /// `--month`, `--from/--to`; None: the span of the data.
    pub requested: Option<Period>,
    /// The agents' names and aliases of `[agents]`.
    pub directory: AgentDirectory,
    pub lang: Lang,
}

impl Start {
    pub fn new(input: &InputArgs, period: &PeriodArgs, output: &OutputArgs, today: NaiveDate) -> Result<Start> {
        let loaded = load_config(input.config.as_deref())?;
        let options = read_options(input, &loaded.config);
        let requested = requested_period(period, today)?;
        let directory = AgentDirectory::new(&loaded.config.agents);
        Ok(Start { loaded, options, requested, directory, lang: lang(output) })
    }

    /// The opening of a command that takes no period options: `daily` picks its day with
    /// `--day`; `requested` is None.
    pub fn without_period(input: &InputArgs, output: &OutputArgs) -> Result<Start> {
        let loaded = load_config(input.config.as_deref())?;
        let options = read_options(input, &loaded.config);
        let directory = AgentDirectory::new(&loaded.config.agents);
        Ok(Start { loaded, options, requested: None, directory, lang: lang(output) })
    }

    pub fn config(&self) -> &Config {
        &self.loaded.config
    }
}

/// A period without chats is an error naming the dates the chat files cover: the inquiries
/// are the chats', and zero of them is no report (docs/definitions.md#commands). `choose`:
/// the options that pick another period.
pub fn require_chats_in(period: Period, receptions: &[Reception], files: &[PathBuf], choose: &str) -> Result<()> {
    if receptions.iter().any(|r| period.contains(r.date())) {
        return Ok(());
    }
    let span = crate::compute::coverage::span_of(receptions.iter().map(|r| r.date()));
    Err(super::empty_period("chats", Some(period), span, files, choose))
}

/// A period without paid orders is an error naming the dates the order files cover (the
/// cron case: last month's export was not replaced). `in_period`: the period's paid orders.
pub fn require_paid_orders(
    in_period: usize,
    period: Option<Period>,
    orders: &[Order],
    files: &[PathBuf],
) -> Result<()> {
    if in_period > 0 {
        return Ok(());
    }
    let span = crate::compute::coverage::span_of(crate::inputs::paid_dates(orders));
    Err(super::empty_period("paid orders", period, span, files, "--month or --from/--to"))
}

/// Every order 未归属: say why on stderr, and how to name the agents.
pub fn note_unattributed(
    payroll: &crate::compute::payroll::Payroll<'_>,
    all: &crate::inputs::Everything,
    config: &Config,
) {
    let names_known = !config.agents.is_empty()
        || !all.receptions.is_empty()
        || all.read.tables_of(SheetKind::Orders).any(|t| t.col("agent").is_some());
    if let Some(note) = super::unattributed_note(
        payroll.result.rows.len(),
        payroll.result.unattributed.orders.unwrap_or(0),
        names_known || payroll.from_summary,
    ) {
        eprintln!("{note}");
    }
}

/// The ending every reading command shares: `result` written as `output` asks (a workbook,
/// or one text on stdout), then the one line on row problems. `inputs`: the files read,
/// which the workbook may not overwrite.
pub fn finish(output: &OutputArgs, inputs: &[PathBuf], problems: usize, result: &dyn Output) -> Result<Outcome> {
    write(output, inputs, result)?;
    for note in result.notes(output.format, output.quiet) {
        eprintln!("{note}");
    }
    Ok(done(output, problems, result))
}

/// `result` in the format asked for: the workbook (its path checked first: not an input, in
/// a folder that exists), or the JSON, table or group-chat message on stdout.
pub fn write(output: &OutputArgs, inputs: &[PathBuf], result: &dyn Output) -> Result<()> {
    let lang = lang(output);
    match output.format {
        Format::Json => print_stdout(&format!("{}\n", result.json())),
        Format::Markdown | Format::Text => {
            if let Some(message) = result.message(lang) {
                print_stdout(&message.render_as(output.format));
            }
        }
        Format::Csv => print_stdout(&text::csv(&result.table(lang))),
        Format::Table => print_stdout(&text::table(&result.table(lang))),
        Format::Xlsx => {
            let path = output_path(output, result.name(), &result.period_label(), inputs)?;
            xlsx::write(&result.workbook(lang)?, &path)?;
            if !output.quiet {
                print_stdout(&result.written(&path));
            }
        }
    }
    Ok(())
}

/// The last words of a run: the row problems on stderr (where to see them, unless `-q` and
/// the result say nothing at all), and what `main` needs for the exit code.
pub fn done(output: &OutputArgs, problems: usize, result: &dyn Output) -> Outcome {
    if !(output.quiet && result.quiet_silences_problems()) {
        note_problems(problems, output.format);
    }
    Outcome { problems, strict: output.strict }
}
