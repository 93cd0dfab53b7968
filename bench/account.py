#!/usr/bin/env python3
"""account.py TRACE LOG HEADER FIGURE=OP ...

Where each instruction of a figure goes, for docs/bench-account.md (make
bench-account).  TRACE is one traced benchmark boot (bench/profile.sh's
QEMU log of every instruction).  For each FIGURE=OP, a window runs from one
start of OP (a ring-3 function the figure's loop calls once per operation,
or bench_mark around an operation timed on its own) to the next; the
window taken is the one whose length is nearest the figure's median
plus the loop's overhead (loop_overhead), both from the BENCH lines of the
same traced boot's serial LOG, so that it is one operation.  Each is printed by function, then by source line
(addr2line), with the line's text.  HEADER is printed first.  The trace is
read once for every figure.  Figures come from the run, never typed.
"""
import bisect
import collections
import re
import subprocess
import sys

from tracepcs import pcs, symbols

BENCH = re.compile(r"^BENCH (\S+) .*median=(\d+)")
KERNEL, USER = "build/kernel.elf", "build/user/bench"
USER_BASE = 0x40000000
TOP_LINES = 30
LONGEST = 200000


def source_lines(addrs):
    """{pc: "file:line"} for every pc, by addr2line on the ELF that holds it."""
    where = {}
    for elf, group in ((KERNEL, [a for a in addrs if a < USER_BASE]),
                       (USER, [a for a in addrs if a >= USER_BASE])):
        if not group:
            continue
        out = subprocess.run(["addr2line", "-e", elf] + [hex(a) for a in group],
                             capture_output=True, check=True, text=True).stdout.splitlines()
        for a, loc in zip(group, out):
            where[a] = loc.split(" (")[0]
    return where


def line_text(loc, cache={}):
    path, _, num = loc.rpartition(":")
    if path not in cache:
        try:
            with open(path, encoding="utf-8", errors="replace") as f:
                cache[path] = f.read().splitlines()
        except OSError:
            cache[path] = []
    try:
        return cache[path][int(num) - 1].strip()
    except (ValueError, IndexError):
        return ""


def short(loc):
    path, _, num = loc.rpartition(":")
    parts = path.split("/")
    keep = [p for p in parts if p and p != "."]
    # From the tree's top folder (kernel/, arch/, iocap/, user/, lib/ ...) on.
    for i, p in enumerate(keep):
        if p in ("kernel", "arch", "iocap", "user", "lib", "abi", "drivers"):
            return "/".join(keep[i:]) + ":" + num
    return "/".join(keep[-2:]) + ":" + num


def main():
    trace, results, header, *pairs = sys.argv[1:]
    medians = {}
    with open(results, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = BENCH.match(line.strip())
            if m:
                medians[m.group(1)] = int(m.group(2))
    loop = medians.get("loop_overhead", 0)
    syms = sorted(symbols(KERNEL) + symbols(USER))
    addrs = [a for a, _ in syms]
    byname = {n: a for a, n in syms}
    wanted = []                       # (figure, op, start pc)
    for p in pairs:
        fig, op = p.split("=")
        if fig in medians and op in byname:
            wanted.append((fig, op, byname[op]))
        else:
            print(f"account: {fig} or {op} not in this run", file=sys.stderr)
    starts = {pc for _, _, pc in wanted}
    # One example window per length and start, and how often each length
    # came: all of them would not fit in memory.  A window longer than
    # LONGEST (the op's last run, then the rest of the boot) is dropped.
    examples = collections.defaultdict(dict)
    counts = collections.defaultdict(collections.Counter)
    open_ = {}
    for pc in pcs(trace):
        if pc in starts:
            w = open_.get(pc)
            if w is not None:
                counts[pc][len(w)] += 1
                examples[pc].setdefault(len(w), w)
            open_[pc] = []
        for s, w in list(open_.items()):
            w.append(pc)
            if len(w) > LONGEST:
                del open_[s]

    def name(pc):
        i = bisect.bisect_right(addrs, pc) - 1
        return syms[i][1] if i >= 0 else "?"

    print(header)
    for fig, op, pc in wanted:
        lengths = counts.get(pc)
        if not lengths:
            print(f"\n## `{fig}`\n\nNo window of `{op}` in the trace.")
            continue
        goal = medians[fig] + loop
        best = min(lengths, key=lambda n: (abs(n - goal), -lengths[n]))
        w = examples[pc][best]
        print(f"\n## `{fig}`\n")
        print(f"One window of `{op}`: {best} instructions (the figure's median {medians[fig]} "
              f"plus the loop's {loop} is {goal}).\n")
        print("| instructions | function |\n|---:|---|")
        per = collections.OrderedDict()
        for a in w:
            per[name(a)] = per.get(name(a), 0) + 1
        for n, c in per.items():
            print(f"| {c} | `{n}` |")
        where = source_lines(sorted(set(w)))
        lines = collections.Counter(where.get(a, "?") for a in w)
        print(f"\nBy source line, the {TOP_LINES} that take most:\n")
        print("| instructions | line | source |\n|---:|---|---|")
        for loc, c in lines.most_common(TOP_LINES):
            text = line_text(loc).replace("|", "\\|")
            print(f"| {c} | `{short(loc)}` | `{text}` |")


main()
