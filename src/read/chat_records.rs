//! Chat sheets to records (docs/definitions.md#fields): message rows with the sender's side resolved, and
//! already-summarised session rows.

use super::cells::{CellError, parse_datetime, parse_number, parse_text, text_ref};
use super::types::{RowContext, SKIPPED, TREATED_AS_EMPTY};
use crate::model::{Phrase, normalize_name};
use chrono::NaiveDateTime;
use std::borrow::Cow;

pub use super::types::{ChatMessage, RatingRow, SessionRow, Side};

/// docs/definitions.md#fields ratings.
pub fn rating_row(ctx: &mut RowContext<'_>) -> Option<RatingRow> {
    let agent = required_text(ctx, "agent", "problem.agent_empty")?.into_owned();
    let time = required_time(ctx, "time")?;
    let raw = match ctx.cell("rating") {
        super::cells::Cell::Number(n) => n.to_string(),
        other => parse_text(other).unwrap_or_default(),
    };
    let Some(value) = super::cells::parse_rating(&raw) else {
        ctx.problem("rating", Phrase::new("problem.not_rating"), SKIPPED);
        return None;
    };
    Some(RatingRow { agent, buyer: parse_text(ctx.cell("buyer")), time, value, reason: parse_text(ctx.cell("reason")) })
}

/// Sender cells that mean the agent or the buyer (docs/definitions.md#fields), compared case-folded.
const AGENT_WORDS: &[&str] = &["客服", "卖家", "商家", "seller", "agent"];
const BUYER_WORDS: &[&str] = &["买家", "顾客", "客户", "buyer", "customer"];

/// The side a sender cell names: the words above, or the row's own agent or buyer name.
pub fn sender_side(sender: &str, agent: &str, buyer: &str) -> Option<Side> {
    let s = sender.trim();
    let is_word = |words: &[&str]| words.iter().any(|w| w.eq_ignore_ascii_case(s));
    if s == agent || is_word(AGENT_WORDS) || names_agent(s, agent) {
        Some(Side::Agent)
    } else if s == buyer || is_word(BUYER_WORDS) {
        Some(Side::Buyer)
    } else {
        None
    }
}

/// The sender cell is the agent's name without its shop ("小美" for "店:小美"). The agent's
/// normalised name is a tail of its cell: a sender that is not one (买家, on every buyer
/// message) is told apart without normalising the agent's cell.
fn names_agent(sender: &str, agent: &str) -> bool {
    let sender = normalize_name(sender);
    agent.trim_end().ends_with(sender) && sender == normalize_name(agent)
}

fn required_text<'a>(ctx: &mut RowContext<'a>, field: &str, empty: &'static str) -> Option<Cow<'a, str>> {
    let value = text_ref(ctx.cell(field));
    if value.is_none() {
        ctx.problem(field, Phrase::new(empty), SKIPPED);
    }
    value
}

fn required_time(ctx: &mut RowContext<'_>, field: &str) -> Option<NaiveDateTime> {
    match parse_datetime(ctx.cell(field)) {
        Ok(Some(t)) => Some(t),
        Ok(None) => {
            ctx.problem(field, Phrase::new("problem.time_empty"), SKIPPED);
            None
        }
        Err(CellError(why)) => {
            ctx.problem(field, why, SKIPPED);
            None
        }
    }
}

/// docs/definitions.md#fields chat messages.
pub fn message_row<'a>(ctx: &mut RowContext<'a>) -> Option<ChatMessage<'a>> {
    let time = required_time(ctx, "time")?;
    let agent = required_text(ctx, "agent", "problem.agent_empty")?;
    let buyer = required_text(ctx, "buyer", "problem.buyer_empty")?;
    let sender = required_text(ctx, "sender", "problem.sender_empty")?;
    let Some(side) = sender_side(&sender, &agent, &buyer) else {
        ctx.problem("sender", Phrase::new("problem.sender_unknown"), SKIPPED);
        return None;
    };
    Some(ChatMessage {
        time,
        agent,
        buyer,
        side,
        content: text_ref(ctx.cell("content")),
        lost_reason: text_ref(ctx.cell("lost_reason")),
        row: ctx.row,
        file: &ctx.info.file,
        sheet: &ctx.info.sheet,
        sub_account_shop: match ctx.cell("agent") {
            super::cells::Cell::Text(raw) => crate::shops::sub_account_shop(raw),
            _ => None,
        },
    })
}

/// docs/definitions.md#fields chat sessions (接待记录).
pub fn session_row(ctx: &mut RowContext<'_>) -> Option<SessionRow> {
    let agent = required_text(ctx, "agent", "problem.agent_empty")?;
    let buyer = required_text(ctx, "buyer", "problem.buyer_empty")?;
    let start = required_time(ctx, "start")?;
    let mut secs = |field: &str| match parse_number(ctx.cell(field)) {
        Ok(v) => v.filter(|s| *s >= 0.0),
        Err(CellError(why)) => {
            ctx.problem(field, why, TREATED_AS_EMPTY);
            None
        }
    };
    let first_response_secs = secs("first_response_secs");
    let avg_response_secs = secs("avg_response_secs");
    Some(SessionRow {
        agent: agent.into_owned(),
        buyer: buyer.into_owned(),
        start,
        first_response_secs,
        avg_response_secs,
        lost_reason: parse_text(ctx.cell("lost_reason")),
        origin: ctx.origin(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sender_words_and_own_names_decide_the_side() {
        assert_eq!(sender_side("客服", "店:小王", "b1"), Some(Side::Agent));
        assert_eq!(sender_side("Seller", "小王", "b1"), Some(Side::Agent));
        assert_eq!(sender_side("店:小王", "小王", "b1"), Some(Side::Agent));
        assert_eq!(sender_side("小王", "店:小王", "b1"), Some(Side::Agent));
        assert_eq!(sender_side("b1", "小王", "b1"), Some(Side::Buyer));
        assert_eq!(sender_side("顾客", "小王", "b1"), Some(Side::Buyer));
        assert_eq!(sender_side("系统", "小王", "b1"), None);
        // The agent's name after its shop, with the spaces exports leave around it.
        assert_eq!(sender_side(" 小王 ", "店：小王\u{3000}", "b1"), Some(Side::Agent));
        assert_eq!(sender_side("王", "店:小王", "b1"), None);
    }
}
