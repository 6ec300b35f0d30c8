//! The scorecard as sheets and JSON (docs/definitions.md#scorecard): scores, sub-scores and
//! grades per agent, and the scoring table used, so a score can be checked by hand.

use super::metrics::{is_rate, metric_label};
use super::{Column, ColumnKind, Highlight, Rows, Sheet, Value};
use crate::compute::scorecard::{AgentScore, Scored, unscored_ratings};
use crate::config::metrics;
use crate::config::{Config, LoadedConfig, QaRule, ScorecardConfig};
use crate::labels::{Lang, label};
use crate::model::{Order, Period};
use crate::read::ReadLog;
use serde_json::{Value as Json, json};

/// How to score ratings the scoring table leaves out.
pub fn unscored_hint(unscored: &[&str], config: Option<&std::path::Path>) -> String {
    let target = match config {
        Some(path) => msg!("run.scorecard.target_file", path = path.display()),
        None => msg!("run.scorecard.target_new"),
    };
    msg!("run.scorecard.unscored", metrics = unscored.join(&msg!("run.sep.or")), target = target)
}

/// Decimals a metric value beside band thresholds keeps (of the fraction for a rate: 65.99%).
const BAND_DECIMALS: u32 = 4;

/// A metric value as the scorecard shows it (docs/decisions.md#scorecard): cut to
/// `BAND_DECIMALS` toward the bands it has not reached — down where higher is better, up where
/// lower is — so that the value shown reaches a threshold of up to four decimals exactly when
/// the value does: 1.09996 shows as 1.0999 beside ≥1.10, never 1.1000.
pub fn shown_beside_bands(value: f64, lower_is_better: bool) -> f64 {
    use rust_decimal::prelude::{FromPrimitive, RoundingStrategy, ToPrimitive};
    let Some(d) = rust_decimal::Decimal::from_f64(value) else { return value };
    let towards =
        if lower_is_better { RoundingStrategy::ToPositiveInfinity } else { RoundingStrategy::ToNegativeInfinity };
    d.round_dp_with_strategy(BAND_DECIMALS, towards).to_f64().unwrap_or(value)
}

pub fn scorecard_sheet<'a>(scores: &'a [AgentScore], config: &ScorecardConfig, lang: Lang) -> Sheet<'a> {
    let l = |k| label(lang, k);
    // Values sit beside band thresholds: four decimals (two of a percent), cut toward the band
    // not reached, so 1.0996 does not print as the 1.10 it failed to reach.
    let value_kind = |name: &str| if is_rate(name) { ColumnKind::FineRate } else { ColumnKind::FineNumber };
    let mut columns = vec![Column::new(l("rank"), ColumnKind::Int), Column::new(l("agent"), ColumnKind::Text)];
    for m in &config.metric {
        columns.push(Column::new(metric_label(&m.metric, lang), value_kind(&m.metric)));
        columns.push(Column::new(format!("{} {}", metric_label(&m.metric, lang), l("sub_score")), ColumnKind::Number));
    }
    let unscored = unscored_ratings(scores, config);
    for name in &unscored {
        columns.push(Column::new(format!("{}{}", metric_label(name, lang), l("unscored")), value_kind(name)));
    }
    columns.push(Column::new(l("score"), ColumnKind::Number));
    columns.push(Column::new(l("grade"), ColumnKind::Text));
    let score_col = columns.len() - 2;
    let lower = |name: &str| config.metric.iter().any(|m| m.metric == name && m.lower_is_better);
    let value = move |s: &AgentScore, name: &str| match s.metrics.get(name).copied().flatten() {
        Some(v) if is_rate(name) => Value::Rate(shown_beside_bands(v, lower(name))),
        Some(v) => Value::Number(shown_beside_bands(v, lower(name))),
        None => Value::text(l("missing")),
    };
    let rows = scores
        .iter()
        .map(|s| {
            let rank = s.rank.map(|r| Value::Int(i64::from(r))).unwrap_or(Value::Empty);
            let mut row = vec![rank, Value::text(s.agent.as_str())];
            for m in &config.metric {
                row.push(value(s, &m.metric));
                row.push(
                    s.scores.get(&m.metric).copied().flatten().map(Value::Number).unwrap_or(Value::text(l("missing"))),
                );
            }
            row.extend(unscored.iter().map(|name| value(s, name)));
            row.push(s.score.map(Value::Number).unwrap_or(Value::Empty));
            row.push(s.grade.as_deref().map(Value::text).unwrap_or(Value::Empty));
            row
        })
        .collect();
    let mut sheet = Sheet::new(l("sheet.scorecard"), columns, Rows::Owned(rows));
    sheet.highlights = vec![Highlight::ColorScale(score_col)];
    sheet
}

