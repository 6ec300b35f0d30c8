//! What a report says that depends on the configuration: a lost category's label, a lost
//! reason's, a chat-length bucket's. The texts themselves, and the language they are said in,
//! are in src/messages/ (labels.rs there is the report labels' table).

pub use crate::messages::{Lang, label, message_language, named, say, set_message_language};

/// A lost category's label: a default one in the report's language, the config's as written.
pub fn category(lang: Lang, c: &crate::config::LostCategory) -> String {
    match named(lang, "lost", &c.id) {
        Some(label) if c.has_default_label() => label.to_string(),
        _ => c.label.clone(),
    }
}

/// A platform response rate's name (docs/definitions.md#conversion): a default's own words in
/// the report's language, else the label the config gives it.
pub fn response_rate(lang: Lang, rate: &crate::compute::conversion::RateName) -> String {
    match crate::config::DEFAULT_RESPONSE_RATES.iter().find(|d| d.0 == rate.id && d.1 == rate.label) {
        Some(d) => label(lang, d.0).to_string(),
        None => rate.label.clone(),
    }
}

/// A chat-length bucket (docs/definitions.md#conversion) as a sheet shows it; the id itself in JSON.
pub fn bucket(lang: Lang, id: &str) -> String {
    named(lang, "bucket", id).unwrap_or(id).to_string()
}

/// A lost reason as the sheets say it: its category's label, a rule reason's, or the cell's text.
pub fn reason_label(
    r: &crate::compute::lost::Reason,
    categories: &[crate::config::LostCategory],
    lang: Lang,
) -> String {
    match r {
        crate::compute::lost::Reason::Category(i) => category(lang, &categories[*i]),
        crate::compute::lost::Reason::Rule(i) => (if lang == Lang::Zh {
            crate::compute::lost::RULE_REASONS[*i].1
        } else {
            crate::compute::lost::RULE_REASONS[*i].2
        })
        .to_string(),
        crate::compute::lost::Reason::Cell(text) => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::all_entries;
    use crate::model::Phrase;

    /// Every label key the code asks for is in the table.
    #[test]
    fn every_key_the_code_uses_is_in_the_table() {
        fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push(std::fs::read_to_string(path).unwrap());
                }
            }
        }
        let mut sources = Vec::new();
        walk(std::path::Path::new("src"), &mut sources);
        let mut missing = Vec::new();
        for text in &sources {
            for pattern in ["label(lang, \"", " l(\"", "(l(\"", "msg!(\"", "Phrase::new(\""] {
                for (i, _) in text.match_indices(pattern) {
                    let rest = &text[i + pattern.len()..];
                    let key = &rest[..rest.find('"').unwrap_or(0)];
                    if !all_entries().any(|(k, _, _)| *k == key) {
                        missing.push(key.to_string());
                    }
                }
            }
        }
        // Phrase keys (row problems, formats, kinds) are literals of these families.
        for text in &sources {
            for family in ["problem.", "action.", "format.", "delimiter.", "kind.", "unused.", "bucket."] {
                for (i, _) in text.match_indices(&format!("\"{family}")) {
                    let rest = &text[i + 1..];
                    let key = &rest[..rest.find('"').unwrap_or(0)];
                    if key.len() > family.len()
                        && key.chars().all(|c| c.is_ascii_lowercase() || c == '_' || c == '.')
                        && !all_entries().any(|(k, _, _)| *k == key)
                    {
                        missing.push(key.to_string());
                    }
                }
            }
        }
        assert!(missing.is_empty(), "labels missing from LABELS: {missing:?}");
    }

    #[test]
    fn a_phrase_is_said_in_each_language() {
        let dup = Phrase::new("problem.duplicate").with("file", "a.csv").with("row", 16);
        assert_eq!(say(Lang::Zh, &dup), "与 a.csv 第 16 行完全相同");
        assert_eq!(say(Lang::En, &dup), "exact duplicate of a.csv row 16");
        let text = Phrase::new("format.text").with("encoding", "gb18030").with_label("delimiter", "delimiter.comma");
        assert_eq!(say(Lang::Zh, &text), "文本表格（gb18030，逗号分隔）");
        assert_eq!(say(Lang::En, &text), "text (gb18030, comma-separated)");
    }

    /// Ids used by the compute layer and the config defaults all have labels, and the zh
    /// labels of default lost categories are the config's own defaults.
    #[test]
    fn ids_have_labels() {
        for (id, ..) in crate::compute::conversion::DURATION_BUCKETS {
            assert!(named(Lang::En, "bucket", id).is_some(), "bucket {id}");
        }
        use crate::compute::lost::Rule;
        for rule in
            [Rule::LostReasonCell, Rule::NoReply, Rule::Keywords, Rule::SlowReply, Rule::BuyerSilent, Rule::Other]
        {
            assert!(named(Lang::En, "rule", rule.name()).is_some(), "rule {}", rule.name());
        }
        for (id, zh, ..) in crate::config::DEFAULT_LOST_CATEGORIES {
            assert_eq!(named(Lang::Zh, "lost", id), Some(*zh), "lost category {id}");
            assert!(named(Lang::En, "lost", id).is_some_and(|en| en.is_ascii()), "lost category {id}");
        }
        assert_eq!(bucket(Lang::Zh, "<1m"), "1分钟内");
        assert_eq!(bucket(Lang::En, ">=30m"), "30 min or more");
    }

    #[test]
    fn keys_are_unique() {
        let mut keys: Vec<&str> = all_entries().map(|l| l.0).collect();
        keys.sort();
        let n = keys.len();
        keys.dedup();
        assert_eq!(n, keys.len());
    }
}
