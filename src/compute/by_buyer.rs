//! Items (orders, receptions) grouped by buyer name, each buyer's in time order: how an
//! order finds its buyer's receptions (attribution, SPEC §4.3) and a reception its buyer's
//! orders (conversion, SPEC §4.4). A month has about a million buyers, so the groups share
//! one vector of item numbers and one table of ranges: a vector per buyer cost three times
//! the memory (its header, its allocation and the allocator's overhead, a million times).

use rustc_hash::FxHashMap as HashMap;

pub struct ByBuyer<'a> {
    /// Per buyer: (start, length) of its items in `items`.
    ranges: HashMap<&'a str, (u32, u32)>,
    items: Vec<u32>,
}

impl<'a> ByBuyer<'a> {
    /// `entries` yields (buyer, item number) in item order; it is called twice (once to
    /// count each buyer's items, once to place them), so nothing is collected in between.
    /// `time_of` orders a buyer's items; equal times keep item order.
    pub fn new<I, T: Ord>(entries: impl Fn() -> I, time_of: impl Fn(u32) -> T) -> Self
    where
        I: Iterator<Item = (&'a str, u32)>,
    {
        let mut ranges: HashMap<&'a str, (u32, u32)> = HashMap::default();
        for (buyer, _) in entries() {
            ranges.entry(buyer).or_default().1 += 1;
        }
        // Each range ends where the next starts; its start is first the end and moves back
        // as the items are placed, so that it is the start once all are.
        let mut total = 0u32;
        for range in ranges.values_mut() {
            total += range.1;
            *range = (total, total);
        }
        let mut items = vec![0u32; total as usize];
        for (buyer, item) in entries() {
            let range = ranges.get_mut(buyer).expect("counted in the first pass");
            range.0 -= 1;
            items[range.0 as usize] = item;
        }
        for &(start, end) in ranges.values() {
            // Placed backwards: ties on time are put back in item order by the item number.
            items[start as usize..end as usize].sort_unstable_by_key(|&i| (time_of(i), i));
        }
        ByBuyer { ranges, items }
    }

    /// The buyer's items in time order (empty for a buyer never seen).
    pub fn of(&self, buyer: &str) -> &[u32] {
        self.ranges.get(buyer).map_or(&[], |&(start, end)| &self.items[start as usize..end as usize])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_buyer_has_its_items_by_time_and_ties_in_item_order() {
        // (buyer, time) of items 0..6.
        let items = [("amy", 5), ("bob", 1), ("amy", 2), ("amy", 5), ("cat", 9), ("amy", 1)];
        let grouped =
            ByBuyer::new(|| items.iter().enumerate().map(|(i, (b, _))| (*b, i as u32)), |i| items[i as usize].1);
        assert_eq!(grouped.of("amy"), [5, 2, 0, 3]);
        assert_eq!(grouped.of("bob"), [1]);
        assert_eq!(grouped.of("cat"), [4]);
        assert!(grouped.of("dan").is_empty());
    }
}
