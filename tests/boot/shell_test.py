#!/usr/bin/env python3
"""shell_test.py - boots the whole system (drivers.conf, the drivers, the
shell) in QEMU TCG, types shell commands on COM1 the way a user would,
checks each answer, and writes the session to build/shell-transcript.txt.

    shell_test.py "<QEMU_BASE command>" <timeout seconds> [build dir]

COM1 is QEMU's stdio; keys for the PS/2 keyboard go through QEMU's monitor.
The commands and checks are shelldrive.session(), shared with the Bochs
test (bochs_shell.py), then stranding() below: services, the shell and the
console stopped under the user.  Exit status 0 only if every check passed;
a failed check prints what the shell said instead.
"""
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sendkeys  # noqa: E402  (the monitor helpers of the keyboard test)
import shelldrive  # noqa: E402

qemu, timeout = sys.argv[1], float(sys.argv[2])
build = sys.argv[3] if len(sys.argv) > 3 else "build"

# QEMU's pc machine: host bridge, PIIX3 ISA and IDE, PIIX4 ACPI, std VGA, e1000.
LSPCI = [r"^00:00\.0 8086:1237 class 0600", r"^00:01\.0 8086:7000 class 0601",
         r"^00:01\.1 8086:7010 class 0101", r"^00:01\.3 8086:7113 class 0680",
         r"^00:02\.0 1234:1111 class 0300", r"^00:03\.0 8086:100e class 0200"]
# QEMU sendkey names for the characters the keyboard step types.
KEYS = {" ": "spc", "\n": "ret", "-": "minus"}

proc, monitor, type_on_com1 = shelldrive.boot_qemu(qemu, build, "shell")


def type_on_keyboard(text):
    """Types text on the PS/2 keyboard through QEMU's monitor (ps2kbd -> console)."""
    end = time.monotonic() + 20
    with sendkeys.connect(monitor, end) as sock:
        sendkeys.read_prompt(sock, end)
        for ch in text:
            sock.sendall(b"sendkey %s 20\n" % KEYS.get(ch, ch).encode())
            sendkeys.read_prompt(sock, end)


def tids(sh):
    """name -> tid, from ps."""
    out = sh.run("ps", r"shell$")
    return {name: tid for tid, name in re.findall(r"^\s*(\d+)\s+\d+\s+\S+\s+\d+\s+\d+\s+\d+\s+(\S+)", out, re.M)}


def stranding(sh):
    """Nothing strands the user (a killed service failing calls at once is
    shelldrive's stopped_service): the shell may not kill the console, a killed
    shell comes back, and a console left stopped by its supervisor is said so on
    COM1 and replaced, with a new shell."""
    t = tids(sh)
    if not sh.check(all(k in t for k in ("uart16550", "shell")), "ps names uart16550, shell", t):
        return
    sh.run(f"kill {t['uart16550']}", r"uart16550 is the console: not killing it", r"^kill: not permitted$")
    # The shell kills itself: its answer never comes, a new shell does.
    sh.send(f"kill {t['shell']}\r".encode())
    out = sh.read_until(b"Portcullis shell: type help", 20)
    sh.check(out is not None and "init: shell ended: starting a new one" in out, "a killed shell comes back", out)
    sh.read_until(shelldrive.PROMPT, 10)
    now = tids(sh)
    sh.check(now.get("shell") not in (None, t["shell"]), "the new shell has a new tid", now)
    # Five faults, restarts=3: init leaves the console stopped; the kernel says why on
    # COM1, and init starts a new console and a new shell, whose prompt ends this.
    sh.run("count 12 crash 2", r"uart16550 failed 4 times in a row: left stopped",
           r"FAULT task=uart16550 .* action=killed",
           r"log: uart16550, which printed the kernel log on COM1, has gone: COM1 is the kernel's again",
           r"init: the console \(uart16550\) has gone: starting a new one, and a new shell",
           r"Portcullis shell: type help", limit=40)
    sh.run("lspci", *LSPCI)
    after = tids(sh)
    sh.check(after.get("uart16550") not in (None, t["uart16550"]), "a new console, with a new tid", after)
    try:
        type_on_keyboard("ps\n")
        out = sh.read_until(shelldrive.PROMPT, 20)
    except Exception as e:  # noqa: BLE001
        out = f"cannot type: {e}"
    sh.check(out is not None and re.search(r"uart16550", out), "the keyboard reaches the new console", out)


sh = shelldrive.Session(proc.stdout.fileno(), type_on_com1, time.monotonic() + timeout)
try:
    shelldrive.session(sh, LSPCI, type_on_keyboard, rtc_utc=True)
    stranding(sh)
finally:
    proc.kill()
    proc.wait()
sys.exit(sh.finish(f"{build}/shell-transcript.txt", "shell test (QEMU TCG)"))
