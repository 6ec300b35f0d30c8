//! The 千牛 聊天记录 text export, and a chat window pasted into a file (SPEC §3.1): a sender
//! line `SENDER YYYY-M-D H:MM:SS` followed by content lines; transfers, recalls, read marks,
//! system notices and product cards are not messages.

mod assign;
mod lines;

use assign::Parsed;
use lines::Line;
pub use lines::sender_line;

use super::chat_records::{ChatMessage, Side};
use crate::model::{Phrase, RowProblem, normalize_name};
use std::borrow::Cow;
use std::sync::Arc;

/// Whether a text sample looks like a 千牛 export: sender lines (or times alone on their
/// line) among its first lines.
pub fn looks_like_qianniu(sample: &str) -> bool {
    let lines: Vec<&str> = sample.lines().filter(|l| !l.trim().is_empty()).take(20).collect();
    let senders = lines.iter().filter(|l| sender_line(l).is_some()).count();
    senders >= 2 || (senders == 1 && lines.len() <= 3)
}

/// What the lines below a sender line are part of.
enum Current {
    /// Nothing yet: text here has no message.
    Nothing,
    /// The message last in `parsed`; `not_text` counts its lines that are no message text
    /// (notices, product-card lines).
    Message { not_text: u32 },
    /// A transfer `A --> B`: its lines are no message text.
    Transfer,
}

