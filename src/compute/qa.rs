//! docs/definitions.md#quality-inspection: chat quality inspection (质检). Agents' messages are scanned for the word rules
//! while chats are read (one Aho–Corasick pass per message); the service norms are measured
//! per reception once all messages are in. Only findings keep text, at most
//! `QUOTES_PER_AGENT_CHECK` per agent and check (the rest are counted), plus one buyer message
//! and one agent message per reception for the evidence columns.

use crate::buyers::{BuyerId, Buyers};
use crate::config::{QaConfig, QaRule, ScorecardConfig};
use crate::model::{Period, SharedName, Side};
use crate::quotes::{QuoteRef, Quotes};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use chrono::{NaiveDate, NaiveDateTime};
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

/// Findings kept with their text per agent and check; the others are only counted.
pub const QUOTES_PER_AGENT_CHECK: u32 = 200;

/// The service norms (docs/definitions.md#quality-inspection), in the order of `[qa.norms]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Norm {
    NoGreeting,
    SlowTurn,
    Unanswered,
    Repeat,
}

impl Norm {
    pub const ALL: [Norm; 4] = [Norm::NoGreeting, Norm::SlowTurn, Norm::Unanswered, Norm::Repeat];

    pub fn id(self) -> &'static str {
        match self {
            Norm::NoGreeting => "no_greeting",
            Norm::SlowTurn => "slow_turn",
            Norm::Unanswered => "unanswered",
            Norm::Repeat => "repeat",
        }
    }

    pub fn points(self, config: &QaConfig) -> f64 {
        let n = &config.norms;
        match self {
            Norm::NoGreeting => n.no_greeting,
            Norm::SlowTurn => n.slow_turn,
            Norm::Unanswered => n.unanswered,
            Norm::Repeat => n.repeat,
        }
    }
}

/// What a finding breaks: a word rule (index into the rules) or a norm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Check {
    Rule(u16),
    Norm(Norm),
}

/// A rule broken by a message: (rule, start, end) of the word in the message.
pub type RuleHit = (u16, usize, usize);

/// The word rules as one automaton over every keyword and exception.
#[derive(Debug, Clone)]
pub struct QaMatcher {
    automaton: Option<AhoCorasick>,
    /// Per pattern: its rule, whether it is an exception, the text.
    patterns: Vec<(u16, bool, String)>,
}

impl QaMatcher {
    pub fn new(rules: &[QaRule]) -> Self {
        let mut patterns = Vec::new();
        for (i, r) in rules.iter().enumerate() {
            patterns.extend(r.keywords.iter().filter(|k| !k.is_empty()).map(|k| (i as u16, false, k.clone())));
            patterns.extend(r.except.iter().filter(|k| !k.is_empty()).map(|k| (i as u16, true, k.clone())));
        }
        let automaton = (!patterns.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .ascii_case_insensitive(true)
                .build(patterns.iter().map(|p| p.2.as_str()))
                .expect("keywords always build an automaton")
        });
        QaMatcher { automaton, patterns }
    }

    /// Per rule the message breaks (each once, in rule order): the first keyword, by
    /// position, that no exception of the same rule covers, as (rule, start, end) in `text`
    /// (so the word is shown as the message wrote it). `hits` is scratch space.
    pub fn scan(&self, text: &str, found: &mut Vec<RuleHit>, hits: &mut Vec<(usize, usize, u16)>) {
        found.clear();
        hits.clear();
        let Some(ac) = &self.automaton else { return };
        hits.extend(ac.find_overlapping_iter(text).map(|m| (m.start(), m.end(), m.pattern().as_usize() as u16)));
        if hits.is_empty() {
            return;
        }
        hits.sort_unstable();
        for &(start, end, p) in hits.iter() {
            let (rule, except, _) = &self.patterns[p as usize];
            if *except || found.iter().any(|(r, ..)| r == rule) {
                continue;
            }
            let covered = hits.iter().any(|&(s, e, q)| {
                let (r, x, _) = &self.patterns[q as usize];
                *x && r == rule && s <= start && end <= e
            });
            if !covered {
                found.push((*rule, start, end));
            }
        }
        found.sort_unstable();
    }
}

