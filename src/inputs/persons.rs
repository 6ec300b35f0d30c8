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

/// The persons kept apart across shops: each (shop, sub-account name) that is a person of its
/// own, with the name it goes by.
#[derive(Debug, Default)]
pub struct PersonsApart {
    pub split: Vec<SplitName>,
    renamed: BTreeMap<(ShopId, String), SharedName>,
}

impl PersonsApart {
    /// The name of the person `raw` (a sub-account or a report name) of `shop` goes by, when
    /// kept apart.
    pub fn person(&self, shop: ShopId, raw: &str) -> Option<&SharedName> {
        if self.renamed.is_empty() {
            return None;
        }
        self.renamed.get(&(shop, normalize_name(raw).to_string()))
    }

    /// Which names must not merge across shops, from every (shop, agent) found in the orders'
    /// 客服 column (raw names) and the receptions (report names).
    pub fn find<'a>(
        shops: &Shops,
        agents: impl Iterator<Item = (ShopId, &'a str)>,
        directory: &AgentDirectory,
    ) -> PersonsApart {
        if shops.named_count() < 2 {
            return PersonsApart::default();
        }
        // Each (shop, agent) once: rows come in runs of one agent, and agents are few.
        let mut pairs: rustc_hash::FxHashSet<(ShopId, &str)> = Default::default();
        let mut last: Option<(ShopId, &str)> = None;
        for pair in agents {
            if last != Some(pair) {
                pairs.insert(pair);
                last = Some(pair);
            }
        }
        // Name → shop → whether some row of the name in that shop is named by no `[agents]` line.
        let mut seen: BTreeMap<String, BTreeMap<ShopId, bool>> = BTreeMap::new();
        for (shop, raw) in pairs {
            let name = normalize_name(raw);
            let shop_name = shops.name(shop);
            if shop_name.is_empty() || name.is_empty() {
                continue;
            }
            let unmapped = !directory.maps_in(shop_name, raw);
            *seen.entry(name.to_string()).or_default().entry(shop).or_default() |= unmapped;
        }
        seen.retain(|_, by_shop| by_shop.len() >= 2 && by_shop.values().any(|&u| u));
        let mut renamed = BTreeMap::new();
        let mut split = Vec::new();
        for (name, by_shop) in seen {
            for (&shop, &unmapped) in &by_shop {
                if unmapped {
                    renamed.insert((shop, name.clone()), SharedName::from(person_in_shop(&name, shops.name(shop))));
                }
            }
            let mut names: Vec<String> = by_shop.keys().map(|&s| shops.name(s).to_string()).collect();
            names.sort();
            split.push(SplitName { name, shops: names });
        }
        PersonsApart { split, renamed }
    }

    /// The person's name in place of the sub-account's (`raw`, of `shop`), when kept apart.
    pub fn rename(&self, shop: ShopId, raw: &str, directory: &AgentDirectory, shops: &Shops) -> Option<SharedName> {
        let person = self.person(shop, raw)?;
        (!directory.maps_in(shops.name(shop), raw)).then(|| person.clone())
    }

    /// Say on stderr each name kept apart, with the line that would make it one person.
    pub fn say(&self) {
        for s in &self.split {
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
    }
}

/// Rename, in `orders` (raw names) and `receptions` (report names), each sub-account that
/// must not merge with the same name in another shop (said on stderr); the persons so kept
/// apart.
pub fn split_persons(
    shops: &Shops,
    orders: &mut [Order],
    receptions: &mut [Reception],
    directory: &AgentDirectory,
) -> PersonsApart {
    let agents = orders
        .iter()
        .filter_map(|o| o.agent.as_deref().map(|a| (o.shop_id, a)))
        .chain(receptions.iter().map(|r| (r.shop, &*r.agent)));
    let apart = PersonsApart::find(shops, agents, directory);
    if apart.split.is_empty() {
        return apart;
    }
    for o in orders.iter_mut() {
        if let Some(new) = o.agent.as_deref().and_then(|a| apart.rename(o.shop_id, a, directory, shops)) {
            o.agent = Some(new);
        }
    }
    for r in receptions.iter_mut() {
        if let Some(new) = apart.rename(r.shop, &r.agent, directory, shops) {
            r.agent = new;
        }
    }
    apart.say();
    apart
}
