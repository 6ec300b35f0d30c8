//! Comparisons (环比, 同比): a period's figures beside a reference period's, with the change
//! in points (rates) or percent (counts, money, times). Pure arithmetic on additive tallies:
//! figures over several days are the days' tallies added up and their rates recomputed from
//! the sums (the team-row rule of docs/comparisons.md, applied over days), so they recombine
//! exactly whichever run computed each day. Two sides that do not both cover their whole
//! period compare their counts and money per day covered (docs/comparisons.md#like-with-like).

use super::conversion::Tally;
use crate::model::Money;
use chrono::{Datelike, Duration, NaiveDate};
use rust_decimal::prelude::ToPrimitive;
use std::collections::BTreeMap;

/// One day's tallies by agent; the agent "" is 未归属 (sales only).
pub type DayTallies = BTreeMap<String, Tally>;

/// The reference periods a report compares with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reference {
    /// 环比: the day before.
    DayBefore,
    /// 同比: the same weekday a week before.
    WeekBefore,
    /// 本月累计: from the first of the month to the day, the day included.
    MonthToDate,
    /// 上月: the calendar month before.
    PreviousMonth,
}

impl Reference {
    /// The JSON name.
    pub fn name(self) -> &'static str {
        match self {
            Reference::DayBefore => "day_before",
            Reference::WeekBefore => "week_before",
            Reference::MonthToDate => "month_to_date",
            Reference::PreviousMonth => "previous_month",
        }
    }

    /// The days of the reference for a report on `from`–`to` (a day for daily, a month
    /// for report and conversion).
    pub fn days(self, from: NaiveDate, to: NaiveDate) -> (NaiveDate, NaiveDate) {
        match self {
            Reference::DayBefore => (from - Duration::days(1), from - Duration::days(1)),
            Reference::WeekBefore => (from - Duration::days(7), from - Duration::days(7)),
            Reference::MonthToDate => (to.with_day(1).unwrap_or(to), to),
            Reference::PreviousMonth => {
                let first = from.with_day(1).unwrap_or(from);
                let last = first - Duration::days(1);
                (last.with_day(1).unwrap_or(last), last)
            }
        }
    }
}

/// The figures a comparison shows.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Figures {
    pub inquiries: u64,
    pub paid_buyers: u64,
    /// 询单转化率 = Σ paid buyers / Σ inquiries.
    pub conversion: Option<f64>,
    pub sales: Money,
    /// Mean first response over the answered receptions.
    pub first_response_secs: Option<f64>,
}

impl Figures {
    pub fn of(t: &Tally) -> Figures {
        Figures {
            inquiries: t.inquiries,
            paid_buyers: t.paid_buyers,
            conversion: (t.inquiries > 0).then(|| t.paid_buyers as f64 / t.inquiries as f64),
            sales: t.sales,
            first_response_secs: (t.answered_receptions > 0).then(|| t.first_sum / t.answered_receptions as f64),
        }
    }
}

/// The days' tallies added up per agent (未归属 under "").
pub fn sum_days<'a>(days: impl IntoIterator<Item = &'a DayTallies>) -> DayTallies {
    let mut out = DayTallies::new();
    for day in days {
        for (agent, t) in day {
            *out.entry(agent.clone()).or_default() += t;
        }
    }
    out
}

/// The team: the agents added up, 未归属 left out (the team row's rule).
pub fn team(tallies: &DayTallies) -> Tally {
    let mut t = Tally::default();
    for (agent, tally) in tallies {
        if !agent.is_empty() {
            t += tally;
        }
    }
    t
}

/// Every sale: the agents' and 未归属's.
pub fn all_sales(tallies: &DayTallies) -> Money {
    tallies.values().map(|t| t.sales).sum()
}

/// How much of its period one side of a comparison covers: the days of the period that the
/// inputs or the history hold figures for, out of the period's days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Covered {
    pub days: usize,
    pub of: usize,
}

impl Covered {
    /// The calendar days from `from` to `to`, both included.
    pub fn period(from: NaiveDate, to: NaiveDate, days: usize) -> Covered {
        Covered { days, of: usize::try_from((to - from).num_days() + 1).unwrap_or(0) }
    }

    pub fn whole(self) -> bool {
        self.days >= self.of
    }
}

/// Counts and money compare per day covered when either side misses days of its period: a
/// month with figures on 2 of its days beside a whole month is no 90 % fall.
pub fn per_day(now: Covered, then: Covered) -> bool {
    !now.whole() || !then.whole()
}

