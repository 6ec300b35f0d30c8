//! `--format markdown|text` (docs/definitions.md#commands): a summary of at most about 20 lines for the team's group
//! chat — the team's figures, the top and bottom agents, the top lost reasons, the hours nobody
//! covered — built once as lines and rendered either as the Markdown subset 钉钉 and 企业微信
//! robots render (`###`/`####` headings, `-` lists, `>` quotes; no tables) or as plain text.
//! Pure: fed by what the commands computed.

use crate::cli::Format;
use crate::compute::by_shop::ShopsCompared;
use crate::compute::conversion::ConversionResult;
use crate::compute::lost::KeywordMatcher;
use crate::compute::lost::Lost;
use crate::compute::payroll::Payroll;
use crate::config::{Config, LostCategory};
use crate::format::yuan;
use crate::labels::reason_label;
use crate::labels::{Lang, label};
use crate::model::AgentReportLine;
use crate::report::Title;

/// The longest summary, in lines (blank ones included): what a chat shows without "more".
#[cfg(test)]
pub const MAX_LINES: usize = 20;
/// Lost reasons shown.
const TOP_REASONS: usize = 3;
/// Agents named on one line when several share the top or bottom figure.
const NAMES_SHOWN: usize = 3;

/// One figure of a summary: `询单转化率：20.0%`. `change` is the comparison shown after the
/// value (▲/▼ against the day before…) once a history gives one; None: nothing shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub label: String,
    pub value: String,
    pub change: Option<String>,
}

impl Figure {
    pub fn new(label: impl Into<String>, value: impl Into<String>) -> Figure {
        Figure { label: label.into(), value: value.into(), change: None }
    }
}

/// A block of figures under an optional heading.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub heading: Option<String>,
    pub lines: Vec<Figure>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GroupMessage {
    pub lang: Lang,
    pub title: String,
    pub sections: Vec<Section>,
    /// Set out at the end (a quote in Markdown): the hours nobody covered.
    pub note: Option<Figure>,
}

/// The two renderings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Markdown,
    Text,
}

impl Style {
    /// The summary style of an output format; None for the others.
    pub fn of(format: Format) -> Option<Style> {
        match format {
            Format::Markdown => Some(Style::Markdown),
            Format::Text => Some(Style::Text),
            _ => None,
        }
    }
}

impl GroupMessage {
    /// One line per shop after the team's figures, with several shops (docs/definitions.md#shops).
    pub fn with_shops(mut self, compared: Option<&ShopsCompared>) -> GroupMessage {
        if let Some(section) = shops_section(self.lang, compared) {
            let at = 1.min(self.sections.len());
            self.sections.insert(at, section);
        }
        self
    }

    fn new(lang: Lang, title: &Title) -> GroupMessage {
        GroupMessage { lang, title: title.text(&title.report), sections: Vec::new(), note: None }
    }

    /// The hours nobody covered, where a schedule is part of the input (docs/definitions.md#schedule); none
    /// listed: everything was covered.
    #[cfg(test)]
    pub fn with_uncovered(mut self, hours: &[String]) -> GroupMessage {
        let value = if hours.is_empty() { "-".to_string() } else { hours.join(list_sep(self.lang)) };
        self.note = Some(Figure::new(label(self.lang, "summary.uncovered"), value));
        self
    }

    /// Rendered for `--format markdown` (else as text).
    /// The team figures' comparisons (`daily`: 环比 / 同比 from the inputs or the history), by
    /// the JSON names of docs/definitions.md#commands's comparisons; the team section's figures are in that order.
    pub fn with_team_changes(mut self, changes: &std::collections::BTreeMap<&'static str, String>) -> GroupMessage {
        const ORDER: [&str; 5] =
            ["inquiries_pct", "paid_buyers_pct", "conversion_pt", "sales_pct", "first_response_pct"];
        if let Some(team) = self.sections.first_mut() {
            for (line, key) in team.lines.iter_mut().zip(ORDER) {
                line.change = changes.get(key).map(|c| match self.lang {
                    Lang::Zh => format!("（{c}）"),
                    Lang::En => format!("({c})"),
                });
            }
        }
        self
    }

