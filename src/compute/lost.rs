//! docs/definitions.md#lost-inquiries: why inquiries were lost (未成交原因). Each inquiry that does not convert gets
//! exactly one reason, by the first rule that applies.

use super::conversion::{ReceptionOutcome, ReceptionType};
pub use super::keywords::{BuyerWords, KeywordMatcher, WordsTable};
use super::receptions::Reception;
use crate::buyers::Buyers;
use crate::config::LostCategory;
use crate::model::{Period, SharedName};
use std::collections::BTreeMap;

/// Reasons decided by rules rather than keywords: (id, 中文, English).
pub const RULE_REASONS: &[(&str, &str, &str)] = &[
    ("no_reply", "未回复", "no reply"),
    ("slow_reply", "回复慢", "slow reply"),
    ("buyer_silent", "买家沉默", "buyer went silent"),
    ("other", "其他", "other"),
];

/// The rule that decided a reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rule {
    LostReasonCell,
    NoReply,
    Keywords,
    SlowReply,
    BuyerSilent,
    Other,
}

impl Rule {
    pub fn name(self) -> &'static str {
        match self {
            Rule::LostReasonCell => "lost_reason",
            Rule::NoReply => "no_reply",
            Rule::Keywords => "keywords",
            Rule::SlowReply => "slow_reply",
            Rule::BuyerSilent => "buyer_silent",
            Rule::Other => "other",
        }
    }
}

/// A reason: a configured category, a rule reason, or a lost_reason cell's own text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reason {
    /// Index into the categories.
    Category(usize),
    /// Index into `RULE_REASONS`.
    Rule(usize),
    /// An unknown lost_reason label: its own category.
    Cell(SharedName),
}

/// One lost inquiry: a big month has hundreds of thousands, so it names its reception by
/// number and finds its keywords there when they are written ([`keywords_of`]).
#[derive(Debug, Clone, PartialEq)]
pub struct LostInquiry {
    /// Index into the receptions.
    pub reception: u32,
    pub rule: Rule,
    pub reason: Reason,
}

/// The keywords found of the category that decided a keyword reason, in the order first
/// found; none for a reason decided otherwise (a lost_reason cell naming a category too).
pub fn keywords_of<'m>(
    rule: Rule,
    words: Option<BuyerWords<'m>>,
    matcher: &'m KeywordMatcher,
) -> impl Iterator<Item = &'m str> {
    words.filter(|_| rule == Rule::Keywords).into_iter().flat_map(BuyerWords::keywords).map(|k| matcher.keyword(k))
}

fn rule_reason(id: &str) -> Reason {
    Reason::Rule(RULE_REASONS.iter().position(|r| r.0 == id).unwrap_or(RULE_REASONS.len() - 1))
}

/// docs/definitions.md#lost-inquiries rule 1: a category by id, label or alias; else the cell's own text (a text
/// such as 未回复 is a category of its own: rule reasons are not categories).
pub fn reason_of_cell(cell: &SharedName, categories: &[LostCategory]) -> Reason {
    let text = cell.trim();
    match categories.iter().position(|c| c.id == text || c.label == text || c.aliases.iter().any(|a| a == text)) {
        Some(c) => Reason::Category(c),
        // The reader keeps cells trimmed, so the shared text is the reason's own.
        None if text.len() == cell.len() => Reason::Cell(cell.clone()),
        None => Reason::Cell(SharedName::from(text)),
    }
}

/// The one reason of a lost inquiry (docs/definitions.md#lost-inquiries rules 1–6).
pub fn decide(
    r: &Reception,
    words: Option<BuyerWords<'_>>,
    categories: &[LostCategory],
    slow_response_secs: u32,
) -> (Reason, Rule) {
    if let Some(cell) = &r.lost_reason {
        return (reason_of_cell(cell, categories), Rule::LostReasonCell);
    }
    if !r.received {
        return (rule_reason("no_reply"), Rule::NoReply);
    }
    // Most messages; ties go to the earlier category.
    if let Some(c) = words.and_then(BuyerWords::best_category) {
        return (Reason::Category(c), Rule::Keywords);
    }
    if r.first_response.get().is_some_and(|f| f > f64::from(slow_response_secs)) {
        return (rule_reason("slow_reply"), Rule::SlowReply);
    }
    if r.last_is_agent {
        return (rule_reason("buyer_silent"), Rule::BuyerSilent);
    }
    (rule_reason("other"), Rule::Other)
}

