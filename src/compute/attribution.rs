//! docs/definitions.md#attribution: who sold an order. One chain for every command; the first source that
//! yields an agent wins, and every attribution keeps its evidence.

use super::agents::AgentDirectory;
use crate::buyers::BuyerId;
use crate::config::AttributionSource;
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
}

impl Attribution {
    pub const NONE: Attribution = Attribution { agent: None, source: None, reception_start: None };
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
            names,
        }
    }

    pub fn attribute(&mut self, order: &Order) -> Attribution {
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
                AttributionSource::Chat => self.chat_agent(order).map(|(name, start)| (name, Some(start))),
            };
            if let Some((agent, reception_start)) = found {
                return Attribution { agent: Some(agent), source: Some(source), reception_start };
            }
        }
        Attribution::NONE
    }

    fn memo_agent(&self, memo: &str) -> Option<SharedName> {
        let (automaton, agents) = self.memo.as_ref()?;
        automaton.find(memo).map(|m| agents[m.pattern().as_usize()].clone())
    }

    fn chat_agent(&self, order: &Order) -> Option<(SharedName, NaiveDateTime)> {
        let lookup = self.receptions?;
        let buyer = order.buyer?;
        let at = order.created_at.or(order.paid_at)?;
        // Reception agents are report names already.
        lookup.last_reception_before(buyer, at, self.window)
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
        let mut a = Attributor::new(&CHAIN, &dir, &BTreeSet::new(), None, 48);
        let got = a.attribute(&order(Some("店铺:东东"), Some("小王")));
        assert_eq!((got.agent.as_deref(), got.source), (Some("东东"), Some(AttributionSource::AgentColumn)));
    }

    #[test]
    fn memo_takes_the_earliest_name_and_ignores_one_character_names() {
        let dir = directory();
        let mut a = Attributor::new(&CHAIN, &dir, &BTreeSet::new(), None, 48);
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
        let mut a = Attributor::new(&CHAIN, &dir, &seen, None, 48);
        assert_eq!(a.attribute(&order(None, Some("阿杰跟进"))).agent.as_deref(), Some("阿杰"));
    }

    #[test]
    fn chain_order_is_configurable() {
        let dir = directory();
        let chain = [AttributionSource::Memo, AttributionSource::AgentColumn];
        let mut a = Attributor::new(&chain, &dir, &BTreeSet::new(), None, 48);
        let got = a.attribute(&order(Some("东东"), Some("小王")));
        assert_eq!((got.agent.as_deref(), got.source), (Some("小王"), Some(AttributionSource::Memo)));
    }
}