    pub fn render_as(&self, format: Format) -> String {
        self.render(Style::of(format).unwrap_or(Style::Text))
    }

    pub fn render(&self, style: Style) -> String {
        let colon = label(self.lang, "rules.colon");
        let figure = |f: &Figure| {
            let change = match f.change.as_deref() {
                Some(c) if c.starts_with('（') => c.to_string(),
                Some(c) => format!(" {c}"),
                None => String::new(),
            };
            format!("{}{colon}{}{change}", f.label, f.value)
        };
        let md = style == Style::Markdown;
        let mut lines = vec![if md { format!("### {}", self.title) } else { self.title.clone() }];
        for section in self.sections.iter().filter(|s| !s.lines.is_empty()) {
            // A blank line between blocks: robots join lines that are not list items.
            lines.push(String::new());
            if let Some(h) = &section.heading {
                // A heading, not bold text: a list right under a paragraph line is no list in
                // stricter Markdown renderers; under a heading it is in every one.
                lines.push(if md { format!("#### {h}") } else { h.clone() });
            }
            for f in &section.lines {
                lines.push(format!("{}{}", if md { "- " } else { "· " }, figure(f)));
            }
        }
        if let Some(note) = &self.note {
            lines.push(String::new());
            lines.push(format!("{}{}", if md { "> " } else { "" }, figure(note)));
        }
        lines.join("\n") + "\n"
    }
}

fn list_sep(lang: Lang) -> &'static str {
    if lang == Lang::Zh { "、" } else { ", " }
}

fn percent_f(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

fn rate(v: Option<f64>) -> String {
    v.map(percent_f).unwrap_or_else(|| "-".into())
}

fn secs(v: Option<f64>) -> String {
    v.map(|s| format!("{s:.1}")).unwrap_or_else(|| "-".into())
}

/// `n` as it reads: whole numbers without a decimal point.
fn count(v: f64) -> String {
    if v.fract() == 0.0 { format!("{}", v as i64) } else { format!("{v}") }
}

/// The top and bottom agents of a ranking (best first, each with its shown figure). Agents whose
/// figures read the same share a line; the bottom line is left out when everyone shares the top.
fn ranking(lang: Lang, heading: &'static str, ranked: Vec<(String, String)>) -> Section {
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for (name, value) in ranked {
        match groups.last_mut() {
            Some((v, names)) if *v == value => names.push(name),
            _ => groups.push((value, vec![name])),
        }
    }
    let line = |key: &'static str, (value, names): &(String, Vec<String>)| {
        let mut who = names.iter().take(NAMES_SHOWN).cloned().collect::<Vec<_>>().join(list_sep(lang));
        if names.len() > NAMES_SHOWN {
            let more = label(lang, "summary.more").replace("{n}", &names.len().to_string());
            who.push_str(&more.replace("{m}", &(names.len() - NAMES_SHOWN).to_string()));
        }
        Figure::new(label(lang, key), format!("{who} {value}"))
    };
    let mut lines: Vec<Figure> = groups.first().map(|g| line("summary.top", g)).into_iter().collect();
    if groups.len() > 1
        && let Some(g) = groups.last()
    {
        lines.push(line("summary.bottom", g));
    }
    Section { heading: Some(label(lang, heading).to_string()), lines }
}

/// The lost-reason keywords, for a summary only: reading scans buyer messages for them then.
pub struct Keywords {
    pub categories: Vec<LostCategory>,
    pub matcher: KeywordMatcher,
}

impl Keywords {
    pub fn for_format(format: Format, config: &Config) -> Option<Keywords> {
        Style::of(format)?;
        let categories = config.lost.effective();
        let matcher = KeywordMatcher::new(&categories);
        Some(Keywords { categories, matcher })
    }

    /// The period's lost reasons, for the summary's reasons block.
    pub fn lost<'a>(
        &'a self,
        all: &'a crate::inputs::Inputs,
        outcomes: &[crate::compute::conversion::ReceptionOutcome],
        period: crate::model::Period,
        slow_response_secs: u32,
    ) -> Lost<'a> {
        crate::compute::lost::lost_for(
            &all.receptions,
            &all.words,
            &all.buyers,
            outcomes,
            &self.categories,
            &self.matcher,
            period,
            slow_response_secs,
        )
    }
}

