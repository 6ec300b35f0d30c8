//! The history during a run: where the file is, the shop and settings its rows are kept
//! under, recording the run's days and reading the reference days back for the comparisons
//! (gathered and compared by `compute::comparison`).

use super::{DayRow, Figures as Stored, Kind, MoneyFigures, MonthRow, Store};
use crate::cli::HistoryArgs;
use crate::compute::compare::DayTallies;
use crate::compute::comparison::{
    self, Current, Gathered, MonthComparison, days_in_month, input_days, input_days_known, tallies_of,
};
use crate::compute::conversion::{ConversionResult, ReceptionOutcome};
use crate::compute::orders::{OrderState, net, refund, state};
use crate::compute::receptions::Reception;
use crate::config::{Config, LoadedConfig};
use crate::model::{Order, Period};
use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Names the history file (a path) or turns it off (`off`) for every run in the environment:
/// a CI job or a test suite keeps no history beside the configs it reads.
pub const HISTORY_ENV: &str = "CS_TOOLS_HISTORY";

/// The history file of a run: `--history`, else `$CS_TOOLS_HISTORY` (`off`: none), else
/// `[history] path` (relative to the config file), else cs-tools.db beside the config file in
/// use; None without a config file.
pub fn place(explicit: Option<&Path>, loaded: &LoadedConfig) -> Option<PathBuf> {
    if let Some(p) = explicit {
        return Some(p.to_path_buf());
    }
    if let Some(value) = std::env::var_os(HISTORY_ENV).filter(|v| !v.is_empty()) {
        return (value != "off").then(|| PathBuf::from(value));
    }
    let config_path = loaded.path.as_ref()?;
    let dir = config_path.parent().map(Path::to_path_buf).unwrap_or_default();
    Some(match &loaded.config.history.path {
        Some(p) if p.is_absolute() => p.clone(),
        Some(p) => dir.join(p),
        None => dir.join(super::FILE_NAME),
    })
}

/// The shop a run's rows are kept under: with two or more named shops among the orders
/// (docs/definitions.md#shops), their names joined with 、, so that a run of the group never
/// replaces the days of one shop run alone; else the orders' 店铺名称 (several: joined), else "".
/// `shop_names`: every shop's name by number (`ShopId::index`).
pub fn shop_key(orders: &[Order], shop_names: &[String]) -> String {
    let named: BTreeSet<&str> = orders
        .iter()
        .filter_map(|o| shop_names.get(o.shop_id.index()))
        .map(String::as_str)
        .filter(|s| !s.is_empty())
        .collect();
    if named.len() >= 2 {
        return named.into_iter().collect::<Vec<_>>().join("、");
    }
    let shops: BTreeSet<&str> =
        orders.iter().filter_map(|o| o.shop.as_deref()).map(str::trim).filter(|s| !s.is_empty()).collect();
    shops.into_iter().collect::<Vec<_>>().join("、")
}

/// The digest of the settings that shape the figures (the whole config and `--rate`).
pub fn settings_digest(config: &Config, rate: Option<rust_decimal::Decimal>) -> String {
    let mut text = serde_json::to_string(config).unwrap_or_default();
    if let Some(r) = rate {
        text.push_str(&format!("\nrate={}", r.normalize()));
    }
    super::digest(&text)
}

/// One run's history: the store when there is one, the shop and digest of its rows.
pub struct RunHistory {
    store: Option<Store>,
    pub shop: String,
    pub digest: String,
    command: &'static str,
    /// The history's error, said once on stderr (the report is written all the same).
    pub error: Option<String>,
}

impl RunHistory {
    pub fn open(
        args: &HistoryArgs,
        loaded: &LoadedConfig,
        orders: &[Order],
        shop_names: &[String],
        command: &'static str,
        rate: Option<rust_decimal::Decimal>,
    ) -> RunHistory {
        let mut run = RunHistory {
            store: None,
            shop: shop_key(orders, shop_names),
            digest: settings_digest(&loaded.config, rate),
            command,
            error: None,
        };
        if args.no_history {
            return run;
        }
        if let Some(path) = place(args.history.as_deref(), loaded) {
            match Store::open(&path, true) {
                Ok(s) => run.store = Some(s),
                Err(e) => run.fail(e.to_string()),
            }
        }
        run
    }

