#!/bin/sh
# qemu_panic_test.sh "QEMU COMMAND" TIMEOUT
# Boots with "kpanic": the kernel takes a deliberate ring-0 page fault and
# must print a readable report (vector, CR2, registers, a symbolic
# backtrace) and power off with code 0x7f (QEMU exit status 255).
set -u
qemu="$1"
limit="${2:-60}"
log=build/test-panic.log
mkdir -p build
# shellcheck disable=SC2086
timeout --foreground -k 5 "$limit" $qemu -accel tcg -append kpanic -display none \
	-serial "file:$log" -debugcon "file:build/test-panic-debugcon.log" </dev/null
rc=$?
status=0
check() {
	if grep -qE "$1" "$log"; then echo "ok - panic report has: $2"
	else echo "not ok - panic report lacks: $2"; status=1; fi
}
check '^\*\*\* PANIC: page fault in kernel mode' "the cause"
check '^vector 14 error 0x[0-9a-f]{8} cr2 0x00000000' "vector, error code and CR2"
check '^eip 0x[0-9a-f]{8} cs 0x0008 eflags' "the faulting EIP and CS"
check '^  0x[0-9a-f]{8} panic_selftest\+0x' "the faulting function by name"
check '^  0x[0-9a-f]{8} kmain\+0x' "its caller in the backtrace"
check '^KERNEL PANIC: system halted' "the final line"
if [ "$rc" -ne 255 ]; then echo "not ok - QEMU exit status $rc, want 255 (code 0x7f)"; status=1; fi
[ $status -eq 0 ] && echo "panic test (QEMU TCG): passed" || { echo "panic test: FAILED"; cat "$log"; }
exit $status
