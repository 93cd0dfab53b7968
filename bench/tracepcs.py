"""tracepcs.py - what bench/profile.py and bench/account.py both read: the
program counters of a QEMU instruction log (-singlestep -d exec,nochain),
in order, and the text symbols of an ELF file (nm)."""
import re
import subprocess

PC = re.compile(rb"^Trace \d+: \S+ \[[0-9a-f]+/([0-9a-f]+)/")


def pcs(trace):
    """Every instruction's address in the log, in the order it ran."""
    with open(trace, "rb") as f:
        for line in f:
            m = PC.match(line)
            if m:
                yield int(m.group(1), 16)


def symbols(path):
    """(address, name) of every text symbol of the ELF at path, by address."""
    out = subprocess.run(["nm", "-n", path], capture_output=True, check=True, text=True).stdout
    return [(int(f[0], 16), f[2]) for f in (line.split() for line in out.splitlines())
            if len(f) == 3 and f[1].lower() in "tw"]
