//! Mapped rows to typed records (docs/definitions.md#fields, #cells, #bad-rows): one function per sheet kind, each
//! listing every cell it could not use as a row problem.

use super::cells::{
    Cell, CellError, IdValue, clean_text, halfwidth_digits, looks_scientific, parse_date_range, parse_datetime,
    parse_duration, parse_id, parse_money, parse_number, parse_text, text_ref,
};
use super::types::{ChatMessage, RatingRow, SessionRow};
use crate::model::{AgentReportLine, Money, Origin, Phrase};
use chrono::{NaiveDate, NaiveDateTime};
use rustc_hash::FxHasher;
use std::borrow::Cow;
use std::hash::{Hash, Hasher};

pub use super::types::{RowContext, SKIPPED};

/// One row of an order export, before rows of the same order are merged (docs/definitions.md#orders).
/// Text borrows from the row's cells: nothing is copied until the order book keeps it.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderRow<'c> {
    pub id: Cow<'c, str>,
    pub buyer: Option<Cow<'c, str>>,
    pub paid_amount: Money,
    pub refund_amount: Option<Money>,
    pub refund_status: Option<Cow<'c, str>>,
    pub status: Option<Cow<'c, str>>,
    pub created_at: Option<NaiveDateTime>,
    pub paid_at: Option<NaiveDateTime>,
    /// The agent cell as written (trimmed); names are normalised in compute.
    pub agent: Option<Cow<'c, str>>,
    pub memo: Option<Cow<'c, str>>,
    pub shop: Option<Cow<'c, str>>,
    /// Decided by the reader of the records (docs/definitions.md#shops); unnamed until then.
    pub shop_id: crate::shops::ShopId,
    pub postage: Option<Money>,
    /// The order total beside the paid column, for the after-refund check (docs/definitions.md#fields).
    pub total: Option<Money>,
    /// Read from an item-level sheet (one row per 子订单编号).
    pub item_level: bool,
    /// The sheet has no paid-time column: paid by status, dated by created_at (docs/definitions.md#fields).
    pub paid_by_status: bool,
    pub origin: Origin,
    /// Hash of every mapped cell: rows identical in every mapped field are duplicates.
    pub fingerprint: u64,
}

/// A typed record from any sheet kind, valid while its row is being read.
#[derive(Debug, Clone, PartialEq)]
pub enum Record<'c> {
    Order(OrderRow<'c>),
    AgentReportLine(AgentReportLine),
    ChatMessage(ChatMessage<'c>),
    Session(SessionRow),
    Rating(RatingRow),
}

/// docs/definitions.md#fields orders. `None` when the row is skipped (and listed).
pub fn order_row<'a>(ctx: &mut RowContext<'a>) -> Option<OrderRow<'a>> {
    let id: Cow<'a, str> = match ctx.cell("order_id") {
        // The common case, text: borrowed.
        Cell::Text(raw) if !clean_text(raw).is_empty() && !looks_scientific(clean_text(raw)) => {
            Cow::Borrowed(clean_text(raw))
        }
        other => match parse_id(other) {
            IdValue::Ok(id) => Cow::Owned(id),
            IdValue::Lossy(id) => {
                ctx.problem(
                    "order_id",
                    Phrase::new("problem.order_id_lossy"),
                    Phrase::new("action.kept_export_as_text"),
                );
                Cow::Owned(id)
            }
            IdValue::Empty => {
                ctx.problem("order_id", Phrase::new("problem.order_id_empty"), SKIPPED);
                return None;
            }
            IdValue::Bad(CellError(why)) => {
                ctx.problem("order_id", why, SKIPPED);
                return None;
            }
        },
    };
    // An empty paid time is an unpaid order (docs/definitions.md#orders), not a problem.
    let paid_at = match parse_datetime(ctx.cell("paid_at")) {
        Ok(v) => v,
        Err(CellError(why)) => {
            ctx.problem("paid_at", why, SKIPPED);
            return None;
        }
    };
    let paid_by_status = ctx.info.paid_by_status();
    let paid_amount = match parse_money(ctx.cell("paid_amount"), false) {
        Ok(Some(v)) if v.is_sign_negative() && !v.is_zero() => {
            ctx.problem("paid_amount", Phrase::new("problem.negative_paid"), SKIPPED);
            return None;
        }
        Ok(Some(v)) => v,
        Ok(None) if paid_at.is_none() && !paid_by_status => Money::ZERO,
        Ok(None) => {
            ctx.problem("paid_amount", Phrase::new("problem.paid_empty"), SKIPPED);
            return None;
        }
        Err(CellError(why)) => {
            ctx.problem("paid_amount", why, SKIPPED);
            return None;
        }
    };
    let refund_amount = {
        let parsed = parse_money(ctx.cell("refund_amount"), true).and_then(|r| match r {
            Some(v) if v.is_sign_negative() && !v.is_zero() => Err(CellError::new("problem.negative_refund")),
            other => Ok(other),
        });
        ctx.optional("refund_amount", parsed)
    };
    let created_at = match parse_datetime(ctx.cell("created_at")) {
        // Without a paid-time column the creation time dates the order: it cannot be missing.
        Ok(None) if paid_by_status => {
            ctx.problem("created_at", Phrase::new("problem.created_empty"), SKIPPED);
            return None;
        }
        Err(CellError(why)) if paid_by_status => {
            ctx.problem("created_at", why, SKIPPED);
            return None;
        }
        parsed => ctx.optional("created_at", parsed),
    };
    let total = {
        let parsed = parse_money(ctx.cell("total"), false);
        ctx.optional("total", parsed)
    };
    let postage = {
        let parsed = parse_money(ctx.cell("postage"), false);
        ctx.optional("postage", parsed)
    };
    Some(OrderRow {
        id,
        buyer: text_ref(ctx.cell("buyer")),
        paid_amount,
        refund_amount,
        refund_status: text_ref(ctx.cell("refund_status")),
        status: text_ref(ctx.cell("status")),
        created_at,
        paid_at,
        agent: text_ref(ctx.cell("agent")),
        memo: text_ref(ctx.cell("memo")),
        shop: text_ref(ctx.cell("shop")),
        shop_id: crate::shops::ShopId::UNNAMED,
        postage,
        total,
        item_level: ctx.info.item_level(),
        paid_by_status,
        origin: ctx.origin(),
        fingerprint: fingerprint(ctx),
    })
}

