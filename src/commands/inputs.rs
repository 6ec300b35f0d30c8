//! Reading every input a command needs into orders, per-agent summaries and receptions,
//! and the attribution chain over all orders: the same for every command.

use super::LoadedConfig;
use crate::buyers::{BuyerId, Buyers};
use crate::compute::agent_reports::{PeriodReport, sum_over_period};
use crate::compute::agents::AgentDirectory;
use crate::compute::attribution::{Attribution, Attributor, ReceptionLookup};
use crate::compute::by_buyer::ByBuyer;
use crate::compute::conversion::{ConversionResult, ReceptionOutcome, Windows, classify, conversion};
use crate::compute::keywords::WordsTable;
use crate::compute::orders::{Added, OrderBook};
use crate::compute::qa::{QaCollector, QaResult};
use crate::compute::receptions::{ChatBook, Reception, sort_receptions};
use crate::config::Config;
use crate::error::Result;
use crate::model::{AgentSummary, Order, Origin, Period, Phrase, RowProblem, SharedName};
use crate::quotes::Quotes;
use crate::read::chat_records::RatingRow;
use crate::read::fields::{SheetKind, normalize_header};
use crate::read::{ReadOptions, ReadSummary, Record, read_inputs};
use crate::report::labels::{Lang, label};
use chrono::{Duration, NaiveDateTime};
use std::collections::BTreeSet;
use std::path::PathBuf;

/// What was read so far; several reads (orders, then chats) add up.
pub struct Inputs {
    pub book: OrderBook,
    /// The buyers of orders and chats alike: both keep their numbers.
    pub buyers: Buyers,
    pub summaries: Vec<AgentSummary>,
    pub chats: ChatBook,
    /// What `lost` keeps of the buyers' words in the receptions finished so far.
    pub words: WordsTable,
    pub ratings: Vec<RatingRow>,
    pub read: ReadSummary,
    files: Vec<PathBuf>,
    markers: Vec<String>,
}

impl Inputs {
    pub fn new(loaded: &LoadedConfig) -> Self {
        Inputs {
            book: OrderBook::with_statuses(loaded.config.orders.status_lists()),
            buyers: Buyers::default(),
            summaries: Vec::new(),
            chats: ChatBook::new(&loaded.config.auto_reply_markers),
            words: WordsTable::default(),
            ratings: Vec::new(),
            read: ReadSummary::default(),
            files: Vec::new(),
            markers: loaded.config.auto_reply_markers.clone(),
        }
    }

