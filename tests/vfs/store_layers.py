#!/usr/bin/env python3
"""The store's files call each other in one direction (vfs/store_inner.h).

Reads vfs/store*.c, finds which file defines each of the store's
functions (cfs_st_*, and store.h's cfs_store_*/cfs_handle_*), and which
of them each file calls or takes the address of. Every such use must be of
a function defined in the same file or in a layer listed before it, so no
two files call each other in a circle. Prints the graph of calls between
files; exits 1 on a call upwards or a store file missing from LAYERS.

    store_layers.py SRCDIR        (the project's root)
"""
import re
import sys
from pathlib import Path

# From the leaf up: each may use only the ones before it.
LAYERS = [
    "store_util.c",
    "store_recent.c",
    "store_lru.c",
    "store_fent.c",
    "store_obj.c",
    "store_snap.c",
    "store_walk.c",
    "store_resolve.c",
    "store.c",
]

NAME = re.compile(r"\b((?:cfs_st|cfs_store|cfs_handle)_\w+)\b")
# A definition: the name at the start of a line's declarator, its body
# on a following line (the house style puts the brace on its own line).
DEFN = re.compile(r"^[a-z][\w \*]*?\b((?:cfs_st|cfs_store|cfs_handle)_\w+)\(", re.M)


def strip_comments(src):
    src = re.sub(r"/\*.*?\*/", " ", src, flags=re.S)
    return re.sub(r'"(?:\\.|[^"\\])*"', '""', src)


def main():
    vfs = Path(sys.argv[1] if len(sys.argv) > 1 else ".") / "vfs"
    files = sorted(p.name for p in vfs.glob("store*.c"))
    bad = [f for f in files if f not in LAYERS]
    if bad:
        print("store files not in LAYERS:", ", ".join(bad))
        return 1
    text = {f: strip_comments((vfs / f).read_text()) for f in files}
    owner = {}
    for f, src in text.items():
        for m in DEFN.finditer(src):
            # a prototype ends with ';' before any '{'
            rest = src[m.end():]
            if rest.find("{") != -1 and (rest.find(";") == -1 or rest.find("{") < rest.find(";")):
                owner[m.group(1)] = f
    rank = {f: i for i, f in enumerate(LAYERS)}
    edges = {}
    for f, src in text.items():
        for name in set(NAME.findall(src)):
            g = owner.get(name)
            if g and g != f:
                edges.setdefault((f, g), set()).add(name)
    up = 0
    for f in LAYERS:
        callees = sorted({g for (a, g) in edges if a == f}, key=rank.get)
        print(f"{f:16} -> {', '.join(callees) if callees else '(nothing of the store)'}")
    for (f, g), names in sorted(edges.items()):
        if rank[g] >= rank[f]:
            up += 1
            print(f"UPWARD: {f} uses {g}'s {', '.join(sorted(names))}")
    if not owner:
        print("no definitions found: the pattern is stale")
        return 1
    return 1 if up else 0


if __name__ == "__main__":
    sys.exit(main())
