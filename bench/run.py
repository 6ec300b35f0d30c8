#!/usr/bin/env python3
"""The speed and memory benchmark of SPEC §6, in one run on this machine.

    python3 bench/run.py                 # 1,000,000 orders and 10,000,000 messages
    python3 bench/run.py --orders 200000 --messages 2000000

It builds the binary and examples with the release profile (what `cargo install` builds; or
`--profile profiling`: the same code with line tables, for `perf record`), generates the data once (examples/gen_month.rs,
deterministic), then times each step and reads its peak memory (the child's own max RSS):

  (a) floor: read orders.xlsx with calamine's streaming cell reader and write the same cells
      with rust_xlsxwriter's constant-memory mode (examples/floor.rs);
  (b) cs-tools commission orders.xlsx, with the Detail sheet;
  (c) cs-tools conversion on the messages, as CSV and as xlsx, with the orders;
  (d) when pandas and xlsxwriter are installed: the commission job as a pandas script
      (bench/pandas_commission.py) on the same GBK CSV as (b').

and prints a table with each time as a ratio to (a), and (d) against (b').
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(cmd):
    """Seconds and peak RSS (MB) of one command, which must succeed."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.monotonic() - start
    err = proc.stderr.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{err}")
    return elapsed, usage.ru_maxrss / 1024


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--orders", type=int, default=1_000_000)
    ap.add_argument("--messages", type=int, default=10_000_000)
    ap.add_argument("--data", default=os.path.join(ROOT, "bench-data"))
    ap.add_argument("--profile", default="release", choices=["release", "profiling"],
                    help="cargo profile; profiling = release with debug line tables, for perf")
    args = ap.parse_args()

    subprocess.run(["cargo", "build", "--profile", args.profile, "--locked", "--bins", "--examples"], cwd=ROOT,
                   check=True)
    release = os.path.join(ROOT, "target", args.profile)
    tag = os.path.join(args.data, f".{args.orders}-{args.messages}")
    if not os.path.exists(tag):
        print(f"generating {args.orders} orders and {args.messages} messages in {args.data} …", file=sys.stderr)
        subprocess.run([os.path.join(release, "examples", "gen_month"), "--orders", str(args.orders),
                        "--messages", str(args.messages), "--out", args.data], check=True)
        open(tag, "w").close()

    d = args.data
    cs = os.path.join(release, "cs-tools")
    with tempfile.TemporaryDirectory(dir=d) as out:
        steps = [
            ("(a) floor: calamine stream read + rust_xlsxwriter constant-memory write",
             [os.path.join(release, "examples", "floor"), f"{d}/orders.xlsx", f"{out}/floor.xlsx"]),
            ("(b) commission orders.xlsx (with Detail)",
             [cs, "commission", f"{d}/orders.xlsx", "-o", f"{out}/commission.xlsx", "-q"]),
            ("(b') commission orders_gbk.csv (with Detail)",
             [cs, "commission", f"{d}/orders_gbk.csv", "-o", f"{out}/commission-csv.xlsx", "-q"]),
            ("(c) conversion chats.csv + orders.xlsx",
             [cs, "conversion", f"{d}/chats.csv", "--orders", f"{d}/orders.xlsx", "-o", f"{out}/conv-csv.xlsx", "-q"]),
            ("(c) conversion chats.xlsx + orders.xlsx",
             [cs, "conversion", f"{d}/chats.xlsx", "--orders", f"{d}/orders.xlsx", "-o", f"{out}/conv-xlsx.xlsx", "-q"]),
        ]
        # Checked in a child: importing pandas here would grow this process, and a child's
        # peak memory counts its parent's pages until it starts its own program.
        has_pandas = subprocess.run([sys.executable, "-c", "import pandas, xlsxwriter"],
                                    capture_output=True).returncode == 0
        if has_pandas:
            steps.append(("(d) the same commission job as a pandas script, orders_gbk.csv",
                          [sys.executable, os.path.join(ROOT, "bench", "pandas_commission.py"),
                           f"{d}/orders_gbk.csv", f"{out}/pandas.xlsx"]))
        else:
            print("pandas or xlsxwriter not installed: no pandas comparison (pip install pandas xlsxwriter)",
                  file=sys.stderr)
        results = []
        for name, cmd in steps:
            secs, mb = run(cmd)
            results.append((name, secs, mb))
            print(f"  {name}: {secs:.2f} s, {mb:.0f} MB", file=sys.stderr)

    floor = results[0][1]
    print(f"\n{args.orders:,} orders, {args.messages:,} messages, {os.cpu_count()} cores\n")
    print("| step | seconds | × floor | peak MB |")
    print("|---|---:|---:|---:|")
    for name, secs, mb in results:
        print(f"| {name} | {secs:.2f} | {secs / floor:.2f} | {mb:.0f} |")
    if len(results) > 5:
        print(f"\ncs-tools is {results[5][1] / results[2][1]:.1f}x faster than the pandas script on the same CSV.")


if __name__ == "__main__":
    main()
