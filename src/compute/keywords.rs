// Over 500 lines with its tests: the packed per-reception tally, its packing and its reading share one private layout.
//! Buyer messages scanned for the lost-reason keywords while chats are read (docs/definitions.md#lost-inquiries rule 3):
//! a reception keeps per-category scores and a few quotes, never its text. Used by the
//! receptions (which collect) and by `lost` (which decides).

use crate::config::LostCategory;
use crate::quotes::{QuoteRef, Quotes};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use chrono::NaiveDateTime;
use std::num::NonZeroU32;

/// One pass per message over every keyword of every category (Aho–Corasick).
#[derive(Debug, Clone)]
pub struct KeywordMatcher {
    automaton: Option<AhoCorasick>,
    /// Per pattern: its category index and the keyword.
    patterns: Vec<(usize, String)>,
}

impl KeywordMatcher {
    pub fn new(categories: &[LostCategory]) -> Self {
        let patterns: Vec<(usize, String)> = categories
            .iter()
            .enumerate()
            .flat_map(|(i, c)| c.keywords.iter().filter(|k| !k.is_empty()).map(move |k| (i, k.clone())))
            .collect();
        // Overlapping matches: "优惠券" also counts "优惠"; every category a message touches.
        let automaton = (!patterns.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .build(patterns.iter().map(|(_, k)| k.as_str()))
                .expect("keywords always build an automaton")
        });
        KeywordMatcher { automaton, patterns }
    }

    /// The categories (deduplicated) and keyword ids found in one message.
    pub fn scan(&self, text: &str, categories: &mut Vec<u16>, keywords: &mut Vec<u16>) {
        categories.clear();
        keywords.clear();
        let Some(ac) = &self.automaton else { return };
        for m in ac.find_overlapping_iter(text) {
            let p = m.pattern().as_usize();
            let c = self.patterns[p].0 as u16;
            if !categories.contains(&c) {
                categories.push(c);
            }
            if !keywords.contains(&(p as u16)) {
                keywords.push(p as u16);
            }
        }
    }

    pub fn keyword(&self, id: u16) -> &str {
        &self.patterns[id as usize].1
    }

    pub fn category_of(&self, id: u16) -> usize {
        self.patterns[id as usize].0
    }
}

/// The buyer's words in one reception while its messages are read, for `lost`: per category
/// matched, its messages; the keywords matched; and a quote or two (texts in [`Quotes`], 4
/// bytes here). Quotes: the buyer's first message (the evidence of a reason decided by a rule)
/// and, per category matched, the first message that matched it (the evidence of a keyword
/// reason). The Evidence sheet thus quotes up to three different buyers per reason. Once read,
/// a reception keeps only what `lost` uses of it: [`WordTally::finish`].
///
/// All of it is one allocation, laid out as [`Layout`] says: a big month has a million of these.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordTally {
    packed: Box<[u8]>,
}

/// The packed layout: a header (first message's time and quote, the number of categories, the
/// number of keywords), a record per category (its number, messages, its quote's time and
/// quote), then the keyword ids. Times are seconds since midnight (a reception is one day);
/// `NO_TIME` marks a category quoted by the
/// buyer's first message (or no first message yet), `NO_QUOTE` a quote that could not be kept.
struct Layout;

impl Layout {
    const HEADER: usize = 12;
    const CATEGORY: usize = 14;
    const NO_TIME: u32 = u32::MAX;
    const NO_QUOTE: u32 = u32::MAX;
}

/// Characters kept of a quoted message.
const QUOTE_CHARS: usize = 300;

fn clip(text: &str) -> &str {
    let end = text.char_indices().nth(QUOTE_CHARS).map_or(text.len(), |(i, _)| i);
    &text[..end]
}

/// A quote unpacked: (seconds, where its text is).
type RawQuote = (u32, u32);

/// The unpacked form, built only when something other than a count changes.
#[derive(Default)]
struct Unpacked {
    first: Option<RawQuote>,
    /// (category, messages, quote): no quote while the buyer's first message is it.
    categories: Vec<(u16, u32, Option<RawQuote>)>,
    keywords: Vec<u16>,
}

fn secs(at: NaiveDateTime) -> u32 {
    chrono::Timelike::num_seconds_from_midnight(&at)
}

/// A little-endian number in a packed layout.
fn u16_at(packed: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([packed[at], packed[at + 1]])
}

