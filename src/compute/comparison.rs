//! Gathering the reference periods of a comparison and setting them beside the run's own
//! figures: each reference day from the inputs when they cover it, else from the days the
//! history holds (given, not read here); a period's days computed from the inputs as a run on
//! each day would. Pure: the history's reading and recording is `history::run`'s.

use super::compare::{self, Covered, DayTallies, Figures, Reference};
use super::conversion::{ConversionResult, ReceptionOutcome, conversion_by_day};
use super::receptions::Reception;
use crate::model::{Order, Period};
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeMap, BTreeSet};

/// Each day of `days` that the inputs cover (a reception that day), its tallies by agent
/// (未归属's sales under ""), computed as a run on that one day would.
pub fn input_days(
    receptions: &[Reception],
    outcomes: &[ReceptionOutcome],
    orders: &[Order],
    order_agent: &[Option<&str>],
    days: impl IntoIterator<Item = NaiveDate>,
    slow_secs: u32,
) -> BTreeMap<NaiveDate, DayTallies> {
    input_days_known(receptions, outcomes, orders, order_agent, days, slow_secs, &[])
}

/// `input_days`, where the days of `known` (computed by the caller on the same inputs, as
/// `report` does for its daily trend) are taken as they are, not computed again.
pub fn input_days_known(
    receptions: &[Reception],
    outcomes: &[ReceptionOutcome],
    orders: &[Order],
    order_agent: &[Option<&str>],
    days: impl IntoIterator<Item = NaiveDate>,
    slow_secs: u32,
    known: &[(NaiveDate, ConversionResult)],
) -> BTreeMap<NaiveDate, DayTallies> {
    let covered: BTreeSet<NaiveDate> = receptions.iter().map(|r| r.date()).collect();
    let is_known = |d: &NaiveDate| known.iter().any(|(k, _)| k == d);
    let (known_days, missing): (Vec<NaiveDate>, Vec<NaiveDate>) =
        days.into_iter().filter(|d| covered.contains(d)).partition(|d| is_known(d));
    let computed = conversion_by_day(receptions, outcomes, orders, order_agent, missing, slow_secs);
    let reused = known.iter().filter(|(d, _)| known_days.contains(d)).map(|(d, r)| (*d, tallies_of(r)));
    computed.into_iter().map(|(d, result)| (d, tallies_of(&result))).chain(reused).collect()
}

/// A period's conversion result as tallies by agent, 未归属 under "".
pub fn tallies_of(result: &ConversionResult) -> DayTallies {
    let mut out: DayTallies = result.rows.iter().map(|r| (r.agent.clone(), r.tally)).collect();
    if !result.unattributed_sales.is_zero() {
        out.entry(String::new()).or_default().sales += result.unattributed_sales;
    }
    out
}

/// The calendar days of the month starting on `first`.
pub fn days_in_month(first: NaiveDate) -> usize {
    first
        .checked_add_months(chrono::Months::new(1))
        .map(|next| usize::try_from((next - first).num_days()).unwrap_or(0))
        .unwrap_or(0)
}

/// A reference period's tallies, day by day from the inputs when they cover the day, else
/// from the history; for a whole month before from the history alone, the month the history
/// keeps when it has it (`distinct`).
#[derive(Debug, Clone)]
pub struct Gathered {
    pub reference: Reference,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// None: neither the inputs nor the history have any of its days.
    pub tallies: Option<DayTallies>,
    pub days_from_input: usize,
    pub days_from_history: usize,
    /// Some of its days were computed under other settings (another config digest).
    pub config_changed: bool,
    /// Its figures are a whole month's as the run that computed that month counted them
    /// (buyers once over the month), not its days added up.
    pub distinct: bool,
}

impl Gathered {
    pub fn days(&self) -> usize {
        self.days_from_input + self.days_from_history
    }

    /// Its days covered (from the inputs or the history) out of its period's.
    pub fn covered(&self) -> Covered {
        Covered::period(self.from, self.to, self.days())
    }