/// Counts and money divided by the days covered (None without a day).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PerDay {
    pub inquiries: f64,
    pub paid_buyers: f64,
    pub sales: Money,
}

impl PerDay {
    pub fn of(f: &Figures, days: usize) -> Option<PerDay> {
        (days > 0).then(|| PerDay {
            inquiries: f.inquiries as f64 / days as f64,
            paid_buyers: f.paid_buyers as f64 / days as f64,
            sales: f.sales / Money::from(days as u64),
        })
    }
}

/// A change and the way it went.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Change {
    /// Percentage points: (now − then) × 100, for rates.
    Points(f64),
    /// Percent of the earlier value: (now − then) / then × 100.
    Percent(f64),
    /// Up from zero: no percent to give.
    UpFromZero,
    /// Nothing to compare with.
    None,
}

impl Change {
    /// The change's number (points or percent), for JSON.
    pub fn value(self) -> Option<f64> {
        match self {
            Change::Points(x) | Change::Percent(x) => Some(x),
            _ => None,
        }
    }

    /// ▲ 5.0pt, ▼ 12.5%, ±0, ▲ (up from zero), — (nothing to compare with).
    pub fn text(self) -> String {
        let arrow = |x: f64| if x > 0.0 { "▲" } else { "▼" };
        match self {
            Change::Points(x) if x.abs() < 0.05 => "±0".into(),
            Change::Percent(x) if x.abs() < 0.05 => "±0".into(),
            Change::Points(x) => format!("{} {:.1}pt", arrow(x), x.abs()),
            Change::Percent(x) => format!("{} {:.1}%", arrow(x), x.abs()),
            Change::UpFromZero => "▲".into(),
            Change::None => "—".into(),
        }
    }
}

/// Change of a rate, in points.
pub fn points(now: Option<f64>, then: Option<f64>) -> Change {
    match (now, then) {
        (Some(a), Some(b)) => Change::Points(round1((a - b) * 100.0)),
        _ => Change::None,
    }
}

/// Change of an amount, in percent of the earlier one.
pub fn percent(now: Option<f64>, then: Option<f64>) -> Change {
    match (now, then) {
        (Some(a), Some(b)) if b != 0.0 => Change::Percent(round1((a - b) / b.abs() * 100.0)),
        (Some(a), Some(_)) if a > 0.0 => Change::UpFromZero,
        (Some(_), Some(_)) => Change::Percent(0.0),
        _ => Change::None,
    }
}

fn round1(x: f64) -> f64 {
    // Through the decimal text, so 12.25 gives 12.3 as it reads (half away from zero).
    let d = rust_decimal::Decimal::try_from(x).unwrap_or_default();
    d.round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero).to_f64().unwrap_or(x)
}

/// The changes of the compared figures, by their JSON names.
pub fn changes(now: &Figures, then: Option<&Figures>) -> Vec<(&'static str, Change)> {
    let money = |m: Money| m.to_f64();
    vec![
        ("inquiries_pct", percent(Some(now.inquiries as f64), then.map(|t| t.inquiries as f64))),
        ("paid_buyers_pct", percent(Some(now.paid_buyers as f64), then.map(|t| t.paid_buyers as f64))),
        ("conversion_pt", points(now.conversion, then.and_then(|t| t.conversion))),
        ("sales_pct", percent(money(now.sales), then.and_then(|t| money(t.sales)))),
        ("first_response_pct", percent(now.first_response_secs, then.and_then(|t| t.first_response_secs))),
    ]
}

/// The changes of the compared figures, like with like: when `per_day(now_days, then_days)`,
/// counts and money are compared as per-day means; rates and mean times as they are.
pub fn changes_like(
    now: &Figures,
    now_days: Covered,
    then: Option<&Figures>,
    then_days: Covered,
) -> Vec<(&'static str, Change)> {
    let mut out = changes(now, then);
    if !per_day(now_days, then_days) {
        return out;
    }
    let a = PerDay::of(now, now_days.days);
    let b = then.and_then(|t| PerDay::of(t, then_days.days));
    for (name, change) in &mut out {
        *change = match *name {
            "inquiries_pct" => percent(a.map(|p| p.inquiries), b.map(|p| p.inquiries)),
            "paid_buyers_pct" => percent(a.map(|p| p.paid_buyers), b.map(|p| p.paid_buyers)),
            "sales_pct" => percent(a.and_then(|p| p.sales.to_f64()), b.and_then(|p| p.sales.to_f64())),
            _ => *change,
        };
    }
    out
}

