//! SPEC §4.9: chat quality inspection (质检). Agents' messages are scanned for the word rules
//! while chats are read (one Aho–Corasick pass per message); the service norms are measured
//! per reception once all messages are in. Only findings keep text, at most
//! `QUOTES_PER_AGENT_CHECK` per agent and check (the rest are counted), plus one buyer message
//! and one agent message per reception for the evidence columns.

use crate::config::{QaConfig, QaRule, ScorecardConfig};
use crate::model::{Period, Side};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use chrono::{NaiveDate, NaiveDateTime};
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// Findings kept with their text per agent and check; the others are only counted.
pub const QUOTES_PER_AGENT_CHECK: u32 = 200;

/// The service norms (SPEC §4.9), in the order of `[qa.norms]`.
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

#[derive(Debug, Clone, Copy)]
struct QaMsg {
    reception: u32,
    /// `seq << 1 | 1` for the agent, as in the receptions: equal times keep file order.
    seq_side: u32,
    at: i64,
    /// The agent text's hash (for repeats); 0 for a buyer.
    hash: u32,
}

#[derive(Debug, Default)]
struct QaReception {
    agent: u32,
    /// The latest buyer message read so far: (time, seq, text).
    last_buyer: Option<(i64, u32, Box<str>)>,
    /// The earliest agent message: (time, seq, text), for the greeting.
    first_agent: Option<(i64, u32, Box<str>)>,
    /// The hash of the agent message read last, and texts read twice in a row (for repeats).
    previous_hash: u32,
    repeats: Vec<(u32, Box<str>)>,
}

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

/// Collects what `qa` needs while chats are read (hooked into the receptions' `ChatBook`).
pub struct QaCollector {
    matcher: QaMatcher,
    period: Option<Period>,
    msgs: Vec<QaMsg>,
    receptions: Vec<QaReception>,
    /// (agent, rule) → messages breaking it, and how many of them are kept.
    counts: HashMap<(u32, Check), (u64, u32)>,
    findings: Vec<RawFinding>,
    autos: BTreeMap<Box<str>, u64>,
    scratch: (Vec<RuleHit>, Vec<(usize, usize, u16)>),
}

fn text_hash(text: &str) -> u32 {
    let mut h = rustc_hash::FxHasher::default();
    text.trim().hash(&mut h);
    (h.finish() as u32) | 1
}

fn secs(at: NaiveDateTime) -> i64 {
    at.and_utc().timestamp()
}

fn to_time(secs: i64) -> NaiveDateTime {
    chrono::DateTime::from_timestamp(secs, 0).map(|d| d.naive_utc()).unwrap_or_default()
}

impl QaCollector {
    /// `period`: messages on other dates are not looked at.
    pub fn new(rules: &[QaRule], period: Option<Period>) -> Self {
        QaCollector {
            matcher: QaMatcher::new(rules),
            period,
            msgs: Vec::new(),
            receptions: Vec::new(),
            counts: HashMap::default(),
            findings: Vec::new(),
            autos: BTreeMap::new(),
            scratch: (Vec::new(), Vec::new()),
        }
    }

    fn in_period(&self, at: NaiveDateTime) -> bool {
        self.period.is_none_or(|p| p.contains(at.date()))
    }

    /// An auto-reply: its text is the shop's, checked once per distinct text.
    pub fn auto_reply(&mut self, at: NaiveDateTime, text: &str) {
        if self.in_period(at) {
            *self.autos.entry(text.trim().into()).or_default() += 1;
        }
    }