    pub fn source(&self) -> &'static str {
        match (self.days_from_input > 0, self.days_from_history > 0) {
            (true, true) => "input+history",
            (true, false) => "input",
            (false, true) => "history",
            (false, false) => "none",
        }
    }

    /// How its buyer counts were made (JSON `counts`): `period` (once over the period, as a
    /// run's main rows) or `sum_of_days`.
    pub fn counts(&self) -> &'static str {
        if self.distinct { "period" } else { "sum_of_days" }
    }

    /// A whole month from the history alone takes the month figures the history keeps for it
    /// (`month`: those figures, with whether other settings computed them), distinct buyers
    /// like the current side; anything else stays its days added up.
    fn use_month(&mut self, month: Option<(DayTallies, bool)>) {
        if !self.covered().whole() || self.days_from_input > 0 {
            return;
        }
        if let Some((tallies, changed)) = month {
            self.tallies = Some(tallies);
            self.config_changed = changed;
            self.distinct = true;
        }
    }
}

/// The current side of a comparison: the run's own figures over its period, as its main rows
/// count them (buyers once over the whole period), never the period's days added up.
#[derive(Debug, Clone)]
pub struct Current {
    pub tallies: DayTallies,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The days of the period the inputs hold figures for (a reception that day).
    pub days: usize,
}

impl Current {
    pub fn covered(&self) -> Covered {
        Covered::period(self.from, self.to, self.days)
    }

    /// Whether a reference is compared with it per day (either side misses days).
    pub fn per_day(&self, g: &Gathered) -> bool {
        g.reference != Reference::MonthToDate && compare::per_day(self.covered(), g.covered())
    }

    pub fn changes(&self, now: &Figures, g: &Gathered, then: Option<&Figures>) -> Vec<(&'static str, compare::Change)> {
        compare::changes_like(now, self.covered(), then, g.covered())
    }
}

/// The reference `reference` over `from`–`to`: each day from `inputs` when they cover it, else
/// from `stored` (the history's days, each with whether other settings computed it), added up.
pub fn gather(
    reference: Reference,
    (from, to): (NaiveDate, NaiveDate),
    inputs: &BTreeMap<NaiveDate, DayTallies>,
    stored: &BTreeMap<NaiveDate, (DayTallies, bool)>,
) -> Gathered {
    let mut g = Gathered {
        reference,
        from,
        to,
        tallies: None,
        days_from_input: 0,
        days_from_history: 0,
        config_changed: false,
        distinct: false,
    };
    let mut picked: Vec<&DayTallies> = Vec::new();
    for day in from.iter_days().take_while(|d| *d <= to) {
        if let Some(t) = inputs.get(&day) {
            picked.push(t);
            g.days_from_input += 1;
        } else if let Some((t, changed)) = stored.get(&day) {
            picked.push(t);
            g.days_from_history += 1;
            g.config_changed |= *changed;
        }
    }
    if !picked.is_empty() {
        g.tallies = Some(compare::sum_days(picked));
    }
    g
}

/// The figures of `agent` (None: the team) in a set of tallies; the team's sales are every
/// sale (agents + 未归属), as the Overview's.
pub fn figures_of(tallies: &DayTallies, agent: Option<&str>) -> Option<Figures> {
    match agent {
        Some(a) => tallies.get(a).map(Figures::of),
        None => {
            let mut f = Figures::of(&compare::team(tallies));
            f.sales = compare::all_sales(tallies);
            Some(f)
        }
    }
}

/// The references of `daily` on a day: the day before, the week before, the month so far.
const DAILY_REFERENCES: [Reference; 3] = [Reference::DayBefore, Reference::WeekBefore, Reference::MonthToDate];

/// The first day of `daily`'s references on `day`: the history is read from it to the day.
pub fn daily_earliest(day: NaiveDate) -> NaiveDate {
    DAILY_REFERENCES.iter().map(|r| r.days(day, day).0).min().unwrap_or(day)
}

