#!/bin/sh
# bochs_trace.sh - the rogue scenario in Bochs, with Bochs' own record of every
# #GP raised in ring 3 lined up by EIP against the kernel's IOFAULT lines.
#
#   sh tests/boot/bochs_trace.sh [--timeout S]    (make bochs-trace)
#       Boot build/portcullis-rogue.iso headless until the guest powers off,
#       print the table (also saved as build/bochs-trace.txt). Exit 1 if any
#       trapped access lacks its partner on either side.
#   sh tests/boot/bochs_trace.sh --match COM1 BOCHSLOG DEBUGGERLOG
#       Only the matcher, on logs of an earlier run.
#   sh tests/boot/bochs_trace.sh --selftest       (make test-bochs-trace)
#       The matcher on copies of the last run's logs, each with one record
#       deleted or altered: every copy must fail, the untouched one pass.
#
# Bochs' record comes in two halves, because Debian's Bochs 2.7 prints no
# EIP with its exception messages (logprefix %i is compiled out when SMP
# support is, and this build has it):
#  - the CPU debug log (debug: cpu0=report): the cause ("IN_ALDX: I/O access
#    not allowed !"), "exception(0x0d): error_code=0000" and "INTERRUPT TO
#    INNER PRIVILEGE", i.e. it came from ring 3;
#  - the debugger log: a breakpoint on the kernel's #GP entry (vector13 in
#    kernel.sym) stops before the kernel runs an instruction, and
#    `print-stack 3` shows the error code, EIP and CS the emulated CPU pushed.
#    Each stop is one tick after its exception line.
# docs/bochs.md shows real lines of both and explains the options.
# Environment: BOCHS (default bochs), BOCHSRC (bochsrc), BUILD (build).

set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/boot/bochs_run.sh
BOCHS=${BOCHS:-bochs}
BOCHSRC=${BOCHSRC:-bochsrc}
BUILD=${BUILD:-build}
ISO=$BUILD/portcullis-rogue.iso
COM1=$BUILD/bochs-trace-com1.log
LOG=$BUILD/bochs-trace.log
DBG=$BUILD/bochs-trace-debugger.log
CONSOLE=$BUILD/bochs-trace-console.log
RC=$BUILD/bochs-trace.rc
PIDFILE=$BUILD/bochs-trace.pid
TABLE=$BUILD/bochs-trace.txt
MAXSTOPS=100    # debugger stops the rc file answers; then it quits Bochs

say() { echo "bochs-trace: $*"; }

