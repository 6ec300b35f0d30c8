//! Everything in a command's files, read in the order that keeps memory low (chats into receptions first, then orders), for each shape of command.

use super::persons::PersonsApart;
use super::{InputReader, attribute_all, finish_orders, note_orders_without_buyers};
use crate::buyers::{Buyers, KeptApart};
use crate::compute::agent_reports::PeriodReport;
use crate::compute::agents::AgentDirectory;
use crate::compute::attribution::{Attribution, OrderAgents};
use crate::compute::by_shop::{ShopInputs, ShopsCompared, compare, several_shops};
use crate::compute::commission::CommissionResult;
use crate::compute::conversion::ReceptionOutcome;
use crate::compute::keywords::WordsTable;
use crate::compute::orders::OrderBook;
use crate::compute::qa::{QaCollector, QaResult};
use crate::compute::receptions::Reception;
use crate::compute::receptions::ReceptionKey;
use crate::config::Config;
use crate::config::LoadedConfig;
use crate::error::Result;
use crate::messages::{Lang, label};
use crate::model::{AgentReportLine, Order, Period, SharedName};
use crate::quotes::Quotes;
use crate::read::chat_records::RatingRow;
use crate::read::fields::SheetKind;
use crate::read::{ReadLog, ReadOptions};
use crate::shops::{ShopId, Shops};
use std::path::PathBuf;

/// Everything in a set of files, sheets found by their headers (`report`, `scorecard`).
pub struct Inputs {
    pub orders: Vec<Order>,
    /// The names behind the orders' and receptions' buyer numbers.
    pub buyers: Buyers,
    /// What `lost` keeps of the buyers' words, and the texts the words quote.
    pub words: WordsTable,
    pub quotes: Quotes,
    /// Each order's attribution under the config's rule (docs/definitions.md#attribution-rules).
    pub attributions: Vec<Attribution>,
    /// Each order's agent under the `order` rule, which conversion follows, when the config's
    /// rule is another and chats were given (None: `attributions` are the order rule's).
    pub by_order_rule: Option<Vec<Option<SharedName>>>,
    pub receptions: Vec<Reception>,
    pub summaries: Vec<AgentReportLine>,
    pub ratings: Vec<RatingRow>,
    pub read: ReadLog,
    /// The chat quality pass (docs/definitions.md#quality-inspection), when one was asked for and chat messages were read.
    pub qa: Option<QaScan>,
}

/// What the QA collector gathered while the chats were read, and the receptions it numbers.
pub struct QaScan {
    pub keys: Vec<ReceptionKey>,
    /// The shop of each agent number the collector was given.
    pub agent_shops: Vec<ShopId>,
    pub collector: Box<QaCollector>,
}

impl QaScan {
    /// What the book numbered while the chats were read, when a collector was set.
    pub fn taken(chats: &mut crate::compute::receptions::ChatBook) -> Option<QaScan> {
        let collector = chats.take_observer()?;
        Some(QaScan { keys: chats.reception_keys(), agent_shops: chats.agent_shops(), collector })
    }

    /// The persons kept apart across shops go by their own names (`小王（店铺）`), and the
    /// buyers take their numbers once shops are settled (docs/definitions.md#shops).
    pub fn keep_apart(
        &mut self,
        persons: &PersonsApart,
        buyers: Option<&KeptApart>,
        directory: &AgentDirectory,
        shops: &Shops,
    ) {
        if let Some(kept) = buyers {
            for k in &mut self.keys {
                k.buyer = kept.get(k.buyer);
            }
        }
        if persons.split.is_empty() {
            return;
        }
        let rename = |shop: ShopId, name: &SharedName| persons.rename(shop, name, directory, shops);
        for k in &mut self.keys {
            if let Some(new) = rename(k.shop, &k.agent) {
                k.agent = new;
            }
        }
        let agent_shops = &self.agent_shops;
        self.collector.rename_agents(|i, name| rename(agent_shops.get(i as usize).copied()?, name));
    }