/// What a reception's evidence needs while chats are read. The messages themselves are the
/// receptions' (`ChatBook`): the norms are measured from them once they are sorted.
#[derive(Debug, Default)]
struct QaReception {
    /// The latest buyer message read so far: time of day (a reception is one day),
    /// `seq_side` (0: none yet) and text (in the collector's `quotes`: a million receptions'
    /// texts in memory were a third of a big month's peak).
    last_buyer_at: u32,
    last_buyer_seq: u32,
    /// The earliest agent message read so far: time of day and `seq_side` (0: none yet).
    first_agent_seq: u32,
    first_agent_at: u32,
    /// The hash of the agent message read last (for repeats).
    previous_hash: u32,
    last_buyer: Option<QuoteRef>,
    /// The earliest agent message's text when it has no greeting (the only case it is shown).
    first_agent: Option<QuoteRef>,
    /// Texts read twice in a row (for repeats); rare, so boxed.
    repeats: Option<Box<Repeats>>,
}

/// (hash, text) of agent texts read twice in a row.
type Repeats = Vec<(u32, Box<str>)>;

#[derive(Debug, Clone)]
struct RawFinding {
    reception: u32,
    at: i64,
    check: Check,
    word: Box<str>,
    message: Box<str>,
    buyer_before: Option<Box<str>>,
    wait_secs: Option<i64>,
}

/// Collects what `qa` needs while chats are read (hooked into the receptions' `ChatBook`):
/// the word findings as messages arrive, then the norms per reception from the receptions'
/// sorted messages (`norms`), before `finish`.
pub struct QaCollector {
    matcher: QaMatcher,
    greetings: Option<AhoCorasick>,
    slow_turn_secs: i64,
    rules: usize,
    period: Option<Period>,
    /// Per message, by its sequence number (`seq_side >> 1`): the agent text's hash (for
    /// repeats); 0 for a buyer or a message not looked at.
    hashes: Vec<u32>,
    receptions: Vec<QaReception>,
    /// Per agent id (the receptions' numbering of agents): the agent's tallies.
    agents: Vec<Option<AgentQa>>,
    /// (agent, rule) → messages breaking it, and how many of them are kept.
    counts: HashMap<(u32, Check), (u64, u32)>,
    findings: Vec<RawFinding>,
    autos: BTreeMap<Box<str>, u64>,
    scratch: (Vec<RuleHit>, Vec<(usize, usize, u16)>),
    /// The texts the receptions keep (`QaReception`), read back for the findings kept.
    quotes: Quotes,
}

fn text_hash(text: &str) -> u32 {
    let mut h = rustc_hash::FxHasher::default();
    text.trim().hash(&mut h);
    (h.finish() as u32) | 1
}

/// A kept text read back. Reading back the collector's own file fails only when the system
/// does: the finding then says why in place of the text.
fn text_of(quotes: &Quotes, quote: Option<QuoteRef>) -> Box<str> {
    match quote.map(|q| quotes.get(q)) {
        None => "".into(),
        Some(Ok(q)) => q.text.into(),
        Some(Err(e)) => format!("<cannot read back the message from the temporary file: {e}>").into(),
    }
}

fn secs(at: NaiveDateTime) -> i64 {
    at.and_utc().timestamp()
}

fn to_time(secs: i64) -> NaiveDateTime {
    chrono::DateTime::from_timestamp(secs, 0).map(|d| d.naive_utc()).unwrap_or_default()
}

impl QaCollector {
    /// `period`: messages on other dates are not looked at. `config` gives the greetings
    /// and the slow-turn limit (the same as `finish` is given). `quotes` keeps the texts
    /// that a finding may quote until the findings are known.
    pub fn new(rules: &[QaRule], config: &QaConfig, period: Option<Period>, quotes: Quotes) -> Self {
        let greetings = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .build(config.greetings.iter().filter(|g| !g.is_empty()))
            .ok();
        QaCollector {
            matcher: QaMatcher::new(rules),
            greetings,
            slow_turn_secs: i64::from(config.slow_turn_secs),
            rules: rules.len(),
            period,
            hashes: Vec::new(),
            receptions: Vec::new(),
            agents: Vec::new(),
            counts: HashMap::default(),
            findings: Vec::new(),
            autos: BTreeMap::new(),
            scratch: (Vec::new(), Vec::new()),
            quotes,
        }
    }

    fn in_period(&self, date: NaiveDate) -> bool {
        self.period.is_none_or(|p| p.contains(date))
    }

    /// An auto-reply: its text is the shop's, checked once per distinct text.
    pub fn auto_reply(&mut self, at: NaiveDateTime, text: &str) {
        if self.in_period(at.date()) {
            *self.autos.entry(text.trim().into()).or_default() += 1;
        }
    }

