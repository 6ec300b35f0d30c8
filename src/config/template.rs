//! The commented `cs-tools.toml` that `cs-tools init` writes, built from the same default
//! tables the program uses.

use super::{QaConfig, ScorecardConfig, default_lost_categories, metrics};

/// The export layouts read with no config, each with the headers that tell it
/// (`read::layouts::LAYOUTS`); `cs-tools inspect FILE` shows the columns each file's fields use.
fn layouts_comment() -> String {
    let mut text = String::from(
        "\n# Exports read with no config (`cs-tools inspect FILE` names a file's layout and shows which\n\
         # column each field takes; [columns.orders] and the other [columns.*] tables name the rest):\n",
    );
    let mut seen = Vec::new();
    for l in crate::read::layouts::LAYOUTS {
        if seen.contains(&l.id) {
            continue;
        }
        seen.push(l.id);
        let name = crate::messages::label(crate::messages::Lang::En, l.label);
        text.push_str(&format!("# - {name}: {}\n", l.signature.join(", ")));
    }
    text
}

/// The commented config that `cs-tools init` writes; parsing it gives `Config::default()`
/// (a unit test holds the two together). The lost-reason categories come from their table.
pub fn init_template() -> String {
    let mut text = INIT_HEAD.to_string();
    text.push_str(&layouts_comment());
    text.push_str(
        "\n# Platform response rates (docs/definitions.md#conversion), shown in conversion, daily and\n\
         # report and scored by their id. per = \"turn\": of the buyer turns starting within hours, those\n\
         # answered by an agent (never an auto-reply) within secs; per = \"reception\": of the receptions\n\
         # whose first buyer message is within hours, those whose first agent reply came within secs.\n\
         # hours include their start and exclude their end. The two below are always computed; an\n\
         # entry of the same id changes one, an entry of another id adds a rate (4 at most).\n",
    );
    for (id, label, secs, per, hours) in super::DEFAULT_RESPONSE_RATES {
        text.push_str(&format!(
            "# [[conversion.response_rate]]\n# id = \"{id}\"\n# label = \"{label}\"\n# secs = {secs}\n# per = \"{per}\"\n# hours = \"{hours}\"\n"
        ));
    }
    text.push_str(
        "\n# Lost reasons (`cs-tools lost`): categories in rule order; a buyer message counts for a\n\
         # category when it contains one of its keywords; aliases match a 未成交原因 cell.\n\
         # Categories here replace the default of the same id and others are added after them;\n\
         # replace_defaults = true keeps only the categories written here.\n[lost]\nreplace_defaults = false\n",
    );
    let list = |items: &[String]| items.iter().map(|s| format!("\"{s}\"")).collect::<Vec<_>>().join(", ");
    let score = ScorecardConfig::default();
    text.push_str(
        "\n# Scorecard (`cs-tools scorecard`, docs/definitions.md#scorecard): weighted sub-scores, renormalised over the\n\
         # metrics an agent has. A metric scores by bands ([threshold, score]: the first reached, ≥,\n\
         # or ≤ with lower_is_better) or linear = { worst = …, best = … }. Metrics written here\n",
    );
    // The registry's scorecard metrics (a name and its words in parentheses kept on one line),
    // the QA score said for what it is.
    let names: Vec<String> = metrics::scorecard()
        .map(|d| if d.sources.qa { format!("{} (the `cs-tools qa` score)", d.id) } else { d.id.to_string() })
        .collect();
    let last = names.len().saturating_sub(1);
    let names: Vec<String> =
        names.iter().enumerate().map(|(i, n)| format!("{n}{}", if i == last { "." } else { "," })).collect();
    let words = "replace this table. Metrics:".split(' ').chain(names.iter().map(String::as_str));
    text.push_str(&comment_lines(words));
    text.push_str("[scorecard]\nbelow = \"D\"\n\n[scorecard.grades]\nA = 90.0\nB = 80.0\nC = 70.0\n");
    for m in &score.metric {
        let bands = m.bands.iter().flatten().map(|(t, s)| format!("[{t:?}, {s:?}]")).collect::<Vec<_>>().join(", ");
        text.push_str(&format!(
            "\n[[scorecard.metric]]\nmetric = \"{}\"\nweight = {:?}\nbands = [{bands}]\nelse = {:?}\nlower_is_better = {}\n",
            m.metric, m.weight, m.otherwise, m.lower_is_better
        ));
    }
    for c in default_lost_categories() {
        text.push_str(&format!(
            "\n[[lost.category]]\nid = \"{}\"\nlabel = \"{}\"\nkeywords = [{}]\naliases = [{}]\n",
            c.id,
            c.label,
            list(&c.keywords),
            list(&c.aliases)
        ));
    }
    let qa = QaConfig::default();
    text.push_str(&format!(
        "\n# Chat quality inspection (`cs-tools qa`, docs/definitions.md#quality-inspection). Agents' messages are checked against\n\
         # the word rules below (a keyword inside a message, unless one of the rule's exceptions covers\n\
         # the same characters: 最近 is not 最; ASCII letters in any case) and the service norms: the\n\
         # first reply greets (greetings), no buyer turn waits over slow_turn_secs, the buyer's last\n\
         # message of the day is answered, no text sent three times in a row. Each reception starts\n\
         # at 100 and each finding in it deducts its points (at least 0); an agent's QA score is the\n\
         # mean of their receptions' scores. Grades: [qa.grades] with below, else the scorecard's.\n\
         # Rules here replace the default of the same id and others are added after them;\n\
         # replace_defaults = true keeps only the rules written here.\n\
         [qa]\nreplace_defaults = false\ngreetings = [{}]\nslow_turn_secs = {}\n\
         # QA grades of their own (without them: the scorecard's grades and below), e.g.\n\
         # below = \"D\"\n# [qa.grades]\n# A = 95.0\n# B = 85.0\n# C = 75.0\n\n\
         [qa.norms]\nno_greeting = {:?}\nslow_turn = {:?}\nunanswered = {:?}\nrepeat = {:?}\n",
        list(&qa.greetings),
        qa.slow_turn_secs,
        qa.norms.no_greeting,
        qa.norms.slow_turn,
        qa.norms.unanswered,
        qa.norms.repeat
    ));
    for r in &qa.rule {
        text.push_str(&format!(
            "\n[[qa.rule]]\nid = \"{}\"\nlabel = \"{}\"\nkeywords = [{}]\nexcept = [{}]\npoints = {:?}\n",
            r.id,
            r.label,
            list(&r.keywords),
            list(&r.except),
            r.points
        ));
    }
    text
}

