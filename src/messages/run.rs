//! What the commands say when they run and end (src/commands/, src/report/): the files written, the notes and problem counts, `inspect`, progress.

pub const MESSAGES: &[(&str, &str, &str)] = &[];
