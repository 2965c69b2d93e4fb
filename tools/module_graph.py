#!/usr/bin/env python3
"""Harbour's module graph: which files of a crate use which (`crate::` paths), and any circle.

Each crate's files should depend on the ones below them only, so a newcomer can read a crate
bottom-up and a change to a low file cannot need a change to a high one. `./dev check` and
`./dev test` run this over every crate and fail on a circle. `lib.rs` (the crate root) is left
out of circles: every file may use what the root re-exports, and the root only declares.

    tools/module_graph.py            check every crate, print circles
    tools/module_graph.py --print    also print each crate's graph
"""
import os
import re
import sys

CRATES = ["src-tauri/src"] + sorted(
    os.path.join("crates", c, "src") for c in os.listdir("crates") if os.path.isdir(os.path.join("crates", c, "src"))
)


def graph(src):
    mods = {}
    for folder, _, files in os.walk(src):
        for f in files:
            if f.endswith(".rs"):
                rel = os.path.relpath(os.path.join(folder, f), src)[:-3]
                mods[rel.replace("/mod", "").replace("/", "::")] = open(os.path.join(folder, f)).read()
    top = {m.split("::")[0] for m in mods}
    edges = {}
    for name, text in mods.items():
        text = re.split(r"#\[cfg\(test\)\]\s*mod tests", text)[0]
        text = "\n".join(l for l in text.split("\n") if not l.strip().startswith("//"))
        used = set(re.findall(r"crate::(\w+)", text))
        for group in re.findall(r"crate::\{([^}]*)\}", text):
            used |= {p.strip().split("::")[0] for p in group.split(",") if p.strip()}
        me = name.split("::")[0]
        edges[name] = sorted(u for u in used if u in top and u not in (me, "lib", "main"))
    return edges


def circles(edges):
    found = set()

    def walk(start, node, path):
        for nxt in edges.get(node, []):
            if nxt == start:
                i = path.index(min(path))
                found.add(tuple(path[i:] + path[:i]))
            elif nxt not in path and len(path) < 10:
                walk(start, nxt, path + [nxt])

    for m in edges:
        walk(m, m, [m])
    return sorted(found)


def main():
    bad = 0
    for src in CRATES:
        edges = graph(src)
        if "--print" in sys.argv:
            print(src)
            for m in sorted(edges):
                print(f"  {m} -> {', '.join(edges[m]) or '(nothing)'}")
        for c in circles(edges):
            print(f"{src}: circle {' -> '.join(c + (c[0],))}")
            bad += 1
    if bad:
        sys.exit(1)
    print(f"module graph: no circles in {len(CRATES)} crates")


if __name__ == "__main__":
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    main()
