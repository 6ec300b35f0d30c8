//! Arguments and `--help` (src/cli.rs), the usage errors clap finds, and what `main` and a dropped file say (src/main.rs, src/launch.rs).

pub const MESSAGES: &[(&str, &str, &str)] = &[];
