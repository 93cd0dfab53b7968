#!/usr/bin/env python3
"""bochs_shell.py - the whole system (GRUB entry `system`) in Bochs, with
COM1 on a TCP socket that this script holds.

    bochs_shell.py test --iso ISO [--timeout S] [--cpus N] [--quantum Q]
                                                   (make test-bochs-shell)
        Types the shell commands of shelldrive.session() on COM1, and one on
        the PS/2 keyboard; prints a line per check (among them: the kernel
        started N CPUs), writes the session to
        build/bochs-shell-transcript.txt and exits 1 on any missing answer
        or after S seconds (default 120).
    bochs_shell.py run --iso ISO [--timeout S] [--cpus N] [--quantum Q]
                                                   (make bochs)
        COM1 on this terminal until Ctrl-C, Ctrl-A x, the guest powering off
        or S seconds (default 0: no limit); also logged to build/bochs-com1.log.

How (docs/bochs.md): this script listens on 127.0.0.1 at a port the kernel
picks, and Bochs connects to it (`com1: mode=socket-client`) while it sets
up its devices, before the BIOS runs, so no output is lost.  Debian's
Bochs 2.7 has its debugger built in, so its `term` display opens a pty of
its own for the VGA screen and names it ("Bochs connected to screen
/dev/pts/N"): what is written to that pty reaches the PS/2 keyboard.
Bochs runs as in the other Bochs scripts: under `script` (a terminal
session of its own, stdin /dev/null), `timeout -s KILL` as a backstop, and
a debugger rc file that says `c`; it ignores SIGTERM, so it is SIGKILLed by
its own pid, which an inner sh records.  `script` dies with this script
(PR_SET_PDEATHSIG), so even a SIGKILLed run takes Bochs with it: the pty
hangs up, and Bochs exits on the SIGHUP (or timeout kills it 2 s later).
--cpus and --quantum become a `cpu: count=N, quantum=Q` option after the
bochsrc, which overrides only those two settings (default: the bochsrc's).
Environment: BOCHS (bochs), BOCHSRC (bochsrc), BUILD (build).
"""
import argparse
import ctypes
import os
import re
import select
import shlex
import signal
import socket
import subprocess
import sys
import termios
import time
import tty

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import shelldrive  # noqa: E402
import vt  # noqa: E402

BOCHS = os.environ.get("BOCHS", "bochs")
BOCHSRC = os.environ.get("BOCHSRC", "bochsrc")
BUILD = os.environ.get("BUILD", "build")
# Bochs' i440FX: host bridge, PIIX3 ISA, IDE and USB, PIIX4 ACPI; its VGA is not on PCI.
LSPCI = [r"^00:00\.0 8086:1237 class 0600", r"^00:01\.0 8086:7000 class 0601",
         r"^00:01\.1 8086:7010 class 0101", r"^00:01\.2 8086:7020 class 0c03",
         r"^00:01\.3 8086:7113 class 0680"]
# Seconds between keys on the screen pty: keys that wait there together reach
# Bochs together, and it queues at most 16 scan-code bytes (2 a key, 4 for
# Enter, 6 with Shift); `disk test` and Enter written at once lost the last two.
KEY_GAP = 0.1


def say(msg):
    print(f"bochs: {msg}", flush=True)


def alive(pid):
    """Running, and not a zombie waiting to be reaped."""
    try:
        with open(f"/proc/{pid}/status") as f:
            return not re.search(r"^State:\s*Z", f.read(), re.M)
    except OSError:
        return False


def die_with_parent():
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