    /// Read `files` for the sheets of `kinds`: order rows merge as they stream in (exact
    /// duplicates become problems), chat messages go into receptions by their agent's
    /// report name.
    pub fn read(
        &mut self,
        files: &[PathBuf],
        options: &ReadOptions,
        kinds: &[SheetKind],
        directory: &AgentDirectory,
    ) -> Result<()> {
        let (book, buyers, summaries, chats, ratings) =
            (&mut self.book, &mut self.buyers, &mut self.summaries, &mut self.chats, &mut self.ratings);
        let mut duplicates = Vec::new();
        let name = |raw: &str| directory.resolve(raw).unwrap_or_else(|| raw.trim().to_string());
        // Millions of messages, a few agents: each raw name is resolved once, and a run of
        // messages with the same raw name (a conversation) is not even looked up.
        let mut resolved: rustc_hash::FxHashMap<String, usize> = Default::default();
        let mut resolved_names: Vec<String> = Vec::new();
        let (mut last_raw, mut last_name) = (String::new(), usize::MAX);
        let mut read = read_inputs(files, options, kinds, &mut |record| match record {
            Record::Order(row) => {
                // Borrowed from the cell in the common case: no copy unless it is a duplicate.
                let id = row.id.clone();
                if let Added::Duplicate { row: origin, first } = book.add(buyers, row) {
                    duplicates.push(RowProblem {
                        file: origin.file.to_string(),
                        sheet: origin.sheet.to_string(),
                        row: origin.row,
                        // The order id column's header is filled in below, once the sheet is known.
                        column: String::new(),
                        value: id.into_owned(),
                        problem: duplicate_of(&first),
                        action: Phrase::new("action.counted_once"),
                    });
                }
            }
            Record::AgentSummary(s) => summaries.push(s),
            Record::ChatMessage(m) => {
                if last_name == usize::MAX || *last_raw != *m.agent {
                    last_name = match resolved.get(&*m.agent) {
                        Some(&i) => i,
                        None => {
                            resolved_names.push(name(&m.agent));
                            resolved.insert(m.agent.to_string(), resolved_names.len() - 1);
                            resolved_names.len() - 1
                        }
                    };
                    last_raw.clear();
                    last_raw.push_str(&m.agent);
                }
                chats.add_message(
                    buyers,
                    &resolved_names[last_name],
                    &m.buyer,
                    m.time,
                    m.side,
                    m.content.as_deref(),
                    m.lost_reason.as_deref(),
                )
            }
            Record::Rating(mut r) => {
                r.agent = name(&r.agent);
                ratings.push(r);
            }
            Record::Session(s) => chats.add_session(
                buyers,
                &name(&s.agent),
                &s.buyer,
                s.start,
                s.first_response_secs,
                s.avg_response_secs,
                s.lost_reason.as_deref(),
            ),
        })?;
        // A duplicate is shown by its order id, under the sheet's order id column.
        for d in &mut duplicates {
            let table = read.tables_of(SheetKind::Orders).find(|t| *t.file == *d.file && *t.sheet == *d.sheet);
            if let Some(c) = table.and_then(|t| t.columns.iter().find(|c| c.field == "order_id")) {
                d.column = c.header.to_string();
            }
        }
        read.problems.append(&mut duplicates);
        // docs/definitions.md#fields: money read differently from the plain case is said on stderr too.
        for t in read.tables_of(SheetKind::Orders).filter(|t| t.after_refund.is_some_and(|a| a.applied)) {
            let sheet = if t.sheet.is_empty() { String::new() } else { format!(" [{}]", t.sheet) };
            let notes = super::sheet_notes(crate::report::labels::Lang::En, t);
            if let Some(note) = notes.iter().find(|n| n.starts_with("paid")) {
                eprintln!("note: {}{sheet}: {note}", t.file);
            }
        }
        self.read.item_rows_left_out = self.book.item_rows_left_out();
        self.files.extend(files.iter().cloned());
        self.read.files.append(&mut read.files);
        self.read.tables.append(&mut read.tables);
        self.read.problems.append(&mut read.problems);
        let order = &self.files;
        let file_order = |name: &str| order.iter().position(|f| f.display().to_string() == name).unwrap_or(usize::MAX);
        self.read
            .problems
            .sort_by(|a, b| (file_order(&a.file), &a.sheet, a.row).cmp(&(file_order(&b.file), &b.sheet, b.row)));
        Ok(())
    }
}

impl Inputs {
    /// Read files already read once for other kinds of sheet: the tables of `kinds` found
    /// now replace their first-pass entries (which stopped at the header); the files are
    /// not listed twice.
    pub fn read_again(
        &mut self,
        files: &[PathBuf],
        options: &ReadOptions,
        kinds: &[SheetKind],
        directory: &AgentDirectory,
    ) -> Result<()> {
        let before = std::mem::take(&mut self.read.tables);
        let files_before = self.files.len();
        let listed_before = self.read.files.len();
        self.read(files, options, kinds, directory)?;
        self.files.truncate(files_before);
        self.read.files.truncate(listed_before);
        let mut again = std::mem::take(&mut self.read.tables);
        self.read.tables = before
            .into_iter()
            .map(|t| match again.iter().position(|a| a.file == t.file && a.sheet == t.sheet && a.kind == t.kind) {
                Some(i) if t.kind.is_some_and(|k| kinds.contains(&k)) => again.swap_remove(i),
                _ => t,
            })
            .collect();
        Ok(())
    }

