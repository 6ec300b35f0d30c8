//! docs/definitions.md#receptions: messages grouped into receptions (one agent, one buyer, one calendar day),
//! buyer turns and response times. Messages are kept as compact (time, order, side)
//! triples while reading; their text is not held.

use super::keywords::{KeywordMatcher, WordTally, WordsTable};
use crate::buyers::{BuyerId, Buyers};
use crate::model::{SharedName, SharedNames, Side};
use crate::quotes::Quotes;
use crate::shops::ShopId;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use hashbrown::HashTable;
use rustc_hash::FxHashMap as HashMap;

mod rates;
mod reception;
pub use rates::{RateCounts, RateRule};
pub use reception::{Reception, sort_receptions};

/// One message as kept while reading, 12 bytes: its reception, its time of day, and file
/// order with the side in the lowest bit. All messages share one vector (no per-reception
/// vectors and their spare capacity); `finish` sorts it once.
#[derive(Debug, Clone, Copy)]
struct Msg {
    reception: u32,
    /// `seq << 1 | 1` for the agent, `seq << 1` for the buyer: sorts in file order.
    seq_side: u32,
    /// Seconds since the reception's midnight: a reception is one calendar day, so its day
    /// and this give the time (a whole timestamp took 8 bytes of 16).
    secs: u32,
}

impl Msg {
    fn is_agent(&self) -> bool {
        self.seq_side & 1 == 1
    }
}

struct Pending {
    agent: u32,
    buyer: BuyerId,
    date: NaiveDate,
    shop: ShopId,
    /// (time, seq, text) of the latest lost_reason cell; boxed, as most receptions have none.
    lost_reason: Option<Box<(u32, u32, SharedName)>>,
}

impl Pending {
    fn key(&self) -> (u32, BuyerId, NaiveDate) {
        (self.agent, self.buyer, self.date)
    }
}

fn key_hash(key: (u32, BuyerId, NaiveDate)) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(key)
}

/// Who and when a reception from messages is: its agent (as reports name it), buyer, day and shop.
#[derive(Debug, Clone, PartialEq)]
pub struct ReceptionKey {
    pub agent: SharedName,
    pub buyer: BuyerId,
    pub date: NaiveDate,
    pub shop: ShopId,
}

/// A pass over the messages while chats are read (the quality inspection, `qa`): the book
/// calls it with every message, and with each reception's messages once they are sorted.
/// Receptions are numbered as the book finds them, agents likewise
/// (`ChatBook::reception_keys` names them).
pub trait MessageObserver: std::any::Any {
    /// An auto-reply (left out of the receptions).
    fn auto_reply(&mut self, at: NaiveDateTime, text: &str);

    /// A message of reception `reception` of agent `agent`; `seq_side` as the book keeps it
    /// (`seq << 1 | 1` for the agent, `seq << 1` for the buyer: file order and side).
    fn message(&mut self, reception: u32, agent: u32, seq_side: u32, at: NaiveDateTime, side: Side, text: Option<&str>);

    /// Reception `reception` of agent `agent_id` named `agent`, on `date`, once every message
    /// was read: its messages as (time in seconds, `seq_side`), sorted by time and file order.
    /// Called once per reception, in the book's numbering.
    fn reception(&mut self, reception: u32, agent_id: u32, agent: &SharedName, date: NaiveDate, msgs: &[(i64, u32)]);

    /// After the last `reception`.
    fn done(&mut self);
}

/// Agents numbered once per shop (an agent of two shops is two numbers, so that no
/// reception holds two shops' messages and the persons kept apart across shops can be told
/// apart, docs/definitions.md#shops); receptions refer to them by number while reading.
#[derive(Default)]
struct Names {
    /// By name: the number in each shop (one shop, nearly always).
    ids: HashMap<SharedName, Vec<(ShopId, u32)>>,
    names: Vec<SharedName>,
    shops: Vec<ShopId>,
}

impl Names {
    fn id(&mut self, shop: ShopId, name: &str) -> u32 {
        if let Some(&(_, id)) = self.ids.get(name).and_then(|ids| ids.iter().find(|(s, _)| *s == shop)) {
            return id;
        }
        let arc = SharedName::from(name);
        let id = self.names.len() as u32;
        self.ids.entry(arc.clone()).or_default().push((shop, id));
        self.names.push(arc);
        self.shops.push(shop);
        id
    }
}