    /// A message of reception `reception` (the receptions' numbering) of agent `agent`;
    /// `seq_side` as the receptions keep it (`seq << 1 | 1` for the agent).
    pub fn message(
        &mut self,
        reception: u32,
        agent: u32,
        seq_side: u32,
        at: NaiveDateTime,
        side: Side,
        content: Option<&str>,
    ) {
        if !self.in_period(at.date()) {
            return;
        }
        let i = reception as usize;
        if self.receptions.len() <= i {
            self.receptions.resize_with(i + 1, QaReception::default);
        }
        let t = secs(at);
        let text = content.unwrap_or("").trim();
        let r = &mut self.receptions[i];
        let key = (chrono::Timelike::num_seconds_from_midnight(&at), seq_side);
        if side == Side::Buyer {
            if r.last_buyer_seq == 0 || key >= (r.last_buyer_at, r.last_buyer_seq) {
                (r.last_buyer_at, r.last_buyer_seq) = key;
                r.last_buyer = self.quotes.add(at, text);
            }
            r.previous_hash = 0;
            return;
        }
        let hash = text_hash(text);
        let seq = (seq_side >> 1) as usize;
        if self.hashes.len() <= seq {
            self.hashes.resize(seq + 1, 0);
        }
        self.hashes[seq] = hash;
        if r.first_agent_seq == 0 || key < (r.first_agent_at, r.first_agent_seq) {
            (r.first_agent_at, r.first_agent_seq) = key;
            let greets = self.greetings.as_ref().is_some_and(|g| g.is_match(text));
            r.first_agent = if greets { None } else { self.quotes.add(at, text) };
        }
        if r.previous_hash == hash {
            let repeats = r.repeats.get_or_insert_with(Default::default);
            if !repeats.iter().any(|(h, _)| *h == hash) {
                repeats.push((hash, text.into()));
            }
        }
        r.previous_hash = hash;
        let (found, hits) = &mut self.scratch;
        self.matcher.scan(text, found, hits);
        for &(rule, start, end) in found.iter() {
            let check = Check::Rule(rule);
            let (n, kept) = self.counts.entry((agent, check)).or_default();
            *n += 1;
            if *kept < QUOTES_PER_AGENT_CHECK {
                *kept += 1;
                let before =
                    (r.last_buyer_seq != 0 && (r.last_buyer_at, r.last_buyer_seq) < key).then_some(r.last_buyer);
                self.findings.push(RawFinding {
                    reception,
                    at: t,
                    check,
                    word: text[start..end].into(),
                    message: text.into(),
                    buyer_before: before.map(|q| text_of(&self.quotes, q)),
                    wait_secs: None,
                });
            }
        }
    }

