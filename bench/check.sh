#!/bin/sh
# check.sh RESULTS.csv [RESULTS.csv...]
# The smoke test's verdict on results.csv files from bench/run.sh: every
# expected figure exactly once, 0 < min <= median <= max, n > 0, and, for
# tcg-icount (deterministic: one TSC tick per instruction), the same rows in
# every file; a figure that counts its IPIs (the SMP figures) has a number
# there, and the IPIs it must: none for the null calls and a parked
# shootdown, one per operation to each remote CPU for the others
# (docs/bench.md, "SMP").  No timing thresholds.  Exit status 0 only if all hold.
set -u
# BENCH_EXPECTED replaces the list (make test-bench-linux: the linux_* figures).
expected="${BENCH_EXPECTED:-loop_overhead raw_sysenter raw_int80 null_syscall_sysenter null_syscall_int80 ipc_call_reply
port_in_ring0 port_in_ring3_iopb port_in_ring3_iopl port_in_ring3_syscall gp_trap_to_supervisor gp_trap_supervise grant_revoke
revoke_holders_1 revoke_holders_2 revoke_holders_4 revoke_holders_8
mem_map_unmap_1 mem_map_unmap_4 mem_map_unmap_16 mem_map_unmap_64 mem_protect mem_retype_1 mem_retype_4 mem_retype_16
mem_retype_64 mem_cycle_1 mem_cycle_4 mem_cycle_16 mem_cycle_64 mem_revoke_1 mem_revoke_2 mem_revoke_4
switch_grants_64_unaligned
switch_noports switch_ports_one switch_ports_two switch_ports_wide switch_fpu switch_ports_two_eager8k switch_ports_wide_eager8k
ipc_words_0 ipc_words_2 ipc_words_3 ipc_words_4 ipc_words_6 ipc_words_8 ipc_caps_1 ipc_caps_2
grant_revoke_extent_1 grant_revoke_extent_8 grant_revoke_extent_64 grant_revoke_extent_512
switch_runnable_2 switch_runnable_4 switch_runnable_8
switch_extent_1 switch_extent_8 switch_extent_16 switch_extent_32 switch_extent_64 switch_extent_256 switch_extent_4096
switch_layout_straddle
switch_pair_uart16550_ps2kbd switch_pair_uart16550_rtc switch_pair_uart16550_ata switch_pair_uart16550_vga
switch_pair_uart16550_floppy switch_pair_ps2kbd_rtc switch_pair_ps2kbd_ata switch_pair_ps2kbd_vga switch_pair_ps2kbd_floppy
switch_pair_rtc_ata switch_pair_rtc_vga switch_pair_rtc_floppy switch_pair_ata_vga switch_pair_ata_floppy switch_pair_vga_floppy
ata_read_kib_512 ata_write_kib_512 ata_read_kib_4k ata_write_kib_4k ata_read_kib_32k ata_write_kib_32k
ata_dma_read_kib_512 ata_dma_write_kib_512 ata_dma_read_kib_4k ata_dma_write_kib_4k ata_dma_read_kib_32k ata_dma_write_kib_32k
null_syscall_sysenter_smp2 null_syscall_int80_smp2 ipc_call_reply_smp2 ipc_call_reply_cross_smp2 ipi_roundtrip_smp2
grant_revoke_smp2 grant_revoke_remote_smp2
null_syscall_sysenter_smp4 null_syscall_int80_smp4 ipc_call_reply_smp4 ipc_call_reply_cross_smp4 ipi_roundtrip_smp4
ipi_all_smp4 grant_revoke_smp4 grant_revoke_remote_smp4
null_syscall_sysenter_smp8 null_syscall_int80_smp8 ipc_call_reply_smp8 ipc_call_reply_cross_smp8 ipi_roundtrip_smp8
ipi_all_smp8 grant_revoke_smp8 grant_revoke_remote_smp8
shootdown_live_1 shootdown_live_2 shootdown_live_4 shootdown_live_8
shootdown_parked_1 shootdown_parked_2 shootdown_parked_4 shootdown_parked_8}"
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
	awk -F, -v f="$f" '
	# The IPIs per operation a figure must send: "" if it counts none, or
	# any number (the cross-CPU round trip: at least one wake-up each way).
	function want(name) {
		if (name ~ /^(null_syscall_sysenter|null_syscall_int80|ipc_call_reply|grant_revoke)_smp[0-9]+$/ ||
		    name ~ /^shootdown_parked_/)
			return 0
		if (name ~ /^(ipi_roundtrip|grant_revoke_remote)_smp[0-9]+$/)
			return 1
		if (name ~ /^ipi_all_smp[0-9]+$/) {
			sub(/^ipi_all_smp/, "", name)
			return name - 1
		}
		if (name ~ /^shootdown_live_[0-9]+$/) {
			sub(/^shootdown_live_/, "", name)
			return name - 1
		}
		return ""
	}
	NR > 1 && $1 ~ /^ipc_call_reply_cross_smp/ && !($8 >= 2) {
		printf "not ok - %s: %s: %s IPIs per round trip, want at least 2\n", f, $1, $8; bad = 1 }
	NR > 1 && (w = want($1)) != "" && ($8 == "" || $8 + 0 != w) {
		printf "not ok - %s: %s: %s IPIs per operation, want %d\n", f, $1, $8 == "" ? "no count of" : $8, w; bad = 1 }
	NR > 1 && !($7 > 0 && $5 > 0 && $5 <= $4 && $4 <= $6) {
		printf "not ok - %s: %s: want 0 < min <= median <= max and n > 0: %s\n", f, $1, $0; bad = 1 }
	NR > 1 && $8 != "" && $8 !~ /^[0-9]+\.[0-9][0-9]$/ {
		printf "not ok - %s: %s: ipis %s is not a count per operation\n", f, $1, $8; bad = 1 }
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
