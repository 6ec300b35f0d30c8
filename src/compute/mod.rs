//! The computing core (docs/definitions.md#orders): pure functions from records and config to results.
//! No I/O, no printing, no clock.

pub mod agent_reports;
pub mod agents;
pub mod attribution;
pub mod by_buyer;
pub mod commission;
pub mod compare;
pub mod comparison;
pub mod conversion;
pub mod coverage;
pub mod export_time;
pub mod grade;
pub mod keywords;
pub mod kpi;
pub mod lost;
pub mod metrics;
pub mod orders;
pub mod parallel;
pub mod payroll;
pub mod period;
pub mod qa;
pub mod receptions;
pub mod schedule;
pub mod scorecard;
pub mod statuses;
