#!/bin/sh
# compare.sh PORTCULLIS.csv LINUX.csv OUTDIR
# Portcullis' figures (make bench) beside Linux's (make bench-linux): each
# Portcullis figure with its Linux counterpart, the ratio Linux/Portcullis
# (above 1: Portcullis is cheaper), and, for the switch figures, the cost
# of the ports over switch_noports on each side.  Writes OUTDIR/compare.csv
# and compare.json, and plots OUTDIR/bench.png with gnuplot if it is
# installed.  Both runs must use the same accelerator (same unit).
set -u
pc="$1"
lc="$2"
out="$3"

accel_of() { awk -F, 'NR == 2 { print $2 "," $3 }' "$1"; }
pa=$(accel_of "$pc")
la=$(accel_of "$lc")
if [ "$pa" != "$la" ]; then
	echo "bench: not comparing: Portcullis ran as $pa, Linux as $la (accelerator,unit); rerun one with BENCH_ACCEL"
	exit 0
fi

# Portcullis figure, Linux figure: bench/linux/pairs, the one list of the
# counterparts (bench/docs.py reads it too).
pairs=$(grep -v '^#' bench/linux/pairs)

echo "$pairs" | awk -v pc="$pc" -v lc="$lc" -v csv="$out/compare.csv" -v json="$out/compare.json" \
	-v dat="$out/compare.dat" '
BEGIN {
	FS = ","
	while ((getline l < pc) > 0) { split(l, f, ","); p[f[1]] = f[4]; accel = f[2]; unit = f[3] }
	while ((getline l < lc) > 0) { split(l, f, ","); x[f[1]] = f[4] }
	FS = " "
}
function num(v) { return v == "" ? "null" : v }
function ratio(a, b) { return (a != "" && b != "" && a > 0) ? sprintf("%.2f", b / a) : "" }
function row(label, lname, a, b,   r) {
	r = ratio(a, b)
	printf "%-28s %-35s %10s %10s %8s\n", label, lname, a == "" ? "-" : a, b == "" ? "-" : b, r == "" ? "-" : r
	printf "%s,%s,%s,%s,%s\n", label, lname, a, b, r > csv
	printf "%s\n  {\"figure\": \"%s\", \"linux_figure\": \"%s\", \"portcullis\": %s, \"linux\": %s, \"ratio\": %s}",
		(rows++ ? "," : ""), label, lname, num(a), num(b), num(r) > json
}
{ name[NR] = $1; lname[NR] = $2 }
END {
	printf "%-28s %-35s %10s %10s %8s\n", "Portcullis figure", "Linux figure", "Portcullis", "Linux", "Lx/Port"
	print "figure,linux_figure,portcullis,linux,ratio" > csv
	printf "{\"accel\": \"%s\", \"unit\": \"%s\", \"ratio\": \"linux / portcullis\", \"rows\": [", accel, unit > json
	for (i = 1; i <= NR; i++) {
		a = name[i] == "-" ? "" : p[name[i]]
		b = x[lname[i]]
		if (a == "" && b == "")
			continue
		row(name[i] == "-" ? "-" : name[i], lname[i], a, b)
		if (name[i] != "loop_overhead") {
			short = lname[i]; sub(/^linux_/, "", short)
			if (name[i] != "-" && name[i] != short)
				short = name[i] " vs " short
			printf "%s\t%s\t%s\n", short, a == "" ? "-" : a, b == "" ? "-" : b > dat
		}
	}
	# The ports cost of a switch: each switch_ports_* figure over switch_noports.
	for (i = 1; i <= NR; i++)
		if (name[i] ~ /^switch_ports_/ && p[name[i]] != "" && x[lname[i]] != "" &&
		    p["switch_noports"] != "" && x["linux_switch_noports"] != "")
			row(name[i] " - noports", lname[i] " - noports", p[name[i]] - p["switch_noports"],
			    x[lname[i]] - x["linux_switch_noports"])
	print "\n]}" > json
	printf "(%s per operation, %s, medians; Lx/Port = Linux / Portcullis)\n", unit, accel
}'
echo "bench: side by side in $out/compare.csv and $out/compare.json"

if ! command -v gnuplot > /dev/null; then
	echo "bench: no plot: gnuplot is not installed (apt-get install gnuplot-nox)"
	exit 0
fi
unit=${pa#*,}
accel=${pa%,*}
kernel=$(sed -n 's/.*"kernel": "\([^":]*\):.*/\1/p' "${lc%.csv}.json" 2>/dev/null)
gnuplot <<EOF || { echo "bench: gnuplot failed; no plot"; exit 0; }
set terminal pngcairo size 1200,650 font "sans,10"
set output "$out/bench.png"
set title "Portcullis against Linux ($kernel), QEMU $accel, -cpu pentium3: $unit per operation (median; log scale; lower is better)"
load "bench/histogram.gp"
set ylabel "$unit per operation"
set xtics rotate by -25 left noenhanced
plot "$out/compare.dat" using 2:xtic(1) title "Portcullis" lc rgb "#2b6cb0", \
     "" using 3 title "Linux" lc rgb "#c05621", \
     "" using (\$0 - 0.17):2:2 with labels offset 0,0.6 font ",8" notitle, \
     "" using (\$0 + 0.17):3:3 with labels offset 0,0.6 font ",8" notitle
EOF
echo "bench: plot in $out/bench.png"