    /// The norms of one reception (`reception` of agent `agent_id` named `agent`, on `date`)
    /// from its messages as (time, `seq_side`), sorted by time and file order. Called once
    /// per reception, in the receptions' numbering, after every message was read.
    pub(super) fn norms(
        &mut self,
        reception: u32,
        agent_id: u32,
        agent: &SharedName,
        date: NaiveDate,
        msgs: impl Iterator<Item = (i64, u32)>,
    ) {
        if !self.in_period(date) {
            return;
        }
        let Some(r) = self.receptions.get(reception as usize) else { return };
        let slot = agent_id as usize;
        if self.agents.len() <= slot {
            self.agents.resize_with(slot + 1, || None);
        }
        let a = self.agents[slot].get_or_insert_with(|| AgentQa::new(agent.clone(), self.rules));
        a.receptions += 1;
        // Each finding with the kept texts it quotes: its message, and the buyer message
        // before it. Read back only for the findings kept.
        let mut found: Vec<(RawFinding, Option<QuoteRef>, Option<Option<QuoteRef>>)> = Vec::new();
        let mut turn: Option<i64> = None;
        let (mut first_agent_done, mut buyer_seen, mut last_buyer_at) = (false, false, 0);
        let mut run: (u32, u32) = (0, 0);
        for (at, seq_side) in msgs {
            if seq_side & 1 == 0 {
                buyer_seen = true;
                last_buyer_at = at;
                turn.get_or_insert(at);
                run = (0, 0);
                continue;
            }
            let hash = self.hashes.get((seq_side >> 1) as usize).copied().unwrap_or(0);
            a.messages += 1;
            if !first_agent_done {
                first_agent_done = true;
                a.first_replies += 1;
                if let Some(text) = r.first_agent {
                    let finding = RawFinding {
                        reception,
                        at,
                        check: Check::Norm(Norm::NoGreeting),
                        word: "".into(),
                        message: "".into(),
                        buyer_before: None,
                        wait_secs: None,
                    };
                    found.push((finding, Some(text), None));
                }
            }
            if let Some(start) = turn.take() {
                a.turns += 1;
                if at - start > self.slow_turn_secs {
                    let finding = RawFinding {
                        reception,
                        at: start,
                        check: Check::Norm(Norm::SlowTurn),
                        word: "".into(),
                        message: "".into(),
                        buyer_before: None,
                        wait_secs: Some(at - start),
                    };
                    found.push((finding, None, None));
                }
            }
            run = if run.0 == hash { (hash, run.1 + 1) } else { (hash, 1) };
            if run.1 == 3 {
                let text = r
                    .repeats
                    .as_ref()
                    .and_then(|rs| rs.iter().find(|(h, _)| *h == hash))
                    .map(|(_, t)| t.clone())
                    .unwrap_or_default();
                let finding = RawFinding {
                    reception,
                    at,
                    check: Check::Norm(Norm::Repeat),
                    word: "".into(),
                    message: text,
                    buyer_before: None,
                    wait_secs: None,
                };
                found.push((finding, None, None));
            }
        }
        if buyer_seen {
            a.buyer_receptions += 1;
            if turn.is_some() {
                let finding = RawFinding {
                    reception,
                    at: last_buyer_at,
                    check: Check::Norm(Norm::Unanswered),
                    word: "".into(),
                    message: "".into(),
                    buyer_before: None,
                    wait_secs: None,
                };
                found.push((finding, None, (r.last_buyer_seq != 0).then_some(r.last_buyer)));
            }
        }
        for (mut f, message, buyer_before) in found {
            let (n, kept) = self.counts.entry((agent_id, f.check)).or_default();
            *n += 1;
            if *kept < QUOTES_PER_AGENT_CHECK {
                *kept += 1;
                if message.is_some() {
                    f.message = text_of(&self.quotes, message);
                }
                f.buyer_before = buyer_before.map(|q| text_of(&self.quotes, q));
                self.findings.push(f);
            }
        }
    }

    /// After the last `norms`: what was kept per reception and message is freed.
    pub(super) fn norms_done(&mut self) {
        self.receptions = Vec::new();
        self.hashes = Vec::new();
    }

    /// The per-agent results and the findings. `keys` names each reception (agent, buyer,
    /// date) by the receptions' numbering.
    pub fn finish(
        mut self,
        keys: &[(SharedName, BuyerId, NaiveDate)],
        buyers: &Buyers,
        rules: &[QaRule],
        config: &QaConfig,
        grades: &ScorecardConfig,
    ) -> QaResult {
        let mut agents = std::mem::take(&mut self.agents);
        for ((agent_id, check), (n, _)) in &self.counts {
            let Some(Some(a)) = agents.get_mut(*agent_id as usize) else { continue };
            match check {
                Check::Rule(r) => a.by_rule[*r as usize] += n,
                Check::Norm(norm) => a.by_norm[*norm as usize] += n,
            }
        }
        let mut rows: Vec<AgentQa> = agents.into_iter().flatten().collect();
        rows.sort_by(|a, b| a.agent.cmp(&b.agent));
        for a in &mut rows {
            a.settle(rules, config, grades);
        }
        rank(&mut rows);
        let mut team = AgentQa::new(SharedName::from(""), rules.len());
        for a in &rows {
            team.add(a);
        }
        team.settle(rules, config, grades);

        let raw = std::mem::take(&mut self.findings);
        let mut findings: Vec<Finding> = raw
            .into_iter()
            .filter_map(|f| {
                let (agent, buyer, _) = keys.get(f.reception as usize)?;
                Some(Finding {
                    agent: agent.clone(),
                    buyer: buyers.name(*buyer).into(),
                    at: to_time(f.at),
                    check: f.check,
                    word: f.word,
                    message: f.message,
                    buyer_before: f.buyer_before,
                    wait_secs: f.wait_secs,
                })
            })
            .collect();
        findings.sort_by(|a, b| (a.at, &a.agent, &a.buyer, a.check).cmp(&(b.at, &b.agent, &b.buyer, b.check)));

        let (found, hits) = &mut self.scratch;
        let autos = self
            .autos
            .into_iter()
            .map(|(text, count)| {
                self.matcher.scan(&text, found, hits);
                let hits = found.iter().map(|&(r, a, b)| (r as usize, text[a..b].to_string())).collect();
                AutoText { text, count, hits }
            })
            .collect();
        QaResult { agents: rows, team, findings, autos }
    }
}

