#!/usr/bin/env python3
"""layers.py - the include structure of the tree, checked (make check-layers).

  - no header includes itself through others (a cycle among .h files),
    in the kernel, iocap/, abi/, lib/ and in ring 3's user/ and drivers/;
  - the pure layers include nothing outside themselves: iocap/ (built and
    tested on the host), the ABI (abi/), and the freestanding helpers
    both rings link (lib/); see PURE below;
  - the kernel's modules (a module is x.c plus x.h in one folder; an edge is
    one module's file including another's header) form no strongly
    connected knot larger than MAX_KNOT.

    layers.py [--report]     exit 1 on a violation; --report prints the knots
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
SOURCE_DIRS = ("arch", "kernel", "iocap", "lib", "abi", "user", "drivers")
# folder -> what its files may include besides their own folder
PURE = {
    "iocap": ("abi", "lib"),
    "abi": (),
    "lib": (),
}
MAX_KNOT = 5


def files():
    for top in SOURCE_DIRS:
        for d, _, names in os.walk(os.path.join(ROOT, top)):
            for n in names:
                if n.endswith((".c", ".h", ".S")):
                    yield os.path.relpath(os.path.join(d, n), ROOT)


def includes(path):
    """What path includes, as the compiler finds it: beside the file first, then from the top (-I.)."""
    here = os.path.dirname(path)
    out = []
    with open(os.path.join(ROOT, path), errors="replace") as f:
        for i in INCLUDE.findall(f.read()):
            for cand in (os.path.normpath(os.path.join(here, i)), os.path.normpath(i)):
                if os.path.exists(os.path.join(ROOT, cand)):
                    out.append(cand)
                    break
    return out


def sccs(graph):
    """Tarjan's strongly connected components, iteratively."""
    index, low, on, stack, out, n = {}, {}, set(), [], [], [0]
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = n[0]; n[0] += 1; stack.append(root); on.add(root)
        while work:
            v, it = work[-1]
            w = next(it, None)
            if w is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    comp = []
                    while True:
                        x = stack.pop(); on.discard(x); comp.append(x)
                        if x == v:
                            break
                    out.append(sorted(comp))
            elif w not in index:
                index[w] = low[w] = n[0]; n[0] += 1; stack.append(w); on.add(w)
                work.append((w, iter(sorted(graph.get(w, ())))))
            elif w in on:
                low[v] = min(low[v], index[w])
    return out


def main():
    report = "--report" in sys.argv
    all_files = sorted(files())
    inc = {f: includes(f) for f in all_files}
    bad = []
    # 1. header cycles
    hgraph = {f: {i for i in inc[f] if i.endswith(".h")} for f in all_files if f.endswith(".h")}
    for comp in sccs(hgraph):
        if len(comp) > 1 or comp[0] in hgraph.get(comp[0], ()):
            bad.append("header include cycle: " + " -> ".join(comp))
    # 2. pure layers
    for f in all_files:
        for layer, allowed in PURE.items():
            if not f.startswith(layer + "/"):
                continue
            for i in inc[f]:
                if not i.startswith(layer + "/") and not any(i.startswith(a + "/") for a in allowed):
                    bad.append(f"{f}: the pure layer {layer}/ includes {i}")
    # 3. module knots in kernel/
    mod = lambda f: os.path.splitext(f)[0]
    kfiles = [f for f in all_files if f.startswith("kernel/")]
    mods = {mod(f) for f in kfiles}
    graph = {m: set() for m in mods}
    for f in kfiles:
        for i in inc[f]:
            if mod(i) in mods and mod(i) != mod(f):
                graph[mod(f)].add(mod(i))
    knots = sorted((c for c in sccs(graph) if len(c) > 1), key=len, reverse=True)
    for k in knots:
        if report:
            print(f"knot of {len(k)} modules: {' '.join(k)}")
        if len(k) > MAX_KNOT:
            bad.append(f"a knot of {len(k)} kernel modules (at most {MAX_KNOT}): {' '.join(k)}")
    for b in bad:
        print("layers: " + b)
    largest = len(knots[0]) if knots else 1
    print(f"layers: {len(all_files)} files, {len(mods)} kernel modules, largest knot {largest}, "
          f"{len(bad)} violation{'s' if len(bad) != 1 else ''}")
    return 1 if bad else 0


sys.exit(main())
