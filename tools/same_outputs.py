#!/usr/bin/env python3
"""Run every command on the fixtures in every output format and keep what it wrote, or
compare two such runs: `tools/same_outputs.py run BINARY OUTDIR`, then
`tools/same_outputs.py compare OLD_OUTDIR NEW_OUTDIR`. A reshaping of the code must leave
every output byte-identical (xlsx compared part by part inside the zip)."""
import json, os, re, shutil, subprocess, sys, tempfile, zipfile, hashlib

F = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "fixtures"))
MONTH = ["--month", "2026-10"]
BASES = [
    # (name, command, args)
    ("commission_month_xlsx", "commission", [f"{F}/month/orders.xlsx", *MONTH]),
    ("commission_month_gbk", "commission", [f"{F}/month/orders_gbk.csv", *MONTH]),
    ("commission_month_both", "commission", [f"{F}/month/orders.xlsx", f"{F}/month/orders_gbk.csv", *MONTH]),
    ("commission_month_chats", "commission", [f"{F}/month/orders.xlsx", *MONTH, "--chats", f"{F}/month/chats.csv"]),
    ("commission_tiered", "commission", [f"{F}/taobao_orders_gbk.csv", "--config", f"{F}/configs/tiered.toml", *MONTH]),
    ("commission_step", "commission", [f"{F}/taobao_orders_gbk.csv", "--config", f"{F}/configs/step.toml", *MONTH]),
    ("commission_kpi", "commission", [f"{F}/month/orders.xlsx", "--chats", f"{F}/month/chats.csv", "--config", f"{F}/configs/kpi.toml", *MONTH]),
    ("commission_paid_base", "commission", [f"{F}/taobao_orders_gbk.csv", "--config", f"{F}/configs/paid_base.toml", *MONTH]),
    ("commission_qianniu_xls", "commission", [f"{F}/qianniu_orders.xls"]),
    ("commission_qianniu_ods", "commission", [f"{F}/qianniu_orders.ods"]),
    ("commission_items", "commission", [f"{F}/item_level_orders.xlsx"]),
    ("commission_chitu", "commission", [f"{F}/chitu_agent_report.xlsx"]),
    ("commission_exports_jd", "commission", [f"{F}/exports/jd_orders.csv"]),
    ("commission_exports_pdd", "commission", [f"{F}/exports/pdd_orders.csv"]),
    ("commission_exports_qianniu", "commission", [f"{F}/exports/qianniu_main.csv", f"{F}/exports/qianniu_sub.csv"]),
    ("commission_exports_tmall", "commission", [f"{F}/exports/tmall_items.xlsx", f"{F}/exports/tmall_after_refund.csv", f"{F}/exports/tmall_partly_net.csv"]),
    ("commission_overlap", "commission", [f"{F}/overlap/ExportOrderList202610120900.csv", f"{F}/overlap/ExportOrderList202610190905.csv", "--config", f"{F}/overlap/plain.toml", *MONTH]),
    ("commission_partial", "commission", [f"{F}/partial/orders_1001_1002.csv", *MONTH]),
    ("commission_missing_paid", "commission", [f"{F}/orders_missing_paid_time.csv"]),
    ("commission_agent_reports", "commission", [f"{F}/agent_reports/chitu_month.xlsx"]),
    ("conversion_month", "conversion", [f"{F}/month/chats.csv", "--orders", f"{F}/month/orders.xlsx", *MONTH]),
    ("conversion_month_txt", "conversion", [f"{F}/month/chats.txt", "--orders", f"{F}/month/orders.xlsx", *MONTH]),
    ("conversion_month_xlsx", "conversion", [f"{F}/month/chats.xlsx", "--orders", f"{F}/month/orders_gbk.csv", *MONTH]),
    ("conversion_chats", "conversion", [f"{F}/chats/messages.xlsx", f"{F}/chats/sessions.xlsx", "--orders", f"{F}/chats/orders.xlsx", "--config", f"{F}/chats/chat.toml"]),
    ("conversion_chats_gbk", "conversion", [f"{F}/chats/messages_gbk.csv", "--orders", f"{F}/chats/orders.xlsx", "--config", f"{F}/chats/chat.toml"]),
    ("conversion_chats_qianniu", "conversion", [f"{F}/chats/qianniu.txt", "--orders", f"{F}/chats/orders.xlsx", "--config", f"{F}/chats/chat.toml"]),
    ("conversion_qianniu", "conversion", [f"{F}/qianniu/chats.csv", "--orders", f"{F}/qianniu/orders.csv"]),
    ("conversion_qianniu_txt", "conversion", [f"{F}/qianniu/chats.txt", f"{F}/qianniu/pasted.txt", "--orders", f"{F}/qianniu/orders.csv"]),
    ("conversion_partial", "conversion", [f"{F}/partial/chats_1001_1003.csv", "--orders", f"{F}/partial/orders_1001_1002.csv", *MONTH]),
    ("lost_month", "lost", [f"{F}/month/chats.csv", "--orders", f"{F}/month/orders.xlsx", *MONTH]),
    ("lost_fixture", "lost", [f"{F}/lost/chats.csv", "--orders", f"{F}/lost/orders.csv", "--config", f"{F}/lost/lost.toml"]),
    ("lost_gift", "lost", [f"{F}/lost/chats.csv", "--orders", f"{F}/lost/orders.csv", "--config", f"{F}/lost/only_gift.toml"]),
    ("lost_no_orders", "lost", [f"{F}/lost/chats.csv"]),
    ("qa_month", "qa", [f"{F}/month/chats.csv", *MONTH]),
    ("qa_fixture", "qa", [f"{F}/qa/messages.csv", "--config", f"{F}/qa/qa.toml"]),
    ("qa_fixture_txt", "qa", [f"{F}/qa/messages.txt", "--config", f"{F}/qa/qa.toml"]),
    ("scorecard_month", "scorecard", [f"{F}/month/chats.csv", "--orders", f"{F}/month/orders.xlsx", *MONTH]),
    ("scorecard_qa", "scorecard", [f"{F}/qa/messages.csv", "--config", f"{F}/qa/scorecard.toml"]),
    ("scorecard_chitu", "scorecard", [f"{F}/chitu_agent_report.xlsx"]),
    ("scorecard_chitu_ratings", "scorecard", [f"{F}/chitu_agent_report.xlsx", "--ratings", f"{F}/agent_reports/ratings.xlsx"]),
    ("scorecard_agent_reports", "scorecard", [f"{F}/agent_reports/chitu_daily.xlsx", f"{F}/agent_reports/service_day1.xlsx", f"{F}/agent_reports/service_day2.xlsx"]),
    ("scorecard_pdd", "scorecard", [f"{F}/agent_reports/pdd_agents.csv"]),
    ("daily_month", "daily", [f"{F}/month/chats.csv", "--orders", f"{F}/month/orders.xlsx", "--day", "2026-10-15"]),
    ("daily_history", "daily", [f"{F}/history/chats_1003.csv", "--orders", f"{F}/history/orders_1003.csv", "--day", "2026-10-03"]),
    ("report_month", "report", [f"{F}/month/chats.csv", f"{F}/month/orders.xlsx", *MONTH]),
    ("report_month_gbk", "report", [f"{F}/month/chats.csv", f"{F}/month/orders_gbk.csv", *MONTH]),
    ("report_no_orders", "report", [f"{F}/month/chats.csv", "--no-orders", *MONTH]),
    ("report_partial", "report", [f"{F}/partial/chats_1001_1003.csv", f"{F}/partial/orders_1001_1002.csv", *MONTH]),
    ("report_qianniu", "report", [f"{F}/qianniu/chats.csv", f"{F}/qianniu/orders.csv"]),
    ("report_chitu", "report", [f"{F}/chitu_agent_report.xlsx"]),
    ("report_lost", "report", [f"{F}/lost/chats.csv", f"{F}/lost/orders.csv", "--config", f"{F}/lost/lost.toml"]),
    ("schedule_csv", "schedule", [f"{F}/schedule/schedule.csv", "--config", f"{F}/schedule/shifts.toml", "--chats", f"{F}/schedule/chats.csv"]),
    ("schedule_shop", "schedule", [f"{F}/schedule/shop_columns.xlsx", "--config", f"{F}/schedule/shop.toml"]),
    ("schedule_two_row", "schedule", [f"{F}/schedule/two_row_header.xlsx", "--config", f"{F}/schedule/shifts_cn.toml"]),
    ("schedule_long", "schedule", [f"{F}/schedule/long_layout.xlsx", "--config", f"{F}/schedule/long_default.toml", "--chats", f"{F}/schedule/chats.csv"]),
    ("schedule_range", "schedule", [f"{F}/schedule/range_codes.csv", "--config", f"{F}/schedule/range_codes.toml"]),
    ("schedule_attendance", "schedule", [f"{F}/schedule/attendance.xlsx", "--config", f"{F}/schedule/shifts.toml"]),
]
FORMATS = [("xlsx", []), ("json", ["--format", "json"]), ("csv", ["--format", "csv"]),
           ("table", ["--format", "table"]), ("md", ["--format", "markdown"]),
           ("text", ["--format", "text", "--lang", "en"]), ("en", ["--lang", "en"])]