/// Hashes each mapped cell as read (no text is built): used only to compare rows of the
/// same order id, so a fast hash is enough.
fn fingerprint(ctx: &RowContext<'_>) -> u64 {
    let mut h = FxHasher::default();
    for m in &ctx.info.columns {
        m.col.hash(&mut h);
        match ctx.cells.get(m.col).unwrap_or(&Cell::Empty) {
            Cell::Empty => 0u8.hash(&mut h),
            Cell::Text(s) if clean_text(s).is_empty() => 0u8.hash(&mut h),
            Cell::Text(s) => (1u8, clean_text(s)).hash(&mut h),
            Cell::Number(n) | Cell::DateTime(n) => (2u8, n.to_bits()).hash(&mut h),
            Cell::Bool(b) => (3u8, b).hash(&mut h),
            Cell::Error(e) => (4u8, e).hash(&mut h),
        }
    }
    h.finish()
}

/// Labels of a per-agent report's own rows (docs/definitions.md#fields): totals and means (赤兔's 汇总 and
/// 均值, the platforms' 总计/合计/平均, 飞鸽's 店铺汇总值 and 店铺平均值), in the agent, account or
/// shop column.
const STRUCTURE_LABELS: &[&str] = &["汇总", "均值", "总计", "合计", "平均", "店铺汇总值", "店铺平均值", "店铺总计"];

/// A row of the report's structure, not an agent (skipped, not a problem): a total or mean row,
/// or the header written again at the head of the next shop's block (飞鸽 客服数据).
fn is_structure_row(ctx: &RowContext<'_>) -> bool {
    let labelled =
        |field: &str| matches!(ctx.cell(field), Cell::Text(raw) if STRUCTURE_LABELS.contains(&clean_text(raw)));
    if labelled("agent") || labelled("account") || labelled("shop") {
        return true;
    }
    // Every mapped cell reads as its column's header.
    let header =
        |m: &super::types::ColumnMap| matches!(ctx.cells.get(m.col), Some(Cell::Text(raw)) if raw.trim() == m.header);
    ctx.info.columns.iter().all(header)
}