/// A threshold as a lead writes it: rates in percent (65%), other numbers as they are.
/// Fractions keep two decimals at least, as the default table writes them (≥1.10).
pub fn threshold(metric: &str, t: f64) -> String {
    if is_rate(metric) {
        return format!("{}%", (t * 10_000.0).round() / 100.0);
    }
    let t = (t * 1e6).round() / 1e6;
    let two = format!("{t:.2}");
    if t.fract() == 0.0 {
        format!("{t}")
    } else if two.parse::<f64>() == Ok(t) {
        two
    } else {
        format!("{t}")
    }
}

/// The scoring table used, so a score can be checked by hand: each metric's bands (rates in
/// percent) and the score below every band, each grade's minimum, the lowest grade, and how
/// the total is made.
pub fn scoring_table_sheet<'a>(config: &ScorecardConfig, lang: Lang) -> Sheet<'a> {
    let l = |k| label(lang, k);
    let columns = vec![
        Column::new(l("metric"), ColumnKind::Text),
        Column::new(l("weight"), ColumnKind::Number),
        Column::new(l("scoring"), ColumnKind::Text),
        Column::new(l("else_score"), ColumnKind::Number),
    ];
    let mut rows: Vec<Vec<Value>> = config
        .metric
        .iter()
        .map(|m| {
            let op = if m.lower_is_better { "≤" } else { "≥" };
            let t = |x| threshold(&m.metric, x);
            let (scoring, otherwise) = match (&m.bands, &m.linear) {
                (Some(b), _) => (
                    b.iter().map(|(x, s)| format!("{op}{} → {s}", t(*x))).collect::<Vec<_>>().join(", "),
                    Value::Number(m.otherwise),
                ),
                (_, Some(lin)) => (
                    l("scoring.linear").replace("{worst}", &t(lin.worst)).replace("{best}", &t(lin.best)),
                    Value::Empty,
                ),
                _ => (String::new(), Value::Number(m.otherwise)),
            };
            vec![Value::text(metric_label(&m.metric, lang)), Value::Number(m.weight), Value::text(scoring), otherwise]
        })
        .collect();
    rows.push(vec![Value::text(l("score.formula")), Value::Empty, Value::text(l("score.formula_text")), Value::Empty]);
    let mut grades: Vec<(&String, &f64)> = config.grades.iter().collect();
    grades.sort_by(|a, b| b.1.total_cmp(a.1).then(a.0.cmp(b.0)));
    let lowest = grades.last().map(|(_, min)| **min);
    for (g, min) in grades {
        let text = l("grade.at_least").replace("{min}", &threshold("", *min));
        rows.push(vec![Value::text(format!("{} {g}", l("grade"))), Value::Empty, Value::text(text), Value::Empty]);
    }
    let below = match lowest {
        Some(min) => l("grade.lowest").replace("{min}", &threshold("", min)),
        None => String::new(),
    };
    rows.push(vec![
        Value::text(format!("{} {}", l("grade"), config.below)),
        Value::Empty,
        Value::text(below),
        Value::Empty,
    ]);
    Sheet::new(l("sheet.scoring"), columns, Rows::Owned(rows))
}

/// docs/definitions.md#json scorecard shape: rows sorted by agent name.
pub fn json_summary(scores: &[AgentScore], period: Option<Period>, issues: usize) -> Json {
    let mut rows: Vec<&AgentScore> = scores.iter().collect();
    rows.sort_by(|a, b| a.agent.cmp(&b.agent));
    let rows: Vec<Json> = rows
        .into_iter()
        .map(|s| {
            let metrics: serde_json::Map<String, Json> =
                metrics::scorecard().map(|m| (m.id.to_string(), json!(s.metrics.get(m.id).copied().flatten()))).collect();
            let scores: serde_json::Map<String, Json> = s.scores.iter().map(|(k, v)| (k.clone(), json!(v))).collect();
            json!({"agent": s.agent, "metrics": metrics, "scores": scores, "score": s.score, "grade": s.grade, "rank": s.rank})
        })
        .collect();
    let period = match period {
        Some(p) => json!({"from": p.from.to_string(), "to": p.to.to_string()}),
        None => json!({"from": null, "to": null}),
    };
    json!({"command": "scorecard", "period": period, "rows": rows, "unattributed": null, "totals": null, "issues": issues})
}