/// Every inquiry of the period that did not convert, with its reason.
pub fn lost_inquiries(
    receptions: &[Reception],
    words: &WordsTable,
    outcomes: &[ReceptionOutcome],
    categories: &[LostCategory],
    period: Period,
    slow_response_secs: u32,
) -> Vec<LostInquiry> {
    super::parallel::filter_map(receptions, |i, r| {
        let lost = period.contains(r.date())
            && outcomes[i].kind == ReceptionType::Inquiry
            && outcomes[i].converting_order.is_none();
        lost.then(|| {
            let (reason, rule) = decide(r, words.get(r.words), categories, slow_response_secs);
            LostInquiry { reception: i as u32, rule, reason }
        })
    })
}

/// Lost inquiries per reason.
pub type ReasonCounts = BTreeMap<Reason, u64>;

/// Counts per reason, and per agent and reason.
pub fn tally<'a>(lost: &[LostInquiry], receptions: &'a [Reception]) -> (ReasonCounts, BTreeMap<&'a str, ReasonCounts>) {
    let mut reasons: BTreeMap<Reason, u64> = BTreeMap::new();
    let mut by_agent: BTreeMap<&str, BTreeMap<Reason, u64>> = BTreeMap::new();
    for l in lost {
        *reasons.entry(l.reason.clone()).or_default() += 1;
        *by_agent.entry(&receptions[l.reception as usize].agent).or_default().entry(l.reason.clone()).or_default() += 1;
    }
    (reasons, by_agent)
}

/// The period's lost inquiries, their reasons and counts, with what their rows are written from.
pub struct Lost<'a> {
    pub period: Period,
    pub receptions: &'a [Reception],
    /// What the receptions keep of the buyers' words.
    pub words: &'a WordsTable,
    /// The names behind the receptions' buyer numbers.
    pub buyers: &'a Buyers,
    pub categories: &'a [LostCategory],
    /// Finds each lost inquiry's keywords when its row is written.
    pub matcher: &'a KeywordMatcher,
    pub lost: Vec<LostInquiry>,
    /// Reasons by count (descending), then rule order.
    pub reasons: Vec<(Reason, u64)>,
    pub by_agent: BTreeMap<&'a str, BTreeMap<Reason, u64>>,
    pub inquiries: u64,
}

/// Lost inquiries of the period with their reasons and counts (docs/definitions.md#lost-inquiries), from the receptions,
/// the buyers' words they keep, and the buyers.
// The receptions, the words they keep and the buyers are three views of one read of the chats.
#[allow(clippy::too_many_arguments)]
pub fn lost_for<'a>(
    receptions: &'a [Reception],
    words: &'a WordsTable,
    buyers: &'a Buyers,
    outcomes: &[crate::compute::conversion::ReceptionOutcome],
    categories: &'a [LostCategory],
    matcher: &'a KeywordMatcher,
    period: Period,
    slow_response_secs: u32,
) -> Lost<'a> {
    let lost = lost_inquiries(receptions, words, outcomes, categories, period, slow_response_secs);
    let (counts, by_agent) = tally(&lost, receptions);
    let mut reasons: Vec<(Reason, u64)> = counts.into_iter().collect();
    reasons.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    // Inquiries counted as receptions, as lost ones are (docs/definitions.md#lost-inquiries).
    let inquiries = receptions
        .iter()
        .zip(outcomes)
        .filter(|(r, o)| period.contains(r.date()) && o.kind == crate::compute::conversion::ReceptionType::Inquiry)
        .count() as u64;
    Lost { period, receptions, words, buyers, categories, matcher, lost, reasons, by_agent, inquiries }
}

