//! The chat quality inspection as sheets and JSON (docs/definitions.md#quality-inspection): the
//! summary per agent, every finding, the service norms' rates, the auto-replies and the rules used.

use super::coverage::Covered;
use super::{Column, ColumnKind, Highlight, Report, Rows, Sheet, Title, Value, issues_sheet, period_text, rules_sheet};
use crate::compute::qa::{AgentQa, Check, Norm, QaResult};
use crate::config::{QaConfig, QaRule, ScorecardConfig};
use crate::error::Result;
use crate::labels::{Lang, label};
use crate::model::Period;
use crate::read::ReadLog;
use serde_json::{Value as Json, json};

/// Findings listed in the JSON summary.
const JSON_FINDINGS: usize = 1000;

/// The Rules sheet's lines for `[qa]`; `grades`: the grades QA scores take.
pub fn rule_items(qa: &QaConfig, rules: &[QaRule], grades: &ScorecardConfig, lang: Lang) -> Vec<(String, String)> {
    let mut items = vec![(
        label(lang, "rules.qa_scoring").to_string(),
        label(lang, "rules.qa_scoring_how").replace("{secs}", &qa.slow_turn_secs.to_string()),
    )];
    if let Some(scale) = qa.scale {
        items.push((format!("qa.scale = {scale}"), label(lang, "rules.qa_scale_unused").to_string()));
    }
    items.extend([
        (label(lang, "rules.qa_grades").to_string(), grade_text(grades, qa, lang)),
        (label(lang, "rules.qa_greetings").to_string(), qa.greetings.join(" ")),
        (
            label(lang, "rules.qa_rules").to_string(),
            label(lang, "rules.qa_rules_where").replace("{n}", &rules.len().to_string()),
        ),
    ]);
    items
}

/// The grades in one line, best first, and where they come from: "A ≥ 90, B ≥ 80, C ≥ 70, else D".
fn grade_text(grades: &ScorecardConfig, qa: &QaConfig, lang: Lang) -> String {
    let bands: Vec<String> = grades_best_first(grades).iter().map(|(g, min)| format!("{g} ≥ {min}")).collect();
    let whence = if qa.grades.is_empty() { "rules.qa_grades_scorecard" } else { "rules.qa_grades_own" };
    label(lang, "rules.qa_grades_list")
        .replace("{bands}", &bands.join(label(lang, "rules.qa_grades_sep")))
        .replace("{below}", &grades.below)
        .replace("{whence}", label(lang, whence))
}

fn grades_best_first(grades: &ScorecardConfig) -> Vec<(&String, f64)> {
    let mut list: Vec<(&String, f64)> = grades.grades.iter().map(|(g, m)| (g, *m)).collect();
    list.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
    list
}

