//! Items (orders, receptions) grouped by buyer, each buyer's in time order: how an order
//! finds its buyer's receptions (attribution, docs/definitions.md#attribution) and a reception its buyer's orders
//! (conversion, docs/definitions.md#conversion). Buyers are numbers (`BuyerId`), so the groups are numbers all
//! the way: each buyer's start in one vector of item numbers, found by the buyer's number.
//! Each item carries its time in whole seconds, so that a search by time reads the buyer's
//! list only: reading the items themselves cost a cache miss per step of the search, a
//! million times over.

use crate::buyers::BuyerId;
use chrono::NaiveDateTime;

pub struct ByBuyer {
    /// Per buyer (by `BuyerId::index`): where its items start in `items`; one more start
    /// at the end.
    starts: Vec<u32>,
    items: Vec<Timed>,
    /// `Timed::secs` counts from here.
    base: i64,
    /// The times span more than a u32 of seconds (a wild date in a file): searches compare
    /// the items' own times.
    wide: bool,
}

/// An item's number, and its time in whole seconds from the group's base.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timed {
    pub item: u32,
    secs: u32,
}

impl ByBuyer {
    /// `items` yields the numbers (in `source`) of the items to group, in order; `buyer_of`
    /// gives an item's buyer (items without one are in no group), `time_of` orders a
    /// buyer's items (equal times: item order).
    pub fn new<T>(
        source: &[T],
        items: impl Iterator<Item = u32> + Clone,
        buyer_of: impl Fn(&T) -> Option<BuyerId>,
        time_of: impl Fn(&T) -> NaiveDateTime,
    ) -> Self {
        let buyer = |i: u32| buyer_of(&source[i as usize]).map(BuyerId::index);
        let secs_of = |i: u32| time_of(&source[i as usize]).and_utc().timestamp();
        // Counted, then each buyer's start; `next` becomes each buyer's next free slot.
        let (mut buyers, mut low, mut high) = (0, i64::MAX, i64::MIN);
        for i in items.clone() {
            if let Some(b) = buyer(i) {
                buyers = buyers.max(b + 1);
                let secs = secs_of(i);
                (low, high) = (low.min(secs), high.max(secs));
            }
        }
        let base = if low == i64::MAX { 0 } else { low };
        let wide = high.saturating_sub(base) > i64::from(u32::MAX);
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
        let mut placed = vec![Timed { item: 0, secs: 0 }; total as usize];
        for item in items {
            if let Some(b) = buyer(item) {
                let secs = if wide { 0 } else { (secs_of(item) - base) as u32 };
                placed[next[b] as usize] = Timed { item, secs };
                next[b] += 1;
            }
        }
        for range in starts.windows(2) {
            placed[range[0] as usize..range[1] as usize].sort_by_key(|t| time_of(&source[t.item as usize]));
        }
        ByBuyer { starts, items: placed, base, wide }
    }

    /// The buyer's items in time order (empty for a buyer with none).
    pub fn of(&self, buyer: BuyerId) -> &[Timed] {
        let b = buyer.index();
        match (self.starts.get(b), self.starts.get(b + 1)) {
            (Some(&from), Some(&to)) => &self.items[from as usize..to as usize],
            _ => &[],
        }
    }

    /// How many of `list` (a buyer's items) come before `at`: their time is earlier, or
    /// also equal with `inclusive`. `time_of(item)` is read only for items in `at`'s second.
    pub fn count_before(
        &self,
        list: &[Timed],
        at: NaiveDateTime,
        inclusive: bool,
        time_of: impl Fn(u32) -> NaiveDateTime,
    ) -> usize {
        let before = |t: NaiveDateTime| if inclusive { t <= at } else { t < at };
        if self.wide {
            return list.partition_point(|t| before(time_of(t.item)));
        }
        let second = at.and_utc().timestamp();
        list.partition_point(|t| {
            let secs = self.base + i64::from(t.secs);
            secs < second || (secs == second && before(time_of(t.item)))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::buyers::Buyers;
    use chrono::{DateTime, Duration};

    fn at(secs: i64) -> NaiveDateTime {
        DateTime::from_timestamp(1_790_000_000 + secs, 0).unwrap().naive_utc()
    }

    #[test]
    fn each_buyer_has_its_items_by_time_and_ties_in_item_order() {
        let mut buyers = Buyers::default();
        let [amy, bob, cat, dan] = ["amy", "bob", "cat", "dan"].map(|n| buyers.id(n));
        // (buyer, time) of items 0..6.
        let items = [(amy, 5), (bob, 1), (amy, 2), (amy, 5), (cat, 9), (amy, 1)];
        let grouped = ByBuyer::new(&items, 0..items.len() as u32, |item| Some(item.0), |item| at(item.1));
        let of = |b| grouped.of(b).iter().map(|t| t.item).collect::<Vec<_>>();
        assert_eq!(of(amy), [5, 2, 0, 3]);
        assert_eq!(of(bob), [1]);
        assert_eq!(of(cat), [4]);
        assert!(of(dan).is_empty());
    }

    #[test]
    fn counts_before_a_time_to_the_nanosecond_and_across_wild_dates() {
        let mut buyers = Buyers::default();
        let amy = buyers.id("amy");
        let half = Duration::milliseconds(500);
        // Two items in one second (a half second apart), one a minute later.
        let times = [at(10), at(10) + half, at(70)];
        for wild in [None, Some(NaiveDateTime::MIN)] {
            let items: Vec<NaiveDateTime> = times.iter().copied().chain(wild).collect();
            let grouped = ByBuyer::new(&items, 0..items.len() as u32, |_| Some(amy), |t| *t);
            let list = grouped.of(amy);
            let skip = usize::from(wild.is_some());
            let count = |t, inclusive| grouped.count_before(list, t, inclusive, |i| items[i as usize]) - skip;
            assert_eq!(count(at(10), false), 0);
            assert_eq!(count(at(10), true), 1);
            assert_eq!(count(at(10) + half, false), 1);
            assert_eq!(count(at(10) + half, true), 2);
            assert_eq!(count(at(11), false), 2);
            assert_eq!(count(at(70), true), 3);
            assert_eq!(count(at(9), true), 0);
            assert_eq!(count(at(100_000), false), 3);
        }
    }
}
