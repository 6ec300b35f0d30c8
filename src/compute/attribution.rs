//! docs/definitions.md#attribution: who sold an order. One chain for every command; the first source that
//! yields an agent wins, and every attribution keeps its evidence.

use super::agents::AgentDirectory;
use crate::buyers::BuyerId;
use crate::config::{AttributionRule, AttributionSource};
use crate::model::{Order, SharedName, SharedNames};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use chrono::{Duration, NaiveDateTime};
use std::collections::BTreeSet;

/// The agent of an order, the source that named it, and what the source saw.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribution {
    pub agent: Option<SharedName>,
    pub source: Option<AttributionSource>,
    /// For `chat`: the start of the reception that took the order.
    pub reception_start: Option<NaiveDateTime>,
    /// For `chat`: the rule whose reception it is, `Order` (before the order was created) or
    /// `Payment` (before it was paid); `order_first` says which of the two found it.
    pub rule: Option<AttributionRule>,
}

impl Attribution {
    pub const NONE: Attribution = Attribution { agent: None, source: None, reception_start: None, rule: None };
}

/// Each order's agent (None: 未归属) twice over (docs/definitions.md#attribution-rules): who
/// sold it under the attribution rule (sales, 客单价, commission, payment and refund rates), and
/// under the `order` rule, whose inquiry it converts (conversion keeps that rule whatever the
/// config says). Under the `order` rule the two are one list.
pub struct OrderAgents<'a> {
    sold: Vec<Option<&'a str>>,
    converting: Option<Vec<Option<&'a str>>>,
}

impl<'a> OrderAgents<'a> {
    /// `converting`: the agents under the `order` rule when they may differ from `sold`.
    pub fn new(sold: Vec<Option<&'a str>>, converting: Option<Vec<Option<&'a str>>>) -> Self {
        OrderAgents { sold, converting }
    }

    /// The agent who sold each order (the attribution rule).
    pub fn sold(&self) -> &[Option<&'a str>] {
        &self.sold
    }

    /// The agent whose inquiry each order converts (the `order` rule).
    pub fn converting(&self) -> &[Option<&'a str>] {
        self.converting.as_deref().unwrap_or(&self.sold)
    }
}

/// The chat source's question, answered by the receptions of the chats issue: the agent
/// of the buyer's latest reception whose first message is in `[at − window, at]`.
pub trait ReceptionLookup {
    fn last_reception_before(
        &self,
        buyer: BuyerId,
        at: NaiveDateTime,
        window: Duration,
    ) -> Option<(SharedName, NaiveDateTime)>;
}

pub struct Attributor<'a> {
    chain: Vec<AttributionSource>,
    directory: &'a AgentDirectory,
    memo: Option<(AhoCorasick, Vec<SharedName>)>,
    receptions: Option<&'a dyn ReceptionLookup>,
    window: Duration,
    rule: AttributionRule,
    names: SharedNames,
}

impl<'a> Attributor<'a> {
    /// `seen_agents`: names met in agent columns and chats, already resolved; with the
    /// config's agents and aliases they are the names a memo is searched for.
    pub fn new(
        chain: &[AttributionSource],
        directory: &'a AgentDirectory,
        seen_agents: &BTreeSet<String>,
        receptions: Option<&'a dyn ReceptionLookup>,
        window_hours: u32,
        rule: AttributionRule,
    ) -> Self {
        let mut names = SharedNames::default();
        let mut patterns: Vec<(String, SharedName)> = Vec::new();
        for (name, aliases) in directory.configured() {
            let agent = names.get(name);
            patterns.push((name.clone(), agent.clone()));
            for alias in aliases {
                patterns.push((alias.clone(), agent.clone()));
                let short = super::agents::normalize_name(alias);
                if short != alias {
                    patterns.push((short.to_string(), agent.clone()));
                }
            }
        }
        for name in seen_agents {
            let agent = names.get(name);
            patterns.push((name.clone(), agent));
        }
        // docs/definitions.md#attribution: a name or alias must be at least two characters to count in a memo; a "name"
        // of more than 64 is a broken cell, not a name to look for.
        patterns.retain(|(p, _)| (2..=64).contains(&p.chars().count()));
        patterns.sort();
        patterns.dedup_by(|a, b| a.0 == b.0);
        let memo = (!patterns.is_empty()).then(|| {
            // Leftmost-longest: the earliest name in the memo; at one position the longer.
            let automaton = AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .ascii_case_insensitive(true)
                .build(patterns.iter().map(|(p, _)| p.as_str()))
                .expect("agent names always build an automaton");
            (automaton, patterns.into_iter().map(|(_, a)| a).collect())
        });
        Attributor {
            chain: chain.to_vec(),
            directory,
            memo,
            receptions,
            window: Duration::hours(i64::from(window_hours)),
            rule,
            names,
        }
    }

