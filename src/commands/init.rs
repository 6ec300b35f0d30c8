//! `cs-tools init`: writes the commented default config.

use super::{Outcome, print_stdout};
use crate::cli::InitArgs;
use crate::config::init_template;
use crate::error::{Error, Result};

pub fn run(args: &InitArgs) -> Result<Outcome> {
    if args.path.as_os_str() == "-" {
        print_stdout(&init_template());
        return Ok(Outcome { problems: 0, strict: false });
    }
    let shown = args.path.display().to_string();
    if args.path.exists() && !args.force {
        return Err(Error::Input(msg!("config.init.exists", path = shown)));
    }
    std::fs::write(&args.path, init_template())
        .map_err(|e| Error::Write { path: shown.clone(), message: crate::messages::system_error(&e) })?;
    print_stdout(&format!("{}\n", msg!("config.init.wrote", path = shown)));
    Ok(Outcome { problems: 0, strict: false })
}
