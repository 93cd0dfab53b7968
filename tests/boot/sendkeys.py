#!/usr/bin/env python3
"""sendkeys.py MONITOR_SOCKET SERIAL_LOG MARKER WAIT_SECONDS HOLD_MS KEY...

Connects to QEMU's human monitor on MONITOR_SOCKET, waits until the guest
has written MARKER to its serial log, then types KEY... on QEMU's keyboard
(`sendkey KEY HOLD_MS`, one command per key, each answered before the
next).  Exits 0 when every key was accepted; 1, with the reason on stderr,
if WAIT_SECONDS pass first, QEMU exits first, or QEMU refuses a key.
Used by tests/boot/kbd_test.sh.
"""
import select
import socket
import sys
import time

PROMPT = b"(qemu) "


class Failed(Exception):
    pass


def connect(path, deadline):
    while True:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.connect(path)
            return sock
        except OSError as e:
            sock.close()
            if time.monotonic() >= deadline:
                raise Failed("cannot connect to the monitor %s: %s" % (path, e))
            time.sleep(0.05)


def read_prompt(sock, deadline):
    """Everything QEMU prints up to its next prompt."""
    data = b""
    while not data.endswith(PROMPT):
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([sock], [], [], left)[0]:
            raise Failed("no prompt from the monitor; got %r" % data)
        chunk = sock.recv(4096)
        if not chunk:
            raise Failed("QEMU closed the monitor")
        data += chunk
    return data


def wait_for_marker(sock, log, marker, deadline):
    """Polls the log; the monitor connection tells when QEMU is gone."""
    while time.monotonic() < deadline:
        try:
            with open(log, "rb") as f:
                if marker in f.read():
                    return
        except FileNotFoundError:
            pass
        if select.select([sock], [], [], 0.05)[0] and not sock.recv(4096):
            raise Failed("QEMU exited before the guest wrote %r" % marker.decode())
    raise Failed("no %r in %s in time" % (marker.decode(), log))


def main(argv):
    if len(argv) < 7:
        sys.stderr.write(__doc__)
        return 2
    mon, log, marker = argv[1], argv[2], argv[3].encode()
    deadline = time.monotonic() + float(argv[4])
    hold = int(argv[5])
    keys = argv[6:]
    try:
        with connect(mon, deadline) as sock:
            read_prompt(sock, deadline)
            wait_for_marker(sock, log, marker, deadline)
            for key in keys:
                sock.sendall(b"sendkey %s %d\n" % (key.encode(), hold))
                answer = read_prompt(sock, deadline)
                # The echo ends with the line we sent; any other text is QEMU's complaint.
                said = answer.replace(b"\r", b"").split(b"\n")[1:-1]
                complaint = b" ".join(line.strip() for line in said if line.strip())
                if complaint:
                    raise Failed("QEMU refused sendkey %s: %s" % (key, complaint.decode(errors="replace")))
    except (Failed, OSError) as e:
        sys.stderr.write("sendkeys: %s\n" % e)
        return 1
    print("sendkeys: typed %d keys" % len(keys))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
