//! Saying what the inputs cover when it is less than the period (docs/coverage.md): one
//! note on stderr per input, the same words in every sheet's title and in the Rules sheet,
//! for every command.

use super::Title;
use crate::compute::coverage::{Coverage, order_span, span_of};
use crate::compute::receptions::Reception;
use crate::labels::{Lang, label, say};
use crate::model::{AgentReportLine, Order, Period, Phrase};
use chrono::NaiveDate;

/// An input whose dates decide what a report can say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    Orders,
    Chats,
    AgentReport,
}

impl Input {
    fn label_key(self) -> &'static str {
        match self {
            Input::Orders => "coverage.orders",
            Input::Chats => "coverage.chats",
            Input::AgentReport => "coverage.agent_report",
        }
    }
}

/// Each input's coverage of the report's period; only the partial ones are said.
#[derive(Debug, Clone, Default)]
pub struct Covered {
    period: Option<Period>,
    inputs: Vec<(Input, Coverage)>,
}

impl Covered {
    /// `inputs`: each input given, with the first and last date it holds (None: no date).
    pub fn new(period: Period, inputs: &[(Input, Option<(NaiveDate, NaiveDate)>)]) -> Covered {
        let inputs = inputs.iter().map(|(input, span)| (*input, Coverage::of(period, *span))).collect();
        Covered { period: Some(period), inputs }
    }

    /// The usual inputs of a command: orders (when any were read), receptions (when any), and
    /// a per-agent report by day (when it has dates).
    pub fn of(
        period: Period,
        orders: Option<&[Order]>,
        receptions: &[Reception],
        report: &[AgentReportLine],
    ) -> Covered {
        let mut inputs = Vec::new();
        if let Some(orders) = orders {
            inputs.push((Input::Orders, order_span(orders)));
        }
        if !receptions.is_empty() {
            inputs.push((Input::Chats, span_of(receptions.iter().map(|r| r.date()))));
        }
        if report.iter().any(|s| s.date.is_some()) {
            // A row of a range (a week) covers its days only when taken: whole in the period.
            let taken = |&(first, last): &(NaiveDate, NaiveDate)| {
                first == last || (period.contains(first) && period.contains(last))
            };
            let days = report.iter().filter_map(|s| s.days()).filter(taken).flat_map(|(first, last)| [first, last]);
            inputs.push((Input::AgentReport, span_of(days)));
        }
        Covered::new(period, &inputs)
    }

    fn partial(&self) -> impl Iterator<Item = &(Input, Coverage)> {
        self.inputs.iter().filter(|(_, c)| !c.is_whole())
    }

    /// "数据覆盖：订单 2026-10-01 至 2026-10-02（2/31 天）", None when every input is whole.
    pub fn text(&self, lang: Lang) -> Option<String> {
        let parts: Vec<String> = self.partial().map(|(input, c)| part(lang, *input, c)).collect();
        (!parts.is_empty()).then(|| say(lang, &Phrase::new("coverage.title").with("parts", parts.join("；"))))
    }

    /// The title with the coverage after the period, in every sheet.
    pub fn title(&self, title: Title, lang: Lang) -> Title {
        match self.text(lang) {
            Some(text) => title.with_coverage(text),
            None => title,
        }
    }

    /// The Rules sheet's line, when some input is partial.
    pub fn rule_items(&self, lang: Lang) -> Vec<(String, String)> {
        let Some(period) = self.period else { return Vec::new() };
        self.partial()
            .map(|(input, c)| (label(lang, "rules.coverage").to_string(), note(lang, *input, c, period)))
            .collect()
    }

    /// One line on stderr per partial input: what it covers, what it does not.
    pub fn warn(&self, lang: Lang) {
        for (_, text) in self.rule_items(lang) {
            eprintln!("{}{text}", label(lang, "note_prefix"));
        }
    }
}

fn part(lang: Lang, input: Input, c: &Coverage) -> String {
    let phrase = match c.span {
        Some((from, to)) => Phrase::new("coverage.part").with("from", from).with("to", to),
        None => Phrase::new("coverage.part_none"),
    };
    say(lang, &phrase.with_label("input", input.label_key()).with("days", c.days).with("total", c.period_days))
}

fn note(lang: Lang, input: Input, c: &Coverage, period: Period) -> String {
    let runs: Vec<String> = c.uncovered(period).iter().map(|(a, b)| run_text(lang, *a, *b)).collect();
    let phrase = match c.span {
        Some((from, to)) => Phrase::new("coverage.note").with("from", from).with("to", to),
        None => Phrase::new("coverage.note_none"),
    };
    let phrase = phrase
        .with_label("input", input.label_key())
        .with("days", c.days)
        .with("total", c.period_days)
        .with("period", run_text(lang, period.from, period.to))
        .with("missing", runs.join(if lang == Lang::Zh { "、" } else { ", " }));
    say(lang, &phrase)
}

fn run_text(lang: Lang, from: NaiveDate, to: NaiveDate) -> String {
    if from == to {
        return from.to_string();
    }
    say(lang, &Phrase::new("coverage.run").with("from", from).with("to", to))
}
