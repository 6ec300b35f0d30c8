//! The 千牛 聊天记录 text export (SPEC §3.1): a sender line `SENDER YYYY-M-D H:MM:SS`
//! followed by content lines; transfers, recalls and read marks are not messages.

use super::cells::parse_datetime_text;
use super::chat_records::{ChatMessage, Side};
use crate::model::{Origin, RowProblem, normalize_name};
use chrono::NaiveDateTime;
use std::collections::HashMap;
use std::sync::Arc;

/// A line that starts a message: the sender and the time at the end of the line.
pub fn sender_line(line: &str) -> Option<(&str, NaiveDateTime)> {
    let line = line.trim_end();
    let (rest, time) = line.rsplit_once(char::is_whitespace)?;
    let (sender, date) = rest.trim_end().rsplit_once(char::is_whitespace)?;
    let sender = sender.trim();
    // A delimited data row ending in a time is not a sender line.
    if sender.is_empty() || sender.contains(['\t', ',']) || !time.contains(':') {
        return None;
    }
    let at = parse_datetime_text(&format!("{date} {time}"))?;
    Some((sender, at))
}

/// Lines that are neither messages nor content.
fn is_noise(line: &str) -> bool {
    let t = line.trim();
    t == "已读" || t == "未读" || t.ends_with("撤回了一条消息")
}

/// Whether a text sample looks like a 千牛 export: sender lines among its first lines.
pub fn looks_like_qianniu(sample: &str) -> bool {
    let lines: Vec<&str> = sample.lines().filter(|l| !l.trim().is_empty()).take(20).collect();
    let senders = lines.iter().filter(|l| sender_line(l).is_some()).count();
    senders >= 2 || (senders == 1 && lines.len() <= 3)
}

struct Parsed {
    line: u32,
    time: NaiveDateTime,
    /// An agent (`店铺:客服`, the part after the colon) or a buyer.
    side: Side,
    name: String,
    content: String,
}

/// Parse the whole text and assign every message its agent and buyer (SPEC §3.1).
/// Lines that cannot be assigned are problems.
pub fn parse(text: &str, file: &Arc<str>, problems: &mut Vec<RowProblem>) -> Vec<ChatMessage<'static>> {
    let mut parsed: Vec<Parsed> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line_no = (i + 1) as u32;
        let line = raw.trim_start_matches('\u{feff}');
        if line.trim().is_empty() || is_noise(line) {
            continue;
        }
        if let Some((sender, time)) = sender_line(line) {
            if sender.contains("-->") {
                continue; // a transfer `A --> B`: no message
            }
            let is_agent = sender.contains([':', '：']);
            let name = if is_agent { normalize_name(sender).to_string() } else { sender.to_string() };
            let side = if is_agent { Side::Agent } else { Side::Buyer };
            parsed.push(Parsed { line: line_no, time, side, name, content: String::new() });
        } else if let Some(last) = parsed.last_mut() {
            if !last.content.is_empty() {
                last.content.push('\n');
            }
            last.content.push_str(line.trim());
        } else {
            problems.push(problem(file, line_no, "", line, "text before the first sender line", "line skipped"));
        }
    }
    assign(parsed, file, problems)
}

fn problem(file: &Arc<str>, row: u32, column: &str, value: &str, what: &str, action: &str) -> RowProblem {
    RowProblem {
        file: file.to_string(),
        sheet: String::new(),
        row,
        column: column.to_string(),
        value: value.chars().take(200).collect(),
        problem: what.to_string(),
        action: action.to_string(),
    }
}

