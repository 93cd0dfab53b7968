"""shelldrive.py - types commands at the Portcullis shell and checks what it
answers: the part of the shell tests that does not care which emulator runs
the system.  tests/boot/shell_test.py (QEMU, COM1 on QEMU's stdio) and
tests/boot/bochs_shell.py (Bochs, COM1 on a TCP socket) give a Session the
emulator's COM1 and a way to type on its PS/2 keyboard, then call
session().

Each command waits for the shell's prompt before it is typed, so nothing
depends on timing except the limits.  Every check prints one "ok"/"not ok"
line; finish() writes the transcript and the verdict.
"""
import datetime
import os
import re
import select
import subprocess
import time

PROMPT = b"\n$ "


class Session:
    """COM1 of a running system: fd is read for its output, send(bytes) types on it."""

    def __init__(self, fd, send, deadline):
        self.fd, self.send, self.deadline = fd, send, deadline
        self.seen = b""
        self.failures = []

    def read_until(self, marker, limit):
        """Reads COM1 until marker appears after the current end; returns the new text."""
        start = len(self.seen)
        end = min(self.deadline, time.monotonic() + limit)
        while marker not in self.seen[start:]:
            left = end - time.monotonic()
            if left <= 0 or not select.select([self.fd], [], [], left)[0]:
                return None
            chunk = os.read(self.fd, 4096)
            if not chunk:
                return None
            self.seen += chunk
        return self.seen[start:].decode(errors="replace").replace("\r", "")

    def quiet(self, secs, limit):
        """Reads COM1 until it has been silent for secs (at most limit s): the
        drivers' boot lines come from other CPUs while the shell already
        prompts.  True if it fell silent."""
        end = min(self.deadline, time.monotonic() + limit)
        while time.monotonic() < end:
            if not select.select([self.fd], [], [], secs)[0]:
                return True
            chunk = os.read(self.fd, 4096)
            if not chunk:
                return False
            self.seen += chunk
        return False

    def check(self, ok, what, why=""):
        print(f"{'ok' if ok else 'not ok'} - {what}", flush=True)
        if not ok:
            self.failures.append(f"{what}: {why}" if why else what)
        return ok

    def run(self, command, *patterns, limit=30):
        """Types command, waits for the next prompt, checks every pattern (regexes)."""
        t = time.monotonic()
        self.send(command.encode() + b"\r")
        out = self.read_until(PROMPT, limit)
        if out is None:
            late = time.monotonic() >= self.deadline
            self.check(False, command, "the test's time limit is up" if late else f"no prompt within {limit} s")
            return ""
        missing = [p for p in patterns if not re.search(p, out, re.M)]
        self.check(not missing, f"{command} ({time.monotonic() - t:.1f} s)", f"missing {missing}\n{out}")
        return out

    def text(self):
        return self.seen.decode(errors="replace").replace("\r", "")

    def finish(self, transcript, name):
        """Writes the transcript; prints the failures and the verdict; the exit status."""
        with open(transcript, "wb") as f:
            f.write(self.seen.replace(b"\r", b""))
        for f in self.failures:
            print("FAIL:", f)
        print(f"{name}: {'FAILED' if self.failures else 'passed'} (transcript: {transcript})")
        return 1 if self.failures else 0


