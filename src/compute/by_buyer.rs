//! Items (orders, receptions) grouped by buyer, each buyer's in time order: how an order
//! finds its buyer's receptions (attribution, SPEC §4.3) and a reception its buyer's orders
//! (conversion, SPEC §4.4). Buyers are numbers (`BuyerId`), so the groups are numbers all
//! the way: each buyer's start in one vector of item numbers, found by the buyer's number.

use crate::buyers::BuyerId;

pub struct ByBuyer {
    /// Per buyer (by `BuyerId::index`): where its items start in `items`; one more start
    /// at the end.
    starts: Vec<u32>,
    items: Vec<u32>,
}

impl ByBuyer {
    /// `items` yields the numbers (in `source`) of the items to group, in order; `buyer_of`
    /// gives an item's buyer (items without one are in no group), `time_of` orders a
    /// buyer's items (equal times: item order).
    pub fn new<T, K: Ord>(
        source: &[T],
        items: impl Iterator<Item = u32> + Clone,
        buyer_of: impl Fn(&T) -> Option<BuyerId>,
        time_of: impl Fn(&T) -> K,
    ) -> Self {
        let buyer = |i: u32| buyer_of(&source[i as usize]).map(BuyerId::index);
        // Counted, then each buyer's start; `next` becomes each buyer's next free slot.
        let buyers = items.clone().filter_map(buyer).max().map_or(0, |b| b + 1);
        let mut next = vec![0u32; buyers];
        for b in items.clone().filter_map(buyer) {
            next[b] += 1;
        }
        let mut starts = Vec::with_capacity(buyers + 1);
        let mut total = 0u32;
        for count in &mut next {
            starts.push(total);
            total += *count;
            *count = total - *count;
        }
        starts.push(total);
        let mut placed = vec![0u32; total as usize];
        for item in items {
            if let Some(b) = buyer(item) {
                placed[next[b] as usize] = item;
                next[b] += 1;
            }
        }
        for range in starts.windows(2) {
            placed[range[0] as usize..range[1] as usize].sort_by_key(|&i| time_of(&source[i as usize]));
        }
        ByBuyer { starts, items: placed }
    }

    /// The buyer's items in time order (empty for a buyer with none).
    pub fn of(&self, buyer: BuyerId) -> &[u32] {
        let b = buyer.index();
        match (self.starts.get(b), self.starts.get(b + 1)) {
            (Some(&from), Some(&to)) => &self.items[from as usize..to as usize],
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::buyers::Buyers;

    #[test]
    fn each_buyer_has_its_items_by_time_and_ties_in_item_order() {
        let mut buyers = Buyers::default();
        let [amy, bob, cat, dan] = ["amy", "bob", "cat", "dan"].map(|n| buyers.id(n));
        // (buyer, time) of items 0..6.
        let items = [(amy, 5), (bob, 1), (amy, 2), (amy, 5), (cat, 9), (amy, 1)];
        let grouped = ByBuyer::new(&items, 0..items.len() as u32, |item| Some(item.0), |item| item.1);
        assert_eq!(grouped.of(amy), [5, 2, 0, 3]);
        assert_eq!(grouped.of(bob), [1]);
        assert_eq!(grouped.of(cat), [4]);
        assert!(grouped.of(dan).is_empty());
    }
}
