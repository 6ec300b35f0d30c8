//! Typed errors of the library. Each says where (file, sheet, row, column) and what to do;
//! the binary maps them to exit codes (docs/definitions.md#commands).

use std::fmt;

/// A file, sheet or configuration that cannot be used: nothing is written (exit 1).
/// Every message is said in the language of messages (src/messages/).
#[derive(Debug)]
pub enum Error {
    Read(ReadError),
    Config {
        path: String,
        message: String,
    },
    Input(String),
    /// A command-line usage error: exit 2.
    Usage(String),
    Write {
        path: String,
        message: String,
    },
    /// A bug: the totals did not reconcile. Nothing is written.
    Reconcile(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Read(e) => e.fmt(f),
            Error::Config { path, message } => f.write_str(&msg!("error.config", path = path, message = message)),
            Error::Input(text) | Error::Usage(text) => f.write_str(text),
            Error::Write { path, message } => f.write_str(&msg!("error.write", path = path, message = message)),
            Error::Reconcile(detail) => f.write_str(&msg!("error.reconcile", detail = detail)),
        }
    }
}

impl std::error::Error for Error {}

impl From<ReadError> for Error {
    fn from(e: ReadError) -> Error {
        Error::Read(e)
    }
}

/// A file or sheet that cannot be read.
#[derive(Debug)]
pub struct ReadError {
    pub file: String,
    pub sheet: Option<String>,
    pub row: Option<u32>,
    pub column: Option<String>,
    pub message: String,
}

impl ReadError {
    pub fn file(file: &str, message: impl Into<String>) -> Self {
        ReadError { file: file.to_string(), sheet: None, row: None, column: None, message: message.into() }
    }

    pub fn sheet(file: &str, sheet: &str, message: impl Into<String>) -> Self {
        ReadError { sheet: Some(sheet.to_string()).filter(|s| !s.is_empty()), ..ReadError::file(file, message) }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut place = self.file.clone();
        if let Some(sheet) = &self.sheet {
            place = msg!("error.at_sheet", place = place, sheet = sheet);
        }
        if let Some(row) = self.row {
            place = msg!("error.at_row", place = place, row = row);
        }
        if let Some(column) = &self.column {
            place = msg!("error.at_column", place = place, column = column);
        }
        let colon = if crate::messages::message_language() == crate::messages::Lang::Zh { "：" } else { ": " };
        write!(f, "{place}{colon}{}", self.message)
    }
}

impl std::error::Error for ReadError {}

pub type Result<T, E = Error> = std::result::Result<T, E>;
