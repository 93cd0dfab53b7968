#!/usr/bin/env python3
"""fuzz_run.py - boots the fuzz configuration under QEMU TCG and judges it.

    fuzz_run.py --qemu "QEMU COMMAND" --seed S --calls N [--tasks W]
                [--ku 1,2,...] [--hang SECS] [--timeout SECS] [--icount]
                [--name NAME] [--build DIR]

The kernel is booted with `fuzz seed=S calls=N tasks=W ku=...`: init starts
the fuzzer (user/fuzz), the kernel keeps the last system calls and checks
its invariants (kernel/debug/invariants.c).  This script follows the serial log
and ends the run with one verdict (docs/fuzz.md):

  passed     the fuzzer made N calls and the machine powered off cleanly
  PANIC      the kernel panicked (QEMU exit status 255, code 0x7f)
  INVARIANT  the invariant checker found a violation (253, code 0x7e)
  HANG       no progress line for --hang seconds: the script asks QEMU's
             monitor for the registers and reads the kernel's ring of
             the last system calls (`sysring` in build/kernel.sym)
  FAILED     anything else (the fuzzer's own FUZZ FAIL lines, a timeout)

Every verdict prints the seed and the command that replays the run, the
kernel's report (the last system calls included) when there is one, and
the calls counted by system call and by result.  Exit status 0 only for
"passed".  Verdicts come from QEMU's exit status and the fuzzer's
progress, not from text alone: a worker's stray write() can print any
string the fuzzer's image contains.
"""
import argparse
import os
import re
import shlex
import socket
import struct
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def abi_names():
    """System call and error names from the one list each (abi/)."""
    with open(os.path.join(ROOT, "abi/syscalls.h")) as f:
        calls = re.findall(r"^\s*X\((\w+),", f.read(), re.M)
    with open(os.path.join(ROOT, "abi/errno.h")) as f:
        errs = re.findall(r"^\s*X\((E_\w+),", f.read(), re.M)
    return calls, errs


def symbol(build, name):
    try:
        with open(os.path.join(build, "kernel.sym")) as f:
            for line in f:
                parts = line.split()
                if len(parts) == 3 and parts[2] == name:
                    return int(parts[0], 16)
    except OSError:
        pass
    return None


class Monitor:
    """QEMU's human monitor on a unix socket: one command, its text."""

    def __init__(self, path):
        self.s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.s.settimeout(5)
        self.s.connect(path)
        self._read_until_prompt()

    def _read_until_prompt(self):
        buf = b""
        while not buf.endswith(b"(qemu) "):
            chunk = self.s.recv(65536)
            if not chunk:
                break
            buf += chunk
        return buf.decode(errors="replace")

    def cmd(self, text):
        self.s.sendall(text.encode() + b"\n")
        out = self._read_until_prompt()
        out = re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", out).replace("\r", "")
        lines = out.split("\n")
        return "\n".join(l for l in lines[1:] if not l.startswith("(qemu)"))


def read_words(mon, addr, n):
    words = []
    out = mon.cmd("xp /%dwx 0x%x" % (n, addr))
    for line in out.splitlines():
        m = re.match(r"\s*[0-9a-fA-F]+:\s*(.*)", line)
        if m:
            words += [int(w, 16) for w in m.group(1).split()]
    return words[:n]


