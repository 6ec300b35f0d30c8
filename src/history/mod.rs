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

use crate::compute::conversion::Tally;
use crate::model::Money;
use chrono::NaiveDate;
use rusqlite::{Connection, ErrorCode, OpenFlags, params};
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
        write!(f, "history {}: {}", self.path.display(), self.message)
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

impl Store {
    /// Opens the store, creating it (and its table) when `create` and it does not exist.
    /// A file that is not SQLite, or SQLite that is not a cs-tools history, is an error
    /// naming it; nothing is written to such a file.
    pub fn open(path: &Path, create: bool) -> HResult<Store> {
        let err = |message: String| HistoryError { path: path.to_path_buf(), message };
        if !create && !path.exists() {
            return Err(err("no history here yet: runs of daily, conversion, commission and report fill it".into()));
        }
        let flags = if create {
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE
        } else {
            OpenFlags::SQLITE_OPEN_READ_WRITE
        };
        let conn = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)
            .map_err(|e| err(format!("cannot open it ({e})")))?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(|e| err(e.to_string()))?;
        let store = Store { conn, path: path.to_path_buf() };
        store.check_and_init().map_err(err)?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn check_and_init(&self) -> Result<(), String> {
        let damaged = |e: rusqlite::Error| match e.sqlite_error_code() {
            Some(ErrorCode::NotADatabase) => {
                "is not a cs-tools history (not an SQLite database, or damaged): move it away or give another \
                 --history PATH; the report is written without comparisons from the history"
                    .to_string()
            }
            Some(ErrorCode::DatabaseCorrupt) => {
                "is damaged (SQLite says the database is corrupt): move it away, `cs-tools history import` \
                 past exports into a new one"
                    .to_string()
            }
            _ => format!("cannot be read ({e})"),
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
            return Err("is an SQLite database of another program, not a cs-tools history: \
                 give another --history PATH (nothing was written to it)"
                .into());
        }
        if app == APPLICATION_ID {
            let version: i64 =
                retry_busy(|| self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))).map_err(damaged)?;
            if version > SCHEMA_VERSION {
                return Err(format!(
                    "was written by a newer cs-tools (history version {version}, this one reads {SCHEMA_VERSION}): update cs-tools"
                ));
            }
        }
        retry_busy(|| self.conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0)))
            .map_err(damaged)?;
        if app == 0 {
            retry_busy(|| {
                self.conn.execute_batch(&format!(
                    "BEGIN IMMEDIATE; {SCHEMA}; PRAGMA application_id = {APPLICATION_ID}; \
                     PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;"
                ))
            })
            .map_err(|e| {
                let _ = self.conn.execute_batch("ROLLBACK");
                damaged(e)
            })?;
        }
        Ok(())
    }

    /// Replaces, for `shop` and each kind present in `replace`, the rows of those days by
    /// `rows`: one transaction, so a rerun of a day is idempotent and a concurrent run sees
    /// the day before or after, never half of it.
    pub fn record(&mut self, shop: &str, replace: &[(Kind, Vec<NaiveDate>)], rows: &[DayRow]) -> HResult<usize> {
        let path = self.path.clone();
        let err =
            move |e: rusqlite::Error| HistoryError { path: path.clone(), message: format!("cannot record ({e})") };
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
        }
        tx.commit().map_err(err)?;
        Ok(rows.len())
    }

    /// The rows of `shop` (every shop when None) between `from` and `to`, both included.
    pub fn load(&self, shop: Option<&str>, from: NaiveDate, to: NaiveDate) -> HResult<Vec<DayRow>> {
        let err = |e: rusqlite::Error| HistoryError { path: self.path.clone(), message: format!("cannot read ({e})") };
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

    /// Every row (for `history export`).
    pub fn all(&self) -> HResult<Vec<DayRow>> {
        let min = NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or_default();
        let max = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or_default();
        self.load(None, min, max)
    }

    /// Shops, kinds, date ranges and agents stored.
    pub fn coverage(&self) -> HResult<Vec<Coverage>> {
        let err = |e: rusqlite::Error| HistoryError { path: self.path.clone(), message: format!("cannot read ({e})") };
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

    /// Deletes the days from `from` to `to` (of `shop`, or every shop); returns the rows deleted.
    pub fn forget(&mut self, shop: Option<&str>, from: NaiveDate, to: NaiveDate) -> HResult<usize> {
        let err =
            |e: rusqlite::Error| HistoryError { path: self.path.clone(), message: format!("cannot delete ({e})") };
        self.conn
            .execute(
                "DELETE FROM day_figures WHERE (?1 IS NULL OR shop = ?1) AND day BETWEEN ?2 AND ?3",
                params![shop, from.to_string(), to.to_string()],
            )
            .map_err(err)
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
    use rusqlite::types::Value::{Integer, Null, Real, Text};
    let int = |n: u64| Integer(n as i64);
    let mut v =
        vec![Text(r.shop.clone()), Text(r.day.to_string()), Text(r.kind().name().into()), Text(r.agent.clone())];
    match &r.figures {
        Figures::Conversion(t) => {
            v.extend([
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
            ]);
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

fn read_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Option<DayRow>> {
    let Ok(day) = NaiveDate::parse_from_str(&r.get::<_, String>(1)?, "%Y-%m-%d") else { return Ok(None) };
    let Some(kind) = Kind::parse(&r.get::<_, String>(2)?) else { return Ok(None) };
    let n = |i: usize| -> rusqlite::Result<u64> { Ok(r.get::<_, Option<i64>>(i)?.unwrap_or(0).max(0) as u64) };
    let f = |i: usize| -> rusqlite::Result<f64> { Ok(r.get::<_, Option<f64>>(i)?.unwrap_or(0.0)) };
    let m = |i: usize| -> rusqlite::Result<Money> {
        Ok(r.get::<_, Option<String>>(i)?.and_then(|s| s.parse().ok()).unwrap_or_default())
    };
    let figures = match kind {
        Kind::Conversion => Figures::Conversion(Tally {
            consulted: n(4)?,
            received: n(5)?,
            inquiries: n(6)?,
            ordered: n(7)?,
            paid_buyers: n(8)?,
            sale_buyers: n(9)?,
            sales: m(10)?,
            first_sum: f(11)?,
            answered_receptions: n(12)?,
            response_sum: f(13)?,
            answered_turns: n(14)?,
            with_buyer: n(15)?,
            first_answered: n(16)?,
            agent_messages: n(17)?,
            buyer_messages: n(18)?,
            slow: n(19)?,
            inquiry_receptions: n(20)?,
            lost_inquiries: n(21)?,
        }),
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