/// docs/definitions.md#fields agent summary (赤兔/快麦/飞鸽 客服绩效报表), one row per agent, per agent per day
/// or per agent per week (a 日期 range).
pub fn agent_summary_row(ctx: &mut RowContext<'_>) -> Option<AgentReportLine> {
    if is_structure_row(ctx) {
        return None;
    }
    let Some(agent) = parse_text(ctx.cell("agent")) else {
        ctx.problem("agent", Phrase::new("problem.agent_empty"), SKIPPED);
        return None;
    };
    // In a report by day, a row without its day cannot be put in a period: skipped and listed.
    let (date, last_date) = if ctx.info.col("date").is_some() {
        match summary_days(ctx.cell("date")) {
            Ok(Some((first, last))) => (Some(first), last),
            Ok(None) => {
                ctx.problem("date", Phrase::new("problem.date_empty"), SKIPPED);
                return None;
            }
            Err(CellError(why)) => {
                ctx.problem("date", why, SKIPPED);
                return None;
            }
        }
    } else {
        (None, None)
    };
    // Sales is optional (a report without it serves scorecard and daily), but a sales cell
    // that cannot be read would understate pay: the row is skipped and listed.
    let sales = match parse_money(ctx.cell("sales"), false) {
        Ok(v) => v,
        Err(CellError(why)) => {
            ctx.problem("sales", why, SKIPPED);
            return None;
        }
    };
    let mut number = |field: &str| {
        let parsed = parse_number(ctx.cell(field));
        ctx.optional(field, parsed)
    };
    let consulted = number("consulted");
    let received = number("received");
    let inquiries = number("inquiries");
    let ordered = number("ordered");
    let paid_buyers = number("paid_buyers");
    let conversion = number("conversion");
    let reply_rate = number("reply_rate");
    let reply_3min_rate = number("reply_3min_rate");
    let satisfied_rate = number("satisfied_rate");
    let answer_ratio = number("answer_ratio");
    let buyer_messages = number("buyer_messages");
    let agent_messages = number("agent_messages");
    let mut duration = |field: &str| {
        let parsed = parse_duration(ctx.cell(field));
        ctx.optional(field, parsed)
    };
    let first_response_secs = duration("first_response_secs");
    let avg_response_secs = duration("avg_response_secs");
    let refund = {
        let parsed = parse_money(ctx.cell("refund"), true);
        ctx.optional("refund", parsed)
    };
    Some(AgentReportLine {
        agent,
        date,
        last_date,
        shop: parse_text(ctx.cell("shop")),
        sales,
        refund,
        consulted,
        received,
        inquiries,
        ordered,
        paid_buyers,
        conversion,
        first_response_secs,
        avg_response_secs,
        reply_rate,
        reply_3min_rate,
        satisfied_rate,
        answer_ratio,
        buyer_messages,
        agent_messages,
        origin: Some(ctx.origin()),
    })
}

/// A report row's days: one day (`summary_date`), or a range in one text cell
/// (`2024-01-01~2024-01-07`, `parse_date_range`) as (first, Some(last)). A range that ends before
/// it starts is not a date.
pub(crate) fn summary_days(cell: &Cell) -> Result<Option<(NaiveDate, Option<NaiveDate>)>, CellError> {
    match summary_date(cell) {
        Ok(day) => Ok(day.map(|d| (d, None))),
        Err(not_a_day) => {
            let Cell::Text(raw) = cell else { return Err(not_a_day) };
            match parse_date_range(&halfwidth_digits(clean_text(raw))) {
                Some((first, last)) if last < first => Err(CellError::new("problem.date_range_backwards")),
                Some((first, last)) => Ok(Some((first, (last > first).then_some(last)))),
                None => Err(not_a_day),
            }
        }
    }
}

/// A report's day: a date cell or text (`2026-10-01`, `2026/10/1`), or `20261001`.
fn summary_date(cell: &Cell) -> Result<Option<NaiveDate>, CellError> {
    let compact = |s: &str| NaiveDate::parse_from_str(s, "%Y%m%d").ok();
    match cell {
        Cell::Text(raw) if clean_text(raw).len() == 8 && clean_text(raw).bytes().all(|b| b.is_ascii_digit()) => {
            compact(clean_text(raw)).map(Some).ok_or_else(|| CellError::new("problem.not_date"))
        }
        Cell::Number(n) if (19_000_101.0..=99_991_231.0).contains(n) && n.fract() == 0.0 => {
            compact(&format!("{n:.0}")).map(Some).ok_or_else(|| CellError::new("problem.not_date"))
        }
        other => parse_datetime(other).map(|t| t.map(|t| t.date())),
    }
}
