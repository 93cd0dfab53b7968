#!/bin/sh
# qemu_smp_test.sh "QEMU COMMAND" TIMEOUT CPUS
# The usertests on a machine with CPUS processors (one socket each, so
# SeaBIOS's MP table names them all), and the kernel's reading of the
# firmware's tables: the boot log must say "smp: CPUS CPUs (MP table)",
# and every one must schedule tasks ("smp: CPUS CPUs schedule tasks").
set -u
qemu="$1"
limit="${2:-120}"
n="$3"
name=test-boot-smp$n
sh "$(dirname "$0")/qemu_boot_test.sh" "$qemu -smp $n,sockets=$n" "$limit" test "$name" || exit 1
want="smp: $n CPUs (MP table), IOAPIC at 0xfec00000"
# The interrupts come through the IOAPIC (irq_route_to_cpu1 would skip otherwise).
grep -q "^ioapic: symmetric I/O mode" "build/$name-debugcon.log" || {
	echo "FAIL: -smp $n: no \"ioapic: symmetric I/O mode\" in build/$name-debugcon.log"
	exit 1
}
if grep -q "^$want" "build/$name-debugcon.log"; then
	echo "ok: -smp $n: \"$want\""
else
	echo "FAIL: -smp $n: no \"$want\" in build/$name-debugcon.log:"
	grep '^smp:' "build/$name-debugcon.log" || echo "(no smp: line)"
	exit 1
fi
up="smp: $n CPUs schedule tasks"
if grep -q "^$up" "build/$name-debugcon.log"; then
	echo "ok: -smp $n: \"$up\""
else
	echo "FAIL: -smp $n: no \"$up\" in build/$name-debugcon.log:"
	grep '^smp:' "build/$name-debugcon.log" || echo "(no smp: line)"
	exit 1
fi