SINGLE = [
    ("inspect_month", ["inspect", f"{F}/month/orders.xlsx"]),
    ("inspect_month_json", ["inspect", f"{F}/month/orders.xlsx", f"{F}/month/chats.csv", "--format", "json"]),
    ("inspect_schedule", ["inspect", f"{F}/schedule/attendance.xlsx", f"{F}/schedule/feb_template.csv"]),
    ("inspect_exports", ["inspect", *[f"{F}/exports/{n}" for n in sorted(os.listdir(f"{F}/exports")) if not n.endswith((".md", ".py"))]]),
    ("inspect_agent_reports", ["inspect", f"{F}/chitu_agent_report.xlsx", f"{F}/agent_reports/pdd_agents.csv"]),
    ("init", ["init"]),
    ("help", ["--help"]),
    ("commission_help", ["commission", "--help"]),
    ("report_help", ["report", "--help"]),
]
BAD = sorted(n for n in os.listdir(f"{F}/bad") if not n.endswith((".py", ".md")))


def runs():
    for name, cmd, args in BASES:
        for fmt, extra in FORMATS:
            out = [] if fmt not in ("xlsx", "en") else ["-o", "OUT/out.xlsx"]
            yield f"{name}.{fmt}", [cmd, *args, *extra, *out], {}
    for name, args in SINGLE:
        yield name, args, {}
    for n in BAD:
        path = f"{F}/bad/{n}"
        if n.endswith(".toml"):
            yield f"bad_{n}", ["commission", f"{F}/taobao_orders_gbk.csv", "--config", path, "-o", "OUT/out.xlsx"], {}
        elif n.startswith("chat"):
            yield f"bad_{n}", ["conversion", path, "--orders", f"{F}/month/orders.xlsx", "-o", "OUT/out.xlsx"], {}
        else:
            yield f"bad_{n}", ["commission", path, "-o", "OUT/out.xlsx"], {}
            yield f"bad_{n}.strict", ["commission", path, "--strict", "--format", "json"], {}
    # history: a sequence in one database
    hist = []
    for d in ["1001", "1002", "1003"]:
        hist.append(["daily", f"{F}/history/chats_{d}.csv", "--orders", f"{F}/history/orders_{d}.csv",
                     "--day", f"2026-10-{d[2:]}", "--history", "OUT/h.db", "--format", "json"])
    hist.append(["conversion", f"{F}/history/chats_10_month.csv", "--orders", f"{F}/history/orders_10_month.csv",
                 *MONTH, "--history", "OUT/h.db", "-o", "OUT/conv.xlsx"])
    hist.append(["report", f"{F}/history/chats_10_month.csv", f"{F}/history/orders_10_month.csv",
                 *MONTH, "--history", "OUT/h.db", "-o", "OUT/out.xlsx"])
    hist.append(["history", "list", "--history", "OUT/h.db"])
    hist.append(["history", "export", "--history", "OUT/h.db", "-o", "OUT/h.csv"])
    yield "history_seq", hist, {"seq": True}