    /// The receptions of the chats read so far. Called before orders are read, so that the
    /// messages are freed before the orders take their memory.
    /// Chats read later (sheets found in the order files) go into a new book: `more_chats`.
    pub fn finish_chats(&mut self, response_cap_secs: u32) -> Vec<Reception> {
        let mut next = ChatBook::new(&self.markers);
        next.quotes = std::mem::take(&mut self.chats.quotes);
        let receptions =
            std::mem::replace(&mut self.chats, next).finish(response_cap_secs, &self.buyers, &mut self.words);
        crate::memory::give_back_freed();
        receptions
    }

    /// Add the receptions of chats read since `finish_chats` (chat sheets inside the order
    /// files, as in one workbook holding everything).
    pub fn more_chats(&mut self, receptions: &mut Vec<Reception>, response_cap_secs: u32) {
        if !self.chats.is_empty() {
            receptions.extend(self.finish_chats(response_cap_secs));
            sort_receptions(receptions, &self.buyers);
        }
    }
}

/// Receptions by buyer, by start, for the chat source of attribution (docs/definitions.md#attribution).
pub struct ReceptionIndex<'a> {
    receptions: &'a [Reception],
    by_buyer: ByBuyer,
}

impl<'a> ReceptionIndex<'a> {
    pub fn new(receptions: &'a [Reception]) -> Self {
        let by_buyer = ByBuyer::new(receptions, 0..receptions.len() as u32, |r| Some(r.buyer), |r| r.start);
        ReceptionIndex { receptions, by_buyer }
    }
}

impl ReceptionLookup for ReceptionIndex<'_> {
    fn last_reception_before(
        &self,
        buyer: BuyerId,
        at: NaiveDateTime,
        window: Duration,
    ) -> Option<(SharedName, NaiveDateTime)> {
        let list = self.by_buyer.of(buyer);
        let upto = self.by_buyer.count_before(list, at, true, |i| self.receptions[i as usize].start);
        let r = &self.receptions[list[..upto].last()?.item as usize];
        (r.start >= at - window).then(|| (r.agent.clone(), r.start))
    }
}

/// Inquiries and conversion for a period (docs/definitions.md#receptions, docs/definitions.md#conversion), from all receptions and orders.
pub fn conversion_for(
    receptions: &[Reception],
    orders: &[Order],
    order_agent: &[Option<&str>],
    period: Period,
    config: &Config,
) -> (Vec<ReceptionOutcome>, ConversionResult) {
    let outcomes = outcomes_for(receptions, orders, |i| order_agent[i], config);
    let result = conversion(receptions, &outcomes, orders, order_agent, period, config.slow_response_secs);
    (outcomes, result)
}

/// Each reception's type and converting order (docs/definitions.md#attribution), without the per-agent figures.
pub fn outcomes_for<'a>(
    receptions: &[Reception],
    orders: &[Order],
    order_agent: impl Fn(usize) -> Option<&'a str> + Sync,
    config: &Config,
) -> Vec<ReceptionOutcome> {
    let windows =
        Windows { after_sales_days: config.after_sales_days, conversion_window_days: config.conversion_window_days };
    classify(receptions, orders, order_agent, windows)
}

/// The attribution of every order (paid or not, any date): conversion needs the unpaid
/// and the out-of-period ones too.
pub fn attribute_all(
    orders: &[Order],
    receptions: &[Reception],
    directory: &AgentDirectory,
    loaded: &LoadedConfig,
) -> Vec<Attribution> {
    // Names seen in agent columns and chats are the names a memo is searched for.
    let mut seen: BTreeSet<String> =
        orders.iter().filter_map(|o| o.agent.as_deref()).filter_map(|a| directory.resolve(a)).collect();
    seen.extend(receptions.iter().map(|r| r.agent.to_string()));
    let index = ReceptionIndex::new(receptions);
    let lookup: Option<&dyn ReceptionLookup> = (!receptions.is_empty()).then_some(&index as &dyn ReceptionLookup);
    let config = &loaded.config;
    let mut attributor =
        Attributor::new(&config.attribution, directory, &seen, lookup, config.attribution_window_hours);
    orders.iter().map(|o| attributor.attribute(o)).collect()
}

