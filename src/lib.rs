//! cs-tools: commission, conversion and service reports for e-commerce customer-service
//! teams, computed offline from the shop's exported sheets.
//!
//! The flow runs one way: `read` (files → records) → `compute` (pure) → `report`
//! (sheets → xlsx/json/csv/terminal), wired per subcommand in `commands`.

// The binary, the tests and the examples use what is `pub` here; everything else is the
// crate's own.
pub mod buyers;
pub mod cli;
pub(crate) mod commands;
pub mod compute;
pub mod config;
pub mod error;
pub(crate) mod format;
pub(crate) mod history;
pub(crate) mod inputs;
pub(crate) mod labels;
pub mod memory;
pub mod model;
pub(crate) mod quotes;
pub mod read;
pub(crate) mod report;
pub(crate) mod timings;

pub use commands::{Outcome, run};
pub use report::xlsx::remove_unfinished;
