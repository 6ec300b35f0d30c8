//! One command's result, written in every format it offers. Each command builds one value
//! that implements [`Output`]; the runner (`commands/runner.rs`) picks the format the user
//! asked for, so no command repeats the choice.

use super::group_chat::GroupMessage;
use super::{Report, Sheet};
use crate::cli::Format;
use crate::error::Result;
use crate::labels::{Lang, label};
use crate::model::Period;
use std::path::Path;

/// What a command computed, as a workbook, JSON, a table (csv or terminal) and, for the
/// commands that have one, a message for the team's group chat.
pub trait Output {
    /// The command's name: the first part of the default file name (`conversion-2026-10.xlsx`).
    fn name(&self) -> &'static str;
    /// The second part of the default file name: the period (`2026-10`, `all`).
    fn period_label(&self) -> String;
    /// `--format json`: one object on stdout (docs/definitions.md#json).
    fn json(&self) -> serde_json::Value;
    /// `--format csv|table`: the command's main sheet.
    fn table(&self, lang: Lang) -> Sheet<'_>;
    /// `--format markdown|text`: the group-chat message; None for the commands that have none
    /// (the command line refuses those formats for them before anything is read).
    fn message(&self, _lang: Lang) -> Option<GroupMessage> {
        None
    }
    /// The workbook: title, the command's sheets, Issues and Rules.
    fn workbook(&self, lang: Lang) -> Result<Report<'_>>;
    /// The lines printed once the workbook is written to `path`.
    fn written(&self, path: &Path) -> String;
    /// Notes for stderr once the output is written (whatever its format), before the line on
    /// row problems: what the reader should know about the figures (no orders given, the
    /// default rule). `quiet`: `-q` was given.
    fn notes(&self, _format: Format, _quiet: bool) -> Vec<String> {
        Vec::new()
    }
    /// Whether `-q` silences the line on row problems too. Under `-q` the commands print no
    /// summary but still count the problems on stderr; `daily`, made for cron, prints nothing
    /// at all: it says true.
    fn quiet_silences_problems(&self) -> bool {
        false
    }
}

/// The Rules sheet's first rows: the command line as typed, and the period.
pub fn rules_head(lang: Lang, period: Period) -> Vec<(String, String)> {
    vec![
        (label(lang, "rules.command").to_string(), command_line()),
        (label(lang, "rules.period").to_string(), format!("{} – {}", period.from, period.to)),
    ]
}

/// The Rules-sheet row naming the attribution rule (docs/definitions.md#attribution-rules): which
/// reception the chat source takes, within how many hours, and that conversion keeps the
/// `order` rule.
pub fn attribution_rule_item(lang: Lang, config: &crate::config::Config) -> (String, String) {
    use crate::config::AttributionRule;
    let key = match config.attribution_rule {
        AttributionRule::Order => "rules.attribution_rule.order",
        AttributionRule::Payment => "rules.attribution_rule.payment",
        AttributionRule::OrderFirst => "rules.attribution_rule.order_first",
    };
    let text = label(lang, key).replace("{hours}", &config.attribution_window_hours.to_string());
    (label(lang, "rules.attribution_rule").to_string(), text)
}

/// `cs-tools conversion chats.csv --orders …`: how the report was made, for its Rules sheet.
pub fn command_line() -> String {
    format!("cs-tools {}", std::env::args().skip(1).collect::<Vec<_>>().join(" "))
}
