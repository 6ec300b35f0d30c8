//! The one table of sheet kinds, their fields and column aliases (docs/definitions.md#fields), and
//! header normalisation (docs/definitions.md#headers). `inspect` and every reader use this data.

/// What a sheet holds, decided from its header row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SheetKind {
    Orders,
    ChatMessages,
    ChatSessions,
    AgentReport,
    Ratings,
}

impl SheetKind {
    pub const ALL: [SheetKind; 5] = [
        SheetKind::Orders,
        SheetKind::ChatMessages,
        SheetKind::ChatSessions,
        SheetKind::AgentReport,
        SheetKind::Ratings,
    ];

    /// The name used in `[columns.<name>]` and in `inspect`.
    pub fn name(self) -> &'static str {
        match self {
            SheetKind::Orders => "orders",
            SheetKind::ChatMessages => "chats",
            SheetKind::ChatSessions => "sessions",
            SheetKind::AgentReport => "agent_summary",
            SheetKind::Ratings => "ratings",
        }
    }

    /// The label key of the kind's name in reports (src/messages/labels.rs).
    pub fn label_key(self) -> &'static str {
        match self {
            SheetKind::Orders => "kind.orders",
            SheetKind::ChatMessages => "kind.chats",
            SheetKind::ChatSessions => "kind.sessions",
            SheetKind::AgentReport => "kind.agent_summary",
            SheetKind::Ratings => "kind.ratings",
        }
    }

    pub fn fields(self) -> &'static [FieldDef] {
        match self {
            SheetKind::Orders => ORDER_FIELDS,
            SheetKind::ChatMessages => CHAT_FIELDS,
            SheetKind::ChatSessions => SESSION_FIELDS,
            SheetKind::AgentReport => AGENT_SUMMARY_FIELDS,
            SheetKind::Ratings => RATING_FIELDS,
        }
    }

    /// Fields that must all be mapped for a sheet to be of this kind.
    pub fn required(self) -> impl Iterator<Item = &'static str> {
        self.fields().iter().filter(|f| f.required).map(|f| f.name)
    }

    /// What a header lacks to be of this kind: each required field not mapped; docs/definitions.md#fields: an
    /// order sheet without a paid time is read by its status and dated by creation time, and a
    /// per-agent report needs one of its figures (a report without 销售额 still serves
    /// `scorecard` and `daily`, but a sheet with only a 客服 column is not a report).
    pub fn missing(self, mapped: impl Fn(&str) -> bool) -> Vec<String> {
        let by_status = self == SheetKind::Orders && mapped("status") && mapped("created_at");
        let mut missing: Vec<String> = self
            .required()
            .filter(|f| !mapped(f))
            .filter(|f| !(by_status && *f == "paid_at"))
            .map(|f| if self == SheetKind::Orders && f == "paid_at" { "paid_at (or status and created_at)" } else { f })
            .map(str::to_string)
            .collect();
        if self == SheetKind::AgentReport && !AGENT_SUMMARY_FIGURES.iter().any(|f| mapped(f)) {
            missing.push(AGENT_SUMMARY_FIGURES.join(" or "));
        }
        missing
    }

    /// A missing field as a user looks for it (from `missing`), in Chinese and in English: its
    /// first Chinese header, the field id and a few more aliases — `付款时间 (paid_at; also
    /// 支付时间, …)`. Field ids inside a longer entry (`paid_at (or status and created_at)`)
    /// become `付款时间 (paid_at)`.
    pub fn describe_missing(self, entry: &str) -> (String, String) {
        let field = |name: &str| self.fields().iter().find(|f| f.name == name);
        if let Some(f) = field(entry) {
            let mut aliases = f.aliases.iter().filter(|a| !a.is_ascii());
            let first = aliases.next().copied().unwrap_or(f.name);
            let more: Vec<&str> = aliases.by_ref().take(3).copied().collect();
            let (tail_zh, tail_en) = if aliases.next().is_some() { ("…", ", …") } else { ("", "") };
            return match more.is_empty() {
                true => (format!("{first}（{}）", f.name), format!("{first} ({})", f.name)),
                false => (
                    format!("{first}（{}；又作 {}{tail_zh}）", f.name, more.join("、")),
                    format!("{first} ({}; also {}{tail_en})", f.name, more.join(", ")),
                ),
            };
        }
        if let Some((head, rest)) = entry.split_once(" (or ").filter(|(h, _)| field(h).is_some()) {
            let (head_zh, head_en) = self.describe_missing(head);
            let (rest_zh, rest_en) = self.describe_missing(rest.trim_end_matches(')'));
            return (format!("{head_zh}；或者 {rest_zh}"), format!("{head_en} — or {rest_en}"));
        }
        let (mut zh, mut en) = (String::new(), String::new());
        let mut word = String::new();
        let flush = |word: &mut String, zh: &mut String, en: &mut String| {
            match word.as_str() {
                "or" => zh.push('或'),
                "and" => zh.push('和'),
                _ => match field(word).and_then(|f| f.aliases.iter().find(|a| !a.is_ascii())) {
                    Some(header) => zh.push_str(&format!("{header}（{word}）")),
                    None => zh.push_str(word),
                },
            }
            match field(word).and_then(|f| f.aliases.iter().find(|a| !a.is_ascii())) {
                Some(header) => en.push_str(&format!("{header} ({word})")),
                None => en.push_str(word),
            }
            word.clear();
        };
        for c in entry.chars() {
            if c.is_ascii_alphanumeric() || c == '_' {
                word.push(c);
            } else {
                flush(&mut word, &mut zh, &mut en);
                zh.push(c);
                en.push(c);
            }
        }
        flush(&mut word, &mut zh, &mut en);
        // Chinese joins 和/或 without spaces.
        (zh.replace(" 和 ", "和").replace(" 或 ", "或"), en)
    }

    /// Header names that exclude the kind even when its required fields map.
    pub fn excluded(self) -> &'static [&'static str] {
        match self {
            // docs/definitions.md#fields: a session sheet has a start column and no sender column.
            SheetKind::ChatSessions => &["sender"],
            _ => &[],
        }
    }

    /// The field that dates a row, for `inspect`'s date range.
    pub fn date_field(self) -> Option<&'static str> {
        match self {
            SheetKind::Orders => Some("paid_at"),
            SheetKind::ChatMessages | SheetKind::Ratings => Some("time"),
            SheetKind::ChatSessions => Some("start"),
            SheetKind::AgentReport => Some("date"),
        }
    }

    pub fn by_name(name: &str) -> Option<SheetKind> {
        SheetKind::ALL.into_iter().find(|k| k.name() == name)
    }
}

