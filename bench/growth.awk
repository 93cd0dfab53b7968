# growth.awk - how each SMP figure of a results.csv grows with CPUs, as
# bench/linux.sh prints it (docs/bench.md, "Linux", "SMP").  A family of
# figures <base>_cpus<N> is one row: the median for each N, and between
# two N the cost of each CPU added.  A pair <base>_samecpu, <base>_xcpu
# is one row: both medians and what the second CPU adds.
#   awk -F, -f bench/growth.awk results.csv
NR == 1 { next }
{ unit = $3; accel = $2 }
match($1, /_cpus[0-9]+$/) {
	base = substr($1, 1, RSTART - 1)
	n = substr($1, RSTART + 5) + 0
	if (!(base in seen)) { seen[base] = 1; fam[++nfam] = base }
	med[base, n] = $4
	if (!(n in isn)) { isn[n] = 1; ns[++nns] = n }
	next
}
/_samecpu,/ { b = $1; sub(/_samecpu$/, "", b); same[b] = $4; if (!(b in pseen)) { pseen[b] = 1; pair[++npair] = b } }
/_xcpu,/ { b = $1; sub(/_xcpu$/, "", b); cross[b] = $4; if (!(b in pseen)) { pseen[b] = 1; pair[++npair] = b } }
END {
	if (!nfam && !npair)
		exit
	for (i = 2; i <= nns; i++)   # the CPU counts in ascending order
		for (j = i; j > 1 && ns[j - 1] > ns[j]; j--) { t = ns[j]; ns[j] = ns[j - 1]; ns[j - 1] = t }
	if (nfam) {
		printf "%-28s", "figure (by CPUs)"
		for (i = 1; i <= nns; i++)
			printf " %9s", ns[i] " CPU" (ns[i] > 1 ? "s" : "")
		for (i = 2; i <= nns; i++)
			printf " %12s", "per CPU " ns[i - 1] "-" ns[i]
		print ""
		for (f = 1; f <= nfam; f++) {
			printf "%-28s", fam[f] "_cpusN"
			for (i = 1; i <= nns; i++)
				printf " %9s", ((fam[f], ns[i]) in med) ? med[fam[f], ns[i]] : "-"
			for (i = 2; i <= nns; i++) {
				a = (fam[f], ns[i - 1]) in med; b = (fam[f], ns[i]) in med
				printf " %12s", a && b ? sprintf("%+.0f", (med[fam[f], ns[i]] - med[fam[f], ns[i - 1]]) / (ns[i] - ns[i - 1])) : "-"
			}
			print ""
		}
	}
	if (npair) {
		printf "%-28s %9s %9s %12s\n", "figure (partner on)", "same CPU", "other CPU", "other - same"
		for (p = 1; p <= npair; p++) {
			b = pair[p]
			printf "%-28s %9s %9s %12s\n", b, b in same ? same[b] : "-", b in cross ? cross[b] : "-",
				(b in same) && (b in cross) ? sprintf("%+d", cross[b] - same[b]) : "-"
		}
	}
	printf "(%s per operation, %s, medians; per CPU: the cost each added CPU adds)\n", unit, accel
}
