//! Domain types shared by every layer: money, periods, orders, row problems.
//! Nothing here knows about files or cells.

use crate::buyers::BuyerId;
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use compact_str::CompactString;
use rust_decimal::{Decimal, RoundingStrategy};
use std::fmt;
use std::sync::Arc;

/// Money is exact decimal; f64 never touches a sum of money.
pub type Money = Decimal;

/// docs/definitions.md#cells: every figure written is rounded half away from zero to 0.01, once.
pub fn round_fen(value: Money) -> Money {
    value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// `店铺名:小王` / `店铺名：小王` → `小王`; surrounding spaces trimmed.
pub fn normalize_name(raw: &str) -> &str {
    let s = raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    match s.find([':', '：']) {
        Some(i) => {
            let colon_len = s[i..].chars().next().map(char::len_utf8).unwrap_or(1);
            s[i + colon_len..].trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
        }
        None => s,
    }
}

/// docs/definitions.md#fields `[orders] paid_after_refund`: whether the paid column is already net of
/// refunds (some Tmall exports), decided per sheet by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PaidAfterRefund {
    /// Checked per sheet: on every refunded row, paid + refund = total.
    #[default]
    Auto,
    /// Every sheet with a refund column: paid is taken as paid + refund.
    Yes,
    /// Paid is what the buyer paid, refunds not yet taken out.
    No,
}

/// A name many rows repeat (an agent, a shop, a lost reason): one shared allocation, and 8
/// bytes where it is kept (an `Arc<str>` is 16). Compared, ordered and hashed as its text, so
/// maps keyed by it are looked up with a `&str`.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SharedName(Arc<Box<str>>);

impl std::ops::Deref for SharedName {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for SharedName {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for SharedName {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for SharedName {
    fn from(name: &str) -> Self {
        SharedName(Arc::new(name.into()))
    }
}

impl From<String> for SharedName {
    fn from(name: String) -> Self {
        SharedName(Arc::new(name.into_boxed_str()))
    }
}

/// Each name once: the same text gives the same `SharedName` (one allocation).
#[derive(Default)]
pub struct SharedNames(rustc_hash::FxHashSet<SharedName>);

impl SharedNames {
    pub fn get(&mut self, name: &str) -> SharedName {
        if let Some(shared) = self.0.get(name) {
            return shared.clone();
        }
        let shared = SharedName::from(name);
        self.0.insert(shared.clone());
        shared
    }
}

impl fmt::Display for SharedName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self)
    }
}

impl fmt::Debug for SharedName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

/// Who wrote a chat message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Agent,
    Buyer,
}

/// Where a row came from, as the user sees it in Excel (1-based row numbers).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Origin {
    pub file: Arc<str>,
    /// Empty for text files, which have no sheets.
    pub sheet: Arc<str>,
    pub row: u32,
}

/// A problem found in one row (docs/definitions.md#bad-rows): kept for the Issues sheet, never dropped.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RowProblem {
    pub file: String,
    pub sheet: String,
    /// Excel row number; 0 when the problem concerns the whole file or sheet.
    pub row: u32,
    pub column: String,
    pub value: String,
    /// What is wrong and what was done about it, said in the report's language by the
    /// report layer (src/messages/labels.rs): in `--lang` in the xlsx, on stderr and by `inspect`; in English in JSON.
    pub problem: Phrase,
    pub action: Phrase,
}

/// A text a user reads, kept as a key of the label table (src/messages/labels.rs) with its
/// parameters, so each layer can say it without knowing the report's language.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Phrase {
    pub key: &'static str,
    /// `{name}` in the label is replaced by the argument's text.
    pub args: Vec<(&'static str, Arg)>,
}

/// A parameter of a phrase: text as is (a file name, a number), or a label of its own.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Arg {
    Text(String),
    Label(&'static str),
    /// Text made in both languages where it was found (zh, en).
    Said(String, String),
}

impl Phrase {
    pub const fn new(key: &'static str) -> Phrase {
        Phrase { key, args: Vec::new() }
    }

    /// `{name}` is `value`, shown as written in every language.
    pub fn with(mut self, name: &'static str, value: impl fmt::Display) -> Phrase {
        self.args.push((name, Arg::Text(value.to_string())));
        self
    }

    /// `{name}` is `zh` in Chinese, `en` in English.
    pub fn with_said(mut self, name: &'static str, zh: String, en: String) -> Phrase {
        self.args.push((name, Arg::Said(zh, en)));
        self
    }

    /// `{name}` is the label `key`, in the phrase's language.
    pub fn with_label(mut self, name: &'static str, key: &'static str) -> Phrase {
        self.args.push((name, Arg::Label(key)));
        self
    }
}

/// The period a report covers, both ends inclusive (docs/definitions.md#orders).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// How the user asked for it: decides the default file name.
    pub kind: PeriodKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodKind {
    Month,
    Range,
    /// No period option: everything in the input.
    All,
}