use super::order_words::field;
pub use super::order_words::{FieldDef, ORDER_FIELDS, TOTAL_ALIASES};

pub const CHAT_FIELDS: &[FieldDef] = &[
    field("time", &["时间", "发送时间", "消息时间", "聊天时间", "time"], true),
    field("agent", &["客服", "客服昵称", "客服账号", "子账号", "接待客服", "agent"], true),
    field("buyer", &["买家", "买家昵称", "买家会员名", "顾客", "客户", "buyer", "customer"], true),
    field("sender", &["发送方", "发送人", "发言人", "角色", "消息方向", "sender", "from"], true),
    field("content", &["内容", "消息内容", "聊天内容", "消息", "content", "message"], false),
    field("lost_reason", &["未成交原因", "流失原因", "未转化原因", "lost_reason"], false),
];

pub const SESSION_FIELDS: &[FieldDef] = &[
    field("agent", &["客服", "客服昵称", "客服账号", "子账号", "接待客服", "agent"], true),
    field("buyer", &["买家", "买家昵称", "买家会员名", "顾客", "客户", "buyer", "customer"], true),
    field("start", &["接待时间", "咨询时间", "开始时间", "start"], true),
    field("first_response_secs", &["首次响应时间", "首响时长", "first_response"], false),
    field("avg_response_secs", &["平均响应时间", "avg_response"], false),
    field("lost_reason", &["未成交原因", "流失原因", "未转化原因", "lost_reason"], false),
];

