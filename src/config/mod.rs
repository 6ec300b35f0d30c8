// Over 500 lines with its tests: every setting's type, default and check are read together by `init`'s template and the Rules sheets.
//! `cs-tools.toml`: the settings of every command, their defaults, and the commented
//! file `cs-tools init` writes. Unknown keys are errors that name the key path.

use crate::read::fields::SheetKind;
use crate::read::table::ColumnOverrides;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Config {
    /// docs/definitions.md#attribution: the attribution chain, first source that yields an agent wins.
    pub attribution: Vec<AttributionSource>,
    /// docs/definitions.md#attribution-rules: which reception the chat source takes. Left out
    /// of the written settings when it is the default, so the settings digest of a history
    /// recorded before the key existed still matches.
    #[serde(skip_serializing_if = "AttributionRule::is_default")]
    pub attribution_rule: AttributionRule,
    pub attribution_window_hours: u32,
    pub after_sales_days: u32,
    pub conversion_window_days: u32,
    pub response_cap_secs: u32,
    pub slow_response_secs: u32,
    pub auto_reply_markers: Vec<String>,
    pub max_buyers_per_agent_hour: f64,
    /// Report name → aliases (工号, old nicknames, sub-account spellings).
    pub agents: BTreeMap<String, Vec<String>>,
    /// `[columns.orders] paid_amount = "实收款"`.
    pub columns: BTreeMap<String, BTreeMap<String, String>>,
    pub orders: OrdersConfig,
    pub commission: CommissionConfig,
    /// Shift code → time ranges, `A = ["08:30-17:00"]`.
    pub shifts: BTreeMap<String, Vec<String>>,
    /// `[schedule]`: how rosters are read.
    pub schedule: ScheduleConfig,
    pub lost: LostConfig,
    /// `[conversion]`: the platform response rates (docs/definitions.md#conversion). Left out
    /// of the written settings when it is the default, so the settings digest of a history
    /// recorded before the table existed still matches.
    #[serde(skip_serializing_if = "ConversionConfig::is_default")]
    pub conversion: ConversionConfig,
    /// `[qa]`: chat quality inspection (docs/definitions.md#quality-inspection).
    pub qa: QaConfig,
    pub scorecard: ScorecardConfig,
    pub history: HistoryConfig,
    /// `[[shop]]`: the shop of the files each entry names (docs/definitions.md#shops). Left out
    /// of the written settings when there is none, so one shop's settings read as before.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub shop: Vec<crate::shops::ShopConfig>,
}

/// `[schedule]`: how rosters are read.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct ScheduleConfig {
    /// The `[shifts]` code a long-layout roster without a shift column (班次) gives its names;
    /// none: they are on duty all day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_shift: Option<String>,
}

/// `[history]`: where the per-day figures are kept between runs (docs/definitions.md#commands "History").
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct HistoryConfig {
    /// The SQLite file; relative to the config file's folder. Default: cs-tools.db there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<std::path::PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AttributionSource {
    AgentColumn,
    Memo,
    Chat,
}

/// docs/definitions.md#attribution-rules: the reception the `chat` source takes, as 赤兔 and
/// the platform reports offer it. A top-level key, beside `attribution`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AttributionRule {
    /// 下单判定: the last reception before the order was created.
    #[default]
    Order,
    /// 付款判定: the last reception before the order was paid.
    Payment,
    /// 下单优先: `order` when it finds a reception, else `payment`.
    OrderFirst,
}

impl AttributionRule {
    pub const ALL: [AttributionRule; 3] =
        [AttributionRule::Order, AttributionRule::Payment, AttributionRule::OrderFirst];

    fn is_default(&self) -> bool {
        *self == AttributionRule::Order
    }

    /// The value written in the config.
    pub fn name(self) -> &'static str {
        match self {
            AttributionRule::Order => "order",
            AttributionRule::Payment => "payment",
            AttributionRule::OrderFirst => "order_first",
        }
    }
}

