//! How much of a period the inputs cover (docs/coverage.md): a report on two days of a
//! month says so, instead of reading as the whole month.

use crate::model::{Order, Period};
use chrono::NaiveDate;

/// The first and last date an input holds, clipped to a period, and how many of the
/// period's days lie between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Coverage {
    /// None: the input holds no date in the period.
    pub span: Option<(NaiveDate, NaiveDate)>,
    /// Days from the first to the last date, both included (0 without a span).
    pub days: i64,
    pub period_days: i64,
}

impl Coverage {
    /// An input whose dates run from `span.0` to `span.1` (None: it holds no date), seen
    /// from `period`. A day between two dates an input holds counts as covered: a quiet
    /// Sunday inside a month's export is a day without sales, not a missing file.
    pub fn of(period: Period, span: Option<(NaiveDate, NaiveDate)>) -> Coverage {
        let period_days = days_between(period.from, period.to);
        let clipped = span.and_then(|(first, last)| {
            let (from, to) = (first.max(period.from), last.min(period.to));
            (from <= to).then_some((from, to))
        });
        let days = clipped.map_or(0, |(from, to)| days_between(from, to));
        Coverage { span: clipped, days, period_days }
    }

    /// The input reaches both ends of the period.
    pub fn is_whole(&self) -> bool {
        self.days == self.period_days
    }

    /// The runs of the period's days the input does not reach: before its first date and
    /// after its last (the whole period when it holds none).
    pub fn uncovered(&self, period: Period) -> Vec<(NaiveDate, NaiveDate)> {
        let Some((from, to)) = self.span else { return vec![(period.from, period.to)] };
        let mut runs = Vec::new();
        if let Some(before) = from.pred_opt().filter(|_| from > period.from) {
            runs.push((period.from, before));
        }
        if let Some(after) = to.succ_opt().filter(|_| to < period.to) {
            runs.push((after, period.to));
        }
        runs
    }
}

fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days() + 1
}

/// The first and last date a set of dates holds.
pub fn span_of(dates: impl Iterator<Item = NaiveDate>) -> Option<(NaiveDate, NaiveDate)> {
    dates.fold(None, |span, d| match span {
        None => Some((d, d)),
        Some((a, b)) => Some((a.min(d), b.max(d))),
    })
}

/// The dates an order export covers: every order's creation and payment date, paid or not
/// (an export of the 1st and 2nd holds orders made on those days, whatever became of them).
pub fn order_span(orders: &[Order]) -> Option<(NaiveDate, NaiveDate)> {
    span_of(orders.iter().flat_map(|o| [o.created_at, o.paid_at]).flatten().map(|t| t.date()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PeriodKind;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[test]
    fn two_days_of_a_month_cover_two_of_thirty_one() {
        let october = Period::month(2026, 10).unwrap();
        let c = Coverage::of(october, Some((d(10, 1), d(10, 2))));
        assert_eq!((c.span, c.days, c.period_days, c.is_whole()), (Some((d(10, 1), d(10, 2))), 2, 31, false));
        assert_eq!(c.uncovered(october), vec![(d(10, 3), d(10, 31))]);
    }

    #[test]
    fn dates_outside_the_period_are_clipped_and_the_whole_period_is_whole() {
        let october = Period::month(2026, 10).unwrap();
        let c = Coverage::of(october, Some((d(9, 28), d(11, 2))));
        assert_eq!((c.days, c.is_whole()), (31, true));
        assert!(c.uncovered(october).is_empty());
    }

    #[test]
    fn an_input_with_no_date_in_the_period_covers_nothing() {
        let week = Period { from: d(10, 5), to: d(10, 11), kind: PeriodKind::Range };
        let c = Coverage::of(week, Some((d(10, 12), d(10, 20))));
        assert_eq!((c.span, c.days), (None, 0));
        assert_eq!(c.uncovered(week), vec![(d(10, 5), d(10, 11))]);
        assert_eq!(Coverage::of(week, None).uncovered(week), vec![(d(10, 5), d(10, 11))]);
    }

    #[test]
    fn a_gap_at_both_ends_is_two_runs() {
        let october = Period::month(2026, 10).unwrap();
        let c = Coverage::of(october, Some((d(10, 3), d(10, 29))));
        assert_eq!(c.days, 27);
        assert_eq!(c.uncovered(october), vec![(d(10, 1), d(10, 2)), (d(10, 30), d(10, 31))]);
    }
}