    pub fn finish(self, rules: &[crate::config::QaRule], config: &Config, buyers: &Buyers) -> QaResult {
        self.collector.finish(&self.keys, buyers, rules, &config.qa, &config.scorecard)
    }
}

impl Inputs {
    /// What a scorecard is computed from, with `agents` (from `order_agents`).
    pub fn scored_inputs<'a>(&'a self, agents: &'a OrderAgents<'a>) -> crate::compute::scorecard::ScoredInputs<'a> {
        crate::compute::scorecard::ScoredInputs {
            receptions: &self.receptions,
            orders: &self.orders,
            agents,
            summaries: &self.summaries,
            ratings: &self.ratings,
        }
    }

    /// The shops side by side for `period` (docs/definitions.md#shops), when the run read two or
    /// more named shops: `commission` gives each shop its part; `outcomes`, the receptions'
    /// outcomes when the command has them (else they are classified once here).
    pub fn shops_compared(
        &self,
        period: Period,
        config: &Config,
        commission: Option<&CommissionResult>,
        outcomes: Option<&[ReceptionOutcome]>,
    ) -> Option<ShopsCompared> {
        if !several_shops(&self.read.shop_names) {
            return None;
        }
        let agents = self.order_agents();
        let inputs = ShopInputs {
            shop_names: &self.read.shop_names,
            orders: &self.orders,
            sold: agents.sold(),
            converting: Some(agents.converting()),
            receptions: &self.receptions,
            outcomes,
        };
        compare(&inputs, period, config, commission)
    }

    /// Each order's agent: who sold it (the attribution rule) and whose inquiry it converts
    /// (the `order` rule).
    pub fn order_agents(&self) -> OrderAgents<'_> {
        let sold = self.attributions.iter().map(|a| a.agent.as_deref()).collect();
        let converting = self.by_order_rule.as_ref().map(|agents| agents.iter().map(|a| a.as_deref()).collect());
        OrderAgents::new(sold, converting)
    }
}

/// Read every kind of sheet from `files`; `keywords` also scans buyer messages for the lost
/// reasons (counted, never quoted: no texts are kept), `qa` agents' messages for the quality
/// pass (`Inputs::qa`, None without chat messages).
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
) -> Result<Inputs> {
    let mut inputs = InputReader::new(loaded);
    // The report's lost reasons quote no buyer: no texts are kept for them.
    scan_keywords(&mut inputs, keywords, Quotes::not_kept);
    if let Some(collector) = qa {
        inputs.chats.observe(collector);
    }
    let not_orders: Vec<SheetKind> = SheetKind::ALL.into_iter().filter(|k| *k != SheetKind::Orders).collect();
    let first_pass = ReadOptions { count_unwanted_rows: false, ..options.clone() };
    inputs.read(files, &first_pass, &not_orders, directory)?;
    crate::timings::phase("chats read");
    let qa = QaScan::taken(&mut inputs.chats).filter(|q| !q.keys.is_empty());
    let mut receptions = inputs.finish_chats(loaded.config.response_cap_secs);
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
    inputs.done_reading();
    let InputReader { book, mut buyers, mut summaries, words, ratings, mut read, shops, .. } = inputs;
    resolve_summary_agents(&mut summaries, directory);
    let mut qa = qa;
    let orders = merged_orders(book, &shops, &mut buyers, &mut receptions, qa.as_mut(), directory, &mut read);
    crate::timings::phase("orders merged");
    let super::attribution::Attributed { attributions, by_order_rule } =
        attribute_all(&orders, &receptions, directory, loaded);
    crate::timings::phase("orders attributed");
    crate::memory::give_back_freed();
    Ok(Inputs { orders, buyers, words, quotes, attributions, by_order_rule, receptions, summaries, ratings, read, qa })
}

