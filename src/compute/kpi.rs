//! The metrics of KPI multipliers (docs/definitions.md#commission): the ones the rules name, where
//! commission takes their values (the scorecard's metrics, `compute::metrics`), and what to say
//! when the inputs give a rule's metric to no one.

use super::commission::RuleBook;
use crate::config::metrics::{METRICS, MetricDef};

/// Where commission's KPI metrics were taken from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KpiSource {
    /// The period's chats and the attributed orders.
    Chats,
    /// A per-agent report.
    Report,
    /// Neither: orders without chats.
    Nothing,
}

/// The metrics the KPI rules name (the shop's and every agent's), each once, in the
/// registry's order.
pub fn named_metrics(rules: &RuleBook) -> Vec<&'static MetricDef> {
    let named = |d: &MetricDef| {
        std::iter::once(&rules.default).chain(rules.agents.values()).any(|r| r.kpi.iter().any(|k| k.metric == d.id))
    };
    METRICS.iter().filter(|d| named(d)).collect()
}

/// What to say when KPI rules name metrics `source` does not give: those rules never hold and
/// their multiplier stays 1. None when every rule's metric is given (or there is no rule).
pub fn note(rules: &RuleBook, source: KpiSource) -> Option<String> {
    let missing: Vec<&str> = named_metrics(rules)
        .into_iter()
        .filter(|d| match source {
            KpiSource::Chats => !d.sources.chats,
            KpiSource::Report => !d.sources.report,
            KpiSource::Nothing => true,
        })
        .map(|d| d.id)
        .collect();
    if missing.is_empty() {
        return None;
    }
    let list = missing.join(", ");
    Some(match source {
        KpiSource::Nothing => msg!("reading.kpi.no_chats", list = list),
        KpiSource::Chats => msg!("reading.kpi.not_in_chats", list = list),
        KpiSource::Report => msg!("reading.kpi.not_in_report", list = list),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::buyers::Buyers;
    use crate::compute::commission::{from_agent_summaries, from_orders};
    use crate::compute::conversion::{Windows, classify, conversion};
    use crate::compute::metrics::{self, Metrics};
    use crate::compute::receptions::{ChatBook, Reception};
    use crate::config::Config;
    use crate::config::metrics::Kpi;
    use crate::model::{AgentReportLine, Money, Order, OrderState, Period, PeriodKind, Side};
    use chrono::{NaiveDate, NaiveDateTime};
    use rust_decimal::Decimal;
    use std::collections::BTreeMap;

    fn t(day: u32, h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 10, day).unwrap().and_hms_opt(h, m, 0).unwrap()
    }

    fn october() -> Period {
        Period {
            from: NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
            to: NaiveDate::from_ymd_opt(2026, 10, 31).unwrap(),
            kind: PeriodKind::Month,
        }
    }

    /// The shop's rules: a ×1.5 multiplier on each `(metric, at_least)`.
    fn rules(kpis: &[(&str, f64)]) -> RuleBook {
        let text: String = kpis
            .iter()
            .map(|(m, min)| format!("[[commission.kpi]]\nmetric = \"{m}\"\nat_least = {min:?}\nmultiplier = 1.5\n"))
            .collect();
        RuleBook::new(&Config::parse(&text).unwrap().commission, None, |n| n.to_string())
    }

    /// 小王's October: chats with amy, bob, cat and dan, each ordering within the hour (of 100
    /// yuan); amy's, bob's and cat's orders are paid, dan's is not, and amy's is refunded 10.
    struct Month {
        receptions: Vec<Reception>,
        orders: Vec<Order>,
    }

    fn month() -> Month {
        let mut buyers = Buyers::default();
        let mut book = ChatBook::new(&[]);
        let defaults = crate::config::ConversionConfig::default().effective();
        book.measure_rates(crate::compute::receptions::RateRule::from_config(&defaults));
        let mut orders = Vec::new();
        for (i, buyer) in ["amy", "bob", "cat", "dan"].into_iter().enumerate() {
            let at = t(10 + i as u32, 10, 0);
            book.add_message(&mut buyers, "小王", buyer, at, Side::Buyer, Some("在吗"), None);
            book.add_message(
                &mut buyers,
                "小王",
                buyer,
                at + chrono::Duration::seconds(20),
                Side::Agent,
                Some("在"),
                None,
            );
            let paid = buyer != "dan";
            orders.push(Order {
                id: format!("{i}").into(),
                buyer: Some(buyers.id(buyer)),
                paid_amount: Decimal::from(100),
                refund_amount: (buyer == "amy").then(|| Decimal::from(10)),
                created_at: Some(at + chrono::Duration::minutes(30)),
                paid_at: paid.then(|| at + chrono::Duration::minutes(31)),
                agent: None,
                memo: None,
                shop: None,
                shop_id: crate::shops::ShopId::UNNAMED,
                postage: Decimal::ZERO,
                state: if paid { OrderState::Paid } else { OrderState::Unpaid },
                paid_by_status: false,
            });
        }
        let receptions = book.finish(600, &buyers, &mut Default::default());
        Month { receptions, orders }
    }

    /// Commission with KPI metrics from chats and orders, as `commission ORDERS --chats CHATS` takes them.
    fn from_chats(m: &Month, rules: &RuleBook) -> Decimal {
        let agents: Vec<Option<&str>> = m.orders.iter().map(|_| Some("小王")).collect();
        let windows = Windows { after_sales_days: 21, conversion_window_days: 1 };
        let outcomes = classify(&m.receptions, &m.orders, |i| agents[i], windows);
        let result = conversion(&m.receptions, &outcomes, &m.orders, &agents, october(), 120);
        let figures: BTreeMap<String, Metrics> =
            metrics::from_chats(&result, &m.orders, &agents, october(), &[], None).into_iter().collect();
        let paid = m.orders.iter().filter(|o| o.state != OrderState::Unpaid).map(|o| (Some("小王"), o));
        let metric = |agent: &str, name: &str| figures.get(agent).and_then(|f| f.get(name).copied().flatten());
        from_orders(paid, rules, &[], metric).rows[0].multiplier
    }

    #[test]
    fn a_kpi_on_payment_rate_is_applied_from_chats_and_orders() {
        let m = month();
        // 4 orders created in October, 3 of them paid: payment_rate 0.75.
        assert_eq!(from_chats(&m, &rules(&[("payment_rate", 0.75)])), Decimal::new(15, 1));
        assert_eq!(from_chats(&m, &rules(&[("payment_rate", 0.76)])), Decimal::ONE);
        // refund_rate 10 / 300; aov_ratio 1 (小王 is the team).
        assert_eq!(from_chats(&m, &rules(&[("refund_rate", 0.033)])), Decimal::new(15, 1));
        assert_eq!(from_chats(&m, &rules(&[("refund_rate", 0.034)])), Decimal::ONE);
        assert_eq!(from_chats(&m, &rules(&[("aov_ratio", 1.0)])), Decimal::new(15, 1));
    }

    /// Every KPI metric the registry says the chats give is applied from them; every one it
    /// says a per-agent report gives, from a report. A rule no value meets (`at_least` far
    /// below any value) then always holds.
    #[test]
    fn every_kpi_metric_is_applied_from_the_sources_the_registry_names() {
        let m = month();
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
        for d in METRICS {
            assert_eq!(d.kpi == Kpi::Yes, Config::parse(&kpi_text(d.id)).is_ok(), "{}", d.id);
            if d.kpi != Kpi::Yes {
                continue;
            }
            let rules = rules(&[(d.id, -1e9)]);
            let applied = |multiplier: Decimal| multiplier == Decimal::new(15, 1);
            assert_eq!(applied(from_chats(&m, &rules)), d.sources.chats, "{} from chats", d.id);
            let report = from_agent_summaries(std::slice::from_ref(&line), &rules);
            assert_eq!(applied(report.rows[0].multiplier), d.sources.report, "{} from a report", d.id);
            // Whatever a source does not give is said.
            assert_eq!(note(&rules, KpiSource::Chats).is_some(), !d.sources.chats, "{}", d.id);
            assert_eq!(note(&rules, KpiSource::Report).is_some(), !d.sources.report, "{}", d.id);
            assert!(note(&rules, KpiSource::Nothing).is_some_and(|n| n.contains(d.id)));
        }
    }

    fn kpi_text(metric: &str) -> String {
        format!("[[commission.kpi]]\nmetric = \"{metric}\"\nat_least = 0.5\nmultiplier = 1.2\n")
    }

    #[test]
    fn a_kpi_on_a_metric_commission_cannot_compute_is_refused_with_the_reason() {
        let err = Config::parse(&kpi_text("satisfaction")).unwrap_err();
        assert!(err.starts_with("commission.kpi：\"satisfaction\" 不能用作 KPI 系数：它是服务评价的平均分"), "{err}");
        let err = Config::parse(&format!(
            "[commission.agents.\"小王\"]\nrate = 0.03\n{}",
            kpi_text("qa_score").replace("[[commission.kpi]]", "[[commission.agents.\"小王\".kpi]]")
        ))
        .unwrap_err();
        assert!(err.contains("\"qa_score\" 不能用作 KPI 系数：它来自聊天质检"), "{err}");
        assert!(err.ends_with("可用作 KPI 的指标有 inquiries、conversion、payment_rate、sales、aov、aov_ratio、first_response_secs、avg_response_secs、reply_rate、answer_ratio、reply_3min_rate、reply_30s_rate、refund_rate、satisfied_rate、order_rate"), "{err}");
    }

    #[test]
    fn the_note_names_the_metrics_in_registry_order_once() {
        let rules = rules(&[("satisfied_rate", 0.9), ("conversion", 0.5), ("satisfied_rate", 0.95)]);
        assert_eq!(named_metrics(&rules).iter().map(|d| d.id).collect::<Vec<_>>(), ["conversion", "satisfied_rate"]);
        let chats = note(&rules, KpiSource::Chats).unwrap();
        // Unit tests say messages in the default language, Chinese.
        assert!(chats.starts_with("提示：satisfied_rate 的 KPI 规则没有生效"), "{chats}");
        assert_eq!(note(&rules, KpiSource::Report), None);
        assert_eq!(
            note(&RuleBook::new(&Config::default().commission, None, |n| n.to_string()), KpiSource::Nothing),
            None
        );
    }
}
