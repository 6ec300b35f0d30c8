//! The shop of every order and message (docs/definitions.md#shops): the order's 店铺名称/店铺
//! column, else the sub-account's shop (`店铺:客服`), else the file's shop from `[[shop]]` in
//! the config, else `--shop`, else the one unnamed shop. Shops are few and rows many: a row
//! keeps a number (`ShopId`, 2 bytes) into the run's table of shop names.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// A shop's number in the run's `Shops`; `ShopId::UNNAMED` is the one shop nothing names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct ShopId(u16);

impl ShopId {
    pub const UNNAMED: ShopId = ShopId(0);

    /// 0-based, for tables indexed by shop (`Shops::names`).
    pub fn index(self) -> usize {
        usize::from(self.0)
    }
}

/// What named a row's shop, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ShopSource {
    /// The order's 店铺名称/店铺 cell.
    Column,
    /// The agent written `店铺:客服`.
    SubAccount,
    /// `[[shop]] files = [...]` in the config.
    Config,
    /// `--shop NAME`.
    Option,
    /// Nothing named it.
    Unnamed,
}

impl ShopSource {
    /// The `inspect` JSON word.
    pub fn name(self) -> &'static str {
        match self {
            ShopSource::Column => "column",
            ShopSource::SubAccount => "sub_account",
            ShopSource::Config => "config",
            ShopSource::Option => "option",
            ShopSource::Unnamed => "unnamed",
        }
    }
}

/// `[[shop]] name = "木子京东自营", files = ["jd_*.csv"]`: the shop of the files matching a glob.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct ShopConfig {
    pub name: String,
    pub files: Vec<String>,
}

/// The sub-account's shop: `木子家居旗舰店` of `木子家居旗舰店:小王` (or `：`), when both sides
/// of the first colon have text.
pub fn sub_account_shop(agent: &str) -> Option<&str> {
    let space = |c: char| c.is_whitespace() || c == '\u{3000}';
    let s = agent.trim_matches(space);
    let i = s.find([':', '：'])?;
    let colon_len = s[i..].chars().next().map(char::len_utf8).unwrap_or(1);
    let (shop, rest) = (s[..i].trim_matches(space), s[i + colon_len..].trim_matches(space));
    (!shop.is_empty() && !rest.is_empty()).then_some(shop)
}

/// The shops found in one sheet (or text file): each with what named it and its rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetShops {
    pub file: Arc<str>,
    pub sheet: Arc<str>,
    /// (shop name, empty for the unnamed shop; what named it; rows), by source then name.
    pub shops: Vec<(String, ShopSource, u64)>,
}

/// (file, sheet) of a sheet; text files have an empty sheet.
type SheetKey = (Arc<str>, Arc<str>);
/// Rows per (shop, what named it).
type Tally = BTreeMap<(ShopId, ShopSource), u64>;

/// The run's shops: names by number, the config's globs and `--shop`, and what each sheet
/// found (for `inspect`).
pub struct Shops {
    names: Vec<Box<str>>,
    index: rustc_hash::FxHashMap<Box<str>, u16>,
    rules: Vec<(String, Vec<glob::Pattern>)>,
    option: Option<String>,
    /// The file's own shop (from `[[shop]]` or `--shop`), looked up once per file.
    of_file: rustc_hash::FxHashMap<Arc<str>, (ShopId, ShopSource)>,
    /// Per sheet, in the order first met: rows per (shop, what named it).
    sheets: Vec<(SheetKey, Tally)>,
    last_sheet: usize,
}

impl Default for Shops {
    fn default() -> Self {
        Shops::new(&[], None)
    }
}

impl Shops {
    /// `rules`: `[[shop]]` of a validated config; `option`: `--shop`.
    pub fn new(rules: &[ShopConfig], option: Option<&str>) -> Shops {
        let unnamed: Box<str> = "".into();
        let mut index = rustc_hash::FxHashMap::default();
        index.insert(unnamed.clone(), 0);
        Shops {
            names: vec![unnamed],
            index,
            rules: rules
                .iter()
                .map(|r| {
                    let globs = r.files.iter().filter_map(|f| glob::Pattern::new(f.trim()).ok()).collect();
                    (r.name.trim().to_string(), globs)
                })
                .collect(),
            option: option.map(str::trim).filter(|s| !s.is_empty()).map(String::from),
            of_file: Default::default(),
            sheets: Vec::new(),
            last_sheet: 0,
        }
    }

    /// The shop's number, added when new.
    pub fn id(&mut self, name: &str) -> ShopId {
        if let Some(&i) = self.index.get(name) {
            return ShopId(i);
        }
        // More shops than a u16 counts is no shop group: the last number takes the rest.
        let Ok(i) = u16::try_from(self.names.len()) else { return ShopId(u16::MAX) };
        self.names.push(name.into());
        self.index.insert(name.into(), i);
        ShopId(i)
    }

