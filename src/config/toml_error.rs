//! What the TOML parser found wrong in a config file, as a lead reads it. In English, the
//! parser's own text (the place, the line with a caret under it, what it expected). In
//! Chinese, the place and what is wrong in Chinese, the same picture of the line; what the
//! parser says that is not recognised here stays as technical detail.

use crate::messages::{Lang, message_language};

/// A parse or type error of the config's text.
pub(super) fn say(e: &toml::de::Error) -> String {
    let english = e.to_string().trim().to_string();
    if message_language() == Lang::En {
        return english;
    }
    let message = e.message().trim();
    let mut lines = english.lines();
    let head = lines.next().unwrap_or_default();
    let Some((line, column)) =
        head.strip_prefix("TOML parse error at line ").and_then(|rest| rest.split_once(", column "))
    else {
        // No place: the message, and the key it is about when the parser names one.
        let what = explain(message).unwrap_or_else(|| crate::messages::technical(message));
        return match english.lines().last().and_then(|l| l.strip_prefix("in ")) {
            Some(key) if key.starts_with('`') => msg!("config.toml.in_key", what = what, key = key),
            _ => what,
        };
    };
    // The line and the caret under the place read the same in any language.
    let picture: Vec<&str> = lines.take(3).collect();
    let place = match explain(message) {
        Some(what) => msg!("config.toml.at", line = line, column = column, what = what),
        None => msg!(
            "config.toml.at_unexplained",
            line = line,
            column = column,
            detail = crate::messages::technical(message)
        ),
    };
    format!("{place}\n{}", picture.join("\n"))
}

/// The parser's message in the language of messages; None when it is not one recognised here.
/// A message of this program's own (a rate's, an amount's) is already in that language.
fn explain(message: &str) -> Option<String> {
    if is_ours(message) {
        return Some(message.to_string());
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ")?;
        if let Some(value) = too_big(found) {
            return Some(msg!("config.toml.too_big", value = value));
        }
        return Some(msg!("config.toml.invalid_type", found = found_kind(found)?, expected = expected_kind(expected)?));
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        let (found, expected) = rest.split_once(", expected ")?;
        // A whole number that is not negative, refused by an unsigned setting: too big for it.
        let unsigned = expected.starts_with('u');
        if let Some(value) = found.strip_prefix("integer ").filter(|v| unsigned && !v.starts_with("`-")) {
            return Some(msg!("config.toml.too_big", value = value));
        }
        return Some(msg!(
            "config.toml.invalid_value",
            found = found_kind(found)?,
            expected = expected_kind(expected)?
        ));
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let (value, allowed) = rest.split_once(", expected ")?;
        return Some(msg!("config.toml.unknown_variant", value = value, allowed = choices(allowed)));
    }
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (value, allowed) = rest.split_once(", expected ")?;
        return Some(msg!("config.toml.unknown_field", value = value, allowed = choices(allowed)));
    }
    if let Some(field) = message.strip_prefix("missing field ") {
        return Some(msg!("config.toml.missing_field", field = field));
    }
    if message.starts_with("data did not match any variant of untagged enum NumberOrText") {
        return Some(msg!("config.toml.not_number"));
    }
    // The syntax errors: a description, then what the parser expected there.
    let description = message.split_once(", expected ").map_or(message, |(d, _)| d);
    Some(match description {
        "wanted string or table" => msg!("config.toml.wanted_string"),
        "unclosed table" => msg!("config.toml.unclosed_table"),
        "unclosed array table" => msg!("config.toml.unclosed_array_table"),
        "unclosed array" => msg!("config.toml.unclosed_array"),
        "unclosed inline table" => msg!("config.toml.unclosed_inline_table"),
        "duplicate key" => msg!("config.toml.duplicate_key"),
        "string values must be quoted" => msg!("config.toml.unquoted_string"),
        "missing value" | "missing value for key" | "key with no value" => msg!("config.toml.missing_value"),
        "missing assignment between key-value pairs" => msg!("config.toml.missing_assignment"),
        "invalid unquoted key" => msg!("config.toml.invalid_key"),
        "missing comma between array elements" => msg!("config.toml.missing_comma"),
        "invalid basic string" => msg!("config.toml.invalid_string"),
        _ => return None,
    })
}

/// A message said by this program (in Chinese it has Chinese outside its quoted values),
/// not by the parser (English, quoting what the file says).
fn is_ours(message: &str) -> bool {
    let mut quote: Option<char> = None;
    for c in message.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if matches!(c, '"' | '`') => quote = Some(c),
            None if matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}') => {
                return true;
            }
            None => {}
        }
    }
    false
}