def digest_file(path):
    if path.endswith(".xlsx") and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            return {n: hashlib.sha256(z.read(n)).hexdigest() for n in sorted(z.namelist())
                    if n != "docProps/core.xml"}
    with open(path, "rb") as f:
        data = f.read()
    if path.endswith("h.csv"):  # the history's recorded_at column is the clock's
        data = re.sub(rb",\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\r?\n)", rb",RECORDED\1", data)
    return hashlib.sha256(data).hexdigest()


def run(binary, outdir):
    binary = os.path.abspath(binary)
    results = {}
    env = dict(os.environ, CS_TOOLS_HISTORY="off", NO_COLOR="1")
    for name, args, opts in runs():
        tmp = tempfile.mkdtemp(prefix="same-")
        seq = args if opts.get("seq") else [args]
        steps = []
        for a in seq:
            a = [x.replace("OUT/", "") for x in a]
            p = subprocess.run([binary, *a], capture_output=True, env=env, cwd=tmp)
            norm = lambda b: b.decode("utf-8", "replace").replace(tmp, "OUT").replace(F, "FIXTURES")
            steps.append({"args": [x.replace(tmp, "OUT").replace(F, "FIXTURES") for x in a], "code": p.returncode,
                          "stdout": norm(p.stdout), "stderr": norm(p.stderr)})
        files = {}
        for n in sorted(os.listdir(tmp)):
            if n.endswith(".db") or os.path.isdir(os.path.join(tmp, n)):
                continue
            files[n] = digest_file(os.path.join(tmp, n))
        results[name] = {"steps": steps, "files": files}
        shutil.rmtree(tmp)
    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, "outputs.json"), "w") as f:
        json.dump(results, f, ensure_ascii=False, indent=1, sort_keys=True)
    print(f"{len(results)} runs kept in {outdir}/outputs.json")


