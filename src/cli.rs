// Over 500 lines: every command's flags, one small definition each, in one registry (clap derive), so --help, completions and the man page agree.
//! Command-line arguments (clap derive). Parsing errors are usage errors: exit 2.

use crate::messages::{Lang, message_language};
use crate::read::cells::parse_date_text;
use chrono::NaiveDate;
use clap::error::ErrorKind;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  cs-tools commission 订单报表.csv                     commission for everything in the file, flat 2%
  cs-tools commission orders.xlsx --month 2026-10 --rate 1.5%
  cs-tools commission orders.xlsx --month last --config cs-tools.toml -o payroll.xlsx
  cs-tools commission orders.xlsx --format json      one JSON object on stdout, for scripts
  cs-tools conversion chats.xlsx 聊天记录.txt --orders orders.xlsx --month 2026-10
  cs-tools lost chats.xlsx --orders orders.xlsx --month last
  cs-tools qa chats.xlsx --month last                 chat quality inspection (质检)
  cs-tools scorecard chats.xlsx --orders orders.xlsx --ratings 评价.xlsx --month 2026-10
  cs-tools daily chats.csv --orders orders.csv --day yesterday -q
  cs-tools report month.xlsx --month last
  cs-tools schedule 排班表.xlsx --chats chats.xlsx --month 2026-10
  cs-tools reconcile chats.xlsx --orders orders.xlsx --against 赤兔客服绩效.xlsx --month 2026-10
  cs-tools inspect export.xls                        what cs-tools sees in a file
  cs-tools init                                      write cs-tools.toml with every default";

#[derive(Debug, Parser)]
#[command(name = "cs-tools", bin_name = "cs-tools", version, about = "Commission, conversion and service reports for e-commerce customer-service teams, from the shop's exported order and chat sheets.", after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    // The two global options keep a fixed place in every command's --help (clap numbers them
    // after the commands otherwise, so a new command would move them).
    /// Language of the reports and of every message: zh (default) or en.
    #[arg(long, value_enum, global = true, default_value_t = LangArg::Zh, display_order = 13)]
    pub lang: LangArg,
    /// Replace buyers' nicknames in every sheet, JSON and message with a mask (t***2), the same
    /// buyer the same mask, for a report shared outside the team.
    #[arg(long, global = true, display_order = 14)]
    pub mask_buyers: bool,
}

mod chinese;

impl Cli {
    /// The command line as parsing and `--help` use it, in `lang`: English is the definitions
    /// below as written (their doc comments), Chinese the same with every text from the table
    /// (src/cli/chinese.rs). Completions and the man page are made from `Cli::command()`,
    /// English: a man page is read with the system's other manual pages.
    pub(crate) fn command_in(lang: Lang) -> clap::Command {
        let mut cmd = Cli::command();
        if lang == Lang::Zh {
            chinese::translate(&mut cmd);
        }
        cmd
    }

    /// A parsing error as the person reads it: `--help` and `--version` on stdout as clap
    /// writes them (from the command in the language asked for), a usage error on stderr in
    /// the language of messages.
    pub fn print_error(e: &clap::Error) {
        let help = matches!(
            e.kind(),
            ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
        );
        if help || message_language() == Lang::En {
            let _ = e.print();
        } else {
            eprint!("{}", chinese::error(e));
        }
    }

