//! How an order's status text is decided: the built-in texts (`read/order_words.rs`, with
//! the platforms' headers) and the config's own lists. A text in none of the lists is
//! unknown: never guessed silently.

use crate::read::cells::fold_char;
pub use crate::read::order_words::{CLOSED_STATUSES, PAID_STATUSES, UNPAID_STATUSES};

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
