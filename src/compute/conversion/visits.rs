//! The sums of one agent's (or the shop's) receptions and sales, and the distinct buyers behind
//! them, counted once per agent and once for the shop.

use super::{ReceptionOutcome, ReceptionType, Tally};
use crate::buyers::BuyerId;
use crate::compute::receptions::Reception;
use crate::model::Order;

/// One agent's (or the shop's) receptions and sales summed; its distinct buyers are counted
/// from [`Visits`].
pub(super) struct Acc {
    /// The agent's number in `Visits`.
    pub(super) slot: u32,
    pub(super) sums: Tally,
}

/// What a buyer did in a reception or sale, as bits of [`Visits`]: consulted, was received,
/// inquired, ordered, paid (the inquiry's order), bought (a sale of the period).
const CONSULTED: u8 = 1;
const RECEIVED: u8 = 2;
const INQUIRED: u8 = 4;
const ORDERED: u8 = 8;
const PAID: u8 = 16;
const BOUGHT: u8 = 32;

/// Sales attributed to no agent: counted for the shop only. An agent's number shares a word
/// with 6 bits of what the buyer did: 67 million agents at most, far beyond any shop.
pub(super) const NO_AGENT: u32 = u32::MAX >> 6;

/// An agent's number and what the buyer did, in one word (the bits below the agent's).
pub(super) fn agent_did(agent: u32, did: u8) -> u32 {
    agent << 6 | u32::from(did)
}

/// The buyers of every agent's receptions and sales in one list, counted sorted: a buyer is
/// counted once per agent (and once for the shop) whatever the number of receptions. One
/// large list, where sets per agent and figure cost 8 to 10 bytes a buyer and left the heap
/// in pieces as they grew.
#[derive(Default)]
pub(super) struct Visits<'a> {
    /// (agent and what the buyer did: `agent_did`, buyer), one per reception or sale: 8 bytes.
    pub(super) buyers: Vec<(u32, BuyerId)>,
    /// Sales without a buyer: each order is a buyer of its own (its id).
    pub(super) orders_without_buyer: Vec<(u32, &'a str)>,
}

/// Distinct buyers per bit of [`Visits`] (consulted … bought).
pub(super) type Counts = [u64; 6];

fn count_bits(counts: &mut Counts, flags: u8) {
    for (bit, n) in counts.iter_mut().enumerate() {
        *n += u64::from(flags >> bit & 1);
    }
}

impl<'a> Visits<'a> {
    pub(super) fn sale(&mut self, agent: u32, order: &'a Order) {
        match order.buyer {
            Some(buyer) => self.buyers.push((agent_did(agent, BOUGHT), buyer)),
            None => self.orders_without_buyer.push((agent, &order.id)),
        }
    }

    /// Each agent's counts (by slot), and the shop's.
    pub(super) fn count(mut self, agents: usize) -> (Vec<Counts>, Counts) {
        let mut per_agent = vec![[0; 6]; agents];
        let agent = |&(agent_did, _): &(u32, BuyerId)| agent_did >> 6;
        let did = |seen: &[(u32, BuyerId)]| seen.iter().fold(0, |flags, s| flags | (s.0 & 63) as u8);
        self.buyers.sort_unstable_by_key(|s| (agent(s), s.1));
        for seen in self.buyers.chunk_by(|a, b| (agent(a), a.1) == (agent(b), b.1)) {
            if let Some(counts) = per_agent.get_mut(agent(&seen[0]) as usize) {
                count_bits(counts, did(seen));
            }
        }
        let mut shop = [0; 6];
        self.buyers.sort_unstable_by_key(|&(_, buyer)| buyer);
        for seen in self.buyers.chunk_by(|a, b| a.1 == b.1) {
            count_bits(&mut shop, did(seen));
        }
        let orders = &mut self.orders_without_buyer;
        orders.sort_unstable();
        orders.dedup();
        for (agent, _) in orders.iter() {
            if let Some(counts) = per_agent.get_mut(*agent as usize) {
                counts[5] += 1;
            }
        }
        orders.sort_unstable_by_key(|&(_, id)| id);
        orders.dedup_by_key(|&mut (_, id)| id);
        shop[5] += orders.len() as u64;
        (per_agent, shop)
    }
}

impl Acc {
    pub(super) fn new(slot: u32) -> Self {
        Acc { slot, sums: Tally::default() }
    }

    /// Sums one reception; returns what its buyer did (bits of [`Visits`]).
    pub(super) fn add_reception(&mut self, r: &Reception, outcome: ReceptionOutcome, slow_secs: f64) -> u8 {
        let t = &mut self.sums;
        let mut did = CONSULTED;
        if r.received {
            did |= RECEIVED;
        }
        if r.has_buyer_message {
            t.with_buyer += 1;
            if r.first_response.is_some() {
                t.first_answered += 1;
            }
        }
        if let Some(f) = r.first_response.get() {
            t.first_sum += f;
            t.answered_receptions += 1;
            if f > slow_secs {
                t.slow += 1;
            }
        }
        for (sum, (in_time, counted)) in t.rates.iter_mut().zip(r.rates.0) {
            sum.0 += u64::from(in_time);
            sum.1 += u64::from(counted);
        }
        t.response_sum += r.response_sum;
        t.answered_turns += u64::from(r.answered_turns);
        t.agent_messages += u64::from(r.agent_messages);
        t.buyer_messages += u64::from(r.buyer_messages);
        if outcome.kind == ReceptionType::Inquiry {
            t.inquiry_receptions += 1;
            did |= INQUIRED;
            if outcome.converting_order.is_some() {
                did |= ORDERED;
                if outcome.paid {
                    did |= PAID;
                }
            } else {
                t.lost_inquiries += 1;
            }
        }
        did
    }

    pub(super) fn tally(self, counts: Counts) -> Tally {
        Tally {
            consulted: counts[0],
            received: counts[1],
            inquiries: counts[2],
            ordered: counts[3],
            paid_buyers: counts[4],
            sale_buyers: counts[5],
            ..self.sums
        }
    }
}