    /// What clap cannot check alone: `--from` after `--to` is a usage error (exit 2), found
    /// before any file is read.
    pub fn check(&self) -> Result<(), clap::Error> {
        // The group-chat summary is made by the commands that have a team's day or month.
        let output = match &self.command {
            Command::Lost(a) => Some(("lost", a.output.format)),
            Command::Qa(a) => Some(("qa", a.output.format)),
            Command::Scorecard(a) => Some(("scorecard", a.output.format)),
            Command::Schedule(a) => Some(("schedule", a.output.format)),
            Command::Reconcile(a) => Some(("reconcile", a.output.format)),
            _ => None,
        };
        if let Some((name, format @ (Format::Markdown | Format::Text))) = output {
            let mut cmd = Cli::command_in(message_language());
            cmd.build();
            let sub = cmd.find_subcommand_mut(name).expect("every command is a subcommand");
            let format = if format == Format::Markdown { "markdown" } else { "text" };
            return Err(
                sub.error(ErrorKind::InvalidValue, msg!("cli.err.summary_format", format = format, name = name))
            );
        }
        let (name, period) = match &self.command {
            Command::Commission(a) => ("commission", &a.period),
            Command::Conversion(a) => ("conversion", &a.period),
            Command::Lost(a) => ("lost", &a.period),
            Command::Qa(a) => ("qa", &a.period),
            Command::Scorecard(a) => ("scorecard", &a.period),
            Command::Report(a) => ("report", &a.period),
            Command::Schedule(a) => ("schedule", &a.period),
            Command::Reconcile(a) => ("reconcile", &a.period),
            _ => return Ok(()),
        };
        if let (Some(from), Some(to)) = (period.from, period.to)
            && from > to
        {
            let mut cmd = Cli::command_in(message_language());
            cmd.build();
            let sub = cmd.find_subcommand_mut(name).expect("every command is a subcommand");
            return Err(sub.error(ErrorKind::ArgumentConflict, msg!("cli.err.from_after_to", from = from, to = to)));
        }
        Ok(())
    }
}

impl Cli {
    /// Parse the command line; `-o` with a `.csv`, `.json`, `.md` or `.txt` name chooses the
    /// format when `--format` is not given, and a `--format` that disagrees with the name is
    /// a usage error (a payroll.csv that is really a workbook would open as garbage).
    pub fn parse_settled_from(args: Vec<std::ffi::OsString>) -> Result<Cli, clap::Error> {
        use clap::FromArgMatches;
        let matches = Cli::command_in(message_language()).try_get_matches_from(args)?;
        let format_given = matches
            .subcommand()
            // `try_get_raw` first: asking a command without `--format` for its source panics.
            .is_some_and(|(_, sub)| {
                sub.try_get_raw("format").is_ok()
                    && sub.value_source("format") == Some(clap::parser::ValueSource::CommandLine)
            });
        let mut cli = Cli::from_arg_matches(&matches)?;
        cli.settle_output(format_given)?;
        cli.check()?;
        Ok(cli)
    }

    fn output_mut(&mut self) -> Option<(&'static str, &mut OutputArgs)> {
        Some(match &mut self.command {
            Command::Commission(a) => ("commission", &mut a.output),
            Command::Conversion(a) => ("conversion", &mut a.output),
            Command::Lost(a) => ("lost", &mut a.output),
            Command::Qa(a) => ("qa", &mut a.output),
            Command::Scorecard(a) => ("scorecard", &mut a.output),
            Command::Daily(a) => ("daily", &mut a.output),
            Command::Report(a) => ("report", &mut a.output),
            Command::Schedule(a) => ("schedule", &mut a.output),
            Command::Reconcile(a) => ("reconcile", &mut a.output),
            _ => return None,
        })
    }

    fn settle_output(&mut self, format_given: bool) -> Result<(), clap::Error> {
        let Some((name, output)) = self.output_mut() else { return Ok(()) };
        let Some(by_name) = output.output.as_deref().and_then(Format::of_file_name) else { return Ok(()) };
        if !format_given {
            output.format = by_name;
            return Ok(());
        }
        if output.format == by_name || (output.format == Format::Table && by_name == Format::Text) {
            return Ok(());
        }
        let path = output.output.as_deref().map(|p| p.display().to_string()).unwrap_or_default();
        let (given, named) = (output.format.name(), by_name.name());
        let ext = given.replace("markdown", "md").replace("text", "txt").replace("table", "txt");
        let mut cmd = Cli::command_in(message_language());
        cmd.build();
        let sub = cmd.find_subcommand_mut(name).expect("every command is a subcommand");
        Err(sub.error(
            ErrorKind::ArgumentConflict,
            msg!("cli.err.output_format", path = path, named = named, given = given, ext = ext),
        ))
    }
}