pub const AGENT_SUMMARY_FIELDS: &[FieldDef] = &[
    field("agent", &["客服昵称", "旺旺", "客服", "子账号", "客服账号"], true),
    // docs/definitions.md#fields: per-agent reports are often one row per agent per day.
    field("date", &["日期", "统计日期", "date"], false),
    // 飞鸽 客服数据: the row's shop (several shops' blocks in one sheet), and the account beside
    // the nickname. Neither is a figure; a structure row may carry its label in either.
    field("shop", &["店铺名称", "店铺"], false),
    field("account", &["账号名称", "客服账号", "子账号"], false),
    field("sales", &["销售额", "客服销售额", "客服询单支付额"], false),
    field("refund", &["完成退款金额", "退款金额"], false),
    field("consulted", &["咨询人数", "聊天人数", "人工接待人数"], false),
    field("received", &["接待人数", "人工已接待人数", "已接待人数"], false),
    field("inquiries", &["询单人数"], false),
    field("ordered", &["下单人数"], false),
    field("paid_buyers", &["询单->最终付款人数", "最终付款人数", "销售人数", "最终成团人数", "支付人数"], false),
    field("conversion", &["询单->最终付款转化率", "询单->最终付款成功率", "询单转化率"], false),
    field("first_response_secs", &["首次平均响应", "首次响应时间", "首响", "首次响应时长", "全天首响时长"], false),
    field(
        "avg_response_secs",
        &["平均响应", "平均响应时间", "平均人工响应时长", "平均响应时长", "新平均响应时长", "全天平响时长"],
        false,
    ),
    field("reply_rate", &["回复率", "客服回复率", "旺旺回复率"], false),
    // The platforms' 3-minute rate (the chats' reply_3min_rate). 3分钟人工回复率 (会话) is a
    // rate of sessions, not of buyers: its qualifier is kept (`normalize_header`), so it is not this.
    field(
        "reply_3min_rate",
        &["3分钟人工回复率", "全天3分钟回复率", "3分钟人工响应率", "3分钟人工回复率(8-23点)"],
        false,
    ),
    field("satisfied_rate", &["客户满意率", "满意率", "客户满意比", "全天满意率"], false),
    field("answer_ratio", &["答问比", "客服答问比"], false),
    // The counts behind 答问比 (赤兔 售前 reports): summed over days, the ratio is recomputed.
    field("buyer_messages", &["买家消息数"], false),
    field("agent_messages", &["客服消息数"], false),
];

/// A per-agent report maps its agent column and at least one of these figures. Response
/// times are left out: a session sheet (接待记录) has those columns too.
const AGENT_SUMMARY_FIGURES: &[&str] = &[
    "sales",
    "consulted",
    "received",
    "inquiries",
    "ordered",
    "paid_buyers",
    "conversion",
    "reply_rate",
    "reply_3min_rate",
    "answer_ratio",
];

pub const RATING_FIELDS: &[FieldDef] = &[
    field("agent", &["客服", "客服昵称", "客服账号", "子账号", "接待客服", "被评价的客服", "评价客服", "agent"], true),
    field("buyer", &["买家", "买家昵称", "买家会员名", "顾客", "客户", "客户 nick", "buyer", "customer"], false),
    field("time", &["时间", "评价时间", "time"], true),
    field("rating", &["评价", "评价结果", "满意度", "评分", "rating"], true),
    field("reason", &["不满意原因"], false),
];

/// docs/definitions.md#headers: trim (also U+3000, tabs, trailing spaces), drop a BOM, ASCII case-fold,
/// drop a trailing unit in brackets ("(元)", "（秒）"), and write arrows as `->`. A trailing
/// `延` (赤兔's delayed figures, docs/definitions.md#fields: 询单人数延 is 询单人数) is dropped only when what is
/// left is a per-agent report's column, so no other header changes.
pub fn normalize_header(raw: &str) -> String {
    let s = normalize_plain(raw);
    if let Some(base) = s.strip_suffix('延').map(normalize_plain)
        && AGENT_SUMMARY_FIELDS.iter().flat_map(|f| f.aliases).any(|a| normalize_plain(a) == base)
    {
        return base;
    }
    s
}

