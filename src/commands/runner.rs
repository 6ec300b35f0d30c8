//! What every command that reads files does before and after its own work, written once:
//! the opening (the config, how to read, the period asked for, the agents' names, the
//! language) and the ending (the result in the format asked for, the row problems said on
//! stderr, what `main` needs for the exit code).

use super::{Outcome, print_stdout};
use crate::cli::{Format, InputArgs, MonthArg, OutputArgs, PeriodArgs};
use crate::compute::agents::AgentDirectory;
use crate::compute::receptions::Reception;
use crate::config::{Config, LoadedConfig, load_config};
use crate::error::{Error, Result};
use crate::format::{file_list, orders, row_problems};
// The reports speak the language of messages, set from `--lang` when the run began.
use crate::labels::{Lang, message_language};
use crate::model::{Order, Period, PeriodKind};
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
    pub fn new(input: &InputArgs, period: &PeriodArgs, today: NaiveDate) -> Result<Start> {
        let loaded = load_config(input.config.as_deref())?;
        let options = read_options(input, &loaded.config);
        let requested = requested_period(period, today)?;
        let directory = AgentDirectory::new(&loaded.config.agents);
        Ok(Start { loaded, options, requested, directory, lang: message_language() })
    }

    /// The opening of a command that takes no period options: `daily` picks its day with
    /// `--day`; `requested` is None.
    pub fn without_period(input: &InputArgs) -> Result<Start> {
        let loaded = load_config(input.config.as_deref())?;
        let options = read_options(input, &loaded.config);
        let directory = AgentDirectory::new(&loaded.config.agents);
        Ok(Start { loaded, options, requested: None, directory, lang: message_language() })
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
    Err(super::runner::empty_period(Held::Chats, Some(period), span, files, choose))
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
    Err(super::runner::empty_period(Held::PaidOrders, period, span, files, &msg!("run.choose.period")))
}

/// Every order 未归属: say why on stderr, and how to name the agents.
pub fn note_unattributed(payroll: &crate::compute::payroll::Payroll<'_>, all: &crate::inputs::Inputs, config: &Config) {
    let names_known = !config.agents.is_empty()
        || !all.receptions.is_empty()
        || all.read.tables_of(SheetKind::Orders).any(|t| t.col("agent").is_some());
    if let Some(note) = super::runner::unattributed_note(
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
    let lang = message_language();
    match output.format {
        Format::Json => {
            let mut json = result.json();
            if mask_buyers()
                && let Some(object) = json.as_object_mut()
            {
                object.insert("buyers_masked".into(), serde_json::Value::Bool(true));
            }
            print_stdout(&format!("{json}\n"))
        }
        Format::Markdown | Format::Text => {
            if let Some(message) = result.message(lang) {
                print_stdout(&message.render_as(output.format));
            }
        }
        Format::Csv => print_stdout(&text::csv(&result.table(lang))),
        Format::Table => print_stdout(&text::table(&result.table(lang))),
        Format::Xlsx => {
            let path = output_path(output, result.name(), &result.period_label(), inputs)?;
            let report = result.workbook(lang)?;
            let bar =
                crate::progress::writing(&path, report.sheets.iter().map(|s| s.rows.len()).sum(), lang == Lang::En);
            xlsx::write(&report, &path)?;
            drop(bar);
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
        // Silent under cron: only a terminal gets the progress bar.
        progress: std::io::stderr().is_terminal(),
        english: message_language() == Lang::En,
        count_unwanted_rows: true,
        paid_after_refund: config.orders.paid_after_refund,
        threads,
        mask_buyers: mask_buyers(),
        shop: input.shop.clone(),
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
                eprintln!("{}", msg!("run.threads.bad", value = format!("{v:?}"), threads = cores()));
                cores()
            }
        },
        Err(_) => cores(),
    }
}

/// The period asked for on the command line; None: everything in the input.
pub fn requested_period(args: &PeriodArgs, today: NaiveDate) -> Result<Option<Period>> {
    match (args.month, args.from, args.to) {
        (Some(MonthArg::Last), _, _) => Ok(Some(Period::last_month(today))),
        (Some(MonthArg::Month(y, m)), _, _) => {
            let month = format!("{y}-{m:02}");
            Period::month(y, m).map(Some).ok_or_else(|| Error::Input(msg!("run.err.not_a_month", month = month)))
        }
        (None, Some(from), Some(to)) => {
            if from > to {
                return Err(Error::Usage(msg!("run.err.from_after_to", from = from, to = to)));
            }
            Ok(Some(Period { from, to, kind: PeriodKind::Range }))
        }
        _ => Ok(None),
    }
}