/// `integer `99999999999999999999` as i128`: a number past every integer type.
fn too_big(found: &str) -> Option<&str> {
    found
        .strip_prefix("integer ")?
        .strip_suffix(" as i128")
        .or_else(|| found.strip_prefix("integer ")?.strip_suffix(" as u128"))
}

/// What the file has, as the parser names it (serde's `Unexpected`).
fn found_kind(found: &str) -> Option<String> {
    let with = |prefix: &str| found.strip_prefix(prefix);
    Some(if let Some(v) = with("integer ") {
        msg!("config.toml.found_integer", value = v)
    } else if let Some(v) = with("floating point ") {
        msg!("config.toml.found_float", value = v)
    } else if let Some(v) = with("string ") {
        msg!("config.toml.found_string", value = v)
    } else if let Some(v) = with("boolean ") {
        msg!("config.toml.found_boolean", value = v)
    } else if found == "sequence" {
        msg!("config.toml.found_sequence")
    } else if found == "map" {
        msg!("config.toml.found_map")
    } else {
        return None;
    })
}

/// What the setting takes, as the parser names it (a type's `expecting`).
fn expected_kind(expected: &str) -> Option<String> {
    Some(match expected {
        "a string" | "a borrowed string" | "path string" => msg!("config.toml.expected_string"),
        "a sequence" => msg!("config.toml.expected_sequence"),
        "a map" => msg!("config.toml.expected_map"),
        e if e.starts_with("struct ") => msg!("config.toml.expected_map"),
        "u8" | "u16" | "u32" | "u64" | "usize" => msg!("config.toml.expected_unsigned"),
        "i8" | "i16" | "i32" | "i64" | "isize" => msg!("config.toml.expected_integer"),
        "f32" | "f64" => msg!("config.toml.expected_number"),
        "a boolean" => msg!("config.toml.expected_boolean"),
        _ => return None,
    })
}

/// serde's list of names: "one of `a`, `b`, `c`", "`a` or `b`", "`a`".
fn choices(allowed: &str) -> String {
    let list = allowed.strip_prefix("one of ").unwrap_or(allowed);
    let names: Vec<&str> = list.split(", ").flat_map(|part| part.split(" or ")).map(str::trim).collect();
    names.join(&msg!("config.list_sep"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parsers_common_messages_are_said_in_chinese() {
        let cases = [
            ("invalid type: integer `1`, expected a string", "这里应为加双引号的文本，写的是整数 `1`"),
            (
                "invalid type: string \"oops\", expected a map",
                "这里应为表（单独一节 [名称]，或行内表），写的是文本 \"oops\"",
            ),
            ("invalid value: integer `-21`, expected u32", "这里应为不小于 0 的整数，写的是整数 `-21`"),
            (
                "invalid type: integer `99999999999999999999999999999` as i128, expected any value",
                "整数 `99999999999999999999999999999` 太大：请检查这个值",
            ),
            (
                "unknown variant `bogus`, expected one of `agent_column`, `memo`, `chat`",
                "无法识别的取值 `bogus`：可选的值有 `agent_column`、`memo`、`chat`",
            ),
            ("unknown variant `x`, expected `net` or `paid`", "无法识别的取值 `x`：可选的值有 `net`、`paid`"),
            ("unclosed table, expected `]`", "表头缺少右方括号 `]`"),
            ("\"2%%\" 不是费率：请写 0.02 或 \"2%\"", "\"2%%\" 不是费率：请写 0.02 或 \"2%\""),
        ];
        for (english, chinese) in cases {
            assert_eq!(explain(english).as_deref(), Some(chinese), "{english}");
        }
        assert_eq!(explain("invalid type: unit value, expected a string"), None);
        assert_eq!(explain("cannot recurse further; max recursion depth met"), None);
        assert!(!is_ours("invalid type: string \"东东\", expected a map"));
    }

    #[test]
    fn a_place_is_said_with_the_picture_of_the_line() {
        let e = toml::from_str::<crate::config::Config>("[agents]\n\"东东\" = [1, 2]\n").unwrap_err();
        assert_eq!(
            say(&e),
            "第 2 行第 9 列：这里应为加双引号的文本，写的是整数 `1`\n  |\n2 | \"东东\" = [1, 2]\n  |         ^"
        );
        let e = toml::from_str::<crate::config::Config>("x = 1__2\n").unwrap_err();
        let said = say(&e);
        assert!(said.starts_with("第 ") && said.contains("（技术信息："), "{said}");
    }
}