def hang_report(mon_path, build, calls):
    """What the machine was doing: registers and the kernel's last calls."""
    out = []
    try:
        mon = Monitor(mon_path)
    except OSError as e:
        return ["(cannot reach the QEMU monitor: %s)" % e]
    mon.cmd("stop")
    regs = mon.cmd("info registers")
    out.append("registers (QEMU monitor):")
    out += ["  " + l for l in regs.splitlines() if re.match(r"\s*(EAX|ESI|EIP|ES |CS |SS |CR0)", l)]
    ring, seq = symbol(build, "sysring"), symbol(build, "sysring_seq")
    if ring is None or seq is None:
        out.append("(no sysring symbol in %s/kernel.sym)" % build)
        return out
    nseq = read_words(mon, seq, 1)
    size, fields = 32, 8
    words = read_words(mon, ring, size * fields)
    entries = [words[i * fields:(i + 1) * fields] for i in range(size)]
    entries = sorted((e for e in entries if len(e) == fields and e[0]), key=lambda e: e[0])
    out.append("last system calls (kernel ring, %s in all):" % (nseq[0] if nseq else "?"))
    for e in entries:
        seqno, tid, nr, a0, a1, a2, a3, eip = e
        name = calls[nr] if nr < len(calls) else "?"
        out.append("  #%u tid=%d eip=0x%08x %s(0x%x, 0x%x, 0x%x, 0x%x)" %
                   (seqno, struct.unpack("<i", struct.pack("<I", tid))[0], eip, name, a0, a1, a2, a3))
    return out


def tally(text, calls, errs):
    """Adds up the FZC lines; a stray write() without a newline may precede one."""
    per_call, per_err, total = {}, {}, 0
    for m in re.finditer(r"FZC \S+((?: \d+\.\d+=\d+)+)", text):
        for n, e, v in re.findall(r" (\d+)\.(\d+)=(\d+)", m.group(1)):
            n, e, v = int(n), int(e), int(v)
            cname = calls[n] if n < len(calls) else "(no such call)"
            ename = errs[e] if e < len(errs) else "(other)"
            if e == 0:
                ename = "ok"
            per_call.setdefault(cname, {})
            per_call[cname][ename] = per_call[cname].get(ename, 0) + v
            per_err[ename] = per_err.get(ename, 0) + v
            total += v
    return per_call, per_err, total