/// Shell completions for `shell`, from the same definitions as `--help`.
pub fn completions(shell: clap_complete::Shell, out: &mut dyn std::io::Write) {
    clap_complete::generate(shell, &mut Cli::command(), "cs-tools", out);
}

/// The man page, from the same definitions as `--help`: cs-tools.1 to `out`, or with `dir`
/// one page per command written there (returns the files written).
pub fn man_pages(dir: Option<&std::path::Path>, out: &mut dyn std::io::Write) -> std::io::Result<Vec<PathBuf>> {
    let cmd = Cli::command().disable_help_subcommand(true);
    let Some(dir) = dir else {
        clap_mangen::Man::new(cmd).render(out)?;
        return Ok(Vec::new());
    };
    let mut cmd = cmd;
    cmd.build();
    let mut written = Vec::new();
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        written.push(clap_mangen::Man::new(sub.clone()).generate_to(dir)?);
    }
    written.insert(0, clap_mangen::Man::new(cmd).generate_to(dir)?);
    Ok(written)
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Per-agent commission (提成) for payroll, from order exports or a per-agent report.
    Commission(CommissionArgs),
    /// Inquiry → order → payment conversion (询单转化率) and response times per agent.
    Conversion(ConversionArgs),
    /// Why inquiries were lost (未成交原因), with the buyers' own words as evidence.
    Lost(LostArgs),
    /// Chat quality inspection (质检): banned words and service norms, quoting the agents' messages.
    Qa(QaArgs),
    /// Weighted KPI score and grade per agent (绩效考核).
    Scorecard(ScorecardArgs),
    /// One day's conversion figures per agent (日报), for cron.
    Daily(DailyArgs),
    /// The whole period in one workbook: overview, commission, conversion, lost reasons,
    /// scorecard, daily trend.
    Report(ReportArgs),
    /// Does the shift schedule (排班表) cover the hours buyers write?
    Schedule(ScheduleArgs),
    /// Our figures beside a per-agent report's (赤兔, the platform) under each attribution
    /// rule, and the orders behind each difference.
    Reconcile(ReconcileArgs),
    /// Show what cs-tools sees in files: sheets, header row, column mapping, rows, problems.
    Inspect(InspectArgs),
    /// Write a commented cs-tools.toml with every default.
    Init(InitArgs),
    /// The per-day figures kept between runs: list, import, export, forget.
    History(HistoryCommand),
    /// Print shell completions: `cs-tools completions bash > ~/.local/share/bash-completion/completions/cs-tools`.
    Completions(CompletionsArgs),
    /// Print the man page (roff): `cs-tools man > ~/.local/share/man/man1/cs-tools.1`.
    Man(ManArgs),
}

/// Where the history is kept (docs/definitions.md#commands "History").
#[derive(Debug, Args, Default, Clone)]
pub struct HistoryArgs {
    /// The history file (SQLite). Default: [history] path, else cs-tools.db beside the config
    /// file in use; without a config file nothing is kept.
    #[arg(long, value_name = "PATH", conflicts_with = "no_history")]
    pub history: Option<PathBuf>,
    /// Keep nothing from this run and compare only within the input files.
    #[arg(long)]
    pub no_history: bool,
}

#[derive(Debug, Args)]
pub struct HistoryCommand {
    #[command(subcommand)]
    pub action: HistoryAction,
}

#[derive(Debug, Subcommand)]
pub enum HistoryAction {
    /// What is stored: shops, date ranges, agents.
    List(HistoryWhere),
    /// Record the days of export files (orders, chats) without writing a report: seeds the
    /// history with past months.
    Import(HistoryImportArgs),
    /// Every stored row, as CSV on stdout (or -o FILE).
    Export(HistoryExportArgs),
    /// Delete the stored days from --from to --to (both included).
    Forget(HistoryForgetArgs),
}

