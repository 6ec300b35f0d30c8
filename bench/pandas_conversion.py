#!/usr/bin/env python3
"""The conversion job (docs/definitions.md#receptions–4.4) as a pandas script would do it, for the benchmark's
comparison with `cs-tools conversion chats.csv --orders orders_gbk.csv`.

    python3 bench/pandas_conversion.py bench-data/chats.csv bench-data/orders_gbk.csv out.xlsx

Written the way a lead's analyst would, vectorised: messages into receptions (agent, buyer,
date), auto-replies left out, buyer turns and their capped response times, inquiries (after-
sales receptions left out), orders attributed by the agent names in the memo, else by the
buyer's latest reception in the 48 hours before the order, and per agent: consulted, received,
inquiries, ordered and paying buyers within the conversion window, sales, response times.
Writes a summary sheet (xlsxwriter). Needs pandas and xlsxwriter (pip install pandas xlsxwriter).
It is a peer for time and memory, not a second implementation: ties and edge cases of the
docs/definitions.md (equal times, 未归属 rows, chat-length buckets) are not all followed.
"""
import sys

import numpy as np
import pandas as pd

AGENTS = ["小王", "东东", "阿杰", "小美", "婷婷", "大刘", "阿May", "晨晨", "小李", "佳佳", "木木", "七七"]
MARKERS = ("[自动回复]", "【自动回复】", "自动回复:")
CAP, AFTER_SALES_DAYS, WINDOW_DAYS, ATTRIBUTION_HOURS = 600, 21, 1, 48


def read_orders(src):
    df = pd.read_csv(src, encoding="gb18030", dtype=str)
    df.columns = [c.strip() for c in df.columns]
    df["id"] = df["订单编号"].str.strip().str.removeprefix('="').str.removesuffix('"')
    money = lambda s: pd.to_numeric(s.str.replace(r"[¥￥元,]", "", regex=True), errors="coerce").fillna(0)
    df["paid"] = money(df["买家实际支付金额"])
    df["refund"] = money(df["退款金额"])
    df["created"] = pd.to_datetime(df["订单创建时间"], errors="coerce")
    df["paid_at"] = pd.to_datetime(df["订单付款时间"], errors="coerce")
    unpaid = df["订单状态"].isin(["等待买家付款", "未付款", "待付款"]) | df["paid_at"].isna()
    closed = df["订单状态"].isin(["交易关闭", "交易被淘宝关闭", "已关闭", "已取消"]) & ~unpaid
    df.loc[closed & (df["refund"] == 0), "refund"] = df["paid"]
    df["net"] = (df["paid"] - df["refund"]).clip(lower=0)
    df["is_paid"] = ~unpaid
    df["buyer"] = df["买家会员名"]
    pattern = "(" + "|".join(AGENTS) + ")"
    df["memo_agent"] = df["商家备注"].fillna("").str.extract(pattern, expand=False)
    return df[["id", "buyer", "created", "is_paid", "net", "memo_agent"]]


def receptions_of(src):
    m = pd.read_csv(src, dtype=str)
    m["time"] = pd.to_datetime(m["时间"])
    m["agent"] = m["客服"].str.split(":").str[-1]
    m["from_agent"] = m["发送方"] == "客服"
    auto = m["from_agent"] & m["内容"].fillna("").str.startswith(MARKERS)
    m = m[~auto].copy()
    m["date"] = m["time"].dt.normalize()
    m = m.sort_values(["agent", "买家", "date", "time"], kind="stable").reset_index(drop=True)
    key = ["agent", "买家", "date"]
    m["rid"] = m.groupby(key, sort=False).ngroup()
    # A buyer turn starts at a buyer message that is the first or follows an agent reply.
    prev_agent = m.groupby("rid")["from_agent"].shift(1)
    m["turn_start"] = ~m["from_agent"] & (prev_agent.isna() | (prev_agent == True))  # noqa: E712
    # The next agent message's time in the reception, for each message.
    agent_time = m["time"].where(m["from_agent"])
    m["next_reply"] = agent_time.groupby(m["rid"]).bfill()
    turns = m[m["turn_start"]].copy()
    turns["resp"] = (turns["next_reply"] - turns["time"]).dt.total_seconds().clip(upper=CAP)
    first_turn = turns.groupby("rid").head(1).set_index("rid")["resp"]
    r = m.groupby("rid").agg(
        agent=("agent", "first"), buyer=("买家", "first"), date=("date", "first"),
        start=("time", "min"), end=("time", "max"),
        agent_msgs=("from_agent", "sum"), msgs=("from_agent", "size"),
    )
    r["buyer_msgs"] = r["msgs"] - r["agent_msgs"]
    r["first_resp"] = first_turn
    answered = turns.dropna(subset=["resp"])
    per_agent_turns = answered.groupby("agent")["resp"].agg(["sum", "count"])
    return r.reset_index(), per_agent_turns


