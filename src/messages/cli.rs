//! Arguments and `--help` (src/cli.rs, src/cli/chinese.rs), the usage errors clap finds, and what `main` and a dropped file say (src/main.rs, src/launch.rs).
//!
//! The English of `--help` is the doc comments of src/cli.rs as written; a line here gives its
//! Chinese and is found by that English (src/cli/chinese.rs), so the English column must stay
//! the doc comment's text (the unit test there finds one that does not).

pub const MESSAGES: &[(&str, &str, &str)] = &[
    // the whole command line (cs-tools --help)
    (
        "cli.about",
        "电商客服团队的提成、询单转化和服务报表，由店铺导出的订单表和聊天记录生成。",
        "Commission, conversion and service reports for e-commerce customer-service teams, from the shop's exported order and chat sheets.",
    ),
    (
        "cli.after_help",
        "示例：\n  cs-tools commission 订单报表.csv                   文件中全部订单的提成，统一按 2%\n  cs-tools commission orders.xlsx --month 2026-10 --rate 1.5%\n  cs-tools commission orders.xlsx --month last --config cs-tools.toml -o payroll.xlsx\n  cs-tools commission orders.xlsx --format json      在 stdout 输出一个 JSON 对象，供脚本使用\n  cs-tools conversion chats.xlsx 聊天记录.txt --orders orders.xlsx --month 2026-10\n  cs-tools lost chats.xlsx --orders orders.xlsx --month last\n  cs-tools qa chats.xlsx --month last                聊天质检\n  cs-tools scorecard chats.xlsx --orders orders.xlsx --ratings 评价.xlsx --month 2026-10\n  cs-tools daily chats.csv --orders orders.csv --day yesterday -q\n  cs-tools report month.xlsx --month last\n  cs-tools schedule 排班表.xlsx --chats chats.xlsx --month 2026-10\n  cs-tools reconcile chats.xlsx --orders orders.xlsx --against 赤兔客服绩效.xlsx --month 2026-10\n  cs-tools inspect export.xls                        看 cs-tools 从文件里读到了什么\n  cs-tools init                                      写出含全部默认值的 cs-tools.toml",
        "Examples:\n  cs-tools commission 订单报表.csv                     commission for everything in the file, flat 2%\n  cs-tools commission orders.xlsx --month 2026-10 --rate 1.5%\n  cs-tools commission orders.xlsx --month last --config cs-tools.toml -o payroll.xlsx\n  cs-tools commission orders.xlsx --format json      one JSON object on stdout, for scripts\n  cs-tools conversion chats.xlsx 聊天记录.txt --orders orders.xlsx --month 2026-10\n  cs-tools lost chats.xlsx --orders orders.xlsx --month last\n  cs-tools qa chats.xlsx --month last                 chat quality inspection (质检)\n  cs-tools scorecard chats.xlsx --orders orders.xlsx --ratings 评价.xlsx --month 2026-10\n  cs-tools daily chats.csv --orders orders.csv --day yesterday -q\n  cs-tools report month.xlsx --month last\n  cs-tools schedule 排班表.xlsx --chats chats.xlsx --month 2026-10\n  cs-tools reconcile chats.xlsx --orders orders.xlsx --against 赤兔客服绩效.xlsx --month 2026-10\n  cs-tools inspect export.xls                        what cs-tools sees in a file\n  cs-tools init                                      write cs-tools.toml with every default",
    ),
    (
        "cli.lang",
        "报表和所有提示的语言：zh（默认）或 en",
        "Language of the reports and of every message: zh (default) or en",
    ),
    (
        "cli.mask_buyers",
        "报表、JSON 和提示中的买家昵称一律以代号代替（t***2），同一买家同一代号；用于把报表发给团队以外的人",
        "Replace buyers' nicknames in every sheet, JSON and message with a mask (t***2), the same buyer the same mask, for a report shared outside the team",
    ),
    (
        "cli.shop",
        "没有店铺名称列、子账号（店铺:客服）或配置 [[shop]] 指明店铺的文件，归入这个店铺",
        "The shop of the files that no shop column, sub-account or [[shop]] in the config names",
    ),
    // clap's own words in --help: headings, defaults, values, --help, --version, the help command
    ("cli.help.usage", "用法：", "Usage: "),
    ("cli.help.commands", "命令：", "Commands:"),
    ("cli.help.arguments", "参数：", "Arguments:"),
    ("cli.help.options", "选项：", "Options:"),
    ("cli.help.default", "[默认：{value}]", "[default: {value}]"),
    ("cli.help.possible_values", "[可选值：{values}]", "[possible values: {values}]"),
    ("cli.help.possible_values_heading", "可选值：", "Possible values:"),
    ("cli.flag.help", "打印帮助", "Print help"),
    ("cli.flag.help_more", "打印帮助（'--help' 显示完整说明）", "Print help (see more with '--help')"),
    ("cli.flag.help_summary", "打印帮助（'-h' 只显示摘要）", "Print help (see a summary with '-h')"),
    ("cli.flag.version", "打印版本号", "Print version"),
    ("cli.help.about", "打印本说明，或所给命令的说明", "Print this message or the help of the given subcommand(s)"),
    // what each command does
    (
        "cli.commission.about",
        "按客服计算提成，用于发工资；数据来自订单报表或客服绩效报表",
        "Per-agent commission (提成) for payroll, from order exports or a per-agent report",
    ),
    (
        "cli.conversion.about",
        "按客服统计询单 → 下单 → 付款的转化（询单转化率）和响应时间",
        "Inquiry → order → payment conversion (询单转化率) and response times per agent",
    ),
    (
        "cli.reconcile.about",
        "把 cs-tools 的数字和客服绩效报表（赤兔、平台）逐个客服对照：三种归属规则各算一遍，并列出造成差异的订单",
        "Our figures beside a per-agent report's (赤兔, the platform) under each attribution rule, and the orders behind each difference",
    ),
    (
        "cli.lost.about",
        "询单为什么没成交（未成交原因），附买家原话为证",
        "Why inquiries were lost (未成交原因), with the buyers' own words as evidence",
    ),
    (
        "cli.qa.about",
        "聊天质检：违禁词和服务规范，引用客服的原话",
        "Chat quality inspection (质检): banned words and service norms, quoting the agents' messages",
    ),
    (
        "cli.scorecard.about",
        "按客服计算加权 KPI 得分和等级（绩效考核）",
        "Weighted KPI score and grade per agent (绩效考核)",
    ),
    (
        "cli.daily.about",
        "按客服统计一天的转化数据（日报），适合定时任务",
        "One day's conversion figures per agent (日报), for cron",
    ),
    (
        "cli.report.about",
        "整个时段放进一个工作簿：总览、提成、询单转化、未成交原因、绩效考核、每日趋势",
        "The whole period in one workbook: overview, commission, conversion, lost reasons, scorecard, daily trend",
    ),
    (
        "cli.schedule.about",
        "排班表是否覆盖了买家发消息的时段？",
        "Does the shift schedule (排班表) cover the hours buyers write?",
    ),
    (
        "cli.inspect.about",
        "查看 cs-tools 从文件中读到的内容：工作表、表头行、列对应、行数、问题",
        "Show what cs-tools sees in files: sheets, header row, column mapping, rows, problems",
    ),
    (
        "cli.init.about",
        "写出带注释、含全部默认值的 cs-tools.toml",
        "Write a commented cs-tools.toml with every default",
    ),
    (
        "cli.history.about",
        "各次运行之间保存的每日数据：list（列出）、import（导入）、export（导出）、forget（删除）",
        "The per-day figures kept between runs: list, import, export, forget",
    ),
    (
        "cli.completions.about",
        "打印 shell 补全脚本：`cs-tools completions bash > ~/.local/share/bash-completion/completions/cs-tools`",
        "Print shell completions: `cs-tools completions bash > ~/.local/share/bash-completion/completions/cs-tools`",
    ),
    (
        "cli.man.about",
        "打印 man 手册页（roff 格式，英文）：`cs-tools man > ~/.local/share/man/man1/cs-tools.1`",
        "Print the man page (roff): `cs-tools man > ~/.local/share/man/man1/cs-tools.1`",
    ),
    ("cli.history.list.about", "列出已保存的内容：店铺、日期范围、客服", "What is stored: shops, date ranges, agents"),
    (
        "cli.history.import.about",
        "记录导出文件（订单、聊天）里的每一天，不写报表：用来把过去几个月补进历史",
        "Record the days of export files (orders, chats) without writing a report: seeds the history with past months",
    ),
    (
        "cli.history.export.about",
        "把保存的每一行以 CSV 输出到 stdout（或 -o FILE）",
        "Every stored row, as CSV on stdout (or -o FILE)",
    ),
    (
        "cli.history.forget.about",
        "删除从 --from 到 --to 保存的日期（两端都含）",
        "Delete the stored days from --from to --to (both included)",
    ),
    // options several commands share: the period, the output, the input, the history
    ("cli.month", "一个自然月，YYYY-MM；`last` 表示上个月", "A calendar month, YYYY-MM, or `last` for last month"),
    ("cli.from", "时段的第一天（含），YYYY-MM-DD", "First day of the period (inclusive), YYYY-MM-DD"),
    ("cli.to", "时段的最后一天（含），YYYY-MM-DD", "Last day of the period (inclusive), YYYY-MM-DD"),
    (
        "cli.output",
        "输出文件（xlsx）。默认：当前目录下的 <command>-<period>.xlsx",
        "Output file (xlsx). Default: <command>-<period>.xlsx in the current directory",
    ),
    (
        "cli.format",
        "xlsx 写出报表；csv、json 和 table 打印汇总，markdown 和 text 打印发到群里的简短摘要（daily、conversion、commission、report 才有）；这几种都不写文件",
        "xlsx writes the report; csv, json and table print the summary, markdown and text a short one for a group chat (daily, conversion, commission, report); these write no file",
    ),
    (
        "cli.format.markdown",
        "发到群里的简短摘要，用钉钉/企业微信机器人能显示的 Markdown",
        "A short summary for a group chat, in the Markdown 钉钉/企业微信 robots render",
    ),
    ("cli.format.text", "同样的摘要，纯文本", "The same summary as plain text"),
    (
        "cli.strict",
        "有行出问题时以退出码 3 结束（报表照样写出）",
        "Exit 3 when some rows had problems (the report is still written)",
    ),
    (
        "cli.quiet",
        "不在 stdout 打印汇总（问题仍在 stderr 上计数）",
        "No summary on stdout (problems are still counted on stderr)",
    ),
    (
        "cli.config",
        "配置文件。默认：有 ./cs-tools.toml 就用它，否则用内置默认值",
        "Settings file. Default: ./cs-tools.toml when present, else built-in defaults",
    ),
    ("cli.sheet", "每个工作簿只读这个工作表", "Read only this sheet of each workbook"),
    (
        "cli.encoding",
        "CSV/TXT 输入的文本编码（utf-8、gbk、gb18030、utf-16le…）；默认自动识别",
        "Text encoding of CSV/TXT input (utf-8, gbk, gb18030, utf-16le…); default: detected",
    ),
    (
        "cli.threads",
        "同时读取的输入文件数；默认为本机的核数；1 表示一个接一个地读。不论多少，报表都一样",
        "Input files read at once; default: the machine's cores; 1 reads one file after another. The reports are the same whatever the number",
    ),
    (
        "cli.history",
        "历史文件（SQLite）。默认：[history] path，否则为所用配置文件旁的 cs-tools.db；没有配置文件时不保存",
        "The history file (SQLite). Default: [history] path, else cs-tools.db beside the config file in use; without a config file nothing is kept",
    ),
    (
        "cli.no_history",
        "本次运行什么都不保存，只在输入文件之内比较",
        "Keep nothing from this run and compare only within the input files",
    ),
    (
        "cli.chats",
        "聊天记录：消息记录（xlsx/csv）、千牛文本或接待记录表",
        "Chat exports: message logs (xlsx/csv), 千牛 text, or session sheets (接待记录)",
    ),
    // each command's own arguments
    (
        "cli.commission.files",
        "订单报表（xlsx、xls、csv…）或客服绩效报表",
        "Order exports (xlsx, xls, csv…) or a per-agent report (客服绩效报表)",
    ),
    (
        "cli.commission.chats",
        "聊天记录（消息记录、千牛文本、接待记录表）：用于按聊天归属订单和 KPI 数据",
        "Chat exports (message logs, 千牛 text, session sheets): chat attribution and KPI figures",
    ),
    (
        "cli.commission.rate",
        "所有人统一的提成比例，如 2% 或 0.02（覆盖配置文件里的方式和比例）",
        "A flat commission rate for everyone, e.g. 2% or 0.02 (overrides the config's mode and rate)",
    ),
    ("cli.conversion.orders", "订单报表，用来看谁下单、谁付款", "Order exports, to see who ordered and paid"),
    ("cli.reconcile.orders", "订单报表，用来看谁下单、谁付款", "Order exports, to see who ordered and paid"),
    (
        "cli.reconcile.against",
        "要对账的客服绩效报表（赤兔或平台导出），按月或按天",
        "The per-agent report to compare with (赤兔 or the platform's 客服绩效报表), by month or by day",
    ),
    (
        "cli.lost.orders",
        "订单报表；不给时每个询单都算未成交",
        "Order exports; without them every inquiry counts as lost",
    ),
    (
        "cli.qa.chats",
        "聊天记录：消息记录（xlsx/csv）或千牛文本；接待记录表里没有聊天内容",
        "Chat exports: message logs (xlsx/csv) or 千牛 text; session sheets carry no text",
    ),
    (
        "cli.qa.orders",
        "订单报表（可选：用来在标题里写出店铺名）",
        "Order exports (optional: they name the shop in the title)",
    ),
    (
        "cli.scorecard.files",
        "聊天记录，或客服绩效报表；按表头识别工作表",
        "Chat exports, or a per-agent report (客服绩效报表); sheets are found by their headers",
    ),
    ("cli.scorecard.orders", "订单报表", "Order exports"),
    ("cli.scorecard.ratings", "服务评价表", "Service ratings (服务评价)"),
    (
        "cli.daily.chats",
        "聊天记录，或按天的客服绩效报表（有 日期 列）",
        "Chat exports, or a per-agent report by day (客服绩效报表 with a 日期 column)",
    ),
    (
        "cli.daily.orders",
        "订单报表（给聊天记录时需要；给客服绩效报表时不需要）",
        "Order exports (needed with chats; not with a per-agent report)",
    ),
    (
        "cli.daily.day",
        "哪一天，YYYY-MM-DD 或 `yesterday`；默认：聊天记录里的最后一天",
        "The day, YYYY-MM-DD or `yesterday`; default: the last day in the chats",
    ),
    (
        "cli.report.files",
        "这个时段的所有导出：订单、聊天、评价、客服绩效报表——分成几个文件或放在一个工作簿里都行；按表头识别工作表",
        "Every export of the period: orders, chats, ratings, per-agent reports — in any number of files or one workbook; sheets are found by their headers",
    ),
    ("cli.report.rate", "所有人统一的提成比例，如 2% 或 0.02", "A flat commission rate for everyone, e.g. 2% or 0.02"),
    (
        "cli.report.no_orders",
        "只用聊天记录出报表，明确没有订单报表：销售额、提成、付款买家和转化率显示为缺失（—），而不是 0。不加这个选项时，有聊天却没有订单表会报错",
        "Report the chats alone, knowing no order export is given: sales, commission, paid buyers and conversion are shown as missing (—), not 0. Without it, chats with no order sheet are an error",
    ),
    (
        "cli.schedule.schedule",
        "排班表：一个客服一行，一个日期一列，每格一个班次代码",
        "The schedule: one row per agent, one column per date, a shift code per cell",
    ),
    ("cli.schedule.chats", "聊天记录", "Chat exports"),
    (
        "cli.inspect.files",
        "任何导出文件（xlsx、xls、csv、千牛文本、排班表）；逐个显示工作表、表头行、列对应、行数、日期和前几个问题",
        "Exports of any kind (xlsx, xls, csv, 千牛 text, schedules); each file is shown with its sheets, header row, column mapping, rows, dates and first problems",
    ),
    ("cli.inspect.format", "table（默认）或 json", "table (default) or json"),
    ("cli.init.path", "写到哪里；`-` 表示直接打印", "Where to write it; `-` prints it"),
    ("cli.init.force", "覆盖已有的文件", "Replace an existing file"),
    (
        "cli.completions.shell",
        "哪种 shell：bash、zsh、fish、powershell 或 elvish",
        "The shell: bash, zsh, fish, powershell or elvish",
    ),
    (
        "cli.man.dir",
        "把 cs-tools.1 和每个命令的一页（cs-tools-commission.1、…）写进这个文件夹，而不是打印 cs-tools.1",
        "Write cs-tools.1 and one page per command (cs-tools-commission.1, …) into this folder instead of printing cs-tools.1",
    ),
    (
        "cli.history.history",
        "历史文件。默认：[history] path，否则为配置文件旁的 cs-tools.db",
        "The history file. Default: [history] path, else cs-tools.db beside the config file",
    ),
    (
        "cli.history.config",
        "配置文件。默认：有 ./cs-tools.toml 就用它",
        "Settings file. Default: ./cs-tools.toml when present",
    ),
    (
        "cli.history.import.files",
        "导出文件：订单和聊天，分成几个文件或放在一个工作簿里都行",
        "Export files: orders and chats, in any number of files or one workbook",
    ),
    (
        "cli.history.import.rate",
        "统一的提成比例（记入这些行的设置摘要，与 `commission --rate` 相同）",
        "A flat commission rate (recorded in the rows' settings digest, as `commission --rate`)",
    ),
    ("cli.history.import.quiet", "只打印问题", "Print nothing but problems"),
    ("cli.history.export.format", "csv（唯一的格式）", "csv (the only format)"),
    ("cli.history.export.output", "写到这个文件，而不是 stdout", "Write to this file instead of stdout"),
    ("cli.history.forget.from", "要删除的第一天（含），YYYY-MM-DD", "First day to delete (inclusive), YYYY-MM-DD"),
    ("cli.history.forget.to", "要删除的最后一天（含），YYYY-MM-DD", "Last day to delete (inclusive), YYYY-MM-DD"),
    (
        "cli.history.forget.shop",
        "只删这个店铺的日期（店名照 `history list` 显示的写；\"\" 表示没有店名）",
        "Only this shop's days (the name as `history list` shows it; \"\" for no shop name)",
    ),
    // values the arguments refuse (src/cli.rs value parsers)
    (
        "cli.value.month",
        "“{value}” 不是月份：请写 YYYY-MM（如 2026-10）或 `last`",
        "\"{value}\" is not a month: write YYYY-MM (2026-10) or `last`",
    ),
    ("cli.value.date", "“{value}” 不是日期：请写 YYYY-MM-DD", "\"{value}\" is not a date: write YYYY-MM-DD"),
    ("cli.value.rate", "“{value}” 不是比例：请写 2% 或 0.02", "\"{value}\" is not a rate: write 2% or 0.02"),
    (
        "cli.value.rate_range",
        "“{value}” 超出了 0–100%：比例在 0–100% 之间，如 2% 或 0.02",
        "\"{value}\" is outside 0–100%: rates are 0–100%, e.g. 2% or 0.02",
    ),
    (
        "cli.value.encoding",
        "不认识的编码“{value}”：可以试试 utf-8、gbk、gb18030、utf-16le",
        "unknown encoding \"{value}\": try utf-8, gbk, gb18030, utf-16le",
    ),
    // what the arguments cannot say together (src/cli.rs check, settle_output)
    (
        "cli.err.summary_format",
        "--format {format}（群消息摘要）只有 daily、conversion、commission 和 report 能生成；{name} 可以输出 table、csv 或 json",
        "--format {format} (the group-chat summary) is made by daily, conversion, commission and report; {name} prints table, csv or json",
    ),
    (
        "cli.err.from_after_to",
        "--from {from} 晚于 --to {to}：时段从 --from 到 --to，两天都包括在内",
        "--from {from} is after --to {to}: the period runs from --from to --to, both days included",
    ),
    (
        "cli.err.output_format",
        "-o {path} 是 {named} 文件，但 --format 是 {given}：把文件名改成 .{ext}，或去掉 --format",
        "-o {path} names a {named} file but --format is {given}: name the file .{ext} or leave out --format",
    ),
    // usage errors clap finds, said from its context (src/cli/chinese.rs); the English is clap's
    ("cli.err.error", "错误：", "error: "),
    ("cli.err.more", "用 '--help' 查看更多说明。", "For more information, try '--help'."),
    ("cli.err.unknown_arg", "不认识的参数 '{arg}'", "unexpected argument '{arg}' found"),
    ("cli.err.unknown_command", "不认识的命令 '{name}'", "unrecognized subcommand '{name}'"),
    ("cli.err.no_value", "'{arg}' 需要一个值，但没有给", "a value is required for '{arg}' but none was supplied"),
    ("cli.err.bad_value", "'{arg}' 的值 '{value}' 无效", "invalid value '{value}' for '{arg}'"),
    ("cli.err.bad_value_why", "{line}：{why}", "{line}: {why}"),
    ("cli.err.values", "[可选值：{values}]", "[possible values: {values}]"),
    ("cli.err.missing", "缺少必需的参数：", "the following required arguments were not provided:"),
    ("cli.err.no_command", "'{name}' 后面要跟一个命令", "'{name}' requires a subcommand but one was not provided"),
    ("cli.err.commands", "[可用的命令：{values}]", "[subcommands: {values}]"),
    ("cli.err.repeated", "参数 '{arg}' 只能给一次", "the argument '{arg}' cannot be used multiple times"),
    ("cli.err.conflict", "参数 '{arg}' 不能和 '{other}' 一起用", "the argument '{arg}' cannot be used with '{other}'"),
    ("cli.err.conflict_many", "参数 '{arg}' 不能和下面这些一起用：", "the argument '{arg}' cannot be used with:"),
    (
        "cli.err.conflict_other",
        "参数 '{arg}' 不能和已给的其他参数一起用",
        "the argument '{arg}' cannot be used with one or more of the other specified arguments",
    ),
    (
        "cli.err.too_many_values",
        "'{arg}' 多出一个值 '{value}'：只要这么多",
        "unexpected value '{value}' for '{arg}' found; no more were expected",
    ),
    (
        "cli.err.too_few_values",
        "'{arg}' 要 {wanted} 个值，只给了 {given} 个",
        "{wanted} values required by '{arg}'; only {given} were provided",
    ),
    (
        "cli.err.no_equals",
        "'{arg}' 的值要用等号连着写（如 --option=值）",
        "equal sign is needed when assigning values to '{arg}'",
    ),
    ("cli.err.utf8", "参数里有无效的 UTF-8 字符", "invalid UTF-8 was detected in one or more arguments"),
    ("cli.err.tip", "提示：{tip}", "tip: {tip}"),
    ("cli.err.tip_command", "提示：有一个相近的命令：'{name}'", "tip: a similar subcommand exists: '{name}'"),
    ("cli.err.tip_commands", "提示：有几个相近的命令：{names}", "tip: some similar subcommands exist: {names}"),
    ("cli.err.tip_arg", "提示：有一个相近的参数：'{name}'", "tip: a similar argument exists: '{name}'"),
    ("cli.err.tip_value", "提示：有一个相近的值：'{value}'", "tip: a similar value exists: '{value}'"),
    (
        "cli.err.tip_as_value",
        "要把 '{value}' 当作值，请写成 '{written}'",
        "to pass '{value}' as a value, use '{written}'",
    ),
    (
        "cli.err.tip_double_dash",
        "有命令 '{name}'：要用它，去掉它前面的 '--'",
        "subcommand '{name}' exists; to use it, remove the '--' before it",
    ),
    ("cli.err.tip_exists", "有 '{written}'", "'{written}' exists"),
];
