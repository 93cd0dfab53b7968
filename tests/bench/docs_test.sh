#!/bin/sh
# docs_test.sh - make test-bench-docs: bench/docs.sh on small made-up runs,
# judged against the real bench/targets, must say met exactly where a
# figure is within its target and missed where it is over (each target
# tried on both sides of its edge), "not measured" for a figure the run
# lacks (never a guess), a yield figure per round trip as two yields, and
# a Linux column only when its run used the same unit.  TAP output; exit
# status 0 only if every check holds.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
bad=0
ok() {
	n=$((n + 1))
	if [ "$1" = "$2" ]; then
		echo "ok $n - $3"
	else
		echo "not ok $n - $3: got '$1', want '$2'"
		bad=1
	fi
}

# csv DIR FILE ACCEL UNIT name=median...: a results.csv as bench/results.awk writes it.
csv() {
	dir="$1" file="$2" accel="$3" unit="$4"
	shift 4
	mkdir -p "$dir"
	echo "name,accel,unit,median,min,max,n,ipis" > "$dir/$file"
	for kv in "$@"; do
		echo "${kv%%=*},$accel,$unit,${kv#*=},${kv#*=},${kv#*=},21," >> "$dir/$file"
	done
}

# field DOC ROW COLUMN: a cell of the targets table (columns counted from 1:
# row, value, unit, per, per yield, target, met/missed, Linux, how).
field() {
	awk -F'|' -v row="\`$2\`" -v col="$3" '
		/^## Against the targets/ { on = 1 } /^## Every figure/ { on = 0 }
		on { c = $2; gsub(/^ +| +$/, "", c); if (c == row) { v = $(col + 1); gsub(/^ +| +$/, "", v); gsub(/^\*\*|\*\*$/, "", v); print v } }' "$1"
}
verdict() { field "$1" "$2" 7; }
value() { field "$1" "$2" 2; }
# cell DOC FIGURE COLUMN: a cell of the every-figure table.
cell() {
	awk -F'|' -v row="\`$2\`" -v col="$3" '
		/^## Every figure/ { on = 1 } /^## Growth/ { on = 0 }
		on { c = $2; gsub(/^ +| +$/, "", c); if (c == row) { v = $(col + 1); gsub(/^ +| +$/, "", v); print v } }' "$1"
}

run() {   # run DIR: docs.sh on DIR's results.csv into DIR/doc.md
	BENCH_DATE=fixed sh bench/docs.sh "$1" "$1/doc.md" > "$1/out.txt" 2>&1 ||
		{ cat "$1/out.txt"; echo "not ok - bench/docs.sh failed on $1"; exit 1; }
}

# Run 1: every figure at its target's edge or just over it.
csv "$tmp/a" results.csv tcg-icount insns \
	null_syscall_sysenter=40 port_in_ring0=1 port_in_ring3_iopb=1 ipc_call_reply=250 ipc_words_8=301 ipc_caps_1=500 \
	gp_trap_to_supervisor=1001 switch_noports=150 switch_ports_two=176 switch_pair_ata_uart16550=175 \
	switch_pair_rtc_ps2kbd=180 switch_extent_1=160 switch_extent_64=176 switch_ports_wide=1200 \
	revoke_holders_1=806 revoke_holders_8=2906 grant_revoke_extent_1=1000 grant_revoke_extent_512=1511
csv "$tmp/a" linux-results.csv tcg-icount insns linux_switch_noports=2000 linux_null_syscall_vdso=368
run "$tmp/a"
d="$tmp/a/doc.md"
ok "$(verdict "$d" null_syscall_sysenter)" met "null_syscall_sysenter 40 meets <= 40"
ok "$(verdict "$d" ipc_call_reply)" met "ipc_call_reply 250 meets <= 250"
ok "$(verdict "$d" ipc_words_8)" missed "ipc_words_8 301 misses <= 300"
ok "$(verdict "$d" ipc_caps_1)" met "ipc_caps_1 500 meets <= 2 x ipc_call_reply (500)"
ok "$(verdict "$d" gp_trap_to_supervisor)" missed "gp_trap_to_supervisor 1001 misses <= 1000"
ok "$(verdict "$d" port_in_ring3_iopb)" met "port_in_ring3_iopb = port_in_ring0"
ok "$(value "$d" 'switch_noports (round trip)')" 300 "a yield of 150 is a round trip of 300"
ok "$(field "$d" 'switch_noports (round trip)' 5)" 150 "and 150 per yield"
ok "$(verdict "$d" 'switch_noports (round trip)')" met "a round trip of 300 meets <= 300"
ok "$(value "$d" 'switch_ports_two (over no ports)')" 52 "switch_ports_two over switch_noports, per round trip: 2 x 26"
ok "$(verdict "$d" 'switch_ports_two (over no ports)')" missed "+52 per round trip misses <= +50"
ok "$(verdict "$d" 'switch_pair_ata_uart16550 (over no ports)')" met "a switch_pair_* at +50 meets (the pattern's first match)"
ok "$(verdict "$d" 'switch_pair_rtc_ps2kbd (over no ports)')" missed "a switch_pair_* at +60 misses (its second match)"
ok "$(verdict "$d" 'switch_extent_1 (over no ports)')" met "switch_extent_1 at +20 meets"
ok "$(verdict "$d" 'switch_extent_64 (over no ports)')" missed "switch_extent_64 at +52 misses"
ok "$(verdict "$d" 'switch_extent_8 (over no ports)')" "not measured (no switch_extent_8)" "a figure the run lacks is not measured"
ok "$(value "$d" 'switch_extent_8 (over no ports)')" - "and has no value"
ok "$(verdict "$d" null_syscall_sysenter_smp2)" "not measured (no null_syscall_sysenter_smp2)" "no -smp 2 figure: not measured"
ok "$(value "$d" 'revoke_holders (slope)')" 300 "the revoke slope (r8 - r1) / 7"
ok "$(verdict "$d" 'revoke_holders (slope)')" met "a slope of 300 meets <= 300"
ok "$(value "$d" 'grant_revoke_extent (slope)')" 1 "the grant_revoke_extent slope is stated"
ok "$(verdict "$d" 'grant_revoke_extent (slope)')" stated "with no verdict"
ok "$(field "$d" 'switch_noports (round trip)' 8)" "4,000 (\`linux_switch_noports\`)" "the Linux counterpart is per round trip too"
ok "$(cell "$d" switch_noports 4)" 300 "every-figure table: a yield figure per round trip"
ok "$(cell "$d" ipc_call_reply 4)" "" "and no round-trip column for a figure that is no yield"
ok "$(grep -c 'Lower is better' "$d")" 1 "the page says lower is better"

