//! docs/definitions.md#scorecard: the weighted performance score (绩效考核) — per-agent metrics, bands or linear
//! sub-scores, weights renormalised over the metrics an agent has, grades.

use super::agent_reports::{PeriodReport, agent_report_for};
use super::conversion::ConversionResult;
use super::period::{conversion_for, data_period};
use super::qa::QaResult;
use crate::config::metrics::METRICS;
use crate::config::{Config, ScoreMetric, ScorecardConfig};
use crate::error::{Error, Result};
use crate::model::{AgentReportLine, Order, Period};
use crate::read::chat_records::RatingRow;
use std::collections::BTreeMap;

pub use super::grade::grade;
/// One agent's metrics (`compute::metrics`).
pub use super::metrics::Metrics;

#[derive(Debug, Clone, PartialEq)]
pub struct AgentScore {
    pub agent: String,
    pub metrics: Metrics,
    /// Sub-score (0–100) per scored metric; None when the agent has no value for it.
    pub scores: BTreeMap<String, Option<f64>>,
    /// None when no scored metric has a value.
    pub score: Option<f64>,
    pub grade: Option<String>,
    /// 1 for the best score; equal scores (to the 0.01 shown) share a rank, and the next
    /// rank skips as many places (1, 2, 2, 4). None without a score.
    pub rank: Option<u32>,
}

/// A metric's sub-score: bands (first threshold reached; `else` otherwise) or linear
/// between worst and best, clamped to 0–100.
pub fn sub_score(rule: &ScoreMetric, value: f64) -> f64 {
    if let Some(bands) = &rule.bands {
        let reached = |threshold: f64| if rule.lower_is_better { value <= threshold } else { value >= threshold };
        return bands.iter().find(|b| reached(b.0)).map(|b| b.1).unwrap_or(rule.otherwise);
    }
    match &rule.linear {
        Some(l) if l.best != l.worst => (100.0 * (value - l.worst) / (l.best - l.worst)).clamp(0.0, 100.0),
        _ => rule.otherwise,
    }
}

/// Score every agent and rank them, best first (no score last, then by name).
pub fn score(agents: Vec<(String, Metrics)>, config: &ScorecardConfig) -> Vec<AgentScore> {
    let mut out: Vec<AgentScore> = agents
        .into_iter()
        .map(|(agent, metrics)| {
            let mut scores = BTreeMap::new();
            let (mut weighted, mut weights) = (0.0, 0.0);
            for rule in &config.metric {
                let value = metrics.get(&rule.metric).copied().flatten();
                let sub = value.map(|v| sub_score(rule, v));
                if let Some(s) = sub {
                    weighted += rule.weight * s;
                    weights += rule.weight;
                }
                scores.insert(rule.metric.clone(), sub);
            }
            let score = (weights > 0.0).then(|| weighted / weights);
            let grade = score.map(|s| grade(s, config));
            AgentScore { agent, metrics, scores, score, grade, rank: None }
        })
        .collect();
    out.sort_by(|a, b| match (a.score, b.score) {
        (Some(x), Some(y)) => y.total_cmp(&x).then(a.agent.cmp(&b.agent)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.agent.cmp(&b.agent),
    });
    rank(&mut out);
    out
}

/// Competition ranking of the sorted scores: a score equal to the one before it (in
/// hundredths, as reports show it) takes that one's rank.
fn rank(sorted: &mut [AgentScore]) {
    let shown = |s: f64| (s * 100.0).round() as i64;
    let mut previous: Option<(i64, u32)> = None;
    for (i, a) in sorted.iter_mut().enumerate() {
        let Some(score) = a.score else { continue };
        let place = match previous {
            Some((p, r)) if p == shown(score) => r,
            _ => i as u32 + 1,
        };
        a.rank = Some(place);
        previous = Some((shown(score), place));
    }
}

/// Scores from chats whose conversion for `period` is computed, the orders with their agents
/// (`order_agent`), the ratings and the chat quality pass (`qa`, for `qa_score`).
pub fn from_chats(
    conversion: &ConversionResult,
    orders: &[Order],
    order_agent: &[Option<&str>],
    period: Period,
    ratings: &[RatingRow],
    qa: Option<&QaResult>,
    config: &ScorecardConfig,
) -> Vec<AgentScore> {
    score(super::metrics::from_chats(conversion, orders, order_agent, period, ratings, qa), config)
}

/// Scores from a per-agent report, one line per agent for the period (docs/definitions.md#fields), and the
/// ratings of `period` (all when None).
pub fn from_report(
    lines: &[AgentReportLine],
    ratings: &[RatingRow],
    period: Option<Period>,
    qa: Option<&QaResult>,
    config: &ScorecardConfig,
) -> Vec<AgentScore> {
    score(super::metrics::from_report(lines, ratings, period, qa), config)
}

/// Whether the scoring table scores `qa_score` (docs/definitions.md#quality-inspection): only then is the QA pass run.
pub fn uses_qa(config: &ScorecardConfig) -> bool {
    config.scores_qa()
}

/// The rating metrics (docs/definitions.md#scorecard) some agent has a value for but the scoring table does not
/// score: shown, marked unscored, rather than dropped.
pub fn unscored_ratings(scores: &[AgentScore], config: &ScorecardConfig) -> Vec<&'static str> {
    METRICS
        .iter()
        .filter(|d| d.scorecard && d.sources.ratings)
        .map(|d| d.id)
        .filter(|name| !config.metric.iter().any(|m| m.metric == *name))
        .filter(|name| scores.iter().any(|s| s.metrics.get(*name).copied().flatten().is_some()))
        .collect()
}

