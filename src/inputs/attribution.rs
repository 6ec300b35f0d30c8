//! The attribution of every order (docs/definitions.md#attribution), with the chats' receptions indexed by buyer.

use crate::buyers::BuyerId;
use crate::compute::agents::AgentDirectory;
use crate::compute::attribution::{Attribution, Attributor, ReceptionLookup};
use crate::compute::by_buyer::ByBuyer;
use crate::compute::receptions::Reception;
use crate::config::{AttributionRule, LoadedConfig};
use crate::model::{Order, SharedName};
use chrono::{Duration, NaiveDateTime};
use std::collections::BTreeSet;

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

/// Every order's attribution under the config's rule and, when that rule is not `order`, its
/// agent under the `order` rule, which conversion follows (docs/definitions.md#attribution-rules).
pub struct Attributed {
    pub attributions: Vec<Attribution>,
    /// None: the rule is `order`, and `attributions` are the order rule's too.
    pub by_order_rule: Option<Vec<Option<SharedName>>>,
}

/// The attribution of every order (paid or not, any date): conversion needs the unpaid
/// and the out-of-period ones too. Each order is attributed once under each rule needed: the
/// `order` rule's chain is run again only for the orders the chat source (or a source after
/// it) attributed, or none did.
pub fn attribute_all(
    orders: &[Order],
    receptions: &[Reception],
    directory: &AgentDirectory,
    loaded: &LoadedConfig,
) -> Attributed {
    // Names seen in agent columns and chats are the names a memo is searched for.
    let mut seen: BTreeSet<String> =
        orders.iter().filter_map(|o| o.agent.as_deref()).filter_map(|a| directory.resolve(a)).collect();
    seen.extend(receptions.iter().map(|r| r.agent.to_string()));
    let index = ReceptionIndex::new(receptions);
    let lookup: Option<&dyn ReceptionLookup> = (!receptions.is_empty()).then_some(&index as &dyn ReceptionLookup);
    let config = &loaded.config;
    let rule = config.attribution_rule;
    let mut attributor =
        Attributor::new(&config.attribution, directory, &seen, lookup, config.attribution_window_hours, rule);
    let attributions: Vec<Attribution> = orders.iter().map(|o| attributor.attribute(o)).collect();
    // Without chats every rule gives the same.
    let by_order_rule = (rule != AttributionRule::Order && lookup.is_some()).then(|| {
        orders
            .iter()
            .zip(&attributions)
            .map(|(o, a)| {
                if attributor.before_chat(a) {
                    a.agent.clone()
                } else {
                    attributor.attribute_by(o, AttributionRule::Order).agent
                }
            })
            .collect()
    });
    Attributed { attributions, by_order_rule }
}
