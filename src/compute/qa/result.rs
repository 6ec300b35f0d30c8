//! What the inspection found (docs/definitions.md#quality-inspection): the checks (word rules and norms), per
//! agent, the team, the findings with their evidence, the auto-reply texts; scores and grades.

use crate::compute::grade::grade;
use crate::config::{QaConfig, QaRule, ScorecardConfig};
use crate::model::SharedName;
use chrono::NaiveDateTime;

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
    /// Receptions with at least one finding.
    pub flagged: u64,
    /// Σ findings × their points (a reception's own score stops at 0; these do not).
    pub points: f64,
    /// Σ of the receptions' scores, each max(0, 100 − its points): the score is their mean.
    pub score_sum: f64,
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
            flagged: 0,
            points: 0.0,
            score_sum: 0.0,
            score: 100.0,
            grade: String::new(),
            rank: 0,
        }
    }

    pub(super) fn add(&mut self, o: &AgentQa) {
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
        self.flagged += o.flagged;
        self.score_sum += o.score_sum;
    }

    /// Points, the score (the mean of the receptions' scores, rounded to 0.01; 100 with no
    /// reception) and the grade.
    pub(super) fn settle(&mut self, rules: &[QaRule], config: &QaConfig, grades: &ScorecardConfig) {
        let words: f64 = self.by_rule.iter().zip(rules).map(|(n, r)| *n as f64 * r.points).sum();
        let norms: f64 = Norm::ALL.iter().map(|n| self.by_norm[*n as usize] as f64 * n.points(config)).sum();
        self.points = round2(words + norms);
        self.score = if self.receptions == 0 { 100.0 } else { round2(self.score_sum / self.receptions as f64) };
        self.grade = grade(self.score, grades);
    }

    pub fn findings(&self) -> u64 {
        self.by_rule.iter().sum::<u64>() + self.by_norm.iter().sum::<u64>()
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Competition ranks by score (ties share a rank, the next skips).
pub(super) fn rank(rows: &mut [AgentQa]) {
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
    /// The grades the scores took (`[qa.grades]`, else the scorecard's; no metrics), shown
    /// beside them.
    pub grades: ScorecardConfig,
}
