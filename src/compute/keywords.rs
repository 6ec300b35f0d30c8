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

/// The buyer's words in one reception, kept while reading for `lost`. A month holds a
/// million of these: each quote is one allocation (its text), and its categories another
/// only when it matched more than none.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BuyerWords {
    /// Per category: buyer messages that contain one of its keywords.
    pub scores: Vec<u32>,
    /// Keyword ids matched (each once).
    pub keywords: Vec<u16>,
    /// A few buyer messages with the categories they matched, for the Evidence sheet.
    pub quotes: Vec<Quote>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    pub at: NaiveDateTime,
    pub text: Box<str>,
    pub categories: Box<[u16]>,
}

/// Quotes kept per reception: the Evidence sheet shows three per reason.
const QUOTES_PER_RECEPTION: usize = 3;
/// Characters kept of a quoted message.
const QUOTE_CHARS: usize = 300;

impl BuyerWords {
    pub fn add(&mut self, at: NaiveDateTime, text: &str, categories: &[u16], keywords: &[u16], n_categories: usize) {
        if self.scores.len() < n_categories {
            self.scores.resize(n_categories, 0);
        }
        for c in categories {
            self.scores[*c as usize] += 1;
        }
        for k in keywords {
            if !self.keywords.contains(k) {
                self.keywords.push(*k);
            }
        }
        // Keep messages that matched a category first, then the first plain ones.
        let quote = || {
            let end = text.char_indices().nth(QUOTE_CHARS).map_or(text.len(), |(i, _)| i);
            Quote { at, text: text[..end].into(), categories: categories.into() }
        };
        if self.quotes.len() < QUOTES_PER_RECEPTION {
            if self.quotes.is_empty() {
                self.quotes.reserve_exact(QUOTES_PER_RECEPTION);
            }
            self.quotes.push(quote());
        } else if !categories.is_empty()
            && let Some(slot) = self.quotes.iter_mut().find(|q| q.categories.is_empty())
        {
            *slot = quote();
        }
    }
}