/// Everything in a set of files, sheets found by their headers (`report`, `scorecard`).
pub struct Everything {
    pub orders: Vec<Order>,
    /// The names behind the orders' and receptions' buyer numbers.
    pub buyers: Buyers,
    /// What `lost` keeps of the buyers' words, and the texts the words quote.
    pub words: WordsTable,
    pub quotes: Quotes,
    pub attributions: Vec<Attribution>,
    pub receptions: Vec<Reception>,
    pub summaries: Vec<AgentSummary>,
    pub ratings: Vec<RatingRow>,
    pub read: ReadSummary,
    /// The chat quality pass (docs/definitions.md#quality-inspection), when one was asked for and chat messages were read.
    pub qa: Option<QaScan>,
}

/// What the QA collector gathered while the chats were read, and the receptions it numbers.
pub struct QaScan {
    pub keys: Vec<(SharedName, BuyerId, chrono::NaiveDate)>,
    pub collector: Box<QaCollector>,
}

impl QaScan {
    pub fn finish(self, rules: &[crate::config::QaRule], config: &Config, buyers: &Buyers) -> QaResult {
        self.collector.finish(&self.keys, buyers, rules, &config.qa, &config.scorecard)
    }
}

impl Everything {
    pub fn order_agents(&self) -> Vec<Option<&str>> {
        self.attributions.iter().map(|a| a.agent.as_deref()).collect()
    }
}

/// Read every kind of sheet from `files`; `keywords` also scans buyer messages for the lost
/// reasons (counted, never quoted: no texts are kept), `qa` agents' messages for the quality
/// pass (`Everything::qa`, None without chat messages).
/// Two passes: every sheet but the orders first (chats become receptions and their
/// messages are freed), then the order sheets, so that messages and orders are never in
/// memory together. The first pass stops at an order sheet's header; the second opens
/// only the files where one was found.
pub fn read_everything(
    files: &[PathBuf],
    options: &ReadOptions,
    loaded: &LoadedConfig,
    directory: &AgentDirectory,
    keywords: Option<crate::compute::lost::KeywordMatcher>,
    qa: Option<Box<QaCollector>>,
) -> Result<Everything> {
    let mut inputs = Inputs::new(loaded);
    // The report's lost reasons quote no buyer: no texts are kept for them.
    scan_keywords(&mut inputs, keywords, Quotes::not_kept);
    if let Some(collector) = qa {
        inputs.chats.observe(collector);
    }
    let not_orders: Vec<SheetKind> = SheetKind::ALL.into_iter().filter(|k| *k != SheetKind::Orders).collect();
    let first_pass = ReadOptions { count_unwanted_rows: false, ..options.clone() };
    inputs.read(files, &first_pass, &not_orders, directory)?;
    crate::timings::phase("chats read");
    let qa = inputs.chats.take_observer().map(|collector| QaScan { keys: inputs.chats.reception_keys(), collector });
    let qa = qa.filter(|q| !q.keys.is_empty());
    let receptions = inputs.finish_chats(loaded.config.response_cap_secs);
    crate::timings::phase("receptions built");
    let with_orders: Vec<PathBuf> = files
        .iter()
        .filter(|f| inputs.read.tables_of(SheetKind::Orders).any(|t| *t.file == *f.display().to_string()))
        .cloned()
        .collect();
    if !with_orders.is_empty() {
        inputs.read_again(&with_orders, options, &[SheetKind::Orders], directory)?;
        crate::timings::phase("orders read");
    }
    let quotes = std::mem::take(&mut inputs.chats.quotes);
    let Inputs { book, mut buyers, mut summaries, words, ratings, mut read, .. } = inputs;
    buyers.done_adding();
    resolve_summary_agents(&mut summaries, directory);
    let orders = finish_orders(book, &mut read);
    note_orders_without_buyers(&read, &receptions);
    crate::timings::phase("orders merged");
    let attributions = attribute_all(&orders, &receptions, directory, loaded);
    crate::timings::phase("orders attributed");
    crate::memory::give_back_freed();
    Ok(Everything { orders, buyers, words, quotes, attributions, receptions, summaries, ratings, read, qa })
}

