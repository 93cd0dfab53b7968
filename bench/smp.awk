# smp.awk - the SMP figures of a results.csv (bench/results.awk) as the
# two Markdown tables bench/run.sh prints and keeps in smp.md, and that
# docs/bench.md ("SMP") shows as a run printed them:
#   awk -F, -f bench/smp.awk results.csv
# 1. Each cost against the CPUs online: the 1-CPU column is the figure of
#    the one-CPU boot (no suffix), the others <figure>_smp<N>; a cell is
#    the median, with the IPIs sent per operation in brackets when any.
# 2. The shootdown: a frame mapped in k spaces, live on k CPUs or parked.
NR == 1 { next }
{ med[$1] = $4; ipi[$1] = $8; unit = $3; accel = $2 }
function cell(name) {
	if (!(name in med))
		return "-"
	return med[name] ((ipi[name] != "" && ipi[name] + 0 > 0) ? " [" ipi[name] "]" : "")
}
END {
	nf = split("null_syscall_sysenter null_syscall_int80 ipc_call_reply ipc_call_reply_cross " \
		"ipi_roundtrip ipi_all grant_revoke grant_revoke_remote", fig, " ")
	nc = split("1 2 4 8", cpus, " ")
	printf "| figure (%s, %s) |", unit, accel
	for (j = 1; j <= nc; j++)
		printf " %s CPU%s |", cpus[j], cpus[j] == 1 ? "" : "s"
	printf "\n|---|"
	for (j = 1; j <= nc; j++)
		printf "---:|"
	printf "\n"
	for (i = 1; i <= nf; i++) {
		printf "| `%s` |", fig[i]
		for (j = 1; j <= nc; j++)
			printf " %s |", cell(cpus[j] == 1 ? fig[i] : fig[i] "_smp" cpus[j])
		printf "\n"
	}
	printf "\n| spaces k (live on k CPUs) | `shootdown_live_<k>` | IPIs | `shootdown_parked_<k>` | IPIs | live - parked | per remote CPU |\n"
	printf "|---:|---:|---:|---:|---:|---:|---:|\n"
	for (k = 1; k <= 8; k *= 2) {
		l = "shootdown_live_" k
		p = "shootdown_parked_" k
		if (!(l in med) || !(p in med))
			continue
		d = med[l] - med[p]
		per = k > 1 ? sprintf("%d", d / (k - 1)) : ""
		printf "| %d | %s | %s | %s | %s | %d | %s |\n", k, med[l], ipi[l], med[p], ipi[p], d, per
	}
	printf "(medians in %s per operation, %s; [n]: IPIs sent per operation, by every CPU)\n", unit, accel
}
