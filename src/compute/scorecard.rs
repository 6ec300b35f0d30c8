//! docs/definitions.md#scorecard: the weighted performance score (绩效考核) — per-agent metrics, bands or linear
//! sub-scores, weights renormalised over the metrics an agent has, grades.

use super::commission::summary_metric;
use super::conversion::{ConversionResult, created};
use super::orders::{OrderState, refund, state};
use super::qa::QaResult;
use crate::config::{ScoreMetric, ScorecardConfig};
use crate::model::{AgentSummary, Money, Order, Period};
use crate::read::chat_records::RatingRow;
use rust_decimal::prelude::ToPrimitive;
use std::collections::BTreeMap;

/// The metric names of docs/definitions.md#scorecard: the config's list (it validates `[[scorecard.metric]]`).
pub use crate::config::scorecard::METRICS;

/// One agent's metrics; a missing value is `None`, never 0.
pub type Metrics = BTreeMap<String, Option<f64>>;

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

/// The grade of a score: the highest grade whose minimum it reaches, else `below`.
pub fn grade(score: f64, config: &ScorecardConfig) -> String {
    let mut grades: Vec<(&String, &f64)> = config.grades.iter().collect();
    grades.sort_by(|a, b| b.1.total_cmp(a.1).then(a.0.cmp(b.0)));
    grades.into_iter().find(|(_, min)| score >= **min).map(|(g, _)| g.clone()).unwrap_or_else(|| config.below.clone())
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

/// Per-agent metrics from chats, orders and ratings (docs/definitions.md#scorecard).
pub fn metrics_from_chats(
    conversion: &ConversionResult,
    orders: &[Order],
    order_agent: &[Option<&str>],
    period: Period,
    ratings: &[RatingRow],
) -> Vec<(String, Metrics)> {
    #[derive(Default)]
    struct OrderSums {
        created: u64,
        paid: u64,
        paid_amount: Money,
        refund: Money,
    }
    let mut sums: BTreeMap<&str, OrderSums> = BTreeMap::new();
    for (o, agent) in orders.iter().zip(order_agent) {
        let Some(agent) = agent else { continue };
        let s = sums.entry(agent).or_default();
        // payment_rate: of the orders created in the period, those paid (at any time).
        if created(o).is_some_and(|t| period.contains(t.date())) {
            s.created += 1;
            s.paid += u64::from(state(o) != OrderState::Unpaid);
        }
        // refund_rate: refunds / paid of the period's paid orders.
        if state(o) != OrderState::Unpaid && o.paid_at.is_some_and(|t| period.contains(t.date())) {
            s.paid_amount += o.paid_amount;
            s.refund += refund(o);
        }
    }
    let shop_aov = conversion.totals.aov.and_then(|a| a.to_f64());
    let mut agents: BTreeMap<String, Metrics> = BTreeMap::new();
    for r in &conversion.rows {
        let mut m = Metrics::new();
        for name in [
            "inquiries",
            "conversion",
            "sales",
            "aov",
            "first_response_secs",
            "avg_response_secs",
            "reply_rate",
            "answer_ratio",
        ] {
            m.insert(name.to_string(), r.metric(name));
        }
        let aov = r.aov.and_then(|a| a.to_f64());
        m.insert("aov_ratio".into(), aov.zip(shop_aov).filter(|(_, s)| *s > 0.0).map(|(a, s)| a / s));
        let s = sums.get(r.agent.as_str());
        m.insert("payment_rate".into(), s.filter(|s| s.created > 0).map(|s| s.paid as f64 / s.created as f64));
        m.insert(
            "refund_rate".into(),
            s.filter(|s| !s.paid_amount.is_zero()).and_then(|s| (s.refund / s.paid_amount).to_f64()),
        );
        agents.insert(r.agent.clone(), m);
    }
    add_ratings(agents, ratings, period)
}

/// docs/definitions.md#quality-inspection's `qa_score` per agent: the QA score of the agent's receptions; an agent whose
/// messages were not inspected (no reception in the message logs) has none, as a missing rating.
pub fn add_qa_scores(agents: &mut [(String, Metrics)], qa: Option<&QaResult>) {
    for (agent, m) in agents.iter_mut() {
        let score = qa
            .and_then(|r| r.agents.iter().find(|a| *a.agent == **agent))
            .filter(|a| a.receptions > 0)
            .map(|a| a.score);
        m.insert("qa_score".into(), score);
    }
}

/// Per-agent metrics from a 赤兔/快麦 per-agent report (docs/definitions.md#fields), one line per agent for
/// the period (`agent_reports::sum_over_period`); ratings of `period` (all when None).
pub fn metrics_from_summaries(
    summaries: &[AgentSummary],
    ratings: &[RatingRow],
    period: Option<Period>,
) -> Vec<(String, Metrics)> {
    // The team's 客单价 (docs/definitions.md#conversion): Σ agents' sales / Σ agents' paying buyers, over the agents
    // that have both.
    let (total_sales, total_buyers) = summaries
        .iter()
        .filter_map(|s| s.sales.and_then(|m| m.to_f64()).zip(s.paid_buyers))
        .fold((0.0, 0.0), |(a, b), (s, p)| (a + s, b + p));
    let shop_aov = (total_buyers > 0.0).then(|| total_sales / total_buyers);
    let mut agents: BTreeMap<String, Metrics> = BTreeMap::new();
    for s in summaries {
        let mut m = Metrics::new();
        for name in [
            "inquiries",
            "conversion",
            "sales",
            "first_response_secs",
            "avg_response_secs",
            "reply_rate",
            "answer_ratio",
            "satisfied_rate",
        ] {
            m.insert(name.to_string(), summary_metric(s, name));
        }
        let sales = s.sales.and_then(|m| m.to_f64());
        let aov = sales.zip(s.paid_buyers).filter(|(_, b)| *b > 0.0).map(|(a, b)| a / b);
        m.insert("aov".into(), aov);
        m.insert("aov_ratio".into(), aov.zip(shop_aov).filter(|(_, s)| *s > 0.0).map(|(a, s)| a / s));
        m.insert(
            "refund_rate".into(),
            s.refund.and_then(|r| r.to_f64()).zip(sales).filter(|(_, p)| *p > 0.0).map(|(r, p)| r / p),
        );
        agents.insert(s.agent.clone(), m);
    }
    let whole =
        Period { from: chrono::NaiveDate::MIN, to: chrono::NaiveDate::MAX, kind: crate::model::PeriodKind::All };
    add_ratings(agents, ratings, period.unwrap_or(whole))
}

/// satisfaction (mean rating) and satisfied_rate ((很满意 + 满意) / ratings) of the period.
fn add_ratings(mut agents: BTreeMap<String, Metrics>, ratings: &[RatingRow], period: Period) -> Vec<(String, Metrics)> {
    let mut per_agent: BTreeMap<&str, (f64, u64, u64)> = BTreeMap::new();
    for r in ratings.iter().filter(|r| period.contains(r.time.date())) {
        let e = per_agent.entry(&r.agent).or_default();
        e.0 += r.value;
        e.1 += 1;
        e.2 += u64::from(r.value >= 4.0);
    }
    for (agent, (sum, n, satisfied)) in per_agent {
        let m = agents.entry(agent.to_string()).or_default();
        m.insert("satisfaction".into(), Some(sum / n as f64));
        m.insert("satisfied_rate".into(), Some(satisfied as f64 / n as f64));
    }
    for m in agents.values_mut() {
        for name in METRICS {
            m.entry(name.to_string()).or_insert(None);
        }
    }
    agents.into_iter().collect()
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
    fn an_agent_without_inspected_receptions_has_no_qa_score() {
        use crate::compute::qa::{AgentQa, QaResult};
        let agent = |name: &str, receptions: u64, score: f64| AgentQa {
            receptions,
            messages: receptions,
            score,
            grade: "A".into(),
            rank: 1,
            ..AgentQa::new(name.into(), 0)
        };
        let qa =
            QaResult { agents: vec![agent("甲", 3, 82.5)], team: agent("", 3, 82.5), findings: vec![], autos: vec![] };
        let mut agents = vec![("甲".to_string(), Metrics::new()), ("乙".to_string(), Metrics::new())];
        add_qa_scores(&mut agents, Some(&qa));
        assert_eq!(agents[0].1["qa_score"], Some(82.5));
        assert_eq!(agents[1].1["qa_score"], None);
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
        agents[0].1.insert("conversion".into(), Some(0.5));
        agents[1].1.insert("conversion".into(), Some(0.5));
        let scored = score(agents, &config);
        let get = |name: &str| scored.iter().find(|s| s.agent == name).unwrap();
        // 甲: (40 × 75 + 20 × 90) / 60 = 80; 乙: 75, qa_score unscored.
        assert_eq!(get("甲").score, Some(80.0));
        assert_eq!((get("乙").score, get("乙").scores["qa_score"]), (Some(75.0), None));
        // Without a QA pass nobody has one.
        let mut agents = vec![("甲".to_string(), Metrics::new())];
        add_qa_scores(&mut agents, None);
        assert_eq!(agents[0].1["qa_score"], None);
    }
}
