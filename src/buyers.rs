//! Buyers' names, each kept once for the whole run: orders and receptions keep a number
//! (`BuyerId`, 4 bytes) into one table instead of a name each. A month has about a million
//! buyers and more receptions and orders than that; a name inline cost 24 bytes in every one.
//! Joins by buyer (attribution, conversion) compare numbers, not text.

use hashbrown::HashTable;
use std::hash::BuildHasher;
use std::num::NonZeroU32;

/// A buyer's number in the run's `Buyers`: equal numbers, equal names. `Option<BuyerId>`
/// is 4 bytes too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BuyerId(NonZeroU32);

impl BuyerId {
    /// 0-based, for tables indexed by buyer.
    pub fn index(self) -> usize {
        self.0.get() as usize - 1
    }
}

/// Every buyer's name in one string, found by number; while reading, also by name.
#[derive(Default)]
pub struct Buyers {
    text: String,
    /// Where each name ends in `text` (it starts where the one before ends).
    ends: Vec<u32>,
    /// (buyer number (0-based), the name's hash), found by the hash and compared through
    /// `text` only when the hashes agree: growing the table rehashes from the kept hashes,
    /// without reading a million names again. Emptied by `done_adding`.
    index: HashTable<(u32, u32)>,
}

fn name_at<'t>(text: &'t str, ends: &[u32], i: usize) -> &'t str {
    let start = if i == 0 { 0 } else { ends[i - 1] as usize };
    &text[start..ends[i] as usize]
}

/// 32 bits of the name's hash: kept in the index.
fn hash(name: &str) -> u32 {
    (rustc_hash::FxBuildHasher.hash_one(name) >> 32) as u32
}

/// The table's hash of a kept hash, spread over 64 bits (the table uses the top bits too).
fn spread(hash: u32) -> u64 {
    u64::from(hash).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

impl Buyers {
    /// No buyers (what was read had none, as a per-agent report).
    pub const NONE: &'static Buyers = &Buyers { text: String::new(), ends: Vec::new(), index: HashTable::new() };

    /// The buyer's number, the name added when new. Names are trimmed: ` amy ` is `amy`.
    pub fn id(&mut self, name: &str) -> BuyerId {
        let name = name.trim();
        let Buyers { text, ends, index } = self;
        let h = hash(name);
        let found = index.find(spread(h), |&(i, hi)| hi == h && name_at(text, ends, i as usize) == name);
        let i = found.map(|&(i, _)| i).unwrap_or_else(|| {
            let i = ends.len() as u32;
            text.push_str(name);
            ends.push(text.len() as u32);
            index.insert_unique(spread(h), (i, h), |&(_, hj)| spread(hj));
            i
        });
        BuyerId(NonZeroU32::MIN.saturating_add(i))
    }

    pub fn name(&self, id: BuyerId) -> &str {
        name_at(&self.text, &self.ends, id.index())
    }

    /// How many buyers: every `BuyerId::index` is below it.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Reading is over: names are only looked up by number from now on, and the index
    /// by name is freed.
    pub fn done_adding(&mut self) {
        self.index = HashTable::new();
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_name_once_by_number_trimmed() {
        let mut buyers = Buyers::default();
        let (amy, bob) = (buyers.id("amy"), buyers.id("bob"));
        assert_eq!(buyers.id(" amy "), amy);
        assert_ne!(amy, bob);
        assert_eq!((buyers.name(amy), buyers.name(bob), buyers.len()), ("amy", "bob", 2));
        assert_eq!((amy.index(), bob.index()), (0, 1));
        buyers.done_adding();
        assert_eq!(buyers.name(bob), "bob");
    }
}
