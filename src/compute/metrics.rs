//! Each agent's metric values (docs/definitions.md#scorecard): what scorecards score and KPI
//! multipliers test. The metrics are the registry's (`config::metrics`); which figure gives
//! which metric is said once, in `value`.

use super::conversion::{AgentConversion, ConversionResult, created};
use super::orders::{OrderState, refund, state};
use super::qa::{AgentQa, QaResult};
use crate::config::metrics::{METRICS, Metric};
use crate::model::{AgentReportLine, Money, Order, Period};
use crate::read::chat_records::RatingRow;
use rust_decimal::prelude::ToPrimitive;
use std::collections::BTreeMap;

/// One agent's metrics by id, every metric of the registry; a missing value is `None`, never 0.
pub type Metrics = BTreeMap<String, Option<f64>>;

/// One agent's figures: everything its metrics are taken from.
#[derive(Debug, Clone, Copy, Default)]
pub struct Figures<'a> {
    /// From chats and orders, or from a per-agent report; None for an agent known only from
    /// its ratings.
    pub counts: Option<Counts<'a>>,
    /// The agent's ratings of the period.
    pub ratings: Option<RatingSums>,
    /// The agent's QA, when the quality pass ran and inspected the agent's messages.
    pub qa: Option<&'a AgentQa>,
}

#[derive(Debug, Clone, Copy)]
pub enum Counts<'a> {
    /// The agent's conversion row, its orders of the period (None: it has none attributed),
    /// and the team row's 客单价.
    Chats { row: &'a AgentConversion, orders: Option<&'a OrderSums>, team_aov: Option<f64> },
    /// The agent's line of a per-agent report for the period, and the team's 客单价 over the report.
    Report { line: &'a AgentReportLine, team_aov: Option<f64> },
}

/// An agent's attributed orders of a period, for payment_rate and refund_rate.
#[derive(Debug, Clone, Copy, Default)]
pub struct OrderSums {
    /// Orders created in the period, and those of them paid (at any time).
    pub created: u64,
    pub paid: u64,
    /// Paid amount and refunds of the orders paid in the period.
    pub paid_amount: Money,
    pub refund: Money,
}

/// Σ rating, ratings, and those 很满意 or 满意 (4 and up).
#[derive(Debug, Clone, Copy, Default)]
pub struct RatingSums {
    pub sum: f64,
    pub n: u64,
    pub satisfied: u64,
}

