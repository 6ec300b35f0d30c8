//! A reception (docs/definitions.md#receptions): one agent, one buyer, one calendar day, with what every
//! command measures of it.

use crate::buyers::{BuyerId, Buyers};
use crate::compute::keywords::WordsRef;
use crate::model::SharedName;
use chrono::{NaiveDate, NaiveDateTime};

/// A reception with everything the metrics need.
#[derive(Debug, Clone, PartialEq)]
pub struct Reception {
    pub agent: SharedName,
    /// The buyer's number in the run's `Buyers`.
    pub buyer: BuyerId,
    /// Its first message's shop (docs/definitions.md#shops).
    pub shop: crate::shops::ShopId,
    /// The first message (for a session row: its start); its day is the reception's.
    pub start: NaiveDateTime,
    /// Seconds from the first message to the last (0 for a session row).
    pub span_secs: u32,
    pub buyer_messages: u32,
    pub agent_messages: u32,
    pub has_buyer_message: bool,
    /// 接待: the agent sent at least one message.
    pub received: bool,
    /// Capped response of the first buyer turn; none when unanswered.
    pub first_response: MaybeSecs,
    /// Σ and count of the capped responses of answered turns.
    pub response_sum: f64,
    pub answered_turns: u32,
    pub unanswered_turns: u32,
    /// The last message is the agent's (买家沉默 in `lost`).
    pub last_is_agent: bool,
    /// The last non-empty 未成交原因 cell.
    pub lost_reason: Option<SharedName>,
    /// From an already-summarised session sheet: no messages, no duration.
    pub from_session: bool,
    /// The buyer's keywords and quotes, when reading for `lost`.
    pub words: Option<WordsRef>,
    /// The platform response rates' counts (none for a session row: it has no messages).
    pub rates: super::RateCounts,
}

impl Reception {
    /// The calendar day the reception belongs to (docs/definitions.md#receptions: one agent, one buyer, one day).
    pub fn date(&self) -> NaiveDate {
        self.start.date()
    }

    pub fn duration_secs(&self) -> Option<i64> {
        (!self.from_session).then_some(i64::from(self.span_secs))
    }
}

/// Optional seconds in 8 bytes (NaN for none; an `Option<f64>` takes 16): a reception's
/// first response, one of a million or more receptions kept at once.
#[derive(Clone, Copy)]
pub struct MaybeSecs(f64);

impl MaybeSecs {
    pub fn get(self) -> Option<f64> {
        (!self.0.is_nan()).then_some(self.0)
    }

    pub fn is_some(self) -> bool {
        !self.0.is_nan()
    }
}

impl From<Option<f64>> for MaybeSecs {
    fn from(secs: Option<f64>) -> Self {
        MaybeSecs(secs.filter(|s| !s.is_nan()).unwrap_or(f64::NAN))
    }
}

impl PartialEq for MaybeSecs {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl std::fmt::Debug for MaybeSecs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get().fmt(f)
    }
}

/// By start, agent, buyer's name: the order of every list of receptions.
pub fn sort_receptions(receptions: &mut [Reception], buyers: &Buyers) {
    receptions.sort_by(|a, b| {
        (a.start, &a.agent).cmp(&(b.start, &b.agent)).then_with(|| buyers.name(a.buyer).cmp(buyers.name(b.buyer)))
    });
}
