#!/usr/bin/env python3
"""The speed and memory benchmark of docs/performance.md and issue 15, in one run on this machine.

    python3 bench/run.py                 # 1,000,000 orders and 10,000,000 messages
    python3 bench/run.py --orders 200000 --messages 2000000

It builds the binary and examples with the release profile (what `cargo install` builds; or
`--profile profiling`: the same code with line tables, for `perf record`), generates the data once
(examples/gen_month.rs, deterministic; a second set with `--split`: each conversation in one of
chats.csv, chats.xlsx and a 千牛 chats.txt), then times each job and reads its peak memory (the
child's own max RSS). Every job is reported against its own floor (examples/floor.rs): stream
every cell of every sheet of the job's inputs (calamine's cell reader, the csv crate after the
same decoding) and write as many rows and columns as the job's largest output sheet with
rust_xlsxwriter's constant-memory mode.

Jobs: commission (orders.xlsx, orders_gbk.csv), conversion (chats.csv or chats.xlsx with
orders.xlsx), lost (both), daily (the last day), scorecard, report (both), schedule (a 排班表 of
the twelve agents with chats.csv), qa (against conversion on the same files), and conversion and
report on the split set (three chat files, two order files) with --threads 1 and --threads
<cores>. When
pandas and xlsxwriter are installed, the commission and conversion jobs as pandas scripts
(bench/pandas_commission.py, bench/pandas_conversion.py) on the same CSVs.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(cmd, must_succeed=True):
    """Seconds and peak RSS (MB) of one command; None when a peer's script fails (said on
    stderr; the table is still printed)."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.monotonic() - start
    err = proc.stderr.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        if must_succeed:
            sys.exit(f"failed: {' '.join(cmd)}\n{err}")
        print(f"failed: {' '.join(cmd)}\n{err}", file=sys.stderr)
        return None
    return elapsed, usage.ru_maxrss / 1024


def largest_sheet(path):
    """(rows, columns) of the largest worksheet of an xlsx: its <dimension>, else its last row."""
    import re
    import zipfile
    best = (0, 0)
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                continue
            with z.open(name) as f:
                head = f.read(4096).decode(errors="replace")
            m = re.search(r'<dimension ref="[A-Z]+\d+:([A-Z]+)(\d+)"', head)
            if m:
                letters, rows = m.group(1), int(m.group(2))
                cols = 0
                for ch in letters:
                    cols = cols * 26 + ord(ch) - 64
                best = max(best, (rows, cols))
    return best


