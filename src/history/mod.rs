// Over 500 lines with its tests: the store's schema, its migrations and its queries are one SQLite file's contract.
//! The history store: per-agent, per-day figures kept between runs in an embedded SQLite
//! file, so a day's report can stand beside the day before, the same weekday a week before and
//! the month before. I/O only: what the figures mean is compute's.
//!
//! One table, `day_figures`, one row per (shop, day, kind, agent):
//! - kind `conversion`: the additive counts of a conversion row (the `Tally`: buyers, receptions,
//!   response-time sums and their counts, sales), so that rates and means recombine exactly
//!   over any set of days;
//! - kind `money`: the commission inputs, paid / refund / net and the number of paid orders.
//!
//! The agent `""` is 未归属 (unattributed orders: money and sales only). Every row carries the
//! digest of the settings that computed it. A day with rows is a day the history covers
//! (docs/comparisons.md#days-covered); its buyer counts are that day's, so days added up count
//! a buyer once per day.
//!
//! Beside them, `month_figures`, one row per (shop, month, agent): the conversion tallies of a
//! run that computed a whole calendar month with a chat on every day, buyers counted once over
//! the month as in that run's main rows. Recording any conversion day of a month drops that
//! month's rows (they no longer describe its days); a rerun of the whole month writes them
//! again. The table is added to a file of the first schema when it is opened: files without it
//! read as a history without month figures.

pub mod run;

use crate::compute::conversion::Tally;
use crate::messages::technical;
use crate::model::Money;
use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, ErrorCode, OpenFlags, params};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// `PRAGMA application_id` of a cs-tools history ("csTH"): any other is a foreign file.
const APPLICATION_ID: i64 = 0x6373_5448;
const SCHEMA_VERSION: i64 = 1;
/// How long a run waits for another run's transaction (two cron lines at once).
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// The file name beside the config in use.
pub const FILE_NAME: &str = "cs-tools.db";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Conversion,
    Money,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Conversion => "conversion",
            Kind::Money => "money",
        }
    }

    fn parse(s: &str) -> Option<Kind> {
        match s {
            "conversion" => Some(Kind::Conversion),
            "money" => Some(Kind::Money),
            _ => None,
        }
    }
}

/// The commission inputs of one agent on one day.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct MoneyFigures {
    pub orders: u64,
    pub paid: Money,
    pub refund: Money,
    pub net: Money,
}

impl std::ops::AddAssign<&MoneyFigures> for MoneyFigures {
    fn add_assign(&mut self, o: &MoneyFigures) {
        self.orders += o.orders;
        self.paid += o.paid;
        self.refund += o.refund;
        self.net += o.net;
    }
}

/// One stored month: an agent's conversion tallies over a whole calendar month, distinct buyers.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthRow {
    pub shop: String,
    /// The month's first day.
    pub month: NaiveDate,
    /// "" = 未归属 (sales only).
    pub agent: String,
    pub tally: Tally,
    /// The days of the month the run's chats covered (the whole month).
    pub days: u64,
    pub digest: String,
    pub command: String,
    pub recorded_at: String,
}

/// The month key, `2026-09`.
fn month_key(d: NaiveDate) -> String {
    d.format("%Y-%m").to_string()
}

#[derive(Debug, Clone, PartialEq)]
pub enum Figures {
    Conversion(Tally),
    Money(MoneyFigures),
}

/// One stored row.
#[derive(Debug, Clone, PartialEq)]
pub struct DayRow {
    pub shop: String,
    pub day: NaiveDate,
    /// "" = 未归属.
    pub agent: String,
    pub figures: Figures,
    pub digest: String,
    pub command: String,
    pub recorded_at: String,
}

impl DayRow {
    pub fn kind(&self) -> Kind {
        match self.figures {
            Figures::Conversion(_) => Kind::Conversion,
            Figures::Money(_) => Kind::Money,
        }
    }
}

/// A history error: always names the file.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryError {
    pub path: PathBuf,
    pub message: String,
}

impl std::fmt::Display for HistoryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&msg!("config.history.error", path = self.path.display(), message = &self.message))
    }
}

pub type HResult<T> = std::result::Result<T, HistoryError>;

/// What `history list` shows per shop and kind.
#[derive(Debug, Clone, PartialEq)]
pub struct Coverage {
    pub shop: String,
    pub kind: Kind,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub days: u64,
    pub agents: Vec<String>,
    pub digests: u64,
}

pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The file has the month table (a file of the first schema that cannot be written has not).
    months: bool,
}

const COLUMNS: &str = "shop, day, kind, agent, consulted, received, inquiries, ordered, paid_buyers, sale_buyers, \
     sales, first_sum, answered_receptions, response_sum, answered_turns, with_buyer, first_answered, \
     agent_messages, buyer_messages, slow, inquiry_receptions, lost_inquiries, orders, paid, refund, net, \
     digest, command, recorded_at";

/// The column names, in export order.
pub fn column_names() -> Vec<&'static str> {
    COLUMNS.split(',').map(str::trim).collect()
}

const SCHEMA: &str = "CREATE TABLE IF NOT EXISTS day_figures (
    shop TEXT NOT NULL, day TEXT NOT NULL, kind TEXT NOT NULL, agent TEXT NOT NULL,
    consulted INTEGER, received INTEGER, inquiries INTEGER, ordered INTEGER, paid_buyers INTEGER,
    sale_buyers INTEGER, sales TEXT, first_sum REAL, answered_receptions INTEGER, response_sum REAL,
    answered_turns INTEGER, with_buyer INTEGER, first_answered INTEGER, agent_messages INTEGER,
    buyer_messages INTEGER, slow INTEGER, inquiry_receptions INTEGER, lost_inquiries INTEGER,
    orders INTEGER, paid TEXT, refund TEXT, net TEXT,
    digest TEXT NOT NULL, command TEXT NOT NULL, recorded_at TEXT NOT NULL,
    PRIMARY KEY (shop, day, kind, agent)
)";

/// Added beside `day_figures` (see the module's head); created on open when missing.
const MONTH_SCHEMA: &str = "CREATE TABLE IF NOT EXISTS month_figures (
    shop TEXT NOT NULL, month TEXT NOT NULL, agent TEXT NOT NULL,
    consulted INTEGER, received INTEGER, inquiries INTEGER, ordered INTEGER, paid_buyers INTEGER,
    sale_buyers INTEGER, sales TEXT, first_sum REAL, answered_receptions INTEGER, response_sum REAL,
    answered_turns INTEGER, with_buyer INTEGER, first_answered INTEGER, agent_messages INTEGER,
    buyer_messages INTEGER, slow INTEGER, inquiry_receptions INTEGER, lost_inquiries INTEGER,
    days INTEGER NOT NULL,
    digest TEXT NOT NULL, command TEXT NOT NULL, recorded_at TEXT NOT NULL,
    PRIMARY KEY (shop, month, agent)
)";

const TALLY_COLUMNS: &str = "consulted, received, inquiries, ordered, paid_buyers, sale_buyers, sales, first_sum, \
     answered_receptions, response_sum, answered_turns, with_buyer, first_answered, agent_messages, buyer_messages, \
     slow, inquiry_receptions, lost_inquiries";