/// `cs-tools scorecard`'s result, ready for every format.
pub struct ScorecardReport<'a> {
    pub scored: &'a Scored,
    pub config: &'a Config,
    /// The QA rules in use, when the scoring table scores `qa_score`.
    pub qa_rules: Option<&'a [QaRule]>,
    pub read: &'a ReadLog,
    pub orders: &'a [Order],
    /// What the inputs cover of the period, said in every title.
    pub covered: &'a super::coverage::Covered,
    /// The shops side by side, with two or more named shops (docs/definitions.md#shops).
    pub shops: Option<&'a crate::compute::by_shop::ShopsCompared>,
}

impl super::output::Output for ScorecardReport<'_> {
    fn name(&self) -> &'static str {
        "scorecard"
    }

    fn period_label(&self) -> String {
        self.scored.period.map(|p| p.label()).unwrap_or_else(|| "all".into())
    }

    fn json(&self) -> Json {
        let mut v = json_summary(&self.scored.scores, self.scored.period, self.read.problems.len());
        super::shops::add_json(&mut v, self.shops);
        super::shops::add_person_shops_json(&mut v, self.shops);
        v
    }

    fn table(&self, lang: Lang) -> Sheet<'_> {
        scorecard_sheet(&self.scored.scores, &self.config.scorecard, lang)
    }

    fn workbook(&self, lang: Lang) -> crate::error::Result<super::Report<'_>> {
        let period = self.scored.period;
        let mut rules = vec![(label(lang, "rules.command").to_string(), super::output::command_line())];
        if let Some(p) = period {
            rules.push((label(lang, "rules.period").to_string(), format!("{} – {}", p.from, p.to)));
        }
        rules.extend(self.covered.rule_items(lang));
        if let Some(report) = &self.scored.report {
            rules.extend(crate::inputs::agent_report_rule_items(lang, report));
        } else if !self.orders.is_empty() {
            // Sales, 客单价 and payment rate of chats and orders follow the rule.
            rules.push(super::output::attribution_rule_item(lang, self.config));
        }
        if let Some(qa_rules) = self.qa_rules {
            let grades = self.config.qa.grade_table(&self.config.scorecard);
            rules.extend(super::qa::rule_items(&self.config.qa, qa_rules, &grades, lang));
        }
        rules.extend(super::inputs::input_rule_items(lang, self.read));
        let mut scores = scorecard_sheet(&self.scored.scores, &self.config.scorecard, lang);
        super::shops::add_person_shops(&mut scores, 1, self.shops, lang);
        let mut sheets = vec![
            scores,
            scoring_table_sheet(&self.config.scorecard, lang),
            super::issues_sheet(lang, &self.read.problems),
            super::rules_sheet(lang, rules),
        ];
        super::shops::push_sheet(&mut sheets, self.shops, lang);
        let shown =
            period.map(|p| super::period_text(p.from, p.to)).unwrap_or_else(|| label(lang, "title.as_exported").into());
        let shop = self.shops.and_then(|s| s.title()).or_else(|| super::shop_of(self.orders));
        let title = super::Title::new(lang, "title.scorecard", shown, shop);
        Ok(super::Report::titled(self.covered.title(title, lang), sheets))
    }

    fn written(&self, path: &std::path::Path) -> String {
        let summary = msg!("run.scorecard.summary", agents = self.scored.scores.len());
        format!("{summary}\n{}\n", msg!("run.wrote", path = path.display()))
    }
}

/// The hint for ratings given but not scored, from the config in use.
pub fn unscored_note(scored: &Scored, loaded: &LoadedConfig) -> Option<String> {
    let unscored = unscored_ratings(&scored.scores, &loaded.config.scorecard);
    (!unscored.is_empty() && !loaded.config.scorecard.scores_ratings())
        .then(|| unscored_hint(&unscored, loaded.path.as_deref()))
}

#[cfg(test)]
mod tests {
    use super::shown_beside_bands;

    /// A value shown beside bands reaches a threshold exactly when the value does: cut toward
    /// the band not reached, never rounded across it.
    #[test]
    fn a_value_is_cut_toward_the_band_it_missed() {
        // fixtures/month (three chat files): 晨晨's 客单价比 against ≥1.10 → 60.
        assert_eq!(shown_beside_bands(1.0996263222317932, false), 1.0996);
        assert_eq!(shown_beside_bands(1.09996, false), 1.0999);
        assert_eq!(shown_beside_bands(1.10, false), 1.1);
        assert_eq!(shown_beside_bands(0.57, false), 0.57);
        assert_eq!(shown_beside_bands(0.541666, false), 0.5416);
        // Lower is better (seconds against ≤30): up, so 30.00004 never shows as 30.
        assert_eq!(shown_beside_bands(30.00004, true), 30.0001);
        assert_eq!(shown_beside_bands(30.0, true), 30.0);
        assert_eq!(shown_beside_bands(174.35135, true), 174.3514);
    }
}
