//! The metric registry: every metric a scorecard scores or a KPI multiplier names
//! (docs/definitions.md#scorecard), one entry each. Config checks, scoring, KPI multipliers,
//! report labels, JSON keys and `init`'s template all read this table; a new metric is a new
//! entry here, an arm in `compute::metrics::value` (the compiler asks for it), a label and a
//! README row.

/// A metric, as the compute code matches on it to take its value (`compute::metrics::value`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Metric {
    Inquiries,
    Conversion,
    PaymentRate,
    Sales,
    Aov,
    AovRatio,
    FirstResponse,
    AvgResponse,
    ReplyRate,
    AnswerRatio,
    RefundRate,
    Satisfaction,
    SatisfiedRate,
    QaScore,
    OrderRate,
    /// The platform response rates of `[[conversion.response_rate]]`'s two defaults (always
    /// first and second there, docs/definitions.md#conversion).
    Reply3Min,
    Reply30s,
}

/// What a value counts, and so how it is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Distinct buyers.
    Count,
    /// Yuan.
    Money,
    Seconds,
    /// A fraction shown as a percentage (0.125 → 12.5%).
    Rate,
    /// A quotient shown as a number (1.18, 2.5).
    Ratio,
    /// Points on the metric's own scale (a 1–5 rating, a 0–100 QA score).
    Score,
}

/// Which way a value is better: a scoring table's bands run the same way
/// (`lower_is_better`), as the default table's do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Better {
    Higher,
    Lower,
}

/// Where a metric's values come from. A metric with none of `chats` and `report` is one
/// `commission` cannot compute: a KPI multiplier on it is refused (`kpi`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sources {
    /// Computed from the chats (message logs or session sheets)…
    pub chats: bool,
    /// …and needs the order export too (attributed sales, payments, refunds): scored from
    /// chats without orders, every agent would score on zeros.
    pub orders: bool,
    /// Read, or computed, from a per-agent report (客服绩效报表).
    pub report: bool,
    /// From the service ratings (服务评价, `--ratings`).
    pub ratings: bool,
    /// From the chat quality pass (质检) over the message logs.
    pub qa: bool,
}

/// Chats alone, or a per-agent report.
const CHATS: Sources = Sources { chats: true, orders: false, report: true, ratings: false, qa: false };
/// Chats and orders, or a per-agent report.
const CHATS_ORDERS: Sources = Sources { orders: true, ..CHATS };
/// Chats alone, never a per-agent report (JD's 30秒应答率 needs the messages: no per-agent report read has it).
const CHATS_ONLY: Sources = Sources { report: false, ..CHATS };
/// Chats and orders only: a per-agent report has no such figure.
const CHATS_ORDERS_ONLY: Sources = Sources { report: false, ..CHATS_ORDERS };
const RATINGS: Sources = Sources { chats: false, orders: false, report: false, ratings: true, qa: false };
/// Ratings, else a per-agent report's figure.
const REPORT_RATINGS: Sources = Sources { report: true, ..RATINGS };
const QA: Sources = Sources { ratings: false, qa: true, ..RATINGS };

/// Whether a `[[commission.kpi]]` rule may name the metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kpi {
    Yes,
    /// Refused by the config check, with this reason (a key of src/messages/config.rs).
    No(&'static str),
}

/// One metric of the registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MetricDef {
    pub metric: Metric,
    /// Its name in the config, the JSON and the README table.
    pub id: &'static str,
    /// Its key in the label table (`labels.rs`).
    pub label: &'static str,
    pub unit: Unit,
    pub better: Better,
    pub sources: Sources,
    /// A `[[scorecard.metric]]` may score it, and the scorecard's JSON has it.
    pub scorecard: bool,
    pub kpi: Kpi,
}

impl MetricDef {
    /// Shown as a percentage (in sheets and in a scoring table's thresholds).
    pub fn is_rate(&self) -> bool {
        self.unit == Unit::Rate
    }
}