# Run 2: the same figures one over each edge, the other way.
csv "$tmp/b" results.csv tcg-icount insns \
	null_syscall_sysenter=41 port_in_ring0=1 port_in_ring3_iopb=2 ipc_call_reply=251 ipc_words_8=300 ipc_caps_1=503 \
	gp_trap_to_supervisor=1000 switch_noports=151 switch_ports_two=176 switch_pair_ata_uart16550=176 \
	revoke_holders_1=806 revoke_holders_8=2913
csv "$tmp/b" linux-results.csv tcg insns linux_switch_noports=2000
run "$tmp/b"
d="$tmp/b/doc.md"
ok "$(verdict "$d" null_syscall_sysenter)" missed "null_syscall_sysenter 41 misses <= 40"
ok "$(verdict "$d" ipc_call_reply)" missed "ipc_call_reply 251 misses <= 250"
ok "$(verdict "$d" ipc_words_8)" met "ipc_words_8 300 meets <= 300"
ok "$(verdict "$d" ipc_caps_1)" missed "ipc_caps_1 503 misses <= 2 x 251"
ok "$(verdict "$d" gp_trap_to_supervisor)" met "gp_trap_to_supervisor 1000 meets <= 1000"
ok "$(verdict "$d" port_in_ring3_iopb)" missed "port_in_ring3_iopb 2 is not = port_in_ring0 1"
ok "$(verdict "$d" 'switch_noports (round trip)')" missed "a round trip of 302 misses <= 300"
ok "$(verdict "$d" 'switch_ports_two (over no ports)')" met "+50 per round trip meets <= +50"
ok "$(verdict "$d" 'revoke_holders (slope)')" missed "a slope of 301 misses <= 300"
ok "$(verdict "$d" 'switch_pair_* (over no ports)')" "" "a pattern that matches leaves no unexpanded row"
ok "$(verdict "$d" 'grant_revoke_extent (slope)')" "not measured (no grant_revoke_extent_512)" "a stated slope without its figures: not measured"
ok "$(field "$d" 'switch_noports (round trip)' 8)" - "a Linux run in another accelerator gives no counterpart"
ok "$(grep -c 'not the same accelerator or unit' "$d")" 1 "and the header says why"

# Run 3: a pattern that matches nothing, no Linux run, a Bochs run.
csv "$tmp/c" results.csv tcg-icount insns switch_noports=150 ipc_words_8=290
csv "$tmp/c" bochs-results.csv bochs ticks switch_noports=151
run "$tmp/c"
d="$tmp/c/doc.md"
ok "$(verdict "$d" 'switch_pair_* (over no ports)')" "not measured (no figure switch_pair_*)" "a pattern that matches nothing: not measured"
ok "$(verdict "$d" ipc_call_reply)" "not measured (no ipc_call_reply)" "ipc_call_reply missing: not measured"
ok "$(grep -c 'Linux column:\*\* not measured' "$d")" 1 "no Linux run: its column is not measured"
ok "$(cell "$d" switch_noports 8)" 151 "the Bochs run's median in its column"
ok "$(cell "$d" ipc_words_8 8)" "not measured" "a figure the Bochs run lacks: not measured"

# A Bochs run is a column, never the page's base.
csv "$tmp/e" results.csv bochs ticks switch_noports=151
if BENCH_DATE=fixed sh bench/docs.sh "$tmp/e" "$tmp/e/doc.md" > "$tmp/e/out.txt" 2>&1; then st=0; else st=1; fi
ok "$st" 1 "bench/docs.sh refuses a Bochs run as the base"

echo "1..$n"
exit $bad