/// Words as `# ` comment lines of at most 92 characters, a line broken between two words.
fn comment_lines<'a>(words: impl IntoIterator<Item = &'a str>) -> String {
    const WIDTH: usize = 92;
    let (mut out, mut line) = (String::new(), String::from("#"));
    for word in words {
        if line.len() > 1 && line.chars().count() + 1 + word.chars().count() > WIDTH {
            out.push_str(&line);
            out.push('\n');
            line = String::from("#");
        }
        line.push(' ');
        line.push_str(word);
    }
    out.push_str(&line);
    out.push('\n');
    out
}

const INIT_HEAD: &str = r#"# cs-tools.toml — settings for cs-tools. Every value below is the default.
# cs-tools reads ./cs-tools.toml, or the file given with --config.

# Who sold an order (docs/definitions.md#attribution): the first source that names an agent wins.
#   agent_column: the order's 客服 column; memo: an agent's name or 工号 in 商家备注;
#   chat: the last agent who chatted with the buyer before the order.
attribution = ["agent_column", "memo", "chat"]
# Which reception the chat source takes (docs/definitions.md#attribution-rules). Keep it here,
# above the first [table]: written below one, TOML reads it as that table's.
#   order: 下单判定, the last reception before the order was created;
#   payment: 付款判定, the last reception before it was paid (a 催付 chat after the order counts);
#   order_first: 下单优先, order when it finds a reception, else payment.
# It decides sales and commission; inquiry conversion always follows order.
attribution_rule = "order"
attribution_window_hours = 48   # chat: how long before the order (or payment) a reception may start
after_sales_days = 21           # a buyer who ordered in these days before asking is after-sales
conversion_window_days = 1      # an inquiry converts until the end of the next day
response_cap_secs = 600         # response times are capped here (the platforms' rule)
slow_response_secs = 120        # first response slower than this is a slow reception
auto_reply_markers = ["[自动回复]", "【自动回复】", "自动回复:"]
max_buyers_per_agent_hour = 20.0

# Agents: the name used in reports = its aliases (工号, old nicknames, sub-accounts).
# Sub-account names such as 店铺名:小王 are already read as 小王.
[agents]
# "小王" = ["工号07", "wang", "木子家居旗舰店:小王"]
# "东东" = ["dd01"]

# Name a column when an export uses a header cs-tools does not know.
# Kinds: orders, chats, sessions, agent_summary, ratings.
[columns]
# orders = { paid_amount = "实收款" }

# History: each run of daily, conversion, commission and report keeps its per-agent, per-day
# figures in this SQLite file (default: cs-tools.db beside this file), for the comparisons with
# the day before, the week before and the month before. `--no-history` skips it for one run.
[history]
# path = "cs-tools.db"

[orders]
# Some Tmall exports already take refunds out of 买家实际支付金额 (paid + 退款金额 = 总金额 on
# every refunded row). auto: checked per sheet, and the paid column is then read as paid +
# refund; yes: always add the refund back; no: never.
paid_after_refund = "auto"
# Order statuses the built-in lists do not know (a CRM or ERP export's 待审核, 未提交, 已驳回)
# are listed in the Issues sheet and count as paid only where the row has a paid time. Settle
# them here; each list adds to the built-in one (交易成功, 等待出库, 已签收… are paid already).
paid_statuses = []    # e.g. ["待审核"]
unpaid_statuses = []  # e.g. ["未提交"]: never paid, not counted
closed_statuses = []  # e.g. ["已驳回"]: refunded in whole after payment, else never paid

[commission]
base = "net"            # net: after refunds | paid: before refunds
deduct_postage = false  # true: postage (买家应付邮费/邮费/运费) earns no commission
mode = "flat"           # flat | step (全额累进) | progressive (超额累进)
rate = 0.02             # flat rate; "2%" also works
tiers = []              # step/progressive: [ { from = 0, rate = 0.01 }, { from = 50000, rate = 0.015 } ]

# Per-agent overrides take any key of [commission]:
# [commission.agents."小王"]
# rate = 0.025

# KPI multipliers (the highest whose condition holds applies; none: 1):
# [[commission.kpi]]
# metric = "conversion"   # also reply_rate, first_response_secs, avg_response_secs, …
# at_least = 0.6          # or at_most = …
# multiplier = 1.2

# Shift codes for `schedule`: code = ["HH:MM-HH:MM", …]; past midnight runs into the next day.
[shifts]
# A = ["08:30-17:00"]
# B = ["11:30-15:30", "19:00-22:00"]

# How rosters are read. A roster with one row per date (日期 | 值班人员, several names in a
# cell) and no shift column (班次) puts its names on the [shifts] entry named here; without it
# they are on duty all day, and the Rules sheet says so.
[schedule]
# default_shift = "A"
"#;
