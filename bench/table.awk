# table.awk - a results.csv (bench/results.awk) as the table that
# bench/run.sh and bench/linux.sh print.  The last column is each switch_*
# figure minus the one named base (switch_noports or linux_switch_noports).
#   awk -F, -v base=switch_noports -f bench/table.awk results.csv
NR == 1 { next }
$1 == base { b = $4 }
{ row[NR] = $0 }
END {
	printf "%-28s %10s %10s %10s %4s  %s\n", "figure", "median", "min", "max", "n", "median - " base
	for (i = 2; i <= NR; i++) {
		split(row[i], f, ",")
		extra = (f[1] ~ /^(linux_)?switch_/ && f[1] != base && b != "") ? sprintf("%+d", f[4] - b) : ""
		printf "%-28s %10s %10s %10s %4s  %s\n", f[1], f[4], f[5], f[6], f[7], extra
		unit = f[3]; accel = f[2]
	}
	printf "(%s per operation, %s; loop_overhead already taken off the others)\n", unit, accel
}
