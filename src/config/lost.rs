//! `[lost]` settings and docs/definitions.md#lost-inquiries's default categories and keywords.

use serde::{Deserialize, Serialize};

/// `[lost]`: the categories of lost reasons (docs/definitions.md#lost-inquiries).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct LostConfig {
    /// true: only the categories below; false: they replace defaults of the same id and
    /// the others are added after the defaults.
    pub replace_defaults: bool,
    pub category: Vec<LostCategory>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct LostCategory {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub keywords: Vec<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
}

impl Default for LostConfig {
    fn default() -> Self {
        LostConfig { replace_defaults: false, category: default_lost_categories() }
    }
}

impl LostConfig {
    /// The categories in rule order (ties in keyword scores go to the earlier one).
    pub fn effective(&self) -> Vec<LostCategory> {
        if self.replace_defaults {
            return self.category.clone();
        }
        let mut out = default_lost_categories();
        for c in &self.category {
            match out.iter_mut().find(|d| d.id == c.id) {
                Some(slot) => *slot = c.clone(),
                None => out.push(c.clone()),
            }
        }
        out
    }
}

/// The keyword categories of docs/definitions.md#lost-inquiries, in rule order: (id, label, keywords, aliases).
pub const DEFAULT_LOST_CATEGORIES: &[(&str, &str, &[&str], &[&str])] = &[
    (
        "price",
        "价格/议价",
        &["贵", "便宜", "优惠", "打折", "折扣", "降价", "少点", "价格", "价钱", "优惠券", "划算", "最低"],
        &["价格", "价格高", "嫌贵", "议价"],
    ),
    ("postage", "运费/不包邮", &["包邮", "运费", "邮费", "快递费"], &["不包邮", "运费", "邮费"]),
    (
        "quality",
        "质量顾虑",
        &["质量", "正品", "假货", "掉色", "起球", "做工", "材质", "面料", "耐用", "味道"],
        &["质量", "质量问题"],
    ),
    ("style", "款式/颜色", &["款式", "颜色", "色差", "好看", "实物", "图片"], &["款式", "颜色"]),
    ("size", "尺码", &["尺码", "码数", "偏大", "偏小", "身高", "体重", "大小"], &["尺码", "尺寸", "没有合适尺码"]),
    ("stock", "缺货", &["有货", "缺货", "没货", "现货", "补货", "断码", "库存"], &["缺货", "没货"]),
    (
        "delivery",
        "发货/物流",
        &["发货", "快递", "几天到", "多久到", "顺丰", "物流", "到货"],
        &["物流", "发货慢", "快递"],
    ),
    ("reputation", "销量/评价少", &["销量", "评价", "差评", "买家秀", "人买", "好评"], &["销量少", "评价少", "销量"]),
    ("after_sales", "售后顾虑", &["退换", "退货", "换货", "七天", "无理由", "保修", "售后", "运费险"], &["售后"]),
    (
        "comparing",
        "比价/犹豫",
        &["别家", "其他店", "别的店", "考虑", "再看看", "比较", "对比"],
        &["比价", "犹豫", "考虑"],
    ),
];

impl LostCategory {
    /// One of docs/definitions.md#lost-inquiries's default categories with its default label: shown by its id's
    /// label in the report's language (src/messages/labels.rs `lost.<id>`).
    pub fn has_default_label(&self) -> bool {
        DEFAULT_LOST_CATEGORIES.iter().any(|(id, label, ..)| *id == self.id && *label == self.label)
    }
}

pub fn default_lost_categories() -> Vec<LostCategory> {
    DEFAULT_LOST_CATEGORIES
        .iter()
        .map(|(id, label, keywords, aliases)| LostCategory {
            id: id.to_string(),
            label: label.to_string(),
            keywords: keywords.iter().map(|k| k.to_string()).collect(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
        })
        .collect()
}
