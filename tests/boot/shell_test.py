#!/usr/bin/env python3
"""shell_test.py - boots the whole system (drivers.conf, the drivers, the
shell) in QEMU TCG, types shell commands on COM1 the way a user would,
checks each answer, and writes the session to build/shell-transcript.txt.

    shell_test.py "<QEMU_BASE command>" <timeout seconds> [build dir]

Each step waits for the shell's prompt before typing, so nothing depends
on timing except the overall timeout.  Exit status 0 only if every check
passed; a failed check prints what the shell said instead.
"""
import os
import re
import select
import subprocess
import sys
import time

qemu, timeout = sys.argv[1], float(sys.argv[2])
build = sys.argv[3] if len(sys.argv) > 3 else "build"
deadline = time.monotonic() + timeout
PROMPT = b"\n$ "

proc = subprocess.Popen(
    qemu + " -display none -serial stdio -monitor none"
    f" -debugcon file:{build}/shell-debugcon.log",
    shell=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
seen = b""
failures = []


def read_until(marker, limit):
    """Reads COM1 until marker appears after the current end; returns the new text."""
    global seen
    start = len(seen)
    end = min(deadline, time.monotonic() + limit)
    while marker not in seen[start:]:
        left = end - time.monotonic()
        if left <= 0:
            return None
        ready, _, _ = select.select([proc.stdout], [], [], left)
        if ready:
            chunk = os.read(proc.stdout.fileno(), 4096)
            if not chunk:
                return None
            seen += chunk
    return seen[start:].decode(errors="replace").replace("\r", "")


def run(command, *patterns, limit=30):
    """Types command, waits for the next prompt, checks every pattern (regexes)."""
    proc.stdin.write(command.encode() + b"\r")
    proc.stdin.flush()
    out = read_until(PROMPT, limit)
    if out is None:
        failures.append(f"{command!r}: no prompt within {limit} s")
        print(f"not ok - {command}: no prompt")
        return ""
    missing = [p for p in patterns if not re.search(p, out, re.M)]
    if missing:
        failures.append(f"{command!r}: missing {missing}\n{out}")
    print(f"{'not ok' if missing else 'ok'} - {command}")
    return out


def main():
    if read_until(PROMPT, 60) is None:
        failures.append("no first prompt")
    else:
        run("help", r"^  ps ", r"^  restart ", r"^  rogue ")
        run("ps", r"uart16550", r"shell$", r"^\s+1\s+0 ")
        run("ports", r"uart16550 .*ports 0x03f8-0x03ff", r"uart16550 .*irq mask 0x0010",
            r"init .*ports 0x0000-0xffff")
        run("caps 1", r"IoPorts 0x0000-0xffff", r"Iopl", r"KLog")
        run("bogus", r"bogus: unknown command")
        # The console driver itself restarts; the shell's next output must still arrive.
        run("restart uart16550", r"restart: done")
        run("ps", r"uart16550", r"shell$")
        run("rogue", r"rogue: done")
        out = read_until(b"left stopped", 30) or ""
        for expect in (r"IOFAULT task=rogue .* op=in port=0x02f7 width=1 .*action=restarted",
                       r"IOFAULT task=rogue .* op=cli port=- width=- .*action="):
            if not re.search(expect, seen.decode(errors="replace")):
                failures.append(f"rogue: no line like {expect}\n{out}")
        print(f"{'ok' if 'left stopped' in out else 'not ok'} - rogue trapped and stopped")
        if "left stopped" not in out:
            failures.append("rogue was not left stopped")
        run("ps", r"uart16550", r"shell$")
    proc.kill()
    proc.wait()
    with open(f"{build}/shell-transcript.txt", "wb") as f:
        f.write(seen.replace(b"\r", b""))
    for f in failures:
        print("FAIL:", f)
    print(f"shell test (QEMU TCG): {'FAILED' if failures else 'passed'}"
          f" (transcript: {build}/shell-transcript.txt)")
    return 1 if failures else 0


sys.exit(main())