/// The JSON name of a reason: the category id, a rule reason's id, or a cell's own text.
pub fn reason_id(r: &Reason, categories: &[LostCategory]) -> String {
    match r {
        Reason::Category(i) => categories[*i].id.clone(),
        Reason::Rule(i) => RULE_REASONS[*i].0.to_string(),
        Reason::Cell(text) => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compute::keywords::{WordTally, WordsRef};
    use crate::config::default_lost_categories;
    use chrono::NaiveDate;

    fn reception(received: bool, first: Option<f64>, last_is_agent: bool, cell: Option<&str>) -> Reception {
        let t = NaiveDate::from_ymd_opt(2026, 10, 3).unwrap().and_hms_opt(9, 0, 0).unwrap();
        Reception {
            agent: "小王".into(),
            buyer: crate::buyers::Buyers::default().id("amy"),
            shop: crate::shops::ShopId::UNNAMED,
            start: t,
            span_secs: 0,
            buyer_messages: 2,
            agent_messages: u32::from(received),
            has_buyer_message: true,
            received,
            first_response: first.into(),
            response_sum: first.unwrap_or(0.0),
            answered_turns: u32::from(first.is_some()),
            unanswered_turns: 0,
            last_is_agent,
            lost_reason: cell.map(Into::into),
            from_session: false,
            words: None,
            rates: Default::default(),
        }
    }

    /// The words of one reception, in a table of their own.
    fn words(messages: &[&str], matcher: &KeywordMatcher) -> (WordsTable, Option<WordsRef>) {
        let mut table = WordsTable::default();
        let at = tally(messages, matcher).finish(matcher, &mut table);
        (table, at)
    }

    fn tally(messages: &[&str], matcher: &KeywordMatcher) -> WordTally {
        let t = NaiveDate::from_ymd_opt(2026, 10, 3).unwrap().and_hms_opt(9, 0, 0).unwrap();
        let mut w = WordTally::default();
        let mut quotes = crate::quotes::Quotes::in_memory();
        let (mut c, mut k) = (Vec::new(), Vec::new());
        for m in messages {
            matcher.scan(m, &mut c, &mut k);
            w.add(t, m, &c, &k, &mut quotes);
        }
        w
    }

    #[test]
    fn every_rule_in_order() {
        let cats = default_lost_categories();
        let m = KeywordMatcher::new(&cats);
        let id = |r: &Reason| match r {
            Reason::Category(i) => cats[*i].id.clone(),
            Reason::Rule(i) => RULE_REASONS[*i].0.to_string(),
            Reason::Cell(s) => s.to_string(),
        };
        // 1. The cell wins over keywords; an alias maps to its category; unknown text is its own.
        let (table, at) = words(&["包邮吗"], &m);
        let w = table.get(at);
        let (r, rule) = decide(&reception(true, Some(10.0), false, Some("嫌贵")), w, &cats, 120);
        assert_eq!((id(&r), rule), ("price".to_string(), Rule::LostReasonCell));
        let (r, _) = decide(&reception(true, None, false, Some("老板不在")), None, &cats, 120);
        assert_eq!(r, Reason::Cell("老板不在".into()));
        // 2. No agent message at all, even with keywords.
        let (r, rule) = decide(&reception(false, None, false, None), w, &cats, 120);
        assert_eq!((id(&r), rule), ("no_reply".to_string(), Rule::NoReply));
        // 3. Keywords: two postage messages beat one price message.
        let (table, at) = words(&["能便宜点吗", "包邮吗", "运费多少"], &m);
        let w = table.get(at);
        let (r, rule) = decide(&reception(true, Some(10.0), false, None), w, &cats, 120);
        assert_eq!((id(&r), rule), ("postage".to_string(), Rule::Keywords));
        assert_eq!(keywords_of(rule, w, &m).collect::<Vec<_>>(), ["包邮", "运费"]);
        // A lost_reason cell naming a category decides it, without keywords.
        let (r, rule) = decide(&reception(true, Some(10.0), false, Some("postage")), w, &cats, 120);
        assert_eq!((id(&r), rule), ("postage".to_string(), Rule::LostReasonCell));
        assert_eq!(keywords_of(rule, w, &m).count(), 0);
        // A tie goes to the earlier category (price before postage).
        let (table, at) = words(&["便宜点", "包邮吗"], &m);
        let w = table.get(at);
        assert_eq!(id(&decide(&reception(true, Some(10.0), false, None), w, &cats, 120).0), "price");
        // 4–6.
        let (table, at) = words(&["你好"], &m);
        let none = table.get(at);
        assert_eq!(decide(&reception(true, Some(121.0), true, None), none, &cats, 120).1, Rule::SlowReply);
        assert_eq!(decide(&reception(true, Some(120.0), true, None), none, &cats, 120).1, Rule::BuyerSilent);
        assert_eq!(decide(&reception(true, Some(5.0), false, None), none, &cats, 120).1, Rule::Other);
    }

    #[test]
    fn a_message_scores_once_per_category() {
        let cats = default_lost_categories();
        let m = KeywordMatcher::new(&cats);
        let w = tally(&["优惠券能打折吗 便宜点"], &m);
        assert_eq!(w.messages_of(0), 1, "three price keywords in one message count once");
    }
}