/// Parse the whole text and assign every message its agent and buyer (SPEC §3.1), handing
/// each to `emit` in file order with its text borrowed (a 200 MB export is not copied again).
/// Lines that cannot be assigned are problems.
pub fn parse(text: &str, file: &Arc<str>, problems: &mut Vec<RowProblem>, emit: &mut dyn FnMut(ChatMessage<'_>)) {
    let mut parsed: Vec<Parsed> = Vec::new();
    let mut current = Current::Nothing;
    let mut after_source_notice = false;
    let mut lines = text.lines().enumerate().peekable();
    while let Some((i, raw_line)) = lines.next() {
        let line_no = (i + 1) as u32;
        let mut line = Line::of(raw_line);
        // The last line this step reads: the time line when it is joined to its sender.
        let mut last_raw = raw_line;
        // Older clients put the time alone on the next line: this line is then the sender.
        let next = lines.peek().map(|(_, l)| *l);
        if let Line::Text(sender) = line
            && let Some(Line::Sender("", time)) = next.map(Line::of)
        {
            line = Line::Sender(sender, time);
            last_raw = next.unwrap_or_default();
            lines.next();
        }
        let source_notice = matches!(line, Line::Notice) && last_raw.trim().starts_with("当前用户来自");
        match line {
            Line::Blank | Line::Status | Line::Recall => {}
            Line::Sender("", _) => {
                problems.push(problem(
                    file,
                    line_no,
                    "",
                    last_raw.trim(),
                    Phrase::new("problem.time_without_sender"),
                    Phrase::new("action.line_skipped"),
                ));
            }
            Line::Sender(sender, _) if sender.contains("-->") => {
                finish(&mut parsed, &current);
                current = Current::Transfer;
            }
            Line::Sender(sender, time) => {
                finish(&mut parsed, &current);
                let is_agent = sender.contains([':', '：']);
                let name = if is_agent { normalize_name(sender) } else { sender };
                let side = if is_agent { Side::Agent } else { Side::Buyer };
                parsed.push(Parsed { line: line_no, time, side, name, content: Cow::Borrowed("") });
                current = Current::Message { not_text: 0 };
            }
            Line::Notice | Line::Card => {
                if let Current::Message { not_text } = &mut current {
                    *not_text += 1;
                }
            }
            // The second line of 当前用户来自 (商品详情页) belongs to the notice.
            Line::Text("商品详情页") if after_source_notice => {}
            Line::Text(t) => match (&current, parsed.last_mut()) {
                (Current::Message { .. }, Some(last)) => {
                    if last.content.is_empty() {
                        last.content = Cow::Borrowed(t);
                    } else {
                        let joined = last.content.to_mut();
                        joined.push('\n');
                        joined.push_str(t);
                    }
                }
                (Current::Transfer, _) => {}
                _ => problems.push(problem(
                    file,
                    line_no,
                    "",
                    t,
                    Phrase::new("problem.text_before_sender"),
                    Phrase::new("action.line_skipped"),
                )),
            },
        }
        if !matches!(line, Line::Blank) {
            after_source_notice = source_notice;
        }
    }
    finish(&mut parsed, &current);
    assign::assign(&parsed, file, problems, emit);
}

/// A message whose lines were all notices or a product card is no message (SPEC §3.1): a
/// buyer's product card starts no turn. A message with no lines at all (a picture) stays.
fn finish(parsed: &mut Vec<Parsed>, current: &Current) {
    if let Current::Message { not_text } = current
        && *not_text > 0
        && parsed.last().is_some_and(|p| p.content.is_empty())
    {
        parsed.pop();
    }
}

fn problem(file: &Arc<str>, row: u32, column: &str, value: &str, what: Phrase, action: Phrase) -> RowProblem {
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

    type View = (String, String, Side, u32, Option<String>);

    fn view(text: &str) -> (Vec<View>, Vec<RowProblem>) {
        let file: Arc<str> = "q.txt".into();
        let mut problems = Vec::new();
        let mut v = Vec::new();
        parse(text, &file, &mut problems, &mut |m| {
            v.push((
                m.agent.to_string(),
                m.buyer.to_string(),
                m.side,
                m.origin.row,
                m.content.as_deref().map(String::from),
            ))
        });
        (v, problems)
    }

    #[test]
    fn messages_are_assigned_as_the_spec_says() {
        let (v, problems) = view(SAMPLE);
        let who: Vec<(&str, &str, Side, u32)> = v.iter().map(|m| (m.0.as_str(), m.1.as_str(), m.2, m.3)).collect();
        assert_eq!(
            who,
            vec![
                // At the start of the file: the first buyer who writes.
                ("东东", "tom", Side::Agent, 1),
                ("东东", "tom", Side::Buyer, 3),
                ("东东", "tom", Side::Agent, 6),
                // amy: the agent who next writes to her that day.
                ("阿杰", "amy", Side::Buyer, 11),
                ("阿杰", "amy", Side::Agent, 13),
            ]
        );
        assert_eq!(v[1].4.as_deref(), Some("在吗\n这个有货吗"));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!((problems[0].row, problems[0].value.as_str()), (15, "lonely"));
        assert!(looks_like_qianniu(SAMPLE));
        assert!(!looks_like_qianniu("订单编号,实付金额\nA1,10\n"));
    }

    /// A chat window pasted into a file: CRLF, senders running into the time, the time alone on
    /// the next line, 发送中, notices and a product card.
    const PASTED: &str = "当前用户来自 商品详情页\r\n\
tom2026-10-05 10:00:00\r\n\
https://item.taobao.com/item.htm?id=6543210987\r\n\
¥129.00\r\n\
tom2026-10-05 10:00:10\r\n\
这个有货吗\r\n\
当前用户来自\r\n\
商品详情页\r\n\
木子家居旗舰店:小王2026-10-05 10:00:40\r\n\
有的亲\r\n\
https://item.taobao.com/item.htm?id=6543210987\r\n\
发送中\r\n\
由 服务助手 转交给 木子家居旗舰店:小王\r\n\
原因：【离线留言自动分配】\r\n\
amy\r\n\
2026-10-5 11:00:00\r\n\
包邮吗\r\n\
商品推荐\r\n\
这些非常适合您的商品可以一起看看～～\r\n\
木子家居旗舰店:小王\r\n\
2026-10-5 11:00:30\r\n\
包邮\r\n\
已读\r\n\
木子家居旗舰店:小王 --> 木子家居旗舰店:东东 2026-10-05 11:05:00\r\n\
转交说明\r\n\
\r\n\
2026-10-05 11:06:00\r\n";

    #[test]
    fn pasted_windows_drop_cards_notices_and_status_lines() {
        let (v, problems) = view(PASTED);
        let expected: Vec<View> = vec![
            // tom's product card (lines 2–4) is no message: his first message is line 5.
            ("小王".into(), "tom".into(), Side::Buyer, 5, Some("这个有货吗".into())),
            ("小王".into(), "tom".into(), Side::Agent, 9, Some("有的亲".into())),
            ("小王".into(), "amy".into(), Side::Buyer, 15, Some("包邮吗".into())),
            ("小王".into(), "amy".into(), Side::Agent, 20, Some("包邮".into())),
        ];
        assert_eq!(v, expected);
        // The transfer's own line (转交说明) is no text; the stray time on the last line is a problem.
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!((problems[0].row, problems[0].problem.key), (27, "problem.time_without_sender"));
        assert!(looks_like_qianniu(PASTED));
    }

    #[test]
    fn buyer_lines_follow_time_not_the_place_in_the_file() {
        // amy's 10-07 conversation with 东东 comes first in the file, her 10-01 one with 小王 after.
        let text = "\
amy 2026-10-07 09:00:00
还有货吗
店:东东 2026-10-07 09:01:00
有的
amy 2026-10-01 20:00:00
在吗
amy 2026-10-01 20:00:30
包邮吗
店:小王 2026-10-01 20:02:00
包邮的
amy 2026-10-01 23:50:00
好的
";
        let (v, problems) = view(text);
        let who: Vec<(&str, u32)> = v.iter().map(|m| (m.0.as_str(), m.3)).collect();
        // Lines 5 and 7: 小王 writes next that day (not 东东, the agent just above in the file);
        // line 11: nobody writes later that day, 小王 wrote earlier that day.
        assert_eq!(who, vec![("东东", 1), ("东东", 3), ("小王", 5), ("小王", 7), ("小王", 9), ("小王", 11)]);
        assert!(problems.is_empty());
    }
}
