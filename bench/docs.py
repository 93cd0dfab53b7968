#!/usr/bin/env python3
# docs.py - the figures of one bench run as docs/bench-results.md, judged
# against bench/targets, so that no page types a figure or a verdict by
# hand (issue 16, "Also").  bench/docs.sh gathers what the run cannot say
# about itself (commit, CPU models, date) and calls this; it also writes
# the data and script for the plot, which docs.sh hands to gnuplot.
#
#   python3 bench/docs.py --results R.csv --targets bench/targets --out DOC.md
#       [--linux L.csv] [--bochs B.csv] [--pairs bench/linux/pairs]
#       [--smp SMP.md] [--plot PNG] [--header KEY=VALUE ...]
#
# A figure a run lacks is "not measured" wherever it would appear: in a
# value, in a target, in a Linux counterpart.  Nothing is estimated.
import argparse
import csv
import os
import re
import sys


class Missing(Exception):
    """A figure an expression names is not in the run."""


def read_results(path):
    """name -> row dict of a results.csv (bench/results.awk), in file order."""
    rows = {}
    if not path or not os.path.exists(path):
        return rows
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            rows[row["name"]] = row
    return rows


def number(text):
    return float(text) if "." in text else int(text)


# ---- expressions: + - * / ( ) over numbers and figure names ----
TOKEN = re.compile(r"\s*(?:(\d+(?:\.\d+)?)|([A-Za-z_@][A-Za-z0-9_]*)|(.))")


def tokens(text):
    out = []
    for num, name, op in TOKEN.findall(text):
        if num:
            out.append(("num", number(num)))
        elif name:
            out.append(("name", name))
        elif op.strip():
            if op not in "+-*/()":
                raise ValueError("bad character %r in %r" % (op, text))
            out.append(("op", op))
    return out


def evaluate(text, values):
    """The value of text; Missing for a name the run lacks."""
    toks = tokens(text)
    pos = [0]

    def peek():
        return toks[pos[0]] if pos[0] < len(toks) else ("end", None)

    def take():
        t = peek()
        pos[0] += 1
        return t

    def atom():
        kind, val = take()
        if kind == "num":
            return val
        if kind == "name":
            if val not in values:
                raise Missing(val)
            return values[val]
        if (kind, val) == ("op", "-"):
            return -atom()
        if (kind, val) == ("op", "("):
            v = expr()
            if take() != ("op", ")"):
                raise ValueError("unbalanced parentheses in %r" % text)
            return v
        raise ValueError("unexpected %r in %r" % (val, text))

    def term():
        v = atom()
        while peek() in (("op", "*"), ("op", "/")):
            op = take()[1]
            r = atom()
            v = v * r if op == "*" else v / r
        return v

    def expr():
        v = term()
        while peek() in (("op", "+"), ("op", "-")):
            op = take()[1]
            r = term()
            v = v + r if op == "+" else v - r
        return v

    v = expr()
    if peek()[0] != "end":
        raise ValueError("trailing text in %r" % text)
    return v


def names_in(text):
    return [v for k, v in tokens(text) if k == "name"]


def fmt(v):
    """A value as the tables print it: thousands separated, one decimal
    only where a division left a fraction."""
    if isinstance(v, float) and abs(v - round(v)) > 1e-9:
        return "{:,.1f}".format(v)
    return "{:,}".format(int(round(v)))


# ---- bench/targets ----
def read_targets(path):
    rows = []
    with open(path) as f:
        for lineno, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            fields = [x.strip() for x in line.split("|")]
            if len(fields) != 5:
                sys.exit("%s:%d: want 5 fields separated by |, got %d" % (path, lineno, len(fields)))
            label, value, target, per, how = fields
            m = re.match(r"^(<=|<|=)\s*(.+)$", target)
            if target != "stated" and not m:
                sys.exit("%s:%d: target %r is not <=, <, = EXPR or stated" % (path, lineno, target))
            for e in [value] + ([m.group(2)] if m else []):
                tokens(e)   # a bad character stops here, not in the middle of a run
            rows.append({"label": label, "value": value, "op": m.group(1) if m else None,
                         "target": m.group(2) if m else None, "per": per, "how": how})
    return rows


