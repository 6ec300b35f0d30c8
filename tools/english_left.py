"""List the English sentences cs-tools still says under the default language (zh): every run of
tools/same_outputs.py without `--lang en`, plus error paths (missing files, usage errors,
unwritable output, empty periods, --help of every command). Prints each sentence once, with
the first run that said it: `python3 tools/english_left.py target/debug/cs-tools`."""
import os, re, subprocess, sys, tempfile, shutil
sys.path.insert(0, os.path.dirname(__file__))
import same_outputs as so

F = so.F
COMMANDS = ["commission", "conversion", "lost", "qa", "scorecard", "daily", "report", "schedule", "inspect", "init", "history"]


def extra_runs():
    for c in COMMANDS:
        yield f"help_{c}", [c, "--help"]
        if c not in ("init", "history"):
            yield f"missing_{c}", [c, "no-such-file.csv"]
    for sub in ["list", "export", "import", "forget"]:
        yield f"help_history_{sub}", ["history", sub, "--help"]
    yield "history_list_none", ["history", "list"]
    yield "history_list_missing", ["history", "list", "--history", "OUT/none.db"]
    yield "usage_no_args", []
    yield "usage_unknown_cmd", ["commision", "x.csv"]
    yield "usage_unknown_flag", ["commission", f"{F}/taobao_orders_gbk.csv", "--rat", "2%"]
    yield "usage_bad_month", ["commission", f"{F}/taobao_orders_gbk.csv", "--month", "2026-13"]
    yield "usage_bad_rate", ["commission", f"{F}/taobao_orders_gbk.csv", "--rate", "abc"]
    yield "usage_from_to", ["commission", f"{F}/taobao_orders_gbk.csv", "--from", "2026-10-05", "--to", "2026-10-01"]
    yield "usage_o_format", ["commission", f"{F}/taobao_orders_gbk.csv", "-o", "x.csv", "--format", "json"]
    yield "usage_missing_arg", ["commission"]
    yield "usage_bad_format", ["commission", f"{F}/taobao_orders_gbk.csv", "--format", "pdf"]
    yield "usage_md_lost", ["lost", f"{F}/lost/chats.csv", "--format", "markdown"]
    yield "usage_bad_day", ["daily", f"{F}/month/chats.csv", "--day", "tomorrow"]
    yield "usage_bad_encoding", ["commission", f"{F}/taobao_orders_gbk.csv", "--encoding", "klingon"]
    yield "no_folder", ["commission", f"{F}/taobao_orders_gbk.csv", "-o", "OUT/nope/x.xlsx"]
    yield "output_is_input", ["commission", f"{F}/taobao_orders_gbk.csv", "-o", f"{F}/taobao_orders_gbk.csv", "--format", "csv"]
    yield "empty_period", ["commission", f"{F}/taobao_orders_gbk.csv", "--month", "2020-01"]
    yield "conv_empty_period", ["conversion", f"{F}/month/chats.csv", "--orders", f"{F}/month/orders.xlsx", "--month", "2020-01"]
    yield "daily_no_orders_day", ["daily", f"{F}/month/chats.csv", "--orders", f"{F}/month/orders.xlsx", "--day", "2026-11-15"]
    yield "report_no_orders", ["report", f"{F}/month/chats.csv", "--month", "2026-10"]
    yield "conversion_orders_only", ["conversion", f"{F}/month/orders.xlsx"]
    yield "commission_chats_only", ["commission", f"{F}/month/chats.csv"]
    yield "schedule_no_config", ["schedule", f"{F}/schedule/schedule.csv"]
    yield "init_twice", ["init"]
    yield "dir_as_file", ["commission", F]


def runs():
    for name, args, opts in so.runs():
        if opts.get("seq"):
            yield name, args
            continue
        if "--lang" in args:
            continue
        yield name, [args]
    for name, args in extra_runs():
        yield name, [args] if name != "init_twice" else [args, args]


def main():
    binary = os.path.abspath(sys.argv[1])
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests"))
    seen = {}
    env = dict(os.environ, CS_TOOLS_HISTORY="off", NO_COLOR="1")
    env.pop("LANG", None)
    for name, seq in runs():
        tmp = tempfile.mkdtemp(prefix="eng-")
        for a in seq:
            a = [x.replace("OUT/", tmp + "/") for x in a]
            p = subprocess.run([binary, *a], capture_output=True, env=env, cwd=tmp)
            texts = [p.stderr.decode("utf-8", "replace")]
            fmt = a[a.index("--format") + 1] if "--format" in a else "xlsx"
            if fmt in ("xlsx",) or (a and a[0] in ("inspect", "init", "history")) or "--help" in a or not a:
                texts.append(p.stdout.decode("utf-8", "replace"))
            for text in texts:
                for line in text.splitlines():
                    s = sentence(line.replace(tmp, "OUT").replace(F, "FIX"))
                    if s:
                        seen.setdefault(line.replace(tmp, "OUT").replace(F, "FIX").strip(), name)
        shutil.rmtree(tmp)
    for line, name in sorted(seen.items(), key=lambda x: x[1]):
        print(f"[{name}] {line}")
    print(f"{len(seen)} lines with English", file=sys.stderr)


def without_quoted(text):
    out, closing, technical = [], None, False
    i = 0
    while i < len(text):
        c = text[i]
        rest = text[i + 1:]
        i += 1
        if technical:
            if c == "）":
                technical = False
            continue
        if closing:
            if c == closing:
                closing = None
                out.append(" ")
            continue
        pairs = {'"': '"', "`": "`", "“": "”", "「": "」", "[": "]"}
        if c in pairs:
            closing = pairs[c]
        elif c == "（" and (rest.startswith("技术信息") or rest.startswith("technical")):
            technical = True
        else:
            out.append(c)
    words = []
    for w in "".join(out).split(" "):
        if any(ch in w for ch in "/\\._=:@-{}<>*") or any(ch.isdigit() for ch in w):
            words.append("·")
        else:
            words.append(w)
    return " ".join(words)


def sentence(text):
    run = []
    for token in without_quoted(text).split():
        word = token.strip(",;!?()….")
        if len(word) >= 2 and word.isascii() and word.isalpha():
            run.append(word)
            if len(run) >= 3:
                return " ".join(run)
        else:
            run = []
    return None


if __name__ == "__main__":
    main()
