//! The 千牛 聊天记录 text export, and a chat window pasted into a file (docs/definitions.md#formats): a sender
//! line `SENDER YYYY-M-D H:MM:SS` followed by content lines; transfers, recalls, read marks,
//! system notices and product cards are not messages.

mod assign;
mod lines;

use assign::Parsed;
use chrono::NaiveDateTime;
pub use lines::sender_line;
use lines::{Line, problem};

use super::types::{ChatMessage, Side};
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

/// The export's lines in order, without their line endings (as `str::lines` gives them).
pub trait LineSource {
    /// The next line into `line` (cleared first); false at the end.
    fn read_line(&mut self, line: &mut String) -> std::io::Result<bool>;
}

/// The lines of a text in memory.
pub struct TextLines<'t>(pub std::str::Lines<'t>);

impl LineSource for TextLines<'_> {
    fn read_line(&mut self, line: &mut String) -> std::io::Result<bool> {
        line.clear();
        let next = self.0.next();
        line.push_str(next.unwrap_or_default());
        Ok(next.is_some())
    }
}

/// What the lines below a sender line are part of.
enum Current {
    /// Nothing yet: text here has no message.
    Nothing,
    /// The message in `walk`'s `Open`; `not_text` counts its lines that are no message text
    /// (notices, product-card lines).
    Message { not_text: u32 },
    /// A transfer `A --> B`: its lines are no message text.
    Transfer,
}

/// A message as the walk finds it.
struct Walked<'w> {
    line: u32,
    time: NaiveDateTime,
    side: Side,
    /// The agent (the part after the colon) or the buyer.
    name: &'w str,
    /// The agent's shop (the part before the colon); empty for a buyer.
    shop: &'w str,
    /// Its lines joined by `\n` (kept only when the walk is asked for the text).
    text: &'w str,
}

/// The message being read: its buffers are reused from one message to the next.
#[derive(Default)]
struct Open {
    line: u32,
    time: NaiveDateTime,
    side: Option<Side>,
    name: String,
    shop: String,
    text: String,
    has_text: bool,
}

/// Parse the whole export and assign every message its agent and buyer (docs/definitions.md#formats), handing
/// each to `emit` in file order. The lines are read twice from `open`: first for who writes
/// when (a few numbers a message), then for the texts, each handed over as its message is
/// read. A 200 MB export is never in memory whole. Lines that cannot be assigned are problems.
pub fn parse<'s>(
    open: &mut dyn FnMut() -> std::io::Result<Box<dyn LineSource + 's>>,
    file: &Arc<str>,
    problems: &mut Vec<RowProblem>,
    emit: &mut dyn FnMut(ChatMessage<'_>),
) -> std::io::Result<()> {
    let mut names = Names::default();
    let mut parsed: Vec<Parsed> = Vec::new();
    // Each agent's sub-account shop, the first written (docs/definitions.md#shops): a buyer's
    // message belongs to the shop of the agent it is assigned to.
    let mut shops: Vec<Option<Box<str>>> = Vec::new();
    walk(&mut *open()?, file, Some(problems), false, &mut |m| {
        let name = names.id(m.name);
        parsed.push(Parsed { line: m.line, time: m.time, side: m.side, name });
        if m.side == Side::Agent && !m.shop.is_empty() {
            if shops.len() <= name as usize {
                shops.resize(name as usize + 1, None);
            }
            shops[name as usize].get_or_insert_with(|| m.shop.into());
        }
    })?;
    let names = names.names;
    let no_sheet: Arc<str> = Arc::from("");
    let who = assign::assign(&parsed, &names, file, problems);
    drop(parsed);
    let mut next = 0;
    walk(&mut *open()?, file, None, true, &mut |m| {
        let k = next;
        next += 1;
        let Some(Some((agent, buyer))) = who.get(k) else { return };
        emit(ChatMessage {
            time: m.time,
            agent: Cow::Borrowed(&names[*agent as usize]),
            buyer: Cow::Borrowed(&names[*buyer as usize]),
            side: m.side,
            content: (!m.text.is_empty()).then_some(Cow::Borrowed(m.text)),
            lost_reason: None,
            row: m.line,
            file,
            sheet: &no_sheet,
            sub_account_shop: shops.get(*agent as usize).and_then(|s| s.as_deref()),
        });
    })
}

/// The export's names (agents and buyers) by number, each once.
#[derive(Default)]
struct Names {
    ids: std::collections::HashMap<Box<str>, u32>,
    names: Vec<Box<str>>,
}