def expand(rows, names):
    """One row per figure a pattern row matches ("*" = any characters);
    a pattern that matches nothing stays, and is not measured."""
    out = []
    for r in rows:
        figure = r["label"].split(" ")[0]
        if "*" not in figure:
            out.append(r)
            continue
        rx = re.compile("^" + ".*".join(map(re.escape, figure.split("*"))) + "$")
        hits = [n for n in names if rx.match(n)]
        for n in hits:
            e = dict(r)
            e["label"] = r["label"].replace(figure, n, 1)
            e["value"] = r["value"].replace("@", n)
            e["target"] = r["target"].replace("@", n) if r["target"] else None
            out.append(e)
        if not hits:
            out.append(dict(r, missing=figure))
    return out


def judge(r, values):
    """(value, target, verdict) of one row: numbers or None, and a word."""
    if "missing" in r:
        return None, None, "not measured (no figure %s)" % r["missing"]
    try:
        v = evaluate(r["value"], values)
    except Missing as e:
        return None, None, "not measured (no %s)" % e.args[0]
    if r["op"] is None:
        return v, None, "stated"
    try:
        t = evaluate(r["target"], values)
    except Missing as e:
        return v, None, "not measured (no %s)" % e.args[0]
    ok = {"<=": v <= t, "<": v < t, "=": v == t}[r["op"]]
    return v, t, "met" if ok else "missed"


# ---- Linux counterparts ----
def read_pairs(path):
    """Portcullis figure -> its Linux figures, in the order bench/linux/pairs lists them."""
    pairs = {}
    if not path or not os.path.exists(path):
        return pairs
    with open(path) as f:
        for line in f:
            line = line.split("#", 1)[0].split()
            if len(line) == 2 and line[0] != "-":
                pairs.setdefault(line[0], []).append(line[1])
    return pairs


def linux_counterpart(expr, pairs, linux):
    """The same expression over each figure's Linux counterpart: one string
    per choice where a figure has several (ipc_call_reply: pipe, futex);
    "" when a figure of it has no counterpart at all."""
    choices = [{}]
    for n in dict.fromkeys(names_in(expr)):
        if n not in pairs:
            return ""
        choices = [dict(c, **{n: l}) for c in choices for l in pairs[n]]
    out = []
    for c in choices:
        text = re.sub(r"[A-Za-z_][A-Za-z0-9_]*", lambda m: c.get(m.group(0), m.group(0)), expr)
        shown = ", ".join(sorted(set(c.values())))
        try:
            out.append("%s (`%s`)" % (fmt(evaluate(text, linux)), shown))
        except Missing:
            out.append("not measured (`%s`)" % shown)
    return "; ".join(out)


# ---- what one figure's value is per ----
def per_of(name):
    name = re.sub(r"^linux_", "", name)
    if name.startswith("switch_"):
        return "yield"
    if re.match(r"^(ipc_call_reply|ipc_words_|ipc_caps_|pipe_pingpong|futex_pingpong)", name):
        return "round trip"
    if name.startswith("ata_"):
        return "KiB"
    if name.startswith("gp_trap"):
        return "trap"
    if name == "loop_overhead":
        return "loop iteration"
    return "operation"


def is_yield(name):
    return per_of(name) == "yield"


# ---- families <base>_<N>: how a cost grows with N ----
def families(names, values):
    fam = {}
    for n in names:
        m = re.match(r"^(.*)_(\d+)$", n)
        if m:
            fam.setdefault(m.group(1), []).append((int(m.group(2)), values[n]))
    return [(b, sorted(p)) for b, p in fam.items() if len(p) >= 2]


def slope(a, b):
    (n1, v1), (n2, v2) = a, b
    return (v2 - v1) / (n2 - n1)


