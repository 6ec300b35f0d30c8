//! The history in the commands: where the file is, recording a run's days, gathering the
//! reference days (from the inputs when they cover them, else from the store) for the
//! comparisons, their sheets and JSON; and `cs-tools history list|import|export|forget`.

use super::{LoadedConfig, Outcome, load_config, print_stdout};
use crate::cli::{HistoryAction, HistoryArgs, HistoryCommand, HistoryWhere};
use crate::compute::compare::{self, Covered, DayTallies, Figures, PerDay, Reference};
use crate::compute::conversion::{ConversionResult, ReceptionOutcome, conversion_by_day};
use crate::compute::orders::{OrderState, net, refund, state};
use crate::compute::receptions::Reception;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::history::{self, DayRow, Figures as Stored, Kind, MoneyFigures, MonthRow, Store};
use crate::labels::{Lang, label};
use crate::model::{Order, Period};
use crate::report::{Chart, ChartKind, Column, ColumnKind, Rows, Sheet, Value};
use chrono::{Datelike, NaiveDate};
use rustc_hash::FxHashMap;
use serde_json::{Value as Json, json};
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
        None => dir.join(history::FILE_NAME),
    })
}

/// The shop a run's rows are kept under: the orders' 店铺名称 (several: joined with 、),
/// else "".
pub fn shop_key(orders: &[Order]) -> String {
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
    history::digest(&text)
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
        command: &'static str,
        rate: Option<rust_decimal::Decimal>,
    ) -> RunHistory {
        let mut run = RunHistory {
            store: None,
            shop: shop_key(orders),
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

/// The calendar days of the month starting on `first`.
fn days_in_month(first: NaiveDate) -> usize {
    first
        .checked_add_months(chrono::Months::new(1))
        .map(|next| usize::try_from((next - first).num_days()).unwrap_or(0))
        .unwrap_or(0)
}

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
fn input_days_known(
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
    fn per_day(&self, g: &Gathered) -> bool {
        g.reference != Reference::MonthToDate && compare::per_day(self.covered(), g.covered())
    }

    fn changes(&self, now: &Figures, g: &Gathered, then: Option<&Figures>) -> Vec<(&'static str, compare::Change)> {
        compare::changes_like(now, self.covered(), then, g.covered())
    }
}

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
fn figures_of(tallies: &DayTallies, agent: Option<&str>) -> Option<Figures> {
    match agent {
        Some(a) => tallies.get(a).map(Figures::of),
        None => {
            let mut f = Figures::of(&compare::team(tallies));
            f.sales = compare::all_sales(tallies);
            Some(f)
        }
    }
}

fn figures_json(f: Option<&Figures>) -> Json {
    match f {
        None => Json::Null,
        Some(f) => json!({
            "inquiries": f.inquiries,
            "paid_buyers": f.paid_buyers,
            "conversion": f.conversion,
            "sales": super::money_json(crate::model::round_fen(f.sales)),
            "first_response_secs": f.first_response_secs,
        }),
    }
}

/// A per-day count as shown: to 0.01, half away from zero (5.125 → 5.13).
fn round2(x: f64) -> f64 {
    use rust_decimal::prelude::ToPrimitive;
    rust_decimal::Decimal::try_from(x)
        .map(|d| d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero))
        .ok()
        .and_then(|d| d.to_f64())
        .unwrap_or(x)
}

fn per_day_json(f: Option<&Figures>, days: usize) -> Json {
    match f.and_then(|f| PerDay::of(f, days)) {
        None => Json::Null,
        Some(p) => json!({
            "inquiries": round2(p.inquiries),
            "paid_buyers": round2(p.paid_buyers),
            "sales": super::money_json(p.sales),
        }),
    }
}

/// JSON `comparisons`: for the team and each agent, the figures now (the run's own) and of
/// each reference (its days added up, or the whole month the history keeps: `counts`), and the changes (`conversion_pt`, `sales_pct`,
/// `inquiries_pct`, `paid_buyers_pct`, `first_response_pct`); `current` and each reference say
/// their dates, `days` covered of `period_days`, and whether counts and money were compared
/// per day (`per_day`: then `current_per_day` and `<reference>_per_day` give the means).
pub fn comparisons_json(current: &Current, refs: &[Gathered]) -> Json {
    let entity = |agent: Option<&str>| {
        let now = figures_of(&current.tallies, agent).unwrap_or_default();
        let mut v = json!({ "current": figures_json(Some(&now)) });
        for g in refs {
            let then = g.tallies.as_ref().and_then(|t| figures_of(t, agent));
            v[g.reference.name()] = figures_json(then.as_ref());
            if g.reference == Reference::MonthToDate {
                continue;
            }
            let changes: serde_json::Map<String, Json> = current
                .changes(&now, g, then.as_ref())
                .into_iter()
                .map(|(k, c)| (k.to_string(), json!(c.value())))
                .collect();
            v[format!("{}_change", g.reference.name())] = Json::Object(changes);
            if current.per_day(g) {
                v[format!("{}_per_day", g.reference.name())] = per_day_json(then.as_ref(), g.days());
                v["current_per_day"] = per_day_json(Some(&now), current.days);
            }
        }
        v
    };
    let mut agents = serde_json::Map::new();
    for name in current.tallies.keys().filter(|a| !a.is_empty()) {
        agents.insert(name.clone(), entity(Some(name)));
    }
    let references: serde_json::Map<String, Json> = refs
        .iter()
        .map(|g| {
            let covered = g.covered();
            (
                g.reference.name().to_string(),
                json!({
                    "from": g.from.to_string(), "to": g.to.to_string(), "days": covered.days,
                    "period_days": covered.of, "source": g.source(), "config_changed": g.config_changed,
                    "per_day": current.per_day(g), "counts": g.counts(),
                }),
            )
        })
        .collect();
    let covered = current.covered();
    let now = json!({
        "from": current.from.to_string(), "to": current.to.to_string(), "days": covered.days,
        "period_days": covered.of, "source": "input", "counts": "period",
    });
    json!({ "current": now, "references": references, "team": entity(None), "agents": agents })
}

/// A side's name for the coverage texts: a calendar month by its name (9月 / September), a
/// day by its date, else its dates.
fn side_name(lang: Lang, from: NaiveDate, to: NaiveDate) -> String {
    let whole_month = from.day() == 1 && to.month() == from.month() && to.succ_opt().is_none_or(|d| d.day() == 1);
    if whole_month {
        label(lang, "cmp.month_name")
            .replace("{m}", &from.month().to_string())
            .replace("{month}", &from.format("%B").to_string())
    } else if from == to {
        from.to_string()
    } else {
        format!("{from} – {to}")
    }
}

fn side_days(lang: Lang, from: NaiveDate, to: NaiveDate, c: Covered) -> String {
    label(lang, "cmp.side_days")
        .replace("{name}", &side_name(lang, from, to))
        .replace("{d}", &c.days.to_string())
        .replace("{n}", &c.of.to_string())
}

fn days_of(lang: Lang, c: Covered) -> String {
    label(lang, "cmp.days_of").replace("{d}", &c.days.to_string()).replace("{n}", &c.of.to_string())
}

/// Each side's coverage: "12月：2/31 天；11月：30/30 天" / "December: 2 of 31 days; November:
/// 30 of 30 days".
pub fn sides_text(lang: Lang, current: &Current, g: &Gathered) -> String {
    [side_days(lang, current.from, current.to, current.covered()), side_days(lang, g.from, g.to, g.covered())]
        .join(label(lang, "cmp.sides_sep"))
}

/// The team's changes for the group-chat summary, keyed by their JSON names: "环比 ▼ 5.0pt ·
/// 同比 ▲ 2.0pt". A reference neither the inputs nor the history have is left out; one compared
/// per day says so with each side's days: "月环比 ▲ 62.9%（日均；12月：2/31 天；11月：30/30 天）".
pub fn team_change_texts(lang: Lang, current: &Current, refs: &[Gathered]) -> BTreeMap<&'static str, String> {
    let now = figures_of(&current.tallies, None).unwrap_or_default();
    let mut parts: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
    for g in refs {
        let key = match g.reference {
            Reference::DayBefore => "cmp.change_day",
            Reference::WeekBefore => "cmp.change_week",
            Reference::PreviousMonth => "cmp.change_month",
            Reference::MonthToDate => continue,
        };
        let Some(then) = g.tallies.as_ref().and_then(|t| figures_of(t, None)) else { continue };
        let per_day = current.per_day(g);
        for (name, change) in current.changes(&now, g, Some(&then)) {
            let mut text = format!("{} {}", label(lang, key), change.text());
            // A side short of its period says so: amounts are then per-day means.
            if per_day {
                let note = if compare::is_amount(name) { "cmp.change_per_day" } else { "cmp.change_coverage" };
                text = label(lang, note).replace("{change}", &text).replace("{sides}", &sides_text(lang, current, g));
            }
            parts.entry(name).or_default().push(text);
        }
    }
    parts.into_iter().map(|(k, v)| (k, v.join(" · "))).collect()
}