fn u32_at(packed: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([packed[at], packed[at + 1], packed[at + 2], packed[at + 3]])
}

fn quote_ref(raw: u32) -> Option<QuoteRef> {
    (raw != Layout::NO_QUOTE).then_some(QuoteRef(raw))
}

impl Default for WordTally {
    fn default() -> Self {
        WordTally::pack(&Unpacked::default())
    }
}

impl WordTally {
    fn u16_at(&self, at: usize) -> u16 {
        u16_at(&self.packed, at)
    }

    fn u32_at(&self, at: usize) -> u32 {
        u32_at(&self.packed, at)
    }

    fn category_count(&self) -> usize {
        usize::from(self.u16_at(8))
    }

    fn keyword_count(&self) -> usize {
        usize::from(self.u16_at(10))
    }

    fn record(&self, i: usize) -> usize {
        Layout::HEADER + i * Layout::CATEGORY
    }

    /// (category, messages, quote time, quote) of record `i`.
    fn category(&self, i: usize) -> (u16, u32, u32, u32) {
        let at = self.record(i);
        (self.u16_at(at), self.u32_at(at + 2), self.u32_at(at + 6), self.u32_at(at + 10))
    }

    fn first_secs(&self) -> Option<u32> {
        Some(self.u32_at(0)).filter(|t| *t != Layout::NO_TIME)
    }

