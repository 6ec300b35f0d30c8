//! The configuration file and `init` (src/config/), and the history kept between runs (src/history/, `cs-tools history`).

pub const MESSAGES: &[(&str, &str, &str)] = &[];
