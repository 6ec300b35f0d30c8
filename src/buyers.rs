//! Buyers' names, each kept once for the whole run: orders and receptions keep a number
//! (`BuyerId`, 4 bytes) into one table instead of a name each. A month has about a million
//! buyers and more receptions and orders than that; a name inline cost 24 bytes in every one.
//! Joins by buyer (attribution, conversion) compare numbers, not text.

pub mod mask;

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
    /// Every name, found by its hash and compared with `text` only when the hashes agree:
    /// growing the table rehashes from the kept hashes, without reading a million names
    /// again. Emptied by `done_adding`.
    index: HashTable<Slot>,
}

/// A name in the index: its number, where it starts in `text`, and its hash's top 24 bits
/// with its length (below 255 bytes; 255: look the length up in `ends`). A lookup reads the
/// slot and the name's text, not `ends` too: with a million buyers, each is a cache miss.
#[derive(Clone, Copy)]
struct Slot {
    number: u32,
    start: u32,
    hash_len: u32,
}

const LONG: u32 = 0xFF;

impl Slot {
    fn hash(self) -> u32 {
        self.hash_len & !LONG
    }

    fn name<'t>(self, text: &'t str, ends: &[u32]) -> &'t str {
        let len = self.hash_len & LONG;
        let end = if len == LONG { ends[self.number as usize] } else { self.start + len };
        &text[self.start as usize..end as usize]
    }
}

fn name_at<'t>(text: &'t str, ends: &[u32], i: usize) -> &'t str {
    let start = if i == 0 { 0 } else { ends[i - 1] as usize };
    &text[start..ends[i] as usize]
}

/// The top 24 bits of the name's hash (kept in the index), in the top bits of a u32.
fn hash(name: &str) -> u32 {
    (rustc_hash::FxBuildHasher.hash_one(name) >> 32) as u32 & !LONG
}

/// The table's hash of a kept 32-bit hash, spread over 64 bits (hashbrown uses the top bits
/// too): for the tables that keep their entries' hashes to grow without reading the entries.
pub(crate) fn spread(hash: u32) -> u64 {
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
        let found = index.find(spread(h), |slot| slot.hash() == h && slot.name(text, ends) == name);
        let i = found.map(|slot| slot.number).unwrap_or_else(|| {
            let number = ends.len() as u32;
            let start = text.len() as u32;
            text.push_str(name);
            ends.push(text.len() as u32);
            let slot = Slot { number, start, hash_len: h | (name.len() as u32).min(LONG) };
            index.insert_unique(spread(h), slot, |s| spread(s.hash()));
            number
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

    /// Reading is over, and every name is replaced by its mask (`mask::masks`,
    /// docs/decisions.md#masked-buyers): numbers stay, so joins by buyer are as before. Each
    /// of `others` (names read outside the table: a rating's buyer, a problem's cell) gets
    /// the mask of the same name in the table, or one of its own beside them; empty ones
    /// stay empty. Before `done_adding`: it needs the index by name. Returns how many names
    /// were masked.
    pub fn mask(&mut self, others: &mut [&mut String]) -> usize {
        debug_assert!(self.index.len() == self.ends.len(), "masked after done_adding");
        let ids: Vec<Option<BuyerId>> = others.iter().map(|o| (!o.trim().is_empty()).then(|| self.id(o))).collect();
        let names: Vec<&str> = (0..self.ends.len()).map(|i| name_at(&self.text, &self.ends, i)).collect();
        let numbers = mask::numbers(&names);
        let (mut text, mut ends) = (String::with_capacity(self.text.len()), Vec::with_capacity(self.ends.len()));
        for (name, k) in names.iter().zip(&numbers) {
            mask::push_mask(&mut text, name, *k);
            ends.push(text.len() as u32);
        }
        drop(names);
        (self.text, self.ends) = (text, ends);
        for (other, id) in others.iter_mut().zip(ids) {
            if let Some(id) = id {
                **other = self.name(id).to_string();
            }
        }
        self.done_adding();
        self.ends.len()
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

    #[test]
    fn masked_names_keep_their_numbers_and_others_share_their_masks() {
        let mut buyers = Buyers::default();
        let (a, b, c) = (buyers.id("tb_12"), buyers.id("tb_92"), buyers.id("王五"));
        let (mut rating, mut cell, mut empty) = (" tb_92 ".to_string(), "tb_52".to_string(), " ".to_string());
        assert_eq!(buyers.mask(&mut [&mut rating, &mut cell, &mut empty]), 4);
        assert_eq!((buyers.name(a), buyers.name(b), buyers.name(c)), ("t***2", "t***2#3", "王*"));
        assert_eq!((rating.as_str(), cell.as_str(), empty.as_str()), ("t***2#3", "t***2#2", " "));
    }

    #[test]
    fn long_names_and_many_names_are_found_again() {
        let mut buyers = Buyers::default();
        let long = "买".repeat(100);
        let names: Vec<String> = (0..5000).map(|i| format!("tb_{i}")).chain([long.clone(), "".into()]).collect();
        let ids: Vec<BuyerId> = names.iter().map(|n| buyers.id(n)).collect();
        for (n, id) in names.iter().zip(&ids) {
            assert_eq!(buyers.id(n), *id);
            assert_eq!(buyers.name(*id), n);
        }
        assert_eq!(buyers.len(), names.len());
        assert_ne!(buyers.id(&long[..297]), buyers.id(&long));
    }
}