/// For lost reasons: buyer messages are scanned for the keywords as they are read, and the
/// texts they may quote kept in `quotes`.
fn scan_keywords(inputs: &mut Inputs, keywords: Option<crate::compute::lost::KeywordMatcher>, quotes: fn() -> Quotes) {
    if let Some(matcher) = keywords {
        inputs.chats.scan_keywords(matcher, quotes());
    }
}

/// docs/definitions.md#fields: orders from a sheet without a buyer column (Pinduoduo's export has none) are read
/// and counted; what needs buyers says so on stderr instead of failing.
pub fn note_orders_without_buyers(read: &ReadSummary, receptions: &[Reception]) {
    if receptions.is_empty() {
        return;
    }
    for t in read.tables_of(SheetKind::Orders).filter(|t| t.col("buyer").is_none() && t.data_rows > 0) {
        let sheet = if t.sheet.is_empty() { String::new() } else { format!(" [{}]", t.sheet) };
        eprintln!(
            "note: {}{sheet} has no buyer column: its orders count in sales, but cannot be matched to chats, \
             convert an inquiry or count as paying buyers",
            t.file
        );
    }
}

/// The period asked for, else the span of the data: reception dates, else paid dates.
pub fn data_period(requested: Option<Period>, receptions: &[Reception], orders: &[Order]) -> Option<Period> {
    if requested.is_some() {
        return requested;
    }
    let dates: Vec<chrono::NaiveDate> = if receptions.is_empty() {
        orders
            .iter()
            .filter(|o| o.state != crate::model::OrderState::Unpaid)
            .filter_map(|o| o.paid_at)
            .map(|t| t.date())
            .collect()
    } else {
        receptions.iter().map(|r| r.date()).collect()
    };
    let from = dates.iter().min()?;
    let to = dates.iter().max()?;
    Some(Period { from: *from, to: *to, kind: crate::model::PeriodKind::All })
}

/// Read chats (turned into receptions first, so their messages are freed) and then orders,
/// and attribute every order: what `conversion`, `lost` and `daily` start from. No chats is
/// an error naming the files; so are order files without an order sheet.
pub fn read_chats_then_orders(
    chats: &[PathBuf],
    orders: &[PathBuf],
    options: &ReadOptions,
    loaded: &LoadedConfig,
    directory: &AgentDirectory,
    keywords: Option<crate::compute::lost::KeywordMatcher>,
) -> Result<Everything> {
    read_chats_or_report(chats, orders, options, loaded, directory, keywords, false)
}

/// As `read_chats_then_orders`, but files holding a per-agent report (客服绩效报表) instead
/// of chats are read as that report (`daily`): `summaries` is then filled and nothing else.
pub fn read_chats_or_agent_report(
    chats: &[PathBuf],
    orders: &[PathBuf],
    options: &ReadOptions,
    loaded: &LoadedConfig,
    directory: &AgentDirectory,
    keywords: Option<crate::compute::lost::KeywordMatcher>,
) -> Result<Everything> {
    read_chats_or_report(chats, orders, options, loaded, directory, keywords, true)
}