class Bochs:
    """One Bochs run; files are named BUILD/bochs<tag>.{rc,pid} and the console log."""

    def __init__(self, iso, tag, limit, opts, console):
        self.pidfile = f"{BUILD}/bochs{tag}.pid"
        self.known_pid = None
        self.console = console
        rc = f"{BUILD}/bochs{tag}.rc"
        with open(rc, "w") as f:
            f.write("c\n")
        for stale in (self.pidfile, console):
            if os.path.exists(stale):
                os.unlink(stale)
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        opts = [f"ata1-master: type=cdrom, path={iso}, status=inserted",
                f"com1: enabled=1, mode=socket-client, dev=127.0.0.1:{listener.getsockname()[1]}"] + opts
        bochs = " ".join(shlex.quote(w) for w in [BOCHS, "-q", "-unlock", "-f", BOCHSRC, "-rc", rc] + opts)
        inner = (f"exec timeout -s KILL -k 2 {limit} sh -c 'echo $$ > \"$0\"; exec \"$@\"' "
                 f"{shlex.quote(self.pidfile)} {bochs}")
        self.start = time.monotonic()
        with open(console, "wb") as out:
            self.script = subprocess.Popen(
                ["script", "-qfec", inner, "/dev/null"], stdin=subprocess.DEVNULL, stdout=out,
                stderr=subprocess.STDOUT,
                # The VGA's 25 rows on the screen pty: with xterm's 24, the bottom row (the prompt) is not drawn.
                env=dict(os.environ, TERM="xterm", SHELL="/bin/sh", LINES="25", COLUMNS="80"),
                preexec_fn=die_with_parent)
        self.com1 = self.accept(listener)
        listener.close()

    def accept(self, listener):
        """COM1's connection, once Bochs has started (within 20 s); None if it did not."""
        end = time.monotonic() + 20
        while time.monotonic() < end and self.script.poll() is None:
            if select.select([listener], [], [], 0.1)[0]:
                return listener.accept()[0]
        return None

    def pid(self):
        """Bochs' pid, once the inner sh has written it (kept: stop() removes the file)."""
        if not self.known_pid:
            try:
                with open(self.pidfile) as f:
                    self.known_pid = int(f.read())
            except (OSError, ValueError):
                return None
        return self.known_pid

    def screen(self):
        """The pty of Bochs' term display (the VGA screen, the PS/2 keyboard)."""
        end = time.monotonic() + 10
        while True:
            with open(self.console, "rb") as f:
                m = re.search(rb'Bochs connected to screen "([^"]+)"', f.read())
            if m or time.monotonic() > end:
                return m and m.group(1).decode()
            time.sleep(0.1)

    def stop(self):
        """SIGKILLs Bochs by pid, reaps `script`; returns Bochs' pid if it is still alive."""
        for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(s, signal.SIG_IGN)
        pid = self.pid()
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                if b"bochs" in f.read():
                    os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
        try:
            self.script.wait(5)
        except subprocess.TimeoutExpired:   # only now: killed first, it would orphan Bochs
            self.script.kill()
            self.script.wait()
        if self.com1:
            self.com1.close()
        self.elapsed = time.monotonic() - self.start
        if pid and alive(pid):
            return pid
        if os.path.exists(self.pidfile):
            os.unlink(self.pidfile)
        return None


class Screen:
    """The pty of Bochs' term display.  What is written to it is typed on the
    PS/2 keyboard; what is read from it is the curses drawing of the VGA
    screen (BIOS, GRUB), which waits there until someone reads it."""

    def __init__(self, bochs):
        self.bochs, self.fd, self.drawn = bochs, None, b""

    def open(self):
        if self.fd is None:
            path = self.bochs.screen()
            if not path:
                raise OSError(f"no \"Bochs connected to screen\" line in {self.bochs.console}")
            self.fd = os.open(path, os.O_RDWR | os.O_NOCTTY | os.O_NONBLOCK)
            # No output processing, so "\n" reaches Bochs as it is; TCSANOW, as
            # the default TCSAFLUSH would throw away what is drawn so far.
            tty.setraw(self.fd, termios.TCSANOW)
        return self.fd

    def type(self, text):
        for ch in text.encode():
            os.write(self.open(), bytes([ch]))
            time.sleep(KEY_GAP)

    def read(self):
        """All drawn so far; call it while Bochs still runs."""
        try:
            while True:
                self.drawn += os.read(self.open(), 65536)
        except OSError:             # EAGAIN: nothing more for now
            return self.drawn