impl Period {
    pub fn month(year: i32, month: u32) -> Option<Period> {
        let from = NaiveDate::from_ymd_opt(year, month, 1)?;
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)?
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)?
        };
        Some(Period { from, to: next.pred_opt()?, kind: PeriodKind::Month })
    }

    /// The month before the one containing `today` (`--month last`).
    /// One day, as the period of inputs that hold no dates at all (`kind`: how it was chosen).
    pub fn day(day: NaiveDate, kind: PeriodKind) -> Period {
        Period { from: day, to: day, kind }
    }

    pub fn last_month(today: NaiveDate) -> Period {
        let (y, m) = if today.month() == 1 { (today.year() - 1, 12) } else { (today.year(), today.month() - 1) };
        Period::month(y, m).expect("a calendar month always exists")
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }

    /// `2026-10` for `--month` (or data within one calendar month), else
    /// `2026-10-01_2026-10-15`.
    pub fn label(&self) -> String {
        let one_month = self.from.year() == self.to.year() && self.from.month() == self.to.month();
        let whole_month = one_month && self.from.day() == 1 && self.to.succ_opt().is_none_or(|d| d.day() == 1);
        if whole_month || (one_month && self.kind == PeriodKind::All) {
            format!("{}", self.from.format("%Y-%m"))
        } else {
            format!("{}_{}", self.from.format("%Y-%m-%d"), self.to.format("%Y-%m-%d"))
        }
    }
}

/// One order after item rows are merged (docs/definitions.md#orders). A million orders must fit in a couple
/// of hundred MB: ids are kept inline (most are under 24 bytes: no allocation each), buyers
/// are numbers into the run's table of buyers, agents and shops repeat and are shared
/// (`SharedName`), and the statuses that decide
/// `state` stay in the book that merges the rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Order {
    pub id: CompactString,
    /// The buyer's number in the run's `Buyers`.
    pub buyer: Option<BuyerId>,
    pub paid_amount: Money,
    /// None when no row of the order had a refund value.
    pub refund_amount: Option<Money>,
    pub created_at: Option<NaiveDateTime>,
    pub paid_at: Option<NaiveDateTime>,
    pub agent: Option<SharedName>,
    /// Rarely filled: 8 bytes here (a `Box<str>` took 16 in every order).
    pub memo: Option<SharedName>,
    pub shop: Option<SharedName>,
    /// The order's shop in the run's `Shops` (docs/definitions.md#shops): its shop cell, else
    /// its agent's sub-account shop, else its file's.
    pub shop_id: crate::shops::ShopId,
    pub postage: Money,
    /// Unpaid, paid or closed after payment: decided once from the merged fields and the
    /// order's status and refund status.
    pub state: OrderState,
    /// Read from a sheet without a paid-time column: paid by status, dated by created_at
    /// (docs/definitions.md#fields).
    pub paid_by_status: bool,
}

/// A status text in none of the lists, with the orders that carry it.
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownStatus {
    pub text: String,
    pub orders: u64,
    /// Σ paid_amount of those orders.
    pub money: Money,
    /// How many of them have a paid time, and so count as paid.
    pub paid: u64,
    /// The first row of the first such order.
    pub first: Origin,
}

/// docs/definitions.md#orders order states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderState {
    Unpaid,
    Paid,
    ClosedAfterPayment,
}

/// One agent's line of a per-agent summary export (赤兔/快麦 客服绩效报表, docs/definitions.md#fields): one
/// row per agent, or per agent per day when the report has a date column. Counts are
/// numbers as the report writes them; a missing value is `None`, never 0.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AgentReportLine {
    pub agent: String,
    /// The row's day, in a report with a date column (日期); the first day of a range.
    pub date: Option<NaiveDate>,
    /// The last day of a row dated by a range (a weekly row `2024-01-01~2024-01-07`); None for
    /// a row of one day.
    pub last_date: Option<NaiveDate>,
    /// The row's shop (店铺名称: 飞鸽 客服数据 holds several shops' blocks in one sheet).
    pub shop: Option<String>,
    /// None when the report has no sales column or the cell is empty.
    pub sales: Option<Money>,
    pub refund: Option<Money>,
    pub consulted: Option<f64>,
    pub received: Option<f64>,
    pub inquiries: Option<f64>,
    /// Buyers who ordered (下单人数).
    pub ordered: Option<f64>,
    pub paid_buyers: Option<f64>,
    pub conversion: Option<f64>,
    pub first_response_secs: Option<f64>,
    pub avg_response_secs: Option<f64>,
    pub reply_rate: Option<f64>,
    /// The platform's 3-minute reply rate (3分钟人工回复率, 全天3分钟回复率): the metric
    /// `reply_3min_rate` the chats give.
    pub reply_3min_rate: Option<f64>,
    pub satisfied_rate: Option<f64>,
    pub answer_ratio: Option<f64>,
    /// 买家消息数 and 客服消息数: the counts behind 答问比.
    pub buyer_messages: Option<f64>,
    pub agent_messages: Option<f64>,
    pub origin: Option<Origin>,
}

impl AgentReportLine {
    /// The days the row covers, first and last: one day, or a range's; None when undated.
    pub fn days(&self) -> Option<(NaiveDate, NaiveDate)> {
        self.date.map(|d| (d, self.last_date.unwrap_or(d)))
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = if self.sheet.is_empty() {
            msg!("reading.origin.row", file = &self.file, row = self.row)
        } else {
            msg!("reading.origin.sheet_row", file = &self.file, sheet = &self.sheet, row = self.row)
        };
        f.write_str(&text)
    }
}
