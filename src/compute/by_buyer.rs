//! Items (orders, receptions) grouped by buyer name, each buyer's in time order: how an
//! order finds its buyer's receptions (attribution, SPEC §4.3) and a reception its buyer's
//! orders (conversion, SPEC §4.4). A month has about a million buyers, so the groups are
//! numbers all the way: a table of group numbers (4 bytes a slot, the name compared through
//! one item of the group, never stored), each group's start, and one vector of item numbers.
//! A map from name to a vector per buyer cost five times the memory.

use hashbrown::HashTable;
use std::hash::BuildHasher;

pub struct ByBuyer<'a, T> {
    /// Group numbers, found by the hash of the buyer's name.
    groups: HashTable<u32>,
    /// Per group: one of its items (its name is the group's) and where its items start in
    /// `items`; one more start at the end.
    representative: Vec<u32>,
    starts: Vec<u32>,
    items: Vec<u32>,
    source: &'a [T],
    name_of: fn(&T) -> &str,
}

fn hash(name: &str) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(name)
}

impl<'a, T> ByBuyer<'a, T> {
    /// `items` yields the numbers (in `source`) of the items that have a buyer, in order;
    /// `name_of` gives an item's buyer, `time_of` orders a buyer's items (equal times: item
    /// order).
    pub fn new<K: Ord>(
        source: &'a [T],
        items: impl Iterator<Item = u32> + Clone,
        name_of: fn(&T) -> &str,
        time_of: impl Fn(&T) -> K,
    ) -> Self {
        let name = |i: u32| name_of(&source[i as usize]);
        let mut groups: HashTable<u32> = HashTable::new();
        let mut representative: Vec<u32> = Vec::new();
        let mut counts: Vec<u32> = Vec::new();
        let mut group_of: Vec<u32> = Vec::new();
        for item in items.clone() {
            let buyer = name(item);
            let group = *groups
                .entry(
                    hash(buyer),
                    |&g| name(representative[g as usize]) == buyer,
                    |&g| hash(name(representative[g as usize])),
                )
                .or_insert_with(|| {
                    representative.push(item);
                    counts.push(0);
                    (representative.len() - 1) as u32
                })
                .get();
            counts[group as usize] += 1;
            group_of.push(group);
        }
        // Each group's start; `counts` becomes each group's next free slot.
        let mut starts = Vec::with_capacity(counts.len() + 1);
        let mut total = 0u32;
        for count in &mut counts {
            starts.push(total);
            total += *count;
            *count = total - *count;
        }
        starts.push(total);
        let mut placed = vec![0u32; total as usize];
        for (item, group) in items.zip(group_of) {
            let slot = &mut counts[group as usize];
            placed[*slot as usize] = item;
            *slot += 1;
        }
        for range in starts.windows(2) {
            placed[range[0] as usize..range[1] as usize].sort_by_key(|&i| time_of(&source[i as usize]));
        }
        ByBuyer { groups, representative, starts, items: placed, source, name_of }
    }

    /// The buyer's items in time order (empty for a buyer never seen).
    pub fn of(&self, buyer: &str) -> &[u32] {
        let name = |g: u32| (self.name_of)(&self.source[self.representative[g as usize] as usize]);
        let found = self.groups.find(hash(buyer), |&g| name(g) == buyer);
        found.map_or(&[], |&g| &self.items[self.starts[g as usize] as usize..self.starts[g as usize + 1] as usize])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_buyer_has_its_items_by_time_and_ties_in_item_order() {
        // (buyer, time) of items 0..6.
        let items = [("amy", 5), ("bob", 1), ("amy", 2), ("amy", 5), ("cat", 9), ("amy", 1)];
        let grouped = ByBuyer::new(&items, 0..items.len() as u32, |item| item.0, |item| item.1);
        assert_eq!(grouped.of("amy"), [5, 2, 0, 3]);
        assert_eq!(grouped.of("bob"), [1]);
        assert_eq!(grouped.of("cat"), [4]);
        assert!(grouped.of("dan").is_empty());
    }
}