/// For lost reasons: buyer messages are scanned for the keywords as they are read, and the
/// texts they may quote kept in `quotes`.
fn scan_keywords(
    inputs: &mut InputReader,
    keywords: Option<crate::compute::lost::KeywordMatcher>,
    quotes: fn() -> Quotes,
) {
    if let Some(matcher) = keywords {
        inputs.chats.scan_keywords(matcher, quotes());
    }
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
) -> Result<Inputs> {
    read_chats_or_report(chats, orders, options, loaded, directory, keywords, false)
}

/// As `read_chats_then_orders`, then the per-agent reports (客服绩效报表) in `against` into
/// `summaries` (`reconcile`, docs/definitions.md#reconcile). Files there without a per-agent
/// report are an error naming them.
pub fn read_chats_orders_and_report(
    chats: &[PathBuf],
    orders: &[PathBuf],
    against: &[PathBuf],
    options: &ReadOptions,
    loaded: &LoadedConfig,
    directory: &AgentDirectory,
) -> Result<Inputs> {
    let mut report = InputReader::new(loaded);
    report.read(against, options, &[SheetKind::AgentReport], directory)?;
    if report.read.tables_of(SheetKind::AgentReport).next().is_none() {
        return Err(crate::error::Error::Input(msg!(
            "reading.inputs.no_agent_report",
            files = crate::format::file_list(against)
        )));
    }
    report.done_reading();
    let InputReader { mut summaries, read: report_log, .. } = report;
    resolve_summary_agents(&mut summaries, directory);
    let mut inputs = read_chats_or_report(chats, orders, options, loaded, directory, None, false)?;
    inputs.summaries = summaries;
    // The report's files and row problems are the run's too (Rules, Issues).
    inputs.read.files.extend(report_log.files);
    inputs.read.tables.extend(report_log.tables);
    inputs.read.problems.extend(report_log.problems);
    Ok(inputs)
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
) -> Result<Inputs> {
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
) -> Result<Inputs> {
    let mut inputs = InputReader::new(loaded);
    scan_keywords(&mut inputs, keywords, Quotes::spilled);
    // Order sheets inside the chat files count too (one workbook holding everything).
    let mut kinds = vec![SheetKind::ChatMessages, SheetKind::ChatSessions, SheetKind::Orders];
    if agent_report {
        kinds.push(SheetKind::AgentReport);
    }
    inputs.read(chats, options, &kinds, directory)?;
    crate::timings::phase("chats read");
    let mut receptions = inputs.finish_chats(loaded.config.response_cap_secs);
    crate::timings::phase("receptions built");
    if receptions.is_empty() && !inputs.summaries.is_empty() {
        inputs.done_reading();
        let InputReader { mut summaries, read, .. } = inputs;
        resolve_summary_agents(&mut summaries, directory);
        return Ok(Inputs {
            orders: Vec::new(),
            buyers: Buyers::default(),
            words: WordsTable::default(),
            quotes: Quotes::in_memory(),
            attributions: Vec::new(),
            by_order_rule: None,
            receptions,
            summaries,
            ratings: Vec::new(),
            read,
            qa: None,
        });
    }
    if receptions.is_empty() {
        // A per-agent report none of whose rows could be used is said as such.
        if agent_report {
            super::checks::require_report_rows(&inputs.read, 0)?;
        }
        return Err(crate::error::Error::Input(msg!(
            "reading.inputs.no_chats",
            files = crate::format::file_list(chats)
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
            return Err(crate::error::Error::Input(msg!(
                "reading.inputs.no_order_sheet",
                files = crate::format::file_list(orders)
            )));
        }
    }
    let quotes = std::mem::take(&mut inputs.chats.quotes);
    inputs.done_reading();
    let InputReader { book, mut buyers, words, ratings, mut read, shops, .. } = inputs;
    let orders = merged_orders(book, &shops, &mut buyers, &mut receptions, None, directory, &mut read);
    crate::timings::phase("orders merged");
    let super::attribution::Attributed { attributions, by_order_rule } =
        attribute_all(&orders, &receptions, directory, loaded);
    crate::timings::phase("orders attributed");
    crate::memory::give_back_freed();
    Ok(Inputs {
        orders,
        buyers,
        words,
        quotes,
        attributions,
        by_order_rule,
        receptions,
        summaries: Vec::new(),
        ratings,
        read,
        qa: None,
    })
}

/// Read the order exports (and, first, the chats given with them, so that their messages are
/// freed into receptions before the orders take their memory): what `commission` starts
/// from. Chat sheets inside the order files count too (one workbook holding everything);
/// a per-agent report in them fills `summaries`. Every order is attributed.
pub fn read_orders_and_chats(
    orders: &[PathBuf],
    chats: &[PathBuf],
    options: &ReadOptions,
    loaded: &LoadedConfig,
    directory: &AgentDirectory,
) -> Result<Inputs> {
    let response_cap = loaded.config.response_cap_secs;
    let mut inputs = InputReader::new(loaded);
    if !chats.is_empty() {
        inputs.read(chats, options, &[SheetKind::ChatMessages, SheetKind::ChatSessions], directory)?;
    }
    let mut receptions = inputs.finish_chats(response_cap);
    let kinds = [SheetKind::Orders, SheetKind::AgentReport, SheetKind::ChatMessages, SheetKind::ChatSessions];
    inputs.read(orders, options, &kinds, directory)?;
    crate::timings::phase("orders read");
    inputs.more_chats(&mut receptions, response_cap);
    inputs.done_reading();
    let InputReader { book, mut buyers, summaries, mut read, shops, .. } = inputs;
    let orders = merged_orders(book, &shops, &mut buyers, &mut receptions, None, directory, &mut read);
    crate::timings::phase("orders merged");
    let super::attribution::Attributed { attributions, by_order_rule } =
        if read.tables_of(SheetKind::Orders).next().is_some() {
            attribute_all(&orders, &receptions, directory, loaded)
        } else {
            super::attribution::Attributed { attributions: Vec::new(), by_order_rule: None }
        };
    Ok(Inputs {
        orders,
        buyers,
        words: WordsTable::default(),
        quotes: Quotes::in_memory(),
        attributions,
        by_order_rule,
        receptions,
        summaries,
        ratings: Vec::new(),
        read,
        qa: None,
    })
}

/// What every reading ends with before attribution: one order per id across the exports,
/// buyers and persons across shops kept apart (the same sub-account name in two shops: said
/// on stderr, listed in the Rules sheet), and the note on orders without buyers.
#[allow(clippy::too_many_arguments)]
fn merged_orders(
    book: OrderBook,
    shops: &Shops,
    buyers: &mut Buyers,
    receptions: &mut [Reception],
    qa: Option<&mut QaScan>,
    directory: &AgentDirectory,
    read: &mut ReadLog,
) -> Vec<Order> {
    let mut orders = finish_orders(book, read);
    let kept = keep_buyers_apart(buyers, &mut orders, receptions, read);
    let persons = super::split_persons(shops, &mut orders, receptions, directory);
    if let Some(qa) = qa {
        qa.keep_apart(&persons, kept.as_ref(), directory, shops);
    }
    read.persons_split = persons.split.into_iter().map(|s| (s.name, s.shops)).collect();
    note_orders_without_buyers(read, receptions);
    orders
}

/// For `qa`, which keeps the scan's receptions and not the book's: persons across shops
/// found from them and the orders' 客服 column, said on stderr and in the Rules sheet.
pub fn keep_scan_apart(
    scan: &mut QaScan,
    orders: &[Order],
    shops: &Shops,
    directory: &AgentDirectory,
    read: &mut ReadLog,
) {
    let agents = orders
        .iter()
        .filter_map(|o| o.agent.as_deref().map(|a| (o.shop_id, a)))
        .chain(scan.keys.iter().map(|k| (k.shop, &*k.agent)));
    let persons = PersonsApart::find(shops, agents, directory);
    persons.say();
    scan.keep_apart(&persons, None, directory, shops);
    read.persons_split = persons.split.into_iter().map(|s| (s.name, s.shops)).collect();
}

/// Buyers settled across shops (`Buyers::keep_shops_apart`): orders and receptions take the
/// new numbers; buyers of no shop whose name two shops have are counted for the Rules sheet.
pub fn keep_buyers_apart(
    buyers: &mut Buyers,
    orders: &mut [Order],
    receptions: &mut [Reception],
    read: &mut ReadLog,
) -> Option<KeptApart> {
    let kept = buyers.keep_shops_apart()?;
    if kept.remap.is_some() {
        for o in orders.iter_mut() {
            o.buyer = o.buyer.map(|b| kept.get(b));
        }
        for r in receptions.iter_mut() {
            r.buyer = kept.get(r.buyer);
        }
    }
    read.buyers_without_shop = kept.unnamed_apart;
    if kept.unnamed_apart > 0 {
        eprintln!("{}", msg!("reading.note.buyers_without_shop", n = kept.unnamed_apart));
    }
    Some(kept)
}

/// A per-agent report's agent names under the names reports use (config aliases applied). A
/// row with a shop (飞鸽's 店铺名称) is looked up as its sub-account `店铺:昵称` first, so an
/// `[agents]` alias written that way names that shop's agent only.
pub fn resolve_summary_agents(summaries: &mut [AgentReportLine], directory: &AgentDirectory) {
    for s in summaries {
        let raw = match &s.shop {
            Some(shop) if crate::shops::sub_account_shop(&s.agent).is_none() => format!("{shop}:{}", s.agent),
            _ => s.agent.clone(),
        };
        s.agent = directory.resolve(&raw).unwrap_or_else(|| s.agent.clone());
    }
}

/// The first and last date of a per-agent report by day, as a period (None: no date column).
pub fn report_span(summaries: &[AgentReportLine]) -> Option<Period> {
    let from = summaries.iter().filter_map(|s| s.days()).map(|d| d.0).min()?;
    let to = summaries.iter().filter_map(|s| s.days()).map(|d| d.1).max()?;
    Some(Period { from, to, kind: crate::model::PeriodKind::All })
}

impl Inputs {
    /// The period asked for, else the span of the data: receptions, else paid orders, else
    /// the dates of a per-agent report by day.
    pub fn period(&self, requested: Option<Period>) -> Option<Period> {
        crate::compute::period::data_period(requested, &self.receptions, &self.orders)
            .or_else(|| report_span(&self.summaries))
    }
}

/// Rules-sheet lines for a per-agent report by day: how many rows were taken and left out.
pub fn agent_report_rule_items(lang: Lang, report: &PeriodReport) -> Vec<(String, String)> {
    if report.rows_in_period + report.rows_outside + report.rows_undated == 0 {
        return Vec::new();
    }
    // Rows dated by a range (a week) that straddle the period's edge: left out, and said.
    let straddling = match (lang, report.rows_straddling) {
        (_, 0) => String::new(),
        (Lang::Zh, n) => format!("（其中 {n} 行的日期范围跨过期间边界：无法按天拆分，整行不计）"),
        (Lang::En, n) => {
            format!(
                " ({n} of them dated by a range that straddles the period's edge: it cannot be split by day, so the whole row is left out)"
            )
        }
    };
    let text = match lang {
        Lang::Zh => format!(
            "期间内 {} 行（按日期）；期间外 {} 行（不计）{straddling}；无日期 {} 行（按导出期间计入）；{} 位客服，按客服汇总：人数与金额相加，比率由汇总后的人数重新计算",
            report.rows_in_period,
            report.rows_outside,
            report.rows_undated,
            report.agents.len()
        ),
        Lang::En => format!(
            "{} rows in the period (by date); {} outside it (left out){straddling}; {} without a date (taken as the period's); {} agents, each summed: counts and money added, rates recomputed from the sums",
            report.rows_in_period,
            report.rows_outside,
            report.rows_undated,
            report.agents.len()
        ),
    };
    vec![(label(lang, "rules.agent_report").to_string(), text)]
}