/// Every metric, in the order reports and the README show them: the scorecard's, then the
/// KPI-only ones.
pub const METRICS: &[MetricDef] = &[
    def(Metric::Inquiries, "inquiries", "inquiries", Unit::Count, Better::Higher, CHATS),
    def(Metric::Conversion, "conversion", "conversion", Unit::Rate, Better::Higher, CHATS_ORDERS),
    def(Metric::PaymentRate, "payment_rate", "payment_rate", Unit::Rate, Better::Higher, CHATS_ORDERS_ONLY),
    def(Metric::Sales, "sales", "sales", Unit::Money, Better::Higher, CHATS_ORDERS),
    def(Metric::Aov, "aov", "aov", Unit::Money, Better::Higher, CHATS_ORDERS),
    def(Metric::AovRatio, "aov_ratio", "aov_ratio", Unit::Ratio, Better::Higher, CHATS_ORDERS),
    def(Metric::FirstResponse, "first_response_secs", "first_response", Unit::Seconds, Better::Lower, CHATS),
    def(Metric::AvgResponse, "avg_response_secs", "avg_response", Unit::Seconds, Better::Lower, CHATS),
    def(Metric::ReplyRate, "reply_rate", "reply_rate", Unit::Rate, Better::Higher, CHATS),
    def(Metric::AnswerRatio, "answer_ratio", "answer_ratio", Unit::Ratio, Better::Higher, CHATS),
    def(Metric::Reply3Min, "reply_3min_rate", "reply_3min_rate", Unit::Rate, Better::Higher, CHATS),
    def(Metric::Reply30s, "reply_30s_rate", "reply_30s_rate", Unit::Rate, Better::Higher, CHATS_ONLY),
    def(Metric::RefundRate, "refund_rate", "refund_rate", Unit::Rate, Better::Lower, CHATS_ORDERS),
    MetricDef {
        kpi: Kpi::No("config.kpi_why.satisfaction"),
        ..def(Metric::Satisfaction, "satisfaction", "satisfaction", Unit::Score, Better::Higher, RATINGS)
    },
    def(Metric::SatisfiedRate, "satisfied_rate", "satisfied_rate", Unit::Rate, Better::Higher, REPORT_RATINGS),
    MetricDef {
        kpi: Kpi::No("config.kpi_why.qa_score"),
        ..def(Metric::QaScore, "qa_score", "qa.score", Unit::Score, Better::Higher, QA)
    },
    // KPI only: conversion's 询单→下单率.
    MetricDef {
        scorecard: false,
        ..def(Metric::OrderRate, "order_rate", "order_rate", Unit::Rate, Better::Higher, CHATS_ORDERS_ONLY)
    },
];

/// An entry scored by scorecards and usable by KPI rules.
const fn def(
    metric: Metric,
    id: &'static str,
    label: &'static str,
    unit: Unit,
    better: Better,
    sources: Sources,
) -> MetricDef {
    MetricDef { metric, id, label, unit, better, sources, scorecard: true, kpi: Kpi::Yes }
}

/// The entry of a metric name; None for a name no metric has.
pub fn by_id(id: &str) -> Option<&'static MetricDef> {
    METRICS.iter().find(|m| m.id == id)
}

/// The metrics a scorecard has, in report order.
pub fn scorecard() -> impl Iterator<Item = &'static MetricDef> {
    METRICS.iter().filter(|m| m.scorecard)
}

/// The metrics a KPI multiplier may name, in report order.
pub fn kpi() -> impl Iterator<Item = &'static MetricDef> {
    METRICS.iter().filter(|m| m.kpi == Kpi::Yes)
}

/// Shown as a percentage; false for a name no metric has.
pub fn is_rate(id: &str) -> bool {
    by_id(id).is_some_and(MetricDef::is_rate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_metrics_are_unique_and_named_as_written() {
        for (i, m) in METRICS.iter().enumerate() {
            assert!(METRICS[..i].iter().all(|o| o.id != m.id && o.metric != m.metric), "{} twice", m.id);
            assert!(m.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'), "{}", m.id);
            assert_eq!(by_id(m.id), Some(m));
        }
    }

    /// A KPI may name exactly the metrics commission can compute: from chats and orders, or
    /// from a per-agent report. Every other one is refused with a reason.
    #[test]
    fn kpi_metrics_are_the_ones_commission_computes() {
        for m in METRICS {
            let computed = m.sources.chats || m.sources.report;
            assert_eq!(m.kpi == Kpi::Yes, computed, "{}", m.id);
            if let Kpi::No(reason) = m.kpi {
                let said = crate::messages::label(crate::messages::Lang::En, reason);
                assert_ne!(said, reason, "{}: the reason {reason} is in no message table", m.id);
            }
            assert!(!m.sources.orders || m.sources.chats, "{}: orders are read with chats", m.id);
        }
    }

    /// The README's metric table (between `<!-- metrics:start -->` and `<!-- metrics:end -->`)
    /// lists every metric of the registry, once, and no other.
    #[test]
    fn the_readme_table_lists_exactly_the_registry() {
        let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
        let start = readme.find("<!-- metrics:start -->").expect("README.md has <!-- metrics:start -->");
        let end = readme[start..].find("<!-- metrics:end -->").expect("README.md has <!-- metrics:end -->") + start;
        let mut listed: Vec<&str> = readme[start..end]
            .lines()
            .filter(|l| l.trim_start().starts_with('|'))
            .skip(2) // the header and the |---| line
            .map(|l| l.trim().trim_start_matches('|').split('|').next().unwrap_or("").trim().trim_matches('`'))
            .collect();
        let rows = listed.len();
        listed.sort_unstable();
        listed.dedup();
        assert_eq!(rows, listed.len(), "a metric is listed twice in README.md");
        let mut ids: Vec<&str> = METRICS.iter().map(|m| m.id).collect();
        ids.sort_unstable();
        assert_eq!(listed, ids, "README.md's metric table against the registry (config/metrics.rs)");
    }

    #[test]
    fn rates_are_the_metrics_shown_in_percent() {
        let rates: Vec<&str> = METRICS.iter().filter(|m| m.is_rate()).map(|m| m.id).collect();
        assert_eq!(
            rates,
            [
                "conversion",
                "payment_rate",
                "reply_rate",
                "reply_3min_rate",
                "reply_30s_rate",
                "refund_rate",
                "satisfied_rate",
                "order_rate"
            ]
        );
        assert!(!is_rate("aov_ratio") && !is_rate("answer_ratio") && !is_rate("") && !is_rate("nothing"));
    }
}
