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

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sendkeys  # noqa: E402  (the monitor helpers of the keyboard test)

qemu, timeout = sys.argv[1], float(sys.argv[2])
build = sys.argv[3] if len(sys.argv) > 3 else "build"
deadline = time.monotonic() + timeout
PROMPT = b"\n$ "

monitor = f"{build}/shell-monitor.sock"
if os.path.exists(monitor):
    os.unlink(monitor)
proc = subprocess.Popen(
    "exec " + qemu + f" -display none -serial stdio -monitor unix:{monitor},server,nowait"
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


# QEMU sendkey names for the characters the keyboard step types.
KEYS = {" ": "spc", "\n": "ret", "-": "minus"}


def type_on_keyboard(text):
    """Types text on the PS/2 keyboard through QEMU's monitor (ps2kbd -> console)."""
    end = time.monotonic() + 20
    with sendkeys.connect(monitor, end) as sock:
        sendkeys.read_prompt(sock, end)
        for ch in text:
            sock.sendall(b"sendkey %s 20\n" % KEYS.get(ch, ch).encode())
            sendkeys.read_prompt(sock, end)


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
        run("date", r"^20[2-9][0-9]-[01][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9]$")
        run("lspci", r"^00:00\.0 8086:1237 class 0600", r"^00:01\.1 8086:7010 class 0101")
        run("disk test", r"disk: 8064 sectors of 512 bytes",
            r"disk: wrote and read back sectors 64-71: checksum (0x[0-9a-f]+) / \1, 0 words differ: OK")
        run("ports", r"ps2kbd .*ports 0x0060-0x0060", r"ps2kbd .*ports 0x0064-0x0064",
            r"ata .*ports 0x01f0-0x01f7", r"ata .*ports 0x03f6-0x03f6", r"rtc .*ports 0x0070-0x0071",
            r"pci .*ports 0x0cf8-0x0cff", r"ata .*irq mask 0x4000")
        # The same shell, typed on the PS/2 keyboard instead of COM1.
        try:
            type_on_keyboard("date\n")
        except (sendkeys.Failed, OSError) as e:
            failures.append(f"keyboard: {e}")
        out = read_until(PROMPT, 20)
        ok = out is not None and re.search(r"date\n20[2-9][0-9]-", out)
        print(f"{'ok' if ok else 'not ok'} - date typed on the PS/2 keyboard")
        if not ok:
            failures.append(f"keyboard: no date after typing it\n{out}")
        # The console driver itself restarts; the shell's next output must still arrive.
        run("restart uart16550", r"restart: done")
        # ... and restarts under a stream of output: every line comes out once, in order.
        out = run("count 300 restart 25", r"count: 300 lines, console driver restarted 11 times")
        got = [int(x) for x in re.findall(r"^count (\d+) of 300$", out, re.M)]
        ok = got == list(range(1, 301))
        print(f"{'ok' if ok else 'not ok'} - 300 lines through 11 console restarts, none lost")
        if not ok:
            lost = sorted(set(range(1, 301)) - set(got))
            failures.append(f"count: {len(got)} lines, lost {lost[:20]}, order ok: {got == sorted(got)}")
        # A fault in the middle of a write: the half line shows twice, no line is lost.
        # Two faults: the manifest's restarts=3 would stop the driver after a fourth.
        out = run("count 60 crash 25", r"count: 60 lines, console driver crashed 2 times",
                  r"uart16550 faulted \(vector 14")
        got = [int(x) for x in re.findall(r"count (\d+) of 60$", out, re.M)]
        ok = got == list(range(1, 61))
        print(f"{'ok' if ok else 'not ok'} - 60 lines through 2 console faults, none lost")
        if not ok:
            failures.append(f"count crash: got {got}")
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