def print_table(per_call, per_err, total):
    print("calls by system call and result (all tasks, as counted in ring 3):")
    for cname in sorted(per_call, key=lambda c: -sum(per_call[c].values())):
        res = per_call[cname]
        detail = " ".join("%s=%d" % (k, v) for k, v in sorted(res.items(), key=lambda kv: -kv[1]))
        print("  %-16s %10d  %s" % (cname, sum(res.values()), detail))
    print("calls by result:")
    for ename, v in sorted(per_err.items(), key=lambda kv: -kv[1]):
        print("  %-16s %10d" % (ename, v))
    print("calls in all: %d" % total)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--qemu", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--calls", type=int, default=100000)
    ap.add_argument("--tasks", type=int, default=4)
    ap.add_argument("--ku", default="")
    ap.add_argument("--hang", type=float, default=60)
    ap.add_argument("--timeout", type=float, default=0, help="0: no limit")
    ap.add_argument("--icount", action="store_true", help="deterministic: -icount shift=0")
    ap.add_argument("--extra", default="", help="more kernel arguments (invariants=N)")
    ap.add_argument("--name", default="fuzz")
    ap.add_argument("--build", default="build")
    ap.add_argument("--table", action="store_true", help="print the per-call table when passed")
    args = ap.parse_args()

    calls, errs = abi_names()
    log = os.path.join(args.build, args.name + ".log")
    e9 = os.path.join(args.build, args.name + "-debugcon.log")
    mon = os.path.join(args.build, args.name + ".mon")
    for p in (log, e9, mon):
        if os.path.exists(p):
            os.unlink(p)
    cmdline = "fuzz seed=%d calls=%d tasks=%d" % (args.seed, args.calls, args.tasks)
    if args.ku:
        cmdline += " ku=" + args.ku
    if args.extra:
        cmdline += " " + args.extra
    # The disk is not the fuzzer's: without it, several runs (and the other
    # tests) can go on at once; QEMU locks an image against a second user.
    base = shlex.split(args.qemu)
    while "-drive" in base:
        i = base.index("-drive")
        del base[i:i + 2]
    qemu = base + [
        "-accel", "tcg", "-append", cmdline, "-display", "none",
        "-serial", "file:" + log, "-debugcon", "file:" + e9,
        "-monitor", "unix:%s,server=on,wait=off" % mon]
    if args.icount:
        qemu += ["-icount", "shift=0,sleep=off"]
    replay = "make fuzz SEED=%d CALLS=%d TASKS=%d KNOWN_UNFIXED=\"%s\"%s" % (
        args.seed, args.calls, args.tasks, args.ku.replace(",", " "),
        " ICOUNT=1" if args.icount else "")
    print("fuzz: seed %d, %d calls, %d workers, left out: %s%s" % (
        args.seed, args.calls, args.tasks, args.ku or "nothing",
        ", deterministic (icount)" if args.icount else ""))
    sys.stdout.flush()
    start = time.time()
    proc = subprocess.Popen(qemu, stdin=subprocess.DEVNULL)

    text, pos, last_progress, progress = "", 0, time.time(), ""
    verdict, extra = None, []
    while True:
        rc = proc.poll()
        try:
            with open(log, "rb") as f:
                f.seek(pos)
                new = f.read()
                pos += len(new)
                text += new.decode("latin-1")
        except OSError:
            pass
        for m in re.finditer(r"FUZZ progress t=\d+\.\d+s calls=\d+[^\n]*", text[-20000:]):
            if m.group(0) != progress:
                progress, last_progress = m.group(0), time.time()
        if rc is not None:
            break
        now = time.time()
        if now - last_progress > args.hang:
            verdict = "HANG"
            extra = ["no progress line for %.0f s (last: %s)" % (now - last_progress, progress or "none")]
            extra += hang_report(mon, args.build, calls)
            proc.kill()
            proc.wait()
            break
        if args.timeout and now - start > args.timeout:
            verdict = "FAILED"
            extra = ["timed out after %.0f s (last: %s)" % (now - start, progress or "none")]
            proc.kill()
            proc.wait()
            break
        time.sleep(0.5)
    elapsed = time.time() - start
    rc = proc.returncode

    lines = text.split("\n")
    done = re.search(r"FUZZ done seed=(\d+) calls=(\d+)[^\n]*", text)
    if verdict is None:
        if rc == 255:
            verdict = "PANIC"
        elif rc == 253:
            verdict = "INVARIANT"
        elif rc == 1 and done:
            verdict = "passed"
        else:
            verdict = "FAILED"
            extra = ["QEMU exit status %d (guest code %d)" % (rc, (rc - 1) // 2 if rc > 0 else -1)]
            extra += [l for l in lines if re.search(r"FUZZ FAIL \S+: .*\d", l)][:5]
    report = []
    for i, l in enumerate(lines):
        if re.search(r"\*\*\* (PANIC|INVARIANT VIOLATED):", l):
            for r in lines[i:i + 60]:
                report.append(r)
                if re.match(r"(KERNEL PANIC|INVARIANT CHECK FAILED): system halted", r):
                    break
            break
    per_call, per_err, total = tally(text, calls, errs)

    print("fuzz: %s after %.1f s: %s" % (verdict, elapsed, progress or "no progress line"))
    for l in extra + report:
        print("  " + l if not l.startswith("  ") else l)
    if done:
        print(done.group(0).strip())
    inv = re.search(r"invariants: \d+ checks over \d+ system calls, 0 violations", text)
    if inv:
        print(inv.group(0))
    if verdict != "passed" or args.table:
        print_table(per_call, per_err, total)
    else:
        print("calls counted in ring 3: %d (%.0f per second)" % (total, total / max(elapsed, 0.1)))
    print("logs: %s, %s" % (log, e9))
    if verdict != "passed":
        print("replay: " + replay)
    print("fuzz (QEMU TCG, seed %d): %s" % (args.seed, verdict))
    return 0 if verdict == "passed" else 1


if __name__ == "__main__":
    sys.exit(main())