def boot_qemu(qemu, build, name):
    """QEMU headless, COM1 on a pipe, its monitor on build/<name>-monitor.sock and the
    kernel's debug console in build/<name>-debugcon.log: (process, monitor, type_on_com1)."""
    monitor = f"{build}/{name}-monitor.sock"
    if os.path.exists(monitor):
        os.unlink(monitor)
    proc = subprocess.Popen(
        "exec " + qemu + f" -display none -serial stdio -monitor unix:{monitor},server,nowait"
        f" -debugcon file:{build}/{name}-debugcon.log",
        shell=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def type_on_com1(data):
        proc.stdin.write(data)
        proc.stdin.flush()
    return proc, monitor, type_on_com1


def screen_rows(text, cols=80):
    """COM1's text as the VGA console draws it (drivers/vga/vgatext.c): rows of
    cols columns, a longer line wrapping, trailing blanks cut."""
    rows = []
    for line in text.split("\n"):
        rows += [line[i:i + cols] for i in range(0, max(len(line), 1), cols)]
    return [r.rstrip() for r in rows]


def screen_tail(rows, n):
    """The last n rows of a screen, up to the last one drawn on (the prompt)."""
    last = max((i for i, r in enumerate(rows) if r), default=-1)
    return rows[max(0, last + 1 - n):last + 1]


# Every grant drivers.conf makes (and init's own), as `ports` lists them:
# nothing missing and nothing more.  Each is a whole line (a regex: the PCI
# window starts where the emulator's RAM ends).
PORTS = [
    ("init", r"ports 0x0000-0xffff"), ("init", r"IOPL \(all ports, cli/sti\)"), ("init", r"irq mask 0xfffa"),
    ("init", r"pcicfg 0x0000-0xffff rw"), ("init", r"mmio  0x000a0000-0x000fffff rw"), ("init", r"mmio  0x0[0-9a-f]{7}-0xfebfffff rw"),
    ("uart16550", r"ports 0x03f8-0x03ff"), ("uart16550", r"irq mask 0x0010"),
    ("ps2kbd", r"ports 0x0060-0x0060"), ("ps2kbd", r"ports 0x0064-0x0064"), ("ps2kbd", r"irq mask 0x0002"),
    ("rtc", r"ports 0x0070-0x0071"), ("rtc", r"irq mask 0x0100"),
    ("pci", r"pcicfg 0x0000-0xffff rw"),
    ("ata", r"ports 0x01f0-0x01f7"), ("ata", r"ports 0x03f6-0x03f6"), ("ata", r"irq mask 0x4000"),
    ("vga", r"ports 0x03d4-0x03d5"), ("vga", r"mmio  0x000b8000-0x000bffff rw"),
    ("floppy", r"ports 0x03f0-0x03f5"), ("floppy", r"ports 0x03f7-0x03f7"), ("floppy", r"irq mask 0x0040"),
]


def ports_match(got):
    """got (name, grant) pairs from `ports`: exactly PORTS, in order."""
    return len(got) == len(PORTS) and all(
        n == wn and re.fullmatch(w, g) for (n, g), (wn, w) in zip(got, PORTS))


def count_lines(sh, n, mode, every, what):
    """`count n mode every`: every numbered line exactly once, in order."""
    times = (n - 1) // every
    out = sh.run(f"count {n} {mode} {every}",
                 rf"count: {n} lines, console driver {mode}ed {times} times", limit=60)
    # A fault mid-line shows the half line again, so only then may a line not start a line.
    start = "^" if mode == "restart" else ""
    got = [int(x) for x in re.findall(rf"{start}count (\d+) of {n}$", out, re.M)]
    lost = sorted(set(range(1, n + 1)) - set(got))
    sh.check(got == list(range(1, n + 1)), f"{n} lines through {times} {what}, none lost",
             f"{len(got)} lines, lost {lost[:20]}, in order: {got == sorted(got)}")
    return out


DATE = r"^20[2-9][0-9]-[01][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9]$"
DISK_OK = r"disk: wrote and read back sectors 64-71: checksum (0x[0-9a-f]+) / \1, 0 words differ: OK"
FLOPPY_OK = r"floppy: wrote and read back sectors 64-71: checksum (0x[0-9a-f]+) / \1, 0 words differ: OK"
# ... with every command that moved data through the bus master (docs/dma.md).
DISK_DMA = r"disk: 2 of its 3 disk commands moved data by DMA(?! \()"
# What a driver says when it comes back without its interrupt or gives up.
BROKEN = (r"rtc: no interrupt", r"ata: no interrupt", r"ps2kbd: cannot take IRQ",
          r"capability slot is occupied", r"exited \(code")


def keyboard_date(sh, keyboard, what):
    """Types `date` on the PS/2 keyboard: the answer must come on COM1."""
    try:
        keyboard("date\n")
        out = sh.read_until(PROMPT, 20)
    except Exception as e:  # noqa: BLE001  (the emulator's own complaint, reported as the failure)
        out = f"cannot type: {e}"
    sh.check(out is not None and re.search(r"date\n20[2-9][0-9]-", out), what,
             f"no date after typing it\n{out}")


def restart_every_driver(sh, keyboard, lspci):
    """Issue 11 item 12: each driver restarted twice, then its service used,
    and none of them came back without its interrupt or gave up."""
    before = len(sh.text())
    uses = {"rtc": ("date", [DATE]), "ata": ("disk test", [DISK_OK, DISK_DMA]), "floppy": ("floppy test", [FLOPPY_OK]),
            "pci": ("lspci", lspci[:1]), "ps2kbd": None, "uart16550": ("ps", [r"uart16550"])}
    # Two restarts asked for before the first took effect are one: use the service between.
    for drv, use in uses.items():
        for n in (1, 2):
            at = len(sh.text())
            sh.run(f"restart {drv}", r"restart: done")
            if use:
                sh.run(use[0], *use[1])
                continue
            # Keys typed before the new incarnation has set up the controller are lost: wait.
            if "ps2kbd: i8042 config" not in sh.text()[at:]:
                sh.read_until(b"US layout", 10)
            keyboard_date(sh, keyboard, f"date typed on the PS/2 keyboard after restart {n} of ps2kbd")
    sh.run("ps", *[rf"^\s+\d+\s+1 \S+\s+\d+\s+2 .* {d}$" for d in uses])
    after = sh.text()[before:]
    bad = [b for b in BROKEN if re.search(b, after)]
    sh.check(not bad, "every driver restarted twice came back whole", f"saw {bad}")


def strict_arguments(sh):
    """Issue 11 item 15: bad numbers are refused with a message, and do nothing."""
    for cmd in ("caps abc", "caps -1", "caps 99999999999", "kill abc", "kill 3x", "count abc",
                "count 5 restart x", "restart", "date now"):
        out = sh.run(cmd, r"^(usage|\S+: )")
        sh.check(not re.search(r"(done|count \d+ of|IoPorts|Endpoint|\d{4}-\d\d-\d\d)", out),
                 f"{cmd}: refused, nothing done", out)
    # 94 characters: one message holds 92, and the rest must not become a second command.
    long = "x" * 88 + "    ps"
    out = sh.run(long, r"x+: unknown command")
    out += sh.run("help", r"^  ps ")
    sh.check("tid parent" not in out and out.count("unknown command") == 1,
             "a 94-character line is one command", out)
    # Ctrl-D and arrow keys (VT100 escapes on COM1) type nothing and run nothing.
    sh.send(b"\x04\x1b[A\x1b[B\x1bOD")
    out = sh.run("help", r"^  ps ")
    sh.check("unknown command" not in out, "Ctrl-D and arrow keys do nothing", out)


def ctrl_c(sh):
    """Issue 11 item 15: Ctrl-C ends the command that runs and gives the prompt back."""
    sh.send(b"count 100000\r")
    sh.read_until(b"count 50 of 100000", 30)
    sh.send(b"\x03")
    out = sh.read_until(PROMPT, 20)
    sh.check(out is not None and "count: 100000 lines" not in out, "Ctrl-C stops count 100000", out)
    sh.run("help", r"^  ps ")
    sh.send(b"bogus\x03")                # half-typed: the line is forgotten, a new prompt comes
    out = sh.read_until(PROMPT, 20) or ""
    out += sh.run("help", r"^  ps ")
    sh.check("^C" in out and "bogus:" not in out, "Ctrl-C forgets the half-typed line", out)


def rogues(sh, n):
    """Issue 11 item 15: init reuses the rogue's place; the nth rogue starts like the first."""
    for i in range(n):
        out = sh.run("rogue", r"rogue: done")
        if "left stopped" not in out:
            out += sh.read_until(b"left stopped", 30) or ""
        if not sh.check("left stopped" in out, f"rogue {i + 1} of {n} started, trapped and stopped", out):
            return
    sh.run("ps", r"stopped.*rogue.*exited")


def rogue_experiment(sh):
    """Issue 11 item 17: the user chooses the rogue's ports and accesses; init checks them."""
    out = sh.run("rogue 0x60 inb:0x60", r"init: rogue: ports '0x60': port 0x60 in both ps2kbd and rogue",
                 r"rogue: invalid argument")
    sh.run("rogue 0x2f8 bogus", r"init: rogue: access 1: ", r"rogue: invalid argument")
    sh.run("rogue 0x2f8-0x2ff,0x3f6 ", r"init: rogue: ports ", r"rogue: invalid argument")
    out = sh.run("rogue 0x2e8-0x2ef inb:0x2e8 outw:0x2ef inl:0x2ec cli", r"rogue: done")
    if "left stopped" not in out:
        out += sh.read_until(b"left stopped", 30) or ""
    for expect in (r"rogue: inb 0x2e8 \(inside 0x2e8-0x2ef\): allowed",
                   r"rogue: outw 0x2ef \(straddles the last port of 0x2e8-0x2ef\): must trap",
                   r"IOFAULT task=rogue .* op=out port=0x02ef width=2 holds=0x2e8-0x2ef action=restarted",
                   r"rogue: inl 0x2ec \(inside 0x2e8-0x2ef\): allowed",
                   r"IOFAULT task=rogue .* op=cli port=- width=- holds=0x2e8-0x2ef action=restarted",
                   r"rogue: all 2 denied accesses were trapped; exiting"):
        sh.check(re.search(expect, out), f"rogue experiment: {expect}", out)
    sh.check("NOT trapped" not in out and out.count("IOFAULT") == 2, "rogue experiment: 2 traps, no more", out)


def stopped_service(sh):
    """Issue 11 items 13/15: a call to a killed service fails or Ctrl-C cancels it."""
    out = sh.run("ps")
    m = re.search(r"^\s+(\d+)\s+\d+ \S+.* rtc$", out, re.M)
    if not sh.check(m, "ps shows the rtc", out):
        return
    sh.run(f"kill {m.group(1)}", r"kill: done")
    sh.run("ps", r"stopped.*rtc.*kill")
    # No live task can receive on the rtc's endpoint any more: the call fails at once.
    for _ in range(2):
        sh.run("date", r"^date: rtc: the other side is gone$", limit=15)
    sh.run("help", r"^  ps ")


def session(sh, lspci, keyboard, rtc_utc, count=300, every=25, full=True):
    """The whole shell test.  lspci: a regex per PCI function the machine has;
    keyboard(text): types text on the PS/2 keyboard; rtc_utc: the emulator's
    RTC keeps UTC (QEMU) rather than local time (Bochs, time0=local);
    count/every: the `count N restart K` step."""
    if not sh.check(sh.read_until(PROMPT, 60) is not None, "first prompt", "none within 60 s"):
        return
    # With several CPUs the drivers' boot lines (pci's list, ata's and
    # floppy's start) may still come after the first prompt, into the
    # middle of a command's answer: wait until they are done.
    sh.check(sh.quiet(2, 30), "the boot lines end", "COM1 still busy after 30 s")
    sh.run("help", r"^  ps ", r"^  restart ", r"^  rogue ")
    sh.run("ps", r"uart16550", r"shell$", r"^\s+1\s+0 ")
    out = sh.run("ports")
    got = re.findall(r"^  (\S+)\s+tid \d+\s+(.*)$", out, re.M)
    sh.check(ports_match(got), "ports: each driver's exact ports, IRQ lines and device memory", f"got {got}")
    sh.run("caps 1", r"IoPorts 0x0000-0xffff", r"Iopl", r"KLog")
    sh.run("bogus", r"bogus: unknown command")
    out = sh.run("date", r"^20[2-9][0-9]-[01][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-6][0-9]$")
    m = re.search(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)$", out, re.M)
    if m:
        guest = datetime.datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S")
        host = datetime.datetime.now(datetime.timezone.utc if rtc_utc else None).replace(tzinfo=None)
        off = (guest - host).total_seconds()
        sh.check(abs(off) < 300, f"date: {off:+.0f} s from the host's {'UTC' if rtc_utc else 'local'} time",
                 "more than 5 minutes off")
    out = sh.run("lspci", *lspci)
    n = len(re.findall(r"^[0-9a-f]{2}:[0-9a-f]{2}\.[0-7] ", out, re.M))
    sh.check(n == len(lspci), f"lspci: {n} functions, {len(lspci)} expected", out)
    sh.run("disk test", r"disk: 8064 sectors of 512 bytes", DISK_OK, DISK_DMA)
    sh.run("floppy test", r"floppy: 2880 sectors of 512 bytes", FLOPPY_OK)
    # The same shell, typed on the PS/2 keyboard instead of COM1.
    keyboard_date(sh, keyboard, "date typed on the PS/2 keyboard")
    restart_every_driver(sh, keyboard, lspci)
    strict_arguments(sh)
    # The console driver itself restarts; the shell's next output must still arrive.
    sh.run("restart uart16550", r"restart: done")
    # ... and restarts under a stream of output: every line comes out once, in order.
    count_lines(sh, count, "restart", every, "console restarts")
    # A fault in the middle of a write: the half line shows twice, no line is lost.
    # Two faults: the manifest's restarts=3 would stop the driver after a fourth.
    out = count_lines(sh, 60, "crash", 25, "console faults")
    sh.check("uart16550 faulted (vector 14" in out, "the console driver's faults were reported", out)
    sh.run("ps", r"uart16550", r"shell$")
    # init's last line may come after the shell's first prompt, so look at the end.
    for line in ("Portcullis 0.1 (i386) booting", "init: root task running as tid 1",
                 "init: 8 tasks started from drivers.conf", "Portcullis shell: type help"):
        sh.check(line in sh.text(), f"boot: {line}", "not on COM1")
    # The shell's answer may come before or after the rogue's last line.
    out = sh.run("rogue", r"rogue: done")
    if "left stopped" not in out:
        out += sh.read_until(b"left stopped", 30) or ""
    for expect in (r"IOFAULT task=rogue .* op=in port=0x02f7 width=1 .*action=restarted",
                   r"IOFAULT task=rogue .* op=cli port=- width=- .*action="):
        sh.check(re.search(expect, sh.text()), f"rogue: a line like {expect}", out)
    sh.check("left stopped" in out, "rogue trapped and stopped", out)
    sh.run("ps", r"uart16550", r"shell$")
    if full:
        ctrl_c(sh)
        rogues(sh, 15)
        rogue_experiment(sh)
        stopped_service(sh)
