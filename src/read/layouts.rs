//! The export layouts cs-tools knows, each by the headers only it writes, so that `inspect` names
//! the platform and layout of a sheet at once — also one it cannot use, with what it lacks
//! (docs/orders.md#layouts names where each layout was seen). Reading never depends on this
//! table: columns are found by their aliases (`order_words.rs`, `fields.rs`) whatever the layout.

use super::fields::{SheetKind, normalize_header};

/// A layout: the platform, the layout's label key (src/messages/labels.rs) and the headers
/// (as `normalize_header` gives them) that together tell it from every other.
#[derive(Debug, PartialEq, Eq)]
pub struct Layout {
    /// A stable id, for JSON.
    pub id: &'static str,
    /// The label of the platform and layout, e.g. 抖店 订单导出（商品维度）.
    pub label: &'static str,
    /// What the layout holds: a sheet of it that cannot be used says what it lacks for this kind.
    pub kind: SheetKind,
    pub signature: &'static [&'static str],
    /// None of these headers may be present (tells an order-level layout from its item-level twin).
    pub without: &'static [&'static str],
}

const fn orders(id: &'static str, label: &'static str, signature: &'static [&'static str]) -> Layout {
    Layout { id, label, kind: SheetKind::Orders, signature, without: &[] }
}

const fn report(id: &'static str, label: &'static str, signature: &'static [&'static str]) -> Layout {
    Layout { id, label, kind: SheetKind::AgentReport, signature, without: &[] }
}

/// Most specific first: the first layout whose signature the headers hold is the sheet's.
pub const LAYOUTS: &[Layout] = &[
    // Orders
    orders("doudian_items", "layout.doudian_items", &["主订单编号", "子订单编号", "选购商品", "订单应付金额"]),
    Layout {
        id: "doudian_orders",
        label: "layout.doudian_orders",
        kind: SheetKind::Orders,
        signature: &["主订单编号", "选购商品", "订单应付金额"],
        without: &["子订单编号"],
    },
    orders("kuaishou_orders", "layout.kuaishou_orders", &["订单号", "实付款", "订单创建时间", "成交数量"]),
    orders("xiaohongshu_orders", "layout.xiaohongshu_orders", &["订单号", "小红书编码", "用户应付金额"]),
    orders("taobao_export", "layout.taobao_export", &["订单编号", "买家会员名", "买家支付宝账号", "买家实际支付金额"]),
    orders("qianniu_items", "layout.qianniu_items", &["子订单编号", "主订单编号", "商品标题", "买家实付金额"]),
    orders("taobao_items", "layout.taobao_items", &["子订单编号", "主订单编号", "买家实付金额"]),
    orders("qianniu_orders", "layout.qianniu_orders", &["订单编号", "买家昵称", "实付金额"]),
    orders("jd_orders", "layout.jd_orders", &["订单号", "下单帐号", "商家应收"]),
    orders("pdd_orders", "layout.pdd_orders", &["订单号", "订单成交时间", "用户实付金额", "商家实收金额"]),
    // Per-agent reports
    report("feige_service", "layout.feige_service", &["店铺名称", "客服昵称", "人工已接待人数"]),
    report("feige_performance", "layout.feige_performance", &["客服账号", "客服昵称", "全天3分钟回复率"]),
    report("jd_reception", "layout.jd_reception", &["客服", "售前接待人数", "促成下单人数"]),
    report("pdd_service", "layout.pdd_service", &["客服账号", "最终成团人数"]),
    report("qianniu_service", "layout.qianniu_service", &["旺旺", "接待人数", "客户满意比"]),
    report("chitu_report", "layout.chitu_report", &["客服昵称", "询单人数", "询单->最终付款人数"]),
    report("chitu_report", "layout.chitu_report", &["客服昵称", "询单人数", "询单->最终付款成功率"]),
    report("chitu_report", "layout.chitu_report", &["旺旺", "询单人数", "询单->最终付款人数"]),
];

/// The layout of a sheet with these header cells, when one is known.
pub fn recognise<'h>(headers: impl IntoIterator<Item = &'h str>) -> Option<&'static Layout> {
    let found: Vec<String> = headers.into_iter().map(normalize_header).collect();
    let has = |h: &str| {
        let h = normalize_header(h);
        found.contains(&h)
    };
    LAYOUTS.iter().find(|l| l.signature.iter().all(|h| has(h)) && !l.without.iter().any(|h| has(h)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_layout_is_told_by_its_own_headers() {
        let id = |headers: &[&str]| recognise(headers.iter().copied()).map(|l| l.id);
        assert_eq!(id(&["主订单编号", "子订单编号", "选购商品", "订单应付金额", "订单状态"]), Some("doudian_items"));
        assert_eq!(id(&["\u{feff}主订单编号", "选购商品", "订单应付金额"]), Some("doudian_orders"));
        assert_eq!(id(&["订单编号", "买家会员名", "买家支付宝账号", "买家实际支付金额"]), Some("taobao_export"));
        assert_eq!(id(&["子订单编号", "主订单编号", "商品标题", "买家实付金额"]), Some("qianniu_items"));
        assert_eq!(id(&["订单号", "订单成交时间", "用户实付金额(元)", "商家实收金额(元)"]), Some("pdd_orders"));
        assert_eq!(id(&["客服昵称", "咨询人数", "询单人数", "询单→最终付款人数"]), Some("chitu_report"));
        assert_eq!(id(&["时间", "客服", "买家", "发送方"]), None);
        // Every label is in the label table.
        for l in LAYOUTS {
            assert!(crate::messages::all_entries().any(|(k, _, _)| *k == l.label), "{}", l.label);
        }
    }
}
