//! `[shifts]` (docs/definitions.md#schedule): a code's time ranges, read once here for the config's validation
//! and for `schedule`.

// Parsed where roster cells are parsed, so that reading a roster written in hours needs
// nothing from the config.
pub use crate::read::cells::parse_range;
