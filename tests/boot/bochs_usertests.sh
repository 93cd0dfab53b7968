#!/bin/sh
# bochs_usertests.sh - the ring-3 test suite (user/usertests) in Bochs with
# several CPUs: Bochs interleaves its CPUs deterministically, QUANTUM
# instructions each in turn, so each quantum is another interleaving of the
# same run, and the second opinion on what the QEMU SMP boots test.
#
#   sh tests/boot/bochs_usertests.sh --iso ISO --cpus N --quantum Q --name NAME [--timeout S]
#       (make test-bochs-usertests, make test-bochs-revoke)
#       Boots ISO (build/portcullis-test.iso: init runs every test;
#       build/portcullis-revoke.iso: only the revoke ones) with
#       `cpu: count=N, quantum=Q` until the guest powers off, then passes
#       only if the TAP plan is complete, no test failed, init said PASSED,
#       the kernel started all N CPUs ("smp: N CPUs schedule tasks", and a
#       "smp: cpuK up" line for each AP) and Bochs logged no panic but the
#       guest's own shutdown.  Exit 1 otherwise, after the logs' tails.
#
# Logs: build/NAME-com1.log (COM1: the kernel log and the TAP lines),
# build/NAME.log (Bochs' log), build/NAME-console.log (its terminal).
# The guest powers off through port 0x8900 ("Shutdown"), which ends Bochs
# whatever the result; the verdict comes from COM1.  The clock runs with
# sync=none: an idle CPU (sys_sleep) costs no real time, so the suite's
# sleeps and timeouts do not make the run slower than the work in it.
# Environment: BOCHS (default bochs), BOCHSRC (bochsrc), BUILD (build).

set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/boot/bochs_run.sh
. tests/boot/usertests_verdict.sh
BUILD=${BUILD:-build}
ISO='' CPUS='' QUANTUM='' NAME='' TIMEOUT=600
while [ $# -gt 0 ]; do
	case $1 in
	--iso) ISO=${2:?}; shift ;;
	--cpus) CPUS=${2:?}; shift ;;
	--quantum) QUANTUM=${2:?}; shift ;;
	--name) NAME=${2:?}; shift ;;
	--timeout) TIMEOUT=${2:?}; shift ;;
	*) echo "usage: $0 --iso ISO --cpus N --quantum Q --name NAME [--timeout S]" >&2; exit 2 ;;
	esac
	shift
done
for v in "$ISO" "$CPUS" "$QUANTUM" "$NAME"; do
	[ -n "$v" ] || { echo "usage: $0 --iso ISO --cpus N --quantum Q --name NAME [--timeout S]" >&2; exit 2; }
done
case $CPUS$QUANTUM$TIMEOUT in *[!0-9]*) echo "$0: numbers only: --cpus, --quantum, --timeout" >&2; exit 2 ;; esac

say() { echo "$NAME: $*"; }
[ -f "$ISO" ] || { say "no $ISO"; exit 2; }
command -v "${BOCHS:-bochs}" > /dev/null || { say "${BOCHS:-bochs} not found (make deps)"; exit 2; }
command -v script > /dev/null || { say "script not found (util-linux)"; exit 2; }

COM1=$BUILD/$NAME-com1.log
LOG=$BUILD/$NAME.log
CONSOLE=$BUILD/$NAME-console.log
RC=$BUILD/$NAME.rc
printf 'c\n' > "$RC"
: > "$COM1"
rm -f "$LOG"
START=$(date +%s.%N)
bochs_run "$BUILD/$NAME.pid" "$CONSOLE" "$TIMEOUT" -rc "$RC" \
	"ata1-master: type=cdrom, path=$ISO, status=inserted" \
	"com1: enabled=1, mode=file, dev=$COM1" "log: $LOG" "debug: action=ignore, cpu0=ignore" \
	"cpu: count=$CPUS, quantum=$QUANTUM" "clock: sync=none, time0=local"
SECS=$(awk -v a="$START" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
P=$(bochs_pid "$BUILD/$NAME.pid")
rm -f "$BUILD/$NAME.pid"

why=
# usertests_verdict wants QEMU's status: 1 for a run that ended by itself,
# 137 for one `timeout` killed.  Bochs ends on the guest's shutdown as a
# "panic" of its own, which is the one to expect; any other (a triple
# fault: "3rd (13) exception with no resolution") is the kernel's.
rc=1
if [ "$BOCHS_STATUS" -eq 137 ]; then rc=137
elif ! grep -q 'Shutdown port: shutdown requested' "$LOG" 2>/dev/null; then
	why=" Bochs ended without the guest's shutdown (exit status $BOCHS_STATUS);"
fi
panics=$(grep -a '>>PANIC<<' "$LOG" 2>/dev/null | grep -v 'Shutdown port: shutdown requested')
[ -z "$panics" ] || why="$why Bochs panic: $panics;"
if [ -n "$P" ] && kill -0 "$P" 2>/dev/null && ! grep -qs '^State:[[:space:]]*Z' "/proc/$P/status"; then
	why="$why Bochs (pid $P) still running;"
fi
# COM1 carries \r\n; the kernel's own bring-up lines.
smp=$(tr -d '\r' < "$COM1" | grep -a '^smp: ')
echo "$smp" | grep -qx "smp: $CPUS CPUs schedule tasks" || why="$why no \"smp: $CPUS CPUs schedule tasks\";"
k=1
while [ "$k" -lt "$CPUS" ]; do
	echo "$smp" | grep -q "^smp: cpu$k up, LAPIC id " || why="$why no \"smp: cpu$k up\";"
	k=$((k + 1))
done

if usertests_verdict "$NAME (Bochs, $CPUS CPUs, quantum $QUANTUM)" "$COM1" "$rc" "$TIMEOUT" "$SECS" "$why"; then
	echo "$smp" | sed "s/^/$NAME: /"
	exit 0
fi
echo "---- Bochs' errors and panics in $LOG ----"
grep -a '^[0-9]*[ep]\[' "$LOG" 2>/dev/null | tail -n 20
exit 1