impl Store {
    /// Opens the store, creating it (and its table) when `create` and it does not exist.
    /// A file that is not SQLite, or SQLite that is not a cs-tools history, is an error
    /// naming it; nothing is written to such a file.
    pub fn open(path: &Path, create: bool) -> HResult<Store> {
        let err = |message: String| HistoryError { path: path.to_path_buf(), message };
        if !create && !path.exists() {
            return Err(err(msg!("config.history.none_yet")));
        }
        let flags = if create {
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE
        };
        let conn = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)
            .map_err(|e| err(msg!("config.history.cannot_open", detail = technical(e))))?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(|e| err(msg!("config.history.sqlite", detail = e)))?;
        let mut store = Store { conn, path: path.to_path_buf(), months: false };
        store.months = store.check_and_init().map_err(err)?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the file has (now) the month table.
    fn check_and_init(&self) -> Result<bool, String> {
        let damaged = |e: rusqlite::Error| match e.sqlite_error_code() {
            Some(ErrorCode::NotADatabase) => msg!("config.history.not_a_history"),
            Some(ErrorCode::DatabaseCorrupt) => msg!("config.history.corrupt"),
            _ => msg!("config.history.unreadable", detail = technical(e)),
        };
        // Wait for another run setting the file up, then look at what it is: both in one read
        // transaction, or a run that commits the setup in between would make the file look
        // foreign (no id yet, tables already).
        let (app, tables): (i64, i64) = retry_busy(|| {
            self.conn.execute_batch("BEGIN")?;
            let read = self.conn.query_row("PRAGMA application_id", [], |r| r.get(0)).and_then(|app| {
                let tables =
                    self.conn.query_row("SELECT count(*) FROM sqlite_master WHERE type = 'table'", [], |r| r.get(0))?;
                Ok((app, tables))
            });
            let _ = self.conn.execute_batch("COMMIT");
            read
        })
        .map_err(damaged)?;
        if app != APPLICATION_ID && (app != 0 || tables > 0) {
            return Err(msg!("config.history.foreign"));
        }
        if app == APPLICATION_ID {
            let version: i64 =
                retry_busy(|| self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))).map_err(damaged)?;
            if version > SCHEMA_VERSION {
                return Err(msg!("config.history.newer", version = version, supported = SCHEMA_VERSION));
            }
        }
        retry_busy(|| self.conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0)))
            .map_err(damaged)?;
        if app == 0 {
            retry_busy(|| {
                self.conn.execute_batch(&format!(
                    "BEGIN IMMEDIATE; {SCHEMA}; {MONTH_SCHEMA}; PRAGMA application_id = {APPLICATION_ID}; \
                     PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;"
                ))
            })
            .map_err(|e| {
                let _ = self.conn.execute_batch("ROLLBACK");
                damaged(e)
            })?;
        }
        // A history of the first schema gets the month table; nothing else in it changes.
        let has_months: i64 = retry_busy(|| {
            self.conn.query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'month_figures'",
                [],
                |r| r.get(0),
            )
        })
        .map_err(damaged)?;
        if has_months > 0 {
            return Ok(true);
        }
        match retry_busy(|| self.conn.execute_batch(&format!("BEGIN IMMEDIATE; {MONTH_SCHEMA}; COMMIT;"))) {
            Ok(()) => Ok(true),
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                // A file that cannot be written is still read, as a history without months.
                if e.sqlite_error_code() == Some(ErrorCode::ReadOnly) { Ok(false) } else { Err(damaged(e)) }
            }
        }
    }

    /// Replaces, for `shop` and each kind present in `replace`, the rows of those days by
    /// `rows`: one transaction, so a rerun of a day is idempotent and a concurrent run sees
    /// the day before or after, never half of it.
    #[cfg(test)]
    pub fn record(&mut self, shop: &str, replace: &[(Kind, Vec<NaiveDate>)], rows: &[DayRow]) -> HResult<usize> {
        self.record_with_months(shop, replace, rows, &[])
    }

    /// `record`, and in the same transaction: the month figures of every month with a
    /// conversion day in `replace` are dropped, then `months` written (a whole month's run
    /// gives its own).
    pub fn record_with_months(
        &mut self,
        shop: &str,
        replace: &[(Kind, Vec<NaiveDate>)],
        rows: &[DayRow],
        months: &[MonthRow],
    ) -> HResult<usize> {
        let path = self.path.clone();
        let err = move |e: rusqlite::Error| HistoryError {
            path: path.clone(),
            message: msg!("config.history.cannot_record", detail = technical(e)),
        };
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(err.clone())?;
        {
            let mut delete = tx
                .prepare("DELETE FROM day_figures WHERE shop = ?1 AND kind = ?2 AND day = ?3")
                .map_err(err.clone())?;
            for (kind, days) in replace {
                for day in days {
                    delete.execute(params![shop, kind.name(), day.to_string()]).map_err(err.clone())?;
                }
            }
            let marks: Vec<String> = (1..=column_names().len()).map(|i| format!("?{i}")).collect();
            let mut insert = tx
                .prepare(&format!("INSERT OR REPLACE INTO day_figures ({COLUMNS}) VALUES ({})", marks.join(", ")))
                .map_err(err.clone())?;
            for r in rows {
                insert.execute(rusqlite::params_from_iter(row_values(r))).map_err(err.clone())?;
            }
            let touched: BTreeSet<String> = replace
                .iter()
                .filter(|(kind, _)| *kind == Kind::Conversion)
                .flat_map(|(_, days)| days.iter().map(|d| month_key(*d)))
                .chain(months.iter().map(|m| month_key(m.month)))
                .collect();
            let mut drop =
                tx.prepare("DELETE FROM month_figures WHERE shop = ?1 AND month = ?2").map_err(err.clone())?;
            for month in &touched {
                drop.execute(params![shop, month]).map_err(err.clone())?;
            }
            let marks: Vec<String> = (1..=25).map(|i| format!("?{i}")).collect();
            let mut insert = tx
                .prepare(&format!(
                    "INSERT OR REPLACE INTO month_figures (shop, month, agent, {TALLY_COLUMNS}, days, digest, command, \
                     recorded_at) VALUES ({})",
                    marks.join(", ")
                ))
                .map_err(err.clone())?;
            for m in months {
                let mut v = vec![
                    SqlValue::Text(m.shop.clone()),
                    SqlValue::Text(month_key(m.month)),
                    SqlValue::Text(m.agent.clone()),
                ];
                v.extend(tally_values(&m.tally));
                v.extend([
                    SqlValue::Integer(m.days as i64),
                    SqlValue::Text(m.digest.clone()),
                    SqlValue::Text(m.command.clone()),
                    SqlValue::Text(m.recorded_at.clone()),
                ]);
                insert.execute(rusqlite::params_from_iter(v)).map_err(err.clone())?;
            }
        }
        tx.commit().map_err(err)?;
        Ok(rows.len())
    }

    /// The rows of `shop` (every shop when None) between `from` and `to`, both included.
    pub fn load(&self, shop: Option<&str>, from: NaiveDate, to: NaiveDate) -> HResult<Vec<DayRow>> {
        let err = |e: rusqlite::Error| HistoryError {
            path: self.path.clone(),
            message: msg!("config.history.cannot_read", detail = technical(e)),
        };
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT {COLUMNS} FROM day_figures WHERE (?1 IS NULL OR shop = ?1) AND day BETWEEN ?2 AND ?3 \
                 ORDER BY shop, day, kind, agent"
            ))
            .map_err(err)?;
        let rows = stmt.query_map(params![shop, from.to_string(), to.to_string()], read_row).map_err(err)?;
        let mut out = Vec::new();
        for row in rows {
            if let Some(r) = row.map_err(err)? {
                out.push(r);
            }
        }
        Ok(out)
    }

    /// The month figures of `shop` for the month of `month`, by agent (empty: none stored).
    /// Rows a conversion day of the month was recorded after (by a cs-tools that did not drop
    /// them) are not the month's any more: none is returned then.
    pub fn load_month(&self, shop: &str, month: NaiveDate) -> HResult<Vec<MonthRow>> {
        let err = |e: rusqlite::Error| HistoryError {
            path: self.path.clone(),
            message: msg!("config.history.cannot_read", detail = technical(e)),
        };
        if !self.months {
            return Ok(Vec::new());
        }
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT shop, month, agent, {TALLY_COLUMNS}, days, digest, command, recorded_at FROM month_figures \
                 WHERE shop = ?1 AND month = ?2 ORDER BY agent"
            ))
            .map_err(err)?;
        let rows = stmt
            .query_map(params![shop, month_key(month)], |r| {
                let tally = read_tally(r, 3)?;
                Ok(MonthRow {
                    shop: r.get(0)?,
                    month,
                    agent: r.get(2)?,
                    tally,
                    days: r.get::<_, i64>(21)?.max(0) as u64,
                    digest: r.get(22)?,
                    command: r.get(23)?,
                    recorded_at: r.get(24)?,
                })
            })
            .map_err(err)?;
        let rows = rows.collect::<Result<Vec<_>, _>>().map_err(err)?;
        let Some(recorded) = rows.iter().map(|m| m.recorded_at.as_str()).min() else { return Ok(rows) };
        let last = month.with_day(1).and_then(|f| f.checked_add_months(chrono::Months::new(1))).map(|n| n.pred_opt());
        let (from, to) = (month.with_day(1).unwrap_or(month), last.flatten().unwrap_or(month));
        let later: i64 = self
            .conn
            .query_row(
                "SELECT count(*) FROM day_figures WHERE shop = ?1 AND kind = 'conversion' AND day BETWEEN ?2 AND ?3 \
                 AND recorded_at > ?4",
                params![shop, from.to_string(), to.to_string(), recorded],
                |r| r.get(0),
            )
            .map_err(err)?;
        Ok(if later > 0 { Vec::new() } else { rows })
    }

    /// The months with month figures, by shop (for `history list`).
    pub fn months(&self) -> HResult<Vec<(String, String)>> {
        let err = |e: rusqlite::Error| HistoryError {
            path: self.path.clone(),
            message: msg!("config.history.cannot_read", detail = technical(e)),
        };
        if !self.months {
            return Ok(Vec::new());
        }
        let mut stmt =
            self.conn.prepare("SELECT DISTINCT shop, month FROM month_figures ORDER BY shop, month").map_err(err)?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).map_err(err)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(err)
    }

    /// Every row (for `history export`).
    pub fn all(&self) -> HResult<Vec<DayRow>> {
        let min = NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or_default();
        let max = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or_default();
        self.load(None, min, max)
    }

    /// Shops, kinds, date ranges and agents stored.
    pub fn coverage(&self) -> HResult<Vec<Coverage>> {
        let err = |e: rusqlite::Error| HistoryError {
            path: self.path.clone(),
            message: msg!("config.history.cannot_read", detail = technical(e)),
        };
        let mut stmt = self
            .conn
            .prepare(
                "SELECT shop, kind, min(day), max(day), count(DISTINCT day), \
                 (SELECT group_concat(agent, char(31)) FROM (SELECT DISTINCT agent FROM day_figures f \
                   WHERE f.shop = d.shop AND f.kind = d.kind AND agent <> '' ORDER BY agent)), \
                 count(DISTINCT digest) FROM day_figures d GROUP BY shop, kind ORDER BY shop, kind",
            )
            .map_err(err)?;
        let rows = stmt
            .query_map([], |r| {
                let day = |s: String| NaiveDate::parse_from_str(&s, "%Y-%m-%d").unwrap_or_default();
                Ok(Coverage {
                    shop: r.get(0)?,
                    kind: Kind::parse(&r.get::<_, String>(1)?).unwrap_or(Kind::Conversion),
                    from: day(r.get(2)?),
                    to: day(r.get(3)?),
                    days: r.get::<_, i64>(4)? as u64,
                    agents: r
                        .get::<_, Option<String>>(5)?
                        .map(|s| s.split('\u{1f}').map(str::to_string).collect())
                        .unwrap_or_default(),
                    digests: r.get::<_, i64>(6)? as u64,
                })
            })
            .map_err(err)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(err)
    }

    /// Deletes the days from `from` to `to` (of `shop`, or every shop), and the month figures
    /// of every month with a day in that range; returns the day rows and the month rows deleted.
    pub fn forget(&mut self, shop: Option<&str>, from: NaiveDate, to: NaiveDate) -> HResult<(usize, usize)> {
        let path = self.path.clone();
        let err = move |e: rusqlite::Error| HistoryError {
            path: path.clone(),
            message: msg!("config.history.cannot_delete", detail = technical(e)),
        };
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(err.clone())?;
        let days = tx
            .execute(
                "DELETE FROM day_figures WHERE (?1 IS NULL OR shop = ?1) AND day BETWEEN ?2 AND ?3",
                params![shop, from.to_string(), to.to_string()],
            )
            .map_err(err.clone())?;
        let months = tx
            .execute(
                "DELETE FROM month_figures WHERE (?1 IS NULL OR shop = ?1) AND month BETWEEN ?2 AND ?3",
                params![shop, month_key(from), month_key(to)],
            )
            .map_err(err.clone())?;
        tx.commit().map_err(err)?;
        Ok((days, months))
    }
}