/// Collects messages and session rows into receptions.
pub struct ChatBook {
    markers: Vec<String>,
    agents: Names,
    /// 未成交原因 cells repeat a few labels: each kept once.
    reasons: SharedNames,
    /// The pending reception of each (agent, buyer, date), by number: 4 bytes a slot, the key
    /// being the reception's own (a map holding the keys was 16).
    index: HashTable<u32>,
    pending: Vec<Pending>,
    /// One vector, sorted in place at the end: a large vector grows by remapping its pages
    /// (no copy, no second buffer in memory), unlike chunks copied into one.
    msgs: Vec<Msg>,
    sessions: Vec<Reception>,
    /// (agent, buyer, date, reception) of the last message.
    last: Option<(u32, BuyerId, NaiveDate, usize)>,
    seq: u32,
    /// Auto-replies seen and left out (docs/definitions.md#receptions).
    pub auto_replies: u64,
    /// Per pending reception (as far as one has words): the buyer's words, for `lost`; empty
    /// for the other commands, so that their receptions being read carry no slot for them.
    words: Vec<Option<WordTally>>,
    /// The texts the words quote. Handed from book to book (`take_quotes`), so that every
    /// reception of a run quotes from one store.
    pub quotes: Quotes,
    /// Set for `lost`: buyer messages are scanned for keywords as they are read.
    matcher: Option<KeywordMatcher>,
    scratch: (Vec<u16>, Vec<u16>),
    /// Set for `schedule`: buyer messages per hour (the hour's start).
    pub hourly_buyer_messages: Option<std::collections::BTreeMap<NaiveDateTime, u64>>,
    /// Sees every message as it is read (`qa`'s inspection, docs/definitions.md#quality-inspection): set
    /// with `observe`, handed back by `take_observer`.
    observer: Option<Box<dyn MessageObserver>>,
    /// Set for `schedule`, which needs only when receptions start: each keeps its first
    /// message, not all of them, so its start and date are right and its other figures
    /// describe that one message.
    pub starts_only: bool,
    /// The shop of the messages and sessions added next (docs/definitions.md#shops): a
    /// reception is its first message's shop.
    pub shop: ShopId,
    /// The platform response rates measured in each reception (docs/definitions.md#conversion).
    rate_rules: Vec<RateRule>,
}

impl ChatBook {
    pub fn new(auto_reply_markers: &[String]) -> Self {
        ChatBook {
            markers: auto_reply_markers.to_vec(),
            agents: Names::default(),
            reasons: SharedNames::default(),
            index: HashTable::new(),
            pending: Vec::new(),
            msgs: Vec::new(),
            sessions: Vec::new(),
            last: None,
            seq: 0,
            auto_replies: 0,
            words: Vec::new(),
            quotes: Quotes::in_memory(),
            matcher: None,
            scratch: (Vec::new(), Vec::new()),
            hourly_buyer_messages: None,
            observer: None,
            starts_only: false,
            rate_rules: Vec::new(),
            shop: ShopId::UNNAMED,
        }
    }

    /// Measure these response rates in every reception (none by default).
    pub fn measure_rates(&mut self, rules: Vec<RateRule>) {
        self.rate_rules = rules;
    }

    /// Scan buyer messages for these keywords while reading (for `lost`), keeping the quoted
    /// texts in `quotes`.
    pub fn scan_keywords(&mut self, matcher: KeywordMatcher, quotes: Quotes) {
        self.matcher = Some(matcher);
        self.quotes = quotes;
    }

    pub fn is_empty(&self) -> bool {
        self.pending.is_empty() && self.sessions.is_empty()
    }