/// The comparison sheet (对比): for the team and each agent, each figure now (the run's own),
/// beside each reference with its change (▲/▼ points for conversion, percent for the others).
/// When a side misses days of its period, a first row gives each side's days covered, and each
/// count and money figure gets a per-day row below it that carries the change.
pub fn comparison_sheet<'a>(current: &Current, agents: &[String], refs: &[Gathered], lang: Lang) -> Sheet<'a> {
    let l = |k| label(lang, k);
    let mut columns = vec![
        Column::new(l("agent"), ColumnKind::Text),
        Column::new(l("cmp.metric"), ColumnKind::Text),
        Column::new(l("cmp.current"), ColumnKind::Number),
    ];
    for g in refs {
        columns.push(Column::new(reference_label(lang, g), ColumnKind::Number));
        if g.reference != Reference::MonthToDate {
            columns.push(Column::new(l(change_key(g.reference)), ColumnKind::Text));
        }
    }
    let per_day: Vec<bool> = refs.iter().map(|g| current.per_day(g)).collect();
    let any_per_day = per_day.iter().any(|p| *p);
    let mut rows: Vec<Vec<Value<'a>>> = Vec::new();
    if any_per_day {
        let mut row =
            vec![Value::Empty, Value::text(l("cmp.days_covered")), Value::text(days_of(lang, current.covered()))];
        for (g, p) in refs.iter().zip(&per_day) {
            row.push(Value::text(days_of(lang, g.covered())));
            if g.reference != Reference::MonthToDate {
                row.push(if *p { Value::text(l("cmp.compared_per_day")) } else { Value::Empty });
            }
        }
        rows.push(row);
    }
    let mut entity = |name: String, agent: Option<&str>| {
        let now = figures_of(&current.tallies, agent).unwrap_or_default();
        let thens: Vec<Option<Figures>> =
            refs.iter().map(|g| g.tallies.as_ref().and_then(|t| figures_of(t, agent))).collect();
        let changes: Vec<Vec<(&'static str, compare::Change)>> =
            refs.iter().zip(&thens).map(|(g, then)| current.changes(&now, g, then.as_ref())).collect();
        let change_text = |i: usize, key: &str| {
            changes[i].iter().find(|(k, _)| *k == key).map(|(_, c)| c.text()).unwrap_or_else(|| "—".into())
        };
        let metric_rows: [(&str, &str); 4] = [
            ("inquiries", "inquiries_pct"),
            ("paid_buyers", "paid_buyers_pct"),
            ("conversion", "conversion_pt"),
            ("sales", "sales_pct"),
        ];
        for (metric, change) in metric_rows {
            let value = |f: &Figures| match metric {
                "inquiries" => Value::Int(f.inquiries as i64),
                "paid_buyers" => Value::Int(f.paid_buyers as i64),
                "conversion" => f.conversion.map(Value::Rate).unwrap_or(Value::text("—")),
                _ => Value::Money(f.sales),
            };
            let amount = compare::is_amount(change);
            let mut row = vec![Value::text(name.clone()), Value::text(l(metric)), value(&now)];
            for (i, (g, then)) in refs.iter().zip(&thens).enumerate() {
                row.push(then.as_ref().map(value).unwrap_or(Value::text("—")));
                if g.reference != Reference::MonthToDate {
                    let text =
                        if amount && per_day[i] { l("cmp.see_per_day").to_string() } else { change_text(i, change) };
                    row.push(Value::text(text));
                }
            }
            rows.push(row);
            if !(amount && any_per_day) {
                continue;
            }
            // The per-day row: each side's figure ÷ its days covered, and the change of those.
            let mean = |f: Option<&Figures>, days: usize| match f.and_then(|f| PerDay::of(f, days)) {
                None => Value::text("—"),
                Some(p) => match metric {
                    "inquiries" => Value::Number(round2(p.inquiries)),
                    "paid_buyers" => Value::Number(round2(p.paid_buyers)),
                    _ => Value::Money(p.sales),
                },
            };
            let metric_name = l("cmp.per_day_metric").replace("{metric}", l(metric));
            let mut row = vec![Value::text(name.clone()), Value::text(metric_name), mean(Some(&now), current.days)];
            for (i, (g, then)) in refs.iter().zip(&thens).enumerate() {
                row.push(mean(then.as_ref(), g.days()));
                if g.reference != Reference::MonthToDate {
                    row.push(if per_day[i] { Value::text(change_text(i, change)) } else { Value::Empty });
                }
            }
            rows.push(row);
        }
    };
    entity(l("team").to_string(), None);
    for a in agents {
        entity(a.clone(), Some(a));
    }
    let mut sheet = Sheet::new(l("sheet.compare"), columns, Rows::Owned(rows));
    let mut note = l("cmp.note_like").to_string();
    if refs.iter().any(|g| g.distinct) {
        note.push(' ');
        note.push_str(l("cmp.note_month_distinct"));
    }
    for (g, _) in refs.iter().zip(&per_day).filter(|(_, p)| **p) {
        note.push(' ');
        note.push_str(&label(lang, "cmp.coverage_line").replace("{sides}", &sides_text(lang, current, g)));
    }
    if refs.iter().any(|g| g.config_changed) {
        note.push(' ');
        note.push_str(l("cmp.config_changed"));
    }
    sheet.note = Some(note);
    sheet
}

fn change_key(r: Reference) -> &'static str {
    match r {
        Reference::DayBefore => "cmp.change_day",
        Reference::WeekBefore => "cmp.change_week",
        _ => "cmp.change_month",
    }
}

