#!/bin/sh
# check.sh RESULTS.csv [RESULTS.csv...]
# The smoke test's verdict on results.csv files from bench/run.sh: every
# expected figure exactly once, 0 < min <= median <= max, n > 0, and, for
# tcg-icount (deterministic: one TSC tick per instruction), the same rows in
# every file.  No timing thresholds.  Exit status 0 only if all hold.
set -u
# BENCH_EXPECTED replaces the list (make test-bench-linux: the linux_* figures).
expected="${BENCH_EXPECTED:-loop_overhead raw_sysenter raw_int80 null_syscall_sysenter null_syscall_int80 ipc_call_reply
port_in_ring0 port_in_ring3_iopb port_in_ring3_iopl port_in_ring3_syscall gp_trap_to_supervisor gp_trap_supervise grant_revoke
mem_map_unmap_1 mem_map_unmap_4 mem_map_unmap_16 mem_map_unmap_64 mem_protect mem_retype_1 mem_retype_4 mem_retype_16
mem_retype_64 mem_cycle_1 mem_cycle_4 mem_cycle_16 mem_cycle_64 mem_revoke_1 mem_revoke_2 mem_revoke_4
switch_noports switch_ports_one switch_ports_two switch_ports_wide switch_fpu switch_ports_two_eager8k switch_ports_wide_eager8k
ata_read_kib_512 ata_write_kib_512 ata_read_kib_4k ata_write_kib_4k ata_read_kib_32k ata_write_kib_32k}"
status=0
fail() {
	echo "not ok - $*"
	status=1
}

for f in "$@"; do
	[ -s "$f" ] || { fail "$f: missing or empty"; continue; }
	for name in $expected; do
		c=$(grep -c "^$name," "$f")
		[ "$c" -eq 1 ] || fail "$f: $name appears $c times (want 1)"
	done
	awk -F, -v f="$f" 'NR > 1 && !($7 > 0 && $5 > 0 && $5 <= $4 && $4 <= $6) {
		printf "not ok - %s: %s: want 0 < min <= median <= max and n > 0: %s\n", f, $1, $0; bad = 1 }
	NR > 1 && $3 != ($2 == "tcg-icount" ? "insns" : $3) {
		printf "not ok - %s: %s: unit %s under %s\n", f, $1, $3, $2; bad = 1 }
	END { exit bad }' "$f" || status=1
done

first="$1"
shift
# The disk figures (ata_*) are left out: QEMU finishes a disk request in
# its I/O thread, so how many instructions the driver spends waiting for it
# depends on the host, even under -icount (docs/bench.md, "Disk").
for f in "$@"; do
	grep -v '^ata_' "$first" > "$first.same"
	grep -v '^ata_' "$f" > "$f.same"
	if grep -q ',tcg-icount,' "$first" && ! cmp -s "$first.same" "$f.same"; then
		fail "tcg-icount figures differ between runs:"
		diff "$first.same" "$f.same"
	fi
	rm -f "$f.same"
done
rm -f "$first.same"
[ $status -eq 0 ] && echo "ok - bench smoke: $(($(wc -l < "$first") - 1)) figures, well-formed and reproducible"
exit $status
