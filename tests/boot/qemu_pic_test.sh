#!/bin/sh
# qemu_pic_test.sh "QEMU COMMAND" TIMEOUT
# The 8259 path on a two-CPU machine: booted with `noioapic`, the kernel
# keeps the PICs delivering every IRQ to CPU 0 (docs/smp.md, "Interrupt
# routing"), and the usertests that take real interrupts (the RTC's
# IRQ 8, the keyboard's IRQ 1, the disk's IRQ 14) and route them must pass
# (irq_route_to_cpu1 skips: the line cannot leave CPU 0).
set -u
qemu="$1"
limit="${2:-90}"
name=test-boot-pic
sh "$(dirname "$0")/qemu_boot_test.sh" "$qemu -smp 2,sockets=2" "$limit" \
	"test only=irq_,rtc_,kbd_,ata_,life_irq noioapic" "$name" || exit 1
want="ioapic: none in use"
if grep -q "^$want" "build/$name-debugcon.log"; then
	echo "ok: noioapic: \"$want\""
else
	echo "FAIL: noioapic: no \"$want\" in build/$name-debugcon.log:"
	grep '^ioapic:' "build/$name-debugcon.log" || echo "(no ioapic: line)"
	exit 1
fi