/// The value of `metric` in an agent's figures; None when they do not give it.
pub fn value(metric: Metric, f: &Figures) -> Option<f64> {
    use Counts::{Chats, Report};
    let ratio = |agent: Option<f64>, team: Option<f64>| agent.zip(team).filter(|(_, t)| *t > 0.0).map(|(a, t)| a / t);
    let report_sales = |line: &AgentReportLine| line.sales.and_then(|m| m.to_f64());
    // 客单价 of a report line: sales / paying buyers.
    let report_aov =
        |line: &AgentReportLine| report_sales(line).zip(line.paid_buyers).filter(|(_, b)| *b > 0.0).map(|(a, b)| a / b);
    match metric {
        Metric::Satisfaction => return f.ratings.map(|r| r.sum / r.n as f64),
        // Ratings, else the report's 满意率.
        Metric::SatisfiedRate => {
            return match (f.ratings, f.counts) {
                (Some(r), _) => Some(r.satisfied as f64 / r.n as f64),
                (None, Some(Report { line, .. })) => line.satisfied_rate,
                (None, _) => None,
            };
        }
        // An agent none of whose receptions was inspected has none, as a missing rating.
        Metric::QaScore => return f.qa.filter(|a| a.receptions > 0).map(|a| a.score),
        _ => {}
    }
    match (metric, f.counts?) {
        (Metric::Inquiries, Chats { row, .. }) => Some(row.inquiries as f64),
        (Metric::Inquiries, Report { line, .. }) => line.inquiries,
        (Metric::Conversion, Chats { row, .. }) => row.conversion,
        (Metric::Conversion, Report { line, .. }) => {
            line.conversion.or_else(|| match (line.paid_buyers, line.inquiries) {
                (Some(p), Some(i)) if i > 0.0 => Some(p / i),
                _ => None,
            })
        }
        (Metric::OrderRate, Chats { row, .. }) => row.order_rate,
        // Of the orders created in the period, those paid.
        (Metric::PaymentRate, Chats { orders, .. }) => {
            orders.filter(|s| s.created > 0).map(|s| s.paid as f64 / s.created as f64)
        }
        (Metric::Sales, Chats { row, .. }) => row.sales.to_f64(),
        (Metric::Sales, Report { line, .. }) => report_sales(line),
        (Metric::Aov, Chats { row, .. }) => row.aov.and_then(|a| a.to_f64()),
        (Metric::Aov, Report { line, .. }) => report_aov(line),
        (Metric::AovRatio, Chats { row, team_aov, .. }) => ratio(row.aov.and_then(|a| a.to_f64()), team_aov),
        (Metric::AovRatio, Report { line, team_aov }) => ratio(report_aov(line), team_aov),
        (Metric::FirstResponse, Chats { row, .. }) => row.first_response_secs,
        (Metric::FirstResponse, Report { line, .. }) => line.first_response_secs,
        (Metric::AvgResponse, Chats { row, .. }) => row.avg_response_secs,
        (Metric::AvgResponse, Report { line, .. }) => line.avg_response_secs,
        (Metric::ReplyRate, Chats { row, .. }) => row.reply_rate,
        (Metric::ReplyRate, Report { line, .. }) => line.reply_rate,
        (Metric::AnswerRatio, Chats { row, .. }) => row.answer_ratio,
        (Metric::AnswerRatio, Report { line, .. }) => line.answer_ratio,
        // Refunds / paid of the period's paid orders; a report's refunds / its sales.
        (Metric::RefundRate, Chats { orders, .. }) => {
            orders.filter(|s| !s.paid_amount.is_zero()).and_then(|s| (s.refund / s.paid_amount).to_f64())
        }
        (Metric::RefundRate, Report { line, .. }) => {
            line.refund.and_then(|r| r.to_f64()).zip(report_sales(line)).filter(|(_, p)| *p > 0.0).map(|(r, p)| r / p)
        }
        // The config's first two response rates are always these two (docs/definitions.md#conversion).
        (Metric::Reply3Min, Chats { row, .. }) => row.response_rate(0),
        // The platform's own 3分钟人工回复率 (飞鸽 客服数据, Pinduoduo).
        (Metric::Reply3Min, Report { line, .. }) => line.reply_3min_rate,
        (Metric::Reply30s, Chats { row, .. }) => row.response_rate(1),
        (Metric::PaymentRate | Metric::OrderRate | Metric::Reply30s, Report { .. }) => None,
        (Metric::Satisfaction | Metric::SatisfiedRate | Metric::QaScore, _) => None,
    }
}

/// Every metric of the registry from one agent's figures.
fn metrics_of(f: &Figures) -> Metrics {
    METRICS.iter().map(|d| (d.id.to_string(), value(d.metric, f))).collect()
}