/// What a scorecard is computed from: the chats' receptions and the orders with the agent
/// each is attributed to, or a per-agent report; the ratings.
pub struct ScoredInputs<'a> {
    pub receptions: &'a [crate::compute::receptions::Reception],
    pub orders: &'a [crate::model::Order],
    /// The agent each order is attributed to (and, for conversion, under the `order` rule).
    pub agents: &'a super::attribution::OrderAgents<'a>,
    pub summaries: &'a [crate::model::AgentReportLine],
    pub ratings: &'a [RatingRow],
}

/// The scores of a period, and the per-agent report they came from (when they did).
pub struct Scored {
    pub period: Option<Period>,
    pub scores: Vec<AgentScore>,
    pub report: Option<PeriodReport>,
}

/// Metrics from chats and orders when there are chats, else from a per-agent report: the
/// period's rows summed per agent (docs/definitions.md#fields). `qa`: the chat quality pass, for `qa_score`.
pub fn for_period(
    read: &ScoredInputs<'_>,
    requested: Option<Period>,
    config: &Config,
    qa: Option<&QaResult>,
) -> Result<Scored> {
    if !read.receptions.is_empty() {
        let period = data_period(requested, read.receptions, read.orders).expect("receptions have dates");
        let (_, conversion) = conversion_for(read.receptions, read.orders, read.agents, period, config);
        return Ok(from_conversion(read, period, &conversion, config, qa));
    }
    if !read.summaries.is_empty() {
        let report = agent_report_for(read.summaries, requested)?;
        let period = requested
            .or_else(|| report.dates.map(|(from, to)| Period { from, to, kind: crate::model::PeriodKind::All }));
        let scores = from_report(&report.agents, read.ratings, period, qa, &config.scorecard);
        return Ok(Scored { period, scores, report: Some(report) });
    }
    Err(Error::Input(msg!("reading.inputs.no_scorecard_input")))
}

