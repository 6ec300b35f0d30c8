//! docs/definitions.md#fields per-agent reports (赤兔/快麦/platform 客服绩效报表) over a period. Such reports
//! are often one row per agent per day: the period's rows are summed per agent and each rate
//! is recomputed from the sums — never the agent's last row, never a plain mean of daily
//! rates. `commission`, `scorecard`, `report` and `daily` all read a report through here.

use crate::error::Result;
use crate::model::{AgentReportLine, Money, Period};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// A per-agent report for one period: one line per agent, and what was left out.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PeriodReport {
    /// One line per agent, sorted by name.
    pub agents: Vec<AgentReportLine>,
    /// Dated rows inside the period (all dated rows without a period).
    pub rows_in_period: usize,
    /// Dated rows outside the period: left out. A row dated by a range (a week) is in the
    /// period only when its whole range is; one that straddles the period's edge is counted
    /// here and in `rows_straddling`.
    pub rows_outside: usize,
    /// Of `rows_outside`, the rows whose range is partly inside the period.
    pub rows_straddling: usize,
    /// Rows of a report without a date column (one row per agent for the export's whole
    /// span): they cannot be placed in a period and are taken as the period's.
    pub rows_undated: usize,
    /// First and last date of the rows taken.
    pub dates: Option<(NaiveDate, NaiveDate)>,
    /// First and last date of every dated row read, for "the files cover …" messages.
    pub all_dates: Option<(NaiveDate, NaiveDate)>,
}

/// docs/definitions.md#fields: the period's rows of a per-agent report, summed per agent. Rows dated outside
/// `period` are left out; `None` takes every row.
pub fn sum_over_period(rows: &[AgentReportLine], period: Option<Period>) -> PeriodReport {
    let mut out = PeriodReport::default();
    let mut groups: BTreeMap<&str, Vec<&AgentReportLine>> = BTreeMap::new();
    let widen = |span: &mut Option<(NaiveDate, NaiveDate)>, d: NaiveDate| {
        *span = Some(span.map_or((d, d), |(a, b)| (a.min(d), b.max(d))));
    };
    for r in rows {
        match r.days() {
            Some((first, last)) => {
                widen(&mut out.all_dates, first);
                widen(&mut out.all_dates, last);
                if let Some(p) = period.filter(|p| !(p.contains(first) && p.contains(last))) {
                    out.rows_outside += 1;
                    // Partly inside: its figures cannot be split by day (docs/decisions.md).
                    out.rows_straddling += usize::from(first <= p.to && last >= p.from);
                    continue;
                }
                widen(&mut out.dates, first);
                widen(&mut out.dates, last);
                out.rows_in_period += 1;
            }
            None => out.rows_undated += 1,
        }
        groups.entry(r.agent.as_str()).or_default().push(r);
    }
    out.agents = groups.into_iter().map(|(agent, rows)| combine(agent, &rows)).collect();
    out
}

/// Rows combined into one line (an agent's days, or the agents of a team row, docs/definitions.md#conversion): counts
/// and money summed; conversion = Σ paid_buyers / Σ inquiries and 答问比 = Σ 客服消息数 /
/// Σ 买家消息数 over the rows that have both counts; any other rate weighted by its
/// denominator: reply_rate by consulted, response times and satisfied_rate by received
/// (each falling back to the other count when a row lacks it). A single row is taken as the
/// report prints it.
pub fn combine(agent: &str, rows: &[&AgentReportLine]) -> AgentReportLine {
    let mut line = match rows {
        [] => AgentReportLine::default(),
        [only] => (*only).clone(),
        _ => combine_many(rows),
    };
    line.agent = agent.to_string();
    // A report with the counts but not the rate: the rate from the counts.
    if line.conversion.is_none() {
        line.conversion = ratio_of_sums(&[&line], |r| r.paid_buyers, |r| r.inquiries).flatten();
    }
    if line.answer_ratio.is_none() {
        line.answer_ratio = ratio_of_sums(&[&line], |r| r.agent_messages, |r| r.buyer_messages).flatten();
    }
    line
}

type Field = fn(&AgentReportLine) -> Option<f64>;