/// `--mask-buyers` (docs/decisions.md#masked-buyers): every reading command's buyers are
/// masked as they are read (`ReadOptions::mask_buyers`), and its JSON says so.
static MASK_BUYERS: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

pub fn set_mask_buyers(mask: bool) {
    MASK_BUYERS.store(mask, std::sync::atomic::Ordering::Relaxed);
}

fn mask_buyers() -> bool {
    MASK_BUYERS.load(std::sync::atomic::Ordering::Relaxed)
}

/// Files were dropped on the exe (`launch.rs`): the report's default place is named in full,
/// so the lead sees where it went.
static DROPPED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

pub fn set_dropped(dropped: bool) {
    DROPPED.store(dropped, std::sync::atomic::Ordering::Relaxed);
}

/// `-o`, else `<command>-<period>.xlsx` here (in full when files were dropped on the exe). An
/// input file as output is refused.
pub fn output_path(output: &OutputArgs, command: &str, period_label: &str, inputs: &[PathBuf]) -> Result<PathBuf> {
    let mut path = output.output.clone().unwrap_or_else(|| PathBuf::from(format!("{command}-{period_label}.xlsx")));
    if output.output.is_none()
        && DROPPED.load(std::sync::atomic::Ordering::Relaxed)
        && let Ok(here) = std::env::current_dir()
    {
        path = here.join(path);
    }
    let target = std::fs::canonicalize(&path).ok();
    for input in inputs {
        let same = match (&target, std::fs::canonicalize(input).ok()) {
            (Some(a), Some(b)) => *a == b,
            _ => path == *input,
        };
        if same {
            return Err(Error::Input(msg!("run.err.output_is_input", path = path.display())));
        }
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.is_dir()
    {
        return Err(Error::Write {
            path: path.display().to_string(),
            message: msg!("run.err.no_folder", folder = dir.display()),
        });
    }
    Ok(path)
}

/// The one stderr line on row problems (docs/definitions.md#commands), saying where to see them: the Issues sheet
/// of the workbook, or — when `--format` wrote none — `cs-tools inspect` or the xlsx report.
pub fn note_problems(problems: usize, format: Format) {
    if problems == 0 {
        return;
    }
    let n = row_problems(problems as u64);
    if format == Format::Xlsx {
        eprintln!("{}", msg!("run.problems.in_issues", problems = n));
    } else {
        eprintln!("{}", msg!("run.problems.no_workbook", problems = n, format = format.name()));
    }
}

/// Why every order is 未归属, and how to fix it; None when some order has an agent or no
/// order was counted. `names_known`: the config names agents, an agent column was read, or
/// chats were given.
pub fn unattributed_note(attributed: usize, unattributed: u64, names_known: bool) -> Option<String> {
    if attributed > 0 || unattributed == 0 {
        return None;
    }
    let orders = orders(unattributed);
    Some(if names_known {
        msg!("run.unattributed.names_known", orders = orders)
    } else {
        msg!("run.unattributed.no_names", orders = orders)
    })
}

/// What a period can hold none of: the inputs of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Held {
    PaidOrders,
    Chats,
}

/// docs/definitions.md#commands: a period that holds nothing is an error that names the dates the files cover
/// (the cron case: last month's export was not replaced). `what`: paid orders or chats;
/// `span`: the first and last date found in the files, None when they hold none; `choose`:
/// the options that pick a period (`run.choose.*`).
pub fn empty_period(
    what: Held,
    period: Option<crate::model::Period>,
    span: Option<(NaiveDate, NaiveDate)>,
    files: &[PathBuf],
    choose: &str,
) -> Error {
    let what = match what {
        Held::PaidOrders => msg!("run.what.paid_orders"),
        Held::Chats => msg!("run.what.chats"),
    };
    let asked = match period {
        Some(p) if p.from == p.to => msg!("run.empty.on_day", day = p.from),
        Some(p) => msg!("run.empty.in_period", from = p.from, to = p.to),
        None => String::new(),
    };
    let covers = match span {
        Some((a, b)) if a == b => msg!("run.empty.covers_day", what = &what, day = a),
        Some((a, b)) => msg!("run.empty.covers_range", what = &what, from = a, to = b),
        None => msg!("run.empty.covers_none", what = &what),
    };
    Error::Input(msg!(
        "run.empty",
        what = what,
        asked = asked,
        files = file_list(files),
        covers = covers,
        choose = choose
    ))
}