# ---- the matcher: match COM1 BOCHSLOG DEBUGGERLOG; prints the table ----
match() {
	ev=$BUILD/bochs-trace.events
	{
		# "TICK G ERR CAUSE": a #GP whose delivery changed privilege
		# (ring 3 to 0). Other exceptions in between cancel a pending one.
		awk '!match($0, /^[0-9]+/) { next }
		{ t = substr($0, 1, RLENGTH) + 0; m = $0; sub(/^[0-9]+[a-z]\[[^]]*\] /, "", m) }
		m ~ /^exception\(/ {
			p = m ~ /^exception\(0x0d\)/; pt = t; vec = substr(m, 11, 4)
			err = m; sub(/.*error_code=/, "", err); err = "0x" err
			c = "-"; if (prevt == t) { c = prevm; sub(/[: ].*/, "", c) }
		}
		p && t == pt && m == "interrupt(): INTERRUPT TO INNER PRIVILEGE" { print t, "G", vec, err, c; p = 0 }
		{ prevt = t; prevm = m }' "$2"
		# "TICK S ERR EIP CS": a breakpoint stop and the top of its stack.
		awk '/^\([0-9]+\) Breakpoint / { bp = 1; n = 0; t = -1; next }
		bp && /^Next at t=/ { t = substr($0, 11) + 0; next }
		bp && /^ \| STACK / && match($0, /\[0x[0-9a-fA-F]+\]/) {
			v[n++] = tolower(substr($0, RSTART + 1, RLENGTH - 2))
			if (n == 3) { print t, "S", v[0], v[1], v[2]; bp = 0 }
		}' "$3"
	} | sort -k1,1n -k2,2 > "$ev"
	kf=$BUILD/bochs-trace.kernel
	tr -d '\r' < "$1" | grep '^IOFAULT ' > "$kf"
	awk -v kf="$kf" -v com1="$1" -v blog="$2" -v dbg="$3" '
	function hex(s,   i, n) {
		s = tolower(s); sub(/^0x/, "", s); n = 0
		for (i = 1; i <= length(s); i++) n = n * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
		return n
	}
	function field(k,   i) { for (i = 2; i <= NF; i++) if (index($i, k "=") == 1) return substr($i, length(k) + 2); return "?" }
	function half(what) { notes = notes sprintf("  !! incomplete Bochs record: %s\n", what); nhalf++; bad++ }
	function line(a, b, c, d, e, f, g, h, i, j, k, l) {
		printf "%3s  %-10s | %9s  %-4s  %-6s  %-13s  %-9s | %-4s  %-6s  %-5s  %-10s | %s\n", a, b, c, d, e, f, g, h, i, j, k, l
	}
	function row(r, k, note,   b, c, d, e, f, g) {
		b = c = d = e = f = g = "-"
		if (r) { b = reip[r]; c = rt[r]; d = rvec[r]; e = rerr[r]; f = substr(rcs[r], 7) ":" substr(reip[r], 3); g = rcause[r] }
		else { b = keip[k]; c = "(none)" }
		if (k) line(++nrow, b, c, d, e, f, g, kop[k], kport[k], kwid[k], kact[k], note)
		else line(++nrow, b, c, d, e, f, g, "-", "-", "-", "(none)", note)
	}
	FILENAME == kf { nk++; keip[nk] = tolower(field("eip")); kop[nk] = field("op"); kport[nk] = field("port")
		kwid[nk] = field("width"); kact[nk] = field("action"); next }
	$2 == "G" { if (pend) half(sprintf("exception(0x0d) at t=%d has no debugger stop (no CS:EIP)", gt))
		pend = 1; gt = $1; gvec = $3; gerr = $4; gcause = $5; next }
	$2 == "S" {
		if (hex($5) % 4 == 0) next    # a ring-0 #GP: a kernel bug, not a trapped access
		if (!pend || $1 - gt > 2) { half(sprintf("debugger stop at t=%d (CS:EIP %s:%s) has no exception(0x0d) line", $1, $5, $4)); next }
		pend = 0
		if (hex($4) < hex("40000000") || hex($4) > hex("bfffffff")) { half(sprintf("t=%d: CS %s but EIP %s outside user space", $1, $5, $4)); next }
		nb++; rt[nb] = gt; rvec[nb] = gvec; rerr[nb] = gerr; rcause[nb] = gcause; reip[nb] = $4; rcs[nb] = $5
	}
	END {
		if (pend) half(sprintf("exception(0x0d) at t=%d has no debugger stop (no CS:EIP)", gt))
		for (k = 1; k <= nk; k++) q[keip[k], ++cnt[keip[k]]] = k
		printf "Bochs #GP records (%s, %s) against kernel IOFAULT lines (%s), by EIP:\n", blog, dbg, com1
		printf "%3s  %-10s | %-49s | %-31s |\n", "", "", "Bochs: #GP record", "kernel: IOFAULT line"
		line("#", "eip", "tick", "vec", "error", "cs:eip", "cause", "op", "port", "width", "action", "match")
		for (r = 1; r <= nb; r++) {
			e = reip[r]
			if (used[e] < cnt[e]) { k = q[e, ++used[e]]; taken[k] = 1; ok++; row(r, k, "ok") }
			else { row(r, 0, "MISSING: no IOFAULT line for this #GP"); bad++ }
		}
		for (k = 1; k <= nk; k++) if (!taken[k]) { row(0, k, "MISSING: no Bochs #GP record for this IOFAULT"); bad++ }
		if (ok == 0) { notes = notes "  !! no trapped access at all\n"; bad++ }
		printf "%s", notes
		printf "bochs-trace: %d/%d trapped accesses matched (bochs #GP records: %d, kernel IOFAULT lines: %d%s)\n", ok, nrow, nb, nk,
			nhalf ? sprintf(", incomplete Bochs records: %d", nhalf) : ""
		exit (bad > 0)
	}' "$kf" "$ev"
}

