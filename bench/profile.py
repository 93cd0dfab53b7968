#!/usr/bin/env python3
"""profile.py TRACE OP [--list] [--length N] [--elf ELF ...]

Where one benchmark operation's instructions go.  TRACE is a QEMU log of
every instruction (-singlestep -d exec,nochain, made by bench/profile.sh);
OP is the ring-3 function the harness calls once per iteration (op_call,
op_null_sysenter, op_in, op_yield ...).  Each execution of OP's first
instruction starts a window; the windows of the most common length are one
iteration each, and one of them is printed as instructions per function
(and, with --list, instruction by instruction); --length N picks the
windows of N instructions instead.  Symbols come from the
ELF files (the kernel and the user program by default).
"""
import bisect
import collections
import sys

from tracepcs import pcs, symbols


def main():
    args = sys.argv[1:]
    listing = "--list" in args
    args = [a for a in args if a != "--list"]
    want = None
    if "--length" in args:
        i = args.index("--length")
        want = int(args[i + 1])
        del args[i:i + 2]
    elfs = ["build/kernel.elf", "build/user/bench"]
    if "--elf" in args:
        i = args.index("--elf")
        elfs = args[i + 1:]
        args = args[:i]
    trace, op = args
    syms = sorted(s for e in elfs for s in symbols(e))
    addrs = [a for a, _ in syms]
    start = dict((n, a) for a, n in syms).get(op)
    if start is None:
        sys.exit(f"profile: no symbol {op}")

    def name(pc):
        i = bisect.bisect_right(addrs, pc) - 1
        return syms[i][1] if i >= 0 else "?"

    windows, cur = [], None
    for pc in pcs(trace):
        if pc == start:
            if cur is not None:
                windows.append(cur)
            cur = []
        if cur is not None:
            cur.append(pc)
    if not windows:
        sys.exit(f"profile: {op} never ran twice")
    lengths = collections.Counter(len(w) for w in windows)
    print(f"{op}: {len(windows)} windows; lengths (insns: count): " +
          ", ".join(f"{n}: {c}" for n, c in lengths.most_common(8)))
    for length in [want] if want else [n for n, _ in lengths.most_common(3)]:
        w = next((w for w in windows if len(w) == length), None)
        if w is None:
            sys.exit(f"profile: no window of {length} instructions")
        print(f"\none window of {length} instructions, per function in order of first use:")
        per = collections.OrderedDict()
        for pc in w:
            per[name(pc)] = per.get(name(pc), 0) + 1
        for n, c in per.items():
            print(f"  {c:6d}  {n}")
        if listing:
            for pc in w:
                print(f"    0x{pc:08x} {name(pc)}")
        listing = False


main()
