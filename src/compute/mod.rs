//! The computing core (docs/definitions.md#orders): pure functions from records and config to results.
//! No I/O, no printing, no clock.

pub(crate) mod agent_reports;
pub(crate) mod agents;
pub(crate) mod attribution;
pub(crate) mod by_buyer;
pub(crate) mod by_shop;
pub mod commission;
pub(crate) mod compare;
pub(crate) mod comparison;
pub(crate) mod conversion;
pub(crate) mod coverage;
pub(crate) mod export_time;
pub(crate) mod grade;
pub(crate) mod keywords;
pub(crate) mod kpi;
pub(crate) mod lost;
pub(crate) mod metrics;
pub(crate) mod orders;
pub(crate) mod parallel;
pub(crate) mod payroll;
pub(crate) mod period;
pub(crate) mod qa;
pub(crate) mod receptions;
pub(crate) mod reconcile;
pub(crate) mod schedule;
pub(crate) mod scorecard;
