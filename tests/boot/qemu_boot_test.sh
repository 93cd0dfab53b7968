#!/bin/sh
# qemu_boot_test.sh "QEMU COMMAND" TIMEOUT
# Boots the kernel under QEMU TCG (never KVM) with init in test mode, which
# runs user/usertests and powers off through isa-debug-exit.  Passes only if
# QEMU exits with status 1 (guest wrote 0), the TAP plan is complete and no
# test failed.
set -u
qemu="$1"
limit="${2:-120}"
log=build/test-boot.log
e9=build/test-boot-debugcon.log
mkdir -p build
start=$(date +%s.%N)
# shellcheck disable=SC2086
timeout --foreground -k 5 "$limit" $qemu -accel tcg -append test -display none \
	-serial "file:$log" -debugcon "file:$e9" </dev/null
rc=$?
secs=$(echo "$(date +%s.%N) - $start" | bc 2>/dev/null || echo "?")

plan=$(sed -n 's/^1\.\.\([0-9][0-9]*\)\r*$/\1/p' "$log" | head -1)
oks=$(grep -cE '^ok [0-9]+ - ' "$log")
fails=$(grep -cE '^not ok [0-9]+ - ' "$log")
grep -E '^(not )?ok [0-9]+ - |^# ' "$log" | tr -d '\r'

status=0
why=""
if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then why="$why timeout after ${limit}s;"; status=1; fi
if [ "$rc" -ne 1 ]; then why="$why QEMU exit status $rc (want 1: isa-debug-exit 0);"; status=1; fi
if [ -z "$plan" ]; then why="$why no TAP plan;"; status=1; plan=0; fi
if [ "$fails" -ne 0 ]; then why="$why $fails test(s) failed;"; status=1; fi
if [ "$oks" -ne "$plan" ]; then why="$why $oks ok of plan $plan;"; status=1; fi
grep -q "init: usertests PASSED" "$log" || { why="$why init did not report PASSED;"; status=1; }
if grep -q "PANIC" "$log"; then why="$why kernel panic;"; status=1; fi

if [ "$status" -eq 0 ]; then
	echo "boot tests (QEMU TCG): $oks/$plan passed in ${secs}s"
else
	echo "boot tests (QEMU TCG): FAILED:$why"
	echo "---- last 60 lines of $log ----"
	tail -n 60 "$log"
fi
exit $status