impl Names {
    fn id(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.names.len() as u32;
        self.ids.insert(name.into(), id);
        self.names.push(name.into());
        id
    }
}

/// One pass over the lines: each message to `on_message` once it is complete, the problems
/// of lines that are no part of a message to `problems` (given on one pass only).
fn walk(
    lines: &mut dyn LineSource,
    file: &Arc<str>,
    mut problems: Option<&mut Vec<RowProblem>>,
    with_text: bool,
    on_message: &mut dyn FnMut(Walked<'_>),
) -> std::io::Result<()> {
    let mut report = |p: RowProblem| {
        if let Some(problems) = problems.as_deref_mut() {
            problems.push(p);
        }
    };
    let (mut raw, mut next) = (String::new(), String::new());
    let mut has_next = lines.read_line(&mut next)?;
    let mut open = Open::default();
    let mut current = Current::Nothing;
    let mut after_source_notice = false;
    let mut line_no = 0u32;
    while has_next {
        std::mem::swap(&mut raw, &mut next);
        has_next = lines.read_line(&mut next)?;
        line_no += 1;
        let at_line = line_no;
        let mut line = Line::of(&raw);
        // The last line this step reads: the time line when it is joined to its sender.
        let mut last_raw: &str = &raw;
        // Older clients put the time alone on the next line: this line is then the sender.
        let mut joined = false;
        if let Line::Text(sender) = line
            && has_next
            && let Line::Sender("", time) = Line::of(&next)
        {
            line = Line::Sender(sender, time);
            last_raw = &next;
            line_no += 1;
            joined = true;
        }
        let source_notice = matches!(line, Line::Notice) && last_raw.trim().starts_with("当前用户来自");
        match line {
            Line::Blank | Line::Status | Line::Recall => {}
            Line::Sender("", _) => report(problem(
                file,
                at_line,
                "",
                last_raw.trim(),
                Phrase::new("problem.time_without_sender"),
                Phrase::new("action.line_skipped"),
            )),
            Line::Sender(sender, _) if sender.contains("-->") => {
                finish(&mut open, &current, on_message);
                current = Current::Transfer;
            }
            Line::Sender(sender, time) => {
                finish(&mut open, &current, on_message);
                let is_agent = sender.contains([':', '：']);
                let name = if is_agent { normalize_name(sender) } else { sender };
                open.line = at_line;
                open.time = time;
                open.side = Some(if is_agent { Side::Agent } else { Side::Buyer });
                open.name.clear();
                open.name.push_str(name);
                open.shop.clear();
                open.shop.push_str(crate::shops::sub_account_shop(sender).unwrap_or_default());
                open.text.clear();
                open.has_text = false;
                current = Current::Message { not_text: 0 };
            }
            Line::Notice | Line::Card => {
                if let Current::Message { not_text } = &mut current {
                    *not_text += 1;
                }
            }
            // The second line of 当前用户来自 (商品详情页) belongs to the notice.
            Line::Text("商品详情页") if after_source_notice => {}
            Line::Text(t) => match &current {
                Current::Message { .. } => {
                    if with_text {
                        if open.has_text {
                            open.text.push('\n');
                        }
                        open.text.push_str(t);
                    }
                    open.has_text = true;
                }
                Current::Transfer => {}
                Current::Nothing => report(problem(
                    file,
                    at_line,
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
        // The time line joined to its sender is read: the line after it comes next.
        if joined {
            has_next = lines.read_line(&mut next)?;
        }
    }
    finish(&mut open, &current, on_message);
    Ok(())
}

/// The open message, complete, to `on_message`; a message whose lines were all notices or a
/// product card is no message (docs/definitions.md#formats): a buyer's product card starts no turn. A message
/// with no lines at all (a picture) stays.
fn finish(open: &mut Open, current: &Current, on_message: &mut dyn FnMut(Walked<'_>)) {
    let Current::Message { not_text } = current else { return };
    let Some(side) = open.side.take() else { return };
    if *not_text > 0 && !open.has_text {
        return;
    }
    on_message(Walked { line: open.line, time: open.time, side, name: &open.name, shop: &open.shop, text: &open.text });
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
        parse(&mut || Ok(Box::new(TextLines(text.lines()))), &file, &mut problems, &mut |m| {
            v.push((m.agent.to_string(), m.buyer.to_string(), m.side, m.row, m.content.as_deref().map(String::from)))
        })
        .unwrap();
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
