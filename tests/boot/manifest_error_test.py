#!/usr/bin/env python3
"""manifest_error_test.py - boots the system with a broken drivers.conf in
QEMU TCG: init must report the error with its line and column, and still
bring up the console and the shell (its fallback manifest), where the
error is on the screen and the shell answers.  Issue 11: it booted the old
demo instead, with no shell.

    manifest_error_test.py "<QEMU_BASE command>" <timeout seconds> [build dir]
"""
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import shelldrive  # noqa: E402

qemu, timeout = sys.argv[1], float(sys.argv[2])
build = sys.argv[3] if len(sys.argv) > 3 else "build"

# The tree's drivers.conf with one mistake on the rtc line (a key that does not exist).
conf_dir = f"{build}/badconf"
os.makedirs(conf_dir, exist_ok=True)
with open("drivers.conf") as f:
    lines = f.read().splitlines()
line = next(i for i, l in enumerate(lines) if l.startswith("rtc "))
col = len(lines[line]) + 2
lines[line] += " colour=blue"
with open(f"{conf_dir}/drivers.conf", "w") as f:
    f.write("\n".join(lines) + "\n")
qemu = qemu.replace(",drivers.conf", f",{conf_dir}/drivers.conf")

proc = subprocess.Popen("exec " + qemu + f" -display none -serial stdio -debugcon file:{build}/badconf-debugcon.log",
                        shell=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE)


def type_on_com1(data):
    proc.stdin.write(data)
    proc.stdin.flush()


sh = shelldrive.Session(proc.stdout.fileno(), type_on_com1, time.monotonic() + timeout)
try:
    if sh.check(sh.read_until(shelldrive.PROMPT, 60) is not None, "a shell prompt", "none within 60 s"):
        # init reports after it has started the shell, so under load the
        # prompt can come first: wait for the report before reading it.
        said = b"drivers.conf is broken: started only the console and the shell"
        if said not in sh.seen:
            sh.read_until(said, 30)
        where = f"init: drivers.conf:{line + 1}:{col}: "
        sh.check(where in sh.text(), f"the error, at line {line + 1} column {col}", sh.text()[-2000:])
        sh.check("drivers.conf is broken: started only the console and the shell" in sh.text(),
                 "what runs instead is said", sh.text()[-2000:])
        out = sh.run("ps", r"uart16550$", r"shell$")
        sh.check("rtc" not in out and "demo" not in sh.text(), "only the console and the shell run", out)
        sh.run("date", r"date: rtc: ")
        sh.run("help", r"^  ps ")
finally:
    proc.kill()
    proc.wait()
sys.exit(sh.finish(f"{build}/badconf-transcript.txt", "broken drivers.conf (QEMU TCG)"))