/// One agent's inspection (docs/definitions.md#quality-inspection).
#[derive(Debug, Clone, PartialEq)]
pub struct AgentQa {
    pub agent: SharedName,
    /// Receptions checked (from message logs) and the agent's messages (auto-replies aside).
    pub receptions: u64,
    pub messages: u64,
    /// Messages breaking each word rule (in rule order).
    pub by_rule: Vec<u64>,
    /// Findings per norm (in `Norm::ALL` order).
    pub by_norm: [u64; 4],
    /// Denominators of the norm rates: receptions with an agent message (first replies),
    /// answered buyer turns, receptions with a buyer message.
    pub first_replies: u64,
    pub turns: u64,
    pub buyer_receptions: u64,
    pub points: f64,
    pub points_per_100: f64,
    pub score: f64,
    pub grade: String,
    pub rank: u32,
}

impl AgentQa {
    /// An agent with nothing inspected yet: no findings, score 100.
    pub fn new(agent: SharedName, rules: usize) -> Self {
        AgentQa {
            agent,
            receptions: 0,
            messages: 0,
            by_rule: vec![0; rules],
            by_norm: [0; 4],
            first_replies: 0,
            turns: 0,
            buyer_receptions: 0,
            points: 0.0,
            points_per_100: 0.0,
            score: 100.0,
            grade: String::new(),
            rank: 0,
        }
    }

    fn add(&mut self, o: &AgentQa) {
        self.receptions += o.receptions;
        self.messages += o.messages;
        for (a, b) in self.by_rule.iter_mut().zip(&o.by_rule) {
            *a += b;
        }
        for (a, b) in self.by_norm.iter_mut().zip(&o.by_norm) {
            *a += b;
        }
        self.first_replies += o.first_replies;
        self.turns += o.turns;
        self.buyer_receptions += o.buyer_receptions;
    }

    /// Points, points per 100 receptions, score (rounded to 0.01) and grade.
    fn settle(&mut self, rules: &[QaRule], config: &QaConfig, grades: &ScorecardConfig) {
        let words: f64 = self.by_rule.iter().zip(rules).map(|(n, r)| *n as f64 * r.points).sum();
        let norms: f64 = Norm::ALL.iter().map(|n| self.by_norm[*n as usize] as f64 * n.points(config)).sum();
        self.points = round2(words + norms);
        self.points_per_100 =
            if self.receptions == 0 { 0.0 } else { round2((words + norms) * 100.0 / self.receptions as f64) };
        let raw = if self.receptions == 0 {
            100.0
        } else {
            100.0 - (words + norms) * 100.0 / self.receptions as f64 * config.scale
        };
        self.score = round2(raw.max(0.0));
        self.grade = super::scorecard::grade(self.score, grades);
    }

