#!/usr/bin/env python3
"""shell_test.py - boots the whole system (drivers.conf, the drivers, the
shell) in QEMU TCG, types shell commands on COM1 the way a user would,
checks each answer, and writes the session to build/shell-transcript.txt.

    shell_test.py "<QEMU_BASE command>" <timeout seconds> [build dir]

COM1 is QEMU's stdio; keys for the PS/2 keyboard go through QEMU's monitor.
The commands and checks are shelldrive.session(), shared with the Bochs
test (bochs_shell.py).  Exit status 0 only if every check passed; a failed
check prints what the shell said instead.
"""
import os
import subprocess
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

monitor = f"{build}/shell-monitor.sock"
if os.path.exists(monitor):
    os.unlink(monitor)
proc = subprocess.Popen(
    "exec " + qemu + f" -display none -serial stdio -monitor unix:{monitor},server,nowait"
    f" -debugcon file:{build}/shell-debugcon.log",
    shell=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE)


def type_on_com1(data):
    proc.stdin.write(data)
    proc.stdin.flush()


def type_on_keyboard(text):
    """Types text on the PS/2 keyboard through QEMU's monitor (ps2kbd -> console)."""
    end = time.monotonic() + 20
    with sendkeys.connect(monitor, end) as sock:
        sendkeys.read_prompt(sock, end)
        for ch in text:
            sock.sendall(b"sendkey %s 20\n" % KEYS.get(ch, ch).encode())
            sendkeys.read_prompt(sock, end)


sh = shelldrive.Session(proc.stdout.fileno(), type_on_com1, time.monotonic() + timeout)
try:
    shelldrive.session(sh, LSPCI, type_on_keyboard, rtc_utc=True)
finally:
    proc.kill()
    proc.wait()
sys.exit(sh.finish(f"{build}/shell-transcript.txt", "shell test (QEMU TCG)"))
