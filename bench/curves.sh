#!/bin/sh
# curves.sh RESULTS.csv OUTDIR [LINUX.csv [CPU]]
# The scaling curves (issue 16; docs/bench.md, "The scaling curves"): every series of
# RESULTS.csv (bench/curves.awk: <base>_<n> figures) as a table of the
# median against n with the slope per unit of n, kept in OUTDIR/curves.txt,
# and one plot per series, OUTDIR/curves-<base>.png, with the Linux
# counterparts from LINUX.csv (make bench-linux) where there are any.
# CPU names the emulator and CPU model both ran on ("QEMU pentium3"), for
# the titles.  Without gnuplot
# the table is still printed and the plots are skipped, as compare.sh does.
set -u
results="$1"
out="$2"
linux="${3:-}"
cpu="${4:-?}"
dir="$out/curves"
rm -rf "$dir"
mkdir -p "$dir"
[ -s "$linux" ] || linux=""

awk -F, -v dir="$dir" -v linux="$linux" -f bench/curves.awk "$results" | tee "$out/curves.txt"

if ! command -v gnuplot > /dev/null; then
	echo "bench: no plot: gnuplot is not installed (apt-get install gnuplot-nox)"
	exit 0
fi
# The Linux lines' kernel and CPU, as bench/linux.sh recorded them (the unit is the same: curves.awk checks).
lnote=""
if [ -n "$linux" ]; then
	ljson="${linux%.csv}.json"
	lkernel=$(sed -n 's/.*"kernel": "\([^":]*\).*/\1/p' "$ljson" 2>/dev/null)
	lcpu=$(sed -n 's/.*"cpu": "\([^"]*\)".*/\1/p' "$ljson" 2>/dev/null)
	lnote="\\nLinux lines: ${lkernel:-Linux} on ${lcpu:-the same machine}, same unit"
fi
accel=$(awk -F, 'NR == 2 { print $2; exit }' "$results")
unit=$(awk -F, 'NR == 2 { print $3; exit }' "$results")

# plot BASE XLABEL PER LOGX LINUX: the gnuplot script of one series on stdout.
plot() {
	dat="$dir/$1.dat"
	note=""
	[ "$3" = yield ] && note=" (a round trip is two yields)"
	cat <<EOF
set terminal pngcairo size 1000,620 font "sans,11"
set output "$out/curves-$1.png"
set title "$1_<n>: $unit per $3 against n$note; lower is better\nPortcullis, $accel on $cpu; medians of the batches$lnote" noenhanced
set xlabel "n = $2" noenhanced
set ylabel "$unit per $3 (log scale)" noenhanced
set logscale y 10
set yrange [0.5:*]
set format y "%.0f"
set grid xtics ytics mytics
set key outside below noenhanced
set offsets graph 0.04, graph 0.04, 0, 0
set datafile separator "\t"
EOF
	[ "$4" = 1 ] && echo "set logscale x 2"
	# A tic at each n measured, the range just around them.
	echo "set autoscale xfix"
	awk -F'\t' '{ printf "%s\"%s\" %s", (NR > 1 ? ", " : "set xtics noenhanced ("), $3, $1 } END { print ")" }' "$dat"
	printf 'plot "%s" using 1:2 with linespoints lw 2 pt 7 lc rgb "#2b6cb0" title "Portcullis: %s_<n>", \\\n' "$dat" "$1"
	# With a Linux curve as well, Portcullis' values go under its points and Linux's over theirs.
	off=1
	[ -s "$dir/$1.linux" ] && off=-1.2
	printf '     "%s" using 1:2:2 with labels offset 0,%s font ",9" notitle' "$dat" "$off"
	# Portcullis' own reference (the n = 0 figure) grey, each Linux line its own warm colour.
	awk -F'\t' 'BEGIN { split("#c05621 #9b2c2c #b7791f #6b46c1", c, " ") }
		{ lin = $1 ~ /[(]Linux[)]$/
		  printf ", \\\n     %s with lines dt %d lw 2 lc rgb \"%s\" title \"%s: %s\"", $2, (lin ? 2 : 3),
			(lin ? c[++k] : "#4a5568"), $1, $2 }' "$dir/$1.ref"
	if [ -s "$dir/$1.linux" ]; then
		printf ', \\\n     "%s" using 1:2 with linespoints dt 3 lw 2 pt 5 lc rgb "#c05621" title "Linux: %s_<n>, same n"' \
			"$dir/$1.linux" "$5"
		printf ', \\\n     "%s" using 1:2:2 with labels offset 0,1.2 font ",9" notitle' "$dir/$1.linux"
	fi
	echo
}

plotted=0
while IFS="$(printf '\t')" read -r base xlabel per logx lbase; do
	plot "$base" "$xlabel" "$per" "$logx" "$lbase" > "$dir/$base.gp"
	gnuplot "$dir/$base.gp" || { echo "bench: gnuplot failed on $base; no plot"; continue; }
	plotted=$((plotted + 1))
done < "$dir/series.tsv"
echo "bench: $plotted curves in $out/curves-<series>.png"
