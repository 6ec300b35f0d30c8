//! `cs-tools scorecard FILES… [--orders …] [--ratings …]`: the weighted KPI score and
//! grade per agent (绩效考核, docs/definitions.md#scorecard), from chats and orders or from a per-agent report.

use super::{Outcome, input_rule_items, lang, load_config, output_path, print_stdout, read_options, requested_period};
use crate::cli::{Format, ScorecardArgs};
use crate::compute::agent_reports::PeriodReport;
use crate::compute::agent_reports::agent_report_for;
use crate::compute::agents::AgentDirectory;
use crate::compute::conversion::ConversionResult;
use crate::compute::period::conversion_for;
use crate::compute::qa::{QaCollector, QaResult};
use crate::compute::scorecard::{self, AgentScore, unscored_ratings, uses_qa};
use crate::config::metrics;
use crate::config::{Config, ScorecardConfig};
use crate::error::{Error, Result};
use crate::inputs::{Everything, agent_report_rule_items, check_ratings_files, data_period, read_everything};
use crate::labels::{Lang, label};
use crate::model::Period;
use crate::quotes::Quotes;
use crate::report::metrics::{is_rate, metric_label};
use crate::report::{
    Column, ColumnKind, Highlight, Report, Rows, Sheet, Title, Value, issues_sheet, period_text, rules_sheet, shop_of,
    text, xlsx,
};
use chrono::NaiveDate;
use serde_json::{Value as Json, json};

pub fn run(args: &ScorecardArgs, today: NaiveDate) -> Result<Outcome> {
    let loaded = load_config(args.input.config.as_deref())?;
    let config = &loaded.config;
    let options = read_options(&args.input, config);
    let requested = requested_period(&args.period, today)?;
    let directory = AgentDirectory::new(&config.agents);
    let files: Vec<_> = args.files.iter().chain(&args.orders).chain(&args.ratings).cloned().collect();
    // docs/definitions.md#quality-inspection: the chat quality pass runs only when the scoring table scores it.
    let qa_rules = config.qa.effective();
    let collector = uses_qa(&config.scorecard)
        .then(|| Box::new(QaCollector::new(&qa_rules, &config.qa, requested, Quotes::spilled())));
    let all = read_everything(&files, &options, &loaded, &directory, None, collector)?;
    // Left for the exit to free (see `kept_until_exit`).
    let mut all = super::kept_until_exit(all);
    check_ratings_files(&all.read, &args.ratings)?;
    let lang = lang(&args.output);
    // Scores from chats on conversion, payment rate or 客单价 rest on orders: without them
    // every agent would be scored on zeros. A table of response times and QA needs none.
    if !all.receptions.is_empty() && config.scorecard.scores_from_orders() {
        crate::inputs::require_orders(lang, "scorecard", &all.read, &files, "inputs.instead_orders")?;
    }
    let qa = all.qa.take().map(|q| q.finish(&qa_rules, config, &all.buyers));
    // docs/definitions.md#quality-inspection: qa_score comes from message logs; session sheets and per-agent reports have
    // no text, so the metric would be empty for everyone without a word.
    if uses_qa(&config.scorecard) && qa.as_ref().is_none_or(|q| q.agents.is_empty()) && !args.output.quiet {
        eprintln!(
            "note: the scoring table scores qa_score, but no chat messages were read (session sheets and \
             per-agent reports carry no text): no agent has a qa_score. Give the message logs (聊天记录) to score it."
        );
    }
    let scored = compute(&all, requested, config, qa.as_ref()).map_err(|e| match e {
        Error::Input(m) => Error::Input(format!("{}: {m}", super::file_list(&files))),
        other => other,
    })?;
    let (period, scores) = (scored.period, &scored.scores);
    let has_orders = all.read.tables_of(crate::read::fields::SheetKind::Orders).next().is_some();
    let covered = period.map_or_else(Default::default, |p| {
        crate::report::coverage::Covered::of(
            p,
            has_orders.then_some(all.orders.as_slice()),
            &all.receptions,
            &all.summaries,
        )
    });
    covered.warn(lang);
    // docs/definitions.md#commands: a period with nothing to score is an error naming the dates the files cover.
    if scores.is_empty() && period.is_some() {
        let (what, span) = if all.receptions.is_empty() {
            ("paid orders", crate::compute::coverage::span_of(crate::inputs::paid_dates(&all.orders)))
        } else {
            ("chats", crate::compute::coverage::span_of(all.receptions.iter().map(|r| r.date())))
        };
        return Err(super::empty_period(what, period, span, &files, "--month or --from/--to"));
    }
    // Ratings given but neither rating metric scored: say how to score them.
    let unscored = unscored_ratings(scores, &config.scorecard);
    if !args.ratings.is_empty() && !unscored.is_empty() && !config.scorecard.scores_ratings() && !args.output.quiet {
        eprintln!("{}", unscored_hint(&unscored, loaded.path.as_deref()));
    }

    let problems = all.read.problems.len();
    match args.output.format {
        Format::Json => print_stdout(&format!("{}\n", json_summary(scores, period, problems))),
        Format::Csv | Format::Table | Format::Markdown | Format::Text => {
            let sheet = scorecard_sheet(scores, &config.scorecard, lang);
            print_stdout(&if args.output.format == Format::Csv { text::csv(&sheet) } else { text::table(&sheet) });
        }
        Format::Xlsx => {
            let label_text = period.map(|p| p.label()).unwrap_or_else(|| "all".into());
            let path = output_path(&args.output, "scorecard", &label_text, &files)?;
            let mut rules = vec![(
                label(lang, "rules.command").to_string(),
                format!("cs-tools {}", std::env::args().skip(1).collect::<Vec<_>>().join(" ")),
            )];
            if let Some(p) = period {
                rules.push((label(lang, "rules.period").to_string(), format!("{} – {}", p.from, p.to)));
            }
            rules.extend(covered.rule_items(lang));
            if let Some(report) = &scored.report {
                rules.extend(agent_report_rule_items(lang, report));
            }
            if uses_qa(&config.scorecard) {
                rules.extend(crate::report::qa::rule_items(&config.qa, &qa_rules, lang));
            }
            rules.extend(input_rule_items(lang, &all.read));
            let sheets = vec![
                scorecard_sheet(scores, &config.scorecard, lang),
                scoring_table_sheet(&config.scorecard, lang),
                issues_sheet(lang, &all.read.problems),
                rules_sheet(lang, rules),
            ];
            let shown =
                period.map(|p| period_text(p.from, p.to)).unwrap_or_else(|| label(lang, "title.as_exported").into());
            let title = covered.title(Title::new(lang, "title.scorecard", shown, shop_of(&all.orders)), lang);
            xlsx::write(&Report::titled(title, sheets), &path)?;
            if !args.output.quiet {
                print_stdout(&format!("scorecard: {} agents scored\nwrote {}\n", scores.len(), path.display()));
            }
        }
    }
    super::note_problems(problems, args.output.format);
    Ok(Outcome { problems, strict: args.output.strict })
}