fn read_chats_or_report(
    chats: &[PathBuf],
    orders: &[PathBuf],
    options: &ReadOptions,
    loaded: &LoadedConfig,
    directory: &AgentDirectory,
    keywords: Option<crate::compute::lost::KeywordMatcher>,
    agent_report: bool,
) -> Result<Everything> {
    let mut inputs = Inputs::new(loaded);
    scan_keywords(&mut inputs, keywords, Quotes::spilled);
    // Order sheets inside the chat files count too (one workbook holding everything).
    let mut kinds = vec![SheetKind::ChatMessages, SheetKind::ChatSessions, SheetKind::Orders];
    if agent_report {
        kinds.push(SheetKind::AgentSummary);
    }
    inputs.read(chats, options, &kinds, directory)?;
    crate::timings::phase("chats read");
    let receptions = inputs.finish_chats(loaded.config.response_cap_secs);
    crate::timings::phase("receptions built");
    if receptions.is_empty() && !inputs.summaries.is_empty() {
        let Inputs { mut summaries, read, .. } = inputs;
        resolve_summary_agents(&mut summaries, directory);
        return Ok(Everything {
            orders: Vec::new(),
            buyers: Buyers::default(),
            words: WordsTable::default(),
            quotes: Quotes::in_memory(),
            attributions: Vec::new(),
            receptions,
            summaries,
            ratings: Vec::new(),
            read,
            qa: None,
        });
    }
    if receptions.is_empty() {
        return Err(crate::error::Error::Input(format!(
            "no chat messages or sessions found in {}: check the files with `cs-tools inspect`",
            super::file_list(chats)
        )));
    }
    // A workbook given as both chats and orders is read once.
    let same = |a: &PathBuf, b: &PathBuf| a == b || std::fs::canonicalize(a).ok() == std::fs::canonicalize(b).ok();
    let orders: Vec<PathBuf> = orders.iter().filter(|o| !chats.iter().any(|c| same(c, o))).cloned().collect();
    let orders = orders.as_slice();
    if !orders.is_empty() {
        inputs.read(orders, options, &[SheetKind::Orders], directory)?;
        crate::timings::phase("orders read");
        if inputs.read.tables_of(SheetKind::Orders).next().is_none() {
            return Err(crate::error::Error::Input(format!(
                "no order sheet found in {}: check the files with `cs-tools inspect`",
                super::file_list(orders)
            )));
        }
    }
    let quotes = std::mem::take(&mut inputs.chats.quotes);
    let Inputs { book, mut buyers, words, ratings, mut read, .. } = inputs;
    buyers.done_adding();
    let orders = finish_orders(book, &mut read);
    note_orders_without_buyers(&read, &receptions);
    crate::timings::phase("orders merged");
    let attributions = attribute_all(&orders, &receptions, directory, loaded);
    crate::timings::phase("orders attributed");
    crate::memory::give_back_freed();
    Ok(Everything {
        orders,
        buyers,
        words,
        quotes,
        attributions,
        receptions,
        summaries: Vec::new(),
        ratings,
        read,
        qa: None,
    })
}

/// The paid dates of paid orders (any period).
pub fn paid_dates(orders: &[Order]) -> impl Iterator<Item = chrono::NaiveDate> + '_ {
    orders.iter().filter(|o| o.state != crate::model::OrderState::Unpaid).filter_map(|o| o.paid_at.map(|t| t.date()))
}

/// A per-agent report's agent names under the names reports use (config aliases applied).
pub fn resolve_summary_agents(summaries: &mut [AgentSummary], directory: &AgentDirectory) {
    for s in summaries {
        s.agent = directory.resolve(&s.agent).unwrap_or_else(|| s.agent.clone());
    }
}

/// The first and last date of a per-agent report by day, as a period (None: no date column).
pub fn report_span(summaries: &[AgentSummary]) -> Option<Period> {
    let from = summaries.iter().filter_map(|s| s.date).min()?;
    let to = summaries.iter().filter_map(|s| s.date).max()?;
    Some(Period { from, to, kind: crate::model::PeriodKind::All })
}

impl Everything {
    /// The period asked for, else the span of the data: receptions, else paid orders, else
    /// the dates of a per-agent report by day.
    pub fn period(&self, requested: Option<Period>) -> Option<Period> {
        data_period(requested, &self.receptions, &self.orders).or_else(|| report_span(&self.summaries))
    }
}

