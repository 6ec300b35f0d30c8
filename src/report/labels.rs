//! Every label a report shows, in Chinese and English (`--lang`), in one table.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

/// (key, 中文, English)
const LABELS: &[(&str, &str, &str)] = &[
    // sheets
    ("sheet.summary", "汇总", "Summary"),
    ("sheet.detail", "明细", "Detail"),
    ("sheet.issues", "问题", "Issues"),
    ("sheet.rules", "规则", "Rules"),
    // commission
    ("agent", "客服", "Agent"),
    ("orders", "订单数", "Orders"),
    ("paid", "实付金额", "Paid"),
    ("refund", "退款金额", "Refund"),
    ("net", "净销售额", "Net"),
    ("base", "提成基数", "Base"),
    ("rate", "提成比例/档位", "Rate"),
    ("multiplier", "KPI系数", "Multiplier"),
    ("commission", "提成", "Commission"),
    ("unattributed", "未归属", "Unattributed"),
    ("total", "合计", "Total"),
    ("chart.commission", "各客服提成", "Commission by agent"),
    ("chart.amount", "金额 (元)", "Amount (¥)"),
    // detail
    ("order_id", "订单编号", "Order ID"),
    ("buyer", "买家", "Buyer"),
    ("paid_at", "付款时间", "Paid at"),
    ("source", "归属依据", "Source"),
    ("evidence", "证据", "Evidence"),
    ("source.agent_column", "客服列", "agent column"),
    ("source.memo", "商家备注", "memo"),
    ("source.chat", "聊天记录", "chat"),
    ("source.none", "未归属", "unattributed"),
    ("rate.flat", "固定", "flat"),
    ("rate.step", "全额累进", "step"),
    ("rate.progressive", "超额累进", "progressive"),
    ("rate.no_tier", "未达档位", "below first tier"),
    // issues
    ("file", "文件", "File"),
    ("sheet", "工作表", "Sheet"),
    ("row", "行", "Row"),
    ("column", "列", "Column"),
    ("value", "原始值", "Value"),
    ("problem", "问题", "Problem"),
    ("action", "处理", "Action"),
    // rules
    ("item", "项目", "Item"),
    ("setting", "内容", "Value"),
];

pub fn label(lang: Lang, key: &str) -> &'static str {
    LABELS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, zh, en)| if lang == Lang::Zh { *zh } else { *en })
        .unwrap_or_else(|| panic!("no label for {key}: add it to LABELS"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique() {
        let mut keys: Vec<&str> = LABELS.iter().map(|l| l.0).collect();
        keys.sort();
        let n = keys.len();
        keys.dedup();
        assert_eq!(n, keys.len());
    }
}