/// The scoring table the QA scores come from, shown beside them: the points of each word rule
/// and norm, how a reception and an agent are scored, and the grades.
pub fn scoring_table<'a>(rules: &[QaRule], qa: &QaConfig, grades: &ScorecardConfig, lang: Lang) -> Sheet<'a> {
    let t = |k| label(lang, k);
    let columns = vec![
        Column::new(t("qa.scoring_item"), ColumnKind::Text),
        Column::new(t("qa.rule_points"), ColumnKind::Number),
        Column::new(t("qa.scoring_how"), ColumnKind::Text),
    ];
    let mut rows: Vec<Vec<Value>> =
        rules.iter().map(|r| vec![Value::text(rule_label(r, lang)), Value::Number(r.points), Value::Empty]).collect();
    rows.extend(Norm::ALL.iter().map(|n| {
        let how = match n {
            Norm::NoGreeting => t("qa.how_greeting").replace("{words}", &qa.greetings.join(" ")),
            Norm::SlowTurn => t("qa.how_slow").replace("{secs}", &qa.slow_turn_secs.to_string()),
            Norm::Unanswered => t("qa.how_unanswered").to_string(),
            Norm::Repeat => t("qa.how_repeat").to_string(),
        };
        vec![Value::text(check_label(Check::Norm(*n), rules, lang)), Value::Number(n.points(qa)), Value::text(how)]
    }));
    rows.push(vec![Value::text(t("qa.scoring_reception")), Value::Empty, Value::text(t("qa.scoring_reception_how"))]);
    rows.push(vec![Value::text(t("qa.score")), Value::Empty, Value::text(t("qa.scoring_agent_how"))]);
    let best_first = grades_best_first(grades);
    let lowest = best_first.last().map(|(_, min)| *min);
    for (g, min) in &best_first {
        let text = t("qa.grade_at_least").replace("{min}", &min.to_string());
        rows.push(vec![Value::text(format!("{} {g}", t("grade"))), Value::Empty, Value::text(text)]);
    }
    let below = lowest.map(|min| t("qa.grade_lowest").replace("{min}", &min.to_string())).unwrap_or_default();
    rows.push(vec![Value::text(format!("{} {}", t("grade"), grades.below)), Value::Empty, Value::text(below)]);
    Sheet::new(t("sheet.qa_scoring"), columns, Rows::Owned(rows))
}

pub fn rule_label(rule: &QaRule, lang: Lang) -> String {
    if rule.has_default_label() {
        crate::labels::named(lang, "qa_rule", &rule.id).unwrap_or(&rule.label).to_string()
    } else {
        rule.label.clone()
    }
}

pub fn check_label(check: Check, rules: &[QaRule], lang: Lang) -> String {
    match check {
        Check::Rule(i) => rule_label(&rules[i as usize], lang),
        Check::Norm(n) => crate::labels::named(lang, "qa_norm", n.id()).unwrap_or(n.id()).to_string(),
    }
}

fn check_id(check: Check, rules: &[QaRule]) -> String {
    match check {
        Check::Rule(i) => rules[i as usize].id.clone(),
        Check::Norm(n) => n.id().to_string(),
    }
}

/// Agents by rank, then name.
fn ranked(result: &QaResult) -> Vec<&AgentQa> {
    let mut rows: Vec<&AgentQa> = result.agents.iter().collect();
    rows.sort_by(|a, b| a.rank.cmp(&b.rank).then(a.agent.cmp(&b.agent)));
    rows
}

fn summary_row<'a>(a: &AgentQa, name: Value<'a>, rank: Value<'a>) -> Vec<Value<'a>> {
    let mut row = vec![name, Value::Int(a.receptions as i64), Value::Int(a.messages as i64)];
    row.extend(a.by_rule.iter().map(|n| Value::Int(*n as i64)));
    row.extend(a.by_norm.iter().map(|n| Value::Int(*n as i64)));
    row.extend([
        Value::Int(a.findings() as i64),
        Value::Int(a.flagged as i64),
        Value::Number(a.points),
        Value::Number(a.score),
        Value::text(a.grade.clone()),
        rank,
    ]);
    row
}