impl<'de> Deserialize<'de> for AttributionRule {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        AttributionRule::ALL
            .into_iter()
            .find(|r| r.name() == text.trim())
            .ok_or_else(|| serde::de::Error::custom(msg!("config.err.attribution_rule", value = text)))
    }
}

/// `[orders]`: how order exports are read.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct OrdersConfig {
    /// docs/definitions.md#fields: is the paid column already net of refunds? auto | yes | no.
    pub paid_after_refund: crate::model::PaidAfterRefund,
    /// Status texts that mean paid, added to the built-in list (`docs/orders.md#statuses`).
    pub paid_statuses: Vec<String>,
    /// Status texts that mean never paid, added to the built-in list.
    pub unpaid_statuses: Vec<String>,
    /// Status texts that mean closed (refunded after payment, or never paid without a paid
    /// time), added to the built-in list.
    pub closed_statuses: Vec<String>,
}

impl OrdersConfig {
    /// The status lists orders are sorted by: the built-in texts plus these.
    pub fn status_lists(&self) -> crate::read::order_words::StatusLists {
        crate::read::order_words::StatusLists::new(&self.paid_statuses, &self.unpaid_statuses, &self.closed_statuses)
    }

    /// A text in one list only, never empty, never one the built-in lists give another kind.
    fn validate(&self) -> Result<(), String> {
        use crate::read::order_words::{StatusKind, builtin_kind, fold};
        let lists = [
            ("paid_statuses", &self.paid_statuses, StatusKind::Paid),
            ("unpaid_statuses", &self.unpaid_statuses, StatusKind::Unpaid),
            ("closed_statuses", &self.closed_statuses, StatusKind::Closed),
        ];
        let mut seen: BTreeMap<String, &str> = BTreeMap::new();
        for (key, texts, kind) in lists {
            for text in texts {
                let folded = fold(text);
                if folded.is_empty() {
                    return Err(msg!("config.err.status_empty", key = key));
                }
                if let Some(other) = seen.insert(folded.clone(), key)
                    && other != key
                {
                    return Err(msg!("config.err.status_twice", text = text, other = other, key = key));
                }
                let builtin = builtin_kind(&folded);
                if builtin != StatusKind::Unknown && builtin != kind {
                    let name = match builtin {
                        StatusKind::Paid => msg!("config.status.paid"),
                        StatusKind::Unpaid => msg!("config.status.unpaid"),
                        _ => msg!("config.status.closed"),
                    };
                    return Err(msg!("config.err.status_builtin", key = key, text = text, name = name));
                }
            }
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BaseKind {
    /// After refunds.
    Net,
    Paid,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CommissionMode {
    Flat,
    /// 全额累进: the highest reached tier's rate on the whole base.
    Step,
    /// 超额累进: each slice at its own tier's rate.
    Progressive,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct CommissionConfig {
    pub base: BaseKind,
    pub deduct_postage: bool,
    pub mode: CommissionMode,
    pub rate: Rate,
    pub tiers: Vec<Tier>,
    /// Per-agent overrides: any key of `[commission]`.
    pub agents: BTreeMap<String, CommissionOverride>,
    pub kpi: Vec<KpiRule>,
    /// Per-shop overrides (`[commission.shop."店铺"]`, docs/definitions.md#shops): any key of
    /// `[commission]` but `kpi`, for the orders of one shop.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub shop: BTreeMap<String, CommissionOverride>,
    /// Whose base reaches a tier when a person serves several shops: the person's total
    /// (`person`, the default) or each shop's part alone (`shop`).
    #[serde(skip_serializing_if = "TiersPer::is_person")]
    pub tiers_per: TiersPer,
}

/// `[commission] tiers_per`: `person` (tiers on a person's total over every shop) or `shop`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TiersPer {
    #[default]
    Person,
    Shop,
}

impl TiersPer {
    fn is_person(&self) -> bool {
        *self == TiersPer::Person
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct CommissionOverride {
    pub base: Option<BaseKind>,
    pub deduct_postage: Option<bool>,
    pub mode: Option<CommissionMode>,
    pub rate: Option<Rate>,
    pub tiers: Option<Vec<Tier>>,
    pub kpi: Option<Vec<KpiRule>>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Tier {
    pub from: Amount,
    pub rate: Rate,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct KpiRule {
    pub metric: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at_least: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at_most: Option<f64>,
    pub multiplier: Amount,
}

/// A rate written `0.02` or `"2%"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Rate(pub Decimal);

/// An exact amount written as a TOML number or string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Amount(pub Decimal);

impl Default for Config {
    fn default() -> Self {
        Config {
            attribution: vec![AttributionSource::AgentColumn, AttributionSource::Memo, AttributionSource::Chat],
            attribution_rule: AttributionRule::Order,
            attribution_window_hours: 48,
            after_sales_days: 21,
            conversion_window_days: 1,
            response_cap_secs: 600,
            slow_response_secs: 120,
            auto_reply_markers: vec!["[自动回复]".into(), "【自动回复】".into(), "自动回复:".into()],
            max_buyers_per_agent_hour: 20.0,
            agents: BTreeMap::new(),
            columns: BTreeMap::new(),
            orders: OrdersConfig::default(),
            commission: CommissionConfig::default(),
            shifts: BTreeMap::new(),
            schedule: ScheduleConfig::default(),
            lost: LostConfig::default(),
            conversion: ConversionConfig::default(),
            qa: QaConfig::default(),
            scorecard: ScorecardConfig::default(),
            history: HistoryConfig::default(),
            shop: Vec::new(),
        }
    }
}

impl Default for CommissionConfig {
    fn default() -> Self {
        CommissionConfig {
            base: BaseKind::Net,
            deduct_postage: false,
            mode: CommissionMode::Flat,
            rate: Rate(Decimal::new(2, 2)),
            tiers: Vec::new(),
            agents: BTreeMap::new(),
            kpi: Vec::new(),
            shop: BTreeMap::new(),
            tiers_per: TiersPer::Person,
        }
    }
}

/// Parse a number or a percentage: `0.02`, `2%`, `"2%"`.
pub fn parse_rate(text: &str) -> Option<Decimal> {
    // Full-width digits and ％ as typed with a Chinese input method: `２％`.
    let folded = crate::read::cells::halfwidth_digits(text);
    let t = folded.trim();
    match t.strip_suffix('%').or_else(|| t.strip_suffix('％')) {
        Some(p) => p.trim().parse::<Decimal>().ok().map(|d| d / Decimal::ONE_HUNDRED),
        None => t.parse::<Decimal>().ok(),
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum NumberOrText {
    Int(i64),
    Float(f64),
    Text(String),
}

fn decimal_from(value: NumberOrText, percent_ok: bool) -> Result<Decimal, String> {
    match value {
        NumberOrText::Int(i) => Ok(Decimal::from(i)),
        // inf, nan, or past what an exact amount holds.
        NumberOrText::Float(f) => {
            Decimal::try_from(f).map(|d| d.normalize()).map_err(|_| msg!("config.value.not_decimal"))
        }
        NumberOrText::Text(s) if percent_ok => parse_rate(&s).ok_or_else(|| msg!("config.value.not_rate", value = s)),
        NumberOrText::Text(s) => s.trim().parse::<Decimal>().map_err(|_| msg!("config.value.not_number", value = s)),
    }
}

impl<'de> Deserialize<'de> for Rate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let rate = decimal_from(NumberOrText::deserialize(d)?, true).map_err(serde::de::Error::custom)?;
        if rate < Decimal::ZERO || rate > Decimal::ONE {
            return Err(serde::de::Error::custom(msg!("config.value.rate_range", rate = rate)));
        }
        Ok(Rate(rate))
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        decimal_from(NumberOrText::deserialize(d)?, false).map(Amount).map_err(serde::de::Error::custom)
    }
}

fn serialize_decimal<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    let text = d.normalize().to_string();
    match text.parse::<i64>() {
        Ok(i) => s.serialize_i64(i),
        Err(_) => s.serialize_f64(text.parse().unwrap_or(0.0)),
    }
}

impl Serialize for Rate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.0.normalize().to_string().parse().unwrap_or(0.0))
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_decimal(&self.0, s)
    }
}

impl Config {
    /// Parse a config file's text. Unknown keys and wrong types are errors naming the key.
    pub fn parse(text: &str) -> Result<Config, String> {
        // A top-level key written below a [table] is read by TOML as that table's (in
        // [agents] as an agent): said as such before it is refused as unknown or mistyped.
        if let Ok(table) = text.parse::<toml::Table>()
            && let Some((path, key)) = top_level_key_in_table(&table, "")
        {
            return Err(msg!("config.err.top_level_in_table", key = key, table = path));
        }
        let de = toml::Deserializer::parse(text).map_err(|e| match unquoted_key(text) {
            Some(hint) => hint,
            None => toml_error::say(&e),
        })?;
        let mut unknown = Vec::new();
        let config: Config =
            serde_ignored::deserialize(de, |path| unknown.push(path.to_string())).map_err(|e| toml_error::say(&e))?;
        if !unknown.is_empty() {
            return Err(msg!("config.err.unknown_key", keys = unknown.join(&msg!("config.list_sep"))));
        }
        config.validate()?;
        Ok(config)
    }

    fn validate(&self) -> Result<(), String> {
        // Windows and caps within reason: dates must stay dates.
        let limits = [
            ("attribution_window_hours", self.attribution_window_hours, 24 * 366),
            ("after_sales_days", self.after_sales_days, 3660),
            ("conversion_window_days", self.conversion_window_days, 366),
            ("response_cap_secs", self.response_cap_secs, 7 * 86_400),
            ("slow_response_secs", self.slow_response_secs, 7 * 86_400),
        ];
        for (key, value, max) in limits {
            if value > max {
                return Err(msg!("config.err.too_big", key = key, value = value, max = max));
            }
        }
        // Settings that would leave every figure wrong without a word.
        if self.response_cap_secs == 0 {
            return Err(msg!("config.err.response_cap_zero"));
        }
        let limit = self.max_buyers_per_agent_hour;
        if !(limit.is_finite() && limit > 0.0) {
            return Err(msg!("config.err.max_buyers", value = limit));
        }
        if self.attribution.is_empty() {
            return Err(msg!("config.err.attribution_empty"));
        }
        if self.auto_reply_markers.iter().any(|m| m.trim().is_empty()) {
            return Err(msg!("config.err.marker_empty"));
        }
        for (kind, fields) in &self.columns {
            if let Some((field, _)) = fields.iter().find(|(_, header)| header.trim().is_empty()) {
                return Err(msg!("config.err.column_empty", kind = kind, field = field));
            }
        }
        for (kind, fields) in &self.columns {
            let Some(k) = SheetKind::by_name(kind) else {
                let kinds: Vec<&str> = SheetKind::ALL.iter().map(|k| k.name()).collect();
                return Err(msg!("config.err.unknown_kind", kind = kind, kinds = kinds.join(&msg!("config.list_sep"))));
            };
            for field in fields.keys() {
                if !k.fields().iter().any(|f| f.name == field) {
                    let names: Vec<&str> = k.fields().iter().map(|f| f.name).collect();
                    return Err(msg!(
                        "config.err.unknown_field",
                        kind = kind,
                        field = field,
                        fields = names.join(&msg!("config.list_sep"))
                    ));
                }
            }
        }
        // An alias names one agent: a shared alias would hand one agent's orders to another.
        let mut owner: BTreeMap<String, &String> = BTreeMap::new();
        for (agent, aliases) in &self.agents {
            for alias in aliases.iter().chain(std::iter::once(agent)) {
                let key = crate::model::normalize_name(alias).to_ascii_lowercase();
                if key.is_empty() {
                    return Err(msg!("config.err.alias_empty", agent = agent));
                }
                if let Some(other) = owner.insert(key, agent)
                    && other != agent
                {
                    return Err(msg!("config.err.alias_shared", alias = alias, other = other, agent = agent));
                }
            }
        }
        for (code, ranges) in &self.shifts {
            if ranges.is_empty() || ranges.iter().any(|r| shifts::parse_range(r).is_none()) {
                return Err(msg!("config.err.shift_hours", code = code));
            }
        }
        if let Some(code) = &self.schedule.default_shift
            && !self.shifts.contains_key(code)
        {
            return Err(msg!("config.err.default_shift", code = code));
        }
        let mut ids = std::collections::BTreeSet::new();
        for c in &self.lost.category {
            if c.id.trim().is_empty() || c.label.trim().is_empty() {
                return Err(msg!("config.err.lost_needs_id"));
            }
            if !ids.insert(c.id.as_str()) {
                return Err(msg!("config.err.lost_id_twice", id = &c.id));
            }
        }
        // docs/definitions.md#shops: an entry that would name no file, or a shop without a name.
        for (i, shop) in self.shop.iter().enumerate() {
            let n = i + 1;
            if shop.name.trim().is_empty() {
                return Err(msg!("config.err.shop_name_empty", n = n));
            }
            if shop.files.iter().all(|f| f.trim().is_empty()) {
                return Err(msg!("config.err.shop_files_empty", n = n, name = shop.name.trim()));
            }
            if let Some(bad) = shop.files.iter().find(|f| glob::Pattern::new(f.trim()).is_err()) {
                return Err(msg!("config.err.shop_glob", n = n, name = shop.name.trim(), glob = bad));
            }
        }
        self.qa.validate()?;
        self.orders.validate()?;
        self.conversion.validate()?;
        for m in &self.scorecard.metric {
            if !metrics::by_id(&m.metric).is_some_and(|d| d.scorecard) {
                return Err(msg!(
                    "config.err.scorecard_unknown",
                    metric = &m.metric,
                    metrics = metric_ids(metrics::scorecard())
                ));
            }
            if m.bands.is_some() == m.linear.is_some() || m.weight < 0.0 {
                return Err(msg!("config.err.scorecard_shape", metric = &m.metric));
            }
        }
        let c = &self.commission;
        check_rule("commission", &c.kpi, Some(&c.tiers), Some(c.mode))?;
        for (agent, o) in &c.agents {
            let path = format!("commission.agents.\"{agent}\"");
            check_rule(&path, o.kpi.as_deref().unwrap_or_default(), o.tiers.as_ref().or(Some(&c.tiers)), o.mode)?;
        }
        for (shop, o) in &c.shop {
            let path = format!("commission.shop.\"{shop}\"");
            if o.kpi.is_some() {
                return Err(msg!("config.err.shop_kpi", path = path));
            }
            check_rule(&path, &[], o.tiers.as_ref().or(Some(&c.tiers)), o.mode)?;
        }
        Ok(())
    }

    /// `[columns.*]` as the reader wants them: kinds typed, headers normalised.
    pub fn column_overrides(&self) -> ColumnOverrides {
        let mut out = ColumnOverrides::new();
        for (kind, fields) in &self.columns {
            if let Some(k) = SheetKind::by_name(kind) {
                let entry = out.entry(k).or_default();
                for (field, header) in fields {
                    entry.insert(field.clone(), crate::read::fields::normalize_header(header));
                }
            }
        }
        out
    }
}

/// TOML takes only ASCII letters, digits, `-` and `_` in a bare key: `小王 = ["wang"]` and
/// `[commission.agents.小王]` need quotes. The first such key, as a sentence on quoting.
fn unquoted_key(text: &str) -> Option<String> {
    let bare_wrong = |part: &str| {
        let p = part.trim();
        !p.is_empty() && !p.starts_with(['"', '\'']) && !p.is_ascii()
    };
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        let keys = if let Some(header) = line.strip_prefix('[') {
            header.trim_start_matches('[').split(']').next().unwrap_or("")
        } else if line.starts_with('#') {
            continue;
        } else {
            match line.split_once('=') {
                Some((key, _)) => key,
                None => continue,
            }
        };
        if let Some(key) = keys.split('.').find(|k| bare_wrong(k)) {
            let key = key.trim();
            let fixed = line.replacen(key, &format!("\"{key}\""), 1);
            return Some(msg!("config.err.unquoted_key", line = n + 1, key = key, fixed = fixed));
        }
    }
    None
}

/// The keys of the top level (none of its tables'): one found inside a table, as (the
/// table's path, the key), was written below that table's header.
const TOP_LEVEL_KEYS: [&str; 9] = [
    "attribution",
    "attribution_rule",
    "attribution_window_hours",
    "after_sales_days",
    "conversion_window_days",
    "response_cap_secs",
    "slow_response_secs",
    "auto_reply_markers",
    "max_buyers_per_agent_hour",
];

fn top_level_key_in_table(table: &toml::Table, path: &str) -> Option<(String, &'static str)> {
    for (name, value) in table {
        let inner = if path.is_empty() { name.clone() } else { format!("{path}.{name}") };
        let tables: Vec<&toml::Table> = match value {
            toml::Value::Table(t) => vec![t],
            toml::Value::Array(items) => items.iter().filter_map(|v| v.as_table()).collect(),
            _ => continue,
        };
        for t in tables {
            if let Some(key) = TOP_LEVEL_KEYS.iter().find(|k| t.contains_key(**k)) {
                return Some((inner, key));
            }
            if let Some(found) = top_level_key_in_table(t, &inner) {
                return Some(found);
            }
        }
    }
    None
}

/// The metrics' names, for a message.
fn metric_ids(metrics: impl Iterator<Item = &'static metrics::MetricDef>) -> String {
    metrics.map(|m| m.id).collect::<Vec<_>>().join(&msg!("config.list_sep"))
}

/// KPI rules name metrics commission computes (the registry's `kpi`), with one bound;
/// tiered modes have tiers.
fn check_rule(
    path: &str,
    kpis: &[KpiRule],
    tiers: Option<&Vec<Tier>>,
    mode: Option<CommissionMode>,
) -> Result<(), String> {
    for k in kpis {
        match metrics::by_id(&k.metric).map(|d| d.kpi) {
            Some(metrics::Kpi::Yes) => {}
            Some(metrics::Kpi::No(why)) => {
                return Err(msg!(
                    "config.err.kpi_not_allowed",
                    path = path,
                    metric = &k.metric,
                    why = crate::model::Phrase::new(why),
                    metrics = metric_ids(metrics::kpi())
                ));
            }
            None => {
                return Err(msg!(
                    "config.err.kpi_unknown",
                    path = path,
                    metric = &k.metric,
                    metrics = metric_ids(metrics::kpi())
                ));
            }
        }
        if k.at_least.is_some() == k.at_most.is_some() {
            return Err(msg!("config.err.kpi_one_bound", path = path, metric = &k.metric));
        }
        if k.at_least.or(k.at_most).is_some_and(|b| !b.is_finite()) {
            return Err(msg!("config.err.kpi_bound_nan", path = path, metric = &k.metric));
        }
        if k.multiplier.0 < Decimal::ZERO || k.multiplier.0 > Decimal::from(10) {
            return Err(msg!("config.err.kpi_multiplier", path = path, metric = &k.metric, value = k.multiplier.0));
        }
    }
    if tiers.is_some_and(|t| t.iter().any(|t| t.from.0 < Decimal::ZERO)) {
        return Err(msg!("config.err.tier_negative", path = path));
    }
    if matches!(mode, Some(CommissionMode::Step | CommissionMode::Progressive)) && tiers.is_some_and(|t| t.is_empty()) {
        return Err(msg!("config.err.tiers_needed", path = path));
    }
    Ok(())
}

mod conversion;
mod file;
mod lost;
pub(crate) mod metrics;
mod qa;
pub(crate) mod scorecard;
pub(crate) mod shifts;
mod template;
mod toml_error;
pub use conversion::{
    ConversionConfig, DEFAULT_RESPONSE_RATES, MAX_RESPONSE_RATES, ResponseRate, parse_hours, per_turn,
};
pub use file::{LoadedConfig, load_config};
pub use lost::{DEFAULT_LOST_CATEGORIES, LostCategory, LostConfig, default_lost_categories};
pub use qa::{DEFAULT_QA_RULES, QaConfig, QaNorms, QaRule, default_qa_rules};
pub use scorecard::{Linear, ScoreMetric, ScorecardConfig};
pub use template::init_template;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn init_template_is_the_default_config() {
        assert_eq!(Config::parse(&init_template()).unwrap(), Config::default());
    }

    #[test]
    fn lost_categories_replace_by_id_and_extend() {
        let c = Config::parse("[[lost.category]]\nid = \"postage\"\nlabel = \"邮费\"\nkeywords = [\"包邮\"]\n\n[[lost.category]]\nid = \"gift\"\nlabel = \"赠品\"\nkeywords = [\"赠品\"]\n").unwrap();
        let cats = c.lost.effective();
        assert_eq!(cats.len(), 11);
        assert_eq!((cats[1].id.as_str(), cats[1].label.as_str()), ("postage", "邮费"));
        assert_eq!(cats[10].id, "gift");
        let only =
            Config::parse("[lost]\nreplace_defaults = true\n[[lost.category]]\nid = \"gift\"\nlabel = \"赠品\"\n")
                .unwrap();
        assert_eq!(only.lost.effective().len(), 1);
    }

    #[test]
    fn unknown_keys_are_named_with_their_path() {
        let err = Config::parse("[commission]\nrat = 0.03\n").unwrap_err();
        assert!(err.contains("commission.rat"), "{err}");
        let err = Config::parse("[columns.orders]\npaid = \"实收款\"\n").unwrap_err();
        assert!(err.contains("columns.orders.paid"), "{err}");
    }

    #[test]
    fn an_unquoted_chinese_key_is_told_to_be_quoted() {
        let err = Config::parse("[agents]\n小王 = [\"wang\"]\n").unwrap_err();
        assert_eq!(
            err,
            "第 2 行：键 小王 必须加双引号（TOML 里中文等非 ASCII 的键都要加引号）；请写成 \"小王\" = [\"wang\"]"
        );
        let err = Config::parse("[commission.agents.东东]\nrate = 0.05\n").unwrap_err();
        assert!(err.starts_with("第 1 行：键 东东 必须加双引号"), "{err}");
        assert!(Config::parse("[agents]\n\"小王\" = [\"wang\"] # 小王 = x\n").is_ok());
    }

    /// The English of a value that is no number is the decimal library's, as it always was.
    #[test]
    fn inf_and_nan_are_refused_in_the_words_of_the_decimal_library() {
        let said = Decimal::try_from(f64::INFINITY).unwrap_err().to_string();
        assert_eq!(said, crate::messages::label(crate::messages::Lang::En, "config.value.not_decimal"));
        let err = Config::parse("[commission]\nrate = nan\n").unwrap_err();
        assert!(err.starts_with("第 2 行第 8 列：这个数无法使用"), "{err}");
    }

    #[test]
    fn fullwidth_rates_read_as_rates() {
        let c = Config::parse("[commission]\nrate = \"２．５％\"\n").unwrap();
        assert_eq!(c.commission.rate, Rate(Decimal::new(25, 3)));
        assert_eq!(parse_rate("１.５%"), Some(Decimal::new(15, 3)));
    }

    #[test]
    fn rates_read_as_numbers_or_percentages() {
        let c = Config::parse(
            "[commission]\nrate = \"2.5%\"\ntiers = [{from = 0, rate = 0.01}, {from = 50000, rate = 0.015}]\n",
        )
        .unwrap();
        assert_eq!(c.commission.rate, Rate(Decimal::new(25, 3)));
        assert_eq!(c.commission.tiers[1].from, Amount(Decimal::from(50000)));
        assert_eq!(c.commission.tiers[1].rate, Rate(Decimal::new(15, 3)));
        assert!(Config::parse("[commission]\nrate = 2\n").is_err());
    }
}