#[derive(Debug, Args)]
pub struct HistoryWhere {
    /// The history file. Default: [history] path, else cs-tools.db beside the config file.
    #[arg(long, value_name = "PATH")]
    pub history: Option<PathBuf>,
    /// Settings file. Default: ./cs-tools.toml when present.
    #[arg(long)]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct HistoryImportArgs {
    /// Export files: orders and chats, in any number of files or one workbook.
    #[arg(required = true, value_name = "FILES")]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub period: PeriodArgs,
    #[command(flatten)]
    pub input: InputArgs,
    /// The history file. Default: [history] path, else cs-tools.db beside the config file.
    #[arg(long, value_name = "PATH")]
    pub history: Option<PathBuf>,
    /// A flat commission rate (recorded in the rows' settings digest, as `commission --rate`).
    #[arg(long, value_parser = parse_rate_arg)]
    pub rate: Option<rust_decimal::Decimal>,
    /// Print nothing but problems.
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct HistoryExportArgs {
    #[command(flatten)]
    pub place: HistoryWhere,
    /// csv (the only format).
    #[arg(long, value_enum, default_value_t = HistoryFormat::Csv)]
    pub format: HistoryFormat,
    /// Write to this file instead of stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HistoryFormat {
    Csv,
}

#[derive(Debug, Args)]
pub struct HistoryForgetArgs {
    #[command(flatten)]
    pub place: HistoryWhere,
    /// First day to delete (inclusive), YYYY-MM-DD.
    #[arg(long, value_parser = parse_date_arg)]
    pub from: NaiveDate,
    /// Last day to delete (inclusive), YYYY-MM-DD.
    #[arg(long, value_parser = parse_date_arg)]
    pub to: NaiveDate,
    /// Only this shop's days (the name as `history list` shows it; "" for no shop name).
    #[arg(long)]
    pub shop: Option<String>,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write cs-tools.1 and one page per command (cs-tools-commission.1, …) into this folder
    /// instead of printing cs-tools.1.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, powershell or elvish.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct CommissionArgs {
    /// Order exports (xlsx, xls, csv…) or a per-agent report (客服绩效报表).
    #[arg(required = true, value_name = "ORDERS")]
    pub files: Vec<PathBuf>,
    /// Chat exports (message logs, 千牛 text, session sheets): chat attribution and KPI figures.
    #[arg(long, num_args = 1.., value_name = "CHATS")]
    pub chats: Vec<PathBuf>,
    /// A flat commission rate for everyone, e.g. 2% or 0.02 (overrides the config's mode and rate).
    #[arg(long, value_parser = parse_rate_arg)]
    pub rate: Option<rust_decimal::Decimal>,
    #[command(flatten)]
    pub period: PeriodArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub history: HistoryArgs,
}

#[derive(Debug, Args)]
pub struct ConversionArgs {
    /// Chat exports: message logs (xlsx/csv), 千牛 text, or session sheets (接待记录).
    #[arg(required = true, value_name = "CHATS")]
    pub chats: Vec<PathBuf>,
    /// Order exports, to see who ordered and paid.
    #[arg(long, required = true, num_args = 1.., value_name = "ORDERS")]
    pub orders: Vec<PathBuf>,
    #[command(flatten)]
    pub period: PeriodArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub history: HistoryArgs,
}

#[derive(Debug, Args)]
pub struct ReconcileArgs {
    /// Chat exports: message logs (xlsx/csv), 千牛 text, or session sheets (接待记录).
    #[arg(required = true, value_name = "CHATS")]
    pub chats: Vec<PathBuf>,
    /// Order exports, to see who ordered and paid.
    #[arg(long, required = true, num_args = 1.., value_name = "ORDERS")]
    pub orders: Vec<PathBuf>,
    /// The per-agent report to compare with (赤兔 or the platform's 客服绩效报表), by month or by day.
    #[arg(long, required = true, num_args = 1.., value_name = "REPORT")]
    pub against: Vec<PathBuf>,
    #[command(flatten)]
    pub period: PeriodArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Args)]
pub struct LostArgs {
    /// Chat exports: message logs (xlsx/csv), 千牛 text, or session sheets (接待记录).
    #[arg(required = true, value_name = "CHATS")]
    pub chats: Vec<PathBuf>,
    /// Order exports; without them every inquiry counts as lost.
    #[arg(long, num_args = 1.., value_name = "ORDERS")]
    pub orders: Vec<PathBuf>,
    #[command(flatten)]
    pub period: PeriodArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Args)]