/// Per-agent metrics from chats, orders and ratings (docs/definitions.md#scorecard): the agents of
/// the conversion rows and of the ratings. `qa`: the chat quality pass, for `qa_score`.
pub fn from_chats(
    conversion: &ConversionResult,
    orders: &[Order],
    order_agent: &[Option<&str>],
    period: Period,
    ratings: &[RatingRow],
    qa: Option<&QaResult>,
) -> Vec<(String, Metrics)> {
    let mut sums: BTreeMap<&str, OrderSums> = BTreeMap::new();
    for (o, agent) in orders.iter().zip(order_agent) {
        let Some(agent) = agent else { continue };
        let s = sums.entry(agent).or_default();
        if created(o).is_some_and(|t| period.contains(t.date())) {
            s.created += 1;
            s.paid += u64::from(state(o) != OrderState::Unpaid);
        }
        if state(o) != OrderState::Unpaid && o.paid_at.is_some_and(|t| period.contains(t.date())) {
            s.paid_amount += o.paid_amount;
            s.refund += refund(o);
        }
    }
    let team_aov = conversion.totals.aov.and_then(|a| a.to_f64());
    let mut agents: BTreeMap<&str, Figures> = BTreeMap::new();
    for row in &conversion.rows {
        let counts = Counts::Chats { row, orders: sums.get(row.agent.as_str()), team_aov };
        agents.insert(&row.agent, Figures { counts: Some(counts), ..Figures::default() });
    }
    finish(agents, ratings, period, qa)
}

/// Per-agent metrics from a 赤兔/快麦 per-agent report (docs/definitions.md#fields), one line per
/// agent for the period (`agent_reports::sum_over_period`), and the ratings of `period` (all
/// when None).
pub fn from_report(
    lines: &[AgentReportLine],
    ratings: &[RatingRow],
    period: Option<Period>,
    qa: Option<&QaResult>,
) -> Vec<(String, Metrics)> {
    // The team's 客单价 (docs/definitions.md#conversion): Σ agents' sales / Σ agents' paying
    // buyers, over the agents that have both.
    let (total_sales, total_buyers) = lines
        .iter()
        .filter_map(|s| s.sales.and_then(|m| m.to_f64()).zip(s.paid_buyers))
        .fold((0.0, 0.0), |(a, b), (s, p)| (a + s, b + p));
    let team_aov = (total_buyers > 0.0).then(|| total_sales / total_buyers);
    let mut agents: BTreeMap<&str, Figures> = BTreeMap::new();
    for line in lines {
        agents.insert(&line.agent, Figures { counts: Some(Counts::Report { line, team_aov }), ..Figures::default() });
    }
    let whole =
        Period { from: chrono::NaiveDate::MIN, to: chrono::NaiveDate::MAX, kind: crate::model::PeriodKind::All };
    finish(agents, ratings, period.unwrap_or(whole), qa)
}

