//! One module per subcommand, wiring read → compute → report; shared plumbing here.

pub mod commission;
pub mod conversion;
pub mod daily;
pub mod history;
pub mod init;

pub mod inspect;
pub mod lost;
pub mod qa;
pub mod report;
pub mod runner;
pub mod schedule;
pub mod scorecard;

use crate::cli::{Cli, Command, Format, InputArgs, LangArg, MonthArg, OutputArgs, PeriodArgs};
use crate::config::Config;
pub use crate::config::load_config;
use crate::error::{Error, Result};
pub use crate::format::{count_of, file_list};
use crate::labels::Lang;
use crate::model::{Period, PeriodKind};
use crate::read::ReadOptions;
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
        // Excel on a Chinese Windows opens a CSV without a BOM as GBK.
        text.insert(0, '\u{feff}');
    }
    crate::report::xlsx::write_text(&path, text.as_bytes())?;
    if !quiet {
        print_stdout(&format!("wrote {}\n", path.display()));
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
        _ => return Ok(None),
    };
    if output.format == Format::Xlsx || output.output.is_none() {
        return Ok(None);
    }
    let inputs: Vec<PathBuf> = inputs.into_iter().cloned().collect();
    let path = output_path(output, "", "", &inputs)?;
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
                message: e.to_string(),
            })?;
            print_stdout(&String::from_utf8_lossy(&out));
            for path in written {
                print_stdout(&format!("wrote {}\n", path.display()));
            }
            Ok(Outcome { problems: 0, strict: false })
        }
    }
}

/// The inputs of a command, left for the process's exit to free: the command ends the
/// process, and freeing millions of receptions, orders and quotes one allocation at a time
/// took seconds (8% of a month's report) that the operating system does at once.
pub fn kept_until_exit<T>(inputs: T) -> std::mem::ManuallyDrop<T> {
    std::mem::ManuallyDrop::new(inputs)
}

/// How a command reads its inputs. Also sets the computing core's thread count: every
/// command that reads goes through here once, before computing.
pub fn read_options(input: &InputArgs, config: &Config) -> ReadOptions {
    use std::io::IsTerminal;
    let threads = input.threads.map(usize::from).unwrap_or_else(default_threads);
    crate::compute::parallel::set_threads(threads);
    ReadOptions {
        encoding: input.encoding,
        sheet: input.sheet.clone(),
        overrides: config.column_overrides(),
        track_dates: false,
        // Silent under cron: only a terminal gets the progress line.
        progress: std::io::stderr().is_terminal(),
        count_unwanted_rows: true,
        paid_after_refund: config.orders.paid_after_refund,
        threads,
    }
}

/// `--threads` when not given: CS_TOOLS_THREADS (a number ≥ 1), else the machine's cores.
/// The variable keeps the command line, which the Rules sheet records, the same.
fn default_threads() -> usize {
    let cores = || std::thread::available_parallelism().map_or(1, |n| n.get());
    match std::env::var("CS_TOOLS_THREADS") {
        Ok(v) => match v.trim().parse::<usize>() {
            Ok(n) if n >= 1 => n,
            _ => {
                eprintln!("note: CS_TOOLS_THREADS={v:?} is not a number of threads (1 or more): using {}", cores());
                cores()
            }
        },
        Err(_) => cores(),
    }
}

pub fn lang(output: &OutputArgs) -> Lang {
    match output.lang {
        LangArg::Zh => Lang::Zh,
        LangArg::En => Lang::En,
    }
}

/// The period asked for on the command line; None: everything in the input.
pub fn requested_period(args: &PeriodArgs, today: NaiveDate) -> Result<Option<Period>> {
    match (args.month, args.from, args.to) {
        (Some(MonthArg::Last), _, _) => Ok(Some(Period::last_month(today))),
        (Some(MonthArg::Month(y, m)), _, _) => {
            Period::month(y, m).map(Some).ok_or_else(|| Error::Input(format!("{y}-{m:02} is not a month")))
        }
        (None, Some(from), Some(to)) => {
            if from > to {
                return Err(Error::Usage(format!("--from {from} is after --to {to}")));
            }
            Ok(Some(Period { from, to, kind: PeriodKind::Range }))
        }
        _ => Ok(None),
    }
}

