//! The order statuses the platforms write, sorted into unpaid, closed and paid
//! (`docs/orders.md#statuses` names where each text was seen). A text in none of the lists
//! is unknown: never guessed silently.
//!
//! Texts are written with ASCII punctuation: a status is compared after folding its
//! full-width punctuation (Taobao writes both `买家已付款，等待卖家发货` and `…付款,等待…`).

use crate::read::cells::fold_char;

/// Never paid: not counted.
pub const UNPAID_STATUSES: &[&str] = &[
    // Taobao/Tmall/千牛
    "等待买家付款",
    "未付款",
    "待付款",
    "没有创建支付宝交易",
    "WAIT_BUYER_PAY",
    "TRADE_NO_CREATE_PAY",
    // JD
    "等待付款",
    // Pinduoduo, 抖店
    "待支付",
];

/// Closed: after payment the order is wholly refunded unless a refund value is given;
/// without a paid time it was never paid.
pub const CLOSED_STATUSES: &[&str] = &[
    // Taobao/Tmall/千牛
    "交易关闭",
    "交易被淘宝关闭",
    "TRADE_CLOSED",
    "TRADE_CLOSED_BY_TAOBAO",
    // JD, Pinduoduo, 抖店
    "已关闭",
    "已取消",
    "取消",
    // Pinduoduo: the status names the refund
    "已取消,退款成功",
    "未发货,退款成功",
    "已发货,退款成功",
    "已签收,退款成功",
    "未成交,退款成功",
];

/// Paid, whatever happened after (shipped, received, finished).
pub const PAID_STATUSES: &[&str] = &[
    // Taobao/Tmall/千牛
    "交易成功",
    "买家已付款,等待卖家发货",
    "卖家已发货,等待买家确认",
    "等待卖家发货",
    "等待买家确认收货",
    "卖家部分发货",
    "部分发货",
    "买家已签收",
    "WAIT_SELLER_SEND_GOODS",
    "WAIT_BUYER_CONFIRM_GOODS",
    "SELLER_CONSIGNED_PART",
    "TRADE_BUYER_SIGNED",
    "TRADE_FINISHED",
    // JD
    "等待出库",
    "等待确认收货",
    "等待发货",
    "完成",
    // Pinduoduo
    "待发货",
    "已发货,待签收",
    "已签收",
    "已收货",
    // 抖店
    "已完成",
    "已发货",
    // any platform
    "已付款",
    "已支付",
];

/// What a status text says about payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    Unpaid,
    Closed,
    Paid,
    /// In none of the lists.
    Unknown,
}

/// The three lists: the built-in texts plus the config's `[orders] paid_statuses`,
/// `unpaid_statuses` and `closed_statuses`, all folded once.
#[derive(Debug, Clone)]
pub struct StatusLists {
    unpaid: Vec<String>,
    closed: Vec<String>,
    paid: Vec<String>,
}

impl Default for StatusLists {
    fn default() -> Self {
        StatusLists::new(&[], &[], &[])
    }
}

impl StatusLists {
    /// The built-in lists with `paid`, `unpaid` and `closed` added.
    pub fn new(paid: &[String], unpaid: &[String], closed: &[String]) -> Self {
        let list = |builtin: &[&str], extra: &[String]| -> Vec<String> {
            builtin.iter().map(|s| fold(s)).chain(extra.iter().map(|s| fold(s))).collect()
        };
        StatusLists {
            unpaid: list(UNPAID_STATUSES, unpaid),
            closed: list(CLOSED_STATUSES, closed),
            paid: list(PAID_STATUSES, paid),
        }
    }

    /// The kind of `status` (unpaid first: a text is in one list only).
    pub fn kind(&self, status: &str) -> StatusKind {
        let s = fold(status);
        if self.unpaid.contains(&s) {
            StatusKind::Unpaid
        } else if self.closed.contains(&s) {
            StatusKind::Closed
        } else if self.paid.contains(&s) {
            StatusKind::Paid
        } else {
            StatusKind::Unknown
        }
    }
}

/// Trimmed (also U+3000), full-width punctuation folded to ASCII.
pub fn fold(status: &str) -> String {
    status.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}').chars().map(fold_char).collect()
}

/// The built-in kind of a text, for checking the config: a text the config puts in one list
/// that is built into another is an error, not a silent choice.
pub fn builtin_kind(status: &str) -> StatusKind {
    StatusLists::default().kind(status)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_platforms_words_are_sorted_and_others_are_unknown() {
        let lists = StatusLists::default();
        for s in
            ["交易成功", "卖家已发货，等待买家确认", "买家已付款,等待卖家发货", "等待出库", "已发货，待签收", "已完成"]
        {
            assert_eq!(lists.kind(s), StatusKind::Paid, "{s}");
        }
        for s in ["等待买家付款", "待支付", "ＷＡＩＴ＿ＢＵＹＥＲ＿ＰＡＹ"] {
            assert_eq!(lists.kind(s), StatusKind::Unpaid, "{s}");
        }
        for s in ["交易关闭", "已取消", "未发货，退款成功"] {
            assert_eq!(lists.kind(s), StatusKind::Closed, "{s}");
        }
        for s in ["待审核", "未提交", "已驳回", "锁定", "已锁定"] {
            assert_eq!(lists.kind(s), StatusKind::Unknown, "{s}");
        }
    }

    #[test]
    fn the_config_adds_to_the_lists() {
        let lists = StatusLists::new(&["待审核".into()], &["未提交".into()], &["已驳回".into()]);
        assert_eq!(lists.kind(" 待审核 "), StatusKind::Paid);
        assert_eq!(lists.kind("未提交"), StatusKind::Unpaid);
        assert_eq!(lists.kind("已驳回"), StatusKind::Closed);
        assert_eq!(lists.kind("交易成功"), StatusKind::Paid);
    }

    #[test]
    fn the_lists_do_not_overlap() {
        for s in PAID_STATUSES {
            assert!(!UNPAID_STATUSES.contains(s) && !CLOSED_STATUSES.contains(s), "{s}");
        }
        for s in UNPAID_STATUSES {
            assert!(!CLOSED_STATUSES.contains(s), "{s}");
        }
    }
}