def compare(old, new):
    a = json.load(open(os.path.join(old, "outputs.json")))
    b = json.load(open(os.path.join(new, "outputs.json")))
    differ = [k for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)]
    for k in differ:
        print(f"DIFFERS {k}")
        x, y = a.get(k) or {}, b.get(k) or {}
        for i, (s, t) in enumerate(zip(x.get("steps", []), y.get("steps", []))):
            for field in ("code", "stdout", "stderr"):
                if s[field] != t[field]:
                    print(f"  step {i} {field}:\n    old: {str(s[field])[:600]!r}\n    new: {str(t[field])[:600]!r}")
        if x.get("files") != y.get("files"):
            for n in sorted(set(x.get("files", {})) | set(y.get("files", {}))):
                fx, fy = x.get("files", {}).get(n), y.get("files", {}).get(n)
                if fx != fy:
                    parts = [p for p in set(fx or {}) | set(fy or {}) if isinstance(fx, dict) and isinstance(fy, dict) and fx.get(p) != fy.get(p)]
                    print(f"  file {n} differs {sorted(parts)[:8]}")
    print(f"{len(a)} runs compared, {len(differ)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    if sys.argv[1] == "run":
        run(sys.argv[2], sys.argv[3])
    else:
        sys.exit(compare(sys.argv[2], sys.argv[3]))