# ---- --selftest: each doctored copy must fail ----
# drop FILE REGEX first|last: delete the first or last line matching REGEX.
drop() {
	awk -v re="$2" -v which="$3" 'NR == FNR { if ($0 ~ re) { n++; if (!f) f = FNR; l = FNR } next }
		!(FNR == (which == "first" ? f : l))' "$1" "$1"
}
selftest() {
	for f in "$COM1" "$LOG" "$DBG"; do
		[ -s "$f" ] || { say "no $f: run 'make bochs-trace' first"; exit 2; }
	done
	d=$BUILD/bochs-trace-selftest
	rm -rf "$d"; mkdir -p "$d"
	n=0 fails=0
	# case WANT DESCRIPTION: runs the matcher on $d/com1 $d/log $d/dbg.
	case_() {
		n=$((n + 1))
		match "$d/com1" "$d/log" "$d/dbg" > "$d/out.$n" 2>&1
		got=$?
		sum=$(grep '^bochs-trace: ' "$d/out.$n")
		if [ "$got" -eq "$1" ]; then
			echo "ok $n - $2: exit $got ($sum)"
		else
			echo "not ok $n - $2: exit $got, want $1 ($sum)"; fails=$((fails + 1))
			cat "$d/out.$n"
		fi
	}
	fresh() { tr -d '\r' < "$COM1" > "$d/com1"; cp "$LOG" "$d/log"; cp "$DBG" "$d/dbg"; }
	fresh; case_ 0 "the logs as recorded"
	fresh; drop "$COM1" '^IOFAULT ' last | tr -d '\r' > "$d/com1"
	case_ 1 "last IOFAULT line deleted (the 3rd at the stubborn rogue's EIP)"
	fresh; awk '{ print } /^IOFAULT / { l = $0 } END { print l }' "$d/com1" > "$d/com1.x"; mv "$d/com1.x" "$d/com1"
	case_ 1 "last IOFAULT line doubled (4 kernel lines at one EIP, 3 #GPs)"
	fresh; awk '/^IOFAULT / && !done { sub(/eip=0x[0-9a-f]+/, "eip=0x40000001"); done = 1 } { print }' "$d/com1" > "$d/com1.x"
	mv "$d/com1.x" "$d/com1"
	case_ 1 "first IOFAULT line with another EIP"
	fresh; drop "$LOG" 'exception[(]0x0d[)]' last > "$d/log"
	drop "$DBG" '^[(][0-9]+[)] Breakpoint ' last > "$d/dbg"
	case_ 1 "last Bochs record deleted (both halves)"
	fresh; drop "$LOG" 'exception[(]0x0d[)]' first > "$d/log"
	case_ 1 "first exception(0x0d) line deleted from the Bochs log"
	fresh; drop "$DBG" '^[(][0-9]+[)] Breakpoint ' last > "$d/dbg"
	case_ 1 "last breakpoint stop deleted from the debugger log"
	if [ $fails -eq 0 ]; then say "selftest: PASS ($n cases: the matcher fails on every doctored log)"; exit 0; fi
	say "selftest: FAIL ($fails of $n cases)"; exit 1
}

# ---- arguments ----
TIMEOUT=60
case ${1:-} in
--match) [ $# -eq 4 ] || { echo "usage: $0 --match COM1 BOCHSLOG DEBUGGERLOG" >&2; exit 2; }
	match "$2" "$3" "$4"; exit $? ;;
--selftest) selftest ;;
--timeout) TIMEOUT=${2:?--timeout needs seconds} ;;
'') ;;
*) echo "usage: $0 [--timeout S | --match COM1 LOG DBG | --selftest]" >&2; exit 2 ;;
esac
case $TIMEOUT in ''|*[!0-9]*|0) echo "$0: bad --timeout '$TIMEOUT'" >&2; exit 2 ;; esac

