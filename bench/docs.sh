#!/bin/sh
# docs.sh [OUTDIR [DOC.md]]
# Writes DOC.md (default docs/bench-results.md) from the run in OUTDIR
# (default bench/out): results.csv judged against bench/targets, with
# OUTDIR/linux-results.csv (make bench-linux) and OUTDIR/bochs-results.csv
# (make bench BENCH_ACCEL=bochs) as columns when they are there, the SMP
# tables (bench/smp.awk), and the plot DOC.png when gnuplot is installed.
# Figures come only from here, never typed into a page (issue 16, "Also";
# bench/docs.py has the rules).  make bench runs it at its end; make
# bench-docs alone regenerates the page from the last run.
#   BENCH_TARGETS   the targets file (default bench/targets)
#   BENCH_QEMU_CPU  the QEMU -cpu of the run (the Makefile passes QEMU_CPU)
#   BENCH_DATE      the date in the header (default: now, UTC)
set -u
out="${1:-bench/out}"
doc="${2:-docs/bench-results.md}"
targets="${BENCH_TARGETS:-bench/targets}"
die() {
	echo "bench-docs: $*" >&2
	exit 1
}
[ -s "$out/results.csv" ] || die "no $out/results.csv: run make bench first"
[ -s "$targets" ] || die "no targets file $targets"

# The commit: dirty only if a tracked file other than this page (and its
# plot) differs, since regenerating the page must not make the next run's
# header say dirty.
commit=$(git describe --always 2>/dev/null || echo "unknown (not a git checkout)")
if git rev-parse --git-dir > /dev/null 2>&1 &&
	! git diff --quiet HEAD -- . ":(exclude)$doc" ":(exclude)${doc%.md}.png" 2>/dev/null; then
	commit="$commit-dirty"
fi
accel=$(awk -F, 'NR == 2 { print $2 }' "$out/results.csv")
case "$accel" in
kvm) cpu="host (KVM: the real CPU below)" ;;
*) cpu="${BENCH_QEMU_CPU:-pentium3}" ;;
esac
host=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
date="${BENCH_DATE:-$(date -u '+%Y-%m-%d %H:%M UTC')}"

set -- --results "$out/results.csv" --targets "$targets" --out "$doc" --pairs bench/linux/pairs \
	--header "Commit=\`$commit\` (git describe --always, -dirty when a tracked file other than this page differs)" \
	--header "Generated=$date by bench/docs.sh" \
	--header "QEMU CPU model=\`-cpu $cpu\` (both columns run the same machine)" \
	--header "Host CPU=${host:-unknown} (under TCG the guest's count does not depend on it)"
if [ -s "$out/linux-results.csv" ]; then
	set -- "$@" --linux "$out/linux-results.csv"
	guest=$(sed -n 's/.*"cpu": "\([^"]*\)".*/\1/p' "$out/linux-results.json" 2>/dev/null)
	flags=$(tr -d '\r' < "$out/linux.log" 2>/dev/null | sed -n 's/^linux: cpu flags //p')
	case " $flags " in
	*" erms "* | *" fsrm "*) fast="it has fast string copies (erms/fsrm): Linux copies with rep movsb, one byte per counted instruction, which inflates its bitmap and memory copies about 4x in this unit" ;;
	"  ") fast="its flags were not recorded" ;;
	*) fast="no fast string copies (no erms or fsrm): Linux copies 4 bytes per counted rep movsl iteration, as Portcullis does" ;;
	esac
	set -- "$@" --header "Linux's CPU=${guest:-not recorded}, as the Linux guest reported it; $fast"
fi
[ -s "$out/bochs-results.csv" ] && set -- "$@" --bochs "$out/bochs-results.csv"
awk -F, -f bench/smp.awk "$out/results.csv" > "$out/smp-docs.md" && [ -s "$out/smp-docs.md" ] &&
	set -- "$@" --smp "$out/smp-docs.md"
png="${doc%.md}.png"
set -- "$@" --plot "$png"
python3 bench/docs.py "$@" || die "bench/docs.py failed"

dat="$png.dat"
if ! command -v gnuplot > /dev/null; then
	echo "bench-docs: no plot: gnuplot is not installed (apt-get install gnuplot-nox)"
elif [ -s "$dat" ]; then
	unit=$(awk -F, 'NR == 2 { print $3 }' "$out/results.csv")
	gnuplot <<EOF || echo "bench-docs: gnuplot failed; no plot"
set terminal pngcairo size 1400,700 font "sans,10"
set output "$png"
set title "Portcullis against its targets ($accel, -cpu $cpu): $unit per round trip, call or trap as the table says; log scale, lower is better" noenhanced
load "bench/histogram.gp"
set ylabel "$unit (log scale; lower is better)"
set xtics rotate by 30 right noenhanced font ",9"
set bmargin 12
plot "$dat" using 2:xtic(1) title "Portcullis" lc rgb "#2b6cb0", \
     "" using 3 title "target" lc rgb "#9ae6b4", \
     "" using 4 title "Linux" lc rgb "#c05621", \
     "" using (\$0 - 0.25):2:2 with labels offset 0,0.6 font ",8" notitle, \
     "" using (\$0):3:3 with labels offset 0,0.6 font ",8" notitle, \
     "" using (\$0 + 0.25):4:4 with labels offset 0,0.6 font ",8" notitle
EOF
fi
rm -f "$dat"
echo "bench-docs: $doc written from $out/results.csv"