def main(chats, orders_src, out):
    orders = read_orders(orders_src)
    r, turns = receptions_of(chats)
    # Attribution: memo, else the buyer's latest reception starting ≤ created, within 48 h.
    o = orders.dropna(subset=["created"]).sort_values("created")
    starts = r[["buyer", "start", "agent"]].sort_values("start").rename(columns={"agent": "chat_agent"})
    o = pd.merge_asof(o, starts, left_on="created", right_on="start", by="buyer", direction="backward",
                      tolerance=pd.Timedelta(hours=ATTRIBUTION_HOURS))
    o["agent"] = o["memo_agent"].fillna(o["chat_agent"])
    # Inquiries: receptions with a buyer message, less after-sales ones.
    inq = r[r["buyer_msgs"] > 0].copy()
    inq["window_end"] = inq["date"] + pd.Timedelta(days=WINDOW_DAYS + 1)
    pairs = inq[["rid", "buyer", "start", "window_end", "agent"]].merge(
        o[["buyer", "created", "is_paid", "agent"]].rename(columns={"agent": "order_agent"}), on="buyer")
    before = pairs[(pairs["created"] < pairs["start"])
                   & (pairs["created"] >= pairs["start"] - pd.Timedelta(days=AFTER_SALES_DAYS))]["rid"].unique()
    in_window = (pairs["created"] >= pairs["start"]) & (pairs["created"] < pairs["window_end"])
    any_after = pairs[in_window]["rid"].unique()
    after_sales = np.setdiff1d(before, any_after)
    inq = inq[~inq["rid"].isin(after_sales)]
    conv = pairs[in_window & (pairs["order_agent"] == pairs["agent"]) & pairs["rid"].isin(inq["rid"])]
    per = pd.DataFrame(index=sorted(r["agent"].unique()))
    per["consulted"] = r.groupby("agent")["buyer"].nunique()
    per["received"] = r[r["agent_msgs"] > 0].groupby("agent")["buyer"].nunique()
    per["inquiries"] = inq.groupby("agent")["buyer"].nunique()
    per["ordered"] = conv.groupby("agent")["buyer"].nunique()
    per["paid_buyers"] = conv[conv["is_paid"]].groupby("agent")["buyer"].nunique()
    paid = o[o["is_paid"]]
    per["sales"] = paid.groupby("agent")["net"].sum()
    per["aov"] = per["sales"] / paid.groupby("agent")["buyer"].nunique()
    per = per.fillna(0)
    per["conversion"] = per["paid_buyers"] / per["inquiries"].replace(0, np.nan)
    per["order_rate"] = per["ordered"] / per["inquiries"].replace(0, np.nan)
    first = r.dropna(subset=["first_resp"]).groupby("agent")["first_resp"].mean()
    per["first_response_secs"] = first
    per["avg_response_secs"] = turns["sum"] / turns["count"]
    with pd.ExcelWriter(out, engine="xlsxwriter") as writer:
        per.rename_axis("agent").reset_index().to_excel(writer, sheet_name="汇总", index=False)
        # Excel's limit: a sheet holds 1,048,576 rows; the rest go on more sheets, as cs-tools does.
        detail = r.drop(columns=["rid"])
        rows = 1_048_575
        for part, start in enumerate(range(0, max(len(detail), 1), rows)):
            name = "接待" if part == 0 else f"接待 ({part + 1})"
            detail.iloc[start:start + rows].to_excel(writer, sheet_name=name, index=False)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3])
