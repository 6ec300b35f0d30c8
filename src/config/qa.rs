//! `[qa]` settings and docs/definitions.md#quality-inspection's default word rules, greetings and norm points.

use super::ScorecardConfig;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `[qa]`: chat quality inspection (质检, docs/definitions.md#quality-inspection).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct QaConfig {
    /// true: only the rules below; false: they replace defaults of the same id and the
    /// others are added after the defaults.
    pub replace_defaults: bool,
    /// The agent's first reply of a reception contains one of these.
    pub greetings: Vec<String>,
    /// A buyer turn answered later than this is a slow turn.
    pub slow_turn_secs: u32,
    /// No longer used: each reception is scored from 100 (docs/definitions.md#quality-inspection).
    /// Still read, so that a config written for the earlier per-100-receptions score loads.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scale: Option<f64>,
    /// `[qa.grades]`: grade → minimum QA score; empty: the scorecard's grades.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub grades: BTreeMap<String, f64>,
    /// The grade below every minimum of `[qa.grades]` (with them; default "D").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub below: Option<String>,
    pub norms: QaNorms,
    pub rule: Vec<QaRule>,
}

/// `[qa.norms]`: points deducted per service-norm finding.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct QaNorms {
    pub no_greeting: f64,
    pub slow_turn: f64,
    pub unanswered: f64,
    pub repeat: f64,
}

impl Default for QaNorms {
    fn default() -> Self {
        QaNorms { no_greeting: 5.0, slow_turn: 5.0, unanswered: 10.0, repeat: 5.0 }
    }
}

/// `[[qa.rule]]`: a word rule.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct QaRule {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub keywords: Vec<String>,
    /// Exceptions: a keyword match covered by one of these is not a finding (最近 is not 最).
    #[serde(default)]
    pub except: Vec<String>,
    pub points: f64,
}

impl Default for QaConfig {
    fn default() -> Self {
        QaConfig {
            replace_defaults: false,
            greetings: DEFAULT_GREETINGS.iter().map(|g| g.to_string()).collect(),
            slow_turn_secs: 180,
            scale: None,
            grades: BTreeMap::new(),
            below: None,
            norms: QaNorms::default(),
            rule: default_qa_rules(),
        }
    }
}

impl QaConfig {
    /// The word rules in order: defaults replaced by id, others added after them.
    pub fn effective(&self) -> Vec<QaRule> {
        if self.replace_defaults {
            return self.rule.clone();
        }
        let mut out = default_qa_rules();
        for r in &self.rule {
            match out.iter_mut().find(|d| d.id == r.id) {
                Some(slot) => *slot = r.clone(),
                None => out.push(r.clone()),
            }
        }
        out
    }

    /// The grades QA scores take: `[qa.grades]` (and `[qa] below`), else the scorecard's.
    pub fn grade_table(&self, scorecard: &ScorecardConfig) -> ScorecardConfig {
        if self.grades.is_empty() {
            return ScorecardConfig { metric: Vec::new(), ..scorecard.clone() };
        }
        ScorecardConfig {
            below: self.below.clone().unwrap_or_else(|| "D".into()),
            grades: self.grades.clone(),
            metric: Vec::new(),
        }
    }

