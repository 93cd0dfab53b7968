#!/bin/sh
# profile.sh "QEMU COMMAND" OP [WORD...]
# Boots the benchmarks once with a log of every instruction QEMU runs
# (-singlestep -d exec,nochain; about 2 GB for batches=1 iters=16), then
# prints where one iteration of OP's loop goes, function by function
# (bench/profile.py; OP is the op_* function a figure times).  For
# development: `make bench-profile OP=op_call`.  docs/bench.md, "Profiling".
set -eu
qemu="$1"
op="$2"
shift 2
trace="${PROFILE_TRACE:-bench/out/trace.log}"
mkdir -p "$(dirname "$trace")"
# shellcheck disable=SC2086
timeout --foreground -k 5 600 $qemu -accel tcg -icount shift=0,sleep=off -display none \
	-append "bench accel=tcg-icount batches=1 iters=16 $*" -serial file:bench/out/profile.log \
	-singlestep -d exec,nochain -D "$trace" </dev/null || true
tr -d '\r' < bench/out/profile.log | grep -q "^init: bench PASSED" ||
	{ echo "profile: the bench boot failed (bench/out/profile.log)" >&2; exit 1; }
python3 bench/profile.py "$trace" "$op"
[ -n "${PROFILE_KEEP:-}" ] || rm -f "$trace"
