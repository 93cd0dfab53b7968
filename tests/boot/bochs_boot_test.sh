#!/bin/sh
# bochs_boot_test.sh - boot the demo ISO in Bochs, headless.
#
#   sh tests/boot/bochs_boot_test.sh [--iso ISO] [--timeout S]   (make test-bochs)
#       Boot ISO's default GRUB entry (make test-bochs gives it
#       build/portcullis-demo.iso, whose default is the demo), wait until
#       COM1 shows the boot banner, the root task and "init: demo done", then
#       kill Bochs and print a report. Exit 1 if anything is missing or S
#       seconds pass (default 120), after printing the tails of the logs.
#
# (`make bochs` and `make test-bochs-shell` boot the system with COM1 on a
# socket instead: tests/boot/bochs_shell.py.)
# Runs from the repo root with no terminal (CI) as well as in one. Bochs runs
# under `script` (its `term` display needs a tty) on a pty of its own, never
# on ours, with a debugger rc file that just says `c`. Every run is wrapped in `timeout`, and
# on any exit - success, failure, timeout, Ctrl-C - the Bochs process is
# SIGKILLed by its pid (Debian's Bochs catches SIGTERM/SIGINT and stops in
# its debugger instead of exiting), then `script` is reaped. The paths of the
# COM1 file and the Bochs log are read from the bochsrc, and so is the ISO's
# unless --iso names one (it then replaces ata1-master on the command line).
# Environment: BOCHS (default bochs), BOCHSRC (default bochsrc), BUILD (build).

set -u
cd "$(dirname "$0")/../.." || exit 2

BOCHS=${BOCHS:-bochs}
BOCHSRC=${BOCHSRC:-bochsrc}
BUILD=${BUILD:-build}
TIMEOUT=120
ISO=
while [ $# -gt 0 ]; do
	case $1 in
	--iso) ISO=${2:?--iso needs a path}; shift ;;
	--timeout) TIMEOUT=${2:?--timeout needs seconds}; shift ;;
	*) echo "usage: $0 [--iso ISO] [--timeout SECONDS]" >&2; exit 2 ;;
	esac
	shift
done
case $TIMEOUT in ''|*[!0-9]*|0) echo "$0: bad --timeout '$TIMEOUT'" >&2; exit 2 ;; esac

say() { echo "bochs: $*"; }

# ---- what the bochsrc says ----
[ -r "$BOCHSRC" ] || { say "no $BOCHSRC"; exit 2; }
rc_value() { # rc_value OPTION KEY: KEY=value of the first live OPTION: line
	sed -n "s/^$1:.*[[:space:],]$2=\([^,[:space:]#]*\).*/\1/p" "$BOCHSRC" | head -n 1
}
CDROM=
if [ -n "$ISO" ]; then CDROM="'ata1-master: type=cdrom, path=$ISO, status=inserted'"
else ISO=$(rc_value ata1-master path); fi
COM1=$(rc_value com1 dev)
LOG=$(sed -n 's/^log:[[:space:]]*\([^[:space:]#]*\).*/\1/p' "$BOCHSRC" | head -n 1)
for v in ISO COM1 LOG; do
	eval "[ -n \"\$$v\" ]" || { say "cannot find the $v path in $BOCHSRC"; exit 2; }
done
[ -f "$ISO" ] || { say "no $ISO: run 'make iso' first"; exit 2; }
command -v "$BOCHS" > /dev/null || { say "$BOCHS not found (make deps)"; exit 2; }
command -v script > /dev/null || { say "script not found (util-linux)"; exit 2; }

mkdir -p "$BUILD" "$(dirname "$COM1")" "$(dirname "$LOG")"
RCFILE=$BUILD/bochs.rc          # debugger commands: just continue
CONSOLE=$BUILD/bochs-console.log  # Bochs' terminal: its messages, port 0xE9, the curses screen
PIDFILE=$BUILD/bochs.pid
printf 'c\n' > "$RCFILE"
rm -f "$COM1" "$LOG" "$PIDFILE"
: > "$COM1"

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# ---- start Bochs ----
# Inside the pty: record the pid, then exec timeout, which runs Bochs as its
# child and SIGKILLs it after HARD seconds, or 2 s after passing on a
# SIGTERM/SIGHUP (script sends SIGTERM when it is told to stop; the pty hangs
# up if script dies), so Bochs can't outlive a killed run for long. TERM: the
# curses display needs a known terminal type; the pty is ours.
# script's stdin is /dev/null, so it never touches our terminal's modes, and
# as a background job of this non-interactive shell it ignores Ctrl-C.
# The inner limit is 5 s past ours, a backstop: the loop below notices the
# deadline first and reports it.
HARD=$((TIMEOUT + 5))
START=$(now)
TERM=xterm SHELL=/bin/sh script -qfec \
	"echo \$\$ > '$PIDFILE'; exec timeout -s KILL -k 2 $HARD $BOCHS -q -unlock -f '$BOCHSRC' -rc '$RCFILE' $CDROM" \
	/dev/null < /dev/null > "$CONSOLE" 2>&1 &
SCRIPT_PID=$!
BOCHS_PIDS=

