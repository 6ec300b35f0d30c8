//! Every label a report shows, in Chinese and English (`--lang`), in one table.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

/// (key, 中文, English)
const LABELS: &[(&str, &str, &str)] = &[
    // sheets
    ("sheet.summary", "汇总", "Summary"),
    ("sheet.detail", "明细", "Detail"),
    ("sheet.issues", "问题", "Issues"),
    ("sheet.rules", "规则", "Rules"),
    // commission
    ("agent", "客服", "Agent"),
    ("orders", "订单数", "Orders"),
    ("paid", "实付金额", "Paid"),
    ("refund", "退款金额", "Refund"),
    ("net", "净销售额", "Net"),
    ("base", "提成基数", "Base"),
    ("rate", "提成比例/档位", "Rate"),
    ("multiplier", "KPI系数", "Multiplier"),
    ("commission", "提成", "Commission"),
    ("unattributed", "未归属", "Unattributed"),
    ("total", "合计", "Total"),
    ("chart.commission", "各客服提成", "Commission by agent"),
    ("chart.amount", "金额 (元)", "Amount (¥)"),
    // conversion
    ("sheet.by_duration", "按聊天时长", "By duration"),
    ("sheet.receptions", "接待明细", "Receptions"),
    ("consulted", "咨询人数", "Consulted"),
    ("received", "接待人数", "Received"),
    ("inquiries", "询单人数", "Inquiries"),
    ("ordered", "下单人数", "Ordered"),
    ("paid_buyers", "付款人数", "Paid buyers"),
    ("conversion", "询单转化率", "Conversion"),
    ("order_rate", "询单→下单率", "Order rate"),
    ("sales", "销售额", "Sales"),
    ("aov", "客单价", "AOV"),
    ("first_response", "首次响应(秒)", "First response (s)"),
    ("avg_response", "平均响应(秒)", "Avg response (s)"),
    ("reply_rate", "回复率", "Reply rate"),
    ("answer_ratio", "答问比", "Answer ratio"),
    ("slow", "慢响应", "Slow receptions"),
    ("team", "团队", "Team"),
    ("bucket", "聊天时长", "Chat length"),
    ("inquiry_receptions", "询单数", "Inquiries"),
    ("converted", "下单数", "Converted"),
    ("rate_converted", "转化率", "Rate"),
    ("start", "开始时间", "Start"),
    ("messages", "消息数", "Messages"),
    ("type", "类型", "Type"),
    ("converting_order", "成交订单", "Converting order"),
    ("type.inquiry", "询单", "inquiry"),
    ("type.after_sales", "售后", "after-sales"),
    ("type.no_buyer", "买家未发言", "no buyer message"),
    ("chart.sales", "各客服销售额", "Sales by agent"),
    ("chart.by_duration", "聊天时长与转化", "Conversion by chat length"),
    ("chart.count", "询单数", "Inquiries"),
    ("silent_sales", "静默销售额", "Silent sales"),
    ("rules.chats", "聊天记录", "Chats"),
    // lost
    ("sheet.reasons", "未成交原因", "Reasons"),
    ("sheet.reasons_agents", "原因×客服", "Reasons by agent"),
    ("sheet.evidence", "买家原话", "Evidence"),
    ("sheet.lost", "未成交询单", "Lost inquiries"),
    ("reason", "原因", "Reason"),
    ("reason_id", "代码", "ID"),
    ("count", "数量", "Count"),
    ("share", "占比", "Share"),
    ("lost", "未成交", "Lost"),
    ("time", "时间", "Time"),
    ("quote", "买家原话", "Buyer's words"),
    ("rule", "判定规则", "Rule"),
    ("keywords", "命中关键词", "Keywords"),
    ("chart.reasons", "未成交原因", "Why inquiries were lost"),
    (
        "rules.no_orders",
        "未提供订单：所有询单都计为未成交，也无法识别售后",
        "no orders given: every inquiry counts as lost and none can be recognised as after-sales",
    ),
    ("rules.categories", "原因类别", "Categories"),
    // report
    ("sheet.overview", "总览", "Overview"),
    ("sheet.commission", "提成", "Commission"),
    ("sheet.conversion", "询单转化", "Conversion"),
    ("sheet.daily", "每日趋势", "Daily trend"),
    ("chart.daily", "每日销售额与转化率", "Daily sales and conversion"),
    ("date", "日期", "Date"),
    // schedule
    ("sheet.heat_per_agent", "每客服买家数", "Buyers per agent"),
    ("sheet.heat_receptions", "新接待", "Receptions"),
    ("sheet.heat_on_duty", "在岗人数", "On duty"),
    ("sheet.flags", "需关注时段", "Flagged hours"),
    ("sheet.agents", "客服排班", "Agents"),
    ("sheet.unstaffed", "无人排班日期", "Unstaffed dates"),
    ("weekday", "星期", "Weekday"),
    ("hour", "时段", "Hour"),
    ("buyer_messages", "买家消息", "Buyer messages"),
    ("on_duty", "在岗", "On duty"),
    ("per_agent", "每客服买家", "Per agent"),
    ("flag", "标记", "Flag"),
    ("flag.unstaffed", "有咨询无人在岗", "buyers but nobody on duty"),
    ("flag.overloaded", "超出每客服上限", "over the per-agent limit"),
    ("shifts", "班次", "Shifts"),
    ("hours", "工时", "Hours"),
    ("days_off", "休息天数", "Days off"),
    ("leave", "请假天数", "Leave days"),
    // scorecard
    ("sheet.scorecard", "绩效考核", "Scorecard"),
    ("payment_rate", "支付率", "Payment rate"),
    ("aov_ratio", "客单价比", "AOV ratio"),
    ("refund_rate", "退款率", "Refund rate"),
    ("satisfaction", "满意度", "Satisfaction"),
    ("satisfied_rate", "满意率", "Satisfied rate"),
    ("sheet.scoring", "评分标准", "Scoring table"),
    ("rank", "排名", "Rank"),
    ("sub_score", "得分", "score"),
    ("score", "总分", "Score"),
    ("grade", "等级", "Grade"),
    ("missing", "无数据", "missing"),
    ("metric", "指标", "Metric"),
    ("weight", "权重", "Weight"),
    ("scoring", "评分", "Scoring"),
    ("else", "其余", "Else"),
    ("below", "以下", "below the rest"),
    // detail
    ("order_id", "订单编号", "Order ID"),
    ("buyer", "买家", "Buyer"),
    ("paid_at", "付款时间", "Paid at"),
    ("source", "归属依据", "Source"),
    ("evidence", "证据", "Evidence"),
    ("source.agent_column", "客服列", "agent column"),
    ("source.memo", "商家备注", "memo"),
    ("source.chat", "聊天记录", "chat"),
    ("source.none", "未归属", "unattributed"),
    ("rate.flat", "固定", "flat"),
    ("rate.step", "全额累进", "step"),
    ("rate.progressive", "超额累进", "progressive"),
    ("rate.no_tier", "未达档位", "below first tier"),
    // issues
    ("file", "文件", "File"),
    ("sheet", "工作表", "Sheet"),
    ("row", "行", "Row"),
    ("column", "列", "Column"),
    ("value", "原始值", "Value"),
    ("problem", "问题", "Problem"),
    ("action", "处理", "Action"),
    // rules
    ("item", "项目", "Item"),
    ("setting", "内容", "Value"),
    ("rules.command", "命令", "Command"),
    ("rules.period", "期间", "Period"),
    ("rules.by_paid_date", "按付款日期", "by paid date"),
    ("rules.no_dates", "按导出期间（客服绩效报表不含日期）", "as exported (a per-agent report has no dates)"),
    ("rules.commission", "提成规则", "Commission rule"),
    ("rules.base_net", "基数：净销售额（扣除退款）", "base: net sales (after refunds)"),
    ("rules.base_paid", "基数：实付金额（不扣退款）", "base: paid amounts (before refunds)"),
    ("rules.postage", "邮费不计提成", "postage deducted"),
    ("rules.default_rule", "默认规则：未提供 cs-tools.toml 和 --rate", "the default: no cs-tools.toml and no --rate"),
    ("rules.kpi", "KPI系数", "KPI multipliers"),
    ("rules.kpi_summary", "按客服绩效报表中的指标计算", "from the per-agent report's metrics"),
    ("rules.agent_report", "客服绩效报表", "Per-agent report"),
    ("rules.by_report_date", "按客服绩效报表的日期", "by the per-agent report's dates"),
    ("rules.kpi_chats", "按聊天记录计算的本期转化率等指标", "from the period's conversion figures in the chats"),
    (
        "rules.kpi_no_chats",
        "需要聊天记录计算转化率：本报告所有客服系数为 1",
        "need conversion figures from chats: multiplier 1 for every agent",
    ),
    ("rules.attribution", "归属顺序", "Attribution"),
    ("rules.orders", "订单", "Orders"),
    ("rules.input", "输入文件", "Input file"),
    ("rules.sheet", "工作表", "Sheet"),
    ("rules.config", "配置文件", "Config file"),
    ("rules.no_config", "无（使用默认设置）", "none: built-in defaults"),
    ("rules.bytes", "字节", "bytes"),
    ("rules.header_at", "表头行", "header at row"),
    ("rules.data_rows", "数据行", "data rows"),
    ("rules.not_used", "未使用", "not used"),
    // how an order sheet was read (SPEC §3.3); {n} and {m} are row counts
    (
        "rules.after_refund",
        "实付金额已扣除退款（{n} 行退款均满足 实付+退款=总金额）：实付按 实付+退款 计",
        "paid column already net of refunds (paid + refund = total on all {n} refunded rows): paid read as paid + refund",
    ),
    (
        "rules.after_refund_yes",
        "配置 paid_after_refund = \"yes\"：实付按 实付+退款 计",
        "paid_after_refund = \"yes\" in the config: paid read as paid + refund",
    ),
    (
        "rules.after_refund_no",
        "配置 paid_after_refund = \"no\"：实付按原值计",
        "paid_after_refund = \"no\" in the config: paid read as written",
    ),
    (
        "rules.after_refund_partly",
        "{n} 行退款中 {m} 行满足 实付+退款=总金额：不是全部，实付按原值计",
        "paid + refund = total on {m} of {n} refunded rows, not all: paid read as written",
    ),
    (
        "rules.paid_by_status",
        "无付款时间列：按订单状态判断是否付款，付款日期取下单时间",
        "no paid-time column: paid or not by the order status, dated by the order time",
    ),
    (
        "rules.item_level",
        "商品明细（子订单编号）：同一订单的各行相加",
        "item rows (子订单编号): an order's rows are summed",
    ),
    (
        "rules.no_buyer",
        "无买家列：这些订单无法与聊天对应，不计入按买家统计的人数",
        "no buyer column: these orders cannot be matched to chats or counted by buyer",
    ),
    (
        "rules.by_day_report",
        "按日的客服绩效报表：只取期间内的行，按客服相加，比率按相加后的人数重算",
        "a per-agent report by day: only the period's rows, summed per agent, rates recomputed from the sums",
    ),
    ("rules.items_left_out", "未重复计入的子订单行", "Item rows left out"),
    (
        "rules.items_left_out_why",
        "{n} 行：其订单已从订单表（主订单）读入，金额不重复计算",
        "{n} rows: their orders were read from an order-level sheet; not counted twice",
    ),
    // title rows, notes and print (issue 13: each sheet says what it is)
    ("title.commission", "客服提成", "Commission"),
    ("title.conversion", "询单转化", "Conversion"),
    ("title.lost", "未成交分析", "Lost inquiries"),
    ("title.scorecard", "绩效考核", "Scorecard"),
    ("title.daily", "客服日报", "Daily report"),
    ("title.report", "客服报告", "Customer-service report"),
    ("title.schedule", "排班覆盖", "Schedule coverage"),
    ("title.as_exported", "按导出期间", "as exported"),
    (
        "note.heatmap",
        "每格为期间内该星期几各日的平均值；「无人」= 有买家咨询但无人在岗",
        "each cell is the mean over the period's days of that weekday; \"nobody\" = buyers wrote and nobody was on duty",
    ),
    (
        "note.flags",
        "需关注的时段在前；数值为期间内该星期几各日的平均值",
        "the hours that need attention first; figures are means over the period's days of that weekday",
    ),
    ("schedule.nobody", "无人", "nobody"),
    (
        "schedule.no_shifts",
        "配置中没有 [shifts]：排班代码无法换算为上班时间，所有人按休息计。请在 cs-tools.toml 的 [shifts] 中写出每个班次的时间，例如 A = [\"08:30-17:00\"]",
        "no [shifts] in the config: the schedule's codes cannot be turned into hours, so everyone counts as off. Add each code's hours under [shifts] in cs-tools.toml, e.g. A = [\"08:30-17:00\"]",
    ),
    ("sheet.categories", "原因关键词", "Reason keywords"),
    ("category_keywords", "关键词", "Keywords"),
    (
        "rules.categories_where",
        "{n} 类，关键词见「原因关键词」工作表",
        "{n} categories; their keywords are on the Reason keywords sheet",
    ),
    // one unit per figure (SPEC §4.4 "Units", "team row") and the scorecard's explanations (§4.7)
    ("answered_receptions", "接待次数(已回复)", "Answered receptions"),
    ("slow_receptions", "慢响应(次)", "Slow receptions"),
    ("slow_rate", "慢响应率", "Slow rate"),
    ("inquiry_count", "询单次数", "Inquiries (receptions)"),
    ("converted_count", "转化询单(次)", "Converted inquiries"),
    ("lost_count", "未成交询单(次)", "Lost inquiries"),
    ("lost_share", "未成交占询单次数", "Lost share of inquiries"),
    ("sales_all", "合计(含未归属)", "Total incl. unattributed"),
    ("sales_with_unattributed", "销售额(含未归属)", "Sales incl. unattributed"),
    ("team_inquiries", "询单人数(各客服相加)", "Inquiring buyers (sum of agents)"),
    ("team_paid_buyers", "付款人数(各客服相加)", "Paying buyers (sum of agents)"),
    ("team_conversion", "询单转化率(团队)", "Conversion (team)"),
    ("shop_inquiries", "店铺询单人数(去重)", "Inquiring buyers, shop-wide (distinct)"),
    ("unscored", "(不计分)", " (not scored)"),
    ("else_score", "未达任何档位的得分", "Score below every band"),
    ("scoring.linear", "线性：{worst} 得 0 分，{best} 得 100 分", "linear: {worst} scores 0, {best} scores 100"),
    ("grade.at_least", "总分 ≥ {min}", "score ≥ {min}"),
    ("grade.lowest", "总分 < {min}（低于以上各等级）", "score < {min} (below every grade above)"),
    ("score.formula", "总分", "Score"),
    (
        "score.formula_text",
        "Σ(权重 × 得分) ÷ Σ权重，只计该客服有数据的指标（缺数据不按 0 分计）",
        "Σ(weight × score) ÷ Σ weight over the metrics the agent has a value for (a missing one is not a 0)",
    ),
];

