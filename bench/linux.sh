#!/bin/sh
# linux.sh "QEMU MACHINE" TIMEOUT OUTDIR VMLINUZ INITRAMFS PACKAGE-FILE [WORD...]
# make bench-linux: boots Debian's i386 kernel (bench/linux/kernel.sh) with
# bench/linux/lbench.c as /init, in the machine Portcullis' bench uses
# (QEMU MACHINE: the same -M, -cpu and -m), with 4 CPUs of which Linux
# boots one (maxcpus=1): lbench brings the others up for the SMP figures,
# after the one-CPU figures.  Collects the `BENCH linux_*` lines, writes
# OUTDIR/linux-results.csv and .json, prints the lines, a table and how the
# SMP figures grow with CPUs (bench/growth.awk), and, when
# OUTDIR/results.csv (make bench) is there, both columns side by side
# (bench/compare.sh).  WORDs (batches=N,
# iters=N) go on the kernel command line, which lbench reads.  The
# accelerator is BENCH_ACCEL, tcg-icount by default (docs/bench.md).  The
# RTC starts at a fixed date on the virtual clock: Linux mixes the boot
# time into its random seed (address-space layout), so with a fixed date
# two tcg-icount runs print identical logs.
set -u
qemu="$1"
limit="$2"
out="$3"
kernel="$4"
initrd="$5"
package="$6"
shift 6
words="$*"
mkdir -p "$out"

die() {
	echo "bench-linux: $*" >&2
	exit 1
}

. bench/accel.sh

accel="${BENCH_ACCEL:-tcg-icount}"
accel_qemu "$accel" > /dev/null
log="$out/linux.log"
echo "bench-linux: accelerator $accel, kernel $(cat "$package")"
start=$(date +%s)
# shellcheck disable=SC2046
timeout --foreground -k 5 "$limit" $(accel_qemu "$accel") -smp 4,sockets=4 -display none \
	-rtc base=2026-01-01T00:00:00,clock=vm -kernel "$kernel" -initrd "$initrd" \
	-append "console=ttyS0 quiet panic=-1 maxcpus=1 accel=$accel $words" -serial "file:$log" </dev/null
rc=$?
[ "$rc" -eq 124 ] && echo "bench-linux: timeout after ${limit}s" >&2
tr -d '\r' < "$log" | grep -q '^linux: done' || { tail -n 30 "$log"; die "the Linux boot failed (QEMU status $rc)"; }
echo "bench-linux: boot and figures took $(($(date +%s) - start)) s"

tr -d '\r' < "$log" | grep '^BENCH linux_' > "$out/linux-bench.txt"
[ -s "$out/linux-bench.txt" ] || die "no BENCH lines"
about=$(tr -d '\r' < "$log" | sed -n 's/^linux: kernel //p')
cpu=$(echo "$about" | sed -n 's/.*cpu "\([^"]*\)".*/\1/p')
awk -v csv="$out/linux-results.csv" -v json="$out/linux-results.json" \
	-v kernel="$(cat "$package"): ${about%%, cpu *}" -v cpu="$cpu" \
	-f bench/results.awk "$out/linux-bench.txt" || die "cannot write $out/linux-results.csv"

tr -d '\r' < "$log" | grep '^linux: '
cat "$out/linux-bench.txt"
echo
awk -F, -v base=linux_switch_noports -f bench/table.awk "$out/linux-results.csv"
echo
awk -F, -f bench/growth.awk "$out/linux-results.csv"
echo "bench-linux: results in $out/linux-results.csv and $out/linux-results.json; serial log $log"
if [ -s "$out/results.csv" ]; then
	echo
	sh bench/compare.sh "$out/results.csv" "$out/linux-results.csv" "$out"
else
	echo "bench-linux: no Portcullis column yet ($out/results.csv): make bench"
fi