    /// Keyword ids matched (each once), in the order first matched.
    pub fn keywords(&self) -> impl Iterator<Item = u16> + '_ {
        let from = self.record(self.category_count());
        (0..self.keyword_count()).map(move |k| self.u16_at(from + 2 * k))
    }

    /// The buyer's first message (by time).
    pub fn first(&self) -> Option<QuoteRef> {
        self.first_secs().and_then(|_| quote_ref(self.u32_at(4)))
    }

    fn unpack(&self) -> Unpacked {
        let first = self.first_secs().map(|at| (at, self.u32_at(4)));
        let categories = (0..self.category_count())
            .map(|i| {
                let (category, messages, at, quote) = self.category(i);
                (category, messages, (at != Layout::NO_TIME).then_some((at, quote)))
            })
            .collect();
        Unpacked { first, categories, keywords: self.keywords().collect() }
    }

    fn pack(parts: &Unpacked) -> Self {
        let size = Layout::HEADER + Layout::CATEGORY * parts.categories.len() + 2 * parts.keywords.len();
        let mut out = Vec::with_capacity(size);
        let (first_at, first_quote) = parts.first.unwrap_or((Layout::NO_TIME, Layout::NO_QUOTE));
        out.extend_from_slice(&first_at.to_le_bytes());
        out.extend_from_slice(&first_quote.to_le_bytes());
        out.extend_from_slice(&(parts.categories.len() as u16).to_le_bytes());
        out.extend_from_slice(&(parts.keywords.len() as u16).to_le_bytes());
        for (category, messages, quote) in &parts.categories {
            let (at, quote) = quote.unwrap_or((Layout::NO_TIME, Layout::NO_QUOTE));
            out.extend_from_slice(&category.to_le_bytes());
            out.extend_from_slice(&messages.to_le_bytes());
            out.extend_from_slice(&at.to_le_bytes());
            out.extend_from_slice(&quote.to_le_bytes());
        }
        for k in &parts.keywords {
            out.extend_from_slice(&k.to_le_bytes());
        }
        WordTally { packed: out.into_boxed_slice() }
    }

    /// Counts a buyer message with the categories and keywords it matched; its text goes to
    /// `quotes` only when it becomes a quote.
    pub fn add(&mut self, at: NaiveDateTime, text: &str, categories: &[u16], keywords: &[u16], quotes: &mut Quotes) {
        let time = at;
        let at = secs(at);
        let first = self.first_secs().is_none_or(|f| at < f);
        // Most messages only add to counts: done in place, without unpacking.
        let in_place = !first
            && keywords.iter().all(|k| self.keywords().any(|have| have == *k))
            && categories.iter().all(|c| {
                (0..self.category_count()).any(|i| {
                    let (category, _, quote_at, _) = self.category(i);
                    // A quote that stays: this message is not earlier than it.
                    category == *c && (quote_at == Layout::NO_TIME || at >= quote_at)
                })
            });
        if in_place {
            for c in categories {
                let i = (0..self.category_count()).find(|i| self.category(*i).0 == *c).expect("checked above");
                let at = self.record(i) + 2;
                let messages = self.u32_at(at) + 1;
                self.packed[at..at + 4].copy_from_slice(&messages.to_le_bytes());
            }
            return;
        }
        let mut parts = self.unpack();
        // The text is kept once, the first time it becomes a quote.
        let mut kept = None;
        let mut this = |quotes: &mut Quotes| {
            let id = *kept.get_or_insert_with(|| quotes.add(time, clip(text)).map_or(Layout::NO_QUOTE, |q| q.0));
            (at, id)
        };
        if first {
            // The old first message may be some category's first match: it keeps its quote.
            let old_first = parts.first.replace(this(quotes));
            for c in &mut parts.categories {
                if c.2.is_none() {
                    c.2 = old_first;
                }
            }
        }
        for &category in categories {
            // A category's quote: None while it is the buyer's first message.
            match parts.categories.iter_mut().find(|c| c.0 == category) {
                Some(c) => {
                    c.1 += 1;
                    if first {
                        c.2 = None;
                    } else if c.2.is_some_and(|(q, _)| at < q) {
                        c.2 = Some(this(quotes));
                    }
                }
                None => {
                    let quote = (!first).then(|| this(quotes));
                    parts.categories.push((category, 1, quote));
                }
            }
        }
        for k in keywords {
            if !parts.keywords.contains(k) {
                parts.keywords.push(*k);
            }
        }
        *self = WordTally::pack(&parts);
    }

    /// The category with the most messages; a tie goes to the earlier category.
    pub fn best_category(&self) -> Option<usize> {
        (0..self.category_count())
            .map(|i| self.category(i))
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|c| usize::from(c.0))
    }

    /// The quote for a lost inquiry: for a keyword category, the first message that matched
    /// it; otherwise the buyer's first message.
    pub fn quote_for(&self, category: Option<usize>) -> Option<QuoteRef> {
        let Some(c) = category else { return self.first() };
        let i = (0..self.category_count()).find(|i| usize::from(self.category(*i).0) == c)?;
        let (_, _, at, quote) = self.category(i);
        if at == Layout::NO_TIME { self.first() } else { quote_ref(quote) }
    }

    /// Messages that matched `category`.
    #[cfg(test)]
    pub fn messages_of(&self, category: usize) -> u32 {
        (0..self.category_count()).map(|i| self.category(i)).find(|c| usize::from(c.0) == category).map_or(0, |c| c.1)
    }

    /// What `lost` uses once the messages are read (see [`BuyerWords`]), appended to `table`.
    /// None past 4 GB of words (some 150 million receptions): those keep no words.
    pub fn finish(&self, matcher: &KeywordMatcher, table: &mut WordsTable) -> Option<WordsRef> {
        let best = self.best_category();
        let mut categories: Vec<usize> = (0..self.category_count()).map(|i| usize::from(self.category(i).0)).collect();
        if let Some(best) = best {
            categories.retain(|c| *c != best);
            categories.insert(0, best);
        }
        let keywords: Vec<u16> = match best {
            Some(best) => self.keywords().filter(|k| matcher.category_of(*k) == best).collect(),
            None => Vec::new(),
        };
        let at = WordsRef(NonZeroU32::new(u32::try_from(table.bytes.len() + 1).ok()?)?);
        let raw = |q: Option<QuoteRef>| q.map_or(Layout::NO_QUOTE, |q| q.0);
        let out = &mut table.bytes;
        out.extend_from_slice(&raw(self.first()).to_le_bytes());
        out.extend_from_slice(&(categories.len() as u16).to_le_bytes());
        out.extend_from_slice(&(keywords.len() as u16).to_le_bytes());
        for c in categories {
            out.extend_from_slice(&(c as u16).to_le_bytes());
            out.extend_from_slice(&raw(self.quote_for(Some(c))).to_le_bytes());
        }
        for k in keywords {
            out.extend_from_slice(&k.to_le_bytes());
        }
        Some(at)
    }
}

/// The finished words of every reception of a run ([`BuyerWords`]), one after the other in one
/// vector. A reception keeps a 4-byte [`WordsRef`]: a million small allocations cost their
/// overhead and left the heap in pieces.
#[derive(Debug, Default)]
pub struct WordsTable {
    bytes: Vec<u8>,
}

