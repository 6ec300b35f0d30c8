//! What the platforms' order exports write, in one place: each field's header texts (the
//! aliases a column is recognised by, every platform's beside each other) and the order
//! status texts sorted into unpaid, closed and paid (`docs/orders.md#statuses` names where
//! each text was seen). A new order export layout adds its headers and its status words
//! here; `read/fields.rs` holds the other sheet kinds and how a header is matched. How a
//! status text is decided, with the config's own lists, is at the end of this file.
//!
//! Status texts are written with ASCII punctuation: a status is compared after folding its
//! full-width punctuation (Taobao writes both `买家已付款，等待卖家发货` and `…付款,等待…`).

use super::cells::fold_char;

/// A field of a sheet kind and the header texts it is recognised by.
#[derive(Debug)]
pub struct FieldDef {
    pub name: &'static str,
    /// Tried in this order; the first present wins.
    pub aliases: &'static [&'static str],
    pub required: bool,
}

pub(crate) const fn field(name: &'static str, aliases: &'static [&'static str], required: bool) -> FieldDef {
    FieldDef { name, aliases, required }
}

pub const ORDER_FIELDS: &[FieldDef] = &[
    field(
        "order_id",
        &["订单编号", "主订单编号", "订单号", "父订单编号", "订单ID", "order_id", "order id", "order no"],
        true,
    ),
    // Item-level exports (宝贝报表, 销售明细, the 千牛 sub-order table): one row per item.
    field("item_id", &["子订单编号", "子订单号", "子订单ID", "商品订单号", "item_id", "sub_order_id"], false),
    field(
        "buyer",
        &[
            "买家会员名",
            "买家昵称",
            "买家账号",
            "下单帐号",
            "下单账号",
            "买家ID",
            "买家",
            "会员名",
            "客户昵称",
            // 小红书: a buyer's number, not a nickname (docs/orders.md#layouts)
            "用户编号",
            "buyer",
            "buyer_nick",
        ],
        false,
    ),
    field(
        "paid_amount",
        &[
            "买家实际支付金额",
            "买家实付金额",
            "用户实付金额",
            "实付金额",
            "实付款",
            "实收款",
            "支付金额",
            "付款金额",
            "应付金额",
            // 抖店: what the buyer pays for the row; 小红书: 用户应付金额(元)
            "订单应付金额",
            "用户应付金额",
            "商家实收金额",
            "商家应收",
            "结算金额",
            "总金额",
            "订单金额",
            "amount",
            "paid_amount",
        ],
        true,
    ),
    // docs/definitions.md#fields: only beside another paid column (`after_refund_total` drops it otherwise).
    field("total", TOTAL_ALIASES, false),
    field(
        "refund_amount",
        &[
            "退款金额",
            "买家退款金额",
            "退款额",
            "已退款金额",
            "商品已退款金额",
            "售后退款金额",
            "订单退款金额",
            "refund",
            "refund_amount",
        ],
        false,
    ),
    field("refund_status", &["退款状态", "售后状态", "refund_status"], false),
    field("status", &["订单状态", "交易状态", "status"], false),
    field(
        "created_at",
        &["订单创建时间", "下单时间", "买家下单时间", "创建时间", "拍下时间", "订单提交时间", "created_at"],
        false,
    ),
    field(
        "paid_at",
        &[
            "订单付款时间",
            "买家付款时间",
            "付款时间",
            "付款确认时间",
            "支付时间",
            "订单支付时间",
            "支付完成时间",
            "订单成交时间",
            "paid_at",
        ],
        true,
    ),
    field("agent", &["客服", "接待客服", "归属客服", "成交客服", "客服昵称", "agent"], false),
    field("memo", &["商家备注", "卖家备注", "订单备注", "备注", "memo"], false),
    field("shop", &["店铺名称", "店铺", "shop"], false),
    field("postage", &["买家应付邮费", "邮费", "运费", "运费金额", "快递费", "postage"], false),
];

/// The order total beside the paid column, for the after-refund check (docs/definitions.md#fields).
pub const TOTAL_ALIASES: &[&str] = &["总金额", "订单总金额", "订单金额"];

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
    // 快手小店 writes 待发货, 已发货, 已收货, 交易成功 (above); 小红书: paid, waiting to be picked
    "待配货",
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
