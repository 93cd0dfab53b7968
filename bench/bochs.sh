#!/bin/sh
# bochs.sh ISO COM1LOG TIMEOUT
# One benchmark boot in Bochs for bench/run.sh (BENCH_ACCEL=bochs): boots
# ISO (build/portcullis-bench.iso or -bench-eager.iso, whose default GRUB
# entry is `bench accel=bochs ...`) headless until the guest powers off, with
# COM1 in COM1LOG and Bochs' own files next to it (COM1LOG without .log,
# then -bochs.log, -bochs-console.log).  Bochs runs as for make bochs-trace
# (tests/boot/bochs_run.sh, docs/bochs.md).  Exit status 1 if Bochs was
# killed at TIMEOUT seconds.  The options after -f override bochsrc:
#   debug: action=ignore, cpu0=ignore
#                          no per-interrupt CPU lines (bochsrc logs them;
#                          over a whole benchmark run that is gigabytes);
#                          action= alone leaves bochsrc's cpu0=report on
#   cpu: count=1           one CPU, as the Bochs figures were measured
#   clock: sync=none       full host speed.  The figures do not change:
#                          Bochs' TSC and PIT both count emulated ticks
#                          (one per instruction), whatever the host does.
# Environment: BOCHS (default bochs), BOCHSRC (bochsrc).
set -u
. tests/boot/bochs_run.sh
iso="$1"
com1="$2"
limit="$3"
base="${com1%.log}"
say() { echo "bench: $*" >&2; }
[ -f "$iso" ] || { say "no $iso"; exit 1; }
command -v "${BOCHS:-bochs}" > /dev/null || { say "${BOCHS:-bochs} not found (make deps)"; exit 1; }
command -v script > /dev/null || { say "script not found (util-linux)"; exit 1; }
printf 'c\n' > "$base-bochs.rc"
: > "$com1"
bochs_run "$base-bochs.pid" "$base-bochs-console.log" "$limit" -rc "$base-bochs.rc" \
	"ata1-master: type=cdrom, path=$iso, status=inserted" \
	"com1: enabled=1, mode=file, dev=$com1" "log: $base-bochs.log" \
	"debug: action=ignore, cpu0=ignore" "clock: sync=none, time0=local" "cpu: count=1"
rm -f "$base-bochs.pid"
[ "$BOCHS_STATUS" -eq 137 ] && { say "Bochs timed out after ${limit}s and was killed"; exit 1; }
exit 0