    /// `agent` is the report name (already resolved through `[agents]`).
    // A message's six fields as the readers give them, and the run's buyers (shared with the
    // orders, so not the book's own).
    #[allow(clippy::too_many_arguments)]
    pub fn add_message(
        &mut self,
        buyers: &mut Buyers,
        agent: &str,
        buyer: &str,
        at: NaiveDateTime,
        side: Side,
        content: Option<&str>,
        lost_reason: Option<&str>,
    ) {
        if side == Side::Agent
            && content.is_some_and(|c| self.markers.iter().any(|m| c.trim_start().starts_with(m.as_str())))
        {
            self.auto_replies += 1;
            if let (Some(observer), Some(text)) = (&mut self.observer, content) {
                observer.auto_reply(at, text);
            }
            return;
        }
        if side == Side::Buyer
            && let Some(hourly) = &mut self.hourly_buyer_messages
        {
            use chrono::Timelike;
            *hourly.entry(at.date().and_hms_opt(at.hour(), 0, 0).unwrap_or(at)).or_default() += 1;
        }
        let buyer = buyer.trim();
        let (i, agent_id) = match self.last {
            // A chat export lists a conversation's messages together: most messages belong
            // to the reception of the message before, found without hashing two names.
            Some((a, b, date, i))
                if date == at.date()
                    && self.agents.shops[a as usize] == self.shop
                    && *self.agents.names[a as usize] == *agent
                    && buyers.name(b) == buyer =>
            {
                (i, a)
            }
            _ => {
                let key = (self.agents.id(self.shop, agent), buyers.id_in(self.shop, buyer), at.date());
                let pending = &mut self.pending;
                let found = self.index.find(key_hash(key), |&p| pending[p as usize].key() == key).copied();
                let i = match found {
                    Some(i) => i as usize,
                    None => {
                        let next = pending.len();
                        pending.push(Pending {
                            agent: key.0,
                            buyer: key.1,
                            date: key.2,
                            shop: self.shop,
                            lost_reason: None,
                        });
                        self.index.insert_unique(key_hash(key), next as u32, |&p| key_hash(pending[p as usize].key()));
                        next
                    }
                };
                self.last = Some((key.0, key.1, key.2, i));
                (i, key.0)
            }
        };
        self.seq += 1;
        let seq_side = (self.seq << 1) | u32::from(side == Side::Agent);
        let msg = Msg { reception: i as u32, seq_side, secs: at.num_seconds_from_midnight() };
        if self.starts_only {
            // One message per reception, its first (by time, then file order).
            if i == self.msgs.len() {
                self.msgs.push(msg);
            } else if (msg.secs, msg.seq_side) < (self.msgs[i].secs, self.msgs[i].seq_side) {
                self.msgs[i] = msg;
            }
        } else {
            self.msgs.push(msg);
        }
        if let Some(observer) = &mut self.observer {
            observer.message(i as u32, agent_id, seq_side, at, side, content);
        }
        let p = &mut self.pending[i];
        if side == Side::Buyer
            && let (Some(matcher), Some(text)) = (&self.matcher, content)
        {
            let (categories, keywords) = &mut self.scratch;
            matcher.scan(text, categories, keywords);
            if self.words.len() <= i {
                self.words.resize_with(i + 1, || None);
            }
            self.words[i].get_or_insert_with(Default::default).add(at, text, categories, keywords, &mut self.quotes);
        }
        if let Some(reason) = lost_reason.map(str::trim).filter(|r| !r.is_empty()) {
            let newer = p.lost_reason.as_deref().is_none_or(|(t, s, _)| (msg.secs, msg.seq_side) >= (*t, *s));
            if newer {
                p.lost_reason = Some(Box::new((msg.secs, msg.seq_side, self.reasons.get(reason))));
            }
        }
    }

    /// Let `observer` see every message read from now on.
    pub fn observe(&mut self, observer: Box<dyn MessageObserver>) {
        self.observer = Some(observer);
    }

    /// The observer, once it has seen each reception's messages (`MessageObserver::reception`):
    /// the messages are sorted here (as `finish` needs them; it then finds them sorted).
    /// None when there is none, or it is not a `T`.
    pub fn take_observer<T: MessageObserver>(&mut self) -> Option<Box<T>> {
        let mut observer = self.observer.take()?;
        self.msgs.sort_unstable_by_key(|m| (m.reception, m.secs, m.seq_side));
        let mut times = Vec::new();
        for group in self.msgs.chunk_by(|a, b| a.reception == b.reception) {
            let i = group[0].reception;
            let p = &self.pending[i as usize];
            let agent = &self.agents.names[p.agent as usize];
            let midnight = p.date.and_time(NaiveTime::MIN).and_utc().timestamp();
            times.clear();
            times.extend(group.iter().map(|m| (midnight + i64::from(m.secs), m.seq_side)));
            observer.reception(i, p.agent, agent, p.date, &times);
        }
        observer.done();
        let observer: Box<dyn std::any::Any> = observer;
        observer.downcast().ok()
    }

    /// (agent, buyer, date, shop) of each reception from messages, in the numbering `qa` sees.
    pub fn reception_keys(&self) -> Vec<ReceptionKey> {
        self.pending
            .iter()
            .map(|p| ReceptionKey {
                agent: self.agents.names[p.agent as usize].clone(),
                buyer: p.buyer,
                date: p.date,
                shop: p.shop,
            })
            .collect()
    }

