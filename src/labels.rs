// Over 500 lines: one table of every label and message in both languages; split, a translation would be looked for in several files.
//! Every label a report shows, in Chinese and English (`--lang`), in one table.

use crate::model::{Arg, Phrase};
use std::sync::atomic::{AtomicBool, Ordering};

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
    ("postage", "邮费", "Postage"),
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
    // Buyers who asked and then paid: not the buyers behind 销售额 (orders attributed to the
    // agent, asked or not), so the two never share a bare name.
    ("paid_buyers", "询单付款人数", "Inquirers who paid"),
    ("conversion", "询单转化率", "Conversion"),
    ("order_rate", "询单→下单率", "Order rate"),
    ("sales", "销售额", "Sales"),
    ("sales_attributed", "销售额(归属订单)", "Sales (attributed orders)"),
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
    // docs/definitions.md#conversion chat-length buckets: the JSON keeps the ids (`<1m` …), sheets show these
    ("bucket.<1m", "1分钟内", "under 1 min"),
    ("bucket.1-3m", "1–3分钟", "1–3 min"),
    ("bucket.3-10m", "3–10分钟", "3–10 min"),
    ("bucket.10-30m", "10–30分钟", "10–30 min"),
    ("bucket.>=30m", "30分钟及以上", "30 min or more"),
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
    // docs/definitions.md#lost-inquiries the rule that decided a lost reason (compute::lost::Rule ids)
    ("rule.lost_reason", "未成交原因列", "lost-reason column"),
    ("rule.no_reply", "未回复", "no reply"),
    ("rule.keywords", "关键词", "keywords"),
    ("rule.slow_reply", "回复慢", "slow reply"),
    ("rule.buyer_silent", "买家沉默", "buyer went silent"),
    ("rule.other", "其他", "other"),
    // docs/definitions.md#lost-inquiries default categories by id; zh is the default label of config::lost
    ("lost.price", "价格/议价", "price, haggling"),
    ("lost.postage", "运费/不包邮", "postage, no free shipping"),
    ("lost.quality", "质量顾虑", "quality concerns"),
    ("lost.style", "款式/颜色", "style or colour"),
    ("lost.size", "尺码", "size"),
    ("lost.stock", "缺货", "out of stock"),
    ("lost.delivery", "发货/物流", "shipping, delivery"),
    ("lost.reputation", "销量/评价少", "few sales or reviews"),
    ("lost.after_sales", "售后顾虑", "after-sales concerns"),
    ("lost.comparing", "比价/犹豫", "comparing, hesitating"),
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
    // issues: what is wrong with a row (docs/definitions.md#bad-rows); {name} is a parameter
    ("problem.not_money", "不是金额", "not an amount of money"),
    ("problem.amount_too_large", "金额过大（超过 ¥1,000,000,000,000）", "amount too large (over ¥1,000,000,000,000)"),
    ("problem.amount_out_of_range", "金额超出范围", "amount out of range"),
    ("problem.date_for_amount", "应为金额，却是日期", "a date where an amount was expected"),
    ("problem.bool_for_amount", "应为金额，却是逻辑值（是/否）", "TRUE/FALSE where an amount was expected"),
    ("problem.formula_error", "公式错误", "formula error {error}"),
    ("problem.not_finite", "不是有限的数", "not a finite number"),
    ("problem.not_number", "不是数字", "not a number"),
    ("problem.date_for_duration", "应为时长，却是日期", "a date where a duration was expected"),
    ("problem.date_out_of_range", "数字超出表格软件的日期范围", "number outside Excel's date range"),
    ("problem.not_datetime", "不是日期或时间", "not a date or time"),
    ("problem.not_date", "不是日期", "not a date"),
    ("problem.bool_order_id", "逻辑值（是/否）不能作订单编号", "TRUE/FALSE is not an order id"),
    ("problem.order_id_lossy", "订单编号存成了数字，可能丢了位数", "order id stored as a number, digits may be lost"),
    ("problem.order_id_empty", "订单编号为空", "order id is empty"),
    ("problem.negative_paid", "实付金额为负数", "negative paid amount"),
    ("problem.paid_empty", "实付金额为空", "paid amount is empty"),
    ("problem.negative_refund", "退款金额为负数", "negative refund"),
    (
        "problem.created_empty",
        "下单时间为空，且表中没有付款时间列",
        "order time is empty and the sheet has no paid-time column",
    ),
    ("problem.refund_over_paid", "退款金额大于实付金额", "refund larger than the paid amount"),
    ("problem.duplicate", "与 {file} 第 {row} 行完全相同", "exact duplicate of {file} row {row}"),
    (
        "problem.duplicate_in_sheet",
        "与 {file} [{sheet}] 第 {row} 行完全相同",
        "exact duplicate of {file} [{sheet}] row {row}",
    ),
    ("problem.agent_empty", "客服名为空", "agent name is empty"),
    ("problem.buyer_empty", "买家为空", "buyer is empty"),
    ("problem.sender_empty", "发送方为空", "sender is empty"),
    ("problem.date_empty", "日期为空", "date is empty"),
    ("problem.time_empty", "时间为空", "time is empty"),
    (
        "problem.sender_unknown",
        "发送方既不是客服（客服/卖家/商家）也不是买家（买家/顾客/客户）",
        "sender is neither the agent (客服/卖家/商家) nor the buyer (买家/顾客/客户)",
    ),
    (
        "problem.not_rating",
        "不是评价：应为 很满意/满意/一般/不满意/很不满意 或 1–5",
        "not a rating: 很满意/满意/一般/不满意/很不满意 or 1–5",
    ),
    ("problem.time_without_sender", "时间前没有发送人", "a time with no sender before it"),
    ("problem.text_before_sender", "第一个发送人之前的文字", "text before the first sender line"),
    ("problem.no_buyer_in_file", "本文件中没有买家发言", "no buyer writes in this file"),
    ("problem.no_agent_for_buyer", "本文件中没有客服回复这位买家", "no agent writes to this buyer in this file"),
    (
        "problem.no_name_column",
        "排班表没有姓名列：请把客服那一列的表头写成 姓名",
        "a schedule without a name column: head the agents' column 姓名",
    ),
    (
        "problem.no_shift_codes",
        "这一行没有班次代码（也没有 休 或 假）：不当作客服",
        "no shift code in this row (nor 休 or leave): not read as an agent",
    ),
    ("problem.codes_without_name", "有班次代码，但姓名列为空", "shift codes without an agent name in the name column"),
    (
        "problem.unknown_shift",
        "未知的班次代码：请在 cs-tools.toml 的 [shifts] 中添加",
        "unknown shift code: add it to [shifts] in cs-tools.toml",
    ),
    // issues: what was done with the row
    ("action.row_skipped", "整行不计", "row skipped"),
    ("action.line_skipped", "该行不计", "line skipped"),
    ("action.message_skipped", "该消息不计", "message skipped"),
    ("action.treated_as_empty", "按空值处理", "treated as empty"),
    ("action.counted_once", "只计一次", "counted once"),
    ("action.capped_at_paid", "按实付金额计", "capped at the paid amount"),
    ("action.kept_export_as_text", "按读到的值保留；请把订单编号导出为文本", "kept as read; export ids as text"),
    ("action.not_a_shift", "不计为班次", "not counted as a shift"),
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
    // docs/definitions.md#attribution-rules
    ("rules.attribution_rule", "归属规则", "Attribution rule"),
    (
        "rules.attribution_rule.order",
        "下单判定：聊天归属给下单前 {hours} 小时内最后一次接待该买家的客服",
        "下单判定 (attribution_rule = \"order\"): chat gives an order to the agent of the buyer's last reception in the {hours} hours before the order was created",
    ),
    (
        "rules.attribution_rule.payment",
        "付款判定：聊天归属给付款前 {hours} 小时内最后一次接待该买家的客服（未付款订单按下单时间）；销售额与提成按此归属，询单转化仍按下单判定",
        "付款判定 (attribution_rule = \"payment\"): chat gives an order to the agent of the buyer's last reception in the {hours} hours before it was paid (an unpaid order: before it was created); sales and commission follow it, inquiry conversion still follows 下单判定",
    ),
    (
        "rules.attribution_rule.order_first",
        "下单优先：下单前 {hours} 小时内有接待按下单判定，没有则给付款前 {hours} 小时内最后一次接待的客服；销售额与提成按此归属，询单转化仍按下单判定",
        "下单优先 (attribution_rule = \"order_first\"): chat gives an order by 下单判定 when the buyer had a reception in the {hours} hours before the order was created, else to the agent of the last reception in the {hours} hours before payment; sales and commission follow it, inquiry conversion still follows 下单判定",
    ),
    ("evidence.by_order", "下单判定", "下单判定, before the order"),
    ("evidence.by_payment", "付款判定", "付款判定, before payment"),
    ("rules.orders", "订单", "Orders"),
    ("rules.input", "输入文件", "Input file"),
    ("rules.sheet", "工作表", "Sheet"),
    ("rules.config", "配置文件", "Config file"),
    ("rules.no_config", "无（使用默认设置）", "none: built-in defaults"),
    ("rules.file", "{format}，{size} 字节", "{format}, {size} bytes"),
    ("rules.sheet_read", "{kind}：表头在第 {row} 行，{rows} 行数据", "{kind}: header at row {row}, {rows} data rows"),
    ("rules.sheet_no_header", "{kind}：无表头行，{rows} 行数据", "{kind}: no header row, {rows} data rows"),
    ("rules.colon", "：", ": "),
    ("rules.not_used", "未使用", "not used"),
    // rules: the kinds of sheet (docs/definitions.md#fields), formats of files (docs/definitions.md#formats)
    ("kind.orders", "订单表", "orders"),
    ("kind.chats", "聊天记录", "chat messages"),
    ("kind.sessions", "接待记录", "chat sessions"),
    ("kind.agent_summary", "客服绩效报表", "per-agent report"),
    ("kind.ratings", "评价表", "ratings"),
    ("format.qianniu", "千牛聊天记录文本（{encoding}）", "千牛 chat text ({encoding})"),
    ("format.text", "文本表格（{encoding}，{delimiter}分隔）", "text ({encoding}, {delimiter}-separated)"),
    ("format.workbook", "{format} 工作簿", "{format} workbook"),
    ("delimiter.comma", "逗号", "comma"),
    ("delimiter.tab", "制表符", "tab"),
    ("delimiter.semicolon", "分号", "semicolon"),
    ("delimiter.pipe", "竖线", "pipe"),
    // rules: why a sheet was not used
    ("unused.empty_sheet", "工作表为空", "the sheet is empty"),
    (
        "unused.no_header",
        "前 {n} 个非空行中找不到表头：没有单元格是已知的列名",
        "no header row found in the first {n} non-empty rows: no cell names a known column",
    ),
    (
        "unused.missing_columns",
        "像是{kind}，但缺少这些列：{fields}",
        "it looks like {kind} but has no column for {fields}",
    ),
    ("unused.no_known_columns", "没有已知的列", "no known columns"),
    (
        "unused.ambiguous",
        "无法确定：这些列同时符合 {kinds}；请在配置的 [columns.*] 中指定列名，或用 --sheet",
        "ambiguous: its columns fit {kinds}; name the columns in [columns.*] of the config or use --sheet",
    ),
    // how an order sheet was read (docs/definitions.md#fields); {n} and {m} are row counts
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
    // one unit per figure (docs/definitions.md#conversion "Units", "team row") and the scorecard's explanations (§4.7)
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
    ("team_paid_buyers", "询单付款人数(各客服相加)", "Inquirers who paid (sum of agents)"),
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
    // the group-chat summary (`--format markdown|text`, docs/definitions.md#commands)
    ("summary.by_conversion", "客服（按询单转化率）", "Agents by conversion"),
    ("summary.by_inquiries", "客服（按询单人数）", "Agents by inquiring buyers"),
    ("summary.by_commission", "客服（按提成）", "Agents by commission"),
    ("summary.top", "最高", "Top"),
    ("summary.bottom", "最低", "Bottom"),
    ("summary.more", " 等 {n} 人", " and {m} more"),
    ("summary.reasons", "未成交原因（共 {n} 次）", "Lost reasons ({n} lost inquiries)"),
    ("summary.count_share", "{n} 次（{p}）", "{n} ({p})"),
    ("summary.uncovered", "无人值守时段", "Hours nobody covered"),
    // History comparisons (环比 / 同比).
    ("sheet.compare", "对比", "Comparison"),
    ("sheet.month_compare", "月环比", "Month over month"),
    ("sheet.trend30", "近30天", "Last 30 days"),
    ("cmp.metric", "指标", "Figure"),
    ("cmp.current", "本期", "This period"),
    ("cmp.day_before", "前一天", "Day before"),
    ("cmp.week_before", "上周同日", "Same weekday last week"),
    ("cmp.month_to_date", "本月累计", "Month to date"),
    ("cmp.previous_month", "上月", "Previous month"),
    ("cmp.change_day", "环比", "vs day before"),
    ("cmp.change_week", "同比", "vs last week"),
    ("cmp.change_month", "月环比", "vs previous month"),
    ("cmp.sum_of_days", "按日累加", "sum of days"),
    (
        "cmp.config_changed",
        "注意：部分对比日期是在不同的配置（提成规则等）下计算的。",
        "Note: some compared days were computed under different settings (commission rules etc.).",
    ),
    // qa (质检, docs/definitions.md#quality-inspection)
    ("title.qa", "客服质检", "Chat quality inspection"),
    ("sheet.qa_summary", "质检汇总", "QA summary"),
    ("sheet.qa_findings", "违规明细", "Findings"),
    ("sheet.qa_norms", "服务规范", "Service norms"),
    ("sheet.qa_autos", "自动回复", "Auto-replies"),
    ("sheet.qa_rules", "质检规则", "QA rules"),
    ("sheet.qa", "质检", "QA"),
    ("qa.receptions", "接待次数", "Receptions"),
    ("qa.messages", "客服消息数", "Agent messages"),
    ("qa.findings", "违规数", "Findings"),
    ("qa.points", "扣分", "Points"),
    ("qa.per_100", "每百次接待扣分", "Points per 100 receptions"),
    ("qa.score", "质检得分", "QA score"),
    ("qa.grade", "等级", "Grade"),
    ("qa.rank", "排名", "Rank"),
    ("qa.time", "时间", "Time"),
    ("qa.check", "违规项", "Rule"),
    ("qa.word", "命中词", "Matched word"),
    ("qa.message", "客服原话", "Agent message"),
    ("qa.buyer_before", "买家上一句", "Buyer message before"),
    ("qa.wait", "等待时长 (秒)", "Wait (s)"),
    ("qa.first_replies", "首次回复数", "First replies"),
    ("qa.greeting_rate", "问候率", "Greeting rate"),
    ("qa.turns", "已回复轮次", "Answered turns"),
    ("qa.slow_rate", "慢回复率", "Slow turn rate"),
    ("qa.buyer_receptions", "有买家消息的接待", "Receptions with buyer messages"),
    ("qa.unanswered_rate", "未回复率", "Unanswered rate"),
    ("qa.auto_text", "自动回复内容", "Auto-reply text"),
    ("qa.sent", "发送次数", "Times sent"),
    ("qa.auto_hits", "命中规则", "Rules broken"),
    ("qa.rule_id", "规则编号", "Rule id"),
    ("qa.keywords", "关键词", "Keywords"),
    ("qa.except", "例外词", "Exceptions"),
    ("qa.rule_points", "每次扣分", "Points each"),
    ("qa.team", "团队", "Team"),
    ("qa.none", "无", "none"),
    ("rules.qa_scale", "质检得分", "QA score"),
    (
        "rules.qa_scale_how",
        "100 − 每百次接待扣分 × {scale}，最低 0；慢回复：超过 {secs} 秒",
        "100 − points per 100 receptions × {scale}, at least 0; slow turn: over {secs} seconds",
    ),
    ("rules.qa_greetings", "问候语", "Greetings"),
    ("rules.qa_rules", "质检规则", "QA rules"),
    ("rules.qa_rules_where", "{n} 条，见「质检规则」表", "{n}, on the QA rules sheet"),
    ("qa_rule.off_platform", "引导站外交易", "Off-platform trade"),
    ("qa_rule.ad_law", "广告法极限词", "Advertising-law superlatives"),
    ("qa_rule.fake_review", "好评返现/刷单", "Paid reviews / fake orders"),
    ("qa_rule.rude", "服务态度", "Rude reply"),
    ("qa_rule.promise", "承诺风险", "Risky promise"),
    ("qa_norm.no_greeting", "首次回复未问候", "No greeting in the first reply"),
    ("qa_norm.slow_turn", "回复慢", "Slow turn"),
    ("qa_norm.unanswered", "买家最后一句未回复", "Buyer's last message unanswered"),
    ("qa_norm.repeat", "重复刷屏", "Same text three times in a row"),
    // what the inputs cover, when less than the period (docs/coverage.md)
    ("coverage.title", "数据覆盖：{parts}", "Data cover: {parts}"),
    ("coverage.part", "{input} {from} 至 {to}（{days}/{total} 天）", "{input} {from} to {to} ({days} of {total} days)"),
    ("coverage.part_none", "{input} 无（0/{total} 天）", "{input} none (0 of {total} days)"),
    ("coverage.orders", "订单", "orders"),
    ("coverage.chats", "聊天", "chats"),
    ("coverage.agent_report", "客服报表", "per-agent report"),
    ("coverage.run", "{from} 至 {to}", "{from} – {to}"),
    (
        "coverage.note",
        "{input}只覆盖 {from} 至 {to}，是期间 {period} 共 {total} 天中的 {days} 天；未覆盖：{missing}。来自{input}的数字不含未覆盖的日子",
        "the {input} cover {from} to {to} only, {days} of the {total} days of {period}; not covered: {missing}. Figures from the {input} leave those days out",
    ),
    (
        "coverage.note_none",
        "{input}没有期间 {period} 内的日期（0/{total} 天）：报告中与{input}有关的数字都不含这些日子",
        "the {input} hold no date in {period} (0 of {total} days): the report's figures from them leave the whole period out",
    ),
    ("rules.coverage", "数据覆盖", "Coverage"),
    (
        "inputs.no_orders",
        "{command}：{files} 中没有订单表。询单付款人数、询单转化率和销售额都要用订单计算，没有订单时它们不是 0 而是无法计算，所以没有写出报告。请加上订单导出文件{instead}",
        "{command}: no order sheet in {files}. Inquirers who paid, conversion and sales are computed from the orders: without them they are unknown, not 0, so nothing was written. Add the order exports{instead}",
    ),
    (
        "report.no_orders_note",
        "未提供订单（--no-orders）：销售额、提成、询单付款人数、询单转化率和未成交询单数无法计算，显示为「—」；询单人数含售后接待（没有订单无法区分）；未成交原因按全部询单统计",
        "no orders given (--no-orders): sales, commission, inquirers who paid, conversion and lost inquiries cannot be computed and show —; inquiries include after-sales receptions (without orders they cannot be told apart); lost reasons are over every inquiry",
    ),
    (
        "report.no_orders_but_orders",
        "给了 --no-orders，但 {files} 中有订单表：去掉 --no-orders 即可用这些订单计算",
        "--no-orders was given, but {files} hold an order sheet: leave out --no-orders to use those orders",
    ),
    ("inputs.instead_orders", "（--orders 文件）", " (--orders FILES)"),
    (
        "inputs.instead_no_orders",
        "一起给出，或用 --no-orders 只报告聊天（金额和转化率显示为「—」）",
        " to the files, or run with --no-orders to report the chats alone (money and conversion shown as —)",
    ),
    (
        "daily.orders_do_not_reach",
        "{chats} 有 {day} 的聊天，但 {files} 中的订单只到 {first} 至 {last}，没有 {day} 的订单：这一天的付款和销售额无法计算，没有写出报告。请导出包含 {day} 的订单后再运行，或用 --day 选择 {first} 至 {last} 之间的一天",
        "{chats} hold chats of {day}, but the orders in {files} run from {first} to {last} and do not reach {day}: that day's payments and sales cannot be computed, so nothing was written. Export the orders of {day} and run again, or choose a day from {first} to {last} with --day",
    ),
    (
        "daily.needs_orders",
        "{files}：从聊天做日报还需要订单导出文件，请加上 --orders 文件",
        "{files}: a daily report from chats needs the order exports too: add --orders FILES",
    ),
    (
        "daily.orders_without_dates",
        "{chats} 有 {day} 的聊天，但 {files} 中的订单没有日期：{day} 的付款和销售额无法计算，没有写出报告",
        "{chats} hold chats of {day}, but the orders in {files} carry no dates: the payments and sales of {day} cannot be computed, so nothing was written",
    ),
    (
        "lost.no_orders_note",
        "未提供订单（--orders）：无法判断哪些询单已成交，每个询单都按未成交计",
        "no orders given (--orders): no inquiry can be seen to convert, so every inquiry counts as lost",
    ),
    (
        "lost.no_orders_note_report",
        "未提供订单（--no-orders）：无法判断哪些询单已成交，每个询单都按未成交计",
        "no orders given (--no-orders): no inquiry can be seen to convert, so every inquiry counts as lost",
    ),
    ("note_prefix", "注意：", "note: "),
    // report's Overview and the scorecard's qa_score (docs/definitions.md#quality-inspection)
    ("report.qa_score", "团队质检得分", "Team QA score"),
    ("report.qa_findings", "质检违规数", "QA findings"),
    // orders across files and statuses
    ("problem.also_in_later", "该订单也在 {file} 中：取较晚的导出", "also in {file}; the later export kept"),
    (
        "problem.also_in_later_sheet",
        "该订单也在 {file} [{sheet}] 中：取较晚的导出",
        "also in {file} [{sheet}]; the later export kept",
    ),
    ("action.left_out_for_later", "本表中该订单的行不计入", "this sheet's rows of the order left out"),
    (
        "problem.unknown_status",
        "订单状态不在任何列表中：{orders} 单，金额 {money}",
        "status not in any list: orders: {orders}, {money}",
    ),
    (
        "action.unknown_status",
        "有付款时间的算已付款（{paid} 单），其余不计；可在配置 [orders] paid_statuses / unpaid_statuses / closed_statuses 中设定",
        "counted as paid only where the row has a paid time (orders: {paid}), else not; settle it in [orders] paid_statuses, unpaid_statuses or closed_statuses",
    ),
    ("rules.also_in_later", "较晚导出中也有的订单", "Orders also in a later export"),
    (
        "rules.also_in_later_why",
        "{file}：{n} 单也在较晚的导出中，此文件中的不计",
        "{file}: {n} orders also in a later export, left out",
    ),
    ("rules.unknown_status", "未知订单状态", "Status in no list"),
    (
        "rules.unknown_status_why",
        "{text}：{orders} 单，金额 {money}；有付款时间的算已付款（{paid} 单）",
        "{text}: orders: {orders}, {money}; paid only with a paid time (orders: {paid})",
    ),
    // comparisons like with like
    (
        "cmp.note_like",
        "本期为本次报表的数字（与汇总表一致，人数按整个期间去重）；对比期跨多日时为各日数字相加（人数按日计，同一买家多日咨询计多次），转化率由相加后的人数重算；一方未覆盖整个期间时，人数和金额按日均（数字 ÷ 覆盖天数）比较，转化率等比率照常比较；转化率变化以百分点（pt）表示，其余以百分比表示；—：输入文件和历史记录都没有这些日期",
        "This period is the report's own figures (as the summary: buyers counted once over the period); a compared period of several days is the days' figures added up (buyers counted per day: a buyer who asked on two days counts twice), conversion recomputed from the sums; when a side does not cover its whole period, counts and money are compared per day (figure ÷ days covered), rates as they are; conversion changes in points (pt), the others in percent; —: neither the input files nor the history have those days",
    ),
    (
        "cmp.note_month_distinct",
        "上月为整月运行时记下的整月数字（人数按整月去重，与本期同口径），不是各日相加",
        "The previous month is the figures its whole-month run kept (buyers counted once over the month, as this period), not its days added up",
    ),
    ("cmp.month_distinct", "按月去重", "distinct over the month"),
    ("cmp.days_covered", "覆盖天数", "Days covered"),
    ("cmp.days_of", "{d}/{n} 天", "{d} of {n} days"),
    ("cmp.side_days", "{name}：{d}/{n} 天", "{name}: {d} of {n} days"),
    ("cmp.sides_sep", "；", "; "),
    ("cmp.month_name", "{m}月", "{month}"),
    ("cmp.compared_per_day", "按日均比较", "compared per day"),
    ("cmp.coverage_line", "{sides}，按日均比较", "{sides}, compared per day"),
    ("cmp.per_day_metric", "{metric}（日均）", "{metric} (per day)"),
    ("cmp.see_per_day", "见日均行", "see per day"),
    ("cmp.change_per_day", "{change}（日均；{sides}）", "{change} (per day; {sides})"),
    ("cmp.change_coverage", "{change}（{sides}）", "{change} ({sides})"),
    ("cmp.overview_per_day", "{change}（日均）", "{change} (per day)"),
    // schedules as they are
    (
        "schedule.why.attendance",
        "考勤导出 (attendance)，不是排班表：打卡时间和打卡结果，不是排好的班次",
        "考勤导出 (attendance), not a 排班表: clock times and results, not planned shifts",
    ),
    ("schedule.why.table", "工作表“{sheet}”是{kind}，不是排班表", "sheet \"{sheet}\" holds {kind}, not a schedule"),
    (
        "schedule.why.no_dates",
        "工作表“{sheet}”没有日期行（也没有 日期 + 姓名/值班人员 列）",
        "sheet \"{sheet}\" has no row of dates (nor a 日期 and a 姓名/值班人员 column)",
    ),
    (
        "schedule.why.few_agents",
        "工作表“{sheet}”只有 {n} 行在日期下写了班次、休或假（排班表至少要 2 行）",
        "sheet \"{sheet}\" has {n} rows with a shift code, 休 or leave under its dates (a schedule has at least 2)",
    ),
    (
        "schedule.err.attendance",
        "{file} 是考勤导出（钉钉/企业微信 考勤：{sheets}；格子里是打卡时间和 正常/迟到 等结果），不是排班表：请给排班表——一行一个客服、每个日期一列写班次（早/晚/休），或一行一个日期（日期 | 值班人员 | 班次）",
        "{file} is an attendance export (钉钉/企业微信 考勤: {sheets}; clock times and results such as 正常/迟到 in its cells), not a shift schedule (排班表): give the roster instead, one row per agent with a shift code (早/晚/休) under each date, or one row per date (日期 | 值班人员 | 班次)",
    ),
    (
        "schedule.err.none",
        "{file} 中没有排班表（{why}）：排班表是一行日期（2026-10-01、10月1号，或标题如“2026年10月排班表”下、或给了 --month 时的 1…31），下面一行一个客服、每格一个班次代码，姓名列表头写 姓名；或一行一个日期（日期 | 值班人员 | 班次）",
        "no schedule (排班表) in {file} ({why}): a schedule is a row of dates (2026-10-01, 10月1号, or 1…31 under a title such as 2026年10月排班表 or with --month) above one row per agent with a shift code in each cell, the names in a column headed 姓名; or one row per date (日期 | 值班人员 | 班次)",
    ),
    ("schedule.problem.no_such_day", "{month} 没有这一天", "no such day in {month}"),
    ("schedule.problem.outside_title", "{date} 不在标题写明的日期内", "{date} is outside the dates the title states"),
    (
        "schedule.problem.named_weekday_disagrees",
        "表头的星期与这一列在日期中的位置（{date}）不符",
        "the weekday in the header is not that of the column's place in the run of dates ({date})",
    ),
    ("schedule.problem.column_not_dated", "日期行中这一列不是日期", "a column of the date row that is not a date"),
    (
        "schedule.problem.weekday_row_disagrees",
        "星期行与日期不符（{n} 列；如 {header} 写“{written}”，{date} 是{weekday}）",
        "the weekday row disagrees with the dates ({n} columns; e.g. {header} says \"{written}\", {date} is a {weekday})",
    ),
    ("schedule.problem.long_no_date", "这一行的日期读不出", "the date of this row cannot be read"),
    ("schedule.problem.long_no_shift", "有值班人员，但班次为空", "names without a shift (班次 empty)"),
    (
        "schedule.problem.conflict",
        "此人 {date} 已在 {file}“{sheet}”第 {row} 行排“{first}”：同一人同一天只按一份排班计",
        "this person's {date} is already scheduled as \"{first}\" in {file}, sheet \"{sheet}\", row {row}: one schedule per person and date",
    ),
    (
        "schedule.problem.missing_date",
        "标题写明的日期 {date} 在日期行中没有这一列",
        "{date} is within the dates the title states but has no column",
    ),
    (
        "schedule.problem.missing_dates",
        "标题写明的日期 {from} 至 {to}（{n} 天）在日期行中没有列",
        "{from} to {to} ({n} days) are within the dates the title states but have no column",
    ),
    (
        "schedule.action.nobody_on_missing",
        "这几天无人计入在岗，也不计作谁的休息",
        "nobody counted on duty those days, and no one's day off",
    ),
    ("schedule.action.column_left_out", "这一列未计入", "column left out"),
    ("schedule.action.dates_kept", "按日期（标题/日期行）计，星期不作数", "the dates kept, the weekday not used"),
    ("schedule.action.first_kept", "按先读到的计，这一格未计入", "the first kept, this cell left out"),
    (
        "schedule.coverage",
        "排班表覆盖 {from} 至 {to}（{n}/{total} 天）",
        "the schedule covers {from} to {to} ({n} of {total} days)",
    ),
    ("schedule.rules.coverage", "数据覆盖", "Coverage"),
    (
        "schedule.err.outside",
        "{files} 的排班表覆盖 {first} – {last}，不含所选时段的任何一天：换一个 --month，或给这个时段的排班表",
        "the schedule in {files} covers {first} – {last}, nothing of the period asked for: choose another --month, or give that period's schedule",
    ),
    ("schedule.rules.layout", "值班表（一行一个日期）", "Roster by date"),
    ("schedule.rules.long_shift_column", "班次取自“{header}”列", "shifts from the column \"{header}\""),
    (
        "schedule.rules.long_default_shift",
        "没有班次列：值班人员按 [schedule] default_shift = {code} 计",
        "no shift column: the names work [schedule] default_shift = {code}",
    ),
    (
        "schedule.rules.long_all_day",
        "没有班次列，也没有 [schedule] default_shift：值班人员按全天（00:00-24:00）在岗计",
        "no shift column and no [schedule] default_shift: the names are on duty all day (00:00-24:00)",
    ),
    ("schedule.weekday.0", "周一", "Monday"),
    ("schedule.weekday.1", "周二", "Tuesday"),
    ("schedule.weekday.2", "周三", "Wednesday"),
    ("schedule.weekday.3", "周四", "Thursday"),
    ("schedule.weekday.4", "周五", "Friday"),
    ("schedule.weekday.5", "周六", "Saturday"),
    ("schedule.weekday.6", "周日", "Sunday"),
];