fn reference_label(lang: Lang, g: &Gathered) -> String {
    let key = match g.reference {
        Reference::DayBefore => "cmp.day_before",
        Reference::WeekBefore => "cmp.week_before",
        Reference::MonthToDate => "cmp.month_to_date",
        Reference::PreviousMonth => "cmp.previous_month",
    };
    let dates = if g.from == g.to { g.from.to_string() } else { format!("{} – {}", g.from, g.to) };
    format!("{} ({dates})", label(lang, key))
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
    let refs = [Reference::DayBefore, Reference::WeekBefore, Reference::MonthToDate];
    let earliest = refs.iter().map(|r| r.days(day, day).0).min().unwrap_or(day);
    let stored = run.conversion_days(earliest, day);
    refs.iter().map(|r| gather(*r, r.days(day, day), inputs, &stored)).collect()
}

/// The days `daily` needs from the inputs for its comparisons.
pub fn daily_days(day: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    let first = Reference::MonthToDate.days(day, day).0.min(day - chrono::Duration::days(7));
    first.iter_days().take_while(move |d| *d <= day)
}

/// For a month's `report` / `conversion`: records the period's days (those the inputs
/// cover), then gathers the month before and the last 30 days. None unless the period is a
/// calendar month.
pub struct MonthComparison {
    /// The run's own figures for the month (its main rows), with the days the inputs cover.
    pub current: Current,
    pub previous: Gathered,
    /// The last 30 days to the period's end, each from the inputs or the history.
    pub trend: Vec<(NaiveDate, Option<DayTallies>)>,
    pub trend_from_history: usize,
}

