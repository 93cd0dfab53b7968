#!/usr/bin/env python3
"""vga_test.py - the VGA text console (drivers/vga) in QEMU TCG: boots the
tree's drivers.conf, types commands on COM1, and reads the screen back
through QEMU's monitor, as the text buffer at 0xB8000 holds it (`xp`) and
where the CRTC puts the cursor (`o`/`i` on ports 0x3D4/0x3D5, with the
guest stopped).  The shell's output must be on the screen, its last lines
the same as COM1's last lines, in light grey on black, its last prompt on the bottom line with the cursor after it;
`ports` and `caps` must show vga's device memory; and the console must
not depend on vga: killed, the shell still answers; restarted, vga
redraws the screen.

    vga_test.py "<QEMU_BASE command>" <timeout seconds> [build dir]
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
COLS, ROWS = 80, 25

proc, monitor, type_on_com1 = shelldrive.boot_qemu(qemu, build, "vga")


def monitor_commands(*commands):
    """Runs QEMU monitor commands in order; returns each one's answer."""
    end = time.monotonic() + 20
    answers = []
    with sendkeys.connect(monitor, end) as sock:
        sendkeys.read_prompt(sock, end)
        for c in commands:
            sock.sendall(c.encode() + b"\n")
            answers.append(sendkeys.read_prompt(sock, end).decode(errors="replace"))
    return answers


def screen():
    """(rows of text, set of attributes of non-blank cells, cursor cell), the guest stopped meanwhile."""
    a = monitor_commands("stop", f"xp /{COLS * ROWS}hx 0xb8000", "o /b 0x3d4 0x0e", "i /b 0x3d5",
                         "o /b 0x3d4 0x0f", "i /b 0x3d5", "cont")
    cells = [int(v, 16) for line in a[1].splitlines() if ":" in line
             for v in re.findall(r"0x([0-9a-f]{4})\b", line.split(":", 1)[1])]
    if len(cells) != COLS * ROWS:
        return None, set(), -1
    rows = ["".join(chr(c & 0xFF) if 0x20 <= c & 0xFF < 0x7F else "?" for c in cells[r * COLS:(r + 1) * COLS]).rstrip()
            for r in range(ROWS)]
    attrs = {c >> 8 for c in cells if c & 0xFF != 0x20}
    port = [re.search(r"=\s*0x([0-9a-f]+)", x) for x in (a[3], a[5])]
    cursor = int(port[0].group(1), 16) << 8 | int(port[1].group(1), 16) if all(port) else -1
    return rows, attrs, cursor


def settled_screen(sh, want, limit=15):
    """The screen once every regex of want is on it and its last TAIL lines are COM1's
    (vga draws after COM1) and the cursor follows the prompt, or the last one read."""
    end = time.monotonic() + limit
    while True:
        rows, attrs, cursor = screen()
        text = "\n".join(rows or [])
        # vga writes the rows, then moves the cursor: a read between the two is not settled.
        if rows and all(re.search(w, text, re.M) for w in want) and tail(rows) == com1_rows(sh)[-TAIL:] \
                and cursor == prompt_cell(rows) or time.monotonic() > end:
            return rows, attrs, cursor
        time.sleep(0.5)


TAIL = 12


def prompt_cell(rows):
    """The cell after the prompt "$ " on the last non-blank row."""
    last = max((i for i, r in enumerate(rows) if r), default=-1)
    return last * COLS + 2


def tail(rows):
    return shelldrive.screen_tail(rows, TAIL)


def com1_rows(sh):
    return shelldrive.screen_rows(sh.text(), COLS)


def check_screen(sh, what, want):
    rows, attrs, cursor = settled_screen(sh, want)
    shown = "\n".join(f"|{r}" for r in rows or [])
    if not sh.check(rows is not None, f"{what}: the monitor shows the text buffer", "no 2000 cells from xp"):
        return
    text = "\n".join(rows)
    missing = [w for w in want if not re.search(w, text, re.M)]
    sh.check(not missing, f"{what}: the shell's output is on the screen", f"missing {missing}\n{shown}")
    sh.check(tail(rows) == com1_rows(sh)[-TAIL:], f"{what}: the last {TAIL} lines are COM1's",
             "COM1 ends:\n" + "\n".join(f"|{r}" for r in com1_rows(sh)[-TAIL:]) + f"\nscreen:\n{shown}")
    sh.check(attrs == {0x07}, f"{what}: light grey on black", f"attributes {attrs}")
    # The prompt is the last thing drawn: on the bottom line once the screen has scrolled.
    last = max((i for i, r in enumerate(rows) if r), default=-1)
    sh.check(last >= 0 and rows[last] == "$", f"{what}: the last line is the prompt", shown)
    sh.check(cursor == last * COLS + 2, f"{what}: the cursor after the prompt (cell {last * COLS + 2})",
             f"cursor at cell {cursor}")


def session(sh):
    if not sh.check(sh.read_until(shelldrive.PROMPT, 60) is not None, "first prompt", "none within 60 s"):
        return
    # With several CPUs the drivers' boot lines (pci, ata) may still come
    # after the first prompt; the screen checks want the prompt last.
    sh.check(sh.quiet(2, 30), "the boot lines end", "COM1 still busy after 30 s")
    out = sh.run("ps", r"vga$")
    # A driver's late boot line may break the prompt's line, on COM1 as on the screen.
    check_screen(sh, "after ps", [r"^(\$ )?ps$", r"^\s+\d+\s+1 .* vga$", r"^\s+\d+\s+1 .* shell$"])
    sh.run("ports", r"^  vga\s+tid \d+\s+ports 0x03d4-0x03d5$",
           r"^  vga\s+tid \d+\s+mmio  0x000b8000-0x000bffff rw$")
    tid = re.search(r"^\s+(\d+)\s+1 .* vga$", out, re.M)
    if not sh.check(tid, "ps names vga", out):
        return
    tid = tid.group(1)
    sh.run(f"caps {tid}", r"^\s+8 IoPorts 0x03d4-0x03d5$",
           r"^\s+26 Mmio 0x000b8000-0x000bffff rw, 8 pages, 1 mappings$",
           r"^\s+28 Untyped 0x[0-9a-f]{8}-0x[0-9a-f]{8}, 64 pages, 1 carved$")
    check_screen(sh, "after ports and caps", [r"^  vga\s+tid \d+\s+mmio  0x000b8000-0x000bffff rw$",
                                              r"^\s+26 Mmio 0x000b8000"])
    # A vga restarted redraws the console's recent output on a clean screen.
    sh.run("restart vga", r"^restart: done$")
    # The new incarnation says so on the console when it has mapped the
    # screen; on a slow machine that line can come after the next prompt,
    # so wait for it before the next command, whose prompt is then last.
    said = b"mirroring the console"
    if sh.seen.count(said) < 2:
        sh.read_until(said, 30)
    sh.run("help", r"^  ports ")
    check_screen(sh, "after restart vga", [r"^restart: done$", r"^(\$ )?help$", r"^  ports "])
    # The console never waits for vga: without it the shell goes on.
    sh.run(f"kill {tid}", r"^kill: done$")
    sh.run("ps", r"stopped.*vga.*kill")
    sh.run("help", r"^  ports ")


sh = shelldrive.Session(proc.stdout.fileno(), type_on_com1, time.monotonic() + timeout)
try:
    session(sh)
finally:
    proc.kill()
    proc.wait()
sys.exit(sh.finish(f"{build}/vga-transcript.txt", "vga test (QEMU TCG)"))