/// The per-agent summary with the team row; in a workbook, the scoring table beside it.
pub fn summary_sheet<'a>(result: &QaResult, rules: &[QaRule], qa: &QaConfig, lang: Lang) -> Sheet<'a> {
    let t = |k| label(lang, k);
    let mut columns = vec![
        Column::new(t("agent"), ColumnKind::Text),
        Column::new(t("qa.receptions"), ColumnKind::Int),
        Column::new(t("qa.messages"), ColumnKind::Int),
    ];
    columns.extend(rules.iter().map(|r| Column::new(rule_label(r, lang), ColumnKind::Int)));
    columns.extend(Norm::ALL.iter().map(|n| Column::new(check_label(Check::Norm(*n), rules, lang), ColumnKind::Int)));
    columns.extend([
        Column::new(t("qa.findings"), ColumnKind::Int),
        Column::new(t("qa.flagged"), ColumnKind::Int),
        Column::new(t("qa.points"), ColumnKind::Number),
        Column::new(t("qa.score"), ColumnKind::Number),
        Column::new(t("qa.grade"), ColumnKind::Text),
        Column::new(t("qa.rank"), ColumnKind::Int),
    ]);
    let score_col = columns.len() - 3;
    let rows: Vec<Vec<Value>> = ranked(result)
        .into_iter()
        .map(|a| summary_row(a, Value::text(a.agent.to_string()), Value::Int(i64::from(a.rank))))
        .collect();
    let mut sheet = Sheet::new(t("sheet.qa_summary"), columns, Rows::Owned(rows));
    sheet.totals = Some(summary_row(&result.team, Value::text(t("qa.team")), Value::Empty));
    sheet.highlights = vec![Highlight::ColorScale(score_col)];
    sheet.beside = Some(Box::new(scoring_table(rules, qa, &result.grades, lang)));
    sheet
}

pub fn findings_sheet<'a>(result: &'a QaResult, rules: &[QaRule], lang: Lang) -> Sheet<'a> {
    let t = |k| label(lang, k);
    let columns = vec![
        Column::new(t("agent"), ColumnKind::Text),
        Column::new(t("buyer"), ColumnKind::Text),
        Column::new(t("qa.time"), ColumnKind::DateTime),
        Column::new(t("qa.check"), ColumnKind::Text),
        Column::new(t("qa.word"), ColumnKind::Text),
        Column::new(t("qa.message"), ColumnKind::Text),
        Column::new(t("qa.buyer_before"), ColumnKind::Text),
        Column::new(t("qa.wait"), ColumnKind::Int),
    ];
    let rows = result
        .findings
        .iter()
        .map(|f| {
            vec![
                Value::text(&*f.agent),
                Value::text(&*f.buyer),
                Value::DateTime(f.at),
                Value::text(check_label(f.check, rules, lang)),
                Value::text(&*f.word),
                Value::text(&*f.message),
                f.buyer_before.as_deref().map(Value::text).unwrap_or(Value::Empty),
                f.wait_secs.map(Value::Int).unwrap_or(Value::Empty),
            ]
        })
        .collect();
    Sheet::new(t("sheet.qa_findings"), columns, Rows::Owned(rows))
}

fn rate(n: u64, d: u64) -> Value<'static> {
    if d == 0 { Value::Empty } else { Value::Rate(n as f64 / d as f64) }
}

fn norms_row<'a>(a: &AgentQa, name: Value<'a>) -> Vec<Value<'a>> {
    let n = |x: Norm| a.by_norm[x as usize];
    vec![
        name,
        Value::Int(a.first_replies as i64),
        Value::Int(n(Norm::NoGreeting) as i64),
        rate(a.first_replies - n(Norm::NoGreeting).min(a.first_replies), a.first_replies),
        Value::Int(a.turns as i64),
        Value::Int(n(Norm::SlowTurn) as i64),
        rate(n(Norm::SlowTurn), a.turns),
        Value::Int(a.buyer_receptions as i64),
        Value::Int(n(Norm::Unanswered) as i64),
        rate(n(Norm::Unanswered), a.buyer_receptions),
        Value::Int(n(Norm::Repeat) as i64),
    ]
}