pub fn label(lang: Lang, key: &'static str) -> &'static str {
    LABELS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, zh, en)| if lang == Lang::Zh { *zh } else { *en })
        // A key missing from the table shows as itself rather than stopping a report
        // (the unit test below keeps the table complete for the keys the code uses).
        .unwrap_or(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every label key the code asks for is in the table.
    #[test]
    fn every_key_the_code_uses_is_in_the_table() {
        fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push(std::fs::read_to_string(path).unwrap());
                }
            }
        }
        let mut sources = Vec::new();
        walk(std::path::Path::new("src"), &mut sources);
        let mut missing = Vec::new();
        for text in &sources {
            for pattern in ["label(lang, \"", " l(\"", "(l(\""] {
                for (i, _) in text.match_indices(pattern) {
                    let rest = &text[i + pattern.len()..];
                    let key = &rest[..rest.find('"').unwrap_or(0)];
                    if !LABELS.iter().any(|(k, _, _)| *k == key) {
                        missing.push(key.to_string());
                    }
                }
            }
        }
        assert!(missing.is_empty(), "labels missing from LABELS: {missing:?}");
    }

    #[test]
    fn keys_are_unique() {
        let mut keys: Vec<&str> = LABELS.iter().map(|l| l.0).collect();
        keys.sort();
        let n = keys.len();
        keys.dedup();
        assert_eq!(n, keys.len());
    }
}
