//! Checks on what was read that stop a command with a message naming the files: ratings files without a ratings sheet, a command that needs orders given none.

use crate::error::Result;
use crate::labels::Lang;
use crate::model::Phrase;
use crate::read::ReadLog;
use crate::read::fields::{SheetKind, normalize_header};
use std::path::PathBuf;

/// docs/definitions.md#fields: a file given as ratings in which no ratings sheet is found is an error naming
/// the file and, for each of its sheets, the ratings columns it lacks.
pub fn check_ratings_files(read: &ReadLog, files: &[PathBuf]) -> Result<()> {
    for file in files {
        let name = file.display().to_string();
        let tables: Vec<_> = read.tables.iter().filter(|t| *t.file == *name).collect();
        if tables.iter().any(|t| t.kind == Some(SheetKind::Ratings)) {
            continue;
        }
        let fields = SheetKind::Ratings.fields();
        let describe = |field: &str| {
            let aliases = fields.iter().find(|f| f.name == field).map(|f| f.aliases.join(", ")).unwrap_or_default();
            format!("{field} ({aliases})")
        };
        let mut lines = vec![format!("{name} was given with --ratings but holds no ratings sheet (服务评价):")];
        for t in &tables {
            let headers: Vec<String> = t
                .columns
                .iter()
                .map(|c| c.header.as_str())
                .chain(t.unmapped.iter().map(String::as_str))
                .map(normalize_header)
                .collect();
            let has = |field: &str| {
                fields
                    .iter()
                    .find(|f| f.name == field)
                    .is_some_and(|f| f.aliases.iter().any(|a| headers.contains(&normalize_header(a))))
            };
            let missing: Vec<String> = SheetKind::Ratings.missing(has).iter().map(|f| describe(f)).collect();
            let place = if t.sheet.is_empty() { "the file".to_string() } else { format!("sheet {}", t.sheet) };
            if missing.is_empty() {
                lines.push(format!(
                    "  {place}: {}",
                    t.why_unused.as_ref().map_or("not read as ratings".into(), |w| w.to_string())
                ));
            } else {
                lines.push(format!("  {place}: no column for {}", missing.join("; ")));
            }
        }
        if tables.is_empty() {
            let all: Vec<String> = SheetKind::Ratings.required().map(describe).collect();
            lines.push(format!("  no sheet with a header row: no column for {}", all.join("; ")));
        }
        lines.push("Check the file with `cs-tools inspect`, or name the columns in [columns.ratings].".into());
        return Err(crate::error::Error::Input(lines.join("\n")));
    }
    Ok(())
}

/// A command whose figures need orders stops when no order sheet was read: conversion,
/// payments and sales would all read 0 with confidence. `instead`: the label of what the
/// user can do besides adding the orders.
pub fn require_orders(
    lang: Lang,
    command: &str,
    read: &crate::read::ReadLog,
    files: &[std::path::PathBuf],
    instead: &'static str,
) -> crate::error::Result<()> {
    if read.tables_of(crate::read::fields::SheetKind::Orders).next().is_some() {
        return Ok(());
    }
    let phrase = Phrase::new("inputs.no_orders")
        .with("command", command)
        .with("files", crate::format::file_list(files))
        .with_label("instead", instead);
    Err(crate::error::Error::Input(crate::labels::say(lang, &phrase)))
}
