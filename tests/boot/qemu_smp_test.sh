#!/bin/sh
# qemu_smp_test.sh "QEMU COMMAND" TIMEOUT CPUS
# The usertests on a machine with CPUS processors (one socket each, so
# SeaBIOS's MP table names them all), and the kernel's reading of the
# firmware's tables: the boot log must say "smp: CPUS CPUs (MP table)",
# and every one must schedule tasks ("smp: CPUS CPUs schedule tasks",
# docs/smp.md).  QEMU 7.2 runs TCG multi-threaded (MTTCG, a host thread
# per vCPU: "CPU n/TCG" with -name debug-threads=on) whenever -icount is
# not given, so the SMP tests (user/usertests/smp*.c) race for real.  They
# skip themselves on one CPU; on more, none may skip, and they must have run.
set -u
qemu="$1"
limit="${2:-120}"
n="$3"
name=test-boot-smp$n
log=build/$name.log
sh "$(dirname "$0")/qemu_boot_test.sh" "$qemu -smp $n,sockets=$n" "$limit" test "$name" || exit 1
for want in "smp: $n CPUs (MP table), IOAPIC at 0xfec00000" "smp: $n CPUs schedule tasks"; do
	if grep -q "^$want" "build/$name-debugcon.log"; then
		echo "ok: -smp $n: \"$want\""
	else
		echo "FAIL: -smp $n: no \"$want\" in build/$name-debugcon.log:"
		grep '^smp:' "build/$name-debugcon.log" || echo "(no smp: line)"
		exit 1
	fi
done
# The interrupts come through the IOAPIC (irq_route_to_cpu1 would skip otherwise).
grep -q "^ioapic: symmetric I/O mode" "build/$name-debugcon.log" || {
	echo "FAIL: -smp $n: no \"ioapic: symmetric I/O mode\" in build/$name-debugcon.log"
	exit 1
}
[ "$n" -gt 1 ] || exit 0
skipped=$(grep -acE '^ok [0-9]+ - .* # SKIP' "$log")
ran=$(grep -aE '^ok [0-9]+ - smp_' "$log" | grep -vc '# SKIP')
if [ "$skipped" -ne 0 ] || [ "$ran" -eq 0 ]; then
	echo "FAIL: -smp $n: $skipped test(s) skipped, $ran SMP test(s) ran"
	exit 1
fi
echo "ok: -smp $n: $ran SMP tests ran, none skipped"