/// The most frequent lost reasons with their share of the lost inquiries (docs/definitions.md#lost-inquiries).
fn reasons(lang: Lang, lost: &Lost<'_>) -> Section {
    let total = lost.lost.len();
    let lines = lost
        .reasons
        .iter()
        .take(TOP_REASONS)
        .map(|(r, n)| {
            let share = if total == 0 { 0.0 } else { *n as f64 / total as f64 };
            let value =
                label(lang, "summary.count_share").replace("{n}", &n.to_string()).replace("{p}", &percent_f(share));
            Figure::new(reason_label(r, lost.categories, lang), value)
        })
        .collect();
    let heading = label(lang, "summary.reasons").replace("{n}", &total.to_string());
    Section { heading: Some(heading), lines }
}

/// The agents by conversion, best first, those without inquiries left out.
fn by_conversion(result: &ConversionResult) -> Vec<(String, String)> {
    crate::compute::period::by_conversion(&result.rows)
        .into_iter()
        .filter(|r| r.conversion.is_some())
        .map(|r| (r.agent.clone(), rate(r.conversion)))
        .collect()
}

/// `daily` and `conversion`: the team row's figures (docs/definitions.md#conversion), the sales of every paid order
/// (agents + 未归属), the agents by conversion, the top lost reasons.
pub fn conversion(lang: Lang, title: &Title, result: &ConversionResult, lost: Option<&Lost<'_>>) -> GroupMessage {
    let l = |k| label(lang, k);
    let t = &result.totals;
    let mut s = GroupMessage::new(lang, title);
    s.sections.push(Section {
        heading: Some(l("team").to_string()),
        lines: vec![
            Figure::new(l("inquiries"), t.inquiries.to_string()),
            Figure::new(l("paid_buyers"), t.paid_buyers.to_string()),
            Figure::new(l("conversion"), rate(t.conversion)),
            Figure::new(l("sales_with_unattributed"), yuan(result.shop.sales)),
            Figure::new(l("first_response"), secs(t.first_response_secs)),
        ]
        .into_iter()
        .chain(rates_line(lang, result))
        .collect(),
    });
    s.sections.push(ranking(lang, "summary.by_conversion", by_conversion(result)));
    s.sections.extend(lost.map(|lost| reasons(lang, lost)));
    s
}

/// The team's platform response rates (docs/definitions.md#conversion) as one line, the
/// summary staying within its lines: `3分钟人工响应率 / 30秒应答率：58.2% / 8.0%`; a rate with
/// nothing counted shows as missing.
fn rates_line(lang: Lang, result: &ConversionResult) -> Option<Figure> {
    if result.rates.is_empty() {
        return None;
    }
    let names: Vec<String> = result.rates.iter().map(|r| crate::labels::response_rate(lang, r)).collect();
    let values: Vec<String> = (0..result.rates.len()).map(|i| rate(result.totals.response_rate(i))).collect();
    Some(Figure::new(names.join(" / "), values.join(" / ")))
}

/// `daily` from a per-agent report (客服绩效报表): its team row and agents by conversion.
pub fn agent_report(lang: Lang, title: &Title, agents: &[AgentReportLine], team: &AgentReportLine) -> GroupMessage {
    let l = |k| label(lang, k);
    let opt = |v: Option<f64>| v.map(count).unwrap_or_else(|| "-".into());
    let mut s = GroupMessage::new(lang, title);
    let mut lines = vec![
        Figure::new(l("inquiries"), opt(team.inquiries)),
        Figure::new(l("paid_buyers"), opt(team.paid_buyers)),
        Figure::new(l("conversion"), rate(team.conversion)),
    ];
    lines.extend(team.sales.map(|m| Figure::new(l("sales"), yuan(m))));
    lines.push(Figure::new(l("first_response"), secs(team.first_response_secs)));
    s.sections.push(Section { heading: Some(l("team").to_string()), lines });
    let mut ranked: Vec<&AgentReportLine> = agents.iter().filter(|a| a.conversion.is_some()).collect();
    let key = |a: &AgentReportLine| a.conversion.unwrap_or(-1.0);
    ranked.sort_by(|a, b| key(b).total_cmp(&key(a)).then(a.agent.cmp(&b.agent)));
    let ranked = ranked.into_iter().map(|a| (a.agent.to_string(), rate(a.conversion))).collect();
    s.sections.push(ranking(lang, "summary.by_conversion", ranked));
    s
}

