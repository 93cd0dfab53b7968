#!/usr/bin/env python3
"""run_shell.py - runs the README's `make run` on a terminal, as a person
would, and proves it reached the shell: it waits for the prompt on the
serial console, types `help` and `ports`, checks the answers, then quits
QEMU with Ctrl-A x.

    run_shell.py <transcript> <limit seconds> <command ...>

The command runs on a pseudo-terminal (QEMU's `-serial mon:stdio` wants
one).  The limit covers everything `make run` does first: installing
packages and building.  Exit status 0 only if both answers came.
"""
import os
import pty
import re
import select
import signal
import sys
import time

transcript, limit, argv = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
PROMPT = b"\n$ "
# What the shell answers (user/shell): help lists the commands, ports each
# driver's grant; the console driver's grant is COM1.
CHECKS = [("help", [r"^  ports", r"^  ps "]),
          ("ports", [r"uart16550\s.*ports 0x03f8-0x03ff", r"ata\s.*ports 0x01f0-0x01f7"])]

pid, fd = pty.fork()
if pid == 0:
    os.execvp(argv[0], argv)

seen = b""
deadline = time.monotonic() + limit


def read_until(marker, start):
    global seen
    while marker not in seen[start:]:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            return False
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # the child closed the terminal
            return False
        if not chunk:
            return False
        seen += chunk
    return True


def quiet(secs, most):
    """Reads until the console has been silent for secs (at most most seconds)."""
    global seen
    end = time.monotonic() + most
    while time.monotonic() < end:
        if not select.select([fd], [], [], secs)[0]:
            return True
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            return False
        if not chunk:
            return False
        seen += chunk
    return False


failures = []
quit_sent = False
t0 = time.monotonic()
if not read_until(PROMPT, 0):
    failures.append(f"no shell prompt within {limit:.0f} s")
else:
    print(f"run_shell: the shell's prompt after {time.monotonic() - t0:.0f} s", flush=True)
    # With two CPUs a driver's boot lines (pci's list) may still come after
    # the first prompt, into the middle of an answer, as a person would see
    # them: wait for them to end, as the shell test does (shelldrive.py).
    quiet(2, 30)
    for cmd, patterns in CHECKS:
        start = len(seen)
        os.write(fd, cmd.encode() + b"\r")
        if not read_until(PROMPT, start):
            failures.append(f"{cmd}: no prompt after it")
            break
        out = seen[start:].decode(errors="replace").replace("\r", "")
        missing = [p for p in patterns if not re.search(p, out, re.M)]
        if missing:
            failures.append(f"{cmd}: missing {missing}")
        print(f"run_shell: {cmd}: {'ok' if not missing else 'NOT OK'}", flush=True)
    os.write(fd, b"\x01x")  # QEMU's mux: Ctrl-A x quits
    quit_sent = True

# Give QEMU a moment to quit on Ctrl-A x, then make sure nothing is left.
end = time.monotonic() + 10
while time.monotonic() < end:
    if os.waitpid(pid, os.WNOHANG)[0] == pid:
        break
    try:
        if select.select([fd], [], [], 0.2)[0]:
            seen += os.read(fd, 4096)
    except OSError:
        pass
else:
    os.killpg(pid, signal.SIGKILL)  # pty.fork made the child a session leader
    os.waitpid(pid, 0)
    if quit_sent:
        failures.append("QEMU did not quit on Ctrl-A x")

with open(transcript, "wb") as f:
    f.write(seen)
for f in failures:
    print(f"run_shell: {f}", flush=True)
sys.exit(1 if failures else 0)
