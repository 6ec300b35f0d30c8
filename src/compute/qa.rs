//! docs/definitions.md#quality-inspection: chat quality inspection (质检). Agents' messages are scanned for the word rules
//! while chats are read (one Aho–Corasick pass per message); the service norms are measured
//! per reception once all messages are in. Only findings keep text, at most
//! `QUOTES_PER_AGENT_CHECK` per agent and check (the rest are counted), plus one buyer message
//! and one agent message per reception for the evidence columns.

use super::receptions::{MessageObserver, ReceptionKey};
use crate::buyers::Buyers;
use crate::config::{QaConfig, QaRule, ScorecardConfig};
use crate::model::{Period, SharedName, Side};
use crate::quotes::{QuoteRef, Quotes};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder};
use chrono::{NaiveDate, NaiveDateTime};
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

mod matcher;
mod result;
pub use matcher::{QaMatcher, RuleHit};
use result::rank;
pub use result::{AgentQa, AutoText, Check, Finding, Norm, QaResult};

/// Findings kept with their text per agent and check; the others are only counted.
pub const QUOTES_PER_AGENT_CHECK: u32 = 200;

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
    /// The word findings in the reception so far, and their points.
    findings: u32,
    points: f64,
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

/// Collects what `qa` needs while chats are read (hooked into the receptions' `ChatBook` as
/// its `MessageObserver`): the word findings as messages arrive, then the norms per reception
/// from the receptions' sorted messages, before `finish`.
pub struct QaCollector {
    matcher: QaMatcher,
    greetings: Option<AhoCorasick>,
    slow_turn_secs: i64,
    rules: usize,
    /// Points per word finding, by rule; per norm finding, in `Norm::ALL` order.
    rule_points: Vec<f64>,
    norm_points: [f64; 4],
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
        Some(Err(e)) => msg!("reading.qa.unreadable_quote", detail = e).into(),
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
            rule_points: rules.iter().map(|r| r.points).collect(),
            norm_points: Norm::ALL.map(|n| n.points(config)),
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

    /// Each agent number's name as the reports give it, where it differs from the name read
    /// (a sub-account kept apart across shops): `name(agent number, name read)`.
    pub fn rename_agents(&mut self, name: impl Fn(u32, &SharedName) -> Option<SharedName>) {
        for (i, a) in self.agents.iter_mut().enumerate() {
            if let Some(a) = a
                && let Some(new) = name(i as u32, &a.agent)
            {
                a.agent = new;
            }
        }
    }

    fn in_period(&self, date: NaiveDate) -> bool {
        self.period.is_none_or(|p| p.contains(date))
    }