    /// A message of reception `reception` (the receptions' numbering) of agent `agent`.
    pub fn message(
        &mut self,
        reception: u32,
        agent: u32,
        seq_side: u32,
        at: NaiveDateTime,
        side: Side,
        content: Option<&str>,
    ) {
        if !self.in_period(at) {
            return;
        }
        let i = reception as usize;
        if self.receptions.len() <= i {
            self.receptions.resize_with(i + 1, QaReception::default);
        }
        let t = secs(at);
        let text = content.unwrap_or("").trim();
        let r = &mut self.receptions[i];
        r.agent = agent;
        let key = (t, seq_side);
        if side == Side::Buyer {
            self.msgs.push(QaMsg { reception, seq_side, at: t, hash: 0 });
            if r.last_buyer.as_ref().is_none_or(|(a, s, _)| key >= (*a, *s)) {
                r.last_buyer = Some((t, seq_side, text.into()));
            }
            r.previous_hash = 0;
            return;
        }
        let hash = text_hash(text);
        self.msgs.push(QaMsg { reception, seq_side, at: t, hash });
        if r.first_agent.as_ref().is_none_or(|(a, s, _)| key < (*a, *s)) {
            r.first_agent = Some((t, seq_side, text.into()));
        }
        if r.previous_hash == hash && !r.repeats.iter().any(|(h, _)| *h == hash) {
            r.repeats.push((hash, text.into()));
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
                let before = r.last_buyer.as_ref().filter(|(a, s, _)| (*a, *s) < key).map(|(_, _, b)| b.clone());
                self.findings.push(RawFinding {
                    reception,
                    at: t,
                    check,
                    word: text[start..end].into(),
                    message: text.into(),
                    buyer_before: before,
                    wait_secs: None,
                });
            }
        }
    }

    /// The norms of every reception and the per-agent results. `keys` names each reception
    /// (agent, buyer, date) by the receptions' numbering; `agents` the agent ids.
    pub fn finish(
        mut self,
        keys: &[(Arc<str>, Arc<str>, NaiveDate)],
        rules: &[QaRule],
        config: &QaConfig,
        grades: &ScorecardConfig,
    ) -> QaResult {
        self.msgs.sort_unstable_by_key(|m| (m.reception, m.at, m.seq_side));
        let greetings = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .build(config.greetings.iter().filter(|g| !g.is_empty()))
            .ok();
        let slow = i64::from(config.slow_turn_secs);
        let mut agents: BTreeMap<Arc<str>, AgentQa> = BTreeMap::new();
        let msgs = std::mem::take(&mut self.msgs);
        let mut norm_findings: Vec<RawFinding> = Vec::new();
        for group in msgs.chunk_by(|a, b| a.reception == b.reception) {
            let i = group[0].reception;
            let r = &self.receptions[i as usize];
            let Some((agent, ..)) = keys.get(i as usize) else { continue };
            let a = agents.entry(agent.clone()).or_insert_with(|| AgentQa::new(agent.clone(), rules.len()));
            a.receptions += 1;
            let mut found = Vec::new();
            let mut turn: Option<i64> = None;
            let (mut first_agent_done, mut buyer_seen, mut last_buyer_at) = (false, false, 0);
            let mut run: (u32, u32) = (0, 0);
            for m in group {
                if m.hash == 0 {
                    buyer_seen = true;
                    last_buyer_at = m.at;
                    turn.get_or_insert(m.at);
                    run = (0, 0);
                    continue;
                }
                a.messages += 1;
                if !first_agent_done {
                    first_agent_done = true;
                    a.first_replies += 1;
                    let text = r.first_agent.as_ref().map(|f| &*f.2).unwrap_or("");
                    if !greetings.as_ref().is_some_and(|g| g.is_match(text)) {
                        found.push(RawFinding {
                            reception: i,
                            at: m.at,
                            check: Check::Norm(Norm::NoGreeting),
                            word: "".into(),
                            message: text.into(),
                            buyer_before: None,
                            wait_secs: None,
                        });
                    }
                }
                if let Some(start) = turn.take() {
                    a.turns += 1;
                    if m.at - start > slow {
                        found.push(RawFinding {
                            reception: i,
                            at: start,
                            check: Check::Norm(Norm::SlowTurn),
                            word: "".into(),
                            message: "".into(),
                            buyer_before: None,
                            wait_secs: Some(m.at - start),
                        });
                    }
                }
                run = if run.0 == m.hash { (m.hash, run.1 + 1) } else { (m.hash, 1) };
                if run.1 == 3 {
                    let text = r.repeats.iter().find(|(h, _)| *h == m.hash).map(|(_, t)| t.clone()).unwrap_or_default();
                    found.push(RawFinding {
                        reception: i,
                        at: m.at,
                        check: Check::Norm(Norm::Repeat),
                        word: "".into(),
                        message: text,
                        buyer_before: None,
                        wait_secs: None,
                    });
                }
            }
            if buyer_seen {
                a.buyer_receptions += 1;
                if turn.is_some() {
                    found.push(RawFinding {
                        reception: i,
                        at: last_buyer_at,
                        check: Check::Norm(Norm::Unanswered),
                        word: "".into(),
                        message: "".into(),
                        buyer_before: r.last_buyer.as_ref().map(|b| b.2.clone()),
                        wait_secs: None,
                    });
                }
            }
            for f in found {
                let agent_id = r.agent;
                let (n, kept) = self.counts.entry((agent_id, f.check)).or_default();
                *n += 1;
                if *kept < QUOTES_PER_AGENT_CHECK {
                    *kept += 1;
                    norm_findings.push(f);
                }
            }
        }
        // Counts by agent id → by agent name (one id per name).
        let mut id_name: HashMap<u32, Arc<str>> = HashMap::default();
        for (i, r) in self.receptions.iter().enumerate() {
            if let Some((agent, ..)) = keys.get(i) {
                id_name.entry(r.agent).or_insert_with(|| agent.clone());
            }
        }
        for ((agent_id, check), (n, _)) in &self.counts {
            let Some(a) = id_name.get(agent_id).and_then(|name| agents.get_mut(name)) else { continue };
            match check {
                Check::Rule(r) => a.by_rule[*r as usize] += n,
                Check::Norm(norm) => a.by_norm[*norm as usize] += n,
            }
        }
        let mut rows: Vec<AgentQa> = agents.into_values().collect();
        for a in &mut rows {
            a.settle(rules, config, grades);
        }
        rank(&mut rows);
        let mut team = AgentQa::new(Arc::from(""), rules.len());
        for a in &rows {
            team.add(a);
        }
        team.settle(rules, config, grades);

        let mut raw = std::mem::take(&mut self.findings);
        raw.append(&mut norm_findings);
        let mut findings: Vec<Finding> = raw
            .into_iter()
            .filter_map(|f| {
                let (agent, buyer, _) = keys.get(f.reception as usize)?;
                Some(Finding {
                    agent: agent.clone(),
                    buyer: buyer.clone(),
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

/// One agent's inspection (SPEC §4.9).
#[derive(Debug, Clone, PartialEq)]
pub struct AgentQa {
    pub agent: Arc<str>,
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
    fn new(agent: Arc<str>, rules: usize) -> Self {
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
    pub agent: Arc<str>,
    pub buyer: Arc<str>,
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