/// `current`: the run's own figures for the period (`tallies_of` its main result).
pub fn month_comparison(
    run: &mut RunHistory,
    period: Period,
    inputs: &BTreeMap<NaiveDate, DayTallies>,
    current: DayTallies,
) -> Option<MonthComparison> {
    let recorded: BTreeMap<NaiveDate, DayTallies> =
        inputs.iter().filter(|(d, _)| period.contains(**d)).map(|(d, t)| (*d, t.clone())).collect();
    let whole_month = period.from.day() == 1
        && (period.to + chrono::Duration::days(1)).day() == 1
        && (period.to - period.from).num_days() <= 31;
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
    let prev_days = Reference::PreviousMonth.days(period.from, period.to);
    let trend_from = period.to - chrono::Duration::days(29);
    let stored = run.conversion_days(prev_days.0.min(trend_from), period.to);
    // The run's own figures, not its days added up: a buyer who asked on two days of the
    // month is one inquiring buyer in the main rows and must be one here.
    let current = Current { tallies: current, from: period.from, to: period.to, days: recorded.len() };
    let mut previous = gather(Reference::PreviousMonth, prev_days, inputs, &stored);
    previous.use_month(run.conversion_month(prev_days.0));
    let mut trend_from_history = 0;
    let trend = trend_from
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
    Some(MonthComparison { current, previous, trend, trend_from_history })
}

