#!/usr/bin/env python3
"""The commission job as a pandas script would do it, for the benchmark's comparison
(docs/performance.md: cs-tools should be at least 7x faster than such a script).

    python3 bench/pandas_commission.py bench-data/orders_gbk.csv out.xlsx

It does what `cs-tools commission orders_gbk.csv` does on the generated export, written the
way a lead's analyst would: read the GBK CSV, unwrap the ="…" ids, parse money and times,
drop unpaid orders, refund closed ones, attribute by the agent names in the memo, flat 2%,
and write a summary and a detail sheet (xlsxwriter, the fastest engine pandas has).
Needs pandas and xlsxwriter (pip install pandas xlsxwriter).
"""
import sys

import pandas as pd

AGENTS = ["小王", "东东", "阿杰", "小美", "婷婷", "大刘", "阿May", "晨晨", "小李", "佳佳", "木木", "七七"]


def main(src, out):
    df = pd.read_csv(src, encoding="gb18030", dtype=str)
    df.columns = [c.strip() for c in df.columns]
    df["订单编号"] = df["订单编号"].str.strip().str.removeprefix('="').str.removesuffix('"')
    money = lambda s: pd.to_numeric(s.str.replace(r"[¥￥元,]", "", regex=True), errors="coerce").fillna(0)
    df["paid"] = money(df["买家实际支付金额"])
    df["refund"] = money(df["退款金额"])
    df["paid_at"] = pd.to_datetime(df["订单付款时间"], errors="coerce")
    status = df["订单状态"].str.replace("，", ",")
    df = df[df["paid_at"].notna() & ~status.isin(["等待买家付款", "未付款", "待付款"])].copy()
    closed = df["订单状态"].isin(["交易关闭", "已关闭", "已取消"])
    df.loc[closed & (df["refund"] == 0), "refund"] = df["paid"]
    df["net"] = (df["paid"] - df["refund"]).clip(lower=0)
    pattern = "(" + "|".join(AGENTS) + ")"
    df["agent"] = df["商家备注"].fillna("").str.extract(pattern, expand=False)
    summary = (
        df.groupby("agent", dropna=False)
        .agg(orders=("订单编号", "count"), paid=("paid", "sum"), refund=("refund", "sum"), net=("net", "sum"))
        .reset_index()
    )
    summary["commission"] = (summary["net"] * 0.02).round(2)
    detail = df[["订单编号", "买家会员名", "paid_at", "paid", "refund", "net", "agent", "商家备注"]].sort_values("paid_at")
    with pd.ExcelWriter(out, engine="xlsxwriter") as writer:
        summary.to_excel(writer, sheet_name="汇总", index=False)
        detail.to_excel(writer, sheet_name="明细", index=False)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