/// Whether a change's figure is a count or money (compared per day when the sides differ in
/// coverage), not a rate or a mean.
pub fn is_amount(change: &str) -> bool {
    matches!(change, "inquiries_pct" | "paid_buyers_pct" | "sales_pct")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn reference_days() {
        let day = d("2026-10-08");
        assert_eq!(Reference::DayBefore.days(day, day), (d("2026-10-07"), d("2026-10-07")));
        assert_eq!(Reference::WeekBefore.days(day, day), (d("2026-10-01"), d("2026-10-01")));
        assert_eq!(Reference::MonthToDate.days(day, day), (d("2026-10-01"), day));
        assert_eq!(Reference::PreviousMonth.days(d("2026-03-01"), d("2026-03-31")), (d("2026-02-01"), d("2026-02-28")));
    }

    #[test]
    fn changes_in_points_and_percent() {
        assert_eq!(points(Some(0.5), Some(0.4)).text(), "▲ 10.0pt");
        assert_eq!(points(Some(1.0 / 3.0), Some(0.5)).text(), "▼ 16.7pt");
        assert_eq!(percent(Some(90.0), Some(120.0)).text(), "▼ 25.0%");
        assert_eq!(percent(Some(5.0), Some(0.0)).text(), "▲");
        assert_eq!(percent(Some(5.0), None).text(), "—");
        assert_eq!(percent(Some(7.0), Some(7.0)).text(), "±0");
    }

    #[test]
    fn days_add_up_and_rates_come_from_the_sums() {
        let mut a = DayTallies::new();
        a.insert("小王".into(), Tally { inquiries: 2, paid_buyers: 1, ..Tally::default() });
        a.insert("".into(), Tally { sales: Money::from(10), ..Tally::default() });
        let mut b = DayTallies::new();
        b.insert("小王".into(), Tally { inquiries: 3, paid_buyers: 3, sales: Money::from(5), ..Tally::default() });
        let sum = sum_days([&a, &b]);
        // (1 + 3) / (2 + 3) = 0.8, not the mean of 0.5 and 1.0.
        assert_eq!(Figures::of(&team(&sum)).conversion, Some(0.8));
        assert_eq!(all_sales(&sum), Money::from(15));
        assert_eq!(team(&sum).sales, Money::from(5));
    }

    #[test]
    fn a_partly_covered_side_compares_counts_and_money_per_day() {
        // December, 2 of 31 days: 37 inquiring buyers, 20 paid, 3800; November whole: 360,
        // 190, 35000. Per day 18.5 vs 12 (+54.2 %), 10 vs 6.33 (+57.9 %), 1900 vs 1166.67
        // (+62.9 %); conversion 20/37 − 190/360 = +1.3 points, as it is.
        let now = Figures::of(&Tally { inquiries: 37, paid_buyers: 20, sales: Money::from(3800), ..Tally::default() });
        let then =
            Figures::of(&Tally { inquiries: 360, paid_buyers: 190, sales: Money::from(35000), ..Tally::default() });
        let dec = Covered::period(d("2026-12-01"), d("2026-12-31"), 2);
        let nov = Covered::period(d("2026-11-01"), d("2026-11-30"), 30);
        assert_eq!((dec.of, nov.of, dec.whole(), nov.whole()), (31, 30, false, true));
        let c: BTreeMap<_, _> = changes_like(&now, dec, Some(&then), nov).into_iter().collect();
        assert_eq!(c["inquiries_pct"].value(), Some(54.2));
        assert_eq!(c["paid_buyers_pct"].value(), Some(57.9));
        assert_eq!(c["sales_pct"].value(), Some(62.9));
        assert_eq!(c["conversion_pt"].value(), Some(1.3));
    }

    #[test]
    fn two_whole_sides_compare_their_totals() {
        let now = Figures::of(&Tally { inquiries: 31, sales: Money::from(310), ..Tally::default() });
        let then = Figures::of(&Tally { inquiries: 30, sales: Money::from(300), ..Tally::default() });
        let oct = Covered::period(d("2026-10-01"), d("2026-10-31"), 31);
        let sep = Covered::period(d("2026-09-01"), d("2026-09-30"), 30);
        assert_eq!(changes_like(&now, oct, Some(&then), sep), changes(&now, Some(&then)));
        let c: BTreeMap<_, _> = changes(&now, Some(&then)).into_iter().collect();
        assert_eq!(c["sales_pct"].value(), Some(3.3));
    }
}
