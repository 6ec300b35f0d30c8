//! The integration tests, one test binary: each module drives the built `cs-tools` on the files
//! in `fixtures/` (or, in `properties`, the library's cell parsers and money core directly), and
//! `common` holds what they share. One binary links the library once, where a file per topic
//! linked it once each.

mod common;

mod agent_reports;
mod atomic;
mod bad_inputs;
mod cli;
mod commission;
mod conversion;
mod dropped;
mod exports;
mod group;
mod history;
mod language;
mod looks;
mod lost;
mod mask;
mod messages;
mod month;
mod overlap;
mod partial;
mod platforms;
mod properties;
mod qa;
mod qianniu;
mod rates;
mod reading;
mod reconcile;
mod rules;
mod same_month;
mod schedule;
mod scorecard;
mod shops;
mod summary;
mod threads;
mod tiers;