    fn fail(&mut self, message: String) {
        eprintln!("{message}");
        self.error.get_or_insert(message);
    }

    /// Replaces the given days' conversion rows by these.
    pub fn record_conversion(&mut self, days: &BTreeMap<NaiveDate, DayTallies>) {
        let rows = days
            .iter()
            .flat_map(|(day, tallies)| {
                tallies.iter().map(move |(agent, t)| (*day, agent.clone(), Stored::Conversion(*t)))
            })
            .collect();
        self.record(Kind::Conversion, days.keys().copied().collect(), rows);
    }

    /// Replaces the given days' commission inputs by these.
    pub fn record_money(&mut self, days: &BTreeMap<NaiveDate, BTreeMap<String, MoneyFigures>>) {
        let rows = days
            .iter()
            .flat_map(|(day, m)| m.iter().map(move |(agent, f)| (*day, agent.clone(), Stored::Money(*f))))
            .collect();
        self.record(Kind::Money, days.keys().copied().collect(), rows);
    }

    /// Replaces the given days' conversion rows by these, and the month of `month` (its first
    /// day) by the run's own tallies over it: a run that computed that whole calendar month.
    pub fn record_conversion_month(
        &mut self,
        days: &BTreeMap<NaiveDate, DayTallies>,
        month: NaiveDate,
        tallies: &DayTallies,
    ) {
        let now = recorded_now();
        let months: Vec<MonthRow> = tallies
            .iter()
            .map(|(agent, t)| MonthRow {
                shop: self.shop.clone(),
                month,
                agent: agent.clone(),
                tally: *t,
                days: days.len() as u64,
                digest: self.digest.clone(),
                command: self.command.to_string(),
                recorded_at: now.clone(),
            })
            .collect();
        let rows = days
            .iter()
            .flat_map(|(day, tallies)| {
                tallies.iter().map(move |(agent, t)| (*day, agent.clone(), Stored::Conversion(*t)))
            })
            .collect();
        self.record_rows(Kind::Conversion, days.keys().copied().collect(), rows, &months, now);
    }

    fn record(&mut self, kind: Kind, days: Vec<NaiveDate>, rows: Vec<(NaiveDate, String, Stored)>) {
        self.record_rows(kind, days, rows, &[], recorded_now());
    }

    fn record_rows(
        &mut self,
        kind: Kind,
        days: Vec<NaiveDate>,
        rows: Vec<(NaiveDate, String, Stored)>,
        months: &[MonthRow],
        // One time for the days and their month: a month is stale when a day of it was
        // recorded later.
        now: String,
    ) {
        let Some(store) = self.store.as_mut() else { return };
        let rows: Vec<DayRow> = rows
            .into_iter()
            .map(|(day, agent, figures)| DayRow {
                shop: self.shop.clone(),
                day,
                agent,
                figures,
                digest: self.digest.clone(),
                command: self.command.to_string(),
                recorded_at: now.clone(),
            })
            .collect();
        if let Err(e) = store.record_with_months(&self.shop, &[(kind, days)], &rows, months) {
            let message = e.to_string();
            self.fail(message);
        }
    }

    /// The stored month figures of this shop for the month starting `month` (distinct buyers
    /// over the month), with whether they were computed under other settings; None when the
    /// history has none for it.
    pub fn conversion_month(&mut self, month: NaiveDate) -> Option<(DayTallies, bool)> {
        let store = self.store.as_ref()?;
        match store.load_month(&self.shop, month) {
            Ok(rows) if !rows.is_empty() => {
                let changed = rows.iter().any(|r| r.digest != self.digest);
                let whole = rows.iter().all(|r| r.days as usize >= days_in_month(month));
                whole.then(|| (rows.into_iter().map(|r| (r.agent, r.tally)).collect(), changed))
            }
            Ok(_) => None,
            Err(e) => {
                self.fail(e.to_string());
                None
            }
        }
    }

