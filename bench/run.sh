#!/bin/sh
# run.sh "QEMU COMMAND" TIMEOUT OUTDIR [WORD...]
# Boots the benchmarks twice on one CPU (the kernel's default I/O bitmap
# scheme, then iobitmap=eager), then once with the word smp on each CPU
# count in BENCH_SMP_CPUS (default "2 4 8"; QEMU only), collects the BENCH
# lines, writes OUTDIR/results.csv and OUTDIR/results.json, and prints the
# lines, a table, the SMP figures' growth with the CPUs
# (OUTDIR/smp.md, bench/smp.awk), and the scaling curves (OUTDIR/curves.txt
# and OUTDIR/curves-<series>.png, bench/curves.sh).  WORDs go to the guest (batches=N,
# iters=N).  The -smp of the QEMU command is replaced in every boot.  The accelerator is BENCH_ACCEL if set
# (tcg-icount, tcg, kvm or bochs); otherwise KVM when it really works here,
# else TCG with -icount.  bochs boots BENCH_BOCHS_ISOS ("EXTENT_ISO
# EAGER_ISO", made by bench/bench.mk) through bench/bochs.sh; their GRUB
# entries fix the guest's words, so WORDs cannot be passed there.
# docs/bench.md explains the figures.
set -u
qemu="$1"
limit="$2"
out="$3"
shift 3
words="$*"
mkdir -p "$out"

die() {
	echo "bench: $*" >&2
	exit 1
}

. bench/accel.sh

# The QEMU command on stdin with $1 CPUs, one per socket, whatever -smp it had.
with_cpus() {
	sed -E "s/ -smp [^ ]+//; s/\$/ -smp $1,sockets=$1/"
}

# boot ACCEL NAME ARGS CPUS: serial log in $out/NAME.log; true if bench passed.
boot() {
	log="$out/$2.log"
	if [ "$1" = bochs ]; then
		# shellcheck disable=SC2086
		set -- $BENCH_BOCHS_ISOS "$2"
		[ "$3" = eager ] && shift
		sh bench/bochs.sh "$1" "$log" "$limit" || return 1
		tr -d '\r' < "$log" | grep -q "^init: bench PASSED"
		return
	fi
	# shellcheck disable=SC2046
	timeout --foreground -k 5 "$limit" $(accel_qemu "$1" | with_cpus "$4") -display none \
		-append "bench accel=$1 $3" -serial "file:$log" \
		-debugcon "file:$out/$2-debugcon.log" </dev/null
	rc=$?
	[ "$rc" -eq 124 ] && echo "bench: $2: timeout after ${limit}s" >&2
	# isa-debug-exit: init powering off with 0 makes QEMU exit with 1.
	[ "$rc" -eq 1 ] && tr -d '\r' < "$log" | grep -q "^init: bench PASSED"
}

# KVM only if the device is usable, the CPU can virtualise, and a trial
# boot gets as far as bench's banner (a KVM that cannot run 32-bit paging
# resets the guest instead).
kvm_works() {
	[ -r /dev/kvm ] && [ -w /dev/kvm ] || { echo "/dev/kvm is not usable"; return 1; }
	grep -qwE 'vmx|svm' /proc/cpuinfo || { echo "the CPU flags show neither vmx nor svm"; return 1; }
	boot kvm probe probe 1 2> "$out/probe-stderr.log" && grep -q "^bench: Portcullis benchmarks accel=kvm" "$out/probe.log" ||
		{ echo "a trial boot under KVM did not reach the bench banner"; return 1; }
}

accel="${BENCH_ACCEL:-}"
if [ -z "$accel" ]; then
	if why=$(kvm_works); then accel=kvm; else accel=tcg-icount; echo "bench: not KVM: $why"; fi
fi
accel_qemu "$accel" > /dev/null
echo "bench: accelerator $accel"
if [ "$accel" = bochs ]; then
	[ -n "${BENCH_BOCHS_ISOS:-}" ] || die "bochs needs BENCH_BOCHS_ISOS (make bench BENCH_ACCEL=bochs sets it)"
	[ -z "$words" ] || echo "bench: bochs: the ISOs' GRUB entries fix the guest's words; ignoring '$words'"
fi

boot "$accel" extent "$words" 1 || { tail -n 30 "$out/extent.log"; die "the extent boot failed"; }
boot "$accel" eager "iobitmap=eager $words" 1 || { tail -n 30 "$out/eager.log"; die "the eager boot failed"; }
logs="$out/extent.log $out/eager.log"
if [ "$accel" = bochs ]; then
	echo "bench: bochs: no SMP boots (the ISOs' GRUB entries fix the words; bochsrc one CPU)"
else
	for n in ${BENCH_SMP_CPUS:-2 4 8}; do
		boot "$accel" "smp$n" "smp $words" "$n" || { tail -n 30 "$out/smp$n.log"; die "the $n-CPU boot failed"; }
		logs="$logs $out/smp$n.log"
	done
fi
# shellcheck disable=SC2086
cat $logs | tr -d '\r' | grep '^BENCH ' > "$out/bench.txt"
[ -s "$out/bench.txt" ] || die "no BENCH lines"

awk -v csv="$out/results.csv" -v json="$out/results.json" -f bench/results.awk "$out/bench.txt" ||
	die "cannot write $out/results.csv"

cat "$out/bench.txt"
echo
awk -F, -v base=switch_noports -f bench/table.awk "$out/results.csv"
tr -d '\r' < "$out/extent.log" | grep '^bench: a yield with nothing'
echo
awk -F, -f bench/smp.awk "$out/results.csv" | tee "$out/smp.md"
# The scaling curves (bench/curves.sh): series against n, slopes, one plot each.
echo
if [ "$accel" = bochs ]; then
	cpu="Bochs $(sed -n 's/^cpu: model=\([^,]*\).*/\1/p' bochsrc)"
else
	cpu="QEMU $(echo "$qemu" | sed -n 's/.* -cpu \([^ ]*\).*/\1/p')"
fi
sh bench/curves.sh "$out/results.csv" "$out" "$out/linux-results.csv" "$cpu"
# The disk figures' rates (KiB/s against the timer): also in $out/rates.txt.
tr -d '\r' < "$out/extent.log" | grep '^bench: rate ' | tee "$out/rates.txt"
echo "bench: results in $out/results.csv and $out/results.json"
# The Linux column (make bench-linux), if there is one: both columns, the ratio, the plot.
if [ -s "$out/linux-results.csv" ]; then
	echo
	sh bench/compare.sh "$out/results.csv" "$out/linux-results.csv" "$out"
else
	echo "bench: no Linux column yet ($out/linux-results.csv): make bench-linux, then make bench"
fi