    /// How many named shops the run has met.
    pub fn named_count(&self) -> usize {
        self.names.len() - 1
    }

    /// The shop's name; empty for the unnamed shop.
    pub fn name(&self, id: ShopId) -> &str {
        self.names.get(usize::from(id.0)).map(|n| &**n).unwrap_or("")
    }

    /// The shop a file is given: the first `[[shop]]` with a glob matching its name or its
    /// path as given, else `--shop`, else the unnamed shop.
    fn file_shop(&mut self, file: &Arc<str>) -> (ShopId, ShopSource) {
        if let Some(&found) = self.of_file.get(file) {
            return found;
        }
        let base = std::path::Path::new(&**file).file_name().and_then(|n| n.to_str()).unwrap_or(file);
        let by_rule = self
            .rules
            .iter()
            .find(|(_, globs)| globs.iter().any(|g| g.matches(base) || g.matches(file)))
            .map(|(name, _)| name.clone());
        let found = match (by_rule, self.option.clone()) {
            (Some(name), _) => (self.id(&name), ShopSource::Config),
            (None, Some(name)) => (self.id(&name), ShopSource::Option),
            (None, None) => (ShopId::UNNAMED, ShopSource::Unnamed),
        };
        self.of_file.insert(file.clone(), found);
        found
    }

    /// The shop of one row of `file`/`sheet`: its shop cell, else its agent's sub-account
    /// shop (`sub_account_shop` of the agent), else the file's; counted for `inspect`.
    pub fn resolve(
        &mut self,
        file: &Arc<str>,
        sheet: &Arc<str>,
        column: Option<&str>,
        sub_account: Option<&str>,
    ) -> ShopId {
        let column = column.map(str::trim).filter(|s| !s.is_empty());
        let found = if let Some(name) = column {
            (self.id(name), ShopSource::Column)
        } else if let Some(name) = sub_account.map(str::trim).filter(|s| !s.is_empty()) {
            (self.id(name), ShopSource::SubAccount)
        } else {
            self.file_shop(file)
        };
        // Rows of one sheet come together: its tally is found without a lookup.
        let same =
            |(f, s): &(Arc<str>, Arc<str>)| Arc::ptr_eq(f, file) && Arc::ptr_eq(s, sheet) || (f, s) == (file, sheet);
        let i = match self.sheets.get(self.last_sheet) {
            Some((key, _)) if same(key) => self.last_sheet,
            _ => match self.sheets.iter().position(|(key, _)| same(key)) {
                Some(i) => i,
                None => {
                    self.sheets.push(((file.clone(), sheet.clone()), BTreeMap::new()));
                    self.sheets.len() - 1
                }
            },
        };
        self.last_sheet = i;
        let tally = &mut self.sheets[i].1;
        *tally.entry(found).or_default() += 1;
        found.0
    }

    /// Every shop's name by number (`ShopId::index`); the unnamed shop's is empty.
    pub fn names(&self) -> Vec<String> {
        self.names.iter().map(|n| n.to_string()).collect()
    }

    /// What each sheet found, for `inspect`.
    pub fn found(&self) -> Vec<SheetShops> {
        self.sheets
            .iter()
            .map(|((file, sheet), shops)| {
                let mut list: Vec<(String, ShopSource, u64)> =
                    shops.iter().map(|(&(id, source), &rows)| (self.name(id).to_string(), source, rows)).collect();
                list.sort_by(|a, b| (a.1, &a.0).cmp(&(b.1, &b.0)));
                SheetShops { file: file.clone(), sheet: sheet.clone(), shops: list }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_column_then_the_sub_account_then_the_file() {
        let rules = [ShopConfig { name: "京东店".into(), files: vec!["jd_*.csv".into()] }];
        let mut shops = Shops::new(&rules, Some("默认店"));
        let (jd, other, sheet): (Arc<str>, Arc<str>, Arc<str>) = ("in/jd_10.csv".into(), "a.csv".into(), "".into());
        let a = shops.resolve(&jd, &sheet, Some(" 旗舰店 "), sub_account_shop("外店:小王"));
        let b = shops.resolve(&jd, &sheet, None, sub_account_shop("外店：小王"));
        let c = shops.resolve(&jd, &sheet, Some(""), sub_account_shop("小王"));
        let d = shops.resolve(&other, &sheet, None, sub_account_shop(":小王"));
        assert_eq!([a, b, c, d].map(|s| shops.name(s).to_string()), ["旗舰店", "外店", "京东店", "默认店"]);
        assert_eq!(Shops::default().resolve(&other, &sheet, None, None), ShopId::UNNAMED);
        let found = shops.found();
        assert!(found[0].shops.contains(&("京东店".to_string(), ShopSource::Config, 1)));
        assert_eq!(found[1].shops, [("默认店".to_string(), ShopSource::Option, 1)]);
    }
}
