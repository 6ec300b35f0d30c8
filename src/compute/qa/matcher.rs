//! The word rules (docs/definitions.md#quality-inspection) as one automaton: which rules a message breaks, and
//! with which word.

use crate::config::QaRule;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// A rule broken by a message: (rule, start, end) of the word in the message.
pub type RuleHit = (u16, usize, usize);

/// The word rules as one automaton over every keyword and exception.
#[derive(Debug, Clone)]
pub struct QaMatcher {
    automaton: Option<AhoCorasick>,
    /// Per pattern: its rule, whether it is an exception, the text.
    patterns: Vec<(u16, bool, String)>,
}

impl QaMatcher {
    pub fn new(rules: &[QaRule]) -> Self {
        let mut patterns = Vec::new();
        for (i, r) in rules.iter().enumerate() {
            patterns.extend(r.keywords.iter().filter(|k| !k.is_empty()).map(|k| (i as u16, false, k.clone())));
            patterns.extend(r.except.iter().filter(|k| !k.is_empty()).map(|k| (i as u16, true, k.clone())));
        }
        let automaton = (!patterns.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .ascii_case_insensitive(true)
                .build(patterns.iter().map(|p| p.2.as_str()))
                .expect("keywords always build an automaton")
        });
        QaMatcher { automaton, patterns }
    }

    /// Per rule the message breaks (each once, in rule order): the first keyword, by
    /// position, that no exception of the same rule covers, as (rule, start, end) in `text`
    /// (so the word is shown as the message wrote it). `hits` is scratch space.
    pub fn scan(&self, text: &str, found: &mut Vec<RuleHit>, hits: &mut Vec<(usize, usize, u16)>) {
        found.clear();
        hits.clear();
        let Some(ac) = &self.automaton else { return };
        hits.extend(ac.find_overlapping_iter(text).map(|m| (m.start(), m.end(), m.pattern().as_usize() as u16)));
        if hits.is_empty() {
            return;
        }
        hits.sort_unstable();
        for &(start, end, p) in hits.iter() {
            let (rule, except, _) = &self.patterns[p as usize];
            if *except || found.iter().any(|(r, ..)| r == rule) {
                continue;
            }
            let covered = hits.iter().any(|&(s, e, q)| {
                let (r, x, _) = &self.patterns[q as usize];
                *x && r == rule && s <= start && end <= e
            });
            if !covered {
                found.push((*rule, start, end));
            }
        }
        found.sort_unstable();
    }
}