    pub fn validate(&self) -> Result<(), String> {
        let mut ids = std::collections::BTreeSet::new();
        for r in &self.rule {
            if r.id.trim().is_empty() || r.label.trim().is_empty() {
                return Err(msg!("config.err.qa_needs_id"));
            }
            if !ids.insert(r.id.as_str()) {
                return Err(msg!("config.err.qa_id_twice", id = &r.id));
            }
            if !(r.points >= 0.0 && r.points.is_finite()) {
                return Err(msg!("config.err.qa_points", id = &r.id));
            }
            if r.keywords.iter().any(|k| k.is_empty()) || r.except.iter().any(|k| k.is_empty()) {
                return Err(msg!("config.err.qa_keyword_empty", id = &r.id));
            }
        }
        let n = &self.norms;
        if [n.no_greeting, n.slow_turn, n.unanswered, n.repeat].iter().any(|p| !(*p >= 0.0 && p.is_finite())) {
            return Err(msg!("config.err.qa_norms"));
        }
        if self.grades.iter().any(|(g, min)| g.trim().is_empty() || !min.is_finite())
            || self.below.as_deref().is_some_and(|b| b.trim().is_empty())
        {
            return Err(msg!("config.err.qa_grades"));
        }
        if self.slow_turn_secs > 7 * 86_400 {
            return Err(msg!(
                "config.err.too_big",
                key = "qa.slow_turn_secs",
                value = self.slow_turn_secs,
                max = 7 * 86_400
            ));
        }
        Ok(())
    }
}

pub const DEFAULT_GREETINGS: &[&str] = &["您好", "你好", "亲", "在的", "欢迎"];

/// docs/definitions.md#quality-inspection's word rules: (id, label, keywords, except, points).
pub type DefaultQaRule = (&'static str, &'static str, &'static [&'static str], &'static [&'static str], f64);

pub const DEFAULT_QA_RULES: &[DefaultQaRule] = &[
    (
        "off_platform",
        "引导站外交易",
        &["微信", "vx", "V信", "加我", "QQ", "扣扣", "支付宝转账", "私下", "银行卡", "二维码", "手机号"],
        &[],
        20.0,
    ),
    (
        "ad_law",
        "广告法极限词",
        &["最", "第一", "顶级", "极品", "国家级", "全网最低", "100%", "永久", "无敌", "根治", "绝对"],
        &["最近", "最后", "最少", "最晚", "最早", "最快", "最好是", "第一次", "第一时间", "绝对值"],
        10.0,
    ),
    ("fake_review", "好评返现/刷单", &["好评返现", "返现", "刷单", "晒单返", "五星好评送"], &[], 20.0),
    (
        "rude",
        "服务态度",
        &["爱买不买", "你自己看", "不会自己看", "你听不懂", "烦不烦", "随便你", "说了多少遍", "自己去查"],
        &[],
        15.0,
    ),
    ("promise", "承诺风险", &["保证", "包退包换", "假一赔十", "绝对不会坏", "肯定不会"], &[], 10.0),
];

impl QaRule {
    /// One of the default rules with its default label: shown by its id's label in the
    /// report's language.
    pub fn has_default_label(&self) -> bool {
        DEFAULT_QA_RULES.iter().any(|(id, label, ..)| *id == self.id && *label == self.label)
    }
}

pub fn default_qa_rules() -> Vec<QaRule> {
    let strings = |items: &[&str]| items.iter().map(|s| s.to_string()).collect();
    DEFAULT_QA_RULES
        .iter()
        .map(|(id, label, keywords, except, points)| QaRule {
            id: id.to_string(),
            label: label.to_string(),
            keywords: strings(keywords),
            except: strings(except),
            points: *points,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::config::{Config, ScorecardConfig};

    /// `[qa.grades]` with `below` grade QA scores; without them the scorecard's grades do.
    /// A config written for the earlier score (`scale`) still loads.
    #[test]
    fn qa_grades_of_their_own_else_the_scorecards() {
        let config = Config::parse("[qa]\nscale = 0.1\nbelow = \"待改进\"\n[qa.grades]\n\"优秀\" = 85.0\n").unwrap();
        let table = config.qa.grade_table(&config.scorecard);
        assert_eq!((table.below.as_str(), table.grades.len(), table.grades["优秀"]), ("待改进", 1, 85.0));
        let default = Config::default();
        let table = default.qa.grade_table(&default.scorecard);
        assert_eq!((table.below, table.grades), (ScorecardConfig::default().below, ScorecardConfig::default().grades));
        assert!(Config::parse("[qa]\nbelow = \" \"\n").is_err());
        assert!(Config::parse("[qa.grades]\n\"\" = 60.0\n").is_err());
    }
}
