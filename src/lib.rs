//! cs-tools: commission, conversion and service reports for e-commerce customer-service
//! teams, computed offline from the shop's exported sheets.
//!
//! The flow runs one way (README, "Where things live"): `read` (files → records) → `config`
//! → `compute` (pure) → `inputs` (the reading every command shares) → `report` (each topic's
//! sheets, JSON and messages; xlsx/csv/terminal) → `commands` (one file a command, the shared
//! opening and ending in `commands/runner.rs`).

/// A message from the table (src/messages/) in the language of messages, each `{name}`
/// filled: `msg!("error.write", path = p, message = m)`.
macro_rules! msg {
    ($key:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::model::Phrase::new($key)$(.with(stringify!($name), $value))*.to_string()
    };
}

// The binary, the tests and the examples use what is `pub` here; everything else is the
// crate's own.
pub mod buyers;
pub(crate) mod cli;
pub(crate) mod commands;
pub mod compute;
pub mod config;
pub mod error;
pub(crate) mod format;
pub(crate) mod history;
pub(crate) mod inputs;
pub(crate) mod labels;
pub mod launch;
pub(crate) mod memory;
pub(crate) mod messages;
pub mod model;
pub(crate) mod progress;
pub(crate) mod quotes;
pub mod read;
pub(crate) mod report;
pub mod shops;
pub(crate) mod timings;

pub use cli::Cli;
pub use commands::runner::set_dropped;
pub use commands::{Outcome, run};
pub use memory::return_large_blocks_promptly;
pub use messages::{Lang, set_message_language};
pub use progress::clear as clear_progress_bar;
pub use report::xlsx::remove_unfinished;
