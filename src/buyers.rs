//! Buyers' names, each kept once for the whole run: orders and receptions keep a number
//! (`BuyerId`, 4 bytes) into one table instead of a name each. A month has about a million
//! buyers and more receptions and orders than that; a name inline cost 24 bytes in every one.
//! Joins by buyer (attribution, conversion) compare numbers, not text.
//!
//! A buyer is a buyer of one shop (docs/definitions.md#shops): a name is numbered per shop while
//! reading, so that no join can reach a buyer of another shop. Once reading is over,
//! `keep_shops_apart` gives one number to each name found in at most one named shop (the usual
//! single shop, whose chats name it and whose orders do not), and keeps the others apart.

pub mod mask;

use crate::shops::ShopId;
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
    /// Every (shop, name), found by its hash and compared with `text` only when the hashes
    /// agree: growing the table rehashes from the kept hashes, without reading a million
    /// names again. Emptied by `done_adding`.
    index: HashTable<Slot>,
    /// Each buyer's shop, by number.
    shops: Vec<ShopId>,
    /// Whether buyers of two shops were numbered (else nothing is to be kept apart or joined).
    several_shops: bool,
}

/// A name in the index: its number, where it starts in `text`, and its hash's top 24 bits
/// with its length (below 255 bytes; 255: look the length up in `ends`). A lookup reads the
/// slot and the name's text, not `ends` too: with a million buyers, each is a cache miss.
#[derive(Clone, Copy)]
struct Slot {
    number: u32,
    start: u32,
    hash_len: u32,
    shop: ShopId,
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

/// The top 24 bits of the hash of the shop's name (kept in the index), in the top bits of a u32.
fn hash(shop: ShopId, name: &str) -> u32 {
    (rustc_hash::FxBuildHasher.hash_one((shop, name)) >> 32) as u32 & !LONG
}

/// The table's hash of a kept 32-bit hash, spread over 64 bits (hashbrown uses the top bits
/// too): for the tables that keep their entries' hashes to grow without reading the entries.
pub(crate) fn spread(hash: u32) -> u64 {
    u64::from(hash).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

impl Buyers {
    /// No buyers (what was read had none, as a per-agent report).
    pub const NONE: &'static Buyers = &Buyers {
        text: String::new(),
        ends: Vec::new(),
        index: HashTable::new(),
        shops: Vec::new(),
        several_shops: false,
    };

    /// The number of a buyer of the unnamed shop (a run of one shop).
    pub fn id(&mut self, name: &str) -> BuyerId {
        self.id_in(ShopId::UNNAMED, name)
    }

    /// The number of the buyer `name` of `shop`, the name added when new. Names are trimmed:
    /// ` amy ` is `amy`.
    pub fn id_in(&mut self, shop: ShopId, name: &str) -> BuyerId {
        let name = name.trim();
        let Buyers { text, ends, index, shops, several_shops } = self;
        let h = hash(shop, name);
        let found =
            index.find(spread(h), |slot| slot.hash() == h && slot.shop == shop && slot.name(text, ends) == name);
        let i = found.map(|slot| slot.number).unwrap_or_else(|| {
            let number = ends.len() as u32;
            let start = text.len() as u32;
            text.push_str(name);
            ends.push(text.len() as u32);
            *several_shops |= shops.first().is_some_and(|first| *first != shop);
            shops.push(shop);
            let slot = Slot { number, start, hash_len: h | (name.len() as u32).min(LONG), shop };
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
        // A name met in two shops is two buyers with one name, and one mask.
        let mut distinct: rustc_hash::FxHashMap<&str, usize> = Default::default();
        let mut unique: Vec<&str> = Vec::new();
        let which: Vec<usize> = names
            .iter()
            .map(|name| {
                *distinct.entry(name).or_insert_with(|| {
                    unique.push(name);
                    unique.len() - 1
                })
            })
            .collect();
        let numbers = mask::numbers(&unique);
        let (mut text, mut ends) = (String::with_capacity(self.text.len()), Vec::with_capacity(self.ends.len()));
        for (name, k) in names.iter().zip(&which) {
            mask::push_mask(&mut text, name, numbers[*k]);
            ends.push(text.len() as u32);
        }
        let masked = unique.len();
        drop((names, distinct, unique));
        (self.text, self.ends) = (text, ends);
        for (other, id) in others.iter_mut().zip(ids) {
            if let Some(id) = id {
                **other = self.name(id).to_string();
            }
        }
        self.done_adding();
        masked
    }

    /// Reading is over: each name found in at most one named shop becomes one buyer (its rows
    /// of the unnamed shop join that shop's: one shop's chats name it, its orders may not);
    /// a name found in two or more named shops stays a buyer of each, and its rows of the
    /// unnamed shop a buyer apart. Numbers are given again in the order names were first
    /// met, as they would have been with no shops: the returned table maps each old number to
    /// its new one (None: nothing changed).
    pub fn keep_shops_apart(&mut self) -> Option<KeptApart> {
        if !self.several_shops {
            return None;
        }
        // Only a name with a number in the unnamed shop can join another: without one, every
        // name of one named shop already has one number.
        let Some(first_unnamed) = self.shops.iter().position(|s| *s == ShopId::UNNAMED) else {
            return Some(KeptApart { remap: None, unnamed_apart: 0 });
        };
        let n = self.ends.len();
        // Per name of the unnamed shop: its first number and its named shops (the first, and
        // whether there are more).
        struct Seen {
            first: u32,
            named: Option<ShopId>,
            several: bool,
        }
        let mut seen: rustc_hash::FxHashMap<&str, Seen> = Default::default();
        for i in first_unnamed..n {
            if self.shops[i] == ShopId::UNNAMED {
                let name = name_at(&self.text, &self.ends, i);
                seen.entry(name).or_insert(Seen { first: i as u32, named: None, several: false });
            }
        }
        // Each number's group: the name's entry, when it has one (looked up once).
        let mut group: Vec<Option<&str>> = vec![None; n];
        for (i, slot) in group.iter_mut().enumerate() {
            let name = name_at(&self.text, &self.ends, i);
            let Some(e) = seen.get_mut(name) else { continue };
            *slot = Some(name);
            e.first = e.first.min(i as u32);
            let shop = self.shops[i];
            if shop != ShopId::UNNAMED {
                match e.named {
                    None => e.named = Some(shop),
                    Some(s) if s != shop => e.several = true,
                    Some(_) => {}
                }
            }
        }
        let (mut text, mut ends, mut shops) = (String::new(), Vec::new(), Vec::new());
        let mut remap: Vec<BuyerId> = Vec::with_capacity(n);
        let mut unnamed_apart = 0;
        for (i, name) in group.iter().enumerate() {
            let s = name.map(|name| &seen[name]);
            if let Some(s) = s.filter(|s| !s.several && s.first as usize != i) {
                remap.push(remap[s.first as usize]);
                continue;
            }
            let several = s.is_some_and(|s| s.several);
            unnamed_apart += u64::from(several && self.shops[i] == ShopId::UNNAMED);
            let shop = match s {
                Some(s) if !s.several => s.named.unwrap_or(ShopId::UNNAMED),
                _ => self.shops[i],
            };
            text.push_str(name_at(&self.text, &self.ends, i));
            ends.push(text.len() as u32);
            shops.push(shop);
            remap.push(BuyerId(NonZeroU32::MIN.saturating_add(ends.len() as u32 - 1)));
        }
        drop(group);
        drop(seen);
        if ends.len() == n {
            return Some(KeptApart { remap: None, unnamed_apart });
        }
        (self.text, self.ends, self.shops) = (text, ends, shops);
        self.index = HashTable::new();
        Some(KeptApart { remap: Some(remap), unnamed_apart })
    }

    /// Reading is over: names are only looked up by number from now on, and the index
    /// by name is freed.
    pub fn done_adding(&mut self) {
        self.index = HashTable::new();
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

/// What `keep_shops_apart` did.
pub struct KeptApart {
    /// Each old number's new one, when numbers changed.
    pub remap: Option<Vec<BuyerId>>,
    /// Buyers of the unnamed shop whose name is a buyer's in two or more named shops: which
    /// they are cannot be told, so they join none.
    pub unnamed_apart: u64,
}

impl KeptApart {
    /// The new number of `id`.
    pub fn get(&self, id: BuyerId) -> BuyerId {
        self.remap.as_ref().and_then(|r| r.get(id.index()).copied()).unwrap_or(id)
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

    #[test]
    fn a_name_of_one_named_shop_is_one_buyer_and_of_two_shops_two() {
        let (a, b) = (ShopId::UNNAMED, ShopId::UNNAMED);
        let mut one = Buyers::default();
        let (x, y) = (one.id_in(a, "amy"), one.id_in(b, "amy"));
        assert_eq!(x, y);
        assert!(one.keep_shops_apart().is_none(), "one shop: nothing to settle");

        let mut shops = crate::shops::Shops::default();
        let (tmall, pdd) = (shops.id("旗舰店"), shops.id("拼多多店"));
        let mut buyers = Buyers::default();
        // Read: amy in the chats of 旗舰店, then in its orders (no shop column: unnamed), then
        // in 拼多多店; bob only named by the orders; cat in both named shops and unnamed.
        let ids = [
            buyers.id_in(tmall, "amy"),
            buyers.id_in(ShopId::UNNAMED, "bob"),
            buyers.id_in(ShopId::UNNAMED, "amy"),
            buyers.id_in(tmall, "cat"),
            buyers.id_in(pdd, "cat"),
            buyers.id_in(ShopId::UNNAMED, "cat"),
            buyers.id_in(pdd, "dan"),
        ];
        assert_eq!(ids.map(|i| i.index()), [0, 1, 2, 3, 4, 5, 6]);
        buyers.done_adding();
        let kept = buyers.keep_shops_apart().expect("several shops");
        let new = ids.map(|i| kept.get(i).index());
        // amy: one buyer (one named shop); cat: one per shop and one of no shop; numbers in
        // the order names were first met.
        assert_eq!(new, [0, 1, 0, 2, 3, 4, 5]);
        assert_eq!(kept.unnamed_apart, 1);
        assert_eq!(buyers.len(), 6);
        assert_eq!(
            (0..6).map(|i| buyers.name(kept.get(ids[[0, 1, 3, 4, 5, 6][i]]))).collect::<Vec<_>>(),
            ["amy", "bob", "cat", "cat", "cat", "dan"]
        );
    }

    #[test]
    fn one_name_in_two_shops_has_one_mask() {
        let mut shops = crate::shops::Shops::default();
        let (s1, s2) = (shops.id("甲"), shops.id("乙"));
        let mut buyers = Buyers::default();
        let (a, b, c) = (buyers.id_in(s1, "tb_12"), buyers.id_in(s2, "tb_12"), buyers.id_in(s2, "tb_92"));
        assert_eq!(buyers.mask(&mut []), 2);
        assert_eq!((buyers.name(a), buyers.name(b), buyers.name(c)), ("t***2", "t***2", "t***2#2"));
    }
}
