//! The attribution of every order (docs/definitions.md#attribution), with the chats' receptions indexed by buyer.

use crate::buyers::BuyerId;
use crate::compute::agents::AgentDirectory;
use crate::compute::attribution::{Attribution, Attributor, ReceptionLookup};
use crate::compute::by_buyer::ByBuyer;
use crate::compute::receptions::Reception;
use crate::config::LoadedConfig;
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

/// The attribution of every order (paid or not, any date): conversion needs the unpaid
/// and the out-of-period ones too.
pub fn attribute_all(
    orders: &[Order],
    receptions: &[Reception],
    directory: &AgentDirectory,
    loaded: &LoadedConfig,
) -> Vec<Attribution> {
    // Names seen in agent columns and chats are the names a memo is searched for.
    let mut seen: BTreeSet<String> =
        orders.iter().filter_map(|o| o.agent.as_deref()).filter_map(|a| directory.resolve(a)).collect();
    seen.extend(receptions.iter().map(|r| r.agent.to_string()));
    let index = ReceptionIndex::new(receptions);
    let lookup: Option<&dyn ReceptionLookup> = (!receptions.is_empty()).then_some(&index as &dyn ReceptionLookup);
    let config = &loaded.config;
    let mut attributor =
        Attributor::new(&config.attribution, directory, &seen, lookup, config.attribution_window_hours);
    orders.iter().map(|o| attributor.attribute(o)).collect()
}
