//! The configuration file and `init` (src/config/), and the history kept between runs (src/history/, `cs-tools history`).

pub const MESSAGES: &[(&str, &str, &str)] = &[
    // Between the items of a list: keys, metrics, agents, months.
    ("config.list_sep", "、", ", "),
    // Reading the file (src/config/file.rs).
    (
        "config.file.cannot_read",
        "无法读取：{detail}；可以用 `cs-tools init` 写一个新的",
        "cannot read it ({detail}); `cs-tools init` writes one",
    ),
    (
        "config.file.not_utf8",
        "不是 UTF-8 文本：请另存为 UTF-8，或用 `cs-tools init` 写一个新的",
        "it is not UTF-8 text: 请另存为 UTF-8 (save it as UTF-8), or write a new one with `cs-tools init`",
    ),
    (
        "config.file.gbk",
        "文件是 GBK 编码（记事本里叫 “ANSI”）：请另存为 UTF-8，在记事本里：文件 → 另存为 → 编码选 UTF-8",
        "it is saved in GBK (\"ANSI\" in Notepad): 请另存为 UTF-8 — in Notepad: 文件 → 另存为 → 编码 UTF-8",
    ),
    // Keys the settings do not have, or cannot be written bare (src/config/mod.rs).
    (
        "config.err.unknown_key",
        "无法识别的键 {keys}：请对照 `cs-tools init` 写出的文件检查拼写",
        "unknown key {keys}: check its spelling against `cs-tools init`",
    ),
    (
        "config.err.unquoted_key",
        "第 {line} 行：键 {key} 必须加双引号（TOML 里中文等非 ASCII 的键都要加引号）；请写成 {fixed}",
        "line {line}: the key {key} must be in double quotes: TOML takes Chinese (and any non-ASCII) keys only quoted; write {fixed}",
    ),
    // Values read as they are parsed: rates and amounts.
    (
        "config.value.not_rate",
        "\"{value}\" 不是费率：请写 0.02 或 \"2%\"",
        "\"{value}\" is not a rate: write 0.02 or \"2%\"",
    ),
    ("config.value.not_number", "\"{value}\" 不是数字", "\"{value}\" is not a number"),
    // The English is the decimal library's own text for inf and nan (a unit test keeps it so).
    (
        "config.value.not_decimal",
        "这个数无法使用（inf、nan 或太大）：请写一个普通的数字",
        "Error while converting to Decimal",
    ),
    (
        "config.value.rate_range",
        "费率 {rate} 不在 0–100% 之间：2% 请写 0.02 或 \"2%\"",
        "rate {rate} is outside 0–100%: write 0.02 or \"2%\" for 2%",
    ),
    // Settings out of range, or that would leave every figure wrong.
    (
        "config.err.too_big",
        "{key} = {value} 超过上限 {max}：请检查这个值",
        "{key} = {value} is more than {max}: check the value",
    ),
    (
        "config.err.response_cap_zero",
        "response_cap_secs = 0 会让所有响应时间都变成 0 秒：请以秒为单位给出上限（默认 600）",
        "response_cap_secs = 0 would make every response time 0 s: give the cap in seconds (the default is 600)",
    ),
    (
        "config.err.max_buyers",
        "max_buyers_per_agent_hour = {value} 必须是大于 0 的数（默认 20）",
        "max_buyers_per_agent_hour = {value} must be a number above 0 (the default is 20)",
    ),
    (
        "config.err.attribution_empty",
        "attribution = [] 会让所有订单都未归属：请按尝试的先后列出归属来源，例如 attribution = [\"agent_column\", \"memo\", \"chat\"]",
        "attribution = [] would leave every order 未归属 (unattributed): list the sources in the order they are tried, e.g. attribution = [\"agent_column\", \"memo\", \"chat\"]",
    ),
    (
        "config.err.attribution_rule",
        "attribution_rule = \"{value}\" 不是归属规则：请写 \"order\"（下单判定，默认）、\"payment\"（付款判定）或 \"order_first\"（下单优先）",
        "attribution_rule = \"{value}\" is not an attribution rule: write \"order\" (下单判定, the default), \"payment\" (付款判定) or \"order_first\" (下单优先)",
    ),
    (
        "config.err.top_level_in_table",
        "{key} 写在了 [{table}] 下面，TOML 会把它当成 [{table}] 的设置：请把 {key} 移到文件开头、第一个 [表] 的上面（cs-tools init 写出的文件里 attribution 的旁边）",
        "{key} is written below [{table}], so TOML reads it as a setting of [{table}]: move {key} to the top of the file, above the first [table] (beside attribution in the file cs-tools init writes)",
    ),
    (
        "config.err.marker_empty",
        "auto_reply_markers：空的标记会把客服的每条消息都当成自动回复：请删掉它",
        "auto_reply_markers: an empty marker would make every agent message an auto-reply: remove it",
    ),
    // [columns.*]
    (
        "config.err.column_empty",
        "columns.{kind}.{field} 为空：请照导出文件写出该列的表头，或删掉这一行",
        "columns.{kind}.{field} is empty: write the column's header as the export has it, or remove the line",
    ),
    (
        "config.err.unknown_kind",
        "无法识别的键 columns.{kind}：表格类型有 {kinds}",
        "unknown key columns.{kind}: the sheet kinds are {kinds}",
    ),
    (
        "config.err.unknown_field",
        "无法识别的键 columns.{kind}.{field}：可用的字段有 {fields}",
        "unknown key columns.{kind}.{field}: the fields are {fields}",
    ),
    // [agents], [shifts], [schedule]
    ("config.err.alias_empty", "agents.\"{agent}\"：有一个别名是空的", "agents.\"{agent}\": an alias is empty"),
    (
        "config.err.alias_shared",
        "agents：“{alias}” 同时指向 “{other}” 和 “{agent}”；一个别名只能属于一位客服",
        "agents: \"{alias}\" names both \"{other}\" and \"{agent}\"; give each alias to one agent",
    ),
    (
        "config.err.shift_hours",
        "shifts.\"{code}\"：请把时段写成 [\"08:30-17:00\"]（两头班写多个时段；\"22:00-08:00\" 表示跨过午夜）",
        "shifts.\"{code}\": write its hours as [\"08:30-17:00\"] (several ranges for a split shift; \"22:00-08:00\" runs past midnight)",
    ),
    (
        "config.err.default_shift",
        "schedule.default_shift = \"{code}\"：[shifts] 中没有这个班次；请在那里加上 {code} = [\"09:00-18:00\"]，或改成已有的班次代码",
        "schedule.default_shift = \"{code}\": no such entry in [shifts]; add {code} = [\"09:00-18:00\"] there or name one of its codes",
    ),
    // [orders] status lists; {name} is one of config.status.*.
    ("config.err.status_empty", "orders.{key}：有一个状态文字是空的", "orders.{key}: a status text is empty"),
    (
        "config.err.status_twice",
        "orders：\"{text}\" 同时在 {other} 和 {key} 中；请只放在一个列表里",
        "orders: \"{text}\" is in both {other} and {key}; put it in one list",
    ),
    (
        "config.err.status_builtin",
        "orders.{key}：\"{text}\" 本来就是{name}状态；请从 {key} 中删掉",
        "orders.{key}: \"{text}\" is already a {name} status; remove it from {key}",
    ),
    ("config.status.paid", "已付款", "paid"),
    ("config.status.unpaid", "未付款", "unpaid"),
    ("config.status.closed", "已关闭", "closed"),
    // [[lost.category]], [[qa.rule]], [qa]
    (
        "config.err.lost_needs_id",
        "lost.category：每个分类都需要 id 和 label",
        "lost.category: every category needs an id and a label",
    ),
    ("config.err.lost_id_twice", "lost.category：id \"{id}\" 用了两次", "lost.category: the id \"{id}\" is used twice"),
    // [[shop]] (docs/definitions.md#shops)
    (
        "config.err.shop_name_empty",
        "第 {n} 个 [[shop]]：name 不能为空，请写上店铺名称",
        "[[shop]] number {n}: name is empty; write the shop's name",
    ),
    (
        "config.err.shop_files_empty",
        "第 {n} 个 [[shop]]（{name}）：files 为空；请列出这个店铺的文件，如 files = [\"jd_*.csv\"]",
        "[[shop]] number {n} ({name}): files is empty; list the shop's files, as files = [\"jd_*.csv\"]",
    ),
    (
        "config.err.shop_glob",
        "第 {n} 个 [[shop]]（{name}）：files 里的 \"{glob}\" 不是有效的通配符（* 任意字符，? 一个字符，[abc] 其中之一）",
        "[[shop]] number {n} ({name}): \"{glob}\" in files is not a valid glob (* any text, ? one character, [abc] one of them)",
    ),
    // [[conversion.response_rate]]
    (
        "config.err.rate_needs_id",
        "conversion.response_rate：每个响应率都需要 id 和 label",
        "conversion.response_rate: every rate needs an id and a label",
    ),
    (
        "config.err.rate_id_chars",
        "conversion.response_rate：id \"{id}\" 只能用小写英文字母、数字和 _（它是 JSON 里的键）",
        "conversion.response_rate: the id \"{id}\" may hold lowercase letters, digits and _ only (it is a JSON key)",
    ),
    (
        "config.err.rate_id_taken",
        "conversion.response_rate：id \"{id}\" 已是另一个指标的名字；请换一个",
        "conversion.response_rate: the id \"{id}\" is another figure's name; choose another",
    ),
    (
        "config.err.rate_id_twice",
        "conversion.response_rate：id \"{id}\" 用了两次",
        "conversion.response_rate: the id \"{id}\" is used twice",
    ),
    (
        "config.err.rate_secs_zero",
        "conversion.response_rate \"{id}\"：secs = 0 会让每个回复都超时；请给出秒数（如 180）",
        "conversion.response_rate \"{id}\": secs = 0 would make every reply late; give the seconds (such as 180)",
    ),
    (
        "config.err.rate_per",
        "conversion.response_rate \"{id}\"：per = \"{value}\" 无法识别；请写 \"turn\"（每轮买家提问）或 \"reception\"（每次接待的第一条买家消息）",
        "conversion.response_rate \"{id}\": per = \"{value}\" is not known; write \"turn\" (every buyer turn) or \"reception\" (each reception's first buyer message)",
    ),
    (
        "config.err.rate_hours",
        "conversion.response_rate \"{id}\"：hours = \"{value}\" 无法识别；请写成 \"08:00-23:00\"（含开始时刻，不含结束时刻）",
        "conversion.response_rate \"{id}\": hours = \"{value}\" is not understood; write it as \"08:00-23:00\" (the start is in, the end is out)",
    ),
    (
        "config.err.rate_too_many",
        "conversion.response_rate：共 {n} 个响应率，最多 {max} 个（含两个默认的）",
        "conversion.response_rate: {n} rates, at most {max} (the two defaults included)",
    ),
    ("config.err.qa_needs_id", "qa.rule：每条规则都需要 id 和 label", "qa.rule: every rule needs an id and a label"),
    ("config.err.qa_id_twice", "qa.rule：id \"{id}\" 用了两次", "qa.rule: the id \"{id}\" is used twice"),
    (
        "config.err.qa_points",
        "qa.rule \"{id}\"：points 必须是 ≥ 0 的数",
        "qa.rule \"{id}\": points must be a number ≥ 0",
    ),
    (
        "config.err.qa_keyword_empty",
        "qa.rule \"{id}\"：有一个关键词或例外词是空的",
        "qa.rule \"{id}\": a keyword or exception is empty",
    ),
    ("config.err.qa_norms", "qa.norms：扣分都必须是 ≥ 0 的数", "qa.norms: points must be numbers ≥ 0"),
    (
        "config.err.qa_grades",
        "qa.grades：每个等级都要有名字和一个最低分（数字），qa.below 不能是空的",
        "qa.grades: every grade needs a name and a minimum score (a number), and qa.below cannot be empty",
    ),
    // [[scorecard.metric]]
    (
        "config.err.scorecard_unknown",
        "scorecard.metric：无法识别的指标 \"{metric}\"；可用的指标有 {metrics}",
        "scorecard.metric: unknown metric \"{metric}\"; the metrics are {metrics}",
    ),
    (
        "config.err.scorecard_shape",
        "scorecard.metric \"{metric}\"：请给出 ≥ 0 的 weight，并在 bands = [[threshold, score], …] 和 linear = { worst = …, best = … } 中写一个",
        "scorecard.metric \"{metric}\": give a weight ≥ 0 and either bands = [[threshold, score], …] or linear = { worst = …, best = … }",
    ),
    // [commission] tiers and [[commission.kpi]]; {why} is one of config.kpi_why.*.
    (
        "config.err.kpi_not_allowed",
        "{path}.kpi：\"{metric}\" 不能用作 KPI 系数：{why}；可用作 KPI 的指标有 {metrics}",
        "{path}.kpi: \"{metric}\" cannot set a KPI multiplier: {why}; the KPI metrics are {metrics}",
    ),
    (
        "config.kpi_why.satisfaction",
        "它是服务评价的平均分，而 commission 不读服务评价",
        "it is the mean of the service ratings (服务评价), which commission does not read",
    ),
    (
        "config.kpi_why.qa_score",
        "它来自聊天质检（`cs-tools qa`），而 commission 不做质检",
        "it comes from the chat quality pass (质检, `cs-tools qa`), which commission does not run",
    ),
    (
        "config.err.kpi_unknown",
        "{path}.kpi：无法识别的指标 \"{metric}\"；可用的指标有 {metrics}",
        "{path}.kpi: unknown metric \"{metric}\"; the metrics are {metrics}",
    ),
    (
        "config.err.shop_kpi",
        "[{path}] 里不能写 kpi：KPI 系数按人计算（跨店铺合计），写在 [commission] 或 [commission.agents.\"姓名\"] 里",
        "[{path}] cannot hold kpi: KPI multipliers apply to a person over all shops; write them in [commission] or [commission.agents.\"NAME\"]",
    ),
    (
        "config.err.kpi_one_bound",
        "{path}.kpi 中的 \"{metric}\"：at_least 和 at_most 要写一个，且只能写一个",
        "{path}.kpi for \"{metric}\": give exactly one of at_least or at_most",
    ),
    (
        "config.err.kpi_bound_nan",
        "{path}.kpi 中的 \"{metric}\"：界限必须是数字",
        "{path}.kpi for \"{metric}\": the bound must be a number",
    ),
    (
        "config.err.kpi_multiplier",
        "{path}.kpi 中的 \"{metric}\"：multiplier {value} 不在 0–10 之间",
        "{path}.kpi for \"{metric}\": multiplier {value} is outside 0–10",
    ),
    ("config.err.tier_negative", "{path}.tiers：有一档的起点小于 0", "{path}.tiers: a tier starts below 0"),
    (
        "config.err.tiers_needed",
        "{path}：mode 为 step/progressive 时需要 tiers = [ { from = 0, rate = 0.01 }, … ]",
        "{path}: mode step/progressive needs tiers = [ { from = 0, rate = 0.01 }, … ]",
    ),
    // What the TOML parser found (src/config/toml_error.rs): where, then what. The English
    // output is the parser's own text; these English texts say the same where it is not shown.
    ("config.toml.at", "第 {line} 行第 {column} 列：{what}", "line {line}, column {column}: {what}"),
    (
        "config.toml.at_unexplained",
        "第 {line} 行第 {column} 列写得不对，请对照 `cs-tools init` 写出的文件检查{detail}",
        "line {line}, column {column} is not right: check it against `cs-tools init` {detail}",
    ),
    ("config.toml.in_key", "{what}（在 {key} 中）", "{what} in {key}"),
    ("config.toml.invalid_type", "这里应为{expected}，写的是{found}", "invalid type: {found}, expected {expected}"),
    ("config.toml.invalid_value", "这里应为{expected}，写的是{found}", "invalid value: {found}, expected {expected}"),
    ("config.toml.too_big", "整数 {value} 太大：请检查这个值", "integer {value} is too big: check the value"),
    (
        "config.toml.unknown_variant",
        "无法识别的取值 {value}：可选的值有 {allowed}",
        "unknown variant {value}, expected one of {allowed}",
    ),
    (
        "config.toml.unknown_field",
        "无法识别的键 {value}：可用的键有 {allowed}",
        "unknown field {value}, expected one of {allowed}",
    ),
    ("config.toml.missing_field", "缺少 {field}：请补上这一项", "missing field {field}"),
    ("config.toml.wanted_string", "这里应为加双引号的文本", "wanted string or table"),
    ("config.toml.not_number", "这里应为数字，例如 0.02 或 \"2%\"", "a number, e.g. 0.02 or \"2%\""),
    // The parser's own complaints about the file's syntax.
    ("config.toml.unclosed_table", "表头缺少右方括号 `]`", "unclosed table"),
    ("config.toml.unclosed_array_table", "表头缺少右方括号 `]]`", "unclosed array table"),
    ("config.toml.unclosed_array", "列表缺少右方括号 `]`", "unclosed array"),
    ("config.toml.unclosed_inline_table", "行内表缺少右花括号", "unclosed inline table"),
    ("config.toml.duplicate_key", "这个键重复了：同一个表里每个键只能写一次", "duplicate key"),
    ("config.toml.unquoted_string", "文本要加双引号，例如 \"小王\"", "string values must be quoted"),
    ("config.toml.missing_value", "等号后面缺少值", "missing value"),
    ("config.toml.missing_assignment", "键和值之间缺少等号 `=`", "missing assignment between key-value pairs"),
    ("config.toml.invalid_key", "键里有不能直接写的字符：请给键加上双引号", "invalid unquoted key"),
    ("config.toml.missing_comma", "列表的元素之间缺少逗号", "missing comma between array elements"),
    ("config.toml.invalid_string", "文本的引号没有配对，或反斜杠写法不对", "invalid basic string"),
    // Kinds of value, as the parser names what it found and what it expected.
    ("config.toml.found_integer", "整数 {value}", "integer {value}"),
    ("config.toml.found_float", "小数 {value}", "floating point {value}"),
    ("config.toml.found_string", "文本 {value}", "string {value}"),
    ("config.toml.found_boolean", "开关值 {value}", "boolean {value}"),
    ("config.toml.found_sequence", "列表", "sequence"),
    ("config.toml.found_map", "表", "map"),
    ("config.toml.expected_string", "加双引号的文本", "a string"),
    ("config.toml.expected_sequence", "方括号里的列表 [ … ]", "a sequence"),
    ("config.toml.expected_map", "表（单独一节 [名称]，或行内表）", "a map"),
    ("config.toml.expected_unsigned", "不小于 0 的整数", "an unsigned integer"),
    ("config.toml.expected_integer", "整数", "an integer"),
    ("config.toml.expected_number", "数字", "a number"),
    ("config.toml.expected_boolean", "开关值 true 或 false", "a boolean"),
    // `cs-tools init` (src/commands/init.rs).
    (
        "config.init.wrote",
        "已写入 {path}：包含每项设置及其默认值；请先填写 [agents] 和 [commission]",
        "wrote {path}: every setting with its default; edit [agents] and [commission] first",
    ),
    (
        "config.init.exists",
        "{path} 已存在：保留它，或用 `cs-tools init --force` 覆盖",
        "{path} already exists: keep it, or replace it with `cs-tools init --force`",
    ),
    // The history file (src/history/): {message} is one of the texts below.
    ("config.history.error", "历史文件 {path}：{message}", "history {path}: {message}"),
    (
        "config.history.none_yet",
        "这里还没有历史数据：运行 daily、conversion、commission 或 report 时会写入",
        "no history here yet: runs of daily, conversion, commission and report fill it",
    ),
    ("config.history.cannot_open", "无法打开{detail}", "cannot open it {detail}"),
    ("config.history.sqlite", "SQLite 出错：{detail}", "{detail}"),
    (
        "config.history.not_a_history",
        "不是 cs-tools 的历史文件（不是 SQLite 数据库，或已损坏）：请把它移走，或另给一个 --history PATH；报表照常写出，只是没有与历史的对比",
        "is not a cs-tools history (not an SQLite database, or damaged): move it away or give another --history PATH; the report is written without comparisons from the history",
    ),
    (
        "config.history.corrupt",
        "已损坏（SQLite 报告数据库损坏）：请把它移走，再用 `cs-tools history import` 把过去的导出文件导入一个新的历史文件",
        "is damaged (SQLite says the database is corrupt): move it away, `cs-tools history import` past exports into a new one",
    ),
    ("config.history.unreadable", "无法读取{detail}", "cannot be read {detail}"),
    (
        "config.history.foreign",
        "是别的程序的 SQLite 数据库，不是 cs-tools 的历史文件：请另给一个 --history PATH（没有往里面写任何东西）",
        "is an SQLite database of another program, not a cs-tools history: give another --history PATH (nothing was written to it)",
    ),
    (
        "config.history.newer",
        "由更新版本的 cs-tools 写入（历史版本 {version}，当前版本只能读 {supported}）：请更新 cs-tools",
        "was written by a newer cs-tools (history version {version}, this one reads {supported}): update cs-tools",
    ),
    ("config.history.cannot_record", "无法写入{detail}", "cannot record {detail}"),
    ("config.history.cannot_read", "无法读取{detail}", "cannot read {detail}"),
    ("config.history.cannot_delete", "无法删除{detail}", "cannot delete {detail}"),
    // `cs-tools history` (src/commands/history.rs).
    (
        "config.history.none",
        "没有历史文件：请给出 --history PATH，或在 cs-tools.toml 所在的文件夹运行（`cs-tools init` 可以写一个）；历史文件是它旁边的 cs-tools.db",
        "no history: give --history PATH, or run where cs-tools.toml is (`cs-tools init`); the history is cs-tools.db beside it",
    ),
    ("config.history.list_head", "历史文件 {path}", "history {path}"),
    ("config.history.list_empty", "没有任何记录", "nothing stored"),
    ("config.history.no_shop", "（无店铺名）", "(no shop name)"),
    (
        "config.history.list_line",
        "{shop}  {kind}  {from} – {to}  {days} 天  客服：{agents}{settings}",
        "{shop}  {kind}  {from} – {to}  {days} days  agents: {agents}{settings}",
    ),
    ("config.history.kind.conversion", "询单转化", "conversion"),
    ("config.history.kind.money", "销售额", "money"),
    ("config.history.settings", "  （{count} 种不同设置）", "  ({count} different settings)"),
    (
        "config.history.months",
        "{shop}  整月数据（买家按月去重）：{months}",
        "{shop}  whole months (buyers counted once a month): {months}",
    ),
    ("config.history.wrote", "已写入 {path}", "wrote {path}"),
    ("config.history.from_after_to", "--from {from} 晚于 --to {to}", "--from {from} is after --to {to}"),
    (
        "config.history.forgot",
        "已从 {path} 删除 {from} 至 {to} 的 {rows} 行{months}",
        "forgot {rows} rows{months} from {from} to {to} in {path}",
    ),
    (
        "config.history.forgot_months",
        "，以及这些月份的整月数据（{count} 行）",
        " and the month figures of their months ({count} rows)",
    ),
    (
        "config.history.import_nothing",
        "{files} 中没有找到订单或聊天记录：请用 `cs-tools inspect` 检查这些文件",
        "no orders or chats found in {files}: check the files with `cs-tools inspect`",
    ),
    (
        "config.history.import_needs",
        "history import 需要一个历史文件：请给出 --history PATH，或在 cs-tools.toml 所在的文件夹运行",
        "history import needs a history: give --history PATH, or run where cs-tools.toml is",
    ),
    (
        "config.history.imported",
        "已为店铺“{shop}”导入 {conversion} 天的转化数据和 {money} 天的销售数据（{span}）",
        "imported {conversion} days of conversion figures and {money} days of sales ({span}) for shop \"{shop}\"",
    ),
    (
        "config.history.import_problems",
        "{problems}：这些行没有记入历史；用 `cs-tools inspect FILES…` 查看",
        "{problems}: not recorded in the history; see them with `cs-tools inspect FILES…`",
    ),
];
