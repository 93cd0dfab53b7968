#!/usr/bin/env python3
"""has_display.py - exit 0 if $DISPLAY names an X server that answers a
connection, else 1.  `make run` opens the VGA screen's window only then:
QEMU's gtk display fails outright on a DISPLAY nobody serves (an ssh
session without forwarding, a stale variable), and the shell on COM1 must
come up whatever the display."""
import os
import socket
import sys

display = os.environ.get("DISPLAY", "")
host, _, rest = display.rpartition(":")
try:
    number = int(rest.split(".")[0])
    if host in ("", "unix"):
        s = socket.socket(socket.AF_UNIX)
        s.settimeout(1)
        s.connect(f"/tmp/.X11-unix/X{number}")
    else:
        s = socket.create_connection((host, 6000 + number), timeout=1)
    s.close()
except (ValueError, OSError):
    sys.exit(1)
sys.exit(0)