/// A phrase in `lang`: its label with every `{name}` replaced by its argument.
pub fn say(lang: Lang, phrase: &Phrase) -> String {
    let mut text = label(lang, phrase.key).to_string();
    for (name, arg) in &phrase.args {
        let value = match arg {
            Arg::Text(t) => t.as_str(),
            Arg::Label(key) => label(lang, key),
            Arg::Said(zh, en) => {
                if lang == Lang::Zh {
                    zh.as_str()
                } else {
                    en.as_str()
                }
            }
        };
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

/// The language of messages (stderr, stdout, `inspect`, `--help`): chosen once per run by
/// `--lang` at the edge (main, `commands::run`), Chinese until then. A process-wide setting,
/// so a message made deep in reading needs no language passed down to it.
static MESSAGES_IN_ENGLISH: AtomicBool = AtomicBool::new(false);

pub fn set_message_language(lang: Lang) {
    MESSAGES_IN_ENGLISH.store(lang == Lang::En, Ordering::Relaxed);
}

pub fn message_language() -> Lang {
    if MESSAGES_IN_ENGLISH.load(Ordering::Relaxed) { Lang::En } else { Lang::Zh }
}

/// A phrase as text is said in the language of messages.
impl std::fmt::Display for Phrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&say(message_language(), self))
    }
}

