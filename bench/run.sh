#!/bin/sh
# run.sh "QEMU COMMAND" TIMEOUT OUTDIR [WORD...]
# Boots the benchmarks twice (the kernel's default I/O bitmap scheme, then
# iobitmap=eager), collects the BENCH lines, writes OUTDIR/results.csv and
# OUTDIR/results.json, and prints the lines and a table.  WORDs go to the
# guest (batches=N, iters=N).  The accelerator is BENCH_ACCEL if set
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

# The flags that make QEMU the given accelerator.  KVM runs the host's CPU
# model: the point is the real machine's cost, not pentium3's.
accel_qemu() {
	case "$1" in
	tcg-icount) echo "$qemu -accel tcg -icount shift=0,sleep=off" ;;
	tcg) echo "$qemu -accel tcg" ;;
	kvm) echo "$qemu -enable-kvm" | sed 's/-cpu [^ ]*/-cpu host/' ;;
	bochs) echo "bochs" ;;
	*) die "unknown accelerator '$1' (tcg-icount, tcg, kvm or bochs)" ;;
	esac
}

# boot ACCEL NAME ARGS: serial log in $out/NAME.log; true if bench passed.
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
	timeout --foreground -k 5 "$limit" $(accel_qemu "$1") -display none \
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
	boot kvm probe probe 2> "$out/probe-stderr.log" && grep -q "^bench: Portcullis benchmarks accel=kvm" "$out/probe.log" ||
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

boot "$accel" extent "$words" || { tail -n 30 "$out/extent.log"; die "the extent boot failed"; }
boot "$accel" eager "iobitmap=eager $words" || { tail -n 30 "$out/eager.log"; die "the eager boot failed"; }
cat "$out/extent.log" "$out/eager.log" | tr -d '\r' | grep '^BENCH ' > "$out/bench.txt"
[ -s "$out/bench.txt" ] || die "no BENCH lines"

# BENCH <name> accel=A unit=U median=M min=m max=x n=N -> CSV and JSON.
awk -v csv="$out/results.csv" -v json="$out/results.json" '
function val(f) { sub(/^[a-z]+=/, "", f); return f }
{ name[NR] = $2; accel = val($3); unit = val($4)
  med[NR] = val($5); lo[NR] = val($6); hi[NR] = val($7); n[NR] = val($8) }
END {
	print "name,accel,unit,median,min,max,n" > csv
	printf "{\"accel\": \"%s\", \"unit\": \"%s\", \"figures\": [", accel, unit > json
	for (i = 1; i <= NR; i++) {
		printf "%s,%s,%s,%s,%s,%s,%s\n", name[i], accel, unit, med[i], lo[i], hi[i], n[i] > csv
		printf "%s\n  {\"name\": \"%s\", \"median\": %s, \"min\": %s, \"max\": %s, \"n\": %s}",
			(i > 1 ? "," : ""), name[i], med[i], lo[i], hi[i], n[i] > json
	}
	print "\n]}" > json
}' "$out/bench.txt" || die "cannot write $out/results.csv"

cat "$out/bench.txt"
echo
awk -F, 'NR == 1 { next }
$1 == "switch_noports" { base = $4 }
{ row[NR] = $0 }
END {
	printf "%-28s %10s %10s %10s %4s  %s\n", "figure", "median", "min", "max", "n", "median - switch_noports"
	for (i = 2; i <= NR; i++) {
		split(row[i], f, ",")
		extra = (f[1] ~ /^switch_/ && f[1] != "switch_noports" && base != "") ? sprintf("%+d", f[4] - base) : ""
		printf "%-28s %10s %10s %10s %4s  %s\n", f[1], f[4], f[5], f[6], f[7], extra
		unit = f[3]; accel = f[2]
	}
	printf "(%s per operation, %s; loop_overhead already taken off the others)\n", unit, accel
}' "$out/results.csv"
tr -d '\r' < "$out/extent.log" | grep '^bench: a yield with nothing'
echo "bench: results in $out/results.csv and $out/results.json"