    /// The per-agent results and the findings. `keys` names each reception (agent, buyer,
    /// date) by the receptions' numbering; the grades are `[qa.grades]`, else `scorecard`'s.
    pub fn finish(
        mut self,
        keys: &[ReceptionKey],
        buyers: &Buyers,
        rules: &[QaRule],
        config: &QaConfig,
        scorecard: &ScorecardConfig,
    ) -> QaResult {
        let grades = config.grade_table(scorecard);
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
        // One person's sub-accounts of several shops are one row.
        rows.dedup_by(|later, first| {
            let same = later.agent == first.agent;
            if same {
                first.add(later);
            }
            same
        });
        for a in &mut rows {
            a.settle(rules, config, &grades);
        }
        rank(&mut rows);
        let mut team = AgentQa::new(SharedName::from(""), rules.len());
        for a in &rows {
            team.add(a);
        }
        team.settle(rules, config, &grades);

        let raw = std::mem::take(&mut self.findings);
        let mut findings: Vec<Finding> = raw
            .into_iter()
            .filter_map(|f| {
                let key = keys.get(f.reception as usize)?;
                Some(Finding {
                    agent: key.agent.clone(),
                    buyer: buyers.name(key.buyer).into(),
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
        QaResult { agents: rows, team, findings, autos, grades }
    }
}

/// Hooked into the receptions' `ChatBook` (`observe`): the word rules as messages arrive, the
/// norms per reception once they are sorted.
impl MessageObserver for QaCollector {
    /// An auto-reply: its text is the shop's, checked once per distinct text.
    fn auto_reply(&mut self, at: NaiveDateTime, text: &str) {
        if self.in_period(at.date()) {
            *self.autos.entry(text.trim().into()).or_default() += 1;
        }
    }

    /// A message of reception `reception` (the receptions' numbering) of agent `agent`;
    /// `seq_side` as the receptions keep it (`seq << 1 | 1` for the agent).
    fn message(
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
            r.findings += 1;
            r.points += self.rule_points[rule as usize];
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
    /// from its messages as (time, `seq_side`), sorted by time and file order.
    fn reception(&mut self, reception: u32, agent_id: u32, agent: &SharedName, date: NaiveDate, msgs: &[(i64, u32)]) {
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
        for &(at, seq_side) in msgs {
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
        // The reception's score: 100 less the points of every finding in it, at least 0.
        let norms: f64 = found
            .iter()
            .map(|(f, ..)| if let Check::Norm(n) = f.check { self.norm_points[n as usize] } else { 0.0 })
            .sum();
        a.score_sum += (100.0 - r.points - norms).max(0.0);
        if r.findings > 0 || !found.is_empty() {
            a.flagged += 1;
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

    /// After the last reception: what was kept per reception and message is freed.
    fn done(&mut self) {
        self.receptions = Vec::new();
        self.hashes = Vec::new();
    }
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
        let chat: Vec<_> = order.iter().map(|&i| ("amy", CHAT[i])).collect();
        inspect_chats(&chat)
    }

    /// A message of a test chat: hour, minute, second, side, text.
    type Line<'a> = (u32, u32, u32, Side, &'a str);

    /// The QA of 小王's messages with each buyer, in this file order.
    fn inspect_chats(chat: &[(&str, Line<'_>)]) -> QaResult {
        let rules = default_qa_rules();
        let config = QaConfig::default();
        let mut book = super::super::receptions::ChatBook::new(&["[自动回复]".to_string()]);
        book.observe(Box::new(QaCollector::new(&rules, &config, None, Quotes::in_memory())));
        let mut buyers = Buyers::default();
        for &(buyer, (h, m, s, side, text)) in chat {
            book.add_message(&mut buyers, "小王", buyer, at(h, m, s), side, Some(text), None);
        }
        let keys = book.reception_keys();
        let qa = book.take_observer::<QaCollector>().unwrap();
        qa.finish(&keys, &buyers, &rules, &config, &ScorecardConfig::default())
    }

    #[test]
    fn norms_by_hand_and_the_same_whatever_the_file_order() {
        let r = inspect(&[0, 1, 2, 3, 4, 5, 6]);
        let a = &r.agents[0];
        assert_eq!((r.agents.len(), a.receptions, a.messages), (1, 1, 4));
        assert_eq!((a.first_replies, a.turns, a.buyer_receptions), (1, 2, 1));
        assert_eq!(a.by_norm, [1, 1, 1, 1]);
        // One reception: 100 − (5 + 5 + 10 + 5) = 75.
        assert_eq!((a.points, a.flagged, a.score, a.grade.as_str()), (25.0, 1, 75.0, "C"));
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

    /// A reception's score stops at 0 however many points it loses; the agent's is the mean
    /// of the receptions' scores, a reception without findings counting 100.
    #[test]
    fn each_reception_is_scored_from_100_and_the_agent_is_their_mean() {
        let bad = "加我微信，好评返现";
        let r = inspect_chats(&[
            // amy: three times off_platform 20 + fake_review 20 = 120, no greeting 5, the
            // repeat at the third 5: 130 points, the reception scores 0.
            ("amy", (9, 0, 0, Side::Buyer, "在吗")),
            ("amy", (9, 0, 10, Side::Agent, bad)),
            ("amy", (9, 0, 20, Side::Agent, bad)),
            ("amy", (9, 0, 30, Side::Agent, bad)),
            // bob: greeted within seconds, nothing found: 100.
            ("bob", (10, 0, 0, Side::Buyer, "在吗")),
            ("bob", (10, 0, 5, Side::Agent, "您好，在的")),
        ]);
        let a = &r.agents[0];
        assert_eq!((a.receptions, a.by_rule[0], a.by_rule[2], a.by_norm), (2, 3, 3, [1, 0, 0, 1]));
        // (0 + 100) / 2 = 50, below every grade.
        assert_eq!((a.points, a.flagged, a.score, a.grade.as_str(), a.rank), (130.0, 1, 50.0, "D", 1));
        assert_eq!((r.team.score, r.team.points), (50.0, 130.0));
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