    pub fn findings(&self) -> u64 {
        self.by_rule.iter().sum::<u64>() + self.by_norm.iter().sum::<u64>()
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Competition ranks by score (ties share a rank, the next skips).
fn rank(rows: &mut [AgentQa]) {
    let mut scores: Vec<i64> = rows.iter().map(|a| (a.score * 100.0).round() as i64).collect();
    scores.sort_unstable_by(|a, b| b.cmp(a));
    for a in rows.iter_mut() {
        let s = (a.score * 100.0).round() as i64;
        a.rank = scores.iter().position(|x| *x == s).unwrap_or(0) as u32 + 1;
    }
}

/// A finding with its evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub agent: SharedName,
    pub buyer: SharedName,
    /// The agent's message; for a slow or unanswered turn, the buyer's.
    pub at: NaiveDateTime,
    pub check: Check,
    /// The keyword matched (word rules).
    pub word: Box<str>,
    /// The whole agent message (empty for a turn without a reply).
    pub message: Box<str>,
    /// The buyer message before it (for an unanswered turn: the unanswered message).
    pub buyer_before: Option<Box<str>>,
    /// Slow turns: the seconds the buyer waited.
    pub wait_secs: Option<i64>,
}

/// A distinct auto-reply text, how often it was sent and the rules it breaks.
#[derive(Debug, Clone, PartialEq)]
pub struct AutoText {
    pub text: Box<str>,
    pub count: u64,
    pub hits: Vec<(usize, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QaResult {
    /// Sorted by agent name.
    pub agents: Vec<AgentQa>,
    /// The team: counts summed, score from the sums.
    pub team: AgentQa,
    /// Kept findings, by time.
    pub findings: Vec<Finding>,
    pub autos: Vec<AutoText>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::default_qa_rules;

    fn scan(text: &str) -> Vec<(String, String)> {
        let rules = default_qa_rules();
        let m = QaMatcher::new(&rules);
        let (mut found, mut hits) = (Vec::new(), Vec::new());
        m.scan(text, &mut found, &mut hits);
        found.iter().map(|&(r, a, b)| (rules[r as usize].id.clone(), text[a..b].to_string())).collect()
    }

    fn at(h: u32, m: u32, s: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 10, 3).unwrap().and_hms_opt(h, m, s).unwrap()
    }

    /// One reception of 小王 with amy, in time order: every norm fires once.
    /// 09:00:00 buyer; 09:04:00 agent "有的": first reply without a greeting, the turn
    /// waited 240 s > 180 (slow); 09:05:00 buyer; 09:05:30/40/50 agent "包邮" three times in
    /// a row (repeat at the third); 09:10:00 buyer, never answered (unanswered).
    const CHAT: [(u32, u32, u32, Side, &str); 7] = [
        (9, 0, 0, Side::Buyer, "在吗"),
        (9, 4, 0, Side::Agent, "有的"),
        (9, 5, 0, Side::Buyer, "包邮吗"),
        (9, 5, 30, Side::Agent, "包邮"),
        (9, 5, 40, Side::Agent, "包邮"),
        (9, 5, 50, Side::Agent, "包邮"),
        (9, 10, 0, Side::Buyer, "好的谢谢"),
    ];

    /// The QA of `CHAT`'s messages read in the file order `order`.
    fn inspect(order: &[usize]) -> QaResult {
        let rules = default_qa_rules();
        let config = QaConfig::default();
        let mut book = super::super::receptions::ChatBook::new(&["[自动回复]".to_string()]);
        book.qa = Some(Box::new(QaCollector::new(&rules, &config, None, Quotes::in_memory())));
        let mut buyers = Buyers::default();
        for &i in order {
            let (h, m, s, side, text) = CHAT[i];
            book.add_message(&mut buyers, "小王", "amy", at(h, m, s), side, Some(text), None);
        }
        let keys = book.reception_keys();
        let qa = book.take_qa().unwrap();
        qa.finish(&keys, &buyers, &rules, &config, &ScorecardConfig::default())
    }

    #[test]
    fn norms_by_hand_and_the_same_whatever_the_file_order() {
        let r = inspect(&[0, 1, 2, 3, 4, 5, 6]);
        let a = &r.agents[0];
        assert_eq!((r.agents.len(), a.receptions, a.messages), (1, 1, 4));
        assert_eq!((a.first_replies, a.turns, a.buyer_receptions), (1, 2, 1));
        assert_eq!(a.by_norm, [1, 1, 1, 1]);
        let found: Vec<_> =
            r.findings.iter().map(|f| (f.at, f.check, &*f.message, f.buyer_before.as_deref(), f.wait_secs)).collect();
        assert_eq!(
            found,
            vec![
                (at(9, 0, 0), Check::Norm(Norm::SlowTurn), "", None, Some(240)),
                (at(9, 4, 0), Check::Norm(Norm::NoGreeting), "有的", None, None),
                (at(9, 5, 50), Check::Norm(Norm::Repeat), "包邮", None, None),
                (at(9, 10, 0), Check::Norm(Norm::Unanswered), "", Some("好的谢谢"), None),
            ]
        );
        // Norms are measured in time order, not file order.
        assert_eq!(inspect(&[6, 5, 4, 3, 2, 1, 0]), r);
        assert_eq!(inspect(&[2, 0, 6, 3, 1, 4, 5]), r);
    }

    #[test]
    fn exceptions_cover_the_same_characters_only() {
        assert!(scan("最近很多人买").is_empty());
        assert!(scan("第一时间给您发货").is_empty());
        assert_eq!(scan("最近最火的一款"), vec![("ad_law".to_string(), "最".to_string())]);
        assert_eq!(scan("VX号发你"), vec![("off_platform".to_string(), "VX".to_string())]);
        assert_eq!(
            scan("保证是全网第一"),
            vec![("ad_law".to_string(), "第一".to_string()), ("promise".to_string(), "保证".to_string())]
        );
    }
}