/// With several shops (docs/definitions.md#shops): one line per shop, its net sales, its
/// commission and, with chats, its conversion (missing where it cannot be told).
pub fn shops_section(lang: Lang, compared: Option<&ShopsCompared>) -> Option<Section> {
    let c = compared?;
    let l = |k| label(lang, k);
    let with_chats = c.shops.iter().any(|s| s.chats.is_some());
    let sep = " · ";
    let lines = c
        .shops
        .iter()
        .map(|shop| {
            let mut parts = vec![format!("{} {}", l("net"), yuan(shop.amounts.net))];
            parts.extend(shop.commission.map(|m| format!("{} {}", l("commission"), yuan(m))));
            if with_chats {
                // A shop without chats, or whose orders name no buyer: conversion missing.
                let conversion = shop.chats.as_ref().filter(|_| !shop.no_buyers).and_then(|c| c.conversion);
                parts.push(format!("{} {}", l("conversion"), rate(conversion)));
            }
            Figure::new(super::shops::shop_label(lang, &shop.name), parts.join(sep))
        })
        .collect();
    Some(Section { heading: Some(l("sheet.shops").to_string()), lines })
}

/// `commission`: the totals (agents + 未归属, docs/definitions.md#commission) and the agents by commission.
pub fn commission(lang: Lang, title: &Title, c: &Payroll<'_>) -> GroupMessage {
    let l = |k| label(lang, k);
    let t = &c.result.totals;
    let mut s = GroupMessage::new(lang, title);
    let mut lines: Vec<Figure> = t.orders.map(|n| Figure::new(l("orders"), n.to_string())).into_iter().collect();
    lines.extend([
        Figure::new(l("paid"), yuan(t.paid)),
        Figure::new(l("refund"), yuan(t.refund)),
        Figure::new(l("net"), yuan(t.net)),
        Figure::new(l("commission"), yuan(c.result.total_commission)),
        Figure::new(l("unattributed"), yuan(c.result.unattributed.net)),
    ]);
    s.sections.push(Section { heading: Some(l("sales_all").to_string()), lines });
    s.sections.extend(shops_section(lang, c.shops.as_ref()));
    let ranked = crate::compute::payroll::by_commission(&c.result.rows)
        .into_iter()
        .map(|r| (r.agent.clone(), yuan(r.commission)))
        .collect();
    s.sections.push(ranking(lang, "summary.by_commission", ranked));
    s
}

