//! What one line of a 千牛 text export is (docs/definitions.md#formats): a sender line, a line that is no message
//! text (status, system notice, product card, recall), or message text.
//!
//! The forms come from the export and from what a lead gets by pasting a chat window: the time
//! at the end of the sender line (`SENDER YYYY-M-D H:MM:SS`), the sender running straight into
//! it (`小王2024-05-01 10:00:00`), or, from older clients, the time alone on the next line.

use super::super::cells::parse_datetime_text;
use crate::model::{Phrase, RowProblem};
use chrono::NaiveDateTime;
use std::sync::Arc;

/// One line, classified on its own (the time-on-the-next-line form is joined by the parser).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Line<'a> {
    Blank,
    /// `SENDER TIME`; the sender is empty when the time stands alone on its line.
    Sender(&'a str, NaiveDateTime),
    /// 已读, 未读, 发送中: the state of the message above.
    Status,
    /// `xxx 撤回了一条消息`.
    Recall,
    /// 当前用户来自…, 由 服务助手 转交给 …, 原因：【…】, 商品推荐, 这些非常适合您的商品….
    Notice,
    /// A line of a product card: a URL, or a line that is only a price `¥…`.
    Card,
    Text(&'a str),
}

impl<'a> Line<'a> {
    pub fn of(raw: &'a str) -> Line<'a> {
        let t = raw.trim_start_matches('\u{feff}').trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
        if t.is_empty() {
            Line::Blank
        } else if let Some((sender, time)) = sender_line(t) {
            Line::Sender(sender, time)
        } else if matches!(t, "已读" | "未读" | "发送中") {
            Line::Status
        } else if t.ends_with("撤回了一条消息") {
            Line::Recall
        } else if is_notice(t) {
            Line::Notice
        } else if is_card_line(t) {
            Line::Card
        } else {
            Line::Text(t)
        }
    }
}

/// A line that starts a message: the sender (empty for a time alone on its line) and the
/// time at the end of the line. The sender may run straight into the date.
pub fn sender_line(line: &str) -> Option<(&str, NaiveDateTime)> {
    let line = line.trim();
    let (rest, time) = match line.rsplit_once(char::is_whitespace) {
        Some((rest, time)) => (rest.trim_end(), time),
        None => return None,
    };
    if !time.contains(':') {
        return None;
    }
    let date_start = date_suffix_start(rest)?;
    let (sender, date) = rest.split_at(date_start);
    let sender = sender.trim();
    // A delimited data row ending in a time is not a sender line.
    if sender.contains(['\t', ',', ';', '|']) {
        return None;
    }
    let at = parse_datetime_text(&format!("{date} {time}"))?;
    Some((sender, at))
}

/// Where a date `YYYY-M-D` (or `YYYY/M/D`) ending `s` starts: the year is the four digits before
/// the first separator, whatever precedes them (a sender `tb_1234` runs into `2024-05-01`).
fn date_suffix_start(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut end = b.len();
    let mut sep = None;
    // day, then month: one or two digits each, after a separator.
    for _ in 0..2 {
        let digits = b[..end].iter().rev().take_while(|c| c.is_ascii_digit()).count();
        if !(1..=2).contains(&digits) || end == digits {
            return None;
        }
        end -= digits;
        let s_char = b[end - 1];
        if !matches!(s_char, b'-' | b'/') || sep.is_some_and(|x| x != s_char) {
            return None;
        }
        sep = Some(s_char);
        end -= 1;
    }
    // The year: exactly the four digits before the month's separator.
    if end < 4 || !b[end - 4..end].iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(end - 4)
}

/// System notices (docs/definitions.md#formats). `商品详情页` alone is the second line of 当前用户来自 and is
/// handled by the parser, which knows the line before.
fn is_notice(t: &str) -> bool {
    // Most lines are message text: look closer only at those that start like a notice.
    if !t.starts_with(['当', '由', '原', '商', '这']) {
        return false;
    }
    let compact: String = t.chars().filter(|c| !c.is_whitespace() && *c != '\u{3000}').collect();
    compact.starts_with("当前用户来自")
        || compact.starts_with("由服务助手转交给")
        || ((compact.starts_with("原因：【") || compact.starts_with("原因:【")) && compact.ends_with('】'))
        || compact == "商品推荐"
        || compact.starts_with("这些非常适合您的商品")
}

/// A product card's lines: a URL on its own, or a price alone (`¥129.00`, `￥ 59-79`).
fn is_card_line(t: &str) -> bool {
    let url = t.trim_matches('`');
    let lower = url.get(..8).map(str::to_ascii_lowercase).unwrap_or_default();
    if (lower.starts_with("http://") || lower.starts_with("https://")) && !url.contains(char::is_whitespace) {
        return true;
    }
    match t.strip_prefix('¥').or_else(|| t.strip_prefix('￥')) {
        Some(rest) => rest.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '~' | ' ')),
        None => false,
    }
}

