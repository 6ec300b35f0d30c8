//! `[scorecard]` settings and docs/definitions.md#scorecard's default scoring table.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The metric names of docs/definitions.md#scorecard (and §4.9's `qa_score`), in the order reports show them.
pub const METRICS: &[&str] = &[
    "inquiries",
    "conversion",
    "payment_rate",
    "sales",
    "aov",
    "aov_ratio",
    "first_response_secs",
    "avg_response_secs",
    "reply_rate",
    "answer_ratio",
    "refund_rate",
    "satisfaction",
    "satisfied_rate",
    "qa_score",
];

/// The metrics computed from orders (attributed sales, payments, refunds): scored from
/// chats, they need an order export, or every agent would score on zeros.
pub const FROM_ORDERS: &[&str] = &["conversion", "payment_rate", "sales", "aov", "aov_ratio", "refund_rate"];

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
    /// The table scores a metric computed from orders (`FROM_ORDERS`).
    pub fn scores_from_orders(&self) -> bool {
        self.metric.iter().any(|m| FROM_ORDERS.contains(&m.metric.as_str()))
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
/// else, lower is better.
#[allow(clippy::type_complexity)]
const DEFAULT_SCORE_METRICS: &[(&str, f64, &[(f64, f64)], f64, bool)] = &[
    ("conversion", 40.0, &[(0.65, 100.0), (0.60, 90.0), (0.55, 80.0), (0.45, 75.0)], 65.0, false),
    ("payment_rate", 25.0, &[(0.95, 100.0), (0.90, 90.0), (0.85, 80.0), (0.80, 60.0)], 0.0, false),
    ("aov_ratio", 5.0, &[(1.18, 100.0), (1.14, 90.0), (1.12, 80.0), (1.10, 60.0)], 0.0, false),
    ("first_response_secs", 10.0, &[(15.0, 100.0), (20.0, 90.0), (25.0, 80.0), (30.0, 60.0)], 0.0, true),
    ("avg_response_secs", 10.0, &[(30.0, 100.0), (35.0, 90.0), (45.0, 80.0), (55.0, 60.0)], 0.0, true),
    ("reply_rate", 10.0, &[(0.99, 100.0), (0.97, 80.0), (0.95, 60.0)], 0.0, false),
];

impl Default for ScorecardConfig {
    fn default() -> Self {
        ScorecardConfig {
            below: "D".into(),
            grades: [("A".to_string(), 90.0), ("B".to_string(), 80.0), ("C".to_string(), 70.0)].into(),
            metric: DEFAULT_SCORE_METRICS
                .iter()
                .map(|(metric, weight, bands, otherwise, lower)| ScoreMetric {
                    metric: metric.to_string(),
                    weight: *weight,
                    bands: Some(bands.to_vec()),
                    linear: None,
                    otherwise: *otherwise,
                    lower_is_better: *lower,
                })
                .collect(),
        }
    }
}
