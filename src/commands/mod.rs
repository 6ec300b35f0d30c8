//! One module per subcommand: each reads, computes and hands its result to `runner.rs`, which
//! opens and ends every run the same way. Here: the dispatch, and text meant for stdout
//! captured when `-o` names a text file.

pub mod commission;
pub mod conversion;
pub mod daily;
pub mod history;
pub mod init;
pub mod inspect;
pub mod lost;
pub mod qa;
pub mod reconcile;
pub mod report;
pub mod runner;
pub mod schedule;
pub mod scorecard;

use crate::cli::{Cli, Command, Format, OutputArgs};
pub use crate::config::load_config;
use crate::error::{Error, Result};
pub use crate::format::file_list;
use chrono::NaiveDate;
use std::io::Write;
use std::path::PathBuf;

/// What a finished command reports to `main` for the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// Rows listed in the Issues sheet.
    pub problems: usize,
    /// `--strict` was given.
    pub strict: bool,
}

/// Run a parsed command. `today` comes from the clock at the edge (for `--month last`).
pub fn run(cli: Cli, today: NaiveDate) -> Result<Outcome> {
    crate::timings::phase("start");
    crate::labels::set_message_language(cli.lang.lang());
    runner::set_mask_buyers(cli.mask_buyers);
    // `-o summary.csv` (or `--format json -o x.json`): what would go to stdout goes to the
    // file instead, written whole or not at all.
    let text_file = text_output(&cli.command)?;
    if text_file.is_some() {
        *captured() = Some(String::new());
    }
    let outcome = dispatch(cli, today);
    let Some((path, quiet)) = text_file else { return outcome };
    let mut text = captured().take().unwrap_or_default();
    let outcome = outcome?;
    if Format::of_file_name(&path) == Some(Format::Csv) {
        text = crate::report::text::csv_file(&text);
    }
    crate::report::xlsx::write_text(&path, text.as_bytes())?;
    if !quiet {
        print_stdout(&format!("{}\n", msg!("run.wrote", path = path.display())));
    }
    Ok(outcome)
}

/// The file a text format (csv, json, table, markdown, text) is written to, with `quiet`;
/// None for a workbook or for stdout. Checked before anything is read: not an input, in a
/// folder that exists.
fn text_output(command: &Command) -> Result<Option<(PathBuf, bool)>> {
    let (output, inputs): (&OutputArgs, Vec<&PathBuf>) = match command {
        Command::Commission(a) => (&a.output, a.files.iter().chain(&a.chats).collect()),
        Command::Conversion(a) => (&a.output, a.chats.iter().chain(&a.orders).collect()),
        Command::Lost(a) => (&a.output, a.chats.iter().chain(&a.orders).collect()),
        Command::Qa(a) => (&a.output, a.chats.iter().chain(&a.orders).collect()),
        Command::Scorecard(a) => (&a.output, a.files.iter().chain(&a.orders).chain(&a.ratings).collect()),
        Command::Daily(a) => (&a.output, a.chats.iter().chain(&a.orders).collect()),
        Command::Report(a) => (&a.output, a.files.iter().collect()),
        Command::Schedule(a) => (&a.output, a.schedule.iter().chain(&a.chats).collect()),
        Command::Reconcile(a) => (&a.output, a.chats.iter().chain(&a.orders).chain(&a.against).collect()),
        _ => return Ok(None),
    };
    if output.format == Format::Xlsx || output.output.is_none() {
        return Ok(None);
    }
    let inputs: Vec<PathBuf> = inputs.into_iter().cloned().collect();
    let path = runner::output_path(output, "", "", &inputs)?;
    Ok(Some((path, output.quiet)))
}

/// Text meant for stdout, kept while a command runs whose output goes to a file.
fn captured() -> std::sync::MutexGuard<'static, Option<String>> {
    static CAPTURED: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);
    CAPTURED.lock().unwrap_or_else(|e| e.into_inner())
}

fn dispatch(cli: Cli, today: NaiveDate) -> Result<Outcome> {
    match cli.command {
        Command::Commission(args) => commission::run(&args, today),
        Command::Conversion(args) => conversion::run(&args, today),
        Command::Lost(args) => lost::run(&args, today),
        Command::Qa(args) => qa::run(&args, today),
        Command::Scorecard(args) => scorecard::run(&args, today),
        Command::Daily(args) => daily::run(&args, today),
        Command::Report(args) => report::run(&args, today),
        Command::Schedule(args) => schedule::run(&args, today),
        Command::Reconcile(args) => reconcile::run(&args, today),
        Command::Inspect(args) => inspect::run(&args, today),
        Command::Init(args) => init::run(&args),
        Command::History(args) => history::run(&args, today),
        Command::Completions(args) => {
            let mut out = Vec::new();
            crate::cli::completions(args.shell, &mut out);
            print_stdout(&String::from_utf8_lossy(&out));
            Ok(Outcome { problems: 0, strict: false })
        }
        Command::Man(args) => {
            let mut out = Vec::new();
            let written = crate::cli::man_pages(args.dir.as_deref(), &mut out).map_err(|e| Error::Write {
                path: args.dir.as_ref().map(|d| d.display().to_string()).unwrap_or_else(|| "stdout".into()),
                message: msg!("run.write.failed", error = e),
            })?;
            print_stdout(&String::from_utf8_lossy(&out));
            for path in written {
                print_stdout(&format!("{}\n", msg!("run.wrote", path = path.display())));
            }
            Ok(Outcome { problems: 0, strict: false })
        }
    }
}

/// Print to stdout; a closed pipe (`| head`) is not an error.
pub fn print_stdout(text: &str) {
    if let Some(kept) = captured().as_mut() {
        kept.push_str(text);
        return;
    }
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}
