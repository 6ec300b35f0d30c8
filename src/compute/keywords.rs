//! Buyer messages scanned for the lost-reason keywords while chats are read (SPEC §4.5 rule 3):
//! a reception keeps per-category scores and a few quotes, never its text. Used by the
//! receptions (which collect) and by `lost` (which decides).

use crate::config::LostCategory;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use chrono::NaiveDateTime;

/// One pass per message over every keyword of every category (Aho–Corasick).
#[derive(Debug, Clone)]
pub struct KeywordMatcher {
    automaton: Option<AhoCorasick>,
    /// Per pattern: its category index and the keyword.
    patterns: Vec<(usize, String)>,
    pub categories: usize,
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
        KeywordMatcher { automaton, patterns, categories: categories.len() }
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

/// The buyer's words in one reception, kept while reading for `lost`. A big month has a
/// million of these, so each keeps at most one quote per use: the buyer's first message (the
/// evidence of a reason decided by a rule) and, per category matched, the first message that
/// matched it (the evidence of a keyword reason). The Evidence sheet thus quotes up to three
/// different buyers per reason.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BuyerWords {
    /// The buyer's first message (by time).
    pub first: Option<Quote>,
    /// Per category matched, in the order first matched.
    pub categories: Vec<CategoryWords>,
    /// Keyword ids matched (each once).
    pub keywords: Vec<u16>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CategoryWords {
    pub category: u16,
    /// Buyer messages that contain one of its keywords.
    pub messages: u32,
    /// The first of them (by time), when it is not the buyer's first message.
    quote: Option<Quote>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    pub at: NaiveDateTime,
    pub text: Box<str>,
}

/// Characters kept of a quoted message.
const QUOTE_CHARS: usize = 300;

impl Quote {
    fn new(at: NaiveDateTime, text: &str) -> Self {
        let end = text.char_indices().nth(QUOTE_CHARS).map_or(text.len(), |(i, _)| i);
        Quote { at, text: text[..end].into() }
    }
}

impl BuyerWords {
    pub fn add(&mut self, at: NaiveDateTime, text: &str, categories: &[u16], keywords: &[u16]) {
        let first = self.first.as_ref().is_none_or(|q| at < q.at);
        if first {
            // The old first message may be some category's first match: it keeps its quote.
            let old = self.first.replace(Quote::new(at, text));
            for c in &mut self.categories {
                if c.quote.is_none() {
                    c.quote = old.clone();
                }
            }
        }
        // A category's quote: None while it is the buyer's first message.
        let quote = || (!first).then(|| Quote::new(at, text));
        for &category in categories {
            match self.categories.iter_mut().find(|c| c.category == category) {
                Some(c) => {
                    c.messages += 1;
                    if c.quote.as_ref().map_or(first, |q| at < q.at) {
                        c.quote = quote();
                    }
                }
                None => {
                    if self.categories.is_empty() {
                        self.categories.reserve_exact(1);
                    }
                    self.categories.push(CategoryWords { category, messages: 1, quote: quote() });
                }
            }
        }
        for k in keywords {
            if !self.keywords.contains(k) {
                self.keywords.push(*k);
            }
        }
    }

    /// The category with the most messages; a tie goes to the earlier category.
    pub fn best_category(&self) -> Option<usize> {
        self.categories
            .iter()
            .max_by(|a, b| a.messages.cmp(&b.messages).then(b.category.cmp(&a.category)))
            .map(|c| usize::from(c.category))
    }

    /// The quote for a lost inquiry: for a keyword category, the first message that matched
    /// it; otherwise the buyer's first message.
    pub fn quote_for(&self, category: Option<usize>) -> Option<&Quote> {
        match category {
            Some(c) => {
                let words = self.categories.iter().find(|w| usize::from(w.category) == c)?;
                words.quote.as_ref().or(self.first.as_ref())
            }
            None => self.first.as_ref(),
        }
    }

    /// Messages that matched `category`.
    pub fn messages_of(&self, category: usize) -> u32 {
        self.categories.iter().find(|w| usize::from(w.category) == category).map_or(0, |w| w.messages)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 10, 3).unwrap().and_hms_opt(9, m, 0).unwrap()
    }

    #[test]
    fn quotes_are_the_first_by_time_whatever_the_reading_order() {
        // Read out of time order (a pasted 千牛 window): 9:05 price, 9:01 hello, 9:03 price and
        // size, 9:00 size. Categories: 0 price, 1 size.
        let mut w = BuyerWords::default();
        w.add(at(5), "能便宜点吗", &[0], &[7]);
        w.add(at(1), "在吗", &[], &[]);
        w.add(at(3), "便宜点 尺码偏大吗", &[0, 1], &[7, 9]);
        w.add(at(0), "尺码怎么选", &[1], &[9]);
        assert_eq!(w.first.as_ref().map(|q| (&*q.text, q.at)), Some(("尺码怎么选", at(0))));
        assert_eq!((w.messages_of(0), w.messages_of(1), w.messages_of(2)), (2, 2, 0));
        // A tie (2 and 2) goes to the earlier category.
        assert_eq!(w.best_category(), Some(0));
        assert_eq!(w.quote_for(Some(0)).map(|q| &*q.text), Some("便宜点 尺码偏大吗"));
        assert_eq!(w.quote_for(Some(1)).map(|q| &*q.text), Some("尺码怎么选"));
        assert_eq!(w.quote_for(None).map(|q| &*q.text), Some("尺码怎么选"));
        assert_eq!(w.quote_for(Some(2)), None, "no message matched category 2");
        assert_eq!(w.keywords, [7, 9]);
    }
}