fn combine_many(rows: &[&AgentReportLine]) -> AgentReportLine {
    let sum =
        |f: Field| rows.iter().filter_map(|r| f(r)).fold(None, |acc: Option<f64>, v| Some(acc.unwrap_or(0.0) + v));
    let money = |f: fn(&AgentReportLine) -> Option<Money>| {
        rows.iter().filter_map(|r| f(r)).fold(None, |acc: Option<Money>, v| Some(acc.unwrap_or_default() + v))
    };
    let first_date = rows.first().and_then(|r| r.date);
    let received: Field = |r| r.received;
    let consulted: Field = |r| r.consulted;
    let inquiries: Field = |r| r.inquiries;
    let buyer_messages: Field = |r| r.buyer_messages;
    let first_shop = rows.first().and_then(|r| r.shop.clone());
    let same_days = first_date.is_some() && rows.iter().all(|r| r.days() == rows[0].days());
    AgentReportLine {
        agent: String::new(),
        date: first_date.filter(|_| same_days),
        last_date: rows[0].last_date.filter(|_| same_days),
        // The shop when every row is of it (one agent's rows of several shops: none).
        shop: first_shop.filter(|s| rows.iter().all(|r| r.shop.as_deref() == Some(s.as_str()))),
        sales: money(|r| r.sales),
        refund: money(|r| r.refund),
        consulted: sum(consulted),
        received: sum(received),
        inquiries: sum(inquiries),
        ordered: sum(|r| r.ordered),
        paid_buyers: sum(|r| r.paid_buyers),
        conversion: ratio_of_sums(rows, |r| r.paid_buyers, inquiries)
            .unwrap_or_else(|| weighted(rows, |r| r.conversion, &[inquiries, received, consulted])),
        first_response_secs: weighted(rows, |r| r.first_response_secs, &[received, consulted]),
        avg_response_secs: weighted(rows, |r| r.avg_response_secs, &[received, consulted]),
        reply_rate: weighted(rows, |r| r.reply_rate, &[consulted, received]),
        reply_3min_rate: weighted(rows, |r| r.reply_3min_rate, &[consulted, received]),
        satisfied_rate: weighted(rows, |r| r.satisfied_rate, &[received, consulted]),
        answer_ratio: ratio_of_sums(rows, |r| r.agent_messages, buyer_messages)
            .unwrap_or_else(|| weighted(rows, |r| r.answer_ratio, &[buyer_messages, received, consulted])),
        buyer_messages: sum(buyer_messages),
        agent_messages: sum(|r| r.agent_messages),
        origin: rows.first().and_then(|r| r.origin.clone()),
    }
}

/// Σ numerator / Σ denominator over the rows that have both counts. `None`: no row has
/// both (fall back to the rate column); `Some(None)`: the denominators sum to 0.
fn ratio_of_sums(rows: &[&AgentReportLine], numerator: Field, denominator: Field) -> Option<Option<f64>> {
    let pairs: Vec<(f64, f64)> = rows.iter().filter_map(|r| numerator(r).zip(denominator(r))).collect();
    if pairs.is_empty() {
        return None;
    }
    let (n, d) = pairs.iter().fold((0.0, 0.0), |(n, d), (a, b)| (n + a, d + b));
    Some((d > 0.0).then(|| n / d))
}

/// The rows' values weighted by the first weight every valued row has (and that sums to
/// more than 0). A single valued row is its own value; otherwise no weight, no value.
fn weighted(rows: &[&AgentReportLine], value: Field, weights: &[Field]) -> Option<f64> {
    let valued: Vec<&AgentReportLine> = rows.iter().copied().filter(|r| value(r).is_some()).collect();
    for weight in weights {
        let pairs: Option<Vec<(f64, f64)>> =
            valued.iter().map(|r| value(r).zip(weight(r).filter(|w| *w >= 0.0))).collect();
        if let Some(pairs) = pairs.filter(|p| !p.is_empty()) {
            let total: f64 = pairs.iter().map(|(_, w)| w).sum();
            if total > 0.0 {
                return Some(pairs.iter().map(|(v, w)| v * w).sum::<f64>() / total);
            }
        }
    }
    match valued.as_slice() {
        [only] => value(only),
        _ => None,
    }
}

/// A per-agent report for a period: its rows summed per agent (docs/definitions.md#fields). A period that
/// holds none of a dated report's rows is an error naming the dates the report covers.
pub fn agent_report_for(summaries: &[AgentReportLine], period: Option<Period>) -> Result<PeriodReport> {
    let report = sum_over_period(summaries, period);
    if report.agents.is_empty()
        && let (Some(p), Some((from, to))) = (period, report.all_dates)
    {
        return Err(crate::error::Error::Input(msg!(
            "reading.inputs.report_outside_period",
            from = p.from,
            to = p.to,
            first = from,
            last = to
        )));
    }
    Ok(report)
}