/// `-o`, else `<command>-<period>.xlsx` here. An input file as output is refused.
pub fn output_path(output: &OutputArgs, command: &str, period_label: &str, inputs: &[PathBuf]) -> Result<PathBuf> {
    let path = output.output.clone().unwrap_or_else(|| PathBuf::from(format!("{command}-{period_label}.xlsx")));
    let target = std::fs::canonicalize(&path).ok();
    for input in inputs {
        let same = match (&target, std::fs::canonicalize(input).ok()) {
            (Some(a), Some(b)) => *a == b,
            _ => path == *input,
        };
        if same {
            return Err(Error::Input(format!(
                "the output {} is one of the input files: choose another name with -o",
                path.display()
            )));
        }
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.is_dir()
    {
        return Err(Error::Write {
            path: path.display().to_string(),
            message: format!("the folder {} does not exist", dir.display()),
        });
    }
    Ok(path)
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

/// The one stderr line on row problems (docs/definitions.md#commands), saying where to see them: the Issues sheet
/// of the workbook, or — when `--format` wrote none — `cs-tools inspect` or the xlsx report.
pub fn note_problems(problems: usize, format: Format) {
    if problems == 0 {
        return;
    }
    let n = count_of(problems as u64, "row problem", "row problems");
    if format == Format::Xlsx {
        eprintln!("{n}: listed in the report's Issues sheet (问题)");
    } else {
        eprintln!(
            "{n}: --format {} writes no workbook; see them with `cs-tools inspect FILES…`, or leave out --format to write the xlsx report with its Issues sheet (问题)",
            format.name()
        );
    }
}

/// Why every order is 未归属, and how to fix it; None when some order has an agent or no
/// order was counted. `names_known`: the config names agents, an agent column was read, or
/// chats were given.
pub fn unattributed_note(attributed: usize, unattributed: u64, names_known: bool) -> Option<String> {
    if attributed > 0 || unattributed == 0 {
        return None;
    }
    let orders = count_of(unattributed, "order", "orders");
    Some(if names_known {
        format!(
            "note: no order could be given to an agent: all {orders} are 未归属 (unattributed). No agent column, memo or chat \
             names an agent of [agents]; check the names with `cs-tools inspect`, or give the chats with --chats"
        )
    } else {
        format!(
            "note: no agent name is known, so all {orders} are 未归属 (unattributed). Name the agents: `cs-tools init` writes \
             cs-tools.toml, list them under [agents] (\"小王\" = [\"工号07\"]) so memos that name them count; or export the \
             orders with a 客服 column; or give the chat exports with --chats"
        )
    })
}

/// docs/definitions.md#commands: a period that holds nothing is an error that names the dates the files cover
/// (the cron case: last month's export was not replaced). `what`: "paid orders" or "chats";
/// `span`: the first and last date found in the files, None when they hold none; `choose`:
/// the options that pick a period.
pub fn empty_period(
    what: &str,
    period: Option<crate::model::Period>,
    span: Option<(NaiveDate, NaiveDate)>,
    files: &[PathBuf],
    choose: &str,
) -> Error {
    let asked = match period {
        Some(p) if p.from == p.to => format!(" on {}", p.from),
        Some(p) => format!(" in {} – {}", p.from, p.to),
        None => String::new(),
    };
    let covers = match span {
        Some((a, b)) if a == b => format!("the files hold {what} of {a} only"),
        Some((a, b)) => format!("the files hold {what} from {a} to {b}"),
        None => format!("the files hold no {what} at all"),
    };
    Error::Input(format!(
        "no {what}{asked} in {}: {covers}. Nothing was written: export that period again, or choose another with {choose}",
        file_list(files)
    ))
}