/// Scores from chats whose conversion for `period` is already computed: `report` computes
/// it once for its conversion sheet and for the scorecard (classifying a month's receptions
/// twice was a fifth of its time).
pub fn from_conversion(
    read: &ScoredInputs<'_>,
    period: Period,
    conversion: &ConversionResult,
    config: &Config,
    qa: Option<&QaResult>,
) -> Scored {
    let scores = from_chats(conversion, read.orders, read.agents.sold(), period, read.ratings, qa, &config.scorecard);
    Scored { period: Some(period), scores, report: None }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Config, Linear};

    fn rule(metric: &str) -> ScoreMetric {
        Config::default().scorecard.metric.into_iter().find(|m| m.metric == metric).unwrap()
    }

    #[test]
    fn bands_reach_their_threshold_inclusively() {
        let conversion = rule("conversion");
        assert_eq!(sub_score(&conversion, 0.65), 100.0);
        assert_eq!(sub_score(&conversion, 0.6499), 90.0);
        assert_eq!(sub_score(&conversion, 0.45), 75.0);
        assert_eq!(sub_score(&conversion, 0.4499), 65.0);
        let first = rule("first_response_secs");
        assert_eq!(sub_score(&first, 15.0), 100.0, "≤ with lower_is_better");
        assert_eq!(sub_score(&first, 15.5), 90.0);
        assert_eq!(sub_score(&first, 31.0), 0.0);
    }

    #[test]
    fn linear_is_clamped() {
        let mut r = rule("conversion");
        r.bands = None;
        r.linear = Some(Linear { worst: 0.3, best: 0.7 });
        assert!((sub_score(&r, 0.5) - 50.0).abs() < 1e-9);
        assert_eq!(sub_score(&r, 0.9), 100.0);
        assert_eq!(sub_score(&r, 0.1), 0.0);
        // Lower is better: best below worst.
        r.linear = Some(Linear { worst: 60.0, best: 10.0 });
        assert!((sub_score(&r, 35.0) - 50.0).abs() < 1e-9);
    }

    #[test]
    fn weights_renormalise_over_present_metrics_and_grades_follow() {
        let config = Config::default().scorecard;
        let mut m = Metrics::new();
        m.insert("conversion".into(), Some(0.62)); // 90 × 40
        m.insert("reply_rate".into(), Some(0.96)); // 60 × 10
        m.insert("payment_rate".into(), None); // missing: not 0
        let s = &score(vec![("小王".into(), m)], &config)[0];
        assert!((s.score.unwrap() - (90.0 * 40.0 + 60.0 * 10.0) / 50.0).abs() < 1e-9);
        assert_eq!(s.grade.as_deref(), Some("B"));
        assert_eq!(s.scores["payment_rate"], None);
        assert_eq!(grade(90.0, &config), "A");
        assert_eq!(grade(69.99, &config), "D");
    }

    #[test]
    fn equal_scores_share_a_rank_and_the_next_skips() {
        let config = Config::default().scorecard;
        let agent = |name: &str, conversion: Option<f64>| {
            let mut m = Metrics::new();
            m.insert("conversion".into(), conversion);
            (name.to_string(), m)
        };
        // 0.70 → 100, 0.62 and 0.61 → 90 each, 0.50 → 75, none → no rank.
        let scored = score(
            vec![
                agent("丙", Some(0.61)),
                agent("甲", Some(0.70)),
                agent("乙", Some(0.62)),
                agent("丁", Some(0.50)),
                agent("戊", None),
            ],
            &config,
        );
        let ranks: Vec<(&str, Option<u32>)> = scored.iter().map(|s| (s.agent.as_str(), s.rank)).collect();
        assert_eq!(ranks, [("甲", Some(1)), ("丙", Some(2)), ("乙", Some(2)), ("丁", Some(4)), ("戊", None)]);
    }

    #[test]
    fn an_agent_without_a_qa_score_is_weighted_over_the_others() {
        use crate::compute::qa::{AgentQa, QaResult};
        let agent = |name: &str, receptions: u64, score: f64| AgentQa {
            receptions,
            messages: receptions,
            score,
            grade: "A".into(),
            rank: 1,
            ..AgentQa::new(name.into(), 0)
        };
        let qa = QaResult {
            agents: vec![agent("甲", 3, 82.5)],
            team: agent("", 3, 82.5),
            findings: vec![],
            autos: vec![],
            grades: Default::default(),
        };
        let line =
            |name: &str| AgentReportLine { agent: name.into(), conversion: Some(0.5), ..AgentReportLine::default() };
        // Weighted over the metrics the agent has: 乙 is scored on conversion alone.
        let mut config = Config::default().scorecard;
        config.metric.retain(|m| m.metric == "conversion");
        config.metric.push(ScoreMetric {
            metric: "qa_score".into(),
            weight: 20.0,
            bands: Some(vec![(90.0, 100.0), (80.0, 90.0)]),
            linear: None,
            otherwise: 50.0,
            lower_is_better: false,
        });
        assert!(uses_qa(&config) && !uses_qa(&Config::default().scorecard));
        let scored = from_report(&[line("甲"), line("乙")], &[], None, Some(&qa), &config);
        let get = |name: &str| scored.iter().find(|s| s.agent == name).unwrap();
        // 甲: (40 × 75 + 20 × 90) / 60 = 80; 乙: 75, qa_score unscored.
        assert_eq!(get("甲").score, Some(80.0));
        assert_eq!((get("乙").score, get("乙").scores["qa_score"]), (Some(75.0), None));
    }

    #[test]
    fn ratings_the_table_does_not_score_are_named() {
        let time = chrono::NaiveDate::from_ymd_opt(2026, 10, 3).unwrap().and_hms_opt(9, 0, 0).unwrap();
        let rating = RatingRow { agent: "甲".into(), buyer: None, time, value: 5.0, reason: None };
        let config = Config::default().scorecard;
        let scored = from_report(&[], &[rating], None, None, &config);
        assert_eq!(unscored_ratings(&scored, &config), ["satisfaction", "satisfied_rate"]);
        assert!(unscored_ratings(&score(vec![], &config), &config).is_empty());
    }
}