/// Overview rows: the month's figures beside the month before (Σ of its days, or the whole
/// month the history keeps, as its first row says).
pub fn overview_rows<'a>(m: &MonthComparison, lang: Lang) -> Vec<Vec<Value<'a>>> {
    if m.previous.tallies.is_none() {
        return Vec::new();
    }
    let l = |k| label(lang, k);
    let now = figures_of(&m.current.tallies, None).unwrap_or_default();
    let then = m.previous.tallies.as_ref().and_then(|t| figures_of(t, None));
    let changes = m.current.changes(&now, &m.previous, then.as_ref());
    let per_day = m.current.per_day(&m.previous);
    let change = |k: &str| {
        let text = changes.iter().find(|(n, _)| *n == k).map(|(_, c)| c.text()).unwrap_or_default();
        if per_day && compare::is_amount(k) { l("cmp.overview_per_day").replace("{change}", &text) } else { text }
    };
    let head = format!("{} ({} – {})", l("cmp.previous_month"), m.previous.from, m.previous.to);
    let v = |f: Option<&Figures>, which: &str| -> Value<'a> {
        match (f, which) {
            (None, _) => Value::text("—"),
            (Some(f), "sales") => Value::Money(f.sales),
            (Some(f), "inquiries") => Value::Int(f.inquiries as i64),
            (Some(f), "paid_buyers") => Value::Int(f.paid_buyers as i64),
            (Some(f), _) => f.conversion.map(Value::Rate).unwrap_or(Value::text("—")),
        }
    };
    let counts = if m.previous.distinct { "cmp.month_distinct" } else { "cmp.sum_of_days" };
    let mut rows = vec![vec![Value::text(head), Value::text(l(counts))]];
    if per_day {
        let coverage = l("cmp.coverage_line").replace("{sides}", &sides_text(lang, &m.current, &m.previous));
        rows.push(vec![
            Value::text(format!("{} · {}", l("cmp.change_month"), l("cmp.days_covered"))),
            Value::text(coverage),
        ]);
    }
    for (key, which, ch) in [
        ("sales_with_unattributed", "sales", "sales_pct"),
        ("team_inquiries", "inquiries", "inquiries_pct"),
        ("team_paid_buyers", "paid_buyers", "paid_buyers_pct"),
        ("team_conversion", "conversion", "conversion_pt"),
    ] {
        rows.push(vec![Value::text(format!("{} · {}", l("cmp.previous_month"), l(key))), v(then.as_ref(), which)]);
        rows.push(vec![Value::text(format!("{} · {}", l("cmp.change_month"), l(key))), Value::text(change(ch))]);
    }
    rows
}