    /// The stored conversion days of this shop from `from` to `to`, each with whether it was
    /// computed under other settings.
    pub fn conversion_days(&mut self, from: NaiveDate, to: NaiveDate) -> BTreeMap<NaiveDate, (DayTallies, bool)> {
        let mut out: BTreeMap<NaiveDate, (DayTallies, bool)> = BTreeMap::new();
        let Some(store) = self.store.as_ref() else { return out };
        match store.load(Some(&self.shop), from, to) {
            Ok(rows) => {
                for r in rows {
                    if let Stored::Conversion(t) = r.figures {
                        let entry = out.entry(r.day).or_default();
                        entry.0.insert(r.agent, t);
                        entry.1 |= r.digest != self.digest;
                    }
                }
            }
            Err(e) => self.fail(e.to_string()),
        }
        out
    }
}

fn recorded_now() -> String {
    chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string()
}

/// The commission inputs of the period's paid orders, by paid day and agent (未归属 "").
/// `agents`: each order's agent, in the orders' order.
pub fn money_days<'a>(
    orders: &[Order],
    agents: impl IntoIterator<Item = Option<&'a str>>,
    period: Option<Period>,
) -> BTreeMap<NaiveDate, BTreeMap<String, MoneyFigures>> {
    // Summed by (day, agent) through a hash of the two, then ordered once: a million orders
    // each walking two ordered maps compared the agent's name a dozen times.
    let mut sums: FxHashMap<(NaiveDate, &str), MoneyFigures> = FxHashMap::default();
    for (o, agent) in orders.iter().zip(agents) {
        let Some(day) = o.paid_at.map(|t| t.date()) else { continue };
        if state(o) == OrderState::Unpaid || period.is_some_and(|p| !p.contains(day)) {
            continue;
        }
        let f = sums.entry((day, agent.unwrap_or(""))).or_default();
        f.orders += 1;
        f.paid += o.paid_amount;
        f.refund += refund(o);
        f.net += net(o);
    }
    let mut out: BTreeMap<NaiveDate, BTreeMap<String, MoneyFigures>> = BTreeMap::new();
    for ((day, agent), figures) in sums {
        out.entry(day).or_default().insert(agent.to_string(), figures);
    }
    out
}

/// The comparisons of `daily` on `day`: the day before, the week before, the month so far.
/// Records the day, then gathers; `inputs` holds the days the inputs cover.
pub fn daily_comparisons(
    run: &mut RunHistory,
    day: NaiveDate,
    inputs: &BTreeMap<NaiveDate, DayTallies>,
) -> Vec<Gathered> {
    if let Some(t) = inputs.get(&day) {
        run.record_conversion(&BTreeMap::from([(day, t.clone())]));
    }
    let stored = run.conversion_days(comparison::daily_earliest(day), day);
    comparison::daily_comparisons(day, inputs, &stored)
}

/// For a month's `report` / `conversion`: records the period's days (those the inputs
/// cover), then gathers the month before and the last 30 days. None unless the period is a
/// calendar month. `current`: the run's own figures for the period (`tallies_of` its main
/// result).
pub fn month_comparison(
    run: &mut RunHistory,
    period: Period,
    inputs: &BTreeMap<NaiveDate, DayTallies>,
    current: DayTallies,
) -> Option<MonthComparison> {
    let recorded = comparison::period_days(period, inputs);
    let whole_month = comparison::whole_month(period);
    // A calendar month with a chat on each of its days is kept as a month too: its buyers
    // counted once over the month, as its main rows count them.
    if whole_month && recorded.len() == days_in_month(period.from) {
        run.record_conversion_month(&recorded, period.from, &current);
    } else {
        run.record_conversion(&recorded);
    }
    if !whole_month {
        return None;
    }
    let (from, to) = comparison::month_stored_span(period);
    let stored = run.conversion_days(from, to);
    let stored_month = run.conversion_month(comparison::previous_month(period));
    Some(comparison::month_comparison(period, inputs, &stored, stored_month, current))
}

/// Everything `daily` needs from the history: the day recorded, its comparisons gathered.
pub struct Daily {
    /// The day's own figures (the run's main rows).
    pub current: Current,
    pub refs: Vec<Gathered>,
}