pub fn norms_sheet<'a>(result: &QaResult, lang: Lang) -> Sheet<'a> {
    let t = |k| label(lang, k);
    let norm = |n: Norm| crate::labels::named(lang, "qa_norm", n.id()).unwrap_or(n.id());
    let columns = vec![
        Column::new(t("agent"), ColumnKind::Text),
        Column::new(t("qa.first_replies"), ColumnKind::Int),
        Column::new(norm(Norm::NoGreeting), ColumnKind::Int),
        Column::new(t("qa.greeting_rate"), ColumnKind::Rate),
        Column::new(t("qa.turns"), ColumnKind::Int),
        Column::new(norm(Norm::SlowTurn), ColumnKind::Int),
        Column::new(t("qa.slow_rate"), ColumnKind::Rate),
        Column::new(t("qa.buyer_receptions"), ColumnKind::Int),
        Column::new(norm(Norm::Unanswered), ColumnKind::Int),
        Column::new(t("qa.unanswered_rate"), ColumnKind::Rate),
        Column::new(norm(Norm::Repeat), ColumnKind::Int),
    ];
    let rows = result.agents.iter().map(|a| norms_row(a, Value::text(a.agent.to_string()))).collect();
    let mut sheet = Sheet::new(t("sheet.qa_norms"), columns, Rows::Owned(rows));
    sheet.totals = Some(norms_row(&result.team, Value::text(t("qa.team"))));
    sheet
}

fn autos_sheet<'a>(result: &'a QaResult, rules: &[QaRule], lang: Lang) -> Sheet<'a> {
    let t = |k| label(lang, k);
    let columns = vec![
        Column::new(t("qa.auto_text"), ColumnKind::Text),
        Column::new(t("qa.sent"), ColumnKind::Int),
        Column::new(t("qa.auto_hits"), ColumnKind::Text),
        Column::new(t("qa.word"), ColumnKind::Text),
    ];
    let rows = result
        .autos
        .iter()
        .map(|a| {
            let checks: Vec<String> = a.hits.iter().map(|(r, _)| rule_label(&rules[*r], lang)).collect();
            let words: Vec<&str> = a.hits.iter().map(|(_, w)| w.as_str()).collect();
            vec![
                Value::text(&*a.text),
                Value::Int(a.count as i64),
                Value::text(if checks.is_empty() { t("qa.none").to_string() } else { checks.join("、") }),
                Value::text(words.join(" ")),
            ]
        })
        .collect();
    Sheet::new(t("sheet.qa_autos"), columns, Rows::Owned(rows))
}

fn rules_list_sheet<'a>(rules: &[QaRule], qa: &QaConfig, lang: Lang) -> Sheet<'a> {
    let t = |k| label(lang, k);
    let columns = vec![
        Column::new(t("qa.rule_id"), ColumnKind::Text),
        Column::new(t("qa.check"), ColumnKind::Text),
        Column::new(t("qa.keywords"), ColumnKind::Text),
        Column::new(t("qa.except"), ColumnKind::Text),
        Column::new(t("qa.rule_points"), ColumnKind::Number),
    ];
    let mut rows: Vec<Vec<Value>> = rules
        .iter()
        .map(|r| {
            vec![
                Value::text(r.id.clone()),
                Value::text(rule_label(r, lang)),
                Value::text(r.keywords.join(" ")),
                Value::text(r.except.join(" ")),
                Value::Number(r.points),
            ]
        })
        .collect();
    rows.extend(Norm::ALL.iter().map(|n| {
        let words = if *n == Norm::NoGreeting { qa.greetings.join(" ") } else { String::new() };
        vec![
            Value::text(n.id()),
            Value::text(check_label(Check::Norm(*n), rules, lang)),
            Value::text(words),
            Value::Empty,
            Value::Number(n.points(qa)),
        ]
    }));
    Sheet::new(t("sheet.qa_rules"), columns, Rows::Owned(rows))
}

fn agent_json(a: &AgentQa, rules: &[QaRule]) -> Json {
    let mut findings = serde_json::Map::new();
    for (r, n) in rules.iter().zip(&a.by_rule) {
        findings.insert(r.id.clone(), json!(n));
    }
    for n in Norm::ALL {
        findings.insert(n.id().to_string(), json!(a.by_norm[n as usize]));
    }
    json!({
        "receptions": a.receptions,
        "messages": a.messages,
        "findings": findings,
        "receptions_with_findings": a.flagged,
        "points": a.points,
        "score": a.score,
        "grade": a.grade,
    })
}

