//! The `cs-tools` binary: parse arguments, run the command, map the outcome to the exit
//! codes cron depends on (docs/definitions.md#commands): 0 written, 1 nothing written, 2 usage, 3 strict.
//! Files dropped on the exe run `report` over them (src/launch.rs).

use cs_tools::Cli;
use cs_tools::launch::{self, USAGE_ZH};
use std::process::ExitCode;

fn main() -> ExitCode {
    let code = run();
    // Started from Explorer, the window closes with the run: what it said stays until a key.
    launch::wait_for_a_key();
    code
}

fn run() -> ExitCode {
    cs_tools::return_large_blocks_promptly();
    // No shell expands `订单*.csv` on Windows: wild does (elsewhere the arguments pass as given).
    let args: Vec<_> = wild::args_os().collect();
    if args.len() == 1 && launch::console_is_its_own() {
        print!("{USAGE_ZH}");
        return ExitCode::SUCCESS;
    }
    // Before parsing, so a usage error is said in the language asked for.
    cs_tools::set_message_language(launch::language_asked(&args));
    let started = launch::prepare(args);
    cs_tools::set_dropped(started.dropped);
    let cli = match Cli::parse_settled_from(started.args) {
        Ok(cli) => cli,
        Err(e) => {
            Cli::print_error(&e);
            return if e.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    // Interrupted (Ctrl-C, kill): take the progress bar off the screen, remove the report
    // being written, leave the old one.
    let _ = ctrlc::set_handler(|| {
        cs_tools::clear_progress_bar();
        cs_tools::remove_unfinished();
        std::process::exit(130);
    });
    let today = chrono::Local::now().date_naive();
    match cs_tools::run(cli, today) {
        Ok(outcome) if outcome.strict && outcome.problems > 0 => ExitCode::from(3),
        Ok(_) => ExitCode::SUCCESS,
        Err(e @ cs_tools::error::Error::Usage(_)) => {
            eprintln!("cs-tools: {e}");
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("cs-tools: {e}");
            ExitCode::from(1)
        }
    }
}