pub struct QaArgs {
    /// Chat exports: message logs (xlsx/csv) or 千牛 text; session sheets carry no text.
    #[arg(required = true, value_name = "CHATS")]
    pub chats: Vec<PathBuf>,
    /// Order exports (optional: they name the shop in the title).
    #[arg(long, num_args = 1.., value_name = "ORDERS")]
    pub orders: Vec<PathBuf>,
    #[command(flatten)]
    pub period: PeriodArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Args)]
pub struct ScorecardArgs {
    /// Chat exports, or a per-agent report (客服绩效报表); sheets are found by their headers.
    #[arg(required = true, value_name = "FILES")]
    pub files: Vec<PathBuf>,
    /// Order exports.
    #[arg(long, num_args = 1.., value_name = "ORDERS")]
    pub orders: Vec<PathBuf>,
    /// Service ratings (服务评价).
    #[arg(long, num_args = 1.., value_name = "RATINGS")]
    pub ratings: Vec<PathBuf>,
    #[command(flatten)]
    pub period: PeriodArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Args)]
pub struct DailyArgs {
    /// Chat exports, or a per-agent report by day (客服绩效报表 with a 日期 column).
    #[arg(required = true, value_name = "CHATS")]
    pub chats: Vec<PathBuf>,
    /// Order exports (needed with chats; not with a per-agent report).
    #[arg(long, num_args = 1.., value_name = "ORDERS")]
    pub orders: Vec<PathBuf>,
    /// The day, YYYY-MM-DD or `yesterday`; default: the last day in the chats.
    #[arg(long, value_parser = parse_day_arg)]
    pub day: Option<DayArg>,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub history: HistoryArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayArg {
    Yesterday,
    Date(NaiveDate),
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Every export of the period: orders, chats, ratings, per-agent reports — in any number
    /// of files or one workbook; sheets are found by their headers.
    #[arg(required = true, value_name = "FILES")]
    pub files: Vec<PathBuf>,
    /// A flat commission rate for everyone, e.g. 2% or 0.02.
    #[arg(long, value_parser = parse_rate_arg)]
    pub rate: Option<rust_decimal::Decimal>,
    /// Report the chats alone, knowing no order export is given: sales, commission, paid
    /// buyers and conversion are shown as missing (—), not 0. Without it, chats with no
    /// order sheet are an error.
    #[arg(long)]
    pub no_orders: bool,
    #[command(flatten)]
    pub period: PeriodArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub history: HistoryArgs,
}

#[derive(Debug, Args)]
pub struct ScheduleArgs {
    /// The schedule: one row per agent, one column per date, a shift code per cell.
    #[arg(required = true, value_name = "SCHEDULE")]
    pub schedule: Vec<PathBuf>,
    /// Chat exports.
    #[arg(long, required = true, num_args = 1.., value_name = "CHATS")]
    pub chats: Vec<PathBuf>,
    #[command(flatten)]
    pub period: PeriodArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Exports of any kind (xlsx, xls, csv, 千牛 text, schedules); each file is shown with its
    /// sheets, header row, column mapping, rows, dates and first problems.
    #[arg(required = true, value_name = "FILES")]
    pub files: Vec<PathBuf>,
    /// table (default) or json.
    #[arg(long, value_enum, default_value_t = InspectFormat::Table)]
    pub format: InspectFormat,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InspectFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to write it; `-` prints it.
    #[arg(default_value = "cs-tools.toml")]
    pub path: PathBuf,
    /// Replace an existing file.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args, Default)]
pub struct PeriodArgs {
    /// A calendar month, YYYY-MM, or `last` for last month.
    #[arg(long, value_parser = parse_month_arg, conflicts_with_all = ["from", "to"])]
    pub month: Option<MonthArg>,
    /// First day of the period (inclusive), YYYY-MM-DD.
    #[arg(long, value_parser = parse_date_arg, requires = "to")]
    pub from: Option<NaiveDate>,
    /// Last day of the period (inclusive), YYYY-MM-DD.
    #[arg(long, value_parser = parse_date_arg, requires = "from")]
    pub to: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MonthArg {
    Last,
    Month(i32, u32),
}

#[derive(Debug, Args, Default)]
pub struct OutputArgs {
    /// Output file (xlsx). Default: <command>-<period>.xlsx in the current directory.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// xlsx writes the report; csv, json and table print the summary, markdown and text a short
    /// one for a group chat (daily, conversion, commission, report); these write no file.
    #[arg(long, value_enum, default_value_t = Format::Xlsx)]
    pub format: Format,
    /// Exit 3 when some rows had problems (the report is still written).
    #[arg(long)]
    pub strict: bool,
    /// No summary on stdout (problems are still counted on stderr).
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Args, Default)]
pub struct InputArgs {
    /// Settings file. Default: ./cs-tools.toml when present, else built-in defaults.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Read only this sheet of each workbook.
    #[arg(long)]
    pub sheet: Option<String>,
    /// Text encoding of CSV/TXT input (utf-8, gbk, gb18030, utf-16le…); default: detected.
    #[arg(long, value_parser = parse_encoding_arg)]
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// Input files read at once; default: the machine's cores; 1 reads one file after another.
    /// The reports are the same whatever the number.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    /// The shop of the files that no shop column, sub-account or [[shop]] in the config names.
    #[arg(long, value_name = "NAME")]
    pub shop: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    #[default]
    Xlsx,
    Csv,
    Json,
    Table,
    /// A short summary for a group chat, in the Markdown 钉钉/企业微信 robots render.
    Markdown,
    /// The same summary as plain text.
    Text,
}

impl Format {
    /// The format a file name asks for by its extension (case-insensitive); None for any
    /// other name, which gets the workbook.
    pub fn of_file_name(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "xlsx" => Some(Format::Xlsx),
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            "md" | "markdown" => Some(Format::Markdown),
            "txt" => Some(Format::Text),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Table => "table",
            Format::Markdown => "markdown",
            Format::Text => "text",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum LangArg {
    #[default]
    Zh,
    En,
}

impl LangArg {
    pub fn lang(self) -> crate::messages::Lang {
        match self {
            LangArg::Zh => crate::messages::Lang::Zh,
            LangArg::En => crate::messages::Lang::En,
        }
    }
}

fn parse_month_arg(s: &str) -> Result<MonthArg, String> {
    if s.eq_ignore_ascii_case("last") {
        return Ok(MonthArg::Last);
    }
    let bad = || msg!("cli.value.month", value = s);
    let (y, m) = s.trim().split_once(['-', '/']).ok_or_else(bad)?;
    let year: i32 = y.parse().map_err(|_| bad())?;
    let month: u32 = m.parse().map_err(|_| bad())?;
    if !(1..=12).contains(&month) || !(1000..=9999).contains(&year) {
        return Err(bad());
    }
    Ok(MonthArg::Month(year, month))
}

fn parse_day_arg(s: &str) -> Result<DayArg, String> {
    if s.eq_ignore_ascii_case("yesterday") {
        return Ok(DayArg::Yesterday);
    }
    parse_date_arg(s).map(DayArg::Date)
}

fn parse_date_arg(s: &str) -> Result<NaiveDate, String> {
    parse_date_text(s).ok_or_else(|| msg!("cli.value.date", value = s))
}

fn parse_rate_arg(s: &str) -> Result<rust_decimal::Decimal, String> {
    let rate = crate::config::parse_rate(s).ok_or_else(|| msg!("cli.value.rate", value = s))?;
    if rate < rust_decimal::Decimal::ZERO || rate > rust_decimal::Decimal::ONE {
        return Err(msg!("cli.value.rate_range", value = s));
    }
    Ok(rate)
}

fn parse_encoding_arg(s: &str) -> Result<&'static encoding_rs::Encoding, String> {
    let label = match s.to_ascii_lowercase().as_str() {
        "utf16" | "utf-16" => "utf-16le".to_string(),
        other => other.to_string(),
    };
    encoding_rs::Encoding::for_label(label.as_bytes()).ok_or_else(|| msg!("cli.value.encoding", value = s))
}