/// Retries a statement that found the database locked while another run set it up (the
/// busy timeout covers the rest).
fn retry_busy<T>(mut f: impl FnMut() -> rusqlite::Result<T>) -> rusqlite::Result<T> {
    let mut tries = 0;
    loop {
        match f() {
            Err(e)
                if tries < 300
                    && matches!(e.sqlite_error_code(), Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)) =>
            {
                tries += 1;
                std::thread::sleep(Duration::from_millis(100));
            }
            other => return other,
        }
    }
}

type SqlValue = rusqlite::types::Value;

fn row_values(r: &DayRow) -> Vec<SqlValue> {
    use rusqlite::types::Value::{Integer, Null, Text};
    let int = |n: u64| Integer(n as i64);
    let mut v =
        vec![Text(r.shop.clone()), Text(r.day.to_string()), Text(r.kind().name().into()), Text(r.agent.clone())];
    match &r.figures {
        Figures::Conversion(t) => {
            v.extend(tally_values(t));
            v.extend([Null, Null, Null, Null]);
        }
        Figures::Money(m) => {
            v.extend(std::iter::repeat_n(Null, 18));
            v.extend([
                int(m.orders),
                Text(m.paid.normalize().to_string()),
                Text(m.refund.normalize().to_string()),
                Text(m.net.normalize().to_string()),
            ]);
        }
    }
    v.extend([Text(r.digest.clone()), Text(r.command.clone()), Text(r.recorded_at.clone())]);
    v
}