/// A line that is no part of a message, as a row problem: a text export has no sheet, and the
/// line's text is cut to 200 characters.
pub(super) fn problem(
    file: &Arc<str>,
    row: u32,
    column: &str,
    value: &str,
    what: Phrase,
    action: Phrase,
) -> RowProblem {
    RowProblem {
        file: file.to_string(),
        sheet: String::new(),
        row,
        column: column.to_string(),
        value: value.chars().take(200).collect(),
        problem: what,
        action,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sender(line: &str) -> Option<(String, String)> {
        sender_line(line).map(|(s, t)| (s.to_string(), t.to_string()))
    }

    #[test]
    fn the_time_ends_the_sender_line_with_or_without_a_space() {
        let at = "2024-05-01 10:00:00".to_string();
        assert_eq!(sender("小王 2024-05-01 10:00:00"), Some(("小王".into(), at.clone())));
        assert_eq!(sender("小王2024-05-01 10:00:00"), Some(("小王".into(), at.clone())));
        assert_eq!(sender("木子:小王2024-5-1 10:00:00"), Some(("木子:小王".into(), at.clone())));
        // A nick ending in digits keeps them: the year is the four digits before the first `-`.
        assert_eq!(sender("tb_12342024-05-01 10:00:00"), Some(("tb_1234".into(), at.clone())));
        // The time alone on its line (older clients): an empty sender.
        assert_eq!(sender("2024-05-01 10:00:00"), Some(("".into(), at)));
        assert_eq!(sender("木子家居旗舰店:东东 2026-10-5 9:59:00").unwrap().1, "2026-10-05 09:59:00");
        assert!(sender("A1\tbuyer\t2026-10-01 09:00:00").is_none());
        assert!(sender("A1,buyer,2026-10-01 09:00:00").is_none());
        assert!(sender("A1;buyer;2026-10-01 09:00:00").is_none());
        assert!(sender("A1|buyer|2026-10-01 09:00:00").is_none());
        assert!(sender("在吗").is_none());
        assert!(sender("宽3米 高2.7米").is_none());
        assert!(sender("小王 24-05-01 10:00:00").is_none());
        assert!(sender("小王 2024-13-01 10:00:00").is_none());
    }

    #[test]
    fn status_notices_and_cards_are_not_text() {
        for s in ["已读", " 未读 ", "发送中"] {
            assert_eq!(Line::of(s), Line::Status, "{s}");
        }
        for s in [
            "当前用户来自 商品详情页",
            "当前用户来自",
            "由 服务助手 转交给 木子家居旗舰店:小王",
            "原因：【离线留言自动分配】",
            "商品推荐",
            "这些非常适合您的商品可以一起看看～～",
        ] {
            assert_eq!(Line::of(s), Line::Notice, "{s}");
        }
        for s in ["https://item.taobao.com/item.htm?id=6543210987", "`http://a.cn/x`", "¥129.00", "￥ 59-79", "¥"] {
            assert_eq!(Line::of(s), Line::Card, "{s}");
        }
        assert_eq!(Line::of("tom 撤回了一条消息"), Line::Recall);
        // Text that merely mentions a price or a link is message text.
        assert_eq!(Line::of("¥129能便宜点吗"), Line::Text("¥129能便宜点吗"));
        assert_eq!(Line::of("看看这个 https://a.cn/x"), Line::Text("看看这个 https://a.cn/x"));
        assert_eq!(Line::of("原因是太贵了"), Line::Text("原因是太贵了"));
    }
}