/// An agent's message belongs to the buyer who wrote last before it (at the start: the
/// first buyer who writes); a buyer's to the agent who last wrote to that buyer before it,
/// else the first agent who writes to that buyer.
fn assign(parsed: Vec<Parsed>, file: &Arc<str>, problems: &mut Vec<RowProblem>) -> Vec<ChatMessage<'static>> {
    let first_buyer = parsed.iter().find(|p| p.side == Side::Buyer).map(|p| p.name.clone());
    let mut last_buyer: Option<String> = None;
    let mut buyer_of: Vec<Option<String>> = Vec::with_capacity(parsed.len());
    let mut first_agent_for: HashMap<String, String> = HashMap::new();
    for p in &parsed {
        match p.side {
            Side::Buyer => {
                last_buyer = Some(p.name.clone());
                buyer_of.push(Some(p.name.clone()));
            }
            Side::Agent => {
                let buyer = last_buyer.clone().or_else(|| first_buyer.clone());
                if let Some(b) = &buyer {
                    first_agent_for.entry(b.clone()).or_insert_with(|| p.name.clone());
                }
                buyer_of.push(buyer);
            }
        }
    }
    let mut last_agent_for: HashMap<String, String> = HashMap::new();
    let mut out = Vec::with_capacity(parsed.len());
    for (p, buyer) in parsed.into_iter().zip(buyer_of) {
        let (agent, buyer) = match p.side {
            Side::Agent => match buyer {
                Some(b) => {
                    last_agent_for.insert(b.clone(), p.name.clone());
                    (p.name, b)
                }
                None => {
                    problems.push(problem(
                        file,
                        p.line,
                        "sender",
                        &p.name,
                        "no buyer writes in this file",
                        "message skipped",
                    ));
                    continue;
                }
            },
            Side::Buyer => match last_agent_for.get(&p.name).or_else(|| first_agent_for.get(&p.name)) {
                Some(a) => (a.clone(), p.name),
                None => {
                    problems.push(problem(
                        file,
                        p.line,
                        "sender",
                        &p.name,
                        "no agent writes to this buyer in this file",
                        "message skipped",
                    ));
                    continue;
                }
            },
        };
        out.push(ChatMessage {
            time: p.time,
            agent: agent.into(),
            buyer: buyer.into(),
            side: p.side,
            content: (!p.content.is_empty()).then_some(p.content.into()),
            lost_reason: None,
            origin: Origin { file: file.clone(), sheet: "".into(), row: p.line },
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
木子家居旗舰店:东东 2026-10-05 09:59:00
[自动回复]欢迎光临
tom 2026-10-05 10:00:00
在吗
这个有货吗
木子家居旗舰店:东东 2026-10-05 10:00:30
有的亲
tom 撤回了一条消息
已读
木子家居旗舰店:东东 --> 木子家居旗舰店:阿杰 2026-10-05 10:05:00
amy 2026-10-05 10:06:00
包邮吗
木子家居旗舰店:阿杰 2026-10-05 10:07:00
包邮
lonely 2026-10-05 11:00:00
有人吗
";

    #[test]
    fn sender_lines_carry_the_time_at_the_end() {
        let (s, t) = sender_line("木子家居旗舰店:东东 2026-10-5 9:59:00").unwrap();
        assert_eq!((s, t.to_string().as_str()), ("木子家居旗舰店:东东", "2026-10-05 09:59:00"));
        assert!(sender_line("A1\tbuyer\t2026-10-01 09:00:00").is_none());
        assert!(sender_line("在吗").is_none());
    }

    #[test]
    fn messages_are_assigned_as_the_spec_says() {
        let file: Arc<str> = "q.txt".into();
        let mut problems = Vec::new();
        let msgs = parse(SAMPLE, &file, &mut problems);
        let view: Vec<(String, String, Side, u32)> =
            msgs.iter().map(|m| (m.agent.to_string(), m.buyer.to_string(), m.side, m.origin.row)).collect();
        assert_eq!(
            view,
            vec![
                // At the start of the file: the first buyer who writes.
                ("东东".into(), "tom".into(), Side::Agent, 1),
                ("东东".into(), "tom".into(), Side::Buyer, 3),
                ("东东".into(), "tom".into(), Side::Agent, 6),
                // amy writes before any agent wrote to her: the first agent who does.
                ("阿杰".into(), "amy".into(), Side::Buyer, 11),
                ("阿杰".into(), "amy".into(), Side::Agent, 13),
            ]
        );
        assert_eq!(msgs[1].content.as_deref(), Some("在吗\n这个有货吗"));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!((problems[0].row, problems[0].value.as_str()), (15, "lonely"));
        assert!(looks_like_qianniu(SAMPLE));
        assert!(!looks_like_qianniu("订单编号,实付金额\nA1,10\n"));
    }
}