/// The per-agent month-over-month sheet (环比): this month and the month before (Σ of its
/// days, or the whole month the history keeps).
pub fn month_sheet<'a>(m: &MonthComparison, lang: Lang) -> Sheet<'a> {
    let agents: Vec<String> = m.current.tallies.keys().filter(|a| !a.is_empty()).cloned().collect();
    let mut sheet = comparison_sheet(&m.current, &agents, std::slice::from_ref(&m.previous), lang);
    sheet.name = label(lang, "sheet.month_compare").to_string();
    sheet
}

/// The last 30 days (from the inputs, else the history): the team's inquiries, paid buyers,
/// conversion and every sale; a line chart of conversion and sales.
pub fn trend_sheet<'a>(m: &MonthComparison, lang: Lang) -> Sheet<'a> {
    let l = |k| label(lang, k);
    let columns = vec![
        Column::new(l("date"), ColumnKind::Date),
        Column::new(l("inquiries"), ColumnKind::Int),
        Column::new(l("paid_buyers"), ColumnKind::Int),
        Column::new(l("conversion"), ColumnKind::Rate),
        Column::new(l("sales_with_unattributed"), ColumnKind::Money),
    ];
    let rows: Vec<Vec<Value<'a>>> = m
        .trend
        .iter()
        .map(|(d, t)| match t.as_ref().and_then(|t| figures_of(t, None)) {
            Some(f) => vec![
                Value::Date(*d),
                Value::Int(f.inquiries as i64),
                Value::Int(f.paid_buyers as i64),
                f.conversion.map(Value::Rate).unwrap_or(Value::Empty),
                Value::Money(f.sales),
            ],
            None => vec![Value::Date(*d), Value::Empty, Value::Empty, Value::Empty, Value::Empty],
        })
        .collect();
    let n = rows.len();
    let mut sheet = Sheet::new(l("sheet.trend30"), columns, Rows::Owned(rows));
    sheet.charts = vec![Chart {
        secondary: vec![3],
        ..Chart::new(ChartKind::Line, [l("chart.daily"), l("date"), l("chart.amount")], 0, vec![4, 3], n)
    }];
    sheet
}

/// The team's month-over-month changes for the group-chat summary (`team_change_texts`).
pub fn month_change_texts(lang: Lang, m: &MonthComparison) -> BTreeMap<&'static str, String> {
    team_change_texts(lang, &m.current, std::slice::from_ref(&m.previous))
}

/// JSON `month_comparison`.
pub fn month_json(m: &MonthComparison) -> Json {
    let mut v = comparisons_json(&m.current, std::slice::from_ref(&m.previous));
    v["trend"] = m
        .trend
        .iter()
        .map(|(d, t)| {
            let mut f = figures_json(t.as_ref().and_then(|t| figures_of(t, None)).as_ref());
            if f.is_null() {
                f = json!({});
            }
            f["date"] = json!(d.to_string());
            f
        })
        .collect();
    v
}