/// A per-agent report for a period: its rows summed per agent (docs/definitions.md#fields). A period that
/// holds none of a dated report's rows is an error naming the dates the report covers.
pub fn agent_report_for(summaries: &[AgentSummary], period: Option<Period>) -> Result<PeriodReport> {
    let report = sum_over_period(summaries, period);
    if report.agents.is_empty()
        && let (Some(p), Some((from, to))) = (period, report.all_dates)
    {
        return Err(crate::error::Error::Input(format!(
            "the per-agent report has no rows for {} – {}: its dates run from {from} to {to}",
            p.from, p.to
        )));
    }
    Ok(report)
}

/// Rules-sheet lines for a per-agent report by day: how many rows were taken and left out.
pub fn agent_report_rule_items(lang: Lang, report: &PeriodReport) -> Vec<(String, String)> {
    if report.rows_in_period + report.rows_outside + report.rows_undated == 0 {
        return Vec::new();
    }
    let text = match lang {
        Lang::Zh => format!(
            "期间内 {} 行（按日期）；期间外 {} 行（不计）；无日期 {} 行（按导出期间计入）；{} 位客服，按客服汇总：人数与金额相加，比率由汇总后的人数重新计算",
            report.rows_in_period,
            report.rows_outside,
            report.rows_undated,
            report.agents.len()
        ),
        Lang::En => format!(
            "{} rows in the period (by date); {} outside it (left out); {} without a date (taken as the period's); {} agents, each summed: counts and money added, rates recomputed from the sums",
            report.rows_in_period,
            report.rows_outside,
            report.rows_undated,
            report.agents.len()
        ),
    };
    vec![(label(lang, "rules.agent_report").to_string(), text)]
}

/// docs/definitions.md#fields: a file given as ratings in which no ratings sheet is found is an error naming
/// the file and, for each of its sheets, the ratings columns it lacks.
pub fn check_ratings_files(read: &ReadSummary, files: &[PathBuf]) -> Result<()> {
    for file in files {
        let name = file.display().to_string();
        let tables: Vec<_> = read.tables.iter().filter(|t| *t.file == *name).collect();
        if tables.iter().any(|t| t.kind == Some(SheetKind::Ratings)) {
            continue;
        }
        let fields = SheetKind::Ratings.fields();
        let describe = |field: &str| {
            let aliases = fields.iter().find(|f| f.name == field).map(|f| f.aliases.join(", ")).unwrap_or_default();
            format!("{field} ({aliases})")
        };
        let mut lines = vec![format!("{name} was given with --ratings but holds no ratings sheet (服务评价):")];
        for t in &tables {
            let headers: Vec<String> = t
                .columns
                .iter()
                .map(|c| c.header.as_str())
                .chain(t.unmapped.iter().map(String::as_str))
                .map(normalize_header)
                .collect();
            let has = |field: &str| {
                fields
                    .iter()
                    .find(|f| f.name == field)
                    .is_some_and(|f| f.aliases.iter().any(|a| headers.contains(&normalize_header(a))))
            };
            let missing: Vec<String> = SheetKind::Ratings.missing(has).iter().map(|f| describe(f)).collect();
            let place = if t.sheet.is_empty() { "the file".to_string() } else { format!("sheet {}", t.sheet) };
            if missing.is_empty() {
                lines.push(format!(
                    "  {place}: {}",
                    t.why_unused.as_ref().map_or("not read as ratings".into(), |w| w.to_string())
                ));
            } else {
                lines.push(format!("  {place}: no column for {}", missing.join("; ")));
            }
        }
        if tables.is_empty() {
            let all: Vec<String> = SheetKind::Ratings.required().map(describe).collect();
            lines.push(format!("  no sheet with a header row: no column for {}", all.join("; ")));
        }
        lines.push("Check the file with `cs-tools inspect`, or name the columns in [columns.ratings].".into());
        return Err(crate::error::Error::Input(lines.join("\n")));
    }
    Ok(())
}

