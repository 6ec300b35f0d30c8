//! Typed errors of the library. Each says where (file, sheet, row, column) and what to do;
//! the binary maps them to exit codes (docs/definitions.md#commands).

use thiserror::Error;

/// A file, sheet or configuration that cannot be used: nothing is written (exit 1).
#[derive(Debug, Error)]
pub enum Error {
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error("config {path}: {message}")]
    Config { path: String, message: String },
    #[error("{0}")]
    Input(String),
    /// A command-line usage error: exit 2.
    #[error("{0}")]
    Usage(String),
    #[error("cannot write {path}: {message}")]
    Write { path: String, message: String },
    /// A bug: the totals did not reconcile. Nothing is written.
    #[error("internal check failed: {0}; nothing was written. Please report this with the input files")]
    Reconcile(String),
}

/// A file or sheet that cannot be read.
#[derive(Debug, Error)]
#[error("{}", self.render())]
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

    fn render(&self) -> String {
        let mut place = self.file.clone();
        if let Some(sheet) = &self.sheet {
            place.push_str(&format!(", sheet \"{sheet}\""));
        }
        if let Some(row) = self.row {
            place.push_str(&format!(", row {row}"));
        }
        if let Some(column) = &self.column {
            place.push_str(&format!(", column \"{column}\""));
        }
        format!("{place}: {}", self.message)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
