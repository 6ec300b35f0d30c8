//! Reading the config file: `--config PATH`, else `./cs-tools.toml` when present, else the defaults.

use super::Config;
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// The config in use and where it came from.
pub struct LoadedConfig {
    pub config: Config,
    /// None: built-in defaults.
    pub path: Option<PathBuf>,
}

/// `--config PATH`, else `./cs-tools.toml` when present, else defaults.
pub fn load_config(arg: Option<&Path>) -> Result<LoadedConfig> {
    let path = match arg {
        Some(p) => p.to_path_buf(),
        None => {
            let local = PathBuf::from("cs-tools.toml");
            if !local.is_file() {
                return Ok(LoadedConfig { config: Config::default(), path: None });
            }
            local
        }
    };
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(&path).map_err(|e| Error::Config {
        path: shown.clone(),
        message: format!("cannot read it ({e}); `cs-tools init` writes one"),
    })?;
    let config = Config::parse(&text).map_err(|message| Error::Config { path: shown, message })?;
    Ok(LoadedConfig { config, path: Some(path) })
}
