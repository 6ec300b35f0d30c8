//! Who each message of a 千牛 text export belongs to (docs/definitions.md#formats). The export names only the
//! sender; the other side is inferred. Agents follow the file (one conversation after
//! another); buyers follow time, since exports are not in time order.

use super::lines::problem;
use crate::model::{Phrase, RowProblem, Side};
use chrono::NaiveDateTime;
use std::collections::HashMap;
use std::sync::Arc;

/// A message as read from the file, before its other side is known.
pub struct Parsed {
    /// The line of its sender line.
    pub line: u32,
    pub time: NaiveDateTime,
    pub side: Side,
    /// The agent (the part after the colon) or the buyer, as a number into the names.
    pub name: u32,
}

/// An agent's message to a buyer, as the buyer's messages look for it: ordered by time, equal
/// times by place in the file.
#[derive(Clone, Copy)]
struct Reply {
    time: NaiveDateTime,
    index: u32,
}

/// An agent's message belongs to the buyer who wrote last before it in the file (at the start:
/// the first buyer who writes). A buyer's message belongs to the agent who next writes to that
/// buyer on the same day; else the one who last wrote to that buyer earlier that day; else the
/// nearest in time on any day (a tie goes to the earlier). A buyer no agent writes to: problems.
/// Per message, in file order: its (agent, buyer) as numbers into `names`, None for a problem.
pub fn assign(
    parsed: &[Parsed],
    names: &[Box<str>],
    file: &Arc<str>,
    problems: &mut Vec<RowProblem>,
) -> Vec<Option<(u32, u32)>> {
    let buyer_of = buyers_of_agent_messages(parsed);
    let mut replies: HashMap<u32, Vec<Reply>> = HashMap::new();
    for (index, (p, buyer)) in parsed.iter().zip(&buyer_of).enumerate() {
        if let (Side::Agent, Some(b)) = (p.side, buyer) {
            replies.entry(parsed[*b as usize].name).or_default().push(Reply { time: p.time, index: index as u32 });
        }
    }
    for list in replies.values_mut() {
        list.sort_by_key(|r| (r.time, r.index));
    }
    let agent_of: Vec<Option<u32>> = parsed
        .iter()
        .enumerate()
        .map(|(index, p)| match p.side {
            Side::Agent => Some(index as u32),
            Side::Buyer => replies.get(&p.name).and_then(|list| agent_for(list, p.time, index as u32)),
        })
        .collect();
    drop(replies);

    let mut who = Vec::with_capacity(parsed.len());
    for ((p, buyer), agent) in parsed.iter().zip(buyer_of).zip(agent_of) {
        let pair = match (p.side, agent, buyer) {
            (Side::Agent, Some(agent), Some(buyer)) => Some((parsed[agent as usize].name, parsed[buyer as usize].name)),
            (Side::Buyer, Some(agent), _) => Some((parsed[agent as usize].name, p.name)),
            (Side::Agent, _, _) => {
                problems.push(problem(
                    file,
                    p.line,
                    "",
                    &names[p.name as usize],
                    Phrase::new("problem.no_buyer_in_file"),
                    Phrase::new("action.message_skipped"),
                ));
                None
            }
            (Side::Buyer, None, _) => {
                problems.push(problem(
                    file,
                    p.line,
                    "",
                    &names[p.name as usize],
                    Phrase::new("problem.no_agent_for_buyer"),
                    Phrase::new("action.message_skipped"),
                ));
                None
            }
        };
        who.push(pair);
    }
    who
}

/// The buyer of each agent message, as the index of a message of that buyer (None for buyers'
/// own and when no buyer writes at all).
fn buyers_of_agent_messages(parsed: &[Parsed]) -> Vec<Option<u32>> {
    let first_buyer = parsed.iter().position(|p| p.side == Side::Buyer).map(|i| i as u32);
    let mut last_buyer: Option<u32> = None;
    parsed
        .iter()
        .enumerate()
        .map(|(i, p)| match p.side {
            Side::Buyer => {
                last_buyer = Some(i as u32);
                None
            }
            Side::Agent => last_buyer.or(first_buyer),
        })
        .collect()
}

/// The agent message (its index) a buyer message at `time`, `index` belongs to, among the
/// agent messages to that buyer sorted by time.
fn agent_for(list: &[Reply], time: NaiveDateTime, index: u32) -> Option<u32> {
    let at = list.partition_point(|r| (r.time, r.index) < (time, index));
    let before = at.checked_sub(1).and_then(|i| list.get(i));
    let after = list.get(at);
    let same_day = |r: &&Reply| r.time.date() == time.date();
    if let Some(r) = after.filter(same_day).or(before.filter(same_day)) {
        return Some(r.index);
    }
    match (before, after) {
        (Some(b), Some(a)) => Some(if time - b.time <= a.time - time { b.index } else { a.index }),
        (Some(r), None) | (None, Some(r)) => Some(r.index),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
    }

    fn list(times: &[&str]) -> Vec<Reply> {
        times.iter().enumerate().map(|(i, s)| Reply { time: t(s), index: 100 + 2 * i as u32 }).collect()
    }

    #[test]
    fn a_buyer_line_goes_to_the_next_agent_that_day_else_the_last_else_the_nearest() {
        let l = list(&["2026-10-01 10:00:00", "2026-10-01 11:00:00", "2026-10-03 09:00:00"]);
        // Next that day, even when an earlier agent is nearer.
        assert_eq!(agent_for(&l, t("2026-10-01 10:00:05"), 0), Some(102));
        // Nobody writes later that day: the last who wrote earlier that day.
        assert_eq!(agent_for(&l, t("2026-10-01 23:00:00"), 0), Some(102));
        // Nobody that day: the nearest on any day (10-02 10:00 is 23 h from 10-01 11:00 and from 10-03 09:00).
        assert_eq!(agent_for(&l, t("2026-10-02 10:00:00"), 0), Some(102), "a tie goes to the earlier");
        assert_eq!(agent_for(&l, t("2026-10-02 10:00:01"), 0), Some(104));
        assert_eq!(agent_for(&l, t("2026-09-30 23:59:00"), 0), Some(100));
        // Equal times: the place in the file decides what is next.
        assert_eq!(agent_for(&l, t("2026-10-01 11:00:00"), 50), Some(102));
        assert_eq!(agent_for(&l, t("2026-10-01 11:00:00"), 150), Some(102), "none after it that day: the earlier one");
        assert_eq!(agent_for(&[], t("2026-10-01 11:00:00"), 0), None);
    }
}