/// 客单价 of a report line: sales / paying buyers; None without sales or paying buyers.
pub fn aov(a: &AgentReportLine) -> Option<Money> {
    let buyers = a.paid_buyers.filter(|b| *b > 0.0).and_then(|b| Money::try_from(b).ok())?;
    a.sales.map(|s| s / buyers)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PeriodKind;

    fn day(agent: &str, d: u32) -> AgentReportLine {
        AgentReportLine {
            agent: agent.into(),
            date: NaiveDate::from_ymd_opt(2026, 10, d),
            ..AgentReportLine::default()
        }
    }

    fn october() -> Option<Period> {
        Period::month(2026, 10)
    }

    #[test]
    fn counts_and_money_are_summed_and_conversion_is_recomputed_from_the_sums() {
        let mut a = day("小王", 1);
        (a.inquiries, a.paid_buyers, a.conversion, a.sales) =
            (Some(10.0), Some(9.0), Some(0.9), Some(Money::new(100, 0)));
        let mut b = day("小王", 2);
        (b.inquiries, b.paid_buyers, b.conversion, b.sales) =
            (Some(30.0), Some(12.0), Some(0.4), Some(Money::new(250, 0)));
        let r = sum_over_period(&[a, b], october());
        let w = &r.agents[0];
        assert_eq!((w.inquiries, w.paid_buyers, w.sales), (Some(40.0), Some(21.0), Some(Money::new(350, 0))));
        // 21 / 40 = 0.525, not the mean of the daily rates (0.65) nor the last day's (0.4).
        assert_eq!(w.conversion, Some(0.525));
        assert_eq!(w.date, None);
    }

    #[test]
    fn rates_without_counts_are_weighted_by_their_denominator() {
        let mut a = day("东东", 1);
        (a.consulted, a.received, a.reply_rate, a.avg_response_secs) = (Some(10.0), Some(8.0), Some(1.0), Some(20.0));
        let mut b = day("东东", 2);
        (b.consulted, b.received, b.reply_rate, b.avg_response_secs) = (Some(30.0), Some(32.0), Some(0.9), Some(40.0));
        let w = &sum_over_period(&[a, b], None).agents[0];
        // reply (10 × 1.0 + 30 × 0.9) / 40 = 0.925; average response (8 × 20 + 32 × 40) / 40 = 36.
        assert!((w.reply_rate.unwrap() - 0.925).abs() < 1e-12);
        assert!((w.avg_response_secs.unwrap() - 36.0).abs() < 1e-12);
    }

    #[test]
    fn rows_outside_the_period_are_left_out_and_counted() {
        let mut sept = day("小王", 1);
        sept.date = NaiveDate::from_ymd_opt(2026, 9, 30);
        sept.sales = Some(Money::new(999, 0));
        let mut oct = day("小王", 1);
        oct.sales = Some(Money::new(5, 0));
        let r = sum_over_period(&[sept, oct], october());
        assert_eq!((r.rows_in_period, r.rows_outside, r.rows_undated), (1, 1, 0));
        assert_eq!(r.agents[0].sales, Some(Money::new(5, 0)));
        let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        assert_eq!(r.all_dates, Some((d(9, 30), d(10, 1))));
        assert_eq!(r.dates, Some((d(10, 1), d(10, 1))));
        // A period that holds none of the rows: no agents.
        let nov = Period { kind: PeriodKind::Month, ..Period::month(2026, 11).unwrap() };
        assert!(sum_over_period(&[day("小王", 3)], Some(nov)).agents.is_empty());
    }

    #[test]
    fn a_single_row_is_taken_as_printed_and_missing_rates_come_from_counts() {
        let mut a = AgentReportLine { agent: "阿杰".into(), ..AgentReportLine::default() };
        (a.inquiries, a.paid_buyers, a.conversion) = (Some(130.0), Some(70.0), Some(0.5385));
        (a.buyer_messages, a.agent_messages) = (Some(50.0), Some(60.0));
        let w = &sum_over_period(std::slice::from_ref(&a), october()).agents[0];
        assert_eq!(w.conversion, Some(0.5385));
        assert_eq!(w.answer_ratio, Some(1.2));
        assert_eq!(sum_over_period(&[a], october()).rows_undated, 1);
    }

    #[test]
    fn a_row_of_a_range_is_in_the_period_only_when_its_whole_range_is() {
        let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        let week = |from: NaiveDate, to: NaiveDate, received: f64| AgentReportLine {
            agent: "小王".into(),
            date: Some(from),
            last_date: Some(to),
            received: Some(received),
            ..AgentReportLine::default()
        };
        let rows = [week(d(9, 28), d(10, 4), 50.0), week(d(10, 5), d(10, 11), 100.0), week(d(10, 26), d(11, 1), 50.0)];
        let r = sum_over_period(&rows, october());
        assert_eq!((r.rows_in_period, r.rows_outside, r.rows_straddling), (1, 2, 2));
        assert_eq!(r.agents[0].received, Some(100.0));
        // The week taken keeps its range; the dates taken are its, every row's run wider.
        assert_eq!(r.agents[0].days(), Some((d(10, 5), d(10, 11))));
        assert_eq!(r.dates, Some((d(10, 5), d(10, 11))));
        assert_eq!(r.all_dates, Some((d(9, 28), d(11, 1))));
        // Wholly outside: left out, not straddling.
        let r = sum_over_period(&[week(d(11, 2), d(11, 8), 1.0)], october());
        assert_eq!((r.rows_outside, r.rows_straddling), (1, 0));
        // Without a period every week is taken.
        assert_eq!(sum_over_period(&rows, None).agents[0].received, Some(200.0));
    }

    #[test]
    fn several_rates_without_any_weight_have_no_value() {
        let mut a = day("小美", 1);
        a.conversion = Some(0.5);
        let mut b = day("小美", 2);
        b.conversion = Some(0.7);
        assert_eq!(sum_over_period(&[a.clone(), b], None).agents[0].conversion, None);
        // One valued day among several: that day's rate.
        assert_eq!(sum_over_period(&[a, day("小美", 2)], None).agents[0].conversion, Some(0.5));
    }
}