/// The orders read, each decided (`docs/orders.md`): an order in several exports taken
/// from the later one, the others' rows of it listed once per order and counted per file,
/// and each status text in no list listed once with its orders and money.
pub fn finish_orders(book: OrderBook, read: &mut ReadSummary) -> Vec<Order> {
    let (orders, mut settled) = book.settle(&read.after_refund_sheets(), &mut read.problems);
    let header = |file: &str, sheet: &str, field: &str| {
        let table = read.tables_of(SheetKind::Orders).find(|t| *t.file == *file && *t.sheet == *sheet);
        table
            .and_then(|t| t.columns.iter().find(|c| c.field == field))
            .map(|c| c.header.to_string())
            .unwrap_or_default()
    };
    // A month given twice lists every order once: made straight into a list of the right
    // size, each entry freed as its problem is made (a million of each cost a gigabyte).
    let mut problems = Vec::with_capacity(settled.also_in.len() + settled.unknown_statuses.len());
    let mut per_file: Vec<(String, u64)> = read.files.iter().map(|f| (f.name.to_string(), 0)).collect();
    for a in std::mem::take(&mut settled.also_in) {
        let (file, sheet) = (&a.left_out.file, &a.left_out.sheet);
        match per_file.iter_mut().find(|(f, _)| **f == **file) {
            Some((_, n)) => *n += 1,
            None => per_file.push((file.to_string(), 1)),
        }
        let problem = if a.kept.1.is_empty() {
            Phrase::new("problem.also_in_later").with("file", &a.kept.0)
        } else {
            Phrase::new("problem.also_in_later_sheet").with("file", &a.kept.0).with("sheet", &a.kept.1)
        };
        problems.push(RowProblem {
            file: file.to_string(),
            sheet: sheet.to_string(),
            row: a.left_out.row,
            column: header(file, sheet, "order_id"),
            value: a.id.into(),
            problem,
            action: Phrase::new("action.left_out_for_later"),
        });
    }
    for u in &settled.unknown_statuses {
        let (file, sheet) = (&u.first.file, &u.first.sheet);
        problems.push(RowProblem {
            file: file.to_string(),
            sheet: sheet.to_string(),
            row: u.first.row,
            column: header(file, sheet, "status"),
            value: u.text.clone(),
            problem: Phrase::new("problem.unknown_status").with("orders", u.orders).with("money", super::yuan(u.money)),
            action: Phrase::new("action.unknown_status").with("paid", u.paid),
        });
    }
    if !problems.is_empty() {
        // In the order the rows are read, as the reading's own problems are.
        read.problems.reserve_exact(problems.len());
        read.problems.append(&mut problems);
        drop(problems);
        let files: Vec<String> = read.files.iter().map(|f| f.name.to_string()).collect();
        let file_order = |name: &str| files.iter().position(|f| f == name).unwrap_or(usize::MAX);
        read.problems
            .sort_by(|a, b| (file_order(&a.file), &a.sheet, a.row).cmp(&(file_order(&b.file), &b.sheet, b.row)));
    }
    per_file.retain(|(_, n)| *n > 0);
    read.orders_in_later_export = per_file;
    read.unknown_statuses = settled.unknown_statuses;
    orders
}

/// "exact duplicate of FILE [SHEET] row N", as a phrase of the label table.
fn duplicate_of(first: &Origin) -> Phrase {
    let key = if first.sheet.is_empty() { "problem.duplicate" } else { "problem.duplicate_in_sheet" };
    Phrase::new(key).with("file", &first.file).with("sheet", &first.sheet).with("row", first.row)
}

/// A command whose figures need orders stops when no order sheet was read: conversion,
/// payments and sales would all read 0 with confidence. `instead`: the label of what the
/// user can do besides adding the orders.
pub fn require_orders(
    lang: Lang,
    command: &str,
    read: &crate::read::ReadSummary,
    files: &[std::path::PathBuf],
    instead: &'static str,
) -> crate::error::Result<()> {
    if read.tables_of(crate::read::fields::SheetKind::Orders).next().is_some() {
        return Ok(());
    }
    let phrase = Phrase::new("inputs.no_orders")
        .with("command", command)
        .with("files", super::file_list(files))
        .with_label("instead", instead);
    Err(crate::error::Error::Input(crate::report::labels::say(lang, &phrase)))
}
