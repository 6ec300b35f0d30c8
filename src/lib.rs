//! cs-tools: commission, conversion and service reports for e-commerce customer-service
//! teams, computed offline from the shop's exported sheets.
//!
//! The flow runs one way: `read` (files → records) → `compute` (pure) → `report`
//! (sheets → xlsx/json/csv/terminal), wired per subcommand in `commands`.

pub mod buyers;
pub mod cli;
pub mod commands;
pub mod compute;
pub mod config;
pub mod error;
pub mod format;
pub mod history;
pub mod inputs;
pub mod labels;
pub mod memory;
pub mod model;
pub mod quotes;
pub mod read;
pub mod report;
pub mod timings;