# ---- the run ----
[ -f "$ISO" ] || { say "no $ISO: run 'make bochs-trace'"; exit 2; }
GP=$(sed -n 's/^\([0-9a-f]*\) T vector13$/\1/p' "$BUILD/kernel.sym")
[ -n "$GP" ] || { say "no vector13 in $BUILD/kernel.sym"; exit 2; }
command -v "$BOCHS" > /dev/null || { say "$BOCHS not found (make deps)"; exit 2; }
command -v script > /dev/null || { say "script not found (util-linux)"; exit 2; }
rm -f "$COM1" "$LOG" "$DBG" "$PIDFILE" "$TABLE"
: > "$COM1"; : > "$LOG"; : > "$DBG"     # so a run that dies early still reads as one
{
	echo "lb 0x$GP"; echo c
	i=0; while [ $i -lt $MAXSTOPS ]; do echo "print-stack 3"; echo c; i=$((i + 1)); done
	echo q
} > "$RC"

# tests/boot/bochs_run.sh: under `script` and `timeout`, killed by pid on
# Ctrl-C.  The options after -f override the bochsrc: the rogue ISO, this
# run's own log files, and the logging the matcher depends on, whatever
# bochsrc says.  One CPU: the debug log the matcher reads is CPU 0's, and a
# rogue on another CPU would leave no record there.
START=$(date +%s.%N)
bochs_run "$PIDFILE" "$CONSOLE" "$TIMEOUT" -rc "$RC" \
	"ata1-master: type=cdrom, path=$ISO, status=inserted" \
	"com1: enabled=1, mode=file, dev=$COM1" "log: $LOG" "logprefix: %t%e%d" \
	"debug: action=ignore, cpu0=report" "debugger_log: $DBG" "cpu: count=1"
STATUS=$BOCHS_STATUS
# Running, and not a zombie: when `timeout` SIGKILLs its process group it dies
# too, and the killed Bochs waits as an orphan for init to reap it.
alive() { kill -0 "$1" 2>/dev/null && ! grep -qs '^State:[[:space:]]*Z' "/proc/$1/status"; }
ELAPSED=$(awk -v a="$START" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')

fail=0
match "$COM1" "$LOG" "$DBG" > "$TABLE" || fail=1
cat "$TABLE"
P=$(bochs_pid "$PIDFILE")
if [ -z "$P" ]; then
	say "FAIL: Bochs never started (status $STATUS); $CONSOLE ends:"
	tail -n 20 "$CONSOLE" | tr -d '\r'; exit 1
fi
if alive "$P"; then say "FAIL: Bochs (pid $P) still running"; fail=1; fi
[ "$STATUS" -eq 137 ] && { say "FAIL: timed out after $TIMEOUT s, Bochs killed"; fail=1; }
stops=$(grep -c '^([0-9]*) Breakpoint ' "$DBG" 2>/dev/null)
[ "${stops:-0}" -gt $MAXSTOPS ] && { say "FAIL: $stops #GP stops, more than $BUILD/bochs-trace.rc answers"; fail=1; }
if ! tr -d '\r' < "$COM1" | grep -q 'init: rogue scenario done'; then
	say "FAIL: COM1 lacks \"init: rogue scenario done\"; it ends:"; tail -n 15 "$COM1" | tr -d '\r'; fail=1
fi
rm -f "$PIDFILE"
if [ $fail -eq 0 ]; then
	say "PASS: rogue scenario in Bochs, guest powered off after $ELAPSED s; Bochs (pid $P) gone; table: $TABLE"
	exit 0
fi
say "FAIL after $ELAPSED s (Bochs exit status $STATUS); logs: $COM1 $LOG $DBG $CONSOLE"
exit 1