/// The agents' ratings of the period (an agent rated but not otherwise known is added) and QA,
/// then every metric.
fn finish<'a>(
    mut agents: BTreeMap<&'a str, Figures<'a>>,
    ratings: &'a [RatingRow],
    period: Period,
    qa: Option<&'a QaResult>,
) -> Vec<(String, Metrics)> {
    for r in ratings.iter().filter(|r| period.contains(r.time.date())) {
        let sums = agents.entry(&r.agent).or_default().ratings.get_or_insert_default();
        sums.sum += r.value;
        sums.n += 1;
        sums.satisfied += u64::from(r.value >= 4.0);
    }
    agents
        .into_iter()
        .map(|(agent, mut f)| {
            f.qa = qa.and_then(|q| q.agents.iter().find(|a| *a.agent == *agent));
            (agent.to_string(), metrics_of(&f))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::metrics;

    /// Each source gives the metrics the registry says it gives, and no other.
    #[test]
    fn sources_give_the_metrics_the_registry_says() {
        let row = AgentConversion {
            inquiries: 10,
            conversion: Some(0.5),
            order_rate: Some(0.6),
            sales: Money::from(1000),
            aov: Some(Money::from(200)),
            first_response_secs: Some(12.0),
            avg_response_secs: Some(30.0),
            reply_rate: Some(1.0),
            answer_ratio: Some(1.5),
            tally: super::super::conversion::Tally { rates: [(1, 2), (0, 1), (0, 0), (0, 0)], ..Default::default() },
            ..AgentConversion::default()
        };
        let orders = OrderSums { created: 4, paid: 3, paid_amount: Money::from(1000), refund: Money::from(100) };
        let chats = Counts::Chats { row: &row, orders: Some(&orders), team_aov: Some(250.0) };
        let line = AgentReportLine {
            agent: "小王".into(),
            sales: Some(Money::from(1000)),
            refund: Some(Money::from(50)),
            inquiries: Some(10.0),
            paid_buyers: Some(5.0),
            conversion: Some(0.5),
            first_response_secs: Some(12.0),
            avg_response_secs: Some(30.0),
            reply_rate: Some(1.0),
            reply_3min_rate: Some(0.95),
            satisfied_rate: Some(0.9),
            answer_ratio: Some(1.5),
            ..AgentReportLine::default()
        };
        let report = Counts::Report { line: &line, team_aov: Some(250.0) };
        let qa = AgentQa { receptions: 3, score: 95.0, ..AgentQa::new("小王".into(), 0) };
        let ratings = RatingSums { sum: 9.0, n: 2, satisfied: 2 };
        for d in METRICS {
            let given = |f: Figures| value(d.metric, &f).is_some();
            let s = d.sources;
            assert_eq!(given(Figures { counts: Some(chats), ..Figures::default() }), s.chats, "{} from chats", d.id);
            assert_eq!(
                given(Figures { counts: Some(report), ..Figures::default() }),
                s.report,
                "{} from a report",
                d.id
            );
            assert_eq!(
                given(Figures { ratings: Some(ratings), ..Figures::default() }),
                s.ratings,
                "{} from ratings",
                d.id
            );
            assert_eq!(given(Figures { qa: Some(&qa), ..Figures::default() }), s.qa, "{} from QA", d.id);
        }
        let f = Figures { counts: Some(chats), ..Figures::default() };
        assert_eq!(value(Metric::PaymentRate, &f), Some(0.75));
        assert_eq!(value(Metric::RefundRate, &f), Some(0.1));
        assert_eq!(value(Metric::AovRatio, &f), Some(0.8));
        assert_eq!((value(Metric::Reply3Min, &f), value(Metric::Reply30s, &f)), (Some(0.5), Some(0.0)));
        // Ratings win over the report's 满意率.
        let f = Figures { counts: Some(report), ratings: Some(RatingSums { sum: 7.0, n: 2, satisfied: 1 }), qa: None };
        assert_eq!((value(Metric::SatisfiedRate, &f), value(Metric::Satisfaction, &f)), (Some(0.5), Some(3.5)));
        assert_eq!(value(Metric::Aov, &f), Some(200.0));
        assert_eq!(metrics_of(&f).len(), metrics::METRICS.len());
    }

    #[test]
    fn an_agent_without_inspected_receptions_has_no_qa_score() {
        let agent = |name: &str, receptions: u64, score: f64| AgentQa {
            receptions,
            messages: receptions,
            score,
            grade: "A".into(),
            rank: 1,
            ..AgentQa::new(name.into(), 0)
        };
        let qa = QaResult {
            agents: vec![agent("甲", 3, 82.5), agent("乙", 0, 100.0)],
            team: agent("", 3, 82.5),
            findings: vec![],
            autos: vec![],
            grades: Default::default(),
        };
        let lines = [
            AgentReportLine { agent: "甲".into(), ..AgentReportLine::default() },
            AgentReportLine { agent: "乙".into(), ..AgentReportLine::default() },
            AgentReportLine { agent: "丙".into(), ..AgentReportLine::default() },
        ];
        let m: BTreeMap<String, Metrics> = from_report(&lines, &[], None, Some(&qa)).into_iter().collect();
        assert_eq!(m["甲"]["qa_score"], Some(82.5));
        assert_eq!((m["乙"]["qa_score"], m["丙"]["qa_score"]), (None, None));
        // Without a QA pass nobody has one.
        let m = from_report(&lines, &[], None, None);
        assert!(m.iter().all(|(_, m)| m["qa_score"].is_none()));
    }
}