# ---- the page ----
def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--results", required=True)
    ap.add_argument("--targets", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--linux")
    ap.add_argument("--bochs")
    ap.add_argument("--pairs")
    ap.add_argument("--smp")
    ap.add_argument("--plot", help="PNG the plot goes to; writes PNG.dat and PNG.gp beside it")
    ap.add_argument("--header", action="append", default=[], help="KEY=VALUE lines for the header")
    a = ap.parse_args()

    res = read_results(a.results)
    if not res:
        sys.exit("bench-docs: no figures in %s (make bench first)" % a.results)
    first = next(iter(res.values()))
    accel, unit = first["accel"], first["unit"]
    if accel == "bochs":
        sys.exit("bench-docs: %s is a Bochs run; the page is built on a QEMU run "
                 "(the Bochs one is its bochs-results.csv column)" % a.results)
    values = {n: number(r["median"]) for n, r in res.items()}
    linux_rows = read_results(a.linux)
    linux = {n: number(r["median"]) for n, r in linux_rows.items()}
    bochs_rows = read_results(a.bochs)
    bochs = {n: number(r["median"]) for n, r in bochs_rows.items()}
    pairs = read_pairs(a.pairs)
    targets = expand(read_targets(a.targets), list(res))

    L = []
    w = L.append
    w("# Benchmark results")
    w("")
    w("<!-- Generated by bench/docs.sh (make bench-docs, run at the end of make bench) "
      "from bench/out/results.csv and bench/targets: do not edit by hand. -->")
    w("")
    w("Generated from one `make bench` run; `docs/bench.md` says what each figure "
      "measures and how. **Lower is better** in every column: each value is a cost.")
    w("")
    for kv in a.header:
        k, _, v = kv.partition("=")
        w("- **%s:** %s" % (k, v))
    w("- **Accelerator:** %s; **unit:** %s per the row's *per* (medians of each figure's "
      "batches, the empty loop taken off)." % (accel, unit))
    if linux_rows:
        la = next(iter(linux_rows.values()))
        same = (la["accel"], la["unit"]) == (accel, unit)
        w("- **Linux column:** `%s`, %s, %s%s." % (os.path.basename(a.linux), la["accel"], la["unit"],
          "" if same else " — **not the same accelerator or unit: its column is left out**"))
        if not same:
            linux = {}
    else:
        w("- **Linux column:** not measured (no `linux-results.csv`: `make bench-linux`, then `make bench`).")
    if bochs_rows:
        w("- **Bochs column:** `%s`, %s, %s." % (os.path.basename(a.bochs),
          next(iter(bochs_rows.values()))["accel"], next(iter(bochs_rows.values()))["unit"]))
    else:
        w("- **Bochs column:** not measured (no `bochs-results.csv`: `make bench BENCH_ACCEL=bochs`).")
    w("")

    # Targets.
    w("## Against the targets")
    w("")
    w("Each row is one line of `bench/targets`. A yield figure is per yield, so a "
      "ping-pong round trip is two of it; the targets of yield rows are per round trip, "
      "and the per-yield column is half the value.")
    w("")
    w("| row | value | unit | per | per yield | target | met/missed | Linux counterpart | how it is judged |")
    w("|---|---:|---|---|---:|---|---|---|---|")
    plot = []
    for r in targets:
        v, t, verdict = judge(r, values)
        yields = "2 yields" in r["per"]
        tgt = "stated" if r["op"] is None else "%s %s" % (r["op"], r["target"])
        if t is not None and names_in(r["target"]):
            tgt += " = " + fmt(t)
        lx = linux_counterpart(r["value"], pairs, linux) if linux and "missing" not in r else ""
        w("| `%s` | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            r["label"], "-" if v is None else fmt(v), unit, r["per"],
            fmt(v / 2) if yields and v is not None else "",
            tgt.replace("<=", "≤"), verdict if verdict != "met" else "**met**",
            lx or "-", r["how"]))
        if v is not None:
            lv = ""
            m = re.match(r"^([0-9,.\-]+) ", lx)
            if m:
                lv = m.group(1).replace(",", "")
            plot.append((r["label"], v, "" if t is None else t, lv))
    w("")

    # Every figure.
    w("## Every figure")
    w("")
    w("Per operation as measured (the row's *per*); a yield figure also per round trip "
      "(two yields), as the targets and the Linux anchors are.")
    w("")
    cols = ["figure", "median", "per", "per round trip", "min", "max", "unit"]
    if bochs:
        cols.append("Bochs median (%s)" % next(iter(bochs_rows.values()))["unit"])
    cols.append("Linux counterpart")
    w("| " + " | ".join(cols) + " |")
    w("|---|---:|---|---:|---:|---:|---|" + ("---:|" if bochs else "") + "---|")
    for n, r in res.items():
        med = values[n]
        cells = ["`%s`" % n, fmt(med), per_of(n), fmt(2 * med) if is_yield(n) else "",
                 fmt(number(r["min"])), fmt(number(r["max"])), unit]
        if bochs:
            cells.append(fmt(bochs[n]) if n in bochs else "not measured")
        lx = ""
        if n in pairs and linux:
            lx = "; ".join("%s (`%s`)" % (fmt(linux[l]), l) if l in linux else "not measured (`%s`)" % l
                           for l in pairs[n])
        cells.append(lx or "-")
        w("| " + " | ".join(cells) + " |")
    w("")

    # Growth.
    w("## Growth")
    w("")
    w("Each family `<name>_<N>` of the run: the median at each N, the slope between "
      "neighbouring N, and over the whole range ((last - first) / (N last - N first), "
      "the cost of each unit of N more).")
    w("")
    w("| family | medians by N | slopes between neighbours | slope first to last |")
    w("|---|---|---|---:|")
    fams = families(list(res), values) + [(b, p) for b, p in families(list(linux), linux)]
    for base, pts in fams:
        meds = ", ".join("%d: %s" % (n, fmt(v)) for n, v in pts)
        sl = ", ".join("%d-%d: %s" % (x[0], y[0], fmt(slope(x, y))) for x, y in zip(pts, pts[1:]))
        w("| `%s_<N>` | %s | %s | %s |" % (base, meds, sl, fmt(slope(pts[0], pts[-1]))))
    w("")

    if a.smp and os.path.exists(a.smp):
        w("## SMP")
        w("")
        w("As `make bench` prints it (`bench/smp.awk`): each figure against the CPUs online.")
        w("")
        with open(a.smp) as f:
            L.extend(l.rstrip("\n") for l in f)
        w("")

    if linux_rows and linux:
        w("## Linux figures")
        w("")
        w("Every figure of the Linux run (`make bench-linux`), with its Portcullis counterpart.")
        w("")
        back = {}
        for p, ls in pairs.items():
            for l in ls:
                back.setdefault(l, []).append(p)
        w("| Linux figure | median | per | per round trip | Portcullis counterpart |")
        w("|---|---:|---|---:|---|")
        for n in linux_rows:
            pc = "; ".join("%s (`%s`)" % (fmt(values[p]), p) if p in values else "not measured (`%s`)" % p
                           for p in back.get(n, []))
            w("| `%s` | %s | %s | %s | %s |" % (n, fmt(linux[n]), per_of(n),
              fmt(2 * linux[n]) if is_yield(n) else "", pc or "-"))
        w("")

    if a.plot:
        w("## Plot")
        w("")
        w("![The targets' rows: value, target and Linux counterpart, %s, log scale; lower is better](%s)"
          % (unit, os.path.basename(a.plot)))
        w("")
        w("(Written when gnuplot is installed; a bar that stops at 0.5 is a value of 1 on the "
          "log axis, and a missing bar is a value not measured or not positive.)")
        w("")
        with open(a.plot + ".dat", "w") as f:
            for label, v, t, lv in plot:
                cell = lambda x: fmt(number(str(x))).replace(",", "") if x != "" and float(x) > 0 else "-"
                f.write("%s\t%s\t%s\t%s\n" % (label, cell(v), cell(t), cell(lv)))
    with open(a.out, "w") as f:
        f.write("\n".join(L) + "\n")


if __name__ == "__main__":
    main()
