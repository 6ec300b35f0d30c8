//! What every command that reads files does before and after its own work, written once:
//! the opening (the config, how to read, the period asked for, the agents' names, the
//! language) and the ending (the result in the format asked for, the row problems said on
//! stderr, what `main` needs for the exit code).

use super::{Outcome, lang, note_problems, output_path, print_stdout, read_options, requested_period};
use crate::cli::{Format, InputArgs, OutputArgs, PeriodArgs};
use crate::compute::agents::AgentDirectory;
use crate::config::{Config, LoadedConfig, load_config};
use crate::error::Result;
use crate::labels::Lang;
use crate::model::Period;
use crate::read::ReadOptions;
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

/// The ending every reading command shares: `result` written as `output` asks (a workbook
/// beside nothing else, or one text on stdout), then its notes and the one line on row
/// problems, as `-q` lets them (see [`Output::notes`], [`Output::quiet_silences_problems`]).
/// `inputs`: the files read, which the workbook may not overwrite.
pub fn finish(output: &OutputArgs, inputs: &[PathBuf], problems: usize, result: &dyn Output) -> Result<Outcome> {
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
    if !output.quiet {
        for note in result.notes(lang) {
            eprintln!("{note}");
        }
    }
    if !(output.quiet && result.quiet_silences_problems()) {
        note_problems(problems, output.format);
    }
    Ok(Outcome { problems, strict: output.strict })
}