/// A tally's 18 columns, in `TALLY_COLUMNS` order.
fn tally_values(t: &Tally) -> Vec<SqlValue> {
    use rusqlite::types::Value::{Integer, Real, Text};
    let int = |n: u64| Integer(n as i64);
    vec![
        int(t.consulted),
        int(t.received),
        int(t.inquiries),
        int(t.ordered),
        int(t.paid_buyers),
        int(t.sale_buyers),
        Text(t.sales.normalize().to_string()),
        Real(t.first_sum),
        int(t.answered_receptions),
        Real(t.response_sum),
        int(t.answered_turns),
        int(t.with_buyer),
        int(t.first_answered),
        int(t.agent_messages),
        int(t.buyer_messages),
        int(t.slow),
        int(t.inquiry_receptions),
        int(t.lost_inquiries),
    ]
}

/// The tally in the 18 columns from `at` (`TALLY_COLUMNS` order).
fn read_tally(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Tally> {
    let n = |i: usize| -> rusqlite::Result<u64> { Ok(r.get::<_, Option<i64>>(at + i)?.unwrap_or(0).max(0) as u64) };
    let f = |i: usize| -> rusqlite::Result<f64> { Ok(r.get::<_, Option<f64>>(at + i)?.unwrap_or(0.0)) };
    let m = |i: usize| -> rusqlite::Result<Money> {
        Ok(r.get::<_, Option<String>>(at + i)?.and_then(|s| s.parse().ok()).unwrap_or_default())
    };
    Ok(Tally {
        consulted: n(0)?,
        received: n(1)?,
        inquiries: n(2)?,
        ordered: n(3)?,
        paid_buyers: n(4)?,
        sale_buyers: n(5)?,
        sales: m(6)?,
        first_sum: f(7)?,
        answered_receptions: n(8)?,
        response_sum: f(9)?,
        answered_turns: n(10)?,
        with_buyer: n(11)?,
        first_answered: n(12)?,
        agent_messages: n(13)?,
        buyer_messages: n(14)?,
        slow: n(15)?,
        inquiry_receptions: n(16)?,
        lost_inquiries: n(17)?,
        // The response rates are not kept: a day from the history has none (shown as missing).
        rates: Default::default(),
    })
}

fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Option<DayRow>> {
    let Ok(day) = NaiveDate::parse_from_str(&r.get::<_, String>(1)?, "%Y-%m-%d") else { return Ok(None) };
    let Some(kind) = Kind::parse(&r.get::<_, String>(2)?) else { return Ok(None) };
    let n = |i: usize| -> rusqlite::Result<u64> { Ok(r.get::<_, Option<i64>>(i)?.unwrap_or(0).max(0) as u64) };
    let m = |i: usize| -> rusqlite::Result<Money> {
        Ok(r.get::<_, Option<String>>(i)?.and_then(|s| s.parse().ok()).unwrap_or_default())
    };
    let figures = match kind {
        Kind::Conversion => Figures::Conversion(read_tally(r, 4)?),
        Kind::Money => Figures::Money(MoneyFigures { orders: n(22)?, paid: m(23)?, refund: m(24)?, net: m(25)? }),
    };
    Ok(Some(DayRow {
        shop: r.get(0)?,
        day,
        agent: r.get(3)?,
        figures,
        digest: r.get(26)?,
        command: r.get(27)?,
        recorded_at: r.get(28)?,
    }))
}

/// The rows as CSV (`history export --format csv`): one line per row, every column.
pub fn to_csv(rows: &[DayRow]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(column_names());
    for r in rows {
        let cells: Vec<String> = row_values(r)
            .into_iter()
            .map(|v| match v {
                SqlValue::Null => String::new(),
                SqlValue::Integer(i) => i.to_string(),
                SqlValue::Real(x) => x.to_string(),
                SqlValue::Text(s) => s,
                SqlValue::Blob(_) => String::new(),
            })
            .collect();
        let _ = w.write_record(&cells);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A short, stable digest of the settings a run used (FNV-1a 64 over their canonical text):
/// rows with another digest were computed under other rules.
pub fn digest(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn day_row(day: &str, agent: &str, inquiries: u64, at: &str) -> DayRow {
        DayRow {
            shop: "店".into(),
            day: d(day),
            agent: agent.into(),
            figures: Figures::Conversion(Tally { inquiries, ..Tally::default() }),
            digest: "x".into(),
            command: "conversion".into(),
            recorded_at: at.into(),
        }
    }

    fn month_row(agent: &str, inquiries: u64, at: &str) -> MonthRow {
        MonthRow {
            shop: "店".into(),
            month: d("2026-09-01"),
            agent: agent.into(),
            tally: Tally { inquiries, paid_buyers: 1, sales: Money::from(200), ..Tally::default() },
            days: 30,
            digest: "x".into(),
            command: "conversion".into(),
            recorded_at: at.into(),
        }
    }

    #[test]
    fn a_history_of_the_first_schema_opens_and_gets_the_month_table() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(&format!(
                "{SCHEMA}; PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = 1;"
            ))
            .unwrap();
            conn.execute(
                "INSERT INTO day_figures (shop, day, kind, agent, inquiries, digest, command, recorded_at) \
                 VALUES ('店', '2026-09-01', 'conversion', '小王', 4, 'x', 'daily', '2026-09-02 08:00:00')",
                [],
            )
            .unwrap();
        }
        let store = Store::open(&path, false).unwrap();
        let rows = store.load(Some("店"), d("2026-09-01"), d("2026-09-30")).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].figures, Figures::Conversion(Tally { inquiries: 4, ..Tally::default() }));
        assert!(store.load_month("店", d("2026-09-01")).unwrap().is_empty());
        assert!(store.months().unwrap().is_empty());
        let version: i64 = store.conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, SCHEMA_VERSION);
    }

    #[test]
    fn month_figures_are_kept_until_a_day_of_their_month_is_recorded_again() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("h.db"), true).unwrap();
        let at = "2026-10-01 09:00:00";
        let days = vec![day_row("2026-09-01", "小王", 2, at), day_row("2026-09-02", "小王", 2, at)];
        let replace = [(Kind::Conversion, vec![d("2026-09-01"), d("2026-09-02")])];
        store.record_with_months("店", &replace, &days, &[month_row("小王", 3, at), month_row("", 0, at)]).unwrap();
        let month = store.load_month("店", d("2026-09-01")).unwrap();
        assert_eq!(
            month.iter().map(|m| (m.agent.as_str(), m.tally.inquiries)).collect::<Vec<_>>(),
            [("", 0), ("小王", 3)]
        );
        assert_eq!(month[1].tally.sales, Money::from(200));
        assert_eq!(store.months().unwrap(), [("店".to_string(), "2026-09".to_string())]);
        // Money rows leave the month as it is; a conversion day of it drops it.
        let money =
            DayRow { figures: Figures::Money(MoneyFigures::default()), ..day_row("2026-09-03", "小王", 0, at) };
        store.record("店", &[(Kind::Money, vec![d("2026-09-03")])], &[money]).unwrap();
        assert_eq!(store.load_month("店", d("2026-09-01")).unwrap().len(), 2);
        store
            .record("店", &[(Kind::Conversion, vec![d("2026-09-02")])], &[day_row("2026-09-02", "小王", 2, at)])
            .unwrap();
        assert!(store.load_month("店", d("2026-09-01")).unwrap().is_empty());
        // A day written later by a cs-tools that does not know month figures makes them stale.
        store.record_with_months("店", &[], &[], &[month_row("小王", 3, at)]).unwrap();
        assert_eq!(store.load_month("店", d("2026-09-01")).unwrap().len(), 1);
        store
            .conn
            .execute("UPDATE day_figures SET recorded_at = '2026-10-02 09:00:00' WHERE day = '2026-09-02'", [])
            .unwrap();
        assert!(store.load_month("店", d("2026-09-01")).unwrap().is_empty());
        // Forgetting a day forgets its month.
        assert_eq!(store.forget(Some("店"), d("2026-09-30"), d("2026-10-05")).unwrap(), (0, 1));
        assert!(store.months().unwrap().is_empty());
    }
}