/// In JSON (`inspect --format json`) a phrase is its English text.
impl serde::Serialize for Phrase {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&say(Lang::En, self))
    }
}

pub fn label(lang: Lang, key: &'static str) -> &'static str {
    // A key missing from the table shows as itself rather than stopping a report
    // (the unit test below keeps the table complete for the keys the code uses).
    find(lang, key).unwrap_or(key)
}

/// The label of an id of a family (`bucket` `<1m`, `rule` `keywords`, `lost` `price`);
/// None when the table has none.
pub fn named(lang: Lang, family: &str, id: &str) -> Option<&'static str> {
    find(lang, &format!("{family}.{id}"))
}

fn find(lang: Lang, key: &str) -> Option<&'static str> {
    all_entries().find(|(k, _, _)| *k == key).map(|(_, zh, en)| if lang == Lang::Zh { *zh } else { *en })
}

/// The report labels, then the messages (src/messages/).
fn all_entries() -> impl Iterator<Item = &'static (&'static str, &'static str, &'static str)> {
    LABELS.iter().chain(crate::messages::TABLES.iter().flat_map(|t| t.iter()))
}

/// A lost category's label: a default one in the report's language, the config's as written.
pub fn category(lang: Lang, c: &crate::config::LostCategory) -> String {
    match named(lang, "lost", &c.id) {
        Some(label) if c.has_default_label() => label.to_string(),
        _ => c.label.clone(),
    }
}