// ---------------------------------------------------------------------------------------
// cs-tools history …

pub fn run(cmd: &HistoryCommand, today: NaiveDate) -> Result<Outcome> {
    match &cmd.action {
        HistoryAction::List(w) => {
            let store = open_existing(w)?;
            let coverage = store.coverage().map_err(to_error)?;
            let mut out = format!("history {}\n", store.path().display());
            if coverage.is_empty() {
                out.push_str("nothing stored\n");
            }
            for c in coverage {
                let shop = if c.shop.is_empty() { "(no shop name)".to_string() } else { c.shop.clone() };
                out.push_str(&format!(
                    "{shop}  {}  {} – {}  {} days  agents: {}{}\n",
                    c.kind.name(),
                    c.from,
                    c.to,
                    c.days,
                    if c.agents.is_empty() { "-".to_string() } else { c.agents.join(", ") },
                    if c.digests > 1 { format!("  ({} different settings)", c.digests) } else { String::new() }
                ));
            }
            let months = store.months().map_err(to_error)?;
            let mut by_shop: BTreeMap<String, Vec<String>> = BTreeMap::new();
            for (shop, month) in months {
                by_shop.entry(shop).or_default().push(month);
            }
            for (shop, months) in by_shop {
                let shop = if shop.is_empty() { "(no shop name)".to_string() } else { shop };
                out.push_str(&format!("{shop}  whole months (buyers counted once a month): {}\n", months.join(", ")));
            }
            print_stdout(&out);
            Ok(Outcome { problems: 0, strict: false })
        }
        HistoryAction::Export(a) => {
            let store = open_existing(&a.place)?;
            let csv = history::to_csv(&store.all().map_err(to_error)?);
            match &a.output {
                Some(p) => {
                    std::fs::write(p, csv.as_bytes())
                        .map_err(|e| Error::Write { path: p.display().to_string(), message: e.to_string() })?;
                    print_stdout(&format!("wrote {}\n", p.display()));
                }
                None => print_stdout(&csv),
            }
            Ok(Outcome { problems: 0, strict: false })
        }
        HistoryAction::Forget(a) => {
            if a.from > a.to {
                return Err(Error::Usage(format!("--from {} is after --to {}", a.from, a.to)));
            }
            let mut store = open_existing(&a.place)?;
            let (n, months) = store.forget(a.shop.as_deref(), a.from, a.to).map_err(to_error)?;
            let months = if months > 0 {
                format!(" and the month figures of their months ({months} rows)")
            } else {
                String::new()
            };
            print_stdout(&format!(
                "forgot {n} rows{months} from {} to {} in {}\n",
                a.from,
                a.to,
                store.path().display()
            ));
            Ok(Outcome { problems: 0, strict: false })
        }
        HistoryAction::Import(a) => import(a, today),
    }
}

fn to_error(e: history::HistoryError) -> Error {
    Error::Input(e.to_string())
}

fn open_existing(w: &HistoryWhere) -> Result<Store> {
    let loaded = load_config(w.config.as_deref())?;
    let path = place(w.history.as_deref(), &loaded).ok_or_else(|| {
        Error::Input(
            "no history: give --history PATH, or run where cs-tools.toml is (`cs-tools init`); the history is cs-tools.db beside it"
                .into(),
        )
    })?;
    Store::open(&path, false).map_err(to_error)
}