    /// The shop of each agent number `MessageObserver` was given.
    pub fn agent_shops(&self) -> Vec<ShopId> {
        self.agents.shops.clone()
    }

    #[allow(clippy::too_many_arguments)]
    pub fn add_session(
        &mut self,
        buyers: &mut Buyers,
        agent: &str,
        buyer: &str,
        start: NaiveDateTime,
        first_response: Option<f64>,
        avg_response: Option<f64>,
        lost_reason: Option<&str>,
    ) {
        let agent_id = self.agents.id(self.shop, agent) as usize;
        let (agent, buyer) = (self.agents.names[agent_id].clone(), buyers.id_in(self.shop, buyer));
        self.sessions.push(Reception {
            agent,
            buyer,
            shop: self.shop,
            start,
            span_secs: 0,
            buyer_messages: 0,
            agent_messages: 0,
            has_buyer_message: true,
            received: true,
            first_response: first_response.into(),
            response_sum: avg_response.unwrap_or(0.0),
            answered_turns: u32::from(avg_response.is_some()),
            unanswered_turns: u32::from(first_response.is_none()),
            last_is_agent: false,
            lost_reason: lost_reason.map(str::trim).filter(|r| !r.is_empty()).map(|r| self.reasons.get(r)),
            from_session: true,
            words: None,
            rates: RateCounts::default(),
        });
    }

    /// Turns and responses of every reception, sorted by start, agent, buyer.
    /// What `lost` keeps of the buyers' words goes to `words`, which the receptions refer to.
    pub fn finish(self, response_cap_secs: u32, buyers: &Buyers, words_table: &mut WordsTable) -> Vec<Reception> {
        let cap = f64::from(response_cap_secs);
        let mut out: Vec<Reception> = Vec::with_capacity(self.pending.len() + self.sessions.len());
        // The lookups by name and key are done with: freed before the receptions are built
        // beside the messages.
        drop(self.index);
        drop(self.agents.ids);
        let mut msgs = self.msgs;
        msgs.sort_unstable_by_key(|m| (m.reception, m.secs, m.seq_side));
        // Built from the last reception back, the messages, pending receptions and words used
        // are freed as the receptions take their place: with all of them in memory at once,
        // this was the peak of a big month.
        let (mut pending, mut words) = (self.pending, self.words);
        while let Some(p) = pending.pop() {
            let i = pending.len() as u32;
            let from = msgs.iter().rposition(|m| m.reception != i).map_or(0, |last_before| last_before + 1);
            let mut r = measure(&p, &msgs[from..], &self.agents.names, cap, &self.rate_rules);
            msgs.truncate(from);
            if words.len() > pending.len()
                && let (Some(tally), Some(matcher)) = (words.pop().flatten(), &self.matcher)
            {
                r.words = tally.finish(matcher, words_table);
            }
            out.push(r);
            release_unused(&mut msgs);
            release_unused(&mut pending);
            release_unused(&mut words);
        }
        out.reverse();
        out.extend(self.sessions);
        sort_receptions(&mut out, buyers);
        out
    }
}

/// Gives back the unused part of a shrinking vector once it is a quarter of it: a large
/// vector shrinks in place, its tail pages returned to the system.
fn release_unused<T>(v: &mut Vec<T>) {
    if v.len() < v.capacity() - v.capacity() / 4 {
        v.shrink_to_fit();
    }
}