def on_signal(signo, frame):
    raise SystemExit(128 + signo)


def failure_logs(log, console, screen):
    """Bochs' error and panic lines, the end of its terminal and of its VGA screen
    (curses codes removed: GRUB's complaints show there)."""
    for title, path, pick in ((f"Bochs errors and panics in {log}", log, r"^\d+[ep]\["),
                              (f"last 20 lines of {console}", console, r""),
                              (f"last 20 lines of {screen}", screen, r"")):
        print(f"---- {title} ----")
        try:
            with open(path, "rb") as f:
                text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", f.read().decode(errors="replace").replace("\r", ""))
            print("\n".join([l for l in text.splitlines() if re.match(pick, l)][-20:]))
        except OSError as e:
            print(e)


def screen_check(sh, screen, limit=20):
    """drivers/vga mirrors the console on the VGA screen: the screen Bochs drew on
    its pty (read back through a model of the terminal, vt.py) must end with
    COM1's last 12 lines, the shell's last command (`ps`) and its output among
    them, the prompt last and the cursor after it.  Bochs redraws a few times a
    second: wait for it."""
    end = time.monotonic() + limit
    while True:
        model = vt.Screen(25, 80)
        model.feed(screen.read())
        rows = model.text()
        last = max((i for i, r in enumerate(rows) if r), default=-1)
        com1 = shelldrive.screen_rows(sh.text())[-12:]
        found = {"the last 12 lines are COM1's": shelldrive.screen_tail(rows, 12) == com1,
                 "the command": any(r in ("$ ps", "ps") for r in rows),
                 "its output": any(r.endswith(" shell") for r in rows),
                 "the prompt last": last >= 0 and rows[last] == "$",
                 "the cursor after it": (model.y, model.x) == (last, 2)}
        if all(found.values()) or time.monotonic() > end:
            break
        time.sleep(0.5)
    shown = "\n".join(f"|{r}" for r in rows)
    com1 = "\n".join(f"|{r}" for r in com1)
    for what, ok in found.items():
        sh.check(ok, f"VGA screen (Bochs): {what}",
                 f"cursor at row {model.y} col {model.x}\n{shown}\nCOM1 ends:\n{com1}")


def cpu_option(cpus, quantum):
    """The `cpu:` line that overrides the bochsrc's count and quantum (none: keep them)."""
    words = [f"{k}={v}" for k, v in (("count", cpus), ("quantum", quantum)) if v]
    return [f"cpu: {', '.join(words)}"] if words else []


def smp_check(sh, cpus):
    """The kernel's bring-up lines on COM1: every AP up, all CPUs scheduling."""
    if not cpus:
        return
    text = sh.text()
    for k in range(1, cpus):
        sh.check(re.search(rf"^smp: cpu{k} up, LAPIC id \d+$", text, re.M),
                 f"boot: smp: cpu{k} up", "\n".join(re.findall(r"^smp: .*", text, re.M)))
    sh.check(re.search(rf"^smp: {cpus} CPUs schedule tasks$", text, re.M),
             f"boot: smp: {cpus} CPUs schedule tasks", "\n".join(re.findall(r"^smp: .*", text, re.M)))


def test(iso, timeout, cpus, quantum):
    log, console = f"{BUILD}/bochs-shell.log", f"{BUILD}/bochs-shell-console.log"
    shot = f"{BUILD}/bochs-shell-screen.log"
    for old in (log, shot):
        if os.path.exists(old):
            os.unlink(old)
    bochs = Bochs(iso, "-shell", timeout + 5, [f"log: {log}"] + cpu_option(cpus, quantum), console)
    screen = Screen(bochs)
    sh = shelldrive.Session(bochs.com1.fileno() if bochs.com1 else None,
                            bochs.com1 and bochs.com1.sendall, bochs.start + timeout)
    try:
        if sh.check(bochs.com1, "Bochs started and connected COM1"):
            shelldrive.session(sh, LSPCI, screen.type, rtc_utc=False, full=False)
            smp_check(sh, cpus)
            screen_check(sh, screen)
            with open(shot, "wb") as f:
                f.write(screen.read())
    finally:
        left = bochs.stop()
    sh.check(left is None, f"no Bochs process left (Bochs was pid {bochs.pid()})", f"pid {left} still running")
    status = sh.finish(f"{BUILD}/bochs-shell-transcript.txt", f"shell test (Bochs, {bochs.elapsed:.1f} s)")
    if status:
        failure_logs(log, console, shot)
    return status