/// Where a reception's words start in the [`WordsTable`], plus one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordsRef(NonZeroU32);

impl WordsTable {
    /// The words of a reception, when it has any.
    pub fn get(&self, words: Option<WordsRef>) -> Option<BuyerWords<'_>> {
        let from = words?.0.get() as usize - 1;
        let head = &self.bytes[from..from + BuyerWords::HEADER];
        let categories = usize::from(u16_at(head, 4));
        let keywords = usize::from(u16_at(head, 6));
        let len = BuyerWords::HEADER + categories * BuyerWords::CATEGORY + 2 * keywords;
        Some(BuyerWords { packed: &self.bytes[from..from + len] })
    }
}

/// What `lost` keeps of the buyer's words in one reception (from [`WordTally::finish`]): the
/// category with the most messages and the keywords of it found, and the quotes (the first
/// message; per category matched, its first match). Laid out as: the first quote, the number
/// of categories and of keywords, then per category (the best first) its number and quote,
/// then the keyword ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuyerWords<'a> {
    packed: &'a [u8],
}

impl<'a> BuyerWords<'a> {
    const HEADER: usize = 8;
    const CATEGORY: usize = 6;

    fn category_count(&self) -> usize {
        usize::from(u16_at(self.packed, 4))
    }

    /// (category, quote) of record `i`.
    fn category(&self, i: usize) -> (usize, u32) {
        let at = Self::HEADER + i * Self::CATEGORY;
        (usize::from(u16_at(self.packed, at)), u32_at(self.packed, at + 2))
    }

    /// The category with the most messages; a tie goes to the earlier category.
    pub fn best_category(self) -> Option<usize> {
        (self.category_count() > 0).then(|| self.category(0).0)
    }

