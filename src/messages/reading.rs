//! Reading the exports and what is found in them (src/read/, src/inputs/, src/compute/): files that cannot be read, notes about what was read.

pub const MESSAGES: &[(&str, &str, &str)] = &[
    // a file that cannot be opened or read (src/read/source.rs, text.rs); {reason} is the
    // system's error, {detail} a library's words, both kept as written
    ("reading.file.cannot_open", "无法打开，{reason}", "cannot open: {reason}"),
    ("reading.file.cannot_read", "无法读取，{reason}", "cannot read: {reason}"),
    (
        "reading.file.empty",
        "文件是空的：请从店铺后台重新导出",
        "the file is empty: export it again from the shop back-end",
    ),
    (
        "reading.file.html",
        "这是网页（HTML 表格），不是电子表格：请用 Excel 打开，另存为 .xlsx 后再运行",
        "this is a web page (HTML table), not a spreadsheet: open it in Excel and save it as .xlsx, then run again",
    ),
    (
        "reading.file.not_a_table",
        "既不是电子表格，也不是分隔符文本：请重新导出为 xlsx 或 CSV",
        "this is neither a spreadsheet nor delimited text: export it again as xlsx or CSV",
    ),
    (
        "reading.file.no_such_sheet",
        "没有名为“{want}”的工作表（现有：{sheets}）：请检查 --sheet",
        "has no sheet named \"{want}\" (it has: {sheets}); check --sheet",
    ),
    (
        "reading.file.not_a_workbook",
        "无法作为工作簿读取，文件可能已损坏或不完整：请重新导出（技术信息：{detail}）",
        "cannot be read as a workbook ({detail}); is it damaged or incomplete? Export it again",
    ),
    (
        "reading.file.stopped",
        "读到一半出错，文件可能已损坏：请重新导出（技术信息：{detail}）",
        "stopped reading: {detail}; the file may be damaged",
    ),
    (
        "reading.file.text_unreadable",
        "第 {line} 行附近的文字无法识别：如果文件编码不是 {encoding}，请用 --encoding 指定（技术信息：{detail}）",
        "text unreadable near line {line} ({detail}); if it is not {encoding}, pass --encoding",
    ),
    // where a row is (src/model.rs, Origin)
    ("reading.origin.row", "{file} 第 {row} 行", "{file} row {row}"),
    ("reading.origin.sheet_row", "{file} [{sheet}] 第 {row} 行", "{file} [{sheet}] row {row}"),
    // notes on stderr about how an order sheet was read (src/inputs/); {sheet} is " [SHEET]" or empty
    ("reading.note.sheet", "提示：{file}{sheet}：{note}", "note: {file}{sheet}: {note}"),
    // the same sub-account name in several shops, kept apart (docs/definitions.md#shops)
    (
        "reading.note.persons_split",
        "提示：子账号「{name}」出现在多个店铺（{shops}），[agents] 未把它们归为一人，按店铺分别计为「{name}（店铺名）」；若是同一人，在配置 [agents] 中加一行：{line}",
        "note: sub-account \"{name}\" is in several shops ({shops}) and no [agents] line makes them one person: each counts as \"{name}（shop）\"; if they are one person, add to [agents] in the config: {line}",
    ),
    // buyers of no shop whose name two shops have (docs/definitions.md#shops)
    (
        "reading.note.buyers_without_shop",
        "提示：{n} 个买家昵称出现在没有店铺的行里，又是两个以上店铺的买家，无法确定属于哪个店铺，不与任何店铺的买家对应；用 [[shop]] 或 --shop 指明这些文件的店铺",
        "note: {n} buyer names are in rows of no shop and are buyers of two or more shops: they cannot be placed and join no shop's buyers; name those files' shop with [[shop]] or --shop",
    ),
    (
        "reading.note.no_buyer",
        "提示：{file}{sheet} 没有买家列：其中的订单计入销售额，但无法与聊天对应，不算询单成交，也不计入付款买家数",
        "note: {file}{sheet} has no buyer column: its orders count in sales, but cannot be matched to chats, convert an inquiry or count as paying buyers",
    ),
    // the KPI rules a source gives no figure for (src/compute/kpi.rs); {list}: metric ids
    (
        "reading.kpi.no_chats",
        "提示：{list} 的 KPI 规则没有生效：这些指标来自聊天记录，但没有给聊天记录（commission 用 --chats 给）；每位客服的系数都是 1",
        "note: the KPI rules on {list} are not applied: their metrics come from the chats, and none were given (commission: --chats); every agent's multiplier is 1",
    ),
    (
        "reading.kpi.not_in_chats",
        "提示：{list} 的 KPI 规则没有生效：聊天记录和订单给不出这些数（它们来自客服绩效报表）；这些规则的系数为 1",
        "note: the KPI rules on {list} are not applied: the chats and orders give no such figure (it comes from a per-agent report); those rules' multiplier is 1",
    ),
    (
        "reading.kpi.not_in_report",
        "提示：{list} 的 KPI 规则没有生效：客服绩效报表给不出这些数（它们来自聊天记录和订单导出）；这些规则的系数为 1",
        "note: the KPI rules on {list} are not applied: a per-agent report gives no such figure (it comes from the chats and the order export); those rules' multiplier is 1",
    ),
    // files that hold nothing of what a command needs (src/inputs/, src/compute/)
    (
        "reading.inputs.no_chats",
        "{files} 中没有找到聊天记录或接待记录：请用 `cs-tools inspect` 检查这些文件",
        "no chat messages or sessions found in {files}: check the files with `cs-tools inspect`",
    ),
    (
        "reading.inputs.no_order_sheet",
        "{files} 中没有找到订单表：请用 `cs-tools inspect` 检查这些文件",
        "no order sheet found in {files}: check the files with `cs-tools inspect`",
    ),
    (
        "reading.inputs.no_agent_report",
        "{files} 中没有找到客服绩效报表（按客服一行，至少有 客服昵称/旺旺 和 销售额 列）：--against 需要赤兔或平台导出的客服绩效报表；请用 `cs-tools inspect` 检查这些文件",
        "no per-agent report (客服绩效报表: one row per agent, with an agent column such as 客服昵称/旺旺 and 销售额) found in {files}: --against needs the per-agent report exported from 赤兔 or the platform; check the files with `cs-tools inspect`",
    ),
    (
        "reading.inputs.report_rows_unread",
        "{places} 是客服绩效报表，但没有一行能用：{n} 行有问题，第一个在第 {row} 行“{column}”列（{value}）：{problem}；请用 `cs-tools inspect` 查看这些行",
        "{places} is a per-agent report (客服绩效报表), but none of its rows could be used: {n} rows had problems, the first at row {row}, column “{column}” ({value}): {problem}; check its rows with `cs-tools inspect`",
    ),
    (
        "reading.inputs.report_no_agent_rows",
        "{places} 是客服绩效报表，但其中没有客服的行（只有汇总、均值等报表自己的行）",
        "{places} is a per-agent report (客服绩效报表), but it holds no agent's row (only the report's own total and mean rows)",
    ),
    (
        "reading.inputs.no_scorecard_input",
        "没有找到聊天记录表，也没有客服绩效报表：绩效考核至少需要其中一个；请用 `cs-tools inspect` 检查这些文件",
        "no chat sheet and no per-agent report (客服绩效报表) found: a scorecard needs one of them; check the files with `cs-tools inspect`",
    ),
    (
        "reading.inputs.report_outside_period",
        "客服绩效报表中没有 {from} – {to} 的行：报表的日期是 {first} 到 {last}",
        "the per-agent report has no rows for {from} – {to}: its dates run from {first} to {last}",
    ),
    // one line per sheet under a message naming files: "  FILE [SHEET]: what it is"
    ("reading.sheet_line", "  {place}：{what}", "  {place}: {what}"),
    // commission given no order sheet (src/inputs/checks.rs): a title, one line per sheet, what to do
    (
        "reading.no_orders.title",
        "输入中没有找到订单表或客服绩效报表：",
        "no order sheet or per-agent report found in the input:",
    ),
    ("reading.no_orders.a_sheet", "这是{kind}", "a {kind} sheet"),
    ("reading.no_orders.not_used", "未使用", "not used"),
    (
        "reading.no_orders.chat_export",
        "{files} 是聊天导出，不是订单导出：计算提成需要订单导出（订单报表）作为 ORDERS；聊天文件请放在 --chats 后面（`cs-tools commission orders.xlsx --chats {paths}`）",
        "{files} is a chat export, not an order export: commission needs the order export (订单报表) as ORDERS; give the chats after --chats (`cs-tools commission orders.xlsx --chats {paths}`)",
    ),
    (
        "reading.no_orders.name_columns",
        "请在 cs-tools.toml 的 [columns.orders] 中写明列名，或用 `cs-tools inspect` 检查文件。",
        "Name the columns in cs-tools.toml ([columns.orders]) or check the file with `cs-tools inspect`.",
    ),
    // a file given with --ratings that holds no ratings sheet (src/inputs/checks.rs)
    (
        "reading.ratings.none",
        "{file} 是用 --ratings 给的，但其中没有评价表（服务评价）：",
        "{file} was given with --ratings but holds no ratings sheet (服务评价):",
    ),
    ("reading.ratings.the_file", "该文件", "the file"),
    ("reading.ratings.sheet", "工作表 {sheet}", "sheet {sheet}"),
    ("reading.ratings.not_read", "没有当作评价表读取", "not read as ratings"),
    ("reading.ratings.no_column", "  {place}：缺少这些列：{fields}", "  {place}: no column for {fields}"),
    (
        "reading.ratings.no_header",
        "  没有带表头的工作表：缺少这些列：{fields}",
        "  no sheet with a header row: no column for {fields}",
    ),
    (
        "reading.ratings.what_to_do",
        "请用 `cs-tools inspect` 检查该文件，或在 [columns.ratings] 中写明列名。",
        "Check the file with `cs-tools inspect`, or name the columns in [columns.ratings].",
    ),
    // a quality-inspection finding whose message cannot be read back (src/compute/qa.rs)
    (
        "reading.qa.unreadable_quote",
        "<无法从临时文件读回这条消息（技术信息：{detail}）>",
        "<cannot read back the message from the temporary file: {detail}>",
    ),
];