/// A chat-length bucket (docs/definitions.md#conversion) as a sheet shows it; the id itself in JSON.
pub fn bucket(lang: Lang, id: &str) -> String {
    named(lang, "bucket", id).unwrap_or(id).to_string()
}

/// A lost reason as the sheets say it: its category's label, a rule reason's, or the cell's text.
pub fn reason_label(
    r: &crate::compute::lost::Reason,
    categories: &[crate::config::LostCategory],
    lang: Lang,
) -> String {
    match r {
        crate::compute::lost::Reason::Category(i) => category(lang, &categories[*i]),
        crate::compute::lost::Reason::Rule(i) => (if lang == Lang::Zh {
            crate::compute::lost::RULE_REASONS[*i].1
        } else {
            crate::compute::lost::RULE_REASONS[*i].2
        })
        .to_string(),
        crate::compute::lost::Reason::Cell(text) => text.to_string(),
    }
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
            for pattern in ["label(lang, \"", " l(\"", "(l(\"", "msg!(\"", "Phrase::new(\""] {
                for (i, _) in text.match_indices(pattern) {
                    let rest = &text[i + pattern.len()..];
                    let key = &rest[..rest.find('"').unwrap_or(0)];
                    if !all_entries().any(|(k, _, _)| *k == key) {
                        missing.push(key.to_string());
                    }
                }
            }
        }
        // Phrase keys (row problems, formats, kinds) are literals of these families.
        for text in &sources {
            for family in ["problem.", "action.", "format.", "delimiter.", "kind.", "unused.", "bucket."] {
                for (i, _) in text.match_indices(&format!("\"{family}")) {
                    let rest = &text[i + 1..];
                    let key = &rest[..rest.find('"').unwrap_or(0)];
                    if key.len() > family.len()
                        && key.chars().all(|c| c.is_ascii_lowercase() || c == '_' || c == '.')
                        && !all_entries().any(|(k, _, _)| *k == key)
                    {
                        missing.push(key.to_string());
                    }
                }
            }
        }
        assert!(missing.is_empty(), "labels missing from LABELS: {missing:?}");
    }

    #[test]
    fn a_phrase_is_said_in_each_language() {
        let dup = Phrase::new("problem.duplicate").with("file", "a.csv").with("row", 16);
        assert_eq!(say(Lang::Zh, &dup), "与 a.csv 第 16 行完全相同");
        assert_eq!(say(Lang::En, &dup), "exact duplicate of a.csv row 16");
        let text = Phrase::new("format.text").with("encoding", "gb18030").with_label("delimiter", "delimiter.comma");
        assert_eq!(say(Lang::Zh, &text), "文本表格（gb18030，逗号分隔）");
        assert_eq!(say(Lang::En, &text), "text (gb18030, comma-separated)");
    }

    /// Ids used by the compute layer and the config defaults all have labels, and the zh
    /// labels of default lost categories are the config's own defaults.
    #[test]
    fn ids_have_labels() {
        for (id, ..) in crate::compute::conversion::DURATION_BUCKETS {
            assert!(named(Lang::En, "bucket", id).is_some(), "bucket {id}");
        }
        use crate::compute::lost::Rule;
        for rule in
            [Rule::LostReasonCell, Rule::NoReply, Rule::Keywords, Rule::SlowReply, Rule::BuyerSilent, Rule::Other]
        {
            assert!(named(Lang::En, "rule", rule.name()).is_some(), "rule {}", rule.name());
        }
        for (id, zh, ..) in crate::config::DEFAULT_LOST_CATEGORIES {
            assert_eq!(named(Lang::Zh, "lost", id), Some(*zh), "lost category {id}");
            assert!(named(Lang::En, "lost", id).is_some_and(|en| en.is_ascii()), "lost category {id}");
        }
        assert_eq!(bucket(Lang::Zh, "<1m"), "1分钟内");
        assert_eq!(bucket(Lang::En, ">=30m"), "30 min or more");
    }

    #[test]
    fn keys_are_unique() {
        let mut keys: Vec<&str> = all_entries().map(|l| l.0).collect();
        keys.sort();
        let n = keys.len();
        keys.dedup();
        assert_eq!(n, keys.len());
    }
}
