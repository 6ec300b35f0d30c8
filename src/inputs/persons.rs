//! Persons across shops (docs/definitions.md#shops): the same sub-account name in two named
//! shops, not named by an `[agents]` line in each, is two persons, each named with its shop
//! (`小王（木子家居旗舰店）`), and listed with the config line that would make them one.

use crate::compute::agents::{AgentDirectory, normalize_name};
use crate::compute::receptions::Reception;
use crate::model::{Order, SharedName};
use crate::shops::{ShopId, Shops};
use std::collections::BTreeMap;

/// A sub-account name kept apart per shop: the name and every named shop it was found in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitName {
    pub name: String,
    pub shops: Vec<String>,
}

impl SplitName {
    /// The `[agents]` line that makes them one person: `"小王" = ["店甲:小王", "店乙:小王"]`.
    pub fn config_line(&self) -> String {
        let subs: Vec<String> = self.shops.iter().map(|s| format!("\"{s}:{}\"", self.name)).collect();
        format!("\"{}\" = [{}]", self.name, subs.join(", "))
    }
}

/// The person of a sub-account kept apart: `小王（木子家居旗舰店）`.
pub fn person_in_shop(name: &str, shop: &str) -> String {
    format!("{name}（{shop}）")
}

/// Rename, in `orders` (raw names) and `receptions` (report names), each sub-account that
/// must not merge with the same name in another shop; the names so kept apart.
pub fn split_persons(
    shops: &Shops,
    orders: &mut [Order],
    receptions: &mut [Reception],
    directory: &AgentDirectory,
) -> Vec<SplitName> {
    if shops.named_count() < 2 {
        return Vec::new();
    }
    // Name → shop → whether some row of the name in that shop is named by no `[agents]` line.
    let mut seen: BTreeMap<String, BTreeMap<ShopId, bool>> = BTreeMap::new();
    let mut note = |shop: ShopId, raw: &str| {
        let name = normalize_name(raw);
        let shop_name = shops.name(shop);
        if shop_name.is_empty() || name.is_empty() {
            return;
        }
        let unmapped = !directory.maps_in(shop_name, raw);
        *seen.entry(name.to_string()).or_default().entry(shop).or_default() |= unmapped;
    };
    for o in orders.iter() {
        if let Some(a) = &o.agent {
            note(o.shop_id, a);
        }
    }
    for r in receptions.iter() {
        note(r.shop, &r.agent);
    }
    seen.retain(|_, by_shop| by_shop.len() >= 2 && by_shop.values().any(|&u| u));
    if seen.is_empty() {
        return Vec::new();
    }
    let renamed = |shop: ShopId, raw: &str| -> Option<SharedName> {
        let name = normalize_name(raw);
        let unmapped = *seen.get(name)?.get(&shop)?;
        (unmapped && !directory.maps_in(shops.name(shop), raw))
            .then(|| SharedName::from(person_in_shop(name, shops.name(shop))))
    };
    for o in orders.iter_mut() {
        if let Some(new) = o.agent.as_deref().and_then(|a| renamed(o.shop_id, a)) {
            o.agent = Some(new);
        }
    }
    for r in receptions.iter_mut() {
        if let Some(new) = renamed(r.shop, &r.agent) {
            r.agent = new;
        }
    }
    let mut split: Vec<SplitName> = seen
        .into_iter()
        .map(|(name, by_shop)| {
            let mut shops: Vec<String> = by_shop.keys().map(|&s| shops.name(s).to_string()).collect();
            shops.sort();
            SplitName { name, shops }
        })
        .collect();
    split.sort_by(|a, b| a.name.cmp(&b.name));
    for s in &split {
        eprintln!(
            "{}",
            msg!(
                "reading.note.persons_split",
                name = &s.name,
                shops = s.shops.join(&msg!("run.sep.list")),
                line = s.config_line()
            )
        );
    }
    split
}
