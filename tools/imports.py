#!/usr/bin/env python3
"""The module graph of src/, as the code's `use` lines and paths draw it: every file that
imports another file of the crate, the import loops (files that reach themselves), the
files outside src/commands/ that import a command module, and the command modules that
import each other. Exits 1 when any of these exist. `python3 tools/imports.py [--graph]`."""
import os, re, sys

SRC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src")


def module_of(path):
    rel = os.path.relpath(path, SRC)[:-3].split(os.sep)
    if rel[-1] in ("mod", "lib", "main"):
        rel = rel[:-1]
    return tuple(rel)


files = {}
for d, _, fs in os.walk(SRC):
    for f in fs:
        if f.endswith(".rs"):
            p = os.path.join(d, f)
            files[module_of(p)] = p
modules = set(files)


def resolve(base, parts):
    """The longest known module a path names, or None."""
    for n in range(len(parts), 0, -1):
        m = tuple(base) + tuple(parts[:n])
        if m in modules:
            return m
    return tuple(base) if tuple(base) in modules and base else None


def strip_tests(text):
    i = text.find("#[cfg(test)]\nmod tests")
    return text if i < 0 else text[:i]


PATH = re.compile(r"\b((?:crate|super|self)(?:::[A-Za-z_][A-Za-z0-9_]*)+)")
edges = {m: set() for m in modules}
for m, p in files.items():
    text = strip_tests(open(p, encoding="utf-8").read())
    text = re.sub(r"//[^\n]*", "", text)
    is_dir_module = os.path.basename(p) in ("mod.rs", "lib.rs", "main.rs")
    # `use a::{b, c::{d}}` groups: expand one level of braces into paths.
    expanded = []
    for u in re.finditer(r"\buse\s+([^;]+);", text, re.S):
        body = re.sub(r"\s+", "", u.group(1))
        m2 = re.match(r"^(.*?)::\{(.*)\}$", body)
        if m2:
            prefix, inner = m2.groups()
            depth, cur, items = 0, "", []
            for ch in inner:
                if ch == "," and depth == 0:
                    items.append(cur); cur = ""; continue
                depth += ch == "{"; depth -= ch == "}"; cur += ch
            items.append(cur)
            expanded += [prefix + "::" + re.sub(r"::\{.*", "", i) for i in items if i]
        else:
            expanded.append(body)
    for path in expanded + PATH.findall(text):
        parts = path.split("::")
        if parts[0] == "crate":
            base, rest = (), parts[1:]
        else:
            base = list(m)
            rest = parts
            while rest and rest[0] in ("super", "self"):
                if rest[0] == "super":
                    base = base[:-1]
                rest = rest[1:]
        target = resolve(base, [r for r in rest if r != "self"])
        if target and target != m and target != () and not (m[: len(target)] == target):
            edges[m].add(target)


def loops():
    index, low, stack, on, out, n = {}, {}, [], set(), [], [0]
    def visit(v):
        index[v] = low[v] = n[0]; n[0] += 1; stack.append(v); on.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w); low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop(); on.discard(w); comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))
    sys.setrecursionlimit(10000)
    for v in sorted(modules):
        if v not in index:
            visit(v)
    return out


name = lambda m: "::".join(m) or "crate"
bad = 0
for comp in loops():
    bad += 1
    print("loop:", " ↔ ".join(name(m) for m in comp))
for m in sorted(modules):
    for t in sorted(edges[m]):
        if t[:1] == ("commands",) and len(t) > 1:
            outside = m[:1] != ("commands",) and m not in ((), ("main",))
            sibling = m[:1] == ("commands",) and len(m) > 1 and t != m and m != ("commands",) and t[1] != m[1]
            if outside or (sibling and t not in (("commands", "runner"),)):
                bad += 1
                print(f"imports a command module: {name(m)} → {name(t)}")
if "--graph" in sys.argv:
    for m in sorted(modules):
        print(f"{name(m)} → {', '.join(name(t) for t in sorted(edges[m]))}")
print(f"{len(modules)} modules, {sum(len(e) for e in edges.values())} imports, {bad} problems")
sys.exit(1 if bad else 0)