/// `report`: sales and commission, the team's conversion figures when chats were given, the
/// agents by conversion (by commission without chats), the top lost reasons.
pub fn report(
    lang: Lang,
    title: &Title,
    c: Option<&Payroll<'_>>,
    conv: &ConversionResult,
    lost: &Lost<'_>,
    with_chats: bool,
    qa_score: Option<f64>,
) -> GroupMessage {
    let l = |k| label(lang, k);
    let t = &conv.totals;
    let mut s = GroupMessage::new(lang, title);
    // Without orders (report --no-orders) money and conversion are missing: —, never 0.
    let missing = || "—".to_string();
    let mut lines = vec![
        Figure::new(l("sales_with_unattributed"), c.map_or_else(missing, |c| yuan(c.result.totals.net))),
        Figure::new(l("commission"), c.map_or_else(missing, |c| yuan(c.result.total_commission))),
    ];
    if with_chats {
        lines.extend([
            Figure::new(l("inquiries"), t.inquiries.to_string()),
            Figure::new(l("paid_buyers"), c.map_or_else(missing, |_| t.paid_buyers.to_string())),
            Figure::new(l("conversion"), c.map_or_else(missing, |_| rate(t.conversion))),
            Figure::new(l("first_response"), secs(t.first_response_secs)),
        ]);
        lines.extend(rates_line(lang, conv));
    }
    if let Some(score) = qa_score {
        lines.push(Figure::new(l("report.qa_score"), format!("{score:.1}")));
    }
    s.sections.push(Section { heading: Some(l("team").to_string()), lines });
    let Some(c) = c else {
        // Nothing to rank by conversion: the agents by inquiring buyers, and the note.
        let mut by_inquiries: Vec<_> = conv.rows.iter().collect();
        by_inquiries.sort_by(|a, b| b.inquiries.cmp(&a.inquiries).then(a.agent.cmp(&b.agent)));
        let ranked = by_inquiries.into_iter().map(|r| (r.agent.clone(), r.inquiries.to_string())).collect();
        s.sections.push(ranking(lang, "summary.by_inquiries", ranked));
        s.sections
            .push(Section { heading: None, lines: vec![Figure::new(l("rules.orders"), l("report.no_orders_note"))] });
        return s;
    };
    s.sections.extend(shops_section(lang, c.shops.as_ref()));
    if with_chats {
        s.sections.push(ranking(lang, "summary.by_conversion", by_conversion(conv)));
        s.sections.push(reasons(lang, lost));
    } else {
        let ranked = crate::compute::payroll::by_commission(&c.result.rows)
            .into_iter()
            .map(|r| (r.agent.clone(), yuan(r.commission)))
            .collect();
        s.sections.push(ranking(lang, "summary.by_commission", ranked));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(lang: Lang) -> GroupMessage {
        let title = Title::new(lang, "title.daily", "2026-10-05", None);
        let mut s = GroupMessage::new(lang, &title);
        s.sections.push(Section {
            heading: Some(label(lang, "team").into()),
            lines: vec![Figure::new("询单人数", "5"), Figure::new("询单转化率", "20.0%")],
        });
        let ranked = [("阿杰", "100.0%"), ("木木", "0.0%"), ("小美", "0.0%"), ("佳佳", "0.0%"), ("小王", "0.0%")];
        let ranked = ranked.iter().map(|(a, v)| (a.to_string(), v.to_string())).collect();
        s.sections.push(ranking(lang, "summary.by_conversion", ranked));
        s
    }

    #[test]
    fn markdown_uses_the_robot_subset_and_text_has_no_markup() {
        let s = sample(Lang::Zh).with_uncovered(&["周一 02:00".into(), "周日 23:00".into()]);
        assert_eq!(
            s.render(Style::Markdown),
            "### 客服日报 · 2026-10-05\n\n#### 团队\n- 询单人数：5\n- 询单转化率：20.0%\n\n#### 客服（按询单转化率）\n\
             - 最高：阿杰 100.0%\n- 最低：木木、小美、佳佳 等 4 人 0.0%\n\n> 无人值守时段：周一 02:00、周日 23:00\n"
        );
        assert_eq!(
            s.render(Style::Text),
            "客服日报 · 2026-10-05\n\n团队\n· 询单人数：5\n· 询单转化率：20.0%\n\n客服（按询单转化率）\n\
             · 最高：阿杰 100.0%\n· 最低：木木、小美、佳佳 等 4 人 0.0%\n\n无人值守时段：周一 02:00、周日 23:00\n"
        );
    }

    #[test]
    fn a_change_follows_its_value_once_a_history_gives_one() {
        let mut s = sample(Lang::En);
        s.sections[0].lines[1].change = Some("▲ 5.0 pt".into());
        let md = s.render(Style::Markdown);
        assert!(md.contains("- 询单转化率: 20.0% ▲ 5.0 pt\n"), "{md}");
        assert!(md.contains("- Bottom: 木木, 小美, 佳佳 and 1 more 0.0%\n"), "{md}");
    }

    #[test]
    fn one_shared_figure_has_no_bottom_line_and_no_schedule_no_hours_line() {
        let ranked = vec![("a".to_string(), "50.0%".to_string()), ("b".to_string(), "50.0%".to_string())];
        let section = ranking(Lang::En, "summary.by_conversion", ranked);
        assert_eq!(section.lines, vec![Figure::new("Top", "a, b 50.0%")]);
        let md = sample(Lang::En).render(Style::Markdown);
        assert!(!md.contains('>'), "{md}");
        assert!(md.lines().count() <= MAX_LINES);
    }
}
