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
    let bytes = std::fs::read(&path).map_err(|e| Error::Config {
        path: shown.clone(),
        message: msg!("config.file.cannot_read", detail = crate::messages::system_error(&e)),
    })?;
    let text = utf8_text(bytes).map_err(|message| Error::Config { path: shown.clone(), message })?;
    let config = Config::parse(&text).map_err(|message| Error::Config { path: shown, message })?;
    Ok(LoadedConfig { config, path: Some(path) })
}

/// The config's text. Notepad on a Chinese Windows saves "ANSI", i.e. GBK: such a file is
/// refused with what to do, rather than read with guessed characters.
fn utf8_text(bytes: Vec<u8>) -> std::result::Result<String, String> {
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.into_bytes();
        let (_, _, bad) = encoding_rs::GBK.decode(&bytes);
        if bad { msg!("config.file.not_utf8") } else { msg!("config.file.gbk") }
    })
}

#[cfg(test)]
mod tests {
    use super::utf8_text;

    #[test]
    fn a_gbk_config_is_refused_saying_to_save_it_as_utf8() {
        let (gbk, _, _) = encoding_rs::GBK.encode("[agents]\n\"小王\" = [\"wang\"]\n");
        let message = utf8_text(gbk.into_owned()).unwrap_err();
        assert!(message.contains("GBK") && message.contains("另存为 UTF-8"), "{message}");
        assert_eq!(utf8_text("rate = 0.02".as_bytes().to_vec()).unwrap(), "rate = 0.02");
        let junk = utf8_text(vec![0xff, 0xfe, 0x00, 0x81]).unwrap_err();
        assert!(junk.contains("另存为 UTF-8"), "{junk}");
    }
}