fn normalize_plain(raw: &str) -> String {
    let trimmed = raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{feff}');
    let mut s: String = trimmed.replace('→', "->").replace('－', "-").replace('＞', ">").to_ascii_lowercase();
    // A trailing unit: "(元)", "（元）", "(秒)", "（s）"; short, so "(含运费险)" style notes of
    // more than four characters are kept as part of the name. A qualifier that says what is
    // counted is no unit: 飞鸽's "3分钟人工回复率 (会话)" (of sessions) is not 3分钟人工回复率 (of
    // buyers), nor 快手's "三分钟回复率（人维度）" its "（会话）".
    for (open, close) in [('(', ')'), ('（', '）')] {
        if s.ends_with(close)
            && let Some(start) = s.rfind(open)
        {
            let inner = &s[start + open.len_utf8()..s.len() - close.len_utf8()];
            let counts_what = inner.contains("会话") || inner.contains("维度");
            if !inner.is_empty() && inner.chars().count() <= 4 && start > 0 && !counts_what {
                s.truncate(start);
                s = s.trim_end().to_string();
                break;
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_normalise_as_spec_says() {
        assert_eq!(normalize_header("订单付款时间 "), "订单付款时间");
        assert_eq!(normalize_header("\u{feff}订单编号"), "订单编号");
        assert_eq!(normalize_header("实付金额(元)"), "实付金额");
        assert_eq!(normalize_header("首次响应时间（秒）"), "首次响应时间");
        assert_eq!(normalize_header("Order ID"), "order id");
        assert_eq!(normalize_header("询单→最终付款人数"), "询单->最终付款人数");
        assert_eq!(normalize_header("\u{3000}客服\t"), "客服");
        // A qualifier of what is counted is kept: the session rate is another column.
        assert_eq!(normalize_header("3分钟人工回复率 (会话)"), "3分钟人工回复率 (会话)");
        assert_eq!(normalize_header("三分钟回复率（人维度）"), "三分钟回复率（人维度）");
        assert_eq!(normalize_header("首次响应时长（秒）"), "首次响应时长");
    }

    #[test]
    fn a_trailing_delay_mark_is_dropped_from_agent_report_headers_only() {
        assert_eq!(normalize_header("询单人数延"), "询单人数");
        assert_eq!(normalize_header("询单→最终付款成功率延"), "询单->最终付款成功率");
        assert_eq!(normalize_header("询单->最终付款人数延(人)"), "询单->最终付款人数");
        assert_eq!(normalize_header("平均响应(秒)延"), "平均响应");
        // Not a per-agent report's column: kept as written.
        assert_eq!(normalize_header("顺延"), "顺延");
        assert_eq!(normalize_header("订单编号延"), "订单编号延");
    }

    #[test]
    fn a_report_needs_its_agent_and_one_figure() {
        let has = |names: &'static [&'static str]| move |f: &str| names.contains(&f);
        assert!(SheetKind::AgentReport.missing(has(&["agent", "consulted"])).is_empty());
        assert!(SheetKind::AgentReport.missing(has(&["agent", "sales"])).is_empty());
        assert_eq!(SheetKind::AgentReport.missing(has(&["agent", "avg_response_secs"])).len(), 1);
        assert_eq!(SheetKind::Ratings.missing(has(&["agent"])), ["time", "rating"]);
    }

    #[test]
    fn a_missing_field_is_described_by_its_chinese_headers() {
        assert_eq!(
            SheetKind::Orders.describe_missing("paid_at (or status and created_at)").1,
            "订单付款时间 (paid_at; also 买家付款时间, 付款时间, 付款确认时间, …) — or 订单状态 (status) and 订单创建时间 (created_at)"
        );
        assert_eq!(SheetKind::Orders.describe_missing("status").1, "订单状态 (status; also 交易状态)");
        assert_eq!(
            SheetKind::Orders.describe_missing("paid_at (or status and created_at)").0,
            "订单付款时间（paid_at；又作 买家付款时间、付款时间、付款确认时间…）；或者 订单状态（status）和订单创建时间（created_at）"
        );
    }

    #[test]
    fn header_case_is_folded_like_aliases() {
        assert_eq!(normalize_header("订单ID"), normalize_header("订单id"));
        for kind in SheetKind::ALL {
            for f in kind.fields() {
                for a in f.aliases {
                    let once = normalize_header(a);
                    assert_eq!(normalize_header(&once), once, "{}.{}", kind.name(), f.name);
                }
            }
        }
    }
}