/// How to score ratings the scoring table leaves out.
fn unscored_hint(unscored: &[&str], config: Option<&std::path::Path>) -> String {
    let target = match config {
        Some(path) => format!("to {}", path.display()),
        None => "to a cs-tools.toml (`cs-tools init` writes one with the default table)".to_string(),
    };
    format!(
        "ratings are shown in the report but not scored: the scoring table has no {} metric. To score them, \
         add {target}:\n  [[scorecard.metric]]\n  metric = \"satisfaction\"   # mean rating 1–5 (or \"satisfied_rate\": \
         (很满意 + 满意) / ratings)\n  weight = 10\n  bands = [[4.8, 100], [4.5, 90], [4.0, 70]]\n  else = 0\n\
         Metrics written in a config replace the whole default table: keep the default metrics in it too.",
        unscored.join(" or ")
    )
}

/// The scores of a period, and the per-agent report they came from (when they did).
pub struct Scored {
    pub period: Option<Period>,
    pub scores: Vec<AgentScore>,
    pub report: Option<PeriodReport>,
}

/// Metrics from chats and orders when there are chats, else from a per-agent report: the
/// period's rows summed per agent (docs/definitions.md#fields). `qa`: the chat quality pass, for `qa_score`.
pub fn compute(all: &Everything, requested: Option<Period>, config: &Config, qa: Option<&QaResult>) -> Result<Scored> {
    if !all.receptions.is_empty() {
        let period = data_period(requested, &all.receptions, &all.orders).expect("receptions have dates");
        let agents = all.order_agents();
        let (_, conversion) = conversion_for(&all.receptions, &all.orders, &agents, period, config);
        return Ok(from_conversion(all, period, &conversion, &agents, config, qa));
    }
    if !all.summaries.is_empty() {
        let report = agent_report_for(&all.summaries, requested)?;
        let period = requested
            .or_else(|| report.dates.map(|(from, to)| Period { from, to, kind: crate::model::PeriodKind::All }));
        let scores = scorecard::from_report(&report.agents, &all.ratings, period, qa, &config.scorecard);
        return Ok(Scored { period, scores, report: Some(report) });
    }
    Err(Error::Input(
        "no chat sheet and no per-agent report (客服绩效报表) found: a scorecard needs one of them; check the files with `cs-tools inspect`".into(),
    ))
}

/// Scores from chats whose conversion for `period` is already computed: `report` computes
/// it once for its conversion sheet and for the scorecard (classifying a month's receptions
/// twice was a fifth of its time). `agents`: the agent each order is attributed to.
pub fn from_conversion(
    all: &Everything,
    period: Period,
    conversion: &ConversionResult,
    agents: &[Option<&str>],
    config: &Config,
    qa: Option<&QaResult>,
) -> Scored {
    let scores = scorecard::from_chats(conversion, &all.orders, agents, period, &all.ratings, qa, &config.scorecard);
    Scored { period: Some(period), scores, report: None }
}

pub fn scorecard_sheet<'a>(scores: &'a [AgentScore], config: &ScorecardConfig, lang: Lang) -> Sheet<'a> {
    let l = |k| label(lang, k);
    // Values sit beside band thresholds: finer than the house formats, so 1.0975 does not print
    // as the 1.10 it failed to reach.
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
    let value = move |s: &AgentScore, name: &str| match s.metrics.get(name).copied().flatten() {
        Some(v) if is_rate(name) => Value::Rate(v),
        Some(v) => Value::Number(v),
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
fn threshold(metric: &str, t: f64) -> String {
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
