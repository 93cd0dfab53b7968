#!/usr/bin/env python3
"""lpt_test.py - the example driver of docs/howto-driver.md, booted the way
the walkthrough says: the tree's drivers.conf plus one `lpt` line, QEMU's
first parallel port written to a file.  The driver must print its argument
string on the printer one interrupt per byte, show up in `ports` with
exactly its grant, and do it all again after `restart lpt` (a restarted
driver starts clean: its notification and IRQ binding are made anew).

    lpt_test.py "<QEMU_BASE command>" <timeout seconds> [build dir]
"""
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import shelldrive  # noqa: E402

qemu, timeout = sys.argv[1], float(sys.argv[2])
build = sys.argv[3] if len(sys.argv) > 3 else "build"
TEXT = "hello from ring 3"
LINE = f'lpt         ports=0x378-0x37a irq=7 uses=console args="{TEXT}"'

conf_dir = f"{build}/lptconf"
os.makedirs(conf_dir, exist_ok=True)
with open("drivers.conf") as f:
    conf = f.read()
with open(f"{conf_dir}/drivers.conf", "w") as f:
    f.write(conf + LINE + "\n")
printer = f"{conf_dir}/printer.out"
if os.path.exists(printer):
    os.remove(printer)
qemu = qemu.replace(",drivers.conf", f",{conf_dir}/drivers.conf")

proc = subprocess.Popen("exec " + qemu + f" -display none -serial stdio -parallel file:{printer}"
                        f" -debugcon file:{conf_dir}/debugcon.log",
                        shell=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE)


def type_on_com1(data):
    proc.stdin.write(data)
    proc.stdin.flush()


def printed():
    with open(printer, "rb") as f:
        return f.read().decode(errors="replace")


DONE = f"printed {len(TEXT) + 1} bytes, each acknowledged by IRQ 7"
sh = shelldrive.Session(proc.stdout.fileno(), type_on_com1, time.monotonic() + timeout)
try:
    if sh.check(sh.read_until(shelldrive.PROMPT, 60) is not None, "a shell prompt", "none within 60 s"):
        if sh.read_until(DONE.encode(), 30) is None and DONE not in sh.text():
            sh.check(False, "lpt prints its line", sh.text()[-2000:])
        else:
            sh.check(True, "lpt: " + DONE)
        sh.check(printed() == TEXT + "\n", "the printer got the argument string", repr(printed()))
        sh.run("ports", r"^  lpt +tid \d+ +ports 0x0378-0x037a$", r"^  lpt +tid \d+ +irq mask 0x0080$")
        sh.run("restart lpt")
        if sh.read_until(DONE.encode(), 30) is None and sh.text().count(DONE) < 2:
            sh.check(False, "after a restart, lpt prints its line again", sh.text()[-2000:])
        else:
            sh.check(True, "after a restart, lpt prints its line again (IRQ 7 bound anew)")
        sh.check(printed() == (TEXT + "\n") * 2, "the printer got it twice", repr(printed()))
finally:
    proc.kill()
    proc.wait()
sys.exit(sh.finish(f"{build}/lpt-transcript.txt", "example driver lpt (QEMU TCG)"))