/// The comparisons of `daily` on `day`: the day before, the week before, the month so far,
/// each gathered from `inputs` (the days the inputs cover) and `stored` (the history's days
/// from `daily_earliest`).
pub fn daily_comparisons(
    day: NaiveDate,
    inputs: &BTreeMap<NaiveDate, DayTallies>,
    stored: &BTreeMap<NaiveDate, (DayTallies, bool)>,
) -> Vec<Gathered> {
    DAILY_REFERENCES.iter().map(|r| gather(*r, r.days(day, day), inputs, stored)).collect()
}

/// The days `daily` needs from the inputs for its comparisons.
pub fn daily_days(day: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    let first = Reference::MonthToDate.days(day, day).0.min(day - chrono::Duration::days(7));
    first.iter_days().take_while(move |d| *d <= day)
}

/// For a month's `report` / `conversion`: the month before and the last 30 days gathered
/// beside the run's own figures. Only for a calendar month.
pub struct MonthComparison {
    /// The run's own figures for the month (its main rows), with the days the inputs cover.
    pub current: Current,
    pub previous: Gathered,
    /// The last 30 days to the period's end, each from the inputs or the history.
    pub trend: Vec<(NaiveDate, Option<DayTallies>)>,
    pub trend_from_history: usize,
}

/// Whether the period is one calendar month, its first day to its last.
pub fn whole_month(period: Period) -> bool {
    period.from.day() == 1
        && (period.to + chrono::Duration::days(1)).day() == 1
        && (period.to - period.from).num_days() <= 31
}

/// The days of the period the inputs cover, as they are recorded in the history.
pub fn period_days(period: Period, inputs: &BTreeMap<NaiveDate, DayTallies>) -> BTreeMap<NaiveDate, DayTallies> {
    inputs.iter().filter(|(d, _)| period.contains(**d)).map(|(d, t)| (*d, t.clone())).collect()
}

/// The first day of the last 30 days to the period's end.
fn trend_from(period: Period) -> NaiveDate {
    period.to - chrono::Duration::days(29)
}

/// The days a month's comparison reads from the history: from the month before (or the
/// first of the last 30 days, when earlier) to the period's end.
pub fn month_stored_span(period: Period) -> (NaiveDate, NaiveDate) {
    let prev_days = Reference::PreviousMonth.days(period.from, period.to);
    (prev_days.0.min(trend_from(period)), period.to)
}

/// The first day of the month before the period.
pub fn previous_month(period: Period) -> NaiveDate {
    Reference::PreviousMonth.days(period.from, period.to).0
}

/// A calendar month's comparison: `current`, the run's own figures for the period (`tallies_of`
/// its main result); `inputs`, the days the inputs cover; `stored`, the history's days over
/// `month_stored_span`, each with whether other settings computed it; `stored_month`, the
/// month figures the history keeps for `previous_month`.
pub fn month_comparison(
    period: Period,
    inputs: &BTreeMap<NaiveDate, DayTallies>,
    stored: &BTreeMap<NaiveDate, (DayTallies, bool)>,
    stored_month: Option<(DayTallies, bool)>,
    current: DayTallies,
) -> MonthComparison {
    let prev_days = Reference::PreviousMonth.days(period.from, period.to);
    // The run's own figures, not its days added up: a buyer who asked on two days of the
    // month is one inquiring buyer in the main rows and must be one here.
    let days = inputs.keys().filter(|d| period.contains(**d)).count();
    let current = Current { tallies: current, from: period.from, to: period.to, days };
    let mut previous = gather(Reference::PreviousMonth, prev_days, inputs, stored);
    previous.use_month(stored_month);
    let mut trend_from_history = 0;
    let trend = trend_from(period)
        .iter_days()
        .take_while(|d| *d <= period.to)
        .map(|d| {
            let t = inputs.get(&d).cloned().or_else(|| {
                let s = stored.get(&d).map(|(t, _)| t.clone());
                trend_from_history += usize::from(s.is_some());
                s
            });
            (d, t)
        })
        .collect();
    MonthComparison { current, previous, trend, trend_from_history }
}