/// `history import FILES…`: the days of the files (or of the period), recorded as
/// `conversion` and `commission` would, no report written.
fn import(a: &crate::cli::HistoryImportArgs, today: NaiveDate) -> Result<Outcome> {
    let loaded = load_config(a.input.config.as_deref())?;
    let config = &loaded.config;
    let options = super::read_options(&a.input, config);
    let requested = super::requested_period(&a.period, today)?;
    let directory = crate::compute::agents::AgentDirectory::new(&config.agents);
    let all = crate::inputs::read_everything(&a.files, &options, &loaded, &directory, None, None)?;
    if all.orders.is_empty() && all.receptions.is_empty() {
        return Err(Error::Input(format!(
            "no orders or chats found in {}: check the files with `cs-tools inspect`",
            super::file_list(&a.files)
        )));
    }
    let args = HistoryArgs { history: a.history.clone(), no_history: false };
    if place(args.history.as_deref(), &loaded).is_none() {
        return Err(Error::Input(
            "history import needs a history: give --history PATH, or run where cs-tools.toml is".into(),
        ));
    }
    let mut run = RunHistory::open(&args, &loaded, &all.orders, "import", a.rate);
    if let Some(e) = &run.error {
        return Err(Error::Input(e.clone()));
    }
    let agents = all.order_agents();
    let money = money_days(&all.orders, agents.iter().copied(), requested);
    run.record_money(&money);
    let mut conv_days = 0;
    if !all.receptions.is_empty() {
        let windows = crate::compute::conversion::Windows {
            after_sales_days: config.after_sales_days,
            conversion_window_days: config.conversion_window_days,
        };
        let outcomes = crate::compute::conversion::classify(&all.receptions, &all.orders, |i| agents[i], windows);
        let dates: BTreeSet<NaiveDate> =
            all.receptions.iter().map(|r| r.date()).filter(|d| requested.is_none_or(|p| p.contains(*d))).collect();
        let days = input_days(&all.receptions, &outcomes, &all.orders, &agents, dates, config.slow_response_secs);
        conv_days = days.len();
        run.record_conversion(&days);
    }
    if let Some(e) = &run.error {
        return Err(Error::Input(e.clone()));
    }
    let problems = all.read.problems.len();
    if !a.quiet {
        let span = |days: Vec<NaiveDate>| match (days.first(), days.last()) {
            (Some(f), Some(l)) => format!("{f} – {l}"),
            _ => "-".into(),
        };
        print_stdout(&format!(
            "imported {} days of conversion figures and {} days of sales ({}) for shop \"{}\"\n",
            conv_days,
            money.len(),
            span(money.keys().copied().collect()),
            run.shop
        ));
        super::note_problems(problems, crate::cli::Format::Table);
    }
    Ok(Outcome { problems, strict: false })
}

/// Everything `daily` needs from the history: the day recorded, its comparisons gathered.
pub struct Daily {
    /// The day's own figures (the run's main rows).
    pub current: Current,
    pub refs: Vec<Gathered>,
    pub run: RunHistory,
}

#[allow(clippy::too_many_arguments)]
pub fn for_daily(
    args: &HistoryArgs,
    loaded: &LoadedConfig,
    receptions: &[Reception],
    outcomes: &[ReceptionOutcome],
    orders: &[Order],
    agents: &[Option<&str>],
    day: NaiveDate,
    result: &ConversionResult,
) -> Daily {
    let mut run = RunHistory::open(args, loaded, orders, "daily", None);
    let inputs = input_days(receptions, outcomes, orders, agents, daily_days(day), loaded.config.slow_response_secs);
    let refs = daily_comparisons(&mut run, day, &inputs);
    let days = usize::from(inputs.contains_key(&day));
    let current = Current { tallies: tallies_of(result), from: day, to: day, days };
    Daily { current, refs, run }
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
    let first = Reference::PreviousMonth.days(period.from, period.to).0.min(period.to - chrono::Duration::days(29));
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

/// The month-over-month sheets of a report: the per-agent comparison when the month before
/// is known (inputs or history), and the last 30 days when the history has some of them.
pub fn month_sheets<'a>(m: &MonthComparison, lang: Lang) -> Vec<Sheet<'a>> {
    let mut sheets = Vec::new();
    if m.previous.tallies.is_some() {
        sheets.push(month_sheet(m, lang));
    }
    if m.trend_from_history > 0 {
        sheets.push(trend_sheet(m, lang));
    }
    sheets
}
