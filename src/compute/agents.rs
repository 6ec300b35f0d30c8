//! Agent names (docs/definitions.md#cells): trimmed, sub-account prefixes dropped, aliases mapped to the
//! name reports use.

use std::collections::{BTreeMap, HashMap};

pub use crate::model::normalize_name;

/// The `[agents]` table, ready for lookups.
#[derive(Debug, Clone, Default)]
pub struct AgentDirectory {
    /// Lookup key (ASCII case-folded) → report name.
    by_key: HashMap<String, String>,
    /// Report name → its aliases, for memo matching.
    names: BTreeMap<String, Vec<String>>,
    /// Keys of names and aliases written without a shop (`"小王"`, `"wang"`): every shop's.
    bare: std::collections::HashSet<String>,
    /// (shop, key of the name) of aliases written `"店铺:小王"`: that shop's sub-account.
    qualified: std::collections::HashSet<(String, String)>,
}

/// Lookup keys are ASCII case-folded; most names (Chinese) need no copy for that.
fn key(name: &str) -> std::borrow::Cow<'_, str> {
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        std::borrow::Cow::Owned(name.to_ascii_lowercase())
    } else {
        std::borrow::Cow::Borrowed(name)
    }
}

impl AgentDirectory {
    pub fn new(table: &BTreeMap<String, Vec<String>>) -> Self {
        let mut dir = AgentDirectory::default();
        for (name, aliases) in table {
            let canonical = normalize_name(name).to_string();
            for alias in std::iter::once(name).chain(aliases) {
                // Both the alias as written ("店铺:wang") and normalised ("wang").
                dir.by_key.insert(key(alias.trim()).into_owned(), canonical.clone());
                dir.by_key.insert(key(normalize_name(alias)).into_owned(), canonical.clone());
                match crate::shops::sub_account_shop(alias) {
                    Some(shop) => dir.qualified.insert((shop.to_string(), key(normalize_name(alias)).into_owned())),
                    None => dir.bare.insert(key(normalize_name(alias)).into_owned()),
                };
            }
            dir.names.entry(canonical).or_default().extend(aliases.iter().map(|a| a.trim().to_string()));
        }
        dir
    }

    /// The report name of a name found in a file; `None` when blank.
    pub fn resolve(&self, raw: &str) -> Option<String> {
        if let Some(name) = self.by_key.get(key(raw.trim()).as_ref()) {
            return Some(name.clone());
        }
        let normalized = normalize_name(raw);
        if normalized.is_empty() {
            return None;
        }
        Some(self.by_key.get(key(normalized).as_ref()).cloned().unwrap_or_else(|| normalized.to_string()))
    }

    /// Whether an `[agents]` line names the sub-account `raw` of `shop` (docs/definitions.md#shops):
    /// a name or alias written without a shop names it in every shop, `"店铺:小王"` only in 店铺.
    pub fn maps_in(&self, shop: &str, raw: &str) -> bool {
        let name = key(normalize_name(raw));
        self.bare.contains(name.as_ref()) || self.qualified.contains(&(shop.to_string(), name.into_owned()))
    }

    /// Configured report names with their aliases.
    pub fn configured(&self) -> &BTreeMap<String, Vec<String>> {
        &self.names
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sub_accounts_and_aliases_resolve_to_one_name() {
        let mut table = BTreeMap::new();
        table.insert("小王".to_string(), vec!["工号07".to_string(), "wang".to_string()]);
        let dir = AgentDirectory::new(&table);
        assert_eq!(dir.resolve("木子家居旗舰店:小王").as_deref(), Some("小王"));
        assert_eq!(dir.resolve("木子家居旗舰店：小王 ").as_deref(), Some("小王"));
        assert_eq!(dir.resolve("WANG").as_deref(), Some("小王"));
        assert_eq!(dir.resolve("店铺:工号07").as_deref(), Some("小王"));
        assert_eq!(dir.resolve("阿杰").as_deref(), Some("阿杰"));
        assert_eq!(dir.resolve("  ").as_deref(), None);
    }

    #[test]
    fn a_shop_alias_names_that_shops_sub_account_only() {
        let mut table = BTreeMap::new();
        table.insert("王小明".to_string(), vec!["木子家居旗舰店:小王".to_string(), "wang".to_string()]);
        let dir = AgentDirectory::new(&table);
        assert!(dir.maps_in("木子家居旗舰店", "木子家居旗舰店:小王"));
        assert!(dir.maps_in("木子家居旗舰店", "小王"));
        assert!(!dir.maps_in("木子京东自营", "木子京东自营:小王"));
        assert!(dir.maps_in("木子京东自营", "WANG"));
        assert!(dir.maps_in("木子京东自营", "王小明"));
    }
}