    /// The order's attribution under the configured rule.
    pub fn attribute(&mut self, order: &Order) -> Attribution {
        self.attribute_by(order, self.rule)
    }

    /// The order's attribution under `rule` (which changes only the chat source).
    pub fn attribute_by(&mut self, order: &Order, rule: AttributionRule) -> Attribution {
        for source in self.chain.clone() {
            let found = match source {
                AttributionSource::AgentColumn => order
                    .agent
                    .as_deref()
                    .and_then(|raw| self.directory.resolve(raw))
                    .map(|name| (self.names.get(&name), None)),
                AttributionSource::Memo => {
                    order.memo.as_deref().and_then(|memo| self.memo_agent(memo)).map(|a| (a, None))
                }
                AttributionSource::Chat => {
                    self.chat_agent(order, rule).map(|(name, start, by)| (name, Some((start, by))))
                }
            };
            if let Some((agent, chat)) = found {
                return Attribution {
                    agent: Some(agent),
                    source: Some(source),
                    reception_start: chat.map(|(start, _)| start),
                    rule: chat.map(|(_, by)| by),
                };
            }
        }
        Attribution::NONE
    }

    /// Whether `attribution` (under the configured rule) came from a source tried before the
    /// chat source: then every rule gives the same.
    pub fn before_chat(&self, attribution: &Attribution) -> bool {
        let at = |s: Option<AttributionSource>| s.and_then(|s| self.chain.iter().position(|c| *c == s));
        match (at(attribution.source), at(Some(AttributionSource::Chat))) {
            (Some(found), Some(chat)) => found < chat,
            (Some(_), None) => true,
            _ => false,
        }
    }

    fn memo_agent(&self, memo: &str) -> Option<SharedName> {
        let (automaton, agents) = self.memo.as_ref()?;
        automaton.find(memo).map(|m| agents[m.pattern().as_usize()].clone())
    }