/// docs/definitions.md#quality-inspection / §5.1: rows per agent (by name), the first 1,000 findings.
fn json_summary(result: &QaResult, rules: &[QaRule], period: Period, issues: usize) -> Json {
    let rows: Vec<Json> = result
        .agents
        .iter()
        .map(|a| {
            let mut row = agent_json(a, rules);
            row["agent"] = json!(&*a.agent);
            row["rank"] = json!(a.rank);
            row
        })
        .collect();
    let findings: Vec<Json> = result
        .findings
        .iter()
        .take(JSON_FINDINGS)
        .map(|f| {
            json!({
                "agent": &*f.agent,
                "buyer": &*f.buyer,
                "time": f.at.format("%Y-%m-%d %H:%M:%S").to_string(),
                "rule": check_id(f.check, rules),
                "word": &*f.word,
                "message": &*f.message,
                "buyer_before": f.buyer_before.as_deref(),
                "wait_secs": f.wait_secs,
            })
        })
        .collect();
    let autos: Vec<Json> = result
        .autos
        .iter()
        .map(|a| {
            let hits: Vec<Json> = a.hits.iter().map(|(r, w)| json!({"rule": rules[*r].id, "word": w})).collect();
            json!({"text": &*a.text, "count": a.count, "findings": hits})
        })
        .collect();
    json!({
        "command": "qa",
        "period": {"from": period.from.to_string(), "to": period.to.to_string()},
        "rows": rows,
        "unattributed": null,
        "totals": agent_json(&result.team, rules),
        "findings": findings,
        "findings_total": result.team.findings(),
        "auto_replies": autos,
        "issues": issues,
    })
}

/// `cs-tools qa`'s result, ready for every format.
pub struct QaReport<'a> {
    pub result: &'a QaResult,
    /// The rules checked, defaults and `[[qa.rule]]` together.
    pub rules: &'a [QaRule],
    pub qa: &'a QaConfig,
    pub period: Period,
    pub read: &'a ReadLog,
    /// What the chats cover of the period, said in every title.
    pub covered: &'a Covered,
    /// The shop named by the orders, when some were given.
    pub shop: Option<String>,
}

impl super::output::Output for QaReport<'_> {
    fn name(&self) -> &'static str {
        "qa"
    }

    fn period_label(&self) -> String {
        self.period.label()
    }

    fn json(&self) -> Json {
        json_summary(self.result, self.rules, self.period, self.read.problems.len())
    }

    fn table(&self, lang: Lang) -> Sheet<'_> {
        summary_sheet(self.result, self.rules, self.qa, lang)
    }

    fn workbook(&self, lang: Lang) -> Result<Report<'_>> {
        let mut items = super::output::rules_head(lang, self.period);
        items.extend(self.covered.rule_items(lang));
        items.extend(rule_items(self.qa, self.rules, &self.result.grades, lang));
        items.extend(super::inputs::input_rule_items(lang, self.read));
        let sheets = vec![
            summary_sheet(self.result, self.rules, self.qa, lang),
            findings_sheet(self.result, self.rules, lang),
            norms_sheet(self.result, lang),
            autos_sheet(self.result, self.rules, lang),
            rules_list_sheet(self.rules, self.qa, lang),
            issues_sheet(lang, &self.read.problems),
            rules_sheet(lang, items),
        ];
        let title = Title::new(lang, "title.qa", period_text(self.period.from, self.period.to), self.shop.clone());
        Ok(Report::titled(self.covered.title(title, lang), sheets))
    }

    fn written(&self, path: &std::path::Path) -> String {
        let summary = msg!(
            "run.qa.summary",
            from = self.period.from,
            to = self.period.to,
            receptions = self.result.team.receptions,
            findings = self.result.team.findings(),
            score = format!("{:.2}", self.result.team.score),
        );
        format!("{summary}\n{}\n", msg!("run.wrote", path = path.display()))
    }
}