def generate(release, data, orders, messages, split):
    tag = os.path.join(data, f".{orders}-{messages}-v2")
    if not os.path.exists(tag):
        print(f"generating {orders} orders and {messages} messages in {data} …", file=sys.stderr)
        cmd = [os.path.join(release, "examples", "gen_month"), "--orders", str(orders), "--messages", str(messages),
               "--out", data]
        subprocess.run(cmd + (["--split"] if split else []), check=True)
        open(tag, "w").close()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--orders", type=int, default=1_000_000)
    ap.add_argument("--messages", type=int, default=10_000_000)
    ap.add_argument("--data", default=os.path.join(ROOT, "bench-data"))
    ap.add_argument("--profile", default="release", choices=["release", "profiling"],
                    help="cargo profile; profiling = release with debug line tables, for perf")
    ap.add_argument("--only", default="", help="comma-separated job names to run (default: all)")
    ap.add_argument("--threads", type=int, default=os.cpu_count(), help="the multi-thread runs' --threads")
    args = ap.parse_args()

    subprocess.run(["cargo", "build", "--profile", args.profile, "--locked", "--bins", "--examples"], cwd=ROOT,
                   check=True)
    release = os.path.join(ROOT, "target", args.profile)
    d = args.data
    s = os.path.join(d, "split")
    os.makedirs(s, exist_ok=True)
    generate(release, d, args.orders, args.messages, False)
    generate(release, s, args.orders, args.messages, True)

    cs = os.path.join(release, "cs-tools")
    floor_bin = os.path.join(release, "examples", "floor")
    # Checked in a child: importing pandas here would grow this process, and a child's
    # peak memory counts its parent's pages until it starts its own program.
    has_pandas = subprocess.run([sys.executable, "-c", "import pandas, xlsxwriter"],
                                capture_output=True).returncode == 0
    if not has_pandas:
        print("pandas or xlsxwriter not installed: no pandas comparison (pip install pandas xlsxwriter)",
              file=sys.stderr)
    split_chats = [f"{s}/chats.csv", f"{s}/chats.xlsx", f"{s}/chats.txt"]
    split_orders = [f"{s}/orders.xlsx", f"{s}/orders_gbk.csv"]
    one = ["--threads", "1"]
    many = ["--threads", str(args.threads)]
    # (name, inputs, job arguments before the output)
    jobs = [
        ("commission orders.xlsx", [f"{d}/orders.xlsx"], ["commission", f"{d}/orders.xlsx"] + one),
        ("commission orders_gbk.csv", [f"{d}/orders_gbk.csv"], ["commission", f"{d}/orders_gbk.csv"] + one),
        ("conversion chats.csv + orders.xlsx", [f"{d}/chats.csv", f"{d}/orders.xlsx"],
         ["conversion", f"{d}/chats.csv", "--orders", f"{d}/orders.xlsx"] + one),
        ("conversion chats.csv + orders_gbk.csv", [f"{d}/chats.csv", f"{d}/orders_gbk.csv"],
         ["conversion", f"{d}/chats.csv", "--orders", f"{d}/orders_gbk.csv"] + one),
        ("conversion chats.xlsx + orders.xlsx", [f"{d}/chats.xlsx", f"{d}/orders.xlsx"],
         ["conversion", f"{d}/chats.xlsx", "--orders", f"{d}/orders.xlsx"] + one),
        ("lost chats.csv + orders.xlsx", [f"{d}/chats.csv", f"{d}/orders.xlsx"],
         ["lost", f"{d}/chats.csv", "--orders", f"{d}/orders.xlsx"] + one),
        ("lost chats.xlsx + orders.xlsx", [f"{d}/chats.xlsx", f"{d}/orders.xlsx"],
         ["lost", f"{d}/chats.xlsx", "--orders", f"{d}/orders.xlsx"] + one),
        ("daily chats.csv + orders.xlsx", [f"{d}/chats.csv", f"{d}/orders.xlsx"],
         ["daily", f"{d}/chats.csv", "--orders", f"{d}/orders.xlsx", "--day", "2026-10-31"] + one),
        ("scorecard chats.csv + orders.xlsx", [f"{d}/chats.csv", f"{d}/orders.xlsx"],
         ["scorecard", f"{d}/chats.csv", f"{d}/orders.xlsx"] + one),
        ("report chats.csv + orders.xlsx", [f"{d}/chats.csv", f"{d}/orders.xlsx"],
         ["report", f"{d}/chats.csv", f"{d}/orders.xlsx"] + one),
        ("report chats.xlsx + orders.xlsx", [f"{d}/chats.xlsx", f"{d}/orders.xlsx"],
         ["report", f"{d}/chats.xlsx", f"{d}/orders.xlsx"] + one),
        ("schedule schedule.csv + chats.csv", [f"{d}/schedule.csv", f"{d}/chats.csv"],
         ["schedule", f"{d}/schedule.csv", "--chats", f"{d}/chats.csv", "--config", f"{d}/shifts.toml"] + one),
        ("qa chats.csv + orders.xlsx", [f"{d}/chats.csv", f"{d}/orders.xlsx"],
         ["qa", f"{d}/chats.csv", "--orders", f"{d}/orders.xlsx"] + one),
        ("conversion split: 3 chat + 2 order files, 1 thread", split_chats + split_orders,
         ["conversion", *split_chats, "--orders", *split_orders] + one),
        (f"conversion split: 3 chat + 2 order files, {args.threads} threads", split_chats + split_orders,
         ["conversion", *split_chats, "--orders", *split_orders] + many),
        ("report split: 3 chat + 2 order files, 1 thread", split_chats + split_orders,
         ["report", *split_chats, *split_orders] + one),
        (f"report split: 3 chat + 2 order files, {args.threads} threads", split_chats + split_orders,
         ["report", *split_chats, *split_orders] + many),
    ]
    only = [o.strip() for o in args.only.split(",") if o.strip()]
    jobs = [j for j in jobs if not only or any(j[0].startswith(o) for o in only)]
    results = []
    with tempfile.TemporaryDirectory(dir=d) as out:
        for i, (name, inputs, cmd) in enumerate(jobs):
            target = f"{out}/job{i}.xlsx"
            secs, mb = run([cs, *cmd, "-o", target, "-q"])
            rows, cols = largest_sheet(target)
            fsecs, fmb = run([floor_bin, "--out", f"{out}/floor{i}.xlsx", "--rows", str(rows), "--cols", str(cols),
                              *inputs])
            results.append((name, secs, mb, fsecs, fmb, rows, cols))
            print(f"  {name}: {secs:.2f} s, {mb:.0f} MB; floor ({rows}×{cols} written) {fsecs:.2f} s, {fmb:.0f} MB",
                  file=sys.stderr)
        peers = []
        if has_pandas and (not only or any(o.startswith("pandas") for o in only)):
            for name, script, ins, versus in [
                ("pandas commission orders_gbk.csv", "pandas_commission.py", [f"{d}/orders_gbk.csv"],
                 "commission orders_gbk.csv"),
                ("pandas conversion chats.csv + orders_gbk.csv", "pandas_conversion.py",
                 [f"{d}/chats.csv", f"{d}/orders_gbk.csv"], "conversion chats.csv + orders_gbk.csv"),
            ]:
                measured = run([sys.executable, os.path.join(ROOT, "bench", script), *ins, f"{out}/{script}.xlsx"],
                               must_succeed=False)
                if measured is None:
                    continue
                secs, mb = measured
                peers.append((name, secs, mb, versus))
                print(f"  {name}: {secs:.2f} s, {mb:.0f} MB", file=sys.stderr)

    print(f"\n{args.orders:,} orders, {args.messages:,} messages, {os.cpu_count()} cores\n")
    print("| job | seconds | its floor (s) | × floor | peak MB | floor MB | largest sheet |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, secs, mb, fsecs, fmb, rows, cols in results:
        print(f"| {name} | {secs:.2f} | {fsecs:.2f} | {secs / fsecs:.2f} | {mb:.0f} | {fmb:.0f} | {rows}×{cols} |")
    by_name = {r[0]: r for r in results}
    # docs/definitions.md#quality-inspection / issue 16: qa against conversion on the same files.
    for job, versus in [("qa chats.csv + orders.xlsx", "conversion chats.csv + orders.xlsx")]:
        if job in by_name and versus in by_name:
            a, b = by_name[job], by_name[versus]
            print(f"\n{job}: {a[1] / b[1]:.2f}x the time of {versus} ({a[2]:.0f} vs {b[2]:.0f} MB peak).")
    for name, secs, mb, versus in peers:
        if versus in by_name:
            ours = by_name[versus][1]
            print(f"\n{name}: {secs:.2f} s, {mb:.0f} MB: cs-tools is {secs / ours:.1f}x faster on the same CSV.")


if __name__ == "__main__":
    main()