#[allow(clippy::too_many_arguments)]
pub fn for_daily(
    args: &HistoryArgs,
    loaded: &LoadedConfig,
    receptions: &[Reception],
    outcomes: &[ReceptionOutcome],
    (orders, shop_names): (&[Order], &[String]),
    agents: &[Option<&str>],
    day: NaiveDate,
    result: &ConversionResult,
) -> Daily {
    let mut run = RunHistory::open(args, loaded, orders, shop_names, "daily", None);
    let days = comparison::daily_days(day);
    let inputs = input_days(receptions, outcomes, orders, agents, days, loaded.config.slow_response_secs);
    let refs = daily_comparisons(&mut run, day, &inputs);
    let days = usize::from(inputs.contains_key(&day));
    let current = Current { tallies: tallies_of(result), from: day, to: day, days };
    Daily { current, refs }
}

/// Everything a month's `report` / `conversion` needs from the history: the period's days
/// recorded, and (for a calendar month) the month before and the last 30 days. `result`: the
/// run's own figures for the period, the comparisons' current side.
#[allow(clippy::too_many_arguments)]
pub fn for_period(
    run: &mut RunHistory,
    loaded: &LoadedConfig,
    receptions: &[Reception],
    outcomes: &[ReceptionOutcome],
    orders: &[Order],
    agents: &[Option<&str>],
    period: Period,
    result: &ConversionResult,
) -> Option<MonthComparison> {
    for_period_known(run, loaded, (receptions, outcomes, orders, agents), period, result, &[])
}

/// What per-day figures are computed from: receptions, their outcomes, orders and the agent
/// each order is attributed to.
pub type DayInputs<'a, 'b> = (&'a [Reception], &'a [ReceptionOutcome], &'a [Order], &'a [Option<&'b str>]);

/// `for_period`, reusing the per-day results the caller computed on the same inputs
/// (`report`'s daily trend: the period's days are then not computed twice).
pub fn for_period_known(
    run: &mut RunHistory,
    loaded: &LoadedConfig,
    (receptions, outcomes, orders, agents): DayInputs<'_, '_>,
    period: Period,
    result: &ConversionResult,
    known: &[(NaiveDate, ConversionResult)],
) -> Option<MonthComparison> {
    if receptions.is_empty() || (period.to - period.from).num_days() > 366 {
        return None;
    }
    let first = comparison::previous_month(period).min(period.to - chrono::Duration::days(29));
    let days = first.iter_days().take_while(|d| *d <= period.to);
    let inputs = input_days_known(receptions, outcomes, orders, agents, days, loaded.config.slow_response_secs, known);
    month_comparison(run, period, &inputs, tallies_of(result))
}

/// Records the commission inputs of a run on orders (`commission`, `report`).
pub fn record_commission(
    run: &mut RunHistory,
    orders: &[Order],
    attributions: &[crate::compute::attribution::Attribution],
    period: Option<Period>,
) {
    run.record_money(&money_days(orders, attributions.iter().map(|a| a.agent.as_deref()), period));
}

#[cfg(test)]
mod shop_key_tests {
    use super::*;
    use crate::shops::Shops;

    fn order(shop: crate::shops::ShopId, column: Option<&str>) -> Order {
        Order {
            id: "1".into(),
            buyer: None,
            paid_amount: rust_decimal::Decimal::ONE,
            refund_amount: None,
            created_at: None,
            paid_at: None,
            agent: None,
            memo: None,
            shop: column.map(Into::into),
            shop_id: shop,
            postage: rust_decimal::Decimal::ZERO,
            state: crate::model::OrderState::Paid,
            paid_by_status: false,
        }
    }

    #[test]
    fn a_run_of_several_shops_is_kept_under_all_their_names() {
        let mut shops = Shops::default();
        let (tmall, jd) = (shops.id("木子家居旗舰店"), shops.id("木子京东自营"));
        let names = shops.names();
        let one = [order(tmall, Some("木子家居旗舰店")), order(crate::shops::ShopId::UNNAMED, None)];
        assert_eq!(shop_key(&one, &names), "木子家居旗舰店");
        let group = [order(tmall, Some("木子家居旗舰店")), order(jd, None)];
        assert_eq!(shop_key(&group, &names), "木子京东自营、木子家居旗舰店");
    }
}