    /// The chat source under `rule` (docs/definitions.md#attribution-rules): the agent, the start of
    /// the reception, and the rule (order or payment) whose reception it is.
    fn chat_agent(&self, order: &Order, rule: AttributionRule) -> Option<(SharedName, NaiveDateTime, AttributionRule)> {
        let lookup = self.receptions?;
        let buyer = order.buyer?;
        // Reception agents are report names already.
        let before = |at: NaiveDateTime| lookup.last_reception_before(buyer, at, self.window);
        // 下单判定: before the order was created (no created time: the paid time).
        let by_order =
            || order.created_at.or(order.paid_at).and_then(before).map(|(a, t)| (a, t, AttributionRule::Order));
        // 付款判定: before it was paid. An unpaid order (or one paid by its status alone) has
        // no payment to go by: it is taken by its creation, as under `order`.
        let by_payment = || match order.paid_at.filter(|_| order.state != crate::model::OrderState::Unpaid) {
            Some(paid) => before(paid).map(|(a, t)| (a, t, AttributionRule::Payment)),
            None => by_order(),
        };
        match rule {
            AttributionRule::Order => by_order(),
            AttributionRule::Payment => by_payment(),
            AttributionRule::OrderFirst => by_order().or_else(by_payment),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use rust_decimal::Decimal;
    use std::collections::BTreeMap;

    fn order(agent: Option<&str>, memo: Option<&str>) -> Order {
        Order {
            id: "1".into(),
            buyer: None,
            paid_amount: Decimal::from(10),
            refund_amount: None,
            created_at: None,
            paid_at: None,
            agent: agent.map(Into::into),
            memo: memo.map(Into::into),
            shop: None,
            shop_id: crate::shops::ShopId::UNNAMED,
            postage: Decimal::ZERO,
            state: crate::model::OrderState::Paid,
            paid_by_status: false,
        }
    }

    fn directory() -> AgentDirectory {
        let mut t = BTreeMap::new();
        t.insert("小王".to_string(), vec!["工号07".to_string(), "wang".to_string()]);
        t.insert("东东".to_string(), vec!["dd01".to_string()]);
        t.insert("王".to_string(), vec![]);
        AgentDirectory::new(&t)
    }

    const CHAIN: [AttributionSource; 3] =
        [AttributionSource::AgentColumn, AttributionSource::Memo, AttributionSource::Chat];

    #[test]
    fn agent_column_wins_over_memo() {
        let dir = directory();
        let mut a = Attributor::new(&CHAIN, &dir, &BTreeSet::new(), None, 48, AttributionRule::Order);
        let got = a.attribute(&order(Some("店铺:东东"), Some("小王")));
        assert_eq!((got.agent.as_deref(), got.source), (Some("东东"), Some(AttributionSource::AgentColumn)));
    }

    #[test]
    fn memo_takes_the_earliest_name_and_ignores_one_character_names() {
        let dir = directory();
        let mut a = Attributor::new(&CHAIN, &dir, &BTreeSet::new(), None, 48, AttributionRule::Order);
        let got = a.attribute(&order(None, Some("王 先发 dd01 再 工号07")));
        assert_eq!((got.agent.as_deref(), got.source), (Some("东东"), Some(AttributionSource::Memo)));
        let got = a.attribute(&order(Some("  "), Some("WANG 已核对")));
        assert_eq!(got.agent.as_deref(), Some("小王"));
        assert_eq!(a.attribute(&order(None, Some("王 加急"))), Attribution::NONE);
    }

    #[test]
    fn memo_knows_agents_seen_in_agent_columns() {
        let dir = directory();
        let seen: BTreeSet<String> = ["阿杰".to_string()].into();
        let mut a = Attributor::new(&CHAIN, &dir, &seen, None, 48, AttributionRule::Order);
        assert_eq!(a.attribute(&order(None, Some("阿杰跟进"))).agent.as_deref(), Some("阿杰"));
    }

    #[test]
    fn chain_order_is_configurable() {
        let dir = directory();
        let chain = [AttributionSource::Memo, AttributionSource::AgentColumn];
        let mut a = Attributor::new(&chain, &dir, &BTreeSet::new(), None, 48, AttributionRule::Order);
        let got = a.attribute(&order(Some("东东"), Some("小王")));
        assert_eq!((got.agent.as_deref(), got.source), (Some("小王"), Some(AttributionSource::Memo)));
    }

    /// Receptions as (agent, start), one buyer's.
    struct Starts(Vec<(&'static str, NaiveDateTime)>);

    impl ReceptionLookup for Starts {
        fn last_reception_before(
            &self,
            _buyer: BuyerId,
            at: NaiveDateTime,
            window: Duration,
        ) -> Option<(SharedName, NaiveDateTime)> {
            let (agent, start) = self.0.iter().filter(|(_, s)| *s <= at).max_by_key(|(_, s)| *s)?;
            (*start >= at - window).then(|| (SharedName::from(*agent), *start))
        }
    }

    fn at(day: u32, hour: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 10, day).unwrap().and_hms_opt(hour, 0, 0).unwrap()
    }

    #[test]
    fn each_rule_takes_its_reception_and_an_unpaid_order_goes_by_its_creation() {
        let dir = directory();
        // 小王 before the order (10-05 10:00), 东东 after it and before payment (10-06 09:00).
        let chats = Starts(vec![("小王", at(5, 10)), ("东东", at(6, 9))]);
        let mut buyers = crate::buyers::Buyers::default();
        let mut o = order(None, None);
        o.buyer = Some(buyers.id("xia"));
        (o.created_at, o.paid_at) = (Some(at(5, 11)), Some(at(6, 10)));
        let got = |rule, o: &Order| {
            let mut a = Attributor::new(&CHAIN, &dir, &BTreeSet::new(), Some(&chats), 48, rule);
            let got = a.attribute(o);
            (got.agent.map(|a| a.to_string()), got.rule)
        };
        let some = |a: &str, r| (Some(a.to_string()), Some(r));
        assert_eq!(got(AttributionRule::Order, &o), some("小王", AttributionRule::Order));
        assert_eq!(got(AttributionRule::Payment, &o), some("东东", AttributionRule::Payment));
        assert_eq!(got(AttributionRule::OrderFirst, &o), some("小王", AttributionRule::Order));
        // Created before any chat: only the payment finds one.
        o.created_at = Some(at(5, 9));
        assert_eq!(got(AttributionRule::Order, &o), (None, None));
        assert_eq!(got(AttributionRule::OrderFirst, &o), some("东东", AttributionRule::Payment));
        // Unpaid: no payment to go by, so by its creation under every rule.
        (o.created_at, o.paid_at, o.state) = (Some(at(5, 11)), None, crate::model::OrderState::Unpaid);
        assert_eq!(got(AttributionRule::Payment, &o), some("小王", AttributionRule::Order));
        // Outside the window (48 h) before payment: nothing.
        (o.created_at, o.paid_at, o.state) = (Some(at(1, 9)), Some(at(9, 10)), crate::model::OrderState::Paid);
        assert_eq!(got(AttributionRule::Payment, &o), (None, None));
    }
}
