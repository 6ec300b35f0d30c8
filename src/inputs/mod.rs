//! Reading every input a command needs into orders, per-agent summaries and receptions,
//! and the attribution chain over all orders: the same for every command.

use crate::buyers::Buyers;
use crate::compute::agents::AgentDirectory;
use crate::compute::keywords::WordsTable;
use crate::compute::orders::{Added, OrderBook};
use crate::compute::receptions::{ChatBook, Reception, sort_receptions};
use crate::config::LoadedConfig;
use crate::error::Result;
use crate::model::{AgentReportLine, Origin, Phrase, RowProblem};
use crate::read::chat_records::RatingRow;
use crate::read::fields::SheetKind;
use crate::read::{ReadLog, ReadOptions, Record, read_inputs};
use std::path::PathBuf;

mod attribution;
mod checks;
mod notes;
mod orders;
mod persons;
mod read_all;

pub use crate::compute::period::data_period;
pub use attribution::attribute_all;
pub use checks::{check_ratings_files, no_orders_message, require_orders, require_report_rows};
pub use notes::sheet_notes;
pub use orders::{finish_orders, note_orders_without_buyers, paid_dates};
pub use persons::{SplitName, split_persons};
pub use read_all::{
    Inputs, QaScan, agent_report_rule_items, keep_scan_apart, read_chats_or_agent_report, read_chats_orders_and_report,
    read_chats_then_orders, read_everything, read_orders_and_chats, resolve_summary_agents,
};

/// What was read so far; several reads (orders, then chats) add up.
pub struct InputReader {
    pub book: OrderBook,
    /// The buyers of orders and chats alike: both keep their numbers.
    pub buyers: Buyers,
    pub summaries: Vec<AgentReportLine>,
    pub chats: ChatBook,
    /// What `lost` keeps of the buyers' words in the receptions finished so far.
    pub words: WordsTable,
    pub ratings: Vec<RatingRow>,
    pub read: ReadLog,
    files: Vec<PathBuf>,
    markers: Vec<String>,
    /// The platform response rates each reception measures (docs/definitions.md#conversion).
    rate_rules: Vec<crate::compute::receptions::RateRule>,
    /// `--mask-buyers` was given to a read: `done_reading` masks the buyers.
    mask_buyers: bool,
    /// The shops of the orders and messages read (docs/definitions.md#shops).
    pub shops: crate::shops::Shops,
    /// `[[shop]]` of the config, for the shops of the reads to come.
    shop_rules: Vec<crate::shops::ShopConfig>,
}

impl InputReader {
    pub fn new(loaded: &LoadedConfig) -> Self {
        let rate_rules = crate::compute::receptions::RateRule::from_config(&loaded.config.conversion.effective());
        let mut chats = ChatBook::new(&loaded.config.auto_reply_markers);
        chats.measure_rates(rate_rules.clone());
        InputReader {
            book: OrderBook::with_statuses(loaded.config.orders.status_lists()),
            buyers: Buyers::default(),
            summaries: Vec::new(),
            chats,
            words: WordsTable::default(),
            ratings: Vec::new(),
            read: ReadLog::default(),
            files: Vec::new(),
            markers: loaded.config.auto_reply_markers.clone(),
            rate_rules,
            mask_buyers: false,
            shops: crate::shops::Shops::default(),
            shop_rules: loaded.config.shop.clone(),
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
        self.mask_buyers |= options.mask_buyers;
        if self.read.shops.is_empty() && self.files.is_empty() {
            self.shops = crate::shops::Shops::new(&self.shop_rules, options.shop.as_deref());
        }
        let (book, buyers, summaries, chats, ratings, shops) = (
            &mut self.book,
            &mut self.buyers,
            &mut self.summaries,
            &mut self.chats,
            &mut self.ratings,
            &mut self.shops,
        );
        let mut duplicates = Vec::new();
        let name = |raw: &str| directory.resolve(raw).unwrap_or_else(|| raw.trim().to_string());
        // Millions of messages, a few agents: each raw name is resolved once, and a run of
        // messages with the same raw name (a conversation) is not even looked up.
        let mut resolved: rustc_hash::FxHashMap<String, usize> = Default::default();
        let mut resolved_names: Vec<String> = Vec::new();
        let (mut last_raw, mut last_name) = (String::new(), usize::MAX);
        let mut read = read_inputs(files, options, kinds, &mut |record| match record {
            Record::Order(mut row) => {
                let sub = row.agent.as_deref().and_then(crate::shops::sub_account_shop);
                row.shop_id = shops.resolve(&row.origin.file, &row.origin.sheet, row.shop.as_deref(), sub);
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
            Record::AgentReportLine(s) => summaries.push(s),
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
                chats.shop = shops.resolve(m.file, m.sheet, None, m.sub_account_shop);
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
            Record::Session(s) => {
                let sub = crate::shops::sub_account_shop(&s.agent);
                chats.shop = shops.resolve(&s.origin.file, &s.origin.sheet, None, sub);
                chats.add_session(
                    buyers,
                    &name(&s.agent),
                    &s.buyer,
                    s.start,
                    s.first_response_secs,
                    s.avg_response_secs,
                    s.lost_reason.as_deref(),
                )
            }
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
            if let Some(note) = notes::after_refund_note(crate::messages::message_language(), t) {
                eprintln!("{}", msg!("reading.note.sheet", file = &t.file, sheet = sheet, note = note));
            }
        }
        self.read.item_rows_left_out = self.book.item_rows_left_out();
        self.read.shops = self.shops.found();
        self.read.shop_names = self.shops.names();
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

impl InputReader {
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
        next.measure_rates(self.rate_rules.clone());
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

impl InputReader {
    /// Reading is over: buyers are looked up by number only from now on. With `--mask-buyers`
    /// every buyer's name is first replaced by its mask (docs/decisions.md#masked-buyers), here,
    /// before anything is computed, so that no sheet, JSON or message made from what was read
    /// can show a name: the buyers' table, the ratings' buyers and the cells of row problems
    /// that may name a buyer get one mask per name. Texts written by people
    /// (messages, memos, 未成交原因) are quoted as written.
    pub fn done_reading(&mut self) {
        if !self.mask_buyers {
            self.buyers.done_adding();
            return;
        }
        // A row problem's cell that holds a name that may be a buyer's: one in a buyer or sender
        // column (by its header in the sheet's mapping), or a 千牛 text's buyer with no agent.
        // An agent's name in a sender cell is masked with them: which it is, the row could not tell.
        let tables = &self.read.tables;
        let names_a_person = |p: &RowProblem| {
            p.problem.key == "problem.no_agent_for_buyer"
                || !p.column.is_empty()
                    && tables.iter().filter(|t| *t.file == *p.file && *t.sheet == *p.sheet).any(|t| {
                        t.columns.iter().any(|c| c.header == p.column && matches!(c.field, "buyer" | "sender"))
                    })
        };
        let cells = self.read.problems.iter_mut().filter(|p| names_a_person(p)).map(|p| &mut p.value);
        let ratings = self.ratings.iter_mut().filter_map(|r| r.buyer.as_mut());
        let mut others: Vec<&mut String> = cells.chain(ratings).collect();
        self.read.buyers_masked = Some(self.buyers.mask(&mut others));
    }
}

/// "exact duplicate of FILE [SHEET] row N", as a phrase of the label table.
fn duplicate_of(first: &Origin) -> Phrase {
    let key = if first.sheet.is_empty() { "problem.duplicate" } else { "problem.duplicate_in_sheet" };
    Phrase::new(key).with("file", &first.file).with("sheet", &first.sheet).with("row", first.row)
}
