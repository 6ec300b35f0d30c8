//! Every message a person reads outside the reports — errors, notes and summary lines on
//! stderr and stdout, `inspect`, `--help` — in Chinese and English. One table per area of
//! the program, looked up as one with the report labels (labels.rs here); `--lang` chooses,
//! Chinese by default (docs/decisions.md, "Language").
//!
//! Code says a message with `msg!(KEY, name = value)`: the text of the language of
//! messages with every `{name}` filled. A new message is a line in its area's table; the
//! unit tests below find a key the code uses but no table holds, and a Chinese text that
//! still holds an English sentence.

mod cli;
mod config;
mod errors;
mod labels;
mod reading;
mod run;

use crate::model::{Arg, Phrase};
use std::sync::atomic::{AtomicBool, Ordering};

/// (key, 中文, English): the report labels, then the messages area by area.
pub(crate) const TABLES: &[&[(&str, &str, &str)]] =
    &[labels::LABELS, errors::MESSAGES, cli::MESSAGES, config::MESSAGES, reading::MESSAGES, run::MESSAGES];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

/// A phrase in `lang`: its label with every `{name}` replaced by its argument.
pub fn say(lang: Lang, phrase: &Phrase) -> String {
    let mut text = label(lang, phrase.key).to_string();
    for (name, arg) in &phrase.args {
        let value = match arg {
            Arg::Text(t) => t.as_str(),
            Arg::Label(key) => label(lang, key),
            Arg::Said(zh, en) => {
                if lang == Lang::Zh {
                    zh.as_str()
                } else {
                    en.as_str()
                }
            }
        };
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

/// The language of messages (stderr, stdout, `inspect`, `--help`): chosen once per run by
/// `--lang` at the edge (main, `commands::run`), Chinese until then. A process-wide setting,
/// so a message made deep in reading needs no language passed down to it.
static MESSAGES_IN_ENGLISH: AtomicBool = AtomicBool::new(false);

pub fn set_message_language(lang: Lang) {
    MESSAGES_IN_ENGLISH.store(lang == Lang::En, Ordering::Relaxed);
}

pub fn message_language() -> Lang {
    if MESSAGES_IN_ENGLISH.load(Ordering::Relaxed) { Lang::En } else { Lang::Zh }
}

/// A phrase as text is said in the language of messages.
impl std::fmt::Display for Phrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&say(message_language(), self))
    }
}

/// In JSON (`inspect --format json`) a phrase is its English text.
impl serde::Serialize for Phrase {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&say(Lang::En, self))
    }
}

pub fn label(lang: Lang, key: &'static str) -> &'static str {
    // A key missing from the table shows as itself rather than stopping a report
    // (the unit test below keeps the table complete for the keys the code uses).
    find(lang, key).unwrap_or(key)
}

/// The label of an id of a family (`bucket` `<1m`, `rule` `keywords`, `lost` `price`);
/// None when the table has none.
pub fn named(lang: Lang, family: &str, id: &str) -> Option<&'static str> {
    find(lang, &format!("{family}.{id}"))
}

fn find(lang: Lang, key: &str) -> Option<&'static str> {
    all_entries().find(|(k, _, _)| *k == key).map(|(_, zh, en)| if lang == Lang::Zh { *zh } else { *en })
}

/// Every entry of every table.
pub(crate) fn all_entries() -> impl Iterator<Item = &'static (&'static str, &'static str, &'static str)> {
    TABLES.iter().flat_map(|t| t.iter())
}

/// What a library (the TOML parser, the zip reader, the operating system) said, kept for
/// whoever helps the lead, but marked as such: it is in English whatever `--lang` says.
pub fn technical(detail: impl std::fmt::Display) -> String {
    msg!("technical", detail = detail)
}

/// An I/O error as a person reads it: what happened and what to do, in the language of
/// messages, the system's own words kept as technical detail.
pub fn io_error(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let what = match e.kind() {
        ErrorKind::NotFound => msg!("io.not_found"),
        ErrorKind::PermissionDenied => msg!("io.permission_denied"),
        ErrorKind::AlreadyExists => msg!("io.already_exists"),
        ErrorKind::InvalidData | ErrorKind::UnexpectedEof => msg!("io.invalid_data"),
        ErrorKind::StorageFull => msg!("io.storage_full"),
        ErrorKind::IsADirectory => msg!("io.is_a_directory"),
        ErrorKind::ReadOnlyFilesystem => msg!("io.read_only"),
        _ => msg!("io.other"),
    };
    // Chinese runs on without a space; English puts one before the parenthesis.
    let gap = if message_language() == Lang::Zh { "" } else { " " };
    format!("{what}{gap}{}", technical(e))
}

/// The operating system's error as said after "cannot open"/"cannot read": in English its
/// own words (as they always were), in Chinese what happened and what to do, its words kept
/// as technical detail.
pub fn system_error(e: &std::io::Error) -> String {
    match message_language() {
        Lang::En => e.to_string(),
        Lang::Zh => io_error(e),
    }
}

/// The first English sentence in `text` (three or more English words in a row), not counting
/// what a message quotes as written: file names and paths, `--options`, `[config] keys = …`,
/// text in quotes or backticks, and technical detail. None: nothing a Chinese reader could
/// not read. The test below runs it over every Chinese message.
#[cfg(test)]
pub(crate) fn english_sentence(text: &str) -> Option<String> {
    english::sentence(text)
}

#[cfg(test)]
mod english;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_chinese_message_holds_an_english_sentence() {
        let mut found = Vec::new();
        for (key, zh, _) in TABLES.iter().flat_map(|t| t.iter()) {
            if let Some(sentence) = english_sentence(zh) {
                found.push(format!("{key}: {sentence}"));
            }
        }
        assert!(found.is_empty(), "untranslated: {found:#?}");
    }

    #[test]
    fn every_message_has_both_languages() {
        for (key, zh, en) in TABLES.iter().flat_map(|t| t.iter()) {
            assert!(!zh.is_empty() && !en.is_empty(), "{key}");
            // The same `{name}`s in both, so neither language loses a figure.
            let names = |t: &str| {
                let mut v: Vec<String> =
                    t.split('{').skip(1).filter_map(|s| s.split_once('}')).map(|(n, _)| n.to_string()).collect();
                v.sort();
                v.dedup();
                v
            };
            // Two report labels say a figure differently by language on purpose: 等 5 人 (all)
            // beside "and 2 more", 10月 beside "October".
            if !matches!(*key, "summary.more" | "cmp.month_name") {
                assert_eq!(names(zh), names(en), "{key}");
            }
        }
    }

    #[test]
    fn english_sentences_are_found_and_quotes_are_not() {
        assert!(english_sentence("cannot write the report").is_some());
        assert!(english_sentence("无法写入 report-2026-10.xlsx：请先关闭").is_none());
        assert!(english_sentence("请在 [commission] tiers = \"per shop as written\" 中").is_none());
        assert!(english_sentence("用 `cs-tools inspect FILES…` 查看").is_none());
        assert!(english_sentence("打不开（技术信息：invalid Zip archive here）").is_none());
        assert!(english_sentence("note: 3 rows").is_none());
    }
}
