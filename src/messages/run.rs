//! What the commands say when they run and end (src/commands/, src/report/): the files written, the notes and problem counts, `inspect`, progress.

pub const MESSAGES: &[(&str, &str, &str)] = &[
    // counts: a number with its noun, one key per English form (Chinese has no plural)
    ("run.count.order", "{n} 单", "{n} order"),
    ("run.count.orders", "{n} 单", "{n} orders"),
    ("run.count.agent", "{n} 名客服", "{n} agent"),
    ("run.count.agents", "{n} 名客服", "{n} agents"),
    ("run.count.row_read", "读取 {n} 行", "{n} row read"),
    ("run.count.rows_read", "读取 {n} 行", "{n} rows read"),
    ("run.count.row_problem", "{n} 行有问题", "{n} row problem"),
    ("run.count.row_problems", "{n} 行有问题", "{n} row problems"),
    ("run.count.item_row", "{n} 行子订单", "{n} item row"),
    ("run.count.item_rows", "{n} 行子订单", "{n} item rows"),
    // how pieces of a message are joined
    ("run.sep.list", "、", ", "),
    ("run.sep.or", " 或 ", " or "),
    ("run.in_files", "{files}：{message}", "{files}: {message}"),
    ("run.note", "提示：{note}", "note: {note}"),
    // the files written
    ("run.wrote", "已写入 {path}", "wrote {path}"),
    // the line on row problems at the end of a run (docs/definitions.md#commands)
    (
        "run.problems.in_issues",
        "{problems}：已列在报告的“问题”工作表中",
        "{problems}: listed in the report's Issues sheet (问题)",
    ),
    (
        "run.problems.no_workbook",
        "{problems}：--format {format} 不写工作簿；用 `cs-tools inspect FILES…` 查看，或去掉 --format 写出含“问题”工作表的 xlsx 报告",
        "{problems}: --format {format} writes no workbook; see them with `cs-tools inspect FILES…`, or leave out --format to write the xlsx report with its Issues sheet (问题)",
    ),
    // every order 未归属
    (
        "run.unattributed.names_known",
        "提示：没有一单能归到客服，全部 {orders}都是未归属。客服列、备注和聊天记录中都没有 [agents] 里的客服名：用 `cs-tools inspect` 核对名字，或用 --chats 给出聊天记录",
        "note: no order could be given to an agent: all {orders} are 未归属 (unattributed). No agent column, memo or chat names an agent of [agents]; check the names with `cs-tools inspect`, or give the chats with --chats",
    ),
    (
        "run.unattributed.no_names",
        "提示：不知道任何客服的名字，所以全部 {orders}都是未归属。请写明客服：`cs-tools init` 会写出 cs-tools.toml，在 [agents] 下列出客服（\"小王\" = [\"工号07\"]），备注中提到他们的订单就会算给他们；或者导出带“客服”列的订单；或者用 --chats 给出聊天记录",
        "note: no agent name is known, so all {orders} are 未归属 (unattributed). Name the agents: `cs-tools init` writes cs-tools.toml, list them under [agents] (\"小王\" = [\"工号07\"]) so memos that name them count; or export the orders with a 客服 column; or give the chat exports with --chats",
    ),
    // a period that holds nothing (docs/definitions.md#commands)
    ("run.what.paid_orders", "已付款订单", "paid orders"),
    ("run.what.chats", "聊天记录", "chats"),
    ("run.empty.on_day", " {day} 的", " on {day}"),
    ("run.empty.in_period", " {from} 至 {to} 的", " in {from} – {to}"),
    ("run.empty.covers_day", "文件中只有 {day} 一天的{what}", "the files hold {what} of {day} only"),
    ("run.empty.covers_range", "文件中的{what}从 {from} 到 {to}", "the files hold {what} from {from} to {to}"),
    ("run.empty.covers_none", "文件中完全没有{what}", "the files hold no {what} at all"),
    (
        "run.empty",
        "{files} 中没有{asked}{what}：{covers}。没有写出任何文件：请重新导出这个时段，或用 {choose} 另选时段",
        "no {what}{asked} in {files}: {covers}. Nothing was written: export that period again, or choose another with {choose}",
    ),
    ("run.choose.period", "--month 或 --from/--to", "--month or --from/--to"),
    ("run.choose.day", "--day", "--day"),
    // the period asked for
    ("run.err.not_a_month", "{month} 不是有效的月份", "{month} is not a month"),
    ("run.err.from_after_to", "--from {from} 晚于 --to {to}", "--from {from} is after --to {to}"),
    // where the output goes, and writing it
    (
        "run.err.output_is_input",
        "输出文件 {path} 是输入文件之一：请用 -o 换一个文件名",
        "the output {path} is one of the input files: choose another name with -o",
    ),
    (
        "run.err.no_folder",
        "文件夹 {folder} 不存在：请先建好这个文件夹，或用 -o 换一个位置",
        "the folder {folder} does not exist",
    ),
    (
        "run.write.held_open",
        "文件正在 Excel 或 WPS 中打开，或者文件夹 {folder} 不能写入{detail}。请先在 Excel/WPS 中关闭该文件，再运行一次（旧文件保持不变）；或用 -o 换一个位置",
        "the file is open in Excel or WPS, or the folder {folder} cannot be written {detail}. 请先在 Excel/WPS 中关闭该文件，再运行一次（旧文件保持不变）; or choose another place with -o",
    ),
    (
        "run.write.no_folder",
        "文件夹 {folder} 不存在{detail}：请先建好这个文件夹，或用 -o 换一个位置",
        "the folder {folder} does not exist {detail}: create it or choose another place with -o",
    ),
    (
        "run.write.other",
        "写入失败（技术信息：{error}）。请检查文件夹 {folder} 是否存在、能否写入（磁盘满了？只读？），或用 -o 换一个位置",
        "{error}. Check that the folder {folder} exists and can be written (disk full? read-only?), or choose another place with -o",
    ),
    ("run.write.failed", "写入失败（技术信息：{error}）", "{error}"),
    (
        "run.err.quote_read_back",
        "无法从临时文件读回买家原话（技术信息：{error}）：请检查临时文件夹（TMPDIR）的剩余空间后再运行一次",
        "cannot read back a quoted buyer message from the temporary file: {error}; check the space left in the temporary directory (TMPDIR) and run again",
    ),
    (
        "run.threads.bad",
        "提示：CS_TOOLS_THREADS={value} 不是有效的线程数（应为 1 或更大）：改用 {threads}",
        "note: CS_TOOLS_THREADS={value} is not a number of threads (1 or more): using {threads}",
    ),
    // what a command needs and did not find
    (
        "run.commission.needs_sales",
        "算提成需要销售额：客服绩效报表 {places} 没有销售额列（{aliases}）。请导出带销售额的报表，或改给订单导出文件，或在 [columns.agent_summary] 中写明这一列；`cs-tools scorecard` 和 `cs-tools daily` 可以直接用这份报表",
        "commission needs sales: the per-agent report {places} has no sales column ({aliases}). Export the report with its sales, give the order exports instead, or name the column in [columns.agent_summary]; `cs-tools scorecard` and `cs-tools daily` work on this report as it is",
    ),
    (
        "run.conversion.reconcile",
        "各客服销售额 + 未归属 = {sum}，期间已付款净额 = {net}",
        "agents' sales + unattributed = {sum}, period paid net = {net}",
    ),
    (
        "run.daily.no_date_column",
        "{files}：客服绩效报表没有日期列（日期）：请用 --day 给出日期",
        "{files}: the per-agent report has no date column (日期): give the day with --day",
    ),
    (
        "run.qa.no_messages",
        "{files} 中没有聊天消息：质检要读聊天记录（接待记录没有消息内容）；请用 `cs-tools inspect` 检查文件",
        "no chat messages found in {files}: qa reads message logs (session sheets carry no text); check the files with `cs-tools inspect`",
    ),
    (
        "run.report.nothing",
        "{files} 中没有订单、聊天记录或客服绩效报表：请用 `cs-tools inspect` 检查文件",
        "no orders, chats or per-agent report found in {files}: check the files with `cs-tools inspect`",
    ),
    (
        "run.scorecard.no_qa",
        "提示：评分表中有 qa_score，但没有读到聊天消息（接待记录和客服绩效报表没有消息内容）：没有客服得到 qa_score。要给它计分，请给出带消息内容的聊天记录。",
        "note: the scoring table scores qa_score, but no chat messages were read (session sheets and per-agent reports carry no text): no agent has a qa_score. Give the message logs (聊天记录) to score it.",
    ),
    (
        "run.scorecard.unscored",
        "评价已列在报告中，但没有计分：评分表中没有 {metrics} 指标。要给评价计分，请加到 {target}：\n  [[scorecard.metric]]\n  metric = \"satisfaction\"   # 平均评分 1–5（或 \"satisfied_rate\"：(很满意 + 满意) / 评价数）\n  weight = 10\n  bands = [[4.8, 100], [4.5, 90], [4.0, 70]]\n  else = 0\n配置文件中写的指标会替换整张默认评分表：请把默认的指标也一起写进去。",
        "ratings are shown in the report but not scored: the scoring table has no {metrics} metric. To score them, add {target}:\n  [[scorecard.metric]]\n  metric = \"satisfaction\"   # mean rating 1–5 (or \"satisfied_rate\": (很满意 + 满意) / ratings)\n  weight = 10\n  bands = [[4.8, 100], [4.5, 90], [4.0, 70]]\n  else = 0\nMetrics written in a config replace the whole default table: keep the default metrics in it too.",
    ),
    ("run.scorecard.target_file", "{path}", "to {path}"),
    (
        "run.scorecard.target_new",
        "cs-tools.toml 中（`cs-tools init` 会写出一份带默认评分表的）",
        "to a cs-tools.toml (`cs-tools init` writes one with the default table)",
    ),
    // the summary on stdout once a report is written
    (
        "run.commission.summary",
        "提成 {period}：{rows}，{agents}{orders}，净销售额 {net}，提成 {commission}",
        "commission {period}: {rows}, {agents}{orders}, net {net}, commission {commission}",
    ),
    ("run.commission.summary_orders", "，{orders}", ", {orders}"),
    ("run.commission.summary_unattributed", "；未归属 {orders}，净销售额 {net}", "; unattributed {orders}, net {net}"),
    (
        "run.commission.default_rule",
        "规则：默认按净销售额统一 2%（没有 cs-tools.toml，也没有 --rate）",
        "rule: flat 2% of net sales — the default (no cs-tools.toml and no --rate)",
    ),
    ("run.commission.rule", "规则：{rule}", "rule: {rule}"),
    (
        "run.commission.default_note",
        "提示：没有配置文件，也没有 --rate：按默认统一 2% 计算提成",
        "note: no config and no --rate: flat 2% commission (the default)",
    ),
    (
        "run.conversion.summary",
        "询单转化 {from} – {to}：接待 {receptions} 次；各客服合计：询单 {inquiries} 人，付款 {paid} 人（{conversion}）；销售额 {sales}（含未归属）",
        "conversion {from} – {to}: {receptions} receptions; agents added up: {inquiries} inquiring buyers, {paid} paid ({conversion}); sales {sales} incl. unattributed",
    ),
    (
        "run.daily.summary",
        "日报 {day}：{inquiries_label} {inquiries}，{paid_label} {paid}，{sales_label} {sales}",
        "daily {day}: {inquiries_label} {inquiries}, {paid_label} {paid}, {sales_label} {sales}",
    ),
    (
        "run.daily.report_summary",
        "日报 {day}：{agents}，询单 {inquiries} 人，付款 {paid} 人，销售额 {sales}",
        "daily {day}: {agents}, {inquiries} inquiries, {paid} paid buyers, sales {sales}",
    ),
    (
        "run.reconcile.summary",
        "对账 {from} – {to}：{agents} 位客服。{closest}",
        "reconcile {from} – {to}: {agents} agents. {closest}",
    ),
    (
        "run.lost.summary",
        "未成交 {from} – {to}：{inquiries} 个询单中 {lost} 个未成交；主要原因：{reasons}",
        "lost {from} – {to}: {lost} of {inquiries} inquiries lost; top reasons: {reasons}",
    ),
    (
        "run.qa.summary",
        "质检 {from} – {to}：接待 {receptions} 次，违规 {findings} 条，团队得分 {score}",
        "qa {from} – {to}: {receptions} receptions, {findings} findings, team score {score}",
    ),
    (
        "run.report.summary",
        "报告 {from} – {to}：销售额 {sales}，提成 {commission}，询单接待 {inquiries} 次，未成交 {lost}",
        "report {from} – {to}: sales {sales}, commission {commission}, {inquiries} inquiries (receptions), {lost} not converted",
    ),
    (
        "run.schedule.summary",
        "排班 {from} – {to}：每周有 {flagged} 个时段需关注",
        "schedule {from} – {to}: {flagged} flagged hours of the week",
    ),
    ("run.scorecard.summary", "绩效考核：已为 {agents} 名客服打分", "scorecard: {agents} agents scored"),
    // inspect: a file, its sheets and their columns
    ("run.inspect.file", "{file} — {format}，{size} 字节", "{file} — {format}, {size} bytes"),
    ("run.inspect.sheet", "工作表“{sheet}”", "sheet \"{sheet}\""),
    ("run.inspect.text", "（文本）", "(text)"),
    (
        "run.inspect.sender_lines",
        "{sheet}：{kind} — 从发送人行读出 {rows} 条消息",
        "{sheet}: {kind} — {rows} messages from sender lines",
    ),
    (
        "run.inspect.header",
        "{sheet}：{kind} — 表头在第 {row} 行，{rows} 行数据",
        "{sheet}: {kind} — header at row {row}, {rows} data rows",
    ),
    ("run.inspect.dates", "，{from} … {to}", ", {from} … {to}"),
    ("run.inspect.missing", "表中没有：{fields}", "not in this sheet: {fields}"),
    ("run.inspect.unmapped", "未识别的列：{columns}", "unmapped columns: {columns}"),
    ("run.inspect.attendance", "{sheet}：{why}", "{sheet}: {why}"),
    ("run.inspect.layout", "版式：{layout}", "layout: {layout}"),
    ("run.inspect.not_used", "{sheet}：未使用 — {why}", "{sheet}: not used — {why}"),
    ("run.inspect.no_known_columns", "没有已知的列名", "no known columns"),
    ("run.inspect.not_schedule", "不是排班表：{why}", "not a schedule: {why}"),
    // inspect: a schedule found among the other sheets
    ("run.inspect.schedule", "{sheet}：排班表 — {agents}，{range}", "{sheet}: a schedule (排班表) — {agents}, {range}"),
    ("run.inspect.schedule_range", "{from} … {to}", "{from} … {to}"),
    ("run.inspect.no_dates", "没有日期", "no dates"),
    ("run.inspect.weekdays", "，星期在第 {rows} 行", ", weekdays in row {rows}"),
    ("run.inspect.header_row", "表头在第 {row} 行", "header in row {row}"),
    // The shops of a sheet's rows (docs/definitions.md#shops).
    ("run.inspect.shops", "店铺：{shops}", "shop: {shops}"),
    ("run.inspect.shop_entry", "{shop}（{source}{rows}）", "{shop} ({source}{rows})"),
    ("run.inspect.shop_rows", "，{rows} 行", ", {rows} rows"),
    ("run.inspect.shop_row", "，{rows} 行", ", {rows} row"),
    ("run.inspect.shop_unnamed", "未命名店铺", "unnamed shop"),
    ("run.inspect.shop_column", "{column}列", "column {column}"),
    ("run.inspect.shop_sub_account", "子账号 店铺:客服", "sub-account shop:agent"),
    ("run.inspect.shop_config", "配置 [[shop]]", "[[shop]] in the config"),
    ("run.inspect.shop_option", "--shop", "--shop"),
    (
        "run.inspect.shop_nothing",
        "没有列、子账号、[[shop]] 或 --shop 指明",
        "named by no column, sub-account, [[shop]] or --shop",
    ),
    ("run.inspect.date_row", "日期在第 {row} 行{weekdays}", "dates in row {row}{weekdays}"),
    (
        "run.inspect.long_column",
        "每行一个日期：班次取自“{column}”列",
        "one row per date: shifts from the column \"{column}\"",
    ),
    (
        "run.inspect.long_default",
        "每行一个日期，没有班次列：按 [schedule] default_shift = \"{code}\"",
        "one row per date, no shift column: [schedule] default_shift = \"{code}\" applies",
    ),
    (
        "run.inspect.long_all_day",
        "每行一个日期，没有班次列，也没有 [schedule] default_shift：全天在岗",
        "one row per date, no shift column and no [schedule] default_shift: on duty all day",
    ),
    (
        "run.inspect.names_header",
        "姓名在 {column} 列：表头为“{header}”",
        "names in column {column}: headed \"{header}\"",
    ),
    (
        "run.inspect.names_first_text",
        "姓名在 {column} 列：没有 姓名/客服/员工 表头，取日期左边的第一个文字列",
        "names in column {column}: no 姓名/客服/员工 header, the first text column left of the dates",
    ),
    ("run.inspect.month_cells", "年月：取自日期单元格", "year and month: from the date cells"),
    ("run.inspect.month_option", "年月：{month}，取自 --month", "year and month: {month} from --month"),
    (
        "run.inspect.month_title",
        "年月：{month}，取自标题“{title}”",
        "year and month: {month} from the title \"{title}\"",
    ),
    (
        "run.inspect.title_range",
        "日期：{from} … {to}，取自标题“{title}”",
        "dates: {from} … {to} from the title \"{title}\"",
    ),
    (
        "run.inspect.assumed_year",
        "年月：日期没有年份，按 {year} 年算（可用 --month 指定，或给排班表加上标题，如 {year}年10月排班表）",
        "year and month: dates without a year, {year} assumed (give --month or a title such as {year}年10月排班表)",
    ),
    (
        "run.inspect.schedule_problem",
        "第 {row} 行：“{value}” — {problem}（{action}）",
        "row {row}: \"{value}\" — {problem} ({action})",
    ),
    // inspect: the row problems of a file, and what the files hold together
    ("run.inspect.later_export", "{orders}也在较晚的导出中，这里不计", "{orders} also in a later export, left out"),
    ("run.inspect.no_problems", "没有问题行", "no row problems"),
    (
        "run.inspect.problems_with_schedule",
        "{problems}，已随上面的排班表列出",
        "{problems}, listed with the schedule above",
    ),
    ("run.inspect.some_with_schedule", "（其中 {n} 行已随上面的排班表列出）", " ({n} listed with the schedule above)"),
    ("run.inspect.first", "，下面是前 {n} 行", ", the first {n}"),
    ("run.inspect.colon", "：", ":"),
    ("run.inspect.problem_sheet", " [{sheet}]", " [{sheet}]"),
    ("run.inspect.problem_column", "“{column}”列", " {column}"),
    (
        "run.inspect.problem",
        "{file}{sheet} 第 {row} 行{column}：“{value}” — {problem}（{action}）",
        "{file}{sheet} row {row}{column}: \"{value}\" — {problem} ({action})",
    ),
    (
        "run.inspect.item_rows_left_out",
        "{rows}未计入：它们的订单已从订单级的表中读出",
        "{rows} left out: their orders were read from an order-level sheet",
    ),
    (
        "run.inspect.unknown_status",
        "订单状态“{status}”不在任何列表中：{orders}，{money}；只有带付款时间的算已付款（其中 {paid} 单）",
        "status \"{status}\" is in no list: {orders}, {money}; counted as paid only where a paid time is given ({paid} of them)",
    ),
];
