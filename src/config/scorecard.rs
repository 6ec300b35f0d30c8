//! `[scorecard]` settings and docs/definitions.md#scorecard's default scoring table.

use super::metrics::{self, Better};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `[scorecard]` (docs/definitions.md#scorecard): the metrics scored, their weights, and the grades.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct ScorecardConfig {
    /// The grade below every minimum in `grades`.
    pub below: String,
    /// Grade → minimum score.
    pub grades: BTreeMap<String, f64>,
    /// The metrics scored; written in the config, they replace the default table.
    pub metric: Vec<ScoreMetric>,
}

impl ScorecardConfig {
    /// The table scores a metric computed from orders (attributed sales, payments, refunds):
    /// scored from chats, they need an order export, or every agent would score on zeros.
    pub fn scores_from_orders(&self) -> bool {
        self.scores_from(|s| s.orders)
    }

    /// The table scores a rating metric (docs/definitions.md#scorecard).
    pub fn scores_ratings(&self) -> bool {
        self.scores_from(|s| s.ratings)
    }

    /// The table scores `qa_score` (docs/definitions.md#quality-inspection): only then is the QA pass run.
    pub fn scores_qa(&self) -> bool {
        self.scores_from(|s| s.qa)
    }

    fn scores_from(&self, source: impl Fn(&metrics::Sources) -> bool) -> bool {
        self.metric.iter().any(|m| metrics::by_id(&m.metric).is_some_and(|d| source(&d.sources)))
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct ScoreMetric {
    pub metric: String,
    pub weight: f64,
    /// `[[threshold, score], …]`: the first threshold the value reaches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bands: Option<Vec<(f64, f64)>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub linear: Option<Linear>,
    /// The score when no band is reached.
    #[serde(rename = "else", default)]
    pub otherwise: f64,
    /// Thresholds are maxima (≤): response times.
    #[serde(default)]
    pub lower_is_better: bool,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Linear {
    pub worst: f64,
    pub best: f64,
}

/// docs/definitions.md#scorecard's default table (a common Taobao 客服绩效考核表): metric, weight, bands,
/// else. Its bands run the way the registry says the metric is better (≤ for response times).
#[allow(clippy::type_complexity)]
const DEFAULT_SCORE_METRICS: &[(&str, f64, &[(f64, f64)], f64)] = &[
    ("conversion", 40.0, &[(0.65, 100.0), (0.60, 90.0), (0.55, 80.0), (0.45, 75.0)], 65.0),
    ("payment_rate", 25.0, &[(0.95, 100.0), (0.90, 90.0), (0.85, 80.0), (0.80, 60.0)], 0.0),
    ("aov_ratio", 5.0, &[(1.18, 100.0), (1.14, 90.0), (1.12, 80.0), (1.10, 60.0)], 0.0),
    ("first_response_secs", 10.0, &[(15.0, 100.0), (20.0, 90.0), (25.0, 80.0), (30.0, 60.0)], 0.0),
    ("avg_response_secs", 10.0, &[(30.0, 100.0), (35.0, 90.0), (45.0, 80.0), (55.0, 60.0)], 0.0),
    ("reply_rate", 10.0, &[(0.99, 100.0), (0.97, 80.0), (0.95, 60.0)], 0.0),
];

impl Default for ScorecardConfig {
    fn default() -> Self {
        ScorecardConfig {
            below: "D".into(),
            grades: [("A".to_string(), 90.0), ("B".to_string(), 80.0), ("C".to_string(), 70.0)].into(),
            metric: DEFAULT_SCORE_METRICS
                .iter()
                .map(|(metric, weight, bands, otherwise)| ScoreMetric {
                    metric: metric.to_string(),
                    weight: *weight,
                    bands: Some(bands.to_vec()),
                    linear: None,
                    otherwise: *otherwise,
                    lower_is_better: metrics::by_id(metric).is_some_and(|d| d.better == Better::Lower),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The default table scores registry metrics, its bands the way each is better.
    #[test]
    fn the_default_table_scores_registry_metrics() {
        for m in ScorecardConfig::default().metric {
            let d = metrics::by_id(&m.metric).unwrap_or_else(|| panic!("{} is not in the registry", m.metric));
            assert!(d.scorecard, "{}", m.metric);
            assert_eq!(m.lower_is_better, d.better == Better::Lower, "{}", m.metric);
        }
        let config = ScorecardConfig::default();
        assert!(config.scores_from_orders() && !config.scores_ratings() && !config.scores_qa());
    }
}
