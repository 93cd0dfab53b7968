#!/bin/sh
# qemu_boot_test.sh "QEMU COMMAND" TIMEOUT [CMDLINE NAME]
# Boots the kernel under QEMU TCG (never KVM) with init in test mode, which
# runs user/usertests and powers off through isa-debug-exit.  Passes only if
# QEMU exits with status 1 (guest wrote 0), the TAP plan is complete and no
# test failed.  CMDLINE (default "test") may choose one suite, e.g.
# "test nokbd"; NAME (default test-boot) names the logs build/NAME*.log.
set -u
qemu="$1"
limit="${2:-120}"
cmdline="${3:-test}"
name="${4:-test-boot}"
log=build/$name.log
e9=build/$name-debugcon.log
mkdir -p build
start=$(date +%s.%N)
# shellcheck disable=SC2086
timeout --foreground -k 5 "$limit" $qemu -accel tcg -append "$cmdline" -display none \
	-serial "file:$log" -debugcon "file:$e9" </dev/null
rc=$?
secs=$(echo "$(date +%s.%N) - $start" | bc 2>/dev/null || echo "?")

title="boot tests (QEMU TCG)"
[ "$name" = test-boot ] || title="$name (QEMU TCG, $cmdline)"
# shellcheck source=tests/boot/usertests_verdict.sh
. "$(dirname "$0")/usertests_verdict.sh"
usertests_verdict "$title" "$log" "$rc" "$limit" "$secs"
