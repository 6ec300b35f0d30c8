//! `--format markdown|text`: the group-chat summary (docs/definitions.md#commands). The expected texts are worked out
//! by hand in fixtures/summary/EXPECTED.md (the commission figures in fixtures/EXPECTED.md 1a).

use crate::common::{files_in, fx, run_in, scratch};

const DAILY_ZH: &str = "\
### 客服日报 · 2026-10-05

#### 团队
- 询单人数：5（环比 ±0）
- 询单付款人数：1（环比 ▼ 50.0%）
- 询单转化率：20.0%（环比 ▼ 20.0pt）
- 销售额(含未归属)：¥6,940.51（环比 ▲ 43.6%）
- 首次响应(秒)：151.3（环比 ▼ 31.4%）
- 3分钟人工响应率 / 30秒应答率：56.2% / 0.0%

#### 客服（按询单转化率）
- 最高：阿杰 100.0%
- 最低：木木、小美、佳佳 等 4 人 0.0%

#### 未成交原因（共 4 次）
- 运费/不包邮：2 次（50.0%）
- 价格/议价：1 次（25.0%）
- 比价/犹豫：1 次（25.0%）
";

const DAILY_EN_TEXT: &str = "\
Daily report · 2026-10-05

Team
· Inquiries: 5 (vs day before ±0)
· Inquirers who paid: 1 (vs day before ▼ 50.0%)
· Conversion: 20.0% (vs day before ▼ 20.0pt)
· Sales incl. unattributed: ¥6,940.51 (vs day before ▲ 43.6%)
· First response (s): 151.3 (vs day before ▼ 31.4%)
· 3-min agent reply rate / 30-s answer rate: 56.2% / 0.0%

Agents by conversion
· Top: 阿杰 100.0%
· Bottom: 木木, 小美, 佳佳 and 1 more 0.0%

Lost reasons (4 lost inquiries)
· postage, no free shipping: 2 (50.0%)
· price, haggling: 1 (25.0%)
· comparing, hesitating: 1 (25.0%)
";

const COMMISSION_ZH: &str = "\
### 木子家居旗舰店 · 客服提成 · 2026-10-01 – 2026-10-31

#### 合计(含未归属)
- 订单数：13
- 实付金额：¥3,878.40
- 退款金额：¥334.00
- 净销售额：¥3,544.40
- 提成：¥89.53
- 未归属：¥287.90

#### 客服（按提成）
- 最高：东东 ¥54.58
- 最低：小王 ¥15.57
";

const COMMISSION_EN_TEXT: &str = "\
木子家居旗舰店 · Commission · 2026-10-01 – 2026-10-31

Total incl. unattributed
· Orders: 13
· Paid: ¥3,878.40
· Refund: ¥334.00
· Net: ¥3,544.40
· Commission: ¥89.53
· Unattributed: ¥287.90

Agents by commission
· Top: 东东 ¥54.58
· Bottom: 小王 ¥15.57
";

/// Runs in an empty scratch folder; checks exit 0 and that no file was written there.
fn summary(args: &[&str]) -> String {
    let dir = scratch();
    let r = run_in(dir.path(), args);
    assert_eq!(r.code, Some(0), "cs-tools {args:?} failed:\n{}", r.stderr);
    let left = files_in(dir.path());
    assert!(left.is_empty(), "--format {args:?} wrote {left:?}");
    r.stdout
}

fn daily(format: &str, lang: &str) -> String {
    let (chats, orders) = (fx("month/chats.csv"), fx("month/orders.xlsx"));
    summary(&["daily", &chats, "--orders", &orders, "--day", "2026-10-05", "--format", format, "--lang", lang])
}

fn commission(format: &str, lang: &str) -> String {
    let (orders, config) = (fx("taobao_orders_gbk.csv"), fx("configs/tiered.toml"));
    summary(&["commission", &orders, "--config", &config, "--month", "2026-10", "--format", format, "--lang", lang])
}

/// No heading, bold, list, quote or table markup at the start of a line or inside it.
fn assert_plain(text: &str) {
    for line in text.lines() {
        let t = line.trim_start();
        assert!(
            !(t.starts_with('#') || t.starts_with("- ") || t.starts_with('>') || t.starts_with("* ")),
            "markup in: {line}"
        );
        assert!(!line.contains("**") && !line.starts_with('#') && !line.contains('|'), "markup in: {line}");
    }
}

#[test]
fn daily_markdown_summary_of_a_fixture_day() {
    let md = daily("markdown", "zh");
    assert_eq!(md, DAILY_ZH);
    assert!(md.lines().count() <= 20);
}

#[test]
fn daily_text_summary_in_english_has_no_markup() {
    let text = daily("text", "en");
    assert_eq!(text, DAILY_EN_TEXT);
    assert_plain(&text);
    assert!(text.lines().count() <= 20);
}

#[test]
fn commission_markdown_summary_has_the_payroll_figures() {
    let md = commission("markdown", "zh");
    assert_eq!(md, COMMISSION_ZH);
    assert!(md.lines().count() <= 20);
}

#[test]
fn commission_text_summary_in_english_has_no_markup() {
    let text = commission("text", "en");
    assert_eq!(text, COMMISSION_EN_TEXT);
    assert_plain(&text);
}

#[test]
fn markdown_and_text_say_the_same() {
    // Strip the markup of each line: what is left is the text rendering, bullets aside.
    let md = daily("markdown", "zh");
    let text = daily("text", "zh");
    let unmark = |l: &str| {
        let l =
            l.strip_prefix("#### ").or_else(|| l.strip_prefix("### ")).or_else(|| l.strip_prefix("- ")).unwrap_or(l);
        l.to_string()
    };
    let plain = |l: &str| l.strip_prefix("· ").unwrap_or(l).to_string();
    assert_eq!(md.lines().map(unmark).collect::<Vec<_>>(), text.lines().map(plain).collect::<Vec<_>>());
    assert_plain(&text);
}

#[test]
fn report_and_conversion_summaries_stay_within_twenty_lines() {
    let (chats, orders) = (fx("month/chats.csv"), fx("month/orders.xlsx"));
    for format in ["markdown", "text"] {
        let report = summary(&["report", &chats, &orders, "--month", "2026-10", "--format", format]);
        let conversion =
            summary(&["conversion", &chats, "--orders", &orders, "--month", "2026-10", "--format", format]);
        for out in [&report, &conversion] {
            assert!(out.lines().count() <= 20, "{out}");
            assert!(out.contains("询单转化率：") && out.contains("未成交原因"), "{out}");
        }
        assert!(report.contains("客服报告 · 2026-10-01 – 2026-10-31"), "{report}");
        assert!(report.contains("提成：¥"), "{report}");
    }
}

#[test]
fn lost_scorecard_and_schedule_refuse_the_summary_formats() {
    let dir = scratch();
    let chats = fx("month/chats.csv");
    let r = run_in(dir.path(), &["lost", &chats, "--format", "markdown", "--lang", "en"]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(r.stderr.contains("daily, conversion, commission and report"), "{}", r.stderr);
    let r = run_in(dir.path(), &["scorecard", &chats, "--format", "text"]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
}
