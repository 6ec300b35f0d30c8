//! Checks on what was read that stop a command with a message naming the files: ratings files without a ratings sheet, a command that needs orders given none.

use crate::error::Result;
use crate::messages::Lang;
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
        let mut lines = vec![msg!("reading.ratings.none", file = &name)];
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
            let place = if t.sheet.is_empty() {
                msg!("reading.ratings.the_file")
            } else {
                msg!("reading.ratings.sheet", sheet = &t.sheet)
            };
            if missing.is_empty() {
                let what = t.why_unused.as_ref().map_or_else(|| msg!("reading.ratings.not_read"), |w| w.to_string());
                lines.push(msg!("reading.sheet_line", place = place, what = what));
            } else {
                lines.push(msg!("reading.ratings.no_column", place = place, fields = missing.join("; ")));
            }
        }
        if tables.is_empty() {
            let all: Vec<String> = SheetKind::Ratings.required().map(describe).collect();
            lines.push(msg!("reading.ratings.no_header", fields = all.join("; ")));
        }
        lines.push(msg!("reading.ratings.what_to_do"));
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
    Err(crate::error::Error::Input(crate::messages::say(lang, &phrase)))
}

/// `commission` given files with neither an order sheet nor a per-agent report: what each
/// sheet was taken for, then what to do — give chat exports after --chats, or name the
/// order columns.
pub fn no_orders_message(read: &ReadLog) -> String {
    let mut lines = vec![msg!("reading.no_orders.title")];
    for t in &read.tables {
        let place = if t.sheet.is_empty() { t.file.to_string() } else { format!("{} [{}]", t.file, t.sheet) };
        let what = match (t.kind, &t.why_unused) {
            // English names the kind as the config does ("a chats sheet").
            (Some(kind), _) => match crate::messages::message_language() {
                Lang::En => msg!("reading.no_orders.a_sheet", kind = kind.name()),
                Lang::Zh => {
                    msg!("reading.no_orders.a_sheet", kind = crate::messages::label(Lang::Zh, kind.label_key()))
                }
            },
            (None, Some(why)) => why.to_string(),
            (None, None) => msg!("reading.no_orders.not_used"),
        };
        lines.push(msg!("reading.sheet_line", place = place, what = what));
    }
    let mut chats: Vec<String> = read
        .tables
        .iter()
        .filter(|t| matches!(t.kind, Some(SheetKind::ChatMessages | SheetKind::ChatSessions)))
        .map(|t| t.file.to_string())
        .collect();
    if !chats.is_empty() {
        chats.dedup();
        lines.push(msg!("reading.no_orders.chat_export", files = chats.join(", "), paths = chats.join(" ")));
    } else {
        lines.push(msg!("reading.no_orders.name_columns"));
    }
    lines.join("\n")
}

/// A per-agent report was found but gave no agent's line (every row a listed problem, or only
/// its own total rows): an error naming it and the first problem, rather than "no report
/// found" (docs/definitions.md#fields). Nothing to say when lines were read or no report was found.
pub fn require_report_rows(read: &ReadLog, lines: usize) -> Result<()> {
    let tables: Vec<_> = read.tables_of(SheetKind::AgentReport).collect();
    if lines > 0 || tables.is_empty() {
        return Ok(());
    }
    let places: Vec<String> = tables
        .iter()
        .map(|t| if t.sheet.is_empty() { t.file.to_string() } else { format!("{} [{}]", t.file, t.sheet) })
        .collect();
    let places = places.join(&msg!("run.sep.list"));
    let of_report = |p: &&crate::model::RowProblem| tables.iter().any(|t| *t.file == *p.file && *t.sheet == *p.sheet);
    let problems: Vec<_> = read.problems.iter().filter(of_report).collect();
    let message = match problems.first() {
        Some(first) => msg!(
            "reading.inputs.report_rows_unread",
            places = &places,
            n = problems.len(),
            row = first.row,
            column = &first.column,
            value = &first.value,
            problem = first.problem.to_string()
        ),
        None => msg!("reading.inputs.report_no_agent_rows", places = &places),
    };
    Err(crate::error::Error::Input(message))
}