/// docs/definitions.md#receptions: a buyer turn starts at the first buyer message or one after an agent
/// reply; its response is the time to the next agent message, capped. The response rates
/// take the same turns with their raw seconds (docs/definitions.md#conversion).
fn measure(p: &Pending, msgs: &[Msg], agents: &[SharedName], cap: f64, rules: &[RateRule]) -> Reception {
    let mut turn_start: Option<u32> = None;
    let mut first_turn_done = false;
    let mut first_response = None;
    let mut rates = RateCounts::default();
    let (mut response_sum, mut answered, mut buyer_messages, mut agent_messages) = (0.0, 0u32, 0u32, 0u32);
    for m in msgs {
        if m.is_agent() {
            agent_messages += 1;
            if let Some(start) = turn_start.take() {
                let raw = m.secs - start;
                rates.turn(rules, start, Some(raw), !first_turn_done);
                let response = (f64::from(raw)).min(cap);
                if !first_turn_done {
                    first_response = Some(response);
                    first_turn_done = true;
                }
                response_sum += response;
                answered += 1;
            }
        } else {
            buyer_messages += 1;
            if turn_start.is_none() {
                turn_start = Some(m.secs);
            }
        }
    }
    if let Some(start) = turn_start {
        rates.turn(rules, start, None, !first_turn_done);
    }
    let first = msgs.first().map(|m| m.secs).unwrap_or_default();
    let last = msgs.last().map(|m| m.secs).unwrap_or_default();
    Reception {
        agent: agents[p.agent as usize].clone(),
        buyer: p.buyer,
        shop: p.shop,
        start: p.date.and_time(NaiveTime::MIN) + chrono::Duration::seconds(i64::from(first)),
        span_secs: last - first,
        buyer_messages,
        agent_messages,
        has_buyer_message: buyer_messages > 0,
        received: agent_messages > 0,
        first_response: first_response.into(),
        response_sum,
        answered_turns: answered,
        unanswered_turns: u32::from(turn_start.is_some()),
        last_is_agent: msgs.last().is_some_and(Msg::is_agent),
        lost_reason: p.lost_reason.as_deref().map(|(_, _, r)| r.clone()),
        from_session: false,
        words: None,
        rates,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(h: u32, m: u32, s: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 10, 3).unwrap().and_hms_opt(h, m, s).unwrap()
    }

    fn book() -> (ChatBook, Buyers) {
        (ChatBook::new(&["[自动回复]".to_string()]), Buyers::default())
    }

    #[test]
    fn turns_responses_and_the_cap() {
        let (mut b, mut buyers) = book();
        // Turn 1: buyer 9:00:00 and 9:00:20, agent 9:00:30 → 30 s.
        b.add_message(&mut buyers, "小王", "amy", at(9, 0, 0), Side::Buyer, Some("在吗"), None);
        b.add_message(&mut buyers, "小王", "amy", at(9, 0, 20), Side::Buyer, Some("有货吗"), None);
        b.add_message(&mut buyers, "小王", "amy", at(9, 0, 30), Side::Agent, Some("有的"), None);
        // Turn 2: buyer 9:10, agent 9:30 → 1200 s capped to 600.
        b.add_message(&mut buyers, "小王", "amy", at(9, 10, 0), Side::Buyer, Some("包邮吗"), None);
        b.add_message(&mut buyers, "小王", "amy", at(9, 30, 0), Side::Agent, Some("包邮"), None);
        // Turn 3: unanswered.
        b.add_message(&mut buyers, "小王", "amy", at(9, 40, 0), Side::Buyer, Some("好"), None);
        let r = &b.finish(600, &buyers, &mut Default::default())[0];
        assert_eq!((r.buyer_messages, r.agent_messages), (4, 2));
        assert_eq!(r.first_response.get(), Some(30.0));
        assert_eq!((r.response_sum, r.answered_turns, r.unanswered_turns), (630.0, 2, 1));
        assert!(!r.last_is_agent);
        assert_eq!(r.duration_secs(), Some(40 * 60));
    }

    #[test]
    fn auto_replies_are_not_replies() {
        let (mut b, mut buyers) = book();
        b.add_message(&mut buyers, "小王", "amy", at(9, 0, 0), Side::Buyer, Some("在吗"), None);
        b.add_message(&mut buyers, "小王", "amy", at(9, 0, 1), Side::Agent, Some("[自动回复]您好"), None);
        let r = &b.finish(600, &buyers, &mut Default::default())[0];
        assert_eq!((r.received, r.first_response.get(), r.unanswered_turns), (false, None, 1));
        assert_eq!(r.agent_messages, 0);
    }

    #[test]
    fn equal_times_keep_file_order_and_days_split_receptions() {
        let (mut b, mut buyers) = book();
        b.add_message(&mut buyers, "小王", "amy", at(9, 0, 0), Side::Agent, Some("您好"), None);
        b.add_message(&mut buyers, "小王", "amy", at(9, 0, 0), Side::Buyer, Some("在吗"), Some("价格"));
        b.add_message(
            &mut buyers,
            "小王",
            "amy",
            at(23, 59, 59) + chrono::Duration::seconds(2),
            Side::Buyer,
            Some("?"),
            None,
        );
        let rs = b.finish(600, &buyers, &mut Default::default());
        assert_eq!(rs.len(), 2);
        assert_eq!((rs[0].first_response.get(), rs[0].unanswered_turns), (None, 1));
        assert_eq!(rs[0].lost_reason.as_deref(), Some("价格"));
    }
}
