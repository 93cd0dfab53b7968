"""vt.py - a small model of the terminal that Bochs' `term` display draws
the VGA text screen on (ncurses, TERM=xterm), so that a test can read the
screen back from what Bochs wrote to its pty: the characters of each row
and where the cursor was left.  It knows the sequences ncurses uses for
xterm: cursor moves (CUP H/f, VPA d, CHA G, CUU/CUD/CUF/CUB A/B/C/D),
erases (ED J, EL K, ECH X), scrolling (SU S, SD T, the region r, RI),
repeat (REP b), insert/delete (ICH @, DCH P, IL L, DL M); colours, modes
and charset selection change nothing it models.
"""
import re

SEQ = re.compile(rb"\x1b\[([?>]?)([0-9;]*)([A-Za-z@])|\x1b([()][0-9A-Za-z]|[=>78DEM])|([\x00-\x1f])|([^\x00-\x1f\x1b]+)")


class Screen:
    def __init__(self, rows=25, cols=80):
        self.rows, self.cols = rows, cols
        self.cell = [[" "] * cols for _ in range(rows)]
        self.y = self.x = 0
        self.top, self.bottom = 0, rows - 1
        self.last = " "
        self.wrap = False                           # xterm's last-column flag

    def text(self):
        return ["".join(r).rstrip() for r in self.cell]

    def _scroll(self, n, up=True):
        for _ in range(n):
            if up:
                del self.cell[self.top]
                self.cell.insert(self.bottom, [" "] * self.cols)
            else:
                del self.cell[self.bottom]
                self.cell.insert(self.top, [" "] * self.cols)

    def _put(self, s):
        for ch in s:
            if self.wrap:                           # autowrap (xterm's ?7h), at the next character
                self.wrap = False
                self.x = 0
                self._down()
            self.cell[self.y][self.x] = ch
            if self.x == self.cols - 1:
                self.wrap = True                    # the cursor stays on the last column
            else:
                self.x += 1
            self.last = ch

    def _down(self):
        if self.y == self.bottom:
            self._scroll(1)
        elif self.y < self.rows - 1:
            self.y += 1

    def _clamp(self):
        self.y = max(0, min(self.rows - 1, self.y))
        self.x = max(0, min(self.cols - 1, self.x))

    def feed(self, data):
        for m in SEQ.finditer(data):
            priv, params, final, esc, ctl, text = m.groups()
            if text:
                self._put(text.decode("latin-1"))
                continue
            # Only what moves the cursor or edits the screen ends a pending wrap
            # (colours, modes, charsets and BEL leave it, as in xterm).
            if ctl and ctl[0] not in (0x0D, 0x0A, 0x08, 0x09) or esc and esc not in (b"M", b"D", b"E") \
                    or final and (priv or final in b"mhlt"):
                continue
            wrap, self.wrap = self.wrap, False
            if ctl:
                c = ctl[0]
                if c == 0x0D:
                    self.x = 0
                elif c == 0x0A:
                    self._down()
                elif c == 0x08:
                    self.x = max(0, min(self.x, self.cols) - 1)
                elif c == 0x09:
                    self.x = min(self.cols - 1, (self.x + 8) & ~7)
            elif esc:
                if esc == b"M":
                    if self.y == self.top:
                        self._scroll(1, up=False)
                    else:
                        self.y = max(0, self.y - 1)
                elif esc in (b"D", b"E"):
                    self._down()
                    if esc == b"E":
                        self.x = 0
            elif not priv:
                self._csi([int(p) if p else 0 for p in params.decode().split(";")], final.decode(), wrap)

    def _csi(self, p, f, wrap=False):
        n = max(1, p[0])
        row = self.cell[self.y]
        if f in "Hf":
            self.y, self.x = max(1, p[0]) - 1, (max(1, p[1]) - 1 if len(p) > 1 else 0)
        elif f == "d":
            self.y = n - 1
        elif f == "G":
            self.x = n - 1
        elif f == "A":
            self.y -= n
        elif f == "B":
            self.y += n
        elif f == "C":
            self.x += n
        elif f == "D":
            self.x = min(self.x, self.cols) - n
        elif f == "K":
            lo, hi = {0: (self.x, self.cols), 1: (0, self.x + 1), 2: (0, self.cols)}.get(p[0], (0, 0))
            row[lo:hi] = [" "] * (hi - lo)
        elif f == "J":
            if p[0] in (0, 1):
                self._csi([p[0]], "K")
                rows = range(self.y + 1, self.rows) if p[0] == 0 else range(0, self.y)
            else:
                rows = range(self.rows)
            for r in rows:
                self.cell[r] = [" "] * self.cols
        elif f == "X":
            row[self.x:self.x + n] = [" "] * len(row[self.x:self.x + n])
        elif f == "S":
            self._scroll(n)
        elif f == "T":
            self._scroll(n, up=False)
        elif f == "r":
            self.top = max(1, p[0]) - 1
            self.bottom = (p[1] if len(p) > 1 and p[1] else self.rows) - 1
            self.y = self.x = 0
        elif f == "b":
            self.wrap = wrap
            self._put(self.last * p[0])
            return                                  # a pending wrap stays pending
        elif f == "@":
            row[self.x:] = ([" "] * n + row[self.x:])[:self.cols - self.x]
        elif f == "P":
            row[self.x:] = (row[self.x + n:] + [" "] * n)[:self.cols - self.x]
        elif f in "LM":
            for _ in range(n):
                if f == "L":
                    del self.cell[self.bottom]
                    self.cell.insert(self.y, [" "] * self.cols)
                else:
                    del self.cell[self.y]
                    self.cell.insert(self.bottom, [" "] * self.cols)
        self._clamp()