    /// The keyword ids of the best category found, in the order first found.
    pub fn keywords(self) -> impl Iterator<Item = u16> + 'a {
        let from = Self::HEADER + self.category_count() * Self::CATEGORY;
        (0..usize::from(u16_at(self.packed, 6))).map(move |k| u16_at(self.packed, from + 2 * k))
    }

    /// The quote for a lost inquiry: for a category, the first message that matched it (none
    /// when no message did); otherwise the buyer's first message.
    pub fn quote_for(self, category: Option<usize>) -> Option<QuoteRef> {
        let raw = match category {
            None => u32_at(self.packed, 0),
            Some(c) => (0..self.category_count()).map(|i| self.category(i)).find(|(have, _)| *have == c)?.1,
        };
        quote_ref(raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 10, 3).unwrap().and_hms_opt(9, m, 0).unwrap()
    }

    /// A quote read back: (text, time).
    fn read(quotes: &Quotes, quote: Option<QuoteRef>) -> Option<(String, NaiveDateTime)> {
        quote.map(|q| quotes.get(q).unwrap()).map(|q| (q.text, q.at))
    }

    fn quoted(text: &str, m: u32) -> Option<(String, NaiveDateTime)> {
        Some((text.to_string(), at(m)))
    }

    #[test]
    fn quotes_are_the_first_by_time_whatever_the_reading_order() {
        // Read out of time order (a pasted 千牛 window): 9:05 price, 9:01 hello, 9:03 price and
        // size, 9:00 size. Categories: 0 price, 1 size.
        let mut q = Quotes::in_memory();
        let mut w = WordTally::default();
        w.add(at(5), "能便宜点吗", &[0], &[7], &mut q);
        w.add(at(1), "在吗", &[], &[], &mut q);
        w.add(at(3), "便宜点 尺码偏大吗", &[0, 1], &[7, 9], &mut q);
        w.add(at(0), "尺码怎么选", &[1], &[9], &mut q);
        assert_eq!(read(&q, w.first()), quoted("尺码怎么选", 0));
        assert_eq!((w.messages_of(0), w.messages_of(1), w.messages_of(2)), (2, 2, 0));
        // A tie (2 and 2) goes to the earlier category.
        assert_eq!(w.best_category(), Some(0));
        assert_eq!(read(&q, w.quote_for(Some(0))), quoted("便宜点 尺码偏大吗", 3));
        assert_eq!(read(&q, w.quote_for(Some(1))), quoted("尺码怎么选", 0));
        assert_eq!(read(&q, w.quote_for(None)), quoted("尺码怎么选", 0));
        assert_eq!(w.quote_for(Some(2)), None, "no message matched category 2");
        assert_eq!(w.keywords().collect::<Vec<_>>(), [7, 9]);
    }

    #[test]
    fn each_category_quotes_its_own_first_message() {
        // 9:00 hello, 9:01 price (category 0), 9:02 size (1), 9:03 price again.
        let mut q = Quotes::in_memory();
        let mut w = WordTally::default();
        w.add(at(0), "在吗", &[], &[], &mut q);
        w.add(at(1), "太贵了", &[0], &[3], &mut q);
        w.add(at(2), "尺码偏大", &[1], &[5], &mut q);
        w.add(at(3), "还是太贵", &[0], &[4], &mut q);
        assert_eq!(read(&q, w.quote_for(Some(0))), quoted("太贵了", 1));
        assert_eq!(read(&q, w.quote_for(Some(1))), quoted("尺码偏大", 2));
        assert_eq!(read(&q, w.first()), quoted("在吗", 0));
        assert_eq!((w.messages_of(0), w.messages_of(1), w.best_category()), (2, 1, Some(0)));
        assert_eq!(w.keywords().collect::<Vec<_>>(), [3, 5, 4]);
        // A long message is quoted to its first 300 characters.
        let mut long = WordTally::default();
        long.add(at(0), &"贵".repeat(400), &[0], &[3], &mut q);
        assert_eq!(read(&q, long.quote_for(Some(0))).map(|(text, _)| text.chars().count()), Some(300));
    }

    #[test]
    fn only_messages_that_become_quotes_are_kept() {
        // The first message, then the first match of a category: two texts. A later match, a
        // message matching nothing and a keyword already seen keep none.
        let mut q = Quotes::in_memory();
        let mut w = WordTally::default();
        w.add(at(0), "在吗", &[], &[], &mut q);
        w.add(at(1), "太贵了", &[0], &[3], &mut q);
        let kept = q.add(at(9), "").unwrap();
        let mut q2 = Quotes::in_memory();
        let mut w2 = WordTally::default();
        for (m, text, c, k) in [
            (0, "在吗", &[][..], &[][..]),
            (1, "太贵了", &[0], &[3]),
            (2, "好的", &[], &[]),
            (3, "还是太贵", &[0], &[3]),
        ] {
            w2.add(at(m), text, c, k, &mut q2);
        }
        assert_eq!(q2.add(at(9), "").unwrap(), kept, "two texts kept in both");
        assert_eq!(read(&q2, w2.quote_for(Some(0))), quoted("太贵了", 1));
    }

    #[test]
    fn a_finished_reception_keeps_the_best_category_its_keywords_and_every_quote() {
        let categories = crate::config::default_lost_categories();
        let matcher = KeywordMatcher::new(&categories);
        let category = |id: &str| categories.iter().position(|c| c.id == id).unwrap();
        let (postage, size) = (category("postage"), category("size"));
        let mut q = Quotes::in_memory();
        let mut w = WordTally::default();
        let (mut c, mut k) = (Vec::new(), Vec::new());
        for (m, text) in [(0, "在吗"), (1, "偏大吗"), (2, "包邮吗"), (3, "运费多少"), (4, "还是包邮吧")]
        {
            matcher.scan(text, &mut c, &mut k);
            w.add(at(m), text, &c, &k, &mut q);
        }
        let mut table = WordsTable::default();
        let first = WordTally::default().finish(&matcher, &mut table);
        let at = w.finish(&matcher, &mut table);
        let done = table.get(at).unwrap();
        assert_eq!(table.get(first).map(|none| none.best_category()), Some(None), "a reception without words");
        assert_eq!(done.best_category(), Some(postage), "three postage messages against one size");
        let keywords: Vec<&str> = done.keywords().map(|k| matcher.keyword(k)).collect();
        assert_eq!(keywords, ["包邮", "运费"], "the best category's keywords only, each once");
        assert_eq!(read(&q, done.quote_for(Some(postage))), quoted("包邮吗", 2));
        assert_eq!(read(&q, done.quote_for(Some(size))), quoted("偏大吗", 1));
        assert_eq!(read(&q, done.quote_for(None)), quoted("在吗", 0));
        assert_eq!(done.quote_for(Some(category("price"))), None, "no message about the price");
    }
}