# A process's children, from /proc/PID/stat ("pid (comm) state ppid ..."):
# no need for procps, which minimal systems may lack.
children() {
	sed -n 's/^\([0-9]*\) (.*) [A-Za-z] \([0-9]*\) .*/\1 \2/p' /proc/[0-9]*/stat 2>/dev/null |
		awk -v p="$1" '$2 == p { print $1 }'
}

# Bochs' pid: the child of the `timeout` whose pid the pty's shell recorded.
# BOCHS_PIDS keeps the last pids found, to check afterwards that they died.
find_bochs() {
	[ -s "$PIDFILE" ] || return 1
	found_pids=$(children "$(cat "$PIDFILE")" | tr '\n' ' ')
	[ -n "${found_pids% }" ] || return 1
	BOCHS_PIDS=${found_pids% }
}

# Running, and not a zombie waiting to be reaped.
alive() {
	kill -0 "$1" 2>/dev/null || return 1
	! grep -qs '^State:[[:space:]]*Z' "/proc/$1/status"
}

# Kill Bochs by pid (SIGKILL); its `timeout` then reaps it and exits, and
# `script` after it. Only if they linger (5 s) are they killed too: killing
# them first would orphan Bochs and leave a zombie.
# Further signals are ignored meanwhile: make and `timeout` both pass on a
# SIGTERM, and the second must not cut the cleanup short.
cleanup() {
	trap '' INT TERM HUP
	trap - EXIT
	find_bochs
	for p in $BOCHS_PIDS; do
		grep -qs bochs "/proc/$p/cmdline" && kill -KILL "$p" 2>/dev/null
	done
	i=0
	while alive "$SCRIPT_PID" && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	if alive "$SCRIPT_PID"; then
		tp=$(cat "$PIDFILE" 2>/dev/null)
		[ -n "$tp" ] && grep -qs timeout "/proc/$tp/cmdline" && kill -KILL "$tp" 2>/dev/null
		kill -KILL "$SCRIPT_PID" 2>/dev/null
	fi
	wait "$SCRIPT_PID" 2>/dev/null
	STATUS=$?
	LEFT=
	for p in $BOCHS_PIDS; do alive "$p" && LEFT="$LEFT $p"; done
	rm -f "$PIDFILE"
}
trap 'cleanup; say "stopped (SIGINT), Bochs killed"; exit 130' INT
trap 'cleanup; say "stopped (SIGTERM), Bochs killed"; exit 143' TERM
trap 'cleanup; say "stopped (SIGHUP), Bochs killed"; exit 129' HUP
trap 'cleanup' EXIT

# Wait (up to 10 s) for Bochs to start.
started=yes
i=0
until find_bochs; do
	if ! alive "$SCRIPT_PID" || [ $i -ge 100 ]; then started=; break; fi
	sleep 0.1
	i=$((i + 1))
done

# ---- make test-bochs: wait for the markers ----
set -- "Portcullis 0.1 (i386) booting" \
	"init: root task running as tid 1" \
	"init: demo done"
N=$#
found=0
seen1= seen2= seen3=
reason=
[ -n "$started" ] || reason="Bochs did not start"
while [ -z "$reason" ]; do
	k=0
	for m in "$@"; do
		k=$((k + 1))
		eval "s=\$seen$k"
		if [ -z "$s" ] && grep -qF "$m" "$COM1" 2>/dev/null; then
			eval "seen$k=$(secs "$START" "$(now)")"
			found=$((found + 1))
		fi
	done
	[ $found -eq $N ] && break
	if ! alive "$SCRIPT_PID"; then reason="Bochs exited early"; break; fi
	if awk -v a="$START" -v b="$(now)" -v t="$TIMEOUT" 'BEGIN { exit !(b - a >= t) }'; then
		reason="timed out after $TIMEOUT s"
		break
	fi
	sleep 0.2
done
ELAPSED=$(secs "$START" "$(now)")
cleanup

fail=0
k=0
for m in "$@"; do
	k=$((k + 1))
	eval "s=\$seen$k"
	if [ -n "$s" ]; then
		echo "ok $k - COM1 shows \"$m\" (at $s s)"
	else
		echo "not ok $k - COM1 shows \"$m\""
		fail=1
	fi
done
k=$((k + 1))
if [ -z "$LEFT" ]; then
	echo "ok $k - no Bochs process left (Bochs was pid ${BOCHS_PIDS:-none: it never started})"
else
	echo "not ok $k - Bochs still running: pid$LEFT"
	fail=1
fi
if [ $fail -eq 0 ]; then
	say "PASS: $ISO booted to the demo in $ELAPSED s (COM1 log: $COM1)"
	exit 0
fi
case $reason in Bochs*) reason="$reason (exit status $STATUS)" ;; esac
say "FAIL${reason:+: $reason} ($ELAPSED s)"
echo "---- last 40 lines of $COM1 ----"
tail -n 40 "$COM1"
echo "---- last 40 lines of $LOG ----"
tail -n 40 "$LOG" 2>/dev/null
echo "---- Bochs errors and panics in $LOG ----"
grep -a -E '^[0-9]+[ep]\[' "$LOG" 2>/dev/null | tail -n 20
echo "---- last 20 lines of $CONSOLE ----"
tail -n 20 "$CONSOLE" | tr -d '\r' | sed 's/\x1b\[[0-9;?]*[A-Za-z]//g'
exit 1