def bridge(bochs, timeout):
    """Copies COM1 to stdout (and bochs-com1.log) and stdin to COM1; returns why it ended."""
    inputs = [bochs.com1, 0]
    held = b""      # a Ctrl-A that ended a read: its x may come in the next
    with open(f"{BUILD}/bochs-com1.log", "wb") as log:
        while True:
            rest = bochs.start + timeout - time.monotonic() if timeout else None
            if rest is not None and rest <= 0:
                return f"stopped after {timeout} s"
            for r in select.select(inputs, [], [], rest)[0]:
                data = os.read(r if r == 0 else r.fileno(), 4096)
                if r != 0:
                    if not data:
                        return "Bochs exited (the guest powered off, or Bochs failed)"
                    os.write(1, data)
                    log.write(data)
                    log.flush()
                elif not data:
                    inputs.remove(0)    # stdin at its end (< /dev/null): output only
                else:
                    data = held + data
                    quit = re.search(rb"\x01[xX]", data)
                    if quit:
                        bochs.com1.sendall(data[:quit.start()])
                        return "stopped (Ctrl-A x)"
                    held = b"\x01" if data.endswith(b"\x01") else b""
                    bochs.com1.sendall(data[:len(data) - len(held)])


def run(iso, timeout, cpus, quantum):
    console = f"{BUILD}/bochs-console.log"
    bochs = Bochs(iso, "", timeout + 5 if timeout else 0, cpu_option(cpus, quantum), console)
    saved = termios.tcgetattr(0) if sys.stdin.isatty() else None
    status = 0
    try:
        if not bochs.com1:
            why, status = f"Bochs did not start or never connected COM1 (see {console}, {BUILD}/bochs.log)", 1
        else:
            say(f"booting {iso} (pid {bochs.pid()}); COM1 is this terminal, also in {BUILD}/bochs-com1.log")
            say("Ctrl-C or Ctrl-A x ends Bochs" + (f", or {timeout} s" if timeout else "")
                + f"; the VGA screen and the PS/2 keyboard are on {bochs.screen()}")
            if saved:
                tty.setcbreak(0)   # keys go as typed (Ctrl-C still signals); the guest echoes
            why = bridge(bochs, timeout)
    except KeyboardInterrupt:     # Ctrl-C: the usual way to end it, not an error
        why = "stopped (Ctrl-C)"
    except SystemExit as e:
        why, status = f"stopped (signal {e.code - 128})", e.code
    finally:
        if saved:
            termios.tcsetattr(0, termios.TCSADRAIN, saved)
        left = bochs.stop()
    print()
    if left:
        say(f"{why}; Bochs pid {left} is STILL RUNNING")
        return 1
    say(f"{why}; Bochs killed after {bochs.elapsed:.1f} s")
    return status


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("mode", choices=("test", "run"))
    ap.add_argument("--iso", required=True)
    ap.add_argument("--timeout", type=int)
    ap.add_argument("--cpus", type=int)
    ap.add_argument("--quantum", type=int)
    a = ap.parse_args()
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    if not os.path.exists(a.iso):
        say(f"no {a.iso}: run 'make iso'")
        return 2
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGHUP, on_signal)
    if a.mode == "test":
        return test(a.iso, a.timeout or 120, a.cpus, a.quantum)
    return run(a.iso, a.timeout or 0, a.cpus, a.quantum)


sys.exit(main())
